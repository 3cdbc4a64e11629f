/*
 * test_json.c - JSON Lines in and out: escaping round trips through
 * jansson (every control character, quotes, backslashes, U+2028/2029,
 * astral-plane characters), integers, whole records, and the input reader.
 */
#include "config.h"
#include "core/json_read.h"
#include "core/json_write.h"
#include "testutil.h"

/* writes @s with the core's writer, parses it back with jansson */
static void round_trip(const char *s, size_t len)
{
	struct dp_buf b = {0};
	json_error_t jerr;
	json_t *v;

	assert_int_equal(dp_json_string(&b, s, len), 0);
	/* the output is plain JSON text: no raw control characters, and
	 * no raw U+2028/U+2029 either */
	for (size_t i = 0; i < b.len; i++) {
		unsigned char c = (unsigned char)b.data[i];
		assert_true(c >= 0x20);
		if (c == 0xE2 && i + 2 < b.len && (unsigned char)b.data[i + 1] == 0x80 &&
		    ((unsigned char)b.data[i + 2] == 0xA8 || (unsigned char)b.data[i + 2] == 0xA9))
			print_error("raw U+2028/9 at %zu of %zu for input of %zu bytes\n", i, b.len, len);
		if (c == 0xE2 && i + 2 < b.len)
			assert_false((unsigned char)b.data[i + 1] == 0x80 &&
			             ((unsigned char)b.data[i + 2] == 0xA8 ||
			              (unsigned char)b.data[i + 2] == 0xA9));
	}
	assert_int_equal(strlen(b.data), b.len);
	v = json_loadb(b.data, b.len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &jerr);
	if (!v) {
		print_error("jansson: %s in %s\n", jerr.text, b.data);
		fail();
	}
	assert_true(json_is_string(v));
	assert_int_equal(json_string_length(v), len);
	assert_memory_equal(json_string_value(v), s, len);
	json_decref(v);
	dp_buf_free(&b);
}

static void test_escape_control_characters(void **state)
{
	char s[3];
	struct dp_buf b = {0};

	for (int c = 0; c < 0x20; c++) {
		s[0] = 'a';
		s[1] = (char)c;
		s[2] = 'z';
		round_trip(s, 3);
	}
	/* all of them at once, and the short escapes */
	char all[0x20];
	for (int c = 0; c < 0x20; c++)
		all[c] = (char)c;
	round_trip(all, sizeof all);
	assert_int_equal(dp_json_string(&b, "\"\\\n\r\t\b\f\x01\x1f", 9), 0);
	assert_string_equal(b.data,
	                    "\"\\\"\\\\\\n\\r\\t\\b\\f\\u0001\\u001f\"");
	b.len = 0;
	assert_int_equal(dp_json_string(&b, "", 0), 0);
	assert_string_equal(b.data, "\"\"");
	b.len = 0;
	/* DEL and '/' need no escape */
	assert_int_equal(dp_json_string(&b, "/\x7f", 2), 0);
	assert_string_equal(b.data, "\"/\x7f\"");
	dp_buf_free(&b);
	round_trip("\"", 1);
	round_trip("\\", 1);
	round_trip("\\\"\\\"", 4);
}

static void test_escape_unicode(void **state)
{
	struct dp_buf b = {0};
	/* U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR */
	const char *ls = "a\xe2\x80\xa8" "b\xe2\x80\xa9" "c";

	round_trip(ls, strlen(ls));
	assert_int_equal(dp_json_string(&b, ls, strlen(ls)), 0);
	assert_string_equal(b.data, "\"a\\u2028b\\u2029c\"");
	b.len = 0;
	/* other E2 80 xx characters pass through: an em dash, U+2027 */
	assert_int_equal(dp_json_string(&b, "\xe2\x80\x94\xe2\x80\xa7", 6), 0);
	assert_string_equal(b.data, "\"\xe2\x80\x94\xe2\x80\xa7\"");
	dp_buf_free(&b);
	/* a lone E2 at the very end of a (truncated) buffer */
	round_trip("\xe2\x80\xa8", 3);
	/* astral plane: emoji, musical symbols, the last code point */
	round_trip("\xf0\x9f\x98\x80", 4);                 /* U+1F600 */
	round_trip("\xf0\x9d\x84\x9e x \xf0\x90\x80\x80", 11); /* U+1D11E */
	round_trip("\xf4\x8f\xbf\xbf", 4);                 /* U+10FFFF */
	round_trip("caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac", 12);
	round_trip("nul\0inside", 10);
}

static void test_escape_every_code_point(void **state)
{
	/* every scalar value, in chunks, through the writer and back */
	struct dp_buf s = {0};
	char enc[4];

	for (int32_t cp = 0; cp <= 0x10FFFF; cp++) {
		size_t n = dp_utf8_encode(cp, enc);
		if (cp >= 0xD800 && cp <= 0xDFFF) {
			assert_int_equal(n, 0);
			continue;
		}
		assert_true(n >= 1 && n <= 4);
		assert_int_equal(dp_buf_append(&s, enc, n), 0);
		if (s.len > 60000 || cp == 0x10FFFF) {
			assert_true(dp_utf8_valid(s.data, s.len));
			round_trip(s.data, s.len);
			s.len = 0;
		}
	}
	dp_buf_free(&s);
}

static void test_random_strings(void **state)
{
	static const char *const pieces[] = {
		"a", "\"", "\\", "\n", "\x01", "\x1f", "\x7f", "\xc3\xa9",
		"\xe2\x80\xa8", "\xe2\x80\xa9", "\xe2\x80\x94", "\xef\xbf\xbf",
		"\xf0\x9f\x98\x80", "\xf4\x8f\xbf\xbf", " ", "\t", "/", "u",
	};
	uint64_t seed = 7;
	struct dp_buf s = {0};

	for (int i = 0; i < 2000; i++) {
		size_t n = (size_t)(test_rand(&seed) % 50);
		s.len = 0;
		dp_buf_append(&s, "", 0);
		for (size_t k = 0; k < n; k++) {
			const char *p = pieces[test_rand(&seed) %
			                       (sizeof pieces / sizeof *pieces)];
			dp_buf_append(&s, p, strlen(p));
		}
		round_trip(s.data, s.len);
	}
	dp_buf_free(&s);
}

static void test_integers(void **state)
{
	static const int64_t v[] = {0, 1, 9, 10, 99, 100, 101, 12345, -1, -10,
	                            -99, -100, 4294967295LL, INT64_MAX,
	                            INT64_MIN, INT64_MIN + 1};
	struct dp_buf b = {0};
	char want[32];

	for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
		b.len = 0;
		assert_int_equal(dp_json_int(&b, v[i]), 0);
		snprintf(want, sizeof want, "%lld", (long long)v[i]);
		assert_string_equal(b.data, want);
	}
	dp_buf_free(&b);
}

/* ------------------------------------------------------------- records */

static json_t *parse_line(const struct dp_buf *b)
{
	json_error_t jerr;
	json_t *v;

	assert_true(b->len > 0);
	assert_int_equal(b->data[b->len - 1], '\n');
	assert_null(memchr(b->data, '\n', b->len - 1));
	v = json_loadb(b->data, b->len, 0, &jerr);
	if (!v) {
		print_error("%s: %s\n", jerr.text, b->data);
		fail();
	}
	return v;
}

static void test_write_doc(void **state)
{
	struct dp_doc *doc = dp_doc_new();
	const char *meta_text = "{\"dct\":\"2024-01-08\",\"n\":1.5,"
	                        "\"tags\":[1,\"a\",null],\"o\":{\"k\":true}}";
	json_t *meta = json_loads(meta_text, 0, NULL);
	static const struct dp_attr_def a[] = {
		{"n", DP_ATTR_INT}, {"s", DP_ATTR_STR}, {"ref", DP_ATTR_SPAN}};
	struct dp_stamp st[] = {{"p1", "1.0"}, {"p\"2", "2.0"}};
	struct dp_json_opts o = {.with_text = true, .plugins = st,
	                         .nplugins = 2};
	struct dp_buf b = {0};
	const char *text = "d\xc3\xa9j\xc3\xa0 vu \xf0\x9f\x98\x80!";

	assert_non_null(meta);
	assert_int_equal(dp_doc_reset(doc, "id\"1\n", text, strlen(text),
	                              meta_text, strlen(meta_text)), 0);
	struct dp_layer *l = dp_layer_create(doc, "tok", a, 3);
	assert_int_equal(dp_layer_add(l, 0, 6), 0);         /* déjà */
	assert_int_equal(dp_layer_add(l, 7, 9), 1);         /* vu */
	assert_int_equal(dp_layer_set_int(l, 0, 0, -7), 0);
	assert_int_equal(dp_layer_set_str(l, 0, 1, "q\"\x01", 3), 0);
	assert_int_equal(dp_layer_set_span(l, 1, 2, 0, 6), 0);
	assert_non_null(dp_layer_create(doc, "empty", NULL, 0));
	assert_int_equal(dp_doc_replace(doc, 14, 15, "?", 1, "bang"), 0);

	assert_int_equal(dp_json_write_doc(&b, doc, &o), 0);
	json_t *v = parse_line(&b);
	assert_string_equal(json_string_value(json_object_get(v, "id")),
	                    "id\"1\n");
	assert_string_equal(json_string_value(json_object_get(v, "status")),
	                    "ok");
	assert_null(json_object_get(v, "error"));
	/* meta is written back unchanged, whatever its types */
	assert_true(json_equal(json_object_get(v, "meta"), meta));
	assert_string_equal(json_string_value(json_object_get(v, "text")),
	                    "d\xc3\xa9j\xc3\xa0 vu \xf0\x9f\x98\x80?");
	json_t *layers = json_object_get(v, "layers");
	assert_int_equal(json_object_size(layers), 3);
	/* edits first */
	assert_string_equal(json_object_iter_key(json_object_iter(layers)),
	                    "edits");
	json_t *e0 = json_array_get(json_object_get(layers, "edits"), 0);
	assert_int_equal(json_integer_value(json_object_get(e0, "start")), 14);
	assert_int_equal(json_integer_value(json_object_get(e0, "orig_end")),
	                 15);
	assert_string_equal(json_string_value(json_object_get(e0, "before")),
	                    "!");
	assert_string_equal(json_string_value(json_object_get(e0, "after")),
	                    "?");
	assert_string_equal(json_string_value(json_object_get(e0, "rule")),
	                    "bang");
	json_t *tok = json_object_get(layers, "tok");
	assert_int_equal(json_array_size(tok), 2);
	json_t *t0 = json_array_get(tok, 0), *t1 = json_array_get(tok, 1);
	assert_int_equal(json_integer_value(json_object_get(t0, "end")), 6);
	assert_int_equal(json_integer_value(json_object_get(t0, "n")), -7);
	assert_string_equal(json_string_value(json_object_get(t0, "s")),
	                    "q\"\x01");
	/* unset values are null; span attributes are name_start/name_end */
	assert_true(json_is_null(json_object_get(t0, "ref_start")));
	assert_true(json_is_null(json_object_get(t0, "ref_end")));
	assert_true(json_is_null(json_object_get(t1, "n")));
	assert_true(json_is_null(json_object_get(t1, "s")));
	assert_int_equal(json_integer_value(json_object_get(t1, "ref_end")), 6);
	assert_int_equal(json_array_size(json_object_get(layers, "empty")), 0);
	/* provenance */
	json_t *dpv = json_object_get(v, "docproc");
	assert_string_equal(json_string_value(json_object_get(dpv, "version")),
	                    PACKAGE_VERSION);
	json_t *p1 = json_array_get(json_object_get(dpv, "plugins"), 1);
	assert_string_equal(json_string_value(json_object_get(p1, "name")),
	                    "p\"2");
	assert_null(json_object_get(v, "dropped_spans"));
	json_decref(v);

	/* only some layers, no text, offsets in code points */
	char *only[] = {"tok", "edits"};
	o.layers = only;
	o.nlayers = 2;
	o.with_text = false;
	o.offsets = DP_OFFSETS_CODEPOINTS;
	b.len = 0;
	assert_int_equal(dp_json_write_doc(&b, doc, &o), 0);
	v = parse_line(&b);
	assert_null(json_object_get(v, "text"));
	layers = json_object_get(v, "layers");
	assert_int_equal(json_object_size(layers), 2);
	t1 = json_array_get(json_object_get(layers, "tok"), 1);
	assert_int_equal(json_integer_value(json_object_get(t1, "start")), 5);
	assert_int_equal(json_integer_value(json_object_get(t1, "end")), 7);
	assert_int_equal(json_integer_value(json_object_get(t1, "ref_end")), 4);
	e0 = json_array_get(json_object_get(layers, "edits"), 0);
	assert_int_equal(json_integer_value(json_object_get(e0, "start")), 9);
	assert_int_equal(json_integer_value(json_object_get(e0, "orig_start")),
	                 9);
	assert_int_equal(json_integer_value(json_object_get(e0, "orig_end")),
	                 10);
	json_decref(v);

	/* a span an edit removed is counted in the record */
	assert_int_equal(dp_doc_replace(doc, 7, 9, "", 0, "drop.vu"), 0);
	b.len = 0;
	assert_int_equal(dp_json_write_doc(&b, doc, &o), 0);
	v = parse_line(&b);
	assert_int_equal(json_integer_value(json_object_get(v, "dropped_spans")),
	                 1);
	assert_int_equal(json_array_size(json_object_get(
		json_object_get(v, "layers"), "tok")), 1);
	json_decref(v);

	dp_buf_free(&b);
	json_decref(meta);
	dp_doc_free(doc);
}

/* The record depends on the document only, not on what the same record
 * object held before: a worker that saw other documents first must write
 * the same bytes (-j 1 and -j N are byte-identical). Layers come in the
 * order the document created them. */
static void test_write_doc_independent_of_history(void **state)
{
	struct dp_doc *fresh = dp_doc_new(), *used = dp_doc_new();
	struct dp_json_opts o = {.with_text = true};
	struct dp_buf b1 = {0}, b2 = {0};
	static const char *const order[][3] = {
		{"w", NULL}, {"m", "w", NULL}, {"w", "m", NULL}, {"z", "m", "w"},
	};

	/* the used record saw documents with other layers, in other orders */
	for (size_t k = 0; k < 4; k++) {
		assert_int_equal(dp_doc_reset(used, "old", "abc", 3, NULL, 0), 0);
		for (size_t i = 0; i < 3 && order[k][i]; i++)
			assert_non_null(dp_layer_create(used, order[k][i], NULL, 0));
	}
	struct dp_doc *docs[] = {fresh, used};
	struct dp_buf *out[] = {&b1, &b2};
	for (int d = 0; d < 2; d++) {
		assert_int_equal(dp_doc_reset(docs[d], "new", "abc", 3, NULL, 0), 0);
		struct dp_layer *m = dp_layer_create(docs[d], "m", NULL, 0);
		struct dp_layer *w = dp_layer_create(docs[d], "w", NULL, 0);
		assert_int_equal(dp_layer_add(m, 0, 1), 0);
		assert_int_equal(dp_layer_add(w, 1, 2), 0);
		assert_int_equal(dp_json_write_doc(out[d], docs[d], &o), 0);
	}
	assert_string_equal(b1.data, b2.data);
	assert_non_null(strstr(b1.data, "\"layers\":{\"m\":"));
	dp_buf_free(&b1);
	dp_buf_free(&b2);
	dp_doc_free(fresh);
	dp_doc_free(used);
}

static void test_write_error(void **state)
{
	struct dp_json_opts o = {0};
	struct dp_buf b = {0};
	const char *meta_text = "{\"dct\": \"x\"}";
	json_t *meta = json_loads(meta_text, 0, NULL);

	assert_int_equal(dp_json_write_error(&b, "d1", "plug", "it \"broke\"\n",
	                                     "in.jsonl", 7, meta_text,
	                                     strlen(meta_text), "ok text", 7,
	                                     &o), 0);
	json_t *v = parse_line(&b);
	assert_string_equal(json_string_value(json_object_get(v, "status")),
	                    "error");
	json_t *e = json_object_get(v, "error");
	assert_string_equal(json_string_value(json_object_get(e, "plugin")),
	                    "plug");
	assert_string_equal(json_string_value(json_object_get(e, "message")),
	                    "it \"broke\"\n");
	json_t *in = json_object_get(v, "input");
	assert_string_equal(json_string_value(json_object_get(in, "source")),
	                    "in.jsonl");
	assert_int_equal(json_integer_value(json_object_get(in, "line")), 7);
	assert_true(json_equal(json_object_get(v, "meta"), meta));
	assert_string_equal(json_string_value(json_object_get(v, "text")),
	                    "ok text");
	json_decref(v);
	/* no id, invalid text (left out), no meta */
	b.len = 0;
	assert_int_equal(dp_json_write_error(&b, NULL, "docproc", "bad",
	                                     "x.txt", 0, NULL, 0, "\xff", 1, &o),
	                 0);
	v = parse_line(&b);
	assert_true(json_is_null(json_object_get(v, "id")));
	assert_null(json_object_get(v, "text"));
	assert_int_equal(json_object_size(json_object_get(v, "meta")), 0);
	json_decref(v);
	json_decref(meta);
	dp_buf_free(&b);
}

/* --------------------------------------------------------------- input */

static struct dp_in_doc d;   /* buffers reused from call to call */
static char msg[512];

static int read_line_len(const char *line, size_t len)
{
	dp_in_doc_release(&d);
	msg[0] = '\0';
	return dp_json_read_doc(line, len, "dir/in.jsonl", 12, &d, msg,
	                        sizeof msg);
}

static int read_line(const char *line)
{
	return read_line_len(line, strlen(line));
}

static void test_read_doc(void **state)
{
	assert_int_equal(read_line("{\"id\":\"a\",\"text\":\"T\\u00e9\\ud83d"
	                           "\\ude00\",\"meta\":{\"dct\":\"2024\","
	                           "\"n\":[1]},\"extra\":{\"ignored\":[1,"
	                           "true,null,-2.5e3,\"x\"]}}"), 0);
	assert_string_equal(d.id, "a");
	assert_int_equal(d.len, 7);
	assert_string_equal(d.text, "T\xc3\xa9\xf0\x9f\x98\x80");
	assert_non_null(d.meta);
	json_t *m = json_loadb(d.meta, d.meta_len, 0, NULL);
	assert_non_null(m);
	assert_int_equal(json_object_size(m), 2);
	json_decref(m);
	/* integer ids, NUL inside the text, null meta, whitespace */
	assert_int_equal(read_line(" { \"id\" : -42 , \"text\" : \"a\\u0000b\" ,"
	                           " \"meta\" : null } \r"), 0);
	assert_string_equal(d.id, "-42");
	assert_int_equal(d.len, 3);
	assert_memory_equal(d.text, "a\0b", 3);
	assert_null(d.meta);
	/* default id, empty text, member order does not matter */
	assert_int_equal(read_line("{\"meta\":{},\"text\":\"\"}"), 0);
	assert_string_equal(d.id, "in.jsonl:12");
	assert_int_equal(d.len, 0);
	assert_string_equal(d.text, "");
	assert_int_equal(read_line("{\"text\":\"x\",\"id\":null}"), 0);
	assert_string_equal(d.id, "in.jsonl:12");
	/* every escape */
	assert_int_equal(read_line("{\"id\":\"\\\"q\\\"\",\"text\":\"\\\"\\\\\\/"
	                           "\\b\\f\\n\\r\\t\\u0041\\u00E9\\u20ac\"}"), 0);
	assert_string_equal(d.id, "\"q\"");
	assert_string_equal(d.text, "\"\\/\b\f\n\r\tA\xc3\xa9\xe2\x82\xac");
	/* raw multi-byte UTF-8 and a long text (the buffers grow) */
	struct dp_buf b = {0};
	dp_buf_printf(&b, "{\"id\":\"long\",\"text\":\"");
	for (int i = 0; i < 20000; i++)
		dp_buf_printf(&b, "caf\xc3\xa9 \\\"%d\\\" ", i);
	dp_buf_printf(&b, "\"}");
	assert_int_equal(read_line_len(b.data, b.len), 0);
	assert_true(d.len > 200000);
	assert_true(dp_utf8_valid(d.text, d.len));
	assert_memory_equal(d.text, "caf\xc3\xa9 \"0\" caf", 12);
	dp_buf_free(&b);
}

static void expect_bad(const char *line, const char *want)
{
	if (read_line(line) != DP_EINVAL) {
		print_error("accepted: %s\n", line);
		fail();
	}
	assert_contains(msg, "dir/in.jsonl:12");
	assert_contains(msg, want);
}

static void test_read_doc_errors(void **state)
{
	expect_bad("{\"id\":\"a\",\"text\":\"x\"", "dir/in.jsonl:12:");
	expect_bad("{\"id\":\"a\",\"text\":\"x\"} trailing", "invalid JSON");
	expect_bad("[1,2]", "expected a JSON object");
	expect_bad("", "dir/in.jsonl:12:");
	expect_bad("{\"id\":\"a\"}", "document \"a\": missing \"text\"");
	assert_string_equal(d.id, "a");
	expect_bad("{\"id\":\"a\",\"text\":3}", "\"text\" must be a string");
	expect_bad("{\"id\":[],\"text\":\"x\"}",
	           "\"id\" must be a string or an integer");
	expect_bad("{\"id\":1.5,\"text\":\"x\"}",
	           "\"id\" must be a string or an integer");
	expect_bad("{\"id\":\"a\",\"text\":\"x\",\"meta\":[]}",
	           "\"meta\" must be an object");
	expect_bad("{\"id\":\"a\",\"text\":\"x\",\"meta\":\"s\"}",
	           "\"meta\" must be an object");
	/* invalid UTF-8, raw or as lone surrogates */
	expect_bad("{\"id\":\"a\",\"text\":\"x\xff\"}", "dir/in.jsonl:12:");
	expect_bad("{\"id\":\"a\",\"text\":\"\xc0\xaf\"}", "UTF-8");
	expect_bad("{\"id\":\"a\",\"text\":\"\xed\xa0\x80\"}", "UTF-8");
	expect_bad("{\"id\":\"a\",\"text\":\"\\ud800\"}", "surrogate");
	expect_bad("{\"id\":\"a\",\"text\":\"\\udc00\"}", "surrogate");
	expect_bad("{\"id\":\"a\",\"text\":\"\\ud800\\u0041\"}", "dir/in.jsonl:12:");
	expect_bad("{\"id\":\"a\",\"text\":\"\\u12\"}", "dir/in.jsonl:12:");
	expect_bad("{\"id\":\"a\",\"text\":\"\\x\"}", "dir/in.jsonl:12:");
	expect_bad("{\"id\":\"a\",\"text\":\"tab\there\"}", "control character");
	/* repeated members are ambiguous */
	expect_bad("{\"id\":\"a\",\"text\":\"x\",\"text\":\"y\"}", "duplicate");
	expect_bad("{\"id\":\"a\",\"id\":\"b\",\"text\":\"y\"}", "duplicate");
	/* the column points at the problem */
	expect_bad("{\"id\":\"a\",\"text\":\"x\",}", "dir/in.jsonl:12:");
	expect_bad("{\"id\":\"a\" \"text\":\"x\"}", "dir/in.jsonl:12:");
	expect_bad("{\"text\":\"x\",\"n\":01}", "dir/in.jsonl:12:");
	expect_bad("{\"text\":\"x\",\"n\":tru}", "dir/in.jsonl:12:");
	expect_bad("{\"text\":\"x\",\"n\":[1,]}", "dir/in.jsonl:12:");
	expect_bad("{\"text\":\"x\",\"n\":{\"a\"}}", "dir/in.jsonl:12:");
	expect_bad("{\"text\":\"x\",\"n\":-}", "dir/in.jsonl:12:");
	expect_bad("{\"text\":\"x\",\"n\":1.}", "dir/in.jsonl:12:");
	expect_bad("{\"text\":\"x\",\"n\":.5}", "dir/in.jsonl:12:");
	expect_bad("{\"text\":\"x\",\"n\":1e}", "dir/in.jsonl:12:");
	expect_bad("{'text':'x'}", "dir/in.jsonl:12:");
}

/* The input scanner against jansson: on valid lines and on thousands of
 * mutations of them (bytes changed, dropped, doubled, truncated), a
 * record is accepted exactly when jansson reads it as a valid record,
 * with the same id and text. */
static bool jansson_record(const char *line, size_t len, const char **id,
                           char *idbuf, const char **text, size_t *tlen,
                           json_t **root)
{
	json_error_t jerr;
	json_t *v = json_loadb(line, len, JSON_ALLOW_NUL | JSON_DECODE_ANY,
	                       &jerr);
	json_t *i, *t, *m;

	*root = v;
	if (!json_is_object(v))
		return false;
	t = json_object_get(v, "text");
	i = json_object_get(v, "id");
	m = json_object_get(v, "meta");
	if (!json_is_string(t))
		return false;
	if (m && !json_is_object(m) && !json_is_null(m))
		return false;
	if (json_is_string(i)) {
		*id = json_string_value(i);
	} else if (json_is_integer(i)) {
		snprintf(idbuf, 32, "%" JSON_INTEGER_FORMAT, json_integer_value(i));
		*id = idbuf;
	} else if (!i || json_is_null(i)) {
		*id = "in.jsonl:12";
	} else {
		return false;
	}
	*text = json_string_value(t);
	*tlen = json_string_length(t);
	return true;
}

static size_t n_accepted, n_refused;

static void compare_with_jansson(const char *line, size_t len)
{
	const char *id = NULL, *text = NULL;
	char idbuf[32];
	size_t tlen = 0;
	json_t *root;
	bool want = jansson_record(line, len, &id, idbuf, &text, &tlen, &root);
	int rc = read_line_len(line, len);

	if (want != (rc == 0)) {
		print_error("scanner %s, jansson %s: [%.*s] (%s)\n",
		            rc == 0 ? "accepts" : "refuses",
		            want ? "accepts" : "refuses", (int)len, line, msg);
		json_decref(root);
		fail();
	}
	if (want)
		n_accepted++;
	else
		n_refused++;
	if (want) {
		assert_string_equal(d.id, id);
		assert_int_equal(d.len, tlen);
		assert_memory_equal(d.text, text, tlen);
		json_t *m = json_object_get(root, "meta");
		if (json_is_object(m)) {
			json_t *got = json_loadb(d.meta, d.meta_len,
			                         JSON_ALLOW_NUL, NULL);
			assert_non_null(got);
			assert_true(json_equal(got, m));
			json_decref(got);
		} else {
			assert_null(d.meta);
		}
	}
	json_decref(root);
}

static void test_read_doc_against_jansson(void **state)
{
	static const char *const seeds[] = {
		"{\"id\":\"a\",\"text\":\"plain\"}",
		"{\"id\":7,\"text\":\"caf\xc3\xa9 \\u00e9 \\ud83d\\ude00 \\\" \\\\ "
		"\\/ \\n\",\"meta\":{\"dct\":\"2024-01-08\",\"k\":[1,2.5,-3e2,"
		"true,false,null,{\"z\":\"\"}]}}",
		"{\"text\":\"\",\"x\":[[],{}],\"y\":\"\\u0000\",\"meta\":null}",
		" {\"meta\":{},\"id\":null,\"text\":\"\\t tab\",\"q\":-0.0e+1} ",
		"{\"id\":\"\xe6\x97\xa5\",\"text\":\"\xf0\x9f\x98\x80\\uFFFF\"}",
	};
	static const char subst[] = "\"\\{}[]:,0 -eE.tnu\x80\xff\x01";
	uint64_t seed = 12345;
	char buf[512];

	for (size_t k = 0; k < sizeof seeds / sizeof *seeds; k++)
		compare_with_jansson(seeds[k], strlen(seeds[k]));
	for (int round = 0; round < 20000; round++) {
		const char *src = seeds[test_rand(&seed) %
		                        (sizeof seeds / sizeof *seeds)];
		size_t len = strlen(src);
		memcpy(buf, src, len);
		int muts = 1 + (int)(test_rand(&seed) % 3);
		for (int m = 0; m < muts && len > 0; m++) {
			size_t at = (size_t)(test_rand(&seed) % len);
			switch (test_rand(&seed) % 4) {
			case 0:   /* change a byte */
				buf[at] = subst[test_rand(&seed) %
				                (sizeof subst - 1)];
				break;
			case 1:   /* drop a byte */
				memmove(buf + at, buf + at + 1, len - at - 1);
				len--;
				break;
			case 2:   /* double a byte */
				if (len + 1 < sizeof buf) {
					memmove(buf + at + 1, buf + at, len - at);
					len++;
				}
				break;
			default:  /* truncate */
				len = at;
			}
		}
		compare_with_jansson(buf, len);
	}
	/* both sides of the line were exercised */
	assert_true(n_accepted > 1000);
	assert_true(n_refused > 1000);
}

/* The reader and the writer scan strings 16 (SSE2) or 8 bytes at a
 * time: every special piece (escaped, control, multi-byte, invalid) at
 * every position of strings of 0 to 70 bytes, in the text and in a meta
 * string (validated only), against jansson; and the writer's escaping of
 * the same strings, read back. */
static void test_strings_at_block_edges(void **state)
{
	static const char *const raw[] = {
		"\\\"", "\\\\", "\\n", "\\u00e9", "\\ud83d\\ude00", "\xc3\xa9",
		"\xe2\x80\xa8", "\xe2\x82\xac", "\x01", "\x1f", "\x7f", "\x80",
		"\xff", "\xe2\x80", "\"",
	};
	char line[256], str[128];

	(void)state;
	for (size_t n = 0; n <= 70; n++) {
		for (size_t at = 0; at <= n; at++) {
			for (size_t k = 0; k < sizeof raw / sizeof *raw; k++) {
				size_t pl = strlen(raw[k]);
				memset(str, 'a', n);
				memcpy(str + at, raw[k], pl);
				memset(str + at + pl, 'b', n - at);
				size_t sl = n + pl;
				int m = snprintf(line, sizeof line,
				                 "{\"text\":\"%.*s\"}", (int)sl, str);
				compare_with_jansson(line, (size_t)m);
				m = snprintf(line, sizeof line,
				             "{\"text\":\"\",\"meta\":{\"k\":\"%.*s\"}}",
				             (int)sl, str);
				compare_with_jansson(line, (size_t)m);
				/* as member names: in meta, and at the top */
				m = snprintf(line, sizeof line,
				             "{\"text\":\"\",\"meta\":{\"%.*s\": \"v\"}}",
				             (int)sl, str);
				compare_with_jansson(line, (size_t)m);
				m = snprintf(line, sizeof line,
				             "{\"%.*s\":1,\"text\":\"\"}", (int)sl, str);
				compare_with_jansson(line, (size_t)m);
			}
		}
	}
	/* the writer: decoded strings with each special byte sequence */
	static const char *const dec[] = {
		"\"", "\\", "\n", "\x01", "\x1f", "\x7f", "\xc3\xa9",
		"\xe2\x80\xa8", "\xe2\x80\xa9", "\xe2\x80\x94", "\xf0\x9f\x98\x80",
	};
	for (size_t n = 0; n <= 70; n++)
		for (size_t at = 0; at <= n; at++)
			for (size_t k = 0; k < sizeof dec / sizeof *dec; k++) {
				size_t pl = strlen(dec[k]);
				memset(str, 'a', n);
				memcpy(str + at, dec[k], pl);
				memset(str + at + pl, 'b', n - at);
				round_trip(str, n + pl);
			}
}

/* Texts with several escapes and multi-byte characters close together,
 * in runs of every length: the text decoder handles the escapes of a
 * 32-byte chunk without checking the chunk again, and stores the bytes
 * after each one place back. */
static void test_text_escapes_in_runs(void **state)
{
	static const char *const piece[] = {
		"a", "a", "a", "abcdefghij", "\\n", "\\\"", "\\\\", "\\/",
		"\\t", "\\u00e9", "\\ud83d\\ude00", "\xc3\xa9", "\xe2\x82\xac",
	};
	uint64_t seed = 777;
	struct dp_buf line = {0};

	(void)state;
	for (int round = 0; round < 3000; round++) {
		int n = (int)(test_rand(&seed) % 60);
		line.len = 0;
		dp_buf_printf(&line, "{\"id\":\"r\",\"text\":\"");
		for (int i = 0; i < n; i++)
			dp_buf_printf(&line, "%s", piece[test_rand(&seed) %
			                                 (sizeof piece / sizeof *piece)]);
		/* sometimes the text ends the line, sometimes meta follows */
		if (round % 2)
			dp_buf_printf(&line, "\"}");
		else
			dp_buf_printf(&line, "\",\"meta\":{\"k\": \"v\", \"l\": "
			              "[\"x\", 1]}}");
		compare_with_jansson(line.data, line.len);
	}
	dp_buf_free(&line);
}

/* Error messages name the problem and its column exactly as they did
 * before the scanner was made faster (the expected texts were written by
 * the earlier, plainly recursive scanner): the meta fast paths, names
 * compared where they lie or decoded, and the ends of blocks. */
static void test_read_doc_exact_messages(void **state)
{
	static const struct {
		const char *line, *msg;   /* msg "" = accepted */
	} cases[] = {
	{"{\"text\":\"x\",\"meta\":{\"a\": \"b\", \"c\":\"d\" ,\"e\" : 1}}",
	 ""},
	{"{\"text\":\"x\",\"meta\":{\"a\": \"b\" \"c\":\"d\"}}",
	 "dir/in.jsonl:12:30: invalid JSON: expected ',' or '}'"},
	{"{\"text\":\"x\",\"meta\":{\"a\":: \"b\"}}",
	 "dir/in.jsonl:12:25: invalid JSON: invalid value"},
	{"{\"text\":\"x\",\"meta\":{\"a\": \"b\",}}",
	 "dir/in.jsonl:12:30: invalid JSON: expected a member name"},
	{"{\"text\":\"x\",\"meta\":{\"a\": [\"b\", 1,]}}",
	 "dir/in.jsonl:12:34: invalid JSON: invalid value"},
	{"{\"text\":\"x\",\"meta\":{\"a\": [\"b\" 1]}}",
	 "dir/in.jsonl:12:31: invalid JSON: expected ',' or ']'"},
	{"{\"text\":\"x\",\"meta\":{\"a\": [\"b\"}}",
	 "dir/in.jsonl:12:30: invalid JSON: expected ',' or ']'"},
	{"{\"text\":\"x\",\"meta\":{\"a\": {\"b\": [1, {\"c\": tru}]}}}",
	 "dir/in.jsonl:12:42: invalid JSON: invalid value"},
	{"{\"text\":\"x\",\"meta\":{\"a\": \"b\\q\"}}",
	 "dir/in.jsonl:12:30: invalid JSON: invalid escape in string"},
	{"{\"text\":\"x\",\"meta\":{\"a\": \"b\\u00zz\"}}",
	 "dir/in.jsonl:12:30: invalid JSON: invalid \\u escape"},
	{"{\"text\":\"x\",\"meta\":{\"a\": \"\xe2""\x82""\"}}",
	 "dir/in.jsonl:12:27: invalid JSON: invalid UTF-8 in string"},
	{"{\"text\":\"x\",\"meta\":{\"a\": \"b",
	 "dir/in.jsonl:12:28: invalid JSON: unterminated string"},
	{"{\"text\":\"x\",\"meta\":{\"a\": \"b\\",
	 "dir/in.jsonl:12:29: invalid JSON: unterminated string"},
	{"{\"text\":\"x\",\"meta\":{\"a\":",
	 "dir/in.jsonl:12:25: invalid JSON: expected a value"},
	{"{\"text\":\"x\",\"meta\":{\"a\" ",
	 "dir/in.jsonl:12:25: invalid JSON: expected ':'"},
	{"{\"text\":\"x\",\"meta\":{\"a\": 1",
	 "dir/in.jsonl:12:27: invalid JSON: expected ',' or '}'"},
	{"{\"text\":\"x\",\"meta\":{\"a\": -",
	 "dir/in.jsonl:12:27: invalid JSON: invalid number"},
	{"{\"text\":\"x\",\"meta\":{\"aaaaaaaaaaaaaaaaaaaaaaaa\x01""\": 1}}",
	 "dir/in.jsonl:12:46: invalid JSON: control character in string (must be escaped)"},
	{"{\"text\":\"x\",\"meta\":{\"a\": \"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\x7f""\x80""\"}}",
	 "dir/in.jsonl:12:66: invalid JSON: invalid UTF-8 in string"},
	{"{\"te\\u0078t\":\"escaped name\"}",
	 ""},
	{"{\"te\\u0078t\":\"a\",\"text\":\"b\"}",
	 "dir/in.jsonl:12:25: invalid JSON: duplicate member \"text\""},
	{"{\"\\u0069d\":\"i\",\"text\":\"b\",\"meta\":{}}",
	 ""},
	{"{\"id\":\"i\",\"t\xc3""\xa9""xt\":\"b\"}",
	 "dir/in.jsonl:12: document \"i\": missing \"text\""},
	{"{\"id\":\"i\",\"te\xff""xt\":\"b\"}",
	 "dir/in.jsonl:12:14: invalid JSON: invalid UTF-8 in string"},
	{"{\"id\":\"i\",\"text\":\"0123456789abcdef0123456789abcdef0123456789\\n\\\"x\\\"\\/\\t\\u00e9\\ud83d\\ude00",
	 "dir/in.jsonl:12:90: invalid JSON: unterminated string"},
	{"{\"id\":\"i\",\"text\":\"0123456789abcdef0123456789abcdef\x1f""\"}",
	 "dir/in.jsonl:12:51: invalid JSON: control character in string (must be escaped)"},
	{"{\"id\":\"i\",\"text\":\"0123456789abcdef0123456789abcde\\",
	 "dir/in.jsonl:12:51: invalid JSON: unterminated string"},
	{"{\"id\":\"i\",\"text\":\"0123456789abcdef0123456789abcdef\\ud800\\n\"}",
	 "dir/in.jsonl:12:57: invalid JSON: lone high surrogate in \\u escape"},
	{"{\"id\":\"i\",\"text\":\"ab\\u12",
	 "dir/in.jsonl:12:23: invalid JSON: truncated \\u escape"},
	{"{\"id\":\"i\",\"text\":\"ab\\ud83d\\ude0",
	 "dir/in.jsonl:12:29: invalid JSON: truncated \\u escape"},
	{"{\"id\":\"i\",\"text\":\"ab\"\"}",
	 "dir/in.jsonl:12:22: invalid JSON: expected ',' or '}'"},
	{"{\"id\":\"i\",\"text\":\"ab\",\"x\":[[[[]]]],\"y\":{\"z\":{}}}",
	 ""},
	{"{\"id\":\"i\",\"text\":\"ab\",\"x\":[[[[]]]]],\"y\":{}}",
	 "dir/in.jsonl:12:35: invalid JSON: expected ',' or '}'"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		int rc = read_line(cases[i].line);
		if (cases[i].msg[0] == '\0') {
			if (rc != 0)
				print_error("refused: %s (%s)\n", cases[i].line, msg);
			assert_int_equal(rc, 0);
		} else {
			assert_int_equal(rc, DP_EINVAL);
			assert_string_equal(msg, cases[i].msg);
		}
	}
	/* an escaped name is the member it decodes to */
	assert_int_equal(read_line("{\"te\\u0078t\":\"escaped name\"}"), 0);
	assert_string_equal(d.text, "escaped name");
	assert_int_equal(read_line("{\"\\u0069d\":\"i\",\"text\":\"b\"}"), 0);
	assert_string_equal(d.id, "i");
}

/* Containers nest up to 512 deep, wherever they are; the column of the
 * error is that of the first bracket too many. */
static void test_read_doc_nesting(void **state)
{
	static const char *const pre[] = {
		"{\"text\":\"x\",\"meta\":{\"a\":",   /* inside meta */
		"{\"text\":\"x\",\"z\":",             /* another member */
	};
	struct dp_buf b = {0};
	char want[128];

	(void)state;
	for (size_t k = 0; k < 2; k++) {
		/* the meta object itself is one level */
		size_t room = k == 0 ? 511 : 512;
		for (size_t depth = room - 1; depth <= room + 1; depth++) {
			b.len = 0;
			dp_buf_printf(&b, "%s", pre[k]);
			for (size_t i = 0; i < depth; i++)
				dp_buf_printf(&b, i % 2 ? "[" : "{\"k\":");
			dp_buf_printf(&b, "1");
			for (size_t i = depth; i-- > 0;)
				dp_buf_printf(&b, i % 2 ? "]" : "}");
			dp_buf_printf(&b, k == 0 ? "}}" : "}");
			int rc = read_line_len(b.data, b.len);
			if (depth <= room) {
				assert_int_equal(rc, 0);
				continue;
			}
			assert_int_equal(rc, DP_EINVAL);
			/* the column of the bracket that goes one too deep */
			size_t col = strlen(pre[k]) + 1;
			for (size_t i = 0; i + 1 < depth; i++)
				col += i % 2 ? 1 : 5;
			snprintf(want, sizeof want, "dir/in.jsonl:12:%zu: invalid "
			         "JSON: nesting too deep", col);
			assert_string_equal(msg, want);
		}
	}
	dp_buf_free(&b);
}

/* dp_json_object_string(): plain values are copied as they lie, others
 * decoded; names are compared decoded; a value at the very end of the
 * text (no whole block left) is read like any other. */
static void test_object_string(void **state)
{
	struct dp_buf out = {0};
	static const char obj[] =
		"{\"dct\": \"1987-02-26\", \"t\\u0069tle\": \"A \\\"B\\\"\","
		" \"n\": 3, \"l\": [\"x\"], \"caf\xc3\xa9\": \"\xc3\xa9t\xc3\xa9\","
		" \"last\":\"z\"}";
	size_t len = strlen(obj);

	(void)state;
	assert_int_equal(dp_json_object_string(obj, len, "dct", &out), 1);
	assert_string_equal(out.data, "1987-02-26");
	assert_int_equal(out.len, 10);
	assert_int_equal(dp_json_object_string(obj, len, "title", &out), 1);
	assert_string_equal(out.data, "A \"B\"");
	assert_int_equal(dp_json_object_string(obj, len, "caf\xc3\xa9", &out),
	                 1);
	assert_string_equal(out.data, "\xc3\xa9t\xc3\xa9");
	assert_int_equal(dp_json_object_string(obj, len, "last", &out), 1);
	assert_string_equal(out.data, "z");
	assert_int_equal(dp_json_object_string(obj, len, "n", &out), 0);
	assert_int_equal(dp_json_object_string(obj, len, "l", &out), 0);
	assert_int_equal(dp_json_object_string(obj, len, "t\\u0069tle", &out),
	                 0);
	assert_int_equal(dp_json_object_string(obj, len, "none", &out), 0);
	assert_int_equal(dp_json_object_string("[]", 2, "a", &out), DP_EINVAL);
	/* every length of a value ending the text, plain and escaped */
	char o[128], v[64];
	for (size_t n = 0; n < 40; n++) {
		memset(v, 'v', n);
		v[n] = '\0';
		int m = snprintf(o, sizeof o, "{\"k\":\"%s\"}", v);
		assert_int_equal(dp_json_object_string(o, (size_t)m, "k", &out), 1);
		assert_string_equal(out.data, v);
		m = snprintf(o, sizeof o, "{\"k\":\"%s\\n\"}", v);
		assert_int_equal(dp_json_object_string(o, (size_t)m, "k", &out), 1);
		assert_int_equal(out.len, n + 1);
		assert_memory_equal(out.data, v, n);
		assert_int_equal(out.data[n], '\n');
	}
	dp_buf_free(&out);
}

static int group_teardown(void **state)
{
	dp_in_doc_free(&d);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape_control_characters),
		cmocka_unit_test(test_escape_unicode),
		cmocka_unit_test(test_escape_every_code_point),
		cmocka_unit_test(test_random_strings),
		cmocka_unit_test(test_integers),
		cmocka_unit_test(test_write_doc),
		cmocka_unit_test(test_write_doc_independent_of_history),
		cmocka_unit_test(test_write_error),
		cmocka_unit_test(test_strings_at_block_edges),
		cmocka_unit_test(test_read_doc),
		cmocka_unit_test(test_read_doc_errors),
		cmocka_unit_test(test_read_doc_against_jansson),
		cmocka_unit_test(test_text_escapes_in_runs),
		cmocka_unit_test(test_read_doc_exact_messages),
		cmocka_unit_test(test_read_doc_nesting),
		cmocka_unit_test(test_object_string),
	};

	return cmocka_run_group_tests(tests, NULL, group_teardown);
}
