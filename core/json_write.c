/*
 * json_write.c - the streaming JSON Lines writer (docproc JSON Lines v1).
 *
 * Output is the hot path of every run (tokens dominate it), so records are
 * written straight into a byte buffer: strings escaped with a table and a
 * run-copying loop, integers with a digit-pair table. Valid UTF-8 passes
 * through; control characters, '"' and '\\' are escaped, and so are
 * U+2028/U+2029 (valid JSON, but not valid JavaScript string content).
 */
#include "config.h"
#include "json_write.h"

#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
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

int dp_json_string(struct dp_buf *b, const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	static const char hex[] = "0123456789abcdef";
	size_t i = 0, run = 0;
	char *o;

	/* worst case: every byte becomes \u00XX; plus 16 for the whole
	 * 16-byte stores of the SSE2 loop */
	if (dp_buf_reserve(b, len * 6 + 2 + 16) < 0)
		return DP_ENOMEM;
	o = b->data + b->len;
	*o++ = '"';
	while (i < len) {
		bool stopped = false;
#ifdef __SSE2__
		/* sixteen bytes at a time, stored whole (the reserve above
		 * leaves room) and kept up to the first byte that needs a look:
		 * a control character (unsigned <= 0x1F), '"', '\\' or 0xE2 */
		const __m128i ctl = _mm_set1_epi8(0x1F);
		const __m128i quote = _mm_set1_epi8('"');
		const __m128i bslash = _mm_set1_epi8('\\');
		const __m128i e2 = _mm_set1_epi8((char)0xE2);
		while (i + 16 <= len) {
			__m128i x = _mm_loadu_si128(
				(const __m128i *)(const void *)(s + i));
			__m128i stop = _mm_or_si128(
				_mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(x, ctl), x),
				             _mm_cmpeq_epi8(x, e2)),
				_mm_or_si128(_mm_cmpeq_epi8(x, quote),
				             _mm_cmpeq_epi8(x, bslash)));
			unsigned bits = (unsigned)_mm_movemask_epi8(stop);
			_mm_storeu_si128((__m128i *)(void *)o, x);
			if (bits) {
				unsigned k = (unsigned)__builtin_ctz(bits);
				i += k;
				o += k;
				stopped = true;
				break;
			}
			i += 16;
			o += 16;
		}
#endif
		if (!stopped) {
			/* the tail (or, without SSE2, everything): 8 bytes at
			 * a time, then byte by byte */
			run = i;
			while (i + 8 <= len) {
				uint64_t x = dp_load8(s + i);
				if ((dp_swar_less(x & ~DP_HIGHS, 0x20) & ~x) |
				    dp_swar_zero(x ^ (DP_ONES * '"')) |
				    dp_swar_zero(x ^ (DP_ONES * '\\')) |
				    dp_swar_zero(x ^ (DP_ONES * 0xE2)))
					break;
				i += 8;
			}
			while (i < len && !esc_class[s[i]])
				i++;
			memcpy(o, s + run, i - run);
			o += i - run;
			if (i >= len)
				break;
		}
		unsigned char c = s[i];
		if (esc_class[c] == 2) {
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
		*o++ = '\\';
		switch (c) {
		case '"': *o++ = '"'; break;
		case '\\': *o++ = '\\'; break;
		case '\n': *o++ = 'n'; break;
		case '\r': *o++ = 'r'; break;
		case '\t': *o++ = 't'; break;
		case '\b': *o++ = 'b'; break;
		case '\f': *o++ = 'f'; break;
		default:
			*o++ = 'u';
			*o++ = '0';
			*o++ = '0';
			*o++ = hex[c >> 4];
			*o++ = hex[c & 15];
		}
		i++;
	}
	*o++ = '"';
	b->len = (size_t)(o - b->data);
	b->data[b->len] = '\0';
	return 0;
}

/* dp_json_string() for the short values of layer attributes: one pass
 * over the bytes decides that none needs an escape (the common case),
 * then one copy; otherwise the general loop. */
static int json_short(struct dp_buf *b, const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned any = 0;

	for (size_t i = 0; i < len; i++)
		any |= esc_class[s[i]];
	if (any || dp_buf_reserve(b, len + 2) < 0)
		return dp_json_string(b, str, len);
	char *o = b->data + b->len;
	o[0] = '"';
	memcpy(o + 1, str, len);
	o[len + 1] = '"';
	b->len += len + 2;
	b->data[b->len] = '\0';
	return 0;
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

/* Byte offset -> code point offset, through a count at every 64th byte. */
struct cpmap {
	const unsigned char *text;
	uint32_t *block;
};

static int cpmap_init(struct cpmap *m, struct dp_doc *doc, const char *text,
                      size_t len)
{
	size_t nb = len / 64 + 2;
	uint32_t cnt = 0;

	m->text = (const unsigned char *)text;
	m->block = dp_arena_alloc(&doc->arena, nb * sizeof *m->block);
	if (!m->block)
		return DP_ENOMEM;
	for (size_t i = 0; i <= len; i++) {
		if ((i & 63) == 0)
			m->block[i >> 6] = cnt;
		if (i < len && (m->text[i] & 0xC0) != 0x80)
			cnt++;
	}
	return 0;
}

static size_t cpmap_get(const struct cpmap *m, size_t off)
{
	size_t base = off & ~(size_t)63;
	size_t cp = m->block[off >> 6];

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

static char *put_raw(char *o, const char *s, size_t n)
{
	memcpy(o, s, n);
	return o + n;
}

/* A key of the key cache (each in a 96-byte slot): short ones copied as
 * one fixed 16-byte move, the bytes past the key overwritten next (the
 * span's reserve has room for them). */
static char *put_key(char *o, const char *k, size_t n)
{
	if (n <= 16)
		memcpy(o, k, 16);
	else
		memcpy(o, k, n);
	return o + n;
}

static char *put_offset(char *o, const struct cpmap *m, size_t off)
{
	return put_u64(o, m ? cpmap_get(m, off) : off);
}

/* One layer as "name":[{...},...]. The keys of its attributes are built
 * once; each span reserves its worst case and writes numbers straight into
 * the buffer (this loop writes most of the output bytes). */
/* Short string values (token kinds, date types...) repeat on most spans:
 * each is escaped once per document and then copied. */
#define JCACHE_MAX 48

struct jcache {
	uint32_t *off;      /* per interned id: offset in doc->jesc, or ~0 */
	uint16_t *len;
	uint32_t n;
};

static int jcache_init(struct jcache *c, struct dp_doc *doc)
{
	c->n = doc->nstrs;
	c->off = dp_arena_alloc(&doc->arena, (size_t)c->n * sizeof *c->off);
	c->len = dp_arena_alloc(&doc->arena, (size_t)c->n * sizeof *c->len);
	if (!c->off || !c->len)
		return DP_ENOMEM;
	memset(c->off, 0xff, (size_t)c->n * sizeof *c->off);
	doc->jesc.len = 0;
	return 0;
}

static int write_layer(struct dp_buf *b, const struct dp_doc *doc,
                       const struct dp_layer *l, const struct cpmap *m,
                       const struct cpmap *om, struct jcache *jc)
{
	struct dp_buf *esc = &((struct dp_doc *)doc)->jesc;

	size_t room = 64;
	int ncols = l->ncols;
	struct dp_layer *ml = (struct dp_layer *)l;   /* the key cache */

	if (ncols && !l->jkeys) {
		ml->jkeys = calloc((size_t)ncols * 2, 96);   /* put_key() reads 16 */
		ml->jklen = malloc((size_t)ncols * 2);
		if (!l->jkeys || !l->jklen) {
			free(ml->jkeys);
			free(ml->jklen);
			ml->jkeys = NULL;
			ml->jklen = NULL;
			return DP_ENOMEM;
		}
		for (int c = 0; c < ncols; c++) {
			const struct dp_column *col = &l->cols[c];
			char *k0 = ml->jkeys + (2 * c) * 96;
			char *k1 = ml->jkeys + (2 * c + 1) * 96;
			if (col->type == DP_ATTR_SPAN) {
				ml->jklen[2 * c] = (uint8_t)snprintf(
					k0, 96, ",\"%s_start\":", col->name);
				ml->jklen[2 * c + 1] = (uint8_t)snprintf(
					k1, 96, ",\"%s_end\":", col->name);
			} else {
				ml->jklen[2 * c] = (uint8_t)snprintf(
					k0, 96, ",\"%s\":", col->name);
				ml->jklen[2 * c + 1] = 0;
			}
		}
	}
	for (int c = 0; c < ncols; c++)
		room += l->jklen[2 * c] + l->jklen[2 * c + 1] + 48u +
		        (l->cols[c].type == DP_ATTR_STR ? 6 * JCACHE_MAX + 2 : 0);
	if (dp_json_string(b, l->name, strlen(l->name)) < 0 ||
	    dp_buf_append(b, ":[", 2) < 0)
		return DP_ENOMEM;
	for (size_t i = 0; i < l->n; i++) {
		char *o;

		if (dp_buf_reserve(b, room) < 0)
			return DP_ENOMEM;
		o = b->data + b->len;
		if (i)
			*o++ = ',';
		o = put_raw(o, "{\"start\":", 9);
		o = put_offset(o, m, l->start[i]);
		o = put_raw(o, ",\"end\":", 7);
		o = put_offset(o, m, l->end[i]);
		for (int c = 0; c < ncols; c++) {
			const struct dp_column *col = &l->cols[c];
			o = put_key(o, l->jkeys + (2 * c) * 96, l->jklen[2 * c]);
			if (col->type == DP_ATTR_SPAN) {
				uint32_t sa = col->v.sp[2 * i];
				uint32_t sb = col->v.sp[2 * i + 1];
				if (sa == DP_SPAN_UNSET)
					o = put_raw(o, "null", 4);
				else
					o = put_offset(o, m, sa);
				o = put_key(o, l->jkeys + (2 * c + 1) * 96,
				            l->jklen[2 * c + 1]);
				if (sa == DP_SPAN_UNSET)
					o = put_raw(o, "null", 4);
				else
					o = put_offset(o, m, sb);
			} else if (col->type == DP_ATTR_INT) {
				int64_t v = col->v.i[i];
				if (v == DP_INT_UNSET) {
					o = put_raw(o, "null", 4);
				} else if (om && l == doc->edits && c < 2) {
					/* orig_start, orig_end: offsets into the
					 * original text */
					o = put_offset(o, om, (size_t)v);
				} else {
					if (v < 0) {
						*o++ = '-';
						o = put_u64(o, (uint64_t)0 - (uint64_t)v);
					} else {
						o = put_u64(o, (uint64_t)v);
					}
				}
			} else {
				uint32_t id = col->v.s[i];
				const struct dp_str *str = dp_doc_str(doc, id);
				if (!str) {
					o = put_raw(o, "null", 4);
				} else if (str->len <= JCACHE_MAX && id < jc->n) {
					if (jc->off[id] == UINT32_MAX) {
						size_t at = esc->len;
						if (json_short(esc, str->p,
						               str->len) < 0)
							return DP_ENOMEM;
						jc->off[id] = (uint32_t)at;
						jc->len[id] = (uint16_t)(esc->len - at);
					}
					o = put_raw(o, esc->data + jc->off[id],
					            jc->len[id]);
				} else {
					b->len = (size_t)(o - b->data);
					if (dp_json_string(b, str->p, str->len) < 0 ||
					    dp_buf_reserve(b, room) < 0)
						return DP_ENOMEM;
					o = b->data + b->len;
				}
			}
		}
		*o++ = '}';
		b->len = (size_t)(o - b->data);
	}
	if (dp_buf_putc(b, ']') < 0)
		return DP_ENOMEM;
	b->data[b->len] = '\0';
	return 0;
}

static bool wanted(const struct dp_json_opts *o, const char *name)
{
	if (!o->layers)
		return true;
	for (size_t i = 0; i < o->nlayers; i++)
		if (strcmp(o->layers[i], name) == 0)
			return true;
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

	if (jcache_init(&jc, doc) < 0)
		return DP_ENOMEM;

	if (o->offsets == DP_OFFSETS_CODEPOINTS) {
		if (cpmap_init(&map, doc, doc->text, doc->len) < 0 ||
		    cpmap_init(&omap, doc, dp_doc_orig_text(doc, NULL),
		               doc->orig_len) < 0)
			return DP_ENOMEM;
		m = &map;
		om = &omap;
	}
	rc |= LIT(b, "{\"id\":");
	rc |= dp_json_string(b, doc->id, strlen(doc->id));
	rc |= LIT(b, ",\"status\":\"ok\",\"meta\":");
	if (doc->meta)
		rc |= dp_json_value(b, doc->meta);
	else
		rc |= dp_buf_append(b, doc->meta_raw.data, doc->meta_raw.len);
	if (o->with_text) {
		rc |= LIT(b, ",\"text\":");
		rc |= dp_json_string(b, doc->text, doc->len);
	}
	rc |= LIT(b, ",\"layers\":{");
	bool first = true;
	/* the edits layer first, then the others in creation order */
	if (doc->edits && doc->edits->present && wanted(o, "edits")) {
		rc |= write_layer(b, doc, doc->edits, m, om, &jc);
		first = false;
	}
	for (size_t i = 0; i < doc->nlayers && rc == 0; i++) {
		const struct dp_layer *l = doc->layers[i];
		if (!l->present || l == doc->edits || !wanted(o, l->name))
			continue;
		if (!first)
			rc |= dp_buf_putc(b, ',');
		rc |= write_layer(b, doc, l, m, om, &jc);
		first = false;
	}
	rc |= dp_buf_putc(b, '}');
	if (doc->dropped) {
		rc |= LIT(b, ",\"dropped_spans\":");
		rc |= dp_json_int(b, (int64_t)doc->dropped);
	}
	rc |= write_stamp(b, o);
	rc |= LIT(b, "}\n");
	return rc ? DP_ENOMEM : 0;
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
