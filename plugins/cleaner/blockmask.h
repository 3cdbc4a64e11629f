/*
 * blockmask.h - byte classes of 64 bytes of text, one bit per byte,
 * for the word scan (words.c).
 *
 * The word scan used to stop at every byte that is not a letter (one in
 * four: spaces mostly) and ask a byte table what to do. Almost always the
 * answer was "nothing". Now it computes these masks for a block of
 * 64 bytes (SSE2: a few compares and one movemask per class), and
 * combines the masks of neighbouring bytes with shifts to find the few
 * positions where a rule can apply. block_classify_bytes() is the
 * portable version; both give the same masks.
 */
#ifndef CLEANER_BLOCKMASK_H
#define CLEANER_BLOCKMASK_H

#include <stdint.h>

#include "cleaner.h"

/* Bit k of each mask describes byte k of the block. */
struct block_mask {
	uint64_t sp;     /* ' ' */
	uint64_t lo;     /* a-z */
	uint64_t let;    /* A-Z, a-z */
	uint64_t nl;     /* '\n' */
	uint64_t dot;    /* '.' */
	uint64_t comma;  /* ',' */
	uint64_t spec;   /* neither a letter, a digit nor a space: the bytes
	                    that have rules of their own ('\n', punctuation,
	                    0xE2) or that make the rules of a space next to
	                    them run (punctuation, bytes >= 0x80), and a few
	                    more that the rules then ignore */
};

/* The classes of one byte, as bits: */
enum { BM_LO = 1, BM_SP = 2, BM_SPEC = 4, BM_LET = 8, BM_NL = 16,
       BM_DOT = 32, BM_COMMA = 64 };
static inline unsigned block_byte_class(unsigned char c)
{
	if (is_lower(c))
		return BM_LO | BM_LET;
	if (is_upper(c))
		return BM_LET;
	if (c == ' ')
		return BM_SP;
	if (is_digit(c))
		return 0;
	return BM_SPEC | (c == '\n' ? BM_NL : 0) | (c == '.' ? BM_DOT : 0) |
	       (c == ',' ? BM_COMMA : 0);
}

/* The masks of the 64 bytes at @p, one byte at a time (the portable
 * version, and the reference of the SSE2 one). */
static inline void block_classify_bytes(const unsigned char *p,
                                        struct block_mask *m)
{
	*m = (struct block_mask){0};
	for (unsigned k = 0; k < 64; k++) {
		unsigned c = block_byte_class(p[k]);
		uint64_t bit = 1ull << k;
		m->sp |= c & BM_SP ? bit : 0;
		m->lo |= c & BM_LO ? bit : 0;
		m->let |= c & BM_LET ? bit : 0;
		m->nl |= c & BM_NL ? bit : 0;
		m->dot |= c & BM_DOT ? bit : 0;
		m->comma |= c & BM_COMMA ? bit : 0;
		m->spec |= c & BM_SPEC ? bit : 0;
	}
}

#if defined(__SSE2__) && !defined(CLEANER_NO_SSE2)
/* Lanes of @x in [lo, lo + n]: all ones, others zero. */
static inline __m128i block_in_range(__m128i x, char lo, char n)
{
	__m128i t = _mm_sub_epi8(x, _mm_set1_epi8(lo));
	return _mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8(n)), t);
}

/* The classes of sixteen bytes, one bit each; digits and bit 5 (lower
 * case, in a letter) for block_classify() to derive the others. */
struct block_mask16 {
	uint32_t sp, let, nl, dot, comma, dig, b5;
};

static inline struct block_mask16 block_classify16(const unsigned char *p)
{
	__m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
	struct block_mask16 m;
	m.sp = (uint32_t)_mm_movemask_epi8(
		_mm_cmpeq_epi8(x, _mm_set1_epi8(' ')));
	m.let = (uint32_t)_mm_movemask_epi8(block_in_range(
		_mm_or_si128(x, _mm_set1_epi8(0x20)), 'a', 25));
	m.nl = (uint32_t)_mm_movemask_epi8(
		_mm_cmpeq_epi8(x, _mm_set1_epi8('\n')));
	m.dot = (uint32_t)_mm_movemask_epi8(
		_mm_cmpeq_epi8(x, _mm_set1_epi8('.')));
	m.comma = (uint32_t)_mm_movemask_epi8(
		_mm_cmpeq_epi8(x, _mm_set1_epi8(',')));
	m.dig = (uint32_t)_mm_movemask_epi8(block_in_range(x, '0', 9));
	/* bit 5 of each byte moved to its sign bit (a 16-bit shift: the
	 * bits that cross into the next byte do not reach its sign) */
	m.b5 = (uint32_t)_mm_movemask_epi8(_mm_slli_epi16(x, 2));
	return m;
}

/* Four 16-bit masks as one 64-bit mask. */
#define BLOCK_JOIN(a, b, c, d, f) \
	((uint64_t)(a).f | (uint64_t)(b).f << 16 | (uint64_t)(c).f << 32 | \
	 (uint64_t)(d).f << 48)

/* The masks of the 64 bytes at @p. */
static inline void block_classify(const unsigned char *p, struct block_mask *m)
{
	struct block_mask16 a = block_classify16(p);
	struct block_mask16 b = block_classify16(p + 16);
	struct block_mask16 c = block_classify16(p + 32);
	struct block_mask16 d = block_classify16(p + 48);
	m->sp = BLOCK_JOIN(a, b, c, d, sp);
	m->let = BLOCK_JOIN(a, b, c, d, let);
	m->nl = BLOCK_JOIN(a, b, c, d, nl);
	m->dot = BLOCK_JOIN(a, b, c, d, dot);
	m->comma = BLOCK_JOIN(a, b, c, d, comma);
	m->lo = m->let & BLOCK_JOIN(a, b, c, d, b5);
	m->spec = ~(m->let | m->sp | BLOCK_JOIN(a, b, c, d, dig));
}
#undef BLOCK_JOIN
#else
static inline void block_classify(const unsigned char *p, struct block_mask *m)
{
	block_classify_bytes(p, m);
}
#endif

#endif /* CLEANER_BLOCKMASK_H */
