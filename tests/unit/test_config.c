/*
 * test_config.c - the config reader and plugin options: every error
 * message with its file:line:column, did-you-mean suggestions, the format
 * version, empty pipelines, option types, choices and required options.
 */
#include "config.h"
#include "core/options.h"
#include "core/pipeline.h"
#include "testutil.h"

static char msg[2048];

/* Loads @yaml as "t.yaml" and builds its pipeline (plugins from the test
 * plugin directory). Returns NULL when both succeed, else the message. */
static const char *load(const char *yaml)
{
	struct dp_config cfg;
	struct dp_pipeline pl;
	struct dp_error err;
	int rc;

	dp_error_clear(&err);
	rc = dp_config_load_string(&cfg, yaml, strlen(yaml), "t.yaml", &err);
	if (rc == 0) {
		rc = dp_pipeline_build(&pl, &cfg, &err);
		dp_pipeline_free(&pl);
	}
	dp_config_free(&cfg);
	if (rc == 0)
		return NULL;
	assert_true(rc < 0);
	assert_true(err.msg[0] != '\0');
	snprintf(msg, sizeof msg, "%s", err.msg);
	return msg;
}

#define HDR "docproc: 1\nplugin_path: [" TEST_PLUGIN_DIR "]\n"

static void expect_error(const char *yaml, const char *where,
                         const char *what)
{
	const char *m = load(yaml);

	if (!m) {
		print_error("no error for:\n%s\n", yaml);
		fail();
	}
	if (strncmp(m, where, strlen(where)) != 0) {
		print_error("'%s' does not start with '%s'\n", m, where);
		fail();
	}
	assert_contains(m, what);
}

static void expect_ok(const char *yaml)
{
	const char *m = load(yaml);

	if (m) {
		print_error("unexpected error: %s\n", m);
		fail();
	}
}

/* ------------------------------------------------------------- the file */

static void test_valid_configs(void **state)
{
	struct dp_config cfg;
	struct dp_error err;
	const char *y = "# a comment\ndocproc: 1\nplugin_path: [/a, /b/]\n"
	                "pipeline:\n  - plugin: annotate\n  - plugin: edit\n"
	                "    options: {batch: false}\n"
	                "output: {layers: [edits, words], offsets: codepoints,"
	                " text: false}\n";

	assert_int_equal(dp_config_load_string(&cfg, y, strlen(y), "c.yaml",
	                                       &err), 0);
	assert_string_equal(cfg.file, "c.yaml");
	assert_int_equal(cfg.npath, 2);
	assert_string_equal(cfg.plugin_path[1], "/b/");
	assert_int_equal(cfg.nsteps, 2);
	assert_string_equal(cfg.steps[0].plugin, "annotate");
	assert_null(cfg.steps[0].options);
	assert_non_null(cfg.steps[1].options);
	assert_int_equal(cfg.steps[1].line, 6);
	assert_int_equal(cfg.steps[1].col, 5);
	assert_true(cfg.layers_set);
	assert_int_equal(cfg.nlayers, 2);
	assert_string_equal(cfg.layers[1], "words");
	assert_int_equal(cfg.offsets, DP_OFFSETS_CODEPOINTS);
	assert_false(cfg.with_text);
	dp_config_free(&cfg);

	/* defaults */
	y = "docproc: 1\n";
	assert_int_equal(dp_config_load_string(&cfg, y, strlen(y), "d.yaml",
	                                       &err), 0);
	assert_int_equal(cfg.nsteps, 0);
	assert_false(cfg.layers_set);
	assert_true(cfg.with_text);
	assert_int_equal(cfg.offsets, DP_OFFSETS_BYTES);
	dp_config_free(&cfg);

	/* an empty pipeline is valid, in every spelling */
	expect_ok("docproc: 1\npipeline:\n");
	expect_ok("docproc: 1\npipeline: []\n");
	expect_ok("docproc: 1\npipeline: []\noutput: {layers: all}\n");
	expect_ok("docproc: 1\npipeline: []\noutput:\n");
	expect_ok("docproc: 1\nplugin_path:\npipeline: []\n");
	expect_ok(HDR "pipeline:\n  - plugin: annotate\n    options:\n"
	          "output: {layers: [words]}\n");
}

static void test_file_errors(void **state)
{
	struct dp_config cfg;
	struct dp_error err;

	assert_int_equal(dp_config_load_file(&cfg, "/nonexistent/c.yaml", &err),
	                 DP_ECONFIG);
	assert_contains(err.msg, "/nonexistent/c.yaml: cannot read config");
	dp_config_free(&cfg);
	expect_error("", "t.yaml", "the file is empty");
	expect_error("# only a comment\n", "t.yaml", "the file is empty");
	expect_error("docproc: 1\npipeline: [\n", "t.yaml:3:1:", "");
	expect_error("docproc: 1\n  bad: indent\n", "t.yaml:2:", "");
	expect_error("- plugin: a\n", "t.yaml:1:1:", "expected a mapping");
	expect_error("pipeline: []\n", "t.yaml:1:1:", "missing 'docproc: 1'");
	expect_error("docproc: 2\n", "t.yaml:1:10:",
	             "reads config format version 1, got '2'");
	expect_error("docproc: [1]\n", "t.yaml:1:10:", "version 1");
	expect_error("docproc: 1\npipline: []\n", "t.yaml:2:1:",
	             "unknown key 'pipline' in the top level (did you mean "
	             "'pipeline'?)");
	expect_error("docproc: 1\nzzzzzzzzzzzz: 3\n", "t.yaml:2:1:",
	             "expected one of: docproc, plugin_path, pipeline, output");
	expect_error("docproc: 1\nplugin_path: /usr/lib\n", "t.yaml:2:14:",
	             "'plugin_path': expected a list of strings");
	expect_error("docproc: 1\nplugin_path: [a, [b]]\n", "t.yaml:2:18:",
	             "a list of strings");
	expect_error("docproc: 1\npipeline: {plugin: a}\n", "t.yaml:2:11:",
	             "'pipeline': expected a list of steps");
	expect_error("docproc: 1\npipeline:\n  - annotate\n", "t.yaml:3:5:",
	             "expected a mapping like '- plugin: annotate'");
	expect_error("docproc: 1\npipeline:\n  - options: {}\n", "t.yaml:3:5:",
	             "pipeline step without 'plugin: NAME'");
	expect_error("docproc: 1\npipeline:\n  - plugin:\n", "t.yaml:3:",
	             "expected a plugin name");
	expect_error("docproc: 1\npipeline:\n  - plugin: [a]\n", "t.yaml:3:13:",
	             "'plugin': expected a plugin name");
	expect_error("docproc: 1\npipeline:\n  - plugin: a\n    optoins: {}\n",
	             "t.yaml:4:5:", "unknown key 'optoins' in a pipeline step "
	             "(did you mean 'options'?)");
	expect_error("docproc: 1\npipeline:\n  - plugin: a\n    options: [x]\n",
	             "t.yaml:4:14:", "'options': expected a mapping");
	expect_error("docproc: 1\noutput: [a]\n", "t.yaml:2:9:",
	             "'output': expected a mapping");
	expect_error("docproc: 1\noutput: {layer: [a]}\n", "t.yaml:2:10:",
	             "unknown key 'layer' in output (did you mean 'layers'?)");
	expect_error("docproc: 1\noutput: {offsets: chars}\n", "t.yaml:2:19:",
	             "expected bytes or codepoints, got 'chars'");
	expect_error("docproc: 1\noutput: {text: maybe}\n", "t.yaml:2:16:",
	             "'text': expected true or false");
	expect_error("docproc: 1\noutput: {layers: words}\n", "t.yaml:2:18:",
	             "'layers': expected a list of strings");
}

static void test_duplicate_keys(void **state)
{
	expect_error("docproc: 1\npipeline: []\npipeline:\n  - plugin: a\n",
	             "t.yaml:3:1:", "key 'pipeline' given twice (first at "
	             "line 2)");
	expect_error("docproc: 1\nplugin_path: [a]\nplugin_path: [b]\n",
	             "t.yaml:3:1:", "'plugin_path' given twice");
	expect_error("docproc: 1\noutput: {layers: [a], layers: [b]}\n",
	             "t.yaml:2:23:", "'layers' given twice");
	expect_error("docproc: 1\npipeline:\n  - plugin: a\n    plugin: b\n",
	             "t.yaml:4:5:", "'plugin' given twice");
	expect_error(HDR "pipeline:\n  - plugin: optcheck\n"
	             "    options: {name: a, name: b}\n",
	             "t.yaml:5:24:", "'name' given twice");
}

/* ------------------------------------------------------------ pipelines */

static void test_pipeline_errors(void **state)
{
	expect_error(HDR "pipeline:\n  - plugin: annotat\n", "t.yaml:4:5:",
	             "plugin 'annotat' not found (looked in " TEST_PLUGIN_DIR);
	assert_contains(msg, "; did you mean 'annotate'?");
	expect_error(HDR "pipeline:\n  - plugin: qqqqqqqqqqqq\n", "t.yaml:4:5:",
	             "plugin 'qqqqqqqqqqqq' not found");
	assert_not_contains(msg, "did you mean");
	expect_error(HDR "pipeline:\n  - plugin: needs\n", "t.yaml:4:5:",
	             "plugin 'needs' requires layer 'unicorns', which no earlier "
	             "step provides");
	/* the order matters: the provider must come first */
	expect_error(HDR "pipeline:\n  - plugin: undeclared\n"
	             "  - plugin: annotate\n", "t.yaml:4:5:",
	             "add the plugin that provides 'words' before 'undeclared'");
	expect_ok(HDR "pipeline:\n  - plugin: annotate\n  - plugin: undeclared\n");
	expect_error(HDR "pipeline:\n  - plugin: annotate\n  - plugin: edit\n"
	             "  - plugin: annotate\n", "t.yaml:6:5:",
	             "plugin 'annotate' is already in the pipeline (at "
	             "t.yaml:4:5)");
	expect_error(HDR "pipeline:\n  - plugin: annotate\n"
	             "output: {layers: [word]}\n", "t.yaml:5:18:",
	             "output layer 'word' is not provided by any plugin of the "
	             "pipeline (did you mean 'words'?)");
	expect_error(HDR "pipeline:\n  - plugin: annotate\n"
	             "output: {layers: [edits]}\n", "t.yaml:5:18:",
	             "output layer 'edits' is not provided");
	expect_ok(HDR "pipeline:\n  - plugin: annotate\n  - plugin: edit\n"
	          "output: {layers: [edits, words]}\n");
	/* a plugin that cannot be loaded names itself and the step */
	expect_error(HDR "pipeline:\n  - plugin: badabi\n", "t.yaml:4:5:",
	             "badabi.la was built for docproc plugin ABI 2.0");
	expect_error(HDR "pipeline:\n  - plugin: missingdep\n", "t.yaml:4:5:",
	             "was found but cannot be loaded");
}

/* -------------------------------------------------------------- options */

static void test_option_errors(void **state)
{
#define OPT(o) HDR "pipeline:\n  - plugin: optcheck\n    options: " o "\n"
	expect_error(OPT("{name: a, cout: 3}"), "t.yaml:5:24:",
	             "plugin 'optcheck' has no option 'cout' (did you mean "
	             "'count'?)");
	expect_error(OPT("{name: a, zzzzzzzzzz: 3}"), "t.yaml:5:24:",
	             "has no option 'zzzzzzzzzz'");
	assert_not_contains(msg, "did you mean");
	expect_error(OPT("{name: a, flag: perhaps}"), "t.yaml:5:30:",
	             "option 'flag': expected a boolean (true or false), got "
	             "'perhaps'");
	expect_error(OPT("{name: a, count: 3.5}"), "t.yaml:5:31:",
	             "option 'count': expected an integer, got '3.5'");
	expect_error(OPT("{name: a, count: 99999999999999999999}"), "t.yaml:5:31:",
	             "expected an integer");
	expect_error(OPT("{name: a, ratio: fast}"), "t.yaml:5:31:",
	             "option 'ratio': expected a number, got 'fast'");
	expect_error(OPT("{name: a, ratio: .nan}"), "t.yaml:5:31:",
	             "expected a number");
	expect_error(OPT("{name: a, mode: fsat}"), "t.yaml:5:30:",
	             "option 'mode': expected one of fast, slow, exact, got "
	             "'fsat' (did you mean 'fast'?)");
	expect_error(OPT("{name: a, mode: zzzzzzzz}"), "t.yaml:5:30:",
	             "expected one of fast, slow, exact, got 'zzzzzzzz'");
	assert_not_contains(msg, "did you mean");
	expect_error(OPT("{name: a, mode: [fast]}"), "t.yaml:5:30:",
	             "option 'mode': expected a string");
	expect_error(OPT("{name: a, words: one}"), "t.yaml:5:31:",
	             "option 'words': expected a list of strings");
	expect_error(OPT("{name: a, words: [a, {b: c}]}"), "t.yaml:5:35:",
	             "list items must be strings");
	expect_error(OPT("{count: 1}"), "t.yaml:5:14:",
	             "plugin 'optcheck' needs option 'name' (the name to use)");
	/* without any options: the step's position */
	expect_error(HDR "pipeline:\n  - plugin: optcheck\n", "t.yaml:4:5:",
	             "plugin 'optcheck' needs option 'name'");
	expect_error(HDR "pipeline:\n  - plugin: annotate\n    options: {x: 1}\n",
	             "t.yaml:5:15:", "plugin 'annotate' takes no options, got 'x'");
	expect_error(OPT("{name: bad}"), "t.yaml:4:5:",
	             "plugin 'optcheck' failed to initialise: name 'bad' is "
	             "refused");
#undef OPT
}

static const struct dp_options *step_opts(struct dp_pipeline *pl,
                                          struct dp_config *cfg,
                                          const char *yaml)
{
	struct dp_error err;

	dp_error_clear(&err);
	assert_int_equal(dp_config_load_string(cfg, yaml, strlen(yaml), "o.yaml",
	                                       &err), 0);
	if (dp_pipeline_build(pl, cfg, &err)) {
		print_error("%s\n", err.msg);
		fail();
	}
	assert_int_equal(pl->n, 1);
	return &pl->steps[0].opts;
}

static void test_option_values(void **state)
{
	struct dp_config cfg;
	struct dp_pipeline pl;
	const struct dp_options *o;

	/* defaults */
	o = step_opts(&pl, &cfg, HDR "pipeline:\n  - plugin: optcheck\n"
	              "    options: {name: n1}\n");
	assert_false(dp_opt_bool(o, "flag"));
	assert_true(dp_opt_isset(o, "flag"));
	assert_int_equal(dp_opt_int(o, "count"), 3);
	assert_true(dp_opt_number(o, "ratio") == 0.5);
	assert_string_equal(dp_opt_string(o, "mode"), "fast");
	assert_string_equal(dp_opt_string(o, "name"), "n1");
	assert_false(dp_opt_isset(o, "words"));
	assert_int_equal(dp_opt_list_size(o, "words"), 0);
	assert_null(dp_opt_list_at(o, "words", 0));
	/* unknown keys and other types read as nothing */
	assert_false(dp_opt_isset(o, "nope"));
	assert_int_equal(dp_opt_int(o, "mode"), 0);
	assert_null(dp_opt_string(o, "count"));
	assert_false(dp_opt_bool(o, "name"));
	assert_true(dp_opt_number(o, "count") == 0);
	assert_null(dp_opt_string(o, NULL));
	assert_null(dp_opt_string(NULL, "name"));
	dp_pipeline_free(&pl);
	dp_config_free(&cfg);

	/* every type given, block style */
	o = step_opts(&pl, &cfg, HDR "pipeline:\n  - plugin: optcheck\n"
	              "    options:\n      flag: yes\n      count: -0x10\n"
	              "      ratio: 1e3\n      mode: exact\n"
	              "      words: [a, 'b c', \"\"]\n      name: \"x: y\"\n");
	assert_true(dp_opt_bool(o, "flag"));
	assert_int_equal(dp_opt_int(o, "count"), -16);
	assert_true(dp_opt_number(o, "ratio") == 1000.0);
	assert_string_equal(dp_opt_string(o, "mode"), "exact");
	assert_string_equal(dp_opt_string(o, "name"), "x: y");
	assert_int_equal(dp_opt_list_size(o, "words"), 3);
	assert_string_equal(dp_opt_list_at(o, "words", 1), "b c");
	assert_string_equal(dp_opt_list_at(o, "words", 2), "");
	assert_null(dp_opt_list_at(o, "words", 3));
	dp_pipeline_free(&pl);
	dp_config_free(&cfg);

	/* booleans in every spelling */
	static const char *const t[] = {"true", "True", "on", "yes", NULL};
	static const char *const f[] = {"false", "FALSE", "off", "no", NULL};
	char y[512];
	for (int i = 0; t[i]; i++) {
		snprintf(y, sizeof y, HDR "pipeline:\n  - plugin: optcheck\n"
		         "    options: {name: a, flag: %s}\n", t[i]);
		o = step_opts(&pl, &cfg, y);
		assert_true(dp_opt_bool(o, "flag"));
		dp_pipeline_free(&pl);
		dp_config_free(&cfg);
		snprintf(y, sizeof y, HDR "pipeline:\n  - plugin: optcheck\n"
		         "    options: {name: a, flag: %s}\n", f[i]);
		o = step_opts(&pl, &cfg, y);
		assert_false(dp_opt_bool(o, "flag"));
		dp_pipeline_free(&pl);
		dp_config_free(&cfg);
	}
}

/* a schema whose default does not pass its own checks */
static void test_bad_schema(void **state)
{
	static const char *const ch[] = {"a", "b", NULL};
	static const struct dp_option_def bad[] = {
		{"k", DP_OPT_STRING, "c", false, "x", ch},
		{NULL, 0, NULL, false, NULL, NULL},
	};
	static const struct dp_option_def badtype[] = {
		{"k", 42, NULL, false, "x", NULL},
		{NULL, 0, NULL, false, NULL, NULL},
	};
	struct dp_options o;
	struct dp_error err;

	assert_int_equal(dp_options_init(&o, bad, &err), DP_EINVAL);
	assert_contains(err.msg, "the plugin's default for option 'k' is "
	                         "invalid: expected one of a, b, got 'c'");
	dp_options_free(&o);
	assert_int_equal(dp_options_init(&o, badtype, &err), DP_EINVAL);
	assert_contains(err.msg, "option 'k' has an unknown type 42");
	dp_options_free(&o);
	assert_int_equal(dp_options_init(&o, NULL, &err), 0);
	assert_int_equal(o.n, 0);
	dp_options_free(&o);
}

static void test_nearest(void **state)
{
	static const char *const c[] = {"pipeline", "plugin_path", "output"};

	assert_int_equal(dp_levenshtein("kitten", "sitting"), 3);
	assert_int_equal(dp_levenshtein("", "abc"), 3);
	assert_int_equal(dp_levenshtein("same", "same"), 0);
	assert_string_equal(dp_nearest("pipelin", c, 3), "pipeline");
	assert_string_equal(dp_nearest("outptu", c, 3), "output");
	assert_null(dp_nearest("xyz", c, 3));
	assert_null(dp_nearest("a", c, 0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_configs),
		cmocka_unit_test(test_file_errors),
		cmocka_unit_test(test_duplicate_keys),
		cmocka_unit_test(test_pipeline_errors),
		cmocka_unit_test(test_option_errors),
		cmocka_unit_test(test_option_values),
		cmocka_unit_test(test_bad_schema),
		cmocka_unit_test(test_nearest),
	};

	unsetenv("DOCPROC_PLUGIN_PATH");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
