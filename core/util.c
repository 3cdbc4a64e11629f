/*
 * util.c - arena, byte buffer, error reports, versions, string helpers.
 */
#include "config.h"
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ versions */

int dp_abi_major(void) { return DP_ABI_MAJOR; }
int dp_abi_minor(void) { return DP_ABI_MINOR; }
const char *dp_version(void) { return PACKAGE_VERSION; }

/* -------------------------------------------------------------- errors */

const char *dp_strerror(int code)
{
	switch (code) {
	case DP_OK: return "success";
	case DP_ENOMEM: return "out of memory";
	case DP_EINVAL: return "invalid argument";
	case DP_ERANGE: return "offset or index out of range";
	case DP_EUTF8: return "invalid UTF-8 or offset not on a character boundary";
	case DP_ENOENT: return "not found";
	case DP_EEXIST: return "already exists";
	case DP_EPLUGIN: return "plugin failure";
	case DP_ELAYER: return "layer contract violated";
	case DP_EIO: return "input/output error";
	case DP_ECONFIG: return "configuration error";
	case DP_EABI: return "plugin ABI mismatch";
	case DP_ETOOBIG: return "text or layer larger than 4 GiB";
	}
	return "unknown error";
}

void dp_error_clear(struct dp_error *err)
{
	if (err) {
		err->code = 0;
		err->msg[0] = '\0';
	}
}

int dp_error_vset(struct dp_error *err, int code, const char *fmt,
                  va_list ap)
{
	if (!err)
		return code;
	err->code = code;
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	return code;
}

int dp_error_set(struct dp_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	dp_error_vset(err, code, fmt, ap);
	va_end(ap);
	return code;
}

/* --------------------------------------------------------------- arena */

/* struct arena_block is in internal.h, for dp_arena_take() */

#define ARENA_MIN_BLOCK (64 * 1024)

void *dp_arena_alloc(struct dp_arena *a, size_t size)
{
	struct arena_block *b = a->head;

	size = (size + 15) & ~(size_t)15;
	if (size == 0)
		size = 16;
	if (!b || b->size - b->used < size) {
		size_t bs = size > ARENA_MIN_BLOCK ? size : ARENA_MIN_BLOCK;

		if (b && b->size * 2 > bs && b->size < (64u << 20))
			bs = b->size * 2 >= size ? b->size * 2 : bs;
		b = malloc(sizeof *b + bs);
		if (!b)
			return NULL;
		b->size = bs;
		b->used = 0;
		b->next = a->head;
		a->head = b;
		a->total += bs;
	}
	void *p = (char *)b->data + b->used;
	b->used += size;
	return p;
}

void dp_arena_reset(struct dp_arena *a)
{
	struct arena_block *b = a->head, *keep = NULL;

	/* keep the newest (largest) block if it is not huge */
	if (b && b->size <= (4u << 20)) {
		keep = b;
		b = b->next;
	}
	while (b) {
		struct arena_block *next = b->next;
		free(b);
		b = next;
	}
	a->head = keep;
	a->total = keep ? keep->size : 0;
	if (keep) {
		keep->next = NULL;
		keep->used = 0;
	}
}

void dp_arena_free(struct dp_arena *a)
{
	struct arena_block *b = a->head;

	while (b) {
		struct arena_block *next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
	a->total = 0;
}

/* ---------------------------------------------------------- byte buffer */

int dp_buf_reserve(struct dp_buf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + extra + 1) {
		if (cap > SIZE_MAX / 2)
			return DP_ENOMEM;
		cap *= 2;
	}
	char *p = realloc(b->data, cap);
	if (!p)
		return DP_ENOMEM;
	b->data = p;
	b->cap = cap;
	return 0;
}

int dp_buf_append(struct dp_buf *b, const void *p, size_t n)
{
	if (dp_buf_reserve(b, n) < 0)
		return DP_ENOMEM;
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int dp_buf_printf(struct dp_buf *b, const char *fmt, ...)
{
	va_list ap;
	char small[256];
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return DP_EINVAL;
	if ((size_t)n < sizeof small)
		return dp_buf_append(b, small, (size_t)n);
	if (dp_buf_reserve(b, (size_t)n) < 0)
		return DP_ENOMEM;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

void dp_buf_free(struct dp_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

/* ------------------------------------------------------ string helpers */

char *dp_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);

	if (p)
		memcpy(p, s, n);
	return p;
}

void dp_strv_free(char **v)
{
	if (!v)
		return;
	for (char **p = v; *p; p++)
		free(*p);
	free(v);
}

size_t dp_levenshtein(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t row[64 + 1];

	if (la > 64 || lb > 64)
		return la > lb ? la : lb;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			size_t best = diag + cost;
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

const char *dp_nearest(const char *word, const char *const *cand, size_t n)
{
	const char *best = NULL;
	size_t bestd = (size_t)-1;
	size_t limit = strlen(word) / 3;

	if (limit < 2)
		limit = 2;
	/* a word that starts a candidate ("min_len" for "min_length") */
	for (size_t i = 0; i < n && strlen(word) >= 3; i++)
		if (strncmp(cand[i], word, strlen(word)) == 0)
			return cand[i];
	for (size_t i = 0; i < n; i++) {
		size_t d = dp_levenshtein(word, cand[i]);
		if (d < bestd) {
			bestd = d;
			best = cand[i];
		}
	}
	return bestd <= limit ? best : NULL;
}

bool dp_layer_name_valid(const char *name)
{
	if (!name || !*name)
		return false;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		      *p == '_' || *p == '-' || *p == '.'))
			return false;
	return true;
}
