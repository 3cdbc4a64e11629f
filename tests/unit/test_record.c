/*
 * test_record.c - the document record: edits, the edit log, the offset
 * map to the original text and the shifting of spans.
 */
#include "config.h"
#include "core/internal.h"
#include "testutil.h"

struct fx {
	struct dp_doc *doc;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);

	if (!f)
		return -1;
	f->doc = dp_doc_new();
	if (!f->doc)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	dp_doc_free(f->doc);
	free(f);
	return 0;
}

static struct dp_doc *doc_with(void **state, const char *text)
{
	struct fx *f = *state;

	assert_int_equal(dp_doc_reset(f->doc, "d1", text, strlen(text), NULL,
	                              0), 0);
	return f->doc;
}

static const char *text_of(struct dp_doc *doc)
{
	return dp_doc_text(doc, NULL);
}

/* a layer "L" with the given spans */
static struct dp_layer *layer_with(struct dp_doc *doc, const size_t *sp,
                                   size_t n)
{
	static const struct dp_attr_def a[] = {{"ref", DP_ATTR_SPAN},
	                                       {"k", DP_ATTR_INT}};
	struct dp_layer *l = dp_layer_create(doc, "l", a, 2);

	assert_non_null(l);
	for (size_t i = 0; i < n; i++) {
		long k = dp_layer_add(l, sp[2 * i], sp[2 * i + 1]);
		assert_true(k >= 0);
		assert_int_equal(dp_layer_set_int(l, (size_t)k, 1, (int64_t)i), 0);
	}
	return l;
}

static void assert_span(const struct dp_layer *l, size_t i, size_t s,
                        size_t e)
{
	assert_true(i < dp_layer_size(l));
	assert_int_equal(dp_layer_start(l, i), s);
	assert_int_equal(dp_layer_end(l, i), e);
}

static void replace(struct dp_doc *doc, size_t s, size_t e, const char *t,
                    const char *rule)
{
	assert_int_equal(dp_doc_replace(doc, s, e, t, strlen(t), rule), 0);
}

/* Replays the edit log on the original text: must give the current
 * text. Also checks each record against the texts. */
static void check_replay(struct dp_doc *doc)
{
	size_t olen, len;
	const char *orig = dp_doc_orig_text(doc, &olen);
	const char *cur = dp_doc_text(doc, &len);
	struct dp_layer *e = dp_layer_find(doc, "edits");
	struct dp_buf b = {0};
	size_t pos = 0, cpos = 0;

	if (!e) {
		assert_int_equal(len, olen);
		assert_memory_equal(cur, orig, len);
		return;
	}
	int os = dp_layer_attr(e, "orig_start"), oe = dp_layer_attr(e, "orig_end");
	int be = dp_layer_attr(e, "before"), af = dp_layer_attr(e, "after");
	int ru = dp_layer_attr(e, "rule");
	assert_true(os >= 0 && oe >= 0 && be >= 0 && af >= 0 && ru >= 0);
	for (size_t i = 0; i < dp_layer_size(e); i++) {
		int64_t s, t;
		size_t blen = 0, alen = 0, rlen = 0;
		assert_true(dp_layer_get_int(e, i, os, &s));
		assert_true(dp_layer_get_int(e, i, oe, &t));
		const char *before = dp_layer_get_str(e, i, be, &blen);
		const char *after = dp_layer_get_str(e, i, af, &alen);
		assert_non_null(dp_layer_get_str(e, i, ru, &rlen));
		assert_true(rlen > 0);
		assert_non_null(before);
		assert_non_null(after);
		/* records are disjoint and sorted in both coordinates */
		assert_true((size_t)s >= pos);
		assert_true(s <= t && (size_t)t <= olen);
		assert_true(dp_layer_start(e, i) >= cpos);
		/* the unedited gap is the same text on both sides */
		assert_int_equal((size_t)s - pos, dp_layer_start(e, i) - cpos);
		assert_memory_equal(orig + pos, cur + cpos, (size_t)s - pos);
		assert_int_equal(blen, (size_t)(t - s));
		assert_memory_equal(before, orig + s, blen);
		assert_int_equal(alen, dp_layer_end(e, i) - dp_layer_start(e, i));
		assert_memory_equal(after, cur + dp_layer_start(e, i), alen);
		/* a record that changes nothing is not a record */
		assert_false(blen == 0 && alen == 0);
		assert_int_equal(dp_buf_append(&b, orig + pos, (size_t)s - pos), 0);
		assert_int_equal(dp_buf_append(&b, after, alen), 0);
		pos = (size_t)t;
		cpos = dp_layer_end(e, i);
	}
	assert_int_equal(dp_buf_append(&b, orig + pos, olen - pos), 0);
	assert_int_equal(b.len, len);
	assert_memory_equal(b.data ? b.data : "", cur, len);
	dp_buf_free(&b);
}

/* ----------------------------------------------------------- the record */

static void test_reset_and_texts(void **state)
{
	struct dp_doc *doc = doc_with(state, "Hello");
	size_t len;

	assert_string_equal(dp_doc_id(doc), "d1");
	assert_string_equal(dp_doc_text(doc, &len), "Hello");
	assert_int_equal(len, 5);
	assert_string_equal(dp_doc_orig_text(doc, &len), "Hello");
	assert_null(dp_layer_find(doc, "edits"));
	replace(doc, 0, 5, "Bye", "r");
	assert_string_equal(text_of(doc), "Bye");
	assert_string_equal(dp_doc_orig_text(doc, NULL), "Hello");
	/* a new document forgets everything */
	doc = doc_with(state, "next one");
	assert_string_equal(text_of(doc), "next one");
	assert_null(dp_layer_find(doc, "edits"));
	assert_null(dp_layer_find(doc, "l"));
	assert_int_equal(dp_doc_dropped_spans(doc), 0);
}

/* DP_TEXT_PAD zero bytes follow the text (ABI 1.2) after a reset with
 * any earlier contents of the buffer, a reset that takes the decoded
 * buffer, every kind of edit, and before any text. */
static void assert_padded(struct dp_doc *doc)
{
	size_t len;
	const char *t = dp_doc_text(doc, &len);

	for (size_t k = 0; k < DP_TEXT_PAD; k++)
		assert_int_equal(t[len + k], 0);
}

static void test_text_padding(void **state)
{
	struct fx *f = *state;
	char big[300];

	assert_padded(f->doc);                     /* no text yet */
	memset(big, 'x', sizeof big);
	assert_int_equal(dp_doc_reset(f->doc, "a", big, sizeof big, NULL, 0), 0);
	for (size_t len = 0; len < sizeof big; len += 37) {
		/* the buffer held 'x' bytes past this text */
		assert_int_equal(dp_doc_reset(f->doc, "a", big, len, NULL, 0), 0);
		assert_padded(f->doc);
		replace(f->doc, 0, len ? 1 : 0, "yy", "grow");
		assert_padded(f->doc);
		replace(f->doc, 0, 2, "", "shrink");
		assert_padded(f->doc);
	}
	/* a taken buffer: padded whatever it held; too small, copied */
	struct dp_buf b = {0};
	for (size_t cap = 1; cap < 200; cap += 23) {
		assert_int_equal(dp_buf_reserve(&b, cap), 0);
		memset(b.data, 'z', b.cap);
		b.len = cap > DP_TEXT_PAD ? cap - DP_TEXT_PAD / 2 : cap;
		if (b.len >= b.cap)
			b.len = b.cap - 1;
		size_t len = b.len;
		assert_int_equal(dp_doc_reset_take(f->doc, "t", &b, NULL, 0), 0);
		size_t got;
		const char *t = dp_doc_text(f->doc, &got);
		assert_int_equal(got, len);
		for (size_t k = 0; k < len; k++)
			assert_int_equal(t[k], 'z');
		assert_padded(f->doc);
		b.len = 0;
	}
	dp_buf_free(&b);
}

static void test_meta(void **state)
{
	struct fx *f = *state;
	const char *meta = "{\"dct\":\"2024-01-08\",\"n\":3,\"list\":[1],"
	                   "\"o\":{\"dct\":\"nested\"},\"esc\":\"a\\\"b\\u00e9\","
	                   "\"d\\u0063t2\":\"escaped name\",\"dct2x\":\"no\"}";

	assert_int_equal(dp_doc_reset(f->doc, "m", "x", 1, meta, strlen(meta)),
	                 0);
	assert_string_equal(dp_doc_meta(f->doc, "dct"), "2024-01-08");
	assert_string_equal(dp_doc_meta(f->doc, "esc"), "a\"b\xc3\xa9");
	assert_null(dp_doc_meta(f->doc, "n"));      /* not a string */
	assert_null(dp_doc_meta(f->doc, "o"));
	assert_null(dp_doc_meta(f->doc, "absent"));
	assert_null(dp_doc_meta(f->doc, NULL));
	/* a member name with an escape is decoded before it is compared */
	assert_string_equal(dp_doc_meta(f->doc, "dct2"), "escaped name");
	assert_null(dp_doc_meta(f->doc, "dct2\\"));
	assert_int_equal(dp_doc_meta_set(f->doc, "dct", "2025-02-02"), 0);
	assert_string_equal(dp_doc_meta(f->doc, "dct"), "2025-02-02");
	assert_int_equal(dp_doc_meta_set(f->doc, "new", "v"), 0);
	assert_string_equal(dp_doc_meta(f->doc, "new"), "v");
	assert_string_equal(dp_doc_meta(f->doc, "esc"), "a\"b\xc3\xa9");
	assert_int_equal(dp_doc_meta_set(f->doc, NULL, "x"), DP_EINVAL);
	assert_int_equal(dp_doc_meta_set(f->doc, "k", NULL), DP_EINVAL);
	assert_int_equal(dp_doc_meta_set(f->doc, "k", "\xff"), DP_EUTF8);
	/* the next document has its own meta */
	assert_int_equal(dp_doc_reset(f->doc, "m2", "x", 1, NULL, 0), 0);
	assert_null(dp_doc_meta(f->doc, "dct"));
	assert_null(dp_doc_meta(f->doc, "new"));
}

static const char *meta_text(struct dp_doc *doc)
{
	dp_buf_append(&doc->meta_raw, "", 0);   /* NUL-terminate */
	return doc->meta_raw.data;
}

/* Setting a key leaves every other value as it came, including those a
 * double or int64_t cannot hold, and "\u0000" */
static void test_meta_set_keeps_the_rest(void **state)
{
	struct fx *f = *state;
	static const struct {
		const char *in, *key, *value, *out;
	} c[] = {
		{"{\"big\":123456789012345678901234567890,\"f\":1e400}", "k", "v",
		 "{\"big\":123456789012345678901234567890,\"f\":1e400,\"k\":\"v\"}"},
		{"{\"z\":\"a\\u0000b\" }", "k", "v",
		 "{\"z\":\"a\\u0000b\",\"k\":\"v\" }"},
		{"{}", "k", "v", "{\"k\":\"v\"}"},
		{" { \n } ", "k", "v", " {\"k\":\"v\" \n } "},
		{"{\"a\":1,\"k\":[1,{\"k\":2}],\"b\":2}", "k", "new",
		 "{\"a\":1,\"k\":\"new\",\"b\":2}"},
		{"{\"o\":{\"k\":\"inner\"}}", "k", "top",
		 "{\"o\":{\"k\":\"inner\"},\"k\":\"top\"}"},
		{"{\"k\\u0031\":\"x\"}", "k1", "y", "{\"k\\u0031\":\"y\"}"},
		{"{}", "q\"\\\n", "\xe2\x80\xa8\x01",
		 "{\"q\\\"\\\\\\n\":\"\\u2028\\u0001\"}"},
	};

	for (size_t i = 0; i < sizeof c / sizeof *c; i++) {
		assert_int_equal(dp_doc_reset(f->doc, "m", "x", 1, c[i].in,
		                              strlen(c[i].in)), 0);
		assert_int_equal(dp_doc_meta_set(f->doc, c[i].key, c[i].value), 0);
		assert_string_equal(meta_text(f->doc), c[i].out);
		assert_string_equal(dp_doc_meta(f->doc, c[i].key), c[i].value);
		json_t *v = json_loads(meta_text(f->doc), JSON_ALLOW_NUL |
		                       JSON_DECODE_INT_AS_REAL, NULL);
		if (strstr(c[i].in, "1e400") == NULL) {
			assert_non_null(v);
			assert_string_equal(json_string_value(json_object_get(
				v, c[i].key)), c[i].value);
		}
		json_decref(v);
	}
	/* several keys, set twice */
	assert_int_equal(dp_doc_reset(f->doc, "m", "x", 1, NULL, 0), 0);
	assert_int_equal(dp_doc_meta_set(f->doc, "a", "1"), 0);
	assert_int_equal(dp_doc_meta_set(f->doc, "b", "2"), 0);
	assert_int_equal(dp_doc_meta_set(f->doc, "a", "3"), 0);
	assert_string_equal(meta_text(f->doc), "{\"a\":\"3\",\"b\":\"2\"}");
}

static void test_alloc_and_fail(void **state)
{
	struct dp_doc *doc = doc_with(state, "abc");
	char *p = dp_doc_alloc(doc, 10);
	char *q = dp_doc_alloc(doc, 1000000);

	assert_non_null(p);
	assert_non_null(q);
	assert_int_equal((uintptr_t)p % 16, 0);
	assert_int_equal((uintptr_t)q % 16, 0);
	memset(q, 1, 1000000);
	assert_int_equal(dp_doc_fail(doc, "bad %d", 42), DP_EPLUGIN);
	assert_string_equal(doc->fail.msg, "bad 42");
}

/* --------------------------------------------------------------- edits */

/* Interned strings must be valid UTF-8: a slice of the text is checked
 * by its two ends, any other string byte by byte; a refused string fails
 * the document with a message, and dp_layer_set_str() says EUTF8. */
static void test_intern_checks_utf8(void **state)
{
	struct dp_doc *doc = doc_with(state, "caf\xc3\xa9 au lait");
	const char *t = text_of(doc);
	static const struct dp_attr_def a[] = {{"s", DP_ATTR_STR}};

	/* slices: whole words, and the two bytes of "é" together */
	assert_int_not_equal(dp_doc_intern(doc, t, 5), 0);
	assert_int_not_equal(dp_doc_intern(doc, t + 3, 2), 0);
	assert_int_not_equal(dp_doc_intern(doc, t + 6, 2), 0);
	assert_int_not_equal(dp_doc_intern(doc, t, 0), 0);
	assert_int_equal(doc->fail.code, 0);
	/* a slice ending, or starting, inside "é" */
	assert_int_equal(dp_doc_intern(doc, t, 4), 0);
	assert_int_equal(doc->fail.code, DP_EUTF8);
	assert_non_null(strstr(doc->fail.msg, "not valid UTF-8"));
	dp_error_clear(&doc->fail);
	assert_int_equal(dp_doc_intern(doc, t + 4, 3), 0);
	assert_int_equal(doc->fail.code, DP_EUTF8);
	dp_error_clear(&doc->fail);
	/* other strings: scanned */
	assert_int_not_equal(dp_doc_intern(doc, "na\xc3\xafve", 6), 0);
	assert_int_equal(dp_doc_intern(doc, "na\xc3ve", 5), 0);
	assert_int_equal(doc->fail.code, DP_EUTF8);
	dp_error_clear(&doc->fail);
	/* the same check behind dp_layer_set_str() */
	doc->step = -1;
	struct dp_layer *l = dp_layer_create(doc, "l", a, 1);
	assert_non_null(l);
	assert_true(dp_layer_add(l, 0, 5) >= 0);
	assert_int_equal(dp_layer_set_str(l, 0, 0, t + 4, 1), DP_EUTF8);
	assert_int_equal(dp_layer_set_str(l, 0, 0, "\xff", 1), DP_EUTF8);
	assert_int_equal(dp_layer_set_str(l, 0, 0, t, 5), 0);
}

/* Interned copies of every length around the short-copy paths (0 to 3,
 * 4 to 7, 8 to 16, longer), from a buffer that ends right after each
 * string, so a read past it shows under ASan; the same bytes give the
 * same id, and different bytes another. */
static void test_intern_lengths(void **state)
{
	struct dp_doc *doc = doc_with(state, "x");
	uint32_t ids[41];

	for (size_t len = 0; len <= 40; len++) {
		char *b = malloc(len ? len : 1);
		assert_non_null(b);
		for (size_t i = 0; i < len; i++)
			b[i] = (char)('a' + (i * 7 + len) % 26);
		ids[len] = dp_doc_intern(doc, b, len);
		assert_int_not_equal(ids[len], 0);
		const struct dp_str *e = dp_doc_str(doc, ids[len]);
		assert_non_null(e);
		assert_int_equal(e->len, len);
		assert_memory_equal(e->p, b, len);
		assert_int_equal(e->p[len], '\0');
		assert_int_equal(dp_doc_intern(doc, b, len), ids[len]);
		free(b);
	}
	for (size_t i = 0; i <= 40; i++)
		for (size_t j = i + 1; j <= 40; j++)
			assert_int_not_equal(ids[i], ids[j]);
}

/* Whether the text is ASCII, for every length up to 200 (64-byte blocks,
 * the last one overlapping, and the shorter tails) and a byte beyond
 * ASCII at the first, a middle and the last place. */
static void test_text_ascii(void **state)
{
	struct dp_doc *doc = dp_doc_new();
	char t[201];

	(void)state;
	assert_non_null(doc);
	for (size_t len = 1; len <= 200; len++) {
		size_t at[3] = {0, len / 2, len - 1};
		memset(t, 'a', len);
		t[len] = '\0';
		assert_int_equal(dp_doc_reset(doc, "a", t, len, NULL, 0), 0);
		assert_true(dp_doc_text_ascii(doc));
		for (int k = 0; k < 3; k++) {
			t[at[k]] = (char)0x80;
			assert_int_equal(dp_doc_reset(doc, "a", t, len, NULL, 0),
			                 0);
			assert_false(dp_doc_text_ascii(doc));
			t[at[k]] = 'a';
		}
	}
	dp_doc_free(doc);
}

static void test_insert_before_after_inside(void **state)
{
	struct dp_doc *doc = doc_with(state, "hello world");
	size_t sp[] = {6, 11, 0, 5};
	struct dp_layer *l = layer_with(doc, sp, 2);

	/* sorted: [0,5) hello, [6,11) world */
	assert_int_equal(dp_layer_sort(l), 0);
	replace(doc, 0, 0, ">> ", "ins.start");
	assert_string_equal(text_of(doc), ">> hello world");
	/* an insertion at a span's start goes before the span */
	assert_span(l, 0, 3, 8);
	assert_span(l, 1, 9, 14);
	replace(doc, 14, 14, "!", "ins.end");
	assert_string_equal(text_of(doc), ">> hello world!");
	/* an insertion at a span's end stays outside */
	assert_span(l, 1, 9, 14);
	replace(doc, 11, 11, "--", "ins.inside");
	assert_string_equal(text_of(doc), ">> hello wo--rld!");
	assert_span(l, 1, 9, 16);
	assert_span(l, 0, 3, 8);
	assert_int_equal(dp_doc_dropped_spans(doc), 0);
	check_replay(doc);
}

static void test_delete_before_inside(void **state)
{
	struct dp_doc *doc = doc_with(state, "hello world");
	size_t sp[] = {6, 11};
	struct dp_layer *l = layer_with(doc, sp, 1);

	replace(doc, 0, 2, "", "del.before");
	assert_string_equal(text_of(doc), "llo world");
	assert_span(l, 0, 4, 9);
	replace(doc, 5, 7, "", "del.inside");
	assert_string_equal(text_of(doc), "llo wld");
	assert_span(l, 0, 4, 7);
	replace(doc, 7, 7, "", "del.nothing");
	check_replay(doc);
}

static void test_replace_whole_span(void **state)
{
	struct dp_doc *doc = doc_with(state, "the colour red");
	size_t sp[] = {4, 10, 0, 14};
	struct dp_layer *l = layer_with(doc, sp, 2);

	assert_int_equal(dp_layer_sort(l), 0);
	replace(doc, 4, 10, "color", "spelling");
	assert_string_equal(text_of(doc), "the color red");
	/* a span equal to the edited range shrinks with it */
	assert_span(l, 0, 0, 13);
	assert_span(l, 1, 4, 9);
	assert_int_equal(dp_doc_dropped_spans(doc), 0);
	check_replay(doc);
}

static void test_cut_spans_are_clipped(void **state)
{
	struct dp_doc *doc = doc_with(state, "hello world");
	size_t sp[] = {0, 5, 6, 11};
	struct dp_layer *l = layer_with(doc, sp, 2);

	/* "o w" replaced: cuts the end of "hello", the start of "world" */
	replace(doc, 4, 7, "_", "join");
	assert_string_equal(text_of(doc), "hell_orld");
	assert_int_equal(dp_layer_size(l), 2);
	assert_span(l, 0, 0, 4);   /* "hell" */
	assert_span(l, 1, 5, 9);   /* "orld" */
	assert_int_equal(dp_doc_dropped_spans(doc), 0);
	/* the attributes travel with their spans */
	int64_t v;
	assert_true(dp_layer_get_int(l, 0, 1, &v));
	assert_int_equal(v, 0);
	assert_true(dp_layer_get_int(l, 1, 1, &v));
	assert_int_equal(v, 1);
	check_replay(doc);
}

static void test_spans_inside_are_dropped(void **state)
{
	struct dp_doc *doc = doc_with(state, "a bb ccc dddd");
	/* bb, ccc, an empty span inside ccc, an empty span at 0, dddd */
	size_t sp[] = {2, 4, 5, 8, 6, 6, 0, 0, 9, 13};
	struct dp_layer *l = layer_with(doc, sp, 5);

	assert_int_equal(dp_layer_sort(l), 0);
	/* replace "bb ccc" (exactly covers bb...ccc, strictly contains
	 * nothing but what it covers) with "X" */
	replace(doc, 1, 9, " X ", "squash");
	assert_string_equal(text_of(doc), "a X dddd");
	/* bb, ccc and the empty span at 6 lie inside the replaced range */
	assert_int_equal(dp_doc_dropped_spans(doc), 3);
	assert_int_equal(dp_layer_size(l), 2);
	assert_span(l, 0, 0, 0);
	assert_span(l, 1, 4, 8);
	int64_t v;
	assert_true(dp_layer_get_int(l, 1, 1, &v));
	assert_int_equal(v, 4);
	/* deleting exactly a span's text drops it too */
	replace(doc, 4, 8, "", "del");
	assert_string_equal(text_of(doc), "a X ");
	assert_int_equal(dp_layer_size(l), 1);
	assert_int_equal(dp_doc_dropped_spans(doc), 4);
	check_replay(doc);
}

static void test_span_attributes_shift(void **state)
{
	struct dp_doc *doc = doc_with(state, "one two three");
	size_t sp[] = {8, 13};
	struct dp_layer *l = layer_with(doc, sp, 1);
	size_t s, e;

	assert_int_equal(dp_layer_set_span(l, 0, 0, 4, 7), 0);   /* "two" */
	replace(doc, 0, 3, "1", "num");
	assert_string_equal(text_of(doc), "1 two three");
	assert_true(dp_layer_get_span(l, 0, 0, &s, &e));
	assert_int_equal(s, 2);
	assert_int_equal(e, 5);
	assert_span(l, 0, 6, 11);
	/* removing the referenced text unsets the attribute, not the span */
	replace(doc, 2, 6, "", "del");
	assert_string_equal(text_of(doc), "1 three");
	assert_int_equal(dp_layer_size(l), 1);
	assert_false(dp_layer_get_span(l, 0, 0, &s, &e));
	assert_span(l, 0, 2, 7);
	check_replay(doc);
}

static void test_edits_at_the_ends(void **state)
{
	struct dp_doc *doc = doc_with(state, "middle");
	size_t sp[] = {0, 6};
	struct dp_layer *l = layer_with(doc, sp, 1);

	replace(doc, 0, 0, "[", "open");
	replace(doc, 7, 7, "]", "close");
	assert_string_equal(text_of(doc), "[middle]");
	assert_span(l, 0, 1, 7);
	replace(doc, 0, 1, "", "unopen");
	replace(doc, 6, 7, "", "unclose");
	assert_string_equal(text_of(doc), "middle");
	check_replay(doc);
	/* both edits undone: no record is left that changes nothing */
	assert_int_equal(dp_layer_size(dp_layer_find(doc, "edits")), 0);
	assert_int_equal(dp_doc_orig_offset(doc, 0), 0);
	assert_int_equal(dp_doc_orig_offset(doc, 6), 6);

	/* the whole text replaced, then emptied */
	doc = doc_with(state, "abc");
	replace(doc, 0, 3, "xyz!", "all");
	replace(doc, 0, 4, "", "none");
	assert_string_equal(text_of(doc), "");
	check_replay(doc);
	struct dp_layer *e = dp_layer_find(doc, "edits");
	assert_int_equal(dp_layer_size(e), 1);
	assert_string_equal(dp_layer_get_str(e, 0, dp_layer_attr(e, "rule"),
	                                     NULL), "all+none");
	/* and edits on an empty text */
	doc = doc_with(state, "");
	replace(doc, 0, 0, "new", "create");
	assert_string_equal(text_of(doc), "new");
	check_replay(doc);
}

static void test_overlapping_edits_merge(void **state)
{
	struct dp_doc *doc = doc_with(state, "abcdefghij");
	struct dp_layer *e;
	int64_t v;

	replace(doc, 2, 4, "XY", "r1");      /* abXYefghij */
	replace(doc, 6, 8, "", "r2");        /* abXYefij */
	e = dp_layer_find(doc, "edits");
	assert_non_null(e);
	assert_int_equal(dp_layer_size(e), 2);
	/* one edit over both: merged into one record */
	replace(doc, 3, 7, "-", "r3");       /* abX-j */
	assert_string_equal(text_of(doc), "abX-j");
	assert_int_equal(dp_layer_size(e), 1);
	assert_span(e, 0, 2, 4);
	assert_true(dp_layer_get_int(e, 0, dp_layer_attr(e, "orig_start"), &v));
	assert_int_equal(v, 2);
	assert_true(dp_layer_get_int(e, 0, dp_layer_attr(e, "orig_end"), &v));
	assert_int_equal(v, 9);
	assert_string_equal(dp_layer_get_str(e, 0, dp_layer_attr(e, "before"),
	                                     NULL), "cdefghi");
	assert_string_equal(dp_layer_get_str(e, 0, dp_layer_attr(e, "after"),
	                                     NULL), "X-");
	/* the rule names every rule that took part, each once */
	const char *rule = dp_layer_get_str(e, 0, dp_layer_attr(e, "rule"),
	                                    NULL);
	assert_int_equal(strlen(rule), strlen("r1+r2+r3"));
	assert_contains(rule, "r1");
	assert_contains(rule, "r2");
	assert_contains(rule, "r3");
	check_replay(doc);
	replace(doc, 2, 3, "Z", "r1");
	assert_string_equal(dp_layer_get_str(e, 0, dp_layer_attr(e, "rule"),
	                                     NULL), rule);
	check_replay(doc);
}

static void test_replace_many(void **state)
{
	struct dp_doc *doc = doc_with(state, "one  two colour three");
	size_t sp[] = {0, 3, 5, 8, 9, 15, 16, 21};
	struct dp_layer *l = layer_with(doc, sp, 4);
	struct dp_edit ed[] = {
		{0, 0, "<", 1, "open"},
		{0, 0, "<", 1, "open2"},          /* same offset: array order */
		{3, 4, "", 0, "space"},
		{13, 14, "", 0, "colour"},        /* "colour" -> "color" */
		{21, 21, ">", 1, "close"},
	};

	assert_int_equal(dp_doc_replace_many(doc, ed, 5), 0);
	assert_string_equal(text_of(doc), "<<one two color three>");
	assert_span(l, 0, 2, 5);
	assert_span(l, 1, 6, 9);
	assert_span(l, 2, 10, 15);
	assert_span(l, 3, 16, 21);
	check_replay(doc);
	struct dp_layer *e = dp_layer_find(doc, "edits");
	/* the two insertions at 0 touch: they may be one record or two, but
	 * replay must be exact (checked above) */
	assert_true(dp_layer_size(e) >= 4);
	/* nothing at all */
	assert_int_equal(dp_doc_replace_many(doc, NULL, 0), 0);
	assert_string_equal(text_of(doc), "<<one two color three>");
}

static void test_replace_errors_change_nothing(void **state)
{
	struct dp_doc *doc = doc_with(state, "caf\xc3\xa9 ok");   /* café ok */
	size_t sp[] = {0, 5};
	struct dp_layer *l = layer_with(doc, sp, 1);
	struct dp_edit unsorted[] = {{5, 6, "x", 1, "a"}, {0, 1, "y", 1, "b"}};
	struct dp_edit overlap[] = {{0, 3, "x", 1, "a"}, {2, 4, "y", 1, "b"}};
	struct dp_edit badsecond[] = {{0, 1, "x", 1, "a"}, {2, 99, "y", 1, "b"}};

	assert_int_equal(dp_doc_replace(doc, 0, 99, "x", 1, "r"), DP_ERANGE);
	assert_int_equal(dp_doc_replace(doc, 3, 2, "x", 1, "r"), DP_ERANGE);
	/* inside the two bytes of é */
	assert_int_equal(dp_doc_replace(doc, 4, 5, "x", 1, "r"), DP_EUTF8);
	assert_int_equal(dp_doc_replace(doc, 3, 4, "x", 1, "r"), DP_EUTF8);
	assert_int_equal(dp_doc_replace(doc, 0, 1, "\xff", 1, "r"), DP_EUTF8);
	assert_int_equal(dp_doc_replace(doc, 0, 1, "\xc3", 1, "r"), DP_EUTF8);
	assert_int_equal(dp_doc_replace(doc, 0, 1, "x", 1, NULL), DP_EINVAL);
	assert_int_equal(dp_doc_replace(doc, 0, 1, "x", 1, ""), DP_EINVAL);
	assert_int_equal(dp_doc_replace(doc, 0, 1, NULL, 1, "r"), DP_EINVAL);
	assert_int_equal(dp_doc_replace_many(doc, unsorted, 2), DP_EINVAL);
	assert_int_equal(dp_doc_replace_many(doc, overlap, 2), DP_EINVAL);
	assert_int_equal(dp_doc_replace_many(doc, badsecond, 2), DP_ERANGE);
	assert_int_equal(dp_doc_replace_many(NULL, overlap, 2), DP_EINVAL);
	assert_int_equal(dp_doc_replace_many(doc, NULL, 1), DP_EINVAL);
	assert_string_equal(text_of(doc), "caf\xc3\xa9 ok");
	assert_null(dp_layer_find(doc, "edits"));
	assert_span(l, 0, 0, 5);
	/* a NULL text with length 0 is an empty replacement */
	assert_int_equal(dp_doc_replace(doc, 5, 6, NULL, 0, "del"), 0);
	assert_string_equal(text_of(doc), "caf\xc3\xa9ok");
	check_replay(doc);
}

static void test_orig_offset(void **state)
{
	struct dp_doc *doc = doc_with(state, "0123456789");

	assert_int_equal(dp_doc_orig_offset(doc, 4), 4);
	replace(doc, 2, 4, "abcd", "grow");     /* 01abcd456789 */
	replace(doc, 8, 10, "", "shrink");      /* 01abcd4589 */
	assert_string_equal(text_of(doc), "01abcd4589");
	assert_int_equal(dp_doc_orig_offset(doc, 0), 0);
	assert_int_equal(dp_doc_orig_offset(doc, 1), 1);
	/* inside an edited range: the start of its original */
	assert_int_equal(dp_doc_orig_offset(doc, 2), 2);
	assert_int_equal(dp_doc_orig_offset(doc, 5), 2);
	/* after it: shifted */
	assert_int_equal(dp_doc_orig_offset(doc, 6), 4);
	assert_int_equal(dp_doc_orig_offset(doc, 7), 5);
	assert_int_equal(dp_doc_orig_offset(doc, 8), 8);   /* '8' */
	assert_int_equal(dp_doc_orig_offset(doc, 9), 9);
	assert_int_equal(dp_doc_orig_offset(doc, 10), 10); /* the end */
}

/* ----------------------------------------------- random edit sequences */

static const char *const pieces[] = {
	"a", "b", " ", "xyz", "\xc3\xa9", "\xe2\x80\x94", "\xf0\x9f\x98\x80",
	"\n", "colour", "",
};
#define NPIECES (sizeof pieces / sizeof *pieces)

/* a random character boundary of the current text */
static size_t rand_boundary(struct dp_doc *doc, uint64_t *seed)
{
	size_t len;
	const char *t = dp_doc_text(doc, &len);
	size_t p = len ? (size_t)(test_rand(seed) % (len + 1)) : 0;

	while (p > 0 && p < len && ((unsigned char)t[p] & 0xC0) == 0x80)
		p--;
	return p;
}

static void rand_text(struct dp_buf *b, uint64_t *seed, size_t max)
{
	size_t n = (size_t)(test_rand(seed) % (max + 1));

	b->len = 0;
	dp_buf_append(b, "", 0);
	for (size_t i = 0; i < n; i++) {
		const char *p = pieces[test_rand(seed) % NPIECES];
		assert_int_equal(dp_buf_append(b, p, strlen(p)), 0);
	}
}

/* every span inside the text, on boundaries, sorted */
static void check_spans(struct dp_doc *doc, struct dp_layer *l)
{
	size_t len;
	const char *t = dp_doc_text(doc, &len);

	for (size_t i = 0; i < dp_layer_size(l); i++) {
		size_t s = dp_layer_start(l, i), e = dp_layer_end(l, i);
		assert_true(s <= e && e <= len);
		assert_true(s == len || ((unsigned char)t[s] & 0xC0) != 0x80);
		assert_true(e == len || ((unsigned char)t[e] & 0xC0) != 0x80);
		if (i) {
			assert_true(dp_layer_start(l, i - 1) <= s);
		}
		size_t rs, re;
		int ref = dp_layer_attr(l, "ref");
		if (ref >= 0 && dp_layer_get_span(l, i, ref, &rs, &re)) {
			assert_true(rs <= re && re <= len);
			assert_true(rs == len || ((unsigned char)t[rs] & 0xC0) != 0x80);
			assert_true(re == len || ((unsigned char)t[re] & 0xC0) != 0x80);
		}
	}
}

/* bytes outside every edit record map back to the same original byte */
static void check_orig_map(struct dp_doc *doc)
{
	size_t len, olen;
	const char *t = dp_doc_text(doc, &len);
	const char *o = dp_doc_orig_text(doc, &olen);
	struct dp_layer *e = dp_layer_find(doc, "edits");

	for (size_t off = 0; off < len; off++) {
		bool inside = false;
		for (size_t r = 0; e && r < dp_layer_size(e) && !inside; r++)
			inside = dp_layer_start(e, r) <= off &&
			         off < dp_layer_end(e, r);
		if (inside)
			continue;
		size_t m = dp_doc_orig_offset(doc, off);
		assert_true(m < olen);
		assert_int_equal(t[off], o[m]);
	}
}

static void test_random_replay(void **state)
{
	uint64_t seed = 0x9E3779B97F4A7C15ULL;
	struct dp_buf txt = {0}, rep[8];

	memset(rep, 0, sizeof rep);
	for (int round = 0; round < 300; round++) {
		rand_text(&txt, &seed, 40);
		struct dp_doc *doc = doc_with(state, txt.data);
		struct dp_layer *l;
		static const struct dp_attr_def a[] = {{"ref", DP_ATTR_SPAN}};

		l = dp_layer_create(doc, "l", a, 1);
		assert_non_null(l);
		for (int k = 0; k < 20; k++) {
			size_t x = rand_boundary(doc, &seed);
			size_t y = rand_boundary(doc, &seed);
			long i = dp_layer_add(l, x < y ? x : y, x < y ? y : x);
			assert_true(i >= 0);
			assert_int_equal(dp_layer_set_span(l, (size_t)i, 0, x < y ? x : y,
			                                   x < y ? y : x), 0);
		}
		assert_int_equal(dp_layer_sort(l), 0);
		for (int step = 0; step < 25; step++) {
			if (test_rand(&seed) % 3) {
				size_t x = rand_boundary(doc, &seed);
				size_t y = rand_boundary(doc, &seed);
				rand_text(&rep[0], &seed, 3);
				assert_int_equal(dp_doc_replace(doc, x < y ? x : y,
				                                x < y ? y : x,
				                                rep[0].data,
				                                rep[0].len, "one"),
				                 0);
			} else {
				/* a sorted, disjoint batch */
				struct dp_edit ed[8];
				size_t cut[16], n = 1 + test_rand(&seed) % 7;
				for (size_t i = 0; i < 2 * n; i++)
					cut[i] = rand_boundary(doc, &seed);
				for (size_t i = 1; i < 2 * n; i++)
					for (size_t j = i; j > 0 && cut[j] < cut[j - 1]; j--) {
						size_t tmp = cut[j];
						cut[j] = cut[j - 1];
						cut[j - 1] = tmp;
					}
				for (size_t i = 0; i < n; i++) {
					rand_text(&rep[i], &seed, 2);
					ed[i] = (struct dp_edit){cut[2 * i], cut[2 * i + 1],
					                         rep[i].data, rep[i].len,
					                         i % 2 ? "many.a" : "many.b"};
				}
				assert_int_equal(dp_doc_replace_many(doc, ed, n), 0);
			}
			check_replay(doc);
			check_spans(doc, l);
			check_orig_map(doc);
		}
	}
	dp_buf_free(&txt);
	for (int i = 0; i < 8; i++)
		dp_buf_free(&rep[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_reset_and_texts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_padding, setup, teardown),
		cmocka_unit_test_setup_teardown(test_meta, setup, teardown),
		cmocka_unit_test_setup_teardown(test_meta_set_keeps_the_rest, setup, teardown),
		cmocka_unit_test_setup_teardown(test_alloc_and_fail, setup, teardown),
		cmocka_unit_test_setup_teardown(test_intern_checks_utf8, setup, teardown),
		cmocka_unit_test_setup_teardown(test_intern_lengths, setup, teardown),
		cmocka_unit_test(test_text_ascii),
		cmocka_unit_test_setup_teardown(test_insert_before_after_inside, setup, teardown),
		cmocka_unit_test_setup_teardown(test_delete_before_inside, setup, teardown),
		cmocka_unit_test_setup_teardown(test_replace_whole_span, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cut_spans_are_clipped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_spans_inside_are_dropped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_span_attributes_shift, setup, teardown),
		cmocka_unit_test_setup_teardown(test_edits_at_the_ends, setup, teardown),
		cmocka_unit_test_setup_teardown(test_overlapping_edits_merge, setup, teardown),
		cmocka_unit_test_setup_teardown(test_replace_many, setup, teardown),
		cmocka_unit_test_setup_teardown(test_replace_errors_change_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_orig_offset, setup, teardown),
		cmocka_unit_test_setup_teardown(test_random_replay, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
