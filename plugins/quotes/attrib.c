/*
 * attrib.c - decides what each pair of quote marks holds (a direct
 * quote, a partial quote, a name or title, a scare quote), gives every
 * quotation its cue and speaker, and builds the output array.
 *
 * Direct: whole sentences, introduced by ':' or ',' or standing at a
 * sentence start. Partial: a fragment inside a sentence that has a cue.
 * Name: after "named", "the article", ... or a title-case phrase, or one
 * capitalised word with no cue around. Scare: a short fragment with no
 * cue in its sentence nor a quoted speaker just before.
 */
#include <stdlib.h>
#include <string.h>

#include "qx_int.h"

enum { RK_NAME = 16, RK_NAMEISH = 32 };

struct rinfo {
	int kind;   /* QX_* or RK_NAME */
	long cue;   /* index into q->cu or -1 */
	int words;
	bool nameish;
	bool speech;  /* ends like a spoken sentence: ? ! */
};

static bool small_word(const struct qx *q, long k)
{
	return (tk_cls(q, k) & (L_CONN | L_DET)) || tok_is(q, k, "in") ||
	       tok_is(q, k, "on") || tok_is(q, k, "at") || tok_is(q, k, "to");
}

/* The small words (small_word()) of the content of @r but capitalised
 * ones. */
static int small_words(const struct qx *q, const struct rq *r)
{
	int small = 0;

	for (long k = r->cft; k <= r->clt; k++)
		if (q->tk[k].type == T_WORD && !(q->tk[k].flags & F_CAP) &&
		    small_word(q, k))
			small++;
	return small;
}

static void classify(const struct qx *q, const struct rq *r,
                     struct rinfo *ri)
{
	long p = r->ot - 1;
	int words = 0, caps = 0;
	bool multi = false, ends = false, first_cap = false;

	for (long k = r->cft; k <= r->clt; k++) {
		if (q->tk[k].type == T_WORD) {
			if (words == 0)
				first_cap = (q->tk[k].flags & F_CAP) != 0;
			words++;
			if (q->tk[k].flags & F_CAP)
				caps++;
		} else if (tok_sentence_end(q, k) && q->tk[k].type != T_NL &&
		           k < r->clt && is_word(q, k + 1)) {
			multi = true;
		}
	}
	if (tok_is_punct(q, r->clt, ".!?,") ||
	    (q->tk[r->clt].type == T_MARK && tok_is_punct(q, r->clt - 1, ".!?")))
		ends = true;
	ri->words = words;
	ri->cue = -1;
	ri->nameish = false;
	ri->speech = false;
	if (words == 0) {
		ri->kind = RK_NAME;
		return;
	}
	if (is_word(q, p) && ((tk_cls(q, p) & L_NAMETRIG) ||
	                      (tok_is(q, p, "as") && tok_is(q, p - 1, "known")))) {
		/* the organization "Hezbollah"; a so-called "deadly quartet" */
		ri->kind = first_cap || words > 4 ? RK_NAME : QX_SCARE;
		return;
	}
	/* the small words (classes of the lexicon) only when the rest
	 * holds: few quotes are short and capitalised */
	if (!q->lower_doc && words >= 2 && words <= 8 && caps >= 2 &&
	    !tok_is_punct(q, r->clt, ".!?") && !multi &&
	    caps + small_words(q, r) == words) {
		ri->kind = RK_NAME;
		return;
	}
	bool start = p < 0 || q->tk[p].type == T_NL || tok_sentence_end(q, p) ||
	             (q->tk[p].type == T_MARK && q->tk[p].mdir != MD_OPEN) ||
	             tok_is_punct(q, p, "-");
	bool direct = multi || (r->flags & RQ_MULTIPARA) ||
	              (start && (words >= 3 || ends)) ||
	              tok_is_punct(q, p, ":") ||
	              (tok_is_punct(q, p, ",") && (first_cap || q->lower_doc) &&
	               words >= 3);
	/* a quote standing alone: "Hello""Goodbye" */
	long after = (r->ct >= 0 ? r->ct : r->clt) + 1;
	if (start && (after >= q->ntk || q->tk[after].type == T_NL ||
	              q->tk[after].type == T_MARK || tok_sentence_end(q, after)))
		direct = true;
	ri->kind = direct ? QX_DIRECT : QX_PARTIAL;
	/* "how are you doing?" is speech, not a scare quote */
	ri->speech = tok_is_punct(q, r->clt, "?!") ||
	             (q->tk[r->clt].type == T_MARK &&
	              tok_is_punct(q, r->clt - 1, "?!")) ||
	             (ends && first_cap && words >= 2);
	if (!direct && words == 1 && first_cap && !q->lower_doc && !ends)
		ri->nameish = true;
}

/* The cues (not transcripts) sorted by first token, and which tokens are
 * the first or last of one of them. */
struct cue_index {
	long *by_t0;
	long n;
	uint8_t *at;   /* per token: 1 if some cue starts or ends there */
};

/* The cue whose first or last token is @k, or -1. Most tokens asked are
 * none: the per-token mark answers them without the search. */
static long cue_at(const struct qx *q, const struct cue_index *ci, long k)
{
	const long *by_t0 = ci->by_t0;
	long lo = 0, hi = ci->n;

	if (k < 0 || k >= q->ntk || !ci->at[k])
		return -1;
	while (lo < hi) {
		long mid = (lo + hi) / 2;
		if (q->cu[by_t0[mid]].t0 <= k)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* lo - 1: the last cue starting at or before k */
	for (long m = lo - 1; m >= 0 && q->cu[by_t0[m]].t0 >= k - 20; m--) {
		const struct cue *c = &q->cu[by_t0[m]];
		if (c->t0 == k || c->t1 == k)
			return by_t0[m];
	}
	return -1;
}

/* The cues in order of first token (insertion sort: they are found in
 * nearly that order). Returns the array, *n its length, NULL on failure. */
static long *cues_by_t0(struct qx *q, long *n)
{
	long *a = qx_alloc(q, sizeof(long) * (size_t)(q->ncu + 1));

	*n = 0;
	if (!a)
		return NULL;
	for (long c = 0; c < q->ncu; c++) {
		long k = *n;
		if (q->cu[c].direct)
			continue;
		while (k > 0 && q->cu[a[k - 1]].t0 > q->cu[c].t0) {
			a[k] = a[k - 1];
			k--;
		}
		a[k] = c;
		(*n)++;
	}
	return a;
}

/* "..." , said X / "...," X said / "..." - said X */
static long right_cue(const struct qx *q, const struct cue_index *ci,
                      const struct rq *r)
{
	long k = (r->ct >= 0 ? r->ct : r->clt) + 1;
	long first = -1;

	for (int n = 0; k < q->ntk && n < 12; k++, n++) {
		const struct tok *t = &q->tk[k];
		if (t->type == T_NL || t->type == T_MARK)
			return -1;
		if (t->type == T_PUNCT) {
			if (first < 0 && tok_is_punct(q, k, ",-"))
				continue;
			return -1;
		}
		if (first < 0)
			first = k;
		long c = cue_at(q, ci, k);
		if (c >= 0 && q->cu[c].type != CUE_NONE &&
		    q->cu[c].type != CUE_ACCORDING) {
			const struct cue *cu = &q->cu[c];
			if (cu->t0 == first ||
			    (cu->sp0 == first && cu->sp1 < cu->t0))
				return c;
			/* "the US official added": speaker phrase found
			 * without a leading determiner */
			if (cu->sp0 > first && cu->sp0 <= first + 1)
				return c;
			return -1;
		}
	}
	return -1;
}

/* X said: "..." / X said, "..." */
static long left_cue(const struct qx *q, const struct cue_index *ci,
                     const struct rq *r)
{
	long k = r->ot - 1;

	while (k >= 0 && tok_is_punct(q, k, ",:-"))
		k--;
	for (int n = 0; k >= 0 && n < 12; k--, n++) {
		const struct tok *t = &q->tk[k];
		if (t->type == T_NL || t->type == T_MARK ||
		    tok_sentence_end(q, k))
			return -1;
		long c = cue_at(q, ci, k);
		if (c >= 0 && q->cu[c].type != CUE_NONE && q->cu[c].sp0 >= 0)
			return c;
	}
	return -1;
}

/* The nearest cue in the quote's sentences, outside the quote, that
 * governs it. */
static long sentence_cue(const struct qx *q, const struct rq *r)
{
	int32_t s0 = q->tsent[r->ot];
	int32_t s1 = q->tsent[r->ct >= 0 ? r->ct : r->clt];
	long before = -1, after = -1;

	for (long n = 0; n < q->ncu; n++) {
		const struct cue *c = &q->cu[n];
		if (c->type == CUE_NONE || c->bare)
			continue;
		if (c->sent < s0 || c->sent > s1) {
			/* a bare "X said." reports the sentence before */
			continue;
		}
		/* the cue must govern the quote: its clause holds it, or it
		 * stands close by ("called it “...”", "“...”, he said") */
		bool covers = c->cs0 >= 0 && c->cs0 <= r->ot &&
		              r->ot <= c->cs1 + 1;
		long gap = c->t0 < r->ot ? r->ot - c->t1
		                         : c->t0 - (r->ct >= 0 ? r->ct : r->clt);
		if (!covers && gap > 8)
			continue;
		if (c->sp0 < 0 && ((c->t0 < r->ot && before >= 0) ||
		                   (c->t0 > r->clt && after >= 0)))
			continue; /* "remarks" as a noun */
		if (c->t0 < r->ot &&
		    (before < 0 || c->sp0 >= 0 || q->cu[before].sp0 < 0))
			before = n;
		else if (c->t0 > r->clt &&
		         (after < 0 || (q->cu[after].sp0 < 0 && c->sp0 >= 0)))
			after = n;
	}
	for (long n = 0; n < q->ncu; n++) {
		const struct cue *c = &q->cu[n];
		if (c->bare && c->sent == s1 + 1 && c->type != CUE_NONE)
			return before >= 0 ? before : after >= 0 ? after : n;
	}
	if (before < 0 && after < 0) {
		/* "M. Pompeo called for an end to ... and a “new alliance”":
		 * the last cue with a speaker earlier in the sentence */
		for (long n = 0; n < q->ncu; n++) {
			const struct cue *c = &q->cu[n];
			if (c->sent == s0 && c->t0 < r->ot && c->sp0 >= 0 &&
			    c->sp0 < c->t0 && c->type != CUE_NONE && !c->bare)
				before = n;
		}
	}
	return before >= 0 ? before : after;
}

static int copy_text(struct qx *q, const struct rq *r, const char **out,
                     size_t *len)
{
	char *buf;
	size_t n = 0;
	uint32_t pos = r->cs;

	if (r->reopen_n == 0) {
		*out = q->t + r->cs;
		*len = r->ce - r->cs;
		return 0;
	}
	buf = qx_alloc(q, r->ce - r->cs + 1);
	if (!buf)
		return -1;
	for (uint32_t i = 0; i < r->reopen_n; i++) {
		const struct qx_span *sp = &q->reopen[r->reopen_first + i];
		if (sp->start < pos || sp->end > r->ce)
			continue;
		memcpy(buf + n, q->t + pos, sp->start - pos);
		n += sp->start - pos;
		pos = sp->end;
	}
	memcpy(buf + n, q->t + pos, r->ce - pos);
	n += r->ce - pos;
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}

static void set_cue(struct qx *q, struct qx_quote *o, long c)
{
	const struct cue *cu;

	if (c < 0)
		return;
	cu = &q->cu[c];
	if (cu->direct)
		return;
	o->cue = q->t + q->tk[cu->t0].s;
	o->cue_len = q->tk[cu->t1].e - q->tk[cu->t0].s;
	if (cu->type == CUE_QUOTED && cu->t1 > cu->t0 + 1) {
		o->cue = "quoted ... as saying";
		o->cue_len = strlen(o->cue);
	}
	if (cu->sp0 >= 0) {
		long s1 = cu->sp1;
		if (cu->ent >= 0) {
			const struct ent *e = &q->ent[cu->ent];
			o->speaker = q->t + e->full_s;
			o->speaker_len = e->full_e - e->full_s;
		} else if (!tok_is(q, cu->sp0, "who")) {
			/* a pronoun with no speaker before it */
			o->speaker = q->t + q->tk[cu->sp0].s;
			o->speaker_len = q->tk[cu->sp1].e - q->tk[cu->sp0].s;
		}
		if (s1 > cu->sp0 && (tk_cls(q, s1) & L_SPEECH) &&
		    (tk_flags(q, s1 - 1) & F_POSS))
			s1--;
		o->has_mention = true;
		o->mention_start = q->tk[cu->sp0].s;
		o->mention_end = q->tk[s1].e;
		if (tk_flags(q, s1) & F_POSS)
			o->mention_end -= q->t[o->mention_end - 2] == '\'' ? 2 : 4;
	}
}

static int by_start(const void *a, const void *b)
{
	const struct qx_quote *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	return x->kind - y->kind;
}

/* The quotations by by_start(): a document has a few, so an insertion
 * sort, stable as the C library's merge sort is (equal keys keep their
 * order), without a call per comparison; qsort() for many. */
static void sort_quotes(struct qx_quote *o, long n)
{
	if (n > 32) {
		qsort(o, (size_t)n, sizeof(*o), by_start);
		return;
	}
	for (long i = 1; i < n; i++) {
		struct qx_quote x = o[i];
		long j = i;
		while (j > 0 && by_start(&o[j - 1], &x) > 0) {
			o[j] = o[j - 1];
			j--;
		}
		o[j] = x;
	}
}

long build_output(struct qx *q, struct qx_quote **out)
{
	struct cue_index ci;
	struct rinfo *ri = qx_alloc(q, sizeof(*ri) * (size_t)(q->nrq + 1));
	struct qx_quote *o = qx_alloc(q, sizeof(*o) *
	                                    (size_t)(q->nrq + q->ncu + 1));
	long n = 0;

	ci.by_t0 = cues_by_t0(q, &ci.n);
	ci.at = qx_alloc(q, (size_t)q->ntk + 1);
	if (!ci.by_t0 || !ci.at || !ri || !o)
		return -1;
	memset(ci.at, 0, (size_t)q->ntk + 1);
	for (long m = 0; m < ci.n; m++) {
		const struct cue *cu = &q->cu[ci.by_t0[m]];
		if (cu->t0 >= 0 && cu->t0 < q->ntk)
			ci.at[cu->t0] = 1;
		if (cu->t1 >= 0 && cu->t1 < q->ntk)
			ci.at[cu->t1] = 1;
	}
	/* speakers, in text order so that pronouns find the last one */
	for (long c = 0; c < q->ncu; c++) {
		int id = resolve_speaker(q, q->cu[c].sp0, q->cu[c].sp1,
		                         q->tk[q->cu[c].t0].s);
		if (id < -1)
			return -1;
		q->cu[c].ent = id;
	}

	for (long i = 0; i < q->nrq; i++) {
		const struct rq *r = &q->rq[i];
		classify(q, r, &ri[i]);
		if (ri[i].kind == RK_NAME || ri[i].kind == QX_SCARE)
			continue;
		long c = right_cue(q, &ci, r);
		if (c < 0)
			c = left_cue(q, &ci, r);
		if (c < 0)
			c = sentence_cue(q, r);
		ri[i].cue = c;
		if (c < 0 && ri[i].nameish)
			ri[i].kind = RK_NAME;
		else if (c >= 0 && q->cu[c].type == CUE_WEAK &&
		         ri[i].kind == QX_DIRECT)
			ri[i].cue = -1;
	}
	/* quotes that run on into an attributed quote share its speaker */
	for (long i = q->nrq - 2; i >= 0; i--) {
		const struct rq *r = &q->rq[i], *nx = &q->rq[i + 1];
		long end = r->ct >= 0 ? r->ct : r->clt;
		if (ri[i].kind == RK_NAME || ri[i].kind == QX_SCARE ||
		    ri[i].cue >= 0 || ri[i + 1].cue < 0 ||
		    ri[i + 1].kind == RK_NAME || ri[i + 1].kind == QX_SCARE)
			continue;
		if (nx->ot - end <= 2 && q->tsent[nx->ot] - q->tsent[end] <= 1)
			ri[i].cue = ri[i + 1].cue;
	}
	/* "Yes," he said, "we agree.": the quote goes on after its cue */
	for (long i = 1; i < q->nrq; i++) {
		const struct rq *pr = &q->rq[i - 1];
		long end = pr->ct >= 0 ? pr->ct : pr->clt;
		if (ri[i].kind == QX_PARTIAL && ri[i - 1].kind == QX_DIRECT &&
		    ri[i].cue >= 0 && ri[i].cue == ri[i - 1].cue &&
		    q->rq[i].ot - end <= 8 && q->cu[ri[i].cue].t0 > end &&
		    q->cu[ri[i].cue].t0 < q->rq[i].ot &&
		    tok_is_punct(q, q->rq[i].ot - 1, ","))
			ri[i].kind = QX_DIRECT;
	}
	/* a direct quote with no cue of its own, right after a quote or a
	 * sentence with a speaker, is that speaker's: "He adds that ...
	 * "Danish clubs have ..."" */
	for (long i = 0; i < q->nrq; i++) {
		int32_t s = q->tsent[q->rq[i].ot];
		if (ri[i].kind != QX_DIRECT || ri[i].cue >= 0)
			continue;
		if (i > 0 && ri[i - 1].cue >= 0 && ri[i - 1].kind == QX_DIRECT) {
			const struct rq *pr = &q->rq[i - 1];
			int32_t pe = q->tsent[pr->ct >= 0 ? pr->ct : pr->clt];
			if (s - pe <= 1) {
				ri[i].cue = ri[i - 1].cue;
				continue;
			}
		}
		for (long m = q->ncu - 1; m >= 0; m--) {
			const struct cue *c = &q->cu[m];
			if (c->sent >= s || c->sent < s - 1)
				continue;
			if (c->type != CUE_NONE && c->type != CUE_WEAK &&
			    c->sp0 >= 0 && c->ent >= 0 && q->ent[c->ent].person) {
				ri[i].cue = m;
				break;
			}
		}
	}
	/* a short fragment right after a speaker's quote is theirs too */
	for (long i = 1; i < q->nrq; i++) {
		if (ri[i].kind != QX_PARTIAL || ri[i].cue >= 0 ||
		    ri[i - 1].cue < 0 || ri[i - 1].kind == RK_NAME ||
		    ri[i - 1].kind == QX_SCARE)
			continue;
		const struct rq *pr = &q->rq[i - 1];
		if (q->tsent[q->rq[i].ot] -
		            q->tsent[pr->ct >= 0 ? pr->ct : pr->clt] == 1)
			ri[i].cue = ri[i - 1].cue;
	}

	for (long i = 0; i < q->nrq; i++) {
		const struct rq *r = &q->rq[i];
		struct qx_quote *x = &o[n];
		int kind = ri[i].kind;

		if (kind == RK_NAME)
			continue;
		if (kind == QX_PARTIAL && ri[i].cue < 0 && ri[i].words <= 4 &&
		    !ri[i].speech)
			kind = QX_SCARE;
		if (!(q->cfg->kinds & (unsigned)kind))
			continue;
		memset(x, 0, sizeof(*x));
		x->start = r->s;
		x->end = r->e;
		x->kind = kind;
		if (copy_text(q, r, &x->text, &x->text_len) < 0)
			return -1;
		if (kind != QX_SCARE)
			set_cue(q, x, ri[i].cue);
		n++;
	}

	for (long c = 0; c < q->ncu; c++) {
		const struct cue *cu = &q->cu[c];
		struct qx_quote *x = &o[n];
		int outside = 0;

		if (cu->cs0 < 0 || cu->type == CUE_NONE)
			continue;
		for (long k = cu->cs0; k <= cu->cs1; k++)
			if (q->tk[k].type == T_WORD &&
			    (!(q->tk[k].flags & F_INQ) || cu->direct))
				outside++;
		if (outside < 2)
			continue; /* the clause is the quote: "said that this “...”" */
		int kind = cu->direct ? QX_DIRECT : QX_INDIRECT;
		if (!(q->cfg->kinds & (unsigned)kind))
			continue;
		memset(x, 0, sizeof(*x));
		x->start = q->tk[cu->cs0].s;
		x->end = q->tk[cu->cs1].e;
		x->kind = kind;
		x->text = q->t + x->start;
		x->text_len = x->end - x->start;
		set_cue(q, x, c);
		if (cu->direct && cu->ent >= 0) {
			const struct ent *e = &q->ent[cu->ent];
			x->speaker = q->t + e->full_s;
			x->speaker_len = e->full_e - e->full_s;
			x->has_mention = true;
			x->mention_start = q->tk[cu->sp0].s;
			x->mention_end = q->tk[cu->sp1].e;
		}
		n++;
	}
	sort_quotes(o, n);
	*out = o;
	return n;
}
