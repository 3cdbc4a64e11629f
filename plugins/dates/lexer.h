/*
 * lexer.h - the small lexer of the dates plugin: words, numbers,
 * punctuation and URL/e-mail chunks with their byte offsets, each word
 * looked up (case-insensitively) in the lexicon.
 */
#ifndef DATES_LEXER_H
#define DATES_LEXER_H

#include <stddef.h>
#include <stdint.h>

#include "lexicon.h"

enum tk_kind { TK_WORD = 1, TK_NUM, TK_PUNCT, TK_URL };

enum tk_flag {
	TF_SPACE = 1,      /* whitespace before the token */
	TF_NL = 2,         /* a line break before the token */
	TF_PARA = 4,       /* a blank line before the token */
	TF_CAP = 8,        /* word starting with an upper-case letter */
	TF_ALLCAPS = 16,   /* word of two or more letters, all upper case */
	TF_ORD = 32,       /* number with an ordinal suffix: 6th, 21st */
	TF_DECADE = 64,    /* number with a plural s: 1990s, 80s */
	TF_GROUPED = 128,  /* number with thousands separators: 2,500 */
	TF_DECIMAL = 256,  /* number with a decimal part: 3.5 */
	TF_ALNUM = 512,    /* digits glued to letters: F16, 3D */
	TF_FIRST = 1024,   /* first token of a sentence (approximate) */
};

/* 24 bytes: a document has about one token per five bytes of text. The
 * lexicon fields val, lex, cls and lflags follow each other in this
 * order from byte 16 on: the lexer writes a word in two 4-byte and two
 * 8-byte stores. */
struct token {
	uint32_t start, end;
	int32_t num;       /* numbers: the value (grouping removed, capped) */
	uint16_t flags;
	uint8_t kind;
	uint8_t ndigits;   /* numbers: digits before any separator */
	int16_t val;       /* lexicon value */
	uint16_t lex;      /* lexicon entry index + 1, 0 when not in it */
	uint8_t cls;       /* lexicon class (words), LX_NONE if unknown */
	uint8_t lflags;    /* lexicon flags */
	char punct;        /* punctuation: the ASCII char ('-' for dashes) */
};

/* The output of lex_scan(). */
struct lex_out {
	struct token *tk;    /* room for @cap tokens */
	uint32_t *cand;      /* room for @cap indices */
	size_t cap;
	size_t n;            /* tokens */
	size_t ncand;        /* candidate starts, increasing */
	size_t ncaps;        /* words starting with an upper-case letter */
	size_t nlower;       /* words starting with a lower-case letter */
};

/* Bytes lex_scan() may read past the end of its text, which must be
 * zero: the hot loop loads 8 and 64 bytes at a time and tests the byte
 * after a word without checking the length first. A document's text
 * has them (DP_TEXT_PAD of docproc.h, ABI 1.2), so it is not copied. */
#define LEX_PAD 64

/* Tokens the word loop of lex_scan() wants free to take the words of
 * one 64-byte block without testing the room left per word (more than
 * the 32 such a block holds). */
#define LEX_WORD_ROOM 40

/* Splits @text into tokens; @text[@len .. @len + LEX_PAD) must be zero
 * bytes (LEX_PAD). @word_rules (one entry per lexicon entry)
 * marks the words an expression may start with: those tokens, plain
 * numbers and a capitalised word before "Day" are listed in out->cand, so
 * that the rules never look at the other tokens. Returns 0, or -1 when
 * out->cap is too small (@len + 1 is always enough; words are
 * lexed faster with LEX_WORD_ROOM more). */
int lex_scan(const struct lx_table *lx, const uint16_t *word_rules,
             const char *text, size_t len, struct lex_out *out);

#endif
