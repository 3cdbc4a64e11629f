/*
 * rules_abs.c - calendar dates written out: numeric and ISO dates, month
 * names with days and years, years, decades and centuries, quarters and
 * halves, clock times and holidays.
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
	int t = c->e->opt.prefer == DP_NEWS ? tense_at(c, a, b) :
	        c->e->opt.prefer == DP_PAST ? -1 : 1;
	y = year_for(c, mo, d, t);
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
			(void)wd;
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
		if (mo && (w == i + 1 || (c->tk[i].flags & TF_ORD))) {
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
	static const int labels[] = {F_SECTION, F_FLEET, F_ARMY, F_CHAPTER,
		F_ARTICLE, F_ROUTE, 0};
	for (int k = 0; labels[k]; k++)
		if (is_fn(c, p, labels[k]))
			return true;
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
	if (i == 0)
		return false;
	static const int ok[] = {F_IN, F_SINCE, F_BY, F_UNTIL, F_OF, F_DURING,
		F_THROUGH, F_FROM, F_TO, F_BEFORE, F_AFTER, F_FISCAL, F_EARLY,
		F_LATE, F_MID, F_END, F_AND, F_OR, F_AROUND, F_ABOUT, 0};
	for (int k = 0; ok[k]; k++)
		if (is_fn(c, i - 1, ok[k]))
			return true;
	return false;
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

/* The most recent quarter that has ended before the dct. */
static struct tdate last_quarter(const struct ctx *c)
{
	int q = (c->dct.m - 1) / 3 + 1;
	if (q == 1)
		return td_quarter(c->dct.y - 1, 4);
	return td_quarter(c->dct.y, q - 1);
}

/* The quarter or half @q of an unstated year. */
static struct tdate quarter_of(struct ctx *c, int g, int q, size_t a, size_t b,
                               int *anchor)
{
	struct tdate t = {.gran = g, .y = Y_UNKNOWN, .q = q};
	*anchor = DA_NONE;
	if (!c->has_dct)
		return t;
	*anchor = DA_DCT;
	t.y = c->dct.y;
	int first_month = g == G_QUARTER ? 3 * (q - 1) + 1 : 6 * (q - 1) + 1;
	if (first_month > c->dct.m && tense_at(c, a, b) <= 0)
		t.y--;
	return t;
}

static int ordinal_at(const struct ctx *c, size_t i)
{
	if (is_cls(c, i, LX_ORDW))
		return c->tk[i].val;
	if (i < c->n && c->tk[i].kind == TK_NUM && (c->tk[i].flags & TF_ORD))
		return (int)c->tk[i].num;
	if (is_fn(c, i, F_LAST) && word_is(c, i, "final"))
		return -1;
	return 0;
}

/* "year-ago" / "year-earlier" at i (three tokens, glued). */
static bool year_ago_at(const struct ctx *c, size_t i)
{
	return word_is(c, i, "year") && is_punct(c, i + 1, '-') && glued(c, i + 1) &&
	       glued(c, i + 2) && (is_fn(c, i + 2, F_AGO) || is_fn(c, i + 2, F_EARLIER));
}

/* The quarter (or year) an unqualified "the quarter" or "year-ago" is
 * about: the one last mentioned, else the last one ended before the dct. */
static struct tdate current_period(const struct ctx *c, int g, int *anchor)
{
	if (c->has_prev && c->prev.gran == g && c->prev.y != Y_UNKNOWN) {
		*anchor = DA_PREVIOUS;
		return c->prev;
	}
	if (!c->has_dct) {
		*anchor = DA_NONE;
		struct tdate t = {.gran = g, .y = Y_UNKNOWN};
		return t;
	}
	*anchor = DA_DCT;
	return g == G_QUARTER ? last_quarter(c) : td_year(c->dct.y);
}

/* Qualifiers of a period after "the": "the 1988 third quarter", "the
 * year-ago period", "the latest fiscal year". */
struct period_quals {
	int year;      /* an explicit year, or Y_UNKNOWN */
	int shift;     /* -1 for year-ago / year-earlier */
	bool latest;   /* latest, current, same, comparable */
	bool current;
};

static size_t period_quals(const struct ctx *c, size_t k, struct period_quals *q)
{
	q->year = Y_UNKNOWN;
	q->shift = 0;
	q->latest = q->current = false;
	for (;;) {
		int y;
		if (year_at(c, k, &y) && !possessive(c, k + 1) && q->year == Y_UNKNOWN) {
			q->year = y;
			k++;
		} else if (year_ago_at(c, k)) {
			q->shift = -1;
			k += 3;
		} else if (is_fn(c, k, F_LATEST) || is_fn(c, k, F_SAME) ||
		           word_is(c, k, "comparable") || word_is(c, k, "corresponding")) {
			q->latest = true;
			k++;
		} else if (is_fn(c, k, F_CURRENT)) {
			q->current = true;
			k++;
		} else if (is_fn(c, k, F_FISCAL)) {
			k++;
			if (is_punct(c, k, '-') && glued(c, k))
				k++;
		} else {
			return k;
		}
	}
}

size_t rule_quarter(struct ctx *c, size_t i, struct match *m)
{
	size_t j = i;
	bool pl;
	int y = Y_UNKNOWN, anchor = DA_ABSOLUTE;
	/* Q3 2024 */
	if (word_is(c, j, "q") && is_num(c, j + 1) && glued(c, j + 1) &&
	    c->tk[j + 1].num >= 1 && c->tk[j + 1].num <= 4) {
		int q = (int)c->tk[j + 1].num;
		size_t e = j + 2;
		if (year_at(c, e, &y)) {
			set_date(m, td_quarter(y, q), DA_ABSOLUTE);
			return e + 1;
		}
		struct tdate t = quarter_of(c, G_QUARTER, q, i, e, &anchor);
		set_date(m, t, anchor);
		return e;
	}
	/* year-earlier, year-ago as adjectives: "up from a year-earlier $5" */
	if (year_ago_at(c, j)) {
		struct tdate t = current_period(c, G_QUARTER, &anchor);
		if (anchor != DA_PREVIOUS && c->has_prev && c->prev.gran == G_YEAR)
			t = current_period(c, G_YEAR, &anchor);
		else if (anchor != DA_PREVIOUS && c->has_dct)
			t = td_year(c->dct.y);
		if (t.y != Y_UNKNOWN)
			t.y--;
		set_date(m, t, anchor);
		m->no_prev = true;
		return j + 3;
	}
	/* this year's third quarter, 1990's second half */
	size_t k = j;
	if ((is_fn(c, k, F_THIS) || is_fn(c, k, F_LAST) || is_fn(c, k, F_NEXT)) &&
	    unit_at(c, k + 1, &pl) == U_YEAR && !pl && possessive(c, k + 2)) {
		if (c->has_dct) {
			y = c->dct.y + (is_fn(c, k, F_LAST) ? -1 : is_fn(c, k, F_NEXT) ? 1 : 0);
			anchor = DA_DCT;
		} else {
			anchor = DA_NONE;
		}
		k += 4;
	} else if (year_at(c, k, &y) && possessive(c, k + 1)) {
		k += 3;
	} else {
		y = Y_UNKNOWN;
		k = j;
	}
	bool the = false;
	struct period_quals q = {Y_UNKNOWN, 0, false, false};
	if (k == j && is_fn(c, k, F_THE)) {
		the = true;
		k = period_quals(c, k + 1, &q);
		if (q.year != Y_UNKNOWN)
			y = q.year;
	} else if (is_fn(c, k, F_FISCAL)) {
		k++;
	}
	int ord = ordinal_at(c, k);
	/* "the last half of 1989" */
	if (!ord && the && is_fn(c, k, F_LAST) && is_fn(c, k + 1, F_HALF))
		ord = 2;
	if (ord) {
		size_t u = k + 1;
		bool hy = is_punct(c, u, '-') && glued(c, u);
		if (hy)
			u++;
		int unit = unit_at(c, u, &pl);
		bool half = is_fn(c, u, F_HALF);
		if ((unit == U_QUARTER && !pl && ord <= 4) || (half && ord <= 2)) {
			if (ord < 0)
				ord = half ? 2 : 4;
			int g = half ? G_HALF : G_QUARTER;
			size_t e = u + 1;
			/* a hyphenated adjective does not take "the" */
			if (hy && the && k == j + 1)
				return 0;
			if (y == Y_UNKNOWN) {
				size_t f = e;
				if (is_fn(c, f, F_OF) || is_punct(c, f, ','))
					f++;
				if (is_fn(c, f, F_FISCAL))
					f++;
				if (year_at(c, f, &y)) {
					e = f + 1;
					anchor = DA_ABSOLUTE;
				} else if (is_fn(c, e, F_OF) &&
				           (is_fn(c, e + 1, F_THIS) ||
				            is_fn(c, e + 1, F_LAST) ||
				            is_fn(c, e + 1, F_NEXT)) &&
				           unit_at(c, e + 2, &pl) == U_YEAR && !pl &&
				           c->has_dct) {
					y = c->dct.y + (is_fn(c, e + 1, F_LAST) ? -1 :
					                is_fn(c, e + 1, F_NEXT) ? 1 : 0);
					anchor = DA_DCT;
					e += 3;
				} else if (is_fn(c, e, F_OF) && is_fn(c, e + 1, F_THE) &&
				           unit_at(c, e + 2, &pl) == U_YEAR && !pl) {
					e += 3;
				}
			}
			struct tdate t;
			if (y == Y_UNKNOWN && anchor != DA_NONE) {
				t = quarter_of(c, g, ord, i, e, &anchor);
			} else {
				t.gran = g;
				t.y = y;
				t.q = ord;
			}
			if (q.shift && t.y != Y_UNKNOWN) {
				t.y += q.shift;
				m->no_prev = true;
			}
			memset(&t.m, 0, sizeof t - offsetof(struct tdate, m));
			t.q = ord;
			set_date(m, t, anchor);
			return e;
		}
		/* the first nine months (of the year): a duration */
		long v2;
		bool fz;
		size_t e;
		if (the && (e = parse_count(c, k + 1, &v2, &fz, false)) != 0 &&
		    unit_at(c, e, &pl) == U_MONTH && pl && ord == 1) {
			format_duration(m->lit, sizeof m->lit, v2, fz, U_MONTH);
			m->type = DT_DURATION;
			m->anchor = DA_ABSOLUTE;
			return e + 1;
		}
		return 0;
	}
	if (!the)
		return 0;
	/* the nine months, the year-earlier nine months */
	long v2;
	bool fz;
	size_t e = parse_count(c, k, &v2, &fz, false);
	if (e && !fz && unit_at(c, e, &pl) == U_MONTH && pl && v2 >= 4 && v2 <= 22) {
		format_duration(m->lit, sizeof m->lit, v2, fz, U_MONTH);
		m->type = DT_DURATION;
		m->anchor = DA_ABSOLUTE;
		return e + 1;
	}
	/* the quarter, the latest quarter, the year-ago period, the 1988 period */
	int unit = unit_at(c, k, &pl);
	bool qualified = q.shift || q.latest || q.current || q.year != Y_UNKNOWN;
	bool period = is_fn(c, k, F_PERIOD) && qualified;
	if ((unit == U_QUARTER && !pl) || period) {
		struct tdate t;
		if (q.current && c->has_dct) {
			t = td_quarter(c->dct.y, (c->dct.m - 1) / 3 + 1);
			anchor = DA_DCT;
		} else {
			t = current_period(c, G_QUARTER, &anchor);
		}
		if (q.year != Y_UNKNOWN && t.y != Y_UNKNOWN && unit == U_QUARTER)
			t.y = q.year;
		else if (q.year != Y_UNKNOWN && period)
			t = c->has_prev && c->prev.gran == G_QUARTER ?
			    td_quarter(q.year, c->prev.q) : td_year(q.year);
		if (q.shift && t.y != Y_UNKNOWN) {
			t.y += q.shift;
			m->no_prev = true;
		}
		set_date(m, t, anchor);
		return k + 1;
	}
	/* the current fiscal year, the latest fiscal year, the year-ago year */
	if (unit == U_YEAR && !pl && qualified && !possessive(c, k + 1)) {
		struct tdate t;
		if (q.year != Y_UNKNOWN) {
			t = td_year(q.year);
			anchor = DA_ABSOLUTE;
		} else {
			t = current_period(c, G_YEAR, &anchor);
			if (q.current && c->has_dct) {
				t = td_year(c->dct.y);
				anchor = DA_DCT;
			}
		}
		if (q.shift && t.y != Y_UNKNOWN) {
			t.y += q.shift;
			m->no_prev = true;
		}
		set_date(m, t, anchor);
		return k + 1;
	}
	return 0;
}

/* A day after a clock time: "Tuesday", "yesterday", "Oct. 5". */
static size_t time_day(struct ctx *c, size_t j, struct tdate *day, int *anchor)
{
	size_t k = j;
	if (is_fn(c, k, F_ON))
		k++;
	if (is_cls(c, k, LX_WDAY) && !(c->tk[k].lflags & (LXF_PLURAL | LXF_ABBR))) {
		*day = weekday_date(c, c->tk[k].val, direction(c, j, k + 1));
		*anchor = c->has_dct ? DA_DCT : DA_NONE;
		return k + 1;
	}
	if (is_fn(c, k, F_TODAY) || is_fn(c, k, F_YESTERDAY) || is_fn(c, k, F_TOMORROW)) {
		struct tdate r = ref_day(c);
		int off = is_fn(c, k, F_YESTERDAY) ? -1 : is_fn(c, k, F_TOMORROW) ? 1 : 0;
		*day = c->has_dct ? td_shift(r, U_DAY, off) : r;
		*anchor = c->has_dct ? DA_DCT : DA_NONE;
		return k + 1;
	}
	struct match mm = {0};
	size_t e = rule_month_date(c, k, &mm);
	if (e && mm.is_date && mm.td.gran == G_DAY) {
		*day = mm.td;
		*anchor = mm.anchor;
		return e;
	}
	return 0;
}

size_t rule_time(struct ctx *c, size_t i, struct match *m)
{
	int hh = -1, mm = 0;
	size_t j = i;
	if (is_num(c, j) && c->tk[j].ndigits <= 2 && is_punct(c, j + 1, ':') &&
	    glued(c, j + 1) && is_num(c, j + 2) && glued(c, j + 2) &&
	    c->tk[j + 2].ndigits == 2) {
		if (i > 0 && glued(c, i) && c->tk[i - 1].kind != TK_WORD)
			return 0;
		hh = (int)c->tk[j].num;
		mm = (int)c->tk[j + 2].num;
		if (hh > 24 || mm > 59)
			return 0;
		j += 3;
		if (is_punct(c, j, ':') && glued(c, j) && is_num(c, j + 1) &&
		    c->tk[j + 1].ndigits == 2)
			j += 2;
		if (is_punct(c, j, ':') || is_punct(c, j, '-'))
			return 0;
	} else if (is_num(c, j) && c->tk[j].ndigits <= 2 &&
	           (is_fn(c, j + 1, F_AM) || is_fn(c, j + 1, F_PM) ||
	            word_is(c, j + 1, "o"))) {
		hh = (int)c->tk[j].num;
		if (hh < 1 || hh > 12)
			return 0;
		j++;
		if (word_is(c, j, "o")) {
			if (!(is_punct(c, j + 1, '\'') && word_is(c, j + 2, "clock")))
				return 0;
			j += 3;
		}
	} else if (is_cls(c, j, LX_TOD) && (c->tk[j].val == T_NOON ||
	           c->tk[j].val == T_MIDNIGHT || c->tk[j].val == T_MIDDAY)) {
		hh = c->tk[j].val == T_MIDNIGHT ? 24 : 12;
		j++;
		struct tdate day;
		int anchor;
		size_t e = time_day(c, j, &day, &anchor);
		if (!e) {
			if (!(i > 0 && (is_fn(c, i - 1, F_AT) || is_fn(c, i - 1, F_BY) ||
			                is_fn(c, i - 1, F_UNTIL) || is_fn(c, i - 1, F_AFTER) ||
			                is_fn(c, i - 1, F_BEFORE))))
				return 0;
			day = ref_day(c);
			anchor = c->has_dct ? DA_DCT : DA_NONE;
			e = j;
		}
		day.gran = G_MINUTE;
		day.hh = hh;
		day.mm = 0;
		set_date(m, day, anchor);
		m->type = DT_TIME;
		return e;
	} else {
		return 0;
	}
	if (is_fn(c, j, F_AM) || is_fn(c, j, F_PM)) {
		if (hh > 12)
			return 0;
		if (is_fn(c, j, F_PM) && hh < 12)
			hh += 12;
		if (is_fn(c, j, F_AM) && hh == 12)
			hh = 0;
		j++;
	} else if (is_fn(c, j, F_IN) && is_fn(c, j + 1, F_THE) &&
	           is_cls(c, j + 2, LX_TOD)) {
		int t = c->tk[j + 2].val;
		if (t == T_AFTERNOON || t == T_EVENING || (t == T_NIGHT && hh >= 6))
			hh = hh < 12 ? hh + 12 : hh;
		j += 3;
	}
	if (is_cls(c, j, LX_TZ))
		j++;
	struct tdate day;
	int anchor;
	size_t e = time_day(c, j, &day, &anchor);
	if (e) {
		j = e;
	} else if (c->has_prev && c->prev.gran == G_DAY) {
		day = c->prev;
		anchor = DA_PREVIOUS;
	} else {
		day = ref_day(c);
		anchor = c->has_dct ? DA_DCT : DA_NONE;
	}
	day.gran = G_MINUTE;
	day.hh = hh;
	day.mm = mm;
	set_date(m, day, anchor);
	m->type = DT_TIME;
	return j;
}

/* Easter Sunday of year @y (anonymous Gregorian algorithm). */
static void easter(int y, int *mo, int *d)
{
	int a = y % 19, b = y / 100, cc = y % 100, dd = b / 4, e = b % 4;
	int f = (b + 8) / 25, g = (b - f + 1) / 3;
	int h = (19 * a + b - dd - g + 15) % 30;
	int i = cc / 4, k = cc % 4;
	int l = (32 + 2 * e + 2 * i - h - k) % 7;
	int mm = (a + 11 * h + 22 * l) / 451;
	*mo = (h + l - 7 * mm + 114) / 31;
	*d = (h + l - 7 * mm + 114) % 31 + 1;
}

/* The @n-th weekday @wd of month @mo (n = -1: the last). */
static int nth_weekday(int y, int mo, int wd, int n)
{
	if (n > 0) {
		int first = cal_weekday(cal_days(y, mo, 1));
		return 1 + ((wd - first + 7) % 7) + 7 * (n - 1);
	}
	int last = cal_days_in_month(y, mo);
	int lw = cal_weekday(cal_days(y, mo, last));
	return last - ((lw - wd + 7) % 7);
}

static bool holiday_day(int h, int y, int *mo, int *d)
{
	switch (h) {
	case H_CHRISTMAS: *mo = 12; *d = 25; return true;
	case H_NEWYEAR: *mo = 1; *d = 1; return true;
	case H_HALLOWEEN: *mo = 10; *d = 31; return true;
	case H_VALENTINE: *mo = 2; *d = 14; return true;
	case H_INDEPENDENCE: *mo = 7; *d = 4; return true;
	case H_THANKSGIVING: *mo = 11; *d = nth_weekday(y, 11, 4, 4); return true;
	case H_LABOR: *mo = 9; *d = nth_weekday(y, 9, 1, 1); return true;
	case H_MEMORIAL: *mo = 5; *d = nth_weekday(y, 5, 1, -1); return true;
	case H_ELECTION: *mo = 11; *d = nth_weekday(y, 11, 1, 1) + 1; return true;
	case H_EASTER: easter(y, mo, d); return true;
	default: return false;
	}
}

size_t rule_holiday(struct ctx *c, size_t i, struct match *m)
{
	size_t j = i;
	int h = 0;
	int rel = 0; /* last / next / this */
	if (is_fn(c, j, F_LAST))
		rel = -1;
	else if (is_fn(c, j, F_NEXT))
		rel = 1;
	else if (is_fn(c, j, F_THIS))
		rel = 2;
	if (rel)
		j++;
	size_t e = j + 1;
	int shift = 0;
	if (is_cls(c, j, LX_HOLIDAY)) {
		h = c->tk[j].val;
		if (h == H_CHRISTMAS && word_is(c, e, "eve")) {
			shift = -1;
			e++;
		} else if (word_is(c, e, "day") || (h == H_EASTER && word_is(c, e, "sunday"))) {
			e++;
		}
	} else if (word_is(c, j, "new") && is_cap(c, j) && word_is(c, j + 1, "year") &&
	           possessive(c, j + 2)) {
		h = H_NEWYEAR;
		e = j + 4;
		if (word_is(c, e, "eve")) {
			h = H_CHRISTMAS;
			shift = 6;
			e++;
		} else if (word_is(c, e, "day")) {
			e++;
		} else {
			return 0;
		}
	} else if (is_cap(c, j) && word_is(c, j + 1, "day") && is_cap(c, j + 1)) {
		if (word_is(c, j, "election"))
			h = H_ELECTION;
		else if (word_is(c, j, "independence"))
			h = H_INDEPENDENCE;
		else if (word_is(c, j, "labor") || word_is(c, j, "labour"))
			h = H_LABOR;
		else if (word_is(c, j, "memorial"))
			h = H_MEMORIAL;
		else
			return 0;
		e = j + 2;
	} else if (word_is(c, j, "valentine") && possessive(c, j + 1) &&
	           word_is(c, j + 3, "day")) {
		h = H_VALENTINE;
		e = j + 4;
	} else {
		return 0;
	}
	int y = Y_UNKNOWN, mo, d;
	size_t f = e;
	if (is_punct(c, f, ',') || is_fn(c, f, F_OF))
		f++;
	int anchor = DA_ABSOLUTE;
	if (year_at(c, f, &y)) {
		e = f + 1;
	} else if (!c->has_dct) {
		anchor = DA_NONE;
	} else {
		anchor = DA_DCT;
		y = c->dct.y;
		holiday_day(h, y, &mo, &d);
		long hd = cal_days(y, mo, d) + shift;
		int dir = rel == -1 ? -1 : rel == 1 ? 1 : rel == 2 ? 0 : direction(c, i, e);
		if (dir < 0 && hd >= c->dct_days + (rel ? 0 : 1))
			y--;
		else if (dir > 0 && hd < c->dct_days)
			y++;
	}
	if (y == Y_UNKNOWN) {
		if (!holiday_day(h, 2001, &mo, &d) || h == H_EASTER || h == H_THANKSGIVING ||
		    h == H_LABOR || h == H_MEMORIAL || h == H_ELECTION)
			mo = d = 0;
		struct tdate t = td_day(Y_UNKNOWN, mo, d);
		if (shift && d)
			t.d += shift > 1 ? 0 : shift;
		set_date(m, t, DA_NONE);
		return e;
	}
	holiday_day(h, y, &mo, &d);
	set_date(m, td_days(cal_days(y, mo, d) + shift), anchor);
	return e;
}
