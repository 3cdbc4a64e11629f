/*
 * check_plugin.c - docproc-check, the plugin conformance checker.
 *
 *     docproc-check [OPTION]... PLUGIN
 *
 * Loads PLUGIN (a path or a name in the plugin search path) after the
 * plugins that provide the layers it requires, runs it over a torture
 * corpus generated in code (check_corpus.c) and checks the contract:
 *
 *   runs         every document is processed without an error, without
 *                writing to standard output or exiting
 *   spans        every span inside the text, on character boundaries,
 *                sorted by (start, end); span attributes too
 *   layers       only declared layers are written (and the core says so)
 *   determinism  a second, independently initialised pipeline (the public
 *                test harness) gives byte-identical JSON
 *   threads      N threads sharing ONE plugin state give the JSON of a
 *                single thread, documents in a different order per thread
 *   alloc        an allocation failure injected at the plugin's 1st, 2nd,
 *                ... allocation gives an error, never a crash, until the
 *                run succeeds with the original result
 *   leaks        the whole check again under valgrind (when installed):
 *                no leak, no invalid access
 *
 * The checks run in a child process: a crash or a hang is reported with
 * the check, the document and the injected allocation it happened at.
 * Exit status: 0 all checks passed (or were skipped), 1 a check failed,
 * 2 usage error or the plugin could not be loaded.
 *
 * It links the core's convenience library: the threads check uses the
 * pipeline itself so that the plugin state really is shared. This file:
 * the command line, the child process and its crash report, and the
 * leaks check; check_load.c loads the plugins, check_run.c runs the other
 * checks, check_corpus.c makes the corpus.
 */
#include "config.h"
#include "check_plugin.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

/* Built with AddressSanitizer: valgrind cannot run this program, and
 * LeakSanitizer checks the leaks when the child exits instead. */
#if defined(__SANITIZE_ADDRESS__)
#define DP_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define DP_ASAN 1
#endif
#endif
#ifndef DP_ASAN
#define DP_ASAN 0
#endif

/* --------------------------------------------------------- the leaks */

static bool have_valgrind(void)
{
	const char *path = getenv("PATH");
	char buf[PATH_MAX];

	while (path && *path) {
		const char *c = strchr(path, ':');
		size_t len = c ? (size_t)(c - path) : strlen(path);
		snprintf(buf, sizeof buf, "%.*s/valgrind", (int)len, path);
		if (access(buf, X_OK) == 0)
			return true;
		path += len + (c != NULL);
	}
	return false;
}

/* Runs this program again under valgrind on the quick corpus. */
static void check_leaks(const struct opts *o, struct progress *prog)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	const char *pre[] = {
		"valgrind", "-q", "--leak-check=full",
		"--errors-for-leak-kinds=definite,indirect",
		"--show-leak-kinds=definite,indirect", "--error-exitcode=99",
		"--track-fds=no", "--keep-debuginfo=yes",
	};
	size_t npre = sizeof pre / sizeof *pre;
	char **argv = calloc(npre + (size_t)o->argc + 4, sizeof *argv);
	size_t k = 0;
	pid_t pid;
	int status, fds[2];
	FILE *in;
	char line[4096];

	if (n <= 0 || !argv || pipe(fds) < 0) {
		free(argv);
		chk_skipped(prog, C_LEAKS, "cannot find this program");
		return;
	}
	self[n] = '\0';
	for (size_t i = 0; i < npre; i++)
		argv[k++] = (char *)pre[i];
	argv[k++] = self;
	for (int i = 1; i < o->argc; i++)
		argv[k++] = o->argv[i];
	argv[k++] = (char *)"--quick";
	argv[k++] = (char *)"--skip=threads,leaks";
	argv[k] = NULL;
	printf("  ...... %-12s running the quick corpus under valgrind\n",
	       chk_names[C_LEAKS]);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		/* its report, and valgrind's, go through the pipe */
		close(fds[0]);
		dup2(fds[1], STDOUT_FILENO);
		dup2(fds[1], STDERR_FILENO);
		close(fds[1]);
		execvp("valgrind", argv);
		_exit(127);
	}
	free(argv);
	close(fds[1]);
	in = pid > 0 ? fdopen(fds[0], "r") : NULL;
	if (!in)
		close(fds[0]);
	while (in && fgets(line, sizeof line, in))
		printf("         | %s", line);
	if (in)
		fclose(in);
	fflush(stdout);
	if (pid < 0 || waitpid(pid, &status, 0) < 0) {
		chk_skipped(prog, C_LEAKS, "cannot start valgrind");
		return;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		prog->result[C_LEAKS] = 1;
		printf("  [PASS] %-12s valgrind: no leaks, no invalid memory "
		       "access\n", chk_names[C_LEAKS]);
	} else {
		prog->result[C_LEAKS] = 2;
		printf("  [FAIL] %-12s valgrind %s (status %d): see its report "
		       "above\n", chk_names[C_LEAKS],
		       WIFEXITED(status) && WEXITSTATUS(status) == 99
		               ? "found errors" : "run failed",
		       WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	}
	fflush(stdout);
}

/* ----------------------------------------------------------- the main */

static void usage(FILE *f)
{
	fprintf(f,
"Usage: docproc-check [OPTION]... PLUGIN\n"
"Check that a docproc plugin keeps the plugin contract, on a built-in\n"
"torture corpus. PLUGIN is a module path (.la or .so) or a plugin name\n"
"found in the plugin search path.\n"
"\n"
"Options:\n"
"  -o, --options YAML    options of PLUGIN, a YAML mapping ('{a: 1}')\n"
"  -b, --before PLUGIN   run PLUGIN (path or name) before it; repeat in\n"
"                        order (default: the plugins of the search path\n"
"                        that provide the layers it requires)\n"
"  -P, --plugin-path DIR search DIR first (repeatable)\n"
"      --big-mb N        size of the big document in MB (default 10; 0: none)\n"
"      --threads N       threads of the thread-safety check (default 4)\n"
"      --max-alloc N     allocation points tried per document\n"
"                        (default 100000)\n"
"      --skip LIST       checks to skip: determinism,threads,alloc,leaks\n"
"      --quick           small documents only (the leaks check uses it)\n"
"      --timeout SEC     give up after SEC seconds (default 900)\n"
"  -v, --verbose         every problem, not the first five per check\n"
"  -h, --help            this help\n"
"  -V, --version         version\n"
"\n"
"Checks: runs, spans, layers, determinism, threads, alloc, leaks (under\n"
"valgrind, when it is installed). Exit status: 0 all passed or skipped,\n"
"1 a check failed, 2 usage error or the plugin cannot be loaded.\n");
}

static int parse_skip(struct opts *o, const char *list)
{
	while (*list) {
		size_t len = strcspn(list, ",");
		int id;

		for (id = C_DET; id < C_COUNT; id++)
			if (strlen(chk_names[id]) == len &&
			    strncmp(chk_names[id], list, len) == 0)
				break;
		if (id == C_COUNT) {
			fprintf(stderr, "docproc-check: --skip: unknown check "
			        "'%.*s' (determinism, threads, alloc, leaks)\n",
			        (int)len, list);
			return -1;
		}
		o->skip[id] = true;
		list += len + (list[len] == ',');
	}
	return 0;
}

static int parse_num(const char *opt, const char *arg, long lo, long hi,
                     long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno || *end || end == arg || v < lo || v > hi) {
		fprintf(stderr, "docproc-check: %s: expected a number from %ld "
		        "to %ld, got '%s'\n", opt, lo, hi, arg);
		return -1;
	}
	*out = v;
	return 0;
}

static int parse_args(int argc, char **argv, struct opts *o)
{
	enum { O_BIG = 256, O_THREADS, O_MAXALLOC, O_SKIP, O_QUICK,
	       O_TIMEOUT };
	static const struct option lopts[] = {
		{"options", required_argument, NULL, 'o'},
		{"before", required_argument, NULL, 'b'},
		{"plugin-path", required_argument, NULL, 'P'},
		{"big-mb", required_argument, NULL, O_BIG},
		{"threads", required_argument, NULL, O_THREADS},
		{"max-alloc", required_argument, NULL, O_MAXALLOC},
		{"skip", required_argument, NULL, O_SKIP},
		{"quick", no_argument, NULL, O_QUICK},
		{"timeout", required_argument, NULL, O_TIMEOUT},
		{"verbose", no_argument, NULL, 'v'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	long v;
	int ch;

	o->big_mb = 10;
	o->threads = 4;
	o->max_alloc = 100000;
	o->timeout = 900;
	o->argc = argc;
	o->argv = argv;
	while ((ch = getopt_long(argc, argv, "o:b:P:vhV", lopts, NULL)) != -1) {
		switch (ch) {
		case 'o': o->options = optarg; break;
		case 'b':
		case 'P':
			if ((ch == 'b' ? o->nbefore : o->npath) >= MAX_BEFORE) {
				fprintf(stderr, "docproc-check: -%c: at most %d\n",
				        ch, MAX_BEFORE);
				return -1;
			}
			if (ch == 'b')
				o->before[o->nbefore++] = optarg;
			else
				o->path[o->npath++] = optarg;
			break;
		case O_BIG:
			if (parse_num("--big-mb", optarg, 0, 1024, &v))
				return -1;
			o->big_mb = (size_t)v;
			break;
		case O_THREADS:
			if (parse_num("--threads", optarg, 1, 256, &v))
				return -1;
			o->threads = (int)v;
			break;
		case O_MAXALLOC:
			if (parse_num("--max-alloc", optarg, 1, LONG_MAX / 2,
			              &o->max_alloc))
				return -1;
			break;
		case O_SKIP:
			if (parse_skip(o, optarg))
				return -1;
			break;
		case O_QUICK: o->quick = true; break;
		case O_TIMEOUT:
			if (parse_num("--timeout", optarg, 1, 86400, &v))
				return -1;
			o->timeout = (unsigned)v;
			break;
		case 'v': o->verbose = true; break;
		case 'h': usage(stdout); exit(0);
		case 'V':
			printf("docproc-check %s (plugin ABI %d.%d%s)\n",
			       dp_version(), dp_abi_major(), dp_abi_minor(),
			       DP_ASAN ? ", AddressSanitizer" : "");
			exit(0);
		default: usage(stderr); return -1;
		}
	}
	if (optind + 1 != argc) {
		fprintf(stderr, "docproc-check: expected one PLUGIN (a path or a "
		        "name); see --help\n");
		return -1;
	}
	o->plugin = argv[optind];
	return 0;
}

/* Where the child was, for a crash report: the corpus without its big
 * document has the same names at the same indices. */
static const char *where(const struct progress *p, char *buf, size_t len)
{
	struct chk_corpus names;
	const char *name = "big";

	if (p->doc < 0) {
		snprintf(buf, len, "(no document)");
		return buf;
	}
	if (chk_corpus_build(&names, 0) == 0 && (size_t)p->doc < names.n)
		name = names.docs[p->doc].name;
	if (p->alloc > 0)
		snprintf(buf, len, "on document '%s', with allocation %ld "
		         "failing", name, p->alloc);
	else
		snprintf(buf, len, "on document '%s'", name);
	chk_corpus_free(&names);
	return buf;
}

int main(int argc, char **argv)
{
	struct opts o;
	struct progress *prog;
	int status, failed = 0, passed = 0, skipped_n = 0;
	pid_t pid;
	char buf[160];

	memset(&o, 0, sizeof o);
	if (parse_args(argc, argv, &o))
		return EXIT_USAGE;
	prog = mmap(NULL, sizeof *prog, PROT_READ | PROT_WRITE,
	            MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (prog == MAP_FAILED) {
		perror("docproc-check: mmap");
		return EXIT_USAGE;
	}
	memset(prog, 0, sizeof *prog);
	prog->check = -1;
	prog->doc = -1;
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		perror("docproc-check: fork");
		return EXIT_USAGE;
	}
	if (pid == 0)
		exit(chk_run(&o, prog));   /* exit(): LeakSanitizer runs */
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			perror("docproc-check: waitpid");
			return EXIT_USAGE;
		}
	if (WIFEXITED(status) && WEXITSTATUS(status) == EXIT_USAGE)
		return EXIT_USAGE;
	if (prog->check < 0 && prog->result[C_RUNS] &&
	    (WIFSIGNALED(status) || WEXITSTATUS(status) > EXIT_FAILED)) {
		/* after the last check: a sanitizer's leak report */
		printf("  [FAIL] %-12s the checks ended, then the process %s "
		       "%d: a sanitizer's leak report above?\n",
		       chk_names[C_LEAKS], WIFSIGNALED(status)
		               ? "died with signal" : "exited with status",
		       WIFSIGNALED(status) ? WTERMSIG(status)
		                           : WEXITSTATUS(status));
		prog->result[C_LEAKS] = 2;
	} else if (WIFSIGNALED(status)) {
		int sig = WTERMSIG(status);
		const char *chk = prog->check >= 0 ? chk_names[prog->check]
		                                   : "loading";
		if (sig == SIGALRM)
			printf("  [FAIL] %-12s timed out after %u s %s: a hang?\n",
			       chk, o.timeout, where(prog, buf, sizeof buf));
		else
			printf("  [FAIL] %-12s CRASHED: signal %d (%s) %s\n", chk,
			       sig, strsignal(sig),
			       where(prog, buf, sizeof buf));
		if (prog->check >= 0)
			prog->result[prog->check] = 2;
		failed++;
	} else if (prog->check >= 0) {
		/* exit() in the middle of a check: a sanitizer (UBSan exits
		 * with a status), or a plugin calling exit() */
		printf("  [FAIL] %-12s the process exited (status %d) %s: a "
		       "sanitizer report above, or a plugin calling exit()?\n",
		       chk_names[prog->check], WEXITSTATUS(status),
		       where(prog, buf, sizeof buf));
		prog->result[prog->check] = 2;
		failed++;
	}
	if (DP_ASAN && !o.quick && prog->result[C_LEAKS] == 0) {
		chk_skipped(prog, C_LEAKS, "built with AddressSanitizer: its leak "
		                       "checker ran instead of valgrind");
	} else if (DP_ASAN) {
		/* nothing: the leaks were checked, or this is a nested run */
	} else if (!o.skip[C_LEAKS] && !getenv("DOCPROC_CHECK_NO_VALGRIND")) {
		if (!have_valgrind())
			chk_skipped(prog, C_LEAKS, "valgrind not found");
		else if (!failed)
			check_leaks(&o, prog);
		else
			chk_skipped(prog, C_LEAKS, "after a crash");
	} else if (!o.quick) {
		chk_skipped(prog, C_LEAKS,
		            o.skip[C_LEAKS] ? "(--skip)"
		                            : "(DOCPROC_CHECK_NO_VALGRIND)");
	}
	for (int i = 0; i < C_COUNT; i++) {
		failed += prog->result[i] == 2;
		passed += prog->result[i] == 1;
		skipped_n += prog->result[i] == 3;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) != 0 && !failed)
		failed++;
	printf("result: %s (%d passed, %d failed, %d skipped)\n",
	       failed ? "FAIL" : "PASS", passed, failed, skipped_n);
	munmap(prog, sizeof *prog);
	return failed ? EXIT_FAILED : 0;
}
