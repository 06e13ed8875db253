/* Tests of the report stage, linked with the report stage and core alone:
 * that it builds (no call into aggregate or render) is the first test.
 * The rest: charts carry the figure disclosure control published, never
 * a hidden size, and the threshold it applied. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "opbrief/briefing.h"
#include "opbrief/report.h"
#include "opbrief/stats.h"

static void
builtin_definition_loads(void **state)
{
    (void)state;
    ob_report *report;
    ob_error error;
    assert_int_equal(
        ob_report_load(&report, NULL, OB_REPORT_OPERATION, &error), OB_OK);
    /* reports/operation.json says "suppress_below": 10. */
    assert_int_equal(report->suppress_below, 10);
    assert_string_equal(report->path, "(built-in operation.json)");
    ob_report_free(report);
}

/* A table by country as disclosure control leaves it (made by hand: the
 * report stage reads plain data): Togo 30 shown, Ghana 7 "<7"... at a
 * threshold of 8, Benin 12 hidden as "x", total 49 shown. */
typedef struct hand_table {
    ob_group groups[3];
    ob_table_group table_groups[3];
    ob_partition partition;
    ob_table table;
} hand_table;

static void
set_cell(ob_cell *cell, int64_t value, ob_protection protection,
         int64_t threshold)
{
    memset(cell, 0, sizeof *cell);
    cell->has_value = true;
    cell->value = value;
    cell->published.has_value = true;
    cell->published.protection = protection;
    cell->published.value = protection == OB_PUBLISHED ? value : 0;
    cell->published.threshold = threshold;
}

static void
make_table(hand_table *t)
{
    static const char *const names[] = {"Benin", "Ghana", "Togo"};
    static const char *const codes[] = {"BEN", "GHA", "TGO"};
    static const int64_t values[] = {12, 7, 30};
    static const ob_protection states[] = {
        OB_SUPPRESSED_COMPLEMENTARY, OB_SUPPRESSED_PRIMARY, OB_PUBLISHED};
    memset(t, 0, sizeof *t);
    t->table.grouping.key_count = 1;
    t->table.grouping.keys[0] = OB_KEY_COUNTRY;
    t->table.options.suppress_below = 8;
    for (size_t i = 0; i < 3; i++) {
        t->groups[i].keys[0].label = names[i];
        t->groups[i].keys[0].code = codes[i];
        t->groups[i].rows = 1;
        t->table_groups[i].group = &t->groups[i];
        for (size_t m = 0; m < OB_MEASURE_COUNT; m++)
            set_cell(&t->table_groups[i].cells[m],
                     m == OB_MEASURE_VICTIMS ? values[i] : 1,
                     m == OB_MEASURE_VICTIMS ? states[i] : OB_PUBLISHED, 8);
    }
    for (size_t m = 0; m < OB_MEASURE_COUNT; m++) {
        set_cell(&t->table.totals[m], m == OB_MEASURE_VICTIMS ? 49 : 3,
                 OB_PUBLISHED, 8);
        t->partition.totals[m] = t->table.totals[m];
    }
    t->partition.group_count = 3;
    t->table.group_count = 3;
    t->table.groups = t->table_groups;
    t->table.partition_count = 1;
    t->table.partitions = &t->partition;
}

static void
chart_carries_published_figures_only(void **state)
{
    (void)state;
    hand_table t;
    make_table(&t);
    ob_chart_request request;
    memset(&request, 0, sizeof request);
    request.kind = OB_CHART_BARS;
    request.measures = "victims";
    request.top = 15;
    ob_chart_build *build;
    ob_error error;
    assert_int_equal(ob_chart_build_new(&build, &t.table, &request, &error),
                     OB_OK);
    const ob_chart *chart = ob_chart_build_chart(build);
    assert_int_equal(chart->category_count, 3);
    /* The threshold is the table's, the one disclosure control applied. */
    assert_int_equal(chart->suppress_below, 8);
    for (size_t i = 0; i < 3; i++) {
        const ob_chart_value *value = &chart->series[0].values[i];
        if (strcmp(chart->categories[i], "Benin") == 0) {
            assert_int_equal(value->hidden, OB_SUPPRESSED_COMPLEMENTARY);
            assert_true(value->value == 0.0); /* never its 12 */
        } else if (strcmp(chart->categories[i], "Ghana") == 0) {
            assert_int_equal(value->hidden, OB_SUPPRESSED_PRIMARY);
            assert_true(value->value == 0.0); /* never its 7 */
        } else {
            assert_int_equal(value->hidden, OB_PUBLISHED);
            assert_true(value->value == 30.0);
        }
    }
    assert_true(chart->total.value == 49.0);
    ob_chart_build_free(build);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(builtin_definition_loads),
        cmocka_unit_test(chart_carries_published_figures_only),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
