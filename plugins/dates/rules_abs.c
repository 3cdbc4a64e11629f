/*
 * rules_abs.c - calendar dates written out: numeric and ISO dates, month
 * names with days and years, years, decades and centuries.
 */
#include "rules.h"

#include <stddef.h>
#include <string.h>

#include "calendar.h"

/* Whether the number at i is glued to other digits around it (phone
 * numbers, ranges of codes, versions). */
static bool in_number_run(const struct ctx *c, size_t a, size_t b)
{
	if (a > 0 && glued(c, a) && c->tk[a - 1].kind == TK_PUNCT &&
	    strchr("-/.:$#", c->tk[a - 1].punct))
		return true;
	if (a > 0 && glued(c, a) && c->tk[a - 1].kind != TK_PUNCT)
		return true;
	if (b < c->n && glued(c, b) && c->tk[b].kind == TK_PUNCT &&
	    strchr("-/:%", c->tk[b].punct) && b + 1 < c->n &&
	    c->tk[b + 1].kind == TK_NUM && glued(c, b + 1))
		return true;
	if (b < c->n && glued(c, b) && is_punct(c, b, '%'))
		return true;
	if (b < c->n && glued(c, b) && c->tk[b].kind != TK_PUNCT)
		return true;
	return false;
}

size_t rule_numeric(struct ctx *c, size_t i, struct match *m)
{
	int y;
	/* ISO 8601: 2024-01-05 */
	if (year_at(c, i, &y) && (is_punct(c, i + 1, '-') || is_punct(c, i + 1, '/')) &&
	    glued(c, i + 1) && is_num(c, i + 2) && glued(c, i + 2) &&
	    c->tk[i + 2].ndigits == 2 && is_punct(c, i + 3, c->tk[i + 1].punct) &&
	    glued(c, i + 3) && is_num(c, i + 4) && glued(c, i + 4) &&
	    c->tk[i + 4].ndigits == 2) {
		int mo = (int)c->tk[i + 2].num, d = (int)c->tk[i + 4].num;
		if (mo < 1 || mo > 12 || d < 1 || d > cal_days_in_month(y, mo))
			return 0;
		if (in_number_run(c, i, i + 5))
			return 0;
		set_date(m, td_day(y, mo, d), DA_ABSOLUTE);
		return i + 5;
	}
	/* 1/5/2024, 05/01/24 */
	if (is_num(c, i) && c->tk[i].ndigits <= 2 && is_punct(c, i + 1, '/') &&
	    glued(c, i + 1) && is_num(c, i + 2) && glued(c, i + 2) &&
	    c->tk[i + 2].ndigits <= 2 && is_punct(c, i + 3, '/') &&
	    glued(c, i + 3) && is_num(c, i + 4) && glued(c, i + 4) &&
	    (c->tk[i + 4].ndigits == 4 || c->tk[i + 4].ndigits == 2)) {
		if (in_number_run(c, i, i + 5))
			return 0;
		int a = (int)c->tk[i].num, b = (int)c->tk[i + 2].num;
		y = (int)c->tk[i + 4].num;
		if (c->tk[i + 4].ndigits == 2)
			y += y < 50 ? 2000 : 1900;
		int mo = a, d = b;
		if (c->e->opt.order == DO_DMY) {
			mo = b;
			d = a;
		}
		if (mo > 12 && d <= 12) {
			int t = mo;
			mo = d;
			d = t;
		}
		if (mo < 1 || mo > 12 || d < 1 || d > cal_days_in_month(y, mo))
			return 0;
		set_date(m, td_day(y, mo, d), DA_ABSOLUTE);
		return i + 5;
	}
	return 0;
}

/* A day-of-month number at i (1..31, digits or ordinal). */
static int day_at(const struct ctx *c, size_t i)
{
	/* "March eighth", "the fifth of May" */
	if (is_cls(c, i, LX_ORDW) && c->tk[i].val >= 1 && c->tk[i].val <= 31)
		return c->tk[i].val;
	if (i >= c->n || c->tk[i].kind != TK_NUM)
		return 0;
	const struct token *t = &c->tk[i];
	if (t->flags & (TF_GROUPED | TF_DECIMAL | TF_ALNUM | TF_DECADE))
		return 0;
	if (t->ndigits > 2 || t->num < 1 || t->num > 31)
		return 0;
	/* "May 5:30", "March 3-1" */
	if (i + 1 < c->n && glued(c, i + 1) && ((is_punct(c, i + 1, ':') &&
	     i + 2 < c->n && glued(c, i + 2)) ||
	    is_punct(c, i + 1, '%') ||
	    (is_punct(c, i + 1, '-') && i + 2 < c->n && c->tk[i + 2].kind == TK_NUM)))
		return 0;
	return (int)t->num;
}

/* An explicit year after a month or day: ", 2024", "2024", "of 2024". */
static size_t year_after(const struct ctx *c, size_t j, int *y)
{
	size_t k = j;
	if (is_punct(c, k, ',') || is_fn(c, k, F_OF))
		k++;
	if (year_at(c, k, y) && !in_number_run(c, k, k + 1))
		return k + 1;
	if (is_punct(c, k, '\'') && is_num(c, k + 1) && c->tk[k + 1].ndigits == 2 &&
	    glued(c, k + 1)) {
		*y = 1900 + (int)c->tk[k + 1].num;
		return k + 2;
	}
	size_t e = parse_year_words(c, k, y);
	if (e)
		return e;
	return 0;
}

/* "last year", "this year", "next year" after a month: the year. */
static size_t rel_year_after(const struct ctx *c, size_t j, int *y)
{
	if (!c->has_dct)
		return 0;
	int u;
	bool pl;
	if ((is_fn(c, j, F_LAST) || is_fn(c, j, F_THIS) || is_fn(c, j, F_NEXT)) &&
	    (u = unit_at(c, j + 1, &pl)) == U_YEAR && !pl) {
		*y = c->dct.y + (is_fn(c, j, F_LAST) ? -1 : is_fn(c, j, F_NEXT) ? 1 : 0);
		return j + 2;
	}
	return 0;
}

static void month_day(struct ctx *c, struct match *m, size_t a, size_t b,
                      int mo, int d, int y, bool rel_year)
{
	if (y != Y_UNKNOWN) {
		if (d && d > cal_days_in_month(y, mo))
			d = cal_days_in_month(y, mo);
		set_date(m, d ? td_day(y, mo, d) : td_month(y, mo),
		         rel_year ? DA_DCT : DA_ABSOLUTE);
		return;
	}
	if (!c->has_dct) {
		set_date(m, d ? td_day(Y_UNKNOWN, mo, d) : td_month(Y_UNKNOWN, mo),
		         DA_NONE);
		return;
	}
	if (mo == 2 && d == 29) {
		/* a leap day: only leap years are candidates, and they are
		 * four years apart, so the tense decides alone */
		int tense = c->e->opt.prefer == DP_NEWS ? tense_at(c, a, b) :
		            c->e->opt.prefer == DP_PAST ? -1 : 1;
		set_date(m, td_day(leap_day_year(c, tense), mo, d), DA_DCT);
		return;
	}
	long delta[3];
	year_deltas(c, mo, d, delta);
	if (c->e->opt.prefer == DP_NEWS) {
		/* tense_at() looks at up to 18 tokens, and most dates are near
		 * enough to the dct that every tense gives the same year */
		y = year_any_tense(c, delta, d);
		if (y == Y_UNKNOWN)
			y = year_pick(c, delta, d, tense_at(c, a, b));
	} else {
		y = year_pick(c, delta, d, c->e->opt.prefer == DP_PAST ? -1 : 1);
	}
	/* a day past the month's end ("June 31", a slip of the text) is
	 * its last day, as with a year given above */
	if (d && d > cal_days_in_month(y, mo))
		d = cal_days_in_month(y, mo);
	set_date(m, d ? td_day(y, mo, d) : td_month(y, mo), DA_DCT);
}

size_t rule_month_date(struct ctx *c, size_t i, struct match *m)
{
	size_t j = i, k;
	int wd = 0;
	/* Friday, Oct. 23 */
	if (is_cls(c, j, LX_WDAY) && !(c->tk[j].lflags & LXF_PLURAL)) {
		size_t w = j + 1;
		if (is_punct(c, w, '.') && glued(c, w))
			w++;
		if (is_punct(c, w, ','))
			w++;
		int mo = month_at(c, w, &k, false);
		if (mo && day_at(c, k)) {
			wd = c->tk[j].val;
			j = w;
		}
	}
	int mo = month_at(c, j, &k, false);
	if (mo) {
		int y = Y_UNKNOWN;
		int d = day_at(c, k);
		size_t e;
		if (d) {
			size_t end = k + 1;
			if ((e = year_after(c, end, &y)) != 0) {
				month_day(c, m, i, e, mo, d, y, false);
				return e;
			}
			if ((e = rel_year_after(c, end, &y)) != 0) {
				month_day(c, m, i, e, mo, d, y, true);
				return e;
			}
			month_day(c, m, i, end, mo, d, Y_UNKNOWN, false);
			return end;
		}
		if (wd)
			return 0;
		if ((e = year_after(c, k, &y)) != 0) {
			month_day(c, m, i, e, mo, 0, y, false);
			return e;
		}
		if ((e = rel_year_after(c, k, &y)) != 0) {
			month_day(c, m, i, e, mo, 0, y, true);
			return e;
		}
		/* a bare month name */
		month_day(c, m, i, k, mo, 0, Y_UNKNOWN, false);
		return k;
	}
	/* 5 January 2024, 25th of March */
	int d = day_at(c, i);
	if (d) {
		size_t w = i + 1;
		if (is_fn(c, w, F_OF))
			w++;
		mo = month_at(c, w, &k, false);
		bool ordinal = (c->tk[i].flags & TF_ORD) || c->tk[i].cls == LX_ORDW;
		/* columns of a table ("22    AUG") are not a date */
		if (mo && c->tk[i + 1].start - c->tk[i].end > 2)
			mo = 0;
		/* "5 January", "25th of March", "the fifth of May" */
		if (mo && ((w == i + 1 && c->tk[i].kind == TK_NUM) ||
		           (w == i + 2 && ordinal))) {
			int y = Y_UNKNOWN;
			size_t e;
			if ((e = year_after(c, k, &y)) != 0) {
				month_day(c, m, i, e, mo, d, y, false);
				return e;
			}
			month_day(c, m, i, k, mo, d, Y_UNKNOWN, false);
			return k;
		}
	}
	/* "on the 6th": a day of the dct's month */
	if (is_fn(c, i, F_THE) && i > 0 && is_fn(c, i - 1, F_ON) &&
	    i_is_ord_day(c, i + 1)) {
		size_t nx = i + 2;
		const struct token *t = tok(c, nx);
		if (t && t->kind == TK_WORD && t->cls != LX_FN && t->cls != LX_TOD)
			return 0;
		if (t && t->kind == TK_WORD && (t->flags & TF_CAP) &&
		    !(t->flags & TF_FIRST))
			return 0;
		d = (int)c->tk[i + 1].num;
		if (!c->has_dct) {
			set_date(m, td_day(Y_UNKNOWN, 0, d), DA_NONE);
			return nx;
		}
		/* the nearest such day: last, this or next month */
		int tense = c->e->opt.prefer == DP_NEWS ? tense_at(c, i, nx) :
		            c->e->opt.prefer == DP_PAST ? -1 : 1;
		int yy = 0, mm = 0, dd = d;
		long best = -1;
		for (int off = -1; off <= 1; off++) {
			int cy = c->dct.y, cm = c->dct.m;
			cal_add_months(&cy, &cm, NULL, off);
			if (d > cal_days_in_month(cy, cm))
				continue;
			long delta = cal_days(cy, cm, d) - c->dct_days;
			long cost = delta < 0 ? -delta : delta;
			if ((tense < 0 && delta > 1) || (tense > 0 && delta < -1))
				cost = cost * 3 + 31;
			if (best < 0 || cost < best) {
				best = cost;
				yy = cy;
				mm = cm;
			}
		}
		if (best < 0)
			return 0;
		set_date(m, td_day(yy, mm, dd), DA_DCT);
		return nx;
	}
	return 0;
}

/* Words before a number that make it a label, not a year. */
static bool label_before(const struct ctx *c, size_t i)
{
	if (i == 0)
		return false;
	size_t p = i - 1;
	if (is_punct(c, p, '.') && p > 0)
		p--; /* "No. 1990" */
	/* one switch rather than a loop of is_fn() over the words: it runs
	 * for every year candidate */
	if (c->tk[p].cls == LX_FN) {
		switch (c->tk[p].val) {
		case F_SECTION: case F_FLEET: case F_ARMY: case F_CHAPTER:
		case F_ARTICLE: case F_ROUTE:
			return true;
		default:
			break;
		}
	}
	if (c->tk[p].kind == TK_WORD && (c->tk[p].lflags & LXF_LABEL))
		return true;
	if (is_punct(c, i - 1, '$') || is_punct(c, i - 1, '#'))
		return true;
	return false;
}

/* Words after a number that make it a quantity, not a year. */
static bool quantity_after(const struct ctx *c, size_t j)
{
	const struct token *t = tok(c, j);
	if (!t)
		return false;
	if (t->kind == TK_PUNCT && t->punct == '%')
		return true;
	if (t->kind != TK_WORD)
		return false;
	if (t->kind == TK_WORD && ((t->lflags & LXF_QTY) || (t->cls == LX_FN &&
	                                                     t->val == F_TIMES)))
		return true;
	return false;
}

static bool year_preposition(const struct ctx *c, size_t i)
{
	if (i == 0 || i - 1 >= c->n || c->tk[i - 1].cls != LX_FN)
		return false;
	switch (c->tk[i - 1].val) {
	case F_IN: case F_SINCE: case F_BY: case F_UNTIL: case F_OF: case F_DURING:
	case F_THROUGH: case F_FROM: case F_TO: case F_BEFORE: case F_AFTER:
	case F_FISCAL: case F_EARLY: case F_LATE: case F_MID: case F_END:
	case F_AND: case F_OR: case F_AROUND: case F_ABOUT:
		return true;
	default:
		return false;
	}
}

/* "his", "their early": an age follows ("in his 30s"). */
static bool age_owner_before(const struct ctx *c, size_t i)
{
	static const char *const owners[] = {"his", "her", "their", "my",
		"your", "our", "its", NULL};
	size_t p = i;
	if (p > 0 && (is_fn(c, p - 1, F_EARLY) || is_fn(c, p - 1, F_LATE) ||
	              is_fn(c, p - 1, F_MID)))
		p--;
	if (p > 0 && is_punct(c, p - 1, '-'))
		p--;
	if (p > 0 && (is_fn(c, p - 1, F_EARLY) || is_fn(c, p - 1, F_MID)))
		p--;
	for (int k = 0; p > 0 && owners[k]; k++)
		if (word_is(c, p - 1, owners[k]))
			return true;
	return false;
}

size_t rule_year(struct ctx *c, size_t i, struct match *m)
{
	size_t j = i;
	int y;
	bool the = false;
	if (is_fn(c, j, F_THE)) {
		the = true;
		j++;
	}
	/* decades: 1990s, '90s, the 1980s */
	size_t dj = j;
	if (is_punct(c, dj, '\'') && c->tk[dj].kind == TK_PUNCT)
		dj++;
	if (dj < c->n && c->tk[dj].kind == TK_NUM && (c->tk[dj].flags & TF_DECADE) &&
	    !(c->tk[dj].flags & (TF_GROUPED | TF_DECIMAL)) &&
	    c->tk[dj].num % 10 == 0 &&
	    (c->tk[dj].ndigits == 4 || c->tk[dj].ndigits == 2)) {
		long v = c->tk[dj].num;
		/* "in his 30s" is an age */
		if (c->tk[dj].ndigits == 2 && age_owner_before(c, i))
			return 0;
		if (c->tk[dj].ndigits == 2)
			v += (c->has_dct && c->dct.y >= 2000 && v + 2000 <= c->dct.y) ?
			     2000 : 1900;
		if (v < 1000 || v > 2190)
			return 0;
		struct tdate t = {.gran = G_DECADE, .y = (int)v};
		if (v % 100 == 0 && c->tk[dj].ndigits == 4)
			t.gran = G_CENTURY;
		set_date(m, t, DA_ABSOLUTE);
		return dj + 1;
	}
	/* centuries: the 20th century, the twentieth century */
	if ((j < c->n && c->tk[j].kind == TK_NUM && (c->tk[j].flags & TF_ORD) &&
	     c->tk[j].num >= 1 && c->tk[j].num <= 22) || is_cls(c, j, LX_ORDW)) {
		int n = c->tk[j].kind == TK_NUM ? (int)c->tk[j].num : c->tk[j].val;
		size_t k = j + 1;
		if (is_punct(c, k, '-') && glued(c, k))
			k++;
		bool pl;
		if (n >= 1 && unit_at(c, k, &pl) == U_CENTURY && !pl) {
			struct tdate t = {.gran = G_CENTURY, .y = (n - 1) * 100};
			set_date(m, t, DA_ABSOLUTE);
			return k + 1;
		}
	}
	if (the) {
		/* the year 2000, the year two thousand */
		bool pl;
		if (unit_at(c, j, &pl) == U_YEAR && !pl) {
			size_t e;
			if (year_at(c, j + 1, &y)) {
				set_date(m, td_year(y), DA_ABSOLUTE);
				return j + 2;
			}
			if ((e = parse_year_words(c, j + 1, &y)) != 0) {
				set_date(m, td_year(y), DA_ABSOLUTE);
				return e;
			}
		}
		return 0;
	}
	/* fiscal 1990, fiscal year 1990 */
	if (is_fn(c, j, F_FISCAL)) {
		size_t k = j + 1;
		bool pl;
		if (unit_at(c, k, &pl) == U_YEAR && !pl)
			k++;
		if (year_at(c, k, &y)) {
			set_date(m, td_year(y), DA_ABSOLUTE);
			return k + 1;
		}
		if (is_punct(c, k, '\'') && is_num(c, k + 1) && c->tk[k + 1].ndigits == 2) {
			set_date(m, td_year(1900 + (int)c->tk[k + 1].num), DA_ABSOLUTE);
			return k + 2;
		}
		return 0;
	}
	size_t e = parse_year_words(c, j, &y);
	if (e && y >= 1900 && y <= 2099) {
		/* "nineteen ninety-six"; "two thousand" needs a year context */
		if (y % 1000 != 0 || year_preposition(c, j)) {
			set_date(m, td_year(y), DA_ABSOLUTE);
			return e;
		}
	}
	if (!year_at(c, j, &y))
		return 0;
	if (in_number_run(c, j, j + 1) || label_before(c, j) ||
	    quantity_after(c, j + 1))
		return 0;
	if (y < 1900 || y > 2099) {
		if (!year_preposition(c, j))
			return 0;
	}
	/* 1990's as a decade after "the", "early", "late" */
	size_t ps = possessive(c, j + 1);
	if (ps && y % 10 == 0 && i > 0 && (is_fn(c, i - 1, F_THE) ||
	    is_fn(c, i - 1, F_EARLY) || is_fn(c, i - 1, F_LATE))) {
		struct tdate t = {.gran = G_DECADE, .y = y};
		set_date(m, t, DA_ABSOLUTE);
		return j + 1 + ps;
	}
	set_date(m, td_year(y), DA_ABSOLUTE);
	return j + 1;
}
