/* The theme, checked drawing and text through Pango: the only places that
 * call cairo's path functions and Pango's layout functions. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "render_internal.h"

const render_color render_palette[RENDER_PALETTE_SIZE] = {
    {0.000, 0.447, 0.698}, /* blue #0072B2 */
    {0.902, 0.624, 0.000}, /* orange #E69F00 */
    {0.000, 0.620, 0.451}, /* bluish green #009E73 */
    {0.800, 0.475, 0.655}, /* reddish purple #CC79A7 */
    {0.337, 0.706, 0.914}, /* sky blue #56B4E9 */
    {0.835, 0.369, 0.000}, /* vermillion #D55E00 */
    {0.941, 0.894, 0.259}, /* yellow #F0E442 */
    {0.000, 0.000, 0.000}, /* black */
};
const render_color render_ink = {0.133, 0.133, 0.133};
const render_color render_muted = {0.400, 0.400, 0.400};
const render_color render_grid = {0.878, 0.878, 0.878};
const render_color render_axis = {0.600, 0.600, 0.600};
const render_color render_hatch = {0.550, 0.550, 0.550};
const render_color render_background = {1.000, 1.000, 1.000};

/* Coordinates far outside any page are a bug upstream; cairo would take
 * them (or NaN) silently, so they stop here. */
#define COORDINATE_LIMIT 1.0e6

double
render_clamp(double value)
{
    if (!isfinite(value))
        return 0.0;
    if (value > COORDINATE_LIMIT)
        return COORDINATE_LIMIT;
    if (value < -COORDINATE_LIMIT)
        return -COORDINATE_LIMIT;
    return value;
}

void
render_set_color(cairo_t *cr, render_color color)
{
    cairo_set_source_rgb(cr, color.r, color.g, color.b);
}

void
render_rectangle(cairo_t *cr, double x, double y, double width, double height)
{
    width = render_clamp(width);
    height = render_clamp(height);
    cairo_rectangle(cr, render_clamp(x), render_clamp(y),
                    width > 0 ? width : 0, height > 0 ? height : 0);
}

void
render_move_to(cairo_t *cr, double x, double y)
{
    cairo_move_to(cr, render_clamp(x), render_clamp(y));
}

void
render_line_to(cairo_t *cr, double x, double y)
{
    cairo_line_to(cr, render_clamp(x), render_clamp(y));
}

void
render_arc(cairo_t *cr, double x, double y, double radius)
{
    radius = render_clamp(radius);
    cairo_new_sub_path(cr);
    cairo_arc(cr, render_clamp(x), render_clamp(y), radius > 0 ? radius : 0,
              0, 2 * G_PI);
}

void
render_hatched(cairo_t *cr, double x, double y, double width, double height)
{
    cairo_save(cr);
    render_rectangle(cr, x, y, width, height);
    cairo_set_source_rgb(cr, 0.95, 0.95, 0.95);
    cairo_fill_preserve(cr);
    cairo_clip_preserve(cr);
    render_set_color(cr, render_hatch);
    cairo_set_line_width(cr, 1.0);
    cairo_stroke(cr);
    double spacing = 5.0;
    for (double offset = -height; offset < width; offset += spacing) {
        render_move_to(cr, x + offset, y + height);
        render_line_to(cr, x + offset + height, y);
    }
    cairo_stroke(cr);
    cairo_restore(cr);
}

/* Font options fixed here, not taken from the machine, so that output is
 * the same everywhere: grey antialiasing, no hinting, unhinted metrics. */
static void
set_font_options(PangoContext *context)
{
    cairo_font_options_t *options = cairo_font_options_create();
    cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    pango_cairo_context_set_font_options(context, options);
    cairo_font_options_destroy(options);
    pango_context_set_round_glyph_positions(context, FALSE);
}

PangoLayout *
render_layout(cairo_t *cr, const char *text, const render_text_style *style)
{
    PangoLayout *layout = pango_cairo_create_layout(cr);
    set_font_options(pango_layout_get_context(layout));
    pango_layout_context_changed(layout);
    PangoFontDescription *font = pango_font_description_new();
    pango_font_description_set_family(font, RENDER_FONT_FAMILY);
    pango_font_description_set_weight(font, style->is_bold
                                                ? PANGO_WEIGHT_BOLD
                                                : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_absolute_size(font,
                                             style->size * PANGO_SCALE);
    pango_layout_set_font_description(layout, font);
    pango_font_description_free(font);
    if (style->width > 0) {
        pango_layout_set_width(layout, (int)(style->width * PANGO_SCALE));
        if (style->is_wrapped)
            pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
        else
            pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
        pango_layout_set_alignment(layout,
                                   style->align == RENDER_CENTER
                                       ? PANGO_ALIGN_CENTER
                                   : style->align == RENDER_RIGHT
                                       ? PANGO_ALIGN_RIGHT
                                       : PANGO_ALIGN_LEFT);
    }
    pango_layout_set_text(layout, text, -1);
    return layout;
}

void
render_layout_size(PangoLayout *layout, double *width, double *height)
{
    PangoRectangle logical;
    pango_layout_get_extents(layout, NULL, &logical);
    *width = (double)logical.width / PANGO_SCALE;
    *height = (double)logical.height / PANGO_SCALE;
}

void
render_draw_layout(cairo_t *cr, PangoLayout *layout, double x, double y,
                   const render_text_style *style)
{
    /* Without a width, alignment is ours to do. */
    if (style->width <= 0 && style->align != RENDER_LEFT) {
        double width;
        double height;
        render_layout_size(layout, &width, &height);
        x -= style->align == RENDER_RIGHT ? width : width / 2;
    }
    render_set_color(cr, style->color);
    render_move_to(cr, x, y);
    pango_cairo_show_layout(cr, layout);
}

double
render_text(cairo_t *cr, const char *text, double x, double y,
            const render_text_style *style)
{
    PangoLayout *layout = render_layout(cr, text, style);
    double width;
    double height;
    render_layout_size(layout, &width, &height);
    render_draw_layout(cr, layout, x, y, style);
    g_object_unref(layout);
    return height;
}

void
render_text_middle(cairo_t *cr, const char *text, double x, double y,
                   double row_height, const render_text_style *style)
{
    PangoLayout *layout = render_layout(cr, text, style);
    double width;
    double height;
    render_layout_size(layout, &width, &height);
    render_draw_layout(cr, layout, x, y + (row_height - height) / 2, style);
    g_object_unref(layout);
}

double
render_text_width(cairo_t *cr, const char *text, double size, bool is_bold)
{
    render_text_style style = {size, is_bold, render_ink, RENDER_LEFT, 0,
                               false};
    PangoLayout *layout = render_layout(cr, text, &style);
    double width;
    double height;
    render_layout_size(layout, &width, &height);
    g_object_unref(layout);
    return width;
}
