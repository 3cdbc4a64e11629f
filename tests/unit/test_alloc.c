/*
 * test_alloc.c - the plugin authors' harness, and allocation failures
 * injected at every allocation a document makes in turn (as SQLite's
 * do_malloc_test does): a run must fail cleanly, never crash or leak, and
 * the next run must work as if nothing happened.
 */
#include "config.h"
#include "core/internal.h"
#include <docproc/harness.h>
#include "testutil.h"

static void test_harness_api(void **state)
{
	struct dp_harness *h = dp_harness_new();

	assert_non_null(h);
	assert_null(dp_harness_doc(h));
	assert_null(dp_harness_json(h));
	assert_int_equal(dp_harness_add(h, PLUGIN("edit"), NULL), 0);
	assert_int_equal(dp_harness_add(h, PLUGIN("annotate"), NULL), 0);
	assert_int_equal(dp_harness_run(h, "The  colour of the Colour", NULL), 0);
	assert_string_equal(dp_harness_error(h), "");
	assert_string_equal(dp_doc_text(dp_harness_doc(h), NULL),
	                    "The color of the Colour");
	assert_int_equal(dp_harness_count(h, "words"), 5);
	assert_int_equal(dp_harness_count(h, "edits"), 2);
	assert_int_equal(dp_harness_count(h, "nope"), 0);
	long i = dp_harness_find(h, "words", "Colour", 0);
	assert_int_equal(i, 4);
	assert_int_equal(dp_harness_find(h, "words", "the", 0), 3);
	assert_int_equal(dp_harness_find(h, "words", "the", 1), -1);
	assert_int_equal(dp_harness_find(h, "words", "absent", 0), -1);
	assert_string_equal(dp_harness_attr(h, "words", 4, "lower"), "colour");
	assert_string_equal(dp_harness_attr(h, "words", 4, "n"), "4");
	assert_string_equal(dp_harness_attr(h, "words", 4, "prev"), "the");
	assert_null(dp_harness_attr(h, "words", 0, "prev"));   /* unset */
	assert_null(dp_harness_attr(h, "words", 2, "lower"));  /* unset */
	assert_null(dp_harness_attr(h, "words", 9, "n"));
	assert_null(dp_harness_attr(h, "words", 0, "nope"));
	assert_string_equal(dp_harness_span_text(h, "words", 1), "color");
	assert_null(dp_harness_span_text(h, "words", 5));
	assert_string_equal(dp_harness_attr(h, "edits", 0, "rule"),
	                    "spacing.double");
	assert_string_equal(dp_harness_attr(h, "edits", 1, "before"), "colour");
	/* the golden-file form */
	const char *js = dp_harness_json(h);
	assert_non_null(js);
	json_error_t jerr;
	json_t *v = json_loads(js, 0, &jerr);
	assert_non_null(v);
	assert_string_equal(json_string_value(json_object_get(v, "text")),
	                    "The color of the Colour");
	json_decref(v);
	/* with meta, with NUL bytes; invalid input is refused */
	assert_int_equal(dp_harness_run_len(h, "a\0b c", 5, "{\"dct\":\"x\"}"), 0);
	assert_int_equal(dp_harness_count(h, "words"), 2);
	assert_string_equal(dp_doc_meta(dp_harness_doc(h), "dct"), "x");
	assert_int_equal(dp_harness_run(h, "x", "[1]"), DP_EINVAL);
	assert_contains(dp_harness_error(h), "meta: expected a JSON object");
	assert_int_equal(dp_harness_run(h, "\xff", NULL), DP_EUTF8);
	assert_int_equal(dp_harness_run(h, NULL, NULL), DP_EINVAL);
	assert_null(dp_harness_doc(h));
	dp_harness_free(h);
	dp_harness_free(NULL);
}

static void test_harness_errors(void **state)
{
	struct dp_harness *h = dp_harness_new();

	assert_int_equal(dp_harness_add(h, NULL, NULL), DP_EINVAL);
	/* by name, through DOCPROC_PLUGIN_PATH */
	setenv("DOCPROC_PLUGIN_PATH", TEST_PLUGIN_DIR, 1);
	assert_int_equal(dp_harness_add(h, "annotat", NULL), DP_ENOENT);
	assert_contains(dp_harness_error(h), "did you mean 'annotate'?");
	assert_int_equal(dp_harness_add(h, "annotate", NULL), 0);
	unsetenv("DOCPROC_PLUGIN_PATH");
	assert_int_equal(dp_harness_add(h, "/nonexistent/p.la", NULL), DP_ENOENT);
	assert_contains(dp_harness_error(h), "not found");
	assert_int_equal(dp_harness_add(h, PLUGIN("badabi"), NULL), DP_EABI);
	assert_contains(dp_harness_error(h), "ABI 2.0");
	assert_int_equal(dp_harness_add(h, PLUGIN("needs"), NULL), DP_ECONFIG);
	assert_contains(dp_harness_error(h), "requires layer 'unicorns'");
	assert_int_equal(dp_harness_add(h, PLUGIN("optcheck"), "{name: [}"),
	                 DP_ECONFIG);
	assert_contains(dp_harness_error(h), "options:1:");
	assert_int_equal(dp_harness_add(h, PLUGIN("optcheck"), "{nme: a}"),
	                 DP_ECONFIG);
	assert_contains(dp_harness_error(h), "did you mean 'name'?");
	assert_int_equal(dp_harness_add(h, PLUGIN("optcheck"), NULL), DP_ECONFIG);
	assert_contains(dp_harness_error(h), "needs option 'name'");
	assert_int_equal(dp_harness_add(h, PLUGIN("optcheck"),
	                                "name: block\ncount: 7\n"), 0);
	assert_int_equal(dp_harness_add(h, PLUGIN("failing"), NULL), 0);
	assert_int_equal(dp_harness_run(h, "fine", NULL), 0);
	assert_int_equal(dp_harness_count(h, "words"), 1);
	assert_string_equal(dp_doc_meta(dp_harness_doc(h), "optcheck"),
	                    "flag=0 count=7 ratio=0.5 mode=fast name=block "
	                    "words=");
	assert_int_equal(dp_harness_run(h, "FAIL", NULL), DP_EPLUGIN);
	assert_string_equal(dp_harness_error(h), "plugin 'failing': document "
	                    "'test' contains FAIL");
	dp_harness_free(h);
}

/* Fails allocation n = 1, 2, ... of one document until the run succeeds.
 * Every failed run must report an error; the run after it, without
 * injection, must give exactly the result of a clean run. */
static void fail_every_allocation(const char *const *plugins,
                                  const char *const *options,
                                  const char *text)
{
	struct dp_harness *h = dp_harness_new();
	char *want;
	long n;

	for (size_t i = 0; plugins[i]; i++)
		assert_int_equal(dp_harness_add(h, plugins[i], options[i]), 0);
	assert_int_equal(dp_harness_run(h, text, "{\"dct\": \"2024\"}"), 0);
	want = strdup(dp_harness_json(h));
	for (n = 1; n < 100000; n++) {
		dp_harness_fail_alloc_after(h, n);
		int rc = dp_harness_run(h, text, "{\"dct\": \"2024\"}");
		dp_harness_fail_alloc_after(h, 0);
		if (rc == 0)
			break;
		assert_true(rc < 0);
		assert_true(dp_harness_error(h)[0] != '\0');
		/* the same harness goes on as if nothing happened */
		if (n % 7 == 1) {
			assert_int_equal(dp_harness_run(h, text,
			                                 "{\"dct\": \"2024\"}"), 0);
			assert_string_equal(dp_harness_json(h), want);
		}
	}
	assert_true(n > 1);      /* some allocation was failed */
	assert_true(n < 100000);
	assert_string_equal(dp_harness_json(h), want);
	free(want);
	dp_harness_free(h);
}

/* dp_harness_alloc_sweep(): the loop above for plugin authors */
static void test_alloc_sweep(void **state)
{
	struct dp_harness *h = dp_harness_new();
	const char *text = "W1 W2 W3 W1 W4 W5 W6 W7 W8 W9 W10";
	char *want;

	(void)state;
	assert_int_equal(dp_harness_add(h, PLUGIN("annotate"), NULL), 0);
	assert_int_equal(dp_harness_add(h, PLUGIN("failing"), NULL), 0);
	assert_int_equal(dp_harness_run(h, text, NULL), 0);
	want = strdup(dp_harness_json(h));
	/* every failing run was clean; the last one is the clean result */
	long n = dp_harness_alloc_sweep(h, text, NULL, 100000);
	assert_true(n > 1);
	assert_string_equal(dp_harness_json(h), want);
	/* too few runs: none succeeded, and injection is off again */
	assert_int_equal(dp_harness_alloc_sweep(h, text, NULL, n - 1), 0);
	assert_int_equal(dp_harness_run(h, text, NULL), 0);
	assert_string_equal(dp_harness_json(h), want);
	/* a document the pipeline always refuses never succeeds, but each
	 * refusal is clean (an error code and a message) */
	assert_int_equal(dp_harness_alloc_sweep(h, "FAIL", NULL, 50), 0);
	assert_int_equal(dp_harness_alloc_sweep(h, text, NULL, 0), 0);
	free(want);
	dp_harness_free(h);
}

static void test_alloc_failures_annotate(void **state)
{
	const char *const p[] = {PLUGIN("annotate"), NULL};
	const char *const o[] = {NULL};
	struct dp_buf b = {0};

	/* enough words that the layer arrays and the string table grow */
	for (int i = 0; i < 700; i++)
		dp_buf_printf(&b, "W%d ", i % 300);
	fail_every_allocation(p, o, b.data);
	dp_buf_free(&b);
}

static void test_alloc_failures_edit(void **state)
{
	const char *const p[] = {PLUGIN("annotate"), PLUGIN("edit"),
	                         PLUGIN("optcheck"), NULL};
	const char *const o[] = {NULL, "{batch: false}", "{name: x}"};
	struct dp_buf b = {0};

	for (int i = 0; i < 60; i++)
		dp_buf_printf(&b, "the  colour %d ", i);
	fail_every_allocation(p, o, b.data);
	const char *const o2[] = {NULL, "{batch: true}", "{name: x}"};
	fail_every_allocation(p, o2, b.data);
	dp_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_harness_api),
		cmocka_unit_test(test_harness_errors),
		cmocka_unit_test(test_alloc_sweep),
		cmocka_unit_test(test_alloc_failures_annotate),
		cmocka_unit_test(test_alloc_failures_edit),
	};

	unsetenv("DOCPROC_PLUGIN_PATH");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
