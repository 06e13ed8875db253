/* The choice of what to hide: "<K" below the threshold, then, for each
 * "<K" figure a reader could narrow, the cheapest set of "x" that lets it
 * take both ends of its range again, found as the cheapest change of the
 * published figures that moves it there (a linear program), with the
 * reader's audit as the check. */
#include "disclosure_internal.h"

#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A change of a published figure smaller than this is simplex noise, not
 * a change (see WHOLE_TOLERANCE in audit.c: the same reasoning). */
#define CHANGE_TOLERANCE 1e-6

static bool
is_primary_value(const ob_dc *dc, const dc_figure *f)
{
    return f->has_value && f->value < dc->threshold
           && (f->value > 0 || f->below > 0);
}

/* Whether F may be chosen as "x": shown now, ours to decide, and something
 * a reader would not know anyway. */
static bool
is_candidate(const dc_figure *f)
{
    return !f->is_fixed && !dc_is_hidden(f) && f->has_value
           && !dc_is_upstream_only(f);
}

/* What hiding F costs: one figure, more for a figure printed in several
 * places, and a little more for a coarser figure (a total before its
 * parts), never so much more that two figures cost less than one. Never
 * its value: a choice that took the smallest figure would tell a reader
 * that an "x" is no larger than the figures shown beside it (with 9, 10
 * and 10 under 29, the "x" is then 10 and the "<10" 9), and the audit
 * does not assume a reader knows more than the marks. */
static double
cost_of(const ob_dc *dc, const dc_figure *f)
{
    size_t coarseness = dc->finest_terms > f->term_count
                            ? dc->finest_terms - f->term_count
                            : 0;
    return (double)f->appearances
           * (1.0 + 0.1 * (double)coarseness / (double)(dc->finest_terms + 1));
}

/* The cheapest change of the published figures that gives figure TARGET
 * the value GOAL while every sum still holds, every hidden figure stays in
 * its range and fixed figures do not move; every figure it changes is
 * hidden. *HID says how many were; *IS_FEASIBLE false when no change can
 * do it. */
static ob_status
hide_cheapest_change(size_t *hid, bool *is_feasible, ob_dc *dc,
                     size_t target, int64_t goal, ob_error *error)
{
    *hid = 0;
    *is_feasible = false;
    size_t n = dc->figure_count;
    int *column_of = calloc(n ? n : 1, sizeof *column_of); /* x or d+ */
    if (column_of == NULL)
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    glp_prob *lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MIN);
    int columns = 0;
    for (size_t i = 0; i < n; i++) {
        const dc_figure *f = &dc->figures[i];
        if (is_candidate(f)) {
            /* x = value + d+ - d-: two columns, d- at most the value. */
            column_of[i] = columns + 1;
            columns += 2;
            glp_add_cols(lp, 2);
            glp_set_col_bnds(lp, column_of[i], GLP_LO, 0.0, 0.0);
            if (f->value > 0)
                glp_set_col_bnds(lp, column_of[i] + 1, GLP_DB, 0.0,
                                 (double)f->value);
            else
                glp_set_col_bnds(lp, column_of[i] + 1, GLP_FX, 0.0, 0.0);
            double cost = cost_of(dc, f);
            glp_set_obj_coef(lp, column_of[i], cost);
            glp_set_obj_coef(lp, column_of[i] + 1, cost);
        } else if (dc_is_hidden(f) && !dc_is_upstream_only(f)) {
            column_of[i] = ++columns;
            glp_add_cols(lp, 1);
            if (i == target)
                glp_set_col_bnds(lp, columns, GLP_FX, (double)goal,
                                 (double)goal);
            else
                dc_set_bounds(lp, columns, dc, f, DC_VIEW_READER);
        }
    }
    dc_matrix matrix;
    ob_status status = dc_matrix_new(&matrix, dc, 2, error);
    if (status != OB_OK) {
        free(column_of);
        glp_delete_prob(lp);
        return status;
    }
    for (size_t e = 0; e < dc->equation_count; e++) {
        const dc_equation *eq = &dc->equations[e];
        bool has_column = column_of[eq->total] != 0;
        for (size_t m = 0; m < eq->member_count && !has_column; m++)
            has_column = column_of[eq->members[m]] != 0;
        if (!has_column)
            continue;
        int row = glp_add_rows(lp, 1);
        /* Sum over the members minus the total is 0. A candidate enters
         * with its value on the right and its change on the left. */
        double right = 0.0;
        for (size_t m = 0; m <= eq->member_count; m++) {
            size_t id = m < eq->member_count ? eq->members[m] : eq->total;
            double sign = m < eq->member_count ? 1.0 : -1.0;
            const dc_figure *f = &dc->figures[id];
            if (column_of[id] == 0) {
                right -= sign
                         * (dc_is_upstream_only(f) || !f->has_value
                                ? 0.0
                                : (double)f->value);
                continue;
            }
            if (is_candidate(f)) {
                right -= sign * (double)f->value;
                dc_matrix_add(&matrix, row, column_of[id], sign);
                dc_matrix_add(&matrix, row, column_of[id] + 1, -sign);
            } else {
                dc_matrix_add(&matrix, row, column_of[id], sign);
            }
        }
        glp_set_row_bnds(lp, row, GLP_FX, right, right);
    }
    if (matrix.used > 0)
        glp_load_matrix(lp, matrix.used, matrix.rows, matrix.cols,
                        matrix.values);
    dc_matrix_free(&matrix);

    glp_smcp parameters;
    glp_init_smcp(&parameters);
    parameters.msg_lev = GLP_MSG_OFF;
    parameters.presolve = GLP_ON;
    int result = glp_simplex(lp, &parameters);
    if (result == 0 && glp_get_status(lp) == GLP_OPT) {
        *is_feasible = true;
        for (size_t i = 0; i < n; i++) {
            dc_figure *f = &dc->figures[i];
            if (!is_candidate(f))
                continue;
            double change = glp_get_col_prim(lp, column_of[i])
                            + glp_get_col_prim(lp, column_of[i] + 1);
            if (change > CHANGE_TOLERANCE) {
                f->protection = OB_SUPPRESSED_COMPLEMENTARY;
                (*hid)++;
            }
        }
    }
    glp_delete_prob(lp);
    free(column_of);
    return OB_OK;
}

/* The cheapest candidate in a sum with TARGET or with a hidden figure
 * linked to it through sums (its scope): the fallback when the cheapest
 * change is not whole and hiding what it moved did not free TARGET.
 * SIZE_MAX when there is none. */
static ob_status
cheapest_neighbour(size_t *best, ob_dc *dc, size_t target, ob_error *error)
{
    *best = SIZE_MAX;
    dc_scope scope;
    ob_status status = dc_scope_new(&scope, dc, target, error);
    if (status != OB_OK)
        return status;
    double best_cost = 0.0;
    for (size_t k = 0; k < scope.equation_count; k++) {
        const dc_equation *eq = &dc->equations[scope.equations[k]];
        for (size_t m = 0; m <= eq->member_count; m++) {
            size_t id = m < eq->member_count ? eq->members[m] : eq->total;
            const dc_figure *f = &dc->figures[id];
            if (!is_candidate(f))
                continue;
            double cost = cost_of(dc, f);
            if (*best == SIZE_MAX || cost < best_cost) {
                *best = id;
                best_cost = cost;
            }
        }
    }
    dc_scope_free(&scope);
    return OB_OK;
}

static ob_status
cannot_protect(ob_error *error, const ob_dc *dc, size_t id)
{
    char where[256];
    ob_dc_describe(where, sizeof where, dc, id);
    return ob_error_set(error, OB_ERR_DATA,
                        "the victims of %s cannot be protected without "
                        "changing a figure already published",
                        where);
}

/* Make "<K" figure ID keep its range for a reader. */
static ob_status
protect_one(ob_dc *dc, size_t id, ob_error *error)
{
    for (;;) {
        /* Only the part of the publication linked to it through hidden
         * figures can move it. */
        dc_scope scope;
        ob_status status = dc_scope_new(&scope, dc, id, error);
        dc_program *program = NULL;
        if (status == OB_OK)
            status = dc_program_new(&program, dc, DC_VIEW_READER, &scope,
                                    error);
        dc_scope_free(&scope);
        if (status != OB_OK)
            return status;
        int64_t low;
        int64_t high;
        bool is_bounded;
        status = dc_program_bound(&low, &is_bounded, program, id, false,
                                  error);
        if (status == OB_OK)
            status = dc_program_bound(&high, &is_bounded, program, id, true,
                                      error);
        dc_program_free(program);
        if (status != OB_OK)
            return status;
        bool is_narrow;
        status = dc_is_narrow(&is_narrow, dc, id, low, is_bounded, high,
                              error);
        if (status != OB_OK)
            return status;
        if (!is_narrow)
            return OB_OK;
        dc->last_protected = id;
        int64_t need_low = dc->figures[id].need_low;
        int64_t need_high = dc->figures[id].need_high;
        bool is_low_free = low <= need_low;
        bool is_high_free = !is_bounded || high >= need_high;
        size_t hid = 0;
        bool is_feasible = true;
        if (!is_high_free)
            status = hide_cheapest_change(&hid, &is_feasible, dc, id,
                                          need_high, error);
        if (status == OB_OK && is_feasible && !is_low_free) {
            size_t more = 0;
            status = hide_cheapest_change(&more, &is_feasible, dc, id,
                                          need_low, error);
            hid += more;
        }
        if (status != OB_OK)
            return status;
        if (!is_feasible)
            return cannot_protect(error, dc, id);
        if (hid > 0)
            continue;
        size_t next;
        status = cheapest_neighbour(&next, dc, id, error);
        if (status != OB_OK)
            return status;
        if (next == SIZE_MAX)
            return cannot_protect(error, dc, id);
        dc->figures[next].protection = OB_SUPPRESSED_COMPLEMENTARY;
    }
}

ob_status
ob_dc_protect(ob_dc *dc, ob_error *error)
{
    for (size_t i = 0; i < dc->figure_count; i++) {
        dc_figure *f = &dc->figures[i];
        if (f->is_fixed)
            continue;
        f->protection = dc->threshold > 0 && is_primary_value(dc, f)
                            ? OB_SUPPRESSED_PRIMARY
                        : dc->threshold > 0 && f->must_hide
                            ? OB_SUPPRESSED_COMPLEMENTARY
                            : OB_PUBLISHED;
    }
    if (dc->threshold == 0)
        return OB_OK;
    dc->finest_terms = 0;
    for (size_t i = 0; i < dc->figure_count; i++) {
        if (dc->figures[i].term_count > dc->finest_terms)
            dc->finest_terms = dc->figures[i].term_count;
    }
    dc_forget_needs(dc); /* the "<K" figures may have changed */
    ob_status status = dc_check_shown(dc, error);
    /* Hiding more only widens what a reader can deduce, so a figure made
     * safe stays safe while later ones are: one pass is enough. */
    for (size_t i = 0; i < dc->figure_count && status == OB_OK; i++) {
        const dc_figure *f = &dc->figures[i];
        if (f->protection == OB_SUPPRESSED_PRIMARY && !dc_is_upstream_only(f))
            status = protect_one(dc, i, error);
    }
    return status;
}

/* ---- the exact minimum, by trying every smaller set -------------------- */

static double
choose(size_t n, size_t k)
{
    double result = 1.0;
    for (size_t i = 0; i < k; i++)
        result = result * (double)(n - i) / (double)(i + 1);
    return result;
}

/* Whether every "<K" figure keeps its range with what is hidden now, in
 * PROGRAM (DC_VIEW_ANY, up to date). *FIRST is the one to try first, and
 * becomes the one that failed: most sets of candidates fail on the same
 * figure, so most checks are one figure long. */
static ob_status
is_safe(bool *safe, size_t *first, dc_program *program, const ob_dc *dc,
        ob_error *error)
{
    ob_status status = OB_OK;
    *safe = true;
    size_t n = dc->figure_count;
    for (size_t k = 0; k < n && status == OB_OK && *safe; k++) {
        size_t i = (*first + k) % n;
        status = dc_program_keeps_range(safe, program, i, error);
        if (status == OB_OK && !*safe)
            *first = i;
    }
    return status;
}

ob_status
ob_dc_minimum(size_t *minimum, bool *is_known, ob_dc *dc, size_t budget,
              ob_error *error)
{
    size_t primary;
    size_t chosen;
    ob_dc_counts(dc, &primary, &chosen);
    *minimum = chosen;
    *is_known = false;
    /* The "x" this publication must keep (hidden before, in a file it is
     * published with) are FORCED; the others were its own choice. */
    size_t forced = 0;
    size_t own = 0;
    for (size_t i = 0; i < dc->figure_count; i++) {
        const dc_figure *f = &dc->figures[i];
        if (!f->is_current || f->protection != OB_SUPPRESSED_COMPLEMENTARY)
            continue;
        if (f->is_fixed || f->must_hide)
            forced++;
        else
            own++;
    }
    size_t n = dc->figure_count;
    size_t *candidates = malloc((n ? n : 1) * sizeof *candidates);
    ob_protection *saved = malloc((n ? n : 1) * sizeof *saved);
    size_t *pick = malloc((n ? n : 1) * sizeof *pick);
    if (candidates == NULL || saved == NULL || pick == NULL) {
        free(candidates);
        free(saved);
        free(pick);
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    }
    size_t candidate_count = 0;
    for (size_t i = 0; i < n; i++) {
        dc_figure *f = &dc->figures[i];
        saved[i] = f->protection;
        if (f->is_fixed || f->must_hide)
            continue;
        if (f->protection == OB_SUPPRESSED_COMPLEMENTARY)
            f->protection = OB_PUBLISHED;
        if (is_candidate(f))
            candidates[candidate_count++] = i;
    }
    ob_status status = OB_OK;
    double sets = 0.0;
    for (size_t k = 0; k < own; k++)
        sets += choose(candidate_count, k);
    /* The figure that needed an "x" last fails first without one. */
    size_t first = dc->last_protected < n ? dc->last_protected : 0;
    dc_program *program = NULL;
    if (status == OB_OK && sets <= (double)budget)
        status = dc_program_new(&program, dc, DC_VIEW_ANY, NULL, error);
    if (status == OB_OK && sets <= (double)budget) {
        *is_known = true;
        *minimum = own + forced;
        bool is_found = false;
        for (size_t k = 0; k < own && !is_found && status == OB_OK; k++) {
            for (size_t j = 0; j < k; j++)
                pick[j] = j;
            for (;;) {
                for (size_t j = 0; j < k; j++) {
                    size_t id = candidates[pick[j]];
                    dc->figures[id].protection = OB_SUPPRESSED_COMPLEMENTARY;
                    dc_program_update(program, id);
                }
                bool safe;
                status = is_safe(&safe, &first, program, dc, error);
                for (size_t j = 0; j < k; j++) {
                    size_t id = candidates[pick[j]];
                    dc->figures[id].protection = OB_PUBLISHED;
                    dc_program_update(program, id);
                }
                if (status != OB_OK)
                    break;
                if (safe) {
                    is_found = true;
                    *minimum = k + forced;
                    break;
                }
                /* The next k-subset in lexicographic order. */
                size_t j = k;
                while (j > 0 && pick[j - 1] == candidate_count - k + j - 1)
                    j--;
                if (j == 0)
                    break;
                pick[j - 1]++;
                for (size_t r = j; r < k; r++)
                    pick[r] = pick[r - 1] + 1;
            }
        }
    }
    dc_program_free(program);
    for (size_t i = 0; i < n; i++)
        dc->figures[i].protection = saved[i];
    free(candidates);
    free(saved);
    free(pick);
    return status;
}
