/*
 * web.c - URLs, bare domains and e-mail addresses for the news scanner.
 *
 * Each matcher looks at the text from a word's start and returns the end
 * of what it recognises, or 0. Every scan is bounded (an e-mail local part
 * by 64 bytes, a domain by 253) so that long chains such as a.a.a.a...
 * stay linear when each of their words asks again.
 */
#include <string.h>

#include "chars.h"
#include "tokenize.h"
#include "ucd.h"

static bool url_char(unsigned char c)
{
	if (c >= 0x80)
		return true;
	if (c <= ' ' || c == 0x7F)
		return false;
	return !strchr("<>\"`{}|\\^", c);
}

/* Trims trailing punctuation that belongs to the sentence. */
static size_t url_trim(const char *s, size_t a, size_t b)
{
	int open = 0;   /* ( minus ) in s[a..b) */

	for (size_t k = a; k < b; k++)
		open += s[k] == '(' ? 1 : s[k] == ')' ? -1 : 0;
	while (b > a) {
		unsigned char c = (unsigned char)s[b - 1];

		if (c >= 0x80) {
			/* drop a trailing non-ASCII char only if it is punctuation */
			size_t k = b - 1;

			while (k > a && ((unsigned char)s[k] & 0xC0) == 0x80)
				k--;
			size_t j = k;
			int32_t cp = tok_decode(s, b, &j);
			enum ucd_cls cl = rec_cls(ucd_rec(cp));

			if (cl == CLS_PUNCT || cl == CLS_SPACE || cl == CLS_CONTROL) {
				b = k;
				continue;
			}
			break;
		}
		if (c == ')') {
			if (open >= 0)
				break;
			b--;
			open++;
			continue;
		}
		if (strchr(".,;:!?'*", c) && c) {
			b--;
			continue;
		}
		break;
	}
	return b;
}

static bool prefix_ci(const char *s, size_t len, size_t i, const char *p)
{
	size_t n = strlen(p);

	if (i + n > len)
		return false;
	for (size_t k = 0; k < n; k++)
		if (((unsigned char)s[i + k] | 32) != (unsigned char)p[k])
			return false;
	return true;
}

/* A URL with a scheme or www. at @i: its end, or 0. */
size_t web_match_url(const char *s, size_t len, size_t i)
{
	size_t j;

	if (prefix_ci(s, len, i, "http://"))
		j = i + 7;
	else if (prefix_ci(s, len, i, "https://"))
		j = i + 8;
	else if (prefix_ci(s, len, i, "ftp://"))
		j = i + 6;
	else if (prefix_ci(s, len, i, "www.") && i + 4 < len &&
	         is_ascii_alnum((unsigned char)s[i + 4]))
		j = i + 4;
	else
		return 0;
	if (j >= len || !url_char((unsigned char)s[j]))
		return 0;
	while (j < len && url_char((unsigned char)s[j])) {
		if ((unsigned char)s[j] >= 0x80) {
			/* stop at non-ASCII white space or quotation marks */
			size_t k = j;
			int32_t cp = tok_decode(s, len, &k);
			enum ucd_cls cl = rec_cls(ucd_rec(cp));

			if (cl == CLS_SPACE || cl == CLS_CONTROL ||
			    (cp >= 0x2018 && cp <= 0x201F) || cp == 0xAB ||
			    cp == 0xBB || cp == 0x2026)
				break;
			j = k;
			continue;
		}
		j++;
	}
	return url_trim(s, i, j);
}

/* Top-level domains accepted after a bare domain of two labels; country
 * codes that are also English words (it, is, in, at, be, by, no, to, me,
 * my, so, do, am...) are left out. With three labels or more any
 * two-letter code counts (rus.err.ee). */
#define T(s) { s, sizeof(s) - 1 }
static const struct tld { const char *text; size_t len; } tlds[] = {
	T("com"), T("org"), T("net"), T("gov"), T("edu"), T("mil"), T("int"),
	T("io"), T("info"), T("biz"), T("news"), T("eu"), T("uk"), T("de"),
	T("fr"), T("ru"), T("cn"), T("ir"), T("iq"), T("tv"), T("ca"),
	T("au"), T("jp"), T("il"), T("tr"), T("sy"), T("ly"), T("ee"), T("lv"),
	T("lt"), T("ua"), T("kz"), T("pl"), T("cz"), T("sk"), T("hu"), T("ro"),
	T("bg"), T("gr"), T("es"), T("pt"), T("nl"), T("se"), T("fi"), T("dk"),
	T("ch"), T("kr"), T("tw"), T("hk"), T("sg"), T("br"), T("ar"), T("mx"),
	T("za"), T("ng"), T("ke"), T("eg"), T("sa"), T("ae"), T("qa"), T("pk"),
	T("af"), T("ph"), T("vn"), T("th"), T("nz"), T("ie"), T("ge"), T("az"),
	T("uz"), T("kg"), T("tj"), T("rs"), T("hr"), T("si"), T("ba"), T("mk"),
	T("al"), T("md"), T("rf"),
};
#undef T

/* Domain labels: [A-Za-z0-9-]+ separated by dots. Returns the end of the
 * run from @i and the start of its last label. */
static size_t domain_run(const char *s, size_t len, size_t i, size_t *last,
                         int *labels)
{
	/* a domain name has at most 253 bytes: looking no further keeps
	 * chains like a.a.a.a... linear */
	size_t j = i, lim = len - i > 254 ? i + 254 : len;

	*labels = 0;
	*last = i;
	for (;;) {
		size_t a = j;

		while (j < lim && (is_ascii_alnum((unsigned char)s[j]) ||
		                   s[j] == '-'))
			j++;
		if (j >= lim && lim < len) {
			*labels = 0;    /* too long for a domain */
			return j;
		}
		if (j == a)
			return i;
		(*labels)++;
		*last = a;
		if (j + 1 < lim && s[j] == '.' &&
		    is_ascii_alnum((unsigned char)s[j + 1]))
			j++;
		else
			return j;
	}
}

/* A bare domain (reuters.com, www-less, lowercase known TLD), optionally
 * with a /path: its end, or 0. */
size_t web_match_domain(const char *s, size_t len, size_t i)
{
	size_t last, end;
	int labels;
	bool ok;

	end = domain_run(s, len, i, &last, &labels);
	if (labels < 2)
		return 0;
	if (end < len && (is_ascii_alnum((unsigned char)s[end]) ||
	                  (unsigned char)s[end] >= 0x80))
		return 0;
	ok = labels >= 3 && end - last == 2 &&
	     (unsigned)(s[last] - 'a') < 26 && (unsigned)(s[last + 1] - 'a') < 26;
	/* lengths and first bytes compared inline: a strlen() and a
	 * memcmp() call for each of the 82 entries cost about 2,500
	 * instructions a word like "Inc.The" or "IBM.N" */
	for (size_t t = 0; t < sizeof tlds / sizeof *tlds && !ok; t++)
		ok = end - last == tlds[t].len && s[last] == tlds[t].text[0] &&
		     !memcmp(s + last, tlds[t].text, tlds[t].len);
	if (!ok)
		return 0;
	if (end < len && s[end] == '/') {
		while (end < len && url_char((unsigned char)s[end]) &&
		       (unsigned char)s[end] < 0x80)
			end++;
		end = url_trim(s, i, end);
	}
	return end;
}

/* An e-mail address at @i: its end, or 0. */
size_t web_match_email(const char *s, size_t len, size_t i)
{
	size_t j = i, last, end;
	int labels;

	/* the local part has at most 64 bytes (RFC 5321) */
	while (j < len && j - i <= 64 && (is_ascii_alnum((unsigned char)s[j]) ||
	                                  strchr("._%+-", s[j] ? s[j] : 1)))
		j++;
	if (j == i || j >= len || s[j] != '@' || s[j - 1] == '.')
		return 0;
	end = domain_run(s, len, j + 1, &last, &labels);
	if (labels < 2 || end - last < 2)
		return 0;
	for (size_t k = last; k < end; k++)
		if (!is_ascii_alpha((unsigned char)s[k]))
			return 0;
	return end;
}
