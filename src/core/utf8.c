/* UTF-8 decoding by the rules of RFC 3629 (Unicode Table 3-7). */
#include "opbrief/utf8.h"

size_t
ob_utf8_decode(uint32_t *code_point, const unsigned char *text,
               size_t available)
{
    unsigned char lead = text[0];
    if (lead < 0x80) {
        *code_point = lead;
        return 1;
    }
    size_t length;
    uint32_t value;
    uint32_t minimum;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        value = lead & 0x1Fu;
        minimum = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        value = lead & 0x0Fu;
        minimum = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        value = lead & 0x07u;
        minimum = 0x10000;
    } else {
        return 0;
    }
    if (available < length)
        return 0;
    for (size_t i = 1; i < length; i++) {
        if ((text[i] & 0xC0) != 0x80)
            return 0;
        value = (value << 6) | (text[i] & 0x3Fu);
    }
    if (value < minimum || value > 0x10FFFF
        || (value >= 0xD800 && value <= 0xDFFF))
        return 0;
    *code_point = value;
    return length;
}

bool
ob_utf8_is_valid(size_t *bad_offset, const char *text, size_t length)
{
    const unsigned char *bytes = (const unsigned char *)text;
    size_t offset = 0;
    while (offset < length) {
        /* ASCII runs are the common case: skip them eight at a time would
         * need aliasing tricks; a plain loop is fast enough here. */
        if (bytes[offset] < 0x80) {
            offset++;
            continue;
        }
        uint32_t code_point;
        size_t step =
            ob_utf8_decode(&code_point, bytes + offset, length - offset);
        if (step == 0) {
            *bad_offset = offset;
            return false;
        }
        offset += step;
    }
    return true;
}
