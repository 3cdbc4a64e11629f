/*
 * check_run.c - docproc-check: the checks themselves (runs, spans, layers,
 * determinism, threads, alloc), run in the child process. Each prints one
 * report line, with details under it.
 */
#include "config.h"
#include "check_plugin.h"

#include <docproc/harness.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *const chk_names[C_COUNT] = {
	"runs", "spans", "layers", "determinism", "threads", "alloc", "leaks",
};

static void report(struct checker *c, enum chk_id id, bool ok,
                   const char *fmt, ...) DP_PRINTF(4, 5);

static void report(struct checker *c, enum chk_id id, bool ok,
                   const char *fmt, ...)
{
	va_list ap;

	c->prog->result[id] = ok ? 1 : 2;
	printf("  [%s] %-12s ", ok ? "PASS" : "FAIL", chk_names[id]);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

void chk_skipped(struct progress *p, enum chk_id id, const char *why)
{
	p->result[id] = 3;
	printf("  [SKIP] %-12s %s\n", chk_names[id], why);
	fflush(stdout);
}

/* A detail line under a check, at most @max per check unless verbose. */
static void detail(const struct opts *o, int *count, const char *fmt, ...)
	DP_PRINTF(3, 4);

static void detail(const struct opts *o, int *count, const char *fmt, ...)
{
	va_list ap;

	if (++*count > 5 && !o->verbose) {
		if (*count == 6)
			printf("         ... (more with --verbose)\n");
		return;
	}
	printf("         ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static uint64_t fnv64(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 14695981039346656037ull;

	for (size_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= 1099511628211ull;
	}
	return h;
}

static int render(struct dp_buf *b, struct dp_doc *doc,
                  const struct checker *c)
{
	struct dp_json_opts jo = {0};

	jo.with_text = true;
	jo.plugins = c->stamps;
	jo.nplugins = c->pl.n;
	b->len = 0;
	if (dp_json_write_doc(b, doc, &jo) < 0)
		return DP_ENOMEM;
	/* as dp_harness_json(): no trailing newline */
	if (b->len && b->data[b->len - 1] == '\n')
		b->data[--b->len] = '\0';
	return 0;
}

/* Runs corpus document @i through @pl on @doc; fills @out. The error
 * message is rendered as the harness renders it, so that outcomes of the
 * pipeline and of the harness compare. */
static int run_doc(const struct checker *c, const struct dp_pipeline *pl,
                   struct dp_doc *doc, size_t i, long fail_after,
                   struct dp_buf *b, struct outcome *out, char *msg,
                   size_t msglen)
{
	const struct chk_doc *d = &c->corpus.docs[i];
	struct dp_error err;
	size_t failed = 0;
	int rc;

	dp_error_clear(&err);
	rc = dp_doc_reset(doc, "test", d->text, d->len, NULL, 0);
	if (rc)
		return rc;
	doc->fail_alloc_after = fail_after;
	out->rc = dp_pipeline_process(pl, doc, &failed, &err, NULL);
	doc->fail_alloc_after = 0;
	if (out->rc) {
		snprintf(msg, msglen, "plugin '%s': %s",
		         pl->steps[failed].mod.desc->name, err.msg);
		out->hash = fnv64(msg, strlen(msg));
		out->len = strlen(msg);
		return 0;
	}
	msg[0] = '\0';
	rc = render(b, doc, c);
	if (rc)
		return rc;
	out->hash = fnv64(b->data, b->len);
	out->len = b->len;
	return 0;
}

static bool on_boundary(const char *t, size_t len, size_t off)
{
	return off == 0 || off == len ||
	       (off < len && ((unsigned char)t[off] & 0xC0) != 0x80);
}

/* Checks every present layer of @doc; returns the number of problems. */
static int check_spans(const struct checker *c, const struct dp_doc *doc,
                       const char *docname, size_t *nspans, int *shown)
{
	size_t len;
	const char *t = dp_doc_text(doc, &len);
	int bad = 0;

	for (size_t li = 0; li < doc->nlayers; li++) {
		const struct dp_layer *l = doc->layers[li];
		const uint32_t *st = dp_layer_starts(l), *en = dp_layer_ends(l);
		size_t n = dp_layer_size(l);

		if (!l->present)
			continue;
		*nspans += n;
		for (size_t i = 0; i < n; i++) {
			const char *why = NULL;

			if (st[i] > en[i] || en[i] > len)
				why = "outside the text or reversed";
			else if (!on_boundary(t, len, st[i]) ||
			         !on_boundary(t, len, en[i]))
				why = "not on a character boundary";
			else if (i && (st[i] < st[i - 1] ||
			               (st[i] == st[i - 1] && en[i] < en[i - 1])))
				why = "not sorted by (start, end)";
			for (int a = 0; !why && a < l->ncols; a++) {
				size_t s, e;
				if (l->cols[a].type != DP_ATTR_SPAN ||
				    !dp_layer_get_span(l, i, a, &s, &e))
					continue;
				if (s > e || e > len || !on_boundary(t, len, s) ||
				    !on_boundary(t, len, e))
					why = "has a span attribute outside the "
					      "text or off character boundaries";
			}
			if (why) {
				bad++;
				detail(c->o, shown, "document '%s': layer '%s' "
				       "span %zu [%u, %u) %s", docname, l->name, i,
				       st[i], en[i], why);
				break;
			}
		}
	}
	return bad;
}

/* The layers present that no step declares. */
static int check_declared(const struct checker *c, const struct dp_doc *doc,
                          const char *docname, int *shown)
{
	int bad = 0;

	for (size_t li = 0; li < doc->nlayers; li++) {
		const struct dp_layer *l = doc->layers[li];
		bool ok = !l->present || l == doc->edits;

		for (size_t s = 0; s < c->pl.n && !ok; s++)
			ok = chk_in_list(c->pl.steps[s].mod.desc->provides,
			                 l->name);
		if (!ok) {
			bad++;
			detail(c->o, shown, "document '%s': undeclared layer "
			       "'%s' in the output", docname, l->name);
		}
	}
	return bad;
}

/* Whether a failure is the core's report of a span out of bounds or off
 * character boundaries (pipeline.c, check_layers()). */
static bool is_span_violation(const char *msg)
{
	return strstr(msg, "is outside the text") ||
	       strstr(msg, "does not lie on UTF-8 character boundaries") ||
	       strstr(msg, "outside the text or not on character boundaries");
}

/* Whether a failure is the core's report of a layer written without being
 * declared, or written by a plugin that does not own it. */
static bool is_layer_violation(int rc, const char *msg)
{
	return rc == DP_ELAYER ||
	       strstr(msg, "does not list it in its provides") ||
	       strstr(msg, "does not declare in provides") ||
	       strstr(msg, "belongs to another plugin");
}

/* Standard output is the docproc command's output stream: a plugin must
 * never write to it. During the serial pass, fd 1 points at a scratch
 * file whenever a plugin runs; these return how much it has grown. */
struct capture {
	FILE *file;
	int saved;        /* the real standard output */
	long size;
};

static int capture_open(struct capture *cap)
{
	cap->size = 0;
	cap->file = tmpfile();
	if (!cap->file)
		return -1;
	return 0;
}

static void capture_begin(struct capture *cap)
{
	fflush(stdout);
	cap->saved = dup(STDOUT_FILENO);
	if (cap->saved >= 0)
		dup2(fileno(cap->file), STDOUT_FILENO);
}

/* Ends a capture; returns the bytes written to standard output in it. */
static long capture_end(struct capture *cap)
{
	struct stat st;
	long grown = 0;

	if (cap->saved < 0)
		return 0;
	fflush(stdout);
	dup2(cap->saved, STDOUT_FILENO);
	close(cap->saved);
	if (fstat(fileno(cap->file), &st) == 0) {
		grown = (long)st.st_size - cap->size;
		cap->size = (long)st.st_size;
	}
	return grown;
}

/* runs, spans, layers: one serial pass that also records the outcomes. */
static void check_serial(struct checker *c)
{
	struct dp_doc *doc = dp_doc_new();
	struct dp_buf b = {0};
	char msg[1200];
	int shown_runs = 0, shown_spans = 0, shown_layers = 0;
	int bad_runs = 0, bad_spans = 0, bad_layers = 0, noted = 0;
	size_t nspans = 0;
	struct capture cap;

	if (!doc || capture_open(&cap) < 0) {
		dp_doc_free(doc);
		report(c, C_RUNS, false, "out of memory");
		return;
	}
	for (size_t i = 0; i < c->corpus.n; i++) {
		const struct chk_doc *d = &c->corpus.docs[i];
		struct outcome *out = &c->serial[i];
		long printed;
		int rc;

		c->prog->doc = (long)i;
		capture_begin(&cap);
		rc = run_doc(c, &c->pl, doc, i, 0, &b, out, msg, sizeof msg);
		printed = capture_end(&cap);
		if (printed > 0) {
			bad_runs++;
			detail(c->o, &shown_runs, "document '%s': %ld bytes written "
			       "to standard output, which is docproc's output",
			       d->name, printed);
		}
		if (rc) {
			bad_runs++;
			detail(c->o, &shown_runs, "document '%s': out of memory "
			       "in the checker", d->name);
			continue;
		}
		if (out->rc && is_span_violation(msg)) {
			bad_spans++;
			detail(c->o, &shown_spans, "document '%s': the core "
			       "reports: %s", d->name, msg);
			continue;
		}
		if (out->rc && is_layer_violation(out->rc, msg)) {
			bad_layers++;
			detail(c->o, &shown_layers, "document '%s': the core "
			       "reports: %s", d->name, msg);
			continue;
		}
		if (out->rc && d->big) {
			noted++;
			printf("  [NOTE] %-12s document '%s' (%zu bytes) failed: "
			       "%s\n", chk_names[C_RUNS], d->name, d->len, msg);
		} else if (out->rc) {
			bad_runs++;
			detail(c->o, &shown_runs, "document '%s': %s (%s)", d->name,
			       msg, dp_strerror(out->rc));
		}
		if (out->rc)
			continue;
		bad_spans += check_spans(c, doc, d->name, &nspans,
		                         &shown_spans);
		bad_layers += check_declared(c, doc, d->name, &shown_layers);
	}
	c->prog->doc = -1;
	c->prog->check = C_RUNS;
	report(c, C_RUNS, bad_runs == 0, "%zu documents (%.2f MB): %d failed%s",
	       c->corpus.n, (double)c->corpus.bytes / 1e6, bad_runs,
	       noted ? ", the big one noted" : "");
	c->prog->check = C_SPANS;
	report(c, C_SPANS, bad_spans == 0, "%zu spans: %s", nspans,
	       bad_spans ? "see above" : "inside the text, on character "
	                                 "boundaries, sorted");
	c->prog->check = C_LAYERS;
	report(c, C_LAYERS, bad_layers == 0, "%s",
	       bad_layers ? "layers written that no step declares"
	                  : "only declared layers written");
	fclose(cap.file);
	dp_buf_free(&b);
	dp_doc_free(doc);
}

/* determinism: the public harness, loading and initialising the same
 * plugins a second time, must give the same outcome for every document. */
static void check_determinism(struct checker *c)
{
	struct dp_harness *h = dp_harness_new();
	int bad = 0, shown = 0;
	size_t compared = 0;

	if (!h) {
		report(c, C_DET, false, "out of memory");
		return;
	}
	for (size_t i = 0; i < c->npaths; i++)
		if (dp_harness_add(h, c->paths[i], i + 1 == c->npaths
		                                   ? c->o->options : NULL)) {
			report(c, C_DET, false, "second load failed: %s",
			       dp_harness_error(h));
			dp_harness_free(h);
			return;
		}
	/* in reverse order: a plugin whose output depends on the documents
	 * it saw before shows here */
	for (size_t i = c->corpus.n; i-- > 0;) {
		const struct chk_doc *d = &c->corpus.docs[i];
		const struct outcome *want = &c->serial[i];
		struct outcome got;
		const char *json;

		c->prog->doc = (long)i;
		got.rc = dp_harness_run_len(h, d->text, d->len, NULL);
		if (got.rc) {
			const char *m = dp_harness_error(h);
			got.hash = fnv64(m, strlen(m));
			got.len = strlen(m);
		} else {
			json = dp_harness_json(h);
			if (!json) {
				bad++;
				detail(c->o, &shown, "document '%s': no JSON",
				       d->name);
				continue;
			}
			got.len = strlen(json);
			got.hash = fnv64(json, got.len);
		}
		compared++;
		if (got.rc != want->rc || got.hash != want->hash ||
		    got.len != want->len) {
			bad++;
			detail(c->o, &shown, "document '%s': the second run "
			       "differs (%s, %zu bytes vs %s, %zu bytes)", d->name,
			       want->rc ? "error" : "ok", want->len,
			       got.rc ? "error" : "ok", got.len);
		}
	}
	c->prog->doc = -1;
	report(c, C_DET, bad == 0, "%zu documents run again, in reverse "
	       "order, in a second pipeline (own init, the test harness): "
	       "%s", compared, bad ? "outputs differ" : "identical JSON");
	dp_harness_free(h);
}

/* threads: workers share c->pl (one plugin state) and start together. */
struct worker {
	struct checker *c;
	pthread_barrier_t *go;
	size_t first;        /* corpus index to start at */
	int bad;
	size_t runs;
	long first_bad;      /* corpus index, -1 none */
};

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	struct checker *c = w->c;
	struct dp_doc *doc = dp_doc_new();
	struct dp_buf b = {0};
	char msg[1200];

	pthread_barrier_wait(w->go);
	if (!doc) {
		w->bad++;
		return NULL;
	}
	for (size_t k = 0; k < c->corpus.n; k++) {
		size_t i = (w->first + k) % c->corpus.n;
		const struct outcome *want = &c->serial[i];
		struct outcome got;

		if (c->corpus.docs[i].big)
			continue;
		if (run_doc(c, &c->pl, doc, i, 0, &b, &got, msg, sizeof msg)) {
			w->bad++;
			continue;
		}
		w->runs++;
		if (got.rc != want->rc || got.hash != want->hash ||
		    got.len != want->len) {
			if (w->first_bad < 0)
				w->first_bad = (long)i;
			w->bad++;
		}
	}
	dp_buf_free(&b);
	dp_doc_free(doc);
	return NULL;
}

static void check_threads(struct checker *c)
{
	int nt = c->o->threads;
	struct worker *w = calloc((size_t)nt, sizeof *w);
	pthread_t *tid = calloc((size_t)nt, sizeof *tid);
	pthread_barrier_t go;
	int bad = 0, shown = 0, started = 0;
	size_t runs = 0;

	if (!w || !tid || pthread_barrier_init(&go, NULL, (unsigned)nt)) {
		report(c, C_THREADS, false, "cannot set up %d threads", nt);
		goto out_free;
	}
	for (int t = 0; t < nt; t++) {
		w[t].c = c;
		w[t].go = &go;
		w[t].first = c->corpus.n * (size_t)t / (size_t)nt;
		w[t].first_bad = -1;
	}
	/* the barrier waits for nt threads: start all, or none */
	for (started = 0; started < nt; started++)
		if (pthread_create(&tid[started], NULL, worker_main,
		                   &w[started]))
			break;
	if (started < nt) {
		fprintf(stderr, "docproc-check: cannot start thread %d of %d\n",
		        started + 1, nt);
		_exit(EXIT_FAILED);
	}
	for (int t = 0; t < nt; t++) {
		pthread_join(tid[t], NULL);
		bad += w[t].bad;
		runs += w[t].runs;
		if (w[t].first_bad >= 0)
			detail(c->o, &shown, "thread %d: document '%s' differs "
			       "from the single-threaded run", t,
			       c->corpus.docs[w[t].first_bad].name);
	}
	pthread_barrier_destroy(&go);
	report(c, C_THREADS, bad == 0, "%d threads sharing one plugin state, "
	       "%zu runs: %s", nt, runs, bad ? "results differ from one thread"
	                                     : "same JSON as one thread");
out_free:
	free(w);
	free(tid);
}

/* alloc: the n-th allocation charged to the document *by the plugin under
 * test* fails, for n = 1, 2, ... until the run succeeds. The plugins
 * before it run first with a counting-only budget, so that their
 * allocations are not the ones that fail. */
static void check_alloc(struct checker *c)
{
	struct dp_doc *doc;
	struct dp_buf b = {0};
	struct dp_pipeline prefix = c->pl;
	char msg[1200];
	int bad = 0, shown = 0;
	long points = 0, docs = 0;

	/* A fresh document for every run: a reused one keeps the capacity of
	 * its arrays, and their growth would never be failed again. */
	prefix.n = c->pl.n - 1;   /* a view: the befores only */
	for (size_t i = 0; i < c->corpus.n; i++) {
		const struct chk_doc *d = &c->corpus.docs[i];
		struct outcome got = {.rc = -1};
		long base = 0, n;
		size_t failed;
		struct dp_error err;

		if (d->big || c->serial[i].rc || (c->o->quick && d->len > 4096))
			continue;
		c->prog->doc = (long)i;
		if (prefix.n) {
			/* count the befores' allocations */
			if (!(doc = dp_doc_new()) ||
			    dp_doc_reset(doc, "test", d->text, d->len, NULL, 0)) {
				dp_doc_free(doc);
				bad++;
				break;
			}
			doc->fail_alloc_after = LONG_MAX;
			dp_pipeline_process(&prefix, doc, &failed, &err, NULL);
			base = LONG_MAX - doc->fail_alloc_after;
			dp_doc_free(doc);
		}
		docs++;
		for (n = 1; n <= c->o->max_alloc; n++) {
			const char *colon;
			int rc;

			c->prog->alloc = n;
			doc = dp_doc_new();
			rc = doc ? run_doc(c, &c->pl, doc, i, base + n, &b, &got,
			                   msg, sizeof msg) : DP_ENOMEM;
			if (rc) {
				dp_doc_free(doc);
				bad++;
				detail(c->o, &shown, "out of memory in the checker");
				break;
			}
			if (got.rc == 0) {
				dp_doc_free(doc);
				break;
			}
			points++;
			colon = strstr(msg, "': ");
			if (!doc->alloc_failed) {
				bad++;
				detail(c->o, &shown, "document '%s', allocation %ld: "
				       "failed without the injected failure: %s",
				       d->name, n, msg);
				dp_doc_free(doc);
				break;
			}
			if (!colon || !colon[3]) {
				bad++;
				detail(c->o, &shown, "document '%s', allocation %ld: "
				       "an error without a message", d->name, n);
			}
			dp_doc_free(doc);
		}
		c->prog->alloc = 0;
		if (n > c->o->max_alloc) {
			bad++;
			detail(c->o, &shown, "document '%s': still failing after "
			       "%ld injected failures", d->name, c->o->max_alloc);
		} else if (got.rc == 0 && (got.hash != c->serial[i].hash ||
		                           got.len != c->serial[i].len)) {
			bad++;
			detail(c->o, &shown, "document '%s': after the injected "
			       "failures the result differs from a clean run",
			       d->name);
		}
	}
	c->prog->doc = -1;
	report(c, C_ALLOC, bad == 0, "%ld documents, %ld allocation points "
	       "failed in turn: %s", docs, points,
	       bad ? "see above" : "each an error, then the same result");
	dp_buf_free(&b);
}

int chk_run(const struct opts *o, struct progress *prog)
{
	struct checker c;
	char *owned[MAX_BEFORE + 1];
	size_t nowned = 0;
	int rc = 0;

	memset(&c, 0, sizeof c);
	c.o = o;
	c.prog = prog;
	alarm(o->timeout);
	if (chk_load(&c, owned, &nowned)) {
		rc = EXIT_USAGE;
		goto out_free;
	}
	if (chk_corpus_build(&c.corpus, o->quick ? 0 : o->big_mb << 20) < 0 ||
	    !(c.serial = calloc(c.corpus.n, sizeof *c.serial))) {
		fprintf(stderr, "docproc-check: out of memory\n");
		rc = EXIT_USAGE;
		goto out_free;
	}
	printf("  corpus: %zu documents, %.2f MB%s\n", c.corpus.n,
	       (double)c.corpus.bytes / 1e6, o->quick ? " (quick)" : "");
	fflush(stdout);

	prog->check = C_RUNS;
	check_serial(&c);
	prog->check = C_DET;
	if (o->skip[C_DET])
		chk_skipped(prog, C_DET, "(--skip)");
	else
		check_determinism(&c);
	prog->check = C_THREADS;
	if (o->skip[C_THREADS])
		chk_skipped(prog, C_THREADS, "(--skip)");
	else
		check_threads(&c);
	prog->check = C_ALLOC;
	if (o->skip[C_ALLOC])
		chk_skipped(prog, C_ALLOC, "(--skip)");
	else
		check_alloc(&c);
	prog->check = -1;

out_free:
	free(c.serial);
	chk_corpus_free(&c.corpus);
	dp_pipeline_free(&c.pl);
	for (size_t i = 0; i < nowned; i++)
		free(owned[i]);
	return rc;
}
