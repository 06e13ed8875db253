/* The aggregate stage, part two: the published numbers.
 *
 * ob_table_new() turns a cube into a table: per group, each measure with
 * its share, rank, exact 95% intervals and flags; per partition (the groups
 * that share the outer key, or all of them), totals, statistics across the
 * groups and, over months, changes and a trend; and the small-cell
 * protection of victim counts applied to all of it.
 *
 * The structures are plain data: the render stage reads them without
 * calling into this stage. The table owns everything it points to except
 * the labels, which it borrows from the cube: free the table first. */
#ifndef OPBRIEF_STATS_H
#define OPBRIEF_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "opbrief/cube.h"

typedef struct ob_dc ob_dc; /* disclosure.h */

/* A term of a signature, "KEY is VALUE" (disclosure.h says more). */
typedef struct ob_dc_term {
    ob_key key;
    const char *name;  /* OB_KEY_EXTRA: the column's name; else NULL */
    const char *value; /* the label; alpha-3 for country and citizenship;
                          NULL for "none" (not attributed, not given) */
} ob_dc_term;

#define OB_TABLE_MAX_FILTERS 2

#define OB_DEFAULT_SUPPRESS_BELOW 10
#define OB_DEFAULT_TREND_MONTHS 12

typedef struct ob_table_options {
    /* Victim counts from 1 to SUPPRESS_BELOW - 1 are published as
     * "<SUPPRESS_BELOW"; 0 turns protection off. */
    int64_t suppress_below;
    /* Months in the trend window, ending at the last month of the data. */
    size_t trend_months;
    /* Compute the 95% intervals of counts and shares: the costly part of
     * a large table (about 5 us each); without them, count and share
     * intervals have no value (shares themselves are still computed). */
    bool has_intervals;
    /* Whether the grand total is published with the table. A monthly
     * report publishes no sum over months: its series by month protect
     * each month alone, without the sum that would call for more hiding. */
    bool has_grand_total;
    /* The publication the table is part of (disclosure.h), borrowed: its
     * figures are protected jointly with every other table and every
     * figure already published there. NULL: the table alone. */
    ob_dc *publication;
    /* What the records of the table were chosen by (--operation NAME):
     * every figure counts only such records. Strings borrowed. */
    ob_dc_term filters[OB_TABLE_MAX_FILTERS];
    size_t filter_count;
} ob_table_options;

/* Sets OPTIONS to the defaults. */
void ob_table_options_init(ob_table_options *options);

/* ob_protection, how a published number stands, is in core.h. */

/* A number with an interval; HAS_VALUE false means "no value" (not 0). */
typedef struct ob_estimate {
    bool has_value;
    double value;
    bool has_interval; /* computed only with options.has_intervals */
    double low;        /* 95% interval */
    double high;
} ob_estimate;

/* A change against an earlier period. */
typedef struct ob_change {
    bool has_value;    /* both periods have data and are published */
    int64_t absolute;  /* current - base */
    bool is_new;       /* base 0, current > 0: no relative change */
    bool has_relative; /* base > 0 */
    double relative;   /* (current - base) / base */
} ob_change;

/* One measure of one group (or of a total). */
typedef struct ob_cell {
    const ob_sum *sum; /* the cube's sum: counts of missing, ~, >, < */
    bool has_value;    /* something was reported */
    int64_t value;
    bool is_lower_bound; /* a ">" or "<" cell went into it */
    bool is_approximate; /* a "~" cell went into it */
    /* The cell as published (core.h): its protection, decided by
     * disclosure control, and its value only when it is shown. Writers,
     * charts and sentences show this, never the fields above. */
    ob_figure published;
    ob_estimate count;   /* exact (Garwood) Poisson 95% interval */
    ob_estimate share;   /* of the partition total; Clopper-Pearson */
    size_t rank;         /* 1 = largest in the partition; 0 = none */
    ob_change month_over_month; /* groupings ending in month */
    ob_change year_over_year;
} ob_cell;

typedef struct ob_table_group {
    const ob_group *group; /* keys, rows, countries */
    ob_cell cells[OB_MEASURE_COUNT];
    ob_estimate victims_per_arrest; /* no interval: value only */
} ob_table_group;

/* Statistics across the groups of a partition, for one measure. NONE
 * groups ("Not attributed", "No date") are left out. */
typedef struct ob_summary {
    size_t n; /* groups with a value */
    bool is_withheld; /* would reveal a suppressed cell */
    bool has_mean, has_median, has_quartiles, has_p90, has_sd, has_top5;
    double mean, median, q1, q3, p90, sd;
    double top5_share; /* of the partition total */
} ob_summary;

/* A linear trend over the last months of a partition. */
typedef struct ob_trend {
    bool has_value;  /* at least 3 months with published values */
    bool is_withheld;
    size_t months;   /* points in the fit */
    int first_month_index, last_month_index;
    double slope;    /* per month */
    double slope_low, slope_high; /* 95% interval (t quantile) */
    double intercept; /* value at first_month_index */
} ob_trend;

typedef struct ob_partition {
    /* The outer key's value; NULL for a one-key grouping. */
    const ob_key_value *key;
    size_t first_group; /* groups [first_group, first_group + group_count) */
    size_t group_count;
    size_t rows;
    ob_sum total_sums[OB_MEASURE_COUNT];
    ob_cell totals[OB_MEASURE_COUNT];
    ob_summary summaries[OB_MEASURE_COUNT];
    ob_trend trends[OB_MEASURE_COUNT];
} ob_partition;

typedef struct ob_table {
    ob_grouping grouping;
    ob_table_options options;
    size_t group_count;
    ob_table_group *groups;
    size_t partition_count;
    ob_partition *partitions;
    ob_cell totals[OB_MEASURE_COUNT]; /* the grand total */
    ob_sum total_sums[OB_MEASURE_COUNT];
    size_t total_rows;
    /* Victim figures of the table (groups, partition totals and the
     * total, each once) shown as "<K" and as "x". */
    size_t suppressed_primary;
    size_t suppressed_complementary;
    /* The fewest "x" an exact search found for the same publication, when
     * the caller searched (ob_dc_minimum()). */
    bool has_minimum;
    size_t minimum_complementary;
    size_t *figure_ids; /* the publication's figure of each group, then of
                           each partition, then of the total; SIZE_MAX for
                           one not published */
} ob_table;

/* Build the table of CUBE. The cube must outlive the table. With
 * OPTIONS->publication, the table's figures join that publication and
 * nothing that depends on protection is filled in: call ob_dc_protect()
 * on the publication, then ob_table_publish() on each of its tables. */
ob_status ob_table_new(ob_table **out, ob_cube *cube,
                       const ob_table_options *options, ob_error *error);
ob_status ob_table_publish(ob_table *table, ob_error *error);
void ob_table_free(ob_table *table);

/* Exact 95% intervals, exposed for tests and for the render stage's
 * notes. Garwood: [chi2(0.025; 2k)/2, chi2(0.975; 2k+2)/2], low 0 at k 0.
 * Clopper-Pearson: beta quantiles; [0, ..] at x 0 and [.., 1] at x n. */
ob_status ob_poisson_interval(double *low, double *high, int64_t count,
                              ob_error *error);
ob_status ob_proportion_interval(double *low, double *high, int64_t x,
                                 int64_t n, ob_error *error);

/* Across-group statistics of VALUES (COUNT of them, any order; sorted in
 * place). n = 0 gives no value at all; n = 1 gives the value as mean,
 * median and quartiles and no standard deviation. Quantiles interpolate
 * between order statistics at (n - 1) p (R's type 7, GSL's rule). */
ob_status ob_summarize(ob_summary *summary, double *values, size_t count,
                       double total, ob_error *error);

/* Least-squares trend through (X[i], Y[i]); fewer than 3 points give no
 * trend. */
ob_status ob_fit_trend(ob_trend *trend, const double *x, const double *y,
                       size_t count, ob_error *error);

#endif
