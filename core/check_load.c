/*
 * check_load.c - docproc-check: finding the plugins that provide what the
 * checked plugin requires, and loading them into one pipeline.
 */
#include "config.h"
#include "check_plugin.h"

#include <stdlib.h>
#include <string.h>

bool chk_in_list(const char *const *list, const char *name)
{
	for (; list && *list; list++)
		if (strcmp(*list, name) == 0)
			return true;
	return false;
}

/* Whether one of the @n chosen plugin files provides @layer. */
static bool chosen_provide(const struct dp_search *s, char **chosen,
                           size_t n, const char *layer)
{
	for (size_t i = 0; i < n; i++) {
		struct dp_module m;
		struct dp_error e;
		bool yes;

		if (dp_module_open(&m, chosen[i], s, &e))
			continue;
		yes = chk_in_list(m.desc->provides, layer);
		dp_module_close(&m);
		if (yes)
			return true;
	}
	return false;
}

/* Appends to @chosen, in a valid order, plugins of the search path that
 * provide the layers @requires names (and what those require in turn). */
static int resolve(const struct dp_search *s, const char *self,
                   const char *const *requires, char **chosen, size_t *n,
                   int depth, struct dp_error *err)
{
	char **names;

	if (!requires || !*requires)
		return 0;
	if (depth > 8)
		return dp_error_set(err, DP_ECONFIG,
		                    "requirements nest too deep");
	names = dp_search_list(s);
	if (!names)
		return dp_error_set(err, DP_ENOMEM, "out of memory");
	for (const char *const *r = requires; *r; r++) {
		bool found = chosen_provide(s, chosen, *n, *r) ||
		             strcmp(*r, "edits") == 0;

		for (char **nm = names; *nm && !found; nm++) {
			struct dp_module m;
			struct dp_error e;
			int rc;

			if (strcmp(*nm, self) == 0 ||
			    dp_module_open(&m, *nm, s, &e))
				continue;
			if (!chk_in_list(m.desc->provides, *r)) {
				dp_module_close(&m);
				continue;
			}
			rc = resolve(s, self, m.desc->requires, chosen, n,
			             depth + 1, err);
			if (rc == 0 && *n >= MAX_BEFORE)
				rc = dp_error_set(err, DP_ECONFIG,
				                  "too many plugins required");
			if (rc == 0 && !(chosen[(*n)++] = dp_strdup(m.path)))
				rc = dp_error_set(err, DP_ENOMEM, "out of memory");
			dp_module_close(&m);
			if (rc) {
				dp_strv_free(names);
				return rc;
			}
			found = true;
		}
		if (!found) {
			dp_strv_free(names);
			return dp_error_set(err, DP_ENOENT,
			                    "no plugin in the search path provides "
			                    "layer '%s', which '%s' requires: name "
			                    "one with -b or extend the path with -P",
			                    *r, self);
		}
	}
	dp_strv_free(names);
	return 0;
}

/* Parses @yaml (may be NULL) and adds @plugin to @pl. */
static int add_step(struct dp_pipeline *pl, const char *plugin,
                    const char *yaml, struct dp_error *err)
{
	yaml_parser_t parser;
	yaml_document_t ydoc;
	yaml_node_t *map = NULL;
	char where[32];
	int rc;

	snprintf(where, sizeof where, "step %zu", pl->n + 1);
	if (!yaml)
		return dp_pipeline_add(pl, plugin, NULL, NULL, "options", where,
		                       err);
	if (!yaml_parser_initialize(&parser))
		return dp_error_set(err, DP_ENOMEM, "out of memory");
	yaml_parser_set_input_string(&parser, (const unsigned char *)yaml,
	                             strlen(yaml));
	if (!yaml_parser_load(&parser, &ydoc)) {
		rc = dp_error_set(err, DP_ECONFIG, "--options: %s",
		                  parser.problem ? parser.problem
		                                 : "invalid YAML");
		yaml_parser_delete(&parser);
		return rc;
	}
	yaml_parser_delete(&parser);
	map = yaml_document_get_root_node(&ydoc);
	rc = dp_pipeline_add(pl, plugin, &ydoc, map, "--options", where, err);
	yaml_document_delete(&ydoc);
	return rc;
}

int chk_load(struct checker *c, char **owned, size_t *nowned)
{
	const struct opts *o = c->o;
	struct dp_search s;
	struct dp_module target;
	struct dp_error err;
	int rc;

	dp_error_clear(&err);
	rc = dp_search_init(&s, (char *const *)o->path, o->npath, &err);
	if (rc)
		goto out_msg;
	rc = dp_module_open(&target, o->plugin, &s, &err);
	if (rc) {
		dp_search_free(&s);
		goto out_msg;
	}
	if (o->nbefore) {
		/* names become paths: the harness has no -P directories */
		for (size_t i = 0; i < o->nbefore && rc == 0; i++) {
			struct dp_module m;
			rc = dp_module_open(&m, o->before[i], &s, &err);
			if (rc == 0 && !(owned[(*nowned)++] = dp_strdup(m.path)))
				rc = dp_error_set(&err, DP_ENOMEM, "out of memory");
			if (rc == 0)
				dp_module_close(&m);
		}
	} else {
		rc = resolve(&s, target.desc->name, target.desc->requires, owned,
		             nowned, 0, &err);
	}
	if (rc == 0 && !(owned[(*nowned)++] = dp_strdup(target.path)))
		rc = dp_error_set(&err, DP_ENOMEM, "out of memory");
	dp_module_close(&target);
	dp_search_free(&s);
	if (rc)
		goto out_msg;

	/* the pipeline: same search path, befores with defaults */
	rc = dp_search_init(&c->pl.search, (char *const *)o->path, o->npath,
	                    &err);
	if (rc)
		goto out_msg;
	c->pl.have_search = true;
	for (size_t i = 0; i < *nowned && rc == 0; i++)
		rc = add_step(&c->pl, owned[i], i + 1 == *nowned ? o->options
		                                                 : NULL, &err);
	if (rc)
		goto out_msg;
	c->npaths = *nowned;
	printf("docproc-check %s: plugin %s %s (%s)\n  pipeline:", dp_version(),
	       c->pl.steps[c->pl.n - 1].mod.desc->name,
	       c->pl.steps[c->pl.n - 1].mod.desc->version,
	       c->pl.steps[c->pl.n - 1].mod.path);
	for (size_t i = 0; i < c->pl.n; i++) {
		const struct dp_plugin *d = c->pl.steps[i].mod.desc;
		c->paths[i] = owned[i];
		c->stamps[i].name = d->name;
		c->stamps[i].version = d->version;
		printf("%s %s %s", i ? " ->" : "", d->name, d->version);
	}
	printf("\n");
	return 0;

out_msg:
	fprintf(stderr, "docproc-check: %s\n", err.msg);
	return rc;
}
