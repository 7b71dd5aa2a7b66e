/* Seeded nonparametric bootstrap of a scalar statistic, percentile intervals. */
#include "progress_private.h"
#include "stats_private.h"

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_REPLICATES 10000000u

void breach_bootstrap_options_init(breach_bootstrap_options *o)
{
    if (!o)
        return;
    memset(o, 0, sizeof *o);
    o->replicates = 2000;
    o->seed = 1;
    o->level = 0.95;
}

double breach_statistic_mean(double *x, size_t n, void *ctx)
{
    (void)ctx;
    if (!x || n == 0)
        return NAN;
    return gsl_stats_mean(x, 1, n);
}

double breach_statistic_quantile(double *x, size_t n, void *ctx)
{
    const double *p = ctx;
    if (!x || n == 0 || !p)
        return NAN;
    gsl_sort(x, 1, n);
    return breach_stats_quantile(x, n, *p);
}

double breach_statistic_median(double *x, size_t n, void *ctx)
{
    (void)ctx;
    double half = 0.5;
    return breach_statistic_quantile(x, n, &half);
}

double breach_statistic_geomean(double *x, size_t n, void *ctx)
{
    (void)ctx;
    if (!x || n == 0)
        return NAN;
    double s = 0;
    for (size_t i = 0; i < n; i++) {
        if (!(x[i] > 0))
            return NAN;
        s += log(x[i]);
    }
    return exp(s / (double)n);
}

breach_bootstrap *breach_bootstrap_compute(const double *x, size_t n, breach_statistic_fn stat,
                                           void *ctx, const breach_bootstrap_options *o,
                                           breach_error *err)
{
    breach_bootstrap_options defaults;
    if (!o) {
        breach_bootstrap_options_init(&defaults);
        o = &defaults;
    }
    if (!x || !stat || n == 0) {
        breach_fail(err, BREACH_EINVAL, "bootstrap needs values (n >= 1) and a statistic");
        return NULL;
    }
    if (n > 0xffffffffu) {
        breach_fail(err, BREACH_EINVAL, "bootstrap of %zu values: at most 2^32 - 1", n);
        return NULL;
    }
    if (BREACH_RESERVED_OK(o, 0, "bootstrap options", "breach_bootstrap_options_init", err))
        return NULL;
    if (o->replicates < 1 || o->replicates > MAX_REPLICATES || !breach_stats_level_ok(o->level)) {
        breach_fail(err, BREACH_EINVAL,
                    "bootstrap options: %u replicates (1 .. %u), level %g (0 .. 1 exclusive)",
                    (unsigned)o->replicates, MAX_REPLICATES, o->level);
        return NULL;
    }
    size_t bytes;
    if (!breach_size_mul(n, sizeof(double), &bytes)) {
        breach_fail(err, BREACH_EOVERFLOW, "bootstrap of %zu values: size overflow", n);
        return NULL;
    }
    breach_bootstrap *b = breachp_calloc(1, sizeof *b);
    double *buf = breachp_malloc(bytes);
    gsl_rng *rng = NULL;
    if (!b || !buf)
        goto oom;
    b->values = breachp_malloc((size_t)o->replicates * sizeof *b->values);
    if (!b->values)
        goto oom;
    b->replicates = o->replicates;
    b->seed = o->seed;
    b->ci.level = o->level;
    memcpy(buf, x, bytes);
    b->ci.estimate = stat(buf, n, ctx);
    if (!isfinite(b->ci.estimate)) {
        breach_fail(err, BREACH_EINVAL, "the statistic is not finite on the data itself");
        goto fail;
    }
    if (!(rng = breach_stats_rng(o->seed, err)))
        goto fail;
    breach_progress pr;
    if (breach_progress_begin(&pr, o->progress, o->progress_ctx, o->replicates, "the bootstrap",
                              err))
        goto fail;
    for (uint32_t r = 0; r < o->replicates; r++) {
        for (size_t i = 0; i < n; i++)
            buf[i] = x[gsl_rng_uniform_int(rng, (unsigned long)n)];
        double v = stat(buf, n, ctx);
        if (isfinite(v))
            b->values[b->n_values++] = v;
        else
            b->n_invalid++;
        if (breach_progress_step(&pr, (uint64_t)r + 1, err))
            goto fail;
    }
    breach_progress_end(&pr);
    if (b->n_values < 2) {
        breach_fail(err, BREACH_EINVAL, "only %zu of %u bootstrap replicates gave a finite value",
                    b->n_values, (unsigned)o->replicates);
        goto fail;
    }
    gsl_sort(b->values, 1, b->n_values);
    double alpha = 1 - o->level;
    b->ci.lo = breach_stats_quantile(b->values, b->n_values, alpha / 2);
    b->ci.hi = breach_stats_quantile(b->values, b->n_values, 1 - alpha / 2);
    b->se = sqrt(breach_stats_variance(b->values, b->n_values));
    gsl_rng_free(rng);
    breachp_free(buf);
    return b;
oom:
    breach_fail(err, BREACH_ENOMEM, "out of memory for the bootstrap");
fail:
    if (rng)
        gsl_rng_free(rng);
    breachp_free(buf);
    breach_bootstrap_free(b);
    return NULL;
}

void breach_bootstrap_free(breach_bootstrap *b)
{
    if (!b)
        return;
    breachp_free(b->values);
    breachp_free(b);
}
