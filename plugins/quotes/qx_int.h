/*
 * qx_int.h - internal structures shared by the engine's files:
 *   lexicon.c  word classes and reporting cues
 *   lexer.c    words, punctuation, quote marks and sentences
 *   marks.c    pairing quote marks into quotations
 *   cues.c     reporting cues, speaker phrases, reported speech
 *   speakers.c speaker entities: pronouns, descriptions, fullest mention
 *   attrib.c   classifying quotations and giving each a cue and speaker
 */
#ifndef QUOTES_QX_INT_H
#define QUOTES_QX_INT_H

#include <string.h>

#include "qx.h"

/* ---- lexicon ---------------------------------------------------------- */

/* Word classes (bits). */
enum {
	L_ROLE = 1 << 0,     /* person role noun: spokesman, minister */
	L_ORG = 1 << 1,      /* organisation noun: ministry, government */
	L_MOD = 1 << 2,      /* modifier inside a speaker phrase: acting */
	L_CONN = 1 << 3,     /* connector inside a name: of, for, al */
	L_DET = 1 << 4,      /* the, a, this */
	L_PRON = 1 << 5,     /* he, she, they, it */
	L_ADV = 1 << 6,      /* may stand between subject and cue: also */
	L_STOP = 1 << 7,     /* capitalised function word, never a name */
	L_PREP = 1 << 8,     /* starts a prepositional phrase */
	L_NAMETRIG = 1 << 9, /* a quoted name follows: named, article */
	L_TIME = 1 << 10,    /* friday, january, yesterday */
	L_PLACE = 1 << 11,   /* a country or capital used as an actor */
	L_SPEECH = 1 << 12,  /* statement, remarks: "X's statement" */
	L_CLAUSE = 1 << 13,  /* and, but, which: ends a leftward phrase */
};

/* Cue types. */
enum cue_type {
	CUE_NONE = 0,
	CUE_SAY,      /* said that ..., "...", he said */
	CUE_SAYZ,     /* like CUE_SAY and also "said Iraq would ..." */
	CUE_TELL,     /* told X that/to ... */
	CUE_OBJTO,    /* urged X to ... */
	CUE_SELFTO,   /* promised to ... */
	CUE_WEAK,     /* called it "...", only for quotes */
	CUE_ACCORDING,/* according to X */
	CUE_QUOTED,   /* X quoted Y as saying */
};

struct lex_entry {
	uint64_t key;         /* lex_key() of the word */
	const char *w;
	uint8_t len;
	uint16_t cls;
	uint8_t cue;
};

/* Looks up a word in any ASCII case; NULL when unknown. */
const struct lex_entry *lex_find(const char *w, size_t len);

/* The first eight bytes of a word (zero-padded) as a little-endian
 * integer, with bit 5 set in each byte: ASCII letters lowercase, and the
 * other characters of lexicon words ('-', '.', '\'') unchanged. A word of
 * other characters gets a key no lexicon word has. @avail is how many
 * bytes may be read at @w (at least @n). */
/* Eight bytes at @p as a little-endian integer. */
static inline uint64_t load_le64(const char *p)
{
	uint64_t x;

	memcpy(&x, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	x = __builtin_bswap64(x);
#endif
	return x;
}

static inline uint64_t lex_key(const char *w, size_t n, size_t avail)
{
	uint64_t x = 0;

	if (avail >= 8) {
		x = load_le64(w);
	} else {
		for (size_t i = n < 8 ? n : 8; i-- > 0;)
			x = (x << 8) | (unsigned char)w[i];
	}
	if (n < 8) {
		uint64_t mask = (UINT64_C(1) << (8 * n)) - 1;
		return (x & mask) | (UINT64_C(0x2020202020202020) & mask);
	}
	return x | UINT64_C(0x2020202020202020);
}

/* The hash slot of a word: its key, length and last byte (gen_lexicon.py
 * has the same function). */
#define LEX_SLOT_BITS 12
static inline uint32_t lex_slot(uint64_t key, const char *w, size_t n)
{
	uint64_t h = key ^ ((uint64_t)n << 56);

	if (n > 8)
		h ^= (uint64_t)((unsigned char)w[n - 1] | 0x20) << 48;
	h *= UINT64_C(0x9E3779B97F4A7C15);
	return (uint32_t)(h >> (64 - LEX_SLOT_BITS));
}

/* lex_find() with the key computed. */
const struct lex_entry *lex_find_key(const char *w, size_t len,
                                     uint64_t key);

/* The generated tables (lexicon_table.h), for lex_probe(). */
/* Hidden: read straight, not through the GOT (the plugin exports only
 * its descriptor anyway). */
#if defined(__GNUC__)
#define QX_HIDDEN __attribute__((visibility("hidden")))
#else
#define QX_HIDDEN
#endif
extern const struct lex_entry *const qx_lexicon QX_HIDDEN;
extern const uint16_t *const qx_lex_slots QX_HIDDEN;
extern const uint32_t qx_cue_ends[] QX_HIDDEN;
#define LEX_EMPTY 0xFFFF
#define LEX_MAX_LEN 17

/* Whether ASCII @w equals the lowercase @e, ignoring the case of @w. */
static inline bool lex_same_ci(const char *w, const char *e, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		char c = w[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != e[i])
			return false;
	}
	return true;
}

/* lex_find_key() for 1 <= @len <= LEX_MAX_LEN, inline: open addressing
 * over the table, slot = lex_slot(word), then the next slots until an
 * empty one. */
static inline const struct lex_entry *lex_probe(const char *w, size_t len,
                                                uint64_t key)
{
	const struct lex_entry *lexicon = qx_lexicon;
	const uint16_t *slots = qx_lex_slots;

	for (uint32_t j = lex_slot(key, w, len);;
	     j = (j + 1) & ((1u << LEX_SLOT_BITS) - 1)) {
		uint16_t k = slots[j];
		if (k == LEX_EMPTY)
			return NULL;
		if (lexicon[k].key == key && lexicon[k].len == len &&
		    (len <= 8 || lex_same_ci(w + 8, lexicon[k].w + 8, len - 8)))
			return &lexicon[k];
	}
}

/* Whether the lexicon may hold a cue word of @len bytes starting with
 * the byte @c0 and ending with the byte @cn, in any case: a necessary
 * condition for a cue from lex_probe(), from one table load (a bit per
 * length for each first and last letter). One word of a news text in
 * ten passes. Any word may be asked: a digit first or a length of 32 or
 * more passes at times, and lex_probe() finds no cue for it. */
static inline bool cue_maybe(unsigned char c0, unsigned char cn, size_t len)
{
	return (qx_cue_ends[(c0 & 31u) * 32 + (cn & 31u)] >> (len & 31)) & 1;
}

/* ---- tokens ----------------------------------------------------------- */

enum tok_type {
	T_WORD = 1,
	T_PUNCT,
	T_NL,   /* a line break: paragraphs end here */
	T_MARK, /* a quote mark */
};

enum {
	F_CAP = 1 << 0,    /* starts with an uppercase letter */
	F_POSS = 1 << 1,   /* ends with 's or ’s */
	F_INQ = 1 << 2,    /* inside a quotation's content */
	F_ING = 1 << 3,    /* ends with -ing */
	F_ALNUM = 1 << 4,  /* a word with a digit */
	F_URL = 1 << 5,    /* URL-like word */
	F_ININD = 1 << 6,  /* inside reported speech found so far */
	F_LEX = 1 << 7,    /* a word's lazy classes below are set */
};

/* A word's lexicon classes (lcls) and the flags F_POSS, F_ING, F_ALNUM
 * and F_URL are set lazily, on the first reading, through tok_cls() and
 * tok_flags(): the rules read them for the few words around quote marks,
 * cues and names, and the lexer's pass over every word was the plugin's
 * main cost. The lexer sets only the type, span, F_CAP and the cue (the
 * rules start from the cues). */

/* Quote-mark classes and directions. */
enum { MC_DOUBLE = 1, MC_SINGLE = 2 };
enum { MD_OPEN = 1, MD_CLOSE = 2, MD_AMBIG = 3 };

/* 16 bytes: documents have a token every five bytes or so. */
struct tok {
	uint32_t s, e;        /* bytes */
	uint8_t type;
	uint8_t flags;
	uint8_t mclass : 2;   /* T_MARK: MC_* */
	uint8_t mdir : 2;     /* T_MARK: MD_* */
	uint8_t sp_before : 1; /* T_MARK: space or start before */
	uint8_t sp_after : 1; /* T_MARK: space, end or punctuation after */
	uint8_t low_open : 1; /* T_MARK: the low mark „ or ‚ */
	uint8_t cue;          /* enum cue_type of a word */
	uint16_t lcls;        /* lexicon classes of a word */
};

/* ---- raw quotations from marks ---------------------------------------- */

enum {
	RQ_UNCLOSED = 1 << 0,
	RQ_MULTIPARA = 1 << 1,
	RQ_NESTED = 1 << 2,
	RQ_UNOPENED = 1 << 3, /* a closing mark only; ot is the content's */
};

struct rq {
	long ot, ct;          /* mark tokens; ct -1 when unclosed */
	uint32_t s, e;        /* span incl. marks */
	uint32_t cs, ce;      /* content bytes */
	long cft, clt;        /* first, last token of the content (-1 none) */
	unsigned flags;
	uint32_t reopen_first, reopen_n; /* into qx.reopen */
};

/* ---- cues ------------------------------------------------------------- */

struct cue {
	long t0, t1;          /* cue tokens [t0, t1] ("according to") */
	uint8_t type;
	bool ing;             /* participle: speaker is the clause subject */
	long sp0, sp1;        /* speaker phrase tokens, -1 when none */
	long cs0, cs1;        /* reported content tokens, -1 when none */
	bool trailing;        /* "..., X said." */
	bool bare;            /* "X said Friday." about the sentence before */
	bool direct;          /* "name, reporter: ..." transcript */
	int32_t sent;
	int ent;              /* resolved entity, -1 */
};

/* ---- speaker entities ------------------------------------------------- */

struct ent {
	uint32_t key_s, key_e; /* key word bytes (surname or head) */
	uint32_t full_s, full_e; /* fullest mention bytes */
	bool person, plural, org, named;
	uint32_t last_pos;    /* last attribution position */
};

/* ---- the engine context ----------------------------------------------- */

struct qx {
	const struct qx_config *cfg;
	const char *t;
	size_t n;
	qx_alloc_fn alloc;
	void *actx;
	struct tok *tk;
	long ntk;
	struct qx_span *sent; /* sentence byte spans */
	long nsent;
	long *sent_first, *sent_last; /* token bounds per sentence, -1 */
	int32_t *tsent;       /* the sentence of each token */
	uint32_t *marks;      /* the T_MARK and T_NL tokens, in order */
	long nmarks;
	/* the lexer's lists for lex_sentences(), in token order: the words
	 * with F_CAP (before set_lower_doc()) and the words with a cue */
	uint32_t *capw, *cuew;
	long ncapw, ncuew;
	uint32_t *cands;      /* words with a cue or at a line start: where
	                         find_cues() looks */
	long ncands;
	bool lower_doc;       /* the document is all lowercase */
	struct rq *rq;
	long nrq;
	struct qx_span *reopen;
	long nreopen, capreopen;
	struct cue *cu;
	long ncu, capcu;
	struct ent *ent;
	long nent, capent;
	long *names;          /* words that are or precede a capitalised
	                         word (all words in lowercase text) */
	long nnames;
	bool names_made;      /* lex_names() has listed them */
};

/* Memory from the caller's allocator (the document's arena): inline,
 * as the engine asks a few dozen times a document. */
static inline void *qx_alloc(struct qx *q, size_t size)
{
	return q->alloc(q->actx, size ? size : 1);
}
/* Grows an array to hold at least @need elements; 0 or -1. The test
 * inline (most calls find room: one per cue, speaker, quote or mark),
 * the growing in engine.c. */
int qx_grow_slow(struct qx *q, void **arr, long *cap, long need,
                 size_t elsize);
static inline int qx_grow(struct qx *q, void **arr, long *cap, long need,
                          size_t elsize)
{
	if (need <= *cap)
		return 0;
	return qx_grow_slow(q, arr, cap, need, elsize);
}

/* lexer.c */
int lex_text(struct qx *q, const struct qx_input *in);
int lex_tokens(struct qx *q, const struct qx_input *in);
void lex_names(struct qx *q);
int lex_sentences(struct qx *q, const struct qx_input *in);
/* Whether token @i is a word. Inline, as the next two: the passes call
 * them for nearly every token they look at. */
static inline bool is_word(const struct qx *q, long i)
{
	return i >= 0 && i < q->ntk && q->tk[i].type == T_WORD;
}

/* Whether token @i is the lowercase word @s (@n bytes), in any case;
 * tok_is() for string literals. */
static inline bool tok_is_n(const struct qx *q, long i, const char *s,
                            size_t n)
{
	const struct tok *t;

	if (i < 0 || i >= q->ntk)
		return false;
	t = &q->tk[i];
	if (t->e - t->s != n)
		return false;
	for (size_t k = 0; k < n; k++) {
		char c = q->t[t->s + k];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != s[k])
			return false;
	}
	return true;
}
#define tok_is(q, i, s) tok_is_n((q), (i), "" s, sizeof(s) - 1)

/* Whether token @i is punctuation, one of @chars; '-' in @chars also
 * matches the dashes – and —. */
static inline bool tok_is_punct(const struct qx *q, long i, const char *chars)
{
	const struct tok *t;

	if (i < 0 || i >= q->ntk)
		return false;
	t = &q->tk[i];
	if (t->type != T_PUNCT)
		return false;
	if (t->e - t->s == 1) {
		for (const char *c = chars; *c; c++)
			if (*c == q->t[t->s])
				return true;
		return false;
	}
	/* dashes: match '-' */
	return strchr(chars, '-') != NULL && t->e - t->s == 3 &&
	       (unsigned char)q->t[t->s] == 0xE2 &&
	       (unsigned char)q->t[t->s + 1] == 0x80 &&
	       ((unsigned char)q->t[t->s + 2] == 0x93 ||
	        (unsigned char)q->t[t->s + 2] == 0x94);
}
bool tok_sentence_end(const struct qx *q, long i);
/* Sets the lazy classes and flags of the token @t of @q, and F_LEX. @t
 * points into q->tk, which the passes may write (const only to say
 * that they do not change the tokens otherwise). */
void tok_fill(const struct qx *q, struct tok *t);

/* The lexicon classes of the token @t of @q (0 but for words). */
static inline uint16_t tok_cls(const struct qx *q, const struct tok *t)
{
	if (!(t->flags & F_LEX))
		tok_fill(q, (struct tok *)t);
	return t->lcls;
}

/* The flags of the token @t of @q, the lazy ones included. */
static inline uint8_t tok_flags(const struct qx *q, const struct tok *t)
{
	if (!(t->flags & F_LEX))
		tok_fill(q, (struct tok *)t);
	return t->flags;
}

/* tok_cls() and tok_flags() of token @i. */
static inline uint16_t tk_cls(const struct qx *q, long i)
{
	return tok_cls(q, &q->tk[i]);
}

static inline uint8_t tk_flags(const struct qx *q, long i)
{
	return tok_flags(q, &q->tk[i]);
}
size_t tok_lower(const struct qx *q, long i, char *buf, size_t cap);

/* marks.c */
int pair_marks(struct qx *q);

/* cues.c */
int find_cues(struct qx *q);
long np_left(const struct qx *q, long end, long lim, bool name_only);
long np_right(const struct qx *q, long start, long lim);
bool is_headline(const struct qx *q, int32_t sent);

/* speakers.c */
int resolve_speaker(struct qx *q, long sp0, long sp1, uint32_t pos);

/* attrib.c */
long build_output(struct qx *q, struct qx_quote **out);

#endif /* QUOTES_QX_INT_H */
