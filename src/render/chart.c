/* The frame every chart shares (title, subtitle, the plot, notes, source,
 * byline) and what the kinds share: value texts, ranking, ticks. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render_internal.h"

size_t
ob_nice_ticks(double *step, double *top, double maximum, size_t target)
{
    if (!isfinite(maximum) || maximum <= 0) {
        *step = 1;
        *top = 1;
        return 1;
    }
    if (target == 0)
        target = 1;
    /* The smallest step of 1, 2 or 5 times a power of ten that covers the
     * maximum in at most TARGET + 1 steps. */
    double magnitude = pow(10, floor(log10(maximum / (double)target)));
    static const double multiples[] = {1, 2, 5, 10, 20};
    *step = magnitude * 20;
    for (size_t i = 0; i < sizeof multiples / sizeof multiples[0]; i++) {
        double candidate = magnitude * multiples[i];
        if (ceil(maximum / candidate) <= (double)target + 1) {
            *step = candidate;
            break;
        }
    }
    /* Counts are whole numbers: no ticks between them. */
    if (*step < 1)
        *step = 1;
    size_t steps = (size_t)ceil(maximum / *step - 1e-9);
    if (steps == 0)
        steps = 1;
    *top = *step * (double)steps;
    return steps;
}

size_t
render_max_rows(double height)
{
    /* Below 14 pixels a row, labels stop being legible. */
    size_t rows = (size_t)(height / 14.0);
    return rows > 1 ? rows : 1;
}

/* The published figure a chart value stands for. */
static ob_figure
figure_of(const ob_chart_value *value, const ob_chart *chart)
{
    ob_figure figure;
    figure.has_value = value->has_value;
    figure.value = value->hidden == OB_PUBLISHED ? (int64_t)value->value : 0;
    figure.protection = value->hidden;
    figure.threshold = chart->suppress_below;
    figure.is_approximate = value->is_approximate;
    figure.is_lower_bound = value->is_lower_bound;
    return figure;
}

static ob_chart_value
value_of(const ob_figure *figure)
{
    ob_chart_value value;
    value.has_value = figure->has_value;
    value.value = (double)figure->value;
    value.hidden = figure->protection;
    value.is_approximate = figure->is_approximate;
    value.is_lower_bound = figure->is_lower_bound;
    return value;
}

void
render_value_text(char *out, size_t out_size, const ob_chart_value *value,
                  const ob_chart *chart)
{
    ob_figure figure = figure_of(value, chart);
    ob_figure_format(out, out_size, &figure, OB_FIGURE_CHART,
                     chart->thousands);
}

/* ---- ranking ------------------------------------------------------------ */

static int
compare_items(const void *a, const void *b)
{
    const render_item *x = a;
    const render_item *y = b;
    /* Shown values first, largest first; then "<10", then "x"; then no
     * value; ties by label, so the order never depends on qsort. */
    int x_class = x->value.hidden != OB_PUBLISHED ? 1 + (int)x->value.hidden
                  : x->value.has_value              ? 0
                                                    : 4;
    int y_class = y->value.hidden != OB_PUBLISHED ? 1 + (int)y->value.hidden
                  : y->value.has_value              ? 0
                                                    : 4;
    if (x_class != y_class)
        return x_class < y_class ? -1 : 1;
    if (x_class == 0 && x->value.value != y->value.value)
        return x->value.value > y->value.value ? -1 : 1;
    return strcmp(x->label, y->label);
}

size_t
render_rank_items(render_item *items, const ob_chart *chart, size_t max_items)
{
    size_t count = 0;
    for (size_t i = 0; i < chart->category_count; i++) {
        const ob_chart_value *value = &chart->series[0].values[i];
        render_item *item = &items[count++];
        memset(item, 0, sizeof *item);
        item->label = chart->categories[i];
        item->code = chart->category_codes ? chart->category_codes[i] : NULL;
        item->value = *value;
    }
    qsort(items, count, sizeof *items, compare_items);
    size_t top = chart->top ? chart->top : count;
    if (max_items > 0 && top > max_items)
        top = max_items;
    if (count <= top)
        return count;
    /* Fold the rest into "Other": one bar fewer for it. With nothing
     * hidden in the rest, it is their sum; else it is the total less the
     * bars shown, as core's one rule for a remainder has it (hidden when
     * the total or a bar shown is). */
    size_t shown = top > 1 ? top - 1 : 1;
    size_t folded = count - shown;
    bool is_hidden_folded = false;
    ob_chart_value other = {false, 0, OB_PUBLISHED, false, false};
    for (size_t i = shown; i < count; i++) {
        const ob_chart_value *value = &items[i].value;
        is_hidden_folded |= value->hidden != OB_PUBLISHED;
        if (value->hidden != OB_PUBLISHED || !value->has_value)
            continue;
        other.has_value = true;
        other.value += value->value;
        other.is_approximate |= value->is_approximate;
        other.is_lower_bound |= value->is_lower_bound;
    }
    if (is_hidden_folded) {
        ob_figure remainder = figure_of(&chart->total, chart);
        for (size_t i = 0; i < shown; i++) {
            ob_figure bar = figure_of(&items[i].value, chart);
            const ob_figure *part = &bar;
            remainder = ob_figure_remainder(&remainder, &part, 1);
        }
        other = value_of(&remainder);
    }
    render_item *item = &items[shown];
    memset(item, 0, sizeof *item);
    snprintf(item->other_label, sizeof item->other_label, "Other (%zu %s)",
             folded, chart->category_plural ? chart->category_plural : "more");
    item->label = item->other_label;
    item->value = other;
    return shown + 1;
}

/* ---- the frame ---------------------------------------------------------- */

static bool
any_value(const ob_chart *chart, bool (*test)(const ob_chart_value *))
{
    for (size_t s = 0; s < chart->series_count; s++) {
        for (size_t i = 0; i < chart->category_count; i++) {
            if (test(&chart->series[s].values[i]))
                return true;
        }
    }
    return false;
}

static bool
is_hidden(const ob_chart_value *value)
{
    return value->hidden != OB_PUBLISHED;
}

static bool
is_hidden_other(const ob_chart_value *value)
{
    return value->hidden == OB_SUPPRESSED_COMPLEMENTARY;
}

static bool
is_qualified(const ob_chart_value *value)
{
    return value->hidden == OB_PUBLISHED
           && (value->is_approximate || value->is_lower_bound);
}

/* A footer line: room for a source of 511 bytes (the command line's) and
 * "Source: ". */
enum { NOTE_SIZE = 640 };

/* The notes under every chart: the chart's own, then the protection rule
 * when something is hidden, then what ~ and > mean when they are shown. */
static size_t
collect_notes(char notes[][NOTE_SIZE], size_t max, const ob_chart *chart)
{
    size_t count = 0;
    for (size_t i = 0; i < 8 && chart->notes[i] != NULL && count < max; i++)
        snprintf(notes[count++], NOTE_SIZE, "%s", chart->notes[i]);
    if (any_value(chart, is_hidden) && count < max) {
        int used = snprintf(notes[count], NOTE_SIZE,
                            "<%lld: fewer than %lld %s, not shown to protect "
                            "the people concerned.",
                            (long long)chart->suppress_below,
                            (long long)chart->suppress_below,
                            chart->measure_label ? chart->measure_label : "");
        if (any_value(chart, is_hidden_other) && used > 0 && used < NOTE_SIZE)
            snprintf(notes[count] + used, NOTE_SIZE - (size_t)used,
                     " x: not shown, so that no <%lld can be worked out from "
                     "the totals.",
                     (long long)chart->suppress_below);
        count++;
    }
    if (any_value(chart, is_qualified) && count < max)
        snprintf(notes[count++], NOTE_SIZE,
                 "~: approximate figure; >: at least this many (a figure "
                 "in it was a lower bound or suppressed by the sender).");
    return count;
}

/* The frame around the plot: the header's height (title, subtitle) and
 * the footer's (notes, source, byline), measured with CR's text. */
typedef struct frame {
    double plot_top;    /* from the top of the chart */
    double plot_bottom; /* from the top of the chart */
    char notes[10][NOTE_SIZE];
    size_t note_count;
} frame;

static void
measure_frame(frame *f, cairo_t *cr, double width, double height,
              const ob_chart *chart)
{
    double inner = width - 2 * RENDER_MARGIN;
    render_text_style title = {RENDER_TITLE_SIZE, true, render_ink,
                               RENDER_LEFT, inner, true};
    render_text_style subtitle = {RENDER_SUBTITLE_SIZE, false, render_muted,
                                  RENDER_LEFT, inner, true};
    render_text_style note = {RENDER_NOTE_SIZE, false, render_muted,
                              RENDER_LEFT, inner, true};
    double w;
    double h = 0;
    PangoLayout *layout;
    if (chart->title != NULL) {
        layout = render_layout(cr, chart->title, &title);
        render_layout_size(layout, &w, &h);
        g_object_unref(layout);
    }
    f->plot_top = RENDER_MARGIN + h;
    if (chart->subtitle != NULL && chart->subtitle[0] != '\0') {
        layout = render_layout(cr, chart->subtitle, &subtitle);
        render_layout_size(layout, &w, &h);
        g_object_unref(layout);
        f->plot_top += 4 + h;
    }
    if (chart->title != NULL)
        f->plot_top += 2 * RENDER_GAP;
    f->note_count = collect_notes(f->notes, 8, chart);
    if (chart->source != NULL && chart->source[0] != '\0')
        snprintf(f->notes[f->note_count++], NOTE_SIZE, "Source: %s",
                 chart->source);
    if (chart->byline != NULL && chart->byline[0] != '\0')
        snprintf(f->notes[f->note_count++], NOTE_SIZE, "%s", chart->byline);
    double footer = 0;
    for (size_t i = 0; i < f->note_count; i++) {
        layout = render_layout(cr, f->notes[i], &note);
        render_layout_size(layout, &w, &h);
        g_object_unref(layout);
        footer += h + 2;
    }
    f->plot_bottom = height - RENDER_MARGIN - footer - RENDER_GAP;
}

/* The bars a ranked chart has room for in a plot of HEIGHT. */
static size_t
bars_room(double plot_height)
{
    double axis_height = RENDER_VALUE_SIZE + 2 * RENDER_GAP;
    return render_max_rows(plot_height - axis_height);
}

/* The height the plot gets in a chart of the options' size. */
static double
plot_height_of(const ob_chart *chart, const ob_render_options *options)
{
    cairo_surface_t *surface =
        cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
    cairo_t *cr = cairo_create(surface);
    frame f;
    measure_frame(&f, cr, options->width, options->height, chart);
    cairo_destroy(cr);
    cairo_surface_destroy(surface);
    return f.plot_bottom - f.plot_top;
}

size_t
render_bars_capacity(const ob_chart *chart, const ob_render_options *options)
{
    return bars_room(plot_height_of(chart, options));
}

size_t
render_table_capacity(const ob_chart *chart, const ob_render_options *options)
{
    double size;
    double row_height;
    return render_table_fit(&size, &row_height, chart,
                            plot_height_of(chart, options));
}

ob_status
ob_render_chart(cairo_t *cr, double x, double y, double width, double height,
                const ob_chart *chart, ob_error *error)
{
    if (chart->series_count == 0 && chart->kind != OB_CHART_KPI)
        return ob_error_set(error, OB_ERR_USAGE, "the chart has no data");
    cairo_save(cr);
    render_set_color(cr, render_background);
    render_rectangle(cr, x, y, width, height);
    cairo_fill(cr);

    frame f;
    measure_frame(&f, cr, width, height, chart);
    double left = x + RENDER_MARGIN;
    double inner = width - 2 * RENDER_MARGIN;
    double top = y + RENDER_MARGIN;
    render_text_style title = {RENDER_TITLE_SIZE, true, render_ink,
                               RENDER_LEFT, inner, true};
    if (chart->title != NULL)
        top += render_text(cr, chart->title, left, top, &title);
    if (chart->subtitle != NULL && chart->subtitle[0] != '\0') {
        render_text_style subtitle = {RENDER_SUBTITLE_SIZE, false,
                                      render_muted, RENDER_LEFT, inner, true};
        render_text(cr, chart->subtitle, left, top + 4, &subtitle);
    }
    render_text_style note = {RENDER_NOTE_SIZE, false, render_muted,
                              RENDER_LEFT, inner, true};
    double line_y = y + f.plot_bottom + RENDER_GAP;
    for (size_t i = 0; i < f.note_count; i++)
        line_y += render_text(cr, f.notes[i], left, line_y, &note) + 2;

    double plot_top = y + f.plot_top;
    double plot_height = f.plot_bottom - f.plot_top;
    ob_status status = OB_OK;
    if (plot_height < 40)
        status = ob_error_set(error, OB_ERR_USAGE,
                              "the chart is too small for its text: %.0f "
                              "pixels left for the plot",
                              plot_height);
    else if (chart->kind == OB_CHART_BARS)
        status = render_bars(cr, left, plot_top, inner, plot_height, chart,
                             bars_room(plot_height), error);
    else if (chart->kind == OB_CHART_GROUPED)
        status = render_grouped(cr, left, plot_top, inner, plot_height, chart,
                                false, error);
    else if (chart->kind == OB_CHART_STACKED)
        status = render_grouped(cr, left, plot_top, inner, plot_height, chart,
                                true, error);
    else if (chart->kind == OB_CHART_SERIES)
        status = render_series(cr, left, plot_top, inner, plot_height, chart,
                               error);
    else if (chart->kind == OB_CHART_KPI)
        status = render_kpi(cr, left, plot_top, inner, plot_height, chart,
                            error);
    else
        status = render_table(cr, left, plot_top, inner, plot_height, chart,
                              error);
    cairo_restore(cr);
    if (status == OB_OK && cairo_status(cr) != CAIRO_STATUS_SUCCESS)
        status = ob_error_set(error, OB_ERR_IO, "drawing failed: %s",
                              cairo_status_to_string(cairo_status(cr)));
    return status;
}

void
render_value_axis_measure(render_value_axis *axis, cairo_t *cr,
                          double maximum, const char *thousands)
{
    axis->ticks = ob_nice_ticks(&axis->step, &axis->top, maximum, 5);
    char text[64];
    ob_format_count(text, sizeof text, axis->top, thousands);
    axis->width = render_text_width(cr, text, RENDER_VALUE_SIZE, false)
                  + RENDER_GAP;
}

void
render_value_axis_draw(cairo_t *cr, const render_value_axis *axis,
                       double left, double right, double base, double scale,
                       double label_right, const char *thousands)
{
    render_text_style tick = {RENDER_VALUE_SIZE, false, render_muted,
                              RENDER_RIGHT, 0, false};
    cairo_set_line_width(cr, 1.0);
    for (size_t t = 0; t <= axis->ticks; t++) {
        double value = axis->step * (double)t;
        double ty = base - value * scale;
        render_set_color(cr, t == 0 ? render_axis : render_grid);
        render_move_to(cr, left, ty);
        render_line_to(cr, right, ty);
        cairo_stroke(cr);
        char text[64];
        ob_format_count(text, sizeof text, value, thousands);
        render_text(cr, text, label_right, ty - RENDER_VALUE_SIZE * 0.6,
                    &tick);
    }
}
