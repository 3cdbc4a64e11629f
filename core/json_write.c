/*
 * json_write.c - the streaming JSON Lines writer (docproc JSON Lines v1).
 *
 * Output is the hot path of every run (tokens dominate it), so records are
 * written straight into a byte buffer: strings escaped 16 or 32 bytes at a
 * time (SSE2; 8 with SWAR otherwise) with a table of escapes, integers
 * with a digit-pair table. A layer's spans are written against one
 * reservation check each, through keys rendered once per layer, with each
 * short string value escaped once per document and copied from its first
 * place in the output afterwards. Valid UTF-8 passes through; control
 * characters, '"' and '\\' are escaped, and so are U+2028/U+2029 (valid
 * JSON, but not valid JavaScript string content).
 */
#include "config.h"
#include "json_write.h"

#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Hot helpers of the span loop, inlined even where the compiler would
 * rather call them (a call costs as much as the work). */
#if defined(__GNUC__)
#define HOT_INLINE static inline __attribute__((always_inline))
#else
#define HOT_INLINE static inline
#endif

/* 0: copy; 1: needs an escape; 2: lead byte 0xE2 (maybe U+2028/9) */
static const unsigned char esc_class[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* The escape of each byte of class 1 (a control character, '"' or '\\'),
 * 8 bytes each so that one fixed 8-byte move writes any of them (the
 * length byte lands past the escape and is overwritten next). */
struct esc_seq {
	char seq[7];
	unsigned char len;
};

static const struct esc_seq esc_seq[0x5D] = {
	[0x00] = { "\\u0000", 6 },
	[0x01] = { "\\u0001", 6 },
	[0x02] = { "\\u0002", 6 },
	[0x03] = { "\\u0003", 6 },
	[0x04] = { "\\u0004", 6 },
	[0x05] = { "\\u0005", 6 },
	[0x06] = { "\\u0006", 6 },
	[0x07] = { "\\u0007", 6 },
	[0x08] = { "\\b", 2 },
	[0x09] = { "\\t", 2 },
	[0x0A] = { "\\n", 2 },
	[0x0B] = { "\\u000b", 6 },
	[0x0C] = { "\\f", 2 },
	[0x0D] = { "\\r", 2 },
	[0x0E] = { "\\u000e", 6 },
	[0x0F] = { "\\u000f", 6 },
	[0x10] = { "\\u0010", 6 },
	[0x11] = { "\\u0011", 6 },
	[0x12] = { "\\u0012", 6 },
	[0x13] = { "\\u0013", 6 },
	[0x14] = { "\\u0014", 6 },
	[0x15] = { "\\u0015", 6 },
	[0x16] = { "\\u0016", 6 },
	[0x17] = { "\\u0017", 6 },
	[0x18] = { "\\u0018", 6 },
	[0x19] = { "\\u0019", 6 },
	[0x1A] = { "\\u001a", 6 },
	[0x1B] = { "\\u001b", 6 },
	[0x1C] = { "\\u001c", 6 },
	[0x1D] = { "\\u001d", 6 },
	[0x1E] = { "\\u001e", 6 },
	[0x1F] = { "\\u001f", 6 },
	[0x22] = { "\\\"", 2 },
	[0x5C] = { "\\\\", 2 },
};

#ifdef __SSE2__
/* 0xFF in each byte of @x that needs a look: a control character
 * (unsigned <= 0x1F), '"', '\\' or 0xE2 (stop16(): one bit per byte). */
static inline __m128i stopv(__m128i x)
{
	/* x ^ 2 maps the control characters onto themselves and '"'
	 * (0x22) onto 0x20, and nothing else below 0x21: one unsigned
	 * compare finds both */
	const __m128i two = _mm_set1_epi8(2);
	const __m128i lim = _mm_set1_epi8(0x20);
	const __m128i bslash = _mm_set1_epi8('\\');
	const __m128i e2 = _mm_set1_epi8((char)0xE2);
	__m128i t = _mm_xor_si128(x, two);

	return _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(t, lim), t),
	                    _mm_or_si128(_mm_cmpeq_epi8(x, e2),
	                                 _mm_cmpeq_epi8(x, bslash)));
}

static inline unsigned stop16(__m128i x)
{
	return (unsigned)_mm_movemask_epi8(stopv(x));
}
#endif

/* Non-zero when some byte of @x needs a look (as stop16(), 8 bytes). */
static inline uint64_t stop8(uint64_t x)
{
	return (dp_swar_less(x & ~DP_HIGHS, 0x20) & ~x) |
	       dp_swar_zero(x ^ (DP_ONES * '"')) |
	       dp_swar_zero(x ^ (DP_ONES * '\\')) |
	       dp_swar_zero(x ^ (DP_ONES * 0xE2));
}

/* Copies n < 16 bytes, read only inside [s, s + n): two overlapping moves
 * from each end. */
static inline void copy_lt16(char *o, const unsigned char *s, size_t n)
{
	if (n >= 8) {
		uint64_t a = dp_load8(s), z = dp_load8(s + n - 8);
		memcpy(o, &a, 8);
		memcpy(o + n - 8, &z, 8);
	} else if (n >= 4) {
		uint32_t a, z;
		memcpy(&a, s, 4);
		memcpy(&z, s + n - 4, 4);
		memcpy(o, &a, 4);
		memcpy(o + n - 4, &z, 4);
	} else if (n) {
		o[0] = (char)s[0];
		o[n >> 1] = (char)s[n >> 1];
		o[n - 1] = (char)s[n - 1];
	}
}

/* Escapes s[0..len) at @o, quotes included; returns the end. @o has room
 * for len * 6 + 2 + 16 bytes: the bulk loops store whole 32- or 16-byte
 * blocks (the room of the bytes still to come covers them) and an escape
 * is one 8-byte move. */
static char *esc_into(char *o, const unsigned char *s, size_t len)
{
	size_t i = 0;

	*o++ = '"';
	for (;;) {
#ifdef __SSE2__
		/* thirty-two, then sixteen bytes at a time, stored whole and
		 * kept up to the first byte that needs a look; after an escape
		 * the next block starts right past it (an unaligned load) */
		while (i + 32 <= len) {
			__m128i x = _mm_loadu_si128(
				(const __m128i *)(const void *)(s + i));
			__m128i y = _mm_loadu_si128(
				(const __m128i *)(const void *)(s + i + 16));
			__m128i sx = stopv(x), sy = stopv(y);
			_mm_storeu_si128((__m128i *)(void *)o, x);
			_mm_storeu_si128((__m128i *)(void *)(o + 16), y);
			/* one test for both blocks; the bits only on a hit */
			if (_mm_movemask_epi8(_mm_or_si128(sx, sy))) {
				unsigned bits = (unsigned)_mm_movemask_epi8(sx) |
				                (unsigned)_mm_movemask_epi8(sy) << 16;
				unsigned k = (unsigned)__builtin_ctz(bits);
				i += k;
				o += k;
				goto look;
			}
			i += 32;
			o += 32;
		}
		while (i + 16 <= len) {
			__m128i x = _mm_loadu_si128(
				(const __m128i *)(const void *)(s + i));
			unsigned bits = stop16(x);
			_mm_storeu_si128((__m128i *)(void *)o, x);
			if (bits) {
				unsigned k = (unsigned)__builtin_ctz(bits);
				i += k;
				o += k;
				goto look;
			}
			i += 16;
			o += 16;
		}
#else
		/* portable: 8 bytes at a time, stored whole likewise */
		while (i + 8 <= len) {
			uint64_t x = dp_load8(s + i);
			if (stop8(x))
				break;
			memcpy(o, &x, 8);
			i += 8;
			o += 8;
		}
#endif
#ifdef __SSE2__
		/* the last 1..15 bytes of a string of 16 or more: the bits of
		 * the string's last 16 bytes, shifted to the bytes left */
		if (i < len && len >= 16) {
			size_t r = len - i;
			unsigned bits = stop16(_mm_loadu_si128(
				(const __m128i *)(const void *)(s + len - 16))) >>
				(16 - r);
			size_t k = bits ? (size_t)__builtin_ctz(bits) : r;
			copy_lt16(o, s + i, k);
			o += k;
			i += k;
			if (!bits)
				break;
			goto look;
		}
#endif
		/* the tail, byte by byte */
		while (i < len && !esc_class[s[i]])
			*o++ = (char)s[i++];
		if (i >= len)
			break;
#ifdef __SSE2__
	look:;  /* (only the SSE2 paths jump here) */
#endif
		unsigned char c = s[i];
		if (c == 0xE2) {
			/* U+2028/U+2029 are escaped, other E2 sequences copied */
			if (i + 2 < len && s[i + 1] == 0x80 &&
			    (s[i + 2] == 0xA8 || s[i + 2] == 0xA9)) {
				memcpy(o, s[i + 2] == 0xA8 ? "\\u2028" : "\\u2029",
				       6);
				o += 6;
				i += 3;
			} else {
				*o++ = (char)c;
				i++;
			}
			continue;
		}
		memcpy(o, &esc_seq[c], 8);
		o += esc_seq[c].len;
		i++;
	}
	*o++ = '"';
	return o;
}

int dp_json_string(struct dp_buf *b, const char *str, size_t len)
{
	if (dp_buf_reserve(b, len * 6 + 2 + 16) < 0)
		return DP_ENOMEM;
	char *o = esc_into(b->data + b->len, (const unsigned char *)str, len);
	b->len = (size_t)(o - b->data);
	b->data[b->len] = '\0';
	return 0;
}

/* put_short() for 16 to JCACHE_MAX bytes (out of line: put_short() is
 * inlined at every column's place, and these are the rarer lengths). */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static char *put_short16(char *o, const unsigned char *s, size_t len)
{
#ifdef __SSE2__
	unsigned bad = 0;
	size_t i = 0;
	__m128i x;
	for (; i + 16 < len; i += 16) {
		x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		bad |= stop16(x);
		_mm_storeu_si128((__m128i *)(void *)(o + 1 + i), x);
	}
	x = _mm_loadu_si128((const __m128i *)(const void *)(s + len - 16));
	bad |= stop16(x);
	_mm_storeu_si128((__m128i *)(void *)(o + 1 + len - 16), x);
#else
	uint64_t bad = 0, x;
	size_t i = 0;
	for (; i + 8 < len; i += 8) {
		x = dp_load8(s + i);
		bad |= stop8(x);
		memcpy(o + 1 + i, &x, 8);
	}
	x = dp_load8(s + len - 8);
	bad |= stop8(x);
	memcpy(o + 1 + len - 8, &x, 8);
#endif
	if (bad)
		return NULL;
	o[len + 1] = '"';
	return o + len + 2;
}

/* Copies a short string (len <= JCACHE_MAX) quoted to @o when none of its
 * bytes needs a look; returns the end, or NULL (nothing useful written:
 * the caller escapes it). @o has room for len + 2 + 16 bytes. The bytes are
 * read by overlapping loads inside the string, never past it; lengths 4 to
 * 15 (most values: dates, words) take one path of four 4-byte loads at
 * offsets chosen without a branch, so that varying lengths do not cost a
 * mispredicted branch each. */
HOT_INLINE char *put_short(char *o, const unsigned char *s, size_t len)
{
	o[0] = '"';
	if (len >= 16) {
		return put_short16(o, s, len);
	} else if (len >= 4) {
		/* [0,4) [q1,q1+4) [q2,q2+4) [len-4,len) cover the string */
		size_t q1 = len < 8 ? len - 4 : 4;
		size_t q2 = len < 12 ? len - 4 : 8;
		uint32_t a, c, d, z;
		memcpy(&a, s, 4);
		memcpy(&c, s + q1, 4);
		memcpy(&d, s + q2, 4);
		memcpy(&z, s + len - 4, 4);
#ifdef __SSE2__
		if (stop16(_mm_set_epi32((int)z, (int)d, (int)c, (int)a)))
			return NULL;
#else
		if (stop8((uint64_t)a | (uint64_t)c << 32) |
		    stop8((uint64_t)d | (uint64_t)z << 32))
			return NULL;
#endif
		memcpy(o + 1, &a, 4);
		memcpy(o + 1 + q1, &c, 4);
		memcpy(o + 1 + q2, &d, 4);
		memcpy(o + 1 + len - 4, &z, 4);
	} else if (len) {
		/* 1 to 3 bytes: the first, the middle and the last */
		unsigned char a = s[0], c = s[len >> 1], z = s[len - 1];
		if (esc_class[a] | esc_class[c] | esc_class[z])
			return NULL;
		o[1] = (char)a;
		o[1 + (len >> 1)] = (char)c;
		o[len] = (char)z;
	}
	o[len + 1] = '"';
	return o + len + 2;
}

static const char digit_pairs[201] =
	"00010203040506070809101112131415161718192021222324252627282930313233"
	"34353637383940414243444546474849505152535455565758596061626364656667"
	"6869707172737475767778798081828384858687888990919293949596979899";

int dp_json_int(struct dp_buf *b, int64_t v)
{
	char tmp[24];
	char *p = tmp + sizeof tmp;
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

	while (u >= 100) {
		unsigned r = (unsigned)(u % 100);
		u /= 100;
		p -= 2;
		memcpy(p, digit_pairs + 2 * r, 2);
	}
	if (u >= 10) {
		p -= 2;
		memcpy(p, digit_pairs + 2 * u, 2);
	} else {
		*--p = (char)('0' + u);
	}
	if (v < 0)
		*--p = '-';
	return dp_buf_append(b, p, (size_t)(tmp + sizeof tmp - p));
}

static int dump_cb(const char *buffer, size_t size, void *data)
{
	return dp_buf_append(data, buffer, size) < 0 ? -1 : 0;
}

int dp_json_value(struct dp_buf *b, const json_t *v)
{
	if (json_dump_callback(v, dump_cb, b,
	                       JSON_COMPACT | JSON_ENCODE_ANY |
	                       JSON_REAL_PRECISION(17)) < 0)
		return DP_ENOMEM;
	return 0;
}

/* "" s: only a string literal compiles here (a ?: of literals would
 * silently give sizeof a pointer) */
#define LIT(b, s) dp_buf_append((b), "" s, sizeof("" s) - 1)

/* ------------------------------------------------ offsets as code points */

/* Byte offset -> code point offset: the count of code points before every
 * 64th byte, plus, for every 8th byte, the count from its 64-byte block's
 * start (one byte each); the rest, under 8 bytes, counted in one word. */
struct cpmap {
	const unsigned char *text;
	size_t len;
	uint32_t *block;
	uint8_t *sub;
};

/* The UTF-8 continuation bytes (10xxxxxx) among the 8 bytes of @x. */
static inline unsigned conts8(uint64_t x)
{
	uint64_t c = x & ~(x << 1) & DP_HIGHS;   /* bit 7 set, bit 6 clear */
	return (unsigned)(((c >> 7) * DP_ONES) >> 56);
}

static int cpmap_init(struct cpmap *m, struct dp_doc *doc, const char *text,
                      size_t len)
{
	size_t nb = len / 64 + 2, nw = len / 8 + 2;
	uint32_t cnt = 0, at = 0;

	m->text = (const unsigned char *)text;
	m->len = len;
	m->block = dp_arena_alloc(&doc->arena, nb * sizeof *m->block +
	                                       nw * sizeof *m->sub);
	if (!m->block)
		return DP_ENOMEM;
	m->sub = (uint8_t *)(m->block + nb);
	for (size_t i = 0; i <= len; i += 8) {
		if ((i & 63) == 0)
			m->block[i >> 6] = at = cnt;
		m->sub[i >> 3] = (uint8_t)(cnt - at);
		if (i + 8 <= len) {
			cnt += 8 - conts8(dp_load8(m->text + i));
		} else {
			for (size_t j = i; j < len; j++)
				if ((m->text[j] & 0xC0) != 0x80)
					cnt++;
		}
	}
	return 0;
}

HOT_INLINE size_t cpmap_get(const struct cpmap *m, size_t off)
{
	size_t base = off & ~(size_t)7, r = off & 7;
	size_t cp = m->block[off >> 6] + m->sub[off >> 3];

	if (!r)
		return cp;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	if (base + 8 <= m->len) {
		/* the first r bytes of the word: the low ones */
		uint64_t x = dp_load8(m->text + base) &
		             (((uint64_t)1 << (8 * r)) - 1);
		return cp + r - conts8(x);
	}
#endif
	for (size_t i = base; i < off; i++)
		if ((m->text[i] & 0xC0) != 0x80)
			cp++;
	return cp;
}

/* --------------------------------------------------------------- layers */

/* Writes @v in decimal at @o (room for 20 characters); returns the end.
 * The digits are written in place from the end, two at a time. */
static char *put_u64(char *o, uint64_t v)
{
	unsigned n = 1;
	char *p, *end;

	if (v < 10) {
		*o = (char)('0' + v);
		return o + 1;
	}
	if (v < 100000u) {
		n = v < 100u ? 2 : v < 1000u ? 3 : v < 10000u ? 4 : 5;
	} else {
		n = 6;
		for (uint64_t t = v / 1000000u; t; t /= 10)
			n++;
	}
	end = o + n;
	p = end;
	while (v >= 100) {
		unsigned r = (unsigned)(v % 100);
		v /= 100;
		p -= 2;
		memcpy(p, digit_pairs + 2 * r, 2);
	}
	if (v >= 10) {
		p -= 2;
		memcpy(p, digit_pairs + 2 * v, 2);
	} else {
		*--p = (char)('0' + v);
	}
	return end;
}

/* put_u64() for the common small values (offsets), inline: one compare per
 * digit-count class, then pairs of digits. The class rarely changes from
 * one span to the next (offsets grow), so the branches predict well. */
HOT_INLINE char *put_u32(char *o, uint32_t v)
{
	if (v < 100) {
		if (v < 10) {
			*o = (char)('0' + v);
			return o + 1;
		}
		memcpy(o, digit_pairs + 2 * v, 2);
		return o + 2;
	}
	if (v < 10000) {
		uint32_t hi = v / 100, lo = v % 100;
		if (v < 1000) {
			*o = (char)('0' + hi);
			memcpy(o + 1, digit_pairs + 2 * lo, 2);
			return o + 3;
		}
		memcpy(o, digit_pairs + 2 * hi, 2);
		memcpy(o + 2, digit_pairs + 2 * lo, 2);
		return o + 4;
	}
	if (v < 1000000) {
		uint32_t hi = v / 10000, lo = v % 10000;
		if (hi < 10) {
			*o++ = (char)('0' + hi);
		} else {
			memcpy(o, digit_pairs + 2 * hi, 2);
			o += 2;
		}
		memcpy(o, digit_pairs + 2 * (lo / 100), 2);
		memcpy(o + 2, digit_pairs + 2 * (lo % 100), 2);
		return o + 4;
	}
	return put_u64(o, v);
}

static inline char *put_uint(char *o, uint64_t v)
{
	return v <= UINT32_MAX ? put_u32(o, (uint32_t)v) : put_u64(o, v);
}

/* A key of the key cache (each in a 96-byte slot): short ones copied as
 * one fixed 16-byte move, the bytes past the key overwritten next (the
 * span's reserve has room for them). */
static inline char *put_key(char *o, const char *k, size_t n)
{
	if (n <= 16)
		memcpy(o, k, 16);
	else
		memcpy(o, k, n);
	return o + n;
}

/* A constant string of at most 8 characters, written as one 8-byte move
 * (the literal's array has 9 bytes at most: sizeof - 1 characters and
 * the NUL, so copying min(sizeof, 8) bytes never reads past it). */
#define PUT8(o, s) \
	(memcpy((o), "" s, sizeof("" s) < 8 ? sizeof("" s) : 8), \
	 (o) + sizeof("" s) - 1)

/* Short string values (token kinds, date types...) repeat on many spans:
 * each is escaped once per document, straight into the output, and its
 * place there remembered by id; later spans copy it from there. */
#define JCACHE_MAX 48

struct jcache {
	uint32_t *off;      /* per interned id: offset in the output buffer
	                       of its quoted, escaped form, or UINT32_MAX */
	uint16_t *len;
	uint32_t n;         /* doc->nstrs */
};

static int jcache_init(struct jcache *c, struct dp_doc *doc)
{
	c->n = doc->nstrs;
	/* both arrays in one allocation: off (4-byte aligned) first */
	c->off = dp_arena_alloc(&doc->arena, (size_t)c->n * (sizeof *c->off +
	                                                     sizeof *c->len));
	if (!c->off)
		return DP_ENOMEM;
	c->len = (uint16_t *)(void *)(c->off + c->n);
	memset(c->off, 0xff, (size_t)c->n * sizeof *c->off);
	return 0;
}

/* Copies @n bytes written earlier into the same buffer (src + n <= o).
 * Short ones are one or two 16-byte moves, loaded before they are stored:
 * the source's bytes past @n may lie at or past @o (they are copied, then
 * overwritten next), and the reserve leaves 16 bytes of room past o + n. */
static inline char *put_again(char *o, const char *src, size_t n)
{
#ifdef __SSE2__
	if (n <= 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)src);
		_mm_storeu_si128((__m128i *)(void *)o, x);
		return o + n;
	}
	if (n <= 32) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)src);
		__m128i y = _mm_loadu_si128(
			(const __m128i *)(const void *)(src + n - 16));
		_mm_storeu_si128((__m128i *)(void *)o, x);
		_mm_storeu_si128((__m128i *)(void *)(o + n - 16), y);
		return o + n;
	}
#else
	if (n <= 16) {
		uint64_t x = dp_load8(src), y = dp_load8(src + 8);
		memcpy(o, &x, 8);
		memcpy(o + 8, &y, 8);
		return o + n;
	}
#endif
	memcpy(o, src, n);
	return o + n;
}

/* The key cache of a layer (l->jkeys, built on its first output and kept
 * with the layer, whose schema never changes): two 96-byte slots per
 * column (",\"name\":" or ",\"name_start\":" and ",\"name_end\":"), then
 * one for the layer's own "name": (length 0 when it does not fit). */
static int build_keys(struct dp_layer *l)
{
	int ncols = l->ncols;
	size_t nslots = (size_t)ncols * 2 + 1;
	struct dp_buf nb = {0};

	l->jkeys = calloc(nslots, 96);   /* put_key() reads 16 */
	l->jklen = calloc(nslots, 1);
	if (!l->jkeys || !l->jklen)
		goto nomem;
	for (int c = 0; c < ncols; c++) {
		const struct dp_column *col = &l->cols[c];
		char *k0 = l->jkeys + (2 * c) * 96;
		char *k1 = l->jkeys + (2 * c + 1) * 96;
		if (col->type == DP_ATTR_SPAN) {
			l->jklen[2 * c] = (uint8_t)snprintf(
				k0, 96, ",\"%s_start\":", col->name);
			l->jklen[2 * c + 1] = (uint8_t)snprintf(
				k1, 96, ",\"%s_end\":", col->name);
		} else {
			l->jklen[2 * c] = (uint8_t)snprintf(
				k0, 96, ",\"%s\":", col->name);
			l->jklen[2 * c + 1] = 0;
		}
	}
	if (dp_json_string(&nb, l->name, strlen(l->name)) < 0 ||
	    dp_buf_putc(&nb, ':') < 0)
		goto nomem;
	if (nb.len < 96) {
		memcpy(l->jkeys + (nslots - 1) * 96, nb.data, nb.len);
		l->jklen[nslots - 1] = (uint8_t)nb.len;
	}
	dp_buf_free(&nb);
	return 0;
nomem:
	dp_buf_free(&nb);
	free(l->jkeys);
	free(l->jklen);
	l->jkeys = NULL;
	l->jklen = NULL;
	return DP_ENOMEM;
}

/* A column of the layer being written, read once per layer into locals
 * (stores through the output's char pointer would make the compiler
 * reload everything reached through the layer on every span). */
enum { COL_ORIG = 100 };   /* the edits layer's orig_start, orig_end */

struct colw {
	const char *key, *key2;
	const void *v;
	uint8_t klen, k2len;
	int type;
};

#define COLW_LOCAL 8

/* The state of one layer's write that the column writer reads and, for a
 * long string, updates (kept in registers once put_col() is inlined). */
struct wctx {
	struct dp_buf *b;
	char *base;         /* b->data */
	size_t stop;        /* o - base < stop: room bytes and a NUL fit */
	size_t room;        /* one span's worst case */
	const struct dp_str *strs;
	uint32_t n1;        /* ids 1..n1 are strings */
	uint32_t *coff;
	uint16_t *clen;
	const struct cpmap *m, *om;
};

/* put_col() for the integer and span attributes, out of line: most
 * attributes written are strings, and put_col() is inlined per column. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static char *put_other(struct wctx *x, char *o, const struct colw *w,
                       size_t i)
{
	if (w->type == DP_ATTR_SPAN) {
		const uint32_t *sp = w->v;
		uint32_t sa = sp[2 * i], sb = sp[2 * i + 1];
		if (sa == DP_SPAN_UNSET) {
			o = PUT8(o, "null");
			o = put_key(o, w->key2, w->k2len);
			return PUT8(o, "null");
		}
		o = put_u32(o, x->m ? (uint32_t)cpmap_get(x->m, sa) : sa);
		o = put_key(o, w->key2, w->k2len);
		return put_u32(o, x->m ? (uint32_t)cpmap_get(x->m, sb) : sb);
	}
	int64_t v = ((const int64_t *)w->v)[i];
	if (v == DP_INT_UNSET)
		return PUT8(o, "null");
	if (w->type == COL_ORIG)   /* offsets into the original text */
		return put_u64(o, cpmap_get(x->om, (size_t)v));
	if (v < 0) {
		*o++ = '-';
		return put_uint(o, (uint64_t)0 - (uint64_t)v);
	}
	return put_uint(o, (uint64_t)v);
}

/* One attribute of span @i, key included; returns the end, or NULL when
 * out of memory. Inlined at a separate place for each of the first
 * columns, so that each column's branches (unset, seen before, how long)
 * are predicted on their own: a "type" is almost always cached, a "text"
 * almost never. */
HOT_INLINE char *put_col(struct wctx *x, char *o, const struct colw *w,
                         size_t i)
{
	o = put_key(o, w->key, w->klen);
	if (w->type == DP_ATTR_STR) {
		uint32_t id = ((const uint32_t *)w->v)[i];
		if (id - 1u >= x->n1)
			return PUT8(o, "null");
		if (x->coff[id] != UINT32_MAX)
			return put_again(o, x->base + x->coff[id], x->clen[id]);
		const struct dp_str *str = &x->strs[id];
		if (str->len <= JCACHE_MAX) {
			const unsigned char *p = (const unsigned char *)str->p;
			char *e = put_short(o, p, str->len);
			if (!e)
				e = esc_into(o, p, str->len);
			if ((size_t)(o - x->base) < UINT32_MAX) {
				x->coff[id] = (uint32_t)(o - x->base);
				x->clen[id] = (uint16_t)(e - o);
			}
			return e;
		}
		/* a long one reserves for itself */
		x->b->len = (size_t)(o - x->base);
		if (dp_json_string(x->b, str->p, str->len) < 0 ||
		    dp_buf_reserve(x->b, x->room) < 0)
			return NULL;
		x->base = x->b->data;
		x->stop = x->b->cap - x->room;
		return x->base + x->b->len;
	}
	return put_other(x, o, w, i);
}

/* The spans of a layer, from @o; returns the end, or NULL when out of
 * memory. @cp (a constant at each call) says whether offsets are code
 * points: the byte-offset loop carries no test for it. */
HOT_INLINE char *write_spans(struct wctx *x, char *o, const struct colw *cw,
                             int ncols, const uint32_t *start,
                             const uint32_t *end, size_t nspans, bool cp)
{
	const struct cpmap *m = x->m;

	for (size_t i = 0; i < nspans; i++) {
		if ((size_t)(o - x->base) >= x->stop) {
			x->b->len = (size_t)(o - x->base);
			if (dp_buf_reserve(x->b, x->room) < 0)
				return NULL;
			x->base = x->b->data;
			o = x->base + x->b->len;
			x->stop = x->b->cap - x->room;
		}
		/* "," before each span; the first one's becomes "[" */
		memcpy(o, ",{\"start\":", 10);
		o += 10;
		o = put_u32(o, cp ? (uint32_t)cpmap_get(m, start[i]) : start[i]);
		o = PUT8(o, ",\"end\":");
		o = put_u32(o, cp ? (uint32_t)cpmap_get(m, end[i]) : end[i]);
		/* the first columns at places of their own (see put_col());
		 * code points (the rarer output) in one loop */
#define COL(k) \
	if (ncols > (k)) { \
		o = put_col(x, o, &cw[k], i); \
		if (!o) \
			return NULL;
		int c = 0;
		if (!cp) {
			c = ncols < 6 ? ncols : 6;
			COL(0) COL(1) COL(2) COL(3) COL(4) COL(5)
			}}}}}}
		}
#undef COL
		for (; c < ncols; c++) {
			o = put_col(x, o, &cw[c], i);
			if (!o)
				return NULL;
		}
		*o++ = '}';
	}
	return o;
}

/* One layer as "name":[{...},...]. Each span needs at most room bytes
 * (strings longer than JCACHE_MAX reserve their own); the buffer's end is
 * checked once per span, numbers and keys are written straight into it.
 * This loop writes most of the output bytes. */
static int write_layer(struct dp_buf *b, struct dp_doc *doc,
                       struct dp_layer *l, const struct cpmap *m,
                       const struct cpmap *om, struct jcache *jc)
{
	struct colw local[COLW_LOCAL], *cw = local;
	int ncols = l->ncols;
	size_t room = 64;
	struct wctx x;
	char *o;

	if (!l->jkeys && build_keys(l) < 0)
		return DP_ENOMEM;
	if (ncols > COLW_LOCAL) {
		cw = dp_arena_alloc(&doc->arena, (size_t)ncols * sizeof *cw);
		if (!cw)
			return DP_ENOMEM;
	}
	for (int c = 0; c < ncols; c++) {
		const struct dp_column *col = &l->cols[c];
		cw[c].key = l->jkeys + (2 * c) * 96;
		cw[c].key2 = l->jkeys + (2 * c + 1) * 96;
		cw[c].klen = l->jklen[2 * c];
		cw[c].k2len = l->jklen[2 * c + 1];
		cw[c].v = col->v.i;
		cw[c].type = col->type;
		if (col->type == DP_ATTR_INT && om && l == doc->edits && c < 2)
			cw[c].type = COL_ORIG;
		room += cw[c].klen + cw[c].k2len + 48u +
		        (col->type == DP_ATTR_STR ? 6 * JCACHE_MAX + 2 : 0);
	}

	/* "name": */
	size_t nlen = l->jklen[2 * (size_t)ncols];
	if (nlen) {
		if (dp_buf_reserve(b, nlen + 16) < 0)
			return DP_ENOMEM;
		memcpy(b->data + b->len, l->jkeys + (2 * (size_t)ncols) * 96,
		       nlen);
		b->len += nlen;
	} else if (dp_json_string(b, l->name, strlen(l->name)) < 0 ||
	           dp_buf_putc(b, ':') < 0) {
		return DP_ENOMEM;
	}

	const uint32_t *start = l->start, *end = l->end;
	size_t nspans = l->n;

	if (dp_buf_reserve(b, room) < 0)
		return DP_ENOMEM;
	x.b = b;
	x.base = b->data;
	x.room = room;
	x.stop = b->cap - room;
	x.strs = doc->strs;
	x.n1 = jc->n ? jc->n - 1 : 0;
	x.coff = jc->off;
	x.clen = jc->len;
	x.m = m;
	x.om = om;
	o = x.base + b->len;
	size_t bracket = b->len;   /* where the "[" goes */
	o = m ? write_spans(&x, o, cw, ncols, start, end, nspans, true)
	      : write_spans(&x, o, cw, ncols, start, end, nspans, false);
	if (!o)
		return DP_ENOMEM;
	if (nspans)
		x.base[bracket] = '[';
	else
		*o++ = '[';
	*o++ = ']';
	b->len = (size_t)(o - x.base);
	b->data[b->len] = '\0';
	return 0;
}

static bool wanted(const struct dp_json_opts *o, const char *name)
{
	if (!o->layers)
		return true;
	/* names are short: compared here, most at their first byte */
	for (size_t i = 0; i < o->nlayers; i++) {
		const char *a = o->layers[i], *n = name;
		while (*a == *n && *a) {
			a++;
			n++;
		}
		if (*a == *n)
			return true;
	}
	return false;
}

static int render_stamp(struct dp_buf *b, const struct dp_json_opts *o)
{
	int rc = LIT(b, ",\"docproc\":{\"version\":\"" PACKAGE_VERSION
	                "\",\"plugins\":[");
	for (size_t i = 0; i < o->nplugins; i++) {
		rc |= i ? LIT(b, ",{\"name\":") : LIT(b, "{\"name\":");
		rc |= dp_json_string(b, o->plugins[i].name,
		                     strlen(o->plugins[i].name));
		rc |= LIT(b, ",\"version\":");
		rc |= dp_json_string(b, o->plugins[i].version,
		                     strlen(o->plugins[i].version));
		rc |= dp_buf_putc(b, '}');
	}
	rc |= LIT(b, "]}");
	return rc ? DP_ENOMEM : 0;
}

int dp_json_opts_prepare(struct dp_json_opts *o)
{
	struct dp_buf b = {0};

	if (render_stamp(&b, o) != 0) {
		free(b.data);
		return DP_ENOMEM;
	}
	o->stamp = b.data;
	o->stamp_len = b.len;
	return 0;
}

void dp_json_opts_release(struct dp_json_opts *o)
{
	free(o->stamp);
	o->stamp = NULL;
	o->stamp_len = 0;
}

static int write_stamp(struct dp_buf *b, const struct dp_json_opts *o)
{
	if (o->stamp)
		return dp_buf_append(b, o->stamp, o->stamp_len) < 0 ? DP_ENOMEM : 0;
	return render_stamp(b, o);
}

int dp_json_write_doc(struct dp_buf *b, struct dp_doc *doc,
                      const struct dp_json_opts *o)
{
	struct cpmap map, omap, *m = NULL, *om = NULL;
	struct jcache jc;
	int rc = 0;
	size_t idlen = strlen(doc->id);
	char *p;

	if (jcache_init(&jc, doc) < 0)
		return DP_ENOMEM;

	if (o->offsets == DP_OFFSETS_CODEPOINTS) {
		const char *orig = dp_doc_orig_text(doc, NULL);
		if (cpmap_init(&map, doc, doc->text, doc->len) < 0)
			return DP_ENOMEM;
		m = &map;
		/* an unedited text is its own original: one map for both */
		if (orig == doc->text && doc->orig_len == doc->len) {
			om = &map;
		} else {
			if (cpmap_init(&omap, doc, orig, doc->orig_len) < 0)
				return DP_ENOMEM;
			om = &omap;
		}
	}
	/* the head of the record in one reserve: id, meta, text */
	size_t head = 64 + idlen * 6 + 18 + doc->meta_raw.len +
	              (o->with_text ? doc->len * 6 + 18 : 0);
	if (dp_buf_reserve(b, head) < 0)
		return DP_ENOMEM;
	p = b->data + b->len;
	memcpy(p, "{\"id\":", 6);
	{
		/* ids are short: the quick copy first */
		const unsigned char *id = (const unsigned char *)doc->id;
		char *e = idlen <= JCACHE_MAX ? put_short(p + 6, id, idlen) : NULL;
		p = e ? e : esc_into(p + 6, id, idlen);
	}
	memcpy(p, ",\"status\":\"ok\",\"meta\":", 22);
	p += 22;
	if (doc->meta) {
		b->len = (size_t)(p - b->data);
		if (dp_json_value(b, doc->meta) < 0 ||
		    dp_buf_reserve(b, head) < 0)
			return DP_ENOMEM;
		p = b->data + b->len;
	} else {
		memcpy(p, doc->meta_raw.data, doc->meta_raw.len);
		p += doc->meta_raw.len;
	}
	if (o->with_text) {
		memcpy(p, ",\"text\":", 8);
		p = esc_into(p + 8, (const unsigned char *)doc->text, doc->len);
	}
	memcpy(p, ",\"layers\":{", 11);
	b->len = (size_t)(p + 11 - b->data);
	bool first = true;
	/* the edits layer first, then the others in creation order */
	if (doc->edits && doc->edits->present && wanted(o, "edits")) {
		rc |= write_layer(b, doc, doc->edits, m, om, &jc);
		first = false;
	}
	for (size_t i = 0; i < doc->nlayers && rc == 0; i++) {
		struct dp_layer *l = doc->layers[i];
		if (!l->present || l == doc->edits || !wanted(o, l->name))
			continue;
		if (!first)
			rc |= dp_buf_putc(b, ',');
		rc |= write_layer(b, doc, l, m, om, &jc);
		first = false;
	}
	if (rc)
		return DP_ENOMEM;
	if (doc->dropped || !o->stamp) {
		rc |= dp_buf_putc(b, '}');
		if (doc->dropped) {
			rc |= LIT(b, ",\"dropped_spans\":");
			rc |= dp_json_int(b, (int64_t)doc->dropped);
		}
		rc |= write_stamp(b, o);
		rc |= LIT(b, "}\n");
		return rc ? DP_ENOMEM : 0;
	}
	/* the common tail in one reserve: "}", the stamp, "}\n" */
	if (dp_buf_reserve(b, o->stamp_len + 3) < 0)
		return DP_ENOMEM;
	p = b->data + b->len;
	*p++ = '}';
	memcpy(p, o->stamp, o->stamp_len);
	p += o->stamp_len;
	memcpy(p, "}\n", 3);   /* and the NUL */
	b->len = (size_t)(p + 2 - b->data);
	return 0;
}

int dp_json_write_error(struct dp_buf *b, const char *id, const char *plugin,
                        const char *message, const char *source, size_t line,
                        const char *meta, size_t meta_len,
                        const char *text, size_t len,
                        const struct dp_json_opts *o)
{
	int rc = 0;

	rc |= LIT(b, "{\"id\":");
	if (id)
		rc |= dp_json_string(b, id, strlen(id));
	else
		rc |= LIT(b, "null");
	rc |= LIT(b, ",\"status\":\"error\",\"error\":{\"plugin\":");
	rc |= dp_json_string(b, plugin, strlen(plugin));
	rc |= LIT(b, ",\"message\":");
	rc |= dp_json_string(b, message, strlen(message));
	rc |= LIT(b, "},\"input\":{\"source\":");
	rc |= dp_json_string(b, source, strlen(source));
	rc |= LIT(b, ",\"line\":");
	rc |= dp_json_int(b, (int64_t)line);
	rc |= LIT(b, "},\"meta\":");
	if (meta)
		rc |= dp_buf_append(b, meta, meta_len);
	else
		rc |= LIT(b, "{}");
	if (text && dp_utf8_valid(text, len)) {
		/* the input text, so that the record can be run again */
		rc |= LIT(b, ",\"text\":");
		rc |= dp_json_string(b, text, len);
	}
	rc |= write_stamp(b, o);
	rc |= LIT(b, "}\n");
	return rc ? DP_ENOMEM : 0;
}
