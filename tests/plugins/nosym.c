/* nosym - test module that exports no descriptor (a typo in its name). */
#include <docproc/docproc.h>

static int process(void *state, struct dp_doc *doc)
{
	(void)state;
	(void)doc;
	return 0;
}

DP_EXPORT extern const struct dp_plugin dp_plugin_descriptr;
DP_EXPORT const struct dp_plugin dp_plugin_descriptr = {
	.abi_major = DP_ABI_MAJOR, .abi_minor = DP_ABI_MINOR,
	.size = (uint32_t)sizeof(struct dp_plugin),
	.name = "nosym", .version = "1.0", .process = process,
};
