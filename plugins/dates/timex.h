/*
 * timex.h - calendar values at a granularity (a day, a week, a quarter,
 * a decade, ...) and their TIMEX3 rendering.
 */
#ifndef DATES_TIMEX_H
#define DATES_TIMEX_H

#include <stdbool.h>
#include <stddef.h>

/* Granularities, coarse to fine. */
enum gran {
	G_NONE = 0, G_CENTURY, G_DECADE, G_YEAR, G_HALF, G_QUARTER, G_SEASON,
	G_MONTH, G_WEEK, G_WEEKEND, G_DAY, G_TOD, G_MINUTE,
};

#define Y_UNKNOWN (-99999)

/* A date at granularity @gran. Fields finer than @gran are ignored; a
 * component of 0 (or Y_UNKNOWN for the year) is unknown and written as X.
 * For G_WEEK/G_WEEKEND, @y is the ISO week-numbering year and @w the week. */
struct tdate {
	int gran;
	int y, m, d;
	int q;      /* quarter 1..4, or half 1..2 for G_HALF */
	int season; /* enum season */
	int w;      /* ISO week */
	int wd;     /* ISO weekday 1..7 when only the weekday is known */
	int tod;    /* enum tod (G_TOD) */
	int hh, mm; /* G_MINUTE */
};

struct tdate td_day(int y, int m, int d);
struct tdate td_days(long days);
struct tdate td_month(int y, int m);
struct tdate td_year(int y);
struct tdate td_quarter(int y, int q);
struct tdate td_week(long days); /* the ISO week holding a day */
/* Day number of the first day of a date (y, m, d must be known). */
long td_first_day(const struct tdate *t);
/* Shifts by @n units (enum unit) keeping the granularity where it can,
 * e.g. a quarter shifted by one year is the same quarter a year away. */
struct tdate td_shift(struct tdate t, int unit, int n);
/* Coarsens @t to granularity @g (e.g. a day to its month or ISO week). */
struct tdate td_coarsen(struct tdate t, int g);
/* Writes the TIMEX3 value (e.g. "2024-W02", "1998-Q3", "XXXX-01-05");
 * returns its length. */
size_t td_format(const struct tdate *t, char *buf, size_t size);
/* Whether year, month and day are all known (for day arithmetic). */
bool td_known(const struct tdate *t);

#endif
