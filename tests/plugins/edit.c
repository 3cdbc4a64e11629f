/*
 * edit - test plugin that changes the text: "colour" -> "color"
 * (rule spelling.colour), "  " -> " " (rule spacing.double). With the
 * option `batch: false` it makes one dp_doc_replace() call per change,
 * otherwise one dp_doc_replace_many() for all of them.
 */
#include <docproc/docproc.h>
#include <stdlib.h>
#include <string.h>

static const char *const provides[] = {"edits", NULL};
static const struct dp_option_def options[] = {
	{"batch", DP_OPT_BOOL, "true", false, "apply all edits in one call",
	 NULL},
	{NULL, 0, NULL, false, NULL, NULL},
};

static int init(const struct dp_options *opts, void **state,
                struct dp_error *err)
{
	(void)err;
	*state = dp_opt_bool(opts, "batch") ? (void *)1 : NULL;
	return 0;
}

static int process(void *state, struct dp_doc *doc)
{
	size_t len, n = 0, cap = 16;
	const char *t = dp_doc_text(doc, &len);
	struct dp_edit *e = dp_doc_alloc(doc, cap * sizeof *e);

	if (!e)
		return DP_ENOMEM;
	for (size_t i = 0; i < len;) {
		struct dp_edit x = {0};
		if (len - i >= 6 && memcmp(t + i, "colour", 6) == 0) {
			x = (struct dp_edit){i, i + 6, "color", 5,
			                     "spelling.colour"};
			i += 6;
		} else if (len - i >= 2 && t[i] == ' ' && t[i + 1] == ' ') {
			x = (struct dp_edit){i, i + 1, "", 0, "spacing.double"};
			i += 1;
		} else {
			i++;
			continue;
		}
		if (n == cap) {
			struct dp_edit *ne = dp_doc_alloc(doc, 2 * cap * sizeof *ne);
			if (!ne)
				return DP_ENOMEM;
			memcpy(ne, e, n * sizeof *e);
			e = ne;
			cap *= 2;
		}
		e[n++] = x;
	}
	if (state)
		return dp_doc_replace_many(doc, e, n);
	/* one call each, from the end so earlier offsets stay valid */
	for (size_t k = n; k-- > 0;) {
		int rc = dp_doc_replace(doc, e[k].start, e[k].end, e[k].text,
		                        e[k].len, e[k].rule);
		if (rc)
			return rc;
	}
	return 0;
}

DP_PLUGIN_DEFINE(.name = "edit", .version = "0.1",
                 .description = "test: edits the text",
                 .provides = provides, .options = options, .init = init,
                 .process = process);
