/*
 * marks.c - pairs quote marks into quotations.
 *
 * A stack of open marks per document. Directed marks (“ ” ‘ ’ « » „)
 * say which way they face; straight marks (" ') are read from the
 * spaces around them and from what is open. Only the outermost pair
 * becomes a quotation: inner quotes are part of its text.
 *
 * Recovery for broken marks, common in machine translation:
 *  - an opening mark of the kind already open, right after a sentence
 *    end, closes the open quote (its closing mark is missing);
 *  - a paragraph that ends inside a quote continues it when the next
 *    paragraph opens again; otherwise the first double mark of the
 *    following lines closes it if it looks like a closing mark or an
 *    attribution ("... , "- said X") follows, within max_len; otherwise
 *    the quote ends with its paragraph (never swallowing the next one);
 *  - a closing mark with nothing open is ignored (stray);
 *  - single marks that never close are apostrophes.
 */
#include <string.h>

#include "qx_int.h"

#define MAX_DEPTH 16

struct open_mark {
	long t;
	uint8_t cls;
	uint8_t low;
};

/* The characters of [a, b): the bytes but UTF-8 continuation bytes
 * (10xxxxxx), eight at a time (the quotes' lengths were a byte loop of
 * four instructions a byte). A lane's bit 7 of x & ~(x << 1) is set for
 * a continuation byte (bit 6 moves to bit 7 within its lane); the
 * multiplication adds the eight lanes' bits into the top byte. */
static size_t chars_between(const struct qx *q, size_t a, size_t b)
{
	const uint64_t high = UINT64_C(0x8080808080808080);
	const uint64_t ones = UINT64_C(0x0101010101010101);
	size_t n = 0, i = a;

	if (b > q->n)
		b = q->n;
	for (; i + 8 <= b; i += 8) {
		uint64_t x;
		memcpy(&x, q->t + i, 8);
		n += 8 - (size_t)((((x & ~(x << 1) & high) >> 7) * ones) >> 56);
	}
	for (; i < b; i++)
		if (((unsigned char)q->t[i] & 0xC0) != 0x80)
			n++;
	return n;
}

/* Whether [a, b) holds more than @limit characters: counted only when it
 * holds more than @limit bytes. */
static bool longer_than(const struct qx *q, size_t a, size_t b, size_t limit)
{
	return b > a && b - a > limit && chars_between(q, a, b) > limit;
}

/* A reporting verb within a few words after mark @j, in its line. */
static bool attribution_follows(const struct qx *q, long j)
{
	int words = 0;

	for (long k = j + 1; k < q->ntk && words < 6; k++) {
		const struct tok *t = &q->tk[k];
		if (t->type == T_NL || t->type == T_MARK)
			return false;
		if (t->type == T_PUNCT) {
			if (tok_is_punct(q, k, ".!?;:"))
				return false;
			continue;
		}
		words++;
		if (t->cue == CUE_SAY || t->cue == CUE_SAYZ ||
		    t->cue == CUE_TELL)
			return true;
	}
	return false;
}

static bool closerish(const struct tok *t)
{
	return t->mdir == MD_CLOSE ||
	       (t->mdir == MD_AMBIG && (!t->sp_before || t->sp_after));
}

static bool openerish(const struct tok *t)
{
	return t->mdir == MD_OPEN ||
	       (t->mdir == MD_AMBIG && t->sp_before && !t->sp_after);
}

/* Last non-line-break token before @i. */
static long prev_tok(const struct qx *q, long i)
{
	long k = i - 1;
	while (k >= 0 && q->tk[k].type == T_NL)
		k--;
	return k;
}

static bool after_sentence_end(const struct qx *q, long i)
{
	long k = i - 1;
	if (k < 0)
		return true;
	if (q->tk[k].type == T_NL)
		return true;
	return tok_sentence_end(q, k) ||
	       (q->tk[k].type == T_WORD && q->t[q->tk[k].e - 1] == '.' &&
	        !(q->tk[k].flags & F_CAP));
}

/* Cuts an unclosed quote's content at an attribution inside it:
 * "... effect, he told CNBC, adding ..." ends after "effect,". */
static long cut_at_attribution(const struct qx *q, long first, long last)
{
	for (long k = first; k < last; k++) {
		if (!tok_is_punct(q, k, ",") || k + 1 > last)
			continue;
		long w = k + 1;
		int n = 0;
		while (w <= last && w < k + 6 && is_word(q, w) &&
		       (q->tk[w].flags & F_CAP || tk_cls(q, w) & L_PRON ||
		        tk_cls(q, w) & (L_DET | L_ROLE | L_ORG)) &&
		       q->tk[w].cue == CUE_NONE) {
			w++;
			n++;
		}
		if (w <= last && is_word(q, w) &&
		    (q->tk[w].cue == CUE_SAY || q->tk[w].cue == CUE_SAYZ ||
		     q->tk[w].cue == CUE_TELL) &&
		    (n > 0 || q->tk[w].cue == CUE_SAYZ))
			return k;
	}
	return -1;
}

static int emit(struct qx *q, long *cap, long ot, long ct, long last,
                unsigned flags, uint32_t reopen_first)
{
	struct rq r;
	long first = ot + 1;

	memset(&r, 0, sizeof(r));
	if (ct < 0) {
		long cut;
		/* unclosed: content runs to @last, cut at an attribution
		 * and at max_len */
		cut = cut_at_attribution(q, first, last);
		if (cut >= 0)
			last = cut;
		if (last >= first && q->cfg->max_len > 0 &&
		    longer_than(q, q->tk[ot].e, q->tk[last].e,
		                q->cfg->max_len)) {
			long best = -1;
			for (long k = first; k <= last; k++) {
				if (longer_than(q, q->tk[ot].e, q->tk[k].e,
				                q->cfg->max_len))
					break;
				if (tok_sentence_end(q, k))
					best = k;
			}
			last = best;
		}
		while (last >= first && q->tk[last].type == T_NL)
			last--;
		if (last < first)
			return 0;
		flags |= RQ_UNCLOSED;
	} else {
		last = ct - 1;
	}
	while (first <= last && q->tk[first].type == T_NL)
		first++;
	if (first > last)
		return 0;
	if (qx_grow(q, (void **)&q->rq, cap, q->nrq + 1, sizeof(r)) < 0)
		return -1;
	r.ot = ot;
	r.ct = ct;
	r.s = q->tk[ot].s;
	r.e = ct >= 0 ? q->tk[ct].e : q->tk[last].e;
	r.cs = q->tk[first].s;
	r.ce = q->tk[last].e;
	r.cft = first;
	r.clt = last;
	r.flags = flags;
	r.reopen_first = reopen_first;
	r.reopen_n = (uint32_t)(q->nreopen - (long)reopen_first);
	q->rq[q->nrq++] = r;
	return 0;
}

/* A closing mark with no opening one, followed by an attribution:
 * "The club knows that I miss Denmark," said Tobias. The quote is the
 * sentence before the mark, within its line and after any earlier
 * quotation. */
/* A quotation whose closing mark is missing (the text goes on to a new
 * sentence, or a new quotation opens): the innermost level ends, and at
 * the outermost one the quotation is emitted up to the token before @i. */
static int close_unmarked(struct qx *q, long *cap, const struct open_mark *st,
                          int *depth, long i, unsigned flags,
                          uint32_t reopen_first)
{
	if (*depth == 1 && emit(q, cap, st[0].t, -1, prev_tok(q, i), flags,
	                        reopen_first) < 0)
		return -1;
	(*depth)--;
	return 0;
}

static int emit_unopened(struct qx *q, long *cap, long ct)
{
	long first = ct - 1, words = 0;
	int32_t s;
	struct rq r;

	/* only after the end of a quoted sentence: `me," said Tobias` */
	if (first < 0 || !tok_is_punct(q, first, ",.!?"))
		return 0;
	s = q->tsent[first];
	while (first - 1 >= 0 && q->tk[first - 1].type != T_NL &&
	       q->tk[first - 1].type != T_MARK && q->tsent[first - 1] == s)
		first--;
	for (long k = first; k < ct; k++)
		if (q->tk[k].type == T_WORD)
			words++;
	if (words < 3)
		return 0;
	if (qx_grow(q, (void **)&q->rq, cap, q->nrq + 1, sizeof(r)) < 0)
		return -1;
	memset(&r, 0, sizeof(r));
	r.ot = first; /* no opening mark: the content's first token */
	r.ct = ct;
	r.s = r.cs = q->tk[first].s;
	r.e = q->tk[ct].e;
	r.ce = q->tk[ct - 1].e;
	r.cft = first;
	r.clt = ct - 1;
	r.flags = RQ_UNOPENED;
	r.reopen_first = (uint32_t)q->nreopen;
	q->rq[q->nrq++] = r;
	return 0;
}

/* The closing mark of an open quote in the lines after a paragraph end
 * at @nl, or -1. */
static long lookahead(const struct qx *q, long nl, long ot)
{
	size_t limit = q->cfg->max_len ? q->cfg->max_len : 1500;

	for (long k = nl + 1; k < q->ntk; k++) {
		const struct tok *t = &q->tk[k];
		if (t->s - q->tk[ot].e > limit * 4 &&
		    chars_between(q, q->tk[ot].e, t->s) > limit)
			return -1;
		if (t->type != T_MARK || t->mclass != MC_DOUBLE)
			continue;
		bool attrib = attribution_follows(q, k);
		if (t->mdir == MD_OPEN && !attrib)
			return -1;
		if (closerish(t) || attrib) {
			if (chars_between(q, q->tk[ot].e, t->s) > limit)
				return -1;
			return k;
		}
		return -1;
	}
	return -1;
}

/* Next double mark in the same paragraph after @i, or -1. */
static long next_double(const struct qx *q, long i)
{
	for (long k = i + 1; k < q->ntk; k++) {
		if (q->tk[k].type == T_NL)
			return -1;
		if (q->tk[k].type == T_MARK && q->tk[k].mclass == MC_DOUBLE)
			return k;
	}
	return -1;
}

int pair_marks(struct qx *q)
{
	struct open_mark st[MAX_DEPTH];
	int depth = 0;
	long cap = 0;
	unsigned flags = 0;
	uint32_t reopen_first = 0;

	long next = 0; /* the first token not yet read */

	for (long p = 0; p < q->nmarks; p++) {
		long i = q->marks[p];
		struct tok *t = &q->tk[i];

		if (i < next)
			continue;
		next = i + 1;
		if (t->type == T_NL) {
			long j = i, k;
			if (depth == 0)
				continue;
			if (st[0].cls == MC_SINGLE) {
				depth = 0; /* an apostrophe after all */
				continue;
			}
			while (j < q->ntk && q->tk[j].type == T_NL)
				j++;
			if (j < q->ntk && q->tk[j].type == T_MARK &&
			    q->tk[j].mclass == MC_DOUBLE &&
			    openerish(&q->tk[j]) && !attribution_follows(q, j)) {
				/* the quote goes on in the next paragraph */
				if (qx_grow(q, (void **)&q->reopen,
				            &q->capreopen, q->nreopen + 1,
				            sizeof(*q->reopen)) < 0)
					return -1;
				q->reopen[q->nreopen].start = q->tk[j].s;
				q->reopen[q->nreopen].end = q->tk[j].e;
				q->nreopen++;
				flags |= RQ_MULTIPARA;
				depth = 1;
				next = j + 1;
				continue;
			}
			k = lookahead(q, i, st[0].t);
			if (k >= 0) {
				if (emit(q, &cap, st[0].t, k, -1,
				         flags | RQ_MULTIPARA, reopen_first) < 0)
					return -1;
				depth = 0;
				next = k + 1;
				continue;
			}
			if (emit(q, &cap, st[0].t, -1, prev_tok(q, i), flags,
			         reopen_first) < 0)
				return -1;
			depth = 0;
			continue;
		}
		if (t->type != T_MARK)
			continue;

		bool close = false, push = false;
		if (depth > 0 && st[depth - 1].cls == t->mclass) {
			struct open_mark *top = &st[depth - 1];
			if (t->mclass == MC_SINGLE) {
				if (closerish(t))
					close = true;
				else if (openerish(t))
					push = true;
			} else if (t->mdir == MD_CLOSE) {
				close = true;
			} else if (t->mdir == MD_OPEN) {
				if (top->low && q->t[t->s] == '\xE2' &&
				    (unsigned char)q->t[t->s + 2] == 0x9C) {
					close = true; /* „...“ */
				} else if (after_sentence_end(q, i)) {
					/* missing closing mark */
					if (close_unmarked(q, &cap, st, &depth, i,
					                   flags, reopen_first) < 0)
						return -1;
					push = true;
				} else {
					push = true;
				}
			} else if (t->sp_before && !t->sp_after) {
				long nx = next_double(q, i);
				if (nx >= 0 && q->tk[nx].s - t->e <= 60 &&
				    closerish(&q->tk[nx]) &&
				    !attribution_follows(q, i))
					push = true; /* "a" inside "..." */
				else if (!attribution_follows(q, i) &&
				         after_sentence_end(q, i)) {
					if (close_unmarked(q, &cap, st, &depth, i,
					                   flags, reopen_first) < 0)
						return -1;
					push = true;
				} else {
					close = true;
				}
			} else {
				close = true;
			}
		} else if (depth > 0) {
			if (t->mclass == MC_SINGLE) {
				if (openerish(t)) {
					push = true;
				} else {
					for (int b = depth - 1; b >= 0; b--)
						if (st[b].cls == MC_SINGLE) {
							depth = b + 1;
							close = true;
							break;
						}
				}
			} else {
				int b = -1;
				for (int k = depth - 1; k >= 0; k--)
					if (st[k].cls == MC_DOUBLE) {
						b = k;
						break;
					}
				if (b >= 0 && closerish(t)) {
					depth = b + 1;
					close = true;
				} else if (openerish(t) || t->mdir == MD_AMBIG) {
					push = true;
				}
			}
		} else {
			if (t->mclass == MC_SINGLE)
				push = openerish(t);
			else if (t->mdir == MD_OPEN)
				push = true;
			else if (t->mdir == MD_AMBIG)
				push = !(t->sp_after && !t->sp_before);
			else
				push = t->sp_before && !t->sp_after;
			if (!push && t->mclass == MC_DOUBLE && closerish(t) &&
			    attribution_follows(q, i) &&
			    emit_unopened(q, &cap, i) < 0)
				return -1;
		}

		if (close) {
			depth--;
			if (depth == 0) {
				long ot = st[0].t;
				if (q->cfg->max_len > 0 &&
				    longer_than(q, q->tk[ot].e, t->s,
				                q->cfg->max_len)) {
					/* too long: the opening mark is
					 * unclosed, this one is stray */
					long end = q->sent_last[q->tsent[ot]];
					if (end < ot)
						end = ot;
					if (end > i - 1)
						end = i - 1;
					if (emit(q, &cap, ot, -1, end, flags,
					         reopen_first) < 0)
						return -1;
				} else if (emit(q, &cap, ot, i, -1, flags,
				                reopen_first) < 0) {
					return -1;
				}
			}
		} else if (push) {
			if (depth == 0) {
				flags = 0;
				reopen_first = (uint32_t)q->nreopen;
			} else {
				flags |= RQ_NESTED;
			}
			if (depth < MAX_DEPTH) {
				st[depth].t = i;
				st[depth].cls = t->mclass;
				st[depth].low = t->low_open;
				depth++;
			}
		}
	}
	if (depth > 0 && st[0].cls == MC_DOUBLE &&
	    emit(q, &cap, st[0].t, -1, prev_tok(q, q->ntk), flags,
	         reopen_first) < 0)
		return -1;

	/* mark the tokens inside quotations */
	for (long r = 0; r < q->nrq; r++)
		for (long k = q->rq[r].ot; k <= q->rq[r].clt && k < q->ntk; k++)
			q->tk[k].flags |= F_INQ;
	for (long r = 0; r < q->nrq; r++)
		if (q->rq[r].ct >= 0)
			q->tk[q->rq[r].ct].flags |= F_INQ;
	return 0;
}
