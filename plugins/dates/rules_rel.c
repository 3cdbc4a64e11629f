/*
 * rules_rel.c - expressions resolved against the dct: today, Friday,
 * last week, this summer, four years ago; and against the previous date
 * in the text: the next day, two days later, that year.
 */
#include "rules.h"

#include <string.h>

#include "calendar.h"

/* The granularity a unit names (for "last week", "two days ago"). */
static int unit_gran(int unit)
{
	switch (unit) {
	case U_SECOND:
	case U_MINUTE:
	case U_HOUR:
	case U_DAY: return G_DAY;
	case U_WEEKEND: return G_WEEKEND;
	case U_WEEK:
	case U_FORTNIGHT: return G_WEEK;
	case U_MONTH: return G_MONTH;
	case U_QUARTER: return G_QUARTER;
	case U_HALF: return G_HALF;
	case U_YEAR: return G_YEAR;
	case U_DECADE: return G_DECADE;
	case U_CENTURY: return G_CENTURY;
	default: return G_YEAR;
	}
}

/* The dct (or an unknown day) at the granularity of @unit. */
static struct tdate dct_at(const struct ctx *c, int unit)
{
	struct tdate r = ref_day(c);
	int g = unit_gran(unit);
	if (!c->has_dct) {
		struct tdate t = {.gran = g, .y = Y_UNKNOWN};
		return t;
	}
	if (g == G_WEEKEND) {
		struct tdate w = td_coarsen(r, G_WEEK);
		w.gran = G_WEEKEND;
		return w;
	}
	return td_coarsen(r, g);
}

static bool tod_at(const struct ctx *c, size_t i, int *tod)
{
	if (!is_cls(c, i, LX_TOD))
		return false;
	int v = c->tk[i].val;
	if (v != T_MORNING && v != T_AFTERNOON && v != T_EVENING && v != T_NIGHT)
		return false;
	*tod = v;
	return true;
}

static struct tdate with_tod(struct tdate d, int tod)
{
	d.gran = G_TOD;
	d.tod = tod;
	return d;
}

size_t rule_deictic(struct ctx *c, size_t i, struct match *m)
{
	size_t j = i;
	int off = 0;
	int tod = 0;
	bool found = false;
	if (is_fn(c, j, F_THE) && word_is(c, j + 1, "day") &&
	    (is_fn(c, j + 2, F_BEFORE) || is_fn(c, j + 2, F_AFTER)) &&
	    (is_fn(c, j + 3, F_YESTERDAY) || is_fn(c, j + 3, F_TOMORROW))) {
		off = is_fn(c, j + 2, F_BEFORE) ? -2 : 2;
		j += 4;
		found = true;
	} else if (is_fn(c, j, F_TODAY) || is_fn(c, j, F_YESTERDAY) ||
	           is_fn(c, j, F_TOMORROW)) {
		off = is_fn(c, j, F_YESTERDAY) ? -1 : is_fn(c, j, F_TOMORROW) ? 1 : 0;
		j++;
		found = true;
		if (!possessive(c, j) && tod_at(c, j, &tod))
			j++;
	} else if (is_cls(c, j, LX_TOD) && c->tk[j].val == T_TONIGHT) {
		tod = T_NIGHT;
		j++;
		found = true;
	} else if (is_fn(c, j, F_THIS) && tod_at(c, j + 1, &tod)) {
		j += 2;
		found = true;
	}
	if (!found)
		return 0;
	if (!c->has_dct) {
		struct tdate t = {.gran = G_DAY, .y = Y_UNKNOWN};
		if (tod)
			t = with_tod(t, tod);
		set_date(m, t, DA_NONE);
		if (off == 0 && !tod)
			set_lit(m, DT_DATE, "PRESENT_REF", DA_NONE);
		return j;
	}
	struct tdate t = td_shift(c->dct, U_DAY, off);
	if (tod)
		t = with_tod(t, tod);
	set_date(m, t, DA_DCT);
	return j;
}

/* Whether a capitalised weekday at i is part of a name: "Joe Friday",
 * "Man Friday", "the Friday Mosque". A capitalised word before it is not
 * enough: news writes "Clinton Saturday vowed", "in Miami Wednesday". */
static bool weekday_in_name(const struct ctx *c, size_t i)
{
	if (!is_cap(c, i) || c->caseless)
		return false;
	static const char *const before[] = {"joe", "man", "girl", "gal", "tgi",
		"sgt", "detective", "sergeant", "agent", NULL};
	for (int k = 0; i > 0 && before[k]; k++)
		if (word_is(c, i - 1, before[k]) && is_cap(c, i - 1))
			return true;
	/* "the Friday Mosque": an article, the weekday, a capitalised noun */
	if (i > 0 && (is_fn(c, i - 1, F_THE) || is_fn(c, i - 1, F_A)) &&
	    i + 1 < c->n && is_cap(c, i + 1) && c->tk[i + 1].cls == LX_NONE &&
	    !(c->tk[i + 1].flags & (TF_ALLCAPS | TF_FIRST)))
		return true;
	return false;
}

size_t rule_weekday(struct ctx *c, size_t i, struct match *m)
{
	size_t j = i;
	int dir = 0;
	bool prefix = false;
	if ((is_fn(c, j, F_THE) && (is_fn(c, j + 1, F_PREVIOUS) ||
	                            is_fn(c, j + 1, F_FOLLOWING) ||
	                            is_fn(c, j + 1, F_NEXT))) ||
	    (is_fn(c, j, F_THIS) && (is_fn(c, j + 1, F_PAST) || is_fn(c, j + 1, F_COMING))))
		j++;
	if (is_fn(c, j, F_LAST) || is_fn(c, j, F_PAST) || is_fn(c, j, F_PREVIOUS)) {
		dir = -2;
		prefix = true;
	} else if (is_fn(c, j, F_NEXT) || is_fn(c, j, F_COMING) ||
	           is_fn(c, j, F_FOLLOWING)) {
		dir = 2;
		prefix = true;
	} else if (is_fn(c, j, F_THIS)) {
		dir = 3;
		prefix = true;
	} else if (is_fn(c, j, F_EARLIER)) {
		dir = -1;
		prefix = true;
	} else if (is_fn(c, j, F_LATER)) {
		dir = 1;
		prefix = true;
	}
	if (prefix)
		j++;
	if (!is_cls(c, j, LX_WDAY))
		return 0;
	const struct token *t = &c->tk[j];
	if (t->lflags & LXF_ABBR) {
		if (!is_cap(c, j) || !(is_punct(c, j + 1, '.') && glued(c, j + 1)))
			return 0;
	}
	if (!prefix && weekday_in_name(c, j))
		return 0;
	int wd = t->val;
	size_t e = j + 1;
	if ((t->lflags & LXF_ABBR) && is_punct(c, e, '.'))
		e++;
	if (t->lflags & LXF_PLURAL) {
		if (prefix)
			return 0;
		struct tdate s = {.gran = G_DAY, .y = Y_UNKNOWN, .wd = wd};
		int tod;
		if (tod_at(c, e, &tod)) {
			s = with_tod(s, tod);
			e++;
		}
		set_date(m, s, DA_ABSOLUTE);
		m->type = DT_SET;
		return e;
	}
	/* "Friday's meeting": the 's stays outside the expression */
	int tod = 0;
	if (!possessive(c, e) && tod_at(c, e, &tod))
		e++;
	if (dir == 0 || dir == -1 || dir == 1) {
		int d = direction(c, i, e);
		if (dir == 0)
			dir = d;
	} else if (dir == 3) {
		/* this Friday: the one in the dct's week, or the next one */
		dir = 1;
		if (c->has_dct && cal_weekday(c->dct_days) > wd)
			dir = -1;
	}
	struct tdate d = weekday_date(c, wd, dir);
	if (tod)
		d = with_tod(d, tod);
	set_date(m, d, c->has_dct ? DA_DCT : DA_NONE);
	return e;
}

/* last/this/next + month name: the month's year. */
static int rel_month_year(const struct ctx *c, int mo, int rel)
{
	int y = c->dct.y;
	if (rel < 0)
		return mo < c->dct.m ? y : y - 1;
	if (rel > 0)
		return mo > c->dct.m ? y : y + 1;
	return y;
}

/* The season containing the dct: winter is Dec..Feb of the year it starts. */
static void current_season(const struct ctx *c, int *y, int *s)
{
	int mo = c->dct.m;
	*y = c->dct.y;
	if (mo <= 2) {
		*s = S_WINTER;
		(*y)--;
	} else {
		*s = mo <= 5 ? S_SPRING : mo <= 8 ? S_SUMMER : mo <= 11 ? S_FALL : S_WINTER;
	}
}

/* Season @s: @rel -1 the latest that has ended, +1 the next to start,
 * 2 the dct's year's ("this summer"); with @rel 0 the tense decides. */
static struct tdate season_date(const struct ctx *c, int s, int rel, int tense)
{
	struct tdate t = {.gran = G_SEASON, .y = Y_UNKNOWN, .season = s};
	if (!c->has_dct)
		return t;
	int cy, cs;
	current_season(c, &cy, &cs);
	/* index seasons as year*4 + (season-1), winter last */
	long cur = (long)cy * 4 + (cs - 1);
	long same_year = (long)cy * 4 + (s - 1);
	long pick;
	if (rel == 2)
		pick = (long)c->dct.y * 4 + (s - 1);
	else if (rel < 0)
		pick = same_year < cur ? same_year : same_year - 4;
	else if (rel > 0)
		pick = same_year > cur ? same_year : same_year + 4;
	else if (rel == 0 && tense < 0)
		pick = same_year <= cur ? same_year : same_year - 4;
	else if (rel == 0 && tense > 0)
		pick = same_year >= cur ? same_year : same_year + 4;
	else
		pick = same_year;
	t.y = (int)(pick / 4);
	return t;
}

size_t rule_relative(struct ctx *c, size_t i, struct match *m)
{
	size_t j = i;
	bool the = false;
	if (is_fn(c, j, F_THE)) {
		the = true;
		j++;
	}
	int rel;
	if (is_fn(c, j, F_LAST) || is_fn(c, j, F_PAST) || is_fn(c, j, F_PREVIOUS))
		rel = -1;
	else if (is_fn(c, j, F_NEXT) || is_fn(c, j, F_COMING))
		rel = 1;
	else if ((is_fn(c, j, F_THIS) || is_fn(c, j, F_CURRENT)) && !the) {
		rel = 0;
		/* this past spring, this coming week */
		if (is_fn(c, j + 1, F_PAST) || is_fn(c, j + 1, F_COMING)) {
			rel = is_fn(c, j + 1, F_PAST) ? -1 : 1;
			j++;
		}
	}
	else if (is_fn(c, j, F_CURRENT) && the)
		rel = 0;
	else
		return 0;
	/* "the previous/next day" is relative to the text, not the dct */
	if (the && (is_fn(c, j, F_PREVIOUS) || is_fn(c, j, F_NEXT)))
		return 0;
	j++;
	bool pl;
	int unit = unit_at(c, j, &pl);
	int anchor = c->has_dct ? DA_DCT : DA_NONE;
	if (unit != U_NONE && !pl) {
		if (unit == U_DAY || unit == U_HOUR || unit == U_MINUTE || unit == U_SECOND)
			return 0;
		if (unit == U_DECADE || unit == U_CENTURY || unit == U_MILLENNIUM) {
			if (rel < 0) {
				/* the past decade: the ten years up to now */
				format_duration(m->lit, sizeof m->lit, 2, false, unit);
				m->type = DT_DURATION;
				m->anchor = DA_ABSOLUTE;
				return j + 1;
			}
		}
		struct tdate t = dct_at(c, unit);
		if (c->has_dct && rel) {
			int su = unit == U_WEEKEND ? U_WEEK : unit;
			t = td_shift(t, su, rel);
		}
		set_date(m, t, anchor);
		return j + 1;
	}
	size_t k;
	int mo = month_at(c, j, &k, false);
	if (mo && !the) {
		if (is_num(c, k) && c->tk[k].num >= 1 && c->tk[k].num <= 31 &&
		    c->has_dct) {
			/* last Oct. 23 */
			int d = (int)c->tk[k].num;
			int y = c->dct.y;
			long dd = cal_days(y, mo, d) - c->dct_days;
			if (rel < 0 && dd >= 0)
				y--;
			else if (rel > 0 && dd <= 0)
				y++;
			if (d <= cal_days_in_month(y, mo)) {
				set_date(m, td_day(y, mo, d), anchor);
				return k + 1;
			}
		}
		struct tdate t = td_month(c->has_dct ? rel_month_year(c, mo, rel) :
		                          Y_UNKNOWN, mo);
		set_date(m, t, anchor);
		return k;
	}
	if (is_cls(c, j, LX_SEASON)) {
		int s = c->tk[j].val;
		set_date(m, season_date(c, s, rel == 0 ? 2 : rel, 0), anchor);
		return j + 1;
	}
	return 0;
}

/* Seasons without last/this/next: "summer", "the summer of 1990". */
static size_t season_rule(struct ctx *c, size_t i, struct match *m)
{
	size_t j = i;
	if (is_fn(c, j, F_THE))
		j++;
	if (!is_cls(c, j, LX_SEASON))
		return 0;
	int s = c->tk[j].val;
	/* "fall" is also a verb and a noun */
	if (s == S_FALL && !word_is(c, j, "autumn") && j == i &&
	    !(i > 0 && (is_fn(c, i - 1, F_IN) || is_fn(c, i - 1, F_EARLY) ||
	                is_fn(c, i - 1, F_LATE) || is_fn(c, i - 1, F_BY) ||
	                is_fn(c, i - 1, F_UNTIL) || is_fn(c, i - 1, F_SINCE))))
		return 0;
	size_t e = j + 1;
	int y;
	size_t f = e;
	if (is_fn(c, f, F_OF) || is_punct(c, f, ','))
		f++;
	if (year_at(c, f, &y)) {
		struct tdate t = {.gran = G_SEASON, .y = y, .season = s};
		set_date(m, t, DA_ABSOLUTE);
		return f + 1;
	}
	if (is_cls(c, e, LX_UNIT) || (e < c->n && c->tk[e].kind == TK_WORD &&
	                              c->tk[e].cls == LX_NONE && !is_cap(c, e) &&
	                              s == S_FALL))
		return 0;
	int t = tense_at(c, i, e);
	set_date(m, season_date(c, s, 0, t ? t : -1), c->has_dct ? DA_DCT : DA_NONE);
	return e;
}

size_t rule_offset(struct ctx *c, size_t i, struct match *m)
{
	long v2;
	bool fz;
	size_t j = parse_count(c, i, &v2, &fz, true);
	if (!j)
		return 0;
	bool pl;
	int unit = unit_at(c, j, &pl);
	if (unit == U_NONE)
		return 0;
	size_t k = j + 1;
	int dir = 0;
	bool from_prev = false;
	if (is_fn(c, k, F_AGO)) {
		dir = -1;
		k++;
	} else if (is_fn(c, k, F_FROM) && is_fn(c, k + 1, F_NOW)) {
		dir = 1;
		k += 2;
	} else if (is_fn(c, k, F_HENCE)) {
		dir = 1;
		k++;
	} else if (is_fn(c, k, F_EARLIER) || is_fn(c, k, F_LATER) ||
	           ((is_fn(c, k, F_BEFORE) || is_fn(c, k, F_AFTER)) &&
	            (k + 1 >= c->n || c->tk[k + 1].kind == TK_PUNCT))) {
		dir = (is_fn(c, k, F_EARLIER) || is_fn(c, k, F_BEFORE)) ? -1 : 1;
		from_prev = true;
		k++;
	} else {
		return 0;
	}
	if (fz || v2 % 2) {
		set_lit(m, DT_DATE, dir < 0 ? "PAST_REF" : "FUTURE_REF",
		        c->has_dct ? DA_DCT : DA_NONE);
		return k;
	}
	long n = v2 / 2 * dir;
	int g = unit_gran(unit);
	if (unit == U_DECADE || unit == U_CENTURY) {
		g = G_YEAR;
	}
	struct tdate base;
	int anchor;
	if (from_prev && c->has_prev) {
		base = c->prev;
		anchor = DA_PREVIOUS;
		m->no_prev = true;
		/* "a year earlier" keeps the granularity of what it points at */
		if (base.gran < g && !(base.gran == G_YEAR && g > G_YEAR))
			base = td_coarsen(base, base.gran);
		if (base.gran > g || base.gran >= G_DAY)
			g = base.gran > g ? base.gran : g;
		else
			g = base.gran;
	} else if (!c->has_dct) {
		struct tdate t = {.gran = g, .y = Y_UNKNOWN};
		set_date(m, t, DA_NONE);
		return k;
	} else {
		base = c->dct;
		anchor = DA_DCT;
		/* "a year ago" in a report about a quarter means that quarter */
		if (unit == U_YEAR && !from_prev && c->has_prev &&
		    c->prev.gran == G_QUARTER && c->prev.y != Y_UNKNOWN) {
			base = c->prev;
			anchor = DA_PREVIOUS;
			g = G_QUARTER;
			m->no_prev = true;
		}
	}
	int su = unit;
	if (unit == U_SECOND || unit == U_MINUTE || unit == U_HOUR) {
		su = U_DAY;
		n = 0;
	}
	struct tdate t = td_shift(base, su, (int)n);
	if (g == G_WEEK && t.gran > G_WEEK)
		t = td_coarsen(t, G_WEEK);
	else if (g < t.gran)
		t = td_coarsen(t, g);
	set_date(m, t, anchor);
	return k;
}

size_t rule_anaphoric(struct ctx *c, size_t i, struct match *m)
{
	size_t j = i;
	int shift = 0;
	bool ok = false;
	bool pl;
	int unit;
	int tod = 0;
	if (is_fn(c, j, F_THE) && (is_fn(c, j + 1, F_NEXT) || is_fn(c, j + 1, F_FOLLOWING) ||
	                           is_fn(c, j + 1, F_PREVIOUS) || is_fn(c, j + 1, F_SAME))) {
		shift = is_fn(c, j + 1, F_PREVIOUS) ? -1 : is_fn(c, j + 1, F_SAME) ? 0 : 1;
		j += 2;
		ok = true;
	} else if (is_fn(c, j, F_THAT)) {
		j++;
		if (is_fn(c, j, F_SAME))
			j++;
		ok = true;
	} else if ((is_fn(c, j, F_EARLIER) || is_fn(c, j, F_LATER) || is_fn(c, j, F_LATE)) &&
	           is_fn(c, j + 1, F_THAT)) {
		j += 2;
		ok = true;
	} else if (is_fn(c, j, F_THE) && word_is(c, j + 1, "day") &&
	           (is_fn(c, j + 2, F_BEFORE) || is_fn(c, j + 2, F_AFTER)) &&
	           (j + 3 >= c->n || c->tk[j + 3].kind == TK_PUNCT)) {
		shift = is_fn(c, j + 2, F_BEFORE) ? -1 : 1;
		unit = U_DAY;
		j += 3;
		goto resolve;
	}
	if (!ok)
		return 0;
	if (tod_at(c, j, &tod)) {
		unit = U_DAY;
	} else {
		unit = unit_at(c, j, &pl);
		if (unit == U_NONE || pl || unit == U_HOUR || unit == U_MINUTE ||
		    unit == U_SECOND || unit == U_DECADE || unit == U_CENTURY)
			return 0;
	}
	j++;
resolve:;
	struct tdate base;
	int anchor;
	if (c->has_prev) {
		base = c->prev;
		anchor = DA_PREVIOUS;
	} else if (c->has_dct) {
		base = c->dct;
		anchor = DA_DCT;
	} else {
		struct tdate t = {.gran = unit_gran(unit), .y = Y_UNKNOWN};
		set_date(m, t, DA_NONE);
		return j;
	}
	int g = unit_gran(unit);
	if (base.gran < g && g >= G_DAY) {
		/* the previous date is coarser than a day: the value stays vague */
		struct tdate t = td_coarsen(base, base.gran);
		if (g == G_DAY) {
			t.gran = G_DAY;
			if (t.m <= 0)
				t.m = 0;
			t.d = 0;
		}
		set_date(m, t, anchor);
		return j;
	}
	struct tdate t = td_shift(base, unit == U_WEEKEND ? U_WEEK : unit, shift);
	if (g < t.gran || g == G_WEEK)
		t = td_coarsen(t, g);
	if (t.gran == G_TOD && !tod)
		t.gran = G_DAY;
	set_date(m, t, anchor);
	return j;
}

/* "the weekend": the latest (or, in the future tense, the next) one. */
static size_t the_weekend(struct ctx *c, size_t i, struct match *m)
{
	bool pl;
	if (!is_fn(c, i, F_THE) || unit_at(c, i + 1, &pl) != U_WEEKEND || pl)
		return 0;
	if (!c->has_dct) {
		struct tdate t = {.gran = G_WEEKEND, .y = Y_UNKNOWN};
		set_date(m, t, DA_NONE);
		return i + 2;
	}
	struct tdate w = td_week(c->dct_days);
	int wd = cal_weekday(c->dct_days);
	if (wd < 6 && direction(c, i, i + 2) < 0)
		w = td_shift(w, U_WEEK, -1);
	w.gran = G_WEEKEND;
	set_date(m, w, DA_DCT);
	return i + 2;
}

/* "the year", "the fiscal year", "the month": a span of a year after
 * "for", else the year (month) being talked about. */
static size_t the_year(struct ctx *c, size_t i, struct match *m)
{
	bool pl;
	size_t j = i + 1;
	if (!is_fn(c, i, F_THE))
		return 0;
	if (is_fn(c, j, F_FULL) || is_fn(c, j, F_FISCAL) || is_fn(c, j, F_CALENDAR) ||
	    is_fn(c, j, F_ENTIRE) || is_fn(c, j, F_WHOLE))
		j++;
	int unit = unit_at(c, j, &pl);
	if ((unit != U_YEAR && unit != U_MONTH) || pl)
		return 0;
	if (unit == U_MONTH && j != i + 1)
		return 0;
	/* "the year 2000", "the year's", "the year-earlier" are other rules' */
	if (possessive(c, j + 1) || (is_punct(c, j + 1, '-') && glued(c, j + 1)) ||
	    is_num(c, j + 1) || is_cls(c, j + 1, LX_NUMW))
		return 0;
	if (i > 0 && (is_fn(c, i - 1, F_FOR) || is_fn(c, i - 1, F_OVER) ||
	              is_fn(c, i - 1, F_DURING) || is_fn(c, i - 1, F_THROUGH) ||
	              is_fn(c, i - 1, F_WITHIN))) {
		set_lit(m, DT_DURATION, unit == U_YEAR ? "P1Y" : "P1M", DA_ABSOLUTE);
		return j + 1;
	}
	int g = unit == U_YEAR ? G_YEAR : G_MONTH;
	if (c->has_prev && c->prev.gran == g) {
		set_date(m, c->prev, DA_PREVIOUS);
		return j + 1;
	}
	if (!c->has_dct) {
		struct tdate t = {.gran = g, .y = Y_UNKNOWN};
		set_date(m, t, DA_NONE);
		return j + 1;
	}
	set_date(m, td_coarsen(c->dct, g), DA_DCT);
	return j + 1;
}

/* "the week of March 6": the ISO week of a date. */
static size_t the_week_of(struct ctx *c, size_t i, struct match *m)
{
	bool pl;
	if (!is_fn(c, i, F_THE) || unit_at(c, i + 1, &pl) != U_WEEK || pl ||
	    !is_fn(c, i + 2, F_OF))
		return 0;
	struct match d;
	memset(&d, 0, sizeof d);
	size_t e = rule_month_date(c, i + 3, &d);
	if (!e || !d.is_date || d.td.gran != G_DAY || !td_known(&d.td))
		return 0;
	set_date(m, td_coarsen(d.td, G_WEEK), d.anchor);
	return e;
}

size_t rule_fuzzy(struct ctx *c, size_t i, struct match *m)
{
	int anchor = c->has_dct ? DA_DCT : DA_NONE;
	size_t w = the_weekend(c, i, m);
	if (w)
		return w;
	w = the_week_of(c, i, m);
	if (w)
		return w;
	w = the_year(c, i, m);
	if (w)
		return w;
	if (word_is(c, i, "right") && is_fn(c, i + 1, F_NOW)) {
		set_lit(m, DT_DATE, "PRESENT_REF", anchor);
		return i + 2;
	}
	size_t s = season_rule(c, i, m);
	if (s)
		return s;
	if (is_fn(c, i, F_NOW) || is_fn(c, i, F_CURRENTLY) || is_fn(c, i, F_PRESENTLY) ||
	    is_fn(c, i, F_NOWADAYS)) {
		set_lit(m, DT_DATE, "PRESENT_REF", anchor);
		return i + 1;
	}
	if (word_is(c, i, "these") && word_is(c, i + 1, "days")) {
		set_lit(m, DT_DATE, "PRESENT_REF", anchor);
		return i + 2;
	}
	if (is_fn(c, i, F_CURRENT)) {
		const struct token *t = tok(c, i + 1);
		if (!t || t->kind != TK_WORD)
			return 0;
		static const char *const no[] = {"account", "accounts", "assets",
			"liabilities", "affairs", "flows", "flow", "of", "and",
			"in", "through", NULL};
		for (int k = 0; no[k]; k++)
			if (word_is(c, i + 1, no[k]))
				return 0;
		set_lit(m, DT_DATE, "PRESENT_REF", anchor);
		return i + 1;
	}
	/* "previously", "recent" and "soon" are left out: TimeBank-style
	 * annotation marks them far less often than it leaves them */
	if (is_fn(c, i, F_RECENTLY) || is_fn(c, i, F_LATELY)) {
		set_lit(m, DT_DATE, "PAST_REF", anchor);
		return i + 1;
	}
	if (is_fn(c, i, F_THE) && is_fn(c, i + 1, F_PAST) &&
	    !(i + 2 < c->n && c->tk[i + 2].kind == TK_WORD &&
	      (c->tk[i + 2].cls == LX_UNIT || c->tk[i + 2].cls == LX_NUMW ||
	       c->tk[i + 2].cls == LX_NONE)) &&
	    !is_num(c, i + 2)) {
		set_lit(m, DT_DATE, "PAST_REF", anchor);
		return i + 2;
	}
	size_t j = i;
	if (is_fn(c, j, F_THE)) {
		j++;
		if (is_fn(c, j, F_NEAR) || word_is(c, j, "distant") ||
		    word_is(c, j, "foreseeable"))
			j++;
		/* "the future of the alliance" is a topic, not a time */
		if (is_fn(c, j, F_FUTURE) && !is_fn(c, j + 1, F_OF)) {
			set_lit(m, DT_DATE, "FUTURE_REF", anchor);
			return j + 1;
		}
		return 0;
	}
	if (is_fn(c, i, F_FUTURE) && i > 0 && is_fn(c, i - 1, F_IN)) {
		set_lit(m, DT_DATE, "FUTURE_REF", anchor);
		return i + 1;
	}
	return 0;
}
