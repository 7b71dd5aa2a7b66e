/* Region shares: one incident's, and per-region totals across a dataset. */
#include "dataset_private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Lower and upper bound of a count (INFINITY when it has none). Estimates are taken as
 * given. */
static void bounds(breach_count c, double *lo, double *hi)
{
    switch (c.qualifier) {
    case BREACH_COUNT_AT_LEAST: *lo = (double)c.value; *hi = INFINITY; break;
    case BREACH_COUNT_AT_MOST: *lo = 0; *hi = (double)c.value; break;
    default: *lo = *hi = (double)c.value; break;
    }
}

int breach_incident_region_share(const breach_dataset *ds, size_t index, breach_region region,
                                 breach_share *out, breach_error *err)
{
    if (!ds || !out)
        return breach_fail(err, BREACH_EINVAL, "no dataset or output");
    if (index >= ds->n)
        return breach_fail(err, BREACH_EINVAL, "incident %zu does not exist", index);
    const breach_region_count *hit = NULL;
    size_t nr;
    const breach_region_count *rg = breach_ds_regions(ds, index, &nr);
    for (size_t k = 0; k < nr; k++)
        if (rg[k].region == region)
            hit = &rg[k];
    if (!hit)
        return breach_fail(err, BREACH_ENOTFOUND, "incident %zu gives no count for %s", index,
                           region ? breach_region_code(region) : "(no region)");
    memset(out, 0, sizeof *out);
    out->region = region;
    out->part = hit->count;
    out->whole.value = ds->affected[index];
    out->whole.qualifier = ds->qualifier[index];
    out->share = out->share_min = out->share_max = NAN;
    if (out->whole.qualifier == BREACH_COUNT_UNKNOWN || out->whole.value == 0 ||
        out->part.qualifier == BREACH_COUNT_UNKNOWN)
        return BREACH_OK;
    out->share = (double)out->part.value / (double)out->whole.value;
    double plo, phi, wlo, whi;
    bounds(out->part, &plo, &phi);
    bounds(out->whole, &wlo, &whi);
    double wmin = fmax(wlo, plo); /* the whole is at least the part */
    out->share_min = isinf(whi) ? 0.0 : plo / whi;
    out->share_max = (isinf(phi) || wmin == 0) ? 1.0 : fmin(1.0, phi / wmin);
    return BREACH_OK;
}

static int cmp_rows(const void *pa, const void *pb)
{
    const breach_region_row *a = pa, *b = pb;
    if (a->total.point != b->total.point)
        return a->total.point > b->total.point ? -1 : 1;
    return strcmp(breach_region_code(a->region), breach_region_code(b->region));
}

breach_region_shares *breach_region_shares_compute(const breach_dataset *ds, const breach_filter *f,
                                                   breach_error *err)
{
    if (!ds) {
        breach_fail(err, BREACH_EINVAL, "no dataset");
        return NULL;
    }
    size_t n, nreg = (size_t)breach_region_max() + 1;
    int rc;
    size_t *sel = breach_select(ds, f, 0, &n, &rc, err);
    if (rc)
        return NULL;
    breach_region_shares *r = calloc(1, sizeof *r);
    breach_region_row *acc = calloc(nreg, sizeof *acc);
    if (!r || !acc)
        goto oom;
    r->n_incidents = n;
    for (size_t k = 0; k < n; k++) {
        size_t i = sel[k];
        size_t nr;
        const breach_region_count *rg = breach_ds_regions(ds, i, &nr);
        if (nr == 0)
            continue;
        r->n_with_breakdown++;
        breach_count whole = {ds->affected[i], ds->qualifier[i]};
        if (breach_total_add(&r->affected_with_breakdown, whole))
            goto overflow;
        for (size_t p = 0; p < nr; p++) {
            breach_region_row *row = &acc[rg[p].region];
            row->region = rg[p].region;
            row->n_incidents++;
            if (breach_total_add(&row->total, rg[p].count) ||
                breach_total_add(&r->all_regions, rg[p].count))
                goto overflow;
        }
    }
    for (size_t g = 1; g < nreg; g++)
        r->n_rows += acc[g].n_incidents > 0;
    if (r->n_rows) {
        r->rows = malloc(r->n_rows * sizeof *r->rows);
        if (!r->rows)
            goto oom;
        size_t w = 0;
        for (size_t g = 1; g < nreg; g++)
            if (acc[g].n_incidents) {
                acc[g].share = r->all_regions.point
                                   ? (double)acc[g].total.point / (double)r->all_regions.point
                                   : NAN;
                r->rows[w++] = acc[g];
            }
        qsort(r->rows, r->n_rows, sizeof *r->rows, cmp_rows);
    }
    free(acc);
    free(sel);
    return r;
overflow:
    breach_fail(err, BREACH_EOVERFLOW, "a regional total exceeds 2^64-1");
    goto fail;
oom:
    breach_fail(err, BREACH_ENOMEM, "out of memory computing region shares");
fail:
    free(acc);
    free(sel);
    breach_region_shares_free(r);
    return NULL;
}

void breach_region_shares_free(breach_region_shares *r)
{
    if (!r)
        return;
    free(r->rows);
    free(r);
}
