/*
 * test_json_write.c - the JSON writer's fast paths against a plain
 * byte-by-byte reference: the 32/16-byte escape loop and its tail at every
 * length and escape position (inputs allocated to their exact size, so that
 * ASan sees any read past them), the short-string copy of layer values (two
 * overlapping loads from each end, 0..JCACHE_MAX bytes and beyond), the
 * per-document cache of escaped values, the inline digit routine at every
 * digit-count boundary, the cached "name": of a layer, and the map from
 * byte to code point offsets.
 */
#include "config.h"
#include "core/json_write.h"
#include "testutil.h"

/* the reference: the escaping rules of docproc JSON Lines v1, byte by byte */
static void ref_escape(struct dp_buf *b, const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	char tmp[8];

	assert_int_equal(dp_buf_append(b, "\"", 1), 0);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = s[i];
		const char *e = NULL;
		switch (c) {
		case '"': e = "\\\""; break;
		case '\\': e = "\\\\"; break;
		case '\n': e = "\\n"; break;
		case '\r': e = "\\r"; break;
		case '\t': e = "\\t"; break;
		case '\b': e = "\\b"; break;
		case '\f': e = "\\f"; break;
		default:
			if (c < 0x20) {
				snprintf(tmp, sizeof tmp, "\\u%04x", c);
				e = tmp;
			} else if (c == 0xE2 && i + 2 < len && s[i + 1] == 0x80 &&
			           (s[i + 2] == 0xA8 || s[i + 2] == 0xA9)) {
				e = s[i + 2] == 0xA8 ? "\\u2028" : "\\u2029";
				i += 2;
			}
		}
		if (e)
			assert_int_equal(dp_buf_append(b, e, strlen(e)), 0);
		else
			assert_int_equal(dp_buf_append(b, &s[i], 1), 0);
	}
	assert_int_equal(dp_buf_append(b, "\"", 1), 0);
}

/* the inserts: each needs an escape or a look, or is plain UTF-8 */
static const char *const inserts[] = {
	"\"", "\\", "\n", "\x01", "\x1f", "\t",
	"\xe2\x80\xa8", "\xe2\x80\xa9",    /* U+2028, U+2029: escaped */
	"\xe2\x82\xac",                    /* U+20AC: E2 lead, copied */
	"\xc3\xa9", " ", "!", "#",         /* plain: no escape */
};
#define NINSERTS (sizeof inserts / sizeof inserts[0])

/* 'a' * len with @ins at @at (clipped to len), in a block of exactly the
 * string's size */
static char *make_string(size_t len, size_t at, const char *ins, size_t *outlen)
{
	size_t il = ins ? strlen(ins) : 0;
	size_t n = len + il;
	char *s = malloc(n ? n : 1);

	assert_non_null(s);
	memset(s, 'a', n);
	if (ins)
		memcpy(s + (at < len ? at : len), ins, il);
	*outlen = n;
	return s;
}

static void check_string(const char *s, size_t n)
{
	struct dp_buf got = {0}, want = {0};

	assert_int_equal(dp_json_string(&got, s, n), 0);
	ref_escape(&want, s, n);
	assert_int_equal(got.len, want.len);
	assert_memory_equal(got.data, want.data, want.len);
	assert_int_equal(got.data[got.len], '\0');
	dp_buf_free(&got);
	dp_buf_free(&want);
}

/* every length up to 100 (both loops and the tail), every insert at every
 * position: the block edges, the end of text, multi-byte characters across
 * the 16- and 32-byte boundaries */
static void test_escape_every_position(void **state)
{
	(void)state;
	for (size_t len = 0; len <= 100; len++) {
		size_t n;
		char *s = make_string(len, 0, NULL, &n);
		check_string(s, n);
		free(s);
		for (size_t k = 0; k < NINSERTS; k++)
			for (size_t at = 0; at <= len; at++) {
				s = make_string(len, at, inserts[k], &n);
				check_string(s, n);
				free(s);
			}
	}
	/* several escapes in one block, and runs of them */
	static const char nl[] = "\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n"
	                         "\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n";
	static const char mix[] = "a\"b\\c\nd\x02" "e\xe2\x80\xa8"
	                          "f\xe2\x80\xa9g\xe2\x80" "h\xe2";
	char *s = malloc(sizeof nl - 1);
	assert_non_null(s);
	memcpy(s, nl, sizeof nl - 1);
	check_string(s, sizeof nl - 1);
	free(s);
	s = malloc(sizeof mix - 1);
	assert_non_null(s);
	memcpy(s, mix, sizeof mix - 1);
	check_string(s, sizeof mix - 1);
	free(s);
}

/* A document whose layer "v" has one string attribute set to each of
 * @vals (each twice, in two passes, so that the second pass copies the
 * cached form); the layer's JSON must be the reference's. */
static void check_layer_strings(char **vals, size_t *lens, size_t nvals)
{
	static const struct dp_attr_def a[] = {{"s", DP_ATTR_STR},
	                                       {"t", DP_ATTR_STR}};
	struct dp_doc *doc = dp_doc_new();
	struct dp_json_opts o = {.with_text = false};
	struct dp_buf got = {0}, want = {0};

	assert_non_null(doc);
	assert_int_equal(dp_doc_reset(doc, "x", "abc", 3, NULL, 0), 0);
	struct dp_layer *l = dp_layer_create(doc, "v", a, 2);
	assert_non_null(l);
	assert_int_equal(dp_buf_append(&want, "\"v\":[", 5), 0);
	for (size_t pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < nvals; i++) {
			size_t k = pass * nvals + i;
			char head[64];
			int r = dp_layer_add(l, 0, 1);
			assert_true(r >= 0);
			assert_int_equal(dp_layer_set_str(l, (size_t)r, 0, vals[i],
			                                  lens[i]), 0);
			/* the second attribute: the same value one span
			 * later, or unset (null) */
			if (i % 3 != 2 && i > 0)
				assert_int_equal(dp_layer_set_str(
					l, (size_t)r, 1, vals[i - 1],
					lens[i - 1]), 0);
			snprintf(head, sizeof head, "%s{\"start\":0,\"end\":1,"
			         "\"s\":", k ? "," : "");
			assert_int_equal(dp_buf_append(&want, head,
			                               strlen(head)), 0);
			ref_escape(&want, vals[i], lens[i]);
			assert_int_equal(dp_buf_append(&want, ",\"t\":", 5), 0);
			if (i % 3 != 2 && i > 0)
				ref_escape(&want, vals[i - 1], lens[i - 1]);
			else
				assert_int_equal(dp_buf_append(&want, "null",
				                               4), 0);
			assert_int_equal(dp_buf_append(&want, "}", 1), 0);
		}
	assert_int_equal(dp_buf_append(&want, "]", 1), 0);
	assert_int_equal(dp_json_write_doc(&got, doc, &o), 0);
	assert_int_equal(strlen(got.data), got.len);
	assert_contains(got.data, want.data);
	dp_buf_free(&got);
	dp_buf_free(&want);
	dp_doc_free(doc);
}

/* layer values of 0..60 bytes (the short copy's four classes and the
 * general path past JCACHE_MAX), each insert at each position */
static void test_layer_string_values(void **state)
{
	(void)state;
	for (size_t len = 0; len <= 60; len++) {
		char *vals[NINSERTS * 62 + 1];
		size_t lens[NINSERTS * 62 + 1], n = 0;
		vals[n] = make_string(len, 0, NULL, &lens[n]);
		n++;
		for (size_t k = 0; k < NINSERTS; k++)
			for (size_t at = 0; at <= len; at += 1 + len / 16) {
				vals[n] = make_string(len, at, inserts[k],
				                      &lens[n]);
				n++;
			}
		check_layer_strings(vals, lens, n);
		for (size_t i = 0; i < n; i++)
			free(vals[i]);
	}
}

/* offsets and integers at every digit-count boundary */
static void test_numbers(void **state)
{
	static const struct dp_attr_def a[] = {{"n", DP_ATTR_INT},
	                                       {"r", DP_ATTR_SPAN}};
	static const uint32_t offs[] = {
		0, 1, 9, 10, 11, 99, 100, 101, 999, 1000, 1001, 9999, 10000,
		10001, 99999, 100000, 100001, 999999, 1000000, 1000001};
	static const int64_t ints[] = {
		0, 1, -1, 9, -9, 10, -10, 99, 100, 999, 1000, 9999, 10000,
		99999, 100000, 999999, 1000000, 1000001, 4294967295LL,
		4294967296LL, -4294967296LL, INT64_MAX, INT64_MIN + 1};
	size_t noffs = sizeof offs / sizeof offs[0];
	size_t nints = sizeof ints / sizeof ints[0];
	size_t tlen = 1000001;
	char *text = malloc(tlen);
	struct dp_doc *doc = dp_doc_new();
	struct dp_json_opts o = {.with_text = false};
	struct dp_buf got = {0}, want = {0};
	char tmp[160];

	(void)state;
	assert_non_null(text);
	assert_non_null(doc);
	memset(text, 'a', tlen);
	assert_int_equal(dp_doc_reset(doc, "x", text, tlen, NULL, 0), 0);
	struct dp_layer *l = dp_layer_create(doc, "num", a, 2);
	assert_non_null(l);
	assert_int_equal(dp_buf_append(&want, "\"num\":[", 7), 0);
	for (size_t i = 0; i < noffs * nints; i++) {
		uint32_t s = offs[i % noffs], e = offs[(i / 3) % noffs];
		int64_t v = ints[i % nints];
		if (e < s) {
			uint32_t t = s;
			s = e;
			e = t;
		}
		int r = dp_layer_add(l, s, e);
		assert_true(r >= 0);
		assert_int_equal(dp_layer_set_int(l, (size_t)r, 0, v), 0);
		if (i % 4)
			assert_int_equal(dp_layer_set_span(l, (size_t)r, 1, e,
			                                   e), 0);
		char sp[64];
		if (i % 4)
			snprintf(sp, sizeof sp, "%u,\"r_end\":%u",
			         (unsigned)e, (unsigned)e);
		else
			snprintf(sp, sizeof sp, "null,\"r_end\":null");
		snprintf(tmp, sizeof tmp, "{\"start\":%u,\"end\":%u,\"n\":%lld,"
		         "\"r_start\":%s}", (unsigned)s, (unsigned)e,
		         (long long)v, sp);
		assert_int_equal(dp_buf_append(&want, tmp, strlen(tmp)), 0);
	}
	assert_int_equal(dp_buf_append(&want, "]", 1), 0);
	/* the layer's rows come out in start order: compare the set of
	 * rows, row by row */
	assert_int_equal(dp_json_write_doc(&got, doc, &o), 0);
	const char *p = strstr(got.data, "\"num\":[");
	assert_non_null(p);
	p += 7;
	size_t rows = 0;
	for (const char *q = p; *q && *q != ']'; rows++) {
		const char *end = strchr(q, '}');
		assert_non_null(end);
		size_t n = (size_t)(end + 1 - q);
		assert_true(n < sizeof tmp);
		memcpy(tmp, q, n);
		tmp[n] = '\0';
		assert_contains(want.data, tmp);
		q = end + 1;
		if (*q == ',')
			q++;
	}
	assert_int_equal(rows, noffs * nints);
	dp_buf_free(&got);
	dp_buf_free(&want);
	dp_doc_free(doc);
	free(text);
}

/* the layer's "name": is cached with its keys: long names (past the
 * 96-byte slot) and empty layers ("[]") too, over several documents */
static void test_layer_names(void **state)
{
	static const struct dp_attr_def a[] = {{"k", DP_ATTR_STR}};
	char longname[201];
	struct dp_doc *doc = dp_doc_new();
	struct dp_json_opts o = {.with_text = false};

	(void)state;
	assert_non_null(doc);
	memset(longname, 'n', 200);
	longname[200] = '\0';
	for (int d = 0; d < 3; d++) {
		struct dp_buf got = {0};
		assert_int_equal(dp_doc_reset(doc, "x", "abcd", 4, NULL, 0), 0);
		struct dp_layer *s = dp_layer_create(doc, "short", a, 1);
		struct dp_layer *g = dp_layer_create(doc, longname, a, 1);
		struct dp_layer *e = dp_layer_create(doc, "none", NULL, 0);
		assert_non_null(s);
		assert_non_null(e);
		if (g) {
			assert_int_equal(dp_layer_add(g, 1, 2), 0);
			assert_int_equal(dp_layer_set_str(g, 0, 0, "v", 1), 0);
		}
		if (d != 1)
			assert_int_equal(dp_layer_add(s, 0, 4), 0);
		assert_int_equal(dp_json_write_doc(&got, doc, &o), 0);
		if (d != 1)
			assert_contains(got.data, "\"short\":[{\"start\":0,"
			                "\"end\":4,\"k\":null}]");
		else
			assert_contains(got.data, "\"short\":[]");
		assert_contains(got.data, "\"none\":[]");
		if (g) {
			char want[300];
			snprintf(want, sizeof want, "\"%s\":[{\"start\":1,"
			         "\"end\":2,\"k\":\"v\"}]", longname);
			assert_contains(got.data, want);
		}
		dp_buf_free(&got);
	}
	dp_doc_free(doc);
}

/* offsets as code points: texts of 0..300 bytes mixing 1- to 4-byte
 * characters, a span at every character boundary (both ends of the
 * 8-byte words and 64-byte blocks of the map, and the end of the text) */
static void test_codepoint_offsets(void **state)
{
	static const char *const chars[] = {"a", "\xc3\xa9", "\xe2\x82\xac",
	                                    "\xf0\x9f\x98\x80", " "};
	uint64_t seed = 7;
	struct dp_json_opts o = {.with_text = false,
	                         .offsets = DP_OFFSETS_CODEPOINTS};

	(void)state;
	for (size_t target = 0; target <= 300; target += 1 + target / 40) {
		char text[320];
		size_t len = 0;
		while (len < target) {
			const char *c = chars[test_rand(&seed) % 5];
			size_t n = strlen(c);
			if (len + n > target)
				c = "b", n = 1;
			memcpy(text + len, c, n);
			len += n;
		}
		struct dp_doc *doc = dp_doc_new();
		struct dp_buf got = {0}, want = {0};
		assert_non_null(doc);
		assert_int_equal(dp_doc_reset(doc, "x", text, len, NULL, 0), 0);
		struct dp_layer *l = dp_layer_create(doc, "cp", NULL, 0);
		assert_non_null(l);
		assert_int_equal(dp_buf_append(&want, "\"cp\":[", 6), 0);
		size_t cps = 0, nspans = 0;
		for (size_t k = 0; k <= len; k++) {
			if (k < len && ((unsigned char)text[k] & 0xC0) == 0x80)
				continue;
			char row[64];
			assert_true(dp_layer_add(l, k, k) >= 0);
			snprintf(row, sizeof row, "%s{\"start\":%zu,\"end\":%zu}",
			         nspans++ ? "," : "", cps, cps);
			assert_int_equal(dp_buf_append(&want, row, strlen(row)),
			                 0);
			cps++;
		}
		assert_int_equal(dp_buf_append(&want, "]", 1), 0);
		assert_int_equal(dp_json_write_doc(&got, doc, &o), 0);
		assert_contains(got.data, want.data);
		dp_buf_free(&got);
		dp_buf_free(&want);
		dp_doc_free(doc);
	}
}

/* a layer of nine attributes of every type (past the six written at
 * places of their own), in byte and in code point offsets */
static void test_many_columns(void **state)
{
	static const struct dp_attr_def a[] = {
		{"s0", DP_ATTR_STR}, {"i1", DP_ATTR_INT}, {"p2", DP_ATTR_SPAN},
		{"s3", DP_ATTR_STR}, {"i4", DP_ATTR_INT}, {"s5", DP_ATTR_STR},
		{"p6", DP_ATTR_SPAN}, {"s7", DP_ATTR_STR}, {"i8", DP_ATTR_INT}};
	const char *text = "\xc3\xa9t\xc3\xa9 abc";   /* été abc */
	size_t len = strlen(text);

	(void)state;
	for (int mode = 0; mode < 2; mode++) {
		struct dp_json_opts o = {.with_text = false};
		struct dp_doc *doc = dp_doc_new();
		struct dp_buf got = {0};
		char want[1024];
		if (mode)
			o.offsets = DP_OFFSETS_CODEPOINTS;
		assert_non_null(doc);
		assert_int_equal(dp_doc_reset(doc, "x", text, len, NULL, 0), 0);
		struct dp_layer *l = dp_layer_create(doc, "many", a, 9);
		assert_non_null(l);
		for (int r = 0; r < 2; r++) {
			int k = dp_layer_add(l, r ? 6 : 0, r ? 9 : 5);
			assert_true(k >= 0);
			assert_int_equal(dp_layer_set_str(l, (size_t)k, 0, "a", 1), 0);
			assert_int_equal(dp_layer_set_int(l, (size_t)k, 1, -r), 0);
			assert_int_equal(dp_layer_set_span(l, (size_t)k, 2, 0, 5), 0);
			assert_int_equal(dp_layer_set_str(l, (size_t)k, 3, "b\"", 2), 0);
			if (r)
				assert_int_equal(dp_layer_set_int(l, (size_t)k, 4,
				                                  123456789012LL), 0);
			assert_int_equal(dp_layer_set_str(l, (size_t)k, 5, "a", 1), 0);
			if (!r)
				assert_int_equal(dp_layer_set_span(l, (size_t)k, 6,
				                                   6, 9), 0);
			assert_int_equal(dp_layer_set_str(l, (size_t)k, 7,
			                                  r ? "b\"" : "cc", 2), 0);
			assert_int_equal(dp_layer_set_int(l, (size_t)k, 8, 10 + r),
			                 0);
		}
		/* é is 2 bytes: byte 5 is code point 3, 6 is 4, 9 is 7 */
		snprintf(want, sizeof want,
		         "\"many\":[{\"start\":0,\"end\":%d,\"s0\":\"a\",\"i1\":0,"
		         "\"p2_start\":0,\"p2_end\":%d,\"s3\":\"b\\\"\",\"i4\":null,"
		         "\"s5\":\"a\",\"p6_start\":%d,\"p6_end\":%d,\"s7\":\"cc\","
		         "\"i8\":10},{\"start\":%d,\"end\":%d,\"s0\":\"a\",\"i1\":-1,"
		         "\"p2_start\":0,\"p2_end\":%d,\"s3\":\"b\\\"\","
		         "\"i4\":123456789012,\"s5\":\"a\",\"p6_start\":null,"
		         "\"p6_end\":null,\"s7\":\"b\\\"\",\"i8\":11}]",
		         mode ? 3 : 5, mode ? 3 : 5, mode ? 4 : 6, mode ? 7 : 9,
		         mode ? 4 : 6, mode ? 7 : 9, mode ? 3 : 5);
		assert_int_equal(dp_json_write_doc(&got, doc, &o), 0);
		assert_contains(got.data, want);
		dp_buf_free(&got);
		dp_doc_free(doc);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape_every_position),
		cmocka_unit_test(test_layer_string_values),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_layer_names),
		cmocka_unit_test(test_codepoint_offsets),
		cmocka_unit_test(test_many_columns),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
