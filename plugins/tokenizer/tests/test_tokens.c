/*
 * test_tokens.c - the news-mode token rules through the docproc harness,
 * one test per rule, with the seeds' own hard spots.
 */
#include <ctype.h>

#include "tk_test.h"

/* ---- tokens ---------------------------------------------------------- */

static void test_abbreviations(void **unused)
{
	struct dp_harness *h = harness(NULL);

	(void)unused;
	check_tokens(h, "Mr. Ryder met Dr. Smith, Gen. Lt. Col. Maj. Adams.",
	             "Mr. Ryder met Dr. Smith , Gen. Lt. Col. Maj. Adams .");
	check_tokens(h, "U.S. forces and U.N. staff left at 5 a.m. or 6 p.m.",
	             "U.S. forces and U.N. staff left at 5 a.m. or 6 p.m.");
	check_tokens(h, "e.g. this, i.e. that; Acme Inc. and Foo Corp. on Jan. 5",
	             "e.g. this , i.e. that ; Acme Inc. and Foo Corp. on Jan. 5");
	check_tokens(h, "J. R. R. Tolkien and George W. Bush",
	             "J. R. R. Tolkien and George W. Bush");
	check_tokens(h, "the U.S.-led coalition and the U.S.'s role",
	             "the U.S.-led coalition and the U.S. 's role");
	check_tokens(h, "Gov. Andrew Cuomo, D-N.Y., spoke",
	             "Gov. Andrew Cuomo , D-N.Y. , spoke");
	/* an ordinary word keeps no period; an ellipsis is never eaten */
	check_tokens(h, "It ended. Mr... no", "It ended . Mr ... no");
	check_tokens(h, "end.The next", "end . The next");
	/* Reuters instrument codes */
	check_tokens(h, "shares of IBM.N and (VOD.L) rose",
	             "shares of IBM.N and ( VOD.L ) rose");
	dp_harness_free(h);
}

static void test_extra_abbreviations(void **unused)
{
	struct dp_harness *h = harness("{abbreviations: [Pte., Cdr, pte, PTE., "
	                               "Inc]}");

	(void)unused;
	check_tokens(h, "Pte. Ryan met Cdr. Data.",
	             "Pte. Ryan met Cdr. Data .");
	/* repeated entries are one; a built-in keeps its own behaviour */
	check_sentences(h, "It is Acme Inc. Board members met. Pte. Ryan came.",
	                "It is Acme Inc. | Board members met. | Pte. Ryan came.");
	dp_harness_free(h);
	h = harness(NULL);
	check_tokens(h, "Pte. Ryan", "Pte . Ryan");
	dp_harness_free(h);
}

/* The lookup behind the bloom filter walks the entries of one hash
 * value: "eau" and "khu" share "gen"'s (FNV-1a folded to 11 bits, see
 * abbr_bloom_hash()), so they pass the filter and must still be told
 * apart; entries match in any case; words of 63 bytes and more share
 * one length bit and are told apart by their length. */
static void test_abbreviation_lookup(void **unused)
{
	char a63[80], opts[200], text[300], expected[300];
	struct dp_harness *h = harness(NULL);

	(void)unused;
	check_tokens(h, "GEN. Ab gEn. Cd Eau. Ef khu. Gh",
	             "GEN. Ab gEn. Cd Eau . Ef khu . Gh");
	check_tokens(h, "Messrs. A mESSRS. B GmbH. C Gmbh. D Messr. E",
	             "Messrs. A mESSRS. B GmbH. C Gmbh. D Messr . E");
	dp_harness_free(h);
	/* the longest entry the options take: 63 letters and the period */
	memset(a63, 'a', 63);
	a63[63] = '\0';
	snprintf(opts, sizeof opts, "{abbreviations: [Eau., %s.]}", a63);
	h = harness(opts);
	check_tokens(h, "Gen. Ab EAU. Cd Khu. Ef", "Gen. Ab EAU. Cd Khu . Ef");
	a63[0] = 'A';
	snprintf(text, sizeof text, "x %s. y %.62s. z %sa. w", a63, a63, a63);
	snprintf(expected, sizeof expected, "x %s. y %.62s . z %sa . w", a63,
	         a63, a63);
	check_tokens(h, text, expected);
	dp_harness_free(h);
}

/* Two single letters with periods before a space, a line feed or a
 * comma take a short path (news.c, short_acronym()); every other shape
 * goes through the full word scanner. Both must give the same tokens and
 * abbreviation classes: plain (U.S., unlisted X.Y.) ends a sentence only
 * before a sentence starter, terminal (p.m.) before any capital. */
static void test_short_acronyms(void **unused)
{
	struct dp_harness *h = harness(NULL);

	(void)unused;
	check_kinds(h, "U.S. and U.K.\nofficials, N.Y., a.m. u.S. Q.X.",
	            "U.S./word and/word U.K./word officials/word ,/punct "
	            "N.Y./word ,/punct a.m./word u.S./word Q.X./word");
	check_tokens(h, "U.S.A. U.S.-led U.S.'s U.S.1 U.S.x U.S.) U.S.. A.BC. U.S.",
	             "U.S.A. U.S.-led U.S. 's U.S. 1 U.S. x U.S. ) U.S .. "
	             "A.BC. U.S.");
	check_tokens(h, "1.5. x", "1.5 . x");
	check_sentences(h, "They met in the U.S. The talks went on.",
	                "They met in the U.S. | The talks went on.");
	check_sentences(h, "It was 5 p.m. Reuters said so.",
	                "It was 5 p.m. | Reuters said so.");
	check_sentences(h, "It was 5 p.m., Reuters said.",
	                "It was 5 p.m., Reuters said.");
	check_sentences(h, "They met Q.X. Board members.",
	                "They met Q.X. Board members.");
	check_sentences(h, "Gen. Smith spoke.\n\nU.S. forces left.",
	                "Gen. Smith spoke. | U.S. forces left.");
	dp_harness_free(h);
}

/* A word before a period and a comma: an abbreviation keeps the period
 * (plain_word() now decides this case, as scan_word() did), any other
 * word does not; initials, "No.", digits and numbers as before. */
static void test_period_before_comma(void **unused)
{
	struct dp_harness *h = harness(NULL);

	(void)unused;
	check_kinds(h, "Calif., barrel., J., No., ab1., 1986., Inc.,\" x",
	            "Calif./word ,/punct barrel/word ./punct ,/punct "
	            "J./word ,/punct No/word ./punct ,/punct ab1/word "
	            "./punct ,/punct 1986/number ./punct ,/punct "
	            "Inc./word ,/punct \"/quote x/word");
	check_sentences(h, "He went to Sacramento, Calif., and Reno., Nev. "
	                "Then home., Mr. X.",
	                "He went to Sacramento, Calif., and Reno., Nev. | "
	                "Then home., Mr. X.");
	dp_harness_free(h);
}

/* A period before any ASCII byte but a period or a digit is a token of
 * its own (the fast loop now emits it); runs of periods and .5 are not. */
static void test_lone_periods(void **unused)
{
	struct dp_harness *h = harness(NULL);

	(void)unused;
	check_kinds(h, "He left.\" It ended., she said.) (As.5 ok.. yes.!x.",
	            "He/word left/word ./punct \"/quote It/word ended/word "
	            "./punct ,/punct she/word said/word ./punct )/punct "
	            "(/punct As/word ./punct 5/number ok/word ../punct yes/word "
	            "./punct !/punct x/word ./punct");
	check_sentences(h, "He left.\" She came. \"Why.\" It ended.",
	                "He left.\" | She came. | \"Why.\" | It ended.");
	check_kinds(h, ".\" .\xCC\x81 x ($.5)",
	            "./punct \"/quote .\xCC\x81/punct x/word (/punct "
	            "$/symbol .5/number )/punct");
	dp_harness_free(h);
}

/* A colon after letters ends the word unless a URL scheme may follow
 * (plain_word() now takes it unless a slash comes next). */
static void test_colons(void **unused)
{
	struct dp_harness *h = harness(NULL);

	(void)unused;
	check_tokens(h, "NOTE: x said:\nhttp: ftp:x www:y a1:b A:/x 10:30 "
	             "Http://a.com/b end:",
	             "NOTE : x said : http : ftp : x www : y a1 : b A : / x "
	             "10:30 Http://a.com/b end :");
	dp_harness_free(h);
}

/* A number before a comma that no letter or digit follows ends there in
 * the fast loop (news.c, fast_run()); a comma before digits may join
 * them (2,500) and one before letters may start a URL: the full rules. */
static void test_numbers_before_commas(void **unused)
{
	struct dp_harness *h = harness(NULL);

	(void)unused;
	check_kinds(h, "in 1986, the 2,500, 13.5,\n3-1,\"x\" 10:30,) 7,",
	            "in/word 1986/number ,/punct the/word 2,500/number "
	            ",/punct 13.5/number ,/punct 3-1/number ,/punct "
	            "\"/quote x/word \"/quote 10:30/number ,/punct )/punct "
	            "7/number ,/punct");
	check_kinds(h, "1986,5 1,500,000, 12,34 5,abc 9,\xE2\x80\x9Cq\xE2\x80\x9D",
	            "1986/number ,/punct 5/number 1,500,000/number ,/punct "
	            "12/number ,/punct 34/number 5/number ,/punct abc/word "
	            "9/number ,/punct \xE2\x80\x9C/quote q/word "
	            "\xE2\x80\x9D/quote");
	dp_harness_free(h);
}

/* Every built-in abbreviation keeps its period, written in lowercase,
 * with a capital and in capitals: the filters in front of the lookup
 * (length, first two bytes, bloom hash; tokenize.h) must let each one
 * through in any case; so must a user entry that starts in UTF-8. */
static void test_abbreviation_filters(void **unused)
{
	static const char *const builtin[] = {
		"mr", "mrs", "ms", "messrs", "dr", "prof", "gen", "lt", "col", "maj",
		"capt", "cpt", "sgt", "cpl", "pvt", "adm", "cmdr", "brig", "gov",
		"sen", "rep", "reps", "rev", "hon", "pres", "amb", "atty", "supt",
		"insp", "det", "st", "mt", "ft", "e.g", "i.e", "cf", "vs", "viz",
		"approx", "ca", "fig", "figs", "vol", "vols", "pp", "p", "sq", "cu",
		"cub", "ed", "eds", "nos", "jan", "feb", "mar", "apr", "jun", "jul",
		"aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues",
		"thu", "thur", "thurs", "fri", "u.s", "u.n", "u.k", "e.u", "ph.d",
		"d.c", "dept", "univ", "assn", "ave", "blvd", "rd", "est", "govt",
		"intl", "natl", "al", "ala", "ariz", "ark", "calif", "colo", "conn",
		"del", "fla", "ga", "kan", "kans", "ky", "md", "mich", "minn",
		"mont", "neb", "nev", "okla", "penn", "tenn", "tex", "wis", "wyo",
		"etc", "inc", "corp", "ltd", "co", "llc", "plc", "bros", "jr", "sr",
		"esq", "a.m", "p.m", "ehf", "hf", "gmbh",
	};
	struct dp_harness *h = harness(NULL);

	(void)unused;
	for (size_t i = 0; i < sizeof builtin / sizeof *builtin; i++) {
		char word[16], text[64];

		for (int form = 0; form < 3; form++) {
			size_t n = strlen(builtin[i]);

			for (size_t k = 0; k <= n; k++)
				word[k] = form == 2 || (form == 1 && k == 0)
				          ? (char)toupper((unsigned char)builtin[i][k])
				          : builtin[i][k];
			snprintf(text, sizeof text, "see %s. xyz", word);
			check_tokens(h, text, text);
		}
	}
	dp_harness_free(h);
	h = harness("{abbreviations: [\xC3\x89" "co., Zq.]}");
	check_tokens(h, "b \xC3\x89" "co. c ZQ. d zq. e Zqa. f",
	             "b \xC3\x89" "co. c ZQ. d zq. e Zqa . f");
	dp_harness_free(h);
}

static void test_numbers(void **unused)
{
	struct dp_harness *h = harness(NULL);

	(void)unused;
	check_kinds(h, "2,500 5,200 13.5 1987 3-1 21st 9/11 1,000.50 10:30 1980s",
	            "2,500/number 5,200/number 13.5/number 1987/number "
	            "3-1/number 21st/number 9/11/number 1,000.50/number "
	            "10:30/number 1980s/number");
	check_kinds(h, "$7.5 €3 13.5% £20",
	            "$/symbol 7.5/number €/symbol 3/number 13.5/number "
	            "%/symbol £/symbol 20/number");
	/* a sentence-final period is not a decimal point; 1,2 is no number */
	check_kinds(h, "in 2003. 1,2",
	            "in/word 2003/number ./punct 1/number ,/punct 2/number");
	check_kinds(h, "F-16 G7 10km", "F-16/word G7/word 10km/word");
	check_kinds(h, "a .5 rise in the '90s, No.1 and No. 2 (p. 5)",
	            "a/word .5/number rise/word in/word the/word '90s/number "
	            ",/punct No./word 1/number and/word No./word 2/number "
	            "(/punct p./word 5/number )/punct");
	dp_harness_free(h);
}

static void test_compounds_and_dashes(void **unused)
{
	struct dp_harness *h = harness(NULL);

	(void)unused;
	check_tokens(h, "Al-Sudani US-led al-Nuiiaba self-defense D-ISIS "
	             "Abdul-Mahdi 20-year-old",
	             "Al-Sudani US-led al-Nuiiaba self-defense D-ISIS "
	             "Abdul-Mahdi 20-year-old");
	check_kinds(h, "war — peace – truce -- calm--storm - end",
	            "war/word —/punct peace/word –/punct truce/word --/punct "
	            "calm/word --/punct storm/word -/punct end/word");
	check_kinds(h, "well\xE2\x80\x90known", "well\xE2\x80\x90known/word");
	dp_harness_free(h);
}

static void test_clitics(void **unused)
{
	struct dp_harness *h = harness(NULL);

	(void)unused;
	check_tokens(h, "Iraq's troops' rights: don't, can't, Let's, we're, "
	             "they've, I'll, he'd, I'm",
	             "Iraq 's troops ' rights : do n't , ca n't , Let 's , "
	             "we 're , they 've , I 'll , he 'd , I 'm");
	check_tokens(h, "Iraq’s troops’ rights don’t Let’s",
	             "Iraq ’s troops ’ rights do n’t Let ’s");
	check_tokens(h, "O'Brien rock'n'roll Qur'an",
	             "O'Brien rock'n'roll Qur'an");
	/* an elided century does not open a quotation */
	check_kinds(h, "the ’90s and Jones’ car",
	            "the/word ’90s/number and/word Jones/word ’/word car/word");
	check_kinds(h, "Iraq's troops' don't",
	            "Iraq/word 's/word troops/word '/word do/word n't/word");
	dp_harness_free(h);
	h = harness("{split_clitics: false}");
	check_tokens(h, "Iraq's troops' don't Let’s",
	             "Iraq's troops ' don't Let’s");
	dp_harness_free(h);
}

/* Every top-level domain of web.c's list makes a two-label domain a URL;
 * the same letters in other case, one letter short or long do not
 * (web_match_domain() compares lengths and first bytes before the
 * bytes). */
static void test_web_tlds(void **unused)
{
	static const char *const tlds[] = {
		"com", "org", "net", "gov", "edu", "mil", "int", "io", "info",
		"biz", "news", "eu", "uk", "de", "fr", "ru", "cn", "ir", "iq",
		"tv", "ca", "au", "jp", "il", "tr", "sy", "ly", "ee", "lv", "lt",
		"ua", "kz", "pl", "cz", "sk", "hu", "ro", "bg", "gr", "es", "pt",
		"nl", "se", "fi", "dk", "ch", "kr", "tw", "hk", "sg", "br", "ar",
		"mx", "za", "ng", "ke", "eg", "sa", "ae", "qa", "pk", "af", "ph",
		"vn", "th", "nz", "ie", "ge", "az", "uz", "kg", "tj", "rs", "hr",
		"si", "ba", "mk", "al", "md", "rf",
	};
	struct dp_harness *h = harness(NULL);

	(void)unused;
	for (size_t t = 0; t < sizeof tlds / sizeof *tlds; t++) {
		char text[64], expected[64];

		snprintf(text, sizeof text, "at site.%s now", tlds[t]);
		snprintf(expected, sizeof expected, "at site.%s now", tlds[t]);
		check_tokens(h, text, expected);
	}
	check_tokens(h, "at site.Com site.co site.comx site.c site.infos now",
	             "at site . Com site . co site . comx site . c site . "
	             "infos now");
	dp_harness_free(h);
}

static void test_web(void **unused)
{
	struct dp_harness *h = harness(NULL);

	(void)unused;
	check_kinds(h, "See https://example.com/a?b=c&d=1). Or www.un.org/en, "
	            "reuters.com.",
	            "See/word https://example.com/a?b=c&d=1/url )/punct "
	            "./punct Or/word www.un.org/en/url ,/punct "
	            "reuters.com/url ./punct");
	check_kinds(h, "Mail john.smith@example.co.uk, or (http://x.org/a_(b)).",
	            "Mail/word john.smith@example.co.uk/email ,/punct or/word "
	            "(/punct http://x.org/a_(b)/url )/punct ./punct");
	check_kinds(h, "As rus.err.ee and postimees.ee wrote. It ended.it was",
	            "As/word rus.err.ee/url and/word postimees.ee/url wrote/word "
	            "./punct It/word ended/word ./punct it/word was/word");
	check_kinds(h, "#Iraq and @user_1 said #1 a@b",
	            "#Iraq/hashtag and/word @user_1/mention said/word #/symbol "
	            "1/number a/word @/symbol b/word");
	dp_harness_free(h);
}

static void test_ellipsis_and_quotes(void **unused)
{
	struct dp_harness *h = harness(NULL);

	(void)unused;
	check_kinds(h, "wait... and… then",
	            "wait/word .../punct and/word …/punct then/word");
	check_kinds(h, "\"a\" “b” ‘c’ ``d'' «e» „f“ ‹g›",
	            "\"/quote a/word \"/quote “/quote b/word ”/quote ‘/quote "
	            "c/word ’/quote ``/quote d/word ''/quote «/quote e/word "
	            "»/quote „/quote f/word “/quote ‹/quote g/word ›/quote");
	check_kinds(h, "Really?! Yes!!!", "Really/word ?!/punct Yes/word "
	            "!!!/punct");
	dp_harness_free(h);
}

static void test_unicode(void **unused)
{
	struct dp_harness *h = harness(NULL);

	(void)unused;
	/* emoji: skin tone, ZWJ family, flag, keycap, text-style symbol */
	check_kinds(h, "ok 👍🏽 👨‍👩‍👧 🇮🇶🇺🇸 1️⃣ © ❤️",
	            "ok/word 👍🏽/emoji 👨‍👩‍👧/emoji 🇮🇶/emoji 🇺🇸/emoji "
	            "1️⃣/emoji ©/symbol ❤️/emoji");
	/* combining marks stay with their letter, even first in a token */
	check_tokens(h, "cafe\xCC\x81 \xCC\x81x na\xCC\x8Aive",
	             "cafe\xCC\x81 \xCC\x81x na\xCC\x8Aive");
	/* scripts: Cyrillic words, Korean words, one token per Han run and
	 * per kana run; a script change ends a run */
	check_tokens(h, "Русский язык, 한국어 문장. 日本語です。中文字符",
	             "Русский язык , 한국어 문장 . 日本語 です 。 中文字符");
	check_tokens(h, "한어Русский", "한어 Русский");
	/* no-break and ideographic spaces are white space */
	check_tokens(h, "a\xC2\xA0" "b\xE3\x80\x80" "c\xE2\x80\x8B" "d",
	             "a b c d");
	dp_harness_free(h);
}

/* The seeds' hard spots, in the seed texts themselves. */
static void test_seed_hard_spots(void **unused)
{
	struct dp_harness *h = harness(NULL);
	char *t3 = read_file(seeds[3], NULL), *t0, *t1, *t2;
	long i;

	(void)unused;
	run(h, t3);
	assert_true(dp_harness_find(h, "tokens", "Reutersal-Sudani", 0) >= 0);
	assert_true(dp_harness_find(h, "tokens", "U.S.-led", 0) >= 0);
	i = dp_harness_find(h, "tokens", "D-ISIS", 0);
	assert_true(i >= 0);
	assert_string_equal(dp_harness_attr(h, "tokens", (size_t)i, "kind"),
	                    "word");
	free(t3);

	t1 = read_file(seeds[1], NULL);
	run(h, t1);
	i = dp_harness_find(h, "tokens", "IS", 0);
	assert_true(i > 0);
	assert_string_equal(dp_harness_span_text(h, "tokens", (size_t)i - 1),
	                    "(");
	assert_string_equal(dp_harness_span_text(h, "tokens", (size_t)i + 1),
	                    ")");
	i = dp_harness_find(h, "tokens", "2,500", 0);
	assert_true(i >= 0);
	assert_string_equal(dp_harness_attr(h, "tokens", (size_t)i, "kind"),
	                    "number");
	assert_string_equal(dp_harness_span_text(h, "tokens", (size_t)i + 1),
	                    "troops");
	i = dp_harness_find(h, "tokens", "Kanaani", 1);
	assert_true(i > 0);
	assert_string_equal(dp_harness_span_text(h, "tokens", (size_t)i - 1),
	                    "Mr.");
	assert_string_equal(dp_harness_span_text(h, "tokens", (size_t)i + 2),
	                    ":");
	assert_string_equal(dp_harness_span_text(h, "tokens", (size_t)i + 3),
	                    "\"");
	assert_string_equal(dp_harness_attr(h, "tokens", (size_t)i + 3, "kind"),
	                    "quote");
	assert_string_equal(dp_harness_span_text(h, "tokens", (size_t)i + 4),
	                    "The");
	i = dp_harness_find(h, "tokens", "...", 0);
	assert_true(i > 0);
	assert_string_equal(dp_harness_span_text(h, "tokens", (size_t)i - 1),
	                    "position");
	free(t1);

	t2 = read_file(seeds[2], NULL);
	run(h, t2);
	i = dp_harness_find(h, "tokens", "appropriate", 0);
	assert_true(i > 0);
	assert_string_equal(dp_harness_span_text(h, "tokens", (size_t)i - 1),
	                    "‘");
	assert_string_equal(dp_harness_span_text(h, "tokens", (size_t)i + 1),
	                    "’");
	assert_string_equal(dp_harness_attr(h, "tokens", (size_t)i + 1, "kind"),
	                    "quote");
	assert_true(dp_harness_find(h, "tokens", "Abdul-Mahdi", 0) >= 0);
	assert_true(dp_harness_find(h, "tokens", "5,200", 0) >= 0);
	assert_true(dp_harness_find(h, "tokens", "’s", 0) >= 0);
	free(t2);

	t0 = read_file(seeds[0], NULL);
	run(h, t0);
	i = dp_harness_find(h, "tokens", "**", 0);
	assert_true(i > 0);
	assert_string_equal(dp_harness_span_text(h, "tokens", (size_t)i - 1),
	                    "Iraq");
	assert_string_equal(dp_harness_attr(h, "tokens", (size_t)i, "kind"),
	                    "symbol");
	assert_true(dp_harness_find(h, "tokens", "U.S.", 0) >= 0);
	free(t0);
	dp_harness_free(h);
}

/* ---- the fast path (fast_run() in news.c) ------------------------------ */

/* @text after @pad spaces, in a buffer of its own. Caller frees. */
static char *padded(size_t pad, const char *text)
{
	size_t n = strlen(text);
	char *t = malloc(pad + n + 1);

	assert_non_null(t);
	memset(t, ' ', pad);
	memcpy(t + pad, text, n + 1);
	return t;
}

/* The tokens, kinds and sentences of the fast path's common cases do not
 * depend on where the text falls in the 64-byte blocks of its bitmap. */
static void test_fast_path_alignment(void **unused)
{
	static const char text[] =
		"Shares of Al-Sudani rose 2,500 to 13.5 pct, 3-1 and 10:30 or "
		"9/11 (said) \"quoted\" said. <AMEX> - x! y? $5 a & b\n"
		"Next line here\n\nNew para ends";
	static const char kinds[] =
		"Shares/word of/word Al-Sudani/word rose/word 2,500/number "
		"to/word 13.5/number pct/word ,/punct 3-1/number and/word "
		"10:30/number or/word 9/11/number (/punct said/word )/punct "
		"\"/quote quoted/word \"/quote said/word ./punct </symbol "
		"AMEX/word >/symbol -/punct x/word !/punct y/word ?/punct "
		"$/symbol 5/number a/word &/symbol b/word Next/word line/word "
		"here/word New/word para/word ends/word";
	static const char sentences[] =
		"Shares of Al-Sudani rose 2,500 to 13.5 pct, 3-1 and 10:30 or "
		"9/11 (said) \"quoted\" said. | <AMEX> - x! y? | $5 a & b | "
		"Next line here | New para ends";
	struct dp_harness *h = harness(NULL);

	(void)unused;
	for (size_t pad = 0; pad < 130; pad++) {
		char *t = padded(pad, text);

		check_kinds(h, t, kinds);
		check_sentences(h, t, sentences);
		free(t);
	}
	dp_harness_free(h);
}

/* Runs of letters longer than a block, ending at a block edge or at the
 * end of the text, before a combining mark, a hyphen or a clitic. */
static void test_fast_path_long_runs(void **unused)
{
	static const size_t lens[] = { 1, 2, 63, 64, 65, 127, 128, 200 };
	static const size_t pads[] = { 0, 1, 62, 63, 64, 65 };
	static const struct { const char *tail, *expected; } tails[] = {
		{ "", "" }, { ".", " ." }, { " x", " x" },
		{ "\xCC\x81", "\xCC\x81" }, { "-b", "-b" }, { "'s", " 's" },
		{ ",", " ," }, { "\n", "" }, { "1,000", "1 , 000" },
	};
	struct dp_harness *h = harness(NULL);

	(void)unused;
	for (size_t l = 0; l < sizeof lens / sizeof *lens; l++)
		for (size_t p = 0; p < sizeof pads / sizeof *pads; p++)
			for (size_t k = 0; k < sizeof tails / sizeof *tails; k++) {
				size_t n = lens[l];
				char *word = malloc(n + 16), *text, *exp;

				assert_non_null(word);
				memset(word, 'q', n);
				strcpy(word + n, tails[k].tail);
				text = padded(pads[p], word);
				exp = malloc(n + 16);
				assert_non_null(exp);
				memset(exp, 'q', n);
				strcpy(exp + n, tails[k].expected);
				check_tokens(h, text, exp);
				free(word);
				free(text);
				free(exp);
			}
	dp_harness_free(h);
}

/* Numbers, compounds and marks at the end of the text and in the rules
 * around them, as scan_word() and scan_punct() decide them. */
static void test_fast_path_edges(void **unused)
{
	struct dp_harness *h = harness(NULL);

	(void)unused;
	check_kinds(h, "with-5/8 pct F-16, 1,000.50 1,2345 12,34 1000,000 15, "
	            "1.5.6 3.14. 1987.",
	            "with-5/8/word pct/word F-16/word ,/punct 1,000.50/number "
	            "1/number ,/punct 2345/number 12/number ,/punct 34/number "
	            "1000/number ,/punct 000/number 15/number ,/punct "
	            "1.5.6/number 3.14/number ./punct 1987/number ./punct");
	check_kinds(h, "x-y-z a--b c- d -e 20-year-old 1980s-era 3-x with-5 "
	            "F-16.",
	            "x-y-z/word a/word --/punct b/word c/word -/punct d/word "
	            "-/punct e/word 20-year-old/word 1980s-era/word 3-x/word "
	            "with-5/word F-16/word ./punct");
	check_kinds(h, "word", "word/word");
	check_kinds(h, "2,500", "2,500/number");
	check_kinds(h, "13.", "13/number ./punct");
	check_kinds(h, "a-b", "a-b/word");
	check_kinds(h, "x \"", "x/word \"/quote");
	check_kinds(h, "x -", "x/word -/punct");
	check_kinds(h, "x !", "x/word !/punct");
	check_kinds(h, "x !?", "x/word !?/punct");
	check_kinds(h, "x <<", "x/word <</symbol");
	check_kinds(h, "naïve café x’s", "naïve/word café/word x/word ’s/word");
	check_tokens(h, "Iraq's don't O'Brien they're we've I'll I'd I'm x's "
	             "rock'n'roll CAN'T won't abc'defg ab'x, q'1 Iraq's.",
	             "Iraq 's do n't O'Brien they 're we 've I 'll I 'd I 'm "
	             "x 's rock'n'roll CA N'T wo n't abc'defg ab'x , q ' 1 "
	             "Iraq 's .");
	check_kinds(h, "a'b", "a'b/word");
	check_sentences(h, "Prices rose 2,500 tons. \"We won,\" he said. Shares "
	                "fell 13.5 pct.\n\nNEW HEADLINE\nText goes on",
	                "Prices rose 2,500 tons. | \"We won,\" he said. | "
	                "Shares fell 13.5 pct. | NEW HEADLINE | Text goes on");
	check_sentences(h, "the Ph.D. and No. 5 and J. Smith and U.S. troops and "
	                "Inc. Board. It ended.",
	                "the Ph.D. and No. 5 and J. Smith and U.S. troops and "
	                "Inc. | Board. | It ended.");
	check_sentences(h, "A \"quote\" at \"the\" end \"\n\"Next\" one (\"x\") "
	                "said\" ok",
	                "A \"quote\" at \"the\" end \" | \"Next\" one (\"x\") "
	                "said\" ok");
	dp_harness_free(h);
}

/* Clitics are split as the option says in the fast path too. */
static void test_fast_path_clitics(void **unused)
{
	struct dp_harness *h = harness("{split_clitics: false}");

	(void)unused;
	check_tokens(h, "Iraq's don't O'Brien they're I'm x's, CAN'T",
	             "Iraq's don't O'Brien they're I'm x's , CAN'T");
	dp_harness_free(h);
}

/* More tokens than the arrays are first sized for (a quarter of the
 * text's length): they grow while the fast path stores. */
static void test_fast_path_growth(void **unused)
{
	static const char *const units[] = { "a,", "a ", "(", "a.b ", "1 " };
	static const size_t per_unit[] = { 2, 1, 1, 3, 1 };
	struct dp_harness *h = harness(NULL);

	(void)unused;
	for (size_t u = 0; u < sizeof units / sizeof *units; u++) {
		size_t reps = 3001, n = strlen(units[u]);
		char *t = malloc(reps * n + 1);

		assert_non_null(t);
		for (size_t r = 0; r < reps; r++)
			memcpy(t + r * n, units[u], n);
		t[reps * n] = '\0';
		run(h, t);
		assert_int_equal(dp_harness_count(h, "tokens"),
		                 reps * per_unit[u]);
		free(t);
	}
	dp_harness_free(h);
}

/* Runs of spaces (a paragraph's indent) and line feeds after words, of
 * every length around the eight bytes fast_run() skips at once, at every
 * offset in the bitmap's blocks and up to the end of the text. */
static void test_fast_path_indents(void **unused)
{
	struct dp_harness *h = harness(NULL);

	(void)unused;
	for (size_t pad = 0; pad < 70; pad++)
		for (size_t nsp = 1; nsp <= 20; nsp++) {
			char sp[21], text[256], first[128], sents[160];
			char *t;

			memset(sp, ' ', nsp);
			sp[nsp] = '\0';
			snprintf(first, sizeof first, "ab\n%scd%sef,\n%s12 gh", sp,
			         sp, sp);
			snprintf(text, sizeof text, "%s\n%s\n%sij%s", first, sp,
			         sp, sp);
			snprintf(sents, sizeof sents, "%s | ij", first);
			t = padded(pad, text);
			check_tokens(h, t, "ab cd ef , 12 gh ij");
			free(t);
			/* a sentence's period emitted with the word before it,
			 * and the line feed and indent after it */
			snprintf(text, sizeof text, "Word ends.\n%sNext one. Then"
			         "\n%s\n%sLast one.%s", sp, sp, sp, sp);
			t = padded(pad, text);
			check_tokens(h, t, "Word ends . Next one . Then Last one .");
			assert_int_equal(dp_harness_count(h, "sentences"), 4);
			free(t);
			snprintf(text, sizeof text, "Word ends.\n%s\n%sLast.\n",
			         sp, sp);
			t = padded(pad, text);
			check_sentences(h, t, "Word ends. | Last.");
			free(t);
			snprintf(text, sizeof text, "Word ends.%s", sp);
			t = padded(pad, text);
			check_sentences(h, t, "Word ends.");
			free(t);
			snprintf(text, sizeof text, "%s\n%s\n%sij%s", first, sp,
			         sp, sp);
			t = padded(pad, text);
			/* the line feeds' gaps: one inside the sentence, the
			 * blank line ends it; for lines under 40 bytes (wider
			 * ones bring in the rules of hard-wrapped text) */
			if (pad + 2 < 40 && 2 * nsp + 5 < 40)
				check_sentences(h, t, sents);
			free(t);
		}
	dp_harness_free(h);
}

/* Digit runs with a letter at each place (a word, not a number), and
 * words before a period with a digit at each place, of every length
 * around the eight bytes tested at once, with text after them and at the
 * end of the text. */
static void test_fast_path_digit_runs(void **unused)
{
	struct dp_harness *h = harness(NULL);

	(void)unused;
	for (size_t pad = 0; pad < 20; pad++)
		for (size_t len = 1; len <= 17; len++)
			for (size_t at = 0; at <= len; at++) {
				/* at == len: no letter, no digit */
				char run[18], text[64], kinds[96];
				char *t;

				memset(run, '7', len);
				run[len] = '\0';
				if (at < len)
					run[at] = 'k';
				snprintf(text, sizeof text, "x %s y", run);
				snprintf(kinds, sizeof kinds,
				         "x/word %s/%s y/word", run,
				         at < len ? "word" : "number");
				t = padded(pad, text);
				check_kinds(h, t, kinds);
				free(t);
				snprintf(text, sizeof text, "x %s", run);
				snprintf(kinds, sizeof kinds, "x/word %s/%s", run,
				         at < len ? "word" : "number");
				t = padded(pad, text);
				check_kinds(h, t, kinds);
				free(t);

				if (len < 3 || at == 0)
					continue;
				memset(run, 'b', len);
				if (at < len)
					run[at] = '4';
				snprintf(text, sizeof text, "The %s. X", run);
				snprintf(kinds, sizeof kinds,
				         "The/word %s/word ./punct X/word", run);
				t = padded(pad, text);
				check_kinds(h, t, kinds);
				free(t);
				snprintf(text, sizeof text, "The %s.", run);
				snprintf(kinds, sizeof kinds,
				         "The/word %s/word ./punct", run);
				t = padded(pad, text);
				check_kinds(h, t, kinds);
				free(t);
			}
	dp_harness_free(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_abbreviations),
		cmocka_unit_test(test_extra_abbreviations),
		cmocka_unit_test(test_abbreviation_lookup),
		cmocka_unit_test(test_abbreviation_filters),
		cmocka_unit_test(test_short_acronyms),
		cmocka_unit_test(test_numbers_before_commas),
		cmocka_unit_test(test_period_before_comma),
		cmocka_unit_test(test_lone_periods),
		cmocka_unit_test(test_colons),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_compounds_and_dashes),
		cmocka_unit_test(test_clitics),
		cmocka_unit_test(test_web),
		cmocka_unit_test(test_web_tlds),
		cmocka_unit_test(test_ellipsis_and_quotes),
		cmocka_unit_test(test_unicode),
		cmocka_unit_test(test_seed_hard_spots),
		cmocka_unit_test(test_fast_path_alignment),
		cmocka_unit_test(test_fast_path_long_runs),
		cmocka_unit_test(test_fast_path_edges),
		cmocka_unit_test(test_fast_path_clitics),
		cmocka_unit_test(test_fast_path_growth),
		cmocka_unit_test(test_fast_path_indents),
		cmocka_unit_test(test_fast_path_digit_runs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
