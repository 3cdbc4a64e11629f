/*
 * words.h - shared by the word pass (words.c) and its rule files
 * (fragments.c, spacing.c): the scan state and small byte helpers.
 */
#ifndef CLEANER_WORDS_H
#define CLEANER_WORDS_H

#include <string.h>

#include "cleaner.h"

struct scan {
	const struct cleaner_opts *o;
	struct batch *b;
	const struct docscan *ds;   /* the classes of the text */
	const char *s;
	const unsigned char *u;
	size_t len;
	bool lowercased;   /* the whole text is in lower case (seed 004) */
};

static inline bool at(const struct scan *sc, size_t i, const char *lit)
{
	size_t n = strlen(lit);
	return i + n <= sc->len && memcmp(sc->s + i, lit, n) == 0;
}

static inline unsigned char byte(const struct scan *sc, size_t i)
{
	return i < sc->len ? sc->u[i] : 0;
}

/* End of the run of ASCII letters starting at i. */
static inline size_t letters_end(const struct scan *sc, size_t i)
{
	while (i < sc->len && is_alpha(sc->u[i]))
		i++;
	return i;
}

/* Start of the run of ASCII letters ending at i (exclusive). */
static inline size_t letters_start(const struct scan *sc, size_t i)
{
	while (i > 0 && is_alpha(sc->u[i - 1]))
		i--;
	return i;
}

static inline bool in_list(const char *w, size_t n, const char *const *list)
{
	if (n == 0)
		return false;
	for (; *list; list++)
		if ((*list)[0] == w[0] && strlen(*list) == n &&
		    memcmp(*list, w, n) == 0)
			return true;
	return false;
}

static inline bool is_closing_quote(const struct scan *sc, size_t i, size_t *qlen)
{
	if (byte(sc, i) == '"' || byte(sc, i) == '\'') {
		*qlen = 1;
		return true;
	}
	if (at(sc, i, "\xE2\x80\x9D") || at(sc, i, "\xE2\x80\x99")) {
		*qlen = 3;
		return true;
	}
	return false;
}

/* What ends the sentence before a sentence start. */
enum prev_kind { PREV_LINE, PREV_STOP, PREV_QUOTE };

/* News agencies and broadcasters named in translated copy (fragments.c). */
extern const char *const sources_any[];
extern const char *const sources_title[];

/* fragments.c */
bool sentence_before(const struct scan *sc, size_t i, enum prev_kind *pk,
                     bool *prev_lower_word);
int rule_sentence_start(struct scan *sc, size_t st, enum prev_kind pk,
                        bool prev_lower_word, bool line_start);
int rule_repeat_at(struct scan *sc, size_t i, size_t ls);

/* "the the" -> "the": the space at i between two lower-case words. The
 * cheap tests are inline (this runs at most spaces); the rest is in
 * rule_repeat_at(). */
static inline int rule_repeat(struct scan *sc, size_t i)
{
	if (!is_lower(byte(sc, i - 1)) || !is_lower(byte(sc, i + 1)))
		return 0;
	size_t ls = letters_start(sc, i);
	size_t n = i - ls;
	if (n < 3 || i + 1 + n > sc->len || sc->u[ls] != sc->u[i + 1])
		return 0;
	return rule_repeat_at(sc, i, ls);
}
int rule_double_punct(struct scan *sc, size_t i);

/* spacing.c */
int rule_space_before_punct(struct scan *sc, size_t i);
int rule_space_in_quotes_close(struct scan *sc, size_t i);
int rule_space_in_quotes_open(struct scan *sc, size_t i);
int rule_after_stop(struct scan *sc, size_t i);
int rule_source_particle(struct scan *sc, size_t i);
int rule_source_camel_at(struct scan *sc, size_t e);

#endif /* CLEANER_WORDS_H */
