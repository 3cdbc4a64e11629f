/*
 * template.c - a copy-me docproc plugin: the `long_words` layer.
 *
 * Reads the `tokens` layer (from the tokenizer) and writes `long_words`:
 * every token of kind "word" that is at least `min_length` characters
 * long, with its length in characters and a flag telling whether it is in
 * the `stopwords` option. Small, but it uses every part of the plugin
 * contract; the numbered STEP comments match plugins/template/README.md.
 *
 * Copyright the docproc developers. Licensed under the MIT licence: copy
 * it, rename it, make it yours.
 */
#include <docproc/docproc.h>

#include <stdlib.h>
#include <string.h>

/* STEP 1: name the layers the plugin reads and the layers it writes.
 * The core refuses a pipeline in which no earlier step provides `tokens`,
 * and refuses (at run time) any layer written that is not listed here. */
static const char *const template_requires[] = {"tokens", NULL};
static const char *const template_provides[] = {"long_words", NULL};

/* STEP 2: the options schema. The core checks the config against it
 * (unknown keys with a did-you-mean, types, choices, required keys) and
 * fills in the defaults before init() runs: init() never sees bad input. */
static const char *const template_match_choices[] = {"exact", "fold", NULL};

static const struct dp_option_def template_options[] = {
	{.key = "min_length", .type = DP_OPT_INT, .default_value = "7",
	 .description = "shortest word reported, in characters (>= 1)"},
	{.key = "stopwords", .type = DP_OPT_LIST,
	 .description = "words flagged with stopword=1 in the layer"},
	{.key = "match", .type = DP_OPT_STRING, .default_value = "fold",
	 .choices = template_match_choices,
	 .description = "stopword matching: exact, or fold (ASCII case)"},
	{.key = "max_tokens", .type = DP_OPT_INT, .default_value = "10000000",
	 .description = "a document with more tokens is an error (0: no "
	                "limit)"},
	{.key = NULL},
};

/* STEP 3: the read-only state that init() builds and every process() call
 * shares, possibly on several threads at once: never write to it after
 * init() has returned. */
struct template_state {
	size_t min_length;
	uint64_t max_tokens;     /* 0: no limit */
	bool fold;               /* compare stopwords ignoring ASCII case */
	char **stopwords;        /* sorted (folded when fold), for bsearch */
	size_t nstopwords;
};

static char ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static int cmp_strp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void template_fini(void *state)
{
	struct template_state *st = state;

	if (!st)
		return;
	for (size_t i = 0; i < st->nstopwords; i++)
		free(st->stopwords[i]);
	free(st->stopwords);
	free(st);
}

/* STEP 4: init(): read the validated options, check what the schema
 * cannot express, build the state. Report errors with dp_error_set(); the
 * core names the plugin and the config position. */
static int template_init(const struct dp_options *opts, void **state,
                         struct dp_error *err)
{
	struct template_state *st;
	int64_t min_length = dp_opt_int(opts, "min_length");
	int64_t max_tokens = dp_opt_int(opts, "max_tokens");
	size_t n = dp_opt_list_size(opts, "stopwords");

	if (min_length < 1)
		return dp_error_set(err, DP_EINVAL,
		                    "min_length must be at least 1, got %lld",
		                    (long long)min_length);
	if (max_tokens < 0)
		return dp_error_set(err, DP_EINVAL,
		                    "max_tokens must be 0 (no limit) or more, "
		                    "got %lld", (long long)max_tokens);
	st = calloc(1, sizeof *st);
	if (!st)
		return dp_error_set(err, DP_ENOMEM, "out of memory");
	st->min_length = (size_t)min_length;
	st->max_tokens = (uint64_t)max_tokens;
	st->fold = strcmp(dp_opt_string(opts, "match"), "fold") == 0;
	if (n) {
		st->stopwords = calloc(n, sizeof *st->stopwords);
		if (!st->stopwords)
			goto out_nomem;
	}
	for (size_t i = 0; i < n; i++) {
		const char *w = dp_opt_list_at(opts, "stopwords", i);
		char *copy = malloc(strlen(w) + 1);

		if (!copy)
			goto out_nomem;
		for (size_t k = 0; k <= strlen(w); k++)
			copy[k] = st->fold ? ascii_lower(w[k]) : w[k];
		st->stopwords[st->nstopwords++] = copy;
	}
	if (st->nstopwords)
		qsort(st->stopwords, st->nstopwords, sizeof *st->stopwords,
		      cmp_strp);
	*state = st;
	return 0;

out_nomem:
	template_fini(st);
	return dp_error_set(err, DP_ENOMEM, "out of memory");
}

/* Whether word[0..len) is a stopword; @buf is per-document scratch of at
 * least len + 1 bytes (the state is shared: never use it as scratch). */
static bool is_stopword(const struct template_state *st, const char *word,
                        size_t len, char *buf)
{
	const char *key = buf;

	if (!st->nstopwords)
		return false;
	for (size_t i = 0; i < len; i++)
		buf[i] = st->fold ? ascii_lower(word[i]) : word[i];
	buf[len] = '\0';
	return bsearch(&key, st->stopwords, st->nstopwords,
	               sizeof *st->stopwords, cmp_strp) != NULL;
}

/* STEP 5: process(): one document. Read other layers, write your own,
 * report a failure with dp_doc_fail(). Memory for this document only comes
 * from dp_doc_alloc() and is freed by the core with the document. */
static int template_process(void *state, struct dp_doc *doc)
{
	const struct template_state *st = state;
	static const struct dp_attr_def attrs[] = {
		{"length", DP_ATTR_INT},     /* characters (code points) */
		{"stopword", DP_ATTR_INT},   /* 1 if in `stopwords`, else 0 */
	};
	enum { A_LENGTH, A_STOPWORD };
	size_t len, n, longest = 0;
	const char *text = dp_doc_text(doc, &len);
	struct dp_layer *tokens = dp_layer_find(doc, "tokens");
	struct dp_layer *out;
	const uint32_t *starts, *ends;
	uint32_t word;
	char *buf;
	int kind;

	/* 5a. Read the required layer; say what is wrong, and how to fix it. */
	if (!tokens)
		return dp_doc_fail(doc, "no 'tokens' layer: put the tokenizer "
		                        "before 'template' in the pipeline");
	kind = dp_layer_attr(tokens, "kind");
	if (kind < 0)
		return dp_doc_fail(doc, "the 'tokens' layer has no 'kind' "
		                        "attribute");
	n = dp_layer_size(tokens);
	if (st->max_tokens && n > st->max_tokens)
		return dp_doc_fail(doc, "%zu tokens, more than max_tokens "
		                   "(%llu)", n,
		                   (unsigned long long)st->max_tokens);
	starts = dp_layer_starts(tokens);
	ends = dp_layer_ends(tokens);

	/* 5b. Compare interned ids, not strings: one lookup per document. */
	word = dp_doc_intern(doc, "word", 4);
	if (!word)
		return DP_ENOMEM;

	/* 5c. Per-document scratch: a buffer for case folding. */
	for (size_t i = 0; i < n; i++)
		if (ends[i] - starts[i] > longest)
			longest = ends[i] - starts[i];
	buf = dp_doc_alloc(doc, longest + 1);
	if (!buf)
		return DP_ENOMEM;

	/* 5d. Create the layer (always, even when empty, so that readers can
	 *     tell "none found" from "not run") and fill it. */
	out = dp_layer_create(doc, "long_words", attrs,
	                      sizeof attrs / sizeof *attrs);
	if (!out)
		return DP_EPLUGIN;  /* the core has recorded why */
	for (size_t i = 0; i < n; i++) {
		size_t a = starts[i], b = ends[i], chars = 0;
		long k;
		int rc;

		if (dp_layer_get_str_id(tokens, i, kind) != word)
			continue;
		for (size_t p = a; p < b; chars++)
			dp_utf8_next(text, b, &p);
		if (chars < st->min_length)
			continue;
		k = dp_layer_add(out, a, b);
		if (k < 0)
			return (int)k;
		rc = dp_layer_set_int(out, (size_t)k, A_LENGTH, (int64_t)chars);
		if (rc == 0)
			rc = dp_layer_set_int(out, (size_t)k, A_STOPWORD,
			                      is_stopword(st, text + a, b - a,
			                                  buf));
		if (rc)
			return rc;
	}
	/* pointers into @tokens and @text die here: they are not kept. */
	return 0;
}

/* STEP 6: export the descriptor. DP_PLUGIN_DEFINE fills in the ABI version
 * and the descriptor size, so that the core can refuse a mismatch. */
DP_PLUGIN_DEFINE(
	.name = "template",
	.version = "1.0.0",
	.description = "long words, from the tokens layer (copy-me example)",
	.requires = template_requires,
	.provides = template_provides,
	.options = template_options,
	.init = template_init,
	.process = template_process,
	.fini = template_fini);
