/*
 * tokenizer_bench.c - the tokenizer engine alone, without the core or JSON:
 * reads plain text files (or standard input), tokenizes and splits them
 * into sentences, repeats, and prints tokens, sentences and MB/s. Compare
 * with `wc -w` on the same text (see README.md, "Performance").
 *
 *   bench/tokenizer_bench [-m news|uax29] [-r REPEAT] [-d] FILE...
 *
 * -d splits the input at blank-line-free form feeds (\f) into documents,
 * as the real pipeline sees them; by default each file is one text.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tokenize.h"

static void *heap_grow(void *ctx, void *old, size_t oldsize, size_t newsize)
{
	(void)ctx;
	(void)oldsize;
	return realloc(old, newsize);
}

/* Reads a whole file: one allocation of its size when it is seekable. */
static char *slurp(FILE *f, size_t *len)
{
	size_t cap = 1 << 20, n = 0, r;
	char *buf;

	if (fseek(f, 0, SEEK_END) == 0) {
		long size = ftell(f);

		if (size >= 0)
			cap = (size_t)size + 1;
		rewind(f);
	}
	buf = malloc(cap);
	while (buf && (r = fread(buf + n, 1, cap - n, f)) > 0) {
		n += r;
		if (n == cap) {
			char *nb = realloc(buf, cap *= 2);

			if (!nb) {
				free(buf);
				return NULL;
			}
			buf = nb;
		}
	}
	*len = n;
	return buf;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	const char *mode = "news";
	int repeat = 1, split = 0, i;
	struct abbr_set set;
	struct news_opts o = { .split_clitics = true, .newline_breaks = true };
	struct tok_list t = { .alloc = { heap_grow, NULL } };
	struct span_list s = { .alloc = { heap_grow, NULL } };
	size_t ntok = 0, nsent = 0, bytes = 0, ndocs = 0;
	double t0, secs;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (!strcmp(argv[i], "-m") && i + 1 < argc)
			mode = argv[++i];
		else if (!strcmp(argv[i], "-r") && i + 1 < argc)
			repeat = atoi(argv[++i]);
		else if (!strcmp(argv[i], "-d"))
			split = 1;
		else {
			fprintf(stderr, "usage: %s [-m news|uax29] [-r N] [-d] "
			        "FILE...\n", argv[0]);
			return 1;
		}
	}
	if (abbr_set_init(&set, NULL, 0) < 0)
		return 1;
	o.abbrevs = &set;
	secs = 0;
	for (int first = i; i < argc || (i == first && i == argc); i++) {
		FILE *f;
		size_t len;
		char *text;

		f = i < argc ? fopen(argv[i], "rb") : stdin;
		if (!f) {
			perror(argv[i]);
			return 1;
		}
		text = slurp(f, &len);
		if (f != stdin)
			fclose(f);
		if (!text)
			return 1;
		t0 = now();
		for (int r = 0; r < repeat; r++) {
			size_t a = 0;

			while (a < len) {
				size_t b = len;

				if (split) {
					char *ff = memchr(text + a, '\f', len - a);

					b = ff ? (size_t)(ff - text) : len;
				}
				t.n = 0;
				s.n = 0;
				if (!strcmp(mode, "uax29")) {
					if (uax29_tokenize(text + a, b - a, &t) < 0 ||
					    uax29_sentences(text + a, b - a, &s) < 0)
						return 1;
				} else if (news_tokenize(&o, text + a, b - a, &t) < 0 ||
				           news_sentences(&o, text + a, b - a, &t,
				                          &s) < 0) {
					return 1;
				}
				ntok += t.n;
				nsent += s.n;
				ndocs++;
				a = b + 1;
			}
			bytes += len;
		}
		secs += now() - t0;
		free(text);
	}
	printf("%s: %zu documents, %zu bytes, %zu tokens, %zu sentences, "
	       "%.3f s, %.1f MB/s\n", mode, ndocs, bytes, ntok, nsent, secs,
	       secs > 0 ? bytes / secs / 1e6 : 0.0);
	free(t.start);
	free(t.end);
	free(t.kind);
	free(t.flags);
	free(t.abbr);
	free(t.gap);
	free(s.start);
	free(s.end);
	abbr_set_free(&set);
	return 0;
}
