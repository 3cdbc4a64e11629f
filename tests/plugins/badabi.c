/* badabi - test plugin built by hand for plugin ABI 2.0. */
#include <docproc/docproc.h>

static int process(void *state, struct dp_doc *doc)
{
	(void)state;
	(void)doc;
	return 0;
}

DP_EXPORT extern const struct dp_plugin dp_plugin_descriptor;
DP_EXPORT const struct dp_plugin dp_plugin_descriptor = {
	.abi_major = 2, .abi_minor = 0,
	.size = (uint32_t)sizeof(struct dp_plugin),
	.name = "badabi", .version = "1.0", .process = process,
};
