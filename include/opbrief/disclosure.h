/* The aggregate stage, part three: disclosure control, the one owner of
 * whether a victim figure is shown.
 *
 * A publication is everything one command writes. Each of its figures
 * counts the victims of the records that match a signature, a list of
 * terms "KEY is VALUE" ({country: NGA}, {region: Africa, month: 2023-05},
 * {} for the total). Figures with the same records are one figure, however
 * many tables print them: a country's figure in a region x country table
 * and in a country table, a one-key table's only partition and its total.
 *
 * What a reader knows, and what the audit assumes of them:
 *  - every figure shown, exactly (a total with an upstream "<N" in it is
 *    shown as the sum of what was reported: the "<N" parts add to neither
 *    side of any sum, so a reader subtracts without them);
 *  - every sum a complete level of a table gives: the figures of one level
 *    (a table's groups, or its partition totals) cover the records of the
 *    table's base once each, so any figure whose records are exactly those
 *    of some of them is their sum. This covers the parts of a table and its
 *    totals, country -> sub-region -> region, country -> INTERPOL region,
 *    month -> period and operation -> total, within a table or across
 *    tables;
 *  - that a "<K" figure is 1 .. K-1 (with upstream "<N" parts in it, its
 *    reported part is 0 .. K-1), that an "x" is 0 or more, and that no
 *    figure is negative. The choice of "x" cells is not assumed to tell
 *    anything more (as in tau-ARGUS and sdcTable); README: "Protecting
 *    victims" says so.
 *
 * The guarantee, checked by ob_dc_audit() with a linear program (GLPK) and,
 * where its optimum is not whole, an integer program: every "<K" figure can
 * still take every value the marks alone allow (1 .. K-1 for one alone
 * among shown figures) for all a reader can tell. */
#ifndef OPBRIEF_DISCLOSURE_H
#define OPBRIEF_DISCLOSURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "opbrief/cube.h"
#include "opbrief/stats.h"

/* ob_dc_term, one term of a signature (KEY is VALUE), is in stats.h. */

/* A figure as a table gives it. */
typedef struct ob_dc_figure {
    const ob_dc_term *terms;
    size_t term_count;
    bool has_value;
    int64_t value;   /* the sum of the reported values */
    size_t reported; /* cells with a value */
    size_t below;    /* cells written "<N" upstream (no value of ours) */
    /* A figure already out (read from a data file, or from --published):
     * its PROTECTION stays as it was; a shown value never changes. */
    bool is_fixed;
    ob_protection protection; /* for fixed figures */
    /* A figure a reader can also find outside the tables (a KPI tile, a
     * sentence of the briefing): hidden only when nothing cheaper does. */
    size_t extra_appearances;
    /* Which publication it comes from (0 .. 63): 0 for this one, another
     * number for each earlier one whose data may differ (an earlier
     * month's report). One figure of two publications whose values are
     * shown and differ is two figures, and the difference, the late
     * returns in between, is a figure of its own a reader learns: "<K"
     * when it is 1 .. K-1. */
    size_t vintage;
    /* A sum a reader can form from a table though nobody prints it (a
     * column of a two-key table: the inner key's value over every outer
     * one): it links the tables that print its parts. Never shown; the
     * other fields but the terms and the vintage are not read. */
    bool is_latent;
} ob_dc_figure;

typedef struct ob_dc ob_dc;

/* A publication protected at THRESHOLD (victim figures 1 .. THRESHOLD - 1
 * are shown as "<THRESHOLD"; 0 turns protection off). */
ob_status ob_dc_new(ob_dc **out, int64_t threshold, ob_error *error);
void ob_dc_free(ob_dc *dc);

/* Add FIGURE to the publication; *ID is its number. A figure with the
 * signature of one added before is that figure (the same *ID) when it is
 * of the same vintage, or of another with the same value shown, or hidden
 * in one of them (unless ob_dc_set_data_changes() says the data changed
 * between vintages: the new figure is then hidden too). Two values for one
 * signature of one vintage are an error (OB_ERR_DATA), naming both. The
 * strings of the terms are copied. */
ob_status ob_dc_add(size_t *id, ob_dc *dc, const ob_dc_figure *figure,
                    ob_error *error);

/* A reader knows which countries sent returns (an operation's are public):
 * a place then holds only those of CUBE's records, so two regions with
 * the same countries in the data are one figure. Call before adding any
 * figure. */
void ob_dc_restrict_places(ob_dc *dc, const ob_cube *cube);

/* The same for a reader who knows the countries COUNTRIES (COUNT of them)
 * sent returns, and records of no country when HAS_NO_COUNTRY. */
void ob_dc_restrict_places_to(ob_dc *dc, const ob_country *const *countries,
                              size_t count, bool has_no_country);

/* Whether the vintages of the publication hold data that may differ (an
 * earlier month's report, before late returns): a figure hidden in one
 * vintage is then not assumed to hold the value it has in another. */
void ob_dc_set_data_changes(ob_dc *dc, bool does_change);

/* Whether figure ID is a revision (the late returns between two vintages'
 * values of one figure), and whether figure ID has such a revision. */
bool ob_dc_is_revision(const ob_dc *dc, size_t id);
bool ob_dc_is_revised(const ob_dc *dc, size_t id);

/* Add the latent figure of TERMS (COUNT of them), of VINTAGE: a sum a
 * reader forms that nobody prints (ob_dc_figure's is_latent). */
ob_status ob_dc_add_latent(size_t *id, ob_dc *dc, const ob_dc_term *terms,
                           size_t count, size_t vintage, ob_error *error);

/* Declare a complete level: the figures IDS together cover the records of
 * BASE (its terms, as of a figure) once each, as the groups of one table
 * do. */
ob_status ob_dc_add_level(ob_dc *dc, const ob_dc_term *base,
                          size_t base_count, const size_t *ids, size_t count,
                          ob_error *error);

/* The same for the groups of a two-key table, whose base is already the
 * sum of its partitions and each partition the sum of its groups: the
 * level serves the sums of other figures (a country over operations),
 * and the base's own sum over every group, which would tie every hidden
 * group of the table into one program, is left out. */
ob_status ob_dc_add_inner_level(ob_dc *dc, const ob_dc_term *base,
                                size_t base_count, const size_t *ids,
                                size_t count, ob_error *error);

/* Decide every figure that is not fixed: "<K" below the threshold, then as
 * few "x" as the audit needs, figures printed in several places last,
 * chosen without regard to their values. OB_ERR_DATA when a "<K" figure cannot be
 * protected without changing a fixed one. */
ob_status ob_dc_protect(ob_dc *dc, ob_error *error);

/* After ob_dc_protect(): how figure ID is published. */
ob_protection ob_dc_protection(const ob_dc *dc, size_t id);

/* How many figures the publication holds, and how many of those it prints
 * itself (not only the files it is published with) are hidden as "<K"
 * and as "x". */
size_t ob_dc_figure_count(const ob_dc *dc);
void ob_dc_counts(const ob_dc *dc, size_t *primary, size_t *complementary);

/* The threshold of the publication. */
int64_t ob_dc_threshold(const ob_dc *dc);

/* How many integer programs the audits so far needed (a linear optimum
 * that was not whole): for tests and the benchmark. */
size_t ob_dc_integer_programs(const ob_dc *dc);

/* The fewest "x" it prints that would protect the same figures (those it
 * must keep hidden, as earlier publications hid them, and the fewest of
 * its own choice), found by trying every smaller set of candidates when
 * there are at most BUDGET sets to try; *IS_KNOWN false when there are
 * more. */
ob_status ob_dc_minimum(size_t *minimum, bool *is_known, ob_dc *dc,
                        size_t budget, ob_error *error);

/* What a reader can deduce of one hidden figure. */
typedef struct ob_dc_interval {
    size_t id;
    bool is_primary;
    /* A "<K" made only of upstream "<N" cells: its reported part, 0, was
     * never ours to hide. */
    bool is_upstream_only;
    int64_t low;
    bool has_high; /* false: no upper bound */
    int64_t high;
    /* For "<K": the interval it must keep (what the marks alone allow),
     * and whether the reader's is narrower. */
    int64_t need_low, need_high;
    bool is_narrow;
} ob_dc_interval;

/* The reader's audit: for every hidden figure, in the order of their ids,
 * the smallest and largest value consistent with everything shown and
 * every rule. *OUT (COUNT of them) is the caller's to free(). */
ob_status ob_dc_audit(ob_dc_interval **out, size_t *count, ob_dc *dc,
                      ob_error *error);

/* The signature of figure ID as text, "country NGA, month 2023-05" or
 * "total", into OUT. */
void ob_dc_describe(char *out, size_t out_size, const ob_dc *dc, size_t id);

#endif
