/*
 * chars.h - ASCII character tests shared by the news-mode scanners.
 */
#ifndef TOKENIZER_CHARS_H
#define TOKENIZER_CHARS_H

#include <stdbool.h>

static inline bool is_ascii_alnum(unsigned char c)
{
	return (unsigned)((c | 32) - 'a') < 26 || (unsigned)(c - '0') < 10;
}

static inline bool is_ascii_alpha(unsigned char c)
{
	return (unsigned)((c | 32) - 'a') < 26;
}

static inline bool is_ascii_digit(unsigned char c)
{
	return (unsigned)(c - '0') < 10;
}

static inline bool is_ascii_upper(unsigned char c)
{
	return (unsigned)(c - 'A') < 26;
}

#endif /* TOKENIZER_CHARS_H */
