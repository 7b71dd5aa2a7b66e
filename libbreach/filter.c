/* Filters, revisions (superseded notices) and selection. */
#include "dataset_private.h"
#include "attr_private.h"
#include "select_private.h"
#include "sort_private.h"

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
        key = breachp_malloc(klen + 1);
        if (!key)
            return BREACH_ENOMEM;
        breach_entity_key(name, len, key, klen + 1);
    }
    *kid = breach_intern_find(ds->strings, key, klen);
    if (key != stack)
        breachp_free(key);
    return 0;
}

int breach_result_unit(const breach_filter *f, const uint64_t *n_by_unit)
{
    if (f && f->units && !(f->units & (f->units - 1)))
        return __builtin_ctz(f->units);
    int best = -1;
    for (int u = 0; u < BREACH_UNIT_COUNT_; u++)
        if ((!f || !f->units || (f->units & (1u << u))) &&
            (best < 0 || n_by_unit[u] > n_by_unit[best]))
            best = u;
    return best < 0 ? BREACH_UNIT_INDIVIDUALS : best;
}

int breach_cfilter_init(breach_cfilter *c, const breach_dataset *ds, const breach_filter *f,
                        breach_error *err)
{
    memset(c, 0, sizeof *c);
    c->f = f;
    if (!f || !f->include_duplicates)
        c->dropped = ds->dropped_bits;
    c->dropped_rows = ds->dropped_rows;
    if (!f)
        return BREACH_OK;
    if (f->date_field < BREACH_FIELD_EVENT || f->date_field > BREACH_FIELD_DISCOVERED)
        return breach_fail(err, BREACH_EINVAL, "filter date_field %d is not a breach_date_field",
                           (int)f->date_field);
    if (f->region > breach_region_max())
        return breach_fail(err, BREACH_EINVAL, "filter region %u does not exist",
                           (unsigned)f->region);
    if (f->units >> BREACH_UNIT_COUNT_)
        return breach_fail(err, BREACH_EINVAL, "filter units 0x%x name a unit that does not exist",
                           (unsigned)f->units);
    int rc;
    if ((rc = BREACH_RESERVED_OK(f, f->reserved32_, "filter", "breach_filter_init", err)) ||
        (rc = breach_cfilter_where(c, ds, f, err)))
        return rc;
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

/* Where a date stands against the filter's range: a date is the period it covers, from its
 * first day to its last (one day at day precision), and is in the range only when that
 * whole period is. Unknown dates are outside any range. */
enum { DATE_OUTSIDE, DATE_ACROSS /* overlaps the range without lying inside it */, DATE_INSIDE };

static int date_place(const breach_cfilter *c, breach_pdate p)
{
    if (!breach_pdate_known(p))
        return DATE_OUTSIDE;
    breach_date d = breach_unpack_date(p);
    int32_t last = d.precision == BREACH_PREC_DAY ? d.day : breach_date_last_day(d);
    if ((c->has_from && last < c->from_day) || (c->has_to && d.day > c->to_day))
        return DATE_OUTSIDE;
    if ((c->has_from && d.day < c->from_day) || (c->has_to && last > c->to_day))
        return DATE_ACROSS;
    return DATE_INSIDE;
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
    if (c->dropped && i < c->dropped_rows && (c->dropped[i / 64] >> (i % 64) & 1))
        return 0;
    if (!f)
        return 1;
    if (c->none)
        return 0;
    if (c->vendor_key && breach_sparse_u32(&ds->vendor_key, i) != c->vendor_key)
        return 0;
    if (c->entity_key && ds->entity_key[i] != c->entity_key)
        return 0;
    if (f->types && !(ds->types[i] & f->types))
        return 0;
    if (f->units && !(f->units & (1u << ds->unit[i])))
        return 0;
    if (f->categories && !(ds->categories[i] & f->categories))
        return 0;
    if (c->has_from || c->has_to) {
        int at = date_place(c, breach_dataset_pdate(ds, i, f->date_field));
        if (at == DATE_OUTSIDE || (at == DATE_ACROSS && !c->overlap))
            return 0;
    }
    if (c->n_where && !breach_cfilter_where_match(c, ds, i))
        return 0;
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

/* Whether a compiled filter has no criteria of its own: it passes every incident. */
static int selects_all(const breach_cfilter *c)
{
    const breach_filter *f = c->f;
    if (c->dropped)
        return 0;
    return !f || (!f->vendor && !f->entity && !f->types && !f->categories && !f->units && !c->has_from &&
                  !c->has_to && !c->region && !c->n_where);
}

/* Named organisation, named vendor (non-empty keys: id 0 means none), not separate. */
static int is_candidate(const breach_dataset *ds, size_t i)
{
    return ds->entity_key[i] && breach_sparse_u32(&ds->vendor_key, i) &&
           !(ds->flags[i] & BREACH_FLAG_SEPARATE);
}

/* Undated notices before dated ones, then by reported day. */
static int64_t revision_time(const breach_dataset *ds, size_t i)
{
    return breach_pdate_known(ds->reported[i]) ? breach_pdate_day(ds->reported[i]) : INT64_MIN;
}

/* A list of revision candidates: their indices (ascending) and (entity key, vendor key)
 * pairs, read while the scan has their rows at hand. */
typedef struct cand_list {
    size_t *i;
    uint64_t *key;
    size_t n, cap[2];
} cand_list;

static int cand_add(cand_list *c, const breach_dataset *ds, size_t i)
{
    if (c->n == c->cap[0] && /* full: both arrays double */
        (breach_grow((void **)&c->i, &c->cap[0], c->n + 1, sizeof *c->i) ||
         breach_grow((void **)&c->key, &c->cap[1], c->n + 1, sizeof *c->key)))
        return BREACH_ENOMEM;
    c->i[c->n] = i;
    c->key[c->n++] = (uint64_t)ds->entity_key[i] << 32 | breach_sparse_u32(&ds->vendor_key, i);
    return 0;
}

/* The revision candidates among sel[0..n) (among 0 .. n-1 when sel is NULL) into *c
 * (zeroed first; its arrays are the caller's to free, even on error). Most notices name
 * no vendor: the sparse vendor column leads to the few that do. */
static int candidates(const breach_dataset *ds, const size_t *sel, size_t n, cand_list *c)
{
    const breach_sparse *vendor = &ds->vendor_key;
    memset(c, 0, sizeof *c);
    if (!sel) {
        for (size_t i = breach_sparse_next(vendor, 0, n); i < n;
             i = breach_sparse_next(vendor, i + 1, n))
            if (is_candidate(ds, i) && cand_add(c, ds, i))
                return BREACH_ENOMEM;
    } else {
        for (size_t k = 0; k < n; k++)
            if (is_candidate(ds, sel[k]) && cand_add(c, ds, sel[k]))
                return BREACH_ENOMEM;
    }
    return 0;
}

/* The superseded notices among the incidents sel[0..n) (among 0 .. n-1 when sel is NULL):
 * *out receives them ascending (NULL when none; the caller frees) and *count their number.
 * The candidates' positions are radix-sorted by (entity key, vendor key), stably, so that
 * each group is in dataset order; in a group the notice that stands is the latest by
 * revision_time, the later in the dataset on ties, and every other one is superseded. */
static int superseded_list(const breach_dataset *ds, const size_t *sel, size_t n, size_t **out,
                           size_t *count)
{
    *out = NULL;
    *count = 0;
    cand_list c;
    size_t *pos = NULL;
    unsigned char *gone = NULL;
    int rc = candidates(ds, sel, n, &c);
    size_t m = c.n;
    if (rc || m < 2)
        goto done;
    rc = BREACH_ENOMEM;
    pos = breachp_malloc(m * sizeof *pos);
    gone = breachp_calloc(m, 1);
    if (!pos || !gone)
        goto done;
    for (size_t p = 0; p < m; p++)
        pos[p] = p;
    if (breach_radix_sort(c.key, pos, m))
        goto done;
    size_t ngone = 0;
    for (size_t a = 0, b; a < m; a = b) {
        for (b = a + 1; b < m && c.key[b] == c.key[a]; b++)
            ;
        if (b - a < 2)
            continue; /* most candidates are alone: no revision */
        /* positions in dataset order: a later one with the same time or later wins */
        size_t best = pos[a];
        int64_t best_time = revision_time(ds, c.i[best]);
        for (size_t k = a + 1; k < b; k++) {
            size_t p = pos[k];
            int64_t t = revision_time(ds, c.i[p]);
            if (t >= best_time) {
                gone[best] = 1;
                best = p;
                best_time = t;
            } else {
                gone[p] = 1;
            }
        }
        ngone += b - a - 1;
    }
    if (ngone) {
        /* in position order, which is dataset order */
        if (!(*out = breachp_malloc(ngone * sizeof **out)))
            goto done;
        for (size_t p = 0; p < m; p++)
            if (gone[p])
                (*out)[(*count)++] = c.i[p];
    }
    rc = 0;
done:
    breachp_free(c.i);
    breachp_free(c.key);
    breachp_free(pos);
    breachp_free(gone);
    return rc;
}

/* The first incident from i on that c may match (ds->n when none): with a vendor, only
 * those that name one can, and the sparse vendor column leads to them (a vendor's curve
 * read 10^7 rows to find 56). */
static size_t next_candidate(const breach_cfilter *c, const breach_dataset *ds, size_t i)
{
    return c->vendor_key ? breach_sparse_next(&ds->vendor_key, i, ds->n) : i;
}

/* breach_select with the filter compiled in c. */
static size_t *select_with(const breach_cfilter *c, const breach_dataset *ds,
                           const breach_filter *f, int force_revisions, size_t *n, int *rc,
                           breach_error *err)
{
    *n = 0;
    *rc = BREACH_OK;
    size_t *sel = ds->n ? breachp_malloc(ds->n * sizeof *sel) : NULL;
    if (ds->n && !sel) {
        *rc = breach_fail(err, BREACH_ENOMEM, "out of memory selecting incidents");
        return NULL;
    }
    size_t m = 0;
    if (selects_all(c)) {
        for (; m < ds->n; m++)
            sel[m] = m;
    } else if (!c->none) { /* none: a vendor or organisation no incident has */
        for (size_t i = next_candidate(c, ds, 0); i < ds->n; i = next_candidate(c, ds, i + 1))
            if (breach_cfilter_match(c, ds, i))
                sel[m++] = i;
    }
    int revisions = force_revisions || !f || !f->include_superseded;
    if (revisions && m > 1) {
        size_t *gone, ngone;
        if (superseded_list(ds, sel, m, &gone, &ngone)) {
            breachp_free(sel);
            *rc = breach_fail(err, BREACH_ENOMEM, "out of memory finding revisions");
            return NULL;
        }
        /* both lists ascending, gone a part of sel */
        size_t w = 0;
        for (size_t k = 0, g = 0; k < m; k++) {
            if (g < ngone && sel[k] == gone[g])
                g++;
            else
                sel[w++] = sel[k];
        }
        m = w;
        breachp_free(gone);
    }
    if (m == 0) {
        breachp_free(sel);
        breach_error_clear(err);
        return NULL;
    }
    *n = m;
    return sel;
}

size_t *breach_select(const breach_dataset *ds, const breach_filter *f, int force_revisions,
                      size_t *n, int *rc, breach_error *err)
{
    *n = 0;
    breach_cfilter c;
    if ((*rc = breach_cfilter_init(&c, ds, f, err)) != BREACH_OK)
        return NULL;
    return select_with(&c, ds, f, force_revisions, n, rc, err);
}

long breach_dataset_n_coarse_dated(const breach_dataset *ds, const breach_filter *f,
                                   breach_error *err)
{
    if (!ds)
        return breach_fail(err, BREACH_EINVAL, "no dataset");
    breach_cfilter c;
    int rc = breach_cfilter_init(&c, ds, f, err);
    if (rc != BREACH_OK)
        return rc;
    if (!c.has_from && !c.has_to)
        return 0;
    /* the incidents a range would take if a date only had to overlap it, revisions decided
       among them: the coarse ones are those of them not inside it */
    c.overlap = 1;
    size_t n;
    size_t *sel = select_with(&c, ds, f, 0, &n, &rc, err);
    if (rc != BREACH_OK)
        return rc;
    long coarse = 0;
    for (size_t k = 0; k < n; k++)
        coarse += date_place(&c, breach_dataset_pdate(ds, sel[k], f->date_field)) == DATE_ACROSS;
    breachp_free(sel);
    return coarse;
}

int breach_selection_make(breach_selection *s, const breach_dataset *ds, const breach_filter *f,
                          breach_error *err)
{
    memset(s, 0, sizeof *s);
    breach_cfilter c;
    int rc;
    if ((rc = breach_cfilter_init(&c, ds, f, err)) != BREACH_OK)
        return rc;
    if (!selects_all(&c)) {
        s->index = breach_select(ds, f, 0, &s->n, &rc, err);
        return rc;
    }
    s->end = ds->n;
    if ((!f || !f->include_superseded) &&
        superseded_list(ds, NULL, ds->n, &s->skip, &s->n_skip)) {
        memset(s, 0, sizeof *s);
        return breach_fail(err, BREACH_ENOMEM, "out of memory finding revisions");
    }
    s->n = ds->n - s->n_skip;
    if (s->n == 0)
        breach_error_clear(err);
    return BREACH_OK;
}

void breach_selection_free(breach_selection *s)
{
    breachp_free(s->index);
    breachp_free(s->skip);
    memset(s, 0, sizeof *s);
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
    size_t *gone, count;
    if (superseded_list(ds, sel, m, &gone, &count)) {
        breachp_free(sel);
        return breach_fail(err, BREACH_ENOMEM, "out of memory finding revisions");
    }
    for (size_t k = 0; k < count; k++)
        superseded[gone[k]] = true;
    breachp_free(gone);
    breachp_free(sel);
    return (long)count;
}
