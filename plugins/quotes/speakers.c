/*
 * speakers.c - turns a speaker phrase into a speaker entity.
 *
 * Names are keyed by their last proper word (the surname: "Mr. Ryder"
 * and "Patrick Ryder" are one speaker). Pronouns go to the most recent
 * compatible speaker (he/she: a person; they: a group or organisation;
 * it: an organisation). A description ("the prime minister", "this
 * diplomatic official") goes to an earlier speaker whose mention holds
 * its words, else to a capitalised name earlier in the text that holds
 * its head ("Acting Governor ... Mikhail Degtyarev"), else, for "this"
 * and for a recent person, to that person; else it is a speaker of its
 * own. An entity's text is its fullest mention in the document.
 */
#include <string.h>

#include "qx_int.h"

static bool proper_word(const struct qx *q, long k)
{
	const struct tok *t = &q->tk[k];
	if (t->type != T_WORD || (tok_flags(q, t) & F_URL) ||
	    t->cue != CUE_NONE)
		return false;
	if (tok_cls(q, t) & (L_ROLE | L_ORG | L_MOD | L_PLACE | L_DET | L_CONN |
	               L_STOP | L_PRON | L_TIME))
		return false;
	return (t->flags & F_CAP) || q->lower_doc;
}

/* Bytes of word @k without a possessive ending. */
static uint32_t word_end(const struct qx *q, long k)
{
	const struct tok *t = &q->tk[k];
	if (!(tok_flags(q, t) & F_POSS))
		return t->e;
	return q->t[t->e - 2] == '\'' ? t->e - 2 : t->e - 4;
}

static inline char ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool same_bytes(const struct qx *q, uint32_t a0, uint32_t a1,
                       uint32_t b0, uint32_t b1)
{
	if (a1 - a0 != b1 - b0)
		return false;
	for (uint32_t i = 0; i < a1 - a0; i++) {
		char x = q->t[a0 + i], y = q->t[b0 + i];
		if (x >= 'A' && x <= 'Z')
			x = (char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (char)(y - 'A' + 'a');
		if (x != y)
			return false;
	}
	return true;
}

/* Whether the word [w0, w1) occurs as a whole word in [s0, s1). */
static bool contains_word(const struct qx *q, uint32_t s0, uint32_t s1,
                          uint32_t w0, uint32_t w1)
{
	uint32_t n = w1 - w0;
	for (uint32_t i = s0; i + n <= s1; i++) {
		if (i > s0 && q->t[i - 1] != ' ' && q->t[i - 1] != '-')
			continue;
		if (i + n < s1 && q->t[i + n] != ' ' && q->t[i + n] != '\'' &&
		    (unsigned char)q->t[i + n] != 0xE2 && q->t[i + n] != ',')
			continue;
		if (same_bytes(q, i, i + n, w0, w1))
			return true;
	}
	return false;
}

static int new_ent(struct qx *q, uint32_t k0, uint32_t k1, uint32_t f0,
                   uint32_t f1)
{
	struct ent *e;

	if (qx_grow(q, (void **)&q->ent, &q->capent, q->nent + 1,
	            sizeof(*q->ent)) < 0)
		return -1;
	e = &q->ent[q->nent];
	memset(e, 0, sizeof(*e));
	e->key_s = k0;
	e->key_e = k1;
	e->full_s = f0;
	e->full_e = f1;
	return (int)q->nent++;
}

static void set_kind(struct qx *q, struct ent *e, long s0, long s1)
{
	bool role = false, org = false, proper = false, place = false;
	for (long k = s0; k <= s1; k++) {
		const struct tok *t = &q->tk[k];
		if (t->type != T_WORD)
			continue;
		if (tok_cls(q, t) & L_ROLE)
			role = true;
		if (tok_cls(q, t) & L_ORG)
			org = true;
		if (tok_cls(q, t) & L_PLACE)
			place = true;
		if (proper_word(q, k))
			proper = true;
	}
	const struct tok *last = &q->tk[s1];
	e->plural = last->type == T_WORD && q->t[last->e - 1] == 's' &&
	            !(tok_flags(q, last) & F_POSS) && !proper &&
	            (tok_cls(q, last) & L_ROLE);
	e->person = !e->plural && (role || proper) &&
	            !(tok_cls(q, last) & L_ORG) &&
	            !(tok_cls(q, last) & L_PLACE);
	e->org = !e->person && (org || place || !proper);
}

/* In an all-lowercase text: "cctv reporter mi chunze". */
static long lower_name_left(const struct qx *q, long k, long lim)
{
	long st = k;
	for (long m = k - 1; m >= lim && m > k - 6; m--) {
		const struct tok *t = &q->tk[m];
		if (t->type != T_WORD || t->cue != CUE_NONE ||
		    (tok_cls(q, t) &
		     (L_DET | L_PREP | L_STOP | L_CLAUSE | L_PRON)))
			break;
		st = m;
	}
	return st;
}

/* Whether name word @k may be the key word (@klen bytes, first byte @c0
 * in lowercase) of fullest_name(): the cheap tests, inline in its loops. */
static inline bool name_may_be(const struct qx *q, long k, uint32_t klen,
                               char c0)
{
	/* word_end() cuts nothing, 's or ’s: the word is 0, 2 or 4 bytes
	 * longer than the key */
	uint32_t extra = q->tk[k].e - q->tk[k].s - klen;
	return (extra == 0 || extra == 2 || extra == 4) &&
	       (!klen || ascii_lower(q->t[q->tk[k].s]) == c0);
}

/* Name word @k for fullest_name(), past name_may_be(): when it is the
 * key word of @e, the phrase around it, if longer than @e's fullest
 * mention. */
static void name_at(struct qx *q, struct ent *e, long k)
{
	uint32_t ks = q->tk[k].s;

	/* the bytes before word_end(), which may classify the word */
	if (!same_bytes(q, ks, ks + (e->key_e - e->key_s), e->key_s,
	                e->key_e) ||
	    word_end(q, k) != ks + (e->key_e - e->key_s))
		return;
	long a = q->tsent[k] >= 0 ? q->sent_first[q->tsent[k]] : 0;
	long st = q->lower_doc ? lower_name_left(q, k, a < 0 ? 0 : a)
	                       : np_left(q, k, a < 0 ? 0 : a, true);
	long en = k;
	if (st < 0)
		return;
	/* "Tobias" is also "Tobias Thomsen" */
	while (!q->lower_doc && !(tk_flags(q, en) & F_POSS) &&
	       en + 1 < q->ntk && q->tk[en + 1].type == T_WORD &&
	       proper_word(q, en + 1) && en < k + 3)
		en++;
	uint32_t fs = q->tk[st].s, fe = word_end(q, en);
	if (fe - fs > e->full_e - e->full_s) {
		e->full_s = fs;
		e->full_e = fe;
	}
}

/* The longest name phrase in the document ending in the key word, among
 * q->names (the words a name can contain, listed by lex_sentences()):
 * the capitalised ones, unless the text is all lowercase. Those are the
 * lexer's list of capitalised words (q->names holds each of them, in the
 * same order, and the word before each): scanning it skips the others
 * without a test (a new speaker scanned every name). */
static void fullest_name(struct qx *q, struct ent *e)
{
	uint32_t klen = e->key_e - e->key_s;
	/* the key's first byte in lowercase: most words differ there */
	char c0 = klen ? ascii_lower(q->t[e->key_s]) : 0;

	if (q->lower_doc) {
		if (!q->names_made)
			lex_names(q);
		for (long j = 0; j < q->nnames; j++)
			if (name_may_be(q, q->names[j], klen, c0))
				name_at(q, e, q->names[j]);
	} else {
		for (long j = 0; j < q->ncapw; j++)
			if (name_may_be(q, (long)q->capw[j], klen, c0))
				name_at(q, e, (long)q->capw[j]);
	}
}

static int most_recent(const struct qx *q, uint32_t pos, int want)
{
	int best = -1;
	for (long i = 0; i < q->nent; i++) {
		const struct ent *e = &q->ent[i];
		bool ok = want == 0 ? e->person
		        : want == 1 ? (e->plural || e->org)
		                    : e->org;
		if (!ok || e->last_pos > pos)
			continue;
		if (best < 0 || e->last_pos >= q->ent[best].last_pos)
			best = (int)i;
	}
	return best;
}

static int by_key(struct qx *q, uint32_t k0, uint32_t k1)
{
	for (long i = 0; i < q->nent; i++)
		if (same_bytes(q, q->ent[i].key_s, q->ent[i].key_e, k0, k1))
			return (int)i;
	return -1;
}

/* "Reutersal-Sudani": a name glued to the word before it; the key is
 * the name found elsewhere in the text ("Al-Sudani"). */
static void unglue(const struct qx *q, uint32_t *k0, uint32_t k1)
{
	if (k1 - *k0 < 8 || !memchr(q->t + *k0 + 3, '-', k1 - *k0 - 3))
		return;
	for (long m = 0; m < q->ntk; m++) {
		uint32_t a = q->tk[m].s, b = word_end(q, m);
		if (!proper_word(q, m) || b - a < 6 || b - a >= k1 - *k0)
			continue;
		if (same_bytes(q, k1 - (b - a), k1, a, b)) {
			*k0 = k1 - (b - a);
			return;
		}
	}
}

static int named(struct qx *q, long s0, long s1, long key)
{
	uint32_t k0 = q->tk[key].s, k1 = word_end(q, key);
	int id;

	id = by_key(q, k0, k1);
	if (id < 0) {
		unglue(q, &k0, k1);
		id = by_key(q, k0, k1);
	}
	uint32_t m0 = k0 != q->tk[key].s ? k0 : q->tk[s0].s;

	if (id >= 0) {
		if (word_end(q, s1) - m0 >
		    q->ent[id].full_e - q->ent[id].full_s) {
			q->ent[id].full_s = m0;
			q->ent[id].full_e = word_end(q, s1);
		}
		return id;
	}
	id = new_ent(q, k0, k1, m0, word_end(q, s1));
	if (id < 0)
		return -2;
	q->ent[id].named = true;
	fullest_name(q, &q->ent[id]);
	set_kind(q, &q->ent[id], s0, s1);
	if (!q->ent[id].person) {
		/* one unknown capitalised word: a person when a fuller
		 * mention gives a first name or a title */
		if (q->ent[id].full_s < q->tk[s0].s)
			q->ent[id].person = !(tk_cls(q, s1) & L_ORG);
	}
	return id;
}

static int description(struct qx *q, long s0, long s1, uint32_t pos)
{
	long w0 = s0;
	bool demonstrative = false;
	int id;

	if (tk_cls(q, w0) & L_DET) {
		demonstrative = tok_is(q, w0, "this") || tok_is(q, w0, "that");
		w0++;
	}
	if (w0 > s1)
		return -1;
	/* 1. an earlier speaker whose mention holds all its words */
	int best = -1;
	for (long i = 0; i < q->nent; i++) {
		const struct ent *e = &q->ent[i];
		bool all = true;
		if (e->last_pos > pos)
			continue;
		if ((tk_cls(q, s1) & L_ORG) ? e->person : !e->person &&
		                                            !e->plural)
			continue;
		for (long k = w0; k <= s1 && all; k++)
			if (q->tk[k].type == T_WORD &&
			    !(tk_cls(q, k) & L_CONN) &&
			    !contains_word(q, e->full_s, e->full_e, q->tk[k].s,
			                   word_end(q, k)))
				all = false;
		if (all && (best < 0 || e->last_pos >= q->ent[best].last_pos))
			best = (int)i;
	}
	if (best >= 0)
		return best;
	/* 2. a capitalised name earlier in the text holding the head */
	if (!q->lower_doc && (tk_cls(q, s1) & L_ROLE)) {
		if (!q->names_made)
			lex_names(q);
		long j = q->nnames;
		while (j > 0 && q->names[j - 1] >= s0)
			j--;
		while (j-- > 0) {
			long k = q->names[j];
			/* "Acting Governor ... Degtyarev", "actress Sarah
			 * Hyland" */
			if (q->tk[k].e - q->tk[k].s != q->tk[s1].e - q->tk[s1].s ||
			    !same_bytes(q, q->tk[k].s, q->tk[k].e, q->tk[s1].s,
			                q->tk[s1].e) ||
			    !((q->tk[k].flags & F_CAP) ||
			      (k + 1 < q->ntk && proper_word(q, k + 1))))
				continue;
			long e = k, key = -1;
			while (e + 1 < q->ntk && is_word(q, e + 1) &&
			       (q->tk[e + 1].flags & F_CAP ||
			        tk_cls(q, e + 1) & (L_CONN | L_DET | L_ROLE)) &&
			       q->tk[e + 1].cue == CUE_NONE && e < k + 10)
				e++;
			for (long m = k; m <= e; m++)
				if (proper_word(q, m))
					key = m;
			if (key >= 0) {
				long st = np_left(q, key, 0, true);
				return named(q, st >= 0 ? st : key, key, key);
			}
			break;
		}
	}
	/* 3. "this official", "the striker": the most recent person named
	 * nearby (not for plurals: "officials said") */
	uint32_t hl = q->tk[s1].e - q->tk[s1].s;
	bool plural = hl > 3 && q->t[q->tk[s1].e - 1] == 's' &&
	              q->t[q->tk[s1].e - 2] != 's';
	if ((tk_cls(q, s1) & L_ROLE) && !plural) {
		int p = most_recent(q, pos, 0);
		if (p >= 0 && q->ent[p].named &&
		    (demonstrative || pos - q->ent[p].last_pos < 400))
			return p;
	}
	/* 4. a speaker of its own */
	id = new_ent(q, q->tk[s1].s, word_end(q, s1), q->tk[s0].s,
	             word_end(q, s1));
	if (id < 0)
		return -2;
	set_kind(q, &q->ent[id], s0, s1);
	return id;
}

int resolve_speaker(struct qx *q, long sp0, long sp1, uint32_t pos)
{
	int id = -1;
	long key = -1;

	if (sp0 < 0 || sp1 < sp0)
		return -1;
	if (sp1 > sp0 && (tk_cls(q, sp1) & L_SPEECH) &&
	    (tk_flags(q, sp1 - 1) & F_POSS))
		sp1--; /* Al-Sudani’s statement */
	if (sp0 == sp1 && (tk_cls(q, sp0) & L_PRON)) {
		if (tok_is(q, sp0, "he") || tok_is(q, sp0, "she") ||
		    tok_is(q, sp0, "him") || tok_is(q, sp0, "her"))
			id = most_recent(q, pos, 0);
		else if (tok_is(q, sp0, "they") || tok_is(q, sp0, "them"))
			id = most_recent(q, pos, 1);
		else if (tok_is(q, sp0, "it"))
			id = most_recent(q, pos, 2);
		if (id >= 0)
			q->ent[id].last_pos = pos;
		return id;
	}
	for (long k = sp0; k <= sp1; k++)
		if (proper_word(q, k))
			key = k;
	if (key >= 0)
		id = named(q, sp0, sp1, key);
	else
		id = description(q, sp0, sp1, pos);
	if (id >= 0 && q->ent[id].last_pos < pos)
		q->ent[id].last_pos = pos;
	return id < -1 ? -2 : id;
}
