/*
 * test_quotes_score.c - the accuracy goals, checked on the hand-annotated
 * fixtures with the same matching as tests/score_quotes.py:
 *
 *   seeds.gold.jsonl    the five seed documents: F1 over all kinds
 *                       >= 0.85, reported-speech recall >= 0.70, speaker
 *                       accuracy >= 0.85 among the quotations found;
 *   wmt21.gold.jsonl    five WMT21 machine-translated articles: the same;
 *   toolkit.gold.jsonl  direct-quote cases in the spirit of a well-known
 *                       NLP toolkit's quote tests: F1 >= 0.90.
 *
 * A predicted quotation matches a gold one when their content ranges
 * (the span without quote marks and spaces at either end) overlap with
 * intersection over union >= 0.5, one to one, best first. The speaker is
 * right when it names the gold speaker or one of its aliases.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>

#include "quotes_check.h"

#define MAX_Q 256

enum { K_DIRECT, K_PARTIAL, K_INDIRECT, K_ALL, K_N };
static const char *const kind_names[K_N] = {
	"direct", "partial", "indirect", "all",
};

struct item {
	size_t s, e;         /* content bytes */
	int kind;            /* K_*, -1 for kinds not scored */
	const char *speaker; /* predicted (harness-owned) */
	json_t *gold;        /* the gold object */
};

struct figures {
	size_t tp[K_N], gold[K_N], pred[K_N];
	size_t sp_n, sp_ok;
};

static int kind_index(const char *k, bool quoted_only)
{
	if (!k)
		return -1;
	if (strcmp(k, "direct") == 0)
		return K_DIRECT;
	if (strcmp(k, "partial") == 0)
		return quoted_only ? K_DIRECT : K_PARTIAL;
	if (strcmp(k, "indirect") == 0)
		return quoted_only ? -1 : K_INDIRECT;
	return -1;
}

static bool is_mark_or_space(int32_t c)
{
	static const int32_t marks[] = {
		'"', '\'', '`', ' ', '\t', '\n', 0x201C, 0x201D, 0x2018,
		0x2019, 0x00AB, 0x00BB, 0x201E, 0x201A, 0x2039, 0x203A,
		0x300C, 0x300D, 0x300E, 0x300F,
	};
	for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
		if (c == marks[i])
			return true;
	return false;
}

/* The content range of a predicted span: marks and spaces trimmed. */
static void trim(const char *text, size_t *s, size_t *e)
{
	size_t i = *s, j = *e, k;

	while (i < j) {
		k = i;
		if (!is_mark_or_space(dp_utf8_next(text, j, &k)))
			break;
		i = k;
	}
	while (j > i) {
		k = j;
		if (!is_mark_or_space(dp_utf8_prev(text, &k)))
			break;
		j = k;
	}
	*s = i;
	*e = j;
}

static double iou(const struct item *a, const struct item *b)
{
	size_t lo = a->s > b->s ? a->s : b->s, hi = a->e < b->e ? a->e : b->e;
	size_t ulo = a->s < b->s ? a->s : b->s, uhi = a->e > b->e ? a->e : b->e;

	if (hi <= lo || uhi == ulo)
		return 0.0;
	return (double)(hi - lo) / (double)(uhi - ulo);
}

/* Greedy one-to-one matching, best overlap first; pairs[i] is the
 * predicted index matched to gold i, or -1. Returns the matches. */
static size_t match(const struct item *g, size_t ng, const struct item *p,
                    size_t np, int want, long *pairs)
{
	bool used[MAX_Q] = { false };
	size_t n = 0;

	for (size_t i = 0; i < ng; i++)
		pairs[i] = -1;
	for (;;) {
		double best = 0.5;
		long bi = -1, bj = -1;
		for (size_t i = 0; i < ng; i++) {
			if (pairs[i] >= 0 || (want != K_ALL && g[i].kind != want))
				continue;
			for (size_t j = 0; j < np; j++) {
				double v;
				if (used[j] || (want != K_ALL && p[j].kind != want))
					continue;
				v = iou(&g[i], &p[j]);
				if (v >= best && (bi < 0 || v > best)) {
					best = v;
					bi = (long)i;
					bj = (long)j;
				}
			}
		}
		if (bi < 0)
			return n;
		pairs[bi] = bj;
		used[bj] = true;
		n++;
	}
}

/* Lowercase, ’ as ', no final 's, no periods, no leading article, single
 * spaces: "the U.S. State Department’s" -> "us state department". */
static void norm(const char *in, char *out, size_t cap)
{
	size_t n = 0;
	char *p;

	for (size_t i = 0; in[i] && n + 1 < cap; i++) {
		if ((unsigned char)in[i] == 0xE2 && (unsigned char)in[i + 1] == 0x80 &&
		    (unsigned char)in[i + 2] == 0x99) {
			out[n++] = '\'';
			i += 2;
			continue;
		}
		out[n++] = (in[i] >= 'A' && in[i] <= 'Z') ? (char)(in[i] + 32)
		                                          : in[i];
	}
	out[n] = '\0';
	while (n > 0 && out[n - 1] == ' ')
		out[--n] = '\0';
	if (n >= 2 && out[n - 2] == '\'' && out[n - 1] == 's')
		out[n -= 2] = '\0';
	p = out;
	for (char *q = out; *q; q++)
		if (*q != '.')
			*p++ = *q;
	*p = '\0';
	/* drop a leading article */
	static const char *const art[] = {"the ", "a ", "an "};
	for (size_t k = 0; k < 3; k++) {
		size_t al = strlen(art[k]), ol = strlen(out);
		if (ol >= al && memcmp(out, art[k], al) == 0) {
			memmove(out, out + al, ol - al + 1);
			break;
		}
	}
}

static bool speaker_ok(json_t *gold, const char *pred)
{
	json_t *gs = json_object_get(gold, "speaker");
	json_t *al = json_object_get(gold, "aliases");
	char a[512], b[512];
	size_t i;
	json_t *v;

	if (!pred)
		return json_is_null(gs);
	norm(pred, a, sizeof a);
	if (json_is_string(gs)) {
		norm(json_string_value(gs), b, sizeof b);
		if (strcmp(a, b) == 0)
			return true;
	}
	json_array_foreach(al, i, v) {
		if (!json_is_string(v))
			continue;
		norm(json_string_value(v), b, sizeof b);
		if (strcmp(a, b) == 0)
			return true;
	}
	return false;
}

static void score_file(const char *name, bool quoted_only,
                       struct figures *f)
{
	char path[1024], line[65536 * 4];
	struct dp_harness *h = pipeline(NULL);
	FILE *in;

	memset(f, 0, sizeof(*f));
	snprintf(path, sizeof path, "%s/%s", FIXTURES, name);
	in = fopen(path, "r");
	assert_non_null(in);
	while (fgets(line, sizeof line, in)) {
		json_error_t jerr;
		json_t *doc = json_loads(line, 0, &jerr), *gl, *g;
		struct item gold[MAX_Q], pred[MAX_Q];
		size_t ng = 0, np = 0, i;
		long pairs[MAX_Q];
		const char *text;

		if (!doc)
			fail_msg("%s: %s", name, jerr.text);
		text = json_string_value(json_object_get(doc, "text"));
		assert_non_null(text);
		run(h, text);
		gl = json_object_get(doc, "gold");
		json_array_foreach(gl, i, g) {
			int k = kind_index(json_string_value(
				json_object_get(g, "kind")), quoted_only);
			if (k < 0 || ng == MAX_Q)
				continue;
			gold[ng].s = (size_t)json_integer_value(
				json_object_get(g, "start"));
			gold[ng].e = (size_t)json_integer_value(
				json_object_get(g, "end"));
			gold[ng].kind = k;
			gold[ng].gold = g;
			ng++;
		}
		for (i = 0; i < dp_harness_count(h, "quotes") && np < MAX_Q;
		     i++) {
			struct dp_layer *l = dp_harness_layer(h, "quotes");
			int k = kind_index(dp_harness_attr(h, "quotes", i,
			                                   "kind"), quoted_only);
			if (k < 0)
				continue;
			pred[np].s = dp_layer_start(l, i);
			pred[np].e = dp_layer_end(l, i);
			trim(text, &pred[np].s, &pred[np].e);
			pred[np].kind = k;
			pred[np].speaker = dp_harness_attr(h, "quotes", i,
			                                   "speaker");
			np++;
		}
		for (int k = 0; k < K_N; k++) {
			size_t tp = match(gold, ng, pred, np, k, pairs);
			f->tp[k] += tp;
			for (i = 0; i < ng; i++)
				f->gold[k] += k == K_ALL || gold[i].kind == k;
			for (i = 0; i < np; i++)
				f->pred[k] += k == K_ALL || pred[i].kind == k;
			if (k != K_ALL)
				continue;
			for (i = 0; i < ng; i++) {
				if (pairs[i] < 0)
					continue;
				f->sp_n++;
				f->sp_ok += speaker_ok(gold[i].gold,
				                       pred[pairs[i]].speaker);
			}
		}
		json_decref(doc);
	}
	fclose(in);
	dp_harness_free(h);
}

static double prec(const struct figures *f, int k)
{
	return f->pred[k] ? (double)f->tp[k] / (double)f->pred[k] : 1.0;
}

static double rec(const struct figures *f, int k)
{
	return f->gold[k] ? (double)f->tp[k] / (double)f->gold[k] : 1.0;
}

static double f1(const struct figures *f, int k)
{
	double p = prec(f, k), r = rec(f, k);
	return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

static void report(const char *name, const struct figures *f,
                   bool quoted_only)
{
	print_message("%s\n  %-9s %4s %4s %4s  %6s %6s %6s\n", name, "kind",
	              "tp", "gold", "pred", "P", "R", "F1");
	for (int k = quoted_only ? K_ALL : 0; k < K_N; k++)
		print_message("  %-9s %4zu %4zu %4zu  %6.3f %6.3f %6.3f\n",
		              kind_names[k], f->tp[k], f->gold[k], f->pred[k],
		              prec(f, k), rec(f, k), f1(f, k));
	print_message("  speaker accuracy %.3f (%zu of %zu found)\n",
	              f->sp_n ? (double)f->sp_ok / (double)f->sp_n : 0.0,
	              f->sp_ok, f->sp_n);
}

static void check_news_goals(const char *name)
{
	struct figures f;

	score_file(name, false, &f);
	report(name, &f, false);
	assert_true(f.gold[K_ALL] > 20);
	if (f1(&f, K_ALL) < 0.85)
		fail_msg("%s: F1 %.3f < 0.85", name, f1(&f, K_ALL));
	if (rec(&f, K_INDIRECT) < 0.70)
		fail_msg("%s: reported speech recall %.3f < 0.70", name,
		         rec(&f, K_INDIRECT));
	if ((double)f.sp_ok < 0.85 * (double)f.sp_n)
		fail_msg("%s: speaker accuracy %zu/%zu < 0.85", name, f.sp_ok,
		         f.sp_n);
}

static void test_seeds(void **unused)
{
	(void)unused;
	check_news_goals("seeds.gold.jsonl");
}

static void test_wmt21(void **unused)
{
	(void)unused;
	check_news_goals("wmt21.gold.jsonl");
}

static void test_toolkit(void **unused)
{
	struct figures f;

	(void)unused;
	score_file("toolkit.gold.jsonl", true, &f);
	report("toolkit.gold.jsonl (quote marks only)", &f, true);
	assert_true(f.gold[K_ALL] > 20);
	if (f1(&f, K_ALL) < 0.90)
		fail_msg("toolkit cases: F1 %.3f < 0.90", f1(&f, K_ALL));
}

/* The scorer itself: a perfect and an empty prediction. */
static void test_matching(void **unused)
{
	struct item g[2] = { { 10, 20, K_DIRECT, NULL, NULL },
	                     { 30, 60, K_INDIRECT, NULL, NULL } };
	struct item p[3] = { { 11, 20, K_DIRECT, NULL, NULL },
	                     { 0, 5, K_DIRECT, NULL, NULL },
	                     { 30, 40, K_INDIRECT, NULL, NULL } };
	long pairs[2];
	char buf[64];
	size_t s = 0, e = 15;

	(void)unused;
	assert_int_equal(match(g, 2, p, 3, K_ALL, pairs), 1);
	assert_int_equal(pairs[0], 0);
	assert_int_equal(pairs[1], -1); /* 10/30 < 0.5 */
	assert_int_equal(match(g, 2, p, 0, K_ALL, pairs), 0);
	trim("\xE2\x80\x9C Yes, sir.\" ", &s, &e);
	assert_int_equal(s, 4);
	assert_int_equal(e, 13);
	norm("The U.S. State Department\xE2\x80\x99s", buf, sizeof buf);
	assert_string_equal(buf, "us state department");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_matching),
		cmocka_unit_test(test_seeds),
		cmocka_unit_test(test_wmt21),
		cmocka_unit_test(test_toolkit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
