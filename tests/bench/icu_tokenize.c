/*
 * icu_tokenize.c - the reference the tokenizer plugin is measured against:
 * ICU's word and sentence BreakIterators over docproc JSON Lines.
 *
 * Reads JSON Lines ({"id", "text", "meta"} per line) from the files given
 * or standard input, and writes one docproc-style record per document with
 * the layers "sentences" and "tokens" (UTF-8 byte offsets, half-open; a
 * token is every word-break segment that is not white space, kind from
 * ICU's rule status). Not part of the product or of `make`: build it with
 * `make -f tests/bench/Makefile.icu` (Debian packages libicu-dev,
 * libjansson-dev).
 *
 *   icu_tokenize [-o OUT.jsonl | -n] [INPUT.jsonl...]
 *
 * -n segments without writing anything (to time ICU alone).
 * -f TEXT segments a plain text file whose documents are separated by form
 *    feeds, without JSON (the input of plugins/tokenizer/bench).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

struct iters {
	UBreakIterator *word;
	UBreakIterator *sent;
};

static bool all_space(const char *s, int32_t a, int32_t b)
{
	while (a < b) {
		UChar32 c;

		U8_NEXT(s, a, b, c);
		if (c >= 0 && !u_isUWhiteSpace(c))
			return false;
	}
	return true;
}

static const char *kind_of(const char *s, int32_t a, int32_t b, int32_t st)
{
	UChar32 c;

	if (st >= UBRK_WORD_NUMBER && st < UBRK_WORD_NUMBER_LIMIT)
		return "number";
	if (st >= UBRK_WORD_LETTER && st < UBRK_WORD_IDEO_LIMIT)
		return "word";
	U8_NEXT(s, a, b, c);
	if (c >= 0 && u_ispunct(c))
		return "punct";
	return "symbol";
}

/* Writes `"sentences":[...],"tokens":[...]` for @text to @out (the layers
 * are written by hand, as a fast JSON writer would: jansson objects per
 * token would make ICU look slower than it is). Returns 0 or -1. */
static int segment(struct iters *it, const char *text, size_t len, FILE *out)
{
	UErrorCode err = U_ZERO_ERROR;
	UText *ut = utext_openUTF8(NULL, text, (int64_t)len, &err);
	int32_t a, b;
	const char *sep = "";

	if (U_FAILURE(err))
		return -1;
	ubrk_setUText(it->word, ut, &err);
	ubrk_setUText(it->sent, ut, &err);
	if (U_FAILURE(err)) {
		utext_close(ut);
		return -1;
	}
	if (out)
		fputs("\"sentences\":[", out);
	for (a = ubrk_first(it->sent); (b = ubrk_next(it->sent)) != UBRK_DONE;
	     a = b) {
		int32_t s = a, e = b;
		UChar32 c;

		while (s < e) {                 /* trim white space */
			int32_t k = s;

			U8_NEXT(text, k, e, c);
			if (c >= 0 && !u_isUWhiteSpace(c))
				break;
			s = k;
		}
		while (e > s) {
			int32_t k = e;

			U8_PREV(text, s, k, c);
			if (c >= 0 && !u_isUWhiteSpace(c))
				break;
			e = k;
		}
		if (e > s && out) {
			fprintf(out, "%s{\"start\":%d,\"end\":%d}", sep, s, e);
			sep = ",";
		}
	}
	if (out)
		fputs("],\"tokens\":[", out);
	sep = "";
	for (a = ubrk_first(it->word); (b = ubrk_next(it->word)) != UBRK_DONE;
	     a = b) {
		if (all_space(text, a, b) || !out)
			continue;
		fprintf(out, "%s{\"start\":%d,\"end\":%d,\"kind\":\"%s\"}", sep,
		        a, b, kind_of(text, a, b, ubrk_getRuleStatus(it->word)));
		sep = ",";
	}
	if (out)
		fputc(']', out);
	utext_close(ut);
	return 0;
}

/* Writes "key":value with jansson (strings escaped as JSON requires). */
static void put_member(FILE *out, const char *key, json_t *v, bool comma)
{
	char *d = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY |
	                     JSON_PRESERVE_ORDER);

	fprintf(out, "%s\"%s\":%s", comma ? "," : "", key, d ? d : "null");
	free(d);
}

static int run(struct iters *it, FILE *in, FILE *out, size_t *docs,
               size_t *bytes)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	while ((n = getline(&line, &cap, in)) > 0) {
		json_error_t jerr;
		json_t *doc = json_loadb(line, (size_t)n, 0, &jerr), *t;
		const char *text;
		size_t len;

		if (!doc) {
			fprintf(stderr, "icu_tokenize: %s\n", jerr.text);
			continue;
		}
		t = json_object_get(doc, "text");
		text = json_string_value(t);
		len = json_string_length(t);
		if (!out) {             /* -n: segment only */
			if (text)
				segment(it, text, len, NULL);
			json_decref(doc);
			(*docs)++;
			*bytes += (size_t)n;
			continue;
		}
		fputc('{', out);
		put_member(out, "id", json_object_get(doc, "id"), false);
		fputs(",\"status\":\"ok\"", out);
		if (json_object_get(doc, "meta"))
			put_member(out, "meta", json_object_get(doc, "meta"), true);
		put_member(out, "text", t, true);
		fputs(",\"layers\":{", out);
		if (text)
			segment(it, text, len, out);
		fputs("}}\n", out);
		json_decref(doc);
		(*docs)++;
		*bytes += (size_t)n;
	}
	free(line);
	return 0;
}

/* -f: plain text, documents separated by form feeds, no JSON at all. */
static int run_text(struct iters *it, const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;
	size_t a = 0, docs = 0;
	struct timespec t0, t1;
	double secs;

	if (!f || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0) {
		perror(path);
		return 1;
	}
	rewind(f);
	buf = malloc((size_t)n + 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		perror(path);
		return 1;
	}
	fclose(f);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (a < (size_t)n) {
		char *ff = memchr(buf + a, '\f', (size_t)n - a);
		size_t b = ff ? (size_t)(ff - buf) : (size_t)n;

		segment(it, buf + a, b - a, NULL);
		docs++;
		a = b + 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	fprintf(stderr, "icu_tokenize -f: %zu documents, %.2f MB in %.3f s, "
	        "%.1f MB/s\n", docs, n / 1e6, secs, n / 1e6 / secs);
	free(buf);
	return 0;
}

int main(int argc, char **argv)
{
	UErrorCode err = U_ZERO_ERROR;
	struct iters it;
	FILE *out = stdout;
	size_t docs = 0, bytes = 0;
	struct timespec t0, t1;
	int i = 1;
	double secs;

	if (argc > 1 && !strcmp(argv[1], "-n")) {
		out = NULL;
		i = 2;
	} else if (argc > 2 && !strcmp(argv[1], "-o")) {
		out = fopen(argv[2], "w");
		if (!out) {
			perror(argv[2]);
			return 1;
		}
		i = 3;
	}
	it.word = ubrk_open(UBRK_WORD, "en", NULL, 0, &err);
	it.sent = ubrk_open(UBRK_SENTENCE, "en", NULL, 0, &err);
	if (U_FAILURE(err)) {
		fprintf(stderr, "icu_tokenize: %s\n", u_errorName(err));
		return 1;
	}
	if (argc > 2 && !strcmp(argv[1], "-f")) {
		int rc = run_text(&it, argv[2]);

		ubrk_close(it.word);
		ubrk_close(it.sent);
		return rc;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (i == argc)
		run(&it, stdin, out, &docs, &bytes);
	for (; i < argc; i++) {
		FILE *in = strcmp(argv[i], "-") ? fopen(argv[i], "r") : stdin;

		if (!in) {
			perror(argv[i]);
			return 1;
		}
		run(&it, in, out, &docs, &bytes);
		if (in != stdin)
			fclose(in);
	}
	if (out && out != stdout && fclose(out) != 0) {
		perror("icu_tokenize: output");
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	fprintf(stderr, "icu_tokenize: %zu documents, %.2f MB in %.2f s, "
	        "%.2f MB/s\n", docs, bytes / 1e6, secs, bytes / 1e6 / secs);
	ubrk_close(it.word);
	ubrk_close(it.sent);
	return 0;
}
