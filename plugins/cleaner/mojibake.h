/*
 * mojibake.h - repairing UTF-8 that was decoded as Windows-1252 or Latin-1.
 */
#ifndef CLEANER_MOJIBAKE_H
#define CLEANER_MOJIBAKE_H

#include <stddef.h>

/* Longest mojibake group handled in one piece (bytes of the input). */
#define MOJIBAKE_MAX 256

/* Looks for a group of mojibake sequences starting at s[p] ("Ã©",
 * "â€™", "Ã¢â‚¬â„¢"). If the repair is certain, writes the repaired UTF-8
 * (undoing up to three rounds of double encoding) to out (at least
 * MOJIBAKE_MAX bytes), stores its length in *outlen and returns the number
 * of input bytes replaced; otherwise returns 0. */
size_t mojibake_repair(const char *s, size_t len, size_t p, char *out,
                       size_t *outlen);

#endif /* CLEANER_MOJIBAKE_H */
