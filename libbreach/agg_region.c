/* Region shares: one incident's, and per-region totals across a dataset. */
#include "dataset_private.h"
#include "episode_private.h"
#include "parallel_private.h"
#include "select_private.h"

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
    out->whole.value = breach_ds_affected(ds, index);
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

/* Counts as the loop adds them: how many of each qualifier and the sum of their values,
 * made into a breach_total once at the end. The same figures as breach_total_add count by
 * count, in a few instructions per count instead of a call that copies the total twice. A
 * total overflows with breach_total_add exactly when its point (the largest of its sums)
 * passes 2^64-1 in the end, since every sum only grows. */
typedef struct tally {
    uint64_t n[BREACH_COUNT_ESTIMATED + 1];   /* by qualifier */
    uint64_t sum[BREACH_COUNT_ESTIMATED + 1]; /* by qualifier; UNKNOWN's stays 0 */
} tally;

/* Adds c; *bad becomes 1 on overflow or a qualifier outside the enum (as breach_total_add
 * refuses it). */
static inline void tally_add(tally *t, breach_count c, int *bad)
{
    if (c.qualifier < BREACH_COUNT_UNKNOWN || c.qualifier > BREACH_COUNT_ESTIMATED) {
        *bad = 1;
        return;
    }
    t->n[c.qualifier]++;
    if (c.qualifier != BREACH_COUNT_UNKNOWN) { /* an unknown count's value means nothing */
        uint64_t s = t->sum[c.qualifier] + c.value;
        *bad |= s < c.value;
        t->sum[c.qualifier] = s;
    }
}

/* t += o; *bad becomes 1 on overflow. */
static void tally_merge(tally *t, const tally *o, int *bad)
{
    for (int q = BREACH_COUNT_UNKNOWN; q <= BREACH_COUNT_ESTIMATED; q++) {
        t->n[q] += o->n[q];
        uint64_t s = t->sum[q] + o->sum[q];
        *bad |= s < o->sum[q];
        t->sum[q] = s;
    }
}

static uint64_t tally_n(const tally *t)
{
    uint64_t n = 0;
    for (int q = BREACH_COUNT_UNKNOWN; q <= BREACH_COUNT_ESTIMATED; q++)
        n += t->n[q];
    return n;
}

/* The breach_total of t (what breach_total_add would have made of its counts); *bad
 * becomes 1 on overflow. */
static breach_total tally_total(const tally *t, int *bad)
{
    breach_total r = breach_total_zero();
    uint64_t both = t->sum[BREACH_COUNT_EXACT] + t->sum[BREACH_COUNT_ESTIMATED];
    r.lower = both + t->sum[BREACH_COUNT_AT_LEAST];
    r.upper = both + t->sum[BREACH_COUNT_AT_MOST];
    r.point = r.lower + t->sum[BREACH_COUNT_AT_MOST];
    *bad |= both < t->sum[BREACH_COUNT_EXACT] || r.lower < both || r.upper < both ||
            r.point < r.lower;
    r.upper_unbounded = t->n[BREACH_COUNT_AT_LEAST] || t->n[BREACH_COUNT_UNKNOWN];
    r.n = tally_n(t);
    r.n_exact = t->n[BREACH_COUNT_EXACT];
    r.n_at_least = t->n[BREACH_COUNT_AT_LEAST];
    r.n_at_most = t->n[BREACH_COUNT_AT_MOST];
    r.n_estimated = t->n[BREACH_COUNT_ESTIMATED];
    r.n_unknown = t->n[BREACH_COUNT_UNKNOWN];
    return r;
}

/* The dates of the notices whose residents a total adds: the earliest first day and the
 * latest last day of their periods (a year-precision date covers its year), and those
 * without the date. A rate per resident is over this span, not per year.
 * Dates of different precisions can share that day ("2021" and 2021-12-31 both end on
 * 2021-12-31); the finer one stands, as it states the day itself. (day, precision) orders
 * the first and (last day, precision) the last completely, so the span is a function of the
 * set of dates: the same whatever the notices' order and however they are split into parts
 * (threads), which a "first seen wins" tie would not be. */
typedef struct span {
    breach_date first, last;
    int32_t last_day;
    uint64_t n_undated;
} span;

/* Whether date a, starting or ending on a_day, stands before b (on b_day) as the span's
 * first or its last: the earlier day for the first, the later for the last, and on the
 * same day the finer precision either way. */
static int span_better(int32_t a_day, breach_date a, int32_t b_day, breach_date b, int latest)
{
    if (a_day != b_day)
        return latest ? a_day > b_day : a_day < b_day;
    return a.precision > b.precision;
}

static void span_add_known(span *s, breach_date first, breach_date last)
{
    int32_t end = breach_date_last_day(last);
    if (!breach_date_is_known(s->first) || span_better(first.day, first, s->first.day, s->first, 0))
        s->first = first;
    if (!breach_date_is_known(s->last) || span_better(end, last, s->last_day, s->last, 1)) {
        s->last = last;
        s->last_day = end;
    }
}

static void span_add(span *s, breach_date d)
{
    if (breach_date_is_known(d))
        span_add_known(s, d, d);
    else
        s->n_undated++;
}

static void span_merge(span *s, const span *o)
{
    s->n_undated += o->n_undated;
    if (breach_date_is_known(o->first))
        span_add_known(s, o->first, o->last);
}

/* One part of the per-region totals: its incidents (a view of the selection's part) and
 * its own tallies. The sums are of integers, so the parts' merged tallies are what one
 * loop over all would give, and a sum overflows in a part or in the merge exactly when
 * the whole one does. The regions a part's incidents name are marked in `seen`, and only
 * those are merged and read: of the 5,000-odd regions of ISO 3166 a dataset names a few
 * dozen, and going through all of them (three times, 1.2 MB of tallies) cost more than the
 * incidents of a small dataset (nearly all of a fuzz target's time). */
typedef struct region_part {
    const breach_dataset *ds;
    breach_selection sel;
    tally *acc; /* by region and unit: acc[region * BREACH_UNIT_COUNT_ + unit] */
    uint64_t *seen; /* bit g: a region g is in acc */
    tally whole[BREACH_UNIT_COUNT_];
    tally placed[BREACH_UNIT_COUNT_], placed_whole[BREACH_UNIT_COUNT_]; /* notices with a total */
    uint64_t with_breakdown[BREACH_UNIT_COUNT_];
    uint64_t with_unknown[BREACH_UNIT_COUNT_]; /* of those, with a region's count unknown */
    uint64_t selected[BREACH_UNIT_COUNT_];
    int field;                               /* the date of the span below */
    span when[BREACH_UNIT_COUNT_];           /* of the notices with a breakdown */
    int bad;
} region_part;

static void region_run(void *arg, unsigned part)
{
    region_part *c = (region_part *)arg + part;
    const breach_dataset *ds = c->ds;
    for (size_t at = 0, lo, hi; breach_selection_span(&c->sel, &at, &lo, &hi);)
        for (size_t i = lo; i < hi; i++) {
            size_t nr, u = ds->unit[i];
            const breach_region_count *rg = breach_ds_regions(ds, i, &nr);
            c->selected[u]++;
            if (nr == 0)
                continue;
            c->with_breakdown[u]++;
            span_add(&c->when[u], breach_unpack_date(breach_dataset_pdate(ds, i, c->field)));
            breach_count total = {breach_ds_affected(ds, i), ds->qualifier[i]};
            int has_total = total.qualifier != BREACH_COUNT_UNKNOWN;
            tally_add(&c->whole[u], total, &c->bad);
            if (has_total)
                tally_add(&c->placed_whole[u], total, &c->bad);
            int unknown = 0;
            for (size_t p = 0; p < nr; p++) {
                size_t g = (size_t)rg[p].region;
                unknown |= rg[p].count.qualifier == BREACH_COUNT_UNKNOWN;
                c->seen[g / 64] |= (uint64_t)1 << (g % 64);
                tally_add(&c->acc[g * BREACH_UNIT_COUNT_ + u], rg[p].count, &c->bad);
                if (has_total)
                    tally_add(&c->placed[u], rg[p].count, &c->bad);
            }
            c->with_unknown[u] += unknown;
        }
}

/* The next region marked in seen[0 .. words) from g on, or SIZE_MAX. */
static size_t next_seen(const uint64_t *seen, size_t words, size_t g)
{
    size_t w = g / 64;
    if (w >= words)
        return SIZE_MAX;
    uint64_t bits = seen[w] & (~(uint64_t)0 << (g % 64));
    while (!bits) {
        if (++w == words)
            return SIZE_MAX;
        bits = seen[w];
    }
    return w * 64 + (size_t)__builtin_ctzll(bits);
}
#define EACH_SEEN(g, seen, words, from)                                                        \
    for (size_t g = next_seen(seen, words, from); g != SIZE_MAX; g = next_seen(seen, words, g + 1))

/* The days the totals of `unit` observe on `field` (breach_region_shares.covered_first):
 * the span of the lists of the selected notices of that unit with a breakdown (those the
 * totals add: HHS's notices, which have none, do not stretch WA's), cut to f's range; by
 * an event date, what those lists observe of it (their reporting lag: truncated_start). */
static int covered(const breach_dataset *ds, const breach_selection *sel, const breach_filter *f,
                   int field, size_t unit, breach_region_shares *r)
{
    size_t m = 0, *idx = breachp_malloc((sel->n ? sel->n : 1) * sizeof *idx);
    if (!idx)
        return BREACH_ENOMEM;
    for (size_t at = 0, lo, hi; breach_selection_span(sel, &at, &lo, &hi);)
        for (size_t i = breach_sparse_next(&ds->regions, lo, hi); i < hi;
             i = breach_sparse_next(&ds->regions, i + 1, hi)) /* the rows with a breakdown */
            if (ds->unit[i] == unit)
                idx[m++] = i;
    int32_t a = INT32_MAX, b = INT32_MIN;
    int rc = m ? breach_sources_span(ds, idx, m, field, BREACH_PREC_YEAR, &a, &b) : 0;
    if (f && breach_date_is_known(f->from) && f->from.day > a)
        a = f->from.day;
    if (f && breach_date_is_known(f->to) && breach_date_last_day(f->to) < b)
        b = breach_date_last_day(f->to);
    r->covered_first = r->covered_last = breach_date_none();
    r->reported_first = r->reported_last = breach_date_none();
    r->lag_days = r->lag_median = -1;
    if (!rc && a <= b) {
        r->covered_first = (breach_date){a, BREACH_PREC_DAY};
        r->covered_last = (breach_date){b, BREACH_PREC_DAY};
        breach_lag lag;
        if (field != BREACH_FIELD_REPORTED && !(rc = breach_sources_lag(ds, idx, m, field, &lag))) {
            breach_lag_publish(&lag, &r->reported_first, &r->reported_last, &r->n_delays,
                               &r->lag_days, &r->lag_median);
            int before, late;
            breach_lag_check(&lag, a, b, &before, &late);
            r->truncated_start = before;
            r->truncated_end = late;
        }
    }
    breachp_free(idx);
    return rc;
}

breach_region_shares *breach_region_shares_compute(const breach_dataset *ds, const breach_filter *f,
                                                   breach_error *err)
{
    if (!ds) {
        breach_fail(err, BREACH_EINVAL, "no dataset");
        return NULL;
    }
    size_t nreg = (size_t)breach_region_max() + 1, ncell = nreg * BREACH_UNIT_COUNT_;
    size_t words = (nreg + 63) / 64;
    breach_selection sel;
    if (breach_selection_make(&sel, ds, f, err))
        return NULL;
    /* in two parts (threads) from 2^16 incidents (parallel_private.h), merged in order */
    unsigned parts = breach_parts(sel.n, (size_t)1 << 15);
    region_part c[BREACH_MAX_PARTS];
    memset(c, 0, sizeof c);
    breach_region_shares *r = breachp_calloc(1, sizeof *r);
    int no_memory = !r;
    for (unsigned p = 0; p < parts; p++) {
        c[p].ds = ds;
        c[p].field = f ? (int)f->date_field : BREACH_FIELD_EVENT;
        breach_selection_part(&sel, p, parts, &c[p].sel);
        no_memory |= !(c[p].acc = breachp_calloc(ncell, sizeof *c[p].acc));
        no_memory |= !(c[p].seen = breachp_calloc(words, sizeof *c[p].seen));
    }
    if (no_memory)
        goto oom;
    r->n_incidents = sel.n;
    breach_parallel(parts, region_run, c);
    /* the later parts' tallies into the first's */
    region_part *sum = &c[0];
    for (unsigned p = 1; p < parts; p++) {
        sum->bad |= c[p].bad;
        for (size_t u = 0; u < BREACH_UNIT_COUNT_; u++) {
            sum->with_breakdown[u] += c[p].with_breakdown[u];
            sum->with_unknown[u] += c[p].with_unknown[u];
            sum->selected[u] += c[p].selected[u];
            tally_merge(&sum->whole[u], &c[p].whole[u], &sum->bad);
            tally_merge(&sum->placed[u], &c[p].placed[u], &sum->bad);
            tally_merge(&sum->placed_whole[u], &c[p].placed_whole[u], &sum->bad);
            span_merge(&sum->when[u], &c[p].when[u]);
        }
        EACH_SEEN(g, c[p].seen, words, 0) {
            for (size_t u = 0; u < BREACH_UNIT_COUNT_; u++)
                tally_merge(&sum->acc[g * BREACH_UNIT_COUNT_ + u],
                            &c[p].acc[g * BREACH_UNIT_COUNT_ + u], &sum->bad);
        }
        for (size_t w = 0; w < words; w++)
            sum->seen[w] |= c[p].seen[w];
    }
    /* one unit for the totals: chosen among the notices that have a breakdown, since only
       they add to them (VCDB's records notices, without breakdowns, do not make WA's
       residents vanish) */
    r->unit = breach_result_unit(f, sum->with_breakdown);
    size_t unit = (size_t)r->unit;
    tally *acc = sum->acc, all[BREACH_UNIT_COUNT_];
    memset(all, 0, sizeof all);
    int bad = sum->bad;
    const uint64_t *seen = sum->seen;
    EACH_SEEN(g, seen, words, 0) {
        for (size_t u = 0; u < BREACH_UNIT_COUNT_; u++)
            tally_merge(&all[u], &acc[g * BREACH_UNIT_COUNT_ + u], &bad);
    }
    for (size_t u = 0; u < BREACH_UNIT_COUNT_; u++) {
        r->units |= sum->selected[u] ? 1u << u : 0;
        r->n_with_breakdown += sum->with_breakdown[u];
        if (u != unit)
            r->n_other_units += sum->with_breakdown[u];
        r->all_regions_by_unit[u] = tally_total(&all[u], &bad);
    }
    r->all_regions = r->all_regions_by_unit[unit];
    r->date_field = sum->field;
    r->first = sum->when[unit].first;
    r->last = sum->when[unit].last;
    r->n_undated = sum->when[unit].n_undated;
    r->n_breakdown_unknown = sum->with_unknown[unit];
    if (covered(ds, &sel, f, sum->field, unit, r))
        goto oom;
    r->affected_with_breakdown = tally_total(&sum->whole[unit], &bad);
    r->placed_regions = tally_total(&sum->placed[unit], &bad);
    r->placed_affected = tally_total(&sum->placed_whole[unit], &bad);
    r->n_placed = r->placed_affected.n;
    r->placed_share = r->placed_affected.point ? (double)r->placed_regions.point /
                                                     (double)r->placed_affected.point
                                               : NAN;
    if (bad)
        goto overflow;
    /* every region's sums are parts of its unit's all_regions: none of them overflows */
    EACH_SEEN(g, seen, words, 1) {
        uint64_t n = 0;
        for (size_t u = 0; u < BREACH_UNIT_COUNT_; u++)
            n += tally_n(&acc[g * BREACH_UNIT_COUNT_ + u]);
        r->n_rows += n > 0;
    }
    if (r->n_rows) {
        r->rows = breachp_malloc(r->n_rows * sizeof *r->rows);
        if (!r->rows)
            goto oom;
        size_t w = 0;
        EACH_SEEN(g, seen, words, 1) {
            breach_region_row row;
            memset(&row, 0, sizeof row);
            for (size_t u = 0; u < BREACH_UNIT_COUNT_; u++) {
                row.by_unit[u] = tally_total(&acc[g * BREACH_UNIT_COUNT_ + u], &bad);
                row.n_incidents += row.by_unit[u].n; /* an incident lists a region once */
            }
            if (!row.n_incidents)
                continue;
            row.region = (breach_region)g;
            row.total = row.by_unit[unit];
            /* a region whose every entry lacks a figure ("US-ID:") has an unknown share,
               not 0 % */
            row.share = r->all_regions.point && row.total.n_unknown < row.total.n
                            ? (double)row.total.point / (double)r->all_regions.point
                            : NAN;
            r->rows[w++] = row;
        }
        qsort(r->rows, r->n_rows, sizeof *r->rows, cmp_rows);
    }
    for (unsigned p = 0; p < parts; p++) {
        breachp_free(c[p].acc);
        breachp_free(c[p].seen);
    }
    breach_selection_free(&sel);
    return r;
overflow:
    breach_fail(err, BREACH_EOVERFLOW, "a regional total exceeds 2^64-1");
    goto fail;
oom:
    breach_fail(err, BREACH_ENOMEM, "out of memory computing region shares");
fail:
    for (unsigned p = 0; p < parts; p++) {
        breachp_free(c[p].acc);
        breachp_free(c[p].seen);
    }
    breach_selection_free(&sel);
    breach_region_shares_free(r);
    return NULL;
}

void breach_region_shares_free(breach_region_shares *r)
{
    if (!r)
        return;
    breachp_free(r->rows);
    breachp_free(r);
}
