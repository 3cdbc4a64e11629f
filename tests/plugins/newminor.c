/* newminor - test plugin built by hand for plugin ABI 1.99. */
#include <docproc/docproc.h>

static int process(void *state, struct dp_doc *doc)
{
	(void)state;
	(void)doc;
	return 0;
}

DP_EXPORT extern const struct dp_plugin dp_plugin_descriptor;
DP_EXPORT const struct dp_plugin dp_plugin_descriptor = {
	.abi_major = DP_ABI_MAJOR, .abi_minor = 99,
	.size = (uint32_t)sizeof(struct dp_plugin),
	.name = "newminor", .version = "1.0", .process = process,
};
