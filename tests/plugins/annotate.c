/*
 * annotate - test plugin: one span per whitespace-separated word in layer
 * "words", with an int ("n": its index), a string ("lower": the word in
 * ASCII lower case) and a span ("prev": the previous word) attribute.
 * Every third word leaves "lower" unset, to exercise unset values.
 */
#include <docproc/docproc.h>
#include <string.h>

static const char *const provides[] = {"words", NULL};

static int process(void *state, struct dp_doc *doc)
{
	static const struct dp_attr_def attrs[] = {
		{"n", DP_ATTR_INT}, {"lower", DP_ATTR_STR}, {"prev", DP_ATTR_SPAN},
	};
	size_t len, i = 0, n = 0, ps = 0, pe = 0;
	const char *t = dp_doc_text(doc, &len);
	struct dp_layer *l = dp_layer_create(doc, "words", attrs, 3);

	(void)state;
	if (!l)
		return DP_ENOMEM;
	while (i < len) {
		while (i < len && (t[i] == ' ' || t[i] == '\n' || t[i] == '\t'))
			i++;
		if (i >= len)
			break;
		size_t s = i;
		while (i < len && t[i] != ' ' && t[i] != '\n' && t[i] != '\t')
			i++;
		long k = dp_layer_add(l, s, i);
		if (k < 0)
			return (int)k;
		int rc = dp_layer_set_int(l, (size_t)k, 0, (int64_t)n);
		if (rc == 0 && n % 3 != 2) {
			char *low = dp_doc_alloc(doc, i - s + 1);
			if (!low)
				return DP_ENOMEM;
			for (size_t j = s; j < i; j++)
				low[j - s] = (t[j] >= 'A' && t[j] <= 'Z')
				                     ? (char)(t[j] - 'A' + 'a')
				                     : t[j];
			rc = dp_layer_set_str(l, (size_t)k, 1, low, i - s);
		}
		if (rc == 0 && n > 0)
			rc = dp_layer_set_span(l, (size_t)k, 2, ps, pe);
		if (rc)
			return rc;
		ps = s;
		pe = i;
		n++;
	}
	return 0;
}

DP_PLUGIN_DEFINE(.name = "annotate", .version = "1.2.3",
                 .description = "test: one span per word",
                 .provides = provides, .process = process);
