/* Reading opbrief data files (the JSON that aggregate writes) back into a
 * publication: the figures a reader already has, for --published and for
 * 'opbrief audit'. */
#include "published.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "opbrief/cube.h"

/* What one table of a data file says. */
typedef struct file_table {
    const char *path;
    size_t vintage;
    ob_dc_term filters[OB_TABLE_MAX_FILTERS];
    size_t filter_count;
    size_t key_count;
    ob_grouping grouping;
    const char *names[OB_GROUPING_MAX_KEYS]; /* the JSON key names */
} file_table;

static ob_status
not_a_data_file(ob_error *error, const char *path, const char *what)
{
    return ob_error_set(error, OB_ERR_DATA,
                        "%s: not an opbrief data file: %s", path, what);
}

/* The victims figure of MEASURES (an object of measures) with TERMS. */
static ob_status
read_figure(ob_dc_figure *figure, const file_table *table,
            const json_t *measures, ob_error *error)
{
    const json_t *victims = json_object_get(measures, "victims");
    if (!json_is_object(victims))
        return not_a_data_file(error, table->path, "a figure has no victims");
    const json_t *value = json_object_get(victims, "value");
    const char *protection =
        json_string_value(json_object_get(victims, "protection"));
    const json_t *cells = json_object_get(victims, "cells");
    if (protection == NULL || !json_is_object(cells)
        || !(json_is_integer(value) || json_is_null(value)))
        return not_a_data_file(error, table->path,
                               "a victims figure has no value, protection "
                               "or cells");
    memset(figure, 0, sizeof *figure);
    figure->is_fixed = true;
    if (strcmp(protection, "published") == 0)
        figure->protection = OB_PUBLISHED;
    else if (strcmp(protection, "primary") == 0)
        figure->protection = OB_SUPPRESSED_PRIMARY;
    else if (strcmp(protection, "complementary") == 0)
        figure->protection = OB_SUPPRESSED_COMPLEMENTARY;
    else
        return not_a_data_file(error, table->path,
                               "a protection is not published, primary or "
                               "complementary");
    figure->has_value = json_is_integer(value);
    figure->value = figure->has_value ? json_integer_value(value) : 0;
    json_int_t reported =
        json_integer_value(json_object_get(cells, "reported"));
    json_int_t below = json_integer_value(json_object_get(cells, "below"));
    if (figure->value < 0 || reported < 0 || below < 0)
        return not_a_data_file(error, table->path,
                               "a victims figure or cell count is negative");
    figure->reported = reported > 0 ? (size_t)reported : 0;
    figure->below = below > 0 ? (size_t)below : 0;
    return OB_OK;
}

/* The terms of KEYS (an object: key name -> value) for the first COUNT
 * keys of TABLE, after the table's filter. */
static ob_status
read_terms(ob_dc_term *terms, const file_table *table, const json_t *keys,
           size_t count, ob_error *error)
{
    if (!json_is_object(keys))
        return not_a_data_file(error, table->path, "a group has no keys");
    for (size_t f = 0; f < table->filter_count; f++)
        *terms++ = table->filters[f];
    for (size_t k = 0; k < count; k++) {
        const json_t *value = json_object_get(keys, table->names[k]);
        if (!json_is_string(value) && !json_is_null(value))
            return not_a_data_file(error, table->path,
                                   "a group has no value of a key");
        terms[k].key = table->grouping.keys[k];
        terms[k].name = table->grouping.extra_names[k];
        terms[k].value = json_string_value(value);
    }
    return OB_OK;
}

static ob_status
add_figure(size_t *id, ob_dc *dc, const file_table *table,
           const json_t *measures, const ob_dc_term *terms, size_t count,
           ob_error *error)
{
    ob_dc_figure figure;
    ob_status status = read_figure(&figure, table, measures, error);
    if (status != OB_OK)
        return status;
    figure.terms = terms;
    figure.term_count = count;
    figure.vintage = table->vintage;
    status = ob_dc_add(id, dc, &figure, error);
    if (status != OB_OK && error != NULL) {
        /* Name the file the figure came from. */
        ob_error inner = *error;
        return ob_error_set(error, inner.status, "%s: %s", table->path,
                            inner.message);
    }
    return status;
}

static ob_status
grow_ids(size_t **ids, size_t *capacity, size_t needed, ob_error *error)
{
    size_t *bigger = ob_grow(*ids, capacity, needed, sizeof *bigger, 64);
    if (bigger == NULL)
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    *ids = bigger;
    return OB_OK;
}

/* The latent figures of every operation OPERATIONS names under TERMS
 * (COUNT of them, room for one more), and the level that makes TERMS
 * their sum: what a reader knows from the list of operations. */
static ob_status
add_operation_level(ob_dc *dc, const file_table *table,
                    const json_t *operations, ob_dc_term *terms, size_t count,
                    ob_error *error)
{
    size_t operation_count = json_array_size(operations);
    if (operation_count < 2)
        return OB_OK;
    size_t *ids = malloc(operation_count * sizeof *ids);
    if (ids == NULL)
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    ob_status status = OB_OK;
    for (size_t i = 0; i < operation_count && status == OB_OK; i++) {
        const char *name = json_string_value(
            json_object_get(json_array_get(operations, i), "name"));
        if (name == NULL) {
            status = not_a_data_file(error, table->path,
                                     "an operation has no name");
            break;
        }
        terms[count] = (ob_dc_term){OB_KEY_OPERATION, NULL, name};
        status = ob_dc_add_latent(&ids[i], dc, terms, count + 1,
                                  table->vintage, error);
    }
    if (status == OB_OK)
        status = ob_dc_add_level(dc, terms, count, ids, operation_count,
                                 error);
    free(ids);
    return status;
}

/* One table (an aggregate's JSON, or one of a briefing's tables). */
static ob_status
load_table(ob_dc *dc, const char *path, size_t vintage, const json_t *root,
           ob_error *error)
{
    file_table table;
    memset(&table, 0, sizeof table);
    table.path = path;
    table.vintage = vintage;
    const json_t *by = json_object_get(root, "by");
    const json_t *partitions = json_object_get(root, "partitions");
    if (!json_is_array(by) || json_array_size(by) > OB_GROUPING_MAX_KEYS
        || !json_is_array(partitions))
        return not_a_data_file(error, path, "no \"by\" or \"partitions\"");
    table.key_count = json_array_size(by);
    table.grouping.key_count = table.key_count;
    for (size_t k = 0; k < table.key_count; k++) {
        const char *name = json_string_value(json_array_get(by, k));
        if (name == NULL)
            return not_a_data_file(error, path, "a key name is not text");
        ob_grouping one;
        ob_status status = ob_grouping_parse(&one, name, error);
        if (status != OB_OK)
            return status;
        table.names[k] = name;
        table.grouping.keys[k] = one.keys[0];
        table.grouping.extra_names[k] = one.extra_names[0];
    }
    json_t *filter = json_object_get(root, "filter");
    const char *filter_name;
    json_t *filter_value;
    json_object_foreach(filter, filter_name, filter_value)
    {
        if (table.filter_count == OB_TABLE_MAX_FILTERS
            || (!json_is_string(filter_value) && !json_is_null(filter_value)))
            return not_a_data_file(error, path, "a filter is not understood");
        ob_grouping one;
        ob_status status = ob_grouping_parse(&one, filter_name, error);
        if (status != OB_OK)
            return status;
        table.filters[table.filter_count++] = (ob_dc_term){
            one.keys[0], one.extra_names[0], json_string_value(filter_value)};
    }
    size_t base = table.filter_count;
    bool is_nested = table.key_count == 2;
    bool is_by_operation = false;
    for (size_t k = 0; k < table.key_count; k++)
        is_by_operation |= table.grouping.keys[k] == OB_KEY_OPERATION;
    size_t *groups = NULL;
    size_t group_count = 0;
    size_t group_capacity = 0;
    size_t *totals = NULL;
    size_t total_count = 0;
    size_t total_capacity = 0;
    ob_status status = OB_OK;
    for (size_t p = 0; p < json_array_size(partitions) && status == OB_OK;
         p++) {
        const json_t *partition = json_array_get(partitions, p);
        const json_t *items = json_object_get(partition, "groups");
        if (!json_is_array(items)) {
            status = not_a_data_file(error, path, "a partition has no groups");
            break;
        }
        size_t first = group_count;
        for (size_t i = 0; i < json_array_size(items) && status == OB_OK;
             i++) {
            const json_t *item = json_array_get(items, i);
            ob_dc_term terms[OB_TABLE_MAX_FILTERS + OB_GROUPING_MAX_KEYS];
            status = read_terms(terms, &table, json_object_get(item, "keys"),
                                table.key_count, error);
            if (status == OB_OK)
                status = grow_ids(&groups, &group_capacity, group_count + 1,
                                  error);
            if (status == OB_OK)
                status = add_figure(&groups[group_count], dc, &table,
                                    json_object_get(item, "measures"), terms,
                                    base + table.key_count, error);
            group_count += status == OB_OK;
            if (status == OB_OK && !is_by_operation) {
                ob_dc_term with_operation[OB_TABLE_MAX_FILTERS
                                          + OB_GROUPING_MAX_KEYS + 1];
                memcpy(with_operation, terms,
                       (base + table.key_count) * sizeof *terms);
                status = add_operation_level(
                    dc, &table, json_object_get(root, "operations"),
                    with_operation, base + table.key_count, error);
            }
            if (status == OB_OK && is_nested) {
                /* The column a reader forms: the inner value over every
                 * outer one (as the table stage adds it). */
                terms[base] = terms[base + 1];
                size_t ignored;
                status = ob_dc_add_latent(&ignored, dc, terms, base + 1,
                                          vintage, error);
            }
        }
        if (status != OB_OK || !is_nested || group_count == first)
            continue;
        ob_dc_term terms[OB_TABLE_MAX_FILTERS + 1];
        status = read_terms(terms, &table, json_object_get(partition, "key"),
                            1, error);
        if (status == OB_OK)
            status = grow_ids(&totals, &total_capacity, total_count + 1,
                              error);
        if (status == OB_OK)
            status = add_figure(&totals[total_count], dc, &table,
                                json_object_get(partition, "total"), terms,
                                base + 1, error);
        if (status == OB_OK)
            status = ob_dc_add_level(dc, terms, base + 1, groups + first,
                                     group_count - first, error);
        total_count += status == OB_OK;
    }
    /* The operations the table names: its base, and each group unless
     * the table is by operation, is their sum. */
    const json_t *operations = json_object_get(root, "operations");
    if (status == OB_OK) {
        ob_dc_term terms[OB_TABLE_MAX_FILTERS + 1];
        for (size_t f = 0; f < base; f++)
            terms[f] = table.filters[f];
        status = add_operation_level(dc, &table, operations, terms, base,
                                     error);
    }
    /* And each operation is the sum of its parts of the groups: the groups
     * a table lists are all there are. */
    size_t operation_count = json_array_size(operations);
    size_t *parts = NULL;
    const json_t *table_total = json_object_get(root, "total");
    bool is_whole = json_is_object(table_total);
    if (status == OB_OK && !is_by_operation && operation_count >= 2
        && group_count > 0 && is_whole) {
        parts = malloc(group_count * sizeof *parts);
        if (parts == NULL)
            status = ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    }
    for (size_t o = 0; o < operation_count && parts != NULL && status == OB_OK;
         o++) {
        const char *name = json_string_value(
            json_object_get(json_array_get(operations, o), "name"));
        size_t n = 0;
        for (size_t p = 0; p < json_array_size(partitions) && status == OB_OK;
             p++) {
            const json_t *items =
                json_object_get(json_array_get(partitions, p), "groups");
            for (size_t i = 0; i < json_array_size(items) && status == OB_OK
                               && n < group_count;
                 i++) {
                ob_dc_term terms[OB_TABLE_MAX_FILTERS + OB_GROUPING_MAX_KEYS
                                 + 1];
                status = read_terms(terms, &table,
                                    json_object_get(json_array_get(items, i),
                                                    "keys"),
                                    table.key_count, error);
                terms[base + table.key_count] =
                    (ob_dc_term){OB_KEY_OPERATION, NULL, name};
                if (status == OB_OK)
                    status = ob_dc_add_latent(&parts[n++], dc, terms,
                                              base + table.key_count + 1,
                                              vintage, error);
            }
        }
        ob_dc_term with_operation[OB_TABLE_MAX_FILTERS + 1];
        for (size_t f = 0; f < base; f++)
            with_operation[f] = table.filters[f];
        with_operation[base] = (ob_dc_term){OB_KEY_OPERATION, NULL, name};
        if (status == OB_OK)
            status = ob_dc_add_level(dc, with_operation, base + 1, parts, n,
                                     error);
    }
    free(parts);
    const json_t *total = json_object_get(root, "total");
    if (status == OB_OK && json_is_object(total)) {
        size_t id;
        status = add_figure(&id, dc, &table, total, table.filters, base,
                            error);
    }
    if (status == OB_OK && group_count > 0 && is_whole)
        status = total_count > 0
                     ? ob_dc_add_inner_level(dc, table.filters, base, groups,
                                             group_count, error)
                     : ob_dc_add_level(dc, table.filters, base, groups,
                                       group_count, error);
    if (status == OB_OK && total_count > 0)
        status = ob_dc_add_level(dc, table.filters, base, totals, total_count,
                                 error);
    free(groups);
    free(totals);
    return status;
}

struct cli_data_file {
    char *path;
    json_t *root;
};

ob_status
cli_data_file_open(cli_data_file **out, const char *path, ob_error *error)
{
    *out = NULL;
    json_error_t json_error;
    json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &json_error);
    if (root == NULL) {
        FILE *probe = fopen(path, "rb");
        if (probe == NULL)
            return ob_error_set(error, OB_ERR_NOINPUT, "%s: %s", path,
                                strerror(errno));
        fclose(probe);
        return ob_error_set(error, OB_ERR_DATA, "%s:%d:%d: %s", path,
                            json_error.line, json_error.column,
                            json_error.text);
    }
    cli_data_file *file = calloc(1, sizeof *file);
    char *copy = strdup(path);
    if (file == NULL || copy == NULL) {
        free(file);
        free(copy);
        json_decref(root);
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    }
    file->path = copy;
    file->root = root;
    *out = file;
    return OB_OK;
}

void
cli_data_file_free(cli_data_file *file)
{
    if (file == NULL)
        return;
    json_decref(file->root);
    free(file->path);
    free(file);
}

int64_t
cli_data_file_threshold(const cli_data_file *file)
{
    const json_t *below = json_object_get(
        json_object_get(file->root, "protection"), "suppress_below");
    return json_is_integer(below) ? json_integer_value(below) : -1;
}

const char *
cli_data_file_vintage(const cli_data_file *file)
{
    return json_string_value(json_object_get(file->root, "vintage"));
}

ob_status
cli_data_file_load(ob_dc *dc, int64_t *threshold, const cli_data_file *file,
                   size_t vintage, ob_error *error)
{
    const char *path = file->path;
    const json_t *root = file->root;
    ob_status status = OB_OK;
    int64_t below = cli_data_file_threshold(file);
    if (below < 0) {
        status = not_a_data_file(error, path,
                                 "no protection.suppress_below of 0 or more");
    } else if (*threshold >= 0 && below != *threshold) {
        status = ob_error_set(error, OB_ERR_USAGE,
                              "%s was protected below %lld, this "
                              "publication below %lld",
                              path, (long long)below, (long long)*threshold);
    } else {
        *threshold = below;
    }
    const json_t *tables = json_object_get(root, "tables");
    if (status == OB_OK && json_is_array(tables)) {
        for (size_t t = 0; t < json_array_size(tables) && status == OB_OK;
             t++)
            status = load_table(dc, path, vintage, json_array_get(tables, t),
                                error);
    } else if (status == OB_OK) {
        status = load_table(dc, path, vintage, root, error);
    }
    return status;
}

ob_status
cli_load_published(ob_dc *dc, int64_t *threshold, const char *path,
                   size_t vintage, ob_error *error)
{
    cli_data_file *file;
    ob_status status = cli_data_file_open(&file, path, error);
    if (status == OB_OK)
        status = cli_data_file_load(dc, threshold, file, vintage, error);
    cli_data_file_free(file);
    return status;
}

bool
cli_published_by_month(char (*texts)[64], const char *path,
                       const char *measure, int first_month, size_t count)
{
    for (size_t i = 0; i < count; i++)
        texts[i][0] = '\0';
    json_t *root = json_load_file(path, 0, NULL);
    const json_t *tables = json_object_get(root, "tables");
    bool is_found = false;
    for (size_t t = 0; t < json_array_size(tables) && !is_found; t++) {
        const json_t *table = json_array_get(tables, t);
        const json_t *by = json_object_get(table, "by");
        const char *key = json_string_value(json_array_get(by, 0));
        if (json_array_size(by) != 1 || json_object_get(table, "filter")
            || key == NULL || strcmp(key, "month") != 0)
            continue;
        is_found = true;
        const json_t *partitions = json_object_get(table, "partitions");
        for (size_t p = 0; p < json_array_size(partitions); p++) {
            const json_t *groups =
                json_object_get(json_array_get(partitions, p), "groups");
            for (size_t g = 0; g < json_array_size(groups); g++) {
                const json_t *group = json_array_get(groups, g);
                const char *label = json_string_value(json_object_get(
                    json_object_get(group, "keys"), "month"));
                const char *display = json_string_value(json_object_get(
                    json_object_get(json_object_get(group, "measures"),
                                    measure),
                    "display"));
                int year;
                int month;
                if (label == NULL || display == NULL
                    || sscanf(label, "%d-%d", &year, &month) != 2)
                    continue;
                int index = year * 12 + month - 1 - first_month;
                if (index >= 0 && (size_t)index < count)
                    snprintf(texts[index], sizeof texts[index], "%s",
                             display);
            }
        }
    }
    json_decref(root);
    return is_found;
}

ob_status
cli_report_protection(size_t *minimum, bool *is_known, ob_dc *dc,
                      ob_error *error)
{
    size_t primary;
    size_t chosen;
    ob_dc_counts(dc, &primary, &chosen);
    *minimum = chosen;
    *is_known = false;
    if (primary == 0 && chosen == 0)
        return OB_OK;
    ob_status status = ob_dc_minimum(minimum, is_known, dc,
                                     CLI_MINIMUM_BUDGET, error);
    if (status != OB_OK)
        return status;
    char exact[96];
    if (*is_known)
        snprintf(exact, sizeof exact, "the fewest possible: %zu", *minimum);
    else
        snprintf(exact, sizeof exact, "too many choices to find the fewest");
    long long threshold = (long long)ob_dc_threshold(dc);
    fprintf(stderr,
            "opbrief: protection: %zu victim figure%s under %lld shown as "
            "<%lld, %zu more hidden as x (%s)\n",
            primary, primary == 1 ? "" : "s", threshold, threshold, chosen,
            exact);
    return OB_OK;
}


ob_status
cli_take_published_option(const char ***files, size_t *count, int argc,
                          char **argv, int *index, ob_error *error)
{
    const char *value = cli_option_value("--published", argc, argv, index,
                                         error);
    if (value == NULL)
        return OB_ERR_USAGE;
    const char **bigger = realloc(*files, (*count + 1) * sizeof *bigger);
    if (bigger == NULL)
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    bigger[(*count)++] = value;
    *files = bigger;
    return OB_OK;
}
