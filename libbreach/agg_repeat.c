/* Repeat victims: days between consecutive episodes of one organisation. */
#include "dataset_private.h"

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void breach_repeat_options_init(breach_repeat_options *o)
{
    if (!o)
        return;
    memset(o, 0, sizeof *o);
    o->date_field = BREACH_FIELD_EVENT;
    o->merge_within_days = 0;
}

typedef struct item {
    uint32_t ek;
    int32_t day;
    size_t i;
} item;

static int cmp_item(const void *pa, const void *pb)
{
    const item *a = pa, *b = pb;
    if (a->ek != b->ek)
        return a->ek < b->ek ? -1 : 1;
    if (a->day != b->day)
        return a->day < b->day ? -1 : 1;
    return a->i < b->i ? -1 : (a->i > b->i);
}


static int cmp_interval(const void *pa, const void *pb)
{
    const breach_repeat_interval *a = pa, *b = pb;
    int c = strcmp(a->entity_key, b->entity_key);
    if (c)
        return c;
    return a->first < b->first ? -1 : (a->first > b->first);
}

breach_repeats *breach_repeats_compute(const breach_dataset *ds, const breach_filter *f,
                                       const breach_repeat_options *opt, breach_error *err)
{
    breach_repeat_options defaults;
    if (!opt) {
        breach_repeat_options_init(&defaults);
        opt = &defaults;
    }
    if (!ds) {
        breach_fail(err, BREACH_EINVAL, "no dataset");
        return NULL;
    }
    if (opt->date_field < BREACH_FIELD_EVENT || opt->date_field > BREACH_FIELD_DISCOVERED ||
        opt->merge_within_days < 0) {
        breach_fail(err, BREACH_EINVAL, "invalid repeat options (date field %d, merge %d days)",
                    (int)opt->date_field, (int)opt->merge_within_days);
        return NULL;
    }
    size_t n;
    int rc;
    size_t *sel = breach_select(ds, f, 0, &n, &rc, err);
    if (rc)
        return NULL;
    item *items = NULL;
    double *days = NULL;
    breach_repeats *r = calloc(1, sizeof *r);
    if (!r)
        goto oom;
    r->n_incidents = n;
    r->repeat_share = NAN;
    r->summary.min = r->summary.q1 = r->summary.median = r->summary.q3 = r->summary.max =
        r->summary.mean = NAN;
    items = malloc((n ? n : 1) * sizeof *items);
    if (!items)
        goto oom;
    size_t m = 0;
    for (size_t k = 0; k < n; k++) {
        size_t i = sel[k];
        breach_pdate p = breach_dataset_pdate(ds, i, opt->date_field);
        if (!ds->entity_key[i]) {
            r->n_unnamed++;
            continue;
        }
        if (!breach_pdate_known(p)) {
            r->n_undated++;
            continue;
        }
        items[m].ek = ds->entity_key[i];
        items[m].day = breach_pdate_day(p);
        items[m].i = i;
        m++;
    }
    qsort(items, m, sizeof *items, cmp_item);
    /* one pass over each organisation's incidents: episodes and the gaps between them */
    size_t cap = 0;
    for (size_t a = 0; a < m;) {
        size_t b = a;
        while (b < m && items[b].ek == items[a].ek)
            b++;
        r->n_entities++;
        size_t ep = a; /* first incident of the current episode */
        uint64_t episodes = 1;
        for (size_t k = a + 1; k < b; k++) {
            size_t vk = ds->vendor_key[items[k].i];
            int same_campaign = vk && vk == ds->vendor_key[items[ep].i];
            if (items[k].day - items[k - 1].day <= opt->merge_within_days || same_campaign)
                continue;
            if (breach_grow((void **)&r->intervals, &cap, r->n_intervals + 1, sizeof *r->intervals))
                goto oom;
            breach_repeat_interval *iv = &r->intervals[r->n_intervals++];
            iv->entity_key = breach_intern_get(ds->strings, items[a].ek);
            iv->first = items[ep].i;
            iv->second = items[k].i;
            breach_date da = breach_unpack_date(breach_dataset_pdate(ds, iv->first, opt->date_field));
            breach_date db = breach_unpack_date(breach_dataset_pdate(ds, iv->second, opt->date_field));
            breach_date_interval(da, db, &iv->days, &iv->days_min, &iv->days_max);
            ep = k;
            episodes++;
        }
        if (episodes > 1)
            r->n_repeat_entities++;
        a = b;
    }
    if (r->n_entities)
        r->repeat_share = (double)r->n_repeat_entities / (double)r->n_entities;
    if (r->n_intervals) {
        qsort(r->intervals, r->n_intervals, sizeof *r->intervals, cmp_interval);
        days = malloc(r->n_intervals * sizeof *days);
        if (!days)
            goto oom;
        for (size_t k = 0; k < r->n_intervals; k++)
            days[k] = r->intervals[k].days;
        size_t ni = r->n_intervals;
        gsl_sort(days, 1, ni);
        r->summary.n = ni;
        r->summary.min = days[0];
        r->summary.max = days[ni - 1];
        r->summary.q1 = gsl_stats_quantile_from_sorted_data(days, 1, ni, 0.25);
        r->summary.median = gsl_stats_median_from_sorted_data(days, 1, ni);
        r->summary.q3 = gsl_stats_quantile_from_sorted_data(days, 1, ni, 0.75);
        r->summary.mean = gsl_stats_mean(days, 1, ni);
    }
    free(days);
    free(items);
    free(sel);
    return r;
oom:
    breach_fail(err, BREACH_ENOMEM, "out of memory computing repeat intervals");
    free(days);
    free(items);
    free(sel);
    breach_repeats_free(r);
    return NULL;
}

void breach_repeats_free(breach_repeats *r)
{
    if (!r)
        return;
    free(r->intervals);
    free(r);
}
