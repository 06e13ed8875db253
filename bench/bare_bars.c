/* The yardstick for chart rendering: a bare cairo + Pango program that
 * draws the same 15 bars as `opbrief chart bars` on the FLASH-WEKA fixture
 * (title, subtitle, labels, bars, values, ticks, two notes) and writes a
 * PNG, with nothing else: no CSV, no aggregation, no sidecars.
 * Usage: bare_bars OUT.png */
#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdio.h>

static void
text(cairo_t *cr, const char *s, double size, int bold, double x, double y,
     int right)
{
    PangoLayout *layout = pango_cairo_create_layout(cr);
    PangoFontDescription *font = pango_font_description_new();
    pango_font_description_set_family(font, "DejaVu Sans");
    pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD
                                                 : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
    pango_layout_set_font_description(layout, font);
    pango_font_description_free(font);
    pango_layout_set_text(layout, s, -1);
    int w;
    int h;
    pango_layout_get_pixel_size(layout, &w, &h);
    cairo_move_to(cr, right ? x - w : x, y);
    pango_cairo_show_layout(cr, layout);
    g_object_unref(layout);
}

int
main(int argc, char **argv)
{
    static const char *const names[] = {
        "Nigeria", "Democratic Republic of the Congo", "C\xC3\xB4te d'Ivoire",
        "Togo", "Cameroon", "Ethiopia", "South Africa", "Ghana", "Mali",
        "Sierra Leone", "Benin", "Niger", "Senegal", "Tanzania",
        "Other (40 countries)"};
    static const int values[] = {112, 51, 39, 38, 30, 29, 27, 25,
                                 24,  24, 23, 23, 21, 21, 336};
    if (argc != 2)
        return 64;
    cairo_surface_t *surface =
        cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1200, 675);
    cairo_t *cr = cairo_create(surface);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 0.13, 0.13, 0.13);
    text(cr, "FLASH-WEKA: Victims identified by country", 26, 1, 28, 28, 0);
    text(cr, "Returns from 2023-05-11 to 2023-06-29", 17, 0, 28, 62, 0);
    for (int t = 0; t <= 6; t++) {
        char label[16];
        snprintf(label, sizeof label, "%d", t * 20);
        cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
        cairo_rectangle(cr, 277 + t * 143, 100, 1, 470);
        cairo_fill(cr);
        cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
        text(cr, label, 13, 0, 277 + t * 143, 575, 0);
    }
    for (int i = 0; i < 15; i++) {
        char label[16];
        double y = 105 + i * 31;
        double width = values[i] > 120 ? 860 : values[i] * 7.15;
        cairo_set_source_rgb(cr, 0.13, 0.13, 0.13);
        text(cr, names[i], 14, 0, 267, y + 4, 1);
        cairo_set_source_rgb(cr, 0, 0.447, 0.698);
        cairo_rectangle(cr, 277, y, width, 21);
        cairo_fill(cr);
        snprintf(label, sizeof label, "%d", values[i]);
        cairo_set_source_rgb(cr, 0.13, 0.13, 0.13);
        text(cr, label, 13, 0, 282 + width, y + 3, 0);
    }
    cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
    text(cr, "<10: fewer than 10 victims, not shown to protect the people "
             "concerned.",
         12, 0, 28, 615, 0);
    text(cr, "Source: flash-weka-2023.csv", 12, 0, 28, 632, 0);
    cairo_destroy(cr);
    cairo_status_t status = cairo_surface_write_to_png(surface, argv[1]);
    cairo_surface_destroy(surface);
    return status == CAIRO_STATUS_SUCCESS ? 0 : 74;
}
