/* What goes beside a chart: its alt text, written from the data, and the
 * values it shows as CSV. Both show hidden values exactly as the chart
 * does. */
#include <stdlib.h>
#include <string.h>

#include "render_internal.h"

/* The value as CSV shows it: no thousands separator. */
static void
csv_value(char *out, size_t out_size, const ob_chart_value *value,
          const ob_chart *chart)
{
    ob_chart plain = *chart;
    plain.thousands = NULL;
    if (!value->has_value && value->hidden == OB_PUBLISHED) {
        out[0] = '\0';
        return;
    }
    render_value_text(out, out_size, value, &plain);
}

static void
csv_category(FILE *file, const ob_chart *chart, const char *code,
             const char *label)
{
    if (chart->category_codes != NULL) {
        ob_write_csv_field(file, code ? code : "");
        fputc(',', file);
    }
    ob_write_csv_field(file, label);
}

ob_status
ob_render_data_csv(FILE *file, const ob_chart *chart,
                   const ob_render_options *options, ob_error *error)
{
    const char *category = chart->category_label ? chart->category_label
                                                 : "category";
    if (chart->category_codes != NULL)
        fprintf(file, "%s,%s_name", category, category);
    else
        ob_write_csv_field(file, category);
    char text[64];
    if (chart->kind == OB_CHART_BARS) {
        fprintf(file, ",%s\n", chart->series[0].name);
        render_item *items = calloc(chart->category_count + 1, sizeof *items);
        if (items == NULL)
            return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
        /* The bars the chart draws at its size, no more. */
        size_t count = render_rank_items(items, chart,
                                         render_bars_capacity(chart, options));
        for (size_t i = 0; i < count; i++) {
            csv_category(file, chart, items[i].code, items[i].label);
            csv_value(text, sizeof text, &items[i].value, chart);
            fprintf(file, ",%s\n", text);
        }
        free(items);
    } else {
        for (size_t s = 0; s < chart->series_count; s++) {
            fputc(',', file);
            ob_write_csv_field(file, chart->series[s].name);
        }
        fputc('\n', file);
        /* A table shows the rows that fit; the others are counted in
         * its last line, and not here. */
        size_t rows = chart->kind == OB_CHART_TABLE
                          ? render_table_capacity(chart, options)
                          : chart->category_count;
        for (size_t i = 0; i < rows; i++) {
            csv_category(file, chart,
                         chart->category_codes ? chart->category_codes[i]
                                               : NULL,
                         chart->categories[i]);
            for (size_t s = 0; s < chart->series_count; s++) {
                csv_value(text, sizeof text, &chart->series[s].values[i],
                          chart);
                fprintf(file, ",%s", text);
            }
            fputc('\n', file);
        }
        if ((chart->kind == OB_CHART_TABLE || chart->kind == OB_CHART_GROUPED)
        && chart->series_totals != NULL) {
            csv_category(file, chart, NULL, "Total");
            for (size_t s = 0; s < chart->series_count; s++) {
                csv_value(text, sizeof text, &chart->series_totals[s], chart);
                fprintf(file, ",%s", text);
            }
            fputc('\n', file);
        }
    }
    if (ferror(file))
        return ob_error_set(error, OB_ERR_IO, "write error");
    return OB_OK;
}

/* ---- alt text ----------------------------------------------------------- */

typedef struct extremes {
    size_t count; /* values shown */
    double largest, smallest;
    const ob_chart_value *largest_value, *smallest_value;
    const char *largest_label, *smallest_label;
    const char *largest_series, *smallest_series;
    size_t hidden_small, hidden_other;
} extremes;

static void
find_extremes(extremes *e, const ob_chart *chart)
{
    memset(e, 0, sizeof *e);
    for (size_t s = 0; s < chart->series_count; s++) {
        for (size_t i = 0; i < chart->category_count; i++) {
            const ob_chart_value *v = &chart->series[s].values[i];
            e->hidden_small += v->hidden == OB_SUPPRESSED_PRIMARY;
            e->hidden_other += v->hidden == OB_SUPPRESSED_COMPLEMENTARY;
            if (v->hidden != OB_PUBLISHED || !v->has_value)
                continue;
            if (e->count == 0 || v->value > e->largest) {
                e->largest = v->value;
                e->largest_value = v;
                e->largest_label = chart->categories[i];
                e->largest_series = chart->series[s].name;
            }
            if (e->count == 0 || v->value < e->smallest) {
                e->smallest = v->value;
                e->smallest_value = v;
                e->smallest_label = chart->categories[i];
                e->smallest_series = chart->series[s].name;
            }
            e->count++;
        }
    }
}

static void
write_hidden(FILE *file, const extremes *e, const ob_chart *chart)
{
    long long k = (long long)chart->suppress_below;
    if (e->hidden_small > 0)
        fprintf(file,
                " %zu %s fewer than %lld and shown as \"<%lld\" to protect "
                "the people concerned.",
                e->hidden_small, e->hidden_small == 1 ? "value is" : "values are",
                k, k);
    if (e->hidden_other > 0)
        fprintf(file,
                " %zu more %s hidden as \"x\" so that no \"<%lld\" can be "
                "worked out from the totals.",
                e->hidden_other, e->hidden_other == 1 ? "is" : "are", k);
}

static void
write_series_names(FILE *file, const ob_chart *chart)
{
    for (size_t s = 0; s < chart->series_count; s++) {
        fprintf(file, "%s%s",
                s == 0                         ? ""
                : s + 1 == chart->series_count ? " and "
                                               : ", ",
                chart->series[s].name);
    }
}

ob_status
ob_render_alt_text(FILE *file, const ob_chart *chart,
                   const ob_render_options *options, ob_error *error)
{
    const char *what = chart->title ? chart->title : "";
    char a[64];
    char b[64];
    extremes e;
    find_extremes(&e, chart);
    switch (chart->kind) {
    case OB_CHART_BARS: {
        /* What the bars show, not every category behind them. */
        render_item *items = calloc(chart->category_count + 1, sizeof *items);
        if (items == NULL)
            return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
        size_t count = render_rank_items(items, chart,
                                         render_bars_capacity(chart, options));
        bool has_other = count > 0 && items[count - 1].label
                                          == items[count - 1].other_label;
        fprintf(file, "Bar chart: %s. Largest first, %zu bars", what, count);
        if (has_other)
            fprintf(file, ", the last of them \"%s\"",
                    items[count - 1].label);
        fputc('.', file);
        ob_chart shown = *chart;
        ob_chart_series series = {chart->series[0].name, NULL};
        ob_chart_value *values = calloc(count + 1, sizeof *values);
        const char **labels = calloc(count + 1, sizeof *labels);
        if (values == NULL || labels == NULL) {
            free(values);
            free(labels);
            free(items);
            return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
        }
        size_t bars = has_other ? count - 1 : count;
        for (size_t i = 0; i < bars; i++) {
            values[i] = items[i].value;
            labels[i] = items[i].label;
        }
        series.values = values;
        shown.series = &series;
        shown.categories = labels;
        shown.category_count = bars;
        find_extremes(&e, &shown);
        extremes all;
        find_extremes(&all, chart);
        if (e.count > 0) {
            render_value_text(a, sizeof a, e.largest_value, chart);
            render_value_text(b, sizeof b, e.smallest_value, chart);
            fprintf(file, " Largest%s: %s, %s. Smallest shown: %s, %s.",
                    all.hidden_other > 0 ? " shown" : "", e.largest_label,
                    a, e.smallest_label, b);
        }
        if (chart->total.has_value || chart->total.hidden != OB_PUBLISHED) {
            render_value_text(a, sizeof a, &chart->total, chart);
            fprintf(file, " Total: %s.", a);
        }
        /* Hidden values folded into "Other" are not drawn one by one. */
        size_t folded = all.hidden_small + all.hidden_other - e.hidden_small
                        - e.hidden_other;
        if (folded > 0)
            fprintf(file,
                    " %zu of the %s in \"Other\" had fewer than %lld or "
                    "are hidden so that none of those can be worked out; "
                    "they are not shown one by one, to protect the people "
                    "concerned.",
                    folded, chart->category_plural ? chart->category_plural
                                                   : "groups",
                    (long long)chart->suppress_below);
        write_hidden(file, &e, chart);
        if (chart->source != NULL && chart->source[0] != '\0')
            fprintf(file, " Source: %s.", chart->source);
        fputc('\n', file);
        free(values);
        free(labels);
        free(items);
        return ferror(file) ? ob_error_set(error, OB_ERR_IO, "write error")
                            : OB_OK;
    }
    case OB_CHART_GROUPED:
    case OB_CHART_STACKED:
        fprintf(file, "%s: %s. %s",
                chart->kind == OB_CHART_GROUPED ? "Grouped bar chart"
                                                : "100% stacked bar chart",
                what,
                chart->kind == OB_CHART_GROUPED ? "Bars of "
                                                : "The shares of ");
        write_series_names(file, chart);
        fprintf(file, " for each of %zu %s.", chart->category_count,
                chart->category_plural ? chart->category_plural : "groups");
        break;
    case OB_CHART_SERIES:
        fprintf(file, "Line chart: %s.", what);
        if (chart->category_count > 0)
            fprintf(file, " Months from %s to %s.", chart->categories[0],
                    chart->categories[chart->category_count - 1]);
        break;
    case OB_CHART_KPI:
        fprintf(file, "Key figures: %s.", what);
        for (size_t i = 0; i < chart->category_count; i++) {
            render_value_text(a, sizeof a, &chart->series[0].values[i], chart);
            fprintf(file, " %s: %s.", chart->categories[i], a);
        }
        fputc('\n', file);
        return ferror(file) ? ob_error_set(error, OB_ERR_IO, "write error")
                            : OB_OK;
    case OB_CHART_TABLE:
        fprintf(file, "Table: %s. %zu rows, with columns ", what,
                chart->category_count);
        size_t rows = render_table_capacity(chart, options);
        write_series_names(file, chart);
        fputc('.', file);
        if (rows < chart->category_count)
            fprintf(file, " The first %zu are shown, then a line that "
                          "counts the other %zu.",
                    rows, chart->category_count - rows);
        break;
    }
    if (e.count > 0) {
        /* With a value hidden as "x", which may be larger or smaller than
         * any shown, the extremes are those shown. */
        const char *shown = e.hidden_other > 0 ? " shown" : "";
        render_value_text(a, sizeof a, e.largest_value, chart);
        render_value_text(b, sizeof b, e.smallest_value, chart);
        if (chart->series_count > 1)
            fprintf(file, " Largest%s: %s, %s, %s. Smallest%s: %s, %s, %s.",
                    shown, e.largest_label, e.largest_series, a, shown,
                    e.smallest_label, e.smallest_series, b);
        else
            fprintf(file, " Largest%s: %s, %s. Smallest%s: %s, %s.", shown,
                    e.largest_label, a, shown, e.smallest_label, b);
    }
    if ((chart->kind == OB_CHART_TABLE || chart->kind == OB_CHART_GROUPED)
        && chart->series_totals != NULL) {
        fputs(" Totals:", file);
        for (size_t s = 0; s < chart->series_count; s++) {
            render_value_text(a, sizeof a, &chart->series_totals[s], chart);
            fprintf(file, "%s %s %s", s ? "," : "", chart->series[s].name, a);
        }
        fputc('.', file);
    } else if (chart->total.has_value
               || chart->total.hidden != OB_PUBLISHED) {
        render_value_text(a, sizeof a, &chart->total, chart);
        fprintf(file, " Total: %s.", a);
    }
    if (chart->kind == OB_CHART_SERIES && chart->trend.has_value) {
        fprintf(file,
                " Trend over the last %zu months: %+.1f a month (95%% "
                "interval %+.1f to %+.1f).",
                chart->trend.last_category - chart->trend.first_category + 1,
                chart->trend.slope, chart->trend.slope_low,
                chart->trend.slope_high);
    }
    write_hidden(file, &e, chart);
    if (chart->source != NULL && chart->source[0] != '\0')
        fprintf(file, " Source: %s.", chart->source);
    fputc('\n', file);
    if (ferror(file))
        return ob_error_set(error, OB_ERR_IO, "write error");
    return OB_OK;
}
