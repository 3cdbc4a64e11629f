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
	/* the first tests of the rules inline: most dots and commas end
	 * a sentence or a clause and need no call (u[len] is a NUL, so
	 * u[i + 1] is there, and u[i + 2] after a space) */
	case T_DOT:
	case T_QUEST:
		if (o->spacing && i >= 2 && is_alpha(sc->u[i - 1]) &&
		    is_upper(sc->u[i + 1]))
			r = rule_after_stop(sc, i);
		if (!r && sc->u[i] == '.' && o->fragments &&
		    sc->u[i + 1] == ' ' && sc->u[i + 2] == '.')
			r = rule_double_punct(sc, i);
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

/*
 * The scan: block by block of 64 bytes, a mask of the positions where a
 * rule can apply, from the byte classes of the block, shifted by one to
 * look at the neighbours of each byte. The positions are visited in
 * order, so the edits reach the batch in the order of the old
 * byte-by-byte scan. Whatever the masks let through is checked again by
 * the rules: a mask only has to include every position where a rule can
 * edit.
 *
 * A position the old scan did not visit (inside a run of '*' or after
 * 0xE2, see visit()) is skipped here too: every '*' and 0xE2 is in the
 * mask, so @skip_to is the same as the old scan's next position.
 */
static int scan_words(struct scan *sc)
{
	const size_t len = sc->len;
	const uint64_t repeat = sc->o->fragments ? ~0ull : 0;
	const uint64_t spacing = sc->o->spacing ? ~0ull : 0;
	unsigned char tail[64];
	size_t skip_to = 0;
	size_t ws_carry = 0;    /* after the last non-letter of the blocks
	                           before this one */
	struct block_mask prev = {0};   /* of the block before */
	for (size_t base = 0; base < len; base += 64) {
		struct block_mask cur;
		if (base + 64 <= len) {
			block_classify(sc->u + base, &cur);
		} else {
			/* the last block, from a copy padded with NULs
			 * (the text ends in one: the rules read 0 past
			 * the end, too) */
			memset(tail, 0, sizeof(tail));
			memcpy(tail, sc->u + base, len - base);
			block_classify(tail, &cur);
			/* the padding is no special byte */
			cur.spec &= (1ull << (len - base)) - 1;
		}
		/* the class of the byte just after the block (u[len] is
		 * the closing NUL) */
		unsigned after = base + 64 <= len ?
		                 block_byte_class(sc->u[base + 64]) : 0;
		/* the class of the next byte (nx) and of the one before (pv) */
		uint64_t nx_lo = cur.lo >> 1 | (uint64_t)(after & BM_LO) << 63;
		uint64_t nx_sp = cur.sp >> 1 |
		                 (uint64_t)(after >> 1 & 1) << 63;
		uint64_t nx_spec = cur.spec >> 1 |
		                   (uint64_t)(after >> 2 & 1) << 63;
		uint64_t pv_lo = cur.lo << 1 | prev.lo >> 63;
		uint64_t pv_sp = cur.sp << 1 | prev.sp >> 63;
		uint64_t pv_spec = cur.spec << 1 | prev.spec >> 63;
		/* a space between two lower-case letters, after a word of
		 * three letters or more: a repeated word? */
		uint64_t lower = cur.sp & pv_lo & nx_lo & repeat &
		                 (cur.let << 2 | prev.let >> 62) &
		                 (cur.let << 3 | prev.let >> 61);
		/* the special bytes; a space next to one, and the first
		 * space of a run */
		uint64_t rare = cur.spec | (cur.sp & (nx_spec | pv_spec |
		                                      (nx_sp & ~pv_sp)));
		/* a capital between two lower-case letters: "ReutersThe"? */
		uint64_t camel = cur.let & ~cur.lo & pv_lo & nx_lo & spacing;
		uint64_t nonlet = ~cur.let;
		prev = cur;
		/* a rare visit that skipped bytes drops their candidates
		 * (the old scan did not visit them) */
		if (skip_to > base) {
			uint64_t gone = skip_to - base >= 64 ? ~0ull :
			                (1ull << (skip_to - base)) - 1;
			lower &= ~gone;
			rare &= ~gone;
		}
		for (; rare; rare &= rare - 1) {
			size_t i = base + (unsigned)__builtin_ctzll(rare);
			if (i < skip_to)
				continue;
			int r = visit(sc, i, &skip_to);
			if (r)
				return r;
			if (skip_to > i + 1) {
				/* the candidates in (i, skip_to) */
				uint64_t gone = skip_to - base >= 64 ? ~0ull :
				                (1ull << (skip_to - base)) - 1;
				lower &= ~gone | ((2ull << (i - base)) - 1);
			}
		}
		/* after the rare visits: a repeated word's edit starts at a
		 * space between two lower-case letters, where no other rule
		 * starts one, so the order in the batch is the same */
		for (; lower; lower &= lower - 1) {
			unsigned bit = (unsigned)__builtin_ctzll(lower);
			/* the word starts after the last non-letter before
			 * the space */
			uint64_t nl = nonlet & ((1ull << bit) - 1);
			size_t ws = nl ? base + 64 - (size_t)__builtin_clzll(nl) :
			            ws_carry;
			int r = on_lower_space(sc, base + bit, ws);
			if (r)
				return r;
		}
		/* (an insertion between two letters: no other rule edits
		 * there but rule_source_particle(), with the same edit) */
		for (; camel; camel &= camel - 1) {
			int r = rule_source_camel_at(sc, base +
			        (unsigned)__builtin_ctzll(camel));
			if (r)
				return r;
		}
		if (nonlet)
			ws_carry = base + 64 - (size_t)__builtin_clzll(nonlet);
	}
	return 0;
}

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
	if (!r)
		r = scan_words(&sc);
	return r ? r : b->err;
}
