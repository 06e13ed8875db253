/* Compare two PNG files pixel by pixel, as test_render.c does: a pixel
 * differs when a channel is off by more than 48, and the images match when
 * at most 0.5% of the pixels differ. Writes a diff image (differing pixels
 * in red) to DIFF when they do not.
 * Usage: compare_png ACTUAL EXPECTED DIFF; exit 0 when they match. */
#include <cairo.h>
#include <stdio.h>
#include <stdlib.h>

#define CHANNEL_TOLERANCE 48
#define PIXEL_TOLERANCE 0.005

int
main(int argc, char **argv)
{
    if (argc != 4) {
        fputs("usage: compare_png ACTUAL EXPECTED DIFF\n", stderr);
        return 2;
    }
    cairo_surface_t *a = cairo_image_surface_create_from_png(argv[1]);
    cairo_surface_t *b = cairo_image_surface_create_from_png(argv[2]);
    if (cairo_surface_status(a) != CAIRO_STATUS_SUCCESS
        || cairo_surface_status(b) != CAIRO_STATUS_SUCCESS) {
        fprintf(stderr, "compare_png: cannot read %s or %s\n", argv[1],
                argv[2]);
        return 1;
    }
    /* Both as ARGB32, whatever the PNGs held. */
    int w = cairo_image_surface_get_width(a);
    int h = cairo_image_surface_get_height(a);
    if (w != cairo_image_surface_get_width(b)
        || h != cairo_image_surface_get_height(b)) {
        fprintf(stderr, "compare_png: sizes differ\n");
        return 1;
    }
    cairo_surface_t *surfaces[2] = {a, b};
    cairo_surface_t *argb[2];
    for (int i = 0; i < 2; i++) {
        argb[i] = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
        cairo_t *cr = cairo_create(argb[i]);
        cairo_set_source_surface(cr, surfaces[i], 0, 0);
        cairo_paint(cr);
        cairo_destroy(cr);
        cairo_surface_flush(argb[i]);
    }
    cairo_surface_t *diff = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w,
                                                       h);
    unsigned char *pa = cairo_image_surface_get_data(argb[0]);
    unsigned char *pb = cairo_image_surface_get_data(argb[1]);
    unsigned char *pd = cairo_image_surface_get_data(diff);
    int stride = cairo_image_surface_get_stride(argb[0]);
    int dstride = cairo_image_surface_get_stride(diff);
    long differing = 0;
    for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
            unsigned char *p = pa + y * stride + 4 * x;
            unsigned char *q = pb + y * stride + 4 * x;
            unsigned char *d = pd + y * dstride + 4 * x;
            int is_different = 0;
            for (int c = 0; c < 4; c++)
                is_different |= abs(p[c] - q[c]) > CHANNEL_TOLERANCE;
            differing += is_different;
            d[0] = is_different ? 0 : (unsigned char)(192 + p[0] / 4);
            d[1] = is_different ? 0 : (unsigned char)(192 + p[1] / 4);
            d[2] = is_different ? 255 : (unsigned char)(192 + p[2] / 4);
        }
    }
    cairo_surface_mark_dirty(diff);
    double share = (double)differing / ((double)w * h);
    printf("%.3f%% of the pixels differ\n", 100 * share);
    if (share <= PIXEL_TOLERANCE)
        return 0;
    cairo_surface_write_to_png(diff, argv[3]);
    return 1;
}
