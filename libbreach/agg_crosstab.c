/* Counts over any dimension (the model's, an enumerated attribute, the year or month) and
 * cross-tabs by a second one, with verisr getenumCI's rules (doc/statistics.md, "Counts
 * and cross-tabs"):
 *
 *  - each incident has a list of levels in a dimension: several for sets and attributes,
 *    one for the others; a level is counted, unknown ("Unknown", or no value of a model
 *    field) or not applicable ("NA" of an attribute);
 *  - n is the number of incidents with at least one level inside n (counted levels, and
 *    the unknown / NA ones when asked for); an incident that states no value of an
 *    attribute is in no row and never in n (n_not_stated);
 *  - a level's count is the incidents carrying it, its proportion count / n;
 *  - a column of a cross-tab is the same computation over the incidents carrying one level
 *    of the by dimension; a type, category or location that some of a column's notices'
 *    sources cannot state is counted over the others (cell_n), and a notice whose source
 *    can state no level of the by dimension is in no column (its unknown column would
 *    otherwise mix "not recorded" with "unknown").
 *
 * Each dimension is laid out once as a list of levels per selected incident (offsets and
 * level numbers), then rows, columns and cells are tallies over those lists. */
#include "attr_private.h"
#include "counts_private.h"
#include "progress_private.h"
#include "stats_private.h"

#include <gsl/gsl_sort.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { K_COUNTED = 0, K_UNKNOWN = 1, K_NA = 2 };

/* One dimension over the selection. */
typedef struct dimlev {
    size_t nlev;
    const char **label; /* per level; year/month labels point into `store` */
    uint8_t *kind;      /* per level: K_* */
    int32_t *number;    /* per level: the model's level number, or -1 */
    size_t *off;        /* nsel + 1 offsets into lev */
    uint32_t *lev;
    int multi;          /* some incident has more than one level */
    uint64_t not_stated; /* incidents with no level (attributes) */
    char *store;
} dimlev;

static void dimlev_free(dimlev *d)
{
    breachp_free(d->label);
    breachp_free(d->kind);
    breachp_free(d->number);
    breachp_free(d->off);
    breachp_free(d->lev);
    breachp_free(d->store);
}

/* Room for the levels' arrays (n levels). */
static int levels_room(dimlev *d, size_t n)
{
    d->label = breachp_calloc(n ? n : 1, sizeof *d->label);
    d->kind = breachp_calloc(n ? n : 1, sizeof *d->kind);
    d->number = breachp_malloc((n ? n : 1) * sizeof *d->number);
    if (!d->label || !d->kind || !d->number)
        return BREACH_ENOMEM;
    for (size_t l = 0; l < n; l++)
        d->number[l] = -1;
    return 0;
}

/* Appends level l to the current incident's list. */
static int push(dimlev *d, size_t *cap, size_t *len, uint32_t l)
{
    if (breach_grow((void **)&d->lev, cap, *len + 1, sizeof *d->lev))
        return BREACH_ENOMEM;
    d->lev[(*len)++] = l;
    return 0;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static int build(const breach_dataset *ds, const size_t *sel, size_t nsel, int dim,
                 const char *field, int date_field, dimlev *d, breach_error *err)
{
    memset(d, 0, sizeof *d);
    size_t cap = 0, len = 0;
    d->off = breachp_malloc((nsel + 1) * sizeof *d->off);
    if (!d->off)
        return BREACH_ENOMEM;
    d->off[0] = 0;
    if (breach_set_dim(dim)) {
        size_t nv;
        uint64_t valid = breach_set_levels(dim, &nv);
        if (levels_room(d, nv + 1))
            return BREACH_ENOMEM;
        for (size_t l = 0; l < nv; l++) {
            d->label[l] = breach_set_name(dim, l);
            d->number[l] = (int32_t)l;
        }
        d->label[nv] = "unknown";
        d->kind[nv] = K_UNKNOWN;
        d->nlev = nv + 1;
        for (size_t k = 0; k < nsel; k++) {
            uint64_t s = breach_set_of(ds, dim, sel[k]) & valid;
            if (!s && push(d, &cap, &len, (uint32_t)nv))
                return BREACH_ENOMEM;
            d->multi |= breach_popcount64(s) > 1;
            for (uint32_t l = 0; s; l++, s >>= 1)
                if ((s & 1) && push(d, &cap, &len, l))
                    return BREACH_ENOMEM;
            d->off[k + 1] = len;
        }
        return 0;
    }
    if (dim == BREACH_DIM_FIELD) {
        long fk = breach_dataset_field_find(ds, field);
        if (fk < 0)
            return breach_fail(err, BREACH_ENOTFOUND, "no incident carries the attribute '%s'",
                               field);
        const breach_attrs *a = ds->attrs;
        uint32_t fid = (uint32_t)fk + 1;
        size_t nv = a->field_n[fk];
        if (levels_room(d, nv))
            return BREACH_ENOMEM;
        for (size_t l = 0; l < nv; l++) {
            uint32_t pid = a->field_pairs[fk][l];
            const char *t = breach_intern_get(a->pairs, pid);
            d->label[l] = strchr(t, '\x1f') + 1;
            d->kind[l] = a->pair_unknown[pid] ? K_UNKNOWN
                         : strcmp(d->label[l], "NA") == 0 ? K_NA
                                                           : K_COUNTED;
        }
        d->nlev = nv;
        for (size_t k = 0; k < nsel; k++) {
            size_t m, before = len;
            const uint32_t *run = breach_attrs_row(a, sel[k], &m);
            for (size_t j = 0; j < m; j++)
                if (a->pair_field[run[j]] == fid && push(d, &cap, &len, a->pair_value[run[j]]))
                    return BREACH_ENOMEM;
            d->multi |= len - before > 1;
            d->not_stated += len == before;
            d->off[k + 1] = len;
        }
        return 0;
    }
    /* one level an incident: a key per incident, levels numbered by first appearance
       (years and months by time) */
    uint32_t *key = breachp_malloc((nsel ? nsel : 1) * sizeof *key);
    if (!key)
        return BREACH_ENOMEM;
    size_t nmap = dim == BREACH_DIM_REGION ? (size_t)breach_region_max() + 1
                  : dim == BREACH_DIM_ENTITY_TYPE || dim == BREACH_DIM_VENDOR
                      ? (size_t)breach_intern_count(ds->strings) + 1
                      : 0;
    for (size_t k = 0; k < nsel; k++) {
        size_t i = sel[k];
        uint32_t v = 0;
        if (dim == BREACH_DIM_REGION)
            v = ds->entity_region[i];
        else if (dim == BREACH_DIM_ENTITY_TYPE)
            v = ds->entity_type[i];
        else if (dim == BREACH_DIM_VENDOR)
            v = breach_sparse_u32(&ds->vendor_key, i);
        else {
            breach_date dt = breach_unpack_date(breach_dataset_pdate(ds, i, date_field));
            int y, mo, dd;
            if (breach_date_is_known(dt) &&
                (dim == BREACH_DIM_YEAR || dt.precision != BREACH_PREC_YEAR)) {
                breach_date_to_ymd(dt, &y, &mo, &dd);
                /* 1 + a month number from year 0: ordered by time */
                v = dim == BREACH_DIM_YEAR ? (uint32_t)(y + 1) : (uint32_t)(y * 12 + mo);
            }
        }
        key[k] = v;
    }
    /* distinct keys, in order of first appearance (model) or ascending (time) */
    uint32_t *keys = breachp_malloc((nsel ? nsel : 1) * sizeof *keys);
    uint32_t *map = nmap ? breachp_calloc(nmap, sizeof *map) : NULL;
    size_t *first = breachp_malloc((nsel ? nsel : 1) * sizeof *first);
    int rc = BREACH_ENOMEM;
    if (!keys || (nmap && !map) || !first)
        goto out;
    size_t nk = 0;
    if (nmap) {
        for (size_t k = 0; k < nsel; k++)
            if (key[k] && key[k] < nmap && !map[key[k]]) {
                first[nk] = sel[k];
                keys[nk++] = key[k];
                map[key[k]] = (uint32_t)nk;
            }
    } else {
        for (size_t k = 0; k < nsel; k++)
            if (key[k])
                keys[nk++] = key[k];
        qsort(keys, nk, sizeof *keys, cmp_u32);
        size_t u = 0;
        for (size_t j = 0; j < nk; j++)
            if (!u || keys[u - 1] != keys[j])
                keys[u++] = keys[j];
        nk = u;
    }
    if (levels_room(d, nk + 1))
        goto out;
    if (!nmap && !(d->store = breachp_malloc((nk ? nk : 1) * 8)))
        goto out;
    for (size_t l = 0; l < nk; l++) {
        if (dim == BREACH_DIM_REGION) {
            d->label[l] = breach_region_code((breach_region)keys[l]);
            d->number[l] = (int32_t)keys[l];
        } else if (dim == BREACH_DIM_ENTITY_TYPE) {
            d->label[l] = breach_intern_get(ds->strings, keys[l]);
        } else if (dim == BREACH_DIM_VENDOR) {
            d->label[l] = breach_intern_get(ds->strings, breach_sparse_u32(&ds->vendor, first[l]));
        } else {
            char *t = d->store + l * 8;
            if (dim == BREACH_DIM_YEAR)
                snprintf(t, 8, "%04d", (int)keys[l] - 1);
            else
                snprintf(t, 8, "%04d-%02d", (int)(keys[l] - 1) / 12, (int)(keys[l] - 1) % 12 + 1);
            d->label[l] = t;
            d->number[l] = (int32_t)(keys[l] - 1);
        }
    }
    d->label[nk] = "unknown";
    d->kind[nk] = K_UNKNOWN;
    d->nlev = nk + 1;
    for (size_t k = 0; k < nsel; k++) {
        uint32_t l = (uint32_t)nk;
        if (key[k] && nmap && key[k] < nmap)
            l = map[key[k]] - 1;
        else if (key[k] && !nmap) {
            uint32_t *p = bsearch(&key[k], keys, nk, sizeof *keys, cmp_u32);
            l = (uint32_t)(p - keys);
        }
        if (push(d, &cap, &len, l))
            goto out;
        d->off[k + 1] = len;
    }
    rc = 0;
out:
    breachp_free(key);
    breachp_free(keys);
    breachp_free(map);
    breachp_free(first);
    return rc;
}

/* Whether level l is inside n under the options. */
static int inside(const dimlev *d, size_t l, const breach_counts_options *o)
{
    return d->kind[l] == K_COUNTED || (d->kind[l] == K_UNKNOWN && o->include_unknown) ||
           (d->kind[l] == K_NA && o->include_na);
}

/* Whether incident k is in the denominator: a level inside n. */
static int in_n(const dimlev *d, size_t k, const breach_counts_options *o)
{
    for (size_t j = d->off[k]; j < d->off[k + 1]; j++)
        if (inside(d, d->lev[j], o))
            return 1;
    return 0;
}

/* Proportions and intervals of levels over members[0..nm) (incident numbers in the
 * selection): count[l] is given; writes prop/lo/hi per level (stride apart in out). With
 * rec (categories over sources that differ), a bootstrap replicate's proportion of a
 * category is over the drawn notices whose source can state it, as the one-dimension
 * counts do (agg_counts.c), so that recorded_only keeps these intervals. */
static int intervals(const dimlev *d, const uint64_t *rec, const size_t *members, size_t nm,
                     uint64_t n, const uint64_t *count, const breach_counts_options *o,
                     double *prop, double *lo, double *hi, breach_error *err)
{
    for (size_t l = 0; l < d->nlev; l++)
        prop[l] = lo[l] = hi[l] = NAN;
    int st = breach_counts_status_of(n, o);
    if (!(st == BREACH_COUNTS_OK || st == BREACH_COUNTS_FORCED) || n == 0)
        return 0;
    for (size_t l = 0; l < d->nlev; l++) {
        if (!inside(d, l, o))
            continue;
        prop[l] = (double)count[l] / (double)n;
        if (o->ci_method != BREACH_CI_BOOTSTRAP) {
            int rc = breach_proportion_ci(count[l], n, o->ci_method, o->level, &lo[l], &hi[l],
                                          err);
            if (rc)
                return rc;
        }
    }
    if (o->ci_method != BREACH_CI_BOOTSTRAP)
        return 0;
    /* percentile bootstrap: the n members inside n resampled B times (seeded) */
    size_t B = o->replicates;
    if (B < 1 || B > 10000000u)
        return breach_fail(err, BREACH_EINVAL, "bootstrap replicates %zu not in 1 .. 10^7", B);
    if (n > 0xffffffffu)
        return breach_fail(err, BREACH_EINVAL, "bootstrap of more than 2^32 - 1 incidents");
    size_t *mem = breachp_malloc(n * sizeof *mem);
    uint64_t *tally = breachp_malloc(2 * d->nlev * sizeof *tally), *den = tally + d->nlev;
    double *rep = breachp_malloc(B * sizeof *rep);
    double *reps = NULL;
    size_t nin = 0;
    for (size_t l = 0; l < d->nlev; l++)
        nin += (size_t)inside(d, l, o);
    size_t bytes;
    if (!breach_size_mul(B, nin ? nin : 1, &bytes) || !breach_size_mul(bytes, 8, &bytes))
        bytes = (size_t)-1;
    if (bytes != (size_t)-1)
        reps = breachp_malloc(bytes);
    gsl_rng *rng = NULL;
    int rc = BREACH_ENOMEM;
    breach_progress pr;
    int pr_on = 0;
    if (!mem || !tally || !rep || !reps)
        goto done;
    size_t m = 0;
    for (size_t k = 0; k < nm; k++)
        if (in_n(d, members[k], o))
            mem[m++] = members[k];
    if (!(rng = breach_stats_rng(o->seed, err))) {
        rc = err ? err->code : BREACH_ENOMEM;
        goto done;
    }
    /* each column's bootstrap reports on its own (done 0 .. B), and may be cancelled */
    if ((rc = breach_progress_begin(&pr, o->progress, o->progress_ctx, B, "bootstrap", err)))
        goto done;
    pr_on = 1;
    for (size_t b = 0; b < B; b++) {
        memset(tally, 0, 2 * d->nlev * sizeof *tally);
        for (size_t r = 0; r < m; r++) {
            size_t k = mem[gsl_rng_uniform_int(rng, (unsigned long)m)];
            for (size_t j = d->off[k]; j < d->off[k + 1]; j++)
                tally[d->lev[j]]++;
            if (rec)
                breach_levels_tally(den, rec[k]);
        }
        size_t c = 0;
        for (size_t l = 0; l < d->nlev; l++)
            if (inside(d, l, o)) {
                uint64_t dl = rec && d->kind[l] == K_COUNTED ? den[l] : m;
                reps[c++ * B + b] = dl ? (double)tally[l] / (double)dl : NAN;
            }
        if ((rc = breach_progress_step(&pr, b + 1, err)))
            goto done;
    }
    size_t c = 0;
    double alpha = 1 - o->level;
    for (size_t l = 0; l < d->nlev; l++) {
        if (!inside(d, l, o))
            continue;
        /* the replicates that drew a notice able to state the level */
        size_t nv = 0;
        for (size_t b = 0; b < B; b++)
            if (!isnan(reps[c * B + b]))
                rep[nv++] = reps[c * B + b];
        c++;
        if (!nv)
            continue;
        gsl_sort(rep, 1, nv);
        lo[l] = breach_stats_quantile(rep, nv, alpha / 2);
        hi[l] = breach_stats_quantile(rep, nv, 1 - alpha / 2);
    }
    rc = 0;
done:
    if (pr_on && rc == 0)
        breach_progress_end(&pr);
    if (rc == BREACH_ENOMEM)
        breach_fail(err, rc, "out of memory for the bootstrap of proportions");
    if (rng)
        gsl_rng_free(rng);
    breachp_free(mem);
    breachp_free(tally);
    breachp_free(rep);
    breachp_free(reps);
    return rc;
}

/* Takes out of the by dimension's lists the notices whose source can state none of its
 * levels (crec[k] == 0; crec NULL: every source can state some): the loaders give them no
 * level, so they would fill the unknown column, whose shares would then be of notices
 * that could not have said anything (WA's location, HHS's categories). Returns how many. */
static uint64_t not_recorded_out(dimlev *C, const uint64_t *crec, size_t nsel)
{
    uint64_t out = 0;
    size_t w = 0, from = 0;
    for (size_t k = 0; crec && k < nsel; k++) {
        size_t to = C->off[k + 1];
        if (crec[k])
            for (size_t j = from; j < to; j++)
                C->lev[w++] = C->lev[j];
        else
            out++;
        from = to;
        C->off[k + 1] = w;
    }
    return out;
}

/* A vocabulary dimension (types, categories, locations) when the selected notices' sources
 * differ (rec, breach_counts_recordable): each level's denominator is the members inside n
 * whose source can state it, into sub[l] (the unknown level keeps n). A level whose
 * denominator is not n gets its proportion and interval again over that denominator, by
 * Wilson or Jeffreys (the bootstrap's, from intervals(), were drawn over it already), and
 * NaN when no member's source can state it or too few can (the small-sample rules). */
static int recorded_only(const dimlev *d, const uint64_t *rec, const size_t *members, size_t nm,
                         uint64_t n, const uint64_t *count, const breach_counts_options *o,
                         uint64_t *sub, double *prop, double *lo, double *hi, breach_error *err)
{
    for (size_t l = 0; l < d->nlev; l++)
        sub[l] = d->kind[l] == K_COUNTED ? 0 : n;
    for (size_t m = 0; m < nm; m++)
        if (in_n(d, members[m], o))
            breach_levels_tally(sub, rec[members[m]]);
    for (size_t l = 0; l < d->nlev; l++) {
        if (sub[l] == n)
            continue;
        int st = breach_counts_status_of(sub[l], o);
        if (sub[l] == 0 || !(st == BREACH_COUNTS_OK || st == BREACH_COUNTS_FORCED)) {
            prop[l] = lo[l] = hi[l] = NAN;
            continue;
        }
        prop[l] = (double)count[l] / (double)sub[l];
        int rc = o->ci_method == BREACH_CI_BOOTSTRAP
                     ? 0
                     : breach_proportion_ci(count[l], sub[l], o->ci_method, o->level, &lo[l],
                                            &hi[l], err);
        if (rc)
            return rc;
    }
    return 0;
}

/* Row order: count descending then label, the kept-apart levels last (unknown before
 * NA); time levels in time order. */
typedef struct order_ctx {
    const dimlev *d;
    const uint64_t *count;
    int by_time;
} order_ctx;

static int before(const order_ctx *oc, size_t a, size_t b)
{
    const dimlev *d = oc->d;
    if ((d->kind[a] != K_COUNTED) != (d->kind[b] != K_COUNTED))
        return d->kind[a] == K_COUNTED;
    if (d->kind[a] != d->kind[b])
        return d->kind[a] < d->kind[b];
    if (oc->by_time) /* labels of one length, "YYYY" or "YYYY-MM": text order is time */
        return strcmp(d->label[a], d->label[b]) < 0;
    if (oc->count[a] != oc->count[b])
        return oc->count[a] > oc->count[b];
    return strcmp(d->label[a], d->label[b]) < 0;
}

/* Merge sort of idx[0..n) by `before` (stable; qsort has no context argument in C11). */
static void sort_levels(const order_ctx *oc, size_t *idx, size_t *tmp, size_t n)
{
    if (n < 2)
        return;
    size_t h = n / 2;
    sort_levels(oc, idx, tmp, h);
    sort_levels(oc, idx + h, tmp, n - h);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n)
        tmp[k++] = before(oc, idx[j], idx[i]) ? idx[j++] : idx[i++];
    while (i < h)
        tmp[k++] = idx[i++];
    while (j < n)
        tmp[k++] = idx[j++];
    memcpy(idx, tmp, n * sizeof *idx);
}

/* The levels to list, in order, into idx (room for d->nlev): every level of a vocabulary
 * (count 0 included) unless drop_empty, the others' levels with incidents. Returns how
 * many, or (size_t)-1 when out of memory. */
static size_t listed(const dimlev *d, const uint64_t *count, int dim, int drop_empty,
                     size_t *idx)
{
    size_t n = 0;
    for (size_t l = 0; l < d->nlev; l++)
        if (count[l] || (!drop_empty && breach_set_dim(dim) && d->kind[l] == K_COUNTED))
            idx[n++] = l;
    size_t *tmp = breachp_malloc((n ? n : 1) * sizeof *tmp);
    if (!tmp)
        return (size_t)-1;
    order_ctx oc = {d, count, dim == BREACH_DIM_YEAR || dim == BREACH_DIM_MONTH};
    sort_levels(&oc, idx, tmp, n);
    breachp_free(tmp);
    return n;
}

breach_counts *breach_crosstab_compute(const breach_dataset *ds, const breach_filter *f,
                                       const breach_counts_options *o, breach_error *err)
{
    int rc;
    size_t nsel;
    size_t *sel = breach_select(ds, f, 0, &nsel, &rc, err);
    if (rc)
        return NULL;
    int date_field = f ? f->date_field : BREACH_FIELD_EVENT;
    dimlev R, C;
    memset(&R, 0, sizeof R);
    memset(&C, 0, sizeof C);
    breach_counts_impl *im = breachp_calloc(1, sizeof *im);
    breach_counts *c = im ? &im->pub : NULL;
    uint64_t *count = NULL, *ccount = NULL, *rec = NULL, *sub = NULL;
    size_t *ridx = NULL, *cidx = NULL, *members = NULL;
    double *prop = NULL, *lo = NULL, *hi = NULL;
    int has_by = o->by != BREACH_BY_NONE;
    if (!c)
        goto oom;
    c->dimension = o->dimension;
    c->ci_method = o->ci_method;
    c->level = o->level;
    c->by = o->by;
    c->n_incidents = nsel;
    c->independence_status = has_by ? BREACH_INDEP_OK : BREACH_INDEP_NONE;
    c->independence.statistic = c->independence.df = c->independence.p_value =
        c->independence.min_expected = NAN;
    if ((rc = build(ds, sel, nsel, o->dimension, o->field, date_field, &R, err)) ||
        (has_by && (rc = build(ds, sel, nsel, o->by - 1, o->by_field, date_field, &C, err)))) {
        if (rc == BREACH_ENOMEM)
            goto oom;
        goto fail;
    }
    c->multi_valued = R.multi || breach_set_dim(o->dimension) || o->dimension == BREACH_DIM_FIELD;
    c->levels_recorded = UINT64_MAX;
    if (breach_set_dim(o->dimension) &&
        (breach_counts_recordable(ds, o->dimension, sel, nsel, &rec, &c->levels_recorded) ||
         !(sub = breachp_malloc(R.nlev * sizeof *sub))))
        goto oom;
    c->n_not_stated = R.not_stated;
    c->n_not_stated_by = C.not_stated;
    if (has_by && breach_set_dim(o->by - 1)) {
        uint64_t *crec, crecorded;
        if (breach_counts_recordable(ds, o->by - 1, sel, nsel, &crec, &crecorded))
            goto oom;
        c->n_not_stated_by += not_recorded_out(&C, crec, nsel);
        breachp_free(crec);
    }
    /* units, as the one-dimension counts */
    uint64_t n_unit[BREACH_UNIT_COUNT_] = {0};
    for (size_t k = 0; k < nsel; k++)
        n_unit[ds->unit[sel[k]]]++;
    for (int u = 0; u < BREACH_UNIT_COUNT_; u++)
        c->units |= n_unit[u] ? 1u << u : 0;
    c->unit = breach_result_unit(f, n_unit);
    c->n_other_units = nsel - n_unit[c->unit];
    /* rows over every selected incident */
    count = breachp_calloc(R.nlev ? R.nlev : 1, sizeof *count);
    ridx = breachp_malloc((R.nlev ? R.nlev : 1) * sizeof *ridx);
    members = breachp_malloc((nsel ? nsel : 1) * sizeof *members);
    prop = breachp_malloc((R.nlev ? R.nlev : 1) * 3 * sizeof *prop);
    if (!count || !ridx || !members || !prop)
        goto oom;
    lo = prop + R.nlev;
    hi = lo + R.nlev;
    breach_total *tot = NULL;
    for (size_t k = 0; k < nsel; k++) {
        members[k] = k;
        int unk = 0;
        for (size_t j = R.off[k]; j < R.off[k + 1]; j++) {
            count[R.lev[j]]++;
            unk |= R.kind[R.lev[j]] == K_UNKNOWN;
        }
        c->n += (uint64_t)in_n(&R, k, o);
        c->n_unknown += (uint64_t)unk;
    }
    c->status = breach_counts_status_of(c->n, o);
    size_t nrow = 0;
    if (c->status != BREACH_COUNTS_SUPPRESSED &&
        (nrow = listed(&R, count, o->dimension, 0, ridx)) == (size_t)-1)
        goto oom;
    if ((rc = intervals(&R, rec, members, nsel, c->n, count, o, prop, lo, hi, err)) ||
        (rec && (rc = recorded_only(&R, rec, members, nsel, c->n, count, o, sub, prop, lo, hi,
                                    err))))
        goto fail;
    c->rows = breachp_calloc(nrow ? nrow : 1, sizeof *c->rows);
    if (!c->rows)
        goto oom;
    if (sub && !(c->row_n = breachp_malloc((nrow ? nrow : 1) * sizeof *c->row_n)))
        goto oom;
    c->n_rows = nrow;
    for (size_t r = 0; r < nrow; r++) {
        size_t l = ridx[r];
        breach_count_row *row = &c->rows[r];
        row->label = R.label[l];
        row->level = R.number[l];
        row->unknown = R.kind[l] != K_COUNTED;
        row->count = count[l];
        row->proportion = prop[l];
        row->lo = lo[l];
        row->hi = hi[l];
        if (c->row_n)
            c->row_n[r] = rec ? sub[l] : c->n;
    }
    /* affected totals per row and unit (rowof: level -> 1 + its row, 0 when not listed) */
    size_t *rowof = breachp_calloc(R.nlev ? R.nlev : 1, sizeof *rowof);
    if (!rowof)
        goto oom;
    for (size_t r = 0; r < nrow; r++)
        rowof[ridx[r]] = r + 1;
    for (size_t k = 0; k < nsel && nrow; k++) {
        size_t i = sel[k];
        breach_count cnt = {breach_ds_affected(ds, i), ds->qualifier[i]};
        for (size_t j = R.off[k]; j < R.off[k + 1]; j++) {
            if (!rowof[R.lev[j]])
                continue;
            tot = &c->rows[rowof[R.lev[j]] - 1].by_unit[ds->unit[i]];
            if (breach_total_add(tot, cnt)) {
                breachp_free(rowof);
                breach_fail(err, BREACH_EOVERFLOW, "an affected total exceeds 2^64-1");
                goto fail;
            }
        }
    }
    breachp_free(rowof);
    for (size_t r = 0; r < nrow; r++)
        c->rows[r].affected = c->rows[r].by_unit[c->unit];
    if (!has_by || !nrow)
        goto done;

    /* columns: the incidents of each by level */
    ccount = breachp_calloc(C.nlev ? C.nlev : 1, sizeof *ccount);
    cidx = breachp_malloc((C.nlev ? C.nlev : 1) * sizeof *cidx);
    if (!ccount || !cidx)
        goto oom;
    for (size_t k = 0; k < nsel; k++)
        for (size_t j = C.off[k]; j < C.off[k + 1]; j++)
            ccount[C.lev[j]]++;
    /* a vocabulary's empty columns say nothing: only levels with incidents */
    size_t ncol = listed(&C, ccount, o->by - 1, 1, cidx);
    if (ncol == (size_t)-1)
        goto oom;
    c->cols = breachp_calloc(ncol ? ncol : 1, sizeof *c->cols);
    size_t ncell;
    if (!breach_size_mul(nrow, ncol ? ncol : 1, &ncell))
        goto oom;
    c->cells = breachp_calloc(ncell, sizeof *c->cells);
    if (c->row_n && !(c->cell_n = breachp_malloc(ncell * sizeof *c->cell_n)))
        goto oom;
    uint64_t *cellcount = breachp_calloc(R.nlev ? R.nlev : 1, sizeof *cellcount);
    if (!c->cols || !c->cells || !cellcount) {
        breachp_free(cellcount);
        goto oom;
    }
    c->n_cols = ncol;
    for (size_t q = 0; q < ncol; q++) {
        size_t cl = cidx[q];
        breach_count_col *col = &c->cols[q];
        col->label = C.label[cl];
        col->unknown = C.kind[cl] != K_COUNTED;
        size_t nm = 0;
        memset(cellcount, 0, R.nlev * sizeof *cellcount);
        for (size_t k = 0; k < nsel; k++) {
            int hit = 0;
            for (size_t j = C.off[k]; j < C.off[k + 1] && !hit; j++)
                hit = C.lev[j] == cl;
            if (!hit)
                continue;
            members[nm++] = k;
            col->n += (uint64_t)in_n(&R, k, o);
            for (size_t j = R.off[k]; j < R.off[k + 1]; j++)
                cellcount[R.lev[j]]++;
        }
        col->n_incidents = nm;
        col->status = breach_counts_status_of(col->n, o);
        if ((rc = intervals(&R, rec, members, nm, col->n, cellcount, o, prop, lo, hi, err)) ||
            (rec && (rc = recorded_only(&R, rec, members, nm, col->n, cellcount, o, sub, prop,
                                        lo, hi, err)))) {
            breachp_free(cellcount);
            goto fail;
        }
        for (size_t r = 0; r < nrow; r++) {
            breach_count_cell *cell = &c->cells[r * ncol + q];
            size_t l = ridx[r];
            cell->count = cellcount[l];
            cell->proportion = prop[l];
            cell->lo = lo[l];
            cell->hi = hi[l];
            if (c->cell_n)
                c->cell_n[r * ncol + q] = rec ? sub[l] : col->n;
        }
    }
    breachp_free(cellcount);

    /* Pearson's chi-square of independence over the rows and columns inside n */
    if (R.multi || C.multi) {
        c->independence_status = BREACH_INDEP_MULTI_VALUED;
        goto done;
    }
    {
        size_t tr = 0, tc = 0;
        double *rs = breachp_calloc(nrow, sizeof *rs), *cs = breachp_calloc(ncol ? ncol : 1, sizeof *cs);
        if (!rs || !cs) {
            breachp_free(rs);
            breachp_free(cs);
            goto oom;
        }
        double N = 0;
        for (size_t r = 0; r < nrow; r++)
            for (size_t q = 0; q < ncol; q++)
                if (inside(&R, ridx[r], o) && inside(&C, cidx[q], o)) {
                    double x = (double)c->cells[r * ncol + q].count;
                    rs[r] += x;
                    cs[q] += x;
                    N += x;
                }
        for (size_t r = 0; r < nrow; r++)
            tr += rs[r] > 0;
        for (size_t q = 0; q < ncol; q++)
            tc += cs[q] > 0;
        /* a tested cell over fewer notices than its column's n holds zeros that were never
           measured (ransomware among HHS notices): E = row total x column total / N would
           expect what those sources cannot say */
        int gap = 0;
        for (size_t r = 0; r < nrow && c->cell_n; r++)
            for (size_t q = 0; q < ncol; q++)
                gap |= rs[r] > 0 && cs[q] > 0 && c->cell_n[r * ncol + q] != c->cols[q].n;
        if (gap) {
            c->independence_status = BREACH_INDEP_NOT_RECORDED;
        } else if (tr < 2 || tc < 2) {
            c->independence_status = BREACH_INDEP_TOO_SMALL;
        } else {
            double x2 = 0, emin = INFINITY;
            uint64_t cells = 0, low = 0, below1 = 0;
            for (size_t r = 0; r < nrow; r++)
                for (size_t q = 0; q < ncol; q++) {
                    if (!(rs[r] > 0 && cs[q] > 0))
                        continue;
                    double e = rs[r] * cs[q] / N, x = (double)c->cells[r * ncol + q].count;
                    x2 += (x - e) * (x - e) / e;
                    cells++;
                    low += e < 5;
                    below1 += e < 1;
                    if (e < emin)
                        emin = e;
                }
            double df = (double)(tr - 1) * (double)(tc - 1);
            c->independence.statistic = x2;
            c->independence.df = df;
            c->independence.p_value = breach_stats_chisq_sf(x2, df);
            c->independence.min_expected = emin;
            c->n_cells_tested = cells;
            c->n_cells_expected_below_5 = low;
            c->expected_warning = below1 > 0 || (double)low > 0.2 * (double)cells;
        }
        breachp_free(rs);
        breachp_free(cs);
    }
done:
    im->store = R.store; /* year / month labels of rows and columns */
    im->store2 = C.store;
    R.store = C.store = NULL;
    goto out;
oom:
    breach_fail(err, BREACH_ENOMEM, "out of memory counting incidents");
fail:
    breach_counts_free(c);
    c = NULL;
out:
    dimlev_free(&R);
    dimlev_free(&C);
    breachp_free(sel);
    breachp_free(count);
    breachp_free(ccount);
    breachp_free(rec);
    breachp_free(sub);
    breachp_free(ridx);
    breachp_free(cidx);
    breachp_free(members);
    breachp_free(prop);
    return c;
}
