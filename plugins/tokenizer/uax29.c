/*
 * uax29.c - the `uax29` mode: Unicode word and sentence segmentation
 * (Unicode Standard Annex #29, Unicode 15.0), checked against
 * WordBreakTest.txt and SentenceBreakTest.txt.
 *
 * Both algorithms run in one pass over the code points, keeping the few
 * properties behind the current position that the rules look at (the two
 * previous non-ignored characters, a run of regional indicators, the
 * terminator context of a sentence) and scanning ahead only where a rule
 * looks ahead (WB6, WB7b, WB12, SB8).
 */
#include "tokenize.h"
#include "ucd.h"

/* The properties of the code point at s[*i], advancing *i; ASCII is
 * decoded inline. */
static inline uint32_t next_rec(const char *s, size_t len, size_t *i)
{
	unsigned char c = (unsigned char)s[*i];

	if (c < 0x80) {
		(*i)++;
		return ucd_rec(c);
	}
	return ucd_rec(tok_decode(s, len, i));
}

/* ---- words ------------------------------------------------------------ */

static bool wb_ignorable(enum wb p)
{
	return p == WB_EXTEND || p == WB_FORMAT || p == WB_ZWJ;
}

static bool ahletter(enum wb p)
{
	return p == WB_ALETTER || p == WB_HEBREW;
}

static bool midnumletq(enum wb p)
{
	return p == WB_MIDNUMLET || p == WB_SQUOTE;
}

/* Word_Break of the first character at or after @i that WB4 does not
 * skip, or WB_OTHER at the end (rules that need it then fail). */
static enum wb wb_next(const char *s, size_t len, size_t i)
{
	while (i < len) {
		enum wb p = rec_wb(next_rec(s, len, &i));

		if (!wb_ignorable(p))
			return p;
	}
	return WB_OTHER;
}

struct wb_state {
	enum wb raw;      /* the previous code point's property */
	enum wb l1, l2;   /* the two previous characters WB4 does not skip */
	unsigned ri;      /* regional indicators in a row ending at l1 */
	bool start;
};

/* Whether there is a word boundary before the character at @i with
 * property @c (record @r); @next is the position after it. */
static bool wb_break(const struct wb_state *st, enum wb c, uint32_t r,
                     const char *s, size_t len, size_t next)
{
	enum wb l1 = st->l1, l2 = st->l2, n;

	if (st->raw == WB_CR && c == WB_LF)
		return false;                                   /* WB3 */
	if (st->raw == WB_NEWLINE || st->raw == WB_CR || st->raw == WB_LF)
		return true;                                    /* WB3a */
	if (c == WB_NEWLINE || c == WB_CR || c == WB_LF)
		return true;                                    /* WB3b */
	if (st->raw == WB_ZWJ && rec_extpict(r))
		return false;                                   /* WB3c */
	if (st->raw == WB_WSEGSPACE && c == WB_WSEGSPACE)
		return false;                                   /* WB3d */
	if (wb_ignorable(c))
		return false;                                   /* WB4 */
	if (ahletter(l1) && ahletter(c))
		return false;                                   /* WB5 */
	if (ahletter(l1) && (c == WB_MIDLETTER || midnumletq(c)) &&
	    ahletter(wb_next(s, len, next)))
		return false;                                   /* WB6 */
	if (ahletter(l2) && (l1 == WB_MIDLETTER || midnumletq(l1)) &&
	    ahletter(c))
		return false;                                   /* WB7 */
	if (l1 == WB_HEBREW && c == WB_SQUOTE)
		return false;                                   /* WB7a */
	if (l1 == WB_HEBREW && c == WB_DQUOTE &&
	    wb_next(s, len, next) == WB_HEBREW)
		return false;                                   /* WB7b */
	if (l2 == WB_HEBREW && l1 == WB_DQUOTE && c == WB_HEBREW)
		return false;                                   /* WB7c */
	if (l1 == WB_NUMERIC && c == WB_NUMERIC)
		return false;                                   /* WB8 */
	if (ahletter(l1) && c == WB_NUMERIC)
		return false;                                   /* WB9 */
	if (l1 == WB_NUMERIC && ahletter(c))
		return false;                                   /* WB10 */
	if (l2 == WB_NUMERIC && (l1 == WB_MIDNUM || midnumletq(l1)) &&
	    c == WB_NUMERIC)
		return false;                                   /* WB11 */
	if (l1 == WB_NUMERIC && (c == WB_MIDNUM || midnumletq(c))) {
		n = wb_next(s, len, next);
		if (n == WB_NUMERIC)
			return false;                           /* WB12 */
	}
	if (l1 == WB_KATAKANA && c == WB_KATAKANA)
		return false;                                   /* WB13 */
	if ((ahletter(l1) || l1 == WB_NUMERIC || l1 == WB_KATAKANA ||
	     l1 == WB_EXTENDNUMLET) && c == WB_EXTENDNUMLET)
		return false;                                   /* WB13a */
	if (l1 == WB_EXTENDNUMLET && (ahletter(c) || c == WB_NUMERIC ||
	                              c == WB_KATAKANA))
		return false;                                   /* WB13b */
	if (l1 == WB_RI && c == WB_RI && (st->ri & 1))
		return false;                                   /* WB15, 16 */
	return true;                                            /* WB999 */
}

static void wb_advance(struct wb_state *st, enum wb c)
{
	bool attached = !st->start && st->raw != WB_NEWLINE &&
	                st->raw != WB_CR && st->raw != WB_LF;

	if (!(wb_ignorable(c) && attached)) {
		st->l2 = st->l1;
		st->l1 = c;
		st->ri = c == WB_RI ? st->ri + 1 : 0;
	}
	st->raw = c;
	st->start = false;
}

static void word_boundaries(const char *s, size_t len,
                            void (*cb)(void *, size_t), void *ctx)
{
	struct wb_state st = { .raw = WB_OTHER, .l1 = WB_OTHER,
	                       .l2 = WB_OTHER, .start = true };
	size_t i = 0;

	while (i < len) {
		size_t at = i;
		uint32_t r = next_rec(s, len, &i);
		enum wb c = rec_wb(r);

		if (!st.start && wb_break(&st, c, r, s, len, i))
			cb(ctx, at);
		wb_advance(&st, c);
	}
	if (len)
		cb(ctx, len);
}

/* ---- sentences ------------------------------------------------------------ */

static bool parasep(enum sb p)
{
	return p == SB_SEP || p == SB_CR || p == SB_LF;
}

enum term { T_NONE, T_ATERM, T_STERM };

struct sb_state {
	enum sb raw;        /* the previous code point's property */
	enum sb l1;         /* the previous character SB5 does not skip */
	enum sb before_aterm;
	enum term term;     /* SATerm Close* Sp* ParaSep? context */
	int phase;          /* 0: Close*, 1: Sp*, 2: after ParaSep */
	bool start;
	size_t sb8_stop;    /* SB8 look-ahead: where it stopped ... */
	bool sb8_lower;     /* ... and its answer, valid up to sb8_stop */
	bool sb8_known;
};

/* SB8: after ATerm Close* Sp*, skip characters that are none of OLetter,
 * Upper, Lower, ParaSep, SATerm (nor Extend/Format, SB5); no break if the
 * first such character is Lower. */
static bool sb8_scan(const char *s, size_t len, size_t i, size_t *stop)
{
	while (i < len) {
		size_t at = i;
		enum sb p = rec_sb(next_rec(s, len, &i));

		*stop = at;
		if (p == SB_LOWER)
			return true;
		if (p == SB_OLETTER || p == SB_UPPER || parasep(p) ||
		    p == SB_ATERM || p == SB_STERM)
			return false;
	}
	*stop = len;
	return false;
}

/* The look-ahead answers the same for every position up to where it
 * stopped, so a long run of closers or digits after a period is scanned
 * once, not once per position. */
static bool sb8_lower_ahead(struct sb_state *st, const char *s, size_t len,
                            size_t i)
{
	if (!st->sb8_known || i > st->sb8_stop) {
		st->sb8_lower = sb8_scan(s, len, i, &st->sb8_stop);
		st->sb8_known = true;
	}
	return st->sb8_lower;
}

static bool sb_break(struct sb_state *st, enum sb c, const char *s,
                     size_t len, size_t at)
{
	if (st->raw == SB_CR && c == SB_LF)
		return false;                                   /* SB3 */
	if (parasep(st->raw))
		return true;                                    /* SB4 */
	if (c == SB_EXTEND || c == SB_FORMAT)
		return false;                                   /* SB5 */
	if (st->term == T_ATERM && st->l1 == SB_ATERM && c == SB_NUMERIC)
		return false;                                   /* SB6 */
	if (st->term == T_ATERM && st->l1 == SB_ATERM && c == SB_UPPER &&
	    (st->before_aterm == SB_UPPER || st->before_aterm == SB_LOWER))
		return false;                                   /* SB7 */
	if (st->term == T_ATERM && st->phase < 2 &&
	    sb8_lower_ahead(st, s, len, at))
		return false;                                   /* SB8 */
	if (st->term != T_NONE && st->phase < 2 &&
	    (c == SB_SCONTINUE || c == SB_ATERM || c == SB_STERM))
		return false;                                   /* SB8a */
	if (st->term != T_NONE && st->phase == 0 &&
	    (c == SB_CLOSE || c == SB_SP || parasep(c)))
		return false;                                   /* SB9 */
	if (st->term != T_NONE && st->phase < 2 && (c == SB_SP || parasep(c)))
		return false;                                   /* SB10 */
	if (st->term != T_NONE)
		return true;                                    /* SB11 */
	return false;                                           /* SB998 */
}

static void sb_advance(struct sb_state *st, enum sb c)
{
	bool attached = !st->start && !parasep(st->raw);

	st->start = false;
	if ((c == SB_EXTEND || c == SB_FORMAT) && attached) {
		st->raw = c;
		return;
	}
	if (c == SB_ATERM) {
		st->before_aterm = st->l1;
		st->term = T_ATERM;
		st->phase = 0;
	} else if (c == SB_STERM) {
		st->term = T_STERM;
		st->phase = 0;
	} else if (st->term != T_NONE && st->phase == 0 && c == SB_CLOSE) {
		/* still Close* */
	} else if (st->term != T_NONE && st->phase < 2 && c == SB_SP) {
		st->phase = 1;
	} else if (st->term != T_NONE && st->phase < 2 && parasep(c)) {
		st->phase = 2;
	} else {
		st->term = T_NONE;
	}
	st->l1 = c;
	st->raw = c;
}

static void sentence_boundaries(const char *s, size_t len,
                                void (*cb)(void *, size_t), void *ctx)
{
	struct sb_state st = { .raw = SB_OTHER, .l1 = SB_OTHER,
	                       .before_aterm = SB_OTHER, .start = true };
	size_t i = 0;

	while (i < len) {
		size_t at = i;
		enum sb c = rec_sb(next_rec(s, len, &i));

		if (!st.start && sb_break(&st, c, s, len, at))
			cb(ctx, at);
		sb_advance(&st, c);
	}
	if (len)
		cb(ctx, len);
}

static void grapheme_boundaries(const char *s, size_t len,
                                void (*cb)(void *, size_t), void *ctx)
{
	for (size_t i = 0; i < len;) {
		i = grapheme_end(s, len, i);
		cb(ctx, i);
	}
}

int uax29_boundaries(const char *s, size_t len, int which,
                     void (*cb)(void *ctx, size_t off), void *ctx)
{
	switch (which) {
	case UAX29_WORD:
		word_boundaries(s, len, cb, ctx);
		return 0;
	case UAX29_SENTENCE:
		sentence_boundaries(s, len, cb, ctx);
		return 0;
	case UAX29_GRAPHEME:
		grapheme_boundaries(s, len, cb, ctx);
		return 0;
	default:
		return -1;
	}
}

/* ---- layers ------------------------------------------------------------- */

struct collect {
	const char *s;
	size_t prev;
	int err;
	struct tok_list *toks;
	struct span_list *sents;
};

/* The kind of a word segment from its first letter, digit, punctuation or
 * symbol; -1 if it has none. */
static int segment_kind(const char *s, size_t a, size_t b)
{
	for (size_t i = a; i < b;) {
		uint32_t r = next_rec(s, b, &i);

		if (rec_extpict(r) || rec_gcb(r) == GCB_RI)
			return rec_cls(r) == CLS_SYMBOL || rec_cls(r) == CLS_OTHER
			       ? TK_EMOJI : TK_SYMBOL;
		switch (rec_cls(r)) {
		case CLS_LETTER:
			return TK_WORD;
		case CLS_DIGIT:
		case CLS_NUMBER:
			return rec_wb(r) == WB_NUMERIC || rec_cls(r) == CLS_NUMBER
			       ? TK_NUMBER : TK_WORD;
		case CLS_PUNCT:
			return TK_PUNCT;
		case CLS_SYMBOL:
			return TK_SYMBOL;
		default:
			break;
		}
	}
	return -1;
}

static bool space_at(const char *s, size_t len, size_t i, size_t *next)
{
	size_t j = i;
	uint32_t r = next_rec(s, len, &j);

	*next = j;
	return rec_cls(r) == CLS_SPACE;
}

/* Trims white space from both ends of s[*a..*b). */
static void trim_space(const char *s, size_t *a, size_t *b)
{
	size_t n;

	while (*a < *b && space_at(s, *b, *a, &n))
		*a = n;
	while (*b > *a) {
		size_t k = *b - 1;

		while (k > *a && ((unsigned char)s[k] & 0xC0) == 0x80)
			k--;
		if (!space_at(s, *b, k, &n))
			break;
		*b = k;
	}
}

/* A word segment becomes a token, trimmed of white space: a segment may
 * start with a no-break space that an emoji modifier or a combining mark
 * extends. */
static void on_word(void *ctx, size_t off)
{
	struct collect *c = ctx;
	size_t a = c->prev, b = off;
	int kind;

	c->prev = off;
	if ((unsigned char)c->s[a] >= 0x80 || b - a > 1)
		trim_space(c->s, &a, &b);
	kind = a < b ? segment_kind(c->s, a, b) : -1;
	if (kind >= 0 && !c->err &&
	    tok_push(c->toks, a, b, kind, 0, ABBR_NONE, 0) < 0)
		c->err = -1;
}

int uax29_tokenize(const char *s, size_t len, struct tok_list *out)
{
	struct collect c = { .s = s, .toks = out };

	word_boundaries(s, len, on_word, &c);
	return c.err;
}

static void on_sentence(void *ctx, size_t off)
{
	struct collect *c = ctx;
	size_t a = c->prev, b = off;

	c->prev = off;
	trim_space(c->s, &a, &b);
	if (a < b && !c->err && span_push(c->sents, a, b) < 0)
		c->err = -1;
}

int uax29_sentences(const char *s, size_t len, struct span_list *out)
{
	struct collect c = { .s = s, .sents = out };

	sentence_boundaries(s, len, on_sentence, &c);
	return c.err;
}

void uax29_join_sentences(struct span_list *sents, const struct tok_list *toks)
{
	size_t out = 0, k = 0;

	for (size_t i = 0; i < sents->n; i++) {
		uint32_t a = sents->start[i], b = sents->end[i];

		/* the first token that ends after this sentence starts */
		while (k < toks->n && toks->end[k] <= a)
			k++;
		if (out > 0 && k < toks->n && toks->start[k] < a) {
			sents->end[out - 1] = b;        /* a token straddles */
			continue;
		}
		sents->start[out] = a;
		sents->end[out] = b;
		out++;
	}
	sents->n = out;
}
