/* Cross-source linking: regional-only notices joined to the totals of the same
 * organisation within a date window. */
#include "dataset_private.h"
#include "sort_private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void breach_link_options_init(breach_link_options *o)
{
    if (!o)
        return;
    memset(o, 0, sizeof *o);
    o->window_days = 120;
    o->date_field = BREACH_FIELD_REPORTED;
}

static int is_regional_only(const breach_dataset *ds, size_t i)
{
    return ds->qualifier[i] == BREACH_COUNT_UNKNOWN && breach_sparse_find(&ds->regions, i) != 0;
}

static int has_total(const breach_dataset *ds, size_t i)
{
    return ds->qualifier[i] != BREACH_COUNT_UNKNOWN;
}

void breach_links_free(breach_links *l)
{
    if (!l)
        return;
    for (size_t k = 0; k < l->n_links; k++) {
        free((void *)l->links[k].totals);
        free((void *)l->links[k].reason);
    }
    free(l->links);
    free(l);
}

static int cmp_link(const void *pa, const void *pb)
{
    const breach_link *a = pa, *b = pb;
    int c = strcmp(a->entity_key, b->entity_key);
    if (c)
        return c;
    return a->regional < b->regional ? -1 : (a->regional > b->regional);
}

breach_links *breach_links_compute(const breach_dataset *ds, const breach_filter *f,
                                   const breach_link_options *o, breach_error *err)
{
    breach_link_options defaults;
    if (!o) {
        breach_link_options_init(&defaults);
        o = &defaults;
    }
    int reserved = 0;
    for (size_t k = 0; k < sizeof o->reserved_ / sizeof o->reserved_[0]; k++)
        reserved |= o->reserved_[k] != 0;
    if (!ds || reserved || o->window_days < 0 || o->date_field < BREACH_FIELD_EVENT ||
        o->date_field > BREACH_FIELD_DISCOVERED) {
        breach_fail(err, BREACH_EINVAL, "no dataset, or invalid link options");
        return NULL;
    }
    size_t n;
    int rc;
    size_t *sel = breach_select(ds, f, 0, &n, &rc, err);
    if (rc)
        return NULL;
    uint64_t *keys = NULL;
    size_t *idx = NULL;
    size_t cap = 0;
    breach_links *r = calloc(1, sizeof *r);
    if (!r)
        goto oom;
    /* the named, dated notices that matter, sorted by (organisation, day) */
    keys = malloc((n ? n : 1) * sizeof *keys);
    idx = malloc((n ? n : 1) * sizeof *idx);
    if (!keys || !idx)
        goto oom;
    size_t m = 0;
    for (size_t k = 0; k < n; k++) {
        size_t i = sel[k];
        int regional = is_regional_only(ds, i);
        breach_pdate p = breach_dataset_pdate(ds, i, o->date_field);
        if (regional)
            r->n_regional++;
        if (!regional && !has_total(ds, i))
            continue;
        if (!breach_pdate_known(p) || !ds->entity_key[i]) {
            if (regional && !breach_pdate_known(p))
                r->n_undated++;
            else if (regional)
                r->n_unmatched++;
            continue;
        }
        keys[m] = breach_entity_day_key(ds->entity_key[i], breach_pdate_day(p));
        idx[m] = i;
        m++;
    }
    if (breach_radix_sort(keys, idx, m))
        goto oom;
    for (size_t a = 0; a < m;) {
        size_t b = a;
        while (b < m && keys[b] >> 32 == keys[a] >> 32)
            b++;
        /* the group is sorted by day: the window [day - w, day + w] slides forward */
        size_t lo = a, hi = a;
        for (size_t k = a; k < b; k++) {
            size_t ri = idx[k];
            if (!is_regional_only(ds, ri))
                continue;
            int32_t day = breach_key_day(keys[k]);
            while (lo < b && (int64_t)breach_key_day(keys[lo]) < (int64_t)day - o->window_days)
                lo++;
            if (hi < lo)
                hi = lo;
            while (hi < b && (int64_t)breach_key_day(keys[hi]) <= (int64_t)day + o->window_days)
                hi++;
            breach_link L;
            memset(&L, 0, sizeof L);
            L.regional = ri;
            L.entity_key = breach_intern_get(ds->strings, (uint32_t)(keys[a] >> 32));
            size_t *tot = NULL, tcap = 0;
            for (size_t q = lo; q < hi; q++) {
                size_t ti = idx[q];
                int32_t tday = breach_key_day(keys[q]);
                int64_t d = (int64_t)tday - day;
                if (!has_total(ds, ti))
                    continue;
                if (breach_grow((void **)&tot, &tcap, L.n_totals + 1, sizeof *tot)) {
                    free(tot);
                    goto oom;
                }
                tot[L.n_totals++] = ti;
                breach_count c = {breach_ds_affected(ds, ti), ds->qualifier[ti]};
                if (breach_total_add(&L.total, c)) {
                    free(tot);
                    breach_fail(err, BREACH_EOVERFLOW, "a linked total exceeds 2^64-1");
                    goto fail;
                }
                if (L.n_totals == 1 || d < L.days_min)
                    L.days_min = (int32_t)d;
                if (L.n_totals == 1 || d > L.days_max)
                    L.days_max = (int32_t)d;
            }
            if (!L.n_totals) {
                r->n_unmatched++;
                continue;
            }
            char why[256];
            snprintf(why, sizeof why,
                     "same organisation key '%s'; %zu notice%s with a total dated %d to %d days "
                     "from this one (window %d days)",
                     L.entity_key, L.n_totals, L.n_totals == 1 ? "" : "s", (int)L.days_min,
                     (int)L.days_max, (int)o->window_days);
            L.reason = strdup(why);
            L.totals = tot;
            if (!L.reason || breach_grow((void **)&r->links, &cap, r->n_links + 1, sizeof *r->links)) {
                free((void *)L.reason);
                free(tot);
                goto oom;
            }
            r->links[r->n_links++] = L;
            r->n_linked++;
        }
        a = b;
    }
    if (r->n_links)
        qsort(r->links, r->n_links, sizeof *r->links, cmp_link);
    free(keys);
    free(idx);
    free(sel);
    return r;
oom:
    breach_fail(err, BREACH_ENOMEM, "out of memory linking notices");
fail:
    free(keys);
    free(idx);
    free(sel);
    breach_links_free(r);
    return NULL;
}

int breach_link_region_share(const breach_dataset *ds, const breach_link *link, breach_region r,
                             breach_share *out, breach_error *err)
{
    if (!ds || !link || !out || link->regional >= ds->n)
        return breach_fail(err, BREACH_EINVAL, "no dataset, link or output");
    size_t nr;
    const breach_region_count *rg = breach_ds_regions(ds, link->regional, &nr);
    const breach_region_count *hit = NULL;
    for (size_t k = 0; k < nr; k++)
        if (rg[k].region == r)
            hit = &rg[k];
    if (!hit)
        return breach_fail(err, BREACH_ENOTFOUND, "the linked notice gives no count for %s",
                           r ? breach_region_code(r) : "(no region)");
    const breach_total *t = &link->total;
    memset(out, 0, sizeof *out);
    out->region = r;
    out->part = hit->count;
    if (!t->upper_unbounded && t->lower == t->upper && t->n_estimated == 0)
        out->whole = breach_count_exact(t->lower);
    else if (t->upper_unbounded) {
        out->whole.value = t->lower;
        out->whole.qualifier = BREACH_COUNT_AT_LEAST;
    } else {
        out->whole.value = t->point;
        out->whole.qualifier = BREACH_COUNT_ESTIMATED;
    }
    out->share = out->share_min = out->share_max = NAN;
    if (t->point == 0 || hit->count.qualifier == BREACH_COUNT_UNKNOWN)
        return BREACH_OK;
    double part = (double)hit->count.value;
    int part_upper = hit->count.qualifier != BREACH_COUNT_AT_LEAST;
    double plo = hit->count.qualifier == BREACH_COUNT_AT_MOST ? 0.0 : part;
    double wlo = fmax((double)t->lower, plo);
    out->share = part / (double)t->point;
    out->share_min = t->upper_unbounded || t->upper == 0 ? 0.0 : plo / (double)t->upper;
    out->share_max = (!part_upper || wlo == 0) ? 1.0 : fmin(1.0, part / wlo);
    return BREACH_OK;
}
