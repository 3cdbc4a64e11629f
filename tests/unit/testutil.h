/*
 * testutil.h - helpers shared by the core's cmocka unit tests.
 */
#ifndef DP_TESTUTIL_H
#define DP_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PLUGIN(name) TEST_PLUGIN_DIR "/" name ".la"

/* assert that @hay contains @needle, printing both when it does not */
#define assert_contains(hay, needle)                                       \
	do {                                                               \
		const char *h_ = (hay), *n_ = (needle);                    \
		if (!h_ || !strstr(h_, n_)) {                              \
			print_error("'%s' does not contain '%s'\n",        \
			            h_ ? h_ : "(null)", n_);               \
			fail();                                            \
		}                                                          \
	} while (0)

#define assert_not_contains(hay, needle)                                   \
	do {                                                               \
		const char *h_ = (hay), *n_ = (needle);                    \
		if (h_ && strstr(h_, n_)) {                                \
			print_error("'%s' contains '%s'\n", h_, n_);       \
			fail();                                            \
		}                                                          \
	} while (0)

/* a deterministic generator (xorshift64*), so that random tests repeat */
static inline uint64_t test_rand(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

#endif
