/* Counts, dates and header names as countries write them. */
#include "cell.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Largest count accepted in one cell: far above any real return, and low
 * enough that ten million of them still add up inside an int64_t. */
#define MAX_COUNT INT64_C(999999999999)

#define QUOTE_CHARS 40

static void
quote_for_message(char *out, size_t out_size, const char *text, size_t length)
{
    ob_quote_value(out, out_size, text, length, QUOTE_CHARS);
}

size_t
cell_trim(const char **start, const char *text, size_t length)
{
    while (length > 0 && (text[0] == ' ' || text[0] == '\t')) {
        text++;
        length--;
    }
    while (length > 0 && (text[length - 1] == ' ' || text[length - 1] == '\t'))
        length--;
    *start = text;
    return length;
}

typedef struct known_column {
    const char *name; /* normalised: lower case, '_' between words */
    cell_role role;
    int which;
} known_column;

static const known_column known_columns[] = {
    {"operation", CELL_ROLE_OPERATION, 0},
    {"op", CELL_ROLE_OPERATION, 0},
    {"operation_name", CELL_ROLE_OPERATION, 0},
    {"country", CELL_ROLE_COUNTRY, 0},
    {"country_code", CELL_ROLE_COUNTRY, 0},
    {"iso3", CELL_ROLE_COUNTRY, 0},
    {"nation", CELL_ROLE_COUNTRY, 0},
    {"date", CELL_ROLE_DATE, 0},
    {"period", CELL_ROLE_DATE, 0},
    {"month", CELL_ROLE_DATE, 0},
    {"reported", CELL_ROLE_DATE, 0},
    {"arrests", CELL_ROLE_MEASURE, OB_MEASURE_ARRESTS},
    {"victims", CELL_ROLE_MEASURE, OB_MEASURE_VICTIMS},
    {"victims_identified", CELL_ROLE_MEASURE, OB_MEASURE_VICTIMS},
    {"victims_rescued", CELL_ROLE_MEASURE, OB_MEASURE_VICTIMS},
    {"migrants", CELL_ROLE_MEASURE, OB_MEASURE_MIGRANTS},
    {"irregular_migrants", CELL_ROLE_MEASURE, OB_MEASURE_MIGRANTS},
    {"seizures", CELL_ROLE_MEASURE, OB_MEASURE_SEIZURES},
    {"investigations", CELL_ROLE_MEASURE, OB_MEASURE_INVESTIGATIONS},
    {"exploitation", CELL_ROLE_BREAKDOWN, OB_BREAKDOWN_EXPLOITATION},
    {"citizenship", CELL_ROLE_BREAKDOWN, OB_BREAKDOWN_CITIZENSHIP},
    {"victim_sex", CELL_ROLE_BREAKDOWN, OB_BREAKDOWN_VICTIM_SEX},
    {"victim_age", CELL_ROLE_BREAKDOWN, OB_BREAKDOWN_VICTIM_AGE},
    {"recruitment", CELL_ROLE_BREAKDOWN, OB_BREAKDOWN_RECRUITMENT},
    {"countries_declared", CELL_ROLE_COUNTRIES_DECLARED, 0},
};

void
cell_column_from_name(cell_column *column, const char *name, size_t length)
{
    char normal[64];
    size_t used = 0;
    const char *start;
    length = cell_trim(&start, name, length);
    column->role = CELL_ROLE_EXTRA;
    column->which = 0;
    for (size_t i = 0; i < length; i++) {
        char c = start[i];
        if (c == ' ' || c == '-' || c == '_') {
            if (used > 0 && normal[used - 1] == '_')
                continue;
            c = '_';
        } else if (c >= 'A' && c <= 'Z') {
            c = (char)(c - 'A' + 'a');
        }
        if (used + 1 >= sizeof normal)
            return;
        normal[used++] = c;
    }
    normal[used] = '\0';
    for (size_t i = 0; i < sizeof known_columns / sizeof known_columns[0];
         i++) {
        if (strcmp(normal, known_columns[i].name) == 0) {
            column->role = known_columns[i].role;
            column->which = known_columns[i].which;
            return;
        }
    }
}

const char *
cell_column_name(const cell_column *column)
{
    switch (column->role) {
    case CELL_ROLE_OPERATION:
        return "operation";
    case CELL_ROLE_COUNTRY:
        return "country";
    case CELL_ROLE_DATE:
        return "date";
    case CELL_ROLE_MEASURE:
        return ob_measure_name((ob_measure)column->which);
    case CELL_ROLE_BREAKDOWN:
        return ob_breakdown_name((ob_breakdown)column->which);
    case CELL_ROLE_COUNTRIES_DECLARED:
        return "countries_declared";
    case CELL_ROLE_EXTRA:
        break;
    }
    return "extra";
}

/* The length of the thousands separator at TEXT, or 0 when there is none:
 * `,` `.` `'` space, U+00A0, U+202F or U+2019. */
static size_t
separator_length(const char *text, size_t available)
{
    const unsigned char *b = (const unsigned char *)text;
    if (b[0] == ',' || b[0] == '.' || b[0] == '\'' || b[0] == ' ')
        return 1;
    if (available >= 2 && b[0] == 0xC2 && b[1] == 0xA0)
        return 2;
    if (available >= 3 && b[0] == 0xE2 && b[1] == 0x80
        && (b[2] == 0xAF || b[2] == 0x99))
        return 3;
    return 0;
}

/* Words that people write for "no figure"; they get a hint. */
static bool
is_missing_marker(const char *text, size_t length)
{
    static const char *const markers[] = {"n/a", "na",   "n.a.", "-",
                                          "--",  "?",    "..",   "unknown",
                                          "nil", "none", "x"};
    for (size_t i = 0; i < sizeof markers / sizeof markers[0]; i++) {
        size_t marker_length = strlen(markers[i]);
        if (marker_length != length)
            continue;
        size_t j = 0;
        while (j < length) {
            char c = text[j];
            if (c >= 'A' && c <= 'Z')
                c = (char)(c - 'A' + 'a');
            if (c != markers[i][j])
                break;
            j++;
        }
        if (j == length)
            return true;
    }
    return false;
}

bool
cell_parse_count(ob_count *count, char *message, const char *text,
                 size_t length)
{
    const char *p;
    size_t left = cell_trim(&p, text, length);
    char quoted[CELL_MESSAGE_SIZE / 2];

    count->value = 0;
    count->qualifier = OB_QUALIFIER_MISSING;
    if (left == 0)
        return true;
    /* Quoted for a message only when there is one: this is the hot path. */
    const char *start = p;
    size_t trimmed_length = left;
    if (is_missing_marker(p, left)) {
        quote_for_message(quoted, sizeof quoted, start, trimmed_length);
        snprintf(message, CELL_MESSAGE_SIZE,
                 "%s is not a whole number (leave the cell empty when the "
                 "figure is missing)",
                 quoted);
        return false;
    }

    ob_qualifier qualifier = OB_QUALIFIER_EXACT;
    if (*p == '~' || *p == '>' || *p == '<') {
        qualifier = *p == '~'   ? OB_QUALIFIER_APPROX
                    : *p == '>' ? OB_QUALIFIER_AT_LEAST
                                : OB_QUALIFIER_BELOW;
        p++;
        left--;
        while (left > 0 && *p == ' ') {
            p++;
            left--;
        }
    }
    bool is_minus = left > 0 && *p == '-';
    bool is_unicode_minus = left >= 3 && memcmp(p, "\xE2\x88\x92", 3) == 0;
    if ((is_minus && left > 1 && p[1] >= '0' && p[1] <= '9')
        || (is_unicode_minus && left > 3 && p[3] >= '0' && p[3] <= '9')) {
        quote_for_message(quoted, sizeof quoted, start, trimmed_length);
        snprintf(message, CELL_MESSAGE_SIZE,
                 "%s is negative: counts are whole numbers of 0 or more",
                 quoted);
        return false;
    }

    int64_t value = 0;
    size_t group_digits = 0;
    size_t group_count = 1;
    const char *separator = NULL;
    size_t separator_size = 0;
    bool is_whole = left > 0 && *p >= '0' && *p <= '9';
    bool is_too_large = false;
    while (is_whole && left > 0) {
        if (*p >= '0' && *p <= '9') {
            if (value > (MAX_COUNT - (*p - '0')) / 10)
                is_too_large = true;
            else
                value = value * 10 + (*p - '0');
            group_digits++;
            p++;
            left--;
            continue;
        }
        size_t size = separator_length(p, left);
        if (size == 0) {
            is_whole = false;
            break;
        }
        /* Grouping: the first group has 1 to 3 digits, each later one 3,
         * all split by the same separator. "1,50" and "1.5" fail here. */
        if ((group_count == 1 && group_digits > 3)
            || (group_count > 1 && group_digits != 3)
            || (separator != NULL
                && (size != separator_size
                    || memcmp(p, separator, size) != 0))) {
            is_whole = false;
            break;
        }
        separator = p;
        separator_size = size;
        group_count++;
        group_digits = 0;
        p += size;
        left -= size;
    }
    if (is_whole && group_count > 1 && group_digits != 3)
        is_whole = false;
    if (!is_whole || is_too_large)
        quote_for_message(quoted, sizeof quoted, start, trimmed_length);
    if (!is_whole) {
        snprintf(message, CELL_MESSAGE_SIZE, "%s is not a whole number",
                 quoted);
        return false;
    }
    if (is_too_large) {
        snprintf(message, CELL_MESSAGE_SIZE,
                 "%s is too large: counts stop at 999,999,999,999", quoted);
        return false;
    }
    count->value = value;
    count->qualifier = qualifier;
    return true;
}

static bool
is_leap_year(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int
days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30,
                                 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap_year(year) ? 29 : days[month - 1];
}

static bool
read_digits(int *value, const char *text, size_t count)
{
    *value = 0;
    for (size_t i = 0; i < count; i++) {
        if (text[i] < '0' || text[i] > '9')
            return false;
        *value = *value * 10 + (text[i] - '0');
    }
    return true;
}

bool
cell_parse_date(ob_date *date, char *message, const char *text, size_t length)
{
    const char *p;
    size_t left = cell_trim(&p, text, length);
    char quoted[CELL_MESSAGE_SIZE / 2];

    date->year = 0;
    date->month = 0;
    date->day = 0;
    if (left == 0)
        return true;
    int year = 0;
    int month = 0;
    int day = 0;
    bool is_shaped =
        (left == 7 || left == 10) && read_digits(&year, p, 4) && p[4] == '-'
        && read_digits(&month, p + 5, 2)
        && (left == 7 || (p[7] == '-' && read_digits(&day, p + 8, 2)));
    if (!is_shaped) {
        quote_for_message(quoted, sizeof quoted, p, left);
        snprintf(message, CELL_MESSAGE_SIZE,
                 "%s is not a date: write YYYY-MM-DD or YYYY-MM", quoted);
        return false;
    }
    if (year < 1900 || month < 1 || month > 12
        || (left == 10 && (day < 1 || day > days_in_month(year, month)))) {
        quote_for_message(quoted, sizeof quoted, p, left);
        snprintf(message, CELL_MESSAGE_SIZE, "%s is not a date in the calendar",
                 quoted);
        return false;
    }
    date->year = year;
    date->month = month;
    date->day = day;
    return true;
}
