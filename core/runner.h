/* runner.h - running a pipeline over inputs on worker threads (internal). */
#ifndef DP_RUNNER_H
#define DP_RUNNER_H

#include "input.h"
#include "json_write.h"
#include "pipeline.h"

struct dp_run_opts {
	int jobs;                     /* worker threads, >= 1 */
	FILE *out;                    /* output stream */
	FILE *errors;                 /* dead-letter stream, or NULL */
	bool progress;                /* progress line on stderr */
	bool one_thread;              /* with jobs 1: read, run and write
	                                 in the calling thread, in turn
	                                 (for one usable CPU) */
	bool time_steps;              /* time each step (the summary's
	                                 plugin shares); off, the clock is
	                                 never read per document */
	uint64_t skip;                /* documents to skip (resume) */
	struct dp_json_opts json;
};

struct dp_run_stats {
	uint64_t docs, ok, failed, skipped;
	uint64_t bytes;               /* input text bytes */
	double seconds;
	uint64_t *step_ns;            /* per step, summed over workers
	                                 (zeros unless o->time_steps);
	                                 malloc'd by dp_run(), freed with
	                                 dp_run_stats_free() */
	int write_error;              /* errno of a failed write, or 0 */
};

/* Runs @pl over @in; output in input order whatever @jobs is. Returns 0,
 * or DP_EIO when the output could not be written. */
DP_INTERNAL int dp_run(const struct dp_pipeline *pl, struct dp_input *in,
                       const struct dp_run_opts *o,
                       struct dp_run_stats *stats);

DP_INTERNAL void dp_run_stats_free(struct dp_run_stats *stats);

#endif
