/* A table: a row a category, a column a series, numbers aligned right,
 * a totals row; the type shrinks to fit the rectangle and rows that still
 * do not fit are counted in a last line. */
#include <stdio.h>

#include "render_internal.h"

size_t
render_table_fit(double *size, double *row_height, const ob_chart *chart,
                 double height)
{
    if (chart->row_count > 0) {
        /* A page's share of a long table: laid out to fit already. */
        *size = RENDER_LABEL_SIZE;
        *row_height = *size * 1.7;
        return chart->row_count;
    }
    bool has_totals = chart->series_totals != NULL;
    size_t lines = chart->category_count + 1 + (has_totals ? 1 : 0);
    *size = RENDER_LABEL_SIZE;
    *row_height = *size * 1.7;
    if (*row_height * (double)lines > height) {
        *row_height = height / (double)lines;
        *size = *row_height / 1.7;
    }
    if (*size >= 9)
        return chart->category_count;
    /* Smaller type would not be read: show what fits at 9 pixels, with a
     * line that counts the rest. */
    *size = 9;
    *row_height = *size * 1.7;
    size_t fit = (size_t)(height / *row_height);
    size_t reserved = 2 + (has_totals ? 1 : 0);
    return fit > reserved ? fit - reserved : 0;
}

ob_status
render_table(cairo_t *cr, double x, double y, double width, double height,
             const ob_chart *chart, ob_error *error)
{
    (void)error;
    bool has_totals = chart->series_totals != NULL;
    double size;
    double row_height;
    size_t shown = render_table_fit(&size, &row_height, chart, height);
    double number_width = 0;
    for (size_t s = 0; s < chart->series_count; s++) {
        double w = render_text_width(cr, chart->series[s].name, size, true);
        if (w > number_width)
            number_width = w;
    }
    char text[64];
    ob_format_count(text, sizeof text, 999999, chart->thousands);
    double digits = render_text_width(cr, text, size, false);
    if (digits > number_width)
        number_width = digits;
    number_width += 2 * RENDER_GAP;
    /* Names are not cut when they can be helped: the label column takes
     * the longest name, up to 45% of the width; the numbers share the
     * rest. */
    double longest = 0;
    for (size_t i = 0; i < chart->category_count; i++) {
        double w = render_text_width(cr, chart->categories[i], size, true);
        if (w > longest)
            longest = w;
    }
    double label_width = width - number_width * (double)chart->series_count;
    if (label_width < longest + RENDER_GAP) {
        label_width = longest + RENDER_GAP;
        if (label_width > width * 0.45)
            label_width = width * 0.45;
        number_width = (width - label_width) / (double)chart->series_count;
    }

    render_text_style head = {size, true, render_ink, RENDER_RIGHT,
                              number_width - RENDER_GAP, false};
    render_text_style head_label = {size, true, render_ink, RENDER_LEFT,
                                    label_width - RENDER_GAP, false};
    render_text_style cell = {size, false, render_ink, RENDER_RIGHT,
                              number_width - RENDER_GAP, false};
    render_text_style label = {size, false, render_ink, RENDER_LEFT,
                               label_width - RENDER_GAP, false};
    double row_y = y;
    render_text(cr, chart->category_label ? chart->category_label : "", x,
                row_y, &head_label);
    for (size_t s = 0; s < chart->series_count; s++)
        render_text(cr, chart->series[s].name,
                    x + label_width + number_width * (double)s, row_y, &head);
    row_y += row_height;
    render_set_color(cr, render_axis);
    cairo_set_line_width(cr, 1.0);
    render_move_to(cr, x, row_y - row_height * 0.2);
    render_line_to(cr, x + width, row_y - row_height * 0.2);
    cairo_stroke(cr);
    size_t first = chart->row_count > 0 ? chart->first_row : 0;
    for (size_t r = 0; r < shown; r++) {
        size_t i = first + r;
        unsigned char row_style = chart->category_styles
                                      ? chart->category_styles[i]
                                      : 0;
        if (row_style == 0 && r % 2 == 1) {
            cairo_set_source_rgb(cr, 0.965, 0.965, 0.965);
            render_rectangle(cr, x, row_y - row_height * 0.2, width,
                             row_height);
            cairo_fill(cr);
        }
        if (row_style == 2) {
            render_set_color(cr, render_grid);
            render_move_to(cr, x, row_y - row_height * 0.2);
            render_line_to(cr, x + width, row_y - row_height * 0.2);
            cairo_stroke(cr);
        }
        render_text(cr, chart->categories[i], x, row_y,
                    row_style ? &head_label : &label);
        for (size_t s = 0; s < chart->series_count && row_style != 1; s++) {
            render_value_text(text, sizeof text, &chart->series[s].values[i],
                              chart);
            render_text(cr, text, x + label_width + number_width * (double)s,
                        row_y, row_style ? &head : &cell);
        }
        row_y += row_height;
    }
    if (chart->row_count == 0 && shown < chart->category_count) {
        char more[96];
        snprintf(more, sizeof more, "\xE2\x80\xA6 %zu more rows",
                 chart->category_count - shown);
        render_text_style muted = label;
        muted.color = render_muted;
        render_text(cr, more, x, row_y, &muted);
        row_y += row_height;
    }
    if (has_totals) {
        render_set_color(cr, render_axis);
        render_move_to(cr, x, row_y - row_height * 0.2);
        render_line_to(cr, x + width, row_y - row_height * 0.2);
        cairo_stroke(cr);
        render_text(cr, "Total", x, row_y, &head_label);
        for (size_t s = 0; s < chart->series_count; s++) {
            render_value_text(text, sizeof text, &chart->series_totals[s],
                              chart);
            render_text(cr, text, x + label_width + number_width * (double)s,
                        row_y, &head);
        }
    }
    return OB_OK;
}
