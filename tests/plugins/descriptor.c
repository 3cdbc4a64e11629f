/* descriptor - test modules built by hand around one descriptor, compiled
 * once per case (tests/Makefile.am sets the macros), for the loader's
 * version and symbol checks:
 *   badabi    ABI 2.0: another major, refused
 *   newminor  ABI 1.99: a newer minor, refused
 *   oldminor  ABI 1.0: an older minor (before dp_layer_add_many()), loaded
 *   badsize   a descriptor that claims 16 bytes more than it has, refused
 *   nosym     the descriptor exported under a misspelt name, refused */
#include <docproc/docproc.h>

#ifndef DESC_NAME
#error "DESC_NAME, DESC_MAJOR, DESC_MINOR, DESC_EXTRA and DESC_SYMBOL must be set"
#endif

static int process(void *state, struct dp_doc *doc)
{
	(void)state;
	(void)doc;
	return 0;
}

DP_EXPORT extern const struct dp_plugin DESC_SYMBOL;
DP_EXPORT const struct dp_plugin DESC_SYMBOL = {
	.abi_major = DESC_MAJOR, .abi_minor = DESC_MINOR,
	.size = (uint32_t)sizeof(struct dp_plugin) + DESC_EXTRA,
	.name = DESC_NAME, .version = "1.0", .process = process,
};
