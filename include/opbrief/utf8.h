/* UTF-8 checking and decoding, shared by every stage that reads text. */
#ifndef OPBRIEF_UTF8_H
#define OPBRIEF_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decode the character at TEXT (AVAILABLE bytes, at least 1). On success
 * store it in *CODE_POINT and return its length (1-4); return 0 when the
 * bytes there are not UTF-8 (overlong forms, surrogates and values past
 * U+10FFFF included). */
size_t ob_utf8_decode(uint32_t *code_point, const unsigned char *text,
                      size_t available);

/* Whether TEXT (LENGTH bytes) is all UTF-8; when not, *BAD_OFFSET is the
 * offset of the first byte that is not. */
bool ob_utf8_is_valid(size_t *bad_offset, const char *text, size_t length);

#endif
