/*
 * harness.c - the plugin authors' test harness (see docproc/harness.h).
 */
#include "config.h"
#include "json_write.h"
#include "pipeline.h"

#include <docproc/harness.h>
#include <stdlib.h>
#include <string.h>

struct dp_harness {
	struct dp_pipeline pl;
	struct dp_doc *doc;
	struct dp_error err;
	struct dp_buf json;
	struct dp_stamp *stamps;
	long fail_after;
	bool ran;
};

struct dp_harness *dp_harness_new(void)
{
	struct dp_harness *h = calloc(1, sizeof *h);

	if (!h)
		return NULL;
	h->doc = dp_doc_new();
	if (!h->doc) {
		free(h);
		return NULL;
	}
	return h;
}

void dp_harness_free(struct dp_harness *h)
{
	if (!h)
		return;
	dp_doc_free(h->doc);
	dp_pipeline_free(&h->pl);
	dp_buf_free(&h->json);
	free(h->stamps);
	free(h);
}

int dp_harness_add(struct dp_harness *h, const char *plugin,
                   const char *options)
{
	yaml_parser_t parser;
	yaml_document_t ydoc;
	yaml_node_t *map = NULL;
	bool have_doc = false;
	char where[64];
	int rc;

	dp_error_clear(&h->err);
	if (!plugin)
		return dp_error_set(&h->err, DP_EINVAL, "no plugin given");
	if (options) {
		if (!yaml_parser_initialize(&parser))
			return dp_error_set(&h->err, DP_ENOMEM, "out of memory");
		yaml_parser_set_input_string(&parser,
		                             (const unsigned char *)options,
		                             strlen(options));
		if (!yaml_parser_load(&parser, &ydoc)) {
			rc = dp_error_set(&h->err, DP_ECONFIG,
			                  "options:%zu:%zu: %s",
			                  parser.problem_mark.line + 1,
			                  parser.problem_mark.column + 1,
			                  parser.problem ? parser.problem
			                                 : "invalid YAML");
			yaml_parser_delete(&parser);
			return rc;
		}
		yaml_parser_delete(&parser);
		have_doc = true;
		map = yaml_document_get_root_node(&ydoc);
		if (map && map->type == YAML_SCALAR_NODE &&
		    map->data.scalar.length == 0)
			map = NULL;
	}
	snprintf(where, sizeof where, "step %zu", h->pl.n + 1);
	rc = dp_pipeline_add(&h->pl, plugin, have_doc ? &ydoc : NULL, map,
	                     "options", where, &h->err);
	if (have_doc)
		yaml_document_delete(&ydoc);
	return rc;
}

void dp_harness_fail_alloc_after(struct dp_harness *h, long n)
{
	h->fail_after = n > 0 ? n : 0;
}

long dp_harness_alloc_sweep(struct dp_harness *h, const char *text,
                            const char *meta_json, long max)
{
	for (long n = 1; n <= max; n++) {
		dp_harness_fail_alloc_after(h, n);
		int rc = dp_harness_run(h, text, meta_json);
		if (rc == 0) {
			dp_harness_fail_alloc_after(h, 0);
			return n;
		}
		if (rc > 0 || h->err.msg[0] == '\0') {
			dp_harness_fail_alloc_after(h, 0);
			dp_error_set(&h->err, DP_EINVAL, "allocation %ld failing: %s",
			             n, rc > 0 ? "the run returned a positive code"
			                       : "the run failed without a message");
			return -1;
		}
	}
	dp_harness_fail_alloc_after(h, 0);
	return 0;
}

int dp_harness_run_len(struct dp_harness *h, const char *text, size_t len,
                       const char *meta_json)
{
	json_t *meta = NULL;
	json_error_t jerr;
	char *raw = NULL;
	size_t failed = 0;
	int rc;

	dp_error_clear(&h->err);
	h->ran = false;
	if (!text)
		return dp_error_set(&h->err, DP_EINVAL, "no text given");
	if (!dp_utf8_valid(text, len))
		return dp_error_set(&h->err, DP_EUTF8,
		                    "the text is not valid UTF-8");
	if (meta_json) {
		meta = json_loads(meta_json, 0, &jerr);
		if (!meta || !json_is_object(meta)) {
			json_decref(meta);
			return dp_error_set(&h->err, DP_EINVAL,
			                    "meta: expected a JSON object (%s)",
			                    jerr.text);
		}
	}
	if (h->fail_after > 0) {
		/* a fresh record, so that every allocation point (buffers and
		 * layers grow only once per record) can be made to fail */
		struct dp_doc *fresh = dp_doc_new();
		if (!fresh) {
			json_decref(meta);
			return dp_error_set(&h->err, DP_ENOMEM, "out of memory");
		}
		dp_doc_free(h->doc);
		h->doc = fresh;
	}
	if (meta) {
		raw = json_dumps(meta, JSON_COMPACT);
		json_decref(meta);
		if (!raw)
			return dp_error_set(&h->err, DP_ENOMEM, "out of memory");
	}
	rc = dp_doc_reset(h->doc, "test", text, len, raw, raw ? strlen(raw) : 0);
	free(raw);
	if (rc)
		return dp_error_set(&h->err, rc, "%s", dp_strerror(rc));
	h->doc->fail_alloc_after = h->fail_after;
	rc = dp_pipeline_process(&h->pl, h->doc, &failed, &h->err, NULL);
	h->doc->fail_alloc_after = 0;
	h->ran = true;
	if (rc) {
		char msg[sizeof h->err.msg];
		snprintf(msg, sizeof msg, "%s", h->err.msg);
		dp_error_set(&h->err, rc, "plugin '%s': %s",
		             h->pl.steps[failed].mod.desc->name, msg);
	}
	return rc;
}

int dp_harness_run(struct dp_harness *h, const char *text,
                   const char *meta_json)
{
	return dp_harness_run_len(h, text, text ? strlen(text) : 0, meta_json);
}

const char *dp_harness_error(const struct dp_harness *h)
{
	return h->err.msg;
}

struct dp_doc *dp_harness_doc(struct dp_harness *h)
{
	return h->ran ? h->doc : NULL;
}

struct dp_layer *dp_harness_layer(struct dp_harness *h, const char *name)
{
	return h->ran ? dp_layer_find(h->doc, name) : NULL;
}

size_t dp_harness_count(struct dp_harness *h, const char *layer)
{
	return dp_layer_size(dp_harness_layer(h, layer));
}

static char *copy_range(struct dp_harness *h, const char *s, size_t len)
{
	char *p = dp_arena_alloc(&h->doc->arena, len + 1);

	if (!p)
		return NULL;
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

long dp_harness_find(struct dp_harness *h, const char *layer,
                     const char *text, int nth)
{
	struct dp_layer *l = dp_harness_layer(h, layer);
	size_t tl = text ? strlen(text) : 0;

	if (!l || !text)
		return -1;
	for (size_t i = 0; i < l->n; i++) {
		size_t a = l->start[i], b = l->end[i];
		if (b - a == tl && memcmp(h->doc->text + a, text, tl) == 0 &&
		    nth-- == 0)
			return (long)i;
	}
	return -1;
}

const char *dp_harness_span_text(struct dp_harness *h, const char *layer,
                                 size_t i)
{
	struct dp_layer *l = dp_harness_layer(h, layer);

	if (!l || i >= l->n)
		return NULL;
	return copy_range(h, h->doc->text + l->start[i],
	                  l->end[i] - l->start[i]);
}

const char *dp_harness_attr(struct dp_harness *h, const char *layer,
                            size_t i, const char *attr)
{
	struct dp_layer *l = dp_harness_layer(h, layer);
	int a = dp_layer_attr(l, attr);
	char num[32];
	int64_t v;
	size_t s, e, len;
	const char *str;

	if (!l || a < 0 || i >= l->n)
		return NULL;
	switch (l->cols[a].type) {
	case DP_ATTR_INT:
		if (!dp_layer_get_int(l, i, a, &v))
			return NULL;
		snprintf(num, sizeof num, "%lld", (long long)v);
		return copy_range(h, num, strlen(num));
	case DP_ATTR_STR:
		str = dp_layer_get_str(l, i, a, &len);
		return str ? copy_range(h, str, len) : NULL;
	case DP_ATTR_SPAN:
		if (!dp_layer_get_span(l, i, a, &s, &e))
			return NULL;
		return copy_range(h, h->doc->text + s, e - s);
	}
	return NULL;
}

const char *dp_harness_json(struct dp_harness *h)
{
	struct dp_json_opts o = {0};
	struct dp_stamp *st;

	if (!h->ran)
		return NULL;
	st = realloc(h->stamps, (h->pl.n + 1) * sizeof *st);
	if (!st)
		return NULL;
	h->stamps = st;
	for (size_t i = 0; i < h->pl.n; i++) {
		st[i].name = h->pl.steps[i].mod.desc->name;
		st[i].version = h->pl.steps[i].mod.desc->version;
	}
	o.with_text = true;
	o.plugins = st;
	o.nplugins = h->pl.n;
	h->json.len = 0;
	if (dp_json_write_doc(&h->json, h->doc, &o) < 0)
		return NULL;
	if (h->json.len && h->json.data[h->json.len - 1] == '\n')
		h->json.data[--h->json.len] = '\0';
	return h->json.data;
}
