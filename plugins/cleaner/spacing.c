/*
 * spacing.c - missing and stray spaces: after sentence punctuation
 * ("end.The"), between an agency name and a name ("Reutersal-Sudani"),
 * before punctuation (" ,") and inside curly quotes ("“ The").
 */
#include "words.h"

/* " ," -> ","; "word ,next" -> "word, next"; " ." at a line end -> "." */
int rule_space_before_punct(struct scan *sc, size_t i)
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
int rule_space_in_quotes_close(struct scan *sc, size_t i)
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

int rule_space_in_quotes_open(struct scan *sc, size_t i)
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
int rule_after_stop(struct scan *sc, size_t i)
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
int rule_source_particle(struct scan *sc, size_t i)
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

/* "ReutersThe" -> "Reuters The": at @e, a capital between two lower-case
 * letters (the word scan finds these), "Reuters" that starts a word ends
 * there. */
int rule_source_camel_at(struct scan *sc, size_t e)
{
	if (!source_ends_at(sc, e, sources_title))
		return 0;
	return batch_add(sc->b, e, e, " ", 1, "spacing.source_name");
}
