/*
 * harness.h - a test harness for docproc plugin authors.
 *
 * Loads one or more plugins (a small pipeline), runs them on a text with
 * options, and lets a test inspect the resulting layers. Meant for cmocka
 * (or any) unit tests:
 *
 *     struct dp_harness *h = dp_harness_new();
 *     assert_int_equal(dp_harness_add(h, TOKENIZER_LA, NULL), 0);
 *     assert_int_equal(dp_harness_add(h, MY_PLUGIN_LA, "{min_len: 3}"), 0);
 *     assert_int_equal(dp_harness_run(h, "Mr. Smith said so.", NULL), 0);
 *     long i = dp_harness_find(h, "tokens", "Mr.", 0);
 *     assert_true(i >= 0);
 *     assert_string_equal(dp_harness_attr(h, "tokens", i, "kind"), "word");
 *     dp_harness_free(h);
 *
 * Every function that can fail keeps a message, read with
 * dp_harness_error(). Not thread-safe: one harness per thread (each loads
 * and initialises its own plugin states). Part of libdocproc: link the
 * test with `pkg-config --libs docproc`. For the contract as a whole
 * (threads, allocation failures, a torture corpus), run docproc-check(1).
 */
#ifndef DOCPROC_HARNESS_H
#define DOCPROC_HARNESS_H

#include <docproc/docproc.h>

#ifdef __cplusplus
extern "C" {
#endif

/** An opaque harness: a pipeline of plugins and the last document run.
 *  (since 1.0) */
struct dp_harness;

/** Creates a harness, or NULL when out of memory. Free with
 *  dp_harness_free(). (since 1.0) */
struct dp_harness *dp_harness_new(void);

/** Frees the harness, calling fini() of every plugin it loaded. NULL is
 *  allowed. (since 1.0) */
void dp_harness_free(struct dp_harness *h);

/** Appends a plugin to the harness's pipeline. @plugin is a path to a
 *  module (.la or .so) or a plugin name searched like the docproc command
 *  does ($DOCPROC_PLUGIN_PATH, the build tree, the installed directory).
 *  @options is a YAML mapping in flow or block style ("{mode: uax29,
 *  abbreviations: [Gov., Sen.]}") or NULL for defaults; it is checked
 *  against the plugin's schema. The plugin's init() runs here. The
 *  requires/provides order is checked as in a config file. Returns 0 or
 *  a DP_E* code. (since 1.0) */
int dp_harness_add(struct dp_harness *h, const char *plugin,
                   const char *options);

/** Runs the pipeline on @text (NUL-terminated) with optional @meta_json, a
 *  JSON object ("{\"dct\": \"2024-01-08\"}"). Replaces the previous
 *  document. Returns 0, or the failing plugin's code (its message is in
 *  dp_harness_error()). The core's checks (declared layers, span bounds)
 *  apply as in the docproc command. (since 1.0) */
int dp_harness_run(struct dp_harness *h, const char *text,
                   const char *meta_json);

/** As dp_harness_run(), with an explicit length (the text may hold NUL
 *  bytes). (since 1.0) */
int dp_harness_run_len(struct dp_harness *h, const char *text, size_t len,
                       const char *meta_json);

/** The last error message ("" if none), owned by the harness, valid until
 *  the next call. (since 1.0) */
const char *dp_harness_error(const struct dp_harness *h);

/** The document of the last run (NULL before the first run); use the
 *  dp_doc_* and dp_layer_* functions on it. Owned by the harness, valid
 *  until the next run. (since 1.0) */
struct dp_doc *dp_harness_doc(struct dp_harness *h);

/** The layer @name of the last run, or NULL. Owned by the harness, valid
 *  until the next run. (since 1.0) */
struct dp_layer *dp_harness_layer(struct dp_harness *h, const char *name);

/** Index of the @nth (0-based) span of @layer whose text equals @text, or
 *  -1. (since 1.0) */
long dp_harness_find(struct dp_harness *h, const char *layer,
                     const char *text, int nth);

/** The text of span @i of @layer as a NUL-terminated copy owned by the
 *  harness (valid until the next run), or NULL. (since 1.0) */
const char *dp_harness_span_text(struct dp_harness *h, const char *layer,
                                 size_t i);

/** Attribute @attr of span @i of @layer rendered as text: strings as they
 *  are, integers in decimal, spans as their covered text; NULL when unset
 *  or absent. Owned by the harness, valid until the next run.
 *  (since 1.0) */
const char *dp_harness_attr(struct dp_harness *h, const char *layer,
                            size_t i, const char *attr);

/** Number of spans in @layer of the last run (0 if absent). (since 1.0) */
size_t dp_harness_count(struct dp_harness *h, const char *layer);

/** The whole last document rendered as a docproc JSON Lines record (no
 *  trailing newline), owned by the harness, valid until the next run; for
 *  golden-file tests. NULL on error. (since 1.0) */
const char *dp_harness_json(struct dp_harness *h);

/** Injects an allocation failure: the @n-th allocation (1-based) charged to
 *  the document by any step of the harness's pipeline (dp_doc_alloc(),
 *  layer growth, interned strings, ...) fails, in every following run,
 *  until 0 turns injection off. Used to check that a plugin fails cleanly
 *  when memory runs out: loop n = 1, 2, ... until dp_harness_run()
 *  succeeds. A plugin's own malloc() is not counted. While injection is
 *  on, every run starts from a fresh document, so that growth points are
 *  reached each time. (since 1.0) */
void dp_harness_fail_alloc_after(struct dp_harness *h, long n);

/** The loop above, done for you: runs @text (with @meta_json, may be NULL)
 *  with the 1st, 2nd, ... allocation failing until a run succeeds, at most
 *  @max runs. Every run that fails must fail cleanly: a negative DP_E*
 *  code and a message. Returns the n of the first run that succeeded
 *  (n - 1 allocations can fail, each tested; its results are then those
 *  of the harness, as after dp_harness_run()), 0 when none of the @max
 *  runs succeeded, or -1 when a failing run broke the rule (the message
 *  in dp_harness_error() says which run and how). Injection is off when it
 *  returns. (since 1.1) */
long dp_harness_alloc_sweep(struct dp_harness *h, const char *text,
                            const char *meta_json, long max);

#ifdef __cplusplus
}
#endif

#endif /* DOCPROC_HARNESS_H */
