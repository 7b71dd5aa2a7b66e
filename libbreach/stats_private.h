/* Numerical helpers shared by the statistics layer (private). Each wraps GSL so that no
 * argument can reach GSL's error handler (which aborts by default): callers validate, and
 * these check again where GSL would complain. */
#ifndef BREACH_STATS_PRIVATE_H
#define BREACH_STATS_PRIVATE_H

#include "breach_private.h"

#include <gsl/gsl_math.h> /* M_PI, M_SQRT2, M_LN2 (not in strict C11) */
#include <gsl/gsl_rng.h>

/* Largest degrees of freedom handed to GSL's incomplete gamma (its series stop at 5,000
 * terms; beyond about 2 * 10^5 degrees of freedom near the mean they would not converge). */
#define BREACH_STATS_MAX_DF 200000.0

/* The link options a computation over ds runs with (o, or the defaults written into
 * *defaults when o is NULL), checked: NULL with err filled for no dataset, a reserved word
 * set, a negative window or an unknown date field (BREACH_EINVAL). breach_links_compute and
 * breach_format_overlap_compute share them. */
const breach_link_options *breach_link_options_ready(const breach_dataset *ds,
                                                     const breach_link_options *o,
                                                     breach_link_options *defaults,
                                                     breach_error *err);

/* What breach_format_overlap_over marks on a notice (one byte a selected notice). */
enum {
    BREACH_OVERLAP_PAIRED = 1,      /* a notice of the same organisation from an input of
                                       another format lies within the window */
    BREACH_OVERLAP_NOTICE_TWICE = 2, /* one of the notices that notices_twice counts */
    BREACH_OVERLAP_TOTAL_TWICE = 4   /* its total is one of the figures twice[] adds up */
};

/* breach_format_overlap (stats.h) over sel[0..n) (dataset indices, ascending), or over the
 * incidents f selects when sel is NULL, into *r (cleared first); with marks (n bytes,
 * sel only) what each notice is (BREACH_OVERLAP_*), so that a statistic can place what
 * may count twice (the periods of a series). o: NULL for the defaults. 0, BREACH_EINVAL
 * (bad options), BREACH_ENOMEM or BREACH_EOVERFLOW, with err filled. */
int breach_format_overlap_over(const breach_dataset *ds, const breach_filter *f,
                               const size_t *sel, size_t n, const breach_link_options *o,
                               breach_format_overlap *r, uint8_t *marks, breach_error *err);

/* Whether level is a usable confidence level: finite, 0 < level < 1. */
int breach_stats_level_ok(double level);

/* The two-sided standard normal quantile z_{(1+level)/2}. */
double breach_stats_z(double level);

/* The type-7 p-quantile of sorted[0..n) (GSL gsl_stats_quantile_from_sorted_data); NaN
 * when n = 0 or p is outside [0, 1]. */
double breach_stats_quantile(const double *sorted, size_t n, double p);

/* Quantiles by inverting GSL's CDFs with bisection to full double precision (GSL's own
 * inverses report a failure to converge through the error handler). NaN on bad
 * arguments or when the CDF is not computable (GSL's incomplete beta gives NaN when its
 * continued fraction needs more than 512 steps, around a + b of 10^6). */
double breach_stats_beta_quantile(double p, double a, double b);
double breach_stats_t_quantile(double p, double nu);
double breach_stats_chisq_quantile(double p, double nu);

/* Upper tail of chi-square(nu) at x; NaN unless x >= 0 and 0 < nu <= BREACH_STATS_MAX_DF. */
double breach_stats_chisq_sf(double x, double nu);

/* ln Q(z) (upper tail of the standard normal), ln P(z), and the inverse Mills ratio
 * phi(z) / Q(z); exact in the far tails (GSL's log-erfc; no gsl_sf_exp underflow). */
double breach_stats_log_sf(double z);
double breach_stats_log_cdf(double z);
double breach_stats_mills(double z);

/* A gsl_rng_mt19937 seeded with seed (0 is GSL's default seed, 4357), or NULL when out of
 * memory (err filled). */
gsl_rng *breach_stats_rng(uint32_t seed, breach_error *err);

/* Sample variance (divisor n - 1) of x[0..n); NaN for n < 2. */
double breach_stats_variance(const double *x, size_t n);

#endif
