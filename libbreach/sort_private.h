/* Sorting helpers (private). */
#ifndef BREACH_SORT_PRIVATE_H
#define BREACH_SORT_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

/* Sorts keys[0..n) ascending, carrying vals along, stably (equal keys keep their order).
 * Radix sort in digits of up to 11 bits over only the bits that vary (LSD, after one MSD
 * pass when the keys outgrow the cache): O(n) time, O(n) scratch. Returns 0, or
 * BREACH_ENOMEM (then nothing moved). */
int breach_radix_sort(uint64_t *keys, size_t *vals, size_t n);

/* The same by the bits of the keys from `low` (< 64) up, vals NULL for none: the bits
 * below `low` are a payload that the sort carries (a dataset index packed under a sort key
 * costs one array instead of two). */
int breach_radix_sort_high(uint64_t *keys, size_t *vals, size_t n, unsigned low);

/* The same with the caller's scratch: k2 with room for n keys, v2 for n values (unused
 * when vals is NULL), so that a loop over many small sorts or a caller that has memory at
 * hand allocates nothing large. */
int breach_radix_sort_scratch(uint64_t *keys, size_t *vals, size_t n, unsigned low, uint64_t *k2,
                              size_t *v2);

/* How many of the top bits of keys (of which `bits` vary) to split n keys by, into
 * buckets small enough for the cache: 0 when they are already (at most 10). */
unsigned breach_radix_bucket_bits(size_t n, unsigned bits);

/* Fills order[0..n) with the permutation that puts strs[0..n) (NUL-terminated) in strcmp
 * order, stably; strs is not changed. Radix sort by 8-byte chunks (MSD): time linear in the
 * bytes that decide the order. scratch: breach_sort_strings_scratch(n) bytes (8-byte
 * aligned) of the caller's, or NULL to allocate them. Returns 0, or BREACH_ENOMEM (order
 * is then unspecified). */
int breach_sort_strings(const char *const *strs, size_t *order, size_t n, void *scratch);
/* 0 when the size overflows */
size_t breach_sort_strings_scratch(size_t n);

/* Number of bits of v (0 for 0). */
static inline unsigned breach_bit_length(uint64_t v)
{
    unsigned b = 0;
    for (; v; v >>= 1)
        b++;
    return b;
}

/* An (organisation, day) sort key: the entity key id above, the day (offset to be unsigned)
 * below, so that one radix sort groups organisations and orders each one's dates. */
static inline uint64_t breach_entity_day_key(uint32_t ek, int32_t day)
{
    return ((uint64_t)ek << 32) | (uint32_t)((int64_t)day - INT32_MIN);
}
static inline uint32_t breach_key_entity(uint64_t k) { return (uint32_t)(k >> 32); }
static inline int32_t breach_key_day(uint64_t k) { return (int32_t)((int64_t)(uint32_t)k + INT32_MIN); }

#endif
