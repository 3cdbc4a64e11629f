/*
 * fragments.c - fragments left by translation: a stray particle ("Ta."),
 * dangling reporting fragments ("He emphasized that.", "explained."), a
 * bare agency name as a sentence ("CNN."), repeated words and doubled
 * punctuation.
 */
#include "words.h"

/* News agencies and broadcasters named in translated copy. */
const char *const sources_title[] = {"Reuters", NULL};
const char *const sources_any[] = {
	"Reuters", "Xinhua", "Interfax", "Sputnik", "Kyodo", "Yonhap",
	"Bloomberg", "Anadolu", "Bernama", "CNN", "AFP", "BBC", "TASS", "IRNA",
	"ISNA", "AP", NULL};



/* ---------------------------------------------------------------------
 * fragments at a sentence start: "Ta.", "He emphasized that.",
 * "explained."
 * ------------------------------------------------------------------ */

static const char *const subjects[] = {
	"He", "She", "They", "It", "he", "she", "they", "it", NULL};
static const char *const report_verbs[] = {
	"said", "emphasized", "emphasised", "stressed", "explained", "added",
	"noted", "stated", "revealed", "reported", "insisted", "underlined",
	"underscored", "declared", "did", NULL};
static const char *const strong_verbs[] = {
	"emphasized", "emphasised", "stressed", "explained", "noted",
	"revealed", "stated", "underlined", "underscored", "insisted", NULL};

/* The first letters of the entries of sources_any (1), subjects (2) and
 * report_verbs (4): a word whose first letter is not there skips the
 * list. Update it with the lists. */
static const unsigned char list_first[256] = {
	['A'] = 1,
	['B'] = 1,
	['C'] = 1,
	['H'] = 2,
	['I'] = 3,
	['K'] = 1,
	['R'] = 1,
	['S'] = 3,
	['T'] = 3,
	['X'] = 1,
	['Y'] = 1,
	['a'] = 4,
	['d'] = 4,
	['e'] = 4,
	['h'] = 2,
	['i'] = 6,
	['n'] = 4,
	['r'] = 4,
	['s'] = 6,
	['t'] = 2,
	['u'] = 4,
};

/* The end of a fragment: '.' then the end of the text, a line end, or a
 * space; not an ellipsis. Returns the offset after '.', or 0. */
static size_t fragment_stop(const struct scan *sc, size_t p)
{
	if (byte(sc, p) != '.' || byte(sc, p + 1) == '.')
		return 0;
	unsigned char c = byte(sc, p + 1);
	if (p + 1 == sc->len || c == '\n' || c == '\r' || c == ' ')
		return p + 1;
	return 0;
}

/* Deletes the fragment [st, fe) with the space before it; at a line
 * start, with the line break before it when the fragment is the whole
 * line, else with the space after it. */
static int delete_fragment(struct scan *sc, size_t st, size_t fe,
                           bool line_start, const char *rule)
{
	if (!line_start)
		return batch_add(sc->b, st - 1, fe, "", 0, rule);
	unsigned char a = byte(sc, fe);
	if (st > 0 && (fe == sc->len || a == '\n' || a == '\r'))
		return batch_add(sc->b, st - 1, fe, "", 0, rule);
	if (a == ' ')
		fe++;
	return batch_add(sc->b, st, fe, "", 0, rule);
}

/* A possible fragment at sentence start @st. @pk: what ends the sentence
 * before (PREV_LINE: nothing, a paragraph starts); @prev_lower_word: that
 * sentence ends in a lower-case word ("groups."), not an abbreviation or
 * initial ("E.H."); @line_start: @st starts a line. */
int rule_sentence_start(struct scan *sc, size_t st, enum prev_kind pk,
                               bool prev_lower_word, bool line_start)
{
	if (!sc->o->fragments || st >= sc->len || !is_alpha(sc->u[st]))
		return 0;
	if (pk == PREV_STOP && !prev_lower_word)
		return 0;
	size_t w1e = letters_end(sc, st);
	size_t w1n = w1e - st;
	const char *w1 = sc->s + st;

	/* a stray Japanese particle after a finished sentence */
	if (pk == PREV_STOP && prev_lower_word && w1n == 2 &&
	    memcmp(w1, "Ta", 2) == 0) {
		size_t fe = fragment_stop(sc, w1e);
		unsigned char c = byte(sc, fe);
		if (fe && (fe == sc->len || c == '\n' || c == '\r'))
			return delete_fragment(sc, st, fe, line_start,
			                       "fragments.particle");
	}

	/* a bare source name as a sentence: "officials said. CNN." */
	if (pk == PREV_STOP && (list_first[(unsigned char)w1[0]] & 1) &&
	    in_list(w1, w1n, sources_any)) {
		size_t fe = fragment_stop(sc, w1e);
		unsigned char c = byte(sc, fe);
		if (fe && (fe == sc->len || c == '\n' || c == '\r' ||
		           (c == ' ' && is_upper(byte(sc, fe + 1)))))
			return delete_fragment(sc, st, fe, line_start,
			                       "fragments.source");
	}

	bool subj = (list_first[(unsigned char)w1[0]] & 2) &&
	            in_list(w1, w1n, subjects);
	size_t vs = st, ve = w1e;
	if (subj) {
		if (byte(sc, w1e) != ' ')
			return 0;
		vs = w1e + 1;
		ve = letters_end(sc, vs);
	}
	const char *v = sc->s + vs;
	size_t vn = ve - vs;
	if (vn == 0 || !(list_first[(unsigned char)v[0]] & 4) ||
	    !in_list(v, vn, report_verbs))
		return 0;
	size_t p = ve;
	bool that = false;
	if (at(sc, p, " that") && !is_alpha(byte(sc, p + 5))) {
		that = true;
		p += 5;
	}
	size_t fe = fragment_stop(sc, p);
	if (!fe)
		return 0;
	bool did = vn == 3 && memcmp(v, "did", 3) == 0;
	bool del;
	if (that)
		del = !did;
	else if (!subj)
		del = !sc->lowercased;           /* "explained." */
	else if (is_lower((unsigned char)w1[0]) && !sc->lowercased)
		del = pk == PREV_STOP && !did;   /* "Iraq. he emphasized." */
	else
		del = pk == PREV_STOP && in_list(v, vn, strong_verbs);
	if (!del)
		return 0;
	return delete_fragment(sc, st, fe, line_start, "fragments.reporting");
}

static const char *const repeat_ok[] = {
	"that", "had", "bye", "very", "knock", "blah", "bla", "yes", "now",
	"there", "far", "many", "much", "more", "chop", "hush", "boo", "night",
	"dum", "yum", "hey", "wow", "tut", "pooh", "bang", "beep", "choo",
	"pom", "tick", "tock", "ding", "dong", "cha", "woo", "yeah", "yay",
	"whoa", "kiss", "bow", "wag", "goody", "mini", "yada", "ping", "pong",
	"tom", "well", "wait", "come", "run", "long", "ago", "too", "ooh",
	"aah", "haha", "hip", "rah", "hoo", "bah", "meow", "tsk", "hmm",
	"murmur", "ticktock", "bling", "tra", "fro", "later", "ever", "round",
	"over", "again", "away", "deep", "down", "out", "plus", "for", "off",
	"hear", "mahi", "can", "chin", "papa", "mama", "din", "bam", "zoom",
	"who", "what", "why", "how", "when", NULL};

int rule_repeat_at(struct scan *sc, size_t i, size_t ls)
{
	size_t n = i - ls;
	if (memcmp(sc->s + ls, sc->s + i + 1, n) != 0)
		return 0;
	size_t re = i + 1 + n;
	unsigned char after = byte(sc, re);
	unsigned char before = ls > 0 ? sc->u[ls - 1] : ' ';
	if (is_alnum(after) || after == '-' || after == '\'' || after >= 0x80)
		return 0;
	if (before == '-' || before == '\'' || before >= 0x80 ||
	    is_digit(before))
		return 0;
	for (size_t k = ls; k < i; k++)
		if (!is_lower(sc->u[k]))
			return 0;
	if (in_list(sc->s + ls, n, repeat_ok))
		return 0;
	return batch_add(sc->b, i, re, "", 0, "fragments.repeated_word");
}

/* Words that end in '.' without ending a sentence. */
static const char *const abbreviations[] = {
	"Co", "Corp", "Inc", "Ltd", "Bros", "Jr", "Sr", "Dr", "Mr", "Mrs", "Ms",
	"St", "Mt", "Gen", "Col", "Lt", "Sgt", "Capt", "Gov", "Sen", "Rep",
	"Rev", "Prof", "Ave", "Dept", "Univ", "Assn", "No", "Vol", "Fig", "Jan",
	"Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov",
	"Dec", "Plc", "Cie", "Messrs", "Mme", "Mlle", "Hon", "Est", "etc",
	"vs", "approx", "Ft", "Adm", "Cmdr", "Supt", "Pres", "Amb", NULL};
/* The length of the longest entry above ("Messrs", "approx"): longer
 * words skip the list. Update it with the list. */
#define ABBREVIATION_MAX 6
/* The first letters of the entries above: most words fail this test
 * and skip the list. Update it with the list. */
static const unsigned char abbreviation_first[256] = {
	['A'] = 1,
	['B'] = 1,
	['C'] = 1,
	['D'] = 1,
	['E'] = 1,
	['F'] = 1,
	['G'] = 1,
	['H'] = 1,
	['I'] = 1,
	['J'] = 1,
	['L'] = 1,
	['M'] = 1,
	['N'] = 1,
	['O'] = 1,
	['P'] = 1,
	['R'] = 1,
	['S'] = 1,
	['U'] = 1,
	['V'] = 1,
	['a'] = 1,
	['e'] = 1,
	['v'] = 1,
};

/* Kind of sentence boundary before the space at i, if any. */
bool sentence_before(const struct scan *sc, size_t i,
                            enum prev_kind *pk, bool *prev_lower_word)
{
	if (i == 0)
		return false;
	size_t p = i;
	unsigned char c = sc->u[p - 1];
	*pk = PREV_STOP;
	if (c == '"' ) {
		*pk = PREV_QUOTE;
		p--;
	} else if ((c == 0x9D || c == 0x99) && p >= 3 &&
	           (at(sc, p - 3, "\xE2\x80\x9D") ||
	            at(sc, p - 3, "\xE2\x80\x99"))) {
		*pk = PREV_QUOTE;
		p -= 3;
	}
	if (p == 0)
		return false;
	c = sc->u[p - 1];
	if (!(c == '.' || c == '!' || c == '?' ||
	      (*pk == PREV_QUOTE && c == ',')))
		return false;
	if (c == '.' && p >= 2 && sc->u[p - 2] == '.')
		return false;           /* "..." */
	size_t ws = letters_start(sc, p - 1);
	size_t wn = (p - 1) - ws;
	*prev_lower_word = wn >= 2 && is_lower(sc->u[p - 2]) &&
	                   (wn > ABBREVIATION_MAX ||
	                    !abbreviation_first[sc->u[ws]] ||
	                    !in_list(sc->s + ws, wn, abbreviations));
	return true;
}

/* ". ." -> "."; ",," -> ","; ";;" -> ";" */
int rule_double_punct(struct scan *sc, size_t i)
{
	unsigned char c = sc->u[i];
	unsigned char prev = i > 0 ? sc->u[i - 1] : 0;
	if (c == '.') {
		if (!at(sc, i + 1, " .") || prev == '.' || prev == ' ' ||
		    prev == 0 || prev == '\n')
			return 0;
		unsigned char a = byte(sc, i + 3);
		if (a == '.' || (a == ' ' && byte(sc, i + 4) == '.'))
			return 0;       /* ". . ." and ". .." are ellipses */
		return batch_add(sc->b, i + 1, i + 3, "", 0,
		                 "fragments.double_punct");
	}
	if (byte(sc, i + 1) != c || prev == c || byte(sc, i + 2) == c)
		return 0;
	if (!(is_alnum(prev) || prev == ')' || prev >= 0x80))
		return 0;
	/* "Shikoku,, and" and "9,,100"; not an empty field ("a,,b") */
	unsigned char a = byte(sc, i + 2);
	if (!(a == ' ' || (is_digit(prev) && is_digit(a))))
		return 0;
	return batch_add(sc->b, i + 1, i + 2, "", 0, "fragments.double_punct");
}

