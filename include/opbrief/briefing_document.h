/* The report stage, part three: a briefing, from a report definition and
 * the published tables to the document the render stage draws. */
#ifndef OPBRIEF_BRIEFING_DOCUMENT_H
#define OPBRIEF_BRIEFING_DOCUMENT_H

#include "opbrief/briefing.h"
#include "opbrief/report.h"

/* Everything a briefing is written from; all borrowed. Tables come from
 * the aggregate stage, protected. */
typedef struct ob_briefing_input {
    const ob_report *report;
    const char *title;          /* overrides the definition's; or NULL */
    const char *operation;      /* the one operation, or NULL */
    const char *operation_list; /* "FLASH-WEKA" or "A, B" */
    ob_date first_date, last_date;
    size_t countries_present;
    int64_t countries_declared; /* 0 when not declared */
    const ob_table *total;             /* no key: the key figures */
    const ob_table *by_region_country; /* interpol,country */
    const ob_table *by_month;          /* month, or NULL */
    const ob_table *by_operation;      /* operation, for comparison */
    const ob_table *breakdowns[OB_BREAKDOWN_COUNT]; /* or NULL */
    const char *breakdown_titles[OB_BREAKDOWN_COUNT];
    const char *source_files;
    const char *rejects_summary;
    size_t rows_read, rows_accepted, rows_rejected;
    size_t suppressed_primary, suppressed_complementary;
    int64_t creation_time;
    /* Monthly reports: the month reported (year * 12 + month - 1), the
     * history by month over the last 12 and 24 months (up to and with
     * that month), countries reporting that month and the one before, the
     * earlier months that late returns changed ("2024-09, 2024-10"; NULL
     * when there was no earlier report to compare with). */
    bool is_monthly;
    int month_index;
    const ob_table *by_month_12;
    const ob_table *by_month_24;
    size_t countries_this_month, countries_last_month;
    const char *late_months;
    const char *previous_report; /* the month of the report compared */
} ob_briefing_input;

typedef struct ob_briefing ob_briefing;

ob_status ob_briefing_new(ob_briefing **out, const ob_briefing_input *input,
                          ob_error *error);
const ob_document *ob_briefing_document(const ob_briefing *briefing);
void ob_briefing_free(ob_briefing *briefing);

/* A published cell as a chart value: hidden ones carry no size. */
ob_chart_value ob_chart_value_of(const ob_cell *cell);

#endif
