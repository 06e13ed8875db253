/* opbrief validate: read returns, report every problem and the counts. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

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

static ob_status
accept_nothing(void *context, const ob_record *record, ob_error *error)
{
    (void)context;
    (void)record;
    (void)error;
    return OB_OK;
}

int
cli_validate(int argc, char **argv)
{
    cli_inputs inputs;
    memset(&inputs, 0, sizeof inputs);
    int code = cli_parse_arguments(&inputs, "validate", validate_usage, argc,
                                   argv, NULL, NULL);
    if (code < 0) {
        ob_error error;
        ob_record_sink sink = {accept_nothing, NULL};
        code = cli_exit_code(cli_read_inputs(&inputs, &sink, &error));
    }
    cli_inputs_free(&inputs);
    return code;
}
