/*
 * scan.c - the engine: lexes a text, runs the rules at every token
 * (keeping the longest match), applies modifiers ("early", "the end of")
 * and reports each expression with its TIMEX3 value.
 */
#include "engine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "rules.h"

typedef size_t (*rule_fn)(struct ctx *c, size_t i, struct match *m);

/* Order matters only between matches of equal length: the first wins. */
static const rule_fn rules[] = {
	rule_numeric, rule_month_date, rule_time, rule_quarter, rule_year,
	rule_holiday, rule_deictic, rule_weekday, rule_relative, rule_offset,
	rule_anaphoric, rule_set, rule_rate, rule_duration, rule_fuzzy, NULL,
};

enum {
	R_NUMERIC = 1 << 0, R_MONTH = 1 << 1, R_TIME = 1 << 2, R_QUARTER = 1 << 3,
	R_YEAR = 1 << 4, R_HOLIDAY = 1 << 5, R_DEICTIC = 1 << 6,
	R_WEEKDAY = 1 << 7, R_RELATIVE = 1 << 8, R_OFFSET = 1 << 9,
	R_ANAPHORIC = 1 << 10, R_SET = 1 << 11, R_RATE = 1 << 12,
	R_DURATION = 1 << 13, R_FUZZY = 1 << 14,
	R_PREFIX = 1 << 15,  /* begins a modifier: early, mid, more than */
};

#define NUM_RULES (R_NUMERIC | R_MONTH | R_TIME | R_QUARTER | R_YEAR | \
                   R_OFFSET | R_SET | R_DURATION)

/* The rules that can match at a word of lexicon class @cls and value
 * @val: a shortcut, so that each token tries only the few rules that
 * apply. Computed once per lexicon entry by dt_engine_init(). */
static unsigned word_mask(int cls, int val)
{
	switch (cls) {
	case LX_MONTH: return R_MONTH;
	case LX_WDAY: return R_MONTH | R_WEEKDAY;
	case LX_NUMW: return R_YEAR | R_OFFSET | R_SET | R_DURATION;
	case LX_ORDW: return R_YEAR | R_QUARTER | R_MONTH;
	case LX_UNIT: return R_DURATION | R_QUARTER;
	case LX_SEASON: return R_FUZZY;
	case LX_TOD: return R_DEICTIC | R_TIME;
	case LX_HOLIDAY: return R_HOLIDAY;
	case LX_NONE: return R_QUARTER | R_HOLIDAY | R_FUZZY | R_DURATION |
	                     R_RELATIVE | R_YEAR;
	case LX_FN: break;
	default: return 0;
	}
	switch (val) {
	case F_THE:
		return R_MONTH | R_QUARTER | R_YEAR | R_DEICTIC | R_RELATIVE |
		       R_ANAPHORIC | R_DURATION | R_FUZZY | R_PREFIX;
	case F_A: case F_AN:
		return R_OFFSET | R_DURATION | R_RATE;
	/* holidays take last/next/this ("last Christmas"), deictic only
	 * "this" ("this morning"), durations not this/current ("the past
	 * two weeks"), the fuzzy rule only "current" */
	case F_LAST: case F_NEXT:
		return R_RELATIVE | R_WEEKDAY | R_HOLIDAY | R_QUARTER | R_DURATION;
	case F_THIS:
		return R_RELATIVE | R_WEEKDAY | R_HOLIDAY | R_QUARTER | R_DEICTIC;
	case F_PAST: case F_COMING: case F_PREVIOUS:
		return R_RELATIVE | R_WEEKDAY | R_QUARTER | R_DURATION;
	case F_CURRENT:
		return R_RELATIVE | R_WEEKDAY | R_QUARTER | R_FUZZY;
	case F_FOLLOWING: case F_RECENT:
		return R_DURATION;
	case F_EARLIER: case F_LATER:
		return R_WEEKDAY | R_ANAPHORIC | R_PREFIX;
	case F_LATE:  /* not a weekday prefix: "late Friday" is a modifier */
		return R_ANAPHORIC | R_PREFIX;
	case F_EARLY: case F_MID:
		return R_PREFIX;
	case F_THAT:
		return R_ANAPHORIC;
	case F_PER:  /* the only one of these that also makes rates */
		return R_SET | R_RATE;
	case F_EVERY: case F_EACH: case F_TWICE: case F_ONCE:
	case F_DAILY: case F_WEEKLY: case F_MONTHLY: case F_ANNUALLY:
	case F_YEARLY: case F_QUARTERLY: case F_HOURLY: case F_NIGHTLY:
		return R_SET;
	case F_TODAY: case F_YESTERDAY: case F_TOMORROW:
		return R_DEICTIC;
	case F_NOW: case F_CURRENTLY: case F_RECENTLY: case F_FUTURE:
	case F_LATELY: case F_PRESENTLY: case F_NOWADAYS:
		return R_FUZZY;
	case F_FISCAL:
		return R_YEAR | R_QUARTER;
	case F_HALF: case F_DOZEN: case F_SEVERAL: case F_FEW: case F_MANY:
		return R_DURATION | R_OFFSET | R_SET;
	/* rule_duration() leaves about/around/roughly/approximately/some
	 * outside the expression (they only start modifiers), and "just" and
	 * "well" begin no duration */
	case F_AT: case F_UP: case F_OVER: case F_UNDER: case F_MORE:
	case F_LESS: case F_NEARLY: case F_ALMOST:
		return R_DURATION | R_PREFIX;
	case F_JUST: case F_WELL: case F_ABOUT: case F_AROUND: case F_SOME:
	case F_ROUGHLY: case F_APPROXIMATELY:
		return R_PREFIX;
	default:
		return 0;
	}
}

/* rule_mask(), refine() and best_of() run once per candidate, in the
 * scan loop and for a word after a modifier: inlined at both (GCC would
 * call them). */
#if defined(__GNUC__)
#define DT_ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define DT_ALWAYS_INLINE inline
#endif

/* The rules that can match at token i. */
static DT_ALWAYS_INLINE unsigned rule_mask(const struct ctx *c, size_t i)
{
	const struct token *t = &c->tk[i];
	if (t->kind == TK_NUM)
		return NUM_RULES;
	if (t->kind != TK_WORD)
		return 0;
	if (t->lex)
		return c->e->word_rules[t->lex - 1];
	/* "Election Day", "Labor Day": a capitalised word before "Day" */
	return (t->flags & TF_CAP) ? R_HOLIDAY : 0;
}

/* The token after i as the rules see it: its kind, and for words their
 * lexicon class. */
enum next_kind {
	NX_END = 0, NX_NUM, NX_PUNCT, NX_OTHER,  /* no token, number, punct, URL */
	NX_WORD = 16,                            /* + lexicon class */
};

static int next_kind(const struct ctx *c, size_t i)
{
	if (i + 1 >= c->n)
		return NX_END;
	const struct token *n = &c->tk[i + 1];
	switch (n->kind) {
	case TK_WORD: return NX_WORD + n->cls;
	case TK_NUM: return NX_NUM;
	case TK_PUNCT: return NX_PUNCT;
	default: return NX_OTHER;
	}
}

/* The rules that may match at "the" followed by function word @fn. */
static unsigned the_fn_rules(int fn)
{
	unsigned keep = 0;
	switch (fn) {  /* the last/past/coming months, the current quarter */
	case F_LAST: case F_PAST: case F_COMING: case F_CURRENT:
		keep |= R_RELATIVE;
		break;
	default:
		break;
	}
	switch (fn) {  /* the latest quarter, the same period, the final half */
	case F_LATEST: case F_SAME: case F_CURRENT: case F_FISCAL: case F_LAST:
	case F_PERIOD: case F_A: case F_AN: case F_HALF: case F_COUPLE:
	case F_SEVERAL: case F_MANY: case F_FEW: case F_DOZEN:
		keep |= R_QUARTER;
		break;
	default:
		break;
	}
	switch (fn) {  /* the full year, the past, the near future */
	case F_FULL: case F_FISCAL: case F_CALENDAR: case F_ENTIRE: case F_WHOLE:
	case F_PAST: case F_NEAR: case F_FUTURE:
		keep |= R_FUZZY;
		break;
	default:
		break;
	}
	switch (fn) {  /* the next day, the same year */
	case F_NEXT: case F_FOLLOWING: case F_PREVIOUS: case F_SAME:
		keep |= R_ANAPHORIC;
		break;
	default:
		break;
	}
	switch (fn) {  /* the past two weeks, the few months */
	case F_HALF: case F_COUPLE: case F_SEVERAL: case F_MANY: case F_FEW:
	case F_DOZEN: case F_PAST: case F_LAST: case F_NEXT: case F_COMING:
	case F_RECENT: case F_PREVIOUS: case F_FOLLOWING:
		keep |= R_DURATION;
		break;
	default:
		break;
	}
	return keep;
}

/* Narrows @mask, the rules that may match at token i by its own class,
 * to those that may match given the token after it: each rule below
 * needs one of a few kinds of tokens there (the conditions are the
 * first tests of each rule, loosened where that is simpler), so that a
 * number before an ordinary word or "the" before a noun runs no rule.
 * Only tokens that are frequent candidates are narrowed. */
static DT_ALWAYS_INLINE unsigned refine(const struct ctx *c, size_t i,
                                        unsigned mask)
{
	const struct token *t = &c->tk[i];
	int nx = next_kind(c, i);
	int ncls = nx >= NX_WORD ? nx - NX_WORD : -1;
	unsigned keep;
	if (t->kind == TK_NUM) {
		keep = 0;
		/* 2024-01-05, 1/5/2024: a plain number, a glued separator and
		 * another number */
		if (is_num(c, i) && glued(c, i + 1) && is_num(c, i + 2) &&
		    glued(c, i + 2) &&
		    ((is_punct(c, i + 1, '-') && t->ndigits == 4) ||
		     (is_punct(c, i + 1, '/') && (t->ndigits <= 2 || t->ndigits == 4))) &&
		    is_punct(c, i + 3, c->tk[i + 1].punct) && is_num(c, i + 4))
			keep |= R_NUMERIC;
		/* 5 January, 25th of March */
		if (ncls == LX_MONTH || is_fn(c, i + 1, F_OF))
			keep |= R_MONTH;
		/* 10:30, 4 p.m., 7 o'clock */
		if (is_punct(c, i + 1, ':') || is_fn(c, i + 1, F_AM) ||
		    is_fn(c, i + 1, F_PM) ||
		    (ncls >= 0 && c->tk[i + 1].end - c->tk[i + 1].start == 1))
			keep |= R_TIME;
		/* the 3rd quarter, 2nd-half, 1990's second half */
		if (((t->flags & TF_ORD) && (ncls == LX_UNIT ||
		                             is_fn(c, i + 1, F_HALF) ||
		                             is_punct(c, i + 1, '-'))) ||
		    is_punct(c, i + 1, '\''))
			keep |= R_QUARTER;
		/* 1990s; 20th century, 20th-century; 1990, but not in a run of
		 * numbers ("1990/91", "1990-95": in_number_run()) */
		if ((t->flags & TF_DECADE) ||
		    ((t->flags & TF_ORD) && (ncls == LX_UNIT || nx == NX_PUNCT)) ||
		    (t->ndigits == 4 &&
		     ((t->flags & TF_ORD) ||
		      !(glued(c, i + 1) && nx == NX_PUNCT &&
		        strchr("-/:%", c->tk[i + 1].punct) && is_num(c, i + 2) &&
		        glued(c, i + 2)))))
			keep |= R_YEAR;
		/* another number after a count only in "5 1/2" (parse_count()
		 * takes no fraction after a decimal or an ordinal) */
		bool frac = nx == NX_NUM && !(t->flags & (TF_DECIMAL | TF_ORD |
		                                          TF_DECADE | TF_ALNUM));
		/* 5 years ago, 5 1/2 years */
		if (ncls == LX_UNIT || ncls == LX_ORDW || frac)
			keep |= R_OFFSET;
		/* 3 times a year */
		if (is_fn(c, i + 1, F_TIMES) || frac)
			keep |= R_SET;
		/* 21 years, 2 more weeks, 16-hour */
		if (ncls == LX_UNIT || ncls == LX_ORDW || is_fn(c, i + 1, F_MORE) ||
		    (is_punct(c, i + 1, '-') && (is_cls(c, i + 2, LX_UNIT) ||
		                                 is_cls(c, i + 2, LX_ORDW))) ||
		    frac)
			keep |= R_DURATION;
		return mask & keep;
	}
	if (t->kind != TK_WORD)
		return mask;
	/* Function words are most of the words here: tested first, apart
	 * from the other classes' jump table (one indirect jump on the
	 * class, whose target changed from candidate to candidate,
	 * mispredicted about every second time). */
	if (t->cls != LX_FN) {
		switch (t->cls) {
		case LX_NUMW:
			/* "one company": a count needs a unit, "times", a hyphen or
			 * more number words ("twenty-four", "two thousand") after it */
			if (ncls == LX_UNIT || ncls == LX_ORDW || ncls == LX_NUMW ||
			    nx == NX_PUNCT)
				return mask;
			/* of the function words, only "hundred", "thousand", "and (a
			 * half)", "times" and "more" continue a count: not "one of" */
			if (ncls == LX_FN) {
				switch (c->tk[i + 1].val) {
				case F_HUNDRED: case F_THOUSAND: case F_AND: case F_TIMES:
				case F_MORE:
					return mask;
				default:
					break;
				}
			}
			return 0;
		case LX_UNIT:
			/* "year-ago"; a bare plural ("for years") */
			keep = R_DURATION | R_QUARTER;
			if (nx != NX_PUNCT)
				keep &= ~(unsigned)R_QUARTER;
			if (!(t->lflags & LXF_PLURAL))
				keep &= ~(unsigned)R_DURATION;
			return mask & (keep | ~(unsigned)(R_DURATION | R_QUARTER));
		case LX_ORDW:
			keep = 0;
			if (ncls == LX_MONTH || ncls == LX_FN)  /* "first of May" */
				keep |= R_MONTH;
			if (ncls == LX_UNIT || nx == NX_PUNCT)  /* "20th-century" */
				keep |= R_YEAR;
			if (ncls == LX_UNIT || ncls == LX_FN || nx == NX_PUNCT)
				keep |= R_QUARTER;              /* "first-half" */
			return mask & (keep | ~(unsigned)(R_MONTH | R_YEAR | R_QUARTER));
		case LX_NONE:
			/* the special words ("new", "no", "these", "right", "q",
			 * "valentine") and capitalised words before "Day" */
			keep = 0;
			if (ncls == LX_UNIT || is_punct(c, i + 1, '\''))
				keep |= R_HOLIDAY;    /* New Year's, Labor Day, Valentine's */
			if (is_fn(c, i + 1, F_MORE) || is_fn(c, i + 1, F_LESS))
				keep |= R_DURATION;   /* no more than */
			if (ncls == LX_FN || ncls == LX_UNIT)
				keep |= R_FUZZY;      /* right now, these days */
			if (nx == NX_NUM)
				keep |= R_QUARTER;    /* Q3 */
			return mask & (keep | R_PREFIX);
		default:
			return mask;
		}
	}
	switch (t->val) {
	case F_THE:
		switch (ncls) {
		case LX_FN:
			keep = the_fn_rules(c->tk[i + 1].val);
			break;
		case LX_UNIT:
			switch (c->tk[i + 1].val) {
			case U_DAY:      /* the day before yesterday, the day after */
				keep = R_DEICTIC | R_ANAPHORIC;
				break;
			case U_QUARTER:  /* the quarter */
				keep = R_QUARTER;
				break;
			case U_YEAR: {   /* the year 2000, the year-ago, the year */
				int n2 = next_kind(c, i + 1);
				keep = R_FUZZY;
				if (n2 == NX_PUNCT)
					keep |= R_QUARTER;
				if (n2 == NX_NUM || n2 == NX_WORD + LX_NUMW)
					keep |= R_YEAR;
				break;
			}
			case U_WEEK: case U_WEEKEND: case U_MONTH:
				keep = R_FUZZY;  /* the week of, the weekend, the month */
				break;
			default:
				keep = 0;
				break;
			}
			break;
		case LX_ORDW: {
			/* the third quarter, the first half, the first nine months,
			 * the 20th-century; the first two weeks */
			int n2 = next_kind(c, i + 1);
			int c2 = n2 >= NX_WORD ? n2 - NX_WORD : -1;
			keep = 0;
			if (c2 == LX_UNIT || c2 == LX_FN || c2 == LX_NUMW ||
			    n2 == NX_PUNCT || n2 == NX_NUM)
				keep |= R_QUARTER;
			if (c2 == LX_UNIT || n2 == NX_PUNCT)
				keep |= R_YEAR;
			/* the first two weeks, the first months */
			if (c->tk[i + 1].val == 1 &&
			    (n2 == NX_NUM || c2 == LX_NUMW || c2 == LX_FN ||
			     c2 == LX_UNIT))
				keep |= R_DURATION;
			break;
		}
		case LX_NUMW: {
			/* the nine months, the two years: a unit after the count
			 * (or more number words, a hyphen, "hundred") */
			int n2 = next_kind(c, i + 1);
			int c2 = n2 >= NX_WORD ? n2 - NX_WORD : -1;
			keep = c2 == LX_UNIT || c2 == LX_ORDW || c2 == LX_NUMW ||
			       c2 == LX_FN || n2 == NX_PUNCT ? R_QUARTER | R_DURATION : 0;
			break;
		}
		case LX_SEASON:
			keep = R_FUZZY;
			break;
		case LX_NONE: {
			/* "the comparable/corresponding period", "the distant /
			 * foreseeable future" (the lengths are enough here) */
			size_t len = c->tk[i + 1].end - c->tk[i + 1].start;
			keep = 0;
			if (len == 10 || len == 13)
				keep |= R_QUARTER;
			if (len == 7 || len == 11)
				keep |= R_FUZZY;
			break;
		}
		case -1:
			if (nx == NX_NUM) {
				const struct token *n = &c->tk[i + 1];
				int n2 = next_kind(c, i + 1);
				int c2 = n2 >= NX_WORD ? n2 - NX_WORD : -1;
				keep = 0;
				/* the 1988 third quarter (a year takes more words), the
				 * 3rd quarter, the 9 months, the 5 1/2 months */
				if (n->ndigits == 4 || (n->flags & TF_ORD) ||
				    c2 == LX_UNIT || n2 == NX_NUM)
					keep |= R_QUARTER;
				/* the 21 years, the 2 more weeks */
				if (c2 == LX_UNIT || c2 == LX_ORDW || n2 == NX_NUM ||
				    is_fn(c, i + 2, F_MORE))
					keep |= R_DURATION;
				/* on the 6th */
				if ((n->flags & TF_ORD) && i > 0 && is_fn(c, i - 1, F_ON))
					keep |= R_MONTH;
				/* the 1990s, the 20th century */
				if (n->flags & (TF_ORD | TF_DECADE))
					keep |= R_YEAR;
			} else {
				keep = is_punct(c, i + 1, '\'') ? R_YEAR : 0;  /* the '90s */
			}
			break;
		default:  /* month, weekday, part of day, time zone, holiday */
			keep = 0;
			break;
		}
		return mask & (keep | R_PREFIX);
	case F_A: case F_AN:
		/* a year, a few days, a half-hour, a hundred years */
		if (ncls == LX_UNIT || ncls == LX_ORDW)
			return mask;
		if (ncls == LX_FN) {
			switch (c->tk[i + 1].val) {
			case F_COUPLE: case F_FEW: case F_DOZEN: case F_HALF:
			case F_HUNDRED: case F_THOUSAND: case F_MORE:
				return mask & ~(unsigned)R_RATE;
			default:
				break;
			}
		}
		return mask & R_PREFIX;
	case F_LAST: case F_NEXT: case F_THIS: case F_PAST: case F_COMING:
	case F_PREVIOUS: case F_CURRENT:
		keep = 0;
		/* last Christmas, next Labor Day, next New Year's Day (the
		 * special words "new" and "valentine" are in the lexicon) */
		if (ncls == LX_HOLIDAY ||
		    (ncls == LX_NONE && c->tk[i + 1].lex) ||
		    (ncls >= 0 && (c->tk[i + 1].flags & TF_CAP)))
			keep |= R_HOLIDAY;
		if (ncls == LX_TOD)
			keep |= R_DEICTIC;      /* this morning */
		/* this year's, the final quarter, final-quarter, final half */
		if ((ncls == LX_UNIT && (c->tk[i + 1].val == U_QUARTER ||
		                         is_punct(c, i + 2, '\''))) ||
		    ncls == LX_FN || nx == NX_PUNCT)
			keep |= R_QUARTER;
		if (ncls == LX_WDAY || ncls == LX_FN)
			keep |= R_WEEKDAY;      /* last Friday, this past Friday */
		if (ncls == LX_UNIT || ncls == LX_ORDW || ncls == LX_MONTH ||
		    ncls == LX_SEASON || ncls == LX_FN)
			keep |= R_RELATIVE;     /* next year, last May, this fall */
		/* the past two weeks, recent months */
		if ((ncls == LX_UNIT && (c->tk[i + 1].lflags & LXF_PLURAL)) ||
		    ncls == LX_ORDW || ncls == LX_NUMW || ncls == LX_FN ||
		    nx == NX_NUM)
			keep |= R_DURATION;
		if (ncls >= 0)
			keep |= R_FUZZY;        /* current levels */
		return mask & keep;
	case F_THAT:
		/* that day, that same week, that morning */
		if (ncls == LX_UNIT || ncls == LX_TOD || ncls == LX_ORDW ||
		    is_fn(c, i + 1, F_SAME))
			return mask;
		return 0;
	case F_EVERY: case F_EACH: case F_PER:
		/* every [other] two weeks / Monday / May / morning / spring; not
		 * "each company" */
		if (nx == NX_NUM || (ncls >= 0 && ncls != LX_NONE) ||
		    word_is(c, i + 1, "other"))
			return mask;
		return mask & R_PREFIX;
	case F_TWICE: case F_ONCE:  /* twice a week */
		if (ncls == LX_FN)
			return mask;
		return mask & R_PREFIX;
	case F_AT:  /* at least, at most */
		if (!is_fn(c, i + 1, F_LEAST) && !word_is(c, i + 1, "most"))
			mask &= ~(unsigned)R_DURATION;
		return mask;
	case F_UP:  /* up to */
		if (!is_fn(c, i + 1, F_TO))
			mask &= ~(unsigned)R_DURATION;
		return mask;
	case F_MORE: case F_LESS:  /* more than */
		if (!is_fn(c, i + 1, F_THAN))
			mask &= ~(unsigned)R_DURATION;
		return mask;
	case F_OVER: case F_UNDER: case F_NEARLY: case F_ALMOST:
		/* over two years, nearly a decade, over years: the duration
		 * starts after the word, and not at "the" */
		if (!(nx == NX_NUM || ncls == LX_NUMW || ncls == LX_UNIT ||
		      (ncls == LX_FN && c->tk[i + 1].val != F_THE)))
			mask &= ~(unsigned)R_DURATION;
		return mask;
	case F_HALF: case F_DOZEN: case F_SEVERAL: case F_FEW: case F_MANY:
		/* several years, half an hour, a dozen times, few-month */
		if (ncls == LX_UNIT || ncls == LX_ORDW || ncls == LX_FN ||
		    nx == NX_PUNCT)
			return mask;
		return mask & R_PREFIX;
	case F_RECENT: case F_FOLLOWING:  /* recent months, following two days */
		if (nx == NX_NUM || ncls == LX_NUMW || ncls == LX_FN ||
		    ncls == LX_UNIT || ncls == LX_ORDW)
			return mask;
		return mask & R_PREFIX;
	default:
		return mask;
	}
}

/* The rules to try at token i (< c->n), as bits of rules[] (bits beyond
 * the table, such as R_PREFIX, are not rules). */
static DT_ALWAYS_INLINE unsigned rules_at(const struct ctx *c, size_t i)
{
	return refine(c, i, rule_mask(c, i)) &
	       ((1u << (sizeof rules / sizeof rules[0] - 1)) - 1);
}

/* The longest match of the rules of @mask at token i, in rules[] order.
 * @m is left undefined when none matches (callers then ignore it). */
static DT_ALWAYS_INLINE size_t best_of(struct ctx *c, size_t i, unsigned mask,
                                        struct match *m)
{
	size_t best = 0;
	/* one rule (a month name, most numbers): straight into @m */
	if (mask && !(mask & (mask - 1))) {
		match_init(m);
		return rules[__builtin_ctz(mask)](c, i, m);
	}
	while (mask) {
		int r = __builtin_ctz(mask);
		mask &= mask - 1;
		struct match cand;
		match_init(&cand);
		size_t e = rules[r](c, i, &cand);
		if (e > best) {
			best = e;
			*m = cand;
		}
	}
	return best;
}

static size_t best_core(struct ctx *c, size_t i, struct match *m)
{
	if (i >= c->n)
		return 0;
	return best_of(c, i, rules_at(c, i), m);
}

/* Position modifiers before a date: "early", "late 1990", "mid-1990s",
 * "the end of", "earlier this year". Returns the index after them. */
static size_t date_prefix(const struct ctx *c, size_t i, int *mod)
{
	if (is_fn(c, i, F_EARLY) || is_fn(c, i, F_LATE)) {
		*mod = is_fn(c, i, F_EARLY) ? DM_START : DM_END;
		return i + 1;
	}
	if (is_fn(c, i, F_THE) && (is_fn(c, i + 1, F_EARLY) || is_fn(c, i + 1, F_LATE) ||
	                           is_fn(c, i + 1, F_MID))) {
		*mod = is_fn(c, i + 1, F_EARLY) ? DM_START :
		       is_fn(c, i + 1, F_LATE) ? DM_END : DM_MID;
		size_t j = i + 2;
		if (is_punct(c, j, '-') && glued(c, j))
			j++;
		return j;
	}
	if (is_fn(c, i, F_MID)) {
		*mod = DM_MID;
		if (is_punct(c, i + 1, '-') && glued(c, i + 1))
			return i + 2;
		return i + 1;
	}
	if (is_fn(c, i, F_EARLIER) || is_fn(c, i, F_LATER)) {
		*mod = DM_NONE;
		return i + 1;
	}
	if (is_fn(c, i, F_THE) && (is_fn(c, i + 1, F_END) || is_fn(c, i + 1, F_BEGINNING) ||
	                           is_fn(c, i + 1, F_START) || is_fn(c, i + 1, F_MIDDLE) ||
	                           is_fn(c, i + 1, F_CLOSE)) &&
	    is_fn(c, i + 2, F_OF)) {
		*mod = (is_fn(c, i + 1, F_END) || is_fn(c, i + 1, F_CLOSE)) ? DM_END :
		       is_fn(c, i + 1, F_MIDDLE) ? DM_MID : DM_START;
		return i + 3;
	}
	return 0;
}

/* Whether a modifier may wrap the date found after it. */
static bool takes_prefix(const struct ctx *c, size_t j, const struct match *m,
                         size_t i)
{
	if (m->type != DT_DATE && m->type != DT_TIME)
		return false;
	/* "earlier"/"later" only before this/last/next/that ("earlier this
	 * year") and weekdays and yesterday/today */
	if (is_fn(c, i, F_EARLIER) || is_fn(c, i, F_LATER)) {
		return is_fn(c, j, F_THIS) || is_fn(c, j, F_LAST) ||
		       is_fn(c, j, F_NEXT) || is_fn(c, j, F_THAT) ||
		       is_fn(c, j, F_TODAY) || is_fn(c, j, F_YESTERDAY) ||
		       is_fn(c, j, F_TOMORROW) || is_cls(c, j, LX_WDAY);
	}
	return m->is_date || m->lit[0] == 'P';
}

/* A cheap test of whether any rule can match at token i, a candidate
 * of lex_scan() (a word there starts some rule or precedes "Day"); most
 * candidates that fail it are numbers or "the"/"a" before a noun. */
static bool can_start(const struct ctx *c, size_t i)
{
	const struct token *t = &c->tk[i];
	if (t->kind == TK_NUM) {
		/* years, 1990s, 6th stand alone; other numbers need a date word,
		 * a unit or a separator after them ("5 years", "10:30", "1/5") */
		if (t->flags & (TF_GROUPED | TF_ALNUM))
			return false;
		if (t->ndigits == 4 || (t->flags & (TF_ORD | TF_DECADE)))
			return true;
		const struct token *n = tok(c, i + 1);
		if (!n)
			return false;
		if (n->kind == TK_WORD)
			return n->cls != LX_NONE || (n->end - n->start == 1 &&
			                             (c->text[n->start] | 32) == 'o');
		if (n->kind == TK_NUM)
			return true;
		return n->kind == TK_PUNCT && !(n->flags & TF_SPACE) &&
		       (n->punct == ':' || n->punct == '/' || n->punct == '-');
	}
	if (t->kind != TK_WORD)
		return false;
	if (!t->lex) {
		/* "Election Day": a capitalised word before "Day" */
		if (!(t->flags & TF_CAP) || i + 1 >= c->n)
			return false;
		const struct token *n = &c->tk[i + 1];
		return n->end - n->start == 3 && word_is(c, i + 1, "day");
	}
	/* (every word the lexer lists has rules: no test of word_rules) */
	if (t->cls == LX_FN && (t->val == F_THE || t->val == F_A ||
	                        t->val == F_AN || t->val == F_THAT)) {
		/* "the"/"a" + an ordinary word starts nothing */
		const struct token *n = tok(c, i + 1);
		if (!n)
			return false;
		if (n->kind == TK_NUM || n->cls != LX_NONE ||
		    (n->lex && !(n->lflags & (LXF_LABEL | LXF_QTY))) ||
		    (n->kind == TK_PUNCT && n->punct == '\''))
			return true;
		/* the length and the first letter first: most words after
		 * "the" are neither */
		size_t len = n->end - n->start;
		char first = (char)(c->text[n->start] | 32);
		return t->val == F_THE && n->kind == TK_WORD &&
		       ((len == 7 && first == 'd' && word_is(c, i + 1, "distant")) ||
		        (len == 11 && first == 'f' &&
		         word_is(c, i + 1, "foreseeable")));
	}
	return true;
}

/* The longest expression starting at token i (can_start() is true), the
 * rules of @mask (rules_at(i)) tried at i itself. */
/* The part of match_at() for a function word at i: a position modifier
 * or an approximation before an expression ("early 1990", "nearly four
 * years ago", "more than", "around 7:15"). Returns the new best end. */
static size_t match_fn_prefixes(struct ctx *c, size_t i, size_t best,
                                struct match *m)
{
	int mod = DM_NONE;
	size_t j = date_prefix(c, i, &mod);
	if (j) {
		struct match inner;
		memset(&inner, 0, sizeof inner);
		size_t e = best_core(c, j, &inner);
		if (e > best && takes_prefix(c, j, &inner, i)) {
			best = e;
			*m = inner;
			if (mod != DM_NONE)
				m->mod = mod;
		}
	}
	/* approximations before "ago" expressions: "nearly four years ago"
	 * (a switch rather than a loop over the words: a token has one value) */
	int approx_mod = DM_NONE;
	if (c->tk[i].cls == LX_FN) {
		switch (c->tk[i].val) {
		case F_ABOUT: case F_AROUND: case F_SOME: case F_ROUGHLY:
		case F_APPROXIMATELY: case F_JUST:
			approx_mod = DM_APPROX;
			break;
		case F_NEARLY: case F_ALMOST:
			approx_mod = DM_LESS_THAN;
			break;
		default:
			break;
		}
	}
	if (approx_mod != DM_NONE) {
		struct match inner;
		memset(&inner, 0, sizeof inner);
		size_t e = rule_offset(c, i + 1, &inner);
		if (e > best) {
			best = e;
			*m = inner;
			m->mod = approx_mod;
		}
	}
	if ((is_fn(c, i, F_MORE) || is_fn(c, i, F_LESS)) && is_fn(c, i + 1, F_THAN)) {
		struct match inner;
		memset(&inner, 0, sizeof inner);
		size_t e = rule_offset(c, i + 2, &inner);
		if (e > best) {
			best = e;
			*m = inner;
			m->mod = is_fn(c, i, F_MORE) ? DM_MORE_THAN : DM_LESS_THAN;
		}
	}
	/* "around 7:15 p.m.": an approximate clock time */
	if ((is_fn(c, i, F_AROUND) || is_fn(c, i, F_ABOUT) ||
	     is_fn(c, i, F_APPROXIMATELY)) && i + 1 < c->n &&
	    c->tk[i + 1].kind == TK_NUM) {
		struct match inner;
		memset(&inner, 0, sizeof inner);
		size_t e = rule_time(c, i + 1, &inner);
		if (e > best) {
			best = e;
			*m = inner;
			m->mod = DM_APPROX;
		}
	}
	return best;
}

static size_t match_at(struct ctx *c, size_t i, unsigned mask, struct match *m)
{
	size_t best = mask ? best_of(c, i, mask, m) : 0;
	/* the modifiers and approximations all begin with a function word */
	if (c->tk[i].cls == LX_FN)
		best = match_fn_prefixes(c, i, best, m);
	/* "the next year or so", "a week or so ago" */
	if (best && is_fn(c, best, F_OR) && word_is(c, best + 1, "so")) {
		best += 2;
		if (m->mod == DM_NONE)
			m->mod = DM_APPROX;
	}
	return best;
}

static bool wanted(const struct dt_engine *e, int type)
{
	return (e->opt.types >> type) & 1u;
}

int dt_scan(const struct dt_engine *e, const char *text, size_t len,
            const struct dt_ref *ref, dt_alloc_fn alloc, void *alloc_ctx,
            dt_emit_fn emit, void *emit_ctx)
{
	struct ctx c;
	memset(&c, 0, sizeof c);
	c.e = e;
	c.text = text;
	/* about one token per five bytes; runs of punctuation may need more,
	 * and then the text is lexed again with room for the worst case
	 * (both with LEX_WORD_ROOM more, for the lexer's word loop) */
	struct lex_out lo;
	memset(&lo, 0, sizeof lo);
	lo.cap = len / 3 + 16 + LEX_WORD_ROOM;
	/* One block per document for the tokens and the candidates, in
	 * that order (24 bytes a token keeps the candidates aligned): one
	 * arena call instead of two. A second lexing pass takes new ones. */
	_Static_assert(sizeof(struct token) % _Alignof(uint32_t) == 0,
	               "candidates after the tokens stay aligned");
	char *block = alloc(alloc_ctx,
	                    lo.cap * (sizeof *lo.tk + sizeof *lo.cand));
	if (!block)
		return -1;
	lo.tk = (struct token *)(void *)block;
	lo.cand = (uint32_t *)(void *)(block + lo.cap * sizeof *lo.tk);
	/* (the zero bytes the lexer reads past the end follow @text) */
	while (lex_scan(&e->lx, e->word_rules, text, len, &lo) != 0) {
		lo.cap = len + 1 + LEX_WORD_ROOM;
		lo.tk = alloc(alloc_ctx, lo.cap * sizeof *lo.tk);
		lo.cand = alloc(alloc_ctx, lo.cap * sizeof *lo.cand);
		if (!lo.tk || !lo.cand)
			return -1;
	}
	struct token *tk = lo.tk;
	c.tk = tk;
	c.n = lo.n;
	c.caseless = lo.ncaps * 40 < lo.nlower;
	if (ref && ref->has) {
		c.has_dct = true;
		c.dct = td_day(ref->y, ref->m, ref->d);
		c.dct_days = cal_days(ref->y, ref->m, ref->d);
	}
	size_t done = 0; /* tokens before this are inside an expression */
	for (size_t k = 0; k < lo.ncand; k++) {
		size_t i = lo.cand[k];
		if (i < done || !can_start(&c, i))
			continue;
		/* only function words start the modifiers and approximations
		 * of match_at() ("early", "about"): any other candidate without
		 * a rule to try matches nothing */
		unsigned mask = rules_at(&c, i);
		if (!mask && tk[i].cls != LX_FN)
			continue;
		/* match_at() fills all of @m whenever it returns non-zero */
		struct match m;
		size_t b = match_at(&c, i, mask, &m);
		if (!b)
			continue;
		struct dt_found f;  /* every field is set below */
		f.start = tk[i].start;
		f.end = tk[b - 1].end;
		f.type = (enum dt_type)m.type;
		f.anchor = (enum dt_anchor)m.anchor;
		f.mod = (enum dt_mod)m.mod;
		if (m.is_date)
			f.value_len = td_format(&m.td, f.value, sizeof f.value);
		else {
			size_t n = strnlen(m.lit, sizeof m.lit);
			if (n >= sizeof f.value)
				n = sizeof f.value - 1;
			memcpy(f.value, m.lit, n);
			f.value[n] = '\0';
			f.value_len = n;
		}
		if (m.is_date && m.type == DT_DATE && m.td.y != Y_UNKNOWN && !m.no_prev &&
		    m.td.gran >= G_YEAR) {
			c.has_prev = true;
			c.prev = m.td;
			if (c.prev.gran == G_TOD || c.prev.gran == G_MINUTE)
				c.prev.gran = G_DAY;
		}
		if (wanted(e, f.type)) {
			int rc = emit(emit_ctx, &f);
			if (rc)
				return rc;
		}
		done = b;
	}
	return 0;
}

/* Words outside the lexicon's classes that still start expressions, and
 * the rules each may start: "Q3", "New Year's Day", "these days",
 * "Valentine's Day", "right now", "no more than". "sometime" starts no
 * rule but stays a candidate (R_PREFIX runs nothing). */
static unsigned special_mask(const char *w)
{
	static const struct {
		const char *word;
		unsigned mask;
	} words[] = {{"q", R_QUARTER}, {"new", R_HOLIDAY}, {"these", R_FUZZY},
		{"valentine", R_HOLIDAY}, {"right", R_FUZZY},
		{"sometime", R_PREFIX}, {"no", R_DURATION}, {NULL, 0}};
	for (int k = 0; words[k].word; k++)
		if (strcmp(w, words[k].word) == 0)
			return words[k].mask;
	return 0;
}

int dt_engine_init(struct dt_engine *e, const struct dt_options *opt)
{
	e->opt = *opt;
	e->word_rules = NULL;
	if (lx_table_init(&e->lx) != 0)
		return -1;
	size_t n = lx_count(&e->lx);
	e->word_rules = calloc(n ? n : 1, sizeof *e->word_rules);
	if (!e->word_rules) {
		lx_table_free(&e->lx);
		return -1;
	}
	for (size_t k = 0; k < n; k++) {
		const struct lx_entry *x = &e->lx.entries[k];
		unsigned mask = x->cls == LX_NONE ? special_mask(x->word) :
		                word_mask(x->cls, x->val);
		/* "Sept" and "Fri" begin dates only written as abbreviations */
		e->word_rules[k] = (uint16_t)mask;
	}
	lx_mark_starts(&e->lx, e->word_rules);
	return 0;
}

void dt_engine_fini(struct dt_engine *e)
{
	free(e->word_rules);
	e->word_rules = NULL;
	lx_table_free(&e->lx);
}

const char *dt_type_name(enum dt_type t)
{
	static const char *const names[] = {"DATE", "TIME", "DURATION", "SET"};
	return (unsigned)t < 4 ? names[t] : "DATE";
}

const char *dt_anchor_name(enum dt_anchor a)
{
	static const char *const names[] = {"absolute", "dct", "previous", "none"};
	return (unsigned)a < 4 ? names[a] : "none";
}

const char *dt_mod_name(enum dt_mod m)
{
	static const char *const names[] = {NULL, "START", "MID", "END", "APPROX",
		"MORE_THAN", "LESS_THAN", "EQUAL_OR_MORE", "EQUAL_OR_LESS", "BEFORE",
		"AFTER", "ON_OR_AFTER", "ON_OR_BEFORE"};
	return (unsigned)m < sizeof names / sizeof names[0] ? names[m] : NULL;
}
