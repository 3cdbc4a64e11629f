/* needs - test plugin requiring a layer that no plugin provides. */
#include <docproc/docproc.h>

static const char *const requires[] = {"unicorns", NULL};

static int process(void *state, struct dp_doc *doc)
{
	(void)state;
	(void)doc;
	return 0;
}

DP_PLUGIN_DEFINE(.name = "needs", .version = "1.0",
                 .description = "test: requires 'unicorns'",
                 .requires = requires, .process = process);
