/*
 * cues.c - reporting cues, the speaker phrase of each, and the reported
 * clause (indirect speech).
 *
 * A cue is a reporting verb from the lexicon ("said", "stressed",
 * "urged"), "according to" or "quoted ... as saying". Its speaker is the
 * noun phrase before it ("Ryder said"), after it ("said the prime
 * minister"), the subject of its clause for participles ("..., saying"),
 * or the antecedent of "who". The reported clause follows "that", a
 * zero "that" after say/tell ("He said Iraq would ..."), "to" after
 * urge-type verbs, or precedes a trailing cue ("..., U.S. officials
 * said."). A sentence made only of "X said Friday." reports the sentence
 * before it.
 */
#include <string.h>

#include "qx_int.h"

#define NP_MAX_WORDS 16

static bool name_word(const struct qx *q, const struct tok *t)
{
	return (t->flags & F_CAP) && !(tok_flags(q, t) & F_URL) &&
	       (!(tok_cls(q, t) & L_STOP) ||
	        (tok_cls(q, t) & (L_ROLE | L_ORG | L_MOD)));
}

static bool head_word(const struct qx *q, const struct tok *t)
{
	return name_word(q, t) || (tok_cls(q, t) & (L_ROLE | L_ORG | L_PLACE));
}

bool is_headline(const struct qx *q, int32_t sent)
{
	long a = q->sent_first[sent], b = q->sent_last[sent];
	int words = 0, caps = 0;

	if (a < 0 || q->lower_doc)
		return false;
	if (tok_is_punct(q, b, ".!?") ||
	    (q->tk[b].type == T_MARK && tok_is_punct(q, b - 1, ".!?")))
		return false;
	for (long k = a; k <= b; k++)
		if (is_word(q, k) && q->tk[k].e - q->tk[k].s > 3) {
			words++;
			if (q->tk[k].flags & F_CAP)
				caps++;
		}
	return words >= 3 && caps * 10 >= words * 6;
}

long np_left(const struct qx *q, long end, long lim, bool name_only)
{
	long k = end, start = -1;
	int words = 0;
	bool head = false;

	if (!is_word(q, end) || (q->tk[end].flags & F_INQ))
		return -1;
	if (tk_cls(q, end) & L_PRON)
		return name_only ? -1 : end;
	while (k >= lim && words < NP_MAX_WORDS) {
		const struct tok *w = &q->tk[k];
		if (!is_word(q, k) || (tok_flags(q, w) & (F_INQ | F_URL)))
			break;
		if (tok_cls(q, w) & L_DET) {
			/* "of the Khabarovsk Territory" keeps going */
			if (k - 1 >= lim && is_word(q, k - 1) &&
			    (tk_cls(q, k - 1) & L_CONN) && start >= 0 &&
			    name_word(q, &q->tk[start])) {
				start = k;
				k--;
				continue;
			}
			if (!name_only && start >= 0)
				start = k;
			break;
		}
		if (name_word(q, w)) {
			head = true;
		} else if (w->cue != CUE_NONE &&
		           !(tok_cls(q, w) & (L_ROLE | L_ORG))) {
			break;
		} else if (tok_cls(q, w) & (L_ROLE | L_ORG | L_PLACE)) {
			head = true;
		} else if (tok_cls(q, w) & (L_MOD | L_CONN)) {
			/* kept only if a head is further left */
		} else if ((tok_flags(q, w) & F_POSS) && !name_only &&
		           start >= 0) {
			/* the country’s prime minister */
		} else {
			break;
		}
		start = k;
		words++;
		k--;
	}
	if (start < 0 || !head)
		return -1;
	while (start < end && is_word(q, start) &&
	       (tk_cls(q, start) & L_CONN) && !name_word(q, &q->tk[start]))
		start++;
	if (name_only)
		while (start < end && !name_word(q, &q->tk[start]) &&
		       !(tk_cls(q, start) & (L_ROLE | L_MOD)))
			start++;
	return start;
}

static long np_right_any(const struct qx *q, long start, long lim,
                         bool plain);

long np_right(const struct qx *q, long start, long lim)
{
	return np_right_any(q, start, lim, false);
}

/* np_right(), or a plain noun phrase ("my husband") when @plain. */
static long np_right_any(const struct qx *q, long start, long lim,
                         bool plain)
{
	long k = start, end = -1;
	int words = 0;
	bool head = false;

	if (!is_word(q, start) || (q->tk[start].flags & F_INQ))
		return -1;
	if (tk_cls(q, start) & L_PRON)
		return (tk_cls(q, start) & L_DET) &&
		               is_word(q, start + 1) &&
		               head_word(q, &q->tk[start + 1])
		       ? np_right_any(q, start + 1, lim, plain)
		       : start;
	if (tk_cls(q, start) & L_DET)
		k++;
	while (k <= lim && words < NP_MAX_WORDS && is_word(q, k)) {
		const struct tok *w = &q->tk[k];
		if (tok_flags(q, w) & (F_INQ | F_URL))
			break;
		if (name_word(q, w) ||
		    (tok_cls(q, w) & (L_ROLE | L_ORG | L_PLACE)))
			head = true;
		else if (w->cue != CUE_NONE)
			break;
		else if (!(tok_cls(q, w) & (L_MOD | L_CONN)) &&
		         !(tok_flags(q, w) & F_POSS))
			break;
		else if ((tok_cls(q, w) & L_CONN) &&
		         (tok_cls(q, w) & L_DET) == 0 &&
		         !(is_word(q, k + 1) && head_word(q, &q->tk[k + 1])) &&
		         !(is_word(q, k + 1) && (tk_cls(q, k + 1) & L_DET)))
			break;
		end = k;
		words++;
		if (tok_flags(q, w) & F_POSS) {
			/* "Y's announcement": the phrase ends here */
			break;
		}
		k++;
	}
	if ((end < 0 || !head) && plain && (tk_cls(q, start) & L_DET) &&
	    !tok_is(q, start, "that")) {
		/* "my husband" before a verb we know */
		for (k = start + 1; k <= lim && k <= start + 3; k++) {
			if (!is_word(q, k) || (q->tk[k].flags & F_INQ) ||
			    (tk_cls(q, k) & ~(L_MOD | L_ROLE)))
				return -1;
			if (q->tk[k].cue != CUE_NONE || tok_is(q, k + 1, "was") ||
			    tok_is(q, k + 1, "is"))
				return k - 1 > start ? k - 1 : -1;
			if (k + 1 > lim || tok_is_punct(q, k + 1, ",.;:") ||
			    (is_word(q, k + 1) && (q->tk[k + 1].cue != CUE_NONE ||
			                           tk_cls(q, k + 1) &
			                                   (L_ADV | L_PREP))))
				return k;
		}
		return -1;
	}
	if (end < 0 || !head)
		return -1;
	while (end > start && (tk_cls(q, end) & (L_CONN | L_DET)) &&
	       !name_word(q, &q->tk[end]))
		end--;
	return end;
}

static long skip_adverbs_left(const struct qx *q, long k, long lim)
{
	while (k >= lim && is_word(q, k) && (tk_cls(q, k) & L_ADV) &&
	       !(tk_cls(q, k) & (L_PRON | L_ROLE)))
		k--;
	return k;
}

static bool prep_or_time(const struct qx *q, long k)
{
	return is_word(q, k) &&
	       (tk_cls(q, k) & (L_PREP | L_TIME)) && !(q->tk[k].flags & F_INQ);
}

static struct cue *new_cue(struct qx *q, long t0, long t1, int type)
{
	struct cue *c;

	if (qx_grow(q, (void **)&q->cu, &q->capcu, q->ncu + 1,
	            sizeof(*q->cu)) < 0)
		return NULL;
	c = &q->cu[q->ncu++];
	memset(c, 0, sizeof(*c));
	c->t0 = t0;
	c->t1 = t1;
	c->type = (uint8_t)type;
	c->sp0 = c->sp1 = c->cs0 = c->cs1 = -1;
	c->sent = q->tsent[t0];
	c->ent = -1;
	return c;
}

/* Last token of the clause that starts at @k: the sentence end, without
 * its final punctuation. */
static long clause_end(const struct qx *q, long k)
{
	long last = q->sent_last[q->tsent[k]];

	/* "says he wants to leave - “I have been ...”": the quote after a
	 * dash is not part of the clause */
	for (long m = k + 1; m < last; m++)
		if (tok_is_punct(q, m, "-") && q->tk[m + 1].type == T_MARK &&
		    q->tk[m + 1].mdir != MD_CLOSE) {
			last = m - 1;
			break;
		}

	while (last > k && q->tk[last].type == T_PUNCT &&
	       !tok_is_punct(q, last, ")]"))
		last--;
	return last;
}

/* "a source from the iraqi security department on the 6th," */
static void according_np(const struct qx *q, long a, long lim, long *s0,
                         long *s1)
{
	long k = a, last = -1;
	int words = 0;

	while (k <= lim && words < NP_MAX_WORDS && is_word(q, k) &&
	       !(q->tk[k].flags & F_INQ)) {
		last = k;
		words++;
		k++;
	}
	if (last < 0)
		return;
	/* a trailing date phrase is not part of the source */
	for (long m = a + 1; m <= last; m++) {
		if (tok_is(q, m, "on") || tok_is(q, m, "in") ||
		    tok_is(q, m, "at") || tok_is(q, m, "last")) {
			bool when = false;
			for (long x = m + 1; x <= last; x++)
				if ((tk_flags(q, x) & F_ALNUM) ||
				    (tk_cls(q, x) & L_TIME))
					when = true;
			if (when) {
				last = m - 1;
				break;
			}
		}
	}
	if (last >= a) {
		*s0 = a;
		*s1 = last;
	}
}

/* The subject of the sentence of @i, for participles and "and said". */
static void clause_subject(const struct qx *q, long i, long *s0, long *s1)
{
	int32_t s = q->tsent[i];
	long a = q->sent_first[s], k;

	/* ", who ... said" */
	for (k = i - 1; k > a; k--) {
		if (tok_is(q, k, "who") && tok_is_punct(q, k - 1, ",")) {
			long st = np_left(q, k - 2, a, false);
			if (st >= 0) {
				*s0 = st;
				*s1 = k - 2;
				return;
			}
		}
	}
	if (a < 0 || is_headline(q, s) || q->tk[a].type == T_MARK)
		return;
	k = a;
	if (is_word(q, k) && (tk_cls(q, k) & (L_STOP | L_PREP)) &&
	    !(tk_cls(q, k) & L_DET)) {
		long m;
		for (m = k; m < i && m < k + 12; m++)
			if (tok_is_punct(q, m, ","))
				break;
		if (m >= i || !tok_is_punct(q, m, ","))
			return;
		k = m + 1;
	}
	long e = np_right_any(q, k, i - 1, true);
	if (e < 0)
		return;
	/* "A statement from the Iraqi parliament ... called on" */
	if ((tk_cls(q, e) & L_SPEECH) &&
	    (tok_is(q, e + 1, "from") || tok_is(q, e + 1, "by"))) {
		long e2 = np_right(q, e + 2, i - 1);
		if (e2 >= 0) {
			*s0 = e + 2;
			*s1 = e2;
			return;
		}
	}
	*s0 = k;
	*s1 = e;
}

/* "mi chunze, cctv reporter: this is baghdad ..." at a paragraph start. */
static int transcript(struct qx *q, long i)
{
	long k = i, comma = -1, colon = -1;
	int words = 0;

	/* most lines: no comma after one to four words */
	for (k = i; k < q->ntk && k <= i + 4; k++) {
		if (k > i && tok_is_punct(q, k, ","))
			break;
		if (!is_word(q, k))
			return 0;
	}
	if (k >= q->ntk || k > i + 4)
		return 0;
	for (k = i; k < q->ntk && words <= 8; k++) {
		if (q->tk[k].type == T_NL || q->tk[k].type == T_MARK)
			return 0;
		if (tok_is_punct(q, k, ",")) {
			if (comma >= 0 || k == i)
				return 0;
			comma = k;
			continue;
		}
		if (tok_is_punct(q, k, ":")) {
			colon = k;
			break;
		}
		if (!is_word(q, k))
			return 0;
		words++;
	}
	if (comma < 0 || colon < 0 || comma - i > 4 || colon - comma > 5 ||
	    !(tk_cls(q, colon - 1) & L_ROLE))
		return 0;
	long last = colon + 1;
	while (last + 1 < q->ntk && q->tk[last + 1].type != T_NL)
		last++;
	if (last <= colon + 3)
		return 0;
	struct cue *c = new_cue(q, colon - 1, colon - 1, CUE_SAY);
	if (!c)
		return -1;
	c->sp0 = i;
	c->sp1 = comma - 1;
	c->cs0 = colon + 1;
	c->cs1 = last;
	c->direct = true;
	return 0;
}

/* A word of a list with its length: no strlen() for each word tested
 * (aux_verb() and no_clause() run for most cues). */
struct listed_word {
	const char *w;
	size_t n;
};
#define LW(s) { "" s, sizeof(s) - 1 }
#define NLW(a) (sizeof(a) / sizeof((a)[0]))

static bool aux_verb(const struct qx *q, long k)
{
	static const struct listed_word aux[] = {
		LW("is"), LW("was"), LW("are"), LW("were"), LW("has"),
		LW("have"), LW("had"), LW("will"), LW("would"), LW("can"),
		LW("could"), LW("may"), LW("might"), LW("should"), LW("must"),
		LW("does"), LW("did"), LW("do"), LW("shall"),
	};
	for (size_t i = 0; i < NLW(aux); i++)
		if (tok_is_n(q, k, aux[i].w, aux[i].n))
			return true;
	return false;
}

static bool wh_word(const struct qx *q, long k)
{
	return tok_is(q, k, "why") || tok_is(q, k, "how") ||
	       tok_is(q, k, "what") || tok_is(q, k, "when") ||
	       tok_is(q, k, "where") || tok_is(q, k, "whether") ||
	       tok_is(q, k, "if") || tok_is(q, k, "who") ||
	       tok_is(q, k, "which");
}

static long find_that(const struct qx *q, long j, long lim)
{
	for (long m = j; m <= lim && m < j + 12; m++) {
		if (!is_word(q, m)) {
			if (tok_is_punct(q, m, ",") && m == j)
				continue;
			return -1;
		}
		if (tok_is(q, m, "that")) {
			/* "a schedule that is ...": a relative clause */
			if (m + 1 > lim || aux_verb(q, m + 1))
				return -1;
			return m + 1;
		}
		if (q->tk[m].cue != CUE_NONE || (q->tk[m].flags & F_INQ))
			return -1;
	}
	return -1;
}

/* Whether a quote mark follows @i in its sentence. */
static bool quoted_after(const struct qx *q, long i)
{
	long last = q->sent_last[q->tsent[i]];
	for (long k = i + 1; k <= last; k++)
		if (q->tk[k].type == T_MARK || (q->tk[k].flags & F_INQ))
			return true;
	return false;
}

/* Words after "said" that start no reported clause: "said nothing". */
static bool no_clause(const struct qx *q, long k)
{
	static const struct listed_word w[] = {
		LW("nothing"), LW("something"), LW("anything"), LW("so"),
		LW("no"), LW("yes"), LW("little"), LW("much"), LW("more"),
		LW("otherwise"), LW("goodbye"), LW("hello"), LW("sorry"),
		LW("thanks"), LW("this"), LW("it"), LW("all"),
		LW("everything"), LW("a"), LW("an"), LW("the"), LW("what"),
		LW("why"), LW("how"), LW("when"), LW("where"), LW("whether"),
		LW("if"), LW("which"),
	};
	for (size_t i = 0; i < NLW(w); i++)
		if (tok_is_n(q, k, w[i].w, w[i].n))
			return !(tok_is(q, k, "it") || tok_is(q, k, "this") ||
			         tok_is(q, k, "the") || tok_is(q, k, "a") ||
			         tok_is(q, k, "an") || tok_is(q, k, "all")) ||
			       !is_word(q, k + 1) ||
			       tok_is_punct(q, k + 1, ".,;");
	return false;
}

static int verb_cue(struct qx *q, long i)
{
	struct tok *t = &q->tk[i];
	int32_t s = q->tsent[i];
	long a = q->sent_first[s], last = q->sent_last[s];
	long k, j = i + 1, t1 = i;
	int type = t->cue;
	bool zero_that = false;
	struct cue *c;

	if (a < 0)
		return 0;
	/* "called on X to", "pointed out that" */
	if (type == CUE_WEAK && (tok_is(q, j, "on") || tok_is(q, j, "upon")) &&
	    (tok_is(q, i, "called") || tok_is(q, i, "calls") ||
	     tok_is(q, i, "calling") || tok_is(q, i, "call"))) {
		type = CUE_OBJTO;
		t1 = j;
		j++;
	} else if (tok_is(q, i, "pointed")) {
		if (!tok_is(q, j, "out"))
			return 0;
		t1 = j;
		j++;
	} else if (tok_is(q, i, "spoke") || tok_is(q, i, "speaks")) {
		type = CUE_WEAK;
	}
	c = new_cue(q, i, t1, type);
	if (!c)
		return -1;
	c->ing = (tok_flags(q, t) & F_ING) != 0;
	if (is_headline(q, s))
		return 0; /* "US Calls Presence ‘Appropriate’": no speaker */

	/* speaker before the verb */
	k = skip_adverbs_left(q, i - 1, a);
	if (k >= a && is_word(q, k)) {
		if (tok_is(q, k, "who") && tok_is_punct(q, k - 1, ",")) {
			long st = np_left(q, k - 2, a, false);
			if (st >= 0) {
				c->sp0 = st;
				c->sp1 = k - 2;
			}
		} else if (!(tk_cls(q, k) & L_CLAUSE) ||
		           (tk_cls(q, k) & L_PRON)) {
			long st = np_left(q, k, a, false);
			if (st >= 0 && !(c->ing && !name_word(q, &q->tk[k]))) {
				c->sp0 = st;
				c->sp1 = k;
			}
		}
	}
	/* speaker after the verb: "said Ryder", "added Prose" */
	bool inverted = false;
	if (c->sp0 < 0 && type != CUE_WEAK && type != CUE_SELFTO &&
	    is_word(q, j)) {
		long e = np_right(q, j, last);
		bool say = type == CUE_SAY || type == CUE_SAYZ;
		if (e >= 0 && (e == last || tok_is_punct(q, e + 1, ",.;?!") ||
		               (say && prep_or_time(q, e + 1)) ||
		               q->tk[e + 1].type == T_NL)) {
			c->sp0 = j;
			c->sp1 = e;
			inverted = true;
			j = e + 1;
		}
	}
	if (c->sp0 < 0 && (c->ing || k < a || tok_is_punct(q, k, ",") ||
	                   (is_word(q, k) && (tk_cls(q, k) & L_CLAUSE))))
		clause_subject(q, i, &c->sp0, &c->sp1);

	/* the reported clause */
	switch (type) {
	case CUE_SAY:
	case CUE_SAYZ:
	case CUE_TELL: {
		long obj = -1;
		if (type == CUE_TELL && !inverted) {
			obj = np_right(q, j, last);
			if (obj < 0 && is_word(q, j) &&
			    !(tk_cls(q, j) & (L_PREP | L_CLAUSE)) &&
			    !wh_word(q, j))
				obj = j; /* told reporters */
			if (wh_word(q, j))
				break; /* told why ... */
			if (obj >= 0)
				j = obj + 1;
		}
		long m = find_that(q, j, last);
		if (m >= 0) {
			c->cs0 = m;
		} else if (type == CUE_SAY && !inverted && tok_is(q, j, "to") &&
		           (tok_is(q, i, "claimed") || tok_is(q, i, "claims") ||
		            tok_is(q, i, "claiming")) &&
		           is_word(q, j + 1) &&
		           !(tk_cls(q, j + 1) & (L_DET | L_PRON)) &&
		           !(q->tk[j + 1].flags & F_CAP)) {
			c->cs0 = j; /* claimed to have ... */
		} else if (type == CUE_TELL && obj >= 0 && tok_is(q, j, "to") &&
		           is_word(q, j + 1)) {
			c->cs0 = j + 1;
		} else if (!inverted && (type == CUE_SAYZ || obj >= 0) &&
		           is_word(q, j) && !(q->tk[j].flags & F_INQ) &&
		           !(tk_cls(q, j) & (L_PREP | L_TIME)) &&
		           !(tk_cls(q, j) & L_CLAUSE &&
		             !tok_is(q, j, "that")) &&
		           q->tk[j].cue == CUE_NONE && !no_clause(q, j)) {
			c->cs0 = j; /* zero "that" */
			zero_that = true;
		}
		break;
	}
	case CUE_OBJTO:
		for (long m = j + 1; m <= last && m < j + 10; m++) {
			if (!is_word(q, m) || (q->tk[m].flags & F_INQ))
				break;
			if (tok_is(q, m, "to") && is_word(q, m + 1)) {
				c->cs0 = m + 1;
				break;
			}
		}
		break;
	case CUE_SELFTO:
		if (tok_is(q, j, "not"))
			j++;
		if (tok_is(q, j, "to") && is_word(q, j + 1))
			c->cs0 = i + 1;
		break;
	default:
		break;
	}
	if (c->cs0 >= 0) {
		c->cs1 = clause_end(q, c->cs0);
		if (c->cs1 < c->cs0 || (zero_that && c->cs1 - c->cs0 < 2))
			c->cs0 = c->cs1 = -1; /* "told Rossiya 1 television" */
		else
			return 0;
	}
	if (type != CUE_SAY && type != CUE_SAYZ && type != CUE_TELL)
		return 0;

	/* "..., X said." / "..., said X." / "X said Friday." */
	long after = (inverted ? c->sp1 : c->t1) + 1;
	if (after <= last && prep_or_time(q, after)) {
		/* "said on the air of the TV channel ..." */
		long m = after;
		while (m <= last && !tok_is_punct(q, m, ",;") &&
		       !tok_is(q, m, "that") &&
		       (!is_word(q, m) || q->tk[m].cue == CUE_NONE ||
		        (q->tk[m].flags & F_INQ)))
			m++;
		if (m > last || tok_is_punct(q, m, ",;"))
			after = m;
	}
	while (after <= last && (prep_or_time(q, after) ||
	                         q->tk[after].type == T_MARK ||
	                         (q->tk[after].flags & F_INQ) ||
	                         (is_word(q, after) &&
	                          (tk_cls(q, after) & (L_DET | L_ORG |
	                                                L_ROLE | L_MOD) ||
	                           q->tk[after].flags & F_CAP)) ||
	                         tok_is_punct(q, after, "-")))
		after++;
	bool ends = after > last || tok_is_punct(q, after, ".;") ||
	            q->tk[after].type == T_NL ||
	            (tok_is_punct(q, after, ",") && is_word(q, after + 1) &&
	             (q->tk[after + 1].cue != CUE_NONE ||
	              (tk_cls(q, after + 1) & (L_PREP | L_CLAUSE))));
	if (!ends || c->sp0 < 0)
		return 0;
	long before = inverted ? i - 1 : c->sp0 - 1;
	if (before > a && tok_is_punct(q, before, ",") &&
	    q->tk[a].type != T_MARK) {
		c->trailing = true;
		c->cs0 = a;
		c->cs1 = before - 1;
	} else if (before < a && !inverted && s > 0 && !quoted_after(q, i) &&
	           q->sent_first[s - 1] >= 0 &&
	           q->tk[q->sent_first[s - 1]].type != T_MARK) {
		c->bare = true;
		c->cs0 = q->sent_first[s - 1];
		c->cs1 = clause_end(q, c->cs0);
	}
	return 0;
}

static int quoted_cue(struct qx *q, long i)
{
	int32_t s = q->tsent[i];
	long last = q->sent_last[s];
	long e = np_right(q, i + 1, last);
	struct cue *c;

	if (e < 0)
		return 0;
	c = new_cue(q, i, i, CUE_QUOTED);
	if (!c)
		return -1;
	c->sp0 = i + 1;
	c->sp1 = e;
	for (long m = e + 1; m < last && m < e + 16; m++) {
		if (tok_is(q, m, "as") && tok_is(q, m + 1, "saying")) {
			long cs = m + 2;
			q->tk[m + 1].cue = CUE_NONE; /* part of this cue */
			if (tok_is(q, cs, "that"))
				cs++;
			c->t1 = m + 1;
			if (cs <= last) {
				c->cs0 = cs;
				c->cs1 = clause_end(q, cs);
			}
			return 0;
		}
	}
	if ((tk_flags(q, e) & F_POSS) && is_word(q, e + 1) &&
	    (tk_cls(q, e + 1) & L_SPEECH) && tok_is(q, e + 2, "that") &&
	    e + 3 <= last) {
		c->cs0 = e + 3;
		c->cs1 = clause_end(q, e + 3);
	}
	return 0;
}

static int according_cue(struct qx *q, long i)
{
	int32_t s = q->tsent[i];
	long a = q->sent_first[s], last = q->sent_last[s];
	struct cue *c;
	long s0 = -1, s1 = -1, k;

	if (!tok_is(q, i + 1, "to"))
		return 0;
	according_np(q, i + 2, last, &s0, &s1);
	if (s0 < 0)
		return 0;
	/* a source that can speak: not "according to the plan" */
	bool speaks = false;
	for (k = s0; k <= s1; k++)
		if ((tk_cls(q, k) & (L_ROLE | L_ORG | L_SPEECH | L_PRON)) ||
		    name_word(q, &q->tk[k]))
			speaks = true;
	if (!speaks)
		return 0;
	c = new_cue(q, i, i + 1, CUE_ACCORDING);
	if (!c)
		return -1;
	c->sp0 = s0;
	c->sp1 = s1;
	/* where the comma after the source is */
	for (k = s1 + 1; k <= last && !tok_is_punct(q, k, ","); k++)
		if (!is_word(q, k))
			break;
	bool starts = i == a || tok_is_punct(q, i - 1, ",:;") ||
	              (i - 1 >= a && is_word(q, i - 1) &&
	               (tk_cls(q, i - 1) & (L_STOP | L_CLAUSE)));
	if (starts && tok_is_punct(q, k, ",") && k + 1 <= last &&
	    (i == a || !tok_is_punct(q, i - 1, ",") || i - 1 <= a + 1)) {
		c->cs0 = k + 1;
		c->cs1 = clause_end(q, k + 1);
	} else if (tok_is_punct(q, i - 1, ",") && i - 1 > a &&
	           clause_end(q, i) <= s1 + 1) {
		c->cs0 = a;
		c->cs1 = i - 2;
	}
	return 0;
}

int find_cues(struct qx *q)
{
	for (long p = 0; p < q->ncands; p++) {
		long i = q->cands[p];
		const struct tok *t = &q->tk[i];
		int rc = 0;

		if ((i == 0 || q->tk[i - 1].type == T_NL) && is_word(q, i) &&
		    transcript(q, i) < 0)
			return -1;
		if (t->type != T_WORD || t->cue == CUE_NONE ||
		    (t->flags & F_INQ))
			continue;
		if (t->cue == CUE_ACCORDING)
			rc = according_cue(q, i);
		else if (t->cue == CUE_QUOTED)
			rc = quoted_cue(q, i);
		else
			rc = verb_cue(q, i);
		if (rc < 0)
			return -1;
	}

	/* participles opening a sentence take the next cue's speaker:
	 * "Affirming that ..., Mr. Ryder also emphasized that ..." */
	for (long n = 0; n < q->ncu; n++) {
		struct cue *c = &q->cu[n];
		if (c->sp0 >= 0)
			continue;
		for (long m = n + 1; m < q->ncu && q->cu[m].sent == c->sent;
		     m++)
			if (q->cu[m].sp0 >= 0) {
				c->sp0 = q->cu[m].sp0;
				c->sp1 = q->cu[m].sp1;
				break;
			}
		/* "..., adding that": the earlier cue's speaker */
		if (c->sp0 < 0 && c->ing)
			for (long m = n - 1; m >= 0 && q->cu[m].sent == c->sent;
			     m--)
				if (q->cu[m].sp0 >= 0) {
					c->sp0 = q->cu[m].sp0;
					c->sp1 = q->cu[m].sp1;
					break;
				}
	}

	/* a clause ends where the next cue's ", X said" starts */
	for (long n = 0; n < q->ncu; n++) {
		struct cue *c = &q->cu[n];
		if (c->cs0 < 0 || c->trailing || c->bare || c->direct)
			continue;
		for (long m = n + 1; m < q->ncu; m++) {
			const struct cue *d = &q->cu[m];
			long from;
			if (d->t0 > c->cs1)
				break;
			if (d->t0 < c->cs0)
				continue;
			from = (d->sp0 >= 0 && d->sp0 < d->t0) ? d->sp0 : d->t0;
			if (from - 1 > c->cs0 &&
			    (tok_is_punct(q, from - 1, ":;") ||
			     (tok_is_punct(q, from - 1, ",") &&
			      d->type != CUE_ACCORDING))) {
				c->cs1 = from - 2;
				break;
			}
		}
		while (c->cs1 > c->cs0 && q->tk[c->cs1].type == T_PUNCT &&
		       !tok_is_punct(q, c->cs1, ")]"))
			c->cs1--;
	}

	/* cues inside reported speech belong to it; trailing cues after a
	 * clause already reported are only sources ("..., RT reported.") */
	for (long n = 0; n < q->ncu; n++) {
		struct cue *c = &q->cu[n];
		bool inside = (q->tk[c->t0].flags & F_ININD) != 0;
		if (c->trailing || c->bare) {
			for (long m = 0; m < q->ncu; m++)
				if (m != n && q->cu[m].cs0 >= 0 &&
				    !q->cu[m].trailing && !q->cu[m].bare &&
				    q->cu[m].sent == c->sent && m < n)
					inside = true;
			if (c->bare)
				for (long m = 0; m < q->ncu; m++)
					if (m != n && q->cu[m].cs0 >= 0 &&
					    q->cu[m].sent == c->sent - 1)
						inside = true;
		}
		if (inside) {
			c->cs0 = c->cs1 = -1;
			if (q->tk[c->t0].flags & F_ININD)
				c->type = CUE_NONE;
			continue;
		}
		if (c->cs0 >= 0 && !c->direct)
			for (long k = c->cs0; k <= c->cs1; k++)
				q->tk[k].flags |= F_ININD;
	}
	return 0;
}
