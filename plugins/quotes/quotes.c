/*
 * quotes.c - the `quotes` plugin: direct, partial and reported speech
 * with the speaker and the cue, as the layer `quotes`.
 *
 * This file is the glue to the docproc core: options, state, reading the
 * tokenizer's `sentences` and `tokens` layers, and writing the engine's
 * results (qx.h) into the layer. README.md documents the layer.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <docproc/docproc.h>

#include "qx.h"

#define DEFAULT_MAX_LENGTH "1500"
#define MIN_MAX_LENGTH 20
#define MAX_MAX_LENGTH 1000000

struct state {
	struct qx_config cfg;
	char **cues;      /* lowercase copies of the extra cues */
	size_t ncues;
};

static const struct dp_option_def options[] = {
	{ .key = "kinds", .type = DP_OPT_LIST,
	  .description = "kinds of quotation to output, among direct, "
	                 "partial, indirect (default: all three)" },
	{ .key = "cues", .type = DP_OPT_LIST,
	  .description = "extra reporting verbs, one word each, used like "
	                 "'said' (e.g. [quipped, mused])" },
	{ .key = "scare_quotes", .type = DP_OPT_BOOL, .default_value = "false",
	  .description = "also output short quoted words with no speaker "
	                 "around them, as kind 'scare'" },
	{ .key = "max_length", .type = DP_OPT_INT,
	  .default_value = DEFAULT_MAX_LENGTH,
	  .description = "characters after which a quote whose closing mark "
	                 "is missing is cut (20 to 1000000)" },
	{ .key = NULL },
};

static const char *const requires[] = { "tokens", "sentences", NULL };
static const char *const provides[] = { "quotes", NULL };

enum { A_TEXT, A_SPEAKER, A_SPEAKER_SPAN, A_CUE, A_KIND, A_COUNT };

static const struct dp_attr_def attrs[A_COUNT] = {
	[A_TEXT] = { "text", DP_ATTR_STR },
	[A_SPEAKER] = { "speaker", DP_ATTR_STR },
	[A_SPEAKER_SPAN] = { "speaker", DP_ATTR_SPAN },
	[A_CUE] = { "cue", DP_ATTR_STR },
	[A_KIND] = { "kind", DP_ATTR_STR },
};

static void free_state(struct state *st)
{
	if (!st)
		return;
	for (size_t i = 0; i < st->ncues; i++)
		free(st->cues[i]);
	free(st->cues);
	free(st);
}

static int parse_kinds(const struct dp_options *opts, unsigned *kinds,
                       struct dp_error *err)
{
	size_t n = dp_opt_list_size(opts, "kinds");

	if (!dp_opt_isset(opts, "kinds")) {
		*kinds = QX_DIRECT | QX_PARTIAL | QX_INDIRECT;
		return 0;
	}
	*kinds = 0;
	for (size_t i = 0; i < n; i++) {
		const char *k = dp_opt_list_at(opts, "kinds", i);
		if (!k)
			k = "";
		if (strcmp(k, "direct") == 0)
			*kinds |= QX_DIRECT;
		else if (strcmp(k, "partial") == 0)
			*kinds |= QX_PARTIAL;
		else if (strcmp(k, "indirect") == 0)
			*kinds |= QX_INDIRECT;
		else if (strcmp(k, "scare") == 0)
			return dp_error_set(err, DP_ECONFIG,
			                    "kinds[%zu]: 'scare' is turned on "
			                    "with scare_quotes: true", i);
		else
			return dp_error_set(err, DP_ECONFIG,
			                    "kinds[%zu]: unknown kind '%s'; "
			                    "expected direct, partial or "
			                    "indirect", i, k);
	}
	if (*kinds == 0)
		return dp_error_set(err, DP_ECONFIG,
		                    "kinds: empty list; expected some of "
		                    "direct, partial, indirect");
	return 0;
}

/* One extra cue: a single word, stored in ASCII lowercase. */
static int parse_cue(const char *c, size_t i, char **out,
                     struct dp_error *err)
{
	size_t n = c ? strlen(c) : 0;
	char *copy;

	if (n == 0)
		return dp_error_set(err, DP_ECONFIG, "cues[%zu]: empty", i);
	if (n > 40)
		return dp_error_set(err, DP_ECONFIG,
		                    "cues[%zu]: longer than 40 bytes", i);
	if (!dp_utf8_valid(c, n))
		return dp_error_set(err, DP_ECONFIG,
		                    "cues[%zu]: not valid UTF-8", i);
	for (size_t k = 0; k < n; k++)
		if (c[k] == ' ' || c[k] == '\t' || c[k] == '\n' ||
		    c[k] == '\r' || c[k] == '"' || c[k] == ',')
			return dp_error_set(err, DP_ECONFIG,
			                    "cues[%zu]: '%s' is not one word; "
			                    "expected a verb such as 'quipped'",
			                    i, c);
	copy = malloc(n + 1);
	if (!copy)
		return dp_error_set(err, DP_ENOMEM, "out of memory");
	for (size_t k = 0; k <= n; k++)
		copy[k] = (c[k] >= 'A' && c[k] <= 'Z') ? (char)(c[k] + 32)
		                                       : c[k];
	*out = copy;
	return 0;
}

static int quotes_init(const struct dp_options *opts, void **out,
                       struct dp_error *err)
{
	struct state *st = calloc(1, sizeof(*st));
	size_t n = dp_opt_list_size(opts, "cues");
	int64_t max_len = dp_opt_int(opts, "max_length");
	int rc;

	if (!st)
		return dp_error_set(err, DP_ENOMEM, "out of memory");
	rc = parse_kinds(opts, &st->cfg.kinds, err);
	if (rc < 0)
		goto out_free_state;
	if (dp_opt_bool(opts, "scare_quotes"))
		st->cfg.kinds |= QX_SCARE;
	if (max_len < MIN_MAX_LENGTH || max_len > MAX_MAX_LENGTH) {
		rc = dp_error_set(err, DP_ECONFIG,
		                  "max_length: %lld is out of range; expected "
		                  "%d to %d characters", (long long)max_len,
		                  MIN_MAX_LENGTH, MAX_MAX_LENGTH);
		goto out_free_state;
	}
	st->cfg.max_len = (size_t)max_len;
	if (n) {
		st->cues = calloc(n, sizeof(*st->cues));
		if (!st->cues) {
			rc = dp_error_set(err, DP_ENOMEM, "out of memory");
			goto out_free_state;
		}
	}
	for (size_t i = 0; i < n; i++) {
		rc = parse_cue(dp_opt_list_at(opts, "cues", i), i,
		               &st->cues[i], err);
		if (rc < 0)
			goto out_free_state;
		st->ncues++;
	}
	st->cfg.extra_cues = (const char *const *)st->cues;
	st->cfg.n_extra_cues = st->ncues;
	*out = st;
	return 0;

out_free_state:
	free_state(st);
	return rc;
}

static void quotes_fini(void *state)
{
	free_state(state);
}

static void *doc_alloc(void *ctx, size_t size)
{
	return dp_doc_alloc(ctx, size);
}

/* The sentence spans, as the engine wants them. */
static int read_sentences(struct dp_doc *doc, struct qx_input *in)
{
	struct dp_layer *l = dp_layer_find(doc, "sentences");
	size_t n = l ? dp_layer_size(l) : 0;
	struct qx_span *sp;
	const uint32_t *s, *e;

	in->sentences = NULL;
	in->nsent = 0;
	if (n == 0)
		return 0;
	sp = dp_doc_alloc(doc, n * sizeof(*sp));
	if (!sp)
		return DP_ENOMEM;
	s = dp_layer_starts(l);
	e = dp_layer_ends(l);
	for (size_t i = 0; i < n; i++) {
		sp[i].start = s[i];
		sp[i].end = e[i];
	}
	in->sentences = sp;
	in->nsent = n;
	return 0;
}

/* The kind codes of the tokenizer's token kinds. The engine asks for few
 * tokens' kinds (lone apostrophes), so each is read as a string and
 * compared: interning the seven names at a document's first question
 * cost more than the questions. */
struct kinds {
	struct dp_layer *layer;
	int attr;
};

static const char *const kind_names[7] = {
	"word", "number", "url", "email", "hashtag", "mention", "quote",
};
static const uint8_t kind_codes[7] = {
	QX_TK_WORD, QX_TK_WORD, QX_TK_MASKED, QX_TK_MASKED, QX_TK_MASKED,
	QX_TK_MASKED, QX_TK_QUOTE,
};

static int token_kind(void *ctx, size_t i)
{
	struct kinds *k = ctx;
	size_t len;
	const char *v = dp_layer_get_str(k->layer, i, k->attr, &len);

	if (!v)
		return QX_TK_OTHER; /* unset */
	for (size_t j = 0; j < 7; j++)
		if (strlen(kind_names[j]) == len &&
		    memcmp(v, kind_names[j], len) == 0)
			return kind_codes[j];
	return QX_TK_OTHER;
}

/* The tokenizer's tokens: spans straight from the layer; their kinds
 * (words, quote marks, and URLs, e-mail addresses, hashtags and
 * mentions, inside which quote marks are not quote marks) on demand. */
static int read_tokens(struct dp_doc *doc, struct qx_input *in)
{
	struct dp_layer *l = dp_layer_find(doc, "tokens");
	size_t n = l ? dp_layer_size(l) : 0;
	int attr = l ? dp_layer_attr(l, "kind") : -1;
	struct kinds *k;

	in->ntok = 0;
	if (n == 0)
		return 0;
	in->tok_start = dp_layer_starts(l);
	in->tok_end = dp_layer_ends(l);
	in->ntok = n;
	if (attr < 0)
		return 0;
	k = dp_doc_alloc(doc, sizeof(*k));
	if (!k)
		return DP_ENOMEM;
	k->layer = l;
	k->attr = attr;
	in->tok_kind = token_kind;
	in->tok_kind_ctx = k;
	return 0;
}

static const char *kind_name(int kind)
{
	switch (kind) {
	case QX_DIRECT: return "direct";
	case QX_PARTIAL: return "partial";
	case QX_INDIRECT: return "indirect";
	default: return "scare";
	}
}

/*
 * The id of an output string, or 0 with *rc set. dp_doc_intern() checks
 * the string is valid UTF-8, a slice of the text (the quote texts, most
 * of the bytes written) by its two ends only.
 */
static uint32_t out_str(struct dp_doc *doc, const char *s, size_t n, int *rc)
{
	uint32_t id = dp_doc_intern(doc, s, n);

	if (!id)
		*rc = DP_ENOMEM;   /* or not UTF-8: the core says which */
	return id;
}

/*
 * Writes the quotations with the bulk calls of ABI 1.1: one
 * dp_layer_add_many() and one call per string attribute, instead of an
 * add and three or four set_str per quotation (the core's per-call checks
 * were most of the cost of writing). The columns come from the
 * document's arena; an id of 0 leaves a speaker or cue unset. The error
 * of the first failing quotation is reported, as when each was set in
 * turn.
 */
static int write_layer(struct dp_doc *doc, const struct qx_quote *q, long n)
{
	struct dp_layer *l = dp_layer_create(doc, "quotes", attrs, A_COUNT);
	uint32_t kid[4] = { 0, 0, 0, 0 };
	uint32_t *start, *end, *text, *speaker, *cue;
	uint8_t *kind;
	bool any_speaker = false, any_cue = false;
	unsigned used = 0;
	long first;
	int rc = 0;

	if (!l)
		return DP_EPLUGIN; /* the core has set the message */
	if (n <= 0)
		return 0;
	start = dp_doc_alloc(doc, (size_t)n * 5 * sizeof(uint32_t) + (size_t)n);
	if (!start)
		return dp_doc_fail(doc, "quotes: %s", dp_strerror(DP_ENOMEM));
	end = start + n;
	text = end + n;
	speaker = text + n;
	cue = speaker + n;
	kind = (uint8_t *)(cue + n);
	for (long i = 0; i < n; i++) {
		unsigned k = q[i].kind == QX_DIRECT ? 0
		           : q[i].kind == QX_PARTIAL ? 1
		           : q[i].kind == QX_INDIRECT ? 2 : 3;
		start[i] = q[i].start;
		end[i] = q[i].end;
		kind[i] = (uint8_t)k;
		used |= 1u << k;
		speaker[i] = cue[i] = 0;
		text[i] = out_str(doc, q[i].text, q[i].text_len, &rc);
		if (rc == 0 && q[i].speaker) {
			speaker[i] = out_str(doc, q[i].speaker,
			                     q[i].speaker_len, &rc);
			any_speaker = true;
		}
		if (rc == 0 && q[i].cue) {
			cue[i] = out_str(doc, q[i].cue, q[i].cue_len,
			                 &rc);
			any_cue = true;
		}
		if (rc < 0)
			return dp_doc_fail(doc, "quotes: %s", dp_strerror(rc));
	}
	/* the kinds' names interned only when used: many documents have
	 * one kind (an unused entry of the dictionary stays 0) */
	for (unsigned k = 0; k < 4; k++) {
		const char *name = kind_name(1 << k);
		if (!((used >> k) & 1u))
			continue;
		kid[k] = dp_doc_intern(doc, name, strlen(name));
		if (!kid[k])
			return dp_doc_fail(doc, "out of memory");
	}
	first = dp_layer_add_many(l, (size_t)n, start, end);
	if (first < 0)
		return dp_doc_fail(doc, "quotes: %s", dp_strerror((int)first));
	rc = dp_layer_set_str_ids(l, (size_t)first, (size_t)n, A_TEXT, text);
	if (rc == 0)
		rc = dp_layer_set_str_codes(l, (size_t)first, (size_t)n, A_KIND,
		                            kind, kid, 4);
	if (rc == 0 && any_speaker)
		rc = dp_layer_set_str_ids(l, (size_t)first, (size_t)n,
		                          A_SPEAKER, speaker);
	for (long i = 0; i < n && rc == 0; i++)
		if (q[i].has_mention)
			rc = dp_layer_set_span(l, (size_t)first + (size_t)i,
			                       A_SPEAKER_SPAN, q[i].mention_start,
			                       q[i].mention_end);
	if (rc == 0 && any_cue)
		rc = dp_layer_set_str_ids(l, (size_t)first, (size_t)n, A_CUE,
		                          cue);
	if (rc < 0)
		return dp_doc_fail(doc, "quotes: %s", dp_strerror(rc));
	return 0;
}

static int quotes_process(void *state, struct dp_doc *doc)
{
	const struct state *st = state;
	struct qx_input in;
	struct qx_quote *q;
	long n;

	memset(&in, 0, sizeof(in));
	in.text = dp_doc_text(doc, &in.len);
	if ((uint64_t)in.len > UINT32_MAX)
		return dp_doc_fail(doc, "quotes: text longer than 4 GiB");
	if (read_sentences(doc, &in) < 0 || read_tokens(doc, &in) < 0)
		return dp_doc_fail(doc, "quotes: out of memory");
	n = qx_extract(&st->cfg, &in, doc_alloc, doc, &q);
	if (n < 0)
		return dp_doc_fail(doc, "quotes: out of memory");
	return write_layer(doc, q, n);
}

DP_PLUGIN_DEFINE(
	.name = "quotes",
	.version = "0.1.0",
	.description = "direct, partial and reported speech with speaker "
	               "and cue (layer quotes)",
	.requires = requires,
	.provides = provides,
	.options = options,
	.init = quotes_init,
	.process = quotes_process,
	.fini = quotes_fini);
