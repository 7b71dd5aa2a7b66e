/* Rows that repeat an earlier row of their own input, found after the load (a format whose
 * rows are parsed on several threads cannot look as it reads: the canonical CSV).
 *
 * The rule is the one the other loaders apply as they read (doc/model.md, "Identity"): a row
 * with an id repeats the first earlier row with that id (with the same content or not: both
 * are kept, and the loader warns); a row without an id repeats an earlier row without one
 * only when every field is the same. Rows that repeat an earlier one word for word are
 * flagged BREACH_FLAG_IDENTICAL.
 *
 * The cost is linear (bench/RESULTS.md has it at 10^7 rows): the identities' hashes once,
 * then two passes over them through a filter of two bits a slot (eight slots a row at
 * least), which finds the slots met more than once; only their rows enter an exact table,
 * where the full identity is compared. Most rows of most files have an identity of their
 * own and never reach the table. The passes are split between the load's threads by
 * ranges of the filter's slots. */
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

typedef struct job {
    breach_dataset *ds;
    size_t first, rows;
    uint32_t *hash;   /* by row: the identity's hash (32 bits of it) */
    uint64_t *filter; /* two bits a slot: met once, met twice or more */
    size_t slots;     /* a power of two */
    unsigned parts;
    int list; /* the caller wants the findings, not only the flags */
    /* each part's findings, by row ascending, and its status */
    breach_repeat *rep[BREACH_MAX_PARTS];
    size_t n_rep[BREACH_MAX_PARTS];
    int rc[BREACH_MAX_PARTS];
} job;

/* A table slot from the product's high half: the rows in a table share low bits of their
 * hash with another row (their filter slot), which the product's low bits would keep. */
static size_t home(uint32_t h, size_t cap)
{
    return (size_t)(((uint64_t)h * 0x9E3779B97F4A7C15ull) >> 32) & (cap - 1);
}

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

/* Which part filter slot s belongs to: parts split the slots in equal ranges, each a whole
 * number of the filter's words (slots >= 64 >= 32 * BREACH_MAX_PARTS), so that each part
 * writes only words of its own. Rows of one identity share a slot, hence a part and its
 * table. */
static unsigned part_of(size_t s, const job *J) { return (unsigned)(s / (J->slots / J->parts)); }

static void hash_part(void *arg, unsigned part)
{
    job *J = arg;
    size_t lo, hi;
    breach_part_range(J->rows, part, J->parts, &lo, &hi);
    for (size_t r = lo; r < hi; r++)
        J->hash[r] = (uint32_t)identity_hash(J->ds, J->first + r);
}

static void filter_part(void *arg, unsigned part)
{
    job *J = arg;
    for (size_t r = 0; r < J->rows; r++) {
        size_t s = J->hash[r] & (J->slots - 1);
        if (part_of(s, J) != part)
            continue;
        uint64_t *w = &J->filter[s >> 5], once = 1ull << (2 * (s & 31));
        *w |= *w & once ? once << 1 : once;
    }
}

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
    for (size_t r = 0; r < J->rows; r++) {
        uint32_t h = J->hash[r];
        size_t s = h & (J->slots - 1);
        if (part_of(s, J) != part || !((J->filter[s >> 5] >> (2 * (s & 31) + 1)) & 1))
            continue;
        if ((used + 1) * 2 > cap && grow(&t, &cap))
            goto out;
        size_t i = J->first + r, j = home(h, cap);
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
            ds->flags[i] |= BREACH_FLAG_IDENTICAL; /* a row of this part's: no other writes it */
        if (!J->list)
            continue;
        if (breach_grow((void **)&rep, &rep_cap, n_rep + 1, sizeof *rep))
            goto out;
        rep[n_rep++] = (breach_repeat){i, e, r, t[j].first - 1, same};
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

_Static_assert(64 / BREACH_MAX_PARTS % 32 == 0, "a part's slots are whole filter words");

int breach_input_repeats(breach_dataset *ds, unsigned threads, breach_repeat **out, size_t *n_out)
{
    if (out)
        *out = NULL;
    if (n_out)
        *n_out = 0;
    if (!ds->n_inputs)
        return 0;
    job J = {.ds = ds, .first = ds->inputs[ds->n_inputs - 1].first, .list = out != NULL};
    J.rows = ds->n - J.first;
    if (J.rows < 2)
        return 0;
    if (J.rows > UINT32_MAX - 1)
        return BREACH_ELIMIT;
    /* slots for at least eight times the rows: a row shares its slot with another
       identity about one time in eight, and only then enters a table for nothing */
    J.slots = 64;
    while (J.slots < J.rows * 8)
        J.slots *= 2;
    J.parts = threads >= BREACH_MAX_PARTS && J.rows / BREACH_MAX_PARTS >= (1u << 16)
                  ? BREACH_MAX_PARTS
                  : 1;
    J.hash = breachp_malloc(J.rows * sizeof *J.hash);
    J.filter = breachp_calloc(J.slots / 32, sizeof *J.filter);
    int rc = BREACH_ENOMEM;
    if (!J.hash || !J.filter)
        goto out;
    breach_parallel(J.parts, hash_part, &J);
    breach_parallel(J.parts, filter_part, &J);
    breach_parallel(J.parts, table_part, &J);
    /* the parts' findings merged by row; every part's or none */
    size_t n = 0;
    for (unsigned p = 0; p < J.parts; p++) {
        if (J.rc[p])
            goto out;
        n += J.n_rep[p];
    }
    breach_repeat *rep = NULL;
    if (n && !(rep = breachp_malloc(n * sizeof *rep)))
        goto out;
    size_t at[BREACH_MAX_PARTS] = {0};
    for (size_t k = 0; k < n; k++) {
        unsigned best = J.parts;
        for (unsigned p = 0; p < J.parts; p++)
            if (at[p] < J.n_rep[p] &&
                (best == J.parts || J.rep[p][at[p]].index < J.rep[best][at[best]].index))
                best = p;
        rep[k] = J.rep[best][at[best]++];
    }
    if (out) {
        *out = rep;
        *n_out = n;
    }
    rc = 0;
out:
    for (unsigned p = 0; p < J.parts; p++)
        breachp_free(J.rep[p]);
    breachp_free(J.hash);
    breachp_free(J.filter);
    return rc;
}
