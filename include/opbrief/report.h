/* The report stage: report definitions (the JSON files of reports/) and what goes
 * where in a briefing. A definition names the sections of a briefing, or
 * the charts of an article set, and the settings they share (title,
 * issuing unit, classification, protection threshold, number format, page
 * size). The built-in definitions are the files of reports/, compiled in,
 * so that every command works from any folder. */
#ifndef OPBRIEF_REPORT_H
#define OPBRIEF_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "opbrief/core.h"

typedef enum ob_section_type {
    OB_SECTION_TITLE,         /* the title page */
    OB_SECTION_SUMMARY,       /* key figures and findings */
    OB_SECTION_CHART,         /* one chart */
    OB_SECTION_BREAKDOWNS,    /* a chart per breakdown present in the data */
    OB_SECTION_COUNTRY_TABLE, /* every country, by region, with subtotals */
    OB_SECTION_COMPARISON,    /* operations side by side, when several */
    OB_SECTION_METHOD,        /* sources, definitions, protection, rejects */
    OB_SECTION_MONTH          /* monthly: the month against earlier ones,
                                 operations active, completeness */
} ob_section_type;

/* One section of a briefing, or one chart of an article set. Strings are
 * owned by the report; NULL when not given. */
typedef struct ob_section {
    ob_section_type type;
    char *title;
    char *name;    /* article charts: the file name, without extension */
    char *chart;   /* bars, grouped, stacked, series, kpi, table */
    char *measure; /* one measure, or several joined by commas */
    char *by;      /* a --by list */
    size_t top;    /* bars: 0 for the default */
    size_t months; /* series in a monthly report: 12 or 24; 0 for all */
} ob_section;

typedef struct ob_report {
    char *path; /* where it was read from, "(built-in operation.json)" */
    char *title;
    char *subtitle;
    char *issuing_unit;
    char *classification;
    char *source;
    int64_t suppress_below;
    char thousands[8];
    bool is_letter; /* page size Letter, else A4 */
    ob_section *sections;
    size_t section_count;
    /* Article sets: the charts (as sections), their sizes and formats. */
    double width, height;
    double scales[4];
    size_t scale_count;
    bool has_png, has_svg, has_pdf;
} ob_report;

/* The built-in definitions: "operation", "article", "monthly". */
typedef enum ob_builtin_report {
    OB_REPORT_OPERATION,
    OB_REPORT_ARTICLE,
    OB_REPORT_MONTHLY
} ob_builtin_report;

/* Read the definition at PATH, or the built-in one when PATH is NULL.
 * Errors are OB_ERR_CONFIG with "FILE:LINE:COLUMN: what was found". */
ob_status ob_report_load(ob_report **out, const char *path,
                         ob_builtin_report builtin, ob_error *error);
void ob_report_free(ob_report *report);

/* The text of a built-in definition (for its hash in a manifest). */
const char *ob_report_builtin_text(ob_builtin_report builtin, size_t *size);

#endif
