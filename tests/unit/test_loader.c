/*
 * test_loader.c - finding and loading plugins: the search path, each
 * reason to refuse a plugin (ABI major, newer minor, size, no descriptor)
 * and the difference between "not found" and "found but cannot load".
 */
#include "config.h"
#include "core/internal.h"
#include "testutil.h"
#include "tmpdir.h"

#include <sys/stat.h>
#include <unistd.h>

static int group_setup(void **state)
{
	(void)state;
	return tmpdir_setup("loader");
}

static struct dp_search search_in(const char *dir)
{
	struct dp_search s;
	struct dp_error err;
	char *dirs[] = {(char *)dir};

	assert_int_equal(dp_search_init(&s, dirs, dir ? 1 : 0, &err), 0);
	return s;
}

/* opens @name and expects failure @code with every piece of @want */
static void expect_refused(const char *name, int code, const char *const *want)
{
	struct dp_search s = search_in(TEST_PLUGIN_DIR);
	struct dp_module m;
	struct dp_error err;

	dp_error_clear(&err);
	assert_int_equal(dp_module_open(&m, name, &s, &err), code);
	assert_null(m.handle);
	assert_null(m.path);
	for (; *want; want++)
		assert_contains(err.msg, *want);
	dp_search_free(&s);
}

static void test_load_by_name_and_path(void **state)
{
	struct dp_search s = search_in(TEST_PLUGIN_DIR);
	struct dp_module m;
	struct dp_error err;

	assert_int_equal(dp_module_open(&m, "annotate", &s, &err), 0);
	assert_non_null(m.handle);
	assert_string_equal(m.path, PLUGIN("annotate"));
	assert_string_equal(m.desc->name, "annotate");
	assert_string_equal(m.desc->version, "1.2.3");
	assert_string_equal(m.desc->provides[0], "words");
	assert_int_equal(m.desc->abi_major, DP_ABI_MAJOR);
	dp_module_close(&m);
	assert_null(m.handle);
	/* by path, .la or the .so itself */
	assert_int_equal(dp_module_open(&m, PLUGIN("edit"), &s, &err), 0);
	assert_string_equal(m.desc->name, "edit");
	dp_module_close(&m);
	assert_int_equal(dp_module_open(&m, TEST_PLUGIN_DIR "/.libs/failing.so",
	                                &s, &err), 0);
	assert_string_equal(m.desc->name, "failing");
	dp_module_close(&m);
	dp_search_free(&s);
}

static void test_abi_major(void **state)
{
	const char *const want[] = {PLUGIN("badabi"), "ABI 2.0",
	                            "this docproc provides ABI 1.2", NULL};
	expect_refused("badabi", DP_EABI, want);
}

static void test_abi_newer_minor(void **state)
{
	const char *const want[] = {PLUGIN("newminor"), "ABI 1.99",
	                            "newer than this docproc's ABI 1.2", NULL};
	expect_refused("newminor", DP_EABI, want);
}

/* a plugin built for an older minor (1.0) still loads */
static void test_abi_older_minor(void **state)
{
	struct dp_search s = search_in(TEST_PLUGIN_DIR);
	struct dp_module m;
	struct dp_error err;

	assert_true(DP_ABI_MINOR > 0);
	dp_error_clear(&err);
	assert_int_equal(dp_module_open(&m, "oldminor", &s, &err), 0);
	assert_string_equal(m.desc->name, "oldminor");
	assert_int_equal(m.desc->abi_minor, 0);
	dp_module_close(&m);
	dp_search_free(&s);
}

static void test_wrong_size(void **state)
{
	char size[64];
	snprintf(size, sizeof size, "descriptor size is %zu bytes",
	         sizeof(struct dp_plugin) + 16);
	const char *const want[] = {PLUGIN("badsize"), size, "ABI 1.2",
	                            "this docproc provides ABI 1.2", NULL};
	expect_refused("badsize", DP_EABI, want);
}

static void test_no_descriptor(void **state)
{
	const char *const want[] = {PLUGIN("nosym"),
	                            "does not export the symbol "
	                            "'dp_plugin_descriptor'", NULL};
	expect_refused("nosym", DP_EABI, want);
}

static void test_not_found_vs_cannot_load(void **state)
{
	const char *const missing[] = {
		"plugin 'nonesuch' not found (looked in " TEST_PLUGIN_DIR, NULL};
	expect_refused("nonesuch", DP_ENOENT, missing);
	const char *const near[] = {"plugin 'anotate' not found",
	                            "did you mean 'annotate'?", NULL};
	expect_refused("anotate", DP_ENOENT, near);
	const char *const nofile[] = {"plugin file /nonexistent/x.la not found",
	                              NULL};
	expect_refused("/nonexistent/x.la", DP_ENOENT, nofile);
	/* found, but a library it needs is not there */
	const char *const dep[] = {"plugin " PLUGIN("missingdep"),
	                           "was found but cannot be loaded",
	                           "libdpgone.so", NULL};
	expect_refused("missingdep", DP_EIO, dep);

	/* found, but not a shared object at all */
	char junk[512];
	snprintf(junk, sizeof junk, "%s/junk.so", tmpdir);
	FILE *f = fopen(junk, "w");
	assert_non_null(f);
	fputs("this is not ELF\n", f);
	fclose(f);
	const char *const bad[] = {"plugin ", "junk.so was found but cannot be "
	                           "loaded", NULL};
	expect_refused(junk, DP_EIO, bad);
	unlink(junk);
}

static void test_search_order(void **state)
{
	struct dp_search s;
	struct dp_error err;
	char *cfg[] = {"/cfg/one/", "/cfg/two"};

	setenv("DOCPROC_PLUGIN_PATH", "/env/a::/env/b/", 1);
	assert_int_equal(dp_search_init(&s, cfg, 2, &err), 0);
	unsetenv("DOCPROC_PLUGIN_PATH");
	assert_int_equal(s.n, 5);
	assert_string_equal(s.dirs[0], "/cfg/one");
	assert_string_equal(s.dirs[1], "/cfg/two");
	assert_string_equal(s.dirs[2], "/env/a");
	assert_string_equal(s.dirs[3], "/env/b");
	/* the test program runs from the build tree */
	assert_true(dp_in_build_tree());
	assert_string_equal(s.dirs[4], DP_BUILDDIR "/plugins");
	assert_string_equal(dp_default_config_path(),
	                    DP_SRCDIR "/config/default.yaml");
	dp_search_free(&s);
}

/* A directory of plugin folders (NAME/NAME.la, the build tree's layout)
 * is searched as well, and earlier directories win. */
static void test_plugin_folders_and_list(void **state)
{
	char link[512], dir2[512];
	struct dp_search s;
	struct dp_error err;
	struct dp_module m;

	snprintf(link, sizeof link, "%s/annotate", tmpdir);
	assert_int_equal(symlink(TEST_PLUGIN_DIR, link), 0);
	snprintf(dir2, sizeof dir2, "%s/empty", tmpdir);
	assert_int_equal(mkdir(dir2, 0755), 0);
	char *dirs[] = {dir2, tmpdir, TEST_PLUGIN_DIR};
	assert_int_equal(dp_search_init(&s, dirs, 3, &err), 0);
	assert_int_equal(dp_module_open(&m, "annotate", &s, &err), 0);
	assert_contains(m.path, tmpdir);
	assert_contains(m.path, "/annotate/annotate.la");
	dp_module_close(&m);

	char **names = dp_search_list(&s);
	assert_non_null(names);
	size_t n = 0;
	bool have_annotate = false, have_optcheck = false;
	for (; names[n]; n++) {
		if (n)
			assert_true(strcmp(names[n - 1], names[n]) < 0);
		have_annotate |= strcmp(names[n], "annotate") == 0;
		have_optcheck |= strcmp(names[n], "optcheck") == 0;
	}
	assert_true(have_annotate && have_optcheck);
	assert_true(n >= 12);
	dp_strv_free(names);
	dp_search_free(&s);
	unlink(link);
	rmdir(dir2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load_by_name_and_path),
		cmocka_unit_test(test_abi_major),
		cmocka_unit_test(test_abi_newer_minor),
		cmocka_unit_test(test_abi_older_minor),
		cmocka_unit_test(test_wrong_size),
		cmocka_unit_test(test_no_descriptor),
		cmocka_unit_test(test_not_found_vs_cannot_load),
		cmocka_unit_test(test_search_order),
		cmocka_unit_test(test_plugin_folders_and_list),
	};

	return cmocka_run_group_tests(tests, group_setup, tmpdir_teardown);
}
