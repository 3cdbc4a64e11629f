/*
 * noop.c - a plugin that does nothing, for measuring the core's own cost
 * (JSON in, the pipeline machinery, JSON out). Not installed.
 */
#include <docproc/docproc.h>

#ifndef NOOP_NAME
#define NOOP_NAME "noop"
#endif

static int noop_process(void *state, struct dp_doc *doc)
{
	(void)state;
	(void)doc;
	return 0;
}

DP_PLUGIN_DEFINE(.name = NOOP_NAME, .version = "1.0",
                 .description = "does nothing (benchmarks)",
                 .process = noop_process);
