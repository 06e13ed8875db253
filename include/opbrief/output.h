/* Outputs that appear whole or not at all: each is written to a temporary
 * file beside its target, flushed, synced and renamed into place only when
 * it is complete. Until then, the previous file (if any) is untouched. */
#ifndef OPBRIEF_OUTPUT_H
#define OPBRIEF_OUTPUT_H

#include <stdio.h>

#include "opbrief/core.h"

typedef struct ob_output ob_output;

/* Start writing PATH ("-" is standard output, written directly). On
 * success *OUT owns the temporary file; write through ob_output_file(). */
ob_status ob_output_open(ob_output **out, const char *path, ob_error *error);

/* The stream to write to; borrowed from OUTPUT. */
FILE *ob_output_file(ob_output *output);

/* Flush, sync and rename OUTPUT into place, then free it (also on
 * failure, when the temporary file is removed and the target untouched). */
ob_status ob_output_commit(ob_output *output, ob_error *error);

/* Give up: remove the temporary file and free OUTPUT. Accepts NULL. */
void ob_output_abort(ob_output *output);

#endif
