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

/* The masks of the 64 bytes at @p: sixteen bytes at a time, each
 * chunk's masks shifted into place at once (computing the four chunks
 * first and joining them after kept too many registers live: the
 * compiler spilled them) */
static inline void block_classify(const unsigned char *p, struct block_mask *m)
{
	const __m128i c20 = _mm_set1_epi8(0x20), ca = _mm_set1_epi8('a');
	const __m128i c25 = _mm_set1_epi8(25), c0 = _mm_set1_epi8('0');
	const __m128i c9 = _mm_set1_epi8(9), csp = _mm_set1_epi8(' ');
	const __m128i cnl = _mm_set1_epi8('\n'), cdot = _mm_set1_epi8('.');
	const __m128i ccomma = _mm_set1_epi8(',');
	uint64_t sp = 0, let = 0, nl = 0, dot = 0, comma = 0, plain = 0;
	uint64_t b5 = 0;
	for (unsigned h = 0; h < 64; h += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)
		                            (p + h));
		__m128i s = _mm_cmpeq_epi8(x, csp);
		__m128i t = _mm_sub_epi8(_mm_or_si128(x, c20), ca);
		__m128i l = _mm_cmpeq_epi8(_mm_min_epu8(t, c25), t);
		__m128i d = _mm_sub_epi8(x, c0);
		d = _mm_cmpeq_epi8(_mm_min_epu8(d, c9), d);
		sp |= (uint64_t)(unsigned)_mm_movemask_epi8(s) << h;
		let |= (uint64_t)(unsigned)_mm_movemask_epi8(l) << h;
		/* letters, digits and spaces: what is not special */
		plain |= (uint64_t)(unsigned)_mm_movemask_epi8(
			_mm_or_si128(_mm_or_si128(s, l), d)) << h;
		nl |= (uint64_t)(unsigned)_mm_movemask_epi8(
			_mm_cmpeq_epi8(x, cnl)) << h;
		dot |= (uint64_t)(unsigned)_mm_movemask_epi8(
			_mm_cmpeq_epi8(x, cdot)) << h;
		comma |= (uint64_t)(unsigned)_mm_movemask_epi8(
			_mm_cmpeq_epi8(x, ccomma)) << h;
		/* bit 5 of each byte moved to its sign bit (a 16-bit
		 * shift: the bits that cross into the next byte do not
		 * reach its sign) */
		b5 |= (uint64_t)(unsigned)_mm_movemask_epi8(
			_mm_slli_epi16(x, 2)) << h;
	}
	m->sp = sp;
	m->let = let;
	m->nl = nl;
	m->dot = dot;
	m->comma = comma;
	m->lo = let & b5;
	m->spec = ~plain;
}
#else
static inline void block_classify(const unsigned char *p, struct block_mask *m)
{
	block_classify_bytes(p, m);
}
#endif

#endif /* CLEANER_BLOCKMASK_H */
