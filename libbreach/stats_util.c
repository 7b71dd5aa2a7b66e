/* Numerical helpers of the statistics layer; see stats_private.h. */
#include "stats_private.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_erf.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>

int breach_stats_level_ok(double level) { return isfinite(level) && level > 0 && level < 1; }

double breach_stats_z(double level) { return gsl_cdf_ugaussian_Pinv(0.5 + level / 2); }

double breach_stats_quantile(const double *sorted, size_t n, double p)
{
    if (!sorted || n == 0 || !(p >= 0 && p <= 1))
        return NAN;
    return gsl_stats_quantile_from_sorted_data(sorted, 1, n, p);
}

/* Bisection on [lo, hi] for cdf(x) = p, with cdf(lo) <= p <= cdf(hi): stops when the
 * interval cannot be split (adjacent doubles), at most a few thousand steps. */
typedef double (*cdf_fn)(double x, const double *par);

static double invert(cdf_fn cdf, const double *par, double p, double lo, double hi)
{
    for (int it = 0; it < 4000; it++) {
        double mid = lo + (hi - lo) / 2;
        if (!(mid > lo && mid < hi))
            break;
        double v = cdf(mid, par);
        if (isnan(v))
            return NAN;
        if (v < p)
            lo = mid;
        else
            hi = mid;
    }
    return lo + (hi - lo) / 2;
}

static double beta_cdf(double x, const double *par) { return gsl_cdf_beta_P(x, par[0], par[1]); }

double breach_stats_beta_quantile(double p, double a, double b)
{
    if (!(p >= 0 && p <= 1) || !(a > 0 && b > 0) || !isfinite(a) || !isfinite(b))
        return NAN;
    if (p == 0)
        return 0;
    if (p == 1)
        return 1;
    double par[2] = {a, b};
    return invert(beta_cdf, par, p, 0, 1);
}

static double t_cdf(double x, const double *par) { return gsl_cdf_tdist_P(x, par[0]); }

double breach_stats_t_quantile(double p, double nu)
{
    if (!(p > 0 && p < 1) || !(nu > 0) || !isfinite(nu))
        return NAN;
    double par[1] = {nu};
    double lo = -1, hi = 1;
    for (int k = 0; k < 2000 && t_cdf(lo, par) > p; k++)
        lo *= 2;
    for (int k = 0; k < 2000 && t_cdf(hi, par) < p; k++)
        hi *= 2;
    if (!isfinite(lo) || !isfinite(hi))
        return NAN;
    return invert(t_cdf, par, p, lo, hi);
}

static double chisq_cdf(double x, const double *par) { return gsl_cdf_chisq_P(x, par[0]); }

double breach_stats_chisq_quantile(double p, double nu)
{
    if (!(p > 0 && p < 1) || !(nu > 0 && nu <= BREACH_STATS_MAX_DF))
        return NAN;
    double par[1] = {nu};
    double hi = nu + 10 * sqrt(nu) + 10;
    for (int k = 0; k < 2000 && chisq_cdf(hi, par) < p; k++)
        hi *= 2;
    if (!isfinite(hi))
        return NAN;
    return invert(chisq_cdf, par, p, 0, hi);
}

double breach_stats_chisq_sf(double x, double nu)
{
    if (!(x >= 0) || !(nu > 0 && nu <= BREACH_STATS_MAX_DF))
        return NAN;
    if (isinf(x))
        return 0;
    return gsl_cdf_chisq_Q(x, nu);
}

double breach_stats_log_sf(double z)
{
    if (isnan(z))
        return NAN;
    if (z == -INFINITY)
        return 0;
    if (z == INFINITY)
        return -INFINITY;
    return gsl_sf_log_erfc(z / M_SQRT2) - M_LN2;
}

double breach_stats_log_cdf(double z) { return breach_stats_log_sf(-z); }

double breach_stats_mills(double z)
{
    /* ln phi(z) - ln Q(z), through libm's exp (which underflows quietly to 0) */
    return exp(-0.5 * z * z - 0.5 * log(2 * M_PI) - breach_stats_log_sf(z));
}

gsl_rng *breach_stats_rng(uint32_t seed, breach_error *err)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    if (!r) {
        breach_fail(err, BREACH_ENOMEM, "out of memory for a random number generator");
        return NULL;
    }
    gsl_rng_set(r, seed);
    return r;
}

double breach_stats_variance(const double *x, size_t n)
{
    if (n < 2)
        return NAN;
    return gsl_stats_variance(x, 1, n);
}
