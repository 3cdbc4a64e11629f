/*
 * entities.c - the HTML character references the cleaner decodes.
 *
 * Only references ending in ';' are decoded, and only the names below (the
 * ones that occur in scraped news), so that "AT&T;" or "R&D;" never change.
 */
#include <stdlib.h>
#include <string.h>

#include "entities.h"

struct entity {
	const char *name;
	int32_t cp;
};

/* Sorted by name (strcmp order) for bsearch. */
static const struct entity entity_table[] = {
	{"AElig", 0xC6}, {"Aacute", 0xC1}, {"Acirc", 0xC2}, {"Agrave", 0xC0},
	{"Aring", 0xC5}, {"Atilde", 0xC3}, {"Auml", 0xC4}, {"Ccedil", 0xC7},
	{"Dagger", 0x2021}, {"ETH", 0xD0}, {"Eacute", 0xC9}, {"Ecirc", 0xCA},
	{"Egrave", 0xC8}, {"Euml", 0xCB}, {"Iacute", 0xCD}, {"Icirc", 0xCE},
	{"Igrave", 0xCC}, {"Iuml", 0xCF}, {"Ntilde", 0xD1}, {"OElig", 0x152},
	{"Oacute", 0xD3}, {"Ocirc", 0xD4}, {"Ograve", 0xD2}, {"Oslash", 0xD8},
	{"Otilde", 0xD5}, {"Ouml", 0xD6}, {"Scaron", 0x160}, {"THORN", 0xDE},
	{"Uacute", 0xDA}, {"Ucirc", 0xDB}, {"Ugrave", 0xD9}, {"Uuml", 0xDC},
	{"Yacute", 0xDD}, {"Yuml", 0x178}, {"aacute", 0xE1}, {"acirc", 0xE2},
	{"acute", 0xB4}, {"aelig", 0xE6}, {"agrave", 0xE0}, {"amp", '&'},
	{"apos", '\''}, {"aring", 0xE5}, {"atilde", 0xE3}, {"auml", 0xE4},
	{"bdquo", 0x201E}, {"brvbar", 0xA6}, {"bull", 0x2022},
	{"ccedil", 0xE7}, {"cedil", 0xB8}, {"cent", 0xA2}, {"copy", 0xA9},
	{"curren", 0xA4}, {"dagger", 0x2020}, {"deg", 0xB0},
	{"divide", 0xF7}, {"eacute", 0xE9}, {"ecirc", 0xEA},
	{"egrave", 0xE8}, {"emsp", 0x2003}, {"ensp", 0x2002}, {"eth", 0xF0},
	{"euml", 0xEB}, {"euro", 0x20AC}, {"frac12", 0xBD},
	{"frac14", 0xBC}, {"frac34", 0xBE}, {"gt", '>'}, {"hellip", 0x2026},
	{"iacute", 0xED}, {"icirc", 0xEE}, {"iexcl", 0xA1}, {"igrave", 0xEC},
	{"iquest", 0xBF}, {"iuml", 0xEF}, {"laquo", 0xAB}, {"ldquo", 0x201C},
	{"lrm", 0x200E}, {"lsaquo", 0x2039}, {"lsquo", 0x2018}, {"lt", '<'},
	{"macr", 0xAF}, {"mdash", 0x2014}, {"micro", 0xB5},
	{"middot", 0xB7}, {"minus", 0x2212}, {"nbsp", 0xA0}, {"ndash", 0x2013},
	{"not", 0xAC}, {"ntilde", 0xF1}, {"oacute", 0xF3}, {"ocirc", 0xF4},
	{"oelig", 0x153}, {"ograve", 0xF2}, {"ordf", 0xAA}, {"ordm", 0xBA},
	{"oslash", 0xF8}, {"otilde", 0xF5}, {"ouml", 0xF6}, {"para", 0xB6},
	{"permil", 0x2030}, {"plusmn", 0xB1}, {"pound", 0xA3},
	{"prime", 0x2032}, {"quot", '"'}, {"raquo", 0xBB}, {"rdquo", 0x201D},
	{"reg", 0xAE}, {"rlm", 0x200F}, {"rsaquo", 0x203A}, {"rsquo", 0x2019},
	{"sbquo", 0x201A}, {"scaron", 0x161}, {"sect", 0xA7}, {"shy", 0xAD},
	{"sup1", 0xB9}, {"sup2", 0xB2}, {"sup3", 0xB3}, {"szlig", 0xDF},
	{"thinsp", 0x2009}, {"thorn", 0xFE}, {"times", 0xD7}, {"trade", 0x2122},
	{"uacute", 0xFA}, {"ucirc", 0xFB}, {"ugrave", 0xF9}, {"uml", 0xA8},
	{"uuml", 0xFC}, {"yacute", 0xFD}, {"yen", 0xA5}, {"yuml", 0xFF},
	{"zwj", 0x200D}, {"zwnj", 0x200C},
};

/* Windows-1252 bytes 0x80..0x9F (0 where the code page has no character:
 * such bytes stand for themselves, as C1 controls). */
const int32_t cp1252_high[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

static int cmp_entity(const void *key, const void *elem)
{
	const struct entity *e = elem;
	return strcmp(key, e->name);
}

int32_t entity_lookup(const char *name, size_t len)
{
	char buf[16];
	if (len == 0 || len >= sizeof(buf))
		return -1;
	memcpy(buf, name, len);
	buf[len] = '\0';
	const struct entity *e =
		bsearch(buf, entity_table,
		        sizeof(entity_table) / sizeof(entity_table[0]),
		        sizeof(entity_table[0]), cmp_entity);
	return e ? e->cp : -1;
}

/* Parses a reference at s[0] == '&'. */
size_t entity_parse(const char *s, size_t len, int32_t *cp)
{
	size_t i = 1;
	if (len < 4 || s[0] != '&')
		return 0;
	if (s[1] == '#') {
		int32_t v = 0;
		size_t digits = 0;
		bool hex = len > 2 && (s[2] == 'x' || s[2] == 'X');
		i = hex ? 3 : 2;
		for (; i < len && digits < 8; i++, digits++) {
			unsigned char c = (unsigned char)s[i];
			int d;
			if (c >= '0' && c <= '9')
				d = c - '0';
			else if (hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f')
				d = (c | 0x20) - 'a' + 10;
			else
				break;
			v = v * (hex ? 16 : 10) + d;
		}
		if (digits == 0 || digits >= 8 || i >= len || s[i] != ';')
			return 0;
		if (v >= 0x80 && v <= 0x9F) {
			/* browsers read these as Windows-1252 */
			v = cp1252_high[v - 0x80];
			if (v == 0)
				return 0;
		}
		if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
			return 0;
		if (v < 0x20 && v != '\t' && v != '\n' && v != '\r')
			return 0;
		if (v == 0x7F)
			return 0;
		*cp = v;
		return i + 1;
	}
	for (; i < len && i < 10; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9')))
			break;
	}
	if (i >= len || s[i] != ';' || i == 1)
		return 0;
	int32_t v = entity_lookup(s + 1, i - 1);
	if (v < 0)
		return 0;
	*cp = v;
	return i + 1;
}
