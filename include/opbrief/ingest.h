/* The ingest stage: CSV returns in, ob_records out.
 *
 * Input is RFC 4180 CSV in UTF-8 (a byte-order mark is skipped), with `,`,
 * `;` or tab as delimiter, plain or gzip-compressed. Rows stream through:
 * nothing but the row being read is kept in memory. Every data row is
 * either accepted, and passed to the sink, or rejected with its position
 * and a reason, so rows_read = rows_accepted + rows_rejected always. */
#ifndef OPBRIEF_INGEST_H
#define OPBRIEF_INGEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "opbrief/core.h"

#define OB_INGEST_DEFAULT_MAX_FIELD_BYTES ((size_t)64 * 1024)
#define OB_INGEST_DEFAULT_MAX_DECOMPRESSED_BYTES ((uint64_t)16 << 30)

/* One problem found in the input. COLUMN is the 1-based field number, 0
 * when the problem concerns the whole row or file. */
typedef struct ob_problem {
    const char *source;
    size_t line;
    size_t column;
    const char *message; /* e.g. `"1O62" is not a whole number` */
} ob_problem;

/* The rejects file: every rejected row with its original fields, then
 * `source,line,column,reason`. Built by ob_rejects_open(). */
typedef struct ob_rejects ob_rejects;

typedef struct ob_ingest_options {
    /* ',', ';' or '\t'; 0 to detect it from the header line. */
    char delimiter;
    /* Stop at the first problem, with OB_ERR_DATA. */
    bool is_strict;
    /* Longest field accepted; 0 means OB_INGEST_DEFAULT_MAX_FIELD_BYTES.
     * A longer field ends the reading of that file with an error. */
    size_t max_field_bytes;
    /* Most bytes a compressed input may expand to; 0 means the default. */
    uint64_t max_decompressed_bytes;
    /* Where rejected rows go; NULL to keep only the counts. Borrowed. */
    ob_rejects *rejects;
    /* Told of every problem (rejected rows and file warnings) as it is
     * found; NULL to ignore. */
    void (*on_problem)(void *context, const ob_problem *problem);
    void *problem_context;
} ob_ingest_options;

typedef struct ob_ingest_counts {
    size_t rows_read;
    size_t rows_accepted;
    size_t rows_rejected;
} ob_ingest_counts;

/* Read the CSV returns in PATH ("-" for standard input; a name ending in
 * ".gz", or gzip content, is decompressed) and pass each accepted row to
 * SINK. COUNTS is set to this file's counts, also when an error stops the
 * reading part-way. A file with a header and no rows is not an error.
 *
 * Errors: OB_ERR_NOINPUT when PATH cannot be opened; OB_ERR_DATA for a
 * header that cannot be used, a field over the size cap, input that is not
 * CSV, or (strict) the first problem; OB_ERR_IO when reading fails; and
 * whatever SINK or the rejects file returns. */
ob_status ob_ingest_csv_file(ob_ingest_counts *counts, const char *path,
                             const ob_ingest_options *options,
                             ob_record_sink *sink, ob_error *error);

/* The same for SIZE bytes at DATA, named SOURCE in messages. */
ob_status ob_ingest_csv_memory(ob_ingest_counts *counts, const char *source,
                               const void *data, size_t size,
                               const ob_ingest_options *options,
                               ob_record_sink *sink, ob_error *error);

/* Start a rejects file at PATH (whole or nothing, see output.h). */
ob_status ob_rejects_open(ob_rejects **out, const char *path, ob_error *error);

/* Finish the rejects file and put it in place; frees REJECTS. A file with
 * no rejected rows holds just a header when any input had one. */
ob_status ob_rejects_commit(ob_rejects *rejects, ob_error *error);

/* Give up on the rejects file, leaving no trace. Accepts NULL. */
void ob_rejects_abort(ob_rejects *rejects);

#endif
