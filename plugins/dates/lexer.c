/*
 * lexer.c - words, numbers, punctuation and URL chunks with byte offsets.
 */
#include "lexer.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Byte classes. C_STOP marks the bytes after which a word may not end
 * plainly: '.', ':' and '@' (a.m., initials, URLs and e-mail addresses)
 * and bytes >= 0x80 (a letter may continue the word). C_END marks '.',
 * '!' and '?', after which the next token starts a sentence. */
enum { C_SPACE = 1, C_ALPHA = 2, C_DIGIT = 4, C_UPPER = 8, C_NL = 16,
       C_STOP = 32, C_END = 64 };

#define SP C_SPACE
#define LO C_ALPHA
#define UP (C_ALPHA | C_UPPER)
#define DG C_DIGIT
#define ST C_STOP
#define ST16 ST, ST, ST, ST, ST, ST, ST, ST, ST, ST, ST, ST, ST, ST, ST, ST
static const uint8_t cclass[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, SP, SP | C_NL, SP, SP, SP, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	SP, C_END, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ST | C_END, 0,
	DG, DG, DG, DG, DG, DG, DG, DG, DG, DG, ST, 0, 0, 0, 0, C_END,
	ST, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP,
	UP, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP, 0, 0, 0, 0, 0,
	0, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO,
	LO, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO, 0, 0, 0, 0, 0,
	ST16, ST16, ST16, ST16, ST16, ST16, ST16, ST16,
};
#undef SP
#undef LO
#undef UP
#undef DG
#undef ST
#undef ST16

static inline bool is_space(unsigned char c)
{
	return cclass[c] & C_SPACE;
}

static inline bool is_alpha(unsigned char c)
{
	return cclass[c] & C_ALPHA;
}

static inline bool is_digit(unsigned char c)
{
	return cclass[c] & C_DIGIT;
}

/* Decodes one UTF-8 sequence at s[i]; returns the code point (or -1) and
 * sets *n to its length (at least 1). */
static long utf8_at(const unsigned char *s, size_t len, size_t i, size_t *n)
{
	unsigned char c = s[i];
	size_t need;
	long cp;
	if (c < 0x80) {
		*n = 1;
		return c;
	} else if ((c & 0xE0) == 0xC0) {
		need = 2;
		cp = c & 0x1F;
	} else if ((c & 0xF0) == 0xE0) {
		need = 3;
		cp = c & 0x0F;
	} else if ((c & 0xF8) == 0xF0) {
		need = 4;
		cp = c & 0x07;
	} else {
		*n = 1;
		return -1;
	}
	if (i + need > len) {
		*n = 1;
		return -1;
	}
	for (size_t k = 1; k < need; k++) {
		if ((s[i + k] & 0xC0) != 0x80) {
			*n = 1;
			return -1;
		}
		cp = (cp << 6) | (s[i + k] & 0x3F);
	}
	*n = need;
	return cp;
}

/* Letters beyond ASCII that may occur inside words (Latin, Greek,
 * Cyrillic and the other alphabetic blocks); enough to keep words whole. */
static bool is_uletter(long cp)
{
	return (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
	       (cp >= 0x370 && cp <= 0x52F) || (cp >= 0x1E00 && cp <= 0x1FFF);
}

/* Whether the whitespace-delimited chunk at s[i..) looks like a URL or an
 * e-mail address; returns its end or 0. */
static size_t url_chunk(const char *s, size_t len, size_t i)
{
	size_t j = i;
	bool url = false;
	while (j < len && !is_space((unsigned char)s[j]))
		j++;
	size_t n = j - i;
	if (n >= 4 && strncmp(s + i, "www.", 4) == 0)
		url = true;
	for (size_t k = i; k < j && !url; k++) {
		if (s[k] == '@' && k > i && k + 1 < j && is_alpha((unsigned char)s[k + 1]))
			url = true;
		else if (s[k] == ':' && k + 2 < j && s[k + 1] == '/' && s[k + 2] == '/')
			url = true;
		else if (s[k] == '.' && k + 4 < j && k > i && s[k + 4] == '/' &&
		         (memcmp(s + k + 1, "com", 3) == 0 ||
		          memcmp(s + k + 1, "org", 3) == 0 ||
		          memcmp(s + k + 1, "net", 3) == 0 ||
		          memcmp(s + k + 1, "gov", 3) == 0))
			/* (the '/' first: most dots in a chunk are no
			 * domain's) */
			url = true;
	}
	if (!url)
		return 0;
	/* Leave closing punctuation outside the chunk. */
	while (j > i + 1 && strchr(".,;:!?)]}\"'", s[j - 1]))
		j--;
	return j;
}

/* Little-endian view of eight loaded bytes: the first byte lowest. */
static inline uint64_t le64(uint64_t v)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return __builtin_bswap64(v);
#else
	return v;
#endif
}

/* The end of the run of ASCII letters that starts at s[i]: the first
 * index >= i that holds no ASCII letter. Words are the most common
 * tokens, so the run is found sixteen bytes at a time with SSE2 (x86-64
 * always has it) or eight at a time (SWAR) elsewhere, while that many
 * bytes are left. */
static inline size_t letters_end(const unsigned char *s, size_t i, size_t len)
{
#ifdef __SSE2__
	/* one signed compare per 16 bytes (the mapping is explained at
	 * nonletters64() below) */
	const __m128i case_bit = _mm_set1_epi8(0x20);
	const __m128i shift = _mm_set1_epi8(0x1F);
	const __m128i last = _mm_set1_epi8(-103);
	while (i + 16 <= len) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		__m128i t = _mm_add_epi8(_mm_or_si128(x, case_bit), shift);
		unsigned non = (unsigned)_mm_movemask_epi8(_mm_cmpgt_epi8(t, last));
		if (non)
			return i + (size_t)__builtin_ctz(non);
		i += 16;
	}
#else
	/* a byte is a letter when its bit 7 is clear and, with bit 5 set
	 * (folding the case), it lies in 'a'..'z'; the two range tests are
	 * additions whose carries land in bit 7 (no byte overflows: bit 7
	 * is cleared first) */
	const uint64_t highs = 0x8080808080808080ull;
	while (i + 8 <= len) {
		uint64_t x;
		memcpy(&x, s + i, 8);
		x = le64(x);
		uint64_t f = (x | 0x2020202020202020ull) & ~highs;
		uint64_t letter = (f + 0x1F1F1F1F1F1F1F1Full) &      /* >= 'a' */
		                  ~(f + 0x0505050505050505ull) &    /* <= 'z' */
		                  ~x & highs;
		uint64_t non = ~letter & highs;
		if (non)
			return i + ((size_t)__builtin_ctzll(non) >> 3);
		i += 8;
	}
#endif
	while (i < len && is_alpha(s[i]))
		i++;
	return i;
}

/* Whether the ASCII letters s[i..e) include a lower-case one (only
 * capitalised words ask: is the word all capitals?). */
static inline bool has_lower(const unsigned char *s, size_t i, size_t e)
{
	for (; i < e; i++)
		if (s[i] >= 'a')
			return true;
	return false;
}

/* Whether the word s[start..i) is followed by a '.' that ends its
 * whitespace-delimited chunk ("said. "): such a chunk is a URL only when
 * it is "www.", so url_chunk() need not look at it. */
static inline bool sentence_end(const unsigned char *s, size_t len,
                                size_t start, size_t i)
{
	return s[i] == '.' && (i + 1 >= len || is_space(s[i + 1])) &&
	       (i - start != 3 || memcmp(s + start, "www", 3) != 0);
}


/* Bytes kept of an 8-byte load for a word of n <= 8 bytes (first byte
 * lowest). */
static const uint64_t keep_bytes[9] = {
	0, 0xFFull, 0xFFFFull, 0xFFFFFFull, 0xFFFFFFFFull, 0xFFFFFFFFFFull,
	0xFFFFFFFFFFFFull, 0xFFFFFFFFFFFFFFull, ~0ull,
};

/* The lexicon entry of the word w[0..n) (any case), NULL when unknown;
 * @end is the end of the text (no byte at or past it is read). */
static const struct lx_entry *lookup_entry(const struct lx_table *lx,
                                           const char *w, size_t n,
                                           const char *end)
{
	if (n > LX_MAX_WORD)
		return NULL;
	if (n <= 8) {
		/* the common case: the word packed into one integer, one
		 * multiply and (mostly) one probe */
		uint64_t key = 0;
		if ((size_t)(end - w) >= 8) {
			/* one unaligned load; the bytes past the word masked off */
			memcpy(&key, w, 8);
			key = (le64(key) | 0x2020202020202020ull) & keep_bytes[n];
		} else {
			for (size_t k = 0; k < n; k++)
				key |= (uint64_t)(unsigned char)(w[k] | 32) << (8 * k);
		}
		return lx_lookup_short(lx, key);
	}
	char a = (char)(w[0] | 32), b = (char)(w[1] | 32);
	if (!lx_maybe(lx, a, b, n))
		return NULL;
	size_t h = LX_HASH_INIT;
	for (size_t k = 0; k < n; k++)
		h = lx_hash_step(h, (unsigned char)(w[k] | 32));
	return lx_lookup_folded(lx, w, n, h);
}

/* lx_entry_bits() of @e, 0 for NULL. */
static inline uint64_t entry_bits(const struct lx_table *lx,
                                  const struct lx_entry *e)
{
	return e ? lx_entry_bits(lx, e) : 0;
}

/* entry_bits() of @e with LX_START_BIT when it starts some rule, as
 * the short table holds them (for the words looked up otherwise). */
static inline uint64_t start_bits(const struct lx_table *lx,
                                  const uint16_t *word_rules,
                                  const struct lx_entry *e)
{
	uint64_t b = entry_bits(lx, e);
	return b && word_rules[e - lx->entries] ? b | LX_START_BIT : b;
}

/* Fills the lexicon fields of token @t. */
static void lookup(const struct lx_table *lx, const char *s, const char *end,
                   struct token *t)
{
	const struct lx_entry *e = lookup_entry(lx, s + t->start,
	                                        t->end - t->start, end);
	if (e) {
		t->cls = e->cls;
		t->lflags = e->flags;
		t->val = e->val;
		t->lex = (uint16_t)(e - lx->entries + 1);
	}
}

/* mark() for token @n, a word found in the lexicon whose entry starts
 * some rule (the caller tested word_rules). */
static inline void mark_word(struct lex_out *o, size_t n)
{
	const struct token *t = &o->tk[n];
	/* "Election Day": the capitalised word before "Day" starts it */
	if (t->cls == LX_UNIT && t->val == U_DAY && n > 0) {
		const struct token *p = &o->tk[n - 1];
		if (p->kind == TK_WORD && !p->lex && (p->flags & TF_CAP) &&
		    (o->ncand == 0 || o->cand[o->ncand - 1] != n - 1))
			o->cand[o->ncand++] = (uint32_t)(n - 1);
	}
	o->cand[o->ncand++] = (uint32_t)n;
}

/* Adds token @n to the candidate starts when an expression may begin
 * there. */
static void mark(const uint16_t *word_rules, struct lex_out *o, size_t n)
{
	const struct token *t = &o->tk[n];
	if (t->kind == TK_NUM) {
		if (!(t->flags & (TF_GROUPED | TF_ALNUM)))
			o->cand[o->ncand++] = (uint32_t)n;
		return;
	}
	if (t->kind != TK_WORD || !t->lex || !word_rules[t->lex - 1])
		return;
	mark_word(o, n);
}

/* The thousands groups and the decimal part of a number whose @nd
 * digits end at s[i], their value so far *v: returns the end and adds
 * the groups to *v and TF_GROUPED / TF_DECIMAL to *flags. Shared by the
 * hot loop and general_token(), so that both give the same token. */
static inline size_t number_tail(const unsigned char *s, size_t len, size_t i,
                                 size_t nd, int64_t *v, uint16_t *flags)
{
	/* thousands groups: exactly three digits after each comma */
	while (nd <= 3 && i + 3 < len && s[i] == ',' &&
	       is_digit(s[i + 1]) && is_digit(s[i + 2]) &&
	       is_digit(s[i + 3]) &&
	       (i + 4 >= len || !is_digit(s[i + 4]))) {
		/* the value is capped at 10^9 later: saturate far below
		 * INT64_MAX so that any number of groups cannot overflow */
		if (*v < 1000000000000LL)
			*v = *v * 1000 + (s[i + 1] - '0') * 100 +
			     (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
		i += 4;
		*flags |= TF_GROUPED;
	}
	if (i + 1 < len && s[i] == '.' && is_digit(s[i + 1])) {
		i++;
		while (i < len && is_digit(s[i]))
			i++;
		*flags |= TF_DECIMAL;
	}
	return i;
}

/* What general_token() tells the main loop. */
struct gen_res {
	size_t i;        /* where the token ends */
	unsigned what;   /* G_* */
};
enum {
	G_CAP = 1,       /* a word starting with a capital: count it */
	G_LOWER = 2,     /* a word starting with a lower-case letter */
	G_FIRST = 4,     /* '.', '!' or '?': the next token starts a sentence */
};

#if defined(__GNUC__)
#define NOINLINE __attribute__((noinline))
#define LIKELY(x) __builtin_expect(!!(x), 1)
#define UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define NOINLINE
#define LIKELY(x) (x)
#define UNLIKELY(x) (x)
#endif

/* The general path for the token at s[i] (not whitespace), token @n:
 * numbers, words with bytes >= 0x80, a.m./p.m., initials, URLs and
 * e-mail addresses, punctuation beyond ASCII. Kept out of lex_scan() so
 * that its hot loop keeps its registers. */
static NOINLINE struct gen_res general_token(const struct lx_table *lx,
                                             const uint16_t *word_rules,
                                             const char *text, size_t len,
                                             struct lex_out *o, size_t i,
                                             size_t n, uint16_t pending)
{
	const unsigned char *s = (const unsigned char *)text;
	/* whether the token starts a whitespace-delimited chunk (a token
	 * never holds whitespace) */
	bool chunk_start = i == 0 || (cclass[s[i - 1]] & C_SPACE);
	unsigned char c = s[i];
	unsigned what = 0;
	struct token *t = &o->tk[n];
	memset(t, 0, sizeof *t);
	t->start = (uint32_t)i;
	t->flags = pending;
	if (is_digit(c)) {
		t->kind = TK_NUM;
		int64_t v = 0;
		size_t nd = 0;
		while (i < len && is_digit(s[i])) {
			if (v < 100000000LL)
				v = v * 10 + (s[i] - '0');
			i++;
			nd++;
		}
		t->ndigits = (uint8_t)(nd > 255 ? 255 : nd);
		uint16_t nf = 0;
		i = number_tail(s, len, i, nd, &v, &nf);
		t->flags |= nf;
		t->num = (int32_t)(v > 1000000000LL ? 1000000000LL : v);
		if (i < len && is_alpha(s[i])) {
			size_t j = i;
			while (j < len && is_alpha(s[j]))
				j++;
			char a = (char)(s[i] | 32), b = (char)(j > i + 1 ? s[i + 1] | 32 : 0);
			size_t al = j - i;
			if (al == 2 && ((a == 's' && b == 't') || (a == 'n' && b == 'd') ||
			                (a == 'r' && b == 'd') || (a == 't' && b == 'h'))) {
				t->flags |= TF_ORD;
				i = j;
			} else if (al == 1 && a == 's') {
				t->flags |= TF_DECADE;
				i = j;
			} else if (al == 2 && (a == 'a' || a == 'p') && b == 'm') {
				/* "6am": leave "am" as its own word */
			} else {
				t->flags |= TF_ALNUM;
				i = j;
				while (i < len && (is_alpha(s[i]) || is_digit(s[i])))
					i++;
			}
		}
	} else if (is_alpha(c) || c >= 0x80) {
		size_t nb = 1;
		long cp = c;
		if (c >= 0x80)
			cp = utf8_at(s, len, i, &nb);
		if (c >= 0x80 && !is_uletter(cp)) {
			t->kind = TK_PUNCT;
			if (cp == 0x2019 || cp == 0x2018)
				t->punct = '\'';
			else if (cp == 0x201C || cp == 0x201D)
				t->punct = '"';
			else if (cp == 0x2013 || cp == 0x2014 || cp == 0x2012 || cp == 0x2010)
				t->punct = '-';
			else
				t->punct = '?';
			if (cp == 0x2026)
				t->punct = '.';
			i += nb;
		} else {
			t->kind = TK_WORD;
			bool ascii = true;
			bool upper = c >= 'A' && c <= 'Z';
			bool lower = false;
			size_t letters = 0;
			while (i < len) {
				/* a run of ASCII letters: the common case */
				size_t run = i;
				i = letters_end(s, i, len);
				if (!lower)
					lower = has_lower(s, run, i);
				letters += i - run;
				if (i < len && s[i] >= 0x80) {
					cp = utf8_at(s, len, i, &nb);
					if (!is_uletter(cp))
						break;
					i += nb;
					letters++;
					ascii = false;
				} else {
					break;
				}
			}
			bool allup = !lower;
			/* a.m. / p.m. as one word */
			if (letters == 1 && ((c | 32) == 'a' || (c | 32) == 'p') &&
			    i + 1 < len && s[i] == '.' && (s[i + 1] | 32) == 'm') {
				i += 2;
				if (i < len && s[i] == '.')
					i++;
				t->cls = LX_FN;
				t->val = (c | 32) == 'a' ? F_AM : F_PM;
			} else if (letters == 1 && i + 2 < len && s[i] == '.' &&
			           is_alpha(s[i + 1]) && s[i + 2] == '.') {
				/* initials like U.S. stay one token */
				while (i + 1 < len && s[i] == '.' && is_alpha(s[i + 1]))
					i += 2;
				if (i < len && s[i] == '.')
					i++;
			}
			/* a URL or an e-mail address: the whole chunk */
			if (i < len && (s[i] == ':' || s[i] == '@' || s[i] == '.') &&
			    (t->flags & TF_SPACE || n == 0 || chunk_start) &&
			    !sentence_end(s, len, t->start, i)) {
				size_t u = url_chunk(text, len, t->start);
				if (u) {
					t->kind = TK_URL;
					i = u;
					t->end = (uint32_t)i;
					return (struct gen_res){i, 0};
				}
			}
			if (upper)
				t->flags |= TF_CAP;
			if (upper && allup && letters > 1)
				t->flags |= TF_ALLCAPS;
			if (upper)
				what |= G_CAP;
			else if (c >= 'a' && c <= 'z')
				what |= G_LOWER;
			t->end = (uint32_t)i;
			if (ascii && t->cls == LX_NONE)
				lookup(lx, text, text + len, t);
		}
	} else {
		t->kind = TK_PUNCT;
		t->punct = (char)c;
		i++;
	}
	t->end = (uint32_t)i;
	mark(word_rules, o, n);
	if (t->kind == TK_PUNCT && (t->punct == '.' || t->punct == '!' ||
	                            t->punct == '?'))
		what |= G_FIRST;
	return (struct gen_res){i, what};
}

/* The second 8 bytes of a word token (num 0, flags, kind TK_WORD,
 * ndigits 0) as lex_scan() carries a token's pending flags: the flags
 * are set with Q1F() and put_word() stores the value as it is. */
#define Q1F(f) ((uint64_t)(f) << 32)
#define Q1(f) (Q1F(f) | (uint64_t)TK_WORD << 48)
#define Q1_FLAGS(q) ((uint16_t)((q) >> 32))

/* Writes the word token [@start, @end) with @q1 (Q1() of its flags) and
 * the packed lexicon entry @bits (lx_entry_bits(), 0 when unknown; with
 * or without LX_START_BIT, which lands in the padding byte). */
static inline void put_word(struct token *t, size_t start, size_t end,
                            uint64_t q1, uint64_t bits)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	/* bytes 0-7 start and end, 8-15 num 0, flags, kind and ndigits 0,
	 * 16-23 the lexicon fields as lx_entry_bits() packs them, punct 0
	 * and the padding byte 23, which takes bits 56-63 (LX_START_BIT) as
	 * they come: clearing the bit cost two instructions per word, and
	 * no code reads the padding */
	_Static_assert(sizeof(struct token) == 24 &&
	               offsetof(struct token, flags) == 12 &&
	               offsetof(struct token, kind) == 14 &&
	               offsetof(struct token, val) == 16 &&
	               offsetof(struct token, lex) == 18 &&
	               offsetof(struct token, cls) == 20 &&
	               offsetof(struct token, lflags) == 21 &&
	               offsetof(struct token, punct) == 22,
	               "struct token layout");
	/* start and end as two 4-byte stores: packing them into one 8-byte
	 * store took a move, a shift and an or more */
	uint32_t s32 = (uint32_t)start, e32 = (uint32_t)end;
	unsigned char *p = (unsigned char *)t;
	memcpy(p, &s32, 4);
	memcpy(p + 4, &e32, 4);
	memcpy(p + 8, &q1, 8);
	memcpy(p + 16, &bits, 8);
#else
	*t = (struct token){
		.start = (uint32_t)start, .end = (uint32_t)end,
		.flags = Q1_FLAGS(q1),
		.kind = TK_WORD, .val = (int16_t)(uint16_t)bits,
		.lex = (uint16_t)(bits >> 16), .cls = (uint8_t)(bits >> 32),
		.lflags = (uint8_t)(bits >> 40),
	};
#endif
}

/* Bit j set when s[j] is not an ASCII letter, for the 64 bytes at @s. */
static inline uint64_t nonletters64(const unsigned char *s)
{
#ifdef __SSE2__
	/* t = (byte | 0x20) + 0x1F wraps the letters (folded to 'a'..'z')
	 * onto 0x80..0x99, -128..-103 as signed bytes; every other byte
	 * lands above -103 (bytes >= 0x80 on -65..30, the rest on
	 * -102..127), so one signed compare per 16 bytes gives the
	 * non-letters */
	const __m128i case_bit = _mm_set1_epi8(0x20);
	const __m128i shift = _mm_set1_epi8(0x1F);
	const __m128i last = _mm_set1_epi8(-103);
	/* written out four times: GCC kept the loop and its masks in memory */
#define NONLETTERS16(q) ((uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpgt_epi8( \
	_mm_add_epi8(_mm_or_si128(_mm_loadu_si128( \
		(const __m128i *)(const void *)(s + 16 * (q))), case_bit), shift), \
	last)) << (16 * (q)))
	return NONLETTERS16(0) | NONLETTERS16(1) | NONLETTERS16(2) |
	       NONLETTERS16(3);
#undef NONLETTERS16
#else
	uint64_t non = 0;
	for (unsigned j = 0; j < 64; j++)
		non |= (uint64_t)!is_alpha(s[j]) << j;
	return non;
#endif
}

/* Whether s[i] (i <= len) is a space (one: the whitespace ends there)
 * and s[i + 1] an ASCII letter: the word loop of lex_scan() may start at
 * i + 1. (The zero bytes after the text are neither.) */
#define SPACE_WORD(s, i) \
	((s)[i] == ' ' && (cclass[(s)[(i) + 1]] & C_ALPHA))

int lex_scan(const struct lx_table *lx, const uint16_t *word_rules,
             const char *text, size_t len, struct lex_out *o)
{
	const unsigned char *s = (const unsigned char *)text;
	/* tokens are written through a pointer; the index is needed only
	 * to mark candidates and by the general path */
	struct token *const out = o->tk;
	struct token *tp = out;
	struct token *const tend = out + o->cap;
	/* The word loop tests the room left only where it enters and where
	 * it moves its 64-byte block: the words that start in one block
	 * are at most 32 (a letter and a space each), so it needs
	 * LEX_WORD_ROOM free tokens there, and leaves the words to the
	 * general path when fewer are left (never, when the caller gives
	 * LEX_WORD_ROOM more than it expects to need). */
	struct token *const tsafe = o->cap > LEX_WORD_ROOM ?
	                            tend - LEX_WORD_ROOM : out;
	size_t i = 0;
	/* counted in registers, stored on the way out (also for -1). Words
	 * starting with a lower-case letter are not counted one by one:
	 * they are the tokens that are neither capitalised words nor
	 * counted in @nplain (numbers, punctuation, URLs, words starting
	 * beyond ASCII), which are fewer. */
	size_t ncaps = 0, nplain = 0;
	/* the short-word slots through a local: the token stores may alias
	 * the table, so lx->shorts would be loaded again for every word */
	const struct lx_short *const shorts = lx->shorts;
	const uint16_t *const short_idx = lx->short_idx;
	const struct lx_long *const longs = lx->longs;
	/* the flags of the next token, kept as Q1(): a word stores them
	 * without shifting */
	uint64_t pending = Q1(TF_FIRST);
	/* Word ends come from a bitmap of the non-letters of the 64 bytes
	 * from @base: one shift and one count per word. The block moves to
	 * the word start when a word starts past it. (The zero bytes of
	 * LEX_PAD after the text are non-letters: a word ends at the end of
	 * the text.) */
	size_t base = 0;
	uint64_t non = nonletters64(s);
	o->ncand = 0;
	while (i < len) {
		unsigned c = s[i];
		unsigned cc = cclass[c];
		if (cc & C_SPACE) {
			/* (the text is followed by zero bytes, no spaces: s[len]
			 * may be read here and below, and stops every loop) */
			if (c == ' ' && !(cclass[s[i + 1]] & C_SPACE)) {
				/* one space between tokens: the common case */
				i++;
				pending |= Q1F(TF_SPACE);
				continue;
			}
			if (c == '\n' && !(cclass[s[i + 1]] & C_SPACE)) {
				/* a line break alone, between the lines of a
				 * paragraph: next in frequency */
				i++;
				pending |= Q1F(TF_SPACE | TF_NL);
				/* most lines start with a word */
				if ((cclass[s[i]] & C_ALPHA) && tp < tsafe)
					goto word;
				continue;
			}
			int nl = 0;
			while (cclass[s[i]] & C_SPACE) {
				nl += (cclass[s[i]] & C_NL) != 0;
				i++;
			}
			pending |= Q1F(TF_SPACE);
			if (nl)
				pending |= Q1F(TF_NL);
			if (nl > 1)
				pending |= Q1F(TF_PARA | TF_FIRST);
			continue;
		}
		if (tp == tend)
			goto full;
		if (!(cc & C_ALPHA)) {
			if (cc & C_DIGIT) {
				/* a number: digits, thousands groups and decimals
				 * not followed by a letter */
				size_t j = i;
				int64_t v = 0;
				do {
					if (v < 100000000LL)
						v = v * 10 + (s[j] - '0');
					j++;
				} while (cclass[s[j]] & C_DIGIT);
				size_t nd = j - i;
				uint16_t nf = 0;
				/* thousands groups and decimals ("2,500", "3.5")
				 * here too; an ordinal, a decade, "F16" or "6am"
				 * take the general path */
				if (s[j] == ',' || s[j] == '.')
					j = number_tail(s, len, j, nd, &v, &nf);
				if (cclass[s[j]] & C_ALPHA)
					goto general;
				*tp = (struct token){
					.start = (uint32_t)i, .end = (uint32_t)j,
					.num = (int32_t)(v > 1000000000LL ? 1000000000LL : v),
					.flags = (uint16_t)(Q1_FLAGS(pending) | nf),
					.kind = TK_NUM,
					.ndigits = (uint8_t)(nd > 255 ? 255 : nd),
				};
				/* mark(): a number may start an expression unless
				 * it has thousands groups */
				if (!(nf & TF_GROUPED))
					o->cand[o->ncand++] = (uint32_t)(tp - out);
				tp++;
				nplain++;
				i = j;
				/* "5 years": one space and a word straight into the
				 * word loop */
				if (SPACE_WORD(s, i) && tp < tsafe) {
					i++;
					pending = Q1(TF_SPACE);
					goto word;
				}
				pending = Q1(0);
				continue;
			}
			if (c >= 0x80)
				goto general;
			/* ASCII punctuation: one byte, one token */
			*tp++ = (struct token){
				.start = (uint32_t)i, .end = (uint32_t)(i + 1),
				.flags = Q1_FLAGS(pending), .kind = TK_PUNCT,
				.punct = (char)c,
			};
			/* TF_FIRST after '.', '!' and '?': C_END moved onto it
			 * (a shift, not three compares) */
			_Static_assert(TF_FIRST == C_END << 4, "C_END and TF_FIRST");
			uint64_t first = (uint64_t)(cc & C_END) << 4;
			i++;
			nplain++;
			/* ", the": one space and a word straight into the word
			 * loop, without a pass through the class tests above for
			 * the space and again for the letter (whose branches
			 * mispredicted often) */
			if (SPACE_WORD(s, i) && tp < tsafe) {
				i++;
				pending = Q1(first | TF_SPACE);
				goto word;
			}
			pending = Q1(first);
			continue;
		}
		if (tp >= tsafe)
			goto general;
		for (;;) {
		word:;
			/* The most common tokens: words of ASCII letters that
			 * end plainly, often one after the other with one space
			 * between them. Not before '.', ':' or '@' (a.m.,
			 * initials, a URL or an e-mail address may follow) nor a
			 * byte >= 0x80 (a letter may continue the word): those
			 * take the general path, which gives the same token for
			 * every other word. */
			size_t off = i - base;
			if (off >= 64) {
				/* room for the words of the next 64 bytes (see
				 * @tsafe) */
				if (tp >= tsafe)
					goto general;
				base = i;
				off = 0;
				non = nonletters64(s + i);
			}
			uint64_t r = non >> off;
			size_t e = r ? i + (unsigned)__builtin_ctzll(r)
			             : letters_end(s, base + 64, len);
			/* "said. ": a '.' that ends the chunk after a word other
			 * than "www" leaves the word plain too (no a.m., initials
			 * or URL can follow) */
			if ((cclass[s[e]] & C_STOP) &&
			    !sentence_end(s, len, i, e))
				goto general;
			size_t wl = e - i;
			uint64_t fl = pending;
			uint64_t bits;
			/* one load gives the lexicon key of a short word and
			 * tells whether it is all capitals (bit 5 is the
			 * lower-case bit of a letter); near the end of the text
			 * it reaches into the zero bytes after it, masked off
			 * like the bytes after the word */
			uint64_t w8;
			memcpy(&w8, s + i, 8);
			w8 = le64(w8);
			/* (hints: most words are short and lower case; GCC
			 * laid the common path out as three jumps) */
			if (UNLIKELY(!(w8 & 0x20))) {
				fl |= Q1F(TF_CAP);
				if (wl > 1 &&
				    (wl <= 8 ? !(w8 & 0x2020202020202000ull & keep_bytes[wl])
				             : !has_lower(s, i + 1, e)))
					fl |= Q1F(TF_ALLCAPS);
				ncaps++;
			}
			if (LIKELY(wl <= 8))
				bits = lx_short_probe(
					short_idx, shorts,
					(w8 | 0x2020202020202020ull) & keep_bytes[wl]);
			else if (wl <= LX_MAX_WORD) {
				/* (two loads, the second within the zero bytes
				 * after the text; cheaper than the
				 * first-two-letters filter, lx_maybe(), that
				 * came before a byte-by-byte look-up) */
				uint64_t w8b;
				memcpy(&w8b, s + i + 8, 8);
				bits = lx_long_probe(
					longs, w8 | 0x2020202020202020ull,
					(le64(w8b) | 0x2020202020202020ull) & keep_bytes[wl - 8]);
			} else {
				bits = 0;
			}
			/* short words carry LX_START_BIT (lx_mark_starts());
			 * the others are looked up in @word_rules here */
			put_word(tp, i, e, fl, bits);
			if (bits & LX_START_BIT)
				mark_word(o, (size_t)(tp - out));
			tp++;
			i = e;
			pending = Q1(0);
			if (s[e] != ' ' || !(cclass[s[e + 1]] & C_ALPHA))
				break;
			/* one space, then the next word (no test of the room
			 * left: see @tsafe) */
			i = e + 1;
			pending = Q1(TF_SPACE);
		}
		continue;
	general:;
		struct gen_res g = general_token(lx, word_rules, text, len, o, i,
		                                 (size_t)(tp - out),
		                                 Q1_FLAGS(pending));
		i = g.i;
		tp++;
		ncaps += g.what & G_CAP;
		nplain += !(g.what & (G_CAP | G_LOWER));
		pending = Q1(g.what & G_FIRST ? TF_FIRST : 0);
		if (SPACE_WORD(s, i) && tp < tsafe) {
			i++;
			pending |= Q1F(TF_SPACE);
			goto word;
		}
	}
	o->n = (size_t)(tp - out);
	o->ncaps = ncaps;
	o->nlower = o->n - nplain - ncaps;
	return 0;
full:
	o->ncaps = ncaps;
	o->nlower = (size_t)(tp - out) - nplain - ncaps;
	return -1;
}
