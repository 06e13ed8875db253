/* The one place that makes surfaces: PNG (with its resolution in a pHYs
 * chunk), SVG and PDF (with title, creator and a fixed creation date), so
 * that the same chart gives the same bytes. */
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include "render_internal.h"

void
ob_render_options_init(ob_render_options *options)
{
    options->width = 1200;
    options->height = 675;
    options->scale = 1;
    options->dpi = 0; /* 72 x scale */
    options->creation_time = -1;
}

static bool
ends_with(const char *text, const char *end)
{
    size_t length = strlen(text);
    size_t end_length = strlen(end);
    if (length < end_length)
        return false;
    const char *tail = text + length - end_length;
    for (size_t i = 0; i < end_length; i++) {
        char c = tail[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != end[i])
            return false;
    }
    return true;
}

ob_status
ob_render_format_of(ob_render_format *format, const char *path,
                    ob_error *error)
{
    if (ends_with(path, ".png"))
        *format = OB_RENDER_PNG;
    else if (ends_with(path, ".svg"))
        *format = OB_RENDER_SVG;
    else if (ends_with(path, ".pdf"))
        *format = OB_RENDER_PDF;
    else
        return ob_error_set(error, OB_ERR_USAGE,
                            "%s: the file name must end in .png, .svg or "
                            ".pdf",
                            path);
    return OB_OK;
}

/* ---- writing ------------------------------------------------------------ */

cairo_status_t
render_append_bytes(void *closure, const unsigned char *data,
                    unsigned int length)
{
    render_bytes *buffer = closure;
    unsigned char *bytes = ob_grow(buffer->bytes, &buffer->capacity,
                                   buffer->size + length, 1, 65536);
    if (bytes == NULL)
        return CAIRO_STATUS_NO_MEMORY;
    buffer->bytes = bytes;
    memcpy(buffer->bytes + buffer->size, data, length);
    buffer->size += length;
    return CAIRO_STATUS_SUCCESS;
}

static void
put_u32(unsigned char *out, uint32_t value)
{
    out[0] = (unsigned char)(value >> 24);
    out[1] = (unsigned char)(value >> 16);
    out[2] = (unsigned char)(value >> 8);
    out[3] = (unsigned char)value;
}

/* Write cairo's PNG with a pHYs chunk after IHDR (8 bytes of signature,
 * then IHDR: 4 length, 4 type, 13 data, 4 CRC = 33 bytes). */
static ob_status
write_bytes(FILE *file, const render_bytes *bytes, ob_error *error)
{
    if (fwrite(bytes->bytes, 1, bytes->size, file) != bytes->size)
        return ob_error_set(error, OB_ERR_IO, "write error: %s",
                            strerror(errno));
    return OB_OK;
}

static ob_status
write_png_with_dpi(FILE *file, const render_bytes *png, double dpi,
                   ob_error *error)
{
    const size_t header = 8 + 4 + 4 + 13 + 4;
    if (png->size < header || memcmp(png->bytes + 12, "IHDR", 4) != 0)
        return ob_error_set(error, OB_ERR_IO, "cairo wrote no PNG header");
    unsigned char chunk[4 + 4 + 9 + 4];
    uint32_t per_metre = (uint32_t)lround(dpi / 0.0254);
    put_u32(chunk, 9);
    memcpy(chunk + 4, "pHYs", 4);
    put_u32(chunk + 8, per_metre);
    put_u32(chunk + 12, per_metre);
    chunk[16] = 1; /* unit: metre */
    uLong crc = crc32(0L, chunk + 4, 4 + 9);
    put_u32(chunk + 17, (uint32_t)crc);
    if (fwrite(png->bytes, 1, header, file) != header
        || fwrite(chunk, 1, sizeof chunk, file) != sizeof chunk
        || fwrite(png->bytes + header, 1, png->size - header, file)
               != png->size - header)
        return ob_error_set(error, OB_ERR_IO, "write error: %s",
                            strerror(errno));
    return OB_OK;
}

static ob_status
surface_error(cairo_surface_t *surface, ob_error *error)
{
    cairo_status_t status = cairo_surface_status(surface);
    if (status == CAIRO_STATUS_SUCCESS)
        return OB_OK;
    return ob_error_set(error, status == CAIRO_STATUS_WRITE_ERROR ? OB_ERR_IO
                                                                  : OB_ERR_NOMEM,
                        "cairo: %s", cairo_status_to_string(status));
}

static ob_status
draw_on(cairo_surface_t *surface, double scale, const ob_chart *chart,
        const ob_render_options *options, ob_error *error)
{
    cairo_t *cr = cairo_create(surface);
    cairo_scale(cr, scale, scale);
    ob_status status = ob_render_chart(cr, 0, 0, options->width,
                                       options->height, chart, error);
    cairo_destroy(cr);
    return status;
}

void
render_pdf_metadata(cairo_surface_t *surface, const char *title,
                    const char *author, const char *subject,
                    const char *keywords, int64_t creation_time)
{
    const struct {
        cairo_pdf_metadata_t key;
        const char *value;
    } fields[] = {
        {CAIRO_PDF_METADATA_TITLE, title},
        {CAIRO_PDF_METADATA_AUTHOR, author},
        {CAIRO_PDF_METADATA_SUBJECT, subject},
        {CAIRO_PDF_METADATA_KEYWORDS, keywords},
        {CAIRO_PDF_METADATA_CREATOR, "opbrief " OB_VERSION},
    };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        if (fields[i].value != NULL)
            cairo_pdf_surface_set_metadata(surface, fields[i].key,
                                           fields[i].value);
    }
    if (creation_time < 0)
        return;
    time_t seconds = (time_t)creation_time;
    struct tm utc;
    char date[32];
    if (gmtime_r(&seconds, &utc) == NULL
        || strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &utc) == 0)
        return;
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE,
                                   date);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, date);
}

ob_status
ob_render_write(FILE *file, ob_render_format format, const ob_chart *chart,
                const ob_render_options *options, ob_error *error)
{
    double width = options->width;
    double height = options->height;
    double scale = options->scale > 0 ? options->scale : 1;
    if (!isfinite(width) || !isfinite(height) || width < 100 || height < 100
        || width > 10000 || height > 10000 || !isfinite(scale) || scale > 8)
        return ob_error_set(error, OB_ERR_USAGE,
                            "a chart is 100 to 10000 units wide and high, at "
                            "a scale up to 8");
    ob_status status;
    if (format == OB_RENDER_PNG) {
        cairo_surface_t *surface = cairo_image_surface_create(
            CAIRO_FORMAT_ARGB32, (int)lround(width * scale),
            (int)lround(height * scale));
        status = surface_error(surface, error);
        if (status == OB_OK)
            status = draw_on(surface, scale, chart, options, error);
        render_bytes png = {NULL, 0, 0};
        if (status == OB_OK) {
            cairo_surface_flush(surface);
            cairo_status_t written =
                cairo_surface_write_to_png_stream(surface, render_append_bytes,
                                                  &png);
            if (written != CAIRO_STATUS_SUCCESS)
                status = ob_error_set(error, OB_ERR_IO, "cairo: %s",
                                      cairo_status_to_string(written));
        }
        cairo_surface_destroy(surface);
        double dpi = options->dpi > 0 ? options->dpi : 72.0 * scale;
        if (status == OB_OK)
            status = write_png_with_dpi(file, &png, dpi, error);
        free(png.bytes);
        return status;
    }
    cairo_surface_t *surface;
    render_bytes bytes = {NULL, 0, 0};
    if (format == OB_RENDER_SVG) {
        surface = cairo_svg_surface_create_for_stream(render_append_bytes,
                                                      &bytes, width, height);
        cairo_svg_surface_set_document_unit(surface, CAIRO_SVG_UNIT_PX);
    } else {
        surface = cairo_pdf_surface_create_for_stream(render_append_bytes,
                                                      &bytes, width, height);
        render_pdf_metadata(surface, chart->title ? chart->title : "", NULL,
                            NULL, NULL, options->creation_time);
    }
    status = surface_error(surface, error);
    if (status == OB_OK)
        status = draw_on(surface, 1, chart, options, error);
    /* cairo writes the file when the surface is finished: check then. */
    cairo_surface_finish(surface);
    if (status == OB_OK)
        status = surface_error(surface, error);
    cairo_surface_destroy(surface);
    if (status == OB_OK)
        status = write_bytes(file, &bytes, error);
    free(bytes.bytes);
    return status;
}
