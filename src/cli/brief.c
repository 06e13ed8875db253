/* opbrief brief: the PDF briefing of a report definition; opbrief charts:
 * the chart set of an article definition. Both read the returns once into
 * every grouping they need, protect each table, and hand plain data on. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "opbrief/briefing_document.h"
#include "opbrief/cube.h"
#include "opbrief/disclosure.h"
#include "opbrief/output.h"
#include "opbrief/render.h"
#include "opbrief/report.h"
#include "opbrief/stats.h"
#include "published.h"
#include "write.h"

static const char brief_usage[] =
    "usage: opbrief brief [OPTIONS] FILE... [-o briefing.pdf]\n"
    "\n"
    "Write the PDF briefing of CSV returns: a title page, key figures and\n"
    "findings, charts by country, region, breakdown and month, every\n"
    "country by region with subtotals, and the method. Victim counts under\n"
    "the threshold are hidden everywhere, consistently.\n"
    "\n"
    "options:\n"
    "  --report FILE       a report definition (default: the built-in\n"
    "                      reports/operation.json)\n"
    "  --operation NAME    only the returns of this operation\n"
    "  --title T           the briefing's title\n"
    "  --published FILE    an opbrief data file a reader also has; the\n"
    "                      briefing is protected together with it (may be\n"
    "                      given several times)\n"
    "  -o, --output FILE   the PDF (default briefing.pdf)\n"
    "  --rejects FILE, --strict, --delimiter D   as for validate\n"
    "\n"
    "exit: 0 ok, 64 usage, 65 bad data, 66 no input, 73 cannot create\n"
    "output, 74 I/O error, 78 a broken report definition\n";

static const char charts_usage[] =
    "usage: opbrief charts [OPTIONS] FILE... --out DIR\n"
    "\n"
    "Write the chart set of an article definition into DIR: every chart at\n"
    "every scale and format it names, each with alt text and data, and\n"
    "DIR/data.json, every table the set was drawn from, protected as one.\n"
    "\n"
    "options:\n"
    "  --report FILE       an article definition (default: the built-in\n"
    "                      reports/article.json)\n"
    "  --operation NAME    only the returns of this operation\n"
    "  --out DIR           where the charts go (made if missing)\n"
    "  --published FILE    an opbrief data file a reader also has\n"
    "  --rejects FILE, --strict, --delimiter D   as for validate\n";

typedef struct set_options {
    const char *report_path;
    const char *operation;
    const char *title;
    const char *output;
    const char **published; /* --published files */
    size_t published_count;
} set_options;

static ob_status
take_option(bool *is_taken, void *context, int argc, char **argv, int *index,
            ob_error *error)
{
    set_options *options = context;
    const char *arg = argv[*index];
    static const char *const names[] = {"--report", "--operation", "--title",
                                        "--output", "-o", "--out"};
    const char **targets[] = {&options->report_path, &options->operation,
                              &options->title,       &options->output,
                              &options->output,      &options->output};
    *is_taken = true;
    if (cli_is_option(arg, "--published"))
        return cli_take_published_option(&options->published,
                                         &options->published_count, argc,
                                         argv, index, error);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (!cli_is_option(arg, names[i]))
            continue;
        *targets[i] = cli_option_value(names[i], argc, argv, index, error);
        return *targets[i] ? OB_OK : OB_ERR_USAGE;
    }
    *is_taken = false;
    return OB_OK;
}

/* ---- reading into every grouping at once -------------------------------- */

enum {
    CUBE_TOTAL,
    CUBE_REGION_COUNTRY,
    CUBE_MONTH,
    CUBE_OPERATION,
    CUBE_BREAKDOWN, /* + breakdown */
    CUBE_COUNT = CUBE_BREAKDOWN + OB_BREAKDOWN_COUNT
};

static const char *const cube_keys[CUBE_COUNT] = {
    "",         "interpol,country", "month",      "operation",
    "exploitation", "citizenship",  "victim_sex", "victim_age",
    "recruitment"};

typedef struct fan_out {
    ob_cube *cubes[CUBE_COUNT];
    /* Every record, whatever the operation: the countries and operations
     * a reader knows took part. */
    ob_cube *everything;
    const char *operation;
} fan_out;

static ob_status
add_everywhere(void *context, const ob_record *record, ob_error *error)
{
    fan_out *fan = context;
    ob_status added = ob_cube_add(fan->everything, record, error);
    if (added != OB_OK)
        return added;
    if (fan->operation != NULL
        && !ob_operation_same(fan->operation, record->operation))
        return OB_OK;
    for (size_t c = 0; c < CUBE_COUNT; c++) {
        ob_status status = ob_cube_add(fan->cubes[c], record, error);
        if (status != OB_OK)
            return status;
    }
    return OB_OK;
}

typedef struct reading {
    fan_out fan;
    ob_dc *publication; /* every table, protected as one */
    write_protection protection; /* what it hid */
    ob_table *tables[CUBE_COUNT];
    ob_report *report;
    cli_inputs inputs;
    set_options options;
    char operation_list[512];
    char source_files[512];
    char rejects_summary[800];
} reading;

static void
reading_free(reading *r)
{
    for (size_t c = 0; c < CUBE_COUNT; c++) {
        ob_table_free(r->tables[c]);
        ob_cube_free(r->fan.cubes[c]);
    }
    ob_cube_free(r->fan.everything);
    ob_dc_free(r->publication);
    free(r->options.published);
    ob_report_free(r->report);
    cli_inputs_free(&r->inputs);
}

/* Parse the arguments, load the definition, read the returns, make every
 * table. Returns -1 to go on, or the exit code. */
static int
read_everything(reading *r, const char *command, const char *usage,
                int argc, char **argv, ob_builtin_report builtin)
{
    ob_error error;
    int code = cli_parse_arguments(&r->inputs, command, usage, argc, argv,
                                   take_option, &r->options);
    if (code >= 0)
        return code;
    ob_status status = ob_report_load(&r->report, r->options.report_path,
                                      builtin, &error);
    if (status != OB_OK) {
        cli_print_error(&error);
        return cli_exit_code(status);
    }
    r->fan.operation = r->options.operation;
    for (size_t c = 0; c < CUBE_COUNT && status == OB_OK; c++) {
        ob_grouping grouping;
        status = ob_grouping_parse(&grouping, cube_keys[c], &error);
        if (status == OB_OK)
            status = ob_cube_new(&r->fan.cubes[c], &grouping, &error);
    }
    if (status == OB_OK) {
        ob_grouping none;
        memset(&none, 0, sizeof none);
        status = ob_cube_new(&r->fan.everything, &none, &error);
    }
    if (status != OB_OK) {
        cli_print_error(&error);
        return cli_exit_code(status);
    }
    ob_record_sink sink = {add_everywhere, &r->fan};
    status = cli_read_inputs(&r->inputs, &sink, &error);
    if (status != OB_OK)
        return cli_exit_code(status);
    ob_cube *total = r->fan.cubes[CUBE_TOTAL];
    if (r->options.operation != NULL && ob_cube_group_count(total) == 0) {
        fprintf(stderr, "opbrief: no rows of operation \"%s\"\n",
                r->options.operation);
        return EXIT_DATAERR;
    }
    cli_warn_declared_countries(total);
    /* Everything the command writes is one publication: every table,
     * chart, tile and sentence comes from these tables, protected
     * together. */
    ob_table_options table_options;
    ob_table_options_init(&table_options);
    table_options.suppress_below = r->report->suppress_below;
    table_options.has_intervals = false;
    if (r->options.operation != NULL) {
        table_options.filters[0] = (ob_dc_term){
            OB_KEY_OPERATION, NULL,
            cli_single_operation(r->fan.cubes[CUBE_TOTAL])};
        table_options.filter_count = 1;
    }
    status = ob_dc_new(&r->publication, r->report->suppress_below, &error);
    if (status == OB_OK)
        ob_dc_restrict_places(r->publication, r->fan.everything);
    int64_t threshold = r->report->suppress_below;
    for (size_t i = 0; i < r->options.published_count && status == OB_OK; i++)
        status = cli_load_published(r->publication, &threshold,
                                    r->options.published[i], 0, &error);
    table_options.publication = r->publication;
    for (size_t c = 0; c < CUBE_COUNT && status == OB_OK; c++)
        status = ob_table_new(&r->tables[c], r->fan.cubes[c], &table_options,
                              &error);
    if (status == OB_OK)
        status = ob_dc_protect(r->publication, &error);
    for (size_t c = 0; c < CUBE_COUNT && status == OB_OK; c++)
        status = ob_table_publish(r->tables[c], &error);
    if (status == OB_OK)
        status = cli_report_protection(&r->protection.minimum,
                                       &r->protection.has_minimum,
                                       r->publication, &error);
    r->protection.threshold = r->report->suppress_below;
    ob_dc_counts(r->publication, &r->protection.primary,
                 &r->protection.complementary);
    if (status != OB_OK) {
        cli_print_error(&error);
        return cli_exit_code(status);
    }
    cli_operation_list(r->operation_list, sizeof r->operation_list, total);
    cli_source_names(r->source_files, sizeof r->source_files, &r->inputs,
                     SIZE_MAX);
    size_t used = 0;
    for (size_t i = 0; i < r->inputs.problem_total && i < 3; i++)
        used += (size_t)snprintf(r->rejects_summary + used,
                                 used < sizeof r->rejects_summary
                                     ? sizeof r->rejects_summary - used
                                     : 0,
                                 "%s%s", i ? "; " : "",
                                 r->inputs.first_problems[i]);
    if (r->inputs.problem_total > 3 && used < sizeof r->rejects_summary)
        snprintf(r->rejects_summary + used, sizeof r->rejects_summary - used,
                 "; and %zu more", r->inputs.problem_total - 3);
    return -1;
}

/* ---- brief -------------------------------------------------------------- */

/* The data file beside the briefing: every table it published, as
 * 'opbrief audit' and --published read them. */
static ob_status
write_briefing_data(FILE *file, const reading *r, ob_error *error)
{
    const ob_table *tables[CUBE_COUNT];
    ob_cube *cubes[CUBE_COUNT];
    for (size_t c = 0; c < CUBE_COUNT; c++) {
        tables[c] = r->tables[c];
        cubes[c] = r->fan.cubes[c];
    }
    return write_json_publication(file, tables, cubes, CUBE_COUNT,
                                  &r->protection, error);
}

int
cli_brief(int argc, char **argv)
{
    reading r;
    memset(&r, 0, sizeof r);
    int code = read_everything(&r, "brief", brief_usage, argc, argv,
                               OB_REPORT_OPERATION);
    if (code >= 0) {
        reading_free(&r);
        return code;
    }
    static const char *const breakdown_titles[OB_BREAKDOWN_COUNT] = {
        "form of exploitation", "citizenship", "sex", "age",
        "means of recruitment"};
    ob_briefing_input input;
    memset(&input, 0, sizeof input);
    input.report = r.report;
    input.title = r.options.title;
    input.operation = cli_single_operation(r.fan.cubes[CUBE_TOTAL]);
    input.operation_list = r.operation_list;
    ob_cube *total = r.fan.cubes[CUBE_TOTAL];
    ob_cube_date_range(total, &input.first_date, &input.last_date);
    input.total = r.tables[CUBE_TOTAL];
    input.countries_present = input.total->group_count
                                  ? input.total->groups[0].group->countries
                                  : 0;
    for (size_t i = 0; i < ob_cube_operation_count(total); i++) {
        int64_t declared = ob_cube_operation(total, i)->countries_declared;
        if (declared > input.countries_declared)
            input.countries_declared = declared;
    }
    input.by_region_country = r.tables[CUBE_REGION_COUNTRY];
    input.by_month = r.tables[CUBE_MONTH];
    input.by_operation = r.tables[CUBE_OPERATION];
    for (size_t i = 0; i < OB_BREAKDOWN_COUNT; i++) {
        const ob_table *table = r.tables[CUBE_BREAKDOWN + i];
        bool is_present = false;
        for (size_t g = 0; g < table->group_count && !is_present; g++)
            is_present = !table->groups[g].group->keys[0].is_none;
        input.breakdowns[i] = is_present ? table : NULL;
        input.breakdown_titles[i] = breakdown_titles[i];
    }
    input.source_files = r.source_files;
    input.rejects_summary = r.rejects_summary;
    input.rows_read = r.inputs.rows_read;
    input.rows_accepted = r.inputs.rows_accepted;
    input.rows_rejected = r.inputs.rows_rejected;
    /* Each figure once, however many tables print it. */
    input.suppressed_primary = r.protection.primary;
    input.suppressed_complementary = r.protection.complementary;
    input.creation_time = cli_creation_time(total);

    ob_error error;
    ob_briefing *briefing = NULL;
    ob_status status = ob_briefing_new(&briefing, &input, &error);
    const char *path = r.options.output ? r.options.output : "briefing.pdf";
    char *data_path = cli_sidecar_path(path, ".json");
    if (status == OB_OK && data_path == NULL)
        status = ob_error_set(&error, OB_ERR_NOMEM, "out of memory");
    ob_output *output = NULL;
    ob_output *data = NULL;
    size_t pages = 0;
    if (status == OB_OK)
        status = ob_output_open(&output, path, &error);
    if (status == OB_OK)
        status = ob_output_open(&data, data_path, &error);
    if (status == OB_OK) {
        status = ob_render_document(ob_output_file(output),
                                    ob_briefing_document(briefing), &pages,
                                    &error);
        if (status == OB_ERR_IO) {
            ob_error inner = error;
            ob_error_set(&error, status, "%s: %s", path, inner.message);
        }
    }
    if (status == OB_OK) {
        status = write_briefing_data(ob_output_file(data), &r, &error);
        if (status == OB_ERR_IO) {
            ob_error inner = error;
            ob_error_set(&error, status, "%s: %s", data_path, inner.message);
        }
    }
    /* The data file first: a briefing is never out without the figures
     * it published. */
    if (status == OB_OK)
        status = ob_output_commit(data, &error);
    else
        ob_output_abort(data);
    if (status == OB_OK)
        status = ob_output_commit(output, &error);
    else
        ob_output_abort(output);
    free(data_path);
    if (status == OB_OK)
        fprintf(stderr, "opbrief: %s: %zu pages\n", path, pages);
    else
        cli_print_error(&error);
    ob_briefing_free(briefing);
    reading_free(&r);
    return cli_exit_code(status);
}

/* ---- charts ------------------------------------------------------------- */

static ob_status
write_article_chart(reading *r, const ob_section *section, const char *folder,
                    ob_error *error)
{
    static const char *const kinds[] = {"bars",   "grouped", "stacked",
                                        "series", "kpi",     "table"};
    ob_chart_kind kind = OB_CHART_BARS;
    for (size_t i = 0; section->chart && i < sizeof kinds / sizeof kinds[0];
         i++) {
        if (strcmp(section->chart, kinds[i]) == 0)
            kind = (ob_chart_kind)i;
    }
    const ob_table *table = kind == OB_CHART_SERIES ? r->tables[CUBE_MONTH]
                            : kind == OB_CHART_KPI  ? r->tables[CUBE_TOTAL]
                                : r->tables[CUBE_REGION_COUNTRY];
    ob_chart_request request;
    memset(&request, 0, sizeof request);
    request.kind = kind;
    request.measures = section->measure ? section->measure : "victims";
    request.top = section->top ? section->top : 15;
    request.title = section->title;
    request.source = r->report->source;
    request.thousands = r->report->thousands;
    request.operation = cli_single_operation(r->fan.cubes[CUBE_TOTAL]);
    ob_cube_date_range(r->fan.cubes[CUBE_TOTAL], &request.first_date,
                       &request.last_date);
    ob_chart_build *build;
    ob_status status = ob_chart_build_new(&build, table, &request, error);
    if (status != OB_OK)
        return status;
    const ob_chart *chart = ob_chart_build_chart(build);
    ob_render_options render;
    ob_render_options_init(&render);
    render.width = r->report->width;
    render.height = r->report->height;
    render.creation_time = cli_creation_time(r->fan.cubes[CUBE_TOTAL]);
    static const char *const endings[] = {"png", "svg", "pdf"};
    bool wanted[] = {r->report->has_png, r->report->has_svg,
                     r->report->has_pdf};
    for (size_t f = 0; f < 3 && status == OB_OK; f++) {
        if (!wanted[f])
            continue;
        size_t scales = f == 0 ? r->report->scale_count : 1;
        for (size_t s = 0; s < scales && status == OB_OK; s++) {
            render.scale = f == 0 ? r->report->scales[s] : 1;
            char path[1024];
            if (f == 0 && render.scale != 1)
                snprintf(path, sizeof path, "%s/%s@%gx.%s", folder,
                         section->name, render.scale, endings[f]);
            else
                snprintf(path, sizeof path, "%s/%s.%s", folder,
                         section->name, endings[f]);
            status = cli_write_chart_file(path, 0, (int)f, chart, &render,
                                          error);
            char *alt = cli_sidecar_path(path, ".txt");
            char *values = cli_sidecar_path(path, ".csv");
            if (status == OB_OK && (alt == NULL || values == NULL))
                status = ob_error_set(error, OB_ERR_NOMEM, "out of memory");
            if (status == OB_OK)
                status = cli_write_chart_file(alt, 1, (int)f, chart, &render,
                                              error);
            if (status == OB_OK)
                status = cli_write_chart_file(values, 2, (int)f, chart,
                                              &render, error);
            free(alt);
            free(values);
            if (status == OB_OK)
                printf("%s\n", path);
        }
    }
    ob_chart_build_free(build);
    return status;
}

/* Whether FOLDER exists as a folder, made now if it was missing. */
static bool
is_folder_made(const char *folder)
{
    struct stat info;
    if (mkdir(folder, 0777) == 0)
        return true;
    return stat(folder, &info) == 0 && S_ISDIR(info.st_mode);
}

int
cli_charts(int argc, char **argv)
{
    reading r;
    memset(&r, 0, sizeof r);
    int code = read_everything(&r, "charts", charts_usage, argc, argv,
                               OB_REPORT_ARTICLE);
    if (code >= 0) {
        reading_free(&r);
        return code;
    }
    ob_error error;
    ob_status status = OB_OK;
    const char *folder = r.options.output;
    if (folder == NULL)
        status = ob_error_set(&error, OB_ERR_USAGE,
                              "charts: --out DIR is needed");
    else if (!is_folder_made(folder))
        status = ob_error_set(&error, OB_ERR_CANTCREAT,
                              "%s: cannot create the folder", folder);
    for (size_t i = 0; i < r.report->section_count && status == OB_OK; i++)
        status = write_article_chart(&r, &r.report->sections[i], folder,
                                     &error);
    /* The set's data file, as a briefing's: what 'opbrief audit' and
     * --published read. */
    char *data_path = NULL;
    if (status == OB_OK) {
        size_t length = strlen(folder) + sizeof "/data.json";
        data_path = malloc(length);
        if (data_path == NULL)
            status = ob_error_set(&error, OB_ERR_NOMEM, "out of memory");
        else
            snprintf(data_path, length, "%s/data.json", folder);
    }
    ob_output *data = NULL;
    if (status == OB_OK)
        status = ob_output_open(&data, data_path, &error);
    if (status == OB_OK) {
        status = write_briefing_data(ob_output_file(data), &r, &error);
        if (status == OB_OK)
            status = ob_output_commit(data, &error);
        else
            ob_output_abort(data);
    }
    if (status == OB_OK)
        printf("%s\n", data_path);
    free(data_path);
    if (status != OB_OK)
        cli_print_error(&error);
    reading_free(&r);
    return cli_exit_code(status);
}
