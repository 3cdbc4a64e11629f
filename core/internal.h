/*
 * internal.h - structures shared by the files of libdocproc. Not installed;
 * plugins see only include/docproc/docproc.h.
 */
#ifndef DP_INTERNAL_H
#define DP_INTERNAL_H

#include <docproc/docproc.h>
#include <jansson.h>
#include <stddef.h>
#include <stdio.h>

#define DP_INTERNAL __attribute__((visibility("hidden")))

/* ---------------------------------------------------------------- arena */

struct arena_block {
	struct arena_block *next;
	size_t size, used;
	max_align_t data[];
};

/* A bump allocator; dp_arena_reset() keeps the first block for reuse. */
struct dp_arena {
	struct arena_block *head;
	size_t total;         /* bytes held in blocks */
};

DP_INTERNAL void *dp_arena_alloc(struct dp_arena *a, size_t size);

/* dp_arena_alloc() with the common case inline: room left in the newest
 * block. Interning and dp_doc_alloc() take some 20 small pieces per news
 * story, where the call cost as much as the bump. Same rounding, same
 * result as dp_arena_alloc(). */
static inline void *dp_arena_take(struct dp_arena *a, size_t size)
{
	struct arena_block *b = a->head;
	size_t r = (size + 15) & ~(size_t)15;

	if (__builtin_expect(b != NULL && r != 0 && b->size - b->used >= r,
	                     1)) {
		void *p = (char *)b->data + b->used;
		b->used += r;
		return p;
	}
	return dp_arena_alloc(a, size);
}
DP_INTERNAL void dp_arena_reset(struct dp_arena *a);
DP_INTERNAL void dp_arena_free(struct dp_arena *a);

/* ------------------------------------------------------- string buffer */

struct dp_buf {
	char *data;
	size_t len;
	size_t cap;
};

DP_INTERNAL int dp_buf_reserve(struct dp_buf *b, size_t extra);
DP_INTERNAL int dp_buf_append(struct dp_buf *b, const void *p, size_t n);
DP_INTERNAL int dp_buf_printf(struct dp_buf *b, const char *fmt, ...)
	DP_PRINTF(2, 3);
DP_INTERNAL void dp_buf_free(struct dp_buf *b);

static inline int dp_buf_putc(struct dp_buf *b, char c)
{
	if (b->len + 1 >= b->cap && dp_buf_reserve(b, 1) < 0)
		return DP_ENOMEM;
	b->data[b->len++] = c;
	return 0;
}

/* ------------------------------------------- 8 bytes at a time (SWAR) */

#include <string.h>

#define DP_ONES 0x0101010101010101ULL
#define DP_HIGHS 0x8080808080808080ULL

static inline uint64_t dp_load8(const void *p)
{
	uint64_t x;

	memcpy(&x, p, 8);
	return x;
}

/* Non-zero when some byte of @x is zero / is below @n (n <= 128). Exact
 * as to whether any byte matches, which is all the callers need. */
static inline uint64_t dp_swar_zero(uint64_t x)
{
	return (x - DP_ONES) & ~x & DP_HIGHS;
}

static inline uint64_t dp_swar_less(uint64_t x, unsigned n)
{
	return (x - DP_ONES * n) & ~x & DP_HIGHS;
}

/* Whether two NUL-terminated strings are equal; the first bytes inline:
 * most layer and attribute names compared on the per-document path
 * differ there, and strcmp() is a call. */
static inline bool dp_streq(const char *a, const char *b)
{
	return a[0] == b[0] && strcmp(a, b) == 0;
}

/* Whether s[0..len) is valid UTF-8; a slice of the document's text (its
 * bytes were checked when they were read or edited) by its two ends only.
 * dp_doc_intern() and dp_layer_set_str() ask it for strings with a byte
 * beyond ASCII. */
DP_INTERNAL bool dp_doc_str_valid(const struct dp_doc *doc, const char *s,
                                  size_t len);
/* dp_doc_intern() with the reason of a failure: 0 and *id, or DP_EUTF8
 * (not valid UTF-8), DP_EINVAL (NULL, or 4 GB or more) or DP_ENOMEM, with
 * *id 0. */
DP_INTERNAL int dp_doc_intern_checked(struct dp_doc *doc, const char *s,
                                      size_t len, uint32_t *id);

/* Whether the document's text is all ASCII (every offset is then a
 * character boundary); found once per text and kept until it changes. */
DP_INTERNAL bool dp_doc_text_ascii(struct dp_doc *doc);

/* ----------------------------------------------------------- errors */

struct dp_error {
	int code;
	char msg[1024];
};

DP_INTERNAL void dp_error_clear(struct dp_error *err);
DP_INTERNAL int dp_error_vset(struct dp_error *err, int code, const char *fmt,
                              va_list ap);

/* ------------------------------------------------------------ layers */

struct dp_column {
	char *name;
	enum dp_attr_type type;
	union {
		int64_t *i;     /* INT: INT64_MIN = unset */
		uint32_t *s;    /* STR: interned id, 0 = unset */
		uint32_t *sp;   /* SPAN: 2 per entry, UINT32_MAX = unset */
	} v;
};

#define DP_INT_UNSET INT64_MIN
#define DP_SPAN_UNSET UINT32_MAX

struct dp_layer {
	struct dp_doc *doc;
	char *name;
	uint32_t *start;
	uint32_t *end;
	size_t n, cap;
	struct dp_column *cols;
	int ncols;
	bool present;      /* part of the current document */
	int owner;         /* pipeline step that created it (-1: core) */
	unsigned dirty;    /* written during the current step */
	char *jkeys;       /* JSON keys of the attributes, built on first
	                      output: 2 per column, 96 bytes each */
	uint8_t *jklen;
};

/* ---------------------------------------------------------- document */

struct dp_str {
	const char *p;
	uint32_t len;
};

struct dp_doc {
	char *id;
	size_t id_cap;
	/* meta: the input's JSON object text, kept as it came (valid JSON,
	 * checked by the reader) and written back unchanged; parsed with
	 * jansson only when a plugin sets a key. */
	struct dp_buf meta_raw;
	json_t *meta;            /* owned once modified, else NULL */
	struct dp_buf meta_tmp;  /* scratch for key lookups */

	char *text;              /* current text, NUL-terminated */
	size_t len, cap;
	signed char ascii;       /* text is all ASCII: 1 yes, 0 no, -1 not
	                            known yet (dp_doc_text_ascii()) */
	char *orig;              /* original text, NUL-terminated, once the
	                            text was edited */
	bool orig_shared;        /* not edited yet: the original is text */
	size_t orig_len, orig_cap;

	struct dp_arena arena;   /* scratch, interned strings, names */

	/* interned strings: strs[0] is the unset value */
	struct dp_str *strs;
	uint32_t nstrs, strs_cap;
	uint32_t *hash;          /* open addressing, ids; 0 = empty */
	uint32_t hash_cap;

	struct dp_layer **layers;
	size_t nlayers, layers_cap;
	struct dp_layer *edits;  /* the built-in edits layer (in layers) */

	size_t dropped;

	/* the step running now: which layers it may write */
	int step;
	const char *const *step_provides;
	bool step_may_edit;
	struct dp_error fail;

	/* allocation failure injection: countdown, 0 = off */
	long fail_alloc_after;
	bool alloc_failed;
};

DP_INTERNAL struct dp_doc *dp_doc_new(void);
DP_INTERNAL void dp_doc_free(struct dp_doc *doc);
/* Starts a new document: copies id, text and @meta, the text of a JSON
 * object (valid JSON, e.g. checked by the reader; NULL: {}). Returns 0 or
 * DP_ENOMEM / DP_ETOOBIG. */
DP_INTERNAL int dp_doc_reset(struct dp_doc *doc, const char *id,
                             const char *text, size_t len, const char *meta,
                             size_t meta_len);
/* dp_doc_reset() with the text in @text (text->len bytes), taken rather
 * than copied: the document keeps text->data and leaves its previous
 * buffer in @text (length 0) for the next record to be decoded into.
 * Falls back to a copy when @text has no room for the DP_TEXT_PAD zero
 * bytes after the text. */
DP_INTERNAL int dp_doc_reset_take(struct dp_doc *doc, const char *id,
                                  struct dp_buf *text, const char *meta,
                                  size_t meta_len);
/* The string value of @key in the JSON object text @obj, decoded into
 * @out; 1 found, 0 absent or not a string, <0 error. */
DP_INTERNAL int dp_json_object_string(const char *obj, size_t len,
                                      const char *key, struct dp_buf *out);
/* Where the value of the top-level member @key of the JSON object text
 * @obj lies: [*vstart, *vend) and 1, or 0 when there is none, with both
 * at the object's closing brace; <0 when @obj is not an object. @tmp is
 * scratch. */
DP_INTERNAL int dp_json_object_member(const char *obj, size_t len,
                                      const char *key, size_t *vstart,
                                      size_t *vend, struct dp_buf *tmp);
/* Counts an allocation against the failure injection; false = fail it. */
DP_INTERNAL bool dp_doc_charge(struct dp_doc *doc);
DP_INTERNAL void *dp_doc_realloc(struct dp_doc *doc, void *p, size_t size);
DP_INTERNAL const struct dp_str *dp_doc_str(const struct dp_doc *doc,
                                            uint32_t id);
DP_INTERNAL void dp_layer_release(struct dp_layer *l);
/* dp_layer_add() without the ownership check, for the core's own layers
 * (the edits log is written while a plugin's step is running). */
DP_INTERNAL long dp_layer_append(struct dp_layer *l, size_t start,
                                 size_t end);
DP_INTERNAL void dp_layer_clear(struct dp_layer *l);
DP_INTERNAL int dp_layer_sort(struct dp_layer *l);
DP_INTERNAL bool dp_layer_is_sorted(const struct dp_layer *l);
DP_INTERNAL struct dp_layer *dp_doc_layer_new(struct dp_doc *doc,
                                              const char *name,
                                              const struct dp_attr_def *a,
                                              size_t n, int owner);
/* The edits layer, created (empty) if the document has none yet. */
DP_INTERNAL struct dp_layer *dp_doc_edits_layer(struct dp_doc *doc);
/* Shift the spans of every layer but the edits layer through a batch of
 * sorted, disjoint edits (old coordinates). */
DP_INTERNAL int dp_layers_shift(struct dp_doc *doc, const struct dp_edit *e,
                                size_t n);

/* ---------------------------------------------------------- options */

struct dp_optval {
	const struct dp_option_def *def;
	bool set;
	bool b;
	int64_t i;
	double d;
	char *s;
	char **list;
	size_t nlist;
};

struct dp_options {
	struct dp_optval *v;
	size_t n;
};

DP_INTERNAL void dp_options_free(struct dp_options *o);

/* ---------------------------------------------------------- plugins */

struct dp_module {
	char *path;              /* file it was loaded from */
	void *handle;            /* lt_dlhandle */
	const struct dp_plugin *desc;
};

/* One loaded, initialised pipeline step. */
struct dp_step {
	struct dp_module mod;
	struct dp_options opts;
	void *state;
	bool inited;
	bool may_edit;   /* "edits" is in its provides (asked per document) */
	/* where the step was configured, for messages */
	char *where;
};

/* The search path for plugins, in order. */
struct dp_search {
	char **dirs;
	size_t n;
};

DP_INTERNAL int dp_search_init(struct dp_search *s, char *const *cfg_dirs,
                               size_t ncfg, struct dp_error *err);
DP_INTERNAL void dp_search_free(struct dp_search *s);
/* Names every plugin file found in the search path (for did-you-mean and
 * --list-plugins). Returns a NULL-terminated malloc'd array. */
DP_INTERNAL char **dp_search_list(const struct dp_search *s);
DP_INTERNAL void dp_strv_free(char **v);

DP_INTERNAL int dp_module_open(struct dp_module *m, const char *name_or_path,
                               const struct dp_search *s,
                               struct dp_error *err);
DP_INTERNAL void dp_module_close(struct dp_module *m);

/* ---------------------------------------------------------- utilities */

DP_INTERNAL size_t dp_levenshtein(const char *a, const char *b);
/* The candidate nearest to @word (distance <= max(2, len/3)), or NULL. */
DP_INTERNAL const char *dp_nearest(const char *word, const char *const *cand,
                                   size_t n);
DP_INTERNAL char *dp_strdup(const char *s);
DP_INTERNAL bool dp_layer_name_valid(const char *name);

/* The directories of the build tree or the installation, decided from
 * where the running program lives. */
DP_INTERNAL bool dp_in_build_tree(void);
DP_INTERNAL const char *dp_builtin_plugin_dir(void);
DP_INTERNAL const char *dp_default_config_path(void);

#endif
