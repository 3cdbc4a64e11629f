/*
 * rogue.c - plugins that break the contract on purpose, one per ROGUE_*
 * macro, to prove that docproc-check catches each violation (see
 * check-rogues.sh). Each provides `rogue` with spans over the words of
 * the text and then does one thing wrong. Test-only; never installed.
 */
#include <docproc/docproc.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(ROGUE_UNDECLARED)
#define ROGUE_NAME "rogue_undeclared"
#elif defined(ROGUE_BOUNDS)
#define ROGUE_NAME "rogue_bounds"
#elif defined(ROGUE_MIDCHAR)
#define ROGUE_NAME "rogue_midchar"
#elif defined(ROGUE_HISTORY)
#define ROGUE_NAME "rogue_history"
#elif defined(ROGUE_LEAK)
#define ROGUE_NAME "rogue_leak"
#elif defined(ROGUE_CRASH)
#define ROGUE_NAME "rogue_crash"
#elif defined(ROGUE_NOMEM)
#define ROGUE_NAME "rogue_nomem"
#elif defined(ROGUE_FAILS)
#define ROGUE_NAME "rogue_fails"
#elif defined(ROGUE_EXIT)
#define ROGUE_NAME "rogue_exit"
#elif defined(ROGUE_STDOUT)
#define ROGUE_NAME "rogue_stdout"
#elif defined(ROGUE_ABI)
#define ROGUE_NAME "rogue_abi"
#else
#define ROGUE_NAME "rogue_good"
#endif

static const char *const rogue_provides[] = {"rogue", NULL};

/* ROGUE_HISTORY writes to its shared state (a data race too). */
struct rogue_state {
	long seen;
};

static int rogue_init(const struct dp_options *opts, void **state,
                      struct dp_error *err)
{
	(void)opts;
	*state = calloc(1, sizeof(struct rogue_state));
	return *state ? 0 : dp_error_set(err, DP_ENOMEM, "out of memory");
}

static void rogue_fini(void *state)
{
	free(state);
}

static int rogue_process(void *state, struct dp_doc *doc)
{
	static const struct dp_attr_def attrs[] = {{"n", DP_ATTR_INT}};
	size_t len, i = 0;
	const char *t = dp_doc_text(doc, &len);
	struct dp_layer *l;
	long k = 0;
	char *scratch = dp_doc_alloc(doc, 64);

#if defined(ROGUE_NOMEM)
	/* uses scratch memory without checking for NULL */
	memset(scratch, 0, 64);
#else
	if (!scratch)
		return DP_ENOMEM;
#endif
#if defined(ROGUE_LEAK)
	/* per-document memory from malloc, never freed */
	if (!malloc(32))
		return DP_ENOMEM;
#endif
#if defined(ROGUE_CRASH)
	if (len && strstr(t, "\xe2\x80\x8d"))   /* text with a ZWJ */
		*(volatile char *)NULL = 1;
#endif
#if defined(ROGUE_EXIT)
	if (memchr(t, '\x01', len))   /* the control characters */
		exit(0);
#endif
#if defined(ROGUE_STDOUT)
	if (strstr(t, "Monday"))       /* debugging output left in */
		printf("found Monday");
#endif
#if defined(ROGUE_FAILS)
	if (len == 0)
		return dp_doc_fail(doc, "cannot handle an empty text");
#endif
	l = dp_layer_create(doc, "rogue", attrs, 1);
	if (!l)
		return DP_EPLUGIN;
	while (i < len) {
		size_t s;

		while (i < len && t[i] == ' ')
			i++;
		s = i;
		while (i < len && t[i] != ' ')
			i++;
		if (s == i)
			break;
		k = dp_layer_add(l, s, i);
		if (k < 0)
			return (int)k;
#if defined(ROGUE_HISTORY)
		((struct rogue_state *)state)->seen++;
		if (dp_layer_set_int(l, (size_t)k, 0,
		                     ((struct rogue_state *)state)->seen))
			return DP_ENOMEM;
#else
		(void)state;
		if (dp_layer_set_int(l, (size_t)k, 0, (int64_t)(i - s)))
			return DP_ENOMEM;
#endif
	}
#if defined(ROGUE_BOUNDS)
	if (dp_layer_add(l, 0, len + 1) < 0)
		return DP_ENOMEM;
#endif
#if defined(ROGUE_MIDCHAR)
	for (i = 0; i < len; i++)
		if ((unsigned char)t[i] >= 0xC0) {
			if (dp_layer_add(l, i + 1, len) < 0)
				return DP_ENOMEM;
			break;
		}
#endif
#if defined(ROGUE_UNDECLARED)
	if (!dp_layer_create(doc, "sneaky", attrs, 1))
		return DP_EPLUGIN;
#endif
	return 0;
}

#if defined(ROGUE_ABI)
/* as if built against a future docproc.h of ABI 2.0 */
DP_EXPORT extern const struct dp_plugin dp_plugin_descriptor;
DP_EXPORT const struct dp_plugin dp_plugin_descriptor = {
	.abi_major = DP_ABI_MAJOR + 1,
	.abi_minor = 0,
	.size = (uint32_t)sizeof(struct dp_plugin),
	.name = ROGUE_NAME,
	.version = "0.0.0",
	.provides = rogue_provides,
	.init = rogue_init,
	.process = rogue_process,
	.fini = rogue_fini,
};
#else
DP_PLUGIN_DEFINE(
	.name = ROGUE_NAME,
	.version = "0.0.0",
	.description = "breaks the plugin contract on purpose (test-only)",
	.provides = rogue_provides,
	.init = rogue_init,
	.process = rogue_process,
	.fini = rogue_fini);
#endif
