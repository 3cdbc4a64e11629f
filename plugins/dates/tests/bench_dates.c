/*
 * bench_dates.c - times the dates plugin (optionally after other plugins,
 * e.g. the tokenizer) through the harness over a JSON Lines corpus.
 *
 *   bench_dates CORPUS.jsonl PLUGIN.la [PLUGIN.la ...]
 *
 * Reads every document first, then runs the pipeline on each one and
 * reports the time spent in the runs (wall and CPU), excluding JSON
 * reading and writing. Not part of `make check`: build it with
 * `make tests/bench_dates` in the plugin's build directory.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include <docproc/harness.h>

struct item {
	char *text;
	char *meta;
};

static double now(clockid_t id)
{
	struct timespec ts;
	clock_gettime(id, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: %s CORPUS.jsonl PLUGIN.la [PLUGIN.la ...]\n", argv[0]);
		return 1;
	}
	FILE *f = fopen(argv[1], "r");
	if (!f) {
		perror(argv[1]);
		return 1;
	}
	struct item *items = NULL;
	size_t n = 0, cap = 0, bytes = 0;
	char *line = NULL;
	size_t lcap = 0;
	while (getline(&line, &lcap, f) > 0) {
		json_error_t jerr;
		json_t *doc = json_loads(line, 0, &jerr);
		if (!doc)
			continue;
		const char *text = json_string_value(json_object_get(doc, "text"));
		json_t *meta = json_object_get(doc, "meta");
		if (text) {
			if (n == cap) {
				cap = cap ? 2 * cap : 1024;
				struct item *ni = realloc(items, cap * sizeof *ni);
				if (!ni)
					return 1;
				items = ni;
			}
			items[n].text = strdup(text);
			items[n].meta = meta ? json_dumps(meta, JSON_COMPACT) : NULL;
			if (!items[n].text)
				return 1;
			bytes += strlen(text);
			n++;
		}
		json_decref(doc);
	}
	free(line);
	fclose(f);

	struct dp_harness *h = dp_harness_new();
	if (!h)
		return 1;
	for (int k = 2; k < argc; k++) {
		if (dp_harness_add(h, argv[k], NULL) != 0) {
			fprintf(stderr, "%s: %s\n", argv[k], dp_harness_error(h));
			return 1;
		}
	}
	size_t spans = 0, failed = 0;
	double w0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_PROCESS_CPUTIME_ID);
	for (size_t i = 0; i < n; i++) {
		if (dp_harness_run(h, items[i].text, items[i].meta) != 0)
			failed++;
		spans += dp_harness_count(h, "dates");
	}
	double wall = now(CLOCK_MONOTONIC) - w0;
	double cpu = now(CLOCK_PROCESS_CPUTIME_ID) - c0;
	printf("%zu documents (%zu failed), %zu bytes, %zu dates, %.3f s wall, "
	       "%.3f s CPU, %.1f MB/s\n", n, failed, bytes, spans, wall, cpu,
	       (double)bytes / 1e6 / wall);
	dp_harness_free(h);
	for (size_t i = 0; i < n; i++) {
		free(items[i].text);
		free(items[i].meta);
	}
	free(items);
	return 0;
}
