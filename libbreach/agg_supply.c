/* Supply-chain totals: one vendor's or campaign's organisations, individuals and the
 * cumulative curve by notice date, with revisions replacing earlier figures. Totals and the
 * curve are in one unit; members of other units are totalled apart (by_unit). */
#include "dataset_private.h"

#include <stdlib.h>
#include <string.h>

/* What one notice adds to the running totals. */
typedef struct contrib {
    uint64_t lower, upper, point;
    int unbounded;
} contrib;

static contrib contribution(breach_count c, int double_report)
{
    contrib k = {0, 0, 0, 0};
    int has_upper = c.qualifier == BREACH_COUNT_EXACT || c.qualifier == BREACH_COUNT_AT_MOST ||
                    c.qualifier == BREACH_COUNT_ESTIMATED;
    k.unbounded = !has_upper;
    if (has_upper)
        k.upper = c.value;
    if (double_report)
        return k; /* the same people may be in the via organisation's notice */
    if (c.qualifier == BREACH_COUNT_EXACT || c.qualifier == BREACH_COUNT_AT_LEAST ||
        c.qualifier == BREACH_COUNT_ESTIMATED)
        k.lower = c.value;
    if (c.qualifier != BREACH_COUNT_UNKNOWN)
        k.point = c.value;
    return k;
}

typedef struct running {
    uint64_t lower, upper, point;
    uint64_t unbounded; /* contributions without an upper bound */
} running;

/* What notice i adds to totals in `unit`: nothing when its count is in another unit. */
static contrib contribution_in(const breach_dataset *ds, size_t i, int unit, int double_report)
{
    if (ds->unit[i] != unit)
        return (contrib){0, 0, 0, 0};
    return contribution((breach_count){breach_ds_affected(ds, i), ds->qualifier[i]},
                        double_report);
}

static int run_add(running *r, const contrib *k)
{
    if (r->lower > UINT64_MAX - k->lower || r->upper > UINT64_MAX - k->upper ||
        r->point > UINT64_MAX - k->point)
        return BREACH_EOVERFLOW;
    r->lower += k->lower;
    r->upper += k->upper;
    r->point += k->point;
    r->unbounded += (uint64_t)k->unbounded;
    return 0;
}

static void run_sub(running *r, const contrib *k)
{
    r->lower -= k->lower;
    r->upper -= k->upper;
    r->point -= k->point;
    r->unbounded -= (uint64_t)k->unbounded;
}

/* Notices in curve order: dated first by day, then dataset order. */
typedef struct ev {
    int64_t when; /* INT64_MAX when undated */
    size_t i;
    uint32_t org; /* its organisation's slot (keymap) */
} ev;

/* The vendor's organisations by entity key, numbered densely (slot 0: no key), so that the
 * per-organisation arrays are as long as the vendor's list, not as the names' table (which
 * at 10^7 incidents made them 200 MB for a vendor of a few thousand notices). */
typedef struct keymap {
    uint32_t *key, *slot; /* open addressing; key 0 marks an empty cell */
    size_t cap, n;        /* cells (a power of two), slots given (1 .. n) */
} keymap;

static int keymap_init(keymap *m, size_t most)
{
    m->cap = 16;
    while (m->cap < 2 * most + 2)
        m->cap *= 2;
    m->n = 0;
    m->key = breachp_calloc(m->cap, sizeof *m->key);
    m->slot = breachp_malloc(m->cap * sizeof *m->slot);
    return m->key && m->slot ? 0 : BREACH_ENOMEM;
}

static void keymap_free(keymap *m)
{
    breachp_free(m->key);
    breachp_free(m->slot);
}

/* The slot of key k (0 for key 0); add: give it one when it has none, else 0 = absent. */
static uint32_t keymap_slot(keymap *m, uint32_t k, int add)
{
    if (!k)
        return 0;
    size_t j = ((size_t)k * 0x9E3779B97F4A7C15ull >> 20) & (m->cap - 1);
    for (; m->key[j]; j = (j + 1) & (m->cap - 1))
        if (m->key[j] == k)
            return m->slot[j];
    if (!add)
        return 0;
    m->key[j] = k;
    m->slot[j] = (uint32_t)++m->n;
    return m->slot[j];
}

static int cmp_ev(const void *pa, const void *pb)
{
    const ev *a = pa, *b = pb;
    if (a->when != b->when)
        return a->when < b->when ? -1 : 1;
    return a->i < b->i ? -1 : (a->i > b->i);
}

breach_supply_chain *breach_supply_chain_compute(const breach_dataset *ds, const char *vendor,
                                                 const breach_filter *f, breach_error *err)
{
    if (!ds || !vendor) {
        breach_fail(err, BREACH_EINVAL, "no dataset or vendor");
        return NULL;
    }
    breach_filter own;
    if (f)
        own = *f;
    else
        breach_filter_init(&own);
    own.vendor = vendor;
    own.include_superseded = true;
    size_t n = 0, nstr = 0;
    int rc;
    keymap km = {NULL, NULL, 0, 0};
    uint32_t *org = NULL; /* by selected notice: its organisation's slot */
    size_t *sel = NULL;
    bool *sup = NULL;
    ev *evs = NULL;
    size_t *cur = NULL;  /* by entity key id: 1 + index of the notice counted now, 0 none */
    uint8_t *seen = NULL; /* by entity key id: organisation already counted in the curve */
    uint8_t *dbl = NULL;  /* by dataset index: possible double report */
    uint32_t *revs = NULL; /* by entity key id: superseded notices */
    breach_supply_chain *r = breachp_calloc(1, sizeof *r);
    if (!r)
        goto oom;
    r->vendor = breachp_strdup(vendor);
    if (!r->vendor)
        goto oom;
    sel = breach_select(ds, &own, 0, &n, &rc, err);
    if (rc)
        goto fail;
    r->n_notices = n;
    if (n == 0) {
        uint64_t none[BREACH_UNIT_COUNT_] = {0};
        r->unit = breach_result_unit(&own, none);
        breachp_free(sel);
        return r;
    }
    org = breachp_malloc(n * sizeof *org);
    if (!org || keymap_init(&km, n))
        goto oom;
    for (size_t k = 0; k < n; k++)
        org[k] = keymap_slot(&km, ds->entity_key[sel[k]], 1);
    nstr = km.n + 1;
    sup = breachp_calloc(ds->n, sizeof *sup);
    evs = breachp_malloc(n * sizeof *evs);
    cur = breachp_calloc(nstr, sizeof *cur);
    seen = breachp_calloc(nstr, 1);
    dbl = breachp_calloc(ds->n, 1);
    revs = breachp_calloc(nstr, sizeof *revs);
    if (!sup || !evs || !cur || !seen || !dbl || !revs)
        goto oom;
    long ns = breach_dataset_superseded(ds, &own, sup, err);
    if (ns < 0)
        goto fail;
    r->n_superseded = (uint64_t)ns;
    /* members, organisations, possible doubles */
    uint64_t n_unit[BREACH_UNIT_COUNT_] = {0};
    for (size_t k = 0; k < n; k++) {
        size_t i = sel[k];
        r->units |= 1u << ds->unit[i];
        if (sup[i]) {
            revs[org[k]]++;
            continue;
        }
        r->n_members++;
        n_unit[ds->unit[i]]++;
        /* an unnamed notice (key 0) is an organisation of its own: it cannot be matched */
        if (!org[k] || !seen[org[k]]) {
            seen[org[k]] = 1;
            r->n_organisations++;
        }
    }
    for (size_t k = 0; k < n; k++) {
        size_t i = sel[k];
        uint32_t vk = breach_sparse_u32(&ds->via_key, i);
        uint32_t vs = vk ? keymap_slot(&km, vk, 0) : 0; /* 0: not one of the vendor's */
        if (!sup[i] && vs && vk != ds->entity_key[i] && seen[vs])
            dbl[i] = 1;
    }
    r->unit = breach_result_unit(&own, n_unit);
    r->n_other_units = r->n_members - n_unit[r->unit];
    /* the status is the final one along the whole curve: an organisation's superseded
       notices (never separate ones, so they belong to its one non-separate member) take
       that member's; `seen` says, by entity key, whether it is a possible double */
    memset(seen, 0, nstr);
    for (size_t k = 0; k < n; k++) {
        size_t i = sel[k];
        if (dbl[i] && !(ds->flags[i] & BREACH_FLAG_SEPARATE))
            seen[org[k]] = 1;
    }
    for (size_t k = 0; k < n; k++) {
        size_t i = sel[k];
        if (sup[i] && seen[org[k]])
            dbl[i] = 1;
    }
    memset(seen, 0, nstr);
    r->members = breachp_malloc(r->n_members * sizeof *r->members);
    r->curve = breachp_malloc(n * sizeof *r->curve);
    if (!r->members || !r->curve)
        goto oom;
    for (size_t k = 0; k < n; k++) {
        size_t i = sel[k];
        evs[k].i = i;
        evs[k].org = org[k];
        evs[k].when = breach_pdate_known(ds->reported[i]) ? breach_pdate_day(ds->reported[i]) : INT64_MAX;
    }
    if (n > 1) /* qsort's base may not be NULL, even for no element */
    qsort(evs, n, sizeof *evs, cmp_ev);
    running run = {0, 0, 0, 0};
    uint64_t orgs = 0;
    for (size_t k = 0; k < n; k++) {
        size_t i = evs[k].i;
        if (evs[k].when == INT64_MAX)
            continue; /* undated: in the totals below, not in the curve */
        uint32_t ek = evs[k].org;
        /* unnamed notices never replace each other (they are never revisions) */
        int separate = (ds->flags[i] & BREACH_FLAG_SEPARATE) != 0 || ek == 0;
        if (!separate && cur[ek]) {
            size_t old = cur[ek] - 1;
            contrib ko = contribution_in(ds, old, r->unit, dbl[old]);
            run_sub(&run, &ko);
        }
        contrib kn = contribution_in(ds, i, r->unit, dbl[i]);
        if (run_add(&run, &kn))
            goto overflow;
        if (!separate)
            cur[ek] = i + 1;
        if (!ek || !seen[ek]) {
            seen[ek] = 1;
            orgs++;
        }
        breach_supply_point *pt;
        if (r->n_points && r->curve[r->n_points - 1].date.day == (int32_t)evs[k].when) {
            pt = &r->curve[r->n_points - 1];
        } else {
            pt = &r->curve[r->n_points++];
            pt->date.day = (int32_t)evs[k].when;
            pt->date.precision = BREACH_PREC_DAY;
        }
        pt->organisations = orgs;
        pt->lower = run.lower;
        pt->upper = run.upper;
        pt->point = run.point;
        pt->upper_unbounded = run.unbounded > 0;
    }
    /* members in curve order, with their revision counts; totals over members */
    size_t w = 0;
    for (size_t k = 0; k < n; k++) {
        size_t i = evs[k].i;
        if (sup[i])
            continue;
        breach_supply_member *m = &r->members[w++];
        m->index = i;
        m->entity = breach_ds_plain(ds, ds->entity[i]);
        m->affected.value = breach_ds_affected(ds, i);
        m->affected.qualifier = ds->qualifier[i];
        m->reported = breach_unpack_date(ds->reported[i]);
        m->unit = ds->unit[i];
        m->role = m->unit != r->unit ? BREACH_MEMBER_OTHER_UNIT
                  : dbl[i]           ? BREACH_MEMBER_POSSIBLE_DOUBLE
                                     : BREACH_MEMBER_COUNTED;
        r->n_possible_double += m->role == BREACH_MEMBER_POSSIBLE_DOUBLE;
        /* superseded notices are never separate ones, so they all belong to the one
           non-separate member of their organisation */
        m->n_revisions = (ds->flags[i] & BREACH_FLAG_SEPARATE) ? 0 : revs[evs[k].org];
        if (evs[k].when == INT64_MAX)
            r->n_undated++;
        contrib kc = contribution(m->affected, dbl[i]);
        breach_total *t = &r->by_unit[m->unit];
        if (t->lower > UINT64_MAX - kc.lower || t->upper > UINT64_MAX - kc.upper ||
            t->point > UINT64_MAX - kc.point)
            goto overflow;
        t->lower += kc.lower;
        t->upper += kc.upper;
        t->point += kc.point;
        t->upper_unbounded = t->upper_unbounded || kc.unbounded;
        t->n++;
        switch (m->affected.qualifier) {
        case BREACH_COUNT_EXACT: t->n_exact++; break;
        case BREACH_COUNT_AT_LEAST: t->n_at_least++; break;
        case BREACH_COUNT_AT_MOST: t->n_at_most++; break;
        case BREACH_COUNT_ESTIMATED: t->n_estimated++; break;
        default: t->n_unknown++; break;
        }
    }
    r->individuals = r->by_unit[r->unit];
    goto done;
overflow:
    breach_fail(err, BREACH_EOVERFLOW, "a supply-chain total exceeds 2^64-1");
    goto fail;
oom:
    breach_fail(err, BREACH_ENOMEM, "out of memory computing supply-chain totals");
fail:
    breach_supply_chain_free(r);
    r = NULL;
done: /* one cleanup for the result and for a failure */
    breachp_free(sel);
    breachp_free(sup);
    breachp_free(evs);
    breachp_free(cur);
    breachp_free(seen);
    breachp_free(dbl);
    breachp_free(revs);
    breachp_free(org);
    keymap_free(&km);
    return r;
}

void breach_supply_chain_free(breach_supply_chain *r)
{
    if (!r)
        return;
    breachp_free((char *)r->vendor);
    breachp_free(r->members);
    breachp_free(r->curve);
    breachp_free(r);
}
