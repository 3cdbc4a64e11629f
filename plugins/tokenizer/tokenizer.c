/*
 * tokenizer.c - the `tokenizer` plugin: the layers `tokens` and `sentences`.
 *
 * This file is the glue to the docproc core: options, state, and copying
 * the engine's arrays (news.c, sentences.c, uax29.c) into layers. The
 * layer contract is in README.md.
 */
#include <stdlib.h>
#include <string.h>

#include <docproc/docproc.h>

#include "tokenize.h"

enum mode { MODE_NEWS, MODE_UAX29 };

struct state {
	enum mode mode;
	struct news_opts news;
	struct abbr_set abbrevs;
	const char *kind_name[TK_COUNT]; /* tok_kind_name(k) and its */
	size_t kind_len[TK_COUNT];       /* length, for intern_kinds() */
};

static const char *const mode_choices[] = { "news", "uax29", NULL };

static const struct dp_option_def options[] = {
	{ .key = "mode", .type = DP_OPT_STRING, .default_value = "news",
	  .description = "news (Penn Treebank-like, for news text) or uax29 "
	                 "(plain Unicode word and sentence segmentation)",
	  .choices = mode_choices },
	{ .key = "abbreviations", .type = DP_OPT_LIST,
	  .description = "extra abbreviations that keep their period "
	                 "(e.g. [Gov., Pte.]), news mode" },
	{ .key = "split_clitics", .type = DP_OPT_BOOL, .default_value = "true",
	  .description = "split possessives and clitics as in the Penn "
	                 "Treebank (Iraq's -> Iraq 's), news mode" },
	{ .key = "newline_breaks", .type = DP_OPT_BOOL, .default_value = "true",
	  .description = "a line break before a capitalised line ends a "
	                 "sentence, news mode" },
	{ .key = NULL },
};

static const char *const provides[] = { "tokens", "sentences", NULL };

/* An abbreviation from the config: one word, no white space. */
static const char *bad_abbreviation(const char *a)
{
	size_t n = strlen(a);

	if (n == 0 || (n == 1 && a[0] == '.'))
		return "is empty";
	if (n > 64)
		return "is longer than 64 bytes";
	if (!dp_utf8_valid(a, n))
		return "is not valid UTF-8";
	for (size_t i = 0; i < n; i++)
		if (a[i] == ' ' || a[i] == '\t' || a[i] == '\n' || a[i] == '\r')
			return "contains white space";
	return NULL;
}

static int tk_init(const struct dp_options *opts, void **out,
                   struct dp_error *err)
{
	struct state *st;
	const char *mode = dp_opt_string(opts, "mode");
	size_t n = dp_opt_list_size(opts, "abbreviations");
	const char **extra = NULL;
	int rc;

	if (mode && strcmp(mode, "news") && strcmp(mode, "uax29"))
		return dp_error_set(err, DP_ECONFIG,
		                    "mode: expected news or uax29, got '%s'", mode);
	if (n) {
		extra = malloc(n * sizeof *extra);
		if (!extra)
			return dp_error_set(err, DP_ENOMEM, "out of memory");
	}
	for (size_t i = 0; i < n; i++) {
		const char *why;

		extra[i] = dp_opt_list_at(opts, "abbreviations", i);
		why = extra[i] ? bad_abbreviation(extra[i]) : "is missing";
		if (why) {
			rc = dp_error_set(err, DP_ECONFIG,
			                  "abbreviations[%zu]: '%s' %s; expected "
			                  "one word such as 'Gov.'", i,
			                  extra[i] ? extra[i] : "", why);
			free(extra);
			return rc;
		}
	}
	st = calloc(1, sizeof *st);
	if (!st) {
		free(extra);
		return dp_error_set(err, DP_ENOMEM, "out of memory");
	}
	if (abbr_set_init(&st->abbrevs, extra, n) < 0) {
		free(extra);
		free(st);
		return dp_error_set(err, DP_ENOMEM, "out of memory");
	}
	free(extra);
	st->mode = mode && !strcmp(mode, "uax29") ? MODE_UAX29 : MODE_NEWS;
	st->news.abbrevs = &st->abbrevs;
	st->news.split_clitics = dp_opt_bool(opts, "split_clitics");
	st->news.newline_breaks = dp_opt_bool(opts, "newline_breaks");
	for (unsigned k = 0; k < TK_COUNT; k++) {
		st->kind_name[k] = tok_kind_name((enum tok_kind)k);
		st->kind_len[k] = strlen(st->kind_name[k]);
	}
	*out = st;
	return 0;
}

static void tk_fini(void *state)
{
	struct state *st = state;

	if (!st)
		return;
	abbr_set_free(&st->abbrevs);
	free(st);
}

/* Engine arrays live in the document arena: growing copies them. */
static void *arena_grow(void *ctx, void *old, size_t oldsize, size_t newsize)
{
	void *p = dp_doc_alloc(ctx, newsize);

	if (p && oldsize)
		memcpy(p, old, oldsize);
	return p;
}

/* The ids of the kind names in the document's string table: only the
 * kinds that occur are interned (most documents have four or five of the
 * ten). False when memory runs out. */
static bool intern_kinds(const struct state *st, struct dp_doc *doc,
                         const uint8_t *has_kind, uint32_t ids[TK_COUNT])
{
	for (unsigned k = 0; k < TK_COUNT; k++) {
		ids[k] = 0;
		if (!has_kind[k])
			continue;
		if (!(ids[k] = dp_doc_intern(doc, st->kind_name[k],
		                             st->kind_len[k])))
			return false;
	}
	return true;
}

/* Copies the engine's arrays into the layers: the spans in one call per
 * layer, the kinds (one byte a token, enum tok_kind) in one more through
 * the ids of their names. */
static int write_layers(const struct state *st, struct dp_doc *doc,
                        const struct tok_list *toks,
                        const struct span_list *sents)
{
	static const struct dp_attr_def tok_attrs[] = {
		{ .name = "kind", .type = DP_ATTR_STR },
	};
	uint32_t ids[TK_COUNT];
	struct dp_layer *lt, *ls;
	long first;
	int rc;

	lt = dp_layer_create(doc, "tokens", tok_attrs, 1);
	if (!lt)
		return DP_ELAYER;
	ls = dp_layer_create(doc, "sentences", NULL, 0);
	if (!ls)
		return DP_ELAYER;
	if (!intern_kinds(st, doc, toks->has_kind, ids))
		return dp_doc_fail(doc, "out of memory");
	first = dp_layer_add_many(lt, toks->n, toks->start, toks->end);
	if (first < 0)
		return dp_doc_fail(doc, "tokens: %s", dp_strerror((int)first));
	rc = dp_layer_set_str_codes(lt, (size_t)first, toks->n, 0, toks->kind,
	                            ids, TK_COUNT);
	if (rc < 0)
		return dp_doc_fail(doc, "tokens: %s", dp_strerror(rc));
	first = dp_layer_add_many(ls, sents->n, sents->start, sents->end);
	if (first < 0)
		return dp_doc_fail(doc, "sentences: %s", dp_strerror((int)first));
	return 0;
}

static int tk_process(void *state, struct dp_doc *doc)
{
	const struct state *st = state;
	size_t len;
	const char *text = dp_doc_text(doc, &len);
	struct tok_list toks = { .alloc = { arena_grow, doc, true } };
	struct span_list sents = { .alloc = { arena_grow, doc, true } };
	int rc;

	if (len >= UINT32_MAX)
		return dp_doc_fail(doc, "text of %zu bytes exceeds the 4 GiB "
		                   "limit", len);
	if (st->mode == MODE_UAX29) {
		rc = uax29_tokenize(text, len, &toks) < 0 ||
		     uax29_sentences(text, len, &sents) < 0 ? -1 : 0;
		if (rc == 0)
			uax29_join_sentences(&sents, &toks);
	} else {
		rc = news_tokenize(&st->news, text, len, &toks) < 0 ||
		     news_sentences(&st->news, text, len, &toks, &sents) < 0
		     ? -1 : 0;
	}
	if (rc < 0)
		return dp_doc_fail(doc, "out of memory");
	return write_layers(st, doc, &toks, &sents);
}

DP_PLUGIN_DEFINE(
	.name = "tokenizer",
	.version = "1.0.0",
	.description = "tokens (word, number, punct, quote, symbol, url, email, "
	               "hashtag, mention, emoji) and sentences",
	.requires = NULL,
	.provides = provides,
	.options = options,
	.init = tk_init,
	.process = tk_process,
	.fini = tk_fini);
