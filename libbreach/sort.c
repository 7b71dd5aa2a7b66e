/* LSD radix sort of 64-bit keys with a payload: repeat intervals sort (entity, day) pairs
 * of every incident, where a comparison sort was the slowest step. */
#include "breach_private.h"
#include "sort_private.h"

#include <stdlib.h>
#include <string.h>

#define DIGIT_BITS 11
#define BUCKETS (1u << DIGIT_BITS)
/* below this many keys an insertion sort wins over the count passes */
#define SMALL 48

int breach_radix_sort(uint64_t *keys, size_t *vals, size_t n)
{
    if (n < 2)
        return 0;
    /* only the bits that differ between keys need passes */
    uint64_t lo = keys[0], diff = 0;
    for (size_t i = 1; i < n; i++)
        diff |= keys[i] ^ lo;
    if (!diff)
        return 0;
    if (n <= SMALL) {
        /* insertion sort: stable, and cheaper than clearing the counts for a few keys */
        for (size_t i = 1; i < n; i++) {
            uint64_t k = keys[i];
            size_t v = vals[i], j = i;
            for (; j > 0 && keys[j - 1] > k; j--) {
                keys[j] = keys[j - 1];
                vals[j] = vals[j - 1];
            }
            keys[j] = k;
            vals[j] = v;
        }
        return 0;
    }
    int top = 63;
    while (!(diff >> top & 1))
        top--;
    int low = 0;
    while (!(diff >> low & 1))
        low++;
    size_t bytes;
    if (!breach_size_mul(n, sizeof *keys, &bytes))
        return BREACH_ENOMEM;
    uint64_t *k2 = malloc(bytes);
    size_t *v2 = malloc(n * sizeof *vals);
    if (!k2 || !v2) {
        free(k2);
        free(v2);
        return BREACH_ENOMEM;
    }
    uint64_t *ka = keys, *kb = k2;
    size_t *va = vals, *vb = v2;
    size_t count[BUCKETS];
    for (int shift = low; shift <= top; shift += DIGIT_BITS) {
        memset(count, 0, sizeof count);
        for (size_t i = 0; i < n; i++)
            count[(ka[i] >> shift) & (BUCKETS - 1)]++;
        size_t sum = 0;
        for (unsigned b = 0; b < BUCKETS; b++) {
            size_t c = count[b];
            count[b] = sum;
            sum += c;
        }
        for (size_t i = 0; i < n; i++) {
            size_t at = count[(ka[i] >> shift) & (BUCKETS - 1)]++;
            kb[at] = ka[i];
            vb[at] = va[i];
        }
        uint64_t *tk = ka;
        ka = kb;
        kb = tk;
        size_t *tv = va;
        va = vb;
        vb = tv;
    }
    if (ka != keys) {
        memcpy(keys, ka, n * sizeof *keys);
        memcpy(vals, va, n * sizeof *vals);
    }
    free(k2);
    free(v2);
    return 0;
}
