/* What goes where in a briefing: the sections of a report definition
 * turned into a document of headings, paragraphs, charts and tables, from
 * tables that the aggregate stage has published and protected. Text is
 * written from the numbers as they are published: a hidden value is never
 * named. */
#include "opbrief/briefing_document.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_BLOCKS 96
#define MAX_BUILDS 32
#define TEXT_SIZE 1024

struct ob_briefing {
    ob_document document;
    ob_block blocks[MAX_BLOCKS];
    ob_chart_build *builds[MAX_BUILDS];
    size_t build_count;
    char texts[MAX_BLOCKS][TEXT_SIZE];
    size_t text_count;
    char cover_lines[8][256];
    char title[256];
    char keywords[256];
    /* The per-country table: rows are region headings, countries and
     * subtotals, so it has its own storage. */
    const char **table_labels;
    unsigned char *table_styles;
    ob_chart_value *table_values;
    ob_chart_series table_series[OB_MEASURE_COUNT];
    ob_chart_value table_totals[OB_MEASURE_COUNT];
    ob_chart table_chart;
    /* The month against earlier months: a small table of its own. */
    const char *month_labels[OB_MEASURE_COUNT];
    ob_chart_value month_values[5 * OB_MEASURE_COUNT];
    ob_chart_series month_series[5];
    ob_chart month_chart;
};

static const char *const month_names[12] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

static void
format_long_date(char *out, size_t size, const ob_date *date)
{
    if (date->year == 0)
        snprintf(out, size, "(no date)");
    else if (date->day > 0)
        snprintf(out, size, "%d %s %d", date->day,
                 month_names[date->month - 1], date->year);
    else
        snprintf(out, size, "%s %d", month_names[date->month - 1],
                 date->year);
}

/* The published text of a cell: "823", "<10", "x", "not reported". */
static void
cell_text(char *out, size_t size, const ob_cell *cell,
          const ob_briefing_input *input)
{
    ob_figure_format(out, size, &cell->published, OB_FIGURE_WORDS,
                     input->report->thousands);
}

static ob_status
add_block(ob_briefing *b, ob_block block, ob_error *error)
{
    if (b->document.block_count == MAX_BLOCKS)
        return ob_error_set(error, OB_ERR_CONFIG,
                            "the briefing has more than %d blocks",
                            MAX_BLOCKS);
    b->blocks[b->document.block_count++] = block;
    return OB_OK;
}

static ob_status
add_text(ob_briefing *b, ob_block_kind kind, bool is_new_page,
         ob_error *error, const char *format, ...)
    __attribute__((format(printf, 5, 6)));

static ob_status
add_text(ob_briefing *b, ob_block_kind kind, bool is_new_page,
         ob_error *error, const char *format, ...)
{
    if (b->text_count == MAX_BLOCKS)
        return ob_error_set(error, OB_ERR_CONFIG, "the briefing is too long");
    char *text = b->texts[b->text_count++];
    va_list args;
    va_start(args, format);
    vsnprintf(text, TEXT_SIZE, format, args);
    va_end(args);
    ob_block block = {kind, text, NULL, 0, is_new_page};
    return add_block(b, block, error);
}

/* A chart of TABLE as a block of HEIGHT layout units. */
static ob_status
add_chart(ob_briefing *b, const ob_table *table, ob_chart_kind kind,
          const char *measures, size_t top, double height,
          const ob_briefing_input *input, ob_error *error)
{
    if (b->build_count == MAX_BUILDS)
        return ob_error_set(error, OB_ERR_CONFIG, "too many charts");
    ob_chart_request request;
    memset(&request, 0, sizeof request);
    request.kind = kind;
    request.measures = measures;
    request.top = top;
    request.thousands = input->report->thousands;
    request.operation = input->operation;
    request.first_date = input->first_date;
    request.last_date = input->last_date;
    ob_chart_build *build;
    ob_status status = ob_chart_build_new(&build, table, &request, error);
    if (status != OB_OK)
        return status;
    b->builds[b->build_count++] = build;
    ob_chart *chart = ob_chart_build_chart(build);
    /* The section heading is the title; the source is in the method. */
    chart->title = NULL;
    chart->subtitle = NULL;
    chart->source = NULL;
    ob_block block = {OB_BLOCK_CHART, NULL, chart, height, false};
    return add_block(b, block, error);
}

/* ---- sections ----------------------------------------------------------- */

static ob_status
summary_section(ob_briefing *b, const ob_briefing_input *input,
                ob_error *error)
{
    const ob_table *total = input->total;
    char values[OB_MEASURE_COUNT][64];
    for (size_t m = 0; m < OB_MEASURE_COUNT; m++)
        cell_text(values[m], sizeof values[m], &total->totals[m], input);
    char first[48];
    char last[48];
    format_long_date(first, sizeof first, &input->first_date);
    format_long_date(last, sizeof last, &input->last_date);
    char declared[96] = "";
    if (input->countries_declared > 0
        && (size_t)input->countries_declared != input->countries_present)
        snprintf(declared, sizeof declared, " (%lld declared taking part)",
                 (long long)input->countries_declared);
    ob_status status = add_chart(b, total, OB_CHART_KPI, "victims", 0, 330,
                                 input, error);
    if (status != OB_OK)
        return status;
    status = add_text(
        b, OB_BLOCK_PARAGRAPH, false, error,
        "%s: %zu %s reporting%s. Between %s and %s they reported %s "
        "arrests, %s victims of trafficking identified, %s irregular "
        "migrants detected, %s items seized and %s investigations opened.",
        input->operation ? input->operation : "All operations",
        input->countries_present,
        input->countries_present == 1 ? "country" : "countries", declared,
        first, last,
        values[OB_MEASURE_ARRESTS], values[OB_MEASURE_VICTIMS],
        values[OB_MEASURE_MIGRANTS], values[OB_MEASURE_SEIZURES],
        values[OB_MEASURE_INVESTIGATIONS]);
    if (status != OB_OK)
        return status;

    /* The largest published victims figure by country, and the share of
     * the five largest, from the table by region and country. */
    const ob_table *countries = input->by_region_country;
    const ob_table_group *largest = NULL;
    int64_t top[5] = {0};
    bool has_hidden_other = false; /* an "x", which may be larger */
    for (size_t i = 0; i < countries->group_count; i++) {
        const ob_table_group *group = &countries->groups[i];
        const ob_cell *cell = &group->cells[OB_MEASURE_VICTIMS];
        has_hidden_other |= cell->published.protection
                            == OB_SUPPRESSED_COMPLEMENTARY;
        if (cell->published.protection != OB_PUBLISHED || !cell->has_value
            || group->group->keys[1].is_none)
            continue;
        if (largest == NULL
            || cell->value > largest->cells[OB_MEASURE_VICTIMS].value)
            largest = group;
        for (size_t t = 0; t < 5; t++) {
            if (cell->value > top[t]) {
                memmove(top + t + 1, top + t, (4 - t) * sizeof *top);
                top[t] = cell->value;
                break;
            }
        }
    }
    const ob_cell *victims = &total->totals[OB_MEASURE_VICTIMS];
    if (largest == NULL || victims->published.protection != OB_PUBLISHED
        || victims->value <= 0)
        return OB_OK;
    int64_t top_sum = top[0] + top[1] + top[2] + top[3] + top[4];
    const ob_cell *most = &largest->cells[OB_MEASURE_VICTIMS];
    char most_text[48];
    ob_format_count(most_text, sizeof most_text, (double)most->value,
                    input->report->thousands);
    /* With a country hidden as "x", which may hold more than any shown,
     * the sentence speaks of the countries shown only. */
    const char *who = has_hidden_other
                          ? "Of the countries whose figures are shown, "
                          : "";
    const char *five = has_hidden_other
                           ? "The five largest of those account"
                           : "The five countries with the most victims "
                             "account";
    return add_text(
        b, OB_BLOCK_PARAGRAPH, false, error,
        "Key findings. %s%s reported the most victims identified: %s, "
        "%.0f%% of the total. %s for %.0f%% of all victims identified. "
        "Victims are people identified during the operation, not an "
        "estimate of how many there are. Figures under %lld victims are not "
        "shown, to protect the people concerned.",
        who, largest->group->keys[1].label, most_text,
        100.0 * (double)most->value / (double)victims->value, five,
        100.0 * (double)top_sum / (double)victims->value,
        (long long)input->total->options.suppress_below);
}

/* Every country, by region, with a subtotal per region and the total. */
static ob_status
country_table_section(ob_briefing *b, const ob_briefing_input *input,
                      ob_error *error)
{
    const ob_table *table = input->by_region_country;
    size_t rows = table->group_count + 2 * table->partition_count;
    b->table_labels = calloc(rows ? rows : 1, sizeof *b->table_labels);
    b->table_styles = calloc(rows ? rows : 1, sizeof *b->table_styles);
    b->table_values = calloc((rows ? rows : 1) * OB_MEASURE_COUNT,
                             sizeof *b->table_values);
    if (b->table_labels == NULL || b->table_styles == NULL
        || b->table_values == NULL)
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    for (size_t m = 0; m < OB_MEASURE_COUNT; m++) {
        b->table_series[m].name = ob_measure_name((ob_measure)m);
        b->table_series[m].values = b->table_values + m * rows;
        b->table_totals[m] = ob_chart_value_of(&table->totals[m]);
    }
    size_t row = 0;
    for (size_t p = 0; p < table->partition_count; p++) {
        const ob_partition *partition = &table->partitions[p];
        if (partition->group_count == 0)
            continue;
        b->table_labels[row] = partition->key ? partition->key->label : "";
        b->table_styles[row++] = 1;
        for (size_t i = 0; i < partition->group_count; i++) {
            const ob_table_group *group =
                &table->groups[partition->first_group + i];
            b->table_labels[row] = group->group->keys[1].label;
            for (size_t m = 0; m < OB_MEASURE_COUNT; m++)
                b->table_series[m].values[row] =
                    ob_chart_value_of(&group->cells[m]);
            row++;
        }
        b->table_labels[row] = "Subtotal";
        b->table_styles[row] = 2;
        for (size_t m = 0; m < OB_MEASURE_COUNT; m++)
            b->table_series[m].values[row] =
                ob_chart_value_of(&partition->totals[m]);
        row++;
    }
    ob_chart *chart = &b->table_chart;
    memset(chart, 0, sizeof *chart);
    chart->kind = OB_CHART_TABLE;
    chart->category_label = "Country";
    chart->category_count = row;
    chart->categories = b->table_labels;
    chart->category_styles = b->table_styles;
    chart->series_count = OB_MEASURE_COUNT;
    chart->series = b->table_series;
    chart->series_totals = b->table_totals;
    chart->thousands = input->report->thousands;
    chart->suppress_below = input->total->options.suppress_below;
    chart->measure_label = "victims";
    ob_block block = {OB_BLOCK_TABLE, NULL, chart, 0, false};
    return add_block(b, block, error);
}

static ob_status
method_section(ob_briefing *b, const ob_briefing_input *input,
               ob_error *error)
{
    const ob_report *report = input->report;
    ob_status status = add_text(
        b, OB_BLOCK_PARAGRAPH, false, error,
        "Sources. %s. Data: %s. %zu rows were read, %zu accepted and %zu "
        "rejected on reading.%s%s",
        report->source ? report->source : "National returns",
        input->source_files ? input->source_files : "", input->rows_read,
        input->rows_accepted, input->rows_rejected,
        input->rejects_summary && input->rejects_summary[0] ? " Rejected: "
                                                             : "",
        input->rejects_summary ? input->rejects_summary : "");
    if (status != OB_OK)
        return status;
    status = add_text(
        b, OB_BLOCK_PARAGRAPH, false, error,
        "Definitions. Arrests, victims identified, irregular migrants "
        "detected, items seized and investigations opened are counted as "
        "each country returned them. Victims are the people identified "
        "during the operation: a count of what was found, not of how many "
        "victims there are. An empty cell in a return is a missing figure, "
        "never a zero. Regions are those of INTERPOL; the per-country table "
        "groups countries by them.");
    if (status != OB_OK)
        return status;
    status = add_text(
        b, OB_BLOCK_PARAGRAPH, false, error,
        "Protection of victims. Every victims figure from 1 to %lld is shown "
        "as <%lld, and further figures are hidden (shown as x) wherever a "
        "hidden one could otherwise be worked out from a total. In this "
        "briefing %zu figures are shown as <%lld and %zu as x. No hidden "
        "figure enters a share, a rank, a rate or a trend.",
        (long long)input->total->options.suppress_below - 1,
        (long long)input->total->options.suppress_below, input->suppressed_primary,
        (long long)input->total->options.suppress_below, input->suppressed_complementary);
    if (status != OB_OK)
        return status;
    return add_text(
        b, OB_BLOCK_PARAGRAPH, false, error,
        "Signs. ~700: an approximate figure. >200: at least this many (a "
        "figure in it was a lower bound). <5 in a return: a figure the "
        "sender suppressed; it adds nothing to a sum, which is then shown "
        "as a lower bound. Figures are whole numbers; thousands are "
        "separated by \"%s\".",
        report->thousands);
}

static const ob_cell *
cell_of_month(const ob_table *table, int month_index, ob_measure measure)
{
    for (size_t i = 0; table != NULL && i < table->group_count; i++) {
        const ob_key_value *key = &table->groups[i].group->keys[0];
        if (!key->is_none && key->month_index == month_index)
            return &table->groups[i].cells[measure];
    }
    return NULL;
}

static ob_chart_value
change_value(const ob_change *change)
{
    ob_chart_value value;
    memset(&value, 0, sizeof value);
    value.has_value = change->has_value;
    value.value = (double)change->absolute;
    return value;
}

static void
month_label(char *out, size_t size, int month_index)
{
    snprintf(out, size, "%s %d", month_names[month_index % 12],
             month_index / 12);
}

/* The month reported against the month before and the same month a year
 * earlier, the operations active, who reported, and late returns. */
static ob_status
month_section(ob_briefing *b, const ob_briefing_input *input, ob_error *error)
{
    static const char *const titles[OB_MEASURE_COUNT] = {
        "Arrests", "Victims identified", "Irregular migrants", "Items seized",
        "Investigations opened"};
    static const char *const columns[5] = {"This month", "Last month",
                                           "\xC2\xB1 month", "A year ago",
                                           "\xC2\xB1 year"};
    const ob_table *history = input->by_month_24;
    char this_month[48];
    char last_month[48];
    month_label(this_month, sizeof this_month, input->month_index);
    month_label(last_month, sizeof last_month, input->month_index - 1);
    ob_status status = add_text(
        b, OB_BLOCK_PARAGRAPH, false, error,
        "In %s, %zu %s reported (%zu in %s). Operations active: %s.",
        this_month, input->countries_this_month,
        input->countries_this_month == 1 ? "country" : "countries",
        input->countries_last_month, last_month,
        input->operation_list ? input->operation_list : "none");
    if (status != OB_OK)
        return status;
    for (size_t s = 0; s < 5; s++) {
        b->month_series[s].name = columns[s];
        b->month_series[s].values = b->month_values + s * OB_MEASURE_COUNT;
    }
    for (size_t m = 0; m < OB_MEASURE_COUNT; m++) {
        b->month_labels[m] = titles[m];
        const ob_cell *now = cell_of_month(history, input->month_index,
                                           (ob_measure)m);
        const ob_cell *before = cell_of_month(history, input->month_index - 1,
                                              (ob_measure)m);
        const ob_cell *year = cell_of_month(history, input->month_index - 12,
                                            (ob_measure)m);
        ob_chart_value none;
        memset(&none, 0, sizeof none);
        b->month_series[0].values[m] = now ? ob_chart_value_of(now) : none;
        b->month_series[1].values[m] = before ? ob_chart_value_of(before)
                                              : none;
        b->month_series[2].values[m] =
            now ? change_value(&now->month_over_month) : none;
        b->month_series[3].values[m] = year ? ob_chart_value_of(year) : none;
        b->month_series[4].values[m] =
            now ? change_value(&now->year_over_year) : none;
    }
    ob_chart *chart = &b->month_chart;
    memset(chart, 0, sizeof *chart);
    chart->kind = OB_CHART_TABLE;
    chart->category_label = "Figure";
    chart->category_count = OB_MEASURE_COUNT;
    chart->categories = b->month_labels;
    chart->series_count = 5;
    chart->series = b->month_series;
    chart->thousands = input->report->thousands;
    chart->suppress_below = input->total->options.suppress_below;
    chart->measure_label = "victims";
    ob_block block = {OB_BLOCK_CHART, NULL, chart, 250, false};
    status = add_block(b, block, error);
    if (status != OB_OK)
        return status;
    if (input->late_months == NULL)
        return add_text(b, OB_BLOCK_PARAGRAPH, false, error,
                        "Late returns: there is no earlier monthly report in "
                        "the output folder to compare with.");
    if (input->late_months[0] == '\0')
        return add_text(b, OB_BLOCK_PARAGRAPH, false, error,
                        "Late returns: none changed the figures of an "
                        "earlier month since the report of %s.",
                        input->previous_report ? input->previous_report : "");
    return add_text(b, OB_BLOCK_PARAGRAPH, false, error,
                    "Late returns changed the arrests or victims of earlier "
                    "months since the report of %s: %s. The series below "
                    "show the figures as they stand now.",
                    input->previous_report ? input->previous_report : "",
                    input->late_months);
}

/* ---- the briefing ------------------------------------------------------- */

void
ob_briefing_free(ob_briefing *b)
{
    if (b == NULL)
        return;
    for (size_t i = 0; i < b->build_count; i++)
        ob_chart_build_free(b->builds[i]);
    free(b->table_labels);
    free(b->table_styles);
    free(b->table_values);
    free(b);
}

const ob_document *
ob_briefing_document(const ob_briefing *b)
{
    return &b->document;
}

static ob_status
add_section(ob_briefing *b, const ob_section *section,
            const ob_briefing_input *input, bool *is_new_page,
            ob_error *error)
{
    const char *title = section->title;
    ob_status status = OB_OK;
    if (section->type == OB_SECTION_COMPARISON
        && (input->by_operation == NULL
            || input->by_operation->group_count < 2))
        return OB_OK; /* one operation: nothing to compare */
    if (section->type == OB_SECTION_CHART && section->chart != NULL
        && strcmp(section->chart, "series") == 0 && !input->is_monthly
        && (input->by_month == NULL || input->by_month->group_count < 2))
        return OB_OK; /* one month: no series */
    if (section->type == OB_SECTION_MONTH && !input->is_monthly)
        return OB_OK;
    if (title != NULL) {
        status = add_text(b, OB_BLOCK_HEADING, *is_new_page, error, "%s",
                          title);
        *is_new_page = false;
    }
    if (status != OB_OK)
        return status;
    switch (section->type) {
    case OB_SECTION_TITLE:
        return OB_OK;
    case OB_SECTION_SUMMARY:
        return summary_section(b, input, error);
    case OB_SECTION_CHART: {
        static const char *const kinds[] = {"bars",   "grouped", "stacked",
                                            "series", "kpi",     "table"};
        ob_chart_kind kind = OB_CHART_BARS;
        for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
            if (strcmp(section->chart, kinds[i]) == 0)
                kind = (ob_chart_kind)i;
        }
        const ob_table *table = kind == OB_CHART_SERIES ? input->by_month
                                : kind == OB_CHART_KPI  ? input->total
                                                        : input
                                                              ->by_region_country;
        if (kind == OB_CHART_SERIES && section->months == 12
            && input->by_month_12 != NULL)
            table = input->by_month_12;
        else if (kind == OB_CHART_SERIES && section->months == 24
                 && input->by_month_24 != NULL)
            table = input->by_month_24;
        size_t top = section->top ? section->top : 15;
        double height = kind == OB_CHART_BARS ? 560 : 420;
        return add_chart(b, table, kind,
                         section->measure ? section->measure : "victims", top,
                         height, input, error);
    }
    case OB_SECTION_BREAKDOWNS:
        for (size_t i = 0; i < OB_BREAKDOWN_COUNT && status == OB_OK; i++) {
            const ob_table *table = input->breakdowns[i];
            if (table == NULL || table->group_count == 0)
                continue;
            status = add_text(b, OB_BLOCK_PARAGRAPH, false, error,
                              "Victims identified by %s.",
                              input->breakdown_titles[i]);
            if (status == OB_OK)
                status = add_chart(b, table, OB_CHART_BARS,
                                   section->measure ? section->measure
                                                    : "victims",
                                   12, 330, input, error);
        }
        return status;
    case OB_SECTION_COUNTRY_TABLE:
        return country_table_section(b, input, error);
    case OB_SECTION_COMPARISON:
        return add_chart(b, input->by_operation, OB_CHART_TABLE,
                         "arrests,victims,migrants,seizures,investigations", 0,
                         600, input, error);
    case OB_SECTION_METHOD:
        return method_section(b, input, error);
    case OB_SECTION_MONTH:
        return month_section(b, input, error);
    }
    return OB_OK;
}

ob_status
ob_briefing_new(ob_briefing **out, const ob_briefing_input *input,
                ob_error *error)
{
    *out = NULL;
    ob_briefing *b = calloc(1, sizeof *b);
    if (b == NULL)
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    const ob_report *report = input->report;
    ob_document *document = &b->document;
    document->blocks = b->blocks;
    if (input->title != NULL)
        snprintf(b->title, sizeof b->title, "%s", input->title);
    else if (input->operation != NULL)
        snprintf(b->title, sizeof b->title, "%s: %s", input->operation,
                 report->title ? report->title : "Briefing");
    else
        snprintf(b->title, sizeof b->title, "%s",
                 report->title ? report->title : "Briefing");
    document->title = b->title;
    document->cover_title = b->title;
    document->author = report->issuing_unit;
    document->subject = report->subtitle;
    snprintf(b->keywords, sizeof b->keywords,
             "human trafficking, migrant smuggling, %s",
             input->operation ? input->operation : "operations");
    document->keywords = b->keywords;
    document->classification = report->classification;
    document->is_letter = report->is_letter;
    document->creation_time = input->creation_time;

    char first[48];
    char last[48];
    format_long_date(first, sizeof first, &input->first_date);
    format_long_date(last, sizeof last, &input->last_date);
    size_t line = 0;
    if (report->subtitle != NULL)
        snprintf(b->cover_lines[line++], 256, "%s", report->subtitle);
    snprintf(b->cover_lines[line++], 256, "Operation%s: %s",
             input->operation_list && strchr(input->operation_list, ',')
                 ? "s"
                 : "",
             input->operation_list ? input->operation_list : "");
    snprintf(b->cover_lines[line++], 256, "Period covered: %s to %s", first,
             last);
    if (report->issuing_unit != NULL)
        snprintf(b->cover_lines[line++], 256, "Issued by %s",
                 report->issuing_unit);
    snprintf(b->cover_lines[line++], 256, "Data as of %s", last);
    for (size_t i = 0; i < line; i++)
        document->cover_lines[i] = b->cover_lines[i];

    bool is_new_page = false;
    ob_status status = OB_OK;
    for (size_t s = 0; s < report->section_count && status == OB_OK; s++) {
        const ob_section *section = &report->sections[s];
        /* Summary, tables and the method start on a page of their own. */
        is_new_page = section->type == OB_SECTION_SUMMARY
                      || section->type == OB_SECTION_MONTH
                      || section->type == OB_SECTION_COUNTRY_TABLE
                      || section->type == OB_SECTION_METHOD
                      || section->type == OB_SECTION_COMPARISON;
        status = add_section(b, section, input, &is_new_page, error);
    }
    if (status != OB_OK) {
        ob_briefing_free(b);
        return status;
    }
    *out = b;
    return OB_OK;
}
