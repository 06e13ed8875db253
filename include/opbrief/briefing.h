/* The report stage, part two: what goes where. From published tables
 * (stats.h) to the plain descriptions the render stage draws: a chart
 * (render.h's ob_chart) or a whole briefing (ob_document). Only types are
 * shared with those stages; nothing here calls into them. */
#ifndef OPBRIEF_BRIEFING_H
#define OPBRIEF_BRIEFING_H

#include "opbrief/core.h"
#include "opbrief/render.h"
#include "opbrief/stats.h"

/* Read a measure list such as "arrests,victims" (at most one of each). */
ob_status ob_parse_measures(ob_measure *measures, size_t *count,
                            const char *text, ob_error *error);

/* What a chart of a table should show, and say. Strings are borrowed. */
typedef struct ob_chart_request {
    ob_chart_kind kind;
    const char *measures; /* "victims", "arrests,victims,migrants" */
    size_t top;
    const char *title;    /* NULL: from the operation and the measure */
    const char *subtitle; /* NULL: the period of the data */
    const char *source;
    const char *byline;
    const char *notes[4];
    size_t note_count;
    const char *thousands;
    const char *operation; /* for the title; NULL when several */
    ob_date first_date, last_date;
} ob_chart_request;

/* A chart and everything it points to. */
typedef struct ob_chart_build ob_chart_build;

/* Describe a chart of TABLE: bars, grouped and table take a one-key
 * table; stacked a two-key table; series a table by month; kpi the grand
 * total. The table must outlive the build. */
ob_status ob_chart_build_new(ob_chart_build **out, const ob_table *table,
                             const ob_chart_request *request,
                             ob_error *error);
ob_chart *ob_chart_build_chart(ob_chart_build *build);
void ob_chart_build_free(ob_chart_build *build);

#endif
