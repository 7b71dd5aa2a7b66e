/* Sorting helpers (private). */
#ifndef BREACH_SORT_PRIVATE_H
#define BREACH_SORT_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

/* Sorts keys[0..n) ascending, carrying vals along, stably (equal keys keep their order).
 * LSD radix sort in 11-bit digits over only the bits that vary: O(n) time, O(n) scratch.
 * Returns 0, or BREACH_ENOMEM (then nothing moved). */
int breach_radix_sort(uint64_t *keys, size_t *vals, size_t n);

#endif
