/* Sorting helpers: radix sorts of 64-bit keys (repeat intervals sort the (entity, day)
 * pairs of every incident, where a comparison sort was the slowest step), and a sort of
 * strings that radix-sorts them 8 bytes at a time (repeat victims in entity-key order). */
#include "breach_private.h"
#include "parallel_private.h"
#include "sort_private.h"

#include <stdlib.h>
#include <string.h>

/* Digits of at most 11 bits: 2,048 buckets, whose write positions stay in the L1 cache. */
#define MAX_DIGIT_BITS 11
#define MAX_PASSES ((64 + MAX_DIGIT_BITS - 1) / MAX_DIGIT_BITS)
/* below this many keys an insertion sort wins over the count passes */
#define SMALL 48
/* Up to this many keys (with their values, a few hundred KiB) the LSD passes run in the
 * L2 cache. Above, one MSD pass first splits the keys into buckets of about this size. */
#define CACHE_KEYS ((size_t)1 << 14)
/* at most 2^10 MSD buckets: more write streams than that thrash the TLB */
#define MAX_MSD_BITS 10
/* a part's counts (radix_parts): the MSD pass's write positions, the LSD passes' counts,
   and in part 0's the buckets' starts */
#define COUNTS (2 * (((size_t)1 << MAX_MSD_BITS) + 1) + ((size_t)MAX_PASSES << MAX_DIGIT_BITS))

/* The bits of keys[0..n) >> low that differ between keys. */
static uint64_t varying(const uint64_t *keys, size_t n, unsigned low)
{
    uint64_t diff = 0;
    for (size_t i = 1; i < n; i++)
        diff |= keys[i] ^ keys[0];
    return diff >> low;
}

/* Insertion sort by key >> low, carrying vals (may be NULL): stable, for a few keys. */
static void insertion_sort(uint64_t *keys, size_t *vals, size_t n, unsigned low)
{
    for (size_t i = 1; i < n; i++) {
        uint64_t k = keys[i];
        size_t v = vals ? vals[i] : 0, j = i;
        for (; j > 0 && keys[j - 1] >> low > k >> low; j--) {
            keys[j] = keys[j - 1];
            if (vals)
                vals[j] = vals[j - 1];
        }
        keys[j] = k;
        if (vals)
            vals[j] = v;
    }
}

/* LSD radix sort of keys[0..n) by key >> low, stably, carrying vals (may be NULL), with
 * scratch k2 and v2 (n entries each; v2 unused without vals) and count (MAX_PASSES <<
 * MAX_DIGIT_BITS entries). Only the bits that differ between keys get passes; the
 * histograms of all digits are counted in one read pass, and a digit that every key
 * shares is skipped. */
static void lsd(uint64_t *keys, size_t *vals, size_t n, unsigned low, uint64_t *k2, size_t *v2,
                size_t *count)
{
    if (n < 2)
        return;
    uint64_t diff = varying(keys, n, low);
    if (!diff)
        return;
    if (n <= SMALL) {
        /* insertion sort: stable, and cheaper than clearing the counts for a few keys */
        insertion_sort(keys, vals, n, low);
        return;
    }
    unsigned lo = low;
    for (; !(diff & 1); diff >>= 1)
        lo++;
    unsigned bits = breach_bit_length(diff);
    /* narrower digits for fewer keys, so that clearing the buckets stays below n */
    unsigned width = breach_bit_length(n) - 1;
    if (width > MAX_DIGIT_BITS)
        width = MAX_DIGIT_BITS;
    unsigned passes = (bits + width - 1) / width;
    width = (bits + passes - 1) / passes;
    size_t buckets = (size_t)1 << width, mask = buckets - 1;
    memset(count, 0, passes * buckets * sizeof *count);
    if (passes == 3) { /* the common case, unrolled: keys of 23 to 33 varying bits */
        size_t *c0 = count, *c1 = c0 + buckets, *c2 = c1 + buckets;
        for (size_t i = 0; i < n; i++) {
            uint64_t k = keys[i] >> lo;
            c0[k & mask]++;
            c1[(k >> width) & mask]++;
            c2[(k >> 2 * width) & mask]++;
        }
    } else {
        for (size_t i = 0; i < n; i++) {
            uint64_t k = keys[i] >> lo;
            for (unsigned p = 0; p < passes; p++, k >>= width)
                count[p * buckets + (k & mask)]++;
        }
    }
    uint64_t *ka = keys, *kb = k2;
    size_t *va = vals, *vb = v2;
    for (unsigned p = 0; p < passes; p++) {
        size_t *c = count + p * buckets, sum = 0;
        unsigned shift = lo + p * width;
        if (c[(ka[0] >> shift) & mask] == n)
            continue; /* one digit for all: this pass would copy */
        for (size_t b = 0; b < buckets; b++) {
            size_t t = c[b];
            c[b] = sum;
            sum += t;
        }
        if (vals)
            for (size_t i = 0; i < n; i++) {
                size_t at = c[(ka[i] >> shift) & mask]++;
                kb[at] = ka[i];
                vb[at] = va[i];
            }
        else
            for (size_t i = 0; i < n; i++)
                kb[c[(ka[i] >> shift) & mask]++] = ka[i];
        uint64_t *tk = ka;
        ka = kb;
        kb = tk;
        size_t *tv = va;
        va = vb;
        vb = tv;
    }
    if (ka != keys) {
        memcpy(keys, ka, n * sizeof *keys);
        if (vals)
            memcpy(vals, va, n * sizeof *vals);
    }
}

unsigned breach_radix_bucket_bits(size_t n, unsigned bits)
{
    unsigned msd = breach_bit_length(n / CACHE_KEYS);
    if (msd > MAX_MSD_BITS)
        msd = MAX_MSD_BITS;
    return msd < bits ? msd : bits;
}

/* One part of radix_parts: a share of the keys to count and scatter, then a share of the
 * buckets to sort. */
typedef struct radix_part {
    uint64_t *keys, *k2;
    size_t *vals, *v2;
    size_t lo, hi;       /* the part's keys: [lo, hi) */
    size_t b0, b1;       /* the part's buckets: [b0, b1) */
    unsigned low, shift; /* keys sorted by key >> low, buckets by key >> shift */
    size_t buckets;
    const size_t *start; /* the buckets' starts (buckets + 1 of them), shared */
    size_t *count;       /* the part's own (COUNTS entries): the first `buckets` are its
                            keys' counts by bucket, then where its next key of each goes;
                            the LSD passes' counts after them */
    int phase;           /* 0 count, 1 scatter, 2 sort the buckets */
} radix_part;

static void radix_part_run(void *arg, unsigned part)
{
    radix_part *c = (radix_part *)arg + part;
    size_t mask = c->buckets - 1, *next = c->count;
    if (c->phase == 0) {
        memset(next, 0, c->buckets * sizeof *next);
        for (size_t i = c->lo; i < c->hi; i++)
            next[(c->keys[i] >> c->shift) & mask]++;
    } else if (c->phase == 1) {
        for (size_t i = c->lo; i < c->hi; i++) {
            size_t at = next[(c->keys[i] >> c->shift) & mask]++;
            c->k2[at] = c->keys[i];
            if (c->vals)
                c->v2[at] = c->vals[i];
        }
    } else {
        for (size_t b = c->b0; b < c->b1; b++) {
            size_t s = c->start[b], len = c->start[b + 1] - s;
            memcpy(c->keys + s, c->k2 + s, len * sizeof *c->keys);
            if (c->vals)
                memcpy(c->vals + s, c->v2 + s, len * sizeof *c->vals);
            lsd(c->keys + s, c->vals ? c->vals + s : NULL, len, c->low, c->k2 + s,
                c->vals ? c->v2 + s : NULL, c->count + c->buckets);
        }
    }
}

/* Sorts keys[0..n) by key >> low (low < 64), stably, carrying vals (may be NULL), with
 * scratch k2 and v2 (n entries each, v2 only with vals), in `parts` parts (threads; 1: the
 * calling thread alone), count[p] the COUNTS entries of part p. Beyond the cache, LSD
 * passes over the whole array would each read and write it from memory: one MSD pass on
 * the top bits that vary first scatters the keys into the scratch by bucket, and then
 * each bucket, copied back, is sorted by the LSD passes in the cache (with its part of
 * the scratch as their scratch). The MSD pass's counting and scattering are split by keys
 * (part p's keys of a bucket after those of the parts before it: stable), the buckets'
 * LSD passes by buckets. */
static void radix_parts(uint64_t *keys, size_t *vals, size_t n, unsigned low, uint64_t *k2,
                        size_t *v2, size_t *const *count, unsigned parts)
{
    uint64_t diff = n < 2 ? 0 : varying(keys, n, low);
    if (!diff)
        return;
    unsigned top = low + breach_bit_length(diff); /* the bits that vary are below this one */
    unsigned msd = breach_radix_bucket_bits(n, top - low);
    if (msd == 0) {
        lsd(keys, vals, n, low, k2, v2, count[0]);
        return;
    }
    size_t buckets = (size_t)1 << msd;
    /* the starts, shared, past what part 0 uses of its counts */
    size_t *start = count[0] + ((size_t)1 << MAX_MSD_BITS) + ((size_t)MAX_PASSES << MAX_DIGIT_BITS);
    _Static_assert(COUNTS >= 2 * ((size_t)1 << MAX_MSD_BITS) + 1 +
                                 ((size_t)MAX_PASSES << MAX_DIGIT_BITS),
                   "a part's counts hold the starts too");
    radix_part c[BREACH_MAX_PARTS];
    for (unsigned p = 0; p < parts; p++) {
        c[p] = (radix_part){keys, k2, vals, v2, 0, 0, 0, 0, low, top - msd, buckets, start,
                            count[p], 0};
        breach_part_range(n, p, parts, &c[p].lo, &c[p].hi);
    }
    breach_parallel(parts, radix_part_run, c);
    /* the buckets' starts; each part's keys of a bucket after the parts' before it */
    size_t at = 0;
    for (size_t b = 0; b < buckets; b++) {
        start[b] = at;
        for (unsigned p = 0; p < parts; p++) {
            size_t t = c[p].count[b];
            c[p].count[b] = at;
            at += t;
        }
    }
    start[buckets] = at;
    for (unsigned p = 0; p < parts; p++)
        c[p].phase = 1;
    breach_parallel(parts, radix_part_run, c);
    /* the buckets in parts of about as many keys */
    for (unsigned p = 0; p < parts; p++) {
        c[p].b0 = p ? c[p - 1].b1 : 0;
        c[p].b1 = breach_part_buckets(start, buckets, n, p, parts, c[p].b0);
        c[p].phase = 2;
    }
    breach_parallel(parts, radix_part_run, c);
}

/* radix_parts on the calling thread, with count (COUNTS entries). */
static void radix_with(uint64_t *keys, size_t *vals, size_t n, unsigned low, uint64_t *k2,
                       size_t *v2, size_t *count)
{
    radix_parts(keys, vals, n, low, k2, v2, &count, 1);
}

int breach_radix_sort_scratch(uint64_t *keys, size_t *vals, size_t n, unsigned low, uint64_t *k2,
                              size_t *v2)
{
    if (n <= SMALL) {
        insertion_sort(keys, vals, n, low);
        return 0;
    }
    size_t *count = breachp_malloc(COUNTS * sizeof *count);
    if (!count)
        return BREACH_ENOMEM;
    radix_with(keys, vals, n, low, k2, v2, count);
    breachp_free(count);
    return 0;
}

int breach_radix_sort_high(uint64_t *keys, size_t *vals, size_t n, unsigned low)
{
    if (n <= SMALL) {
        insertion_sort(keys, vals, n, low);
        return 0;
    }
    size_t bytes;
    if (!breach_size_mul(n, sizeof *keys, &bytes))
        return BREACH_ENOMEM;
    uint64_t *k2 = breachp_malloc(bytes);
    size_t *v2 = vals ? breachp_malloc(n * sizeof *v2) : NULL;
    int rc = BREACH_ENOMEM;
    if (k2 && (v2 || !vals))
        rc = breach_radix_sort_scratch(keys, vals, n, low, k2, v2);
    breachp_free(k2);
    breachp_free(v2);
    return rc;
}

int breach_radix_sort(uint64_t *keys, size_t *vals, size_t n)
{
    return breach_radix_sort_high(keys, vals, n, 0);
}

/* The 8 bytes of s from its start, big-endian, zeros after its end: comparing these
 * numbers compares the bytes as strcmp does (as unsigned char, a shorter string first). */
static uint64_t chunk(const char *s)
{
    uint64_t c = 0;
    for (unsigned k = 0; k < 8 && s[k]; k++)
        c |= (uint64_t)(unsigned char)s[k] << (56 - 8 * k);
    return c;
}

/* Whether a string goes on past a chunk of it: no zero byte in the chunk. */
static int goes_on(uint64_t c) { return (c & 0xff) != 0; }

/* A range of the order still to sort: strings equal in their first `off` bytes. */
typedef struct pending {
    size_t start, n, off;
} pending;

size_t breach_sort_strings_scratch(size_t n)
{
    size_t bytes;
    if (!breach_size_mul(n, 3 * sizeof(uint64_t) + sizeof(size_t), &bytes))
        return 0;
    return bytes;
}

/* The strings' chunks, and one part of the ties: see breach_sort_strings. */
typedef struct strings_part {
    const char *const *strs;
    size_t *order;
    uint64_t *keys, *second, *k2;
    size_t *v2;
    size_t lo, hi; /* the part's positions */
    int rc;
} strings_part;

/* The part's strings' first two chunks, read while their memory is in the cache. */
static void chunks_run(void *arg, unsigned part)
{
    strings_part *c = (strings_part *)arg + part;
    const char *const *strs = c->strs;
    for (size_t j = c->lo; j < c->hi; j++) {
        /* the strings are all over memory: ask for them ahead */
        if (j + 16 < c->hi)
            BREACH_PREFETCH(strs[j + 16]);
        c->keys[j] = chunk(strs[j]);
        c->second[j] = goes_on(c->keys[j]) ? chunk(strs[j] + 8) : 0;
    }
}

/* The part's ranges of strings equal in their first chunk, each sorted by the chunks
 * after it: MSD by chunks, each run of equal chunks that goes on by the next 8 bytes.
 * Every string's bytes are read once per chunk up to where it differs from its
 * neighbours: linear in the bytes that decide the order. */
static void ties_run(void *arg, unsigned part)
{
    strings_part *c = (strings_part *)arg + part;
    const char *const *strs = c->strs;
    size_t *count = breachp_malloc(COUNTS * sizeof *count);
    pending *stack = NULL;
    size_t depth = 0, cap = 0;
    c->rc = BREACH_ENOMEM;
    if (!count)
        return;
    int rc = 0;
    for (size_t a = c->lo, b; a < c->hi && !rc; a = b) {
        for (b = a + 1; b < c->hi && c->keys[b] == c->keys[a]; b++)
            ;
        if (b - a > 1 && goes_on(c->keys[a]) &&
            !(rc = breach_grow((void **)&stack, &cap, depth + 1, sizeof *stack)))
            stack[depth++] = (pending){a, b - a, 8};
        while (depth && !rc) {
            pending p = stack[--depth];
            uint64_t *k = c->keys + p.start;
            size_t *o = c->order + p.start;
            if (p.off == 8) {
                for (size_t j = 0; j < p.n; j++)
                    k[j] = c->second[o[j]];
            } else {
                for (size_t j = 0; j < p.n; j++) {
                    if (j + 16 < p.n)
                        BREACH_PREFETCH(strs[o[j + 16]] + p.off);
                    k[j] = chunk(strs[o[j]] + p.off);
                }
            }
            radix_with(k, o, p.n, 0, c->k2 + p.start, c->v2 + p.start, count);
            for (size_t x = 0, y; x < p.n; x = y) {
                for (y = x + 1; y < p.n && k[y] == k[x]; y++)
                    ;
                if (y - x > 1 && goes_on(k[x])) {
                    if ((rc = breach_grow((void **)&stack, &cap, depth + 1, sizeof *stack)))
                        break;
                    stack[depth++] = (pending){p.start + x, y - x, p.off + 8};
                }
            }
        }
    }
    breachp_free(count);
    breachp_free(stack);
    c->rc = rc;
}

int breach_sort_strings(const char *const *strs, size_t *order, size_t n, void *scratch)
{
    for (size_t k = 0; k < n; k++)
        order[k] = k;
    if (n < 2)
        return 0;
    size_t bytes = breach_sort_strings_scratch(n);
    void *own = NULL;
    if (!scratch && (!bytes || !(scratch = own = breachp_malloc(bytes))))
        return BREACH_ENOMEM;
    /* keys: the chunk that each range is sorted by; second: each string's bytes 8..15,
       read with its first 8 while its memory is in the cache (most strings end there);
       k2, v2: the radix sort's */
    uint64_t *keys = scratch, *second = keys + n, *k2 = second + n;
    size_t *v2 = (size_t *)(void *)(k2 + n);
    /* the chunks, then all sorted by the first: in two parts (threads) from 2^16 strings
       (parallel_private.h), the second part's ties starting at a new first chunk */
    unsigned parts = breach_parts(n, (size_t)1 << 15);
    size_t *count[BREACH_MAX_PARTS] = {NULL};
    int rc = 0;
    for (unsigned p = 0; p < parts; p++)
        if (!(count[p] = breachp_malloc(COUNTS * sizeof *count[p])))
            rc = BREACH_ENOMEM;
    strings_part c[BREACH_MAX_PARTS];
    for (unsigned p = 0; p < parts && !rc; p++) {
        c[p] = (strings_part){strs, order, keys, second, k2, v2, 0, 0, 0};
        breach_part_range(n, p, parts, &c[p].lo, &c[p].hi);
    }
    if (!rc) {
        breach_parallel(parts, chunks_run, c);
        radix_parts(keys, order, n, 0, k2, v2, count, parts);
    }
    for (unsigned p = 0; p < parts; p++)
        breachp_free(count[p]);
    if (rc) {
        breachp_free(own);
        return rc;
    }
    if (parts > 1) {
        size_t mid = c[1].lo;
        while (mid < n && keys[mid] == keys[mid - 1])
            mid++;
        c[0].hi = c[1].lo = mid;
    }
    breach_parallel(parts, ties_run, c);
    breachp_free(own);
    for (unsigned p = 0; p < parts; p++)
        if (c[p].rc)
            return BREACH_ENOMEM;
    return 0;
}
