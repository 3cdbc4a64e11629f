/*
 * loader.c - finding plugins and loading them with libltdl.
 *
 * Search order: the config's plugin_path, $DOCPROC_PLUGIN_PATH, the build
 * tree (when the running program is the uninstalled one), the installed
 * plugin directory. A plugin NAME is found as NAME.la or NAME.so in a
 * directory, or NAME/NAME.la in a directory of plugin folders (the build
 * tree's layout).
 */
#include "config.h"
#include "internal.h"

#include <dirent.h>
#include <dlfcn.h>
#include <limits.h>
#include <ltdl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool file_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static bool has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

bool dp_in_build_tree(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	char pre[PATH_MAX];
	static const char *const sub[] = {"/core/", "/tests/", "/plugins/"};

	if (n <= 0)
		return false;
	exe[n] = '\0';
	for (size_t i = 0; i < sizeof sub / sizeof *sub; i++) {
		snprintf(pre, sizeof pre, "%s%s", DP_BUILDDIR, sub[i]);
		if (has_prefix(exe, pre))
			return true;
	}
	return false;
}

const char *dp_builtin_plugin_dir(void)
{
	return dp_in_build_tree() ? DP_BUILDDIR "/plugins" : DP_PKGLIBDIR;
}

const char *dp_default_config_path(void)
{
	return dp_in_build_tree() ? DP_SRCDIR "/config/default.yaml"
	                          : DP_PKGDATADIR "/default.yaml";
}

static int push_dir(struct dp_search *s, const char *dir, size_t len)
{
	char *d;
	char **nd;

	if (len == 0)
		return 0;
	d = malloc(len + 1);
	if (!d)
		return DP_ENOMEM;
	memcpy(d, dir, len);
	d[len] = '\0';
	while (len > 1 && d[len - 1] == '/')
		d[--len] = '\0';
	nd = realloc(s->dirs, (s->n + 1) * sizeof *nd);
	if (!nd) {
		free(d);
		return DP_ENOMEM;
	}
	s->dirs = nd;
	s->dirs[s->n++] = d;
	return 0;
}

int dp_search_init(struct dp_search *s, char *const *cfg_dirs, size_t ncfg,
                   struct dp_error *err)
{
	const char *env = getenv("DOCPROC_PLUGIN_PATH");

	s->dirs = NULL;
	s->n = 0;
	if (lt_dlinit() != 0)
		return dp_error_set(err, DP_EIO, "cannot initialise libltdl: %s",
		                    lt_dlerror());
	for (size_t i = 0; i < ncfg; i++)
		if (push_dir(s, cfg_dirs[i], strlen(cfg_dirs[i])) < 0)
			goto out_nomem;
	if (env) {
		const char *p = env;
		while (*p) {
			const char *c = strchr(p, ':');
			size_t len = c ? (size_t)(c - p) : strlen(p);
			if (push_dir(s, p, len) < 0)
				goto out_nomem;
			p += len;
			if (*p == ':')
				p++;
		}
	}
	if (push_dir(s, dp_builtin_plugin_dir(),
	             strlen(dp_builtin_plugin_dir())) < 0)
		goto out_nomem;
	return 0;
out_nomem:
	dp_search_free(s);
	return dp_error_set(err, DP_ENOMEM, "out of memory");
}

void dp_search_free(struct dp_search *s)
{
	if (!s->dirs && s->n == 0)
		return;
	for (size_t i = 0; i < s->n; i++)
		free(s->dirs[i]);
	free(s->dirs);
	s->dirs = NULL;
	s->n = 0;
	lt_dlexit();
}

static int strv_push(char ***v, size_t *n, const char *s, size_t len)
{
	char **nv;
	char *copy;

	for (size_t i = 0; i < *n; i++)
		if (strlen((*v)[i]) == len && memcmp((*v)[i], s, len) == 0)
			return 0;
	copy = malloc(len + 1);
	if (!copy)
		return DP_ENOMEM;
	memcpy(copy, s, len);
	copy[len] = '\0';
	nv = realloc(*v, (*n + 2) * sizeof *nv);
	if (!nv) {
		free(copy);
		return DP_ENOMEM;
	}
	*v = nv;
	nv[(*n)++] = copy;
	nv[*n] = NULL;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **dp_search_list(const struct dp_search *s)
{
	char **v = calloc(1, sizeof *v);
	size_t n = 0;
	char path[PATH_MAX];

	if (!v)
		return NULL;
	for (size_t i = 0; i < s->n; i++) {
		DIR *d = opendir(s->dirs[i]);
		struct dirent *de;

		if (!d)
			continue;
		while ((de = readdir(d)) != NULL) {
			const char *nm = de->d_name;
			size_t len = strlen(nm);
			if (nm[0] == '.')
				continue;
			if (len > 3 && (strcmp(nm + len - 3, ".la") == 0 ||
			                strcmp(nm + len - 3, ".so") == 0)) {
				if (strv_push(&v, &n, nm, len - 3) < 0)
					goto out_nomem;
				continue;
			}
			snprintf(path, sizeof path, "%s/%s/%s.la", s->dirs[i], nm,
			         nm);
			if (file_exists(path) && strv_push(&v, &n, nm, len) < 0)
				goto out_nomem;
		}
		closedir(d);
		continue;
out_nomem:
		closedir(d);
		dp_strv_free(v);
		return NULL;
	}
	qsort(v, n, sizeof *v, cmp_str);
	return v;
}

/* Finds NAME in the search path; returns a malloc'd path or NULL. */
static char *find_plugin(const struct dp_search *s, const char *name)
{
	char path[PATH_MAX];
	static const char *const fmt[] = {"%s/%s.la", "%s/%s.so", "%s/%s/%s.la"};

	for (size_t i = 0; i < s->n; i++)
		for (size_t f = 0; f < 3; f++) {
			if (f == 2)
				snprintf(path, sizeof path, fmt[f], s->dirs[i], name,
				         name);
			else
				snprintf(path, sizeof path, fmt[f], s->dirs[i], name);
			if (file_exists(path))
				return dp_strdup(path);
		}
	return NULL;
}

/* The shared object behind a .la file: dlname in the same directory or in
 * its .libs/ (uninstalled). */
static void real_object(const char *la, char *out, size_t outlen)
{
	FILE *f = fopen(la, "r");
	char line[1024], dlname[256] = "";
	const char *slash = strrchr(la, '/');
	int dirlen = slash ? (int)(slash - la) : 1;
	const char *dir = slash ? la : ".";

	snprintf(out, outlen, "%s", la);
	if (!f)
		return;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "dlname='%255[^']'", dlname) == 1)
			break;
	fclose(f);
	if (!dlname[0])
		return;
	snprintf(out, outlen, "%.*s/.libs/%s", dirlen, dir, dlname);
	if (file_exists(out))
		return;
	snprintf(out, outlen, "%.*s/%s", dirlen, dir, dlname);
}

static int check_descriptor(const struct dp_plugin *d, const char *path,
                            struct dp_error *err)
{
	if (d->abi_major != DP_ABI_MAJOR)
		return dp_error_set(err, DP_EABI,
		                    "%s was built for docproc plugin ABI %u.%u, "
		                    "but this docproc provides ABI %d.%d: rebuild "
		                    "the plugin against this docproc",
		                    path, d->abi_major, d->abi_minor, DP_ABI_MAJOR,
		                    DP_ABI_MINOR);
	if (d->abi_minor > DP_ABI_MINOR)
		return dp_error_set(err, DP_EABI,
		                    "%s was built for docproc plugin ABI %u.%u, "
		                    "newer than this docproc's ABI %d.%d: upgrade "
		                    "docproc or rebuild the plugin against it",
		                    path, d->abi_major, d->abi_minor, DP_ABI_MAJOR,
		                    DP_ABI_MINOR);
	/* ABI 1.0 defines exactly this descriptor size. */
	if (d->size != sizeof(struct dp_plugin))
		return dp_error_set(err, DP_EABI,
		                    "%s: descriptor size is %u bytes, but ABI "
		                    "%u.%u (this docproc provides ABI %d.%d) "
		                    "defines %zu: the plugin was built with "
		                    "a damaged or foreign docproc.h (define the "
		                    "descriptor with DP_PLUGIN_DEFINE)",
		                    path, d->size, d->abi_major, d->abi_minor,
		                    DP_ABI_MAJOR, DP_ABI_MINOR,
		                    sizeof(struct dp_plugin));
	if (!d->name || !dp_layer_name_valid(d->name))
		return dp_error_set(err, DP_EABI,
		                    "%s: the descriptor has no valid name "
		                    "(lower-case letters, digits, '_' or '-')",
		                    path);
	if (!d->process)
		return dp_error_set(err, DP_EABI,
		                    "%s: plugin '%s' has no process function",
		                    path, d->name);
	if (!d->version)
		return dp_error_set(err, DP_EABI,
		                    "%s: plugin '%s' has no version", path,
		                    d->name);
	return 0;
}

int dp_module_open(struct dp_module *m, const char *name_or_path,
                   const struct dp_search *s, struct dp_error *err)
{
	bool is_path = strchr(name_or_path, '/') != NULL;
	char *path;
	lt_dlhandle h;
	const struct dp_plugin *d;
	int rc;

	memset(m, 0, sizeof *m);
	if (is_path) {
		if (!file_exists(name_or_path))
			return dp_error_set(err, DP_ENOENT,
			                    "plugin file %s not found",
			                    name_or_path);
		path = dp_strdup(name_or_path);
	} else {
		path = find_plugin(s, name_or_path);
		if (!path) {
			char looked[2048];
			size_t o = 0;
			char **names = dp_search_list(s);
			size_t nn = 0;
			const char *near = NULL;

			looked[0] = '\0';
			for (size_t i = 0; i < s->n && o < sizeof looked; i++)
				o += (size_t)snprintf(looked + o, sizeof looked - o,
				                      "%s%s", i ? ", " : "",
				                      s->dirs[i]);
			if (names) {
				while (names[nn])
					nn++;
				near = dp_nearest(name_or_path,
				                  (const char *const *)names, nn);
			}
			dp_error_set(err, DP_ENOENT,
			             "plugin '%s' not found (looked in %s)%s%s%s",
			             name_or_path, looked,
			             near ? "; did you mean '" : "",
			             near ? near : "", near ? "'?" : "");
			dp_strv_free(names);
			return DP_ENOENT;
		}
	}
	if (!path)
		return dp_error_set(err, DP_ENOMEM, "out of memory");

	h = lt_dlopen(path);
	if (!h) {
		/* libltdl reports "file not found" for a missing dependency
		 * too: ask the dynamic linker for the real reason. */
		char obj[PATH_MAX];
		const char *why = lt_dlerror();
		void *dh;

		real_object(path, obj, sizeof obj);
		dh = dlopen(obj, RTLD_NOW | RTLD_LOCAL);
		if (!dh)
			why = dlerror();
		else
			dlclose(dh);
		dp_error_set(err, DP_EIO,
		             "plugin %s was found but cannot be loaded: %s",
		             path, why ? why : "unknown reason");
		free(path);
		return DP_EIO;
	}
	d = lt_dlsym(h, "dp_plugin_descriptor");
	if (!d) {
		dp_error_set(err, DP_EABI,
		             "%s is not a docproc plugin: it does not export the "
		             "symbol 'dp_plugin_descriptor' (define it with "
		             "DP_PLUGIN_DEFINE from <docproc/docproc.h>)", path);
		lt_dlclose(h);
		free(path);
		return DP_EABI;
	}
	rc = check_descriptor(d, path, err);
	if (rc < 0) {
		lt_dlclose(h);
		free(path);
		return rc;
	}
	m->path = path;
	m->handle = h;
	m->desc = d;
	return 0;
}

void dp_module_close(struct dp_module *m)
{
	if (m->handle)
		lt_dlclose(m->handle);
	free(m->path);
	memset(m, 0, sizeof *m);
}
