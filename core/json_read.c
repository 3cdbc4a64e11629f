/*
 * json_read.c - one input record of JSON Lines, parsed with jansson.
 *
 * {"id": "...", "text": "...", "meta": {...}}: unknown fields are ignored,
 * meta values of any JSON type are kept and written back. jansson rejects
 * invalid UTF-8, which becomes that line's error record.
 */
#include "config.h"
#include "json_read.h"

#include <string.h>

int dp_json_read_doc(const char *line, size_t len, const char *source,
                     size_t lineno, struct dp_in_doc *out, char *msg,
                     size_t msglen)
{
	json_error_t jerr;
	json_t *id, *text, *meta;
	const char *base = strrchr(source, '/');

	memset(out, 0, sizeof *out);
	base = base ? base + 1 : source;
	out->root = json_loadb(line, len, JSON_ALLOW_NUL | JSON_REJECT_DUPLICATES,
	                       &jerr);
	if (!out->root) {
		snprintf(msg, msglen, "%s:%zu:%d: invalid JSON: %s", source,
		         lineno, jerr.column, jerr.text);
		return DP_EINVAL;
	}
	if (!json_is_object(out->root)) {
		snprintf(msg, msglen, "%s:%zu:1: expected a JSON object "
		         "{\"id\", \"text\", \"meta\"}", source, lineno);
		goto out_fail;
	}
	id = json_object_get(out->root, "id");
	if (json_is_string(id)) {
		out->id = json_string_value(id);
	} else if (json_is_integer(id)) {
		snprintf(out->idbuf, sizeof out->idbuf, "%" JSON_INTEGER_FORMAT,
		         json_integer_value(id));
		out->id = out->idbuf;
	} else if (!id || json_is_null(id)) {
		snprintf(out->idbuf, sizeof out->idbuf, "%.40s:%zu", base,
		         lineno);
		out->id = out->idbuf;
	} else {
		snprintf(msg, msglen, "%s:%zu: \"id\" must be a string or an "
		         "integer", source, lineno);
		goto out_fail;
	}
	text = json_object_get(out->root, "text");
	if (!json_is_string(text)) {
		snprintf(msg, msglen, "%s:%zu: document \"%s\": %s", source,
		         lineno, out->id,
		         text ? "\"text\" must be a string"
		              : "missing \"text\"");
		goto out_fail;
	}
	out->text = json_string_value(text);
	out->len = json_string_length(text);
	meta = json_object_get(out->root, "meta");
	if (meta && !json_is_object(meta) && !json_is_null(meta)) {
		snprintf(msg, msglen, "%s:%zu: document \"%s\": \"meta\" must be "
		         "an object", source, lineno, out->id);
		goto out_fail;
	}
	out->meta = json_is_object(meta) ? meta : NULL;
	return 0;
out_fail:
	/* keep root so that the caller can still read the id */
	return DP_EINVAL;
}

void dp_in_doc_release(struct dp_in_doc *d)
{
	json_decref(d->root);
	memset(d, 0, sizeof *d);
}
