/*
 * quotes_check.h - helpers shared by the quotes plugin's tests: a
 * tokenizer + quotes pipeline in the harness, and finding a quotation by
 * its text. Include after <cmocka.h>.
 */
#ifndef QUOTES_CHECK_H
#define QUOTES_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <docproc/docproc.h>
#include <docproc/harness.h>

/* A harness running the tokenizer, then quotes with @options. */
static inline struct dp_harness *pipeline(const char *options)
{
	struct dp_harness *h = dp_harness_new();

	assert_non_null(h);
	if (dp_harness_add(h, TOKENIZER_LA, NULL) != 0)
		fail_msg("loading the tokenizer: %s", dp_harness_error(h));
	if (dp_harness_add(h, PLUGIN_LA, options) != 0)
		fail_msg("loading quotes: %s", dp_harness_error(h));
	return h;
}

static inline void run(struct dp_harness *h, const char *text)
{
	if (dp_harness_run(h, text, NULL) != 0)
		fail_msg("run: %s", dp_harness_error(h));
}

/* Index of the quotation whose `text` is @text (and whose kind is @kind
 * unless NULL), or -1. */
static inline long find_quote(struct dp_harness *h, const char *text,
                              const char *kind)
{
	size_t n = dp_harness_count(h, "quotes");

	for (size_t i = 0; i < n; i++) {
		const char *t = dp_harness_attr(h, "quotes", i, "text");
		const char *k = dp_harness_attr(h, "quotes", i, "kind");
		if (t && strcmp(t, text) == 0 &&
		    (!kind || (k && strcmp(k, kind) == 0)))
			return (long)i;
	}
	return -1;
}

/* Prints the layer, for failure messages. */
static inline void dump_quotes(struct dp_harness *h)
{
	size_t n = dp_harness_count(h, "quotes");

	for (size_t i = 0; i < n; i++) {
		const char *sp = dp_harness_attr(h, "quotes", i, "speaker");
		const char *cue = dp_harness_attr(h, "quotes", i, "cue");
		print_message("  [%zu] %s | %s | speaker=%s | cue=%s\n", i,
		              dp_harness_attr(h, "quotes", i, "kind"),
		              dp_harness_attr(h, "quotes", i, "text"),
		              sp ? sp : "(null)", cue ? cue : "(null)");
	}
}

#endif /* QUOTES_CHECK_H */
