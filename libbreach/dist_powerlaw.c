/* Power-law tails after Clauset, Shalizi & Newman (2009), and Vuong's test against the
 * log-normal. */
#include "dist_private.h"
#include "progress_private.h"
#include "stats_private.h"

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define LN_SQRT_2PI 0.91893853320467274178

void breach_powerlaw_options_init(breach_powerlaw_options *o)
{
    if (!o)
        return;
    memset(o, 0, sizeof *o);
    o->xmin = 0;
    o->min_tail = 2;
    o->replicates = 1000;
    o->seed = 1;
}

typedef struct pl_fit {
    double xmin, alpha, ks, sumlog; /* sumlog = sum over the tail of ln(x / xmin) */
    size_t start;                   /* first index of the tail */
} pl_fit;

/* KS distance between the tail x[s..N) and the power law (xmin, alpha); stops early (and
 * returns a value >= bound) once the distance reaches bound. Both sides of each step. */
static double ks_tail(const double *x, const double *lx, size_t N, size_t s, double alpha,
                      double bound)
{
    double m = (double)(N - s), d = 0;
    for (size_t a = s; a < N;) {
        size_t b = a + 1;
        while (b < N && x[b] == x[a])
            b++;
        double P = -expm1((1 - alpha) * (lx[a] - lx[s]));
        double lo = (double)(a - s) / m, hi = (double)(b - s) / m;
        d = fmax(d, fmax(fabs(hi - P), fabs(P - lo)));
        if (d >= bound)
            return d;
        a = b;
    }
    return d;
}

/* Fits x[0..N) (ascending, positive) with logs lx. xmin > 0 fixes it (the tail is then the
 * values >= xmin, and xmin need not be one of them). Returns 0, or -1 when no candidate
 * leaves a usable tail. */
static int pl_scan(const double *x, const double *lx, size_t N, double fixed, size_t min_tail,
                   double *suffix, pl_fit *out)
{
    if (N < 2)
        return -1;
    suffix[N] = 0;
    for (size_t i = N; i-- > 0;)
        suffix[i] = suffix[i + 1] + lx[i];
    if (fixed > 0) {
        size_t s = 0;
        while (s < N && x[s] < fixed)
            s++;
        size_t m = N - s;
        if (m < 2 || x[N - 1] <= fixed)
            return -1;
        double sl = suffix[s] - (double)m * log(fixed);
        if (!(sl > 0))
            return -1;
        out->xmin = fixed;
        out->alpha = 1 + (double)m / sl;
        out->sumlog = sl;
        out->start = s;
        /* KS with the fixed xmin (not a data value): P at each distinct value */
        double d = 0, lf = log(fixed);
        for (size_t a = s; a < N;) {
            size_t b = a + 1;
            while (b < N && x[b] == x[a])
                b++;
            double P = -expm1((1 - out->alpha) * (lx[a] - lf));
            d = fmax(d, fmax(fabs((double)(b - s) / (double)m - P), fabs(P - (double)(a - s) / (double)m)));
            a = b;
        }
        out->ks = d;
        return 0;
    }
    int found = 0;
    double best = INFINITY;
    for (size_t s = 0; s < N; s++) {
        if (s && x[s] == x[s - 1])
            continue;
        size_t m = N - s;
        if (m < min_tail || m < 2 || x[s] == x[N - 1])
            break; /* tails only shrink from here on */
        double sl = suffix[s] - (double)m * lx[s];
        if (!(sl > 0))
            continue;
        double alpha = 1 + (double)m / sl;
        double d = ks_tail(x, lx, N, s, alpha, best);
        if (d < best) {
            best = d;
            found = 1;
            out->xmin = x[s];
            out->alpha = alpha;
            out->ks = d;
            out->sumlog = sl;
            out->start = s;
        }
    }
    return found ? 0 : -1;
}

breach_powerlaw *breach_powerlaw_fit(const breach_sizes *s, const breach_powerlaw_options *o,
                                     breach_error *err)
{
    breach_powerlaw_options defaults;
    if (!o) {
        breach_powerlaw_options_init(&defaults);
        o = &defaults;
    }
    if (!s) {
        breach_fail(err, BREACH_EINVAL, "no sizes");
        return NULL;
    }
    if (BREACH_RESERVED_OK(o, 0, "power-law options", "breach_powerlaw_options_init", err))
        return NULL;
    if (!(o->xmin >= 0) || !isfinite(o->xmin) || o->replicates > 1000000u) {
        breach_fail(err, BREACH_EINVAL, "power-law options: xmin %g, %u replicates (at most 10^6)",
                    o->xmin, (unsigned)o->replicates);
        return NULL;
    }
    size_t N = s->n - s->n_zero;
    if (N > 0xffffffffu) {
        breach_fail(err, BREACH_EINVAL, "a power-law fit of more than 2^32 - 1 values");
        return NULL;
    }
    const double *x = s->values + s->n_zero;
    double *lx = breachp_malloc((N + 1) * sizeof *lx), *suffix = breachp_malloc((N + 1) * sizeof *suffix);
    double *syn = NULL, *slx = NULL;
    breach_powerlaw *r = breachp_calloc(1, sizeof *r);
    gsl_rng *rng = NULL;
    if (!lx || !suffix || !r)
        goto oom;
    for (size_t i = 0; i < N; i++)
        lx[i] = log(x[i]);
    pl_fit fit;
    if (pl_scan(x, lx, N, o->xmin, o->min_tail, suffix, &fit)) {
        breach_fail(err, BREACH_EINVAL,
                    "no power-law tail to fit: %zu positive exact sizes, xmin %g, min_tail %u", N,
                    o->xmin, (unsigned)o->min_tail);
        goto fail;
    }
    size_t m = N - fit.start;
    r->xmin = fit.xmin;
    r->alpha = fit.alpha;
    r->alpha_se = (fit.alpha - 1) / sqrt((double)m);
    r->ks = fit.ks;
    r->n = N;
    r->n_tail = m;
    r->n_censored_excluded = s->n_at_least + s->n_at_most;
    r->replicates = o->replicates;
    r->seed = o->seed;
    r->loglik = (double)m * (log(fit.alpha - 1) - log(fit.xmin)) - fit.alpha * fit.sumlog;
    r->p_value = NAN;
    if (o->replicates) {
        /* CSN 4.1: semi-parametric bootstrap; with a fixed xmin, only the tail */
        int fixed = o->xmin > 0;
        size_t nb = fixed ? 0 : fit.start, ns = fixed ? m : N;
        double ptail = (double)m / (double)N;
        syn = breachp_malloc((ns + 1) * sizeof *syn);
        slx = breachp_malloc((ns + 1) * sizeof *slx);
        if (!syn || !slx)
            goto oom;
        if (!(rng = breach_stats_rng(o->seed, err)))
            goto fail;
        uint64_t far = 0;
        double expo = -1 / (fit.alpha - 1);
        breach_progress pr;
        if (breach_progress_begin(&pr, o->progress, o->progress_ctx, o->replicates,
                                  "the power-law p-value bootstrap", err))
            goto fail;
        for (uint32_t b = 0; b < o->replicates; b++) {
            for (size_t i = 0; i < ns; i++) {
                if (fixed || nb == 0 || gsl_rng_uniform(rng) < ptail) {
                    syn[i] = fit.xmin * pow(1 - gsl_rng_uniform(rng), expo);
                    if (!(syn[i] <= DBL_MAX)) /* alpha near 1: (2^-32)^expo overflows */
                        syn[i] = DBL_MAX;
                } else
                    syn[i] = x[gsl_rng_uniform_int(rng, (unsigned long)nb)];
            }
            gsl_sort(syn, 1, ns);
            for (size_t i = 0; i < ns; i++)
                slx[i] = log(syn[i]);
            pl_fit sf;
            if (pl_scan(syn, slx, ns, o->xmin, o->min_tail, suffix, &sf) || sf.ks >= fit.ks)
                far++;
            if (breach_progress_step(&pr, (uint64_t)b + 1, err))
                goto fail;
        }
        breach_progress_end(&pr);
        r->replicates_far = far;
        r->p_value = (double)far / (double)o->replicates;
    }
    if (rng)
        gsl_rng_free(rng);
    breachp_free(lx);
    breachp_free(suffix);
    breachp_free(syn);
    breachp_free(slx);
    return r;
oom:
    breach_fail(err, BREACH_ENOMEM, "out of memory for a power-law fit");
fail:
    if (rng)
        gsl_rng_free(rng);
    breachp_free(lx);
    breachp_free(suffix);
    breachp_free(syn);
    breachp_free(slx);
    breachp_free(r);
    return NULL;
}

void breach_powerlaw_free(breach_powerlaw *p) { breachp_free(p); }

/* ---------------------------------------------------------------- Vuong's test */

breach_vuong *breach_powerlaw_compare_lognormal(const breach_sizes *s, const breach_powerlaw *pl,
                                                breach_error *err)
{
    if (!s || !pl) {
        breach_fail(err, BREACH_EINVAL, "no sizes or power-law fit");
        return NULL;
    }
    size_t N = s->n - s->n_zero, start = s->n;
    for (size_t i = s->n_zero; i < s->n; i++)
        if (s->values[i] >= pl->xmin) {
            start = i;
            break;
        }
    size_t m = s->n - start;
    if (N != pl->n || m != pl->n_tail || m < 2 || !(pl->alpha > 1)) {
        breach_fail(err, BREACH_EINVAL, "the power-law fit was not made on these sizes");
        return NULL;
    }
    double *ly = breachp_malloc(m * sizeof *ly);
    breach_vuong *v = breachp_calloc(1, sizeof *v);
    if (!ly || !v) {
        breachp_free(ly);
        breachp_free(v);
        breach_fail(err, BREACH_ENOMEM, "out of memory for Vuong's test");
        return NULL;
    }
    breach_ln_data d;
    memset(&d, 0, sizeof d);
    for (size_t i = 0; i < m; i++) {
        ly[i] = log(s->values[start + i]);
        d.sum_ly += ly[i];
    }
    d.ly = ly;
    d.n_exact = m;
    d.truncated = 1;
    d.ltrunc = log(pl->xmin);
    double mu = gsl_stats_mean(ly, 1, m);
    double sd = sqrt(breach_stats_variance(ly, m));
    if (!(sd > 0))
        sd = 1;
    int it;
    bool conv;
    if (breach_ln_maximise(&d, &mu, &sd, &it, &conv)) {
        breachp_free(ly);
        breachp_free(v);
        breach_fail(err, BREACH_ENOMEM, "out of memory for Vuong's test");
        return NULL;
    }
    v->n_tail = m;
    v->lognormal_mu = mu;
    v->lognormal_sigma = sd;
    v->converged = conv;
    double a = pl->alpha, lxmin = d.ltrunc, lq = breach_stats_log_sf((lxmin - mu) / sd);
    double sum = 0, sum2 = 0, lpl = 0, lln = 0;
    /* two passes over the per-value ratios: their sum, then their spread about the mean */
    for (int pass = 0; pass < 2; pass++) {
        double mean = sum / (double)m;
        for (size_t i = 0; i < m; i++) {
            double z = (ly[i] - mu) / sd;
            double p = log(a - 1) - lxmin - a * (ly[i] - lxmin);
            double q = -ly[i] - log(sd) - LN_SQRT_2PI - z * z / 2 - lq;
            if (pass == 0) {
                sum += p - q;
                lpl += p;
                lln += q;
            } else {
                sum2 += (p - q - mean) * (p - q - mean);
            }
        }
    }
    double sdev = sqrt(sum2 / (double)m);
    breachp_free(ly);
    if (!(sdev > 0)) {
        breachp_free(v);
        breach_fail(err, BREACH_EINVAL, "the log-likelihood ratios have no spread: no test");
        return NULL;
    }
    v->powerlaw_loglik = lpl;
    v->lognormal_loglik = lln;
    v->ratio = sum;
    v->statistic = sum / (sdev * sqrt((double)m));
    v->p_value = erfc(fabs(v->statistic) / M_SQRT2);
    v->favours = v->p_value > 0.1 ? 0 : sum > 0 ? 1 : -1;
    return v;
}

void breach_vuong_free(breach_vuong *v) { breachp_free(v); }
