/*
 * test_layers.c - layers: typed attributes, unset values, sorting,
 * interned strings, and the rules on names and writers.
 */
#include "config.h"
#include "core/internal.h"
#include "testutil.h"

static int setup(void **state)
{
	struct dp_doc *doc = dp_doc_new();

	if (!doc || dp_doc_reset(doc, "d", "alpha beta gamma", 16, NULL, 0))
		return -1;
	*state = doc;
	return 0;
}

static int teardown(void **state)
{
	dp_doc_free(*state);
	return 0;
}

static const struct dp_attr_def attrs[] = {
	{"n", DP_ATTR_INT}, {"s", DP_ATTR_STR}, {"ref", DP_ATTR_SPAN},
};

static void test_types_and_unset(void **state)
{
	struct dp_doc *doc = *state;
	struct dp_layer *l = dp_layer_create(doc, "tok", attrs, 3);
	int64_t v = 77;
	size_t s = 99, e = 99, len = 0;

	assert_non_null(l);
	assert_string_equal(dp_layer_name(l), "tok");
	assert_int_equal(dp_layer_attr(l, "n"), 0);
	assert_int_equal(dp_layer_attr(l, "s"), 1);
	assert_int_equal(dp_layer_attr(l, "ref"), 2);
	assert_int_equal(dp_layer_attr(l, "nope"), -1);
	assert_int_equal(dp_layer_attr(NULL, "n"), -1);
	assert_int_equal(dp_layer_add(l, 0, 5), 0);
	assert_int_equal(dp_layer_add(l, 6, 10), 1);
	assert_int_equal(dp_layer_size(l), 2);
	/* fresh values are unset, and getters leave *out alone */
	assert_false(dp_layer_get_int(l, 0, 0, &v));
	assert_int_equal(v, 77);
	assert_null(dp_layer_get_str(l, 0, 1, &len));
	assert_int_equal(dp_layer_get_str_id(l, 0, 1), 0);
	assert_false(dp_layer_get_span(l, 0, 2, &s, &e));
	assert_int_equal(s, 99);
	/* set and read back */
	assert_int_equal(dp_layer_set_int(l, 0, 0, -5), 0);
	assert_int_equal(dp_layer_set_int(l, 1, 0, INT64_MAX), 0);
	assert_int_equal(dp_layer_set_str(l, 0, 1, "h\0llo", 5), 0);
	assert_int_equal(dp_layer_set_span(l, 1, 2, 0, 5), 0);
	assert_true(dp_layer_get_int(l, 0, 0, &v));
	assert_int_equal(v, -5);
	assert_true(dp_layer_get_int(l, 1, 0, &v));
	assert_true(v == INT64_MAX);
	const char *str = dp_layer_get_str(l, 0, 1, &len);
	assert_int_equal(len, 5);
	assert_memory_equal(str, "h\0llo", 5);
	assert_true(dp_layer_get_span(l, 1, 2, &s, &e));
	assert_int_equal(s, 0);
	assert_int_equal(e, 5);
	/* wrong types and indexes */
	assert_int_equal(dp_layer_set_int(l, 0, 1, 3), DP_EINVAL);
	assert_int_equal(dp_layer_set_str(l, 0, 0, "x", 1), DP_EINVAL);
	assert_int_equal(dp_layer_set_span(l, 0, 0, 1, 2), DP_EINVAL);
	assert_int_equal(dp_layer_set_int(l, 2, 0, 3), DP_ERANGE);
	assert_int_equal(dp_layer_set_int(l, 0, 3, 3), DP_ERANGE);
	assert_int_equal(dp_layer_set_int(l, 0, -1, 3), DP_ERANGE);
	assert_int_equal(dp_layer_set_span(l, 0, 2, 5, 4), DP_ERANGE);
	assert_int_equal(dp_layer_set_str(l, 0, 1, "\xc3", 1), DP_EUTF8);
	assert_int_equal(dp_layer_set_str(l, 0, 1, NULL, 0), DP_EINVAL);
	/* the sentinel of "unset" cannot be stored as a value */
	assert_int_equal(dp_layer_set_int(l, 0, 0, INT64_MIN), DP_ERANGE);
	assert_false(dp_layer_get_int(l, 0, 1, &v));
	assert_null(dp_layer_get_str(l, 0, 0, NULL));
	assert_false(dp_layer_get_span(l, 0, 0, &s, &e));
	assert_false(dp_layer_get_int(l, 5, 0, &v));
	assert_int_equal(dp_layer_size(NULL), 0);
	assert_int_equal(dp_layer_add(NULL, 0, 0), DP_EINVAL);
	assert_int_equal(dp_layer_add(l, 0, (size_t)UINT32_MAX + 1), DP_ERANGE);
}

static void test_intern(void **state)
{
	struct dp_doc *doc = *state;
	uint32_t a = dp_doc_intern(doc, "word", 4);
	uint32_t b = dp_doc_intern(doc, "number", 6);
	char buf[32];

	assert_true(a != 0 && b != 0 && a != b);
	assert_int_equal(dp_doc_intern(doc, "word", 4), a);
	assert_int_equal(dp_doc_intern(doc, "wordy", 4), a);
	assert_int_equal(dp_doc_intern(doc, NULL, 0), 0);
	/* many strings: the table grows and ids stay stable */
	uint32_t ids[2000];
	for (int i = 0; i < 2000; i++) {
		snprintf(buf, sizeof buf, "s%d", i);
		ids[i] = dp_doc_intern(doc, buf, strlen(buf));
		assert_true(ids[i] != 0);
	}
	for (int i = 0; i < 2000; i++) {
		snprintf(buf, sizeof buf, "s%d", i);
		assert_int_equal(dp_doc_intern(doc, buf, strlen(buf)), ids[i]);
	}
	assert_int_equal(dp_doc_intern(doc, "word", 4), a);

	struct dp_layer *l = dp_layer_create(doc, "tok", attrs, 3);
	assert_int_equal(dp_layer_add(l, 0, 5), 0);
	assert_int_equal(dp_layer_set_str_id(l, 0, 1, b), 0);
	assert_int_equal(dp_layer_get_str_id(l, 0, 1), b);
	assert_string_equal(dp_layer_get_str(l, 0, 1, NULL), "number");
	assert_int_equal(dp_layer_set_str(l, 0, 1, "word", 4), 0);
	assert_int_equal(dp_layer_get_str_id(l, 0, 1), a);
	/* an id that was never handed out */
	assert_int_equal(dp_layer_set_str_id(l, 0, 1, 1000000), DP_EINVAL);
	/* id 0 unsets */
	assert_int_equal(dp_layer_set_str_id(l, 0, 1, 0), 0);
	assert_null(dp_layer_get_str(l, 0, 1, NULL));
	/* the next document starts afresh */
	assert_int_equal(dp_doc_reset(doc, "d2", "x", 1, NULL, 0), 0);
	uint32_t c = dp_doc_intern(doc, "number", 6);
	assert_true(c != 0);
	assert_string_equal(dp_doc_str(doc, c)->p, "number");
}

static void test_sorting(void **state)
{
	struct dp_doc *doc = *state;
	struct dp_layer *l = dp_layer_create(doc, "tok", attrs, 3);
	/* out of order, with equal starts, and equal spans (stable) */
	size_t sp[][2] = {{6, 10}, {0, 5}, {6, 8}, {0, 5}, {11, 16}, {0, 0}};

	for (int i = 0; i < 6; i++) {
		long k = dp_layer_add(l, sp[i][0], sp[i][1]);
		assert_int_equal(k, i);
		assert_int_equal(dp_layer_set_int(l, (size_t)k, 0, i), 0);
		assert_int_equal(dp_layer_set_span(l, (size_t)k, 2, sp[i][0],
		                                   sp[i][1]), 0);
	}
	assert_false(dp_layer_is_sorted(l));
	assert_int_equal(dp_layer_sort(l), 0);
	assert_true(dp_layer_is_sorted(l));
	static const int order[] = {5, 1, 3, 2, 0, 4};
	for (size_t i = 0; i < 6; i++) {
		int64_t v;
		size_t s, e;
		assert_true(dp_layer_get_int(l, i, 0, &v));
		assert_int_equal(v, order[i]);
		assert_int_equal(dp_layer_start(l, i), sp[order[i]][0]);
		assert_int_equal(dp_layer_end(l, i), sp[order[i]][1]);
		assert_int_equal(dp_layer_starts(l)[i], sp[order[i]][0]);
		assert_int_equal(dp_layer_ends(l)[i], sp[order[i]][1]);
		assert_true(dp_layer_get_span(l, i, 2, &s, &e));
		assert_int_equal(s, sp[order[i]][0]);
	}
	assert_int_equal(dp_layer_lower_bound(l, 0), 0);
	assert_int_equal(dp_layer_lower_bound(l, 1), 3);
	assert_int_equal(dp_layer_lower_bound(l, 6), 3);
	assert_int_equal(dp_layer_lower_bound(l, 7), 5);
	assert_int_equal(dp_layer_lower_bound(l, 100), 6);
	assert_int_equal(dp_layer_lower_bound(NULL, 3), 0);
}

static void test_many_spans(void **state)
{
	struct dp_doc *doc = *state;
	struct dp_layer *l = dp_layer_create(doc, "big", attrs, 3);
	uint64_t seed = 42;

	for (int i = 0; i < 100000; i++) {
		size_t s = (size_t)(test_rand(&seed) % 16);
		long k = dp_layer_add(l, s, 16);
		assert_int_equal(k, i);
		assert_int_equal(dp_layer_set_int(l, (size_t)k, 0, i), 0);
	}
	assert_int_equal(dp_layer_sort(l), 0);
	for (size_t i = 1; i < dp_layer_size(l); i++) {
		int64_t a, b;
		assert_true(dp_layer_start(l, i - 1) <= dp_layer_start(l, i));
		if (dp_layer_start(l, i - 1) == dp_layer_start(l, i)) {
			/* stable: insertion order among equals */
			assert_true(dp_layer_get_int(l, i - 1, 0, &a));
			assert_true(dp_layer_get_int(l, i, 0, &b));
			assert_true(a < b);
		}
	}
}

/* dp_layer_add_many(): the same spans as one dp_layer_add() each, with
 * every attribute unset, appended after what is there. */
static void test_add_many(void **state)
{
	struct dp_doc *doc = *state;
	struct dp_layer *l = dp_layer_create(doc, "bulk", attrs, 3);
	struct dp_layer *one = dp_layer_create(doc, "one", attrs, 3);
	enum { N = 100000 };
	uint32_t *s = malloc(N * sizeof *s), *e = malloc(N * sizeof *e);
	uint64_t seed = 7;
	int64_t v = 77;
	size_t a = 99, b = 99;

	assert_non_null(l);
	assert_non_null(s);
	assert_non_null(e);
	/* nothing to add: the size, even with NULL arrays */
	assert_int_equal(dp_layer_add_many(l, 0, NULL, NULL), 0);
	assert_int_equal(dp_layer_size(l), 0);
	assert_int_equal(dp_layer_add(l, 1, 2), 0);
	assert_int_equal(dp_layer_set_int(l, 0, 0, 5), 0);
	for (size_t i = 0; i < N; i++) {
		s[i] = (uint32_t)(test_rand(&seed) % 16);
		e[i] = 16;
		assert_true(dp_layer_add(one, s[i], e[i]) >= 0);
	}
	/* in pieces of every size, so that some need the arrays to grow */
	for (size_t i = 0, m = 1; i < N; i += m, m = m * 3 + 1) {
		if (m > N - i)
			m = N - i;
		assert_int_equal(dp_layer_add_many(l, m, s + i, e + i),
		                 (long)(i + 1));
	}
	assert_int_equal(dp_layer_size(l), N + 1);
	assert_int_equal(dp_layer_add_many(l, 0, s, e), N + 1);
	/* the span before is untouched; the new ones match, unset */
	assert_true(dp_layer_get_int(l, 0, 0, &v));
	assert_int_equal(v, 5);
	assert_memory_equal(dp_layer_starts(l) + 1, dp_layer_starts(one),
	                    N * sizeof *s);
	assert_memory_equal(dp_layer_ends(l) + 1, dp_layer_ends(one),
	                    N * sizeof *e);
	for (size_t i = 1; i <= N; i += 997) {
		assert_false(dp_layer_get_int(l, i, 0, &v));
		assert_int_equal(dp_layer_get_str_id(l, i, 1), 0);
		assert_false(dp_layer_get_span(l, i, 2, &a, &b));
	}
	assert_false(dp_layer_get_int(l, N, 0, &v));
	assert_false(dp_layer_get_span(l, N, 2, &a, &b));
	/* sorting moves the attributes along */
	assert_int_equal(dp_layer_set_int(l, N, 0, 42), 0);
	assert_int_equal(dp_layer_sort(l), 0);
	assert_true(dp_layer_is_sorted(l));
	free(s);
	free(e);
}

/* Runs what follows as pipeline step @k providing @prov (-1, NULL: outside
 * any step), to test that a step cannot write another step's layer. */
static void as_step(struct dp_doc *doc, int k, const char *const *prov)
{
	doc->step = k;
	doc->step_provides = prov;
}

static void test_add_many_errors(void **state)
{
	struct dp_doc *doc = *state;
	static const char *const prov0[] = {"a", NULL};
	static const char *const prov1[] = {"b", NULL};
	uint32_t s[3] = {0, 6, 11}, e[3] = {5, 10, 16};
	uint32_t bad[2] = {1, UINT32_MAX};
	static uint32_t zeros[1000];
	struct dp_layer *l = dp_layer_create(doc, "bulk", attrs, 3);
	struct dp_layer *a;

	assert_int_equal(dp_layer_add_many(NULL, 1, s, e), DP_EINVAL);
	assert_int_equal(dp_layer_add_many(l, 1, NULL, e), DP_EINVAL);
	assert_int_equal(dp_layer_add_many(l, 1, s, NULL), DP_EINVAL);
	/* the "unset" offset is refused, all or nothing */
	assert_int_equal(dp_layer_add_many(l, 2, bad, e), DP_ERANGE);
	assert_int_equal(dp_layer_add_many(l, 2, s, bad), DP_ERANGE);
	assert_int_equal(dp_layer_size(l), 0);
	/* reversed spans or spans past the text are accepted here and
	 * refused when process() returns (test_runner), as for add() */
	assert_int_equal(dp_layer_add_many(l, 1, e, s), 0);
	/* allocation failure: nothing added, and the next call works */
	assert_int_equal(dp_layer_add_many(l, 1, s, e), 1);
	doc->fail_alloc_after = 1;
	assert_int_equal(dp_layer_add_many(l, 100, zeros, zeros), DP_ENOMEM);
	doc->fail_alloc_after = 0;
	doc->alloc_failed = false;
	assert_int_equal(dp_layer_size(l), 2);
	for (int k = 2; k <= 4; k++) {
		/* fail the 2nd, 3rd, 4th array of the growth (ends, columns) */
		doc->fail_alloc_after = k;
		assert_int_equal(dp_layer_add_many(l, 1000, zeros, zeros),
		                 DP_ENOMEM);
		doc->fail_alloc_after = 0;
		doc->alloc_failed = false;
		assert_int_equal(dp_layer_size(l), 2);
	}
	assert_int_equal(dp_layer_add_many(l, 3, s, e), 2);
	assert_int_equal(dp_layer_size(l), 5);
	assert_int_equal(dp_layer_start(l, 4), 11);
	assert_int_equal(dp_layer_end(l, 4), 16);
	/* another step's layer is read-only */
	as_step(doc, 0, prov0);
	a = dp_layer_create(doc, "a", attrs, 3);
	assert_non_null(a);
	assert_int_equal(dp_layer_add_many(a, 3, s, e), 0);
	as_step(doc, 1, prov1);
	assert_int_equal(dp_layer_add_many(a, 3, s, e), DP_EINVAL);
	assert_contains(doc->fail.msg, "belongs to another plugin");
	assert_int_equal(dp_layer_size(a), 3);
	as_step(doc, -1, NULL);
}

/* dp_layer_set_str_ids(): a range of string values at once */
static void test_set_str_ids(void **state)
{
	struct dp_doc *doc = *state;
	static const char *const prov0[] = {"a", NULL};
	static const char *const prov1[] = {"b", NULL};
	uint32_t s[4] = {0, 6, 11, 12}, e[4] = {5, 10, 16, 16};
	struct dp_layer *l = dp_layer_create(doc, "kinds", attrs, 3);
	uint32_t x = dp_doc_intern(doc, "x", 1), y = dp_doc_intern(doc, "y", 1);
	uint32_t ids[4] = {x, y, 0, x}, junk[2] = {y, 1000};
	size_t len;

	assert_true(x && y && x != y);
	assert_int_equal(dp_layer_add_many(l, 4, s, e), 0);
	assert_int_equal(dp_layer_set_str_ids(l, 1, 3, 1, ids), 0);
	assert_int_equal(dp_layer_get_str_id(l, 0, 1), 0);
	assert_int_equal(dp_layer_get_str_id(l, 1, 1), x);
	assert_string_equal(dp_layer_get_str(l, 2, 1, &len), "y");
	assert_int_equal(len, 1);
	assert_null(dp_layer_get_str(l, 3, 1, NULL));      /* 0 is unset */
	assert_int_equal(dp_layer_set_str_ids(l, 0, 4, 1, ids), 0);
	assert_int_equal(dp_layer_get_str_id(l, 3, 1), x);
	assert_int_equal(dp_layer_get_str_id(l, 2, 1), 0);
	/* empty ranges, up to the end */
	assert_int_equal(dp_layer_set_str_ids(l, 4, 0, 1, NULL), 0);
	assert_int_equal(dp_layer_set_str_ids(l, 0, 0, 1, ids), 0);
	/* out of range: the spans or the attribute */
	assert_int_equal(dp_layer_set_str_ids(l, 5, 0, 1, ids), DP_ERANGE);
	assert_int_equal(dp_layer_set_str_ids(l, 1, 4, 1, ids), DP_ERANGE);
	assert_int_equal(dp_layer_set_str_ids(l, 3, SIZE_MAX, 1, ids),
	                 DP_ERANGE);
	assert_int_equal(dp_layer_set_str_ids(l, 0, 1, 3, ids), DP_ERANGE);
	assert_int_equal(dp_layer_set_str_ids(l, 0, 1, -1, ids), DP_ERANGE);
	assert_int_equal(dp_layer_set_str_ids(NULL, 0, 1, 1, ids), DP_ERANGE);
	/* invalid: the type, the array, an id never given out */
	assert_int_equal(dp_layer_set_str_ids(l, 0, 1, 0, ids), DP_EINVAL);
	assert_int_equal(dp_layer_set_str_ids(l, 0, 1, 2, ids), DP_EINVAL);
	assert_int_equal(dp_layer_set_str_ids(l, 0, 1, 1, NULL), DP_EINVAL);
	assert_int_equal(dp_layer_set_str_ids(l, 0, 2, 1, junk), DP_EINVAL);
	/* all or nothing: the valid first id was not written */
	assert_int_equal(dp_layer_get_str_id(l, 0, 1), x);
	/* another step's layer is read-only */
	as_step(doc, 0, prov0);
	struct dp_layer *a = dp_layer_create(doc, "a", attrs, 3);
	assert_int_equal(dp_layer_add_many(a, 2, s, e), 0);
	as_step(doc, 1, prov1);
	assert_int_equal(dp_layer_set_str_ids(a, 0, 2, 1, ids), DP_EINVAL);
	assert_int_equal(dp_layer_get_str_id(a, 0, 1), 0);
	as_step(doc, -1, NULL);
}

/* The bulk checks go 8 (or 16) values at a time, then one by one: a bad
 * value at each of 40 places, in either array, is found, and nothing is
 * written. */
static void test_bulk_checks_in_blocks(void **state)
{
	struct dp_doc *doc = *state;
	struct dp_layer *l = dp_layer_create(doc, "blocks", attrs, 3);
	uint32_t s[40], e[40], ids[40];
	uint32_t x = dp_doc_intern(doc, "x", 1);

	for (int i = 0; i < 40; i++) {
		s[i] = (uint32_t)i;
		e[i] = (uint32_t)i + 1;
		ids[i] = x;
	}
	for (int at = 0; at < 40; at++) {
		for (int side = 0; side < 2; side++) {
			uint32_t *v = side ? e : s, keep = v[at];
			v[at] = UINT32_MAX;
			assert_int_equal(dp_layer_add_many(l, 40, s, e),
			                 DP_ERANGE);
			v[at] = keep;
		}
		assert_int_equal(dp_layer_size(l), 0);
	}
	assert_int_equal(dp_layer_add_many(l, 40, s, e), 0);
	for (int at = 0; at < 40; at++) {
		ids[at] = doc->nstrs;         /* never given out */
		assert_int_equal(dp_layer_set_str_ids(l, 0, 40, 1, ids),
		                 DP_EINVAL);
		ids[at] = UINT32_MAX;
		assert_int_equal(dp_layer_set_str_ids(l, 0, 40, 1, ids),
		                 DP_EINVAL);
		ids[at] = x;
		assert_int_equal(dp_layer_get_str_id(l, at, 1), 0);
	}
	assert_int_equal(dp_layer_set_str_ids(l, 0, 40, 1, ids), 0);
	assert_int_equal(dp_layer_get_str_id(l, 39, 1), x);
	/* every count from 1 to 40 (the last block overlapping the one
	 * before), the bad id at each place */
	for (size_t n = 1; n <= 40; n++)
		for (size_t at = 0; at < n; at++) {
			ids[at] = doc->nstrs;
			assert_int_equal(dp_layer_set_str_ids(l, 0, n, 1, ids),
			                 DP_EINVAL);
			ids[at] = x;
			assert_int_equal(dp_layer_set_str_ids(l, 0, n, 1, ids),
			                 0);
		}
}

/* dp_layer_set_str_codes(): values through a dictionary of ids */
static void test_set_str_codes(void **state)
{
	struct dp_doc *doc = *state;
	static const char *const prov0[] = {"a", NULL};
	static const char *const prov1[] = {"b", NULL};
	enum { N = 1000 };
	uint32_t s[N], e[N];
	uint8_t codes[N], big[300];
	uint32_t dict[3], wide[256];
	struct dp_layer *l = dp_layer_create(doc, "kinds", attrs, 3);
	uint64_t seed = 3;

	dict[0] = dp_doc_intern(doc, "word", 4);
	dict[1] = 0;                                   /* unsets */
	dict[2] = dp_doc_intern(doc, "punct", 5);
	for (size_t i = 0; i < N; i++) {
		s[i] = e[i] = (uint32_t)i;
		codes[i] = (uint8_t)(test_rand(&seed) % 3);
	}
	assert_int_equal(dp_layer_add_many(l, N, s, e), 0);
	/* every length, so that the tails of the 8-byte blocks are met */
	for (size_t first = 0; first < 20; first++)
		for (size_t n = 0; first + n <= 40; n++)
			assert_int_equal(dp_layer_set_str_codes(l, first, n, 1,
			                 codes + first, dict, 3), 0);
	assert_int_equal(dp_layer_set_str_codes(l, 0, N, 1, codes, dict, 3), 0);
	for (size_t i = 0; i < N; i++)
		assert_int_equal(dp_layer_get_str_id(l, i, 1), dict[codes[i]]);
	codes[0] = 2;
	assert_int_equal(dp_layer_set_str_codes(l, 0, 1, 1, codes, dict, 3), 0);
	assert_string_equal(dp_layer_get_str(l, 0, 1, NULL), "punct");
	/* a code past the dictionary, at every position: nothing changes */
	for (size_t bad = 0; bad < 20; bad++) {
		uint8_t c[20];

		memset(c, 1, sizeof c);
		c[bad] = 3;
		assert_int_equal(dp_layer_set_str_codes(l, 0, 20, 1, c, dict, 3),
		                 DP_EINVAL);
		c[bad] = 200;
		assert_int_equal(dp_layer_set_str_codes(l, 0, 20, 1, c, dict, 3),
		                 DP_EINVAL);
	}
	for (size_t i = 0; i < N; i++)
		assert_int_equal(dp_layer_get_str_id(l, i, 1), dict[codes[i]]);
	/* dictionaries of 256 (every code valid) and of 129..255 codes */
	for (int i = 0; i < 256; i++)
		wide[i] = dict[i % 3];
	for (int i = 0; i < 300; i++)
		big[i] = (uint8_t)(255 - i % 256);
	assert_int_equal(dp_layer_set_str_codes(l, 0, 300, 1, big, wide, 256), 0);
	assert_int_equal(dp_layer_get_str_id(l, 0, 1), wide[255]);
	assert_int_equal(dp_layer_set_str_codes(l, 0, 300, 1, big, wide, 200),
	                 DP_EINVAL);
	for (int i = 0; i < 300; i++)
		big[i] = (uint8_t)(i % 130);
	assert_int_equal(dp_layer_set_str_codes(l, 0, 300, 1, big, wide, 130), 0);
	assert_int_equal(dp_layer_set_str_codes(l, 0, 300, 1, big, wide, 129),
	                 DP_EINVAL);
	assert_int_equal(dp_layer_get_str_id(l, 129, 1), wide[129]);
	/* invalid arguments */
	assert_int_equal(dp_layer_set_str_codes(l, 0, 1, 1, NULL, dict, 3),
	                 DP_EINVAL);
	assert_int_equal(dp_layer_set_str_codes(l, 0, 1, 1, codes, NULL, 3),
	                 DP_EINVAL);
	assert_int_equal(dp_layer_set_str_codes(l, 0, 1, 1, codes, dict, 0),
	                 DP_EINVAL);
	assert_int_equal(dp_layer_set_str_codes(l, 0, 1, 1, codes, wide, 257),
	                 DP_EINVAL);
	assert_int_equal(dp_layer_set_str_codes(l, 0, 1, 0, codes, dict, 3),
	                 DP_EINVAL);                    /* an int column */
	dict[1] = 100000;                               /* never given out */
	assert_int_equal(dp_layer_set_str_codes(l, 0, 1, 1, codes, dict, 3),
	                 DP_EINVAL);
	dict[1] = 0;
	/* out of range */
	assert_int_equal(dp_layer_set_str_codes(l, N, 1, 1, codes, dict, 3),
	                 DP_ERANGE);
	assert_int_equal(dp_layer_set_str_codes(l, 1, N, 1, codes, dict, 3),
	                 DP_ERANGE);
	assert_int_equal(dp_layer_set_str_codes(l, 0, 1, 3, codes, dict, 3),
	                 DP_ERANGE);
	assert_int_equal(dp_layer_set_str_codes(NULL, 0, 1, 1, codes, dict, 3),
	                 DP_ERANGE);
	assert_int_equal(dp_layer_set_str_codes(l, N, 0, 1, NULL, NULL, 0), 0);
	/* another step's layer is read-only */
	as_step(doc, 0, prov0);
	struct dp_layer *a = dp_layer_create(doc, "a", attrs, 3);
	assert_int_equal(dp_layer_add_many(a, 2, s, e), 0);
	as_step(doc, 1, prov1);
	assert_int_equal(dp_layer_set_str_codes(a, 0, 2, 1, codes, dict, 3),
	                 DP_EINVAL);
	assert_int_equal(dp_layer_get_str_id(a, 0, 1), 0);
	as_step(doc, -1, NULL);
}

static void test_names_and_errors(void **state)
{
	struct dp_doc *doc = *state;
	static const struct dp_attr_def clash[] = {
		{"ref", DP_ATTR_SPAN}, {"ref_start", DP_ATTR_INT},
	};
	static const struct dp_attr_def twice[] = {
		{"a", DP_ATTR_INT}, {"a", DP_ATTR_STR},
	};
	static const struct dp_attr_def reserved[] = {{"start", DP_ATTR_INT}};
	static const struct dp_attr_def badtype[] = {{"x", 9}};
	static const struct dp_attr_def badname[] = {{"X y", DP_ATTR_INT}};

	assert_null(dp_layer_create(doc, "Bad Name", NULL, 0));
	assert_contains(doc->fail.msg, "invalid layer name 'Bad Name'");
	assert_null(dp_layer_create(doc, "", NULL, 0));
	assert_null(dp_layer_create(doc, NULL, NULL, 0));
	assert_null(dp_layer_create(doc, "edits", NULL, 0));
	assert_contains(doc->fail.msg, "dp_doc_replace");
	assert_null(dp_layer_create(doc, "c", clash, 2));
	assert_contains(doc->fail.msg, "'ref_start' appears twice");
	assert_null(dp_layer_create(doc, "t", twice, 2));
	assert_contains(doc->fail.msg, "'a' appears twice");
	assert_null(dp_layer_create(doc, "r", reserved, 1));
	assert_contains(doc->fail.msg, "'start' appears twice");
	assert_null(dp_layer_create(doc, "b", badtype, 1));
	assert_contains(doc->fail.msg, "unknown type");
	assert_null(dp_layer_create(doc, "b", badname, 1));
	assert_contains(doc->fail.msg, "invalid attribute name");
	assert_null(dp_layer_create(doc, "m", NULL, 2));
	assert_non_null(dp_layer_create(doc, "once", NULL, 0));
	assert_null(dp_layer_create(doc, "once", NULL, 0));
	assert_contains(doc->fail.msg, "layer 'once' already exists");
	assert_null(dp_layer_find(doc, "nope"));
	assert_null(dp_layer_find(NULL, "once"));
	assert_non_null(dp_layer_find(doc, "once"));
}

/* Many layers and the attribute limit */
static void test_many_layers_and_attributes(void **state)
{
	struct dp_doc *doc = *state;
	struct dp_attr_def a[65];
	char names[65][16];
	char lname[16];

	for (int i = 0; i < 40; i++) {
		snprintf(lname, sizeof lname, "l%d", i);
		struct dp_layer *l = dp_layer_create(doc, lname, attrs, 3);
		assert_non_null(l);
		assert_int_equal(dp_layer_add(l, (size_t)i % 16, 16), 0);
	}
	for (int i = 0; i < 40; i++) {
		snprintf(lname, sizeof lname, "l%d", i);
		struct dp_layer *l = dp_layer_find(doc, lname);
		assert_non_null(l);
		assert_string_equal(dp_layer_name(l), lname);
		assert_int_equal(dp_layer_start(l, 0), (size_t)i % 16);
	}
	for (int i = 0; i < 65; i++) {
		snprintf(names[i], sizeof names[i], "a%d", i);
		a[i].name = names[i];
		a[i].type = DP_ATTR_INT;
	}
	struct dp_layer *wide = dp_layer_create(doc, "wide", a, 64);
	assert_non_null(wide);
	assert_int_equal(dp_layer_add(wide, 0, 1), 0);
	assert_int_equal(dp_layer_set_int(wide, 0, 63, 7), 0);
	assert_int_equal(dp_layer_attr(wide, "a63"), 63);
	assert_null(dp_layer_create(doc, "wider", a, 65));
	assert_contains(doc->fail.msg, "more than 64 attributes");
	/* a long attribute name */
	char longname[80];
	memset(longname, 'x', 75);
	longname[75] = '\0';
	struct dp_attr_def la[] = {{longname, DP_ATTR_SPAN}};
	assert_null(dp_layer_create(doc, "long", la, 1));
	assert_contains(doc->fail.msg, "invalid attribute name");
}

/* The same layer in the next document, with the same or other attributes:
 * the object is reused or replaced, never mixed up. */
static void test_reuse_across_documents(void **state)
{
	struct dp_doc *doc = *state;
	static const struct dp_attr_def other[] = {{"z", DP_ATTR_STR}};
	struct dp_layer *l = dp_layer_create(doc, "tok", attrs, 3);

	for (int i = 0; i < 5000; i++)
		assert_true(dp_layer_add(l, 0, 1) >= 0);
	assert_int_equal(dp_doc_reset(doc, "d2", "abc", 3, NULL, 0), 0);
	assert_null(dp_layer_find(doc, "tok"));
	l = dp_layer_create(doc, "tok", attrs, 3);
	assert_non_null(l);
	assert_int_equal(dp_layer_size(l), 0);
	assert_int_equal(dp_doc_reset(doc, "d3", "abc", 3, NULL, 0), 0);
	l = dp_layer_create(doc, "tok", other, 1);
	assert_non_null(l);
	assert_int_equal(dp_layer_attr(l, "z"), 0);
	assert_int_equal(dp_layer_attr(l, "n"), -1);
	assert_int_equal(dp_layer_add(l, 1, 2), 0);
	assert_int_equal(dp_layer_set_str(l, 0, 0, "zz", 2), 0);
	assert_string_equal(dp_layer_get_str(l, 0, 0, NULL), "zz");
}

/* A plugin step may write only the layers it declares and created. */
static void test_step_rules(void **state)
{
	struct dp_doc *doc = *state;
	static const char *const prov0[] = {"a", NULL};
	static const char *const prov1[] = {"b", NULL};
	struct dp_layer *a;

	as_step(doc, 0, prov0);
	a = dp_layer_create(doc, "a", attrs, 3);
	assert_non_null(a);
	assert_int_equal(dp_layer_add(a, 0, 1), 0);
	assert_null(dp_layer_create(doc, "b", NULL, 0));
	assert_contains(doc->fail.msg, "'b' but does not list it");
	/* editing without providing "edits" */
	assert_int_equal(dp_doc_replace(doc, 0, 1, "A", 1, "up"), DP_EINVAL);
	assert_contains(doc->fail.msg, "does not list 'edits'");
	as_step(doc, 1, prov1);
	/* another step's layer is read-only */
	assert_true(dp_layer_add(a, 0, 1) < 0);
	assert_contains(doc->fail.msg, "belongs to another plugin");
	assert_int_equal(dp_layer_set_int(a, 0, 0, 1), DP_EINVAL);
	assert_int_equal(dp_layer_size(a), 1);
	as_step(doc, -1, NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_types_and_unset, setup, teardown),
		cmocka_unit_test_setup_teardown(test_intern, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sorting, setup, teardown),
		cmocka_unit_test_setup_teardown(test_many_spans, setup, teardown),
		cmocka_unit_test_setup_teardown(test_add_many, setup, teardown),
		cmocka_unit_test_setup_teardown(test_add_many_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_set_str_ids, setup, teardown),
		cmocka_unit_test_setup_teardown(test_set_str_codes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bulk_checks_in_blocks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_names_and_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_many_layers_and_attributes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reuse_across_documents, setup, teardown),
		cmocka_unit_test_setup_teardown(test_step_rules, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
