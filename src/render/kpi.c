/* KPI tiles: the headline numbers of an operation, large, each with what
 * it counts. */
#include <stdio.h>

#include "render_internal.h"

#define KPI_NUMBER_SIZE_MAX 72.0

ob_status
render_kpi(cairo_t *cr, double x, double y, double width, double height,
           const ob_chart *chart, ob_error *error)
{
    (void)error;
    size_t count = chart->category_count;
    if (count == 0)
        return OB_OK;
    size_t columns = count <= 3 ? count : (count + 1) / 2;
    size_t rows = (count + columns - 1) / columns;
    double tile_width = (width - RENDER_GAP * (double)(columns - 1))
                        / (double)columns;
    double tile_height = (height - RENDER_GAP * (double)(rows - 1))
                         / (double)rows;
    /* The numbers grow with their tiles, up to a size that still leaves
     * room for the label. */
    double number_size = tile_height * 0.38;
    if (number_size > tile_width * 0.16)
        number_size = tile_width * 0.16;
    if (number_size > KPI_NUMBER_SIZE_MAX)
        number_size = KPI_NUMBER_SIZE_MAX;
    render_text_style number = {number_size, true, render_palette[0],
                                RENDER_LEFT, tile_width - 2 * RENDER_GAP,
                                false};
    render_text_style label = {RENDER_SUBTITLE_SIZE, false, render_muted,
                               RENDER_LEFT, tile_width - 2 * RENDER_GAP,
                               true};
    for (size_t i = 0; i < count; i++) {
        double tx = x + (tile_width + RENDER_GAP) * (double)(i % columns);
        double ty = y + (tile_height + RENDER_GAP) * (double)(i / columns);
        cairo_set_source_rgb(cr, 0.96, 0.97, 0.98);
        render_rectangle(cr, tx, ty, tile_width, tile_height);
        cairo_fill(cr);
        render_set_color(cr, render_palette[0]);
        render_rectangle(cr, tx, ty, 4, tile_height);
        cairo_fill(cr);
        char text[64];
        render_value_text(text, sizeof text, &chart->series[0].values[i],
                          chart);
        /* The number and its label, centred in the tile's height. */
        PangoLayout *big = render_layout(cr, text, &number);
        PangoLayout *small = render_layout(cr, chart->categories[i], &label);
        double w;
        double number_height;
        double label_height;
        render_layout_size(big, &w, &number_height);
        render_layout_size(small, &w, &label_height);
        double content_y = ty + (tile_height - number_height - label_height)
                                    / 2;
        render_draw_layout(cr, big, tx + 2 * RENDER_GAP + 4, content_y,
                           &number);
        render_draw_layout(cr, small, tx + 2 * RENDER_GAP + 4,
                           content_y + number_height, &label);
        g_object_unref(big);
        g_object_unref(small);
    }
    return OB_OK;
}
