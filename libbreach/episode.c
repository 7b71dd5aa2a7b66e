/* Episodes of one organisation; see episode_private.h. */
#include "episode_private.h"
#include "breach_private.h"
#include "dataset_private.h"
#include "intern.h"

#include <stdlib.h>
#include <string.h>

/* A notice naming a vendor, and the run of incidents close in time that it falls in. */
typedef struct campaign_item {
    uint32_t vendor;
    size_t run;
} campaign_item;

static int cmp_item(const void *a, const void *b)
{
    const campaign_item *x = a, *y = b;
    if (x->vendor != y->vendor)
        return x->vendor < y->vendor ? -1 : 1;
    return (x->run > y->run) - (x->run < y->run);
}

/* A notice with a known reported date and a source, for the cross-source rule. */
typedef struct source_item {
    int32_t reported;
    uint8_t source;
    size_t run;
} source_item;

static int cmp_source_item(const void *a, const void *b)
{
    const source_item *x = a, *y = b;
    if (x->reported != y->reported)
        return x->reported < y->reported ? -1 : 1;
    return (x->run > y->run) - (x->run < y->run);
}

/* The layout of w->p for n incidents: start, run, parent (n size_t each), the sources
 * each class holds (n 64-bit masks), the campaign items (n), the source items (n), then
 * day, vendor and reported (n 32-bit values each), then assoc and source (n bytes each);
 * returns its size, 0 on overflow. */
static size_t layout(size_t n)
{
    size_t bytes;
    if (!breach_size_mul(n,
                         3 * sizeof(size_t) + sizeof(uint64_t) + sizeof(campaign_item) +
                             sizeof(source_item) + 3 * sizeof(uint32_t) + 2,
                         &bytes))
        return 0;
    return bytes ? bytes : 1;
}

int breach_episodes_room(breach_episode_work *w, size_t n, breach_episode_input *in,
                         size_t **start)
{
    size_t bytes = layout(n);
    if (!bytes || breach_grow(&w->p, &w->cap, bytes, 1))
        return BREACH_ENOMEM;
    *start = w->p;
    campaign_item *item = (campaign_item *)(void *)((uint64_t *)(void *)(*start + 3 * n) + n);
    source_item *sitem = (source_item *)(void *)(item + n);
    in->day = (int32_t *)(void *)(sitem + n);
    in->vendor = (uint32_t *)(in->day + n);
    in->reported = (int32_t *)(void *)(in->vendor + n);
    in->assoc = (uint8_t *)(in->reported + n);
    in->source = in->assoc + n;
    return 0;
}

/* The representative of run r's class: the class's first run (path halving). */
static size_t find(size_t *parent, size_t r)
{
    while (parent[r] != r) {
        parent[r] = parent[parent[r]];
        r = parent[r];
    }
    return r;
}

/* A source's bit in a class's mask (sources past 64 share the last bit: a join they refuse
 * is one the rule could have made, never a wrong one). */
static uint64_t source_bit(uint8_t source)
{
    return (uint64_t)1 << (source <= 64 ? source - 1 : 63);
}

/* Joins the classes of runs a and b (the smaller run represents both). */
static void join(size_t *parent, size_t a, size_t b)
{
    a = find(parent, a);
    b = find(parent, b);
    if (a < b)
        parent[b] = a;
    else if (b < a)
        parent[a] = b;
}

size_t breach_episodes(const breach_episode_input *in, size_t n, const breach_episode_rule *rule,
                       size_t *start, breach_episode_work *w)
{
    if (!n)
        return 0;
    const int32_t *day = in->day;
    const uint32_t *vendor = in->vendor;
    const uint8_t *assoc = in->assoc;
    int32_t merge = rule->merge, window = rule->window;
    /* runs: maximal stretches of incidents each at most `merge` days after the one before,
       or business-associate filings inside the window of a run that one starts (the
       classes of the first two relations) */
    size_t *run = (size_t *)w->p + n, *parent = run + n, nruns = 0, nv = 0, first = 0;
    uint64_t *held = (uint64_t *)(void *)(parent + n); /* by class: the sources it holds */
    campaign_item *item = (campaign_item *)(void *)(held + n);
    source_item *sitem = (source_item *)(void *)(item + n);
    for (size_t k = 0; k < n; k++) {
        int joins = k > 0 && ((int64_t)day[k] - day[k - 1] <= merge ||
                              (window >= 0 && assoc && assoc[k] && assoc[first] &&
                               (int64_t)day[k] - day[first] <= window));
        if (!joins) {
            parent[nruns] = nruns;
            nruns++;
            first = k;
        }
        run[k] = nruns - 1;
        if (vendor[k])
            item[nv++] = (campaign_item){vendor[k], nruns - 1};
    }
    /* a campaign's runs are one class, represented by its first run */
    if (nv > 1) {
        qsort(item, nv, sizeof *item, cmp_item);
        for (size_t j = 1; j < nv; j++)
            if (item[j].vendor == item[j - 1].vendor)
                join(parent, item[j - 1].run, item[j].run);
    }
    /* notices of one incident filed with two sources: in order of their reported dates,
       each notice and the latest one before it from another source, when at most `cross`
       days apart, unless their episodes already hold notices of one source (then the join
       would make one incident of two that this source filed apart: a WA notice between two
       HHS filings of other incidents joins the first, not both) */
    size_t ns_items = 0;
    if (in->source && rule->cross >= 0)
        for (size_t k = 0; k < n; k++)
            if (in->source[k])
                sitem[ns_items++] = (source_item){in->reported[k], in->source[k], run[k]};
    if (ns_items > 1) {
        qsort(sitem, ns_items, sizeof *sitem, cmp_source_item);
        for (size_t r = 0; r < nruns; r++)
            held[r] = 0;
        for (size_t j = 0; j < ns_items; j++)
            held[find(parent, sitem[j].run)] |= source_bit(sitem[j].source);
        size_t other = SIZE_MAX; /* the latest item before the current block of one source */
        for (size_t j = 1; j < ns_items; j++) {
            if (sitem[j].source != sitem[j - 1].source)
                other = j - 1;
            if (other == SIZE_MAX ||
                (int64_t)sitem[j].reported - sitem[other].reported > rule->cross)
                continue;
            size_t a = find(parent, sitem[other].run), b = find(parent, sitem[j].run);
            if (a == b || (held[a] & held[b]))
                continue;
            join(parent, a, b);
            held[a < b ? a : b] = held[a] | held[b];
        }
    }
    /* an episode starts at the first incident of each class's first run */
    size_t ns = 0;
    for (size_t k = 0; k < n; k++)
        if ((k == 0 || run[k] != run[k - 1]) && find(parent, run[k]) == run[k])
            start[ns++] = k;
    return ns;
}

void breach_associate_ids(const struct breach_dataset *ds, uint32_t ids[3])
{
    static const char *const spelling[3] = {"Business Associate", "business associate",
                                            "BUSINESS ASSOCIATE"};
    for (int k = 0; k < 3; k++)
        ids[k] = breach_intern_find(ds->strings, spelling[k], 18);
}

/* The first input of input k's format and source class (k itself when it is the first). */
static size_t first_of_source(const breach_dataset *ds, size_t k)
{
    const breach_input_rec *in = &ds->inputs[k];
    size_t j = 0;
    while (j < k && (strcmp(ds->inputs[j].format, in->format) != 0 ||
                     ds->inputs[j].source_class != in->source_class))
        j++;
    return j;
}

int breach_episode_sources(const struct breach_dataset *ds, uint8_t **by_input, size_t *n_sources)
{
    *by_input = NULL;
    *n_sources = 0;
    size_t ni = breach_dataset_n_inputs(ds);
    if (!ni)
        return 0;
    uint8_t *src = breachp_malloc(ni);
    if (!src)
        return BREACH_ENOMEM;
    size_t n = 0;
    for (size_t k = 0; k < ni; k++) {
        size_t j = first_of_source(ds, k);
        src[k] = j < k ? src[j] : (uint8_t)(n < 255 ? ++n : 255);
    }
    *by_input = src;
    *n_sources = n;
    return 0;
}

int breach_source_largest(const uint64_t by[256], const unsigned char *have)
{
    int best = -1;
    for (int step = 1; step <= (have ? 256 : 255); step++) {
        int src = step & 255; /* 1 .. 255, then 0 */
        if ((!have || have[src]) && (best < 0 || by[src] > by[best]))
            best = src;
    }
    return best;
}

uint8_t breach_source_of(const struct breach_dataset *ds, const uint8_t *by_input, size_t i)
{
    long k = by_input ? breach_dataset_origin(ds, i, NULL) : -1;
    return k < 0 ? 0 : by_input[k];
}

/* The list an input belongs to for spans, as the first input of it: the canonical CSV's by
 * the identity pass (a curated file is a list of its own unless it is a snapshot of
 * another), every other format's by format and source class (the portal's archive and
 * under-investigation lists are one portal, though they share no notice). */
static size_t span_list(const breach_dataset *ds, size_t k)
{
    if (strcmp(ds->inputs[k].format, "canonical") == 0)
        return ds->inputs[k].list;
    return first_of_source(ds, k);
}

/* The entry of a span table for a date field and the precision needed (a field outside
 * the four reads as the event date, as breach_dataset_pdate does). */
static const int32_t *span_at(const breach_input_spans *sp, int field, int need)
{
    int f = field >= 0 && field < 4 ? field : BREACH_FIELD_EVENT;
    int p = need <= BREACH_PREC_YEAR ? 0 : need >= BREACH_PREC_DAY ? 2 : need - 1;
    return sp->day[f][p];
}

static void span_widen(int32_t *d, int32_t first, int32_t last)
{
    d[0] = first < d[0] ? first : d[0];
    d[1] = last > d[1] ? last : d[1];
}

/* Every span of *sp empty (INT32_MAX, INT32_MIN: widening it by a span gives that span). */
static void spans_clear(breach_input_spans *sp)
{
    for (int f = 0; f < 4; f++)
        for (int p = 0; p < 3; p++) {
            sp->day[f][p][0] = INT32_MAX;
            sp->day[f][p][1] = INT32_MIN;
        }
}

/* Each span of *sp widened by o's of the same field and precision. */
static void spans_widen(breach_input_spans *sp, const breach_input_spans *o)
{
    for (int f = 0; f < 4; f++)
        for (int p = 0; p < 3; p++)
            span_widen(sp->day[f][p], o->day[f][p][0], o->day[f][p][1]);
}

void breach_range_spans(const breach_dataset *ds, size_t first, size_t end,
                        breach_input_spans *out)
{
    /* the earliest and latest packed date per field and precision (1..3): within one
       precision the packed order is the days' order, so a last day is computed once a
       precision, not once a row (a date conversion a row and field took 0.8 s at 10^7
       rows). One thread: about 0.05 s at 10^7, and a load's close runs it, which must keep
       to the load's threads. */
    breach_pdate lo[4][4], hi[4][4];
    for (int f = 0; f < 4; f++)
        for (int q = 0; q < 4; q++)
            lo[f][q] = INT32_MAX, hi[f][q] = INT32_MIN;
    for (size_t i = first; i < end; i++) {
        breach_pdate d[4];
        d[BREACH_FIELD_REPORTED] = ds->reported[i];
        d[BREACH_FIELD_OCCURRED] = ds->occurred_start[i];
        d[BREACH_FIELD_DISCOVERED] = ds->discovered[i];
        int occ = breach_pdate_known(d[BREACH_FIELD_OCCURRED]);
        int dis = breach_pdate_known(d[BREACH_FIELD_DISCOVERED]);
        d[BREACH_FIELD_EVENT] =
            d[occ ? BREACH_FIELD_OCCURRED : dis ? BREACH_FIELD_DISCOVERED : BREACH_FIELD_REPORTED];
        for (int f = 0; f < 4; f++) {
            int q = (int)((uint32_t)d[f] & 3u);
            lo[f][q] = d[f] < lo[f][q] ? d[f] : lo[f][q];
            hi[f][q] = d[f] > hi[f][q] ? d[f] : hi[f][q];
        }
    }
    spans_clear(out);
    for (int f = 0; f < 4; f++)
        for (int q = 1; q < 4; q++) {
            if (lo[f][q] > hi[f][q])
                continue; /* no date of that precision */
            breach_date a = breach_unpack_date(lo[f][q]), b = breach_unpack_date(hi[f][q]);
            for (int p = 0; p < q; p++) /* counts for every precision up to its own */
                span_widen(out->day[f][p], a.day, breach_date_last_day(b));
        }
}

int breach_lists_spans(const breach_dataset *ds, breach_input_spans *out)
{
    size_t ni = ds->n_inputs;
    size_t *list = breachp_malloc((ni ? ni : 1) * sizeof *list);
    if (!list)
        return BREACH_ENOMEM;
    for (size_t k = 0; k < ni; k++) {
        list[k] = span_list(ds, k);
        spans_clear(&out[k]);
    }
    for (size_t k = 0; k < ni; k++) {
        const breach_input_rec *in = &ds->inputs[k];
        breach_input_spans own;
        if (!in->has_own)
            breach_range_spans(ds, in->first, breach_input_end(ds, k), &own);
        spans_widen(&out[list[k]], in->has_own ? &in->own : &own);
        if (in->has_spans) /* a copy's: what its list covered where it came from */
            spans_widen(&out[list[k]], &in->spans);
    }
    for (size_t k = 0; k < ni; k++)
        out[k] = out[list[k]]; /* a list's first input comes first and keeps its own */
    breachp_free(list);
    return 0;
}

/* in[span_list(k)] for each input k whose list holds a selected incident, and in[ni] when
 * the incidents added outside a load (one list of their own) hold one. */
static void lists_of(const breach_dataset *ds, const size_t *sel, size_t n, unsigned char *in)
{
    size_t ni = ds->n_inputs;
    for (size_t k = 0; k < n; k++) {
        long o = breach_dataset_origin(ds, sel[k], NULL);
        in[o < 0 ? ni : (size_t)o] = 1;
    }
    for (size_t k = 0; k < ni; k++) /* a list's first input stands for it */
        in[span_list(ds, k)] |= in[k];
}

int breach_sources_span(const breach_dataset *ds, const size_t *sel, size_t n, int field,
                        int need, int32_t *first, int32_t *last)
{
    size_t ni = ds->n_inputs;
    /* every list's span, by input; whether an input's list holds a selected incident */
    breach_input_spans *spans = breachp_malloc((ni ? ni : 1) * sizeof *spans);
    unsigned char *in = breachp_calloc(ni + 1, 1);
    if (!spans || !in || breach_lists_spans(ds, spans)) {
        breachp_free(spans);
        breachp_free(in);
        return BREACH_ENOMEM;
    }
    lists_of(ds, sel, n, in);
    int32_t span[2] = {*first, *last};
    for (size_t k = 0; k < ni; k++)
        if (in[span_list(ds, k)]) {
            const int32_t *d = span_at(&spans[k], field, need);
            span_widen(span, d[0], d[1]); /* an empty span (INT32_MAX, INT32_MIN) widens nothing */
        }
    if (in[ni])
        for (size_t i = 0; i < ds->n; i++) {
            breach_date dt = breach_unpack_date(breach_dataset_pdate(ds, i, field));
            if (breach_dataset_origin(ds, i, NULL) < 0 && breach_date_is_known(dt) &&
                dt.precision >= need)
                span_widen(span, dt.day, breach_date_last_day(dt));
        }
    *first = span[0];
    *last = span[1];
    breachp_free(spans);
    breachp_free(in);
    return 0;
}

/* The reporting delays of the lists of a selection, counted into histograms: pass 0 adds
 * each delay (reported day minus the day of `field`, biased to unsigned) to h[its top 16
 * bits] and counts them in *m and the incidents with a date of `field` of their own in
 * *n_own; pass 1 adds those whose top bits are top[j] to h[(1 + j) << 16 | low 16 bits],
 * j = 0, 1. Two passes of a radix select (breach_sources_lag) that read the packed columns
 * list by list and keep no array of delays: a 10^7-row list's delays sorted took 0.6 s,
 * collected and selected 0.06 s. */
static void delays_pass(const breach_dataset *ds, const unsigned char *in, int field, int pass,
                        size_t *h, const uint32_t top[2], size_t *m, size_t *n_own)
{
    size_t ni = ds->n_inputs;
    const breach_pdate *ev = field == BREACH_FIELD_DISCOVERED ? ds->discovered : ds->occurred_start;
    /* inputs are consecutive ranges in load order (an empty one shares its first with the
       next); rows between them were added outside a load: list ni */
    size_t k = 0;
    for (size_t lo = 0, hi; lo < ds->n; lo = hi) {
        while (k < ni && breach_input_end(ds, k) <= lo)
            k++;
        int inside = k < ni && ds->inputs[k].first <= lo;
        hi = inside ? breach_input_end(ds, k) : k < ni ? ds->inputs[k].first : ds->n;
        if (!in[inside ? span_list(ds, k) : ni])
            continue;
        for (size_t i = lo; i < hi; i++) {
            if (breach_ds_dropped(ds, i))
                continue;
            /* the event date falls back to the discovered one, not to the reported one: a
               notice without an occurred or discovered date has no delay to measure, not
               a delay of 0 */
            breach_pdate e = ev[i];
            if (field == BREACH_FIELD_EVENT && !breach_pdate_known(e))
                e = ds->discovered[i];
            breach_pdate r = ds->reported[i];
            if (pass == 0)
                *n_own += breach_pdate_known(e);
            if (((uint32_t)r & 3u) != BREACH_PREC_DAY || ((uint32_t)e & 3u) != BREACH_PREC_DAY)
                continue;
            uint32_t u = (uint32_t)(breach_pdate_day(r) - breach_pdate_day(e)) ^ 0x80000000u;
            if (pass == 0) {
                h[u >> 16]++;
                ++*m;
            } else
                for (size_t j = 0; j < 2; j++)
                    if (u >> 16 == top[j])
                        h[(1 + j) << 16 | (u & 0xffffu)]++;
        }
    }
}

/* The bucket of histogram h[0 .. 2^16) that holds rank *k (from 0), *k made the rank
 * within it. */
static uint32_t bucket_of(const size_t *h, size_t *k)
{
    uint32_t b = 0;
    while (h[b] <= *k)
        *k -= h[b++];
    return b;
}

int breach_sources_lag(const breach_dataset *ds, const size_t *sel, size_t n, int field,
                       breach_lag *out)
{
    size_t m = 0, own = 0;
    out->rep_first = INT32_MAX;
    out->rep_last = INT32_MIN;
    out->n_delays = 0;
    out->days = out->median = -1;
    if (!n) { /* no list, and so no event date of its own to wait for */
        if (field == BREACH_FIELD_EVENT)
            out->days = out->median = 0;
        return 0;
    }
    unsigned char *in = breachp_calloc(ds->n_inputs + 1, 1);
    size_t *h = breachp_calloc((size_t)3 << 16, sizeof *h); /* top bits; low of two ranks */
    if (!in || !h ||
        breach_sources_span(ds, sel, n, BREACH_FIELD_REPORTED, BREACH_PREC_MONTH,
                            &out->rep_first, &out->rep_last)) {
        breachp_free(in);
        breachp_free(h);
        return BREACH_ENOMEM;
    }
    lists_of(ds, sel, n, in);
    delays_pass(ds, in, field, 0, h, NULL, &m, &own);
    out->n_delays = m;
    if (field == BREACH_FIELD_EVENT && !own)
        out->days = out->median = 0; /* the event dates are the reported ones (HHS) */
    else if (m >= BREACH_LAG_MIN_DELAYS) {
        /* nearest rank ceil(0.9 m); the median the lower middle one. A list that dates
           most notices before their events has no lag to wait for (-1 means unknown) */
        size_t k[2] = {(9 * m + 9) / 10 - 1, (m - 1) / 2};
        uint32_t top[2] = {bucket_of(h, &k[0]), bucket_of(h, &k[1])};
        delays_pass(ds, in, field, 1, h, top, &m, &own);
        int32_t v[2];
        for (size_t j = 0; j < 2; j++)
            v[j] = (int32_t)((top[j] << 16 | bucket_of(h + ((1 + j) << 16), &k[j])) ^ 0x80000000u);
        out->days = v[0] > 0 ? v[0] : 0;
        out->median = v[1] > 0 ? v[1] : 0;
    }
    breachp_free(in);
    breachp_free(h);
    return 0;
}

void breach_lag_publish(const breach_lag *l, breach_date *reported_first,
                        breach_date *reported_last, uint64_t *n_delays, int32_t *lag_days,
                        int32_t *lag_median)
{
    if (l->rep_first <= l->rep_last) {
        *reported_first = (breach_date){l->rep_first, BREACH_PREC_DAY};
        *reported_last = (breach_date){l->rep_last, BREACH_PREC_DAY};
    }
    *n_delays = l->n_delays;
    *lag_days = l->days;
    *lag_median = l->median;
}

void breach_lag_check(const breach_lag *l, int32_t first, int32_t last, int *before, int *late)
{
    int reported = l->rep_first <= l->rep_last;
    *before = reported && first < l->rep_first;
    *late = !reported || l->days < 0 || (int64_t)last + l->days > l->rep_last;
}

uint8_t breach_episode_source(const struct breach_dataset *ds, const uint8_t *by_input, size_t i,
                              int32_t *reported)
{
    breach_pdate p = breach_dataset_match_pdate(ds, i, BREACH_FIELD_REPORTED);
    if (!breach_pdate_known(p))
        return 0;
    *reported = breach_pdate_day(p);
    return breach_source_of(ds, by_input, i);
}
