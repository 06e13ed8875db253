/* KPI tiles: the headline numbers of an operation, large, each with what
 * it counts. */
#include <stdio.h>

#include "render_internal.h"

#define KPI_NUMBER_SIZE 44.0

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
    if (tile_height > 150)
        tile_height = 150;
    double number_size = KPI_NUMBER_SIZE;
    if (number_size > tile_height * 0.45)
        number_size = tile_height * 0.45;
    render_text_style number = {number_size, true, render_palette[0],
                                RENDER_LEFT, tile_width - 2 * RENDER_GAP,
                                false};
    render_text_style label = {RENDER_LABEL_SIZE, false, render_muted,
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
        double h = render_text(cr, text, tx + RENDER_GAP + 4,
                               ty + RENDER_GAP, &number);
        render_text(cr, chart->categories[i], tx + RENDER_GAP + 4,
                    ty + RENDER_GAP + h + 2, &label);
    }
    return OB_OK;
}
