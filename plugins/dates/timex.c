/*
 * timex.c - dates at a granularity: construction, shifts, TIMEX3 values.
 */
#include "timex.h"

#include <stdio.h>
#include <string.h>

#include "calendar.h"
#include "lexicon.h"

struct tdate td_day(int y, int m, int d)
{
	struct tdate t = {.gran = G_DAY, .y = y, .m = m, .d = d};
	return t;
}

struct tdate td_days(long days)
{
	int y, m, d;
	cal_civil(days, &y, &m, &d);
	return td_day(y, m, d);
}

struct tdate td_month(int y, int m)
{
	struct tdate t = {.gran = G_MONTH, .y = y, .m = m};
	return t;
}

struct tdate td_year(int y)
{
	struct tdate t = {.gran = G_YEAR, .y = y};
	return t;
}

struct tdate td_quarter(int y, int q)
{
	struct tdate t = {.gran = G_QUARTER, .y = y, .q = q};
	return t;
}

struct tdate td_week(long days)
{
	struct tdate t = {.gran = G_WEEK};
	cal_iso_week(days, &t.y, &t.w);
	int y, m, d;
	cal_civil(days, &y, &m, &d);
	t.m = m;
	t.d = d;
	return t;
}

bool td_known(const struct tdate *t)
{
	return t->y != Y_UNKNOWN && t->m > 0 && t->d > 0;
}

long td_first_day(const struct tdate *t)
{
	switch (t->gran) {
	case G_WEEK:
	case G_WEEKEND:
		return cal_iso_monday(t->y, t->w) + (t->gran == G_WEEKEND ? 5 : 0);
	case G_QUARTER:
		return cal_days(t->y, 3 * (t->q - 1) + 1, 1);
	case G_HALF:
		return cal_days(t->y, 6 * (t->q - 1) + 1, 1);
	case G_YEAR:
		return cal_days(t->y, 1, 1);
	case G_DECADE:
		return cal_days(t->y - t->y % 10, 1, 1);
	case G_CENTURY:
		return cal_days(t->y - t->y % 100, 1, 1);
	case G_MONTH:
	case G_SEASON:
		return cal_days(t->y, t->m > 0 ? t->m : 1, 1);
	default:
		return cal_days(t->y, t->m > 0 ? t->m : 1, t->d > 0 ? t->d : 1);
	}
}

struct tdate td_coarsen(struct tdate t, int g)
{
	if (g >= t.gran && !(g == G_WEEK && t.gran > G_WEEK))
		return t;
	if (g == G_WEEK) {
		if (t.y == Y_UNKNOWN || t.m <= 0 || t.d <= 0) {
			struct tdate u = {.gran = G_WEEK, .y = Y_UNKNOWN};
			return u;
		}
		return td_week(cal_days(t.y, t.m, t.d));
	}
	if (t.gran == G_WEEK || t.gran == G_WEEKEND) {
		/* a week to a coarser unit: use its Thursday */
		long thu = td_first_day(&t) + 3;
		struct tdate d = td_days(thu);
		d.gran = G_DAY;
		return td_coarsen(d, g);
	}
	if (g == G_QUARTER && t.m > 0)
		t.q = (t.m - 1) / 3 + 1;
	if (g == G_HALF && t.m > 0)
		t.q = (t.m - 1) / 6 + 1;
	t.gran = g;
	return t;
}

struct tdate td_shift(struct tdate t, int unit, int n)
{
	if (t.y == Y_UNKNOWN)
		return t;
	switch (unit) {
	case U_DAY:
		if (t.gran >= G_DAY && t.m > 0 && t.d > 0) {
			struct tdate r = td_days(cal_days(t.y, t.m, t.d) + n);
			r.gran = t.gran;
			r.tod = t.tod;
			r.hh = t.hh;
			r.mm = t.mm;
			return r;
		}
		if (t.gran == G_WEEK || t.gran == G_WEEKEND) {
			long d0 = td_first_day(&t) + n;
			struct tdate r = td_week(d0);
			r.gran = t.gran;
			return r;
		}
		return t;
	case U_WEEK:
	case U_WEEKEND:
	case U_FORTNIGHT: {
		int k = unit == U_FORTNIGHT ? 14 : 7;
		if (t.gran == G_WEEK || t.gran == G_WEEKEND) {
			int g = t.gran;
			struct tdate r = td_week(td_first_day(&t) + (long)k * n);
			r.gran = g;
			return r;
		}
		if (t.gran >= G_DAY && t.m > 0 && t.d > 0)
			return td_shift(t, U_DAY, k * n);
		return t;
	}
	case U_MONTH:
	case U_QUARTER:
	case U_HALF: {
		int months = n * (unit == U_MONTH ? 1 : unit == U_QUARTER ? 3 : 6);
		if (t.gran == G_QUARTER || t.gran == G_HALF) {
			int per = t.gran == G_QUARTER ? 3 : 6;
			int mm = (t.q - 1) * per + 1, dd = 1;
			cal_add_months(&t.y, &mm, &dd, months);
			t.q = (mm - 1) / per + 1;
			return t;
		}
		if (t.gran == G_WEEK || t.gran == G_WEEKEND) {
			struct tdate d = td_days(td_first_day(&t));
			cal_add_months(&d.y, &d.m, &d.d, months);
			struct tdate r = td_week(cal_days(d.y, d.m, d.d));
			r.gran = t.gran;
			return r;
		}
		if (t.m > 0) {
			int dd = t.d > 0 ? t.d : 1;
			cal_add_months(&t.y, &t.m, &dd, months);
			if (t.d > 0)
				t.d = dd;
		} else if (months % 12 == 0) {
			t.y += months / 12;
		}
		return t;
	}
	case U_YEAR:
	case U_DECADE:
	case U_CENTURY:
	case U_MILLENNIUM: {
		int years = n * (unit == U_YEAR ? 1 : unit == U_DECADE ? 10 :
		                 unit == U_CENTURY ? 100 : 1000);
		if (t.gran == G_WEEK || t.gran == G_WEEKEND) {
			int w = t.w;
			t.y += years;
			if (w > cal_iso_weeks(t.y))
				t.w = cal_iso_weeks(t.y);
			return t;
		}
		t.y += years;
		if (t.gran >= G_DAY && t.m == 2 && t.d == 29 && !cal_leap(t.y))
			t.d = 28;
		return t;
	}
	default:
		return t;
	}
}

static const char *const season_code[] = {"", "SP", "SU", "FA", "WI"};
static const char *const tod_code[] = {"", "MO", "AF", "EV", "NI", "NI",
	"12:00", "24:00", "12:00"};

/* Writes @v as exactly @w digits (1 to 4), with leading zeros; callers
 * pass 0 <= v < 10^w (td_format_fast() checks the ranges first), so that
 * no division loop or reversal is needed. */
static char *put_num(char *p, int v, int w)
{
	switch (w) {
	case 4:
		*p++ = (char)('0' + v / 1000);
		v %= 1000;
		/* fall through */
	case 3:
		*p++ = (char)('0' + v / 100);
		v %= 100;
		/* fall through */
	case 2:
		*p++ = (char)('0' + v / 10);
		v %= 10;
		/* fall through */
	default:
		*p++ = (char)('0' + v);
		break;
	}
	return p;
}

static char *put_str(char *p, const char *s)
{
	while (*s)
		*p++ = *s++;
	return p;
}

/* td_format() without snprintf (it runs once per expression found): the
 * same text for every value whose fields are in their usual ranges;
 * returns its length, or 0 for anything else, left to the general code
 * below. */
static size_t td_format_fast(const struct tdate *t, char *buf, size_t size)
{
	if (size < 32 || (t->y != Y_UNKNOWN && (t->y < 0 || t->y > 9999)) ||
	    t->m > 99 || t->d > 99 || t->w < 0 || t->w > 99 || t->q < 0 ||
	    t->q > 9 || t->wd < 0 || t->wd > 9 || t->hh < 0 || t->hh > 99 ||
	    t->mm < 0 || t->mm > 99)
		return 0;
	bool ky = t->y != Y_UNKNOWN;
	char *p = buf;
	switch (t->gran) {
	case G_CENTURY:
		p = ky ? put_num(p, t->y / 100, 2) : put_str(p, "XX");
		*p = '\0';
		return (size_t)(p - buf);
	case G_DECADE:
		p = ky ? put_num(p, t->y / 10, 3) : put_str(p, "XXX");
		*p = '\0';
		return (size_t)(p - buf);
	case G_YEAR: case G_HALF: case G_QUARTER: case G_SEASON: case G_MONTH:
	case G_WEEK: case G_WEEKEND: case G_DAY: case G_TOD: case G_MINUTE:
		break;
	default:
		return 0;
	}
	p = ky ? put_num(p, t->y, 4) : put_str(p, "XXXX");
	switch (t->gran) {
	case G_YEAR:
		break;
	case G_HALF:
		p = put_str(p, "-H");
		p = put_num(p, t->q, 1);
		break;
	case G_QUARTER:
		p = put_str(p, "-Q");
		p = t->q > 0 ? put_num(p, t->q, 1) : put_str(p, "X");
		break;
	case G_SEASON:
		*p++ = '-';
		p = put_str(p, season_code[t->season >= 1 && t->season <= 4 ?
		                           t->season : 0]);
		break;
	case G_MONTH:
		*p++ = '-';
		p = t->m > 0 ? put_num(p, t->m, 2) : put_str(p, "XX");
		break;
	case G_WEEK:
	case G_WEEKEND:
		p = put_str(p, "-W");
		p = t->w > 0 ? put_num(p, t->w, 2) : put_str(p, "XX");
		if (t->gran == G_WEEKEND)
			p = put_str(p, "-WE");
		break;
	default:    /* G_DAY, G_TOD, G_MINUTE */
		if (t->gran != G_MINUTE && t->m <= 0 && t->wd > 0) {
			p = put_str(p, "-WXX-");
			p = put_num(p, t->wd, 1);
		} else {
			*p++ = '-';
			p = t->m > 0 ? put_num(p, t->m, 2) : put_str(p, "XX");
			*p++ = '-';
			p = t->d > 0 ? put_num(p, t->d, 2) : put_str(p, "XX");
		}
		if (t->gran == G_TOD) {
			*p++ = 'T';
			p = put_str(p, t->tod > 0 && t->tod <= 8 ? tod_code[t->tod] :
			                                          "XX");
		} else if (t->gran == G_MINUTE) {
			*p++ = 'T';
			p = put_num(p, t->hh, 2);
			*p++ = ':';
			p = put_num(p, t->mm, 2);
		}
		break;
	}
	*p = '\0';
	return (size_t)(p - buf);
}

/* Years, months and days with every field known (most values): written
 * at once, without td_format_fast()'s dozen range checks. The text is
 * the one both other paths write ("%04d", "-%02d"). */
static size_t td_format_common(const struct tdate *t, char *buf, size_t size)
{
	/* Y_UNKNOWN is negative */
	if (size < 11 || t->y < 0 || t->y > 9999)
		return 0;
	char *p = buf;
	switch (t->gran) {
	case G_YEAR:
		p = put_num(p, t->y, 4);
		break;
	case G_MONTH:
		if (t->m < 1 || t->m > 99)
			return 0;
		p = put_num(p, t->y, 4);
		*p++ = '-';
		p = put_num(p, t->m, 2);
		break;
	case G_DAY:
		if (t->m < 1 || t->m > 99 || t->d < 1 || t->d > 99)
			return 0;
		p = put_num(p, t->y, 4);
		*p++ = '-';
		p = put_num(p, t->m, 2);
		*p++ = '-';
		p = put_num(p, t->d, 2);
		break;
	default:
		return 0;
	}
	*p = '\0';
	return (size_t)(p - buf);
}

size_t td_format(const struct tdate *t, char *buf, size_t size)
{
	size_t n = td_format_common(t, buf, size);
	if (n || (n = td_format_fast(t, buf, size)) != 0)
		return n;
	char y[16];
	if (t->y == Y_UNKNOWN)
		snprintf(y, sizeof y, "XXXX");
	else
		snprintf(y, sizeof y, "%04d", t->y);
	char m[12], d[12];
	if (t->m > 0)
		snprintf(m, sizeof m, "%02d", t->m);
	else
		snprintf(m, sizeof m, "XX");
	if (t->d > 0)
		snprintf(d, sizeof d, "%02d", t->d);
	else
		snprintf(d, sizeof d, "XX");
	switch (t->gran) {
	case G_CENTURY:
		if (t->y == Y_UNKNOWN)
			snprintf(buf, size, "XX");
		else
			snprintf(buf, size, "%02d", t->y / 100);
		break;
	case G_DECADE:
		if (t->y == Y_UNKNOWN)
			snprintf(buf, size, "XXX");
		else
			snprintf(buf, size, "%03d", t->y / 10);
		break;
	case G_YEAR:
		snprintf(buf, size, "%s", y);
		break;
	case G_HALF:
		snprintf(buf, size, "%s-H%d", y, t->q);
		break;
	case G_QUARTER:
		if (t->q > 0)
			snprintf(buf, size, "%s-Q%d", y, t->q);
		else
			snprintf(buf, size, "%s-QX", y);
		break;
	case G_SEASON:
		snprintf(buf, size, "%s-%s", y, season_code[t->season >= 1 && t->season <= 4 ? t->season : 0]);
		break;
	case G_MONTH:
		snprintf(buf, size, "%s-%s", y, m);
		break;
	case G_WEEK:
	case G_WEEKEND:
		if (t->w > 0)
			snprintf(buf, size, "%s-W%02d%s", y, t->w,
			         t->gran == G_WEEKEND ? "-WE" : "");
		else
			snprintf(buf, size, "%s-WXX%s", y,
			         t->gran == G_WEEKEND ? "-WE" : "");
		break;
	case G_DAY:
		if (t->m <= 0 && t->wd > 0)
			snprintf(buf, size, "%s-WXX-%d", y, t->wd);
		else
			snprintf(buf, size, "%s-%s-%s", y, m, d);
		break;
	case G_TOD:
		if (t->m <= 0 && t->wd > 0)
			snprintf(buf, size, "%s-WXX-%dT%s", y, t->wd,
			         t->tod > 0 && t->tod <= 8 ? tod_code[t->tod] : "XX");
		else
			snprintf(buf, size, "%s-%s-%sT%s", y, m, d,
		         t->tod > 0 && t->tod <= 8 ? tod_code[t->tod] : "XX");
		break;
	case G_MINUTE:
		snprintf(buf, size, "%s-%s-%sT%02d:%02d", y, m, d, t->hh, t->mm);
		break;
	default:
		snprintf(buf, size, "XXXX");
	}
	return size ? strlen(buf) : 0;
}
