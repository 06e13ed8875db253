/* Reading one cell of a return: counts, dates and header names. Shared
 * inside the ingest stage only. */
#ifndef OB_INGEST_CELL_H
#define OB_INGEST_CELL_H

#include <stdbool.h>
#include <stddef.h>

#include "opbrief/core.h"

/* What a column of the header means. */
typedef enum cell_role {
    CELL_ROLE_EXTRA = 0, /* a user dimension */
    CELL_ROLE_OPERATION,
    CELL_ROLE_COUNTRY,
    CELL_ROLE_DATE,
    CELL_ROLE_MEASURE,   /* + measure */
    CELL_ROLE_BREAKDOWN, /* + breakdown */
    CELL_ROLE_COUNTRIES_DECLARED
} cell_role;

typedef struct cell_column {
    cell_role role;
    int which; /* the ob_measure or ob_breakdown */
} cell_column;

#define CELL_MESSAGE_SIZE 384

/* Whether header cell NAME (LENGTH bytes) is a known column; if so, fill
 * COLUMN. Names match ignoring case and surrounding spaces, with space,
 * `-` and `_` equivalent. */
void cell_column_from_name(cell_column *column, const char *name,
                           size_t length);

/* The canonical name of COLUMN for messages ("operation", "victims"). */
const char *cell_column_name(const cell_column *column);

/* Read a count. Empty (or only spaces) is OB_QUALIFIER_MISSING. On failure
 * return false with MESSAGE set, e.g. `"1.5" is not a whole number`. */
bool cell_parse_count(ob_count *count, char *message, const char *text,
                      size_t length);

/* Read a date, YYYY-MM-DD or YYYY-MM; empty gives year 0. */
bool cell_parse_date(ob_date *date, char *message, const char *text,
                     size_t length);

/* TEXT without the spaces and tabs around it: sets *START and returns the
 * trimmed length. */
size_t cell_trim(const char **start, const char *text, size_t length);

#endif
