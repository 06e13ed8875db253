/* opbrief validate: read returns, report every problem and the counts. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "opbrief/cube.h"

static const char validate_usage[] =
    "usage: opbrief validate [OPTIONS] FILE...\n"
    "\n"
    "Read CSV returns (FILE may be - for standard input, or end in .gz)\n"
    "and report every row that cannot be used, as FILE:LINE:COLUMN:\n"
    "reason, then how many rows each file had, accepted and rejected.\n"
    "\n"
    "options:\n"
    "  --rejects FILE      write every rejected row, with its position and\n"
    "                      reason, to FILE (CSV)\n"
    "  --strict            stop at the first problem (exit 65)\n"
    "  --delimiter D       ',', ';' or 'tab' (default: from the header)\n"
    "  --help              this text\n"
    "\n"
    "exit: 0 ok, 64 usage, 65 bad data or no row accepted, 66 no input,\n"
    "73 cannot create output, 74 I/O error\n";

int
cli_validate(int argc, char **argv)
{
    cli_inputs inputs;
    memset(&inputs, 0, sizeof inputs);
    int code = cli_parse_arguments(&inputs, "validate", validate_usage, argc,
                                   argv, NULL, NULL);
    if (code < 0) {
        /* A cube of the grand total: it keeps only what it knows of each
         * operation, for the declared countries check. */
        ob_error error;
        ob_grouping total = {0};
        ob_cube *cube = NULL;
        ob_status status = ob_cube_new(&cube, &total, &error);
        if (status == OB_OK) {
            ob_record_sink sink = ob_cube_sink(cube);
            status = cli_read_inputs(&inputs, &sink, &error);
            if (status == OB_OK)
                cli_warn_declared_countries(cube);
        } else {
            cli_print_error(&error);
        }
        ob_cube_free(cube);
        code = cli_exit_code(status);
    }
    cli_inputs_free(&inputs);
    return code;
}
