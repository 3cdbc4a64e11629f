/*
 * badspan - test plugin writing invalid spans into its layer "bad".
 * Option mode: outside (past the end of the text), inside_char (inside a
 * multi-byte UTF-8 character: the text must start with one), reversed
 * (start > end), attr (a span attribute outside the text), ok (a valid
 * span, for comparison); many_reversed and many_outside write a valid
 * span and then the bad one with dp_layer_add_many() (ABI 1.1);
 * many_at writes 40 spans with dp_layer_add_many(), the one at index
 * option "at" bad (reversed when "at" is even, past the end when odd);
 * ("at" 40 to 79: the span at index at - 40 is [2^31 + 5, 2^31 + 6) when
 * even, [0, 2^31 + 5) when odd: offsets the core reads as negative in its
 * signed vector compares); many_unsorted writes 40 valid one-byte spans in decreasing order (the
 * text must have 40 bytes), which the core must sort.
 */
#include <docproc/docproc.h>
#include <string.h>

static const char *const provides[] = {"bad", NULL};
static const char *const modes[] = {"outside", "inside_char", "reversed",
                                    "attr", "ok", "many_reversed",
                                    "many_outside", "many_at",
                                    "many_unsorted", NULL};
static const struct dp_option_def options[] = {
	{"mode", DP_OPT_STRING, NULL, true, "which invalid span to write",
	 modes},
	{"at", DP_OPT_INT, "0", false, "many_at: index of the bad span",
	 NULL},
	{NULL, 0, NULL, false, NULL, NULL},
};

/* The state: the mode's index + 1 in the low byte, "at" above it. */
static int init(const struct dp_options *opts, void **state,
                struct dp_error *err)
{
	const char *m = dp_opt_string(opts, "mode");
	int64_t at = dp_opt_int(opts, "at");

	(void)err;
	if (at < 0 || at >= 80)
		at = 0;
	for (int i = 0; modes[i]; i++)
		if (strcmp(m, modes[i]) == 0)
			*state = (void *)(long)((i + 1) | (at << 8));
	return 0;
}

static int process(void *state, struct dp_doc *doc)
{
	static const struct dp_attr_def attrs[] = {{"ref", DP_ATTR_SPAN}};
	size_t len;
	long k;

	dp_doc_text(doc, &len);
	struct dp_layer *l = dp_layer_create(doc, "bad", attrs, 1);
	if (!l)
		return DP_ENOMEM;
	switch ((int)((long)state & 0xff)) {
	case 1: k = dp_layer_add(l, 0, len + 1); break;
	case 2: k = dp_layer_add(l, 1, len); break;
	case 3: k = dp_layer_add(l, len, 0); break;
	case 4:
		k = dp_layer_add(l, 0, len);
		if (k >= 0 && dp_layer_set_span(l, (size_t)k, 0, len, len + 5))
			return dp_doc_fail(doc, "set_span refused");
		break;
	case 6:
	case 7: {
		/* [0, 2) is the first character (the tests start the text
		 * with "é"); the second span is reversed or ends past the
		 * text */
		uint32_t s[2] = {0, (uint32_t)len}, e[2] = {2, 0};

		if (((long)state & 0xff) == 7)
			e[1] = (uint32_t)len + 1;
		k = dp_layer_add_many(l, 2, s, e);
		break;
	}
	case 8:
	case 9: {
		uint32_t s[40], e[40];
		long at = (long)state >> 8;

		for (uint32_t i = 0; i < 40; i++) {
			/* many_at: all [0, 1) but one; many_unsorted:
			 * [39 - i, 40 - i) */
			s[i] = ((long)state & 0xff) == 8 ? 0 : 39 - i;
			e[i] = s[i] + 1;
		}
		if (((long)state & 0xff) == 8 && at >= 40) {
			at -= 40;
			s[at] = (at & 1) ? 0 : 0x80000005u;
			e[at] = (at & 1) ? 0x80000005u : 0x80000006u;
		} else if (((long)state & 0xff) == 8) {
			s[at] = (at & 1) ? 0 : (uint32_t)len;
			e[at] = (at & 1) ? (uint32_t)len + 1 : 0;
		}
		k = dp_layer_add_many(l, 40, s, e);
		break;
	}
	default: k = dp_layer_add(l, 0, len); break;
	}
	return k < 0 ? (int)k : 0;
}

DP_PLUGIN_DEFINE(.name = "badspan", .version = "1.0",
                 .description = "test: writes invalid spans",
                 .provides = provides, .options = options, .init = init,
                 .process = process);
