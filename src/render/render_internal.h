/* Shared inside the render stage: the theme, text through Pango, checked
 * drawing, and what each kind of chart draws. */
#ifndef OB_RENDER_INTERNAL_H
#define OB_RENDER_INTERNAL_H

#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdbool.h>

#include "opbrief/render.h"

/* ---- theme: every colour, size and space in one place ------------------ */

typedef struct render_color {
    double r, g, b;
} render_color;

/* Okabe & Ito (2008), safe for every common colour vision deficiency. */
extern const render_color render_palette[8];
#define RENDER_PALETTE_SIZE 8

extern const render_color render_ink;       /* text */
extern const render_color render_muted;     /* secondary text */
extern const render_color render_grid;      /* gridlines */
extern const render_color render_axis;      /* axis line */
extern const render_color render_hatch;     /* hidden values */
extern const render_color render_background;

#define RENDER_FONT_FAMILY "DejaVu Sans"
#define RENDER_TITLE_SIZE 26.0
#define RENDER_SUBTITLE_SIZE 17.0
#define RENDER_LABEL_SIZE 14.0
#define RENDER_VALUE_SIZE 13.0
#define RENDER_NOTE_SIZE 12.0
#define RENDER_MARGIN 28.0
#define RENDER_GAP 10.0

/* ---- checked drawing: every coordinate finite and clamped -------------- */

double render_clamp(double value);
void render_set_color(cairo_t *cr, render_color color);
void render_rectangle(cairo_t *cr, double x, double y, double width,
                      double height);
void render_move_to(cairo_t *cr, double x, double y);
void render_line_to(cairo_t *cr, double x, double y);
void render_arc(cairo_t *cr, double x, double y, double radius);
/* A rectangle filled with diagonal hatching: a hidden value. */
void render_hatched(cairo_t *cr, double x, double y, double width,
                    double height);

/* ---- text --------------------------------------------------------------- */

typedef enum render_align {
    RENDER_LEFT,
    RENDER_CENTER,
    RENDER_RIGHT
} render_align;

typedef struct render_text_style {
    double size; /* pixels */
    bool is_bold;
    render_color color;
    render_align align;
    double width; /* wrap or ellipsize at this width; <= 0: one line */
    bool is_wrapped; /* wrap (several lines) or ellipsize (one line) */
} render_text_style;

/* A layout of TEXT in STYLE; free with g_object_unref. */
PangoLayout *render_layout(cairo_t *cr, const char *text,
                           const render_text_style *style);
/* Size of a layout, in pixels. */
void render_layout_size(PangoLayout *layout, double *width, double *height);
/* Draw LAYOUT with its top-left corner (or top-right, top-centre by its
 * alignment within STYLE->width) at X, Y. */
void render_draw_layout(cairo_t *cr, PangoLayout *layout, double x, double y,
                        const render_text_style *style);
/* Draw TEXT; returns the height it took. */
double render_text(cairo_t *cr, const char *text, double x, double y,
                   const render_text_style *style);
/* Draw TEXT centred in the height of a row from Y to Y + ROW_HEIGHT. */
void render_text_middle(cairo_t *cr, const char *text, double x, double y,
                        double row_height, const render_text_style *style);
/* Width of TEXT on one line. */
double render_text_width(cairo_t *cr, const char *text, double size,
                         bool is_bold);

/* The text a value is shown as: "<10", "x", "–", "~700", "1,062". */
void render_value_text(char *out, size_t out_size, const ob_chart_value *value,
                       const ob_chart *chart);

/* ---- bytes -------------------------------------------------------------- */

/* Bytes that cairo writes, kept in memory: cairo 1.16 asserts when a
 * stream write fails part-way through a PDF, so a file is written only
 * once cairo is done, where a failure is ours to handle. */
typedef struct render_bytes {
    unsigned char *bytes;
    size_t size;
    size_t capacity;
} render_bytes;

/* A cairo_write_func_t appending to a render_bytes. */
cairo_status_t render_append_bytes(void *closure, const unsigned char *data,
                                   unsigned int length);

/* A PDF's title, author, subject, keywords (each may be NULL), creator
 * and, unless CREATION_TIME < 0, its creation and modification dates. */
void render_pdf_metadata(cairo_surface_t *surface, const char *title,
                         const char *author, const char *subject,
                         const char *keywords, int64_t creation_time);

/* A vertical value axis up to a maximum: its ticks and the room its
 * labels take on the left. */
typedef struct render_value_axis {
    double step;
    double top;
    size_t ticks;
    double width; /* the widest label and a gap */
} render_value_axis;

/* The axis for values up to MAXIMUM, labels grouped with THOUSANDS. */
void render_value_axis_measure(render_value_axis *axis, cairo_t *cr,
                               double maximum, const char *thousands);
/* Its gridlines from LEFT to RIGHT, value 0 at BASE and SCALE pixels a
 * unit up, each label right-aligned at LABEL_RIGHT. */
void render_value_axis_draw(cairo_t *cr, const render_value_axis *axis,
                            double left, double right, double base,
                            double scale, double label_right,
                            const char *thousands);

/* ---- the chart kinds ---------------------------------------------------- */

/* One bar of a ranked chart: a category or "Other". */
typedef struct render_item {
    const char *label;
    const char *code;
    ob_chart_value value;
    char other_label[96];
} render_item;

/* The bars CHART shows, in order: published values largest first, then
 * hidden ones, then "Other" when the rest is folded (at most MAX_ITEMS;
 * 0 for the chart's own top). Returns the count; ITEMS has room for
 * category_count + 1. */
size_t render_rank_items(render_item *items, const ob_chart *chart,
                         size_t max_items);

/* Lay out a plot with value axis ticks: drawn by the kinds below. */
/* MAX_BARS: the bars that fit (render_bars_capacity()). */
ob_status render_bars(cairo_t *cr, double x, double y, double width,
                      double height, const ob_chart *chart, size_t max_bars,
                      ob_error *error);
/* How many bars a ranked chart of that size has room for. */
size_t render_bars_capacity(const ob_chart *chart,
                            const ob_render_options *options);
ob_status render_grouped(cairo_t *cr, double x, double y, double width,
                         double height, const ob_chart *chart, bool is_stacked,
                         ob_error *error);
ob_status render_series(cairo_t *cr, double x, double y, double width,
                        double height, const ob_chart *chart,
                        ob_error *error);
ob_status render_kpi(cairo_t *cr, double x, double y, double width,
                     double height, const ob_chart *chart, ob_error *error);
ob_status render_table(cairo_t *cr, double x, double y, double width,
                       double height, const ob_chart *chart, ob_error *error);

/* The rows of a table that fit in HEIGHT, with their type size and row
 * height; and the same for a chart of the options' size. */
size_t render_table_fit(double *size, double *row_height,
                        const ob_chart *chart, double height);
size_t render_table_capacity(const ob_chart *chart,
                             const ob_render_options *options);

/* How many bars fit in HEIGHT, so that 200 groups stay legible. */
size_t render_max_rows(double height);

#endif
