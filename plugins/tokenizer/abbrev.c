/*
 * abbrev.c - the abbreviations whose period belongs to the word.
 *
 * Each entry also says what a following capitalised word means for the
 * sentence (enum abbr_class): after a title (Mr., Gen.) the sentence goes
 * on; after a terminal one (Inc., a.m.) a capitalised word starts a new
 * sentence; after the others (U.S., Jan.) only a word that typically starts
 * sentences (The, He, However, ...) does. Entries are lowercase, without
 * the final period; inner periods stay (u.s, ph.d).
 */
#include <stdlib.h>
#include <string.h>

#include "tokenize.h"

#define E(s, c) { s, (uint8_t)(sizeof(s) - 1), c, 0 }
static const struct abbr_entry builtin[] = {
	/* titles and ranks: always followed by a name */
	E("mr", ABBR_TITLE), E("mrs", ABBR_TITLE), E("ms", ABBR_TITLE),
	E("messrs", ABBR_TITLE), E("dr", ABBR_TITLE), E("prof", ABBR_TITLE),
	E("gen", ABBR_TITLE), E("lt", ABBR_TITLE), E("col", ABBR_TITLE),
	E("maj", ABBR_TITLE), E("capt", ABBR_TITLE), E("cpt", ABBR_TITLE),
	E("sgt", ABBR_TITLE), E("cpl", ABBR_TITLE), E("pvt", ABBR_TITLE),
	E("adm", ABBR_TITLE), E("cmdr", ABBR_TITLE), E("brig", ABBR_TITLE),
	E("gov", ABBR_TITLE), E("sen", ABBR_TITLE), E("rep", ABBR_TITLE),
	E("reps", ABBR_TITLE), E("rev", ABBR_TITLE), E("hon", ABBR_TITLE),
	E("pres", ABBR_TITLE), E("amb", ABBR_TITLE), E("atty", ABBR_TITLE),
	E("supt", ABBR_TITLE), E("insp", ABBR_TITLE), E("det", ABBR_TITLE),
	E("st", ABBR_TITLE), E("mt", ABBR_TITLE), E("ft", ABBR_TITLE),
	/* followed by something that continues the sentence */
	E("e.g", ABBR_TITLE), E("i.e", ABBR_TITLE), E("cf", ABBR_TITLE),
	E("vs", ABBR_TITLE), E("viz", ABBR_TITLE), E("approx", ABBR_TITLE),
	E("ca", ABBR_TITLE), E("fig", ABBR_TITLE), E("figs", ABBR_TITLE),
	E("vol", ABBR_TITLE), E("vols", ABBR_TITLE), E("pp", ABBR_TITLE),
	E("p", ABBR_TITLE), E("sq", ABBR_TITLE), E("cu", ABBR_TITLE),
	E("cub", ABBR_TITLE),
	E("ed", ABBR_TITLE), E("eds", ABBR_TITLE), E("nos", ABBR_TITLE),
	/* months, days, places, organisations */
	E("jan", ABBR_PLAIN), E("feb", ABBR_PLAIN), E("mar", ABBR_PLAIN),
	E("apr", ABBR_PLAIN), E("jun", ABBR_PLAIN), E("jul", ABBR_PLAIN),
	E("aug", ABBR_PLAIN), E("sep", ABBR_PLAIN), E("sept", ABBR_PLAIN),
	E("oct", ABBR_PLAIN), E("nov", ABBR_PLAIN), E("dec", ABBR_PLAIN),
	E("mon", ABBR_PLAIN), E("tue", ABBR_PLAIN), E("tues", ABBR_PLAIN),
	E("thu", ABBR_PLAIN), E("thur", ABBR_PLAIN), E("thurs", ABBR_PLAIN),
	E("fri", ABBR_PLAIN),
	E("u.s", ABBR_PLAIN), E("u.n", ABBR_PLAIN), E("u.k", ABBR_PLAIN),
	E("e.u", ABBR_PLAIN), E("ph.d", ABBR_PLAIN), E("d.c", ABBR_PLAIN),
	E("dept", ABBR_PLAIN), E("univ", ABBR_PLAIN), E("assn", ABBR_PLAIN),
	E("ave", ABBR_PLAIN), E("blvd", ABBR_PLAIN), E("rd", ABBR_PLAIN),
	E("est", ABBR_PLAIN), E("govt", ABBR_PLAIN), E("intl", ABBR_PLAIN),
	E("natl", ABBR_PLAIN), E("al", ABBR_PLAIN), E("ala", ABBR_PLAIN),
	E("ariz", ABBR_PLAIN), E("ark", ABBR_PLAIN), E("calif", ABBR_PLAIN),
	E("colo", ABBR_PLAIN), E("conn", ABBR_PLAIN), E("del", ABBR_PLAIN),
	E("fla", ABBR_PLAIN), E("ga", ABBR_PLAIN), E("kan", ABBR_PLAIN),
	E("kans", ABBR_PLAIN), E("ky", ABBR_PLAIN), E("md", ABBR_PLAIN),
	E("mich", ABBR_PLAIN), E("minn", ABBR_PLAIN), E("mont", ABBR_PLAIN),
	E("neb", ABBR_PLAIN), E("nev", ABBR_PLAIN), E("okla", ABBR_PLAIN),
	E("penn", ABBR_PLAIN), E("tenn", ABBR_PLAIN), E("tex", ABBR_PLAIN),
	E("wis", ABBR_PLAIN), E("wyo", ABBR_PLAIN),
	/* usually the last word of a sentence when a capital follows */
	E("etc", ABBR_TERMINAL), E("inc", ABBR_TERMINAL),
	E("corp", ABBR_TERMINAL), E("ltd", ABBR_TERMINAL),
	E("co", ABBR_TERMINAL), E("llc", ABBR_TERMINAL),
	E("plc", ABBR_TERMINAL), E("bros", ABBR_TERMINAL),
	E("jr", ABBR_TERMINAL), E("sr", ABBR_TERMINAL),
	E("esq", ABBR_TERMINAL), E("a.m", ABBR_TERMINAL),
	E("p.m", ABBR_TERMINAL), E("ehf", ABBR_TERMINAL),
	E("hf", ABBR_TERMINAL), E("gmbh", ABBR_TERMINAL),
};
#undef E

static int entry_cmp(const void *a, const void *b)
{
	const struct abbr_entry *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->text, y->text, n);

	if (c)
		return c;
	return (int)x->len - (int)y->len;
}

static unsigned char lower(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

int abbr_set_init(struct abbr_set *set, const char *const *extra,
                  size_t nextra)
{
	size_t nb = sizeof builtin / sizeof builtin[0], pool = 0, n = 0;
	char *p;

	memset(set, 0, sizeof *set);
	for (size_t i = 0; i < nextra; i++)
		pool += strlen(extra[i]) + 1;
	set->v = malloc((nb + nextra) * sizeof *set->v);
	set->pool = malloc(pool ? pool : 1);
	if (!set->v || !set->pool) {
		abbr_set_free(set);
		return -1;
	}
	for (size_t i = 0; i < nb; i++)
		set->v[n++] = builtin[i];
	set->n = n;
	qsort(set->v, n, sizeof *set->v, entry_cmp);
	p = set->pool;
	for (size_t i = 0; i < nextra; i++) {
		size_t len = strlen(extra[i]);

		if (len && extra[i][len - 1] == '.')
			len--;
		if (len == 0 || len > 255)
			continue;
		for (size_t k = 0; k < len; k++)
			p[k] = (char)lower((unsigned char)extra[i][k]);
		set->v[n].text = p;
		set->v[n].len = (uint8_t)len;
		set->v[n].cls = ABBR_PLAIN;
		p[len] = '\0';
		/* set->n still covers the sorted built-ins only: a built-in
		 * keeps its own class */
		if (abbr_lookup(set, p, len) == ABBR_NONE)
			n++;
		p += len + 1;
	}
	/* sort once, then drop repeated user entries */
	qsort(set->v, n, sizeof *set->v, entry_cmp);
	set->n = 0;
	for (size_t i = 0; i < n; i++)
		if (set->n == 0 ||
		    entry_cmp(&set->v[set->n - 1], &set->v[i]) != 0)
			set->v[set->n++] = set->v[i];
	/* from the last entry down, so that each chain runs in text order
	 * (no entry appears twice: any order would do) */
	for (size_t i = set->n; i-- > 0;) {
		unsigned h = abbr_bloom_hash(set->v[i].text, set->v[i].len);

		set->bloom[h >> 6] |= (uint64_t)1 << (h & 63);
		set->lens |= (uint64_t)1 << (set->v[i].len < 63 ?
		                             set->v[i].len : 63);
		if (set->v[i].len >= 2) {
			unsigned k = abbr_pair_key(set->v[i].text);

			set->pairs[k >> 6] |= (uint64_t)1 << (k & 63);
		}
		set->v[i].next = set->head[h];
		set->head[h] = (uint32_t)(i + 1);
	}
	return 0;
}

void abbr_set_free(struct abbr_set *set)
{
	free(set->v);
	free(set->pool);
	memset(set, 0, sizeof *set);
}

/* The entries are lowercase: compares s[0..len) lowercased with them. */
static bool same_lower(const char *entry, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)entry[i] != lower((unsigned char)s[i]))
			return false;
	return true;
}

enum abbr_class abbr_lookup(const struct abbr_set *set, const char *s,
                            size_t len)
{
	unsigned h;

	/* abbr_maybe()'s filters, then the hash picks the chain (while
	 * abbr_set_init() is still adding entries the filters are empty:
	 * every lookup answers ABBR_NONE, as before) */
	if (!abbr_maybe(set, s, len))
		return ABBR_NONE;
	h = abbr_bloom_hash(s, len);
	for (uint32_t k = set->head[h]; k; k = set->v[k - 1].next) {
		const struct abbr_entry *x = &set->v[k - 1];

		if (x->len == len && same_lower(x->text, s, len))
			return (enum abbr_class)x->cls;
	}
	return ABBR_NONE;
}
