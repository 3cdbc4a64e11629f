/*
 * test_tokens.c - the news-mode token rules through the docproc harness,
 * one test per rule, with the seeds' own hard spots.
 */
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
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
