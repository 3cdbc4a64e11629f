/*
 * qx.h - the quote extractor's engine, independent of the docproc record.
 *
 * The engine takes a text, its sentence spans and spans where quote marks
 * are not quote marks (URLs, e-mail addresses, code), and returns the
 * quotations it finds: direct and partial quotes between quote marks,
 * reported (indirect) speech, and optionally scare quotes, each with the
 * reporting cue and the speaker. All memory comes from a caller-supplied
 * allocator (the document arena in the plugin), so nothing is freed here.
 *
 * quotes.c adapts it to the docproc plugin ABI. The engine has no mutable
 * global state; one call works on one document.
 */
#ifndef QUOTES_QX_H
#define QUOTES_QX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Kinds of quotation, also used as bits of qx_config.kinds. */
enum qx_kind {
	QX_DIRECT = 1,
	QX_PARTIAL = 2,
	QX_INDIRECT = 4,
	QX_SCARE = 8,
};

/* Read-only configuration, shared by threads. */
struct qx_config {
	unsigned kinds;               /* bits of enum qx_kind to output */
	size_t max_len;               /* characters before a missing closing
	                                 mark is assumed */
	const char *const *extra_cues; /* lowercase words used like "said" */
	size_t n_extra_cues;
};

struct qx_span {
	uint32_t start, end;
};

/* Kinds of the tokenizer's tokens that the engine tells apart. */
enum qx_tok_kind {
	QX_TK_OTHER = 0,
	QX_TK_WORD,     /* word or number */
	QX_TK_MASKED,   /* url, email, hashtag, mention: no quote marks */
	QX_TK_QUOTE,    /* a quote mark */
};

struct qx_input {
	const char *text;
	size_t len;
	/* The tokenizer's tokens (sorted, disjoint); when ntok is 0 the
	 * engine splits the text itself and uses `masked`. */
	const uint32_t *tok_start, *tok_end;
	size_t ntok;
	/* The kind of token @i (enum qx_tok_kind), asked only for tokens
	 * whose text cannot tell (apostrophes, URL-like words); NULL: the
	 * text decides. */
	int (*tok_kind)(void *ctx, size_t i);
	void *tok_kind_ctx;
	const struct qx_span *sentences; /* sorted; may be NULL (own split) */
	size_t nsent;
	const struct qx_span *masked;    /* sorted; may be NULL */
	size_t nmasked;
};

/* One quotation. Strings point into the text or the allocator's memory. */
struct qx_quote {
	uint32_t start, end;          /* span: marks included when quoted */
	const char *text;             /* content without the marks */
	size_t text_len;
	int kind;                     /* enum qx_kind */
	const char *speaker;          /* fullest mention, or NULL */
	size_t speaker_len;
	bool has_mention;
	uint32_t mention_start, mention_end; /* the mention attributed */
	const char *cue;              /* or NULL */
	size_t cue_len;
};

typedef void *(*qx_alloc_fn)(void *ctx, size_t size);

/* Finds the quotations of one text. Sets *out to an array (from @alloc)
 * sorted by start and returns its length, or -1 when @alloc fails. */
long qx_extract(const struct qx_config *cfg, const struct qx_input *in,
                qx_alloc_fn alloc, void *actx, struct qx_quote **out);

/* Whether @word (lowercase, @len bytes) is a built-in reporting cue.
 * Used by init() to warn about redundant extra cues and by tests. */
bool qx_is_builtin_cue(const char *word, size_t len);

#endif /* QUOTES_QX_H */
