/*
 * nfc.c - Unicode NFC for the spans that are not already NFC.
 *
 * A quick check first: a run of non-ASCII characters can change under NFC
 * only if it holds a combining mark, a composition exclusion, a singleton
 * decomposition or a conjoining Hangul jamo. Only such runs (with the
 * character before them, which a mark may compose with) are normalised,
 * with utf8proc into a stack buffer; unchanged runs make no edit.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "cleaner.h"

#define NFC_STACK 512   /* code points normalised without malloc */

static bool maybe_not_nfc(int32_t cp)
{
	if (cp >= 0x1100 && cp <= 0x11FF)
		return true;                        /* conjoining jamo */
	if ((cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F))
		return true;                        /* CJK compatibility */
	if (cp >= 0x1F00 && cp <= 0x1FFF)
		return true;                        /* Greek extended */
	switch (cp) {
	case 0x0340: case 0x0341: case 0x0343: case 0x0344: case 0x0374:
	case 0x037E: case 0x0387: case 0x2000: case 0x2001: case 0x2126:
	case 0x212A: case 0x212B: case 0x2329: case 0x232A:
		return true;
	default:
		break;
	}
	const utf8proc_property_t *p = utf8proc_get_property(cp);
	return p->combining_class != 0 || p->comp_exclusion;
}

/* Normalises s[0..n) and adds an edit when the result differs. */
static int normalise(struct batch *b, const char *s, size_t start, size_t n)
{
	const utf8proc_uint8_t *in = (const utf8proc_uint8_t *)s + start;
	const int opts = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
	utf8proc_int32_t stackbuf[NFC_STACK];
	utf8proc_int32_t *buf = stackbuf;
	utf8proc_ssize_t cap = NFC_STACK;
	utf8proc_ssize_t m = utf8proc_decompose(in, (utf8proc_ssize_t)n, buf,
	                                        cap, opts);
	if (m < 0)
		return 0;               /* invalid input: leave it */
	if (m > cap) {
		buf = malloc((size_t)m * sizeof(*buf));
		if (!buf)
			return b->err = DP_ENOMEM;
		cap = m;
		m = utf8proc_decompose(in, (utf8proc_ssize_t)n, buf, cap, opts);
	}
	int rc = 0;
	if (m >= 0) {
		m = utf8proc_normalize_utf32(buf, m, opts);
		if (m >= 0)
			m = utf8proc_reencode(buf, m, opts);
	}
	if (m >= 0 && ((size_t)m != n || memcmp(buf, in, n) != 0)) {
		char *t = batch_copy(b, (const char *)buf, (size_t)m);
		rc = t ? batch_add(b, start, start + n, t, (size_t)m,
		                   "unicode.nfc")
		       : DP_ENOMEM;
	}
	if (buf != stackbuf)
		free(buf);
	return rc;
}

int pass_nfc(const struct cleaner_opts *o, struct batch *b,
             struct docscan *ds)
{
	if (!o->unicode)
		return 0;
	/* plain ASCII is NFC (most texts): done */
	int r0 = docscan_get(ds, b->doc);
	if (r0)
		return b->err = r0;
	if (!(ds->flags & DS_HIGH))
		return 0;
	size_t len;
	const char *s = dp_doc_text(b->doc, &len);
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		i = cl_skip_ascii(u, i, len);
		if (i >= len)
			break;
		size_t start = (i > 0 && u[i - 1] >= 0x20) ? i - 1 : i;
		bool flagged = false;
		size_t e = i;
		while (e < len && u[e] >= 0x80) {
			int32_t cp = dp_utf8_next(s, len, &e);
			if (cp >= 0 && !flagged && maybe_not_nfc(cp))
				flagged = true;
		}
		if (flagged) {
			int r = normalise(b, s, start, e - start);
			if (r)
				return r;
		}
		i = e;
	}
	return b->err;
}
