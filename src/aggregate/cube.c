/* The streaming cube: an open-addressing hash table from (operation,
 * country) to a group of sums, and a table of operation names. */
#include "opbrief/cube.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#define NO_INDEX SIZE_MAX
#define COUNTRY_WORDS 8 /* bits for 512 countries */

typedef struct group_slot {
    ob_group group;
    size_t operation_index; /* NO_INDEX without the key */
    size_t country_index;   /* NO_INDEX: not attributed or no key */
    uint64_t countries_seen[COUNTRY_WORDS];
} group_slot;

typedef struct operation_entry {
    char *key;  /* folded: lower case, single spaces */
    char *name; /* the first spelling seen */
} operation_entry;

struct ob_cube {
    unsigned keys;
    group_slot *groups;
    size_t group_count;
    size_t group_capacity;
    size_t *buckets; /* indexes into groups; NO_INDEX when free */
    size_t bucket_count;
    operation_entry *operations;
    size_t operation_count;
    size_t operation_capacity;
    size_t *operation_buckets;
    size_t operation_bucket_count;
    bool is_sorted;
    char *fold_buffer;
    size_t fold_capacity;
};

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

static uint64_t
hash_pair(size_t a, size_t b)
{
    uint64_t hash = (uint64_t)a * 0x9E3779B97F4A7C15u;
    hash ^= (uint64_t)b + 0x7F4A7C159E3779B9u + (hash << 6) + (hash >> 2);
    hash *= 0xBF58476D1CE4E5B9u;
    return hash ^ (hash >> 31);
}

static size_t *
new_buckets(size_t count)
{
    size_t *buckets = malloc(count * sizeof *buckets);
    if (buckets != NULL)
        memset(buckets, 0xFF, count * sizeof *buckets);
    return buckets;
}

ob_status
ob_cube_new(ob_cube **out, unsigned keys, ob_error *error)
{
    *out = NULL;
    ob_cube *cube = calloc(1, sizeof *cube);
    if (cube == NULL)
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    assert(ob_country_count() <= COUNTRY_WORDS * 64);
    cube->keys = keys;
    cube->bucket_count = 64;
    cube->buckets = new_buckets(cube->bucket_count);
    cube->operation_bucket_count = 64;
    cube->operation_buckets = new_buckets(cube->operation_bucket_count);
    if (cube->buckets == NULL || cube->operation_buckets == NULL) {
        ob_cube_free(cube);
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    }
    *out = cube;
    return OB_OK;
}

void
ob_cube_free(ob_cube *cube)
{
    if (cube == NULL)
        return;
    for (size_t i = 0; i < cube->operation_count; i++) {
        free(cube->operations[i].key);
        free(cube->operations[i].name);
    }
    free(cube->operations);
    free(cube->operation_buckets);
    free(cube->groups);
    free(cube->buckets);
    free(cube->fold_buffer);
    free(cube);
}

/* Fold NAME into *BUFFER (grown as needed): ASCII lower case, white space
 * runs as one space, none at the ends. Sets *LENGTH to the folded length. */
static ob_status
fold_operation(size_t *length, char **buffer, size_t *capacity,
               const char *name, ob_error *error)
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
        fold_operation(&a_length, &a_folded, &a_capacity, a, NULL) == OB_OK
        && fold_operation(&b_length, &b_folded, &b_capacity, b, NULL) == OB_OK
        && a_length == b_length && memcmp(a_folded, b_folded, a_length) == 0;
    free(a_folded);
    free(b_folded);
    return is_same;
}

static char *
copy_string(const char *text, size_t length)
{
    char *copy = malloc(length + 1);
    if (copy != NULL) {
        memcpy(copy, text, length);
        copy[length] = '\0';
    }
    return copy;
}

static ob_status
grow_operation_buckets(ob_cube *cube, ob_error *error)
{
    size_t count = cube->operation_bucket_count * 2;
    size_t *buckets = new_buckets(count);
    if (buckets == NULL)
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < cube->operation_count; i++) {
        const char *key = cube->operations[i].key;
        size_t slot = (size_t)hash_bytes(key, strlen(key)) & (count - 1);
        while (buckets[slot] != NO_INDEX)
            slot = (slot + 1) & (count - 1);
        buckets[slot] = i;
    }
    free(cube->operation_buckets);
    cube->operation_buckets = buckets;
    cube->operation_bucket_count = count;
    return OB_OK;
}

static ob_status
find_operation(size_t *index, ob_cube *cube, const char *name, ob_error *error)
{
    size_t length;
    ob_status status = fold_operation(&length, &cube->fold_buffer,
                                      &cube->fold_capacity, name, error);
    if (status != OB_OK)
        return status;
    const char *key = cube->fold_buffer;
    size_t mask = cube->operation_bucket_count - 1;
    size_t slot = (size_t)hash_bytes(key, length) & mask;
    while (cube->operation_buckets[slot] != NO_INDEX) {
        size_t candidate = cube->operation_buckets[slot];
        if (strcmp(cube->operations[candidate].key, key) == 0) {
            *index = candidate;
            return OB_OK;
        }
        slot = (slot + 1) & mask;
    }
    if (cube->operation_count == cube->operation_capacity) {
        size_t capacity =
            cube->operation_capacity ? cube->operation_capacity * 2 : 16;
        operation_entry *bigger =
            realloc(cube->operations, capacity * sizeof *bigger);
        if (bigger == NULL)
            return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
        cube->operations = bigger;
        cube->operation_capacity = capacity;
    }
    operation_entry *entry = &cube->operations[cube->operation_count];
    entry->key = copy_string(key, length);
    entry->name = copy_string(name, strlen(name));
    if (entry->key == NULL || entry->name == NULL) {
        free(entry->key);
        free(entry->name);
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    }
    cube->operation_buckets[slot] = cube->operation_count;
    *index = cube->operation_count++;
    if (cube->operation_count * 2 > cube->operation_bucket_count)
        return grow_operation_buckets(cube, error);
    return OB_OK;
}

static ob_status
grow_groups(ob_cube *cube, ob_error *error)
{
    if (cube->group_count == cube->group_capacity) {
        size_t capacity = cube->group_capacity ? cube->group_capacity * 2 : 64;
        group_slot *bigger = realloc(cube->groups, capacity * sizeof *bigger);
        if (bigger == NULL)
            return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
        cube->groups = bigger;
        cube->group_capacity = capacity;
    }
    if ((cube->group_count + 1) * 2 <= cube->bucket_count)
        return OB_OK;
    size_t count = cube->bucket_count * 2;
    size_t *buckets = new_buckets(count);
    if (buckets == NULL)
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < cube->group_count; i++) {
        const group_slot *group = &cube->groups[i];
        size_t slot =
            (size_t)hash_pair(group->operation_index, group->country_index)
            & (count - 1);
        while (buckets[slot] != NO_INDEX)
            slot = (slot + 1) & (count - 1);
        buckets[slot] = i;
    }
    free(cube->buckets);
    cube->buckets = buckets;
    cube->bucket_count = count;
    return OB_OK;
}

static ob_status
find_group(group_slot **out, ob_cube *cube, size_t operation_index,
           size_t country_index, ob_error *error)
{
    size_t mask = cube->bucket_count - 1;
    size_t slot = (size_t)hash_pair(operation_index, country_index) & mask;
    while (cube->buckets[slot] != NO_INDEX) {
        group_slot *group = &cube->groups[cube->buckets[slot]];
        if (group->operation_index == operation_index
            && group->country_index == country_index) {
            *out = group;
            return OB_OK;
        }
        slot = (slot + 1) & mask;
    }
    ob_status status = grow_groups(cube, error);
    if (status != OB_OK)
        return status;
    /* The buckets may have been rebuilt: find the free slot again. */
    mask = cube->bucket_count - 1;
    slot = (size_t)hash_pair(operation_index, country_index) & mask;
    while (cube->buckets[slot] != NO_INDEX)
        slot = (slot + 1) & mask;
    group_slot *group = &cube->groups[cube->group_count];
    memset(group, 0, sizeof *group);
    group->operation_index = operation_index;
    group->country_index = country_index;
    cube->buckets[slot] = cube->group_count++;
    cube->is_sorted = false;
    *out = group;
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

ob_status
ob_cube_add(ob_cube *cube, const ob_record *record, ob_error *error)
{
    size_t operation_index = NO_INDEX;
    size_t country_index = NO_INDEX;
    if (cube->keys & OB_KEY_OPERATION) {
        ob_status status =
            find_operation(&operation_index, cube, record->operation, error);
        if (status != OB_OK)
            return status;
    }
    if ((cube->keys & OB_KEY_COUNTRY) && record->country != NULL)
        country_index = record->country->index;

    group_slot *group;
    ob_status status =
        find_group(&group, cube, operation_index, country_index, error);
    if (status != OB_OK)
        return status;
    group->group.rows++;
    if (record->country != NULL) {
        size_t index = record->country->index;
        uint64_t bit = UINT64_C(1) << (index % 64);
        if (!(group->countries_seen[index / 64] & bit)) {
            group->countries_seen[index / 64] |= bit;
            group->group.countries++;
        }
    }
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

static int
compare_groups(const void *a, const void *b)
{
    const group_slot *x = a;
    const group_slot *y = b;
    if (x->operation_index != y->operation_index) {
        int order = strcmp(sorting_cube->operations[x->operation_index].key,
                           sorting_cube->operations[y->operation_index].key);
        if (order != 0)
            return order;
        return x->operation_index < y->operation_index ? -1 : 1;
    }
    if (x->country_index == y->country_index)
        return 0;
    /* Country indexes are in alpha-3 order; NO_INDEX sorts last. */
    return x->country_index < y->country_index ? -1 : 1;
}

static void
sort_groups(ob_cube *cube)
{
    sorting_cube = cube;
    qsort(cube->groups, cube->group_count, sizeof *cube->groups,
          compare_groups);
    sorting_cube = NULL;
    /* Sorting moved the groups: rebuild the buckets. */
    memset(cube->buckets, 0xFF, cube->bucket_count * sizeof *cube->buckets);
    size_t mask = cube->bucket_count - 1;
    for (size_t i = 0; i < cube->group_count; i++) {
        group_slot *group = &cube->groups[i];
        size_t slot =
            (size_t)hash_pair(group->operation_index, group->country_index)
            & mask;
        while (cube->buckets[slot] != NO_INDEX)
            slot = (slot + 1) & mask;
        cube->buckets[slot] = i;
        group->group.operation =
            group->operation_index == NO_INDEX
                ? NULL
                : cube->operations[group->operation_index].name;
        group->group.country = group->country_index == NO_INDEX
                                   ? NULL
                                   : ob_country_at(group->country_index);
    }
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
