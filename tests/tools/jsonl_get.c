/*
 * jsonl_get - reads a JSON Lines file for the end-to-end tests.
 *
 *   jsonl_get FILE                 checks that every line is a JSON object
 *                                  and prints the number of lines
 *   jsonl_get FILE N PATH          prints PATH of line N (1-based)
 *   jsonl_get FILE all PATH        prints PATH of every line, one a line
 *
 * PATH is a dot-separated path of keys and array indexes ("error.message",
 * "layers.edits.0.rule"); a trailing "#len" prints the length of a string
 * or array. Strings print raw, other values as compact JSON, a missing
 * value as "(missing)". Exit status 1 when a line is not a JSON object.
 */
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static json_t *walk(json_t *v, const char *path)
{
	char buf[1024], *save = NULL;

	if (!*path)
		return v;
	snprintf(buf, sizeof buf, "%s", path);
	for (char *k = strtok_r(buf, ".", &save); k && v;
	     k = strtok_r(NULL, ".", &save)) {
		if (json_is_array(v))
			v = json_array_get(v, (size_t)strtoul(k, NULL, 10));
		else
			v = json_object_get(v, k);
	}
	return v;
}

static void print(json_t *root, const char *path)
{
	char p[1024];
	char *hash;
	bool len = false;
	json_t *v;

	snprintf(p, sizeof p, "%s", path);
	hash = strstr(p, "#len");
	if (hash) {
		*hash = '\0';
		len = true;
	}
	v = walk(root, p);
	if (!v) {
		puts("(missing)");
	} else if (len) {
		printf("%zu\n", json_is_string(v) ? json_string_length(v)
		                                  : json_is_array(v)
		                                            ? json_array_size(v)
		                                            : json_object_size(v));
	} else if (json_is_string(v)) {
		fwrite(json_string_value(v), 1, json_string_length(v), stdout);
		putchar('\n');
	} else {
		char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
		puts(s ? s : "?");
		free(s);
	}
}

int main(int argc, char **argv)
{
	FILE *f;
	char *line = NULL;
	size_t cap = 0, n = 0;
	ssize_t len;
	long want = -1;

	if (argc != 2 && argc != 4) {
		fprintf(stderr, "usage: jsonl_get FILE [N|all PATH]\n");
		return 2;
	}
	f = fopen(argv[1], "r");
	if (!f) {
		perror(argv[1]);
		return 2;
	}
	if (argc == 4 && strcmp(argv[2], "all") != 0)
		want = atol(argv[2]);
	while ((len = getline(&line, &cap, f)) > 0) {
		json_error_t err;
		json_t *v = json_loadb(line, (size_t)len, 0, &err);
		n++;
		if (!json_is_object(v)) {
			fprintf(stderr, "%s:%zu: not a JSON object: %s\n", argv[1],
			        n, v ? "" : err.text);
			return 1;
		}
		if (argc == 4 && (want < 0 || (size_t)want == n))
			print(v, argv[3]);
		json_decref(v);
	}
	free(line);
	fclose(f);
	if (argc == 2)
		printf("%zu\n", n);
	return 0;
}
