/*
 * test_uax29.c - the engine's raw Unicode segmentation against Unicode's
 * own test files (Debian package unicode-data): WordBreakTest.txt,
 * SentenceBreakTest.txt and GraphemeBreakTest.txt. Every boundary of every
 * line must match. The generated tables are also checked against the
 * property files they were made from. Skipped, with a message saying so,
 * only when the files are absent.
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
#include "ucd.h"
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

/* The committed tables against the installed property files: every code
 * point a file lists must have that value (catches a stale ucd_tables.c). */
static void check_property_file(const char *name, const char *const *values,
                                int (*get)(uint32_t rec))
{
	char path[1024], line[512];
	FILE *f;
	size_t checked = 0, wrong = 0;

	snprintf(path, sizeof path, "%s/%s", UNICODE_AUX_DIR, name);
	f = fopen(path, "r");
	if (!f) {
		print_message("SKIPPED: %s not found (install the Debian package "
		              "unicode-data)\n", path);
		skip();
	}
	while (fgets(line, sizeof line, f)) {
		char *hash = strchr(line, '#'), *semi, *val, *end;
		unsigned long a, b;
		int want = -1;

		if (hash)
			*hash = '\0';
		semi = strchr(line, ';');
		if (!semi)
			continue;
		a = strtoul(line, &end, 16);
		b = (end[0] == '.' && end[1] == '.') ? strtoul(end + 2, NULL, 16) : a;
		val = semi + 1;
		while (*val == ' ')
			val++;
		val[strcspn(val, " \t\r\n")] = '\0';
		for (int v = 0; values[v]; v++)
			if (!strcmp(values[v], val))
				want = v;
		assert_true(want >= 0);
		for (unsigned long cp = a; cp <= b; cp++, checked++) {
			if (get(ucd_rec((int32_t)cp)) != want && wrong++ < 5)
				print_error("%s: U+%04lX is %d, file says %s\n", name,
				            cp, get(ucd_rec((int32_t)cp)), val);
		}
	}
	fclose(f);
	print_message("%s: %zu code points checked\n", name, checked);
	assert_true(checked > 1000);
	assert_int_equal(wrong, 0);
}

static int get_wb(uint32_t r) { return rec_wb(r); }
static int get_sb(uint32_t r) { return rec_sb(r); }
static int get_gcb(uint32_t r) { return rec_gcb(r); }

static void test_tables_match_ucd(void **unused)
{
	static const char *const wb[] = {
		"Other", "CR", "LF", "Newline", "Extend", "ZWJ",
		"Regional_Indicator", "Format", "Katakana", "Hebrew_Letter",
		"ALetter", "Single_Quote", "Double_Quote", "MidNumLet",
		"MidLetter", "MidNum", "Numeric", "ExtendNumLet", "WSegSpace", NULL
	};
	static const char *const sb[] = {
		"Other", "CR", "LF", "Extend", "Sep", "Format", "Sp", "Lower",
		"Upper", "OLetter", "Numeric", "ATerm", "SContinue", "STerm",
		"Close", NULL
	};
	static const char *const gcb[] = {
		"Other", "CR", "LF", "Control", "Extend", "ZWJ",
		"Regional_Indicator", "Prepend", "SpacingMark", "L", "V", "T",
		"LV", "LVT", NULL
	};

	(void)unused;
	check_property_file("WordBreakProperty.txt", wb, get_wb);
	check_property_file("SentenceBreakProperty.txt", sb, get_sb);
	check_property_file("GraphemeBreakProperty.txt", gcb, get_gcb);
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
		cmocka_unit_test(test_tables_match_ucd),
		cmocka_unit_test(test_word_breaks),
		cmocka_unit_test(test_sentence_breaks),
		cmocka_unit_test(test_grapheme_breaks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
