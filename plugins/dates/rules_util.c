/*
 * rules_util.c - token tests, number parsing and the resolution helpers
 * (tense, year of an undated month, weekday relative to the dct).
 */
#include "rules.h"

#include <stdio.h>
#include <string.h>

#include "calendar.h"

/* The rest of word_is(): token i is a word of @n bytes, as @lower is. */
bool word_is_at(const struct ctx *c, size_t i, const char *lower, size_t n)
{
	const char *w = c->text + c->tk[i].start;
	for (size_t k = 0; k < n; k++) {
		char ch = w[k];
		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch + 32);
		if (ch != lower[k])
			return false;
	}
	return true;
}

size_t possessive(const struct ctx *c, size_t i)
{
	if (is_punct(c, i, '\'') && glued(c, i) && word_is(c, i + 1, "s") &&
	    glued(c, i + 1))
		return 2;
	return 0;
}

/* A number word or a number word pair ("twenty-four", "twenty four"). */
static size_t number_words(const struct ctx *c, size_t i, long *v)
{
	if (!is_cls(c, i, LX_NUMW))
		return 0;
	long val = c->tk[i].val;
	size_t j = i + 1;
	if (val >= 20 && val % 10 == 0) {
		size_t k = j;
		if (is_punct(c, k, '-') && glued(c, k) && glued(c, k + 1))
			k++;
		if (is_cls(c, k, LX_NUMW) && c->tk[k].val > 0 && c->tk[k].val < 10) {
			val += c->tk[k].val;
			j = k + 1;
		}
	}
	if (is_fn(c, j, F_HUNDRED)) {
		val *= 100;
		j++;
	} else if (is_fn(c, j, F_THOUSAND)) {
		val *= 1000;
		j++;
	}
	*v = val;
	return j;
}

size_t parse_count(const struct ctx *c, size_t i, long *val2, bool *fuzzy,
                   bool allow_a)
{
	*fuzzy = false;
	if (i >= c->n)
		return 0;
	const struct token *t = &c->tk[i];
	if (t->kind == TK_NUM && !(t->flags & (TF_ALNUM | TF_ORD | TF_DECADE |
	                                       TF_DECIMAL))) {
		*val2 = t->num * 2;
		size_t j = i + 1;
		/* 5 1/2 */
		if (is_num(c, j) && c->tk[j].num == 1 && is_punct(c, j + 1, '/') &&
		    is_num(c, j + 2) && c->tk[j + 2].num == 2 && glued(c, j + 1) &&
		    glued(c, j + 2)) {
			*val2 += 1;
			j += 3;
		}
		return j;
	}
	if (t->kind == TK_NUM && (t->flags & TF_DECIMAL)) {
		/* 1.5 years -> halves only */
		const char *s = c->text + t->start;
		size_t len = t->end - t->start;
		const char *dot = memchr(s, '.', len);
		if (dot && (size_t)(dot - s) + 2 == len && dot[1] == '5') {
			*val2 = t->num * 2 + 1;
			return i + 1;
		}
		return 0;
	}
	long v;
	size_t j = number_words(c, i, &v);
	if (j) {
		*val2 = v * 2;
		/* "two and a half" */
		if (is_fn(c, j, F_AND) && is_fn(c, j + 1, F_A) &&
		    is_fn(c, j + 2, F_HALF)) {
			*val2 += 1;
			j += 3;
		}
		return j;
	}
	if (is_fn(c, i, F_A) || is_fn(c, i, F_AN)) {
		if (is_fn(c, i + 1, F_COUPLE) && is_fn(c, i + 2, F_OF)) {
			*val2 = 4;
			return i + 3;
		}
		if (is_fn(c, i + 1, F_FEW)) {
			*fuzzy = true;
			*val2 = 0;
			return i + 2;
		}
		if (is_fn(c, i + 1, F_DOZEN)) {
			*val2 = 24;
			return i + 2;
		}
		if (is_fn(c, i + 1, F_HALF)) {
			/* "a half year" */
			*val2 = 1;
			return i + 2;
		}
		if (allow_a) {
			*val2 = 2;
			return i + 1;
		}
		return 0;
	}
	if (is_fn(c, i, F_HALF) && (is_fn(c, i + 1, F_A) || is_fn(c, i + 1, F_AN))) {
		*val2 = 1;
		return i + 2;
	}
	if (is_fn(c, i, F_COUPLE) && is_fn(c, i + 1, F_OF)) {
		*val2 = 4;
		return i + 2;
	}
	if (is_fn(c, i, F_SEVERAL) || is_fn(c, i, F_MANY) ||
	    (is_fn(c, i, F_FEW))) {
		*fuzzy = true;
		*val2 = 0;
		return i + 1;
	}
	if (is_fn(c, i, F_DOZEN)) {
		*val2 = 24;
		return i + 1;
	}
	return 0;
}

size_t parse_year_words(const struct ctx *c, size_t i, int *year)
{
	/* "nineteen ninety-six", "two thousand", "two thousand and one" */
	if (!is_cls(c, i, LX_NUMW))
		return 0;
	long hi = c->tk[i].val;
	if (hi >= 10 && hi <= 20) {
		long lo;
		size_t j = number_words(c, i + 1, &lo);
		if (!j || lo < 10 || lo > 99)
			return 0;
		*year = (int)(hi * 100 + lo);
		return j;
	}
	if (hi == 2 && is_fn(c, i + 1, F_THOUSAND)) {
		size_t j = i + 2;
		long lo = 0;
		size_t k = j;
		if (is_fn(c, k, F_AND))
			k++;
		size_t e = number_words(c, k, &lo);
		if (e && lo < 100)
			j = e;
		else
			lo = 0;
		*year = (int)(2000 + lo);
		return j;
	}
	return 0;
}

/* Words that may stand before a month name used as a month. */
static bool month_context_before(const struct ctx *c, size_t i)
{
	if (i == 0)
		return false;
	size_t p = i - 1;
	if (is_punct(c, p, '-') && p > 0 && is_fn(c, p - 1, F_MID))
		return true;
	if (c->tk[p].cls != LX_FN)
		return false;
	switch (c->tk[p].val) {
	case F_IN: case F_SINCE: case F_BY: case F_UNTIL: case F_EARLY: case F_LATE:
	case F_MID: case F_LAST: case F_NEXT: case F_THIS: case F_OF: case F_DURING:
	case F_THROUGH: case F_FROM: case F_TO: case F_BEFORE: case F_AFTER:
	case F_EARLIER: case F_END: case F_BEGINNING: case F_START: case F_PAST:
	case F_COMING: case F_EVERY: case F_EACH: case F_MIDDLE: case F_ON:
	case F_WITHIN:
		return true;
	default:
		return false;
	}
}

static bool month_context_after(const struct ctx *c, size_t j)
{
	size_t k = j;
	if (is_punct(c, k, ','))
		k++;
	if (is_num(c, k) && c->tk[k].ndigits <= 4)
		return true;
	if (i_is_ord_day(c, k))
		return true;
	if (is_fn(c, j, F_LAST) || is_fn(c, j, F_THIS) || is_fn(c, j, F_NEXT))
		return is_cls(c, j + 1, LX_UNIT);
	return false;
}

int month_at(const struct ctx *c, size_t i, size_t *end, bool need_context)
{
	if (!is_cls(c, i, LX_MONTH))
		return 0;
	const struct token *t = &c->tk[i];
	size_t j = i + 1;
	/* the dot of an abbreviation belongs to the month: "Sept." */
	bool dot = is_punct(c, j, '.') && glued(c, j);
	if (dot && (t->lflags & LXF_ABBR))
		j++;
	bool cap = (t->flags & TF_CAP) != 0;
	if (t->lflags & LXF_ABBR) {
		/* "Sept." / "Feb 26": a capital and a dot or a number after */
		if (!cap && !c->caseless)
			return 0;
		if (!dot && !(is_num(c, j) && c->tk[j].ndigits <= 4))
			return 0;
	} else if (t->lflags & LXF_AMBIG) {
		/* "may" / "march" are also a verb and a noun; "the March for
		 * Life" is a name */
		size_t nx = j + 1 + (is_fn(c, j + 1, F_THE) ? 1 : 0);
		if ((is_fn(c, j, F_FOR) || is_fn(c, j, F_OF) || is_fn(c, j, F_ON) ||
		     is_fn(c, j, F_AGAINST)) &&
		    is_cap(c, nx) && c->tk[nx].cls == LX_NONE &&
		    !month_context_before(c, i))
			return 0;
		bool after = month_context_after(c, j);
		bool ctx_ok = after || month_context_before(c, i);
		if (!cap && !ctx_ok)
			return 0;
		/* lower case in cased text: "this march", "they may" */
		if (!cap && !c->caseless && !after)
			return 0;
		if (cap && !ctx_ok) {
			if (t->val == 5)
				return 0;
			/* "March" heading a sentence may be the verb */
			if (need_context || (t->flags & TF_FIRST))
				return 0;
			if (i > 0 && is_cap(c, i - 1) && !(c->tk[i - 1].flags & TF_FIRST))
				return 0;
		}
	} else if (!cap && !c->caseless) {
		/* lower-case month names in cased text are still months */
	}
	*end = j;
	return t->val;
}

bool i_is_ord_day(const struct ctx *c, size_t i)
{
	return i < c->n && c->tk[i].kind == TK_NUM &&
	       (c->tk[i].flags & TF_ORD) && c->tk[i].num >= 1 &&
	       c->tk[i].num <= 31;
}

bool year_at(const struct ctx *c, size_t i, int *year)
{
	if (!is_num(c, i) || c->tk[i].ndigits != 4)
		return false;
	long y = (long)c->tk[i].num;
	if (y < 1000 || y > 2199)
		return false;
	*year = (int)y;
	return true;
}

int unit_at(const struct ctx *c, size_t i, bool *plural)
{
	if (!is_cls(c, i, LX_UNIT)) {
		if (is_cls(c, i, LX_ORDW) && c->tk[i].val == 2 &&
		    word_is(c, i, "second")) {
			*plural = false;
			return U_SECOND;
		}
		return U_NONE;
	}
	*plural = (c->tk[i].lflags & LXF_PLURAL) != 0;
	return c->tk[i].val;
}

/* Whether token i is a past-tense-looking verb ("announced"). */
static bool past_verb(const struct ctx *c, size_t i)
{
	const struct token *t = &c->tk[i];
	if (t->kind != TK_WORD || (t->flags & TF_CAP))
		return false;
	size_t len = t->end - t->start;
	if (len < 5 || t->cls != LX_NONE)
		return false;
	const char *s = c->text + t->start;
	if (s[len - 2] != 'e' || s[len - 1] != 'd')
		return false;
	if (len >= 4 && strncmp(s + len - 4, "need", 4) == 0)
		return false;
	if (len >= 4 && strncmp(s + len - 4, "eed", 3) == 0)
		return false;
	if (len >= 7 && strncmp(s + len - 7, "hundred", 7) == 0)
		return false;
	/* a passive participle ("will be signed") says nothing of the tense */
	if (i > 0 && (word_is(c, i - 1, "be") || word_is(c, i - 1, "been") ||
	              word_is(c, i - 1, "being") || word_is(c, i - 1, "is") ||
	              word_is(c, i - 1, "are")))
		return false;
	return true;
}

/* "will be held", "would be signed", "is to be held": a past participle
 * after a modal or "to" and "be" looks ahead, not back. */
static bool after_future_be(const struct ctx *c, size_t i)
{
	if (i < 2 || !word_is(c, i - 1, "be"))
		return false;
	const struct token *m = &c->tk[i - 2];
	if (m->kind != TK_WORD || m->cls != LX_FN)
		return false;
	switch (m->val) {
	case F_WILL:
	case F_SHALL:
	case F_LL:
	case F_WOULD:
		return true;
	case F_TO:
		return true;
	default:
		return false;
	}
}

static int cue(const struct ctx *c, size_t i)
{
	const struct token *t = &c->tk[i];
	if (t->kind != TK_WORD)
		return 0;
	if (t->cls == LX_FN) {
		switch (t->val) {
		case F_WILL:
		case F_SHALL:
		case F_LL:
		case F_EXPECTED:
		case F_SCHEDULED:
		case F_PLANS:
		case F_PLANNED:
		case F_WOULD:
		case F_DUE:
		case F_NEXT:
		case F_COMING:
			return 1;
		case F_GOING:
			return is_fn(c, i + 1, F_TO) ? 1 : 0;
		case F_SET:
			/* "set to meet", "set for Friday" */
			return is_fn(c, i + 1, F_TO) || is_fn(c, i + 1, F_FOR) ? 1 : 0;
		case F_TO:
			/* "is to resume trading Tuesday" */
			return i > 0 && (is_fn(c, i - 1, F_IS) || is_fn(c, i - 1, F_ARE)) ? 1 : 0;
		case F_SOON:
		case F_EARLY:
			/* "as soon as Tuesday", "as early as Tuesday" */
			return i > 0 && word_is(c, i - 1, "as") && word_is(c, i + 1, "as") ? 1 : 0;
		case F_ENDED:
			return -1;
		case F_SINCE:
		case F_PASTV:
		case F_TAKE:
			if (word_is(c, i, "take") || word_is(c, i, "takes"))
				return 0;
			return t->val != F_SINCE && after_future_be(c, i) ? 1 : -1;
		case F_SAID:
		case F_WAS:
		case F_WERE:
		case F_HAD:
		case F_AGO:
		case F_LAST:
			return -1;
		default:
			return 0;
		}
	}
	if (past_verb(c, i))
		return after_future_be(c, i) ? 1 : -1;
	/* "effective Feb. 1": a change that takes effect */
	if (word_is(c, i, "effective"))
		return 1;
	return 0;
}

/* cue() without the call for the tokens that cannot be cues (most of
 * those tense_at() looks at): punctuation, numbers, words of the other
 * lexicon classes, and unknown words that are neither "effective" nor a
 * lower-case word of five letters or more (past_verb()). */
static inline int cue_at(const struct ctx *c, size_t i)
{
	const struct token *t = &c->tk[i];
	if (t->kind != TK_WORD)
		return 0;
	if (t->cls != LX_FN) {
		size_t len = t->end - t->start;
		if (len != 9 && (t->cls != LX_NONE || len < 5 || (t->flags & TF_CAP)))
			return 0;
	}
	return cue(c, i);
}

int tense_at(const struct ctx *c, size_t a, size_t b)
{
	/* the nearest cue in the sentence, before (up to 12 tokens) or after
	 * (up to 6) the expression; a cue before wins a tie */
	int before = 0, after = 0;
	size_t db = 0, da = 0;
	for (size_t k = a, steps = 0; k > 0 && steps < 12; steps++) {
		k--;
		int v = cue_at(c, k);
		if (v) {
			before = v;
			db = a - k;
			break;
		}
		if (c->tk[k].flags & (TF_FIRST | TF_PARA))
			break;
	}
	for (size_t k = b, steps = 0; k < c->n && steps < 6; k++, steps++) {
		if (c->tk[k].flags & (TF_FIRST | TF_PARA))
			break;
		/* a reporting clause after the expression ("..., Castro said")
		 * does not date it */
		if (is_fn(c, k, F_SAID))
			continue;
		int v = cue_at(c, k);
		if (v) {
			after = v;
			da = k - b + 1;
			break;
		}
	}
	/* a cue right before the expression is strong (+-2) */
	if (before && (!after || db <= da + 1))
		return db <= 3 ? 2 * before : before;
	return after;
}

int direction(const struct ctx *c, size_t a, size_t b)
{
	switch (c->e->opt.prefer) {
	case DP_PAST:
		return -1;
	case DP_FUTURE:
		return 1;
	default: {
		int t = tense_at(c, a, b);
		return t > 0 ? 1 : -1;
	}
	}
}

void year_deltas(struct ctx *c, int m, int d, long delta[3])
{
	int y = c->dct.y;
	if (!c->jan1_ok) {
		for (int k = 0; k < 3; k++)
			c->leap[k] = cal_leap(y - 1 + k);
		c->jan1[1] = cal_days(y, 1, 1);
		c->jan1[0] = c->jan1[1] - (c->leap[0] ? 366 : 365);
		c->jan1[2] = c->jan1[1] + (c->leap[1] ? 366 : 365);
		c->jan1_ok = true;
	}
	if (m < 1 || m > 12) {
		for (int k = 0; k < 3; k++) {
			int dd = d ? d : 15;
			int len = cal_days_in_month(y - 1 + k, m);
			if (dd > len)
				dd = len;
			delta[k] = cal_days(y - 1 + k, m, dd) - c->dct_days;
		}
		return;
	}
	/* the first of the month from 1 January of each year, a table of
	 * the days before each month and one more after February in a leap
	 * year: no division */
	static const short before[12] = {0, 31, 59, 90, 120, 151, 181, 212,
	                                 243, 273, 304, 334};
	static const signed char mlen[12] = {31, 28, 31, 30, 31, 30, 31, 31,
	                                     30, 31, 30, 31};
	for (int k = 0; k < 3; k++) {
		int leap = c->leap[k];
		int dd = d ? d : 15;
		int len = mlen[m - 1] + (m == 2 ? leap : 0);
		if (dd > len)
			dd = len;
		long first = c->jan1[k] + before[m - 1] + (m > 2 ? leap : 0);
		delta[k] = first + dd - 1 - c->dct_days;
	}}

/* year_pick() as an index 0..2 (inlined in the two callers below). */
static inline int pick(const long delta[3], int d, int tense)
{
	/* the nearest of last year's, this year's and next year's date, a
	 * date on the wrong side of the dct for the tense counting double */
	int best = 1;
	long best_cost = -1;
	for (int k = 0; k < 3; k++) {
		long cost = delta[k] < 0 ? -delta[k] : delta[k];
		if (!d && cost <= 16)
			cost = 0; /* the dct's own month */
		/* news reports more past than future: a slight bias */
		if (!tense && delta[k] > 1)
			cost += 20;
		if ((tense < 0 && delta[k] > 1) || (tense > 0 && delta[k] < -1))
			/* a verb right before a bare month binds it */
			cost = (!d && (tense == 2 || tense == -2)) ?
			       cost * 30 + 3100 : cost * 3 + 31;
		if (best_cost < 0 || cost < best_cost) {
			best_cost = cost;
			best = k;
		}
	}
	return best;
}

int leap_day_year(const struct ctx *c, int tense)
{
	/* the leap years before and after the dct's date: at most eight
	 * years apart (1896 -> 1904) */
	int before = c->dct.y;
	while (!cal_leap(before) || cal_days(before, 2, 29) > c->dct_days)
		before--;
	int after = before + 1;
	while (!cal_leap(after))
		after++;
	long back = c->dct_days - cal_days(before, 2, 29);
	long ahead = cal_days(after, 2, 29) - c->dct_days;
	/* a verb right before the expression decides ("was held on
	 * February 29"); a weaker cue counts as in pick(): a date on its
	 * wrong side costs three times its distance; ties go to the past,
	 * as news reports more past than future */
	if (tense <= -2)
		return before;
	if (tense >= 2)
		return after;
	if (tense < 0)
		ahead = ahead * 3 + 31;
	else if (tense > 0)
		back = back * 3 + 31;
	return ahead < back ? after : before;
}

int year_pick(const struct ctx *c, const long delta[3], int d, int tense)
{
	return c->dct.y - 1 + pick(delta, d, tense);
}

/* pick()'s cost of candidate @k without a tense (its lowest). */
static inline long base_cost(const long delta[3], int d, int k)
{
	long cost = delta[k] < 0 ? -delta[k] : delta[k];
	return !d && cost <= 16 ? 0 : cost;
}

int year_any_tense(const struct ctx *c, const long delta[3], int d)
{
	/* the common case first: the dct's year wins under every tense when
	 * its highest cost (with the penalty of the wrong side) is below the
	 * lowest cost of the other two (ties go to the earlier year, hence
	 * strictly below) */
	long b1 = base_cost(delta, d, 1);
	long worst = b1;
	if (delta[1] > 1 || delta[1] < -1)
		worst = !d ? b1 * 30 + 3100 : b1 * 3 + 31;
	if (worst < base_cost(delta, d, 0) && worst < base_cost(delta, d, 2))
		return c->dct.y;
	int k = pick(delta, d, -2);
	if (pick(delta, d, -1) != k || pick(delta, d, 0) != k ||
	    pick(delta, d, 1) != k || pick(delta, d, 2) != k)
		return Y_UNKNOWN;
	return c->dct.y - 1 + k;
}

int year_for(struct ctx *c, int m, int d, int tense)
{
	long delta[3];
	year_deltas(c, m, d, delta);
	return year_pick(c, delta, d, tense);
}

struct tdate weekday_date(const struct ctx *c, int wd, int dir)
{
	if (!c->has_dct) {
		struct tdate t = {.gran = G_DAY, .y = Y_UNKNOWN, .wd = wd};
		return t;
	}
	int cur = cal_weekday(c->dct_days);
	long delta;
	switch (dir) {
	case -2: /* strictly before */
		delta = -(((cur - wd) % 7 + 7) % 7);
		if (delta == 0)
			delta = -7;
		break;
	case 2: /* strictly after */
		delta = ((wd - cur) % 7 + 7) % 7;
		if (delta == 0)
			delta = 7;
		break;
	case 1:
		delta = ((wd - cur) % 7 + 7) % 7;
		break;
	default:
		delta = -(((cur - wd) % 7 + 7) % 7);
		break;
	}
	return td_days(c->dct_days + delta);
}

void set_date(struct match *m, struct tdate td, int anchor)
{
	m->is_date = true;
	m->td = td;
	m->anchor = anchor;
	if (m->type != DT_TIME && m->type != DT_SET)
		m->type = (td.gran == G_TOD || td.gran == G_MINUTE) ? DT_TIME :
		          DT_DATE;
}

void set_lit(struct match *m, int type, const char *value, int anchor)
{
	m->is_date = false;
	m->type = type;
	m->anchor = anchor;
	size_t n = strnlen(value, sizeof m->lit - 1);
	memcpy(m->lit, value, n);
	m->lit[n] = '\0';
}

void format_duration(char *buf, size_t size, long val2, bool fuzzy, int unit)
{
	char num[24];
	long whole = val2 / 2;
	bool half = val2 % 2;
	const char *u;
	bool time = false;
	long mult = 1;
	switch (unit) {
	case U_SECOND: u = "S"; time = true; break;
	case U_MINUTE: u = "M"; time = true; break;
	case U_HOUR: u = "H"; time = true; break;
	case U_DAY: u = "D"; break;
	case U_WEEKEND: u = "D"; mult = 2; break;
	case U_WEEK: u = "W"; break;
	case U_FORTNIGHT: u = "W"; mult = 2; break;
	case U_MONTH: u = "M"; break;
	case U_QUARTER: u = "Q"; break;
	case U_HALF: u = "M"; mult = 6; break;
	case U_DECADE: u = "Y"; mult = 10; break;
	case U_CENTURY: u = "Y"; mult = 100; break;
	case U_MILLENNIUM: u = "Y"; mult = 1000; break;
	default: u = "Y"; break;
	}
	if (fuzzy) {
		const char *fu = u;
		if (unit == U_DECADE)
			fu = "DE";
		else if (unit == U_CENTURY)
			fu = "CE";
		snprintf(buf, size, "P%sX%s", time ? "T" : "", fu);
		return;
	}
	if (half) {
		/* halves go one unit down where they can: 1.5 hours = PT1H30M */
		switch (unit) {
		case U_HOUR:
			if (whole)
				snprintf(buf, size, "PT%ldH30M", whole);
			else
				snprintf(buf, size, "PT30M");
			return;
		case U_YEAR:
			if (whole)
				snprintf(buf, size, "P%ldY6M", whole);
			else
				snprintf(buf, size, "P6M");
			return;
		case U_DAY:
			if (whole)
				snprintf(buf, size, "P%ldDT12H", whole);
			else
				snprintf(buf, size, "PT12H");
			return;
		case U_MINUTE:
			if (whole)
				snprintf(buf, size, "PT%ldM30S", whole);
			else
				snprintf(buf, size, "PT30S");
			return;
		case U_DECADE:
			snprintf(buf, size, "P%ldY", whole * 10 + 5);
			return;
		case U_MONTH:
			snprintf(buf, size, "P%ldD", whole * 30 + 15);
			return;
		case U_WEEK:
			snprintf(buf, size, "P%ldD", whole * 7 + 3);
			return;
		default:
			snprintf(num, sizeof num, "%ld.5", whole * mult);
			snprintf(buf, size, "P%s%s%s", time ? "T" : "", num, u);
			return;
		}
	}
	long v = whole * mult;
	if (v >= 0 && size >= 24) {
		/* the common case without snprintf: P3Y, PT5H, P21D */
		char digits[24];
		size_t nd = 0;
		do {
			digits[nd++] = (char)('0' + v % 10);
			v /= 10;
		} while (v);
		char *p = buf;
		*p++ = 'P';
		if (time)
			*p++ = 'T';
		while (nd)
			*p++ = digits[--nd];
		*p++ = u[0];
		*p = '\0';
		return;
	}
	snprintf(buf, size, "P%s%ld%s", time ? "T" : "", whole * mult, u);
}

struct tdate ref_day(const struct ctx *c)
{
	if (c->has_dct)
		return c->dct;
	struct tdate t = {.gran = G_DAY, .y = Y_UNKNOWN};
	return t;
}
