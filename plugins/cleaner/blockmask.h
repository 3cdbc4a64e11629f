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
	uint64_t spec;   /* '\n', the ASCII punctuation of 0x21-0x2F and
	                    0x3A-0x3F ("!\"#$%&'()*+,-./:;<=>?") and every
	                    byte >= 0x80: the bytes that have rules of their
	                    own or that make the rules of a space next to
	                    them run */
};

/* The classes of one byte, as bits: */
enum { BM_LO = 1, BM_SP = 2, BM_SPEC = 4, BM_LET = 8 };
static inline unsigned block_byte_class(unsigned char c)
{
	return (is_lower(c) ? BM_LO | BM_LET : 0) |
	       (is_upper(c) ? BM_LET : 0) | (c == ' ' ? BM_SP : 0) |
	       (c == '\n' || (c >= 0x21 && c <= 0x2F) ||
	        (c >= 0x3A && c <= 0x3F) || c >= 0x80 ? BM_SPEC : 0);
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

static inline void block_classify16(const unsigned char *p, unsigned sh,
                                    struct block_mask *m)
{
	__m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i spec = _mm_or_si128(
		_mm_or_si128(block_in_range(x, 0x21, 0x2F - 0x21),
		             block_in_range(x, 0x3A, 0x3F - 0x3A)),
		_mm_cmpeq_epi8(x, _mm_set1_epi8('\n')));
	m->sp |= (uint64_t)(unsigned)_mm_movemask_epi8(
		_mm_cmpeq_epi8(x, _mm_set1_epi8(' '))) << sh;
	m->lo |= (uint64_t)(unsigned)_mm_movemask_epi8(
		block_in_range(x, 'a', 25)) << sh;
	m->let |= (uint64_t)(unsigned)_mm_movemask_epi8(block_in_range(
		_mm_or_si128(x, _mm_set1_epi8(0x20)), 'a', 25)) << sh;
	/* the sign bit is set in the bytes >= 0x80 */
	m->spec |= (uint64_t)(unsigned)_mm_movemask_epi8(
		_mm_or_si128(spec, x)) << sh;
}

/* The masks of the 64 bytes at @p. */
static inline void block_classify(const unsigned char *p, struct block_mask *m)
{
	*m = (struct block_mask){0};
	block_classify16(p, 0, m);
	block_classify16(p + 16, 16, m);
	block_classify16(p + 32, 32, m);
	block_classify16(p + 48, 48, m);
}
#else
static inline void block_classify(const unsigned char *p, struct block_mask *m)
{
	block_classify_bytes(p, m);
}
#endif

#endif /* CLEANER_BLOCKMASK_H */
