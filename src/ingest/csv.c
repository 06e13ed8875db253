/* The CSV reader: bytes from a file, standard input, a gzip stream or
 * memory go through libcsv one physical line at a time, so that every row
 * knows the line where it starts; each complete row is checked, turned
 * into an ob_record and passed on, or rejected with its reason. */
#include "opbrief/ingest.h"

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "cell.h"
#include "opbrief/utf8.h"
#include "rejects.h"

#define CHUNK_SIZE ((size_t)64 * 1024)
#define CSV_OPTIONS (CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL)

/* Where the bytes come from. */
typedef struct byte_source {
    const char *name;
    gzFile gz;                 /* NULL for memory */
    const unsigned char *data; /* memory */
    size_t size;
    size_t offset;
    uint64_t total;
    uint64_t max_decompressed;
} byte_source;

typedef struct reader {
    const ob_ingest_options *options;
    ob_record_sink *sink;
    ob_error *error;
    ob_ingest_counts *counts;
    const char *source;
    size_t max_field_bytes;
    struct csv_parser parser;
    ob_status status; /* set when reading must stop */

    /* The header. */
    bool has_header;
    size_t column_count;
    cell_column *columns;
    char *header_text; /* the header cells, NUL-separated */
    const char **header_names;
    size_t *extra_columns; /* indexes of the user dimensions */
    size_t extra_count;
    const char **extra_names;
    const char **extra_values;

    /* The row being read: its fields, NUL-terminated, one after another. */
    char *row_bytes;
    size_t row_used;
    size_t row_capacity;
    size_t *field_offsets;
    size_t *field_lengths;
    size_t field_count;
    size_t field_capacity;
    size_t oversize_column; /* 1-based; 0 when every field fits */

    /* Positions: libcsv gives none, so we count lines as we feed it. */
    size_t physical_line;     /* the line being fed, 1-based */
    bool was_cr;              /* the last chunk ended with a CR */
    size_t record_start_line; /* 0 between records */
} reader;

/* ---- problems ----------------------------------------------------------- */

static void
format_position(char *out, size_t out_size, const char *source, size_t line,
                size_t column)
{
    if (column > 0)
        snprintf(out, out_size, "%s:%zu:%zu", source, line, column);
    else
        snprintf(out, out_size, "%s:%zu", source, line);
}

/* Stop reading with STATUS and a positioned message. */
static ob_status
fail_at(reader *r, ob_status status, size_t line, size_t column,
        const char *message)
{
    char position[512];
    format_position(position, sizeof position, r->source, line, column);
    r->status = ob_error_set(r->error, status, "%s: %s", position, message);
    return r->status;
}

static void
tell_problem(reader *r, size_t line, size_t column, const char *message)
{
    if (r->options->on_problem == NULL)
        return;
    ob_problem problem = {r->source, line, column, message};
    r->options->on_problem(r->options->problem_context, &problem);
}

/* Count the current row as rejected and keep it in the rejects file. */
static void
keep_rejected_row(reader *r, size_t line, size_t column, const char *reason)
{
    r->counts->rows_rejected++;
    if (r->options->rejects == NULL)
        return;
    ob_status status = rejects_write_row(
        r->options->rejects, r->row_bytes, r->field_offsets, r->field_lengths,
        r->field_count, r->source, line, column, reason, r->error);
    if (status != OB_OK)
        r->status = status;
}

/* Reject the current row: count it, keep it, tell the caller, and in
 * strict mode stop. */
static void
reject_row(reader *r, size_t line, size_t column, const char *reason)
{
    keep_rejected_row(r, line, column, reason);
    if (r->status != OB_OK)
        return;
    if (r->options->is_strict) {
        fail_at(r, OB_ERR_DATA, line, column, reason);
        return;
    }
    tell_problem(r, line, column, reason);
}

/* ---- the header --------------------------------------------------------- */

static const char *
field_text(const reader *r, size_t index)
{
    return r->row_bytes + r->field_offsets[index];
}

/* Whether every field of the row is empty: a spreadsheet's ";;;;" line. */
static bool
row_is_empty(const reader *r)
{
    for (size_t i = 0; i < r->field_count; i++) {
        if (r->field_lengths[i] > 0)
            return false;
    }
    return true;
}

static ob_status
check_header_text(reader *r, size_t line)
{
    for (size_t i = 0; i < r->field_count; i++) {
        const char *text = field_text(r, i);
        size_t length = r->field_lengths[i];
        size_t bad_offset;
        if (memchr(text, '\0', length) != NULL)
            return fail_at(r, OB_ERR_DATA, line, i + 1,
                           "the header has a NUL byte: the file may be "
                           "UTF-16 or not text; save it as UTF-8 CSV");
        if (!ob_utf8_is_valid(&bad_offset, text, length))
            return fail_at(r, OB_ERR_DATA, line, i + 1,
                           "the header is not valid UTF-8: save the file as "
                           "UTF-8 CSV");
    }
    return OB_OK;
}

static ob_status
require_column(reader *r, size_t line, cell_role role, const char *looked_for)
{
    for (size_t i = 0; i < r->column_count; i++) {
        if (r->columns[i].role == role)
            return OB_OK;
    }
    char message[256];
    snprintf(message, sizeof message, "the header has no %s column (%s)",
             role == CELL_ROLE_OPERATION ? "operation" : "country", looked_for);
    return fail_at(r, OB_ERR_DATA, line, 0, message);
}

static ob_status
read_header(reader *r, size_t line)
{
    if (check_header_text(r, line) != OB_OK)
        return r->status;
    size_t count = r->field_count;
    r->columns = calloc(count, sizeof *r->columns);
    r->header_names = calloc(count, sizeof *r->header_names);
    r->extra_columns = calloc(count, sizeof *r->extra_columns);
    r->extra_names = calloc(count, sizeof *r->extra_names);
    r->extra_values = calloc(count, sizeof *r->extra_values);
    r->header_text = malloc(r->row_used > 0 ? r->row_used : 1);
    if (r->columns == NULL || r->header_names == NULL
        || r->extra_columns == NULL || r->extra_names == NULL
        || r->extra_values == NULL || r->header_text == NULL)
        return r->status =
                   ob_error_set(r->error, OB_ERR_NOMEM, "out of memory");
    memcpy(r->header_text, r->row_bytes, r->row_used);
    r->column_count = count;

    bool has_measure = false;
    for (size_t i = 0; i < count; i++) {
        const char *name = r->header_text + r->field_offsets[i];
        size_t length = r->field_lengths[i];
        r->header_names[i] = name;
        cell_column_from_name(&r->columns[i], name, length);
        if (r->columns[i].role == CELL_ROLE_MEASURE)
            has_measure = true;
        if (r->columns[i].role == CELL_ROLE_EXTRA) {
            r->extra_columns[r->extra_count] = i;
            r->extra_names[r->extra_count] = name;
            r->extra_count++;
            continue;
        }
        for (size_t j = 0; j < i; j++) {
            if (r->columns[j].role != r->columns[i].role
                || r->columns[j].which != r->columns[i].which)
                continue;
            char first[80];
            char second[80];
            char message[256];
            ob_quote_value(first, sizeof first, r->header_names[j],
                           r->field_lengths[j], 30);
            ob_quote_value(second, sizeof second, name, length, 30);
            snprintf(message, sizeof message,
                     "column %s is a second %s column (column %zu is %s)",
                     second, cell_column_name(&r->columns[i]), j + 1, first);
            return fail_at(r, OB_ERR_DATA, line, i + 1, message);
        }
    }
    if (require_column(r, line, CELL_ROLE_OPERATION,
                       "looked for operation, op, operation name")
            != OB_OK
        || require_column(r, line, CELL_ROLE_COUNTRY,
                          "looked for country, country code, iso3, nation")
               != OB_OK)
        return r->status;
    if (!has_measure)
        return fail_at(r, OB_ERR_DATA, line, 0,
                       "the header has no measure column (looked for "
                       "arrests, victims, migrants, seizures, investigations)");
    r->has_header = true;
    if (r->options->rejects != NULL)
        return r->status = rejects_note_header(
                   r->options->rejects, r->header_names, r->field_lengths,
                   r->column_count, r->error);
    return OB_OK;
}

/* ---- a data row --------------------------------------------------------- */

static bool
check_text(reader *r, size_t line)
{
    for (size_t i = 0; i < r->field_count; i++) {
        const char *text = field_text(r, i);
        size_t length = r->field_lengths[i];
        size_t bad_offset;
        char quoted[160];
        char message[256];
        if (memchr(text, '\0', length) != NULL) {
            reject_row(r, line, i + 1,
                       "NUL byte in the field: the file may be UTF-16 or "
                       "not text");
            return false;
        }
        if (!ob_utf8_is_valid(&bad_offset, text, length)) {
            ob_quote_value(quoted, sizeof quoted, text, length, 40);
            snprintf(message, sizeof message,
                     "%s is not valid UTF-8: save the file as UTF-8 CSV",
                     quoted);
            reject_row(r, line, i + 1, message);
            return false;
        }
    }
    return true;
}

static bool
has_replacement_character(const char *text, size_t length)
{
    for (size_t i = 0; i + 2 < length; i++) {
        if (memcmp(text + i, "\xEF\xBF\xBD", 3) == 0)
            return true;
    }
    return false;
}

/* Look up the country in TEXT; on failure write the reason to MESSAGE. */
static bool
find_country(const ob_country **country, char *message, const char *text,
             size_t length)
{
    const char *start;
    size_t trimmed = cell_trim(&start, text, length);
    *country = NULL;
    if (trimmed == 0)
        return true;
    *country = ob_country_find(start, trimmed);
    if (*country != NULL)
        return true;
    char quoted[160];
    ob_quote_value(quoted, sizeof quoted, start, trimmed, 40);
    if (has_replacement_character(start, trimmed))
        snprintf(message, CELL_MESSAGE_SIZE,
                 "%s is not a known country: U+FFFD in the name means the "
                 "text was decoded with the wrong encoding before it was "
                 "saved",
                 quoted);
    else
        snprintf(message, CELL_MESSAGE_SIZE, "%s is not a known country",
                 quoted);
    return false;
}

static void
read_row(reader *r, size_t line)
{
    r->counts->rows_read++;
    if (r->field_count != r->column_count) {
        char message[128];
        snprintf(message, sizeof message,
                 "row has %zu field%s; the header has %zu", r->field_count,
                 r->field_count == 1 ? "" : "s", r->column_count);
        size_t column = r->field_count < r->column_count ? r->field_count + 1
                                                         : r->column_count + 1;
        reject_row(r, line, column, message);
        return;
    }
    if (!check_text(r, line))
        return;

    ob_record record;
    memset(&record, 0, sizeof record);
    record.source = r->source;
    record.line = line;
    char message[CELL_MESSAGE_SIZE];
    for (size_t i = 0; i < r->column_count; i++) {
        /* Fields are NUL-terminated in row_bytes, so trimming the end of
         * a text field needs a write. */
        char *text = r->row_bytes + r->field_offsets[i];
        size_t length = r->field_lengths[i];
        const cell_column *column = &r->columns[i];
        const char *start;
        size_t trimmed;
        bool is_ok = true;
        switch (column->role) {
        case CELL_ROLE_OPERATION:
            trimmed = cell_trim(&start, text, length);
            if (trimmed == 0) {
                snprintf(message, sizeof message, "the operation is empty");
                is_ok = false;
                break;
            }
            text += start - text;
            text[trimmed] = '\0';
            record.operation = text;
            break;
        case CELL_ROLE_COUNTRY:
            is_ok = find_country(&record.country, message, text, length);
            break;
        case CELL_ROLE_DATE:
            is_ok = cell_parse_date(&record.date, message, text, length);
            break;
        case CELL_ROLE_MEASURE:
            is_ok = cell_parse_count(&record.measures[column->which], message,
                                     text, length);
            break;
        case CELL_ROLE_COUNTRIES_DECLARED: {
            ob_count declared;
            is_ok = cell_parse_count(&declared, message, text, length);
            if (is_ok && declared.qualifier != OB_QUALIFIER_EXACT
                && declared.qualifier != OB_QUALIFIER_MISSING) {
                char quoted[160];
                ob_quote_value(quoted, sizeof quoted, text, length, 40);
                snprintf(message, sizeof message,
                         "%s: the number of countries declared must be exact",
                         quoted);
                is_ok = false;
            }
            record.countries_declared = declared.value;
            break;
        }
        case CELL_ROLE_BREAKDOWN:
            if (column->which == OB_BREAKDOWN_CITIZENSHIP) {
                const ob_country *citizenship;
                is_ok = find_country(&citizenship, message, text, length);
                if (is_ok && citizenship != NULL)
                    record.breakdowns[column->which] = citizenship->alpha3;
                break;
            }
            trimmed = cell_trim(&start, text, length);
            if (trimmed > 0) {
                text += start - text;
                text[trimmed] = '\0';
                record.breakdowns[column->which] = text;
            }
            break;
        case CELL_ROLE_EXTRA:
            break;
        }
        if (!is_ok) {
            reject_row(r, line, i + 1, message);
            return;
        }
    }
    for (size_t i = 0; i < r->extra_count; i++)
        r->extra_values[i] = field_text(r, r->extra_columns[i]);
    record.extra_count = r->extra_count;
    record.extra_names = r->extra_names;
    record.extra_values = r->extra_values;

    ob_status status = r->sink->accept(r->sink->context, &record, r->error);
    if (status != OB_OK) {
        r->status = status;
        return;
    }
    r->counts->rows_accepted++;
}

/* ---- libcsv callbacks --------------------------------------------------- */

static void
on_field(void *data, size_t length, void *context)
{
    reader *r = context;
    if (r->status != OB_OK)
        return;
    if (length > r->max_field_bytes && r->oversize_column == 0) {
        r->oversize_column = r->field_count + 1;
        length = 0;
    }
    if (r->field_count == r->field_capacity) {
        /* field_lengths grows with field_offsets; the capacity counts once
         * both have. */
        size_t capacity = r->field_capacity;
        size_t *offsets = ob_grow(r->field_offsets, &capacity,
                                  r->field_count + 1, sizeof *offsets, 16);
        if (offsets != NULL)
            r->field_offsets = offsets;
        size_t *lengths = offsets == NULL ? NULL
                                          : realloc(r->field_lengths,
                                                    capacity * sizeof *lengths);
        if (lengths == NULL) {
            r->status = ob_error_set(r->error, OB_ERR_NOMEM, "out of memory");
            return;
        }
        r->field_lengths = lengths;
        r->field_capacity = capacity;
    }
    if (r->row_used + length + 1 > r->row_capacity) {
        char *bytes = ob_grow(r->row_bytes, &r->row_capacity,
                              r->row_used + length + 1, 1, 16);
        if (bytes == NULL) {
            r->status = ob_error_set(r->error, OB_ERR_NOMEM, "out of memory");
            return;
        }
        r->row_bytes = bytes;
    }
    if (length > 0)
        memcpy(r->row_bytes + r->row_used, data, length);
    r->row_bytes[r->row_used + length] = '\0';
    r->field_offsets[r->field_count] = r->row_used;
    r->field_lengths[r->field_count] = length;
    r->field_count++;
    r->row_used += length + 1;
}

static void
clear_row(reader *r)
{
    r->field_count = 0;
    r->row_used = 0;
    r->record_start_line = 0;
}

static void
on_row(int terminator, void *context)
{
    (void)terminator;
    reader *r = context;
    size_t line =
        r->record_start_line ? r->record_start_line : r->physical_line;
    if (r->status != OB_OK || r->oversize_column != 0) {
        /* An oversize field is dealt with once csv_parse returns. */
        return;
    }
    if (!r->has_header)
        (void)read_header(r, line);
    else if (!row_is_empty(r))
        read_row(r, line);
    clear_row(r);
}

/* ---- feeding libcsv ----------------------------------------------------- */

/* RFC 4180: spaces belong to the field. libcsv skips them around fields
 * unless told that nothing is a space. */
static int
is_no_space(unsigned char c)
{
    (void)c;
    return 0;
}

static void
set_up_parser(reader *r, char delimiter)
{
    csv_set_delim(&r->parser, (unsigned char)delimiter);
    csv_set_space_func(&r->parser, is_no_space);
}

static ob_status
stop_for_oversize(reader *r)
{
    size_t line =
        r->record_start_line ? r->record_start_line : r->physical_line;
    size_t column =
        r->oversize_column ? r->oversize_column : r->field_count + 1;
    char message[160];
    snprintf(message, sizeof message, "field is longer than %zu bytes",
             r->max_field_bytes);
    if (r->has_header) {
        /* The row goes to the rejects file; the message is the error that
         * ends this file. */
        r->counts->rows_read++;
        keep_rejected_row(r, line, column, message);
        if (r->status != OB_OK)
            return r->status;
    }
    char full[256];
    snprintf(full, sizeof full, "%s; the rest of the file is not read",
             message);
    return fail_at(r, OB_ERR_DATA, line, column, full);
}

static ob_status
stop_for_quoting(reader *r)
{
    size_t line =
        r->record_start_line ? r->record_start_line : r->physical_line;
    size_t column = r->field_count;
    const char *message = "misplaced quote: a quoted field starts and ends "
                          "with \" and doubles every \" inside";
    if (!r->has_header)
        return fail_at(r, OB_ERR_DATA, line, column, message);
    r->counts->rows_read++;
    reject_row(r, line, column, message);
    return r->status;
}

/* Feed LENGTH bytes of one physical line (or the part of it in this chunk)
 * to libcsv. Returns how many bytes it took; fewer on a quoting error. */
static size_t
feed(reader *r, const char *bytes, size_t length)
{
    if (r->record_start_line == 0) {
        for (size_t i = 0; i < length; i++) {
            if (bytes[i] != '\r' && bytes[i] != '\n') {
                r->record_start_line = r->physical_line;
                break;
            }
        }
    }
    size_t taken = csv_parse(&r->parser, bytes, length, on_field, on_row, r);
    if (r->status == OB_OK
        && (r->oversize_column != 0
            || r->parser.entry_pos > r->max_field_bytes))
        stop_for_oversize(r);
    return taken;
}

/* After a quoting error: a fresh parser, and the rest of the line gone. */
static ob_status
restart_parser(reader *r)
{
    csv_free(&r->parser);
    if (csv_init(&r->parser, CSV_OPTIONS) != 0)
        return r->status =
                   ob_error_set(r->error, OB_ERR_NOMEM, "out of memory");
    set_up_parser(r, r->options->delimiter);
    clear_row(r);
    r->oversize_column = 0;
    return OB_OK;
}

static ob_status
keep_broken_field(reader *r, const char *rest, size_t rest_length)
{
    while (rest_length > 0
           && (rest[rest_length - 1] == '\n' || rest[rest_length - 1] == '\r'))
        rest_length--;
    size_t held = r->parser.entry_pos;
    /* What is kept stays under the field cap: the rest of a long line
     * would otherwise count as an oversize field of the next row. */
    if (held > r->max_field_bytes)
        held = r->max_field_bytes;
    if (rest_length > r->max_field_bytes - held)
        rest_length = r->max_field_bytes - held;
    size_t length = held + rest_length;
    char *field = malloc(length + 1);
    if (field == NULL)
        return r->status =
                   ob_error_set(r->error, OB_ERR_NOMEM, "out of memory");
    if (held > 0)
        memcpy(field, r->parser.entry_buf, held);
    if (rest_length > 0)
        memcpy(field + held, rest, rest_length);
    size_t column = r->field_count + 1;
    on_field(field, length, r);
    free(field);
    /* The position names the field that broke, not the one after it. */
    r->field_count = column;
    return r->status;
}

/* Feed a chunk, line by line; SKIP_LINE says the rest of the current line
 * is to be dropped after a quoting error. */
/* The end of the physical line that starts at BYTES (LENGTH bytes): just
 * past its LF, CRLF or lone CR, or LENGTH when the chunk ends first.
 * *HAS_END says whether a line ending was found. */
static size_t
line_end(bool *has_end, const char *bytes, size_t length)
{
    for (size_t i = 0; i < length; i++) {
        if (bytes[i] == '\n') {
            *has_end = true;
            return i + 1;
        }
        if (bytes[i] == '\r') {
            *has_end = true;
            /* CRLF is one line ending; a CR that ends the chunk may be the
             * first half of one (handled by the caller). */
            return i + 1 < length && bytes[i + 1] == '\n' ? i + 2 : i + 1;
        }
    }
    *has_end = false;
    return length;
}

/* Feed a chunk, line by line; SKIP_LINE says the rest of the current line
 * is to be dropped after a quoting error. Lines end at LF, CRLF or a lone
 * CR (old Mac files), so that rows know their lines in every case. */
static ob_status
feed_chunk(reader *r, const char *bytes, size_t length, bool *skip_line)
{
    size_t offset = 0;
    /* A CR ended the last chunk: an LF starting this one completes it. */
    if (r->was_cr && length > 0 && bytes[0] == '\n') {
        if (!*skip_line)
            (void)csv_parse(&r->parser, bytes, 1, on_field, on_row, r);
        offset = 1;
    }
    r->was_cr = false;
    while (offset < length && r->status == OB_OK) {
        bool has_end;
        size_t end = offset + line_end(&has_end, bytes + offset,
                                       length - offset);
        if (has_end && bytes[end - 1] == '\r' && end == length)
            r->was_cr = true;
        if (*skip_line) {
            if (has_end) {
                *skip_line = false;
                r->physical_line++;
            }
            offset = end;
            continue;
        }
        size_t taken = feed(r, bytes + offset, end - offset);
        if (r->status != OB_OK)
            break;
        if (taken < end - offset) {
            /* Keep the broken field as written, from what libcsv holds of
             * it to the end of the line, for the rejects file. */
            const char *rest = bytes + offset + taken;
            size_t rest_length = end - offset - taken;
            if (keep_broken_field(r, rest, rest_length) != OB_OK
                || stop_for_quoting(r) != OB_OK || restart_parser(r) != OB_OK)
                break;
            *skip_line = !has_end;
        }
        if (has_end)
            r->physical_line++;
        offset = end;
    }
    return r->status;
}

/* The delimiter of the header line: whichever of `,` `;` tab appears most
 * often outside quotes in the first line; `,` when none does. */
static char
detect_delimiter(const char *bytes, size_t length)
{
    size_t commas = 0;
    size_t semicolons = 0;
    size_t tabs = 0;
    bool is_quoted = false;
    size_t i = 0;
    while (i < length && (bytes[i] == '\r' || bytes[i] == '\n'))
        i++;
    for (; i < length; i++) {
        char c = bytes[i];
        if (c == '"')
            is_quoted = !is_quoted;
        else if (!is_quoted && c == '\n')
            break;
        else if (!is_quoted && c == ',')
            commas++;
        else if (!is_quoted && c == ';')
            semicolons++;
        else if (!is_quoted && c == '\t')
            tabs++;
    }
    if (semicolons > commas && semicolons >= tabs)
        return ';';
    if (tabs > commas && tabs > semicolons)
        return '\t';
    return ',';
}

/* ---- sources ------------------------------------------------------------ */

static ob_status
source_read(size_t *got, byte_source *source, char *buffer, size_t size,
            ob_error *error)
{
    *got = 0;
    if (source->gz == NULL) {
        size_t left = source->size - source->offset;
        size_t count = left < size ? left : size;
        if (count > 0)
            memcpy(buffer, source->data + source->offset, count);
        source->offset += count;
        *got = count;
        return OB_OK;
    }
    int count = gzread(source->gz, buffer, (unsigned)size);
    if (count < 0) {
        int code;
        const char *message = gzerror(source->gz, &code);
        if (code == Z_ERRNO)
            message = strerror(errno);
        return ob_error_set(error, OB_ERR_IO, "%s: read error: %s",
                            source->name, message);
    }
    source->total += (uint64_t)count;
    if (!gzdirect(source->gz) && source->total > source->max_decompressed)
        return ob_error_set(
            error, OB_ERR_DATA, "%s: decompresses to more than %llu bytes",
            source->name, (unsigned long long)source->max_decompressed);
    *got = (size_t)count;
    return OB_OK;
}

static void
reader_free(reader *r)
{
    csv_free(&r->parser);
    free(r->columns);
    free(r->header_text);
    free(r->header_names);
    free(r->extra_columns);
    free(r->extra_names);
    free(r->extra_values);
    free(r->row_bytes);
    free(r->field_offsets);
    free(r->field_lengths);
}

static ob_status
read_source(ob_ingest_counts *counts, byte_source *source,
            const ob_ingest_options *options, ob_record_sink *sink,
            ob_error *error)
{
    reader r;
    memset(&r, 0, sizeof r);
    ob_ingest_options local = *options;
    r.options = &local;
    r.sink = sink;
    r.error = error;
    r.counts = counts;
    r.source = source->name;
    r.max_field_bytes = options->max_field_bytes
                            ? options->max_field_bytes
                            : OB_INGEST_DEFAULT_MAX_FIELD_BYTES;
    r.physical_line = 1;
    if (csv_init(&r.parser, CSV_OPTIONS) != 0)
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");

    char *buffer = malloc(CHUNK_SIZE);
    if (buffer == NULL) {
        reader_free(&r);
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    }
    bool is_first = true;
    bool skip_line = false;
    for (;;) {
        size_t got;
        r.status = source_read(&got, source, buffer, CHUNK_SIZE, error);
        if (r.status != OB_OK || got == 0)
            break;
        const char *bytes = buffer;
        if (is_first) {
            is_first = false;
            if (got >= 2
                && (memcmp(bytes, "\xFF\xFE", 2) == 0
                    || memcmp(bytes, "\xFE\xFF", 2) == 0)) {
                fail_at(&r, OB_ERR_DATA, 1, 0,
                        "the file is UTF-16 (it starts with a UTF-16 "
                        "byte-order mark): save it as UTF-8 CSV");
                break;
            }
            if (got >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) {
                bytes += 3;
                got -= 3;
            }
            if (local.delimiter == 0)
                local.delimiter = detect_delimiter(bytes, got);
            set_up_parser(&r, local.delimiter);
        }
        if (feed_chunk(&r, bytes, got, &skip_line) != OB_OK)
            break;
    }
    if (r.status == OB_OK) {
        /* A last row with no newline reaches us only from csv_fini(), so
         * always call it before trusting the counts. */
        if (r.record_start_line == 0)
            r.record_start_line = r.physical_line;
        if (csv_fini(&r.parser, on_field, on_row, &r) != 0
            && r.status == OB_OK) {
            size_t line = r.record_start_line;
            size_t column = r.field_count + 1;
            /* Keep what the unclosed field held, for the rejects file. */
            on_field(r.parser.entry_buf, r.parser.entry_pos, &r);
            const char *message = "a quoted field is not closed before the "
                                  "end of the file";
            if (r.has_header) {
                r.counts->rows_read++;
                keep_rejected_row(&r, line, column, message);
            }
            if (r.status == OB_OK)
                fail_at(&r, OB_ERR_DATA, line, column, message);
        } else if (r.status == OB_OK && r.oversize_column != 0) {
            stop_for_oversize(&r);
        }
    }
    if (r.status == OB_OK && !r.has_header)
        r.status =
            ob_error_set(error, OB_ERR_DATA,
                         "%s: the file is empty: no header row", source->name);
    ob_status status = r.status;
    free(buffer);
    reader_free(&r);
    return status;
}

ob_status
ob_ingest_csv_memory(ob_ingest_counts *counts, const char *source,
                     const void *data, size_t size,
                     const ob_ingest_options *options, ob_record_sink *sink,
                     ob_error *error)
{
    memset(counts, 0, sizeof *counts);
    byte_source bytes = {source, NULL, data, size, 0, 0, 0};
    return read_source(counts, &bytes, options, sink, error);
}

ob_status
ob_ingest_csv_file(ob_ingest_counts *counts, const char *path,
                   const ob_ingest_options *options, ob_record_sink *sink,
                   ob_error *error)
{
    memset(counts, 0, sizeof *counts);
    bool is_stdin = strcmp(path, "-") == 0;
    int fd = is_stdin ? dup(STDIN_FILENO) : -1;
    gzFile gz =
        is_stdin ? (fd >= 0 ? gzdopen(fd, "rb") : NULL) : gzopen(path, "rb");
    if (gz == NULL) {
        int saved = errno;
        if (fd >= 0)
            close(fd);
        return ob_error_set(error, OB_ERR_NOINPUT, "%s: cannot open: %s",
                            is_stdin ? "standard input" : path,
                            saved ? strerror(saved) : "out of memory");
    }
    gzbuffer(gz, (unsigned)CHUNK_SIZE);
    byte_source source = {path,
                          gz,
                          NULL,
                          0,
                          0,
                          0,
                          options->max_decompressed_bytes
                              ? options->max_decompressed_bytes
                              : OB_INGEST_DEFAULT_MAX_DECOMPRESSED_BYTES};
    ob_status status = read_source(counts, &source, options, sink, error);
    int closed = gzclose(gz);
    if (status == OB_OK && closed != Z_OK)
        status = ob_error_set(error, OB_ERR_IO, "%s: read error", path);
    return status;
}
