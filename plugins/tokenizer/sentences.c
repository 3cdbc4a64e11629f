/*
 * sentences.c - sentence boundaries for the `news` mode.
 *
 * Works on the tokens of news.c: a boundary is decided between two tokens
 * from the tokens around it and the white space between them (line breaks).
 * The rules, in order:
 *   1. a blank line (two line breaks) always ends a sentence;
 *   2. with newline_breaks, one line break ends a sentence unless the next
 *      line starts in lowercase (in a cased text) or continues the previous
 *      one (after , ; ( or an opening quote); in hard-wrapped text (lines
 *      of at most 100 bytes, many of them full and ending mid-sentence, as
 *      in Reuters-21578) only before an indented line, or after a short or
 *      all-capitals line (a headline) when the next starts with neither a
 *      lowercase word nor a number;
 *   3. a terminator (. ! ? ... and runs of them) with the closing quotes and
 *      brackets glued to it ends a sentence, except: a period that makes a
 *      list marker ("1." "a." at the start of a line); ! ? and ellipses
 *      before a lowercase word; any terminator closed by a quote before a
 *      lowercase word ("...!" he said); a terminator before , ; : or a
 *      closing bracket;
 *   4. after an abbreviation the sentence ends only when its class says so
 *      (abbrev.c): never after titles, before a capitalised word after
 *      terminal ones (Inc. etc.), before a sentence-starting word (The, He,
 *      However, ...) after the others and after initials.
 * A text is treated as caseless (seed 004) when fewer than 2% of its words
 * start with a capital; rules then ignore case.
 */
#include <string.h>

#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

#include "tokenize.h"

/* For the small helpers of the per-line loops, which GCC otherwise keeps
 * out of line (a call per line costs more than their fast path). */
#if defined(__GNUC__)
#define ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define ALWAYS_INLINE inline
#endif

/* A word loaded from memory has its bytes as lanes in text order, lowest
 * first (GCC, little-endian): the first or last lane that matches is
 * then found with one count of zeros instead of a loop. */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define LANES_LE 1
#else
#define LANES_LE 0
#endif

/* Words that typically start a sentence, lowercase, sorted. */
static const char *const starters[] = {
	"a", "according", "after", "all", "also", "although", "among", "an",
	"analysts", "and", "as", "asked", "at", "because", "before", "both", "but",
	"by", "critics", "despite", "during", "each", "earlier", "even", "experts",
	"for", "from", "further", "he", "her", "here", "his", "how", "however", "i",
	"if", "in", "instead", "it", "its", "last", "later", "many", "meanwhile",
	"moreover", "most", "my", "next", "no", "nor", "not", "now", "officials",
	"on", "one", "only", "or", "other", "our", "police", "residents",
	"separately", "several", "she", "since", "so", "some", "speaking", "still",
	"such", "that", "the", "their", "then", "there", "these", "they", "this",
	"those", "though", "three", "thus", "to", "today", "two", "under", "until",
	"we", "what", "when", "where", "whether", "which", "while", "who", "why",
	"with", "witnesses", "yesterday", "yet", "you",
};

/* Words that go on after a.m., p.m., Inc. and the like: days, months,
 * time zones; lowercase, sorted. */
static const char *const after_time[] = {
	"april", "august", "bst", "cdt", "cet", "cst", "december", "edt", "est",
	"et", "february", "friday", "gmt", "january", "july", "june", "march",
	"may", "mdt", "monday", "mst", "november", "october", "pdt", "pst", "pt",
	"saturday", "september", "sunday", "thursday", "tuesday", "utc",
	"wednesday",
};

/* What gap_line() found at one gap with a line break, in the order of
 * the gaps: detect_wrapping() records it for the main loop, which walks
 * the same gaps in the same order from the same start. */
struct gap_rec {
	uint32_t len;       /* the length of the line the gap ends */
	uint32_t next;      /* where the next line starts */
	bool lf;            /* gap_line()'s answer */
};

/* Texts of up to this many tokens keep the records on the stack; longer
 * ones have gap_line() called again. */
#define GAP_RECS 1024

struct ctx {
	const struct news_opts *o;
	const char *s;
	const struct tok_list *t;
	bool caseless;
	bool wrapped;       /* hard-wrapped lines */
	size_t width;       /* the longest line, in bytes */
	struct gap_rec *recs; /* one per gap with a line break, or NULL */
};

/* Lines are tracked while walking the gaps in order: newlines only ever
 * occur in gaps. @line_start is where the current line began; a gap with
 * a line break ends it. */
struct lines {
	size_t start;
};

/* The end of the last line break (\n or \r) in s[e..b), where s[e] is
 * one. A gap of at most eight bytes (a line feed and a paragraph's indent)
 * is searched in one word, whose highest lane holding either byte is the
 * answer (s[e]'s lane is there, so one is): the exit of a loop back over
 * the indent was missed about once a gap. */
static size_t last_break(const char *s, size_t e, size_t b)
{
#if LANES_LE
	if (b - e <= 8 && b >= 8) {
		const uint64_t lows = 0x7f7f7f7f7f7f7f7full;
		uint64_t w, lf, cr, m;

		memcpy(&w, s + b - 8, sizeof w);
		/* lanes equal to 0 in lf or cr get their high bit set, and
		 * only those (no carry crosses a lane: lanes & 0x7f + 0x7f
		 * <= 0xfe) */
		lf = w ^ 0x0a0a0a0a0a0a0a0aull;
		cr = w ^ 0x0d0d0d0d0d0d0d0dull;
		m = ~(((lf & lows) + lows) | lf | lows) |
		    ~(((cr & lows) + lows) | cr | lows);
		return b - 8 + (size_t)((63 - __builtin_clzll(m)) >> 3) + 1;
	}
#endif
	while (b > e && s[b - 1] != '\n' && s[b - 1] != '\r')
		b--;
	return b;
}

static bool gap_line_slow(struct lines *l, const char *s, size_t ga,
                          size_t gb, size_t *len);

/* For the gap s[ga..gb): if it holds a line break, stores the length of
 * the line it ends in *len, moves @l to the next line and returns true.
 * The usual gap, one line feed, inline (a call per line cost more than
 * the test); the rest in gap_line_slow(). */
static inline bool gap_line(struct lines *l, const char *s, size_t ga,
                            size_t gb, size_t *len)
{
	if (gb == ga + 1 && s[ga] == '\n') {
		*len = ga - l->start;
		l->start = gb;
		return true;
	}
	return gap_line_slow(l, s, ga, gb, len);
}

static bool gap_line_slow(struct lines *l, const char *s, size_t ga,
                          size_t gb, size_t *len)
{
	size_t e = ga;

	while (e < gb && s[e] != '\n' && s[e] != '\r')
		e++;
	if (e == gb)
		return false;
	*len = e - l->start;
	l->start = last_break(s, e, gb);
	return true;
}

/* Whether the line after the gap s[ga..gb) is indented (two spaces or a
 * tab after the last line break). */
static bool indented(const char *s, size_t ga, size_t gb)
{
	size_t b = gb, sp = 0;

	while (b > ga && s[b - 1] != '\n' && s[b - 1] != '\r') {
		b--;
		sp += s[b] == '\t' ? 2 : 1;
	}
	return sp >= 2;
}

/* The high bit of each byte lane of @w that holds an ASCII byte from @lo
 * to @hi (lanes & 0x7f plus at most 0x7f carry into no other lane). */
static inline uint64_t lanes_between(uint64_t w, unsigned lo, unsigned hi)
{
	const uint64_t ones = 0x0101010101010101ull, highs = ones * 0x80;
	uint64_t x = w & ~highs;

	return (x + ones * (0x80 - lo)) & ~(x + ones * (0x7f - hi)) & ~w &
	       highs;
}

/* Whether the line s[b..token j] has letters, all of them capitals.
 * Eight bytes at a time (a line of a hard-wrapped text has 60 to 100),
 * and no further than the first lowercase letter (most lines have one
 * among their first bytes). */
static bool caps_line(const struct ctx *c, size_t b, size_t j)
{
	const unsigned char *u = (const unsigned char *)c->s;
	size_t e = c->t->end[j], i = b;
	uint64_t up = 0;

	for (; i + 8 <= e; i += 8) {
		uint64_t w;

		memcpy(&w, u + i, sizeof w);
		if (lanes_between(w, 'a', 'z'))
			return false;
		up |= lanes_between(w, 'A', 'Z');
	}
	for (; i < e; i++) {
		if (u[i] >= 'a' && u[i] <= 'z')
			return false;
		up |= u[i] >= 'A' && u[i] <= 'Z';
	}
	return up != 0;
}

static size_t tlen(const struct ctx *c, size_t k)
{
	return c->t->end[k] - c->t->start[k];
}

/* Whether token k is the one byte @ch: what tok_is() answers for a text
 * of one byte, without its strlen() and memcmp() calls. */
static bool tok_is1(const struct ctx *c, size_t k, char ch)
{
	return tlen(c, k) == 1 && c->s[c->t->start[k]] == ch;
}

static bool tok_is(const struct ctx *c, size_t k, const char *text)
{
	size_t n = strlen(text);

	return tlen(c, k) == n && !memcmp(c->s + c->t->start[k], text, n);
}

/* strcmp() inline: the lists' words differ from most probes at their
 * first byte, where a library call cost several times the compare. */
static int str_cmp(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (int)(unsigned char)*a - (int)(unsigned char)*b;
}

/* Whether word k, lowercased, is in the sorted @list; in a cased text it
 * must start with a capital. */
static bool in_list(const struct ctx *c, size_t k, const char *const *list,
                    size_t hi)
{
	char buf[16];
	size_t n = tlen(c, k), lo = 0;

	if (n > 1 && (c->t->flags[k] & TF_ABBREV) &&
	    c->s[c->t->start[k] + n - 1] == '.')
		n--;                    /* EST. */
	if (c->t->kind[k] != TK_WORD || n >= sizeof buf)
		return false;
	if (!c->caseless && !(c->t->flags[k] & TF_UPPER))
		return false;
	for (size_t i = 0; i < n; i++) {
		char ch = c->s[c->t->start[k] + i];

		buf[i] = (ch >= 'A' && ch <= 'Z') ? (char)(ch + 32) : ch;
	}
	buf[n] = '\0';
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int r = str_cmp(buf, list[mid]);

		if (r == 0)
			return true;
		if (r < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return false;
}

/* In caseless text only words that hardly ever follow an abbreviation
 * inside a sentence count (not "and", "in", "to"...). */
static const char *const strong_starters[] = {
	"according", "furthermore", "he", "however", "i", "it", "meanwhile",
	"moreover", "nevertheless", "she", "the", "there", "these", "they",
	"those", "we",
};

static bool is_starter(const struct ctx *c, size_t k)
{
	/* an abbreviation starts a sentence if it is a title (the U.S. Mr.
	 * Smith said); an initial does not (J. A. Smith) */
	if (c->t->flags[k] & TF_ABBREV)
		return c->t->abbr[k] == ABBR_TITLE &&
		       (c->caseless || (c->t->flags[k] & TF_UPPER)) &&
		       !(tlen(c, k) == 3 &&               /* the U.S. No. 2 */
		         (c->s[c->t->start[k]] | 32) == 'n' &&
		         (c->s[c->t->start[k] + 1] | 32) == 'o');
	if (c->caseless)
		return in_list(c, k, strong_starters,
		               sizeof strong_starters / sizeof *strong_starters);
	return in_list(c, k, starters, sizeof starters / sizeof *starters);
}

static bool is_after_time(const struct ctx *c, size_t k)
{
	return in_list(c, k, after_time, sizeof after_time / sizeof *after_time);
}

static bool lower_word(const struct ctx *c, size_t k)
{
	return c->t->flags[k] & TF_LOWER;
}

/* Punctuation that continues a sentence when it follows a terminator. */
static bool continuer(const struct ctx *c, size_t k)
{
	return (c->t->flags[k] & TF_CONT) ||
	       (c->t->kind[k] == TK_PUNCT && (c->t->flags[k] & TF_CLOSE));
}

/* Rule 2: a single line break before token k. */
static bool newline_break(const struct ctx *c, size_t k, size_t line_start,
                          size_t line_len, size_t next_start)
{
	size_t j = k - 1;

	if (c->wrapped) {
		size_t ga = c->t->end[j], gb = c->t->start[k];

		/* indented(): when the gap holds a line break, the next line
		 * starts at next_start and s[next_start..gb) is its indent
		 * (a tab counts 2) */
		if (next_start > ga ? gb - next_start >= 2 ||
		                      (gb - next_start == 1 &&
		                       c->s[next_start] == '\t')
		                    : indented(c->s, ga, gb))
			return true;
		if (lower_word(c, k) || continuer(c, k) ||
		    c->t->kind[k] == TK_NUMBER)
			return false;   /* a wrapped line goes on: "in November\n1985." */
		return line_len * 10 < c->width * 7 ||
		       caps_line(c, line_start, j);
	}
	if (tok_is1(c, j, ',') || tok_is1(c, j, ';') ||
	    (c->t->flags[j] & TF_OPEN) || tok_is1(c, j, '-'))
		return false;
	if (lower_word(c, k))
		return c->caseless;
	if (continuer(c, k) || (c->t->flags[k] & TF_CLOSE))
		return false;
	return true;
}

/* Whether the period token @t is a list marker: "1." or "a." as the first
 * token of a line (or of the text). */
static bool list_marker(const struct ctx *c, size_t t)
{
	size_t m = t - 1;

	if (t == 0 || c->t->end[m] != c->t->start[t] || tlen(c, m) > 3)
		return false;
	if (c->t->kind[m] != TK_NUMBER &&
	    !(c->t->kind[m] == TK_WORD && tlen(c, m) == 1))
		return false;
	if (m == 0 || c->t->gap[m] > 0)
		return true;            /* first on its line */
	/* inline: "three steps: 1. withdraw, 2. leave" */
	return (c->t->flags[m - 1] & TF_CONT) ||
	       ((c->t->flags[m - 1] & TF_OPEN) && c->t->kind[m - 1] == TK_PUNCT) ||
	       (c->t->kind[m] == TK_NUMBER && tlen(c, m) <= 2 &&
	        t + 1 < c->t->n && lower_word(c, t + 1) && !c->caseless);
}

/* A closing bracket or quote that belongs to the token before it: glued
 * to it, or (machine-translated text: 'teams. "') a closing quote after a
 * space that is the last token on its line. */
static bool glued_closer(const struct ctx *c, size_t k)
{
	const struct tok_list *t = c->t;

	if (k == 0)
		return false;
	/* emoji after the end of a sentence belong to it: "We won! 🎉" */
	if (t->kind[k] == TK_EMOJI && t->gap[k] == 0 &&
	    ((t->flags[k - 1] & (TF_TERM | TF_CLOSE)) ||
	     t->kind[k - 1] == TK_EMOJI))
		return true;
	if (!(t->flags[k] & TF_CLOSE))
		return false;
	if (t->start[k] == t->end[k - 1])
		return true;
	return t->kind[k] == TK_QUOTE && t->gap[k] == 0 &&
	       (k + 1 == t->n || t->gap[k + 1] > 0);
}

/* Rules 3 and 4: does the sentence end after token j (next is j + 1)? */
static bool ends_after(const struct ctx *c, size_t first, size_t j)
{
	const struct tok_list *t = c->t;
	size_t k = j + 1, m = j, last;
	bool quoted = false, ellipsis;

	if (!(t->flags[j] & (TF_TERM | TF_CLOSE | TF_ABBREV)) &&
	    t->kind[j] != TK_EMOJI)
		return false;   /* the common case: a word or a comma */
	/* closers glued to what precedes them stay in the sentence */
	if (glued_closer(c, k))
		return false;
	/* so do terminators after terminators (". ." "?!") on one line */
	if ((t->flags[k] & TF_TERM) && (t->flags[j] & (TF_TERM | TF_CLOSE)))
		return false;
	/* find the terminator under the closers */
	while (m > first && glued_closer(c, m)) {
		if (t->kind[m] == TK_QUOTE)
			quoted = true;
		m--;
	}
	last = m;
	while (m > first && (t->flags[m] & TF_TERM) &&
	       (t->flags[m - 1] & TF_TERM))
		m--;
	/* ". . ." spaced out is an ellipsis */
	ellipsis = !(t->flags[m] & TF_PERIOD) || last > m;
	if (t->flags[m] & TF_ABBREV) {
		switch ((enum abbr_class)t->abbr[m]) {
		case ABBR_TITLE:
			return false;
		case ABBR_INITIAL:
		case ABBR_PLAIN:
			return is_starter(c, k) || (m != j && !lower_word(c, k) &&
			                            !continuer(c, k));
		case ABBR_TERMINAL:
			if (continuer(c, k))
				return false;
			if (c->caseless)
				return is_starter(c, k);
			/* a capitalised word or an opening quote; not a
			 * bracket: "Apple Inc. (AAPL) said", "5 p.m. (2100 GMT)" */
			return ((t->flags[k] & TF_UPPER) ||
			        (t->kind[k] == TK_QUOTE && (t->flags[k] & TF_OPEN))) &&
			       !is_after_time(c, k);
		default:
			return false;
		}
	}
	if (!(t->flags[m] & TF_TERM))
		return false;
	if ((t->flags[m] & TF_PERIOD) && list_marker(c, m))
		return false;
	if (continuer(c, k))
		return false;
	if (lower_word(c, k)) {
		if (quoted)
			return false;
		if (!ellipsis)  /* a plain period */
			return true;
		if (!c->caseless)
			return false;   /* ! ? ... before lowercase */
		/* caseless text: ! and ? end sentences, ellipses only before
		 * a sentence-starting word */
		if ((t->flags[m] & TF_PERIOD) || tok_is(c, m, "...") ||
		    tok_is(c, m, "\xE2\x80\xA6"))
			return is_starter(c, k);
		return true;
	}
	return true;
}

/* Hard-wrapped text: no line longer than 100 bytes, and at least 40% of
 * the single line breaks (and two or more) follow a full line (70% of the
 * longest) that does not end a sentence. */
/* The first token at or after @k with a line break before it (t->n if
 * none); skips eight tokens a step, most have none. */
static ALWAYS_INLINE size_t next_break(const struct tok_list *t, size_t k)
{
#if defined(__SSE2__) && defined(__GNUC__)
	/* sixteen at a time where SSE2 is there: a Reuters line has ten to
	 * fifteen tokens, so the step after the first, whose test the
	 * processor missed about once a line, is seldom needed */
	while (k + 16 <= t->n) {
		__m128i g = _mm_loadu_si128((const __m128i *)(const void *)
		                            (t->gap + k));
		unsigned m = (unsigned)_mm_movemask_epi8(
			_mm_cmpeq_epi8(g, _mm_setzero_si128())) ^ 0xFFFFu;

		if (m)
			return k + (unsigned)__builtin_ctz(m);
		k += 16;
	}
#endif
	while (k + 8 <= t->n) {
		uint64_t w;

		memcpy(&w, t->gap + k, sizeof w);
		if (w) {
#if LANES_LE
			/* the lowest nonzero lane, without a loop whose exit
			 * the processor cannot predict */
			return k + ((size_t)__builtin_ctzll(w) >> 3);
#else
			break;
#endif
		}
		k += 8;
	}
	while (k < t->n && !t->gap[k])
		k++;
	return k;
}

static void detect_wrapping(struct ctx *c)
{
	const struct tok_list *t = c->t;
	size_t singles = 0, wraps = 0, width = 0, r = 0;
	struct lines l = { 0 };
	/* full[n]: single line breaks after a line of n bytes that does not
	 * end a sentence. The width (the longest line) is known only at the
	 * end; lines longer than 100 bytes mean no wrapping anyway. */
	uint32_t full[101] = { 0 };

	for (size_t k = next_break(t, 1); k < t->n; k = next_break(t, k + 1)) {
		size_t ga = t->end[k - 1], gb = t->start[k], len = 0;
		bool lf = gap_line(&l, c->s, ga, gb, &len);

		if (c->recs)
			c->recs[r++] = (struct gap_rec){ (uint32_t)len,
			                                 (uint32_t)l.start, lf };
		if (!lf)
			continue;
		if (len > 100)
			return;         /* no wrapping: width > 100 below */
		if (len > width)
			width = len;
		if (t->gap[k] == 1) {
			singles++;
			if (len <= 100 && !(t->flags[k - 1] & (TF_TERM | TF_CLOSE)))
				full[len]++;
		}
	}
	if (width < 40 || width > 100 || singles < 2)
		return;
	/* the lines of at least 70% of the width: n * 10 >= width * 7 */
	for (size_t n = (width * 7 + 9) / 10; n <= width; n++)
		wraps += full[n];
	c->width = width;
	c->wrapped = wraps >= 2 && wraps * 10 >= singles * 4;
}

/* How many of the @n flags have TF_UPPER, and TF_LOWER, eight at a time. */
static void count_case(const uint8_t *f, size_t n, size_t *upper,
                       size_t *lower)
{
	const uint64_t ones = 0x0101010101010101ull;
	size_t i = 0, up = 0, lo = 0;

#if defined(__SSE2__) && defined(__GNUC__)
	/* sixteen at a time where SSE2 is there: the sums of absolute
	 * differences from zero add the lanes' 0/1 (and 0/2) up in two
	 * 64-bit halves */
	{
		const __m128i zero = _mm_setzero_si128();
		__m128i su = zero, sl = zero;

		for (; i + 16 <= n; i += 16) {
			__m128i x = _mm_loadu_si128((const __m128i *)(const void *)
			                            (f + i));

			su = _mm_add_epi64(su, _mm_sad_epu8(_mm_and_si128(x,
				_mm_set1_epi8(TF_UPPER)), zero));
			sl = _mm_add_epi64(sl, _mm_sad_epu8(_mm_and_si128(x,
				_mm_set1_epi8(TF_LOWER)), zero));
		}
		su = _mm_add_epi64(su, _mm_unpackhi_epi64(su, su));
		sl = _mm_add_epi64(sl, _mm_unpackhi_epi64(sl, sl));
		up = (size_t)_mm_cvtsi128_si64(su);
		lo = (size_t)_mm_cvtsi128_si64(sl) / TF_LOWER;
	}
#endif
	for (; i + 8 <= n; i += 8) {
		uint64_t w;

		memcpy(&w, f + i, sizeof w);
		/* one 0/1 per byte lane; the product sums them in the top lane */
		up += ((w & ones) * ones) >> 56;                /* TF_UPPER */
		lo += (((w >> 1) & ones) * ones) >> 56;         /* TF_LOWER */
	}
	for (; i < n; i++) {
		up += (f[i] & TF_UPPER) != 0;
		lo += (f[i] & TF_LOWER) != 0;
	}
	*upper = up;
	*lower = lo;
}

_Static_assert(TF_UPPER == 1 && TF_LOWER == 2, "count_case() needs them");

/* The first token j >= @j, j < @n - 1, after which a sentence may end:
 * one with a line break after it, or a terminator, closer, abbreviation
 * or emoji (ends_after() returns false at once for all others); @n - 1 if
 * there is none. Skips eight tokens a step: most are plain words. */
static size_t next_candidate(const struct tok_list *t, size_t j, size_t n)
{
	const uint64_t ones = 0x0101010101010101ull, highs = ones * 0x80;
	const uint64_t mask = ones * (TF_TERM | TF_CLOSE | TF_ABBREV);

#if defined(__SSE2__) && defined(__GNUC__)
	/* sixteen at a time where SSE2 is there (lanes as below, a set bit
	 * for a token that is no candidate): fewer steps after the first,
	 * whose test the processor misses */
	while (j + 17 <= n) {
		const __m128i zero = _mm_setzero_si128();
		__m128i g = _mm_loadu_si128((const __m128i *)(const void *)
		                            (t->gap + j + 1));
		__m128i f = _mm_loadu_si128((const __m128i *)(const void *)
		                            (t->flags + j));
		__m128i k = _mm_loadu_si128((const __m128i *)(const void *)
		                            (t->kind + j));
		__m128i none = _mm_and_si128(
			_mm_cmpeq_epi8(g, zero),
			_mm_cmpeq_epi8(_mm_and_si128(f, _mm_set1_epi8(
				(char)(TF_TERM | TF_CLOSE | TF_ABBREV))), zero));
		unsigned m;

		none = _mm_andnot_si128(
			_mm_cmpeq_epi8(k, _mm_set1_epi8((char)TK_EMOJI)), none);
		m = (unsigned)_mm_movemask_epi8(none) ^ 0xFFFFu;
		if (m)
			return j + (unsigned)__builtin_ctz(m);
		j += 16;
	}
#endif
	while (j + 9 <= n) {
		uint64_t g, f, k, emoji;

		memcpy(&g, t->gap + j + 1, sizeof g);
		memcpy(&f, t->flags + j, sizeof f);
		memcpy(&k, t->kind + j, sizeof k);
		k ^= ones * TK_EMOJI;
		/* a zero lane (kind == TK_EMOJI), exactly: lanes are < 0x80 */
		emoji = ~(k + ~highs) & highs;
		g |= (f & mask) | emoji;
		if (g) {
#if LANES_LE
			/* lane l stands for token j + l: the lowest nonzero */
			return j + ((size_t)__builtin_ctzll(g) >> 3);
#else
			break;
#endif
		}
		j += 8;
	}
	while (j + 1 < n && !t->gap[j + 1] &&
	       !(t->flags[j] & (TF_TERM | TF_CLOSE | TF_ABBREV)) &&
	       t->kind[j] != TK_EMOJI)
		j++;
	return j;
}

int news_sentences(const struct news_opts *o, const char *s, size_t len,
                   const struct tok_list *toks, struct span_list *out)
{
	struct ctx c = { .o = o, .s = s, .t = toks };
	struct lines lines = { 0 };
	size_t n = toks->n, first = 0, upper = 0, lower = 0, r = 0;
	struct gap_rec recs[GAP_RECS];

	(void)len;
	if (n == 0)
		return 0;
	count_case(toks->flags, n, &upper, &lower);
	c.caseless = lower >= 20 && upper * 50 < upper + lower;
	if (o->newline_breaks) {
		/* fewer gaps with a line break than tokens */
		c.recs = n <= GAP_RECS ? recs : NULL;
		detect_wrapping(&c);
	}
	for (size_t k = 1; k < n; k++) {
		int nl;
		bool brk = false;

		/* tokens with no line break before them after a token that
		 * ends no sentence: nothing to decide */
		k = next_candidate(toks, k - 1, n) + 1;
		if (k >= n)
			break;
		nl = toks->gap[k];

		if (nl) {
			size_t line_start = 0, line_len = 0, next_start = 0;

			/* newline_break() looks at the lines (their starts
			 * and lengths) only in hard-wrapped text: they are
			 * followed only there (detect_wrapping() stops
			 * recording them once it sees a line too long) */
			if (c.wrapped) {
				size_t ga = toks->end[k - 1];
				/* a gap with a line break starts the next
				 * line inside it; detect_wrapping() has seen
				 * the same gaps */
				bool lf;

				line_start = lines.start;
				if (c.recs) {
					lf = c.recs[r].lf;
					line_len = lf ? c.recs[r].len : 0;
					lines.start = c.recs[r++].next;
				} else {
					lf = gap_line(&lines, s, ga,
					              toks->start[k], &line_len);
				}
				next_start = lf ? lines.start : ga;
			}
			brk = nl >= 2 || (o->newline_breaks &&
			                  newline_break(&c, k, line_start, line_len,
			                                next_start));
		}
		if (!brk)
			brk = ends_after(&c, first, k - 1);
		if (brk) {
			if (span_push(out, toks->start[first], toks->end[k - 1]) < 0)
				return -1;
			first = k;
		}
	}
	return span_push(out, toks->start[first], toks->end[n - 1]);
}
