/*
 * lexer.c - splits the text into the engine's tokens: words (with
 * apostrophes, hyphens and abbreviation points inside), single
 * punctuation characters, line breaks and quote marks, and maps every
 * token to a sentence.
 *
 * An apostrophe between letters (Won’t, Iraq’s, rock ’n’ roll's inner
 * marks) stays in the word. A straight quote that touches code-like
 * context (x="a", print("a"), 5'10") and any mark inside a masked span
 * (URLs, e-mail addresses from the tokenizer) is plain punctuation.
 */
#include <stddef.h>
#include <string.h>
#include <utf8proc.h>
#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

#include "qx_int.h"

/* 1: a lowercase ASCII letter or digit, 2: an uppercase one. */
static const uint8_t ascii_alnum[256] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1,
	['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
	['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,
	['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
	['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
	['y'] = 1, ['z'] = 1,
	['A'] = 2, ['B'] = 2, ['C'] = 2, ['D'] = 2, ['E'] = 2, ['F'] = 2,
	['G'] = 2, ['H'] = 2, ['I'] = 2, ['J'] = 2, ['K'] = 2, ['L'] = 2,
	['M'] = 2, ['N'] = 2, ['O'] = 2, ['P'] = 2, ['Q'] = 2, ['R'] = 2,
	['S'] = 2, ['T'] = 2, ['U'] = 2, ['V'] = 2, ['W'] = 2, ['X'] = 2,
	['Y'] = 2, ['Z'] = 2,
};

/* What lex_tokens_fast() makes of a token by its first byte: FB_WORD for
 * ASCII letters and digits, with F_CAP for uppercase letters; FB_PUNCT
 * for the other ASCII characters but the quote characters " ' `
 * (punctuation, as make_mark() finds); 0 for those and for bytes beyond
 * ASCII (lex_token_slow()). */
enum { FB_WORD = 0x80, FB_PUNCT = 0x40 };
static const uint8_t first_byte[256] = {
	[0x00] = FB_PUNCT, [0x01] = FB_PUNCT, [0x02] = FB_PUNCT,
	[0x03] = FB_PUNCT, [0x04] = FB_PUNCT, [0x05] = FB_PUNCT,
	[0x06] = FB_PUNCT, [0x07] = FB_PUNCT, [0x08] = FB_PUNCT,
	[0x09] = FB_PUNCT, [0x0a] = FB_PUNCT, [0x0b] = FB_PUNCT,
	[0x0c] = FB_PUNCT, [0x0d] = FB_PUNCT, [0x0e] = FB_PUNCT,
	[0x0f] = FB_PUNCT, [0x10] = FB_PUNCT, [0x11] = FB_PUNCT,
	[0x12] = FB_PUNCT, [0x13] = FB_PUNCT, [0x14] = FB_PUNCT,
	[0x15] = FB_PUNCT, [0x16] = FB_PUNCT, [0x17] = FB_PUNCT,
	[0x18] = FB_PUNCT, [0x19] = FB_PUNCT, [0x1a] = FB_PUNCT,
	[0x1b] = FB_PUNCT, [0x1c] = FB_PUNCT, [0x1d] = FB_PUNCT,
	[0x1e] = FB_PUNCT, [0x1f] = FB_PUNCT, [' '] = FB_PUNCT,
	['!'] = FB_PUNCT, ['#'] = FB_PUNCT, ['$'] = FB_PUNCT,
	['%'] = FB_PUNCT, ['&'] = FB_PUNCT, ['('] = FB_PUNCT,
	[')'] = FB_PUNCT, ['*'] = FB_PUNCT, ['+'] = FB_PUNCT,
	[','] = FB_PUNCT, ['-'] = FB_PUNCT, ['.'] = FB_PUNCT,
	['/'] = FB_PUNCT, ['0'] = FB_WORD, ['1'] = FB_WORD, ['2'] = FB_WORD,
	['3'] = FB_WORD, ['4'] = FB_WORD, ['5'] = FB_WORD, ['6'] = FB_WORD,
	['7'] = FB_WORD, ['8'] = FB_WORD, ['9'] = FB_WORD, [':'] = FB_PUNCT,
	[';'] = FB_PUNCT, ['<'] = FB_PUNCT, ['='] = FB_PUNCT,
	['>'] = FB_PUNCT, ['?'] = FB_PUNCT, ['@'] = FB_PUNCT,
	['A'] = FB_WORD | F_CAP, ['B'] = FB_WORD | F_CAP,
	['C'] = FB_WORD | F_CAP, ['D'] = FB_WORD | F_CAP,
	['E'] = FB_WORD | F_CAP, ['F'] = FB_WORD | F_CAP,
	['G'] = FB_WORD | F_CAP, ['H'] = FB_WORD | F_CAP,
	['I'] = FB_WORD | F_CAP, ['J'] = FB_WORD | F_CAP,
	['K'] = FB_WORD | F_CAP, ['L'] = FB_WORD | F_CAP,
	['M'] = FB_WORD | F_CAP, ['N'] = FB_WORD | F_CAP,
	['O'] = FB_WORD | F_CAP, ['P'] = FB_WORD | F_CAP,
	['Q'] = FB_WORD | F_CAP, ['R'] = FB_WORD | F_CAP,
	['S'] = FB_WORD | F_CAP, ['T'] = FB_WORD | F_CAP,
	['U'] = FB_WORD | F_CAP, ['V'] = FB_WORD | F_CAP,
	['W'] = FB_WORD | F_CAP, ['X'] = FB_WORD | F_CAP,
	['Y'] = FB_WORD | F_CAP, ['Z'] = FB_WORD | F_CAP, ['['] = FB_PUNCT,
	['\\'] = FB_PUNCT, ['^'] = FB_PUNCT, ['_'] = FB_PUNCT,
	['a'] = FB_WORD, ['b'] = FB_WORD, ['c'] = FB_WORD, ['d'] = FB_WORD,
	['e'] = FB_WORD, ['f'] = FB_WORD, ['g'] = FB_WORD, ['h'] = FB_WORD,
	['i'] = FB_WORD, ['j'] = FB_WORD, ['k'] = FB_WORD, ['l'] = FB_WORD,
	['m'] = FB_WORD, ['n'] = FB_WORD, ['o'] = FB_WORD, ['p'] = FB_WORD,
	['q'] = FB_WORD, ['r'] = FB_WORD, ['s'] = FB_WORD, ['t'] = FB_WORD,
	['u'] = FB_WORD, ['v'] = FB_WORD, ['w'] = FB_WORD, ['x'] = FB_WORD,
	['y'] = FB_WORD, ['z'] = FB_WORD, ['{'] = FB_PUNCT, ['|'] = FB_PUNCT,
	['}'] = FB_PUNCT, ['~'] = FB_PUNCT, [0x7f] = FB_PUNCT,
};

/* The character helpers below take ASCII inline and call out for the
 * rest: the quote marks' neighbours (make_mark()) are nearly all ASCII,
 * and a call for each was most of the cost of a mark. */
static int32_t cp_at_slow(const char *s, size_t len, size_t i, size_t *next)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;

	if (i >= len) {
		*next = len;
		return -1;
	}
	if ((unsigned char)s[i] < 0x80) {
		*next = i + 1;
		return (unsigned char)s[i];
	}
	k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
	                     (utf8proc_ssize_t)(len - i), &cp);
	if (k <= 0) {
		*next = i + 1;
		return -1;
	}
	*next = i + (size_t)k;
	return cp;
}

static inline int32_t cp_at(const char *s, size_t len, size_t i,
                            size_t *next)
{
	if (i < len && (unsigned char)s[i] < 0x80) {
		*next = i + 1;
		return (unsigned char)s[i];
	}
	return cp_at_slow(s, len, i, next);
}

/* The code point that ends at byte i (exclusive), or -1. */
static int32_t cp_before_slow(const char *s, size_t i)
{
	size_t j = i, next;

	if (i == 0)
		return -1;
	j--;
	while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80 && i - j < 4)
		j--;
	return cp_at(s, i, j, &next);
}

static inline int32_t cp_before(const char *s, size_t i)
{
	if (i > 0 && (unsigned char)s[i - 1] < 0x80)
		return (unsigned char)s[i - 1];
	return cp_before_slow(s, i);
}

static bool is_alnum_cp_slow(int32_t c)
{
	switch (utf8proc_category(c)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
	case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC:
		return true;
	default:
		return false;
	}
}

static inline bool is_alnum_cp(int32_t c)
{
	if (c < 0)
		return false;
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		       (c >= '0' && c <= '9');
	return is_alnum_cp_slow(c);
}

static bool is_space_cp_slow(int32_t c)
{
	return utf8proc_category(c) == UTF8PROC_CATEGORY_ZS || c == 0xFEFF ||
	       c == 0x200B;
}

static inline bool is_space_cp(int32_t c)
{
	if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v')
		return true;
	if (c < 0x80)
		return false;
	return is_space_cp_slow(c);
}

static bool is_upper_cp(int32_t c)
{
	if (c < 0)
		return false;
	if (c < 0x80)
		return c >= 'A' && c <= 'Z';
	return utf8proc_category(c) == UTF8PROC_CATEGORY_LU ||
	       utf8proc_category(c) == UTF8PROC_CATEGORY_LT;
}

static bool is_letter_cp(int32_t c)
{
	return is_alnum_cp(c) && !(c >= '0' && c <= '9');
}

/* Quote-mark class and direction of a code point, 0 if none. */
static int mark_of(int32_t c, uint8_t *dir, uint8_t *low)
{
	*low = 0;
	switch (c) {
	case '"': case 0xFF02:
		*dir = MD_AMBIG; return MC_DOUBLE;
	case '\'':
		*dir = MD_AMBIG; return MC_SINGLE;
	case 0x201C: case 0x201F: case 0x00AB: case 0x300C: case 0x300E:
		*dir = MD_OPEN; return MC_DOUBLE;
	case 0x201E:
		*dir = MD_OPEN; *low = 1; return MC_DOUBLE;
	case 0x201D: case 0x00BB: case 0x300D: case 0x300F:
		*dir = MD_CLOSE; return MC_DOUBLE;
	case 0x2018: case 0x201B: case 0x2039:
		*dir = MD_OPEN; return MC_SINGLE;
	case 0x201A:
		*dir = MD_OPEN; *low = 1; return MC_SINGLE;
	case 0x2019: case 0x203A:
		*dir = MD_CLOSE; return MC_SINGLE;
	default:
		return 0;
	}
}

static bool in_masked(const struct qx_input *in, size_t *mi, size_t pos)
{
	while (*mi < in->nmasked && in->masked[*mi].end <= pos)
		(*mi)++;
	return *mi < in->nmasked && in->masked[*mi].start <= pos;
}

static bool is_abbrev(const char *w, size_t len)
{
	static const char *const abbr[] = {
		"Mr", "Mrs", "Ms", "Dr", "Prof", "Sen", "Gov", "Rep", "Gen",
		"Lt", "Col", "Sgt", "St", "Jr", "Sr", "Maj", "Capt", "Adm",
		"Gen", "Cmdr", "Rev", "Hon", "Pres", "No", "vs", "etc",
		"Inc", "Corp", "Ltd", "Co", "Mt", "Ft", "Supt", "Insp", NULL,
	};
	for (size_t k = 0; abbr[k]; k++)
		if (strlen(abbr[k]) == len && memcmp(abbr[k], w, len) == 0)
			return true;
	if (len == 1 && w[0] >= 'A' && w[0] <= 'Z')
		return true;
	return memchr(w, '.', len) != NULL;
}

static int push(struct qx *q, long *cap, const struct tok *t)
{
	if (qx_grow(q, (void **)&q->tk, cap, q->ntk + 1, sizeof(*t)) < 0)
		return -1;
	q->tk[q->ntk++] = *t;
	return 0;
}

size_t tok_lower(const struct qx *q, long i, char *buf, size_t cap)
{
	const struct tok *t = &q->tk[i];
	size_t n = t->e - t->s;

	if (n >= cap)
		n = cap - 1;
	for (size_t k = 0; k < n; k++) {
		char c = q->t[t->s + k];
		buf[k] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
	}
	buf[n] = '\0';
	return n;
}

/* The caller's extra cues, used like "said". */
static void extra_cue(const struct qx *q, struct tok *t, const char *w,
                      size_t n)
{
	for (size_t k = 0; k < q->cfg->n_extra_cues && t->cue == CUE_NONE;
	     k++) {
		const char *x = q->cfg->extra_cues[k];
		size_t m = 0;
		while (m < n && x[m] &&
		       x[m] == ((w[m] >= 'A' && w[m] <= 'Z') ? w[m] + 32 : w[m]))
			m++;
		if (m == n && x[n] == '\0')
			t->cue = CUE_SAY;
	}
}

/* Nonzero when a byte of @x is '/', '@' or ':'. */
static inline uint64_t url_bytes(uint64_t x)
{
	const uint64_t ones = UINT64_C(0x0101010101010101);
	const uint64_t highs = UINT64_C(0x8080808080808080);
	uint64_t a = x ^ (ones * '/'), b = x ^ (ones * '@'),
	         c = x ^ (ones * ':');

	return (((a - ones) & ~a) | ((b - ones) & ~b) | ((c - ones) & ~c)) &
	       highs;
}

/* Whether bytes [1, n) of @w hold '/', '@' or ':'; @avail bytes may be
 * read at @w. */
static inline __attribute__((always_inline)) bool url_like(const char *w, size_t n, size_t avail)
{
	size_t k = 1;

#if defined(__SSE2__) && defined(__GNUC__)
	/* the common case in one step: bytes 1 to 16 */
	if (n <= 17 && avail >= 17) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(w + 1));
		__m128i m = _mm_or_si128(
			_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('/')),
			             _mm_cmpeq_epi8(v, _mm_set1_epi8('@'))),
			_mm_cmpeq_epi8(v, _mm_set1_epi8(':')));
		return ((unsigned)_mm_movemask_epi8(m) &
		        ((1u << (n - 1)) - 1)) != 0;
	}
#endif
	while (k + 8 <= avail && k < n) {
		uint64_t x = load_le64(w + k);
		if (n - k < 8)
			x |= ~UINT64_C(0) << (8 * (n - k)); /* not ours */
		if (url_bytes(x))
			return true;
		k += 8;
	}
	for (; k < n; k++)
		if (w[k] == '/' || w[k] == '@' || w[k] == ':')
			return true;
	return false;
}

/* The eager part of a word @t (its span set, the rest zero) of the text
 * @s (@len bytes, q->t and q->n: passed by the caller, which has them at
 * hand, as the stores into @t could alias q's fields): F_CAP and the cue,
 * with the extra cues when the caller has some (@extra). tok_fill() does
 * the rest when a rule asks. */
static inline __attribute__((always_inline)) void
classify_word(const struct qx *q, const char *s, size_t len, struct tok *t,
              bool extra)
{
	size_t n = t->e - t->s, next;
	const char *w = s + t->s;
	unsigned char c0 = (unsigned char)w[0];
	size_t avail = len - t->s;
	const struct lex_entry *e;

	if (c0 < 0x80 ? (c0 >= 'A' && c0 <= 'Z')
	              : is_upper_cp(cp_at(s, len, t->s, &next)))
		t->flags |= F_CAP;
	/* every lexicon word starts with an ASCII letter; the prefilter
	 * lets one word in ten through to the probe. No URL is a cue (no
	 * lexicon word holds '/', '@' or ':'), so URLs need no test here */
	if (n <= LEX_MAX_LEN && (unsigned)((c0 | 0x20) - 'a') < 26u &&
	    cue_maybe(c0, (unsigned char)w[n - 1], n)) {
		e = lex_probe(w, n, lex_key(w, n, avail));
		if (e)
			t->cue = e->cue;
	}
	if (extra && t->cue == CUE_NONE && !(n >= 7 && url_like(w, n, avail)))
		extra_cue(q, t, w, n);
}

void tok_fill(const struct qx *q, struct tok *t)
{
	size_t n = t->e - t->s;
	const char *w = q->t + t->s;
	size_t avail = q->n - t->s;
	unsigned char c0;
	const struct lex_entry *e;

	t->flags |= F_LEX;
	if (t->type != T_WORD)
		return;
	c0 = (unsigned char)w[0];
	if (c0 >= '0' && c0 <= '9')
		t->flags |= F_ALNUM;
	if (n > 2 && (w[n - 1] | 0x20) == 's' &&
	    (w[n - 2] == '\'' ||
	     (n > 4 && (unsigned char)w[n - 4] == 0xE2 &&
	      (unsigned char)w[n - 3] == 0x80 &&
	      (unsigned char)w[n - 2] == 0x99)))
		t->flags |= F_POSS;
	if (n > 4 && w[n - 3] == 'i' && w[n - 2] == 'n' && w[n - 1] == 'g')
		t->flags |= F_ING;
	/* a URL or an e-mail address: "reuters.com/x", "a@b.org" */
	if (n >= 7 && url_like(w, n, avail)) {
		t->flags |= F_URL;
		return;
	}
	/* every lexicon word starts with an ASCII letter */
	e = n <= LEX_MAX_LEN && (unsigned)((c0 | 0x20) - 'a') < 26u
	            ? lex_probe(w, n, lex_key(w, n, avail))
	            : NULL;
	if (e)
		t->lcls = e->cls;
}

/* Whether a straight quote at [i, i+1) sits in code-like context. */
static bool code_like(const char *s, size_t len, size_t i)
{
	size_t j = i, next;
	int32_t p = cp_before(s, i);

	if (p == '=' || p == '(' || p == '[' || p == '{' || p == '\\' ||
	    p == '/' || p == '<')
		return true;
	if (s[i] == '"' && p >= '0' && p <= '9')
		return true; /* 12" */
	if (s[i] == '"' && is_alnum_cp(p) && is_alnum_cp(cp_at(s, len, i + 1, &next)))
		return true; /* foo"bar */
	while (j > 0 && (s[j - 1] == ' ' || s[j - 1] == '\t'))
		j--;
	return j > 0 && j < i && s[j - 1] == '=';
}

static void make_mark(const char *s, size_t len, int32_t c, struct tok *t,
                      bool masked);
static void set_lower_doc(struct qx *q, bool lower);
static int list_tokens(struct qx *q);

int lex_text(struct qx *q, const struct qx_input *in)
{
	const char *s = in->text;
	size_t len = in->len, i = 0, next, mi = 0;
	long cap = 0;
	size_t upper = 0, letters = 0;

	while (i < len) {
		int32_t c = cp_at(s, len, i, &next);
		struct tok t;

		memset(&t, 0, sizeof(t));
		t.s = (uint32_t)i;
		if (c == '\n') {
			t.type = T_NL;
			t.e = (uint32_t)next;
			if (push(q, &cap, &t) < 0)
				return -1;
			i = next;
			continue;
		}
		if (c == ' ' || c < 0 || is_space_cp(c)) {
			i = next;
			continue;
		}
		if ((c == 'h' && (len - i > 7) &&
		     (memcmp(s + i, "http://", 7) == 0 ||
		      memcmp(s + i, "https://", 8) == 0)) ||
		    (c == 'w' && len - i > 4 && memcmp(s + i, "www.", 4) == 0)) {
			size_t k = i;
			while (k < len && s[k] != ' ' && s[k] != '\n' &&
			       s[k] != '\t')
				k++;
			t.type = T_WORD;
			t.flags = F_URL | F_LEX; /* nothing more to look up */
			t.e = (uint32_t)k;
			if (push(q, &cap, &t) < 0)
				return -1;
			i = k;
			continue;
		}
		if (is_alnum_cp(c)) {
			size_t k = next, seg = 1;
			if (is_upper_cp(c))
				upper++;
			letters++;
			for (;;) {
				size_t n2, n3;
				int32_t d;
				/* ASCII letters and digits: the common case */
				while (k < len && ascii_alnum[(unsigned char)s[k]]) {
					if (ascii_alnum[(unsigned char)s[k]] == 2)
						upper++;
					letters++;
					seg++;
					k++;
				}
				d = cp_at(s, len, k, &n2);
				if (d >= 0x80 && is_alnum_cp(d)) {
					if (is_upper_cp(d))
						upper++;
					letters++;
					seg++;
					k = n2;
					continue;
				}
				if (d == '-' || d == '\'' || d == 0x2019 ||
				    d == '&' || d == 0x2011 ||
				    (d == '.' && seg <= 2)) {
					int32_t e2 = cp_at(s, len, n2, &n3);
					if (is_alnum_cp(e2) &&
					    (d != '.' || is_letter_cp(e2))) {
						k = n2;
						seg = 0;
						continue;
					}
				}
				break;
			}
			if (k < len && s[k] == '.' && is_abbrev(s + i, k - i))
				k++;
			t.type = T_WORD;
			t.e = (uint32_t)k;
			classify_word(q, s, len, &t, q->cfg->n_extra_cues > 0);
			if (push(q, &cap, &t) < 0)
				return -1;
			i = k;
			continue;
		}
		if (c == '`') {
			if (next < len && s[next] == '`') {
				t.type = T_MARK;
				t.mclass = MC_DOUBLE;
				t.mdir = MD_OPEN;
				t.e = (uint32_t)(next + 1);
			} else {
				/* `code`: one opaque token up to the next
				 * backtick on the line */
				size_t k = next;
				while (k < len && s[k] != '`' && s[k] != '\n')
					k++;
				t.type = T_PUNCT;
				t.e = (uint32_t)(k < len && s[k] == '`' ? k + 1
				                                        : next);
			}
			if (push(q, &cap, &t) < 0)
				return -1;
			i = t.e;
			continue;
		}
		t.e = (uint32_t)next;
		if (c == '\'' && next < len && s[next] == '\'')
			t.e = (uint32_t)(next + 1); /* LaTeX '' */
		make_mark(s, len, c, &t, in_masked(in, &mi, i));
		if (push(q, &cap, &t) < 0)
			return -1;
		i = t.e;
	}
	if (list_tokens(q) < 0)
		return -1;
	set_lower_doc(q, letters > 200 && upper * 200 < letters);
	return 0;
}

/* lex_tokens()'s lists for lex_text(): line breaks and quote marks,
 * capitalised words, words with a cue. */
static int list_tokens(struct qx *q)
{
	q->marks = qx_alloc(q, sizeof(uint32_t) * (size_t)(q->ntk + 1));
	q->capw = qx_alloc(q, sizeof(uint32_t) * (size_t)(q->ntk + 1));
	q->cuew = qx_alloc(q, sizeof(uint32_t) * (size_t)(q->ntk + 1));
	if (!q->marks || !q->capw || !q->cuew)
		return -1;
	q->nmarks = q->ncapw = q->ncuew = 0;
	for (long i = 0; i < q->ntk; i++) {
		const struct tok *t = &q->tk[i];
		if (t->type == T_NL || t->type == T_MARK)
			q->marks[q->nmarks++] = (uint32_t)i;
		if (t->type != T_WORD)
			continue;
		if (t->flags & F_CAP)
			q->capw[q->ncapw++] = (uint32_t)i;
		if (t->cue != CUE_NONE)
			q->cuew[q->ncuew++] = (uint32_t)i;
	}
	return 0;
}

/* Capitalisation carries no information in an all-lowercase text. */
static void set_lower_doc(struct qx *q, bool lower)
{
	q->lower_doc = lower;
	if (lower)
		for (long k = 0; k < q->ntk; k++)
			q->tk[k].flags &= (uint8_t)~F_CAP;
}

/* The token [t->s, t->e) starting with code point @c: a quote mark or
 * punctuation. */
static void make_mark(const char *s, size_t len, int32_t c, struct tok *t,
                      bool masked)
{
	uint8_t dir, low;
	size_t next;
	int mc = mark_of(c, &dir, &low);

	if (c == '\'' && t->e - t->s == 2 && s[t->s + 1] == '\'') {
		mc = MC_DOUBLE; /* LaTeX '' */
		dir = MD_CLOSE;
	} else if (c == '`' && t->e - t->s == 2 && s[t->s + 1] == '`') {
		mc = MC_DOUBLE; /* LaTeX `` */
		dir = MD_OPEN;
	} else if (mc && cp_at(s, len, t->s, &next) >= 0 && next != t->e) {
		mc = 0; /* more than one character: not a mark */
	}
	if (mc && (masked || ((c == '"' || c == '\'') &&
	                      code_like(s, len, t->s))))
		mc = 0;
	if (!mc) {
		t->type = T_PUNCT;
		return;
	}
	int32_t p = cp_before(s, t->s);
	int32_t nx = cp_at(s, len, t->e, &next);
	t->type = T_MARK;
	t->mclass = (uint8_t)mc;
	t->mdir = dir;
	t->low_open = low;
	t->sp_before = (uint8_t)(p < 0 || p == '\n' || is_space_cp(p) ||
	                         p == '(' || p == '[' || p == 0x2014 ||
	                         p == 0x2013);
	t->sp_after = (uint8_t)(nx < 0 || nx == '\n' || is_space_cp(nx) ||
	                        (!is_alnum_cp(nx) && nx != '-' &&
	                         mark_of(nx, &dir, &low) == 0 && nx != '(' &&
	                         nx != '['));
}

static inline bool apostrophe_start(const char *s, uint32_t a, uint32_t b)
{
	if (b > a && (s[a] == '\'' || (b - a >= 3 && s[a] == 'n' &&
	                               (s[a + 1] == '\'' ||
	                                (unsigned char)s[a + 1] == 0xE2))))
		return true;
	return b - a >= 3 && (unsigned char)s[a] == 0xE2 &&
	       (unsigned char)s[a + 1] == 0x80 &&
	       (unsigned char)s[a + 2] == 0x99;
}

/* Whether the backtick token @k opens a LaTeX single quote (`Hello,'):
 * a letter right after it and a straight ' before any other backtick on
 * the line. */
static bool latex_single(const struct qx_input *in, const char *s, size_t k)
{
	uint32_t a = in->tok_start[k];

	if (k + 1 >= in->ntok || in->tok_start[k + 1] != a + 1 ||
	    !ascii_alnum[(unsigned char)s[a + 1]] ||
	    (a > 0 && s[a - 1] != ' ' && s[a - 1] != '\n'))
		return false;
	for (size_t m = k + 1; m < in->ntok && m < k + 60; m++) {
		uint32_t ms = in->tok_start[m];
		if (memchr(s + in->tok_end[m - 1], '\n', ms - in->tok_end[m - 1]))
			return false;
		if (s[ms] == '`')
			return false;
		if (s[ms] == '\'' && in->tok_end[m] - ms == 1)
			return true;
	}
	return false;
}

/* Whether [a, b) is an apostrophe alone (' or ’). */
static int lone_apostrophe(const char *s, uint32_t a, uint32_t b)
{
	return (b - a == 1 && s[a] == '\'') ||
	       (b - a == 3 && (unsigned char)s[a] == 0xE2 &&
	        (unsigned char)s[a + 1] == 0x80 &&
	        (unsigned char)s[a + 2] == 0x99);
}

/* Token @k (@t, starting with code point @c) of lex_tokens() when it
 * is a quote mark, a backtick or punctuation beyond ASCII. Returns the
 * last tokenizer token it took (a `code` span takes several). Out of
 * line: one token in fifty. */
static size_t mark_token(const struct qx_input *in, size_t k, struct tok *t,
                         int32_t c)
{
	const char *s = in->text;
	uint32_t a = t->s, b = t->e;

	if (c == '`' && b - a == 1 && latex_single(in, s, k)) {
		/* LaTeX `quote' */
		t->type = T_MARK;
		t->mclass = MC_SINGLE;
		t->mdir = MD_OPEN;
		t->sp_before = 1;
	} else if (c == '`' && b - a == 1) {
		/* `code`: opaque up to the next backtick on the line */
		size_t m = k + 1;
		while (m < in->ntok && s[in->tok_start[m]] != '`' &&
		       !memchr(s + b, '\n', in->tok_start[m] - b))
			m++;
		if (m < in->ntok && s[in->tok_start[m]] == '`' &&
		    in->tok_end[m] - in->tok_start[m] == 1) {
			k = m;
			t->e = in->tok_end[m];
		}
		t->type = T_PUNCT;
	} else {
		make_mark(s, in->len, c, t, false);
	}
	return k;
}

/* The state of lex_tokens() between its fast and its slow path. */
struct lexrun {
	const char *s;
	const uint32_t *ts, *te;
	size_t len, ntok;
	size_t k;             /* the next tokenizer token */
	uint32_t prev_end;    /* where the last token ended */
	struct tok *tk;
	long ntk;
	/* words in the low half, capitalised words in the high half: one
	 * counter for set_lower_doc() */
	uint64_t words;
	/* the words of lex_tokens_fast() that may be cues, for lex_probe()
	 * after it, and the words lex_token_slow() found a cue for; the
	 * capitalised words (room for every tokenizer token in both) */
	uint32_t *cand, *capw;
	size_t ncand, ncapw;
	long cap;             /* room in q->tk (r->tk) */
	long capmarks;        /* room in q->marks */
};

/* lex_tokens()'s common tokens, from r->k on until one that needs more:
 * ASCII words and ASCII punctuation, with the line breaks before them
 * and classify_word()'s work for them (no extra cues: the caller has
 * none). Stops at a first byte beyond ASCII, a quote character (" ' `),
 * a clitic after a word, a gap with no room for its line breaks, a
 * token out of the tokenizer's contract, or the last token:
 * lex_token_slow() takes it. A function of its own, without calls, with
 * a token written at once: fewer values to keep than the whole loop's.
 * The caller keeps room for every token still to come. */
/* GCC pairs a token's start and end in a vector register to store them
 * (four instructions for two stores): not in lex_tokens_fast(). */
#if defined(__GNUC__) && !defined(__clang__)
#define QX_NO_SLP __attribute__((optimize("no-tree-slp-vectorize")))
#else
#define QX_NO_SLP
#endif

/* The new word of lex_tokens_fast() but its span, by its F_CAP bit: the
 * bytes of a token from TOK_TAIL on (type, flags, then zeros), copied
 * in one move. Eight bytes an entry, so the index needs no shift. */
#define TOK_TAIL offsetof(struct tok, type)
_Static_assert(offsetof(struct tok, e) + sizeof(uint32_t) == TOK_TAIL &&
               offsetof(struct tok, flags) == TOK_TAIL + 1 &&
               sizeof(struct tok) - TOK_TAIL == 8,
               "a token is its span and an eight-byte tail");
static const unsigned char word_tail[2][8] = {
	{ T_WORD, 0 }, { T_WORD, F_CAP }, /* the rest zero, as in a literal */
};
/* and the tail of a punctuation token */
static const unsigned char punct_tail[8] = { T_PUNCT };

static void __attribute__((noinline)) QX_NO_SLP
lex_tokens_fast(struct qx *q, struct lexrun *r)
{
	const char *s = r->s;
	/* the last token goes to lex_token_slow(): every token here has
	 * a next one, for the clitic test */
	const uint32_t *p = r->ts + r->k, *end = r->ts + r->ntok - 1;
	const ptrdiff_t te = r->te - r->ts; /* te[k] is p[te] */
	/* in 32 bits, as the spans: one register move less per token */
	const uint32_t len = (uint32_t)r->len;

	/* a text of UINT32_MAX bytes (no 32-bit position beyond it, which
	 * the gap test below relies on) goes token by token */
	if (r->len >= UINT32_MAX)
		return;
	uint32_t prev_end = r->prev_end;
	struct tok *tk = r->tk;
	long ntk = r->ntk, ntk0 = r->ntk;
	/* counted instead of the words: one addition less per word */
	uint64_t punct = 0;
	uint32_t *cand = r->cand + r->ncand, *capw = r->capw + r->ncapw;
	uint32_t *marks = q->marks;
	long nmarks = q->nmarks;

	for (; p < end; p++) {
		uint32_t a = p[0], b = p[te];
		const char *w = s + a;
		size_t n = b - a;
		unsigned fb;

		if (b <= a || b > len)
			break; /* out of contract */
		/* a gap but a single space, tested first as the most common
		 * case (w[-1] is s[prev_end], read only when a - 1 ==
		 * prev_end: never before the text, as prev_end <= len <
		 * UINT32_MAX), then no gap at all */
		if ((a - 1 != prev_end || w[-1] != ' ') && a != prev_end) {
			/* the line breaks of the gap, when there is room for
			 * each of its bytes as one, with the tokens still to
			 * come; else lex_token_slow() grows the arrays */
			long gap = (long)a - (long)prev_end;
			if (gap < 0 || ntk + gap + (end - p) + 2 > r->cap ||
			    nmarks + gap > r->capmarks)
				break;
			for (uint32_t g = prev_end; g < a; g++) {
				if (s[g] != '\n')
					continue;
				marks[nmarks++] = (uint32_t)ntk;
				tk[ntk++] = (struct tok){ .s = g, .e = g + 1,
				                          .type = T_NL };
				ntk0++; /* not a word */
			}
			/* done with the gap, should the token stop the loop */
			prev_end = a;
		}
		fb = first_byte[(unsigned char)w[0]];
		if (!(fb & FB_WORD)) {
			if (!fb)
				break;
			tk[ntk].s = a;
			tk[ntk].e = b;
			memcpy((char *)&tk[ntk++] + TOK_TAIL, punct_tail,
			       sizeof(struct tok) - TOK_TAIL);
			punct++;
			prev_end = b;
			continue;
		}
		/* (punctuation, as the next token mostly is, starts no
		 * clitic: one table lookup instead of the byte tests; b <=
		 * len, and the core's text ends in a NUL) */
		if (p[1] == b && !(first_byte[(unsigned char)s[b]] & FB_PUNCT) &&
		    apostrophe_start(s, b, p[te + 1]))
			break; /* a clitic maybe */
		/* the probe comes after the loop, for the one word in ten
		 * that passes the prefilter: with it inline, the loop had
		 * too many values for the registers */
		if (cue_maybe((unsigned char)w[0], (unsigned char)w[n - 1], n))
			*cand++ = (uint32_t)ntk;
		/* the span, then the rest of the token copied from a
		 * template in one move: fewer stores than the compound
		 * literal's zeroing and writing field by field */
		tk[ntk].s = a;
		tk[ntk].e = b;
		memcpy((char *)&tk[ntk++] + TOK_TAIL, word_tail[fb & F_CAP],
		       sizeof(struct tok) - TOK_TAIL);
		/* written always, kept when capitalised: no branch */
		*capw = (uint32_t)(ntk - 1);
		capw += fb & F_CAP;
		prev_end = b;
	}
	r->k = (size_t)(p - r->ts);
	r->prev_end = prev_end;
	r->ntk = ntk;
	r->words += (uint64_t)(ntk - ntk0) - punct +
	            ((uint64_t)(capw - (r->capw + r->ncapw)) << 32);
	r->ncand = (size_t)(cand - r->cand);
	r->ncapw = (size_t)(capw - r->capw);
	q->nmarks = nmarks;
}

/* Token @i (a line break or a quote mark) onto q->marks; 0 or -1. */
static int add_mark(struct qx *q, long *cap, long i)
{
	if (qx_grow(q, (void **)&q->marks, cap, q->nmarks + 1,
	            sizeof(*q->marks)) < 0)
		return -1;
	q->marks[q->nmarks++] = (uint32_t)i;
	return 0;
}

/* The line breaks in the gap [r->prev_end, a) before a token at @a, as
 * T_NL tokens, keeping room for @more tokens after them; 0 or -1. */
static int __attribute__((noinline))
gap_lines_slow(struct qx *q, struct lexrun *r, uint32_t a, size_t more)
{
	const char *s = r->s;
	uint32_t prev_end = r->prev_end;

	for (uint32_t g = prev_end; g < a; g++) {
		if (s[g] != '\n')
			continue;
		if (r->ntk + 1 + (long)more > r->cap) {
			q->ntk = r->ntk;
			if (qx_grow(q, (void **)&q->tk, &r->cap,
			            r->ntk + 1 + (long)more,
			            sizeof(*q->tk)) < 0)
				return -1;
			r->tk = q->tk;
		}
		if (add_mark(q, &r->capmarks, r->ntk) < 0)
			return -1;
		r->tk[r->ntk++] = (struct tok){ .s = g, .e = g + 1,
		                                .type = T_NL };
	}
	return 0;
}

/* gap_lines_slow() but for the common gaps, tested inline: none when the
 * gap is empty or one space. */
static inline int gap_lines(struct qx *q, struct lexrun *r, uint32_t a,
                            size_t more)
{
	uint32_t prev_end = r->prev_end;

	if (a == prev_end || (a == prev_end + 1 && r->s[prev_end] == ' '))
		return 0;
	return gap_lines_slow(q, r, a, more);
}

/* The tokenizer token r->k, whatever it is, and the line breaks before
 * it; 0 or -1. */
static int lex_token_slow(struct qx *q, const struct qx_input *in,
                          struct lexrun *r, bool extra)
{
	const char *s = r->s;
	const uint32_t *ts = r->ts, *te = r->te;
	size_t len = r->len, ntok = r->ntok, k = r->k, next;
	uint32_t a = ts[k], b = te[k];
	struct tok *t;

	r->k = k + 1;
	if (a < r->prev_end || b < a || b > len)
		return 0; /* not the tokenizer's contract */
	if (gap_lines(q, r, a, ntok - k) < 0)
		return -1;
	t = &r->tk[r->ntk++];
	*t = (struct tok){ .s = a, .e = b };
	r->prev_end = b;
	unsigned char b0 = (unsigned char)s[a];
	int32_t c = b0 < 0x80 ? b0 : cp_at(s, len, a, &next);
	bool alnum = b0 < 0x80 ? ascii_alnum[b0] != 0 : is_alnum_cp(c);
	if (alnum) {
		/* clitics back on their word: Iraq ’s, do n’t; a lone
		 * apostrophe only when the tokenizer calls it a word
		 * (troops ') rather than a quote mark (‘appropriate’) */
		while (k + 1 < ntok && ts[k + 1] == b &&
		       apostrophe_start(s, b, te[k + 1]) &&
		       (lone_apostrophe(s, b, te[k + 1]) == 0 ||
		        (in->tok_kind &&
		         in->tok_kind(in->tok_kind_ctx, k + 1) ==
		                 QX_TK_WORD))) {
			k++;
			b = te[k];
		}
		t->e = r->prev_end = b;
		t->type = T_WORD;
		classify_word(q, s, len, t, extra);
		r->words += 1 | ((uint64_t)(t->flags & F_CAP) << 32);
		if (t->flags & F_CAP)
			r->capw[r->ncapw++] = (uint32_t)(r->ntk - 1);
		if (t->cue != CUE_NONE)
			r->cand[r->ncand++] = (uint32_t)(r->ntk - 1);
	} else if (c < 0x80 && c != '"' && c != '\'' && c != '`') {
		t->type = T_PUNCT; /* what make_mark() finds for these */
	} else {
		k = mark_token(in, k, t, c);
		r->prev_end = t->e;
		if (t->type == T_MARK &&
		    add_mark(q, &r->capmarks, r->ntk - 1) < 0)
			return -1;
	}
	r->k = k + 1;
	return 0;
}

/* The engine's tokens from the tokenizer's: words with their clitics
 * joined again (Iraq ’s -> Iraq’s), quote marks, punctuation, masked
 * tokens (URLs...) as opaque words, line breaks from the gaps.
 *
 * The plugin's hottest loop (a token every five bytes): the common
 * tokens go through lex_tokens_fast(), the rest one by one through
 * lex_token_slow() (all of them with extra cues, rare). */
int lex_tokens(struct qx *q, const struct qx_input *in)
{
	struct lexrun r = {
		.s = in->text, .ts = in->tok_start, .te = in->tok_end,
		.len = in->len, .ntok = in->ntok,
	};
	bool extra = q->cfg->n_extra_cues > 0;
	uint64_t words;

	/* room for every token of the tokenizer; only line breaks add
	 * more, and gap_lines() keeps room for the tokens still to come */
	if (qx_grow(q, (void **)&q->tk, &r.cap,
	            (long)(r.ntok + r.ntok / 8 + 64), sizeof(*q->tk)) < 0)
		return -1;
	r.tk = q->tk;
	r.cand = qx_alloc(q, sizeof(*r.cand) * r.ntok * 2); /* and r.capw */
	if (!r.cand)
		return -1;
	r.capw = r.cand + r.ntok;
	q->nmarks = 0;
	for (;;) {
		if (!extra)
			lex_tokens_fast(q, &r);
		if (r.k >= r.ntok)
			break;
		if (lex_token_slow(q, in, &r, extra) < 0)
			return -1;
	}
	if (gap_lines(q, &r, (uint32_t)r.len, 0) < 0)
		return -1;
	q->ntk = r.ntk;
	/* the probes of lex_tokens_fast(); the cue words kept in order */
	q->cuew = r.cand;
	q->ncuew = 0;
	for (size_t i = 0; i < r.ncand; i++) {
		struct tok *t = &q->tk[r.cand[i]];
		if (t->cue == CUE_NONE) {
			size_t n = t->e - t->s;
			const struct lex_entry *e = lex_probe(
				r.s + t->s, n, lex_key(r.s + t->s, n,
				                       r.len - t->s));
			if (e)
				t->cue = e->cue;
		}
		if (t->cue != CUE_NONE)
			q->cuew[q->ncuew++] = r.cand[i];
	}
	q->capw = r.capw;
	q->ncapw = (long)r.ncapw;
	words = r.words;
	set_lower_doc(q, (words & UINT32_MAX) > 40 &&
	                         (words >> 32) * 100 < (words & UINT32_MAX));
	return 0;
}

bool tok_sentence_end(const struct qx *q, long i)
{
	if (i < 0)
		return true;
	if (q->tk[i].type == T_NL)
		return true;
	return tok_is_punct(q, i, ".!?;") ||
	       (q->tk[i].type == T_PUNCT && q->tk[i].e - q->tk[i].s == 3 &&
	        memcmp(q->t + q->tk[i].s, "\xE2\x80\xA6", 3) == 0);
}

/* Own sentence split when the caller has none: after . ! ? followed by
 * a space and an uppercase letter, digit or quote mark, and at '\n'. */
static int own_sentences(struct qx *q)
{
	long cap = 0, n = 0;
	uint32_t start = 0;
	struct qx_span *sp = NULL;

	for (long i = 0; i < q->ntk; i++) {
		const struct tok *t = &q->tk[i];
		bool end = false;
		uint32_t at = t->e;

		if (t->type == T_NL) {
			end = true;
			at = t->s;
		} else if (tok_is_punct(q, i, ".!?") ||
		           (t->type == T_WORD && q->t[t->e - 1] == '.' &&
		            t->e - t->s > 3 && !(t->flags & F_CAP))) {
			long j = i + 1;
			while (j < q->ntk && q->tk[j].type == T_MARK &&
			       q->tk[j].mdir != MD_OPEN)
				j++;
			if (j >= q->ntk)
				end = true;
			else if (q->tk[j].s > q->tk[j - 1].e &&
			         (q->tk[j].flags & F_CAP ||
			          q->tk[j].type == T_MARK ||
			          tk_flags(q, j) & F_ALNUM || q->lower_doc))
				end = true;
			if (end) {
				at = q->tk[j - 1].e;
				i = j - 1;
			}
		}
		if (end) {
			if (at > start) {
				if (qx_grow(q, (void **)&sp, &cap, n + 1,
				            sizeof(*sp)) < 0)
					return -1;
				sp[n].start = start;
				sp[n].end = at;
				n++;
			}
			start = at;
		}
	}
	if (q->n > start) {
		if (qx_grow(q, (void **)&sp, &cap, n + 1, sizeof(*sp)) < 0)
			return -1;
		sp[n].start = start;
		sp[n].end = (uint32_t)q->n;
		n++;
	}
	q->sent = sp;
	q->nsent = n;
	return 0;
}

int lex_sentences(struct qx *q, const struct qx_input *in)
{
	long si = 0;

	if (in->nsent > 0) {
		q->sent = (struct qx_span *)in->sentences;
		q->nsent = (long)in->nsent;
	} else if (own_sentences(q) < 0) {
		return -1;
	}
	/* the five arrays in one block, one allocation instead of five:
	 * the longs first, then the 32-bit ones (the block is aligned for
	 * any type) */
	size_t ns = (size_t)q->nsent + 1, nt = (size_t)q->ntk + 1;
	long *blk = qx_alloc(q, sizeof(long) * (2 * ns + nt) +
	                        sizeof(uint32_t) * 2 * nt);
	if (!blk)
		return -1;
	q->sent_first = blk;
	q->sent_last = blk + ns;
	q->names = blk + 2 * ns;
	q->tsent = (int32_t *)(blk + 2 * ns + nt);
	q->cands = (uint32_t *)(q->tsent + nt);
	for (long k = 0; k <= q->nsent; k++)
		q->sent_first[k] = q->sent_last[k] = -1;
	/* a token belongs to the last sentence starting at or before it;
	 * tokens between sentences join the previous one */
	const struct tok *tk = q->tk;
	const struct qx_span *sent = q->sent;
	long ntk = q->ntk, nsent = q->nsent, i = 0;
	int32_t *tsent = q->tsent;
	while (i < ntk) {
		/* the tokens of sentence si: up to the next one's start */
		uint32_t next_start = si + 1 < nsent ? sent[si + 1].start
		                                     : UINT32_MAX;
		long run = i, f, l;
		/* the tokens' starts never decrease: eight at a time while
		 * the eighth is still in, then four, then one by one; the
		 * indices are then written eight at a time, without a test
		 * per token (a sentence is some 25 tokens: the plain loop
		 * was 6 instructions each) */
		while (i + 8 <= ntk && tk[i + 7].s < next_start)
			i += 8;
		if (i + 4 <= ntk && tk[i + 3].s < next_start)
			i += 4;
		for (; i < ntk && tk[i].s < next_start; i++)
			;
		long k = run;
		for (; k + 8 <= i; k += 8) /* in two 16-byte stores */
			tsent[k] = tsent[k + 1] = tsent[k + 2] =
			tsent[k + 3] = tsent[k + 4] = tsent[k + 5] =
			tsent[k + 6] = tsent[k + 7] = (int32_t)si;
		for (; k < i; k++)
			tsent[k] = (int32_t)si;
		/* its first and last tokens but line breaks */
		for (f = run; f < i && tk[f].type == T_NL; f++)
			;
		if (f < i) {
			for (l = i - 1; tk[l].type == T_NL; l--)
				;
			q->sent_first[si] = f;
			q->sent_last[si] = l;
		}
		/* the sentence of the next token */
		while (i < ntk && si + 1 < nsent &&
		       sent[si + 1].start <= tk[i].s)
			si++;
	}
	/* where find_cues() looks: the words with a cue (the lexer's list)
	 * and the words that start a line (the first token, or the token
	 * after a line break, when a word), merged in token order */
	const uint32_t *cuew = q->cuew, *marks = q->marks;
	long ncuew = q->ncuew, nmarks = q->nmarks, c = 0, m = -1, n = 0;
	for (;;) {
		/* the next line start, from m on (-1: the text's start) */
		long ls = -1;
		for (; m < nmarks; m++) {
			long at = m < 0 ? 0 : (long)marks[m] + 1;
			if ((m < 0 || tk[marks[m]].type == T_NL) && at < ntk &&
			    tk[at].type == T_WORD) {
				ls = at;
				break;
			}
		}
		for (; c < ncuew && (ls < 0 || (long)cuew[c] < ls); c++)
			q->cands[n++] = cuew[c];
		if (ls < 0)
			break;
		if (c < ncuew && (long)cuew[c] == ls)
			c++;
		q->cands[n++] = (uint32_t)ls;
		m++;
	}
	q->ncands = n;
	/* q->names: lex_names(), when speakers.c first asks */
	q->nnames = 0;
	q->names_made = false;
	return 0;
}

/* The words a name can contain, into q->names (room for every token
 * made by lex_sentences()): capitalised words and the word before each,
 * every word in lowercase text. Made on demand: few documents need
 * them, and listing them was some 2 M instructions on the WMT news. */
void lex_names(struct qx *q)
{
	const struct tok *tk = q->tk;
	long n = 0;

	if (q->lower_doc) {
		for (long i = 0; i < q->ntk; i++)
			if (tk[i].type == T_WORD)
				q->names[n++] = i;
	} else {
		long last_name = -1;
		for (long j = 0; j < q->ncapw; j++) {
			long i = q->capw[j];
			if (i > 0 && tk[i - 1].type == T_WORD &&
			    last_name != i - 1)
				q->names[n++] = i - 1;
			q->names[n++] = last_name = i;
		}
	}
	q->nnames = n;
	q->names_made = true;
}
