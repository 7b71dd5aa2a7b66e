/* Rows that repeat an earlier row of their own input, found after the load (a format whose
 * rows are parsed on several threads cannot look as it reads: the canonical CSV).
 *
 * The rule is the one the other loaders apply as they read (doc/model.md, "Identity"): a row
 * with an id repeats the first earlier row with that id (with the same content or not: both
 * are kept, and the loader warns); a row without an id repeats an earlier row without one
 * only when every field is the same. Rows that repeat an earlier one word for word are
 * flagged BREACH_FLAG_IDENTICAL.
 *
 * The cost is linear (bench/RESULTS.md has it at 10^7 rows), and its passes keep to what a
 * core's cache holds, where a table or filter of every row's would miss on nearly every
 * row: the identities' hashes (32 bits) are computed once, copied into buckets by their top
 * bits (small enough for the cache), and each bucket alone tells which hash values it holds
 * twice or more. Only the rows with such a value, in most files the repeated ones and a few
 * whose hashes collide, enter the exact table, where the whole identity is compared. The
 * passes are split between the load's threads, by rows or by buckets. */
#include "dataset_private.h"
#include "input_private.h"
#include "parallel_private.h"

#include <stdlib.h>
#include <string.h>

/* Incident i's identity hash: its id's, or for a row without one a hash of the fields that
 * an identical row shares (any identical row has them; the table compares everything).
 */
static uint64_t identity_hash(const breach_dataset *ds, size_t i)
{
    if (ds->id[i]) {
        const char *id = breach_ds_plain(ds, ds->id[i]);
        return breach_hash_bytes(id, strlen(id));
    }
    uint64_t x = (uint64_t)ds->entity_key[i] * 0xFF51AFD7ED558CCDull;
    x ^= ((uint64_t)ds->entity_region[i] << 40) ^ (uint32_t)ds->reported[i];
    x = (x ^ (x >> 33)) * 0xC4CEB9FE1A85EC53ull;
    x ^= breach_ds_affected(ds, i) * 0x9E3779B97F4A7C15ull;
    return breach_hash_bytes((const char *)&x, sizeof x) ^ 1;
}

static int same_str(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

static int same_date(breach_date a, breach_date b)
{
    return a.day == b.day && a.precision == b.precision;
}

static int same_count(breach_count a, breach_count b)
{
    return a.value == b.value && a.qualifier == b.qualifier;
}

/* Whether incidents a and b state the same in every field (the flag of being identical
 * aside). */
static int same_content(const breach_dataset *ds, size_t a, size_t b)
{
    breach_incident x, y;
    if (breach_dataset_get(ds, a, &x, NULL) || breach_dataset_get(ds, b, &y, NULL))
        return 0;
    if (!same_str(x.id, y.id) || !same_str(x.entity, y.entity) ||
        !same_str(x.entity_type, y.entity_type) || !same_str(x.actor, y.actor) ||
        !same_str(x.vendor, y.vendor) || !same_str(x.via, y.via) ||
        !same_str(x.source, y.source) || !same_str(x.summary, y.summary))
        return 0;
    if (x.entity_region != y.entity_region || x.types != y.types ||
        x.categories != y.categories || x.locations != y.locations || x.unit != y.unit ||
        x.business_associate != y.business_associate ||
        (x.flags & ~BREACH_FLAG_IDENTICAL) != (y.flags & ~BREACH_FLAG_IDENTICAL))
        return 0;
    if (!same_date(x.reported, y.reported) || !same_date(x.occurred_start, y.occurred_start) ||
        !same_date(x.occurred_end, y.occurred_end) || !same_date(x.discovered, y.discovered) ||
        !same_count(x.affected, y.affected) || x.n_regions != y.n_regions)
        return 0;
    for (size_t k = 0; k < x.n_regions; k++)
        if (x.regions[k].region != y.regions[k].region ||
            !same_count(x.regions[k].count, y.regions[k].count))
            return 0;
    return 1;
}

/* Whether b has a's identity: the same id (by_id: a has one), or neither has an id and every
 * field is the same. */
static int same_identity(const breach_dataset *ds, size_t a, size_t b, int by_id)
{
    if (by_id)
        return ds->id[b] &&
               strcmp(breach_ds_plain(ds, ds->id[a]), breach_ds_plain(ds, ds->id[b])) == 0;
    return !ds->id[b] && same_content(ds, a, b);
}

/* The exact table of one part: the first row of each identity met twice or more. */
typedef struct entry {
    uint32_t h;     /* the identity's hash */
    uint32_t first; /* its first row: index - first + 1 (0: empty slot) */
} entry;

/* A growing set of 32-bit values (open addressing, 0 stored apart). */
typedef struct set32 {
    uint32_t *v;
    size_t cap, n;
    int zero;
} set32;

/* A slot of a table of cap (a power of 2) slots for hash x, from the product's high half
 * (the low bits of x * c are x's); the set and the exact table both probe from it. */
static size_t home(uint32_t x, size_t cap)
{
    return (size_t)(((uint64_t)x * 0x9E3779B97F4A7C15ull) >> 32) & (cap - 1);
}

/* Puts x; *had: it was there. 0 or BREACH_ENOMEM. */
static int set_put(set32 *s, uint32_t x, int *had)
{
    if (x == 0) {
        *had = s->zero;
        s->zero = 1;
        return 0;
    }
    if ((s->n + 1) * 2 > s->cap) {
        size_t nc = s->cap ? s->cap * 2 : 1024;
        uint32_t *nv = breachp_calloc(nc, sizeof *nv);
        if (!nv)
            return BREACH_ENOMEM;
        for (size_t k = 0; k < s->cap; k++)
            if (s->v[k]) {
                size_t j = home(s->v[k], nc);
                while (nv[j])
                    j = (j + 1) & (nc - 1);
                nv[j] = s->v[k];
            }
        breachp_free(s->v);
        s->v = nv;
        s->cap = nc;
    }
    size_t j = home(x, s->cap);
    while (s->v[j] && s->v[j] != x)
        j = (j + 1) & (s->cap - 1);
    *had = s->v[j] != 0;
    if (!*had) {
        s->v[j] = x;
        s->n++;
    }
    return 0;
}

static int set_has(const set32 *s, uint32_t x)
{
    if (x == 0)
        return s->zero;
    if (!s->cap)
        return 0;
    size_t j = home(x, s->cap);
    while (s->v[j] && s->v[j] != x)
        j = (j + 1) & (s->cap - 1);
    return s->v[j] != 0;
}

static void set_clear(set32 *s)
{
    if (s->v)
        memset(s->v, 0, s->cap * sizeof *s->v);
    s->n = 0;
    s->zero = 0;
}

#define MAX_BUCKET_BITS 12

typedef struct job {
    breach_dataset *ds;
    size_t first, rows;
    uint32_t *hash;   /* by row: the identity's hash (32 bits of it); later the candidates */
    uint32_t *bucket; /* the hashes again, by bucket (their top bucket_bits bits) */
    int bucket_bits;
    size_t count[BREACH_MAX_PARTS][1u << MAX_BUCKET_BITS]; /* each part's rows per bucket,
                                                              then where it writes them */
    size_t bstart[(1u << MAX_BUCKET_BITS) + 1];            /* bucket b: [bstart[b], [b + 1]) */
    unsigned parts;
    int list; /* the caller wants the findings, not only the flags */
    set32 twice[BREACH_MAX_PARTS]; /* each part's hash values met twice or more */
    set32 repeated;                /* all of them */
    size_t ncand[BREACH_MAX_PARTS]; /* each part's candidates (candidates_part) */
    /* each part's findings, by row ascending, and its status */
    breach_repeat *rep[BREACH_MAX_PARTS];
    size_t n_rep[BREACH_MAX_PARTS];
    int rc[BREACH_MAX_PARTS];
} job;

/* Doubles the table. 0 or BREACH_ENOMEM (the table as it was). */
static int grow(entry **t, size_t *cap)
{
    size_t nc = *cap * 2;
    entry *n = breachp_calloc(nc, sizeof *n);
    if (!n)
        return BREACH_ENOMEM;
    for (size_t k = 0; k < *cap; k++) {
        if (!(*t)[k].first)
            continue;
        size_t j = home((*t)[k].h, nc);
        while (n[j].first)
            j = (j + 1) & (nc - 1);
        n[j] = (*t)[k];
    }
    breachp_free(*t);
    *t = n;
    *cap = nc;
    return 0;
}

static unsigned bucket_of(uint32_t h, const job *J)
{
    return J->bucket_bits ? h >> (32 - J->bucket_bits) : 0;
}

/* The part's rows: their hashes, and how many fall in each bucket. */
static void hash_part(void *arg, unsigned part)
{
    job *J = arg;
    size_t lo, hi;
    breach_part_range(J->rows, part, J->parts, &lo, &hi);
    for (size_t r = lo; r < hi; r++) {
        uint32_t h = (uint32_t)identity_hash(J->ds, J->first + r);
        J->hash[r] = h;
        J->count[part][bucket_of(h, J)]++;
    }
}

/* The part's rows' hashes copied to their buckets, where count[part] says it writes. */
static void scatter_part(void *arg, unsigned part)
{
    job *J = arg;
    size_t lo, hi, *at = J->count[part];
    breach_part_range(J->rows, part, J->parts, &lo, &hi);
    for (size_t r = lo; r < hi; r++) {
        uint32_t h = J->hash[r];
        J->bucket[at[bucket_of(h, J)]++] = h;
    }
}

/* The hash values that the part's buckets (a range of them) hold twice or more. */
static void twice_part(void *arg, unsigned part)
{
    job *J = arg;
    size_t nb = (size_t)1 << J->bucket_bits, blo, bhi;
    breach_part_range(nb, part, J->parts, &blo, &bhi);
    set32 seen = {0};
    int rc = 0, had, had2;
    for (size_t b = blo; !rc && b < bhi; b++) {
        set_clear(&seen);
        for (size_t k = J->bstart[b]; !rc && k < J->bstart[b + 1]; k++)
            if (!(rc = set_put(&seen, J->bucket[k], &had)) && had)
                rc = set_put(&J->twice[part], J->bucket[k], &had2);
    }
    breachp_free(seen.v);
    J->rc[part] = rc;
}

/* The candidates among the part's rows: those whose hash value is met twice, their row
 * numbers written over the part's own hashes, in order (a row's number goes where its own
 * hash or an earlier row's was: nothing unread is overwritten); ncand[part] says how many. */
static void candidates_part(void *arg, unsigned part)
{
    job *J = arg;
    size_t lo, hi, m;
    breach_part_range(J->rows, part, J->parts, &lo, &hi);
    m = lo;
    for (size_t r = lo; r < hi; r++) {
        uint32_t h = J->hash[r];
        J->hash[m] = (uint32_t)r;
        m += (size_t)set_has(&J->repeated, h);
    }
    J->ncand[part] = m - lo;
}

/* One part's exact table, of the identities whose hash's low bit is the part's (rows of
 * one identity share it): every part's candidates in row order, hashed again (they are
 * few in most files). */
static void table_part(void *arg, unsigned part)
{
    job *J = arg;
    breach_dataset *ds = J->ds;
    entry *t = NULL;
    breach_repeat *rep = NULL;
    size_t cap = 1024, used = 0, n_rep = 0, rep_cap = 0;
    int rc = BREACH_ENOMEM;
    if (!(t = breachp_calloc(cap, sizeof *t)))
        goto out;
    for (unsigned q = 0; q < J->parts; q++) {
        size_t lo, hi;
        breach_part_range(J->rows, q, J->parts, &lo, &hi);
        for (size_t c = lo; c < lo + J->ncand[q]; c++) {
            size_t r = J->hash[c], i = J->first + r;
            uint32_t h = (uint32_t)identity_hash(ds, i);
            if (h % J->parts != part)
                continue;
            if ((used + 1) * 2 > cap && grow(&t, &cap))
                goto out;
            size_t j = home(h, cap);
            int by_id = ds->id[i] != 0;
            while (t[j].first &&
                   !(t[j].h == h && same_identity(ds, i, J->first + t[j].first - 1, by_id)))
                j = (j + 1) & (cap - 1);
            if (!t[j].first) {
                t[j] = (entry){h, (uint32_t)(r + 1)};
                used++;
                continue;
            }
            size_t e = J->first + t[j].first - 1;
            int same = !by_id || same_content(ds, i, e);
            if (same)
                ds->flags[i] |= BREACH_FLAG_IDENTICAL; /* this part's identity: no other part
                                                          writes the row */
            if (!J->list)
                continue;
            if (breach_grow((void **)&rep, &rep_cap, n_rep + 1, sizeof *rep))
                goto out;
            rep[n_rep++] = (breach_repeat){i, e, r, t[j].first - 1, same};
        }
    }
    rc = 0;
out:
    breachp_free(t);
    if (rc) {
        breachp_free(rep);
        rep = NULL;
        n_rep = 0;
    }
    J->rep[part] = rep;
    J->n_rep[part] = n_rep;
    J->rc[part] = rc;
}

int breach_input_repeats(breach_dataset *ds, unsigned threads, breach_repeat **out, size_t *n_out)
{
    if (out)
        *out = NULL;
    if (n_out)
        *n_out = 0;
    if (!ds->n_inputs)
        return 0;
    size_t first = ds->inputs[ds->n_inputs - 1].first;
    if (ds->n - first < 2)
        return 0;
    if (ds->n - first > UINT32_MAX - 1)
        return BREACH_ELIMIT;
    job *J = breachp_calloc(1, sizeof *J);
    if (!J)
        return BREACH_ENOMEM;
    *J = (job){.ds = ds, .first = first, .rows = ds->n - first, .list = out != NULL};
    J->parts = threads >= BREACH_MAX_PARTS && J->rows / BREACH_MAX_PARTS >= (1u << 16)
                   ? BREACH_MAX_PARTS
                   : 1;
    /* buckets of about 64 Ki hashes (256 KiB: a core's cache holds one and its set) */
    while (J->bucket_bits < MAX_BUCKET_BITS && J->rows >> (J->bucket_bits + 16))
        J->bucket_bits++;
    size_t nb = (size_t)1 << J->bucket_bits, n = 0;
    int rc = BREACH_ENOMEM;
    J->hash = breachp_malloc(J->rows * sizeof *J->hash);
    J->bucket = breachp_malloc(J->rows * sizeof *J->bucket);
    if (!J->hash || !J->bucket)
        goto out;
    breach_parallel(J->parts, hash_part, J);
    for (size_t b = 0, at = 0; b < nb; b++) { /* where each part writes each bucket's */
        J->bstart[b] = at;
        for (unsigned p = 0; p < J->parts; p++) {
            size_t c = J->count[p][b];
            J->count[p][b] = at;
            at += c;
        }
    }
    J->bstart[nb] = J->rows;
    breach_parallel(J->parts, scatter_part, J);
    breach_parallel(J->parts, twice_part, J);
    for (unsigned p = 0; p < J->parts; p++) {
        if (J->rc[p])
            goto out;
        int had;
        if (J->twice[p].zero && set_put(&J->repeated, 0, &had))
            goto out;
        for (size_t k = 0; k < J->twice[p].cap; k++)
            if (J->twice[p].v[k] && set_put(&J->repeated, J->twice[p].v[k], &had))
                goto out;
    }
    breachp_free(J->bucket); /* done with: the table's memory comes after it */
    J->bucket = NULL;
    breach_parallel(J->parts, candidates_part, J);
    breach_parallel(J->parts, table_part, J);
    /* the parts' findings merged by row; every part's or none */
    for (unsigned p = 0; p < J->parts; p++) {
        if (J->rc[p])
            goto out;
        n += J->n_rep[p];
    }
    breach_repeat *rep = NULL;
    if (n && !(rep = breachp_malloc(n * sizeof *rep)))
        goto out;
    size_t at[BREACH_MAX_PARTS] = {0};
    for (size_t k = 0; k < n; k++) {
        unsigned best = J->parts;
        for (unsigned p = 0; p < J->parts; p++)
            if (at[p] < J->n_rep[p] &&
                (best == J->parts || J->rep[p][at[p]].index < J->rep[best][at[best]].index))
                best = p;
        rep[k] = J->rep[best][at[best]++];
    }
    if (out) {
        *out = rep;
        *n_out = n;
    }
    rc = 0;
out:
    for (unsigned p = 0; p < J->parts; p++) {
        breachp_free(J->rep[p]);
        breachp_free(J->twice[p].v);
    }
    breachp_free(J->repeated.v);
    breachp_free(J->hash);
    breachp_free(J->bucket);
    breachp_free(J);
    return rc;
}
