/* Sorting helpers (private). */
#ifndef BREACH_SORT_PRIVATE_H
#define BREACH_SORT_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

/* Sorts keys[0..n) ascending, carrying vals along, stably (equal keys keep their order).
 * LSD radix sort in 11-bit digits over only the bits that vary: O(n) time, O(n) scratch.
 * Returns 0, or BREACH_ENOMEM (then nothing moved). */
int breach_radix_sort(uint64_t *keys, size_t *vals, size_t n);

/* An (organisation, day) sort key: the entity key id above, the day (offset to be unsigned)
 * below, so that one radix sort groups organisations and orders each one's dates. */
static inline uint64_t breach_entity_day_key(uint32_t ek, int32_t day)
{
    return ((uint64_t)ek << 32) | (uint32_t)((int64_t)day - INT32_MIN);
}
static inline uint32_t breach_key_entity(uint64_t k) { return (uint32_t)(k >> 32); }
static inline int32_t breach_key_day(uint64_t k) { return (int32_t)((int64_t)(uint32_t)k + INT32_MIN); }

#endif
