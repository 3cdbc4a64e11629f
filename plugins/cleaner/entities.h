/*
 * entities.h - HTML character references and the Windows-1252 table.
 */
#ifndef CLEANER_ENTITIES_H
#define CLEANER_ENTITIES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Code points of Windows-1252 bytes 0x80..0x9F; 0 for unassigned bytes. */
extern const int32_t cp1252_high[32];

/* The code point of named reference @name[0..len) ("amp"), or -1. */
int32_t entity_lookup(const char *name, size_t len);

/* Parses a reference starting at s[0] == '&' ("&amp;", "&#8217;",
 * "&#x2019;"). Returns its length in bytes (including '&' and ';') and
 * stores the code point, or returns 0 when s does not start with a
 * reference the cleaner decodes (unknown name, no ';', control
 * characters, surrogates). */
size_t entity_parse(const char *s, size_t len, int32_t *cp);

#endif /* CLEANER_ENTITIES_H */
