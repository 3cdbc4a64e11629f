/*
 * mojibake.c - repairing UTF-8 that was decoded as Windows-1252 or Latin-1.
 *
 * A UTF-8 sequence read as Windows-1252 turns into a lead character
 * (U+00C2..U+00F4, "Â".."ô") followed by one to three characters that stand
 * for continuation bytes 0x80..0xBF ("€", "™", "©", ...; Latin-1 readers
 * give C1 controls instead of the Windows-1252 punctuation). The repair
 * maps the characters back to bytes and decodes them strictly.
 *
 * Certainty: a group (consecutive sequences) is repaired only when it has a
 * three- or four-byte sequence ("â€™"), a sequence led by "Ã" or by "Â" +
 * a character at or above U+00A0 ("Ã©", "Â°"), or at least two sequences
 * ("Ð¿Ñ€"), or a single pair that makes a letter right after a
 * lower-case letter ("NausÄ—da"). A single pair such as "É»" (a French capital before
 * a guillemet) is real text and stays, and so does a three-byte "sequence"
 * whose continuation characters are all quotation marks ("café’”").
 */
#include <string.h>

#include "cleaner.h"
#include "entities.h"
#include "mojibake.h"

/* The byte a character stands for when UTF-8 was read as Windows-1252 or
 * Latin-1, or -1 for characters outside both code pages' upper halves. */
static int char_byte(int32_t cp)
{
	if (cp >= 0x80 && cp <= 0xFF)
		return (int)cp;
	if (cp < 0x100)
		return -1;
	for (int k = 0; k < 32; k++)
		if (cp1252_high[k] == cp)
			return 0x80 + k;
	return -1;
}

static bool is_quote_cp(int32_t cp)
{
	return cp == 0x2018 || cp == 0x2019 || cp == 0x201C || cp == 0x201D ||
	       cp == 0x00AB || cp == 0x00BB || cp == 0x2039 || cp == 0x203A;
}

struct seq {
	unsigned char b0, b1;
	int nb;          /* bytes in the sequence */
	size_t inlen;    /* bytes it took in the input */
	int32_t cp;      /* decoded */
};

/* Reads one mojibake sequence at s[p]; false if there is none. A sequence
 * that decodes to a C1 control is accepted only with @allow_c1 (the
 * inner round of a double encoding: "â€" + U+009D is "”"). */
static bool read_seq(const char *s, size_t len, size_t p, struct seq *q,
                     bool allow_c1)
{
	size_t i = p;
	int32_t c = dp_utf8_next(s, len, &i);
	int b0 = c < 0 ? -1 : char_byte(c);
	int need;
	if (b0 >= 0xC2 && b0 <= 0xDF)
		need = 1;
	else if (b0 >= 0xE0 && b0 <= 0xEF)
		need = 2;
	else if (b0 >= 0xF0 && b0 <= 0xF4)
		need = 3;
	else
		return false;
	unsigned char b[4] = {(unsigned char)b0, 0, 0, 0};
	for (int k = 1; k <= need; k++) {
		if (i >= len)
			return false;
		c = dp_utf8_next(s, len, &i);
		int bk = c < 0 ? -1 : char_byte(c);
		if (bk < 0x80 || bk > 0xBF)
			return false;
		b[k] = (unsigned char)bk;
	}
	int32_t cp;
	if (need == 1) {
		cp = ((b[0] & 0x1F) << 6) | (b[1] & 0x3F);
	} else if (need == 2) {
		if ((b[0] == 0xE0 && b[1] < 0xA0) || (b[0] == 0xED && b[1] >= 0xA0))
			return false;
		cp = ((b[0] & 0x0F) << 12) | ((b[1] & 0x3F) << 6) | (b[2] & 0x3F);
	} else {
		if ((b[0] == 0xF0 && b[1] < 0x90) || (b[0] == 0xF4 && b[1] >= 0x90))
			return false;
		cp = ((b[0] & 0x07) << 18) | ((b[1] & 0x3F) << 12) |
		     ((b[2] & 0x3F) << 6) | (b[3] & 0x3F);
	}
	if ((cp >= 0x80 && cp <= 0x9F && !allow_c1) || (cp & 0xFFFE) == 0xFFFE)
		return false;
	/* "café’”": a letter before closing quotes is text, not a CJK
	 * character in disguise */
	if (need >= 2) {
		bool all_quotes = true;
		size_t j = p;
		dp_utf8_next(s, len, &j);
		for (int k = 1; k <= need; k++) {
			int32_t qc = dp_utf8_next(s, len, &j);
			if (!is_quote_cp(qc))
				all_quotes = false;
		}
		if (all_quotes)
			return false;
	}
	q->b0 = b[0];
	q->b1 = b[1];
	q->nb = need + 1;
	q->inlen = i - p;
	q->cp = cp;
	return true;
}

/* One round: the group at s[p]. Returns input bytes used, 0 if none. */
static size_t repair_once(const char *s, size_t len, size_t p, char *out,
                          size_t *outlen, bool allow_c1)
{
	struct seq q;
	size_t i = p, o = 0;
	int nseq = 0;
	bool certain = false, letter = false;
	while (i < len && read_seq(s, len, i, &q, allow_c1)) {
		if (i - p + q.inlen > MOJIBAKE_MAX || o + 4 > MOJIBAKE_MAX)
			break;
		if (q.nb >= 3 || q.b0 == 0xC3 || (q.b0 == 0xC2 && q.b1 >= 0xA0))
			certain = true;
		letter = cp_is_letter(q.cp);
		o += dp_utf8_encode(q.cp, out + o);
		i += q.inlen;
		nseq++;
	}
	if (nseq >= 2)
		certain = true;
	/* one pair that makes a letter after a lower-case letter:
	 * "NausÄ—da" -> "Nausėda", "LisakoviÄ‡" -> "Lisaković" (a
	 * capital such as "Ä" right after a lower-case letter is rare) */
	if (nseq == 1 && letter && p > 0 && is_lower((unsigned char)s[p - 1]))
		certain = true;
	if (!certain || nseq == 0)
		return 0;
	*outlen = o;
	return i - p;
}

static bool has_c1(const char *s, size_t n)
{
	for (size_t i = 0; i + 1 < n; i++)
		if ((unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9F)
			return true;
	return false;
}

/* All rounds; false if the result still holds a C1 control. */
static size_t repair_all(const char *s, size_t len, size_t p, char *out,
                         size_t *outlen, bool allow_c1)
{
	size_t used = repair_once(s, len, p, out, outlen, allow_c1);
	if (!used)
		return 0;
	/* double (or triple) encoding: repair the repaired text again while
	 * all of it is one certain group */
	for (int round = 0; round < 2; round++) {
		char tmp[MOJIBAKE_MAX];
		size_t tlen;
		size_t u = repair_once(out, *outlen, 0, tmp, &tlen, allow_c1);
		if (u != *outlen)
			break;
		memcpy(out, tmp, tlen);
		*outlen = tlen;
	}
	if (allow_c1 && has_c1(out, *outlen))
		return 0;
	return used;
}

size_t mojibake_repair(const char *s, size_t len, size_t p, char *out,
                       size_t *outlen)
{
	size_t used = repair_all(s, len, p, out, outlen, true);
	if (!used)
		used = repair_all(s, len, p, out, outlen, false);
	return used;
}
