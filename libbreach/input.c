/* Inputs: which load each incident came from, the line its row starts on, what the load
 * read (size, SHA-256, rows), and the notices that arrived twice.
 *
 * Identity. Two rows are the same notice when their inputs are of the same format and
 *  - HHS portal exports ("hhs"): the organisation's entity key, its state and the
 *    submission date are equal. The portal's rows have no identifier of their own (the
 *    loader's ids are file positions), and a business associate files one row per client
 *    on the same day, so these three name one filing day of one organisation: all of its
 *    rows are one group. A count, a type or a spelling that only the key folds away
 *    ("Inc." / "Inc", case) may change between snapshots: that is a revision.
 *  - any other format: the source's identifier (VERIS incident_id, HIBP Name, WA Id, the
 *    canonical id) is equal; rows without one fall back to the HHS rule when they have a
 *    name and a reported date, and are never duplicates otherwise.
 * Formats do not match each other: a state attorney general's notice and an HHS row of the
 * same organisation and day are two notices (two counts of different people), which
 * breach_links_compute relates instead.
 *
 * Which stands. Inputs are ordered by how new they are: their latest reported date
 * (as_of), then load order. For each identity the newest input that lists it stands with
 * all of its rows for it; the rows of every older input with that identity are dropped
 * (left out of every selection unless breach_filter.include_duplicates) and reported. So
 * two snapshots of the portal give the newer one's notices plus the older one's that the
 * newer no longer lists, the same file loaded twice counts once, and rows that repeat
 * within one input (a business associate's clients, a duplicated export row) are all kept,
 * as that input's loader already warns.
 *
 * RENAMED. A name corrected beyond what the key folds (a typo, a new owner) is another
 * identity; but a row of an older snapshot that no newer snapshot lists, whose state, date
 * and exact count (not the HHS placeholders 500 and 501) equal those of a newer snapshot's
 * row that the older one does not list, is that row renamed, and is dropped too (pass 3 of
 * resolve(); doc/model.md). On the portal's 2023-05 and 2024-07 snapshots, 39 of the 48
 * rows whose key 2024-07 does not list are such renames.
 *
 * Cost: nothing while the dataset has one input; else one hash table over the incidents of
 * all inputs, rebuilt at each load's end (O(n) a load). */
#include "counts_private.h"
#include "dataset_private.h"

#include <stdatomic.h>
#include "file_private.h"
#include "episode_private.h"
#include "input_private.h"
#include "report_private.h"

#include <nettle/sha2.h>
#include <stdlib.h>
#include <string.h>

/* The report's counters, to tell this input's rows from earlier loads'. */
static void report_counts(const breach_report *r, size_t c[4])
{
    c[0] = breach_report_rows_read(r);
    c[1] = breach_report_rows_loaded(r);
    c[2] = breach_report_rows_rejected(r);
    c[3] = breach_report_n_warnings(r);
}

/* Every level of a vocabulary dimension (stated[] is indexed by the dimension). */
_Static_assert(BREACH_DIM_TYPE == 0 && BREACH_DIM_CATEGORY == 1 && BREACH_DIM_LOCATION == 2,
               "breach_input_rec.stated follows breach_dimension");
static uint64_t every_level(int dim)
{
    size_t nlev;
    return breach_set_levels(dim, &nlev);
}

static breach_input_rec *open_input(breach_dataset *ds)
{
    return ds->input_open ? &ds->inputs[ds->n_inputs - 1] : NULL;
}

int breach_input_open(breach_dataset *ds, const char *name, const char *format,
                      const breach_report *report, breach_error *err)
{
    if (ds->input_open && breach_input_close(ds, NULL, err))
        return BREACH_ENOMEM;
    if (breach_grow((void **)&ds->inputs, &ds->inputs_cap, ds->n_inputs + 1, sizeof *ds->inputs))
        return breach_fail(err, BREACH_ENOMEM, "out of memory");
    breach_input_rec *in = &ds->inputs[ds->n_inputs];
    memset(in, 0, sizeof *in);
    in->name = breachp_strdup(name ? name : "<buffer>");
    in->format = breachp_strdup(format ? format : "");
    if (!in->name || !in->format) {
        breachp_free(in->name);
        breachp_free(in->format);
        return breach_fail(err, BREACH_ENOMEM, "out of memory");
    }
    in->first = in->end = ds->n;
    in->next_line = -1;
    in->list = ds->n_inputs;
    for (int d = BREACH_DIM_TYPE; d <= BREACH_DIM_LOCATION; d++)
        in->stated[d] = every_level(d);
    if (report) {
        in->report = report;
        in->has_counts = 1;
        report_counts(report, in->rep0);
    }
    ds->n_inputs++;
    ds->input_open = 1;
    return BREACH_OK;
}

#define HASH_STEP ((size_t)8 << 20)

void breach_input_digest_hex(struct sha256_ctx *h, char hex[65])
{
    uint8_t d[SHA256_DIGEST_SIZE];
    sha256_digest(h, sizeof d, d);
    static const char digits[] = "0123456789abcdef";
    for (size_t k = 0; k < sizeof d; k++) {
        hex[2 * k] = digits[d[k] >> 4];
        hex[2 * k + 1] = digits[d[k] & 15];
    }
    hex[64] = '\0';
}

void breach_input_digest(const char *data, size_t len, char hex[65], atomic_size_t *done)
{
    struct sha256_ctx h;
    sha256_init(&h);
    for (size_t at = 0; at < len;) {
        size_t step = len - at < HASH_STEP ? len - at : HASH_STEP;
        sha256_update(&h, step, (const uint8_t *)data + at);
        at += step;
        if (done)
            atomic_store_explicit(done, at, memory_order_release);
    }
    breach_input_digest_hex(&h, hex);
}

void breach_input_set_bytes(breach_dataset *ds, uint64_t size, const char hex[65])
{
    breach_input_rec *in = open_input(ds);
    if (!in)
        return;
    memcpy(in->sha256, hex, 65);
    in->size = size;
}

void breach_input_bytes(breach_dataset *ds, const char *data, size_t len)
{
    char hex[65];
    breach_input_digest(data, len, hex, NULL);
    breach_input_set_bytes(ds, len, hex);
}

void breach_input_set_class(breach_dataset *ds, uint64_t source_class)
{
    breach_input_rec *in = open_input(ds);
    if (in)
        in->source_class = source_class;
}

void breach_input_set_stated(breach_dataset *ds, int dim, uint64_t levels)
{
    breach_input_rec *in = open_input(ds);
    if (in && breach_set_dim(dim))
        in->stated[dim] = levels & every_level(dim);
}

uint64_t breach_input_stated_of(const breach_dataset *ds, int dim, size_t i)
{
    long k = breach_dataset_origin(ds, i, NULL);
    return k < 0 ? every_level(dim) : ds->inputs[k].stated[dim];
}

int breach_input_stated_partial(const breach_dataset *ds, int dim)
{
    for (size_t k = 0; k < ds->n_inputs; k++)
        if (ds->inputs[k].stated[dim] != every_level(dim))
            return 1;
    return 0;
}

void breach_input_set_floor(breach_dataset *ds, uint64_t floor)
{
    breach_input_rec *in = open_input(ds);
    if (in)
        in->floor = floor;
}

int breach_input_line(breach_dataset *ds, size_t index, long line)
{
    breach_input_rec *in = open_input(ds);
    if (!in || line <= 0)
        return 0;
    if (line != in->next_line) {
        if (breach_grow((void **)&in->marks, &in->marks_cap, in->n_marks + 1, sizeof *in->marks))
            return BREACH_ENOMEM;
        in->marks[in->n_marks++] = (breach_line_mark){index, line};
    }
    in->next_line = line + 1;
    return 0;
}

/* The line incident i starts on in input `in`; 0 when not known. */
static long line_of(const breach_input_rec *in, size_t i)
{
    size_t lo = 0, hi = in->n_marks; /* the last mark at or before i */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (in->marks[mid].index <= i)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return 0;
    const breach_line_mark *m = &in->marks[lo - 1];
    return m->line + (long)(i - m->index);
}

/* The incidents' end of input k (the open one ends at the dataset's end). */
static size_t end_of(const breach_dataset *ds, size_t k)
{
    return breach_input_end(ds, k);
}

/* The input holding incident i, or -1 (added outside any load). Inputs are consecutive
 * ranges in load order; an empty one shares its first with the next. */
static long input_of(const breach_dataset *ds, size_t i)
{
    size_t lo = 0, hi = ds->n_inputs; /* inputs whose first is at or before i: 0 .. lo-1 */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ds->inputs[mid].first <= i)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo > 0; lo--) {
        size_t k = lo - 1, end = end_of(ds, k);
        if (i < end)
            return (long)k;
        if (ds->inputs[k].first != end)
            break; /* a non-empty input that ends before i: i is in none */
    }
    return -1;
}

uint64_t breach_input_floor_of(const breach_dataset *ds, size_t i)
{
    long k = input_of(ds, i);
    return k < 0 ? 0 : ds->inputs[k].floor;
}

/* ---------------------------------------------------------------- identity */

enum { ID_NONE = 0, ID_TEXT = 1, ID_DAY = 2, ID_RENAMED = 3 };

/* Incident i's identity in input k: its kind, and its hash (format included). */
static int identity(const breach_dataset *ds, const breach_input_rec *in, size_t i, uint64_t *h)
{
    uint64_t fh = breach_hash_bytes(in->format, strlen(in->format)) ^ in->source_class;
    int hhs = strcmp(in->format, "hhs") == 0;
    if (!hhs && ds->id[i]) {
        const char *id = breach_intern_get(ds->plain, ds->id[i]);
        *h = breach_hash_bytes(id, strlen(id)) ^ (fh * 0x9E3779B97F4A7C15ull);
        return ID_TEXT;
    }
    if (ds->entity_key[i] && breach_pdate_known(ds->reported[i])) {
        uint64_t x = (uint64_t)ds->entity_key[i] * 0xFF51AFD7ED558CCDull;
        x ^= ((uint64_t)ds->entity_region[i] << 40) ^ (uint32_t)ds->reported[i];
        x *= 0xC4CEB9FE1A85EC53ull;
        *h = (x ^ (x >> 29)) ^ (fh * 0x9E3779B97F4A7C15ull) ^ 1;
        return ID_DAY;
    }
    return ID_NONE;
}

static int same_identity(const breach_dataset *ds, const size_t *in_of, size_t a, size_t b,
                         int kind)
{
    const breach_input_rec *ia = &ds->inputs[in_of[a]], *ib = &ds->inputs[in_of[b]];
    if (strcmp(ia->format, ib->format) != 0 || ia->source_class != ib->source_class)
        return 0;
    if (kind == ID_TEXT)
        return ds->id[a] && ds->id[b] &&
               strcmp(breach_intern_get(ds->plain, ds->id[a]),
                      breach_intern_get(ds->plain, ds->id[b])) == 0;
    return ds->entity_key[a] == ds->entity_key[b] &&
           ds->entity_region[a] == ds->entity_region[b] &&
           breach_pdate_day(ds->reported[a]) == breach_pdate_day(ds->reported[b]) &&
           breach_pdate_known(ds->reported[b]);
}

/* Whether input a is newer than input b. */
static int newer(const breach_dataset *ds, size_t a, size_t b)
{
    breach_pdate pa = ds->inputs[a].as_of, pb = ds->inputs[b].as_of;
    int32_t da = breach_pdate_known(pa) ? breach_pdate_day(pa) : INT32_MIN;
    int32_t db = breach_pdate_known(pb) ? breach_pdate_day(pb) : INT32_MIN;
    return da != db ? da > db : a > b;
}

/* Two inputs are snapshots of one list, whose newer copy stands for the older, when at
 * least 1/SNAPSHOT_SHARE of the identities of the smaller one are in the other, and at
 * least half of those shared name the same organisation in both (an id is a notice's only
 * within its list: see SAME_LIST in resolve()). Below that
 * they are complementary lists (the HHS portal's archive and under-investigation lists of
 * one download share no notice, yet may both hold an organisation's filings of one day:
 * Highmark Inc, PA, 2023-02-10, 239,039 in one and 36,600 in the other), and nothing is
 * dropped between them. */
#define SNAPSHOT_SHARE 20

/* Inputs compared (the pairs' table grows with the square). */
#define MAX_INPUTS 1024

typedef struct slot {
    uint64_t h;
    size_t rep;   /* an incident with the identity, + 1 (0: empty) */
    int kind;
    size_t last;  /* the last input counted for it (inputs come in order), + 1 */
} slot;

/* The first incident of input k with the identity of slot s: a table keyed by (s, k). */
typedef struct first_of {
    uint64_t key; /* (s << 20 | k) + 1, 0: empty */
    size_t at;
} first_of;

static int was_dropped(const breach_dataset *ds, size_t i)
{
    return breach_ds_dropped(ds, i);
}

static int warn_drop(const breach_dataset *ds, breach_report *report, size_t i, size_t by,
                     int kind)
{
    if (!report)
        return 0;
    const breach_input_rec *a = &ds->inputs[input_of(ds, i)];
    const breach_input_rec *b = &ds->inputs[input_of(ds, by)];
    size_t src;
    if (breach_report_begin(report, a->name, &src))
        return BREACH_ENOMEM;
    char figure[160] = "";
    uint64_t va = breach_ds_affected(ds, i), vb = breach_ds_affected(ds, by);
    if (ds->qualifier[i] != ds->qualifier[by] || va != vb) {
        breach_count ca = {va, ds->qualifier[i]}, cb = {vb, ds->qualifier[by]};
        char ta[32], tb[32];
        breach_count_format(ca, ta, sizeof ta);
        breach_count_format(cb, tb, sizeof tb);
        snprintf(figure, sizeof figure, "; the count was revised from %s to %s",
                 ta[0] ? ta : "unknown", tb[0] ? tb : "unknown");
    }
    char text[BREACH_ERROR_TEXT_LEN];
    snprintf(text, sizeof text,
             "the same notice (%s) as %.80s line %ld, a newer snapshot: that one stands, this "
             "one is left out%s",
             kind == ID_TEXT    ? "same id"
             : kind == ID_DAY   ? "same organisation, state and date"
                                : "renamed: same state, date and count", b->name,
             line_of(b, by), figure);
    breach_issue is = {BREACH_WARN_OVERLAP, line_of(a, i), 0, (long)(i - a->first + 1), text};
    return breach_report_add_warning(report, src, &is);
}

/* The slot of incident i's identity (kind, hash h) in t[0..cap), inserting it when absent
 * (insert = 1); SIZE_MAX when absent and not inserted. */
static size_t find_slot(const breach_dataset *ds, const size_t *in_of, slot *t, size_t cap,
                        size_t i, int kind, uint64_t h, int insert)
{
    size_t s = (size_t)h & (cap - 1);
    while (t[s].rep) {
        if (t[s].h == h && t[s].kind == kind && same_identity(ds, in_of, t[s].rep - 1, i, kind))
            return s;
        s = (s + 1) & (cap - 1);
    }
    if (!insert)
        return SIZE_MAX;
    t[s] = (slot){h, i + 1, kind, 0};
    return s;
}

static size_t *first_at(first_of *f, size_t cap, size_t s, size_t k, int insert)
{
    uint64_t key = ((uint64_t)s << 20 | k) + 1;
    size_t p = (size_t)((key * 0x9E3779B97F4A7C15ull) >> 20) & (cap - 1);
    while (f[p].key && f[p].key != key)
        p = (p + 1) & (cap - 1);
    if (!f[p].key) {
        if (!insert)
            return NULL;
        f[p].key = key;
        f[p].at = SIZE_MAX;
    }
    return &f[p].at;
}

/* Whether input y is a newer snapshot of input k's list: same format, newer, and sharing
 * enough identities (SNAPSHOT_SHARE). */
static int snapshot_of(const breach_dataset *ds, const uint64_t *dist, const uint64_t *shared,
                       size_t k, size_t y)
{
    size_t K = ds->n_inputs;
    if (!newer(ds, y, k) || strcmp(ds->inputs[y].format, ds->inputs[k].format) ||
        ds->inputs[y].source_class != ds->inputs[k].source_class)
        return 0;
    uint64_t small = dist[k] < dist[y] ? dist[k] : dist[y];
    return shared[k * K + y] && shared[k * K + y] * SNAPSHOT_SHARE >= small;
}

/* The first input of input k's list, following the parent pointers that resolve() sets. */
static size_t list_root(const breach_dataset *ds, size_t k)
{
    while (ds->inputs[k].list != k)
        k = ds->inputs[k].list;
    return k;
}

/* Whether slot s's identity is listed by input k. */
static int slot_lists(const size_t *lists, const size_t *lstart, size_t s, size_t k)
{
    for (size_t a = lstart[s]; a < lstart[s + 1]; a++)
        if (lists[a] == k)
            return 1;
    return 0;
}

/* The evidence a renamed row is matched on: an exact count that is no placeholder. */
static int rename_key(const breach_dataset *ds, size_t i, uint64_t *h)
{
    uint64_t v = breach_ds_affected(ds, i);
    if (ds->qualifier[i] != BREACH_COUNT_EXACT || v == 500 || v == 501 ||
        !breach_pdate_known(ds->reported[i]))
        return 0;
    uint64_t x = (v * 0x9E3779B97F4A7C15ull) ^ ((uint64_t)ds->entity_region[i] << 48) ^
                 (uint32_t)ds->reported[i];
    x ^= x >> 31;
    *h = x * 0xBF58476D1CE4E5B9ull;
    return 1;
}

static int same_rename_key(const breach_dataset *ds, size_t a, size_t b)
{
    return breach_ds_affected(ds, a) == breach_ds_affected(ds, b) &&
           ds->entity_region[a] == ds->entity_region[b] && ds->reported[a] == ds->reported[b];
}

/* Slots for a table of m entries at most half full: a power of two. */
static size_t table_cap(size_t m)
{
    size_t cap = 16;
    while (cap < m * 2 + 16)
        cap *= 2;
    return cap;
}

/* The bucket of rename key h (incident i's): its own, or the first empty one after it. */
static size_t rename_bucket(const breach_dataset *ds, const size_t *head, const uint64_t *hkey,
                            size_t cap, uint64_t h, size_t i)
{
    size_t b = (size_t)h & (cap - 1);
    while (head[b] && !(hkey[b] == h && same_rename_key(ds, head[b] - 1, i)))
        b = (b + 1) & (cap - 1);
    return b;
}

/* Pass 3 of resolve(): a row of an older snapshot that no newer snapshot lists by its
 * identity, whose state, date and exact count equal those of a row of a newer snapshot whose
 * own identity the older one does not list, is that row renamed. Each newer row takes at most
 * one row of each older input, the newest snapshot first, then in dataset order. 0 or
 * BREACH_ENOMEM. */
static int renamed(const breach_dataset *ds, const size_t *in_of, const size_t *sl,
                   const slot *t, const size_t *lists, const size_t *lstart,
                   const uint64_t *dist, const uint64_t *shared, size_t *by_of,
                   unsigned char *how, size_t hi)
{
    size_t m = 0;
    for (size_t i = 0; i < hi; i++)
        m += sl[i] != SIZE_MAX && t[sl[i]].kind == ID_DAY;
    if (!m)
        return 0;
    size_t cap = table_cap(m);
    /* buckets by rename key: head[b] is the first row + 1, next[] chains in dataset order */
    size_t *head = breachp_calloc(cap, sizeof *head), *tail = breachp_calloc(cap, sizeof *tail);
    uint64_t *hkey = breachp_calloc(cap, sizeof *hkey);
    size_t *next = breachp_calloc(hi + 1, sizeof *next);
    size_t *used = breachp_calloc(hi + 1, sizeof *used); /* k + 1 of the older input that took it */
    int rc = BREACH_ENOMEM;
    if (!head || !tail || !hkey || !next || !used)
        goto out;
    for (size_t i = 0; i < hi; i++) {
        uint64_t h;
        if (sl[i] == SIZE_MAX || t[sl[i]].kind != ID_DAY || by_of[i] != SIZE_MAX ||
            !rename_key(ds, i, &h))
            continue;
        size_t b = rename_bucket(ds, head, hkey, cap, h, i);
        if (!head[b]) {
            head[b] = i + 1;
            hkey[b] = h;
        } else {
            next[tail[b] - 1] = i + 1;
        }
        tail[b] = i + 1;
    }
    for (size_t i = 0; i < hi; i++) {
        uint64_t h;
        size_t k = in_of[i];
        if (sl[i] == SIZE_MAX || t[sl[i]].kind != ID_DAY || by_of[i] != SIZE_MAX ||
            !rename_key(ds, i, &h))
            continue;
        size_t b = rename_bucket(ds, head, hkey, cap, h, i);
        size_t best = SIZE_MAX;
        for (size_t j = head[b]; j; j = next[j - 1]) {
            size_t y = in_of[j - 1];
            if (y == k || used[j - 1] == k + 1 || !snapshot_of(ds, dist, shared, k, y) ||
                slot_lists(lists, lstart, sl[j - 1], k) ||
                slot_lists(lists, lstart, sl[i], y))
                continue;
            if (best == SIZE_MAX || newer(ds, y, in_of[best]))
                best = j - 1;
        }
        if (best == SIZE_MAX)
            continue;
        used[best] = k + 1;
        by_of[i] = best;
        how[i] = ID_RENAMED;
    }
    rc = 0;
out:
    breachp_free(head);
    breachp_free(tail);
    breachp_free(hkey);
    breachp_free(next);
    breachp_free(used);
    return rc;
}

/* Finds the notices that arrived twice among all inputs (see the top of this file). The
 * new marks replace the old ones only when everything could be allocated. */
static int resolve(breach_dataset *ds, breach_report *report, breach_error *err)
{
    size_t K = ds->n_inputs, hi = ds->inputs[K - 1].end;
    if (K > MAX_INPUTS)
        return breach_fail(err, BREACH_ELIMIT,
                           "more than %d inputs in one dataset: notices that arrive twice "
                           "cannot be told apart", MAX_INPUTS);
    size_t m = 0;
    for (size_t k = 0; k < K; k++)
        m += ds->inputs[k].end - ds->inputs[k].first;
    size_t cap = table_cap(m);
    int rc = BREACH_ENOMEM;
    slot *t = breachp_calloc(cap, sizeof *t);
    first_of *fo = breachp_calloc(cap, sizeof *fo);
    size_t *in_of = breachp_malloc((hi + 1) * sizeof *in_of); /* by incident */
    size_t *sl = breachp_malloc((hi + 1) * sizeof *sl);       /* each incident's slot, SIZE_MAX: none */
    uint64_t *dist = breachp_calloc(K, sizeof *dist);         /* distinct identities an input lists */
    uint64_t *shared = breachp_calloc(K * K, sizeof *shared), *agree = NULL;
    uint64_t *bits = breachp_calloc(ds->n / 64 + 1, sizeof *bits);
    size_t *didx = NULL, *dby = NULL, nd = 0, dicap = 0, dbcap = 0, ovcap = 0;
    breach_overlap_rec *ov = NULL;
    size_t nov = 0;
    /* a slot's inputs, in load order, as a chain through the first_of table is too slow to
       walk for pairs: each slot's list of inputs is gathered in lists[] instead */
    size_t *lists = NULL, *lstart = NULL, *by_of = NULL;
    unsigned char *how = NULL; /* the identity kind of each drop, ID_RENAMED for pass 3's */
    if (!t || !fo || !in_of || !sl || !dist || !shared || !bits)
        goto out;
    for (size_t i = 0; i < hi; i++)
        sl[i] = SIZE_MAX; /* incidents between inputs (added outside a load, or a copy's:
                             copy.c) have no identity; pass 3 looks at every index */
    for (size_t k = 0; k < K; k++)
        for (size_t i = ds->inputs[k].first; i < ds->inputs[k].end; i++)
            in_of[i] = k;
    /* pass 1: identities, the inputs that list each, and each input's first row of it */
    size_t n_pairs_in = 0; /* (slot, input) pairs */
    for (size_t k = 0; k < K; k++) {
        const breach_input_rec *in = &ds->inputs[k];
        for (size_t i = in->first; i < in->end; i++) {
            uint64_t h;
            int kind = identity(ds, in, i, &h);
            sl[i] = SIZE_MAX;
            if (kind == ID_NONE)
                continue;
            size_t s = find_slot(ds, in_of, t, cap, i, kind, h, 1);
            sl[i] = s;
            if (t[s].last != k + 1) {
                t[s].last = k + 1;
                dist[k]++;
                n_pairs_in++;
                *first_at(fo, cap, s, k, 1) = i;
            }
        }
    }
    /* each slot's inputs, in load order */
    lists = breachp_malloc((n_pairs_in + 1) * sizeof *lists);
    lstart = breachp_calloc(cap + 1, sizeof *lstart);
    if (!lists || !lstart)
        goto out;
    for (size_t s = 0; s < cap; s++)
        t[s].last = 0;
    for (size_t k = 0; k < K; k++)
        for (size_t i = ds->inputs[k].first; i < ds->inputs[k].end; i++)
            if (sl[i] != SIZE_MAX && t[sl[i]].last != k + 1) {
                t[sl[i]].last = k + 1;
                lstart[sl[i] + 1]++;
            }
    for (size_t s = 0; s < cap; s++)
        lstart[s + 1] += lstart[s];
    for (size_t s = 0; s < cap; s++)
        t[s].last = 0;
    {
        size_t *fill = breachp_calloc(cap + 1, sizeof *fill);
        if (!fill)
            goto out;
        for (size_t k = 0; k < K; k++)
            for (size_t i = ds->inputs[k].first; i < ds->inputs[k].end; i++)
                if (sl[i] != SIZE_MAX && t[sl[i]].last != k + 1) {
                    size_t s = sl[i];
                    t[s].last = k + 1;
                    lists[lstart[s] + fill[s]++] = k;
                }
        breachp_free(fill);
    }
    /* identities shared by each pair of inputs, and of them those whose first rows in the
       two name one organisation (an identity by name and day always does) */
    agree = breachp_calloc(K * K, sizeof *agree);
    if (!agree)
        goto out;
    for (size_t s = 0; s < cap; s++)
        for (size_t a = lstart[s]; a < lstart[s + 1]; a++)
            for (size_t b = a + 1; b < lstart[s + 1]; b++) {
                size_t x = lists[a], y = lists[b];
                int same = t[s].kind != ID_TEXT ||
                           ds->entity_key[*first_at(fo, cap, s, x, 0)] ==
                               ds->entity_key[*first_at(fo, cap, s, y, 0)];
                shared[x * K + y]++;
                shared[y * K + x]++;
                agree[x * K + y] += same;
                agree[y * K + x] += same;
            }
    /* SAME_LIST: two lists whose shared ids mostly name other organisations are two lists
       that number their notices alike (two curated files, both 1, 2, 3), not snapshots of
       one: they share nothing */
    for (size_t x = 0; x < K * K; x++)
        if (agree[x] * 2 < shared[x])
            shared[x] = 0;
    /* LISTS: inputs that are snapshots of one another (in either order) are one list, the
       first input's; the others are lists of their own (what a curated file covers is its
       own business: breach_sources_span) */
    for (size_t k = 0; k < K; k++)
        ds->inputs[k].list = k; /* a parent pointer, always to an earlier input */
    for (size_t k = 0; k < K; k++)
        for (size_t y = k + 1; y < K; y++)
            if (snapshot_of(ds, dist, shared, k, y) || snapshot_of(ds, dist, shared, y, k)) {
                size_t a = list_root(ds, k), b = list_root(ds, y);
                if (a != b)
                    ds->inputs[a > b ? a : b].list = a < b ? a : b;
            }
    for (size_t k = 0; k < K; k++)
        ds->inputs[k].list = ds->inputs[ds->inputs[k].list].list; /* the parent is final */
    /* pass 2: a row stands unless a newer snapshot of its list has its identity */
    by_of = breachp_malloc((hi + 1) * sizeof *by_of);
    how = breachp_calloc(hi + 1, 1);
    if (!by_of || !how)
        goto out;
    for (size_t i = 0; i < hi; i++)
        by_of[i] = SIZE_MAX;
    for (size_t k = 0; k < K; k++) {
        const breach_input_rec *in = &ds->inputs[k];
        for (size_t i = in->first; i < in->end; i++) {
            size_t s = sl[i];
            if (s == SIZE_MAX || lstart[s + 1] - lstart[s] < 2)
                continue;
            size_t best = SIZE_MAX;
            for (size_t a = lstart[s]; a < lstart[s + 1]; a++) {
                size_t y = lists[a];
                if (y != k && snapshot_of(ds, dist, shared, k, y) &&
                    (best == SIZE_MAX || newer(ds, y, best)))
                    best = y;
            }
            if (best != SIZE_MAX) {
                by_of[i] = *first_at(fo, cap, s, best, 0);
                how[i] = (unsigned char)t[s].kind;
            }
        }
    }
    /* pass 3: renamed notices (see RENAMED at the top) */
    if (renamed(ds, in_of, sl, t, lists, lstart, dist, shared, by_of, how, hi))
        goto out;
    /* a renamed row may itself be a newer snapshot's: each drop points at the row that stands */
    for (size_t i = 0; i < hi; i++)
        while (by_of[i] != SIZE_MAX && by_of[by_of[i]] != SIZE_MAX)
            by_of[i] = by_of[by_of[i]];
    /* the drops in index order, their pairs, and a warning for each new one */
    for (size_t i = 0; i < hi; i++) {
        if (by_of[i] == SIZE_MAX)
            continue;
        size_t k = in_of[i], best = in_of[by_of[i]];
        if (breach_grow((void **)&didx, &dicap, nd + 1, sizeof *didx) ||
            breach_grow((void **)&dby, &dbcap, nd + 1, sizeof *dby))
            goto out;
        didx[nd] = i;
        dby[nd++] = by_of[i];
        bits[i / 64] |= (uint64_t)1 << (i % 64);
        size_t o = 0;
        while (o < nov && !(ov[o].dropped_input == k && ov[o].kept_input == best))
            o++;
        if (o == nov) {
            if (breach_grow((void **)&ov, &ovcap, nov + 1, sizeof *ov))
                goto out;
            ov[nov++] = (breach_overlap_rec){k, best, 0};
        }
        ov[o].n++;
        if (!was_dropped(ds, i) && warn_drop(ds, report, i, by_of[i], how[i]))
            goto out;
    }
    /* the new marks stand */
    breachp_free(ds->overlaps);
    breachp_free(ds->dropped_bits);
    breachp_free(ds->drop_index);
    breachp_free(ds->drop_by);
    ds->overlaps = ov;
    ds->n_overlaps = nov;
    ds->dropped_bits = nd ? bits : NULL;
    ds->dropped_rows = nd ? ds->n : 0;
    if (nd)
        bits = NULL;
    ds->drop_index = didx;
    ds->drop_by = dby;
    ds->n_drops = nd;
    for (size_t k = 0; k < K; k++)
        ds->inputs[k].n_dropped = 0;
    for (size_t j = 0; j < nd; j++)
        ds->inputs[in_of[ds->drop_index[j]]].n_dropped++;
    ov = NULL;
    didx = dby = NULL;
    rc = 0;
out:
    if (rc)
        breach_fail(err, rc, "out of memory finding notices that arrived twice");
    breachp_free(t);
    breachp_free(fo);
    breachp_free(in_of);
    breachp_free(sl);
    breachp_free(dist);
    breachp_free(shared);
    breachp_free(agree);
    breachp_free(bits);
    breachp_free(didx);
    breachp_free(dby);
    breachp_free(ov);
    breachp_free(lists);
    breachp_free(lstart);
    breachp_free(by_of);
    breachp_free(how);
    return rc;
}

int breach_input_finish(breach_dataset *ds, breach_report *report, int rc, breach_error *err)
{
    int closed = breach_input_close(ds, report, rc ? NULL : err);
    return rc ? rc : closed;
}

int breach_input_close(breach_dataset *ds, breach_report *report, breach_error *err)
{
    breach_input_rec *in = open_input(ds);
    if (!in)
        return 0;
    ds->input_open = 0;
    in->end = ds->n;
    breach_pdate best = 0;
    for (size_t i = in->first; i < in->end; i++)
        if (breach_pdate_known(ds->reported[i]) &&
            (!best || breach_pdate_day(ds->reported[i]) > breach_pdate_day(best)))
            best = ds->reported[i];
    in->as_of = best;
    breach_range_spans(ds, in->first, in->end, &in->own);
    in->has_own = 1;
    if (in->has_counts) {
        size_t c[4];
        report_counts(in->report, c);
        in->rows_read = c[0] - in->rep0[0];
        in->rows_loaded = c[1] - in->rep0[1];
        in->rows_rejected = c[2] - in->rep0[2];
        in->n_warnings = c[3] - in->rep0[3];
        in->report = NULL;
    }
    if (ds->n_inputs < 2)
        return 0;
    return resolve(ds, report, err);
}

void breach_input_free_all(breach_dataset *ds)
{
    for (size_t k = 0; k < ds->n_inputs; k++) {
        breachp_free(ds->inputs[k].name);
        breachp_free(ds->inputs[k].format);
        breachp_free(ds->inputs[k].marks);
    }
    breachp_free(ds->inputs);
    breachp_free(ds->dropped_bits);
    breachp_free(ds->drop_index);
    breachp_free(ds->drop_by);
    breachp_free(ds->overlaps);
}

/* ---------------------------------------------------------------- public */

size_t breach_dataset_n_inputs(const breach_dataset *ds) { return ds ? ds->n_inputs : 0; }

int breach_dataset_input(const breach_dataset *ds, size_t i, breach_input_info *out,
                         breach_error *err)
{
    if (!ds || !out)
        return breach_fail(err, BREACH_EINVAL, "no dataset or output");
    if (i >= ds->n_inputs)
        return breach_fail(err, BREACH_EINVAL, "input %zu does not exist (the dataset has %zu)", i,
                           ds->n_inputs);
    const breach_input_rec *in = &ds->inputs[i];
    memset(out, 0, sizeof *out);
    out->name = in->name;
    out->format = in->format;
    out->size = in->size;
    out->sha256 = in->sha256;
    out->first = in->first;
    out->end = (ds->input_open && i == ds->n_inputs - 1) ? ds->n : in->end;
    out->as_of = breach_unpack_date(in->as_of);
    out->n_dropped = in->n_dropped;
    out->has_rows = in->has_counts;
    out->rows_read = in->rows_read;
    out->rows_loaded = in->rows_loaded;
    out->rows_rejected = in->rows_rejected;
    out->n_warnings = in->n_warnings;
    return BREACH_OK;
}

long breach_dataset_origin(const breach_dataset *ds, size_t index, long *line)
{
    if (line)
        *line = 0;
    if (!ds || index >= ds->n)
        return BREACH_EINVAL;
    long k = input_of(ds, index);
    if (k >= 0 && line)
        *line = line_of(&ds->inputs[k], index);
    return k;
}

long breach_dataset_duplicate_of(const breach_dataset *ds, size_t index)
{
    if (!ds || index >= ds->n)
        return BREACH_EINVAL;
    if (!was_dropped(ds, index))
        return -1;
    size_t lo = 0, hi = ds->n_drops;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ds->drop_index[mid] < index)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (long)ds->drop_by[lo];
}

size_t breach_dataset_n_dropped(const breach_dataset *ds) { return ds ? ds->n_drops : 0; }

size_t breach_dataset_n_overlaps(const breach_dataset *ds) { return ds ? ds->n_overlaps : 0; }

int breach_dataset_overlap(const breach_dataset *ds, size_t i, breach_overlap *out,
                           breach_error *err)
{
    if (!ds || !out || i >= ds->n_overlaps)
        return breach_fail(err, BREACH_EINVAL, "no dataset or output, or overlap %zu out of range",
                           i);
    out->dropped_input = ds->overlaps[i].dropped_input;
    out->kept_input = ds->overlaps[i].kept_input;
    out->n = ds->overlaps[i].n;
    return BREACH_OK;
}
