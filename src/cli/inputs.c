/* Reading the returns named on the command line, with the messages and
 * counts that every command prints. */
#include "cli.h"

#include "opbrief/cube.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Problems printed per file before the rest are only counted. */
#define PROBLEMS_SHOWN 20

int
cli_exit_code(ob_status status)
{
    switch (status) {
    case OB_OK:
        return EXIT_OK;
    case OB_ERR_USAGE:
        return EXIT_USAGE;
    case OB_ERR_DATA:
        return EXIT_DATAERR;
    case OB_ERR_NOINPUT:
        return EXIT_NOINPUT;
    case OB_ERR_CANTCREAT:
        return EXIT_CANTCREAT;
    case OB_ERR_IO:
        return EXIT_IOERR;
    case OB_ERR_CONFIG:
        return EXIT_CONFIG;
    case OB_ERR_NOMEM:
        break;
    }
    return EXIT_SOFTWARE;
}

void
cli_print_error(const ob_error *error)
{
    fprintf(stderr, "opbrief: %s\n", error->message);
}

bool
cli_is_option(const char *arg, const char *name)
{
    if (name[1] != '-') /* a short option stands alone: -o FILE */
        return strcmp(arg, name) == 0;
    size_t length = strlen(name);
    return strncmp(arg, name, length) == 0
           && (arg[length] == '\0' || arg[length] == '=');
}

bool
cli_take_output_option(const char **path, int argc, char **argv, int *index,
                       ob_error *error)
{
    const char *arg = argv[*index];
    const char *name = cli_is_option(arg, "-o")         ? "-o"
                       : cli_is_option(arg, "--output") ? "--output"
                                                        : NULL;
    if (name == NULL)
        return false;
    *path = cli_option_value(name, argc, argv, index, error);
    return true;
}

const char *
cli_option_value(const char *name, int argc, char **argv, int *index,
                 ob_error *error)
{
    const char *arg = argv[*index];
    size_t length = strlen(name);
    if (arg[length] == '=')
        return arg + length + 1;
    if (*index + 1 >= argc) {
        ob_error_set(error, OB_ERR_USAGE, "%s needs a value", name);
        return NULL;
    }
    (*index)++;
    return argv[*index];
}

static ob_status
parse_delimiter(char *delimiter, const char *value, ob_error *error)
{
    if (strcmp(value, ",") == 0 || strcmp(value, "comma") == 0)
        *delimiter = ',';
    else if (strcmp(value, ";") == 0 || strcmp(value, "semicolon") == 0)
        *delimiter = ';';
    else if (strcmp(value, "\t") == 0 || strcmp(value, "tab") == 0
             || strcmp(value, "\\t") == 0)
        *delimiter = '\t';
    else
        return ob_error_set(error, OB_ERR_USAGE,
                            "--delimiter must be ',', ';' or 'tab', not \"%s\"",
                            value);
    return OB_OK;
}

ob_status
cli_take_input_option(bool *is_taken, cli_inputs *inputs, int argc, char **argv,
                      int *index, ob_error *error)
{
    const char *arg = argv[*index];
    *is_taken = true;
    if (strcmp(arg, "--strict") == 0) {
        inputs->ingest.is_strict = true;
        return OB_OK;
    }
    if (cli_is_option(arg, "--delimiter")) {
        const char *value =
            cli_option_value("--delimiter", argc, argv, index, error);
        if (value == NULL)
            return OB_ERR_USAGE;
        return parse_delimiter(&inputs->ingest.delimiter, value, error);
    }
    if (cli_is_option(arg, "--rejects")) {
        inputs->rejects_path =
            cli_option_value("--rejects", argc, argv, index, error);
        return inputs->rejects_path ? OB_OK : OB_ERR_USAGE;
    }
    *is_taken = false;
    return OB_OK;
}

static void
print_problem(void *context, const ob_problem *problem)
{
    cli_inputs *inputs = context;
    inputs->problems_in_file++;
    if (inputs->problem_total < 3)
        snprintf(inputs->first_problems[inputs->problem_total],
                 sizeof inputs->first_problems[0], "%s:%zu: %s",
                 problem->source, problem->line, problem->message);
    inputs->problem_total++;
    if (inputs->problems_in_file > PROBLEMS_SHOWN)
        return;
    if (problem->column > 0)
        fprintf(stderr, "opbrief: %s:%zu:%zu: %s\n", problem->source,
                problem->line, problem->column, problem->message);
    else
        fprintf(stderr, "opbrief: %s:%zu: %s\n", problem->source, problem->line,
                problem->message);
}

ob_status
cli_read_inputs(cli_inputs *inputs, ob_record_sink *sink, ob_error *error)
{
    ob_rejects *rejects = NULL;
    ob_status first_failure = OB_OK;
    ob_error failure;
    size_t accepted = 0;

    if (inputs->rejects_path != NULL) {
        ob_status status =
            ob_rejects_open(&rejects, inputs->rejects_path, error);
        if (status != OB_OK)
            return status;
    }
    inputs->ingest.rejects = rejects;
    inputs->ingest.on_problem = print_problem;
    inputs->ingest.problem_context = inputs;

    for (size_t i = 0; i < inputs->path_count; i++) {
        const char *path = inputs->paths[i];
        ob_ingest_counts counts;
        inputs->problems_in_file = 0;
        ob_status status =
            ob_ingest_csv_file(&counts, path, &inputs->ingest, sink, &failure);
        if (inputs->problems_in_file > PROBLEMS_SHOWN)
            fprintf(stderr, "opbrief: %s: %zu more problems not shown%s\n",
                    path, inputs->problems_in_file - PROBLEMS_SHOWN,
                    rejects ? "; all are in the rejects file"
                            : "; --rejects FILE keeps every rejected row");
        if (status != OB_ERR_NOINPUT)
            fprintf(stderr,
                    "opbrief: %s: %zu rows read, %zu accepted, %zu rejected\n",
                    path, counts.rows_read, counts.rows_accepted,
                    counts.rows_rejected);
        accepted += counts.rows_accepted;
        inputs->rows_read += counts.rows_read;
        inputs->rows_accepted += counts.rows_accepted;
        inputs->rows_rejected += counts.rows_rejected;
        if (status == OB_OK)
            continue;
        cli_print_error(&failure);
        if (first_failure == OB_OK) {
            first_failure = status;
            *error = failure;
            /* Strict mode and broken outputs stop at once. */
            if (inputs->ingest.is_strict || status == OB_ERR_IO
                || status == OB_ERR_NOMEM)
                break;
        }
    }
    if (first_failure == OB_OK && accepted == 0) {
        first_failure = ob_error_set(error, OB_ERR_DATA,
                                     "no rows accepted: nothing to report");
        cli_print_error(error);
    }
    if (rejects != NULL) {
        ob_error rejects_error;
        ob_status status = ob_rejects_commit(rejects, &rejects_error);
        if (status != OB_OK) {
            cli_print_error(&rejects_error);
            if (first_failure == OB_OK) {
                *error = rejects_error;
                first_failure = status;
            }
        }
    }
    return first_failure;
}

int
cli_parse_arguments(cli_inputs *inputs, const char *command, const char *usage,
                    int argc, char **argv, cli_option_fn take_option,
                    void *context)
{
    ob_error error;
    inputs->paths = calloc((size_t)argc, sizeof *inputs->paths);
    if (inputs->paths == NULL)
        return EXIT_SOFTWARE;
    bool is_after_dashes = false;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (!is_after_dashes && strcmp(arg, "--help") == 0) {
            fputs(usage, stdout);
            return EXIT_OK;
        }
        if (!is_after_dashes && strcmp(arg, "--") == 0) {
            is_after_dashes = true;
            continue;
        }
        if (is_after_dashes || arg[0] != '-' || arg[1] == '\0') {
            inputs->paths[inputs->path_count++] = arg;
            continue;
        }
        bool is_taken = false;
        ob_status status =
            cli_take_input_option(&is_taken, inputs, argc, argv, &i, &error);
        if (status == OB_OK && !is_taken && take_option != NULL)
            status = take_option(&is_taken, context, argc, argv, &i, &error);
        if (status == OB_OK && !is_taken)
            status = ob_error_set(&error, OB_ERR_USAGE,
                                  "%s: unknown option \"%s\"", command, arg);
        if (status != OB_OK) {
            cli_print_error(&error);
            return cli_exit_code(status);
        }
    }
    if (inputs->path_count == 0) {
        fprintf(stderr,
                "opbrief: %s: no input file (use - for standard input)\n",
                command);
        return EXIT_USAGE;
    }
    return -1;
}

void
cli_inputs_free(cli_inputs *inputs)
{
    free(inputs->paths);
}

void
cli_warn_declared_countries(ob_cube *cube)
{
    for (size_t i = 0; i < ob_cube_operation_count(cube); i++) {
        const ob_operation_info *info = ob_cube_operation(cube, i);
        if (info == NULL || info->countries_declared == 0)
            continue;
        if (info->has_conflicting_declarations)
            fprintf(stderr,
                    "opbrief: %s: rows declare different numbers of "
                    "countries; the largest is %lld\n",
                    info->name, (long long)info->countries_declared);
        if ((size_t)info->countries_declared != info->countries_present)
            fprintf(stderr,
                    "opbrief: %s: %lld countries declared, %zu in the data\n",
                    info->name, (long long)info->countries_declared,
                    info->countries_present);
    }
}

const char *
cli_single_operation(ob_cube *cube)
{
    return ob_cube_operation_count(cube) == 1 ? ob_cube_operation(cube, 0)->name
                                              : NULL;
}

/* The NAME(CONTEXT, I) of I < COUNT as "a, b, c" in OUT, whole names
 * only: those that do not fit are counted, "a, b and 3 more". */
static void
join_names(char *out, size_t size, size_t count,
           const char *(*name)(void *, size_t), void *context)
{
    char more[48];
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < count; i++) {
        const char *text = name(context, i);
        size_t length = (used ? 2 : 0) + strlen(text);
        /* Room for the rest's count unless this is the last. */
        size_t reserve =
            i + 1 < count ? sizeof " and 18446744073709551615 more" : 1;
        if (used + length + reserve > size) {
            snprintf(more, sizeof more, used ? " and %zu more" : "%zu more",
                     count - i);
            if (used + strlen(more) < size)
                memcpy(out + used, more, strlen(more) + 1);
            return;
        }
        snprintf(out + used, size - used, "%s%s", used ? ", " : "", text);
        used += length;
    }
}

static const char *
operation_name(void *cube, size_t i)
{
    return ob_cube_operation(cube, i)->name;
}

void
cli_operation_list(char *out, size_t size, ob_cube *cube)
{
    join_names(out, size, ob_cube_operation_count(cube), operation_name, cube);
}

static const char *
file_name(void *paths, size_t i)
{
    const char *path = ((const char **)paths)[i];
    const char *base = strrchr(path, '/');
    return base ? base + 1 : path;
}

void
cli_source_names(char *out, size_t size, const cli_inputs *inputs, size_t most)
{
    size_t count = inputs->path_count;
    void *paths = inputs->paths;
    if (count > most && count > 2) {
        int written =
            snprintf(out, size, "%s \xE2\x80\xA6 %s (%zu files)",
                     file_name(paths, 0), file_name(paths, count - 1), count);
        if (written > 0 && (size_t)written < size)
            return;
    }
    join_names(out, size, count, file_name, paths);
}
