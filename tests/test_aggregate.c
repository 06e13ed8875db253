/* Tests of the aggregate stage on records built by hand; the expected sums
 * are hand arithmetic, written beside each assertion. Links the aggregate
 * stage and the core only. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "opbrief/cube.h"
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
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
