/* Ranked horizontal bars: the largest groups by one measure, the rest
 * folded into "Other", a value at the end of every bar. */
#include <stdlib.h>
#include <string.h>

#include "render_internal.h"

/* The width hidden values and "Other (x)" get: a marker, not a size. */
#define HIDDEN_MARK_WIDTH 22.0

ob_status
render_bars(cairo_t *cr, double x, double y, double width, double height,
            const ob_chart *chart, size_t max_bars, ob_error *error)
{
    render_item *items = calloc(chart->category_count + 1, sizeof *items);
    if (items == NULL)
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    double axis_height = RENDER_VALUE_SIZE + 2 * RENDER_GAP;
    size_t count = render_rank_items(items, chart, max_bars);

    /* Columns: labels, bars, then room for the longest value text. */
    double label_width = 0;
    double value_width = 0;
    double maximum = 0;
    for (size_t i = 0; i < count; i++) {
        double w = render_text_width(cr, items[i].label, RENDER_LABEL_SIZE,
                                     false);
        if (w > label_width)
            label_width = w;
        char text[64];
        render_value_text(text, sizeof text, &items[i].value, chart);
        w = render_text_width(cr, text, RENDER_VALUE_SIZE, false);
        if (w > value_width)
            value_width = w;
        /* "Other" does not set the scale: it is drawn broken when it
         * is longer than the largest bar. */
        bool is_other = items[i].label == items[i].other_label;
        if (!is_other && items[i].value.hidden == OB_PUBLISHED
            && items[i].value.has_value && items[i].value.value > maximum)
            maximum = items[i].value.value;
    }
    if (label_width > width * 0.35)
        label_width = width * 0.35;
    double bar_left = x + label_width + RENDER_GAP;
    double bar_room = width - label_width - RENDER_GAP - value_width
                      - RENDER_GAP;
    if (bar_room < 40)
        bar_room = 40;
    double step;
    double top;
    size_t ticks = ob_nice_ticks(&step, &top, maximum, 5);
    double scale = bar_room / top;

    double row_height = (height - axis_height) / (double)(count ? count : 1);
    if (row_height > 44)
        row_height = 44;
    double bar_height = row_height * 0.68;
    double label_size = row_height < 20 ? row_height * 0.7 : RENDER_LABEL_SIZE;

    /* Gridlines and tick labels. */
    double plot_bottom = y + row_height * (double)count;
    render_text_style tick = {RENDER_VALUE_SIZE, false, render_muted,
                              RENDER_CENTER, 0, false};
    cairo_set_line_width(cr, 1.0);
    for (size_t t = 0; t <= ticks; t++) {
        double value = step * (double)t;
        double tx = bar_left + value * scale;
        render_set_color(cr, t == 0 ? render_axis : render_grid);
        render_move_to(cr, tx, y);
        render_line_to(cr, tx, plot_bottom);
        cairo_stroke(cr);
        char text[64];
        ob_format_count(text, sizeof text, value, chart->thousands);
        render_text(cr, text, tx, plot_bottom + RENDER_GAP / 2, &tick);
    }

    render_text_style label = {label_size, false, render_ink, RENDER_RIGHT,
                               label_width, false};
    render_text_style value_style = {label_size < RENDER_VALUE_SIZE
                                         ? label_size
                                         : RENDER_VALUE_SIZE,
                                     false, render_ink, RENDER_LEFT, 0, false};
    for (size_t i = 0; i < count; i++) {
        const render_item *item = &items[i];
        double row_y = y + row_height * (double)i;
        double bar_y = row_y + (row_height - bar_height) / 2;
        render_text_middle(cr, item->label, x, row_y, row_height, &label);

        double end = bar_left;
        if (item->value.hidden != OB_PUBLISHED) {
            render_hatched(cr, bar_left + 1, bar_y, HIDDEN_MARK_WIDTH,
                           bar_height);
            end = bar_left + 1 + HIDDEN_MARK_WIDTH;
        } else if (item->value.has_value && item->value.value > 0) {
            bool is_other = item->label == item->other_label;
            double length = item->value.value * scale;
            bool is_broken = length > top * scale;
            if (is_broken)
                length = top * scale;
            render_set_color(cr, is_other ? render_hatch : render_palette[0]);
            render_rectangle(cr, bar_left, bar_y, length, bar_height);
            cairo_fill(cr);
            end = bar_left + length;
            if (is_broken) {
                /* Two white slants: the bar is longer than the axis. */
                render_set_color(cr, render_background);
                cairo_set_line_width(cr, 3.0);
                for (int k = 0; k < 2; k++) {
                    double bx = end - 26 + 8 * k;
                    render_move_to(cr, bx, bar_y + bar_height + 1);
                    render_line_to(cr, bx + 8, bar_y - 1);
                }
                cairo_stroke(cr);
            }
        }
        char text[64];
        render_value_text(text, sizeof text, &item->value, chart);
        PangoLayout *value_layout = render_layout(cr, text, &value_style);
        double vw;
        double vh;
        render_layout_size(value_layout, &vw, &vh);
        render_draw_layout(cr, value_layout, end + 5,
                           row_y + (row_height - vh) / 2, &value_style);
        g_object_unref(value_layout);
    }
    free(items);
    return OB_OK;
}
