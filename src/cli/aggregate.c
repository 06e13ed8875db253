/* opbrief aggregate: sums per operation, country or both, written as CSV
 * for machines or as an aligned table for people. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "opbrief/cube.h"
#include "opbrief/output.h"

static const char aggregate_usage[] =
    "usage: opbrief aggregate [OPTIONS] FILE... --by KEYS\n"
    "\n"
    "Sum the measures of CSV returns per group. KEYS is operation, country\n"
    "or operation,country; without --by, one total row.\n"
    "\n"
    "options:\n"
    "  --by KEYS           operation, country or operation,country\n"
    "  --format F          csv (default) or table\n"
    "  -o, --output FILE   write there instead of standard output\n"
    "  --rejects FILE      write every rejected row to FILE (CSV)\n"
    "  --strict            stop at the first problem (exit 65)\n"
    "  --delimiter D       ',', ';' or 'tab' (default: from the header)\n"
    "  --help              this text\n"
    "\n"
    "CSV columns: the keys (operation; country as ISO alpha-3 and\n"
    "country_name), then rows, countries, arrests, victims, migrants,\n"
    "seizures, investigations. A sum is empty when every cell was empty;\n"
    "~N when a value in it was approximate, >N when one was a lower bound\n"
    "or suppressed upstream (<N).\n"
    "\n"
    "exit: 0 ok, 64 usage, 65 bad data or no row accepted, 66 no input,\n"
    "73 cannot create output, 74 I/O error\n";

typedef enum output_format { FORMAT_CSV, FORMAT_TABLE } output_format;

typedef struct aggregate_options {
    unsigned keys;
    output_format format;
    const char *output_path;
} aggregate_options;

static ob_status
parse_keys(unsigned *keys, const char *value, ob_error *error)
{
    *keys = 0;
    const char *p = value;
    while (*p != '\0') {
        size_t length = strcspn(p, ",");
        if (length == 9 && strncmp(p, "operation", 9) == 0)
            *keys |= OB_KEY_OPERATION;
        else if (length == 7 && strncmp(p, "country", 7) == 0)
            *keys |= OB_KEY_COUNTRY;
        else
            return ob_error_set(error, OB_ERR_USAGE,
                                "--by: \"%.*s\" is not a key (operation, "
                                "country)",
                                (int)length, p);
        p += length;
        if (*p == ',')
            p++;
    }
    return OB_OK;
}

static ob_status
take_option(bool *is_taken, void *context, int argc, char **argv, int *index,
            ob_error *error)
{
    aggregate_options *options = context;
    const char *arg = argv[*index];
    *is_taken = true;
    if (cli_is_option(arg, "--by")) {
        const char *value = cli_option_value("--by", argc, argv, index, error);
        return value ? parse_keys(&options->keys, value, error) : OB_ERR_USAGE;
    }
    if (cli_is_option(arg, "--format")) {
        const char *value =
            cli_option_value("--format", argc, argv, index, error);
        if (value == NULL)
            return OB_ERR_USAGE;
        if (strcmp(value, "csv") == 0)
            options->format = FORMAT_CSV;
        else if (strcmp(value, "table") == 0)
            options->format = FORMAT_TABLE;
        else
            return ob_error_set(error, OB_ERR_USAGE,
                                "--format: \"%s\" is not csv or table", value);
        return OB_OK;
    }
    if (strcmp(arg, "-o") == 0 || cli_is_option(arg, "--output")) {
        const char *name = strcmp(arg, "-o") == 0 ? "-o" : "--output";
        options->output_path = cli_option_value(name, argc, argv, index, error);
        return options->output_path ? OB_OK : OB_ERR_USAGE;
    }
    *is_taken = false;
    return OB_OK;
}

/* A sum as text: empty when nothing was reported, with ~ or > when the
 * cells in it say it is approximate or a lower bound. GROUPING is the
 * thousands separator, or NULL for none. */
static void
format_sum(char *out, size_t out_size, const ob_sum *sum, const char *grouping)
{
    if (sum->reported == 0 && sum->below == 0) {
        out[0] = '\0';
        return;
    }
    char digits[32];
    snprintf(digits, sizeof digits, "%lld", (long long)sum->value);
    const char *prefix = sum->at_least > 0 || sum->below > 0 ? ">"
                         : sum->approximate > 0              ? "~"
                                                             : "";
    size_t used = (size_t)snprintf(out, out_size, "%s", prefix);
    size_t length = strlen(digits);
    for (size_t i = 0; i < length && used + 4 < out_size; i++) {
        if (grouping != NULL && i > 0 && (length - i) % 3 == 0)
            used +=
                (size_t)snprintf(out + used, out_size - used, "%s", grouping);
        out[used++] = digits[i];
    }
    out[used] = '\0';
}

/* CSV needs quotes around a field with a comma, quote or line break. */
static void
write_csv_text(FILE *file, const char *text)
{
    if (strpbrk(text, ",\"\r\n") == NULL) {
        fputs(text, file);
        return;
    }
    fputc('"', file);
    for (const char *p = text; *p != '\0'; p++) {
        if (*p == '"')
            fputc('"', file);
        fputc(*p, file);
    }
    fputc('"', file);
}

static void
write_csv(FILE *file, ob_cube *cube, unsigned keys)
{
    if (keys & OB_KEY_OPERATION)
        fputs("operation,", file);
    if (keys & OB_KEY_COUNTRY)
        fputs("country,country_name,", file);
    fputs("rows,countries", file);
    for (size_t m = 0; m < OB_MEASURE_COUNT; m++)
        fprintf(file, ",%s", ob_measure_name((ob_measure)m));
    fputc('\n', file);
    for (size_t i = 0; i < ob_cube_group_count(cube); i++) {
        const ob_group *group = ob_cube_group(cube, i);
        if (keys & OB_KEY_OPERATION) {
            write_csv_text(file, group->operation);
            fputc(',', file);
        }
        if (keys & OB_KEY_COUNTRY) {
            if (group->country != NULL) {
                fprintf(file, "%s,", group->country->alpha3);
                write_csv_text(file, group->country->name);
                fputc(',', file);
            } else {
                fputs(",Not attributed,", file);
            }
        }
        fprintf(file, "%zu,%zu", group->rows, group->countries);
        for (size_t m = 0; m < OB_MEASURE_COUNT; m++) {
            char text[48];
            format_sum(text, sizeof text, &group->sums[m], NULL);
            fprintf(file, ",%s", text);
        }
        fputc('\n', file);
    }
}

/* Characters, not bytes, decide the width of a column. */
static size_t
display_width(const char *text)
{
    size_t width = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        width += (*p & 0xC0) != 0x80;
    return width;
}

static void
write_padded(FILE *file, const char *text, size_t width, bool is_right)
{
    size_t used = display_width(text);
    size_t pad = used < width ? width - used : 0;
    if (is_right)
        fprintf(file, "%*s%s", (int)pad, "", text);
    else
        fprintf(file, "%s%*s", text, (int)pad, "");
}

enum { TABLE_COLUMNS = 4 + OB_MEASURE_COUNT };

/* The cells of row INDEX of the table (-1: the heading). */
static void
table_cells(char cells[TABLE_COLUMNS][128], ob_cube *cube, long index)
{
    static const char *const headings[TABLE_COLUMNS] = {
        "operation", "country",  "rows",     "countries",     "arrests",
        "victims",   "migrants", "seizures", "investigations"};
    if (index < 0) {
        for (size_t c = 0; c < TABLE_COLUMNS; c++)
            snprintf(cells[c], 128, "%s", headings[c]);
        return;
    }
    const ob_group *group = ob_cube_group(cube, (size_t)index);
    snprintf(cells[0], 128, "%s", group->operation ? group->operation : "");
    snprintf(cells[1], 128, "%s",
             group->country ? group->country->name : "Not attributed");
    snprintf(cells[2], 128, "%zu", group->rows);
    snprintf(cells[3], 128, "%zu", group->countries);
    for (size_t m = 0; m < OB_MEASURE_COUNT; m++)
        format_sum(cells[4 + m], 128, &group->sums[m], ",");
}

static void
write_table(FILE *file, ob_cube *cube, unsigned keys)
{
    bool is_shown[TABLE_COLUMNS];
    for (size_t c = 0; c < TABLE_COLUMNS; c++)
        is_shown[c] = true;
    is_shown[0] = (keys & OB_KEY_OPERATION) != 0;
    is_shown[1] = (keys & OB_KEY_COUNTRY) != 0;
    size_t widths[TABLE_COLUMNS] = {0};
    char cells[TABLE_COLUMNS][128];
    long count = (long)ob_cube_group_count(cube);
    for (long row = -1; row < count; row++) {
        table_cells(cells, cube, row);
        for (size_t c = 0; c < TABLE_COLUMNS; c++) {
            size_t width = display_width(cells[c]);
            if (width > widths[c])
                widths[c] = width;
        }
    }
    for (long row = -1; row < count; row++) {
        table_cells(cells, cube, row);
        bool is_first = true;
        for (size_t c = 0; c < TABLE_COLUMNS; c++) {
            if (!is_shown[c])
                continue;
            if (!is_first)
                fputs("  ", file);
            is_first = false;
            write_padded(file, cells[c], widths[c], c >= 2);
        }
        fputc('\n', file);
    }
}

static ob_status
write_result(ob_cube *cube, const aggregate_options *options, ob_error *error)
{
    ob_output *output;
    const char *path = options->output_path ? options->output_path : "-";
    ob_status status = ob_output_open(&output, path, error);
    if (status != OB_OK)
        return status;
    FILE *file = ob_output_file(output);
    if (options->format == FORMAT_TABLE)
        write_table(file, cube, options->keys);
    else
        write_csv(file, cube, options->keys);
    return ob_output_commit(output, error);
}

int
cli_aggregate(int argc, char **argv)
{
    cli_inputs inputs;
    memset(&inputs, 0, sizeof inputs);
    aggregate_options options = {0, FORMAT_CSV, NULL};
    int code = cli_parse_arguments(&inputs, "aggregate", aggregate_usage, argc,
                                   argv, take_option, &options);
    if (code >= 0) {
        cli_inputs_free(&inputs);
        return code;
    }
    ob_error error;
    ob_cube *cube = NULL;
    ob_status status = ob_cube_new(&cube, options.keys, &error);
    if (status == OB_OK) {
        ob_record_sink sink = ob_cube_sink(cube);
        status = cli_read_inputs(&inputs, &sink, &error);
        if (status == OB_OK) {
            status = write_result(cube, &options, &error);
            if (status != OB_OK)
                cli_print_error(&error);
        }
    } else {
        cli_print_error(&error);
    }
    ob_cube_free(cube);
    cli_inputs_free(&inputs);
    return cli_exit_code(status);
}
