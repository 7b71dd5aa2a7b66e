/* Shared test helpers: a relative-tolerance check, paths to fixtures, and a CUnit main that
 * fails when any test fails (CUnit's basic runner itself exits 0 either way). */
#ifndef BREACH_TESTS_CHECK_H
#define BREACH_TESTS_CHECK_H

#include <CUnit/Basic.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <breach.h>

/* |got - want| <= rel * |want| (and exact equality for want = 0). */
static inline int rel_close(double got, double want, double rel)
{
    if (want == 0)
        return got == 0;
    return fabs(got - want) <= rel * fabs(want);
}
#define CHECK_REL(got, want, rel)                                                              \
    do {                                                                                       \
        double g_ = (got), w_ = (want);                                                        \
        if (!rel_close(g_, w_, (rel)))                                                         \
            fprintf(stderr, "\n  %s:%d: %s = %.17g, want %.17g (rel %g)\n", __FILE__, __LINE__,  \
                    #got, g_, w_, (double)(rel));                                              \
        CU_ASSERT(rel_close(g_, w_, (rel)));                                                   \
    } while (0)

#define CHECK_EQ_LL(got, want)                                                                 \
    do {                                                                                       \
        long long g_ = (long long)(got), w_ = (long long)(want);                               \
        if (g_ != w_)                                                                          \
            fprintf(stderr, "\n  %s:%d: %s = %lld, want %lld\n", __FILE__, __LINE__, #got, g_, w_); \
        CU_ASSERT_EQUAL(g_, w_);                                                               \
    } while (0)

#define CHECK_STR(got, want)                                                                   \
    do {                                                                                       \
        const char *g_ = (got), *w_ = (want);                                                  \
        int ok_ = g_ && w_ ? strcmp(g_, w_) == 0 : g_ == w_;                                   \
        if (!ok_)                                                                              \
            fprintf(stderr, "\n  %s:%d: %s = \"%s\", want \"%s\"\n", __FILE__, __LINE__, #got,  \
                    g_ ? g_ : "(null)", w_ ? w_ : "(null)");                                   \
        CU_ASSERT(ok_);                                                                        \
    } while (0)

/* A path under the source tree (BREACH_SRCDIR, set by make check; "." otherwise). */
static inline const char *src_path(const char *rel)
{
    static char buf[4][1024];
    static int k;
    const char *dir = getenv("BREACH_SRCDIR");
    char *b = buf[k++ & 3];
    snprintf(b, sizeof buf[0], "%s/%s", dir && *dir ? dir : ".", rel);
    return b;
}

/* A path under ../shared/data, or NULL (with a line saying so) when it is absent. */
static inline const char *shared_path(const char *rel)
{
    static char buf[4][1024];
    static int k;
    const char *dir = getenv("BREACH_SHARED_DATA");
    char *b = buf[k++ & 3];
    snprintf(b, sizeof buf[0], "%s/%s", dir && *dir ? dir : "../shared/data", rel);
    FILE *f = fopen(b, "rb");
    if (!f) {
        fprintf(stderr, "\n  SKIP: %s is absent (set BREACH_SHARED_DATA to ../shared/data)\n", b);
        return NULL;
    }
    fclose(f);
    return b;
}

typedef struct test_entry {
    const char *name;
    void (*fn)(void);
} test_entry;

/* Runs one suite of tests; returns non-zero when anything failed. */
static inline int run_suite(const char *suite, const test_entry *tests)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_pSuite s = CU_add_suite(suite, NULL, NULL);
    if (!s)
        return 2;
    for (const test_entry *t = tests; t->name; t++)
        if (!CU_add_test(s, t->name, t->fn))
            return 2;
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failed = CU_get_number_of_tests_failed() + CU_get_number_of_failures();
    unsigned ran = CU_get_number_of_tests_run();
    unsigned tests_failed = CU_get_number_of_tests_failed();
    /* read by tests/tally.py for the closing "N passed, N failed" line */
    printf("TALLY: passed=%u failed=%u\n", ran - tests_failed, tests_failed);
    CU_cleanup_registry();
    if (ran == 0)
        return 2;
    return failed ? 1 : 0;
}

#endif
