/*
 * tokens_stub.c - a tiny, test-only stand-in for the tokenizer: provides
 * `tokens` with a `kind` attribute (word, number, punct), so that the
 * template's tests do not depend on the real tokenizer's rules.
 *
 * A word is a run of ASCII letters, apostrophes, hyphens or non-ASCII
 * characters; a number a run of ASCII digits; every other non-space ASCII
 * byte is one punct token. Never installed.
 */
#include <docproc/docproc.h>

#include <stdbool.h>

static const char *const stub_provides[] = {"tokens", NULL};

/* `create: false` declares `tokens` but never creates it, to test how a
 * reader handles a missing layer. */
static const struct dp_option_def stub_options[] = {
	{.key = "create", .type = DP_OPT_BOOL, .default_value = "true",
	 .description = "create the tokens layer"},
	{.key = NULL},
};

/* The state is one of two constants: no allocation, nothing to free. */
static const bool stub_yes = true, stub_no = false;

static int stub_init(const struct dp_options *opts, void **state,
                     struct dp_error *err)
{
	(void)err;
	*state = (void *)(dp_opt_bool(opts, "create") ? &stub_yes : &stub_no);
	return 0;
}

static bool is_word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80 ||
	       c == '\'' || c == '-';
}

static bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static bool is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	       c == '\f';
}

static int stub_process(void *state, struct dp_doc *doc)
{
	static const struct dp_attr_def attrs[] = {{"kind", DP_ATTR_STR}};
	size_t len, i = 0;
	const char *t = dp_doc_text(doc, &len);
	struct dp_layer *l;
	uint32_t word, number, punct;

	if (!*(const bool *)state)
		return 0;
	l = dp_layer_create(doc, "tokens", attrs, 1);
	word = dp_doc_intern(doc, "word", 4);
	number = dp_doc_intern(doc, "number", 6);
	punct = dp_doc_intern(doc, "punct", 5);
	if (!l)
		return DP_EPLUGIN;
	if (!word || !number || !punct)
		return DP_ENOMEM;
	while (i < len) {
		unsigned char c = (unsigned char)t[i];
		size_t start = i;
		uint32_t kind;
		long k;
		int rc;

		if (is_space(c) || c == '\0') {
			i++;
			continue;
		}
		if (is_word_byte(c)) {
			while (i < len && is_word_byte((unsigned char)t[i]))
				i++;
			kind = word;
		} else if (is_digit(c)) {
			while (i < len && is_digit((unsigned char)t[i]))
				i++;
			kind = number;
		} else {
			i++;
			kind = punct;
		}
		k = dp_layer_add(l, start, i);
		if (k < 0)
			return (int)k;
		rc = dp_layer_set_str_id(l, (size_t)k, 0, kind);
		if (rc)
			return rc;
	}
	return 0;
}

DP_PLUGIN_DEFINE(
	.name = "tokens_stub",
	.version = "0.0.0",
	.description = "test-only tokens provider for the template's tests",
	.provides = stub_provides,
	.options = stub_options,
	.init = stub_init,
	.process = stub_process);
