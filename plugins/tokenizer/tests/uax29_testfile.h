/*
 * uax29_testfile.h - reads Unicode's *BreakTest.txt files for the tests.
 *
 * Each line is "÷ 0041 × 0308 ÷ 0020 ÷ # comment": code points in hex,
 * with ÷ (boundary) or × (no boundary) between them. A case holds the line
 * as UTF-8 text and the byte offsets of its boundaries after offset 0.
 */
#ifndef TOKENIZER_UAX29_TESTFILE_H
#define TOKENIZER_UAX29_TESTFILE_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct uax29_case {
	char text[1024];
	size_t len;
	size_t breaks[256];
	size_t nbreaks;
	size_t lineno;
	char line[2048];
};

struct uax29_file {
	FILE *f;
	size_t lineno;
};

static inline struct uax29_file *uax29_file_open(const char *dir,
                                                 const char *name)
{
	char path[1024];
	struct uax29_file *uf;
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "r");
	if (!f)
		return NULL;
	uf = calloc(1, sizeof *uf);
	if (!uf) {
		fclose(f);
		return NULL;
	}
	uf->f = f;
	return uf;
}

static inline void uax29_file_close(struct uax29_file *uf)
{
	if (!uf)
		return;
	fclose(uf->f);
	free(uf);
}

static inline size_t uax29_encode(unsigned long cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Reads the next case; false at the end of the file. */
static inline bool uax29_file_next(struct uax29_file *uf,
                                   struct uax29_case *c)
{
	while (fgets(c->line, sizeof c->line, uf->f)) {
		char *p = c->line, *hash = strchr(c->line, '#');

		uf->lineno++;
		if (hash)
			*hash = '\0';
		c->len = 0;
		c->nbreaks = 0;
		c->lineno = uf->lineno;
		while (*p) {
			if (!strncmp(p, "\xC3\xB7", 2)) {          /* ÷ */
				if (c->len > 0)
					c->breaks[c->nbreaks++] = c->len;
				p += 2;
			} else if (!strncmp(p, "\xC3\x97", 2)) {   /* × */
				p += 2;
			} else if ((*p >= '0' && *p <= '9') ||
			           (*p >= 'A' && *p <= 'F')) {
				char *end;
				unsigned long cp = strtoul(p, &end, 16);

				c->len += uax29_encode(cp, c->text + c->len);
				p = end;
			} else {
				p++;
			}
		}
		if (c->len == 0)
			continue;
		c->text[c->len] = '\0';
		return true;
	}
	return false;
}

#endif /* TOKENIZER_UAX29_TESTFILE_H */
