/*
 * calendar.h - proleptic Gregorian date arithmetic for the dates plugin.
 *
 * Days are counted from 1970-01-01 (day 0). ISO weeks start on Monday;
 * week 1 is the week that holds the year's first Thursday.
 */
#ifndef DATES_CALENDAR_H
#define DATES_CALENDAR_H

#include <stdbool.h>

bool cal_leap(int y);
int cal_days_in_month(int y, int m);
/* Day number of y-m-d (m 1..12, d 1..31). */
long cal_days(int y, int m, int d);
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
