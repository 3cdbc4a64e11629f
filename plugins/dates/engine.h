/*
 * engine.h - the date recogniser and resolver, independent of the docproc
 * record: text in, TIMEX3 expressions out.
 *
 * dt_engine_init() builds read-only state (the lexicon hash); dt_scan()
 * may then run on several threads at once with the same engine.
 */
#ifndef DATES_ENGINE_H
#define DATES_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lexicon.h"

enum dt_type { DT_DATE = 0, DT_TIME, DT_DURATION, DT_SET };
enum dt_anchor { DA_ABSOLUTE = 0, DA_DCT, DA_PREVIOUS, DA_NONE };
enum dt_mod {
	DM_NONE = 0, DM_START, DM_MID, DM_END, DM_APPROX, DM_MORE_THAN,
	DM_LESS_THAN, DM_EQUAL_OR_MORE, DM_EQUAL_OR_LESS, DM_BEFORE, DM_AFTER,
	DM_ON_OR_AFTER, DM_ON_OR_BEFORE,
};
enum dt_order { DO_MDY = 0, DO_DMY };
enum dt_prefer { DP_NEWS = 0, DP_PAST, DP_FUTURE };

struct dt_options {
	enum dt_order order;      /* numeric dates: 1/5/2024 */
	enum dt_prefer prefer;    /* undated expressions: tense, past, future */
	unsigned types;           /* bit (1 << enum dt_type) per type output */
};

struct dt_engine {
	struct lx_table lx;
	struct dt_options opt;
	uint16_t *word_rules;  /* per lexicon entry: the rules it may start */
};

/* One expression found. @value is NUL-terminated, @value_len bytes (the
 * emitter interns it without a strlen()). */
struct dt_found {
	size_t start, end;
	enum dt_type type;
	enum dt_anchor anchor;
	enum dt_mod mod;
	size_t value_len;
	char value[48];
};

/* The reference date (document creation time), or has = false. */
struct dt_ref {
	bool has;
	int y, m, d;
};

typedef void *(*dt_alloc_fn)(void *ctx, size_t size);
/* Receives each expression in text order; non-zero stops the scan and is
 * returned by dt_scan(). */
typedef int (*dt_emit_fn)(void *ctx, const struct dt_found *f);

/* Returns 0 or -1 when out of memory. */
int dt_engine_init(struct dt_engine *e, const struct dt_options *opt);
void dt_engine_fini(struct dt_engine *e);

/* Finds the expressions of @text, which must be followed by LEX_PAD
 * readable zero bytes (lexer.h; dp_doc_text() gives DP_TEXT_PAD, as many
 * or more). Scratch memory comes from @alloc (never freed by the engine). Returns 0, -1 when @alloc fails, or the first
 * non-zero value of @emit. */
int dt_scan(const struct dt_engine *e, const char *text, size_t len,
            const struct dt_ref *ref, dt_alloc_fn alloc, void *alloc_ctx,
            dt_emit_fn emit, void *emit_ctx);

const char *dt_type_name(enum dt_type t);
const char *dt_anchor_name(enum dt_anchor a);
/* NULL for DM_NONE. */
const char *dt_mod_name(enum dt_mod m);

#endif
