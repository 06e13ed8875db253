/* Small-cell protection: primary suppression below a threshold, then
 * complementary suppression until no hidden cell can be recovered by
 * subtraction from the totals it adds up to. */
#include <stdlib.h>

#include "stats_internal.h"

static bool
is_hidden(const protect_cell *cell)
{
    return cell->protection != OB_PUBLISHED;
}

/* The bounds a reader can assume for a hidden cell. */
static void
bounds(int64_t *low, int64_t *high, const protect_cell *cell,
       int64_t threshold)
{
    if (cell->protection == OB_SUPPRESSED_PRIMARY) {
        *low = 1;
        *high = threshold - 1;
    } else {
        *low = 0;
        *high = INT64_MAX / 4; /* unbounded, with room to add */
    }
}

/* Whether equation E leaves some hidden number with only one possible
 * value. */
static bool
reveals(const protect_cell *cells, const protect_equation *e,
        int64_t threshold)
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
        bounds(&low, &high, cell, threshold);
        low_sum += low;
        high_sum += high;
    }
    for (size_t i = 0; i < e->member_count; i++) {
        const protect_cell *cell = &cells[e->members[i]];
        if (!is_hidden(cell))
            continue;
        int64_t low;
        int64_t high;
        bounds(&low, &high, cell, threshold);
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

/* Hide one more member of E: the smallest non-zero one, else a zero one;
 * the total when no member is left. Returns false when nothing is left. */
static bool
hide_one_more(protect_cell *cells, const protect_equation *e)
{
    size_t best = SIZE_MAX;
    for (size_t i = 0; i < e->member_count; i++) {
        const protect_cell *cell = &cells[e->members[i]];
        if (is_hidden(cell) || !cell->has_value)
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
    if (best == SIZE_MAX) {
        if (is_hidden(&cells[e->total]) || !cells[e->total].has_value)
            return false;
        best = e->total;
    }
    cells[best].protection = OB_SUPPRESSED_COMPLEMENTARY;
    return true;
}

ob_status
protect_cells(protect_cell *cells, size_t cell_count,
              const protect_equation *equations, size_t equation_count,
              int64_t threshold, ob_error *error)
{
    (void)error;
    if (threshold <= 0)
        return OB_OK;
    for (size_t i = 0; i < cell_count; i++) {
        protect_cell *cell = &cells[i];
        bool is_small = cell->has_value && cell->value < threshold
                        && (cell->value > 0 || cell->is_below_upstream);
        if (is_small)
            cell->protection = OB_SUPPRESSED_PRIMARY;
    }
    /* Each pass only adds hidden cells, so this ends. */
    bool is_changed = true;
    while (is_changed) {
        is_changed = false;
        for (size_t i = 0; i < equation_count; i++) {
            const protect_equation *e = &equations[i];
            while (reveals(cells, e, threshold)) {
                if (!hide_one_more(cells, e))
                    break;
                is_changed = true;
            }
        }
    }
    return OB_OK;
}
