/* Tests of the aggregate stage on records built by hand; the expected sums
 * are hand arithmetic, written beside each assertion. Links the aggregate
 * stage and the core only. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "opbrief/cube.h"
#include "opbrief/disclosure.h"
#include "opbrief/stats.h"

static ob_cube *
new_cube(const char *by)
{
    ob_grouping grouping;
    ob_error error;
    ob_cube *cube;
    assert_int_equal(ob_grouping_parse(&grouping, by, &error), OB_OK);
    assert_int_equal(ob_cube_new(&cube, &grouping, &error), OB_OK);
    return cube;
}

static ob_record
make_record(const char *operation, const char *country, int64_t arrests,
            int64_t victims)
{
    ob_record record;
    memset(&record, 0, sizeof record);
    record.source = "test";
    record.operation = operation;
    record.country = country ? ob_country_find(country, strlen(country)) : NULL;
    record.measures[OB_MEASURE_ARRESTS].value = arrests;
    record.measures[OB_MEASURE_ARRESTS].qualifier = OB_QUALIFIER_EXACT;
    record.measures[OB_MEASURE_VICTIMS].value = victims;
    record.measures[OB_MEASURE_VICTIMS].qualifier = OB_QUALIFIER_EXACT;
    return record;
}

static void
add(ob_cube *cube, ob_record record)
{
    ob_error error;
    assert_int_equal(ob_cube_add(cube, &record, &error), OB_OK);
}

static void
operation_names_fold_case_and_spaces(void **state)
{
    (void)state;
    assert_true(ob_operation_same("Flash-Weka", "FLASH-WEKA"));
    assert_true(ob_operation_same(" Storm  Makers", "storm makers "));
    assert_false(ob_operation_same("Intercops", "Intercops II"));
    assert_false(ob_operation_same("Flash Weka", "Flash-Weka"));
}

static void
groups_by_operation_keep_first_spelling(void **state)
{
    (void)state;
    ob_cube *cube = new_cube("operation");
    add(cube, make_record("FLASH-WEKA", "TGO", 4, 30));
    add(cube, make_record("Flash-Weka", "SLE", 2, 15));
    add(cube, make_record("flash-weka", "TGO", 1, 0));
    add(cube, make_record("Akoma", NULL, 7, 3));
    assert_int_equal(ob_cube_group_count(cube), 2);
    /* Sorted by folded name: "akoma" before "flash-weka". */
    const ob_group *akoma = ob_cube_group(cube, 0);
    assert_string_equal(akoma->keys[0].label, "Akoma");
    assert_int_equal(akoma->rows, 1);
    assert_int_equal(akoma->countries, 0); /* not attributed */
    const ob_group *flash = ob_cube_group(cube, 1);
    assert_string_equal(flash->keys[0].label, "FLASH-WEKA");
    assert_int_equal(flash->rows, 3);
    assert_int_equal(flash->countries, 2); /* TGO twice, SLE */
    assert_int_equal(flash->sums[OB_MEASURE_ARRESTS].value, 4 + 2 + 1);
    assert_int_equal(flash->sums[OB_MEASURE_VICTIMS].value, 30 + 15 + 0);
    assert_int_equal(flash->sums[OB_MEASURE_MIGRANTS].missing, 3);
    assert_int_equal(flash->sums[OB_MEASURE_MIGRANTS].reported, 0);
    ob_cube_free(cube);
}

static void
groups_by_country_put_unattributed_last(void **state)
{
    (void)state;
    ob_cube *cube = new_cube("country");
    add(cube, make_record("A", NULL, 1, 1));
    add(cube, make_record("A", "TGO", 4, 30));
    add(cube, make_record("B", "AGO", 3, 7));
    add(cube, make_record("B", "Togo", 2, 2));
    assert_int_equal(ob_cube_group_count(cube), 3);
    assert_string_equal(ob_cube_group(cube, 0)->keys[0].code, "AGO");
    const ob_group *togo = ob_cube_group(cube, 1);
    assert_string_equal(togo->keys[0].code, "TGO");
    assert_int_equal(togo->sums[OB_MEASURE_VICTIMS].value, 32);
    assert_int_equal(togo->rows, 2);
    assert_true(ob_cube_group(cube, 2)->keys[0].is_none);
    assert_string_equal(ob_cube_group(cube, 2)->keys[0].label,
                        "Not attributed");
    ob_cube_free(cube);
}

static void
qualified_cells_are_counted_apart(void **state)
{
    (void)state;
    ob_cube *cube = new_cube("");
    ob_record record = make_record("A", "LBY", 0, 0);
    record.measures[OB_MEASURE_MIGRANTS] = (ob_count){700, OB_QUALIFIER_APPROX};
    add(cube, record);
    record.measures[OB_MEASURE_MIGRANTS] =
        (ob_count){200, OB_QUALIFIER_AT_LEAST};
    add(cube, record);
    record.measures[OB_MEASURE_MIGRANTS] = (ob_count){5, OB_QUALIFIER_BELOW};
    add(cube, record);
    record.measures[OB_MEASURE_MIGRANTS] = (ob_count){0, OB_QUALIFIER_MISSING};
    add(cube, record);
    const ob_group *total = ob_cube_group(cube, 0);
    const ob_sum *migrants = &total->sums[OB_MEASURE_MIGRANTS];
    /* 700 + 200; "<5" adds nothing and makes the sum a lower bound. */
    assert_int_equal(migrants->value, 900);
    assert_int_equal(migrants->reported, 2);
    assert_int_equal(migrants->approximate, 1);
    assert_int_equal(migrants->at_least, 1);
    assert_int_equal(migrants->below, 1);
    assert_int_equal(migrants->missing, 1);
    assert_int_equal(total->rows, 4);
    assert_int_equal(total->countries, 1);
    ob_cube_free(cube);
}

static void
overflowing_sum_is_an_error(void **state)
{
    (void)state;
    ob_cube *cube = new_cube("");
    ob_error error;
    ob_record record = make_record("A", "LBY", INT64_MAX - 1, 0);
    add(cube, record);
    record.measures[OB_MEASURE_ARRESTS].value = 2;
    assert_int_equal(ob_cube_add(cube, &record, &error), OB_ERR_DATA);
    assert_string_equal(error.message, "the sum of arrests is too large to "
                                       "count");
    ob_cube_free(cube);
}

/* Many groups: the hash table grows and every sum stays right. */
static void
many_groups_survive_rehashing(void **state)
{
    (void)state;
    ob_cube *cube = new_cube("operation,country");
    char names[40][16];
    for (int op = 0; op < 40; op++) {
        snprintf(names[op], sizeof names[op], "op %02d", op);
        for (size_t c = 0; c < ob_country_count(); c += 2) {
            ob_record record =
                make_record(names[op], ob_country_at(c)->alpha3, op, 1);
            add(cube, record);
            add(cube, record);
        }
    }
    /* 40 operations x 125 countries (every second of 250). */
    assert_int_equal(ob_cube_group_count(cube), 40 * 125);
    for (size_t i = 0; i < ob_cube_group_count(cube); i++) {
        const ob_group *group = ob_cube_group(cube, i);
        int op = (int)(i / 125);
        assert_string_equal(group->keys[0].label, names[op]);
        assert_int_equal(group->sums[OB_MEASURE_ARRESTS].value, 2 * op);
        assert_int_equal(group->sums[OB_MEASURE_VICTIMS].value, 2);
        assert_int_equal(group->rows, 2);
    }
    ob_cube_free(cube);
}


/* ---- intervals ---------------------------------------------------------- */

static void
assert_near(double actual, double expected, double relative)
{
    double tolerance = relative * (expected != 0 ? fabs(expected) : 1.0);
    if (fabs(actual - expected) > tolerance)
        fail_msg("%.9g is not %.9g (relative tolerance %g)", actual, expected,
                 relative);
}

/* Exact Poisson 95% limits, Garwood (1936), as tabulated by Ulm (1990, Am
 * J Epidemiol 131:373) and given by R's poisson.test(): k = 0: 0, 3.689;
 * 1: 0.0253, 5.572; 3: 0.619, 8.767; 10: 4.795, 18.39; 100: 81.36, 121.63.
 * The six-digit values below were checked by summing Poisson terms in
 * Python: P(X >= k | low) = 0.025 and P(X <= k | high) = 0.025 to within
 * 2e-7. */
static void
poisson_intervals_match_published_tables(void **state)
{
    (void)state;
    static const double table[][3] = {
        {0, 0.0, 3.688879}, {1, 0.025318, 5.571643},
        {3, 0.618672, 8.767273}, {10, 4.795389, 18.390356},
        {100, 81.363979, 121.626794}};
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        double low;
        double high;
        ob_error error;
        assert_int_equal(ob_poisson_interval(&low, &high,
                                             (int64_t)table[i][0], &error),
                         OB_OK);
        assert_near(low, table[i][1], 1e-5);
        assert_near(high, table[i][2], 1e-6);
    }
}

/* Where GSL's own inverse fails to converge (chi-squared, 2 x 1159 + 2
 * degrees of freedom): the interval is still found. Normal approximation
 * k +- 1.96 sqrt(k) checks it loosely: 1092.3, 1225.7. */
static void
poisson_interval_of_a_large_count_is_found(void **state)
{
    (void)state;
    double low;
    double high;
    ob_error error;
    assert_int_equal(ob_poisson_interval(&low, &high, 1159, &error), OB_OK);
    assert_near(low, 1092.3, 2e-3);
    assert_near(high, 1228.0, 3e-3);
}

/* Clopper-Pearson 95%, as R's binom.test(): 0/10 [0, 0.3085], 3/10
 * [0.06674, 0.6525], 10/10 [0.6915, 1]. */
static void
clopper_pearson_matches_binom_test(void **state)
{
    (void)state;
    double low;
    double high;
    ob_error error;
    assert_int_equal(ob_proportion_interval(&low, &high, 0, 10, &error),
                     OB_OK);
    assert_near(low, 0.0, 1e-12);
    assert_near(high, 0.3084971, 1e-6);
    assert_int_equal(ob_proportion_interval(&low, &high, 3, 10, &error),
                     OB_OK);
    assert_near(low, 0.06673951, 1e-6);
    assert_near(high, 0.65245285, 1e-6);
    assert_int_equal(ob_proportion_interval(&low, &high, 10, 10, &error),
                     OB_OK);
    assert_near(low, 0.6915029, 1e-6);
    assert_near(high, 1.0, 1e-12);
    /* GSL's inverse beta fails here (Beta(3, 258) at 97.5%); the normal
     * approximation 2/260 +- 1.96 sqrt(p(1-p)/260) puts the upper limit
     * near 0.018, the exact one is a little above. */
    assert_int_equal(ob_proportion_interval(&low, &high, 2, 260, &error),
                     OB_OK);
    assert_true(low > 0.0009 && low < 0.001);
    assert_true(high > 0.018 && high < 0.03);
    assert_int_equal(ob_proportion_interval(&low, &high, 11, 10, &error),
                     OB_ERR_DATA);
    assert_string_equal(error.message,
                        "a proportion needs 0 <= x <= n and n > 0");
}

/* ---- statistics across groups ------------------------------------------ */

/* R: x <- c(9, 2, 1, 2, 2); quantile(x, c(.25, .5, .75, .9)) gives 2 2 2
 * 6.2 (type 7); mean 3.2; sd(x) = sqrt(42.8 / 4) = 3.271085. */
static void
summary_with_ties_matches_r(void **state)
{
    (void)state;
    double values[] = {9, 2, 1, 2, 2};
    ob_summary summary;
    ob_error error;
    assert_int_equal(ob_summarize(&summary, values, 5, 16, &error), OB_OK);
    assert_int_equal(summary.n, 5);
    assert_near(summary.mean, 3.2, 1e-12);
    assert_near(summary.median, 2, 1e-12);
    assert_near(summary.q1, 2, 1e-12);
    assert_near(summary.q3, 2, 1e-12);
    assert_near(summary.p90, 6.2, 1e-12);
    assert_true(summary.has_sd);
    assert_near(summary.sd, 3.271085, 1e-6);
    /* Top 5 of 5 values: all of the total, 16. */
    assert_near(summary.top5_share, 1.0, 1e-12);
}

static void
summary_of_one_value_has_no_sd(void **state)
{
    (void)state;
    double values[] = {7};
    ob_summary summary;
    ob_error error;
    assert_int_equal(ob_summarize(&summary, values, 1, 7, &error), OB_OK);
    assert_true(summary.has_mean && summary.has_median);
    assert_near(summary.mean, 7, 1e-12);
    assert_near(summary.q1, 7, 1e-12);
    assert_near(summary.q3, 7, 1e-12);
    assert_false(summary.has_sd);
    assert_int_equal(ob_summarize(&summary, values, 0, 0, &error), OB_OK);
    assert_false(summary.has_mean || summary.has_median
                 || summary.has_quartiles || summary.has_sd
                 || summary.has_top5);
}

/* Seven groups of 10 out of 70: the top 5 hold 50/70. Equal values give
 * a standard deviation of exactly 0. */
static void
top5_share_and_equal_values(void **state)
{
    (void)state;
    double values[] = {10, 10, 10, 10, 10, 10, 10};
    ob_summary summary;
    ob_error error;
    assert_int_equal(ob_summarize(&summary, values, 7, 70, &error), OB_OK);
    assert_near(summary.top5_share, 50.0 / 70.0, 1e-12);
    assert_true(summary.has_sd);
    assert_near(summary.sd, 0, 1e-12);
}

/* Hand OLS: x = 0..4, y = 3 5 4 8 10; Sxx = 10, Sxy = 17, slope 1.7,
 * intercept 6 - 1.7 * 2 = 2.6; residual SS 5.1, s^2 = 1.7, se(slope) =
 * sqrt(0.17) = 0.412311; t(0.975, 3) = 3.182446; half width 1.312159. */
static void
trend_matches_hand_ols(void **state)
{
    (void)state;
    double x[] = {0, 1, 2, 3, 4};
    double y[] = {3, 5, 4, 8, 10};
    ob_trend trend;
    ob_error error;
    assert_int_equal(ob_fit_trend(&trend, x, y, 5, &error), OB_OK);
    assert_true(trend.has_value);
    assert_near(trend.slope, 1.7, 1e-12);
    assert_near(trend.intercept, 2.6, 1e-12);
    assert_near(trend.slope_low, 1.7 - 1.312159, 1e-5);
    assert_near(trend.slope_high, 1.7 + 1.312159, 1e-5);
    assert_int_equal(ob_fit_trend(&trend, x, y, 2, &error), OB_OK);
    assert_false(trend.has_value);
}

/* ---- tables ------------------------------------------------------------- */

static ob_record
dated(ob_record record, int year, int month)
{
    record.date.year = year;
    record.date.month = month;
    record.date.day = 1;
    return record;
}

static ob_table *
new_table(ob_cube *cube, int64_t threshold)
{
    ob_table_options options;
    ob_table_options_init(&options);
    options.suppress_below = threshold;
    ob_table *table;
    ob_error error;
    ob_status status = ob_table_new(&table, cube, &options, &error);
    if (status != OB_OK)
        fail_msg("%s", error.message);
    return table;
}

/* Arrests by month: 2022-11: 0, 2022-12: 5, 2023-01: 8, 2023-12: 10.
 * Month over month, 2023-01 against 2022-12 (across the year): +3, +60%;
 * 2022-12 against a zero base: +5, "new"; 2023-12 against 2022-12 (year
 * over year): +5, +100%, and no month over month (2023-11 has no data). */
static void
month_changes_cross_years_and_zero_bases(void **state)
{
    (void)state;
    ob_cube *cube = new_cube("month");
    add(cube, dated(make_record("A", "TGO", 0, 0), 2022, 11));
    add(cube, dated(make_record("A", "TGO", 5, 0), 2022, 12));
    add(cube, dated(make_record("A", "TGO", 8, 0), 2023, 1));
    add(cube, dated(make_record("A", "TGO", 10, 0), 2023, 12));
    ob_table *table = new_table(cube, 10);
    assert_int_equal(table->group_count, 4);
    const ob_cell *december = &table->groups[1].cells[OB_MEASURE_ARRESTS];
    const ob_cell *january = &table->groups[2].cells[OB_MEASURE_ARRESTS];
    const ob_cell *last = &table->groups[3].cells[OB_MEASURE_ARRESTS];
    assert_string_equal(table->groups[2].group->keys[0].label, "2023-01");
    assert_true(january->month_over_month.has_value);
    assert_int_equal(january->month_over_month.absolute, 3);
    assert_near(january->month_over_month.relative, 0.6, 1e-12);
    assert_true(december->month_over_month.has_value);
    assert_true(december->month_over_month.is_new);
    assert_false(december->month_over_month.has_relative);
    assert_false(last->month_over_month.has_value);
    assert_true(last->year_over_year.has_value);
    assert_int_equal(last->year_over_year.absolute, 5);
    assert_near(last->year_over_year.relative, 1.0, 1e-12);
    /* The trend over the last 12 months (2023-01 .. 2023-12) has 2
     * points: none is claimed. */
    assert_false(table->partitions[0].trends[OB_MEASURE_ARRESTS].has_value);
    ob_table_free(table);
    ob_cube_free(cube);
}

/* A trend over months 0, 1, 2, 3, 4 of 2024 with the y of the hand OLS
 * above: the table gives the same slope. */
static void
trend_over_months_in_a_table(void **state)
{
    (void)state;
    ob_cube *cube = new_cube("operation,month");
    int64_t y[] = {3, 5, 4, 8, 10};
    for (int i = 0; i < 5; i++)
        add(cube, dated(make_record("A", "TGO", y[i], 100), 2024, i + 1));
    ob_table *table = new_table(cube, 10);
    const ob_trend *trend = &table->partitions[0].trends[OB_MEASURE_ARRESTS];
    assert_true(trend->has_value);
    assert_int_equal(trend->months, 5);
    assert_near(trend->slope, 1.7, 1e-12);
    assert_int_equal(trend->first_month_index, 2024 * 12);
    ob_table_free(table);
    ob_cube_free(cube);
}

/* Shares, ranks and the victims per arrest of a simple table: victims
 * 30 (TGO), 15 (SLE), 15 (NGA), 0 (AGO) of 60. */
static void
shares_ranks_and_rates(void **state)
{
    (void)state;
    ob_cube *cube = new_cube("country");
    add(cube, make_record("A", "TGO", 4, 30));
    add(cube, make_record("A", "SLE", 5, 15));
    add(cube, make_record("A", "NGA", 3, 15));
    add(cube, make_record("A", "AGO", 0, 0));
    ob_table *table = new_table(cube, 10);
    /* Sorted by name: Angola, Nigeria, Sierra Leone, Togo. */
    const ob_table_group *togo = &table->groups[3];
    assert_string_equal(togo->group->keys[0].code, "TGO");
    assert_near(togo->cells[OB_MEASURE_VICTIMS].share.value, 0.5, 1e-12);
    assert_int_equal(togo->cells[OB_MEASURE_VICTIMS].rank, 1);
    assert_int_equal(table->groups[1].cells[OB_MEASURE_VICTIMS].rank, 2);
    assert_int_equal(table->groups[2].cells[OB_MEASURE_VICTIMS].rank, 2);
    assert_int_equal(table->groups[0].cells[OB_MEASURE_VICTIMS].rank, 4);
    assert_near(togo->victims_per_arrest.value, 7.5, 1e-12);
    /* No arrests in Angola: no rate, not infinity or 0. */
    assert_false(table->groups[0].victims_per_arrest.has_value);
    /* 0 victims is published: protection starts at 1. */
    assert_int_equal(table->groups[0].cells[OB_MEASURE_VICTIMS].published.protection,
                     OB_PUBLISHED);
    ob_table_free(table);
    ob_cube_free(cube);
}

/* ---- protection --------------------------------------------------------- */

/* A reader's view of one number: the interval it must lie in. */
typedef struct view {
    int64_t low;
    int64_t high;
} view;

#define UNKNOWN_HIGH INT64_C(1000000000000)

static view
view_of(const ob_cell *cell, int64_t threshold)
{
    view v = {0, 0};
    switch (cell->published.protection) {
    case OB_PUBLISHED:
        v.low = v.high = cell->has_value ? cell->value : 0;
        break;
    case OB_SUPPRESSED_PRIMARY:
        v.low = 1;
        v.high = threshold - 1;
        break;
    case OB_SUPPRESSED_COMPLEMENTARY:
        v.low = 0;
        v.high = UNKNOWN_HIGH;
        break;
    }
    return v;
}

static void
narrow(view *v, view other)
{
    /* Counts are 0 or more, and nothing here is above UNKNOWN_HIGH. */
    if (other.low < 0)
        other.low = 0;
    if (other.high > UNKNOWN_HIGH)
        other.high = UNKNOWN_HIGH;
    if (other.low > v->low)
        v->low = other.low;
    if (other.high < v->high)
        v->high = other.high;
}

/* TOTAL = sum of MEMBERS: narrow every bound that follows from it. This
 * is every subtraction a reader can make, and more: bounds too. */
static bool
propagate(view *total, view **members, size_t count)
{
    int64_t low_sum = 0;
    int64_t high_sum = 0;
    for (size_t i = 0; i < count; i++) {
        low_sum += members[i]->low;
        high_sum += members[i]->high;
    }
    view before = *total;
    narrow(total, (view){low_sum, high_sum});
    bool is_changed = before.low != total->low || before.high != total->high;
    for (size_t i = 0; i < count; i++) {
        view was = *members[i];
        narrow(members[i], (view){total->low - (high_sum - was.high),
                                  total->high - (low_sum - was.low)});
        is_changed |= was.low != members[i]->low
                      || was.high != members[i]->high;
    }
    return is_changed;
}

static uint64_t random_state;

static uint32_t
next_random(uint32_t bound)
{
    random_state = random_state * 6364136223846793005u + 1442695040888963407u;
    return (uint32_t)((random_state >> 33) % bound);
}

#define MAX_OPS 4
#define MAX_COUNTRIES 10

/* Narrow VIEWS (the cells of a one-key output) by their total. */
static void
attack_one_key(const ob_table *t, int64_t threshold, int trial)
{
    view grand = view_of(&t->totals[OB_MEASURE_VICTIMS], threshold);
    view cells[64];
    view *members[64];
    assert_true(t->group_count <= 64);
    /* "x" cells are chosen without looking at their values (README:
     * "Protecting victims"), so a reader learns only that one is 0 or
     * more. */
    for (size_t i = 0; i < t->group_count; i++) {
        const ob_cell *cell = &t->groups[i].cells[OB_MEASURE_VICTIMS];
        cells[i] = view_of(cell, threshold);
        members[i] = &cells[i];
    }
    while (propagate(&grand, members, t->group_count))
        ;
    for (size_t i = 0; i < t->group_count; i++) {
        const ob_cell *cell = &t->groups[i].cells[OB_MEASURE_VICTIMS];
        if (cell->published.protection != OB_PUBLISHED && cells[i].low >= cells[i].high)
            fail_msg("trial %d: %s (%lld victims) is worked out as %lld",
                     trial, t->groups[i].group->keys[0].label,
                     (long long)cell->value, (long long)cells[i].low);
    }
}

/* Random operation x country tables of victims, many of them small. In
 * each output (--by operation,country with its operation totals and grand
 * total; --by country with its grand total), every sum is used to narrow
 * the hidden numbers, bounds included ("<10" is 1 to 9, "x" is 0 or
 * more). None may come out pinned, and no hidden count may show through a
 * share, interval, rank or rate. */
static void
no_hidden_victim_count_can_be_worked_out(void **state)
{
    (void)state;
    static const char *const codes[MAX_COUNTRIES] = {
        "AGO", "BEN", "CIV", "GHA", "GIN", "MLI", "NER", "NGA", "SLE", "TGO"};
    static const char *const ops[MAX_OPS] = {"A", "B", "C", "D"};
    int64_t threshold = 10;
    size_t hidden_seen = 0;
    random_state = 20230501;
    for (int trial = 0; trial < 2000; trial++) {
        ob_cube *both = new_cube("operation,country");
        ob_cube *by_country = new_cube("country");
        size_t op_count = 1 + next_random(MAX_OPS);
        size_t country_count = 1 + next_random(MAX_COUNTRIES);
        for (size_t o = 0; o < op_count; o++) {
            for (size_t c = 0; c < country_count; c++) {
                if (next_random(4) == 0)
                    continue; /* this country sent nothing */
                uint32_t kind = next_random(10);
                int64_t victims = kind < 4   ? 1 + next_random(9)
                                  : kind < 5 ? 0
                                             : 10 + next_random(50);
                ob_record record = make_record(ops[o], codes[c], 1, victims);
                add(both, record);
                add(by_country, record);
            }
        }
        ob_table *t = new_table(both, threshold);
        ob_table *t_country = new_table(by_country, threshold);
        attack_one_key(t_country, threshold, trial);

        view cells[MAX_OPS][MAX_COUNTRIES];
        const ob_cell *cell_of[MAX_OPS][MAX_COUNTRIES] = {{NULL}};
        view rows[MAX_OPS];
        bool is_row_hidden[MAX_OPS] = {false};
        view grand = view_of(&t->totals[OB_MEASURE_VICTIMS], threshold);
        for (size_t o = 0; o < op_count; o++) {
            rows[o] = (view){0, 0};
            for (size_t c = 0; c < country_count; c++)
                cells[o][c] = (view){0, 0};
        }
        for (size_t p = 0; p < t->partition_count; p++) {
            const ob_partition *partition = &t->partitions[p];
            if (partition->group_count == 0)
                continue; /* every country skipped: an empty table */
            size_t o = (size_t)(partition->key->label[0] - 'A');
            rows[o] = view_of(&partition->totals[OB_MEASURE_VICTIMS],
                              threshold);
            is_row_hidden[o] =
                partition->totals[OB_MEASURE_VICTIMS].published.protection
                != OB_PUBLISHED;
            for (size_t i = 0; i < partition->group_count; i++) {
                const ob_table_group *g =
                    &t->groups[partition->first_group + i];
                size_t c = 0;
                while (strcmp(codes[c], g->group->keys[1].code) != 0)
                    c++;
                cell_of[o][c] = &g->cells[OB_MEASURE_VICTIMS];
                cells[o][c] = view_of(cell_of[o][c], threshold);
            }
        }
        bool is_changed = true;
        while (is_changed) {
            is_changed = false;
            view *members[MAX_COUNTRIES];
            for (size_t o = 0; o < op_count; o++) {
                for (size_t c = 0; c < country_count; c++)
                    members[c] = &cells[o][c];
                is_changed |= propagate(&rows[o], members, country_count);
            }
            for (size_t o = 0; o < op_count; o++)
                members[o] = &rows[o];
            is_changed |= propagate(&grand, members, op_count);
        }
        for (size_t o = 0; o < op_count; o++) {
            for (size_t c = 0; c < country_count; c++) {
                const ob_cell *cell = cell_of[o][c];
                if (cell == NULL || cell->published.protection == OB_PUBLISHED)
                    continue;
                hidden_seen++;
                if (cells[o][c].low >= cells[o][c].high)
                    fail_msg("trial %d: %s in %s (%lld victims) is worked "
                             "out as %lld",
                             trial, ops[o], codes[c], (long long)cell->value,
                             (long long)cells[o][c].low);
                assert_false(cell->share.has_value);
                assert_false(cell->count.has_value);
                assert_int_equal(cell->rank, 0);
            }
            if (is_row_hidden[o] && rows[o].low >= rows[o].high)
                fail_msg("trial %d: the total of %s is worked out", trial,
                         ops[o]);
        }
        for (size_t i = 0; i < t->group_count; i++) {
            const ob_table_group *g = &t->groups[i];
            if (g->cells[OB_MEASURE_VICTIMS].published.protection != OB_PUBLISHED)
                assert_false(g->victims_per_arrest.has_value);
        }
        ob_table_free(t);
        ob_table_free(t_country);
        ob_cube_free(both);
        ob_cube_free(by_country);
    }
    /* The trials did hide cells: the test tested something. */
    assert_true(hidden_seen > 500);
}

/* One small cell alone in a total: a second cell is hidden with it, one
 * that can give up victims: hiding the 0 would leave NGA + AGO = 49 - 30 -
 * 15 = 4, so NGA at most 4, never 9. Victims: TGO 30, SLE 15, NGA 4,
 * AGO 0, total 49: NGA is "<10", SLE (the first such in the table) "x". */
static void
complement_is_a_cell_that_can_give_up_victims(void **state)
{
    (void)state;
    ob_cube *cube = new_cube("country");
    add(cube, make_record("A", "TGO", 4, 30));
    add(cube, make_record("A", "SLE", 5, 15));
    add(cube, make_record("A", "NGA", 3, 4));
    add(cube, make_record("A", "AGO", 0, 0));
    ob_table *table = new_table(cube, 10);
    /* Angola, Nigeria, Sierra Leone, Togo. */
    assert_int_equal(table->groups[0].cells[OB_MEASURE_VICTIMS].published.protection,
                     OB_PUBLISHED);
    assert_int_equal(table->groups[1].cells[OB_MEASURE_VICTIMS].published.protection,
                     OB_SUPPRESSED_PRIMARY);
    assert_int_equal(table->groups[2].cells[OB_MEASURE_VICTIMS].published.protection,
                     OB_SUPPRESSED_COMPLEMENTARY);
    assert_int_equal(table->groups[3].cells[OB_MEASURE_VICTIMS].published.protection,
                     OB_PUBLISHED);
    assert_int_equal(table->suppressed_primary, 1);
    assert_int_equal(table->suppressed_complementary, 1);
    /* The statistics that would give a hidden value away are withheld. */
    const ob_summary *summary =
        &table->partitions[0].summaries[OB_MEASURE_VICTIMS];
    assert_true(summary->is_withheld);
    assert_false(summary->has_sd);
    ob_table_free(table);
    /* With protection off, nothing is hidden. */
    table = new_table(cube, 0);
    assert_int_equal(table->suppressed_primary
                         + table->suppressed_complementary,
                     0);
    assert_int_equal(table->groups[1].cells[OB_MEASURE_VICTIMS].value, 4);
    ob_table_free(table);
    ob_cube_free(cube);
}

/* Found by a review: KEN 9, UGA 10, TZA 10 (total 29). When the "x" was
 * the smallest other cell, a reader who knew the rule knew TZA <= UGA = 10
 * and TZA >= 29 - 10 - 9 = 10: TZA pinned, and KEN = 9. Now the choice
 * does not look at values: one "x" is enough, and it is the same country
 * whichever of the two is larger. */
static size_t
hidden_group(int64_t uga, int64_t tza)
{
    ob_cube *cube = new_cube("country");
    add(cube, make_record("OP", "KEN", 5, 9));
    add(cube, make_record("OP", "UGA", 5, uga));
    add(cube, make_record("OP", "TZA", 5, tza));
    ob_table *table = new_table(cube, 10);
    assert_int_equal(table->suppressed_primary, 1);
    assert_int_equal(table->suppressed_complementary, 1);
    size_t hidden = SIZE_MAX;
    for (size_t i = 0; i < table->group_count; i++) {
        if (table->groups[i].cells[OB_MEASURE_VICTIMS].published.protection
            == OB_SUPPRESSED_COMPLEMENTARY)
            hidden = i;
    }
    ob_table_free(table);
    ob_cube_free(cube);
    return hidden;
}

static void
complement_choice_does_not_follow_values(void **state)
{
    (void)state;
    size_t with_equal = hidden_group(10, 10);
    assert_int_equal(hidden_group(10, 60), with_equal);
    assert_int_equal(hidden_group(60, 10), with_equal);
}

/* Two primary cells of 9 and 9 under a known total: "<10" and "<10"
 * adding up to 18 can only be 9 and 9, so a third cell is hidden. */
static void
two_nines_are_not_left_alone(void **state)
{
    (void)state;
    ob_cube *cube = new_cube("country");
    add(cube, make_record("A", "TGO", 4, 9));
    add(cube, make_record("A", "SLE", 5, 9));
    add(cube, make_record("A", "NGA", 3, 40));
    add(cube, make_record("A", "GHA", 3, 50));
    ob_table *table = new_table(cube, 10);
    assert_int_equal(table->suppressed_primary, 2);
    assert_int_equal(table->suppressed_complementary, 1);
    /* Ghana, Nigeria, Sierra Leone, Togo: Ghana or Nigeria is the "x". */
    assert_true(table->groups[0].cells[OB_MEASURE_VICTIMS].published.protection
                    == OB_SUPPRESSED_COMPLEMENTARY
                || table->groups[1].cells[OB_MEASURE_VICTIMS].published.protection
                       == OB_SUPPRESSED_COMPLEMENTARY);
    ob_table_free(table);
    ob_cube_free(cube);
}


/* ---- the reader's audit -------------------------------------------------- */

static size_t
add_figure(ob_dc *dc, const ob_dc_term *terms, size_t count, int64_t value,
           ob_protection protection)
{
    ob_dc_figure figure;
    memset(&figure, 0, sizeof figure);
    figure.terms = terms;
    figure.term_count = count;
    figure.has_value = true;
    figure.value = value;
    figure.reported = 1;
    figure.is_fixed = true;
    figure.protection = protection;
    size_t id;
    ob_error error;
    ob_status status = ob_dc_add(&id, dc, &figure, &error);
    if (status != OB_OK)
        fail_msg("%s", error.message);
    return id;
}

static const ob_dc_interval *
interval_of(const ob_dc_interval *intervals, size_t count, size_t id)
{
    for (size_t i = 0; i < count; i++) {
        if (intervals[i].id == id)
            return &intervals[i];
    }
    fail_msg("figure %zu is not in the audit", id);
    static const ob_dc_interval none;
    return &none;
}

/* By hand: TGO 30, SLE x, NGA <10, AGO 0, total 49. SLE + NGA = 49 - 30
 * - 0 = 19 with NGA 1..9: NGA 1..9, SLE 10..18. With SLE shown (15)
 * instead, NGA = 19 - 15 = 4: narrower than 1..9. */
static void
audit_gives_the_intervals_of_hand_arithmetic(void **state)
{
    (void)state;
    static const char *const codes[] = {"TGO", "SLE", "NGA", "AGO"};
    static const int64_t values[] = {30, 15, 4, 0};
    for (int is_sle_hidden = 1; is_sle_hidden >= 0; is_sle_hidden--) {
        ob_dc *dc;
        ob_error error;
        assert_int_equal(ob_dc_new(&dc, 10, &error), OB_OK);
        ob_dc_term terms[4];
        size_t ids[4];
        for (size_t i = 0; i < 4; i++) {
            terms[i] = (ob_dc_term){OB_KEY_COUNTRY, NULL, codes[i]};
            ob_protection protection =
                i == 2                    ? OB_SUPPRESSED_PRIMARY
                : i == 1 && is_sle_hidden ? OB_SUPPRESSED_COMPLEMENTARY
                                          : OB_PUBLISHED;
            ids[i] = add_figure(dc, &terms[i], 1, values[i], protection);
        }
        add_figure(dc, NULL, 0, 49, OB_PUBLISHED);
        assert_int_equal(ob_dc_add_level(dc, NULL, 0, ids, 4, &error),
                         OB_OK);
        ob_dc_interval *intervals;
        size_t count;
        assert_int_equal(ob_dc_audit(&intervals, &count, dc, &error), OB_OK);
        const ob_dc_interval *nga = interval_of(intervals, count, ids[2]);
        if (is_sle_hidden) {
            assert_int_equal(count, 2);
            const ob_dc_interval *sle = interval_of(intervals, count, ids[1]);
            assert_int_equal(sle->low, 10);
            assert_int_equal(sle->high, 18);
            assert_int_equal(nga->low, 1);
            assert_int_equal(nga->high, 9);
            assert_false(nga->is_narrow);
        } else {
            assert_int_equal(count, 1);
            assert_int_equal(nga->low, 4);
            assert_int_equal(nga->high, 4);
            assert_true(nga->is_narrow);
        }
        free(intervals);
        ob_dc_free(dc);
    }
}

/* Two "<10" parts of a "<10" total, A 3 + B 4 = 7, the total itself under
 * a shown grand total with a shown 40: the marks alone say the total is
 * 2..9 and each part 1..8, and that is what a reader must be left with
 * (the total is hidden with one more figure, nothing else). */
static void
marks_alone_bound_a_total_of_small_parts(void **state)
{
    (void)state;
    ob_cube *cube = new_cube("operation,country");
    add(cube, make_record("A", "AGO", 1, 3));
    add(cube, make_record("A", "BEN", 1, 4));
    add(cube, make_record("B", "AGO", 1, 40));
    add(cube, make_record("B", "BEN", 1, 35));
    ob_table *table = new_table(cube, 10);
    const ob_partition *a = &table->partitions[0];
    assert_int_equal(a->totals[OB_MEASURE_VICTIMS].published.protection,
                     OB_SUPPRESSED_PRIMARY);
    assert_int_equal(table->suppressed_primary, 3);
    ob_table_free(table);
    ob_cube_free(cube);
}

/* A 2 x 2 x 2 table (operation, sex, age) whose cells are all hidden and
 * whose three two-way margins are shown: the linear program's optimum need
 * not be whole there. Every interval the audit gives is checked against
 * all whole tables that fit the margins, enumerated. */
static void
audit_is_exact_on_whole_numbers(void **state)
{
    (void)state;
    static const char *const ops[] = {"A", "B"};
    static const char *const sexes[] = {"female", "male"};
    static const char *const ages[] = {"adult", "minor"};
    random_state = 8233;
    size_t integer_programs = 0;
    for (int trial = 0; trial < 300; trial++) {
        int64_t cell[8];
        for (size_t c = 0; c < 8; c++)
            cell[c] = next_random(4);
        ob_dc *dc;
        ob_error error;
        assert_int_equal(ob_dc_new(&dc, 10, &error), OB_OK);
        size_t ids[8];
        for (size_t c = 0; c < 8; c++) {
            ob_dc_term terms[3] = {
                {OB_KEY_OPERATION, NULL, ops[c >> 2]},
                {OB_KEY_VICTIM_SEX, NULL, sexes[(c >> 1) & 1]},
                {OB_KEY_VICTIM_AGE, NULL, ages[c & 1]}};
            ids[c] = add_figure(dc, terms, 3, cell[c],
                                OB_SUPPRESSED_COMPLEMENTARY);
        }
        /* The margins: drop one key of three. */
        int64_t margin[3][4];
        for (size_t drop = 0; drop < 3; drop++) {
            for (size_t m = 0; m < 4; m++) {
                margin[drop][m] = 0;
                ob_dc_term terms[2];
                size_t t = 0;
                for (size_t k = 0; k < 3; k++) {
                    if (k == drop)
                        continue;
                    size_t bit = (m >> (1 - t)) & 1;
                    terms[t++] =
                        k == 0   ? (ob_dc_term){OB_KEY_OPERATION, NULL,
                                              ops[bit]}
                        : k == 1 ? (ob_dc_term){OB_KEY_VICTIM_SEX, NULL,
                                                sexes[bit]}
                                 : (ob_dc_term){OB_KEY_VICTIM_AGE, NULL,
                                                ages[bit]};
                }
                for (size_t c = 0; c < 8; c++) {
                    size_t bits[3] = {c >> 2, (c >> 1) & 1, c & 1};
                    size_t kept[2];
                    size_t u = 0;
                    for (size_t k = 0; k < 3; k++) {
                        if (k != drop)
                            kept[u++] = bits[k];
                    }
                    if (kept[0] == (m >> 1) && kept[1] == (m & 1))
                        margin[drop][m] += cell[c];
                }
                add_figure(dc, terms, 2, margin[drop][m], OB_PUBLISHED);
            }
        }
        assert_int_equal(ob_dc_add_level(dc, NULL, 0, ids, 8, &error), OB_OK);
        ob_dc_interval *intervals;
        size_t count;
        assert_int_equal(ob_dc_audit(&intervals, &count, dc, &error), OB_OK);
        assert_int_equal(count, 8);
        /* Every whole table with these margins: operation A's four cells
         * from 0 to 6 (no margin passes 6), operation B's then follow from
         * the sex x age margin. */
        int64_t low[8];
        int64_t high[8];
        for (size_t c = 0; c < 8; c++) {
            low[c] = INT64_MAX;
            high[c] = -1;
        }
        int64_t x[8];
        for (uint32_t code = 0; code < 7 * 7 * 7 * 7; code++) {
            bool fits = true;
            uint32_t rest = code;
            for (size_t c = 0; c < 4; c++) {
                x[c] = rest % 7;
                rest /= 7;
                x[4 + c] = margin[0][c] - x[c];
                fits = fits && x[4 + c] >= 0;
            }
            for (size_t drop = 1; drop < 3 && fits; drop++) {
                int64_t sums[4] = {0, 0, 0, 0};
                for (size_t c = 0; c < 8; c++) {
                    size_t bits[3] = {c >> 2, (c >> 1) & 1, c & 1};
                    size_t kept[2];
                    size_t u = 0;
                    for (size_t k = 0; k < 3; k++) {
                        if (k != drop)
                            kept[u++] = bits[k];
                    }
                    sums[kept[0] * 2 + kept[1]] += x[c];
                }
                for (size_t m = 0; m < 4; m++)
                    fits = fits && sums[m] == margin[drop][m];
            }
            if (!fits)
                continue;
            for (size_t c = 0; c < 8; c++) {
                if (x[c] < low[c])
                    low[c] = x[c];
                if (x[c] > high[c])
                    high[c] = x[c];
            }
        }
        for (size_t c = 0; c < 8; c++) {
            const ob_dc_interval *got = interval_of(intervals, count, ids[c]);
            if (got->low != low[c] || !got->has_high || got->high != high[c])
                fail_msg("trial %d, cell %zu: audit %lld..%lld, whole tables "
                         "%lld..%lld",
                         trial, c, (long long)got->low, (long long)got->high,
                         (long long)low[c], (long long)high[c]);
        }
        integer_programs += ob_dc_integer_programs(dc);
        free(intervals);
        ob_dc_free(dc);
    }
    /* These tables' linear optima are whole (a 2 x 2 x 2 table's bounds
     * are sharp); the next test makes one that is not. */
    assert_int_equal(integer_programs, 0);
}

/* x + y = 1, y + z = 1, x + z = 1 (x female adults of A, y female minors
 * of B, z male minors of A; the sums are the female, minor and operation A
 * figures): the only solution is x = y = z = 1/2, a linear optimum that is
 * not whole. The integer program finds that no whole numbers fit, so the
 * audit says the figures do not add up rather than giving 1/2 rounded. */
static void
audit_finds_that_only_halves_fit(void **state)
{
    (void)state;
    ob_dc *dc;
    ob_error error;
    assert_int_equal(ob_dc_new(&dc, 10, &error), OB_OK);
    ob_dc_term x[3] = {{OB_KEY_OPERATION, NULL, "A"},
                       {OB_KEY_VICTIM_SEX, NULL, "female"},
                       {OB_KEY_VICTIM_AGE, NULL, "adult"}};
    ob_dc_term y[3] = {{OB_KEY_OPERATION, NULL, "B"},
                       {OB_KEY_VICTIM_SEX, NULL, "female"},
                       {OB_KEY_VICTIM_AGE, NULL, "minor"}};
    ob_dc_term z[3] = {{OB_KEY_OPERATION, NULL, "A"},
                       {OB_KEY_VICTIM_SEX, NULL, "male"},
                       {OB_KEY_VICTIM_AGE, NULL, "minor"}};
    size_t ids[3] = {
        add_figure(dc, x, 3, 0, OB_SUPPRESSED_COMPLEMENTARY),
        add_figure(dc, y, 3, 0, OB_SUPPRESSED_COMPLEMENTARY),
        add_figure(dc, z, 3, 0, OB_SUPPRESSED_COMPLEMENTARY)};
    add_figure(dc, &x[1], 1, 1, OB_PUBLISHED); /* female: x + y */
    add_figure(dc, &y[2], 1, 1, OB_PUBLISHED); /* minor: y + z */
    add_figure(dc, &x[0], 1, 1, OB_PUBLISHED); /* operation A: x + z */
    assert_int_equal(ob_dc_add_level(dc, NULL, 0, ids, 3, &error), OB_OK);
    ob_dc_interval *intervals;
    size_t count;
    assert_int_equal(ob_dc_audit(&intervals, &count, dc, &error),
                     OB_ERR_DATA);
    assert_string_equal(error.message, "the figures shown do not add up: "
                                       "no values fit them all");
    assert_true(ob_dc_integer_programs(dc) > 0);
    ob_dc_free(dc);
}

/* A few thousand random small tables, each published three ways at once
 * (operation x country with operation totals and the total, by country,
 * by operation), with zeros, small counts and upstream "<5" cells. The
 * audit of each whole publication finds no "<10" narrower than its marks
 * allow, and where every smaller set of "x" can be tried, protection hides
 * at most twice the fewest possible plus one. */
static void
random_publications_pass_the_audit_near_the_fewest(void **state)
{
    (void)state;
    static const char *const codes[] = {"AGO", "BEN", "CIV", "GHA", "NGA"};
    static const char *const ops[] = {"A", "B", "C"};
    random_state = 20261127;
    size_t compared = 0;
    size_t hidden_total = 0;
    size_t fewest_total = 0;
    size_t with_upstream = 0;
    for (int trial = 0; trial < 2000; trial++) {
        const char *const groupings[] = {"operation,country", "country",
                                         "operation"};
        ob_cube *cubes[3];
        for (size_t g = 0; g < 3; g++)
            cubes[g] = new_cube(groupings[g]);
        size_t op_count = 1 + next_random(3);
        size_t country_count = 1 + next_random(5);
        bool has_upstream = false;
        for (size_t o = 0; o < op_count; o++) {
            for (size_t c = 0; c < country_count; c++) {
                if (next_random(4) == 0)
                    continue;
                uint32_t kind = next_random(10);
                ob_record record = make_record(ops[o], codes[c], 1, 0);
                ob_count *victims = &record.measures[OB_MEASURE_VICTIMS];
                if (kind < 4) {
                    victims->value = 1 + next_random(9);
                } else if (kind < 5) {
                    victims->value = 0;
                } else if (kind < 6) {
                    victims->value = 5;
                    victims->qualifier = OB_QUALIFIER_BELOW;
                    has_upstream = true;
                } else {
                    victims->value = 10 + next_random(60);
                }
                for (size_t g = 0; g < 3; g++)
                    add(cubes[g], record);
            }
        }
        with_upstream += has_upstream;
        ob_dc *dc;
        ob_error error;
        assert_int_equal(ob_dc_new(&dc, 10, &error), OB_OK);
        ob_table_options options;
        ob_table_options_init(&options);
        options.publication = dc;
        ob_table *tables[3];
        for (size_t g = 0; g < 3; g++)
            assert_int_equal(
                ob_table_new(&tables[g], cubes[g], &options, &error), OB_OK);
        ob_status status = ob_dc_protect(dc, &error);
        if (status != OB_OK)
            fail_msg("trial %d: %s", trial, error.message);
        for (size_t g = 0; g < 3; g++)
            assert_int_equal(ob_table_publish(tables[g], &error), OB_OK);
        ob_dc_interval *intervals;
        size_t count;
        assert_int_equal(ob_dc_audit(&intervals, &count, dc, &error), OB_OK);
        for (size_t i = 0; i < count; i++) {
            if (intervals[i].is_narrow) {
                char where[128];
                ob_dc_describe(where, sizeof where, dc, intervals[i].id);
                fail_msg("trial %d: %s is %lld..%lld for a reader, must be "
                         "%lld..%lld",
                         trial, where, (long long)intervals[i].low,
                         (long long)intervals[i].high,
                         (long long)intervals[i].need_low,
                         (long long)intervals[i].need_high);
            }
        }
        /* The same figure in two tables is shown the same way. */
        const ob_table *both = tables[0];
        for (size_t i = 0; i < both->group_count; i++) {
            if (both->partition_count == 1 && op_count == 1)
                assert_int_equal(
                    both->groups[i].cells[OB_MEASURE_VICTIMS].published.protection,
                    ob_dc_protection(dc, tables[1]->figure_ids[i]));
        }
        size_t primary;
        size_t hidden;
        ob_dc_counts(dc, &primary, &hidden);
        size_t fewest;
        bool is_known;
        if (trial % 4 == 0) {
            assert_int_equal(
                ob_dc_minimum(&fewest, &is_known, dc, 400, &error), OB_OK);
            if (is_known) {
                compared++;
                hidden_total += hidden;
                fewest_total += fewest;
                if (hidden > 2 * fewest + 1)
                    fail_msg("trial %d: %zu hidden as x, the fewest is %zu",
                             trial, hidden, fewest);
            }
        }
        free(intervals);
        for (size_t g = 0; g < 3; g++) {
            ob_table_free(tables[g]);
            ob_cube_free(cubes[g]);
        }
        ob_dc_free(dc);
    }
    print_message("%zu publications compared with the fewest: %zu x hidden, "
                  "%zu the fewest\n",
                  compared, hidden_total, fewest_total);
    assert_true(compared > 100);
    assert_true(with_upstream > 500);
}

/* Late returns between two monthly reports. The March report showed
 * victims in 2024-02 as 100; the April report's data say 105. Shown both,
 * they tell a reader that 5 victims were added: a "<10" figure of its own.
 * So the April report hides its 2024-02 (x), and a reader can tell the
 * late returns only as 1 to 9 (hand: 105 - 100 = 5, hidden: 100 + r with
 * r in 1..9). With 2024-01 unchanged (80 in both) nothing is hidden
 * there; with 2023-12 revised by 40, the difference is no small figure and
 * both are shown. */
static void
late_returns_of_fewer_than_k_hide_the_new_figure(void **state)
{
    (void)state;
    ob_dc *dc;
    ob_error error;
    assert_int_equal(ob_dc_new(&dc, 10, &error), OB_OK);
    ob_dc_set_data_changes(dc, true);
    static const char *const months[] = {"2023-12", "2024-01", "2024-02"};
    static const int64_t before[] = {200, 80, 100};
    static const int64_t after[] = {240, 80, 105};
    size_t old_ids[3];
    size_t new_ids[3];
    for (size_t vintage = 1; vintage <= 1; vintage--) {
        for (size_t m = 0; m < 3; m++) {
            ob_dc_term term = {OB_KEY_MONTH, NULL, months[m]};
            ob_dc_figure figure;
            memset(&figure, 0, sizeof figure);
            figure.terms = &term;
            figure.term_count = 1;
            figure.has_value = true;
            figure.value = vintage ? before[m] : after[m];
            figure.reported = 1;
            figure.is_fixed = vintage == 1;
            figure.protection = OB_PUBLISHED;
            figure.vintage = vintage;
            size_t *ids = vintage ? old_ids : new_ids;
            assert_int_equal(ob_dc_add(&ids[m], dc, &figure, &error), OB_OK);
        }
    }
    assert_int_not_equal(new_ids[0], old_ids[0]);
    assert_int_equal(new_ids[1], old_ids[1]); /* unchanged: one figure */
    assert_int_not_equal(new_ids[2], old_ids[2]);
    assert_true(ob_dc_is_revised(dc, new_ids[2]));
    assert_int_equal(ob_dc_protect(dc, &error), OB_OK);
    assert_int_equal(ob_dc_protection(dc, new_ids[0]), OB_PUBLISHED);
    assert_int_equal(ob_dc_protection(dc, new_ids[1]), OB_PUBLISHED);
    assert_int_equal(ob_dc_protection(dc, new_ids[2]),
                     OB_SUPPRESSED_COMPLEMENTARY);
    ob_dc_interval *intervals;
    size_t count;
    assert_int_equal(ob_dc_audit(&intervals, &count, dc, &error), OB_OK);
    size_t revisions = 0;
    for (size_t i = 0; i < count; i++) {
        if (!ob_dc_is_revision(dc, intervals[i].id))
            continue;
        char where[64];
        ob_dc_describe(where, sizeof where, dc, intervals[i].id);
        if (strcmp(where, "late returns to month 2024-02") == 0) {
            assert_true(intervals[i].is_primary);
            assert_int_equal(intervals[i].low, 1);
            assert_int_equal(intervals[i].high, 9);
            assert_false(intervals[i].is_narrow);
        }
        revisions++;
    }
    assert_int_equal(revisions, 2); /* 2023-12 (40) and 2024-02 (5) */
    free(intervals);
    ob_dc_free(dc);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(operation_names_fold_case_and_spaces),
        cmocka_unit_test(groups_by_operation_keep_first_spelling),
        cmocka_unit_test(groups_by_country_put_unattributed_last),
        cmocka_unit_test(qualified_cells_are_counted_apart),
        cmocka_unit_test(overflowing_sum_is_an_error),
        cmocka_unit_test(many_groups_survive_rehashing),
        cmocka_unit_test(poisson_intervals_match_published_tables),
        cmocka_unit_test(poisson_interval_of_a_large_count_is_found),
        cmocka_unit_test(clopper_pearson_matches_binom_test),
        cmocka_unit_test(summary_with_ties_matches_r),
        cmocka_unit_test(summary_of_one_value_has_no_sd),
        cmocka_unit_test(top5_share_and_equal_values),
        cmocka_unit_test(trend_matches_hand_ols),
        cmocka_unit_test(month_changes_cross_years_and_zero_bases),
        cmocka_unit_test(trend_over_months_in_a_table),
        cmocka_unit_test(shares_ranks_and_rates),
        cmocka_unit_test(no_hidden_victim_count_can_be_worked_out),
        cmocka_unit_test(complement_is_a_cell_that_can_give_up_victims),
        cmocka_unit_test(two_nines_are_not_left_alone),
        cmocka_unit_test(complement_choice_does_not_follow_values),
        cmocka_unit_test(audit_gives_the_intervals_of_hand_arithmetic),
        cmocka_unit_test(marks_alone_bound_a_total_of_small_parts),
        cmocka_unit_test(audit_is_exact_on_whole_numbers),
        cmocka_unit_test(audit_finds_that_only_halves_fit),
        cmocka_unit_test(random_publications_pass_the_audit_near_the_fewest),
        cmocka_unit_test(late_returns_of_fewer_than_k_hide_the_new_figure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
