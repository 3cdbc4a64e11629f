/*
 * words.c - the word pass: masked tokens here; translation fragments
 * (fragments.c) and spacing (spacing.c).
 *
 * One left-to-right scan: a byte table marks the bytes where a rule can
 * start (space, newline, '.', ',', ';', '?', '*', '-', 0xE2 for curly
 * quotes) and the loop skips the rest ("ReutersThe" is found with
 * memmem). Every rule looks at a few bytes around its position and adds
 * its edit to the batch, which sorts them and keeps the first of
 * overlapping edits.
 */
#include <stdint.h>

#include "words.h"

enum { T_SPACE = 1, T_NL, T_DOT, T_COMMA, T_SEMI, T_QUEST, T_STAR, T_DASH,
       T_E2, T_OTHER };

/* Every byte that is not an ASCII letter stops the scan: the rule
 * triggers, and T_OTHER, which only records where the current run of
 * letters starts (so the repeated-word rule need not walk back over the
 * word before each space). */
static const unsigned char trigger[256] = {
	T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER,
	T_OTHER, T_OTHER, T_NL, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER,
	T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER,
	T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER,
	T_SPACE, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER,
	T_OTHER, T_OTHER, T_STAR, T_OTHER, T_COMMA, T_DASH, T_DOT, T_OTHER,
	T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER,
	T_OTHER, T_OTHER, T_OTHER, T_SEMI, T_OTHER, T_OTHER, T_OTHER, T_QUEST,
	T_OTHER, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER,
	T_OTHER, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER,
	T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER,
	T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER,
	T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER,
	T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER,
	T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER,
	T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER,
	T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER,
	T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER,
	T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER,
	T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER,
	T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER,
	T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER,
	T_OTHER, T_OTHER, T_E2, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER,
	T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER,
	T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER,
	T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER, T_OTHER,
};

/* ---------------------------------------------------------------------
 * masks: "Iraq**" -> "Iraq"
 * ------------------------------------------------------------------ */

/* Whether a "**" that opens markup ("**bold") occurs on the line before
 * position @i. */
static bool open_markup_before(const struct scan *sc, size_t i, size_t run)
{
	size_t ls = i;
	while (ls > 0 && sc->u[ls - 1] != '\n')
		ls--;
	for (size_t k = ls; k + run <= i; k++) {
		if (sc->u[k] != '*')
			continue;
		size_t e = k;
		while (e < i && sc->u[e] == '*')
			e++;
		bool left_ok = k == ls || !is_alnum(sc->u[k - 1]);
		if (e - k == run && left_ok && e < sc->len && is_alnum(sc->u[e]))
			return true;
		k = e;
	}
	return false;
}

static int rule_stars(struct scan *sc, size_t i, size_t *next)
{
	size_t e = i;
	while (e < sc->len && sc->u[e] == '*')
		e++;
	*next = e;
	size_t run = e - i;
	bool glued_left = i > 0 && is_alnum(sc->u[i - 1]);
	bool word_right = e < sc->len && is_alnum(sc->u[e]);
	if (!glued_left || word_right)
		return 0;
	bool markup = open_markup_before(sc, i, run);
	if (run >= 2 && !markup && sc->o->masks)
		return batch_add(sc->b, i, e, "", 0, "masks.asterisk");
	if (!sc->o->masks_markup)
		return 0;
	if (markup) {
		/* remove the closing run here and the opening one */
		size_t ls = i;
		while (ls > 0 && sc->u[ls - 1] != '\n')
			ls--;
		for (size_t k = ls; k + run <= i; k++) {
			size_t m = k;
			while (m < i && sc->u[m] == '*')
				m++;
			if (m - k == run && (k == ls || !is_alnum(sc->u[k - 1])) &&
			    m < sc->len && is_alnum(sc->u[m])) {
				int r = batch_add(sc->b, k, m, "", 0,
				                  "masks.markup");
				if (r)
					return r;
				return batch_add(sc->b, i, e, "", 0,
				                 "masks.markup");
			}
			if (m > k)
				k = m - 1;
		}
		return 0;
	}
	if (run == 1)
		return batch_add(sc->b, i, e, "", 0, "masks.footnote");
	return 0;
}

/* What the bytes around a space can start: the byte after it is
 * punctuation or another space (spacing.before_punct) or the lead byte of
 * a curly quote (spacing.inside_quotes); the byte before it ends a
 * sentence (fragments at a sentence start). */
enum { SN_PUNCT = 1, SN_E2 = 2, SP_STOP = 4 };
static const unsigned char space_ctx[256] = {
	[','] = SN_PUNCT, [';'] = SN_PUNCT, [':'] = SN_PUNCT,
	['!'] = SN_PUNCT | SP_STOP, ['?'] = SN_PUNCT | SP_STOP,
	['.'] = SN_PUNCT | SP_STOP, [' '] = SN_PUNCT, [0xE2] = SN_E2,
	['"'] = SP_STOP, [0x9D] = SP_STOP, [0x99] = SP_STOP,
};

/* @ws: where the run of letters before @i starts, or SIZE_MAX when the
 * scan does not know. */
static int on_space(struct scan *sc, size_t i, size_t ws)
{
	int r = 0;
	if (i == 0)
		return 0;
	/* i < len, and u[len] is the closing NUL: byte(sc, i + 1) */
	unsigned char prev = sc->u[i - 1], next = sc->u[i + 1];
	if (is_lower(prev) && is_lower(next)) {
		if (!sc->o->fragments)
			return 0;
		if (ws == SIZE_MAX)
			return rule_repeat(sc, i);
		size_t n = i - ws;
		/* same first and last letters before the full compare */
		if (n >= 3 && i + 1 + n <= sc->len && sc->u[ws] == next &&
		    sc->u[i + n] == prev)
			return rule_repeat_at(sc, i, ws);
		return 0;       /* between two words: nothing else applies */
	}
	unsigned cn = space_ctx[next], cp = space_ctx[prev];
	if (!(cn | cp))
		return 0;
	if (sc->o->spacing && prev != ' ') {
		/* next is the punctuation or the first of more spaces */
		/* the rule needs a word, ')', ']' or '%' before the space
		 * (not a line break before an indented line) */
		if ((cn & SN_PUNCT) &&
		    (is_alnum(prev) || prev == ')' || prev == ']' ||
		     prev == '%') &&
		    (r = rule_space_before_punct(sc, i)))
			return r;
		if ((cn & SN_E2) && (r = rule_space_in_quotes_close(sc, i)))
			return r;
	}
	if (!sc->o->fragments || !(cp & SP_STOP))
		return 0;       /* a space inside a sentence */
	enum prev_kind pk;
	bool plw = false;
	if (sentence_before(sc, i, &pk, &plw))
		r = rule_sentence_start(sc, i + 1, pk, plw, false);
	return r;
}

/* A line start is a sentence start after a blank line or a line that
 * ends a sentence; in hard-wrapped text (Reuters) most lines continue the
 * sentence of the line before and are left alone. */
static int on_line_start(struct scan *sc, size_t st)
{
	/* every rule at a sentence start needs a letter there */
	if (st >= sc->len || !is_alpha(sc->u[st]))
		return 0;
	size_t p = st - 1;      /* the '\n' */
	while (p > 0 && (sc->u[p - 1] == ' ' || sc->u[p - 1] == '\r' ||
	                 sc->u[p - 1] == '\t'))
		p--;
	if (p == 0 || sc->u[p - 1] == '\n')
		return rule_sentence_start(sc, st, PREV_LINE, true, true);
	if (!(space_ctx[sc->u[p - 1]] & SP_STOP))
		return 0;       /* no sentence ends there: a wrapped line */
	enum prev_kind pk;
	bool plw = false;
	if (!sentence_before(sc, p, &pk, &plw))
		return 0;
	return rule_sentence_start(sc, st, pk, plw, true);
}

#ifdef __SSE2__
/* Bit k set when byte k of the sixteen at @p is not an ASCII letter. */
static inline unsigned nonletters16(const unsigned char *p)
{
	__m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i t = _mm_sub_epi8(_mm_or_si128(x, _mm_set1_epi8(0x20)),
	                         _mm_set1_epi8('a'));
	__m128i letter = _mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8(25)), t);
	return ~(unsigned)_mm_movemask_epi8(letter) & 0xFFFFu;
}
#endif

/* --------------------------------------------------------------------- */

int pass_words(const struct cleaner_opts *o, struct batch *b)
{
	if (!o->masks && !o->masks_markup && !o->fragments && !o->spacing)
		return 0;
	struct scan sc = {.o = o, .b = b};
	sc.s = dp_doc_text(b->doc, &sc.len);
	sc.u = (const unsigned char *)sc.s;
	/* a text with no capital letter near its start was lowercased
	 * whole: case tells nothing about sentence starts there */
	sc.lowercased = true;
	for (size_t k = 0; k < sc.len && k < 4096; k++) {
		if (is_upper(sc.u[k])) {
			sc.lowercased = false;
			break;
		}
	}
	int r = 0;
	if (o->fragments)
		r = rule_sentence_start(&sc, 0, PREV_LINE, true, true);
	if (!r && o->spacing)
		r = rule_source_camel(&sc);
	size_t i = 0;
	size_t ws = 0;  /* start of the current run of letters */
#ifdef __SSE2__
	/* the non-letters of the sixteen bytes from @base that are still to
	 * be visited, one bit each: the scan goes from one to the next
	 * with ctz, and computes a mask once per sixteen bytes */
	size_t base = 0;
	unsigned m = sc.len >= 16 ? nonletters16(sc.u) : 0;
#endif
	while (!r) {
		unsigned t;
#ifdef __SSE2__
		if (base + 16 <= sc.len) {
			while (!m) {
				base += 16;
				if (base + 16 > sc.len)
					break;
				m = nonletters16(sc.u + base);
			}
			if (m) {
				i = base + (size_t)__builtin_ctz(m);
				m &= m - 1;
				t = trigger[sc.u[i]];
				goto found;
			}
			i = base;       /* the last bytes, one at a time */
		}
#endif
		if (i >= sc.len)
			break;
		/* no bound check: the text ends in a NUL (dp_doc_text()),
		 * which is not a letter */
		while (!(t = trigger[sc.u[i]]))
			i++;
		if (i >= sc.len)
			break;
#ifdef __SSE2__
found:;
#endif
		size_t next = i + 1, next_ws;
		if (t == T_SPACE) {     /* most triggers: no jump table */
			r = on_space(&sc, i, ws);
			ws = i = next;
			continue;       /* the mask stays in step */
		}
		next_ws = 0;
		switch (t) {
		case T_NL:
			if (o->fragments)
				r = on_line_start(&sc, i + 1);
			break;
		case T_DOT:
		case T_QUEST:
			if (o->spacing)
				r = rule_after_stop(&sc, i);
			if (!r && t == T_DOT && o->fragments)
				r = rule_double_punct(&sc, i);
			break;
		case T_COMMA:
		case T_SEMI:
			if (o->fragments)
				r = rule_double_punct(&sc, i);
			break;
		case T_STAR:
			r = rule_stars(&sc, i, &next);
			break;
		case T_DASH:
			if (o->spacing)
				r = rule_source_particle(&sc, i);
			break;
		case T_E2:
			if (o->spacing && at(&sc, i, "\xE2\x80\x9C"))
				r = rule_space_in_quotes_open(&sc, i);
			next = i + 3 <= sc.len ? i + 3 : sc.len;
			/* the bytes skipped are not letters in valid UTF-8 */
			if ((next > i + 1 && sc.u[i + 1] < 0x80) ||
			    (next > i + 2 && sc.u[i + 2] < 0x80))
				next_ws = SIZE_MAX;
			break;
		default:
			break;
		}
#ifdef __SSE2__
		/* a rule that skipped bytes: drop their bits, or start a new
		 * mask past them */
		if (next > i + 1 && base + 16 <= sc.len) {
			if (next >= base + 16) {
				base = next;
				m = base + 16 <= sc.len ?
				    nonletters16(sc.u + base) : 0;
			} else {
				m &= ~0u << (next - base);
			}
		}
#endif
		i = next;
		ws = next_ws == SIZE_MAX ? SIZE_MAX : next;
	}
	return r ? r : b->err;
}
