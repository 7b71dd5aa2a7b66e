/* White-box tests of the sorts (libbreach/sort.c, private), compiled into this program:
 * the string sort and the 64-bit radix sort against qsort with the index as the last key
 * (a stable order computed another way), on one thread and on two (breach_set_threads). The
 * sizes are past the points where the sorts change their method: 2^16 items for two
 * parts, 2^15 keys for a most-significant-digit pass first. */
#include "check.h"
#include "../libbreach/sort_private.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A small deterministic generator (splitmix64), so that a failure can be replayed. */
static uint64_t state;
static uint64_t next_random(void)
{
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static const char *const *cmp_strs;
static int by_string_then_index(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    int c = strcmp(cmp_strs[x], cmp_strs[y]);
    return c ? c : (x > y) - (x < y);
}

static const uint64_t *cmp_keys;
static unsigned cmp_low;
static int by_key_then_index(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    uint64_t kx = cmp_keys[x] >> cmp_low, ky = cmp_keys[y] >> cmp_low;
    if (kx != ky)
        return kx < ky ? -1 : 1;
    return (x > y) - (x < y);
}

/* n strings of the shapes that decide the string sort's paths: names such as entity keys
 * ("org 8853326 inc": every string past its first 8 bytes), long shared prefixes (ties
 * over several chunks), many duplicates of short strings (ties that only the index
 * orders), prefixes of one another, the empty string, and bytes from 0x80 up. */
static char **make_strings(size_t n)
{
    char **s = malloc(n * sizeof *s);
    if (!s)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        char buf[64];
        uint64_t r = next_random();
        switch (r % 6) {
        case 0:
            snprintf(buf, sizeof buf, "org %u inc", (unsigned)(r >> 8) % 30000000u);
            break;
        case 1:
            snprintf(buf, sizeof buf, "organisation of the same long prefix %u",
                     (unsigned)(r >> 8) % 5000u);
            break;
        case 2:
            snprintf(buf, sizeof buf, "%c%c", 'a' + (int)(r >> 8) % 3, 'a' + (int)(r >> 16) % 3);
            break;
        case 3: /* "abcdefghijklmnop" cut at any length, the empty string among them */
            snprintf(buf, sizeof buf, "%.*s", (int)((r >> 8) % 17), "abcdefghijklmnop");
            break;
        case 4:
            snprintf(buf, sizeof buf, "caf\xc3\xa9 %u \xff", (unsigned)(r >> 8) % 1000u);
            break;
        default:
            snprintf(buf, sizeof buf, "\x7f%08x", (unsigned)(r >> 8) % 256u);
            break;
        }
        s[i] = strdup(buf);
    }
    return s;
}

/* breach_sort_strings' order of strs against qsort's, under breach_set_threads(threads). */
static void check_strings(char **strs, size_t n, const char *threads)
{
    unsigned before = breach_set_threads((unsigned)atoi(threads));
    size_t *got = malloc(n * sizeof *got), *want = malloc(n * sizeof *want);
    CU_ASSERT_PTR_NOT_NULL_FATAL(got);
    CU_ASSERT_PTR_NOT_NULL_FATAL(want);
    CHECK_EQ_LL(breach_sort_strings((const char *const *)strs, got, n, NULL), 0);
    for (size_t i = 0; i < n; i++)
        want[i] = i;
    cmp_strs = (const char *const *)strs;
    qsort(want, n, sizeof *want, by_string_then_index);
    size_t wrong = 0, first = n;
    for (size_t i = 0; i < n; i++)
        if (got[i] != want[i] && wrong++ == 0)
            first = i;
    if (wrong)
        fprintf(stderr, "\n  %s threads: %zu of %zu misplaced, first at %zu: \"%s\" (%zu), want \"%s\" (%zu)\n",
                threads, wrong, n, first, strs[got[first]], got[first], strs[want[first]],
                want[first]);
    CHECK_EQ_LL(wrong, 0);
    free(got);
    free(want);
    breach_set_threads(before);
}

static void test_strings(void)
{
    state = 20261128;
    static const size_t sizes[] = {0, 1, 2, 47, 1000, 70000, 300000};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        size_t n = sizes[k];
        char **strs = make_strings(n ? n : 1);
        CU_ASSERT_PTR_NOT_NULL_FATAL(strs);
        check_strings(strs, n, "1");
        check_strings(strs, n, "2");
        check_strings(strs, n, "7");
        for (size_t i = 0; i < (n ? n : 1); i++)
            free(strs[i]);
        free(strs);
    }
}

/* breach_radix_sort_high by key >> low, carrying the indices, against qsort's order. */
static void check_keys(const uint64_t *keys, size_t n, unsigned low, const char *what)
{
    uint64_t *k = malloc((n ? n : 1) * sizeof *k);
    size_t *got = malloc((n ? n : 1) * sizeof *got), *want = malloc((n ? n : 1) * sizeof *want);
    CU_ASSERT_PTR_NOT_NULL_FATAL(k);
    CU_ASSERT_PTR_NOT_NULL_FATAL(got);
    CU_ASSERT_PTR_NOT_NULL_FATAL(want);
    for (size_t i = 0; i < n; i++) {
        k[i] = keys[i];
        got[i] = want[i] = i;
    }
    CHECK_EQ_LL(breach_radix_sort_high(k, got, n, low), 0);
    cmp_keys = keys;
    cmp_low = low;
    qsort(want, n, sizeof *want, by_key_then_index);
    size_t wrong = 0;
    for (size_t i = 0; i < n; i++)
        wrong += got[i] != want[i] || k[i] != keys[want[i]];
    if (wrong)
        fprintf(stderr, "\n  %s (n %zu, low %u): %zu misplaced\n", what, n, low, wrong);
    CHECK_EQ_LL(wrong, 0);
    free(k);
    free(got);
    free(want);
}

static void test_keys(void)
{
    state = 42;
    enum { N = 200000 };
    uint64_t *keys = malloc(N * sizeof *keys);
    CU_ASSERT_PTR_NOT_NULL_FATAL(keys);
    /* full 64-bit keys; few distinct values (the index alone orders the ties); keys
       that vary in a narrow middle band (one LSD pass, others skipped); low bits ignored */
    for (size_t i = 0; i < N; i++)
        keys[i] = next_random();
    check_keys(keys, N, 0, "random");
    check_keys(keys, 30, 0, "random, insertion sort");
    for (size_t i = 0; i < N; i++)
        keys[i] = next_random() % 7 << 40;
    check_keys(keys, N, 0, "seven values");
    for (size_t i = 0; i < N; i++)
        keys[i] = 0xABCD000000000000ull | (next_random() & 0xFFFFF) << 20 | 0x5;
    check_keys(keys, N, 0, "a band of 20 bits");
    for (size_t i = 0; i < N; i++)
        keys[i] = next_random();
    check_keys(keys, N, 50, "the top 14 bits");
    free(keys);
}

int main(void)
{
    static const test_entry tests[] = {
        {"strings: as strcmp orders them, ties by index, one part or two", test_strings},
        {"64-bit keys: as qsort orders them, stably", test_keys},
        {NULL, NULL},
    };
    return run_suite("sort", tests);
}
