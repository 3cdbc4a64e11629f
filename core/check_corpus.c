/*
 * check_corpus.c - the torture corpus of docproc-check, generated in code:
 * empty and one-byte texts, every script the tokenizer supports, emoji
 * sequences, combining marks, control characters, valid but unusual code
 * points (U+FFFD, noncharacters, bidi controls), degenerate shapes (one
 * long word, only newlines), and big texts made by repetition.
 *
 * Every text is valid UTF-8 (the core refuses anything else before a
 * plugin sees it); several contain a NUL byte.
 */
#include "config.h"
#include "check_plugin.h"

#include <stdlib.h>
#include <string.h>

/* One sentence per script, in the register of news (names, numbers,
 * quotation marks), so that the real plugins have something to find. */
static const struct {
	const char *name;
	const char *text;
} fixed[] = {
	{"latin", "Größere Veränderungen: café, naïve, Ærøskøbing, Łódź, "
	          "ﬁnance, Ĳssel. On Monday, Jan. 8, 2024, the Prime Minister "
	          "said: \"We will act.\" Mr. Smith, 45, told reporters at "
	          "10:30 a.m. that prices rose 3.5% since 2020."},
	{"cyrillic", "Президент России заявил, что «переговоры» продолжатся "
	             "5 января 2024 года. — Да, — сказал он."},
	{"greek", "Ο πρωθυπουργός δήλωσε ότι «η οικονομία» ανακάμπτει; Ναι, "
	          "το 2024."},
	{"arabic", "قال الرئيس إن «المفاوضات» ستستمر في ٥ يناير ٢٠٢٤. "
	           "وأضاف: \"نحن مستعدون\"."},
	{"hebrew", "ראש הממשלה אמר כי \"השיחות\" יימשכו בשנת 2024. שָׁלוֹם."},
	{"devanagari", "प्रधानमंत्री ने कहा कि बातचीत जारी रहेगी। यह २०२४ है। "
	               "क्षत्रिय"},
	{"thai", "นายกรัฐมนตรีกล่าวว่าการเจรจาจะดำเนินต่อไปในปี ๒๕๖๗"},
	{"cjk", "国务院总理表示，谈判将于2024年1月5日继续。「你好」𠀋𪚲"},
	{"japanese", "首相は「交渉は続く」と述べた。カタカナとひらがな、ｶﾀｶﾅ。"},
	{"korean", "대통령은 \"협상이 계속될 것\"이라고 말했다. 한글 자모: ᄀ ᅡ 가"},
	{"emoji", "Family: 👨‍👩‍👧‍👦 couple: 👩‍❤️‍💋‍👨 flags: 🇫🇷🇯🇵🇺🇳 "
	          "🏴󠁧󠁢󠁳󠁣󠁴󠁿 skin: 👍🏽👋🏿 keycap: 1️⃣ #️⃣ heart: ❤️ "
	          "rainbow: 🏳️‍🌈 alone: 😀"},
	{"combining", "e\xcc\x81 a\xcc\x88\xcc\xa3 o\xcc\x8b\xcc\x8b "
	              "Z\xcd\x91\xcc\x87\xcc\x86\xcc\x95\xcd\x9c\xcc\xb6" "a"
	              "\xcc\xb8\xcd\x8el\xcd\x8e\xcc\xa6g\xcc\xb7o "
	              "\xcc\x81 starts with a mark; ends with one: x\xcc\x81"},
	{"controls", "tab\there\r\nline\x0b" "vt\x0c" "ff\x01\x02\x1b[0m"
	             "\x7f C1:\xc2\x85\xc2\x80\xc2\x9f end\r"},
	{"odd-but-valid", "\xef\xbb\xbf" "BOM, U+FFFD \xef\xbf\xbd, "
	                  "noncharacters \xef\xbf\xbe \xef\xbf\xbf "
	                  "\xef\xb7\x90 \xf4\x8f\xbf\xbf \xf0\x9f\xbf\xbe, "
	                  "zwsp\xe2\x80\x8bzwj\xe2\x80\x8dnbsp\xc2\xa0rtl"
	                  "\xe2\x80\x8f\xe2\x80\xaeoverride\xe2\x80\xac "
	                  "ls\xe2\x80\xa8ps\xe2\x80\xa9 private \xee\x80\x80"},
	{"one-byte", "a"},
	{"one-punct", "."},
	{"one-space", " "},
	{"one-newline", "\n"},
	{"one-2byte", "é"},
	{"one-4byte", "😀"},
	{"only-space", "   \n\n\t  \r\n "},
	{"only-punct", "...!!!?" "?" "?---«»“”‘’„"},
	{"numbers", "1 12 1,234,567.89 3.5% -7 +44 (0)20 7946 0958 1e10 ½ ²"},
	{"web", "Mail press@gov.example, see https://example.org/a?b=1&c=2#x "
	        "or www.example.com; #news @reuters $AAPL C++ e.g. U.S.A."},
	{"", ""},
};

static int add_doc(struct chk_corpus *c, const char *name, char *text,
                   size_t len, bool big)
{
	struct chk_doc *nd = realloc(c->docs, (c->n + 1) * sizeof *nd);

	if (!nd) {
		free(text);
		return -1;
	}
	c->docs = nd;
	nd[c->n].name = name;
	nd[c->n].text = text;
	nd[c->n].len = len;
	nd[c->n].big = big;
	c->n++;
	c->bytes += len;
	return 0;
}

static int add_copy(struct chk_corpus *c, const char *name, const char *s,
                    size_t len)
{
	char *t = malloc(len + 1);

	if (!t)
		return -1;
	memcpy(t, s, len);
	t[len] = '\0';
	return add_doc(c, name, t, len, false);
}

/* @unit repeated to at least @min bytes (whole units: stays valid UTF-8);
 * with @sep between the units. */
static int add_repeat(struct chk_corpus *c, const char *name,
                      const char *unit, size_t ulen, size_t min, bool big)
{
	size_t times = min / ulen + (min % ulen != 0) + (min == 0);
	size_t len = times * ulen;
	char *t = malloc(len + 1);

	if (!t)
		return -1;
	for (size_t i = 0; i < times; i++)
		memcpy(t + i * ulen, unit, ulen);
	t[len] = '\0';
	return add_doc(c, name, t, len, big);
}

int chk_corpus_build(struct chk_corpus *c, size_t big_bytes)
{
	size_t nfixed = sizeof fixed / sizeof *fixed;
	size_t mixed_len = 0, off = 0;
	char *mixed;
	static const char nul[] = "before NUL\0after NUL, and \0\0 two more";

	memset(c, 0, sizeof *c);
	for (size_t i = 0; i < nfixed; i++)
		if (add_copy(c, fixed[i].name[0] ? fixed[i].name : "empty",
		             fixed[i].text, strlen(fixed[i].text)) < 0)
			goto out_nomem;
	if (add_copy(c, "nul-bytes", nul, sizeof nul - 1) < 0)
		goto out_nomem;
	if (add_repeat(c, "long-word", "a", 1, 10000, false) < 0 ||
	    add_repeat(c, "only-newlines", "\n", 1, 1000, false) < 0 ||
	    add_repeat(c, "many-marks", "\xcc\x81", 2, 2000, false) < 0 ||
	    add_repeat(c, "long-emoji-run", "👨‍👩‍👧‍👦", 25, 5000, false) < 0)
		goto out_nomem;

	/* every script in one text, a paragraph apart */
	for (size_t i = 0; i < nfixed; i++)
		mixed_len += strlen(fixed[i].text) + 2;
	mixed = malloc(mixed_len + 1);
	if (!mixed)
		goto out_nomem;
	for (size_t i = 0; i < nfixed; i++) {
		size_t l = strlen(fixed[i].text);
		memcpy(mixed + off, fixed[i].text, l);
		memcpy(mixed + off + l, "\n\n", 2);
		off += l + 2;
	}
	mixed[off] = '\0';
	if (add_doc(c, "all-scripts", mixed, off, false) < 0)
		goto out_nomem;
	if (add_repeat(c, "medium-256KB", mixed, off, 256 * 1024, false) < 0)
		goto out_nomem;
	if (big_bytes && add_repeat(c, "big", mixed, off, big_bytes, true) < 0)
		goto out_nomem;
	return 0;

out_nomem:
	chk_corpus_free(c);
	return -1;
}

void chk_corpus_free(struct chk_corpus *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->docs[i].text);
	free(c->docs);
	memset(c, 0, sizeof *c);
}
