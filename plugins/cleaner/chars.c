/*
 * chars.c - the character pass: mojibake, HTML entities, invisible and
 * control characters, odd spaces, and full-width CJK residue in Latin text.
 *
 * Most bytes need no work: a 256-entry table marks the bytes that can
 * start something to repair ('&', controls, bytes >= 0x80) and the loop
 * skips everything else.
 */
#include <string.h>

#include "cleaner.h"
#include "entities.h"
#include "mojibake.h"

/* 1 for bytes that may start a repair. */
static const unsigned char interesting[256] = {
	[0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1,
	[0x05] = 1, [0x06] = 1, [0x07] = 1, [0x08] = 1, [0x0B] = 1,
	[0x0C] = 1, [0x0E] = 1, [0x0F] = 1, [0x10] = 1, [0x11] = 1,
	[0x12] = 1, [0x13] = 1, [0x14] = 1, [0x15] = 1, [0x16] = 1,
	[0x17] = 1, [0x18] = 1, [0x19] = 1, [0x1A] = 1, [0x1B] = 1,
	[0x1C] = 1, [0x1D] = 1, [0x1E] = 1, [0x1F] = 1, ['&'] = 1,
	[0x7F] = 1,
	[0x80] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

#ifdef __SSE2__
#include <emmintrin.h>

/* The bytes of @x that may be interesting, and more: below 0x20 but LF,
 * or >= 0x80 (signed), '&' and DEL. Tab and CR are rare enough to be let
 * through to the exact test. */
static inline __m128i maybe_interesting(__m128i x)
{
	__m128i low = _mm_andnot_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\n')),
	                               _mm_cmplt_epi8(x, _mm_set1_epi8(0x20)));
	return _mm_or_si128(low, _mm_or_si128(
		_mm_cmpeq_epi8(x, _mm_set1_epi8('&')),
		_mm_cmpeq_epi8(x, _mm_set1_epi8(0x7F))));
}

static inline __m128i load16(const unsigned char *p)
{
	return _mm_loadu_si128((const __m128i *)(const void *)p);
}

/* The first index >= @i with an interesting byte, or @len: 64 bytes at
 * a time with the looser test above, then sixteen bytes at a time, a
 * mask of the bytes below 0x20 (or >= 0x80: signed) other than tab, LF
 * and CR, '&' and DEL. */
static size_t skip_plain(const unsigned char *u, size_t i, size_t len)
{
	const __m128i c20 = _mm_set1_epi8(0x20), amp = _mm_set1_epi8('&');
	const __m128i del = _mm_set1_epi8(0x7F), lf = _mm_set1_epi8('\n');
	const __m128i tab = _mm_set1_epi8('\t'), cr = _mm_set1_epi8('\r');
	while (i + 16 <= len) {
		if (i + 64 <= len) {
			__m128i t = _mm_or_si128(
				_mm_or_si128(maybe_interesting(load16(u + i)),
				             maybe_interesting(load16(u + i + 16))),
				_mm_or_si128(maybe_interesting(load16(u + i + 32)),
				             maybe_interesting(load16(u + i + 48))));
			if (!_mm_movemask_epi8(t)) {
				i += 64;
				continue;
			}
		}
		__m128i x = load16(u + i);
		__m128i ok = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, lf),
		                                       _mm_cmpeq_epi8(x, tab)),
		                          _mm_cmpeq_epi8(x, cr));
		__m128i bad = _mm_andnot_si128(ok, _mm_cmplt_epi8(x, c20));
		bad = _mm_or_si128(bad, _mm_or_si128(_mm_cmpeq_epi8(x, amp),
		                                     _mm_cmpeq_epi8(x, del)));
		unsigned m = (unsigned)_mm_movemask_epi8(bad);
		if (m)
			return i + (size_t)__builtin_ctz(m);
		i += 16;
	}
	while (i < len && !interesting[u[i]])
		i++;
	return i;
}
#else
/* The first index >= @i with an interesting byte, or @len: eight bytes
 * at a time over plain text (printable ASCII other than '&', tab, LF, CR;
 * a chunk with a line break is looked at byte by byte). */
static size_t skip_plain(const unsigned char *u, size_t i, size_t len)
{
	for (;;) {
		while (i + 8 <= len) {
			uint64_t x = cl_load8(u + i);
			if ((x & CL_HIGHS) | cl_has_less(x, 0x20) |
			    cl_has_byte(x, '&') | cl_has_byte(x, 0x7F))
				break;
			i += 8;
		}
		size_t lim = i + 8 < len ? i + 8 : len;
		while (i < lim && !interesting[u[i]])
			i++;
		if (i < lim || i >= len)
			return i;
	}
}

#endif

enum inv_kind { INV_NONE, INV_ZERO_WIDTH, INV_JOINER, INV_BOM, INV_SHY,
                INV_BIDI, INV_CONTROL, INV_SPACE };

static enum inv_kind invisible_kind(int32_t cp)
{
	switch (cp) {
	case 0x200B: case 0x2060: case 0x180E:
		return INV_ZERO_WIDTH;
	case 0x200C: case 0x200D:
		return INV_JOINER;
	case 0xFEFF:
		return INV_BOM;
	case 0x00AD:
		return INV_SHY;
	case 0x200E: case 0x200F: case 0x061C:
		return INV_BIDI;
	case 0x00A0: case 0x202F: case 0x205F:
		return INV_SPACE;
	default:
		break;
	}
	if (cp >= 0x202A && cp <= 0x202E)
		return INV_BIDI;
	if (cp >= 0x2066 && cp <= 0x2069)
		return INV_BIDI;
	if (cp >= 0x2000 && cp <= 0x200A)
		return INV_SPACE;
	if (cp >= 0x80 && cp <= 0x9F)
		return INV_CONTROL;
	return INV_NONE;
}

static const char *inv_rule(enum inv_kind k)
{
	switch (k) {
	case INV_ZERO_WIDTH: case INV_JOINER: return "invisible.zero_width";
	case INV_BOM: return "invisible.bom";
	case INV_SHY: return "invisible.soft_hyphen";
	case INV_BIDI: return "invisible.bidi";
	case INV_CONTROL: return "invisible.control";
	default: return "invisible.odd_space";
	}
}

static int32_t cp_before(const char *s, size_t i)
{
	if (i == 0)
		return -1;
	return dp_utf8_prev(s, &i);
}

static int32_t cp_at(const char *s, size_t len, size_t i)
{
	if (i >= len)
		return -1;
	return dp_utf8_next(s, len, &i);
}

static bool is_ws_cp(int32_t cp)
{
	return cp == ' ' || cp == '\n' || cp == '\r' || cp == '\t' ||
	       invisible_kind(cp) == INV_SPACE || cp == 0x3000;
}

/* Whether an invisible character between @prev and @next is noise. Joiners
 * stay between emoji and inside scripts that use them; bidi marks stay
 * next to right-to-left letters. */
static bool invisible_removable(enum inv_kind k, int32_t prev, int32_t next)
{
	if (k == INV_JOINER) {
		if (cp_is_emoji(prev) || cp_is_emoji(next))
			return false;
		if ((prev >= 0x0370 && cp_is_letter(prev)) ||
		    (next >= 0x0370 && cp_is_letter(next)))
			return false;
	}
	if (k == INV_BIDI && (cp_is_rtl(prev) || cp_is_rtl(next)))
		return false;
	return true;
}

/* Full-width forms and ideographic punctuation mapped to ASCII. */
static int fullwidth_ascii(int32_t cp)
{
	if (cp >= 0xFF01 && cp <= 0xFF5E)
		return (int)(cp - 0xFEE0);
	if (cp == 0x3002)
		return '.';
	if (cp == 0x3001)
		return ',';
	return -1;
}

/* The nearest character on one side that is not a space or a full-width
 * form; -1 at the text boundary. */
static int32_t context_cp(const char *s, size_t len, size_t i, bool left)
{
	for (int steps = 0; steps < 32; steps++) {
		int32_t cp;
		if (left) {
			if (i == 0)
				return -1;
			cp = dp_utf8_prev(s, &i);
		} else {
			if (i >= len)
				return -1;
			cp = dp_utf8_next(s, len, &i);
		}
		if (cp == ' ' || cp == 0x3000 || fullwidth_ascii(cp) >= 0)
			continue;
		return cp;
	}
	return -1;
}

/* Latin context: no CJK neighbour on either side, and a Latin or ASCII
 * neighbour on at least one. */
static bool latin_context(const char *s, size_t len, size_t start,
                          size_t end)
{
	int32_t l = context_cp(s, len, start, true);
	int32_t r = context_cp(s, len, end, false);
	if (cp_is_cjk(l) || cp_is_cjk(r))
		return false;
	return (l > 0 && l < 0x2000) || (r > 0 && r < 0x2000);
}

static int add_cjk(struct batch *b, const char *s, size_t len, size_t i,
                   size_t e, int32_t cp)
{
	if (cp == 0x3000) {
		int32_t prev = cp_before(s, i), next = cp_at(s, len, e);
		bool drop = prev == -1 || next == -1 || is_ws_cp(prev) ||
		            is_ws_cp(next);
		return batch_add(b, i, e, " ", drop ? 0 : 1,
		                 "cjk.ideographic_space");
	}
	int a = fullwidth_ascii(cp);
	unsigned char next = e < len ? (unsigned char)s[e] : 0;
	unsigned char prev = i > 0 ? (unsigned char)s[i - 1] : 0;
	char buf[3];
	size_t n = 0;
	/* full-width punctuation carries its own spacing: keep a space
	 * where the ASCII form needs one */
	if (a == '(' && is_alnum(prev))
		buf[n++] = ' ';
	buf[n++] = (char)a;
	if ((a == ',' || a == '.' || a == ';' || a == '!' || a == '?' ||
	     a == ')') && is_alpha(next))
		buf[n++] = ' ';
	if (a == ':' && is_alpha(next))
		buf[n++] = ' ';
	char *t = batch_copy(b, buf, n);
	if (!t)
		return DP_ENOMEM;
	return batch_add(b, i, e, t, n, "cjk.fullwidth");
}

/* The replacement for a decoded entity: invisible characters vanish and
 * odd spaces become a space when the invisible family is on. */
static int add_entity(const struct cleaner_opts *o, struct batch *b,
                      size_t i, size_t e, int32_t cp)
{
	char buf[4];
	size_t n;
	enum inv_kind k = invisible_kind(cp);
	if (o->invisible && k == INV_SPACE) {
		buf[0] = ' ';
		n = 1;
	} else if (o->invisible && k != INV_NONE && k != INV_JOINER) {
		n = 0;
	} else {
		n = dp_utf8_encode(cp, buf);
	}
	char *t = batch_copy(b, buf, n);
	if (!t)
		return DP_ENOMEM;
	return batch_add(b, i, e, t, n, "entities.html");
}

static int entity_at(const struct cleaner_opts *o, struct batch *b,
                     const char *s, size_t len, size_t i, size_t *next)
{
	int32_t cp;
	size_t n = entity_parse(s + i, len - i, &cp);
	if (!n)
		return 0;
	/* "&amp;#8217;" and "&amp;quot;": escaped twice */
	if (cp == '&' && i + n < len) {
		char tmp[16];
		size_t m = len - (i + n);
		if (m > sizeof(tmp) - 1)
			m = sizeof(tmp) - 1;
		tmp[0] = '&';
		memcpy(tmp + 1, s + i + n, m);
		int32_t cp2;
		size_t n2 = entity_parse(tmp, m + 1, &cp2);
		if (n2 && cp2 != '&') {
			size_t end = i + n + n2 - 1;
			*next = end;
			return add_entity(o, b, i, end, cp2);
		}
	}
	*next = i + n;
	return add_entity(o, b, i, i + n, cp);
}

int pass_chars(const struct cleaner_opts *o, struct batch *b,
               struct docscan *ds)
{
	/* nothing to react to in the whole text (most texts): done */
	int r0 = docscan_get(ds, b->doc);
	if (r0)
		return b->err = r0;
	if (!(ds->flags & DS_CHARS))
		return 0;
	size_t len;
	const char *s = dp_doc_text(b->doc, &len);
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		i = skip_plain(u, i, len);
		if (i >= len)
			break;
		if (u[i] == '&') {
			size_t next = i + 1;
			if (o->entities) {
				int r = entity_at(o, b, s, len, i, &next);
				if (r)
					return r;
			}
			i = next;
			continue;
		}
		if (u[i] < 0x80) {
			/* C0 control other than tab, LF, CR; or DEL */
			if (o->invisible) {
				int r = batch_add(b, i, i + 1, "", 0,
				                  "invisible.control");
				if (r)
					return r;
			}
			i++;
			continue;
		}
		size_t e = i;
		int32_t cp = dp_utf8_next(s, len, &e);
		if (cp < 0) {
			i = e;
			continue;
		}
		if (o->encoding && cp >= 0xC2 && cp <= 0xF4) {
			char out[MOJIBAKE_MAX];
			size_t olen;
			size_t used = mojibake_repair(s, len, i, out, &olen);
			if (used) {
				char *t = batch_copy(b, out, olen);
				if (!t)
					return DP_ENOMEM;
				int r = batch_add(b, i, i + used, t, olen,
				                  "encoding.mojibake");
				if (r)
					return r;
				i += used;
				continue;
			}
		}
		enum inv_kind k = invisible_kind(cp);
		if (o->invisible && k == INV_SPACE) {
			int32_t prev = cp_before(s, i), next = cp_at(s, len, e);
			/* a space beside another space or a line end goes;
			 * otherwise it becomes a plain space */
			bool drop = prev == -1 || next == -1 || prev == ' ' ||
			            prev == '\t' || is_ws_cp(next);
			int r = batch_add(b, i, e, " ", drop ? 0 : 1,
			                  inv_rule(k));
			if (r)
				return r;
		} else if (o->invisible && k != INV_NONE) {
			int32_t prev = cp_before(s, i), next = cp_at(s, len, e);
			if (invisible_removable(k, prev, next)) {
				int r = batch_add(b, i, e, "", 0, inv_rule(k));
				if (r)
					return r;
			}
		} else if (o->cjk && (fullwidth_ascii(cp) >= 0 || cp == 0x3000) &&
		           latin_context(s, len, i, e)) {
			int r = add_cjk(b, s, len, i, e, cp);
			if (r)
				return r;
		}
		i = e;
	}
	return b->err;
}
