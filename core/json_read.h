/* json_read.h - reading one docproc input record (internal). */
#ifndef DP_JSON_READ_H
#define DP_JSON_READ_H

#include "internal.h"

/* A parsed input line. The buffers are reused from record to record. */
struct dp_in_doc {
	struct dp_buf idbuf;
	struct dp_buf textbuf;
	const char *id;      /* NUL-terminated, never NULL after a parse
	                        that got as far as the id */
	const char *text;    /* textbuf.data */
	size_t len;
	const char *meta;    /* the meta object's JSON text inside the
	                        line, or NULL */
	size_t meta_len;
};

/* Parses @line (@len bytes) of @source at @lineno: a JSON object with
 * "id" (string or integer), "text" (string) and "meta" (object); other
 * members are checked for JSON syntax and ignored. Returns 0, or
 * DP_EINVAL with a message naming line and column in @msg (the id is set
 * when it was read before the error). The id defaults to
 * "<source basename>:<lineno>". */
DP_INTERNAL int dp_json_read_doc(const char *line, size_t len,
                                 const char *source, size_t lineno,
                                 struct dp_in_doc *d, char *msg,
                                 size_t msglen);
/* Forgets the record (buffers are kept). */
DP_INTERNAL void dp_in_doc_release(struct dp_in_doc *d);
/* Frees everything. */
DP_INTERNAL void dp_in_doc_free(struct dp_in_doc *d);

#endif
