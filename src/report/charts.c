/* From a published table to the description of a chart: which values,
 * labels, totals and words a chart of each kind shows. Plain data in,
 * plain data out: nothing here calls the aggregate or render stages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "opbrief/briefing_document.h"

static const char *const measure_titles[OB_MEASURE_COUNT] = {
    "Arrests", "Victims identified", "Irregular migrants", "Items seized",
    "Investigations opened"};

ob_status
ob_parse_measures(ob_measure *measures, size_t *count, const char *text,
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

ob_chart_value
ob_chart_value_of(const ob_cell *cell)
{
    /* The published figure alone: disclosure control decided it. */
    const ob_figure *figure = &cell->published;
    ob_chart_value value;
    memset(&value, 0, sizeof value);
    value.hidden = figure->protection;
    value.has_value = figure->has_value;
    value.value = (double)figure->value;
    value.is_approximate = figure->is_approximate;
    value.is_lower_bound = figure->is_lower_bound;
    return value;
}

/* Everything a chart points to, owned here. */
struct ob_chart_build {
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
    char (*labels)[16];
};
typedef struct ob_chart_build chart_data;

void
ob_chart_build_free(ob_chart_build *data)
{
    if (data == NULL)
        return;
    free(data->categories);
    free(data->codes);
    free(data->values);
    free(data->category_totals);
    free(data->labels);
    free(data);
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

static const ob_cell *
group_cells(const ob_table *table, size_t i)
{
    return table->groups[i].cells;
}

static const ob_cell *
partition_cells(const ob_table *table, size_t p)
{
    return table->partitions[p].totals;
}

/* A series per measure over N categories, category I's cells given by
 * CELLS; the chart total is the first measure's. */
static void
fill_series(chart_data *data, const ob_table *table,
            const ob_cell *(*cells)(const ob_table *, size_t), size_t n,
            const ob_measure *measures, size_t measure_count)
{
    for (size_t s = 0; s < measure_count; s++) {
        data->series[s].name = ob_measure_name(measures[s]);
        data->series[s].values = data->values + s * n;
        for (size_t i = 0; i < n; i++)
            data->series[s].values[i] =
                ob_chart_value_of(&cells(table, i)[measures[s]]);
        data->series_totals[s] = ob_chart_value_of(&table->totals[measures[s]]);
    }
    data->chart.category_count = n;
    data->chart.categories = data->categories;
    data->chart.series_count = measure_count;
    data->chart.series = data->series;
    data->chart.series_totals = data->series_totals;
    data->chart.total = ob_chart_value_of(&table->totals[measures[0]]);
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
    /* With two keys, the inner one: every group is a bar (a country of
     * the table by region and country). */
    size_t k = table->grouping.key_count ? table->grouping.key_count - 1 : 0;
    for (size_t i = 0; i < n; i++) {
        const ob_key_value *key = &table->groups[i].group->keys[k];
        data->categories[i] = key->label;
        data->codes[i] = key->code;
        has_codes |= key->code != NULL;
    }
    data->chart.category_codes = has_codes ? data->codes : NULL;
    fill_series(data, table, group_cells, n, measures, measure_count);
    return OB_OK;
}

/* Grouped from a two-key table: a category per partition, its totals:
 * the regions of the table by region and country, protected with it. */
static ob_status
partition_chart(chart_data *data, const ob_table *table,
                const ob_measure *measures, size_t measure_count,
                ob_error *error)
{
    size_t n = table->partition_count;
    data->categories = calloc(n ? n : 1, sizeof *data->categories);
    data->values = calloc((n ? n : 1) * measure_count, sizeof *data->values);
    if (data->categories == NULL || data->values == NULL)
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    for (size_t p = 0; p < n; p++)
        data->categories[p] = table->partitions[p].key
                                  ? table->partitions[p].key->label
                                  : "";
    fill_series(data, table, partition_cells, n, measures, measure_count);
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
        data->category_totals[p] = ob_chart_value_of(&partition->totals[measure]);
        for (size_t i = 0; i < partition->group_count; i++) {
            const ob_table_group *group =
                &table->groups[partition->first_group + i];
            for (size_t s = 0; s < inner_count; s++) {
                if (strcmp(inner[s], group->group->keys[1].label) == 0)
                    data->series[s].values[p] =
                        ob_chart_value_of(&group->cells[measure]);
            }
        }
    }
    data->chart.category_count = parts;
    data->chart.categories = data->categories;
    data->chart.series_count = inner_count;
    data->chart.series = data->series;
    data->chart.category_totals = data->category_totals;
    data->chart.total = ob_chart_value_of(&table->totals[measure]);
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
        data->values[at] = ob_chart_value_of(&table->groups[i].cells[measure]);
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
    /* No total: a sum over months is not a figure a series states (and a
     * monthly report publishes none). */
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
        data->values[m] = ob_chart_value_of(&table->totals[m]);
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
describe(chart_data *data, const ob_chart_request *options,
         const ob_grouping *grouping, ob_measure measure)
{
    ob_chart *chart = &data->chart;
    /* The key the categories come from: the outer one for grouped and
     * stacked charts of two keys, else the inner one. */
    size_t k = grouping->key_count == 0 ? 0
               : options->kind == OB_CHART_GROUPED
                       || options->kind == OB_CHART_STACKED
                   ? 0
                   : grouping->key_count - 1;
    const char *measure_title = measure_titles[measure];
    if (options->kind == OB_CHART_KPI)
        snprintf(data->subject, sizeof data->subject, "key figures");
    else if (options->kind == OB_CHART_TABLE)
        snprintf(data->subject, sizeof data->subject, "returns by %s",
                 key_title(grouping, k));
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
                     " by %s", key_title(grouping, k));
    }
    else if (options->kind == OB_CHART_STACKED)
        snprintf(data->subject, sizeof data->subject,
                 "%s by %s and %s", measure_title, key_title(grouping, k),
                 key_title(grouping, 1));
    else
        snprintf(data->subject, sizeof data->subject, "%s by %s",
                 measure_title, key_title(grouping, k));
    if (options->title != NULL) {
        snprintf(data->title, sizeof data->title, "%s", options->title);
    } else {
        const char *operation = options->operation;
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
    ob_date first = options->first_date;
    ob_date last = options->last_date;
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
    snprintf(data->source, sizeof data->source, "%s",
             options->source ? options->source : "");
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
                                    ? (grouping->keys[k] == OB_KEY_EXTRA
                                           ? grouping->extra_names[k]
                                           : ob_key_name(grouping->keys[k]))
                                    : "figure";
    chart->category_plural = grouping->key_count
                                 ? key_plural(grouping->keys[k])
                                 : "groups";
    chart->top = options->kind == OB_CHART_BARS ? options->top : 0;
    chart->thousands = options->thousands;
}


ob_status
ob_chart_build_new(ob_chart_build **out, const ob_table *table,
                   const ob_chart_request *request, ob_error *error)
{
    *out = NULL;
    ob_measure measures[OB_MEASURE_COUNT];
    size_t measure_count;
    ob_status status = ob_parse_measures(measures, &measure_count,
                                         request->measures, error);
    if (status != OB_OK)
        return status;
    chart_data *data = calloc(1, sizeof *data);
    if (data == NULL)
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    switch (request->kind) {
    case OB_CHART_STACKED:
        status = stacked_chart(data, table, measures[0], error);
        break;
    case OB_CHART_SERIES:
        status = series_chart(data, table, measures[0], error);
        break;
    case OB_CHART_KPI:
        status = kpi_chart(data, table, error);
        break;
    case OB_CHART_BARS:
        status = one_key_chart(data, table, measures, 1, error);
        break;
    case OB_CHART_GROUPED:
        status = table->grouping.key_count == 2
                     ? partition_chart(data, table, measures, measure_count,
                                       error)
                     : one_key_chart(data, table, measures, measure_count,
                                     error);
        break;
    default:
        status = one_key_chart(data, table, measures, measure_count, error);
        break;
    }
    if (status != OB_OK) {
        ob_chart_build_free(data);
        return status;
    }
    describe(data, request, &table->grouping, measures[0]);
    /* The threshold disclosure control applied to this table. */
    data->chart.suppress_below = table->options.suppress_below;
    *out = data;
    return OB_OK;
}

ob_chart *
ob_chart_build_chart(ob_chart_build *build)
{
    return &build->chart;
}
