/*
 * rules_quarter.c - business periods: quarters and halves ("the third
 * quarter", "Q3 2024", "third-quarter", "this year's second half"), the
 * quarter under discussion ("the quarter", "the latest period") and the
 * year-ago comparison periods ("the year-earlier quarter", "year-ago").
 */
#include "rules.h"

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
			struct tdate t = {.gran = g, .y = y, .q = ord};
			if (y == Y_UNKNOWN && anchor != DA_NONE)
				t = quarter_of(c, g, ord, i, e, &anchor);
			if (q.shift && t.y != Y_UNKNOWN) {
				t.y += q.shift;
				m->no_prev = true;
			}
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
		} else if (is_fn(c, i + 1, F_LATEST) && c->has_dct) {
			/* "the latest quarter": the last one reported */
			t = last_quarter(c);
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
