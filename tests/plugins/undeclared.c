/*
 * undeclared - test plugin that writes layers it does not declare.
 * It requires "words" (the annotate plugin). Option mode: "create" makes layer "secret" (not in provides); "foreign"
 * appends to the "words" layer of the annotate plugin; "edit" changes the
 * text without providing "edits".
 */
#include <docproc/docproc.h>
#include <string.h>

static const char *const requires[] = {"words", NULL};
static const char *const provides[] = {"mine", NULL};
static const char *const modes[] = {"create", "foreign", "edit", NULL};
static const struct dp_option_def options[] = {
	{"mode", DP_OPT_STRING, "create", false, "what to do wrong", modes},
	{NULL, 0, NULL, false, NULL, NULL},
};

static int init(const struct dp_options *opts, void **state,
                struct dp_error *err)
{
	const char *m = dp_opt_string(opts, "mode");

	(void)err;
	*state = (void *)(long)(strcmp(m, "create") == 0 ? 1
	                        : strcmp(m, "foreign") == 0 ? 2 : 3);
	return 0;
}

static int process(void *state, struct dp_doc *doc)
{
	int mode = (int)(long)state;

	if (mode == 1) {
		struct dp_layer *l = dp_layer_create(doc, "secret", NULL, 0);
		if (!l)
			return DP_ELAYER;
		return dp_layer_add(l, 0, 0) < 0 ? DP_ELAYER : 0;
	}
	if (mode == 2) {
		struct dp_layer *l = dp_layer_find(doc, "words");
		if (!l)
			return dp_doc_fail(doc, "no words layer");
		long k = dp_layer_add(l, 0, 0);
		return k < 0 ? (int)k : 0;
	}
	return dp_doc_replace(doc, 0, 0, "x", 1, "sneaky");
}

DP_PLUGIN_DEFINE(.name = "undeclared", .version = "1.0",
                 .description = "test: writes undeclared layers",
                 .requires = requires, .provides = provides, .options = options, .init = init,
                 .process = process);
