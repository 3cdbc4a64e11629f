/*
 * optcheck - test plugin with an option of every type, a required key and
 * choices. It writes the values it received into meta "optcheck", so that
 * tests can see what init() got.
 */
#include <docproc/docproc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const modes[] = {"fast", "slow", "exact", NULL};
static const struct dp_option_def options[] = {
	{"flag", DP_OPT_BOOL, "false", false, "a boolean", NULL},
	{"count", DP_OPT_INT, "3", false, "an integer", NULL},
	{"ratio", DP_OPT_NUMBER, "0.5", false, "a number", NULL},
	{"mode", DP_OPT_STRING, "fast", false, "one of fast, slow, exact",
	 modes},
	{"words", DP_OPT_LIST, NULL, false, "a list of strings", NULL},
	{"name", DP_OPT_STRING, NULL, true, "the name to use", NULL},
	{NULL, 0, NULL, false, NULL, NULL},
};

static int init(const struct dp_options *opts, void **state,
                struct dp_error *err)
{
	char *s = malloc(1024);
	size_t o;

	if (!s)
		return dp_error_set(err, DP_ENOMEM, "out of memory");
	if (strcmp(dp_opt_string(opts, "name"), "bad") == 0) {
		free(s);
		return dp_error_set(err, DP_EINVAL, "name 'bad' is refused");
	}
	o = (size_t)snprintf(s, 1024, "flag=%d count=%lld ratio=%g mode=%s "
	                     "name=%s words=",
	                     dp_opt_bool(opts, "flag"),
	                     (long long)dp_opt_int(opts, "count"),
	                     dp_opt_number(opts, "ratio"),
	                     dp_opt_string(opts, "mode"),
	                     dp_opt_string(opts, "name"));
	for (size_t i = 0; i < dp_opt_list_size(opts, "words") && o < 1000; i++)
		o += (size_t)snprintf(s + o, 1024 - o, "%s%s", i ? "," : "",
		                      dp_opt_list_at(opts, "words", i));
	*state = s;
	return 0;
}

static int process(void *state, struct dp_doc *doc)
{
	return dp_doc_meta_set(doc, "optcheck", state);
}

static void fini(void *state)
{
	free(state);
}

DP_PLUGIN_DEFINE(.name = "optcheck", .version = "2.0",
                 .description = "test: options of every type",
                 .options = options, .init = init, .process = process,
                 .fini = fini);
