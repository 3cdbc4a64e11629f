/*
 * test_quotes.c - the quotes plugin through the docproc harness, after
 * the tokenizer: one test per case of the issue (quote styles, nesting,
 * paragraphs, broken marks, apostrophes, partial quotes, names and scare
 * quotes, reported speech, speakers), with sentences of the seed
 * documents as fixtures; negative cases (apostrophes, names, URLs,
 * code); options and their errors; allocation failures.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "quotes_check.h"

/* Expected quotation: the `text` attribute, kind, speaker (NULL: unset),
 * cue (NULL: not checked). */
struct want {
	const char *text;
	const char *kind;
	const char *speaker;
	const char *cue;
};

/* Runs @text and checks that the layer holds exactly @n quotations, each
 * as described. */
static void expect(struct dp_harness *h, const char *text,
                   const struct want *w, size_t n)
{
	run(h, text);
	if (dp_harness_count(h, "quotes") != n) {
		dump_quotes(h);
		fail_msg("%zu quotations, expected %zu in: %s",
		         dp_harness_count(h, "quotes"), n, text);
	}
	for (size_t i = 0; i < n; i++) {
		long at = find_quote(h, w[i].text, w[i].kind);
		const char *sp, *cue;
		if (at < 0) {
			dump_quotes(h);
			fail_msg("no %s quotation '%s'", w[i].kind, w[i].text);
		}
		sp = dp_harness_attr(h, "quotes", (size_t)at, "speaker");
		if (w[i].speaker == NULL && sp != NULL)
			fail_msg("'%s': speaker '%s', expected none", w[i].text,
			         sp);
		if (w[i].speaker != NULL &&
		    (sp == NULL || strcmp(sp, w[i].speaker) != 0))
			fail_msg("'%s': speaker '%s', expected '%s'", w[i].text,
			         sp ? sp : "(none)", w[i].speaker);
		cue = dp_harness_attr(h, "quotes", (size_t)at, "cue");
		if (w[i].cue && (cue == NULL || strcmp(cue, w[i].cue) != 0))
			fail_msg("'%s': cue '%s', expected '%s'", w[i].text,
			         cue ? cue : "(none)", w[i].cue);
	}
}

#define EXPECT(h, text, ...)                                              \
	do {                                                              \
		const struct want w_[] = { __VA_ARGS__ };                 \
		expect((h), (text), w_, sizeof(w_) / sizeof(w_[0]));     \
	} while (0)

static void expect_none(struct dp_harness *h, const char *text)
{
	run(h, text);
	if (dp_harness_count(h, "quotes") != 0) {
		dump_quotes(h);
		fail_msg("expected no quotation in: %s", text);
	}
}

/* ---- direct quotes in every style ------------------------------------- */

static void test_styles(void **unused)
{
	struct dp_harness *h = pipeline(NULL);

	(void)unused;
	/* seed 001 */
	EXPECT(h, "Speaking at a press conference, Mr. Kanaani stated: \"The "
	          "Baghdad government has clearly stated its position... Iraq "
	          "has the capacity, the strength and the authority necessary "
	          "to maintain security.\"",
	       { "The Baghdad government has clearly stated its position... "
	         "Iraq has the capacity, the strength and the authority "
	         "necessary to maintain security.", "direct", "Mr. Kanaani",
	         "stated" });
	EXPECT(h, "“The vote was fair,” the chairman said on Monday.",
	       { "The vote was fair,", "direct", "the chairman", "said" });
	EXPECT(h, "‘I will come back tomorrow,’ he promised.",
	       { "I will come back tomorrow,", "direct", "he", "promised" });
	EXPECT(h, "'I will come back tomorrow,' he promised.",
	       { "I will come back tomorrow,", "direct", "he", "promised" });
	EXPECT(h, "The ambassador told reporters: «We will not leave without "
	          "an agreement.»",
	       { "We will not leave without an agreement.", "direct",
	         "The ambassador", "told" });
	EXPECT(h, "Smith said: „Our team played well tonight.“ He left.",
	       { "Our team played well tonight.", "direct", "Smith",
	         "said" });
	EXPECT(h, "Jones wrote: ``The experiment failed three times.'' The "
	          "paper was accepted.",
	       { "The experiment failed three times.", "direct", "Jones",
	         "wrote" });
	dp_harness_free(h);
}

static void test_attribution_forms(void **unused)
{
	struct dp_harness *h = pipeline(NULL);

	(void)unused;
	EXPECT(h, "\"We will win this election,\" he said.",
	       { "We will win this election,", "direct", "he", "said" });
	EXPECT(h, "He said: \"We will win this election.\"",
	       { "We will win this election.", "direct", "He", "said" });
	EXPECT(h, "\"We will win this election\", said Smith.",
	       { "We will win this election", "direct", "Smith", "said" });
	EXPECT(h, "\"Yes,\" he said, \"we agree with the proposal.\"",
	       { "Yes,", "direct", "he", "said" },
	       { "we agree with the proposal.", "direct", "he", "said" });
	/* seed 003: cue after the quote, speaker resolved to the name */
	EXPECT(h, "In an interview, Al-Sudani said that talks go on. \"We "
	          "need to realign this relationship,\" the prime minister "
	          "said.",
	       { "talks go on", "indirect", "Al-Sudani", "said" },
	       { "We need to realign this relationship,", "direct",
	         "Al-Sudani", "said" });
	dp_harness_free(h);
}

static void test_nested(void **unused)
{
	struct dp_harness *h = pipeline(NULL);

	(void)unused;
	EXPECT(h, "\"He told me 'go away' and then he left,\" she said.",
	       { "He told me 'go away' and then he left,", "direct", "she",
	         "said" });
	EXPECT(h, "“She said ‘no’ twice before the vote,” he recalled.",
	       { "She said ‘no’ twice before the vote,", "direct", "he",
	         "recalled" });
	/* seed 003: "“ Legion ”" inside a quotation, broken spacing */
	EXPECT(h, "“We cannot talk about high places, but“ Legion ”is an "
	          "ambitious team,” added Prose.",
	       { "We cannot talk about high places, but“ Legion ”is an "
	         "ambitious team,", "direct", "Prose", "added" });
	dp_harness_free(h);
}

static void test_multi_paragraph(void **unused)
{
	struct dp_harness *h = pipeline(NULL);
	long i;

	(void)unused;
	/* a paragraph that does not close, then one that opens again */
	run(h, "\"This is the first paragraph of a long statement.\n\n"
	       "\"And this is the second one, which ends it,\" the "
	       "spokesman said.");
	assert_int_equal(dp_harness_count(h, "quotes"), 1);
	i = find_quote(h, "This is the first paragraph of a long statement."
	                  "\n\nAnd this is the second one, which ends it,",
	               "direct");
	assert_true(i >= 0);
	assert_string_equal(dp_harness_attr(h, "quotes", (size_t)i, "speaker"),
	                    "the spokesman");
	/* the span runs from the first mark to the last */
	assert_int_equal(dp_layer_start(dp_harness_layer(h, "quotes"),
	                                (size_t)i), 0);
	/* machine translation: one line per sentence, no marks between */
	EXPECT(h, "“Due to injury, I have been out for a year.\nBut now "
	          "everything is in order.\nI still have a lot to do, \"- "
	          "said Albert Prose on Sunday.",
	       { "Due to injury, I have been out for a year.\nBut now "
	         "everything is in order.\nI still have a lot to do,",
	         "direct", "Albert Prose", "said" });
	dp_harness_free(h);
}

/* A quote mark's neighbours are read inline when ASCII and by the
 * UTF-8 helpers otherwise: marks at the text's two ends, after a
 * no-break space (a space) and before an em dash (no space after the
 * mark: the words in it are a partial quotation). */
static void test_mark_neighbours(void **unused)
{
	struct dp_harness *h = pipeline(NULL);

	(void)unused;
	EXPECT(h, "Ryder said: \"We agree.\"",
	       { "We agree.", "direct", "Ryder", "said" });
	EXPECT(h, "Ryder said:\xC2\xA0\"We agree.\"",
	       { "We agree.", "direct", "Ryder", "said" });
	EXPECT(h, "\xE2\x80\x9CWe agree,\xE2\x80\x9D Ryder said.",
	       { "We agree,", "direct", "Ryder", "said" });
	EXPECT(h, "\"We agree\"\xE2\x80\x94Ryder said so.",
	       { "We agree", "partial", "Ryder", "said" });
	dp_harness_free(h);
}

/* A description resolved to a capitalised name earlier in the text that
 * holds its head: the names list (made on demand) in use. */
static void test_description_to_name(void **unused)
{
	struct dp_harness *h = pipeline(NULL);

	(void)unused;
	EXPECT(h, "Acting Governor Mikhail Degtyarev visited the plant on "
	          "Monday. The governor said that the plant would reopen.",
	       { "the plant would reopen", "indirect",
	         "Acting Governor Mikhail Degtyarev", "said" });
	dp_harness_free(h);
}

/* ---- broken marks ------------------------------------------------------- */

static void test_space_after_opening_mark(void **unused)
{
	struct dp_harness *h = pipeline(NULL);

	(void)unused;
	/* seed 003 */
	EXPECT(h, "Mr. Al-Sudani said that this “ The only solution.”",
	       { "The only solution.", "partial", "Mr. Al-Sudani", "said" });
	dp_harness_free(h);
}

static void test_missing_closing_mark(void **unused)
{
	struct dp_harness *h = pipeline(NULL);

	(void)unused;
	/* seed 003: two quotations by the same speaker */
	EXPECT(h, "“The HMC will have an opportunity to jointly assess the "
	          "necessary conditions for the future of the fight against "
	          "D-ISIS in Iraq and shape the nature of the bilateral "
	          "security relationship. Its timing is unrelated to the "
	          "recent attacks. “The United States maintains full rights "
	          "in Iraq during the talks in self-defense,” the US official "
	          "added to the news outlet.",
	       { "The HMC will have an opportunity to jointly assess the "
	         "necessary conditions for the future of the fight against "
	         "D-ISIS in Iraq and shape the nature of the bilateral "
	         "security relationship. Its timing is unrelated to the "
	         "recent attacks.", "direct", "the US official", "added" },
	       { "The United States maintains full rights in Iraq during the "
	         "talks in self-defense,", "direct", "the US official",
	         "added" });
	/* "..., he told X": the attribution inside an unclosed quote */
	EXPECT(h, "\"Pompeo's 'ranting' will have the opposite effect, he told "
	          "CNBC.\nRussell said so on Friday.",
	       { "Pompeo's 'ranting' will have the opposite effect,",
	         "direct", "he", "told" });
	dp_harness_free(h);
}

static void test_never_swallow_a_paragraph(void **unused)
{
	struct dp_harness *h = pipeline(NULL);

	(void)unused;
	EXPECT(h, "The mayor said: \"We will rebuild the bridge by spring.\n\n"
	          "The council approved the budget on Tuesday, officials "
	          "said.",
	       { "We will rebuild the bridge by spring.", "direct",
	         "The mayor", "said" },
	       { "The council approved the budget on Tuesday", "indirect",
	         "officials", "said" });
	dp_harness_free(h);
}

static void test_stray_closing_mark(void **unused)
{
	struct dp_harness *h = pipeline(NULL);

	(void)unused;
	/* seed 003: "[in Gaza]”" closes nothing (the tokenizer ends the
	 * sentence, and the reported clause, after "areas”.") */
	EXPECT(h, "The Prime Minister further explained that a “destructive "
	          "killing machine” is needed to avoid “further escalation of "
	          "the field of conflict in sensitive areas”. [in Gaza]” and "
	          "humanitarian aid must be delivered “as soon as possible”.",
	       { "a “destructive killing machine” is needed to avoid “further "
	         "escalation of the field of conflict in sensitive areas”",
	         "indirect", "The Prime Minister", "explained" },
	       { "destructive killing machine", "partial",
	         "The Prime Minister", "explained" },
	       { "further escalation of the field of conflict in sensitive "
	         "areas", "partial", "The Prime Minister", "explained" },
	       { "as soon as possible", "partial", "The Prime Minister",
	         "explained" });
	expect_none(h, "The aid must arrive soon. [in Gaza]” The ministry "
	               "said nothing more.");
	dp_harness_free(h);
}

static void test_max_length(void **unused)
{
	struct dp_harness *h = pipeline("{max_length: 40}");
	long i;

	(void)unused;
	/* the closing mark is 60 characters away: assumed missing, the
	 * quotation ends with its sentence */
	run(h, "He said: \"One short sentence here. And then a second one, "
	       "much longer,\" and left.");
	i = find_quote(h, "One short sentence here.", "direct");
	if (i < 0)
		dump_quotes(h);
	assert_true(i >= 0);
	dp_harness_free(h);

	h = pipeline(NULL);
	run(h, "He said: \"One short sentence here. And then a second one, "
	       "much longer,\" and left.");
	assert_true(find_quote(h, "One short sentence here. And then a "
	                          "second one, much longer,", "direct") >= 0);
	dp_harness_free(h);
}

/* max_length counts characters, not bytes (chars_between() counts eight
 * bytes at a time): 45 characters in 56 bytes stay whole under 50, 60
 * characters are cut at the sentence end within them. */
static void test_max_length_multibyte(void **unused)
{
	struct dp_harness *h = pipeline("{max_length: 50}");
	long i;

	(void)unused;
	run(h, "He said: \"Été à Zürich. Où les élèves étaient là, déjà.\" "
	       "and left.");
	i = find_quote(h, "Été à Zürich. Où les élèves étaient là, déjà.",
	               "direct");
	if (i < 0)
		dump_quotes(h);
	assert_true(i >= 0);
	run(h, "He said: \"Été à Zürich. Où les élèves étaient là, déjà, "
	       "été après été.\" and left.");
	i = find_quote(h, "Été à Zürich.", "direct");
	if (i < 0)
		dump_quotes(h);
	assert_true(i >= 0);
	dp_harness_free(h);
}

/* ---- apostrophes, names, scare quotes, URLs, code ---------------------- */

static void test_apostrophes(void **unused)
{
	struct dp_harness *h = pipeline(NULL);

	(void)unused;
	/* seed 002's headline, seed 004's troops', rock ’n’ roll */
	expect_none(h, "Terrorist US Won’t Heed Iraq’s Call for Troop "
	               "Withdrawal");
	expect_none(h, "the duration of foreign troops' stay in iraq. let's "
	               "take a look at the observations.");
	expect_none(h, "Let’s be honest: rock ’n’ roll won’t die, and the "
	               "’90s are back in the students’ dorms.");
	expect_none(h, "It's the students' books, isn't it? Rock 'n' roll "
	               "won't die.");
	dp_harness_free(h);
}

static void test_names_are_not_quotes(void **unused)
{
	struct dp_harness *h = pipeline(NULL);

	(void)unused;
	/* seed 003 */
	expect_none(h, "Under a joint joint task force named “Operation "
	               "Inherent Resolve,” The United States maintains a large "
	               "presence, including two air bases.");
	expect_none(h, "The last club of Prose was Tartu “Tammeka”, for which "
	               "he played last season.");
	expect_none(h, "Read more in the Kommersant article \"Israel is waiting "
	               "for Hezbollah's revenge.\"");
	expect_none(h, "The film \"Gone With the Wind\" was shown again.");
	dp_harness_free(h);
}

static void test_scare_quotes(void **unused)
{
	static const char text[] =
		"however, after the extremist organization \"islamic state\" "
		"occupied large areas of western and northern iraq in 2014, the "
		"united states once again increased its troops.";
	struct dp_harness *h = pipeline(NULL);
	long i;

	(void)unused;
	/* seed 004: off by default */
	expect_none(h, text);
	dp_harness_free(h);

	h = pipeline("{scare_quotes: true}");
	run(h, text);
	assert_int_equal(dp_harness_count(h, "quotes"), 1);
	i = find_quote(h, "islamic state", "scare");
	assert_true(i >= 0);
	assert_null(dp_harness_attr(h, "quotes", (size_t)i, "speaker"));
	assert_null(dp_harness_attr(h, "quotes", (size_t)i, "cue"));
	dp_harness_free(h);
}

static void test_urls_and_code(void **unused)
{
	struct dp_harness *h = pipeline(NULL);

	(void)unused;
	expect_none(h, "See https://example.com/search?q=\"abc\"&x='y' for "
	               "details.");
	expect_none(h, "Type print(\"hello world\") and x = \"value\" in the "
	               "console.");
	expect_none(h, "Run `echo \"it is done\"` in a shell; the tag is "
	               "<a href=\"page.html\">.");
	expect_none(h, "The pipe is 12\" wide and 5'10\" long.");
	EXPECT(h, "See https://example.com/?q=\"abc\" first. He said \"that is "
	          "fine with me\" later.",
	       { "that is fine with me", "partial", "He", "said" });
	dp_harness_free(h);
}

/* ---- partial quotes ----------------------------------------------------- */

static void test_partial(void **unused)
{
	struct dp_harness *h = pipeline(NULL);

	(void)unused;
	/* seed 002 */
	EXPECT(h, "In a statement on Friday, Spokeswoman Morgan Ortagus said "
	          "that the US military presence in Iraq was ‘appropriate’ "
	          "and that any delegation would not discuss the removal of "
	          "troops, RT reported.",
	       { "the US military presence in Iraq was ‘appropriate’ and that "
	         "any delegation would not discuss the removal of troops",
	         "indirect", "Spokeswoman Morgan Ortagus", "said" },
	       { "appropriate", "partial", "Spokeswoman Morgan Ortagus",
	         "said" });
	EXPECT(h, "The US is willing to discuss a partnership, the US State "
	          "Department announced, after the country’s prime minister "
	          "told Washington to “prepare a mechanism” for pull back.",
	       { "The US is willing to discuss a partnership", "indirect",
	         "the US State Department", "announced" },
	       { "prepare a mechanism", "partial",
	         "the country’s prime minister", "told" });
	/* seed 001: the source of a fragment is "according to" */
	EXPECT(h, "Nasser Kanaani said Tehran supports Iraq. Besides, "
	          "according to this diplomatic official, Iran \"has "
	          "repeatedly expressed its views to countries in the "
	          "region\".",
	       { "Tehran supports Iraq", "indirect", "Nasser Kanaani",
	         "said" },
	       { "has repeatedly expressed its views to countries in the "
	         "region", "partial", "Nasser Kanaani", "according to" });
	dp_harness_free(h);
}

/* ---- reported speech ---------------------------------------------------- */

static void test_reported_said_that(void **unused)
{
	struct dp_harness *h = pipeline(NULL);

	(void)unused;
	/* seed 000 */
	EXPECT(h, "Pentagon spokesman Ryder said that the US Department of "
	          "Defense has not received any notice from Iraq.\nThe "
	          "Pentagon stressed that the US troops stationed in Iraq "
	          "were welcomed by Iraq.",
	       { "the US Department of Defense has not received any notice "
	         "from Iraq", "indirect", "Pentagon spokesman Ryder", "said" },
	       { "the US troops stationed in Iraq were welcomed by Iraq",
	         "indirect", "The Pentagon", "stressed" });
	/* zero "that", pronoun resolved to the fullest mention */
	EXPECT(h, "Iraqi Prime Minister Bassini said in an interview that the "
	          "refusal is a violation of the agreement. He said Iraq "
	          "would take all necessary measures.",
	       { "the refusal is a violation of the agreement", "indirect",
	         "Iraqi Prime Minister Bassini", "said" },
	       { "Iraq would take all necessary measures", "indirect",
	         "Iraqi Prime Minister Bassini", "said" });
	dp_harness_free(h);
}

static void test_reported_verbs(void **unused)
{
	struct dp_harness *h = pipeline(NULL);

	(void)unused;
	EXPECT(h, "The minister noted that prices rose in May. The "
	          "economist argued that rates must fall soon. The general "
	          "warned that the war could spread quickly. She added that "
	          "talks would resume.",
	       { "prices rose in May", "indirect", "The minister", "noted" },
	       { "rates must fall soon", "indirect", "The economist",
	         "argued" },
	       { "the war could spread quickly", "indirect", "The general",
	         "warned" },
	       { "talks would resume", "indirect", "The general", "added" });
	/* seed 001 */
	EXPECT(h, "Affirming that he had not seen any notice from Baghdad, Mr. "
	          "Ryder also emphasized that the US forces present in Iraq "
	          "were at the request of the government.",
	       { "he had not seen any notice from Baghdad", "indirect",
	         "Mr. Ryder", "Affirming" },
	       { "the US forces present in Iraq were at the request of the "
	         "government", "indirect", "Mr. Ryder", "emphasized" });
	dp_harness_free(h);
}

/* Verbs that look like cues but report nothing here. */
static void test_not_reported(void **unused)
{
	struct dp_harness *h = pipeline(NULL);

	(void)unused;
	expect_none(h, "The Bank of Russia is expected to cut its key rate "
	               "again.");
	expect_none(h, "Robles, who continued to play across the innings, was "
	               "in a pinch.");
	expect_none(h, "In order to achieve results, he revised his diet.");
	expect_none(h, "He said nothing else about it.");
	expect_none(h, "The schedule that is independent of the security "
	               "situation was kept.");
	expect_none(h, "Earlier Myasnikov told why you can eat candy at "
	               "night.");
	dp_harness_free(h);
}

static void test_reported_according_to(void **unused)
{
	struct dp_harness *h = pipeline(NULL);

	(void)unused;
	/* seeds 003 and 004 */
	EXPECT(h, "According to sources, the United States and Iraq are "
	          "beginning talks about the future of American troops.",
	       { "the United States and Iraq are beginning talks about the "
	         "future of American troops", "indirect", "sources",
	         "According to" });
	EXPECT(h, "Talks will begin in May, according to the ministry.",
	       { "Talks will begin in May", "indirect", "the ministry",
	         "according to" });
	expect_none(h, "According to the plan, all coalition forces will "
	               "withdraw by September.");
	dp_harness_free(h);
}

static void test_reported_quoted_as_saying(void **unused)
{
	struct dp_harness *h = pipeline(NULL);
	long i;

	(void)unused;
	/* seed 001: the speaker is Ryder, not Reuters */
	EXPECT(h, "In response to this information, Reuters quoted US Air "
	          "Force Major General Patrick Ryder on January 8 as saying "
	          "that he had not received any information about any "
	          "withdrawal plans.",
	       { "he had not received any information about any withdrawal "
	         "plans", "indirect", "US Air Force Major General Patrick "
	         "Ryder", "quoted ... as saying" });
	i = find_quote(h, "he had not received any information about any "
	                  "withdrawal plans", NULL);
	assert_string_equal(dp_harness_attr(h, "quotes", (size_t)i, "speaker"),
	                    "US Air Force Major General Patrick Ryder");
	/* seed 001: "quoted Y's announcement that" */
	EXPECT(h, "On January 5, the Iraqi Prime Minister's Office quoted Prime "
	          "Minister Mohammed Shia Al-Sudani's announcement that the "
	          "government is establishing a bilateral committee.",
	       { "the government is establishing a bilateral committee",
	         "indirect", "Prime Minister Mohammed Shia Al-Sudani",
	         "quoted" });
	dp_harness_free(h);
}

static void test_reported_urged_to(void **unused)
{
	struct dp_harness *h = pipeline(NULL);

	(void)unused;
	/* seed 000, seed 003 */
	EXPECT(h, "UN Secretary-General António Guterres issued a statement "
	          "urging the United States to respect Iraq's sovereignty.",
	       { "respect Iraq's sovereignty", "indirect",
	         "UN Secretary-General António Guterres", "urging" });
	EXPECT(h, "Myasnikov urged everyone to pay attention to these "
	          "factors.",
	       { "pay attention to these factors", "indirect", "Myasnikov",
	         "urged" });
	dp_harness_free(h);
}

/* ---- speakers ----------------------------------------------------------- */

static void test_speakers(void **unused)
{
	struct dp_harness *h = pipeline(NULL);
	struct dp_layer *l;
	size_t s, e;
	long i;

	(void)unused;
	EXPECT(h, "\"We are ready for the talks,\" said Ryder.",
	       { "We are ready for the talks,", "direct", "Ryder", "said" });
	EXPECT(h, "\"We are ready for the talks,\" said the prime minister.",
	       { "We are ready for the talks,", "direct", "the prime minister",
	         "said" });
	/* a pronoun goes to the last compatible speaker; the speaker span
	 * is the pronoun, the speaker text the fullest mention */
	run(h, "U.S. Secretary of State Antony Blinken said that the United "
	       "States is willing to talk. However, he also stressed that "
	       "the United States will not give up.");
	i = find_quote(h, "the United States will not give up", "indirect");
	assert_true(i >= 0);
	assert_string_equal(dp_harness_attr(h, "quotes", (size_t)i, "speaker"),
	                    "U.S. Secretary of State Antony Blinken");
	l = dp_harness_layer(h, "quotes");
	assert_true(dp_layer_get_span(l, (size_t)i, 2, &s, &e));
	assert_int_equal(e - s, 2);
	assert_memory_equal(dp_doc_text(dp_harness_doc(h), NULL) + s, "he", 2);
	/* organisations are not "he" */
	EXPECT(h, "The Pentagon stressed that the troops were welcome. He "
	          "said nothing else about it.",
	       { "the troops were welcome", "indirect", "The Pentagon",
	         "stressed" });
	/* "who" and a coordinated verb: seed 002 */
	EXPECT(h, "The resolution was dismissed by US President Donald Trump, "
	          "who threatened the country with “very big sanctions” and "
	          "said the US would not leave until Iraq paid Washington "
	          "back.",
	       { "very big sanctions", "partial", "US President Donald Trump",
	         "threatened" },
	       { "the US would not leave until Iraq paid Washington back",
	         "indirect", "US President Donald Trump", "said" });
	dp_harness_free(h);
}

static void test_speaker_lowercase(void **unused)
{
	struct dp_harness *h = pipeline(NULL);

	(void)unused;
	/* seed 004: all lowercase, a reporter's transcript */
	EXPECT(h, "let's take a look at the observations sent back by cctv "
	          "reporter mi chunze from baghdad, the capital of iraq.\n\n"
	          "mi chunze, cctv reporter: this is baghdad, the capital of "
	          "iraq. on january 25 this year, the iraqi ministry of "
	          "foreign affairs announced that the government intends to "
	          "formulate a specific timetable.\n\n"
	          "according to a source from the iraqi security department "
	          "on the 6th, the iraqi security delegation will go to the "
	          "united states at the end of this month.",
	       { "this is baghdad, the capital of iraq. on january 25 this "
	         "year, the iraqi ministry of foreign affairs announced that "
	         "the government intends to formulate a specific timetable.",
	         "direct", "cctv reporter mi chunze", NULL },
	       { "the government intends to formulate a specific timetable",
	         "indirect", "the iraqi ministry of foreign affairs",
	         "announced" },
	       { "the iraqi security delegation will go to the united states "
	         "at the end of this month", "indirect",
	         "a source from the iraqi security department",
	         "according to" });
	dp_harness_free(h);
}

/* ---- options ------------------------------------------------------------ */

static void test_option_kinds(void **unused)
{
	static const char text[] =
		"\"We are ready,\" he said. She said that the talks would "
		"resume. He called the plan \"a total disaster for all\".";
	struct dp_harness *h = pipeline("{kinds: [direct]}");

	(void)unused;
	EXPECT(h, text, { "We are ready,", "direct", "he", "said" });
	dp_harness_free(h);
	h = pipeline("{kinds: [indirect, partial]}");
	EXPECT(h, text,
	       { "the talks would resume", "indirect", "She", "said" },
	       { "a total disaster for all", "partial", "He", "called" });
	dp_harness_free(h);
}

static void test_option_cues(void **unused)
{
	static const char text[] = "\"It was a long day,\" Smith harrumphed.";
	struct dp_harness *h = pipeline(NULL);

	(void)unused;
	EXPECT(h, text, { "It was a long day,", "direct", NULL, NULL });
	dp_harness_free(h);
	h = pipeline("{cues: [Harrumphed, mused]}");
	EXPECT(h, text, { "It was a long day,", "direct", "Smith",
	                  "harrumphed" });
	EXPECT(h, "Smith mused that the day was long.",
	       { "the day was long", "indirect", "Smith", "mused" });
	dp_harness_free(h);
}

static void test_option_errors(void **unused)
{
	static const char *const bad[] = {
		"{kinds: [direct, bogus]}", "{kinds: [scare]}", "{kinds: []}",
		"{cues: [\"two words\"]}", "{cues: [\"\"]}",
		"{max_length: 5}", "{max_length: 99999999}",
		"{max_lenght: 100}", "{scare_quotes: maybe}",
	};

	(void)unused;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct dp_harness *h = dp_harness_new();
		assert_non_null(h);
		assert_int_equal(dp_harness_add(h, TOKENIZER_LA, NULL), 0);
		if (dp_harness_add(h, PLUGIN_LA, bad[i]) >= 0)
			fail_msg("options %s were accepted", bad[i]);
		assert_true(strlen(dp_harness_error(h)) > 0);
		dp_harness_free(h);
	}
}

static void test_requires_tokenizer(void **unused)
{
	struct dp_harness *h = dp_harness_new();

	(void)unused;
	assert_non_null(h);
	assert_true(dp_harness_add(h, PLUGIN_LA, NULL) < 0);
	assert_non_null(strstr(dp_harness_error(h), "tokens"));
	dp_harness_free(h);
}

/* ---- the layer ---------------------------------------------------------- */

static void test_layer_contract(void **unused)
{
	struct dp_harness *h = pipeline(NULL);
	struct dp_layer *l;
	const char *text;
	size_t len;

	(void)unused;
	run(h, "");
	assert_int_equal(dp_harness_count(h, "quotes"), 0);
	assert_non_null(dp_harness_layer(h, "quotes"));
	run(h, "No quotations here at all.\n\n\n");
	assert_int_equal(dp_harness_count(h, "quotes"), 0);

	run(h, "“It’s over,” he said, “and we lost the match.”\nThe coach "
	       "said that the team played well.");
	l = dp_harness_layer(h, "quotes");
	text = dp_doc_text(dp_harness_doc(h), &len);
	assert_int_equal(dp_layer_size(l), 3);
	for (size_t i = 0; i < dp_layer_size(l); i++) {
		size_t s = dp_layer_start(l, i), e = dp_layer_end(l, i);
		const char *k = dp_harness_attr(h, "quotes", i, "kind");
		const char *t = dp_harness_attr(h, "quotes", i, "text");
		assert_true(s < e && e <= len);
		if (i > 0)
			assert_true(s >= dp_layer_start(l, i - 1));
		/* direct quotes: the span holds the marks, the text not */
		if (strcmp(k, "direct") == 0) {
			assert_memory_equal(text + s, "\xE2\x80\x9C", 3);
			assert_memory_equal(text + e - 3, "\xE2\x80\x9D", 3);
			assert_int_equal(strlen(t), e - s - 6);
		} else {
			assert_string_equal(k, "indirect");
			assert_int_equal(strlen(t), e - s);
		}
	}
	/* the JSON record names every attribute */
	assert_non_null(strstr(dp_harness_json(h), "\"speaker_start\""));
	assert_non_null(strstr(dp_harness_json(h), "\"cue\":\"said\""));
	dp_harness_free(h);
}

/* ---- memory ------------------------------------------------------------- */

static void test_alloc_failures(void **unused)
{
	static const char text[] =
		"Pentagon spokesman Ryder said that the troops will stay. "
		"“The HMC will meet. “The United States keeps its rights,” the "
		"US official added. He said \"it is 'fine'\" and left, "
		"according to sources.";
	struct dp_harness *h = pipeline(NULL);

	(void)unused;
	if (dp_harness_alloc_sweep(h, text, NULL, 100000) <= 0)
		fail_msg("allocation failures: %s", dp_harness_error(h));
	run(h, text);
	assert_true(dp_harness_count(h, "quotes") >= 4);
	dp_harness_free(h);
}

/* ---- documentation ------------------------------------------------------ */

/* ---- the lexer's fast paths ------------------------------------------ */

/* A capitalised e-mail address is URL-like, so never a speaker: the URL
 * test reads bytes 1 to 16 of a word in one step when 17 bytes can be
 * read, and in eight-byte steps, then byte by byte, near the end of the
 * text. Every length from 7 to 20 and every position of the '@', with
 * the word in mid-text and as the text's last bytes; a plain word of the
 * same length is the speaker. */
static void test_url_like_words(void **unused)
{
	struct dp_harness *h = pipeline(NULL);
	char word[32], text[96];

	(void)unused;
	for (size_t n = 7; n <= 20; n++) {
		for (size_t at = 1; at + 5 < n; at++) {
			/* A, a..., @, b..., .org: n bytes, '@' at byte at */
			size_t k = 0;
			word[k++] = 'A';
			while (k < at)
				word[k++] = 'a';
			word[k++] = '@';
			while (k < n - 4)
				word[k++] = 'b';
			memcpy(word + k, ".org", 5);
			assert_int_equal(strlen(word), n);
			snprintf(text, sizeof(text),
			         "%s said that the plan works.", word);
			EXPECT(h, text, { "the plan works", "indirect", NULL,
			                  "said" });
			snprintf(text, sizeof(text),
			         "\xE2\x80\x9CThe plan works,\xE2\x80\x9D said %s",
			         word);
			EXPECT(h, text, { "The plan works,", "direct", NULL,
			                  "said" });
		}
		memset(word, 'b', n);
		word[0] = 'A';
		word[n] = '\0';
		snprintf(text, sizeof(text), "%s said that the plan works.",
		         word);
		EXPECT(h, text, { "the plan works", "indirect", word, "said" });
		snprintf(text, sizeof(text),
		         "\xE2\x80\x9CThe plan works,\xE2\x80\x9D said %s", word);
		EXPECT(h, text, { "The plan works,", "direct", word, "said" });
	}
	dp_harness_free(h);
}

/* Clitics joined again after words of every length up to the end of
 * the text, and a text whose line breaks outnumber its tokens (the
 * token array grows at a line break). */
static void test_clitics_and_line_breaks(void **unused)
{
	struct dp_harness *h = pipeline(NULL);
	char text[4096];
	size_t k;

	(void)unused;
	EXPECT(h, "Abbbbbbbbbbbbbbb\xE2\x80\x99s spokesman said that the "
	          "plan works.",
	       { "the plan works", "indirect",
	         "Abbbbbbbbbbbbbbb\xE2\x80\x99s spokesman", "said" });
	EXPECT(h, "\"It won't work,\" he said. Iraq's leaders didn't agree.",
	       { "It won't work,", "direct", "he", "said" });
	/* the clitic as the text's last bytes */
	EXPECT(h, "Ryder said that it won\xE2\x80\x99t",
	       { "it won\xE2\x80\x99t", "indirect", "Ryder", "said" });
	EXPECT(h, "Ryder said that it is Abbbbbbbbbbbbbbbbbbbb\xE2\x80\x99s",
	       { "it is Abbbbbbbbbbbbbbbbbbbb\xE2\x80\x99s", "indirect",
	         "Ryder", "said" });
	EXPECT(h, "Ryder said that it is troops'",
	       { "it is troops'", "indirect", "Ryder", "said" });
	k = (size_t)snprintf(text, sizeof(text),
	                     "Ryder said that the plan works.");
	while (k < 3000)
		text[k++] = '\n';
	snprintf(text + k, sizeof(text) - k,
	         "Abbott said that the talks would go on.");
	EXPECT(h, text, { "the plan works", "indirect", "Ryder", "said" },
	       { "the talks would go on", "indirect", "Abbott", "said" });
	dp_harness_free(h);
}

/* The lexer's two paths (a call-free loop for ASCII words and
 * punctuation after no gap or one space, one token at a time for the
 * rest) and its lazy word classes: cues, names and classes must come out
 * the same on either side of every switch between them. */
static void test_lexer_paths(void **unused)
{
	struct dp_harness *h = pipeline(NULL);
	char word[48], text[160];

	(void)unused;
	/* the cue as the text's last token, taken one at a time */
	EXPECT(h, "\"We agree,\" Ryder said",
	       { "We agree,", "direct", "Ryder", "said" });
	/* a speaker after a line break, after a word beyond ASCII, and
	 * a cue after a quote mark and after two spaces */
	EXPECT(h, "Intro.\nRyder said that the plan works.",
	       { "the plan works", "indirect", "Ryder", "said" });
	EXPECT(h, "\xC3\x89" "ric Ryder said that the plan works.",
	       { "the plan works", "indirect",
	         "\xC3\x89" "ric Ryder", "said" });
	EXPECT(h, "Ryder \xE2\x80\x9Csaid\xE2\x80\x9D nothing. Abbott  "
	          "said that the talks would go on.",
	       { "the talks would go on", "indirect", "Abbott", "said" });
	/* a paragraph that starts with a quote mark or a clitic word:
	 * the loop takes the line breaks, then leaves the token to the
	 * one-at-a-time path (the line breaks counted once) */
	EXPECT(h, "Economists added.\n    \"We agree,\" Ryder said.\n"
	          "    \"It works,\" Abbott added.",
	       { "We agree,", "direct", "Ryder", "said" },
	       { "It works,", "direct", "Abbott", "added" });
	/* (Reuters) the quote before a paragraph that opens with a quote
	 * mark takes that paragraph's cue, which line breaks counted
	 * twice put out of reach */
	EXPECT(h, "Economists said.\n    \"The one thing that caught my eye "
	          "were the relatively\nsizeable matched sales on "
	          "Wednesday,\" said Dana Johnson of\nFirst National Bank of "
	          "Chicago. \"But there was a clearly\njustified need for "
	          "them. There was nothing ominous.\"\n    \"The Fed "
	          "couldn't have waited until the start of the new\n"
	          "statement period today. If it had, it would have missed "
	          "its\n(reserve) projections,\" added Security Pacific's "
	          "Bannon.",
	       { "The one thing that caught my eye were the relatively\n"
	         "sizeable matched sales on Wednesday,", "direct", NULL,
	         "said" },
	       { "Dana Johnson of\nFirst National Bank of Chicago",
	         "indirect", NULL, "said" },
	       { "But there was a clearly\njustified need for them. There "
	         "was nothing ominous.", "direct", NULL, "added" },
	       { "The Fed couldn't have waited until the start of the new\n"
	         "statement period today. If it had, it would have missed "
	         "its\n(reserve) projections,", "direct", NULL, "added" });
	EXPECT(h, "Intro.\n\nIraq\xE2\x80\x99s minister said that the plan "
	          "works.",
	       { "the plan works", "indirect",
	         "Iraq\xE2\x80\x99s minister", "said" });
	/* words that pass the cue prefilter and are no cue: beyond ASCII
	 * at the end, a digit first, 32 bytes longer than "said" */
	expect_none(h, "Ryder sa\xC3\xAF" "d that the plan works.");
	expect_none(h, "Ryder 5aid that the plan works.");
	memset(word, 'a', 36);
	word[0] = 'S';
	word[35] = 'd';
	word[36] = '\0';
	snprintf(text, sizeof(text), "%s told reporters that it works.",
	         word);
	EXPECT(h, text, { "it works", "indirect", word, "told" });
	snprintf(text, sizeof(text), "Ryder %s that it works.", word);
	expect_none(h, text);
	/* lazy classes: possessives, a statement, a role noun, read by
	 * the rules long after the lexer */
	EXPECT(h, "The ministry\xE2\x80\x99s statement said that the troops "
	          "would stay.",
	       { "the troops would stay", "indirect", "The ministry",
	         "said" });
	EXPECT(h, "According to the Iraqi Foreign Ministry\xE2\x80\x99s "
	          "spokesman, the troops would stay.",
	       { "the troops would stay", "indirect",
	         "the Iraqi Foreign Ministry\xE2\x80\x99s spokesman",
	         "According to" });
	dp_harness_free(h);
}

static void test_readme_documents_options(void **unused)
{
	static const char *const keys[] = {
		"`kinds`", "`cues`", "`scare_quotes`", "`max_length`",
	};
	char path[1024];
	FILE *f;
	char *buf;
	long n;

	(void)unused;
	snprintf(path, sizeof path, "%s/../../README.md", FIXTURES);
	f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n > 0);
	rewind(f);
	buf = calloc(1, (size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (!strstr(buf, keys[i]))
			fail_msg("README.md does not document %s", keys[i]);
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_styles),
		cmocka_unit_test(test_attribution_forms),
		cmocka_unit_test(test_nested),
		cmocka_unit_test(test_multi_paragraph),
		cmocka_unit_test(test_space_after_opening_mark),
		cmocka_unit_test(test_missing_closing_mark),
		cmocka_unit_test(test_never_swallow_a_paragraph),
		cmocka_unit_test(test_stray_closing_mark),
		cmocka_unit_test(test_max_length),
		cmocka_unit_test(test_max_length_multibyte),
		cmocka_unit_test(test_mark_neighbours),
		cmocka_unit_test(test_description_to_name),
		cmocka_unit_test(test_apostrophes),
		cmocka_unit_test(test_names_are_not_quotes),
		cmocka_unit_test(test_scare_quotes),
		cmocka_unit_test(test_urls_and_code),
		cmocka_unit_test(test_partial),
		cmocka_unit_test(test_reported_said_that),
		cmocka_unit_test(test_reported_verbs),
		cmocka_unit_test(test_not_reported),
		cmocka_unit_test(test_reported_according_to),
		cmocka_unit_test(test_reported_quoted_as_saying),
		cmocka_unit_test(test_reported_urged_to),
		cmocka_unit_test(test_speakers),
		cmocka_unit_test(test_speaker_lowercase),
		cmocka_unit_test(test_option_kinds),
		cmocka_unit_test(test_option_cues),
		cmocka_unit_test(test_option_errors),
		cmocka_unit_test(test_requires_tokenizer),
		cmocka_unit_test(test_layer_contract),
		cmocka_unit_test(test_alloc_failures),
		cmocka_unit_test(test_readme_documents_options),
		cmocka_unit_test(test_url_like_words),
		cmocka_unit_test(test_clitics_and_line_breaks),
		cmocka_unit_test(test_lexer_paths),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
