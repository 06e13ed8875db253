/* SHA-256 (FIPS 180-4), for the manifests that let a reader check every
 * file a scheduled run wrote. */
#ifndef OPBRIEF_SHA256_H
#define OPBRIEF_SHA256_H

#include <stddef.h>
#include <stdint.h>

#include "opbrief/core.h"

typedef struct ob_sha256 {
    uint32_t state[8];
    uint64_t length; /* bytes so far */
    unsigned char block[64];
    size_t used;
} ob_sha256;

void ob_sha256_init(ob_sha256 *hash);
void ob_sha256_update(ob_sha256 *hash, const void *data, size_t size);
/* Finish and write the 64 hex digits and a NUL to HEX. */
void ob_sha256_hex(ob_sha256 *hash, char hex[65]);

/* The SHA-256 of the file at PATH as hex, and its size in bytes. */
ob_status ob_sha256_file(char hex[65], uint64_t *size, const char *path,
                         ob_error *error);

#endif
