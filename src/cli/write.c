/* The three forms of `opbrief aggregate`: CSV for spreadsheets and
 * scripts, JSON with everything (intervals, flags, protection), and an
 * aligned table for people. All three show protected cells the same way. */
#include "write.h"

#include <jansson.h>
#include <string.h>

/* ---- shared ------------------------------------------------------------- */

void
write_cell_text(char *out, size_t out_size, const ob_cell *cell,
                const char *grouping)
{
    ob_figure_format(out, out_size, &cell->published, OB_FIGURE_CELL,
                     grouping);
}

static bool
has_code_column(ob_key key)
{
    return key == OB_KEY_COUNTRY || key == OB_KEY_CITIZENSHIP;
}

static const char *
key_column_name(const ob_grouping *grouping, size_t k)
{
    return grouping->keys[k] == OB_KEY_EXTRA ? grouping->extra_names[k]
                                             : ob_key_name(grouping->keys[k]);
}

/* ---- CSV ---------------------------------------------------------------- */

static void
csv_key(FILE *file, ob_key key, const ob_key_value *value)
{
    if (has_code_column(key)) {
        fprintf(file, "%s,", value->code ? value->code : "");
        ob_write_csv_field(file, value->label);
    } else {
        ob_write_csv_field(file, value->label);
    }
    fputc(',', file);
}

/* The key cells of a statistics row: the partition's outer key, then
 * LABEL, e.g. "(median)", where the inner key's name goes. */
static void
csv_stat_keys(FILE *file, const ob_table *table, const ob_partition *partition,
              const char *label)
{
    const ob_grouping *grouping = &table->grouping;
    for (size_t k = 0; k < grouping->key_count; k++) {
        bool is_inner = k == grouping->key_count - 1;
        if (!is_inner && partition->key != NULL) {
            csv_key(file, grouping->keys[k], partition->key);
            continue;
        }
        if (has_code_column(grouping->keys[k]))
            fputc(',', file);
        fprintf(file, "%s,", is_inner ? label : "");
    }
}

static void
format_statistic(char *out, size_t out_size, bool has_value, double value,
                 bool is_withheld, int decimals)
{
    if (has_value)
        snprintf(out, out_size, "%.*f", decimals, value);
    else
        snprintf(out, out_size, "%s", is_withheld ? "x" : "");
}

enum { STATISTIC_COUNT = 8 };

static const char *const statistic_labels[STATISTIC_COUNT] = {
    "(n)", "(mean)", "(median)", "(q1)", "(q3)", "(p90)", "(sd)",
    "(top 5 share)"};

/* Statistic S of SUMMARY as text: n whole, shares to 4 places, the rest
 * to 2. */
static void
statistic_text(char *out, size_t out_size, const ob_summary *summary,
               size_t s)
{
    const struct {
        bool has_value;
        double value;
        int decimals;
    } statistics[STATISTIC_COUNT] = {
        {true, (double)summary->n, 0},
        {summary->has_mean, summary->mean, 2},
        {summary->has_median, summary->median, 2},
        {summary->has_quartiles, summary->q1, 2},
        {summary->has_quartiles, summary->q3, 2},
        {summary->has_p90, summary->p90, 2},
        {summary->has_sd, summary->sd, 2},
        {summary->has_top5, summary->top5_share, 4}};
    format_statistic(out, out_size, statistics[s].has_value,
                     statistics[s].value, summary->is_withheld,
                     statistics[s].decimals);
}

static void
csv_partition_extras(FILE *file, const ob_table *table,
                     const ob_partition *partition)
{
    char text[64];
    csv_stat_keys(file, table, partition, "(total)");
    fprintf(file, "%zu,", partition->rows);
    for (size_t m = 0; m < OB_MEASURE_COUNT; m++) {
        write_cell_text(text, sizeof text, &partition->totals[m], NULL);
        fprintf(file, ",%s", text);
    }
    fputc('\n', file);
    for (size_t s = 0; s < STATISTIC_COUNT; s++) {
        csv_stat_keys(file, table, partition, statistic_labels[s]);
        fputc(',', file);
        for (size_t m = 0; m < OB_MEASURE_COUNT; m++) {
            statistic_text(text, sizeof text, &partition->summaries[m], s);
            fprintf(file, ",%s", text);
        }
        fputc('\n', file);
    }
}

ob_status
write_csv(FILE *file, const ob_table *table, const write_options *options,
          ob_error *error)
{
    const ob_grouping *grouping = &table->grouping;
    for (size_t k = 0; k < grouping->key_count; k++) {
        const char *name = key_column_name(grouping, k);
        ob_write_csv_field(file, name);
        if (has_code_column(grouping->keys[k]))
            fprintf(file, ",%s_name", name);
        fputc(',', file);
    }
    fputs("rows,countries", file);
    for (size_t m = 0; m < OB_MEASURE_COUNT; m++)
        fprintf(file, ",%s", ob_measure_name((ob_measure)m));
    fputc('\n', file);
    for (size_t p = 0; p < table->partition_count; p++) {
        const ob_partition *partition = &table->partitions[p];
        for (size_t i = 0; i < partition->group_count; i++) {
            const ob_table_group *group =
                &table->groups[partition->first_group + i];
            for (size_t k = 0; k < grouping->key_count; k++)
                csv_key(file, grouping->keys[k], &group->group->keys[k]);
            fprintf(file, "%zu,%zu", group->group->rows,
                    group->group->countries);
            for (size_t m = 0; m < OB_MEASURE_COUNT; m++) {
                char text[64];
                write_cell_text(text, sizeof text, &group->cells[m], NULL);
                fprintf(file, ",%s", text);
            }
            fputc('\n', file);
        }
        if (options->has_stats && grouping->key_count > 0)
            csv_partition_extras(file, table, partition);
    }
    if (ferror(file))
        return ob_error_set(error, OB_ERR_IO, "write error");
    return OB_OK;
}

/* ---- JSON --------------------------------------------------------------- */

static json_t *
json_number_or_null(bool has_value, double value)
{
    return has_value ? json_real(value) : json_null();
}

static const char *
protection_name(ob_protection protection)
{
    switch (protection) {
    case OB_SUPPRESSED_PRIMARY:
        return "primary";
    case OB_SUPPRESSED_COMPLEMENTARY:
        return "complementary";
    case OB_PUBLISHED:
        break;
    }
    return "published";
}

static json_t *
json_interval(const ob_estimate *estimate)
{
    if (!estimate->has_value || !estimate->has_interval)
        return json_null();
    return json_pack("[f,f]", estimate->low, estimate->high);
}

static json_t *
json_change(const ob_change *change)
{
    if (!change->has_value)
        return json_null();
    return json_pack("{s:I,s:o,s:b}", "absolute", (json_int_t)change->absolute,
                     "relative",
                     json_number_or_null(change->has_relative,
                                         change->relative),
                     "new", change->is_new);
}

static json_t *
json_cell(const ob_cell *cell, bool is_monthly)
{
    char text[64];
    write_cell_text(text, sizeof text, cell, NULL);
    bool is_published = cell->published.protection == OB_PUBLISHED;
    json_t *object = json_pack(
        "{s:o,s:s,s:s,s:b,s:b,s:{s:I,s:I,s:I,s:I,s:I}}", "value",
        is_published && cell->published.has_value
            ? json_integer(cell->published.value)
            : json_null(),
        "display", text, "protection", protection_name(cell->published.protection),
        "approximate", cell->is_approximate, "lower_bound",
        cell->is_lower_bound, "cells", "reported",
        (json_int_t)cell->sum->reported, "missing",
        (json_int_t)cell->sum->missing, "approximate",
        (json_int_t)cell->sum->approximate, "at_least",
        (json_int_t)cell->sum->at_least, "below",
        (json_int_t)cell->sum->below);
    if (object == NULL)
        return NULL;
    json_object_set_new(object, "interval", json_interval(&cell->count));
    json_object_set_new(object, "share",
                        json_number_or_null(cell->share.has_value,
                                            cell->share.value));
    json_object_set_new(object, "share_interval", json_interval(&cell->share));
    json_object_set_new(object, "rank",
                        cell->rank ? json_integer((json_int_t)cell->rank)
                                   : json_null());
    if (is_monthly) {
        json_object_set_new(object, "month_over_month",
                            json_change(&cell->month_over_month));
        json_object_set_new(object, "year_over_year",
                            json_change(&cell->year_over_year));
    }
    return object;
}

static json_t *
json_measures(const ob_cell *cells, bool is_monthly)
{
    json_t *object = json_object();
    for (size_t m = 0; m < OB_MEASURE_COUNT && object != NULL; m++)
        json_object_set_new(object, ob_measure_name((ob_measure)m),
                            json_cell(&cells[m], is_monthly));
    return object;
}

static json_t *
json_keys(const ob_grouping *grouping, const ob_key_value *values,
          size_t count)
{
    json_t *object = json_object();
    for (size_t k = 0; k < count && object != NULL; k++) {
        const char *name = key_column_name(grouping, k);
        const ob_key_value *value = &values[k];
        if (has_code_column(grouping->keys[k])) {
            char name_key[96];
            snprintf(name_key, sizeof name_key, "%s_name", name);
            json_object_set_new(object, name,
                                value->code ? json_string(value->code)
                                            : json_null());
            json_object_set_new(object, name_key, json_string(value->label));
        } else if (value->is_none) {
            json_object_set_new(object, name, json_null());
        } else {
            json_object_set_new(object, name, json_string(value->label));
        }
    }
    return object;
}

static json_t *
json_summary(const ob_summary *s)
{
    return json_pack("{s:I,s:b,s:o,s:o,s:o,s:o,s:o,s:o,s:o}", "n",
                     (json_int_t)s->n, "withheld", s->is_withheld, "mean",
                     json_number_or_null(s->has_mean, s->mean), "median",
                     json_number_or_null(s->has_median, s->median), "q1",
                     json_number_or_null(s->has_quartiles, s->q1), "q3",
                     json_number_or_null(s->has_quartiles, s->q3), "p90",
                     json_number_or_null(s->has_p90, s->p90), "sd",
                     json_number_or_null(s->has_sd, s->sd), "top5_share",
                     json_number_or_null(s->has_top5, s->top5_share));
}

static json_t *
month_label(int month_index)
{
    char label[16];
    snprintf(label, sizeof label, "%04d-%02d", month_index / 12,
             month_index % 12 + 1);
    return json_string(label);
}

static json_t *
json_trend(const ob_trend *t)
{
    if (!t->has_value)
        return json_pack("{s:b,s:I,s:s}", "withheld", t->is_withheld,
                         "months", (json_int_t)t->months, "note",
                         t->is_withheld ? "withheld: a month in the window "
                                          "is protected"
                                        : "fewer than 3 months: no trend");
    return json_pack("{s:b,s:I,s:o,s:o,s:f,s:[f,f],s:f}", "withheld", false,
                     "months", (json_int_t)t->months, "first_month",
                     month_label(t->first_month_index), "last_month",
                     month_label(t->last_month_index), "slope_per_month",
                     t->slope, "slope_interval", t->slope_low, t->slope_high,
                     "intercept", t->intercept);
}

static json_t *
json_partition(const ob_table *table, const ob_partition *partition,
               bool is_monthly)
{
    json_t *object = json_object();
    if (object == NULL)
        return NULL;
    json_object_set_new(object, "key",
                        partition->key ? json_keys(&table->grouping,
                                                   partition->key, 1)
                                       : json_null());
    json_object_set_new(object, "rows", json_integer((json_int_t)partition->rows));
    json_object_set_new(object, "total",
                        json_measures(partition->totals, false));
    json_t *statistics = json_object();
    json_t *trends = json_object();
    for (size_t m = 0; m < OB_MEASURE_COUNT; m++) {
        const char *name = ob_measure_name((ob_measure)m);
        json_object_set_new(statistics, name,
                            json_summary(&partition->summaries[m]));
        json_object_set_new(trends, name, json_trend(&partition->trends[m]));
    }
    json_object_set_new(object, "statistics", statistics);
    if (is_monthly)
        json_object_set_new(object, "trend", trends);
    else
        json_decref(trends);
    json_t *groups = json_array();
    for (size_t i = 0; i < partition->group_count; i++) {
        const ob_table_group *group = &table->groups[partition->first_group + i];
        json_t *item = json_object();
        json_object_set_new(item, "keys",
                            json_keys(&table->grouping, group->group->keys,
                                      table->grouping.key_count));
        json_object_set_new(item, "rows",
                            json_integer((json_int_t)group->group->rows));
        json_object_set_new(item, "countries",
                            json_integer((json_int_t)group->group->countries));
        json_object_set_new(item, "measures",
                            json_measures(group->cells,
                                          is_monthly));
        json_object_set_new(item, "victims_per_arrest",
                            json_number_or_null(
                                group->victims_per_arrest.has_value,
                                group->victims_per_arrest.value));
        json_array_append_new(groups, item);
    }
    json_object_set_new(object, "groups", groups);
    return object;
}

/* The JSON of one table: everything aggregate shows, and what disclosure
 * control needs to read it back (by, filter, protection, the figures). */
static json_t *
json_table(const ob_table *table, ob_cube *cube)
{
    const ob_grouping *grouping = &table->grouping;
    int64_t threshold = table->options.suppress_below;
    bool is_monthly = grouping->key_count > 0
                      && grouping->keys[grouping->key_count - 1]
                             == OB_KEY_MONTH;
    json_t *root = json_object();
    json_t *keys = json_array();
    for (size_t k = 0; k < grouping->key_count; k++)
        json_array_append_new(keys, json_string(key_column_name(grouping, k)));
    json_object_set_new(root, "opbrief", json_string(OB_VERSION));
    json_object_set_new(root, "by", keys);
    if (table->options.filter_count > 0) {
        json_t *filter = json_object();
        for (size_t f = 0; f < table->options.filter_count; f++) {
            const ob_dc_term *term = &table->options.filters[f];
            json_object_set_new(filter,
                                term->key == OB_KEY_EXTRA
                                    ? term->name
                                    : ob_key_name(term->key),
                                term->value ? json_string(term->value)
                                            : json_null());
        }
        json_object_set_new(root, "filter", filter);
    }
    json_object_set_new(
        root, "protection",
        json_pack("{s:I,s:b,s:I,s:I,s:o}", "suppress_below",
                  (json_int_t)threshold, "enabled", threshold > 0, "primary",
                  (json_int_t)table->suppressed_primary, "complementary",
                  (json_int_t)table->suppressed_complementary,
                  "fewest_complementary",
                  table->has_minimum
                      ? json_integer(
                          (json_int_t)table->minimum_complementary)
                      : json_null()));
    json_object_set_new(root, "rows", json_integer((json_int_t)table->total_rows));
    /* A table that publishes no total (a series by month: no sum over
     * months) has none here either. */
    json_object_set_new(root, "total",
                        table->options.has_grand_total
                            ? json_measures(table->totals, false)
                            : json_null());
    json_t *operations = json_array();
    for (size_t i = 0; i < ob_cube_operation_count(cube); i++) {
        const ob_operation_info *info = ob_cube_operation(cube, i);
        json_array_append_new(
            operations,
            json_pack("{s:s,s:I,s:o}", "name", info->name,
                      "countries_present",
                      (json_int_t)info->countries_present,
                      "countries_declared",
                      info->countries_declared
                          ? json_integer(info->countries_declared)
                          : json_null()));
    }
    json_object_set_new(root, "operations", operations);
    json_t *partitions = json_array();
    for (size_t p = 0; p < table->partition_count; p++)
        json_array_append_new(partitions,
                              json_partition(table, &table->partitions[p],
                                             is_monthly));
    json_object_set_new(root, "partitions", partitions);
    return root;
}

static ob_status
dump_json(FILE *file, json_t *root, ob_error *error)
{
    int status = root == NULL
                     ? -1
                     : json_dumpf(root, file,
                                  JSON_INDENT(2) | JSON_PRESERVE_ORDER
                                      | JSON_REAL_PRECISION(6));
    json_decref(root);
    fputc('\n', file);
    if (status != 0 || ferror(file))
        return ob_error_set(error, OB_ERR_IO, "write error");
    return OB_OK;
}

ob_status
write_json(FILE *file, const ob_table *table, ob_cube *cube, ob_error *error)
{
    return dump_json(file, json_table(table, cube), error);
}

ob_status
write_json_publication(FILE *file, const ob_table *const *tables,
                       ob_cube *const *cubes, size_t count,
                       const write_protection *protection, ob_error *error)
{
    json_t *root = json_object();
    json_t *items = json_array();
    for (size_t i = 0; i < count; i++)
        json_array_append_new(items, json_table(tables[i], cubes[i]));
    json_object_set_new(root, "opbrief", json_string(OB_VERSION));
    json_object_set_new(
        root, "protection",
        json_pack("{s:I,s:b,s:I,s:I,s:o}", "suppress_below",
                  (json_int_t)protection->threshold, "enabled",
                  protection->threshold > 0, "primary",
                  (json_int_t)protection->primary, "complementary",
                  (json_int_t)protection->complementary,
                  "fewest_complementary",
                  protection->has_minimum
                      ? json_integer((json_int_t)protection->minimum)
                      : json_null()));
    if (protection->vintage != NULL)
        json_object_set_new(root, "vintage",
                            json_string(protection->vintage));
    json_object_set_new(root, "tables", items);
    return dump_json(file, root, error);
}

/* ---- text table --------------------------------------------------------- */

enum { TEXT_CELLS = OB_GROUPING_MAX_KEYS + 2 + OB_MEASURE_COUNT };

typedef struct text_row {
    char cells[TEXT_CELLS][96];
} text_row;

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
text_group_row(text_row *row, const ob_table *table,
               const ob_table_group *group)
{
    for (size_t k = 0; k < OB_GROUPING_MAX_KEYS; k++)
        snprintf(row->cells[k], sizeof row->cells[k], "%s",
                 k < table->grouping.key_count ? group->group->keys[k].label
                                               : "");
    ob_format_count(row->cells[2], sizeof row->cells[2],
                    (double)group->group->rows, ",");
    ob_format_count(row->cells[3], sizeof row->cells[3],
                    (double)group->group->countries, ",");
    for (size_t m = 0; m < OB_MEASURE_COUNT; m++)
        write_cell_text(row->cells[4 + m], sizeof row->cells[4 + m],
                        &group->cells[m], ",");
}

ob_status
write_text_table(FILE *file, const ob_table *table,
                 const write_options *options, ob_error *error)
{
    size_t row_count = table->group_count + 1;
    if (options->has_stats)
        row_count += table->partition_count;
    text_row *rows = calloc(row_count, sizeof *rows);
    if (rows == NULL)
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    size_t used = 0;
    text_row *heading = &rows[used++];
    for (size_t k = 0; k < table->grouping.key_count; k++)
        snprintf(heading->cells[k], sizeof heading->cells[k], "%s",
                 key_column_name(&table->grouping, k));
    snprintf(heading->cells[2], sizeof heading->cells[2], "rows");
    snprintf(heading->cells[3], sizeof heading->cells[3], "countries");
    for (size_t m = 0; m < OB_MEASURE_COUNT; m++)
        snprintf(heading->cells[4 + m], sizeof heading->cells[4 + m], "%s",
                 ob_measure_name((ob_measure)m));
    for (size_t p = 0; p < table->partition_count; p++) {
        const ob_partition *partition = &table->partitions[p];
        for (size_t i = 0; i < partition->group_count; i++)
            text_group_row(&rows[used++], table,
                           &table->groups[partition->first_group + i]);
        if (!options->has_stats || table->grouping.key_count == 0)
            continue;
        text_row *total = &rows[used++];
        if (partition->key != NULL)
            snprintf(total->cells[0], sizeof total->cells[0], "%s",
                     partition->key->label);
        snprintf(total->cells[table->grouping.key_count - 1],
                 sizeof total->cells[0], "Total");
        ob_format_count(total->cells[2], sizeof total->cells[2],
                        (double)partition->rows, ",");
        for (size_t m = 0; m < OB_MEASURE_COUNT; m++)
            write_cell_text(total->cells[4 + m], sizeof total->cells[4 + m],
                            &partition->totals[m], ",");
    }
    size_t widths[TEXT_CELLS] = {0};
    for (size_t r = 0; r < used; r++) {
        for (size_t c = 0; c < TEXT_CELLS; c++) {
            size_t width = display_width(rows[r].cells[c]);
            if (width > widths[c])
                widths[c] = width;
        }
    }
    for (size_t r = 0; r < used; r++) {
        bool is_first = true;
        for (size_t c = 0; c < TEXT_CELLS; c++) {
            if (c < OB_GROUPING_MAX_KEYS && c >= table->grouping.key_count)
                continue;
            if (!is_first)
                fputs("  ", file);
            is_first = false;
            size_t pad = widths[c] - display_width(rows[r].cells[c]);
            if (c < OB_GROUPING_MAX_KEYS)
                fprintf(file, "%s%*s", rows[r].cells[c], (int)pad, "");
            else
                fprintf(file, "%*s%s", (int)pad, "", rows[r].cells[c]);
        }
        fputc('\n', file);
    }
    free(rows);
    if (table->suppressed_primary + table->suppressed_complementary > 0)
        fprintf(file,
                "\n<%lld: fewer than %lld victims; x: hidden so that no "
                "\"<%lld\" can be worked out from the totals.\n",
                (long long)table->options.suppress_below,
                (long long)table->options.suppress_below,
                (long long)table->options.suppress_below);
    if (table->options.suppress_below == 0)
        fputs("\nSmall-cell protection is off (--suppress-below 0): small "
              "victim counts are shown as they are.\n",
              file);
    if (ferror(file))
        return ob_error_set(error, OB_ERR_IO, "write error");
    return OB_OK;
}
