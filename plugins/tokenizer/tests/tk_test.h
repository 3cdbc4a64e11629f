/*
 * tk_test.h - helpers shared by the tokenizer's cmocka tests: the seed
 * fixtures, a harness with the plugin loaded, and checks that compare a
 * layer's spans with an expected rendering.
 */
#ifndef TOKENIZER_TK_TEST_H
#define TOKENIZER_TK_TEST_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <docproc/docproc.h>
#include <docproc/harness.h>

#define TK_UNUSED __attribute__((unused))

static const char *const seeds[] TK_UNUSED = {
	"000_b95dc00c3e00e5c8.txt", "001_d5d0b5995cae1cbc.txt",
	"002_a09dc9ca2b113393.txt", "003_4fb25f17430b9f0d.txt",
	"004_d851116e90d38db6.txt",
};

static inline char *read_file(const char *name, size_t *len)
{
	char path[1024];
	FILE *f;
	char *buf;
	long n;

	snprintf(path, sizeof path, "%s/%s", FIXTURES, name);
	f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	if (len)
		*len = (size_t)n;
	return buf;
}

static inline struct dp_harness *harness(const char *options)
{
	struct dp_harness *h = dp_harness_new();

	assert_non_null(h);
	if (dp_harness_add(h, PLUGIN_LA, options) != 0)
		fail_msg("loading the tokenizer: %s", dp_harness_error(h));
	return h;
}

static inline void run(struct dp_harness *h, const char *text)
{
	if (dp_harness_run(h, text, NULL) != 0)
		fail_msg("run: %s", dp_harness_error(h));
}

/* The texts of a layer's spans joined with @sep (tokens never hold white
 * space, so " " separates them unambiguously). Caller frees. */
static inline char *joined(struct dp_harness *h, const char *layer, const char *sep)
{
	size_t n = dp_harness_count(h, layer), cap = 1, used = 0;
	char *out;

	for (size_t i = 0; i < n; i++)
		cap += strlen(dp_harness_span_text(h, layer, i)) + strlen(sep);
	out = malloc(cap);
	assert_non_null(out);
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		const char *t = dp_harness_span_text(h, layer, i);

		used += (size_t)snprintf(out + used, cap - used, "%s%s",
		                         i ? sep : "", t);
	}
	return out;
}

/* Token texts with their kinds: "Mr./word Ryder/word ./punct". */
static inline char *tokens_kinds(struct dp_harness *h)
{
	size_t n = dp_harness_count(h, "tokens"), cap = 1, used = 0;
	char *out;

	for (size_t i = 0; i < n; i++)
		cap += strlen(dp_harness_span_text(h, "tokens", i)) +
		       strlen(dp_harness_attr(h, "tokens", i, "kind")) + 2;
	out = malloc(cap);
	assert_non_null(out);
	out[0] = '\0';
	for (size_t i = 0; i < n; i++)
		used += (size_t)snprintf(out + used, cap - used, "%s%s/%s",
		                         i ? " " : "",
		                         dp_harness_span_text(h, "tokens", i),
		                         dp_harness_attr(h, "tokens", i, "kind"));
	return out;
}

static inline void check_tokens(struct dp_harness *h, const char *text,
                         const char *expected)
{
	char *got;

	run(h, text);
	got = joined(h, "tokens", " ");
	if (strcmp(got, expected)) {
		print_error("text:     %s\nexpected: %s\ngot:      %s\n", text,
		            expected, got);
		free(got);
		fail();
	}
	free(got);
}

static inline void check_kinds(struct dp_harness *h, const char *text,
                        const char *expected)
{
	char *got;

	run(h, text);
	got = tokens_kinds(h);
	if (strcmp(got, expected)) {
		print_error("text:     %s\nexpected: %s\ngot:      %s\n", text,
		            expected, got);
		free(got);
		fail();
	}
	free(got);
}

/* Sentences joined with " | ". */
static inline void check_sentences(struct dp_harness *h, const char *text,
                            const char *expected)
{
	char *got;

	run(h, text);
	got = joined(h, "sentences", " | ");
	if (strcmp(got, expected)) {
		print_error("text:     %s\nexpected: %s\ngot:      %s\n", text,
		            expected, got);
		free(got);
		fail();
	}
	free(got);
}

#endif /* TOKENIZER_TK_TEST_H */
