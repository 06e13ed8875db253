/* opbrief monthly: the unattended monthly report. One run reads every
 * return in a folder (the whole history), builds the month's folder under
 * a temporary name, writes a manifest of every input and output, and
 * renames the folder into place: complete or nothing, the same bytes on a
 * re-run, one run at a time, a log line per step. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "opbrief/briefing_document.h"
#include "opbrief/cube.h"
#include "opbrief/disclosure.h"
#include "opbrief/ingest.h"
#include "opbrief/output.h"
#include "opbrief/render.h"
#include "opbrief/report.h"
#include "opbrief/sha256.h"
#include "opbrief/stats.h"
#include "published.h"
#include "write.h"

/* sysexits' EX_TEMPFAIL: try again later (another run holds the lock). */
#define EXIT_TEMPFAIL 75
#define LOCK_NAME ".opbrief-monthly.lock"

static const char monthly_usage[] =
    "usage: opbrief monthly --data DIR --out DIR [--month YYYY-MM]\n"
    "                       [--report FILE]\n"
    "\n"
    "Write the monthly report of the returns in DIR (every *.csv and\n"
    "*.csv.gz, the whole history) to OUT/YYYY-MM/: briefing.pdf, charts/\n"
    "(PNG 1x and 2x, SVG, each with alt text and data), aggregates.csv,\n"
    "aggregates.json, rejects.csv and manifest.json. The folder appears\n"
    "whole or not at all; the same inputs give the same bytes.\n"
    "\n"
    "options:\n"
    "  --data DIR          where the returns are\n"
    "  --out DIR           where month folders go (made if missing)\n"
    "  --month YYYY-MM     the month to report (default: the previous\n"
    "                      calendar month)\n"
    "  --report FILE       a report definition (default: the built-in\n"
    "                      reports/monthly.json)\n"
    "\n"
    "exit: 0 done, 64 usage, 65 bad data or no returns dated in the month,\n"
    "66 no input, 73 cannot create output, 74 I/O error, 75 another run\n"
    "holds the lock, 78 a broken report definition\n";

/* ---- logging ------------------------------------------------------------ */

typedef enum log_level {
    LOG_ERROR = 3,
    LOG_WARNING = 4,
    LOG_INFO = 6
} log_level;

/* One line on standard error: with the journal's <N> priority prefix
 * when systemd connected it (JOURNAL_STREAM), plain "opbrief: " else.
 * Lines name steps, files and counts of rows, never a victim figure. */
static void
log_line(log_level level, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

static void
log_line(log_level level, const char *format, ...)
{
    const char *journal = getenv("JOURNAL_STREAM");
    if (journal != NULL && journal[0] != '\0')
        fprintf(stderr, "<%d>", (int)level);
    fputs("opbrief: monthly: ", stderr);
    va_list args;
    va_start(args, format);
    vfprintf(stderr, format, args);
    va_end(args);
    fputc('\n', stderr);
}

static int
fail(ob_status status, const ob_error *error)
{
    log_line(LOG_ERROR, "%s", error->message);
    return cli_exit_code(status);
}

/* ---- files and folders -------------------------------------------------- */

static bool
has_suffix(const char *name, const char *suffix)
{
    size_t length = strlen(name);
    size_t suffix_length = strlen(suffix);
    return length > suffix_length
           && strcmp(name + length - suffix_length, suffix) == 0;
}

static int
compare_names(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The returns in FOLDER, sorted by name so that every run reads them in
 * the same order. */
static ob_status
list_returns(char ***names, size_t *count, const char *folder,
             ob_error *error)
{
    *names = NULL;
    *count = 0;
    DIR *dir = opendir(folder);
    if (dir == NULL)
        return ob_error_set(error, OB_ERR_NOINPUT, "%s: cannot open: %s",
                            folder, strerror(errno));
    size_t capacity = 0;
    struct dirent *entry;
    ob_status status = OB_OK;
    while ((entry = readdir(dir)) != NULL && status == OB_OK) {
        const char *name = entry->d_name;
        if (name[0] == '.'
            || !(has_suffix(name, ".csv") || has_suffix(name, ".csv.gz")))
            continue;
        char **bigger =
            ob_grow(*names, &capacity, *count + 1, sizeof *bigger, 32);
        if (bigger == NULL) {
            status = ob_error_set(error, OB_ERR_NOMEM, "out of memory");
            break;
        }
        *names = bigger;
        size_t length = strlen(folder) + strlen(name) + 2;
        (*names)[*count] = malloc(length);
        if ((*names)[*count] == NULL) {
            status = ob_error_set(error, OB_ERR_NOMEM, "out of memory");
            break;
        }
        snprintf((*names)[*count], length, "%s/%s", folder, name);
        (*count)++;
    }
    closedir(dir);
    if (status == OB_OK && *count == 0)
        status = ob_error_set(error, OB_ERR_NOINPUT,
                              "%s: no *.csv or *.csv.gz file", folder);
    if (status == OB_OK)
        qsort(*names, *count, sizeof **names, compare_names);
    return status;
}

/* Remove FOLDER and what it holds (two levels: the month folder and its
 * charts/). */
static void
remove_folder(const char *folder)
{
    DIR *dir = opendir(folder);
    if (dir != NULL) {
        struct dirent *entry;
        while ((entry = readdir(dir)) != NULL) {
            if (strcmp(entry->d_name, ".") == 0
                || strcmp(entry->d_name, "..") == 0)
                continue;
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", folder, entry->d_name);
            struct stat info;
            if (lstat(path, &info) == 0 && S_ISDIR(info.st_mode))
                remove_folder(path);
            else
                unlink(path);
        }
        closedir(dir);
    }
    rmdir(folder);
}

/* Folders that a killed run left behind: only ever named ".YYYY-MM.tmp-*"
 * or ".YYYY-MM.old-*", so nothing else is touched. */
static void
remove_leftovers(const char *out)
{
    DIR *dir = opendir(out);
    if (dir == NULL)
        return;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        const char *name = entry->d_name;
        /* ".YYYY-MM.tmp-" or ".YYYY-MM.old-", and nothing else. */
        bool is_ours = name[0] == '.' && strlen(name) >= 14
                       && name[5] == '-'
                       && (strncmp(name + 8, ".tmp-", 5) == 0
                           || strncmp(name + 8, ".old-", 5) == 0);
        for (size_t i = 1; i < 8 && is_ours; i++)
            is_ours = i == 5 || (name[i] >= '0' && name[i] <= '9');
        if (!is_ours)
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", out, name);
        log_line(LOG_WARNING, "removing %s, left by a run that did not finish",
                 name);
        remove_folder(path);
    }
    closedir(dir);
}

/* ---- reading ------------------------------------------------------------ */

enum {
    MONTH_TOTAL,
    MONTH_REGION_COUNTRY,
    MONTH_OPERATION,
    MONTH_OPERATION_COUNTRY,
    HISTORY,    /* by month, every month up to the one reported */
    HISTORY_12, /* by month, the last 12 */
    HISTORY_24, /* by month, the last 24 */
    CUBE_COUNT
};

static const char *const cube_keys[CUBE_COUNT] = {
    "", "interpol,country", "operation", "operation,country",
    "month", "month", "month"};

typedef struct monthly_sink {
    ob_cube *cubes[CUBE_COUNT];
    int month_index;
    size_t rows_in_month;
} monthly_sink;

static ob_status
add_record(void *context, const ob_record *record, ob_error *error)
{
    monthly_sink *sink = context;
    if (record->date.year == 0)
        return OB_OK; /* undated: no month to count it in */
    int month = record->date.year * 12 + record->date.month - 1;
    if (month > sink->month_index)
        return OB_OK; /* after the month reported: a later report's */
    ob_status status = OB_OK;
    if (month == sink->month_index) {
        sink->rows_in_month++;
        for (size_t c = MONTH_TOTAL; c <= MONTH_OPERATION_COUNTRY && !status;
             c++)
            status = ob_cube_add(sink->cubes[c], record, error);
    }
    if (status == OB_OK)
        status = ob_cube_add(sink->cubes[HISTORY], record, error);
    if (status == OB_OK && month > sink->month_index - 12)
        status = ob_cube_add(sink->cubes[HISTORY_12], record, error);
    if (status == OB_OK && month > sink->month_index - 24)
        status = ob_cube_add(sink->cubes[HISTORY_24], record, error);
    return status;
}

typedef struct input_file {
    char *path;
    char sha256[65];
    uint64_t size;
    ob_ingest_counts counts;
} input_file;

/* ---- late returns ------------------------------------------------------- */

/* The earlier months whose arrests or victims, as published now, differ
 * from what the previous month's report published (its data file); NULL
 * when there is no such report. */
static char *
find_late_months(const char *out, int month_index, const ob_table *history)
{
    static const ob_measure measures[] = {OB_MEASURE_ARRESTS,
                                          OB_MEASURE_VICTIMS};
    enum { SPAN = 1200 };
    int previous = month_index - 1;
    int first = month_index - SPAN;
    char path[4096];
    snprintf(path, sizeof path, "%s/%04d-%02d/data.json", out,
             previous / 12, previous % 12 + 1);
    char (*then)[64] = malloc(SPAN * sizeof *then);
    char *late = calloc(1, 1024);
    bool *changed = calloc(SPAN, sizeof *changed);
    if (then == NULL || late == NULL || changed == NULL) {
        free(then);
        free(late);
        free(changed);
        return NULL;
    }
    bool has_report = false;
    for (size_t f = 0; f < 2; f++) {
        const char *name = ob_measure_name(measures[f]);
        if (!cli_published_by_month(then, path, name, first, SPAN))
            continue;
        has_report = true;
        for (size_t i = 0; i < history->group_count; i++) {
            const ob_table_group *group = &history->groups[i];
            int index = group->group->keys[0].month_index;
            if (group->group->keys[0].is_none || index < first
                || index > previous || then[index - first][0] == '\0')
                continue;
            /* The value as published now, in the same form. */
            char now[64] = "";
            write_cell_text(now, sizeof now, &group->cells[measures[f]], NULL);
            if (strcmp(now, then[index - first]) != 0)
                changed[index - first] = true;
        }
    }
    free(then);
    if (!has_report) {
        free(late);
        free(changed);
        return NULL;
    }
    size_t used = 0;
    for (int i = 0; i < SPAN; i++) {
        if (!changed[i])
            continue;
        int index = first + i;
        if (used + 16 >= 1024)
            break; /* 60 months and more: the list stops there */
        used += (size_t)snprintf(late + used, 1024 - used, "%s%04d-%02d",
                                 used ? ", " : "", index / 12,
                                 index % 12 + 1);
    }
    free(changed);
    return late;
}

/* ---- the publications already out ------------------------------------- */

/* The month reports in OUT a reader also has: every month folder, the
 * one this run replaces too (a reader may have kept it), the 62 nearest
 * to MONTH_INDEX, newest first (vintages 1 to 62 of the publication; 0 is
 * this report). Each one's data file joins DC. */
static ob_status
load_earlier_reports(size_t *loaded, ob_dc *dc, const char *out,
                     int month_index, const char *label, int64_t threshold,
                     ob_error *error)
{
    *loaded = 0;
    DIR *dir = opendir(out);
    if (dir == NULL)
        return OB_OK; /* no OUT yet: no earlier report */
    int months[62];
    size_t count = 0;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        int year;
        int month;
        char rest;
        if (strlen(entry->d_name) != 7
            || sscanf(entry->d_name, "%4d-%2d%c", &year, &month, &rest) != 2
            || month < 1 || month > 12)
            continue;
        int index = year * 12 + month - 1;
        /* Keep the 62 nearest to the month reported. */
        size_t slot = count;
        if (count == 62) {
            slot = 0;
            for (size_t i = 1; i < count; i++) {
                if (abs(months[i] - month_index)
                    > abs(months[slot] - month_index))
                    slot = i;
            }
            if (abs(index - month_index) >= abs(months[slot] - month_index))
                continue;
        } else {
            count++;
        }
        months[slot] = index;
    }
    closedir(dir);
    /* Newest first, so that vintages follow the order of publication. */
    for (size_t i = 1; i < count; i++) {
        for (size_t j = i; j > 0 && months[j] > months[j - 1]; j--) {
            int swap = months[j];
            months[j] = months[j - 1];
            months[j - 1] = swap;
        }
    }
    ob_status status = OB_OK;
    for (size_t i = 0; i < count && status == OB_OK; i++) {
        char path[4200];
        snprintf(path, sizeof path, "%s/%04d-%02d/data.json", out,
                 months[i] / 12, months[i] % 12 + 1);
        if (access(path, F_OK) != 0)
            continue; /* a report of an earlier opbrief, without one */
        int64_t expected = threshold;
        cli_data_file *file;
        status = cli_data_file_open(&file, path, error);
        if (status != OB_OK)
            break;
        /* A report made from the same files is this one: vintage 0. */
        const char *its = cli_data_file_vintage(file);
        size_t vintage = its != NULL && strcmp(its, label) == 0 ? 0 : i + 1;
        status = cli_data_file_load(dc, &expected, file, vintage, error);
        cli_data_file_free(file);
        *loaded += status == OB_OK;
    }
    return status;
}

/* ---- writing ------------------------------------------------------------ */

typedef struct run {
    const char *data;
    const char *out;
    const char *report_path;
    int month_index;
    char month[16];
    char folder[4096]; /* the temporary month folder */
    ob_report *report;
    monthly_sink sink;
    ob_dc *publication; /* this report with the earlier ones in OUT */
    ob_table *tables[CUBE_COUNT];
    input_file *inputs;
    size_t input_count;
    size_t rows_read, rows_accepted, rows_rejected;
    int64_t creation_time;
} run;

static ob_status
write_aggregates(run *r, ob_error *error)
{
    char path[4200];
    ob_status status = OB_OK;
    for (int json = 0; json < 2 && status == OB_OK; json++) {
        snprintf(path, sizeof path, "%s/aggregates.%s", r->folder,
                 json ? "json" : "csv");
        ob_output *output;
        status = ob_output_open(&output, path, error);
        if (status != OB_OK)
            return status;
        write_options options = {true};
        const ob_table *table = r->tables[MONTH_OPERATION_COUNTRY];
        status = json ? write_json(ob_output_file(output), table,
                                   r->sink.cubes[MONTH_OPERATION_COUNTRY],
                                   error)
                      : write_csv(ob_output_file(output), table, &options,
                                  error);
        if (status == OB_OK)
            status = ob_output_commit(output, error);
        else
            ob_output_abort(output);
    }
    return status;
}


/* What data the report is made from: the month, and the hash of every
 * file read (a re-run after a late return is another vintage; a re-run of
 * the same files is the same). */
static void
vintage_label(char *out, size_t out_size, const run *r)
{
    ob_sha256 hash;
    ob_sha256_init(&hash);
    for (size_t i = 0; i < r->input_count; i++)
        ob_sha256_update(&hash, r->inputs[i].sha256, 64);
    char digest[65];
    ob_sha256_hex(&hash, digest);
    snprintf(out, out_size, "returns up to %s, files %.16s", r->month,
             digest);
}

/* data.json: every table of the report, as 'opbrief audit' and the next
 * month's run read them. */
static ob_status
write_data(run *r, ob_error *error)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/data.json", r->folder);
    ob_output *output;
    ob_status status = ob_output_open(&output, path, error);
    if (status != OB_OK)
        return status;
    const ob_table *tables[CUBE_COUNT];
    for (size_t c = 0; c < CUBE_COUNT; c++)
        tables[c] = r->tables[c];
    write_protection protection;
    memset(&protection, 0, sizeof protection);
    protection.threshold = r->report->suppress_below;
    char vintage[128];
    vintage_label(vintage, sizeof vintage, r);
    protection.vintage = vintage;
    ob_dc_counts(r->publication, &protection.primary,
                 &protection.complementary);
    status = write_json_publication(ob_output_file(output), tables,
                                    r->sink.cubes, CUBE_COUNT, &protection,
                                    error);
    if (status == OB_OK)
        status = ob_output_commit(output, error);
    else
        ob_output_abort(output);
    return status;
}

static ob_status
write_charts(run *r, ob_error *error)
{
    char folder[4200];
    snprintf(folder, sizeof folder, "%s/charts", r->folder);
    if (mkdir(folder, 0777) != 0)
        return ob_error_set(error, OB_ERR_CANTCREAT, "%s: cannot create: %s",
                            folder, strerror(errno));
    static const struct {
        const char *name;
        ob_chart_kind kind;
        const char *measure;
        int table;
    } charts[] = {
        {"victims-by-country", OB_CHART_BARS, "victims", MONTH_REGION_COUNTRY},
        {"arrests-by-country", OB_CHART_BARS, "arrests", MONTH_REGION_COUNTRY},
        {"key-figures", OB_CHART_KPI, "victims", MONTH_TOTAL},
        {"victims-by-month", OB_CHART_SERIES, "victims", HISTORY_24},
        {"arrests-by-month", OB_CHART_SERIES, "arrests", HISTORY_24},
    };
    ob_status status = OB_OK;
    for (size_t c = 0; c < sizeof charts / sizeof charts[0] && !status; c++) {
        ob_chart_request request;
        memset(&request, 0, sizeof request);
        request.kind = charts[c].kind;
        request.measures = charts[c].measure;
        request.top = 15;
        request.source = r->report->source;
        request.thousands = r->report->thousands;
        request.operation = cli_single_operation(r->sink.cubes[MONTH_TOTAL]);
        ob_cube_date_range(r->sink.cubes[charts[c].table], &request.first_date,
                           &request.last_date);
        ob_chart_build *build;
        status = ob_chart_build_new(&build, r->tables[charts[c].table],
                                    &request, error);
        if (status != OB_OK)
            break;
        const ob_chart *chart = ob_chart_build_chart(build);
        ob_render_options render;
        ob_render_options_init(&render);
        render.creation_time = r->creation_time;
        static const char *const variants[] = {".png", "@2x.png", ".svg"};
        for (size_t v = 0; v < 3 && status == OB_OK; v++) {
            char path[4400];
            snprintf(path, sizeof path, "%s/%s%s", folder, charts[c].name,
                     variants[v]);
            render.scale = v == 1 ? 2 : 1;
            int format = v == 2 ? OB_RENDER_SVG : OB_RENDER_PNG;
            status = cli_write_chart_file(path, 0, format, chart, &render,
                                          error);
            if (v == 2)
                continue; /* the SVG shares the sidecars of the 1x PNG */
            char *alt = cli_sidecar_path(path, ".txt");
            char *values = cli_sidecar_path(path, ".csv");
            if (status == OB_OK && (alt == NULL || values == NULL))
                status = ob_error_set(error, OB_ERR_NOMEM, "out of memory");
            if (status == OB_OK)
                status = cli_write_chart_file(alt, 1, format, chart, &render,
                                              error);
            if (status == OB_OK)
                status = cli_write_chart_file(values, 2, format, chart,
                                              &render, error);
            free(alt);
            free(values);
        }
        ob_chart_build_free(build);
    }
    return status;
}

static ob_status
write_briefing(run *r, size_t *pages, ob_error *error)
{
    ob_briefing_input input;
    memset(&input, 0, sizeof input);
    input.report = r->report;
    ob_cube *month = r->sink.cubes[MONTH_TOTAL];
    static const char *const names[12] = {
        "January", "February", "March",     "April",   "May",      "June",
        "July",    "August",   "September", "October", "November", "December"};
    char title[256];
    snprintf(title, sizeof title, "%s: %s %d",
             r->report->title ? r->report->title : "Monthly report",
             names[r->month_index % 12], r->month_index / 12);
    input.title = title;
    input.operation = cli_single_operation(month);
    char operations[1024];
    cli_operation_list(operations, sizeof operations, month);
    input.operation_list = operations;
    ob_cube_date_range(month, &input.first_date, &input.last_date);
    input.total = r->tables[MONTH_TOTAL];
    input.countries_present = input.total->group_count
                                  ? input.total->groups[0].group->countries
                                  : 0;
    input.by_region_country = r->tables[MONTH_REGION_COUNTRY];
    input.by_month = r->tables[HISTORY];
    input.by_operation = r->tables[MONTH_OPERATION];
    input.source_files = "every return in the data folder (see manifest.json)";
    input.rows_read = r->rows_read;
    input.rows_accepted = r->rows_accepted;
    input.rows_rejected = r->rows_rejected;
    input.rejects_summary = r->rows_rejected ? "see rejects.csv" : "";
    /* Each figure of this report once, however many tables print it. */
    ob_dc_counts(r->publication, &input.suppressed_primary,
                 &input.suppressed_complementary);
    input.creation_time = r->creation_time;
    input.is_monthly = true;
    input.month_index = r->month_index;
    input.by_month_12 = r->tables[HISTORY_12];
    input.by_month_24 = r->tables[HISTORY_24];
    const ob_table *history = r->tables[HISTORY];
    for (size_t i = 0; i < history->group_count; i++) {
        const ob_group *group = history->groups[i].group;
        if (group->keys[0].is_none)
            continue;
        if (group->keys[0].month_index == r->month_index)
            input.countries_this_month = group->countries;
        if (group->keys[0].month_index == r->month_index - 1)
            input.countries_last_month = group->countries;
    }
    char previous[16];
    snprintf(previous, sizeof previous, "%04d-%02d",
             (r->month_index - 1) / 12, (r->month_index - 1) % 12 + 1);
    input.previous_report = previous;
    char *late = find_late_months(r->out, r->month_index, history);
    input.late_months = late;

    ob_briefing *briefing = NULL;
    ob_status status = ob_briefing_new(&briefing, &input, error);
    char path[4200];
    snprintf(path, sizeof path, "%s/briefing.pdf", r->folder);
    ob_output *output = NULL;
    if (status == OB_OK)
        status = ob_output_open(&output, path, error);
    if (status == OB_OK) {
        status = ob_render_document(ob_output_file(output),
                                    ob_briefing_document(briefing), pages,
                                    error);
        if (status == OB_OK)
            status = ob_output_commit(output, error);
        else
            ob_output_abort(output);
    }
    ob_briefing_free(briefing);
    free(late);
    return status;
}

/* ---- the manifest ------------------------------------------------------- */

static int
compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every file under the month folder, as paths relative to it, sorted. */
static size_t
collect_outputs(char **paths, size_t max, const char *folder,
                const char *prefix)
{
    size_t count = 0;
    DIR *dir = opendir(folder);
    if (dir == NULL)
        return 0;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL && count < max) {
        if (entry->d_name[0] == '.')
            continue;
        char full[4400];
        snprintf(full, sizeof full, "%s/%s", folder, entry->d_name);
        char relative[256];
        snprintf(relative, sizeof relative, "%.120s%.120s", prefix,
                 entry->d_name);
        struct stat info;
        if (stat(full, &info) == 0 && S_ISDIR(info.st_mode)) {
            char inner_prefix[260];
            snprintf(inner_prefix, sizeof inner_prefix, "%s/", relative);
            count += collect_outputs(paths + count, max - count, full,
                                     inner_prefix);
            continue;
        }
        paths[count] = malloc(strlen(relative) + 1);
        if (paths[count] != NULL)
            strcpy(paths[count++], relative);
    }
    closedir(dir);
    return count;
}

static void
json_string(FILE *file, const char *text)
{
    fputc('"', file);
    for (const char *p = text; *p != '\0'; p++) {
        unsigned char c = (unsigned char)*p;
        if (c < 0x20)
            fprintf(file, "\\u%04x", c);
        else if (c == '"' || c == '\\')
            fprintf(file, "\\%c", c);
        else
            fputc(c, file);
    }
    fputc('"', file);
}

static ob_status
write_manifest(run *r, ob_error *error)
{
    char *outputs[256];
    size_t output_count = collect_outputs(outputs, 256, r->folder, "");
    qsort(outputs, output_count, sizeof *outputs, compare_strings);
    char path[4200];
    snprintf(path, sizeof path, "%s/manifest.json", r->folder);
    ob_output *output;
    ob_status status = ob_output_open(&output, path, error);
    if (status != OB_OK)
        goto done;
    FILE *file = ob_output_file(output);
    char report_hash[65];
    ob_sha256 hash;
    ob_sha256_init(&hash);
    if (r->report_path != NULL) {
        uint64_t size;
        status = ob_sha256_file(report_hash, &size, r->report_path, error);
        if (status != OB_OK) {
            ob_output_abort(output);
            goto done;
        }
    } else {
        size_t size;
        const char *text = ob_report_builtin_text(OB_REPORT_MONTHLY, &size);
        ob_sha256_update(&hash, text, size);
        ob_sha256_hex(&hash, report_hash);
    }
    fprintf(file, "{\n  \"opbrief\": \"%s\",\n  \"month\": \"%s\",\n",
            OB_VERSION, r->month);
    fprintf(file, "  \"report\": {\"name\": ");
    json_string(file, r->report_path ? r->report_path
                                     : "(built-in monthly.json)");
    fprintf(file, ", \"sha256\": \"%s\"},\n  \"inputs\": [\n", report_hash);
    for (size_t i = 0; i < r->input_count; i++) {
        const input_file *input = &r->inputs[i];
        const char *base = strrchr(input->path, '/');
        fprintf(file, "    {\"name\": ");
        json_string(file, base ? base + 1 : input->path);
        fprintf(file,
                ", \"sha256\": \"%s\", \"size\": %llu, \"rows_read\": %zu, "
                "\"rows_accepted\": %zu, \"rows_rejected\": %zu}%s\n",
                input->sha256, (unsigned long long)input->size,
                input->counts.rows_read, input->counts.rows_accepted,
                input->counts.rows_rejected,
                i + 1 < r->input_count ? "," : "");
    }
    fprintf(file, "  ],\n  \"outputs\": [\n");
    for (size_t i = 0; i < output_count && status == OB_OK; i++) {
        char full[4400];
        snprintf(full, sizeof full, "%s/%s", r->folder, outputs[i]);
        char hex[65];
        uint64_t size;
        status = ob_sha256_file(hex, &size, full, error);
        if (status != OB_OK)
            break;
        fprintf(file, "    {\"name\": ");
        json_string(file, outputs[i]);
        fprintf(file, ", \"sha256\": \"%s\", \"size\": %llu}%s\n", hex,
                (unsigned long long)size, i + 1 < output_count ? "," : "");
    }
    fprintf(file, "  ]\n}\n");
    if (status == OB_OK)
        status = ob_output_commit(output, error);
    else
        ob_output_abort(output);
done:
    for (size_t i = 0; i < output_count; i++)
        free(outputs[i]);
    return status;
}

/* ---- the run ------------------------------------------------------------ */

static ob_status
parse_month(int *month_index, const char *text, ob_error *error)
{
    int year;
    int month;
    char rest;
    if (text == NULL) {
        /* The previous calendar month, in UTC. */
        time_t now = time(NULL);
        struct tm utc;
        gmtime_r(&now, &utc);
        *month_index = (utc.tm_year + 1900) * 12 + utc.tm_mon - 1;
        return OB_OK;
    }
    if (strlen(text) != 7 || sscanf(text, "%4d-%2d%c", &year, &month, &rest) != 2
        || year < 1900 || month < 1 || month > 12)
        return ob_error_set(error, OB_ERR_USAGE,
                            "--month: \"%s\" is not a month (YYYY-MM)", text);
    *month_index = year * 12 + month - 1;
    return OB_OK;
}

/* The end of the month reported, or SOURCE_DATE_EPOCH. */
static int64_t
month_end(int month_index)
{
    int64_t seconds;
    if (cli_source_date_epoch(&seconds))
        return seconds;
    int next = month_index + 1;
    int64_t days = ob_days_from_civil(next / 12, next % 12 + 1, 1);
    return (int64_t)(days * 86400 - 1);
}

static void
run_free(run *r)
{
    for (size_t c = 0; c < CUBE_COUNT; c++) {
        ob_table_free(r->tables[c]);
        ob_cube_free(r->sink.cubes[c]);
    }
    for (size_t i = 0; i < r->input_count; i++)
        free(r->inputs[i].path);
    free(r->inputs);
    ob_dc_free(r->publication);
    ob_report_free(r->report);
}

static ob_status
read_returns(run *r, char **paths, size_t count, ob_error *error)
{
    r->inputs = calloc(count, sizeof *r->inputs);
    if (r->inputs == NULL)
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    char rejects_path[4200];
    snprintf(rejects_path, sizeof rejects_path, "%s/rejects.csv", r->folder);
    ob_rejects *rejects;
    ob_status status = ob_rejects_open(&rejects, rejects_path, error);
    if (status != OB_OK)
        return status;
    ob_ingest_options options;
    memset(&options, 0, sizeof options);
    options.rejects = rejects;
    ob_record_sink sink = {add_record, &r->sink};
    for (size_t i = 0; i < count && status == OB_OK; i++) {
        input_file *input = &r->inputs[r->input_count++];
        input->path = paths[i];
        paths[i] = NULL;
        status = ob_sha256_file(input->sha256, &input->size, input->path,
                                error);
        if (status == OB_OK)
            status = ob_ingest_csv_file(&input->counts, input->path, &options,
                                        &sink, error);
        r->rows_read += input->counts.rows_read;
        r->rows_accepted += input->counts.rows_accepted;
        r->rows_rejected += input->counts.rows_rejected;
    }
    if (status == OB_OK)
        status = ob_rejects_commit(rejects, error);
    else
        ob_rejects_abort(rejects);
    return status;
}

static ob_status
build_month(run *r, ob_error *error)
{
    ob_status status = OB_OK;
    for (size_t c = 0; c < CUBE_COUNT && status == OB_OK; c++) {
        ob_grouping grouping;
        status = ob_grouping_parse(&grouping, cube_keys[c], error);
        if (status == OB_OK)
            status = ob_cube_new(&r->sink.cubes[c], &grouping, error);
    }
    r->sink.month_index = r->month_index;
    char **paths = NULL;
    size_t count = 0;
    if (status == OB_OK)
        status = list_returns(&paths, &count, r->data, error);
    if (status == OB_OK) {
        log_line(LOG_INFO, "reading %zu files from %s", count, r->data);
        status = read_returns(r, paths, count, error);
    }
    for (size_t i = 0; i < count; i++)
        free(paths[i]);
    free(paths);
    if (status != OB_OK)
        return status;
    log_line(r->rows_rejected ? LOG_WARNING : LOG_INFO,
             "%zu rows read, %zu accepted, %zu rejected%s", r->rows_read,
             r->rows_accepted, r->rows_rejected,
             r->rows_rejected ? " (see rejects.csv)" : "");
    if (r->sink.rows_in_month == 0)
        return ob_error_set(error, OB_ERR_DATA,
                            "no returns dated %s in %s: no report is made",
                            r->month, r->data);
    /* The report is one publication, protected with the earlier reports
     * in OUT: a reader has them all, and late returns may have changed
     * what they showed. */
    int64_t threshold = r->report->suppress_below;
    status = ob_dc_new(&r->publication, threshold, error);
    if (status != OB_OK)
        return status;
    ob_dc_set_data_changes(r->publication, true);
    ob_dc_restrict_places(r->publication, r->sink.cubes[HISTORY]);
    size_t earlier = 0;
    char label[128];
    vintage_label(label, sizeof label, r);
    status = load_earlier_reports(&earlier, r->publication, r->out,
                                  r->month_index, label, threshold, error);
    if (status != OB_OK)
        return status;
    ob_table_options options;
    ob_table_options_init(&options);
    options.suppress_below = threshold;
    options.publication = r->publication;
    for (size_t c = 0; c < CUBE_COUNT && status == OB_OK; c++) {
        /* The month's tables count the month's records; the series by
         * month publish no sum over months. */
        options.filter_count = c < HISTORY ? 1 : 0;
        options.filters[0] = (ob_dc_term){OB_KEY_MONTH, NULL, r->month};
        options.has_grand_total = c < HISTORY;
        options.has_intervals = c == MONTH_OPERATION_COUNTRY;
        options.trend_months = c == HISTORY_12 ? 12 : 24;
        status = ob_table_new(&r->tables[c], r->sink.cubes[c], &options,
                              error);
    }
    if (status == OB_OK)
        status = ob_dc_protect(r->publication, error);
    for (size_t c = 0; c < CUBE_COUNT && status == OB_OK; c++)
        status = ob_table_publish(r->tables[c], error);
    if (status != OB_OK)
        return status;
    size_t revised = 0;
    const ob_table *history = r->tables[HISTORY];
    for (size_t i = 0; i < history->group_count; i++) {
        size_t id = history->figure_ids[i];
        revised += id != SIZE_MAX && ob_dc_is_revised(r->publication, id)
                   && ob_dc_protection(r->publication, id) != OB_PUBLISHED;
    }
    if (revised > 0)
        log_line(LOG_INFO,
                 "hid %zu figure%s of earlier months that late returns "
                 "changed by fewer than %lld",
                 revised, revised == 1 ? "" : "s", (long long)threshold);
    size_t pages = 0;
    status = write_briefing(r, &pages, error);
    if (status == OB_OK)
        log_line(LOG_INFO, "wrote briefing.pdf, %zu pages", pages);
    if (status == OB_OK)
        status = write_charts(r, error);
    if (status == OB_OK)
        log_line(LOG_INFO, "wrote the charts");
    if (status == OB_OK)
        status = write_aggregates(r, error);
    if (status == OB_OK)
        log_line(LOG_INFO, "wrote aggregates.csv and aggregates.json");
    if (status == OB_OK)
        status = write_data(r, error);
    if (status == OB_OK)
        status = write_manifest(r, error);
    return status;
}

/* Put the finished folder in place of OUT/YYYY-MM: the old one, if any,
 * moves aside first, so that the month folder is always whole. */
static ob_status
put_in_place(run *r, ob_error *error)
{
    char target[4200];
    snprintf(target, sizeof target, "%s/%s", r->out, r->month);
    char old[4200] = "";
    struct stat info;
    if (stat(target, &info) == 0) {
        snprintf(old, sizeof old, "%s/.%s.old-XXXXXX", r->out, r->month);
        if (mkdtemp(old) == NULL || rmdir(old) != 0
            || rename(target, old) != 0)
            return ob_error_set(error, OB_ERR_CANTCREAT,
                                "%s: cannot move the previous report aside: "
                                "%s",
                                target, strerror(errno));
    }
    if (rename(r->folder, target) != 0) {
        int saved = errno;
        if (old[0] != '\0')
            rename(old, target); /* put the previous one back */
        return ob_error_set(error, OB_ERR_CANTCREAT,
                            "%s: cannot rename into place: %s", target,
                            strerror(saved));
    }
    if (old[0] != '\0')
        remove_folder(old);
    return OB_OK;
}

int
cli_monthly(int argc, char **argv)
{
    run r;
    memset(&r, 0, sizeof r);
    const char *month_text = NULL;
    ob_error error;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        const char **target = cli_is_option(arg, "--data")     ? &r.data
                              : cli_is_option(arg, "--out")    ? &r.out
                              : cli_is_option(arg, "--month")  ? &month_text
                              : cli_is_option(arg, "--report") ? &r.report_path
                                                               : NULL;
        if (strcmp(arg, "--help") == 0) {
            fputs(monthly_usage, stdout);
            return EXIT_OK;
        }
        if (target == NULL) {
            fprintf(stderr, "opbrief: monthly: unknown argument \"%s\"\n",
                    arg);
            return EXIT_USAGE;
        }
        char name[16];
        snprintf(name, sizeof name, "%.*s", (int)strcspn(arg, "="), arg);
        *target = cli_option_value(name, argc, argv, &i, &error);
        if (*target == NULL) {
            cli_print_error(&error);
            return EXIT_USAGE;
        }
    }
    if (r.data == NULL || r.out == NULL) {
        fputs("opbrief: monthly: --data DIR and --out DIR are needed\n",
              stderr);
        return EXIT_USAGE;
    }
    ob_status status = parse_month(&r.month_index, month_text, &error);
    if (status != OB_OK) {
        cli_print_error(&error);
        return EXIT_USAGE;
    }
    snprintf(r.month, sizeof r.month, "%04d-%02d", r.month_index / 12,
             r.month_index % 12 + 1);
    r.creation_time = month_end(r.month_index);
    log_line(LOG_INFO, "report of %s: returns from %s, into %s", r.month,
             r.data, r.out);

    struct stat info;
    if (stat(r.data, &info) != 0 || !S_ISDIR(info.st_mode)) {
        ob_error_set(&error, OB_ERR_NOINPUT, "%s: not a folder", r.data);
        return fail(OB_ERR_NOINPUT, &error);
    }
    if (mkdir(r.out, 0777) != 0 && errno != EEXIST) {
        ob_error_set(&error, OB_ERR_CANTCREAT, "%s: cannot create: %s", r.out,
                     strerror(errno));
        return fail(OB_ERR_CANTCREAT, &error);
    }
    /* One run at a time: a lock on a file in OUT, held until exit. */
    char lock_path[4200];
    snprintf(lock_path, sizeof lock_path, "%s/" LOCK_NAME, r.out);
    int lock = open(lock_path, O_RDWR | O_CREAT, 0666);
    struct flock whole = {0};
    whole.l_type = F_WRLCK;
    whole.l_whence = SEEK_SET;
    if (lock < 0) {
        ob_error_set(&error, OB_ERR_CANTCREAT, "%s: cannot create: %s",
                     lock_path, strerror(errno));
        return fail(OB_ERR_CANTCREAT, &error);
    }
    if (fcntl(lock, F_SETLK, &whole) != 0) {
        log_line(LOG_ERROR,
                 "another run holds the lock %s: try again when it is done",
                 lock_path);
        close(lock);
        return EXIT_TEMPFAIL;
    }
    remove_leftovers(r.out);
    status = ob_report_load(&r.report, r.report_path, OB_REPORT_MONTHLY,
                            &error);
    if (status != OB_OK) {
        close(lock);
        return fail(status, &error);
    }
    snprintf(r.folder, sizeof r.folder, "%s/.%s.tmp-XXXXXX", r.out, r.month);
    if (mkdtemp(r.folder) == NULL) {
        ob_error_set(&error, OB_ERR_CANTCREAT, "%s: cannot create: %s", r.out,
                     strerror(errno));
        run_free(&r);
        close(lock);
        return fail(OB_ERR_CANTCREAT, &error);
    }
    chmod(r.folder, 0755);
    status = build_month(&r, &error);
    if (status == OB_OK)
        status = put_in_place(&r, &error);
    if (status != OB_OK) {
        remove_folder(r.folder);
        run_free(&r);
        close(lock);
        return fail(status, &error);
    }
    log_line(LOG_INFO, "done: %s/%s", r.out, r.month);
    run_free(&r);
    close(lock);
    return EXIT_OK;
}
