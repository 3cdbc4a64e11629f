/* pipeline.h - config file and pipeline of loaded plugins (internal). */
#ifndef DP_PIPELINE_H
#define DP_PIPELINE_H

#include "internal.h"
#include <yaml.h>

/* One `- plugin: NAME` entry of the config. */
struct dp_step_cfg {
	char *plugin;
	yaml_node_t *options;     /* points into the config's document */
	size_t line, col;         /* 1-based, of the entry */
};

enum dp_offsets { DP_OFFSETS_BYTES = 0, DP_OFFSETS_CODEPOINTS };

struct dp_config {
	char *file;               /* name used in messages */
	yaml_document_t ydoc;
	bool have_doc;
	char **plugin_path;
	size_t npath;
	struct dp_step_cfg *steps;
	size_t nsteps;
	char **layers;            /* output.layers; NULL: all */
	size_t nlayers;
	bool layers_set;
	size_t layers_line, layers_col;
	enum dp_offsets offsets;  /* output.offsets */
	bool with_text;           /* output.text */
};

DP_INTERNAL int dp_config_load_file(struct dp_config *cfg, const char *path,
                                    struct dp_error *err);
DP_INTERNAL int dp_config_load_string(struct dp_config *cfg, const char *yaml,
                                      size_t len, const char *name,
                                      struct dp_error *err);
DP_INTERNAL void dp_config_free(struct dp_config *cfg);

struct dp_pipeline {
	struct dp_search search;
	bool have_search;
	struct dp_step *steps;
	size_t n;
};

/* Loads, checks and initialises every step of @cfg (no document is read
 * before this returns). */
DP_INTERNAL int dp_pipeline_build(struct dp_pipeline *pl,
                                  const struct dp_config *cfg,
                                  struct dp_error *err);
/* Adds one step (used by the build and by the harness). @where names the
 * config position for messages ("file:line:col"). */
DP_INTERNAL int dp_pipeline_add(struct dp_pipeline *pl, const char *plugin,
                                yaml_document_t *ydoc, yaml_node_t *options,
                                const char *file, const char *where,
                                struct dp_error *err);
/* Runs every step on @doc. On failure returns the code, sets *failed to
 * the step index and @err to the message. @step_ns (may be NULL) gets the
 * time spent in each step added to it. */
DP_INTERNAL int dp_pipeline_process(const struct dp_pipeline *pl,
                                    struct dp_doc *doc, size_t *failed,
                                    struct dp_error *err, uint64_t *step_ns);
DP_INTERNAL void dp_pipeline_free(struct dp_pipeline *pl);
/* Whether some step provides @layer ("edits" included). */
DP_INTERNAL bool dp_pipeline_provides(const struct dp_pipeline *pl,
                                      const char *layer);

#endif
