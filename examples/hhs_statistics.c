/* Every statistic of the statistics layer, on the HHS OCR breach portal.
 *
 *   examples/hhs-statistics [ARCHIVE.csv UNDER_INVESTIGATION.csv [POPULATION.csv [B]]]
 *
 * Without arguments it reads the July 2024 snapshot from ../shared/data (as the tests do)
 * and the bundled Census file; B is the number of bootstrap replicates of the power-law
 * p-value (default 200). The output is the one quoted in doc/statistics.md. */
#include <breach.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void die(const char *what, const breach_error *e)
{
    fprintf(stderr, "hhs-statistics: %s: %s%s%s\n", what, e->source[0] ? e->source : "",
            e->source[0] ? ": " : "", e->text);
    exit(1);
}

static void counts(const breach_dataset *ds, int dim, int method, size_t top, const char *title)
{
    breach_counts_options o;
    breach_counts_options_init(&o);
    o.dimension = dim;
    o.ci_method = method;
    o.seed = 2024;
    breach_error e;
    breach_counts *c = breach_counts_compute(ds, NULL, &o, &e);
    if (!c)
        die("counts", &e);
    printf("\n%s (n = %llu, unknown %llu)\n", title, (unsigned long long)c->n,
           (unsigned long long)c->n_unknown);
    for (size_t k = 0; k < c->n_rows && k < top; k++) {
        const breach_count_row *r = &c->rows[k];
        if (r->unknown)
            printf("  %-28s %6llu\n", r->label, (unsigned long long)r->count);
        else if (dim <= BREACH_DIM_LOCATION && !(c->levels_recorded >> r->level & 1))
            /* a level the portal cannot state (ransomware), not a measured 0 */
            printf("  %-28s not recorded\n", r->label);
        else
            printf("  %-28s %6llu  %5.1f %%  [%5.1f, %5.1f]\n", r->label,
                   (unsigned long long)r->count, 100 * r->proportion, 100 * r->lo, 100 * r->hi);
    }
    breach_counts_free(c);
}

/* The periods a series covers only in part, " 2009-10 (11 of 31 days), ...": the tests
 * leave them out. */
static void print_partial(const breach_timeseries *t)
{
    const char *sep = " ";
    for (size_t k = 0; k < t->n_periods; k++) {
        const breach_period_count *p = &t->periods[k];
        if (!p->partial)
            continue;
        char d[16];
        breach_date_format(p->start, d, sizeof d);
        printf("%s%s (%d of %d days)", sep, d, (int)p->covered_days, (int)p->days);
        sep = ", ";
    }
}

int main(int argc, char **argv)
{
    const char *archive = argc > 2 ? argv[1]
                                   : "../shared/data/hhs-ocr-breach-portal/snapshot-2024-07/"
                                     "Source_Breach_Report.csv";
    const char *open = argc > 2 ? argv[2]
                                : "../shared/data/hhs-ocr-breach-portal/snapshot-2024-07/"
                                  "breach_report.csv";
    const char *popfile = argc > 3 ? argv[3] : "examples/data/us-state-population-2024.csv";
    uint32_t B = argc > 4 ? (uint32_t)strtoul(argv[4], NULL, 10) : 200;
    breach_error e;
    breach_dataset *ds = breach_dataset_new(&e);
    if (!ds || breach_hhs_read_file(ds, archive, NULL, NULL, &e) ||
        breach_hhs_read_file(ds, open, NULL, NULL, &e))
        die("loading", &e);
    printf("HHS breach portal: %zu notices\n", breach_dataset_size(ds));

    /* ---- counts and proportions */
    counts(ds, BREACH_DIM_TYPE, BREACH_CI_WILSON, 8, "Breach types, Wilson 95 %");
    counts(ds, BREACH_DIM_ENTITY_TYPE, BREACH_CI_JEFFREYS, 6, "Entity types, Jeffreys 95 %");
    counts(ds, BREACH_DIM_LOCATION, BREACH_CI_BOOTSTRAP, 4,
           "Locations, percentile bootstrap 95 % (B = 2000, seed 2024)");

    /* ---- time series */
    breach_timeseries_options to;
    breach_timeseries_options_init(&to);
    to.period = BREACH_PERIOD_YEAR;
    breach_timeseries *t = breach_timeseries_compute(ds, NULL, &to, &e);
    if (!t)
        die("time series", &e);
    printf("\nNotices and individuals per year of submission\n");
    for (size_t k = 0; k < t->n_periods; k++) {
        char d[16];
        breach_date_format(t->periods[k].start, d, sizeof d);
        printf("  %s %5llu %12llu\n", d, (unsigned long long)t->periods[k].n_incidents,
               (unsigned long long)t->periods[k].affected.point);
    }
    breach_timeseries *years = t;
    breach_timeseries_options_init(&to);
    t = breach_timeseries_compute(ds, NULL, &to, &e);
    if (!t)
        die("time series", &e);
    const breach_dispersion_test *q = &t->dispersion;
    char first[16], last[16];
    breach_date_format(t->span_first, first, sizeof first);
    breach_date_format(t->span_last, last, sizeof last);
    printf("\nMonthly counts, %zu months; the data cover %s .. %s, partial:", t->n_periods, first,
           last);
    print_partial(t);
    printf("\n  the tests run over the %zu whole months (%llu notices): mean %.2f, variance %.2f\n",
           t->n_tested, (unsigned long long)t->n_tested_incidents, q->mean, q->variance);
    printf("  equal counts: chi-square %.1f, df %.0f, p = %.3g\n", t->uniformity.statistic,
           t->uniformity.df, t->uniformity.p_value);
    printf("  Poisson log-lik %.2f (AIC %.1f); negative binomial size %.3f, log-lik %.2f "
           "(AIC %.1f)\n  LR %.1f, p = %.3g\n",
           q->poisson_loglik, q->poisson_aic, q->nb_size, q->nb_loglik, q->nb_aic,
           q->lr_statistic, q->p_value);
    breach_timeseries_free(t);
    printf("  by year, partial:");
    print_partial(years);
    printf("; the %zu whole years: chi-square %.1f, df %.0f\n", years->n_tested,
           years->uniformity.statistic, years->uniformity.df);
    breach_timeseries_free(years);
    to.from = to.to = (breach_date){0, 0};
    breach_date_parse("2023", 4, &to.from, NULL);
    to.to = to.from;
    to.expected_by_length = true;
    t = breach_timeseries_compute(ds, NULL, &to, &e);
    if (!t)
        die("time series", &e);
    printf("  2023 by month, expected by days: chi-square %.2f, df %.0f, p = %.4f\n",
           t->uniformity.statistic, t->uniformity.df, t->uniformity.p_value);
    breach_timeseries_free(t);

    /* ---- sizes */
    breach_sizes *s = breach_sizes_compute(ds, NULL, &e);
    if (!s)
        die("sizes", &e);
    printf("\nIndividuals affected: %zu counts (%llu unknown, %llu at least, %llu at most)\n",
           s->n, (unsigned long long)s->n_unknown, (unsigned long long)s->n_at_least,
           (unsigned long long)s->n_at_most);
    printf("  min %.0f  q1 %.2f  median %.1f  q3 %.1f  p90 %.1f  p99 %.1f  max %.0f\n", s->min,
           s->q1, s->median, s->q3, s->p90, s->p99, s->max);
    printf("  mean %.1f  geometric mean %.1f  geometric sd %.3f\n", s->mean, s->geomean, s->geosd);
    /* the empirical CCDF at a few sizes: P(X >= x) is the share at the first value >= x */
    static const double at[] = {1e3, 1e4, 1e5, 1e6, 1e7};
    for (size_t j = 0, k = 0; j < sizeof at / sizeof at[0]; j++) {
        while (k < s->n_ccdf && s->ccdf_x[k] < at[j])
            k++;
        printf("  P(X >= %.0f) = %.4f\n", at[j], k < s->n_ccdf ? s->ccdf_p[k] : 0.0);
    }
    breach_lognormal *l = breach_lognormal_fit(s, NULL, &e);
    if (!l)
        die("log-normal", &e);
    /* exp(mu): the fitted distribution's median, not the sizes' (printed above) */
    printf("  log-normal MLE: mu %.4f [%.4f, %.4f], sigma %.4f [%.4f, %.4f], exp(mu) %.0f "
           "[%.0f, %.0f]\n",
           l->mu.estimate, l->mu.lo, l->mu.hi, l->sigma.estimate, l->sigma.lo, l->sigma.hi,
           l->median.estimate, l->median.lo, l->median.hi);
    breach_lognormal_free(l);
    breach_powerlaw_options po;
    breach_powerlaw_options_init(&po);
    po.replicates = B;
    po.seed = 2024;
    breach_powerlaw *p = breach_powerlaw_fit(s, &po, &e);
    if (!p)
        die("power law", &e);
    /* B replicates resolve p to 1/B: none as far as the data is p < 1/B, not 0 */
    printf("  power law (CSN): xmin %.0f, alpha %.4f +- %.4f, n_tail %llu, KS %.4f, p %s %.3g "
           "(%llu of %u replicates)\n",
           p->xmin, p->alpha, p->alpha_se, (unsigned long long)p->n_tail, p->ks,
           p->replicates_far ? "=" : "<",
           p->replicates_far ? p->p_value : 1.0 / (p->replicates ? p->replicates : 1),
           (unsigned long long)p->replicates_far, (unsigned)p->replicates);
    breach_vuong *v = breach_powerlaw_compare_lognormal(s, p, &e);
    if (!v)
        die("Vuong", &e);
    printf("  Vuong, power law vs log-normal on the tail: R = %.2f, z = %.3f, p = %.2g -> %s\n",
           v->ratio, v->statistic, v->p_value,
           v->favours > 0 ? "power law" : v->favours < 0 ? "log-normal" : "neither");
    breach_vuong_free(v);
    breach_powerlaw_free(p);

    /* ---- bootstrap of the median size */
    breach_bootstrap_options bo;
    breach_bootstrap_options_init(&bo);
    bo.seed = 2024;
    breach_bootstrap *b = breach_bootstrap_compute(s->values, s->n, breach_statistic_median, NULL,
                                                   &bo, &e);
    if (!b)
        die("bootstrap", &e);
    printf("  median %.1f, percentile bootstrap 95 %% [%.1f, %.1f] (B = %u, seed %u)\n",
           b->ci.estimate, b->ci.lo, b->ci.hi, (unsigned)b->replicates, (unsigned)b->seed);
    breach_bootstrap_free(b);
    breach_sizes_free(s);

    /* ---- time to the next breach */
    breach_survival *sv = breach_survival_compute(ds, NULL, NULL, &e);
    if (!sv)
        die("survival", &e);
    char end[16];
    breach_date_format(sv->window_end, end, sizeof end);
    printf("\nTime to the next notice of the same organisation (window end %s)\n", end);
    printf("  %llu organisations, %llu breached again, %llu censored\n",
           (unsigned long long)sv->n_organisations, (unsigned long long)sv->n_events,
           (unsigned long long)sv->n_censored);
    printf("  within 1 year: %.3f %% [%.3f, %.3f]; within 3 years: %.3f %% [%.3f, %.3f]\n",
           100 * sv->within_1y.estimate, 100 * sv->within_1y.lo, 100 * sv->within_1y.hi,
           100 * sv->within_3y.estimate, 100 * sv->within_3y.lo, 100 * sv->within_3y.hi);
    if (isnan(sv->median.estimate))
        printf("  median time to the next notice: not reached (S stays above 0.5)\n");
    else
        printf("  median %.0f days [%.0f, %.0f]\n", sv->median.estimate, sv->median.lo,
               sv->median.hi);
    breach_survival_free(sv);

    /* ---- per-capita */
    breach_population *pop = breach_population_read_file(popfile, 0, &e);
    if (!pop)
        die("population", &e);
    /* a rate per resident needs a count of residents: only breakdowns by residence give
       one (HHS gives none; dividing the people in notices of organisations located in a
       state by its residents would not be a rate of anything) */
    breach_region_shares *rs = breach_region_shares_compute(ds, NULL, &e);
    breach_percapita *pc = rs ? breach_percapita_compute(rs, pop, &e) : NULL;
    if (!pc)
        die("per-capita", &e);
    if (pc->n_rows == 0)
        printf("\nResidents affected per 100,000: no rate can be given, no notice gives a "
               "breakdown by residence (%llu notices)\n",
               (unsigned long long)rs->n_incidents);
    else
        printf("\nResidents affected per 100,000, from notices that give residence breakdowns "
               "(%d)\n", pc->year);
    for (size_t k = 0; k < pc->n_rows && k < 5; k++)
        printf("  %-6s %12llu %10llu %9.0f\n", breach_region_code(pc->rows[k].region),
               (unsigned long long)pc->rows[k].affected.point,
               (unsigned long long)pc->rows[k].population, pc->rows[k].rate);
    breach_percapita_free(pc);
    breach_region_shares_free(rs);
    breach_population_free(pop);
    breach_dataset_free(ds);
    return 0;
}
