/* The reader's audit: a linear program (GLPK) over everything a
 * publication shows, and its integer program where the linear optimum is
 * not whole, giving each hidden figure the values a reader can deduce. */
#include "disclosure_internal.h"

#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* How far from a whole number a simplex value may lie and still count as
 * that number: GLPK's primal feasibility tolerance is 1e-7 relative, and
 * our figures stay below 2^53, so 1e-6 absolute is far above the noise of
 * a whole vertex and far below the distance to the next whole number. */
#define WHOLE_TOLERANCE 1e-6

struct dc_program {
    ob_dc *dc;
    dc_view view;
    glp_prob *lp;
    int *column_of; /* per figure: its column (1-based), 0 for a constant */
};

void
dc_program_free(dc_program *program)
{
    if (program == NULL)
        return;
    if (program->lp != NULL)
        glp_delete_prob(program->lp);
    free(program->column_of);
    free(program);
}

/* A figure's value when it is a constant of the program. */
static double
constant_of(const dc_figure *f)
{
    if (dc_is_upstream_only(f) || !f->has_value)
        return 0.0;
    return (double)f->value;
}

ob_status
dc_matrix_new(dc_matrix *matrix, const ob_dc *dc, size_t per_member,
              ob_error *error)
{
    size_t entries = 1;
    for (size_t e = 0; e < dc->equation_count; e++)
        entries += per_member * (dc->equations[e].member_count + 1);
    matrix->rows = malloc(entries * sizeof *matrix->rows);
    matrix->cols = malloc(entries * sizeof *matrix->cols);
    matrix->values = malloc(entries * sizeof *matrix->values);
    matrix->used = 0;
    if (matrix->rows == NULL || matrix->cols == NULL
        || matrix->values == NULL) {
        dc_matrix_free(matrix);
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    }
    return OB_OK;
}

void
dc_matrix_add(dc_matrix *matrix, int row, int col, double value)
{
    matrix->used++;
    matrix->rows[matrix->used] = row;
    matrix->cols[matrix->used] = col;
    matrix->values[matrix->used] = value;
}

void
dc_matrix_free(dc_matrix *matrix)
{
    free(matrix->rows);
    free(matrix->cols);
    free(matrix->values);
    matrix->rows = NULL;
    matrix->cols = NULL;
    matrix->values = NULL;
}

void
dc_set_bounds(glp_prob *lp, int column, const ob_dc *dc, const dc_figure *f,
              dc_view view)
{
    if (view == DC_VIEW_ANY && !dc_is_hidden(f)) {
        double value = constant_of(f);
        glp_set_col_bnds(lp, column, GLP_FX, value, value);
    } else if (f->protection == OB_SUPPRESSED_PRIMARY) {
        int64_t low;
        int64_t high;
        dc_primary_range(&low, &high, dc, f);
        glp_set_col_bnds(lp, column, low == high ? GLP_FX : GLP_DB,
                         (double)low, (double)high);
    } else {
        glp_set_col_bnds(lp, column, GLP_LO, 0.0, 0.0);
    }
}

void
dc_program_update(dc_program *program, size_t id)
{
    int column = program->column_of[id];
    if (column != 0)
        dc_set_bounds(program->lp, column, program->dc,
                   &program->dc->figures[id], DC_VIEW_ANY);
}

ob_status
dc_scope_new(dc_scope *scope, ob_dc *dc, size_t seed, ob_error *error)
{
    memset(scope, 0, sizeof *scope);
    ob_status status = dc_derive_equations(dc, error);
    if (status != OB_OK)
        return status;
    size_t n = dc->figure_count;
    scope->is_in = calloc(n ? n : 1, sizeof *scope->is_in);
    bool *is_taken = calloc(dc->equation_count ? dc->equation_count : 1,
                            sizeof *is_taken);
    size_t *queue = malloc((n ? n : 1) * sizeof *queue);
    scope->equations = malloc((dc->equation_count ? dc->equation_count : 1)
                              * sizeof *scope->equations);
    if (scope->is_in == NULL || is_taken == NULL || queue == NULL
        || scope->equations == NULL) {
        free(is_taken);
        free(queue);
        dc_scope_free(scope);
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    }
    size_t head = 0;
    size_t tail = 0;
    scope->is_in[seed] = true;
    queue[tail++] = seed;
    while (head < tail) {
        size_t id = queue[head++];
        for (size_t k = dc->sums_of[id]; k < dc->sums_of[id + 1]; k++) {
            size_t e = dc->sums_items[k];
            if (is_taken[e])
                continue;
            is_taken[e] = true;
            scope->equations[scope->equation_count++] = e;
            const dc_equation *eq = &dc->equations[e];
            for (size_t m = 0; m <= eq->member_count; m++) {
                size_t other = m < eq->member_count ? eq->members[m]
                                                    : eq->total;
                const dc_figure *f = &dc->figures[other];
                if (scope->is_in[other] || !dc_is_hidden(f)
                    || dc_is_upstream_only(f))
                    continue;
                scope->is_in[other] = true;
                queue[tail++] = other;
            }
        }
    }
    free(is_taken);
    free(queue);
    return OB_OK;
}

void
dc_scope_free(dc_scope *scope)
{
    free(scope->is_in);
    free(scope->equations);
    memset(scope, 0, sizeof *scope);
}

ob_status
dc_program_new(dc_program **out, ob_dc *dc, dc_view view,
               const dc_scope *scope, ob_error *error)
{
    *out = NULL;
    ob_status status = dc_derive_equations(dc, error);
    if (status != OB_OK)
        return status;
    dc_program *program = calloc(1, sizeof *program);
    if (program == NULL)
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    program->dc = dc;
    program->view = view;
    program->column_of = calloc(dc->figure_count ? dc->figure_count : 1,
                                sizeof *program->column_of);
    program->lp = glp_create_prob();
    if (program->column_of == NULL) {
        dc_program_free(program);
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    }
    int columns = 0;
    for (size_t i = 0; i < dc->figure_count; i++) {
        const dc_figure *f = &dc->figures[i];
        bool is_unknown = view != DC_VIEW_READER || dc_is_hidden(f);
        if (scope != NULL)
            is_unknown = is_unknown && scope->is_in[i];
        if (is_unknown && !dc_is_upstream_only(f))
            program->column_of[i] = ++columns;
    }
    if (columns > 0)
        glp_add_cols(program->lp, columns);
    for (size_t i = 0; i < dc->figure_count; i++) {
        int column = program->column_of[i];
        if (column == 0)
            continue;
        dc_set_bounds(program->lp, column, dc, &dc->figures[i], view);
    }
    /* One row per sum with something hidden in it. */
    dc_matrix matrix;
    status = dc_matrix_new(&matrix, dc, 1, error);
    if (status != OB_OK) {
        dc_program_free(program);
        return status;
    }
    size_t sums = scope ? scope->equation_count : dc->equation_count;
    for (size_t k = 0; k < sums; k++) {
        const dc_equation *eq =
            &dc->equations[scope ? scope->equations[k] : k];
        bool has_variable = program->column_of[eq->total] != 0;
        for (size_t m = 0; m < eq->member_count && !has_variable; m++)
            has_variable = program->column_of[eq->members[m]] != 0;
        if (!has_variable)
            continue;
        int row = glp_add_rows(program->lp, 1);
        /* members - total = 0, constants moved to the right. */
        double right = constant_of(&dc->figures[eq->total]);
        if (program->column_of[eq->total] != 0) {
            dc_matrix_add(&matrix, row, program->column_of[eq->total], -1.0);
            right = 0.0;
        }
        for (size_t m = 0; m < eq->member_count; m++) {
            size_t id = eq->members[m];
            if (program->column_of[id] == 0)
                right -= constant_of(&dc->figures[id]);
            else
                dc_matrix_add(&matrix, row, program->column_of[id], 1.0);
        }
        glp_set_row_bnds(program->lp, row, GLP_FX, right, right);
    }
    if (matrix.used > 0)
        glp_load_matrix(program->lp, matrix.used, matrix.rows, matrix.cols,
                        matrix.values);
    dc_matrix_free(&matrix);
    *out = program;
    return OB_OK;
}

static bool
is_whole(double value)
{
    return fabs(value - nearbyint(value)) <= WHOLE_TOLERANCE;
}

static int64_t
whole_bound(double value, bool is_max)
{
    return (int64_t)(is_max ? floor(value + WHOLE_TOLERANCE)
                            : ceil(value - WHOLE_TOLERANCE));
}

static void
set_objective(glp_prob *lp, int column, bool is_max)
{
    int columns = glp_get_num_cols(lp);
    for (int j = 1; j <= columns; j++)
        glp_set_obj_coef(lp, j, j == column ? 1.0 : 0.0);
    glp_set_obj_dir(lp, is_max ? GLP_MAX : GLP_MIN);
}

static ob_status
inconsistent(ob_error *error)
{
    return ob_error_set(error, OB_ERR_DATA,
                        "the figures shown do not add up: no values fit "
                        "them all");
}

/* The integer program of the same problem: the exact bound when the
 * linear optimum lies between whole numbers. */
static ob_status
integer_bound(int64_t *bound, bool *is_bounded, glp_prob *lp, int column,
              bool is_max, ob_error *error)
{
    glp_prob *ip = glp_create_prob();
    glp_copy_prob(ip, lp, GLP_OFF);
    int columns = glp_get_num_cols(ip);
    for (int j = 1; j <= columns; j++)
        glp_set_col_kind(ip, j, GLP_IV);
    set_objective(ip, column, is_max);
    glp_iocp parameters;
    glp_init_iocp(&parameters);
    parameters.msg_lev = GLP_MSG_OFF;
    parameters.presolve = GLP_ON;
    int result = glp_intopt(ip, &parameters);
    int status = glp_mip_status(ip);
    if (result == GLP_ENOPFS || result == GLP_ENODFS
        || status == GLP_NOFEAS) {
        glp_delete_prob(ip);
        return inconsistent(error);
    }
    if (result != 0 || status != GLP_OPT) {
        /* Unbounded in the relaxation: nothing bounds it. */
        glp_delete_prob(ip);
        *is_bounded = false;
        return OB_OK;
    }
    *bound = (int64_t)nearbyint(glp_mip_obj_val(ip));
    *is_bounded = true;
    glp_delete_prob(ip);
    return OB_OK;
}

ob_status
dc_program_bound(int64_t *bound, bool *is_bounded, dc_program *program,
                 size_t id, bool is_max, ob_error *error)
{
    int column = program->column_of[id];
    *is_bounded = true;
    *bound = 0;
    if (column == 0) {
        *bound = (int64_t)constant_of(&program->dc->figures[id]);
        return OB_OK;
    }
    glp_prob *lp = program->lp;
    set_objective(lp, column, is_max);
    glp_smcp parameters;
    glp_init_smcp(&parameters);
    parameters.msg_lev = GLP_MSG_OFF;
    int result = glp_simplex(lp, &parameters);
    if (result != 0) {
        /* A basis gone bad: start again from a fresh one. */
        glp_adv_basis(lp, 0);
        result = glp_simplex(lp, &parameters);
    }
    int status = glp_get_status(lp);
    if (result != 0 || status == GLP_NOFEAS || status == GLP_INFEAS
        || status == GLP_UNDEF)
        return inconsistent(error);
    if (status == GLP_UNBND) {
        *is_bounded = false;
        return OB_OK;
    }
    int columns = glp_get_num_cols(lp);
    bool is_whole_vertex = true;
    for (int j = 1; j <= columns && is_whole_vertex; j++)
        is_whole_vertex = is_whole(glp_get_col_prim(lp, j));
    if (!is_whole_vertex) {
        program->dc->integer_programs++;
        return integer_bound(bound, is_bounded, lp, column, is_max, error);
    }
    *bound = whole_bound(glp_get_obj_val(lp), is_max);
    return OB_OK;
}

ob_status
dc_check_shown(ob_dc *dc, ob_error *error)
{
    ob_status status = dc_derive_equations(dc, error);
    for (size_t e = 0; e < dc->equation_count && status == OB_OK; e++) {
        const dc_equation *eq = &dc->equations[e];
        bool is_shown = !dc_is_hidden(&dc->figures[eq->total])
                        || dc_is_upstream_only(&dc->figures[eq->total]);
        double sum = 0.0;
        for (size_t m = 0; m < eq->member_count && is_shown; m++) {
            const dc_figure *f = &dc->figures[eq->members[m]];
            is_shown = !dc_is_hidden(f) || dc_is_upstream_only(f);
            sum += constant_of(f);
        }
        if (is_shown && sum != constant_of(&dc->figures[eq->total])) {
            char where[256];
            ob_dc_describe(where, sizeof where, dc, eq->total);
            return ob_error_set(error, OB_ERR_DATA,
                                "the victims of %s are given as %.0f, and "
                                "their parts add up to %.0f",
                                where, constant_of(&dc->figures[eq->total]),
                                sum);
        }
    }
    return status;
}

ob_status
dc_need(ob_dc *dc, size_t id, ob_error *error)
{
    dc_figure *f = &dc->figures[id];
    if (f->has_need)
        return OB_OK;
    if (dc_is_upstream_only(f)) {
        /* Its reported part, 0, is known; what upstream hid is theirs. */
        f->need_low = f->need_high = 0;
        f->has_need = true;
        return OB_OK;
    }
    ob_status status = OB_OK;
    if (dc->marks == NULL)
        status = dc_program_new(&dc->marks, dc, DC_VIEW_MARKS, NULL, error);
    bool is_bounded;
    if (status == OB_OK)
        status = dc_program_bound(&f->need_low, &is_bounded, dc->marks, id,
                                  false, error);
    if (status == OB_OK)
        status = dc_program_bound(&f->need_high, &is_bounded, dc->marks, id,
                                  true, error);
    f->has_need = status == OB_OK;
    return status;
}

void
dc_forget_needs(ob_dc *dc)
{
    dc_program_free(dc->marks);
    dc->marks = NULL;
    for (size_t i = 0; i < dc->figure_count; i++)
        dc->figures[i].has_need = false;
}

ob_status
dc_is_narrow(bool *is_narrow, ob_dc *dc, size_t id, int64_t low,
             bool has_high, int64_t high, ob_error *error)
{
    int64_t rule_low;
    int64_t rule_high;
    dc_primary_range(&rule_low, &rule_high, dc, &dc->figures[id]);
    *is_narrow = false;
    /* A reader never knows less than the marks: what keeps the rule's
     * range keeps what the marks allow. */
    if (low <= rule_low && (!has_high || high >= rule_high))
        return OB_OK;
    ob_status status = dc_need(dc, id, error);
    if (status != OB_OK)
        return status;
    const dc_figure *f = &dc->figures[id];
    *is_narrow = low > f->need_low || (has_high && high < f->need_high);
    return OB_OK;
}

ob_status
dc_program_keeps_range(bool *keeps, dc_program *program, size_t id,
                       ob_error *error)
{
    const dc_figure *f = &program->dc->figures[id];
    *keeps = true;
    if (f->protection != OB_SUPPRESSED_PRIMARY || dc_is_upstream_only(f))
        return OB_OK;
    int64_t low;
    int64_t high;
    bool is_bounded;
    ob_status status = dc_program_bound(&low, &is_bounded, program, id,
                                        false, error);
    if (status != OB_OK)
        return status;
    status = dc_program_bound(&high, &is_bounded, program, id, true, error);
    if (status != OB_OK)
        return status;
    bool is_narrow;
    status = dc_is_narrow(&is_narrow, program->dc, id, low, is_bounded, high,
                          error);
    *keeps = !is_narrow;
    return status;
}

static int
compare_intervals(const void *a, const void *b)
{
    size_t x = ((const ob_dc_interval *)a)->id;
    size_t y = ((const ob_dc_interval *)b)->id;
    return x < y ? -1 : x > y;
}

ob_status
ob_dc_audit(ob_dc_interval **out, size_t *count, ob_dc *dc, ob_error *error)
{
    *out = NULL;
    *count = 0;
    size_t hidden = 0;
    for (size_t i = 0; i < dc->figure_count; i++)
        hidden += dc_is_hidden(&dc->figures[i]) && !dc->figures[i].is_latent;
    ob_dc_interval *intervals = calloc(hidden ? hidden : 1,
                                       sizeof *intervals);
    if (intervals == NULL)
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    ob_status status = dc_check_shown(dc, error);
    bool *is_done = calloc(dc->figure_count ? dc->figure_count : 1,
                           sizeof *is_done);
    if (status == OB_OK && is_done == NULL)
        status = ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    if (status != OB_OK) {
        free(is_done);
        free(intervals);
        return status;
    }
    /* One program per part of the publication that hidden figures and
     * their sums link together. */
    size_t n = 0;
    for (size_t seed = 0; seed < dc->figure_count && status == OB_OK;
         seed++) {
        const dc_figure *s_figure = &dc->figures[seed];
        if (is_done[seed] || !dc_is_hidden(s_figure))
            continue;
        dc_scope scope;
        dc_program *program = NULL;
        if (dc_is_upstream_only(s_figure)) {
            memset(&scope, 0, sizeof scope);
            scope.is_in = calloc(dc->figure_count, sizeof *scope.is_in);
            if (scope.is_in == NULL)
                status = ob_error_set(error, OB_ERR_NOMEM, "out of memory");
            else
                scope.is_in[seed] = true;
        } else {
            status = dc_scope_new(&scope, dc, seed, error);
        }
        if (status == OB_OK)
            status = dc_program_new(&program, dc, DC_VIEW_READER, &scope,
                                    error);
        for (size_t i = seed; i < dc->figure_count && status == OB_OK; i++) {
            const dc_figure *f = &dc->figures[i];
            if (!scope.is_in[i] || is_done[i])
                continue;
            is_done[i] = true;
            if (f->is_latent)
                continue;
            ob_dc_interval *interval = &intervals[n++];
            interval->id = i;
            interval->is_primary = f->protection == OB_SUPPRESSED_PRIMARY;
            interval->is_upstream_only = dc_is_upstream_only(f);
            bool is_bounded;
            status = dc_program_bound(&interval->low, &is_bounded, program,
                                      i, false, error);
            if (status == OB_OK)
                status = dc_program_bound(&interval->high,
                                          &interval->has_high, program, i,
                                          true, error);
            if (status != OB_OK || !interval->is_primary)
                continue;
            status = dc_is_narrow(&interval->is_narrow, dc, i, interval->low,
                                  interval->has_high, interval->high, error);
            if (f->has_need) {
                interval->need_low = f->need_low;
                interval->need_high = f->need_high;
            } else {
                dc_primary_range(&interval->need_low, &interval->need_high,
                                 dc, f);
            }
        }
        dc_program_free(program);
        dc_scope_free(&scope);
    }
    free(is_done);
    if (status != OB_OK) {
        free(intervals);
        return status;
    }
    /* In the order of the figures, as before the programs were split. */
    qsort(intervals, n, sizeof *intervals, compare_intervals);
    *out = intervals;
    *count = n;
    return OB_OK;
}
