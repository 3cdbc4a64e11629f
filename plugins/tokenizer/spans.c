/*
 * spans.c - growable token and sentence arrays, and the kind names.
 */
#include <string.h>

#include "tokenize.h"

static const char *const kind_names[TK_COUNT] = {
	[TK_WORD] = "word",       [TK_NUMBER] = "number",
	[TK_PUNCT] = "punct",     [TK_QUOTE] = "quote",
	[TK_SYMBOL] = "symbol",   [TK_URL] = "url",
	[TK_EMAIL] = "email",     [TK_HASHTAG] = "hashtag",
	[TK_MENTION] = "mention", [TK_EMOJI] = "emoji",
};

const char *tok_kind_name(enum tok_kind k)
{
	return (unsigned)k < TK_COUNT ? kind_names[k] : "unknown";
}

/* Grows one array from @n to @cap elements of @size bytes. */
static void *grow_array(struct tok_alloc *a, void *old, size_t n, size_t cap,
                        size_t size)
{
	return a->grow(a->ctx, old, n * size, cap * size);
}

/* Grows the arrays to hold at least @want entries (at least doubling).
 * The entries copied are the first t->n; the kind, abbr and gap entries
 * from t->n to the new capacity are zeroed (t->zeroed), because news.c's
 * fast path stores only the nonzero ones (TK_WORD, ABBR_NONE and no line
 * break are all 0). */
static int tok_reserve(struct tok_list *t, size_t want)
{
	size_t cap = t->cap ? t->cap * 2 : 256;
	uint32_t *s, *e;
	uint8_t *k, *f, *a;

	if (cap < want)
		cap = want;
	if (cap > UINT32_MAX)
		return -1;
	if (t->cap == 0 && t->alloc.arena && cap <= SIZE_MAX / 12) {
		/* one block for the six arrays (uint32_t ones first, for
		 * their alignment): one allocation rather than six per text */
		uint8_t *p = t->alloc.grow(t->alloc.ctx, NULL, 0, cap * 12);

		if (!p)
			return -1;
		t->start = (uint32_t *)(void *)p;
		t->end = (uint32_t *)(void *)(p + cap * 4);
		t->kind = p + cap * 8;
		t->flags = p + cap * 9;
		t->abbr = p + cap * 10;
		t->gap = p + cap * 11;
		goto done;
	}
	s = grow_array(&t->alloc, t->start, t->n, cap, sizeof *s);
	if (!s)
		return -1;
	t->start = s;
	e = grow_array(&t->alloc, t->end, t->n, cap, sizeof *e);
	if (!e)
		return -1;
	t->end = e;
	k = grow_array(&t->alloc, t->kind, t->n, cap, 1);
	if (!k)
		return -1;
	t->kind = k;
	f = grow_array(&t->alloc, t->flags, t->n, cap, 1);
	if (!f)
		return -1;
	t->flags = f;
	a = grow_array(&t->alloc, t->abbr, t->n, cap, 1);
	if (!a)
		return -1;
	t->abbr = a;
	a = grow_array(&t->alloc, t->gap, t->n, cap, 1);
	if (!a)
		return -1;
	t->gap = a;
done:
	t->cap = cap;
	memset(t->kind + t->n, 0, cap - t->n);
	memset(t->abbr + t->n, 0, cap - t->n);
	memset(t->gap + t->n, 0, cap - t->n);
	t->zeroed = cap;
	return 0;
}

int tok_grow(struct tok_list *t)
{
	return tok_reserve(t, 0);
}

int tok_prepare(struct tok_list *t, size_t more)
{
	if (t->cap - t->n < more)
		return tok_reserve(t, t->n + more);
	/* a list used before (the benchmark reuses one, setting n = 0) may
	 * hold old values past n: zero what was asked for, not the whole
	 * capacity, which may be much larger */
	memset(t->kind + t->n, 0, more);
	memset(t->abbr + t->n, 0, more);
	memset(t->gap + t->n, 0, more);
	t->zeroed = t->n + more;
	return 0;
}

int span_grow(struct span_list *l)
{
	size_t cap = l->cap ? l->cap * 2 : 64;
	uint32_t *s, *e;

	if (l->cap == 0 && l->alloc.arena) {
		/* one block for both arrays, as tok_reserve() does */
		uint8_t *p = l->alloc.grow(l->alloc.ctx, NULL, 0, cap * 8);

		if (!p)
			return -1;
		l->start = (uint32_t *)(void *)p;
		l->end = (uint32_t *)(void *)(p + cap * 4);
		l->cap = cap;
		return 0;
	}
	s = grow_array(&l->alloc, l->start, l->n, cap, sizeof *s);
	if (!s)
		return -1;
	l->start = s;
	e = grow_array(&l->alloc, l->end, l->n, cap, sizeof *e);
	if (!e)
		return -1;
	l->end = e;
	l->cap = cap;
	return 0;
}
