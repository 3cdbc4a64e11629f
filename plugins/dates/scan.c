/*
 * scan.c - the engine: lexes a text, runs the rules at every token
 * (keeping the longest match), applies modifiers ("early", "the end of")
 * and reports each expression with its TIMEX3 value.
 */
#include "engine.h"

#include <stdio.h>
#include <string.h>

#include "calendar.h"
#include "rules.h"

typedef size_t (*rule_fn)(struct ctx *c, size_t i, struct match *m);

/* Order matters only between matches of equal length: the first wins. */
static const rule_fn rules[] = {
	rule_numeric, rule_month_date, rule_time, rule_quarter, rule_year,
	rule_holiday, rule_deictic, rule_weekday, rule_relative, rule_offset,
	rule_anaphoric, rule_set, rule_rate, rule_duration, rule_fuzzy, NULL,
};

static size_t best_core(struct ctx *c, size_t i, struct match *m)
{
	size_t best = 0;
	for (int r = 0; rules[r]; r++) {
		struct match cand;
		memset(&cand, 0, sizeof cand);
		size_t e = rules[r](c, i, &cand);
		if (e > best) {
			best = e;
			*m = cand;
		}
	}
	return best;
}

/* Position modifiers before a date: "early", "late 1990", "mid-1990s",
 * "the end of", "earlier this year". Returns the index after them. */
static size_t date_prefix(const struct ctx *c, size_t i, int *mod)
{
	if (is_fn(c, i, F_EARLY) || is_fn(c, i, F_LATE)) {
		*mod = is_fn(c, i, F_EARLY) ? DM_START : DM_END;
		return i + 1;
	}
	if (is_fn(c, i, F_THE) && (is_fn(c, i + 1, F_EARLY) || is_fn(c, i + 1, F_LATE) ||
	                           is_fn(c, i + 1, F_MID))) {
		*mod = is_fn(c, i + 1, F_EARLY) ? DM_START :
		       is_fn(c, i + 1, F_LATE) ? DM_END : DM_MID;
		size_t j = i + 2;
		if (is_punct(c, j, '-') && glued(c, j))
			j++;
		return j;
	}
	if (is_fn(c, i, F_MID)) {
		*mod = DM_MID;
		if (is_punct(c, i + 1, '-') && glued(c, i + 1))
			return i + 2;
		return i + 1;
	}
	if (is_fn(c, i, F_EARLIER) || is_fn(c, i, F_LATER)) {
		*mod = DM_NONE;
		return i + 1;
	}
	if (is_fn(c, i, F_THE) && (is_fn(c, i + 1, F_END) || is_fn(c, i + 1, F_BEGINNING) ||
	                           is_fn(c, i + 1, F_START) || is_fn(c, i + 1, F_MIDDLE) ||
	                           is_fn(c, i + 1, F_CLOSE)) &&
	    is_fn(c, i + 2, F_OF)) {
		*mod = (is_fn(c, i + 1, F_END) || is_fn(c, i + 1, F_CLOSE)) ? DM_END :
		       is_fn(c, i + 1, F_MIDDLE) ? DM_MID : DM_START;
		return i + 3;
	}
	return 0;
}

/* Whether a modifier may wrap the date found after it. */
static bool takes_prefix(const struct ctx *c, size_t j, const struct match *m,
                         size_t i)
{
	if (m->type != DT_DATE && m->type != DT_TIME)
		return false;
	/* "earlier"/"later" only before this/last/next/that ("earlier this
	 * year") and weekdays and yesterday/today */
	if (is_fn(c, i, F_EARLIER) || is_fn(c, i, F_LATER)) {
		return is_fn(c, j, F_THIS) || is_fn(c, j, F_LAST) ||
		       is_fn(c, j, F_NEXT) || is_fn(c, j, F_THAT) ||
		       is_fn(c, j, F_TODAY) || is_fn(c, j, F_YESTERDAY) ||
		       is_fn(c, j, F_TOMORROW) || is_cls(c, j, LX_WDAY);
	}
	return m->is_date || m->lit[0] == 'P';
}

static size_t match_at(struct ctx *c, size_t i, struct match *m)
{
	size_t best = best_core(c, i, m);
	int mod = DM_NONE;
	size_t j = date_prefix(c, i, &mod);
	if (j) {
		struct match inner;
		memset(&inner, 0, sizeof inner);
		size_t e = best_core(c, j, &inner);
		if (e > best && takes_prefix(c, j, &inner, i)) {
			best = e;
			*m = inner;
			if (mod != DM_NONE)
				m->mod = mod;
		}
	}
	/* approximations before "ago" expressions: "nearly four years ago" */
	static const int approx[] = {F_ABOUT, F_AROUND, F_NEARLY, F_ALMOST,
		F_SOME, F_ROUGHLY, F_APPROXIMATELY, F_JUST, 0};
	for (int k = 0; approx[k]; k++) {
		if (!is_fn(c, i, approx[k]))
			continue;
		struct match inner;
		memset(&inner, 0, sizeof inner);
		size_t e = rule_offset(c, i + 1, &inner);
		if (e > best) {
			best = e;
			*m = inner;
			m->mod = (approx[k] == F_NEARLY || approx[k] == F_ALMOST) ?
			         DM_LESS_THAN : DM_APPROX;
		}
	}
	if ((is_fn(c, i, F_MORE) || is_fn(c, i, F_LESS)) && is_fn(c, i + 1, F_THAN)) {
		struct match inner;
		memset(&inner, 0, sizeof inner);
		size_t e = rule_offset(c, i + 2, &inner);
		if (e > best) {
			best = e;
			*m = inner;
			m->mod = is_fn(c, i, F_MORE) ? DM_MORE_THAN : DM_LESS_THAN;
		}
	}
	return best;
}

static bool wanted(const struct dt_engine *e, int type)
{
	return (e->opt.types >> type) & 1u;
}

int dt_scan(const struct dt_engine *e, const char *text, size_t len,
            const struct dt_ref *ref, dt_alloc_fn alloc, void *alloc_ctx,
            dt_emit_fn emit, void *emit_ctx)
{
	struct ctx c;
	memset(&c, 0, sizeof c);
	c.e = e;
	c.text = text;
	size_t cap = lex_max_tokens(text, len);
	struct token *tk = alloc(alloc_ctx, cap * sizeof *tk);
	if (!tk)
		return -1;
	size_t ncaps, nlower;
	c.n = lex_scan(&e->lx, text, len, tk, &ncaps, &nlower);
	c.tk = tk;
	c.caseless = ncaps * 40 < nlower;
	if (ref && ref->has) {
		c.has_dct = true;
		c.dct = td_day(ref->y, ref->m, ref->d);
		c.dct_days = cal_days(ref->y, ref->m, ref->d);
	}
	for (size_t i = 0; i < c.n;) {
		if (tk[i].kind == TK_URL || tk[i].kind == TK_PUNCT) {
			i++;
			continue;
		}
		struct match m;
		memset(&m, 0, sizeof m);
		size_t b = match_at(&c, i, &m);
		if (!b) {
			i++;
			continue;
		}
		struct dt_found f;
		memset(&f, 0, sizeof f);
		f.start = tk[i].start;
		f.end = tk[b - 1].end;
		f.type = (enum dt_type)m.type;
		f.anchor = (enum dt_anchor)m.anchor;
		f.mod = (enum dt_mod)m.mod;
		if (m.is_date)
			td_format(&m.td, f.value, sizeof f.value);
		else
			snprintf(f.value, sizeof f.value, "%s", m.lit);
		if (m.is_date && m.type == DT_DATE && m.td.y != Y_UNKNOWN && !m.no_prev &&
		    m.td.gran >= G_YEAR) {
			c.has_prev = true;
			c.prev = m.td;
			if (c.prev.gran == G_TOD || c.prev.gran == G_MINUTE)
				c.prev.gran = G_DAY;
		}
		if (wanted(e, f.type)) {
			int rc = emit(emit_ctx, &f);
			if (rc)
				return rc;
		}
		i = b;
	}
	return 0;
}

int dt_engine_init(struct dt_engine *e, const struct dt_options *opt)
{
	e->opt = *opt;
	return lx_table_init(&e->lx);
}

void dt_engine_fini(struct dt_engine *e)
{
	lx_table_free(&e->lx);
}

const char *dt_type_name(enum dt_type t)
{
	static const char *const names[] = {"DATE", "TIME", "DURATION", "SET"};
	return (unsigned)t < 4 ? names[t] : "DATE";
}

const char *dt_anchor_name(enum dt_anchor a)
{
	static const char *const names[] = {"absolute", "dct", "previous", "none"};
	return (unsigned)a < 4 ? names[a] : "none";
}

const char *dt_mod_name(enum dt_mod m)
{
	static const char *const names[] = {NULL, "START", "MID", "END", "APPROX",
		"MORE_THAN", "LESS_THAN", "EQUAL_OR_MORE", "EQUAL_OR_LESS", "BEFORE",
		"AFTER", "ON_OR_AFTER", "ON_OR_BEFORE"};
	return (unsigned)m < sizeof names / sizeof names[0] ? names[m] : NULL;
}
