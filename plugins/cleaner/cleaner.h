/*
 * cleaner.h - internal interface of the translation-artifact cleaner.
 *
 * The plugin runs a few passes over the document text. Each pass scans the
 * current text, collects its edits into a batch (struct batch) and the
 * driver in cleaner.c applies the batch with one dp_doc_replace_many() call.
 * Passes never write into the text themselves.
 */
#ifndef CLEANER_H
#define CLEANER_H

#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <docproc/docproc.h>

/* ---- word-at-a-time scanning (8 bytes per step) ---- */

#define CL_ONES 0x0101010101010101ull
#define CL_HIGHS 0x8080808080808080ull

/* Eight bytes at @p as an integer (any alignment). */
static inline uint64_t cl_load8(const unsigned char *p)
{
	uint64_t x;
	__builtin_memcpy(&x, p, 8);
	return x;
}

/* Non-zero when some byte of @x is below @n (n <= 128); exact as a
 * yes/no answer. */
static inline uint64_t cl_has_less(uint64_t x, unsigned n)
{
	return (x - CL_ONES * n) & ~x & CL_HIGHS;
}

/* Non-zero when some byte of @x equals @c. */
static inline uint64_t cl_has_byte(uint64_t x, unsigned char c)
{
	return cl_has_less(x ^ (CL_ONES * c), 1);
}

/* The first index >= @i whose byte is >= 0x80, or @len. */
static inline size_t cl_skip_ascii(const unsigned char *u, size_t i, size_t len)
{
#ifdef __SSE2__
	/* 64 bytes at a time while there is none */
	while (i + 64 <= len) {
		const __m128i *p = (const __m128i *)(const void *)(u + i);
		__m128i x = _mm_or_si128(
			_mm_or_si128(_mm_loadu_si128(p), _mm_loadu_si128(p + 1)),
			_mm_or_si128(_mm_loadu_si128(p + 2),
			             _mm_loadu_si128(p + 3)));
		if (_mm_movemask_epi8(x))
			break;
		i += 64;
	}
	while (i + 16 <= len) {
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_loadu_si128(
			(const __m128i *)(const void *)(u + i)));
		if (m)
			return i + (size_t)__builtin_ctz(m);
		i += 16;
	}
#endif
	while (i + 8 <= len && !(cl_load8(u + i) & CL_HIGHS))
		i += 8;
	while (i < len && u[i] < 0x80)
		i++;
	return i;
}

/* The language names of the menu test (lines.c) by first byte: bit i
 * of by_first[c] is set when name i starts with the byte c. Built once
 * per instance by lang_index_init(): the test no longer compares every
 * capital of a line with all the names. */
struct lang_index {
	uint64_t by_first[256][2];
};
void lang_index_init(struct lang_index *li);

/* The rule families, one boolean option each (see cleaner.c's schema). */
struct cleaner_opts {
	bool encoding;     /* encoding.*: mojibake repair */
	bool entities;     /* entities.*: HTML entities */
	bool invisible;    /* invisible.*: zero-width, soft hyphen, BOM, bidi,
	                      controls, odd spaces */
	bool unicode;      /* unicode.nfc */
	bool cjk;          /* cjk.*: full-width forms, ideographic space */
	bool masks;        /* masks.asterisk: "Iraq**" */
	bool masks_markup; /* masks.markup, masks.footnote: "**bold**", "x*" */
	bool fragments;    /* fragments.*: particles, reporting fragments,
	                      repeated words, doubled punctuation */
	bool spacing;      /* spacing.*: missing / stray spaces */
	bool boilerplate;  /* boilerplate.*: web page residue lines */
	bool avx2;         /* the CPU has AVX2: docscan.c classifies 64
	                      bytes in two steps instead of four */
	struct lang_index langs;
};

/* A sorted, disjoint list of edits for one dp_doc_replace_many() call.
 * Edits may be added in any order; batch_finish() sorts them and drops
 * every edit that overlaps an earlier one (the first one wins). Memory
 * comes from the document's arena. */
struct batch {
	struct dp_doc *doc;
	struct dp_edit *v;
	size_t n;
	size_t cap;
	int err;           /* first DP_E* error, sticky */
};

void batch_init(struct batch *b, struct dp_doc *doc);
/* Adds "replace [start, end) with text[0..len)". @text must stay valid
 * until the batch is applied (a literal, or memory from batch_copy()).
 * Returns 0 or DP_ENOMEM (also kept in b->err). */
int batch_add(struct batch *b, size_t start, size_t end, const char *text,
              size_t len, const char *rule);
/* Copies @len bytes into the document arena; NULL when out of memory. */
char *batch_copy(struct batch *b, const char *s, size_t len);
/* Sorts by (start, end, insertion order) and removes overlaps. */
void batch_finish(struct batch *b);

/* The byte classes of the current text, 64 bytes per block
 * (blockmask.h), and what kinds of bytes the text holds at all (DS_*):
 * computed once per text and shared by the passes (docscan.c). Most
 * texts are plain ASCII prose that no rule edits: one classification
 * then serves every pass, and the passes that cannot fire (characters
 * and NFC without a byte they react to) are skipped whole. The driver
 * (cleaner.c) marks it stale whenever a pass edits the text. */
struct block_mask;
struct docscan {
	const char *s;          /* the text the masks describe */
	size_t len;
	size_t nblocks;         /* blocks of 64 bytes: ceil(len / 64) */
	struct block_mask *m;   /* nblocks + 1 of them; the last is all
	                           zero (the block "after" the text), and
	                           so is m[-1] (the block "before" it) */
	unsigned flags;         /* DS_* */
	bool valid;
	bool avx2;              /* classify with AVX2 (cleaner_opts.avx2) */
};
enum {
	DS_CHARS = 1,   /* a byte pass_chars() reacts to: >= 0x80, '&', a
	                   control other than tab, LF and CR, DEL */
	DS_HIGH = 2,    /* a byte >= 0x80 (pass_nfc()) */
};
/* The classes of the current text of @doc, computed when @ds is stale
 * (or describes another text); 0 or DP_ENOMEM. */
int docscan_get(struct docscan *ds, struct dp_doc *doc);
/* The masks of the @n blocks of 64 bytes at @u (AVX2 when @avx2 and
 * built in, else SSE2 or plain C: the same masks). */
void docscan_classify(const unsigned char *u, size_t n, struct block_mask *m,
                      bool avx2);
/* Whether this build has the AVX2 classification and the CPU (and OS)
 * can run it. */
bool docscan_have_avx2(void);

/* The passes. Each reads the current text of b->doc (classified in @ds,
 * which it brings up to date with docscan_get() when it needs it) and
 * adds edits; returns 0 or a DP_E* code. */
int pass_chars(const struct cleaner_opts *o, struct batch *b,
               struct docscan *ds);
int pass_nfc(const struct cleaner_opts *o, struct batch *b,
             struct docscan *ds);
int pass_lines(const struct cleaner_opts *o, struct batch *b,
               struct docscan *ds);
int pass_words(const struct cleaner_opts *o, struct batch *b,
               struct docscan *ds);

/* Small character helpers shared by the passes (text_util.c). */
static inline bool is_alpha(unsigned char c)
{
	return (unsigned char)((c | 0x20) - 'a') < 26;
}
static inline bool is_lower(unsigned char c)
{
	return (unsigned char)(c - 'a') < 26;
}
static inline bool is_upper(unsigned char c)
{
	return (unsigned char)(c - 'A') < 26;
}
static inline bool is_digit(unsigned char c)
{
	return (unsigned char)(c - '0') < 10;
}
static inline bool is_alnum(unsigned char c)
{
	return is_alpha(c) || is_digit(c);
}
static inline bool is_hspace(unsigned char c)
{
	return c == ' ' || c == '\t';
}

/* Code point classes. */
bool cp_is_cjk(int32_t cp);        /* Han, kana, Hangul, CJK punctuation */
bool cp_is_rtl(int32_t cp);        /* Hebrew, Arabic and related */
bool cp_is_emoji(int32_t cp);      /* pictographs, dingbats, modifiers */
bool cp_is_letter(int32_t cp);     /* Unicode category L* */

/* Case-insensitive ASCII comparison of s[0..n) with NUL-terminated @lit. */
bool ascii_ieq(const char *s, size_t n, const char *lit);

#endif /* CLEANER_H */
