/* opbrief: the command line. main() picks the command; each command reads
 * its arguments, runs the stages in order and maps the status to an exit
 * code. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
    "usage: opbrief COMMAND [OPTIONS] FILE...\n"
    "\n"
    "Statistics, charts and briefings from the returns of operations\n"
    "against human trafficking and migrant smuggling.\n"
    "\n"
    "commands:\n"
    "  validate    read returns and report every problem\n"
    "  aggregate   sums, shares, intervals and trends per group, protected\n"
    "  chart       one chart (PNG, SVG, PDF) with alt text and its data\n"
    "  charts      the chart set of an article definition\n"
    "  brief       the PDF briefing of a report definition\n"
    "  monthly     the unattended monthly report of a folder of returns\n"
    "  audit       what a reader of data files can tell of hidden figures\n"
    "\n"
    "Run 'opbrief COMMAND --help' for the options of a command.\n"
    "'opbrief --version' prints the version.\n";

int
main(int argc, char **argv)
{
    /* A file size limit makes a write fail (EFBIG) rather than kill the
     * process, so that the output is abandoned cleanly: the previous file
     * stays and no temporary file is left. */
    signal(SIGXFSZ, SIG_IGN);
    if (argc < 2) {
        fputs(usage, stderr);
        return EXIT_USAGE;
    }
    const char *command = argv[1];
    if (strcmp(command, "--help") == 0 || strcmp(command, "-h") == 0
        || strcmp(command, "help") == 0) {
        fputs(usage, stdout);
        return EXIT_OK;
    }
    if (strcmp(command, "--version") == 0) {
        printf("opbrief %s\n", OB_VERSION);
        return EXIT_OK;
    }
    if (strcmp(command, "validate") == 0)
        return cli_validate(argc - 1, argv + 1);
    if (strcmp(command, "aggregate") == 0)
        return cli_aggregate(argc - 1, argv + 1);
    if (strcmp(command, "chart") == 0)
        return cli_chart(argc - 1, argv + 1);
    if (strcmp(command, "charts") == 0)
        return cli_charts(argc - 1, argv + 1);
    if (strcmp(command, "brief") == 0)
        return cli_brief(argc - 1, argv + 1);
    if (strcmp(command, "monthly") == 0)
        return cli_monthly(argc - 1, argv + 1);
    if (strcmp(command, "audit") == 0)
        return cli_audit(argc - 1, argv + 1);
    fprintf(stderr, "opbrief: unknown command \"%s\"\n%s", command, usage);
    return EXIT_USAGE;
}
