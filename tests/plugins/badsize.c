/* badsize - test plugin whose descriptor claims a wrong size. */
#include <docproc/docproc.h>

static int process(void *state, struct dp_doc *doc)
{
	(void)state;
	(void)doc;
	return 0;
}

DP_EXPORT extern const struct dp_plugin dp_plugin_descriptor;
DP_EXPORT const struct dp_plugin dp_plugin_descriptor = {
	.abi_major = DP_ABI_MAJOR, .abi_minor = DP_ABI_MINOR,
	.size = (uint32_t)sizeof(struct dp_plugin) + 16,
	.name = "badsize", .version = "1.0", .process = process,
};
