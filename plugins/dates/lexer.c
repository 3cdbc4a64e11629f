/*
 * lexer.c - words, numbers, punctuation and URL chunks with byte offsets.
 */
#include "lexer.h"

#include <stdbool.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Byte classes. */
enum { C_SPACE = 1, C_ALPHA = 2, C_DIGIT = 4, C_UPPER = 8, C_NL = 16 };

#define SP C_SPACE
#define LO C_ALPHA
#define UP (C_ALPHA | C_UPPER)
#define DG C_DIGIT
static const uint8_t cclass[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, SP, SP | C_NL, SP, SP, SP, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	SP, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	DG, DG, DG, DG, DG, DG, DG, DG, DG, DG, 0, 0, 0, 0, 0, 0,
	0, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP,
	UP, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP, 0, 0, 0, 0, 0,
	0, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO,
	LO, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO, 0, 0, 0, 0, 0,
};
#undef SP
#undef LO
#undef UP
#undef DG

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
		else if (s[k] == '.' && k + 4 < j && k > i &&
		         (strncmp(s + k, ".com/", 5) == 0 ||
		          strncmp(s + k, ".org/", 5) == 0 ||
		          strncmp(s + k, ".net/", 5) == 0 ||
		          strncmp(s + k, ".gov/", 5) == 0))
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
	const __m128i case_bit = _mm_set1_epi8(0x20);
	const __m128i before_a = _mm_set1_epi8('a' - 1);
	const __m128i after_z = _mm_set1_epi8('z' + 1);
	while (i + 16 <= len) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		/* bytes >= 0x80 are negative as signed and fail the first test */
		__m128i f = _mm_or_si128(x, case_bit);
		unsigned letter = (unsigned)_mm_movemask_epi8(
			_mm_and_si128(_mm_cmpgt_epi8(f, before_a),
			              _mm_cmplt_epi8(f, after_z)));
		if (letter != 0xFFFFu)
			return i + (size_t)__builtin_ctz(letter ^ 0xFFFFu);
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


static void lookup(const struct lx_table *lx, const char *s, const char *end,
                   struct token *t)
{
	size_t n = t->end - t->start;
	if (n > LX_MAX_WORD)
		return;
	const char *w = s + t->start;
	const struct lx_entry *e;
	if (n <= 8) {
		/* the common case: the word packed into one integer, one
		 * multiply and (mostly) one probe */
		uint64_t key = 0;
		if (w + 8 <= end) {
			/* one unaligned load; the bytes past the word masked off */
			memcpy(&key, w, 8);
			key = le64(key) | 0x2020202020202020ull;
			if (n < 8)
				key &= ((uint64_t)1 << (8 * n)) - 1;
		} else {
			for (size_t k = 0; k < n; k++)
				key |= (uint64_t)(unsigned char)(w[k] | 32) << (8 * k);
		}
		e = lx_lookup_short(lx, key);
	} else {
		char a = (char)(w[0] | 32), b = (char)(w[1] | 32);
		if (!lx_maybe(lx, a, b, n))
			return;
		size_t h = LX_HASH_INIT;
		for (size_t k = 0; k < n; k++)
			h = lx_hash_step(h, (unsigned char)(w[k] | 32));
		e = lx_lookup_folded(lx, w, n, h);
	}
	if (e) {
		t->cls = e->cls;
		t->lflags = e->flags;
		t->val = e->val;
		t->lex = (uint16_t)(e - lx->entries + 1);
	}
}

/* lookup() of a word of 1 to 8 ASCII letters at @w with 8 bytes
 * readable there: the word packed into one integer (first byte lowest,
 * case folded, bytes past the word masked off), one multiply and mostly
 * one probe. */
static inline void lookup_short(const struct lx_table *lx,
                                const unsigned char *w, size_t n,
                                struct token *t)
{
	uint64_t key;
	memcpy(&key, w, 8);
	key = le64(key) | 0x2020202020202020ull;
	if (n < 8)
		key &= ((uint64_t)1 << (8 * n)) - 1;
	const struct lx_entry *e = lx_lookup_short(lx, key);
	if (e) {
		t->cls = e->cls;
		t->lflags = e->flags;
		t->val = e->val;
		t->lex = (uint16_t)(e - lx->entries + 1);
	}
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
	/* "Election Day": the capitalised word before "Day" starts it */
	if (t->cls == LX_UNIT && t->val == U_DAY && n > 0) {
		const struct token *p = &o->tk[n - 1];
		if (p->kind == TK_WORD && !p->lex && (p->flags & TF_CAP) &&
		    (o->ncand == 0 || o->cand[o->ncand - 1] != n - 1))
			o->cand[o->ncand++] = (uint32_t)(n - 1);
	}
	o->cand[o->ncand++] = (uint32_t)n;
}

int lex_scan(const struct lx_table *lx, const uint16_t *word_rules,
             const char *text, size_t len, struct lex_out *o)
{
	const unsigned char *s = (const unsigned char *)text;
	struct token *out = o->tk;
	size_t cap = o->cap;
	size_t i = 0, n = 0;
	uint16_t pending = TF_FIRST;
	bool chunk_start = true;
	size_t *ncaps = &o->ncaps, *nlower = &o->nlower;
	*ncaps = *nlower = 0;
	o->ncand = 0;
	while (i < len) {
		unsigned char c = s[i];
		if (c == ' ' && (i + 1 >= len || !is_space(s[i + 1]))) {
			/* one space between tokens: the common case */
			i++;
			pending |= TF_SPACE;
			chunk_start = true;
			continue;
		}
		if (is_space(c)) {
			int nl = 0;
			while (i < len && (cclass[s[i]] & C_SPACE)) {
				nl += (cclass[s[i]] & C_NL) != 0;
				i++;
			}
			pending |= TF_SPACE;
			if (nl)
				pending |= TF_NL;
			if (nl > 1)
				pending |= TF_PARA | TF_FIRST;
			chunk_start = true;
			continue;
		}
		if (n == cap)
			return -1;
		struct token *t = &out[n];
		memset(t, 0, sizeof *t);
		if (cclass[c] & C_ALPHA) {
			/* The most common tokens: words of ASCII letters that
			 * end plainly, often one after the other with one space
			 * between them. Not before '.', ':' or '@' (a.m.,
			 * initials, a URL or an e-mail address may follow) nor a
			 * byte >= 0x80 (a letter may continue the word): those
			 * take the general path below, which gives the same
			 * token for every other word. */
			bool done = false;
			for (;;) {
				size_t e = letters_end(s, i, len);
				unsigned char nx = e < len ? s[e] : ' ';
				if (nx >= 0x80 || nx == '.' || nx == ':' || nx == '@')
					break;
				uint16_t fl = pending;
				if (c <= 'Z') {
					fl |= TF_CAP;
					if (e - i > 1 && !has_lower(s, i + 1, e))
						fl |= TF_ALLCAPS;
					(*ncaps)++;
				} else {
					(*nlower)++;
				}
				t->start = (uint32_t)i;
				t->end = (uint32_t)e;
				t->flags = fl;
				t->kind = TK_WORD;
				pending = 0;
				chunk_start = false;
				/* most words are not in the lexicon: a bit per first
				 * two letters and length rules them out first */
				size_t wl = e - i;
				unsigned a = (unsigned)((c | 32) - 'a');
				unsigned b = wl == 1 ? 26u : (unsigned)((s[i + 1] | 32) - 'a');
				if (wl <= LX_MAX_WORD && b <= 26 &&
				    ((lx->pair_len[a][b] >> wl) & 1u)) {
					if (wl <= 8 && i + 8 <= len)
						lookup_short(lx, s + i, wl, t);
					else
						lookup(lx, text, text + len, t);
					if (t->lex)
						mark(word_rules, o, n);
				}
				n++;
				i = e;
				done = true;
				if (nx != ' ' || e + 1 >= len || !(cclass[s[e + 1]] & C_ALPHA))
					break;
				/* one space, then the next word */
				if (n == cap)
					return -1;
				i = e + 1;
				c = s[i];
				pending = TF_SPACE;
				chunk_start = true;
				t = &out[n];
				memset(t, 0, sizeof *t);
				done = false;
			}
			if (done)
				continue;
		}
		t->start = (uint32_t)i;
		t->flags = pending;
		pending = 0;
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
			/* thousands groups: exactly three digits after each comma */
			while (nd <= 3 && i + 3 < len && s[i] == ',' &&
			       is_digit(s[i + 1]) && is_digit(s[i + 2]) &&
			       is_digit(s[i + 3]) &&
			       (i + 4 >= len || !is_digit(s[i + 4]))) {
				v = v * 1000 + (s[i + 1] - '0') * 100 +
				    (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
				i += 4;
				t->flags |= TF_GROUPED;
			}
			if (i + 1 < len && s[i] == '.' && is_digit(s[i + 1])) {
				i++;
				while (i < len && is_digit(s[i]))
					i++;
				t->flags |= TF_DECIMAL;
			}
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
				if (letters == 1 && (c | 32) != 0 && ((c | 32) == 'a' || (c | 32) == 'p') &&
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
						chunk_start = false;
						n++;
						continue;
					}
				}
				if (upper)
					t->flags |= TF_CAP;
				if (upper && allup && letters > 1)
					t->flags |= TF_ALLCAPS;
				if (upper)
					(*ncaps)++;
				else if (c >= 'a' && c <= 'z')
					(*nlower)++;
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
		chunk_start = false;
		mark(word_rules, o, n);
		if (t->kind == TK_PUNCT && (t->punct == '.' || t->punct == '!' ||
		                            t->punct == '?'))
			pending |= TF_FIRST;
		n++;
	}
	o->n = n;
	return 0;
}
