/* Shared inside the aggregate stage only. */
#ifndef OB_AGGREGATE_STATS_INTERNAL_H
#define OB_AGGREGATE_STATS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "opbrief/stats.h"

/* Switch GSL's abort handler off; safe to call often. */
void stats_init(void);

/* One number under protection: a group's, or a total's, victims. */
typedef struct protect_cell {
    bool has_value;
    int64_t value;
    bool is_below_upstream; /* a "<N" cell went into it */
    /* A number of another output (a column total): hidden if it is small,
     * as that output hides it, but never chosen to hide here. */
    bool is_fixed;
    ob_protection protection;
    /* For a complement: the equation it was chosen in, as the smallest
     * non-zero member then published (a reader who knows the rule knows
     * that much); SIZE_MAX otherwise. */
    size_t chosen_in;
} protect_cell;

/* TOTAL = the sum of MEMBERS: what a reader can subtract. */
typedef struct protect_equation {
    size_t total;
    size_t *members;
    size_t member_count;
} protect_equation;

/* Mark the cells below THRESHOLD (1 to THRESHOLD - 1, or any "<N" input)
 * as primary, then hide further cells until, in every equation, no hidden
 * cell can be worked out: each equation hides none or at least two of its
 * numbers, and each hidden number still has more than one possible value
 * given the others' bounds ([1, THRESHOLD - 1] for primary cells, 0 and up
 * for complementary ones). Complements are the smallest non-zero members,
 * in index order on ties, so the result is deterministic. */
ob_status protect_cells(protect_cell *cells, size_t cell_count,
                        const protect_equation *equations,
                        size_t equation_count, int64_t threshold,
                        ob_error *error);

#endif
