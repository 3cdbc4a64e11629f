/* json_write.h - docproc JSON Lines v1 output (internal). */
#ifndef DP_JSON_WRITE_H
#define DP_JSON_WRITE_H

#include "pipeline.h"

struct dp_stamp {
	const char *name;
	const char *version;
};

struct dp_json_opts {
	char *const *layers;      /* layers to write; NULL: all */
	size_t nlayers;
	enum dp_offsets offsets;
	bool with_text;
	const struct dp_stamp *plugins;   /* provenance */
	size_t nplugins;
	/* the provenance member rendered once by dp_json_opts_prepare()
	 * (owned; dp_json_opts_release() frees it), NULL: rendered per
	 * record */
	char *stamp;
	size_t stamp_len;
};

/* Renders the provenance member once, so that every record copies it:
 * it is the same for the whole run. Returns 0 or DP_ENOMEM (the records
 * then render it themselves). */
DP_INTERNAL int dp_json_opts_prepare(struct dp_json_opts *o);
DP_INTERNAL void dp_json_opts_release(struct dp_json_opts *o);

DP_INTERNAL int dp_json_string(struct dp_buf *b, const char *s, size_t len);
DP_INTERNAL int dp_json_int(struct dp_buf *b, int64_t v);
DP_INTERNAL int dp_json_value(struct dp_buf *b, const json_t *v);
/* One "ok" record, newline included. */
DP_INTERNAL int dp_json_write_doc(struct dp_buf *b, struct dp_doc *doc,
                                  const struct dp_json_opts *o);
/* One "error" record, newline included. @text (may be NULL) is the input
 * text, written when valid UTF-8 so that the record can be re-run. */
DP_INTERNAL int dp_json_write_error(struct dp_buf *b, const char *id,
                                    const char *plugin, const char *message,
                                    const char *source, size_t line,
                                    const char *meta, size_t meta_len,
                                    const char *text,
                                    size_t len, const struct dp_json_opts *o);
#endif
