/*
 * grapheme.c - UTF-8 decoding and extended grapheme clusters (UAX #29).
 *
 * The tokenizer never ends a token inside a cluster: every scan moves from
 * one cluster start to the next with grapheme_end().
 */
#include <docproc/docproc.h>

#include "tokenize.h"
#include "ucd.h"

int32_t tok_decode(const char *str, size_t len, size_t *i)
{
	/* the core's decoder; an invalid byte reads as U+FFFD, one byte on */
	size_t p = *i;
	int32_t cp = dp_utf8_next(str, len, i);

	if (cp < 0) {
		*i = p + 1;
		return 0xFFFD;
	}
	return cp;
}

/* Whether there is a cluster boundary between @prev and the next code point
 * (@g, record @r). @ri: regional indicators in a row before it; @emoji: 2
 * after ExtPict Extend* ZWJ. */
static bool gcb_break(enum gcb prev, enum gcb g, uint32_t r, unsigned ri,
                      int emoji)
{
	if (prev == GCB_CR && g == GCB_LF)
		return false;                                   /* GB3 */
	if (prev == GCB_CONTROL || prev == GCB_CR || prev == GCB_LF)
		return true;                                    /* GB4 */
	if (g == GCB_CONTROL || g == GCB_CR || g == GCB_LF)
		return true;                                    /* GB5 */
	if (prev == GCB_L && (g == GCB_L || g == GCB_V || g == GCB_LV ||
	                      g == GCB_LVT))
		return false;                                   /* GB6 */
	if ((prev == GCB_LV || prev == GCB_V) && (g == GCB_V || g == GCB_T))
		return false;                                   /* GB7 */
	if ((prev == GCB_LVT || prev == GCB_T) && g == GCB_T)
		return false;                                   /* GB8 */
	if (g == GCB_EXTEND || g == GCB_ZWJ || g == GCB_SPACINGMARK)
		return false;                                   /* GB9, 9a */
	if (prev == GCB_PREPEND)
		return false;                                   /* GB9b */
	if (prev == GCB_ZWJ && emoji == 2 && rec_extpict(r))
		return false;                                   /* GB11 */
	if (prev == GCB_RI && g == GCB_RI && (ri & 1))
		return false;                                   /* GB12, 13 */
	return true;                                            /* GB999 */
}

size_t grapheme_end(const char *s, size_t len, size_t i)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t j = i, k;
	uint32_t r;
	enum gcb prev, g;
	unsigned ri;
	int emoji;

	if (u[i] < 0x80) {
		if (i + 1 >= len)
			return i + 1;
		if (u[i + 1] < 0x80)
			return (u[i] == '\r' && u[i + 1] == '\n') ? i + 2 : i + 1;
	}
	r = ucd_rec(tok_decode(s, len, &j));
	prev = rec_gcb(r);
	ri = prev == GCB_RI;
	emoji = rec_extpict(r) ? 1 : 0;
	while (j < len) {
		k = j;
		r = ucd_rec(tok_decode(s, len, &k));
		g = rec_gcb(r);
		if (gcb_break(prev, g, r, ri, emoji))
			break;
		ri = g == GCB_RI ? ri + 1 : 0;
		if (rec_extpict(r))
			emoji = 1;
		else if (emoji == 1 && g == GCB_EXTEND)
			emoji = 1;
		else if (emoji == 1 && g == GCB_ZWJ)
			emoji = 2;
		else
			emoji = 0;
		prev = g;
		j = k;
	}
	return j;
}
