/*
 * layer.c - layers: struct-of-arrays spans with typed attribute columns.
 *
 * Layer objects are kept by the document across documents: a pipeline
 * creates the same layers for every document, so their arrays are reused
 * (dp_layer_clear() keeps the capacity) instead of being allocated again.
 */
#include "config.h"
#include "internal.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Arrays larger than this are freed between documents, so one huge
 * document does not keep its memory for the rest of the run. */
#define KEEP_CAP (1u << 20)

static void col_free(struct dp_column *c)
{
	free(c->name);
	free(c->v.i);   /* all union members share the pointer */
	c->v.i = NULL;
}

void dp_layer_release(struct dp_layer *l)
{
	if (!l)
		return;
	for (int i = 0; i < l->ncols; i++)
		col_free(&l->cols[i]);
	free(l->cols);
	free(l->jkeys);
	free(l->jklen);
	free(l->start);
	free(l->end);
	free(l->name);
	free(l);
}

void dp_layer_clear(struct dp_layer *l)
{
	l->n = 0;
	l->present = false;
	l->dirty = 0;
	if (l->cap > KEEP_CAP) {
		free(l->start);
		free(l->end);
		l->start = l->end = NULL;
		for (int i = 0; i < l->ncols; i++) {
			free(l->cols[i].v.i);
			l->cols[i].v.i = NULL;
		}
		l->cap = 0;
	}
}

static size_t col_width(enum dp_attr_type t)
{
	switch (t) {
	case DP_ATTR_INT: return sizeof(int64_t);
	case DP_ATTR_STR: return sizeof(uint32_t);
	case DP_ATTR_SPAN: return 2 * sizeof(uint32_t);
	}
	return sizeof(int64_t);
}

static bool same_schema(const struct dp_layer *l, const struct dp_attr_def *a,
                        size_t n)
{
	if ((size_t)l->ncols != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (l->cols[i].type != a[i].type || !a[i].name ||
		    !dp_streq(l->cols[i].name, a[i].name))
			return false;
	return true;
}

/* The JSON keys an attribute produces must be distinct from each other
 * and from "start"/"end". */
static bool keys_clash(const struct dp_attr_def *a, size_t n, char *why,
                       size_t whylen)
{
	const char *keys[3 * 64 + 2];
	char buf[64][2][80];
	size_t nk = 0;

	if (n > 64) {
		snprintf(why, whylen, "more than 64 attributes");
		return true;
	}
	keys[nk++] = "start";
	keys[nk++] = "end";
	for (size_t i = 0; i < n; i++) {
		if (!dp_layer_name_valid(a[i].name) ||
		    strlen(a[i].name) > 70) {
			snprintf(why, whylen, "invalid attribute name '%s'",
			         a[i].name ? a[i].name : "(null)");
			return true;
		}
		if (a[i].type < DP_ATTR_INT || a[i].type > DP_ATTR_SPAN) {
			snprintf(why, whylen, "attribute '%s' has an unknown type",
			         a[i].name);
			return true;
		}
		if (a[i].type == DP_ATTR_SPAN) {
			snprintf(buf[i][0], sizeof buf[i][0], "%s_start",
			         a[i].name);
			snprintf(buf[i][1], sizeof buf[i][1], "%s_end", a[i].name);
			keys[nk++] = buf[i][0];
			keys[nk++] = buf[i][1];
		} else {
			keys[nk++] = a[i].name;
		}
	}
	for (size_t i = 0; i < nk; i++)
		for (size_t j = i + 1; j < nk; j++)
			if (strcmp(keys[i], keys[j]) == 0) {
				snprintf(why, whylen,
				         "attribute key '%s' appears twice",
				         keys[i]);
				return true;
			}
	return false;
}

struct dp_layer *dp_doc_layer_new(struct dp_doc *doc, const char *name,
                                  const struct dp_attr_def *a, size_t n,
                                  int owner)
{
	struct dp_layer *l = NULL;
	char why[160];

	if (!name) {
		dp_doc_fail(doc, "invalid layer name ''");
		return NULL;
	}
	if (n && !a) {
		dp_doc_fail(doc, "layer '%s': attributes missing", name);
		return NULL;
	}
	/* a layer object of an earlier document with the same name and
	 * attributes was checked when it was made: reuse it */
	for (size_t i = 0; i < doc->nlayers; i++) {
		struct dp_layer *x = doc->layers[i];
		if (!dp_streq(x->name, name))
			continue;
		if (x->present) {
			dp_doc_fail(doc, "layer '%s' already exists", name);
			return NULL;
		}
		if (same_schema(x, a, n)) {
			/* reuse it, moved to the end: layers are written in
			 * the order this document created them, whatever the
			 * worker processed before */
			l = x;
			memmove(&doc->layers[i], &doc->layers[i + 1],
			        (doc->nlayers - i - 1) * sizeof *doc->layers);
			doc->layers[doc->nlayers - 1] = l;
			break;
		}
		/* same name, other attributes: replace the old object */
		dp_layer_release(x);
		memmove(&doc->layers[i], &doc->layers[i + 1],
		        (doc->nlayers - i - 1) * sizeof *doc->layers);
		doc->nlayers--;
		break;
	}
	if (!l) {
		if (!dp_layer_name_valid(name)) {
			dp_doc_fail(doc, "invalid layer name '%s'", name);
			return NULL;
		}
		if (keys_clash(a, n, why, sizeof why)) {
			dp_doc_fail(doc, "layer '%s': %s", name, why);
			return NULL;
		}
		if (!dp_doc_charge(doc))
			goto out_nomem;
		l = calloc(1, sizeof *l);
		if (!l)
			goto out_nomem;
		l->doc = doc;
		l->name = dp_strdup(name);
		l->cols = n ? calloc(n, sizeof *l->cols) : NULL;
		if (!l->name || (n && !l->cols))
			goto out_free_layer;
		l->ncols = (int)n;
		for (size_t i = 0; i < n; i++) {
			l->cols[i].type = a[i].type;
			l->cols[i].name = dp_strdup(a[i].name);
			if (!l->cols[i].name)
				goto out_free_layer;
		}
		if (doc->nlayers == doc->layers_cap) {
			size_t ncap = doc->layers_cap ? doc->layers_cap * 2 : 8;
			struct dp_layer **nl = dp_doc_realloc(
				doc, doc->layers, ncap * sizeof *nl);
			if (!nl)
				goto out_free_layer;
			doc->layers = nl;
			doc->layers_cap = ncap;
		}
		doc->layers[doc->nlayers++] = l;
	}
	l->present = true;
	l->n = 0;
	l->owner = owner;
	l->dirty = 1;
	return l;

out_free_layer:
	dp_layer_release(l);
out_nomem:
	dp_doc_fail(doc, "out of memory creating layer '%s'", name);
	return NULL;
}

static bool may_write(const struct dp_doc *doc, const char *name)
{
	if (doc->step < 0)
		return true;   /* the core itself, or a harness without step */
	if (!doc->step_provides)
		return false;
	for (const char *const *p = doc->step_provides; *p; p++)
		if (dp_streq(*p, name))
			return true;
	return false;
}

struct dp_layer *dp_layer_create(struct dp_doc *doc, const char *name,
                                 const struct dp_attr_def *attrs,
                                 size_t nattrs)
{
	if (!doc || !name) {
		if (doc)
			dp_doc_fail(doc, "dp_layer_create: no layer name");
		return NULL;
	}
	if (dp_streq(name, "edits")) {
		dp_doc_fail(doc, "layer 'edits' is the core's: change the text "
		                 "with dp_doc_replace()");
		return NULL;
	}
	if (!may_write(doc, name)) {
		dp_doc_fail(doc, "plugin creates layer '%s' but does not list "
		                 "it in its provides", name);
		return NULL;
	}
	return dp_doc_layer_new(doc, name, attrs, nattrs, doc->step);
}

struct dp_layer *dp_layer_find(const struct dp_doc *doc, const char *name)
{
	if (!doc || !name)
		return NULL;
	for (size_t i = 0; i < doc->nlayers; i++)
		if (doc->layers[i]->present &&
		    dp_streq(doc->layers[i]->name, name))
			return doc->layers[i];
	return NULL;
}

const char *dp_layer_name(const struct dp_layer *l) { return l->name; }
size_t dp_layer_size(const struct dp_layer *l) { return l ? l->n : 0; }

int dp_layer_attr(const struct dp_layer *l, const char *name)
{
	if (!l || !name)
		return -1;
	for (int i = 0; i < l->ncols; i++)
		if (dp_streq(l->cols[i].name, name))
			return i;
	return -1;
}

/* Grows the arrays to hold at least @need spans (doubling, so that
 * appending one span at a time stays amortised O(1)). On failure the
 * spans and the capacity are unchanged. */
static int layer_reserve(struct dp_layer *l, size_t need)
{
	size_t ncap = l->cap ? l->cap : 64;
	struct dp_doc *doc = l->doc;
	void *p;

	if (need <= l->cap)
		return 0;
	if (need > UINT32_MAX)
		return DP_ETOOBIG;
	while (ncap < need)
		ncap *= 2;
	if (ncap > UINT32_MAX)
		ncap = UINT32_MAX;
	p = dp_doc_realloc(doc, l->start, ncap * sizeof *l->start);
	if (!p)
		return DP_ENOMEM;
	l->start = p;
	p = dp_doc_realloc(doc, l->end, ncap * sizeof *l->end);
	if (!p)
		return DP_ENOMEM;
	l->end = p;
	for (int i = 0; i < l->ncols; i++) {
		p = dp_doc_realloc(doc, l->cols[i].v.i,
		                   ncap * col_width(l->cols[i].type));
		if (!p)
			return DP_ENOMEM;
		l->cols[i].v.i = p;
	}
	l->cap = ncap;
	return 0;
}

#ifdef __SSE2__
static inline __m128i load4(const uint32_t *p)
{
	return _mm_loadu_si128((const __m128i *)(const void *)p);
}
#endif

/* Whether some a[i] >= @lim. With SSE2 eight values a step in explicit
 * vector compares (unsigned as signed ones of values offset by 2^31),
 * ored into one register: what -O2 made of the plain loop went through
 * memory for its lanes. The tail goes one by one. */
static bool any_at_least(const uint32_t *a, size_t n, uint32_t lim)
{
	uint32_t r = 0;
	size_t i = 0;

#ifdef __SSE2__
	if (n >= 8) {
		const __m128i bias = _mm_set1_epi32((int)0x80000000u);
		/* x >= lim is x > lim - 1; lim 0: every value is, and n > 0 */
		if (lim == 0)
			return true;
		const __m128i bl = _mm_set1_epi32((int)((lim - 1) ^ 0x80000000u));
		__m128i acc = _mm_setzero_si128();
		/* then one block that overlaps the one before instead of a
		 * tail loop, whose exit, at a varying count, mispredicts */
		for (;;) {
			acc = _mm_or_si128(acc, _mm_or_si128(
				_mm_cmpgt_epi32(_mm_xor_si128(load4(a + i), bias), bl),
				_mm_cmpgt_epi32(_mm_xor_si128(load4(a + i + 4), bias),
				                bl)));
			i += 8;
			if (i + 8 <= n)
				continue;
			if (i == n)
				break;
			i = n - 8;
		}
		return _mm_movemask_epi8(acc) != 0;
	}
	if (n >= 4) {   /* 4 to 7 (a document's few dates): two blocks */
		const __m128i bias = _mm_set1_epi32((int)0x80000000u);
		if (lim == 0)
			return true;
		const __m128i bl = _mm_set1_epi32((int)((lim - 1) ^ 0x80000000u));
		return _mm_movemask_epi8(_mm_or_si128(
			_mm_cmpgt_epi32(_mm_xor_si128(load4(a), bias), bl),
			_mm_cmpgt_epi32(_mm_xor_si128(load4(a + n - 4), bias),
			                bl))) != 0;
	}
#else
	uint32_t acc[8] = { 0 };

	/* blocks of 8 with a fixed trip count, which -O2 vectorises */
	for (; i + 8 <= n; i += 8)
		for (int k = 0; k < 8; k++)
			acc[k] |= a[i + k] >= lim;
	for (int k = 0; k < 8; k++)
		r |= acc[k];
#endif
	for (; i < n; i++)
		r |= a[i] >= lim;
	return r != 0;
}

/* Whether some a[i] or b[i] (i < n) is UINT32_MAX; like any_at_least(),
 * with equality, which is cheaper than an unsigned compare in vector
 * registers, and both arrays at once. */
static bool any_max(const uint32_t *a, const uint32_t *b, size_t n)
{
	uint32_t r = 0;
	size_t i = 0;

#ifdef __SSE2__
	if (n >= 8) {
		const __m128i max = _mm_set1_epi32(-1);
		__m128i acc = _mm_setzero_si128();
		for (; i + 8 <= n; i += 8)
			acc = _mm_or_si128(acc, _mm_or_si128(
				_mm_or_si128(_mm_cmpeq_epi32(load4(a + i), max),
				             _mm_cmpeq_epi32(load4(a + i + 4), max)),
				_mm_or_si128(_mm_cmpeq_epi32(load4(b + i), max),
				             _mm_cmpeq_epi32(load4(b + i + 4), max))));
		r = _mm_movemask_epi8(acc) != 0;
	}
#else
	uint32_t acc[8] = { 0 };

	for (; i + 8 <= n; i += 8)
		for (int k = 0; k < 8; k++)
			acc[k] |= (a[i + k] == UINT32_MAX) | (b[i + k] == UINT32_MAX);
	for (int k = 0; k < 8; k++)
		r |= acc[k];
#endif
	for (; i < n; i++)
		r |= (a[i] == UINT32_MAX) | (b[i] == UINT32_MAX);
	return r != 0;
}

/* Marks spans [first, first + n) of every column unset. */
static void cols_unset(struct dp_layer *l, size_t first, size_t n)
{
	for (int c = 0; c < l->ncols; c++) {
		switch (l->cols[c].type) {
		case DP_ATTR_INT:
			for (size_t i = first; i < first + n; i++)
				l->cols[c].v.i[i] = DP_INT_UNSET;
			break;
		case DP_ATTR_STR:
			memset(l->cols[c].v.s + first, 0, n * sizeof(uint32_t));
			break;
		case DP_ATTR_SPAN:
			/* DP_SPAN_UNSET is all bits set */
			memset(l->cols[c].v.sp + 2 * first, 0xFF,
			       2 * n * sizeof(uint32_t));
			break;
		}
	}
}

long dp_layer_append(struct dp_layer *l, size_t start, size_t end)
{
	size_t i;

	if (start > UINT32_MAX - 1 || end > UINT32_MAX - 1)
		return DP_ERANGE;
	if (l->n == l->cap) {
		int rc = layer_reserve(l, l->n + 1);
		if (rc < 0)
			return rc;
	}
	i = l->n++;
	l->start[i] = (uint32_t)start;
	l->end[i] = (uint32_t)end;
	for (int c = 0; c < l->ncols; c++) {
		switch (l->cols[c].type) {
		case DP_ATTR_INT: l->cols[c].v.i[i] = DP_INT_UNSET; break;
		case DP_ATTR_STR: l->cols[c].v.s[i] = 0; break;
		case DP_ATTR_SPAN:
			l->cols[c].v.sp[2 * i] = DP_SPAN_UNSET;
			l->cols[c].v.sp[2 * i + 1] = DP_SPAN_UNSET;
			break;
		}
	}
	l->dirty = 1;
	return (long)i;
}

/* Whether the running step may append to or set values of @l. */
static bool may_modify(struct dp_layer *l)
{
	return l->owner == l->doc->step || l->doc->step < 0;
}

long dp_layer_add(struct dp_layer *l, size_t start, size_t end)
{
	if (!l)
		return DP_EINVAL;
	if (!may_modify(l)) {
		dp_doc_fail(l->doc, "layer '%s' belongs to another plugin",
		            l->name);
		return DP_EINVAL;
	}
	return dp_layer_append(l, start, end);
}

long dp_layer_add_many(struct dp_layer *l, size_t n, const uint32_t *starts,
                       const uint32_t *ends)
{
	size_t first;
	int rc;

	if (!l || (n && (!starts || !ends)))
		return DP_EINVAL;
	if (!may_modify(l)) {
		dp_doc_fail(l->doc, "layer '%s' belongs to another plugin",
		            l->name);
		return DP_EINVAL;
	}
	/* UINT32_MAX is the "unset" mark of span attributes: refused as by
	 * dp_layer_add() */
	if (any_max(starts, ends, n))
		return DP_ERANGE;
	first = l->n;
	if (n > UINT32_MAX - first)
		return DP_ETOOBIG;
	rc = layer_reserve(l, first + n);
	if (rc < 0)
		return rc;
	if (n) {
		memcpy(l->start + first, starts, n * sizeof *starts);
		memcpy(l->end + first, ends, n * sizeof *ends);
		cols_unset(l, first, n);
	}
	l->n = first + n;
	l->dirty = 1;
	return (long)first;
}

size_t dp_layer_start(const struct dp_layer *l, size_t i)
{
	assert(i < l->n);
	return l->start[i];
}

size_t dp_layer_end(const struct dp_layer *l, size_t i)
{
	assert(i < l->n);
	return l->end[i];
}

const uint32_t *dp_layer_starts(const struct dp_layer *l) { return l->start; }
const uint32_t *dp_layer_ends(const struct dp_layer *l) { return l->end; }

/* The column @a of @l, to write values of spans [first, first + n) of
 * type @t; NULL with *rc set when the range, the attribute, its type or
 * the writer is wrong. */
static struct dp_column *cols_for_write(struct dp_layer *l, size_t first,
                                        size_t n, int a, enum dp_attr_type t,
                                        int *rc)
{
	if (!l || first > l->n || n > l->n - first || a < 0 || a >= l->ncols) {
		*rc = DP_ERANGE;
		return NULL;
	}
	if (l->cols[a].type != t) {
		*rc = DP_EINVAL;
		return NULL;
	}
	if (!may_modify(l)) {
		*rc = DP_EINVAL;
		return NULL;
	}
	l->dirty = 1;
	return &l->cols[a];
}

static struct dp_column *col_for_write(struct dp_layer *l, size_t i, int a,
                                       enum dp_attr_type t, int *rc)
{
	return cols_for_write(l, i, 1, a, t, rc);
}

int dp_layer_set_int(struct dp_layer *l, size_t i, int a, int64_t v)
{
	int rc = 0;
	struct dp_column *c = col_for_write(l, i, a, DP_ATTR_INT, &rc);

	if (!c)
		return rc;
	if (v == DP_INT_UNSET)
		return DP_ERANGE;
	c->v.i[i] = v;
	return 0;
}

int dp_layer_set_str_id(struct dp_layer *l, size_t i, int a, uint32_t id)
{
	int rc = 0;
	struct dp_column *c = col_for_write(l, i, a, DP_ATTR_STR, &rc);

	if (!c)
		return rc;
	if (id >= l->doc->nstrs)
		return DP_EINVAL;
	c->v.s[i] = id;
	return 0;
}

int dp_layer_set_str_ids(struct dp_layer *l, size_t first, size_t n, int a,
                         const uint32_t *ids)
{
	int rc = 0;
	struct dp_column *c;

	if (n && !ids)
		return DP_EINVAL;
	c = cols_for_write(l, first, n, a, DP_ATTR_STR, &rc);
	if (!c)
		return rc;
	/* all or nothing: check every id before copying any */
	if (any_at_least(ids, n, l->doc->nstrs))
		return DP_EINVAL;
	if (n)
		memcpy(c->v.s + first, ids, n * sizeof *ids);
	return 0;
}

/* Whether some byte of c[0..n) is >= @lim (1 <= lim <= 255). With SSE2
 * 16 at a time (saturated subtraction); then, or without it, for
 * lim <= 128 eight at a time: a byte >= 0x80 is >= lim, and below 0x80 a
 * lane of x + (128 - lim) has its high bit set exactly when x >= lim (at
 * most 254: no lane carries into the next). */
static bool any_byte_at_least(const uint8_t *c, size_t n, unsigned lim)
{
	const uint64_t ones = 0x0101010101010101ull, highs = ones * 0x80;
	uint64_t acc = 0;
	size_t i = 0;

#ifdef __SSE2__
	/* 16 bytes a step: x - (lim - 1), saturated at 0, is not 0 exactly
	 * when x >= lim (lim is 1 to 256 here) */
	if (lim >= 1 && lim <= 256 && n >= 16) {
		const __m128i lm1 = _mm_set1_epi8((char)(lim - 1));
		__m128i v = _mm_setzero_si128();
		for (;;) {   /* the last block overlapping */
			v = _mm_or_si128(v, _mm_subs_epu8(_mm_loadu_si128(
				(const __m128i *)(const void *)(c + i)), lm1));
			i += 16;
			if (i + 16 <= n)
				continue;
			if (i == n)
				break;
			i = n - 16;
		}
		return _mm_movemask_epi8(_mm_cmpeq_epi8(
			v, _mm_setzero_si128())) != 0xFFFF;
	}
#endif
	if (lim <= 128) {
		for (; i + 8 <= n; i += 8) {
			uint64_t x;

			memcpy(&x, c + i, sizeof x);
			acc |= x | ((x & ~highs) + ones * (128 - lim));
		}
	}
	for (; i < n; i++)
		acc |= c[i] >= lim ? highs : 0;
	return (acc & highs) != 0;
}

int dp_layer_set_str_codes(struct dp_layer *l, size_t first, size_t n, int a,
                           const uint8_t *codes, const uint32_t *dict,
                           size_t ndict)
{
	int rc = 0;
	struct dp_column *c;
	uint32_t *v;
	size_t i;

	if (n && (!codes || !dict || ndict == 0))
		return DP_EINVAL;
	if (ndict > 256)
		return DP_EINVAL;
	c = cols_for_write(l, first, n, a, DP_ATTR_STR, &rc);
	if (!c)
		return rc;
	/* all or nothing: the dictionary and every code first */
	if (n && (any_at_least(dict, ndict, l->doc->nstrs) ||
	          (ndict < 256 && any_byte_at_least(codes, n, (unsigned)ndict))))
		return DP_EINVAL;
	v = c->v.s + first;
	i = 0;
	for (; i + 4 <= n; i += 4) {    /* unrolled: the loop costs more
	                                   than a lookup */
		v[i] = dict[codes[i]];
		v[i + 1] = dict[codes[i + 1]];
		v[i + 2] = dict[codes[i + 2]];
		v[i + 3] = dict[codes[i + 3]];
	}
	for (; i < n; i++)
		v[i] = dict[codes[i]];
	return 0;
}

int dp_layer_set_str(struct dp_layer *l, size_t i, int a, const char *s,
                     size_t len)
{
	uint32_t id;

	if (!l || !s)
		return DP_EINVAL;
	int rc = dp_doc_intern_checked(l->doc, s, len, &id);
	if (rc)
		return rc;
	return dp_layer_set_str_id(l, i, a, id);
}

int dp_layer_set_span(struct dp_layer *l, size_t i, int a, size_t start,
                      size_t end)
{
	int rc = 0;
	struct dp_column *c = col_for_write(l, i, a, DP_ATTR_SPAN, &rc);

	if (!c)
		return rc;
	if (start > end || end >= UINT32_MAX)
		return DP_ERANGE;
	c->v.sp[2 * i] = (uint32_t)start;
	c->v.sp[2 * i + 1] = (uint32_t)end;
	return 0;
}

static const struct dp_column *col_for_read(const struct dp_layer *l,
                                            size_t i, int a,
                                            enum dp_attr_type t)
{
	if (!l || i >= l->n || a < 0 || a >= l->ncols ||
	    l->cols[a].type != t)
		return NULL;
	return &l->cols[a];
}

bool dp_layer_get_int(const struct dp_layer *l, size_t i, int a,
                      int64_t *out)
{
	const struct dp_column *c = col_for_read(l, i, a, DP_ATTR_INT);

	if (!c || c->v.i[i] == DP_INT_UNSET)
		return false;
	*out = c->v.i[i];
	return true;
}

uint32_t dp_layer_get_str_id(const struct dp_layer *l, size_t i, int a)
{
	const struct dp_column *c = col_for_read(l, i, a, DP_ATTR_STR);

	return c ? c->v.s[i] : 0;
}

const char *dp_layer_get_str(const struct dp_layer *l, size_t i, int a,
                             size_t *len)
{
	const struct dp_str *s;
	uint32_t id = dp_layer_get_str_id(l, i, a);

	if (!id)
		return NULL;
	s = dp_doc_str(l->doc, id);
	if (!s)
		return NULL;
	if (len)
		*len = s->len;
	return s->p;
}

bool dp_layer_get_span(const struct dp_layer *l, size_t i, int a,
                       size_t *start, size_t *end)
{
	const struct dp_column *c = col_for_read(l, i, a, DP_ATTR_SPAN);

	if (!c || c->v.sp[2 * i] == DP_SPAN_UNSET)
		return false;
	*start = c->v.sp[2 * i];
	*end = c->v.sp[2 * i + 1];
	return true;
}

size_t dp_layer_lower_bound(const struct dp_layer *l, size_t offset)
{
	size_t lo = 0, hi = l ? l->n : 0;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (l->start[mid] < offset)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* --------------------------------------------------------------- sorting */

bool dp_layer_is_sorted(const struct dp_layer *l)
{
	for (size_t i = 1; i < l->n; i++)
		if (l->start[i] < l->start[i - 1] ||
		    (l->start[i] == l->start[i - 1] && l->end[i] < l->end[i - 1]))
			return false;
	return true;
}

static void perm_sort(const struct dp_layer *l, uint32_t *perm, uint32_t *tmp,
                      size_t lo, size_t hi)
{
	/* stable merge sort of indices by (start, end) */
	if (hi - lo < 2)
		return;
	size_t mid = lo + (hi - lo) / 2;
	perm_sort(l, perm, tmp, lo, mid);
	perm_sort(l, perm, tmp, mid, hi);
	size_t a = lo, b = mid, k = lo;
	while (a < mid && b < hi) {
		uint32_t x = perm[a], y = perm[b];
		bool take_b = l->start[y] < l->start[x] ||
		              (l->start[y] == l->start[x] && l->end[y] < l->end[x]);
		tmp[k++] = take_b ? perm[b++] : perm[a++];
	}
	while (a < mid)
		tmp[k++] = perm[a++];
	while (b < hi)
		tmp[k++] = perm[b++];
	memcpy(perm + lo, tmp + lo, (hi - lo) * sizeof *perm);
}

static int apply_perm(struct dp_layer *l, const uint32_t *perm, size_t width,
                      void *arr)
{
	char *src = arr;
	char *copy = malloc(l->n * width);

	if (!copy)
		return DP_ENOMEM;
	for (size_t i = 0; i < l->n; i++)
		memcpy(copy + i * width, src + (size_t)perm[i] * width, width);
	memcpy(src, copy, l->n * width);
	free(copy);
	return 0;
}

int dp_layer_sort(struct dp_layer *l)
{
	uint32_t *perm, *tmp;
	int rc = 0;

	if (dp_layer_is_sorted(l))
		return 0;
	perm = malloc(l->n * sizeof *perm);
	tmp = malloc(l->n * sizeof *tmp);
	if (!perm || !tmp) {
		rc = DP_ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < l->n; i++)
		perm[i] = (uint32_t)i;
	perm_sort(l, perm, tmp, 0, l->n);
	rc = apply_perm(l, perm, sizeof *l->start, l->start);
	if (rc == 0)
		rc = apply_perm(l, perm, sizeof *l->end, l->end);
	for (int c = 0; rc == 0 && c < l->ncols; c++)
		rc = apply_perm(l, perm, col_width(l->cols[c].type),
		                l->cols[c].v.i);
out:
	free(perm);
	free(tmp);
	return rc;
}
