/* Counts per month, quarter or year; equal-counts test; Poisson against negative binomial. */
#include "dataset_private.h"
#include "episode_private.h"
#include "stats_private.h"

#include <gsl/gsl_min.h>
#include <gsl/gsl_sf_gamma.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void breach_timeseries_options_init(breach_timeseries_options *o)
{
    if (!o)
        return;
    memset(o, 0, sizeof *o);
    o->date_field = BREACH_FIELD_REPORTED;
    o->period = BREACH_PERIOD_MONTH;
    o->from = o->to = breach_date_none();
}

/* Period index of a day number: months and quarters since year 0, or the year. */
static int64_t period_of_day(int period, int32_t day)
{
    int y, m, d;
    breach_civil_from_days(day, &y, &m, &d);
    switch (period) {
    case BREACH_PERIOD_MONTH: return (int64_t)y * 12 + (m - 1);
    case BREACH_PERIOD_QUARTER: return (int64_t)y * 4 + (m - 1) / 3;
    default: return y;
    }
}

static void period_bounds(int period, int64_t p, breach_date *start, int32_t *days)
{
    int y, m, months;
    switch (period) {
    case BREACH_PERIOD_MONTH: y = (int)(p / 12); m = (int)(p % 12) + 1; months = 1; break;
    case BREACH_PERIOD_QUARTER: y = (int)(p / 4); m = (int)(p % 4) * 3 + 1; months = 3; break;
    default: y = (int)p; m = 1; months = 12; break;
    }
    start->day = breach_days_from_civil(y, m, 1);
    start->precision = period == BREACH_PERIOD_YEAR ? BREACH_PREC_YEAR : BREACH_PREC_MONTH;
    int ey = y, em = m + months;
    if (em > 12) {
        em -= 12;
        ey++;
    }
    *days = breach_days_from_civil(ey, em, 1) - start->day;
}

/* The tests run over the whole periods: a view of them (partial ones are the first and the
 * last, so the whole ones are consecutive). */
typedef struct tested {
    const breach_period_count *p;
    size_t k;
    uint64_t total;
} tested;

static void uniformity(const tested *w, breach_timeseries *t, int by_length)
{
    breach_chisq_test *u = &t->uniformity;
    u->statistic = u->df = u->p_value = u->min_expected = NAN;
    size_t k = w->k;
    if (k < 2 || w->total == 0)
        return;
    double total = (double)w->total, alldays = 0, stat = 0, emin = INFINITY;
    for (size_t i = 0; i < k; i++)
        alldays += w->p[i].days;
    for (size_t i = 0; i < k; i++) {
        double e = by_length ? total * w->p[i].days / alldays : total / (double)k;
        double dlt = (double)w->p[i].n_incidents - e;
        stat += dlt * dlt / e;
        emin = fmin(emin, e);
    }
    u->statistic = stat;
    u->df = (double)(k - 1);
    u->min_expected = emin;
    u->p_value = breach_stats_chisq_sf(stat, u->df);
}

/* Negative-binomial profile log-likelihood at size r, the mean fixed at the sample mean
 * (its MLE for any r). With T = sum y and c_j = #{periods with y > j}:
 *   l(r) = sum_j c_j ln(1 + j / r) + T ln mu - (T + k r) ln(1 + mu / r) - sum ln y!
 * which is sum ln Gamma(r + y) / Gamma(r) written without the cancellation that ruins
 * ln Gamma differences (and GSL's lnpoch) once r is large. */
typedef struct nb_data {
    size_t k;
    double mu, total;
    double lfact;      /* sum ln y! */
    const uint64_t *c; /* c[j], j = 0 .. ymax - 1 */
    uint64_t ymax;
} nb_data;

static double nb_loglik(double r, const nb_data *d)
{
    double l = 0;
    for (uint64_t j = 1; j < d->ymax; j++)
        l += (double)d->c[j] * log1p((double)j / r);
    return l + d->total * log(d->mu) - (d->total + (double)d->k * r) * log1p(d->mu / r) -
           d->lfact;
}

static double nb_neg(double theta, void *pd)
{
    double v = -nb_loglik(exp(theta), pd);
    return isfinite(v) ? v : 1e300; /* GSL's minimiser stops the process on NaN */
}

#define THETA_LO (-20.0)
#define THETA_HI 46.0 /* r = e^46 ~ 10^20: beyond, the NB is the Poisson to 20 digits */

static void dispersion(const tested *w, breach_timeseries *t)
{
    breach_dispersion_test *q = &t->dispersion;
    q->mean = q->variance = q->poisson_loglik = q->nb_size = q->nb_alpha = q->nb_loglik =
        q->lr_statistic = q->p_value = q->poisson_aic = q->nb_aic = NAN;
    size_t k = w->k;
    if (k < 2 || w->total == 0)
        return;
    nb_data d = {k, (double)w->total / (double)k, (double)w->total, 0, NULL, 0};
    double ss = 0, lp = 0;
    for (size_t i = 0; i < k; i++) {
        double y = (double)w->p[i].n_incidents;
        d.lfact += gsl_sf_lngamma(y + 1);
        ss += (y - d.mu) * (y - d.mu);
        if (y > 0)
            lp += y * log(d.mu);
        if (w->p[i].n_incidents > d.ymax)
            d.ymax = w->p[i].n_incidents;
    }
    lp -= d.lfact + (double)k * d.mu;
    q->mean = d.mu;
    q->variance = ss / (double)(k - 1);
    q->poisson_loglik = lp;
    q->poisson_aic = 2 - 2 * lp;
    double best_theta = INFINITY;
    uint64_t *c = NULL;
    if (ss / (double)k > d.mu && (c = breachp_calloc(d.ymax, sizeof *c))) {
        /* c[j] = periods with more than j incidents (ymax <= n_counted: linear) */
        for (size_t i = 0; i < k; i++)
            for (uint64_t j = 0; j < w->p[i].n_incidents && j < d.ymax; j++)
                c[j]++;
        d.c = c;
        /* overdispersed: a finite maximum exists (Anscombe 1950). Bracket it on a grid of
           ln r, then Brent. */
        double step = 0.25, gbest = INFINITY;
        int nstep = (int)((THETA_HI - THETA_LO) / step), ibest = 0;
        for (int i = 0; i <= nstep; i++) {
            double g = nb_neg(THETA_LO + i * step, &d);
            if (g < gbest) {
                gbest = g;
                ibest = i;
            }
        }
        if (ibest < nstep) {
            double a = THETA_LO + (ibest - 1) * step, m = THETA_LO + ibest * step,
                   b = THETA_LO + (ibest + 1) * step;
            best_theta = m;
            gsl_function F = {nb_neg, &d};
            if (ibest > 0 && nb_neg(a, &d) > gbest && nb_neg(b, &d) > gbest) {
                gsl_min_fminimizer *s = gsl_min_fminimizer_alloc(gsl_min_fminimizer_brent);
                if (s) {
                    gsl_min_fminimizer_set(s, &F, m, a, b);
                    for (int it = 0; it < 200; it++) {
                        gsl_min_fminimizer_iterate(s);
                        a = gsl_min_fminimizer_x_lower(s);
                        b = gsl_min_fminimizer_x_upper(s);
                        if (gsl_min_test_interval(a, b, 1e-11, 0) != GSL_CONTINUE)
                            break;
                    }
                    best_theta = gsl_min_fminimizer_x_minimum(s);
                    gsl_min_fminimizer_free(s);
                }
            }
        }
    }
    if (!d.c && ss / (double)k > d.mu) {
        q->nb_size = q->nb_alpha = q->nb_loglik = q->lr_statistic = q->p_value = q->nb_aic = NAN;
        return; /* out of memory for the tally: the NB part is left unknown */
    }
    if (isinf(best_theta)) {
        q->nb_size = INFINITY;
        q->nb_alpha = 0;
        q->nb_loglik = lp;
    } else {
        q->nb_size = exp(best_theta);
        q->nb_alpha = 1 / q->nb_size;
        q->nb_loglik = nb_loglik(q->nb_size, &d);
    }
    breachp_free(c);
    q->nb_aic = 4 - 2 * q->nb_loglik;
    q->lr_statistic = fmax(0, 2 * (q->nb_loglik - lp));
    q->p_value = q->lr_statistic > 0 ? 0.5 * breach_stats_chisq_sf(q->lr_statistic, 1) : 1;
}

/* What the lists of the selection observe of a series by a date other than the reported
 * one (breach_sources_lag: their reported coverage, not cut by from .. to, since a list
 * that stopped receiving in 2024 stops observing there, and their reporting lag), into t
 * and *lag. 0 or BREACH_ENOMEM. */
static int observation(const breach_dataset *ds, const size_t *sel, size_t n, int field,
                       breach_timeseries *t, breach_lag *lag)
{
    if (breach_sources_lag(ds, sel, n, field, lag))
        return BREACH_ENOMEM;
    breach_lag_publish(lag, &t->reported_first, &t->reported_last, &t->n_delays, &t->lag_days,
                       &t->lag_median);
    return 0;
}

breach_timeseries *breach_timeseries_compute(const breach_dataset *ds, const breach_filter *f,
                                             const breach_timeseries_options *o,
                                             breach_error *err)
{
    breach_timeseries_options defaults;
    if (!o) {
        breach_timeseries_options_init(&defaults);
        o = &defaults;
    }
    if (!ds) {
        breach_fail(err, BREACH_EINVAL, "no dataset");
        return NULL;
    }
    if (BREACH_RESERVED_OK(o, 0, "time-series options", "breach_timeseries_options_init", err))
        return NULL;
    if (o->date_field < BREACH_FIELD_EVENT || o->date_field > BREACH_FIELD_DISCOVERED ||
        o->period < BREACH_PERIOD_MONTH || o->period > BREACH_PERIOD_YEAR) {
        breach_fail(err, BREACH_EINVAL, "time-series options: date field %d, period %d",
                    (int)o->date_field, (int)o->period);
        return NULL;
    }
    if (breach_date_check(o->from, "time-series from", err) ||
        breach_date_check(o->to, "time-series to", err))
        return NULL;
    /* from .. to in days: a bound inside a period cuts it at that day, for the notices as
       for the span (counting the whole period's notices against its covered days made
       June 2024's rate 9 times what it was) */
    int has_from = breach_date_is_known(o->from), has_to = breach_date_is_known(o->to);
    int32_t from_day = has_from ? o->from.day : 0, to_day = has_to ? breach_date_last_day(o->to) : 0;
    if (has_from && has_to && from_day > to_day) {
        breach_fail(err, BREACH_EINVAL, "time series from after to");
        return NULL;
    }
    int need = o->period == BREACH_PERIOD_YEAR ? BREACH_PREC_YEAR : BREACH_PREC_MONTH;
    size_t n;
    int rc;
    size_t *sel = breach_select(ds, f, 0, &n, &rc, err);
    if (rc)
        return NULL;
    /* a filter's date range on the series' own field bounds it too: the filter removed the
       notices outside it, so the periods there are not observed, and a series over them
       would show (and test) the years it removed as years of 0 */
    if (f && f->date_field == o->date_field) {
        if (breach_date_is_known(f->from) && (!has_from || f->from.day > from_day)) {
            from_day = f->from.day;
            has_from = 1;
        }
        if (breach_date_is_known(f->to) && (!has_to || breach_date_last_day(f->to) < to_day)) {
            to_day = breach_date_last_day(f->to);
            has_to = 1;
        }
    }
    /* the options' range and the filter's may not meet: no period */
    int disjoint = has_from && has_to && from_day > to_day;
    int64_t from = has_from ? period_of_day(o->period, from_day) : 0;
    int64_t to = has_to ? period_of_day(o->period, to_day) : 0;
    int64_t *pidx = breachp_malloc((n ? n : 1) * sizeof *pidx);
    uint8_t *marks = NULL;
    breach_timeseries *t = breachp_calloc(1, sizeof *t);
    if (!pidx || !t)
        goto oom;
    t->date_field = o->date_field;
    t->period = o->period;
    t->reported_first = t->reported_last = breach_date_none();
    t->lag_days = t->lag_median = -1;
    t->n_incidents = n;
    int64_t lo = INT64_MAX, hi = INT64_MIN;
    /* what the data cover: the first and last days of the dates the series could count in
       the lists the selection draws from, those outside from .. to included (a notice
       after `to` shows the data reach past it) */
    int32_t first_day = INT32_MAX, last_day = INT32_MIN;
    if (n && breach_sources_span(ds, sel, n, o->date_field, need, &first_day, &last_day))
        goto oom;
    breach_lag lag = {INT32_MAX, INT32_MIN, 0, -1, -1};
    if (o->date_field != BREACH_FIELD_REPORTED && observation(ds, sel, n, o->date_field, t, &lag))
        goto oom;
    for (size_t k = 0; k < n; k++) {
        breach_date dt = breach_unpack_date(breach_dataset_pdate(ds, sel[k], o->date_field));
        pidx[k] = INT64_MIN;
        if (!breach_date_is_known(dt)) {
            t->n_undated++;
            continue;
        }
        if (dt.precision < need) {
            t->n_coarse++;
            continue;
        }
        int32_t last = breach_date_last_day(dt);
        if ((has_from && last < from_day) || (has_to && dt.day > to_day)) {
            t->n_outside++;
            continue;
        }
        /* a month or a year that straddles from or to is neither in nor out: coarser than
           the range, left out as the filter leaves it (breach_dataset_n_coarse_dated) */
        if ((has_from && dt.day < from_day) || (has_to && last > to_day)) {
            t->n_coarse++;
            continue;
        }
        int64_t p = period_of_day(o->period, dt.day);
        pidx[k] = p;
        t->n_counted++;
        t->n_by_unit[ds->unit[sel[k]] < BREACH_UNIT_COUNT_ ? ds->unit[sel[k]] : 0]++;
        lo = p < lo ? p : lo;
        hi = p > hi ? p : hi;
    }
    /* without from / to the series runs over every period the sources cover: a period of
       theirs without a selected notice is a count of 0, before the first one as after the
       last (a series that starts at an organisation's first notice tests a rate that
       conditions on it) */
    if (t->n_counted && first_day <= last_day) {
        int64_t a = period_of_day(o->period, first_day), b = period_of_day(o->period, last_day);
        lo = a < lo ? a : lo;
        hi = b > hi ? b : hi;
    }
    if (has_from)
        lo = from;
    if (has_to)
        hi = to;
    if ((t->n_counted || (has_from && has_to)) && !disjoint) {
        t->n_periods = hi >= lo ? (size_t)(hi - lo + 1) : 0;
    }
    /* the span: what the data cover, cut to from / to. from / to only bound the series:
       they are no evidence that the data reach them (a to past the last notice would
       otherwise make months without data look like months without breaches) */
    if (has_from && from_day > first_day)
        first_day = from_day;
    if (has_to && to_day < last_day)
        last_day = to_day;
    t->span_first = t->span_last = breach_date_none();
    if (t->n_periods && first_day <= last_day) {
        t->span_first = (breach_date){first_day, BREACH_PREC_DAY};
        t->span_last = (breach_date){last_day, BREACH_PREC_DAY};
    }
    t->unit = breach_result_unit(f, t->n_by_unit);
    for (int u = 0; u < BREACH_UNIT_COUNT_; u++)
        if (t->n_by_unit[u])
            t->units |= 1u << u;
    /* what the counted notices may count twice across formats, over them alone (a pair
       with a notice outside from .. to is counted once here); the counted ones are
       gathered at the front of sel, in order, each with its period, and marked */
    size_t n_in = 0;
    for (size_t k = 0; k < n; k++)
        if (pidx[k] != INT64_MIN) {
            sel[n_in] = sel[k];
            pidx[n_in++] = pidx[k];
        }
    if (n_in && !(marks = breachp_malloc(n_in)))
        goto oom;
    static const size_t none[1]; /* a selection of none, not the filter's (sel NULL) */
    if (breach_format_overlap_over(ds, NULL, n_in ? sel : none, n_in, NULL, &t->two_formats,
                                   marks, err))
        goto fail;
    if (t->n_periods) {
        t->periods = breachp_calloc(t->n_periods, sizeof *t->periods);
        if (!t->periods)
            goto oom;
        for (size_t p = 0; p < t->n_periods; p++) {
            breach_period_count *pc = &t->periods[p];
            period_bounds(o->period, lo + (int64_t)p, &pc->start, &pc->days);
            int64_t a = pc->start.day, b = (int64_t)pc->start.day + pc->days - 1;
            a = a > first_day ? a : first_day;
            b = b < last_day ? b : last_day;
            pc->covered_days = b >= a ? (int32_t)(b - a + 1) : 0;
            pc->partial = pc->covered_days && pc->covered_days < pc->days;
            t->n_partial += pc->partial;
            t->n_uncovered += !pc->covered_days;
            if (o->date_field != BREACH_FIELD_REPORTED && pc->covered_days == pc->days) {
                /* observed in full: reported from its first day on, and for the lag past
                   its last */
                int before, late;
                breach_lag_check(&lag, pc->start.day, pc->start.day + pc->days - 1, &before,
                                 &late);
                pc->truncated = before || late;
                t->n_truncated += pc->truncated;
                t->n_before += before;
            }
        }
        for (size_t k = 0; k < n_in; k++) {
            breach_period_count *pc = &t->periods[pidx[k] - lo];
            size_t i = sel[k];
            pc->n_incidents++;
            breach_count c = {breach_ds_affected(ds, i), ds->qualifier[i]};
            int u = ds->unit[i] < BREACH_UNIT_COUNT_ ? ds->unit[i] : 0;
            pc->n_by_unit[u]++;
            if (breach_total_add(&pc->by_unit[u], c) ||
                (u == t->unit && breach_total_add(&pc->affected, c))) {
                breach_fail(err, BREACH_EOVERFLOW, "an affected total exceeds 2^64-1");
                goto fail;
            }
            /* a part of two_formats' sums, which did not overflow */
            pc->n_twice += (marks[k] & BREACH_OVERLAP_NOTICE_TWICE) != 0;
            if (marks[k] & BREACH_OVERLAP_TOTAL_TWICE)
                pc->twice_by_unit[u] += c.value;
        }
    }
    /* the tests over the whole periods observed in full: the span is one run of days, and
       so is what the lists observe in full, so the others are at the ends */
    tested w = {t->periods, t->n_periods, 0};
    while (w.k && (w.p[0].covered_days < w.p[0].days || w.p[0].truncated)) {
        w.p++;
        w.k--;
    }
    while (w.k && (w.p[w.k - 1].covered_days < w.p[w.k - 1].days || w.p[w.k - 1].truncated))
        w.k--;
    for (size_t i = 0; i < w.k; i++)
        w.total += w.p[i].n_incidents;
    t->n_tested = w.k;
    t->n_tested_incidents = w.total;
    uniformity(&w, t, o->expected_by_length);
    dispersion(&w, t);
    breachp_free(pidx);
    breachp_free(sel);
    breachp_free(marks);
    return t;
oom:
    breach_fail(err, BREACH_ENOMEM, "out of memory for a time series");
fail:
    breachp_free(pidx);
    breachp_free(sel);
    breachp_free(marks);
    breach_timeseries_free(t);
    return NULL;
}

void breach_timeseries_free(breach_timeseries *t)
{
    if (!t)
        return;
    breachp_free(t->periods);
    breachp_free(t);
}
