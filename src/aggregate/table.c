/* From a cube to the published table: partitions, totals, protection,
 * intervals, shares, ranks, changes over time, summaries and trends. */
#include "opbrief/stats.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "opbrief/disclosure.h"
#include "stats_internal.h"

void
ob_table_options_init(ob_table_options *options)
{
    options->suppress_below = OB_DEFAULT_SUPPRESS_BELOW;
    options->trend_months = OB_DEFAULT_TREND_MONTHS;
    options->has_intervals = true;
    options->has_grand_total = true;
    options->publication = NULL;
    options->filter_count = 0;
}

void
ob_table_free(ob_table *table)
{
    if (table == NULL)
        return;
    free(table->groups);
    free(table->partitions);
    free(table->figure_ids);
    free(table);
}

static void
add_sum(ob_sum *into, const ob_sum *sum)
{
    /* Group sums passed the overflow check one by one; their total is
     * checked again here. */
    if (__builtin_add_overflow(into->value, sum->value, &into->value))
        into->value = INT64_MAX;
    into->reported += sum->reported;
    into->missing += sum->missing;
    into->approximate += sum->approximate;
    into->at_least += sum->at_least;
    into->below += sum->below;
}

static void
init_cell(ob_cell *cell, const ob_sum *sum)
{
    memset(cell, 0, sizeof *cell);
    cell->sum = sum;
    cell->has_value = sum->reported > 0 || sum->below > 0;
    cell->value = sum->value;
    cell->is_lower_bound = sum->at_least > 0 || sum->below > 0;
    cell->is_approximate = sum->approximate > 0;
}

static bool
is_hidden(const ob_cell *cell)
{
    return cell->published.protection != OB_PUBLISHED;
}

static bool
same_key(const ob_key_value *a, const ob_key_value *b)
{
    return a->is_none == b->is_none && a->label == b->label;
}

/* ---- partitions and totals ---------------------------------------------- */

static ob_status
make_partitions(ob_table *table, ob_error *error)
{
    size_t count = 0;
    bool is_nested = table->grouping.key_count == 2;
    for (size_t i = 0; i < table->group_count; i++) {
        if (i == 0 || (is_nested
                       && !same_key(&table->groups[i].group->keys[0],
                                    &table->groups[i - 1].group->keys[0])))
            count++;
    }
    if (count == 0)
        count = 1; /* no groups: still one (empty) partition */
    table->partitions = calloc(count, sizeof *table->partitions);
    if (table->partitions == NULL)
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    table->partition_count = count;
    size_t p = 0;
    for (size_t i = 0; i < table->group_count; i++) {
        if (i > 0 && is_nested
            && !same_key(&table->groups[i].group->keys[0],
                         &table->groups[i - 1].group->keys[0]))
            p++;
        ob_partition *partition = &table->partitions[p];
        if (partition->group_count == 0) {
            partition->first_group = i;
            partition->key = is_nested ? &table->groups[i].group->keys[0]
                                       : NULL;
        }
        partition->group_count++;
        partition->rows += table->groups[i].group->rows;
        for (size_t m = 0; m < OB_MEASURE_COUNT; m++)
            add_sum(&partition->total_sums[m],
                    &table->groups[i].group->sums[m]);
    }
    for (size_t q = 0; q < table->partition_count; q++) {
        ob_partition *partition = &table->partitions[q];
        table->total_rows += partition->rows;
        for (size_t m = 0; m < OB_MEASURE_COUNT; m++) {
            add_sum(&table->total_sums[m], &partition->total_sums[m]);
            init_cell(&partition->totals[m], &partition->total_sums[m]);
        }
    }
    for (size_t m = 0; m < OB_MEASURE_COUNT; m++)
        init_cell(&table->totals[m], &table->total_sums[m]);
    return OB_OK;
}

/* ---- protection of victims ---------------------------------------------- */

/* The signature term of key K of GROUPING with VALUE. */
static ob_dc_term
term_of(const ob_grouping *grouping, size_t k, const ob_key_value *value)
{
    ob_dc_term term;
    term.key = grouping->keys[k];
    term.name = term.key == OB_KEY_EXTRA ? grouping->extra_names[k] : NULL;
    if (value->is_none)
        term.value = NULL;
    else if (value->code != NULL)
        term.value = value->code;
    else
        term.value = value->label;
    return term;
}

static ob_dc_figure
figure_of(const ob_cell *cell, const ob_dc_term *terms, size_t term_count)
{
    ob_dc_figure figure;
    memset(&figure, 0, sizeof figure);
    figure.terms = terms;
    figure.term_count = term_count;
    figure.has_value = cell->has_value;
    figure.value = cell->value;
    figure.reported = cell->sum->reported;
    figure.below = cell->sum->below;
    return figure;
}

/* Put the victims of TABLE into DC: its groups, partition totals and
 * grand total as figures, and the levels that make them add up. *IDS (one
 * per group, then per partition, then the grand total; SIZE_MAX for one
 * not published) is the caller's to free(). */
static ob_status
add_table_figures(size_t **ids_out, ob_dc *dc, const ob_table *table,
                  ob_error *error)
{
    size_t n = table->group_count;
    size_t parts = table->partition_count;
    bool is_nested = table->grouping.key_count == 2;
    /* Every figure's terms: the table's filter, then its keys. */
    size_t base = table->options.filter_count;
    ob_dc_term terms[OB_TABLE_MAX_FILTERS + OB_GROUPING_MAX_KEYS];
    assert(base <= OB_TABLE_MAX_FILTERS);
    for (size_t f = 0; f < base; f++)
        terms[f] = table->options.filters[f];
    size_t *ids = malloc((n + parts + 1) * sizeof *ids);
    if (ids == NULL)
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    ob_status status = OB_OK;
    for (size_t i = 0; i < n && status == OB_OK; i++) {
        const ob_table_group *g = &table->groups[i];
        for (size_t k = 0; k < table->grouping.key_count; k++)
            terms[base + k] = term_of(&table->grouping, k,
                                      &g->group->keys[k]);
        ob_dc_figure figure = figure_of(&g->cells[OB_MEASURE_VICTIMS], terms,
                                        base + table->grouping.key_count);
        status = ob_dc_add(&ids[i], dc, &figure, error);
        if (status == OB_OK && is_nested) {
            /* The column: the inner value over every outer one, a sum a
             * reader forms that links this table to others. */
            ob_dc_term column[OB_TABLE_MAX_FILTERS + 1];
            memcpy(column, terms, base * sizeof *column);
            column[base] = terms[base + 1];
            size_t ignored;
            status = ob_dc_add_latent(&ignored, dc, column, base + 1, 0,
                                      error);
        }
    }
    for (size_t p = 0; p < parts && status == OB_OK; p++) {
        const ob_partition *partition = &table->partitions[p];
        ids[n + p] = SIZE_MAX;
        if (!is_nested || partition->key == NULL)
            continue; /* one key, or no groups at all */
        terms[base] = term_of(&table->grouping, 0, partition->key);
        ob_dc_figure figure =
            figure_of(&partition->totals[OB_MEASURE_VICTIMS], terms, base + 1);
        status = ob_dc_add(&ids[n + p], dc, &figure, error);
        if (status == OB_OK)
            status = ob_dc_add_level(dc, terms, base + 1,
                                     ids + partition->first_group,
                                     partition->group_count, error);
    }
    ids[n + parts] = SIZE_MAX;
    if (status == OB_OK && table->options.has_grand_total) {
        ob_dc_figure figure =
            figure_of(&table->totals[OB_MEASURE_VICTIMS], terms, base);
        status = ob_dc_add(&ids[n + parts], dc, &figure, error);
    }
    /* A table that publishes no total (a series of the last months) may
     * not cover its base: no level of it then. */
    if (status == OB_OK && n > 0 && table->options.has_grand_total)
        status = is_nested
                     ? ob_dc_add_inner_level(dc, terms, base, ids, n, error)
                     : ob_dc_add_level(dc, terms, base, ids, n, error);
    if (status == OB_OK && is_nested && n > 0)
        status = ob_dc_add_level(dc, terms, base, ids + n, parts, error);
    if (status != OB_OK) {
        free(ids);
        return status;
    }
    *ids_out = ids;
    return OB_OK;
}

/* Add latent figures of every operation under TERMS (BASE of them) and
 * the level that makes TERMS their sum. */
static ob_status
add_operation_level(ob_dc *dc, ob_dc_term *terms, size_t base,
                    ob_cube *cube, size_t *ids, ob_error *error)
{
    size_t count = ob_cube_operation_count(cube);
    ob_status status = OB_OK;
    for (size_t i = 0; i < count && status == OB_OK; i++) {
        const ob_operation_info *info = ob_cube_operation(cube, i);
        if (info == NULL)
            return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
        terms[base] = (ob_dc_term){OB_KEY_OPERATION, NULL, info->name};
        status = ob_dc_add_latent(&ids[i], dc, terms, base + 1, 0, error);
    }
    if (status == OB_OK)
        status = ob_dc_add_level(dc, terms, base, ids, count, error);
    return status;
}

/* The operations of the table's records: a reader knows the list (every
 * output names them), so the table's base, and each of its groups, is
 * the sum of its operations' figures, printed or not. They tie a briefing
 * of one operation to a table of all, and with the cell counts they say
 * which operation's part of a group is only upstream "<N" cells. */
static ob_status
add_operation_sums(ob_dc *dc, const ob_table *table, ob_cube *cube,
                   ob_error *error)
{
    size_t count = ob_cube_operation_count(cube);
    if (count < 2)
        return OB_OK; /* one operation is the base itself */
    size_t base = table->options.filter_count;
    size_t groups = table->group_count;
    /* ids[g * count + o]: operation o's part of group g; the last row
     * for the base. */
    size_t *ids = malloc((groups + 1) * count * sizeof *ids);
    if (ids == NULL)
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    ob_dc_term terms[OB_TABLE_MAX_FILTERS + OB_GROUPING_MAX_KEYS + 1];
    for (size_t f = 0; f < base; f++)
        terms[f] = table->options.filters[f];
    ob_status status = add_operation_level(dc, terms, base, cube,
                                           ids + groups * count, error);
    bool has_operation_key = false;
    for (size_t k = 0; k < table->grouping.key_count; k++)
        has_operation_key |= table->grouping.keys[k] == OB_KEY_OPERATION;
    if (has_operation_key || groups == 0) {
        free(ids);
        return status;
    }
    for (size_t i = 0; i < groups && status == OB_OK; i++) {
        const ob_table_group *g = &table->groups[i];
        for (size_t k = 0; k < table->grouping.key_count; k++)
            terms[base + k] = term_of(&table->grouping, k,
                                      &g->group->keys[k]);
        status = add_operation_level(dc, terms,
                                     base + table->grouping.key_count, cube,
                                     ids + i * count, error);
    }
    /* And each operation is the sum of its parts of the groups: the
     * groups a table lists are all there are (unless the table publishes
     * no total: a window of months is not all of an operation). */
    if (!table->options.has_grand_total)
        groups = 0;
    size_t *parts = malloc((groups ? groups : 1) * sizeof *parts);
    if (status == OB_OK && parts == NULL)
        status = ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    for (size_t o = 0; o < count && status == OB_OK && groups > 0; o++) {
        const ob_operation_info *info = ob_cube_operation(cube, o);
        terms[base] = (ob_dc_term){OB_KEY_OPERATION, NULL, info->name};
        for (size_t i = 0; i < groups; i++)
            parts[i] = ids[i * count + o];
        status = ob_dc_add_level(dc, terms, base + 1, parts, groups, error);
    }
    free(parts);
    free(ids);
    return status;
}

static ob_protection
protection_of(const ob_dc *dc, size_t id)
{
    return id == SIZE_MAX ? OB_PUBLISHED : ob_dc_protection(dc, id);
}

/* Take the decisions of DC for the figures of TABLE. */
static void
apply_protection(ob_table *table, const ob_dc *dc)
{
    const size_t *ids = table->figure_ids;
    size_t n = table->group_count;
    size_t parts = table->partition_count;
    bool is_nested = table->grouping.key_count == 2;
    for (size_t i = 0; i < n; i++)
        table->groups[i].cells[OB_MEASURE_VICTIMS].published.protection =
            protection_of(dc, ids[i]);
    /* The grand total is decided even when it is not published: a reader
     * of a table without it still must not see it in a one-key
     * partition's total. */
    ob_protection total = protection_of(dc, ids[n + parts]);
    for (size_t p = 0; p < parts; p++)
        table->partitions[p].totals[OB_MEASURE_VICTIMS].published.protection =
            is_nested ? protection_of(dc, ids[n + p]) : total;
    table->totals[OB_MEASURE_VICTIMS].published.protection = total;
    /* With no key, the one group is the total. */
    if (table->grouping.key_count == 0 && n == 1)
        table->groups[0].cells[OB_MEASURE_VICTIMS].published.protection = total;
    /* A table that publishes no total (a series by month: no sum over
     * months) gives none away either, through shares or a mean: its
     * total stands as hidden, for every measure. */
    if (!table->options.has_grand_total) {
        for (size_t m = 0; m < OB_MEASURE_COUNT; m++) {
            table->totals[m].published.protection =
                OB_SUPPRESSED_COMPLEMENTARY;
            for (size_t p = 0; p < parts && !is_nested; p++)
                table->partitions[p].totals[m].published.protection =
                    OB_SUPPRESSED_COMPLEMENTARY;
        }
    }
    /* Every figure of the table once: groups, partition totals, and the
     * total unless it is the one group. */
    table->suppressed_primary = 0;
    table->suppressed_complementary = 0;
    size_t count = n + parts + 1;
    for (size_t i = 0; i < count; i++) {
        bool is_repeat = ids[i] == SIZE_MAX
                         || (i == n + parts && n == 1 && ids[0] == ids[i]);
        if (is_repeat)
            continue;
        ob_protection protection = ob_dc_protection(dc, ids[i]);
        table->suppressed_primary += protection == OB_SUPPRESSED_PRIMARY;
        table->suppressed_complementary +=
            protection == OB_SUPPRESSED_COMPLEMENTARY;
    }
}

/* ---- per cell ----------------------------------------------------------- */

static ob_status
fill_intervals(ob_cell *cell, const ob_cell *total, bool has_intervals,
               ob_error *error)
{
    if (!cell->has_value || is_hidden(cell))
        return OB_OK;
    cell->count.has_value = true;
    cell->count.value = (double)cell->value;
    if (has_intervals) {
        ob_status status = ob_poisson_interval(
            &cell->count.low, &cell->count.high, cell->value, error);
        if (status != OB_OK)
            return status;
        cell->count.has_interval = true;
    }
    if (total == NULL || !total->has_value || is_hidden(total)
        || total->value <= 0 || cell->value > total->value)
        return OB_OK;
    cell->share.has_value = true;
    cell->share.value = (double)cell->value / (double)total->value;
    if (!has_intervals)
        return OB_OK;
    cell->share.has_interval = true;
    return ob_proportion_interval(&cell->share.low, &cell->share.high,
                                  cell->value, total->value, error);
}

/* Ranks within a partition: 1 for the largest, ties share a rank, hidden
 * cells and "none" groups have none (and leave no gap). */
static void
rank_partition(ob_table *table, const ob_partition *partition, size_t m)
{
    for (size_t i = 0; i < partition->group_count; i++) {
        ob_table_group *group = &table->groups[partition->first_group + i];
        ob_cell *cell = &group->cells[m];
        if (!cell->has_value || is_hidden(cell)
            || group->group->keys[table->grouping.key_count - 1].is_none)
            continue;
        size_t larger = 0;
        for (size_t j = 0; j < partition->group_count; j++) {
            const ob_table_group *other =
                &table->groups[partition->first_group + j];
            const ob_cell *o = &other->cells[m];
            if (o->has_value && !is_hidden(o)
                && !other->group->keys[table->grouping.key_count - 1].is_none
                && o->value > cell->value)
                larger++;
        }
        cell->rank = larger + 1;
    }
}

/* ---- time --------------------------------------------------------------- */

static const ob_cell *
cell_at_month(const ob_table *table, const ob_partition *partition,
              int month_index, size_t m)
{
    size_t key = table->grouping.key_count - 1;
    for (size_t i = 0; i < partition->group_count; i++) {
        const ob_table_group *group =
            &table->groups[partition->first_group + i];
        if (!group->group->keys[key].is_none
            && group->group->keys[key].month_index == month_index)
            return &group->cells[m];
    }
    return NULL;
}

static void
fill_change(ob_change *change, const ob_cell *current, const ob_cell *base)
{
    memset(change, 0, sizeof *change);
    if (base == NULL || !base->has_value || !current->has_value
        || is_hidden(base) || is_hidden(current))
        return;
    change->has_value = true;
    change->absolute = current->value - base->value;
    if (base->value == 0) {
        change->is_new = current->value > 0;
        return;
    }
    change->has_relative = true;
    change->relative = (double)change->absolute / (double)base->value;
}

static ob_status
fill_time(ob_table *table, ob_partition *partition, ob_error *error)
{
    size_t key = table->grouping.key_count - 1;
    int last = -1;
    for (size_t i = 0; i < partition->group_count; i++) {
        const ob_table_group *group =
            &table->groups[partition->first_group + i];
        if (!group->group->keys[key].is_none
            && group->group->keys[key].month_index > last)
            last = group->group->keys[key].month_index;
    }
    for (size_t i = 0; i < partition->group_count; i++) {
        ob_table_group *group = &table->groups[partition->first_group + i];
        if (group->group->keys[key].is_none)
            continue;
        int month = group->group->keys[key].month_index;
        for (size_t m = 0; m < OB_MEASURE_COUNT; m++) {
            fill_change(&group->cells[m].month_over_month, &group->cells[m],
                        cell_at_month(table, partition, month - 1, m));
            fill_change(&group->cells[m].year_over_year, &group->cells[m],
                        cell_at_month(table, partition, month - 12, m));
        }
    }
    if (last < 0 || table->options.trend_months == 0)
        return OB_OK;
    size_t window = table->options.trend_months;
    int first = last - (int)window + 1;
    double *x = malloc(window * sizeof *x);
    double *y = malloc(window * sizeof *y);
    if (x == NULL || y == NULL) {
        free(x);
        free(y);
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    }
    ob_status status = OB_OK;
    for (size_t m = 0; m < OB_MEASURE_COUNT && status == OB_OK; m++) {
        size_t count = 0;
        bool is_withheld = false;
        int first_seen = -1;
        for (int month = first; month <= last; month++) {
            const ob_cell *cell = cell_at_month(table, partition, month, m);
            if (cell == NULL || !cell->has_value)
                continue;
            if (is_hidden(cell))
                is_withheld = true;
            if (first_seen < 0)
                first_seen = month;
            x[count] = (double)(month - first_seen);
            y[count] = (double)cell->value;
            count++;
        }
        ob_trend *trend = &partition->trends[m];
        if (is_withheld) {
            memset(trend, 0, sizeof *trend);
            trend->is_withheld = true;
            trend->months = count;
            continue;
        }
        status = ob_fit_trend(trend, x, y, count, error);
        trend->first_month_index = first_seen;
        trend->last_month_index = last;
    }
    free(x);
    free(y);
    return status;
}

/* ---- summaries ---------------------------------------------------------- */

static int
compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a;
    double y = *(const double *)b;
    return (x > y) - (x < y);
}

static ob_status
summarize_partition(ob_table *table, ob_partition *partition, size_t m,
                    double *values, bool *hidden, ob_error *error)
{
    size_t key = table->grouping.key_count ? table->grouping.key_count - 1
                                           : 0;
    size_t count = 0;
    bool is_none_hidden = false;
    bool has_hidden = false;
    /* Values with their hidden flags, sorted together. */
    double *pairs = malloc(2 * (partition->group_count + 1) * sizeof *pairs);
    if (pairs == NULL)
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < partition->group_count; i++) {
        const ob_table_group *group =
            &table->groups[partition->first_group + i];
        const ob_cell *cell = &group->cells[m];
        if (!cell->has_value)
            continue;
        bool is_none = table->grouping.key_count > 0
                       && group->group->keys[key].is_none;
        if (is_none) {
            is_none_hidden |= is_hidden(cell);
            continue;
        }
        has_hidden |= is_hidden(cell);
        pairs[2 * count] = (double)cell->value;
        pairs[2 * count + 1] = is_hidden(cell) ? 1.0 : 0.0;
        count++;
    }
    qsort(pairs, count, 2 * sizeof *pairs, compare_doubles);
    for (size_t i = 0; i < count; i++) {
        values[i] = pairs[2 * i];
        hidden[i] = pairs[2 * i + 1] != 0.0;
    }
    free(pairs);
    const ob_cell *total = &partition->totals[m];
    ob_summary *summary = &partition->summaries[m];
    ob_status status = ob_summarize(summary, values, count,
                                    total->has_value ? (double)total->value
                                                     : 0.0,
                                    error);
    if (status != OB_OK || count == 0)
        return status;
    if (!has_hidden && !is_none_hidden && !is_hidden(total))
        return OB_OK;
    /* Publish only what the published numbers already say: the mean is
     * the total over the groups, when both are shown. An order statistic
     * is withheld whenever a group is hidden, wherever the hidden one
     * falls: whether a median is shown must not depend on where a hidden
     * value lies (a median of 20 shown beside "x" and 30 says x <= 20). */
    summary->is_withheld = true;
    summary->has_sd = false;
    if (is_none_hidden || is_hidden(total))
        summary->has_mean = false;
    summary->has_median = false;
    summary->has_quartiles = false;
    summary->has_p90 = false;
    summary->has_top5 = false;
    return OB_OK;
}

/* ---- the table ---------------------------------------------------------- */

/* The published figure of CELL: its value only when it is shown. */
static void
publish_cell(ob_cell *cell, int64_t threshold)
{
    ob_figure *figure = &cell->published;
    bool is_shown = figure->protection == OB_PUBLISHED;
    figure->has_value = cell->has_value;
    figure->value = is_shown && cell->has_value ? cell->value : 0;
    figure->threshold = threshold;
    figure->is_approximate = is_shown && cell->is_approximate;
    figure->is_lower_bound = is_shown && cell->is_lower_bound;
}

static void
publish_cells(ob_table *table)
{
    int64_t threshold = table->options.suppress_below;
    for (size_t m = 0; m < OB_MEASURE_COUNT; m++) {
        publish_cell(&table->totals[m], threshold);
        for (size_t p = 0; p < table->partition_count; p++)
            publish_cell(&table->partitions[p].totals[m], threshold);
        for (size_t i = 0; i < table->group_count; i++)
            publish_cell(&table->groups[i].cells[m], threshold);
    }
}

/* Everything that follows from the protection: intervals, shares, ranks,
 * statistics, changes and trends of the figures that are shown. */
static ob_status
fill_published(ob_table *table, ob_error *error)
{
    publish_cells(table);
    ob_status status = OB_OK;
    for (size_t m = 0; m < OB_MEASURE_COUNT && status == OB_OK; m++)
        status = fill_intervals(&table->totals[m], NULL,
                                table->options.has_intervals, error);
    double *values = malloc((table->group_count + 1) * sizeof *values);
    bool *hidden = malloc((table->group_count + 1) * sizeof *hidden);
    if (values == NULL || hidden == NULL) {
        free(values);
        free(hidden);
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    }
    bool is_monthly = table->grouping.key_count > 0
                      && table->grouping.keys[table->grouping.key_count - 1]
                             == OB_KEY_MONTH;
    for (size_t p = 0; p < table->partition_count && status == OB_OK; p++) {
        ob_partition *partition = &table->partitions[p];
        for (size_t m = 0; m < OB_MEASURE_COUNT && status == OB_OK; m++) {
            status = fill_intervals(&partition->totals[m], &table->totals[m],
                                    table->options.has_intervals, error);
            for (size_t i = 0; i < partition->group_count && status == OB_OK;
                 i++)
                status = fill_intervals(
                    &table->groups[partition->first_group + i].cells[m],
                    &partition->totals[m], table->options.has_intervals,
                    error);
            if (status == OB_OK && table->grouping.key_count > 0)
                rank_partition(table, partition, m);
            if (status == OB_OK)
                status = summarize_partition(table, partition, m, values,
                                             hidden, error);
        }
        if (status == OB_OK && is_monthly)
            status = fill_time(table, partition, error);
    }
    free(values);
    free(hidden);
    for (size_t i = 0; i < table->group_count; i++) {
        ob_table_group *group = &table->groups[i];
        const ob_cell *arrests = &group->cells[OB_MEASURE_ARRESTS];
        const ob_cell *victims = &group->cells[OB_MEASURE_VICTIMS];
        if (arrests->has_value && arrests->value > 0 && victims->has_value
            && !is_hidden(victims)) {
            group->victims_per_arrest.has_value = true;
            group->victims_per_arrest.value =
                (double)victims->value / (double)arrests->value;
        }
    }
    return status;
}

ob_status
ob_table_new(ob_table **out, ob_cube *cube, const ob_table_options *options,
             ob_error *error)
{
    *out = NULL;
    stats_init();
    ob_table *table = calloc(1, sizeof *table);
    if (table == NULL)
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    table->grouping = *ob_cube_grouping(cube);
    table->options = *options;
    table->group_count = ob_cube_group_count(cube);
    table->groups = calloc(table->group_count ? table->group_count : 1,
                           sizeof *table->groups);
    if (table->groups == NULL) {
        ob_table_free(table);
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < table->group_count; i++) {
        ob_table_group *group = &table->groups[i];
        group->group = ob_cube_group(cube, i);
        for (size_t m = 0; m < OB_MEASURE_COUNT; m++)
            init_cell(&group->cells[m], &group->group->sums[m]);
    }
    /* Alone, the table is its own publication; joined to one, it waits
     * for ob_table_publish(). */
    ob_dc *own = NULL;
    ob_dc *dc = options->publication;
    ob_status status = make_partitions(table, error);
    if (status == OB_OK && dc == NULL) {
        status = ob_dc_new(&own, options->suppress_below, error);
        if (status == OB_OK)
            ob_dc_restrict_places(own, cube);
        dc = own;
    }
    if (status == OB_OK)
        status = add_table_figures(&table->figure_ids, dc, table, error);
    if (status == OB_OK)
        status = add_operation_sums(dc, table, cube, error);
    if (status == OB_OK && own != NULL) {
        status = ob_dc_protect(own, error);
        if (status == OB_OK) {
            apply_protection(table, own);
            status = fill_published(table, error);
        }
    }
    ob_dc_free(own);
    if (status != OB_OK) {
        ob_table_free(table);
        return status;
    }
    *out = table;
    return OB_OK;
}

ob_status
ob_table_publish(ob_table *table, ob_error *error)
{
    assert(table->options.publication != NULL);
    apply_protection(table, table->options.publication);
    return fill_published(table, error);
}
