/* Small-cell protection: primary suppression below a threshold, then
 * complementary suppression until no hidden cell can be recovered by
 * subtraction from the totals it adds up to. */
#include <stdlib.h>
#include <string.h>

#include "stats_internal.h"

static bool
is_hidden(const protect_cell *cell)
{
    return cell->protection != OB_PUBLISHED;
}

/* The bounds a reader can assume for a hidden cell: 1 to THRESHOLD - 1
 * for "<10", anything from 0 for "x". As "anything", UNBOUNDED, the
 * largest number of the table, serves (no count exceeds the grand total);
 * it keeps sums of bounds far from overflow. */
typedef struct bounds_rule {
    int64_t threshold;
    int64_t unbounded;
} bounds_rule;

static void
bounds(int64_t *low, int64_t *high, const protect_cell *cell,
       const bounds_rule *limits)
{
    if (cell->protection == OB_SUPPRESSED_PRIMARY) {
        *low = 1;
        *high = limits->threshold - 1;
    } else {
        *low = 0;
        *high = limits->unbounded;
    }
}

/* Whether equation E leaves some hidden number with only one possible
 * value. */
static bool
reveals(const protect_cell *cells, const protect_equation *e,
        const bounds_rule *limits)
{
    size_t hidden = is_hidden(&cells[e->total]) ? 1 : 0;
    for (size_t i = 0; i < e->member_count; i++)
        hidden += is_hidden(&cells[e->members[i]]);
    if (hidden == 0)
        return false;
    if (hidden == 1)
        return true;
    if (is_hidden(&cells[e->total]))
        return false; /* an unknown total leaves every member free */

    /* The total is known: the hidden members add up to S. */
    int64_t sum = cells[e->total].value;
    int64_t low_sum = 0;
    int64_t high_sum = 0;
    for (size_t i = 0; i < e->member_count; i++) {
        const protect_cell *cell = &cells[e->members[i]];
        if (!is_hidden(cell)) {
            sum -= cell->has_value ? cell->value : 0;
            continue;
        }
        int64_t low;
        int64_t high;
        bounds(&low, &high, cell, limits);
        low_sum += low;
        high_sum += high;
    }
    for (size_t i = 0; i < e->member_count; i++) {
        const protect_cell *cell = &cells[e->members[i]];
        if (!is_hidden(cell))
            continue;
        int64_t low;
        int64_t high;
        bounds(&low, &high, cell, limits);
        int64_t can_low = sum - (high_sum - high);
        int64_t can_high = sum - (low_sum - low);
        if (can_low < low)
            can_low = low;
        if (can_high > high)
            can_high = high;
        if (can_low >= can_high)
            return true;
    }
    return false;
}

/* Which equations each cell is in, as lists in one array. */
typedef struct cell_index {
    size_t *starts; /* cell i's equations: items[starts[i] .. starts[i+1]) */
    size_t *items;
} cell_index;

static ob_status
index_cells(cell_index *index, size_t cell_count,
            const protect_equation *equations, size_t equation_count,
            ob_error *error)
{
    size_t total = 0;
    for (size_t e = 0; e < equation_count; e++)
        total += equations[e].member_count + 1;
    index->starts = calloc(cell_count + 1, sizeof *index->starts);
    index->items = malloc((total ? total : 1) * sizeof *index->items);
    size_t *fill = calloc(cell_count + 1, sizeof *fill);
    if (index->starts == NULL || index->items == NULL || fill == NULL) {
        free(fill);
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    }
    for (size_t e = 0; e < equation_count; e++) {
        index->starts[equations[e].total + 1]++;
        for (size_t i = 0; i < equations[e].member_count; i++)
            index->starts[equations[e].members[i] + 1]++;
    }
    for (size_t i = 0; i < cell_count; i++)
        index->starts[i + 1] += index->starts[i];
    for (size_t e = 0; e < equation_count; e++) {
        size_t t = equations[e].total;
        index->items[index->starts[t] + fill[t]++] = e;
        for (size_t i = 0; i < equations[e].member_count; i++) {
            size_t c = equations[e].members[i];
            index->items[index->starts[c] + fill[c]++] = e;
        }
    }
    free(fill);
    return OB_OK;
}

static void
index_free(cell_index *index)
{
    free(index->starts);
    free(index->items);
}

/* Whether hiding CELL can hide anything: not when an equation holds it
 * with a fixed, published total and no other member that is or could be
 * hidden (a country of one operation: its column total is the cell). */
static bool
can_hide(const protect_cell *cells, size_t cell, const cell_index *index,
         const protect_equation *equations)
{
    for (size_t k = index->starts[cell]; k < index->starts[cell + 1]; k++) {
        const protect_equation *e = &equations[index->items[k]];
        const protect_cell *total = &cells[e->total];
        if (e->total == cell || is_hidden(total) || !total->is_fixed)
            continue;
        bool has_partner = false;
        for (size_t i = 0; i < e->member_count && !has_partner; i++) {
            const protect_cell *other = &cells[e->members[i]];
            has_partner = e->members[i] != cell
                          && (is_hidden(other)
                              || (!other->is_fixed && other->has_value));
        }
        if (!has_partner)
            return false;
    }
    return true;
}

/* The member of E to hide next: the smallest non-zero one, else a zero
 * one; with IS_CAREFUL, only one whose hiding another output would not
 * undo (can_hide). SIZE_MAX when there is none. */
static size_t
pick_member(const protect_cell *cells, const protect_equation *e,
            const cell_index *index, const protect_equation *equations,
            bool is_careful)
{
    size_t best = SIZE_MAX;
    for (size_t i = 0; i < e->member_count; i++) {
        const protect_cell *cell = &cells[e->members[i]];
        if (is_hidden(cell) || !cell->has_value || cell->is_fixed
            || (is_careful
                && !can_hide(cells, e->members[i], index, equations)))
            continue;
        if (best == SIZE_MAX) {
            best = e->members[i];
            continue;
        }
        const protect_cell *current = &cells[best];
        bool is_better = (cell->value > 0 && current->value == 0)
                         || ((cell->value > 0) == (current->value > 0)
                             && cell->value < current->value);
        if (is_better)
            best = e->members[i];
    }
    return best;
}

/* Hide one more number of E: a member, preferably one that another output
 * cannot give away; the total when no member is left. Returns false when
 * nothing is left to hide. */
static bool
hide_one_more(protect_cell *cells, const protect_equation *e,
              const cell_index *index, const protect_equation *equations)
{
    size_t best = pick_member(cells, e, index, equations, true);
    if (best == SIZE_MAX)
        best = pick_member(cells, e, index, equations, false);
    if (best == SIZE_MAX) {
        if (is_hidden(&cells[e->total]) || !cells[e->total].has_value
            || cells[e->total].is_fixed)
            return false;
        best = e->total;
    } else {
        cells[best].chosen_in = (size_t)(e - equations);
    }
    cells[best].protection = OB_SUPPRESSED_COMPLEMENTARY;
    return true;
}

/* ---- the audit ---------------------------------------------------------- */

/* What a reader can work out: the tightest bounds of every number that
 * interval reasoning over all the equations gives, starting from the
 * published values and the bounds of hidden cells. Returns a hidden cell
 * left with a single possible value, or SIZE_MAX when there is none. */
static size_t
find_pinned_cell(const protect_cell *cells, size_t cell_count,
                 const protect_equation *equations, size_t equation_count,
                 const bounds_rule *limits, int64_t *low, int64_t *high)
{
    for (size_t i = 0; i < cell_count; i++) {
        if (!is_hidden(&cells[i])) {
            low[i] = high[i] = cells[i].has_value ? cells[i].value : 0;
            continue;
        }
        bounds(&low[i], &high[i], &cells[i], limits);
        if (cells[i].protection != OB_SUPPRESSED_COMPLEMENTARY)
            continue;
        /* A reader who knows the rule knows more: a complement was the
         * smallest non-zero member of its sum when it was chosen, so it is
         * no larger than any non-zero member still published there. */
        if (cells[i].chosen_in == SIZE_MAX)
            continue;
        const protect_equation *e = &equations[cells[i].chosen_in];
        for (size_t m = 0; m < e->member_count; m++) {
            const protect_cell *other = &cells[e->members[m]];
            if (e->members[m] != i && !is_hidden(other) && other->has_value
                && other->value > 0 && other->value < high[i])
                high[i] = other->value;
        }
    }
    /* Each pass can only narrow a bound; a fixed point normally comes in
     * a few passes. The cap keeps a pathological table from looping for
     * long, at the cost of a weaker (never a wrong) audit. */
    size_t pass_limit = cell_count + equation_count + 2;
    bool is_changed = true;
    for (size_t pass = 0; pass < pass_limit && is_changed; pass++) {
        is_changed = false;
        for (size_t e = 0; e < equation_count; e++) {
            const protect_equation *eq = &equations[e];
            int64_t low_sum = 0;
            int64_t high_sum = 0;
            for (size_t i = 0; i < eq->member_count; i++) {
                low_sum += low[eq->members[i]];
                high_sum += high[eq->members[i]];
            }
            size_t t = eq->total;
            if (low_sum > low[t]) {
                low[t] = low_sum;
                is_changed = true;
            }
            if (high_sum < high[t]) {
                high[t] = high_sum;
                is_changed = true;
            }
            for (size_t i = 0; i < eq->member_count; i++) {
                size_t c = eq->members[i];
                int64_t can_low = low[t] - (high_sum - high[c]);
                int64_t can_high = high[t] - (low_sum - low[c]);
                /* Every bound stays inside [0, unbounded], so sums of them
                 * cannot overflow; bounds that cross pin the cell. */
                if (can_low < 0)
                    can_low = 0;
                if (can_low > limits->unbounded)
                    can_low = limits->unbounded;
                if (can_high < 0)
                    can_high = 0;
                if (can_high > limits->unbounded)
                    can_high = limits->unbounded;
                if (can_low > low[c]) {
                    low[c] = can_low;
                    is_changed = true;
                }
                if (can_high < high[c]) {
                    high[c] = can_high;
                    is_changed = true;
                }
            }
        }
    }
    for (size_t i = 0; i < cell_count; i++) {
        if (is_hidden(&cells[i]) && low[i] >= high[i])
            return i;
    }
    return SIZE_MAX;
}

ob_status
protect_cells(protect_cell *cells, size_t cell_count,
              const protect_equation *equations, size_t equation_count,
              int64_t threshold, ob_error *error)
{
    if (threshold <= 0)
        return OB_OK;
    bounds_rule limits = {threshold, threshold};
    for (size_t i = 0; i < cell_count; i++) {
        if (cells[i].has_value && cells[i].value > limits.unbounded)
            limits.unbounded = cells[i].value;
    }
    for (size_t i = 0; i < cell_count; i++) {
        protect_cell *cell = &cells[i];
        bool is_small = cell->has_value && cell->value < threshold
                        && (cell->value > 0 || cell->is_below_upstream);
        if (is_small)
            cell->protection = OB_SUPPRESSED_PRIMARY;
    }
    cell_index index;
    memset(&index, 0, sizeof index);
    ob_status status = index_cells(&index, cell_count, equations,
                                   equation_count, error);
    if (status != OB_OK) {
        index_free(&index);
        return status;
    }
    /* First each equation on its own; each pass only adds hidden cells,
     * so this ends. */
    bool is_changed = true;
    while (is_changed) {
        is_changed = false;
        for (size_t i = 0; i < equation_count; i++) {
            const protect_equation *e = &equations[i];
            while (reveals(cells, e, &limits)) {
                if (!hide_one_more(cells, e, &index, equations))
                    break;
                is_changed = true;
            }
        }
    }
    /* Then all of them together: while reasoning across equations pins a
     * hidden cell, hide one more number in an equation that holds it. */
    int64_t *low = malloc(cell_count * sizeof *low);
    int64_t *high = malloc(cell_count * sizeof *high);
    if (low == NULL || high == NULL) {
        free(low);
        free(high);
        index_free(&index);
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    }
    for (;;) {
        size_t pinned = find_pinned_cell(cells, cell_count, equations,
                                         equation_count, &limits, low, high);
        if (pinned == SIZE_MAX)
            break;
        /* Hide one more number next to a pinned cell: the first pinned
         * cell may have nothing left around it while a later one, which
         * pins it through another sum, still has. */
        bool is_hidden_more = false;
        for (size_t c = pinned; c < cell_count && !is_hidden_more; c++) {
            if (!is_hidden(&cells[c]) || low[c] < high[c])
                continue;
            for (size_t k = index.starts[c];
                 k < index.starts[c + 1] && !is_hidden_more; k++)
                is_hidden_more = hide_one_more(
                    cells, &equations[index.items[k]], &index, equations);
        }
        if (!is_hidden_more)
            break; /* everything around them is hidden: nothing to add */
    }
    free(low);
    free(high);
    index_free(&index);
    return OB_OK;
}
