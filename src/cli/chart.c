/* opbrief chart: one chart from the returns, as PNG, SVG or PDF, with its
 * alt text (OUT.txt) and the values it shows (OUT.csv) beside it. The
 * numbers come from the aggregate stage, protected; this file only turns
 * the published table into the render stage's plain description. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "opbrief/briefing.h"
#include "opbrief/cube.h"
#include "opbrief/output.h"
#include "opbrief/render.h"
#include "opbrief/stats.h"

static const char chart_usage[] =
    "usage: opbrief chart KIND [OPTIONS] FILE... -o OUT.png|OUT.svg|OUT.pdf\n"
    "\n"
    "Draw one chart of CSV returns, with its alt text (OUT.txt) and the\n"
    "values it shows (OUT.csv) beside it. Victim counts under 10 are shown\n"
    "as <10, as in every output.\n"
    "\n"
    "KIND:\n"
    "  bars      ranked horizontal bars, largest first (default --by country)\n"
    "  grouped   several measures side by side (default --by interpol,\n"
    "            --measure arrests,victims,migrants)\n"
    "  stacked   100% stacked bars: the shares of a breakdown in each group\n"
    "            (default --by interpol,exploitation)\n"
    "  series    a monthly line with its trend (--by month)\n"
    "  kpi       tiles of the headline numbers\n"
    "  table     a table with a totals row (default --by country)\n"
    "\n"
    "options:\n"
    "  --measure M[,M...]  arrests, victims, migrants, seizures,\n"
    "                      investigations (default: victims)\n"
    "  --by KEYS           the grouping, as for aggregate\n"
    "  --top N             bars before \"Other\" (bars; default 15)\n"
    "  --operation NAME    only the returns of this operation\n"
    "  --title T, --subtitle S, --source S, --byline B, --note N\n"
    "  --width PX, --height PX   size (default 1200 x 675)\n"
    "  --scale F           pixels per unit in PNG (default 1; 2 for 2x)\n"
    "  --dpi D             resolution recorded in the PNG (default 72 x F)\n"
    "  --thousands comma|space|dot   thousands separator (default comma)\n"
    "  --suppress-below K  protect victim counts under K (default 10)\n"
    "  -o, --output FILE   the chart; its format from the name\n"
    "  --rejects FILE, --strict, --delimiter D   as for validate\n"
    "\n"
    "SOURCE_DATE_EPOCH, when set, is the PDF's creation date; otherwise the\n"
    "last date in the data is. The same input gives the same bytes.\n";

typedef struct chart_options {
    ob_chart_kind kind;
    const char *by;
    const char *measures;
    size_t top;
    const char *operation;
    const char *title;
    const char *subtitle;
    const char *source;
    const char *byline;
    const char *notes[4];
    size_t note_count;
    const char *thousands;
    const char *output_path;
    ob_render_options render;
    ob_table_options table;
} chart_options;

static ob_status
parse_kind(ob_chart_kind *kind, const char *text, ob_error *error)
{
    static const char *const names[] = {"bars",   "grouped", "stacked",
                                        "series", "kpi",     "table"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(text, names[i]) == 0) {
            *kind = (ob_chart_kind)i;
            return OB_OK;
        }
    }
    return ob_error_set(error, OB_ERR_USAGE,
                        "chart: \"%s\" is not a kind of chart (bars, grouped, "
                        "stacked, series, kpi, table)",
                        text);
}

static ob_status
parse_number(double *out, const char *name, const char *value, double low,
             double high, ob_error *error)
{
    char *end;
    double number = strtod(value, &end);
    if (*value == '\0' || *end != '\0' || !(number >= low && number <= high))
        return ob_error_set(error, OB_ERR_USAGE,
                            "%s: \"%s\" is not a number from %g to %g", name,
                            value, low, high);
    *out = number;
    return OB_OK;
}

static ob_status
take_option(bool *is_taken, void *context, int argc, char **argv, int *index,
            ob_error *error)
{
    chart_options *options = context;
    const char *arg = argv[*index];
    static const char *const text_options[] = {
        "--by",     "--measure", "--operation", "--title",
        "--subtitle", "--source", "--byline",   "--note"};
    *is_taken = true;
    for (size_t i = 0; i < sizeof text_options / sizeof text_options[0];
         i++) {
        if (!cli_is_option(arg, text_options[i]))
            continue;
        const char *value = cli_option_value(text_options[i], argc, argv,
                                             index, error);
        if (value == NULL)
            return OB_ERR_USAGE;
        switch (i) {
        case 0:
            options->by = value;
            break;
        case 1:
            options->measures = value;
            break;
        case 2:
            options->operation = value;
            break;
        case 3:
            options->title = value;
            break;
        case 4:
            options->subtitle = value;
            break;
        case 5:
            options->source = value;
            break;
        case 6:
            options->byline = value;
            break;
        default:
            if (options->note_count == 4)
                return ob_error_set(error, OB_ERR_USAGE,
                                    "--note: at most 4 notes");
            options->notes[options->note_count++] = value;
            break;
        }
        return OB_OK;
    }
    static const char *const number_options[] = {
        "--top", "--width", "--height", "--scale", "--dpi",
        "--suppress-below"};
    for (size_t i = 0; i < sizeof number_options / sizeof number_options[0];
         i++) {
        if (!cli_is_option(arg, number_options[i]))
            continue;
        const char *value = cli_option_value(number_options[i], argc, argv,
                                             index, error);
        double number = 0;
        if (value == NULL)
            return OB_ERR_USAGE;
        static const double lows[] = {0, 100, 100, 0.25, 1, 0};
        static const double highs[] = {1000, 10000, 10000, 8, 10000, 1000000};
        ob_status status = parse_number(&number, number_options[i], value,
                                        lows[i], highs[i], error);
        if (status != OB_OK)
            return status;
        if (i == 0)
            options->top = (size_t)number;
        else if (i == 1)
            options->render.width = number;
        else if (i == 2)
            options->render.height = number;
        else if (i == 3)
            options->render.scale = number;
        else if (i == 4)
            options->render.dpi = number;
        else
            options->table.suppress_below = (int64_t)number;
        return OB_OK;
    }
    if (cli_is_option(arg, "--thousands")) {
        const char *value = cli_option_value("--thousands", argc, argv, index,
                                             error);
        if (value == NULL)
            return OB_ERR_USAGE;
        if (strcmp(value, "comma") == 0 || strcmp(value, ",") == 0)
            options->thousands = ",";
        else if (strcmp(value, "space") == 0 || strcmp(value, " ") == 0)
            options->thousands = "\xE2\x80\xAF"; /* narrow no-break space */
        else if (strcmp(value, "dot") == 0 || strcmp(value, ".") == 0)
            options->thousands = ".";
        else
            return ob_error_set(error, OB_ERR_USAGE,
                                "--thousands: \"%s\" is not comma, space or "
                                "dot",
                                value);
        return OB_OK;
    }
    if (cli_take_output_option(&options->output_path, argc, argv, index,
                               error))
        return options->output_path ? OB_OK : OB_ERR_USAGE;
    *is_taken = false;
    return OB_OK;
}

/* ---- the records: all, or one operation's ------------------------------- */

typedef struct operation_filter {
    const char *operation;
    ob_record_sink *next;
    size_t kept;
} operation_filter;

static ob_status
filter_record(void *context, const ob_record *record, ob_error *error)
{
    operation_filter *filter = context;
    if (filter->operation != NULL
        && !ob_operation_same(filter->operation, record->operation))
        return OB_OK;
    filter->kept++;
    return filter->next->accept(filter->next->context, record, error);
}

/* ---- from the table to the chart ---------------------------------------- */

bool
cli_source_date_epoch(int64_t *seconds)
{
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    if (epoch == NULL || *epoch == '\0')
        return false;
    char *end;
    long long value = strtoll(epoch, &end, 10);
    if (*end != '\0' || value < 0)
        return false;
    *seconds = value;
    return true;
}

/* SOURCE_DATE_EPOCH when set, else the end of the last day in the data. */
int64_t
cli_creation_time(ob_cube *cube)
{
    int64_t seconds;
    if (cli_source_date_epoch(&seconds))
        return seconds;
    ob_date first;
    ob_date last;
    ob_cube_date_range(cube, &first, &last);
    if (last.year == 0)
        return 0;
    /* The last second of the last day (or month) in the data. */
    int year = last.year;
    int month = last.month;
    int day = last.day > 0 ? last.day + 1 : 1;
    if (last.day == 0)
        month++;
    if (month > 12) {
        month = 1;
        year++;
    }
    int64_t days = ob_days_from_civil(year, month, day);
    return (int64_t)(days * 86400 - 1);
}

/* OUT.png -> OUT.txt: the sidecar names. */
char *
cli_sidecar_path(const char *path, const char *extension)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    size_t stem = dot != NULL && (slash == NULL || dot > slash)
                      ? (size_t)(dot - path)
                      : strlen(path);
    char *out = malloc(stem + strlen(extension) + 1);
    if (out != NULL) {
        memcpy(out, path, stem);
        strcpy(out + stem, extension);
    }
    return out;
}

typedef enum sidecar_kind {
    WRITE_CHART,
    WRITE_ALT,
    WRITE_DATA
} sidecar_kind;

ob_status
cli_write_chart_file(const char *path, int kind, int format,
                     const ob_chart *chart, const ob_render_options *render,
                     ob_error *error)
{
    ob_output *output;
    ob_status status = ob_output_open(&output, path, error);
    if (status != OB_OK)
        return status;
    FILE *file = ob_output_file(output);
    if (kind == WRITE_CHART)
        status = ob_render_write(file, (ob_render_format)format, chart,
                                 render, error);
    else if (kind == WRITE_ALT)
        status = ob_render_alt_text(file, chart, render, error);
    else
        status = ob_render_data_csv(file, chart, render, error);
    if (status != OB_OK) {
        ob_output_abort(output);
        if (status == OB_ERR_IO) {
            ob_error inner = *error;
            ob_error_set(error, status, "%s: %s", path, inner.message);
        }
        return status;
    }
    return ob_output_commit(output, error);
}

static ob_status
draw(ob_table *table, ob_cube *cube, const cli_inputs *inputs,
     chart_options *options, ob_error *error)
{
    ob_chart_request request;
    memset(&request, 0, sizeof request);
    request.kind = options->kind;
    request.measures = options->measures;
    request.top = options->top;
    request.title = options->title;
    request.subtitle = options->subtitle;
    request.byline = options->byline;
    for (size_t i = 0; i < options->note_count; i++)
        request.notes[i] = options->notes[i];
    request.note_count = options->note_count;
    request.thousands = options->thousands;
    request.operation = options->operation;
    if (request.operation == NULL)
        request.operation = cli_single_operation(cube);
    ob_cube_date_range(cube, &request.first_date, &request.last_date);
    char source[512];
    if (options->source != NULL) {
        snprintf(source, sizeof source, "%s", options->source);
    } else {
        cli_source_names(source, sizeof source, inputs, 3);
    }
    request.source = source;
    ob_chart_build *build = NULL;
    ob_status status = ob_chart_build_new(&build, table, &request, error);
    if (status == OB_OK) {
        const ob_chart *chart = ob_chart_build_chart(build);
        options->render.creation_time = cli_creation_time(cube);
        ob_render_format format;
        status = ob_render_format_of(&format, options->output_path, error);
        char *alt = cli_sidecar_path(options->output_path, ".txt");
        char *values = cli_sidecar_path(options->output_path, ".csv");
        if (status == OB_OK && (alt == NULL || values == NULL))
            status = ob_error_set(error, OB_ERR_NOMEM, "out of memory");
        if (status == OB_OK)
            status = cli_write_chart_file(options->output_path, WRITE_CHART, format,
                               chart, &options->render, error);
        if (status == OB_OK)
            status = cli_write_chart_file(alt, WRITE_ALT, format, chart,
                               &options->render, error);
        if (status == OB_OK)
            status = cli_write_chart_file(values, WRITE_DATA, format, chart,
                               &options->render, error);
        free(alt);
        free(values);
    }
    ob_chart_build_free(build);
    return status;
}

static const char *
default_by(ob_chart_kind kind)
{
    switch (kind) {
    case OB_CHART_GROUPED:
        return "interpol";
    case OB_CHART_STACKED:
        return "interpol,exploitation";
    case OB_CHART_SERIES:
        return "month";
    case OB_CHART_KPI:
        return "";
    default:
        return "country";
    }
}

int
cli_chart(int argc, char **argv)
{
    ob_error error;
    if (argc < 2 || strcmp(argv[1], "--help") == 0) {
        fputs(chart_usage, argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : EXIT_OK;
    }
    chart_options options;
    memset(&options, 0, sizeof options);
    ob_render_options_init(&options.render);
    ob_table_options_init(&options.table);
    options.table.has_intervals = false;
    options.top = 15;
    options.thousands = ",";
    ob_status status = parse_kind(&options.kind, argv[1], &error);
    if (status != OB_OK) {
        cli_print_error(&error);
        return cli_exit_code(status);
    }
    cli_inputs inputs;
    memset(&inputs, 0, sizeof inputs);
    int code = cli_parse_arguments(&inputs, "chart", chart_usage, argc - 1,
                                   argv + 1, take_option, &options);
    if (code >= 0) {
        cli_inputs_free(&inputs);
        return code;
    }
    if (options.output_path == NULL) {
        fputs("opbrief: chart: -o OUT.png|OUT.svg|OUT.pdf is needed\n",
              stderr);
        cli_inputs_free(&inputs);
        return EXIT_USAGE;
    }
    if (options.measures == NULL)
        options.measures = options.kind == OB_CHART_GROUPED
                               ? "arrests,victims,migrants"
                           : options.kind == OB_CHART_TABLE
                               ? "arrests,victims,migrants,seizures,"
                                 "investigations"
                               : "victims";
    ob_grouping grouping;
    status = ob_grouping_parse(&grouping,
                               options.by ? options.by
                                          : default_by(options.kind),
                               &error);
    size_t wanted = options.kind == OB_CHART_STACKED ? 2
                    : options.kind == OB_CHART_KPI   ? 0
                                                     : 1;
    if (status == OB_OK && grouping.key_count != wanted)
        status = ob_error_set(&error, OB_ERR_USAGE,
                              "chart %s: --by needs %zu key%s", argv[1],
                              wanted, wanted == 1 ? "" : "s");
    if (status == OB_OK && options.kind == OB_CHART_SERIES
        && grouping.keys[0] != OB_KEY_MONTH)
        status = ob_error_set(&error, OB_ERR_USAGE,
                              "chart series: --by must be month");
    ob_cube *cube = NULL;
    ob_table *table = NULL;
    if (status == OB_OK)
        status = ob_cube_new(&cube, &grouping, &error);
    if (status != OB_OK) {
        cli_print_error(&error);
        cli_inputs_free(&inputs);
        return cli_exit_code(status);
    }
    ob_record_sink cube_sink = ob_cube_sink(cube);
    operation_filter filter = {options.operation, &cube_sink, 0};
    ob_record_sink sink = {filter_record, &filter};
    status = cli_read_inputs(&inputs, &sink, &error);
    if (status == OB_OK && options.operation != NULL && filter.kept == 0)
        status = ob_error_set(&error, OB_ERR_DATA,
                              "no rows of operation \"%s\"",
                              options.operation);
    else if (status != OB_OK)
        error.message[0] = '\0'; /* printed already */
    if (status == OB_OK) {
        cli_warn_declared_countries(cube);
        status = ob_table_new(&table, cube, &options.table, &error);
    }
    if (status == OB_OK)
        status = draw(table, cube, &inputs, &options, &error);
    if (status != OB_OK && error.message[0] != '\0')
        cli_print_error(&error);
    ob_table_free(table);
    ob_cube_free(cube);
    cli_inputs_free(&inputs);
    return cli_exit_code(status);
}
