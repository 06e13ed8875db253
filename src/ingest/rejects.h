/* The rejects file, shared inside the ingest stage. */
#ifndef OB_INGEST_REJECTS_H
#define OB_INGEST_REJECTS_H

#include <stddef.h>

#include "opbrief/ingest.h"

/* Note the header of a file being read: the first one seen becomes the
 * header of the rejects file. */
ob_status rejects_note_header(ob_rejects *rejects, const char *const *names,
                              const size_t *lengths, size_t count,
                              ob_error *error);

/* Write one rejected row: its FIELD_COUNT original fields (at OFFSETS in
 * ROW_BYTES), padded with empty ones to the width of the rejects file's
 * header (never cut), then source, line, column and reason. */
ob_status rejects_write_row(ob_rejects *rejects, const char *row_bytes,
                            const size_t *offsets, const size_t *lengths,
                            size_t field_count, const char *source, size_t line,
                            size_t column, const char *reason, ob_error *error);

#endif
