/* options.h - building a plugin's options from YAML (internal). */
#ifndef DP_OPTIONS_H
#define DP_OPTIONS_H

#include "internal.h"
#include <yaml.h>

/* Fills @o with the schema's defaults. */
DP_INTERNAL int dp_options_init(struct dp_options *o,
                                const struct dp_option_def *schema,
                                struct dp_error *err);
/* Applies the YAML mapping @map (may be NULL) of @file, checking keys,
 * types, choices and required options; messages carry file:line:column. */
DP_INTERNAL int dp_options_from_yaml(struct dp_options *o,
                                     yaml_document_t *ydoc, yaml_node_t *map,
                                     const char *file, const char *plugin,
                                     struct dp_error *err);
#endif
