/*
 * tmpdir.h - a scratch directory for the unit tests that write files
 * (include after config.h and testutil.h).
 */
#ifndef DP_TMPDIR_H
#define DP_TMPDIR_H

#include <stdlib.h>

/* A scratch directory for a test program's group, made by
 * tmpdir_setup() (under /tmp, named after @prefix, no plugin path from
 * the environment) and removed with its contents by tmpdir_teardown(). */
static char tmpdir[256];

static inline int tmpdir_setup(const char *prefix)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/dp-%s-XXXXXX", prefix);
	if (!mkdtemp(tmpdir))
		return -1;
	unsetenv("DOCPROC_PLUGIN_PATH");
	return 0;
}

static inline int tmpdir_teardown(void **state)
{
	char cmd[512];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

#endif
