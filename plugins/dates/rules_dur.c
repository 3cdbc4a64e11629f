/*
 * rules_dur.c - durations ("for 21 years", "the past two months",
 * "a two-year contract") and sets ("every Monday", "daily", "twice a week").
 */
#include "rules.h"

#include <stdio.h>

/* A count and a unit at i: "21 years", "a week", "half an hour",
 * "a year and a half", "two more weeks". */
static size_t count_unit(const struct ctx *c, size_t i, long *v2, bool *fz,
                         int *unit)
{
	bool pl;
	size_t j = parse_count(c, i, v2, fz, true);
	if (!j)
		return 0;
	bool a_word = is_fn(c, i, F_A) || is_fn(c, i, F_AN);
	/* "a hundred years" */
	if (a_word && j == i + 1 && (is_fn(c, j, F_HUNDRED) || is_fn(c, j, F_THOUSAND))) {
		*v2 = is_fn(c, j, F_HUNDRED) ? 200 : 2000;
		j++;
	}
	if (is_fn(c, j, F_MORE))
		j++;
	*unit = unit_at(c, j, &pl);
	if (*unit == U_NONE)
		return 0;
	/* "a second term" is not a duration */
	if (*unit == U_SECOND && !is_cls(c, j, LX_UNIT) &&
	    (a_word || !(c->tk[i].kind == TK_NUM)))
		return 0;
	if (*unit == U_WEEKEND)
		return 0;
	/* "a quarter of the shares", "three quarters of the vote": fractions */
	if (*unit == U_QUARTER && (a_word || *v2 <= 2 || is_fn(c, j + 1, F_OF)))
		return 0;
	/* "52 years old" is an age */
	if (is_fn(c, j + 1, F_OLD))
		return 0;
	/* "a year-earlier profit": the unit is part of an adjective */
	if (is_punct(c, j + 1, '-') && glued(c, j + 1) && glued(c, j + 2) &&
	    c->tk[j + 2].kind == TK_WORD && !is_fn(c, j + 2, F_LONG))
		return 0;
	/* plural after one, singular after more than one (lenient for "a") */
	if (!*fz && *v2 == 2 && pl && !a_word)
		return 0;
	size_t e = j + 1;
	/* a year and a half */
	if (!*fz && *v2 % 2 == 0 && is_fn(c, e, F_AND) && is_fn(c, e + 1, F_A) &&
	    is_fn(c, e + 2, F_HALF)) {
		*v2 += 1;
		e += 3;
	}
	return e;
}

/* Approximation words before a duration: "about", "more than", ... */
static size_t approx_prefix(const struct ctx *c, size_t i, int *mod, bool bare)
{
	if (is_fn(c, i, F_ABOUT) || is_fn(c, i, F_AROUND) || is_fn(c, i, F_ROUGHLY) ||
	    is_fn(c, i, F_APPROXIMATELY) || (is_fn(c, i, F_SOME) && bare)) {
		*mod = DM_APPROX;
		return i + 1;
	}
	if (is_fn(c, i, F_NEARLY) || is_fn(c, i, F_ALMOST)) {
		*mod = DM_LESS_THAN;
		return i + 1;
	}
	if ((is_fn(c, i, F_MORE) || is_fn(c, i, F_LESS)) && is_fn(c, i + 1, F_THAN)) {
		*mod = is_fn(c, i, F_MORE) ? DM_MORE_THAN : DM_LESS_THAN;
		return i + 2;
	}
	if (is_fn(c, i, F_AT) && (is_fn(c, i + 1, F_LEAST) || word_is(c, i + 1, "most"))) {
		*mod = is_fn(c, i + 1, F_LEAST) ? DM_EQUAL_OR_MORE : DM_EQUAL_OR_LESS;
		return i + 2;
	}
	if (is_fn(c, i, F_UP) && is_fn(c, i + 1, F_TO)) {
		*mod = DM_EQUAL_OR_LESS;
		return i + 2;
	}
	if (word_is(c, i, "no") && (is_fn(c, i + 1, F_MORE) || is_fn(c, i + 1, F_LESS)) &&
	    is_fn(c, i + 2, F_THAN)) {
		*mod = is_fn(c, i + 1, F_MORE) ? DM_EQUAL_OR_LESS : DM_EQUAL_OR_MORE;
		return i + 3;
	}
	if ((is_fn(c, i, F_OVER) || is_fn(c, i, F_UNDER)) && bare) {
		*mod = is_fn(c, i, F_OVER) ? DM_MORE_THAN : DM_LESS_THAN;
		return i + 1;
	}
	return 0;
}

/* Whether token i makes the next word a verb ("could last", "to last"). */
static bool verb_context(const struct ctx *c, size_t i)
{
	static const char *const words[] = {"could", "would", "may", "might",
		"can", "should", "must", "to", "does", "do", "did", "not",
		"cannot", "will", "shall", "ll", NULL};
	if (is_fn(c, i, F_WILL) || is_fn(c, i, F_WOULD) || is_fn(c, i, F_LL) ||
	    is_fn(c, i, F_SHALL) || is_fn(c, i, F_TO))
		return true;
	for (int k = 0; words[k]; k++)
		if (word_is(c, i, words[k]))
			return true;
	return false;
}

static size_t duration_core(struct ctx *c, size_t i, struct match *m)
{
	long v2;
	bool fz;
	int unit;
	bool pl;
	size_t j = i;
	/* the past/last/next/coming/first N units; the coming years */
	if (is_fn(c, j, F_THE) || is_fn(c, j, F_PAST) || is_fn(c, j, F_LAST) ||
	    is_fn(c, j, F_NEXT) || is_fn(c, j, F_COMING) || is_fn(c, j, F_RECENT) ||
	    is_fn(c, j, F_PREVIOUS) || is_fn(c, j, F_FOLLOWING)) {
		size_t k = j;
		if (is_fn(c, k, F_THE))
			k++;
		/* "could last two weeks": "last" is the verb here */
		else if (is_fn(c, k, F_LAST) && k > 0 && verb_context(c, k - 1))
			return 0;
		/* "the four days of talks" */
		if (k > j && !is_fn(c, k, F_A) && !is_fn(c, k, F_AN)) {
			size_t e = count_unit(c, k, &v2, &fz, &unit);
			if (e && !fz && v2 > 2) {
				format_duration(m->lit, sizeof m->lit, v2, fz, unit);
				m->type = DT_DURATION;
				m->anchor = DA_ABSOLUTE;
				return e;
			}
		}
		if (is_fn(c, k, F_PAST) || is_fn(c, k, F_LAST) || is_fn(c, k, F_NEXT) ||
		    is_fn(c, k, F_COMING) || is_fn(c, k, F_RECENT) ||
		    is_fn(c, k, F_PREVIOUS) || is_fn(c, k, F_FOLLOWING) ||
		    (is_cls(c, k, LX_ORDW) && c->tk[k].val == 1 && k > j)) {
			k++;
			size_t e = count_unit(c, k, &v2, &fz, &unit);
			if (e && !is_fn(c, k, F_A) && !is_fn(c, k, F_AN)) {
				format_duration(m->lit, sizeof m->lit, v2, fz, unit);
				m->type = DT_DURATION;
				m->anchor = DA_ABSOLUTE;
				return e;
			}
			/* the coming years, recent months, the past few weeks */
			unit = unit_at(c, k, &pl);
			if (unit != U_NONE && pl && unit != U_WEEKEND) {
				format_duration(m->lit, sizeof m->lit, 0, true, unit);
				m->type = DT_DURATION;
				m->anchor = DA_ABSOLUTE;
				return k + 1;
			}
		}
		return 0;
	}
	/* 21 years, a week, half an hour */
	size_t e = count_unit(c, j, &v2, &fz, &unit);
	if (e) {
		/* "a year" after an amount is a rate (see rule_set) */
		format_duration(m->lit, sizeof m->lit, v2, fz, unit);
		m->type = DT_DURATION;
		m->anchor = DA_ABSOLUTE;
		return e;
	}
	/* two-year, 16-hour, 8-month-old */
	j = parse_count(c, i, &v2, &fz, false);
	if (j && !fz && is_punct(c, j, '-') && glued(c, j) && glued(c, j + 1) &&
	    (unit = unit_at(c, j + 1, &pl)) != U_NONE && unit != U_WEEKEND &&
	    !(unit == U_QUARTER && pl)) {  /* "three-quarters" is a fraction */
		e = j + 2;
		/* ages ("a 6-year-old boy") are not durations */
		if (is_punct(c, e, '-') && glued(c, e) && is_fn(c, e + 1, F_OLD))
			return 0;
		if (is_punct(c, e, '-') && glued(c, e) && is_fn(c, e + 1, F_LONG))
			e += 2;
		format_duration(m->lit, sizeof m->lit, v2, fz, unit);
		m->type = DT_DURATION;
		m->anchor = DA_ABSOLUTE;
		return e;
	}
	/* years, decades-long: a bare plural after for/over/in/within */
	unit = unit_at(c, i, &pl);
	if (unit != U_NONE && pl && i > 0 && unit != U_WEEKEND &&
	    (is_fn(c, i - 1, F_FOR) || is_fn(c, i - 1, F_OVER) ||
	     is_fn(c, i - 1, F_WITHIN) || is_fn(c, i - 1, F_IN) ||
	     is_fn(c, i - 1, F_AFTER) || is_fn(c, i - 1, F_TAKE))) {
		e = i + 1;
		if (is_punct(c, e, '-') && glued(c, e) && is_fn(c, e + 1, F_LONG))
			e += 2;
		format_duration(m->lit, sizeof m->lit, 0, true, unit);
		m->type = DT_DURATION;
		m->anchor = DA_ABSOLUTE;
		return e;
	}
	return 0;
}

/* "about", "around", "roughly": TimeBank leaves them outside the
 * expression; the duration after them still gets mod APPROX. */
static bool approx_outside(const struct ctx *c, size_t i)
{
	return is_fn(c, i, F_ABOUT) || is_fn(c, i, F_AROUND) ||
	       is_fn(c, i, F_ROUGHLY) || is_fn(c, i, F_APPROXIMATELY) ||
	       is_fn(c, i, F_SOME);
}

size_t rule_duration(struct ctx *c, size_t i, struct match *m)
{
	int mod = DM_NONE;
	if (approx_outside(c, i))
		return 0;
	size_t j = approx_prefix(c, i, &mod, true);
	if (j && !is_fn(c, j, F_THE)) {
		size_t e = duration_core(c, j, m);
		if (e) {
			m->mod = mod;
			return e;
		}
		return 0;
	}
	size_t e = duration_core(c, i, m);
	if (e && i > 0 && approx_outside(c, i - 1))
		m->mod = DM_APPROX;
	return e;
}

static void set_period(struct match *m, int unit, long n)
{
	format_duration(m->lit, sizeof m->lit, n * 2, false, unit);
	m->type = DT_SET;
	m->anchor = DA_ABSOLUTE;
	m->is_date = false;
}

size_t rule_set(struct ctx *c, size_t i, struct match *m)
{
	bool pl;
	int unit;
	static const struct {
		int fn;
		int unit;
	} adverbs[] = {{F_DAILY, U_DAY}, {F_WEEKLY, U_WEEK}, {F_MONTHLY, U_MONTH},
		{F_ANNUALLY, U_YEAR}, {F_YEARLY, U_YEAR}, {F_HOURLY, U_HOUR},
		{F_NIGHTLY, U_DAY}, {0, 0}};
	for (int k = 0; adverbs[k].fn; k++) {
		if (is_fn(c, i, adverbs[k].fn)) {
			/* "the Daily Express", "Weekly Standard": a name */
			if (is_cap(c, i) && !c->caseless && i + 1 < c->n &&
			    is_cap(c, i + 1) && c->tk[i + 1].cls == LX_NONE)
				return 0;
			/* "daily newspaper" is still a daily rate in TimeML */
			set_period(m, adverbs[k].unit, 1);
			return i + 1;
		}
	}
	/* every/each [other] [N] unit|weekday|month */
	if (is_fn(c, i, F_EVERY) || is_fn(c, i, F_EACH) || is_fn(c, i, F_PER)) {
		size_t j = i + 1;
		long n = 1;
		if (word_is(c, j, "other")) {
			n = 2;
			j++;
		}
		long v2;
		bool fz;
		size_t e = parse_count(c, j, &v2, &fz, false);
		if (e && !fz && v2 % 2 == 0 && (unit = unit_at(c, e, &pl)) != U_NONE) {
			set_period(m, unit, v2 / 2);
			return e + 1;
		}
		if ((unit = unit_at(c, j, &pl)) != U_NONE && !pl) {
			if (unit == U_WEEKEND) {
				struct tdate t = {.gran = G_WEEKEND, .y = Y_UNKNOWN};
				set_date(m, t, DA_ABSOLUTE);
				m->type = DT_SET;
				return j + 1;
			}
			set_period(m, unit, n);
			return j + 1;
		}
		if (is_fn(c, i, F_PER))
			return 0;
		if (is_cls(c, j, LX_WDAY) && !(c->tk[j].lflags & LXF_ABBR)) {
			struct tdate t = {.gran = G_DAY, .y = Y_UNKNOWN, .wd = c->tk[j].val};
			size_t e2 = j + 1;
			if (is_cls(c, e2, LX_TOD) && c->tk[e2].val <= T_NIGHT) {
				t.gran = G_TOD;
				t.tod = c->tk[e2].val;
				e2++;
			}
			set_date(m, t, DA_ABSOLUTE);
			m->type = DT_SET;
			return e2;
		}
		size_t k;
		int mo = month_at(c, j, &k, false);
		if (mo) {
			set_date(m, td_month(Y_UNKNOWN, mo), DA_ABSOLUTE);
			m->type = DT_SET;
			return k;
		}
		if (is_cls(c, j, LX_TOD) && c->tk[j].val <= T_NIGHT) {
			struct tdate t = {.gran = G_TOD, .y = Y_UNKNOWN, .tod = c->tk[j].val};
			set_date(m, t, DA_ABSOLUTE);
			m->type = DT_SET;
			return j + 1;
		}
		if (is_cls(c, j, LX_SEASON)) {
			struct tdate t = {.gran = G_SEASON, .y = Y_UNKNOWN,
			                  .season = c->tk[j].val};
			set_date(m, t, DA_ABSOLUTE);
			m->type = DT_SET;
			return j + 1;
		}
		return 0;
	}
	/* twice a week, three times a year, once a month */
	size_t j = i;
	if (is_fn(c, j, F_TWICE) || is_fn(c, j, F_ONCE)) {
		j++;
	} else {
		long v2;
		bool fz;
		size_t e = parse_count(c, j, &v2, &fz, false);
		if (!e || !is_fn(c, e, F_TIMES))
			return 0;
		j = e + 1;
	}
	if ((is_fn(c, j, F_A) || is_fn(c, j, F_AN) || is_fn(c, j, F_PER) ||
	     is_fn(c, j, F_EACH) || is_fn(c, j, F_EVERY)) &&
	    (unit = unit_at(c, j + 1, &pl)) != U_NONE && !pl) {
		set_period(m, unit, 1);
		return j + 2;
	}
	return 0;
}

/* "a year" after an amount ("$5 a year", "10 percent a year"): a rate. */
size_t rule_rate(struct ctx *c, size_t i, struct match *m)
{
	bool pl;
	int unit;
	if (!(is_fn(c, i, F_A) || is_fn(c, i, F_AN) || is_fn(c, i, F_PER)) || i == 0)
		return 0;
	if ((unit = unit_at(c, i + 1, &pl)) == U_NONE || pl || unit == U_WEEKEND)
		return 0;
	const struct token *p = &c->tk[i - 1];
	/* "a year-earlier profit": an adjective, not a rate */
	if (is_punct(c, i + 2, '-') && glued(c, i + 2))
		return 0;
	/* "24 mln tests a year", "seven days a week": a count shortly before,
	 * across nouns only */
	for (size_t k = i - 1, steps = 0; steps < 3; k--, steps++) {
		const struct token *q = &c->tk[k];
		if (q->kind == TK_PUNCT || (q->kind == TK_WORD && q->cls != LX_NONE &&
		                            q->cls != LX_UNIT && q->cls != LX_NUMW))
			break;
		if ((q->kind == TK_NUM && !(q->flags & TF_ALNUM)) ||
		    (q->cls == LX_NUMW && k + 1 < i)) {
			set_period(m, unit, 1);
			return i + 2;
		}
		if (k == 0)
			break;
	}
	bool amount = p->kind == TK_NUM || (p->kind == TK_PUNCT && p->punct == '%') ||
	              word_is(c, i - 1, "percent") || word_is(c, i - 1, "dollars") ||
	              word_is(c, i - 1, "dlrs") || word_is(c, i - 1, "cents") ||
	              word_is(c, i - 1, "million") || word_is(c, i - 1, "billion") ||
	              word_is(c, i - 1, "mln") || word_is(c, i - 1, "barrels") ||
	              word_is(c, i - 1, "tons") || word_is(c, i - 1, "tonnes") ||
	              word_is(c, i - 1, "pct");
	if (!amount)
		return 0;
	set_period(m, unit, 1);
	return i + 2;
}
