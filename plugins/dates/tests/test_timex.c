/*
 * test_timex.c - td_format() on its own: the length it returns is the
 * length of the text it writes, on each of its three paths (the common
 * years, months and days; the other values in their usual ranges; and
 * snprintf() for the rest), since the plugin interns the value by that
 * length without a strlen().
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../timex.h"

static void check(struct tdate t, const char *want)
{
	char buf[48];
	memset(buf, 'Z', sizeof buf);
	size_t n = td_format(&t, buf, sizeof buf);
	assert_string_equal(buf, want);
	assert_int_equal(n, strlen(want));
}

static void test_common_path(void **state)
{
	(void)state;
	check(td_year(1987), "1987");
	check(td_month(1987, 3), "1987-03");
	check(td_day(2024, 12, 31), "2024-12-31");
	check(td_day(5, 1, 2), "0005-01-02");
}

static void test_fast_path(void **state)
{
	(void)state;
	check(td_quarter(1998, 3), "1998-Q3");
	check(td_month(Y_UNKNOWN, 1), "XXXX-01");
	check(td_day(Y_UNKNOWN, 1, 5), "XXXX-01-05");
	struct tdate t = {.gran = G_CENTURY, .y = 1900};
	check(t, "19");
	t = (struct tdate){.gran = G_DECADE, .y = Y_UNKNOWN};
	check(t, "XXX");
	t = (struct tdate){.gran = G_WEEKEND, .y = 2024, .w = 2};
	check(t, "2024-W02-WE");
	t = (struct tdate){.gran = G_MINUTE, .y = 2024, .m = 1, .d = 5,
	                   .hh = 9, .mm = 30};
	check(t, "2024-01-05T09:30");
	t = (struct tdate){.gran = G_DAY, .y = 2024, .wd = 5};
	check(t, "2024-WXX-5");
}

/* fields beyond the fast path's ranges: snprintf() writes them */
static void test_general_path(void **state)
{
	(void)state;
	struct tdate t = {.gran = G_YEAR, .y = 12345};
	check(t, "12345");
	t = (struct tdate){.gran = G_DAY, .y = 2024, .m = 1, .d = 123};
	check(t, "2024-01-123");
	t = (struct tdate){.gran = G_MINUTE, .y = 2024, .m = 1, .d = 5,
	                   .hh = 100, .mm = 5};
	check(t, "2024-01-05T100:05");
	t = (struct tdate){.gran = G_NONE, .y = 2024};
	check(t, "XXXX");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_common_path),
		cmocka_unit_test(test_fast_path),
		cmocka_unit_test(test_general_path),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
