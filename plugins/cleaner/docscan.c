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

/* block_classify() 32 bytes at a time: the classification was the
 * largest cost of clean text (about 200 instructions per block with
 * SSE2, a third of it joining four 16-bit masks per class). The whole
 * loop is in one function: a function built for AVX2 cannot be inlined
 * into one that is not. */
__attribute__((target("avx2")))
static void classify_avx2(const unsigned char *u, size_t n,
                          struct block_mask *m)
{
	const __m256i c20 = _mm256_set1_epi8(0x20), ca = _mm256_set1_epi8('a');
	const __m256i c25 = _mm256_set1_epi8(25), c0 = _mm256_set1_epi8('0');
	const __m256i c9 = _mm256_set1_epi8(9), csp = _mm256_set1_epi8(' ');
	const __m256i cnl = _mm256_set1_epi8('\n');
	const __m256i cdot = _mm256_set1_epi8('.');
	const __m256i ccomma = _mm256_set1_epi8(',');
	for (size_t k = 0; k < n; k++) {
		uint64_t sp = 0, let = 0, nl = 0, dot = 0, comma = 0;
		uint64_t plain = 0, b5 = 0;
		for (unsigned h = 0; h < 64; h += 32) {
			__m256i x = _mm256_loadu_si256((const __m256i *)
			                               (const void *)
			                               (u + 64 * k + h));
			__m256i s = _mm256_cmpeq_epi8(x, csp);
			__m256i t = _mm256_sub_epi8(_mm256_or_si256(x, c20), ca);
			__m256i l = _mm256_cmpeq_epi8(_mm256_min_epu8(t, c25), t);
			__m256i d = _mm256_sub_epi8(x, c0);
			d = _mm256_cmpeq_epi8(_mm256_min_epu8(d, c9), d);
#define MASK32(v) ((uint64_t)(uint32_t)_mm256_movemask_epi8(v) << h)
			sp |= MASK32(s);
			let |= MASK32(l);
			plain |= MASK32(_mm256_or_si256(_mm256_or_si256(s, l), d));
			nl |= MASK32(_mm256_cmpeq_epi8(x, cnl));
			dot |= MASK32(_mm256_cmpeq_epi8(x, cdot));
			comma |= MASK32(_mm256_cmpeq_epi8(x, ccomma));
			b5 |= MASK32(_mm256_slli_epi16(x, 2));
#undef MASK32
		}
		m[k].sp = sp;
		m[k].let = let;
		m[k].nl = nl;
		m[k].dot = dot;
		m[k].comma = comma;
		m[k].lo = let & b5;
		m[k].spec = ~plain;
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
		classify_avx2(u, n, m);
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
	struct block_mask *m = dp_doc_alloc(doc, (nb + 1) * sizeof(*m));
	if (!m)
		return DP_ENOMEM;
	const unsigned char *u = (const unsigned char *)s;
	unsigned flags = 0;
	size_t full = len / 64;
	docscan_classify(u, full, m, ds->avx2);
	if (full < nb) {
		/* the last block, from a copy padded with NULs (as the text
		 * is: the rules read 0 past its end); the NULs are special
		 * bytes, masked out */
		unsigned char tail[64] = {0};
		memcpy(tail, u + 64 * full, len - 64 * full);
		block_classify(tail, &m[full]);
		m[full].spec &= (1ull << (len - 64 * full)) - 1;
	}
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
