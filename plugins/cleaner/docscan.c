/*
 * docscan.c - one classification of the text for all the passes.
 *
 * The word pass needs the byte classes of every 64-byte block
 * (blockmask.h), the boilerplate pass needs the line breaks, and the
 * characters and NFC passes only need to know whether the text has a
 * byte they react to at all. Each pass used to scan the whole text for
 * itself; on clean ASCII prose (the common case) all of them found
 * nothing. Now one scan classifies the text and keeps the masks, which
 * stay valid until a pass edits the text.
 */
#include <string.h>

#include "blockmask.h"

#if defined(__SSE2__) && !defined(CLEANER_NO_SSE2) && \
    !defined(CLEANER_NO_AVX2) && defined(__x86_64__) && defined(__GNUC__)
#define CLEANER_AVX2 1
#include <immintrin.h>

/* The masks of 32 bytes, 32 bits each. */
struct mask32 {
	uint32_t sp, let, plain, nl, dot, comma, b5;
};

__attribute__((target("avx2")))
static inline struct mask32 classify32(const unsigned char *p)
{
	const __m256i c20 = _mm256_set1_epi8(0x20), ca = _mm256_set1_epi8('a');
	const __m256i c25 = _mm256_set1_epi8(25), c0 = _mm256_set1_epi8('0');
	const __m256i c9 = _mm256_set1_epi8(9);
	__m256i x = _mm256_loadu_si256((const __m256i *)(const void *)p);
	__m256i s = _mm256_cmpeq_epi8(x, _mm256_set1_epi8(' '));
	__m256i t = _mm256_sub_epi8(_mm256_or_si256(x, c20), ca);
	__m256i l = _mm256_cmpeq_epi8(_mm256_min_epu8(t, c25), t);
	__m256i d = _mm256_sub_epi8(x, c0);
	d = _mm256_cmpeq_epi8(_mm256_min_epu8(d, c9), d);
	struct mask32 r;
	r.sp = (uint32_t)_mm256_movemask_epi8(s);
	r.let = (uint32_t)_mm256_movemask_epi8(l);
	/* letters, digits and spaces: what is not special */
	r.plain = (uint32_t)_mm256_movemask_epi8(
		_mm256_or_si256(_mm256_or_si256(s, l), d));
	r.nl = (uint32_t)_mm256_movemask_epi8(
		_mm256_cmpeq_epi8(x, _mm256_set1_epi8('\n')));
	r.dot = (uint32_t)_mm256_movemask_epi8(
		_mm256_cmpeq_epi8(x, _mm256_set1_epi8('.')));
	r.comma = (uint32_t)_mm256_movemask_epi8(
		_mm256_cmpeq_epi8(x, _mm256_set1_epi8(',')));
	/* bit 5 of each byte moved to its sign bit (a 16-bit shift: the
	 * bits that cross into the next byte do not reach its sign) */
	r.b5 = (uint32_t)_mm256_movemask_epi8(_mm256_slli_epi16(x, 2));
	return r;
}

/* block_classify() 32 bytes at a time: the classification was the
 * largest cost of clean text (about 200 instructions per block with
 * SSE2, a third of it joining four 16-bit masks per class). The two
 * halves of a block are written out (a loop over them shifted each
 * mask by a variable count). The whole loop is in one function: a
 * function built for AVX2 cannot be inlined into one that is not.
 * @tail, when not NULL, is classified as the block after the @n ones
 * (the text's last bytes and the zero bytes after them). */
__attribute__((target("avx2")))
static void classify_avx2(const unsigned char *u, size_t n,
                          struct block_mask *m, const unsigned char *tail)
{
	for (size_t k = 0; k <= n; k++) {
		const unsigned char *p = u + 64 * k;
		if (k == n) {
			if (!tail)
				break;
			p = tail;
		}
		struct mask32 a = classify32(p), b = classify32(p + 32);
#define JOIN(f) ((uint64_t)a.f | (uint64_t)b.f << 32)
		uint64_t let = JOIN(let);
		m[k].sp = JOIN(sp);
		m[k].let = let;
		m[k].nl = JOIN(nl);
		m[k].dot = JOIN(dot);
		m[k].comma = JOIN(comma);
		m[k].lo = let & JOIN(b5);
		m[k].spec = ~JOIN(plain);
#undef JOIN
	}
}
#endif

bool docscan_have_avx2(void)
{
#ifdef CLEANER_AVX2
	__builtin_cpu_init();
	return __builtin_cpu_supports("avx2");
#else
	return false;
#endif
}

void docscan_classify(const unsigned char *u, size_t n, struct block_mask *m,
                      bool avx2)
{
#ifdef CLEANER_AVX2
	if (avx2) {
		classify_avx2(u, n, m, NULL);
		return;
	}
#else
	(void)avx2;
#endif
	for (size_t k = 0; k < n; k++)
		block_classify(u + 64 * k, &m[k]);
}

/* DS_* of each byte: the bytes pass_chars() reacts to (chars.c's
 * interesting[]: controls but tab, LF and CR; '&'; DEL; bytes >= 0x80)
 * and the bytes >= 0x80 that pass_nfc() looks at. A table: one load per
 * byte in the loop of docscan_get(). */
#define C DS_CHARS
#define H (DS_CHARS | DS_HIGH)
#define H16 H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H
static const unsigned char byte_flags[256] = {
	C, C, C, C, C, C, C, C, C, 0, 0, C, C, 0, C, C,
	C, C, C, C, C, C, C, C, C, C, C, C, C, C, C, C,
	0, 0, 0, 0, 0, 0, C, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, C,
	H16, H16, H16, H16, H16, H16, H16, H16,
};
#undef H16
#undef H
#undef C

int docscan_get(struct docscan *ds, struct dp_doc *doc)
{
	size_t len;
	const char *s = dp_doc_text(doc, &len);
	if (ds->valid && ds->s == s && ds->len == len)
		return 0;
	ds->valid = false;
	size_t nb = (len + 63) / 64;
	/* an all-zero block before the text's first one (m[-1]) and one
	 * after its last: the word scan reads the masks of both
	 * neighbours of every block without testing for the ends */
	struct block_mask *m = dp_doc_alloc(doc, (nb + 2) * sizeof(*m));
	if (!m)
		return DP_ENOMEM;
	*m++ = (struct block_mask){0};
	const unsigned char *u = (const unsigned char *)s;
	unsigned flags = 0;
	size_t full = len / 64;
	/* the last block in place: the DP_TEXT_PAD zero bytes after the
	 * text (docproc.h) are read as NULs, as the rules read 0 past its
	 * end; the NULs are special bytes, masked out below */
	_Static_assert(DP_TEXT_PAD >= 64, "the last block is read whole");
	const unsigned char *tail = u + 64 * full;
#ifdef CLEANER_AVX2
	if (ds->avx2) {
		classify_avx2(u, full, m, full < nb ? tail : NULL);
	} else
#endif
	{
		docscan_classify(u, full, m, false);
		if (full < nb)
			block_classify(tail, &m[full]);
	}
	if (full < nb)
		m[full].spec &= (1ull << (len - 64 * full)) - 1;
	for (size_t k = 0; k < nb; k++) {
		size_t base = 64 * k;
		/* the bytes the characters and NFC passes react to are
		 * special ones other than '\n', '.' and ','; there are few
		 * in most blocks, and once both flags are set no more
		 * need a look */
		if (flags != (DS_CHARS | DS_HIGH))
			for (uint64_t b = m[k].spec & ~(m[k].nl | m[k].dot |
			                                m[k].comma);
			     b; b &= b - 1)
				flags |= byte_flags[u[base + (unsigned)
				                      __builtin_ctzll(b)]];
	}
	m[nb] = (struct block_mask){0};
	ds->s = s;
	ds->len = len;
	ds->nblocks = nb;
	ds->m = m;
	ds->flags = flags;
	ds->valid = true;
	return 0;
}
