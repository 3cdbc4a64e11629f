/*
 * test_template.c - unit tests of the template plugin, through the docproc
 * test harness (<docproc/harness.h>). TEMPLATE_LA and STUB_LA are the
 * paths of the built modules, given by the Makefile.
 */
#include <docproc/harness.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

/* A harness running the tokens stub, then the template with @options. */
static struct dp_harness *pipeline(const char *options)
{
	struct dp_harness *h = dp_harness_new();

	assert_non_null(h);
	assert_int_equal(dp_harness_add(h, STUB_LA, NULL), 0);
	if (dp_harness_add(h, TEMPLATE_LA, options) != 0)
		fail_msg("template: %s", dp_harness_error(h));
	return h;
}

static void test_finds_long_words_with_length(void **unused)
{
	struct dp_harness *h = pipeline("{min_length: 10}");
	long i;

	(void)unused;
	assert_int_equal(dp_harness_run(h, "The government announced "
	                                   "comprehensive reforms.", NULL), 0);
	assert_int_equal(dp_harness_count(h, "long_words"), 2);
	i = dp_harness_find(h, "long_words", "government", 0);
	assert_int_equal(i, 0);
	assert_string_equal(dp_harness_attr(h, "long_words", 0, "length"),
	                    "10");
	assert_string_equal(dp_harness_attr(h, "long_words", 0, "stopword"),
	                    "0");
	assert_string_equal(dp_harness_span_text(h, "long_words", 1),
	                    "comprehensive");
	assert_int_equal(dp_harness_find(h, "long_words", "announced", 0), -1);
	dp_harness_free(h);
}

static void test_length_counts_characters_not_bytes(void **unused)
{
	/* "Übergrößen" is 10 characters in 13 bytes; "naïveté" 7 in 9. */
	struct dp_harness *h = pipeline("{min_length: 10}");
	long i;

	(void)unused;
	assert_int_equal(dp_harness_run(h, "Übergrößen naïveté", NULL), 0);
	assert_int_equal(dp_harness_count(h, "long_words"), 1);
	i = dp_harness_find(h, "long_words", "Übergrößen", 0);
	assert_int_equal(i, 0);
	assert_string_equal(dp_harness_attr(h, "long_words", 0, "length"),
	                    "10");
	dp_harness_free(h);
}

static void test_only_word_tokens(void **unused)
{
	struct dp_harness *h = pipeline("{min_length: 3}");

	(void)unused;
	assert_int_equal(dp_harness_run(h, "12345678 ... cat", NULL), 0);
	assert_int_equal(dp_harness_count(h, "tokens"), 5);
	assert_int_equal(dp_harness_count(h, "long_words"), 1);
	assert_string_equal(dp_harness_span_text(h, "long_words", 0), "cat");
	dp_harness_free(h);
}

static void test_stopwords_fold_and_exact(void **unused)
{
	struct dp_harness *h = pipeline("{min_length: 5, stopwords: [however, "
	                                "Because]}");
	long i;

	(void)unused;
	assert_int_equal(dp_harness_run(h, "HOWEVER, because prices fell.",
	                                NULL), 0);
	assert_int_equal(dp_harness_count(h, "long_words"), 3);
	i = dp_harness_find(h, "long_words", "prices", 0);
	assert_true(i >= 0);
	assert_string_equal(dp_harness_attr(h, "long_words", (size_t)i,
	                                    "stopword"), "0");
	i = dp_harness_find(h, "long_words", "HOWEVER", 0);
	assert_true(i >= 0);
	assert_string_equal(dp_harness_attr(h, "long_words", (size_t)i,
	                                    "stopword"), "1");
	i = dp_harness_find(h, "long_words", "because", 0);
	assert_string_equal(dp_harness_attr(h, "long_words", (size_t)i,
	                                    "stopword"), "1");
	dp_harness_free(h);

	h = pipeline("{min_length: 5, match: exact, stopwords: [however]}");
	assert_int_equal(dp_harness_run(h, "HOWEVER, however.", NULL), 0);
	i = dp_harness_find(h, "long_words", "HOWEVER", 0);
	assert_string_equal(dp_harness_attr(h, "long_words", (size_t)i,
	                                    "stopword"), "0");
	i = dp_harness_find(h, "long_words", "however", 0);
	assert_string_equal(dp_harness_attr(h, "long_words", (size_t)i,
	                                    "stopword"), "1");
	dp_harness_free(h);
}

static void test_empty_text_gives_empty_layer(void **unused)
{
	struct dp_harness *h = pipeline(NULL);

	(void)unused;
	assert_int_equal(dp_harness_run(h, "", NULL), 0);
	assert_non_null(dp_harness_layer(h, "long_words"));
	assert_int_equal(dp_harness_count(h, "long_words"), 0);
	assert_non_null(strstr(dp_harness_json(h), "\"long_words\":[]"));
	dp_harness_free(h);
}

static void test_json_record(void **unused)
{
	struct dp_harness *h = pipeline(NULL);
	const char *json;

	(void)unused;
	assert_int_equal(dp_harness_run(h, "Parliament", NULL), 0);
	json = dp_harness_json(h);
	assert_non_null(json);
	assert_non_null(strstr(json, "\"long_words\":[{\"start\":0,\"end\":10,"
	                             "\"length\":10,\"stopword\":0}]"));
	dp_harness_free(h);
}

static void test_error_too_many_tokens(void **unused)
{
	struct dp_harness *h = pipeline("{max_tokens: 3}");

	(void)unused;
	assert_int_equal(dp_harness_run(h, "one two three", NULL), 0);
	assert_int_equal(dp_harness_run(h, "one two three four", NULL),
	                 DP_EPLUGIN);
	assert_non_null(strstr(dp_harness_error(h), "template"));
	assert_non_null(strstr(dp_harness_error(h),
	                       "4 tokens, more than max_tokens (3)"));
	dp_harness_free(h);
}

static void test_error_missing_tokens_layer(void **unused)
{
	struct dp_harness *h = dp_harness_new();

	(void)unused;
	assert_non_null(h);
	assert_int_equal(dp_harness_add(h, STUB_LA, "{create: false}"), 0);
	assert_int_equal(dp_harness_add(h, TEMPLATE_LA, NULL), 0);
	assert_int_equal(dp_harness_run(h, "some words here", NULL),
	                 DP_EPLUGIN);
	assert_non_null(strstr(dp_harness_error(h), "no 'tokens' layer"));
	dp_harness_free(h);
}

static void test_error_pipeline_order(void **unused)
{
	struct dp_harness *h = dp_harness_new();

	(void)unused;
	assert_non_null(h);
	/* the template alone: nothing provides `tokens` before it */
	assert_int_equal(dp_harness_add(h, TEMPLATE_LA, NULL), DP_ECONFIG);
	assert_non_null(strstr(dp_harness_error(h), "'tokens'"));
	dp_harness_free(h);
}

static void test_error_bad_options(void **unused)
{
	struct dp_harness *h = dp_harness_new();

	(void)unused;
	assert_non_null(h);
	assert_int_equal(dp_harness_add(h, STUB_LA, NULL), 0);
	/* checked by init() */
	assert_int_equal(dp_harness_add(h, TEMPLATE_LA, "{min_length: 0}"),
	                 DP_EINVAL);
	assert_non_null(strstr(dp_harness_error(h), "min_length must be at "
	                                            "least 1"));
	/* checked by the core against the schema */
	assert_int_not_equal(dp_harness_add(h, TEMPLATE_LA,
	                                    "{min_lenght: 3}"), 0);
	assert_non_null(strstr(dp_harness_error(h), "min_lenght"));
	assert_non_null(strstr(dp_harness_error(h), "min_length"));
	assert_int_not_equal(dp_harness_add(h, TEMPLATE_LA, "{match: sloppy}"),
	                     0);
	assert_non_null(strstr(dp_harness_error(h), "sloppy"));
	assert_int_not_equal(dp_harness_add(h, TEMPLATE_LA,
	                                    "{min_length: long}"), 0);
	dp_harness_free(h);
}

/* Every allocation charged to the document fails in turn: each run must
 * fail cleanly until n passes the last allocation, then succeed with the
 * same result as without injection. */
static void test_allocation_failures(void **unused)
{
	struct dp_harness *h = pipeline("{min_length: 4, stopwords: [year]}");
	const char *text = "Every year, thousands of tourists visit the "
	                   "cathedral.";
	long n;

	(void)unused;
	/* fails every allocation in turn; each failing run must report an
	 * error, the first one with enough memory succeeds */
	n = dp_harness_alloc_sweep(h, text, NULL, 10000);
	if (n < 0)
		fail_msg("%s", dp_harness_error(h));
	assert_true(n > 1);
	assert_int_equal(dp_harness_count(h, "long_words"), 6);
	assert_string_equal(dp_harness_attr(h, "long_words", 0, "stopword"),
	                    "0");
	assert_string_equal(dp_harness_attr(h, "long_words", 1, "stopword"),
	                    "1");
	dp_harness_free(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_finds_long_words_with_length),
		cmocka_unit_test(test_length_counts_characters_not_bytes),
		cmocka_unit_test(test_only_word_tokens),
		cmocka_unit_test(test_stopwords_fold_and_exact),
		cmocka_unit_test(test_empty_text_gives_empty_layer),
		cmocka_unit_test(test_json_record),
		cmocka_unit_test(test_error_too_many_tokens),
		cmocka_unit_test(test_error_missing_tokens_layer),
		cmocka_unit_test(test_error_pipeline_order),
		cmocka_unit_test(test_error_bad_options),
		cmocka_unit_test(test_allocation_failures),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
