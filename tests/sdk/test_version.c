/*
 * test_version.c - the runtime versions of libdocproc match the header's
 * macros and the package version, and every status code has its own text.
 */
#include "config.h"

#include <docproc/docproc.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

static void test_abi_matches_header(void **unused)
{
	(void)unused;
	assert_int_equal(dp_abi_major(), DP_ABI_MAJOR);
	assert_int_equal(dp_abi_minor(), DP_ABI_MINOR);
}

static void test_version_matches_header_and_package(void **unused)
{
	(void)unused;
	assert_non_null(dp_version());
	assert_string_equal(dp_version(), DP_VERSION_STRING);
	/* configure.ac's AC_INIT and the header must be bumped together */
	assert_string_equal(DP_VERSION_STRING, PACKAGE_VERSION);
}

static void test_every_status_has_its_text(void **unused)
{
	const char *seen[16];

	(void)unused;
	assert_string_equal(dp_strerror(DP_OK), "success");
	for (int code = DP_ENOMEM; code >= DP_ETOOBIG; code--) {
		const char *s = dp_strerror(code);
		assert_non_null(s);
		assert_string_not_equal(s, "unknown error");
		for (int k = DP_ENOMEM; k > code; k--)
			assert_string_not_equal(s, seen[-k]);
		seen[-code] = s;
	}
	assert_string_equal(dp_strerror(-1000), "unknown error");
	assert_string_equal(dp_strerror(5), "unknown error");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_abi_matches_header),
		cmocka_unit_test(test_version_matches_header_and_package),
		cmocka_unit_test(test_every_status_has_its_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
