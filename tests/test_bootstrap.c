/* The seeded percentile bootstrap of a scalar statistic. Reference values:
 * tests/reference/bootstrap.py, which redraws the same resamples from GSL's mt19937 stream
 * and recomputes the statistics and percentiles with numpy; `/usr/bin/python3
 * tests/reference/bootstrap.py` reproduces them. */
#include "check.h"

#include <time.h>

static const double X[12] = {2.385, 7.1, 0.5, 3.3, 12.8, 4.4, 9.9, 1.7, 6.02, 5.55, 3.14, 8.8};

static breach_bootstrap *run(breach_statistic_fn f, void *ctx, uint32_t B, uint32_t seed,
                             double level)
{
    breach_bootstrap_options o;
    breach_bootstrap_options_init(&o);
    o.replicates = B;
    o.seed = seed;
    o.level = level;
    breach_error e;
    breach_bootstrap *b = breach_bootstrap_compute(X, 12, f, ctx, &o, &e);
    if (!b)
        fprintf(stderr, "\n  bootstrap: %s\n", e.text);
    return b;
}

static void test_builtin_statistics(void)
{
    /* bootstrap.py: mean B 1000 seed 42 -> 5.46625 [3.601625000000001, 7.387020833333333],
       se 1.0216683362845547 */
    breach_bootstrap *b = run(breach_statistic_mean, NULL, 1000, 42, 0.95);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    CHECK_REL(b->ci.estimate, 5.46625, 1e-15);
    CHECK_REL(b->ci.lo, 3.601625000000001, 1e-14);
    CHECK_REL(b->ci.hi, 7.387020833333333, 1e-14);
    CHECK_REL(b->se, 1.0216683362845547, 1e-12);
    CHECK_REL(b->ci.level, 0.95, 0);
    CHECK_EQ_LL(b->n_invalid, 0);
    CHECK_EQ_LL(b->n_values, 1000);
    CHECK_EQ_LL(b->replicates, 1000);
    CHECK_EQ_LL(b->seed, 42);
    for (size_t k = 1; k < b->n_values; k++)
        CU_ASSERT(b->values[k - 1] <= b->values[k]);
    /* same seed: the same interval, to the bit */
    breach_bootstrap *c = run(breach_statistic_mean, NULL, 1000, 42, 0.95);
    CU_ASSERT(c->ci.lo == b->ci.lo && c->ci.hi == b->ci.hi && c->se == b->se);
    breach_bootstrap_free(c);
    c = run(breach_statistic_mean, NULL, 1000, 43, 0.95);
    CU_ASSERT(c->ci.lo != b->ci.lo || c->ci.hi != b->ci.hi);
    breach_bootstrap_free(c);
    breach_bootstrap_free(b);

    /* median: 4.975 [2.498000000000002, 7.95], se 1.4049108804678883 */
    b = run(breach_statistic_median, NULL, 1000, 42, 0.95);
    CHECK_REL(b->ci.estimate, 4.975, 1e-15);
    CHECK_REL(b->ci.lo, 2.498000000000002, 1e-14);
    CHECK_REL(b->ci.hi, 7.95, 1e-15);
    CHECK_REL(b->se, 1.4049108804678883, 1e-12);
    breach_bootstrap_free(b);
    /* geometric mean, B 500, seed 7, 90 %: 4.127527125706203 [2.728904517201313,
       6.082004856074849] */
    b = run(breach_statistic_geomean, NULL, 500, 7, 0.90);
    CHECK_REL(b->ci.estimate, 4.127527125706203, 1e-14);
    CHECK_REL(b->ci.lo, 2.728904517201313, 1e-13);
    CHECK_REL(b->ci.hi, 6.082004856074849, 1e-13);
    CHECK_REL(b->se, 1.0200964440175415, 1e-12);
    breach_bootstrap_free(b);
    /* 0.9-quantile, B 800, seed 2024: 9.790000000000001 [6.02, 12.8] */
    double p = 0.9;
    b = run(breach_statistic_quantile, &p, 800, 2024, 0.95);
    CHECK_REL(b->ci.estimate, 9.790000000000001, 1e-15);
    CHECK_REL(b->ci.lo, 6.02, 1e-15);
    CHECK_REL(b->ci.hi, 12.8, 1e-15);
    CHECK_REL(b->se, 1.982845724390038, 1e-12);
    breach_bootstrap_free(b);
    /* seed 0 is GSL's default seed 4357: [4.01884375, 7.620375] with B 200 */
    b = run(breach_statistic_mean, NULL, 200, 0, 0.95);
    CHECK_REL(b->ci.lo, 4.01884375, 1e-14);
    CHECK_REL(b->ci.hi, 7.620375, 1e-14);
    breach_bootstrap_free(b);
    /* the statistics on their own; x is left as given by the bootstrap */
    double y[3] = {4, 1, 16};
    CHECK_REL(breach_statistic_geomean(y, 3, NULL), 4, 1e-15);
    CHECK_REL(breach_statistic_median(y, 3, NULL), 4, 0);
    CU_ASSERT(isnan(breach_statistic_mean(y, 0, NULL)));
    CU_ASSERT(isnan(breach_statistic_quantile(y, 3, NULL)));
    y[0] = 0;
    CU_ASSERT(isnan(breach_statistic_geomean(y, 3, NULL)));
}

/* The mean, undefined when the largest value (12.8) is drawn twice or more. */
static double picky_mean(double *x, size_t n, void *ctx)
{
    (void)ctx;
    int big = 0;
    double s = 0;
    for (size_t i = 0; i < n; i++) {
        big += x[i] == 12.8;
        s += x[i];
    }
    return big >= 2 ? NAN : s / (double)n;
}

static double always_nan(double *x, size_t n, void *ctx)
{
    (void)x;
    (void)ctx;
    return n == 12 ? NAN : 0;
}

static int calls;
static double nan_after_first(double *x, size_t n, void *ctx)
{
    (void)ctx;
    (void)x;
    (void)n;
    return calls++ ? NAN : 1;
}

static void test_invalid_and_errors(void)
{
    /* bootstrap.py "picky mean": B 300, seed 9, 80 %: 88 invalid replicates left out;
       [4.205708333333334, 6.212250000000001], se 0.8134459095668322 */
    breach_bootstrap *b = run(picky_mean, NULL, 300, 9, 0.80);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    CHECK_EQ_LL(b->n_invalid, 88);
    CHECK_EQ_LL(b->n_values, 212);
    CHECK_REL(b->ci.lo, 4.205708333333334, 1e-14);
    CHECK_REL(b->ci.hi, 6.212250000000001, 1e-14);
    CHECK_REL(b->se, 0.8134459095668322, 1e-12);
    breach_bootstrap_free(b);

    breach_error e;
    breach_bootstrap_options o;
    breach_bootstrap_options_init(&o);
    CU_ASSERT_PTR_NULL(breach_bootstrap_compute(X, 12, always_nan, NULL, &o, &e));
    CHECK_EQ_LL(e.code, BREACH_EINVAL); /* NaN on the data itself */
    calls = 0;
    CU_ASSERT_PTR_NULL(breach_bootstrap_compute(X, 12, nan_after_first, NULL, &o, &e));
    CHECK_EQ_LL(e.code, BREACH_EINVAL); /* no valid replicate */
    CU_ASSERT_PTR_NULL(breach_bootstrap_compute(X, 0, breach_statistic_mean, NULL, &o, &e));
    CU_ASSERT_PTR_NULL(breach_bootstrap_compute(NULL, 3, breach_statistic_mean, NULL, &o, &e));
    CU_ASSERT_PTR_NULL(breach_bootstrap_compute(X, 12, NULL, NULL, &o, &e));
    o.replicates = 0;
    CU_ASSERT_PTR_NULL(breach_bootstrap_compute(X, 12, breach_statistic_mean, NULL, &o, &e));
    o.replicates = 10000001;
    CU_ASSERT_PTR_NULL(breach_bootstrap_compute(X, 12, breach_statistic_mean, NULL, &o, &e));
    breach_bootstrap_options_init(&o);
    o.level = 1.5;
    CU_ASSERT_PTR_NULL(breach_bootstrap_compute(X, 12, breach_statistic_mean, NULL, &o, &e));
    breach_bootstrap_options_init(&o);
    o.reserved_[0] = 1;
    CU_ASSERT_PTR_NULL(breach_bootstrap_compute(X, 12, breach_statistic_mean, NULL, &o, &e));
    CHECK_EQ_LL(e.code, BREACH_EINVAL);
    /* NULL options are the defaults: B 2000, seed 1, 95 % */
    b = breach_bootstrap_compute(X, 12, breach_statistic_mean, NULL, NULL, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    CHECK_EQ_LL(b->replicates, 2000);
    CHECK_EQ_LL(b->seed, 1);
    breach_bootstrap_free(b);
    breach_bootstrap_free(NULL);
}

/* A mean that takes 20 ms, so that a run of 40 replicates lasts 0.8 s and the progress
 * function is called in between (at most every 0.1 s). */
static double slow_mean(double *x, size_t n, void *ctx)
{
    struct timespec t = {0, 20000000L};
    nanosleep(&t, NULL);
    return breach_statistic_mean(x, n, ctx);
}

static void test_progress_and_cancel(void)
{
    breach_bootstrap_options o;
    breach_bootstrap_options_init(&o);
    CU_ASSERT_PTR_NULL(o.progress); /* the default: no progress function */
    CU_ASSERT_PTR_NULL(o.progress_ctx);
    o.replicates = 1000;
    o.seed = 42;
    progress_log log = {0};
    o.progress = progress_record;
    o.progress_ctx = &log;
    breach_error e;
    breach_bootstrap *b = breach_bootstrap_compute(X, 12, breach_statistic_mean, NULL, &o, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    /* watching changes nothing: bootstrap.py's mean B 1000 seed 42, as above */
    CHECK_REL(b->ci.lo, 3.601625000000001, 1e-14);
    CHECK_REL(b->ci.hi, 7.387020833333333, 1e-14);
    breach_bootstrap_free(b);
    CU_ASSERT(log.calls >= 2); /* the start and the end at least */
    CHECK_EQ_LL(log.first_done, 0);
    CHECK_EQ_LL(log.last_done, 1000);
    CHECK_EQ_LL(log.total, 1000);
    CU_ASSERT(log.monotonic);

    /* stopping at the start: no replicate is drawn */
    memset(&log, 0, sizeof log);
    log.stop_at = 1;
    CU_ASSERT_PTR_NULL(breach_bootstrap_compute(X, 12, breach_statistic_mean, NULL, &o, &e));
    CHECK_EQ_LL(e.code, BREACH_ECANCELLED);
    CHECK_EQ_LL(log.calls, 1);
    CHECK_STR(breach_strerror(BREACH_ECANCELLED), "cancelled");

    /* stopping on the second call, in the middle of 40 slow replicates (0.8 s): the call
       comes after about 0.1 s (5 replicates), and the run ends there, its memory freed */
    memset(&log, 0, sizeof log);
    log.stop_at = 2;
    o.replicates = 40;
    CU_ASSERT_PTR_NULL(breach_bootstrap_compute(X, 12, slow_mean, NULL, &o, &e));
    CHECK_EQ_LL(e.code, BREACH_ECANCELLED);
    CHECK_EQ_LL(log.calls, 2);
    CU_ASSERT(log.last_done >= 1 && log.last_done < 40);
    CU_ASSERT(strstr(e.text, "cancelled") != NULL);
}

int main(void)
{
    static const test_entry tests[] = {
        {"mean, median, geomean, quantile: same as the numpy redraw", test_builtin_statistics},
        {"invalid replicates and errors", test_invalid_and_errors},
        {"progress function: watching and cancelling", test_progress_and_cancel},
        {NULL, NULL}};
    return run_suite("bootstrap", tests);
}
