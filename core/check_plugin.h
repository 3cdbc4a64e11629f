/* check_plugin.h - parts of the docproc-check program (not installed). */
#ifndef DP_CHECK_PLUGIN_H
#define DP_CHECK_PLUGIN_H

#include <stdbool.h>
#include <stddef.h>

/* One torture document. */
struct chk_doc {
	const char *name;   /* static */
	char *text;         /* owned, NUL-terminated, valid UTF-8 */
	size_t len;
	bool big;           /* an error on it is noted, not a failure */
};

struct chk_corpus {
	struct chk_doc *docs;
	size_t n;
	size_t bytes;
};

/* Builds the corpus; @big_bytes is the size of the big document (0: none).
 * Returns 0, or -1 when memory runs out. */
int chk_corpus_build(struct chk_corpus *c, size_t big_bytes);
void chk_corpus_free(struct chk_corpus *c);

#endif
