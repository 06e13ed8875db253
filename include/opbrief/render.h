/* The render stage: charts drawn with cairo and Pango.
 *
 * A chart is described by plain data (ob_chart, below): labels, values as
 * they are published (a protected value carries its display text, "<10" or
 * "x", never its hidden size), title, notes. ob_render_chart() draws it
 * into any cairo context and rectangle and knows nothing of files;
 * ob_render_to_file() makes the PNG, SVG or PDF surface around it. The
 * render stage reads no CSV and calls nothing of the aggregate stage.
 *
 * All text goes through Pango in the family "DejaVu Sans"; cairo's toy
 * text API is never used. */
#ifndef OPBRIEF_RENDER_H
#define OPBRIEF_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "opbrief/core.h"

typedef struct _cairo cairo_t; /* <cairo.h> stays inside this stage */

typedef enum ob_chart_kind {
    OB_CHART_BARS,    /* ranked horizontal bars, top N and "Other" */
    OB_CHART_GROUPED, /* several series side by side per category */
    OB_CHART_STACKED, /* 100% stacked bars: shares of each series */
    OB_CHART_SERIES,  /* a line over months, with an optional trend */
    OB_CHART_KPI,     /* tiles of headline numbers */
    OB_CHART_TABLE    /* rows and columns with a totals row */
} ob_chart_kind;


typedef struct ob_chart_value {
    bool has_value;      /* false: nothing reported (no bar, "–") */
    double value;        /* 0 when hidden: never drawn to size */
    ob_protection hidden; /* as disclosure control decided (core.h) */
    bool is_approximate; /* "~" */
    bool is_lower_bound; /* ">" */
} ob_chart_value;

/* One series: a measure (or a breakdown value) over the categories. */
typedef struct ob_chart_series {
    const char *name;
    ob_chart_value *values; /* category_count of them */
} ob_chart_series;

typedef struct ob_chart_trend {
    bool has_value;
    double intercept; /* at category 0 */
    double slope;     /* per category */
    double slope_low, slope_high;
    size_t first_category; /* the window the fit covers */
    size_t last_category;
    double center; /* mean category of the points fitted: the band's pivot */
} ob_chart_trend;

typedef struct ob_chart {
    ob_chart_kind kind;
    const char *title;
    const char *subtitle; /* may be NULL */
    const char *source;   /* "Source: ..." is written in front */
    const char *byline;   /* may be NULL */
    const char *notes[8]; /* more lines under the chart; NULL-ended */
    const char *measure_label; /* "victims", for axes and tables */
    const char *category_label; /* "country", for tables */
    size_t category_count;
    const char *const *categories;
    const char *const *category_codes; /* alpha-3 codes, or NULL */
    size_t series_count;
    const ob_chart_series *series;
    /* The total of the first series over every category, as published:
     * the alt text says it, and "Other" is the total less the bars. */
    ob_chart_value total;
    /* Optional: the total of each category over the series (stacked bars
     * take shares of it) and of each series (the totals row of a table). */
    const ob_chart_value *category_totals;
    const ob_chart_value *series_totals;
    ob_chart_trend trend; /* OB_CHART_SERIES only */
    size_t top; /* OB_CHART_BARS: bars before "Other"; 0 for all */
    /* OB_CHART_TABLE: the rows to draw (a page's share of a long table;
     * ROW_COUNT 0 for all that fit), and a style per category: 0 a row,
     * 1 a heading (bold, no values), 2 a subtotal (bold, a rule above). */
    size_t first_row;
    size_t row_count;
    const unsigned char *category_styles;
    const char *category_plural; /* "countries": "Other (39 countries)" */
    const char *thousands; /* separator: ",", " ", "." */
    int64_t suppress_below; /* for notes: "<10" means fewer than 10 */
} ob_chart;

/* Draw CHART into CR inside the rectangle (X, Y, WIDTH, HEIGHT), in the
 * units of CR's current matrix (pixels at 1x). A chart without a title
 * leaves no room for one. */
ob_status ob_render_chart(cairo_t *cr, double x, double y, double width,
                          double height, const ob_chart *chart,
                          ob_error *error);

typedef struct ob_render_options {
    double width;  /* pixels (PNG) or points (SVG, PDF); default 1200 */
    double height; /* default 675 */
    double scale;  /* PNG pixels per unit; default 1 */
    double dpi;    /* recorded in the PNG; default 72 x scale */
    /* PDF creation date, seconds since 1970; < 0 for none. */
    int64_t creation_time;
} ob_render_options;

void ob_render_options_init(ob_render_options *options);

/* The file format of PATH from its ending: .png, .svg or .pdf. */
typedef enum ob_render_format {
    OB_RENDER_PNG,
    OB_RENDER_SVG,
    OB_RENDER_PDF
} ob_render_format;
ob_status ob_render_format_of(ob_render_format *format, const char *path,
                              ob_error *error);

/* Draw CHART into FILE (open for writing, binary) as FORMAT. Nothing is
 * closed: the caller owns FILE (see output.h for whole-or-nothing). */
ob_status ob_render_write(FILE *file, ob_render_format format,
                          const ob_chart *chart,
                          const ob_render_options *options, ob_error *error);

/* Alt text for CHART, for screen readers: what is shown, the largest and
 * smallest values, the total, what is hidden. Plain UTF-8 to FILE. */
ob_status ob_render_alt_text(FILE *file, const ob_chart *chart,
                             const ob_render_options *options,
                             ob_error *error);

/* The values CHART shows, exactly (top N, "Other", hidden as "<10"), as
 * CSV to FILE: the category (with a code column when there are codes),
 * then one column per series named after it. */
ob_status ob_render_data_csv(FILE *file, const ob_chart *chart,
                             const ob_render_options *options,
                             ob_error *error);

/* ---- documents ---------------------------------------------------------- */

typedef enum ob_block_kind {
    OB_BLOCK_HEADING,   /* a section title, and a bookmark */
    OB_BLOCK_PARAGRAPH, /* wrapped text */
    OB_BLOCK_CHART,     /* a chart in a box of HEIGHT units */
    OB_BLOCK_TABLE      /* a table chart that runs over pages, its header
                           repeated, never splitting a row */
} ob_block_kind;

typedef struct ob_block {
    ob_block_kind kind;
    const char *text;
    const ob_chart *chart;
    double height;    /* charts, in layout units (the page is 800 wide) */
    bool is_new_page; /* start on a new page */
} ob_block;

/* A briefing: a title page, then the blocks flowed onto pages with a
 * header (title, classification) and a footer ("Page X of Y"). */
typedef struct ob_document {
    const char *title;
    const char *author;   /* the issuing unit */
    const char *subject;
    const char *keywords;
    const char *classification;
    const char *cover_title;
    const char *cover_lines[8]; /* under it; NULL-ended */
    bool is_letter;             /* US Letter, else A4 */
    const ob_block *blocks;
    size_t block_count;
    int64_t creation_time; /* seconds since 1970; < 0 for none */
} ob_document;

/* Draw DOCUMENT as a PDF into FILE; *PAGE_COUNT is set to its pages. */
ob_status ob_render_document(FILE *file, const ob_document *document,
                             size_t *page_count, ob_error *error);

/* "Nice" axis ticks (1, 2, 5 x 10^k) from 0 to at least MAXIMUM, about
 * TARGET of them: sets *STEP and *TOP and returns the number of steps. */
size_t ob_nice_ticks(double *step, double *top, double maximum,
                     size_t target);

#endif
