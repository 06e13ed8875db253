/* Writing a table of aggregates as CSV, JSON or aligned text. Shared
 * inside the command line only. */
#ifndef OB_CLI_WRITE_H
#define OB_CLI_WRITE_H

#include <stdbool.h>
#include <stdio.h>

#include "opbrief/cube.h"
#include "opbrief/stats.h"

typedef struct write_options {
    bool has_stats; /* CSV and text: add totals and statistics rows */
} write_options;

/* The text a cell is published as: "" when nothing was reported, "<10"
 * or "x" when protected, else the number with "~" or ">" in front when
 * the cells in it say so. GROUPING is the thousands separator or NULL. */
void write_cell_text(char *out, size_t out_size, const ob_cell *cell,
                     const char *grouping);

ob_status write_csv(FILE *file, const ob_table *table,
                    const write_options *options, ob_error *error);
ob_status write_json(FILE *file, const ob_table *table, ob_cube *cube,
                     ob_error *error);

/* What protection did to a whole publication: its figures (each once)
 * shown as "<K" and as "x", and the fewest "x" an exact search found. */
typedef struct write_protection {
    int64_t threshold;
    size_t primary;
    size_t complementary;
    bool has_minimum;
    size_t minimum;
    /* What data the publication was made from, when it differs from other
     * publications' of the same figures (a monthly report: "returns up to
     * 2023-03"); NULL when it is whatever the files given were. */
    const char *vintage;
} write_protection;

/* A publication's data file: the JSON of every table in TABLES (COUNT of
 * them, each with the cube it was made of), as {"tables": [...]}, with
 * PROTECTION, for 'opbrief audit' and --published. */
ob_status write_json_publication(FILE *file, const ob_table *const *tables,
                                 ob_cube *const *cubes, size_t count,
                                 const write_protection *protection,
                                 ob_error *error);
ob_status write_text_table(FILE *file, const ob_table *table,
                           const write_options *options, ob_error *error);

#endif
