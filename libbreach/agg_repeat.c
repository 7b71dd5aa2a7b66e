/* Repeat victims: days between consecutive episodes of one organisation. */
#include "dataset_private.h"
#include "sort_private.h"

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

/* An organisation's run of intervals, for putting organisations in key order. */
typedef struct run {
    const char *key;
    size_t start, count;
} run;

static int cmp_run(const void *pa, const void *pb)
{
    const run *a = pa, *b = pb;
    return strcmp(a->key, b->key);
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
    for (size_t k = 0; k < sizeof opt->reserved_ / sizeof opt->reserved_[0]; k++)
        if (opt->reserved_[k]) {
            breach_fail(err, BREACH_EINVAL, "repeat options: reserved fields are not zero "
                                            "(start from breach_repeat_options_init)");
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
    uint64_t *keys = NULL;
    size_t *idx = NULL;
    run *runs = NULL;
    breach_repeat_interval *ordered = NULL;
    double *days = NULL;
    breach_repeats *r = calloc(1, sizeof *r);
    if (!r)
        goto oom;
    r->n_incidents = n;
    r->repeat_share = NAN;
    r->summary.min = r->summary.q1 = r->summary.median = r->summary.q3 = r->summary.max =
        r->summary.mean = NAN;
    keys = malloc((n ? n : 1) * sizeof *keys);
    idx = malloc((n ? n : 1) * sizeof *idx);
    if (!keys || !idx)
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
        keys[m] = breach_entity_day_key(ds->entity_key[i], breach_pdate_day(p));
        idx[m] = i;
        m++;
    }
    /* stable: equal (organisation, day) pairs stay in dataset order */
    if (breach_radix_sort(keys, idx, m))
        goto oom;
    /* one pass over each organisation's incidents: episodes and the gaps between them */
    size_t cap = 0, nruns = 0, runs_cap = 0;
    for (size_t a = 0; a < m;) {
        size_t b = a;
        while (b < m && keys[b] >> 32 == keys[a] >> 32)
            b++;
        r->n_entities++;
        size_t ep = a; /* first incident of the current episode */
        uint64_t episodes = 1;
        size_t first_interval = r->n_intervals;
        for (size_t k = a + 1; k < b; k++) {
            uint32_t vk = ds->vendor_key[idx[k]];
            int same_campaign = vk && vk == ds->vendor_key[idx[ep]];
            if ((int64_t)breach_key_day(keys[k]) - breach_key_day(keys[k - 1]) <= opt->merge_within_days ||
                same_campaign)
                continue;
            if (breach_grow((void **)&r->intervals, &cap, r->n_intervals + 1, sizeof *r->intervals))
                goto oom;
            breach_repeat_interval *iv = &r->intervals[r->n_intervals++];
            iv->entity_key = breach_intern_get(ds->strings, (uint32_t)(keys[a] >> 32));
            iv->first = idx[ep];
            iv->second = idx[k];
            breach_date da = breach_unpack_date(breach_dataset_pdate(ds, iv->first, opt->date_field));
            breach_date db = breach_unpack_date(breach_dataset_pdate(ds, iv->second, opt->date_field));
            breach_date_interval(da, db, &iv->days, &iv->days_min, &iv->days_max);
            ep = k;
            episodes++;
        }
        if (episodes > 1) {
            r->n_repeat_entities++;
            if (breach_grow((void **)&runs, &runs_cap, nruns + 1, sizeof *runs))
                goto oom;
            runs[nruns].key = r->intervals[first_interval].entity_key;
            runs[nruns].start = first_interval;
            runs[nruns].count = r->n_intervals - first_interval;
            nruns++;
        }
        a = b;
    }
    if (r->n_entities)
        r->repeat_share = (double)r->n_repeat_entities / (double)r->n_entities;
    if (r->n_intervals) {
        /* organisations in key order (only those hit again: a small share of all) */
        qsort(runs, nruns, sizeof *runs, cmp_run);
        ordered = malloc(r->n_intervals * sizeof *ordered);
        if (!ordered)
            goto oom;
        size_t w = 0;
        for (size_t k = 0; k < nruns; k++) {
            memcpy(ordered + w, r->intervals + runs[k].start, runs[k].count * sizeof *ordered);
            w += runs[k].count;
        }
        free(r->intervals);
        r->intervals = ordered;
        ordered = NULL;
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
    free(keys);
    free(idx);
    free(runs);
    free(sel);
    return r;
oom:
    breach_fail(err, BREACH_ENOMEM, "out of memory computing repeat intervals");
    free(days);
    free(keys);
    free(idx);
    free(runs);
    free(ordered);
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
