/* Repeat victims: days between consecutive episodes of one organisation. */
#include "dataset_private.h"
#include "episode_private.h"
#include "parallel_private.h"
#include "select_private.h"
#include "sort_private.h"

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void breach_repeat_options_init(breach_repeat_options *o)
{
    if (!o)
        return;
    memset(o, 0, sizeof *o);
    o->date_field = BREACH_FIELD_EVENT;
    o->merge_within_days = 0;
    o->associate_window_days = 0; /* the default window */
}

/* How, for datasets of millions of incidents where most organisations appear once:
 *
 * - a first pass (census) finds the organisations with more than one dated incident, in
 *   2 bits an entity key id (4 MiB for 16 million names): the others, most of them, are
 *   counted and go no further;
 * - each dated incident of those becomes one 64-bit word (see `keyed`), written straight
 *   into its bucket of entity key ids, whose sizes the census counted;
 * - each bucket, small enough for the cache, is put in order (a counting sort by entity
 *   key, or a radix sort) and scanned at once: each organisation's episodes, the number
 *   of its intervals and their days (the summary then sorts nothing), and the words of
 *   the organisations hit again ("runs") copied out;
 * - the runs are put in entity-key order by their key strings, which gives each one the
 *   place of its intervals in the result; one pass over the runs' words writes them there.
 *
 * Each pass runs in two parts, on two threads, from 2^16 incidents (parallel_private.h):
 * halves of the selection for the census and the words, halves of the buckets for the
 * sort and scan, halves of the runs for the writing. The parts' findings are merged in a
 * fixed order and the sorts order by (entity, day, dataset index), so the result is the
 * same whatever the split.
 *
 * The words carry what the episodes need, so that the columns are read in dataset order,
 * but for the few incidents flagged as naming a vendor or having a date coarser than a day.
 * Memory: the system zeroes every fresh page on first touch, which at 10^7 incidents costs
 * more than the work done on them; so the words' buffer, once scanned, is the string
 * sort's scratch, then holds the intervals and becomes the result, and the runs' words,
 * once written out, hold the summary's sorted days. */

/* The column of a date field; for the event date, the first place it is looked for. */
static const breach_pdate *date_column(const breach_dataset *ds, int field)
{
    switch (field) {
    case BREACH_FIELD_REPORTED: return ds->reported;
    case BREACH_FIELD_DISCOVERED: return ds->discovered;
    default: return ds->occurred_start;
    }
}

/* Incident i's date (breach_dataset_pdate, called only for the event date's fallbacks:
 * this runs twice for every incident). */
static inline breach_pdate date_of(const breach_dataset *ds, const breach_pdate *col, int field,
                                   size_t i)
{
    breach_pdate p = col[i];
    if (field == BREACH_FIELD_EVENT && !breach_pdate_known(p))
        p = breach_dataset_pdate(ds, i, field);
    return p;
}

/* Dated incidents of named organisations, one 64-bit word each; from the top:
 *
 *     entity | day - day0 (db bits) | dataset index (ib bits) | 2 flags
 *
 * `entity` is, in the buckets of K, the entity key id's bits below the bucket's (which
 * gives the rest), and in G (see work), 0 and 1 in turn from one run to the next. Sorted
 * by the bits above the flags, a bucket is in (entity key, day, dataset index) order,
 * whatever order its words were written in. The index is packed when all fits in 64 bits
 * (as it does for billions of incidents over a few decades), so that a sort moves one
 * array; otherwise ib is 0, the indices are in idx, and the words are written in dataset
 * order for the sorts, which are stable, to keep. */
typedef struct keyed {
    uint64_t *w;
    size_t *idx; /* NULL when the index is packed in w */
    size_t n;
    unsigned ib, db; /* bits of the packed index (0 with idx) and of the day */
    int32_t day0;
} keyed;

#define FLAG_BITS 2
#define F_LOOKUP 1u /* the incident names a vendor (one campaign: one episode) or is a
                      business-associate filing (the associate window): the episodes read
                      its columns */
#define F_COARSE 2u /* its date is coarser than a day: the bounds need the precision */

static inline uint64_t kd_key(const keyed *K, size_t k) { return K->w[k] >> (FLAG_BITS + K->ib); }
static inline uint32_t kd_entity(const keyed *K, size_t k) { return (uint32_t)(kd_key(K, k) >> K->db); }
static inline int32_t kd_day(const keyed *K, size_t k)
{
    return (int32_t)(K->day0 + (int64_t)(kd_key(K, k) & (((uint64_t)1 << K->db) - 1)));
}
static inline size_t kd_index(const keyed *K, size_t k)
{
    return K->idx ? K->idx[k] : (size_t)(K->w[k] >> FLAG_BITS & (((uint64_t)1 << K->ib) - 1));
}
static inline unsigned kd_flags(const keyed *K, size_t k) { return (unsigned)(K->w[k] & 3u); }

/* The end of the organisation whose entries start at a (before end). */
static size_t group_end(const keyed *K, size_t a, size_t end)
{
    uint32_t ek = kd_entity(K, a);
    size_t b = a + 1;
    while (b < end && kd_entity(K, b) == ek)
        b++;
    return b;
}

/* Appends K's entries [a, b), the r-th run, to G (sized for it: see sort_and_scan). */
static void keep(keyed *G, const keyed *K, size_t a, size_t b, size_t r)
{
    unsigned shift = K->db + K->ib + FLAG_BITS;
    uint64_t low = ((uint64_t)1 << shift) - 1, entity = (uint64_t)(r & 1) << shift;
    for (size_t k = a; k < b; k++) {
        G->w[G->n] = entity | (K->w[k] & low);
        if (K->idx)
            G->idx[G->n] = K->idx[k];
        G->n++;
    }
}

/* The interval from the episode that starts at K's entry ep to the one that starts at k
 * (of one organisation): written to *iv (entity key `key`) when iv is not NULL, its days
 * counted in day_count[days] when day_count is not NULL. */
static void interval(const keyed *K, const breach_dataset *ds, const breach_pdate *col,
                     int field, size_t ep, size_t k, const char *key,
                     breach_repeat_interval *iv, size_t *day_count)
{
    int32_t days = kd_day(K, k) - kd_day(K, ep); /* >= 0: the days are in order */
    if (day_count)
        day_count[days]++;
    if (!iv)
        return;
    iv->entity_key = key;
    iv->first = kd_index(K, ep);
    iv->second = kd_index(K, k);
    if ((kd_flags(K, ep) | kd_flags(K, k)) & F_COARSE) {
        breach_date da = breach_unpack_date(date_of(ds, col, field, iv->first));
        breach_date db = breach_unpack_date(date_of(ds, col, field, iv->second));
        breach_date_interval(da, db, &iv->days, &iv->days_min, &iv->days_max);
    } else {
        /* a day's last day is itself: what breach_date_interval gives */
        iv->days = iv->days_min = iv->days_max = days;
    }
}

/* The episode rule's settings for one computation: its windows, the business-associate
 * entity_type ids, and the sources of the cross-source rule (NULL: the inputs have one
 * format, or none). */
typedef struct episode_rule {
    breach_episode_rule r;
    const uint32_t *assoc_ids;
    const uint8_t *sources;
} episode_rule;

/* The episodes of one organisation, whose incidents are K's entries [a, b) (by day): the
 * gaps between consecutive episodes are its intervals. Returns how many, or (size_t)-1
 * when out of memory; writes them to out (entity key `key`) when out is not NULL, and
 * counts their days in day_count[days] when day_count is not NULL. */
static size_t episodes(const keyed *K, const breach_dataset *ds, const breach_pdate *col,
                       int field, const episode_rule *er, size_t a, size_t b, const char *key,
                       breach_repeat_interval *out, size_t *day_count, breach_episode_work *ew)
{
    size_t n = 0, with_vendor = 0;
    int32_t merge_within = er->r.merge, window = er->r.window;
    for (size_t k = a; k < b && with_vendor < 2; k++)
        with_vendor += (kd_flags(K, k) & F_LOOKUP) != 0;
    if (with_vendor < 2 && !er->sources) { /* no campaign, associate filings or second source
                                              to join notices: the days alone decide (most do) */
        size_t ep = a; /* first incident of the current episode */
        for (size_t k = a + 1; k < b; k++) {
            if ((int64_t)kd_day(K, k) - kd_day(K, k - 1) <= merge_within)
                continue;
            interval(K, ds, col, field, ep, k, key, out ? &out[n] : NULL, day_count);
            n++;
            ep = k;
        }
        return n;
    }
    /* the rule in full (episode.c), on the organisation's days and vendor keys (from the
       column for the incidents flagged as naming one, a few) */
    size_t m = b - a, *start;
    breach_episode_input in;
    if (breach_episodes_room(ew, m, &in, &start))
        return (size_t)-1;
    for (size_t k = 0; k < m; k++) {
        size_t i = kd_index(K, a + k);
        int look = (kd_flags(K, a + k) & F_LOOKUP) != 0;
        in.day[k] = kd_day(K, a + k);
        in.vendor[k] = look ? breach_sparse_u32(&ds->vendor_key, i) : 0;
        in.assoc[k] = (uint8_t)(look && window >= 0 &&
                                breach_is_associate(er->assoc_ids, ds->entity_type[i]));
        in.source[k] = er->sources ? breach_episode_source(ds, er->sources, i, &in.reported[k]) : 0;
    }
    if (!er->sources)
        in.source = NULL;
    size_t ns = breach_episodes(&in, m, &er->r, start, ew);
    for (size_t e = 1; e < ns; e++, n++)
        interval(K, ds, col, field, a + start[e - 1], a + start[e], key, out ? &out[n] : NULL,
                 day_count);
    return n;
}

/* What the repeats need to know of the incidents, and where they are: see the how above. */
typedef struct work {
    unsigned eshift;   /* the bits of an entity key id below its bucket's */
    const breach_dataset *ds;
    const breach_pdate *col;
    int field;
    episode_rule rule; /* the episodes' windows and what they look up */
    uint32_t assoc_ids[3]; /* entity_type ids of business-associate filings */
    uint8_t *sources;  /* by input: its format's number for the cross-source rule */
    keyed K;           /* the dated incidents of organisations with more than one */
    keyed G;           /* the runs' words */
    uint64_t *seen;    /* by entity key id, 2 bits: see repeated() */
    size_t *bucket;    /* K's buckets: [bucket[b], bucket[b + 1]) */
    size_t nbuckets;
    size_t *day_count; /* intervals by days, NULL when the span is too wide */
    size_t span;       /* of the days: 0 .. span - 1 */
    size_t *count;     /* by run: its intervals, then where they start in the result */
    const char **key;  /* by run: its entity key */
    size_t split_run, split_word; /* the second part's first run and word (sort_and_scan) */
} work;

/* How many incidents ahead the census and the words ask for an entity's 2 bits. */
#define SEEN_AHEAD 32

/* Whether entity key id ek has two dated incidents or more in the selection (census):
 * 2 bits an id in w->seen, 0 none, 1 one, 3 more; without w->seen, every id may have. */
static inline int repeated(const work *w, uint32_t ek)
{
    return !w->seen || (w->seen[ek / 32] >> (ek % 32 * 2) & 2);
}

/* One part of the census (see census): its incidents, and what it found. */
typedef struct census_part {
    const work *w;
    breach_selection sel; /* a view of the whole selection's part */
    uint64_t over;        /* ids from here on do not fit */
    unsigned fshift;      /* an id's fine bucket: id >> fshift */
    uint64_t *seen;       /* 2 bits an id (see repeated()), NULL for 32-bit ids */
    size_t *count;        /* incidents by fine bucket */
    size_t n, unnamed, undated;
    int32_t lo_day, hi_day;
    int wide;             /* an id did not fit: nothing is counted */
} census_part;

static void census_run(void *arg, unsigned part)
{
    census_part *c = (census_part *)arg + part;
    const work *w = c->w;
    const breach_dataset *ds = w->ds;
    uint64_t *seen = c->seen;
    size_t n = 0, unnamed = 0, undated = 0;
    int32_t lo_day = INT32_MAX, hi_day = INT32_MIN;
    for (size_t at = 0, lo, hi; breach_selection_span(&c->sel, &at, &lo, &hi);)
        for (size_t i = lo; i < hi; i++) {
            if (seen && i + SEEN_AHEAD < ds->n) /* ids are all over the bitmap: ask ahead */
                BREACH_PREFETCH_WRITE(seen + ds->entity_key[i + SEEN_AHEAD] / 32);
            uint32_t ek = ds->entity_key[i];
            breach_pdate p = date_of(ds, w->col, w->field, i);
            if (!ek) {
                unnamed++;
                continue;
            }
            if (!breach_pdate_known(p)) {
                undated++;
                continue;
            }
            if (ek >= c->over) {
                c->wide = 1;
                return;
            }
            n++;
            int32_t day = breach_pdate_day(p);
            lo_day = day < lo_day ? day : lo_day;
            hi_day = day > hi_day ? day : hi_day;
            c->count[ek >> c->fshift]++;
            if (seen) { /* none -> one -> more */
                unsigned shift = ek % 32 * 2;
                uint64_t *s = &seen[ek / 32], once = *s >> shift & 1;
                *s |= (1 | once << 1) << shift;
            }
        }
    c->n = n;
    c->unnamed = unnamed;
    c->undated = undated;
    c->lo_day = lo_day;
    c->hi_day = hi_day;
}

#define ONES 0x5555555555555555u /* the low bit of every 2-bit state */

/* The first pass, in `parts` parts: what is left out (counted into r); which
 * organisations have more than one dated incident (w->seen, when every id is below
 * 2^ebits), those with one being counted into r->n_entities and going no further; the
 * days of the others (from *dmin to *dmax) and their incidents (*m), and how many of those
 * go to each bucket of entity key ids (w->bucket, the buckets sized for m). Returns 0, or
 * 1 when an id has more bits than ebits (nothing counted then, w->seen NULL), or
 * BREACH_ENOMEM. */
static int census(work *w, const breach_selection *sel, unsigned ebits, unsigned parts,
                  breach_repeats *r, size_t *m, int32_t *dmin, int32_t *dmax)
{
    breachp_free(w->seen);
    breachp_free(w->bucket);
    w->seen = NULL;
    w->bucket = NULL;
    /* incidents are counted in fine buckets (the most the sort may use), merged into as
       many as m calls for once m is known */
    unsigned fine = breach_radix_bucket_bits(SIZE_MAX, ebits);
    size_t words = ebits < 32 ? ((size_t)1 << ebits) / 32 + 1 : 0;
    census_part c[BREACH_MAX_PARTS];
    memset(c, 0, sizeof c);
    int rc = 0;
    for (unsigned p = 0; p < parts; p++) {
        c[p].w = w;
        breach_selection_part(sel, p, parts, &c[p].sel);
        c[p].over = ebits < 32 ? (uint64_t)1 << ebits : (uint64_t)1 << 32;
        c[p].fshift = ebits - fine;
        c[p].count = breachp_calloc(((size_t)1 << fine) + 1, sizeof *c[p].count);
        c[p].seen = words ? breachp_calloc(words, sizeof *c[p].seen) : NULL;
        if (!c[p].count || (words && !c[p].seen))
            rc = BREACH_ENOMEM;
    }
    if (!rc)
        breach_parallel(parts, census_run, c);
    for (unsigned p = 0; p < parts && !rc; p++)
        rc = c[p].wide;
    if (rc)
        goto done;
    /* the parts together: an organisation seen in both is seen more than once */
    size_t n = 0, distinct = 0, more = 0, *count = c[0].count;
    uint64_t *seen = c[0].seen;
    for (unsigned p = 0; p < parts; p++) {
        r->n_unnamed += c[p].unnamed;
        r->n_undated += c[p].undated;
        n += c[p].n;
        *dmin = p == 0 || c[p].lo_day < *dmin ? c[p].lo_day : *dmin;
        *dmax = p == 0 || c[p].hi_day > *dmax ? c[p].hi_day : *dmax;
        for (size_t f = 0; p && f < (size_t)1 << fine; f++)
            count[f] += c[p].count[f];
    }
    for (size_t j = 0; j < words; j++) {
        uint64_t x = seen[j];
        for (unsigned p = 1; p < parts; p++) {
            uint64_t y = c[p].seen[j];
            x = x | y | ((x & y & ONES) << 1);
        }
        seen[j] = x;
        uint64_t one = x & ~(x >> 1) & ONES; /* state 1 */
        distinct += (size_t)breach_popcount64(x & ONES);
        more += (size_t)breach_popcount64(x & ~ONES);
        /* an organisation with one incident has no interval: counted, and left out from
           here, and out of its bucket (the bitmap has each bucket's ids together) */
        if (!one)
            continue;
        if (c[0].fshift >= 5) { /* the word's 32 ids are in one bucket */
            count[((uint64_t)j * 32) >> c[0].fshift] -= (size_t)breach_popcount64(one);
        } else {
            for (; one; one &= one - 1)
                count[((uint64_t)j * 32 + (unsigned)__builtin_ctzll(one) / 2) >> c[0].fshift]--;
        }
    }
    r->n_entities = distinct - more; /* 0 without the bitmap: the sort counts them all */
    *m = n - r->n_entities;
    /* as many buckets as m calls for, each of fine ones together: bucket[b + 1] counts
       bucket b (for the prefix sums) */
    unsigned msd = breach_radix_bucket_bits(*m, ebits);
    w->eshift = ebits - msd;
    w->nbuckets = (size_t)1 << msd;
    if (!(w->bucket = breachp_calloc(w->nbuckets + 1, sizeof *w->bucket))) {
        rc = BREACH_ENOMEM;
        goto done;
    }
    for (size_t f = 0; f < (size_t)1 << fine; f++)
        w->bucket[(f >> (fine - msd)) + 1] += count[f];
    w->seen = seen;
    c[0].seen = NULL;
done:
    for (unsigned p = 0; p < parts; p++) {
        breachp_free(c[p].count);
        breachp_free(c[p].seen);
    }
    return rc;
}

/* One part of make_words: its incidents, and where its words go in each bucket. */
typedef struct words_part {
    work *w;
    breach_selection sel;
    size_t *next;  /* by bucket: where the next word goes (after it, going backward) */
    int backward;  /* the last part fills its buckets from their ends */
} words_part;

static void words_run(void *arg, unsigned part)
{
    words_part *c = (words_part *)arg + part;
    work *w = c->w;
    const breach_dataset *ds = w->ds;
    keyed *K = &w->K;
    unsigned eshift = w->eshift, db = K->db, ib = K->ib;
    uint32_t elow = (uint32_t)(((uint64_t)1 << eshift) - 1);
    size_t *next = c->next;
    for (size_t at = 0, lo, hi; breach_selection_span(&c->sel, &at, &lo, &hi);)
        for (size_t i = lo; i < hi; i++) {
            if (w->seen && i + SEEN_AHEAD < ds->n)
                BREACH_PREFETCH(w->seen + ds->entity_key[i + SEEN_AHEAD] / 32);
            uint32_t ek = ds->entity_key[i];
            breach_pdate p = date_of(ds, w->col, w->field, i);
            if (!ek || !breach_pdate_known(p) || !repeated(w, ek))
                continue;
            uint64_t key = (uint64_t)(ek & elow) << db |
                           (uint64_t)((int64_t)breach_pdate_day(p) - K->day0);
            unsigned flags = (breach_sparse_u32(&ds->vendor_key, i) ||
                                      (w->rule.r.window >= 0 &&
                                       breach_is_associate(w->assoc_ids, ds->entity_type[i]))
                                  ? F_LOOKUP
                                  : 0) |
                             (breach_unpack_date(p).precision != BREACH_PREC_DAY ? F_COARSE : 0);
            size_t *slot = &next[(uint64_t)ek >> eshift];
            size_t k = c->backward ? --*slot : (*slot)++;
            if (!K->idx) { /* packed */
                K->w[k] = (key << ib | i) << FLAG_BITS | flags;
            } else {
                K->w[k] = key << FLAG_BITS | flags;
                K->idx[k] = i;
            }
        }
}

/* Fills w->K with the m incidents of sel that have an entity key and a date and whose
 * organisation may have more (repeated), whose days run from dmin to dmax, each word in
 * its bucket (entity key ids >> w->eshift). With two parts (the index packed in the
 * words), the first fills each bucket from its start and the second from its end: a
 * bucket's words are then not in dataset order, which the sorts, that order by the index
 * too, do not need. Sets *parts to 1 when the index is not packed. */
static int make_words(work *w, const breach_selection *sel, size_t m, int32_t dmin,
                      int32_t dmax, unsigned *parts)
{
    const breach_dataset *ds = w->ds;
    keyed *K = &w->K;
    unsigned ebits = w->eshift ? w->eshift : 1; /* G's entity: 1 bit */
    /* a packed date's day has 30 bits: entity, day and flags fit in 64 bits whatever ib is */
    unsigned db = breach_bit_length((uint64_t)((int64_t)dmax - dmin));
    unsigned ib = breach_bit_length(ds->n - 1);
    int packed = ebits + db + ib + FLAG_BITS <= 64;
    if (!packed)
        *parts = 1;
    K->db = w->G.db = db;
    K->ib = w->G.ib = packed ? ib : 0;
    K->day0 = w->G.day0 = dmin;
    K->n = m;
    size_t bytes;
    if (!breach_size_mul(m, sizeof *K->w, &bytes))
        return BREACH_ENOMEM;
    K->w = breachp_malloc(bytes);
    K->idx = packed ? NULL : breachp_malloc(m * sizeof *K->idx);
    words_part c[BREACH_MAX_PARTS];
    memset(c, 0, sizeof c);
    int rc = !K->w || (!packed && !K->idx) ? BREACH_ENOMEM : 0;
    for (unsigned p = 0; p < *parts; p++) {
        c[p].w = w;
        breach_selection_part(sel, p, *parts, &c[p].sel);
        c[p].backward = p == 1;
        if (!(c[p].next = breachp_malloc(w->nbuckets * sizeof *c[p].next)))
            rc = BREACH_ENOMEM;
        else
            memcpy(c[p].next, w->bucket + c[p].backward, w->nbuckets * sizeof *c[p].next);
    }
    if (!rc)
        breach_parallel(*parts, words_run, c);
    for (unsigned p = 0; p < *parts; p++)
        breachp_free(c[p].next);
    return rc;
}

/* The organisations of K's bucket [s, e) with two incidents or more, into B's arrays
 * (room for e - s entries): each one's incidents together, by day then dataset order; the
 * organisations with one incident are only counted (*alone), which is most of them when
 * the census could not tell. A counting sort by entity key: cnt[] (all 0, an entry for
 * each of the bucket's ids) counts each key's incidents, then holds MARK | where its next
 * one goes; it is left all 0 again. The bucket's part of K is then free: the scratch for
 * sorting by day. */
#define MARK 0x80000000u
static int gather(keyed *B, keyed *K, size_t s, size_t e, uint32_t *cnt, uint64_t *alone)
{
    uint32_t kept = 0;
    for (size_t k = s; k < e; k++)
        cnt[kd_entity(K, k)]++;
    for (size_t k = s; k < e; k++) {
        uint32_t x = kd_entity(K, k), c = cnt[x];
        if (!(c & MARK)) { /* the organisation's first incident */
            if (c == 1) {
                ++*alone; /* no interval */
                continue;
            }
            kept += c;
            c = MARK | (kept - c);
        }
        B->w[c & ~MARK] = K->w[k];
        if (K->idx)
            B->idx[c & ~MARK] = K->idx[k];
        cnt[x] = c + 1;
    }
    for (size_t k = s; k < e; k++)
        cnt[kd_entity(K, k)] = 0;
    B->n = kept;
    for (size_t a = 0, b; a < kept; a = b) {
        b = group_end(B, a, kept);
        /* by day, then dataset index (in the word when packed; else the order kept):
           most have two entries, then a few; any number may come */
        if (b - a == 2) {
            if (B->w[a] >> FLAG_BITS > B->w[a + 1] >> FLAG_BITS) {
                uint64_t t = B->w[a];
                B->w[a] = B->w[a + 1];
                B->w[a + 1] = t;
                if (B->idx) {
                    size_t ti = B->idx[a];
                    B->idx[a] = B->idx[a + 1];
                    B->idx[a + 1] = ti;
                }
            }
        } else if (breach_radix_sort_scratch(B->w + a, B->idx ? B->idx + a : NULL, b - a,
                                             FLAG_BITS, K->w + s, K->idx ? K->idx + s : NULL)) {
            return BREACH_ENOMEM;
        }
    }
    return 0;
}

/* One part of sort_and_scan: its buckets, and what it found (its runs numbered from 0). */
typedef struct scan_part {
    work *w;
    size_t b0, b1;      /* buckets [b0, b1) */
    keyed G;            /* the runs' words */
    size_t *count;      /* by run: its intervals */
    const char **key;   /* by run: its entity key */
    size_t *day_count;  /* w->day_count, or a part's own */
    uint64_t alone, entities, runs, intervals;
    breach_episode_work ew;
    int rc;
} scan_part;

/* Puts each bucket of the part in order and scans it while it is in the cache: entities,
 * intervals and their days counted, the runs' words kept in G. When the buckets' spans of
 * entity key ids are narrow (as when most of the dataset is selected), a counting sort by
 * key (see gather); otherwise a radix sort puts the whole bucket in order. */
static void scan_run(void *arg, unsigned part)
{
    scan_part *sp = (scan_part *)arg + part;
    work *w = sp->w;
    unsigned eshift = w->eshift;
    keyed *K = &w->K, B = *K;
    size_t largest = 0;
    for (size_t b = sp->b0; b < sp->b1; b++)
        if (w->bucket[b + 1] - w->bucket[b] > largest)
            largest = w->bucket[b + 1] - w->bucket[b];
    /* the counts of a bucket's ids, 2^eshift of them, fit the L2 cache up to 2^17 */
    int counting = eshift <= 17 && largest < MARK;
    uint64_t *k2 = breachp_malloc((largest ? largest : 1) * sizeof *k2);
    size_t *v2 = K->idx ? breachp_malloc((largest ? largest : 1) * sizeof *v2) : NULL;
    uint32_t *cnt = counting ? breachp_calloc((size_t)1 << eshift, sizeof *cnt) : NULL;
    int rc = BREACH_ENOMEM;
    if (!k2 || (K->idx && !v2) || (counting && !cnt))
        goto done;
    for (size_t bk = sp->b0; bk < sp->b1; bk++) {
        size_t s = w->bucket[bk], e = w->bucket[bk + 1];
        if (counting) {
            B.w = k2;
            B.idx = v2;
            if ((rc = gather(&B, K, s, e, cnt, &sp->alone)))
                goto done;
        } else {
            if ((rc = breach_radix_sort_scratch(K->w + s, K->idx ? K->idx + s : NULL, e - s,
                                                FLAG_BITS, k2, v2)))
                goto done;
            B.w = K->w + s;
            B.idx = K->idx ? K->idx + s : NULL;
            B.n = e - s;
        }
        for (size_t a = 0, b; a < B.n; a = b) {
            b = group_end(&B, a, B.n);
            sp->entities++;
            if (b - a < 2)
                continue; /* one incident, no interval */
            size_t c = episodes(&B, w->ds, w->col, w->field, &w->rule, a, b, NULL, NULL,
                                sp->day_count, &sp->ew);
            if (c == (size_t)-1) {
                rc = BREACH_ENOMEM;
                goto done;
            }
            if (!c)
                continue;
            keep(&sp->G, &B, a, b, sp->runs);
            sp->key[sp->runs] = breach_intern_get(
                w->ds->strings, (uint32_t)((uint64_t)bk << eshift | kd_entity(&B, a)));
            sp->count[sp->runs++] = c;
            sp->intervals += c;
        }
    }
    rc = 0;
done:
    breachp_free(k2);
    breachp_free(v2);
    breachp_free(cnt);
    sp->rc = rc;
}

/* sort_and_scan in `parts` parts of about as many words (whole buckets each), their
 * findings put together in w and r: the runs numbered in bucket order, w->G their words
 * (w->split_run and w->split_word: where the second part's begin). The runs' words,
 * counts and keys are allocated once for all parts, each part writing from the start
 * of its share, which holds all it can write: every word of its buckets, and a run for
 * every two of them (a run has two incidents or more). The second part's are then moved
 * down behind the first's. */
static int sort_and_scan(work *w, breach_repeats *r, unsigned parts)
{
    if (w->nbuckets < parts)
        parts = 1;
    scan_part sp[BREACH_MAX_PARTS];
    memset(sp, 0, sizeof sp);
    size_t m = w->bucket[w->nbuckets], runs_cap = 0, bound[BREACH_MAX_PARTS];
    for (unsigned p = 0; p < parts; p++) {
        sp[p].b0 = p ? sp[p - 1].b1 : 0;
        sp[p].b1 = breach_part_buckets(w->bucket, w->nbuckets, m, p, parts, sp[p].b0);
        bound[p] = (w->bucket[sp[p].b1] - w->bucket[sp[p].b0]) / 2;
        runs_cap += bound[p];
    }
    keyed *G = &w->G;
    G->w = breachp_malloc((m ? m : 1) * sizeof *G->w);
    G->idx = w->K.idx ? breachp_malloc((m ? m : 1) * sizeof *G->idx) : NULL;
    w->count = breachp_malloc((runs_cap ? runs_cap : 1) * sizeof *w->count);
    w->key = breachp_malloc((runs_cap ? runs_cap : 1) * sizeof *w->key);
    int rc = !G->w || (w->K.idx && !G->idx) || !w->count || !w->key ? BREACH_ENOMEM : 0;
    for (unsigned p = 0; p < parts && !rc; p++) {
        size_t at = w->bucket[sp[p].b0], runs_at = p ? bound[0] : 0;
        sp[p].w = w;
        sp[p].G = *G; /* the packing, and the part's share of the words */
        sp[p].G.w = G->w + at;
        sp[p].G.idx = G->idx ? G->idx + at : NULL;
        sp[p].G.n = 0;
        sp[p].count = w->count + runs_at;
        sp[p].key = w->key + runs_at;
        sp[p].day_count = w->day_count;
        if (p && w->day_count && !(sp[p].day_count = breachp_calloc(w->span, sizeof *w->day_count)))
            rc = BREACH_ENOMEM;
    }
    if (!rc)
        breach_parallel(parts, scan_run, sp);
    for (unsigned p = 0; p < parts && !rc; p++)
        rc = sp[p].rc;
    w->split_run = sp[0].runs;
    w->split_word = G->n = sp[0].G.n;
    /* the second part's findings after the first's (moving down: the destination is never
       past the source): its words' run parity flipped when the first ends on an odd run,
       so that runs still alternate */
    for (unsigned p = 1; p < parts && !rc; p++) {
        const scan_part *q = &sp[p];
        uint64_t flip = (uint64_t)(w->split_run & 1) << (G->db + G->ib + FLAG_BITS);
        for (size_t k = 0; k < q->G.n; k++) {
            G->w[G->n + k] = q->G.w[k] ^ flip;
            if (G->idx)
                G->idx[G->n + k] = q->G.idx[k];
        }
        G->n += q->G.n;
        memmove(w->count + w->split_run, q->count, q->runs * sizeof *q->count);
        memmove(w->key + w->split_run, q->key, q->runs * sizeof *q->key);
        for (size_t d = 0; w->day_count && d < w->span; d++)
            w->day_count[d] += q->day_count[d];
    }
    for (unsigned p = 0; p < parts; p++) {
        r->n_entities += sp[p].alone + sp[p].entities;
        r->n_repeat_entities += sp[p].runs;
        r->n_intervals += sp[p].intervals;
    }
    for (unsigned p = 0; p < parts; p++) {
        breachp_free(sp[p].ew.p);
        if (sp[p].day_count != w->day_count)
            breachp_free(sp[p].day_count);
    }
    return rc;
}

/* One part of the intervals' writing: runs [run0, run1), whose words start at word0. */
typedef struct write_part {
    work *w;
    breach_repeats *r;
    size_t run0, run1, word0, word1;
    breach_episode_work ew;
    int rc;
} write_part;

/* The part's runs in order, their intervals to places all over the result (asked for
 * ahead). */
static void write_run(void *arg, unsigned part)
{
    write_part *wp = (write_part *)arg + part;
    work *w = wp->w;
    breach_repeats *r = wp->r;
    const keyed *G = &w->G;
    enum { AHEAD = 16 };
    wp->rc = BREACH_ENOMEM;
    for (size_t a = wp->word0, b, k = wp->run0; a < wp->word1; a = b, k++) {
        if (k + AHEAD < wp->run1)
            BREACH_PREFETCH_WRITE(r->intervals + w->count[k + AHEAD]);
        b = group_end(G, a, wp->word1);
        if (episodes(G, w->ds, w->col, w->field, &w->rule, a, b, w->key[k],
                     r->intervals + w->count[k], NULL, &wp->ew) == (size_t)-1)
            return;
    }
    wp->rc = 0;
}

/* One part of the runs' places in the result, from their order by key: the first part's
 * from the result's start forward, the second's from its end backward (which needs no
 * sum of the first part's counts). */
_Static_assert(BREACH_MAX_PARTS == 2, "places_run has a forward part and a backward one");
typedef struct places_part {
    size_t *count; /* by run: its intervals, then its place */
    const size_t *order;
    size_t lo, hi, end; /* positions [lo, hi) of the order; end: the intervals */
} places_part;

static void places_run(void *arg, unsigned part)
{
    places_part *c = (places_part *)arg + part;
    if (part == 0) { /* (with one part, all of them) */
        for (size_t k = c->lo, at = 0; k < c->hi; k++) {
            size_t n = c->count[c->order[k]];
            c->count[c->order[k]] = at;
            at += n;
        }
    } else {
        for (size_t k = c->hi, at = c->end; k-- > c->lo;) {
            at -= c->count[c->order[k]];
            c->count[c->order[k]] = at;
        }
    }
}

/* Writes r's intervals, the runs in entity key order, into the words' buffer, which
 * becomes r->intervals (w->K.w then NULL), in the parts sort_and_scan made. Layout of the
 * buffer, in bytes, first for the string sort, then for the result:
 *
 *     [0, sort)          the order of the runs by key, the sort's scratch
 *     [0, iv)            the intervals (the runs sorted, their places read)
 */
static int write_intervals(work *w, breach_repeats *r, unsigned parts)
{
    size_t nruns = r->n_repeat_entities, ni = r->n_intervals;
    size_t iv, sort, scratch = breach_sort_strings_scratch(nruns);
    if (!breach_size_mul(ni, sizeof(breach_repeat_interval), &iv) ||
        !breach_size_mul(nruns, sizeof(size_t), &sort) || !scratch ||
        !breach_size_add(sort, scratch, &sort))
        return BREACH_ENOMEM;
    char *buf = breachp_realloc(w->K.w, iv > sort ? iv : sort);
    if (!buf)
        return BREACH_ENOMEM;
    w->K.w = NULL;
    r->intervals = (breach_repeat_interval *)(void *)buf; /* r owns it from here */
    size_t *order = (size_t *)(void *)buf;
    if (breach_sort_strings(w->key, order, nruns, buf + sort - scratch))
        return BREACH_ENOMEM;
    /* the runs' places in the result, in key order, in two parts from 2^16 runs */
    places_part pp[BREACH_MAX_PARTS];
    unsigned pparts = breach_parts(nruns, (size_t)1 << 15);
    for (unsigned p = 0; p < pparts; p++) {
        pp[p] = (places_part){w->count, order, 0, 0, ni};
        breach_part_range(nruns, p, pparts, &pp[p].lo, &pp[p].hi);
    }
    breach_parallel(pparts, places_run, pp);
    /* the parts of sort_and_scan: the first part's runs, then the second's */
    write_part wp[BREACH_MAX_PARTS];
    memset(wp, 0, sizeof wp);
    if (parts > 1 && (w->split_run == 0 || w->split_run == nruns))
        parts = 1;
    for (unsigned p = 0; p < parts; p++) {
        wp[p].w = w;
        wp[p].r = r;
        wp[p].run0 = p ? w->split_run : 0;
        wp[p].run1 = p + 1 < parts ? w->split_run : nruns;
        wp[p].word0 = p ? w->split_word : 0;
        wp[p].word1 = p + 1 < parts ? w->split_word : w->G.n;
    }
    breach_parallel(parts, write_run, wp);
    int rc = 0;
    for (unsigned p = 0; p < parts; p++) {
        rc = rc ? rc : wp[p].rc;
        breachp_free(wp[p].ew.p);
    }
    if (rc)
        return rc;
    if (sort > iv) { /* the sort's part past the intervals is done with */
        breach_repeat_interval *fit = breachp_realloc(r->intervals, iv);
        if (fit)
            r->intervals = fit;
    }
    return 0;
}

/* The mean of the intervals' days from their counts by day (GSL's weighted mean of the
 * days that occur: a few thousand terms rather than one an interval), or NaN when out of
 * memory. */
static double mean_of_counts(const size_t *day_count, size_t span)
{
    double *x = breachp_malloc(2 * span * sizeof *x), *weight = x + span, mean = NAN;
    if (!x)
        return mean;
    size_t n = 0;
    for (size_t d = 0; d < span; d++)
        if (day_count[d]) {
            x[n] = (double)d;
            weight[n++] = (double)day_count[d];
        }
    mean = gsl_stats_wmean(weight, 1, x, 1, n);
    breachp_free(x);
    return mean;
}

/* The summary of the intervals' days: sorted (from w's counts, or by gsl_sort without
 * them), in the memory of the runs' words (as many as the intervals and more), then GSL's
 * quantiles and mean of the sorted data (or weighted mean of the counts). */
static void summarise(work *w, breach_repeats *r)
{
    _Static_assert(sizeof(double) <= sizeof *w->G.w, "a word holds a day");
    size_t ni = r->n_intervals;
    double *days = (double *)(void *)w->G.w, mean = NAN;
    if (w->day_count) {
        size_t k = 0;
        for (size_t d = 0; d < w->span; d++)
            for (size_t c = w->day_count[d]; c; c--)
                days[k++] = (double)d;
        mean = mean_of_counts(w->day_count, w->span);
    } else {
        for (size_t k = 0; k < ni; k++)
            days[k] = r->intervals[k].days;
        gsl_sort(days, 1, ni);
    }
    r->summary.n = ni;
    r->summary.min = days[0];
    r->summary.max = days[ni - 1];
    r->summary.q1 = gsl_stats_quantile_from_sorted_data(days, 1, ni, 0.25);
    r->summary.median = gsl_stats_median_from_sorted_data(days, 1, ni);
    r->summary.q3 = gsl_stats_quantile_from_sorted_data(days, 1, ni, 0.75);
    r->summary.mean = isnan(mean) ? gsl_stats_mean(days, 1, ni) : mean;
}

static void work_free(work *w)
{
    breachp_free(w->K.w);
    breachp_free(w->K.idx);
    breachp_free(w->G.w);
    breachp_free(w->G.idx);
    breachp_free(w->seen);
    breachp_free(w->bucket);
    breachp_free(w->day_count);
    breachp_free(w->count);
    breachp_free(w->key);
    breachp_free(w->sources);
}

breach_repeats *breach_repeats_compute(const breach_dataset *ds, const breach_filter *f,
                                       const breach_repeat_options *opt, breach_error *err)
{
    breach_repeat_options defaults;
    if (!opt) {
        breach_repeat_options_init(&defaults);
        opt = &defaults;
    }
    if (!ds) {
        breach_fail(err, BREACH_EINVAL, "no dataset");
        return NULL;
    }
    if (BREACH_RESERVED_OK(opt, 0, "repeat options", "breach_repeat_options_init", err))
        return NULL;
    if (opt->date_field < BREACH_FIELD_EVENT || opt->date_field > BREACH_FIELD_DISCOVERED ||
        opt->merge_within_days < 0) {
        breach_fail(err, BREACH_EINVAL, "invalid repeat options (date field %d, merge %d days)",
                    (int)opt->date_field, (int)opt->merge_within_days);
        return NULL;
    }
    breach_selection sel;
    if (breach_selection_make(&sel, ds, f, err))
        return NULL;
    work w;
    memset(&w, 0, sizeof w);
    w.ds = ds;
    w.field = opt->date_field;
    w.rule.r.merge = opt->merge_within_days;
    w.rule.r.window = breach_associate_window(opt->associate_window_days);
    w.rule.r.cross = breach_cross_source_window(opt->cross_source_window_days);
    breach_associate_ids(ds, w.assoc_ids);
    w.rule.assoc_ids = w.assoc_ids;
    if (!(w.assoc_ids[0] | w.assoc_ids[1] | w.assoc_ids[2]))
        w.rule.r.window = -1; /* no business-associate filing at all: nothing to look up */
    w.col = date_column(ds, w.field);
    size_t n_sources = 0;
    breach_repeats *r = breachp_calloc(1, sizeof *r);
    if (!r || breach_episode_sources(ds, &w.sources, &n_sources))
        goto oom;
    r->n_sources = (uint32_t)n_sources;
    if (n_sources > 1 && w.rule.r.cross >= 0)
        w.rule.sources = w.sources; /* else nothing for the cross-source rule to join */
    r->n_incidents = sel.n;
    r->repeat_share = NAN;
    r->summary.min = r->summary.q1 = r->summary.median = r->summary.q3 = r->summary.max =
        r->summary.mean = NAN;
    /* entity key ids run from 1 to the names' count (intern.h): buckets by their top bits */
    size_t m;
    int32_t dmin, dmax;
    unsigned ebits = breach_bit_length(breach_intern_count(ds->strings));
    /* each pass in two parts (threads) from 2^16 incidents when two processors are online
       (parallel_private.h); the results do not depend on it */
    unsigned parts = breach_parts(sel.n, (size_t)1 << 15);
    int rc = census(&w, &sel, ebits, parts, r, &m, &dmin, &dmax);
    if (rc == 1) /* an id beyond the count after all: buckets of any 32-bit id */
        rc = census(&w, &sel, 32, parts, r, &m, &dmin, &dmax);
    if (rc)
        goto oom;
    if (m) {
        for (size_t b = 1; b <= w.nbuckets; b++)
            w.bucket[b] += w.bucket[b - 1];
        /* an interval's days are between 0 and dmax - dmin: count them as they come when
           that span is no wider than the words (the summary then sorts nothing) */
        w.span = (size_t)((int64_t)dmax - dmin) + 1;
        if ((w.span <= m && !(w.day_count = breachp_calloc(w.span, sizeof *w.day_count))) ||
            make_words(&w, &sel, m, dmin, dmax, &parts) || sort_and_scan(&w, r, parts))
            goto oom;
    }
    if (r->n_entities)
        r->repeat_share = (double)r->n_repeat_entities / (double)r->n_entities;
    if (r->n_intervals) {
        if (write_intervals(&w, r, parts))
            goto oom;
        summarise(&w, r);
    }
    work_free(&w);
    breach_selection_free(&sel);
    return r;
oom:
    breach_fail(err, BREACH_ENOMEM, "out of memory computing repeat intervals");
    work_free(&w);
    breach_selection_free(&sel);
    breach_repeats_free(r);
    return NULL;
}

void breach_repeats_free(breach_repeats *r)
{
    if (!r)
        return;
    breachp_free(r->intervals);
    breachp_free(r);
}
