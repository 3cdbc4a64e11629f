/*
 * rules.h - shared state and helpers of the recognition rules.
 *
 * The rules look at the token array of one document. Each rule function
 * takes a position and, when an expression starts there, returns the
 * token index just past it and fills a struct match; 0 means no match.
 * The scanner (scan.c) keeps the longest match at each position.
 */
#ifndef DATES_RULES_H
#define DATES_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "engine.h"
#include "lexer.h"
#include "timex.h"

struct ctx {
	const struct dt_engine *e;
	const char *text;
	const struct token *tk;
	size_t n;
	bool has_dct;
	struct tdate dct;     /* G_DAY */
	long dct_days;
	/* the day numbers of 1 January of the dct's year - 1, the year
	 * itself and the year + 1, and whether each is a leap year, for
	 * year_deltas(): set on its first call in a document (jan1_ok) */
	bool jan1_ok;
	long jan1[3];
	bool leap[3];
	bool has_prev;        /* a date already mentioned in the text */
	struct tdate prev;
	bool caseless;        /* the text has (almost) no capitals */
};

struct match {
	size_t a, b;          /* tokens [a, b) */
	int type;             /* enum dt_type */
	int anchor;           /* enum dt_anchor */
	int mod;              /* enum dt_mod */
	bool is_date;         /* the value is td (else lit) */
	bool no_prev;         /* a comparison date: not a new reference */
	struct tdate td;
	char lit[40];         /* a literal value: P3Y, PRESENT_REF, ... */
};

/* Clears @m before a rule runs: the fields every reader looks at. The
 * date @td is not cleared: it is only ever written whole by set_date(),
 * which also sets is_date, and read only when is_date is set; @lit is
 * read as a string, so its first byte is enough. (A memset() of the
 * whole struct ran once per rule tried.) */
static inline void match_init(struct match *m)
{
	m->a = m->b = 0;
	m->type = 0;
	m->anchor = 0;
	m->mod = 0;
	m->is_date = false;
	m->no_prev = false;
	m->lit[0] = '\0';
}

/* ---- token tests (false beyond the end); inline: they run per token ---- */
static inline const struct token *tok(const struct ctx *c, size_t i)
{
	return i < c->n ? &c->tk[i] : NULL;
}

static inline bool is_fn(const struct ctx *c, size_t i, int fn)
{
	return i < c->n && c->tk[i].cls == LX_FN && c->tk[i].val == fn;
}

static inline bool is_cls(const struct ctx *c, size_t i, int cls)
{
	return i < c->n && c->tk[i].cls == cls;
}

static inline bool is_punct(const struct ctx *c, size_t i, char p)
{
	return i < c->n && c->tk[i].kind == TK_PUNCT && c->tk[i].punct == p;
}

/* a plain integer (no separators, suffixes or letters) */
static inline bool is_num(const struct ctx *c, size_t i)
{
	return i < c->n && c->tk[i].kind == TK_NUM &&
	       !(c->tk[i].flags & (TF_GROUPED | TF_DECIMAL | TF_ALNUM |
	                           TF_ORD | TF_DECADE));
}

/* no space before token i */
static inline bool glued(const struct ctx *c, size_t i)
{
	return i < c->n && !(c->tk[i].flags & TF_SPACE);
}

static inline bool is_cap(const struct ctx *c, size_t i)
{
	return i < c->n && (c->tk[i].flags & TF_CAP);
}

bool i_is_ord_day(const struct ctx *c, size_t i);
bool word_is_at(const struct ctx *c, size_t i, const char *lower, size_t n);
/* Whether token i is the word @lower (lower-case ASCII) in any case. The
 * length test is inline (strlen of a literal is a constant), so that most
 * calls end without a call. */
static inline bool word_is(const struct ctx *c, size_t i, const char *lower)
{
	if (i >= c->n || c->tk[i].kind != TK_WORD)
		return false;
	size_t n = strlen(lower);
	if (c->tk[i].end - c->tk[i].start != n)
		return false;
	return word_is_at(c, i, lower, n);
}
/* Possessive 's at i: returns 2 (tokens) or 0. */
size_t possessive(const struct ctx *c, size_t i);

/* ---- numbers ---- */
/* A cardinal at i: digits or number words ("twenty-four", "a", "a dozen",
 * "1 1/2"). *val gets the value (x2 to keep halves: 2 means one),
 * *fuzzy is set for "several", "a few", ...; returns the end or 0.
 * @allow_a: accept "a"/"an" as one. */
size_t parse_count(const struct ctx *c, size_t i, long *val2, bool *fuzzy,
                   bool allow_a);
/* A year written as "nineteen ninety-six" or "two thousand". */
size_t parse_year_words(const struct ctx *c, size_t i, int *year);
/* A month word at i (respecting abbreviation rules); returns its
 * number or 0; *end gets the index past it (and a dot). */
int month_at(const struct ctx *c, size_t i, size_t *end, bool need_context);
/* A plausible four-digit year at i. */
bool year_at(const struct ctx *c, size_t i, int *year);
/* The unit of token i (enum unit) or U_NONE; *plural set. */
int unit_at(const struct ctx *c, size_t i, bool *plural);

/* ---- resolution ---- */
/* +1 future, -1 past, 0 unknown, from cue words around tokens [a, b). */
int tense_at(const struct ctx *c, size_t a, size_t b);
/* The year of month @m (day @d or 0) given the dct and the tense. */
int year_for(struct ctx *c, int m, int d, int tense);
/* year_for() in two steps, so that the tense is looked for only when it
 * matters: the days from the dct to the date in the dct's year - 1, year
 * and year + 1, then the year for a tense (-2 .. 2, as tense_at()). */
void year_deltas(struct ctx *c, int m, int d, long delta[3]);
/* The year of a "29 February" without one: of the leap years before and
 * after the dct, the one a strong @tense (-2 or 2, as tense_at()) points
 * to, else the nearer, a weak tense weighing as in year_pick(). The dct
 * must be known. */
int leap_day_year(const struct ctx *c, int tense);
int year_pick(const struct ctx *c, const long delta[3], int d, int tense);
/* The year year_pick() gives for every tense, or Y_UNKNOWN when the
 * tense changes it. */
int year_any_tense(const struct ctx *c, const long delta[3], int d);
/* The weekday @wd relative to the dct: @dir -1 past (on or before), +1
 * future (on or after), -2 strictly before, +2 strictly after. */
struct tdate weekday_date(const struct ctx *c, int wd, int dir);
/* The tense direction to use for an undated expression. */
int direction(const struct ctx *c, size_t a, size_t b);

/* ---- rule families ---- */
size_t rule_numeric(struct ctx *c, size_t i, struct match *m);
size_t rule_month_date(struct ctx *c, size_t i, struct match *m);
size_t rule_year(struct ctx *c, size_t i, struct match *m);
size_t rule_quarter(struct ctx *c, size_t i, struct match *m);
size_t rule_time(struct ctx *c, size_t i, struct match *m);
size_t rule_holiday(struct ctx *c, size_t i, struct match *m);
size_t rule_deictic(struct ctx *c, size_t i, struct match *m);
size_t rule_weekday(struct ctx *c, size_t i, struct match *m);
size_t rule_relative(struct ctx *c, size_t i, struct match *m);
size_t rule_offset(struct ctx *c, size_t i, struct match *m);
size_t rule_anaphoric(struct ctx *c, size_t i, struct match *m);
size_t rule_duration(struct ctx *c, size_t i, struct match *m);
size_t rule_set(struct ctx *c, size_t i, struct match *m);
size_t rule_fuzzy(struct ctx *c, size_t i, struct match *m);
size_t rule_rate(struct ctx *c, size_t i, struct match *m);

/* Fills @m as a date at the given anchor. */
void set_date(struct match *m, struct tdate td, int anchor);
void set_lit(struct match *m, int type, const char *value, int anchor);
/* Duration value "P3Y", "PT5H30M", "PXY" from a count x2 and a unit. */
void format_duration(char *buf, size_t size, long val2, bool fuzzy,
                     int unit);
/* The dct, or an unknown day when there is none. */
struct tdate ref_day(const struct ctx *c);

#endif
