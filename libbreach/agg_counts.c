/* Counts per level of a dimension, with proportions and confidence intervals. */
#include "counts_private.h"
#include "input_private.h"
#include "progress_private.h"
#include "stats_private.h"

#include <gsl/gsl_sort.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void breach_counts_options_init(breach_counts_options *o)
{
    if (!o)
        return;
    memset(o, 0, sizeof *o);
    o->dimension = BREACH_DIM_TYPE;
    o->ci_method = BREACH_CI_WILSON;
    o->level = 0.95;
    o->min_n = 30;
    o->min_n_report = 5;
    o->replicates = 2000;
    o->seed = 1;
}

int breach_proportion_ci(uint64_t x, uint64_t n, int method, double level, double *lo,
                         double *hi, breach_error *err)
{
    if (!lo || !hi)
        return breach_fail(err, BREACH_EINVAL, "no output for the interval");
    *lo = *hi = NAN;
    if (n == 0 || x > n)
        return breach_fail(err, BREACH_EINVAL, "no proportion of %llu in %llu",
                           (unsigned long long)x, (unsigned long long)n);
    if (!breach_stats_level_ok(level))
        return breach_fail(err, BREACH_EINVAL, "confidence level %g is not in (0, 1)", level);
    double dx = (double)x, dn = (double)n;
    if (method == BREACH_CI_WILSON) {
        /* Wilson (1927): the p whose score test at level is not rejected */
        double z = breach_stats_z(level), z2 = z * z;
        double centre = (dx + z2 / 2) / (dn + z2);
        double half = z / (dn + z2) * sqrt(dx * (dn - dx) / dn + z2 / 4);
        *lo = x == 0 ? 0 : fmax(0, centre - half);
        *hi = x == n ? 1 : fmin(1, centre + half);
        return BREACH_OK;
    }
    if (method == BREACH_CI_JEFFREYS) {
        double alpha = 1 - level, a = dx + 0.5, b = dn - dx + 0.5;
        *lo = x == 0 ? 0 : breach_stats_beta_quantile(alpha / 2, a, b);
        *hi = x == n ? 1 : breach_stats_beta_quantile(1 - alpha / 2, a, b);
        if (isnan(*lo) || isnan(*hi))
            return breach_fail(err, BREACH_EINVAL,
                               "the Jeffreys interval for %llu of %llu is beyond GSL's incomplete "
                               "beta function",
                               (unsigned long long)x, (unsigned long long)n);
        return BREACH_OK;
    }
    return breach_fail(err, BREACH_EINVAL, "interval method %d is not Wilson or Jeffreys", method);
}

static int cmp_rows(const void *pa, const void *pb)
{
    const breach_count_row *a = pa, *b = pb;
    if (a->unknown != b->unknown)
        return a->unknown ? 1 : -1;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    return strcmp(a->label, b->label);
}

/* The work of one call: per selected incident its levels (a mask for vocabulary
 * dimensions, an index otherwise; unknown = 0 / -1). */
typedef struct work {
    const breach_dataset *ds;
    const breach_counts_options *o;
    size_t *sel, nsel;
    uint64_t *mask;  /* set dims */
    uint64_t *rec;   /* set dims: the levels each one's source can state (NULL: all) */
    int32_t *lev;    /* single dims */
    size_t nlev;     /* levels, the unknown one not included */
    uint32_t *map;   /* single text dims: string id -> level + 1 */
    size_t *first;   /* single dims: the first incident of each level (for its label) */
} work;

int breach_counts_recordable(const breach_dataset *ds, int d, const size_t *sel, size_t nsel,
                             uint64_t **rec, uint64_t *recorded)
{
    size_t nlev;
    *rec = NULL;
    *recorded = breach_set_dim(d) ? breach_set_levels(d, &nlev) : UINT64_MAX;
    if (!breach_set_dim(d) || !breach_input_stated_partial(ds, d))
        return BREACH_OK;
    if (!(*rec = breachp_malloc((nsel ? nsel : 1) * sizeof **rec)))
        return BREACH_ENOMEM;
    *recorded = 0;
    for (size_t k = 0; k < nsel; k++)
        *recorded |= (*rec)[k] = breach_input_stated_of(ds, d, sel[k]);
    return BREACH_OK;
}

static int classify(work *w, breach_counts *c, breach_error *err)
{
    const breach_dataset *ds = w->ds;
    int d = w->o->dimension;
    if (breach_set_dim(d)) {
        uint64_t valid = breach_set_levels(d, &w->nlev);
        w->mask = breachp_malloc((w->nsel ? w->nsel : 1) * sizeof *w->mask);
        if (!w->mask)
            return BREACH_ENOMEM;
        for (size_t k = 0; k < w->nsel; k++) {
            w->mask[k] = breach_set_of(ds, d, w->sel[k]) & valid;
            c->n_unknown += w->mask[k] == 0;
        }
        return breach_counts_recordable(ds, d, w->sel, w->nsel, &w->rec, &c->levels_recorded);
    }
    w->lev = breachp_malloc((w->nsel ? w->nsel : 1) * sizeof *w->lev);
    if (!w->lev)
        return BREACH_ENOMEM;
    size_t cap = 0, nmap;
    if (d == BREACH_DIM_REGION)
        nmap = (size_t)breach_region_max() + 1;
    else
        nmap = (size_t)breach_intern_count(ds->strings) + 1;
    w->map = breachp_calloc(nmap, sizeof *w->map);
    if (!w->map)
        return BREACH_ENOMEM;
    for (size_t k = 0; k < w->nsel; k++) {
        size_t i = w->sel[k];
        uint32_t key = d == BREACH_DIM_REGION ? ds->entity_region[i]
                       : d == BREACH_DIM_ENTITY_TYPE ? ds->entity_type[i]
                                                      : breach_sparse_u32(&ds->vendor_key, i);
        if (key == 0 || key >= nmap) {
            w->lev[k] = -1;
            c->n_unknown++;
            continue;
        }
        if (!w->map[key]) {
            if (w->nlev >= INT32_MAX)
                return breach_fail(err, BREACH_ELIMIT, "more than 2^31 levels");
            if (breach_grow((void **)&w->first, &cap, w->nlev + 1, sizeof *w->first))
                return BREACH_ENOMEM;
            w->first[w->nlev] = i;
            w->map[key] = (uint32_t)++w->nlev;
        }
        w->lev[k] = (int32_t)w->map[key] - 1;
    }
    return BREACH_OK;
}

static const char *label_of(const work *w, size_t lev)
{
    const breach_dataset *ds = w->ds;
    int d = w->o->dimension;
    if (breach_set_dim(d))
        return breach_set_name(d, lev);
    size_t i = w->first[lev];
    if (d == BREACH_DIM_REGION)
        return breach_region_code(ds->entity_region[i]);
    if (d == BREACH_DIM_ENTITY_TYPE)
        return breach_intern_get(ds->strings, ds->entity_type[i]);
    return breach_intern_get(ds->strings, breach_sparse_u32(&ds->vendor, i));
}

/* Each row's denominator (rows in level order, the unknown row last): n, or for a level
 * of a vocabulary dimension when the sources differ, the notices inside n whose source can
 * state it (0: none can). NULL when out of memory. */
static uint64_t *row_denominators(const work *w, const breach_counts *c, size_t nrow)
{
    uint64_t *rn = breachp_malloc((nrow ? nrow : 1) * sizeof *rn);
    if (!rn)
        return NULL;
    for (size_t r = 0; r < nrow; r++)
        rn[r] = w->rec && r < w->nlev ? 0 : c->n;
    for (size_t k = 0; w->rec && k < w->nsel; k++)
        if (w->mask[k] || w->o->include_unknown)
            breach_levels_tally(rn, w->rec[k]);
    return rn;
}

/* Percentile bootstrap of every level's proportion: the n incidents of the denominator
 * resampled B times (gsl_rng_uniform_int over them, in order). rows[0..nrow) are in level
 * order here, the unknown row (if in n) last. The replicates of at most CHUNK_CELLS
 * (level, replicate) cells are held at once: with more levels, the same seeded resamples
 * are drawn again for each group of levels, so that memory stays bounded and the intervals
 * do not depend on the grouping. */
#define CHUNK_CELLS ((size_t)1 << 22) /* 32 MiB of doubles */

static int bootstrap_rows(const work *w, breach_counts *c, breach_count_row *rows, size_t nrow,
                          breach_error *err)
{
    const breach_counts_options *o = w->o;
    size_t B = o->replicates, members = 0, *mem = NULL;
    double *rep = NULL;
    uint64_t *tally = NULL, *den = NULL;
    gsl_rng *rng = NULL;
    int rc = BREACH_ENOMEM;
    if (B < 1 || B > 10000000u)
        return breach_fail(err, BREACH_EINVAL, "bootstrap replicates %zu not in 1 .. 10^7", B);
    if (c->n > 0xffffffffu)
        return breach_fail(err, BREACH_EINVAL, "bootstrap of more than 2^32 - 1 incidents");
    size_t per = CHUNK_CELLS / B ? CHUNK_CELLS / B : 1; /* levels per pass */
    if (per > nrow)
        per = nrow;
    mem = breachp_malloc((w->nsel ? w->nsel : 1) * sizeof *mem);
    rep = breachp_malloc(per * B * sizeof *rep); /* per * B <= max(CHUNK_CELLS, B): no overflow */
    tally = breachp_malloc((nrow ? nrow : 1) * sizeof *tally);
    den = breachp_malloc((nrow ? nrow : 1) * sizeof *den);
    if (!mem || !rep || !tally || !den)
        goto done;
    int setd = breach_set_dim(o->dimension);
    for (size_t k = 0; k < w->nsel; k++) {
        int known = setd ? w->mask[k] != 0 : w->lev[k] >= 0;
        if (known || o->include_unknown)
            mem[members++] = k;
    }
    if (!(rng = breach_stats_rng(o->seed, err))) {
        rc = err ? err->code : BREACH_ENOMEM;
        goto done;
    }
    size_t unk_row = w->nlev; /* valid when include_unknown */
    double alpha = 1 - o->level;
    breach_progress pr;
    uint64_t passes = nrow ? (nrow + per - 1) / per : 0, done = 0;
    if ((rc = breach_progress_begin(&pr, o->progress, o->progress_ctx, passes * B,
                                    "the bootstrap of proportions", err)))
        goto done;
    for (size_t first = 0; first < nrow; first += per) {
        size_t last = first + per < nrow ? first + per : nrow;
        gsl_rng_set(rng, o->seed); /* the same resamples for every group of levels */
        for (size_t b = 0; b < B; b++) {
            memset(tally, 0, nrow * sizeof *tally);
            memset(den, 0, nrow * sizeof *den);
            for (size_t m = 0; m < members; m++) {
                size_t k = mem[gsl_rng_uniform_int(rng, (unsigned long)members)];
                /* a level's denominator: the drawn notices whose source can state it */
                if (w->rec)
                    breach_levels_tally(den, w->rec[k]);
                if (setd) {
                    if (!w->mask[k])
                        tally[unk_row]++;
                    breach_levels_tally(tally, w->mask[k]);
                } else if (w->lev[k] < 0) {
                    tally[unk_row]++;
                } else {
                    tally[w->lev[k]]++;
                }
            }
            for (size_t r = first; r < last; r++) {
                uint64_t d = w->rec && r < w->nlev ? den[r] : members;
                rep[(r - first) * B + b] = d ? (double)tally[r] / (double)d : NAN;
            }
            if ((rc = breach_progress_step(&pr, ++done, err)))
                goto done;
        }
        for (size_t r = first; r < last; r++) {
            /* the replicates that drew a notice able to state the level */
            double *v = rep + (r - first) * B;
            size_t nv = 0;
            for (size_t b = 0; b < B; b++)
                if (!isnan(v[b]))
                    v[nv++] = v[b];
            if (!nv || isnan(rows[r].proportion))
                continue;
            gsl_sort(v, 1, nv);
            rows[r].lo = breach_stats_quantile(v, nv, alpha / 2);
            rows[r].hi = breach_stats_quantile(v, nv, 1 - alpha / 2);
        }
    }
    breach_progress_end(&pr);
    rc = BREACH_OK;
done:
    if (rc == BREACH_ENOMEM)
        breach_fail(err, rc, "out of memory for the bootstrap of proportions");
    if (rng)
        gsl_rng_free(rng);
    breachp_free(mem);
    breachp_free(rep);
    breachp_free(tally);
    breachp_free(den);
    return rc;
}

static int check_options(const breach_counts_options *o, breach_error *err)
{
    int rc = BREACH_RESERVED_OK(o, 0, "counts options", "breach_counts_options_init", err);
    if (rc)
        return rc;
    if (o->dimension < BREACH_DIM_TYPE || o->dimension > BREACH_DIM_MONTH)
        return breach_fail(err, BREACH_EINVAL, "dimension %d is not a breach_dimension",
                           (int)o->dimension);
    if (o->ci_method < BREACH_CI_WILSON || o->ci_method > BREACH_CI_BOOTSTRAP)
        return breach_fail(err, BREACH_EINVAL, "interval method %d is not a breach_ci_method",
                           (int)o->ci_method);
    if (!breach_stats_level_ok(o->level))
        return breach_fail(err, BREACH_EINVAL, "confidence level %g is not in (0, 1)", o->level);
    if (o->by != BREACH_BY_NONE &&
        (o->by < BREACH_BY(BREACH_DIM_TYPE) || o->by > BREACH_BY(BREACH_DIM_MONTH)))
        return breach_fail(err, BREACH_EINVAL, "by %d is not BREACH_BY_NONE or BREACH_BY(a "
                                               "breach_dimension)", (int)o->by);
    if (o->dimension == BREACH_DIM_FIELD && (!o->field || !*o->field))
        return breach_fail(err, BREACH_EINVAL, "the attribute dimension needs a field");
    if (o->by == BREACH_BY(BREACH_DIM_FIELD) && (!o->by_field || !*o->by_field))
        return breach_fail(err, BREACH_EINVAL, "by an attribute needs a by_field");
    return BREACH_OK;
}

breach_counts *breach_counts_compute(const breach_dataset *ds, const breach_filter *f,
                                     const breach_counts_options *o, breach_error *err)
{
    breach_counts_options defaults;
    if (!o) {
        breach_counts_options_init(&defaults);
        o = &defaults;
    }
    if (!ds) {
        breach_fail(err, BREACH_EINVAL, "no dataset");
        return NULL;
    }
    if (check_options(o, err))
        return NULL;
    if (o->by != BREACH_BY_NONE || o->dimension > BREACH_DIM_VENDOR)
        return breach_crosstab_compute(ds, f, o, err);
    work w;
    memset(&w, 0, sizeof w);
    w.ds = ds;
    w.o = o;
    int rc;
    w.sel = breach_select(ds, f, 0, &w.nsel, &rc, err);
    if (rc)
        return NULL;
    breach_counts *c = breachp_calloc(1, sizeof(breach_counts_impl));
    breach_count_row *rows = NULL;
    uint64_t *row_n = NULL;
    if (!c)
        goto oom;
    c->dimension = o->dimension;
    c->ci_method = o->ci_method;
    c->level = o->level;
    c->multi_valued = breach_set_dim(o->dimension) != 0;
    c->levels_recorded = UINT64_MAX; /* vocabulary dims: what the sources can state (classify) */
    c->n_incidents = w.nsel;
    c->independence_status = BREACH_INDEP_NONE;
    c->independence.statistic = c->independence.df = c->independence.p_value =
        c->independence.min_expected = NAN;
    /* the unit of the rows' affected totals; the others are kept apart in by_unit */
    uint64_t n_unit[BREACH_UNIT_COUNT_] = {0};
    for (size_t k = 0; k < w.nsel; k++)
        n_unit[ds->unit[w.sel[k]]]++;
    for (int u = 0; u < BREACH_UNIT_COUNT_; u++)
        c->units |= n_unit[u] ? 1u << u : 0;
    c->unit = breach_result_unit(f, n_unit);
    c->n_other_units = w.nsel - n_unit[c->unit];
    if ((rc = classify(&w, c, err))) {
        if (rc == BREACH_ENOMEM)
            goto oom;
        goto fail;
    }
    c->n = o->include_unknown ? c->n_incidents : c->n_incidents - c->n_unknown;
    if (c->n < o->min_n_report)
        c->status = BREACH_COUNTS_SUPPRESSED;
    else if (c->n < o->min_n)
        c->status = o->force ? BREACH_COUNTS_FORCED : BREACH_COUNTS_SMALL_N;
    else
        c->status = BREACH_COUNTS_OK;
    if (c->status == BREACH_COUNTS_SUPPRESSED)
        goto done;
    /* rows in level order, then the unknown row */
    size_t nrow = w.nlev + (c->n_unknown > 0 || o->include_unknown);
    rows = breachp_calloc(nrow ? nrow : 1, sizeof *rows);
    if (!rows)
        goto oom;
    for (size_t l = 0; l < w.nlev; l++) {
        rows[l].label = label_of(&w, l);
        rows[l].level = breach_set_dim(o->dimension) ? (int32_t)l
                        : o->dimension == BREACH_DIM_REGION
                            ? (int32_t)ds->entity_region[w.first[l]]
                            : -1;
    }
    if (nrow > w.nlev) {
        rows[w.nlev].label = "unknown";
        rows[w.nlev].level = -1;
        rows[w.nlev].unknown = true;
    }
    for (size_t k = 0; k < w.nsel; k++) {
        size_t i = w.sel[k];
        breach_count cnt = {breach_ds_affected(ds, i), ds->qualifier[i]};
        int u = ds->unit[i];
        if (breach_set_dim(o->dimension)) {
            uint64_t s = w.mask[k];
            if (!s) { /* then the unknown row exists */
                rows[w.nlev].count++;
                if (breach_total_add(&rows[w.nlev].by_unit[u], cnt))
                    goto overflow;
            }
            for (size_t l = 0; s; l++, s >>= 1)
                if (s & 1) {
                    rows[l].count++;
                    if (breach_total_add(&rows[l].by_unit[u], cnt))
                        goto overflow;
                }
        } else {
            size_t l = w.lev[k] < 0 ? w.nlev : (size_t)w.lev[k];
            rows[l].count++;
            if (breach_total_add(&rows[l].by_unit[u], cnt))
                goto overflow;
        }
    }
    for (size_t r = 0; r < nrow; r++)
        rows[r].affected = rows[r].by_unit[c->unit];
    int give = (c->status == BREACH_COUNTS_OK || c->status == BREACH_COUNTS_FORCED) && c->n > 0;
    /* rows inside n: every level, and the unknown row with include_unknown */
    size_t in_n = o->include_unknown ? nrow : w.nlev;
    if (breach_set_dim(o->dimension) && !(row_n = row_denominators(&w, c, nrow)))
        goto oom;
    for (size_t r = 0; r < nrow; r++)
        rows[r].proportion = rows[r].lo = rows[r].hi = NAN;
    if (give) {
        for (size_t r = 0; r < in_n; r++) {
            uint64_t n = row_n ? row_n[r] : c->n;
            int st = breach_counts_status_of(n, o);
            if (n == 0 || (st != BREACH_COUNTS_OK && st != BREACH_COUNTS_FORCED))
                continue; /* not recorded by these sources, or too few that could say */
            rows[r].proportion = (double)rows[r].count / (double)n;
            if (o->ci_method != BREACH_CI_BOOTSTRAP &&
                (rc = breach_proportion_ci(rows[r].count, n, o->ci_method, o->level,
                                           &rows[r].lo, &rows[r].hi, err)))
                goto fail;
        }
        if (o->ci_method == BREACH_CI_BOOTSTRAP && in_n > 0 &&
            (rc = bootstrap_rows(&w, c, rows, in_n, err)))
            goto fail;
    }
    if (nrow > 1) /* qsort's base may not be NULL, even for no element */
    qsort(rows, nrow, sizeof *rows, cmp_rows);
    if (row_n) { /* in the rows' order: a vocabulary row's level is its place before */
        uint64_t *sorted = breachp_malloc(nrow * sizeof *sorted);
        if (!sorted)
            goto oom;
        for (size_t r = 0; r < nrow; r++)
            sorted[r] = row_n[rows[r].unknown ? w.nlev : (size_t)rows[r].level];
        breachp_free(row_n);
        row_n = sorted;
    }
    c->rows = rows;
    c->n_rows = nrow;
    c->row_n = row_n;
    rows = NULL;
    row_n = NULL;
done:
    breachp_free(w.sel);
    breachp_free(w.mask);
    breachp_free(w.rec);
    breachp_free(w.lev);
    breachp_free(w.map);
    breachp_free(w.first);
    return c;
overflow:
    breach_fail(err, BREACH_EOVERFLOW, "an affected total exceeds 2^64-1");
    goto fail;
oom:
    breach_fail(err, BREACH_ENOMEM, "out of memory counting incidents");
fail:
    breachp_free(rows);
    breachp_free(row_n);
    breachp_free(w.sel);
    breachp_free(w.mask);
    breachp_free(w.rec);
    breachp_free(w.lev);
    breachp_free(w.map);
    breachp_free(w.first);
    breach_counts_free(c);
    return NULL;
}

void breach_counts_free(breach_counts *c)
{
    if (!c)
        return;
    breachp_free(c->rows);
    breachp_free(c->row_n);
    breachp_free(c->cell_n);
    breachp_free(c->cols);
    breachp_free(c->cells);
    breachp_free(((breach_counts_impl *)c)->store);
    breachp_free(((breach_counts_impl *)c)->store2);
    breachp_free(c);
}
