/* ISO 3166-1 countries with their UN M49 and INTERPOL regions, and the
 * matching of the names and codes that returns use for them.
 *
 * The table is compiled in from data/countries.tsv and
 * data/country-aliases.tsv (see data/README.md); it is built on first use
 * and lives until the program ends. Every pointer returned is borrowed
 * from it. Not thread-safe before the first call returns. */
#ifndef OPBRIEF_COUNTRY_H
#define OPBRIEF_COUNTRY_H

#include <stddef.h>

typedef struct ob_country {
    size_t index;           /* 0 .. ob_country_count() - 1, in alpha-3 order */
    char alpha3[4];         /* "CIV" */
    char alpha2[3];         /* "CI" */
    int numeric;            /* 384; 0 when ISO assigns none (Kosovo) */
    const char *name;       /* the display name: "Côte d'Ivoire" */
    const char *m49_region; /* "Africa"; "" for Antarctica */
    const char *m49_subregion;   /* "Sub-Saharan Africa" */
    const char *interpol_region; /* "Africa", "Americas", "Asia and South
                                    Pacific", "Europe", "Middle East and
                                    North Africa"; "" when none */
} ob_country;

/* How many countries the table holds. */
size_t ob_country_count(void);

/* The country at INDEX (< ob_country_count()). */
const ob_country *ob_country_at(size_t index);

/* The country that TEXT (LENGTH bytes of UTF-8, not necessarily
 * NUL-terminated) names: an alpha-3, alpha-2 or numeric code, the display
 * name or a known variant. Matching ignores case, accents, apostrophes,
 * punctuation and a leading "the"; NULL when nothing matches. */
const ob_country *ob_country_find(const char *text, size_t length);

/* Write the matching key of TEXT into OUT (lower case ASCII, accents
 * removed, apostrophes dropped, other punctuation as single spaces, no
 * leading "the"): the rule data/README.md describes. Returns the key's
 * length, or OUT_SIZE or more when it did not fit. */
size_t ob_country_key(char *out, size_t out_size, const char *text,
                      size_t length);

#endif
