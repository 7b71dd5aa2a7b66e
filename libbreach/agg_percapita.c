/* Affected residents per 100,000 (populations are read by io_population.c). */
#include "population_private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int cmp_rows(const void *pa, const void *pb)
{
    const breach_percapita_row *a = pa, *b = pb;
    if (isnan(a->rate) != isnan(b->rate)) /* unknown rates last */
        return isnan(a->rate) ? 1 : -1;
    if (!isnan(a->rate) && a->rate != b->rate)
        return a->rate > b->rate ? -1 : 1;
    return strcmp(breach_region_code(a->region), breach_region_code(b->region));
}

/* One input row: a region and its total. */
typedef struct rin {
    breach_region region;
    const breach_total *total;
} rin;

/* The year of a date (its first day). */
static int year_of(breach_date d)
{
    int y, m, dd;
    breach_date_to_ymd(d, &y, &m, &dd);
    return y;
}

/* The year of a date's last day (a year-precision date's is its own year). */
static int last_year(breach_date d)
{
    return year_of((breach_date){breach_date_last_day(d), BREACH_PREC_DAY});
}

/* The estimates to divide by: the year the caller asked for; else, when every dated notice
 * of the totals lies in one calendar year that the file has, that year's (a 2021 selection
 * over the 2021 estimate, not the latest); else the latest. */
static const uint64_t *choose_year(const breach_region_shares *sh,
                                   const breach_population *pop, int *year)
{
    *year = pop->year;
    if (pop->year_given || !breach_date_is_known(sh->first))
        return pop->pop;
    int y = year_of(sh->first);
    const uint64_t *col = breach_population_of_year(pop, y);
    if (y != last_year(sh->last) || !col)
        return pop->pop;
    *year = y;
    return col;
}

static breach_percapita *rates(const rin *in, size_t n, const breach_population *pop,
                               const breach_region_shares *sh, breach_error *err)
{
    breach_percapita *r = breachp_calloc(1, sizeof *r);
    if (!r || !(r->rows = breachp_malloc((n ? n : 1) * sizeof *r->rows))) {
        breachp_free(r);
        breach_fail(err, BREACH_ENOMEM, "out of memory for per-capita rates");
        return NULL;
    }
    const uint64_t *popv = choose_year(sh, pop, &r->year);
    r->date_field = sh->date_field;
    r->first = sh->first;
    r->last = sh->last;
    r->n_undated = sh->n_undated;
    if (breach_date_is_known(sh->first))
        r->year_matches = year_of(sh->first) == r->year && last_year(sh->last) == r->year;
    /* the days observed, not first .. last notice: WA's notices of 2023 (event date) run
       2023-01-04 .. 12-14, 0.9 years, which overstated the year's rate by 6 % */
    r->covered_first = sh->covered_first;
    r->covered_last = sh->covered_last;
    r->reported_first = sh->reported_first;
    r->reported_last = sh->reported_last;
    r->n_delays = sh->n_delays;
    r->lag_days = sh->lag_days;
    r->lag_median = sh->lag_median;
    r->truncated_start = sh->truncated_start;
    r->truncated_end = sh->truncated_end;
    if (breach_date_is_known(sh->covered_first))
        r->days = (int64_t)sh->covered_last.day - sh->covered_first.day + 1;
    for (size_t k = 0; k < n; k++) {
        breach_region g = in[k].region;
        if (g >= pop->nreg || !pop->has[g] || popv[g] == 0) {
            r->n_without_population++;
            if (breach_total_merge(&r->affected_without_population, in[k].total)) {
                breach_percapita_free(r);
                breach_fail(err, BREACH_EOVERFLOW, "a total exceeds 2^64-1");
                return NULL;
            }
            continue;
        }
        breach_percapita_row *row = &r->rows[r->n_rows++];
        double per = 1e5 / (double)popv[g];
        row->region = g;
        row->population = popv[g];
        row->affected = *in[k].total;
        /* no entry of the region gives a figure: its rate is unknown, not 0 */
        row->rate = row->affected.n_unknown < row->affected.n ? (double)row->affected.point * per
                                                              : NAN;
        row->rate_lower = (double)row->affected.lower * per;
        /* a period the lists do not observe in full holds only the breaches reported by
           their last report: its rates are lower bounds, as regions' note says, whatever
           the counts' own bounds (the seed's Texas, one exact count, had an upper bound
           equal to its rate beside that note) */
        row->rate_upper = row->affected.upper_unbounded || r->truncated_start || r->truncated_end
                              ? INFINITY
                              : (double)row->affected.upper * per;
    }
    if (r->n_rows > 1) /* qsort's base may not be NULL, even for no element */
    qsort(r->rows, r->n_rows, sizeof *r->rows, cmp_rows);
    return r;
}

breach_percapita *breach_percapita_compute(const breach_region_shares *shares,
                                           const breach_population *pop, breach_error *err)
{
    if (!shares || !pop) {
        breach_fail(err, BREACH_EINVAL, "no region shares or population table");
        return NULL;
    }
    rin *in = breachp_malloc((shares->n_rows ? shares->n_rows : 1) * sizeof *in);
    if (!in) {
        breach_fail(err, BREACH_ENOMEM, "out of memory for per-capita rates");
        return NULL;
    }
    for (size_t k = 0; k < shares->n_rows; k++) {
        in[k].region = shares->rows[k].region;
        in[k].total = &shares->rows[k].total;
    }
    breach_percapita *r = rates(in, shares->n_rows, pop, shares, err);
    breachp_free(in);
    return r;
}

void breach_percapita_free(breach_percapita *p)
{
    if (!p)
        return;
    breachp_free(p->rows);
    breachp_free(p);
}
