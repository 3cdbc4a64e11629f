/*
 * dates.c - the docproc `dates` plugin: temporal expressions normalised to
 * TIMEX3 values against the document creation time.
 *
 * The plugin needs no other layer: it scans the text with its own small
 * lexer (lexer.c) and rules (rules_*.c), so it can run first or after the
 * cleaner, with or without the tokenizer.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <docproc/docproc.h>

#include "calendar.h"
#include "engine.h"

enum ref_kind { REF_META, REF_FIXED, REF_NOW, REF_NONE };

struct state {
	struct dt_engine engine;
	enum ref_kind ref;
	char meta_key[64];
	struct dt_ref fixed;   /* REF_FIXED and REF_NOW */
};

static const char *const order_choices[] = {"mdy", "dmy", NULL};
static const char *const prefer_choices[] = {"news", "past", "future", NULL};

static const struct dp_option_def options[] = {
	{"reference", DP_OPT_STRING, "meta.dct", false,
	 "the date relative expressions resolve against: meta.KEY, YYYY-MM-DD, now or none",
	 NULL},
	{"order", DP_OPT_STRING, "mdy", false,
	 "day/month order of numeric dates such as 1/5/2024", order_choices},
	{"prefer", DP_OPT_STRING, "news", false,
	 "undated expressions (Friday, January 5): news = by tense, else past; past; future",
	 prefer_choices},
	{"types", DP_OPT_LIST, NULL, false,
	 "TIMEX3 types to output (DATE, TIME, DURATION, SET); default all", NULL},
	{NULL, 0, NULL, false, NULL, NULL},
};

static const char *const provides[] = {"dates", NULL};

static int parse_reference(struct state *st, const char *ref,
                           struct dp_error *err)
{
	if (strncmp(ref, "meta.", 5) == 0 && ref[5] != '\0') {
		if (strlen(ref + 5) >= sizeof st->meta_key)
			return dp_error_set(err, DP_ECONFIG,
			                    "reference: meta key too long: %s", ref);
		st->ref = REF_META;
		strcpy(st->meta_key, ref + 5);
		return 0;
	}
	if (strcmp(ref, "none") == 0) {
		st->ref = REF_NONE;
		return 0;
	}
	if (strcmp(ref, "now") == 0) {
		/* the only place the clock is read, and only when asked */
		time_t now = time(NULL);
		struct tm tmv;
		if (now == (time_t)-1 || !gmtime_r(&now, &tmv))
			return dp_error_set(err, DP_ECONFIG,
			                    "reference: now: cannot read the clock");
		st->ref = REF_NOW;
		st->fixed.has = true;
		st->fixed.y = tmv.tm_year + 1900;
		st->fixed.m = tmv.tm_mon + 1;
		st->fixed.d = tmv.tm_mday;
		return 0;
	}
	if (strlen(ref) == 10 &&
	    cal_parse_iso(ref, &st->fixed.y, &st->fixed.m, &st->fixed.d)) {
		st->ref = REF_FIXED;
		st->fixed.has = true;
		return 0;
	}
	return dp_error_set(err, DP_ECONFIG,
	                    "reference: expected meta.KEY, a date YYYY-MM-DD, now or none, got '%s'",
	                    ref);
}

static int parse_types(const struct dp_options *opts, unsigned *mask,
                       struct dp_error *err)
{
	size_t n = dp_opt_list_size(opts, "types");
	if (n == 0) {
		*mask = 0xF;
		return 0;
	}
	*mask = 0;
	for (size_t i = 0; i < n; i++) {
		const char *t = dp_opt_list_at(opts, "types", i);
		int found = -1;
		for (int k = 0; k < 4; k++)
			if (t && strcasecmp(t, dt_type_name((enum dt_type)k)) == 0)
				found = k;
		if (found < 0)
			return dp_error_set(err, DP_ECONFIG,
			                    "types: unknown type '%s' (expected DATE, TIME, DURATION or SET)",
			                    t ? t : "");
		*mask |= 1u << found;
	}
	return 0;
}

static int dates_init(const struct dp_options *opts, void **state,
                      struct dp_error *err)
{
	struct state *st = calloc(1, sizeof *st);
	if (!st)
		return dp_error_set(err, DP_ENOMEM, "dates: out of memory");
	struct dt_options o = {DO_MDY, DP_NEWS, 0xF};
	const char *order = dp_opt_string(opts, "order");
	const char *prefer = dp_opt_string(opts, "prefer");
	const char *ref = dp_opt_string(opts, "reference");
	if (order && strcmp(order, "dmy") == 0)
		o.order = DO_DMY;
	if (prefer && strcmp(prefer, "past") == 0)
		o.prefer = DP_PAST;
	else if (prefer && strcmp(prefer, "future") == 0)
		o.prefer = DP_FUTURE;
	int rc = parse_reference(st, ref ? ref : "meta.dct", err);
	if (rc == 0)
		rc = parse_types(opts, &o.types, err);
	if (rc == 0 && dt_engine_init(&st->engine, &o) != 0)
		rc = dp_error_set(err, DP_ENOMEM, "dates: out of memory");
	if (rc) {
		free(st);
		return rc;
	}
	*state = st;
	return 0;
}

static void dates_fini(void *state)
{
	struct state *st = state;
	if (!st)
		return;
	dt_engine_fini(&st->engine);
	free(st);
}

struct emit_ctx {
	struct dp_doc *doc;
	struct dp_layer *layer;
	const char *text;
	uint32_t type_id[4];
	uint32_t anchor_id[4];
};

enum { A_TEXT, A_TYPE, A_VALUE, A_ANCHOR, A_MOD };

static const struct dp_attr_def attrs[] = {
	{"text", DP_ATTR_STR}, {"type", DP_ATTR_STR}, {"value", DP_ATTR_STR},
	{"anchor", DP_ATTR_STR}, {"mod", DP_ATTR_STR},
};

static void *doc_alloc(void *ctx, size_t size)
{
	return dp_doc_alloc(ctx, size);
}

/* Sets attribute @attr of date @k to one of the few names of types and
 * anchors, interned on its first use in the document (0 = not yet):
 * most documents have few dates, many none. */
static int set_name(struct emit_ctx *e, size_t k, int attr, uint32_t *id,
                    const char *name)
{
	if (!*id && !(*id = dp_doc_intern(e->doc, name, strlen(name))))
		return DP_ENOMEM;
	return dp_layer_set_str_id(e->layer, k, attr, *id);
}

static int emit(void *vctx, const struct dt_found *f)
{
	struct emit_ctx *e = vctx;
	long i = dp_layer_add(e->layer, f->start, f->end);
	if (i < 0)
		return (int)i;
	size_t k = (size_t)i;
	int rc = dp_layer_set_str(e->layer, k, A_TEXT, e->text + f->start,
	                          f->end - f->start);
	if (!rc)
		rc = set_name(e, k, A_TYPE, &e->type_id[f->type],
		              dt_type_name(f->type));
	if (!rc)
		rc = dp_layer_set_str(e->layer, k, A_VALUE, f->value, strlen(f->value));
	if (!rc)
		rc = set_name(e, k, A_ANCHOR, &e->anchor_id[f->anchor],
		              dt_anchor_name(f->anchor));
	const char *mod = dt_mod_name(f->mod);
	if (!rc && mod)
		rc = dp_layer_set_str(e->layer, k, A_MOD, mod, strlen(mod));
	return rc;
}

static int dates_process(void *state, struct dp_doc *doc)
{
	const struct state *st = state;
	size_t len;
	const char *text = dp_doc_text(doc, &len);
	struct dt_ref ref = {0};
	if (st->ref == REF_META) {
		const char *v = dp_doc_meta(doc, st->meta_key);
		if (v && cal_parse_iso(v, &ref.y, &ref.m, &ref.d))
			ref.has = true;
	} else if (st->ref != REF_NONE) {
		ref = st->fixed;
	}
	struct emit_ctx e = {.doc = doc, .text = text};
	e.layer = dp_layer_create(doc, "dates", attrs, sizeof attrs / sizeof attrs[0]);
	if (!e.layer)
		return DP_ENOMEM;
	int rc = dt_scan(&st->engine, text, len, &ref, doc_alloc, doc, emit, &e);
	if (rc == -1 || rc == DP_ENOMEM)
		return dp_doc_fail(doc, "dates: out of memory");
	if (rc)
		return dp_doc_fail(doc, "dates: %s", dp_strerror(rc));
	return 0;
}

DP_PLUGIN_DEFINE(
	.name = "dates",
	.version = "1.0.0",
	.description = "temporal expressions (TIMEX3 type, value, anchor, mod) resolved against the document date",
	.requires = NULL,
	.provides = provides,
	.options = options,
	.init = dates_init,
	.process = dates_process,
	.fini = dates_fini);
