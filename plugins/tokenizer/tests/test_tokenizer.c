/*
 * test_tokenizer.c - the tokenizer plugin through the docproc harness:
 * one test per rule of the news mode, the seeds' hard spots, sentence
 * boundaries, the layer contract over the seed fixtures, options and
 * allocation failures.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include <utf8proc.h>

#include <docproc/docproc.h>
#include <docproc/harness.h>

#include "uax29_testfile.h"

static const char *const seeds[] = {
	"000_b95dc00c3e00e5c8.txt", "001_d5d0b5995cae1cbc.txt",
	"002_a09dc9ca2b113393.txt", "003_4fb25f17430b9f0d.txt",
	"004_d851116e90d38db6.txt",
};

static char *read_file(const char *name, size_t *len)
{
	char path[1024];
	FILE *f;
	char *buf;
	long n;

	snprintf(path, sizeof path, "%s/%s", FIXTURES, name);
	f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	if (len)
		*len = (size_t)n;
	return buf;
}

static struct dp_harness *harness(const char *options)
{
	struct dp_harness *h = dp_harness_new();

	assert_non_null(h);
	if (dp_harness_add(h, PLUGIN_LA, options) != 0)
		fail_msg("loading the tokenizer: %s", dp_harness_error(h));
	return h;
}

static void run(struct dp_harness *h, const char *text)
{
	if (dp_harness_run(h, text, NULL) != 0)
		fail_msg("run: %s", dp_harness_error(h));
}

/* The texts of a layer's spans joined with @sep (tokens never hold white
 * space, so " " separates them unambiguously). Caller frees. */
static char *joined(struct dp_harness *h, const char *layer, const char *sep)
{
	size_t n = dp_harness_count(h, layer), cap = 1, used = 0;
	char *out;

	for (size_t i = 0; i < n; i++)
		cap += strlen(dp_harness_span_text(h, layer, i)) + strlen(sep);
	out = malloc(cap);
	assert_non_null(out);
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		const char *t = dp_harness_span_text(h, layer, i);

		used += (size_t)snprintf(out + used, cap - used, "%s%s",
		                         i ? sep : "", t);
	}
	return out;
}

/* Token texts with their kinds: "Mr./word Ryder/word ./punct". */
static char *tokens_kinds(struct dp_harness *h)
{
	size_t n = dp_harness_count(h, "tokens"), cap = 1, used = 0;
	char *out;

	for (size_t i = 0; i < n; i++)
		cap += strlen(dp_harness_span_text(h, "tokens", i)) +
		       strlen(dp_harness_attr(h, "tokens", i, "kind")) + 2;
	out = malloc(cap);
	assert_non_null(out);
	out[0] = '\0';
	for (size_t i = 0; i < n; i++)
		used += (size_t)snprintf(out + used, cap - used, "%s%s/%s",
		                         i ? " " : "",
		                         dp_harness_span_text(h, "tokens", i),
		                         dp_harness_attr(h, "tokens", i, "kind"));
	return out;
}

static void check_tokens(struct dp_harness *h, const char *text,
                         const char *expected)
{
	char *got;

	run(h, text);
	got = joined(h, "tokens", " ");
	if (strcmp(got, expected)) {
		print_error("text:     %s\nexpected: %s\ngot:      %s\n", text,
		            expected, got);
		free(got);
		fail();
	}
	free(got);
}

static void check_kinds(struct dp_harness *h, const char *text,
                        const char *expected)
{
	char *got;

	run(h, text);
	got = tokens_kinds(h);
	if (strcmp(got, expected)) {
		print_error("text:     %s\nexpected: %s\ngot:      %s\n", text,
		            expected, got);
		free(got);
		fail();
	}
	free(got);
}

/* Sentences joined with " | ". */
static void check_sentences(struct dp_harness *h, const char *text,
                            const char *expected)
{
	char *got;

	run(h, text);
	got = joined(h, "sentences", " | ");
	if (strcmp(got, expected)) {
		print_error("text:     %s\nexpected: %s\ngot:      %s\n", text,
		            expected, got);
		free(got);
		fail();
	}
	free(got);
}

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
	struct dp_harness *h = harness("{abbreviations: [Pte., Cdr]}");

	(void)unused;
	check_tokens(h, "Pte. Ryan met Cdr. Data.",
	             "Pte. Ryan met Cdr. Data .");
	dp_harness_free(h);
	h = harness(NULL);
	check_tokens(h, "Pte. Ryan", "Pte . Ryan");
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

/* ---- sentences ------------------------------------------------------- */

static void test_sentences_abbreviations(void **unused)
{
	struct dp_harness *h = harness(NULL);

	(void)unused;
	check_sentences(h, "Mr. Ryder said so. U.S. forces stay. J. Smith agreed.",
	                "Mr. Ryder said so. | U.S. forces stay. | "
	                "J. Smith agreed.");
	check_sentences(h, "They left the U.S. The talks ended.",
	                "They left the U.S. | The talks ended.");
	check_sentences(h, "U.S. Secretary of State Antony Blinken spoke.",
	                "U.S. Secretary of State Antony Blinken spoke.");
	check_sentences(h, "It is run by Acme Inc. Officials declined. "
	                "They met at 5 p.m. Nobody came.",
	                "It is run by Acme Inc. | Officials declined. | "
	                "They met at 5 p.m. | Nobody came.");
	check_sentences(h, "On Jan. 8 Gen. Qassem spoke, e.g. about Iraq.",
	                "On Jan. 8 Gen. Qassem spoke, e.g. about Iraq.");
	check_sentences(h, "They meet at 10 a.m. Monday in Baghdad. Sen. John "
	                "McCain (R-Ariz.) said so. Shares of IBM.N rose.",
	                "They meet at 10 a.m. Monday in Baghdad. | Sen. John "
	                "McCain (R-Ariz.) said so. | Shares of IBM.N rose.");
	check_sentences(h, "It passed at 10:30 p.m. EST. It now goes to the "
	                "House. The company, Acme Ltd., was founded by John "
	                "Smith Jr. He later sold it.",
	                "It passed at 10:30 p.m. EST. | It now goes to the "
	                "House. | The company, Acme Ltd., was founded by John "
	                "Smith Jr. | He later sold it.");
	check_sentences(h, "It moved to the U.S. Officials said so. Plan B. The "
	                "end of Plan B. was near.",
	                "It moved to the U.S. | Officials said so. | Plan B. | "
	                "The end of Plan B. was near.");
	dp_harness_free(h);
}

static void test_sentences_numbers_ellipses(void **unused)
{
	struct dp_harness *h = harness(NULL);

	(void)unused;
	check_sentences(h, "About 13.5 percent voted. In 2003. The war began.",
	                "About 13.5 percent voted. | In 2003. | The war began.");
	check_sentences(h, "in any form... will not help. It stated its "
	                "position... Iraq has the capacity.",
	                "in any form... will not help. | It stated its "
	                "position... | Iraq has the capacity.");
	check_sentences(h, "We waited… And waited…", "We waited… | And waited…");
	check_sentences(h, "in any form . . . will not help . . . It ends.",
	                "in any form . . . will not help . . . | It ends.");
	check_sentences(h, "\"Why?\" he asked. \"Why?\" He left!",
	                "\"Why?\" he asked. | \"Why?\" | He left!");
	dp_harness_free(h);
}

static void test_sentences_quotes_parens(void **unused)
{
	struct dp_harness *h = harness(NULL);

	(void)unused;
	check_sentences(h, "\"We will stay,\" he said. \"It is about stability.\" "
	                "They left.",
	                "\"We will stay,\" he said. | \"It is about stability.\" | "
	                "They left.");
	check_sentences(h, "“Stop!” he shouted. (He left early.) Then it rained.",
	                "“Stop!” he shouted. | (He left early.) | "
	                "Then it rained.");
	check_sentences(h, "Mr. Kanaani stated: \"The Baghdad government has "
	                "clearly stated its position.\" Iraq agreed.",
	                "Mr. Kanaani stated: \"The Baghdad government has "
	                "clearly stated its position.\" | Iraq agreed.");
	check_sentences(h, "He said: ‘Go.’ She went.", "He said: ‘Go.’ | She went.");
	check_sentences(h, "We won! 🎉🎉 Next game is Friday. Great 👍",
	                "We won! 🎉🎉 | Next game is Friday. | Great 👍");
	/* a spaced closing quote at the end of a line (machine translation) */
	check_sentences(h, "\"I am confident in our teams. \"\nRecall that it "
	                "starts.",
	                "\"I am confident in our teams. \" | Recall that it "
	                "starts.");
	dp_harness_free(h);
}

static void test_sentences_lists_lines(void **unused)
{
	struct dp_harness *h = harness(NULL);

	(void)unused;
	check_sentences(h, "Steps:\n1. Withdraw troops.\n2. Leave bases.",
	                "Steps: | 1. Withdraw troops. | 2. Leave bases.");
	check_sentences(h, "The plan: (a) withdraw; (b) leave. It ends.",
	                "The plan: (a) withdraw; (b) leave. | It ends.");
	check_sentences(h, "Two steps: 1. withdraw troops, 2. close bases. "
	                "Then talk.",
	                "Two steps: 1. withdraw troops, 2. close bases. | "
	                "Then talk.");
	/* a headline and a dateline on their own lines */
	check_sentences(h, "Iraq Demands Withdrawal\nBAGHDAD, Jan 8 (Reuters)\n"
	                "Iraq asked the troops to leave.",
	                "Iraq Demands Withdrawal | BAGHDAD, Jan 8 (Reuters) | "
	                "Iraq asked the troops to leave.");
	/* a wrapped line that continues in lowercase */
	check_sentences(h, "The troops will\nstay in Iraq.",
	                "The troops will\nstay in Iraq.");
	/* hard-wrapped text: lines break mid-sentence; a headline, an
	 * indented paragraph and a short line still end sentences */
	check_sentences(h, "OIL FIRM TO FORM UNIT\n"
	                "CLEVELAND, Feb 26 - Standard Oil Co and BP North America\n"
	                "Inc said they plan to form a venture to manage the money\n"
	                "Market borrowing and investment activities of both firms.\n"
	                "    The venture will be called BP/Standard Financial and\n"
	                "Will be run by Standard Oil under the oversight of a joint\n"
	                "Management committee\n"
	                "    Reuter",
	                "OIL FIRM TO FORM UNIT | CLEVELAND, Feb 26 - Standard Oil Co "
	                "and BP North America\nInc said they plan to form a venture "
	                "to manage the money\nMarket borrowing and investment "
	                "activities of both firms. | The venture will be called "
	                "BP/Standard Financial and\nWill be run by Standard Oil "
	                "under the oversight of a joint\nManagement committee | "
	                "Reuter");
	check_sentences(h, "The company said its results were adjusted for the\n"
	                "reverse split that took effect in November\n"
	                "1985. The venture will be called BP/Standard Financial\n"
	                "and will be run by Standard Oil under the oversight of\n"
	                "a joint management committee of both of the companies.",
	                "The company said its results were adjusted for the\n"
	                "reverse split that took effect in November\n1985. | "
	                "The venture will be called BP/Standard Financial\n"
	                "and will be run by Standard Oil under the oversight of\n"
	                "a joint management committee of both of the companies.");
	/* missing final punctuation at the end of a paragraph */
	check_sentences(h, "Back to top button\n\nThe next story",
	                "Back to top button | The next story");
	/* no space after the period */
	check_sentences(h, "It ended.The next one began.",
	                "It ended. | The next one began.");
	/* duplicated final period */
	check_sentences(h, "It needs no help. . In contrast, it left.",
	                "It needs no help. . | In contrast, it left.");
	dp_harness_free(h);
	h = harness("{newline_breaks: false}");
	check_sentences(h, "Iraq Demands Withdrawal\nBAGHDAD said no.\n\nNext",
	                "Iraq Demands Withdrawal\nBAGHDAD said no. | Next");
	dp_harness_free(h);
}

static void test_sentences_lowercase(void **unused)
{
	struct dp_harness *h = harness(NULL);
	char *t4 = read_file(seeds[4], NULL);
	long i;

	(void)unused;
	run(h, t4);
	/* "... in iraq. in fact, the us-led ..." breaks; "u.s. embassy" not */
	i = dp_harness_find(h, "sentences", "in fact, the us-led international "
	                    "coalition has long existed in iraq.", 0);
	assert_true(i >= 0);
	i = dp_harness_find(h, "sentences", "the united states claimed to have "
	                    "withdrawn its troops from iraq since the end of "
	                    "2011, leaving only a small number of troops "
	                    "stationed at the u.s. embassy in iraq.", 0);
	assert_true(i >= 0);
	i = dp_harness_find(h, "sentences", "source: cctv news", 0);
	assert_true(i >= 0);
	/* caseless text: an abbreviation before "and" goes on */
	run(h, "the u.s. and iraq met in baghdad. the u.s. the talks went on. "
	    "the talks were held in iraq and in the region. officials met again "
	    "and again. they agreed to meet. the talks will continue in the "
	    "coming weeks.");
	assert_true(dp_harness_find(h, "sentences", "the u.s. and iraq met in "
	                            "baghdad.", 0) >= 0);
	assert_true(dp_harness_find(h, "sentences", "the u.s.", 0) >= 0);
	run(h, t4);
	i = dp_harness_find(h, "sentences", "so, what led to the agreement "
	                    "between the united states and iraq?", 0);
	assert_true(i >= 0);
	free(t4);
	dp_harness_free(h);
}

/* ---- the layer contract over the seeds -------------------------------- */

static bool gap_char(int32_t cp)
{
	/* white space, and the invisible controls/format characters */
	return cp <= 0x20 || (cp >= 0x7F && cp <= 0xA0) || cp == 0x1680 ||
	       (cp >= 0x2000 && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202F) ||
	       (cp >= 0x205F && cp <= 0x206F) || cp == 0x3000 || cp == 0xFEFF ||
	       cp == 0xAD;
}

/* Prints @text with bytes >= 0x7F and controls as \xNN. */
static void print_escaped(const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];

		if (c < 0x20 || c >= 0x7F || c == '\\')
			print_error("\\x%02X", c);
		else
			print_error("%c", c);
	}
	print_error("\n");
}

/* Fails the test with the text that broke the contract. */
#define CHECK(cond) do { \
	if (!(cond)) { \
		print_error("contract: %s, text: ", #cond); \
		print_escaped(text, len); \
		fail(); \
	} } while (0)

static void check_contract(struct dp_harness *h, const char *text,
                           size_t len)
{
	struct dp_layer *t = dp_harness_layer(h, "tokens");
	struct dp_layer *s = dp_harness_layer(h, "sentences");
	size_t n, ns, pos = 0, k = 0;
	int kind;

	CHECK(t != NULL);
	CHECK(s != NULL);
	n = dp_layer_size(t);
	ns = dp_layer_size(s);
	kind = dp_layer_attr(t, "kind");
	CHECK(kind >= 0);
	CHECK(n > 0);
	for (size_t i = 0; i < n; i++) {
		size_t a = dp_layer_start(t, i), b = dp_layer_end(t, i), j;

		CHECK(a >= pos);
		CHECK(b > a);
		CHECK(b <= len);
		/* the gap is white space only */
		for (j = pos; j < a;)
			CHECK(gap_char(dp_utf8_next(text, len, &j)));
		/* the token holds none */
		for (j = a; j < b;) {
			int32_t cp = dp_utf8_next(text, len, &j);

			CHECK(cp > 0x20 && cp != 0xA0 && cp != 0x3000 &&
			            !(cp >= 0x2000 && cp <= 0x200A));
		}
		CHECK(dp_layer_get_str(t, i, kind, NULL) != NULL);
		pos = b;
	}
	for (size_t j = pos; j < len;)
		CHECK(gap_char(dp_utf8_next(text, len, &j)));
	/* sentences: sorted, each from a token start to a token end, covering
	 * every token once */
	CHECK(ns > 0);
	for (size_t i = 0; i < ns; i++) {
		size_t a = dp_layer_start(s, i), b = dp_layer_end(s, i);

		CHECK(k < n);
		CHECK(dp_layer_start(t, k) == a);
		while (k < n && dp_layer_end(t, k) < b)
			k++;
		CHECK(k < n);
		CHECK(dp_layer_end(t, k) == b);
		k++;
	}
	CHECK(k == n);
}

static void test_contract_seeds(void **unused)
{
	const char *modes[] = { NULL, "{split_clitics: false, newline_breaks: "
	                        "false}" };

	(void)unused;
	for (size_t m = 0; m < 2; m++) {
		struct dp_harness *h = harness(modes[m]);

		for (size_t i = 0; i < sizeof seeds / sizeof *seeds; i++) {
			size_t len;
			char *text = read_file(seeds[i], &len);

			run(h, text);
			check_contract(h, text, len);
			free(text);
		}
		dp_harness_free(h);
	}
}

static void test_contract_odd_texts(void **unused)
{
	static const char *const texts[] = {
		"x", ".", "  \n\t ", "\xEF\xBB\xBFHello", "a\xE2\x80\x8D" "b",
		"\xF0\x9F\x91\xA8\xE2\x80\x8D", "''''\"\"\"", "@ # @@ ##",
		"http:// www. a@ @b.", "1,2,3,4.5.6-7/8:9", "U.S.A.B.C.D.",
		"e\xCC\x81\xCC\x81\xCC\x81", "\xE1\x84\x80\xE1\x85\xA1\xE1\x86\xA8",
		"\r\n\r\nA.\r\nb", "a\xC2\xAD" "b", "(((( ))))",
	};
	struct dp_harness *h = harness(NULL);

	(void)unused;
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		size_t len = strlen(texts[i]);

		run(h, texts[i]);
		if (dp_harness_count(h, "tokens") == 0) {
			for (size_t j = 0; j < len;)
				assert_true(gap_char(dp_utf8_next(texts[i], len, &j)));
			assert_int_equal(dp_harness_count(h, "sentences"), 0);
			continue;
		}
		check_contract(h, texts[i], len);
	}
	dp_harness_free(h);
}

/* Random texts from a palette of hard pieces: the contract must hold for
 * every one, in both modes (a deterministic generator, so failures
 * repeat). */
static void test_contract_random(void **unused)
{
	static const char *const pieces[] = {
		"a", "Z", "7", " ", "\n", "\n\n", "\t", ".", "..", ",", "'", "’",
		"\"", "“", "”", "-", "--", "—", "(", ")", "#", "@", "$", "%", "*",
		"U.S.", "Mr.", "http://a.io/x?y=1", "a@b.com", "e\xCC\x81",
		"\xCC\x81", "\xE2\x80\x8D", "\xEF\xB8\x8F", "👍", "🏽", "🇮",
		"日本", "です", "한", "Ж", "\xC2\xA0", "\xE2\x80\x8B", "…", "!?",
		"n't", "'s", "2,500", "1.5", "&", "_", "/", ":", "\r\n", "\xC2\xAD",
	};
	const char *modes[] = { NULL, "{mode: uax29}" };
	uint32_t seed = 12345;
	char text[512];

	(void)unused;
	for (size_t m = 0; m < 2; m++) {
		struct dp_harness *h = harness(modes[m]);

		for (int round = 0; round < 5000; round++) {
			size_t len = 0, n;

			seed = seed * 1103515245u + 12345u;
			n = 1 + (seed >> 16) % 24;
			for (size_t i = 0; i < n; i++) {
				const char *p;

				seed = seed * 1103515245u + 12345u;
				p = pieces[(seed >> 16) % (sizeof pieces / sizeof *pieces)];
				if (len + strlen(p) >= sizeof text)
					break;
				memcpy(text + len, p, strlen(p));
				len += strlen(p);
			}
			text[len] = '\0';
			run(h, text);
			if (dp_harness_count(h, "tokens") == 0)
				continue;
			if (m == 0)
				check_contract(h, text, len);
		}
		dp_harness_free(h);
	}
}

/* Long runs that a careless look-ahead would rescan from every position:
 * each text must take linear time (a quadratic scan of 100 KB would take
 * many seconds; the limit is generous enough for valgrind). */
static void test_linear_time(void **unused)
{
	static const char *const units[] = {
		"a.", "abc.", "abc%", "a-", "a@", ")", "http://x.org/()", "1,",
		"U.", "'", "\"", ".", "\n", "A ", "\xCC\x81", "a'", "#a", "@a",
	};
	const char *modes[] = { NULL, "{mode: uax29}" };
	size_t n = 100000;
	char *text = malloc(n + 64);

	(void)unused;
	assert_non_null(text);
	for (size_t m = 0; m < 2; m++) {
		struct dp_harness *h = harness(modes[m]);

		for (size_t u = 0; u < sizeof units / sizeof *units; u++) {
			size_t k = strlen(units[u]), len = 0;
			clock_t t0 = clock();

			len = (size_t)snprintf(text, 16, "x.");
			while (len + k < n) {
				memcpy(text + len, units[u], k);
				len += k;
			}
			text[len] = '\0';
			run(h, text);
			if (clock() - t0 > 5 * CLOCKS_PER_SEC)
				fail_msg("unit '%s' x %zu took %.1f s", units[u],
				         n / k, (double)(clock() - t0) / CLOCKS_PER_SEC);
		}
		dp_harness_free(h);
	}
	free(text);
}

/* ---- uax29 mode: the layers against Unicode's test files --------------- */

static bool visible(int32_t cp)
{
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
	case UTF8PROC_CATEGORY_PC: case UTF8PROC_CATEGORY_PD:
	case UTF8PROC_CATEGORY_PS: case UTF8PROC_CATEGORY_PE:
	case UTF8PROC_CATEGORY_PI: case UTF8PROC_CATEGORY_PF:
	case UTF8PROC_CATEGORY_PO: case UTF8PROC_CATEGORY_SM:
	case UTF8PROC_CATEGORY_SC: case UTF8PROC_CATEGORY_SK:
	case UTF8PROC_CATEGORY_SO:
		return true;
	default:
		return false;
	}
}

static bool white(int32_t cp)
{
	utf8proc_category_t c = utf8proc_category(cp);

	return (cp >= 9 && cp <= 13) || cp == 0x85 ||
	       c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL ||
	       c == UTF8PROC_CATEGORY_ZP;
}

/* Compares a layer with the file's segments: for words, the segments that
 * hold a visible character; for sentences, the segments trimmed of white
 * space, empty ones dropped. */
static size_t compare_layer(struct dp_harness *h, const char *layer,
                            const struct uax29_case *tc, bool sentences)
{
	size_t n = dp_harness_count(h, layer), k = 0, prev = 0, bad = 0;
	struct dp_layer *l = dp_harness_layer(h, layer);

	for (size_t b = 0; b < tc->nbreaks; b++) {
		size_t a = prev, e = tc->breaks[b], j;
		bool keep = false;

		prev = e;
		if (sentences) {
			for (j = a; j < e;) {
				size_t q = j;

				if (!white(dp_utf8_next(tc->text, e, &q)))
					break;
				j = q;
			}
			a = j;
			while (e > a) {
				size_t q = e;

				if (!white(dp_utf8_prev(tc->text, &q)))
					break;
				e = q;
			}
			keep = e > a;
		} else {
			for (j = a; j < e && !keep;)
				keep = visible(dp_utf8_next(tc->text, e, &j));
		}
		if (!keep)
			continue;
		if (k >= n || dp_layer_start(l, k) != a || dp_layer_end(l, k) != e)
			bad++;
		k++;
	}
	return bad + (k != n);
}

static void layers_against(const char *file, bool sentences)
{
	struct uax29_file *f = uax29_file_open(UNICODE_AUX_DIR, file);
	struct uax29_case tc;
	struct dp_harness *h;
	size_t cases = 0, failures = 0;

	if (!f) {
		print_message("SKIPPED: %s/%s not found (install the Debian "
		              "package unicode-data)\n", UNICODE_AUX_DIR, file);
		skip();
	}
	h = harness("{mode: uax29}");
	while (uax29_file_next(f, &tc)) {
		if (dp_harness_run_len(h, tc.text, tc.len, NULL) != 0)
			fail_msg("line %zu: %s", tc.lineno, dp_harness_error(h));
		if (compare_layer(h, sentences ? "sentences" : "tokens", &tc,
		                  sentences)) {
			if (failures++ < 5)
				print_error("%s line %zu: %s\n", file, tc.lineno,
				            tc.line);
		}
		cases++;
	}
	uax29_file_close(f);
	dp_harness_free(h);
	assert_true(cases > 100);
	assert_int_equal(failures, 0);
}

static void test_uax29_tokens(void **unused)
{
	(void)unused;
	layers_against("WordBreakTest.txt", false);
}

static void test_uax29_sentences(void **unused)
{
	(void)unused;
	layers_against("SentenceBreakTest.txt", true);
}

static void test_uax29_kinds(void **unused)
{
	struct dp_harness *h = harness("{mode: uax29}");

	(void)unused;
	check_kinds(h, "Mr. Smith's 3.5 U.S. 👍🏽 $5, can't.",
	            "Mr/word ./punct Smith's/word 3.5/number U.S/word ./punct "
	            "👍🏽/emoji $/symbol 5/number ,/punct can't/word ./punct");
	check_sentences(h, "Mr. Smith left. He said \"no.\" Then\n\nit ended",
	                "Mr. | Smith left. | He said \"no.\" | Then | "
	                "it ended");
	dp_harness_free(h);
}

/* ---- options ------------------------------------------------------------ */

static void expect_bad_options(const char *options, const char *needle)
{
	struct dp_harness *h = dp_harness_new();

	assert_non_null(h);
	assert_true(dp_harness_add(h, PLUGIN_LA, options) < 0);
	if (!strstr(dp_harness_error(h), needle))
		fail_msg("options %s: error '%s' lacks '%s'", options,
		         dp_harness_error(h), needle);
	dp_harness_free(h);
}

static void test_options_errors(void **unused)
{
	(void)unused;
	expect_bad_options("{mode: penn}", "mode");
	expect_bad_options("{split_clitics: maybe}", "split_clitics");
	expect_bad_options("{newline_breaks: [1]}", "newline_breaks");
	expect_bad_options("{abbreviations: Gov.}", "abbreviations");
	expect_bad_options("{abbreviations: ['Gov. Sen.']}", "white space");
	expect_bad_options("{abbreviations: ['']}", "empty");
	expect_bad_options("{abbreviation: [Gov.]}", "abbreviation");
}

static void test_options_documented(void **unused)
{
	static const char *const keys[] = {
		"`mode`", "`abbreviations`", "`split_clitics`", "`newline_breaks`",
		"`news`", "`uax29`",
	};
	char *readme = read_file("../../README.md", NULL);

	(void)unused;
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		if (!strstr(readme, keys[i]))
			fail_msg("README.md does not document %s", keys[i]);
	free(readme);
}

/* ---- memory ------------------------------------------------------------- */

static void test_alloc_failures(void **unused)
{
	struct dp_harness *h = harness(NULL);
	char *text = read_file(seeds[1], NULL);
	long n;

	(void)unused;
	for (n = 1; n < 100000; n++) {
		int rc;

		dp_harness_fail_alloc_after(h, n);
		rc = dp_harness_run(h, text, NULL);
		if (rc == 0)
			break;
		assert_true(rc < 0);
	}
	assert_true(n < 100000);
	dp_harness_fail_alloc_after(h, 0);
	run(h, text);
	assert_true(dp_harness_count(h, "tokens") > 100);
	free(text);
	dp_harness_free(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_abbreviations),
		cmocka_unit_test(test_extra_abbreviations),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_compounds_and_dashes),
		cmocka_unit_test(test_clitics),
		cmocka_unit_test(test_web),
		cmocka_unit_test(test_ellipsis_and_quotes),
		cmocka_unit_test(test_unicode),
		cmocka_unit_test(test_seed_hard_spots),
		cmocka_unit_test(test_sentences_abbreviations),
		cmocka_unit_test(test_sentences_numbers_ellipses),
		cmocka_unit_test(test_sentences_quotes_parens),
		cmocka_unit_test(test_sentences_lists_lines),
		cmocka_unit_test(test_sentences_lowercase),
		cmocka_unit_test(test_contract_seeds),
		cmocka_unit_test(test_contract_odd_texts),
		cmocka_unit_test(test_contract_random),
		cmocka_unit_test(test_linear_time),
		cmocka_unit_test(test_uax29_tokens),
		cmocka_unit_test(test_uax29_sentences),
		cmocka_unit_test(test_uax29_kinds),
		cmocka_unit_test(test_options_errors),
		cmocka_unit_test(test_options_documented),
		cmocka_unit_test(test_alloc_failures),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
