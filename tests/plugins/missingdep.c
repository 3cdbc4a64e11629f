/*
 * missingdep - test plugin linked against libdpgone, a library that is
 * not where the dynamic linker looks: it is found, but cannot be loaded.
 */
#include <docproc/docproc.h>

int dpgone_answer(void);

static int process(void *state, struct dp_doc *doc)
{
	(void)state;
	return dpgone_answer() == 42 ? 0 : dp_doc_fail(doc, "wrong answer");
}

DP_PLUGIN_DEFINE(.name = "missingdep", .version = "1.0",
                 .description = "test: needs a missing library",
                 .process = process);
