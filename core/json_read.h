/* json_read.h - reading one docproc input record (internal). */
#ifndef DP_JSON_READ_H
#define DP_JSON_READ_H

#include "internal.h"

/* A parsed input line. Pointers are into @root, valid until release. */
struct dp_in_doc {
	json_t *root;
	const char *id;
	char idbuf[64];
	const char *text;
	size_t len;
	json_t *meta;        /* borrowed from root, or NULL */
};

/* Parses @line (@len bytes) of @source at @lineno. Returns 0, or
 * DP_EINVAL with a message naming line and column in @msg. The id
 * defaults to "<source basename>:<lineno>" when the record has none. */
DP_INTERNAL int dp_json_read_doc(const char *line, size_t len,
                                 const char *source, size_t lineno,
                                 struct dp_in_doc *out, char *msg,
                                 size_t msglen);
DP_INTERNAL void dp_in_doc_release(struct dp_in_doc *d);

#endif
