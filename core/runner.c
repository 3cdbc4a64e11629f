/*
 * runner.c - the batch engine: one reader thread, N worker threads, and
 * the calling thread as the writer.
 *
 * Items travel through a ring of slots: the reader fills slot seq % size
 * with raw input bytes; a worker parses it, runs the pipeline on its own
 * document record and serialises the result into the slot; the writer
 * writes slots strictly in seq order and frees them. Output order is input
 * order whatever the number of workers, and memory is bounded by the ring
 * (slots keep their buffers, so a run allocates little after warm-up).
 */
#include "config.h"
#include "runner.h"
#include "json_read.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum slot_state { SLOT_FREE, SLOT_FILLED, SLOT_DONE };

/* A slot holds a batch of items, so that threads hand over work (and
 * wake each other) once per batch rather than once per document. */
#define BATCH_DOCS 64
#define BATCH_BYTES (256u << 10)

struct slot {
	struct dp_item items[BATCH_DOCS];
	size_t n;
	struct dp_buf out;        /* the records of the whole batch */
	struct dp_buf dead;       /* copies of its error records */
	uint64_t ok, failed, skipped, bytes;
	enum slot_state state;
};

struct engine {
	pthread_mutex_t mu;
	pthread_cond_t cv_filled, cv_done, cv_free;
	struct slot *ring;
	size_t nslots;
	uint64_t next_fill, next_take;
	bool eof;
	struct dp_input *in;
	const struct dp_pipeline *pl;
	const struct dp_run_opts *o;
};

struct worker {
	struct engine *e;
	pthread_t tid;
	struct dp_doc *doc;
	struct dp_in_doc in;
	struct dp_buf *out;       /* the batch's records: written in place */
	size_t mark;              /* where the current record starts */
	uint64_t *step_ns;
	int start_rc;
};

/* Buffers above this size are released after use, to keep memory flat. */
#define SLOT_KEEP (4u << 20)

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ------------------------------------------------------------- reader */

/* Reads the next batch into @s; returns 0 at the end of the input. */
static int fill_slot(struct engine *e, struct slot *s)
{
	size_t bytes = 0;
	int got;

	s->n = 0;
	do {
		got = dp_input_next(e->in, &s->items[s->n]);
		if (got)
			bytes += s->items[s->n++].data.len;
	} while (got && s->n < BATCH_DOCS && bytes < BATCH_BYTES);
	return got;
}

static void *reader_main(void *arg)
{
	struct engine *e = arg;

	for (;;) {
		struct slot *s;
		int got;

		pthread_mutex_lock(&e->mu);
		s = &e->ring[e->next_fill % e->nslots];
		while (s->state != SLOT_FREE)
			pthread_cond_wait(&e->cv_free, &e->mu);
		pthread_mutex_unlock(&e->mu);

		got = fill_slot(e, s);

		pthread_mutex_lock(&e->mu);
		if (s->n) {
			s->state = SLOT_FILLED;
			e->next_fill++;
			pthread_cond_signal(&e->cv_filled);
		}
		if (!got) {
			e->eof = true;
			pthread_cond_broadcast(&e->cv_filled);
			pthread_cond_broadcast(&e->cv_done);
		}
		pthread_mutex_unlock(&e->mu);
		if (!got)
			return NULL;
	}
}

/* ------------------------------------------------------------ workers */

/* Writes an error record for @it into w->rec; returns false. */
static bool error_record(struct worker *w, const struct dp_item *it,
                         const char *id, const char *plugin, const char *msg,
                         const char *meta, size_t meta_len, const char *text,
                         size_t len)
{
	const struct dp_json_opts *o = &w->e->o->json;

	w->out->len = w->mark;
	if (dp_json_write_error(w->out, id, plugin, msg, it->source, it->line,
	                        meta, meta_len, text, len, o) < 0) {
		/* even the error record did not fit: write a minimal one */
		w->out->len = w->mark;
		dp_json_write_error(w->out, id, plugin, "out of memory",
		                    it->source, it->line, NULL, 0, NULL, 0, o);
	}
	return false;
}

static size_t first_bad_utf8(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		size_t at = i;
		if (dp_utf8_next(s, len, &i) < 0)
			return at;
	}
	return len;
}

/* Runs the pipeline on one document; the record goes to w->rec. Returns
 * true when the document is ok. */
static bool run_doc(struct worker *w, const struct dp_item *it,
                    const char *id, const char *text, size_t len,
                    const char *meta, size_t mlen, struct dp_buf *own)
{
	struct engine *e = w->e;
	struct dp_error err;
	size_t failed = 0;
	int rc;

	/* a decoded text (@own holds it) is handed over, not copied; @text
	 * stays valid: the document owns it now */
	rc = own ? dp_doc_reset_take(w->doc, id, own, meta, mlen)
	         : dp_doc_reset(w->doc, id, text, len, meta, mlen);
	if (rc)
		return error_record(w, it, id, "docproc", dp_strerror(rc), meta,
		                    mlen, NULL, 0);
	dp_error_clear(&err);
	rc = dp_pipeline_process(e->pl, w->doc, &failed, &err,
	                         e->o->time_steps ? w->step_ns : NULL);
	if (rc)
		return error_record(w, it, id,
		                    e->pl->steps[failed].mod.desc->name, err.msg,
		                    meta, mlen, text, len);
	w->out->len = w->mark;
	if (dp_json_write_doc(w->out, w->doc, &e->o->json) < 0)
		return error_record(w, it, id, "docproc",
		                    "out of memory writing output", meta, mlen,
		                    NULL, 0);
	return true;
}

static bool process_item(struct worker *w, struct dp_item *it)
{
	char msg[1024];
	bool ok = false;

	switch (it->kind) {
	case DP_ITEM_FAIL:
		ok = error_record(w, it, it->id, "docproc",
		                  it->data.data ? it->data.data
		                                : "unreadable input",
		                  NULL, 0, NULL, 0);
		break;
	case DP_ITEM_TXT: {
		const char *t = it->data.data ? it->data.data : "";
		size_t bad = first_bad_utf8(t, it->data.len);
		if (bad < it->data.len) {
			snprintf(msg, sizeof msg, "%s: invalid UTF-8 at byte %zu",
			         it->source, bad);
			ok = error_record(w, it, it->id, "docproc", msg, NULL, 0,
			                  NULL, 0);
			break;
		}
		ok = run_doc(w, it, it->id, t, it->data.len, NULL, 0, NULL);
		break;
	}
	case DP_ITEM_JSONL:
		if (dp_json_read_doc(it->data.data, it->data.len, it->source,
		                     it->line, &w->in, msg, sizeof msg) < 0) {
			ok = error_record(w, it, w->in.id, "docproc", msg,
			                  w->in.meta, w->in.meta_len, NULL, 0);
		} else {
			ok = run_doc(w, it, w->in.id, w->in.text, w->in.len,
			             w->in.meta, w->in.meta_len,
			             &w->in.textbuf);
		}
		dp_in_doc_release(&w->in);
		if (w->in.textbuf.cap > SLOT_KEEP)
			dp_buf_free(&w->in.textbuf);
		break;
	}
	if (it->data.cap > SLOT_KEEP)
		dp_buf_free(&it->data);
	return ok;
}

static void process_slot(struct worker *w, struct slot *s)
{
	s->out.len = 0;
	s->dead.len = 0;
	s->ok = s->failed = s->skipped = s->bytes = 0;
	w->out = &s->out;
	for (size_t i = 0; i < s->n; i++) {
		struct dp_item *it = &s->items[i];

		s->bytes += it->data.len;
		if (it->seq < w->e->o->skip) {
			s->skipped++;
			continue;
		}
		w->mark = s->out.len;
		if (process_item(w, it)) {
			s->ok++;
			continue;
		}
		s->failed++;
		if (w->e->o->errors &&
		    dp_buf_append(&s->dead, s->out.data + w->mark,
		                  s->out.len - w->mark) < 0) {
			/* the dead-letter copy is lost; the output keeps it */
			s->dead.len = 0;
		}
	}
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	struct engine *e = w->e;

	for (;;) {
		struct slot *s;
		uint64_t seq;

		pthread_mutex_lock(&e->mu);
		while (e->next_take == e->next_fill && !e->eof)
			pthread_cond_wait(&e->cv_filled, &e->mu);
		if (e->next_take == e->next_fill) {
			pthread_mutex_unlock(&e->mu);
			return NULL;
		}
		seq = e->next_take++;
		s = &e->ring[seq % e->nslots];
		pthread_mutex_unlock(&e->mu);

		process_slot(w, s);

		pthread_mutex_lock(&e->mu);
		s->state = SLOT_DONE;
		pthread_cond_broadcast(&e->cv_done);
		pthread_mutex_unlock(&e->mu);
	}
}

/* ------------------------------------------------------------- writer */

struct writer {
	const struct dp_run_opts *o;
	struct dp_input *in;
	struct dp_run_stats *stats;
	double t0, last;          /* start, last progress line */
	uint64_t in_bytes;
};

static void progress(const struct dp_run_stats *st, uint64_t in_bytes,
                     uint64_t total, double t0, bool final)
{
	double el = now_s() - t0;
	double mb = (double)in_bytes / 1e6;
	double rate = el > 0 ? mb / el : 0;
	char eta[32] = "";

	if (total && rate > 0 && in_bytes <= total) {
		double left = ((double)(total - in_bytes) / 1e6) / rate;
		snprintf(eta, sizeof eta, ", ETA %d:%02d", (int)left / 60,
		         (int)left % 60);
	}
	fprintf(stderr, "\r\033[Kdocproc: %llu docs, %.1f%s%.1f MB, %.1f MB/s, "
	        "%.0f docs/s%s, %llu errors%s",
	        (unsigned long long)st->docs, mb, total ? "/" : "",
	        total ? (double)total / 1e6 : 0.0, rate,
	        el > 0 ? (double)st->docs / el : 0.0, final ? "" : eta,
	        (unsigned long long)st->failed, final ? "\n" : "");
	fflush(stderr);
}

/* Counts the batch @s, writes its records (in input order: the caller
 * drains slots in order) and frees its oversized buffers. */
static void drain_slot(struct writer *w, struct slot *s)
{
	const struct dp_run_opts *o = w->o;
	struct dp_run_stats *stats = w->stats;

	w->in_bytes += s->bytes;
	stats->skipped += s->skipped;
	stats->ok += s->ok;
	stats->failed += s->failed;
	stats->docs += s->ok + s->failed;
	stats->bytes += s->bytes;
	if (!stats->write_error && s->out.len &&
	    fwrite(s->out.data, 1, s->out.len, o->out) != s->out.len)
		stats->write_error = errno ? errno : EIO;
	if (o->errors && s->dead.len && !stats->write_error &&
	    fwrite(s->dead.data, 1, s->dead.len, o->errors) != s->dead.len)
		stats->write_error = errno ? errno : EIO;
	if (s->out.cap > SLOT_KEEP)
		dp_buf_free(&s->out);
	if (s->dead.cap > SLOT_KEEP)
		dp_buf_free(&s->dead);
	if (o->progress) {
		double t = now_s();
		if (t - w->last > 0.2) {
			w->last = t;
			progress(stats, w->in_bytes, dp_input_total(w->in),
			         w->t0, false);
		}
	}
}

int dp_run(const struct dp_pipeline *pl, struct dp_input *in,
           const struct dp_run_opts *o, struct dp_run_stats *stats)
{
	struct engine e;
	struct worker *ws;
	pthread_t reader;
	int jobs = o->jobs < 1 ? 1 : o->jobs;
	int started = 0, rc = 0;
	double t0 = now_s();
	struct writer w = { .o = o, .in = in, .stats = stats, .t0 = t0 };

	memset(&e, 0, sizeof e);
	e.in = in;
	e.pl = pl;
	e.o = o;
	/* one thread needs one slot */
	e.nslots = o->one_thread && jobs == 1 ? 1 : (size_t)jobs * 2 + 2;
	e.ring = calloc(e.nslots, sizeof *e.ring);
	ws = calloc((size_t)jobs, sizeof *ws);
	stats->step_ns = calloc(pl->n + 1, sizeof *stats->step_ns);
	if (!e.ring || !ws || !stats->step_ns) {
		rc = DP_ENOMEM;
		goto out_free;
	}
	pthread_mutex_init(&e.mu, NULL);
	pthread_cond_init(&e.cv_filled, NULL);
	pthread_cond_init(&e.cv_done, NULL);
	pthread_cond_init(&e.cv_free, NULL);

	for (int i = 0; i < jobs; i++) {
		ws[i].e = &e;
		ws[i].doc = dp_doc_new();
		ws[i].step_ns = calloc(pl->n + 1, sizeof *ws[i].step_ns);
		if (!ws[i].doc || !ws[i].step_ns) {
			rc = DP_ENOMEM;
			goto out_threads;
		}
	}
	if (o->one_thread && jobs == 1)
		goto one_thread;
	for (; started < jobs; started++)
		if (pthread_create(&ws[started].tid, NULL, worker_main,
		                   &ws[started]) != 0)
			break;
	if (started == 0 || pthread_create(&reader, NULL, reader_main, &e)) {
		/* stop the workers that did start */
		pthread_mutex_lock(&e.mu);
		e.eof = true;
		pthread_cond_broadcast(&e.cv_filled);
		pthread_mutex_unlock(&e.mu);
		for (int i = 0; i < started; i++)
			pthread_join(ws[i].tid, NULL);
		rc = DP_ENOMEM;
		goto out_threads;
	}

	for (uint64_t seq = 0; started > 0; seq++) {
		struct slot *s = &e.ring[seq % e.nslots];

		pthread_mutex_lock(&e.mu);
		while (s->state != SLOT_DONE && !(e.eof && seq == e.next_fill))
			pthread_cond_wait(&e.cv_done, &e.mu);
		if (s->state != SLOT_DONE) {
			pthread_mutex_unlock(&e.mu);
			break;
		}
		pthread_mutex_unlock(&e.mu);

		drain_slot(&w, s);

		pthread_mutex_lock(&e.mu);
		s->state = SLOT_FREE;
		pthread_cond_broadcast(&e.cv_free);
		pthread_mutex_unlock(&e.mu);
	}
	if (o->progress)
		progress(stats, w.in_bytes, dp_input_total(in), t0, true);

	pthread_join(reader, NULL);
	for (int i = 0; i < started; i++)
		pthread_join(ws[i].tid, NULL);
	goto out_sum;

one_thread:
	/* read a batch, run it, write it, in turn: with one CPU the three
	 * threads would only take turns on it, switching at every batch */
	for (int got = 1; got;) {
		struct slot *s = &e.ring[0];

		got = fill_slot(&e, s);
		if (s->n) {
			process_slot(&ws[0], s);
			drain_slot(&w, s);
		}
	}
	if (o->progress)
		progress(stats, w.in_bytes, dp_input_total(in), t0, true);

out_sum:
	for (int i = 0; i < jobs; i++)
		for (size_t k = 0; k < pl->n; k++)
			stats->step_ns[k] += ws[i].step_ns[k];
	if (stats->write_error)
		rc = DP_EIO;

out_threads:
	for (int i = 0; i < jobs; i++) {
		dp_doc_free(ws[i].doc);
		dp_in_doc_free(&ws[i].in);
		free(ws[i].step_ns);
	}
	pthread_mutex_destroy(&e.mu);
	pthread_cond_destroy(&e.cv_filled);
	pthread_cond_destroy(&e.cv_done);
	pthread_cond_destroy(&e.cv_free);
out_free:
	if (e.ring)
		for (size_t i = 0; i < e.nslots; i++) {
			for (size_t k = 0; k < BATCH_DOCS; k++)
				dp_buf_free(&e.ring[i].items[k].data);
			dp_buf_free(&e.ring[i].out);
			dp_buf_free(&e.ring[i].dead);
		}
	free(e.ring);
	free(ws);
	stats->seconds = now_s() - t0;
	return rc;
}

void dp_run_stats_free(struct dp_run_stats *stats)
{
	free(stats->step_ns);
	stats->step_ns = NULL;
}
