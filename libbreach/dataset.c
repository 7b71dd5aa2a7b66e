/* Datasets: append-only columns of incidents with interned strings.
 *
 * Memory: a column's storage is always zero where nothing was written, and a value equal
 * to the column's default (no string, no date, no flag: all stored as 0) is not written.
 * Large columns (from COL_MAP_MIN bytes) are anonymous mappings grown with mremap, whose
 * pages the system provides as zeros on first touch: a column no row fills (actor,
 * summary, categories... in most files) costs no resident memory at all, and growing a
 * column copies nothing. */
#define _GNU_SOURCE /* mremap */
#include "dataset_private.h"
#include "attr_private.h"
#include "input_private.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

breach_dataset *breach_dataset_new(breach_error *err)
{
    breach_dataset *ds = breachp_calloc(1, sizeof *ds);
    if (ds)
        ds->strings = breach_intern_new();
    if (!ds || !ds->strings) {
        breachp_free(ds);
        breach_fail(err, BREACH_ENOMEM, "out of memory creating a dataset");
        return NULL;
    }
    return ds;
}

/* Every column, for growing and freeing them alike. */
#define BREACH_COLUMNS(X)                                                                      \
    X(id) X(entity) X(entity_key) X(entity_type) X(source) X(summary) X(entity_region)        \
    X(types) X(categories) X(locations) X(reported) X(occurred_start) X(occurred_end)         \
    X(discovered) X(affected) X(qualifier) X(unit) X(business_associate) X(flags)
/* Every sparse column, with the size of its values. */
#define BREACH_SPARSE(X)                                                                       \
    X(actor, 4) X(vendor, 4) X(vendor_key, 4) X(via, 4) X(via_key, 4)                         \
    X(affected_big, 8) X(regions, sizeof(struct breach_region_ref))

/* A block of regional counts; blocks never move once allocated. */
typedef struct breach_region_block {
    struct breach_region_block *next;
    size_t used, cap;
    breach_region_count items[];
} breach_region_block;

#define REGION_BLOCK_MIN 256
#define REGION_BLOCK_MAX 65536

/* Room for n entries in the newest block, or NULL when out of memory. */
static breach_region_count *region_room(breach_dataset *ds, size_t n)
{
    breach_region_block *b = ds->blocks;
    if (!b || b->cap - b->used < n) {
        size_t cap = b ? b->cap * 2 : REGION_BLOCK_MIN;
        if (cap > REGION_BLOCK_MAX)
            cap = REGION_BLOCK_MAX;
        if (cap < n)
            cap = n;
        breach_region_block *nb = breachp_malloc(sizeof *nb + cap * sizeof nb->items[0]);
        if (!nb)
            return NULL;
        nb->next = b;
        nb->used = 0;
        nb->cap = cap;
        ds->blocks = b = nb;
    }
    return b->items + b->used;
}

/* Column numbers, in BREACH_COLUMNS order, for col_cap[]. */
enum {
#define COL_ENUM(c) COLI_##c,
    BREACH_COLUMNS(COL_ENUM)
#undef COL_ENUM
        COLI_COUNT_
};
_Static_assert(COLI_COUNT_ == sizeof ((breach_dataset *)0)->col_cap /
                                 sizeof ((breach_dataset *)0)->col_cap[0],
               "col_cap has one entry a column");

_Static_assert(BREACH_TYPE_COUNT_ <= 8 && BREACH_LOC_COUNT_ <= 8 && BREACH_CAT_COUNT_ <= 32,
               "the set columns' widths in dataset_private.h hold every vocabulary bit");

#define COL_MAP_MIN ((size_t)1 << 20)

/* Grows a column from old to new bytes (new > old), the added bytes zero. */
static int col_grow(void **p, size_t old, size_t new)
{
    if (new < COL_MAP_MIN) {
        char *q = breachp_realloc(*p, new);
        if (!q)
            return BREACH_ENOMEM;
        memset(q + old, 0, new - old);
        *p = q;
        return 0;
    }
#ifdef MREMAP_MAYMOVE
    if (old >= COL_MAP_MIN) {
        void *q = mremap(*p, old, new, MREMAP_MAYMOVE);
        if (q == MAP_FAILED)
            return BREACH_ENOMEM;
        *p = q;
        return 0;
    }
#endif
    void *q = mmap(NULL, new, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (q == MAP_FAILED)
        return BREACH_ENOMEM;
    if (old)
        memcpy(q, *p, old);
    if (old >= COL_MAP_MIN)
        munmap(*p, old);
    else
        breachp_free(*p);
    *p = q;
    return 0;
}

static void col_free(void *p, size_t bytes)
{
    if (bytes >= COL_MAP_MIN)
        munmap(p, bytes);
    else
        breachp_free(p);
}

/* Room in a sparse column's words for rows (a multiple of 32). */
static int sparse_grow_rows(breach_sparse *s, size_t rows)
{
    void *p = s->words;
    if (col_grow(&p, s->rows / 32 * sizeof *s->words, rows / 32 * sizeof *s->words))
        return BREACH_ENOMEM;
    s->words = p;
    s->rows = rows;
    return 0;
}

/* Room for one more value of vsize bytes. */
static int sparse_room(breach_sparse *s, size_t vsize)
{
    if (s->k >= UINT32_MAX) /* the words count values in 32 bits */
        return BREACH_ELIMIT;
    if (s->k < s->vcap)
        return 0;
    size_t ncap = s->vcap ? s->vcap * 2 : 64;
    void *p = s->vals;
    if (col_grow(&p, s->vcap * vsize, ncap * vsize))
        return BREACH_ENOMEM;
    s->vals = p;
    s->vcap = ncap;
    return 0;
}

/* Row i's value (rows come in ascending order; sparse_room made room). */
static void sparse_set(breach_sparse *s, size_t i, const void *v, size_t vsize)
{
    uint64_t *w = &s->words[i / 32];
    if (!*w) /* the word's first value: the values so far are all that come before it */
        *w = (uint64_t)s->k << 32;
    *w |= (uint64_t)1 << (i % 32);
    memcpy((char *)s->vals + s->k++ * vsize, v, vsize);
}

static void sparse_free(breach_sparse *s, size_t vsize)
{
    col_free(s->words, s->rows / 32 * sizeof *s->words);
    col_free(s->vals, s->vcap * vsize);
}

void breach_dataset_free(breach_dataset *ds)
{
    if (!ds)
        return;
#define FREE_COL(c) col_free((void *)ds->c, ds->col_cap[COLI_##c] * sizeof *ds->c);
    BREACH_COLUMNS(FREE_COL)
#undef FREE_COL
#define FREE_SPARSE(c, size) sparse_free(&ds->c, size);
    BREACH_SPARSE(FREE_SPARSE)
#undef FREE_SPARSE
    breach_region_block *b = ds->blocks;
    while (b) {
        breach_region_block *next = b->next;
        breachp_free(b);
        b = next;
    }
    breach_intern_free(ds->strings);
    breach_intern_free(ds->plain);
    breach_attrs_free(ds->attrs);
    breach_input_free_all(ds);
    breachp_free(ds);
}

size_t breach_dataset_size(const breach_dataset *ds) { return ds ? ds->n : 0; }

static int grow_columns(breach_dataset *ds, size_t need)
{
    if (need <= ds->cap)
        return 0;
    size_t ncap = ds->cap ? ds->cap : 64;
    while (ncap < need) {
        if (ncap > (size_t)-1 / 4)
            return BREACH_ENOMEM;
        ncap *= 2;
    }
    size_t bytes;
#define GROW_COL(c)                                                                            \
    if (ds->col_cap[COLI_##c] < ncap) {                                                        \
        void *p = (void *)ds->c;                                                               \
        if (!breach_size_mul(ncap, sizeof *ds->c, &bytes) ||                                   \
            col_grow(&p, ds->col_cap[COLI_##c] * sizeof *ds->c, bytes))                       \
            return BREACH_ENOMEM;                                                              \
        ds->c = p;                                                                             \
        ds->col_cap[COLI_##c] = ncap;                                                          \
    }
    BREACH_COLUMNS(GROW_COL)
#undef GROW_COL
#define GROW_SPARSE(c, size)                                                                   \
    if (ds->c.rows < ncap && sparse_grow_rows(&ds->c, ncap))                                   \
        return BREACH_ENOMEM;
    BREACH_SPARSE(GROW_SPARSE)
#undef GROW_SPARSE
    ds->cap = ncap;
    return 0;
}

/* A column back from the room it has now for cap rows to the old_cap it had before (old_cap <
 * cap), after a reservation that could not be had whole. A column that held under
 * COL_MAP_MIN bytes before and cannot have that block again keeps its mapping (correct, only
 * larger). */
static void col_give_back(void **p, size_t *cap, size_t old_cap, size_t elsize)
{
    size_t now = *cap * elsize, old = old_cap * elsize;
    if (now < COL_MAP_MIN) { /* from the allocator, before and now */
        char *q = old ? breachp_realloc(*p, old) : NULL;
        if (old && !q)
            return;
        if (!old)
            breachp_free(*p);
        *p = q;
    } else if (old >= COL_MAP_MIN) { /* mapped before and now: its end unmapped */
        size_t page = (size_t)sysconf(_SC_PAGESIZE), keep = (old + page - 1) / page * page;
        if (keep < now)
            munmap((char *)*p + keep, now - keep);
    } else { /* mapped only now */
        char *q = old ? breachp_malloc(old) : NULL;
        if (old && !q)
            return;
        if (old)
            memcpy(q, *p, old);
        munmap(*p, now);
        *p = q;
    }
    *cap = old_cap;
}

int breach_dataset_reserve(breach_dataset *ds, size_t rows, size_t names)
{
    if (rows > ((size_t)1 << 32) || names > ((size_t)1 << 32))
        return 0; /* an estimate that large is no estimate: grow as rows come */
    /* the names' table first: laid out again, every name is placed again; a column grows
       in place */
    int rc = breach_intern_reserve(ds->strings, names);
    size_t was[COLI_COUNT_];
    memcpy(was, ds->col_cap, sizeof was);
    int crc = grow_columns(ds, ds->n + rows);
    if (crc) {
        /* all or nothing: what grew is given back, so that a reservation refused (a guess
           from short first rows, a limit on the address space) leaves the room it took
           for the rows that do come */
#define GIVE_BACK(c)                                                                           \
    if (ds->col_cap[COLI_##c] > was[COLI_##c]) {                                               \
        void *p = (void *)ds->c;                                                               \
        col_give_back(&p, &ds->col_cap[COLI_##c], was[COLI_##c], sizeof *ds->c);               \
        ds->c = p;                                                                             \
    }
        BREACH_COLUMNS(GIVE_BACK)
#undef GIVE_BACK
    }
    return rc ? rc : crc;
}

size_t breach_dataset_names(const breach_dataset *ds) { return breach_intern_count(ds->strings); }

void breach_row_prepare(breach_row_prep *p, const char *s, size_t len, char *buf, size_t size)
{
    p->ok = p->checked = 0;
    if (!s || !len)
        return;
    size_t klen = breach_entity_key(s, len, buf, size);
    if (klen >= size) /* too long for buf, or no memory: the dataset folds it */
        return;
    p->key = buf;
    p->klen = klen;
    p->khash = klen ? breach_hash_bytes(buf, klen) : 0;
    p->ok = 1;
}

void breach_dataset_prefetch(const breach_dataset *ds, const breach_row_prep *p, int step)
{
    if (!p->ok)
        return;
    if (p->klen)
        breach_intern_prefetch_step(ds->strings, p->khash, step);
}

/* The key cache's slot of a string id. */
static struct breach_key_cache *key_slot(breach_dataset *ds, uint32_t sid)
{
    return &ds->key_cache[sid & (sizeof ds->key_cache / sizeof ds->key_cache[0] - 1)];
}

/* Interns the key of the name s[0..len) (NULL: none): prepared (p: folded and hashed
 * already by the loader) or folded here; 0 or BREACH_ENOMEM / BREACH_ELIMIT. *k is 0 for
 * no name or an empty key (a name of punctuation only: no usable name, like none). */
static int put_key(breach_dataset *ds, const char *s, size_t len, const breach_row_prep *p,
                   uint32_t *k)
{
    *k = 0;
    if (!s)
        return 0;
    if (p)
        return p->klen ? breach_intern_put_hashed(ds->strings, p->key, p->klen, p->khash, k, NULL)
                       : 0;
    char stack[512];
    size_t klen = breach_entity_key(s, len, stack, sizeof stack);
    if (klen == (size_t)-1)
        return BREACH_ENOMEM;
    const char *key = stack;
    char *heap = NULL;
    if (klen >= sizeof stack) {
        if (!(heap = breachp_malloc(klen + 1)))
            return BREACH_ENOMEM;
        breach_entity_key(s, len, heap, klen + 1);
        key = heap;
    }
    int rc = klen ? breach_intern_put(ds->strings, key, klen, k, NULL) : 0;
    breachp_free(heap);
    return rc;
}

/* Through the cache of recent names. */
int breach_dataset_key_id(breach_dataset *ds, uint32_t sid, uint32_t *kid)
{
    *kid = 0;
    if (sid == 0)
        return 0;
    struct breach_key_cache *slot = key_slot(ds, sid);
    if (slot->sid != sid) {
        uint32_t k;
        const char *s = breach_intern_get(ds->strings, sid);
        int rc = put_key(ds, s, strlen(s), NULL, &k);
        if (rc)
            return rc;
        slot->sid = sid;
        slot->kid = k ? k : UINT32_MAX;
    }
    *kid = slot->kid == UINT32_MAX ? 0 : slot->kid;
    return 0;
}

static int check_string(const char *s, const char *field, breach_error *err)
{
    if (!s)
        return BREACH_OK;
    size_t bad;
    size_t len = strlen(s);
    if (!breach_utf8_valid(s, len, &bad))
        return breach_fail(err, BREACH_EENCODING, "%s is not valid UTF-8 (byte %zu)", field, bad + 1);
    return BREACH_OK;
}

static int check_count(breach_count c, const char *field, breach_error *err)
{
    if (c.qualifier < BREACH_COUNT_UNKNOWN || c.qualifier > BREACH_COUNT_ESTIMATED)
        return breach_fail(err, BREACH_EINVAL, "%s has an invalid qualifier %d", field,
                           (int)c.qualifier);
    if (c.qualifier == BREACH_COUNT_UNKNOWN && c.value != 0)
        return breach_fail(err, BREACH_EINVAL, "%s is unknown but has a value", field);
    return BREACH_OK;
}

/* lens: NULL, or the strings' lengths already checked as UTF-8 (breach_dataset_add_text) */
static int validate(const breach_incident *in, const size_t *lens, breach_error *err);

int breach_incident_check(const breach_incident *in, const size_t *lens, breach_error *err)
{
    return validate(in, lens, err);
}

static int validate(const breach_incident *in, const size_t *lens, breach_error *err)
{
    int rc;
    const struct {
        const char *s, *name;
    } strs[] = {{in->id, "id"},         {in->entity, "entity"}, {in->entity_type, "entity_type"},
                {in->actor, "actor"},   {in->vendor, "vendor"}, {in->via, "via"},
                {in->source, "source"}, {in->summary, "summary"}};
    for (size_t i = 0; !lens && i < sizeof strs / sizeof strs[0]; i++)
        if ((rc = check_string(strs[i].s, strs[i].name, err)) != BREACH_OK)
            return rc;
    if (in->entity_region > breach_region_max())
        return breach_fail(err, BREACH_EINVAL, "entity_region %u does not exist",
                           (unsigned)in->entity_region);
    if (in->types >> BREACH_TYPE_COUNT_)
        return breach_fail(err, BREACH_EINVAL, "types has bits outside the vocabulary");
    if (in->categories >> BREACH_CAT_COUNT_)
        return breach_fail(err, BREACH_EINVAL, "categories has bits outside the vocabulary");
    if (in->locations >> BREACH_LOC_COUNT_)
        return breach_fail(err, BREACH_EINVAL, "locations has bits outside the vocabulary");
    if ((rc = breach_date_check(in->reported, "reported", err)) ||
        (rc = breach_date_check(in->occurred_start, "occurred_start", err)) ||
        (rc = breach_date_check(in->occurred_end, "occurred_end", err)) ||
        (rc = breach_date_check(in->discovered, "discovered", err)))
        return rc;
    if (breach_date_is_known(in->occurred_start) && breach_date_is_known(in->occurred_end) &&
        breach_date_last_day(in->occurred_end) < in->occurred_start.day)
        return breach_fail(err, BREACH_EINCONSISTENT, "occurred_end is before occurred_start");
    if ((rc = check_count(in->affected, "affected", err)))
        return rc;
    if (in->unit < 0 || in->unit >= BREACH_UNIT_COUNT_)
        return breach_fail(err, BREACH_EINVAL, "unit %d is not a breach_unit", (int)in->unit);
    if (in->business_associate < BREACH_TRI_UNKNOWN || in->business_associate > BREACH_TRI_YES)
        return breach_fail(err, BREACH_EINVAL, "business_associate must be -1, 0 or 1");
    if (in->flags & ~(uint32_t)(BREACH_FLAG_SEPARATE | BREACH_FLAG_IDENTICAL |
                                 BREACH_FLAG_PLACEHOLDER))
        return breach_fail(err, BREACH_EINVAL, "unknown flags 0x%x", (unsigned)in->flags);
    if (in->n_regions && !in->regions)
        return breach_fail(err, BREACH_EINVAL, "n_regions is %zu but regions is NULL", in->n_regions);
    if (in->n_regions > breach_region_max()) /* more entries than regions: some repeat */
        return breach_fail(err, BREACH_EINCONSISTENT, "%zu region entries, more than there are regions",
                           in->n_regions);
    /* the whole's upper bound, when it has one */
    int bounded = in->affected.qualifier == BREACH_COUNT_EXACT ||
                  in->affected.qualifier == BREACH_COUNT_AT_MOST;
    for (size_t i = 0; i < in->n_regions; i++) {
        const breach_region_count *rc_ = &in->regions[i];
        if (rc_->region == BREACH_REGION_NONE || rc_->region > breach_region_max())
            return breach_fail(err, BREACH_EINVAL, "region entry %zu has no valid region", i + 1);
        if ((rc = check_count(rc_->count, "a region count", err)))
            return rc;
        for (size_t j = 0; j < i; j++)
            if (in->regions[j].region == rc_->region)
                return breach_fail(err, BREACH_EINCONSISTENT, "region %s is listed twice",
                                   breach_region_code(rc_->region));
        /* a part's lower bound above the whole's upper bound */
        int part_has_lower = rc_->count.qualifier == BREACH_COUNT_EXACT ||
                             rc_->count.qualifier == BREACH_COUNT_AT_LEAST;
        if (bounded && part_has_lower && rc_->count.value > in->affected.value)
            return breach_fail(err, BREACH_EINCONSISTENT,
                               "region %s counts %llu, more than the %llu affected in all",
                               breach_region_code(rc_->region),
                               (unsigned long long)rc_->count.value,
                               (unsigned long long)in->affected.value);
    }
    return BREACH_OK;
}

static int put(breach_dataset *ds, const char *s, size_t len, uint32_t *id)
{
    *id = 0;
    return s ? breach_intern_put(ds->strings, s, len, id, NULL) : 0;
}

/* Mostly unique strings (ids, entity names, sources, summaries) are stored without
 * deduplication. */
static int put_plain(breach_dataset *ds, const char *s, size_t len, uint32_t *id)
{
    *id = 0;
    if (!s)
        return 0;
    if (!ds->plain && !(ds->plain = breach_intern_new()))
        return BREACH_ENOMEM;
    return breach_intern_put_plain(ds->plain, s, len, id);
}

long breach_dataset_add(breach_dataset *ds, const breach_incident *in, breach_error *err)
{
    return breach_dataset_add_text(ds, in, NULL, NULL, err);
}

long breach_dataset_add_text(breach_dataset *ds, const breach_incident *in, const size_t *lens,
                             const breach_row_prep *prep, breach_error *err)
{
    if (!ds || !in)
        return breach_fail(err, BREACH_EINVAL, "no dataset or incident");
    int rc = prep && prep->checked ? 0 : validate(in, lens, err);
    if (rc)
        return rc;
    if (prep && !prep->ok)
        prep = NULL;
    if (ds->n >= (size_t)LONG_MAX)
        return breach_fail(err, BREACH_ELIMIT, "the dataset is full");
    breach_region_count *room = NULL;
    if (grow_columns(ds, ds->n + 1) ||
        (in->n_regions && !(room = region_room(ds, in->n_regions))))
        return breach_fail(err, BREACH_ENOMEM, "out of memory adding an incident");
    const char *text[8] = {in->id,     in->entity, in->entity_type, in->actor,
                           in->vendor, in->via,    in->source,      in->summary};
    size_t len[8];
    for (int k = 0; k < 8; k++)
        len[k] = lens ? lens[k] : text[k] ? strlen(text[k]) : 0;
    uint32_t sid, sentity, skey, stype, sactor, svendor, svkey, svia, sviakey, ssource, ssummary;
    if ((rc = put_plain(ds, in->id, len[0], &sid)) ||
        (rc = put_plain(ds, in->entity, len[1], &sentity)) ||
        (rc = put(ds, in->entity_type, len[2], &stype)) ||
        (rc = put(ds, in->actor, len[3], &sactor)) ||
        (rc = put(ds, in->vendor, len[4], &svendor)) || (rc = put(ds, in->via, len[5], &sviakey)) ||
        (rc = put_plain(ds, in->source, len[6], &ssource)) ||
        (rc = put_plain(ds, in->summary, len[7], &ssummary)))
        return breach_fail(err, rc, "out of memory storing an incident's text");
    svia = sviakey;
    if ((rc = put_key(ds, in->entity, len[1], prep, &skey)) ||
        (rc = breach_dataset_key_id(ds, svendor, &svkey)) ||
        (rc = breach_dataset_key_id(ds, svia, &sviakey)))
        return breach_fail(err, rc, "out of memory computing entity keys");
    /* room in the sparse columns this row writes, before writing any */
    uint64_t affected = in->affected.value;
    struct breach_region_ref ref = {room, in->n_regions};
    const struct {
        breach_sparse *s;
        const void *v;
        size_t size;
        int has;
    } sparse[] = {
        {&ds->actor, &sactor, 4, sactor != 0},
        {&ds->vendor, &svendor, 4, svendor != 0},
        {&ds->vendor_key, &svkey, 4, svkey != 0},
        {&ds->via, &svia, 4, svia != 0},
        {&ds->via_key, &sviakey, 4, sviakey != 0},
        {&ds->affected_big, &affected, 8, affected >= UINT32_MAX},
        {&ds->regions, &ref, sizeof ref, in->n_regions != 0},
    };
    const size_t n_sparse = sizeof sparse / sizeof sparse[0];
    for (size_t k = 0; k < n_sparse; k++)
        if (sparse[k].has && (rc = sparse_room(sparse[k].s, sparse[k].size)))
            return breach_fail(err, rc,
                               rc == BREACH_ELIMIT ? "more than 2^32 - 1 incidents state one field"
                                                   : "out of memory adding an incident");
    size_t i = ds->n;
    for (size_t k = 0; k < n_sparse; k++)
        if (sparse[k].has)
            sparse_set(sparse[k].s, i, sparse[k].v, sparse[k].size);
    if (in->n_regions) {
        memcpy(room, in->regions, in->n_regions * sizeof *room);
        ds->blocks->used += in->n_regions;
    }
    /* columns are zero where unwritten: write only what differs from the default */
#define SET(c, v)                                                                              \
    if (v)                                                                                     \
        ds->c[i] = v;
    SET(id, sid)
    SET(entity, sentity)
    SET(entity_key, skey)
    SET(entity_type, stype)
    SET(source, ssource)
    SET(summary, ssummary)
    SET(entity_region, in->entity_region)
    SET(types, (uint8_t)in->types) /* validate() refused bits outside the vocabularies */
    SET(categories, (uint32_t)in->categories)
    SET(locations, (uint8_t)in->locations)
    SET(reported, breach_pack_date(in->reported))
    SET(occurred_start, breach_pack_date(in->occurred_start))
    SET(occurred_end, breach_pack_date(in->occurred_end))
    SET(discovered, breach_pack_date(in->discovered))
    uint32_t affected32 = affected < UINT32_MAX ? (uint32_t)affected : UINT32_MAX;
    SET(affected, affected32)
    SET(qualifier, (uint8_t)in->affected.qualifier)
    SET(unit, (uint8_t)in->unit)
    SET(business_associate, (int8_t)(in->business_associate + 1))
    SET(flags, (uint8_t)in->flags)
#undef SET
    ds->n = i + 1;
    return (long)i;
}

int breach_dataset_get(const breach_dataset *ds, size_t i, breach_incident *out, breach_error *err)
{
    if (!ds || !out)
        return breach_fail(err, BREACH_EINVAL, "no dataset or output");
    if (i >= ds->n)
        return breach_fail(err, BREACH_EINVAL, "incident %zu does not exist (the dataset has %zu)", i,
                           ds->n);
    const breach_intern *s = ds->strings;
    out->id = breach_ds_plain(ds, ds->id[i]);
    out->entity = breach_ds_plain(ds, ds->entity[i]);
    out->entity_key = breach_intern_get(s, ds->entity_key[i]);
    out->entity_region = ds->entity_region[i];
    out->entity_type = breach_intern_get(s, ds->entity_type[i]);
    out->types = ds->types[i];
    out->categories = ds->categories[i];
    out->locations = ds->locations[i];
    out->actor = breach_intern_get(s, breach_sparse_u32(&ds->actor, i));
    out->vendor = breach_intern_get(s, breach_sparse_u32(&ds->vendor, i));
    out->via = breach_intern_get(s, breach_sparse_u32(&ds->via, i));
    out->reported = breach_unpack_date(ds->reported[i]);
    out->occurred_start = breach_unpack_date(ds->occurred_start[i]);
    out->occurred_end = breach_unpack_date(ds->occurred_end[i]);
    out->discovered = breach_unpack_date(ds->discovered[i]);
    out->affected.value = breach_ds_affected(ds, i);
    out->affected.qualifier = ds->qualifier[i];
    out->unit = ds->unit[i];
    out->regions = breach_ds_regions(ds, i, &out->n_regions);
    out->business_associate = ds->business_associate[i] - 1;
    out->flags = ds->flags[i];
    out->source = breach_ds_plain(ds, ds->source[i]);
    out->summary = breach_ds_plain(ds, ds->summary[i]);
    return BREACH_OK;
}

breach_pdate breach_dataset_pdate(const breach_dataset *ds, size_t i, int field)
{
    switch (field) {
    case BREACH_FIELD_REPORTED: return ds->reported[i];
    case BREACH_FIELD_OCCURRED: return ds->occurred_start[i];
    case BREACH_FIELD_DISCOVERED: return ds->discovered[i];
    default:
        if (breach_pdate_known(ds->occurred_start[i]))
            return ds->occurred_start[i];
        if (breach_pdate_known(ds->discovered[i]))
            return ds->discovered[i];
        return ds->reported[i];
    }
}

breach_pdate breach_dataset_match_pdate(const breach_dataset *ds, size_t i, int field)
{
    if (field != BREACH_FIELD_REPORTED || breach_pdate_known(ds->reported[i]))
        return breach_dataset_pdate(ds, i, field);
    const breach_pdate ev[2] = {ds->occurred_start[i], ds->discovered[i]};
    for (int k = 0; k < 2; k++)
        if (breach_pdate_known(ev[k]) && breach_unpack_date(ev[k]).precision == BREACH_PREC_DAY)
            return ev[k];
    return 0;
}
