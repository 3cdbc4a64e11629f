/*
 * lines.c - the boilerplate pass: whole lines of web-page residue.
 *
 * Language selector menus (among the first eight lines or at the end),
 * "Back to top button", "Source", "Comment (0)",
 * "Share this", "Read more", a trailing "source: cctv news", image caption
 * credits ("(source: US Army) |"), a site-name suffix on the title line,
 * a run of glued tags near the top, and the headline repeated as the first
 * body line.
 */
#include <stdlib.h>
#include <string.h>

#include "blockmask.h"

struct line {
	size_t s, e;        /* content bytes, without '\n' */
	size_t ts, te;      /* trimmed (spaces, tabs, '\r') */
	unsigned char del;  /* deleted as a middle line */
};

static bool blank(const struct line *l)
{
	return l->ts == l->te;
}

/* ---------------------------------------------------------------------
 * line classes
 * ------------------------------------------------------------------ */

/* Each entry with its first letter (for exact_len below); @A is passed
 * through to @X. */
#define EXACT_LINES(X, A) \
	X(A, 'b', "back to top button") X(A, 'b', "back to top") \
	X(A, 's', "source") X(A, 's', "sources") X(A, 's', "share this") \
	X(A, 's', "share this article") X(A, 's', "share this story") \
	X(A, 's', "share this post") X(A, 's', "share") \
	X(A, 'r', "read more") X(A, 'r', "read more:") \
	X(A, 'r', "read more >>") X(A, 'r', "related articles") \
	X(A, 'r', "related posts") X(A, 'a', "advertisement") \
	X(A, 'l', "leave a comment") X(A, 'p', "print this article") \
	X(A, 'c', "comment") X(A, 'c', "comments")
#define EXACT(A, c, s) {s, sizeof s - 1},
static const struct {
	const char *s;
	size_t n;       /* strlen(s): most lines fail on the length */
} exact_lines[] = {EXACT_LINES(EXACT, 0) {NULL, 0}};
#undef EXACT

/* For each first letter, a bit for each length that an entry starting
 * with it has (all are below 64): most short lines have no entry with
 * both their first letter and their length. */
#define EXACT_LEN(L, c, s) | ((c) == (L) ? 1ull << (sizeof s - 1) : 0)
#define EXACT_LENS(L) [(L) - 'a'] = 0 EXACT_LINES(EXACT_LEN, L)
static const uint64_t exact_len[26] = {
	EXACT_LENS('a'), EXACT_LENS('b'), EXACT_LENS('c'), EXACT_LENS('l'),
	EXACT_LENS('p'), EXACT_LENS('r'), EXACT_LENS('s'),
};
#undef EXACT_LENS
#undef EXACT_LEN

static bool exact_boilerplate_at(const char *s, const struct line *l);

/* Most lines are longer than any exact boilerplate line (40 bytes and a
 * colon), or start with a letter and have a length that no entry has
 * ("Comment (12)" aside): tested inline before the call. */
static inline bool exact_boilerplate(const char *s, const struct line *l)
{
	size_t n = l->te - l->ts;
	if (n > 41 || n == 0)
		return false;
	unsigned c = (unsigned char)s[l->ts] | 0x20;
	if (c < 'a' || c > 'z')
		return false;
	/* exact_boilerplate_at() compares the line without a trailing ':'
	 * ("Share this:"); m <= 41 */
	size_t m = s[l->te - 1] == ':' ? n - 1 : n;
	/* "Comment (12)" has no fixed length: any "co..." line (s[ts + 1]
	 * is at most the byte at te, or the text's closing NUL) */
	return ((exact_len[c - 'a'] >> m & 1) ||
	        (c == 'c' && (s[l->ts + 1] | 0x20) == 'o')) &&
	       exact_boilerplate_at(s, l);
}

static bool exact_boilerplate_at(const char *s, const struct line *l)
{
	const char *p = s + l->ts;
	size_t n = l->te - l->ts;
	if (n > 0 && p[n - 1] == ':')
		n--;            /* "Share this:" */
	if (n == 0 || n > 40)
		return false;
	switch (p[0] | 0x20) {  /* the first letters of exact_lines */
	case 'a': case 'b': case 'c': case 'l': case 'p': case 'r': case 's':
		break;
	default:
		return false;
	}
	for (size_t e = 0; exact_lines[e].s; e++)
		if (exact_lines[e].n == n &&
		    exact_lines[e].s[0] == (p[0] | 0x20) &&
		    ascii_ieq(p, n, exact_lines[e].s))
			return true;
	/* "Comment (0)", "Comments (12)" */
	size_t k = 0;
	if (n > 7 && ascii_ieq(p, 7, "comment")) {
		k = 7;
		if (k < n && (p[k] == 's' || p[k] == 'S'))
			k++;
		while (k < n && p[k] == ' ')
			k++;
		if (k < n && p[k] == '(') {
			size_t d = ++k;
			while (k < n && is_digit((unsigned char)p[k]))
				k++;
			return k > d && k + 1 == n && p[k] == ')';
		}
	}
	return false;
}

/* Whether p[0..n) has a lower-case ASCII letter (@high: or a byte
 * >= 0x80), sixteen bytes at a time where SSE2 is there. */
static bool has_lower(const char *p, size_t n, bool high)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t k = 0;
#ifdef __SSE2__
	for (; k + 16 <= n; k += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(u + k));
		__m128i t = _mm_sub_epi8(x, _mm_set1_epi8('a'));
		__m128i lo = _mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8(25)),
		                            t);
		if (_mm_movemask_epi8(high ? _mm_or_si128(lo, x) : lo))
			return true;
	}
#endif
	for (; k < n; k++)
		if (is_lower(u[k]) || (high && u[k] >= 0x80))
			return true;
	return false;
}

/* "source: cctv news", "Source: Xinhua" (a credit line; only trailing) */
static bool source_line(const char *s, const struct line *l)
{
	const char *p = s + l->ts;
	size_t n = l->te - l->ts;
	if (n >= 2 && p[0] == '(' && p[n - 1] == ')') {
		p++;            /* "(Source: Xinhua)" */
		n -= 2;
	}
	if (n < 9 || n > 60 || !ascii_ieq(p, 7, "source:"))
		return false;
	int words = 0;
	for (size_t k = 7; k < n; k++) {
		unsigned char c = (unsigned char)p[k];
		if (c == '.' && k + 1 == n)
			return false;   /* a sentence, not a credit */
		if (c != ' ' && (k == 7 || p[k - 1] == ' '))
			words++;
	}
	return words >= 1 && words <= 6;
}

static const char *const language_names[] = {
	"Русский язык", "Русский", "English", "Français", "Francais",
	"Deutsch", "Español", "español", "Espanol", "Italiano", "Português",
	"Portugues", "日本語", "中文", "简体中文", "繁體中文", "繁体中文",
	"한국어", "한어", "Indonesian", "Bahasa Indonesia", "Bahasa Melayu",
	"Sanskrit", "Ελληνικά", "Suomalainen", "Suomi", "Latina", "العربية",
	"Türkçe", "Nederlands", "Polski", "Tiếng Việt", "ไทย", "हिन्दी",
	"Svenska", "Dansk", "Norsk", "Čeština", "Magyar", "Română",
	"Українська", "עברית", "فارسی", "Filipino", "Hausa", "Íslenska",
	"Eesti", "Hrvatski", "Srpski", "Български", "Kiswahili", "Afrikaans",
	"Esperanto", "Català", "اردو", "বাংলা", "Chinese", "Japanese",
	"Korean", "Russian", "Spanish", "French", "German", "Italian",
	"Portuguese", "Arabic", "Turkish", "Vietnamese", "Persian", "Hindi",
	NULL};

_Static_assert(sizeof language_names / sizeof *language_names - 1 <= 128,
               "struct lang_index holds 128 names");

void lang_index_init(struct lang_index *li)
{
	memset(li, 0, sizeof(*li));
	for (unsigned i = 0; language_names[i]; i++)
		li->by_first[(unsigned char)language_names[i][0]][i / 64] |=
			1ull << (i % 64);
}

/* Byte classes of language_menu()'s first scan. */
enum { MB_OTHER = 0, MB_LOWER, MB_SEP, MB_STOP };
static const unsigned char menu_byte[256] = {
	['a'] = MB_LOWER, ['b'] = MB_LOWER, ['c'] = MB_LOWER, ['d'] = MB_LOWER,
	['e'] = MB_LOWER, ['f'] = MB_LOWER, ['g'] = MB_LOWER, ['h'] = MB_LOWER,
	['i'] = MB_LOWER, ['j'] = MB_LOWER, ['k'] = MB_LOWER, ['l'] = MB_LOWER,
	['m'] = MB_LOWER, ['n'] = MB_LOWER, ['o'] = MB_LOWER, ['p'] = MB_LOWER,
	['q'] = MB_LOWER, ['r'] = MB_LOWER, ['s'] = MB_LOWER, ['t'] = MB_LOWER,
	['u'] = MB_LOWER, ['v'] = MB_LOWER, ['w'] = MB_LOWER, ['x'] = MB_LOWER,
	['y'] = MB_LOWER, ['z'] = MB_LOWER,
	[' '] = MB_SEP, ['|'] = MB_SEP, ['/'] = MB_SEP, ['\t'] = MB_SEP,
	['.'] = MB_STOP, [','] = MB_STOP, ['0'] = MB_STOP, ['1'] = MB_STOP,
	['2'] = MB_STOP, ['3'] = MB_STOP, ['4'] = MB_STOP, ['5'] = MB_STOP,
	['6'] = MB_STOP, ['7'] = MB_STOP, ['8'] = MB_STOP, ['9'] = MB_STOP,
};

/* A line that is a run of language names: at least three, covering at
 * least 80% of its non-space bytes. */
/* Whether the line has a byte that rules out a menu ('.', ',', a digit),
 * a double space or more than two words that start in lower case: the
 * tests of language_menu()'s first loop, which do not depend on their
 * order, sixteen bytes at a time. */
#ifdef CLEANER_CHECK_MENU_MASKS
/* The byte-wise version of menu_ruled_out_masks() below, built only to
 * check it (-DCLEANER_CHECK_MENU_MASKS). */
static bool menu_ruled_out(const unsigned char *p, size_t n)
{
	int lower_words = 0;
	size_t k = 0;
#ifdef __SSE2__
	const __m128i dot = _mm_set1_epi8('.'), comma = _mm_set1_epi8(',');
	const __m128i sp = _mm_set1_epi8(' ');
	const __m128i c0 = _mm_set1_epi8('0'), c9 = _mm_set1_epi8(9);
	const __m128i ca = _mm_set1_epi8('a'), c25 = _mm_set1_epi8(25);
	/* the first 32 bytes without a loop (most lines of prose are
	 * ruled out there; a loop's exit would be mispredicted) */
	if (n >= 32) {
		uint32_t stops = 0, sps = 0, low = 0;
		for (unsigned h = 0; h < 2; h++) {
			__m128i x = _mm_loadu_si128((const __m128i *)(const void *)
			                            (p + 16 * h));
			__m128i d = _mm_sub_epi8(x, c0);
			__m128i lo = _mm_sub_epi8(x, ca);
			stops |= (uint32_t)_mm_movemask_epi8(_mm_or_si128(
				_mm_or_si128(_mm_cmpeq_epi8(x, dot),
				             _mm_cmpeq_epi8(x, comma)),
				_mm_cmpeq_epi8(_mm_min_epu8(d, c9), d))) << 16 * h;
			sps |= (uint32_t)_mm_movemask_epi8(
				_mm_cmpeq_epi8(x, sp)) << 16 * h;
			low |= (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(
				_mm_min_epu8(lo, c25), lo)) << 16 * h;
		}
		/* words that start in lower case: more than two? */
		uint32_t w = low & (sps << 1 | 1u);
		w &= w - 1;
		w &= w - 1;
		if (stops | (sps & sps << 1) | w)
			return true;
	}
	/* sixteen bytes at a time; the last sixteen overlap the ones
	 * before, whose lower-case words are not counted twice (stops and
	 * double spaces found again there would have ended the loop) */
	while (n >= 16 && k < n) {
		size_t o = k + 16 <= n ? k : n - 16;
		unsigned fresh = 0xFFFFu << (k - o);
		k = o;
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(p + k));
		__m128i d = _mm_sub_epi8(x, c0);
		__m128i stop = _mm_or_si128(
			_mm_or_si128(_mm_cmpeq_epi8(x, dot),
			             _mm_cmpeq_epi8(x, comma)),
			_mm_cmpeq_epi8(_mm_min_epu8(d, c9), d));
		if (_mm_movemask_epi8(stop))
			return true;
		unsigned sps = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, sp));
		__m128i lo = _mm_sub_epi8(x, ca);
		unsigned low = (unsigned)_mm_movemask_epi8(
			_mm_cmpeq_epi8(_mm_min_epu8(lo, c25), lo));
		unsigned before = (sps << 1) |
		                  (k == 0 ? 1u : (p[k - 1] == ' ' ? 1u : 0u));
		if (k > 0 ? (sps & before) : (sps & (sps << 1)))
			return true;    /* two spaces in a row */
		/* count to three at most (no popcount instruction at the
		 * baseline x86-64 level: a libgcc call) */
		for (unsigned w = low & before & fresh & 0xFFFFu; w;
		     w &= w - 1)
			if (++lower_words > 2)
				return true;
		k += 16;
	}
#endif
	for (; k < n; k++) {
		unsigned char c = p[k];
		if (c == '.' || c == ',' || is_digit(c))
			return true;
		if (c == ' ' && k > 0 && p[k - 1] == ' ')
			return true;
		if (is_lower(c) && (k == 0 || p[k - 1] == ' ') &&
		    ++lower_words > 2)
			return true;
	}
	return false;
}
#endif

/* menu_ruled_out() of s[ts..te) from the block masks of the shared
 * classification: a few mask operations per block of the line instead
 * of loading and comparing its bytes again. The same answer: a '.', ','
 * or digit (the bytes that are neither special, letters nor spaces); a
 * space after a space of the line; more than two lower-case letters at
 * the line start or after a space. */
static bool menu_ruled_out_masks(const struct docscan *ds, size_t ts,
                                 size_t te)
{
	int lower_words = 0;
	uint64_t sp_before = 0;         /* the last byte of the line in the
	                                   block before was a space */
	for (size_t b = ts / 64; 64 * b < te; b++) {
		const struct block_mask *m = &ds->m[b];
		size_t base = 64 * b;
		uint64_t in = te - base >= 64 ? ~0ull :
		              (1ull << (te - base)) - 1;
		uint64_t start = 0;     /* the line's first byte */
		if (ts > base) {
			in &= ~((1ull << (ts - base)) - 1);
			start = 1ull << (ts - base);
		} else if (ts == base) {
			start = 1;
		}
		uint64_t digit = ~(m->spec | m->let | m->sp);
		if ((m->dot | m->comma | digit) & in)
			return true;
		uint64_t sp = m->sp & in;
		uint64_t after_sp = sp << 1 | sp_before;
		if (sp & after_sp)
			return true;    /* two spaces in a row */
		for (uint64_t w = m->lo & in & (after_sp | start); w;
		     w &= w - 1)
			if (++lower_words > 2)
				return true;
		sp_before = sp >> 63;
	}
	return false;
}

static bool language_menu_at(const char *p, size_t n,
                             const struct lang_index *li);

/* The length and menu_ruled_out() inline: most lines stop there. */
/* Sets *@ruled_out when the masks ruled the line out (then it is no tag
 * run either: a '.', ',' or digit, two spaces in a row, or lower-case
 * words after spaces each make tag_run() say no). */
static inline bool language_menu(const struct cleaner_opts *o, const char *s,
                                 const struct line *l,
                                 const struct docscan *ds, bool *ruled_out)
{
	size_t n = l->te - l->ts;
	const char *p = s + l->ts;
	if (n < 12 || n > 600)
		return false;
	bool out = menu_ruled_out_masks(ds, l->ts, l->te);
#ifdef CLEANER_CHECK_MENU_MASKS
	if (out != menu_ruled_out((const unsigned char *)p, n))
		abort();
#endif
	*ruled_out = out;
	return !out && language_menu_at(p, n, &o->langs);
}

static bool language_menu_at(const char *p, size_t n,
                             const struct lang_index *li)
{
	size_t spaces = 0, nonspace = 0;
	int lower_words = 0;    /* words starting in lower case: few in menus */
	for (size_t k = 0; k < n; k++) {
		unsigned char c = (unsigned char)p[k];
		switch (menu_byte[c]) {
		case MB_LOWER:
			if ((k == 0 || p[k - 1] == ' ') && ++lower_words > 2)
				return false;
			nonspace++;
			break;
		case MB_SEP:
			spaces++;
			if (c == ' ' && k > 0 && p[k - 1] == ' ')
				return false;   /* aligned columns of a table */
			break;
		case MB_STOP:
			return false;
		default:
			nonspace++;
		}
	}
	if (spaces > 30)
		return false;
	/* names are never all capitals */
	if (!has_lower(p, n, true))
		return false;
	size_t covered = 0;
	int names = 0;
	for (size_t k = 0; k < n;) {
		size_t best = 0;
		/* every name starts with a capital, a byte >= 0x80 or 'e'
		 * ("español") */
		unsigned char c = (unsigned char)p[k];
		bool can_start = is_upper(c) || c >= 0x80 || c == 'e';
		/* the names that start with c: the longest that matches */
		for (unsigned h = 0; can_start && h < 2; h++) {
			for (uint64_t w = li->by_first[c][h]; w; w &= w - 1) {
				const char *e = language_names[64 * h + (unsigned)
				                               __builtin_ctzll(w)];
				size_t m = strlen(e);
				if (m > best && k + m <= n &&
				    memcmp(p + k, e, m) == 0)
					best = m;
			}
		}
		if (best) {
			names++;
			covered += best;
			for (size_t q = k; q < k + best; q++)
				if (p[q] == ' ')
					covered--;
			k += best;
		} else {
			k++;
		}
	}
	return names >= 3 && covered * 10 >= nonspace * 8;
}

/* "IraqNorth AmericaQasem Suleimani": capitalised words glued together,
 * at least two glue points, nothing but letters and spaces. */
static bool tag_run(const char *s, const struct line *l)
{
	const unsigned char *p = (const unsigned char *)s + l->ts;
	size_t n = l->te - l->ts;
	if (n < 8 || n > 160 || !is_upper(p[0]))
		return false;
#ifdef __SSE2__
	/* the loop's reasons to say no, in the first sixteen bytes at
	 * once: a byte other than a letter, a space, '-' and '\'', or a
	 * space before a byte that is not a capital */
	if (n >= 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
		__m128i t = _mm_sub_epi8(_mm_or_si128(x, _mm_set1_epi8(0x20)),
		                         _mm_set1_epi8('a'));
		__m128i let = _mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8(25)),
		                             t);
		__m128i u = _mm_sub_epi8(x, _mm_set1_epi8('A'));
		__m128i up = _mm_cmpeq_epi8(_mm_min_epu8(u, _mm_set1_epi8(25)),
		                            u);
		__m128i sp = _mm_cmpeq_epi8(x, _mm_set1_epi8(' '));
		__m128i ok = _mm_or_si128(_mm_or_si128(let, sp), _mm_or_si128(
			_mm_cmpeq_epi8(x, _mm_set1_epi8('-')),
			_mm_cmpeq_epi8(x, _mm_set1_epi8('\''))));
		unsigned bad = ~(unsigned)_mm_movemask_epi8(ok) & 0xFFFFu;
		unsigned sps = (unsigned)_mm_movemask_epi8(sp) & 0x7FFFu;
		unsigned ups = (unsigned)_mm_movemask_epi8(up);
		if (bad | (sps & ~(ups >> 1)))
			return false;
	}
#endif
	int glue = 0;
	size_t piece = 0;   /* letters since a word start or glue point */
	for (size_t k = 0; k < n; k++) {
		unsigned char c = p[k];
		if (c == ' ') {
			if (k + 1 < n && !is_upper(p[k + 1]))
				return false;
			piece = 0;
			continue;
		}
		if (!is_alpha(c) && c != '-' && c != '\'')
			return false;
		if (is_upper(c) && k > 0 && is_lower(p[k - 1])) {
			if (piece < 3 || (piece == 3 && p[k - 3] == 'M' &&
			                  p[k - 2] == 'a' && p[k - 1] == 'c'))
				return false;   /* McDonald, MacArthur */
			glue++;
			piece = 0;
		}
		piece++;
	}
	return glue >= 2;
}

/* ---------------------------------------------------------------------
 * title suffix: "Headline - Islamic Invitation Turkey",
 * "Headline | Shizuoka Shimbun at S", "(...) - Yahoo! News"
 * ------------------------------------------------------------------ */

/* Words that make a title suffix a site name after any separator, and
 * words that do so only after '|' (after " - " they are often part of a
 * wire headline: "... - NY TIMES", "... - RADIO"). */
static const char *const site_words[] = {
	"news", "yahoo", "yahoo!", "yahoo!news", "shimbun", "nippo", "digital",
	"online", "web", "live", "com", NULL};
static const char *const site_words_pipe[] = {
	"daily", "times", "post", "herald", "tribune", "journal", "gazette",
	"media", "press", "agency", "tv", "radio", "network", "channel",
	"magazine", "topics", "topic", "newspaper", "reuters", "cnn", "bbc",
	"afp", "xinhua", "tass", "ria", "sputnik", "cctv", "rt", NULL};

static bool site_like(const char *p, size_t n, bool pipe)
{
	if (n == 0 || n > 64)
		return false;
	int words = 0;
	bool kw = false;
	for (size_t k = 0; k < n;) {
		while (k < n && p[k] == ' ')
			k++;
		size_t ws = k;
		while (k < n && p[k] != ' ')
			k++;
		if (k == ws)
			break;
		words++;
		size_t we = k;
		while (we > ws && (p[we - 1] == ',' || p[we - 1] == ':'))
			we--;
		for (const char *const *e = site_words; *e; e++)
			if (ascii_ieq(p + ws, we - ws, *e))
				kw = true;
		for (const char *const *e = site_words_pipe; pipe && *e; e++)
			if (ascii_ieq(p + ws, we - ws, *e))
				kw = true;
		for (size_t q = ws; q < we; q++) {
			if (p[q] == '.' && (q + 1 == we ||
			                    !is_alpha((unsigned char)p[q + 1])))
				return false;
			if (p[q] == '?' || p[q] == '"')
				return false;
		}
	}
	return kw && words <= 8;
}

/* The last separator in p[0..n): sets *sep_s, *sep_e; false if none. */
static bool last_separator(const char *p, size_t n, size_t *sep_s,
                           size_t *sep_e)
{
	for (size_t k = n; k-- > 1;) {
		if (p[k] == '|') {
			*sep_s = k;
			*sep_e = k + 1;
			while (*sep_s > 0 && p[*sep_s - 1] == ' ')
				(*sep_s)--;
			while (*sep_e < n && p[*sep_e] == ' ')
				(*sep_e)++;
			return true;
		}
		if (k + 3 <= n && memcmp(p + k, "\xEF\xBD\x9C", 3) == 0) {
			*sep_s = k;
			*sep_e = k + 3;
			while (*sep_s > 0 && p[*sep_s - 1] == ' ')
				(*sep_s)--;
			while (*sep_e < n && p[*sep_e] == ' ')
				(*sep_e)++;
			return true;
		}
		if (p[k] == '-' && p[k - 1] == ' ' && k + 1 < n && p[k + 1] == ' ') {
			*sep_s = k - 1;
			*sep_e = k + 2;
			return true;
		}
		if (k >= 1 && k + 4 <= n && p[k - 1] == ' ' && p[k + 3] == ' ' &&
		    (memcmp(p + k, "\xE2\x80\x93", 3) == 0 ||
		     memcmp(p + k, "\xE2\x80\x94", 3) == 0)) {
			*sep_s = k - 1;
			*sep_e = k + 4;
			return true;
		}
	}
	return false;
}

static bool same_text(const char *s, size_t a, size_t an, size_t b,
                      size_t bn)
{
	return an == bn && an > 0 && memcmp(s + a, s + b, an) == 0;
}

/* Where the title line's site suffix starts (l->te when none). @body is
 * the first body line, or NULL. */
/* has_lower(s + ts, te - ts, false) from the block masks: whether
 * s[ts..te) has a lower-case ASCII letter. */
static bool has_lower_masks(const struct docscan *ds, size_t ts, size_t te)
{
	for (size_t b = ts / 64; 64 * b < te; b++) {
		size_t base = 64 * b;
		uint64_t in = te - base >= 64 ? ~0ull :
		              (1ull << (te - base)) - 1;
		if (ts > base)
			in &= ~((1ull << (ts - base)) - 1);
		if (ds->m[b].lo & in)
			return true;
	}
	return false;
}

static size_t title_cut(const char *s, const struct line *l,
                        const struct line *body, const struct docscan *ds)
{
	const char *p = s + l->ts;
	size_t end = l->te - l->ts;
	if (!has_lower_masks(ds, l->ts, l->te))
		return l->te;   /* an all-capitals wire headline */
	for (int round = 0; round < 4; round++) {
		size_t ss, se;
		if (!last_separator(p, end, &ss, &se) || ss < 8)
			break;
		bool pipe = false;
		for (size_t q = ss; q < se; q++)
			if (p[q] == '|' || (unsigned char)p[q] == 0xEF)
				pipe = true;
		bool cut = site_like(p + se, end - se, pipe);
		if (!cut && round == 0 && body &&
		    same_text(s, l->ts, ss, body->ts, body->te - body->ts))
			cut = true;     /* the body repeats the bare headline */
		if (!cut)
			break;
		end = ss;
	}
	return l->ts + end;
}

/* ---------------------------------------------------------------------
 * caption credit at a line end: "(source: US Army) |", "(Photo: AP)"
 * ------------------------------------------------------------------ */

/* A credit ends in ')', '|' or U+FF5C (EF BD 9C). */
static inline bool caption_end(const char *s, const struct line *l)
{
	unsigned char c = l->te > l->ts ? (unsigned char)s[l->te - 1] : 0;
	return (c == ')') | (c == '|') | (c == 0x9C);
}

/* caption_end() of a line whose last byte is @c, as a table (the line
 * split tests every content line) */
static const unsigned char caption_last[256] = {
	[')'] = 1, ['|'] = 1, [0x9C] = 1,
};

/* Most lines end otherwise: tested inline before the call. */
static size_t caption_credit_at(const char *s, const struct line *l);
static inline size_t caption_credit(const char *s, const struct line *l)
{
	return caption_end(s, l) ? caption_credit_at(s, l) : 0;
}

static size_t caption_credit_at(const char *s, const struct line *l)
{
	const char *p = s + l->ts;
	size_t n = l->te - l->ts;
	size_t k = n;
	bool pipe = false;
	if (k > 0 && p[k - 1] == '|') {
		pipe = true;
		k--;
	} else if (k >= 3 && memcmp(p + k - 3, "\xEF\xBD\x9C", 3) == 0) {
		pipe = true;
		k -= 3;
	}
	while (k > 0 && p[k - 1] == ' ')
		k--;
	if (k == 0 || p[k - 1] != ')')
		return 0;
	size_t close = k - 1, open = close;
	while (open > 0 && p[open] != '(')
		open--;
	if (p[open] != '(' || close - open > 80)
		return 0;
	const char *kw = p + open + 1;
	size_t kn = close - open - 1;
	bool credit = false;
	static const char *const photo[] = {"photo:", "photo credit:",
	                                    "image:", "picture:", "photo by",
	                                    NULL};
	if (kn > 8 && ascii_ieq(kw, 7, "source:"))
		credit = pipe;
	for (const char *const *e = photo; *e && !credit; e++) {
		size_t m = strlen(*e);
		if (kn > m && ascii_ieq(kw, m, *e))
			credit = true;
	}
	if (!credit || open == 0)
		return 0;
	size_t cut = open;
	while (cut > 0 && p[cut - 1] == ' ')
		cut--;
	if (cut == 0)
		return 0;       /* the whole line is a credit: leave it */
	return l->ts + cut;
}

/* --------------------------------------------------------------------- */

/* The blanks a line is trimmed of: 1 at its start and end (space, tab),
 * 2 at its end only ('\r'). */
static const unsigned char blank_byte[256] = {
	[' '] = 1, ['\t'] = 1, ['\r'] = 2,
};

/* The lines of the text, as pass_lines() splits it. */
struct split {
	struct line *L;
	size_t cap, nl;
	size_t last;            /* the last content line, or SIZE_MAX */
	unsigned credits;       /* some content line ends as a caption
	                           credit can (most texts have none) */
	struct dp_doc *doc;
	const unsigned char *s;
};

/* Adds the line s[pos..e) (without its '\n'); DP_ENOMEM or 0. Inline
 * in pass_lines(): the state stays in registers. */
static inline int split_line(struct split *sp, size_t pos, size_t e)
{
	if (sp->nl == sp->cap) {
		/* room for lines of 32 bytes on average at first, grown in
		 * the document's arena for texts of shorter lines */
		struct line *M = dp_doc_alloc(sp->doc,
		                              2 * sp->cap * sizeof(*M));
		if (!M)
			return DP_ENOMEM;
		memcpy(M, sp->L, sp->nl * sizeof(*M));
		sp->L = M;
		sp->cap *= 2;
	}
	size_t ts = pos, te = e;
	while (ts < te && (blank_byte[sp->s[ts]] & 1))
		ts++;
	while (te > ts && blank_byte[sp->s[te - 1]])
		te--;
	sp->L[sp->nl] = (struct line){.s = pos, .e = e, .ts = ts, .te = te};
	if (ts != te) {
		sp->last = sp->nl;
		sp->credits |= caption_last[sp->s[te - 1]];
	}
	sp->nl++;
	return 0;
}

static int delete_middle(struct batch *b, const struct line *L, size_t nl,
                         size_t k, size_t len, const char *rule)
{
	const struct line *l = &L[k];
	size_t end = l->e < len ? l->e + 1 : l->e;
	/* between two blank lines: take one of them along */
	if (k > 0 && blank(&L[k - 1]) && k + 1 < nl && blank(&L[k + 1]) &&
	    L[k + 1].e < len)
		end = L[k + 1].e + 1;
	return batch_add(b, l->s, end, "", 0, rule);
}

int pass_lines(const struct cleaner_opts *o, struct batch *b,
               struct docscan *ds)
{
	if (!o->boilerplate)
		return 0;
	int r0 = docscan_get(ds, b->doc);
	if (r0)
		return b->err = r0;
	size_t len = ds->len;
	const char *s = ds->s;
	if (len == 0)
		return 0;
	/* the line breaks from the '\n' masks of the shared classification
	 * (a memchr call per line cost more than the rest of the loop) */
	struct split sp = {.L = dp_doc_alloc(b->doc, (len / 32 + 8) *
	                                     sizeof(struct line)),
	                   .cap = len / 32 + 8, .last = SIZE_MAX,
	                   .doc = b->doc, .s = (const unsigned char *)s};
	if (!sp.L)
		return b->err = DP_ENOMEM;
	/* block by block, break by break: a '\n' ends each line but the
	 * last */
	const struct block_mask *const bm = ds->m;
	const size_t nblocks = ds->nblocks;
	size_t pos = 0;
	for (size_t blk = 0; blk < nblocks; blk++) {
		for (uint64_t nlm = bm[blk].nl; nlm; nlm &= nlm - 1) {
			size_t e = 64 * blk + (unsigned)__builtin_ctzll(nlm);
			if (split_line(&sp, pos, e))
				return b->err = DP_ENOMEM;
			pos = e + 1;
		}
	}
	if (split_line(&sp, pos, len))
		return b->err = DP_ENOMEM;
	struct line *L = sp.L;
	size_t nl = sp.nl, last = sp.last, first = SIZE_MAX;
	bool credits = sp.credits;
	/* the first content line: the last one's search from the start
	 * (most texts: line 0) */
	if (last != SIZE_MAX)
		for (first = 0; blank(&L[first]); first++)
			;
	size_t k;
	if (first == SIZE_MAX)
		first = last = nl;
	if (first == nl || first == last)
		return 0;       /* empty or a single line: nothing to strip */

	/* trailing block of boilerplate lines */
	size_t tail = nl;       /* first line of the trailing block */
	for (k = last + 1; k-- > first + 1;) {
		if (blank(&L[k]))
			continue;
		if (exact_boilerplate(s, &L[k]) || source_line(s, &L[k]) ||
		    language_menu(o, s, &L[k], ds, &(bool){false}))
			tail = k;
		else
			break;
	}
	if (tail < nl) {
		size_t content = tail;
		while (content > first && blank(&L[content - 1]))
			content--;
		content--;      /* the last content line before the block */
		int r = batch_add(b, L[content].e, L[last].e, "", 0,
		                  "boilerplate.line");
		if (r)
			return r;
	}
	size_t body_end = tail < nl ? tail : nl;

	/* middle lines */
	size_t seen = 0;        /* content lines seen so far */
	for (k = first + 1; k < body_end && seen < 8; k++) {
		if (blank(&L[k]))
			continue;
		seen++;
		const char *rule = NULL;
		bool ruled_out = false; /* by the menu test's masks */
		if (exact_boilerplate(s, &L[k]))
			rule = "boilerplate.line";
		else if (language_menu(o, s, &L[k], ds, &ruled_out))
			rule = "boilerplate.language_menu";
		else if (seen <= 4 && !ruled_out && tag_run(s, &L[k]))
			rule = "boilerplate.tag_run";
		if (rule) {
			L[k].del = 1;
			int r = delete_middle(b, L, nl, k, len, rule);
			if (r)
				return r;
		}
	}
	/* after the eighth content line only the exact lines can go: a
	 * loop with that test alone */
	for (; k < body_end; k++) {
		if (!blank(&L[k]) && exact_boilerplate(s, &L[k])) {
			L[k].del = 1;
			int r = delete_middle(b, L, nl, k, len,
			                      "boilerplate.line");
			if (r)
				return r;
		}
	}

	/* the first body line after the title */
	struct line *body = NULL;
	for (k = first + 1; k < body_end; k++)
		if (!blank(&L[k]) && !L[k].del) {
			body = &L[k];
			break;
		}
	size_t cut = title_cut(s, &L[first], body, ds);
	if (cut < L[first].te) {
		int r = batch_add(b, cut, L[first].te, "", 0,
		                  "boilerplate.title_suffix");
		if (r)
			return r;
	}
	if (body && body != &L[body_end - 1] &&
	    same_text(s, L[first].ts, cut - L[first].ts, body->ts,
	              body->te - body->ts)) {
		body->del = 1;
		int r = delete_middle(b, L, nl, (size_t)(body - L), len,
		                      "boilerplate.repeated_headline");
		if (r)
			return r;
	}

	/* caption credits */
	for (k = first; credits && k < body_end; k++) {
		if (blank(&L[k]) || L[k].del)
			continue;
		size_t c = caption_credit(s, &L[k]);
		if (c) {
			int r = batch_add(b, c, L[k].te, "", 0,
			                  "boilerplate.caption_credit");
			if (r)
				return r;
		}
	}
	return b->err;
}
