/*
 * batch.c - collecting one pass's edits for dp_doc_replace_many().
 */
#include <stdlib.h>
#include <string.h>

#include "cleaner.h"

void batch_init(struct batch *b, struct dp_doc *doc)
{
	memset(b, 0, sizeof(*b));
	b->doc = doc;
}

int batch_add(struct batch *b, size_t start, size_t end, const char *text,
              size_t len, const char *rule)
{
	if (b->err)
		return b->err;
	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 32;
		struct dp_edit *v = dp_doc_alloc(b->doc, cap * sizeof(*v));
		if (!v)
			return b->err = DP_ENOMEM;
		if (b->n)
			memcpy(v, b->v, b->n * sizeof(*v));
		b->v = v;       /* the old array stays in the arena */
		b->cap = cap;
	}
	b->v[b->n++] = (struct dp_edit){
		.start = start, .end = end, .text = text, .len = len,
		.rule = rule};
	return 0;
}

char *batch_copy(struct batch *b, const char *s, size_t len)
{
	char *p = dp_doc_alloc(b->doc, len + 1);
	if (!p) {
		b->err = DP_ENOMEM;
		return NULL;
	}
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

/* Insertion sort: batches are short and usually already in order, and it
 * is stable, so two insertions at one offset keep their order. */
void batch_finish(struct batch *b)
{
	for (size_t i = 1; i < b->n; i++) {
		struct dp_edit e = b->v[i];
		size_t j = i;
		while (j > 0 && (b->v[j - 1].start > e.start ||
		                 (b->v[j - 1].start == e.start &&
		                  b->v[j - 1].end > e.end))) {
			b->v[j] = b->v[j - 1];
			j--;
		}
		b->v[j] = e;
	}
	size_t out = 0, last_end = 0;
	for (size_t i = 0; i < b->n; i++) {
		struct dp_edit *e = &b->v[i];
		if (out > 0 && e->start < last_end)
			continue;       /* overlaps a kept edit: drop it */
		/* an insertion right at the start of a kept deletion is fine,
		 * but a second edit of the same empty range is not */
		if (out > 0 && e->start == e->end &&
		    b->v[out - 1].start == e->start &&
		    b->v[out - 1].end == e->end)
			continue;
		b->v[out++] = *e;
		if (e->end > last_end)
			last_end = e->end;
	}
	b->n = out;
}
