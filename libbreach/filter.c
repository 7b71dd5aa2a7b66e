/* Filters, revisions (superseded notices) and selection. */
#include "dataset_private.h"

#include <stdlib.h>
#include <string.h>

void breach_filter_init(breach_filter *f)
{
    if (!f)
        return;
    memset(f, 0, sizeof *f);
    f->date_field = BREACH_FIELD_EVENT;
    f->from = f->to = breach_date_none();
}

/* The id of the entity key of `name` in ds, or 0 when no incident can have it. */
static int resolve_key(const breach_dataset *ds, const char *name, uint32_t *kid)
{
    char stack[512];
    size_t len = strlen(name);
    size_t klen = breach_entity_key(name, len, stack, sizeof stack);
    if (klen == (size_t)-1)
        return BREACH_ENOMEM;
    char *key = stack;
    if (klen >= sizeof stack) {
        key = malloc(klen + 1);
        if (!key)
            return BREACH_ENOMEM;
        breach_entity_key(name, len, key, klen + 1);
    }
    *kid = breach_intern_find(ds->strings, key, klen);
    if (key != stack)
        free(key);
    return 0;
}

int breach_cfilter_init(breach_cfilter *c, const breach_dataset *ds, const breach_filter *f,
                        breach_error *err)
{
    memset(c, 0, sizeof *c);
    c->f = f;
    if (!f)
        return BREACH_OK;
    if (f->date_field < BREACH_FIELD_EVENT || f->date_field > BREACH_FIELD_DISCOVERED)
        return breach_fail(err, BREACH_EINVAL, "filter date_field %d is not a breach_date_field",
                           (int)f->date_field);
    if (f->region > breach_region_max())
        return breach_fail(err, BREACH_EINVAL, "filter region %u does not exist",
                           (unsigned)f->region);
    for (size_t i = 0; i < sizeof f->reserved_ / sizeof f->reserved_[0]; i++)
        if (f->reserved_[i])
            return breach_fail(err, BREACH_EINVAL,
                               "filter reserved fields are not zero (start from breach_filter_init)");
    int rc;
    if ((rc = breach_date_check(f->from, "filter from", err)) ||
        (rc = breach_date_check(f->to, "filter to", err)))
        return rc;
    if (breach_date_is_known(f->from)) {
        c->has_from = 1;
        c->from_day = f->from.day;
    }
    if (breach_date_is_known(f->to)) {
        c->has_to = 1;
        c->to_day = breach_date_last_day(f->to);
    }
    c->region = f->region;
    c->region_is_country = f->region && breach_region_country(f->region) == f->region;
    if (f->vendor) {
        if ((rc = resolve_key(ds, f->vendor, &c->vendor_key)))
            return breach_fail(err, rc, "out of memory");
        if (!c->vendor_key)
            c->none = 1;
    }
    if (f->entity) {
        if ((rc = resolve_key(ds, f->entity, &c->entity_key)))
            return breach_fail(err, rc, "out of memory");
        if (!c->entity_key)
            c->none = 1;
    }
    return BREACH_OK;
}

static int region_hit(const breach_cfilter *c, breach_region r)
{
    if (r == c->region)
        return 1;
    return c->region_is_country && breach_region_country(r) == c->region;
}

int breach_cfilter_match(const breach_cfilter *c, const breach_dataset *ds, size_t i)
{
    const breach_filter *f = c->f;
    if (!f)
        return 1;
    if (c->none)
        return 0;
    if (c->vendor_key && ds->vendor_key[i] != c->vendor_key)
        return 0;
    if (c->entity_key && ds->entity_key[i] != c->entity_key)
        return 0;
    if (f->types && !(ds->types[i] & f->types))
        return 0;
    if (f->categories && !(ds->categories[i] & f->categories))
        return 0;
    if (c->has_from || c->has_to) {
        breach_pdate p = breach_dataset_pdate(ds, i, f->date_field);
        if (!breach_pdate_known(p))
            return 0;
        int32_t day = breach_pdate_day(p);
        if ((c->has_from && day < c->from_day) || (c->has_to && day > c->to_day))
            return 0;
    }
    if (c->region) {
        int hit = ds->entity_region[i] && region_hit(c, ds->entity_region[i]);
        size_t nr;
        const breach_region_count *rg = breach_ds_regions(ds, i, &nr);
        for (size_t k = 0; !hit && k < nr; k++)
            hit = region_hit(c, rg[k].region);
        if (!hit)
            return 0;
    }
    return 1;
}

bool breach_filter_match(const breach_dataset *ds, size_t index, const breach_filter *f)
{
    if (!ds || index >= ds->n)
        return false;
    breach_cfilter c;
    if (breach_cfilter_init(&c, ds, f, NULL) != BREACH_OK)
        return false;
    return breach_cfilter_match(&c, ds, index) != 0;
}

/* A revision candidate with its sort key copied out, so that qsort needs no context:
 * by (entity key, vendor key), then undated before dated, then reported day, then index.
 * The last of each group is the notice that stands. */
typedef struct cand {
    uint32_t ek, vk;
    int64_t when; /* INT64_MIN when undated */
    size_t i;
} cand;

static int cmp_cand(const void *pa, const void *pb)
{
    const cand *a = pa, *b = pb;
    if (a->ek != b->ek)
        return a->ek < b->ek ? -1 : 1;
    if (a->vk != b->vk)
        return a->vk < b->vk ? -1 : 1;
    if (a->when != b->when)
        return a->when < b->when ? -1 : 1;
    return a->i < b->i ? -1 : (a->i > b->i);
}

/* Named organisation, named vendor (non-empty keys: id 0 means none), not separate. */
static int is_candidate(const breach_dataset *ds, size_t i)
{
    return ds->entity_key[i] && ds->vendor_key[i] && !(ds->flags[i] & BREACH_FLAG_SEPARATE);
}

/* Marks superseded[i] for incidents in sel[0..n). */
static int mark_superseded(const breach_dataset *ds, const size_t *sel, size_t n, bool *superseded,
                           long *count)
{
    size_t m = 0;
    for (size_t k = 0; k < n; k++)
        m += (size_t)is_candidate(ds, sel[k]);
    *count = 0;
    if (m < 2)
        return 0;
    cand *c = malloc(m * sizeof *c);
    if (!c)
        return BREACH_ENOMEM;
    m = 0;
    for (size_t k = 0; k < n; k++) {
        size_t i = sel[k];
        if (!is_candidate(ds, i))
            continue;
        c[m].ek = ds->entity_key[i];
        c[m].vk = ds->vendor_key[i];
        c[m].when = breach_pdate_known(ds->reported[i]) ? breach_pdate_day(ds->reported[i]) : INT64_MIN;
        c[m].i = i;
        m++;
    }
    qsort(c, m, sizeof *c, cmp_cand);
    for (size_t k = 0; k + 1 < m; k++) {
        if (c[k].ek == c[k + 1].ek && c[k].vk == c[k + 1].vk) {
            superseded[c[k].i] = true;
            (*count)++;
        }
    }
    free(c);
    return 0;
}

size_t *breach_select(const breach_dataset *ds, const breach_filter *f, int force_revisions,
                      size_t *n, int *rc, breach_error *err)
{
    *n = 0;
    *rc = BREACH_OK;
    breach_cfilter c;
    if ((*rc = breach_cfilter_init(&c, ds, f, err)) != BREACH_OK)
        return NULL;
    size_t *sel = ds->n ? malloc(ds->n * sizeof *sel) : NULL;
    if (ds->n && !sel) {
        *rc = breach_fail(err, BREACH_ENOMEM, "out of memory selecting incidents");
        return NULL;
    }
    size_t m = 0;
    for (size_t i = 0; i < ds->n; i++)
        if (breach_cfilter_match(&c, ds, i))
            sel[m++] = i;
    int revisions = force_revisions || !f || !f->include_superseded;
    if (revisions && m > 1) {
        bool *sup = calloc(ds->n, sizeof *sup);
        long count;
        if (!sup || mark_superseded(ds, sel, m, sup, &count)) {
            free(sup);
            free(sel);
            *rc = breach_fail(err, BREACH_ENOMEM, "out of memory finding revisions");
            return NULL;
        }
        size_t w = 0;
        for (size_t k = 0; k < m; k++)
            if (!sup[sel[k]])
                sel[w++] = sel[k];
        m = w;
        free(sup);
    }
    if (m == 0) {
        free(sel);
        breach_error_clear(err);
        return NULL;
    }
    *n = m;
    return sel;
}

size_t *breach_dataset_select(const breach_dataset *ds, const breach_filter *f, size_t *n,
                              breach_error *err)
{
    size_t dummy;
    if (!n)
        n = &dummy;
    *n = 0;
    if (!ds) {
        breach_fail(err, BREACH_EINVAL, "no dataset");
        return NULL;
    }
    int rc;
    return breach_select(ds, f, 0, n, &rc, err);
}

long breach_dataset_superseded(const breach_dataset *ds, const breach_filter *f, bool *superseded,
                               breach_error *err)
{
    if (!ds || (!superseded && ds->n))
        return breach_fail(err, BREACH_EINVAL, "no dataset or output array");
    breach_filter own;
    if (f)
        own = *f;
    else
        breach_filter_init(&own);
    own.include_superseded = true;
    size_t m;
    int rc;
    size_t *sel = breach_select(ds, &own, 0, &m, &rc, err);
    if (rc)
        return rc;
    if (ds->n)
        memset(superseded, 0, ds->n * sizeof *superseded);
    long count = 0;
    if (mark_superseded(ds, sel, m, superseded, &count)) {
        free(sel);
        return breach_fail(err, BREACH_ENOMEM, "out of memory finding revisions");
    }
    free(sel);
    return count;
}
