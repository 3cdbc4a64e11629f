/*
 * calendar.c - proleptic Gregorian date arithmetic (Howard Hinnant's
 * days_from_civil / civil_from_days) and ISO 8601 weeks.
 */
#include "calendar.h"


void cal_civil(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long yy = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

int cal_weekday(long days)
{
	/* 1970-01-01 was a Thursday (4). */
	long w = (days + 3) % 7;
	if (w < 0)
		w += 7;
	return (int)w + 1;
}

long cal_iso_monday(int iso_year, int week)
{
	long jan4 = cal_days(iso_year, 1, 4);
	long week1 = jan4 - (cal_weekday(jan4) - 1);
	return week1 + 7L * (week - 1);
}

void cal_iso_week(long days, int *iso_year, int *week)
{
	/* The Thursday of this week decides the ISO year. */
	long thu = days + (4 - cal_weekday(days));
	int ty, tm, td;
	cal_civil(thu, &ty, &tm, &td);
	*iso_year = ty;
	*week = (int)((thu - cal_days(ty, 1, 1)) / 7) + 1;
}

int cal_iso_weeks(int iso_year)
{
	int y, w;
	cal_iso_week(cal_days(iso_year, 12, 28), &y, &w);
	return w;
}

void cal_add_months(int *y, int *m, int *d, int n)
{
	long t = (long)*y * 12 + (*m - 1) + n;
	long yy = t >= 0 ? t / 12 : -((-t + 11) / 12);
	*y = (int)yy;
	*m = (int)(t - yy * 12) + 1;
	if (d && *d > cal_days_in_month(*y, *m))
		*d = cal_days_in_month(*y, *m);
}

/* The value of the @n ASCII digits at @s, or -1. A range test rather
 * than isdigit() (the same set in every locale: the decimal digits are
 * '0' to '9'), without the call: it runs once per document, on the dct. */
static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		unsigned dg = (unsigned)(unsigned char)s[i] - '0';
		if (dg > 9)
			return -1;
		v = v * 10 + (int)dg;
	}
	return v;
}

bool cal_parse_iso(const char *s, int *y, int *m, int *d)
{
	if (!s)
		return false;
	int yy = digits(s, 4);
	if (yy < 0 || s[4] != '-')
		return false;
	int mm = digits(s + 5, 2);
	if (mm < 1 || mm > 12 || s[7] != '-')
		return false;
	int dd = digits(s + 8, 2);
	if (dd < 1 || dd > cal_days_in_month(yy, mm))
		return false;
	if (s[10] != '\0' && s[10] != 'T' && s[10] != ' ')
		return false;
	*y = yy;
	*m = mm;
	*d = dd;
	return true;
}
