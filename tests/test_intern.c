/* White-box tests of the string table (libbreach/intern.c, private), compiled into this
 * program with 4 id bits at first instead of 24, so that a few thousand names cross the
 * widening of the id part of the slots (and its re-hashing of every name) many times, as
 * 16 million names would in a dataset. Every expectation holds by construction: names
 * are "name-<i>", put in order, so the i-th new one gets id i. */
#include "check.h"
#include "../libbreach/breach_private.h" /* breach_hash_bytes */
#include "../libbreach/intern.h"

#include <stdint.h>
#include <stdlib.h>

/* The names "name-1" .. "name-<count>", which t holds with ids 1 .. count: how many of
 * them are not found by find, not put again as known ones with their ids (by
 * breach_intern_put_hashed when `hashed`, else breach_intern_put), or not read back. */
static long recheck_names(breach_intern *t, int count, int hashed)
{
    long bad = 0;
    for (int i = 1; i <= count; i++) {
        char s[32];
        int n = snprintf(s, sizeof s, "name-%d", i);
        uint32_t id = 0;
        int is_new = -1;
        int rc = hashed ? breach_intern_put_hashed(t, s, (size_t)n, breach_hash_bytes(s, (size_t)n),
                                                   &id, &is_new)
                        : breach_intern_put(t, s, (size_t)n, &id, &is_new);
        const char *got = breach_intern_get(t, (uint32_t)i);
        if (breach_intern_find(t, s, (size_t)n) != (uint32_t)i || rc != 0 || id != (uint32_t)i ||
            is_new != 0 || !got || strcmp(got, s) != 0)
            bad++;
    }
    return bad;
}

/* Puts the new names "name-<from>" .. "name-<to>", which must get ids from .. to: how
 * many did not (or were not new). */
static long put_new_names(breach_intern *t, int from, int to)
{
    long bad = 0;
    for (int i = from; i <= to; i++) {
        char s[32];
        int n = snprintf(s, sizeof s, "name-%d", i);
        uint32_t id = 0;
        int is_new = -1;
        if (breach_intern_put(t, s, (size_t)n, &id, &is_new) != 0 || id != (uint32_t)i || is_new != 1)
            bad++;
    }
    return bad;
}

static void test_dedup_across_widenings(void)
{
    breach_intern *t = breach_intern_new();
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    enum { N = 70000, STEP = 997 }; /* ids need 17 bits: 13 widenings from 4 */
    long bad = 0;
    for (int done = 0; done < N;) {
        int upto = done + STEP < N ? done + STEP : N;
        bad += put_new_names(t, done + 1, upto);
        done = upto;
        /* every earlier name is still found after the table changed its layout */
        for (int j = 1; j <= done; j += 101) {
            char s[32];
            int n = snprintf(s, sizeof s, "name-%d", j);
            if (breach_intern_find(t, s, (size_t)n) != (uint32_t)j)
                bad++;
        }
    }
    CHECK_EQ_LL(bad, 0);
    CHECK_EQ_LL(breach_intern_count(t), N);
    CHECK_EQ_LL(recheck_names(t, N, 0), 0);
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

/* The loader's read-ahead: hints fetch memory and change nothing, and a name put with its
 * hash given is the name put plainly. */
static void test_read_ahead_hints(void)
{
    breach_intern *t = breach_intern_new();
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    /* a table without slots yet: steps do nothing */
    breach_intern_prefetch_step(t, 12345, 0);
    breach_intern_prefetch_step(t, 12345, 1);
    breach_intern_prefetch_step(t, 12345, 2);
    enum { N = 70000 }; /* across the widenings, as above */
    long bad = 0;
    uint64_t junk = 0x9E3779B97F4A7C15ull;
    for (int i = 1; i <= N; i++) {
        char s[32];
        int n = snprintf(s, sizeof s, "name-%d", i);
        uint64_t h = breach_hash_bytes(s, (size_t)n);
        breach_intern_prefetch_step(t, h, 0);
        /* steps for names put already, this one, and hashes of nothing */
        char e[32];
        int en = snprintf(e, sizeof e, "name-%d", i / 2 + 1);
        uint64_t eh = breach_hash_bytes(e, (size_t)en);
        junk = junk * 6364136223846793005ull + 1442695040888963407ull;
        for (int step = 0; step <= 2; step++) {
            breach_intern_prefetch_step(t, eh, step);
            breach_intern_prefetch_step(t, h, step);
            breach_intern_prefetch_step(t, junk, step);
        }
        uint32_t id = 0;
        int is_new = -1;
        int rc = i % 2 ? breach_intern_put_hashed(t, s, (size_t)n, h, &id, &is_new)
                       : breach_intern_put(t, s, (size_t)n, &id, &is_new);
        if (rc != 0 || id != (uint32_t)i || is_new != 1)
            bad++;
    }
    CHECK_EQ_LL(bad, 0);
    CHECK_EQ_LL(breach_intern_count(t), N);
    /* found by find (which hashes for itself) and by either put */
    CHECK_EQ_LL(recheck_names(t, N, 1), 0);
    CHECK_EQ_LL(recheck_names(t, N, 0), 0);
    breach_intern_free(t);
}

/* Two strings given the same hash (put_hashed takes it from the caller): the second, longer
 * one is compared with the first, which lies alone in a chunk of exactly its size (a big
 * string gets its own). memcmp over the longer length read past that chunk (ASan:
 * heap-buffer-overflow, issue 18's full sanitizer run); the comparison stops at the stored
 * string's end now. Expected: two distinct ids, both found again. */
static void test_compare_stops_at_the_stored_end(void)
{
    breach_intern *t = breach_intern_new();
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    static char a[2001], b[3001];
    memset(a, 'a', 2000);
    memset(b, 'b', 3000);
    uint32_t ia = 0, ib = 0;
    int is_new = 0;
    CU_ASSERT_EQUAL(breach_intern_put_hashed(t, a, 2000, 42, &ia, &is_new), 0);
    CU_ASSERT_EQUAL(is_new, 1);
    CU_ASSERT_EQUAL(breach_intern_put_hashed(t, b, 3000, 42, &ib, &is_new), 0);
    CU_ASSERT_EQUAL(is_new, 1);
    CU_ASSERT_NOT_EQUAL(ia, ib);
    CU_ASSERT_EQUAL(breach_intern_put_hashed(t, a, 2000, 42, &ia, &is_new), 0);
    CU_ASSERT_EQUAL(is_new, 0);
    breach_intern_free(t);
}

/* The same with a longer name that starts with the stored one: the word-at-a-time compare
 * (same_text) matches every word of the stored string and reads the word that holds its
 * NUL, up to 7 bytes past it, at the end of a chunk of exactly its size. Stored lengths
 * 2000 (the NUL starts a word) and 2003 (inside one); the chunk's room past its end
 * (TEXT_PAD) is what keeps that read inside it: without it ASan stops this test. */
static void test_compare_longer_name_with_stored_prefix(void)
{
    static const size_t stored[] = {2000, 2003};
    for (size_t k = 0; k < 2; k++) {
        breach_intern *t = breach_intern_new();
        CU_ASSERT_PTR_NOT_NULL_FATAL(t);
        static char a[3001];
        memset(a, 'a', 3000);
        uint32_t ia = 0, ib = 0;
        int is_new = 0;
        CU_ASSERT_EQUAL(breach_intern_put_hashed(t, a, stored[k], 7, &ia, &is_new), 0);
        CU_ASSERT_EQUAL(is_new, 1);
        CU_ASSERT_EQUAL(breach_intern_put_hashed(t, a, 3000, 7, &ib, &is_new), 0);
        CU_ASSERT_EQUAL(is_new, 1);
        CU_ASSERT_NOT_EQUAL(ia, ib);
        CU_ASSERT_EQUAL(breach_intern_put_hashed(t, a, stored[k], 7, &ib, &is_new), 0);
        CU_ASSERT_EQUAL(is_new, 0);
        CHECK_EQ_LL(ib, ia);
        breach_intern_free(t);
    }
}

/* 1.2 million names: their locators pass 4 MiB (1,048,576 of them) and grow again, and
 * their text (about 14 MiB) fills eight growing chunks (4 to 512 KiB) and thirteen of
 * the full size. Every name is found again,
 * with its id, and read back after all of that moved. */
static void test_many_names(void)
{
    breach_intern *t = breach_intern_new();
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    enum { N = 1200000 };
    CHECK_EQ_LL(put_new_names(t, 1, N), 0);
    CHECK_EQ_LL(breach_intern_count(t), N);
    CHECK_EQ_LL(recheck_names(t, N, 1), 0);
    CU_ASSERT_STRING_EQUAL(breach_intern_get(t, 1048577), "name-1048577");
    CU_ASSERT_PTR_NULL(breach_intern_get(t, N + 1));
    breach_intern_free(t);
}

int main(void)
{
    static const test_entry tests[] = {
        {"names deduplicated across slot widenings", test_dedup_across_widenings},
        {"plain strings located by id", test_plain_locators},
        {"read-ahead hints change nothing", test_read_ahead_hints},
        {"a comparison stops at the stored string's end", test_compare_stops_at_the_stored_end},
        {"a longer name that starts with the stored one stays inside its chunk",
         test_compare_longer_name_with_stored_prefix},
        {"1.2 million names: locators and chunks grown many times", test_many_names},
        {NULL, NULL},
    };
    return run_suite("intern", tests);
}
