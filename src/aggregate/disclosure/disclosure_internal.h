/* Shared by the files of disclosure control only: the publication's
 * figures, the sums a reader knows, and the linear programs over them. */
#ifndef OB_AGGREGATE_DISCLOSURE_INTERNAL_H
#define OB_AGGREGATE_DISCLOSURE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "opbrief/country.h"
#include "opbrief/disclosure.h"

/* Words of a set of countries: one bit per country of the country table
 * and one for no country. */
#define DC_PLACE_WORDS 4

/* A term, owned: VALUE as given (for messages) and FOLDED, the form that
 * compares (operations and breakdowns ignore case and white space runs;
 * column names also take ' ' and '-' as '_'). */
typedef struct dc_term {
    ob_key key;
    char *name;   /* folded column name, OB_KEY_EXTRA only */
    char *value;  /* NULL: none */
    char *folded; /* NULL: none */
    const ob_country *country; /* OB_KEY_COUNTRY with a known code */
    const char *region; /* OB_KEY_SUBREGION: the M49 region holding it */
    /* A geographic term (country, region, sub-region, INTERPOL region) as
     * the countries it holds, a bit per country index and one more for
     * records of no country: terms of any of these keys compare by their
     * countries (INTERPOL Americas and M49 Americas are one set). */
    bool has_places;
    uint64_t places[DC_PLACE_WORDS];
} dc_term;

typedef struct dc_figure {
    dc_term *terms; /* canonical: sorted, regions implied by a country
                       dropped */
    size_t term_count;
    bool has_value;
    int64_t value;
    size_t reported;
    size_t below;
    bool is_fixed;
    ob_protection protection;
    size_t appearances; /* tables and other places that print it */
    /* For "<K": the range it must keep for a reader, what the marks alone
     * say (dc_need), once HAS_NEED. */
    bool has_need;
    int64_t need_low;
    int64_t need_high;
    uint64_t vintages; /* the publications it is in, as bits */
    bool is_split;     /* its signature has other figures (vintages) */
    bool must_hide;    /* hidden in an earlier publication */
    bool is_current;   /* printed by this publication (not only by files
                          it is published with) */
    bool is_revised;   /* an earlier publication showed another value */
    bool is_revision;  /* the late returns between two values of one
                          figure: never printed */
    bool is_latent;    /* a sum a reader can form but nobody printed (a
                          column of a two-key table): never printed */
    bool has_count;    /* REPORTED is known to a reader: printed in the
                          cell counts, or worked out from them */
    size_t revision_of; /* for a revision: the newer figure */
} dc_figure;

/* LARGER = SMALLER + CHANGE: two publications' values of one figure. */
typedef struct dc_revision {
    size_t larger;
    size_t smaller;
    size_t change;
} dc_revision;

typedef struct dc_level {
    dc_term *base;
    size_t base_count;
    bool is_inner; /* its base's own sum is derived elsewhere */
    size_t *ids;
    size_t count;
} dc_level;

/* TOTAL = the sum of MEMBERS, a sum a reader can do. */
typedef struct dc_equation {
    size_t total;
    size_t *members;
    size_t member_count;
} dc_equation;

typedef struct dc_program dc_program;

struct ob_dc {
    int64_t threshold;
    dc_figure *figures;
    size_t figure_count;
    size_t figure_capacity;
    size_t *slots; /* hash of signatures: figure id + 1, 0 = empty */
    size_t slot_count;
    bool is_linking_hidden; /* ob_dc_set_data_changes() */
    bool has_present;       /* ob_dc_restrict_places() */
    uint64_t present[DC_PLACE_WORDS];
    dc_revision *revisions;
    size_t revision_count;
    size_t revision_capacity;
    dc_level *levels;
    size_t level_count;
    size_t level_capacity;
    dc_equation *equations; /* derived from the levels on first need */
    size_t equation_count;
    bool has_equations;
    size_t *sums_of;    /* figure i's sums: sums_items[sums_of[i] ..
                           sums_of[i + 1]) */
    size_t *sums_items;
    dc_program *marks; /* the marks' program, built on first need */
    size_t last_protected; /* the last "<K" that needed an "x": where a
                              search for fewer starts (SIZE_MAX: none) */
    size_t finest_terms; /* the most terms of any figure */
    size_t integer_programs; /* solved because a linear optimum was not
                                whole */
};

/* Derive the sums a reader knows from the levels, once. */
ob_status dc_derive_equations(ob_dc *dc, ob_error *error);

/* Whether figure F is hidden, and whether it is a "<K" figure made only of
 * upstream "<N" cells: its reported part, 0, is known to a reader from the
 * cell counts, so it is a constant of every program, never a variable. */
bool dc_is_hidden(const dc_figure *f);
bool dc_is_upstream_only(const dc_figure *f);

/* The values the reported part of a "<K" figure can take by the rule:
 * 1 .. K-1, or 0 .. K-1 with upstream "<N" parts in it. */
void dc_primary_range(int64_t *low, int64_t *high, const ob_dc *dc,
                      const dc_figure *f);

/* The coefficients of a GLPK program as glp_load_matrix() takes them:
 * 1-based triplets, USED of them. */
typedef struct dc_matrix {
    int *rows;
    int *cols;
    double *values;
    int used;
} dc_matrix;

/* Room for PER_MEMBER coefficients per figure of every sum of DC. */
ob_status dc_matrix_new(dc_matrix *matrix, const ob_dc *dc,
                        size_t per_member, ob_error *error);
void dc_matrix_add(dc_matrix *matrix, int row, int col, double value);
void dc_matrix_free(dc_matrix *matrix);

/* ---- the reader's program (audit.c) ------------------------------------ */

/* Which figures are the unknowns of a program. */
typedef enum dc_view {
    DC_VIEW_READER, /* the hidden ones: what a reader faces */
    DC_VIEW_MARKS,  /* every one, as if none were shown: what the "<K"
                       marks and the sums alone say */
    DC_VIEW_ANY     /* every one, the shown ones fixed at their values, so
                       that dc_program_update() can hide or show one
                       without building the program again */
} dc_view;

/* A part of the publication a program may be limited to: the hidden
 * figures linked to one through sums, and those sums. What lies outside
 * it cannot move what lies inside, so the bounds inside are the same as
 * in the whole program, and the program is small. */
typedef struct dc_scope {
    bool *is_in;        /* per figure */
    size_t *equations;  /* the sums that hold a figure of it */
    size_t equation_count;
} dc_scope;

/* The hidden figures linked to figure SEED (a hidden one) through sums. */
ob_status dc_scope_new(dc_scope *scope, ob_dc *dc, size_t seed,
                       ob_error *error);
void dc_scope_free(dc_scope *scope);

/* The reader's linear program over DC as VIEW says; with SCOPE (NULL for
 * all of it, DC_VIEW_READER only), over that part. */
ob_status dc_program_new(dc_program **out, ob_dc *dc, dc_view view,
                         const dc_scope *scope, ob_error *error);

/* The bounds of figure F's column in program LP (a glp_prob): its
 * rule's when hidden (or in the marks' view), its value when shown in
 * DC_VIEW_ANY. */
struct glp_prob;
void dc_set_bounds(struct glp_prob *lp, int column, const ob_dc *dc,
                   const dc_figure *f, dc_view view);

/* DC_VIEW_ANY: figure ID's protection changed; take it. */
void dc_program_update(dc_program *program, size_t id);
void dc_program_free(dc_program *program);

/* The smallest (IS_MAX false) or largest value a reader can give figure
 * ID, a hidden one: whole, by an integer program when the linear one's
 * optimum is not whole. *IS_BOUNDED false when nothing bounds it. */
ob_status dc_program_bound(int64_t *bound, bool *is_bounded,
                           dc_program *program, size_t id, bool is_max,
                           ob_error *error);

/* Set the range "<K" figure ID must keep: the values a reader who saw
 * only the marks and the sums could give it. A "<K" figure alone among
 * shown figures must keep 1 .. K-1 (0 .. K-1 with upstream parts); a
 * "<K" total of two "<K" parts is at least 2 whatever is shown, and those
 * parts at most K-2: that much the marks say by themselves. Worked out
 * only for a figure a reader can narrow below its rule's range at all,
 * and kept until dc_forget_needs(). */
ob_status dc_need(ob_dc *dc, size_t id, ob_error *error);
void dc_forget_needs(ob_dc *dc);

/* Whether every sum of figures that are all shown adds up; OB_ERR_DATA,
 * naming the total, when one does not (a data file edited by hand). */
ob_status dc_check_shown(ob_dc *dc, ob_error *error);

/* Whether LOW .. HIGH (HAS_HIGH false: no upper bound), what a reader
 * can tell of "<K" figure ID, is narrower than what it must keep. */
ob_status dc_is_narrow(bool *is_narrow, ob_dc *dc, size_t id, int64_t low,
                       bool has_high, int64_t high, ob_error *error);

/* Whether "<K" figure ID keeps its whole range for a reader. */
ob_status dc_program_keeps_range(bool *keeps, dc_program *program, size_t id,
                                 ob_error *error);

#endif
