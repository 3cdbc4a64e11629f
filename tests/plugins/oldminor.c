/* oldminor - test plugin built by hand for plugin ABI 1.0, the minor before
 * dp_layer_add_many(): a core of a newer minor must still load it. */
#include <docproc/docproc.h>

static int process(void *state, struct dp_doc *doc)
{
	(void)state;
	(void)doc;
	return 0;
}

DP_EXPORT extern const struct dp_plugin dp_plugin_descriptor;
DP_EXPORT const struct dp_plugin dp_plugin_descriptor = {
	.abi_major = 1, .abi_minor = 0,
	.size = (uint32_t)sizeof(struct dp_plugin),
	.name = "oldminor", .version = "1.0", .process = process,
};
