/* check_plugin.h - parts of the docproc-check program (not installed). */
#ifndef DP_CHECK_PLUGIN_H
#define DP_CHECK_PLUGIN_H

#include "json_write.h"
#include "pipeline.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One torture document. */
struct chk_doc {
	const char *name;   /* static */
	char *text;         /* owned, NUL-terminated, valid UTF-8 */
	size_t len;
	bool big;           /* an error on it is noted, not a failure */
};

struct chk_corpus {
	struct chk_doc *docs;
	size_t n;
	size_t bytes;
};

/* exit statuses */
#define EXIT_FAILED 1
#define EXIT_USAGE 2
/* most plugins before the one checked, and -P directories */
#define MAX_BEFORE 16

enum chk_id { C_RUNS, C_SPANS, C_LAYERS, C_DET, C_THREADS, C_ALLOC,
              C_LEAKS, C_COUNT };
/* The checks' names, as printed and as --skip takes them. */
extern const char *const chk_names[C_COUNT];

/* The command line. */
struct opts {
	const char *plugin;
	const char *options;            /* YAML mapping for PLUGIN */
	const char *before[MAX_BEFORE]; /* -b, in order */
	size_t nbefore;
	char *path[MAX_BEFORE];         /* -P */
	size_t npath;
	size_t big_mb;
	int threads;
	long max_alloc;
	unsigned timeout;
	bool skip[C_COUNT];
	bool quick;
	bool verbose;
	char **argv;                    /* for the valgrind re-run */
	int argc;
};

/* What a crash report needs; in memory shared with the parent. */
struct progress {
	int check;           /* enum chk_id, -1 before the first */
	long doc;            /* corpus index, -1 none */
	long alloc;          /* injected allocation, 0 none */
	int result[C_COUNT]; /* 0 not run, 1 pass, 2 fail, 3 skip */
};

/* One document's outcome, comparable between runs. */
struct outcome {
	int rc;
	uint64_t hash;       /* of the JSON, or of the error message */
	size_t len;
};

/* One check run (in the child process). */
struct checker {
	const struct opts *o;
	struct chk_corpus corpus;
	struct dp_pipeline pl;          /* the pipeline under test */
	const char *paths[MAX_BEFORE + 1];
	size_t npaths;                  /* befores, then the plugin */
	struct dp_stamp stamps[MAX_BEFORE + 1];
	struct outcome *serial;         /* per corpus document */
	struct progress *prog;
};


/* check_load.c: loads the plugins the checked one requires (found by the
 * layers they provide, or given with -b), then the plugin, into c->pl;
 * prints the pipeline. @owned receives the module paths (the caller frees
 * them). Returns 0 or a DP_E* code after printing the reason. */
int chk_load(struct checker *c, char **owned, size_t *nowned);
/* Whether the NULL-terminated @list (may be NULL) holds @name. */
bool chk_in_list(const char *const *list, const char *name);

/* check_run.c: runs every check but leaks; returns the exit status. */
int chk_run(const struct opts *o, struct progress *prog);
/* Marks check @id skipped and says why. */
void chk_skipped(struct progress *p, enum chk_id id, const char *why);

/* check_corpus.c: builds the corpus; @big_bytes is the size of the big
 * document (0: none).
 * Returns 0, or -1 when memory runs out. */
int chk_corpus_build(struct chk_corpus *c, size_t big_bytes);
void chk_corpus_free(struct chk_corpus *c);

#endif
