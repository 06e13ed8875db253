/* Shared inside the command line: argument parsing, reading the inputs
 * of a command, and the exit codes. Only src/cli/ sees every stage. */
#ifndef OB_CLI_CLI_H
#define OB_CLI_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "opbrief/core.h"
#include "opbrief/ingest.h"

/* sysexits.h values, spelled out: the header is BSD, not C or POSIX. */
enum {
    EXIT_OK = 0,
    EXIT_USAGE = 64,
    EXIT_DATAERR = 65,
    EXIT_NOINPUT = 66,
    EXIT_SOFTWARE = 70,
    EXIT_CANTCREAT = 73,
    EXIT_IOERR = 74,
    EXIT_CONFIG = 78
};

int cli_exit_code(ob_status status);

/* Print "opbrief: MESSAGE" on standard error. */
void cli_print_error(const ob_error *error);

/* The options every command that reads returns understands. */
typedef struct cli_inputs {
    const char **paths;
    size_t path_count;
    ob_ingest_options ingest;
    const char *rejects_path;
    size_t problems_shown; /* per file, then a count */
    size_t problems_in_file;
    /* Over every file: the counts, and the first problems for a summary. */
    size_t rows_read, rows_accepted, rows_rejected;
    char first_problems[3][240];
    size_t problem_total;
} cli_inputs;

/* Whether ARGV[*INDEX] is an input option; if so, consume it (and its
 * value) and return OB_OK, or an error for a bad value. *IS_TAKEN says
 * whether it was one. */
ob_status cli_take_input_option(bool *is_taken, cli_inputs *inputs, int argc,
                                char **argv, int *index, ob_error *error);

/* The value of option NAME at ARGV[*INDEX], "--name VALUE" or
 * "--name=VALUE"; NULL (with ERROR set) when it has none. Advances *INDEX
 * past a separate value. */
const char *cli_option_value(const char *name, int argc, char **argv,
                             int *index, ob_error *error);

/* Whether ARG is the option NAME, alone or as "NAME=..."; a short one
 * such as "-o" only alone. */
bool cli_is_option(const char *arg, const char *name);

/* Whether ARGV[*INDEX] is -o or --output; if so, its value in *PATH, or
 * NULL with ERROR set when it has none. */
bool cli_take_output_option(const char **path, int argc, char **argv,
                            int *index, ob_error *error);

/* Read every input into SINK: messages and per-file counts on standard
 * error, rejected rows to --rejects. Fails with the first error that
 * stops a file (after reading the others), or OB_ERR_DATA when nothing at
 * all was accepted; every error is printed here, and kept in ERROR. */
ob_status cli_read_inputs(cli_inputs *inputs, ob_record_sink *sink,
                          ob_error *error);

/* A command's own options: like cli_take_input_option(). */
typedef ob_status (*cli_option_fn)(bool *is_taken, void *context, int argc,
                                   char **argv, int *index, ob_error *error);

/* Read the arguments of COMMAND (ARGV[0]): input files, input options and,
 * through TAKE_OPTION (may be NULL), the command's own. Prints USAGE for
 * --help and messages for mistakes. Returns -1 to go on, or the exit code
 * to stop with. Free INPUTS with cli_inputs_free() either way. */
int cli_parse_arguments(cli_inputs *inputs, const char *command,
                        const char *usage, int argc, char **argv,
                        cli_option_fn take_option, void *context);
void cli_inputs_free(cli_inputs *inputs);

/* Warn on standard error where an operation declares a number of
 * participating countries that differs from the countries in the data. */
struct ob_cube;
void cli_warn_declared_countries(struct ob_cube *cube);

/* The one operation of CUBE's records, or NULL when there are several. */
const char *cli_single_operation(struct ob_cube *cube);

/* CUBE's operations as "A, B" into OUT; those that do not fit whole are
 * counted: "A, B and 3 more". */
void cli_operation_list(char *out, size_t size, struct ob_cube *cube);

/* The file names (without folders) of INPUTS as "a.csv, b.csv" (as
 * above), or, when there are more than MOST, the first and the last:
 * "a.csv … z.csv (24 files)". */
void cli_source_names(char *out, size_t size, const cli_inputs *inputs,
                      size_t most);

/* SOURCE_DATE_EPOCH in *SECONDS, when it is set to a whole number of
 * seconds. */
bool cli_source_date_epoch(int64_t *seconds);

/* SOURCE_DATE_EPOCH when set, else the end of the last day in CUBE's
 * data: the creation date of PDFs, so that the same input gives the same
 * bytes. */
int64_t cli_creation_time(struct ob_cube *cube);

/* Write PATH whole or not at all: the chart (FORMAT), its alt text
 * (KIND 1) or its data (KIND 2). */
struct ob_chart;
struct ob_render_options;
ob_status cli_write_chart_file(const char *path, int kind, int format,
                               const struct ob_chart *chart,
                               const struct ob_render_options *render,
                               ob_error *error);

/* PATH with its extension replaced by EXTENSION; free it. */
char *cli_sidecar_path(const char *path, const char *extension);

/* Commands. Each returns the process exit code. */
int cli_validate(int argc, char **argv);
int cli_aggregate(int argc, char **argv);
int cli_chart(int argc, char **argv);
int cli_brief(int argc, char **argv);
int cli_charts(int argc, char **argv);
int cli_monthly(int argc, char **argv);
int cli_audit(int argc, char **argv);

#endif
