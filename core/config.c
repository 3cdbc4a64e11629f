/*
 * config.c - the YAML configuration file (read with libyaml).
 *
 *     docproc: 1
 *     plugin_path: [dir, ...]
 *     pipeline:
 *       - plugin: NAME
 *         options: { ... }
 *     output: { layers: [...], offsets: bytes|codepoints, text: true }
 *
 * Every error names file:line:column, the key, and what was expected;
 * unknown keys get "did you mean".
 */
#include "config.h"
#include "pipeline.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define AT(n) (n)->start_mark.line + 1, (n)->start_mark.column + 1

static const char *const top_keys[] = {"docproc", "plugin_path", "pipeline",
                                       "output"};
static const char *const step_keys[] = {"plugin", "options"};
static const char *const output_keys[] = {"layers", "offsets", "text"};

static int unknown_key(const struct dp_config *cfg, const yaml_node_t *k,
                       const char *section, const char *const *valid,
                       size_t nvalid, struct dp_error *err)
{
	const char *key = (const char *)k->data.scalar.value;
	const char *near = dp_nearest(key, valid, nvalid);
	char list[256];
	size_t o = 0;

	list[0] = '\0';
	for (size_t i = 0; i < nvalid && o < sizeof list; i++)
		o += (size_t)snprintf(list + o, sizeof list - o, "%s%s",
		                      i ? ", " : "", valid[i]);
	if (near)
		return dp_error_set(err, DP_ECONFIG,
		                    "%s:%zu:%zu: unknown key '%s' in %s "
		                    "(did you mean '%s'?)", cfg->file, AT(k), key,
		                    section, near);
	return dp_error_set(err, DP_ECONFIG,
	                    "%s:%zu:%zu: unknown key '%s' in %s (expected one "
	                    "of: %s)", cfg->file, AT(k), key, section, list);
}

static int expect(const struct dp_config *cfg, const yaml_node_t *n,
                  yaml_node_type_t type, const char *key, const char *what,
                  struct dp_error *err)
{
	if (n->type == type)
		return 0;
	return dp_error_set(err, DP_ECONFIG, "%s:%zu:%zu: '%s': expected %s",
	                    cfg->file, AT(n), key, what);
}

static const char *scalar(const yaml_node_t *n)
{
	return (const char *)n->data.scalar.value;
}

/* libyaml keeps repeated keys; a repeated key is an error (the second
 * would silently replace the first, and leak what it held). */
static int no_duplicates(const struct dp_config *cfg, yaml_node_t *map,
                         struct dp_error *err)
{
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
	     p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(
			(yaml_document_t *)&cfg->ydoc, p->key);
		if (k->type != YAML_SCALAR_NODE)
			continue;
		for (yaml_node_pair_t *q = map->data.mapping.pairs.start; q < p;
		     q++) {
			yaml_node_t *k2 = yaml_document_get_node(
				(yaml_document_t *)&cfg->ydoc, q->key);
			if (k2->type == YAML_SCALAR_NODE &&
			    strcmp(scalar(k), scalar(k2)) == 0)
				return dp_error_set(
					err, DP_ECONFIG,
					"%s:%zu:%zu: key '%s' given twice (first "
					"at line %zu)", cfg->file, AT(k),
					scalar(k), k2->start_mark.line + 1);
		}
	}
	return 0;
}

/* Reads a sequence of strings (or one string) into a NULL-terminated
 * array. */
static int string_list(struct dp_config *cfg, yaml_node_t *n,
                       const char *key, char ***out, size_t *nout,
                       struct dp_error *err)
{
	size_t cnt;

	if (n->type == YAML_SCALAR_NODE && n->data.scalar.length == 0 &&
	    n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
		*out = calloc(1, sizeof **out);
		*nout = 0;
		return *out ? 0 : dp_error_set(err, DP_ENOMEM, "out of memory");
	}
	if (expect(cfg, n, YAML_SEQUENCE_NODE, key, "a list of strings", err))
		return DP_ECONFIG;
	cnt = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
	*out = calloc(cnt + 1, sizeof **out);
	if (!*out)
		return dp_error_set(err, DP_ENOMEM, "out of memory");
	*nout = 0;
	for (size_t i = 0; i < cnt; i++) {
		yaml_node_t *it = yaml_document_get_node(
			&cfg->ydoc, n->data.sequence.items.start[i]);
		if (expect(cfg, it, YAML_SCALAR_NODE, key,
		           "a list of strings", err))
			return DP_ECONFIG;
		(*out)[i] = dp_strdup(scalar(it));
		if (!(*out)[i])
			return dp_error_set(err, DP_ENOMEM, "out of memory");
		(*nout)++;
	}
	return 0;
}

static int read_step(struct dp_config *cfg, yaml_node_t *n,
                     struct dp_step_cfg *st, struct dp_error *err)
{
	yaml_node_t *plugin = NULL;

	st->line = n->start_mark.line + 1;
	st->col = n->start_mark.column + 1;
	if (n->type == YAML_SCALAR_NODE)
		return dp_error_set(err, DP_ECONFIG,
		                    "%s:%zu:%zu: pipeline step: expected a mapping "
		                    "like '- plugin: %s', got a plain string",
		                    cfg->file, AT(n), scalar(n));
	if (expect(cfg, n, YAML_MAPPING_NODE, "pipeline",
	           "a mapping with 'plugin' and optional 'options'", err) ||
	    no_duplicates(cfg, n, err))
		return DP_ECONFIG;
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start;
	     p < n->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(&cfg->ydoc, p->key);
		yaml_node_t *v = yaml_document_get_node(&cfg->ydoc, p->value);
		if (expect(cfg, k, YAML_SCALAR_NODE, "pipeline", "a key", err))
			return DP_ECONFIG;
		if (strcmp(scalar(k), "plugin") == 0) {
			if (expect(cfg, v, YAML_SCALAR_NODE, "plugin",
			           "a plugin name", err))
				return DP_ECONFIG;
			if (v->data.scalar.length == 0)
				return dp_error_set(err, DP_ECONFIG,
				                    "%s:%zu:%zu: 'plugin': expected a "
				                    "plugin name, got nothing",
				                    cfg->file, AT(v));
			plugin = v;
		} else if (strcmp(scalar(k), "options") == 0) {
			if (v->type == YAML_SCALAR_NODE &&
			    v->data.scalar.length == 0)
				continue;   /* "options:" with nothing */
			if (expect(cfg, v, YAML_MAPPING_NODE, "options",
			           "a mapping of option: value", err) ||
			    no_duplicates(cfg, v, err))
				return DP_ECONFIG;
			st->options = v;
		} else {
			return unknown_key(cfg, k, "a pipeline step", step_keys, 2,
			                   err);
		}
	}
	if (!plugin)
		return dp_error_set(err, DP_ECONFIG,
		                    "%s:%zu:%zu: pipeline step without 'plugin: "
		                    "NAME'", cfg->file, AT(n));
	st->plugin = dp_strdup(scalar(plugin));
	if (!st->plugin)
		return dp_error_set(err, DP_ENOMEM, "out of memory");
	return 0;
}

static int read_output(struct dp_config *cfg, yaml_node_t *n,
                       struct dp_error *err)
{
	if (n->type == YAML_SCALAR_NODE && n->data.scalar.length == 0)
		return 0;
	if (expect(cfg, n, YAML_MAPPING_NODE, "output",
	           "a mapping with 'layers', 'offsets' or 'text'", err) ||
	    no_duplicates(cfg, n, err))
		return DP_ECONFIG;
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start;
	     p < n->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(&cfg->ydoc, p->key);
		yaml_node_t *v = yaml_document_get_node(&cfg->ydoc, p->value);
		if (expect(cfg, k, YAML_SCALAR_NODE, "output", "a key", err))
			return DP_ECONFIG;
		if (strcmp(scalar(k), "layers") == 0) {
			int rc;
			if (v->type == YAML_SCALAR_NODE &&
			    strcmp(scalar(v), "all") == 0)
				continue;
			rc = string_list(cfg, v, "layers", &cfg->layers,
			                 &cfg->nlayers, err);
			if (rc)
				return rc;
			cfg->layers_set = true;
			cfg->layers_line = v->start_mark.line + 1;
			cfg->layers_col = v->start_mark.column + 1;
		} else if (strcmp(scalar(k), "offsets") == 0) {
			if (expect(cfg, v, YAML_SCALAR_NODE, "offsets",
			           "bytes or codepoints", err))
				return DP_ECONFIG;
			if (strcmp(scalar(v), "bytes") == 0)
				cfg->offsets = DP_OFFSETS_BYTES;
			else if (strcmp(scalar(v), "codepoints") == 0)
				cfg->offsets = DP_OFFSETS_CODEPOINTS;
			else
				return dp_error_set(err, DP_ECONFIG,
				                    "%s:%zu:%zu: 'offsets': expected "
				                    "bytes or codepoints, got '%s'",
				                    cfg->file, AT(v), scalar(v));
		} else if (strcmp(scalar(k), "text") == 0) {
			const char *s = scalar(v);
			if (v->type == YAML_SCALAR_NODE &&
			    (!strcmp(s, "true") || !strcmp(s, "yes")))
				cfg->with_text = true;
			else if (v->type == YAML_SCALAR_NODE &&
			         (!strcmp(s, "false") || !strcmp(s, "no")))
				cfg->with_text = false;
			else
				return dp_error_set(err, DP_ECONFIG,
				                    "%s:%zu:%zu: 'text': expected true "
				                    "or false", cfg->file, AT(v));
		} else {
			return unknown_key(cfg, k, "output", output_keys, 3, err);
		}
	}
	return 0;
}

static int read_document(struct dp_config *cfg, struct dp_error *err)
{
	yaml_node_t *root = yaml_document_get_root_node(&cfg->ydoc);
	bool have_version = false;

	if (!root)
		return dp_error_set(err, DP_ECONFIG,
		                    "%s: the file is empty: expected at least "
		                    "'docproc: 1'", cfg->file);
	if (expect(cfg, root, YAML_MAPPING_NODE, "(top level)",
	           "a mapping with docproc, plugin_path, pipeline, output",
	           err) ||
	    no_duplicates(cfg, root, err))
		return DP_ECONFIG;
	for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
	     p < root->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(&cfg->ydoc, p->key);
		yaml_node_t *v = yaml_document_get_node(&cfg->ydoc, p->value);
		const char *key;
		int rc;

		if (expect(cfg, k, YAML_SCALAR_NODE, "(top level)", "a key",
		           err))
			return DP_ECONFIG;
		key = scalar(k);
		if (strcmp(key, "docproc") == 0) {
			if (v->type != YAML_SCALAR_NODE ||
			    strcmp(scalar(v), "1") != 0)
				return dp_error_set(
					err, DP_ECONFIG,
					"%s:%zu:%zu: 'docproc': this docproc reads "
					"config format version 1, got '%s'",
					cfg->file, AT(v),
					v->type == YAML_SCALAR_NODE ? scalar(v)
					                            : "(not a number)");
			have_version = true;
		} else if (strcmp(key, "plugin_path") == 0) {
			rc = string_list(cfg, v, "plugin_path", &cfg->plugin_path,
			                 &cfg->npath, err);
			if (rc)
				return rc;
		} else if (strcmp(key, "pipeline") == 0) {
			size_t cnt;
			if (v->type == YAML_SCALAR_NODE &&
			    v->data.scalar.length == 0)
				continue;   /* empty pipeline */
			if (expect(cfg, v, YAML_SEQUENCE_NODE, "pipeline",
			           "a list of steps ('- plugin: NAME')", err))
				return DP_ECONFIG;
			cnt = (size_t)(v->data.sequence.items.top -
			               v->data.sequence.items.start);
			cfg->steps = calloc(cnt ? cnt : 1, sizeof *cfg->steps);
			if (!cfg->steps)
				return dp_error_set(err, DP_ENOMEM, "out of memory");
			for (size_t i = 0; i < cnt; i++) {
				yaml_node_t *it = yaml_document_get_node(
					&cfg->ydoc, v->data.sequence.items.start[i]);
				rc = read_step(cfg, it, &cfg->steps[i], err);
				cfg->nsteps = i + 1;
				if (rc)
					return rc;
			}
		} else if (strcmp(key, "output") == 0) {
			rc = read_output(cfg, v, err);
			if (rc)
				return rc;
		} else {
			return unknown_key(cfg, k, "the top level", top_keys, 4,
			                   err);
		}
	}
	if (!have_version)
		return dp_error_set(err, DP_ECONFIG,
		                    "%s:%zu:%zu: missing 'docproc: 1' (the config "
		                    "format version)", cfg->file, AT(root));
	return 0;
}

int dp_config_load_string(struct dp_config *cfg, const char *yaml,
                          size_t len, const char *name, struct dp_error *err)
{
	yaml_parser_t parser;
	int rc;

	memset(cfg, 0, sizeof *cfg);
	cfg->with_text = true;
	cfg->file = dp_strdup(name);
	if (!cfg->file)
		return dp_error_set(err, DP_ENOMEM, "out of memory");
	if (!yaml_parser_initialize(&parser))
		return dp_error_set(err, DP_ENOMEM, "out of memory");
	yaml_parser_set_input_string(&parser, (const unsigned char *)yaml, len);
	if (!yaml_parser_load(&parser, &cfg->ydoc)) {
		rc = dp_error_set(err, DP_ECONFIG, "%s:%zu:%zu: %s%s%s",
		                  cfg->file, parser.problem_mark.line + 1,
		                  parser.problem_mark.column + 1,
		                  parser.problem ? parser.problem : "invalid YAML",
		                  parser.context ? " " : "",
		                  parser.context ? parser.context : "");
		yaml_parser_delete(&parser);
		return rc;
	}
	yaml_parser_delete(&parser);
	cfg->have_doc = true;
	return read_document(cfg, err);
}

/* A relative plugin_path entry is relative to the config file's folder,
 * so that a config and its plugins can be moved together. */
static int resolve_plugin_path(struct dp_config *cfg, const char *path,
                               struct dp_error *err)
{
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path) : 1;
	const char *dir = slash ? path : ".";

	for (size_t i = 0; i < cfg->npath; i++) {
		char *p = cfg->plugin_path[i], *abs;
		size_t len;

		if (p[0] == '/')
			continue;
		len = dirlen + 1 + strlen(p) + 1;
		abs = malloc(len);
		if (!abs)
			return dp_error_set(err, DP_ENOMEM, "out of memory");
		snprintf(abs, len, "%.*s/%s", (int)dirlen, dir, p);
		free(p);
		cfg->plugin_path[i] = abs;
	}
	return 0;
}

int dp_config_load_file(struct dp_config *cfg, const char *path,
                        struct dp_error *err)
{
	FILE *f = fopen(path, "rb");
	struct dp_buf b = {0};
	char chunk[8192];
	size_t n;
	int rc;

	if (!f) {
		memset(cfg, 0, sizeof *cfg);
		return dp_error_set(err, DP_ECONFIG, "%s: cannot read config: %s",
		                    path, strerror(errno));
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (dp_buf_append(&b, chunk, n) < 0) {
			fclose(f);
			dp_buf_free(&b);
			memset(cfg, 0, sizeof *cfg);
			return dp_error_set(err, DP_ENOMEM, "out of memory");
		}
	fclose(f);
	rc = dp_config_load_string(cfg, b.data ? b.data : "", b.len, path, err);
	dp_buf_free(&b);
	if (rc == 0)
		rc = resolve_plugin_path(cfg, path, err);
	return rc;
}

void dp_config_free(struct dp_config *cfg)
{
	for (size_t i = 0; i < cfg->nsteps; i++)
		free(cfg->steps[i].plugin);
	free(cfg->steps);
	dp_strv_free(cfg->plugin_path);
	dp_strv_free(cfg->layers);
	if (cfg->have_doc)
		yaml_document_delete(&cfg->ydoc);
	free(cfg->file);
	memset(cfg, 0, sizeof *cfg);
}
