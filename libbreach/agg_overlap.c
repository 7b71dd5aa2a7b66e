/* Notices in two formats: what a total may count twice when inputs of different formats
 * are loaded together (stats.h, breach_format_overlap). */
#include "dataset_private.h"
#include "episode_private.h"
#include "query_private.h"
#include "stats_private.h"

#include <stdlib.h>
#include <string.h>

/* A selected, named, dated notice from a load. */
typedef struct item {
    uint32_t ek;     /* entity key id */
    int32_t day;     /* the chosen date */
    uint8_t source;  /* its input's format (breach_episode_sources) */
    uint8_t matched; /* one of its figures pairs with another format's (see mark) */
    uint8_t marks;   /* BREACH_OVERLAP_* */
    size_t pos;      /* its place in the selection */
} item;

static int cmp_item(const void *pa, const void *pb)
{
    const item *a = pa, *b = pb;
    if (a->ek != b->ek)
        return a->ek < b->ek ? -1 : 1;
    if (a->day != b->day)
        return a->day < b->day ? -1 : 1;
    return (a->pos > b->pos) - (a->pos < b->pos);
}

/* The slot of the notices themselves, each a figure of 1 whether it gives a count or not:
 * a count of notices adds one incident in two formats twice as a sum adds its figures. */
#define NOTICE_SLOT UINT32_MAX

/* A figure of one organisation's notice in a slot: the notice's total (region 0), its
 * count for a region, in its unit, or the notice itself (NOTICE_SLOT, value 1, unit 0);
 * with the notice's day, format and place in the items. */
typedef struct figure {
    uint32_t region;
    uint8_t unit, source, matched;
    int32_t day;
    uint64_t value;
    size_t k; /* the notice's item */
} figure;

/* By slot (region, unit), then day, then the notice's order. */
static int cmp_figure(const void *pa, const void *pb)
{
    const figure *a = pa, *b = pb;
    if (a->region != b->region)
        return a->region < b->region ? -1 : 1;
    if (a->unit != b->unit)
        return a->unit < b->unit ? -1 : 1;
    if (a->day != b->day)
        return a->day < b->day ? -1 : 1;
    return (a->k > b->k) - (a->k < b->k);
}

/* Marks the figures g[0..n) of one slot (by day) that have a figure of another format at
 * most `window` days away: the nearest one of another format before it (forward) or after
 * it (backward) is the one to look at. A notice without a figure in the slot (a WA notice
 * has no total) takes no part, so it never pairs two totals that are further apart. */
static void mark(figure *g, size_t n, int32_t window)
{
    for (int dir = 0; dir < 2; dir++) {
        size_t other = SIZE_MAX; /* the nearest one before the current block of one format */
        for (size_t s = 1; s < n; s++) {
            size_t j = dir ? n - 1 - s : s, prev = dir ? j + 1 : j - 1;
            if (g[j].source != g[prev].source)
                other = prev;
            if (other == SIZE_MAX)
                continue;
            int64_t gap = (int64_t)g[j].day - g[other].day;
            if ((gap < 0 ? -gap : gap) <= window)
                g[j].matched = g[other].matched = 1;
        }
    }
}

/* What one cluster of paired figures c[0..n) (one slot, a stretch of days without a gap
 * above the window) may count twice: the sum of every format's figures less the largest
 * format's (on a tie, the format loaded first stands), added to *to, and the marks `twice`
 * on the items of the other formats' figures, so that what they add up can be placed
 * (a period of a series). 0 or BREACH_EOVERFLOW. */
static int cluster_twice(const figure *c, size_t n, uint64_t *to, int *any, item *items,
                         uint8_t twice)
{
    uint64_t all = 0, by[256] = {0};
    for (size_t k = 0; k < n; k++) {
        uint64_t *one = &by[c[k].source];
        if (all + c[k].value < all || *one + c[k].value < *one)
            return BREACH_EOVERFLOW;
        all += c[k].value;
        *one += c[k].value;
    }
    int best = breach_source_largest(by, NULL); /* items have a source: 1 .. 255 */
    uint64_t largest = by[best];
    if (*to + (all - largest) < *to)
        return BREACH_EOVERFLOW;
    *to += all - largest;
    *any |= all > largest;
    for (size_t k = 0; k < n; k++)
        if (c[k].source != (uint8_t)best)
            items[c[k].k].marks |= twice;
    return 0;
}

/* Adds what the figures f[0..n) of one organisation may count twice, slot by slot: the
 * figures that pair with another format's (mark), cut into clusters where two of them are
 * more than `window` days apart, so that two incidents years apart are two clusters and
 * each repeats at most its own smaller side. Flags the items whose figures pair. 0 or
 * BREACH_EOVERFLOW. */
static int add_twice(figure *f, size_t n, item *items, int32_t window,
                     breach_format_overlap *r)
{
    int seen[2 * BREACH_UNIT_COUNT_ + 1] = {0}; /* totals, then regional counts, by unit;
                                                   then notices */
    if (n > 1)
        qsort(f, n, sizeof *f, cmp_figure);
    for (size_t a = 0, b; a < n; a = b) {
        for (b = a + 1; b < n && f[b].region == f[a].region && f[b].unit == f[a].unit; b++)
            ;
        mark(f + a, b - a, window);
        int notices = f[a].region == NOTICE_SLOT;
        size_t slot = notices ? 2 * BREACH_UNIT_COUNT_
                      : f[a].region ? BREACH_UNIT_COUNT_ + f[a].unit : f[a].unit;
        uint64_t *to = notices ? &r->notices_twice
                       : f[a].region ? &r->twice_residents[f[a].unit] : &r->twice[f[a].unit];
        /* what a figure of the other formats marks on its notice: only a total is a size
           (a regional count is not the notice's) */
        uint8_t twice = notices ? BREACH_OVERLAP_NOTICE_TWICE
                        : f[a].region ? 0 : BREACH_OVERLAP_TOTAL_TWICE;
        /* the current cluster: the slot's paired figures in day order, compacted to its
           front as they come (never past the one being read) */
        figure *c = f + a;
        size_t nc = 0;
        for (size_t k = a; k < b; k++) {
            if (!f[k].matched)
                continue;
            if (nc && (int64_t)f[k].day - c[nc - 1].day > window) {
                if (cluster_twice(c, nc, to, &seen[slot], items, twice))
                    return BREACH_EOVERFLOW;
                nc = 0;
            }
            if (notices)
                items[f[k].k].marks |= BREACH_OVERLAP_PAIRED;
            else
                items[f[k].k].matched = 1;
            c[nc++] = f[k];
        }
        if (nc && cluster_twice(c, nc, to, &seen[slot], items, twice))
            return BREACH_EOVERFLOW;
    }
    for (int u = 0; u < BREACH_UNIT_COUNT_; u++) {
        r->n_twice[u] += seen[u];
        r->n_twice_residents[u] += seen[BREACH_UNIT_COUNT_ + u];
    }
    r->n_paired_organisations += seen[2 * BREACH_UNIT_COUNT_];
    return 0;
}

int breach_format_overlap_over(const breach_dataset *ds, const breach_filter *f,
                               const size_t *sel, size_t n, const breach_link_options *o,
                               breach_format_overlap *r, uint8_t *marks, breach_error *err)
{
    breach_link_options defaults;
    memset(r, 0, sizeof *r);
    if (marks && sel && n)
        memset(marks, 0, n);
    if (!(o = breach_link_options_ready(ds, o, &defaults, err)))
        return BREACH_EINVAL;
    size_t n_sources = 0, n_items = 0, n_fig = 0, fig_cap = 0;
    int rc = 0;
    uint8_t *sources = NULL;
    item *items = NULL;
    figure *fig = NULL;
    size_t *own = NULL; /* the filter's selection, when sel is NULL */
    r->window_days = o->window_days;
    r->date_field = o->date_field;
    if (breach_episode_sources(ds, &sources, &n_sources))
        goto oom;
    r->n_formats = (uint32_t)n_sources;
    if (n_sources < 2)
        goto done; /* one format: nothing here can be in two */
    if (!sel) {
        if (!(sel = own = breach_select(ds, f, 0, &n, &rc, err)) && rc)
            goto done;
    }
    if (n && !(items = breachp_malloc(n * sizeof *items)))
        goto oom;
    for (size_t k = 0; k < n; k++) {
        size_t i = sel[k];
        breach_pdate p = breach_dataset_match_pdate(ds, i, o->date_field);
        uint8_t src = breach_source_of(ds, sources, i);
        if (!ds->entity_key[i] || !breach_pdate_known(p) || !src)
            continue;
        items[n_items++] = (item){ds->entity_key[i], breach_pdate_day(p), src, 0, 0, k};
    }
    if (n_items > 1)
        qsort(items, n_items, sizeof *items, cmp_item);
    for (size_t a = 0, b; a < n_items; a = b) {
        for (b = a + 1; b < n_items && items[b].ek == items[a].ek; b++)
            ;
        if (items[a].source == items[b - 1].source) {
            size_t k = a + 1; /* one format only (the usual case): nothing to pair */
            while (k < b && items[k].source == items[a].source)
                k++;
            if (k == b)
                continue;
        }
        n_fig = 0;
        for (size_t k = a; k < b; k++) {
            size_t i = sel[items[k].pos], nr;
            const breach_region_count *rg = breach_ds_regions(ds, i, &nr);
            if (breach_grow((void **)&fig, &fig_cap, n_fig + nr + 2, sizeof *fig))
                goto oom;
            uint8_t unit = ds->unit[i], src = items[k].source;
            fig[n_fig++] = (figure){NOTICE_SLOT, 0, src, 0, items[k].day, 1, k};
            if (ds->qualifier[i] != BREACH_COUNT_UNKNOWN)
                fig[n_fig++] = (figure){0, unit, src, 0, items[k].day, breach_ds_affected(ds, i), k};
            for (size_t q = 0; q < nr; q++)
                if (rg[q].count.qualifier != BREACH_COUNT_UNKNOWN)
                    fig[n_fig++] = (figure){(uint32_t)rg[q].region, unit, src, 0, items[k].day,
                                            rg[q].count.value, k};
        }
        if (add_twice(fig, n_fig, items, o->window_days, r)) {
            rc = breach_fail(err, BREACH_EOVERFLOW,
                             "a figure counted in two formats exceeds 2^64-1");
            goto done;
        }
        uint64_t matched = 0;
        for (size_t k = a; k < b; k++) {
            matched += items[k].matched;
            r->n_paired_notices += (items[k].marks & BREACH_OVERLAP_PAIRED) != 0;
            if (items[k].marks & BREACH_OVERLAP_TOTAL_TWICE)
                r->n_figures_twice[ds->unit[sel[items[k].pos]]]++;
            if (marks)
                marks[items[k].pos] = items[k].marks;
        }
        r->n_organisations += matched > 0;
        r->n_notices += matched;
    }
    goto done;
oom:
    rc = breach_fail(err, BREACH_ENOMEM, "out of memory finding notices in two formats");
done:
    breachp_free(sources);
    breachp_free(items);
    breachp_free(fig);
    breachp_free(own);
    return rc;
}

breach_format_overlap *breach_format_overlap_compute(const breach_dataset *ds,
                                                     const breach_filter *f,
                                                     const breach_link_options *o,
                                                     breach_error *err)
{
    breach_format_overlap *r = breachp_calloc(1, sizeof *r);
    if (!r) {
        breach_fail(err, BREACH_ENOMEM, "out of memory finding notices in two formats");
        return NULL;
    }
    if (breach_format_overlap_over(ds, f, NULL, 0, o, r, NULL, err)) {
        breach_format_overlap_free(r);
        return NULL;
    }
    return r;
}

void breach_format_overlap_free(breach_format_overlap *r) { breachp_free(r); }
