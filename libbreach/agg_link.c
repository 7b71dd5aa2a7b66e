/* Cross-source linking: regional-only notices joined to the totals of the same
 * organisation within a date window. */
#include "dataset_private.h"
#include "episode_private.h"
#include "sort_private.h"
#include "stats_private.h"

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

/* A notice with no total and a figure for some region: a region entry without a figure
 * (WA's empty WashingtoniansAffected) gives nothing to be a share of a linked total. */
static int is_regional_only(const breach_dataset *ds, size_t i)
{
    if (ds->qualifier[i] != BREACH_COUNT_UNKNOWN)
        return 0;
    size_t nr;
    const breach_region_count *rg = breach_ds_regions(ds, i, &nr);
    for (size_t k = 0; k < nr; k++)
        if (rg[k].count.qualifier != BREACH_COUNT_UNKNOWN)
            return 1;
    return 0;
}

static int has_total(const breach_dataset *ds, size_t i)
{
    return ds->qualifier[i] != BREACH_COUNT_UNKNOWN;
}

/* Regional counts are residents, people: only totals of people are their whole (a count
 * of accounts or records is another basis, never added to one of people). */
static int counts_people(const breach_dataset *ds, size_t i)
{
    return ds->unit[i] == BREACH_UNIT_INDIVIDUALS;
}

/* Whether a count has a lower bound (its value) and a total an upper bound: a part certainly
 * above its whole when part > upper (the rule breach_dataset_add applies within one notice;
 * estimates are not bounds). */
static int has_lower(breach_count c)
{
    return c.qualifier == BREACH_COUNT_EXACT || c.qualifier == BREACH_COUNT_AT_LEAST;
}
static int total_bounded(const breach_total *t)
{
    return !t->upper_unbounded && t->n_estimated == 0;
}

/* The first region of notice i whose count is certainly above the total t, or NULL. */
static const breach_region_count *above_total(const breach_dataset *ds, size_t i,
                                              const breach_total *t)
{
    size_t nr;
    const breach_region_count *rg = breach_ds_regions(ds, i, &nr);
    if (!total_bounded(t))
        return NULL;
    for (size_t k = 0; k < nr; k++)
        if (has_lower(rg[k].count) && rg[k].count.value > t->upper)
            return &rg[k];
    return NULL;
}

void breach_links_free(breach_links *l)
{
    if (!l)
        return;
    for (size_t k = 0; k < l->n_links; k++) {
        breachp_free((void *)l->links[k].totals);
        breachp_free((void *)l->links[k].reason);
    }
    breachp_free(l->links);
    breachp_free(l);
}

static int cmp_link(const void *pa, const void *pb)
{
    const breach_link *a = pa, *b = pb;
    int c = strcmp(a->entity_key, b->entity_key);
    if (c)
        return c;
    return a->regional < b->regional ? -1 : (a->regional > b->regional);
}

const breach_link_options *breach_link_options_ready(const breach_dataset *ds,
                                                     const breach_link_options *o,
                                                     breach_link_options *defaults,
                                                     breach_error *err)
{
    if (!o) {
        breach_link_options_init(defaults);
        o = defaults;
    }
    if (!ds) {
        breach_fail(err, BREACH_EINVAL, "no dataset");
        return NULL;
    }
    if (BREACH_RESERVED_OK(o, 0, "link options", "breach_link_options_init", err))
        return NULL;
    if (o->window_days < 0 || o->date_field < BREACH_FIELD_EVENT ||
        o->date_field > BREACH_FIELD_DISCOVERED) {
        breach_fail(err, BREACH_EINVAL, "link options: window of %d days, date field %d",
                    (int)o->window_days, (int)o->date_field);
        return NULL;
    }
    return o;
}

/* The filings of a window's totals, in date order (see breach_links_compute): a total
 * starts a new one unless it is on the day of the last, or it and the filing's first are a
 * business associate's filings at most `window` days apart (window < 0: never). */
typedef struct filings {
    size_t n;            /* filings begun so far: the current one's number */
    int32_t first, last; /* the current filing's first and last days */
    int assoc;           /* its first is a business associate's filing */
} filings;

static size_t filing_of(filings *f, int32_t day, int assoc, int32_t window)
{
    if (!f->n || !(day == f->last || (assoc && f->assoc && window >= 0 &&
                                      (int64_t)day - f->first <= window))) {
        f->n++;
        f->first = day;
        f->assoc = assoc;
    }
    f->last = day;
    return f->n;
}

breach_links *breach_links_compute(const breach_dataset *ds, const breach_filter *f,
                                   const breach_link_options *o, breach_error *err)
{
    breach_link_options defaults;
    if (!(o = breach_link_options_ready(ds, o, &defaults, err)))
        return NULL;
    size_t n;
    int rc;
    size_t *sel = breach_select(ds, f, 0, &n, &rc, err);
    if (rc)
        return NULL;
    uint64_t *keys = NULL;
    size_t *idx = NULL;
    size_t cap = 0, n_sources = 0;
    uint8_t *sources = NULL; /* by input: its format (breach_episode_sources) */
    uint32_t assoc[3];       /* entity_type ids of a business associate's filing */
    breach_associate_ids(ds, assoc);
    const int32_t assoc_window = breach_associate_window(0);
    breach_links *r = breachp_calloc(1, sizeof *r);
    if (!r || breach_episode_sources(ds, &sources, &n_sources))
        goto oom;
    /* the named, dated notices that matter, sorted by (organisation, day) */
    keys = breachp_malloc((n ? n : 1) * sizeof *keys);
    idx = breachp_malloc((n ? n : 1) * sizeof *idx);
    if (!keys || !idx)
        goto oom;
    size_t m = 0;
    for (size_t k = 0; k < n; k++) {
        size_t i = sel[k];
        int regional = is_regional_only(ds, i);
        breach_pdate p = breach_dataset_match_pdate(ds, i, o->date_field);
        if (regional)
            r->n_regional++;
        if (!regional && !has_total(ds, i))
            continue;
        if (regional && !counts_people(ds, i)) { /* not residents: nothing to be a share of */
            r->n_unmatched++;
            continue;
        }
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
            /* Totals of one format: two sources' totals in the window are one incident's
               figure given twice (the seed's Brightline, 1,013,686, and the 11 portal rows
               it sums), never added. The format whose totals sum highest stands, on a tie
               the one loaded first, as in breach_format_overlap's count. */
            uint64_t by[256] = {0};
            unsigned char have[256] = {0};
            for (size_t q = lo; q < hi; q++)
                if (has_total(ds, idx[q]) && counts_people(ds, idx[q])) {
                    uint8_t src = breach_source_of(ds, sources, idx[q]);
                    uint64_t v = breach_ds_affected(ds, idx[q]);
                    by[src] = by[src] + v < by[src] ? UINT64_MAX : by[src] + v;
                    have[src] = 1;
                }
            int best = breach_source_largest(by, have);
            /* One filing's totals: those of the window cut into filings by the rules of
               episodes (a day's notices are one; a business associate's filings, one per
               client, are one for 60 days from the first), and the filing nearest this
               notice stands, on a tie the earlier. Fred Hutchinson's WA notice of
               2024-02-29 was a share of its hacking (890,959, 2023-12-22) and its loss (544,
               12-26) added, two incidents; now of the nearer. */
            filings fl = {0, 0, 0, 0};
            int64_t best_dist = INT64_MAX;
            size_t best_filing = 0;
            for (size_t q = lo; q < hi; q++) {
                size_t ti = idx[q];
                if (!has_total(ds, ti) || !counts_people(ds, ti) ||
                    breach_source_of(ds, sources, ti) != (uint8_t)best)
                    continue;
                int32_t tday = breach_key_day(keys[q]);
                size_t filing = filing_of(&fl, tday, breach_is_associate(assoc, ds->entity_type[ti]),
                                          assoc_window);
                int64_t dist = (int64_t)tday - day;
                dist = dist < 0 ? -dist : dist;
                if (dist < best_dist) {
                    best_dist = dist;
                    best_filing = filing;
                }
            }
            size_t *tot = NULL, tcap = 0;
            fl = (filings){0, 0, 0, 0};
            for (size_t q = lo; q < hi; q++) {
                size_t ti = idx[q];
                int32_t tday = breach_key_day(keys[q]);
                int64_t d = (int64_t)tday - day;
                if (!has_total(ds, ti))
                    continue;
                if (!counts_people(ds, ti)) {
                    L.n_other_unit++;
                    continue;
                }
                if (breach_source_of(ds, sources, ti) != (uint8_t)best) {
                    L.n_other_source++;
                    continue;
                }
                if (filing_of(&fl, tday, breach_is_associate(assoc, ds->entity_type[ti]),
                              assoc_window) != best_filing) {
                    L.n_other_filing++;
                    continue;
                }
                if (breach_grow((void **)&tot, &tcap, L.n_totals + 1, sizeof *tot)) {
                    breachp_free(tot);
                    goto oom;
                }
                tot[L.n_totals++] = ti;
                breach_count c = {breach_ds_affected(ds, ti), ds->qualifier[ti]};
                if (breach_total_add(&L.total, c)) {
                    breachp_free(tot);
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
            char why[640];
            int w = snprintf(why, sizeof why,
                             "same organisation key '%s'; %zu notice%s with a total dated %d to "
                             "%d days from this one (window %d days)",
                             L.entity_key, L.n_totals, L.n_totals == 1 ? "" : "s",
                             (int)L.days_min, (int)L.days_max, (int)o->window_days);
            if (L.n_other_unit && w > 0 && (size_t)w < sizeof why)
                w += snprintf(why + w, sizeof why - (size_t)w,
                              "; %llu notice%s counting accounts or records left out",
                              (unsigned long long)L.n_other_unit, L.n_other_unit == 1 ? "" : "s");
            if (L.n_other_filing && w > 0 && (size_t)w < sizeof why)
                w += snprintf(why + w, sizeof why - (size_t)w,
                              "; %llu notice%s with a total of another filing in the window "
                              "left out (another day, not a business associate's filings "
                              "within 60 days: another incident)",
                              (unsigned long long)L.n_other_filing,
                              L.n_other_filing == 1 ? "" : "s");
            if (L.n_other_source && w > 0 && (size_t)w < sizeof why)
                w += snprintf(why + w, sizeof why - (size_t)w,
                              "; %llu notice%s with a total from another source left out (the "
                              "same incident's figure given twice, not added)",
                              (unsigned long long)L.n_other_source,
                              L.n_other_source == 1 ? "" : "s");
            const breach_region_count *above = above_total(ds, ri, &L.total);
            if (above) {
                L.inconsistent = true;
                r->n_inconsistent++;
                if (w > 0 && (size_t)w < sizeof why)
                    snprintf(why + w, sizeof why - (size_t)w,
                             "; inconsistent: %s counts %llu, more than the linked total %llu "
                             "(probably another incident or a different count basis), so no "
                             "share is given",
                             breach_region_code(above->region),
                             (unsigned long long)above->count.value,
                             (unsigned long long)L.total.upper);
            }
            L.reason = breachp_strdup(why);
            L.totals = tot;
            if (!L.reason || breach_grow((void **)&r->links, &cap, r->n_links + 1, sizeof *r->links)) {
                breachp_free((void *)L.reason);
                breachp_free(tot);
                goto oom;
            }
            r->links[r->n_links++] = L;
            r->n_linked++;
        }
        a = b;
    }
    if (r->n_links)
        qsort(r->links, r->n_links, sizeof *r->links, cmp_link);
    breachp_free(keys);
    breachp_free(idx);
    breachp_free(sel);
    breachp_free(sources);
    return r;
oom:
    breach_fail(err, BREACH_ENOMEM, "out of memory linking notices");
fail:
    breachp_free(keys);
    breachp_free(idx);
    breachp_free(sel);
    breachp_free(sources);
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
    const breach_region_count *above = above_total(ds, link->regional, t);
    if (above)
        return breach_fail(err, BREACH_EINCONSISTENT,
                           "%s counts %llu, more than the linked total %llu: probably another "
                           "incident or a different count basis (no share for any region of "
                           "this link)",
                           breach_region_code(above->region),
                           (unsigned long long)above->count.value, (unsigned long long)t->upper);
    if (hit->count.qualifier == BREACH_COUNT_UNKNOWN)
        return BREACH_OK;
    /* The whole is at least the part: a total that may lie below it (an "at least" or an
       estimated one) is taken as the part where it is smaller, so that
       share_min <= share <= share_max <= 1 always (exact figures: all three equal). */
    uint64_t v = hit->count.value;
    double part = (double)v;
    double plo = hit->count.qualifier == BREACH_COUNT_AT_MOST ? 0.0 : part;
    double phi = hit->count.qualifier == BREACH_COUNT_AT_LEAST ? INFINITY : part;
    double wpoint = (double)(t->point > v ? t->point : v);
    double wlo = fmax((double)t->lower, plo);
    double whi = t->upper_unbounded ? INFINITY : fmax((double)t->upper, part);
    if (wpoint == 0)
        return BREACH_OK;
    out->share = part / wpoint;
    out->share_min = isinf(whi) ? 0.0 : plo / whi;
    out->share_max = (isinf(phi) || wlo == 0) ? 1.0 : fmin(1.0, phi / wlo);
    return BREACH_OK;
}
