/* Size distributions: the affected counts, their summaries and CCDF, and the log-normal
 * maximum-likelihood fit with censoring. */
#include "dataset_private.h"
#include "dist_private.h"
#include "input_private.h"
#include "sort_private.h"
#include "stats_private.h"

#include <gsl/gsl_multimin.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define LN_SQRT_2PI 0.91893853320467274178

/* ---------------------------------------------------------------- the sizes */

/* The type-7 p-quantile of sorted u[0..m) as an integer, when it is one of the values: its
 * position p (m - 1) computed as GSL computes it (gsl_stats_quantile_from_sorted_data), whole
 * or between two equal values. Returns whether it is. */
static bool quantile_u(const uint64_t *u, size_t m, double p, uint64_t *out)
{
    const double index = p * (double)(m - 1);
    const size_t lhs = (size_t)index;
    if (lhs + 1 < m && index - (double)lhs != 0 && u[lhs] != u[lhs + 1])
        return false;
    *out = u[lhs];
    return true;
}

breach_sizes *breach_sizes_compute(const breach_dataset *ds, const breach_filter *f,
                                   breach_error *err)
{
    if (!ds) {
        breach_fail(err, BREACH_EINVAL, "no dataset");
        return NULL;
    }
    size_t n;
    int rc;
    size_t *sel = breach_select(ds, f, 0, &n, &rc, err);
    if (rc)
        return NULL;
    double *logs = NULL;
    uint64_t *exact = NULL;
    breach_sizes *s = breachp_calloc(1, sizeof *s);
    if (!s)
        goto oom;
    s->n_incidents = n;
    /* one unit: sizes of people and of accounts are not one distribution */
    uint64_t n_unit[BREACH_UNIT_COUNT_] = {0};
    for (size_t k = 0; k < n; k++)
        n_unit[ds->unit[sel[k]]]++;
    for (int u = 0; u < BREACH_UNIT_COUNT_; u++)
        s->units |= n_unit[u] ? 1u << u : 0;
    s->unit = breach_result_unit(f, n_unit);
    s->n_other_units = n - n_unit[s->unit];
    size_t cap = n ? n : 1;
    /* the exact values as integers first: sorted so, they give the summaries that are
       sizes exactly (past 2^53 a double does not) */
    exact = breachp_malloc(cap * sizeof *exact);
    s->values = breachp_malloc(cap * sizeof *s->values);
    s->at_least = breachp_malloc(cap * sizeof *s->at_least);
    s->at_most = breachp_malloc(cap * sizeof *s->at_most);
    if (!exact || !s->values || !s->at_least || !s->at_most)
        goto oom;
    for (size_t k = 0; k < n; k++) {
        size_t i = sel[k];
        if (ds->unit[i] != s->unit)
            continue;
        uint64_t a = breach_ds_affected(ds, i);
        switch (ds->qualifier[i]) {
        case BREACH_COUNT_UNKNOWN: s->n_unknown++; continue;
        case BREACH_COUNT_AT_LEAST: s->at_least[s->n_at_least++] = (double)a; break;
        case BREACH_COUNT_AT_MOST: s->at_most[s->n_at_most++] = (double)a; break;
        case BREACH_COUNT_ESTIMATED: s->n_estimated++; /* fall through */
        default:
            exact[s->n++] = a;
            s->n_zero += a == 0;
            s->n_placeholders += (ds->flags[i] & BREACH_FLAG_PLACEHOLDER) != 0;
            break;
        }
        uint64_t floor = breach_input_floor_of(ds, i);
        if (floor) {
            s->n_floored++;
            s->floor = floor > s->floor ? floor : s->floor;
        }
    }
    breachp_free(sel);
    sel = NULL;
    if (breach_radix_sort_high(exact, NULL, s->n, 0))
        goto oom;
    for (size_t k = 0; k < s->n; k++) /* uint64 -> double keeps the order */
        s->values[k] = (double)exact[k];
    gsl_sort(s->at_least, 1, s->n_at_least);
    gsl_sort(s->at_most, 1, s->n_at_most);
    s->min = s->q1 = s->median = s->q3 = s->p90 = s->p99 = s->max = s->mean = NAN;
    s->geomean = s->geosd = NAN;
    if (s->n) {
        const double *x = s->values;
        size_t m = s->n;
        s->min = x[0];
        s->max = x[m - 1];
        s->q1 = breach_stats_quantile(x, m, 0.25);
        s->median = breach_stats_quantile(x, m, 0.5);
        s->q3 = breach_stats_quantile(x, m, 0.75);
        s->p90 = breach_stats_quantile(x, m, 0.9);
        s->p99 = breach_stats_quantile(x, m, 0.99);
        static const struct {
            double p;
            uint32_t bit;
            size_t at;
        } q[] = {{0, BREACH_SIZES_MIN, offsetof(breach_sizes, min_u)},
                 {0.25, BREACH_SIZES_Q1, offsetof(breach_sizes, q1_u)},
                 {0.5, BREACH_SIZES_MEDIAN, offsetof(breach_sizes, median_u)},
                 {0.75, BREACH_SIZES_Q3, offsetof(breach_sizes, q3_u)},
                 {0.9, BREACH_SIZES_P90, offsetof(breach_sizes, p90_u)},
                 {0.99, BREACH_SIZES_P99, offsetof(breach_sizes, p99_u)},
                 {1, BREACH_SIZES_MAX, offsetof(breach_sizes, max_u)}};
        for (size_t k = 0; k < sizeof q / sizeof q[0]; k++)
            if (quantile_u(exact, m, q[k].p, (uint64_t *)((char *)s + q[k].at)))
                s->exact_u |= q[k].bit;
        s->mean = gsl_stats_mean(x, 1, m);
        size_t npos = m - s->n_zero; /* zeros sort first */
        if (npos) {
            logs = breachp_malloc(npos * sizeof *logs);
            if (!logs)
                goto oom;
            for (size_t k = 0; k < npos; k++)
                logs[k] = log(x[s->n_zero + k]);
            s->geomean = exp(gsl_stats_mean(logs, 1, npos));
            if (npos > 1)
                s->geosd = exp(sqrt(breach_stats_variance(logs, npos)));
        }
        /* CCDF: P(X >= x) at each distinct value */
        s->ccdf_x = breachp_malloc(m * sizeof *s->ccdf_x);
        s->ccdf_p = breachp_malloc(m * sizeof *s->ccdf_p);
        s->ccdf_u = breachp_malloc(m * sizeof *s->ccdf_u);
        if (!s->ccdf_x || !s->ccdf_p || !s->ccdf_u)
            goto oom;
        /* distinct integers: two values past 2^53 may be one double and still two sizes */
        for (size_t k = 0; k < m; k++) {
            if (k && exact[k] == exact[k - 1])
                continue;
            s->ccdf_u[s->n_ccdf] = exact[k];
            s->ccdf_x[s->n_ccdf] = x[k];
            s->ccdf_p[s->n_ccdf++] = (double)(m - k) / (double)m;
        }
    }
    breachp_free(exact);
    breachp_free(logs);
    return s;
oom:
    breach_fail(err, BREACH_ENOMEM, "out of memory for the size distribution");
    breachp_free(sel);
    breachp_free(exact);
    breachp_free(logs);
    breach_sizes_free(s);
    return NULL;
}

void breach_sizes_free(breach_sizes *s)
{
    if (!s)
        return;
    breachp_free(s->values);
    breachp_free(s->at_least);
    breachp_free(s->at_most);
    breachp_free(s->ccdf_x);
    breachp_free(s->ccdf_p);
    breachp_free(s->ccdf_u);
    breachp_free(s);
}

double breach_sizes_quantile(const breach_sizes *s, double p)
{
    return s ? breach_stats_quantile(s->values, s->n, p) : NAN;
}

/* ---------------------------------------------------------------- log-normal likelihood */

/* Adds w * g(z) for g = ln Q (right = 1) or ln P (right = 0) at z = (y - mu) / sigma, with
 * its derivatives (see the derivation in doc/statistics.md). */
static double add_tail(double y, double mu, double sigma, double w, int right, double *g,
                       double *h)
{
    double z = (y - mu) / sigma, g1, g2, v;
    if (right) {
        double lam = breach_stats_mills(z);
        v = breach_stats_log_sf(z);
        g1 = -lam;
        g2 = -lam * (lam - z);
    } else {
        double lam = breach_stats_mills(-z);
        v = breach_stats_log_cdf(z);
        g1 = lam;
        g2 = -lam * (lam + z);
    }
    if (g) {
        g[0] += w * -g1 / sigma;
        g[1] += w * -g1 * z / sigma;
    }
    if (h) {
        double s2 = sigma * sigma;
        h[0] += w * g2 / s2;
        h[1] += w * (g2 * z + g1) / s2;
        h[2] += w * (g2 * z * z + 2 * g1 * z) / s2;
    }
    return w * v;
}

double breach_ln_loglik(const breach_ln_data *d, double mu, double sigma, double *g, double *h)
{
    if (g)
        g[0] = g[1] = 0;
    if (h)
        h[0] = h[1] = h[2] = 0;
    double l = 0, s2 = sigma * sigma, zs = 0, zz = 0, n = (double)d->n_exact;
    for (size_t i = 0; i < d->n_exact; i++) {
        double z = (d->ly[i] - mu) / sigma;
        zs += z;
        zz += z * z;
    }
    l = -d->sum_ly - n * log(sigma) - n * LN_SQRT_2PI - zz / 2;
    if (g) {
        g[0] += zs / sigma;
        g[1] += (zz - n) / sigma;
    }
    if (h) {
        h[0] += -n / s2;
        h[1] += -2 * zs / s2;
        h[2] += (n - 3 * zz) / s2;
    }
    for (size_t i = 0; i < d->n_right; i++)
        l += add_tail(d->lr[i], mu, sigma, 1, 1, g, h);
    for (size_t i = 0; i < d->n_left; i++)
        l += add_tail(d->ll[i], mu, sigma, 1, 0, g, h);
    if (d->truncated)
        l += add_tail(d->ltrunc, mu, sigma, -n, 1, g, h);
    return l;
}

static double nm_f(const gsl_vector *v, void *pd)
{
    double mu = gsl_vector_get(v, 0), ls = gsl_vector_get(v, 1);
    if (!isfinite(mu) || !isfinite(ls) || fabs(ls) > 30 || fabs(mu) > 1e4)
        return 1e300;
    double l = breach_ln_loglik(pd, mu, exp(ls), NULL, NULL);
    return isfinite(l) ? -l : 1e300; /* GSL's simplex stops the process on NaN */
}

/* The gradient's size relative to the data: |g_mu| + |g_sigma|, times sigma / N. */
static double grad_size(const breach_ln_data *d, double sigma, const double *g)
{
    double N = (double)(d->n_exact + d->n_right + d->n_left);
    return (fabs(g[0]) + fabs(g[1])) * sigma / (N > 0 ? N : 1);
}

int breach_ln_maximise(const breach_ln_data *d, double *mu, double *sigma, int *iterations,
                       bool *converged)
{
    int it = 0;
    gsl_multimin_fminimizer *s = gsl_multimin_fminimizer_alloc(gsl_multimin_fminimizer_nmsimplex2, 2);
    gsl_vector *x = gsl_vector_alloc(2), *step = gsl_vector_alloc(2);
    if (!s || !x || !step) {
        if (s)
            gsl_multimin_fminimizer_free(s);
        if (x)
            gsl_vector_free(x);
        if (step)
            gsl_vector_free(step);
        return BREACH_ENOMEM;
    }
    gsl_vector_set(x, 0, *mu);
    gsl_vector_set(x, 1, log(*sigma));
    gsl_vector_set_all(step, 0.5);
    gsl_multimin_function F = {nm_f, 2, (void *)d};
    gsl_multimin_fminimizer_set(s, &F, x, step);
    for (; it < 5000; it++) {
        if (gsl_multimin_fminimizer_iterate(s))
            break;
        if (gsl_multimin_test_size(gsl_multimin_fminimizer_size(s), 1e-10) == GSL_SUCCESS)
            break;
    }
    double m = gsl_vector_get(s->x, 0), sg = exp(gsl_vector_get(s->x, 1));
    gsl_multimin_fminimizer_free(s);
    gsl_vector_free(x);
    gsl_vector_free(step);
    /* Newton polish on (mu, sigma). Near the top the likelihood is flat to rounding, so a
       step is kept when it raises the likelihood or shrinks the gradient. */
    double g[2], h[3], ng[2];
    double l = breach_ln_loglik(d, m, sg, g, h);
    for (int k = 0; k < 50 && grad_size(d, sg, g) > 1e-14; k++, it++) {
        double det = h[0] * h[2] - h[1] * h[1];
        if (!(h[0] < 0 && det > 0))
            break; /* not near a maximum: keep the simplex's answer */
        double dm = -(h[2] * g[0] - h[1] * g[1]) / det;
        double ds = -(-h[1] * g[0] + h[0] * g[1]) / det;
        double t = 1, nl = -INFINITY, gs = grad_size(d, sg, g);
        int ok = 0;
        for (int half = 0; half < 30 && !ok; half++, t /= 2) {
            if (!(sg + t * ds > 0))
                continue;
            nl = breach_ln_loglik(d, m + t * dm, sg + t * ds, ng, NULL);
            ok = isfinite(nl) && (nl > l || grad_size(d, sg + t * ds, ng) < gs);
            if (ok)
                break;
        }
        if (!ok)
            break;
        m += t * dm;
        sg += t * ds;
        l = breach_ln_loglik(d, m, sg, g, h);
    }
    *mu = m;
    *sigma = sg;
    *iterations = it;
    *converged = isfinite(l) && grad_size(d, sg, g) < 1e-9;
    return BREACH_OK;
}

/* ---------------------------------------------------------------- the log-normal fit */

void breach_lognormal_options_init(breach_lognormal_options *o)
{
    if (!o)
        return;
    memset(o, 0, sizeof *o);
    o->level = 0.95;
}

breach_lognormal *breach_lognormal_fit(const breach_sizes *s, const breach_lognormal_options *o,
                                       breach_error *err)
{
    breach_lognormal_options defaults;
    if (!o) {
        breach_lognormal_options_init(&defaults);
        o = &defaults;
    }
    if (!s) {
        breach_fail(err, BREACH_EINVAL, "no sizes");
        return NULL;
    }
    if (BREACH_RESERVED_OK(o, 0, "log-normal options", "breach_lognormal_options_init", err))
        return NULL;
    if (!breach_stats_level_ok(o->level)) {
        breach_fail(err, BREACH_EINVAL, "confidence level %g is not in (0, 1)", o->level);
        return NULL;
    }
    size_t npos = s->n - s->n_zero;
    if (npos < 2 || s->values[s->n_zero] == s->values[s->n - 1]) {
        breach_fail(err, BREACH_EINVAL,
                    "a log-normal fit needs 2 positive exact sizes that differ (%zu given)", npos);
        return NULL;
    }
    size_t cap = npos + s->n_at_least + s->n_at_most;
    double *buf = breachp_malloc(cap * sizeof *buf);
    breach_lognormal *r = breachp_calloc(1, sizeof *r);
    if (!buf || !r) {
        breachp_free(buf);
        breachp_free(r);
        breach_fail(err, BREACH_ENOMEM, "out of memory for a log-normal fit");
        return NULL;
    }
    breach_ln_data d;
    memset(&d, 0, sizeof d);
    double *ly = buf, *lr = buf + npos, *ll;
    for (size_t k = 0; k < npos; k++) {
        ly[k] = log(s->values[s->n_zero + k]);
        d.sum_ly += ly[k];
    }
    d.ly = ly;
    d.n_exact = npos;
    size_t nr = 0, nl = 0;
    if (!o->exclude_censored)
        for (size_t k = 0; k < s->n_at_least; k++)
            if (s->at_least[k] > 0)
                lr[nr++] = log(s->at_least[k]);
    ll = lr + nr;
    if (!o->exclude_censored)
        for (size_t k = 0; k < s->n_at_most; k++)
            if (s->at_most[k] > 0)
                ll[nl++] = log(s->at_most[k]);
    d.lr = lr;
    d.n_right = nr;
    d.ll = ll;
    d.n_left = nl;
    r->n_exact = npos;
    r->n_right_censored = nr;
    r->n_left_censored = nl;
    r->n_excluded = s->n_at_least + s->n_at_most - nr - nl;
    double n = (double)npos, level = o->level, alpha = 1 - level;
    double mu = gsl_stats_mean(ly, 1, npos);
    double var1 = breach_stats_variance(ly, npos);   /* divisor n - 1 */
    double sigma = sqrt(var1 * (n - 1) / n);            /* MLE, divisor n */
    r->mu.level = r->sigma.level = r->median.level = level;
    if (nr + nl == 0 && n - 1 > BREACH_STATS_MAX_DF) {
        /* closed form; beyond GSL's incomplete gamma the chi-square quantile is out of
           reach: Wald intervals from the information n / sigma^2, 2 n / sigma^2 (at such n
           they agree with the exact ones to about 1 / n) */
        double z = breach_stats_z(level);
        r->mu.lo = mu - z * sigma / sqrt(n);
        r->mu.hi = mu + z * sigma / sqrt(n);
        r->sigma.lo = sigma * exp(-z / sqrt(2 * n));
        r->sigma.hi = sigma * exp(z / sqrt(2 * n));
        r->ci_method = BREACH_FIT_CI_WALD;
    } else if (nr + nl == 0) {
        /* closed form; exact intervals: (mu - m) / (s / sqrt n) ~ t(n - 1),
           n sigma^2 / sigma_true^2 ~ chi-square(n - 1) */
        double t = breach_stats_t_quantile(1 - alpha / 2, n - 1);
        double se = sqrt(var1 / n);
        r->mu.lo = mu - t * se;
        r->mu.hi = mu + t * se;
        double ss = n * sigma * sigma;
        r->sigma.lo = sqrt(ss / breach_stats_chisq_quantile(1 - alpha / 2, n - 1));
        r->sigma.hi = sqrt(ss / breach_stats_chisq_quantile(alpha / 2, n - 1));
        r->ci_method = BREACH_FIT_CI_EXACT;
        r->iterations = 0;
    } else {
        bool conv;
        int it;
        if (breach_ln_maximise(&d, &mu, &sigma, &it, &conv)) {
            breachp_free(buf);
            breachp_free(r);
            breach_fail(err, BREACH_ENOMEM, "out of memory for a log-normal fit");
            return NULL;
        }
        r->iterations = it;
        double g[2], h[3];
        breach_ln_loglik(&d, mu, sigma, g, h);
        double det = h[0] * h[2] - h[1] * h[1];
        double z = breach_stats_z(level);
        r->ci_method = BREACH_FIT_CI_WALD;
        r->mu.lo = r->mu.hi = r->sigma.lo = r->sigma.hi = NAN;
        if (conv && h[0] < 0 && det > 0) {
            /* covariance = inverse of the observed information -H */
            double vmu = -h[2] / det, vsig = -h[0] / det;
            double semu = sqrt(vmu), sesig = sqrt(vsig);
            r->mu.lo = mu - z * semu;
            r->mu.hi = mu + z * semu;
            r->sigma.lo = sigma * exp(-z * sesig / sigma);
            r->sigma.hi = sigma * exp(z * sesig / sigma);
        }
    }
    r->mu.estimate = mu;
    r->sigma.estimate = sigma;
    r->median.estimate = exp(mu);
    r->median.lo = exp(r->mu.lo);
    r->median.hi = exp(r->mu.hi);
    r->loglik = breach_ln_loglik(&d, mu, sigma, NULL, NULL);
    breachp_free(buf);
    return r;
}

void breach_lognormal_free(breach_lognormal *l) { breachp_free(l); }
