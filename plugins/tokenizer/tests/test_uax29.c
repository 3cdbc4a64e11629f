/*
 * test_uax29.c - the engine's raw Unicode segmentation against Unicode's
 * own test files (Debian package unicode-data): WordBreakTest.txt,
 * SentenceBreakTest.txt and GraphemeBreakTest.txt. Every boundary of every
 * line must match. Skipped, with a message saying so, only when the files
 * are absent.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "tokenize.h"
#include "uax29_testfile.h"

struct got {
	size_t off[512];
	size_t n;
};

static void on_boundary(void *ctx, size_t off)
{
	struct got *g = ctx;

	if (g->n < sizeof g->off / sizeof *g->off)
		g->off[g->n++] = off;
}

static void run_file(const char *name, int which)
{
	struct uax29_case tc;
	struct uax29_file *f = uax29_file_open(UNICODE_AUX_DIR, name);
	size_t lines = 0, failures = 0;

	if (!f) {
		print_message("SKIPPED: %s/%s not found (install the Debian "
		              "package unicode-data)\n", UNICODE_AUX_DIR, name);
		skip();
	}
	while (uax29_file_next(f, &tc)) {
		struct got g = { .n = 0 };
		bool same;

		uax29_boundaries(tc.text, tc.len, which, on_boundary, &g);
		same = g.n == tc.nbreaks;
		for (size_t i = 0; same && i < g.n; i++)
			same = g.off[i] == tc.breaks[i];
		if (!same) {
			if (failures < 10) {
				print_error("%s line %zu: %s\n  got:", name,
				            tc.lineno, tc.line);
				for (size_t i = 0; i < g.n; i++)
					print_error(" %zu", g.off[i]);
				print_error("\n  expected:");
				for (size_t i = 0; i < tc.nbreaks; i++)
					print_error(" %zu", tc.breaks[i]);
				print_error("\n");
			}
			failures++;
		}
		lines++;
	}
	uax29_file_close(f);
	print_message("%s: %zu cases, %zu failures\n", name, lines, failures);
	assert_true(lines > 100);
	assert_int_equal(failures, 0);
}

static void test_word_breaks(void **unused)
{
	(void)unused;
	run_file("WordBreakTest.txt", UAX29_WORD);
}

static void test_sentence_breaks(void **unused)
{
	(void)unused;
	run_file("SentenceBreakTest.txt", UAX29_SENTENCE);
}

static void test_grapheme_breaks(void **unused)
{
	(void)unused;
	run_file("GraphemeBreakTest.txt", UAX29_GRAPHEME);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_word_breaks),
		cmocka_unit_test(test_sentence_breaks),
		cmocka_unit_test(test_grapheme_breaks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
