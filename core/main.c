/*
 * main.c - the docproc command.
 *
 *     docproc [-c CONFIG] [-o OUT.jsonl] [-j JOBS] INPUT...
 *
 * Exit status: 0 all documents ok, 1 usage or configuration error, 2 some
 * documents failed (the others are still written).
 */
#define _GNU_SOURCE 1   /* sched_getaffinity */
#include "config.h"
#include "runner.h"

#include <sched.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define EXIT_USAGE 1
#define EXIT_DOCS 2

struct cli {
	const char *config;
	const char *out;
	const char *errors;
	int jobs;
	bool list;
	bool check;
	bool resume;
	int progress;          /* -1 auto, 0 off, 1 on */
	bool quiet;
	const char *layers;    /* --layers a,b,c */
	const char *offsets;   /* --offsets bytes|codepoints */
	char **inputs;
	size_t ninputs;
};

static void usage(FILE *f)
{
	fprintf(f,
"Usage: docproc [OPTION]... INPUT...\n"
"Run a pipeline of plugins over documents and write docproc JSON Lines.\n"
"\n"
"INPUT is a .txt file (one document, id = file name without extension), a\n"
"directory (its .txt and .jsonl files, recursively, sorted), a .jsonl file\n"
"(one {\"id\", \"text\", \"meta\"} object per line) or - for JSON Lines on\n"
"standard input.\n"
"\n"
"Options:\n"
"  -c, --config FILE     pipeline config (default: %s)\n"
"  -o, --output FILE     write to FILE (atomically: via a temporary file)\n"
"  -j, --jobs N          worker threads (default and maximum: the number of\n"
"                        CPUs this process may use)\n"
"      --errors FILE     also write error records to FILE (dead letters)\n"
"      --resume          with -o: keep the documents FILE already holds\n"
"                        from an interrupted run and add the rest\n"
"      --layers LIST     layers to write, comma-separated (default: config)\n"
"      --offsets UNIT    bytes (default) or codepoints\n"
"      --progress        always show the progress line\n"
"      --no-progress     never show it (default: shown on a terminal)\n"
"  -q, --quiet           no summary line\n"
"      --check           load and validate the config, process nothing\n"
"      --list-plugins    list the plugins found, with their options\n"
"  -h, --help            this help\n"
"  -V, --version         version and plugin ABI\n"
"\n"
"Exit status: 0 all ok, 1 usage or configuration error, 2 some documents\n"
"failed (their error records are in the output in their place).\n",
	        dp_default_config_path());
}

/* CPUs this process may run on (affinity mask), at least 1, at most 64. */
static int usable_cpus(void)
{
	cpu_set_t set;
	int n = 0;

	if (sched_getaffinity(0, sizeof set, &set) == 0)
		n = CPU_COUNT(&set);
	if (n <= 0) {
		long k = sysconf(_SC_NPROCESSORS_ONLN);
		n = k > 0 ? (int)k : 1;
	}
	return n > 64 ? 64 : n;
}

static int parse_args(int argc, char **argv, struct cli *c)
{
	enum { O_ERRORS = 256, O_RESUME, O_LAYERS, O_OFFSETS, O_PROGRESS,
	       O_NOPROGRESS, O_CHECK, O_LIST };
	static const struct option opts[] = {
		{"config", required_argument, NULL, 'c'},
		{"output", required_argument, NULL, 'o'},
		{"jobs", required_argument, NULL, 'j'},
		{"errors", required_argument, NULL, O_ERRORS},
		{"resume", no_argument, NULL, O_RESUME},
		{"layers", required_argument, NULL, O_LAYERS},
		{"offsets", required_argument, NULL, O_OFFSETS},
		{"progress", no_argument, NULL, O_PROGRESS},
		{"no-progress", no_argument, NULL, O_NOPROGRESS},
		{"quiet", no_argument, NULL, 'q'},
		{"check", no_argument, NULL, O_CHECK},
		{"list-plugins", no_argument, NULL, O_LIST},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	int ch;
	char *end;
	long v;

	c->progress = -1;
	c->jobs = 0;
	while ((ch = getopt_long(argc, argv, "c:o:j:qhV", opts, NULL)) != -1) {
		switch (ch) {
		case 'c': c->config = optarg; break;
		case 'o': c->out = optarg; break;
		case 'j':
			errno = 0;
			v = strtol(optarg, &end, 10);
			if (errno || *end || v < 1 || v > 1024) {
				fprintf(stderr, "docproc: -j: expected a number of "
				        "jobs from 1 to 1024, got '%s'\n", optarg);
				return EXIT_USAGE;
			}
			c->jobs = (int)v;
			break;
		case O_ERRORS: c->errors = optarg; break;
		case O_RESUME: c->resume = true; break;
		case O_LAYERS: c->layers = optarg; break;
		case O_OFFSETS:
			if (strcmp(optarg, "bytes") && strcmp(optarg, "codepoints")) {
				fprintf(stderr, "docproc: --offsets: expected bytes "
				        "or codepoints, got '%s'\n", optarg);
				return EXIT_USAGE;
			}
			c->offsets = optarg;
			break;
		case O_PROGRESS: c->progress = 1; break;
		case O_NOPROGRESS: c->progress = 0; break;
		case 'q': c->quiet = true; break;
		case O_CHECK: c->check = true; break;
		case O_LIST: c->list = true; break;
		case 'h': usage(stdout); exit(0);
		case 'V':
			printf("docproc %s (plugin ABI %d.%d)\n", dp_version(),
			       DP_ABI_MAJOR, DP_ABI_MINOR);
			exit(0);
		default:
			fprintf(stderr, "Try 'docproc --help'.\n");
			return EXIT_USAGE;
		}
	}
	c->inputs = argv + optind;
	c->ninputs = (size_t)(argc - optind);
	if (c->resume && !c->out) {
		fprintf(stderr, "docproc: --resume needs -o FILE\n");
		return EXIT_USAGE;
	}
	if (!c->list && !c->check && c->ninputs == 0) {
		fprintf(stderr, "docproc: no input given (use - to read JSON "
		        "Lines from standard input)\nTry 'docproc --help'.\n");
		return EXIT_USAGE;
	}
	/* More workers than CPUs cannot go faster, and do go slower: output
	 * is written in input order, so while a preempted worker holds the
	 * oldest batch the others fill the ring and wait. */
	int cpus = usable_cpus();
	if (c->jobs == 0 || c->jobs > cpus)
		c->jobs = cpus;
	return 0;
}

static const char *opt_type(enum dp_opt_type t)
{
	switch (t) {
	case DP_OPT_BOOL: return "bool";
	case DP_OPT_INT: return "int";
	case DP_OPT_NUMBER: return "number";
	case DP_OPT_STRING: return "string";
	case DP_OPT_LIST: return "list";
	}
	return "?";
}

static void print_list(const char *label, const char *const *v)
{
	printf("  %-9s", label);
	if (!v || !*v)
		printf(" -");
	for (; v && *v; v++)
		printf(" %s", *v);
	printf("\n");
}

static int list_plugins(const struct dp_config *cfg)
{
	struct dp_search s;
	struct dp_error err;
	char **names;
	int rc = 0;

	if (dp_search_init(&s, cfg->plugin_path, cfg->npath, &err)) {
		fprintf(stderr, "docproc: %s\n", err.msg);
		return EXIT_USAGE;
	}
	printf("Plugin search path:");
	for (size_t i = 0; i < s.n; i++)
		printf(" %s", s.dirs[i]);
	printf("\n\n");
	names = dp_search_list(&s);
	for (size_t i = 0; names && names[i]; i++) {
		struct dp_module m;
		const struct dp_plugin *d;

		dp_error_clear(&err);
		if (dp_module_open(&m, names[i], &s, &err)) {
			printf("%s: cannot be used: %s\n\n", names[i], err.msg);
			rc = EXIT_USAGE;
			continue;
		}
		d = m.desc;
		printf("%s %s - %s\n", d->name, d->version,
		       d->description ? d->description : "");
		print_list("requires", d->requires);
		print_list("provides", d->provides);
		printf("  file      %s\n", m.path);
		if (d->options && d->options[0].key) {
			printf("  options\n");
			for (const struct dp_option_def *o = d->options; o->key;
			     o++) {
				printf("    %-16s %-6s", o->key, opt_type(o->type));
				if (o->required)
					printf(" required");
				else if (o->default_value)
					printf(" default %s", o->default_value);
				if (o->choices) {
					printf(" (");
					for (const char *const *c = o->choices; *c;
					     c++)
						printf("%s%s", c == o->choices ? ""
						                               : "|", *c);
					printf(")");
				}
				printf("\n      %s\n",
				       o->description ? o->description : "");
			}
		}
		printf("\n");
		dp_module_close(&m);
	}
	dp_strv_free(names);
	dp_search_free(&s);
	return rc;
}

/* --layers a,b,c overrides output.layers of the config. */
static int apply_cli_output(struct dp_config *cfg, const struct cli *c)
{
	if (c->offsets)
		cfg->offsets = strcmp(c->offsets, "codepoints") == 0
		                       ? DP_OFFSETS_CODEPOINTS
		                       : DP_OFFSETS_BYTES;
	if (c->layers) {
		size_t n = 1;
		const char *p;
		for (p = c->layers; *p; p++)
			n += *p == ',';
		dp_strv_free(cfg->layers);
		cfg->layers = calloc(n + 1, sizeof *cfg->layers);
		if (!cfg->layers)
			return DP_ENOMEM;
		cfg->nlayers = 0;
		p = c->layers;
		while (*p) {
			const char *q = strchr(p, ',');
			size_t len = q ? (size_t)(q - p) : strlen(p);
			if (len) {
				char *s = strndup(p, len);
				if (!s)
					return DP_ENOMEM;
				cfg->layers[cfg->nlayers++] = s;
			}
			p += len + (q ? 1 : 0);
		}
		cfg->layers_set = true;
		cfg->layers_line = cfg->layers_col = 0;
	}
	return 0;
}

/* -o OUT writes to OUT.partial and renames it when the run is complete,
 * so an interrupted run never leaves a half-written OUT. With --resume,
 * an existing OUT.partial is kept: a trailing incomplete record is cut,
 * its complete records are counted and that many input documents are
 * skipped (output order is input order, one record per document). */
static FILE *open_output(const char *out, char *tmp, size_t tmplen,
                         bool resume, uint64_t *done, FILE *errf)
{
	FILE *f;
	int fd;

	*done = 0;
	snprintf(tmp, tmplen, "%s.partial", out);
	if (!resume)
		return fopen(tmp, "w");
	fd = open(tmp, O_RDWR | O_CREAT, 0666);
	if (fd < 0)
		return NULL;
	f = fdopen(fd, "r+");
	if (!f) {
		close(fd);
		return NULL;
	}
	/* count complete records; copy error records to the errors file */
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	off_t good = 0;
	while ((n = getline(&line, &cap, f)) > 0) {
		if (line[n - 1] != '\n')
			break;   /* cut off by the interruption */
		good += n;
		(*done)++;
		if (errf && strstr(line, ",\"status\":\"error\",\"error\":{"))
			fwrite(line, 1, (size_t)n, errf);
	}
	free(line);
	if (ferror(f) || ftruncate(fd, good) != 0 ||
	    fseeko(f, good, SEEK_SET) != 0) {
		fclose(f);
		return NULL;
	}
	return f;
}

static void summary(const struct dp_run_stats *st,
                    const struct dp_pipeline *pl)
{
	double mb = (double)st->bytes / 1e6;
	uint64_t total = 0;

	fprintf(stderr, "docproc: %llu documents (%llu ok, %llu failed",
	        (unsigned long long)st->docs, (unsigned long long)st->ok,
	        (unsigned long long)st->failed);
	if (st->skipped)
		fprintf(stderr, ", %llu already done",
		        (unsigned long long)st->skipped);
	fprintf(stderr, "), %.2f MB in %.2f s, %.2f MB/s", mb, st->seconds,
	        st->seconds > 0 ? mb / st->seconds : 0.0);
	for (size_t i = 0; i < pl->n; i++)
		total += st->step_ns[i];
	if (total && pl->n) {
		fprintf(stderr, "; plugin time:");
		for (size_t i = 0; i < pl->n; i++)
			fprintf(stderr, " %s %.0f%%", pl->steps[i].mod.desc->name,
			        100.0 * (double)st->step_ns[i] / (double)total);
	}
	fprintf(stderr, "\n");
}

int main(int argc, char **argv)
{
	struct cli c = {0};
	struct dp_config cfg;
	struct dp_pipeline pl;
	struct dp_error err;
	struct dp_input *in = NULL;
	struct dp_run_opts ro = {0};
	struct dp_run_stats st = {0};
	struct dp_stamp *stamps = NULL;
	char tmp[PATH_MAX + 32] = "";
	FILE *out = stdout, *errf = NULL;
	int status, rc;

	status = parse_args(argc, argv, &c);
	if (status)
		return status;
	dp_error_clear(&err);
	if (dp_config_load_file(&cfg, c.config ? c.config
	                                       : dp_default_config_path(),
	                        &err)) {
		fprintf(stderr, "docproc: %s\n", err.msg);
		dp_config_free(&cfg);
		return EXIT_USAGE;
	}
	if (c.list) {
		status = list_plugins(&cfg);
		dp_config_free(&cfg);
		return status;
	}
	if (apply_cli_output(&cfg, &c) < 0) {
		fprintf(stderr, "docproc: out of memory\n");
		dp_config_free(&cfg);
		return EXIT_USAGE;
	}
	if (dp_pipeline_build(&pl, &cfg, &err)) {
		fprintf(stderr, "docproc: %s\n", err.msg);
		status = EXIT_USAGE;
		goto out_pipeline;
	}
	if (c.check) {
		printf("%s: OK, %zu step%s", cfg.file, pl.n, pl.n == 1 ? "" : "s");
		for (size_t i = 0; i < pl.n; i++)
			printf("%s%s %s", i ? " -> " : ": ",
			       pl.steps[i].mod.desc->name,
			       pl.steps[i].mod.desc->version);
		printf("\n");
		goto out_pipeline;
	}
	if (dp_input_open(&in, c.inputs, c.ninputs, &err)) {
		fprintf(stderr, "docproc: %s\n", err.msg);
		status = EXIT_USAGE;
		goto out_pipeline;
	}
	if (c.errors) {
		errf = fopen(c.errors, "w");
		if (!errf) {
			fprintf(stderr, "docproc: cannot write %s: %s\n", c.errors,
			        strerror(errno));
			status = EXIT_USAGE;
			goto out_input;
		}
	}
	if (c.out) {
		out = open_output(c.out, tmp, sizeof tmp, c.resume, &ro.skip,
		                  errf);
		if (!out) {
			fprintf(stderr, "docproc: cannot write %s: %s\n", tmp,
			        strerror(errno));
			status = EXIT_USAGE;
			goto out_output;
		}
	}

	stamps = calloc(pl.n + 1, sizeof *stamps);
	if (!stamps) {
		fprintf(stderr, "docproc: out of memory\n");
		status = EXIT_USAGE;
		goto out_output;
	}
	for (size_t i = 0; i < pl.n; i++) {
		stamps[i].name = pl.steps[i].mod.desc->name;
		stamps[i].version = pl.steps[i].mod.desc->version;
	}
	ro.jobs = c.jobs;
	/* with a single CPU a reader and a writer thread beside the worker
	 * only take turns with it, at a thread switch per batch */
	ro.one_thread = usable_cpus() == 1;
	ro.out = out;
	ro.errors = errf;
	ro.progress = c.progress == 1 || (c.progress == -1 && isatty(2));
	ro.time_steps = !c.quiet;     /* the summary alone shows them */
	ro.json.layers = cfg.layers_set ? cfg.layers : NULL;
	ro.json.nlayers = cfg.nlayers;
	ro.json.offsets = cfg.offsets;
	ro.json.with_text = cfg.with_text;
	ro.json.plugins = stamps;
	ro.json.nplugins = pl.n;
	(void)dp_json_opts_prepare(&ro.json);   /* else rendered per record */

	rc = dp_run(&pl, in, &ro, &st);
	if (fflush(out) != 0 && !st.write_error)
		st.write_error = errno;
	if (errf && fflush(errf) != 0 && !st.write_error)
		st.write_error = errno;
	if (!c.quiet)
		summary(&st, &pl);
	if (rc || st.write_error) {
		fprintf(stderr, "docproc: %s\n",
		        st.write_error ? strerror(st.write_error)
		                       : dp_strerror(rc));
		status = EXIT_USAGE;
	} else {
		status = st.failed ? EXIT_DOCS : 0;
	}

out_output:
	if (errf && fclose(errf) != 0 && status == 0)
		status = EXIT_USAGE;
	if (c.out && out) {
		if (fclose(out) != 0 && status != EXIT_USAGE) {
			fprintf(stderr, "docproc: cannot write %s: %s\n", c.out,
			        strerror(errno));
			status = EXIT_USAGE;
		}
		if (status == EXIT_USAGE) {
			/* keep OUT.partial: --resume can go on from it */
		} else if (rename(tmp, c.out) != 0) {
			fprintf(stderr, "docproc: cannot rename %s to %s: %s\n",
			        tmp, c.out, strerror(errno));
			status = EXIT_USAGE;
		}
	}
out_input:
	dp_run_stats_free(&st);
	dp_input_close(in);
out_pipeline:
	dp_json_opts_release(&ro.json);
	free(stamps);
	dp_pipeline_free(&pl);
	dp_config_free(&cfg);
	return status;
}
