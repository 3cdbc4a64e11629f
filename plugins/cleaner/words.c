/*
 * words.c - the word pass: masked tokens here; translation fragments
 * (fragments.c) and spacing (spacing.c).
 *
 * One left-to-right scan (scan_words()): byte class masks of 64 bytes at
 * a time (blockmask.h) give the few positions where a rule can start (a
 * space between two lower-case letters, punctuation, a space next to
 * punctuation, a line break, '*', '-', 0xE2 for curly quotes), and the
 * scan visits only those (and "ReutersThe": a capital between two
 * lower-case letters). Every rule
 * looks at a few bytes around its position and adds its edit to the
 * batch, which sorts them and keeps the first of overlapping edits.
 */
#include <stdint.h>

#include "blockmask.h"
#include "words.h"

enum { T_SPACE = 1, T_NL, T_DOT, T_COMMA, T_SEMI, T_QUEST, T_STAR, T_DASH,
       T_E2, T_OTHER };

/* What a byte that is not a letter starts (visit()); T_OTHER: nothing. */
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

/* Whether rule_sentence_start() can edit at @st: every fragment it
 * removes ends in a '.' right after its first word ("Ta.", "CNN.",
 * "explained."), after its second ("He said.", "explained that.") or
 * after " that" following the second ("He said that."). Most sentences
 * go on with a third word: then neither sentence_before() nor the rule
 * needs to run. */
/* letters_end() from the block masks: the first byte at or after @i
 * (<= len) that is not an ASCII letter. The NUL padding of the last
 * block and the all-zero block after it are not letters: the answer is
 * at most len, as letters_end()'s. */
static inline size_t letters_end_masks(const struct scan *sc, size_t i)
{
	const struct block_mask *m = sc->ds->m;
	size_t b = i / 64;
	uint64_t x = ~m[b].let >> (i % 64);
	while (!x)
		x = ~m[++b].let, i = 64 * b;
	return i + (unsigned)__builtin_ctzll(x);
}

static inline bool fragment_possible(const struct scan *sc, size_t st)
{
	if (st >= sc->len)
		return false;
	size_t e1 = letters_end_masks(sc, st);
	if (e1 == st)
		return false;
	/* e1, e2 <= len, and u[len] is the closing NUL */
	unsigned char c = sc->u[e1];
	if (c == '.')
		return true;
	if (c != ' ')
		return false;
	size_t e2 = letters_end_masks(sc, e1 + 1);
	c = sc->u[e2];
	if (c == '.')
		return true;
	return c == ' ' && at(sc, e2 + 1, "that") && sc->u[e2 + 5] == '.';
}

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
	if (!fragment_possible(sc, i + 1))
		return 0;
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
	if (st >= sc->len || !is_alpha(sc->u[st]) ||
	    !fragment_possible(sc, st))
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

/* At a '.' or a '?': "end.The" and ". ." (the first tests of the rules
 * inline: u[len] is a NUL, so u[i + 1] is there, and u[i + 2] after a
 * space). */
static inline int on_stop(struct scan *sc, size_t i)
{
	int r = 0;
	if (sc->o->spacing && i >= 2 && is_alpha(sc->u[i - 1]) &&
	    is_upper(sc->u[i + 1]))
		r = rule_after_stop(sc, i);
	if (!r && sc->u[i] == '.' && sc->o->fragments &&
	    sc->u[i + 1] == ' ' && sc->u[i + 2] == '.')
		r = rule_double_punct(sc, i);
	return r;
}

/* The rules of the byte at @i, which is not a letter (the old scan's
 * per-byte dispatch). Sets *next past the bytes the rule consumed: a run
 * of '*', or the continuation bytes after 0xE2, which the scan must not
 * visit on their own. */
static int visit(struct scan *sc, size_t i, size_t *next)
{
	const struct cleaner_opts *o = sc->o;
	int r = 0;
	*next = i + 1;
	switch (trigger[sc->u[i]]) {
	case T_SPACE:
		return on_space(sc, i, SIZE_MAX);
	case T_NL:
		if (o->fragments)
			r = on_line_start(sc, i + 1);
		break;
	case T_DOT:
	case T_QUEST:
		r = on_stop(sc, i);
		break;
	case T_COMMA:
	case T_SEMI:
		if (o->fragments && sc->u[i + 1] == sc->u[i])
			r = rule_double_punct(sc, i);
		break;
	case T_STAR:
		r = rule_stars(sc, i, next);
		break;
	case T_DASH:
		if (o->spacing && i >= 3 && sc->u[i - 1] == 'l')
			r = rule_source_particle(sc, i);
		break;
	case T_E2:
		if (o->spacing && at(sc, i, "\xE2\x80\x9C"))
			r = rule_space_in_quotes_open(sc, i);
		*next = i + 3 <= sc->len ? i + 3 : sc->len;
		break;
	default:
		break;
	}
	return r;
}

/* The space at @i lies between two lower-case letters: the repeated word
 * rule, with @ws the start of the word before it. The cheap tests (the
 * length, the first and the last letters) before the full compare. */
static inline int on_lower_space(struct scan *sc, size_t i, size_t ws)
{
	size_t n = i - ws;
	if (n < 3 || sc->u[ws] != sc->u[i + 1] || i + 1 + n > sc->len ||
	    sc->u[i + n] != sc->u[i - 1])
		return 0;
	return rule_repeat_at(sc, i, ws);
}

/* Where the run of letters that reaches the start of block @k starts:
 * after the last non-letter of the blocks before it, or 0. Looked up
 * only for a word that crosses into the block (rare): keeping it up to
 * date in every block cost more. */
static inline size_t run_start_before(const struct block_mask *bm,
                                      size_t k)
{
	while (k > 0) {
		uint64_t x = ~bm[--k].let;
		if (x)
			return 64 * k + 64 - (size_t)__builtin_clzll(x);
	}
	return 0;
}

/* Bits [from, to) of a block mask, clipped to [0, 64). */
static inline uint64_t bit_range(size_t from, size_t to)
{
	uint64_t hi = to >= 64 ? ~0ull : (1ull << to) - 1;
	uint64_t lo = from >= 64 ? ~0ull : (1ull << from) - 1;
	return hi & ~lo;
}

/*
 * The scan: block by block of 64 bytes, masks of the positions where a
 * rule can apply, from the byte classes of the block shifted by one to
 * look at the neighbours of each byte. Whatever the masks let through is
 * checked again by the rules: a mask only has to include every position
 * where a rule can edit. Each kind of position has its own loop (no jump
 * table to mispredict); the batch ends up the same as with the old
 * byte-by-byte scan, because no two rules start an edit of the same
 * range at different positions (but rule_source_camel_at() and
 * rule_source_particle(), whose edits are the same).
 *
 * The old scan did not visit the bytes inside a run of '*' or the two
 * after 0xE2 (see visit()): the first loop, in order, keeps @skip_to as
 * the old scan did, and the other loops leave out the @skipped bytes.
 */
static int scan_words(struct scan *sc)
{
	const size_t len = sc->len;
	const uint64_t repeat = sc->o->fragments ? ~0ull : 0;
	const uint64_t spacing = sc->o->spacing ? ~0ull : 0;
	const bool fragments = sc->o->fragments;
	const struct block_mask *bm = sc->ds->m;
	size_t skip_to = 0;
	int r;
	for (size_t base = 0, k = 0; base < len; base += 64, k++) {
		/* the masks of the block before, of this one and of the
		 * next, read in place (copies cost more than the loads: the
		 * loops use a few fields each); the masks of the text's last
		 * block see NULs after its end, and the blocks after it
		 * and before the first one are all zero (docscan_get()) */
		const struct block_mask *const pb = bm + k - 1;
		const struct block_mask *const cb = &bm[k];
		const struct block_mask *const nb = &bm[k + 1];
#define prev (*pb)
#define cur (*cb)
#define nxt (*nb)
		/* the class of the next byte (nx), of the one after (nx2)
		 * and of the one before (pv). Each mask is computed just
		 * before its loop: the rules called in the loops would
		 * otherwise make the compiler keep all of them on the
		 * stack */
#define NX(f) (cur.f >> 1 | nxt.f << 63)
#define PV(f) (cur.f << 1 | prev.f >> 63)
		uint64_t skipped = skip_to > base ?
		                   bit_range(0, skip_to - base) : 0;
		/* the other special bytes, which have rules of their own
		 * or none ('-', '*', '?', ';', 0xE2, ...), in order */
		for (uint64_t m = cur.spec & ~cur.nl & ~cur.dot & ~cur.comma;
		     m; m &= m - 1) {
			size_t i = base + (unsigned)__builtin_ctzll(m);
			if (i < skip_to)
				continue;
			/* most of these bytes have no rule ('"', '\'', '(',
			 * '<', '/', ...) or, for '-', lack the "al" or "el"
			 * before it: no call (and no skip after them) */
			unsigned t = trigger[sc->u[i]];
			if (t == T_OTHER ||
			    (t == T_DASH && (i < 3 || sc->u[i - 1] != 'l')))
				continue;
			if ((r = visit(sc, i, &skip_to)))
				return r;
			if (skip_to > i + 1)
				skipped |= bit_range(i + 1 - base,
				                     skip_to - base);
		}
		/* "end.The" (a letter before, a capital after) and ". .":
		 * the block's own masks, the bytes in the blocks before and
		 * after let through; on_stop() tests them all again (no
		 * test for a block without a '.' first: about half of the
		 * blocks have one, and that branch mispredicted more than
		 * the masks cost) */
		for (uint64_t m = cur.dot & ~skipped &
		                  (((cur.let << 1 | 1) &
		                    ((cur.let & ~cur.lo) >> 1 | 1ull << 63)) |
		                   ((cur.sp >> 1 | 1ull << 63) &
		                    (cur.dot >> 2 | 3ull << 62)));
		     m; m &= m - 1)
			if ((r = on_stop(sc, base + (unsigned)
			                 __builtin_ctzll(m))))
				return r;
		/* ",," */
		for (uint64_t m = fragments ? cur.comma & NX(comma) & ~skipped
		                            : 0;
		     m; m &= m - 1)
			if ((r = rule_double_punct(sc, base + (unsigned)
			                           __builtin_ctzll(m))))
				return r;
		/* a line start before a letter, after a line that does not
		 * end in a letter or a digit (which continues a sentence:
		 * on_line_start() stops there), or at the start of the text;
		 * the bytes around each '\n' tested directly (a block has
		 * one or two: cheaper than the masks of its neighbours) */
		uint64_t alnum = ~(cur.spec | cur.sp);
		for (uint64_t m = fragments ? cur.nl & ~skipped &
		                              (cur.let >> 1 | 1ull << 63) &
		                              ~(alnum << 1) : 0;
		     m; m &= m - 1) {
			/* (the bytes in the blocks before and after, which the
			 * masks above let through, tested here) */
			size_t i = base + (unsigned)__builtin_ctzll(m);
			if (!is_alpha(sc->u[i + 1]) ||
			    (i > 0 && is_alnum(sc->u[i - 1])))
				continue;
			if ((r = on_line_start(sc, i + 1)))
				return r;
		}
		/* a space next to punctuation other than ',' (before it)
		 * and '\n', or the first of a run of spaces; not after a
		 * line break or another space (on_space()'s rules need a
		 * word or punctuation before it) */
		/* (the neighbours in the blocks before and after are not
		 * looked at: the spaces at both ends of the block are
		 * visited whatever they are next to, which on_space()
		 * sorts out as it does any space; the masks of the other
		 * blocks cost more) */
		uint64_t pv_punct = (cur.spec & ~cur.nl & ~cur.comma) << 1 | 1;
		uint64_t nx_punct = (cur.spec & ~cur.nl) >> 1 | 1ull << 63;
		for (uint64_t m = cur.sp & ~skipped &
		                  (pv_punct | ((nx_punct | cur.sp >> 1) &
		                               ~(cur.sp << 1) &
		                               ~(cur.nl << 1)));
		     m; m &= m - 1) {
			size_t i = base + (unsigned)__builtin_ctzll(m);
			/* on_space()'s first test inline: most of these
			 * spaces are next to punctuation that no rule
			 * concerns ('(', '-', '"' before a word, ...); the
			 * two letters case of on_space() cannot occur here */
			if (i == 0 || !(space_ctx[sc->u[i + 1]] |
			                space_ctx[sc->u[i - 1]]))
				continue;
			if ((r = on_space(sc, i, SIZE_MAX)))
				return r;
		}
		/* a space between two lower-case letters: a repeated word?
		 * rule_repeat_at() wants a word of three letters or more,
		 * all in lower case, twice: three on each side */
		uint64_t nonlet = ~cur.let;
		/* a lower-case letter on each side (both loops below) */
		const uint64_t lo_around = PV(lo) & NX(lo);
		/* rule_repeat_at() also wants the runs of letters on both
		 * sides to be as long (the word before is the whole run,
		 * the word after must end where it ends): a non-letter at
		 * i - k must go with one at i + k. Three letters or more on
		 * each side are known; testing k = 4 and 5 sorts the runs
		 * into 3, 4 and 5 or more letters and drops about three
		 * fifths of the spaces between lower-case words, at ~30
		 * instructions per block instead of ~25 per space (k = 6
		 * as well dropped more spaces but cost more than it saved;
		 * k = 4 alone dropped too few). The
		 * blocks around see the text's start (the all-zero mask
		 * before block 0) and its NUL padding as non-letters, as
		 * the rule does. */
		uint64_t rep = cur.sp & lo_around & repeat & ~skipped &
		               (cur.lo << 2 | prev.lo >> 62) &
		               (cur.lo << 3 | prev.lo >> 61) &
		               (cur.lo >> 2 | nxt.lo << 62) &
		               (cur.lo >> 3 | nxt.lo << 61);
		if (rep) {
			/* the non-letters of this block with those of the
			 * blocks around shifted in */
			const uint64_t pn = ~prev.let, nn = ~nxt.let;
			const uint64_t b4 = nonlet << 4 | pn >> 60;
			const uint64_t b5 = nonlet << 5 | pn >> 59;
			const uint64_t a4 = nonlet >> 4 | nn << 60;
			const uint64_t a5 = nonlet >> 5 | nn << 59;
			rep &= ~(b4 ^ a4) & (b4 | ~(b5 ^ a5));
		}
		for (uint64_t m = rep;
		     m; m &= m - 1) {
			unsigned bit = (unsigned)__builtin_ctzll(m);
			/* the word starts after the last non-letter before
			 * the space */
			/* (the non-letters below the space, shifted to the
			 * top: the byte before the space is bit 63) */
			uint64_t nl = nonlet << 1 << (63 - bit);
			size_t ws = nl ? base + bit - (size_t)__builtin_clzll(nl) :
			            run_start_before(bm, k);
			if ((r = on_lower_space(sc, base + bit, ws)))
				return r;
		}
		/* a capital between two lower-case letters: "ReutersThe"?
		 * (rule_source_camel() used to search the text apart from
		 * the scan: it never skipped anything) */
		for (uint64_t m = cur.let & ~cur.lo & lo_around & spacing;
		     m; m &= m - 1)
			if ((r = rule_source_camel_at(sc, base + (unsigned)
			                              __builtin_ctzll(m))))
				return r;
#undef NX
#undef PV
#undef prev
#undef cur
#undef nxt
	}
	return 0;
}

/* --------------------------------------------------------------------- */

int pass_words(const struct cleaner_opts *o, struct batch *b,
               struct docscan *ds)
{
	if (!o->masks && !o->masks_markup && !o->fragments && !o->spacing)
		return 0;
	int r0 = docscan_get(ds, b->doc);
	if (r0)
		return b->err = r0;
	struct scan sc = {.o = o, .b = b, .ds = ds};
	sc.s = ds->s;
	sc.len = ds->len;
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
	if (o->fragments && fragment_possible(&sc, 0))
		r = rule_sentence_start(&sc, 0, PREV_LINE, true, true);
	if (!r)
		r = scan_words(&sc);
	return r ? r : b->err;
}
