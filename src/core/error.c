/* Errors and the quoting of found values in their messages. */
#include "opbrief/core.h"

#include <stdio.h>
#include <string.h>

#include "opbrief/utf8.h"

/* Cut S back so that it does not end inside a UTF-8 character. */
static void
trim_partial_character(char *s)
{
    size_t length = strlen(s);
    size_t start = length;
    while (start > 0 && ((unsigned char)s[start - 1] & 0xC0) == 0x80)
        start--;
    if (start == 0)
        return;
    uint32_t code_point;
    size_t last = start - 1;
    if ((unsigned char)s[last] >= 0x80
        && ob_utf8_decode(&code_point, (const unsigned char *)s + last,
                          length - last)
               == 0)
        s[last] = '\0';
}

ob_status
ob_error_setv(ob_error *error, ob_status status, const char *format,
              va_list args)
{
    if (error == NULL)
        return status;
    error->status = status;
    int written =
        vsnprintf(error->message, sizeof error->message, format, args);
    if (written < 0)
        snprintf(error->message, sizeof error->message, "%s", format);
    else if ((size_t)written >= sizeof error->message)
        trim_partial_character(error->message);
    return status;
}

ob_status
ob_error_set(ob_error *error, ob_status status, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    ob_status result = ob_error_setv(error, status, format, args);
    va_end(args);
    return result;
}

void
ob_quote_value(char *out, size_t out_size, const char *value, size_t length,
               size_t max_chars)
{
    static const char ellipsis[] = "...";
    const unsigned char *bytes = (const unsigned char *)value;
    size_t used = 0;
    size_t chars = 0;
    size_t offset = 0;

    /* Room for the closing quote, the ellipsis and the NUL. */
    if (out_size < 8) {
        if (out_size > 0)
            out[0] = '\0';
        return;
    }
    size_t limit = out_size - sizeof ellipsis - 2;
    out[used++] = '"';
    while (offset < length) {
        char piece[8];
        size_t piece_length;
        uint32_t code_point = 0;
        size_t step =
            bytes[offset] < 0x80
                ? 1
                : ob_utf8_decode(&code_point, bytes + offset, length - offset);
        if (step == 0 || bytes[offset] < 0x20 || bytes[offset] == 0x7F) {
            snprintf(piece, sizeof piece, "\\x%02X", bytes[offset]);
            piece_length = 4;
            step = 1;
        } else if (bytes[offset] == '"' || bytes[offset] == '\\') {
            piece[0] = '\\';
            piece[1] = (char)bytes[offset];
            piece_length = 2;
        } else {
            memcpy(piece, bytes + offset, step);
            piece_length = step;
        }
        if (chars == max_chars || used + piece_length > limit) {
            memcpy(out + used, ellipsis, sizeof ellipsis - 1);
            used += sizeof ellipsis - 1;
            break;
        }
        memcpy(out + used, piece, piece_length);
        used += piece_length;
        chars++;
        offset += step;
    }
    out[used++] = '"';
    out[used] = '\0';
}

const char *
ob_measure_name(ob_measure measure)
{
    static const char *const names[OB_MEASURE_COUNT] = {
        "arrests", "victims", "migrants", "seizures", "investigations"};
    return measure < OB_MEASURE_COUNT ? names[measure] : "?";
}

const char *
ob_breakdown_name(ob_breakdown breakdown)
{
    static const char *const names[OB_BREAKDOWN_COUNT] = {
        "exploitation", "citizenship", "victim_sex", "victim_age",
        "recruitment"};
    return breakdown < OB_BREAKDOWN_COUNT ? names[breakdown] : "?";
}
