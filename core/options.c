/*
 * options.c - plugin options: checked against the plugin's schema (types,
 * required keys, choices, unknown keys) before init(), then read through
 * the typed dp_opt_* getters.
 */
#include "config.h"
#include "internal.h"
#include "options.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void dp_options_free(struct dp_options *o)
{
	for (size_t i = 0; i < o->n; i++) {
		free(o->v[i].s);
		for (size_t k = 0; k < o->v[i].nlist; k++)
			free(o->v[i].list[k]);
		free(o->v[i].list);
	}
	free(o->v);
	o->v = NULL;
	o->n = 0;
}

static const char *type_name(enum dp_opt_type t)
{
	switch (t) {
	case DP_OPT_BOOL: return "a boolean (true or false)";
	case DP_OPT_INT: return "an integer";
	case DP_OPT_NUMBER: return "a number";
	case DP_OPT_STRING: return "a string";
	case DP_OPT_LIST: return "a list of strings";
	}
	return "?";
}

static bool parse_bool(const char *s, bool *out)
{
	static const char *const yes[] = {"true", "yes", "on", "y"};
	static const char *const no[] = {"false", "no", "off", "n"};

	for (size_t i = 0; i < 4; i++) {
		if (strcasecmp(s, yes[i]) == 0) {
			*out = true;
			return true;
		}
		if (strcasecmp(s, no[i]) == 0) {
			*out = false;
			return true;
		}
	}
	return false;
}

static bool parse_int(const char *s, int64_t *out)
{
	char *end;
	long long v;

	errno = 0;
	/* decimal, or hexadecimal with 0x; a leading 0 is not octal */
	const char *d = s + (*s == '-' || *s == '+');
	v = strtoll(s, &end, d[0] == '0' && (d[1] == 'x' || d[1] == 'X') ? 16
	                                                              : 10);
	if (errno || end == s || *end)
		return false;
	*out = v;
	return true;
}

static bool parse_number(const char *s, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end || !isfinite(v))
		return false;
	*out = v;
	return true;
}

/* Sets one scalar value; returns false with a message in @why. */
static bool set_scalar(struct dp_optval *v, const char *text, char *why,
                       size_t whylen)
{
	const struct dp_option_def *d = v->def;

	switch (d->type) {
	case DP_OPT_BOOL:
		if (!parse_bool(text, &v->b))
			goto bad_type;
		break;
	case DP_OPT_INT:
		if (!parse_int(text, &v->i))
			goto bad_type;
		break;
	case DP_OPT_NUMBER:
		if (!parse_number(text, &v->d))
			goto bad_type;
		break;
	case DP_OPT_STRING:
		if (d->choices) {
			size_t nc = 0;
			bool ok = false;
			for (const char *const *c = d->choices; *c; c++, nc++)
				if (strcmp(*c, text) == 0)
					ok = true;
			if (!ok) {
				const char *near = dp_nearest(text, d->choices,
				                              nc);
				size_t o = (size_t)snprintf(
					why, whylen, "expected one of");
				for (const char *const *c = d->choices;
				     *c && o < whylen; c++)
					o += (size_t)snprintf(
						why + o, whylen - o, "%s %s",
						c == d->choices ? "" : ",", *c);
				if (o < whylen)
					o += (size_t)snprintf(why + o, whylen - o,
					                      ", got '%s'", text);
				if (near && o < whylen)
					snprintf(why + o, whylen - o,
					         " (did you mean '%s'?)", near);
				return false;
			}
		}
		free(v->s);
		v->s = dp_strdup(text);
		if (!v->s) {
			snprintf(why, whylen, "out of memory");
			return false;
		}
		break;
	case DP_OPT_LIST:
		goto bad_type;
	}
	v->set = true;
	return true;
bad_type:
	snprintf(why, whylen, "expected %s, got '%s'", type_name(d->type),
	         text);
	return false;
}

int dp_options_init(struct dp_options *o, const struct dp_option_def *schema,
                    struct dp_error *err)
{
	size_t n = 0;
	char why[512];

	o->v = NULL;
	o->n = 0;
	if (schema)
		while (schema[n].key)
			n++;
	if (n == 0)
		return 0;
	o->v = calloc(n, sizeof *o->v);
	if (!o->v)
		return dp_error_set(err, DP_ENOMEM, "out of memory");
	o->n = n;
	for (size_t i = 0; i < n; i++) {
		o->v[i].def = &schema[i];
		if (schema[i].type < DP_OPT_BOOL || schema[i].type > DP_OPT_LIST)
			return dp_error_set(err, DP_EINVAL,
			                    "option '%s' has an unknown type %d "
			                    "in the plugin's schema",
			                    schema[i].key, (int)schema[i].type);
		if (schema[i].default_value && schema[i].type != DP_OPT_LIST &&
		    !set_scalar(&o->v[i], schema[i].default_value, why,
		                sizeof why))
			return dp_error_set(err, DP_EINVAL,
			                    "the plugin's default for option "
			                    "'%s' is invalid: %s",
			                    schema[i].key, why);
		o->v[i].set = o->v[i].set && schema[i].default_value;
	}
	return 0;
}

static struct dp_optval *find(const struct dp_options *o, const char *key)
{
	if (!o || !key)
		return NULL;
	for (size_t i = 0; i < o->n; i++)
		if (strcmp(o->v[i].def->key, key) == 0)
			return &o->v[i];
	return NULL;
}

static void where(char *buf, size_t len, const char *file,
                  const yaml_node_t *node)
{
	snprintf(buf, len, "%s:%zu:%zu", file, node->start_mark.line + 1,
	         node->start_mark.column + 1);
}

int dp_options_from_yaml(struct dp_options *o, yaml_document_t *ydoc,
                         yaml_node_t *map, const char *file,
                         const char *plugin, struct dp_error *err)
{
	char at[512], why[512];

	if (map) {
		if (map->type != YAML_MAPPING_NODE) {
			where(at, sizeof at, file, map);
			return dp_error_set(err, DP_ECONFIG,
			                    "%s: options of plugin '%s': expected "
			                    "a mapping of option: value",
			                    at, plugin);
		}
		for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
		     p < map->data.mapping.pairs.top; p++) {
			yaml_node_t *k = yaml_document_get_node(ydoc, p->key);
			yaml_node_t *v = yaml_document_get_node(ydoc, p->value);
			const char *key;
			struct dp_optval *ov;

			where(at, sizeof at, file, k);
			if (k->type != YAML_SCALAR_NODE)
				return dp_error_set(err, DP_ECONFIG,
				                    "%s: plugin '%s': option names "
				                    "must be plain words", at, plugin);
			key = (const char *)k->data.scalar.value;
			ov = find(o, key);
			if (!ov) {
				const char *names[128];
				size_t nn = 0;
				for (size_t i = 0; i < o->n && nn < 128; i++)
					names[nn++] = o->v[i].def->key;
				const char *near = dp_nearest(key, names, nn);
				if (o->n == 0)
					return dp_error_set(
						err, DP_ECONFIG,
						"%s: plugin '%s' takes no options, "
						"got '%s'", at, plugin, key);
				return dp_error_set(
					err, DP_ECONFIG,
					"%s: plugin '%s' has no option '%s'%s%s%s",
					at, plugin, key,
					near ? " (did you mean '" : "",
					near ? near : "", near ? "'?)" : "");
			}
			where(at, sizeof at, file, v);
			if (ov->def->type == DP_OPT_LIST) {
				if (v->type == YAML_SCALAR_NODE &&
				    v->data.scalar.length == 0) {
					ov->set = true; /* empty: no items */
					continue;
				}
				if (v->type != YAML_SEQUENCE_NODE)
					return dp_error_set(
						err, DP_ECONFIG,
						"%s: plugin '%s' option '%s': "
						"expected a list of strings", at,
						plugin, key);
				size_t cnt = (size_t)(v->data.sequence.items.top -
				                      v->data.sequence.items.start);
				for (size_t k2 = 0; k2 < ov->nlist; k2++)
					free(ov->list[k2]);
				free(ov->list);
				ov->nlist = 0;
				ov->list = calloc(cnt ? cnt : 1, sizeof *ov->list);
				if (!ov->list)
					return dp_error_set(err, DP_ENOMEM,
					                    "out of memory");
				for (size_t k2 = 0; k2 < cnt; k2++) {
					yaml_node_t *it = yaml_document_get_node(
						ydoc,
						v->data.sequence.items.start[k2]);
					if (it->type != YAML_SCALAR_NODE) {
						where(at, sizeof at, file, it);
						return dp_error_set(
							err, DP_ECONFIG,
							"%s: plugin '%s' option '%s': "
							"list items must be strings",
							at, plugin, key);
					}
					ov->list[k2] = dp_strdup(
						(const char *)it->data.scalar.value);
					if (!ov->list[k2])
						return dp_error_set(err, DP_ENOMEM,
						                    "out of memory");
					ov->nlist++;
				}
				ov->set = true;
				continue;
			}
			if (v->type != YAML_SCALAR_NODE)
				return dp_error_set(err, DP_ECONFIG,
				                    "%s: plugin '%s' option '%s': "
				                    "expected %s", at, plugin, key,
				                    type_name(ov->def->type));
			if (!set_scalar(ov, (const char *)v->data.scalar.value,
			                why, sizeof why))
				return dp_error_set(err, DP_ECONFIG,
				                    "%s: plugin '%s' option '%s': %s",
				                    at, plugin, key, why);
		}
	}
	for (size_t i = 0; i < o->n; i++)
		if (o->v[i].def->required && !o->v[i].set) {
			if (map)
				where(at, sizeof at, file, map);
			else
				snprintf(at, sizeof at, "%s", file);
			return dp_error_set(err, DP_ECONFIG,
			                    "%s: plugin '%s' needs option '%s' "
			                    "(%s)", at, plugin, o->v[i].def->key,
			                    o->v[i].def->description
			                        ? o->v[i].def->description
			                        : type_name(o->v[i].def->type));
		}
	return 0;
}

bool dp_opt_isset(const struct dp_options *o, const char *key)
{
	const struct dp_optval *v = find(o, key);

	return v && v->set;
}

bool dp_opt_bool(const struct dp_options *o, const char *key)
{
	const struct dp_optval *v = find(o, key);

	return v && v->set && v->def->type == DP_OPT_BOOL && v->b;
}

int64_t dp_opt_int(const struct dp_options *o, const char *key)
{
	const struct dp_optval *v = find(o, key);

	return v && v->set && v->def->type == DP_OPT_INT ? v->i : 0;
}

double dp_opt_number(const struct dp_options *o, const char *key)
{
	const struct dp_optval *v = find(o, key);

	if (!v || !v->set)
		return 0;
	if (v->def->type == DP_OPT_NUMBER)
		return v->d;
	return 0;
}

const char *dp_opt_string(const struct dp_options *o, const char *key)
{
	const struct dp_optval *v = find(o, key);

	return v && v->set && v->def->type == DP_OPT_STRING ? v->s : NULL;
}

size_t dp_opt_list_size(const struct dp_options *o, const char *key)
{
	const struct dp_optval *v = find(o, key);

	return v && v->def->type == DP_OPT_LIST ? v->nlist : 0;
}

const char *dp_opt_list_at(const struct dp_options *o, const char *key,
                           size_t i)
{
	const struct dp_optval *v = find(o, key);

	if (!v || v->def->type != DP_OPT_LIST || i >= v->nlist)
		return NULL;
	return v->list[i];
}
