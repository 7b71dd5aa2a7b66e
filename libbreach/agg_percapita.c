/* Affected residents per 100,000 (populations are read by io_population.c). */
#include "population_private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int cmp_rows(const void *pa, const void *pb)
{
    const breach_percapita_row *a = pa, *b = pb;
    if (a->rate != b->rate)
        return a->rate > b->rate ? -1 : 1;
    return strcmp(breach_region_code(a->region), breach_region_code(b->region));
}

/* One input row: a region and its total. */
typedef struct rin {
    breach_region region;
    const breach_total *total;
} rin;

static breach_percapita *rates(const rin *in, size_t n, const breach_population *pop,
                               breach_error *err)
{
    breach_percapita *r = breachp_calloc(1, sizeof *r);
    if (!r || !(r->rows = breachp_malloc((n ? n : 1) * sizeof *r->rows))) {
        breachp_free(r);
        breach_fail(err, BREACH_ENOMEM, "out of memory for per-capita rates");
        return NULL;
    }
    r->year = pop->year;
    for (size_t k = 0; k < n; k++) {
        breach_region g = in[k].region;
        if (g >= pop->nreg || !pop->has[g] || pop->pop[g] == 0) {
            r->n_without_population++;
            if (breach_total_merge(&r->affected_without_population, in[k].total)) {
                breach_percapita_free(r);
                breach_fail(err, BREACH_EOVERFLOW, "a total exceeds 2^64-1");
                return NULL;
            }
            continue;
        }
        breach_percapita_row *row = &r->rows[r->n_rows++];
        double per = 1e5 / (double)pop->pop[g];
        row->region = g;
        row->population = pop->pop[g];
        row->affected = *in[k].total;
        row->rate = (double)row->affected.point * per;
        row->rate_lower = (double)row->affected.lower * per;
        row->rate_upper = row->affected.upper_unbounded ? INFINITY : (double)row->affected.upper * per;
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
    breach_percapita *r = rates(in, shares->n_rows, pop, err);
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
