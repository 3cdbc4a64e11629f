/*
 * calendar.h - proleptic Gregorian date arithmetic for the dates plugin.
 *
 * Days are counted from 1970-01-01 (day 0). ISO weeks start on Monday;
 * week 1 is the week that holds the year's first Thursday.
 */
#ifndef DATES_CALENDAR_H
#define DATES_CALENDAR_H

#include <stdbool.h>

/* cal_leap(), cal_days_in_month() and cal_days() are inline: the rules
 * call them a few times per date found (year_deltas() three times). */
static inline bool cal_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static inline int cal_days_in_month(int y, int m)
{
	static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12)
		return 0;
	return m == 2 && cal_leap(y) ? 29 : len[m - 1];
}

/* Day number of y-m-d (m 1..12, d 1..31): Howard Hinnant's
 * days_from_civil. */
static inline long cal_days(int y, int m, int d)
{
	long yy = y - (m <= 2);
	long era = (yy >= 0 ? yy : yy - 399) / 400;
	long yoe = yy - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}
/* Inverse of cal_days. */
void cal_civil(long days, int *y, int *m, int *d);
/* ISO weekday of a day number: 1 = Monday .. 7 = Sunday. */
int cal_weekday(long days);
/* ISO week-numbering year and week (1..53) of a day number. */
void cal_iso_week(long days, int *iso_year, int *week);
/* Day number of the Monday of ISO week @week of @iso_year. */
long cal_iso_monday(int iso_year, int week);
/* Number of ISO weeks (52 or 53) in @iso_year. */
int cal_iso_weeks(int iso_year);
/* Adds @n months to y-m (d clipped to the month's length). */
void cal_add_months(int *y, int *m, int *d, int n);
/* Parses "YYYY-MM-DD" (optionally followed by 'T' or a space and more);
 * returns true and fills the fields when the date is valid. */
bool cal_parse_iso(const char *s, int *y, int *m, int *d);

#endif
