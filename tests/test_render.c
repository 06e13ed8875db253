/* Tests of the render stage, linking it alone. Charts are drawn from
 * hand-made data and compared with tests/reference/NAME.png, pixel by
 * pixel: a pixel differs when a channel is off by more than
 * CHANNEL_TOLERANCE, and a chart passes when at most PIXEL_TOLERANCE of its
 * pixels differ (antialiasing may move a little between library builds).
 * On failure the output and a diff image (differing pixels in red) are
 * left in render-output/ in the build folder. OB_BLESS=1 writes the
 * references instead: look at every one before committing it.
 *
 * ctest runs this with a private fontconfig file that knows only DejaVu. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "opbrief/render.h"

#define CHANNEL_TOLERANCE 48
#define PIXEL_TOLERANCE 0.002 /* 0.2% of the pixels */

/* ---- building charts ---------------------------------------------------- */

static ob_chart_value
shown(double value)
{
    ob_chart_value v = {true, value, OB_PUBLISHED, false, false};
    return v;
}

static ob_chart_value
hidden_small(void)
{
    ob_chart_value v = {true, 0, OB_SUPPRESSED_PRIMARY, false, false};
    return v;
}

static ob_chart_value
hidden_other(void)
{
    ob_chart_value v = {true, 0, OB_SUPPRESSED_COMPLEMENTARY, false, false};
    return v;
}

static ob_chart_value
missing(void)
{
    ob_chart_value v = {false, 0, OB_PUBLISHED, false, false};
    return v;
}

static ob_chart
base_chart(ob_chart_kind kind, const char *title)
{
    ob_chart chart;
    memset(&chart, 0, sizeof chart);
    chart.kind = kind;
    chart.title = title;
    chart.subtitle = "Returns from 2023-05-11 to 2023-06-29";
    chart.source = "national returns, hand-made test data";
    chart.measure_label = "victims";
    chart.category_label = "country";
    chart.category_plural = "countries";
    chart.thousands = ",";
    chart.suppress_below = 10;
    chart.top = 10;
    return chart;
}

/* Twelve countries of the FLASH-WEKA fixture, four of them hidden. */
static const char *const countries[] = {
    "Nigeria",  "Democratic Republic of the Congo", "C\xC3\xB4te d'Ivoire",
    "Togo",     "Cameroon",  "Ethiopia",  "South Africa", "Ghana",
    "Algeria",  "Botswana",  "Syria",     "Iraq"};
static const char *const codes[] = {"NGA", "COD", "CIV", "TGO", "CMR", "ETH",
                                    "ZAF", "GHA", "DZA", "BWA", "SYR", "IRQ"};

static void
fill_countries(ob_chart_value *values)
{
    static const double numbers[] = {112, 51, 39, 38, 30, 29, 27, 25};
    for (size_t i = 0; i < 8; i++)
        values[i] = shown(numbers[i]);
    values[8] = hidden_small();
    values[9] = hidden_small();
    values[10] = hidden_small();
    values[11] = hidden_other();
}

/* The bar chart of the twelve countries above, 400 victims in all. */
static ob_chart
victims_by_country(ob_chart_value values[12], ob_chart_series *series)
{
    fill_countries(values);
    *series = (ob_chart_series){"victims", values};
    ob_chart chart = base_chart(OB_CHART_BARS, "Victims identified by country");
    chart.category_count = 12;
    chart.categories = countries;
    chart.category_codes = codes;
    chart.series_count = 1;
    chart.series = series;
    chart.total = shown(400);
    return chart;
}

/* ---- comparing with references ------------------------------------------ */

static cairo_surface_t *
draw_png(const ob_chart *chart, double width, double height, double scale)
{
    char path[] = "/tmp/opbrief-render-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *file = fdopen(fd, "wb");
    ob_render_options options;
    ob_render_options_init(&options);
    options.width = width;
    options.height = height;
    options.scale = scale;
    ob_error error;
    ob_status status = ob_render_write(file, OB_RENDER_PNG, chart, &options,
                                       &error);
    if (status != OB_OK)
        fail_msg("render: %s", error.message);
    fclose(file);
    cairo_surface_t *surface = cairo_image_surface_create_from_png(path);
    remove(path);
    assert_int_equal(cairo_surface_status(surface), CAIRO_STATUS_SUCCESS);
    return surface;
}

static void
compare_with_reference(const char *name, const ob_chart *chart, double width,
                       double height, double scale)
{
    cairo_surface_t *actual = draw_png(chart, width, height, scale);
    char reference_path[512];
    snprintf(reference_path, sizeof reference_path,
             OB_SOURCE_DIR "/tests/reference/%s.png", name);
    const char *bless = getenv("OB_BLESS");
    if (bless != NULL && strcmp(bless, "1") == 0) {
        assert_int_equal(cairo_surface_write_to_png(actual, reference_path),
                         CAIRO_STATUS_SUCCESS);
        cairo_surface_destroy(actual);
        return;
    }
    cairo_surface_t *expected =
        cairo_image_surface_create_from_png(reference_path);
    if (cairo_surface_status(expected) != CAIRO_STATUS_SUCCESS)
        fail_msg("%s: no reference (run with OB_BLESS=1, then look at it)",
                 reference_path);
    int w = cairo_image_surface_get_width(actual);
    int h = cairo_image_surface_get_height(actual);
    assert_int_equal(w, cairo_image_surface_get_width(expected));
    assert_int_equal(h, cairo_image_surface_get_height(expected));
    cairo_surface_t *diff = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w,
                                                       h);
    unsigned char *a = cairo_image_surface_get_data(actual);
    unsigned char *b = cairo_image_surface_get_data(expected);
    unsigned char *d = cairo_image_surface_get_data(diff);
    int a_stride = cairo_image_surface_get_stride(actual);
    int b_stride = cairo_image_surface_get_stride(expected);
    int d_stride = cairo_image_surface_get_stride(diff);
    size_t differing = 0;
    for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
            const unsigned char *pa = a + y * a_stride + 4 * x;
            const unsigned char *pb = b + y * b_stride + 4 * x;
            unsigned char *pd = d + y * d_stride + 4 * x;
            bool is_different = false;
            for (int c = 0; c < 4; c++)
                is_different |= abs(pa[c] - pb[c]) > CHANNEL_TOLERANCE;
            differing += is_different;
            /* Red where different, a faint copy of the chart elsewhere. */
            pd[0] = is_different ? 0 : (unsigned char)(192 + pa[0] / 4);
            pd[1] = is_different ? 0 : (unsigned char)(192 + pa[1] / 4);
            pd[2] = is_different ? 255 : (unsigned char)(192 + pa[2] / 4);
            pd[3] = 255;
        }
    }
    cairo_surface_mark_dirty(diff);
    double share = (double)differing / ((double)w * h);
    if (share > PIXEL_TOLERANCE) {
        mkdir("render-output", 0777);
        char path[512];
        snprintf(path, sizeof path, "render-output/%s.png", name);
        cairo_surface_write_to_png(actual, path);
        snprintf(path, sizeof path, "render-output/%s-diff.png", name);
        cairo_surface_write_to_png(diff, path);
        fail_msg("%s: %.3f%% of the pixels differ (at most %.3f%%); see "
                 "render-output/%s.png and %s-diff.png in the build folder",
                 name, 100 * share, 100 * PIXEL_TOLERANCE, name, name);
    }
    cairo_surface_destroy(diff);
    cairo_surface_destroy(actual);
    cairo_surface_destroy(expected);
}

/* ---- the charts --------------------------------------------------------- */

static void
ranked_bars_match_reference(void **state)
{
    (void)state;
    ob_chart_value values[12];
    ob_chart_series series;
    ob_chart chart = victims_by_country(values, &series);
    compare_with_reference("bars", &chart, 800, 450, 1);
    compare_with_reference("bars-2x", &chart, 800, 450, 2);
    /* All twelve: the hidden ones as hatched marks labelled <10 and x. */
    chart.top = 0;
    compare_with_reference("bars-all", &chart, 800, 600, 1);
}

static void
bars_edge_cases_render_sensibly(void **state)
{
    (void)state;
    ob_chart_value zeros[3] = {shown(0), shown(0), shown(0)};
    ob_chart_series series = {"victims", zeros};
    ob_chart chart = base_chart(OB_CHART_BARS, "All zero");
    chart.category_count = 3;
    chart.categories = countries;
    chart.series_count = 1;
    chart.series = &series;
    chart.total = shown(0);
    compare_with_reference("bars-zero", &chart, 600, 340, 1);

    ob_chart_value one[1] = {shown(1062)};
    series.values = one;
    chart.title = "A single group, and a long title that has to wrap onto a "
                  "second line because it does not fit on one";
    chart.category_count = 1;
    chart.total = shown(1062);
    compare_with_reference("bars-one", &chart, 600, 340, 1);

    ob_chart_value gaps[4] = {shown(20), missing(), shown(5), missing()};
    static const char *const long_names[] = {
        "Saint Vincent and the Grenadines",
        "South Georgia and the South Sandwich Islands", "Chad",
        "United States Minor Outlying Islands"};
    series.values = gaps;
    chart.title = "Missing values and long names";
    chart.categories = long_names;
    chart.category_count = 4;
    chart.total = shown(25);
    compare_with_reference("bars-missing", &chart, 600, 340, 1);
}

static void
two_hundred_groups_fold_into_other(void **state)
{
    (void)state;
    static ob_chart_value values[200];
    static char names[200][24];
    static const char *labels[200];
    double total = 0;
    for (size_t i = 0; i < 200; i++) {
        snprintf(names[i], sizeof names[i], "Group %03zu", i + 1);
        labels[i] = names[i];
        values[i] = shown((double)((i * 37) % 500));
        total += values[i].value;
    }
    ob_chart_series series = {"victims", values};
    ob_chart chart = base_chart(OB_CHART_BARS, "200 groups, all of them asked for");
    chart.category_count = 200;
    chart.categories = labels;
    chart.series_count = 1;
    chart.series = &series;
    chart.total = shown(total);
    chart.top = 0;
    compare_with_reference("bars-200", &chart, 800, 450, 1);
}

static void
grouped_and_stacked_match_reference(void **state)
{
    (void)state;
    static const char *const regions[] = {"Africa",
                                          "Middle East and North Africa"};
    ob_chart_value arrests[2] = {shown(799), shown(263)};
    ob_chart_value victims[2] = {shown(752), hidden_small()};
    ob_chart_value migrants[2] = {shown(1001), shown(1730)};
    ob_chart_series series[3] = {{"arrests", arrests},
                                 {"victims", victims},
                                 {"migrants", migrants}};
    ob_chart chart = base_chart(OB_CHART_GROUPED, "By INTERPOL region");
    chart.category_count = 2;
    chart.categories = regions;
    chart.category_label = "interpol";
    chart.series_count = 3;
    chart.series = series;
    chart.total = shown(1062);
    compare_with_reference("grouped", &chart, 800, 450, 1);

    ob_chart_value sexual[2] = {shown(95), hidden_small()};
    ob_chart_value labour[2] = {hidden_other(), shown(40)};
    ob_chart_value none[2] = {shown(400), hidden_other()};
    ob_chart_series shares[3] = {{"sexual exploitation", sexual},
                                 {"forced labour", labour},
                                 {"Not given", none}};
    ob_chart_value totals[2] = {shown(752), shown(71)};
    chart.kind = OB_CHART_STACKED;
    chart.title = "Victims by region and exploitation";
    chart.series = shares;
    chart.category_totals = totals;
    compare_with_reference("stacked", &chart, 800, 450, 1);
}

static void
series_with_trend_matches_reference(void **state)
{
    (void)state;
    static const char *const months[] = {"2023-01", "2023-02", "2023-03",
                                         "2023-04", "2023-05", "2023-06",
                                         "2023-07", "2023-08"};
    ob_chart_value values[8] = {shown(3),  shown(5), missing(), shown(8),
                                shown(10), hidden_small(), shown(14),
                                shown(15)};
    ob_chart_series series = {"arrests", values};
    ob_chart chart = base_chart(OB_CHART_SERIES, "Arrests by month");
    chart.category_count = 8;
    chart.categories = months;
    chart.series_count = 1;
    chart.series = &series;
    chart.total = shown(55);
    chart.trend.has_value = true;
    chart.trend.first_category = 0;
    chart.trend.last_category = 7;
    chart.trend.intercept = 3.1;
    chart.trend.slope = 1.7;
    chart.trend.slope_low = 1.2;
    chart.trend.slope_high = 2.2;
    chart.trend.center = 3.6;
    compare_with_reference("series", &chart, 800, 450, 1);
}

static void
kpi_and_table_match_reference(void **state)
{
    (void)state;
    static const char *const figures[] = {"Arrests", "Victims identified",
                                          "Irregular migrants", "Items seized",
                                          "Investigations opened",
                                          "Countries"};
    ob_chart_value values[6] = {shown(1062), shown(823), shown(2731),
                                shown(801),  shown(197), shown(54)};
    ob_chart_series series = {"value", values};
    ob_chart chart = base_chart(OB_CHART_KPI, "FLASH-WEKA: key figures");
    chart.category_count = 6;
    chart.categories = figures;
    chart.series_count = 1;
    chart.series = &series;
    compare_with_reference("kpi", &chart, 800, 450, 1);

    ob_chart_value victims[12];
    fill_countries(victims);
    ob_chart_value arrests[12];
    for (size_t i = 0; i < 12; i++)
        arrests[i] = shown((double)(1000 + 37 * i));
    ob_chart_series columns[2] = {{"arrests", arrests}, {"victims", victims}};
    ob_chart_value totals[2] = {shown(14442), shown(400)};
    chart = base_chart(OB_CHART_TABLE, "Returns by country");
    chart.category_count = 12;
    chart.categories = countries;
    chart.series_count = 2;
    chart.series = columns;
    chart.series_totals = totals;
    compare_with_reference("table", &chart, 800, 450, 1);
}

/* ---- text and numbers --------------------------------------------------- */

/* Every country name in data/countries.tsv draws with DejaVu Sans alone:
 * no glyph is missing (no box where a letter should be). */
static void
every_country_name_has_its_glyphs(void **state)
{
    (void)state;
    cairo_surface_t *surface =
        cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 10, 10);
    cairo_t *cr = cairo_create(surface);
    PangoLayout *layout = pango_cairo_create_layout(cr);
    PangoFontDescription *font =
        pango_font_description_from_string("DejaVu Sans 14px");
    pango_layout_set_font_description(layout, font);
    FILE *file = fopen(OB_SOURCE_DIR "/data/countries.tsv", "r");
    assert_non_null(file);
    char line[512];
    size_t names = 0;
    while (fgets(line, sizeof line, file) != NULL) {
        if (names++ == 0)
            continue; /* header */
        char *name = line;
        for (int tab = 0; tab < 3; tab++)
            name = strchr(name, '\t') + 1;
        *strchr(name, '\t') = '\0';
        pango_layout_set_text(layout, name, -1);
        if (pango_layout_get_unknown_glyphs_count(layout) != 0)
            fail_msg("\"%s\" has glyphs DejaVu Sans lacks", name);
    }
    fclose(file);
    assert_int_equal(names, 251); /* the header and 250 countries */
    pango_font_description_free(font);
    g_object_unref(layout);
    cairo_destroy(cr);
    cairo_surface_destroy(surface);
}

static void
counts_take_the_chosen_separator(void **state)
{
    (void)state;
    char text[64];
    ob_format_count(text, sizeof text, 1062, ",");
    assert_string_equal(text, "1,062");
    ob_format_count(text, sizeof text, 1062, ".");
    assert_string_equal(text, "1.062");
    ob_format_count(text, sizeof text, 1234567, "\xE2\x80\xAF");
    assert_string_equal(text, "1\xE2\x80\xAF" "234\xE2\x80\xAF" "567");
    ob_format_count(text, sizeof text, 999, ",");
    assert_string_equal(text, "999");
    ob_format_count(text, sizeof text, 0, NULL);
    assert_string_equal(text, "0");
}

/* 1-2-5 steps: 112 in at most 6 steps is 20s up to 120; 823 is 200s up to
 * 1,000; 7 is 2s up to 8; 0 is one step of 1. */
static void
ticks_are_one_two_five(void **state)
{
    (void)state;
    double step;
    double top;
    assert_int_equal(ob_nice_ticks(&step, &top, 112, 5), 6);
    assert_true(step == 20 && top == 120);
    assert_int_equal(ob_nice_ticks(&step, &top, 823, 5), 5);
    assert_true(step == 200 && top == 1000);
    assert_int_equal(ob_nice_ticks(&step, &top, 7, 5), 4);
    assert_true(step == 2 && top == 8);
    assert_int_equal(ob_nice_ticks(&step, &top, 0, 5), 1);
    assert_true(step == 1 && top == 1);
    assert_int_equal(ob_nice_ticks(&step, &top, 2731, 5), 6);
    assert_true(step == 500 && top == 3000);
}

static char *
capture(ob_status (*write)(FILE *, const ob_chart *, const ob_render_options *,
                           ob_error *),
        const ob_chart *chart)
{
    static char text[4096];
    FILE *file = fmemopen(text, sizeof text, "w");
    ob_render_options options;
    ob_render_options_init(&options);
    options.width = 800;
    options.height = 450;
    ob_error error;
    assert_int_equal(write(file, chart, &options, &error), OB_OK);
    fclose(file);
    return text;
}

/* What the bars show, as CSV: the top 9, then "Other" as the total less
 * them (400 - 351 = 49), hidden values never to size. */
static void
data_sidecar_holds_what_is_shown(void **state)
{
    (void)state;
    ob_chart_value values[12];
    ob_chart_series series;
    ob_chart chart = victims_by_country(values, &series);
    /* Top 10: nine bars and "Other"; the ninth bar is the first hidden
     * one (hidden ones in the order of their names). Other holds the rest,
     * and with a hidden bar shown, Other is hidden too. */
    assert_string_equal(capture(ob_render_data_csv, &chart),
                        "country,country_name,victims\n"
                        "NGA,Nigeria,112\n"
                        "COD,Democratic Republic of the Congo,51\n"
                        "CIV,C\xC3\xB4te d'Ivoire,39\n"
                        "TGO,Togo,38\n"
                        "CMR,Cameroon,30\n"
                        "ETH,Ethiopia,29\n"
                        "ZAF,South Africa,27\n"
                        "GHA,Ghana,25\n"
                        "DZA,Algeria,<10\n"
                        ",Other (3 countries),x\n");
    chart.top = 9;
    /* Eight bars and Other: no hidden bar shown, so Other is the total
     * less the bars, 400 - 351 = 49, which a reader can work out anyway. */
    assert_string_equal(capture(ob_render_data_csv, &chart),
                        "country,country_name,victims\n"
                        "NGA,Nigeria,112\n"
                        "COD,Democratic Republic of the Congo,51\n"
                        "CIV,C\xC3\xB4te d'Ivoire,39\n"
                        "TGO,Togo,38\n"
                        "CMR,Cameroon,30\n"
                        "ETH,Ethiopia,29\n"
                        "ZAF,South Africa,27\n"
                        "GHA,Ghana,25\n"
                        ",Other (4 countries),49\n");
    assert_string_equal(
        capture(ob_render_alt_text, &chart),
        "Bar chart: Victims identified by country. Largest first, 9 bars, "
        "the last of them \"Other (4 "
        "countries)\". Largest shown: Nigeria, 112. Smallest shown: Ghana, "
        "25. Total: 400. 4 of the countries in \"Other\" had fewer than 10 or "
        "are hidden so that none of those can be worked out; they are not "
        "shown one by one, to protect the people concerned. Source: "
        "national returns, hand-made test data.\n");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ranked_bars_match_reference),
        cmocka_unit_test(bars_edge_cases_render_sensibly),
        cmocka_unit_test(two_hundred_groups_fold_into_other),
        cmocka_unit_test(grouped_and_stacked_match_reference),
        cmocka_unit_test(series_with_trend_matches_reference),
        cmocka_unit_test(kpi_and_table_match_reference),
        cmocka_unit_test(every_country_name_has_its_glyphs),
        cmocka_unit_test(counts_take_the_chosen_separator),
        cmocka_unit_test(ticks_are_one_two_five),
        cmocka_unit_test(data_sidecar_holds_what_is_shown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
