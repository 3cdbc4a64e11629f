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

/* The bytes below 0x80 that pass_chars() reacts to (chars.c's
 * interesting[]): controls but tab, LF and CR; '&'; DEL. A bit each. */
static const uint64_t chars_lo = ~(1ull << '\t' | 1ull << '\n' |
                                   1ull << '\r') & 0xFFFFFFFFull;

/* DS_* of the byte @c. */
static inline unsigned byte_flags(unsigned char c)
{
	if (c >= 0x80)
		return DS_CHARS | DS_HIGH;
	if (c < 64)
		return (chars_lo >> c & 1) || c == '&' ? DS_CHARS : 0;
	return c == 0x7F ? DS_CHARS : 0;
}

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
	for (size_t k = 0; k < nb; k++) {
		size_t base = 64 * k;
		if (base + 64 <= len) {
			block_classify(u + base, &m[k]);
		} else {
			/* the last block, from a copy padded with NULs (as
			 * the text is: the rules read 0 past its end); the
			 * NULs are special bytes, masked out */
			unsigned char tail[64] = {0};
			memcpy(tail, u + base, len - base);
			block_classify(tail, &m[k]);
			m[k].spec &= (1ull << (len - base)) - 1;
		}
		/* the bytes the characters and NFC passes react to are
		 * special ones other than '\n', '.' and ','; there are few
		 * in most blocks, and once both flags are set no more
		 * need a look */
		if (flags != (DS_CHARS | DS_HIGH))
			for (uint64_t b = m[k].spec & ~(m[k].nl | m[k].dot |
			                                m[k].comma);
			     b; b &= b - 1)
				flags |= byte_flags(u[base + (unsigned)
				                      __builtin_ctzll(b)]);
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
