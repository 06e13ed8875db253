/* Core types shared by every stage: statuses and errors, the record that
 * ingest emits and aggregate consumes, and the sink that carries it.
 *
 * Nothing here knows CSV, GSL, cairo or Pango. */
#ifndef OPBRIEF_CORE_H
#define OPBRIEF_CORE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "opbrief/country.h"

#define OB_VERSION "0.1.0"

/* What went wrong, in the terms the command line reports (sysexits). */
typedef enum ob_status {
    OB_OK = 0,
    OB_ERR_USAGE,     /* the caller asked for something that cannot be */
    OB_ERR_DATA,      /* the input is wrong (strict mode, nothing usable) */
    OB_ERR_NOINPUT,   /* an input cannot be opened */
    OB_ERR_CANTCREAT, /* an output cannot be created */
    OB_ERR_IO,        /* reading or writing failed part-way */
    OB_ERR_NOMEM,     /* out of memory, or a size would overflow */
    OB_ERR_CONFIG     /* a configuration (report definition) is wrong */
} ob_status;

#define OB_ERROR_MESSAGE_SIZE 512

/* One error: a status and a one-line message without the "opbrief: "
 * prefix, e.g. `returns.csv:14:5: "1O62" is not a whole number`. */
typedef struct ob_error {
    ob_status status;
    char message[OB_ERROR_MESSAGE_SIZE];
} ob_error;

/* The only function that makes an error: it fills ERROR (which may be NULL)
 * and returns STATUS, so `return ob_error_set(...)` reads naturally. A
 * message longer than the buffer is cut at a UTF-8 character boundary. */
ob_status ob_error_set(ob_error *error, ob_status status, const char *format,
                       ...) __attribute__((format(printf, 3, 4)));
ob_status ob_error_setv(ob_error *error, ob_status status, const char *format,
                        va_list args) __attribute__((format(printf, 3, 0)));

/* Write VALUE (LENGTH bytes, any content) into OUT as a double-quoted,
 * printable form for messages: control characters and bytes that are not
 * UTF-8 become \xHH, `"` and `\` are escaped, and a value longer than
 * MAX_CHARS characters is cut with "...". OUT always ends in NUL. */
void ob_quote_value(char *out, size_t out_size, const char *value,
                    size_t length, size_t max_chars);

/* Format VALUE (a whole number) with THOUSANDS (NULL for none) between
 * groups of three digits: 1062 -> "1,062". */
void ob_format_count(char *out, size_t out_size, double value,
                     const char *thousands);

/* Write TEXT as one CSV field (RFC 4180): quoted when it holds a comma, a
 * quote or a line break. */
void ob_write_csv_field(FILE *file, const char *text);

/* Days from 1970-01-01 to the date YEAR-MONTH-DAY (proleptic Gregorian). */
int64_t ob_days_from_civil(int year, int month, int day);

/* ITEMS (an array of *CAPACITY items of ITEM_SIZE bytes, may be NULL)
 * with room for NEEDED: the capacity doubles, from FIRST, until it is
 * enough. Returns the array, moved or not, with *CAPACITY updated; NULL
 * when memory or size_t runs out, ITEMS and *CAPACITY left as they were. */
void *ob_grow(void *items, size_t *capacity, size_t needed, size_t item_size,
              size_t first);

/* The five measures every return carries. */
typedef enum ob_measure {
    OB_MEASURE_ARRESTS,
    OB_MEASURE_VICTIMS,
    OB_MEASURE_MIGRANTS,
    OB_MEASURE_SEIZURES,
    OB_MEASURE_INVESTIGATIONS,
    OB_MEASURE_COUNT
} ob_measure;

/* The column name of MEASURE ("arrests", ...). */
const char *ob_measure_name(ob_measure measure);

/* What a record can be grouped by: the keys of groupings, and of the
 * signatures of published figures. */
typedef enum ob_key {
    OB_KEY_OPERATION,
    OB_KEY_COUNTRY,
    OB_KEY_REGION,    /* UN M49 region of the country */
    OB_KEY_SUBREGION, /* UN M49 sub-region */
    OB_KEY_INTERPOL,  /* INTERPOL region */
    OB_KEY_MONTH,     /* the month of the date */
    OB_KEY_EXPLOITATION,
    OB_KEY_CITIZENSHIP,
    OB_KEY_VICTIM_SEX,
    OB_KEY_VICTIM_AGE,
    OB_KEY_RECRUITMENT,
    OB_KEY_EXTRA, /* a user column, by name */
    OB_KEY_KIND_COUNT
} ob_key;

/* The column name of KEY ("operation", "region", ...). */
const char *ob_key_name(ob_key key);

/* How a published figure stands. Decided by disclosure control (the
 * aggregate stage) alone; everything else shows it as it is. */
typedef enum ob_protection {
    OB_PUBLISHED = 0,
    OB_SUPPRESSED_PRIMARY,       /* below the threshold: "<10" */
    OB_SUPPRESSED_COMPLEMENTARY, /* hidden so that no "<10" can be worked
                                    out: "x" */
} ob_protection;

/* A figure as it is published: what every table, chart, tile, sentence,
 * sidecar and data file shows of it. */
typedef struct ob_figure {
    bool has_value; /* something was reported */
    int64_t value;  /* when shown; 0 when hidden, never its hidden size */
    ob_protection protection;
    int64_t threshold;   /* the K of "<K" it was protected at */
    bool is_approximate; /* a "~" value went into it */
    bool is_lower_bound; /* a ">" or an upstream "<" value went into it */
} ob_figure;

/* How ob_figure_format() writes a figure. */
typedef enum ob_figure_style {
    OB_FIGURE_CELL,  /* "1,062" "~700" ">200" "<10" "x"; "" if none */
    OB_FIGURE_CHART, /* as a cell; an en dash if none */
    OB_FIGURE_WORDS  /* "1,062" "about 700" "at least 200" "<10" "x";
                        "not reported" if none */
} ob_figure_style;

/* The text of FIGURE in STYLE, with THOUSANDS (NULL for none) between
 * groups of digits: the one place a published figure becomes text. */
void ob_figure_format(char *out, size_t out_size, const ob_figure *figure,
                      ob_figure_style style, const char *thousands);

/* The figure of TOTAL less PARTS (COUNT of them), as a chart's "Other"
 * shows it: shown when TOTAL and every part are shown (a reader can
 * subtract them anyway), hidden ("x") otherwise, so that it never tells
 * more than the figures it comes from. */
ob_figure ob_figure_remainder(const ob_figure *total,
                              const ob_figure *const *parts, size_t count);

/* How a count was reported. */
typedef enum ob_qualifier {
    OB_QUALIFIER_MISSING = 0, /* empty cell: unknown, never zero */
    OB_QUALIFIER_EXACT,       /* 1062 */
    OB_QUALIFIER_APPROX,      /* ~700: about this many */
    OB_QUALIFIER_AT_LEAST,    /* >200: this many or more */
    OB_QUALIFIER_BELOW        /* <5: suppressed upstream, fewer than this */
} ob_qualifier;

typedef struct ob_count {
    int64_t value; /* 0 when missing; the bound for AT_LEAST and BELOW */
    ob_qualifier qualifier;
} ob_count;

/* A calendar date; DAY is 0 when only the month was given ("2023-05"),
 * and YEAR is 0 when the date is missing. */
typedef struct ob_date {
    int year;
    int month;
    int day;
} ob_date;

/* The optional breakdowns of a row's victims. */
typedef enum ob_breakdown {
    OB_BREAKDOWN_EXPLOITATION,
    OB_BREAKDOWN_CITIZENSHIP, /* normalised to ISO alpha-3 */
    OB_BREAKDOWN_VICTIM_SEX,
    OB_BREAKDOWN_VICTIM_AGE,
    OB_BREAKDOWN_RECRUITMENT,
    OB_BREAKDOWN_COUNT
} ob_breakdown;

/* The column name of BREAKDOWN ("exploitation", ...). */
const char *ob_breakdown_name(ob_breakdown breakdown);

/* One accepted return. Every pointer is borrowed: valid only during the
 * sink call that receives the record, so a consumer copies what it keeps.
 * Strings are NUL-terminated UTF-8. */
typedef struct ob_record {
    const char *source;        /* file name as given, "-" for stdin */
    size_t line;               /* line where the row starts, 1-based */
    const char *operation;     /* as written, trimmed; never empty */
    const ob_country *country; /* NULL: not attributed to a country */
    ob_date date;
    ob_count measures[OB_MEASURE_COUNT];
    /* NULL when the column is absent or the cell is empty. */
    const char *breakdowns[OB_BREAKDOWN_COUNT];
    /* Participating countries the return declares; 0 when not given. */
    int64_t countries_declared;
    /* Columns the program does not know, kept as user dimensions. */
    size_t extra_count;
    const char *const *extra_names;
    const char *const *extra_values;
} ob_record;

/* Where records go. ACCEPT returns OB_OK to go on; any other status stops
 * the reading and is returned to the caller of the ingest function. */
typedef struct ob_record_sink {
    ob_status (*accept)(void *context, const ob_record *record,
                        ob_error *error);
    void *context;
} ob_record_sink;

#endif
