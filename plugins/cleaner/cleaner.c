/*
 * cleaner.c - the `cleaner` plugin: repairs scraped, machine-translated
 * news text and logs every change in the `edits` layer.
 *
 * The driver runs four passes in order (characters, NFC, boilerplate
 * lines, words). Each pass collects a sorted batch of edits over the
 * current text and applies it with one dp_doc_replace_many() call; a pass
 * that changed something runs again, and the four passes are repeated
 * while any of them edits (a few rounds at most), so that the output is a
 * fixed point: cleaning cleaned text makes no edit.
 */
#include <stdlib.h>

#include "cleaner.h"

static const char *const cleaner_provides[] = {"edits", NULL};

static const struct dp_option_def cleaner_options[] = {
	{"encoding", DP_OPT_BOOL, "true", false,
	 "repair mojibake (UTF-8 read as Windows-1252 or Latin-1)", NULL},
	{"entities", DP_OPT_BOOL, "true", false,
	 "decode HTML character references (&amp; &#8217; &nbsp;)", NULL},
	{"invisible", DP_OPT_BOOL, "true", false,
	 "remove zero-width, soft hyphen, BOM, bidi and control characters; "
	 "normalise odd spaces", NULL},
	{"unicode", DP_OPT_BOOL, "true", false,
	 "normalise to Unicode NFC where the text is not NFC", NULL},
	{"cjk", DP_OPT_BOOL, "true", false,
	 "map full-width punctuation, digits and ideographic spaces in Latin "
	 "text to ASCII", NULL},
	{"masks", DP_OPT_BOOL, "true", false,
	 "remove asterisk runs glued to words (\"Iraq**\")", NULL},
	{"masks_markup", DP_OPT_BOOL, "false", false,
	 "also remove **bold** markup and footnote stars (\"price*\")", NULL},
	{"fragments", DP_OPT_BOOL, "true", false,
	 "remove stray particles, dangling reporting fragments, repeated "
	 "words and doubled punctuation", NULL},
	{"spacing", DP_OPT_BOOL, "true", false,
	 "fix missing spaces after sentences and source names, spaces "
	 "before punctuation and inside quotes", NULL},
	{"boilerplate", DP_OPT_BOOL, "true", false,
	 "remove web boilerplate lines (menus, share/comment lines, credits, "
	 "title suffixes, tag runs, repeated headline)", NULL},
	{NULL, 0, NULL, false, NULL, NULL},
};

static int cleaner_init(const struct dp_options *opts, void **state,
                        struct dp_error *err)
{
	struct cleaner_opts *o = calloc(1, sizeof(*o));
	if (!o)
		return dp_error_set(err, DP_ENOMEM, "cleaner: out of memory");
	o->encoding = dp_opt_bool(opts, "encoding");
	o->entities = dp_opt_bool(opts, "entities");
	o->invisible = dp_opt_bool(opts, "invisible");
	o->unicode = dp_opt_bool(opts, "unicode");
	o->cjk = dp_opt_bool(opts, "cjk");
	o->masks = dp_opt_bool(opts, "masks");
	o->masks_markup = dp_opt_bool(opts, "masks_markup");
	o->fragments = dp_opt_bool(opts, "fragments");
	o->spacing = dp_opt_bool(opts, "spacing");
	o->boilerplate = dp_opt_bool(opts, "boilerplate");
	o->avx2 = docscan_have_avx2();
	lang_index_init(&o->langs);
	*state = o;
	return DP_OK;
}

static void cleaner_fini(void *state)
{
	free(state);
}

typedef int (*pass_fn)(const struct cleaner_opts *, struct batch *,
                       struct docscan *);

/* Runs one pass until it makes no more edits (at most three rounds);
 * sets *changed when it edited the text. */
static int run_pass(const struct cleaner_opts *o, struct dp_doc *doc,
                    struct docscan *ds, pass_fn pass, const char *name,
                    bool *changed)
{
	for (int round = 0; round < 3; round++) {
		struct batch b;
		batch_init(&b, doc);
		int r = pass(o, &b, ds);
		if (r == DP_ENOMEM)
			return dp_doc_fail(doc, "cleaner: out of memory (%s)",
			                   name);
		if (r)
			return dp_doc_fail(doc, "cleaner: %s pass: %s", name,
			                   dp_strerror(r));
		if (b.n == 0)
			return 0;
		batch_finish(&b);
		r = dp_doc_replace_many(doc, b.v, b.n);
		ds->valid = false;      /* the text changed */
		if (r)
			return dp_doc_fail(doc, "cleaner: %s pass: applying %zu "
			                   "edits: %s", name, b.n,
			                   dp_strerror(r));
		*changed = true;
	}
	return 0;
}

static int cleaner_process(void *state, struct dp_doc *doc)
{
	const struct cleaner_opts *o = state;
	bool chars = o->encoding || o->entities || o->invisible || o->cjk;
	struct docscan ds = {.valid = false, .avx2 = o->avx2};
	/* an edit of one pass can change the context of another (a removed
	 * word brings two characters together): repeat all passes until
	 * none edits, so that cleaning the output again changes nothing */
	for (int round = 0; round < 4; round++) {
		bool changed = false;
		int r;
		/* the classification first: the characters and NFC passes
		 * have nothing to do in most texts (plain ASCII without '&'
		 * or controls), and are not even started then */
		if ((r = docscan_get(&ds, doc)))
			return dp_doc_fail(doc, "cleaner: out of memory");
		if (chars && (ds.flags & DS_CHARS) &&
		    (r = run_pass(o, doc, &ds, pass_chars, "characters",
		                  &changed)))
			return r;
		if ((ds.flags & DS_HIGH) &&
		    (r = run_pass(o, doc, &ds, pass_nfc, "nfc", &changed)))
			return r;
		if ((r = run_pass(o, doc, &ds, pass_lines, "boilerplate", &changed)))
			return r;
		if ((r = run_pass(o, doc, &ds, pass_words, "words", &changed)))
			return r;
		if (!changed)
			break;
	}
	return 0;
}

DP_PLUGIN_DEFINE(
	.name = "cleaner",
	.version = "0.1.0",
	.description = "repairs scraped, machine-translated news text "
	               "(mojibake, entities, invisible characters, CJK "
	               "residue, fragments, spacing, boilerplate) and logs "
	               "every edit",
	.requires = NULL,
	.provides = cleaner_provides,
	.options = cleaner_options,
	.init = cleaner_init,
	.process = cleaner_process,
	.fini = cleaner_fini);
