/* The rejects file: RFC 4180 CSV, comma-separated, every rejected row with
 * where it came from and why, safe to open in a spreadsheet. */
#include "rejects.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "opbrief/output.h"

struct ob_rejects {
    ob_output *output;
    bool has_header;
    size_t column_count;
};

ob_status
ob_rejects_open(ob_rejects **out, const char *path, ob_error *error)
{
    *out = NULL;
    ob_rejects *rejects = calloc(1, sizeof *rejects);
    if (rejects == NULL)
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    ob_status status = ob_output_open(&rejects->output, path, error);
    if (status != OB_OK) {
        free(rejects);
        return status;
    }
    *out = rejects;
    return OB_OK;
}

/* A spreadsheet runs a cell that starts with = + - @ (or TAB, CR) as a
 * formula; a leading ' makes it text. */
static bool
needs_formula_guard(const char *text, size_t length)
{
    return length > 0
           && (text[0] == '=' || text[0] == '+' || text[0] == '-'
               || text[0] == '@' || text[0] == '\t' || text[0] == '\r');
}

static void
write_field(FILE *file, const char *text, size_t length, bool is_first)
{
    if (!is_first)
        fputc(',', file);
    bool is_guarded = needs_formula_guard(text, length);
    bool needs_quotes = is_guarded && (text[0] == '\t' || text[0] == '\r');
    for (size_t i = 0; i < length && !needs_quotes; i++) {
        char c = text[i];
        needs_quotes = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    if (!needs_quotes) {
        if (is_guarded)
            fputc('\'', file);
        fwrite(text, 1, length, file);
        return;
    }
    fputc('"', file);
    if (is_guarded)
        fputc('\'', file);
    for (size_t i = 0; i < length; i++) {
        if (text[i] == '"')
            fputc('"', file);
        fputc(text[i], file);
    }
    fputc('"', file);
}

static ob_status
check_stream(ob_rejects *rejects, ob_error *error)
{
    if (ferror(ob_output_file(rejects->output)))
        return ob_error_set(error, OB_ERR_IO, "rejects file: write error");
    return OB_OK;
}

ob_status
rejects_note_header(ob_rejects *rejects, const char *const *names,
                    const size_t *lengths, size_t count, ob_error *error)
{
    if (rejects->has_header)
        return OB_OK;
    FILE *file = ob_output_file(rejects->output);
    for (size_t i = 0; i < count; i++)
        write_field(file, names[i], lengths[i], i == 0);
    fputs(count > 0 ? ",source,line,column,reason\n"
                    : "source,line,column,reason\n",
          file);
    rejects->has_header = true;
    rejects->column_count = count;
    return check_stream(rejects, error);
}

ob_status
rejects_write_row(ob_rejects *rejects, const char *row_bytes,
                  const size_t *offsets, const size_t *lengths,
                  size_t field_count, const char *source, size_t line,
                  size_t column, const char *reason, ob_error *error)
{
    FILE *file = ob_output_file(rejects->output);
    size_t i;
    for (i = 0; i < field_count; i++)
        write_field(file, row_bytes + offsets[i], lengths[i], i == 0);
    for (; i < rejects->column_count; i++)
        fputs(i == 0 ? "" : ",", file);
    if (i > 0)
        fputc(',', file);
    write_field(file, source, strlen(source), true);
    fprintf(file, ",%zu,%zu,", line, column);
    write_field(file, reason, strlen(reason), true);
    fputc('\n', file);
    return check_stream(rejects, error);
}

ob_status
ob_rejects_commit(ob_rejects *rejects, ob_error *error)
{
    if (!rejects->has_header)
        fputs("source,line,column,reason\n", ob_output_file(rejects->output));
    ob_status status = ob_output_commit(rejects->output, error);
    free(rejects);
    return status;
}

void
ob_rejects_abort(ob_rejects *rejects)
{
    if (rejects == NULL)
        return;
    ob_output_abort(rejects->output);
    free(rejects);
}
