/*
 * test_runner.c - the batch engine: output order with one and several
 * workers, failing documents as error records in their place, every kind
 * of input, the checks after each plugin, statistics.
 */
#include "config.h"
#include "core/runner.h"
#include "testutil.h"
#include "tmpdir.h"

#include <sys/stat.h>
#include <unistd.h>

static int group_setup(void **state)
{
	(void)state;
	return tmpdir_setup("runner");
}

static char *path(const char *name)
{
	static char p[8][512];
	static int k;

	k = (k + 1) % 8;
	snprintf(p[k], sizeof p[k], "%s/%s", tmpdir, name);
	return p[k];
}

static void write_file(const char *name, const char *data, size_t len);
#define write_str(name, s) write_file((name), (s), strlen(s))
static void write_file(const char *name, const char *data, size_t len)
{
	FILE *f = fopen(path(name), "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

struct result {
	char *out;
	size_t len;
	json_t **rec;      /* parsed lines */
	size_t n;
	struct dp_run_stats st;
};

static void result_free(struct result *r)
{
	for (size_t i = 0; i < r->n; i++)
		json_decref(r->rec[i]);
	free(r->rec);
	free(r->out);
	free(r->st.step_ns);
	memset(r, 0, sizeof *r);
}

#define HDR "docproc: 1\nplugin_path: [" TEST_PLUGIN_DIR "]\n"

/* Runs the pipeline of @yaml over @inputs with @jobs workers; @jobs 0 is
 * one worker in the calling thread (o.one_thread). */
static void run(const char *yaml, const char *const *inputs, size_t nin,
                int jobs, struct result *r)
{
	struct dp_config cfg;
	struct dp_pipeline pl;
	struct dp_error err;
	struct dp_input *in;
	struct dp_run_opts o = {0};
	char *paths[16];
	FILE *f;

	memset(r, 0, sizeof *r);
	dp_error_clear(&err);
	assert_int_equal(dp_config_load_string(&cfg, yaml, strlen(yaml), "r.yaml",
	                                       &err), 0);
	if (dp_pipeline_build(&pl, &cfg, &err)) {
		print_error("%s\n", err.msg);
		fail();
	}
	for (size_t i = 0; i < nin; i++)
		paths[i] = strcmp(inputs[i], "-") && inputs[i][0] != '/'
		                   ? path(inputs[i]) : (char *)inputs[i];
	assert_int_equal(dp_input_open(&in, paths, nin, &err), 0);
	f = open_memstream(&r->out, &r->len);
	assert_non_null(f);
	o.jobs = jobs ? jobs : 1;
	o.one_thread = jobs == 0;
	o.time_steps = true;
	o.out = f;
	o.json.with_text = true;
	o.json.layers = cfg.layers_set ? cfg.layers : NULL;
	o.json.nlayers = cfg.nlayers;
	struct dp_stamp stamps[8];
	for (size_t i = 0; i < pl.n && i < 8; i++) {
		stamps[i].name = pl.steps[i].mod.desc->name;
		stamps[i].version = pl.steps[i].mod.desc->version;
	}
	o.json.plugins = stamps;
	o.json.nplugins = pl.n;
	assert_int_equal(dp_run(&pl, in, &o, &r->st), 0);
	assert_int_equal(fclose(f), 0);
	dp_input_close(in);
	dp_pipeline_free(&pl);
	dp_config_free(&cfg);
	/* every line is one JSON object */
	size_t cap = 16;
	r->rec = malloc(cap * sizeof *r->rec);
	for (char *p = r->out; p && *p;) {
		char *nl = strchr(p, '\n');
		json_error_t jerr;
		assert_non_null(nl);
		if (r->n == cap)
			r->rec = realloc(r->rec, (cap *= 2) * sizeof *r->rec);
		r->rec[r->n] = json_loadb(p, (size_t)(nl - p), 0, &jerr);
		if (!r->rec[r->n]) {
			print_error("line %zu: %s\n", r->n + 1, jerr.text);
			fail();
		}
		r->n++;
		p = nl + 1;
	}
	assert_int_equal(r->n, r->st.docs);
	assert_int_equal(r->st.docs, r->st.ok + r->st.failed);
}

static const char *str(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static const char *err_field(json_t *o, const char *k)
{
	return json_string_value(json_object_get(json_object_get(o, "error"), k));
}

/* ------------------------------------------------------------- tests */

static void make_corpus(const char *name, int n)
{
	struct dp_buf b = {0};

	for (int i = 0; i < n; i++) {
		dp_buf_printf(&b, "{\"id\":\"d%d\",\"text\":\"", i);
		/* sizes from a few bytes to ~30 KB so that workers finish
		 * out of order */
		int words = (i * 7919) % 97 == 0 ? 3000 : 1 + (i * 31) % 40;
		for (int w = 0; w < words; w++)
			dp_buf_printf(&b, "%s ", w % 5 ? "word" : "colour");
		if (i % 17 == 5)
			dp_buf_printf(&b, "FAIL here");
		dp_buf_printf(&b, "\",\"meta\":{\"i\":%d}}\n", i);
	}
	write_file(name, b.data, b.len);
	dp_buf_free(&b);
}

static void test_order_and_failures(void **state)
{
	const char *y = HDR "pipeline:\n  - plugin: edit\n  - plugin: annotate\n"
	                "  - plugin: failing\n";
	const char *in[] = {"corpus.jsonl"};
	struct result r0, r1, r4;

	make_corpus("corpus.jsonl", 400);
	run(y, in, 1, 1, &r1);
	run(y, in, 1, 4, &r4);
	run(y, in, 1, 0, &r0);
	assert_int_equal(r1.n, 400);
	/* byte-identical whatever the number of workers, and in one thread */
	assert_int_equal(r1.len, r4.len);
	assert_memory_equal(r1.out, r4.out, r1.len);
	assert_int_equal(r1.len, r0.len);
	assert_memory_equal(r1.out, r0.out, r1.len);
	assert_int_equal(r0.st.docs, 400);
	assert_int_equal(r0.st.failed, r1.st.failed);
	/* the steps were timed (the summary's plugin shares) */
	assert_true(r0.st.step_ns[0] > 0 && r1.st.step_ns[2] > 0);
	size_t failed = 0;
	for (size_t i = 0; i < r1.n; i++) {
		char id[32];
		snprintf(id, sizeof id, "d%zu", i);
		assert_string_equal(str(r1.rec[i], "id"), id);
		if (i % 17 == 5) {
			/* an error record in the document's place */
			failed++;
			assert_string_equal(str(r1.rec[i], "status"), "error");
			assert_string_equal(err_field(r1.rec[i], "plugin"),
			                    "failing");
			char want[64];
			snprintf(want, sizeof want,
			         "document 'd%zu' contains FAIL", i);
			assert_string_equal(err_field(r1.rec[i], "message"), want);
			/* with its meta and input text, to be run again */
			assert_int_equal(json_integer_value(json_object_get(
				json_object_get(r1.rec[i], "meta"), "i")), (int)i);
			assert_contains(str(r1.rec[i], "text"), "colour");
			continue;
		}
		assert_string_equal(str(r1.rec[i], "status"), "ok");
		assert_null(json_object_get(r1.rec[i], "error"));
		assert_not_contains(str(r1.rec[i], "text"), "colour");
		assert_contains(str(r1.rec[i], "text"), "color");
		json_t *layers = json_object_get(r1.rec[i], "layers");
		json_t *edits = json_object_get(layers, "edits");
		json_t *words = json_object_get(layers, "words");
		assert_true(json_array_size(edits) >= 1);
		assert_true(json_array_size(words) >= 1);
		json_t *e0 = json_array_get(edits, 0);
		assert_string_equal(str(e0, "before"), "colour");
		assert_string_equal(str(e0, "after"), "color");
		assert_string_equal(str(e0, "rule"), "spelling.colour");
		/* provenance names every plugin */
		json_t *pl = json_object_get(json_object_get(r1.rec[i], "docproc"),
		                             "plugins");
		assert_int_equal(json_array_size(pl), 3);
		assert_string_equal(str(json_array_get(pl, 1), "name"),
		                    "annotate");
		assert_string_equal(str(json_array_get(pl, 1), "version"),
		                    "1.2.3");
	}
	assert_int_equal(r1.st.failed, failed);
	assert_int_equal(r4.st.failed, failed);
	assert_int_equal(r1.st.ok, 400 - failed);
	result_free(&r0);
	result_free(&r1);
	result_free(&r4);
}

static void test_edit_one_call_each(void **state)
{
	const char *y = HDR "pipeline:\n  - plugin: edit\n    options: {batch: "
	                "false}\n  - plugin: annotate\n";
	const char *in[] = {"e.jsonl"};
	struct result r;
	const char *line = "{\"id\":\"e\",\"text\":\"The  colour,   the "
	                   "colour.\"}\n";

	write_file("e.jsonl", line, strlen(line));
	run(y, in, 1, 2, &r);
	assert_int_equal(r.n, 1);
	if (strcmp(str(r.rec[0], "status"), "ok") != 0)
		print_error("%s\n", r.out);
	assert_string_equal(str(r.rec[0], "status"), "ok");
	assert_string_equal(str(r.rec[0], "text"), "The color, the color.");
	json_t *edits = json_object_get(json_object_get(r.rec[0], "layers"),
	                                "edits");
	assert_int_equal(json_array_size(edits), 5);
	json_t *e1 = json_array_get(edits, 1);
	assert_int_equal(json_integer_value(json_object_get(e1, "orig_start")),
	                 5);
	assert_int_equal(json_integer_value(json_object_get(e1, "orig_end")),
	                 11);
	assert_int_equal(json_integer_value(json_object_get(e1, "start")), 4);
	assert_int_equal(json_integer_value(json_object_get(e1, "end")), 9);
	result_free(&r);
}

static void test_input_kinds(void **state)
{
	const char *y = HDR "pipeline:\n  - plugin: annotate\n";
	struct result r;

	mkdir(path("dir"), 0755);
	mkdir(path("dir/sub"), 0755);
	write_file("dir/b.txt", "bee", 3);
	write_file("dir/a.txt", "ay", 2);
	write_str("dir/sub/c.jsonl", "{\"id\":\"c1\",\"text\":\"see\"}\n\n"
	          "   \n{\"id\":\"c2\",\"text\":\"sea\"}");
	write_file("dir/skip.md", "not an input", 12);
	write_file("dir/.hidden.txt", "hidden", 6);
	write_file("dir/bad.txt", "ok \xff\xfe bad", 10);
	write_file("empty.txt", "", 0);
	write_file("empty.jsonl", "", 0);
	write_str("top.jsonl", "{\"id\":\"t1\",\"text\":\"one\"}\n"
	          "{\"id\":\"t2\",\"text\":\"tw\xc3\"}\n"
	          "{\"id\":\"t3\",\"text\":\"three\"}\n");
	const char *in[] = {"empty.txt", "dir", "empty.jsonl", "missing.txt",
	                    "top.jsonl"};
	run(y, in, 5, 3, &r);
	assert_int_equal(r.n, 10);
	static const char *const ids[] = {"empty", "a", "b", "bad", NULL, NULL,
	                                  "missing", "t1", NULL, "t3"};
	static const char *const status[] = {"ok", "ok", "ok", "error", "ok",
	                                     "ok", "error", "ok", "error",
	                                     "ok"};
	for (size_t i = 0; i < r.n; i++) {
		if (ids[i])
			assert_string_equal(str(r.rec[i], "id"), ids[i]);
		assert_string_equal(str(r.rec[i], "status"), status[i]);
	}
	assert_string_equal(str(r.rec[4], "id"), "c1");
	assert_string_equal(str(r.rec[5], "id"), "c2");
	/* the empty document is a valid, empty record */
	assert_string_equal(str(r.rec[0], "text"), "");
	assert_int_equal(json_array_size(json_object_get(
		json_object_get(r.rec[0], "layers"), "words")), 0);
	/* invalid UTF-8 in a .txt: an error naming the byte, not altered */
	assert_string_equal(err_field(r.rec[3], "plugin"), "docproc");
	assert_contains(err_field(r.rec[3], "message"),
	                "bad.txt: invalid UTF-8 at byte 3");
	assert_null(json_object_get(r.rec[3], "text"));
	/* a missing file */
	assert_contains(err_field(r.rec[6], "message"), "missing.txt");
	assert_contains(err_field(r.rec[6], "message"), "No such file");
	/* invalid UTF-8 in a JSON line: that line's error, with its line */
	assert_contains(err_field(r.rec[8], "message"), "top.jsonl:2:");
	json_t *inp = json_object_get(r.rec[8], "input");
	assert_int_equal(json_integer_value(json_object_get(inp, "line")), 2);
	assert_contains(str(inp, "source"), "top.jsonl");
	assert_int_equal(r.st.failed, 3);
	/* every kind of input and failure the same in one thread */
	struct result r0;
	run(y, in, 5, 0, &r0);
	assert_int_equal(r0.len, r.len);
	assert_memory_equal(r0.out, r.out, r.len);
	assert_int_equal(r0.st.failed, 3);
	result_free(&r0);
	result_free(&r);
}

static void test_contract_violations(void **state)
{
	static const struct {
		const char *yaml, *plugin, *msg;
	} c[] = {
		{HDR "pipeline:\n  - plugin: annotate\n  - plugin: undeclared\n",
		 "undeclared", "creates layer 'secret' but does not list it"},
		{HDR "pipeline:\n  - plugin: annotate\n  - plugin: undeclared\n"
		     "    options: {mode: foreign}\n",
		 "undeclared", "layer 'words' belongs to another plugin"},
		{HDR "pipeline:\n  - plugin: annotate\n  - plugin: undeclared\n"
		     "    options: {mode: edit}\n",
		 "undeclared", "does not list 'edits' in its provides"},
		{HDR "pipeline:\n  - plugin: badspan\n    options: {mode: outside}\n",
		 "badspan", "layer 'bad' span 0 [0, 13) is outside the text (12 "
		 "bytes)"},
		{HDR "pipeline:\n  - plugin: badspan\n    options: {mode: reversed}\n",
		 "badspan", "[12, 0) is outside the text (12 bytes) or reversed"},
		{HDR "pipeline:\n  - plugin: badspan\n    options: {mode: inside_char}\n",
		 "badspan", "does not lie on UTF-8 character boundaries"},
		{HDR "pipeline:\n  - plugin: badspan\n    options: {mode: attr}\n",
		 "badspan", "attribute 'ref' [12, 17) is outside the text"},
		{HDR "pipeline:\n  - plugin: badspan\n"
		     "    options: {mode: many_reversed}\n",
		 "badspan", "layer 'bad' span 1 [12, 0) is outside the text (12 "
		 "bytes) or reversed"},
		{HDR "pipeline:\n  - plugin: badspan\n"
		     "    options: {mode: many_outside}\n",
		 "badspan", "layer 'bad' span 1 [12, 13) is outside the text"},
	};
	const char *in[] = {"v.jsonl"};
	/* "é" first: a span starting at byte 1 is inside it; the second
	 * file has the same 12 bytes in ASCII, which the core checks by
	 * another path (every offset of an ASCII text is a boundary) */
	const char *line = "{\"id\":\"v\",\"text\":\"\\u00e9 is a word\"}\n"
	                   "{\"id\":\"w\",\"text\":\"\\u00e9 is a word\"}\n";
	const char *ascii = "{\"id\":\"v\",\"text\":\"ee is a word\"}\n"
	                    "{\"id\":\"w\",\"text\":\"ee is a word\"}\n";
	struct result r;

	for (size_t k = 0; k < 2 * (sizeof c / sizeof *c); k++) {
		size_t n = sizeof c / sizeof *c;
		const char *f = k < n ? line : ascii;
		if (k % n == 0)
			write_file("v.jsonl", f, strlen(f));
		if (k >= n && strstr(c[k % n].msg, "UTF-8"))
			continue;   /* no character to be inside of */
		run(c[k % n].yaml, in, 1, 2, &r);
		assert_int_equal(r.n, 2);
		for (size_t i = 0; i < 2; i++) {
			assert_string_equal(str(r.rec[i], "status"), "error");
			assert_string_equal(err_field(r.rec[i], "plugin"),
			                    c[k % n].plugin);
			assert_contains(err_field(r.rec[i], "message"),
			                c[k % n].msg);
		}
		result_free(&r);
	}
	/* and the valid span passes, in both texts */
	for (int k = 0; k < 2; k++) {
		const char *f = k ? ascii : line;
		write_file("v.jsonl", f, strlen(f));
		run(HDR "pipeline:\n  - plugin: badspan\n    options: {mode: ok}\n",
		    in, 1, 1, &r);
		assert_string_equal(str(r.rec[0], "status"), "ok");
		result_free(&r);
	}
}

/* The core checks the spans of an ASCII text four at a time: a bad span
 * at each of 40 places is found and named, and 40 spans written in
 * decreasing order come out sorted. */
static void test_span_checks_in_blocks(void **state)
{
	const char *in[] = {"s.jsonl"};
	const char *line = "{\"id\":\"s\",\"text\":"
	                   "\"forty bytes of plain ASCII text, exactly\"}\n";
	char yaml[256], want[128];
	struct result r;

	(void)state;
	write_file("s.jsonl", line, strlen(line));
	for (int at = 0; at < 40; at++) {
		snprintf(yaml, sizeof yaml, HDR "pipeline:\n  - plugin: badspan\n"
		         "    options: {mode: many_at, at: %d}\n", at);
		run(yaml, in, 1, 1, &r);
		assert_int_equal(r.n, 1);
		assert_string_equal(str(r.rec[0], "status"), "error");
		snprintf(want, sizeof want, "layer 'bad' span %d [", at);
		assert_contains(err_field(r.rec[0], "message"), want);
		assert_contains(err_field(r.rec[0], "message"),
		                at & 1 ? "[0, 41) is outside the text (40 bytes)"
		                       : "[40, 0) is outside the text (40 bytes)");
		result_free(&r);
	}
	/* offsets of 2^31 and more, which the vector compares read as
	 * negative numbers */
	for (int at = 0; at < 40; at++) {
		snprintf(yaml, sizeof yaml, HDR "pipeline:\n  - plugin: badspan\n"
		         "    options: {mode: many_at, at: %d}\n", at + 40);
		run(yaml, in, 1, 1, &r);
		assert_int_equal(r.n, 1);
		assert_string_equal(str(r.rec[0], "status"), "error");
		snprintf(want, sizeof want, "layer 'bad' span %d [%s) is "
		         "outside the text (40 bytes)", at,
		         at & 1 ? "0, 2147483653" : "2147483653, 2147483654");
		assert_contains(err_field(r.rec[0], "message"), want);
		result_free(&r);
	}
	run(HDR "pipeline:\n  - plugin: badspan\n    options: {mode: many_unsorted}\n",
	    in, 1, 1, &r);
	assert_string_equal(str(r.rec[0], "status"), "ok");
	json_t *bad = json_object_get(json_object_get(r.rec[0], "layers"), "bad");
	assert_int_equal(json_array_size(bad), 40);
	for (size_t i = 0; i < 40; i++)
		assert_int_equal(json_integer_value(json_object_get(
			json_array_get(bad, i), "start")), (json_int_t)i);
	result_free(&r);
}

static void test_empty_pipeline_and_meta(void **state)
{
	const char *in[] = {"m.jsonl"};
	const char *line = "{\"id\":\"m\",\"text\":\"x\",\"meta\":{\"dct\":"
	                   "\"2024-01-08\",\"n\":[1,{\"a\":null}],\"f\":1.25},"
	                   "\"unknown\":true}\n";
	struct result r;

	write_file("m.jsonl", line, strlen(line));
	run("docproc: 1\npipeline: []\n", in, 1, 1, &r);
	assert_int_equal(r.n, 1);
	assert_string_equal(str(r.rec[0], "status"), "ok");
	json_t *want = json_loads("{\"dct\":\"2024-01-08\",\"n\":[1,{\"a\":null}],"
	                          "\"f\":1.25}", 0, NULL);
	assert_true(json_equal(json_object_get(r.rec[0], "meta"), want));
	json_decref(want);
	assert_null(json_object_get(r.rec[0], "unknown"));
	assert_int_equal(json_object_size(json_object_get(r.rec[0], "layers")),
	                 0);
	result_free(&r);
	/* a plugin that sets meta */
	run(HDR "pipeline:\n  - plugin: optcheck\n    options: {name: nm, "
	    "words: [x, y]}\n", in, 1, 1, &r);
	assert_string_equal(str(json_object_get(r.rec[0], "meta"), "optcheck"),
	                    "flag=0 count=3 ratio=0.5 mode=fast name=nm "
	                    "words=x,y");
	assert_string_equal(str(json_object_get(r.rec[0], "meta"), "dct"),
	                    "2024-01-08");
	result_free(&r);
}

static void test_stats_count_big_documents(void **state)
{
	size_t n = 6u << 20;
	char *big = malloc(n);
	const char *in[] = {"big.txt", "small.txt"};
	struct result r;

	memset(big, 'a', n);
	for (size_t i = 100; i < n; i += 100)
		big[i] = ' ';
	write_file("big.txt", big, n);
	write_file("small.txt", "tiny", 4);
	free(big);
	run(HDR "pipeline:\n  - plugin: annotate\n", in, 2, 2, &r);
	assert_int_equal(r.n, 2);
	assert_string_equal(str(r.rec[0], "status"), "ok");
	assert_int_equal(json_string_length(json_object_get(r.rec[0], "text")),
	                 n);
	assert_int_equal(json_array_size(json_object_get(
		json_object_get(r.rec[0], "layers"), "words")), (n - 1) / 100 + 1);
	/* the summary counts every input byte */
	assert_int_equal(r.st.bytes, n + 4);
	result_free(&r);
}

/* The total the progress line's ETA is computed from: the bytes of the
 * inputs that will be read, not of files that are skipped. */
static void test_input_total(void **state)
{
	struct dp_input *in;
	struct dp_error err;
	struct dp_item it = {0};
	uint64_t n = 0;

	mkdir(path("tot"), 0755);
	write_str("tot/a.txt", "12345");
	write_str("tot/b.jsonl", "{\"text\":\"x\"}\n");
	write_str("tot/big.md", "this file is not an input at all, skip it");
	write_str("tot/c.pdf", "neither is this one");
	char *p[] = {path("tot"), path("tot/a.txt")};
	assert_int_equal(dp_input_open(&in, p, 2, &err), 0);
	/* a.txt twice (in the folder, and given alone), b.jsonl */
	assert_int_equal(dp_input_total(in), 5 + 13 + 5);
	while (dp_input_next(in, &it) == 1)
		n++;
	assert_int_equal(n, 3);
	assert_int_equal(dp_input_done(in), dp_input_total(in));
	dp_buf_free(&it.data);
	dp_input_close(in);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order_and_failures),
		cmocka_unit_test(test_edit_one_call_each),
		cmocka_unit_test(test_input_kinds),
		cmocka_unit_test(test_contract_violations),
		cmocka_unit_test(test_span_checks_in_blocks),
		cmocka_unit_test(test_empty_pipeline_and_meta),
		cmocka_unit_test(test_stats_count_big_documents),
		cmocka_unit_test(test_input_total),
	};

	return cmocka_run_group_tests(tests, group_setup, tmpdir_teardown);
}
