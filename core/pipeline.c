/*
 * pipeline.c - the loaded plugins in config order: load, check the
 * requires/provides order, validate options, init; run one document
 * through every step and check what each step wrote.
 */
#include "config.h"
#include "options.h"
#include "pipeline.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

static bool in_list(const char *const *list, const char *name)
{
	if (!list)
		return false;
	for (; *list; list++)
		if (dp_streq(*list, name))
			return true;
	return false;
}

bool dp_pipeline_provides(const struct dp_pipeline *pl, const char *layer)
{
	for (size_t i = 0; i < pl->n; i++)
		if (in_list(pl->steps[i].mod.desc->provides, layer))
			return true;
	return false;
}

int dp_pipeline_add(struct dp_pipeline *pl, const char *plugin,
                    yaml_document_t *ydoc, yaml_node_t *options,
                    const char *file, const char *where,
                    struct dp_error *err)
{
	struct dp_step *st, *ns;
	const struct dp_plugin *d;
	struct dp_error sub;
	int rc;

	if (!pl->have_search) {
		rc = dp_search_init(&pl->search, NULL, 0, err);
		if (rc)
			return rc;
		pl->have_search = true;
	}
	ns = realloc(pl->steps, (pl->n + 1) * sizeof *ns);
	if (!ns)
		return dp_error_set(err, DP_ENOMEM, "out of memory");
	pl->steps = ns;
	st = &pl->steps[pl->n];
	memset(st, 0, sizeof *st);
	st->where = dp_strdup(where);
	if (!st->where)
		return dp_error_set(err, DP_ENOMEM, "out of memory");

	dp_error_clear(&sub);
	rc = dp_module_open(&st->mod, plugin, &pl->search, &sub);
	if (rc) {
		dp_error_set(err, rc, "%s: %s", where, sub.msg);
		goto out_free_step;
	}
	d = st->mod.desc;
	for (size_t i = 0; i < pl->n; i++)
		if (strcmp(pl->steps[i].mod.desc->name, d->name) == 0) {
			rc = dp_error_set(err, DP_ECONFIG,
			                  "%s: plugin '%s' is already in the "
			                  "pipeline (at %s)", where, d->name,
			                  pl->steps[i].where);
			goto out_close;
		}
	/* order: every required layer from an earlier step */
	if (d->requires)
		for (const char *const *r = d->requires; *r; r++) {
			bool ok = false;
			for (size_t i = 0; i < pl->n && !ok; i++)
				ok = in_list(pl->steps[i].mod.desc->provides, *r);
			if (!ok) {
				rc = dp_error_set(
					err, DP_ECONFIG,
					"%s: plugin '%s' requires layer '%s', which "
					"no earlier step provides: add the plugin "
					"that provides '%s' before '%s'",
					where, d->name, *r, *r, d->name);
				goto out_close;
			}
		}
	if (d->provides)
		for (const char *const *p = d->provides; *p; p++)
			if (!dp_layer_name_valid(*p)) {
				rc = dp_error_set(err, DP_EABI,
				                  "%s: plugin '%s' declares an invalid "
				                  "layer name '%s'", where, d->name,
				                  *p);
				goto out_close;
			}

	/* options, checked before init */
	rc = dp_options_init(&st->opts, d->options, &sub);
	if (rc == 0)
		/* without an options mapping, messages point at the step */
		rc = dp_options_from_yaml(&st->opts, ydoc, options,
		                          options ? file : where, d->name, &sub);
	if (rc) {
		dp_error_set(err, rc, "%s", sub.msg);
		goto out_opts;
	}
	if (d->init) {
		dp_error_clear(&sub);
		rc = d->init(&st->opts, &st->state, &sub);
		if (rc) {
			dp_error_set(err, rc < 0 ? rc : DP_EPLUGIN,
			             "%s: plugin '%s' failed to initialise: %s",
			             where, d->name,
			             sub.msg[0] ? sub.msg : dp_strerror(rc));
			goto out_opts;
		}
	}
	st->inited = true;
	st->may_edit = in_list(d->provides, "edits");
	pl->n++;
	return 0;

out_opts:
	dp_options_free(&st->opts);
out_close:
	dp_module_close(&st->mod);
out_free_step:
	free(st->where);
	return rc;
}

int dp_pipeline_build(struct dp_pipeline *pl, const struct dp_config *cfg,
                      struct dp_error *err)
{
	char where[1024];
	int rc;

	memset(pl, 0, sizeof *pl);
	rc = dp_search_init(&pl->search, cfg->plugin_path, cfg->npath, err);
	if (rc)
		return rc;
	pl->have_search = true;
	for (size_t i = 0; i < cfg->nsteps; i++) {
		const struct dp_step_cfg *s = &cfg->steps[i];
		snprintf(where, sizeof where, "%s:%zu:%zu", cfg->file, s->line,
		         s->col);
		rc = dp_pipeline_add(pl, s->plugin, (yaml_document_t *)&cfg->ydoc,
		                     s->options, cfg->file, where, err);
		if (rc)
			return rc;
	}
	if (cfg->layers_set)
		for (size_t i = 0; i < cfg->nlayers; i++) {
			const char *name = cfg->layers[i];
			if (dp_pipeline_provides(pl, name))
				continue;
			const char *cand[256];
			size_t nc = 0;
			for (size_t s = 0; s < pl->n; s++) {
				const char *const *p = pl->steps[s].mod.desc->provides;
				for (; p && *p && nc < 256; p++)
					cand[nc++] = *p;
			}
			const char *near = dp_nearest(name, cand, nc);
			/* line 0: the list came from --layers, not the file */
			if (cfg->layers_line)
				snprintf(where, sizeof where, "%s:%zu:%zu", cfg->file,
				         cfg->layers_line, cfg->layers_col);
			else
				snprintf(where, sizeof where, "--layers");
			return dp_error_set(err, DP_ECONFIG,
			                    "%s: output layer '%s' is not "
			                    "provided by any plugin of the "
			                    "pipeline%s%s%s", where, name,
			                    near ? " (did you mean '" : "",
			                    near ? near : "", near ? "'?)" : "");
		}
	return 0;
}

void dp_pipeline_free(struct dp_pipeline *pl)
{
	for (size_t i = pl->n; i-- > 0;) {
		struct dp_step *st = &pl->steps[i];
		if (st->inited && st->mod.desc->fini)
			st->mod.desc->fini(st->state);
		dp_options_free(&st->opts);
		dp_module_close(&st->mod);
		free(st->where);
	}
	free(pl->steps);
	if (pl->have_search)
		dp_search_free(&pl->search);
	memset(pl, 0, sizeof *pl);
}

/* Checks and sorts the layers a step wrote. */
/* Whether @off is on a UTF-8 character boundary of @t (len bytes); the
 * callers have checked off <= len and t[len] is the NUL. */
static inline bool on_char(const unsigned char *t, size_t off)
{
	return (t[off] & 0xC0) != 0x80;
}

static int bad_span(struct dp_error *err, const struct dp_layer *l, size_t i,
                    size_t len)
{
	size_t a = l->start[i], b = l->end[i];

	if (a > b || b > len)
		return dp_error_set(err, DP_ELAYER,
		                    "layer '%s' span %zu [%zu, %zu) is outside "
		                    "the text (%zu bytes) or reversed",
		                    l->name, i, a, b, len);
	return dp_error_set(err, DP_ELAYER,
	                    "layer '%s' span %zu [%zu, %zu) does not lie on "
	                    "UTF-8 character boundaries", l->name, i, a, b);
}

/* The spans of an ASCII text (every offset a boundary): the index of the
 * first span outside the text or reversed, or @n; *sorted tells whether
 * they are in (start, end) order (asked only when every span is good).
 * Four spans at a time with SSE2, without a branch per block: a bad span
 * is remembered in a register, and only then are the spans looked at
 * again one by one for its index. */
static size_t check_ascii_spans(const uint32_t *st, const uint32_t *en,
                                size_t n, size_t len, bool *sorted)
{
	uint32_t lim = len > UINT32_MAX ? UINT32_MAX : (uint32_t)len;
	size_t i = 0;
	bool ok = true;

	if (n == 0) {
		*sorted = true;
		return 0;
	}
	if (st[0] > en[0] || en[0] > lim) {
		*sorted = true;
		return 0;
	}
	i = 1;
#ifdef __SSE2__
	/* With lim < 2^31, 0 <= a <= b <= lim holds for the unsigned values
	 * exactly when it holds for them read as signed ones (a value of
	 * 2^31 or more is negative then, and fails a >= 0 or b >= a): signed
	 * compares, without biasing every value. Once every span is good,
	 * all values are below 2^31 and the order tests are exact too. */
	if (lim < 0x80000000u && n >= 5) {
		const __m128i blen = _mm_set1_epi32((int)lim);
		const __m128i zero = _mm_setzero_si128();
		__m128i bad = zero, unsorted = zero;
		for (; i + 4 <= n; i += 4) {
			__m128i a = _mm_loadu_si128((const __m128i *)(const void *)(st + i));
			__m128i b = _mm_loadu_si128((const __m128i *)(const void *)(en + i));
			__m128i pa = _mm_loadu_si128((const __m128i *)(const void *)(st + i - 1));
			__m128i pb = _mm_loadu_si128((const __m128i *)(const void *)(en + i - 1));
			bad = _mm_or_si128(bad, _mm_or_si128(
				_mm_or_si128(_mm_cmpgt_epi32(zero, a),
				             _mm_cmpgt_epi32(a, b)),
				_mm_cmpgt_epi32(b, blen)));
			unsorted = _mm_or_si128(unsorted, _mm_or_si128(
				_mm_cmpgt_epi32(pa, a),
				_mm_and_si128(_mm_cmpeq_epi32(a, pa),
				              _mm_cmpgt_epi32(pb, b))));
		}
		if (_mm_movemask_epi8(bad))
			i = 1;   /* the first bad span, one by one below */
		else
			ok = _mm_movemask_epi8(unsorted) == 0;
	}
#endif
	for (; i < n; i++) {
		uint32_t a = st[i], b = en[i];
		if (a > b || b > lim) {
			*sorted = ok;
			return i;
		}
		ok &= a > st[i - 1] || (a == st[i - 1] && b >= en[i - 1]);
	}
	*sorted = ok;
	return n;
}

/* Checks and sorts the layers a step wrote: one tight pass over the span
 * arrays (the text is NUL-terminated, so t[len] is a boundary), then the
 * span attributes column by column. */
static int check_layers(struct dp_doc *doc, const struct dp_plugin *d,
                        struct dp_error *err)
{
	const unsigned char *t = (const unsigned char *)doc->text;
	size_t len = doc->len;
	int ascii = -1;   /* dp_doc_text_ascii(), asked once needed */

	for (size_t li = 0; li < doc->nlayers; li++) {
		struct dp_layer *l = doc->layers[li];
		bool sorted = true;

		if (!l->present || !l->dirty)
			continue;
		if (l != doc->edits && !in_list(d->provides, l->name))
			return dp_error_set(err, DP_ELAYER,
			                    "wrote layer '%s', which it does not "
			                    "declare in provides", l->name);
		if (l->n && ascii < 0)
			ascii = dp_doc_text_ascii(doc);
		if (ascii > 0) {
			/* every offset of an ASCII text is a character
			 * boundary: the common case, without byte loads */
			size_t i = check_ascii_spans(l->start, l->end, l->n,
			                             len, &sorted);
			if (i < l->n)
				return bad_span(err, l, i, len);
		} else {
			for (size_t i = 0; i < l->n; i++) {
				uint32_t a = l->start[i], b = l->end[i];
				if (a > b || b > len || !on_char(t, a) ||
				    !on_char(t, b))
					return bad_span(err, l, i, len);
				if (i && (a < l->start[i - 1] ||
				          (a == l->start[i - 1] &&
				           b < l->end[i - 1])))
					sorted = false;
			}
		}
		for (int c = 0; c < l->ncols; c++) {
			const uint32_t *sp = l->cols[c].v.sp;
			if (l->cols[c].type != DP_ATTR_SPAN)
				continue;
			for (size_t i = 0; i < l->n; i++) {
				uint32_t sa = sp[2 * i], sb = sp[2 * i + 1];
				if (sa == DP_SPAN_UNSET)
					continue;
				if (sa > sb || sb > len ||
				    (ascii <= 0 && (!on_char(t, sa) ||
				                    !on_char(t, sb))))
					return dp_error_set(
						err, DP_ELAYER,
						"layer '%s' span %zu: attribute '%s' "
						"[%u, %u) is outside the text or not on "
						"character boundaries", l->name, i,
						l->cols[c].name, sa, sb);
			}
		}
		if (!sorted && dp_layer_sort(l) < 0)
			return dp_error_set(err, DP_ENOMEM, "out of memory");
		l->dirty = 0;
	}
	return 0;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

int dp_pipeline_process(const struct dp_pipeline *pl, struct dp_doc *doc,
                        size_t *failed, struct dp_error *err,
                        uint64_t *step_ns)
{
	/* one clock reading per step boundary (a step's end is the next
	 * one's start): the clock is read n + 1 times a document, not 2n */
	uint64_t t0 = step_ns ? now_ns() : 0;

	for (size_t i = 0; i < pl->n; i++) {
		const struct dp_step *st = &pl->steps[i];
		const struct dp_plugin *d = st->mod.desc;
		int rc;

		for (size_t li = 0; li < doc->nlayers; li++)
			doc->layers[li]->dirty = 0;
		doc->step = (int)i;
		doc->step_provides = d->provides;
		doc->step_may_edit = st->may_edit;
		dp_error_clear(&doc->fail);
		/* a step that provides edits always yields the layer, so that
		 * every record has it, if empty */
		if (doc->step_may_edit && !dp_doc_edits_layer(doc)) {
			doc->step = -1;
			dp_error_set(err, DP_ENOMEM, "out of memory");
			*failed = i;
			return DP_ENOMEM;
		}
		rc = d->process(st->state, doc);
		doc->step = -1;
		if (rc == 0 && doc->fail.code)
			rc = doc->fail.code;   /* an ignored failure */
		if (rc == 0 && doc->alloc_failed)
			rc = DP_ENOMEM;
		if (rc == 0)
			rc = check_layers(doc, d, err);
		else if (doc->fail.msg[0])
			dp_error_set(err, rc, "%s", doc->fail.msg);
		else if (doc->alloc_failed)
			dp_error_set(err, rc, "out of memory");
		else
			dp_error_set(err, rc, "%s", dp_strerror(rc));
		if (rc) {
			if (rc > 0)
				rc = DP_EPLUGIN;
			err->code = rc;
			*failed = i;
			return rc;
		}
		if (step_ns) {
			/* the step's time includes the checks of what it
			 * wrote */
			uint64_t t1 = now_ns();
			step_ns[i] += t1 - t0;
			t0 = t1;
		}
	}
	return 0;
}
