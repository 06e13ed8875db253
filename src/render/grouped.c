/* Grouped bars (several series side by side per category, vertical) and
 * 100% stacked bars (the shares of each series in a category, one
 * horizontal bar a category), both with a legend. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render_internal.h"

#define SWATCH 12.0
#define HIDDEN_MARK_HEIGHT 16.0

/* The legend across the top; returns its height. */
static double
draw_legend(cairo_t *cr, double x, double y, double width,
            const ob_chart *chart)
{
    render_text_style style = {RENDER_LABEL_SIZE, false, render_ink,
                               RENDER_LEFT, 0, false};
    double cursor = x;
    double line = y;
    double line_height = RENDER_LABEL_SIZE * 1.5;
    for (size_t s = 0; s < chart->series_count; s++) {
        const char *name = chart->series[s].name;
        double w = SWATCH + 6 + render_text_width(cr, name, RENDER_LABEL_SIZE,
                                                   false);
        if (cursor > x && cursor + w > x + width) {
            cursor = x;
            line += line_height;
        }
        render_set_color(cr, render_palette[s % RENDER_PALETTE_SIZE]);
        render_rectangle(cr, cursor, line + 3, SWATCH, SWATCH);
        cairo_fill(cr);
        render_text(cr, name, cursor + SWATCH + 6, line, &style);
        cursor += w + 2 * RENDER_GAP;
    }
    return line - y + line_height + RENDER_GAP;
}

static ob_status
draw_grouped(cairo_t *cr, double x, double y, double width, double height,
             const ob_chart *chart)
{
    double maximum = 0;
    for (size_t s = 0; s < chart->series_count; s++) {
        for (size_t i = 0; i < chart->category_count; i++) {
            const ob_chart_value *v = &chart->series[s].values[i];
            if (v->hidden == OB_PUBLISHED && v->has_value
                && v->value > maximum)
                maximum = v->value;
        }
    }
    render_value_axis axis;
    render_value_axis_measure(&axis, cr, maximum, chart->thousands);
    double axis_width = axis.width;
    double label_height = 2.4 * RENDER_LABEL_SIZE + RENDER_GAP;
    double plot_x = x + axis_width;
    double plot_width = width - axis_width;
    double value_room = RENDER_VALUE_SIZE + 6;
    double plot_top = y + value_room;
    double plot_height = height - label_height - value_room;
    double scale = plot_height / axis.top;
    double base = plot_top + plot_height;
    render_value_axis_draw(cr, &axis, plot_x, plot_x + plot_width, base,
                           scale, plot_x - 6, chart->thousands);

    size_t n = chart->category_count ? chart->category_count : 1;
    double slot = plot_width / (double)n;
    double group_width = slot * 0.8;
    double bar_width = group_width / (double)chart->series_count;
    render_text_style category = {RENDER_LABEL_SIZE, false, render_ink,
                                  RENDER_CENTER, slot - 4, true};
    render_text_style value_style = {RENDER_VALUE_SIZE, false, render_ink,
                                     RENDER_CENTER, 0, false};
    for (size_t i = 0; i < chart->category_count; i++) {
        double slot_x = plot_x + slot * (double)i;
        PangoLayout *layout = render_layout(cr, chart->categories[i],
                                            &category);
        pango_layout_set_height(layout, (int)(-2)); /* at most two lines */
        pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
        render_draw_layout(cr, layout, slot_x + 2, base + RENDER_GAP / 2,
                           &category);
        g_object_unref(layout);
        for (size_t s = 0; s < chart->series_count; s++) {
            const ob_chart_value *v = &chart->series[s].values[i];
            double bar_x = slot_x + (slot - group_width) / 2
                           + bar_width * (double)s;
            double bar_top = base;
            if (v->hidden != OB_PUBLISHED) {
                render_hatched(cr, bar_x + 1, base - HIDDEN_MARK_HEIGHT,
                               bar_width - 2, HIDDEN_MARK_HEIGHT);
                bar_top = base - HIDDEN_MARK_HEIGHT;
            } else if (v->has_value && v->value > 0) {
                bar_top = base - v->value * scale;
                render_set_color(cr, render_palette[s % RENDER_PALETTE_SIZE]);
                render_rectangle(cr, bar_x + 1, bar_top, bar_width - 2,
                                 v->value * scale);
                cairo_fill(cr);
            }
            /* A value label only where it fits over its own bar. */
            char text[64];
            render_value_text(text, sizeof text, v, chart);
            if (render_text_width(cr, text, RENDER_VALUE_SIZE, false)
                <= bar_width + 2)
                render_text(cr, text, bar_x + bar_width / 2,
                            bar_top - RENDER_VALUE_SIZE - 4, &value_style);
        }
    }
    return OB_OK;
}

static ob_status
draw_stacked(cairo_t *cr, double x, double y, double width, double height,
             const ob_chart *chart)
{
    double label_width = 0;
    for (size_t i = 0; i < chart->category_count; i++) {
        double w = render_text_width(cr, chart->categories[i],
                                     RENDER_LABEL_SIZE, false);
        if (w > label_width)
            label_width = w;
    }
    if (label_width > width * 0.3)
        label_width = width * 0.3;
    double bar_x = x + label_width + RENDER_GAP;
    double bar_room = width - label_width - RENDER_GAP;
    size_t rows = chart->category_count ? chart->category_count : 1;
    double axis_height = RENDER_VALUE_SIZE + RENDER_GAP;
    double row_height = (height - axis_height) / (double)rows;
    if (row_height > 72)
        row_height = 72;
    double bar_height = row_height * 0.7;
    render_text_style label = {RENDER_LABEL_SIZE, false, render_ink,
                               RENDER_RIGHT, label_width, false};
    render_text_style inside = {RENDER_VALUE_SIZE, false, render_background,
                                RENDER_CENTER, 0, false};
    for (size_t i = 0; i < chart->category_count; i++) {
        double row_y = y + row_height * (double)i;
        double bar_y = row_y + (row_height - bar_height) / 2;
        render_text_middle(cr, chart->categories[i], x, row_y, row_height, &label);

        const ob_chart_value *total = chart->category_totals
                                          ? &chart->category_totals[i]
                                          : NULL;
        double shown = 0;
        bool has_hidden = false;
        for (size_t s = 0; s < chart->series_count; s++) {
            const ob_chart_value *v = &chart->series[s].values[i];
            has_hidden |= v->hidden != OB_PUBLISHED;
            if (v->hidden == OB_PUBLISHED && v->has_value)
                shown += v->value;
        }
        double whole = shown;
        if (total != NULL && total->hidden == OB_PUBLISHED
            && total->has_value && total->value >= shown)
            whole = total->value;
        else if (has_hidden)
            whole = 0; /* no known total: no shares can be drawn */
        if (whole <= 0) {
            render_hatched(cr, bar_x, bar_y, bar_room, bar_height);
            continue;
        }
        double cursor = bar_x;
        for (size_t s = 0; s < chart->series_count; s++) {
            const ob_chart_value *v = &chart->series[s].values[i];
            if (v->hidden != OB_PUBLISHED || !v->has_value || v->value <= 0)
                continue;
            double w = v->value / whole * bar_room;
            render_set_color(cr, render_palette[s % RENDER_PALETTE_SIZE]);
            render_rectangle(cr, cursor, bar_y, w, bar_height);
            cairo_fill(cr);
            char text[32];
            snprintf(text, sizeof text, "%.0f%%", 100 * v->value / whole);
            if (render_text_width(cr, text, RENDER_VALUE_SIZE, false) + 6 < w)
                render_text(cr, text, cursor + w / 2,
                            bar_y + (bar_height - RENDER_VALUE_SIZE * 1.2) / 2,
                            &inside);
            cursor += w;
        }
        /* Hidden values together: the total less what is shown. */
        if (whole > shown)
            render_hatched(cr, cursor, bar_y, (whole - shown) / whole * bar_room,
                           bar_height);
    }
    render_text_style tick = {RENDER_VALUE_SIZE, false, render_muted,
                              RENDER_CENTER, 0, false};
    double axis_y = y + row_height * (double)rows + 4;
    for (int percent = 0; percent <= 100; percent += 25) {
        char text[16];
        snprintf(text, sizeof text, "%d%%", percent);
        render_text(cr, text, bar_x + bar_room * percent / 100.0, axis_y,
                    &tick);
    }
    return OB_OK;
}

ob_status
render_grouped(cairo_t *cr, double x, double y, double width, double height,
               const ob_chart *chart, bool is_stacked, ob_error *error)
{
    (void)error;
    double legend = draw_legend(cr, x, y, width, chart);
    if (is_stacked)
        return draw_stacked(cr, x, y + legend, width, height - legend, chart);
    return draw_grouped(cr, x, y + legend, width, height - legend, chart);
}
