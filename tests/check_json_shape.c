/* Check that a file written by `opbrief aggregate --format json` has the
 * shape the README documents ("The JSON output"), field by field and type
 * by type, and that its protected cells give nothing away.
 * Usage: check_json_shape FILE; prints what is wrong and exits 1. */
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static int problems;

static void
problem(const char *path, const char *what)
{
    fprintf(stderr, "%s: %s\n", path, what);
    problems++;
}

static json_t *
field(json_t *object, const char *path, const char *name)
{
    json_t *value = json_object_get(object, name);
    if (value == NULL) {
        char message[160];
        snprintf(message, sizeof message, "no \"%s\"", name);
        problem(path, message);
    }
    return value;
}

static void
expect_integer(json_t *object, const char *path, const char *name,
               bool may_be_null)
{
    json_t *value = field(object, path, name);
    if (value != NULL && !json_is_integer(value)
        && !(may_be_null && json_is_null(value))) {
        char message[160];
        snprintf(message, sizeof message, "\"%s\" is not an integer%s", name,
                 may_be_null ? " or null" : "");
        problem(path, message);
    }
}

static void
expect_number(json_t *object, const char *path, const char *name)
{
    json_t *value = field(object, path, name);
    if (value != NULL && !json_is_number(value) && !json_is_null(value)) {
        char message[160];
        snprintf(message, sizeof message, "\"%s\" is not a number or null",
                 name);
        problem(path, message);
    }
}

static void
expect_boolean(json_t *object, const char *path, const char *name)
{
    json_t *value = field(object, path, name);
    if (value != NULL && !json_is_boolean(value)) {
        char message[160];
        snprintf(message, sizeof message, "\"%s\" is not true or false",
                 name);
        problem(path, message);
    }
}

static void
expect_interval(json_t *object, const char *path, const char *name)
{
    json_t *value = field(object, path, name);
    if (value == NULL || json_is_null(value))
        return;
    if (!json_is_array(value) || json_array_size(value) != 2
        || !json_is_number(json_array_get(value, 0))
        || !json_is_number(json_array_get(value, 1))
        || json_number_value(json_array_get(value, 0))
               > json_number_value(json_array_get(value, 1)))
        problem(path, "an interval is not [low, high] with low <= high");
}

static void
check_change(json_t *change, const char *path)
{
    if (json_is_null(change))
        return;
    expect_integer(change, path, "absolute", false);
    expect_number(change, path, "relative");
    expect_boolean(change, path, "new");
}

static void
check_cell(json_t *cell, const char *path, bool is_monthly)
{
    if (!json_is_object(cell)) {
        problem(path, "a measure is not an object");
        return;
    }
    expect_integer(cell, path, "value", true);
    json_t *display = field(cell, path, "display");
    json_t *protection = field(cell, path, "protection");
    expect_boolean(cell, path, "approximate");
    expect_boolean(cell, path, "lower_bound");
    json_t *cells = field(cell, path, "cells");
    static const char *const counts[] = {"reported", "missing", "approximate",
                                         "at_least", "below"};
    for (size_t i = 0; cells != NULL && i < 5; i++)
        expect_integer(cells, path, counts[i], false);
    expect_interval(cell, path, "interval");
    expect_number(cell, path, "share");
    expect_interval(cell, path, "share_interval");
    expect_integer(cell, path, "rank", true);
    if (is_monthly) {
        check_change(field(cell, path, "month_over_month"), path);
        check_change(field(cell, path, "year_over_year"), path);
    }
    if (display == NULL || protection == NULL || !json_is_string(display)
        || !json_is_string(protection))
        return;
    const char *kind = json_string_value(protection);
    if (strcmp(kind, "published") != 0 && strcmp(kind, "primary") != 0
        && strcmp(kind, "complementary") != 0)
        problem(path, "\"protection\" is not published, primary or "
                      "complementary");
    if (strcmp(kind, "published") == 0)
        return;
    /* A hidden cell carries nothing that gives its value away. */
    static const char *const hidden[] = {"value", "interval", "share",
                                         "share_interval", "rank"};
    for (size_t i = 0; i < 5; i++) {
        json_t *value = json_object_get(cell, hidden[i]);
        if (value != NULL && !json_is_null(value))
            problem(path, "a hidden cell shows a number");
    }
    if (strcmp(kind, "primary") == 0 && json_string_value(display)[0] != '<')
        problem(path, "a primary cell is not shown as <K");
    if (strcmp(kind, "complementary") == 0
        && strcmp(json_string_value(display), "x") != 0)
        problem(path, "a complementary cell is not shown as x");
}

static const char *const measures[] = {"arrests", "victims", "migrants",
                                       "seizures", "investigations"};

static void
check_measures(json_t *object, const char *path, bool is_monthly)
{
    if (!json_is_object(object)) {
        problem(path, "measures are not an object");
        return;
    }
    for (size_t m = 0; m < 5; m++) {
        char inner[256];
        snprintf(inner, sizeof inner, "%s.%s", path, measures[m]);
        check_cell(field(object, path, measures[m]), inner, is_monthly);
    }
}

static void
check_summary(json_t *summary, const char *path)
{
    expect_integer(summary, path, "n", false);
    expect_boolean(summary, path, "withheld");
    static const char *const numbers[] = {"mean", "median", "q1",  "q3",
                                          "p90",  "sd",     "top5_share"};
    for (size_t i = 0; i < 7; i++)
        expect_number(summary, path, numbers[i]);
}

static void
check_partition(json_t *partition, const char *path, bool is_monthly)
{
    json_t *key = field(partition, path, "key");
    if (key != NULL && !json_is_null(key) && !json_is_object(key))
        problem(path, "\"key\" is not an object or null");
    expect_integer(partition, path, "rows", false);
    char inner[256];
    snprintf(inner, sizeof inner, "%s.total", path);
    check_measures(field(partition, path, "total"), inner, false);
    json_t *statistics = field(partition, path, "statistics");
    for (size_t m = 0; statistics != NULL && m < 5; m++) {
        snprintf(inner, sizeof inner, "%s.statistics.%s", path, measures[m]);
        check_summary(field(statistics, path, measures[m]), inner);
    }
    json_t *trend = json_object_get(partition, "trend");
    if (is_monthly && trend == NULL)
        problem(path, "a monthly grouping has no \"trend\"");
    for (size_t m = 0; trend != NULL && m < 5; m++) {
        json_t *one = field(trend, path, measures[m]);
        snprintf(inner, sizeof inner, "%s.trend.%s", path, measures[m]);
        expect_boolean(one, inner, "withheld");
        expect_integer(one, inner, "months", false);
    }
    json_t *groups = field(partition, path, "groups");
    if (groups == NULL || !json_is_array(groups)) {
        problem(path, "\"groups\" is not an array");
        return;
    }
    size_t i;
    json_t *group;
    json_array_foreach(groups, i, group)
    {
        snprintf(inner, sizeof inner, "%s.groups[%zu]", path, i);
        if (!json_is_object(field(group, inner, "keys")))
            problem(inner, "\"keys\" is not an object");
        expect_integer(group, inner, "rows", false);
        expect_integer(group, inner, "countries", false);
        char measures_path[300];
        snprintf(measures_path, sizeof measures_path, "%s.measures", inner);
        check_measures(field(group, inner, "measures"), measures_path,
                       is_monthly);
        expect_number(group, inner, "victims_per_arrest");
    }
}

int
main(int argc, char **argv)
{
    if (argc != 2) {
        fputs("usage: check_json_shape FILE\n", stderr);
        return 2;
    }
    json_error_t error;
    json_t *root = json_load_file(argv[1], 0, &error);
    if (root == NULL) {
        fprintf(stderr, "%s:%d:%d: %s\n", argv[1], error.line, error.column,
                error.text);
        return 1;
    }
    const char *path = "$";
    json_t *version = field(root, path, "opbrief");
    if (version != NULL && !json_is_string(version))
        problem(path, "\"opbrief\" is not a string");
    json_t *by = field(root, path, "by");
    bool is_monthly = false;
    if (by == NULL || !json_is_array(by)) {
        problem(path, "\"by\" is not an array");
    } else if (json_array_size(by) > 0) {
        json_t *last = json_array_get(by, json_array_size(by) - 1);
        is_monthly = json_is_string(last)
                     && strcmp(json_string_value(last), "month") == 0;
    }
    json_t *protection = field(root, path, "protection");
    if (protection != NULL) {
        expect_integer(protection, "$.protection", "suppress_below", false);
        expect_boolean(protection, "$.protection", "enabled");
        expect_integer(protection, "$.protection", "primary", false);
        expect_integer(protection, "$.protection", "complementary", false);
    }
    expect_integer(root, path, "rows", false);
    check_measures(field(root, path, "total"), "$.total", false);
    json_t *operations = field(root, path, "operations");
    size_t i;
    json_t *item;
    json_array_foreach(operations, i, item)
    {
        if (!json_is_string(json_object_get(item, "name")))
            problem("$.operations", "an operation has no name");
        expect_integer(item, "$.operations", "countries_present", false);
        expect_integer(item, "$.operations", "countries_declared", true);
    }
    json_t *partitions = field(root, path, "partitions");
    if (partitions == NULL || !json_is_array(partitions)
        || json_array_size(partitions) == 0)
        problem(path, "\"partitions\" is not a non-empty array");
    json_array_foreach(partitions, i, item)
    {
        char inner[64];
        snprintf(inner, sizeof inner, "$.partitions[%zu]", i);
        check_partition(item, inner, is_monthly);
    }
    json_decref(root);
    if (problems > 0)
        return 1;
    printf("%s: the documented shape\n", argv[1]);
    return 0;
}
