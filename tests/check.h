/* Shared test helpers: a relative-tolerance check, totals compared, paths to fixtures, and
 * a CUnit main that fails when any test fails (CUnit's basic runner itself exits 0 either
 * way). */
#ifndef BREACH_TESTS_CHECK_H
#define BREACH_TESTS_CHECK_H

#include <CUnit/Basic.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

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

/* Whether two totals are equal field by field (the struct has padding: no memcmp). */
static inline int total_eq(const breach_total *a, const breach_total *b)
{
    return a->lower == b->lower && a->upper == b->upper && a->point == b->point &&
           a->upper_unbounded == b->upper_unbounded && a->n == b->n && a->n_exact == b->n_exact &&
           a->n_at_least == b->n_at_least && a->n_at_most == b->n_at_most &&
           a->n_estimated == b->n_estimated && a->n_unknown == b->n_unknown;
}

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

/* ---- helpers the suites share */

/* Under the address sanitizers memory is not what the program asked for: they reserve
 * terabytes of address space up front and keep freed blocks in quarantine, so that a limit
 * on the address space or a bound on resident memory cannot hold there. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SANITIZED_MEMORY 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) ||                    \
    __has_feature(memory_sanitizer)
#define SANITIZED_MEMORY 1
#endif
#endif

/* Waits for the child process pid and asserts that it exited with status 0 (the tests that
 * run a check in a child: one with limits of its own, or a new process). */
static inline void child_exits_ok(pid_t pid)
{
    int status;
    CU_ASSERT_EQUAL_FATAL(waitpid(pid, &status, 0), pid);
    CU_ASSERT(WIFEXITED(status));
    CHECK_EQ_LL(WIFEXITED(status) ? WEXITSTATUS(status) : -1, 0);
}

/* A new file made from the mkstemp template path (the name is written into it), holding the
 * len bytes of text (len 0: an empty file). */
static inline void temp_file(char *path, const char *text, size_t len)
{
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    FILE *out = fdopen(fd, "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(out);
    CU_ASSERT_EQUAL_FATAL(fwrite(text, 1, len, out), len);
    CU_ASSERT_EQUAL_FATAL(fclose(out), 0);
}

/* A region by ISO code (the code must be valid). */
static inline breach_region reg(const char *code)
{
    breach_region r = 0;
    CU_ASSERT_EQUAL(breach_region_parse(code, strlen(code), &r, NULL), BREACH_OK);
    return r;
}

/* Prints a failed call's place and reason, to explain the assertion that follows. */
static inline void show(int rc, const breach_error *e)
{
    if (rc)
        fprintf(stderr, "\n  %s:%ld:%ld: %s (%d)\n", e->source, e->line, e->column, e->text, rc);
}

/* A breach_progress_fn that records its calls and answers "stop" from call `stop_at` on
 * (1-based; 0: never). */
typedef struct progress_log {
    unsigned calls, stop_at;
    uint64_t first_done, last_done, total;
    int monotonic; /* done never went down and total never changed */
} progress_log;

static inline int progress_record(uint64_t done, uint64_t total, void *ctx)
{
    progress_log *p = ctx;
    if (p->calls == 0) {
        p->first_done = done;
        p->total = total;
        p->monotonic = 1;
    } else if (done < p->last_done || total != p->total) {
        p->monotonic = 0;
    }
    p->last_done = done;
    p->calls++;
    return p->stop_at && p->calls >= p->stop_at;
}

/* A loader's read_file function. */
typedef int (*file_reader)(breach_dataset *ds, const char *path, const breach_load_options *opt,
                           breach_report *report, breach_error *err);

/* Loads one file with `read` into a new dataset (strict unless lenient); *rc receives the
 * status. The caller frees the dataset. */
static inline breach_dataset *load_with(file_reader read, const char *path, int lenient,
                                        breach_report *rep, int *rc, breach_error *e)
{
    breach_dataset *ds = breach_dataset_new(e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
    breach_load_options o;
    breach_load_options_init(&o);
    o.lenient = lenient;
    *rc = read(ds, path, &o, rep, e);
    return ds;
}

/* The same, keeping the dataset, a new report, the error and the status together. */
typedef struct load_result {
    breach_dataset *ds;
    breach_report *rep;
    breach_error err;
    int rc;
} load_result;

static inline load_result load_run(file_reader read, const char *path, bool lenient)
{
    load_result r;
    memset(&r, 0, sizeof r);
    r.rep = breach_report_new();
    r.ds = load_with(read, path, lenient, r.rep, &r.rc, &r.err);
    return r;
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
