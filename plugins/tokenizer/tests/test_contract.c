/*
 * test_contract.c - the layer contract (README.md) over the seeds, odd and
 * random texts and pathological runs; the uax29-mode layers against
 * Unicode's test files; options; allocation failures.
 */
#include <time.h>

#include <utf8proc.h>

#include "uax29_testfile.h"
#include "tk_test.h"

/* ---- the layer contract over the seeds -------------------------------- */

static bool gap_char(int32_t cp)
{
	/* white space, and the invisible controls/format characters */
	return cp <= 0x20 || (cp >= 0x7F && cp <= 0xA0) || cp == 0x1680 ||
	       (cp >= 0x2000 && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202F) ||
	       (cp >= 0x205F && cp <= 0x206F) || cp == 0x3000 || cp == 0xFEFF ||
	       cp == 0xAD;
}

/* Prints @text with bytes >= 0x7F and controls as \xNN. */
static void print_escaped(const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];

		if (c < 0x20 || c >= 0x7F || c == '\\')
			print_error("\\x%02X", c);
		else
			print_error("%c", c);
	}
	print_error("\n");
}

/* Fails the test with the text that broke the contract. */
#define CHECK(cond) do { \
	if (!(cond)) { \
		print_error("contract: %s, text: ", #cond); \
		print_escaped(text, len); \
		fail(); \
	} } while (0)

static void check_contract(struct dp_harness *h, const char *text,
                           size_t len)
{
	struct dp_layer *t = dp_harness_layer(h, "tokens");
	struct dp_layer *s = dp_harness_layer(h, "sentences");
	size_t n, ns, pos = 0, k = 0;
	int kind;

	CHECK(t != NULL);
	CHECK(s != NULL);
	n = dp_layer_size(t);
	ns = dp_layer_size(s);
	kind = dp_layer_attr(t, "kind");
	CHECK(kind >= 0);
	CHECK(n > 0);
	for (size_t i = 0; i < n; i++) {
		size_t a = dp_layer_start(t, i), b = dp_layer_end(t, i), j;

		CHECK(a >= pos);
		CHECK(b > a);
		CHECK(b <= len);
		/* the gap is white space only */
		for (j = pos; j < a;)
			CHECK(gap_char(dp_utf8_next(text, len, &j)));
		/* the token holds none */
		for (j = a; j < b;) {
			int32_t cp = dp_utf8_next(text, len, &j);

			CHECK(cp > 0x20 && cp != 0xA0 && cp != 0x3000 &&
			            !(cp >= 0x2000 && cp <= 0x200A));
		}
		CHECK(dp_layer_get_str(t, i, kind, NULL) != NULL);
		pos = b;
	}
	for (size_t j = pos; j < len;)
		CHECK(gap_char(dp_utf8_next(text, len, &j)));
	/* sentences: sorted, each from a token start to a token end, covering
	 * every token once */
	CHECK(ns > 0);
	for (size_t i = 0; i < ns; i++) {
		size_t a = dp_layer_start(s, i), b = dp_layer_end(s, i);

		CHECK(k < n);
		CHECK(dp_layer_start(t, k) == a);
		while (k < n && dp_layer_end(t, k) < b)
			k++;
		CHECK(k < n);
		CHECK(dp_layer_end(t, k) == b);
		k++;
	}
	CHECK(k == n);
}

/* uax29 mode: tokens sorted, disjoint, free of white space, each inside
 * one sentence. */
static void check_tokens_in_sentences(struct dp_harness *h, const char *text,
                                      size_t len)
{
	struct dp_layer *t = dp_harness_layer(h, "tokens");
	struct dp_layer *s = dp_harness_layer(h, "sentences");
	size_t n = dp_layer_size(t), ns = dp_layer_size(s), k = 0, pos = 0;

	for (size_t i = 0; i < n; i++) {
		size_t a = dp_layer_start(t, i), b = dp_layer_end(t, i);

		CHECK(a >= pos && b > a && b <= len);
		for (size_t j = a; j < b;) {
			int32_t cp = dp_utf8_next(text, len, &j);

			CHECK(cp > 0x20 && cp != 0xA0 && cp != 0x3000 &&
			      !(cp >= 0x2000 && cp <= 0x200A));
		}
		while (k < ns && dp_layer_end(s, k) < b)
			k++;
		CHECK(k < ns && dp_layer_start(s, k) <= a);
		pos = b;
	}
}

static void test_contract_seeds(void **unused)
{
	const char *modes[] = { NULL, "{split_clitics: false, newline_breaks: "
	                        "false}" };

	(void)unused;
	for (size_t m = 0; m < 2; m++) {
		struct dp_harness *h = harness(modes[m]);

		for (size_t i = 0; i < sizeof seeds / sizeof *seeds; i++) {
			size_t len;
			char *text = read_file(seeds[i], &len);

			run(h, text);
			check_contract(h, text, len);
			free(text);
		}
		dp_harness_free(h);
	}
}

static void test_contract_odd_texts(void **unused)
{
	static const char *const texts[] = {
		"x", ".", "  \n\t ", "\xEF\xBB\xBFHello", "a\xE2\x80\x8D" "b",
		"\xF0\x9F\x91\xA8\xE2\x80\x8D", "''''\"\"\"", "@ # @@ ##",
		"http:// www. a@ @b.", "1,2,3,4.5.6-7/8:9", "U.S.A.B.C.D.",
		"e\xCC\x81\xCC\x81\xCC\x81", "\xE1\x84\x80\xE1\x85\xA1\xE1\x86\xA8",
		"\r\n\r\nA.\r\nb", "a\xC2\xAD" "b", "(((( ))))",
	};
	struct dp_harness *h = harness(NULL);

	(void)unused;
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		size_t len = strlen(texts[i]);

		run(h, texts[i]);
		if (dp_harness_count(h, "tokens") == 0) {
			for (size_t j = 0; j < len;)
				assert_true(gap_char(dp_utf8_next(texts[i], len, &j)));
			assert_int_equal(dp_harness_count(h, "sentences"), 0);
			continue;
		}
		check_contract(h, texts[i], len);
	}
	/* NUL bytes inside the text are invisible controls like any other */
	{
		static const char nul[] = "a\0b.\0\0See http://x.io\0 c@d.com";
		size_t len = sizeof nul - 1;

		if (dp_harness_run_len(h, nul, len, NULL) != 0)
			fail_msg("run: %s", dp_harness_error(h));
		check_contract(h, nul, len);
		/* a b . See http://x.io c@d.com */
		assert_int_equal(dp_harness_count(h, "tokens"), 6);
		assert_string_equal(dp_harness_attr(h, "tokens", 4, "kind"), "url");
		assert_string_equal(dp_harness_attr(h, "tokens", 5, "kind"),
		                    "email");
	}
	dp_harness_free(h);
}

/* Random texts from a palette of hard pieces: the contract must hold for
 * every one, in both modes (a deterministic generator, so failures
 * repeat). */
static void test_contract_random(void **unused)
{
	static const char *const pieces[] = {
		"a", "Z", "7", " ", "\n", "\n\n", "\t", ".", "..", ",", "'", "’",
		"\"", "“", "”", "-", "--", "—", "(", ")", "#", "@", "$", "%", "*",
		"U.S.", "Mr.", "http://a.io/x?y=1", "a@b.com", "e\xCC\x81",
		"\xCC\x81", "\xE2\x80\x8D", "\xEF\xB8\x8F", "👍", "🏽", "🇮",
		"日本", "です", "한", "Ж", "\xC2\xA0", "\xE2\x80\x8B", "…", "!?",
		"n't", "'s", "2,500", "1.5", "&", "_", "/", ":", "\r\n", "\xC2\xAD",
	};
	const char *modes[] = { NULL, "{mode: uax29}" };
	uint32_t seed = 12345;
	char text[512];

	(void)unused;
	for (size_t m = 0; m < 2; m++) {
		struct dp_harness *h = harness(modes[m]);

		for (int round = 0; round < 5000; round++) {
			size_t len = 0, n;

			seed = seed * 1103515245u + 12345u;
			n = 1 + (seed >> 16) % 24;
			for (size_t i = 0; i < n; i++) {
				const char *p;

				seed = seed * 1103515245u + 12345u;
				p = pieces[(seed >> 16) % (sizeof pieces / sizeof *pieces)];
				if (len + strlen(p) >= sizeof text)
					break;
				memcpy(text + len, p, strlen(p));
				len += strlen(p);
			}
			text[len] = '\0';
			run(h, text);
			if (dp_harness_count(h, "tokens") == 0)
				continue;
			if (m == 0)
				check_contract(h, text, len);
			else
				check_tokens_in_sentences(h, text, len);
		}
		dp_harness_free(h);
	}
}

/* Long runs that a careless look-ahead would rescan from every position:
 * each text must take linear time (a quadratic scan of 100 KB would take
 * many seconds; the limit is generous enough for valgrind). */
static void test_linear_time(void **unused)
{
	static const char *const units[] = {
		"a.", "abc.", "abc%", "a-", "a@", ")", "http://x.org/()", "1,",
		"U.", "'", "\"", ".", "\n", "A ", "\xCC\x81", "a'", "#a", "@a",
	};
	const char *modes[] = { NULL, "{mode: uax29}" };
	size_t n = 100000;
	char *text = malloc(n + 64);

	(void)unused;
	assert_non_null(text);
	for (size_t m = 0; m < 2; m++) {
		struct dp_harness *h = harness(modes[m]);

		for (size_t u = 0; u < sizeof units / sizeof *units; u++) {
			size_t k = strlen(units[u]), len = 0;
			clock_t t0 = clock();

			len = (size_t)snprintf(text, 16, "x.");
			while (len + k < n) {
				memcpy(text + len, units[u], k);
				len += k;
			}
			text[len] = '\0';
			run(h, text);
			if (clock() - t0 > 5 * CLOCKS_PER_SEC)
				fail_msg("unit '%s' x %zu took %.1f s", units[u],
				         n / k, (double)(clock() - t0) / CLOCKS_PER_SEC);
		}
		dp_harness_free(h);
	}
	free(text);
}

/* ---- uax29 mode: the layers against Unicode's test files --------------- */

static bool visible(int32_t cp)
{
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
	case UTF8PROC_CATEGORY_PC: case UTF8PROC_CATEGORY_PD:
	case UTF8PROC_CATEGORY_PS: case UTF8PROC_CATEGORY_PE:
	case UTF8PROC_CATEGORY_PI: case UTF8PROC_CATEGORY_PF:
	case UTF8PROC_CATEGORY_PO: case UTF8PROC_CATEGORY_SM:
	case UTF8PROC_CATEGORY_SC: case UTF8PROC_CATEGORY_SK:
	case UTF8PROC_CATEGORY_SO:
		return true;
	default:
		return false;
	}
}

static bool white(int32_t cp)
{
	utf8proc_category_t c = utf8proc_category(cp);

	return (cp >= 9 && cp <= 13) || cp == 0x85 ||
	       c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL ||
	       c == UTF8PROC_CATEGORY_ZP;
}

/* Compares a layer with the file's segments: for words, the segments that
 * hold a visible character; for sentences, the segments trimmed of white
 * space, empty ones dropped. */
static size_t compare_layer(struct dp_harness *h, const char *layer,
                            const struct uax29_case *tc, bool sentences)
{
	size_t n = dp_harness_count(h, layer), k = 0, prev = 0, bad = 0;
	struct dp_layer *l = dp_harness_layer(h, layer);

	for (size_t b = 0; b < tc->nbreaks; b++) {
		size_t a = prev, e = tc->breaks[b], j;
		bool keep = false;

		prev = e;
		if (sentences) {
			for (j = a; j < e;) {
				size_t q = j;

				if (!white(dp_utf8_next(tc->text, e, &q)))
					break;
				j = q;
			}
			a = j;
			while (e > a) {
				size_t q = e;

				if (!white(dp_utf8_prev(tc->text, &q)))
					break;
				e = q;
			}
			keep = e > a;
		} else {
			for (j = a; j < e && !keep;)
				keep = visible(dp_utf8_next(tc->text, e, &j));
			while (keep) {          /* tokens are trimmed too */
				size_t q = a;

				if (!white(dp_utf8_next(tc->text, e, &q)))
					break;
				a = q;
			}
			while (keep) {
				size_t q = e;

				if (!white(dp_utf8_prev(tc->text, &q)))
					break;
				e = q;
			}
		}
		if (!keep)
			continue;
		if (k >= n || dp_layer_start(l, k) != a || dp_layer_end(l, k) != e)
			bad++;
		k++;
	}
	return bad + (k != n);
}

static void layers_against(const char *file, bool sentences)
{
	struct uax29_file *f = uax29_file_open(UNICODE_AUX_DIR, file);
	struct uax29_case tc;
	struct dp_harness *h;
	size_t cases = 0, failures = 0;

	if (!f) {
		print_message("SKIPPED: %s/%s not found (install the Debian "
		              "package unicode-data)\n", UNICODE_AUX_DIR, file);
		skip();
	}
	h = harness("{mode: uax29}");
	while (uax29_file_next(f, &tc)) {
		if (dp_harness_run_len(h, tc.text, tc.len, NULL) != 0)
			fail_msg("line %zu: %s", tc.lineno, dp_harness_error(h));
		if (compare_layer(h, sentences ? "sentences" : "tokens", &tc,
		                  sentences)) {
			if (failures++ < 5)
				print_error("%s line %zu: %s\n", file, tc.lineno,
				            tc.line);
		}
		cases++;
	}
	uax29_file_close(f);
	dp_harness_free(h);
	assert_true(cases > 100);
	assert_int_equal(failures, 0);
}

static void test_uax29_tokens(void **unused)
{
	(void)unused;
	layers_against("WordBreakTest.txt", false);
}

static void test_uax29_sentences(void **unused)
{
	(void)unused;
	layers_against("SentenceBreakTest.txt", true);
}

static void test_uax29_kinds(void **unused)
{
	struct dp_harness *h = harness("{mode: uax29}");

	(void)unused;
	check_kinds(h, "Mr. Smith's 3.5 U.S. 👍🏽 $5, can't.",
	            "Mr/word ./punct Smith's/word 3.5/number U.S/word ./punct "
	            "👍🏽/emoji $/symbol 5/number ,/punct can't/word ./punct");
	check_sentences(h, "Mr. Smith left. He said \"no.\" Then\n\nit ended",
	                "Mr. | Smith left. | He said \"no.\" | Then | "
	                "it ended");
	dp_harness_free(h);
}

/* ---- options ------------------------------------------------------------ */

static void expect_bad_options(const char *options, const char *needle)
{
	struct dp_harness *h = dp_harness_new();

	assert_non_null(h);
	assert_true(dp_harness_add(h, PLUGIN_LA, options) < 0);
	if (!strstr(dp_harness_error(h), needle))
		fail_msg("options %s: error '%s' lacks '%s'", options,
		         dp_harness_error(h), needle);
	dp_harness_free(h);
}

static void test_options_errors(void **unused)
{
	(void)unused;
	expect_bad_options("{mode: penn}", "mode");
	expect_bad_options("{split_clitics: maybe}", "split_clitics");
	expect_bad_options("{newline_breaks: [1]}", "newline_breaks");
	expect_bad_options("{abbreviations: Gov.}", "abbreviations");
	expect_bad_options("{abbreviations: ['Gov. Sen.']}", "white space");
	expect_bad_options("{abbreviations: ['']}", "empty");
	expect_bad_options("{abbreviation: [Gov.]}", "abbreviation");
}

static void test_options_documented(void **unused)
{
	static const char *const keys[] = {
		"`mode`", "`abbreviations`", "`split_clitics`", "`newline_breaks`",
		"`news`", "`uax29`",
	};
	char *readme = read_file("../../README.md", NULL);

	(void)unused;
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		if (!strstr(readme, keys[i]))
			fail_msg("README.md does not document %s", keys[i]);
	free(readme);
}

/* ---- memory ------------------------------------------------------------- */

static void test_alloc_failures(void **unused)
{
	struct dp_harness *h = harness(NULL);
	char *text = read_file(seeds[1], NULL);

	(void)unused;
	if (dp_harness_alloc_sweep(h, text, NULL, 100000) <= 0)
		fail_msg("allocation failures: %s", dp_harness_error(h));
	run(h, text);
	assert_true(dp_harness_count(h, "tokens") > 100);
	free(text);
	dp_harness_free(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_contract_seeds),
		cmocka_unit_test(test_contract_odd_texts),
		cmocka_unit_test(test_contract_random),
		cmocka_unit_test(test_linear_time),
		cmocka_unit_test(test_uax29_tokens),
		cmocka_unit_test(test_uax29_sentences),
		cmocka_unit_test(test_uax29_kinds),
		cmocka_unit_test(test_options_errors),
		cmocka_unit_test(test_options_documented),
		cmocka_unit_test(test_alloc_failures),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
