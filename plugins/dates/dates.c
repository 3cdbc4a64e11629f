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
#include "lexer.h"

_Static_assert(LEX_PAD <= DP_TEXT_PAD,
               "the lexer reads no further than the text's zero bytes");

enum ref_kind { REF_META, REF_FIXED, REF_NOW, REF_NONE };

/* Number of enum dt_mod values (DM_NONE .. DM_ON_OR_BEFORE). */
#define N_MODS 13
_Static_assert(N_MODS == DM_ON_OR_BEFORE + 1, "N_MODS");

/* A name of type, anchor or mod with its length, taken once at init:
 * emit() interns the names of every document that has an expression,
 * and strlen() and the name functions cost about 25 instructions each
 * time. */
struct name {
	const char *s;
	size_t len;
};

struct state {
	struct dt_engine engine;
	enum ref_kind ref;
	char meta_key[64];
	struct dt_ref fixed;   /* REF_FIXED and REF_NOW */
	/* the names by enum value (mods[0], DM_NONE, is unused) */
	struct name types[4], anchors[4], mods[N_MODS];
};

static struct name name_of(const char *s)
{
	return (struct name){s, s ? strlen(s) : 0};
}

static void init_names(struct state *st)
{
	for (int k = 0; k < 4; k++) {
		st->types[k] = name_of(dt_type_name((enum dt_type)k));
		st->anchors[k] = name_of(dt_anchor_name((enum dt_anchor)k));
	}
	for (int k = 0; k < N_MODS; k++)
		st->mods[k] = name_of(dt_mod_name((enum dt_mod)k));
}

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
	init_names(st);
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

/*
 * The expressions of one document, collected during the scan and written
 * into the layer at the end with the bulk calls of ABI 1.1: one
 * dp_layer_add_many() and one dp_layer_set_str_ids() per attribute,
 * instead of an add and four or five set_str per expression. The text
 * and the value are interned as they come (their ids stay valid until
 * process() returns); the names of type, anchor and mod are interned
 * the first time an expression of the document uses them, and their ids
 * kept here. (Their columns were written from one-byte codes with
 * dp_layer_set_str_codes(), whose checks of the dictionary and the codes
 * cost more than passing four bytes a span.) The arrays come from the
 * document's arena and grow by doubling.
 */
struct emit_ctx {
	struct dp_doc *doc;
	const struct state *st;  /* the names */
	const char *text;
	size_t n, cap;
	uint32_t *start, *end;
	uint32_t *text_id, *value_id, *type_id, *anchor_id, *mod_id;
	/* the interned names (0: not yet) */
	uint32_t type_names[4], anchor_names[4], mod_names[N_MODS];
	bool has_mod;  /* some expression has a mod: write the column */
};

enum { A_TEXT, A_TYPE, A_VALUE, A_ANCHOR, A_MOD };

static const struct dp_attr_def attrs[] = {
	{"text", DP_ATTR_STR}, {"type", DP_ATTR_STR}, {"value", DP_ATTR_STR},
	{"anchor", DP_ATTR_STR}, {"mod", DP_ATTR_STR},
};

/* The number of uint32_t arrays of struct emit_ctx, start to mod_id. */
#define N_COLS 7

static void *doc_alloc(void *ctx, size_t size)
{
	return dp_doc_alloc(ctx, size);
}

/* Room for one more expression: copies the arrays into new ones twice as
 * large (the old ones stay in the arena until the document is done). */
static int grow(struct emit_ctx *e)
{
	size_t cap = e->cap ? e->cap * 2 : 16;
	/* one block of N_COLS arrays */
	uint32_t *u = dp_doc_alloc(e->doc, cap * N_COLS * sizeof(uint32_t));
	if (!u)
		return DP_ENOMEM;
	uint32_t **cols[N_COLS] = {&e->start, &e->end, &e->text_id, &e->value_id,
	                           &e->type_id, &e->anchor_id, &e->mod_id};
	for (size_t k = 0; k < N_COLS; k++) {
		if (e->n)
			memcpy(u + k * cap, *cols[k], e->n * sizeof *u);
		*cols[k] = u + k * cap;
	}
	e->cap = cap;
	return 0;
}

/* Interns the name @s into *@slot (its first use in the document);
 * returns the id, 0 when memory runs out. */
static uint32_t intern_name(struct dp_doc *doc, uint32_t *slot,
                            const struct name *nm)
{
	return *slot = dp_doc_intern(doc, nm->s, nm->len);
}

static int emit(void *vctx, const struct dt_found *f)
{
	struct emit_ctx *e = vctx;
	if (e->n == e->cap && grow(e) != 0)
		return DP_ENOMEM;
	/* a slice of the text: the core checks it by its two ends */
	const char *s = e->text + f->start;
	size_t n = f->end - f->start;
	uint32_t tid = dp_doc_intern(e->doc, s, n);
	if (!tid)
		return DP_ENOMEM;
	/* values are ASCII, built by the engine; a year is often its own
	 * text ("1987"), already interned */
	size_t vn = f->value_len;
	uint32_t vid = vn == n && memcmp(f->value, s, n) == 0 ? tid :
	               dp_doc_intern(e->doc, f->value, vn);
	if (!vid)
		return DP_ENOMEM;
	unsigned ty = (unsigned)f->type < 4 ? (unsigned)f->type : 0;
	unsigned an = (unsigned)f->anchor < 4 ? (unsigned)f->anchor : 3;
	unsigned mo = (unsigned)f->mod < N_MODS ? (unsigned)f->mod : 0;
	/* (the name looked up only on its first use) */
	uint32_t tyid = e->type_names[ty];
	if (!tyid)
		tyid = intern_name(e->doc, &e->type_names[ty], &e->st->types[ty]);
	uint32_t anid = e->anchor_names[an];
	if (!anid)
		anid = intern_name(e->doc, &e->anchor_names[an],
		                   &e->st->anchors[an]);
	/* DM_NONE has no name: id 0 leaves the mod unset */
	uint32_t moid = 0;
	if (mo) {
		moid = e->mod_names[mo];
		if (!moid)
			moid = intern_name(e->doc, &e->mod_names[mo],
			                   &e->st->mods[mo]);
		e->has_mod = true;
	}
	if (!tyid || !anid || (mo && !moid))
		return DP_ENOMEM;
	size_t k = e->n++;
	e->start[k] = (uint32_t)f->start;
	e->end[k] = (uint32_t)f->end;
	e->text_id[k] = tid;
	e->value_id[k] = vid;
	e->type_id[k] = tyid;
	e->anchor_id[k] = anid;
	e->mod_id[k] = moid;
	return 0;
}

/* Writes the collected expressions into @layer. */
static int flush(struct emit_ctx *e, struct dp_layer *layer)
{
	if (!e->n)
		return 0;
	long first = dp_layer_add_many(layer, e->n, e->start, e->end);
	if (first < 0)
		return (int)first;
	size_t f = (size_t)first;
	int rc = dp_layer_set_str_ids(layer, f, e->n, A_TEXT, e->text_id);
	if (!rc)
		rc = dp_layer_set_str_ids(layer, f, e->n, A_TYPE, e->type_id);
	if (!rc)
		rc = dp_layer_set_str_ids(layer, f, e->n, A_VALUE, e->value_id);
	if (!rc)
		rc = dp_layer_set_str_ids(layer, f, e->n, A_ANCHOR, e->anchor_id);
	/* the column is left alone when no expression has a mod */
	if (!rc && e->has_mod)
		rc = dp_layer_set_str_ids(layer, f, e->n, A_MOD, e->mod_id);
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
	struct emit_ctx e = {.doc = doc, .st = st, .text = text};
	struct dp_layer *layer = dp_layer_create(doc, "dates", attrs,
	                                         sizeof attrs / sizeof attrs[0]);
	if (!layer)
		return DP_ENOMEM;
	/* dt_scan() reads the text's padding (LEX_PAD <= DP_TEXT_PAD) */
	int rc = dt_scan(&st->engine, text, len, &ref, doc_alloc, doc, emit, &e);
	if (!rc)
		rc = flush(&e, layer);
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
