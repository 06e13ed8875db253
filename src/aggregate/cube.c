/* The streaming cube: every key value is interned in a dictionary (one per
 * key of the grouping, plus one of operations), and an open-addressing
 * hash table maps the pair of value ids to a group of sums. */
#include "opbrief/cube.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NO_ID UINT32_MAX
#define COUNTRY_WORDS 8 /* bits for 512 countries */

/* ---- dictionaries ------------------------------------------------------- */

typedef struct entry {
    char *key;      /* what identifies the value (folded) */
    char *label;    /* the first spelling seen, or the display name */
    char *sort_key; /* accent- and case-free label, for ordering */
    const ob_country *country;
    int month_index;
    size_t rank; /* place in sorted order, set by dictionary_sort() */
} entry;

typedef struct dictionary {
    entry *entries;
    size_t count;
    size_t capacity;
    uint32_t *buckets;
    size_t bucket_count;
} dictionary;

static uint64_t
hash_bytes(const char *text, size_t length)
{
    uint64_t hash = 1469598103934665603u; /* FNV-1a */
    for (size_t i = 0; i < length; i++) {
        hash ^= (unsigned char)text[i];
        hash *= 1099511628211u;
    }
    return hash;
}

static void
dictionary_free(dictionary *d)
{
    for (size_t i = 0; i < d->count; i++) {
        free(d->entries[i].key);
        free(d->entries[i].label);
        free(d->entries[i].sort_key);
    }
    free(d->entries);
    free(d->buckets);
    memset(d, 0, sizeof *d);
}

static char *
copy_text(const char *text, size_t length)
{
    char *copy = malloc(length + 1);
    if (copy != NULL) {
        memcpy(copy, text, length);
        copy[length] = '\0';
    }
    return copy;
}

static ob_status
dictionary_grow_buckets(dictionary *d, ob_error *error)
{
    size_t count = d->bucket_count ? d->bucket_count * 2 : 64;
    uint32_t *buckets = malloc(count * sizeof *buckets);
    if (buckets == NULL)
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    memset(buckets, 0xFF, count * sizeof *buckets);
    for (size_t i = 0; i < d->count; i++) {
        const char *key = d->entries[i].key;
        size_t slot = (size_t)hash_bytes(key, strlen(key)) & (count - 1);
        while (buckets[slot] != NO_ID)
            slot = (slot + 1) & (count - 1);
        buckets[slot] = (uint32_t)i;
    }
    free(d->buckets);
    d->buckets = buckets;
    d->bucket_count = count;
    return OB_OK;
}

/* The id of KEY in D, adding it (with LABEL) when it is new. */
static ob_status
dictionary_intern(uint32_t *id, dictionary *d, const char *key,
                  size_t key_length, const char *label,
                  const ob_country *country, int month_index, ob_error *error)
{
    if (d->bucket_count == 0) {
        ob_status status = dictionary_grow_buckets(d, error);
        if (status != OB_OK)
            return status;
    }
    size_t mask = d->bucket_count - 1;
    size_t slot = (size_t)hash_bytes(key, key_length) & mask;
    while (d->buckets[slot] != NO_ID) {
        const entry *candidate = &d->entries[d->buckets[slot]];
        if (strncmp(candidate->key, key, key_length) == 0
            && candidate->key[key_length] == '\0') {
            *id = d->buckets[slot];
            return OB_OK;
        }
        slot = (slot + 1) & mask;
    }
    if (d->count == d->capacity) {
        entry *bigger =
            ob_grow(d->entries, &d->capacity, d->count + 1, sizeof *bigger, 16);
        if (bigger == NULL)
            return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
        d->entries = bigger;
    }
    entry *e = &d->entries[d->count];
    memset(e, 0, sizeof *e);
    e->key = copy_text(key, key_length);
    e->label = copy_text(label, strlen(label));
    char sort_key[256];
    size_t sort_length = ob_country_key(sort_key, sizeof sort_key, label,
                                        strlen(label));
    e->sort_key = copy_text(sort_key, sort_length < sizeof sort_key
                                          ? sort_length
                                          : sizeof sort_key - 1);
    if (e->key == NULL || e->label == NULL || e->sort_key == NULL) {
        free(e->key);
        free(e->label);
        free(e->sort_key);
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    }
    e->country = country;
    e->month_index = month_index;
    d->buckets[slot] = (uint32_t)d->count;
    *id = (uint32_t)d->count++;
    if (d->count * 2 > d->bucket_count)
        return dictionary_grow_buckets(d, error);
    return OB_OK;
}

static const dictionary *sorting_dictionary; /* qsort has no context */

static int
compare_entries(const void *a, const void *b)
{
    const entry *x = &sorting_dictionary->entries[*(const uint32_t *)a];
    const entry *y = &sorting_dictionary->entries[*(const uint32_t *)b];
    if (x->month_index != y->month_index)
        return x->month_index < y->month_index ? -1 : 1;
    int order = strcmp(x->sort_key, y->sort_key);
    if (order != 0)
        return order;
    order = strcmp(x->label, y->label);
    if (order != 0)
        return order;
    return strcmp(x->key, y->key);
}

/* Set the rank of every entry: its place in sorted order. */
static ob_status
dictionary_sort(dictionary *d, ob_error *error)
{
    if (d->count == 0)
        return OB_OK;
    uint32_t *order = malloc(d->count * sizeof *order);
    if (order == NULL)
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < d->count; i++)
        order[i] = (uint32_t)i;
    sorting_dictionary = d;
    qsort(order, d->count, sizeof *order, compare_entries);
    sorting_dictionary = NULL;
    for (size_t i = 0; i < d->count; i++)
        d->entries[order[i]].rank = i;
    free(order);
    return OB_OK;
}

/* ---- the cube ----------------------------------------------------------- */

typedef struct group_slot {
    ob_group group;
    uint32_t ids[OB_GROUPING_MAX_KEYS];
    uint64_t countries_seen[COUNTRY_WORDS];
} group_slot;

typedef struct operation_slot {
    ob_operation_info info;
    uint64_t countries_seen[COUNTRY_WORDS];
} operation_slot;

struct ob_cube {
    ob_grouping grouping;
    bool has_no_country; /* a record without a country was added */
    char *extra_names[OB_GROUPING_MAX_KEYS]; /* owned copies */
    dictionary values[OB_GROUPING_MAX_KEYS];
    group_slot *groups;
    size_t group_count;
    size_t group_capacity;
    uint32_t *buckets;
    size_t bucket_count;
    dictionary operations;
    operation_slot *operation_slots; /* parallel to operations.entries */
    size_t operation_slot_capacity;
    bool is_sorted;
    ob_date first_date;
    ob_date last_date;
    char *fold_buffer;
    size_t fold_capacity;
};

ob_status
ob_grouping_parse(ob_grouping *grouping, const char *text, ob_error *error)
{
    memset(grouping, 0, sizeof *grouping);
    const char *p = text;
    while (*p != '\0') {
        size_t length = strcspn(p, ",");
        if (length == 0)
            return ob_error_set(error, OB_ERR_USAGE,
                                "--by: \"%s\" has an empty key", text);
        if (grouping->key_count == OB_GROUPING_MAX_KEYS)
            return ob_error_set(error, OB_ERR_USAGE,
                                "--by: \"%s\" has more than %d keys", text,
                                OB_GROUPING_MAX_KEYS);
        size_t index = grouping->key_count++;
        grouping->keys[index] = OB_KEY_EXTRA;
        grouping->extra_names[index] = p;
        for (int k = 0; k < OB_KEY_EXTRA; k++) {
            const char *name = ob_key_name((ob_key)k);
            if (strlen(name) == length && strncmp(p, name, length) == 0) {
                grouping->keys[index] = (ob_key)k;
                grouping->extra_names[index] = NULL;
            }
        }
        for (size_t j = 0; j < index; j++) {
            bool is_same = grouping->keys[j] == grouping->keys[index];
            if (is_same && grouping->keys[index] == OB_KEY_EXTRA)
                is_same = strcspn(grouping->extra_names[j], ",") == length
                          && strncmp(grouping->extra_names[j], p, length)
                                 == 0;
            if (is_same)
                return ob_error_set(error, OB_ERR_USAGE,
                                    "--by: \"%.*s\" is given twice",
                                    (int)length, p);
        }
        p += length;
        if (*p == ',' && *++p == '\0')
            return ob_error_set(error, OB_ERR_USAGE,
                                "--by: \"%s\" has an empty key", text);
    }
    return OB_OK;
}

static void
free_groups(ob_cube *cube)
{
    free(cube->groups);
    free(cube->buckets);
}

void
ob_cube_free(ob_cube *cube)
{
    if (cube == NULL)
        return;
    for (size_t k = 0; k < OB_GROUPING_MAX_KEYS; k++) {
        dictionary_free(&cube->values[k]);
        free(cube->extra_names[k]);
    }
    dictionary_free(&cube->operations);
    free(cube->operation_slots);
    free_groups(cube);
    free(cube->fold_buffer);
    free(cube);
}

ob_status
ob_cube_new(ob_cube **out, const ob_grouping *grouping, ob_error *error)
{
    *out = NULL;
    assert(grouping->key_count <= OB_GROUPING_MAX_KEYS);
    ob_cube *cube = calloc(1, sizeof *cube);
    if (cube == NULL)
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    assert(ob_country_count() <= COUNTRY_WORDS * 64);
    cube->grouping = *grouping;
    for (size_t k = 0; k < grouping->key_count; k++) {
        if (grouping->keys[k] != OB_KEY_EXTRA)
            continue;
        const char *name = grouping->extra_names[k];
        cube->extra_names[k] = copy_text(name, strcspn(name, ","));
        if (cube->extra_names[k] == NULL) {
            ob_cube_free(cube);
            return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
        }
        cube->grouping.extra_names[k] = cube->extra_names[k];
    }
    cube->bucket_count = 64;
    cube->buckets = malloc(cube->bucket_count * sizeof *cube->buckets);
    if (cube->buckets == NULL) {
        ob_cube_free(cube);
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    }
    memset(cube->buckets, 0xFF, cube->bucket_count * sizeof *cube->buckets);
    *out = cube;
    return OB_OK;
}

const ob_grouping *
ob_cube_grouping(const ob_cube *cube)
{
    return &cube->grouping;
}

/* Fold NAME into *BUFFER (grown as needed): ASCII lower case, white space
 * runs as one space, none at the ends. Sets *LENGTH to the folded length. */
static ob_status
fold_name(size_t *length, char **buffer, size_t *capacity, const char *name,
          ob_error *error)
{
    size_t needed = strlen(name) + 1;
    if (needed > *capacity) {
        char *bigger = realloc(*buffer, needed);
        if (bigger == NULL)
            return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
        *buffer = bigger;
        *capacity = needed;
    }
    char *out = *buffer;
    size_t used = 0;
    for (const char *p = name; *p != '\0'; p++) {
        char c = *p;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            if (used > 0 && out[used - 1] != ' ')
                out[used++] = ' ';
            continue;
        }
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        out[used++] = c;
    }
    if (used > 0 && out[used - 1] == ' ')
        used--;
    out[used] = '\0';
    *length = used;
    return OB_OK;
}

bool
ob_operation_same(const char *a, const char *b)
{
    char *a_folded = NULL;
    char *b_folded = NULL;
    size_t a_capacity = 0;
    size_t b_capacity = 0;
    size_t a_length;
    size_t b_length;
    bool is_same =
        fold_name(&a_length, &a_folded, &a_capacity, a, NULL) == OB_OK
        && fold_name(&b_length, &b_folded, &b_capacity, b, NULL) == OB_OK
        && a_length == b_length && memcmp(a_folded, b_folded, a_length) == 0;
    free(a_folded);
    free(b_folded);
    return is_same;
}

/* Intern NAME by its folded form (operations, breakdown values). */
static ob_status
intern_name(uint32_t *id, ob_cube *cube, dictionary *d, const char *name,
            ob_error *error)
{
    size_t length;
    ob_status status = fold_name(&length, &cube->fold_buffer,
                                 &cube->fold_capacity, name, error);
    if (status != OB_OK)
        return status;
    return dictionary_intern(id, d, cube->fold_buffer, length, name, NULL,
                             -1, error);
}

static ob_status
intern_country(uint32_t *id, dictionary *d, const ob_country *country,
               ob_error *error)
{
    return dictionary_intern(id, d, country->alpha3, 3, country->name,
                             country, -1, error);
}

/* Header names compare as the ingest stage reads them: case, and space,
 * '-' and '_' alike. */
static bool
column_names_match(const char *a, const char *b)
{
    for (;; a++, b++) {
        char x = *a;
        char y = *b;
        if (x == ' ' || x == '-')
            x = '_';
        if (y == ' ' || y == '-')
            y = '_';
        if (x >= 'A' && x <= 'Z')
            x = (char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = (char)(y - 'A' + 'a');
        if (x != y)
            return false;
        if (x == '\0')
            return true;
    }
}

static const char *
region_of(ob_key key, const ob_country *country)
{
    const char *region = key == OB_KEY_REGION      ? country->m49_region
                         : key == OB_KEY_SUBREGION ? country->m49_subregion
                                                   : country->interpol_region;
    return region[0] != '\0' ? region : NULL;
}

/* The id of the value of key K of RECORD; NO_ID when it has none. */
static ob_status
key_id(uint32_t *id, ob_cube *cube, size_t k, const ob_record *record,
       ob_error *error)
{
    dictionary *d = &cube->values[k];
    const char *text = NULL;
    *id = NO_ID;
    switch (cube->grouping.keys[k]) {
    case OB_KEY_OPERATION:
        return intern_name(id, cube, d, record->operation, error);
    case OB_KEY_COUNTRY:
        if (record->country == NULL)
            return OB_OK;
        return intern_country(id, d, record->country, error);
    case OB_KEY_REGION:
    case OB_KEY_SUBREGION:
    case OB_KEY_INTERPOL:
        if (record->country == NULL)
            return OB_OK;
        text = region_of(cube->grouping.keys[k], record->country);
        if (text == NULL)
            return OB_OK;
        return dictionary_intern(id, d, text, strlen(text), text, NULL, -1,
                                 error);
    case OB_KEY_MONTH: {
        if (record->date.year == 0)
            return OB_OK;
        char label[16];
        int length = snprintf(label, sizeof label, "%04d-%02d",
                              record->date.year, record->date.month);
        return dictionary_intern(id, d, label, (size_t)length, label, NULL,
                                 record->date.year * 12 + record->date.month
                                     - 1,
                                 error);
    }
    case OB_KEY_CITIZENSHIP: {
        text = record->breakdowns[OB_BREAKDOWN_CITIZENSHIP];
        if (text == NULL)
            return OB_OK;
        const ob_country *country = ob_country_find(text, strlen(text));
        if (country == NULL)
            return OB_OK;
        return intern_country(id, d, country, error);
    }
    case OB_KEY_EXPLOITATION:
        text = record->breakdowns[OB_BREAKDOWN_EXPLOITATION];
        break;
    case OB_KEY_VICTIM_SEX:
        text = record->breakdowns[OB_BREAKDOWN_VICTIM_SEX];
        break;
    case OB_KEY_VICTIM_AGE:
        text = record->breakdowns[OB_BREAKDOWN_VICTIM_AGE];
        break;
    case OB_KEY_RECRUITMENT:
        text = record->breakdowns[OB_BREAKDOWN_RECRUITMENT];
        break;
    case OB_KEY_EXTRA:
        for (size_t i = 0; i < record->extra_count; i++) {
            if (column_names_match(record->extra_names[i],
                                   cube->grouping.extra_names[k])) {
                text = record->extra_values[i];
                break;
            }
        }
        break;
    case OB_KEY_KIND_COUNT:
        break;
    }
    if (text == NULL || text[0] == '\0')
        return OB_OK;
    return intern_name(id, cube, d, text, error);
}

static uint64_t
hash_ids(const uint32_t *ids)
{
    uint64_t hash = ((uint64_t)ids[0] << 32 | ids[1]) * 0x9E3779B97F4A7C15u;
    hash ^= hash >> 29;
    hash *= 0xBF58476D1CE4E5B9u;
    return hash ^ (hash >> 32);
}

static ob_status
rebuild_buckets(ob_cube *cube, size_t count, ob_error *error)
{
    uint32_t *buckets = malloc(count * sizeof *buckets);
    if (buckets == NULL)
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    memset(buckets, 0xFF, count * sizeof *buckets);
    for (size_t i = 0; i < cube->group_count; i++) {
        size_t slot = (size_t)hash_ids(cube->groups[i].ids) & (count - 1);
        while (buckets[slot] != NO_ID)
            slot = (slot + 1) & (count - 1);
        buckets[slot] = (uint32_t)i;
    }
    free(cube->buckets);
    cube->buckets = buckets;
    cube->bucket_count = count;
    return OB_OK;
}

static ob_status
find_group(group_slot **out, ob_cube *cube, const uint32_t *ids,
           ob_error *error)
{
    size_t mask = cube->bucket_count - 1;
    size_t slot = (size_t)hash_ids(ids) & mask;
    while (cube->buckets[slot] != NO_ID) {
        group_slot *group = &cube->groups[cube->buckets[slot]];
        if (memcmp(group->ids, ids, sizeof group->ids) == 0) {
            *out = group;
            return OB_OK;
        }
        slot = (slot + 1) & mask;
    }
    if (cube->group_count == cube->group_capacity) {
        group_slot *bigger = ob_grow(cube->groups, &cube->group_capacity,
                                     cube->group_count + 1, sizeof *bigger, 64);
        if (bigger == NULL)
            return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
        cube->groups = bigger;
    }
    group_slot *group = &cube->groups[cube->group_count];
    memset(group, 0, sizeof *group);
    memcpy(group->ids, ids, sizeof group->ids);
    cube->buckets[slot] = (uint32_t)cube->group_count++;
    cube->is_sorted = false;
    *out = group;
    if (cube->group_count * 2 > cube->bucket_count) {
        ob_status status = rebuild_buckets(cube, cube->bucket_count * 2,
                                           error);
        if (status != OB_OK)
            return status;
    }
    return OB_OK;
}

static ob_status
add_count(ob_sum *sum, const ob_count *count, ob_measure measure,
          ob_error *error)
{
    switch (count->qualifier) {
    case OB_QUALIFIER_MISSING:
        sum->missing++;
        return OB_OK;
    case OB_QUALIFIER_BELOW:
        /* "<5" says only that the value is 0 to 4: it adds nothing to the
         * sum, and the count of such cells says the sum is a lower bound. */
        sum->below++;
        return OB_OK;
    case OB_QUALIFIER_APPROX:
        sum->approximate++;
        break;
    case OB_QUALIFIER_AT_LEAST:
        sum->at_least++;
        break;
    case OB_QUALIFIER_EXACT:
        break;
    }
    sum->reported++;
    if (__builtin_add_overflow(sum->value, count->value, &sum->value))
        return ob_error_set(error, OB_ERR_DATA,
                            "the sum of %s is too large to count",
                            ob_measure_name(measure));
    return OB_OK;
}

static bool
mark_country(uint64_t *seen, const ob_country *country)
{
    if (country == NULL)
        return false;
    size_t index = country->index;
    uint64_t bit = UINT64_C(1) << (index % 64);
    if (seen[index / 64] & bit)
        return false;
    seen[index / 64] |= bit;
    return true;
}

static ob_status
note_operation(ob_cube *cube, const ob_record *record, ob_error *error)
{
    uint32_t id;
    ob_status status = intern_name(&id, cube, &cube->operations,
                                   record->operation, error);
    if (status != OB_OK)
        return status;
    if (id >= cube->operation_slot_capacity) {
        size_t old_capacity = cube->operation_slot_capacity;
        operation_slot *bigger =
            ob_grow(cube->operation_slots, &cube->operation_slot_capacity,
                    (size_t)id + 1, sizeof *bigger, 16);
        if (bigger == NULL)
            return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
        memset(bigger + old_capacity, 0,
               (cube->operation_slot_capacity - old_capacity) * sizeof *bigger);
        cube->operation_slots = bigger;
    }
    operation_slot *slot = &cube->operation_slots[id];
    if (mark_country(slot->countries_seen, record->country))
        slot->info.countries_present++;
    int64_t declared = record->countries_declared;
    if (declared > 0) {
        if (slot->info.countries_declared != 0
            && slot->info.countries_declared != declared)
            slot->info.has_conflicting_declarations = true;
        if (declared > slot->info.countries_declared)
            slot->info.countries_declared = declared;
    }
    return OB_OK;
}

static int
date_order(const ob_date *a, const ob_date *b)
{
    int x = (a->year * 100 + a->month) * 100 + a->day;
    int y = (b->year * 100 + b->month) * 100 + b->day;
    return (x > y) - (x < y);
}

void
ob_cube_date_range(const ob_cube *cube, ob_date *first, ob_date *last)
{
    *first = cube->first_date;
    *last = cube->last_date;
}

ob_status
ob_cube_add(ob_cube *cube, const ob_record *record, ob_error *error)
{
    uint32_t ids[OB_GROUPING_MAX_KEYS] = {NO_ID, NO_ID};
    if (record->date.year != 0) {
        if (cube->first_date.year == 0
            || date_order(&record->date, &cube->first_date) < 0)
            cube->first_date = record->date;
        if (date_order(&record->date, &cube->last_date) > 0)
            cube->last_date = record->date;
    }
    cube->has_no_country |= record->country == NULL;
    ob_status status = note_operation(cube, record, error);
    for (size_t k = 0; k < cube->grouping.key_count && status == OB_OK; k++)
        status = key_id(&ids[k], cube, k, record, error);
    if (status != OB_OK)
        return status;

    group_slot *group = NULL;
    status = find_group(&group, cube, ids, error);
    if (status != OB_OK)
        return status;
    group->group.rows++;
    if (mark_country(group->countries_seen, record->country))
        group->group.countries++;
    for (size_t m = 0; m < OB_MEASURE_COUNT; m++) {
        status = add_count(&group->group.sums[m], &record->measures[m],
                           (ob_measure)m, error);
        if (status != OB_OK)
            return status;
    }
    return OB_OK;
}

static ob_status
accept_record(void *context, const ob_record *record, ob_error *error)
{
    return ob_cube_add(context, record, error);
}

ob_record_sink
ob_cube_sink(ob_cube *cube)
{
    ob_record_sink sink = {accept_record, cube};
    return sink;
}

size_t
ob_cube_group_count(const ob_cube *cube)
{
    return cube->group_count;
}

static const ob_cube *sorting_cube; /* qsort has no context argument */

static size_t
rank_of(const ob_cube *cube, size_t k, uint32_t id)
{
    return id == NO_ID ? SIZE_MAX : cube->values[k].entries[id].rank;
}

static int
compare_groups(const void *a, const void *b)
{
    const group_slot *x = a;
    const group_slot *y = b;
    for (size_t k = 0; k < sorting_cube->grouping.key_count; k++) {
        size_t rx = rank_of(sorting_cube, k, x->ids[k]);
        size_t ry = rank_of(sorting_cube, k, y->ids[k]);
        if (rx != ry)
            return rx < ry ? -1 : 1;
    }
    return 0;
}

static const char *
none_label(ob_key key)
{
    switch (key) {
    case OB_KEY_COUNTRY:
    case OB_KEY_REGION:
    case OB_KEY_SUBREGION:
    case OB_KEY_INTERPOL:
        return "Not attributed";
    case OB_KEY_MONTH:
        return "No date";
    default:
        return "Not given";
    }
}

static void
fill_key_values(ob_cube *cube, group_slot *group)
{
    for (size_t k = 0; k < cube->grouping.key_count; k++) {
        ob_key_value *value = &group->group.keys[k];
        memset(value, 0, sizeof *value);
        value->month_index = -1;
        if (group->ids[k] == NO_ID) {
            value->is_none = true;
            value->label = none_label(cube->grouping.keys[k]);
            continue;
        }
        const entry *e = &cube->values[k].entries[group->ids[k]];
        value->label = e->label;
        value->country = e->country;
        value->code = e->country ? e->country->alpha3 : NULL;
        value->month_index = e->month_index;
    }
}

static void
sort_groups(ob_cube *cube)
{
    for (size_t k = 0; k < cube->grouping.key_count; k++) {
        if (dictionary_sort(&cube->values[k], NULL) != OB_OK)
            return; /* out of memory: leave the order as it is */
    }
    sorting_cube = cube;
    qsort(cube->groups, cube->group_count, sizeof *cube->groups,
          compare_groups);
    sorting_cube = NULL;
    for (size_t i = 0; i < cube->group_count; i++)
        fill_key_values(cube, &cube->groups[i]);
    /* Sorting moved the groups: the buckets point at new places. */
    if (rebuild_buckets(cube, cube->bucket_count, NULL) != OB_OK)
        return;
    cube->is_sorted = true;
}

const ob_group *
ob_cube_group(ob_cube *cube, size_t index)
{
    assert(index < cube->group_count);
    if (!cube->is_sorted)
        sort_groups(cube);
    return &cube->groups[index].group;
}

size_t
ob_cube_operation_count(const ob_cube *cube)
{
    return cube->operations.count;
}

const ob_operation_info *
ob_cube_operation(ob_cube *cube, size_t index)
{
    assert(index < cube->operations.count);
    /* Operations in name order: find the entry of that rank. */
    if (dictionary_sort(&cube->operations, NULL) != OB_OK)
        return NULL;
    for (size_t i = 0; i < cube->operations.count; i++) {
        if (cube->operations.entries[i].rank != index)
            continue;
        cube->operation_slots[i].info.name = cube->operations.entries[i].label;
        return &cube->operation_slots[i].info;
    }
    return NULL;
}

bool
ob_cube_has_place(const ob_cube *cube, const ob_country *country)
{
    if (country == NULL)
        return cube->has_no_country;
    size_t index = country->index;
    uint64_t bit = UINT64_C(1) << (index % 64);
    for (size_t i = 0; i < cube->operation_slot_capacity; i++) {
        if (cube->operation_slots[i].countries_seen[index / 64] & bit)
            return true;
    }
    return false;
}
