/* opbrief data files read back: the figures a reader already has. */
#ifndef OB_CLI_PUBLISHED_H
#define OB_CLI_PUBLISHED_H

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

/* The threshold a data file was protected at; -1 when it cannot be read
 * (cli_load_published() then says why). */
int64_t cli_published_threshold(const char *path);

#endif
