/*
 * json_read.c - one input record of JSON Lines.
 *
 * {"id": "...", "text": "...", "meta": {...}}. The record's structure and
 * its two strings are read by a small strict RFC 8259 scanner of our own:
 * jansson decodes strings one character at a time through a growing
 * buffer, and on 10 KB news texts that alone held the whole pipeline
 * below 60 MB/s. Here a text is decoded in one pass, 32 bytes a turn
 * (SSE2; 8 in the portable fallback), the one-character escapes inside
 * the block, and checked to be valid UTF-8 (invalid UTF-8 is that line's
 * error, never altered). `meta` may hold any JSON value: it is checked
 * here (without recursion, from string to string in the usual
 * `"name": "value"` members) and its extent kept as text, written back
 * as it came. Unknown members are checked for syntax and ignored. Every
 * fast path takes the steps the plain grammar would, so errors name the
 * same problem at the same column.
 */
#include "config.h"
#include "json_read.h"

#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

struct scan {
	const unsigned char *p, *end, *start;
	const char *err;
	int depth;
};

static void ws_run(struct scan *s)
{
	while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' ||
	                         *s->p == '\n' || *s->p == '\r'))
		s->p++;
}

/* Skips whitespace; most calls find none (a byte above ' ' is never
 * whitespace). */
static inline void ws(struct scan *s)
{
	if (s->p < s->end && *s->p > ' ')
		return;
	ws_run(s);
}

static bool fail(struct scan *s, const char *why)
{
	if (!s->err)
		s->err = why;
	return false;
}

static int hexval(unsigned c)
{
	if (c >= '0' && c <= '9')
		return (int)(c - '0');
	c |= 0x20;
	if (c >= 'a' && c <= 'f')
		return (int)(c - 'a' + 10);
	return -1;
}

static bool hex4(struct scan *s, uint32_t *out)
{
	uint32_t v = 0;

	if (s->end - s->p < 4)
		return fail(s, "truncated \\u escape");
	for (int i = 0; i < 4; i++) {
		int h = hexval(s->p[i]);
		if (h < 0)
			return fail(s, "invalid \\u escape");
		v = (v << 4) | (uint32_t)h;
	}
	s->p += 4;
	*out = v;
	return true;
}

/* The decoded byte of each one-character escape ("\n" -> '\n'); 0 for
 * the rest ('u' included, which the slow path reads). */
static const unsigned char unesc[256] = {
	['"'] = '"', ['\\'] = '\\', ['/'] = '/', ['b'] = '\b',
	['f'] = '\f', ['n'] = '\n', ['r'] = '\r', ['t'] = '\t',
};

/* A byte copied as it is: printable ASCII other than '"' and '\\'. */
static inline bool plain(unsigned c)
{
	return c - 0x20u < 0x60u && c != '"' && c != '\\';
}

#ifdef __SSE2__
/* The plain() bytes among the 16 of @x, 0xFF each. x ^ 2 moves '"'
 * (0x22) to 0x20, keeps the control characters below 0x20 and the other
 * printable bytes above it, and the bytes >= 0x80 are negative: one
 * signed comparison leaves out the quote, the control characters and
 * the bytes >= 0x80 at once. (Asked the other way round, the compiler
 * adds an inversion.) */
static inline __m128i plainvec(__m128i x)
{
	__m128i t = _mm_xor_si128(x, _mm_set1_epi8(0x02));
	return _mm_andnot_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\\')),
	                        _mm_cmpgt_epi8(t, _mm_set1_epi8(0x20)));
}

/* The stop bytes (not plain()) among the 16 of @x, one bit each. */
static inline unsigned stops16(__m128i x)
{
	return (unsigned)_mm_movemask_epi8(plainvec(x)) ^ 0xFFFFu;
}

static inline __m128i load16(const unsigned char *p)
{
	return _mm_loadu_si128((const __m128i *)(const void *)p);
}

/* The last @n < 16 bytes of the text at @p as a block, without reading
 * past them: the zero bytes after them are stops (control characters),
 * so a scan of the block stops at the end of the text at the latest.
 * Short strings near the end of a line (meta values, the lookups of
 * dp_doc_meta()) would otherwise be read byte by byte. */
static inline __m128i load_tail(const unsigned char *p, size_t n)
{
	unsigned char b[16] = {0};

	memcpy(b, p, n);
	return load16(b);
}
#else
/* Whether one of the 8 bytes of @x is not plain(). */
static inline bool stops8(uint64_t x)
{
	return ((x & DP_HIGHS) | dp_swar_less(x, 0x20) |
	        dp_swar_zero(x ^ (DP_ONES * '"')) |
	        dp_swar_zero(x ^ (DP_ONES * '\\'))) != 0;
}
#endif

/* The first byte at or after @p that is not plain(), or @end. */
static inline const unsigned char *next_stop(const unsigned char *p,
                                             const unsigned char *end)
{
#ifdef __SSE2__
	while (end - p >= 16) {
		unsigned bits = stops16(load16(p));
		if (bits)
			return p + __builtin_ctz(bits);
		p += 16;
	}
	if (p < end)   /* the zeros past the end stop it */
		p += __builtin_ctz(stops16(load_tail(p, (size_t)(end - p))));
#else
	while (end - p >= 8 && !stops8(dp_load8(p)))
		p += 8;
	while (p < end && plain(*p))
		p++;
#endif
	return p;
}

/* The rare pieces of a string, at s->p: a control character (an error),
 * a multi-byte UTF-8 sequence (checked, copied), or an escape the fast
 * loops leave ("\u", an invalid one, one cut by the end of the text).
 * Decodes to @o when it is not NULL. Returns the number of bytes
 * written, or -1 on an error. The closing quote and the end of the text
 * are the callers'. */
static int special(struct scan *s, unsigned char *o)
{
	unsigned c = *s->p;

	if (c < 0x20) {
		fail(s, "control character in string (must be escaped)");
		return -1;
	}
	if (c >= 0x80) {
		size_t i = 0, n = (size_t)(s->end - s->p);
		if (dp_utf8_next((const char *)s->p, n, &i) < 0) {
			fail(s, "invalid UTF-8 in string");
			return -1;
		}
		if (o)
			memcpy(o, s->p, i);
		s->p += i;
		return (int)i;
	}
	/* an escape */
	s->p++;
	if (s->p >= s->end) {
		fail(s, "unterminated string");
		return -1;
	}
	unsigned e = *s->p++;
	if (e == 'u') {
		uint32_t cp, lo;
		char enc[4];
		if (!hex4(s, &cp))
			return -1;
		if (cp >= 0xDC00 && cp <= 0xDFFF) {
			fail(s, "lone low surrogate in \\u escape");
			return -1;
		}
		if (cp >= 0xD800 && cp <= 0xDBFF) {
			if (s->end - s->p < 2 || s->p[0] != '\\' ||
			    s->p[1] != 'u') {
				fail(s, "lone high surrogate in \\u escape");
				return -1;
			}
			s->p += 2;
			if (!hex4(s, &lo))
				return -1;
			if (lo < 0xDC00 || lo > 0xDFFF) {
				fail(s, "invalid surrogate pair");
				return -1;
			}
			cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
		}
		size_t k = dp_utf8_encode((int32_t)cp, enc);
		if (o)
			memcpy(o, enc, k);
		return (int)k;
	}
	if (!unesc[e]) {
		fail(s, "invalid escape in string");
		return -1;
	}
	if (o)
		*o = unesc[e];
	return 1;
}

/* Decodes the string whose opening quote is at s->p into @out,
 * NUL-terminated. One pass: plain bytes are stored 16 (SSE2) or 8 at a
 * time while they are checked, and the one-character escapes (a news
 * text has one every few dozen bytes: "\n", "\"") are decoded inline;
 * the rest goes through special(). The position lives in locals: the
 * stores through @o could alias s->p. */
static bool string(struct scan *s, struct dp_buf *out)
{
	const unsigned char *p, *end = s->end;
	unsigned char *o, *o0;

	s->p++;   /* the quote */
	out->len = 0;
	/* the decoded string is never longer than its JSON form; 16 more
	 * bytes for the block stored from the last bytes of the text */
	if (dp_buf_reserve(out, (size_t)(s->end - s->p) + 16) < 0)
		return fail(s, "out of memory");
	p = s->p;
	o = o0 = (unsigned char *)out->data;
	for (;;) {
#ifdef __SSE2__
		/* 32 bytes a turn: stored while they are checked */
		while (end - p >= 32) {
			const unsigned char *cs = p;
			__m128i x0 = load16(p), x1 = load16(p + 16);
			_mm_storeu_si128((__m128i *)(void *)o, x0);
			_mm_storeu_si128((__m128i *)(void *)(o + 16), x1);
			unsigned mc = ~((unsigned)_mm_movemask_epi8(plainvec(x0)) |
			                (unsigned)_mm_movemask_epi8(plainvec(x1))
			                << 16);
			unsigned m = mc;
			if (!m) {
				p += 32;
				o += 32;
				continue;
			}
			/* The chunk's stops one by one. A one-character escape
			 * (a news text has one every few dozen bytes: "\n",
			 * "\"") is decoded here, and the rest of the chunk is
			 * stored again one place back: its stops are known
			 * already, no need to check it again. */
			for (;;) {
				unsigned k = (unsigned)__builtin_ctz(m);
				p += k;
				o += k;
				if (*p != '\\' || end - p < 2 || !unesc[p[1]])
					goto stop;
				*o++ = unesc[p[1]];
				p += 2;
				size_t done = (size_t)(p - cs);
				if (done >= 32 || end - p < 32)
					break;   /* on from p, anew */
				_mm_storeu_si128((__m128i *)(void *)o, load16(p));
				_mm_storeu_si128((__m128i *)(void *)(o + 16),
				                 load16(p + 16));
				m = mc >> done;
				if (!m) {   /* the rest of the chunk is plain */
					o += 32 - done;
					p = cs + 32;
					break;
				}
			}
		}
		unsigned bits = 0;
		while (end - p >= 16) {
			__m128i x = load16(p);
			bits = stops16(x);
			_mm_storeu_si128((__m128i *)(void *)o, x);
			if (bits)
				break;
			p += 16;
			o += 16;
		}
		if (!bits && p < end) {   /* the zeros past the end stop it */
			__m128i x = load_tail(p, (size_t)(end - p));
			bits = stops16(x);
			_mm_storeu_si128((__m128i *)(void *)o, x);
		}
		if (bits) {
			unsigned k = (unsigned)__builtin_ctz(bits);
			p += k;
			o += k;
		}
	stop:
#else
		while (end - p >= 8) {
			uint64_t x = dp_load8(p);
			if (stops8(x))
				break;
			memcpy(o, p, 8);
			p += 8;
			o += 8;
		}
		while (p < end && plain(*p))
			*o++ = *p++;
#endif
		if (p >= end) {
			s->p = p;
			return fail(s, "unterminated string");
		}
		if (*p == '"') {
			s->p = p + 1;
			*o = '\0';
			out->len = (size_t)(o - o0);
			return true;
		}
		if (*p == '\\' && end - p >= 2 && unesc[p[1]]) {
			*o++ = unesc[p[1]];
			p += 2;
			continue;
		}
		s->p = p;
		int k = special(s, o);
		if (k < 0)
			return false;
		o += k;
		p = s->p;
	}
}

/* string() without the output, for the strings that are only checked
 * (member names, meta), from s->p inside the string to the byte after
 * its closing quote. */
static bool skip_rest(struct scan *s)
{
	const unsigned char *p = s->p, *end = s->end;

	for (;;) {
		p = next_stop(p, end);
		if (p >= end) {
			s->p = p;
			return fail(s, "unterminated string");
		}
		if (*p == '"') {
			s->p = p + 1;
			return true;
		}
		if (*p == '\\' && end - p >= 2 && unesc[p[1]]) {
			p += 2;
			continue;
		}
		s->p = p;
		if (special(s, NULL) < 0)
			return false;
		p = s->p;
	}
}

/* Steps over the string whose opening quote is at s->p, checking it as
 * string() does, and tells whether it held plain bytes only, so that it
 * reads the same decoded: member names and short values are then used
 * where they lie, without a decoding pass. */
static inline bool scan_string(struct scan *s, bool *plain_only)
{
	const unsigned char *p = next_stop(s->p + 1, s->end);

	if (p < s->end && *p == '"') {
		s->p = p + 1;
		*plain_only = true;
		return true;
	}
	*plain_only = false;
	s->p = p;
	return skip_rest(s);
}

static bool number(struct scan *s)
{
	if (s->p < s->end && *s->p == '-')
		s->p++;
	if (s->p >= s->end)
		return fail(s, "invalid number");
	if (*s->p == '0') {
		s->p++;
	} else if (*s->p >= '1' && *s->p <= '9') {
		while (s->p < s->end && *s->p >= '0' && *s->p <= '9')
			s->p++;
	} else {
		return fail(s, "invalid value");
	}
	if (s->p < s->end && *s->p == '.') {
		s->p++;
		if (s->p >= s->end || *s->p < '0' || *s->p > '9')
			return fail(s, "invalid number");
		while (s->p < s->end && *s->p >= '0' && *s->p <= '9')
			s->p++;
	}
	if (s->p < s->end && (*s->p == 'e' || *s->p == 'E')) {
		s->p++;
		if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
			s->p++;
		if (s->p >= s->end || *s->p < '0' || *s->p > '9')
			return fail(s, "invalid number");
		while (s->p < s->end && *s->p >= '0' && *s->p <= '9')
			s->p++;
	}
	return true;
}

static bool literal(struct scan *s, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)(s->end - s->p) < n || memcmp(s->p, word, n) != 0)
		return fail(s, "invalid value");
	s->p += n;
	return true;
}

/* Skips JSON whitespace at @p; most places have none or one space. */
static inline const unsigned char *skip_ws(const unsigned char *p,
                                           const unsigned char *end)
{
	if (p < end && *p == ' ')
		p++;
	if (p < end && *p <= ' ')
		while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' ||
		                   *p == '\r'))
			p++;
	return p;
}

/* Checks one JSON value at s->p (after whitespace) and steps over it.
 * Containers are followed with a stack of their closing brackets instead
 * of recursion, the position is kept in locals and the common strings
 * (plain, short) are stepped over inline: meta objects hold a dozen
 * members, arrays among them, and a call per value cost more than the
 * checks. The checks, their order and the error positions are those of
 * the grammar read top-down. */
static bool value(struct scan *s)
{
	unsigned char close[512];   /* s->depth never passes 512 */
	int n = 0;                  /* containers open in this call */
	const unsigned char *p = s->p, *end = s->end;

/* the rare paths run the out-of-line scanners from s->p */
#define SLOW(call)                      \
	do {                            \
		s->p = p;               \
		if (!(call))            \
			return false;   \
		p = s->p;               \
	} while (0)
#define FAIL(why)                       \
	do {                            \
		s->p = p;               \
		return fail(s, why);    \
	} while (0)
/* @c, then a quote or a space and a quote */
#define SEP(c)                                                  \
	(end - p >= 3 && p[0] == (c) &&                         \
	 (p[1] == '"' || (p[1] == ' ' && p[2] == '"')))
/* a string from its opening quote */
#define STRING()                                        \
	do {                                            \
		p = next_stop(p + 1, end);              \
		if (p < end && *p == '"')               \
			p++;                            \
		else                                    \
			SLOW(skip_rest(s));             \
	} while (0)

value:
	p = skip_ws(p, end);
	if (p >= end)
		FAIL("expected a value");
	switch (*p) {
	case '"':
		STRING();
		break;
	case '{':
	case '[': {
		unsigned char c = *p == '{' ? '}' : ']';
		if (++s->depth > 512 || n >= 512)
			FAIL("nesting too deep");
		p = skip_ws(p + 1, end);
		if (p < end && *p == c) {   /* empty */
			p++;
			s->depth--;
			break;
		}
		close[n++] = c;
		if (c == '}')
			goto member;
		goto value;
	}
	case 't':
		SLOW(literal(s, "true"));
		break;
	case 'f':
		SLOW(literal(s, "false"));
		break;
	case 'n':
		SLOW(literal(s, "null"));
		break;
	default:
		SLOW(number(s));
	}
after:   /* a value: the end, a comma or the closing bracket */
	if (n == 0) {
		s->p = p;
		return true;
	}
	p = skip_ws(p, end);
	if (p < end && *p == ',') {
		p++;
		if (close[n - 1] == ']')
			goto value;
		goto member;
	}
	if (p < end && *p == close[n - 1]) {
		p++;
		s->depth--;
		n--;
		goto after;
	}
	FAIL(close[n - 1] == '}' ? "expected ',' or '}'"
	                         : "expected ',' or ']'");
member:
	p = skip_ws(p, end);
	if (p >= end || *p != '"')
		FAIL("expected a member name");
name:   /* at the opening quote of a member's name */
	STRING();
	/* the usual `"name": "value", "name"...` (or without the spaces)
	 * goes from string to string: the same steps as the way round
	 * through whitespace, dispatch and brackets, with fewer tests */
	if (SEP(':')) {
		p += p[1] == '"' ? 1 : 2;
		STRING();
		if (SEP(',')) {
			p += p[1] == '"' ? 1 : 2;
			goto name;
		}
		goto after;
	}
	p = skip_ws(p, end);
	if (p >= end || *p != ':')
		FAIL("expected ':'");
	p++;
	goto value;
#undef SLOW
#undef FAIL
#undef SEP
#undef STRING
}

static inline bool key_is(const char *k, size_t kn, const char *name)
{
	return kn == strlen(name) && memcmp(k, name, kn) == 0;
}

int dp_json_read_doc(const char *line, size_t len, const char *source,
                     size_t lineno, struct dp_in_doc *d, char *msg,
                     size_t msglen)
{
	struct scan s = {(const unsigned char *)line,
	                 (const unsigned char *)line + len,
	                 (const unsigned char *)line, NULL, 0};
	struct dp_buf key = {0};
	bool have_id = false, have_text = false, have_meta = false;
	char idnum[32];

	d->id = NULL;
	d->text = NULL;
	d->len = 0;
	d->meta = NULL;
	d->meta_len = 0;
	ws(&s);
	if (s.p >= s.end || *s.p != '{') {
		fail(&s, "expected a JSON object {\"id\", \"text\", \"meta\"}");
		goto out_err;
	}
	s.p++;
	ws(&s);
	if (s.p < s.end && *s.p == '}') {
		s.p++;
	} else {
		for (;;) {
			ws(&s);
			if (s.p >= s.end || *s.p != '"') {
				fail(&s, "expected a member name");
				goto out_err;
			}
			/* the name is compared where it lies; only one with
			 * an escape is decoded (into @key) first */
			const unsigned char *k0 = s.p + 1;
			bool kplain;
			if (!scan_string(&s, &kplain))
				goto out_err;
			const char *kname = (const char *)k0;
			size_t kn = (size_t)(s.p - 1 - k0);
			if (!kplain && memchr(k0, '\\', kn)) {
				struct scan ks = {k0 - 1, s.p, s.start, NULL, 0};
				if (!string(&ks, &key)) {
					s.p = k0;
					fail(&s, "out of memory");
					goto out_err;
				}
				kname = key.data;
				kn = key.len;
			}
			ws(&s);
			if (s.p >= s.end || *s.p != ':') {
				fail(&s, "expected ':'");
				goto out_err;
			}
			s.p++;
			ws(&s);
			const unsigned char *vstart = s.p;
			if (key_is(kname, kn, "text")) {
				if (have_text) {
					fail(&s, "duplicate member \"text\"");
					goto out_err;
				}
				if (s.p >= s.end || *s.p != '"') {
					fail(&s, "\"text\" must be a string");
					goto out_err;
				}
				if (!string(&s, &d->textbuf))
					goto out_err;
				have_text = true;
			} else if (key_is(kname, kn, "id")) {
				if (have_id) {
					fail(&s, "duplicate member \"id\"");
					goto out_err;
				}
				if (s.p < s.end && *s.p == '"') {
					if (!string(&s, &d->idbuf))
						goto out_err;
					have_id = true;
				} else if (s.p < s.end && (*s.p == '-' ||
				           (*s.p >= '0' && *s.p <= '9'))) {
					if (!number(&s))
						goto out_err;
					size_t n = (size_t)(s.p - vstart);
					if (memchr(vstart, '.', n) ||
					    memchr(vstart, 'e', n) ||
					    memchr(vstart, 'E', n) || n >= 30) {
						fail(&s, "\"id\" must be a string or an "
						         "integer");
						goto out_err;
					}
					memcpy(idnum, vstart, n);
					idnum[n] = '\0';
					d->idbuf.len = 0;
					if (dp_buf_append(&d->idbuf, idnum, n) < 0) {
						fail(&s, "out of memory");
						goto out_err;
					}
					have_id = true;
				} else if (literal(&s, "null")) {
					/* no id */
				} else {
					s.err = NULL;
					s.p = vstart;
					fail(&s, "\"id\" must be a string or an integer");
					goto out_err;
				}
			} else if (key_is(kname, kn, "meta")) {
				if (have_meta) {
					fail(&s, "duplicate member \"meta\"");
					goto out_err;
				}
				if (!value(&s))
					goto out_err;
				have_meta = true;
				if (*vstart == 'n') {
					/* null: no meta */
				} else if (*vstart != '{') {
					s.p = vstart;
					fail(&s, "\"meta\" must be an object");
					goto out_err;
				} else {
					d->meta = (const char *)vstart;
					d->meta_len = (size_t)(s.p - vstart);
				}
			} else if (!value(&s)) {
				goto out_err;
			}
			ws(&s);
			if (s.p < s.end && *s.p == ',') {
				s.p++;
				continue;
			}
			if (s.p < s.end && *s.p == '}') {
				s.p++;
				break;
			}
			fail(&s, "expected ',' or '}'");
			goto out_err;
		}
	}
	ws(&s);
	if (s.p != s.end) {
		fail(&s, "text after the end of the object");
		goto out_err;
	}
	dp_buf_free(&key);
	if (!have_id) {
		d->idbuf.len = 0;
		const char *base = strrchr(source, '/');
		base = base ? base + 1 : source;
		if (dp_buf_printf(&d->idbuf, "%.200s:%zu", base, lineno) < 0)
			return DP_ENOMEM;
	}
	d->id = d->idbuf.data;
	if (!have_text) {
		snprintf(msg, msglen, "%s:%zu: document \"%s\": missing \"text\"",
		         source, lineno, d->id);
		return DP_EINVAL;
	}
	d->text = d->textbuf.data ? d->textbuf.data : "";
	d->len = d->textbuf.len;
	return 0;

out_err:
	dp_buf_free(&key);
	d->id = have_id ? d->idbuf.data : NULL;
	snprintf(msg, msglen, "%s:%zu:%zu: invalid JSON: %s", source, lineno,
	         (size_t)(s.p - s.start) + 1, s.err ? s.err : "syntax error");
	return DP_EINVAL;
}

void dp_in_doc_release(struct dp_in_doc *d)
{
	d->meta = NULL;
	d->meta_len = 0;
}

void dp_in_doc_free(struct dp_in_doc *d)
{
	dp_in_doc_release(d);
	dp_buf_free(&d->idbuf);
	dp_buf_free(&d->textbuf);
}

int dp_json_object_member(const char *obj, size_t len, const char *key,
                          size_t *vstart, size_t *vend, struct dp_buf *tmp)
{
	struct scan s = {(const unsigned char *)obj,
	                 (const unsigned char *)obj + len,
	                 (const unsigned char *)obj, NULL, 0};
	size_t klen = strlen(key);

	ws(&s);
	if (s.p >= s.end || *s.p != '{')
		return DP_EINVAL;
	s.p++;
	for (;;) {
		ws(&s);
		if (s.p < s.end && *s.p == '}') {
			*vstart = *vend = (size_t)(s.p - s.start);
			return 0;
		}
		if (s.p >= s.end || *s.p != '"')
			return DP_EINVAL;
		/* a name without escapes is compared where it lies; one with
		 * escapes is decoded into @tmp first */
		const unsigned char *k0 = s.p + 1;
		bool kplain;
		if (!scan_string(&s, &kplain))
			return DP_EINVAL;
		size_t kn = (size_t)(s.p - 1 - k0);
		bool match;
		if (kplain || !memchr(k0, '\\', kn)) {
			match = kn == klen && memcmp(k0, key, klen) == 0;
		} else {
			struct scan ks = {k0 - 1, s.p, s.start, NULL, 0};
			if (!string(&ks, tmp))
				return DP_EINVAL;
			match = tmp->len == klen &&
			        memcmp(tmp->data, key, klen) == 0;
		}
		ws(&s);
		if (s.p >= s.end || *s.p != ':')
			return DP_EINVAL;
		s.p++;
		ws(&s);
		*vstart = (size_t)(s.p - s.start);
		if (s.p < s.end && *s.p == '"') {   /* most values */
			bool vplain;
			if (!scan_string(&s, &vplain))
				return DP_EINVAL;
		} else if (!value(&s)) {
			return DP_EINVAL;
		}
		*vend = (size_t)(s.p - s.start);
		if (match)
			return 1;
		ws(&s);
		if (s.p < s.end && *s.p == ',')
			s.p++;
	}
}

/* The string value of @key: the member found as above, then decoded. */
int dp_json_object_string(const char *obj, size_t len, const char *key,
                          struct dp_buf *out)
{
	size_t a, b;
	int found = dp_json_object_member(obj, len, key, &a, &b, out);

	if (found <= 0 || obj[a] != '"')
		return found < 0 ? found : 0;   /* absent, or not a string */
	struct scan s = {(const unsigned char *)obj + a,
	                 (const unsigned char *)obj + b,
	                 (const unsigned char *)obj, NULL, 0};
	bool vplain;
	if (!scan_string(&s, &vplain))
		return DP_EINVAL;
	if (vplain) {   /* the usual date or name: copied as it lies */
		out->len = 0;
		return dp_buf_append(out, obj + a + 1, b - a - 2) < 0 ? DP_EINVAL
		                                                     : 1;
	}
	s.p = s.start + a;
	return string(&s, out) ? 1 : DP_EINVAL;
}
