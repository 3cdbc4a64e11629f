/* failing - test plugin: fails on documents whose text contains "FAIL". */
#include <docproc/docproc.h>
#include <string.h>

static int process(void *state, struct dp_doc *doc)
{
	const char *t = dp_doc_text(doc, NULL);

	(void)state;
	if (strstr(t, "FAIL"))
		return dp_doc_fail(doc, "document '%s' contains FAIL",
		                   dp_doc_id(doc));
	return 0;
}

DP_PLUGIN_DEFINE(.name = "failing", .version = "1.0",
                 .description = "test: fails on FAIL", .process = process);
