/* The aggregate stage: records in, sums per group out.
 *
 * A cube is told at creation which keys group its records (operation,
 * country or both); it keeps one group per distinct key, never the rows,
 * so its memory grows with the number of groups only. It owns copies of
 * every string it keeps: the records given to it may be freed at once. */
#ifndef OPBRIEF_CUBE_H
#define OPBRIEF_CUBE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "opbrief/core.h"

/* The keys a cube groups by; combine with |. 0 is the grand total. */
enum { OB_KEY_OPERATION = 1u << 0, OB_KEY_COUNTRY = 1u << 1 };

/* One measure of one group. */
typedef struct ob_sum {
    int64_t value;      /* sum of every reported value (bounds included) */
    size_t reported;    /* cells with a value */
    size_t missing;     /* empty cells: unknown, not counted as zero */
    size_t approximate; /* cells written ~N */
    size_t at_least;    /* cells written >N */
    size_t below;       /* cells written <N (suppressed upstream, value 0) */
} ob_sum;

typedef struct ob_group {
    const char *operation;     /* display name; NULL without that key */
    const ob_country *country; /* NULL: not attributed, or without the key */
    size_t rows;
    size_t countries; /* distinct countries with rows in this group */
    ob_sum sums[OB_MEASURE_COUNT];
} ob_group;

typedef struct ob_cube ob_cube;

ob_status ob_cube_new(ob_cube **out, unsigned keys, ob_error *error);
void ob_cube_free(ob_cube *cube);

/* Add one record. Fails only when memory runs out or a sum would pass
 * INT64_MAX. */
ob_status ob_cube_add(ob_cube *cube, const ob_record *record, ob_error *error);

/* A sink that adds every record it receives to CUBE. */
ob_record_sink ob_cube_sink(ob_cube *cube);

/* The groups, sorted by operation name (ignoring case), then country code
 * with "not attributed" last. Borrowed; valid until the next
 * ob_cube_add(). */
size_t ob_cube_group_count(const ob_cube *cube);
const ob_group *ob_cube_group(ob_cube *cube, size_t index);

/* Whether two operation names are the same operation: case and runs of
 * white space do not count ("Flash-Weka" is "FLASH-WEKA"). */
bool ob_operation_same(const char *a, const char *b);

#endif
