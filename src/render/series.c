/* A time series: values over months as a line with markers, gaps where a
 * month has no figure or a hidden one, and an optional linear trend with
 * the band its 95% slope interval spans. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "render_internal.h"

#define MARKER_RADIUS 3.5

/* The trend's value at its centre month (its intercept is at the first). */
static double
trend_at_center(const ob_chart_trend *trend)
{
    return trend->intercept
           + trend->slope * (trend->center - (double)trend->first_category);
}

/* The upper (or lower) edge of the 95% band D months from the centre:
 * the line through the centre with the slope at either end of the
 * interval that lies higher (lower) there. */
static double
band_edge(const ob_chart_trend *trend, double at_center, double d,
          bool is_upper)
{
    double low = trend->slope_low * d;
    double high = trend->slope_high * d;
    return at_center + (is_upper ? fmax(low, high) : fmin(low, high));
}

ob_status
render_series(cairo_t *cr, double x, double y, double width, double height,
              const ob_chart *chart, ob_error *error)
{
    (void)error;
    const ob_chart_series *series = &chart->series[0];
    const ob_chart_trend *trend = &chart->trend;
    size_t n = chart->category_count;
    double maximum = 0;
    for (size_t i = 0; i < n; i++) {
        const ob_chart_value *v = &series->values[i];
        if (v->hidden == OB_PUBLISHED && v->has_value && v->value > maximum)
            maximum = v->value;
    }
    if (trend->has_value) {
        double at_center = trend_at_center(trend);
        for (size_t i = trend->first_category; i <= trend->last_category; i++) {
            double high =
                band_edge(trend, at_center, (double)i - trend->center, true);
            if (high > maximum)
                maximum = high;
        }
    }
    render_value_axis axis;
    render_value_axis_measure(&axis, cr, maximum, chart->thousands);
    double axis_width = axis.width;
    double label_height = RENDER_LABEL_SIZE * 1.4 + RENDER_GAP;
    double plot_x = x + axis_width + MARKER_RADIUS;
    double plot_width = width - axis_width - 2 * MARKER_RADIUS;
    double plot_top = y + RENDER_VALUE_SIZE;
    double plot_height = height - label_height - RENDER_VALUE_SIZE;
    double base = plot_top + plot_height;
    double scale = plot_height / axis.top;
    double spacing = n > 1 ? plot_width / (double)(n - 1) : 0;
#define X_OF(i) (n > 1 ? plot_x + spacing * (double)(i) : plot_x + plot_width / 2)

    render_value_axis_draw(cr, &axis, plot_x - MARKER_RADIUS,
                           plot_x + plot_width + MARKER_RADIUS, base, scale,
                           x + axis_width - 6, chart->thousands);

    /* Month labels: as many as fit, evenly spaced, always the last. */
    double label_width = 0;
    for (size_t i = 0; i < n; i++) {
        double w = render_text_width(cr, chart->categories[i],
                                     RENDER_VALUE_SIZE, false);
        if (w > label_width)
            label_width = w;
    }
    size_t every = 1;
    while (n > 1 && spacing * (double)every < label_width + RENDER_GAP)
        every++;
    /* Month labels: every EVERY-th, and always the last; centred under
     * their month but kept inside the chart, and dropped where they would
     * run into the one before. */
    render_text_style month = {RENDER_VALUE_SIZE, false, render_muted,
                               RENDER_LEFT, 0, false};
    double previous_right = -1e9;
    double last_width = n > 0 ? render_text_width(cr, chart->categories[n - 1],
                                                  RENDER_VALUE_SIZE, false)
                              : 0;
    double last_left = n > 0 ? X_OF(n - 1) - last_width / 2 : 0;
    if (last_left + last_width > x + width)
        last_left = x + width - last_width;
    for (size_t i = 0; i < n; i++) {
        bool is_last = i == n - 1;
        if (i % every != 0 && !is_last)
            continue;
        double w = render_text_width(cr, chart->categories[i],
                                     RENDER_VALUE_SIZE, false);
        double left = is_last ? last_left : X_OF(i) - w / 2;
        if (left < x)
            left = x;
        if (!is_last && left + w + RENDER_GAP > last_left)
            continue; /* the last label's place */
        if (left < previous_right + RENDER_GAP)
            continue;
        render_text(cr, chart->categories[i], left, base + RENDER_GAP / 2,
                    &month);
        previous_right = left + w;
    }

    if (trend->has_value) {
        double at_center = trend_at_center(trend);
        double first = (double)trend->first_category;
        double last = (double)trend->last_category;
        /* The band: every line through the centre with a slope inside the
         * 95% interval. */
        cairo_save(cr);
        render_set_color(cr, render_palette[1]);
        double d0 = first - trend->center;
        double d1 = last - trend->center;
        render_move_to(cr, X_OF(first),
                       base - band_edge(trend, at_center, d0, true) * scale);
        render_line_to(cr, X_OF(trend->center), base - at_center * scale);
        render_line_to(cr, X_OF(last),
                       base - band_edge(trend, at_center, d1, true) * scale);
        render_line_to(cr, X_OF(last),
                       base - band_edge(trend, at_center, d1, false) * scale);
        render_line_to(cr, X_OF(trend->center), base - at_center * scale);
        render_line_to(cr, X_OF(first),
                       base - band_edge(trend, at_center, d0, false) * scale);
        cairo_close_path(cr);
        cairo_clip(cr);
        render_rectangle(cr, plot_x - MARKER_RADIUS, plot_top,
                         plot_width + 2 * MARKER_RADIUS, plot_height);
        cairo_set_source_rgba(cr, render_palette[1].r, render_palette[1].g,
                              render_palette[1].b, 0.18);
        cairo_fill(cr);
        cairo_restore(cr);
        double dashes[] = {6.0, 4.0};
        cairo_save(cr);
        cairo_set_dash(cr, dashes, 2, 0);
        cairo_set_line_width(cr, 2.0);
        render_set_color(cr, render_palette[5]);
        render_move_to(cr, X_OF(first), base - (at_center + trend->slope * d0)
                                                   * scale);
        render_line_to(cr, X_OF(last), base - (at_center + trend->slope * d1)
                                                  * scale);
        cairo_stroke(cr);
        cairo_restore(cr);
    }

    /* The line, broken where a month has no figure shown. */
    cairo_set_line_width(cr, 2.5);
    render_set_color(cr, render_palette[0]);
    bool is_drawing = false;
    for (size_t i = 0; i < n; i++) {
        const ob_chart_value *v = &series->values[i];
        if (v->hidden != OB_PUBLISHED || !v->has_value) {
            is_drawing = false;
            continue;
        }
        double py = base - v->value * scale;
        if (is_drawing)
            render_line_to(cr, X_OF(i), py);
        else
            render_move_to(cr, X_OF(i), py);
        is_drawing = true;
    }
    cairo_stroke(cr);
    render_text_style hidden = {RENDER_VALUE_SIZE, false, render_muted,
                                RENDER_CENTER, 0, false};
    for (size_t i = 0; i < n; i++) {
        const ob_chart_value *v = &series->values[i];
        if (v->hidden != OB_PUBLISHED) {
            render_hatched(cr, X_OF(i) - 5, base - 10, 10, 10);
            char text[64];
            render_value_text(text, sizeof text, v, chart);
            render_text(cr, text, X_OF(i), base - 12 - RENDER_VALUE_SIZE * 1.2,
                        &hidden);
            continue;
        }
        if (!v->has_value)
            continue;
        render_set_color(cr, render_palette[0]);
        render_arc(cr, X_OF(i), base - v->value * scale, MARKER_RADIUS);
        cairo_fill(cr);
    }
#undef X_OF
    return OB_OK;
}
