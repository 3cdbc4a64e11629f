/*
 * tokenize.h - the tokenizer's engine, independent of the docproc core.
 *
 * The plugin (tokenizer.c) and the benchmarks call these functions; they
 * know nothing of documents or layers. Output goes to growable arrays whose
 * memory comes from a caller-supplied allocator (the document arena in the
 * plugin, realloc in the benchmark).
 */
#ifndef TOKENIZER_TOKENIZE_H
#define TOKENIZER_TOKENIZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Token kinds; tok_kind_name() gives the layer's `kind` value. */
enum tok_kind {
	TK_WORD, TK_NUMBER, TK_PUNCT, TK_QUOTE, TK_SYMBOL, TK_URL, TK_EMAIL,
	TK_HASHTAG, TK_MENTION, TK_EMOJI,
	TK_COUNT       /* at most 16: struct tok_list's has_kind */
};

const char *tok_kind_name(enum tok_kind k);

/* Token flags: what the sentence splitter needs to know. */
enum tok_flag {
	TF_UPPER = 1 << 0,    /* starts with an uppercase or titlecase letter */
	TF_LOWER = 1 << 1,    /* starts with a lowercase letter */
	TF_ABBREV = 1 << 2,   /* ends with an abbreviation period (Mr., U.S.) */
	TF_OPEN = 1 << 3,     /* quote or bracket that opens */
	TF_CLOSE = 1 << 4,    /* quote or bracket that closes */
	TF_TERM = 1 << 5,     /* . ! ? ... and runs of them */
	TF_PERIOD = 1 << 6,   /* TF_TERM made only of one period */
	TF_CONT = 1 << 7,     /* , ; : (a sentence goes on after them) */
};

/* Sentence behaviour of an abbreviation (the class stored per token). */
enum abbr_class {
	ABBR_NONE,
	ABBR_TITLE,    /* Mr. Dr. Gen. e.g.: the sentence never ends here */
	ABBR_INITIAL,  /* J. (one capital letter) */
	ABBR_PLAIN,    /* U.S. Jan. No.: ends before a sentence-starting word */
	ABBR_TERMINAL, /* etc. Inc. a.m.: ends before any capitalised word */
};

/* Allocator: returns a block of @newsize bytes holding the first @oldsize
 * bytes of @old (like realloc; an arena may copy and leave @old), or NULL. */
struct tok_alloc {
	void *(*grow)(void *ctx, void *old, size_t oldsize, size_t newsize);
	void *ctx;
	bool arena;    /* grow() never frees or moves @old (an arena): the
	                  first arrays of a list may share one block */
};

/* Spans with kind, flags and abbreviation class, in text order. */
struct tok_list {
	uint32_t *start;
	uint32_t *end;
	uint8_t *kind;
	uint8_t *flags;
	uint8_t *abbr;
	uint8_t *gap;       /* line breaks between the previous token and this
	                       one: 0, 1, or 2 for two or more */
	size_t n, cap;
	size_t zeroed;      /* kind, abbr and gap are 0 from n to here (news.c's
	                       fast path stores only nonzero ones); <= cap */
	uint8_t has_kind[16]; /* 1 where some token has that kind (the
	                         plugin interns only the names it needs) */
	struct tok_alloc alloc;
};

/* Sentences: spans over the text, in order. */
struct span_list {
	uint32_t *start;
	uint32_t *end;
	size_t n, cap;
	struct tok_alloc alloc;
};

/* A sorted set of abbreviations (lowercase, without the final period). */
struct abbr_entry {
	const char *text;
	uint8_t len;
	uint8_t cls;   /* enum abbr_class */
	uint32_t next; /* 1 + the index of the next entry with the same
	                  abbr_bloom_hash() (0: none), see abbr_set.head */
};

struct abbr_set {
	struct abbr_entry *v;  /* sorted by text */
	size_t n;
	char *pool;            /* owns the strings of user entries */
	uint64_t bloom[32];    /* one bit per entry's hash: most words that
	                          end a sentence are rejected without a search */
	uint64_t lens;         /* bit k: an entry of k bytes (bit 63: of 63
	                          or more); rejects most words before hashing */
	uint64_t pairs[16];    /* bit abbr_pair_key(): an entry of two bytes
	                          or more starts with that pair; rejects most
	                          words before the hash (about 100 of the
	                          1,024 keys are set) */
	uint32_t head[2048];   /* 1 + the index of the first entry of each
	                          abbr_bloom_hash() value (0: none): a lookup
	                          that passes the bloom filter walks a chain of
	                          one or two entries instead of a binary search
	                          with a library call per probe */
};

/* Builds the set from the built-in list plus @extra user entries (each with
 * or without a final period; they get ABBR_PLAIN unless built in). Returns
 * 0 or -1 on allocation failure; on failure *set is left empty. */
int abbr_set_init(struct abbr_set *set, const char *const *extra,
                  size_t nextra);
void abbr_set_free(struct abbr_set *set);
/* The class of s[0..len) (compared ASCII-case-insensitively), or ABBR_NONE */
enum abbr_class abbr_lookup(const struct abbr_set *set, const char *s,
                            size_t len);

/* FNV-1a of the ASCII-lowercased text, folded to 11 bits: the bloom
 * filter's bit. */
static inline unsigned abbr_bloom_hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		h = (h ^ (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c)) *
		    16777619u;
	}
	return (h ^ (h >> 11) ^ (h >> 22)) & 2047;
}

/* The first two bytes of a text of two or more, case folded for ASCII
 * letters, as 10 bits (other bytes may share a key with a letter: the
 * filter only gets weaker). */
static inline unsigned abbr_pair_key(const char *s)
{
	return (((unsigned char)s[0] | 32u) & 31u) << 5 |
	       (((unsigned char)s[1] | 32u) & 31u);
}

/* False when abbr_lookup(@set, @s, @len) certainly gives ABBR_NONE (no
 * entry of that length or with those first two bytes, or the bloom
 * filter says no): inline and with no call, for the tokenizer's fast
 * loop. */
static inline bool abbr_maybe(const struct abbr_set *set, const char *s,
                              size_t len)
{
	unsigned h;

	if (len == 0 || len > 255 ||
	    !(set->lens & ((uint64_t)1 << (len < 63 ? len : 63))))
		return false;
	if (len >= 2) {
		unsigned k = abbr_pair_key(s);

		if (!((set->pairs[k >> 6] >> (k & 63)) & 1))
			return false;
	}
	h = abbr_bloom_hash(s, len);
	return (set->bloom[h >> 6] >> (h & 63)) & 1;
}

struct news_opts {
	const struct abbr_set *abbrevs;
	bool split_clitics;
	bool newline_breaks;
};

/* Tokenizes s[0..len) in news mode, appending to @out. 0 or -1 (no
 * memory). s[len .. len + DP_TEXT_PAD) must be readable zero bytes, as
 * after a document's text (docproc.h, ABI 1.2). */
int news_tokenize(const struct news_opts *o, const char *s, size_t len,
                  struct tok_list *out);

/* News-mode matchers (web.c): the end of a URL with a scheme or www.,
 * of a bare domain with a known top-level domain (reuters.com/path), or
 * of an e-mail address starting at s[i]; 0 if there is none. */
size_t web_match_url(const char *s, size_t len, size_t i);
size_t web_match_domain(const char *s, size_t len, size_t i);
size_t web_match_email(const char *s, size_t len, size_t i);

/* Splits the tokens of news_tokenize() into sentences. 0 or -1. */
int news_sentences(const struct news_opts *o, const char *s, size_t len,
                   const struct tok_list *toks, struct span_list *out);

/* UAX #29 word segmentation: appends every segment holding a letter, digit,
 * punctuation or symbol to @out (kind from its first such character). */
int uax29_tokenize(const char *s, size_t len, struct tok_list *out);
/* UAX #29 sentence segmentation; each sentence is trimmed of white space
 * at both ends and dropped if nothing is left. */
int uax29_sentences(const char *s, size_t len, struct span_list *out);

/* UAX #29 word and sentence boundaries are independent: with unusual
 * sequences (an emoji modifier right after a period) a sentence boundary
 * can fall inside a word. Joins the two sentences around any such
 * boundary, so that every token lies inside one sentence. */
void uax29_join_sentences(struct span_list *sents,
                          const struct tok_list *toks);

/* Raw UAX #29 boundaries (every segment, white space included): calls
 * @cb(ctx, offset) for each boundary after offset 0, ending with len.
 * For conformance tests. @sentence selects sentence instead of word
 * breaks; @grapheme grapheme clusters. */
int uax29_boundaries(const char *s, size_t len, int which,
                     void (*cb)(void *ctx, size_t off), void *ctx);
#define UAX29_WORD 0
#define UAX29_SENTENCE 1
#define UAX29_GRAPHEME 2

/* End of the extended grapheme cluster starting at s[i] (UAX #29). */
size_t grapheme_end(const char *s, size_t len, size_t i);

/* Append helpers shared by the engines; 0 or -1 (no memory). */
int tok_grow(struct tok_list *t);
/* Makes room for @more entries past t->n and zeroes their kind, abbr and
 * gap (t->zeroed; tok_grow() zeroes the entries it adds), so that a
 * writer may leave zero values unstored. 0 or -1 (no memory). */
int tok_prepare(struct tok_list *t, size_t more);
/* Doubles the capacity of @l (64 entries at first). 0 or -1. */
int span_grow(struct span_list *l);

/* Appends one span: inline, one call per sentence cost more than the
 * store. 0 or -1 (no memory). */
static inline int span_push(struct span_list *l, size_t start, size_t end)
{
	if (l->n == l->cap && span_grow(l) < 0)
		return -1;
	l->start[l->n] = (uint32_t)start;
	l->end[l->n] = (uint32_t)end;
	l->n++;
	return 0;
}

static inline int tok_push(struct tok_list *t, size_t start, size_t end,
                           int kind, int flags, int abbr, int gap)
{
	size_t n = t->n;
	uint32_t *s, *e;
	uint8_t *k, *f, *a, *g;

	if (n == t->cap && tok_grow(t) < 0)
		return -1;
	/* the pointers are read before any store: a byte store may alias
	 * *t, and would make the compiler read them again after each one */
	s = t->start;
	e = t->end;
	k = t->kind;
	f = t->flags;
	a = t->abbr;
	g = t->gap;
	s[n] = (uint32_t)start;
	e[n] = (uint32_t)end;
	k[n] = (uint8_t)kind;
	f[n] = (uint8_t)flags;
	a[n] = (uint8_t)abbr;
	g[n] = (uint8_t)gap;
	t->has_kind[kind & 15] = 1;
	t->n = n + 1;
	return 0;
}

/* Decodes one code point at s[*i] (advancing *i); invalid bytes give
 * U+FFFD and advance one byte. */
int32_t tok_decode(const char *s, size_t len, size_t *i);

#endif /* TOKENIZER_TOKENIZE_H */
