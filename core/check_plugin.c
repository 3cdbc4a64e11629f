/*
 * check_plugin.c - docproc-check, the plugin conformance checker.
 *
 *     docproc-check [OPTION]... PLUGIN
 *
 * Loads PLUGIN (a path or a name in the plugin search path) after the
 * plugins that provide the layers it requires, runs it over a torture
 * corpus generated in code (check_corpus.c) and checks the contract:
 *
 *   runs         every document is processed without an error
 *   spans        every span inside the text, on character boundaries,
 *                sorted by (start, end); span attributes too
 *   layers       only declared layers are written (and the core says so)
 *   determinism  a second, independently initialised pipeline (the public
 *                test harness) gives byte-identical JSON
 *   threads      N threads sharing ONE plugin state give the JSON of a
 *                single thread, documents in a different order per thread
 *   alloc        an allocation failure injected at the plugin's 1st, 2nd,
 *                ... allocation gives an error, never a crash, until the
 *                run succeeds with the original result
 *   leaks        the whole check again under valgrind (when installed):
 *                no leak, no invalid access
 *
 * The checks run in a child process: a crash or a hang is reported with
 * the check, the document and the injected allocation it happened at.
 * Exit status: 0 all checks passed (or were skipped), 1 a check failed,
 * 2 usage error or the plugin could not be loaded.
 *
 * It links the core's convenience library: the threads check uses the
 * pipeline itself so that the plugin state really is shared.
 */
#include "config.h"
#include "check_plugin.h"
#include "json_write.h"
#include "pipeline.h"

#include <docproc/harness.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

/* Built with AddressSanitizer: valgrind cannot run this program, and
 * LeakSanitizer checks the leaks when the child exits instead. */
#if defined(__SANITIZE_ADDRESS__)
#define DP_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define DP_ASAN 1
#endif
#endif
#ifndef DP_ASAN
#define DP_ASAN 0
#endif

#define EXIT_FAILED 1
#define EXIT_USAGE 2
#define MAX_BEFORE 16

enum chk_id { C_RUNS, C_SPANS, C_LAYERS, C_DET, C_THREADS, C_ALLOC,
              C_LEAKS, C_COUNT };
static const char *const chk_names[C_COUNT] = {
	"runs", "spans", "layers", "determinism", "threads", "alloc", "leaks",
};

struct opts {
	const char *plugin;
	const char *options;            /* YAML mapping for PLUGIN */
	const char *before[MAX_BEFORE]; /* -b, in order */
	size_t nbefore;
	char *path[MAX_BEFORE];         /* -P */
	size_t npath;
	size_t big_mb;
	int threads;
	long max_alloc;
	unsigned timeout;
	bool skip[C_COUNT];
	bool quick;
	bool verbose;
	char **argv;                    /* for the valgrind re-run */
	int argc;
};

/* What a crash report needs; in memory shared with the parent. */
struct progress {
	int check;           /* enum chk_id, -1 before the first */
	long doc;            /* corpus index, -1 none */
	long alloc;          /* injected allocation, 0 none */
	int result[C_COUNT]; /* 0 not run, 1 pass, 2 fail, 3 skip */
};

/* One document's outcome, comparable between runs. */
struct outcome {
	int rc;
	uint64_t hash;       /* of the JSON, or of the error message */
	size_t len;
};

struct checker {
	const struct opts *o;
	struct chk_corpus corpus;
	struct dp_pipeline pl;          /* the pipeline under test */
	const char *paths[MAX_BEFORE + 1];
	size_t npaths;                  /* befores, then the plugin */
	struct dp_stamp stamps[MAX_BEFORE + 1];
	struct outcome *serial;         /* per corpus document */
	struct progress *prog;
};

/* ------------------------------------------------------------ output */

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

static void skipped(struct progress *p, enum chk_id id, const char *why)
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

/* ------------------------------------------------- finding the plugins */

static bool in_list(const char *const *list, const char *name)
{
	for (; list && *list; list++)
		if (strcmp(*list, name) == 0)
			return true;
	return false;
}

/* Whether one of the @n chosen plugin files provides @layer. */
static bool chosen_provide(const struct dp_search *s, char **chosen,
                           size_t n, const char *layer)
{
	for (size_t i = 0; i < n; i++) {
		struct dp_module m;
		struct dp_error e;
		bool yes;

		if (dp_module_open(&m, chosen[i], s, &e))
			continue;
		yes = in_list(m.desc->provides, layer);
		dp_module_close(&m);
		if (yes)
			return true;
	}
	return false;
}

/* Appends to @chosen, in a valid order, plugins of the search path that
 * provide the layers @requires names (and what those require in turn). */
static int resolve(const struct dp_search *s, const char *self,
                   const char *const *requires, char **chosen, size_t *n,
                   int depth, struct dp_error *err)
{
	char **names;

	if (!requires || !*requires)
		return 0;
	if (depth > 8)
		return dp_error_set(err, DP_ECONFIG, "requirements nest too deep");
	names = dp_search_list(s);
	if (!names)
		return dp_error_set(err, DP_ENOMEM, "out of memory");
	for (const char *const *r = requires; *r; r++) {
		bool found = chosen_provide(s, chosen, *n, *r) ||
		             strcmp(*r, "edits") == 0;

		for (char **nm = names; *nm && !found; nm++) {
			struct dp_module m;
			struct dp_error e;
			int rc;

			if (strcmp(*nm, self) == 0 ||
			    dp_module_open(&m, *nm, s, &e))
				continue;
			if (!in_list(m.desc->provides, *r)) {
				dp_module_close(&m);
				continue;
			}
			rc = resolve(s, self, m.desc->requires, chosen, n,
			             depth + 1, err);
			if (rc == 0 && *n >= MAX_BEFORE)
				rc = dp_error_set(err, DP_ECONFIG,
				                  "too many plugins required");
			if (rc == 0 && !(chosen[(*n)++] = dp_strdup(m.path)))
				rc = dp_error_set(err, DP_ENOMEM, "out of memory");
			dp_module_close(&m);
			if (rc) {
				dp_strv_free(names);
				return rc;
			}
			found = true;
		}
		if (!found) {
			dp_strv_free(names);
			return dp_error_set(err, DP_ENOENT,
			                    "no plugin in the search path provides "
			                    "layer '%s', which '%s' requires: name "
			                    "one with -b or extend the path with -P",
			                    *r, self);
		}
	}
	dp_strv_free(names);
	return 0;
}

/* Parses @yaml (may be NULL) and adds @plugin to @pl. */
static int add_step(struct dp_pipeline *pl, const char *plugin,
                    const char *yaml, struct dp_error *err)
{
	yaml_parser_t parser;
	yaml_document_t ydoc;
	yaml_node_t *map = NULL;
	char where[32];
	int rc;

	snprintf(where, sizeof where, "step %zu", pl->n + 1);
	if (!yaml)
		return dp_pipeline_add(pl, plugin, NULL, NULL, "options", where,
		                       err);
	if (!yaml_parser_initialize(&parser))
		return dp_error_set(err, DP_ENOMEM, "out of memory");
	yaml_parser_set_input_string(&parser, (const unsigned char *)yaml,
	                             strlen(yaml));
	if (!yaml_parser_load(&parser, &ydoc)) {
		rc = dp_error_set(err, DP_ECONFIG, "--options: %s",
		                  parser.problem ? parser.problem
		                                 : "invalid YAML");
		yaml_parser_delete(&parser);
		return rc;
	}
	yaml_parser_delete(&parser);
	map = yaml_document_get_root_node(&ydoc);
	rc = dp_pipeline_add(pl, plugin, &ydoc, map, "--options", where, err);
	yaml_document_delete(&ydoc);
	return rc;
}

/* Loads the befores and the plugin into c->pl; prints the pipeline. */
static int load(struct checker *c, char **owned, size_t *nowned)
{
	const struct opts *o = c->o;
	struct dp_search s;
	struct dp_module target;
	struct dp_error err;
	int rc;

	dp_error_clear(&err);
	rc = dp_search_init(&s, (char *const *)o->path, o->npath, &err);
	if (rc)
		goto out_msg;
	rc = dp_module_open(&target, o->plugin, &s, &err);
	if (rc) {
		dp_search_free(&s);
		goto out_msg;
	}
	if (o->nbefore) {
		/* names become paths: the harness has no -P directories */
		for (size_t i = 0; i < o->nbefore && rc == 0; i++) {
			struct dp_module m;
			rc = dp_module_open(&m, o->before[i], &s, &err);
			if (rc == 0 && !(owned[(*nowned)++] = dp_strdup(m.path)))
				rc = dp_error_set(&err, DP_ENOMEM, "out of memory");
			if (rc == 0)
				dp_module_close(&m);
		}
	} else {
		rc = resolve(&s, target.desc->name, target.desc->requires, owned,
		             nowned, 0, &err);
	}
	if (rc == 0 && !(owned[(*nowned)++] = dp_strdup(target.path)))
		rc = dp_error_set(&err, DP_ENOMEM, "out of memory");
	dp_module_close(&target);
	dp_search_free(&s);
	if (rc)
		goto out_msg;

	/* the pipeline: same search path, befores with defaults */
	rc = dp_search_init(&c->pl.search, (char *const *)o->path, o->npath,
	                    &err);
	if (rc)
		goto out_msg;
	c->pl.have_search = true;
	for (size_t i = 0; i < *nowned && rc == 0; i++)
		rc = add_step(&c->pl, owned[i], i + 1 == *nowned ? o->options
		                                                 : NULL, &err);
	if (rc)
		goto out_msg;
	c->npaths = *nowned;
	printf("docproc-check %s: plugin %s %s (%s)\n  pipeline:", dp_version(),
	       c->pl.steps[c->pl.n - 1].mod.desc->name,
	       c->pl.steps[c->pl.n - 1].mod.desc->version,
	       c->pl.steps[c->pl.n - 1].mod.path);
	for (size_t i = 0; i < c->pl.n; i++) {
		const struct dp_plugin *d = c->pl.steps[i].mod.desc;
		c->paths[i] = owned[i];
		c->stamps[i].name = d->name;
		c->stamps[i].version = d->version;
		printf("%s %s %s", i ? " ->" : "", d->name, d->version);
	}
	printf("\n");
	return 0;

out_msg:
	fprintf(stderr, "docproc-check: %s\n", err.msg);
	return rc;
}

/* ------------------------------------------------------- running docs */

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
	rc = dp_doc_reset(doc, "test", d->text, d->len, NULL);
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
			ok = in_list(c->pl.steps[s].mod.desc->provides, l->name);
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

/* runs, spans, layers: one serial pass that also records the outcomes. */
static void check_serial(struct checker *c)
{
	struct dp_doc *doc = dp_doc_new();
	struct dp_buf b = {0};
	char msg[1200];
	int shown_runs = 0, shown_spans = 0, shown_layers = 0;
	int bad_runs = 0, bad_spans = 0, bad_layers = 0, noted = 0;
	size_t nspans = 0;

	if (!doc) {
		report(c, C_RUNS, false, "out of memory");
		return;
	}
	for (size_t i = 0; i < c->corpus.n; i++) {
		const struct chk_doc *d = &c->corpus.docs[i];
		struct outcome *out = &c->serial[i];

		c->prog->doc = (long)i;
		if (run_doc(c, &c->pl, doc, i, 0, &b, out, msg, sizeof msg)) {
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
		bad_spans += check_spans(c, doc, d->name, &nspans, &shown_spans);
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
	       "order, in a second pipeline (own init, the test harness): %s", compared,
	       bad ? "outputs differ" : "identical JSON");
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
		struct outcome got;

		if (c->corpus.docs[i].big)
			continue;
		if (run_doc(c, &c->pl, doc, i, 0, &b, &got, msg, sizeof msg)) {
			w->bad++;
			continue;
		}
		w->runs++;
		if (got.rc != c->serial[i].rc || got.hash != c->serial[i].hash ||
		    got.len != c->serial[i].len) {
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
		if (pthread_create(&tid[started], NULL, worker_main, &w[started]))
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
			    dp_doc_reset(doc, "test", d->text, d->len, NULL)) {
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

/* --------------------------------------------------- the child process */

static int run_checks(const struct opts *o, struct progress *prog)
{
	struct checker c;
	char *owned[MAX_BEFORE + 1];
	size_t nowned = 0;
	int rc = 0;

	memset(&c, 0, sizeof c);
	c.o = o;
	c.prog = prog;
	alarm(o->timeout);
	if (load(&c, owned, &nowned)) {
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
		skipped(prog, C_DET, "(--skip)");
	else
		check_determinism(&c);
	prog->check = C_THREADS;
	if (o->skip[C_THREADS])
		skipped(prog, C_THREADS, "(--skip)");
	else
		check_threads(&c);
	prog->check = C_ALLOC;
	if (o->skip[C_ALLOC])
		skipped(prog, C_ALLOC, "(--skip)");
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

/* --------------------------------------------------------- the leaks */

static bool have_valgrind(void)
{
	const char *path = getenv("PATH");
	char buf[PATH_MAX];

	while (path && *path) {
		const char *c = strchr(path, ':');
		size_t len = c ? (size_t)(c - path) : strlen(path);
		snprintf(buf, sizeof buf, "%.*s/valgrind", (int)len, path);
		if (access(buf, X_OK) == 0)
			return true;
		path += len + (c != NULL);
	}
	return false;
}

/* Runs this program again under valgrind on the quick corpus. */
static void check_leaks(const struct opts *o, struct progress *prog)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	const char *pre[] = {
		"valgrind", "-q", "--leak-check=full",
		"--errors-for-leak-kinds=definite,indirect",
		"--show-leak-kinds=definite,indirect", "--error-exitcode=99",
		"--track-fds=no", "--keep-debuginfo=yes",
	};
	size_t npre = sizeof pre / sizeof *pre;
	char **argv = calloc(npre + (size_t)o->argc + 4, sizeof *argv);
	size_t k = 0;
	pid_t pid;
	int status, fds[2];
	FILE *in;
	char line[4096];

	if (n <= 0 || !argv || pipe(fds) < 0) {
		free(argv);
		skipped(prog, C_LEAKS, "cannot find this program");
		return;
	}
	self[n] = '\0';
	for (size_t i = 0; i < npre; i++)
		argv[k++] = (char *)pre[i];
	argv[k++] = self;
	for (int i = 1; i < o->argc; i++)
		argv[k++] = o->argv[i];
	argv[k++] = (char *)"--quick";
	argv[k++] = (char *)"--skip=threads,leaks";
	argv[k] = NULL;
	printf("  ...... %-12s running the quick corpus under valgrind\n",
	       chk_names[C_LEAKS]);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		/* its report, and valgrind's, go through the pipe */
		close(fds[0]);
		dup2(fds[1], STDOUT_FILENO);
		dup2(fds[1], STDERR_FILENO);
		close(fds[1]);
		execvp("valgrind", argv);
		_exit(127);
	}
	free(argv);
	close(fds[1]);
	in = pid > 0 ? fdopen(fds[0], "r") : NULL;
	if (!in)
		close(fds[0]);
	while (in && fgets(line, sizeof line, in))
		printf("         | %s", line);
	if (in)
		fclose(in);
	fflush(stdout);
	if (pid < 0 || waitpid(pid, &status, 0) < 0) {
		skipped(prog, C_LEAKS, "cannot start valgrind");
		return;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		prog->result[C_LEAKS] = 1;
		printf("  [PASS] %-12s valgrind: no leaks, no invalid memory "
		       "access\n", chk_names[C_LEAKS]);
	} else {
		prog->result[C_LEAKS] = 2;
		printf("  [FAIL] %-12s valgrind %s (status %d): see its report "
		       "above\n", chk_names[C_LEAKS],
		       WIFEXITED(status) && WEXITSTATUS(status) == 99
		               ? "found errors" : "run failed",
		       WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	}
	fflush(stdout);
}

/* ----------------------------------------------------------- the main */

static void usage(FILE *f)
{
	fprintf(f,
"Usage: docproc-check [OPTION]... PLUGIN\n"
"Check that a docproc plugin keeps the plugin contract, on a built-in\n"
"torture corpus. PLUGIN is a module path (.la or .so) or a plugin name\n"
"found in the plugin search path.\n"
"\n"
"Options:\n"
"  -o, --options YAML    options of PLUGIN, a YAML mapping ('{a: 1}')\n"
"  -b, --before PLUGIN   run PLUGIN (path or name) before it; repeat in\n"
"                        order (default: the plugins of the search path\n"
"                        that provide the layers it requires)\n"
"  -P, --plugin-path DIR search DIR first (repeatable)\n"
"      --big-mb N        size of the big document in MB (default 10; 0: none)\n"
"      --threads N       threads of the thread-safety check (default 4)\n"
"      --max-alloc N     allocation points tried per document (default 100000)\n"
"      --skip LIST       checks to skip: determinism,threads,alloc,leaks\n"
"      --quick           small documents only (the leaks check uses it)\n"
"      --timeout SEC     give up after SEC seconds (default 900)\n"
"  -v, --verbose         every problem, not the first five per check\n"
"  -h, --help            this help\n"
"  -V, --version         version\n"
"\n"
"Checks: runs, spans, layers, determinism, threads, alloc, leaks (under\n"
"valgrind, when it is installed). Exit status: 0 all passed or skipped,\n"
"1 a check failed, 2 usage error or the plugin cannot be loaded.\n");
}

static int parse_skip(struct opts *o, const char *list)
{
	while (*list) {
		size_t len = strcspn(list, ",");
		int id;

		for (id = C_DET; id < C_COUNT; id++)
			if (strlen(chk_names[id]) == len &&
			    strncmp(chk_names[id], list, len) == 0)
				break;
		if (id == C_COUNT) {
			fprintf(stderr, "docproc-check: --skip: unknown check "
			        "'%.*s' (determinism, threads, alloc, leaks)\n",
			        (int)len, list);
			return -1;
		}
		o->skip[id] = true;
		list += len + (list[len] == ',');
	}
	return 0;
}

static int parse_num(const char *opt, const char *arg, long lo, long hi,
                     long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno || *end || end == arg || v < lo || v > hi) {
		fprintf(stderr, "docproc-check: %s: expected a number from %ld "
		        "to %ld, got '%s'\n", opt, lo, hi, arg);
		return -1;
	}
	*out = v;
	return 0;
}

static int parse_args(int argc, char **argv, struct opts *o)
{
	enum { O_BIG = 256, O_THREADS, O_MAXALLOC, O_SKIP, O_QUICK,
	       O_TIMEOUT };
	static const struct option lopts[] = {
		{"options", required_argument, NULL, 'o'},
		{"before", required_argument, NULL, 'b'},
		{"plugin-path", required_argument, NULL, 'P'},
		{"big-mb", required_argument, NULL, O_BIG},
		{"threads", required_argument, NULL, O_THREADS},
		{"max-alloc", required_argument, NULL, O_MAXALLOC},
		{"skip", required_argument, NULL, O_SKIP},
		{"quick", no_argument, NULL, O_QUICK},
		{"timeout", required_argument, NULL, O_TIMEOUT},
		{"verbose", no_argument, NULL, 'v'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	long v;
	int ch;

	o->big_mb = 10;
	o->threads = 4;
	o->max_alloc = 100000;
	o->timeout = 900;
	o->argc = argc;
	o->argv = argv;
	while ((ch = getopt_long(argc, argv, "o:b:P:vhV", lopts, NULL)) != -1) {
		switch (ch) {
		case 'o': o->options = optarg; break;
		case 'b':
		case 'P':
			if ((ch == 'b' ? o->nbefore : o->npath) >= MAX_BEFORE) {
				fprintf(stderr, "docproc-check: -%c: at most %d\n",
				        ch, MAX_BEFORE);
				return -1;
			}
			if (ch == 'b')
				o->before[o->nbefore++] = optarg;
			else
				o->path[o->npath++] = optarg;
			break;
		case O_BIG:
			if (parse_num("--big-mb", optarg, 0, 1024, &v))
				return -1;
			o->big_mb = (size_t)v;
			break;
		case O_THREADS:
			if (parse_num("--threads", optarg, 1, 256, &v))
				return -1;
			o->threads = (int)v;
			break;
		case O_MAXALLOC:
			if (parse_num("--max-alloc", optarg, 1, LONG_MAX / 2,
			              &o->max_alloc))
				return -1;
			break;
		case O_SKIP:
			if (parse_skip(o, optarg))
				return -1;
			break;
		case O_QUICK: o->quick = true; break;
		case O_TIMEOUT:
			if (parse_num("--timeout", optarg, 1, 86400, &v))
				return -1;
			o->timeout = (unsigned)v;
			break;
		case 'v': o->verbose = true; break;
		case 'h': usage(stdout); exit(0);
		case 'V':
			printf("docproc-check %s (plugin ABI %d.%d%s)\n",
			       dp_version(), dp_abi_major(), dp_abi_minor(),
			       DP_ASAN ? ", AddressSanitizer" : "");
			exit(0);
		default: usage(stderr); return -1;
		}
	}
	if (optind + 1 != argc) {
		fprintf(stderr, "docproc-check: expected one PLUGIN (a path or a "
		        "name); see --help\n");
		return -1;
	}
	o->plugin = argv[optind];
	return 0;
}

/* Where the child was, for a crash report: the corpus without its big
 * document has the same names at the same indices. */
static const char *where(const struct progress *p, char *buf, size_t len)
{
	struct chk_corpus names;
	const char *name = "big";

	if (p->doc < 0) {
		snprintf(buf, len, "(no document)");
		return buf;
	}
	if (chk_corpus_build(&names, 0) == 0 && (size_t)p->doc < names.n)
		name = names.docs[p->doc].name;
	if (p->alloc > 0)
		snprintf(buf, len, "on document '%s', with allocation %ld "
		         "failing", name, p->alloc);
	else
		snprintf(buf, len, "on document '%s'", name);
	chk_corpus_free(&names);
	return buf;
}

int main(int argc, char **argv)
{
	struct opts o;
	struct progress *prog;
	int status, failed = 0, passed = 0, skipped_n = 0;
	pid_t pid;
	char buf[160];

	memset(&o, 0, sizeof o);
	if (parse_args(argc, argv, &o))
		return EXIT_USAGE;
	prog = mmap(NULL, sizeof *prog, PROT_READ | PROT_WRITE,
	            MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (prog == MAP_FAILED) {
		perror("docproc-check: mmap");
		return EXIT_USAGE;
	}
	memset(prog, 0, sizeof *prog);
	prog->check = -1;
	prog->doc = -1;
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		perror("docproc-check: fork");
		return EXIT_USAGE;
	}
	if (pid == 0)
		exit(run_checks(&o, prog));   /* exit(): LeakSanitizer runs */
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			perror("docproc-check: waitpid");
			return EXIT_USAGE;
		}
	if (WIFEXITED(status) && WEXITSTATUS(status) == EXIT_USAGE)
		return EXIT_USAGE;
	if (prog->check < 0 && prog->result[C_RUNS] &&
	    (WIFSIGNALED(status) || WEXITSTATUS(status) > EXIT_FAILED)) {
		/* after the last check: a sanitizer's leak report */
		printf("  [FAIL] %-12s the checks ended, then the process %s "
		       "%d: a sanitizer's leak report above?\n",
		       chk_names[C_LEAKS], WIFSIGNALED(status)
		               ? "died with signal" : "exited with status",
		       WIFSIGNALED(status) ? WTERMSIG(status)
		                           : WEXITSTATUS(status));
		prog->result[C_LEAKS] = 2;
	} else if (WIFSIGNALED(status)) {
		int sig = WTERMSIG(status);
		const char *chk = prog->check >= 0 ? chk_names[prog->check]
		                                   : "loading";
		if (sig == SIGALRM)
			printf("  [FAIL] %-12s timed out after %u s %s: a hang?\n",
			       chk, o.timeout, where(prog, buf, sizeof buf));
		else
			printf("  [FAIL] %-12s CRASHED: signal %d (%s) %s\n", chk,
			       sig, strsignal(sig),
			       where(prog, buf, sizeof buf));
		if (prog->check >= 0)
			prog->result[prog->check] = 2;
		failed++;
	} else if (prog->check >= 0) {
		/* exit() in the middle of a check: a sanitizer (UBSan exits
		 * with a status), or a plugin calling exit() */
		printf("  [FAIL] %-12s the process exited (status %d) %s: a "
		       "sanitizer report above, or a plugin calling exit()?\n",
		       chk_names[prog->check], WEXITSTATUS(status),
		       where(prog, buf, sizeof buf));
		prog->result[prog->check] = 2;
		failed++;
	}
	if (DP_ASAN && !o.quick && prog->result[C_LEAKS] == 0) {
		skipped(prog, C_LEAKS, "built with AddressSanitizer: its leak "
		                       "checker ran instead of valgrind");
	} else if (DP_ASAN) {
		/* nothing: the leaks were checked, or this is a nested run */
	} else if (!o.skip[C_LEAKS] && !getenv("DOCPROC_CHECK_NO_VALGRIND")) {
		if (!have_valgrind())
			skipped(prog, C_LEAKS, "valgrind not found");
		else if (!failed)
			check_leaks(&o, prog);
		else
			skipped(prog, C_LEAKS, "after a crash");
	} else if (!o.quick) {
		skipped(prog, C_LEAKS, o.skip[C_LEAKS] ? "(--skip)"
		                                       : "(DOCPROC_CHECK_NO_VALGRIND)");
	}
	for (int i = 0; i < C_COUNT; i++) {
		failed += prog->result[i] == 2;
		passed += prog->result[i] == 1;
		skipped_n += prog->result[i] == 3;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) != 0 && !failed)
		failed++;
	printf("result: %s (%d passed, %d failed, %d skipped)\n",
	       failed ? "FAIL" : "PASS", passed, failed, skipped_n);
	munmap(prog, sizeof *prog);
	return failed ? EXIT_FAILED : 0;
}
