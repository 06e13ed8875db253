/* Briefings: blocks flowed onto PDF pages (a title page, then headings,
 * paragraphs, charts and tables that run over pages with their header
 * repeated), a header and a "Page X of Y" footer on every page but the
 * first, a bookmark per heading, and the document's metadata. Layout
 * happens first, in layout units (the text column is 800 units wide, as a
 * chart), so that the page count is known before anything is drawn. */
#include <cairo-pdf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "render_internal.h"

#define COLUMN_UNITS 800.0
#define PAGE_MARGIN_SIDE 50.0 /* points */
#define PAGE_MARGIN_TOP 64.0
#define PAGE_MARGIN_BOTTOM 56.0
#define HEADING_SIZE 24.0 /* layout units */
#define PARAGRAPH_SIZE 15.0
#define TABLE_ROW_UNITS (RENDER_LABEL_SIZE * 1.7)
/* A heading with less than this under it on its page moves to the next. */
#define KEEP_WITH_HEADING 160.0

typedef struct placed {
    size_t block;
    size_t page; /* 0 is the title page */
    double y;    /* layout units from the top of the column */
    double height;
    size_t first_row; /* tables */
    size_t row_count;
    bool has_totals;
} placed;

typedef struct page_layout {
    placed *items;
    size_t count;
    size_t capacity;
    size_t pages;
    double column_height; /* layout units */
    double scale;         /* points per layout unit */
} page_layout;

static ob_status
place(page_layout *l, placed item, ob_error *error)
{
    placed *items =
        ob_grow(l->items, &l->capacity, l->count + 1, sizeof *items, 64);
    if (items == NULL)
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    l->items = items;
    l->items[l->count++] = item;
    return OB_OK;
}

static double
text_height(cairo_t *cr, const char *text, double size, bool is_bold)
{
    render_text_style style = {size, is_bold, render_ink, RENDER_LEFT,
                               COLUMN_UNITS, true};
    PangoLayout *layout = render_layout(cr, text, &style);
    double width;
    double height;
    render_layout_size(layout, &width, &height);
    g_object_unref(layout);
    return height;
}

static ob_status
lay_out(page_layout *l, cairo_t *cr, const ob_document *document, ob_error *error)
{
    size_t page = 1;
    double y = 0;
    ob_status status = OB_OK;
    for (size_t b = 0; b < document->block_count && status == OB_OK; b++) {
        const ob_block *block = &document->blocks[b];
        if (block->is_new_page && y > 0) {
            page++;
            y = 0;
        }
        placed item = {b, page, y, 0, 0, 0, false};
        if (block->kind == OB_BLOCK_HEADING
            || block->kind == OB_BLOCK_PARAGRAPH) {
            bool is_heading = block->kind == OB_BLOCK_HEADING;
            item.height = text_height(cr, block->text,
                                      is_heading ? HEADING_SIZE
                                                 : PARAGRAPH_SIZE,
                                      is_heading)
                          + RENDER_GAP * 1.5;
            /* A heading, or a paragraph that introduces a chart, stays on
             * the page of what follows it. */
            double next = 0;
            if (b + 1 < document->block_count) {
                const ob_block *after = &document->blocks[b + 1];
                if (after->kind == OB_BLOCK_CHART)
                    next = after->height < l->column_height ? after->height
                                                            : l->column_height;
                else if (after->kind == OB_BLOCK_TABLE)
                    next = 5 * TABLE_ROW_UNITS;
                else if (is_heading && b + 2 < document->block_count
                         && document->blocks[b + 2].kind == OB_BLOCK_CHART)
                    /* A heading, then the paragraph that introduces a
                     * chart: all three go together. */
                    next = text_height(cr, after->text, PARAGRAPH_SIZE, false)
                           + RENDER_GAP * 1.5 + document->blocks[b + 2].height;
                else if (is_heading)
                    next = KEEP_WITH_HEADING;
                if (next > l->column_height)
                    next = l->column_height;
            }
            if (y > 0 && y + item.height + next > l->column_height) {
                page++;
                y = 0;
            }
        } else if (block->kind == OB_BLOCK_CHART) {
            item.height = block->height;
            if (item.height > l->column_height)
                item.height = l->column_height;
        } else {
            /* A table: as many whole rows as fit on each page, each page's
             * share under its own header row; totals after the last. */
            size_t rows = block->chart->category_count;
            size_t next = 0;
            bool has_totals = block->chart->series_totals != NULL;
            bool is_done = false;
            while (status == OB_OK && !is_done) {
                double room = l->column_height - y;
                size_t fit = (size_t)(room / TABLE_ROW_UNITS);
                if (fit < 4 && y > 0) {
                    page++;
                    y = 0;
                    continue;
                }
                fit -= 1; /* the header row */
                size_t left = rows - next;
                bool is_last = left + (has_totals ? 1 : 0) <= fit;
                size_t count = is_last ? left : fit;
                placed part = {b, page, y, 0, next, count,
                               is_last && has_totals};
                part.height = TABLE_ROW_UNITS
                              * (double)(count + 1 + (part.has_totals ? 1 : 0))
                              + RENDER_GAP;
                status = place(l, part, error);
                next += count;
                y += part.height;
                /* Done when every row and the totals are placed; the
                 * totals may need a page of their own, under the header. */
                is_done = next >= rows && (is_last || !has_totals);
                if (!is_done) {
                    page++;
                    y = 0;
                }
            }
            continue;
        }
        if (y > 0 && y + item.height > l->column_height) {
            page++;
            y = 0;
        }
        item.page = page;
        item.y = y;
        status = place(l, item, error);
        y += item.height;
    }
    l->pages = page + 1;
    return status;
}

/* ---- drawing ------------------------------------------------------------ */

static void
draw_cover(cairo_t *cr, const ob_document *document, double width,
           double height)
{
    double x = PAGE_MARGIN_SIDE * 1.4;
    double column = width - 2 * x;
    render_set_color(cr, render_palette[0]);
    render_rectangle(cr, 0, 0, width, 12);
    cairo_fill(cr);
    double y = height * 0.28;
    render_text_style classification = {11, true, render_palette[5],
                                        RENDER_LEFT, column, false};
    if (document->classification != NULL)
        y += render_text(cr, document->classification, x, y, &classification)
             + 18;
    render_text_style title = {28, true, render_ink, RENDER_LEFT, column,
                               true};
    y += render_text(cr, document->cover_title ? document->cover_title : "",
                     x, y, &title)
         + 14;
    render_text_style line = {13, false, render_muted, RENDER_LEFT, column,
                              true};
    for (size_t i = 0; i < 8 && document->cover_lines[i] != NULL; i++)
        y += render_text(cr, document->cover_lines[i], x, y, &line) + 6;
}

static void
draw_header_footer(cairo_t *cr, const ob_document *document, size_t page,
                   size_t pages, double width, double height)
{
    double x = PAGE_MARGIN_SIDE;
    double column = width - 2 * x;
    render_text_style left = {8, false, render_muted, RENDER_LEFT,
                              column * 0.7, false};
    render_text_style right = {8, true, render_palette[5], RENDER_RIGHT, 0,
                               false};
    render_text(cr, document->title ? document->title : "", x, 28, &left);
    if (document->classification != NULL)
        render_text(cr, document->classification, x + column, 28, &right);
    render_set_color(cr, render_grid);
    cairo_set_line_width(cr, 0.5);
    render_move_to(cr, x, 42);
    render_line_to(cr, x + column, 42);
    cairo_stroke(cr);
    char text[64];
    snprintf(text, sizeof text, "Page %zu of %zu", page + 1, pages);
    render_text_style footer = {8, false, render_muted, RENDER_RIGHT, 0,
                                false};
    render_text(cr, text, x + column, height - 36, &footer);
    if (document->classification != NULL) {
        render_text_style centre = {8, true, render_palette[5], RENDER_CENTER,
                                    0, false};
        render_text(cr, document->classification, width / 2, height - 36,
                    &centre);
    }
}

static ob_status
draw_item(cairo_t *cr, cairo_surface_t *surface, const ob_document *document,
          const page_layout *l, const placed *item, ob_error *error)
{
    const ob_block *block = &document->blocks[item->block];
    cairo_save(cr);
    cairo_translate(cr, PAGE_MARGIN_SIDE,
                    PAGE_MARGIN_TOP + render_clamp(item->y) * l->scale);
    cairo_scale(cr, l->scale, l->scale);
    ob_status status = OB_OK;
    if (block->kind == OB_BLOCK_HEADING) {
        render_text_style style = {HEADING_SIZE, true, render_palette[0],
                                   RENDER_LEFT, COLUMN_UNITS, true};
        render_text(cr, block->text, 0, 0, &style);
        char link[96];
        snprintf(link, sizeof link, "page=%zu pos=[%.1f %.1f]",
                 item->page + 1, PAGE_MARGIN_SIDE,
                 PAGE_MARGIN_TOP + item->y * l->scale);
        cairo_pdf_surface_add_outline(surface, CAIRO_PDF_OUTLINE_ROOT,
                                      block->text, link, 0);
    } else if (block->kind == OB_BLOCK_PARAGRAPH) {
        render_text_style style = {PARAGRAPH_SIZE, false, render_ink,
                                   RENDER_LEFT, COLUMN_UNITS, true};
        render_text(cr, block->text, 0, 0, &style);
    } else if (block->kind == OB_BLOCK_CHART) {
        /* The chart's own margin stays inside its box at the top, and
         * reaches into the page margins at the sides. */
        status = ob_render_chart(cr, -RENDER_MARGIN, -RENDER_MARGIN / 2,
                                 COLUMN_UNITS + 2 * RENDER_MARGIN,
                                 item->height, block->chart, error);
    } else {
        ob_chart part = *block->chart;
        part.first_row = item->first_row;
        part.row_count = item->row_count;
        if (!item->has_totals)
            part.series_totals = NULL;
        if (part.row_count > 0 || item->has_totals)
            status = render_table(cr, 0, 0, COLUMN_UNITS, item->height, &part,
                                  error);
    }
    cairo_restore(cr);
    return status;
}

ob_status
ob_render_document(FILE *file, const ob_document *document,
                   size_t *page_count, ob_error *error)
{
    double width = document->is_letter ? 612.0 : 595.276;
    double height = document->is_letter ? 792.0 : 841.89;
    page_layout l;
    memset(&l, 0, sizeof l);
    l.scale = (width - 2 * PAGE_MARGIN_SIDE) / COLUMN_UNITS;
    l.column_height = (height - PAGE_MARGIN_TOP - PAGE_MARGIN_BOTTOM) / l.scale;

    /* Lay out with the same text machinery as drawing. */
    cairo_surface_t *measure = cairo_image_surface_create(CAIRO_FORMAT_ARGB32,
                                                          1, 1);
    cairo_t *measure_cr = cairo_create(measure);
    ob_status status = lay_out(&l, measure_cr, document, error);
    cairo_destroy(measure_cr);
    cairo_surface_destroy(measure);
    if (status != OB_OK) {
        free(l.items);
        return status;
    }
    *page_count = l.pages;

    render_bytes bytes = {NULL, 0, 0};
    cairo_surface_t *surface = cairo_pdf_surface_create_for_stream(
        render_append_bytes, &bytes, width, height);
    render_pdf_metadata(surface, document->title, document->author,
                        document->subject, document->keywords,
                        document->creation_time);
    cairo_t *cr = cairo_create(surface);
    size_t next = 0;
    for (size_t page = 0; page < l.pages && status == OB_OK; page++) {
        render_set_color(cr, render_background);
        cairo_paint(cr);
        if (page == 0)
            draw_cover(cr, document, width, height);
        else
            draw_header_footer(cr, document, page, l.pages, width, height);
        while (next < l.count && l.items[next].page == page
               && status == OB_OK)
            status = draw_item(cr, surface, document, &l, &l.items[next++],
                               error);
        cairo_show_page(cr);
    }
    if (status == OB_OK && cairo_status(cr) != CAIRO_STATUS_SUCCESS)
        status = ob_error_set(error, OB_ERR_IO, "cairo: %s",
                              cairo_status_to_string(cairo_status(cr)));
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    if (status == OB_OK
        && cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS)
        status = ob_error_set(error, OB_ERR_IO, "cairo: %s",
                              cairo_status_to_string(
                                  cairo_surface_status(surface)));
    cairo_surface_destroy(surface);
    free(l.items);
    if (status == OB_OK && fwrite(bytes.bytes, 1, bytes.size, file)
                               != bytes.size)
        status = ob_error_set(error, OB_ERR_IO, "write error: %s",
                              strerror(errno));
    free(bytes.bytes);
    return status;
}
