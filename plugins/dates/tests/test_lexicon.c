/*
 * test_lexicon.c - cmocka tests of the lexicon's short-word table, linked
 * with lexicon.c itself: lx_short_probe() reads one slot per word, so
 * every short word must sit in its own home slot and every other key
 * must miss, whatever slot it hashes to.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../lexicon.h"

/* The packed key of a lower-case word of at most 8 bytes, as the lexer
 * builds it (first byte lowest). */
static uint64_t pack(const char *w, size_t n)
{
	uint64_t key = 0;
	for (size_t k = 0; k < n; k++)
		key |= (uint64_t)(unsigned char)w[k] << (8 * k);
	return key;
}

/* Every word of up to 8 bytes is found by a one-slot probe, and finds
 * an entry spelled the same (the first entry of a word wins). */
static void test_short_words_found(void **state)
{
	(void)state;
	struct lx_table t;
	assert_int_equal(lx_table_init(&t), 0);
	size_t n = lx_count(&t), found = 0;
	for (size_t i = 0; i < n; i++) {
		const char *w = t.entries[i].word;
		size_t len = strlen(w);
		if (len > 8)
			continue;
		const struct lx_entry *e = lx_lookup_short(&t, pack(w, len));
		assert_non_null(e);
		assert_string_equal(e->word, w);
		assert_ptr_equal(e, lx_lookup(&t, w, len));
		found++;
	}
	assert_true(found > 300);
	lx_table_free(&t);
}

/* Keys that are no word miss, also those that share a slot with a
 * word: the probe compares the whole key, and an empty slot (key 0)
 * gives 0. */
static void test_unknown_keys_miss(void **state)
{
	(void)state;
	struct lx_table t;
	assert_int_equal(lx_table_init(&t), 0);
	static const char *const words[] = {
		"the", "zzz", "said", "company", "qqqqqqqq", "x", "ma", "yesterdy",
		"januar", "mayy", "tuesdays", "weekendz",
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		size_t len = strlen(words[i]);
		const struct lx_entry *e = lx_lookup_short(&t, pack(words[i], len));
		assert_ptr_equal(e, lx_lookup(&t, words[i], len));
	}
	/* a sweep of two- and three-letter keys, each slot hit many times:
	 * the one-slot probe agrees with the general lookup on all */
	char w[4] = {0};
	for (char a = 'a'; a <= 'z'; a++)
		for (char b = 'a'; b <= 'z'; b++)
			for (char c = 'a' - 1; c <= 'z'; c++) {
				w[0] = a;
				w[1] = b;
				w[2] = c < 'a' ? '\0' : c;
				size_t len = strlen(w);
				assert_ptr_equal(lx_lookup_short(&t, pack(w, len)),
				                 lx_lookup(&t, w, len));
			}
	/* the key 0 (no word packs to it) finds nothing either */
	assert_null(lx_lookup_short(&t, 0));
	lx_table_free(&t);
}

/* The long-word table's keys of a lower-case word of 9 to LX_MAX_WORD
 * bytes, as the lexer builds them: the first 8 bytes, then the rest. */
static uint64_t long_probe(const struct lx_table *t, const char *w)
{
	size_t n = strlen(w);
	return lx_long_probe(t->longs, pack(w, 8), pack(w + 8, n - 8));
}

/* Every word of 9 to LX_MAX_WORD bytes is found in the long-word table
 * with the entry lx_lookup() finds; other long keys miss, also those
 * that differ in the second key only ("yesterdays"), or share its first
 * 8 bytes with a word ("thanksgivings"). */
static void test_long_words(void **state)
{
	(void)state;
	struct lx_table t;
	assert_int_equal(lx_table_init(&t), 0);
	size_t n = lx_count(&t), found = 0;
	for (size_t i = 0; i < n; i++) {
		const char *w = t.entries[i].word;
		size_t len = strlen(w);
		if (len <= 8)
			continue;
		assert_true(len <= LX_MAX_WORD);
		uint64_t b = long_probe(&t, w) & ~LX_START_BIT;
		const struct lx_entry *e = lx_lookup(&t, w, len);
		assert_non_null(e);
		assert_int_equal(b, lx_entry_bits(&t, e));
		found++;
	}
	assert_true(found > 20);
	static const char *const words[] = {
		"yesterdays", "thanksgivings", "companies", "september1",
		"aaaaaaaaaaaaa", "previouslyy", "electionday",
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		size_t len = strlen(words[i]);
		const struct lx_entry *e = lx_lookup(&t, words[i], len);
		uint64_t b = long_probe(&t, words[i]) & ~LX_START_BIT;
		assert_int_equal(b, e ? lx_entry_bits(&t, e) : 0);
	}
	lx_table_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_short_words_found),
		cmocka_unit_test(test_unknown_keys_miss),
		cmocka_unit_test(test_long_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
