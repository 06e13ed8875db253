/* opbrief audit: what a reader of a set of opbrief data files can deduce
 * of every hidden victims figure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "opbrief/disclosure.h"
#include "published.h"

static const char audit_usage[] =
    "usage: opbrief audit [--countries LIST] FILE...\n"
    "\n"
    "Read opbrief data files (the JSON of 'opbrief aggregate --format json',\n"
    "the data file beside a briefing, a month folder's data.json) as a\n"
    "reader who has them all would, and print for every hidden victims\n"
    "figure the smallest and largest value they allow, found by linear\n"
    "programming over every figure shown and every sum the tables give.\n"
    "A figure shown as <K must keep what the marks alone allow (1 to K-1\n"
    "when nothing else hidden adds into it).\n"
    "\n"
    "options:\n"
    "  --countries LIST    the countries a reader knows sent returns (ISO\n"
    "                      codes or names, comma-separated; 'none' for\n"
    "                      returns of no country): places then hold only\n"
    "                      these, as opbrief assumes when it protects\n"
    "\n"
    "exit: 0 every <K figure keeps its range, 65 one is narrower (or a\n"
    "file's figures disagree), 64 usage, 66 a file cannot be opened\n";

static void
print_interval(const ob_dc *dc, const ob_dc_interval *interval,
               int64_t threshold)
{
    char where[512];
    ob_dc_describe(where, sizeof where, dc, interval->id);
    char shown[32];
    if (interval->is_primary)
        snprintf(shown, sizeof shown, "<%lld", (long long)threshold);
    else
        snprintf(shown, sizeof shown, "x");
    char range[96];
    if (interval->is_upstream_only)
        snprintf(range, sizeof range,
                 "only what was suppressed upstream (<N)");
    else if (!interval->has_high)
        snprintf(range, sizeof range, "%lld or more",
                 (long long)interval->low);
    else if (interval->low == interval->high)
        snprintf(range, sizeof range, "exactly %lld",
                 (long long)interval->low);
    else
        snprintf(range, sizeof range, "%lld to %lld",
                 (long long)interval->low, (long long)interval->high);
    if (ob_dc_is_revision(dc, interval->id) && interval->is_narrow)
        printf("%s: not shown; a reader can tell %s, narrower than %lld to "
               "%lld\n",
               where, range, (long long)interval->need_low,
               (long long)interval->need_high);
    else if (ob_dc_is_revision(dc, interval->id))
        printf("%s: not shown; a reader can tell %s\n", where, range);
    else if (interval->is_narrow)
        printf("%s: shown as %s; a reader can tell %s, narrower than %lld "
               "to %lld\n",
               where, shown, range, (long long)interval->need_low,
               (long long)interval->need_high);
    else
        printf("%s: shown as %s; a reader can tell %s\n", where, shown,
               range);
}

/* --countries LIST: codes or names, comma-separated, "none" for no
 * country. */
static ob_status
restrict_places(ob_dc *dc, const char *list, ob_error *error)
{
    const ob_country *countries[512];
    size_t count = 0;
    bool has_none = false;
    const char *p = list;
    while (*p != '\0') {
        const char *end = strchr(p, ',');
        size_t length = end ? (size_t)(end - p) : strlen(p);
        if (length == 4 && strncmp(p, "none", 4) == 0) {
            has_none = true;
        } else {
            const ob_country *country = ob_country_find(p, length);
            if (country == NULL) {
                char quoted[96];
                ob_quote_value(quoted, sizeof quoted, p, length, 40);
                return ob_error_set(error, OB_ERR_USAGE,
                                    "--countries: %s is not a country",
                                    quoted);
            }
            if (count < sizeof countries / sizeof countries[0])
                countries[count++] = country;
        }
        p += length + (end != NULL);
    }
    ob_dc_restrict_places_to(dc, countries, count, has_none);
    return OB_OK;
}

int
cli_audit(int argc, char **argv)
{
    int first = 1;
    const char *countries = NULL;
    if (argc > 2 && cli_is_option(argv[1], "--countries")) {
        int index = 1;
        ob_error usage_error;
        countries = cli_option_value("--countries", argc, argv, &index,
                                     &usage_error);
        if (countries == NULL) {
            cli_print_error(&usage_error);
            return EXIT_USAGE;
        }
        first = index + 1;
    }
    for (int i = first; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(audit_usage, stdout);
            return EXIT_OK;
        }
        if (argv[i][0] == '-' && argv[i][1] != '\0') {
            fprintf(stderr, "opbrief: audit: unknown option \"%s\"\n%s",
                    argv[i], audit_usage);
            return EXIT_USAGE;
        }
    }
    if (first >= argc) {
        fputs(audit_usage, stderr);
        return EXIT_USAGE;
    }
    ob_error error;
    /* Each file is read once; the first one's threshold is the one every
     * other must share. */
    cli_data_file *file = NULL;
    ob_status status = cli_data_file_open(&file, argv[first], &error);
    int64_t threshold = status == OB_OK ? cli_data_file_threshold(file) : -1;
    ob_dc *dc = NULL;
    if (status == OB_OK)
        status = ob_dc_new(&dc, threshold > 0 ? threshold : 0, &error);
    if (status == OB_OK && countries != NULL)
        status = restrict_places(dc, countries, &error);
    /* Files that say what data they were made from (monthly reports) are
     * vintages of their own, whose figures may differ: a figure hidden in
     * one is not taken for the one shown in another. The others are one
     * vintage, of the same data. At most 62 vintages; later ones share
     * the last. */
    char *vintages[63] = {NULL};
    size_t vintage_count = 1;
    threshold = -1;
    for (int i = first; i < argc && status == OB_OK; i++) {
        if (i > first)
            status = cli_data_file_open(&file, argv[i], &error);
        if (status != OB_OK)
            break;
        const char *label = cli_data_file_vintage(file);
        size_t vintage = 0;
        if (label != NULL) {
            ob_dc_set_data_changes(dc, true);
            vintage = 1;
            while (vintage < vintage_count
                   && strcmp(vintages[vintage], label) != 0)
                vintage++;
            if (vintage == vintage_count && vintage_count < 63) {
                vintages[vintage_count] = strdup(label);
                if (vintages[vintage_count++] == NULL)
                    status = ob_error_set(&error, OB_ERR_NOMEM,
                                          "out of memory");
            }
            if (vintage == 63)
                vintage = 62;
        }
        if (status == OB_OK)
            status = cli_data_file_load(dc, &threshold, file, vintage,
                                        &error);
        cli_data_file_free(file);
        file = NULL;
    }
    cli_data_file_free(file);
    for (size_t v = 1; v < vintage_count; v++)
        free(vintages[v]);
    ob_dc_interval *intervals = NULL;
    size_t count = 0;
    if (status == OB_OK)
        status = ob_dc_audit(&intervals, &count, dc, &error);
    if (status != OB_OK) {
        cli_print_error(&error);
        ob_dc_free(dc);
        return cli_exit_code(status);
    }
    size_t primary = 0;
    size_t narrow = 0;
    size_t revisions = 0;
    for (size_t i = 0; i < count; i++) {
        print_interval(dc, &intervals[i], threshold);
        bool is_revision = ob_dc_is_revision(dc, intervals[i].id);
        revisions += is_revision;
        primary += intervals[i].is_primary && !is_revision;
        narrow += intervals[i].is_narrow;
    }
    int files = argc - first;
    char verdict[64];
    if (narrow == 0)
        snprintf(verdict, sizeof verdict, "none");
    else
        snprintf(verdict, sizeof verdict, "%zu", narrow);
    fprintf(stderr,
            "opbrief: %d file%s, %zu figure%s: %zu shown as <%lld, %zu as "
            "x; %s narrower than the marks allow\n",
            files, files == 1 ? "" : "s", ob_dc_figure_count(dc),
            ob_dc_figure_count(dc) == 1 ? "" : "s", primary,
            (long long)threshold, count - primary - revisions, verdict);
    free(intervals);
    ob_dc_free(dc);
    return narrow == 0 ? EXIT_OK : EXIT_DATAERR;
}
