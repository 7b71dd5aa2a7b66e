/* White-box tests of the string table (libbreach/intern.c, private), compiled into this
 * program with 4 id bits at first instead of 24, so that a few thousand names cross the
 * widening of the id part of the slots (and its re-hashing of every name) many times, as
 * 16 million names would in a dataset. Every expectation holds by construction: names
 * are "name-<i>", put in order, so the i-th new one gets id i. */
#include "check.h"
#include "../libbreach/intern.h"

#include <stdint.h>
#include <stdlib.h>

static void test_dedup_across_widenings(void)
{
    breach_intern *t = breach_intern_new();
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    enum { N = 70000 }; /* ids need 17 bits: 13 widenings from 4 */
    long bad = 0;
    for (int i = 1; i <= N; i++) {
        char s[32];
        int n = snprintf(s, sizeof s, "name-%d", i);
        uint32_t id = 0;
        int is_new = -1;
        if (breach_intern_put(t, s, (size_t)n, &id, &is_new) != 0 || id != (uint32_t)i || is_new != 1)
            bad++;
        /* every earlier name is still found after the table changed its layout */
        if (i % 997 == 0)
            for (int j = 1; j <= i; j += 101) {
                n = snprintf(s, sizeof s, "name-%d", j);
                if (breach_intern_find(t, s, (size_t)n) != (uint32_t)j)
                    bad++;
            }
    }
    CHECK_EQ_LL(bad, 0);
    CHECK_EQ_LL(breach_intern_count(t), N);
    for (int i = 1; i <= N; i++) {
        char s[32];
        int n = snprintf(s, sizeof s, "name-%d", i);
        uint32_t id = 0;
        int is_new = -1;
        if (breach_intern_put(t, s, (size_t)n, &id, &is_new) != 0 || id != (uint32_t)i || is_new != 0)
            bad++;
        const char *got = breach_intern_get(t, (uint32_t)i);
        if (!got || strcmp(got, s) || strlen(got) != (size_t)n)
            bad++;
    }
    CHECK_EQ_LL(bad, 0);
    /* a prefix, an extension and a string never put are not found */
    CHECK_EQ_LL(breach_intern_find(t, "name-1", 5), 0);
    CHECK_EQ_LL(breach_intern_find(t, "name-10", 7), 10);
    CHECK_EQ_LL(breach_intern_find(t, "name-100000", 11), 0);
    CHECK_EQ_LL(breach_intern_find(t, "", 0), 0);
    CU_ASSERT_PTR_NULL(breach_intern_get(t, 0));
    CU_ASSERT_PTR_NULL(breach_intern_get(t, N + 1));
    uint32_t id;
    CHECK_EQ_LL(breach_intern_put_plain(t, "x", 1, &id), BREACH_EINVAL);
    breach_intern_free(t);
}

static void test_plain_locators(void)
{
    breach_intern *t = breach_intern_new();
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    enum { N = 200000, BIG = 400000 };
    uint32_t *ids = malloc(N * sizeof *ids);
    char *big = malloc(BIG + 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ids);
    CU_ASSERT_PTR_NOT_NULL_FATAL(big);
    long bad = 0;
    for (int i = 0; i < N; i++) {
        char s[32];
        const char *text = s;
        size_t n;
        if (i % 50000 == 7) { /* a string bigger than a quarter chunk: a chunk of its own */
            memset(big, 'A' + i % 26, BIG);
            big[BIG] = '\0';
            text = big;
            n = BIG;
        } else {
            n = (size_t)snprintf(s, sizeof s, "g%d", i);
        }
        if (breach_intern_put_plain(t, text, n, &ids[i]) != 0 || ids[i] == 0)
            bad++;
    }
    CHECK_EQ_LL(bad, 0);
    CHECK_EQ_LL(breach_intern_count(t), N);
    for (int i = 0; i < N; i++) {
        const char *got = breach_intern_get(t, ids[i]);
        if (i % 50000 == 7) {
            if (!got || strlen(got) != BIG || got[0] != 'A' + i % 26 || got[BIG - 1] != got[0])
                bad++;
        } else {
            char s[32];
            snprintf(s, sizeof s, "g%d", i);
            if (!got || strcmp(got, s))
                bad++;
        }
    }
    CHECK_EQ_LL(bad, 0);
    CHECK_EQ_LL(breach_intern_find(t, "g1", 2), 0); /* a plain table finds nothing */
    CU_ASSERT_PTR_NULL(breach_intern_get(t, 0));
    CU_ASSERT_PTR_NULL(breach_intern_get(t, UINT32_MAX)); /* a chunk that does not exist */
    uint32_t id;
    CHECK_EQ_LL(breach_intern_put(t, "x", 1, &id, NULL), BREACH_EINVAL);
    free(ids);
    free(big);
    breach_intern_free(t);
}

int main(void)
{
    static const test_entry tests[] = {
        {"names deduplicated across slot widenings", test_dedup_across_widenings},
        {"plain strings located by id", test_plain_locators},
        {NULL, NULL},
    };
    return run_suite("intern", tests);
}
