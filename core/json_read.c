/*
 * json_read.c - one input record of JSON Lines.
 *
 * {"id": "...", "text": "...", "meta": {...}}. The record's structure and
 * its two strings are read by a small strict RFC 8259 scanner of our own:
 * jansson decodes strings one character at a time through a growing
 * buffer, and on 10 KB news texts that alone held the whole pipeline
 * below 60 MB/s. Here a text is copied in runs between escapes, with an
 * ASCII fast path, and checked to be valid UTF-8 (invalid UTF-8 is that
 * line's error, never altered). `meta` is small and may hold any JSON
 * value, so its extent is handed to jansson, which keeps it and writes it
 * back. Unknown members are checked for syntax and ignored.
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

/* Advances s->p over plain string bytes (ASCII, not '"', '\\' nor a
 * control character) sixteen at a time, copying them to @o when it is
 * not NULL; returns where the copy ends. Room for 16 bytes past the copy
 * must exist at @o. The bytes >= 0x80 stop it too: signed, they are below
 * 0x20, so one comparison finds both them and the control characters. */
static unsigned char *plain16(struct scan *s, unsigned char *o)
{
#ifdef __SSE2__
	const __m128i space = _mm_set1_epi8(0x20);
	const __m128i quote = _mm_set1_epi8('"');
	const __m128i bslash = _mm_set1_epi8('\\');
	while (s->end - s->p >= 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)s->p);
		__m128i stop = _mm_or_si128(_mm_cmplt_epi8(x, space),
		                            _mm_or_si128(_mm_cmpeq_epi8(x, quote),
		                                         _mm_cmpeq_epi8(x, bslash)));
		unsigned bits = (unsigned)_mm_movemask_epi8(stop);
		if (o)
			_mm_storeu_si128((__m128i *)(void *)o, x);
		if (bits) {
			unsigned k = (unsigned)__builtin_ctz(bits);
			s->p += k;
			return o ? o + k : o;
		}
		s->p += 16;
		if (o)
			o += 16;
	}
#else
	/* 8 bytes at a time (SWAR), copied as whole words */
	while (s->end - s->p >= 8) {
		uint64_t x = dp_load8(s->p);
		if ((x & DP_HIGHS) | dp_swar_less(x, 0x20) |
		    dp_swar_zero(x ^ (DP_ONES * '"')) |
		    dp_swar_zero(x ^ (DP_ONES * '\\')))
			break;
		if (o) {
			memcpy(o, s->p, 8);
			o += 8;
		}
		s->p += 8;
	}
#endif
	return o;
}

/* Reads a string whose opening quote is at s->p. With @out, decodes into
 * it (NUL-terminated); without, only validates. */
static bool string(struct scan *s, struct dp_buf *out)
{
	const unsigned char *run;

	s->p++;   /* the quote */
	if (out) {
		out->len = 0;
		/* the decoded string is never longer than its JSON form; 16
		 * more bytes for plain16()'s whole-block stores */
		if (dp_buf_reserve(out, (size_t)(s->end - s->p) + 16) < 0)
			return fail(s, "out of memory");
	}
	for (;;) {
		if (out) {
			unsigned char *o = (unsigned char *)out->data + out->len;
			out->len = (size_t)(plain16(s, o) - (unsigned char *)out->data);
		} else {
			plain16(s, NULL);
		}
		run = s->p;
		while (s->p < s->end && *s->p >= 0x20 && *s->p < 0x80 &&
		       *s->p != '"' && *s->p != '\\')
			s->p++;
		if (out && s->p > run) {
			memcpy(out->data + out->len, run, (size_t)(s->p - run));
			out->len += (size_t)(s->p - run);
		}
		if (s->p >= s->end)
			return fail(s, "unterminated string");
		unsigned c = *s->p;
		if (c == '"') {
			s->p++;
			if (out)
				out->data[out->len] = '\0';
			return true;
		}
		if (c < 0x20)
			return fail(s, "control character in string (must be "
			               "escaped)");
		if (c >= 0x80) {
			size_t i = 0, n = (size_t)(s->end - s->p);
			if (dp_utf8_next((const char *)s->p, n, &i) < 0)
				return fail(s, "invalid UTF-8 in string");
			if (out) {
				memcpy(out->data + out->len, s->p, i);
				out->len += i;
			}
			s->p += i;
			continue;
		}
		/* an escape */
		s->p++;
		if (s->p >= s->end)
			return fail(s, "unterminated string");
		char e = (char)*s->p++;
		char lit;
		switch (e) {
		case '"': lit = '"'; break;
		case '\\': lit = '\\'; break;
		case '/': lit = '/'; break;
		case 'b': lit = '\b'; break;
		case 'f': lit = '\f'; break;
		case 'n': lit = '\n'; break;
		case 'r': lit = '\r'; break;
		case 't': lit = '\t'; break;
		case 'u': {
			uint32_t cp, lo;
			char enc[4];
			if (!hex4(s, &cp))
				return false;
			if (cp >= 0xDC00 && cp <= 0xDFFF)
				return fail(s, "lone low surrogate in \\u escape");
			if (cp >= 0xD800 && cp <= 0xDBFF) {
				if (s->end - s->p < 2 || s->p[0] != '\\' ||
				    s->p[1] != 'u')
					return fail(s, "lone high surrogate in \\u "
					               "escape");
				s->p += 2;
				if (!hex4(s, &lo))
					return false;
				if (lo < 0xDC00 || lo > 0xDFFF)
					return fail(s, "invalid surrogate pair");
				cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
			}
			if (out) {
				size_t k = dp_utf8_encode((int32_t)cp, enc);
				memcpy(out->data + out->len, enc, k);
				out->len += k;
			}
			continue;
		}
		default:
			return fail(s, "invalid escape in string");
		}
		if (out)
			out->data[out->len++] = lit;
	}
}

/* string(s, NULL) for the strings that are only checked (member names,
 * meta): a plain string ends at the first stop of plain16(). */
static bool skip_string(struct scan *s)
{
	const unsigned char *q = s->p;

	s->p++;
	plain16(s, NULL);
	if (s->p < s->end && *s->p == '"') {
		s->p++;
		return true;
	}
	s->p = q;
	return string(s, NULL);
}

static bool value(struct scan *s);

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

static bool container(struct scan *s, char close)
{
	if (++s->depth > 512)
		return fail(s, "nesting too deep");
	s->p++;
	ws(s);
	if (s->p < s->end && *s->p == (unsigned char)close) {
		s->p++;
		s->depth--;
		return true;
	}
	for (;;) {
		ws(s);
		if (close == '}') {
			if (s->p >= s->end || *s->p != '"')
				return fail(s, "expected a member name");
			if (!skip_string(s))
				return false;
			ws(s);
			if (s->p >= s->end || *s->p != ':')
				return fail(s, "expected ':'");
			s->p++;
		}
		if (!value(s))
			return false;
		ws(s);
		if (s->p < s->end && *s->p == ',') {
			s->p++;
			continue;
		}
		if (s->p < s->end && *s->p == (unsigned char)close) {
			s->p++;
			s->depth--;
			return true;
		}
		return fail(s, close == '}' ? "expected ',' or '}'"
		                            : "expected ',' or ']'");
	}
}

static bool value(struct scan *s)
{
	ws(s);
	if (s->p >= s->end)
		return fail(s, "expected a value");
	switch (*s->p) {
	case '"': return skip_string(s);
	case '{': return container(s, '}');
	case '[': return container(s, ']');
	case 't': return literal(s, "true");
	case 'f': return literal(s, "false");
	case 'n': return literal(s, "null");
	default: return number(s);
	}
}

static bool key_is(const struct dp_buf *k, const char *name)
{
	return k->len == strlen(name) && memcmp(k->data, name, k->len) == 0;
}

int dp_json_read_doc(const char *line, size_t len, const char *source,
                     size_t lineno, struct dp_in_doc *d, char *msg,
                     size_t msglen)
{
	struct scan s = {(const unsigned char *)line,
	                 (const unsigned char *)line + len,
	                 (const unsigned char *)line, NULL, 0};
	struct dp_buf key = {0};
	const char *base = strrchr(source, '/');
	bool have_id = false, have_text = false, have_meta = false;
	char idnum[32];

	base = base ? base + 1 : source;
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
			if (!string(&s, &key))
				goto out_err;
			ws(&s);
			if (s.p >= s.end || *s.p != ':') {
				fail(&s, "expected ':'");
				goto out_err;
			}
			s.p++;
			ws(&s);
			const unsigned char *vstart = s.p;
			if (key_is(&key, "text")) {
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
			} else if (key_is(&key, "id")) {
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
			} else if (key_is(&key, "meta")) {
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
		if (!skip_string(&s))
			return DP_EINVAL;
		size_t kn = (size_t)(s.p - 1 - k0);
		bool match;
		if (!memchr(k0, '\\', kn)) {
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
		if (!value(&s))
			return DP_EINVAL;
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
	return string(&s, out) ? 1 : DP_EINVAL;
}
