/*
 * edit.c - changing the text: the one core call every edit goes through.
 *
 * The `edits` layer is the edit log and the offset map at once: its records
 * are disjoint, sorted, in current-text coordinates, and each knows the
 * original range it replaced. An offset outside every record maps to the
 * original by the delta of the last record before it. A new edit that
 * overlaps existing records is merged with them into one record whose
 * `before` is the original text of the union, so replaying the records on
 * the original text always gives the current text.
 */
#include "config.h"
#include "internal.h"

#include <stdlib.h>
#include <string.h>

enum { E_OSTART, E_OEND, E_BEFORE, E_AFTER, E_RULE, E_NATTR };

static const struct dp_attr_def edit_attrs[E_NATTR] = {
	{"orig_start", DP_ATTR_INT}, {"orig_end", DP_ATTR_INT},
	{"before", DP_ATTR_STR},     {"after", DP_ATTR_STR},
	{"rule", DP_ATTR_STR},
};

struct rec {
	size_t start, end;      /* current coordinates */
	size_t ostart, oend;    /* original coordinates */
	uint32_t rule;          /* interned */
};

static bool overlaps(size_t s1, size_t e1, size_t s2, size_t e2)
{
	return s1 < e2 && s2 < e1;
}

static bool on_boundary(const char *t, size_t len, size_t off)
{
	return off == len || off == 0 ||
	       ((unsigned char)t[off] & 0xC0) != 0x80;
}

struct dp_layer *dp_doc_edits_layer(struct dp_doc *doc)
{
	if (doc->edits && doc->edits->present)
		return doc->edits;
	doc->edits = dp_doc_layer_new(doc, "edits", edit_attrs, E_NATTR, -1);
	return doc->edits;
}

static void rec_get(const struct dp_layer *l, size_t i, struct rec *r)
{
	r->start = l->start[i];
	r->end = l->end[i];
	r->ostart = (size_t)l->cols[E_OSTART].v.i[i];
	r->oend = (size_t)l->cols[E_OEND].v.i[i];
	r->rule = l->cols[E_RULE].v.s[i];
}

/* Joins two rule names as "a+b", skipping names already in @a. */
static uint32_t rule_join(struct dp_doc *doc, uint32_t a, uint32_t b)
{
	const struct dp_str *sa = dp_doc_str(doc, a), *sb = dp_doc_str(doc, b);
	char *buf;
	size_t n;

	if (!sa)
		return b;
	if (!sb || a == b)
		return a;
	/* already contained as a '+'-separated part? */
	for (const char *p = sa->p; (p = strstr(p, sb->p)) != NULL; p++) {
		bool left = p == sa->p || p[-1] == '+';
		char r = p[sb->len];
		if (left && (r == '\0' || r == '+'))
			return a;
	}
	n = (size_t)sa->len + 1 + sb->len;
	buf = malloc(n + 1);
	if (!buf)
		return 0;
	memcpy(buf, sa->p, sa->len);
	buf[sa->len] = '+';
	memcpy(buf + sa->len + 1, sb->p, sb->len);
	uint32_t id = dp_doc_intern(doc, buf, n);
	free(buf);
	return id;
}

static int validate(const struct dp_doc *doc, const struct dp_edit *e,
                    size_t n, size_t *grow, size_t *shrink)
{
	*grow = *shrink = 0;
	for (size_t k = 0; k < n; k++) {
		if (e[k].start > e[k].end || e[k].end > doc->len)
			return DP_ERANGE;
		if (k && e[k].start < e[k - 1].end)
			return DP_EINVAL;   /* unsorted or overlapping */
		if (!on_boundary(doc->text, doc->len, e[k].start) ||
		    !on_boundary(doc->text, doc->len, e[k].end))
			return DP_EUTF8;
		if (e[k].len && !e[k].text)
			return DP_EINVAL;
		if (!e[k].rule || !*e[k].rule)
			return DP_EINVAL;
		if (!dp_utf8_valid(e[k].text, e[k].len))
			return DP_EUTF8;
		*grow += e[k].len;
		*shrink += e[k].end - e[k].start;
	}
	if (doc->len + *grow - *shrink >= UINT32_MAX)
		return DP_ETOOBIG;
	return 0;
}

/* Builds the new edit records: the old ones shifted, new ones added,
 * overlapping ones merged. @nt is the new text. */
static int rebuild_log(struct dp_doc *doc, struct dp_layer *log,
                       const struct dp_edit *e, size_t n,
                       struct rec **out, size_t *nout)
{
	size_t nold = log->n, ri = 0, ei = 0, cap = nold + n, nr = 0;
	struct rec *res = malloc((cap ? cap : 1) * sizeof *res);
	long long delta = 0;   /* new - old, for edits consumed so far */
	/* orig - old offset, from the last old record ending before */
	long long odelta = 0;

	if (!res)
		return DP_ENOMEM;
	while (ri < nold || ei < n) {
		struct rec r;
		size_t cs, ce;
		bool has_rec = false, has_edit = false;
		uint32_t rule = 0;
		size_t first_rec_ostart = 0, last_rec_oend = 0;
		size_t first_rec_start = 0, last_rec_end = 0;
		long long cdelta = 0;

		/* open a cluster with whichever item starts first */
		if (ri < nold) {
			rec_get(log, ri, &r);
		}
		if (ri < nold && (ei >= n || r.start < e[ei].start ||
		                  (r.start == e[ei].start && r.start == r.end &&
		                   e[ei].start != e[ei].end))) {
			cs = r.start;
			ce = r.end;
		} else {
			cs = e[ei].start;
			ce = e[ei].end;
		}
		/* gather everything overlapping the cluster */
		for (;;) {
			bool took = false;
			if (ri < nold) {
				rec_get(log, ri, &r);
				bool first = !has_rec && !has_edit;
				if ((first && r.start == cs && r.end == ce) ||
				    overlaps(r.start, r.end, cs, ce)) {
					if (!has_rec) {
						first_rec_start = r.start;
						first_rec_ostart = r.ostart;
					}
					last_rec_end = r.end;
					last_rec_oend = r.oend;
					has_rec = true;
					rule = rule_join(doc, rule, r.rule);
					if (r.start < cs) cs = r.start;
					if (r.end > ce) ce = r.end;
					ri++;
					took = true;
				}
			}
			if (ei < n) {
				const struct dp_edit *x = &e[ei];
				bool first = !has_rec && !has_edit;
				if ((first && x->start == cs && x->end == ce) ||
				    overlaps(x->start, x->end, cs, ce)) {
					uint32_t id = dp_doc_intern(doc, x->rule,
					                            strlen(x->rule));
					if (!id)
						goto out_nomem;
					has_edit = true;
					rule = rule_join(doc, rule, id);
					cdelta += (long long)x->len -
					          (long long)(x->end - x->start);
					if (x->start < cs) cs = x->start;
					if (x->end > ce) ce = x->end;
					ei++;
					took = true;
				}
			}
			if (!took)
				break;
		}
		if (!rule)
			goto out_nomem;
		struct rec m;
		m.start = (size_t)((long long)cs + delta);
		m.end = (size_t)((long long)ce + delta + cdelta);
		m.rule = rule;
		if (has_rec) {
			m.ostart = first_rec_start <= cs ? first_rec_ostart
			         : first_rec_ostart - (first_rec_start - cs);
			m.oend = last_rec_end >= ce ? last_rec_oend
			       : last_rec_oend + (ce - last_rec_end);
		} else {
			m.ostart = (size_t)((long long)cs + odelta);
			m.oend = cs == ce ? m.ostart
			                  : (size_t)((long long)ce + odelta);
		}
		/* old offsets past this cluster map linearly from its end */
		odelta = (long long)m.oend - (long long)ce;
		/* an empty edit, or edits that undo each other, change
		 * nothing: no record */
		if (m.start == m.end && m.ostart == m.oend) {
			delta += cdelta;
			continue;
		}
		if (nr == cap) {
			cap *= 2;
			struct rec *p = realloc(res, cap * sizeof *p);
			if (!p)
				goto out_nomem;
			res = p;
		}
		res[nr++] = m;
		delta += cdelta;
	}
	*out = res;
	*nout = nr;
	return 0;
out_nomem:
	free(res);
	return DP_ENOMEM;
}

static int write_log(struct dp_doc *doc, struct dp_layer *log,
                     const struct rec *r, size_t n)
{
	log->n = 0;
	for (size_t i = 0; i < n; i++) {
		long k = dp_layer_append(log, r[i].start, r[i].end);
		if (k < 0)
			return (int)k;
		uint32_t before = dp_doc_intern(doc, doc->orig + r[i].ostart,
		                                r[i].oend - r[i].ostart);
		uint32_t after = dp_doc_intern(doc, doc->text + r[i].start,
		                               r[i].end - r[i].start);
		if (!before || !after)
			return DP_ENOMEM;
		log->cols[E_OSTART].v.i[k] = (int64_t)r[i].ostart;
		log->cols[E_OEND].v.i[k] = (int64_t)r[i].oend;
		log->cols[E_BEFORE].v.s[k] = before;
		log->cols[E_AFTER].v.s[k] = after;
		log->cols[E_RULE].v.s[k] = r[i].rule;
	}
	return 0;
}

int dp_doc_replace_many(struct dp_doc *doc, const struct dp_edit *e,
                        size_t n)
{
	size_t grow, shrink, nlen, pos, k;
	struct dp_layer *log;
	struct rec *recs = NULL;
	size_t nrecs = 0;
	char *nt;
	int rc;

	if (!doc || (n && !e))
		return DP_EINVAL;
	if (doc->step >= 0 && !doc->step_may_edit) {
		dp_doc_fail(doc, "plugin edits the text but does not list "
		                 "'edits' in its provides");
		return DP_EINVAL;
	}
	if (n == 0)
		return 0;
	rc = validate(doc, e, n, &grow, &shrink);
	if (rc < 0)
		return rc;
	log = dp_doc_edits_layer(doc);
	if (!log)
		return DP_ENOMEM;

	/* the new text */
	nlen = doc->len + grow - shrink;
	size_t ncap = nlen + DP_TEXT_PAD < 4096 ? 4096 : nlen + DP_TEXT_PAD;
	nt = dp_doc_realloc(doc, NULL, ncap);
	if (!nt)
		return DP_ENOMEM;
	pos = 0;
	size_t o = 0;
	for (k = 0; k < n; k++) {
		memcpy(nt + o, doc->text + pos, e[k].start - pos);
		o += e[k].start - pos;
		if (e[k].len)   /* text may be NULL for a deletion */
			memcpy(nt + o, e[k].text, e[k].len);
		o += e[k].len;
		pos = e[k].end;
	}
	memcpy(nt + o, doc->text + pos, doc->len - pos);
	o += doc->len - pos;
	memset(nt + o, 0, DP_TEXT_PAD);   /* the NUL and the pad (docproc.h) */

	rc = rebuild_log(doc, log, e, n, &recs, &nrecs);
	if (rc < 0)
		goto out_free_text;
	rc = dp_layers_shift(doc, e, n);
	if (rc < 0)
		goto out_free_recs;

	if (doc->orig_shared) {
		/* the first edit: the old text buffer becomes the original */
		free(doc->orig);
		doc->orig = doc->text;
		doc->orig_cap = doc->cap;
		doc->orig_shared = false;
	} else {
		free(doc->text);
	}
	doc->text = nt;
	doc->len = nlen;
	doc->ascii = -1;
	doc->cap = ncap;
	nt = NULL;
	rc = write_log(doc, log, recs, nrecs);
out_free_recs:
	free(recs);
out_free_text:
	free(nt);
	return rc;
}

int dp_doc_replace(struct dp_doc *doc, size_t start, size_t end,
                   const char *text, size_t len, const char *rule)
{
	struct dp_edit e = {start, end, text, len, rule};

	return dp_doc_replace_many(doc, &e, 1);
}

size_t dp_doc_orig_offset(const struct dp_doc *doc, size_t off)
{
	const struct dp_layer *l = doc->edits;
	size_t lo = 0, hi;

	if (!l || !l->present || l->n == 0)
		return off;
	/* last record with start <= off */
	hi = l->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (l->start[mid] <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return off;
	size_t i = lo - 1;
	if (off < l->end[i])
		return (size_t)l->cols[E_OSTART].v.i[i];
	return off - l->end[i] + (size_t)l->cols[E_OEND].v.i[i];
}

/* ---------------------------------------------------------- span shifting */

/* Where old offset @p goes. @is_start: a span start (insertions at @p go
 * before the span) or an end (they go after). Sets *cut when @p lies
 * strictly inside a replaced range: then the result is the replacement's
 * end (for a start) or start (for an end). */
static size_t map_pos(const struct dp_edit *e, const long long *pre,
                      size_t n, size_t p, bool is_start, bool *cut)
{
	size_t lo = 0, hi = n;

	*cut = false;
	/* first edit with end > p, or end == p && empty && is_start==false */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		bool before;
		if (e[mid].end < p)
			before = true;
		else if (e[mid].end > p)
			before = false;
		else if (e[mid].start == e[mid].end)
			before = is_start;   /* insertion at p */
		else
			before = true;       /* replacement ending at p */
		if (before)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* edits [0, lo) are entirely before p */
	long long d = pre[lo];
	if (lo < n && e[lo].start < p && p < e[lo].end) {
		*cut = true;
		size_t ns = (size_t)((long long)e[lo].start + d);
		return is_start ? ns + e[lo].len : ns;
	}
	return (size_t)((long long)p + d);
}

int dp_layers_shift(struct dp_doc *doc, const struct dp_edit *e, size_t n)
{
	long long *pre = malloc((n + 1) * sizeof *pre);

	if (!pre)
		return DP_ENOMEM;
	pre[0] = 0;
	for (size_t k = 0; k < n; k++)
		pre[k + 1] = pre[k] + (long long)e[k].len -
		             (long long)(e[k].end - e[k].start);

	for (size_t li = 0; li < doc->nlayers; li++) {
		struct dp_layer *l = doc->layers[li];
		size_t w = 0;

		if (!l->present || l == doc->edits)
			continue;
		for (size_t i = 0; i < l->n; i++) {
			bool c1, c2;
			size_t a = l->start[i], b = l->end[i];
			size_t na = map_pos(e, pre, n, a, true, &c1);
			size_t nb = map_pos(e, pre, n, b, false, &c2);
			bool drop = (a < b && na >= nb) || (a == b && c1) ||
			            na > nb;
			if (drop) {
				doc->dropped++;
				continue;
			}
			l->start[w] = (uint32_t)na;
			l->end[w] = (uint32_t)nb;
			for (int c = 0; c < l->ncols; c++) {
				struct dp_column *col = &l->cols[c];
				switch (col->type) {
				case DP_ATTR_INT:
					col->v.i[w] = col->v.i[i];
					break;
				case DP_ATTR_STR:
					col->v.s[w] = col->v.s[i];
					break;
				case DP_ATTR_SPAN: {
					uint32_t sa = col->v.sp[2 * i];
					uint32_t sb = col->v.sp[2 * i + 1];
					if (sa != DP_SPAN_UNSET) {
						size_t xa = map_pos(e, pre, n, sa, true, &c1);
						size_t xb = map_pos(e, pre, n, sb, false, &c2);
						if ((sa < sb && xa >= xb) ||
						    (sa == sb && c1) || xa > xb) {
							sa = sb = DP_SPAN_UNSET;
						} else {
							sa = (uint32_t)xa;
							sb = (uint32_t)xb;
						}
					}
					col->v.sp[2 * w] = sa;
					col->v.sp[2 * w + 1] = sb;
					break;
				}
				}
			}
			w++;
		}
		l->n = w;
		if (!dp_layer_is_sorted(l) && dp_layer_sort(l) < 0) {
			free(pre);
			return DP_ENOMEM;
		}
	}
	free(pre);
	return 0;
}
