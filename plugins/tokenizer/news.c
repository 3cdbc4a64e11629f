/*
 * news.c - the `news` tokenizer: Penn Treebank-like tokens for noisy news.
 *
 * One left-to-right pass over grapheme clusters. A token starts at the
 * first cluster that is not white space and is classified by that
 * cluster's base character: letters and digits start words and numbers
 * (with URLs, e-mail addresses, abbreviations, compounds and clitics
 * decided while scanning), '#' and '@' may start hashtags and mentions,
 * pictographs start emoji, everything else is punctuation or a symbol.
 * ASCII is classified from a 128-entry table; other characters from the
 * generated Unicode tables (ucd.h).
 */
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

#include <docproc/docproc.h>

#include "chars.h"
#include "tokenize.h"
#include "ucd.h"

/* Character classes of the scanner (low 3 bits) and case bits. */
enum nc { NC_SPACE, NC_LETTER, NC_DIGIT, NC_PUNCT, NC_SYMBOL, NC_EMOJI };
#define AC_UP 8
#define AC_LO 16

static const uint8_t ascii_nc[128] = {
	 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
	 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
	 0,  3,  3,  4,  4,  4,  4,  3,  3,  3,  4,  4,  3,  3,  3,  3,
	 2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  3,  3,  4,  4,  4,  3,
	 4,  9,  9,  9,  9,  9,  9,  9,  9,  9,  9,  9,  9,  9,  9,  9,
	 9,  9,  9,  9,  9,  9,  9,  9,  9,  9,  9,  3,  4,  3,  4,  4,
	 4, 17, 17, 17, 17, 17, 17, 17, 17, 17, 17, 17, 17, 17, 17, 17,
	17, 17, 17, 17, 17, 17, 17, 17, 17, 17, 17,  3,  4,  3,  4,  0,
};

/* The case bits of ascii_nc[] sit three bits above the token flags they
 * give, so that plain_word() gets a word's flags with a shift. */
_Static_assert(AC_UP / AC_UP == TF_UPPER && AC_LO / AC_UP == TF_LOWER,
               "AC_UP, AC_LO must map onto TF_UPPER, TF_LOWER");

/* One grapheme cluster: its base code point, class and end. */
struct ch {
	int32_t cp;
	size_t end;
	uint8_t nc;     /* enum nc */
	uint8_t cased;  /* AC_UP, AC_LO or 0 */
	uint8_t script; /* enum ucd_script, letters only */
	bool emoji_seq; /* the cluster holds FE0F, ZWJ or a skin tone */
};

struct scan {
	const struct news_opts *o;
	const char *s;
	size_t len;
	struct tok_list *out;
	const uint64_t *bm;  /* where letter runs stop (stop_bitmap()) */
	bool squote_open;   /* a single opening quote is waiting */
	uint8_t gap;        /* line breaks before the next token (0-2) */
};

static void peek_slow(const struct scan *sc, size_t i, struct ch *c);

static inline void peek(const struct scan *sc, size_t i, struct ch *c)
{
	const unsigned char *u = (const unsigned char *)sc->s;

	if (u[i] < 0x80 && (i + 1 >= sc->len || u[i + 1] < 0x80)) {
		uint8_t a = ascii_nc[u[i]];

		c->cp = u[i];
		c->end = (u[i] == '\r' && i + 1 < sc->len && u[i + 1] == '\n')
		         ? i + 2 : i + 1;
		c->nc = a & 7;
		c->cased = a & (AC_UP | AC_LO);
		c->script = SCRIPT_OTHER;
		c->emoji_seq = false;
		return;
	}
	peek_slow(sc, i, c);
}

/* peek() for non-ASCII clusters and ASCII followed by non-ASCII. */
static void peek_slow(const struct scan *sc, size_t i, struct ch *c)
{
	size_t j = i;
	uint32_t r;

	c->cp = tok_decode(sc->s, sc->len, &j);
	c->end = grapheme_end(sc->s, sc->len, i);
	c->emoji_seq = false;
	c->script = SCRIPT_OTHER;
	c->cased = 0;
	if (c->cp < 0x80) {
		uint8_t a = ascii_nc[c->cp];

		c->nc = a & 7;
		c->cased = a & (AC_UP | AC_LO);
	} else {
		r = ucd_rec(c->cp);
		switch (rec_cls(r)) {
		case CLS_LETTER:
		case CLS_MARK:
			c->nc = NC_LETTER;
			c->script = rec_script(r);
			if (rec_sb(r) == SB_UPPER)
				c->cased = AC_UP;
			else if (rec_sb(r) == SB_LOWER)
				c->cased = AC_LO;
			break;
		case CLS_DIGIT:
		case CLS_NUMBER:
			c->nc = NC_DIGIT;
			break;
		case CLS_PUNCT:
			c->nc = NC_PUNCT;
			break;
		case CLS_SPACE:
		case CLS_CONTROL:
			/* white space is skipped one code point at a time: a
			 * combining mark after it starts a token, as after an
			 * ASCII space, instead of vanishing into the gap */
			c->nc = NC_SPACE;
			c->end = j;
			return;
		default:
			c->nc = rec_extpict(r) || rec_gcb(r) == GCB_RI
			        ? NC_EMOJI : NC_SYMBOL;
			if (c->nc == NC_EMOJI && rec_gcb(r) != GCB_RI &&
			    !rec_emoji_pres(r))
				c->nc = NC_SYMBOL; /* text style unless FE0F */
			break;
		}
	}
	/* Multi-code-point clusters: emoji sequences and keycaps. */
	if (c->end > j) {
		size_t k = j;

		while (k < c->end) {
			int32_t x = tok_decode(sc->s, sc->len, &k);

			if (x == 0xFE0F || x == 0x200D || x == 0x20E3 ||
			    (x >= 0x1F3FB && x <= 0x1F3FF))
				c->emoji_seq = true;
		}
		if (c->emoji_seq && (c->nc == NC_SYMBOL ||
		    ((c->cp == '#' || c->cp == '*' || is_ascii_digit(
		      (unsigned char)c->cp)) && c->cp < 0x80)))
			c->nc = NC_EMOJI;
	}
}

static int emit(struct scan *sc, size_t a, size_t b, int kind, int flags,
                int abbr)
{
	int rc = tok_push(sc->out, a, b, kind, flags, abbr, sc->gap);

	sc->gap = 0;
	return rc;
}

static bool is_apostrophe(const char *s, size_t len, size_t i, size_t *n)
{
	const unsigned char *u = (const unsigned char *)s;

	if (u[i] == '\'') {
		*n = 1;
		return true;
	}
	/* U+2019 RIGHT SINGLE QUOTATION MARK, U+02BC MODIFIER LETTER APOSTROPHE */
	if (i + 2 < len && u[i] == 0xE2 && u[i + 1] == 0x80 &&
	    u[i + 2] == 0x99) {
		*n = 3;
		return true;
	}
	if (i + 1 < len && u[i] == 0xCA && u[i + 1] == 0xBC) {
		*n = 2;
		return true;
	}
	return false;
}

/* ---- words and numbers ---------------------------------------------------- */

static bool continues_run(const struct ch *c, uint8_t script)
{
	if (c->nc == NC_LETTER)
		return c->script == script;
	if (c->nc == NC_DIGIT)
		return script == SCRIPT_OTHER;
	return false;
}

/* Whether s[a..b) is digits and separators with an optional ordinal or
 * plural suffix (21st, 1980s): a number rather than a word. */
static bool number_shape(const char *s, size_t a, size_t b)
{
	size_t e = b, nl = 0;

	while (e > a && is_ascii_alpha((unsigned char)s[e - 1])) {
		e--;
		nl++;
	}
	if (nl > 2 || e == a || !is_ascii_digit((unsigned char)s[e - 1]))
		return false;
	if (nl) {
		char x = (char)(s[e] | 32), y = nl == 2 ? (char)(s[e + 1] | 32) : 0;

		if (!((nl == 1 && x == 's') || (x == 's' && y == 't') ||
		      (x == 'n' && y == 'd') || (x == 'r' && y == 'd') ||
		      (x == 't' && y == 'h')))
			return false;
	}
	for (size_t k = a; k < e; k++) {
		unsigned char c = (unsigned char)s[k];

		if (is_ascii_alpha(c))
			return false;
		if (c >= 0x80) {
			size_t j = k;
			enum ucd_cls cl = rec_cls(ucd_rec(tok_decode(s, e, &j)));

			if (cl == CLS_LETTER || cl == CLS_MARK)
				return false;
			k = j - 1;
		}
	}
	return true;
}

/* Emits word s[a..b) (with @flags/@abbr), splitting Penn clitics off. */
static int emit_word(struct scan *sc, size_t a, size_t b, int kind, int flags,
                     int abbr)
{
	const char *s = sc->s;

	if (kind == TK_WORD && sc->o->split_clitics && b - a >= 2) {
		/* find the last apostrophe */
		size_t p = b, n = 0;

		for (size_t k = b; k-- > a;) {
			if (is_apostrophe(s, b, k, &n)) {
				p = k;
				break;
			}
			if (b - k > 4)
				break;
		}
		if (p < b && p > a) {
			size_t tail = b - p - n;
			const char *t = s + p + n;
			char x = tail > 0 ? (char)(t[0] | 32) : 0;
			char y = tail > 1 ? (char)(t[1] | 32) : 0;
			size_t cut = b;

			if (tail == 1 && (x == 's' || x == 'd' || x == 'm'))
				cut = p;
			else if (tail == 2 && ((x == 'r' && y == 'e') ||
			         (x == 'v' && y == 'e') || (x == 'l' && y == 'l')))
				cut = p;
			else if (tail == 1 && x == 't' && p - a >= 2 &&
			         (s[p - 1] | 32) == 'n')
				cut = p - 1;     /* do|n't */
			if (cut < b && cut > a) {
				if (emit(sc, a, cut, TK_WORD, flags, abbr) < 0)
					return -1;
				return emit(sc, cut, b, TK_WORD, 0, ABBR_NONE);
			}
		}
	}
	return emit(sc, a, b, kind, flags, abbr);
}

/* Characters at which a word may turn out to be a URL or an address. */
static bool is_url_stop(unsigned char c)
{
	switch (c) {
	case '@': case '.': case '_': case '%': case '+': case '-': case ':':
		return true;
	default:
		return false;
	}
}

/* ASCII letters and digits: the bytes of the scanner's innermost loop. */
static const bool word_byte[256] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1,
	['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
	['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1,
	['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,
	['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
	['Y'] = 1, ['Z'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
	['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,
	['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
	['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
	['y'] = 1, ['z'] = 1,
};

/* What may follow an ASCII letter-and-digit run for scan_word() to end the
 * token right there with nothing else to decide (plain_word()): any other
 * ASCII byte but the connectors and URL characters that scan_word() looks
 * at (. - : ' & _ @ % +). PE_NUMBER: also after a run that starts with a
 * digit, which , : / may continue (2,500 10:30 9/11). Bytes >= 0x80 are
 * never plain (combining marks, curly apostrophes, hyphens). */
#define PE_WORD 1
#define PE_NUMBER 2
/* For fast_run()'s word loop, which decides with no branch what follows
 * a word: PE_LF for a line feed (the next token's gap), PE_STEP for the
 * space or line feed it steps over (the highest bit: t / PE_STEP is 0
 * or 1). */
#define PE_LF 4
#define PE_STEP 8

/* The plain_end[] value of the ASCII byte c, as a constant expression
 * (word_plain[] below is built from it too): control characters, white
 * space, DEL and the marks listed 3, the space and line feed with the
 * bits of the word loop, , and / PE_WORD, the rest 0. */
#define PE_MARK(c) \
	((c) == '!' || (c) == '"' || (c) == '#' || (c) == '$' || (c) == '(' || \
	 (c) == ')' || (c) == '*' || (c) == ';' || (c) == '<' || (c) == '=' || \
	 (c) == '>' || (c) == '?' || (c) == '[' || (c) == '\\' || (c) == ']' || \
	 (c) == '^' || (c) == '`' || (c) == '{' || (c) == '|' || (c) == '}' || \
	 (c) == '~')
#define PE_VALUE(c) \
	((c) == '\n' ? 3 | PE_LF | PE_STEP : (c) == ' ' ? 3 | PE_STEP : \
	 (c) < 0x20 || (c) == 0x7F || PE_MARK(c) ? 3 : \
	 (c) == ',' || (c) == '/' ? PE_WORD : 0)
/* The 128 entries [c .. c + 128) of a table of f(c) */
#define ASCII_TABLE8(f, c) [c] = f(c), [c + 1] = f(c + 1), [c + 2] = f(c + 2), \
	[c + 3] = f(c + 3), [c + 4] = f(c + 4), [c + 5] = f(c + 5), \
	[c + 6] = f(c + 6), [c + 7] = f(c + 7)
#define ASCII_TABLE32(f, c) ASCII_TABLE8(f, c), ASCII_TABLE8(f, c + 8), \
	ASCII_TABLE8(f, c + 16), ASCII_TABLE8(f, c + 24)
#define ASCII_TABLE(f) ASCII_TABLE32(f, 0), ASCII_TABLE32(f, 32), \
	ASCII_TABLE32(f, 64), ASCII_TABLE32(f, 96)

static const uint8_t plain_end[256] = { ASCII_TABLE(PE_VALUE) };

/* Which plain_end[] bit applies after a run starting with this byte:
 * PE_WORD for a letter, PE_NUMBER for a digit. */
#define LETTERS(v) \
	['A'] = v, ['B'] = v, ['C'] = v, ['D'] = v, ['E'] = v, ['F'] = v, \
	['G'] = v, ['H'] = v, ['I'] = v, ['J'] = v, ['K'] = v, ['L'] = v, \
	['M'] = v, ['N'] = v, ['O'] = v, ['P'] = v, ['Q'] = v, ['R'] = v, \
	['S'] = v, ['T'] = v, ['U'] = v, ['V'] = v, ['W'] = v, ['X'] = v, \
	['Y'] = v, ['Z'] = v, \
	['a'] = v, ['b'] = v, ['c'] = v, ['d'] = v, ['e'] = v, ['f'] = v, \
	['g'] = v, ['h'] = v, ['i'] = v, ['j'] = v, ['k'] = v, ['l'] = v, \
	['m'] = v, ['n'] = v, ['o'] = v, ['p'] = v, ['q'] = v, ['r'] = v, \
	['s'] = v, ['t'] = v, ['u'] = v, ['v'] = v, ['w'] = v, ['x'] = v, \
	['y'] = v, ['z'] = v
static const uint8_t word_start[256] = {
	LETTERS(PE_WORD),
	['0'] = PE_NUMBER, ['1'] = PE_NUMBER, ['2'] = PE_NUMBER,
	['3'] = PE_NUMBER, ['4'] = PE_NUMBER, ['5'] = PE_NUMBER,
	['6'] = PE_NUMBER, ['7'] = PE_NUMBER, ['8'] = PE_NUMBER,
	['9'] = PE_NUMBER,
};
#undef LETTERS

/* The set bits of a 16-bit mask, inline (__builtin_popcount is a library
 * call unless the target has POPCNT). */
static inline unsigned popcount16(unsigned x)
{
	x = x - ((x >> 1) & 0x5555);
	x = (x & 0x3333) + ((x >> 2) & 0x3333);
	x = (x + (x >> 4)) & 0x0F0F;
	return (x + (x >> 8)) & 0x1F;
}

/* Counts the letters, digits and clusters of the segment s[a..b) (whole
 * clusters of one word) and whether all its letters are capitals. Called
 * only where a word meets a connector, so the hot loop counts nothing. */
static void seg_stats(const struct scan *sc, size_t a, size_t b,
                      unsigned *letters, unsigned *digits, unsigned *clusters,
                      bool *upper)
{
	struct ch c;

#if defined(__SSE2__) && defined(__GNUC__)
	/* a short ASCII segment (most are) in one step: the lanes of its
	 * capitals, small letters and digits; only when 16 bytes are there */
	if (b - a <= 16 && a + 16 <= sc->len) {
		__m128i x = _mm_loadu_si128((const __m128i *)(sc->s + a));
		unsigned in = (1u << (b - a)) - 1;

		if (!(_mm_movemask_epi8(x) & in)) {
			unsigned up = in & (unsigned)_mm_movemask_epi8(_mm_and_si128(
				_mm_cmpgt_epi8(x, _mm_set1_epi8('A' - 1)),
				_mm_cmplt_epi8(x, _mm_set1_epi8('Z' + 1))));
			unsigned lo = in & (unsigned)_mm_movemask_epi8(_mm_and_si128(
				_mm_cmpgt_epi8(x, _mm_set1_epi8('a' - 1)),
				_mm_cmplt_epi8(x, _mm_set1_epi8('z' + 1))));
			unsigned dig = in & (unsigned)_mm_movemask_epi8(_mm_and_si128(
				_mm_cmpgt_epi8(x, _mm_set1_epi8('0' - 1)),
				_mm_cmplt_epi8(x, _mm_set1_epi8('9' + 1))));

			*letters = popcount16(up | lo);
			*digits = popcount16(dig);
			*clusters = (unsigned)(b - a);
			*upper = lo == 0;
			return;
		}
	}
#endif
	*letters = *digits = *clusters = 0;
	*upper = true;
	while (a < b) {
		unsigned char x = (unsigned char)sc->s[a];

		if (x < 0x80 && (a + 1 >= b || (unsigned char)sc->s[a + 1] < 0x80)) {
			uint8_t v = ascii_nc[x];

			if (v & (AC_UP | AC_LO)) {
				(*letters)++;
				if (!(v & AC_UP))
					*upper = false;
			} else if ((v & 7) == NC_DIGIT) {
				(*digits)++;
			}
			(*clusters)++;
			a++;
			continue;
		}
		peek(sc, a, &c);
		if (c.nc == NC_LETTER) {
			(*letters)++;
			if (c.cased != AC_UP)
				*upper = false;
		} else if (c.nc == NC_DIGIT) {
			(*digits)++;
		}
		(*clusters)++;
		a = c.end;
	}
}

/* Letters of the ASCII run at @i (dotted-acronym segments). */
static size_t alpha_run(const char *s, size_t len, size_t i)
{
	size_t j = i;

	while (j < len && is_ascii_alpha((unsigned char)s[j]))
		j++;
	return j - i;
}

/* Scans a word or number starting with cluster @c0 at @start; returns the
 * position after it (tokens emitted). */
static size_t scan_word(struct scan *sc, size_t start, const struct ch *c0,
                        int *err)
{
	const char *s = sc->s;
	size_t len = sc->len, pos = c0->end, seg_start = start, n;
	uint8_t script = c0->nc == NC_LETTER ? c0->script : SCRIPT_OTHER;
	bool cjk = script != SCRIPT_OTHER && script != SCRIPT_HANGUL;
	unsigned seg_letters = 0, seg_digits = 0, seg_clusters = 0, dots = 0;
	bool acronym_done = false, has_letter = c0->nc == NC_LETTER;
	bool seg_upper = false, apos = false;
	int abbr = ABBR_NONE, kind;
	struct ch c;

	while (pos < len) {
		unsigned char b = (unsigned char)s[pos];

		if (word_byte[b] && script == SCRIPT_OTHER) {
			/* ASCII fast path: a run of letters and digits */
			while (++pos < len && word_byte[(unsigned char)s[pos]])
				;
			/* a combining mark or ZWJ belongs to the last letter */
			if (pos < len && (unsigned char)s[pos] >= 0x80)
				pos = grapheme_end(s, len, pos - 1);
			continue;
		}
		if (b < 0x80 && ascii_nc[b] == NC_SPACE)
			break;
		peek(sc, pos, &c);
		if (continues_run(&c, script) ||
		    (c.nc == NC_LETTER && !cjk && c.script == SCRIPT_OTHER &&
		     script == SCRIPT_OTHER)) {
			pos = c.end;
			continue;
		}
		if (cjk)
			break;
		/* the segment's make-up, for the connector rules below and the
		 * abbreviation check; a connector other than '.' needs something
		 * after it (a word before ", " never asks) */
		if (b == '.' || (pos + 1 < len && (unsigned char)s[pos + 1] > ' ')) {
			seg_stats(sc, seg_start, pos, &seg_letters, &seg_digits,
			          &seg_clusters, &seg_upper);
			has_letter = has_letter || seg_letters > 0;
		}
		/* connectors: look at the cluster after */
		if (b == '.' && (pos + 1 >= len || s[pos + 1] != '.')) {
			struct ch d = { .nc = NC_SPACE };

			if (pos + 1 < len)
				peek(sc, pos + 1, &d);
			if (seg_letters == 0 && seg_digits > 0 && d.nc == NC_DIGIT) {
				pos = pos + 1;          /* 13.5 */
				goto new_segment;
			}
			if (seg_digits == 0 && seg_letters <= 2 && d.nc == NC_LETTER &&
			    !acronym_done) {
				size_t r = alpha_run(s, len, pos + 1);

				if (r >= 1 && r <= 2 && pos + 1 + r < len &&
				    s[pos + 1 + r] == '.' &&
				    (dots > 0 || seg_start == start ||
				     s[seg_start - 1] == '-')) {
					dots++;         /* U.S, a.m, Ph.D */
					pos = pos + 1;
					goto new_segment;
				}
			}
			if (dots > 0 && seg_digits == 0 && seg_letters <= 2 &&
			    !acronym_done) {
				pos++;                  /* final dot of U.S. */
				acronym_done = true;
				abbr = abbr_lookup(sc->o->abbrevs, s + start,
				                   pos - 1 - start);
				if (abbr == ABBR_NONE)
					abbr = ABBR_PLAIN;
				if (pos + 1 < len && s[pos] == '-')
					continue;       /* U.S.-led */
				if (pos + 1 < len && is_apostrophe(s, len, pos, &n))
					continue;       /* U.S.'s */
				break;
			}
			if (seg_start == start && seg_upper && seg_digits == 0 &&
			    seg_letters >= 2 && seg_letters <= 5 &&
			    d.nc == NC_LETTER && d.cased == AC_UP) {
				size_t r = alpha_run(s, len, pos + 1), e = pos + 1 + r;

				if (r <= 2 && is_ascii_upper((unsigned char)s[e - 1]) &&
				    (e >= len || s[e] == ')' || s[e] == ',' ||
				     s[e] == ' ' || s[e] == ';')) {
					pos = e;        /* Reuters codes: IBM.N */
					break;
				}
			}
			break;
		}
		if (pos + 1 >= len)
			break;
		if (b == '-' && s[pos + 1] != '-') {
			struct ch d;

			peek(sc, pos + 1, &d);
			if ((d.nc == NC_LETTER && d.script == SCRIPT_OTHER) ||
			    d.nc == NC_DIGIT) {
				pos++;
				goto new_segment;
			}
			break;
		}
		if (b == 0xE2 && pos + 3 < len && (unsigned char)s[pos + 1] == 0x80 &&
		    ((unsigned char)s[pos + 2] == 0x90 ||
		     (unsigned char)s[pos + 2] == 0x91)) {
			struct ch d;        /* U+2010, U+2011 hyphens */

			peek(sc, pos + 3, &d);
			if (d.nc == NC_LETTER || d.nc == NC_DIGIT) {
				pos += 3;
				goto new_segment;
			}
			break;
		}
		if (b == ',' && seg_letters == 0 && seg_digits > 0 &&
		    seg_digits <= 3 && pos + 3 < len &&
		    is_ascii_digit((unsigned char)s[pos + 1]) &&
		    is_ascii_digit((unsigned char)s[pos + 2]) &&
		    is_ascii_digit((unsigned char)s[pos + 3]) &&
		    (pos + 4 >= len || !is_ascii_digit((unsigned char)s[pos + 4]))) {
			pos++;                          /* 2,500 */
			goto new_segment;
		}
		if ((b == ':' || b == '/') && seg_letters == 0 && seg_digits > 0 &&
		    is_ascii_digit((unsigned char)s[pos + 1])) {
			pos++;                          /* 10:30, 9/11 */
			goto new_segment;
		}
		if (is_apostrophe(s, len, pos, &n) && pos + n < len &&
		    seg_clusters > 0 && has_letter) {
			struct ch d;

			peek(sc, pos + n, &d);
			if (d.nc == NC_LETTER && d.script == SCRIPT_OTHER) {
				pos += n;               /* don't, O'Brien */
				apos = true;
				goto new_segment;
			}
			break;
		}
		if (b == '&' && seg_upper && seg_letters <= 3 &&
		    is_ascii_upper((unsigned char)s[pos + 1])) {
			pos++;                          /* AT&T, S&P */
			goto new_segment;
		}
		if (b == '_' && is_ascii_alnum((unsigned char)s[pos + 1])) {
			pos++;
			goto new_segment;
		}
		break;
new_segment:
		seg_start = pos;
	}
	/* URLs, e-mail addresses and bare domains end where the word stopped
	 * at one of their characters */
	if (!cjk && pos + 1 < len && is_url_stop((unsigned char)s[pos]) &&
	    (unsigned char)s[start] < 0x80 &&
	    (s[pos] == '@' || s[pos] == ':' ||
	     is_ascii_alnum((unsigned char)s[pos + 1]))) {
		size_t e = pos - start <= 5 ? web_match_url(s, len, start) : 0;

		if (e) {
			*err = emit(sc, start, e, TK_URL, 0, 0);
			return e;
		}
		e = s[pos] == ':' || !memchr(s + pos, '@', len - pos < 65 ?
		                             len - pos : 65)
		    ? 0 : web_match_email(s, len, start);

		if (e) {
			*err = emit(sc, start, e, TK_EMAIL, 0, 0);
			return e;
		}
		if (s[pos] == '.' && !acronym_done) {
			e = web_match_domain(s, len, start);
			if (e) {
				*err = emit(sc, start, e, TK_URL, 0, 0);
				return e;
			}
		}
	}
	kind = TK_WORD;
	if (c0->nc == NC_DIGIT) {
		unsigned l, d, k;
		bool u;

		if (number_shape(s, start, pos))
			kind = TK_NUMBER;
		else if (!has_letter) {
			seg_stats(sc, start, pos, &l, &d, &k, &u);
			if (l == 0)
				kind = TK_NUMBER;
		}
	}
	/* an abbreviation keeps its period */
	if (!acronym_done && pos < len && s[pos] == '.' &&
	    (pos + 1 >= len || s[pos + 1] != '.') && kind == TK_WORD &&
	    seg_start > start && seg_digits == 0 && seg_letters > 1 &&
	    s[seg_start - 1] == '-') {
		/* R-Ariz. : the last part of a compound */
		abbr = abbr_lookup(sc->o->abbrevs, s + seg_start, pos - seg_start);
		if (abbr != ABBR_NONE)
			pos++;
	} else if (!acronym_done && pos < len && s[pos] == '.' &&
	    (pos + 1 >= len || s[pos + 1] != '.') && kind == TK_WORD &&
	    seg_start == start && seg_digits == 0) {
		abbr = abbr_lookup(sc->o->abbrevs, s + start, pos - start);
		if (abbr == ABBR_NONE && seg_clusters == 1 && c0->cased == AC_UP)
			abbr = ABBR_INITIAL;
		if (abbr == ABBR_NONE && pos - start == 2 &&
		    (s[start] | 32) == 'n' && (s[start + 1] | 32) == 'o' &&
		    ((pos + 2 < len && s[pos + 1] == ' ' &&
		      is_ascii_digit((unsigned char)s[pos + 2])) ||
		     (pos + 1 < len && is_ascii_digit((unsigned char)s[pos + 1]))))
			abbr = ABBR_TITLE;              /* No. 5, No.1 */
		if (abbr != ABBR_NONE)
			pos++;
	} else if (!acronym_done) {
		abbr = ABBR_NONE;
	}
	{
		int flags = c0->cased == AC_UP ? TF_UPPER
		          : c0->cased == AC_LO ? TF_LOWER : 0;

		if (abbr != ABBR_NONE)
			flags |= TF_ABBREV;
		*err = apos ? emit_word(sc, start, pos, kind, flags, abbr)
		            : emit(sc, start, pos, kind, flags, abbr);
	}
	return pos;
}

/* ---- punctuation, symbols, quotes ---------------------------------------- */

/* Quote marks: 1 opening, 2 closing, 3 either (straight). */
static int quote_type(int32_t cp)
{
	switch (cp) {
	case 0x201C: case 0x2018: case 0xAB: case 0x201E: case 0x201A:
	case 0x2039: case 0x300C: case 0x300E: case 0x201F: case 0x201B:
		return 1;
	case 0x201D: case 0x2019: case 0xBB: case 0x203A: case 0x300D:
	case 0x300F:
		return 2;
	case '"': case '\'': case 0xFF02: case 0xFF07:
		return 3;
	default:
		return 0;
	}
}

static bool is_term(int32_t cp)
{
	return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 ||
	       cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF0E ||
	       cp == 0x203C || cp == 0x2047 || cp == 0x2048 || cp == 0x2049 ||
	       cp == 0x061F || cp == 0x06D4 || cp == 0x0964;
}

/* The code point that ends at s[i] (i > 0). */
static int32_t prev_cp(const char *s, size_t i)
{
	size_t k = i - 1;

	while (k > 0 && i - k < 4 && ((unsigned char)s[k] & 0xC0) == 0x80)
		k--;
	return tok_decode(s, i, &k);
}

static bool is_space_at(const struct scan *sc, size_t i)
{
	struct ch c;

	if (i >= sc->len)
		return true;
	peek(sc, i, &c);
	return c.nc == NC_SPACE;
}

/* Whether the text just before @i is white space (or the start), or an
 * opening bracket or quote. */
static bool opens_before(const struct scan *sc, size_t i)
{
	int32_t cp;

	if (i == 0)
		return true;
	cp = prev_cp(sc->s, i);
	if (cp == '(' || cp == '[' || cp == '{' || quote_type(cp) == 1 ||
	    cp == 0x2014 || cp == 0x2013)
		return true;
	return rec_cls(ucd_rec(cp)) == CLS_SPACE || cp < 0x21;
}

/* Whether nothing but spaces and tabs comes between @i and the next line
 * break or the end of the text. */
static bool line_ends_at(const struct scan *sc, size_t i)
{
	while (i < sc->len && (sc->s[i] == ' ' || sc->s[i] == '\t'))
		i++;
	return i >= sc->len || sc->s[i] == '\n' || sc->s[i] == '\r';
}

static size_t scan_punct(struct scan *sc, size_t start, const struct ch *c0,
                         int *err)
{
	const char *s = sc->s;
	size_t len = sc->len, pos = c0->end;
	int32_t cp = c0->cp;
	int kind = c0->nc == NC_SYMBOL ? TK_SYMBOL : TK_PUNCT, flags = 0, q;
	size_t n;

	/* the common marks, which none of the rules below changes: brackets
	 * and , ; : as they are, a period before white space */
	switch (cp) {
	case ',': case ';': case ':':
		*err = emit(sc, start, pos, kind, TF_CONT, ABBR_NONE);
		return pos;
	case '(': case '[': case '{':
		*err = emit(sc, start, pos, kind, TF_OPEN, ABBR_NONE);
		return pos;
	case ')': case ']': case '}':
		*err = emit(sc, start, pos, kind, TF_CLOSE, ABBR_NONE);
		return pos;
	case '.':
		/* one byte: a combining mark after it makes no TF_PERIOD */
		if (pos == start + 1 &&
		    (pos >= len || ((unsigned char)s[pos] < 0x80 &&
		                    ascii_nc[(unsigned char)s[pos]] == NC_SPACE))) {
			*err = emit(sc, start, pos, kind, TF_TERM | TF_PERIOD,
			            ABBR_NONE);
			return pos;
		}
		break;
	default:
		break;
	}

	/* a number that starts with its decimal point: .5 */
	if (cp == '.' && pos < len && is_ascii_digit((unsigned char)s[pos]) &&
	    (start == 0 || opens_before(sc, start) || s[start - 1] == '$')) {
		while (pos < len && is_ascii_digit((unsigned char)s[pos]))
			pos++;
		*err = emit(sc, start, pos, TK_NUMBER, 0, ABBR_NONE);
		return pos;
	}
	/* an elided century: the '90s, class of ’03 */
	if (is_apostrophe(s, len, start, &n) && start + n + 2 <= len &&
	    is_ascii_digit((unsigned char)s[start + n]) &&
	    is_ascii_digit((unsigned char)s[start + n + 1]) &&
	    opens_before(sc, start)) {
		size_t e = start + n + 2;

		if (e < len && s[e] == 's')
			e++;
		if (e >= len || !is_ascii_alnum((unsigned char)s[e])) {
			*err = emit(sc, start, e, TK_NUMBER, 0, ABBR_NONE);
			return e;
		}
	}
	if (cp == '.' || cp == '!' || cp == '?' || cp == '-' || cp == '*' ||
	    cp == '=' || cp == '~' || cp == '_' || cp == '+' || cp == '#' ||
	    cp == '`' || cp == '<' || cp == '>') {
		/* runs: ... !?! -- ** == `` */
		while (pos < len && (s[pos] == (char)cp ||
		       ((cp == '!' || cp == '?') && (s[pos] == '!' ||
		                                     s[pos] == '?'))))
			pos++;
		if (pos < len && (unsigned char)s[pos] >= 0x80)
			pos = grapheme_end(s, len, pos - 1);
	}
	if (is_term(cp)) {
		flags |= TF_TERM;
		if (cp == '.' && pos - start == 1)
			flags |= TF_PERIOD;
	}
	if (cp == ',' || cp == ';' || cp == ':') {
		flags |= TF_CONT;
	} else if (cp == '`') {
		kind = TK_QUOTE;
		flags |= TF_OPEN;
	} else if (cp == '\'' && pos < len && s[pos] == '\'' &&
	           !opens_before(sc, start)) {
		pos++;                                  /* '' closing */
		kind = TK_QUOTE;
		flags |= TF_CLOSE;
	} else if ((q = quote_type(cp)) != 0) {
		kind = TK_QUOTE;
		if (q == 3) {
			bool before = opens_before(sc, start);
			bool after = is_space_at(sc, pos);

			q = before && !after ? 1 : !before ? 2 : 3;
			if (q == 3 && line_ends_at(sc, pos))
				q = 2;          /* 'teams. "' at the end of a line */
		}
		if (cp == '\'' || cp == 0x2019 || cp == 0x2018) {
			if (q == 1) {
				sc->squote_open = true;
			} else if (q == 2) {
				if (!sc->squote_open && start > 0 &&
				    (s[start - 1] | 32) == 's') {
					kind = TK_WORD;  /* troops' (possessive) */
					q = 0;
				}
				sc->squote_open = false;
			}
		}
		flags |= q == 1 ? TF_OPEN : q == 2 ? TF_CLOSE : 0;
	} else if (cp == '(' || cp == '[' || cp == '{') {
		flags |= TF_OPEN;
	} else if (cp == ')' || cp == ']' || cp == '}') {
		flags |= TF_CLOSE;
	}
	*err = emit(sc, start, pos, kind, flags, ABBR_NONE);
	return pos;
}

/* '#tag' or '@name' at @start (the previous character is not a word
 * character): the end, or 0. */
static size_t match_tag(const struct scan *sc, size_t start, bool hashtag)
{
	size_t j = start + 1;
	bool letter = false;
	struct ch c;

	if (start > 0) {
		unsigned char p = (unsigned char)sc->s[start - 1];

		if (is_ascii_alnum(p) || p == '_' || p == '&' || p >= 0x80)
			return 0;
	}
	while (j < sc->len) {
		unsigned char b = (unsigned char)sc->s[j];

		if (b < 0x80) {
			if (!is_ascii_alnum(b) && b != '_')
				break;
			letter = letter || is_ascii_alpha(b) || b == '_';
			j++;
			continue;
		}
		peek(sc, j, &c);
		if (c.nc != NC_LETTER && c.nc != NC_DIGIT)
			break;
		letter = letter || c.nc == NC_LETTER;
		j = c.end;
	}
	if (j == start + 1 || (hashtag && !letter))
		return 0;
	return j;
}

/* Kept out of line: fast_run()'s loop gets registers of its own (inlined
 * into news_tokenize() its variables are spilled). */
#if defined(__GNUC__)
#define NOINLINE __attribute__((noinline))
#else
#define NOINLINE
#endif

/* The bytes of the whole text that are no ASCII letter or digit, one bit
 * a byte (bit k % 64 of word k / 64), computed in one pass before the
 * scan: the end of the run of letters at a word's start is then a shift
 * and a count of trailing zeros. The bits past the end of the text are 1,
 * and there is one word more than the text needs, so every run stops at
 * len at the latest, with no bounds test. */
#if defined(__SSE2__) && defined(__GNUC__)
/* The ASCII letters and digits among 16 bytes, one bit each: byte range
 * tests (no byte >= 0x80 is in either range); x - lo < n as unsigned
 * bytes is (x - lo - 128) < n - 128 as signed ones. */
static inline uint64_t alnum16(const unsigned char *p)
{
	__m128i x = _mm_loadu_si128((const __m128i *)p);
	__m128i y = _mm_sub_epi8(_mm_or_si128(x, _mm_set1_epi8(0x20)),
	                         _mm_set1_epi8((char)('a' + 128)));
	__m128i letter = _mm_cmplt_epi8(y, _mm_set1_epi8(26 - 128));
	__m128i digit = _mm_cmplt_epi8(
		_mm_sub_epi8(x, _mm_set1_epi8((char)('0' + 128))),
		_mm_set1_epi8(10 - 128));

	return (uint64_t)(unsigned)_mm_movemask_epi8(_mm_or_si128(letter,
	                                                          digit));
}

static inline uint64_t alnum64(const unsigned char *p)
{
	return alnum16(p) | alnum16(p + 16) << 16 | alnum16(p + 32) << 32 |
	       alnum16(p + 48) << 48;
}
#else
static uint64_t alnum64(const unsigned char *p)
{
	uint64_t m = 0;

	for (unsigned k = 0; k < 64; k++)
		m |= (uint64_t)word_byte[p[k]] << k;
	return m;
}
#endif

/* Fills bm[0 .. len / 64 + 1) (see above). The last, partial block is
 * read in place: the DP_TEXT_PAD zero bytes after a document's text
 * (docproc.h) are no letters or digits, so they stop the last run. */
static void stop_bitmap(const unsigned char *u, size_t len, uint64_t *bm)
{
	_Static_assert(DP_TEXT_PAD >= 64, "the last block is read whole");
	for (size_t k = 0; k <= len; k += 64)
		bm[k / 64] = ~alnum64(u + k);
}

/* The end of the run of letters and digits from u[e], e <= len. */
static inline size_t bitmap_run_end(const uint64_t *bm, size_t e)
{
	uint64_t stop = bm[e / 64] >> (e % 64);

	while (!stop) {
		e = (e | 63) + 1;
		stop = bm[e / 64];
	}
	return e + (unsigned)__builtin_ctzll(stop);
}

/* Whether the ASCII letters and digits u[k..e) (k < e <= len) hold a
 * digit (0x30-0x39), and whether they are all digits. Among letters and
 * digits, only the letters have bit 0x40 set, so one word answers for a
 * run of at most eight bytes that has eight bytes to read before len:
 * no loop whose exit depends on the run's length, which the branch
 * predictor misses about once a run. Longer runs, and those at the end
 * of the text, byte by byte (two words for up to sixteen cost the word
 * loop more than they saved: its registers). */
#define LANES_40 0x4040404040404040ULL
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define RUN_SWAR 1
#else
#define RUN_SWAR 0
#endif

/* The bits 0x40 of the bytes of u[k..e), the first byte's lowest, and
 * those of all of them (what a run of letters has). Only for
 * 0 < e - k <= 8 and k + 8 <= len. */
static inline uint64_t run_bit40(const unsigned char *u, size_t k, size_t e,
                                 uint64_t *all)
{
	uint64_t w;

	memcpy(&w, u + k, 8);
	*all = LANES_40 & (~0ULL >> (64 - 8 * (e - k)));
	return w & *all;
}

static inline bool run_all_digits(const unsigned char *u, size_t k, size_t e,
                                  size_t len)
{
	uint64_t all;

	if (RUN_SWAR && e - k <= 8 && k + 8 <= len)
		return run_bit40(u, k, e, &all) == 0;
	while (k < e && is_ascii_digit(u[k]))
		k++;
	return k == e;
}

static inline bool run_has_digit(const unsigned char *u, size_t k, size_t e,
                                 size_t len)
{
	uint64_t all;

	if (RUN_SWAR && e - k <= 8 && k + 8 <= len)
		return run_bit40(u, k, e, &all) != all;
	while (k < e && !is_ascii_digit(u[k]))
		k++;
	return k < e;
}

/* The first byte at or after u[i] that is no space, or @lim (i <= lim,
 * u[0..lim) readable). Eight bytes at a time: the exit of a loop over a
 * paragraph's indent (four spaces in Reuters) is missed about once an
 * indent, the test of eight bytes at once seldom. */
static inline size_t skip_spaces(const unsigned char *u, size_t i, size_t lim)
{
#if RUN_SWAR
	for (; i + 8 <= lim; i += 8) {
		uint64_t w;

		memcpy(&w, u + i, 8);
		w ^= 0x2020202020202020ULL;     /* the spaces' lanes 0 */
		if (w)
			return i + ((size_t)__builtin_ctzll(w) >> 3);
	}
#endif
	while (i < lim && u[i] == ' ')
		i++;
	return i;
}

/* The flags of the marks that are always a token of their own, as
 * scan_punct() gives them (its first cases); 0 for every other byte. */
static const uint8_t simple_mark[128] = {
	[','] = TF_CONT, [';'] = TF_CONT, [':'] = TF_CONT,
	['('] = TF_OPEN, ['['] = TF_OPEN, ['{'] = TF_OPEN,
	[')'] = TF_CLOSE, [']'] = TF_CLOSE, ['}'] = TF_CLOSE,
};

/* Whether the byte after a period at @p leaves scan_word() nothing to
 * look at after it: white space or the end of the text. */
static bool period_ends(const unsigned char *u, size_t len, size_t p)
{
	return p + 1 >= len ||
	       (u[p + 1] < 0x80 && ascii_nc[u[p + 1]] == NC_SPACE);
}

/* Whether scan_punct() makes the period at @p a token of its own with
 * TF_TERM | TF_PERIOD: at the end of the text, or before an ASCII byte
 * that is no period (a run: ...) and no digit (.5). Before a quote, a
 * comma or a bracket ('." .,' ').') as before white space. */
static bool lone_period(const unsigned char *u, size_t len, size_t p)
{
	return p + 1 >= len ||
	       (u[p + 1] < 0x80 && u[p + 1] != '.' && !is_ascii_digit(u[p + 1]));
}

/* The abbreviation class scan_word() gives the ASCII letters u[i..e)
 * (digits make none) before a period followed by white space or the end
 * of the text: listed ones, initials (J.), "No." before a number. */
static int plain_abbrev(const struct scan *sc, size_t i, size_t e)
{
	const unsigned char *u = (const unsigned char *)sc->s;
	int abbr;

	for (size_t k = i; k < e; k++)
		if (is_ascii_digit(u[k]))
			return ABBR_NONE;
	abbr = abbr_lookup(sc->o->abbrevs, sc->s + i, e - i);
	if (abbr == ABBR_NONE && e - i == 1 && is_ascii_upper(u[i]))
		abbr = ABBR_INITIAL;
	if (abbr == ABBR_NONE && e - i == 2 && (u[i] | 32) == 'n' &&
	    (u[i + 1] | 32) == 'o' && e + 2 < sc->len && u[e + 1] == ' ' &&
	    is_ascii_digit(u[e + 2]))
		abbr = ABBR_TITLE;              /* No. 5 */
	return abbr;
}

/* The common token: an ASCII run of letters and digits at @i ending before
 * a byte of plain_end[] (or the text's end), e.g. "said" before a space or
 * a comma, or before a period that ends a sentence or an abbreviation.
 * Emits it exactly as scan_word() would (a word, or a number when
 * number_shape() says so; an abbreviation with its period) and returns
 * its end, or 0 when the run needs scan_word()'s rules. */
static size_t plain_word(struct scan *sc, size_t i, int *err)
{
	const unsigned char *u = (const unsigned char *)sc->s;
	size_t len = sc->len, e = bitmap_run_end(sc->bm, i + 1);
	uint8_t a = ascii_nc[u[i]];
	int kind = TK_WORD, flags, abbr = ABBR_NONE;

	if (e < len && u[e] == ':' && word_start[u[i]] == PE_WORD &&
	    (e + 1 >= len || u[e + 1] != '/')) {
		/* a colon after letters (NOTE: said:): scan_word() joins it
		 * only after digits (10:30) and looks past it only for a
		 * URL scheme (http://), then ends the word there */
	} else if (e < len && !(plain_end[u[e]] & word_start[u[i]])) {
		/* a period before white space or the end; after letters
		 * also one before a comma (Calif., Inc.,): scan_word()
		 * then applies none of its connector rules at the period
		 * (they need a letter, a digit or a period after it) and
		 * makes the same abbreviation test */
		if (u[e] != '.' ||
		    !(period_ends(u, len, e) ||
		      (e + 1 < len && u[e + 1] == ',' &&
		       word_start[u[i]] == PE_WORD)))
			return 0;
		if (word_start[u[i]] == PE_WORD)
			abbr = plain_abbrev(sc, i, e);
	}
	if (word_start[u[i]] == PE_NUMBER && number_shape(sc->s, i, e))
		kind = TK_NUMBER;
	flags = (a / AC_UP) & (TF_UPPER | TF_LOWER);   /* see the _Static_assert */
	if (abbr != ABBR_NONE) {
		flags |= TF_ABBREV;
		e++;                            /* the period is the word's */
	}
	*err = emit(sc, i, e, kind, flags, abbr);
	return e;
}

/* "U.S." "a.m." "N.Y.": two single ASCII letters, each with a period,
 * before a space, a line feed or a comma. Emits them as scan_word() does
 * (one token with its final period, of the class abbr_lookup() gives,
 * ABBR_PLAIN if none) without its walk segment by segment, and returns
 * the end; 0 for any other text (U.S.-led, U.S.'s, U.S.A. and the rest
 * go to scan_word()). About one token in 250 on Reuters. */
static size_t short_acronym(struct scan *sc, size_t i, int *err)
{
	const unsigned char *u = (const unsigned char *)sc->s;
	int abbr, flags;

	if (i + 4 >= sc->len || u[i + 1] != '.' || u[i + 3] != '.' ||
	    !is_ascii_alpha(u[i]) || !is_ascii_alpha(u[i + 2]) ||
	    (u[i + 4] != ' ' && u[i + 4] != '\n' && u[i + 4] != ','))
		return 0;
	abbr = abbr_lookup(sc->o->abbrevs, sc->s + i, 3);
	if (abbr == ABBR_NONE)
		abbr = ABBR_PLAIN;
	flags = (is_ascii_upper(u[i]) ? TF_UPPER : TF_LOWER) | TF_ABBREV;
	*err = emit(sc, i, i + 4, TK_WORD, flags, abbr);
	return i + 4;
}

/* ---- the fast path: runs of plain words ------------------------------------ */

/* One-byte tokens that scan_punct() emits with no look around when the
 * next byte is ASCII and does not continue a run (-- ** !? ...): the
 * kind in the low four bits, with TF_TERM for ! and ?. Not # and @
 * (tags), quotes, the period, nor the marks of simple_mark[]. */
#define LM_PUNCT TK_PUNCT
#define LM_SYMBOL TK_SYMBOL
static const uint8_t lone_mark[128] = {
	['-'] = LM_PUNCT, ['/'] = LM_PUNCT,
	['!'] = LM_PUNCT | TF_TERM, ['?'] = LM_PUNCT | TF_TERM,
	['$'] = LM_SYMBOL, ['%'] = LM_SYMBOL, ['&'] = LM_SYMBOL,
	['*'] = LM_SYMBOL, ['+'] = LM_SYMBOL, ['<'] = LM_SYMBOL,
	['='] = LM_SYMBOL, ['>'] = LM_SYMBOL, ['\\'] = LM_SYMBOL,
	['^'] = LM_SYMBOL, ['_'] = LM_SYMBOL, ['|'] = LM_SYMBOL,
	['~'] = LM_SYMBOL,
};
_Static_assert(TF_TERM >= 16 && TK_SYMBOL < 16 && TK_PUNCT != 0,
               "lone_mark[] packs them");


/* The flags of a plain word by its first byte (TF_UPPER, TF_LOWER); 0:
 * the byte starts no plain word. */
#define WF(c) [c] = ((c) >= 'a' ? TF_LOWER : TF_UPPER)
static const uint8_t word_flags[256] = {
	WF('A'), WF('B'), WF('C'), WF('D'), WF('E'), WF('F'), WF('G'),
	WF('H'), WF('I'), WF('J'), WF('K'), WF('L'), WF('M'), WF('N'),
	WF('O'), WF('P'), WF('Q'), WF('R'), WF('S'), WF('T'), WF('U'),
	WF('V'), WF('W'), WF('X'), WF('Y'), WF('Z'),
	WF('a'), WF('b'), WF('c'), WF('d'), WF('e'), WF('f'), WF('g'),
	WF('h'), WF('i'), WF('j'), WF('k'), WF('l'), WF('m'), WF('n'),
	WF('o'), WF('p'), WF('q'), WF('r'), WF('s'), WF('t'), WF('u'),
	WF('v'), WF('w'), WF('x'), WF('y'), WF('z'),
};
#undef WF

/* word_flags[] and plain_end[] in one table for fast_run()'s word loop,
 * which then needs one base register for both of its lookups: the flags
 * of a word's first byte in the low bits (letters have no plain_end[]
 * bits), the plain_end[] bits of the byte after it shifted past them. */
#define WP_SHIFT 2
#define WP_WORD (PE_WORD << WP_SHIFT)
#define WP_LF (PE_LF << WP_SHIFT)
#define WP_STEP (PE_STEP << WP_SHIFT)
_Static_assert((TF_UPPER | TF_LOWER) < 1 << WP_SHIFT && WP_STEP < 128,
               "word_plain[] packs them");
#define WP_VALUE(c) \
	((unsigned)((c) - 'A') < 26 ? TF_UPPER : \
	 (unsigned)((c) - 'a') < 26 ? TF_LOWER : PE_VALUE(c) << WP_SHIFT)
static const uint8_t word_plain[256] = { ASCII_TABLE(WP_VALUE) };

/* Where emit_word() splits the ASCII word u[a..b) with its only
 * apostrophe at @p (a < p, b - p >= 2): before 's 'd 'm 're 've 'll, or
 * before the n of n't; @b for no split (clitics not split, another tail,
 * or one longer than emit_word() looks back). */
static inline size_t clitic_cut(const unsigned char *u, size_t a, size_t p,
                                size_t b, bool split)
{
	size_t tail = b - p - 1;
	unsigned x = u[p + 1] | 32, y = tail > 1 ? u[p + 2] | 32 : 0;

	if (!split)
		return b;
	if (tail == 1 && (x == 's' || x == 'd' || x == 'm'))
		return p;
	if (tail == 2 && ((x == 'r' && y == 'e') || (x == 'v' && y == 'e') ||
	                  (x == 'l' && y == 'l')))
		return p;
	if (tail == 1 && x == 't' && p - a >= 2 && (u[p - 1] | 32) == 'n')
		return p - 1;           /* do|n't */
	return b;
}

/* Stores the tokens at u[i...] for as long as it can decide them exactly
 * as news_tokenize()'s rules would with a look at their ASCII bytes only:
 * plain words (what plain_word() emits without an abbreviation), ASCII
 * compounds and clitics, numbers of digit segments, one-byte marks and
 * straight double quotes; it skips spaces and single line feeds between
 * them. Returns where it stopped: the first byte it leaves to the rules
 * (an abbreviation candidate, a URL, non-ASCII, a blank line...), or the
 * line feed before it, which news_tokenize() then counts itself. Called
 * only right after a token was emitted, so that no line break waits (gap
 * 0) and u[i - 1] exists. Kind, abbr and gap are stored only when not 0
 * (a word has kind 0), so entries up to out->zeroed must be zero
 * (tok_prepare()); stores no further. Calls nothing, so that the
 * compiler keeps the loop's state in registers. */
static NOINLINE size_t fast_run(const struct scan *sc, size_t i)
{
	const unsigned char *u = (const unsigned char *)sc->s;
	const uint64_t *bm = sc->bm;
	struct tok_list *out = sc->out;
	size_t n = out->n, e;
	/* a token takes at least one byte: while i < lim, n < zeroed <= cap
	 * (lim moves on at "refill" while there is room); and a token must
	 * end before lim, so that the byte after it is there to read */
	size_t room = out->zeroed > n ? out->zeroed - n : 0;
	size_t lim = room < sc->len - i ? i + room : sc->len;
	/* tokens other than words: in memory (volatile), like all that the
	 * word path does not use, so that u, bm, lim, i, n and the three
	 * arrays it stores to get the registers */
	volatile size_t others = 0;

	for (;;) {
		/* loaded again after each token of the slow paths, so that
		 * they need registers in the word loop only, not across the
		 * slow paths (which spilled them: four loads a word) */
		uint32_t *const ts = out->start, *const te = out->end;
		uint8_t *const tf = out->flags, *const gap = out->gap;
		unsigned b, f, c;

		/* the common case in a loop of its own: plain words, each
		 * before a space or a byte that ends it as it is */
		while (i < lim &&
		       ((f = word_plain[u[i]]) & (TF_UPPER | TF_LOWER))) {
			e = bitmap_run_end(bm, i + 1);
			if (e >= lim)
				break;
			c = word_plain[u[e]];
			if (!(c & WP_WORD))
				break;
			ts[n] = (uint32_t)i;
			te[n] = (uint32_t)e;
			tf[n] = (uint8_t)f;
			n++;
			/* a line feed after the word (a wrapped line) with no
			 * branch: the next token's gap, stored either way (it
			 * is 0 until a line feed sets it, see below) */
			gap[n] = (uint8_t)(c / WP_LF & 1);
			i = e + c / WP_STEP;
		}
		/* the rest, and the words it stopped at */
		if (i >= lim)
			goto refill;
		b = u[i];
		f = word_flags[b];

		if (f) {
			/* a word; c: the byte after it */
			e = bitmap_run_end(bm, i + 1);
			if (e < lim)
				c = u[e];
			else if (lim == sc->len)
				c = 0;          /* the last word of the text */
			else
				goto refill;
			if (c == '-') {
				/* a compound (Al-Sudani, F-16, self-defense):
				 * scan_word() joins ASCII letters and digits
				 * after a hyphen; one that ends in a period
				 * (R-Ariz.) is left to it */
				do {
					if (e + 2 >= lim)
						goto refill;
					if (!word_byte[u[e + 1]])
						goto stop;
					e = bitmap_run_end(bm, e + 2);
					if (e >= lim)
						goto refill;
					c = u[e];
				} while (c == '-');
				/* after digits , / : . go on (with-5/8) */
				if (!(plain_end[c] & PE_NUMBER))
					break;
			} else if (c == '\'') {
				/* an ASCII apostrophe between letters (Iraq's,
				 * don't, O'Brien): split as emit_word() splits
				 * the clitics; another connector after it is
				 * left to scan_word() */
				size_t p = e, cut;

				if (e + 2 >= lim)
					goto refill;
				if (!is_ascii_alpha(u[e + 1]))
					break;
				e = bitmap_run_end(bm, e + 2);
				if (e >= lim)
					goto refill;
				c = u[e];
				if (!(plain_end[c] & PE_WORD))
					break;
				cut = clitic_cut(u, i, p, e,
				                 sc->o->split_clitics);
				if (cut < e) {
					ts[n] = (uint32_t)i;
					te[n] = (uint32_t)cut;
					tf[n] = (uint8_t)f;
					n++;
					i = cut;
					f = 0;  /* the clitic: a word, no flags */
				}
			} else if (!(plain_end[c] & PE_WORD)) {
				/* a word that ends a sentence, unless it is an
				 * abbreviation: plain_abbrev() without a call
				 * (which would cost the loop its registers);
				 * initials, "No." and the words the length and
				 * bloom filters let through are left to
				 * news_tokenize() */
				if (c != '.' || e + 1 >= lim || u[e + 1] >= 0x80 ||
				    ascii_nc[u[e + 1]] != NC_SPACE || e - i <= 2)
					break;
				if (!run_has_digit(u, i, e, sc->len) &&
				    abbr_maybe(sc->o->abbrevs, sc->s + i, e - i))
					break;
				/* and the period, as the mark case below would
				 * emit it (ASCII white space after it, before
				 * lim): without another trip through the tests */
				ts[n] = (uint32_t)i;
				te[n] = (uint32_t)e;
				tf[n] = (uint8_t)f;
				n++;
				ts[n] = (uint32_t)e;
				te[n] = (uint32_t)(e + 1);
				out->kind[n] = TK_PUNCT;
				tf[n] = TF_TERM | TF_PERIOD;
				out->has_kind[TK_PUNCT] = 1;
				others++;
				n++;
				/* and a line feed after it, with the indent of
				 * the next paragraph, as the line-feed case does
				 * (no line feed came since the word: the next
				 * token's gap is 0) */
				if (u[e + 1] == '\n') {
					gap[n] = 1;
					i = skip_spaces(u, e + 2, lim);
				} else {
					i = e + 1 + (u[e + 1] == ' ');
				}
				continue;
			}
			ts[n] = (uint32_t)i;
			te[n] = (uint32_t)e;
			tf[n] = (uint8_t)f;
			n++;
			i = e + (c == ' ');
			continue;
		}
		if (word_start[b] == PE_NUMBER) {
			/* a number: segments of digits joined as scan_word()
			 * joins them (13.5 2,500 1,000.50 3-1 10:30 9/11),
			 * ending where plain_word() would end a number;
			 * anything else (letters: 21st 10km) is left to
			 * news_tokenize() */
			size_t k, seg;

			e = i;
			for (;;) {
				k = e;
				e = bitmap_run_end(bm, e + 1);
				if (e >= lim)
					goto refill;
				seg = e - k;
				if (!run_all_digits(u, k, e, sc->len))
					goto stop;
				c = u[e];
				if (c == '.' && e + 1 < lim &&
				    is_ascii_digit(u[e + 1])) {
					e++;    /* 13.5 */
					continue;
				}
				if ((c == '-' || c == ':' || c == '/') &&
				    e + 1 < lim && is_ascii_digit(u[e + 1])) {
					e++;    /* 3-1 10:30 9/11 */
					continue;
				}
				if (c == ',' && seg <= 3 && e + 4 < lim &&
				    is_ascii_digit(u[e + 1]) &&
				    is_ascii_digit(u[e + 2]) &&
				    is_ascii_digit(u[e + 3]) &&
				    !is_ascii_digit(u[e + 4])) {
					e++;    /* 2,500 */
					continue;
				}
				break;
			}
			/* and where it ends: before a plain end, a period and
			 * white space, or a comma that no letter or digit
			 * follows ("in 1986, the"): scan_word() joins a comma
			 * only to digits after it (2,500, tested above) and
			 * looks for a URL only before a letter or digit */
			if (!(plain_end[c] & PE_NUMBER) &&
			    (c != '.' || e + 1 >= lim || u[e + 1] >= 0x80 ||
			     ascii_nc[u[e + 1]] != NC_SPACE) &&
			    (c != ',' || e + 1 >= lim || word_byte[u[e + 1]]))
				break;
			ts[n] = (uint32_t)i;
			te[n] = (uint32_t)e;
			tf[n] = 0;
			out->kind[n] = TK_NUMBER;
			out->has_kind[TK_NUMBER] = 1;
			others++;
			n++;
			i = e + (c == ' ');
			continue;
		}
		if (b == '\n') {
			/* the next token is the first of its line: its gap is
			 * stored now (if news_tokenize() emits it instead,
			 * tok_push() overwrites this, and if none follows,
			 * nothing reads past n); gap[n] was 0 until then */
			if (out->gap[n])
				break;          /* a blank line: paragraph rules */
			out->gap[n] = 1;
			/* and the indent after it (see above) */
			i = skip_spaces(u, i + 1, lim);
			continue;
		}
		if (b == ' ') {
			/* a run of spaces (the indent of a paragraph's first
			 * line) at once: one trip through the tests per
			 * space cost a mispredicted exit of the word loop each */
			i = skip_spaces(u, i + 1, lim);
			continue;
		}
		if (b < 0x80 && i + 1 >= lim)
			goto refill;
		if (b < 0x80 && u[i + 1] < 0x80) {
			unsigned d = u[i + 1], kind = TK_PUNCT, fl;

			if (simple_mark[b]) {
				fl = simple_mark[b];
			} else if (b == '.' && d != '.' && !is_ascii_digit(d)) {
				fl = TF_TERM | TF_PERIOD;       /* lone_period() */
			} else if (b == '"' && u[i - 1] < 0x80) {
				/* a straight double quote: opening or closing
				 * from the spaces around it, as in scan_punct()
				 * (opens_before(), is_space_at(), line_ends_at()
				 * for ASCII neighbours; i > 0: a token came
				 * before) */
				unsigned p = u[i - 1];
				bool before = p < 0x21 || p == '(' || p == '[' ||
				              p == '{';
				bool after = ascii_nc[d] == NC_SPACE;
				size_t k = i + 1;

				kind = TK_QUOTE;
				fl = before && !after ? TF_OPEN : !before ? TF_CLOSE
				                                          : 0;
				if (!fl) {
					while (k < sc->len &&
					       (u[k] == ' ' || u[k] == '\t'))
						k++;
					if (k >= sc->len || u[k] == '\n' ||
					    u[k] == '\r')
						fl = TF_CLOSE;
				}
			} else if (lone_mark[b] && d != b &&
			           !(lone_mark[b] & TF_TERM &&
			             (d == '!' || d == '?'))) {
				kind = lone_mark[b] & 15;
				fl = lone_mark[b] & TF_TERM;
			} else {
				break;
			}
			ts[n] = (uint32_t)i;
			te[n] = (uint32_t)(i + 1);
			out->kind[n] = (uint8_t)kind;
			tf[n] = (uint8_t)fl;
			out->has_kind[kind] = 1;
			others++;
			n++;
			i += 1 + (d == ' ');
			continue;
		}
		break;
refill:
		/* the token at i reaches lim: move lim on if there is room
		 * for more tokens than it allowed, and try again */
		{
			size_t more = out->zeroed > n ? out->zeroed - n : 0;
			size_t next = more < sc->len - i ? i + more : sc->len;

			if (next <= lim)
				break;
			lim = next;
		}
	}
stop:
	if (n - out->n > others)        /* all the others are words */
		out->has_kind[TK_WORD] = 1;
	out->n = n;
	/* a line feed with no token after it yet: news_tokenize() counts
	 * the line breaks again from the end of the last token (there is
	 * one: fast_run() is called right after a token, with only white
	 * space between its end and i) */
	if (n < out->zeroed && out->gap[n])
		return out->end[n - 1];
	return i;
}

_Static_assert(TK_WORD == 0 && ABBR_NONE == 0,
               "fast_run() leaves these values to tok_prepare()");

/* news_tokenize() with the bitmap of stop_bitmap(). */
static int tokenize(const struct news_opts *o, const char *s, size_t len,
                    struct tok_list *out, const uint64_t *bm)
{
	struct scan sc = { .o = o, .s = s, .len = len, .out = out, .bm = bm };
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, nl = 0;
	int err = 0;
	struct ch c;

	/* room for the tokens of most texts (news has one every five or
	 * six bytes), so that the arrays seldom grow; and the zeros
	 * fast_run() counts on */
	if (tok_prepare(out, len / 4 + 16) < 0)
		return -1;
	while (i < len) {
		unsigned char b = u[i];

		if (!word_byte[b]) {
			if (b == ' ') {
				i++;
				continue;
			}
			if (b < 0x80 && ascii_nc[b] == NC_SPACE) {
				if (b == '\n' || (b == '\r' &&
				                  (i + 1 >= len || u[i + 1] != '\n')))
					nl++;
				i++;
				continue;
			}
			if (b < 0x80 && (i + 1 >= len || u[i + 1] < 0x80) &&
			    (simple_mark[b] || (b == '.' && lone_period(u, len, i)))) {
				/* a one-byte mark that scan_punct() would emit
				 * as it is, without looking around */
				if (nl) {
					if (nl >= 2)
						sc.squote_open = false;
					sc.gap = nl >= 2 ? 2 : (uint8_t)nl;
					nl = 0;
				}
				err = emit(&sc, i, i + 1, TK_PUNCT, b == '.' ?
				           TF_TERM | TF_PERIOD : simple_mark[b],
				           ABBR_NONE);
				if (err < 0)
					return -1;
				i = fast_run(&sc, i + 1);
				continue;
			}
			peek(&sc, i, &c);
			if (c.nc == NC_SPACE) {
				if (c.cp == 0x85 || c.cp == 0x2028)
					nl++;
				else if (c.cp == 0x2029)
					nl += 2;
				i = c.end;
				continue;
			}
		}
		if (nl) {
			/* sc.gap is 0 otherwise: emit() clears it */
			if (nl >= 2)
				sc.squote_open = false;   /* paragraph break */
			sc.gap = nl >= 2 ? 2 : (uint8_t)nl;
			nl = 0;
		}
		if (word_byte[b]) {
			/* ASCII letter or digit: most tokens are plain words */
			size_t e = plain_word(&sc, i, &err);

			if (!e && !err)
				e = short_acronym(&sc, i, &err);
			if (err < 0)
				return -1;
			if (e) {
				/* and most are followed by more */
				i = fast_run(&sc, e);
				continue;
			}
			peek(&sc, i, &c);
		}
		switch (c.nc) {
		case NC_LETTER:
		case NC_DIGIT:
			i = scan_word(&sc, i, &c, &err);
			break;
		case NC_EMOJI:
			err = emit(&sc, i, c.end, TK_EMOJI, 0, ABBR_NONE);
			i = c.end;
			break;
		default:
			if (c.cp == '#' || c.cp == '@') {
				size_t e = match_tag(&sc, i, c.cp == '#');

				if (e) {
					err = emit(&sc, i, e, c.cp == '#' ? TK_HASHTAG
					           : TK_MENTION, 0, ABBR_NONE);
					i = e;
					break;
				}
			}
			i = scan_punct(&sc, i, &c, &err);
			break;
		}
		if (err < 0)
			return -1;
		i = fast_run(&sc, i);
	}
	return 0;
}

int news_tokenize(const struct news_opts *o, const char *s, size_t len,
                  struct tok_list *out)
{
	uint64_t small[64], *bm = small;        /* texts up to 4 KB */
	int rc;

	if (len / 64 + 1 > sizeof small / sizeof *small &&
	    !(bm = malloc((len / 64 + 1) * sizeof *bm)))
		return -1;
	stop_bitmap((const unsigned char *)s, len, bm);
	rc = tokenize(o, s, len, out, bm);
	if (bm != small)
		free(bm);
	return rc;
}
