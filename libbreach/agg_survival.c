/* Time to the next breach: Kaplan-Meier with Greenwood's variance, right-censored at the
 * end of the observation window. */
#include "dataset_private.h"
#include "episode_private.h"
#include "stats_private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void breach_survival_options_init(breach_survival_options *o)
{
    if (!o)
        return;
    memset(o, 0, sizeof *o);
    o->date_field = BREACH_FIELD_EVENT;
    o->merge_within_days = 0;
    o->window_end = breach_date_none();
    o->ci_type = BREACH_KM_CI_LOGLOG;
    o->level = 0.95;
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

typedef struct obs {
    int32_t time;
    int32_t event; /* 1 = breached again, 0 = censored */
} obs;

/* by time, events before censorings at the same time */
static int cmp_obs(const void *pa, const void *pb)
{
    const obs *a = pa, *b = pb;
    if (a->time != b->time)
        return a->time < b->time ? -1 : 1;
    return b->event - a->event;
}

/* The pointwise band of one step from S and the Greenwood sum V = sum d / (n (n - d)). */
static void band(int type, double z, double S, double V, double *lo, double *hi)
{
    *lo = *hi = NAN;
    if (!(S > 0) || V == 0 || S >= 1)
        return; /* no event yet, or S = 0: no interval */
    double sv = sqrt(V);
    switch (type) {
    case BREACH_KM_CI_PLAIN:
        *lo = fmax(0, S - z * S * sv);
        *hi = fmin(1, S + z * S * sv);
        break;
    case BREACH_KM_CI_LOG:
        *lo = S * exp(-z * sv);
        *hi = fmin(1, S * exp(z * sv));
        break;
    default: {
        double ls = log(S), th = log(-ls), se = sv / fabs(ls);
        *lo = exp(-exp(th + z * se));
        *hi = exp(-exp(th - z * se));
        break;
    }
    }
}

/* The value of S and its band at t: the last step at or before t. Returns 0, or -1 past
 * the longest observation (unless S has reached 0). */
static int value_at(const breach_survival *s, double t, double *S, double *lo, double *hi)
{
    *S = 1;
    *lo = *hi = NAN;
    if (s->n_steps == 0)
        return -1;
    const breach_km_step *last = &s->steps[s->n_steps - 1];
    if (t > last->time && last->survival > 0)
        return -1;
    /* binary search for the last step with time <= t */
    size_t a = 0, b = s->n_steps;
    while (a < b) {
        size_t m = a + (b - a) / 2;
        if (s->steps[m].time <= t)
            a = m + 1;
        else
            b = m;
    }
    if (a > 0) {
        *S = s->steps[a - 1].survival;
        *lo = s->steps[a - 1].lo;
        *hi = s->steps[a - 1].hi;
    }
    return 0;
}

static void within(const breach_survival *s, double t, breach_interval *w)
{
    double S, lo, hi;
    w->level = s->level;
    w->estimate = w->lo = w->hi = NAN;
    if (value_at(s, t, &S, &lo, &hi))
        return;
    w->estimate = 1 - S;
    w->lo = 1 - hi;
    w->hi = 1 - lo;
}

/* The first step time at which S (which = 0), its upper band (1) or its lower band (2)
 * is at most 0.5; NaN if none (where S = 0 the band counts as 0). */
static double first_below(const breach_survival *s, int which)
{
    for (size_t k = 0; k < s->n_steps; k++) {
        const breach_km_step *st = &s->steps[k];
        double v = which == 0 ? st->survival : which == 1 ? st->hi : st->lo;
        if (st->survival == 0)
            v = 0;
        if (v <= 0.5)
            return st->time;
    }
    return NAN;
}

breach_survival *breach_survival_compute(const breach_dataset *ds, const breach_filter *f,
                                         const breach_survival_options *o, breach_error *err)
{
    breach_survival_options defaults;
    if (!o) {
        breach_survival_options_init(&defaults);
        o = &defaults;
    }
    if (!ds) {
        breach_fail(err, BREACH_EINVAL, "no dataset");
        return NULL;
    }
    if (BREACH_RESERVED_OK(o, o->reserved32_, "survival options", "breach_survival_options_init",
                           err))
        return NULL;
    if (o->date_field < BREACH_FIELD_EVENT || o->date_field > BREACH_FIELD_DISCOVERED ||
        o->merge_within_days < 0 || o->ci_type < BREACH_KM_CI_LOGLOG ||
        o->ci_type > BREACH_KM_CI_PLAIN || !breach_stats_level_ok(o->level) ||
        breach_date_check(o->window_end, "survival window_end", NULL)) {
        breach_fail(err, BREACH_EINVAL,
                    "survival options: date field %d, merge %d days, interval %d, level %g",
                    (int)o->date_field, (int)o->merge_within_days, (int)o->ci_type, o->level);
        return NULL;
    }
    size_t n;
    int rc;
    size_t *sel = breach_select(ds, f, 0, &n, &rc, err);
    if (rc)
        return NULL;
    item *items = NULL;
    obs *ob = NULL;
    breach_episode_work ew = {NULL, 0};
    breach_episode_rule rule = {o->merge_within_days,
                                breach_associate_window(o->associate_window_days),
                                breach_cross_source_window(o->cross_source_window_days)};
    uint32_t assoc_ids[3];
    breach_associate_ids(ds, assoc_ids);
    uint8_t *sources = NULL;
    size_t n_sources = 0;
    breach_survival *s = breachp_calloc(1, sizeof *s);
    if (!s || breach_episode_sources(ds, &sources, &n_sources))
        goto oom;
    s->n_incidents = n;
    s->level = o->level;
    s->median.level = o->level;
    s->median.estimate = s->median.lo = s->median.hi = NAN;
    items = breachp_malloc((n ? n : 1) * sizeof *items);
    ob = breachp_malloc((n ? n : 1) * sizeof *ob);
    if (!items || !ob)
        goto oom;
    /* the window's end: given, or the latest date of the lists the selection draws from
       (an organisation's notices are followed until its source ends, not until the last
       notice the filter kept: --entity X censored X's last episode at 0 days) */
    int have_end = breach_date_is_known(o->window_end);
    int32_t end = INT32_MIN, first = INT32_MAX;
    if (n && breach_sources_span(ds, sel, n, o->date_field, BREACH_PREC_YEAR, &first, &end))
        goto oom;
    /* ... cut at the filter's `to` on this date: the notices after it are removed, not
       unobserved, so an organisation hit again after `to` would count as breach-free
       until the lists' end (HHS 2024-07 to 2020: 6.673 % within 3 years instead of
       8.280 %). A range on another date does not bound this one's days. */
    if (f && f->date_field == o->date_field && breach_date_is_known(f->to) &&
        breach_date_last_day(f->to) < end)
        end = breach_date_last_day(f->to);
    /* A window end given stands when it comes before that: past it, nothing is observed
       (the lists end, or `to` removed what followed), and an organisation would count as
       breach-free there (--to 2020 with an end in 2024 gave 33.3 % within 3 years where
       --to 2020 alone gives no estimate). */
    if (have_end && (!n || breach_date_last_day(o->window_end) < end))
        end = breach_date_last_day(o->window_end);
    size_t m = 0;
    for (size_t k = 0; k < n; k++) {
        size_t i = sel[k];
        breach_pdate p = breach_dataset_pdate(ds, i, o->date_field);
        if (!ds->entity_key[i]) {
            s->n_unnamed++;
            continue;
        }
        if (!breach_pdate_known(p)) {
            s->n_undated++;
            continue;
        }
        if (breach_pdate_day(p) > end) {
            s->n_late++;
            continue;
        }
        items[m].ek = ds->entity_key[i];
        items[m].day = breach_pdate_day(p);
        items[m].i = i;
        m++;
    }
    if (m) {
        s->window_end.day = end;
        s->window_end.precision = BREACH_PREC_DAY;
    } else {
        s->window_end = have_end ? o->window_end : breach_date_none();
    }
    if (m > 1) /* qsort's base may not be NULL, even for no element */
    qsort(items, m, sizeof *items, cmp_item);
    /* episodes per organisation, by the rule breach_repeats_compute follows (episode.c) */
    size_t nob = 0;
    for (size_t a = 0; a < m;) {
        size_t b = a;
        while (b < m && items[b].ek == items[a].ek)
            b++;
        s->n_organisations++;
        size_t g = b - a, *start;
        breach_episode_input in;
        if (breach_episodes_room(&ew, g, &in, &start))
            goto oom;
        for (size_t k = 0; k < g; k++) {
            size_t i = items[a + k].i;
            in.day[k] = items[a + k].day;
            in.vendor[k] = breach_sparse_u32(&ds->vendor_key, i);
            in.assoc[k] = (uint8_t)breach_is_associate(assoc_ids, ds->entity_type[i]);
            in.source[k] = n_sources > 1 ? breach_episode_source(ds, sources, i, &in.reported[k])
                                         : 0;
        }
        if (n_sources < 2)
            in.source = NULL; /* one format: the cross-source rule has nothing to join */
        size_t ns = breach_episodes(&in, g, &rule, start, &ew);
        const int32_t *day = in.day;
        /* from each episode to the next (an event), the last one to the window's end
           (censored); without every_episode, only the first */
        for (size_t e = 0; e < ns; e++) {
            int last = e + 1 == ns;
            ob[nob].time = (last ? end : day[start[e + 1]]) - day[start[e]];
            ob[nob].event = !last;
            nob++;
            if (!o->every_episode)
                break;
        }
        a = b;
    }
    s->n_observations = nob;
    if (nob > 1) /* qsort's base may not be NULL, even for no element */
    qsort(ob, nob, sizeof *ob, cmp_obs);
    /* product-limit sweep */
    double z = breach_stats_z(o->level), S = 1, V = 0;
    size_t cap = 0;
    for (size_t a = 0; a < nob;) {
        size_t b = a;
        uint64_t d = 0, c = 0;
        while (b < nob && ob[b].time == ob[a].time) {
            d += ob[b].event != 0;
            c += ob[b].event == 0;
            b++;
        }
        uint64_t at_risk = nob - a;
        if (d) {
            S *= 1 - (double)d / (double)at_risk;
            if (at_risk > d)
                V += (double)d / ((double)at_risk * (double)(at_risk - d));
        }
        if (breach_grow((void **)&s->steps, &cap, s->n_steps + 1, sizeof *s->steps))
            goto oom;
        breach_km_step *st = &s->steps[s->n_steps++];
        st->time = ob[a].time;
        st->at_risk = at_risk;
        st->events = d;
        st->censored = c;
        st->survival = S;
        st->se = S * sqrt(V);
        band(o->ci_type, z, S, V, &st->lo, &st->hi);
        s->n_events += d;
        s->n_censored += c;
        a = b;
    }
    s->median.estimate = first_below(s, 0);
    s->median.lo = first_below(s, 2); /* the lower band reaches 0.5 first */
    s->median.hi = first_below(s, 1);
    within(s, 365, &s->within_1y);
    within(s, 1095, &s->within_3y);
    breachp_free(items);
    breachp_free(ob);
    breachp_free(sel);
    breachp_free(ew.p);
    breachp_free(sources);
    return s;
oom:
    breach_fail(err, BREACH_ENOMEM, "out of memory for a survival curve");
    breachp_free(items);
    breachp_free(ob);
    breachp_free(sel);
    breachp_free(ew.p);
    breachp_free(sources);
    breach_survival_free(s);
    return NULL;
}

void breach_survival_free(breach_survival *s)
{
    if (!s)
        return;
    breachp_free(s->steps);
    breachp_free(s);
}

int breach_survival_at(const breach_survival *s, double t, double *surv, double *lo, double *hi,
                       breach_error *err)
{
    if (!s || !(t >= 0))
        return breach_fail(err, BREACH_EINVAL, "no survival curve, or a negative time");
    double S, l, h;
    if (value_at(s, t, &S, &l, &h))
        return breach_fail(err, BREACH_ENOTFOUND,
                           "%g days is past the longest observation: S is not estimated there", t);
    if (surv)
        *surv = S;
    if (lo)
        *lo = l;
    if (hi)
        *hi = h;
    return BREACH_OK;
}
