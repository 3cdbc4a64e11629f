/*
 * words.c - the word pass: masked tokens, translation fragments, repeated
 * words, doubled punctuation and spacing.
 *
 * One left-to-right scan; a byte table marks the bytes where a rule can
 * start (space, newline, '.', ',', ';', '?', '*', '-', 0xE2 for curly
 * quotes) and the loop skips the rest; "ReutersThe" is found with memmem. Every rule looks at a few
 * bytes around that position and adds its edit to the batch, which sorts
 * them and keeps the first of overlapping edits.
 */
#define _GNU_SOURCE     /* memmem */
#include <string.h>

#include "cleaner.h"

enum { T_SPACE = 1, T_NL, T_DOT, T_COMMA, T_SEMI, T_QUEST, T_STAR, T_DASH,
       T_E2 };

static const unsigned char trigger[256] = {
	[' '] = T_SPACE, ['\n'] = T_NL, ['.'] = T_DOT, [','] = T_COMMA,
	[';'] = T_SEMI, ['?'] = T_QUEST, ['*'] = T_STAR, ['-'] = T_DASH,
	[0xE2] = T_E2,
};

struct scan {
	const struct cleaner_opts *o;
	struct batch *b;
	const char *s;
	const unsigned char *u;
	size_t len;
	bool lowercased;   /* the whole text is in lower case (seed 004) */
};

static bool at(const struct scan *sc, size_t i, const char *lit)
{
	size_t n = strlen(lit);
	return i + n <= sc->len && memcmp(sc->s + i, lit, n) == 0;
}

static unsigned char byte(const struct scan *sc, size_t i)
{
	return i < sc->len ? sc->u[i] : 0;
}

/* End of the run of ASCII letters starting at i. */
static size_t letters_end(const struct scan *sc, size_t i)
{
	while (i < sc->len && is_alpha(sc->u[i]))
		i++;
	return i;
}

/* Start of the run of ASCII letters ending at i (exclusive). */
static size_t letters_start(const struct scan *sc, size_t i)
{
	while (i > 0 && is_alpha(sc->u[i - 1]))
		i--;
	return i;
}

static bool in_list(const char *w, size_t n, const char *const *list)
{
	if (n == 0)
		return false;
	for (; *list; list++)
		if ((*list)[0] == w[0] && strlen(*list) == n &&
		    memcmp(*list, w, n) == 0)
			return true;
	return false;
}

static bool is_closing_quote(const struct scan *sc, size_t i, size_t *qlen)
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

/* ---------------------------------------------------------------------
 * masks: "Iraq**" -> "Iraq"
 * ------------------------------------------------------------------ */

/* Whether a "**" that opens markup ("**bold") occurs on the line before
 * position @i. */
static bool open_markup_before(const struct scan *sc, size_t i, size_t run)
{
	size_t ls = i;
	while (ls > 0 && sc->u[ls - 1] != '\n')
		ls--;
	for (size_t k = ls; k + run <= i; k++) {
		if (sc->u[k] != '*')
			continue;
		size_t e = k;
		while (e < i && sc->u[e] == '*')
			e++;
		bool left_ok = k == ls || !is_alnum(sc->u[k - 1]);
		if (e - k == run && left_ok && e < sc->len && is_alnum(sc->u[e]))
			return true;
		k = e;
	}
	return false;
}

static int rule_stars(struct scan *sc, size_t i, size_t *next)
{
	size_t e = i;
	while (e < sc->len && sc->u[e] == '*')
		e++;
	*next = e;
	size_t run = e - i;
	bool glued_left = i > 0 && is_alnum(sc->u[i - 1]);
	bool word_right = e < sc->len && is_alnum(sc->u[e]);
	if (!glued_left || word_right)
		return 0;
	bool markup = open_markup_before(sc, i, run);
	if (run >= 2 && !markup && sc->o->masks)
		return batch_add(sc->b, i, e, "", 0, "masks.asterisk");
	if (!sc->o->masks_markup)
		return 0;
	if (markup) {
		/* remove the closing run here and the opening one */
		size_t ls = i;
		while (ls > 0 && sc->u[ls - 1] != '\n')
			ls--;
		for (size_t k = ls; k + run <= i; k++) {
			size_t m = k;
			while (m < i && sc->u[m] == '*')
				m++;
			if (m - k == run && (k == ls || !is_alnum(sc->u[k - 1])) &&
			    m < sc->len && is_alnum(sc->u[m])) {
				int r = batch_add(sc->b, k, m, "", 0,
				                  "masks.markup");
				if (r)
					return r;
				return batch_add(sc->b, i, e, "", 0,
				                 "masks.markup");
			}
			if (m > k)
				k = m - 1;
		}
		return 0;
	}
	if (run == 1)
		return batch_add(sc->b, i, e, "", 0, "masks.footnote");
	return 0;
}

/* ---------------------------------------------------------------------
 * fragments at a sentence start: "Ta.", "He emphasized that.",
 * "explained."
 * ------------------------------------------------------------------ */

enum prev_kind { PREV_LINE, PREV_STOP, PREV_QUOTE };

/* News agencies and broadcasters named in translated copy. */
static const char *const sources_title[] = {"Reuters", NULL};
static const char *const sources_any[] = {
	"Reuters", "Xinhua", "Interfax", "Sputnik", "Kyodo", "Yonhap",
	"Bloomberg", "Anadolu", "Bernama", "CNN", "AFP", "BBC", "TASS", "IRNA",
	"ISNA", "AP", NULL};


static const char *const subjects[] = {
	"He", "She", "They", "It", "he", "she", "they", "it", NULL};
static const char *const report_verbs[] = {
	"said", "emphasized", "emphasised", "stressed", "explained", "added",
	"noted", "stated", "revealed", "reported", "insisted", "underlined",
	"underscored", "declared", "did", NULL};
static const char *const strong_verbs[] = {
	"emphasized", "emphasised", "stressed", "explained", "noted",
	"revealed", "stated", "underlined", "underscored", "insisted", NULL};

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
static int rule_sentence_start(struct scan *sc, size_t st, enum prev_kind pk,
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
	if (pk == PREV_STOP && in_list(w1, w1n, sources_any)) {
		size_t fe = fragment_stop(sc, w1e);
		unsigned char c = byte(sc, fe);
		if (fe && (fe == sc->len || c == '\n' || c == '\r' ||
		           (c == ' ' && is_upper(byte(sc, fe + 1)))))
			return delete_fragment(sc, st, fe, line_start,
			                       "fragments.source");
	}

	bool subj = in_list(w1, w1n, subjects);
	size_t vs = st, ve = w1e;
	if (subj) {
		if (byte(sc, w1e) != ' ')
			return 0;
		vs = w1e + 1;
		ve = letters_end(sc, vs);
	}
	const char *v = sc->s + vs;
	size_t vn = ve - vs;
	if (vn == 0 || !in_list(v, vn, report_verbs))
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

/* ---------------------------------------------------------------------
 * at a space
 * ------------------------------------------------------------------ */

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

static int rule_repeat(struct scan *sc, size_t i)
{
	if (!is_lower(byte(sc, i - 1)) || !is_lower(byte(sc, i + 1)))
		return 0;
	size_t ls = letters_start(sc, i);
	size_t n = i - ls;
	if (n < 3 || i + 1 + n > sc->len || sc->u[ls] != sc->u[i + 1])
		return 0;
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

/* " ," -> ","; "word ,next" -> "word, next"; " ." at a line end -> "." */
static int rule_space_before_punct(struct scan *sc, size_t i)
{
	if (i == 0 || sc->u[i - 1] == ' ')
		return 0;
	size_t j = i;
	while (j < sc->len && sc->u[j] == ' ' && j - i < 4)
		j++;
	unsigned char p = byte(sc, j);
	if (!(p == ',' || p == ';' || p == ':' || p == '!' || p == '?' ||
	      p == '.'))
		return 0;
	unsigned char prev = sc->u[i - 1];
	if (!(is_alnum(prev) || prev == ')' || prev == ']' || prev == '%'))
		return 0;
	if (p == ':' && !is_alpha(prev))
		return 0;
	/* the characters after the punctuation (a run of "!!!" or "?!") */
	size_t k = j + 1;
	if (p == '!' || p == '?')
		while (k < sc->len && (sc->u[k] == '!' || sc->u[k] == '?'))
			k++;
	if (p == '.' && (byte(sc, k) == '.' ||
	                 (byte(sc, k) == ' ' && byte(sc, k + 1) == '.')))
		return 0;                        /* " ..." and " . . ." */
	unsigned char a = byte(sc, k);
	size_t ql;
	bool ok_after = k == sc->len || a == ' ' || a == '\n' || a == '\r' ||
	                a == ')' || a == ']' || is_closing_quote(sc, k, &ql);
	bool glued_word = (p == ',' || p == ';') && is_alpha(a);
	if (!ok_after && !glued_word)
		return 0;
	if (glued_word) {
		static const char comma_sp[] = ", ", semi_sp[] = "; ";
		return batch_add(sc->b, i, j + 1, p == ',' ? comma_sp : semi_sp,
		                 2, "spacing.before_punct");
	}
	return batch_add(sc->b, i, j, "", 0, "spacing.before_punct");
}

/* "this “ The only" -> "this “The only"; "word ”" -> "word”" */
static int rule_space_in_quotes_close(struct scan *sc, size_t i)
{
	if (i == 0 || !at(sc, i + 1, "\xE2\x80\x9D"))
		return 0;
	unsigned char prev = sc->u[i - 1];
	if (!(is_alnum(prev) || prev == '.' || prev == ',' || prev == '!' ||
	      prev == '?'))
		return 0;
	unsigned char a = byte(sc, i + 4);
	if (!(i + 4 == sc->len || a == ' ' || a == '\n' || a == '\r' ||
	      a == '.' || a == ',' || a == ';' || a == ':' || a == ')'))
		return 0;
	return batch_add(sc->b, i, i + 1, "", 0, "spacing.inside_quotes");
}

static int rule_space_in_quotes_open(struct scan *sc, size_t i)
{
	/* sc->s + i is "“" */
	size_t j = i + 3;
	size_t k = j;
	while (k < sc->len && sc->u[k] == ' ' && k - j < 3)
		k++;
	if (k == j || !is_alnum(byte(sc, k)))
		return 0;
	unsigned char prev = i > 0 ? sc->u[i - 1] : ' ';
	/* an opening mark follows a space, a line start or a bracket;
	 * after a word or punctuation "“" closes a quote („...,“ says) */
	if (!(prev == ' ' || prev == '\n' || prev == '\t' || prev == '(' ||
	      prev == '['))
		return 0;
	return batch_add(sc->b, j, k, "", 0, "spacing.inside_quotes");
}

/* Words that end in '.' without ending a sentence. */
static const char *const abbreviations[] = {
	"Co", "Corp", "Inc", "Ltd", "Bros", "Jr", "Sr", "Dr", "Mr", "Mrs", "Ms",
	"St", "Mt", "Gen", "Col", "Lt", "Sgt", "Capt", "Gov", "Sen", "Rep",
	"Rev", "Prof", "Ave", "Dept", "Univ", "Assn", "No", "Vol", "Fig", "Jan",
	"Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov",
	"Dec", "Plc", "Cie", "Messrs", "Mme", "Mlle", "Hon", "Est", "etc",
	"vs", "approx", "Ft", "Adm", "Cmdr", "Supt", "Pres", "Amb", NULL};

/* Kind of sentence boundary before the space at i, if any. */
static bool sentence_before(const struct scan *sc, size_t i,
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
	} else if (p >= 3 && (at(sc, p - 3, "\xE2\x80\x9D") ||
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
	*prev_lower_word = (p - 1) - ws >= 2 && is_lower(sc->u[p - 2]) &&
	                   !in_list(sc->s + ws, (p - 1) - ws, abbreviations);
	return true;
}

static int on_space(struct scan *sc, size_t i)
{
	int r = 0;
	if (i == 0)
		return 0;
	unsigned char prev = sc->u[i - 1], next = byte(sc, i + 1);
	if (sc->o->fragments && is_lower(prev) && is_lower(next) &&
	    (r = rule_repeat(sc, i)))
		return r;
	if (sc->o->spacing && prev != ' ') {
		/* next is the punctuation or the first of more spaces */
		if ((next == ',' || next == ';' || next == ':' || next == '!' ||
		     next == '?' || next == '.' || next == ' ') &&
		    (r = rule_space_before_punct(sc, i)))
			return r;
		if (next == 0xE2 && (r = rule_space_in_quotes_close(sc, i)))
			return r;
	}
	if (!sc->o->fragments)
		return 0;
	if (!(prev == '.' || prev == '!' || prev == '?' || prev == '"' ||
	      prev == 0x9D || prev == 0x99))
		return 0;       /* a space inside a sentence */
	enum prev_kind pk;
	bool plw = false;
	if (sentence_before(sc, i, &pk, &plw))
		r = rule_sentence_start(sc, i + 1, pk, plw, false);
	return r;
}

/* A line start is a sentence start after a blank line or a line that
 * ends a sentence; in hard-wrapped text (Reuters) most lines continue the
 * sentence of the line before and are left alone. */
static int on_line_start(struct scan *sc, size_t st)
{
	size_t p = st - 1;      /* the '\n' */
	while (p > 0 && (sc->u[p - 1] == ' ' || sc->u[p - 1] == '\r' ||
	                 sc->u[p - 1] == '\t'))
		p--;
	if (p == 0 || sc->u[p - 1] == '\n')
		return rule_sentence_start(sc, st, PREV_LINE, true, true);
	enum prev_kind pk;
	bool plw = false;
	if (!sentence_before(sc, p, &pk, &plw))
		return 0;
	return rule_sentence_start(sc, st, pk, plw, true);
}

/* ---------------------------------------------------------------------
 * at '.', ',', ';', '?'
 * ------------------------------------------------------------------ */

/* Words after a dot that belong to a site or domain name
 * ("Kostroma.Today", "NHL.Com", "Gazeta.Ru"). */
static const char *const domain_words[] = {
	"Com", "Net", "Org", "Ru", "Ua", "Kz", "Uz", "De", "Uk", "Fr", "Jp",
	"Cn", "Io", "Tv", "Info", "Today", "News", "Online", "Biz", "Eu", "Co",
	"Fm", "Ly", "Gov", "Edu", "Au", "Az", "Ge", "Md", "Lv", "Lt", "Ee",
	"Pl", "Cz", "Ch", "Es", "Se", "Fi", "Dk", "Nl", "Tr", "Il", "Ir", "Kg",
	"Tj", "Tm", "Ai", "App", "Dev", "Media", "Live", "Club", NULL};
/* (not "It", "In", "At", "No", "Me", "Be", "Us", "Am", "By": they start
 * sentences far more often than they end domain names) */

/* "end.The" -> "end. The" */
static int rule_after_stop(struct scan *sc, size_t i)
{
	if (i < 2 || !is_alpha(sc->u[i - 1]) || !is_alpha(sc->u[i - 2]))
		return 0;
	if (!is_upper(byte(sc, i + 1)) || !is_lower(byte(sc, i + 2)))
		return 0;
	/* the token before: no dot, slash, '@' or ':' (abbreviations, URLs,
	 * e-mail addresses) */
	size_t ts = i;
	while (ts > 0 && sc->u[ts - 1] != ' ' && sc->u[ts - 1] != '\n' &&
	       sc->u[ts - 1] != '\t')
		ts--;
	for (size_t k = ts; k < i; k++) {
		unsigned char c = sc->u[k];
		if (c == '.' || c == '/' || c == '@' || c == ':' || c == '_' ||
		    c == '=' || c == '&' || c == '#' || c == '<')
			return 0;
	}
	if (i - ts >= 3 && ascii_ieq(sc->s + ts, 3, "www"))
		return 0;
	size_t we = letters_end(sc, i + 1);
	unsigned char a = byte(sc, we);
	if (a == '.' || a == '/' || a == '@' || a == '_' || a == '-' ||
	    a == ':' || is_digit(a) || a >= 0x80)
		return 0;
	if (in_list(sc->s + i + 1, we - i - 1, domain_words))
		return 0;
	return batch_add(sc->b, i + 1, i + 1, " ", 1, "spacing.after_period");
}

/* ". ." -> "."; ",," -> ","; ";;" -> ";" */
static int rule_double_punct(struct scan *sc, size_t i)
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

/* ---------------------------------------------------------------------
 * source names glued to the next name: "Reutersal-Sudani"
 * ------------------------------------------------------------------ */

/* A source name ending at @e that starts a word. */
static bool source_ends_at(const struct scan *sc, size_t e,
                           const char *const *list)
{
	for (; *list; list++) {
		size_t n = strlen(*list);
		if (e < n || memcmp(sc->s + e - n, *list, n) != 0)
			continue;
		if (e == n || !is_alnum(sc->u[e - n - 1]))
			return true;
	}
	return false;
}

/* at '-': "Reutersal-Sudani" -> "Reuters al-Sudani" */
static int rule_source_particle(struct scan *sc, size_t i)
{
	if (i < 3)
		return 0;
	const char *p = sc->s + i - 2;
	if (!(memcmp(p, "al", 2) == 0 || memcmp(p, "Al", 2) == 0 ||
	      memcmp(p, "el", 2) == 0 || memcmp(p, "El", 2) == 0))
		return 0;
	if (!is_alpha(byte(sc, i + 1)))
		return 0;
	if (!source_ends_at(sc, i - 2, sources_any))
		return 0;
	return batch_add(sc->b, i - 2, i - 2, " ", 1, "spacing.source_name");
}

/* "ReutersThe" -> "Reuters The": every "Reuters" that starts a word and
 * is followed by a capital and a lower-case letter. */
static int rule_source_camel(struct scan *sc)
{
	for (const char *const *name = sources_title; *name; name++) {
		size_t n = strlen(*name);
		size_t from = 0;
		const char *hit;
		while (from < sc->len &&
		       (hit = memmem(sc->s + from, sc->len - from, *name, n))) {
			size_t e = (size_t)(hit - sc->s) + n;
			from = e;
			if (is_upper(byte(sc, e)) && is_lower(byte(sc, e + 1)) &&
			    source_ends_at(sc, e, sources_title)) {
				int r = batch_add(sc->b, e, e, " ", 1,
				                  "spacing.source_name");
				if (r)
					return r;
			}
		}
	}
	return 0;
}

/* --------------------------------------------------------------------- */

int pass_words(const struct cleaner_opts *o, struct batch *b)
{
	if (!o->masks && !o->masks_markup && !o->fragments && !o->spacing)
		return 0;
	struct scan sc = {.o = o, .b = b};
	sc.s = dp_doc_text(b->doc, &sc.len);
	sc.u = (const unsigned char *)sc.s;
	/* a text with no capital letter near its start was lowercased
	 * whole: case tells nothing about sentence starts there */
	sc.lowercased = true;
	for (size_t k = 0; k < sc.len && k < 4096; k++) {
		if (is_upper(sc.u[k])) {
			sc.lowercased = false;
			break;
		}
	}
	int r = 0;
	if (o->fragments)
		r = rule_sentence_start(&sc, 0, PREV_LINE, true, true);
	if (!r && o->spacing)
		r = rule_source_camel(&sc);
	size_t i = 0;
	while (!r && i < sc.len) {
		unsigned t;
		while (i < sc.len && !(t = trigger[sc.u[i]]))
			i++;
		if (i >= sc.len)
			break;
		size_t next = i + 1;
		switch (t) {
		case T_SPACE:
			r = on_space(&sc, i);
			break;
		case T_NL:
			if (o->fragments)
				r = on_line_start(&sc, i + 1);
			break;
		case T_DOT:
		case T_QUEST:
			if (o->spacing)
				r = rule_after_stop(&sc, i);
			if (!r && t == T_DOT && o->fragments)
				r = rule_double_punct(&sc, i);
			break;
		case T_COMMA:
		case T_SEMI:
			if (o->fragments)
				r = rule_double_punct(&sc, i);
			break;
		case T_STAR:
			r = rule_stars(&sc, i, &next);
			break;
		case T_DASH:
			if (o->spacing)
				r = rule_source_particle(&sc, i);
			break;
		case T_E2:
			if (o->spacing && at(&sc, i, "\xE2\x80\x9C"))
				r = rule_space_in_quotes_open(&sc, i);
			next = i + 3 <= sc.len ? i + 3 : sc.len;
			break;
		default:
			break;
		}
		i = next;
	}
	return r ? r : b->err;
}
