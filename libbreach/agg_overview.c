/* The overview of a selection, each notice's regional shares, and the vendors named:
 * the figures a summary shows first (breachstat summary, share, supply-chain's list). */
#include "dataset_private.h"

#include <stdlib.h>
#include <string.h>

/* A set of string ids (entity or vendor keys), as bits. */
typedef struct idset {
    uint64_t *bits;
    uint64_t n;
} idset;

static int idset_init(idset *s, const breach_dataset *ds)
{
    s->n = 0;
    s->bits = breachp_calloc((size_t)breach_intern_count(ds->strings) / 64 + 2, sizeof *s->bits);
    return s->bits ? 0 : BREACH_ENOMEM;
}

static void idset_add(idset *s, uint32_t id)
{
    if (!id)
        return;
    uint64_t bit = (uint64_t)1 << (id % 64);
    if (!(s->bits[id / 64] & bit)) {
        s->bits[id / 64] |= bit;
        s->n++;
    }
}

/* How many incidents the filter selects with revisions and duplicates as `sup` / `dup`
 * say (the filter's criteria kept). */
static long count_with(const breach_dataset *ds, const breach_filter *f, bool sup, bool dup,
                       size_t **keep, breach_error *err)
{
    breach_filter g;
    if (f)
        g = *f;
    else
        breach_filter_init(&g);
    g.include_superseded = sup;
    g.include_duplicates = dup;
    size_t n = 0;
    int rc;
    size_t *sel = breach_select(ds, &g, 0, &n, &rc, err);
    if (rc)
        return rc;
    if (keep)
        *keep = sel;
    else
        breachp_free(sel);
    return (long)n;
}

/* BREACH_EOVERFLOW for a total that incident i's count takes past 2^64-1, naming the file
 * and line it was read from (an index alone tells a user nothing): "the total of
 * individuals passes 2^64-1 with the notice at hhs.csv line 3 (incident 1)", with err's
 * place set to the same. */
static void overflow_fail(const breach_dataset *ds, size_t i, const char *unit, breach_error *err)
{
    long line = 0, in = breach_dataset_origin(ds, i, &line);
    breach_input_info info;
    if (in < 0 || breach_dataset_input(ds, (size_t)in, &info, NULL) != BREACH_OK)
        breach_fail(err, BREACH_EOVERFLOW, "the total of %s passes 2^64-1 (at incident %zu)",
                    unit, i);
    else if (line > 0)
        breach_fail_at(err, BREACH_EOVERFLOW, info.name, line, 0,
                       "the total of %s passes 2^64-1 with the notice at %s line %ld "
                       "(incident %zu)",
                       unit, info.name, line, i);
    else
        breach_fail_at(err, BREACH_EOVERFLOW, info.name, 0, 0,
                       "the total of %s passes 2^64-1 with a notice of %s (incident %zu)", unit,
                       info.name, i);
}

breach_overview *breach_overview_compute(const breach_dataset *ds, const breach_filter *f,
                                         breach_error *err)
{
    if (!ds) {
        breach_fail(err, BREACH_EINVAL, "no dataset");
        return NULL;
    }
    size_t *sel = NULL;
    bool sup = f && f->include_superseded, dup = f && f->include_duplicates;
    long n = count_with(ds, f, sup, dup, &sel, err);
    long n_sup = n >= 0 && !sup ? count_with(ds, f, true, dup, NULL, err) : n;
    /* with revisions kept no revision pass runs, so the duplicates left out are the
       difference between keeping them and not */
    long n_all = n_sup >= 0 && !dup ? count_with(ds, f, true, true, NULL, err) : n_sup;
    long n_coarse = n_all >= 0 ? breach_dataset_n_coarse_dated(ds, f, err) : n_all;
    breach_overview *o = n_coarse >= 0 ? breachp_calloc(1, sizeof *o) : NULL;
    idset keys = {NULL, 0}, vendors = {NULL, 0};
    if (n_coarse < 0 || !o || idset_init(&keys, ds) || idset_init(&vendors, ds)) {
        if (n_coarse >= 0)
            breach_fail(err, BREACH_ENOMEM, "out of memory");
        breachp_free(sel);
        breachp_free(o);
        breachp_free(keys.bits);
        return NULL;
    }
    o->n_incidents = ds->n;
    o->n_selected = (uint64_t)n;
    o->n_superseded = (uint64_t)(n_sup - n);
    o->n_dropped = (uint64_t)(n_all - n_sup);
    o->n_coarse_dated = (uint64_t)n_coarse;
    for (int u = 0; u < BREACH_UNIT_COUNT_; u++)
        o->by_unit[u] = breach_total_zero();
    o->first_reported = o->last_reported = breach_date_none();
    int32_t first = 0, last = 0;
    for (long k = 0; k < n; k++) {
        size_t i = sel[k];
        idset_add(&keys, ds->entity_key[i]);
        idset_add(&vendors, breach_sparse_u32(&ds->vendor_key, i));
        o->n_with_breakdown += breach_sparse_find(&ds->regions, i) != 0;
        int u = ds->unit[i] < BREACH_UNIT_COUNT_ ? ds->unit[i] : 0;
        o->n_by_unit[u]++;
        breach_count c = {breach_ds_affected(ds, i), ds->qualifier[i]};
        if (ds->flags[i] & BREACH_FLAG_IDENTICAL) {
            o->n_identical++;
            /* a part of by_unit[u].point, which the check below bounds */
            o->identical_by_unit[u] += c.qualifier != BREACH_COUNT_UNKNOWN ? c.value : 0;
        }
        if (breach_total_add(&o->by_unit[u], c) != BREACH_OK) {
            /* as every other statistic: a total that does not fit is an error, never the
               figures before it shown as if they were the total */
            overflow_fail(ds, i, breach_unit_name((breach_unit)u), err);
            breachp_free(keys.bits);
            breachp_free(vendors.bits);
            breachp_free(sel);
            breachp_free(o);
            return NULL;
        }
        breach_pdate p = ds->reported[i];
        if (breach_pdate_known(p)) {
            int32_t d = breach_pdate_day(p);
            if (!breach_date_is_known(o->first_reported) || d < first) {
                first = d;
                o->first_reported = breach_unpack_date(p);
            }
            if (!breach_date_is_known(o->last_reported) || d > last) {
                last = d;
                o->last_reported = breach_unpack_date(p);
            }
        }
    }
    o->n_organisations = keys.n;
    o->n_vendors = vendors.n;
    breachp_free(keys.bits);
    breachp_free(vendors.bits);
    breachp_free(sel);
    return o;
}

void breach_overview_free(breach_overview *o) { breachp_free(o); }

breach_notice_shares *breach_notice_shares_compute(const breach_dataset *ds,
                                                   const breach_filter *f,
                                                   const breach_region *regions,
                                                   size_t n_regions, breach_error *err)
{
    if (!ds || (n_regions && !regions)) {
        breach_fail(err, BREACH_EINVAL, "no dataset, or no regions");
        return NULL;
    }
    for (size_t r = 0; r < n_regions; r++)
        if (!regions[r] || regions[r] > breach_region_max()) {
            breach_fail(err, BREACH_EINVAL, "region %u does not exist", (unsigned)regions[r]);
            return NULL;
        }
    size_t n = 0;
    int rc;
    size_t *sel = breach_select(ds, f, 0, &n, &rc, err);
    if (rc)
        return NULL;
    breach_notice_shares *s = breachp_calloc(1, sizeof *s);
    size_t cap = 0;
    if (!s)
        goto nomem;
    s->n_selected = n;
    for (size_t k = 0; k < n; k++) {
        size_t nr;
        const breach_region_count *rg = breach_ds_regions(ds, sel[k], &nr);
        if (!nr)
            continue;
        s->n_with_breakdown++;
        size_t m = n_regions ? n_regions : nr;
        for (size_t j = 0; j < m; j++) {
            breach_share sh;
            rc = breach_incident_region_share(ds, sel[k], n_regions ? regions[j] : rg[j].region,
                                              &sh, NULL);
            if (rc == BREACH_ENOTFOUND)
                continue;
            if (breach_grow((void **)&s->rows, &cap, s->n_rows + 1, sizeof *s->rows))
                goto nomem;
            s->rows[s->n_rows].index = sel[k];
            s->rows[s->n_rows++].share = sh;
        }
    }
    breachp_free(sel);
    return s;
nomem:
    breachp_free(sel);
    breach_notice_shares_free(s);
    breach_fail(err, BREACH_ENOMEM, "out of memory");
    return NULL;
}

void breach_notice_shares_free(breach_notice_shares *s)
{
    if (!s)
        return;
    breachp_free(s->rows);
    breachp_free(s);
}

/* (vendor key, first row, organisation) for sorting */
typedef struct vrow {
    uint32_t vkey, ekey;
    size_t at;
} vrow;

static int cmp_vrow(const void *a, const void *b)
{
    const vrow *x = a, *y = b;
    if (x->vkey != y->vkey)
        return x->vkey < y->vkey ? -1 : 1;
    if (x->ekey != y->ekey)
        return x->ekey < y->ekey ? -1 : 1;
    return x->at < y->at ? -1 : x->at > y->at;
}

static int cmp_name(const void *a, const void *b)
{
    const breach_vendor_row *x = a, *y = b;
    return strcmp(x->name, y->name);
}

breach_vendors *breach_vendors_compute(const breach_dataset *ds, const breach_filter *f,
                                       breach_error *err)
{
    if (!ds) {
        breach_fail(err, BREACH_EINVAL, "no dataset");
        return NULL;
    }
    breach_filter g;
    if (f)
        g = *f;
    else
        breach_filter_init(&g);
    g.include_superseded = true;
    g.vendor = NULL;
    size_t n = 0;
    int rc;
    size_t *sel = breach_select(ds, &g, 0, &n, &rc, err);
    if (rc)
        return NULL;
    vrow *v = breachp_malloc((n + 1) * sizeof *v);
    breach_vendors *out = breachp_calloc(1, sizeof *out);
    if (!v || !out)
        goto nomem;
    size_t m = 0;
    for (size_t k = 0; k < n; k++) {
        uint32_t vk = breach_sparse_u32(&ds->vendor_key, sel[k]);
        if (vk)
            v[m++] = (vrow){vk, ds->entity_key[sel[k]], sel[k]};
    }
    if (m > 1)
        qsort(v, m, sizeof *v, cmp_vrow);
    if (m && !(out->rows = breachp_calloc(m, sizeof *out->rows)))
        goto nomem;
    for (size_t a = 0, b; a < m; a = b) {
        breach_vendor_row *r = &out->rows[out->n_rows++];
        size_t first = v[a].at;
        for (b = a; b < m && v[b].vkey == v[a].vkey; b++) {
            r->n_notices++;
            if (v[b].ekey && (b == a || v[b].ekey != v[b - 1].ekey))
                r->n_organisations++;
            if (v[b].at < first)
                first = v[b].at;
        }
        r->name = breach_intern_get(ds->strings, breach_sparse_u32(&ds->vendor, first));
    }
    if (out->n_rows > 1) /* qsort's base may not be NULL, even for no element */
        qsort(out->rows, out->n_rows, sizeof *out->rows, cmp_name);
    breachp_free(v);
    breachp_free(sel);
    return out;
nomem:
    breachp_free(v);
    breachp_free(sel);
    breach_vendors_free(out);
    breach_fail(err, BREACH_ENOMEM, "out of memory");
    return NULL;
}

void breach_vendors_free(breach_vendors *v)
{
    if (!v)
        return;
    breachp_free(v->rows);
    breachp_free(v);
}
