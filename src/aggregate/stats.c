/* Intervals, summaries and trends with GSL. GSL's abort handler is off
 * (see stats_init), every return is checked and every result must be
 * finite; inputs are checked first (n >= 2 for a standard deviation,
 * sorted data for quantiles, n >= 3 for a trend). */
#include "opbrief/stats.h"

#include <math.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "stats_internal.h"

#define CONFIDENCE 0.95

void
stats_init(void)
{
    static bool is_done;
    if (!is_done) {
        gsl_set_error_handler_off();
        is_done = true;
    }
}

/* GSL's inverse beta and chi-squared distributions fail to converge for
 * many ordinary arguments (e.g. the 97.5% point of Beta(3, 258), or of
 * chi-squared with 2320 degrees of freedom), while the distribution
 * functions themselves are sound. Where the inverse fails (NaN, with the
 * error handler off), the quantile is found by bisection on the
 * distribution function instead, to the last bit of a double. */
typedef double (*distribution_fn)(double x, double a, double b);

static double
beta_distribution(double x, double a, double b)
{
    return gsl_cdf_beta_P(x, a, b);
}

static double
chisq_distribution(double x, double degrees, double unused)
{
    (void)unused;
    return gsl_cdf_chisq_P(x, degrees);
}

/* The point X in [LOW, HIGH] where DISTRIBUTION(X) reaches P; HIGH is
 * doubled until it is past that point. NaN when the function fails. */
static double
quantile(distribution_fn distribution, double p, double a, double b,
         double low, double high)
{
    double at_high = distribution(high, a, b);
    while (isfinite(high) && isfinite(at_high) && at_high < p) {
        low = high;
        high *= 2;
        at_high = distribution(high, a, b);
    }
    if (!isfinite(high) || !isfinite(at_high))
        return NAN;
    for (;;) {
        double middle = low + (high - low) / 2;
        if (middle <= low || middle >= high)
            return high;
        double at_middle = distribution(middle, a, b);
        if (!isfinite(at_middle))
            return NAN;
        if (at_middle < p)
            low = middle;
        else
            high = middle;
    }
}

static ob_status
not_finite(ob_error *error, const char *what)
{
    return ob_error_set(error, OB_ERR_DATA, "%s is not a finite number",
                        what);
}

ob_status
ob_poisson_interval(double *low, double *high, int64_t count, ob_error *error)
{
    stats_init();
    double alpha = 1.0 - CONFIDENCE;
    double k = (double)count;
    if (count < 0)
        return ob_error_set(error, OB_ERR_DATA,
                            "a Poisson interval needs a count of 0 or more");
    double start = 2 * k + 2;
    *low = count == 0 ? 0.0 : gsl_cdf_chisq_Pinv(alpha / 2, 2 * k) / 2;
    if (!isfinite(*low))
        *low = quantile(chisq_distribution, alpha / 2, 2 * k, 0, 0, start)
               / 2;
    *high = gsl_cdf_chisq_Pinv(1 - alpha / 2, 2 * k + 2) / 2;
    if (!isfinite(*high))
        *high = quantile(chisq_distribution, 1 - alpha / 2, 2 * k + 2, 0, 0,
                         start)
                / 2;
    if (!isfinite(*low) || !isfinite(*high))
        return ob_error_set(error, OB_ERR_DATA,
                            "the Poisson interval of %lld is not a finite "
                            "number",
                            (long long)count);
    return OB_OK;
}

ob_status
ob_proportion_interval(double *low, double *high, int64_t x, int64_t n,
                       ob_error *error)
{
    stats_init();
    double alpha = 1.0 - CONFIDENCE;
    if (n <= 0 || x < 0 || x > n)
        return ob_error_set(error, OB_ERR_DATA,
                            "a proportion needs 0 <= x <= n and n > 0");
    double successes = (double)x;
    double failures = (double)(n - x);
    *low = x == 0 ? 0.0
                  : gsl_cdf_beta_Pinv(alpha / 2, successes, failures + 1);
    if (!isfinite(*low))
        *low = quantile(beta_distribution, alpha / 2, successes,
                        failures + 1, 0, 1);
    *high = x == n ? 1.0
                   : gsl_cdf_beta_Pinv(1 - alpha / 2, successes + 1,
                                       failures);
    if (!isfinite(*high))
        *high = quantile(beta_distribution, 1 - alpha / 2, successes + 1,
                         failures, 0, 1);
    if (!isfinite(*low) || !isfinite(*high))
        return ob_error_set(error, OB_ERR_DATA,
                            "the Clopper-Pearson interval of %lld in %lld is "
                            "not a finite number",
                            (long long)x, (long long)n);
    return OB_OK;
}

ob_status
ob_summarize(ob_summary *summary, double *values, size_t count, double total,
             ob_error *error)
{
    stats_init();
    memset(summary, 0, sizeof *summary);
    summary->n = count;
    if (count == 0)
        return OB_OK;
    for (size_t i = 0; i < count; i++) {
        if (!isfinite(values[i]))
            return not_finite(error, "a value to summarize");
    }
    gsl_sort(values, 1, count);
    summary->mean = gsl_stats_mean(values, 1, count);
    summary->median = gsl_stats_median_from_sorted_data(values, 1, count);
    summary->q1 = gsl_stats_quantile_from_sorted_data(values, 1, count, 0.25);
    summary->q3 = gsl_stats_quantile_from_sorted_data(values, 1, count, 0.75);
    summary->p90 = gsl_stats_quantile_from_sorted_data(values, 1, count, 0.9);
    summary->has_mean = isfinite(summary->mean);
    summary->has_median = isfinite(summary->median);
    summary->has_quartiles = isfinite(summary->q1) && isfinite(summary->q3);
    summary->has_p90 = isfinite(summary->p90);
    if (count >= 2) {
        summary->sd = gsl_stats_sd(values, 1, count);
        summary->has_sd = isfinite(summary->sd);
    }
    if (total > 0) {
        double top = 0;
        for (size_t i = 0; i < count && i < 5; i++)
            top += values[count - 1 - i];
        summary->top5_share = top / total;
        summary->has_top5 = isfinite(summary->top5_share);
    }
    if (!summary->has_mean || !summary->has_median || !summary->has_quartiles
        || !summary->has_p90)
        return not_finite(error, "a summary statistic");
    return OB_OK;
}

ob_status
ob_fit_trend(ob_trend *trend, const double *x, const double *y, size_t count,
             ob_error *error)
{
    stats_init();
    memset(trend, 0, sizeof *trend);
    trend->months = count;
    if (count < 3)
        return OB_OK;
    double intercept;
    double slope;
    double cov00;
    double cov01;
    double cov11;
    double sumsq;
    int status = gsl_fit_linear(x, 1, y, 1, count, &intercept, &slope, &cov00,
                                &cov01, &cov11, &sumsq);
    if (status != GSL_SUCCESS)
        return ob_error_set(error, OB_ERR_DATA, "the trend fit failed: %s",
                            gsl_strerror(status));
    double t = gsl_cdf_tdist_Pinv(1 - (1 - CONFIDENCE) / 2,
                                  (double)(count - 2));
    double half_width = t * sqrt(cov11);
    if (!isfinite(slope) || !isfinite(intercept) || !isfinite(half_width))
        return not_finite(error, "the trend");
    trend->has_value = true;
    trend->slope = slope;
    trend->intercept = intercept;
    trend->slope_low = slope - half_width;
    trend->slope_high = slope + half_width;
    return OB_OK;
}
