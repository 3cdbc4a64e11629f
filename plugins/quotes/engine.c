/*
 * engine.c - qx_extract(): runs the engine's passes over one text.
 */
#include <string.h>

#include "qx_int.h"

int qx_grow_slow(struct qx *q, void **arr, long *cap, long need,
                 size_t elsize)
{
	long ncap;
	void *p;

	if (need <= *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 64;
	while (ncap < need)
		ncap *= 2;
	if ((size_t)ncap > SIZE_MAX / elsize)
		return -1;
	/* the allocator is an arena: the old block is simply left behind */
	p = qx_alloc(q, (size_t)ncap * elsize);
	if (!p)
		return -1;
	if (*arr && *cap)
		memcpy(p, *arr, (size_t)*cap * elsize);
	*arr = p;
	*cap = ncap;
	return 0;
}

long qx_extract(const struct qx_config *cfg, const struct qx_input *in,
                qx_alloc_fn alloc, void *actx, struct qx_quote **out)
{
	struct qx q;

	memset(&q, 0, sizeof(q));
	q.cfg = cfg;
	q.t = in->text;
	q.n = in->len;
	q.alloc = alloc;
	q.actx = actx;
	*out = NULL;
	if (in->len > UINT32_MAX)
		return -1;
	if ((in->ntok ? lex_tokens(&q, in) : lex_text(&q, in)) < 0 ||
	    lex_sentences(&q, in) < 0 ||
	    pair_marks(&q) < 0 || find_cues(&q) < 0)
		return -1;
	return build_output(&q, out);
}
