/*
 * lexicon.h - the words the dates plugin knows, with their class and value.
 *
 * Every known word (lower case, ASCII) has a class (month, weekday, number
 * word, unit, ...) and a value within the class. Function words have class
 * LX_FN and an F_* value. The lookup table is built once by lex_table_init()
 * and is read-only afterwards.
 */
#ifndef DATES_LEXICON_H
#define DATES_LEXICON_H

#include <stddef.h>
#include <stdint.h>

enum lx_class {
	LX_NONE = 0,
	LX_MONTH,    /* val 1..12 */
	LX_WDAY,     /* val 1 (Monday) .. 7 (Sunday) */
	LX_NUMW,     /* number word, val = value */
	LX_ORDW,     /* ordinal word, val = value */
	LX_UNIT,     /* val = enum unit */
	LX_SEASON,   /* val = enum season */
	LX_TOD,      /* part of day, val = enum tod */
	LX_TZ,       /* time zone abbreviation */
	LX_HOLIDAY,  /* val = enum holiday */
	LX_FN,       /* function word, val = enum fn */
};

/* Flags of a lexicon entry. */
enum lx_flag {
	LXF_PLURAL = 1,  /* "years" */
	LXF_ABBR = 2,    /* "Sept", "Fri": needs a capital and a '.' or a number */
	LXF_AMBIG = 4,   /* "May", "March": also an ordinary word */
	LXF_LABEL = 8,   /* "Section", "No.": a number after it is a label */
	LXF_QTY = 16,    /* "troops", "percent": a number before it counts */
};

enum unit {
	U_NONE = 0, U_SECOND, U_MINUTE, U_HOUR, U_DAY, U_WEEKEND, U_WEEK,
	U_FORTNIGHT, U_MONTH, U_QUARTER, U_HALF, U_YEAR, U_DECADE, U_CENTURY,
	U_MILLENNIUM,
};

enum season { S_SPRING = 1, S_SUMMER, S_FALL, S_WINTER };
enum tod { T_MORNING = 1, T_AFTERNOON, T_EVENING, T_NIGHT, T_TONIGHT,
	T_NOON, T_MIDNIGHT, T_MIDDAY };
enum holiday { H_CHRISTMAS = 1, H_THANKSGIVING, H_EASTER, H_NEWYEAR,
	H_ELECTION, H_INDEPENDENCE, H_HALLOWEEN, H_VALENTINE, H_LABOR,
	H_MEMORIAL };

enum fn {
	F_NONE = 0,
	F_LAST, F_NEXT, F_THIS, F_PAST, F_COMING, F_PREVIOUS, F_FOLLOWING,
	F_AGO, F_EARLIER, F_LATER, F_BEFORE, F_AFTER, F_HENCE, F_THE, F_A,
	F_AN, F_OF, F_IN, F_ON, F_AT, F_BY, F_SINCE, F_UNTIL, F_THROUGH,
	F_FROM, F_TO, F_FOR, F_DURING, F_WITHIN, F_OVER, F_UNDER, F_EVERY,
	F_EACH, F_PER, F_EARLY, F_LATE, F_MID, F_MIDDLE, F_END, F_BEGINNING,
	F_START, F_CLOSE, F_ABOUT, F_AROUND, F_NEARLY, F_ALMOST, F_MORE,
	F_LESS, F_THAN, F_LEAST, F_UP, F_SOME, F_ROUGHLY, F_APPROXIMATELY,
	F_SEVERAL, F_FEW, F_MANY, F_COUPLE, F_NOW, F_TODAY, F_YESTERDAY,
	F_TOMORROW, F_CURRENTLY, F_CURRENT, F_RECENTLY, F_RECENT, F_FUTURE,
	F_SOON, F_PREVIOUSLY, F_LATEST, F_SAME, F_THAT, F_FISCAL, F_WILL,
	F_WOULD, F_LL, F_SHALL, F_GOING, F_EXPECTED, F_SCHEDULED, F_PLANS,
	F_PLANNED, F_DUE, F_AM, F_PM, F_DAILY, F_WEEKLY, F_MONTHLY,
	F_ANNUALLY, F_YEARLY, F_QUARTERLY, F_HOURLY, F_NIGHTLY, F_TWICE,
	F_TIMES, F_ONCE, F_AND, F_OR, F_LONG, F_OLD, F_FORMER, F_ALREADY,
	F_SECTION, F_FLEET, F_ARMY, F_CHAPTER, F_ARTICLE, F_ROUTE, F_MR,
	F_PERIOD, F_TIME, F_SAID, F_WAS, F_WERE, F_HAD, F_IS, F_ARE, F_HAS,
	F_NEAR, F_EXACTLY, F_JUST, F_OVERNIGHT, F_MOMENT, F_ENDED, F_ENDING,
	F_WHEN, F_THEN, F_HALF, F_DOZEN, F_HUNDRED, F_THOUSAND, F_LATELY,
	F_PRESENTLY, F_NOWADAYS, F_ENTIRE, F_WHOLE, F_FULL, F_CALENDAR,
	F_SPAN, F_HAPPY, F_TAKE, F_WELL, F_SET, F_PASTV, F_AGAINST,
};

/* No lexicon word is longer than this (bytes). */
#define LX_MAX_WORD 13

struct lx_entry {
	const char *word;
	uint8_t cls;
	uint8_t flags;
	int16_t val;
};

/* A short word of the lexicon: the packed word and lx_entry_bits() of
 * its entry, side by side so that a probe reads them in one load's
 * cache line. */
struct lx_short {
	uint64_t key;
	uint64_t bits;
};

/* A slot of the table of long words (9 to LX_MAX_WORD bytes): the first
 * 8 bytes packed in @k0, the rest in @k1 (first byte lowest), and
 * lx_entry_bits() of the entry (0 = empty slot). */
struct lx_long {
	uint64_t k0, k1;
	uint64_t bits;
};

/* A read-only hash table over the lexicon, built once. */
struct lx_table {
	uint16_t *slots; /* index+1 into the entry array, 0 = empty */
	size_t mask;
	const struct lx_entry *entries;
	uint32_t len_mask;  /* bit n set when some word has n bytes */
	/* bit n of pair_len[a][b]: some word of n bytes starts with the
	 * letters a, b ('a'..'z'; index 26 for a one-letter word) */
	uint16_t pair_len[26][27];
	/* words of up to 8 bytes packed into an integer (first byte lowest):
	 * one multiply, two loads, one compare and one select per lookup.
	 * short_idx has LX_SHORT_SLOTS slots, a fixed size so that the
	 * slot is found without loading the shift and the mask; a slot
	 * holds the word's index in @shorts, 0 when empty (shorts[0] never
	 * matches: no word packs to 0). No two words share a slot (see
	 * LX_SHORT_MUL), so a probe reads one slot and never branches on
	 * whether the word is known. The slots are 2 bytes and the words
	 * dense, 16 KB and 7 KB, that stay in the first-level cache: slots
	 * of 16 bytes (128 KB) missed it on most words that are not in the
	 * lexicon, a fifth of the lexer's time. */
	uint16_t *short_idx;
	struct lx_short *shorts;
	/* the long words, LX_LONG_SLOTS slots with linear probing: two
	 * loads and a multiply instead of a byte-by-byte hash and compare
	 * (the lexer's words of more than 8 letters that pass the
	 * first-two-letters filter, one in five of them) */
	struct lx_long *longs;
};

#define LX_SHORT_BITS 13
#define LX_SHORT_SLOTS ((size_t)1 << LX_SHORT_BITS)
/* The multiplier of the short-word hash: one under which the 416
 * distinct lexicon words of up to 8 bytes fall into distinct slots of
 * the 8192 (found by trying random odd multipliers; about one in 80,000
 * does it). lx_table_init() fails when a word added to the lexicon
 * collides: then search a new one. */
#define LX_SHORT_MUL 0x33d1b5b6049b9517ull

/* An entry packed into one integer, as the lexer stores it in a token:
 * val in bits 0-15, the entry index + 1 in bits 16-31, cls in 32-39 and
 * flags in 40-47; never 0. */
static inline uint64_t lx_entry_bits(const struct lx_table *t,
                                     const struct lx_entry *e)
{
	return (uint64_t)(uint16_t)e->val |
	       (uint64_t)(uint16_t)(e - t->entries + 1) << 16 |
	       (uint64_t)e->cls << 32 | (uint64_t)e->flags << 40;
}

/* Set in the bits of a short-table slot by lx_mark_starts() when the
 * word starts some rule: the lexer tests it instead of looking the
 * entry up in the rules' table, and stores the bits in a token as they
 * are (bits 56-63 land in its padding byte, no token field). */
#define LX_START_BIT ((uint64_t)1 << 63)

/* Sets LX_START_BIT in the short- and long-table slots of the entries
 * whose @word_rules (one per entry) is non-zero. */
void lx_mark_starts(struct lx_table *t, const uint16_t *word_rules);

#define LX_LONG_BITS 8
#define LX_LONG_SLOTS ((size_t)1 << LX_LONG_BITS)

/* The first slot to probe for a packed long word. */
static inline size_t lx_long_slot(uint64_t k0, uint64_t k1)
{
	return (size_t)(((k0 ^ (k1 * 0x9E3779B97F4A7C15ull)) * LX_SHORT_MUL) >>
	                (64 - LX_LONG_BITS));
}

/* Looks up a long word packed into @k0 (its first 8 lower-case bytes)
 * and @k1 (the others) in the slots @longs of a table: its
 * lx_entry_bits() (with LX_START_BIT after lx_mark_starts()), 0 when
 * unknown. */
static inline uint64_t lx_long_probe(const struct lx_long *longs, uint64_t k0,
                                     uint64_t k1)
{
	for (size_t h = lx_long_slot(k0, k1);; h = (h + 1) & (LX_LONG_SLOTS - 1)) {
		const struct lx_long *sl = &longs[h];
		if (!sl->bits || (sl->k0 == k0 && sl->k1 == k1))
			return sl->bits;
	}
}

/* The slot of a packed short word. */
static inline size_t lx_short_slot(uint64_t key)
{
	return (size_t)((key * LX_SHORT_MUL) >> (64 - LX_SHORT_BITS));
}

/* Looks up a packed word of at most 8 lower-case bytes in the slots
 * @idx and words @shorts of a table (a lexer keeps the pointers in
 * locals: its token stores may alias the table, so they would be loaded
 * again per word): its lx_entry_bits() (with LX_START_BIT after
 * lx_mark_starts()), 0 when unknown. */
static inline uint64_t lx_short_probe(const uint16_t *idx,
                                      const struct lx_short *shorts,
                                      uint64_t key)
{
	/* one slot per word: the word is there or unknown, a select
	 * rather than a branch (whether a word is known depends on the
	 * text and mispredicted often) */
	const struct lx_short *sl = &shorts[idx[lx_short_slot(key)]];
	uint64_t b = sl->bits;
	return b & -(uint64_t)(sl->key == key);
}

/* Looks up a packed word of at most 8 lower-case bytes: its
 * lx_entry_bits(), 0 when unknown. */
static inline uint64_t lx_lookup_short_bits(const struct lx_table *t,
                                            uint64_t key)
{
	return lx_short_probe(t->short_idx, t->shorts, key) & ~LX_START_BIT;
}

/* Looks up a packed word of at most 8 lower-case bytes; NULL when
 * unknown. */
static inline const struct lx_entry *lx_lookup_short(const struct lx_table *t,
                                                     uint64_t key)
{
	uint64_t b = lx_lookup_short_bits(t, key);
	return b ? &t->entries[(uint16_t)(b >> 16) - 1] : NULL;
}

/* Number of entries (token.lex runs from 1 to this). */
size_t lx_count(const struct lx_table *t);

/* Builds the table; returns 0 or -1 when out of memory. */
int lx_table_init(struct lx_table *t);
void lx_table_free(struct lx_table *t);
/* Whether a lower-case word of @len bytes starting with @a @b may be in
 * the lexicon (a fast filter before lx_lookup). */
static inline int lx_maybe(const struct lx_table *t, char a, char b, size_t len)
{
	if (a < 'a' || a > 'z' || len > 15)
		return 0;
	int j = len == 1 ? 26 : (b >= 'a' && b <= 'z') ? b - 'a' : -1;
	return j >= 0 && ((t->pair_len[a - 'a'][j] >> len) & 1u);
}

/* The hash of a word, folded to lower case (FNV-1a); lexers may compute
 * it on the fly with LX_HASH_INIT and lx_hash_step(). */
#define LX_HASH_INIT ((size_t)2166136261u)
static inline size_t lx_hash_step(size_t h, unsigned char lower)
{
	return (h ^ lower) * (size_t)16777619u;
}

/* Looks up an ASCII word of @len letters in any case, given its folded
 * hash @h; NULL when unknown. */
const struct lx_entry *lx_lookup_folded(const struct lx_table *t,
                                        const char *w, size_t len, size_t h);

/* Looks up a lower-case word of @len bytes; NULL when unknown. */
const struct lx_entry *lx_lookup(const struct lx_table *t, const char *w,
                                 size_t len);

#endif
