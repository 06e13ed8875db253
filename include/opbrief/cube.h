/* The aggregate stage, part one: the streaming cube.
 *
 * A cube is told at creation how to group its records (a grouping of one
 * or two keys, or none for the grand total); it keeps one group per
 * distinct key value, never the rows, so its memory grows with the number
 * of groups only. It owns copies of every string it keeps: the records
 * given to it may be freed at once. ob_table_new() (stats.h) turns a cube
 * into the published numbers. */
#ifndef OPBRIEF_CUBE_H
#define OPBRIEF_CUBE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "opbrief/core.h"

/* ob_key, what a record can be grouped by, is in core.h. */

#define OB_GROUPING_MAX_KEYS 2

/* The keys of a grouping, outermost first: "operation,country" groups the
 * countries of each operation. */
typedef struct ob_grouping {
    size_t key_count; /* 0: the grand total only */
    ob_key keys[OB_GROUPING_MAX_KEYS];
    const char *extra_names[OB_GROUPING_MAX_KEYS]; /* for OB_KEY_EXTRA */
} ob_grouping;

/* Read a --by list such as "operation,month" into GROUPING. Key names:
 * operation, country, region, subregion, interpol, month, exploitation,
 * citizenship, victim_sex, victim_age, recruitment; any other name is a
 * user column. The strings of TEXT must outlive GROUPING. */
ob_status ob_grouping_parse(ob_grouping *grouping, const char *text,
                            ob_error *error);


/* One measure of one group. */
typedef struct ob_sum {
    int64_t value;      /* sum of every reported value (bounds included) */
    size_t reported;    /* cells with a value */
    size_t missing;     /* empty cells: unknown, not counted as zero */
    size_t approximate; /* cells written ~N */
    size_t at_least;    /* cells written >N */
    size_t below;       /* cells written <N (suppressed upstream, value 0) */
} ob_sum;

/* The value of one key of a group. */
typedef struct ob_key_value {
    bool is_none;    /* not attributed / no date / not given */
    const char *label; /* display text: a name, a month "2023-05", ... */
    const char *code;  /* alpha-3 for country and citizenship, else NULL */
    const ob_country *country; /* for country and citizenship */
    int month_index; /* year * 12 + month - 1, for OB_KEY_MONTH */
} ob_key_value;

typedef struct ob_group {
    ob_key_value keys[OB_GROUPING_MAX_KEYS];
    size_t rows;
    size_t countries; /* distinct countries with rows in this group */
    ob_sum sums[OB_MEASURE_COUNT];
} ob_group;

/* What the cube knows of each operation, whatever the grouping. */
typedef struct ob_operation_info {
    const char *name;          /* the first spelling seen */
    size_t countries_present;  /* distinct countries with rows */
    int64_t countries_declared; /* the largest declared; 0 if none */
    bool has_conflicting_declarations; /* two rows declared different */
} ob_operation_info;

typedef struct ob_cube ob_cube;

ob_status ob_cube_new(ob_cube **out, const ob_grouping *grouping,
                      ob_error *error);
void ob_cube_free(ob_cube *cube);

/* The grouping the cube was made with; borrowed. */
const ob_grouping *ob_cube_grouping(const ob_cube *cube);

/* Add one record. Fails only when memory runs out or a sum would pass
 * INT64_MAX. */
ob_status ob_cube_add(ob_cube *cube, const ob_record *record,
                      ob_error *error);

/* A sink that adds every record it receives to CUBE. */
ob_record_sink ob_cube_sink(ob_cube *cube);

/* The groups, sorted key by key: names alphabetically (ignoring case and
 * accents), months in time order, "none" values last. Borrowed; valid
 * until the next ob_cube_add(). */
size_t ob_cube_group_count(const ob_cube *cube);
const ob_group *ob_cube_group(ob_cube *cube, size_t index);

/* The operations seen, in the order of their names. */
size_t ob_cube_operation_count(const ob_cube *cube);
const ob_operation_info *ob_cube_operation(ob_cube *cube, size_t index);

/* Whether a record of COUNTRY (NULL: of no country) was added. */
bool ob_cube_has_place(const ob_cube *cube, const ob_country *country);

/* The first and last dates of the records added (year 0: none). */
void ob_cube_date_range(const ob_cube *cube, ob_date *first, ob_date *last);

/* Whether two operation names are the same operation: case and runs of
 * white space do not count ("Flash-Weka" is "FLASH-WEKA"). */
bool ob_operation_same(const char *a, const char *b);

#endif
