/*
 * charclass.c - code point classes and small string helpers.
 */
#include <utf8proc.h>

#include "cleaner.h"

bool cp_is_cjk(int32_t cp)
{
	return (cp >= 0x2E80 && cp <= 0x2FDF) ||   /* radicals */
	       (cp >= 0x3000 && cp <= 0x30FF) ||   /* CJK punct, kana */
	       (cp >= 0x3100 && cp <= 0x31FF) ||   /* bopomofo, jamo */
	       (cp >= 0x3400 && cp <= 0x4DBF) ||
	       (cp >= 0x4E00 && cp <= 0x9FFF) ||
	       (cp >= 0xAC00 && cp <= 0xD7AF) ||   /* Hangul */
	       (cp >= 0xF900 && cp <= 0xFAFF) ||
	       (cp >= 0xFF65 && cp <= 0xFFDC) ||   /* half-width kana */
	       (cp >= 0x20000 && cp <= 0x3FFFF);
}

bool cp_is_rtl(int32_t cp)
{
	return (cp >= 0x0590 && cp <= 0x08FF) ||
	       (cp >= 0xFB1D && cp <= 0xFDFF) ||
	       (cp >= 0xFE70 && cp <= 0xFEFE);
}

bool cp_is_emoji(int32_t cp)
{
	return (cp >= 0x1F000 && cp <= 0x1FAFF) ||
	       (cp >= 0x2600 && cp <= 0x27BF) ||
	       (cp >= 0x2300 && cp <= 0x23FF) ||
	       (cp >= 0x2B00 && cp <= 0x2BFF) ||
	       cp == 0x00A9 || cp == 0x00AE || cp == 0x203C ||
	       cp == 0x2049 || cp == 0x2122 || cp == 0x2139 ||
	       (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0x20E3 ||
	       (cp >= 0xE0020 && cp <= 0xE007F);
}

bool cp_is_letter(int32_t cp)
{
	if (cp < 0x80)
		return is_alpha((unsigned char)cp);
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
		return true;
	default:
		return false;
	}
}

bool ascii_ieq(const char *s, size_t n, const char *lit)
{
	size_t i = 0;
	for (; i < n && lit[i]; i++) {
		unsigned char a = (unsigned char)s[i], c = (unsigned char)lit[i];
		if (is_upper(a))
			a = (unsigned char)(a | 0x20);
		if (is_upper(c))
			c = (unsigned char)(c | 0x20);
		if (a != c)
			return false;
	}
	return i == n && lit[i] == '\0';
}
