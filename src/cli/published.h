/* opbrief data files read back: the figures a reader already has. */
#ifndef OB_CLI_PUBLISHED_H
#define OB_CLI_PUBLISHED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "opbrief/core.h"
#include "opbrief/disclosure.h"

/* Add every victims figure of the data file PATH (the JSON of 'opbrief
 * aggregate', or a file with a "tables" array of them) to DC as fixed, of
 * VINTAGE (ob_dc_figure), with the levels of its tables. *THRESHOLD is the
 * threshold the file must have been protected at, or -1 to take the
 * file's. */
ob_status cli_load_published(ob_dc *dc, int64_t *threshold, const char *path,
                             size_t vintage, ob_error *error);

/* A data file read once: its threshold (-1 when it states none), its
 * vintage (what data it was made from, as a monthly report says: "returns
 * up to 2023-03, files ..."; NULL when it says none, made from whatever
 * files were given), and its figures, added to a publication by
 * cli_data_file_load() as cli_load_published() does. */
typedef struct cli_data_file cli_data_file;
ob_status cli_data_file_open(cli_data_file **out, const char *path,
                             ob_error *error);
void cli_data_file_free(cli_data_file *file);
int64_t cli_data_file_threshold(const cli_data_file *file);
const char *cli_data_file_vintage(const cli_data_file *file);
ob_status cli_data_file_load(ob_dc *dc, int64_t *threshold,
                             const cli_data_file *file, size_t vintage,
                             ob_error *error);

/* What the data file PATH shows of MEASURE ("victims") in its table by
 * month alone: TEXTS[i] for month index FIRST_MONTH + i (COUNT of them),
 * as displayed ("3,384", "<10", "x"), "" where it shows nothing. False
 * when the file holds no such table (or cannot be read). */
bool cli_published_by_month(char (*texts)[64], const char *path,
                            const char *measure, int first_month,
                            size_t count);

/* --published FILE at ARGV[*INDEX]: FILE joins *FILES (*COUNT of them,
 * the array the caller's to free()). */
ob_status cli_take_published_option(const char ***files, size_t *count,
                                    int argc, char **argv, int *index,
                                    ob_error *error);

/* How many sets of "x" to try, at most, for the fewest that would do:
 * about a second of linear programs on a publication of a few dozen
 * figures. */
#define CLI_MINIMUM_BUDGET 2000

/* After ob_dc_protect(): one line on standard error, what protection hid
 * and the fewest "x" an exact search finds where it can search (*MINIMUM,
 * *IS_KNOWN). Nothing when nothing is hidden. */
ob_status cli_report_protection(size_t *minimum, bool *is_known, ob_dc *dc,
                                ob_error *error);

#endif
