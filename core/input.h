/* input.h - the command's inputs as a stream of raw items (internal). */
#ifndef DP_INPUT_H
#define DP_INPUT_H

#include "internal.h"

enum dp_item_kind {
	DP_ITEM_JSONL,   /* one JSON Lines record, parsed by a worker */
	DP_ITEM_TXT,     /* a whole .txt file */
	DP_ITEM_FAIL,    /* an input that could not be read */
};

struct dp_item {
	enum dp_item_kind kind;
	const char *source;      /* file name (owned by the input) */
	size_t line;             /* 1-based line for JSONL, 0 otherwise */
	char id[256];            /* TXT and FAIL: the document id */
	struct dp_buf data;      /* the raw bytes; FAIL: the message */
	uint64_t seq;            /* position in the whole input */
};

struct dp_input;

/* Expands @paths (files, directories, "-" for stdin) in order; a
 * directory's .txt and .jsonl files are taken recursively in sorted order.
 * Paths that do not exist become FAIL items, not errors. */
DP_INTERNAL int dp_input_open(struct dp_input **in, char *const *paths,
                              size_t n, struct dp_error *err);
/* The next item: 1, or 0 at the end. @it's buffer is reused. */
DP_INTERNAL int dp_input_next(struct dp_input *in, struct dp_item *it);
/* Bytes of all inputs (0 when unknown, e.g. stdin) and read so far. */
DP_INTERNAL uint64_t dp_input_total(const struct dp_input *in);
DP_INTERNAL uint64_t dp_input_done(const struct dp_input *in);
DP_INTERNAL void dp_input_close(struct dp_input *in);

#endif
