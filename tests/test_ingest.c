/* Tests of the ingest stage, one fixture of fixtures/csv/ per edge case
 * (written by fixtures/csv/make_edge_cases.py). Expected values are read
 * off the fixture files by hand; messages are checked word for word. This
 * program links the ingest stage and the core only. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "opbrief/ingest.h"

#define MAX_ROWS 128

/* What a test keeps of each record: copies, since records are borrowed. */
typedef struct kept_record {
    char operation[64];
    char country[4];
    ob_date date;
    ob_count measures[OB_MEASURE_COUNT];
    char breakdowns[OB_BREAKDOWN_COUNT][96];
    size_t line;
    size_t extra_count;
    char extra[4][2][32];
} kept_record;

typedef struct capture {
    kept_record records[MAX_ROWS];
    size_t record_count;
    char problems[MAX_ROWS][400];
    size_t problem_count;
} capture;

static ob_status
keep_record(void *context, const ob_record *record, ob_error *error)
{
    (void)error;
    capture *c = context;
    assert_true(c->record_count < MAX_ROWS);
    kept_record *k = &c->records[c->record_count++];
    memset(k, 0, sizeof *k);
    snprintf(k->operation, sizeof k->operation, "%s", record->operation);
    if (record->country != NULL)
        memcpy(k->country, record->country->alpha3, 4);
    k->date = record->date;
    memcpy(k->measures, record->measures, sizeof k->measures);
    for (size_t b = 0; b < OB_BREAKDOWN_COUNT; b++) {
        if (record->breakdowns[b] != NULL)
            snprintf(k->breakdowns[b], sizeof k->breakdowns[b], "%s",
                     record->breakdowns[b]);
    }
    k->line = record->line;
    k->extra_count = record->extra_count;
    for (size_t i = 0; i < record->extra_count && i < 4; i++) {
        snprintf(k->extra[i][0], 32, "%s", record->extra_names[i]);
        snprintf(k->extra[i][1], 32, "%s", record->extra_values[i]);
    }
    return OB_OK;
}

static void
keep_problem(void *context, const ob_problem *problem)
{
    capture *c = context;
    assert_true(c->problem_count < MAX_ROWS);
    snprintf(c->problems[c->problem_count++], 400, "%s:%zu:%zu: %s",
             problem->source, problem->line, problem->column, problem->message);
}

/* Read PATH (relative to fixtures/) into C with OPTIONS (may be NULL). */
static ob_status
read_fixture(capture *c, ob_ingest_counts *counts, ob_error *error,
             const char *path, const ob_ingest_options *options)
{
    memset(c, 0, sizeof *c);
    ob_ingest_options local;
    memset(&local, 0, sizeof local);
    if (options != NULL)
        local = *options;
    local.on_problem = keep_problem;
    local.problem_context = c;
    ob_record_sink sink = {keep_record, c};
    memset(error, 0, sizeof *error);
    return ob_ingest_csv_file(counts, path, &local, &sink, error);
}

static void
assert_counts(const ob_ingest_counts *counts, size_t read, size_t accepted,
              size_t rejected)
{
    assert_int_equal(counts->rows_read, read);
    assert_int_equal(counts->rows_accepted, accepted);
    assert_int_equal(counts->rows_rejected, rejected);
    assert_int_equal(counts->rows_read,
                     counts->rows_accepted + counts->rows_rejected);
}

static void
assert_count(const ob_count *count, int64_t value, ob_qualifier qualifier)
{
    assert_int_equal(count->qualifier, qualifier);
    assert_int_equal(count->value, value);
}

static capture c;

static void
quoted_comma_stays_in_field(void **state)
{
    (void)state;
    ob_ingest_counts counts;
    ob_error error;
    assert_int_equal(
        read_fixture(&c, &counts, &error, "csv/quoted-comma.csv", NULL), OB_OK);
    assert_counts(&counts, 1, 1, 0);
    assert_string_equal(c.records[0].breakdowns[OB_BREAKDOWN_EXPLOITATION],
                        "Trafficking, sexual exploitation");
    assert_count(&c.records[0].measures[OB_MEASURE_VICTIMS], 12,
                 OB_QUALIFIER_EXACT);
    assert_count(&c.records[0].measures[OB_MEASURE_MIGRANTS], 0,
                 OB_QUALIFIER_MISSING);
}

static void
doubled_quotes_are_one_quote(void **state)
{
    (void)state;
    ob_ingest_counts counts;
    ob_error error;
    assert_int_equal(
        read_fixture(&c, &counts, &error, "csv/quote-escapes.csv", NULL),
        OB_OK);
    assert_counts(&counts, 2, 2, 0);
    assert_string_equal(c.records[0].breakdowns[OB_BREAKDOWN_EXPLOITATION],
                        "Recruited via \"modelling\" ad");
    /* Every field quoted, the empty ones too. */
    assert_string_equal(c.records[1].country, "GHA");
    assert_count(&c.records[1].measures[OB_MEASURE_VICTIMS], 4,
                 OB_QUALIFIER_EXACT);
    assert_count(&c.records[1].measures[OB_MEASURE_MIGRANTS], 0,
                 OB_QUALIFIER_MISSING);
    assert_string_equal(c.records[1].breakdowns[OB_BREAKDOWN_EXPLOITATION], "");
}

static void
embedded_newline_keeps_line_numbers(void **state)
{
    (void)state;
    ob_ingest_counts counts;
    ob_error error;
    assert_int_equal(
        read_fixture(&c, &counts, &error, "csv/embedded-newline.csv", NULL),
        OB_OK);
    assert_counts(&counts, 2, 1, 1);
    assert_string_equal(c.records[0].breakdowns[OB_BREAKDOWN_EXPLOITATION],
                        "recruited in Nigeria\nfor sexual exploitation");
    assert_int_equal(c.records[0].line, 2);
    /* The second row starts on line 4: the quoted field took two. */
    assert_string_equal(c.problems[0], "csv/embedded-newline.csv:4:5: "
                                       "\"x1\" is not a whole number");
}

static void
crlf_ends_lines_and_stays_inside_quotes(void **state)
{
    (void)state;
    ob_ingest_counts counts;
    ob_error error;
    assert_int_equal(read_fixture(&c, &counts, &error, "csv/crlf.csv", NULL),
                     OB_OK);
    assert_counts(&counts, 2, 2, 0);
    assert_string_equal(c.records[0].breakdowns[OB_BREAKDOWN_EXPLOITATION],
                        "forced labour");
    assert_string_equal(c.records[1].breakdowns[OB_BREAKDOWN_EXPLOITATION],
                        "two\r\nlines");
    assert_count(&c.records[1].measures[OB_MEASURE_MIGRANTS], 4,
                 OB_QUALIFIER_EXACT);
    assert_int_equal(c.records[1].line, 3);
}

static void
byte_order_mark_is_skipped(void **state)
{
    (void)state;
    ob_ingest_counts counts;
    ob_error error;
    assert_int_equal(read_fixture(&c, &counts, &error, "csv/bom.csv", NULL),
                     OB_OK);
    assert_counts(&counts, 1, 1, 0);
    assert_string_equal(c.records[0].operation, "FLASH-WEKA");
    assert_string_equal(c.records[0].country, "AGO");
}

static void
semicolon_file_reads_dot_grouping(void **state)
{
    (void)state;
    ob_ingest_counts counts;
    ob_error error;
    assert_int_equal(
        read_fixture(&c, &counts, &error, "csv/semicolon-grouping.csv", NULL),
        OB_OK);
    assert_counts(&counts, 3, 3, 0);
    assert_count(&c.records[0].measures[OB_MEASURE_MIGRANTS], 1204,
                 OB_QUALIFIER_EXACT);
    assert_count(&c.records[1].measures[OB_MEASURE_MIGRANTS], 2731,
                 OB_QUALIFIER_EXACT);
    assert_count(&c.records[2].measures[OB_MEASURE_ARRESTS], 1062,
                 OB_QUALIFIER_EXACT);
}

static void
tab_delimiter_is_detected(void **state)
{
    (void)state;
    ob_ingest_counts counts;
    ob_error error;
    assert_int_equal(read_fixture(&c, &counts, &error, "csv/tab.csv", NULL),
                     OB_OK);
    assert_counts(&counts, 2, 2, 0);
    assert_count(&c.records[1].measures[OB_MEASURE_MIGRANTS], 59,
                 OB_QUALIFIER_EXACT);
    assert_string_equal(c.records[1].breakdowns[OB_BREAKDOWN_EXPLOITATION],
                        "two, with comma");
}

static void
forced_delimiter_wins_over_detection(void **state)
{
    (void)state;
    ob_ingest_counts counts;
    ob_error error;
    ob_ingest_options options;
    memset(&options, 0, sizeof options);
    options.delimiter = ',';
    /* Read as comma-separated, the tab file has a one-column header with
     * no operation column. */
    assert_int_equal(read_fixture(&c, &counts, &error, "csv/tab.csv", &options),
                     OB_ERR_DATA);
    assert_string_equal(error.message,
                        "csv/tab.csv:1: the header has no operation column "
                        "(looked for operation, op, operation name)");
}

static void
last_row_without_newline_is_read(void **state)
{
    (void)state;
    ob_ingest_counts counts;
    ob_error error;
    assert_int_equal(
        read_fixture(&c, &counts, &error, "csv/no-final-newline.csv", NULL),
        OB_OK);
    assert_counts(&counts, 2, 2, 0);
    assert_string_equal(c.records[1].country, "SYR");
    assert_count(&c.records[1].measures[OB_MEASURE_VICTIMS], 1,
                 OB_QUALIFIER_EXACT);
    assert_int_equal(c.records[1].line, 3);
}

static void
blank_lines_are_not_rows(void **state)
{
    (void)state;
    ob_ingest_counts counts;
    ob_error error;
    assert_int_equal(
        read_fixture(&c, &counts, &error, "csv/blank-lines.csv", NULL), OB_OK);
    /* Line 1 blank, header on 2, blank 3, row 4, blank 5 and 6, ",,,,,,"
     * on 7, the bad row on 8. */
    assert_counts(&counts, 2, 1, 1);
    assert_int_equal(c.records[0].line, 4);
    assert_string_equal(c.problems[0], "csv/blank-lines.csv:8:5: \"six\" is "
                                       "not a whole number");
}

static void
ragged_rows_are_rejected(void **state)
{
    (void)state;
    ob_ingest_counts counts;
    ob_error error;
    assert_int_equal(read_fixture(&c, &counts, &error, "csv/ragged.csv", NULL),
                     OB_OK);
    assert_counts(&counts, 3, 1, 2);
    assert_int_equal(c.problem_count, 2);
    assert_string_equal(c.problems[0], "csv/ragged.csv:2:6: row has 5 "
                                       "fields; the header has 7");
    assert_string_equal(c.problems[1], "csv/ragged.csv:3:8: row has 8 "
                                       "fields; the header has 7");
}

static void
duplicate_header_stops_the_file(void **state)
{
    (void)state;
    ob_ingest_counts counts;
    ob_error error;
    assert_int_equal(
        read_fixture(&c, &counts, &error, "csv/duplicate-header.csv", NULL),
        OB_ERR_DATA);
    assert_counts(&counts, 0, 0, 0);
    assert_string_equal(error.message,
                        "csv/duplicate-header.csv:1:5: column \"Victims "
                        "identified\" is a second victims column (column 3 "
                        "is \"victims\")");
}

static void
missing_required_column_stops_the_file(void **state)
{
    (void)state;
    ob_ingest_counts counts;
    ob_error error;
    assert_int_equal(
        read_fixture(&c, &counts, &error, "csv/missing-column.csv", NULL),
        OB_ERR_DATA);
    assert_string_equal(error.message,
                        "csv/missing-column.csv:1: the header has no "
                        "operation column (looked for operation, op, "
                        "operation name)");
    assert_int_equal(
        read_fixture(&c, &counts, &error, "csv/no-measure.csv", NULL),
        OB_ERR_DATA);
    assert_string_equal(error.message,
                        "csv/no-measure.csv:1: the header has no measure "
                        "column (looked for arrests, victims, migrants, "
                        "seizures, investigations)");
}

static void
invalid_utf8_is_rejected_with_its_bytes(void **state)
{
    (void)state;
    ob_ingest_counts counts;
    ob_error error;
    assert_int_equal(
        read_fixture(&c, &counts, &error, "csv/invalid-utf8.csv", NULL), OB_OK);
    assert_counts(&counts, 2, 1, 1);
    assert_string_equal(c.problems[0],
                        "csv/invalid-utf8.csv:2:2: \"C\\xD4TE D'IVOIRE\" is "
                        "not valid UTF-8: save the file as UTF-8 CSV");
    assert_string_equal(c.records[0].country, "CIV");
}

static void
nul_byte_is_rejected(void **state)
{
    (void)state;
    ob_ingest_counts counts;
    ob_error error;
    assert_int_equal(
        read_fixture(&c, &counts, &error, "csv/nul-byte.csv", NULL), OB_OK);
    assert_counts(&counts, 2, 1, 1);
    assert_string_equal(c.problems[0],
                        "csv/nul-byte.csv:2:7: NUL byte in the field: the "
                        "file may be UTF-16 or not text");
}

static void
utf16_file_is_named_as_such(void **state)
{
    (void)state;
    ob_ingest_counts counts;
    ob_error error;
    assert_int_equal(read_fixture(&c, &counts, &error, "csv/utf16.csv", NULL),
                     OB_ERR_DATA);
    assert_string_equal(error.message,
                        "csv/utf16.csv:1: the file is UTF-16 (it starts with "
                        "a UTF-16 byte-order mark): save it as UTF-8 CSV");
}

static void
oversize_field_stops_the_file_and_keeps_counts(void **state)
{
    (void)state;
    ob_ingest_counts counts;
    ob_error error;
    assert_int_equal(
        read_fixture(&c, &counts, &error, "csv/oversize-field.csv", NULL),
        OB_ERR_DATA);
    /* Row 2 accepted, row 3 (70,000 bytes in field 7) rejected, row 4
     * not read. */
    assert_counts(&counts, 2, 1, 1);
    assert_string_equal(error.message,
                        "csv/oversize-field.csv:3:7: field is longer than "
                        "65536 bytes; the rest of the file is not read");
    /* A larger cap reads all three rows. */
    ob_ingest_options options;
    memset(&options, 0, sizeof options);
    options.max_field_bytes = 70000;
    assert_int_equal(
        read_fixture(&c, &counts, &error, "csv/oversize-field.csv", &options),
        OB_OK);
    assert_counts(&counts, 3, 3, 0);
}

static void
unknown_country_is_rejected_and_empty_is_unattributed(void **state)
{
    (void)state;
    ob_ingest_counts counts;
    ob_error error;
    assert_int_equal(
        read_fixture(&c, &counts, &error, "csv/unknown-country.csv", NULL),
        OB_OK);
    assert_counts(&counts, 4, 2, 2);
    assert_string_equal(c.problems[0], "csv/unknown-country.csv:2:2: "
                                       "\"Atlantis\" is not a known country");
    assert_string_equal(c.problems[1], "csv/unknown-country.csv:3:2: "
                                       "\"Guinea Bisau\" is not a known "
                                       "country");
    assert_string_equal(c.records[0].country, "GIN");
    assert_string_equal(c.records[1].country, "");
}

static void
impossible_dates_are_rejected(void **state)
{
    (void)state;
    ob_ingest_counts counts;
    ob_error error;
    assert_int_equal(
        read_fixture(&c, &counts, &error, "csv/impossible-date.csv", NULL),
        OB_OK);
    assert_counts(&counts, 6, 3, 3);
    assert_string_equal(c.problems[0], "csv/impossible-date.csv:2:3: "
                                       "\"2023-02-30\" is not a date in the "
                                       "calendar");
    assert_string_equal(c.problems[1], "csv/impossible-date.csv:3:3: "
                                       "\"2023-13\" is not a date in the "
                                       "calendar");
    assert_string_equal(c.problems[2], "csv/impossible-date.csv:4:3: "
                                       "\"30/05/2023\" is not a date: write "
                                       "YYYY-MM-DD or YYYY-MM");
    /* 2024 is a leap year. */
    assert_int_equal(c.records[0].date.year, 2024);
    assert_int_equal(c.records[0].date.month, 2);
    assert_int_equal(c.records[0].date.day, 29);
    assert_int_equal(c.records[1].date.month, 6);
    assert_int_equal(c.records[1].date.day, 0);
    assert_int_equal(c.records[2].date.year, 0);
}

static void
qualifiers_are_kept(void **state)
{
    (void)state;
    ob_ingest_counts counts;
    ob_error error;
    assert_int_equal(
        read_fixture(&c, &counts, &error, "csv/qualifiers.csv", NULL), OB_OK);
    assert_counts(&counts, 3, 3, 0);
    assert_count(&c.records[0].measures[OB_MEASURE_ARRESTS], 70,
                 OB_QUALIFIER_APPROX);
    assert_count(&c.records[0].measures[OB_MEASURE_MIGRANTS], 700,
                 OB_QUALIFIER_APPROX);
    assert_count(&c.records[1].measures[OB_MEASURE_VICTIMS], 200,
                 OB_QUALIFIER_AT_LEAST);
    assert_count(&c.records[2].measures[OB_MEASURE_VICTIMS], 5,
                 OB_QUALIFIER_BELOW);
    assert_count(&c.records[2].measures[OB_MEASURE_ARRESTS], 2,
                 OB_QUALIFIER_EXACT);
}

static void
grouped_counts_are_thousands(void **state)
{
    (void)state;
    ob_ingest_counts counts;
    ob_error error;
    assert_int_equal(
        read_fixture(&c, &counts, &error, "csv/counts-good.csv", NULL), OB_OK);
    assert_counts(&counts, 11, 11, 0);
    /* , . space U+00A0 U+202F ' U+2019 */
    for (size_t i = 0; i < 7; i++)
        assert_count(&c.records[i].measures[OB_MEASURE_MIGRANTS], 1062,
                     OB_QUALIFIER_EXACT);
    assert_count(&c.records[7].measures[OB_MEASURE_MIGRANTS], 12345678,
                 OB_QUALIFIER_EXACT);
    assert_count(&c.records[8].measures[OB_MEASURE_MIGRANTS], 0,
                 OB_QUALIFIER_EXACT);
    assert_count(&c.records[9].measures[OB_MEASURE_MIGRANTS], 17,
                 OB_QUALIFIER_EXACT);
    assert_count(&c.records[10].measures[OB_MEASURE_MIGRANTS],
                 INT64_C(999999999999), OB_QUALIFIER_EXACT);
}

static void
bad_counts_each_have_a_message(void **state)
{
    (void)state;
    ob_ingest_counts counts;
    ob_error error;
    assert_int_equal(
        read_fixture(&c, &counts, &error, "csv/counts-bad.csv", NULL), OB_OK);
    assert_counts(&counts, 13, 0, 13);
    static const char *const expected[] = {
        "csv/counts-bad.csv:2:3: \"1.5\" is not a whole number",
        "csv/counts-bad.csv:3:3: \"1,50\" is not a whole number",
        "csv/counts-bad.csv:4:3: \"-3\" is negative: counts are whole "
        "numbers of 0 or more",
        "csv/counts-bad.csv:5:3: \"1e3\" is not a whole number",
        "csv/counts-bad.csv:6:3: \"NaN\" is not a whole number",
        "csv/counts-bad.csv:7:3: \"1,062.5\" is not a whole number",
        "csv/counts-bad.csv:8:3: \"1.062,000\" is not a whole number",
        "csv/counts-bad.csv:9:3: \"n/a\" is not a whole number (leave the "
        "cell empty when the figure is missing)",
        "csv/counts-bad.csv:10:3: \"12.3456\" is not a whole number",
        "csv/counts-bad.csv:11:3: \"\xE2\x88\x92"
        "3\" is negative: counts "
        "are whole numbers of 0 or more",
        "csv/counts-bad.csv:12:3: \"1O62\" is not a whole number",
        "csv/counts-bad.csv:13:3: \"1000000000000\" is too large: counts "
        "stop at 999,999,999,999",
        "csv/counts-bad.csv:14:3: \"~\" is not a whole number",
    };
    assert_int_equal(c.problem_count, sizeof expected / sizeof expected[0]);
    for (size_t i = 0; i < c.problem_count; i++)
        assert_string_equal(c.problems[i], expected[i]);
}

static void
mojibake_name_is_explained(void **state)
{
    (void)state;
    ob_ingest_counts counts;
    ob_error error;
    assert_int_equal(
        read_fixture(&c, &counts, &error, "csv/mojibake.csv", NULL), OB_OK);
    assert_counts(&counts, 1, 0, 1);
    assert_string_equal(c.problems[0],
                        "csv/mojibake.csv:2:2: \"C\xEF\xBF\xBDTE D'IVOIRE\" "
                        "is not a known country: U+FFFD in the name means "
                        "the text was decoded with the wrong encoding before "
                        "it was saved");
}

static void
misplaced_quote_rejects_row_and_reading_goes_on(void **state)
{
    (void)state;
    ob_ingest_counts counts;
    ob_error error;
    assert_int_equal(
        read_fixture(&c, &counts, &error, "csv/malformed-quote.csv", NULL),
        OB_OK);
    assert_counts(&counts, 2, 1, 1);
    assert_string_equal(c.problems[0],
                        "csv/malformed-quote.csv:2:2: misplaced quote: a "
                        "quoted field starts and ends with \" and doubles "
                        "every \" inside");
    assert_int_equal(c.records[0].line, 3);
}

static void
unclosed_quote_at_end_is_an_error(void **state)
{
    (void)state;
    ob_ingest_counts counts;
    ob_error error;
    assert_int_equal(
        read_fixture(&c, &counts, &error, "csv/unclosed-quote.csv", NULL),
        OB_ERR_DATA);
    assert_counts(&counts, 2, 1, 1);
    assert_string_equal(error.message,
                        "csv/unclosed-quote.csv:3:7: a quoted field is not "
                        "closed before the end of the file");
}

static void
header_only_and_empty_files(void **state)
{
    (void)state;
    ob_ingest_counts counts;
    ob_error error;
    assert_int_equal(
        read_fixture(&c, &counts, &error, "csv/header-only.csv", NULL), OB_OK);
    assert_counts(&counts, 0, 0, 0);
    assert_int_equal(read_fixture(&c, &counts, &error, "csv/empty.csv", NULL),
                     OB_ERR_DATA);
    assert_string_equal(error.message,
                        "csv/empty.csv: the file is empty: no header row");
}

static void
header_aliases_and_user_columns(void **state)
{
    (void)state;
    ob_ingest_counts counts;
    ob_error error;
    assert_int_equal(
        read_fixture(&c, &counts, &error, "csv/header-aliases.csv", NULL),
        OB_OK);
    assert_counts(&counts, 2, 2, 0);
    /* "ci" (alpha-2) and "384" (numeric) are both Côte d'Ivoire. */
    assert_string_equal(c.records[0].country, "CIV");
    assert_string_equal(c.records[1].country, "CIV");
    assert_string_equal(c.records[0].operation, "Flash  Weka");
    assert_count(&c.records[0].measures[OB_MEASURE_VICTIMS], 4,
                 OB_QUALIFIER_EXACT);
    assert_count(&c.records[0].measures[OB_MEASURE_MIGRANTS], 10,
                 OB_QUALIFIER_EXACT);
    assert_count(&c.records[1].measures[OB_MEASURE_INVESTIGATIONS], 0,
                 OB_QUALIFIER_EXACT);
    assert_string_equal(c.records[0].breakdowns[OB_BREAKDOWN_VICTIM_SEX],
                        "female");
    assert_int_equal(c.records[0].date.month, 5);
    assert_int_equal(c.records[0].extra_count, 1);
    assert_string_equal(c.records[0].extra[0][0], "Region");
    assert_string_equal(c.records[0].extra[0][1], "West Africa");
}

static void
strict_mode_stops_at_first_problem(void **state)
{
    (void)state;
    ob_ingest_counts counts;
    ob_error error;
    ob_ingest_options options;
    memset(&options, 0, sizeof options);
    options.is_strict = true;
    assert_int_equal(
        read_fixture(&c, &counts, &error, "csv/ragged.csv", &options),
        OB_ERR_DATA);
    assert_counts(&counts, 1, 0, 1);
    assert_string_equal(error.message, "csv/ragged.csv:2:6: row has 5 "
                                       "fields; the header has 7");
}

/* Sums of the FLASH-WEKA fixture: the published totals (fixtures/README). */
static void
assert_flash_weka_totals(const capture *k)
{
    int64_t sums[OB_MEASURE_COUNT] = {0};
    for (size_t i = 0; i < k->record_count; i++) {
        for (size_t m = 0; m < OB_MEASURE_COUNT; m++)
            sums[m] += k->records[i].measures[m].value;
    }
    assert_int_equal(sums[OB_MEASURE_ARRESTS], 1062);
    assert_int_equal(sums[OB_MEASURE_VICTIMS], 823);
    assert_int_equal(sums[OB_MEASURE_MIGRANTS], 2731);
    assert_int_equal(sums[OB_MEASURE_SEIZURES], 801);
    assert_int_equal(sums[OB_MEASURE_INVESTIGATIONS], 197);
}

static void
gzip_input_is_read(void **state)
{
    (void)state;
    ob_ingest_counts counts;
    ob_error error;
    assert_int_equal(
        read_fixture(&c, &counts, &error, "csv/flash-weka-2023.csv.gz", NULL),
        OB_OK);
    assert_counts(&counts, 84, 84, 0);
    assert_flash_weka_totals(&c);
}

static void
gzip_over_the_cap_is_an_error(void **state)
{
    (void)state;
    ob_ingest_counts counts;
    ob_error error;
    ob_ingest_options options;
    memset(&options, 0, sizeof options);
    options.max_decompressed_bytes = 1000;
    assert_int_equal(read_fixture(&c, &counts, &error,
                                  "csv/flash-weka-2023.csv.gz", &options),
                     OB_ERR_DATA);
    assert_string_equal(error.message, "csv/flash-weka-2023.csv.gz: "
                                       "decompresses to more than 1000 "
                                       "bytes");
}

static void
spreadsheet_export_equals_clean_file(void **state)
{
    (void)state;
    ob_ingest_counts counts;
    ob_error error;
    static capture clean;
    assert_int_equal(
        read_fixture(&clean, &counts, &error, "flash-weka-2023.csv", NULL),
        OB_OK);
    assert_counts(&counts, 84, 84, 0);
    assert_flash_weka_totals(&clean);
    assert_int_equal(
        read_fixture(&c, &counts, &error, "flash-weka-2023-excel.csv", NULL),
        OB_OK);
    assert_counts(&counts, 84, 84, 0);
    assert_flash_weka_totals(&c);
    /* Row by row: the same country codes, dates and counts. */
    for (size_t i = 0; i < c.record_count; i++) {
        assert_string_equal(c.records[i].country, clean.records[i].country);
        assert_int_equal(c.records[i].date.day, clean.records[i].date.day);
        assert_memory_equal(c.records[i].measures, clean.records[i].measures,
                            sizeof c.records[i].measures);
    }
}

static void
missing_file_is_no_input(void **state)
{
    (void)state;
    ob_ingest_counts counts;
    ob_error error;
    assert_int_equal(
        read_fixture(&c, &counts, &error, "csv/no-such-file.csv", NULL),
        OB_ERR_NOINPUT);
    assert_string_equal(error.message, "csv/no-such-file.csv: cannot open: "
                                       "No such file or directory");
}

/* The rejects file: original fields, then source,line,column,reason, and
 * a ' before anything a spreadsheet would run as a formula. */
static void
rejects_file_keeps_rows_and_guards_formulas(void **state)
{
    (void)state;
    char path[] = "/tmp/opbrief-rejects-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    ob_rejects *rejects;
    ob_error error;
    assert_int_equal(ob_rejects_open(&rejects, path, &error), OB_OK);
    ob_ingest_options options;
    memset(&options, 0, sizeof options);
    options.rejects = rejects;
    ob_ingest_counts counts;
    assert_int_equal(
        read_fixture(&c, &counts, &error, "csv/counts-bad.csv", &options),
        OB_OK);
    assert_int_equal(
        read_fixture(&c, &counts, &error, "csv/ragged.csv", &options), OB_OK);
    assert_int_equal(ob_rejects_commit(rejects, &error), OB_OK);

    FILE *file = fopen(path, "rb");
    assert_non_null(file);
    char text[8192];
    size_t length = fread(text, 1, sizeof text - 1, file);
    text[length] = '\0';
    fclose(file);
    unlink(path);
    const char *lines[] = {
        "operation,country,migrants,source,line,column,reason\n",
        "W,AGO,1.5,csv/counts-bad.csv,2,3,\"\"\"1.5\"\" is not a whole "
        "number\"\n",
        "W,BEN,'-3,csv/counts-bad.csv,4,3,\"\"\"-3\"\" is negative: counts "
        "are whole numbers of 0 or more\"\n",
        /* ragged.csv: its header is not written again; the short row is
         * padded to the first header's 3 columns, the long one is not cut. */
        "FLASH-WEKA,GIN,2023-05-17,2,3,csv/ragged.csv,2,6,row has 5 fields; "
        "the header has 7\n",
        "FLASH-WEKA,GIN,2023-05-18,2,3,,,extra,csv/ragged.csv,3,8,row has 8 "
        "fields; the header has 7\n",
    };
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        if (strstr(text, lines[i]) == NULL)
            fail_msg("rejects file lacks line %zu: %s\nit holds:\n%s", i,
                     lines[i], text);
    }
    assert_true(strncmp(text, lines[0], strlen(lines[0])) == 0);
}

int
main(void)
{
    if (chdir(OB_SOURCE_DIR "/fixtures") != 0) {
        perror(OB_SOURCE_DIR "/fixtures");
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(quoted_comma_stays_in_field),
        cmocka_unit_test(doubled_quotes_are_one_quote),
        cmocka_unit_test(embedded_newline_keeps_line_numbers),
        cmocka_unit_test(crlf_ends_lines_and_stays_inside_quotes),
        cmocka_unit_test(byte_order_mark_is_skipped),
        cmocka_unit_test(semicolon_file_reads_dot_grouping),
        cmocka_unit_test(tab_delimiter_is_detected),
        cmocka_unit_test(forced_delimiter_wins_over_detection),
        cmocka_unit_test(last_row_without_newline_is_read),
        cmocka_unit_test(blank_lines_are_not_rows),
        cmocka_unit_test(ragged_rows_are_rejected),
        cmocka_unit_test(duplicate_header_stops_the_file),
        cmocka_unit_test(missing_required_column_stops_the_file),
        cmocka_unit_test(invalid_utf8_is_rejected_with_its_bytes),
        cmocka_unit_test(nul_byte_is_rejected),
        cmocka_unit_test(utf16_file_is_named_as_such),
        cmocka_unit_test(oversize_field_stops_the_file_and_keeps_counts),
        cmocka_unit_test(unknown_country_is_rejected_and_empty_is_unattributed),
        cmocka_unit_test(impossible_dates_are_rejected),
        cmocka_unit_test(qualifiers_are_kept),
        cmocka_unit_test(grouped_counts_are_thousands),
        cmocka_unit_test(bad_counts_each_have_a_message),
        cmocka_unit_test(mojibake_name_is_explained),
        cmocka_unit_test(misplaced_quote_rejects_row_and_reading_goes_on),
        cmocka_unit_test(unclosed_quote_at_end_is_an_error),
        cmocka_unit_test(header_only_and_empty_files),
        cmocka_unit_test(header_aliases_and_user_columns),
        cmocka_unit_test(strict_mode_stops_at_first_problem),
        cmocka_unit_test(gzip_input_is_read),
        cmocka_unit_test(gzip_over_the_cap_is_an_error),
        cmocka_unit_test(spreadsheet_export_equals_clean_file),
        cmocka_unit_test(missing_file_is_no_input),
        cmocka_unit_test(rejects_file_keeps_rows_and_guards_formulas),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
