/* The country table: parsed on first use from the compiled-in copies of
 * data/countries.tsv and data/country-aliases.tsv, then looked up by code
 * (direct tables) or by name (a sorted array of matching keys). */
#include "opbrief/country.h"

#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fold_table.h"
#include "opbrief/core.h"
#include "opbrief/utf8.h"

extern const unsigned char ob_countries_tsv[];
extern const size_t ob_countries_tsv_size;
extern const unsigned char ob_country_aliases_tsv[];
extern const size_t ob_country_aliases_tsv_size;

#define NO_COUNTRY UINT16_MAX
#define KEY_SIZE 128

typedef struct name_entry {
    char *key;
    uint16_t country_index;
} name_entry;

static struct {
    bool is_loaded;
    ob_country *countries;
    size_t country_count;
    char *strings; /* one copy of both tables; every name points into it */
    uint16_t by_alpha3[26 * 26 * 26];
    uint16_t by_alpha2[26 * 26];
    uint16_t by_numeric[1000];
    name_entry *names;
    size_t name_count;
} table;

/* The table is part of the program: a malformed one is a build mistake,
 * caught by the tests, so it stops the program rather than returning a
 * status through every lookup. */
static void
table_broken(const char *what, size_t line)
{
    fprintf(stderr,
            "opbrief: built-in country table is broken: %s (line %zu)\n", what,
            line);
    abort();
}

static int
letter_index(char c)
{
    if (c >= 'a' && c <= 'z')
        return c - 'a';
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    return -1;
}

static size_t
alpha3_slot(const char *code)
{
    int a = letter_index(code[0]);
    int b = letter_index(code[1]);
    int c = letter_index(code[2]);
    if (a < 0 || b < 0 || c < 0)
        return SIZE_MAX;
    return (size_t)((a * 26 + b) * 26 + c);
}

static size_t
alpha2_slot(const char *code)
{
    int a = letter_index(code[0]);
    int b = letter_index(code[1]);
    if (a < 0 || b < 0)
        return SIZE_MAX;
    return (size_t)(a * 26 + b);
}

/* Split LINE at tabs into at most MAX fields, in place. */
static size_t
split_tabs(char **fields, size_t max, char *line)
{
    size_t count = 0;
    fields[count++] = line;
    for (char *p = line; *p != '\0'; p++) {
        if (*p != '\t')
            continue;
        *p = '\0';
        if (count == max)
            return max + 1;
        fields[count++] = p + 1;
    }
    return count;
}

static int
compare_names(const void *a, const void *b)
{
    const name_entry *x = a;
    const name_entry *y = b;
    return strcmp(x->key, y->key);
}

static void
add_name(size_t *capacity, const char *text, uint16_t country_index,
         size_t line)
{
    char key[KEY_SIZE];
    size_t key_length = ob_country_key(key, sizeof key, text, strlen(text));
    if (key_length == 0 || key_length >= sizeof key)
        table_broken("empty or overlong name", line);
    table.names = ob_grow(table.names, capacity, table.name_count + 1,
                          sizeof *table.names, 512);
    if (table.names == NULL)
        table_broken("out of memory", line);
    char *copy = malloc(key_length + 1);
    if (copy == NULL)
        table_broken("out of memory", line);
    memcpy(copy, key, key_length + 1);
    table.names[table.name_count].key = copy;
    table.names[table.name_count].country_index = country_index;
    table.name_count++;
}

static void
load_countries(char *text, size_t *name_capacity)
{
    size_t capacity = 0;
    size_t line_number = 0;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line != NULL;
         line = strtok_r(NULL, "\n", &save)) {
        line_number++;
        if (line_number == 1)
            continue; /* header */
        char *fields[7];
        if (split_tabs(fields, 7, line) != 7)
            table_broken("countries.tsv needs 7 columns", line_number);
        table.countries =
            ob_grow(table.countries, &capacity, table.country_count + 1,
                    sizeof *table.countries, 256);
        if (table.countries == NULL)
            table_broken("out of memory", line_number);
        ob_country *country = &table.countries[table.country_count];
        size_t slot3 =
            strlen(fields[0]) == 3 ? alpha3_slot(fields[0]) : SIZE_MAX;
        size_t slot2 =
            strlen(fields[1]) == 2 ? alpha2_slot(fields[1]) : SIZE_MAX;
        if (slot3 == SIZE_MAX || slot2 == SIZE_MAX)
            table_broken("bad alpha code", line_number);
        country->index = table.country_count;
        memcpy(country->alpha3, fields[0], 4);
        memcpy(country->alpha2, fields[1], 3);
        country->numeric = atoi(fields[2]);
        country->name = fields[3];
        country->m49_region = fields[4];
        country->m49_subregion = fields[5];
        country->interpol_region = fields[6];
        uint16_t index = (uint16_t)table.country_count;
        table.by_alpha3[slot3] = index;
        table.by_alpha2[slot2] = index;
        if (country->numeric > 0 && country->numeric < 1000)
            table.by_numeric[country->numeric] = index;
        add_name(name_capacity, country->name, index, line_number);
        table.country_count++;
    }
    if (table.country_count == 0 || table.country_count >= NO_COUNTRY)
        table_broken("countries.tsv has no rows", line_number);
}

static void
load_aliases(char *text, size_t *name_capacity)
{
    size_t line_number = 0;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line != NULL;
         line = strtok_r(NULL, "\n", &save)) {
        line_number++;
        if (line_number == 1)
            continue;
        char *fields[2];
        if (split_tabs(fields, 2, line) != 2 || strlen(fields[1]) != 3)
            table_broken("country-aliases.tsv needs 2 columns", line_number);
        uint16_t index = table.by_alpha3[alpha3_slot(fields[1])];
        if (index == NO_COUNTRY)
            table_broken("alias of an unknown code", line_number);
        add_name(name_capacity, fields[0], index, line_number);
    }
}

static void
load_table(void)
{
    size_t countries_size = ob_countries_tsv_size;
    size_t aliases_size = ob_country_aliases_tsv_size;
    table.strings = malloc(countries_size + aliases_size + 2);
    if (table.strings == NULL)
        table_broken("out of memory", 0);
    char *countries_text = table.strings;
    char *aliases_text = table.strings + countries_size + 1;
    memcpy(countries_text, ob_countries_tsv, countries_size);
    countries_text[countries_size] = '\0';
    memcpy(aliases_text, ob_country_aliases_tsv, aliases_size);
    aliases_text[aliases_size] = '\0';

    memset(table.by_alpha3, 0xFF, sizeof table.by_alpha3);
    memset(table.by_alpha2, 0xFF, sizeof table.by_alpha2);
    memset(table.by_numeric, 0xFF, sizeof table.by_numeric);

    size_t name_capacity = 0;
    load_countries(countries_text, &name_capacity);
    load_aliases(aliases_text, &name_capacity);
    qsort(table.names, table.name_count, sizeof *table.names, compare_names);
    for (size_t i = 1; i < table.name_count; i++) {
        if (strcmp(table.names[i - 1].key, table.names[i].key) == 0
            && table.names[i - 1].country_index != table.names[i].country_index)
            table_broken("one name for two countries", i);
    }
    table.is_loaded = true;
}

static void
ensure_loaded(void)
{
    if (!table.is_loaded)
        load_table();
}

size_t
ob_country_count(void)
{
    ensure_loaded();
    return table.country_count;
}

const ob_country *
ob_country_at(size_t index)
{
    ensure_loaded();
    assert(index < table.country_count);
    return &table.countries[index];
}

/* The key being built: bytes past SIZE are counted, not written. */
typedef struct key_builder {
    char *out;
    size_t size;
    size_t used;
    char last; /* the last character appended, 0 at the start */
} key_builder;

/* Append PIECE, keeping one space between words and none at the start. */
static void
key_append(key_builder *key, const char *piece)
{
    for (; *piece != '\0'; piece++) {
        char c = *piece;
        if (c == ' ' && (key->last == 0 || key->last == ' '))
            continue;
        if (key->used + 1 < key->size)
            key->out[key->used] = c;
        key->used++;
        key->last = c;
    }
}

static bool
is_apostrophe(uint32_t code_point)
{
    return code_point == 0x27 || code_point == 0x60 || code_point == 0xB4
           || code_point == 0x2018 || code_point == 0x2019
           || code_point == 0x02BC;
}

size_t
ob_country_key(char *out, size_t out_size, const char *text, size_t length)
{
    assert(out_size > 0);
    const unsigned char *bytes = (const unsigned char *)text;
    key_builder key = {out, out_size, 0, 0};
    size_t offset = 0;
    while (offset < length) {
        uint32_t code_point;
        size_t step =
            ob_utf8_decode(&code_point, bytes + offset, length - offset);
        if (step == 0) {
            code_point = 0xFFFD;
            step = 1;
        }
        offset += step;
        char ascii[2] = {0, 0};
        const char *piece = " ";
        if (code_point >= 'a' && code_point <= 'z') {
            ascii[0] = (char)code_point;
            piece = ascii;
        } else if (code_point >= 'A' && code_point <= 'Z') {
            ascii[0] = (char)(code_point - 'A' + 'a');
            piece = ascii;
        } else if (code_point >= '0' && code_point <= '9') {
            ascii[0] = (char)code_point;
            piece = ascii;
        } else if (is_apostrophe(code_point)
                   || (code_point >= 0x300 && code_point <= 0x36F)) {
            continue; /* dropped: "d'Ivoire" is "divoire" */
        } else if (code_point == '&') {
            piece = " and ";
        } else if (code_point >= 0xC0 && code_point <= 0x24F) {
            piece = ob_fold_00c0[code_point - 0xC0];
        } else if (code_point >= 0x1E00 && code_point <= 0x1EFF) {
            piece = ob_fold_1e00[code_point - 0x1E00];
        }
        if (*piece == '\0')
            piece = " ";
        key_append(&key, piece);
    }
    if (key.last == ' ')
        key.used--;
    if (key.used >= out_size) {
        out[out_size - 1] = '\0';
        return key.used;
    }
    out[key.used] = '\0';
    if (strncmp(out, "the ", 4) == 0) {
        memmove(out, out + 4, key.used - 4 + 1);
        key.used -= 4;
    }
    return key.used;
}

static const ob_country *
find_code(const char *text, size_t length)
{
    uint16_t index = NO_COUNTRY;
    if (length == 3 && text[0] >= '0' && text[0] <= '9') {
        if (text[1] >= '0' && text[1] <= '9' && text[2] >= '0'
            && text[2] <= '9')
            index = table.by_numeric[(text[0] - '0') * 100
                                     + (text[1] - '0') * 10 + (text[2] - '0')];
    } else if (length == 3) {
        size_t slot = alpha3_slot(text);
        if (slot != SIZE_MAX)
            index = table.by_alpha3[slot];
    } else if (length == 2) {
        size_t slot = alpha2_slot(text);
        if (slot != SIZE_MAX)
            index = table.by_alpha2[slot];
    }
    return index == NO_COUNTRY ? NULL : &table.countries[index];
}

const ob_country *
ob_country_find(const char *text, size_t length)
{
    ensure_loaded();
    const ob_country *by_code = find_code(text, length);
    if (by_code != NULL)
        return by_code;
    char key[KEY_SIZE];
    size_t key_length = ob_country_key(key, sizeof key, text, length);
    if (key_length == 0 || key_length >= sizeof key)
        return NULL;
    name_entry probe = {key, 0};
    const name_entry *found = bsearch(&probe, table.names, table.name_count,
                                      sizeof *table.names, compare_names);
    return found == NULL ? NULL : &table.countries[found->country_index];
}
