/*
 * rules_time.c - clock times ("10:30 a.m.", "noon Thursday", "4 in the
 * morning") and holidays ("Christmas", "Thanksgiving Day", "Election Day").
 */
#include "rules.h"

#include "calendar.h"

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
