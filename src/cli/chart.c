/* opbrief chart: one chart from the returns, as PNG, SVG or PDF, with its
 * alt text (OUT.txt) and the values it shows (OUT.csv) beside it. The
 * numbers come from the aggregate stage, protected; this file only turns
 * the published table into the render stage's plain description. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
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

static const char *const measure_titles[OB_MEASURE_COUNT] = {
    "Arrests", "Victims identified", "Irregular migrants", "Items seized",
    "Investigations opened"};

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
    if (strcmp(arg, "-o") == 0 || cli_is_option(arg, "--output")) {
        const char *name = strcmp(arg, "-o") == 0 ? "-o" : "--output";
        options->output_path = cli_option_value(name, argc, argv, index,
                                                error);
        return options->output_path ? OB_OK : OB_ERR_USAGE;
    }
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

static ob_status
parse_measures(ob_measure *measures, size_t *count, const char *text,
               ob_error *error)
{
    *count = 0;
    const char *p = text;
    while (*p != '\0') {
        size_t length = strcspn(p, ",");
        bool is_known = false;
        for (size_t m = 0; m < OB_MEASURE_COUNT; m++) {
            const char *name = ob_measure_name((ob_measure)m);
            if (strlen(name) == length && strncmp(p, name, length) == 0) {
                if (*count == OB_MEASURE_COUNT)
                    break;
                measures[(*count)++] = (ob_measure)m;
                is_known = true;
            }
        }
        if (!is_known)
            return ob_error_set(error, OB_ERR_USAGE,
                                "--measure: \"%.*s\" is not a measure "
                                "(arrests, victims, migrants, seizures, "
                                "investigations)",
                                (int)length, p);
        p += length;
        if (*p == ',')
            p++;
    }
    if (*count == 0)
        return ob_error_set(error, OB_ERR_USAGE, "--measure: no measure");
    return OB_OK;
}

static ob_chart_value
chart_value(const ob_cell *cell)
{
    ob_chart_value value;
    memset(&value, 0, sizeof value);
    value.hidden = cell->protection == OB_SUPPRESSED_PRIMARY
                       ? OB_CHART_HIDDEN_SMALL
                   : cell->protection == OB_SUPPRESSED_COMPLEMENTARY
                       ? OB_CHART_HIDDEN_OTHER
                       : OB_CHART_SHOWN;
    value.has_value = cell->has_value;
    value.value = value.hidden == OB_CHART_SHOWN ? (double)cell->value : 0;
    value.is_approximate = cell->is_approximate;
    value.is_lower_bound = cell->is_lower_bound;
    return value;
}

/* Everything a chart points to, owned here. */
typedef struct chart_data {
    ob_chart chart;
    const char **categories;
    const char **codes;
    ob_chart_series series[OB_MEASURE_COUNT + 64];
    ob_chart_value *values;
    ob_chart_value *category_totals;
    ob_chart_value series_totals[OB_MEASURE_COUNT + 64];
    char title[256];
    char subtitle[256];
    char source[512];
    char subject[160];
    char month_labels[1][8];
    char (*labels)[16];
} chart_data;

static void
chart_data_free(chart_data *data)
{
    free(data->categories);
    free(data->codes);
    free(data->values);
    free(data->category_totals);
    free(data->labels);
}

static const char *
key_title(const ob_grouping *grouping, size_t k)
{
    switch (grouping->keys[k]) {
    case OB_KEY_COUNTRY:
        return "country";
    case OB_KEY_REGION:
        return "region";
    case OB_KEY_SUBREGION:
        return "sub-region";
    case OB_KEY_INTERPOL:
        return "INTERPOL region";
    case OB_KEY_EXTRA:
        return grouping->extra_names[k];
    default:
        return ob_key_name(grouping->keys[k]);
    }
}

static const char *
key_plural(ob_key key)
{
    switch (key) {
    case OB_KEY_COUNTRY:
    case OB_KEY_CITIZENSHIP:
        return "countries";
    case OB_KEY_OPERATION:
        return "operations";
    case OB_KEY_MONTH:
        return "months";
    case OB_KEY_REGION:
    case OB_KEY_SUBREGION:
    case OB_KEY_INTERPOL:
        return "regions";
    default:
        return "groups";
    }
}

/* Categories from the groups of a one-key table: a value per group. */
static ob_status
one_key_chart(chart_data *data, const ob_table *table,
              const ob_measure *measures, size_t measure_count,
              ob_error *error)
{
    size_t n = table->group_count;
    data->categories = calloc(n ? n : 1, sizeof *data->categories);
    data->codes = calloc(n ? n : 1, sizeof *data->codes);
    data->values = calloc((n ? n : 1) * measure_count, sizeof *data->values);
    if (data->categories == NULL || data->codes == NULL
        || data->values == NULL)
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    bool has_codes = false;
    for (size_t i = 0; i < n; i++) {
        const ob_key_value *key = &table->groups[i].group->keys[0];
        data->categories[i] = key->label;
        data->codes[i] = key->code;
        has_codes |= key->code != NULL;
    }
    for (size_t s = 0; s < measure_count; s++) {
        data->series[s].name = ob_measure_name(measures[s]);
        data->series[s].values = data->values + s * n;
        for (size_t i = 0; i < n; i++)
            data->series[s].values[i] =
                chart_value(&table->groups[i].cells[measures[s]]);
        data->series_totals[s] = chart_value(&table->totals[measures[s]]);
    }
    data->chart.category_count = n;
    data->chart.categories = data->categories;
    data->chart.category_codes = has_codes ? data->codes : NULL;
    data->chart.series_count = measure_count;
    data->chart.series = data->series;
    data->chart.series_totals = data->series_totals;
    data->chart.total = chart_value(&table->totals[measures[0]]);
    return OB_OK;
}

/* Stacked: a category per partition (outer key), a series per inner
 * value, the measure's share of the partition total. */
static ob_status
stacked_chart(chart_data *data, const ob_table *table, ob_measure measure,
              ob_error *error)
{
    size_t parts = table->partition_count;
    const char *inner[OB_MEASURE_COUNT + 64];
    size_t inner_count = 0;
    for (size_t i = 0; i < table->group_count; i++) {
        const char *label = table->groups[i].group->keys[1].label;
        size_t j = 0;
        while (j < inner_count && strcmp(inner[j], label) != 0)
            j++;
        if (j == inner_count) {
            if (inner_count == sizeof inner / sizeof inner[0])
                return ob_error_set(error, OB_ERR_USAGE,
                                    "chart: more than %zu values of the "
                                    "breakdown to stack",
                                    sizeof inner / sizeof inner[0]);
            inner[inner_count++] = label;
        }
    }
    data->categories = calloc(parts ? parts : 1, sizeof *data->categories);
    data->values = calloc((parts ? parts : 1) * (inner_count ? inner_count : 1),
                          sizeof *data->values);
    data->category_totals = calloc(parts ? parts : 1,
                                   sizeof *data->category_totals);
    if (data->categories == NULL || data->values == NULL
        || data->category_totals == NULL)
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    for (size_t s = 0; s < inner_count; s++) {
        data->series[s].name = inner[s];
        data->series[s].values = data->values + s * parts;
    }
    for (size_t p = 0; p < parts; p++) {
        const ob_partition *partition = &table->partitions[p];
        data->categories[p] = partition->key ? partition->key->label : "";
        data->category_totals[p] = chart_value(&partition->totals[measure]);
        for (size_t i = 0; i < partition->group_count; i++) {
            const ob_table_group *group =
                &table->groups[partition->first_group + i];
            for (size_t s = 0; s < inner_count; s++) {
                if (strcmp(inner[s], group->group->keys[1].label) == 0)
                    data->series[s].values[p] =
                        chart_value(&group->cells[measure]);
            }
        }
    }
    data->chart.category_count = parts;
    data->chart.categories = data->categories;
    data->chart.series_count = inner_count;
    data->chart.series = data->series;
    data->chart.category_totals = data->category_totals;
    data->chart.total = chart_value(&table->totals[measure]);
    return OB_OK;
}

/* Series: every calendar month from the first to the last, gaps included;
 * the trend of the table's only partition. */
static ob_status
series_chart(chart_data *data, const ob_table *table, ob_measure measure,
             ob_error *error)
{
    int first = -1;
    int last = -1;
    for (size_t i = 0; i < table->group_count; i++) {
        const ob_key_value *key = &table->groups[i].group->keys[0];
        if (key->is_none)
            continue;
        if (first < 0 || key->month_index < first)
            first = key->month_index;
        if (key->month_index > last)
            last = key->month_index;
    }
    if (first < 0)
        return ob_error_set(error, OB_ERR_DATA,
                            "chart: no row has a date: a series needs months");
    size_t n = (size_t)(last - first + 1);
    data->categories = calloc(n, sizeof *data->categories);
    data->values = calloc(n, sizeof *data->values);
    data->labels = calloc(n, sizeof *data->labels);
    if (data->categories == NULL || data->values == NULL
        || data->labels == NULL)
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        int month = first + (int)i;
        snprintf(data->labels[i], sizeof data->labels[i], "%04d-%02d",
                 month / 12, month % 12 + 1);
        data->categories[i] = data->labels[i];
    }
    double center_sum = 0;
    size_t center_count = 0;
    const ob_trend *trend = &table->partitions[0].trends[measure];
    for (size_t i = 0; i < table->group_count; i++) {
        const ob_key_value *key = &table->groups[i].group->keys[0];
        if (key->is_none)
            continue;
        size_t at = (size_t)(key->month_index - first);
        data->values[at] = chart_value(&table->groups[i].cells[measure]);
        if (trend->has_value && key->month_index >= trend->first_month_index
            && key->month_index <= trend->last_month_index
            && data->values[at].has_value) {
            center_sum += (double)at;
            center_count++;
        }
    }
    data->series[0].name = ob_measure_name(measure);
    data->series[0].values = data->values;
    data->chart.category_count = n;
    data->chart.categories = data->categories;
    data->chart.series_count = 1;
    data->chart.series = data->series;
    data->chart.total = chart_value(&table->totals[measure]);
    if (trend->has_value && center_count > 0) {
        ob_chart_trend *t = &data->chart.trend;
        t->has_value = true;
        t->first_category = (size_t)(trend->first_month_index - first);
        t->last_category = (size_t)(trend->last_month_index - first);
        t->intercept = trend->intercept;
        t->slope = trend->slope;
        t->slope_low = trend->slope_low;
        t->slope_high = trend->slope_high;
        t->center = center_sum / (double)center_count;
    }
    return OB_OK;
}

static ob_status
kpi_chart(chart_data *data, const ob_table *table, ob_error *error)
{
    static const char *const labels[OB_MEASURE_COUNT + 1] = {
        "Arrests",      "Victims identified",    "Irregular migrants",
        "Items seized", "Investigations opened", "Countries"};
    data->categories = calloc(OB_MEASURE_COUNT + 1, sizeof *data->categories);
    data->values = calloc(OB_MEASURE_COUNT + 1, sizeof *data->values);
    if (data->categories == NULL || data->values == NULL)
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    for (size_t m = 0; m < OB_MEASURE_COUNT; m++) {
        data->categories[m] = labels[m];
        data->values[m] = chart_value(&table->totals[m]);
    }
    data->categories[OB_MEASURE_COUNT] = labels[OB_MEASURE_COUNT];
    data->values[OB_MEASURE_COUNT].has_value = true;
    data->values[OB_MEASURE_COUNT].value =
        table->group_count > 0 ? (double)table->groups[0].group->countries : 0;
    data->series[0].name = "value";
    data->series[0].values = data->values;
    data->chart.category_count = OB_MEASURE_COUNT + 1;
    data->chart.categories = data->categories;
    data->chart.category_label = "figure";
    data->chart.series_count = 1;
    data->chart.series = data->series;
    return OB_OK;
}

static void
format_date(char *out, size_t out_size, const ob_date *date)
{
    if (date->day > 0)
        snprintf(out, out_size, "%04d-%02d-%02d", date->year, date->month,
                 date->day);
    else
        snprintf(out, out_size, "%04d-%02d", date->year, date->month);
}

/* Title, subtitle, source and the rest, from the options or the data. */
static void
describe(chart_data *data, const chart_options *options, ob_cube *cube,
         const cli_inputs *inputs, const ob_grouping *grouping,
         ob_measure measure)
{
    ob_chart *chart = &data->chart;
    const char *measure_title = measure_titles[measure];
    if (options->kind == OB_CHART_KPI)
        snprintf(data->subject, sizeof data->subject, "key figures");
    else if (options->kind == OB_CHART_TABLE)
        snprintf(data->subject, sizeof data->subject, "returns by %s",
                 key_title(grouping, 0));
    else if (options->kind == OB_CHART_GROUPED) {
        size_t used = 0;
        for (size_t s = 0; s < data->chart.series_count; s++)
            used += (size_t)snprintf(
                data->subject + used,
                used < sizeof data->subject ? sizeof data->subject - used : 0,
                "%s%s",
                s == 0                              ? ""
                : s + 1 == data->chart.series_count ? " and "
                                                    : ", ",
                data->chart.series[s].name);
        if (used < sizeof data->subject)
            snprintf(data->subject + used, sizeof data->subject - used,
                     " by %s", key_title(grouping, 0));
    }
    else if (options->kind == OB_CHART_STACKED)
        snprintf(data->subject, sizeof data->subject,
                 "%s by %s and %s", measure_title, key_title(grouping, 0),
                 key_title(grouping, 1));
    else
        snprintf(data->subject, sizeof data->subject, "%s by %s",
                 measure_title, key_title(grouping, 0));
    if (options->title != NULL) {
        snprintf(data->title, sizeof data->title, "%s", options->title);
    } else {
        const char *operation = options->operation;
        if (operation == NULL && ob_cube_operation_count(cube) == 1)
            operation = ob_cube_operation(cube, 0)->name;
        /* The subject starts a sentence: a capital. */
        char subject[sizeof data->subject];
        snprintf(subject, sizeof subject, "%s", data->subject);
        if (subject[0] >= 'a' && subject[0] <= 'z')
            subject[0] = (char)(subject[0] - 'a' + 'A');
        if (operation != NULL)
            snprintf(data->title, sizeof data->title, "%s: %s", operation,
                     subject);
        else
            snprintf(data->title, sizeof data->title, "%s", subject);
    }
    ob_date first;
    ob_date last;
    ob_cube_date_range(cube, &first, &last);
    if (options->subtitle != NULL) {
        snprintf(data->subtitle, sizeof data->subtitle, "%s",
                 options->subtitle);
    } else if (first.year != 0) {
        char a[40];
        char b[40];
        format_date(a, sizeof a, &first);
        format_date(b, sizeof b, &last);
        snprintf(data->subtitle, sizeof data->subtitle, "Returns from %s to %s",
                 a, b);
    }
    if (options->source != NULL) {
        snprintf(data->source, sizeof data->source, "%s", options->source);
    } else {
        size_t used = 0;
        for (size_t i = 0; i < inputs->path_count && used < sizeof data->source;
             i++) {
            const char *path = inputs->paths[i];
            const char *base = strrchr(path, '/');
            used += (size_t)snprintf(data->source + used,
                                     sizeof data->source - used, "%s%s",
                                     i ? ", " : "", base ? base + 1 : path);
        }
    }
    chart->kind = options->kind;
    chart->title = data->title;
    chart->subtitle = data->subtitle[0] ? data->subtitle : NULL;
    chart->source = data->source;
    chart->byline = options->byline;
    for (size_t i = 0; i < options->note_count; i++)
        chart->notes[i] = options->notes[i];
    /* Only victim counts are ever hidden: the notes speak of them. */
    chart->measure_label = ob_measure_name(OB_MEASURE_VICTIMS);
    if (chart->category_label == NULL)
        chart->category_label = grouping->key_count
                                    ? (grouping->keys[0] == OB_KEY_EXTRA
                                           ? grouping->extra_names[0]
                                           : ob_key_name(grouping->keys[0]))
                                    : "figure";
    chart->category_plural = grouping->key_count
                                 ? key_plural(grouping->keys[0])
                                 : "groups";
    chart->top = options->kind == OB_CHART_BARS ? options->top : 0;
    chart->thousands = options->thousands;
    chart->suppress_below = options->table.suppress_below;
}

/* SOURCE_DATE_EPOCH when set, else the end of the last day in the data. */
static int64_t
creation_time(ob_cube *cube)
{
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    if (epoch != NULL && *epoch != '\0') {
        char *end;
        long long seconds = strtoll(epoch, &end, 10);
        if (*end == '\0' && seconds >= 0)
            return seconds;
    }
    ob_date first;
    ob_date last;
    ob_cube_date_range(cube, &first, &last);
    if (last.year == 0)
        return 0;
    /* Days from 1970-01-01 to the day after the last (H. Hinnant). */
    int year = last.year;
    int month = last.month;
    int day = last.day > 0 ? last.day + 1 : 1;
    if (last.day == 0)
        month++;
    if (month > 12) {
        month = 1;
        year++;
    }
    year -= month <= 2;
    int era = (year >= 0 ? year : year - 399) / 400;
    int yoe = year - era * 400;
    int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    long long days = (long long)era * 146097 + doe - 719468;
    return (int64_t)(days * 86400 - 1);
}

/* OUT.png -> OUT.txt: the sidecar names. */
static char *
sidecar_path(const char *path, const char *extension)
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

static ob_status
write_one(const char *path, sidecar_kind kind, ob_render_format format,
          const ob_chart *chart, const ob_render_options *render,
          ob_error *error)
{
    ob_output *output;
    ob_status status = ob_output_open(&output, path, error);
    if (status != OB_OK)
        return status;
    FILE *file = ob_output_file(output);
    if (kind == WRITE_CHART)
        status = ob_render_write(file, format, chart, render, error);
    else if (kind == WRITE_ALT)
        status = ob_render_alt_text(file, chart, render, error);
    else
        status = ob_render_data_csv(file, chart, render, error);
    if (status != OB_OK) {
        ob_output_abort(output);
        return status;
    }
    return ob_output_commit(output, error);
}

static ob_status
draw(ob_table *table, ob_cube *cube, const cli_inputs *inputs,
     chart_options *options, ob_error *error)
{
    ob_measure measures[OB_MEASURE_COUNT];
    size_t measure_count;
    ob_status status = parse_measures(measures, &measure_count,
                                      options->measures, error);
    if (status != OB_OK)
        return status;
    chart_data data;
    memset(&data, 0, sizeof data);
    switch (options->kind) {
    case OB_CHART_STACKED:
        status = stacked_chart(&data, table, measures[0], error);
        break;
    case OB_CHART_SERIES:
        status = series_chart(&data, table, measures[0], error);
        break;
    case OB_CHART_KPI:
        status = kpi_chart(&data, table, error);
        break;
    case OB_CHART_BARS:
        measure_count = 1;
        status = one_key_chart(&data, table, measures, measure_count, error);
        break;
    default:
        status = one_key_chart(&data, table, measures, measure_count, error);
        break;
    }
    if (status == OB_OK) {
        describe(&data, options, cube, inputs, &table->grouping, measures[0]);
        options->render.creation_time = creation_time(cube);
        ob_render_format format;
        status = ob_render_format_of(&format, options->output_path, error);
        char *alt = sidecar_path(options->output_path, ".txt");
        char *values = sidecar_path(options->output_path, ".csv");
        if (status == OB_OK && (alt == NULL || values == NULL))
            status = ob_error_set(error, OB_ERR_NOMEM, "out of memory");
        if (status == OB_OK)
            status = write_one(options->output_path, WRITE_CHART, format,
                               &data.chart, &options->render, error);
        if (status == OB_OK)
            status = write_one(alt, WRITE_ALT, format, &data.chart,
                               &options->render, error);
        if (status == OB_OK)
            status = write_one(values, WRITE_DATA, format, &data.chart,
                               &options->render, error);
        free(alt);
        free(values);
    }
    chart_data_free(&data);
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
