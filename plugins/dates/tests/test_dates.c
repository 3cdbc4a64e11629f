/*
 * test_dates.c - cmocka tests of the dates plugin through the harness.
 *
 * Most tests are tables of cases: a text, a dct (or none), the expression
 * expected in it and its type, value, anchor and mod. The seed cases use
 * sentences of the project's seed documents with their estimated dcts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <docproc/harness.h>

struct tcase {
	const char *dct;    /* NULL: no dct */
	const char *text;
	const char *expr;   /* the expected span text */
	const char *type;
	const char *value;
	const char *anchor; /* NULL: not checked */
	const char *mod;    /* NULL: no mod; "-": not checked */
};

static struct dp_harness *harness(const char *options)
{
	struct dp_harness *h = dp_harness_new();
	assert_non_null(h);
	if (dp_harness_add(h, PLUGIN_LA, options) != 0) {
		print_error("add: %s\n", dp_harness_error(h));
		fail();
	}
	return h;
}

static void run(struct dp_harness *h, const char *text, const char *dct)
{
	char meta[64];
	if (dct)
		snprintf(meta, sizeof meta, "{\"dct\": \"%s\"}", dct);
	if (dp_harness_run(h, text, dct ? meta : NULL) != 0) {
		print_error("run: %s\n", dp_harness_error(h));
		fail();
	}
}

static void check_attr(struct dp_harness *h, long i, const struct tcase *c,
                       const char *attr, const char *want)
{
	const char *got = dp_harness_attr(h, "dates", (size_t)i, attr);
	if ((want == NULL) != (got == NULL) || (want && strcmp(want, got) != 0)) {
		print_error("%s in \"%s\" (dct %s): %s is %s, expected %s\n",
		            c->expr, c->text, c->dct ? c->dct : "none", attr,
		            got ? got : "(unset)", want ? want : "(unset)");
		fail();
	}
}

static void check_cases(const char *options, const struct tcase *cases, size_t n)
{
	struct dp_harness *h = harness(options);
	for (size_t k = 0; k < n; k++) {
		const struct tcase *c = &cases[k];
		run(h, c->text, c->dct);
		long i = dp_harness_find(h, "dates", c->expr, 0);
		if (i < 0) {
			print_error("\"%s\" not found in \"%s\" (dct %s); found:",
			            c->expr, c->text, c->dct ? c->dct : "none");
			for (size_t j = 0; j < dp_harness_count(h, "dates"); j++)
				print_error(" [%s]", dp_harness_span_text(h, "dates", j));
			print_error("\n");
			fail();
		}
		check_attr(h, i, c, "type", c->type);
		check_attr(h, i, c, "value", c->value);
		if (c->anchor)
			check_attr(h, i, c, "anchor", c->anchor);
		if (!c->mod || strcmp(c->mod, "-") != 0)
			check_attr(h, i, c, "mod", c->mod);
	}
	dp_harness_free(h);
}

#define CHECK(options, table) check_cases(options, table, sizeof table / sizeof table[0])

/* @text under @dct (default options) has exactly @n expressions: with
 * CHECK(), that a table's expressions are all there is */
static void assert_count(const char *text, const char *dct, size_t n)
{
	struct dp_harness *h = harness(NULL);
	run(h, text, dct);
	assert_int_equal(dp_harness_count(h, "dates"), n);
	dp_harness_free(h);
}

/* ---------------------------------------------------------------- seeds */

static void test_seed_000(void **state)
{
	(void)state;
	static const char *const d = "2024-01-09";
	static const char *const t =
		"U.S. forces have been in Iraq for 21 years since the U.S. invasion "
		"of Iraq in 2003, and although most of the U.S. troops withdrew in "
		"2011, they still retain 2,500 troops in the name of fighting ISIS.";
	static const struct tcase cases[] = {
		{d, t, "21 years", "DURATION", "P21Y", "absolute", NULL},
		{d, t, "2003", "DATE", "2003", "absolute", NULL},
		{d, t, "2011", "DATE", "2011", "absolute", NULL},
	};
	CHECK(NULL, cases);
	assert_count(t, d, 3); /* not 2,500 */
}

static void test_seed_001(void **state)
{
	(void)state;
	static const char *const d = "2024-01-09";
	static const char *const t1 =
		"On January 5, the Iraqi Prime Minister's Office quoted him.\n"
		"Meanwhile, on the same day, Iranian Foreign Ministry spokesman "
		"Nasser Kanaani spoke.";
	static const char *const t2 =
		"Reuters quoted US Air Force Major General Patrick Ryder on January 8 "
		"as saying that he had not received any notice. Troops have been "
		"deployed in Iraq since 2014. In March 2020, the US began "
		"implementing it. On December 9, 2021, Washington officially "
		"announced the end. Since the conflict broke out in the Gaza Strip "
		"on October 7, 2023, attacks have increased. Units are now "
		"integrated into Iraq's armed forces.";
	static const struct tcase cases[] = {
		{d, t1, "January 5", "DATE", "2024-01-05", "dct", NULL},
		{d, t1, "the same day", "DATE", "2024-01-05", "previous", NULL},
		{d, t2, "January 8", "DATE", "2024-01-08", "dct", NULL},
		{d, t2, "2014", "DATE", "2014", "absolute", NULL},
		{d, t2, "March 2020", "DATE", "2020-03", "absolute", NULL},
		{d, t2, "December 9, 2021", "DATE", "2021-12-09", "absolute", NULL},
		{d, t2, "October 7, 2023", "DATE", "2023-10-07", "absolute", NULL},
		{d, t2, "now", "DATE", "PRESENT_REF", "dct", NULL},
	};
	CHECK(NULL, cases);
}

static void test_seed_002(void **state)
{
	(void)state;
	static const char *const d = "2020-01-10";
	static const char *const t =
		"In a statement on Friday, Spokeswoman Morgan Ortagus said that the "
		"US military presence is a force for good.\n\nEarlier Friday, Iraqi "
		"Prime Minister Adil Abdul-Mahdi had asked US Secretary of State "
		"Mike Pompeo to send a delegation.\n\nThe Iraqi parliament last week "
		"passed a non-binding resolution. The relationship has soured in "
		"recent months, however.\n\nThere are currently 5,200 US troops "
		"stationed at bases across Iraq, who were invited in 2014.";
	static const struct tcase cases[] = {
		{d, t, "Friday", "DATE", "2020-01-10", "dct", NULL},
		{d, t, "Earlier Friday", "DATE", "2020-01-10", "dct", NULL},
		{d, t, "last week", "DATE", "2020-W01", "dct", NULL},
		{d, t, "recent months", "DURATION", "PXM", NULL, NULL},
		{d, t, "currently", "DATE", "PRESENT_REF", "dct", NULL},
		{d, t, "2014", "DATE", "2014", "absolute", NULL},
	};
	CHECK(NULL, cases);
	struct dp_harness *h = harness(NULL);
	run(h, t, d);
	assert_true(dp_harness_find(h, "dates", "5,200", 0) < 0);
	assert_true(dp_harness_find(h, "dates", "5", 0) < 0);
	dp_harness_free(h);
}

static void test_seed_003(void **state)
{
	(void)state;
	static const char *const d = "2024-01-25";
	static const char *const t =
		"The talks will be facilitated by the High Military Committee (HMC), "
		"which was established last summer. Tensions intensified after "
		"Iran's top commanders were assassinated four years ago, on "
		"January 3, 2020, near Baghdad International Airport. Parliament "
		"adopted the bill in January 2020. Al-Sudani's statement echoed a "
		"similar one last week.";
	static const struct tcase cases[] = {
		{d, t, "last summer", "DATE", "2023-SU", "dct", NULL},
		{d, t, "four years ago", "DATE", "2020", "dct", NULL},
		{d, t, "January 3, 2020", "DATE", "2020-01-03", "absolute", NULL},
		{d, t, "January 2020", "DATE", "2020-01", "absolute", NULL},
		{d, t, "last week", "DATE", "2024-W03", "dct", NULL},
	};
	CHECK(NULL, cases);
}

static void test_seed_004_lower_case(void **state)
{
	(void)state;
	static const char *const d = "2024-09-07";
	static const char *const t =
		"according to a source from the iraqi security department on the "
		"6th, the iraqi security delegation will go to the united states at "
		"the end of this month. on january 25 this year, the iraqi ministry "
		"of foreign affairs announced it. after about half a year of "
		"multiple rounds of negotiations, forces will withdraw from baghdad "
		"by september 2025. the coalition forces will continue to stay until "
		"the end of 2026 and then withdraw. the us has launched military "
		"intervention for more than 20 years. the coalition fought for "
		"nearly three years. since the conflict in october last year, "
		"militias have used drones. the plan to withdraw in the next two "
		"years marks a turning point. troops may stay.";
	static const struct tcase cases[] = {
		{d, t, "the 6th", "DATE", "2024-09-06", "dct", NULL},
		{d, t, "the end of this month", "DATE", "2024-09", "dct", "END"},
		{d, t, "january 25 this year", "DATE", "2024-01-25", "dct", NULL},
		{d, t, "half a year", "DURATION", "P6M", "absolute", "APPROX"},
		{d, t, "september 2025", "DATE", "2025-09", "absolute", NULL},
		{d, t, "the end of 2026", "DATE", "2026", "absolute", "END"},
		{d, t, "more than 20 years", "DURATION", "P20Y", "absolute", "MORE_THAN"},
		{d, t, "nearly three years", "DURATION", "P3Y", "absolute", "LESS_THAN"},
		{d, t, "october last year", "DATE", "2023-10", "dct", NULL},
		{d, t, "the next two years", "DURATION", "P2Y", "absolute", NULL},
	};
	CHECK(NULL, cases);
	struct dp_harness *h = harness(NULL);
	run(h, t, d);
	assert_true(dp_harness_find(h, "dates", "may", 0) < 0);
	dp_harness_free(h);
}

/* ------------------------------------------------------------- absolute */

static void test_absolute(void **state)
{
	(void)state;
	static const char *const d = "2024-09-07";
	static const struct tcase cases[] = {
		{d, "The report is dated 2024-01-05.", "2024-01-05", "DATE", "2024-01-05", "absolute", NULL},
		{d, "The report is dated 1/5/2024.", "1/5/2024", "DATE", "2024-01-05", "absolute", NULL},
		{d, "HOUSTON, Feb 26 - Oil prices rose.", "Feb 26", "DATE", "2024-02-26", "dct", NULL},
		{d, "Profits fell in Q3 2024, the firm said.", "Q3 2024", "DATE", "2024-Q3", "absolute", NULL},
		{d, "It was popular in the 1980s.", "the 1980s", "DATE", "198", "absolute", NULL},
		{d, "He moved there in 2014.", "2014", "DATE", "2014", "absolute", NULL},
		{d, "They have been there since 2003.", "2003", "DATE", "2003", "absolute", NULL},
		{d, "It must end by september 2025.", "september 2025", "DATE", "2025-09", "absolute", NULL},
		{d, "They stay until the end of 2026.", "the end of 2026", "DATE", "2026", "absolute", "END"},
		{d, "Sales rose in the third quarter of 1998.", "the third quarter of 1998", "DATE", "1998-Q3", "absolute", NULL},
		{d, "It opened on Friday, Oct. 23, 1998.", "Friday, Oct. 23, 1998", "DATE", "1998-10-23", "absolute", NULL},
		{d, "It happened on 5 January 2024.", "5 January 2024", "DATE", "2024-01-05", "absolute", NULL},
		{d, "Prices soared in the early 1990s.", "the early 1990s", "DATE", "199", "absolute", "START"},
		{d, "It was built in the 20th century.", "the 20th century", "DATE", "19", "absolute", NULL},
		{d, "The plan was drafted in fiscal 1989.", "fiscal 1989", "DATE", "1989", "absolute", NULL},
		{d, "The summit opens at 10:35 a.m. on Tuesday.", "10:35 a.m. on Tuesday", "TIME", "2024-09-03T10:35", "dct", NULL},
		{d, "Nineteen ninety-six was a good year.", "Nineteen ninety-six", "DATE", "1996", "absolute", NULL},
		{d, "It opens on March eighth, 2025.", "March eighth, 2025", "DATE", "2025-03-08", "absolute", NULL},
		{d, "It opened on the fifth of May 1998.", "fifth of May 1998", "DATE", "1998-05-05", "absolute", NULL},
		{d, "Talks resume the week of March 6, 2000.", "the week of March 6, 2000", "DATE", "2000-W10", "absolute", NULL},
	};
	CHECK(NULL, cases);
}

static void test_numeric_order(void **state)
{
	(void)state;
	static const struct tcase mdy[] = {
		{"2024-09-07", "Filed on 1/5/2024 here.", "1/5/2024", "DATE", "2024-01-05", "absolute", NULL},
		{"2024-09-07", "Filed on 25/12/2023 here.", "25/12/2023", "DATE", "2023-12-25", "absolute", NULL},
	};
	static const struct tcase dmy[] = {
		{"2024-09-07", "Filed on 1/5/2024 here.", "1/5/2024", "DATE", "2024-05-01", "absolute", NULL},
		{"2024-09-07", "Filed on 05/01/24 here.", "05/01/24", "DATE", "2024-01-05", "absolute", NULL},
	};
	CHECK(NULL, mdy);
	CHECK("{order: dmy}", dmy);
}

/* ------------------------------------------------------------ dct-based */

/* Months and days without a year next to the year's ends and in leap
 * years: year_deltas() counts from 1 January of the dct's year and the
 * years around it (a table of month starts, set once per document);
 * the values are those of the earlier cal_days() per month. */
static void test_year_edges(void **state)
{
	(void)state;
	static const struct tcase cases[] = {
		{"2024-01-03", "The meeting was held on December 30.", "December 30", "DATE", "2023-12-30", "dct", NULL},
		{"2021-01-01", "The meeting was held on December 31.", "December 31", "DATE", "2020-12-31", "dct", NULL},
		{"2024-03-01", "The meeting was held on February 29.", "February 29", "DATE", "2024-02-29", "dct", NULL},
		/* 29 February only in leap years: the one before the dct
		 * after a past verb, the one after after a future one, else
		 * the nearer (2100 is a common year: 1896 -> 1904, 2096 ->
		 * 2104 are eight years) */
		{"2025-03-01", "The meeting was held on February 29.", "February 29", "DATE", "2024-02-29", "dct", NULL},
		{"2027-12-20", "The meeting will be held on February 29.", "February 29", "DATE", "2028-02-29", "dct", NULL},
		{"2027-12-20", "The meeting was held on February 29.", "February 29", "DATE", "2024-02-29", "dct", NULL},
		{"2027-12-20", "The February 29 meeting.", "February 29", "DATE", "2028-02-29", "dct", NULL},
		{"2022-06-01", "The meeting was held on February 29.", "February 29", "DATE", "2020-02-29", "dct", NULL},
		{"2100-02-27", "The meeting will be held on February 29.", "February 29", "DATE", "2104-02-29", "dct", NULL},
		{"1901-01-10", "The meeting was held on February 29.", "February 29", "DATE", "1896-02-29", "dct", NULL},
		{"2024-02-29", "The meeting is on February 29.", "February 29", "DATE", "2024-02-29", "dct", NULL},
		{"2025-03-01", "The meeting was held on February 28.", "February 28", "DATE", "2025-02-28", "dct", NULL},
		/* a day past the month's end is its last day, with or
		 * without a year */
		{"2024-09-07", "The meeting was held on April 31.", "April 31", "DATE", "2024-04-30", "dct", NULL},
		{"2024-09-07", "The meeting was held on April 31, 2023.", "April 31, 2023", "DATE", "2023-04-30", "absolute", NULL},
		/* a past participle after "will be" or "to be" looks ahead */
		{"1987-04-13", "The tariffs will be made public on Thursday.", "Thursday", "DATE", "1987-04-16", "dct", NULL},
		{"1987-06-29", "The meeting is to be held in late July.", "late July", "DATE", "1987-07", "dct", "END"},
		{"1987-10-20", "The meeting will be held on January 5.", "January 5", "DATE", "1988-01-05", "dct", NULL},
		{"2000-02-27", "The meeting will be held on February 29.", "February 29", "DATE", "2000-02-29", "dct", NULL},
		{"1999-12-31", "Prices rose in January.", "January", "DATE", "1999-01", "dct", NULL},
	};
	CHECK(NULL, cases);
}

static void test_dct_anchored(void **state)
{
	(void)state;
	static const char *const d = "2024-09-07"; /* a Saturday */
	static const struct tcase cases[] = {
		{d, "The deal was signed on January 5.", "January 5", "DATE", "2024-01-05", "dct", NULL},
		{d, "The deal will be signed on January 5.", "January 5", "DATE", "2025-01-05", "dct", NULL},
		{d, "The minister resigned on Friday.", "Friday", "DATE", "2024-09-06", "dct", NULL},
		{d, "The minister will resign on Monday.", "Monday", "DATE", "2024-09-09", "dct", NULL},
		{d, "She'll visit on Monday.", "Monday", "DATE", "2024-09-09", "dct", NULL},
		{d, "He said he would visit on Tuesday.", "Tuesday", "DATE", "2024-09-10", "dct", NULL},
		{d, "He visited on Tuesday.", "Tuesday", "DATE", "2024-09-03", "dct", NULL},
		{d, "Voters went to the polls last week.", "last week", "DATE", "2024-W35", "dct", NULL},
		{d, "Growth slowed this year.", "this year", "DATE", "2024", "dct", NULL},
		/* the latest summer that has ended */
		{d, "Talks began last summer.", "last summer", "DATE", "2024-SU", "dct", NULL},
		{"2024-05-07", "Talks began last summer.", "last summer", "DATE", "2023-SU", "dct", NULL},
		{d, "The talks end at the end of this month.", "the end of this month", "DATE", "2024-09", "dct", "END"},
		{d, "It was founded four years ago.", "four years ago", "DATE", "2020", "dct", NULL},
		{d, "Prices rose in recent months.", "recent months", "DURATION", "PXM", NULL, NULL},
		{d, "The vote is today.", "today", "DATE", "2024-09-07", "dct", NULL},
		{d, "The vote was yesterday.", "yesterday", "DATE", "2024-09-06", "dct", NULL},
		{d, "The vote is tomorrow.", "tomorrow", "DATE", "2024-09-08", "dct", NULL},
		{d, "Prices are high now.", "now", "DATE", "PRESENT_REF", "dct", NULL},
		{d, "Sales fell last month.", "last month", "DATE", "2024-08", "dct", NULL},
		{d, "Sales will rise next year.", "next year", "DATE", "2025", "dct", NULL},
		{d, "He spoke this morning.", "this morning", "TIME", "2024-09-07TMO", "dct", NULL},
		{d, "It will happen in the near future.", "the near future", "DATE", "FUTURE_REF", "dct", NULL},
		{d, "Sales fell in the second quarter.", "the second quarter", "DATE", "2024-Q2", "dct", NULL},
		{d, "He had been there recently.", "recently", "DATE", "PAST_REF", "dct", NULL},
		{d, "The ceasefire began two weeks ago.", "two weeks ago", "DATE", "2024-W34", "dct", NULL},
		{d, "They met last Thursday.", "last Thursday", "DATE", "2024-09-05", "dct", NULL},
		{d, "They meet next Thursday.", "next Thursday", "DATE", "2024-09-12", "dct", NULL},
		{d, "He left Friday night.", "Friday night", "TIME", "2024-09-06TNI", "dct", NULL},
		{d, "They protested in late November.", "late November", "DATE", "2023-11", "dct", "END"},
		{d, "Stocks fell earlier this year.", "earlier this year", "DATE", "2024", "dct", NULL},
		{d, "The market opened at noon Thursday.", "noon Thursday", "TIME", "2024-09-05T12:00", "dct", NULL},
		{d, "It grew 5% over Christmas.", "Christmas", "DATE", "2023-12-25", "dct", NULL},
		{d, "It happened around 7:15 p.m. today.", "around 7:15 p.m. today", "TIME", "2024-09-07T19:15", "dct", "APPROX"},
		{d, "Officials met over the weekend.", "the weekend", "DATE", "2024-W36-WE", "dct", NULL},
		{"2024-09-09", "Officials met over the weekend.", "the weekend", "DATE", "2024-W36-WE", "dct", NULL},
		{d, "Sales rose in 1994 and slowed later in the year.", "the year", "DATE", "1994", "previous", NULL},
	};
	CHECK(NULL, cases);
}

static void test_previous_anchored(void **state)
{
	(void)state;
	static const char *const d = "2024-09-07";
	static const struct tcase cases[] = {
		{d, "He arrived on March 3, 2022. The next day he left.", "The next day", "DATE", "2022-03-04", "previous", NULL},
		{d, "He arrived on March 3, 2022. Two days later he left.", "Two days later", "DATE", "2022-03-05", "previous", NULL},
		{d, "He arrived on March 3, 2022. On the same day, she left.", "the same day", "DATE", "2022-03-03", "previous", NULL},
		{d, "He arrived in 1998 and left the following year.", "the following year", "DATE", "1999", "previous", NULL},
		{d, "He arrived on March 3, 2022 and left the day before.", "the day before", "DATE", "2022-03-02", "previous", NULL},
		{d, "The firm earned $5 million in the third quarter of 1989, up from $4 million a year earlier.", "a year earlier", "DATE", "1988-Q3", "previous", NULL},
		{d, "Profit rose in the third quarter of 1989 from a year-earlier $4 million.", "year-earlier", "DATE", "1988-Q3", "previous", NULL},
		{d, "Profit rose in the third quarter of 1989 from the year-ago period.", "the year-ago period", "DATE", "1988-Q3", "previous", NULL},
	};
	CHECK(NULL, cases);
}

/* ------------------------------------------------------- durations, sets */

static void test_durations(void **state)
{
	(void)state;
	static const char *const d = "2024-09-07";
	static const struct tcase cases[] = {
		{d, "They stayed for 21 years.", "21 years", "DURATION", "P21Y", "absolute", NULL},
		{d, "It took about half a year.", "half a year", "DURATION", "P6M", "absolute", "APPROX"},
		{d, "It took roughly 5 days, or so.", "5 days", "DURATION", "P5D", "absolute", "APPROX"},
		{d, "It will take the next year or so.", "the next year or so", "DATE", "2025", "dct", "APPROX"},
		{d, "It took just over an hour.", "over an hour", "DURATION", "PT1H", "absolute", "MORE_THAN"},
		{d, "It took nearly three years.", "nearly three years", "DURATION", "P3Y", "absolute", "LESS_THAN"},
		{d, "They leave in the next two years.", "the next two years", "DURATION", "P2Y", "absolute", NULL},
		{d, "They fought for more than 20 years.", "more than 20 years", "DURATION", "P20Y", "absolute", "MORE_THAN"},
		{d, "He signed a two-year contract.", "two-year", "DURATION", "P2Y", "absolute", NULL},
		{d, "The strike lasted 5 1/2 hours.", "5 1/2 hours", "DURATION", "PT5H30M", "absolute", NULL},
		{d, "Prices rose in the past three months.", "the past three months", "DURATION", "P3M", "absolute", NULL},
		{d, "They waited at least 72 hours.", "at least 72 hours", "DURATION", "PT72H", "absolute", "EQUAL_OR_MORE"},
		{d, "Earnings for the first nine months rose.", "the first nine months", "DURATION", "P9M", "absolute", NULL},
		{d, "It lasted a few days.", "a few days", "DURATION", "PXD", "absolute", NULL},
		{d, "He waited one minute.", "one minute", "DURATION", "PT1M", "absolute", NULL},
		{d, "It took a decade.", "a decade", "DURATION", "P10Y", "absolute", NULL},
		{d, "It took 2 1/2 years.", "2 1/2 years", "DURATION", "P2Y6M", "absolute", NULL},
		{d, "Talks lasted the four days.", "the four days", "DURATION", "P4D", "absolute", NULL},
		{d, "Net income for the year rose.", "the year", "DURATION", "P1Y", "absolute", NULL},
		{d, "Prices rose in the past two quarters.", "the past two quarters", "DURATION", "P2Q", "absolute", NULL},
	};
	CHECK(NULL, cases);
}

static void test_sets(void **state)
{
	(void)state;
	static const char *const d = "2024-09-07";
	static const struct tcase cases[] = {
		{d, "They meet every Monday.", "every Monday", "SET", "XXXX-WXX-1", "absolute", NULL},
		{d, "The report is published annually.", "annually", "SET", "P1Y", "absolute", NULL},
		{d, "They meet twice a week.", "twice a week", "SET", "P1W", "absolute", NULL},
		{d, "Trains run daily.", "daily", "SET", "P1D", "absolute", NULL},
		{d, "The fee is $50 a year.", "a year", "SET", "P1Y", "absolute", NULL},
		{d, "It trades 20,000 contracts a day.", "a day", "SET", "P1D", "absolute", NULL},
		{d, "He stayed for a year.", "a year", "DURATION", "P1Y", "absolute", NULL},
		{d, "The market is closed on Sundays.", "Sundays", "SET", "XXXX-WXX-7", "absolute", NULL},
		{d, "We go there each July.", "each July", "SET", "XXXX-07", "absolute", NULL},
		{d, "Elections are held every four years.", "every four years", "SET", "P4Y", "absolute", NULL},
	};
	CHECK(NULL, cases);
}

/* ------------------------------------------------------------ boundaries */

static void test_boundaries(void **state)
{
	(void)state;
	static const struct tcase cases[] = {
		/* "last week" in the first days of January */
		{"2024-01-03", "Prices fell last week.", "last week", "DATE", "2023-W52", "dct", NULL},
		{"2021-01-04", "Prices fell last week.", "last week", "DATE", "2020-W53", "dct", NULL},
		{"2021-01-02", "Prices fell this week.", "this week", "DATE", "2020-W53", "dct", NULL},
		{"2020-12-31", "Prices fell next week.", "next week", "DATE", "2021-W01", "dct", NULL},
		{"2024-01-15", "Prices fell last month.", "last month", "DATE", "2023-12", "dct", NULL},
		{"2024-01-15", "Prices fell last December.", "last December", "DATE", "2023-12", "dct", NULL},
		{"2024-01-01", "Prices fell yesterday.", "yesterday", "DATE", "2023-12-31", "dct", NULL},
		/* "Friday" when the dct is a Friday */
		{"2020-01-10", "He spoke Friday.", "Friday", "DATE", "2020-01-10", "dct", NULL},
		{"2020-01-10", "He will speak Friday.", "Friday", "DATE", "2020-01-10", "dct", NULL},
		{"2020-01-10", "He spoke last Friday.", "last Friday", "DATE", "2020-01-03", "dct", NULL},
		{"2020-01-10", "He will speak next Friday.", "next Friday", "DATE", "2020-01-17", "dct", NULL},
		/* leap years */
		{"2024-03-01", "Prices fell yesterday.", "yesterday", "DATE", "2024-02-29", "dct", NULL},
		{"2023-03-01", "Prices fell yesterday.", "yesterday", "DATE", "2023-02-28", "dct", NULL},
		{"2024-03-10", "It happened on February 29.", "February 29", "DATE", "2024-02-29", "dct", NULL},
		{"2024-09-07", "It opened on February 28, 2024. The next day it closed.", "The next day", "DATE", "2024-02-29", "previous", NULL},
		{"2024-09-07", "It opened on February 28, 2023. The next day it closed.", "The next day", "DATE", "2023-03-01", "previous", NULL},
		{"2024-02-29", "It was founded a year ago.", "a year ago", "DATE", "2023", "dct", NULL},
		{"2024-09-07", "It opened on February 29, 2024. A year later it closed.", "A year later", "DATE", "2025-02-28", "previous", NULL},
		/* a day of the month before the dct's */
		{"2024-09-02", "The plan was announced on the 30th.", "the 30th", "DATE", "2024-08-30", "dct", NULL},
	};
	CHECK(NULL, cases);
}

/* ----------------------------------------------------------------- no dct */

static void test_no_dct(void **state)
{
	(void)state;
	static const struct tcase cases[] = {
		{NULL, "The deal was signed on January 5.", "January 5", "DATE", "XXXX-01-05", "none", NULL},
		{NULL, "The minister resigned on Friday.", "Friday", "DATE", "XXXX-WXX-5", "none", NULL},
		{NULL, "Prices fell last week.", "last week", "DATE", "XXXX-WXX", "none", NULL},
		{NULL, "Prices fell yesterday.", "yesterday", "DATE", "XXXX-XX-XX", "none", NULL},
		{NULL, "It was founded four years ago.", "four years ago", "DATE", "XXXX", "none", NULL},
		{NULL, "It happened on March 3, 2022.", "March 3, 2022", "DATE", "2022-03-03", "absolute", NULL},
		{NULL, "They stayed for 21 years.", "21 years", "DURATION", "P21Y", "absolute", NULL},
		{NULL, "Prices are high now.", "now", "DATE", "PRESENT_REF", "none", NULL},
	};
	CHECK(NULL, cases);
	/* a dct the plugin cannot read counts as none */
	static const struct tcase bad[] = {
		{"yesterday", "It opened on Friday.", "Friday", "DATE", "XXXX-WXX-5", "none", NULL},
	};
	CHECK(NULL, bad);
}

/* ------------------------------------------------------------- not dates */

static void test_not_dates(void **state)
{
	(void)state;
	static const char *const texts[] = {
		"They still retain 2,500 troops in the region.",
		"There are 5,200 more in reserve.",
		"Section 230 protects platforms.",
		"The 6th Fleet sailed on.",
		"Prices may rise, analysts said.",
		"Thousands march in the capital.",
		"Protesters will march on the embassy.",
		"Theresa May said the talks failed.",
		"He starred in Joe Friday stories.",
		"Call 555-1234 or (212) 555-2024 for details.",
		"The home team won 3-1.",
		"See https://example.com/2024/01/05/story.html for more.",
		"Mail press@example.org before noon.",
		"The car costs $1999 and weighs 1,990 kg.",
		"He lives on the 6th floor.",
		"He served a second term.",
		"A 6-year-old boy was rescued.",
		"Smith, 52 years old, was elected.",
		"She is in her early 30s.",
		"A quarter of the shares and three-quarters of the votes.",
		"They joined this march for peace.",
		"Thousands joined the March for Life.",
		"A poll in the Daily Express showed it.",
	};
	struct dp_harness *h = harness(NULL);
	for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
		run(h, texts[k], "2024-01-09");
		size_t n = dp_harness_count(h, "dates");
		/* "before noon" in the e-mail line is a time; nothing else is */
		if (k == 12 && n == 1 &&
		    strcmp(dp_harness_span_text(h, "dates", 0), "noon") != 0)
			n = 2;
		if (k == 12 && n == 1)
			n = 0;
		if (n != 0) {
			print_error("\"%s\": found \"%s\"\n", texts[k],
			            dp_harness_span_text(h, "dates", 0));
			fail();
		}
	}
	dp_harness_free(h);
}

/* --------------------------------------------------------------- options */

static void test_option_reference(void **state)
{
	(void)state;
	static const struct tcase fixed[] = {
		{NULL, "The minister resigned yesterday.", "yesterday", "DATE", "2024-01-08", "dct", NULL},
		/* the fixed date wins over the document's dct */
		{"2020-05-05", "The minister resigned yesterday.", "yesterday", "DATE", "2024-01-08", "dct", NULL},
	};
	CHECK("{reference: 2024-01-09}", fixed);
	static const struct tcase key[] = {
		{NULL, "The minister resigned yesterday.", "yesterday", "DATE", "XXXX-XX-XX", "none", NULL},
	};
	CHECK("{reference: meta.published}", key);
	struct dp_harness *h = harness("{reference: meta.published}");
	run(h, "It rained yesterday.", NULL);
	assert_int_equal(dp_harness_run(h, "It rained yesterday.",
	                                 "{\"published\": \"2023-03-01\"}"), 0);
	long i = dp_harness_find(h, "dates", "yesterday", 0);
	assert_true(i >= 0);
	assert_string_equal(dp_harness_attr(h, "dates", (size_t)i, "value"), "2023-02-28");
	dp_harness_free(h);
	static const struct tcase none[] = {
		{"2020-05-05", "The minister resigned yesterday.", "yesterday", "DATE", "XXXX-XX-XX", "none", NULL},
	};
	CHECK("{reference: none}", none);
	/* reference: now reads the clock: the value is a full date */
	h = harness("{reference: now}");
	run(h, "It rained yesterday.", NULL);
	i = dp_harness_find(h, "dates", "yesterday", 0);
	assert_true(i >= 0);
	const char *v = dp_harness_attr(h, "dates", (size_t)i, "value");
	assert_int_equal(strlen(v), 10);
	assert_true(v[0] == '2');
	dp_harness_free(h);
}

static void test_option_errors(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"{reference: tomorrow}", "{reference: 2024-02-30}", "{reference: meta.}",
		"{order: ymd}", "{prefer: sometimes}", "{types: [DATE, WEEKDAY]}",
		"{colour: red}",
	};
	for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
		struct dp_harness *h = dp_harness_new();
		assert_non_null(h);
		int rc = dp_harness_add(h, PLUGIN_LA, bad[k]);
		if (rc == 0) {
			print_error("options %s were accepted\n", bad[k]);
			fail();
		}
		assert_true(strlen(dp_harness_error(h)) > 0);
		dp_harness_free(h);
	}
}

static void test_option_types(void **state)
{
	(void)state;
	struct dp_harness *h = harness("{types: [DURATION, set]}");
	run(h, "On Friday they met for three hours, as they do every week.", "2024-01-09");
	assert_int_equal(dp_harness_count(h, "dates"), 2);
	assert_string_equal(dp_harness_span_text(h, "dates", 0), "three hours");
	assert_string_equal(dp_harness_span_text(h, "dates", 1), "every week");
	dp_harness_free(h);
}

static void test_option_prefer(void **state)
{
	(void)state;
	static const char *const d = "2024-01-10"; /* a Wednesday */
	static const struct tcase past[] = {
		{d, "The meeting is on Friday.", "Friday", "DATE", "2024-01-05", "dct", NULL},
		{d, "The meeting will be on Friday.", "Friday", "DATE", "2024-01-05", "dct", NULL},
	};
	static const struct tcase future[] = {
		{d, "The meeting was on Friday.", "Friday", "DATE", "2024-01-12", "dct", NULL},
		{d, "The meeting is on March 5.", "March 5", "DATE", "2024-03-05", "dct", NULL},
	};
	static const struct tcase news[] = {
		{d, "The meeting was on Friday.", "Friday", "DATE", "2024-01-05", "dct", NULL},
		{d, "The meeting will be on Friday.", "Friday", "DATE", "2024-01-12", "dct", NULL},
	};
	CHECK("{prefer: past}", past);
	CHECK("{prefer: future}", future);
	CHECK("{prefer: news}", news);
}

/* ------------------------------------------------------------ robustness */

static void test_attributes_and_offsets(void **state)
{
	(void)state;
	struct dp_harness *h = harness(NULL);
	/* multi-byte text before the expression: offsets stay byte offsets */
	run(h, "Ça s’est passé à Zürich — le 5 janvier? No: on January 5, 2024.", "2024-01-09");
	long i = dp_harness_find(h, "dates", "January 5, 2024", 0);
	assert_true(i >= 0);
	struct dp_layer *l = dp_harness_layer(h, "dates");
	assert_non_null(l);
	size_t len;
	const char *text = dp_doc_text(dp_harness_doc(h), &len);
	size_t s = dp_layer_start(l, (size_t)i), e = dp_layer_end(l, (size_t)i);
	assert_true(e <= len);
	assert_memory_equal(text + s, "January 5, 2024", e - s);
	assert_string_equal(dp_harness_attr(h, "dates", (size_t)i, "text"), "January 5, 2024");
	assert_null(dp_harness_attr(h, "dates", (size_t)i, "mod"));
	/* empty and date-free documents give an empty layer */
	run(h, "", "2024-01-09");
	assert_non_null(dp_harness_layer(h, "dates"));
	assert_int_equal(dp_harness_count(h, "dates"), 0);
	run(h, "No time words here at all.", NULL);
	assert_int_equal(dp_harness_count(h, "dates"), 0);
	/* words whose lexicon probe meets a shorter entry (a past overread,
	 * caught by ASan) */
	run(h, "neoyll anpuallk morrinc", "2024-01-09");
	assert_int_equal(dp_harness_count(h, "dates"), 0);
	/* a NUL byte does not stop the scan */
	static const char raw[] = "on Friday \0 and yesterday";
	assert_int_equal(dp_harness_run_len(h, raw, sizeof raw - 1, "{\"dct\": \"2024-01-09\"}"), 0);
	assert_int_equal(dp_harness_count(h, "dates"), 2);
	dp_harness_free(h);
}

/* The lexer finds word ends in 64-byte blocks (and 16 or 8 bytes at a
 * time in letters_end()): words that cross those blocks (up to words
 * longer than a block), end the text, end in a.m./initials/URLs or meet
 * multi-byte UTF-8 letters and quotes give the same expressions at every
 * alignment, with the text end anywhere in a block. */
static void test_word_runs_at_block_edges(void **state)
{
	(void)state;
	struct dp_harness *h = harness(NULL);
	static const struct {
		const char *tail, *expr, *value;
	} tails[] = {
		{" said on Friday", "Friday", "2024-01-05"},   /* ends the text */
		{" reported Extraordinarilylongword Friday.", "Friday", "2024-01-05"},
		{" at 10 a.m. on Friday", "10 a.m. on Friday", "2024-01-05T10:00"},
		{" the U.S. Friday", "Friday", "2024-01-05"},
		{" see www.example.com/friday on Friday", "Friday", "2024-01-05"},
		/* URLs found by ".org/" and ".gov/": their "friday" is none */
		{" see example.org/friday on Friday", "Friday", "2024-01-05"},
		{" see example.gov/Friday/x. On Friday", "Friday", "2024-01-05"},
		{" WITNESSES SAID FRIDAY", "FRIDAY", "2024-01-05"},
		{" caf\xc3\xa9 na\xc3\xafve said Friday", "Friday", "2024-01-05"},
		{" \xe2\x80\x9c" "Friday\xe2\x80\x9d", "Friday", "2024-01-05"},
		{" Friday", "Friday", "2024-01-05"},
		/* a word straight after punctuation and one space, after a
		 * line break, and at the text end with a space or a line
		 * break after it (the lexer reads the zero bytes after the
		 * text instead of testing the length) */
		{" said, Friday", "Friday", "2024-01-05"},
		{" said,\nFriday\n", "Friday", "2024-01-05"},
		{" said. Friday ", "Friday", "2024-01-05"},
		{" said - \tFriday,", "Friday", "2024-01-05"},
		{" said (Friday)", "Friday", "2024-01-05"},
	};
	/* words of more than 8 letters: the long-word table's two loads,
	 * the second in the zero bytes after the text */
	static const struct {
		const char *tail, *expr, *value;
	} long_tails[] = {
		{" said yesterday", "yesterday", "2024-01-09"},
		{" said YESTERDAY.", "YESTERDAY", "2024-01-09"},
		{" Yesterday", "Yesterday", "2024-01-09"},
		{" Nonetheless yesterday,", "yesterday", "2024-01-09"},
	};
	for (size_t t = 0; t < sizeof long_tails / sizeof long_tails[0]; t++) {
		for (size_t k = 0; k <= 140; k++) {
			char text[256];
			memset(text, 'q', k);
			if (k > 20)
				text[10] = ' ';
			size_t tl = strlen(long_tails[t].tail);
			memcpy(text + k, long_tails[t].tail, tl);
			assert_int_equal(dp_harness_run_len(h, text, k + tl,
			                 "{\"dct\": \"2024-01-10\"}"), 0);
			assert_int_equal(dp_harness_count(h, "dates"), 1);
			long i = dp_harness_find(h, "dates", long_tails[t].expr, 0);
			assert_true(i >= 0);
			assert_string_equal(dp_harness_attr(h, "dates", (size_t)i, "value"),
			                    long_tails[t].value);
		}
	}
	for (size_t t = 0; t < sizeof tails / sizeof tails[0]; t++) {
		for (size_t k = 0; k <= 140; k++) {
			char text[256];
			memset(text, 'q', k);
			if (k > 20)
				text[10] = ' ';   /* two words before the tail */
			size_t tl = strlen(tails[t].tail);
			memcpy(text + k, tails[t].tail, tl);
			assert_int_equal(dp_harness_run_len(h, text, k + tl,
			                 "{\"dct\": \"2024-01-10\"}"), 0);
			assert_int_equal(dp_harness_count(h, "dates"), 1);
			long i = dp_harness_find(h, "dates", tails[t].expr, 0);
			if (i < 0) {
				print_error("no \"%s\" in \"%.*s\"\n", tails[t].expr,
				            (int)(k + tl), text);
				fail();
			}
			assert_string_equal(dp_harness_attr(h, "dates", (size_t)i, "value"),
			                    tails[t].value);
		}
	}
	dp_harness_free(h);
}

/* Texts with more tokens than the lexer's first guess (one per three
 * bytes): it runs again with room for one token per byte, and near the
 * end of that room the words leave the word loop (which tests the room
 * left once per 64 bytes) for the general path. The expression at the
 * end is found the same at every length. */
static void test_dense_tokens(void **state)
{
	(void)state;
	struct dp_harness *h = harness(NULL);
	static const char *const units[] = {"a,", "a.b ", "x a", ",,", "a b ",
	                                    "5,", "a-"};
	static const char *const tails[] = {" on Friday", " Friday,",
	                                    " said Friday"};
	for (size_t u = 0; u < sizeof units / sizeof units[0]; u++)
		for (size_t t = 0; t < sizeof tails / sizeof tails[0]; t++)
			for (size_t k = 0; k <= 90; k++) {
				char text[512];
				size_t n = 0, ul = strlen(units[u]);
				for (size_t j = 0; j < k; j++, n += ul)
					memcpy(text + n, units[u], ul);
				size_t tl = strlen(tails[t]);
				memcpy(text + n, tails[t], tl);
				n += tl;
				assert_int_equal(dp_harness_run_len(h, text, n,
				                 "{\"dct\": \"2024-01-10\"}"), 0);
				long i = dp_harness_find(h, "dates", "Friday", 0);
				if (i < 0) {
					print_error("no Friday in \"%.*s\"\n", (int)n, text);
					fail();
				}
				assert_string_equal(dp_harness_attr(h, "dates", (size_t)i,
				                                    "value"), "2024-01-05");
			}
	dp_harness_free(h);
}

/* Numbers with thousands groups and decimals are lexed in the hot loop
 * (number_tail(), shared with the general path): decimals, groups,
 * failed groups ("1,5000"), a '.' or ',' that ends the text or the
 * number, and letters after a decimal ("3.5mln", the general path) give
 * the same expressions at every alignment, with the text end right
 * after them. A grouped number starts no expression. */
static void test_numbers_at_block_edges(void **state)
{
	(void)state;
	struct dp_harness *h = harness(NULL);
	static const struct {
		const char *tail, *expr, *value;  /* expr NULL: none */
	} tails[] = {
		{" after 2.5 years", "2.5 years", "P2Y6M"},
		/* a number, one space and a word: straight into the word loop */
		{" for 5 years", "5 years", "P5Y"},
		{" for 5 years ", "5 years", "P5Y"},
		{" for 2.5 years.", "2.5 years", "P2Y6M"},
		{" for 5 y", NULL, NULL},
		{" rose 12,000.5 tons in 1987", "1987", "1987"},
		{" and 1,5000 days", "5000 days", "P5000D"},
		{" for 2.5, 10 days", "10 days", "P10D"},
		{" sold 1,500", NULL, NULL},
		{" a 2.5", NULL, NULL},
		{" for 3.", NULL, NULL},
		{" in 1,987", NULL, NULL},
		{" after 3.5mln years", NULL, NULL},
		{" by 1,000 years", NULL, NULL},
		{" 1,000,000 years ago", NULL, NULL},
		/* more groups than a 64-bit value holds: no overflow */
		{" 1,000,000,000,000,000,000,000,000 dollars", NULL, NULL},
	};
	for (size_t t = 0; t < sizeof tails / sizeof tails[0]; t++) {
		for (size_t k = 0; k <= 140; k++) {
			char text[256];
			memset(text, 'q', k);
			if (k > 20)
				text[10] = ' ';
			size_t tl = strlen(tails[t].tail);
			memcpy(text + k, tails[t].tail, tl);
			assert_int_equal(dp_harness_run_len(h, text, k + tl,
			                 "{\"dct\": \"2024-01-10\"}"), 0);
			if (!tails[t].expr) {
				assert_int_equal(dp_harness_count(h, "dates"), 0);
				continue;
			}
			assert_int_equal(dp_harness_count(h, "dates"), 1);
			long i = dp_harness_find(h, "dates", tails[t].expr, 0);
			if (i < 0) {
				print_error("no \"%s\" in \"%.*s\"\n", tails[t].expr,
				            (int)(k + tl), text);
				fail();
			}
			assert_string_equal(dp_harness_attr(h, "dates", (size_t)i, "value"),
			                    tails[t].value);
		}
	}
	dp_harness_free(h);
}

/* ---------------------------------------------------------- golden file */

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = NULL;
	size_t len = 0, cap = 0;
	for (;;) {
		if (len + 4096 + 1 > cap) {
			cap = (cap + 4096) * 2;
			char *nb = realloc(buf, cap);
			if (!nb) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
		}
		size_t n = fread(buf + len, 1, 4096, f);
		len += n;
		if (n < 4096)
			break;
	}
	fclose(f);
	buf[len] = '\0';
	return buf;
}

/* Every span of a short news story, compared with the expected list. */
static void test_golden_newswire(void **state)
{
	(void)state;
	char *text = slurp(FIXTURES "/newswire.txt");
	char *want = slurp(FIXTURES "/newswire.expected");
	assert_non_null(text);
	assert_non_null(want);
	struct dp_harness *h = harness(NULL);
	run(h, text, "2020-03-04");
	struct dp_layer *l = dp_harness_layer(h, "dates");
	assert_non_null(l);
	size_t n = dp_harness_count(h, "dates");
	/* render the layer like the expected file */
	size_t cap = 256 * (n + 1), len = 0;
	char *got = malloc(cap);
	assert_non_null(got);
	got[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		const char *mod = dp_harness_attr(h, "dates", i, "mod");
		len += (size_t)snprintf(got + len, cap - len, "%zu\t%zu\t%s\t%s\t%s\t%s\t%s\n",
		                        dp_layer_start(l, i), dp_layer_end(l, i),
		                        dp_harness_attr(h, "dates", i, "text"),
		                        dp_harness_attr(h, "dates", i, "type"),
		                        dp_harness_attr(h, "dates", i, "value"),
		                        dp_harness_attr(h, "dates", i, "anchor"),
		                        mod ? mod : "-");
		assert_true(len < cap);
	}
	/* the expected file starts with one comment line */
	const char *body = strchr(want, '\n');
	assert_non_null(body);
	assert_string_equal(got, body + 1);
	free(got);
	free(text);
	free(want);
	dp_harness_free(h);
}

/* ------------------------------------------------- the speed-up's paths
 * refine() narrows the rules tried at a candidate by the token after it,
 * month_day() looks for the tense only when it can change the year, and
 * emit() interns the text directly and writes the layer in bulk: each
 * table below covers those paths (values as before these changes). */

/* numbers: the rules refine() keeps for a number given the token after it */
static void test_refine_numbers(void **state)
{
	(void)state;
	static const char *const t0 =
		"The plant ran 21 years, 2 more weeks and a 16-hour shift; 10"
		"-fold gains came at 10:30 a.m. and 4 p.m. and at 7 o'clock o"
		"n 1/5/1988 and on 1988-01-05, in the 1990s and the '90s, in "
		"the 3rd quarter and the 2nd-half, in 5 1/2 years, 3 times a "
		"year.";
	static const struct tcase cases[] = {
		{"1988-03-10", t0, "21 years", "DURATION", "P21Y", "absolute", NULL},
		{"1988-03-10", t0, "2 more weeks", "DURATION", "P2W", "absolute", NULL},
		{"1988-03-10", t0, "16-hour", "DURATION", "PT16H", "absolute", NULL},
		{"1988-03-10", t0, "10:30 a.m.", "TIME", "1988-03-10T10:30", "dct", NULL},
		{"1988-03-10", t0, "4 p.m.", "TIME", "1988-03-10T16:00", "dct", NULL},
		{"1988-03-10", t0, "7 o'clock", "TIME", "1988-03-10T07:00", "dct", NULL},
		{"1988-03-10", t0, "1/5/1988", "DATE", "1988-01-05", "absolute", NULL},
		{"1988-03-10", t0, "1988-01-05", "DATE", "1988-01-05", "absolute", NULL},
		{"1988-03-10", t0, "the 1990s", "DATE", "199", "absolute", NULL},
		{"1988-03-10", t0, "the '90s", "DATE", "199", "absolute", NULL},
		{"1988-03-10", t0, "the 3rd quarter", "DATE", "1987-Q3", "dct", NULL},
		{"1988-03-10", t0, "2nd-half", "DATE", "1987-H2", "dct", NULL},
		{"1988-03-10", t0, "5 1/2 years", "DURATION", "P5Y6M", "absolute", NULL},
		{"1988-03-10", t0, "3 times a year", "SET", "P1Y", "absolute", NULL},
	};
	CHECK(NULL, cases);
	assert_count(t0, "1988-03-10", 14); /* not 10-fold */
}

/* "the" before each kind of word refine() distinguishes */
static void test_refine_the(void **state)
{
	(void)state;
	static const char *const t0 =
		"On the 6th the company said the same year, the previous day,"
		" the latest quarter, the final half, the full year, the near"
		" future, the past two weeks, the few months, the day before "
		"yesterday, the year 1990, the weekend, the week of March 6, "
		"the 1990s, the 20th century and the next day were busy.";
	static const struct tcase cases[] = {
		{"1988-03-10", t0, "the 6th", "DATE", "1988-03-06", "dct", NULL},
		{"1988-03-10", t0, "the same year", "DATE", "1988", "dct", NULL},
		{"1988-03-10", t0, "the previous day", "DATE", "1988-XX-XX", "previous", NULL},
		{"1988-03-10", t0, "the latest quarter", "DATE", "1987-Q4", "dct", NULL},
		{"1988-03-10", t0, "the final half", "DATE", "1987-H2", "dct", NULL},
		{"1988-03-10", t0, "the full year", "DATE", "1988", "dct", NULL},
		{"1988-03-10", t0, "the near future", "DATE", "FUTURE_REF", "dct", NULL},
		{"1988-03-10", t0, "the past two weeks", "DURATION", "P2W", "absolute", NULL},
		{"1988-03-10", t0, "few months", "DURATION", "PXM", "absolute", NULL},
		{"1988-03-10", t0, "the day before yesterday", "DATE", "1988-03-08", "dct", NULL},
		{"1988-03-10", t0, "the year 1990", "DATE", "1990", "absolute", NULL},
		{"1988-03-10", t0, "the weekend", "DATE", "1988-W09-WE", "dct", NULL},
		{"1988-03-10", t0, "the week of March 6", "DATE", "1988-W09", "dct", NULL},
		{"1988-03-10", t0, "the 1990s", "DATE", "199", "absolute", NULL},
		{"1988-03-10", t0, "the 20th century", "DATE", "19", "absolute", NULL},
		{"1988-03-10", t0, "the next day", "DATE", "1988-03-XX", "previous", NULL},
	};
	CHECK(NULL, cases);
}

/* function words before the words refine() keeps their rules for */
static void test_refine_function_words(void **state)
{
	(void)state;
	static const char *const t0 =
		"At least two years, up to three months, more than a year, no"
		" more than five years, a few days, a hundred years, a half-h"
		"our, every other week, every Monday, each spring, per year, "
		"twice a year, once a month, that same week, that morning, th"
		"is year's second half, the final quarter, last Christmas, ne"
		"xt Labor Day, this morning, last Friday, this past Friday, n"
		"ext year, last May, this fall, the past few weeks, recent mo"
		"nths, current levels.";
	static const struct tcase cases[] = {
		{"1988-03-10", t0, "At least two years", "DURATION", "P2Y", "absolute", "EQUAL_OR_MORE"},
		{"1988-03-10", t0, "up to three months", "DURATION", "P3M", "absolute", "EQUAL_OR_LESS"},
		{"1988-03-10", t0, "more than a year", "DURATION", "P1Y", "absolute", "MORE_THAN"},
		{"1988-03-10", t0, "no more than five years", "DURATION", "P5Y", "absolute", "EQUAL_OR_LESS"},
		{"1988-03-10", t0, "a few days", "DURATION", "PXD", "absolute", NULL},
		{"1988-03-10", t0, "a hundred years", "DURATION", "P100Y", "absolute", NULL},
		{"1988-03-10", t0, "a half-hour", "DURATION", "PT30M", "absolute", NULL},
		{"1988-03-10", t0, "every other week", "SET", "P2W", "absolute", NULL},
		{"1988-03-10", t0, "every Monday", "SET", "XXXX-WXX-1", "absolute", NULL},
		{"1988-03-10", t0, "each spring", "SET", "XXXX-SP", "absolute", NULL},
		{"1988-03-10", t0, "per year", "SET", "P1Y", "absolute", NULL},
		{"1988-03-10", t0, "twice a year", "SET", "P1Y", "absolute", NULL},
		{"1988-03-10", t0, "once a month", "SET", "P1M", "absolute", NULL},
		{"1988-03-10", t0, "that same week", "DATE", "1988-W10", "dct", NULL},
		{"1988-03-10", t0, "that morning", "DATE", "1988-03-XX", "previous", NULL},
		{"1988-03-10", t0, "this year's second half", "DATE", "1988-H2", "dct", NULL},
		{"1988-03-10", t0, "the final quarter", "DATE", "1987-Q4", "dct", NULL},
		{"1988-03-10", t0, "last Christmas", "DATE", "1987-12-25", "dct", NULL},
		{"1988-03-10", t0, "next Labor Day", "DATE", "1988-09-05", "dct", NULL},
		{"1988-03-10", t0, "this morning", "TIME", "1988-03-10TMO", "dct", NULL},
		{"1988-03-10", t0, "last Friday", "DATE", "1988-03-04", "dct", NULL},
		{"1988-03-10", t0, "this past Friday", "DATE", "1988-03-04", "dct", NULL},
		{"1988-03-10", t0, "next year", "DATE", "1989", "dct", NULL},
		{"1988-03-10", t0, "last May", "DATE", "1987-05", "dct", NULL},
		{"1988-03-10", t0, "this fall", "DATE", "1988-FA", "dct", NULL},
		{"1988-03-10", t0, "the past few weeks", "DURATION", "PXW", "absolute", NULL},
		{"1988-03-10", t0, "recent months", "DURATION", "PXM", "absolute", NULL},
		{"1988-03-10", t0, "current", "DATE", "PRESENT_REF", "dct", NULL},
	};
	CHECK(NULL, cases);
}

/* the special words (one rule each) and the words they must not start */
static void test_refine_special_words(void **state)
{
	(void)state;
	static const char *const t0 =
		"Sales in Q3 rose, New Year's Day passed, on Valentine's Day "
		"and Election Day, right now, these days, new orders came, no"
		" dividend was paid, each company paid one share.";
	static const struct tcase cases[] = {
		{"1988-03-10", t0, "Q3", "DATE", "1987-Q3", "dct", NULL},
		{"1988-03-10", t0, "New Year's Day", "DATE", "1988-01-01", "dct", NULL},
		{"1988-03-10", t0, "Valentine's Day", "DATE", "1988-02-14", "dct", NULL},
		{"1988-03-10", t0, "Election Day", "DATE", "1987-11-03", "dct", NULL},
		{"1988-03-10", t0, "right now", "DATE", "PRESENT_REF", "dct", NULL},
		{"1988-03-10", t0, "these days", "DATE", "PRESENT_REF", "dct", NULL},
	};
	CHECK(NULL, cases);
	/* not "new orders", "no dividend", "each company", "one share" */
	assert_count(t0, "1988-03-10", 6);
}

/* more of refine(): approximations, count words, "recent", ordinals and
 * years in runs of numbers, "the" + an unknown word, holidays after
 * last/next/this; "a dozen times", "few-month", "1990/91", "1990-95",
 * "the comparable period" and "1/2" are no expressions */
static void test_refine_more(void **state)
{
	(void)state;
	static const char *const t0 =
		"Over two years, under a month, nearly a decade, almost three"
		" weeks, over the weekend, several years, half an hour, a doz"
		"en times, few-month, recent months, the following two days, "
		"the 20th century, 20th-century, 1990/91 and 1990-95 sales, t"
		"he 1990's, the comparable period, the distant future, next N"
		"ew Year's Day, last Valentine's Day, this Election Day, 1/2 "
		"a point, 5/8/1987.";
	static const struct tcase cases[] = {
		{"1988-03-10", t0, "Over two years", "DURATION", "P2Y", "absolute", "MORE_THAN"},
		{"1988-03-10", t0, "under a month", "DURATION", "P1M", "absolute", "LESS_THAN"},
		{"1988-03-10", t0, "nearly a decade", "DURATION", "P10Y", "absolute", "LESS_THAN"},
		{"1988-03-10", t0, "almost three weeks", "DURATION", "P3W", "absolute", "LESS_THAN"},
		{"1988-03-10", t0, "the weekend", "DATE", "1988-W09-WE", "dct", NULL},
		{"1988-03-10", t0, "several years", "DURATION", "PXY", "absolute", NULL},
		{"1988-03-10", t0, "half an hour", "DURATION", "PT30M", "absolute", NULL},
		{"1988-03-10", t0, "recent months", "DURATION", "PXM", "absolute", NULL},
		{"1988-03-10", t0, "the following two days", "DURATION", "P2D", "absolute", NULL},
		{"1988-03-10", t0, "the 20th century", "DATE", "19", "absolute", NULL},
		{"1988-03-10", t0, "20th-century", "DATE", "19", "absolute", NULL},
		{"1988-03-10", t0, "1990's", "DATE", "199", "absolute", NULL},
		{"1988-03-10", t0, "the distant future", "DATE", "FUTURE_REF", "dct", NULL},
		{"1988-03-10", t0, "next New Year's Day", "DATE", "1989-01-01", "dct", NULL},
		{"1988-03-10", t0, "last Valentine's Day", "DATE", "1988-02-14", "dct", NULL},
		{"1988-03-10", t0, "this Election Day", "DATE", "1988-11-08", "dct", NULL},
		{"1988-03-10", t0, "5/8/1987", "DATE", "1987-05-08", "absolute", NULL},
	};
	CHECK(NULL, cases);
	assert_count(t0, "1988-03-10", 17);
}

/* refine() for number words before function words ("one of" is none),
 * "the year" before a number or a hyphen, "the first" before a count,
 * and a decimal before a number */
static void test_refine_counts(void **state)
{
	(void)state;
	static const char *const t0 =
		"One of them said the year 1990 and the year-ago quarter were"
		" weak for the year. It took one hundred years, two and a hal"
		"f years, three times a year, two more weeks, in nineteen nin"
		"ety; 2.5 3 years, 1.5 years, the first two weeks and the fir"
		"st months, the first time.";
	static const struct tcase cases[] = {
		{"1988-03-10", t0, "the year 1990", "DATE", "1990", "absolute", NULL},
		{"1988-03-10", t0, "the year-ago quarter", "DATE", "1986-Q4", "dct", NULL},
		{"1988-03-10", t0, "the year", "DURATION", "P1Y", "absolute", NULL},
		{"1988-03-10", t0, "one hundred years", "DURATION", "P100Y", "absolute", NULL},
		{"1988-03-10", t0, "two and a half years", "DURATION", "P2Y6M", "absolute", NULL},
		{"1988-03-10", t0, "three times a year", "SET", "P1Y", "absolute", NULL},
		{"1988-03-10", t0, "two more weeks", "DURATION", "P2W", "absolute", NULL},
		{"1988-03-10", t0, "nineteen ninety", "DATE", "1990", "absolute", NULL},
		{"1988-03-10", t0, "3 years", "DURATION", "P3Y", "absolute", NULL},
		{"1988-03-10", t0, "1.5 years", "DURATION", "P1Y6M", "absolute", NULL},
		{"1988-03-10", t0, "the first two weeks", "DURATION", "P2W", "absolute", NULL},
		{"1988-03-10", t0, "the first months", "DURATION", "PXM", "absolute", NULL},
	};
	CHECK(NULL, cases);
	assert_count(t0, "1988-03-10", 12);
}

/* the year of undated months and days: year_deltas() and year_any_tense() near year ends and 29 February */
static void test_year_of_undated(void **state)
{
	(void)state;
	static const char *const t0 =
		"He said in December prices fell; they will rise in February,"
		" and on February 29 and December 31 they met; sales were dow"
		"n in November and will grow in March.";
	static const char *const t1 =
		"The talks on January 3 will go on; in January, February 29 a"
		"nd March 1 are next; last December, on December 30 he said, "
		"on November 2 they met.";
	static const char *const t2 =
		"In January prices fell, in December they will rise, on Janua"
		"ry 15 he will speak, on December 15 he spoke, in July, on Ju"
		"ly 4, in June.";
	static const char *const t3 =
		"On February 28 and March 1 and February 29, in February, in "
		"March, in January the year ended.";
	static const struct tcase cases[] = {
		{"1988-01-05", t0, "December", "DATE", "1987-12", "dct", NULL},
		{"1988-01-05", t0, "February", "DATE", "1988-02", "dct", NULL},
		{"1988-01-05", t0, "February 29", "DATE", "1988-02-29", "dct", NULL},
		{"1988-01-05", t0, "December 31", "DATE", "1987-12-31", "dct", NULL},
		{"1988-01-05", t0, "November", "DATE", "1987-11", "dct", NULL},
		{"1988-01-05", t0, "March", "DATE", "1988-03", "dct", NULL},
		{"1987-12-28", t1, "January 3", "DATE", "1988-01-03", "dct", NULL},
		{"1987-12-28", t1, "January", "DATE", "1988-01", "dct", NULL},
		{"1987-12-28", t1, "February 29", "DATE", "1988-02-29", "dct", NULL},
		{"1987-12-28", t1, "March 1", "DATE", "1988-03-01", "dct", NULL},
		{"1987-12-28", t1, "last December", "DATE", "1986-12", "dct", NULL},
		{"1987-12-28", t1, "December 30", "DATE", "1987-12-30", "dct", NULL},
		{"1987-12-28", t1, "November 2", "DATE", "1987-11-02", "dct", NULL},
		{"1988-07-01", t2, "January", "DATE", "1988-01", "dct", NULL},
		{"1988-07-01", t2, "December", "DATE", "1987-12", "dct", NULL},
		{"1988-07-01", t2, "January 15", "DATE", "1989-01-15", "dct", NULL},
		{"1988-07-01", t2, "December 15", "DATE", "1987-12-15", "dct", NULL},
		{"1988-07-01", t2, "July", "DATE", "1987-07", "dct", NULL},
		{"1988-07-01", t2, "July 4", "DATE", "1988-07-04", "dct", NULL},
		{"1988-07-01", t2, "June", "DATE", "1988-06", "dct", NULL},
		{"2000-02-29", t3, "February 28", "DATE", "2000-02-28", "dct", NULL},
		{"2000-02-29", t3, "March 1", "DATE", "2000-03-01", "dct", NULL},
		{"2000-02-29", t3, "February 29", "DATE", "2000-02-29", "dct", NULL},
		{"2000-02-29", t3, "February", "DATE", "2000-02", "dct", NULL},
		{"2000-02-29", t3, "March", "DATE", "2000-03", "dct", NULL},
		{"2000-02-29", t3, "January", "DATE", "2000-01", "dct", NULL},
		{"2000-02-29", t3, "the year", "DATE", "2000", "dct", NULL},
	};
	CHECK(NULL, cases);
}

/* multi-byte characters next to expressions (the text is interned without dp_layer_set_str()'s check) and mods set on some expressions of a document only */
static void test_emit_utf8_and_mods(void **state)
{
	(void)state;
	static const char *const t0 =
		"«March 5» — “Friday” über 1987 déjà vu ça 1990年 naïve 12 déc"
		"embre; early 1990 and late March, mid-1990s, about three yea"
		"rs ago, nearly four years ago, the end of 1987.";
	static const struct tcase cases[] = {
		{"1988-03-10", t0, "March 5", "DATE", "1988-03-05", "dct", NULL},
		{"1988-03-10", t0, "Friday", "DATE", "1988-03-04", "dct", NULL},
		{"1988-03-10", t0, "1987", "DATE", "1987", "absolute", NULL},
		{"1988-03-10", t0, "1990", "DATE", "1990", "absolute", NULL},
		{"1988-03-10", t0, "early 1990", "DATE", "1990", "absolute", "START"},
		{"1988-03-10", t0, "late March", "DATE", "1988-03", "dct", "END"},
		{"1988-03-10", t0, "mid-1990s", "DATE", "199", "absolute", "MID"},
		{"1988-03-10", t0, "about three years ago", "DATE", "1985", "dct", "APPROX"},
		{"1988-03-10", t0, "nearly four years ago", "DATE", "1984", "dct", "LESS_THAN"},
		{"1988-03-10", t0, "the end of 1987", "DATE", "1987", "absolute", "END"},
	};
	CHECK(NULL, cases);
}

/* more expressions than the first arrays of emit() hold (grow()) */
static void test_emit_many(void **state)
{
	(void)state;
	static const char *const t0 =
		"On March 1 1987 it rose. On March 2 1987 it rose. On March 3"
		" 1987 it rose. On March 4 1987 it rose. On March 5 1987 it r"
		"ose. On March 6 1987 it rose. On March 7 1987 it rose. On Ma"
		"rch 8 1987 it rose. On March 9 1987 it rose. On March 10 198"
		"7 it rose. On March 11 1987 it rose. On March 12 1987 it ros"
		"e. On March 13 1987 it rose. On March 14 1987 it rose. On Ma"
		"rch 15 1987 it rose. On March 16 1987 it rose. On March 17 1"
		"987 it rose. On March 18 1987 it rose. On March 19 1987 it r"
		"ose. On March 20 1987 it rose. On March 21 1987 it rose. On "
		"March 22 1987 it rose. On March 23 1987 it rose. On March 24"
		" 1987 it rose. On March 25 1987 it rose. On March 26 1987 it"
		" rose. On March 27 1987 it rose. On March 28 1987 it rose. F"
		"inally 1990";
	static const struct tcase cases[] = {
		{"1988-03-10", t0, "March 1 1987", "DATE", "1987-03-01", "absolute", NULL},
		{"1988-03-10", t0, "March 2 1987", "DATE", "1987-03-02", "absolute", NULL},
		{"1988-03-10", t0, "March 3 1987", "DATE", "1987-03-03", "absolute", NULL},
		{"1988-03-10", t0, "March 4 1987", "DATE", "1987-03-04", "absolute", NULL},
		{"1988-03-10", t0, "March 5 1987", "DATE", "1987-03-05", "absolute", NULL},
		{"1988-03-10", t0, "March 6 1987", "DATE", "1987-03-06", "absolute", NULL},
		{"1988-03-10", t0, "March 7 1987", "DATE", "1987-03-07", "absolute", NULL},
		{"1988-03-10", t0, "March 8 1987", "DATE", "1987-03-08", "absolute", NULL},
		{"1988-03-10", t0, "March 9 1987", "DATE", "1987-03-09", "absolute", NULL},
		{"1988-03-10", t0, "March 10 1987", "DATE", "1987-03-10", "absolute", NULL},
		{"1988-03-10", t0, "March 11 1987", "DATE", "1987-03-11", "absolute", NULL},
		{"1988-03-10", t0, "March 12 1987", "DATE", "1987-03-12", "absolute", NULL},
		{"1988-03-10", t0, "March 13 1987", "DATE", "1987-03-13", "absolute", NULL},
		{"1988-03-10", t0, "March 14 1987", "DATE", "1987-03-14", "absolute", NULL},
		{"1988-03-10", t0, "March 15 1987", "DATE", "1987-03-15", "absolute", NULL},
		{"1988-03-10", t0, "March 16 1987", "DATE", "1987-03-16", "absolute", NULL},
		{"1988-03-10", t0, "March 17 1987", "DATE", "1987-03-17", "absolute", NULL},
		{"1988-03-10", t0, "March 18 1987", "DATE", "1987-03-18", "absolute", NULL},
		{"1988-03-10", t0, "March 19 1987", "DATE", "1987-03-19", "absolute", NULL},
		{"1988-03-10", t0, "March 20 1987", "DATE", "1987-03-20", "absolute", NULL},
		{"1988-03-10", t0, "March 21 1987", "DATE", "1987-03-21", "absolute", NULL},
		{"1988-03-10", t0, "March 22 1987", "DATE", "1987-03-22", "absolute", NULL},
		{"1988-03-10", t0, "March 23 1987", "DATE", "1987-03-23", "absolute", NULL},
		{"1988-03-10", t0, "March 24 1987", "DATE", "1987-03-24", "absolute", NULL},
		{"1988-03-10", t0, "March 25 1987", "DATE", "1987-03-25", "absolute", NULL},
		{"1988-03-10", t0, "March 26 1987", "DATE", "1987-03-26", "absolute", NULL},
		{"1988-03-10", t0, "March 27 1987", "DATE", "1987-03-27", "absolute", NULL},
		{"1988-03-10", t0, "March 28 1987", "DATE", "1987-03-28", "absolute", NULL},
		{"1988-03-10", t0, "1990", "DATE", "1990", "absolute", NULL},
	};
	CHECK(NULL, cases);
	assert_count(t0, "1988-03-10", 29);
}

static void test_alloc_failure(void **state)
{
	(void)state;
	struct dp_harness *h = harness(NULL);
	const char *text = "On Friday, January 5, 2024, they met for three hours.";
	long n = dp_harness_alloc_sweep(h, text, "{\"dct\": \"2024-01-09\"}", 1000);
	if (n < 0)
		fail_msg("%s", dp_harness_error(h));
	assert_true(n > 1);   /* some allocations failed, each cleanly */
	assert_int_equal(dp_harness_run(h, text, "{\"dct\": \"2024-01-09\"}"), 0);
	assert_int_equal(dp_harness_count(h, "dates"), 2);
	dp_harness_free(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seed_000),
		cmocka_unit_test(test_seed_001),
		cmocka_unit_test(test_seed_002),
		cmocka_unit_test(test_seed_003),
		cmocka_unit_test(test_seed_004_lower_case),
		cmocka_unit_test(test_absolute),
		cmocka_unit_test(test_numeric_order),
		cmocka_unit_test(test_year_edges),
		cmocka_unit_test(test_dense_tokens),
		cmocka_unit_test(test_dct_anchored),
		cmocka_unit_test(test_previous_anchored),
		cmocka_unit_test(test_durations),
		cmocka_unit_test(test_sets),
		cmocka_unit_test(test_boundaries),
		cmocka_unit_test(test_no_dct),
		cmocka_unit_test(test_not_dates),
		cmocka_unit_test(test_option_reference),
		cmocka_unit_test(test_option_errors),
		cmocka_unit_test(test_option_types),
		cmocka_unit_test(test_option_prefer),
		cmocka_unit_test(test_attributes_and_offsets),
		cmocka_unit_test(test_word_runs_at_block_edges),
		cmocka_unit_test(test_numbers_at_block_edges),
		cmocka_unit_test(test_golden_newswire),
		cmocka_unit_test(test_refine_numbers),
		cmocka_unit_test(test_refine_the),
		cmocka_unit_test(test_refine_function_words),
		cmocka_unit_test(test_refine_special_words),
		cmocka_unit_test(test_refine_more),
		cmocka_unit_test(test_refine_counts),
		cmocka_unit_test(test_year_of_undated),
		cmocka_unit_test(test_emit_utf8_and_mods),
		cmocka_unit_test(test_emit_many),
		cmocka_unit_test(test_alloc_failure),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
