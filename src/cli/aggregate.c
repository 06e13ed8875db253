/* opbrief aggregate: sums per operation, country or both, written as CSV
 * for machines or as an aligned table for people. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "opbrief/cube.h"
#include "opbrief/output.h"
#include "opbrief/stats.h"
#include "published.h"
#include "write.h"

static const char aggregate_usage[] =
    "usage: opbrief aggregate [OPTIONS] FILE... --by KEYS\n"
    "\n"
    "Sum the measures of CSV returns per group, with shares, ranks, exact\n"
    "95% intervals, statistics across groups and, by month, changes and a\n"
    "trend. Victim counts under 10 are shown as <10, and other cells as x\n"
    "where needed so that none can be worked out from the totals.\n"
    "\n"
    "KEYS: one or two of operation, country, region (UN M49), subregion,\n"
    "interpol, month, exploitation, citizenship, victim_sex, victim_age,\n"
    "recruitment or a column of the data, e.g. operation,country or\n"
    "operation,month; without --by, one total row.\n"
    "\n"
    "options:\n"
    "  --by KEYS           the grouping, outer key first\n"
    "  --format F          csv (default), json (everything) or table\n"
    "  --stats             add totals and statistics across the groups\n"
    "  --suppress-below K  protect victim counts under K (default 10;\n"
    "                      0 turns protection off)\n"
    "  --trend-months N    months in the trend window (default 12)\n"
    "  --published FILE    an opbrief data file a reader also has (the\n"
    "                      JSON of an earlier aggregate, a briefing's data\n"
    "                      file); its figures stay as they were and this\n"
    "                      output is protected together with them; may be\n"
    "                      given several times\n"
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

typedef enum output_format {
    FORMAT_CSV,
    FORMAT_JSON,
    FORMAT_TABLE
} output_format;

typedef struct aggregate_options {
    ob_grouping grouping;
    output_format format;
    const char *output_path;
    write_options write;
    ob_table_options table;
    const char **published; /* --published files */
    size_t published_count;
} aggregate_options;

/* A whole number of at least MINIMUM for option NAME. */
static ob_status
parse_size(int64_t *out, const char *name, const char *value, int64_t minimum,
           ob_error *error)
{
    char *end;
    long long number = strtoll(value, &end, 10);
    if (*value == '\0' || *end != '\0' || number < minimum
        || number > 1000000)
        return ob_error_set(error, OB_ERR_USAGE,
                            "%s: \"%s\" is not a whole number of %lld or more",
                            name, value, (long long)minimum);
    *out = number;
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
        return value ? ob_grouping_parse(&options->grouping, value, error)
                     : OB_ERR_USAGE;
    }
    if (cli_is_option(arg, "--format")) {
        const char *value = cli_option_value("--format", argc, argv, index,
                                             error);
        if (value == NULL)
            return OB_ERR_USAGE;
        if (strcmp(value, "csv") == 0)
            options->format = FORMAT_CSV;
        else if (strcmp(value, "json") == 0)
            options->format = FORMAT_JSON;
        else if (strcmp(value, "table") == 0)
            options->format = FORMAT_TABLE;
        else
            return ob_error_set(error, OB_ERR_USAGE,
                                "--format: \"%s\" is not csv, json or table",
                                value);
        return OB_OK;
    }
    if (strcmp(arg, "--stats") == 0) {
        options->write.has_stats = true;
        return OB_OK;
    }
    if (cli_is_option(arg, "--suppress-below")) {
        const char *value = cli_option_value("--suppress-below", argc, argv,
                                             index, error);
        return value ? parse_size(&options->table.suppress_below,
                                  "--suppress-below", value, 0, error)
                     : OB_ERR_USAGE;
    }
    if (cli_is_option(arg, "--trend-months")) {
        const char *value = cli_option_value("--trend-months", argc, argv,
                                             index, error);
        int64_t months;
        if (value == NULL)
            return OB_ERR_USAGE;
        ob_status status = parse_size(&months, "--trend-months", value, 3,
                                      error);
        options->table.trend_months = (size_t)months;
        return status;
    }
    if (cli_is_option(arg, "--published"))
        return cli_take_published_option(&options->published,
                                         &options->published_count, argc,
                                         argv, index, error);
    if (cli_take_output_option(&options->output_path, argc, argv, index,
                               error))
        return options->output_path ? OB_OK : OB_ERR_USAGE;
    *is_taken = false;
    return OB_OK;
}

/* The table of CUBE, protected as one publication with the figures of
 * the --published files, and what protection cost on standard error. */
static ob_status
make_table(ob_table **out, ob_cube *cube, aggregate_options *options,
           ob_error *error)
{
    *out = NULL;
    ob_dc *dc;
    int64_t threshold = options->table.suppress_below;
    ob_status status = ob_dc_new(&dc, threshold, error);
    if (status == OB_OK)
        ob_dc_restrict_places(dc, cube);
    for (size_t i = 0; i < options->published_count && status == OB_OK; i++)
        status = cli_load_published(dc, &threshold, options->published[i], 0,
                                    error);
    ob_table *table = NULL;
    options->table.publication = dc;
    if (status == OB_OK)
        status = ob_table_new(&table, cube, &options->table, error);
    if (status == OB_OK)
        status = ob_dc_protect(dc, error);
    if (status == OB_OK)
        status = ob_table_publish(table, error);
    size_t minimum = 0;
    bool is_minimum_known = false;
    if (status == OB_OK)
        status = cli_report_protection(&minimum, &is_minimum_known, dc,
                                       error);
    options->table.publication = NULL;
    if (table != NULL)
        table->options.publication = NULL;
    ob_dc_free(dc);
    if (status != OB_OK) {
        ob_table_free(table);
        return status;
    }
    table->has_minimum = is_minimum_known;
    table->minimum_complementary = minimum;
    *out = table;
    return OB_OK;
}

static ob_status
write_result(ob_table *table, ob_cube *cube, const aggregate_options *options,
             ob_error *error)
{
    ob_output *output;
    const char *path = options->output_path ? options->output_path : "-";
    ob_status status = ob_output_open(&output, path, error);
    if (status != OB_OK)
        return status;
    FILE *file = ob_output_file(output);
    if (options->format == FORMAT_TABLE)
        status = write_text_table(file, table, &options->write, error);
    else if (options->format == FORMAT_JSON)
        status = write_json(file, table, cube, error);
    else
        status = write_csv(file, table, &options->write, error);
    if (status != OB_OK) {
        ob_output_abort(output);
        return status;
    }
    return ob_output_commit(output, error);
}

/* A --by column that no row had is most likely a typing mistake. */
static void
warn_absent_columns(const ob_table *table)
{
    for (size_t k = 0; k < table->grouping.key_count; k++) {
        if (table->grouping.keys[k] != OB_KEY_EXTRA)
            continue;
        bool is_seen = false;
        for (size_t i = 0; i < table->group_count && !is_seen; i++)
            is_seen = !table->groups[i].group->keys[k].is_none;
        if (!is_seen)
            fprintf(stderr, "opbrief: --by: no row has a value in a column "
                            "\"%s\"\n",
                    table->grouping.extra_names[k]);
    }
}

int
cli_aggregate(int argc, char **argv)
{
    cli_inputs inputs;
    memset(&inputs, 0, sizeof inputs);
    aggregate_options options;
    memset(&options, 0, sizeof options);
    ob_table_options_init(&options.table);
    int code = cli_parse_arguments(&inputs, "aggregate", aggregate_usage,
                                   argc, argv, take_option, &options);
    if (code >= 0) {
        cli_inputs_free(&inputs);
        return code;
    }
    ob_error error;
    ob_cube *cube = NULL;
    ob_table *table = NULL;
    ob_status status = ob_cube_new(&cube, &options.grouping, &error);
    if (status == OB_OK) {
        ob_record_sink sink = ob_cube_sink(cube);
        status = cli_read_inputs(&inputs, &sink, &error);
        if (status == OB_OK) {
            cli_warn_declared_countries(cube);
            /* Only JSON shows the intervals; they are the costly part. */
            options.table.has_intervals = options.format == FORMAT_JSON;
            status = make_table(&table, cube, &options, &error);
            if (status == OB_OK)
                warn_absent_columns(table);
            if (status == OB_OK)
                status = write_result(table, cube, &options, &error);
            if (status == OB_OK && options.table.suppress_below == 0
                && options.format == FORMAT_CSV)
                fputs("opbrief: small-cell protection is off "
                      "(--suppress-below 0): small victim counts are shown "
                      "as they are\n",
                      stderr);
            if (status != OB_OK)
                cli_print_error(&error);
        }
    } else {
        cli_print_error(&error);
    }
    ob_table_free(table);
    ob_cube_free(cube);
    cli_inputs_free(&inputs);
    free(options.published);
    return cli_exit_code(status);
}
