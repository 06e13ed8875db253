/* Whole-or-nothing outputs: a temporary file in the target's folder (so the
 * rename stays on one file system), renamed into place when complete. */
#include "opbrief/output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct ob_output {
    char *path;      /* the target */
    char *temporary; /* NULL for standard output */
    FILE *file;
};

ob_status
ob_output_open(ob_output **out, const char *path, ob_error *error)
{
    *out = NULL;
    ob_output *output = calloc(1, sizeof *output);
    if (output == NULL)
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    if (strcmp(path, "-") == 0) {
        output->file = stdout;
        *out = output;
        return OB_OK;
    }
    size_t length = strlen(path);
    output->path = malloc(length + 1);
    output->temporary = malloc(length + sizeof ".tmp-XXXXXX");
    if (output->path == NULL || output->temporary == NULL) {
        ob_output_abort(output);
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    }
    memcpy(output->path, path, length + 1);
    memcpy(output->temporary, path, length);
    memcpy(output->temporary + length, ".tmp-XXXXXX", sizeof ".tmp-XXXXXX");
    int fd = mkstemp(output->temporary);
    if (fd < 0) {
        int saved = errno;
        free(output->temporary);
        output->temporary = NULL;
        ob_output_abort(output);
        return ob_error_set(error, OB_ERR_CANTCREAT, "%s: cannot create: %s",
                            path, strerror(saved));
    }
    /* mkstemp makes 0600; an output is as readable as any new file. */
    mode_t mask = umask(0);
    umask(mask);
    (void)fchmod(fd, 0666 & ~mask);
    output->file = fdopen(fd, "w");
    if (output->file == NULL) {
        int saved = errno;
        close(fd);
        ob_output_abort(output);
        return ob_error_set(error, OB_ERR_CANTCREAT, "%s: cannot create: %s",
                            path, strerror(saved));
    }
    *out = output;
    return OB_OK;
}

FILE *
ob_output_file(ob_output *output)
{
    return output->file;
}

ob_status
ob_output_commit(ob_output *output, ob_error *error)
{
    ob_status status = OB_OK;
    if (output->temporary == NULL) {
        if (fflush(output->file) != 0 || ferror(output->file))
            status = ob_error_set(error, OB_ERR_IO,
                                  "standard output: write error: %s",
                                  strerror(errno));
        free(output);
        return status;
    }
    bool is_written = fflush(output->file) == 0 && !ferror(output->file)
                      && fsync(fileno(output->file)) == 0;
    int saved = errno;
    FILE *file = output->file;
    output->file = NULL;
    if (fclose(file) != 0 && is_written) {
        is_written = false;
        saved = errno;
    }
    if (!is_written) {
        status = ob_error_set(error, OB_ERR_IO, "%s: write error: %s",
                              output->path, strerror(saved));
        ob_output_abort(output);
        return status;
    }
    if (rename(output->temporary, output->path) != 0) {
        saved = errno;
        status = ob_error_set(error, OB_ERR_CANTCREAT,
                              "%s: cannot rename into place: %s", output->path,
                              strerror(saved));
        ob_output_abort(output);
        return status;
    }
    free(output->temporary);
    free(output->path);
    free(output);
    return OB_OK;
}

void
ob_output_abort(ob_output *output)
{
    if (output == NULL)
        return;
    if (output->file != NULL && output->file != stdout)
        fclose(output->file);
    if (output->temporary != NULL)
        unlink(output->temporary);
    free(output->temporary);
    free(output->path);
    free(output);
}
