/*
 * utf8.c - UTF-8 decoding and validation shared by the core and plugins.
 */
#include "config.h"
#include "internal.h"

#include <string.h>

int32_t dp_utf8_next(const char *str, size_t len, size_t *i)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t p = *i;
	unsigned c;
	int32_t cp;
	size_t need;

	if (p >= len)
		return -1;
	c = s[p];
	if (c < 0x80) {
		*i = p + 1;
		return (int32_t)c;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		need = 1;
		cp = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 2;
		cp = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 3;
		cp = c & 0x07;
	} else {
		*i = p + 1;
		return -1;
	}
	if (p + need >= len) {
		*i = p + 1;
		return -1;
	}
	for (size_t k = 1; k <= need; k++) {
		unsigned cc = s[p + k];
		if ((cc & 0xC0) != 0x80) {
			*i = p + 1;
			return -1;
		}
		cp = (cp << 6) | (int32_t)(cc & 0x3F);
	}
	/* overlongs, surrogates, beyond U+10FFFF */
	if ((need == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
	    (need == 3 && (cp < 0x10000 || cp > 0x10FFFF))) {
		*i = p + 1;
		return -1;
	}
	*i = p + need + 1;
	return cp;
}

int32_t dp_utf8_prev(const char *str, size_t *i)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t p = *i, start;

	if (p == 0)
		return -1;
	start = p - 1;
	while (start > 0 && (s[start] & 0xC0) == 0x80 && p - start < 4)
		start--;
	size_t j = start;
	int32_t cp = dp_utf8_next(str, p, &j);
	if (cp < 0 || j != p) {
		*i = p - 1;
		return -1;
	}
	*i = start;
	return cp;
}

size_t dp_utf8_encode(int32_t cp, char out[4])
{
	if (cp < 0)
		return 0;
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp >= 0xD800 && cp <= 0xDFFF)
		return 0;
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	if (cp > 0x10FFFF)
		return 0;
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

bool dp_utf8_valid(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	uint64_t acc = 0;

	/* most strings checked are short (attribute values) and all ASCII:
	 * OR their bytes together first, 8 at a time, without branches */
	if (len <= 64) {
		for (; i + 8 <= len; i += 8) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			acc |= w;
		}
		for (size_t k = i; k < len; k++)
			acc |= s[k];
		if (!(acc & 0x8080808080808080ULL))
			return true;
		i = 0;
	}
	while (i < len) {
		/* ASCII fast path, 8 bytes at a time */
		while (i + 8 <= len) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			if (w & 0x8080808080808080ULL)
				break;
			i += 8;
		}
		if (i >= len)
			break;
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if (dp_utf8_next(str, len, &i) < 0)
			return false;
	}
	return true;
}
