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
    uint8_t matched; /* a notice of another format is within the window */
    size_t i;        /* dataset index */
} item;

static int cmp_item(const void *pa, const void *pb)
{
    const item *a = pa, *b = pb;
    if (a->ek != b->ek)
        return a->ek < b->ek ? -1 : 1;
    if (a->day != b->day)
        return a->day < b->day ? -1 : 1;
    return (a->i > b->i) - (a->i < b->i);
}

/* A figure of a matched notice: its unit, its region (0: its total), its format, value. */
typedef struct figure {
    uint32_t region;
    uint8_t unit, source;
    uint64_t value;
} figure;

static int cmp_figure(const void *pa, const void *pb)
{
    const figure *a = pa, *b = pb;
    if (a->region != b->region)
        return a->region < b->region ? -1 : 1;
    if (a->unit != b->unit)
        return a->unit < b->unit ? -1 : 1;
    return (a->source > b->source) - (a->source < b->source);
}

/* Marks the notices of one organisation's items g[0..n) (by day) that have a notice of
 * another format at most `window` days away: the nearest one of another format before it
 * (forward) or after it (backward) is the one to look at. */
static void mark(item *g, size_t n, int32_t window)
{
    for (int dir = 0; dir < 2; dir++) {
        size_t other = SIZE_MAX; /* the nearest item before the current block of one format */
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

/* Adds what the matched figures f[0..n) of one organisation may count twice: for each
 * region (0: the totals) and unit, the sum of every format's figures less the largest
 * format's. 0 or BREACH_EOVERFLOW. */
static int add_twice(figure *f, size_t n, breach_format_overlap *r)
{
    int seen[2 * BREACH_UNIT_COUNT_] = {0}; /* totals, then regional counts, by unit */
    if (n > 1)
        qsort(f, n, sizeof *f, cmp_figure);
    for (size_t a = 0, b; a < n; a = b) {
        uint64_t all = 0, largest = 0, one = 0;
        for (b = a; b < n && f[b].region == f[a].region && f[b].unit == f[a].unit; b++) {
            if (b > a && f[b].source != f[b - 1].source)
                one = 0;
            if (all + f[b].value < all || one + f[b].value < one)
                return BREACH_EOVERFLOW;
            all += f[b].value;
            one += f[b].value;
            largest = one > largest ? one : largest;
        }
        uint64_t *to = f[a].region ? &r->twice_residents[f[a].unit] : &r->twice[f[a].unit];
        if (*to + (all - largest) < *to)
            return BREACH_EOVERFLOW;
        *to += all - largest;
        if (all > largest)
            seen[f[a].region ? BREACH_UNIT_COUNT_ + f[a].unit : f[a].unit] = 1;
    }
    for (int u = 0; u < BREACH_UNIT_COUNT_; u++) {
        r->n_twice[u] += seen[u];
        r->n_twice_residents[u] += seen[BREACH_UNIT_COUNT_ + u];
    }
    return 0;
}

breach_format_overlap *breach_format_overlap_compute(const breach_dataset *ds,
                                                     const breach_filter *f,
                                                     const breach_link_options *o,
                                                     breach_error *err)
{
    breach_link_options defaults;
    if (!(o = breach_link_options_ready(ds, o, &defaults, err)))
        return NULL;
    size_t n = 0, n_sources = 0, n_items = 0, n_fig = 0, fig_cap = 0;
    int rc = 0;
    uint8_t *sources = NULL;
    item *items = NULL;
    figure *fig = NULL;
    size_t *sel = NULL;
    breach_format_overlap *r = breachp_calloc(1, sizeof *r);
    if (!r || breach_episode_sources(ds, &sources, &n_sources))
        goto oom;
    r->window_days = o->window_days;
    r->date_field = o->date_field;
    if (n_sources < 2)
        goto done; /* one format: nothing here can be in two */
    sel = breach_select(ds, f, 0, &n, &rc, err);
    if (rc)
        goto fail;
    if (n && !(items = breachp_malloc(n * sizeof *items)))
        goto oom;
    for (size_t k = 0; k < n; k++) {
        size_t i = sel[k];
        breach_pdate p = breach_dataset_pdate(ds, i, o->date_field);
        long in = breach_dataset_origin(ds, i, NULL);
        if (!ds->entity_key[i] || !breach_pdate_known(p) || in < 0)
            continue;
        items[n_items++] = (item){ds->entity_key[i], breach_pdate_day(p), sources[in], 0, i};
    }
    if (n_items > 1)
        qsort(items, n_items, sizeof *items, cmp_item);
    for (size_t a = 0, b; a < n_items; a = b) {
        for (b = a + 1; b < n_items && items[b].ek == items[a].ek; b++)
            ;
        mark(items + a, b - a, o->window_days);
        n_fig = 0;
        uint64_t matched = 0;
        for (size_t k = a; k < b; k++) {
            if (!items[k].matched)
                continue;
            matched++;
            size_t i = items[k].i, nr;
            const breach_region_count *rg = breach_ds_regions(ds, i, &nr);
            if (breach_grow((void **)&fig, &fig_cap, n_fig + nr + 1, sizeof *fig))
                goto oom;
            uint8_t unit = ds->unit[i], src = items[k].source;
            if (ds->qualifier[i] != BREACH_COUNT_UNKNOWN)
                fig[n_fig++] = (figure){0, unit, src, breach_ds_affected(ds, i)};
            for (size_t q = 0; q < nr; q++)
                if (rg[q].count.qualifier != BREACH_COUNT_UNKNOWN)
                    fig[n_fig++] = (figure){(uint32_t)rg[q].region, unit, src, rg[q].count.value};
        }
        if (!matched)
            continue;
        r->n_organisations++;
        r->n_notices += matched;
        if (add_twice(fig, n_fig, r)) {
            breach_fail(err, BREACH_EOVERFLOW, "a figure counted in two formats exceeds 2^64-1");
            goto fail;
        }
    }
done:
    r->n_formats = (uint32_t)n_sources;
    breachp_free(sources);
    breachp_free(items);
    breachp_free(fig);
    breachp_free(sel);
    return r;
oom:
    breach_fail(err, BREACH_ENOMEM, "out of memory finding notices in two formats");
fail:
    breachp_free(sources);
    breachp_free(items);
    breachp_free(fig);
    breachp_free(sel);
    breach_format_overlap_free(r);
    return NULL;
}

void breach_format_overlap_free(breach_format_overlap *r) { breachp_free(r); }
