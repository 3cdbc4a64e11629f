/*
 * doc.c - the document record: id, meta, texts, scratch arena, interned
 * strings. Edits live in edit.c, layers in layer.c.
 */
#include "config.h"
#include "internal.h"
#include "json_write.h"

#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

struct dp_doc *dp_doc_new(void)
{
	struct dp_doc *doc = calloc(1, sizeof *doc);

	if (!doc)
		return NULL;
	doc->step = -1;
	return doc;
}

static void doc_clear_strings(struct dp_doc *doc)
{
	doc->nstrs = 1;  /* id 0: unset */
	if (doc->hash)
		memset(doc->hash, 0, doc->hash_cap * sizeof *doc->hash);
}

void dp_doc_free(struct dp_doc *doc)
{
	if (!doc)
		return;
	for (size_t i = 0; i < doc->nlayers; i++)
		dp_layer_release(doc->layers[i]);
	free(doc->layers);
	free(doc->strs);
	free(doc->hash);
	free(doc->id);
	free(doc->text);
	free(doc->orig);
	json_decref(doc->meta);
	dp_buf_free(&doc->meta_raw);
	dp_buf_free(&doc->meta_tmp);
	dp_arena_free(&doc->arena);
	free(doc);
}

bool dp_doc_charge(struct dp_doc *doc)
{
	if (doc->fail_alloc_after <= 0)
		return true;
	if (--doc->fail_alloc_after == 0) {
		doc->alloc_failed = true;
		return false;
	}
	return true;
}

void *dp_doc_realloc(struct dp_doc *doc, void *p, size_t size)
{
	if (!dp_doc_charge(doc))
		return NULL;
	return realloc(p, size);
}

/* Copies @src (@len bytes) into *@dst followed by @pad zero bytes (at
 * least the NUL), growing the buffer as needed. */
static int copy_text(struct dp_doc *doc, char **dst, size_t *cap,
                     const char *src, size_t len, size_t pad)
{
	if (len + pad > *cap) {
		size_t ncap = len + pad < 4096 ? 4096 : len + pad;
		char *p = dp_doc_realloc(doc, *dst, ncap);
		if (!p)
			return DP_ENOMEM;
		*dst = p;
		*cap = ncap;
	}
	if (len)
		memcpy(*dst, src, len);
	memset(*dst + len, 0, pad);
	return 0;
}

int dp_doc_reset(struct dp_doc *doc, const char *id, const char *text,
                 size_t len, const char *meta, size_t meta_len)
{
	int rc;

	if (len >= UINT32_MAX)
		return DP_ETOOBIG;
	dp_arena_reset(&doc->arena);
	doc_clear_strings(doc);
	for (size_t i = 0; i < doc->nlayers; i++)
		dp_layer_clear(doc->layers[i]);
	doc->edits = NULL;
	doc->dropped = 0;
	doc->step = -1;
	doc->step_provides = NULL;
	doc->step_may_edit = false;
	doc->alloc_failed = false;
	dp_error_clear(&doc->fail);

	json_decref(doc->meta);
	doc->meta = NULL;
	if (!meta) {
		meta = "{}";
		meta_len = 2;
	}
	doc->meta_raw.len = 0;
	if (!dp_doc_charge(doc) ||
	    dp_buf_append(&doc->meta_raw, meta, meta_len) < 0)
		return DP_ENOMEM;

	rc = copy_text(doc, &doc->id, &doc->id_cap, id, strlen(id), 1);
	if (rc == 0)
		rc = copy_text(doc, &doc->text, &doc->cap, text, len,
		               DP_TEXT_PAD);
	/* the original is the text until the first edit (edit.c keeps the
	 * old buffer as the original then): most documents are never edited
	 * and need no second copy */
	doc->orig_shared = true;
	if (rc < 0)
		return rc;
	doc->len = len;
	doc->ascii = -1;
	doc->orig_len = len;
	/* Shrink buffers a huge document left behind, so memory stays flat. */
	return 0;
}

int dp_doc_reset_take(struct dp_doc *doc, const char *id,
                      struct dp_buf *text, const char *meta, size_t meta_len)
{
	size_t len = text->len;
	int rc;

	if (!text->data || len + DP_TEXT_PAD > text->cap)
		return dp_doc_reset(doc, id, text->data ? text->data : "", len,
		                    meta, meta_len);
	if (len >= UINT32_MAX)
		return DP_ETOOBIG;
	/* everything else as usual, with an empty text; then the buffers
	 * change hands (both are malloc'd and grow by realloc) */
	rc = dp_doc_reset(doc, id, "", 0, meta, meta_len);
	if (rc < 0)
		return rc;
	char *old = doc->text;
	size_t old_cap = doc->cap;
	doc->text = text->data;
	doc->cap = text->cap;
	memset(doc->text + len, 0, DP_TEXT_PAD);
	doc->len = len;
	doc->orig_len = len;
	text->data = old;
	text->cap = old_cap;
	text->len = 0;
	return 0;
}

bool dp_doc_text_ascii(struct dp_doc *doc)
{
	if (doc->ascii < 0) {
		const unsigned char *s = (const unsigned char *)doc->text;
		size_t i = 0, n = doc->len;
		uint64_t acc = 0;
		/* OR of every byte: only bit 7 matters */
#ifdef __SSE2__
		/* 64 bytes a step in four registers, one movemask at the end */
		__m128i v = _mm_setzero_si128();
		while (n >= 64) {   /* left by the break only */
			v = _mm_or_si128(v, _mm_or_si128(
				_mm_or_si128(_mm_loadu_si128((const __m128i *)(const void *)(s + i)),
				             _mm_loadu_si128((const __m128i *)(const void *)(s + i + 16))),
				_mm_or_si128(_mm_loadu_si128((const __m128i *)(const void *)(s + i + 32)),
				             _mm_loadu_si128((const __m128i *)(const void *)(s + i + 48)))));
			i += 64;
			if (i + 64 <= n)
				continue;
			if (i == n)
				break;
			/* the last block overlaps the one before: no tail */
			i = n - 64;
		}
		if (_mm_movemask_epi8(v))
			acc = DP_HIGHS;
#endif
		for (; i + 32 <= n; i += 32)
			acc |= dp_load8(s + i) | dp_load8(s + i + 8) |
			       dp_load8(s + i + 16) | dp_load8(s + i + 24);
		for (; i + 8 <= n; i += 8)
			acc |= dp_load8(s + i);
		for (; i < n; i++)
			acc |= s[i];
		doc->ascii = (acc & DP_HIGHS) == 0;
	}
	return doc->ascii != 0;
}

const char *dp_doc_id(const struct dp_doc *doc)
{
	return doc->id ? doc->id : "";
}

const char *dp_doc_text(const struct dp_doc *doc, size_t *len)
{
	/* (no text yet: DP_TEXT_PAD zero bytes all the same) */
	static const char none[DP_TEXT_PAD];

	if (len)
		*len = doc->len;
	return doc->text ? doc->text : none;
}

const char *dp_doc_orig_text(const struct dp_doc *doc, size_t *len)
{
	if (len)
		*len = doc->orig_len;
	if (doc->orig_shared)
		return doc->text ? doc->text : "";
	return doc->orig ? doc->orig : "";
}

const char *dp_doc_meta(const struct dp_doc *doc, const char *key)
{
	struct dp_doc *d = (struct dp_doc *)doc;   /* scratch only */
	char *copy;
	json_t *v;

	if (!key)
		return NULL;
	if (doc->meta) {
		v = json_object_get(doc->meta, key);
		return json_is_string(v) ? json_string_value(v) : NULL;
	}
	if (dp_json_object_string(doc->meta_raw.data, doc->meta_raw.len, key,
	                          &d->meta_tmp) <= 0)
		return NULL;
	copy = dp_doc_alloc(d, d->meta_tmp.len + 1);
	if (!copy)
		return NULL;
	memcpy(copy, d->meta_tmp.data, d->meta_tmp.len + 1);
	return copy;
}

/* Sets the member in the JSON text itself, so that every other value
 * stays byte for byte as it came: jansson cannot hold integers beyond 64
 * bits, reals beyond a double or "\u0000" in keys, and a document whose
 * meta holds one must not fail because a plugin sets a key. */
int dp_doc_meta_set(struct dp_doc *doc, const char *key, const char *value)
{
	struct dp_buf nb = {0};
	const char *raw;
	size_t a, b;
	int rc, found;

	if (!key || !value)
		return DP_EINVAL;
	if (!dp_utf8_valid(key, strlen(key)) ||
	    !dp_utf8_valid(value, strlen(value)))
		return DP_EUTF8;
	if (!dp_doc_charge(doc))
		return DP_ENOMEM;
	if (doc->meta) {   /* set through jansson before: back to text */
		doc->meta_raw.len = 0;
		if (dp_json_value(&doc->meta_raw, doc->meta) < 0)
			return DP_ENOMEM;
		json_decref(doc->meta);
		doc->meta = NULL;
	}
	raw = doc->meta_raw.data;
	found = dp_json_object_member(raw, doc->meta_raw.len, key, &a, &b,
	                              &doc->meta_tmp);
	if (found < 0)
		return DP_EINVAL;
	if (!found)   /* a new member after the last one */
		while (a > 0 && (raw[a - 1] == ' ' || raw[a - 1] == '\t' ||
		                 raw[a - 1] == '\n' || raw[a - 1] == '\r'))
			b = --a;
	rc = dp_buf_reserve(&nb, doc->meta_raw.len + strlen(key) * 6 +
	                         strlen(value) * 6 + 8);
	if (rc == 0)
		rc = dp_buf_append(&nb, raw, a);
	if (rc == 0 && !found) {
		if (a > 0 && raw[a - 1] != '{')
			rc = dp_buf_putc(&nb, ',');
		if (rc == 0)
			rc = dp_json_string(&nb, key, strlen(key));
		if (rc == 0)
			rc = dp_buf_putc(&nb, ':');
	}
	if (rc == 0)
		rc = dp_json_string(&nb, value, strlen(value));
	if (rc == 0)
		rc = dp_buf_append(&nb, raw + b, doc->meta_raw.len - b);
	if (rc < 0) {
		dp_buf_free(&nb);
		return DP_ENOMEM;
	}
	dp_buf_free(&doc->meta_raw);
	doc->meta_raw = nb;
	return 0;
}

void *dp_doc_alloc(struct dp_doc *doc, size_t size)
{
	if (!dp_doc_charge(doc))
		return NULL;
	return dp_arena_take(&doc->arena, size);
}

int dp_doc_fail(struct dp_doc *doc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	dp_error_vset(&doc->fail, DP_EPLUGIN, fmt, ap);
	va_end(ap);
	return DP_EPLUGIN;
}

size_t dp_doc_dropped_spans(const struct dp_doc *doc)
{
	return doc->dropped;
}

/* ------------------------------------------------------------ interning */

/* The bytes of a string of at most 32 bytes in at most four loads,
 * without a byte loop: two overlapping 8-byte words (and two more beyond
 * 16 bytes), two 4-byte ones, or 3 single bytes below 4. Returns their
 * OR (bit 7 of a lane: a byte beyond ASCII) and in *a and *b two words
 * for hash_mix(). With @dst the words are stored there too (dst[0, len),
 * nothing beyond): interning copies a new string with the loads that hash
 * it, behind one test of the length for both. */
static inline __attribute__((always_inline)) uint64_t
load_short(const char *s, size_t len, char *dst, uint64_t *a, uint64_t *b)
{
	if (len >= 8) {
		uint64_t w0 = dp_load8(s), w3 = dp_load8(s + len - 8);
		if (dst) {
			memcpy(dst, &w0, 8);
			memcpy(dst + len - 8, &w3, 8);
		}
		if (len > 16) {
			uint64_t w1 = dp_load8(s + 8), w2 = dp_load8(s + len - 16);
			if (dst) {
				memcpy(dst + 8, &w1, 8);
				memcpy(dst + len - 16, &w2, 8);
			}
			*a = w0 ^ (w1 << 32 | w1 >> 32);
			*b = w3 ^ (w2 << 32 | w2 >> 32);
			return w0 | w1 | w2 | w3;
		}
		*a = w0;
		*b = w3;
		return w0 | w3;
	}
	if (len >= 4) {
		uint32_t x, y;
		memcpy(&x, s, 4);
		memcpy(&y, s + len - 4, 4);
		if (dst) {
			memcpy(dst, &x, 4);
			memcpy(dst + len - 4, &y, 4);
		}
		*a = x;
		*b = y;
		return x | y;
	}
	if (len) {
		unsigned char c0 = (unsigned char)s[0];
		unsigned char c1 = (unsigned char)s[len / 2];
		unsigned char c2 = (unsigned char)s[len - 1];
		if (dst) {
			dst[0] = (char)c0;
			dst[len / 2] = (char)c1;
			dst[len - 1] = (char)c2;
		}
		*a = (uint64_t)c2 << 16 | (uint64_t)c1 << 8 | c0;
		*b = 0;
		return *a;
	}
	*a = *b = 0;
	return 0;
}

/* Two words and the length into 32 bits: multiply-xorshift, the high
 * halves folded down before and after the multiplies (the table takes
 * the low bits). */
static inline uint32_t hash_mix(uint64_t a, uint64_t b, size_t len)
{
	uint64_t h = (a ^ len ^ 0x9E3779B97F4A7C15ull) * 0xFF51AFD7ED558CCDull;
	h ^= h >> 32;
	h = (h ^ b) * 0xC4CEB9FE1A85EC53ull;
	h ^= h >> 32;
	return (uint32_t)h;
}

/* The hash of a string: up to 32 bytes through load_short() (most
 * interned strings are kind names and dates), longer ones (quote texts,
 * edit strings) 8 bytes per step and the tail in one more load. *bytes
 * gets the OR of the bytes read (they cover every byte), whose bit 7 in
 * a lane tells the caller whether the string has a byte beyond ASCII. */
static inline __attribute__((always_inline)) uint32_t
str_hash(const char *s, size_t len, uint64_t *bytes)
{
	uint64_t h = 0x9E3779B97F4A7C15ull ^ len, acc = 0;
	size_t i = 0;

	if (len <= 32) {
		uint64_t a, b;
		*bytes = load_short(s, len, NULL, &a, &b);
		return hash_mix(a, b, len);
	}
	for (; i + 8 <= len; i += 8) {
		uint64_t w = dp_load8(s + i);
		acc |= w;
		h ^= w;
		h *= 0xFF51AFD7ED558CCDull;
		h ^= h >> 32;
	}
	if (i < len) {
		/* the last 1 to 7 bytes: the last 8 of the string,
		 * overlapping what was hashed */
		uint64_t t = dp_load8(s + len - 8);
		acc |= t;
		h ^= t;
		h *= 0xFF51AFD7ED558CCDull;
	}
	h ^= h >> 29;
	h *= 0xC4CEB9FE1A85EC53ull;
	h ^= h >> 32;
	*bytes = acc;
	return (uint32_t)h;
}

static int intern_grow(struct dp_doc *doc)
{
	uint32_t ncap = doc->hash_cap ? doc->hash_cap * 2 : 256;
	uint32_t *nh = dp_doc_realloc(doc, NULL, ncap * sizeof *nh);

	if (!nh)
		return DP_ENOMEM;
	memset(nh, 0, ncap * sizeof *nh);
	for (uint32_t id = 1; id < doc->nstrs; id++) {
		uint64_t bytes;
		uint32_t h = str_hash(doc->strs[id].p, doc->strs[id].len,
		                      &bytes);
		uint32_t k = h & (ncap - 1);
		while (nh[k])
			k = (k + 1) & (ncap - 1);
		nh[k] = id;
	}
	free(doc->hash);
	doc->hash = nh;
	doc->hash_cap = ncap;
	return 0;
}

bool dp_doc_str_valid(const struct dp_doc *doc, const char *s, size_t len)
{
	/* compared as integers: @s may point into another object */
	uintptr_t ps = (uintptr_t)s, pt = (uintptr_t)doc->text;

	if (doc->text && ps >= pt && ps - pt <= doc->len &&
	    len <= doc->len - (ps - pt)) {
		/* a slice of the text, which was checked when it was read or
		 * edited: valid exactly when both ends are on character
		 * boundaries (text[len] is the NUL) */
		const unsigned char *t = (const unsigned char *)doc->text;
		size_t a = ps - pt;
		return (t[a] & 0xC0) != 0x80 && (t[a + len] & 0xC0) != 0x80;
	}
	return dp_utf8_valid(s, len);
}

/* Records the new string @copy (@len bytes, its NUL written here) as id
 * @nid in table slot @k: the last step of both paths of interning. */
static inline void intern_add(struct dp_doc *doc, uint32_t nid, uint32_t k,
                              char *copy, size_t len)
{
	copy[len] = '\0';
	doc->strs[nid].p = copy;
	doc->strs[nid].len = (uint32_t)len;
	doc->hash[k] = nid;
	doc->nstrs = nid + 1;
}

/* The whole of interning, inlined in dp_doc_intern_checked() and in
 * intern_slow() (dp_doc_intern() used to reach it two calls deep). */
static inline __attribute__((always_inline)) int
intern(struct dp_doc *doc, const char *s, size_t len, uint32_t *id)
{
	uint32_t h, k, mask;
	uint64_t bytes;

	*id = 0;
	if (!s || len >= UINT32_MAX)
		return DP_EINVAL;
	/* the hash reads every byte anyway: only a string with a byte
	 * beyond ASCII needs the UTF-8 check */
	h = str_hash(s, len, &bytes);
	if ((bytes & DP_HIGHS) && !dp_doc_str_valid(doc, s, len))
		return DP_EUTF8;
	if (doc->nstrs == 0)
		doc->nstrs = 1;
	if ((doc->nstrs + 1) * 2 > doc->hash_cap && intern_grow(doc) < 0)
		return DP_ENOMEM;
	mask = doc->hash_cap - 1;
	k = h & mask;
	for (uint32_t hid; (hid = doc->hash[k]) != 0; k = (k + 1) & mask) {
		const struct dp_str *e = &doc->strs[hid];
		if (e->len == len && memcmp(e->p, s, len) == 0) {
			*id = hid;
			return 0;
		}
	}
	if (doc->nstrs >= doc->strs_cap) {
		uint32_t ncap = doc->strs_cap ? doc->strs_cap * 2 : 64;
		struct dp_str *ns = dp_doc_realloc(doc, doc->strs,
		                                   ncap * sizeof *ns);
		if (!ns)
			return DP_ENOMEM;
		doc->strs = ns;
		doc->strs_cap = ncap;
	}
	if (!dp_doc_charge(doc))
		return DP_ENOMEM;
	char *copy = dp_arena_take(&doc->arena, len + 1);
	if (!copy)
		return DP_ENOMEM;
	memcpy(copy, s, len);
	*id = doc->nstrs;
	intern_add(doc, *id, k, copy, len);
	return 0;
}

int dp_doc_intern_checked(struct dp_doc *doc, const char *s, size_t len,
                          uint32_t *id)
{
	return intern(doc, s, len, id);
}

/* dp_doc_intern() when the fast path below does not apply: the whole
 * of intern(), out of line. */
static __attribute__((noinline)) uint32_t
intern_slow(struct dp_doc *doc, const char *s, size_t len)
{
	uint32_t id;

	if (intern(doc, s, len, &id) == DP_EUTF8)
		dp_error_set(&doc->fail, DP_EUTF8, "a string to intern is not "
		             "valid UTF-8 (%zu bytes)", len);
	return id;
}

/* Most calls intern a short ASCII string new to the document (a date's
 * text or value, a kind name), whose first slot in the table is free,
 * with room in the table, the string array and the arena's block and no
 * allocation failure being injected: that case is done here with no call
 * at all, so that the function needs no stack frame, and it puts the
 * string where intern() would. The string is copied into the free space
 * of the arena's block while it is loaded for the hash, and the space
 * taken only if the string is new. Everything else (a string seen
 * before, a collision, a byte beyond ASCII, a table to grow) goes to
 * intern_slow(). */
uint32_t dp_doc_intern(struct dp_doc *doc, const char *s, size_t len)
{
	if (s && len <= 32) {
		uint32_t n = doc->nstrs;
		struct arena_block *b = doc->arena.head;
		size_t r = (len + 16) & ~(size_t)15;   /* len + 1, rounded */

		/* & rather than &&: one branch, all of them true as a rule */
		if (b && ((b->size - b->used >= r) & (n != 0) &
		          ((n + 1) * 2 <= doc->hash_cap) & (n < doc->strs_cap) &
		          (doc->fail_alloc_after <= 0))) {
			char *copy = (char *)b->data + b->used;
			uint64_t wa, wb;
			uint64_t bytes = load_short(s, len, copy, &wa, &wb);
			uint32_t k = hash_mix(wa, wb, len) & (doc->hash_cap - 1);

			if (!(bytes & DP_HIGHS) && doc->hash[k] == 0) {
				b->used += r;
				intern_add(doc, n, k, copy, len);
				return n;
			}
		}
	}
	return intern_slow(doc, s, len);
}

const struct dp_str *dp_doc_str(const struct dp_doc *doc, uint32_t id)
{
	if (id == 0 || id >= doc->nstrs)
		return NULL;
	return &doc->strs[id];
}
