/* Numbers, CSV fields and dates written the same way by every stage. */
#include "opbrief/core.h"

#include <math.h>
#include <string.h>

void
ob_format_count(char *out, size_t out_size, double value,
                const char *thousands)
{
    char digits[48];
    snprintf(digits, sizeof digits, "%.0f", fabs(value));
    size_t length = strlen(digits);
    size_t used = 0;
    size_t separator_length = thousands ? strlen(thousands) : 0;
    if (value < 0 && used + 1 < out_size)
        out[used++] = '-';
    for (size_t i = 0; i < length && used + separator_length + 2 < out_size;
         i++) {
        if (separator_length > 0 && i > 0 && (length - i) % 3 == 0) {
            memcpy(out + used, thousands, separator_length);
            used += separator_length;
        }
        out[used++] = digits[i];
    }
    out[used] = '\0';
}

void
ob_write_csv_field(FILE *file, const char *text)
{
    if (strpbrk(text, ",\"\r\n") == NULL) {
        fputs(text, file);
        return;
    }
    fputc('"', file);
    for (const char *p = text; *p != '\0'; p++) {
        if (*p == '"')
            fputc('"', file);
        fputc(*p, file);
    }
    fputc('"', file);
}

int64_t
ob_days_from_civil(int year, int month, int day)
{
    /* H. Hinnant's days_from_civil: March-based years make February's
     * length the year's last detail. */
    year -= month <= 2;
    int era = (year >= 0 ? year : year - 399) / 400;
    int year_of_era = year - era * 400;
    int day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day
                      - 1;
    int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100
                     + day_of_year;
    return (int64_t)era * 146097 + day_of_era - 719468;
}
