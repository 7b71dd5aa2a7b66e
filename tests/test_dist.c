/* Size distributions: summaries, CCDF, log-normal fits (with and without censoring), the
 * power-law tail of Clauset, Shalizi & Newman with its bootstrap p-value, and Vuong's
 * test. Reference values: tests/reference/dist.py (SciPy 1.10 / NumPy 1.24; the
 * bootstrap redone on GSL's mt19937 stream); `/usr/bin/python3 tests/reference/dist.py`
 * prints every number quoted here (add --no-hhs to skip the slow real-data part). */
#include "check.h"

/* SplitMix64 (Steele, Lea & Flood 2014): the same integers in C and Python. */
static uint64_t mix_state;
static double mix_uniform(void)
{
    uint64_t z = (mix_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    return (double)(z >> 11) * (1.0 / 9007199254740992.0);
}

static void add(breach_dataset *ds, breach_count c)
{
    breach_incident in;
    breach_incident_init(&in);
    in.entity = "Org";
    in.affected = c;
    in.flags = BREACH_FLAG_SEPARATE;
    CU_ASSERT(breach_dataset_add(ds, &in, NULL) >= 0);
}

/* dist.py synthetic(): 250 power-law values (alpha 2.6 above 1,000) and 150 uniform ones
 * in 50 .. 999, interleaved */
static breach_dataset *synthetic(void)
{
    breach_dataset *ds = breach_dataset_new(NULL);
    mix_state = 20240705;
    for (int i = 0; i < 400; i++) {
        double u = mix_uniform();
        double v = i % 8 < 5 ? (double)(uint64_t)(1000.0 * pow(1.0 - u, -1.0 / 1.6))
                             : (double)(uint64_t)(50.0 + 950.0 * u);
        add(ds, breach_count_exact((uint64_t)v));
    }
    return ds;
}

/* dist.py synthetic_lognormal(): floor(exp(6 + 1.8 z)) + 1, z by Box-Muller */
static breach_dataset *synthetic_lognormal(void)
{
    breach_dataset *ds = breach_dataset_new(NULL);
    mix_state = 77;
    for (int i = 0; i < 300; i++) {
        double u1 = mix_uniform(), u2 = mix_uniform();
        double z = sqrt(-2.0 * log(1.0 - u1)) * cos(2.0 * 3.14159265358979323846 * u2);
        add(ds, breach_count_exact((uint64_t)exp(6.0 + 1.8 * z) + 1));
    }
    return ds;
}

/* exact 2385, 500, 501, 12000, 1049375, 3913, 700, 0, 88000, 500; estimated 250000;
 * at least 3,000,000 and 960,000; at most 10,000; two unknown */
static breach_dataset *hand(void)
{
    breach_dataset *ds = breach_dataset_new(NULL);
    static const uint64_t ex[] = {2385, 500, 501, 12000, 1049375, 3913, 700, 0, 88000, 500};
    for (size_t k = 0; k < sizeof ex / sizeof ex[0]; k++)
        add(ds, breach_count_exact(ex[k]));
    add(ds, (breach_count){250000, BREACH_COUNT_ESTIMATED});
    add(ds, (breach_count){3000000, BREACH_COUNT_AT_LEAST});
    add(ds, (breach_count){960000, BREACH_COUNT_AT_LEAST});
    add(ds, (breach_count){10000, BREACH_COUNT_AT_MOST});
    add(ds, breach_count_unknown());
    add(ds, breach_count_unknown());
    return ds;
}

static void test_sizes(void)
{
    breach_dataset *ds = hand();
    breach_error e;
    breach_sizes *s = breach_sizes_compute(ds, NULL, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CHECK_EQ_LL(s->n_incidents, 16);
    CHECK_EQ_LL(s->n_unknown, 2);
    CHECK_EQ_LL(s->n, 11);
    CHECK_EQ_LL(s->n_zero, 1);
    CHECK_EQ_LL(s->n_estimated, 1);
    CHECK_EQ_LL(s->n_at_least, 2);
    CHECK_EQ_LL(s->n_at_most, 1);
    CHECK_REL(s->at_least[0], 960000, 0);
    CHECK_REL(s->at_least[1], 3000000, 0);
    CHECK_EQ_LL(s->units, 1u << BREACH_UNIT_INDIVIDUALS);
    /* dist.py "hand sizes": numpy.quantile (type 7), scipy.stats.gmean */
    CHECK_REL(s->min, 0, 0);
    CHECK_REL(s->max, 1049375, 0);
    CHECK_REL(s->q1, 500.5, 1e-15);
    CHECK_REL(s->median, 2385, 1e-15);
    CHECK_REL(s->q3, 50000, 1e-15);
    CHECK_REL(s->p90, 250000, 1e-15);
    CHECK_REL(s->p99, 969437.5000000002, 1e-14);
    CHECK_REL(s->mean, 127988.54545454546, 1e-14);
    CHECK_REL(s->geomean, 6847.639124140103, 1e-13);
    CHECK_REL(s->geosd, 17.005926517556336, 1e-13);
    CHECK_REL(breach_sizes_quantile(s, 0.5), 2385, 1e-15);
    CU_ASSERT(isnan(breach_sizes_quantile(s, 1.5)) && isnan(breach_sizes_quantile(NULL, 0.5)));
    /* as integers where type 7 lands on a value (0 500 500 501 700 2385 3913 12000 88000
       250000 1049375: positions 0, 5, 9, 10 for min, median, p90, max; q1 at 2.5 is between
       500 and 501, q3 at 7.5 and p99 at 9.9 between others too) */
    CHECK_EQ_LL(s->exact_u, BREACH_SIZES_MIN | BREACH_SIZES_MEDIAN | BREACH_SIZES_P90 |
                                BREACH_SIZES_MAX);
    CHECK_EQ_LL(s->min_u, 0);
    CHECK_EQ_LL(s->median_u, 2385);
    CHECK_EQ_LL(s->p90_u, 250000);
    CHECK_EQ_LL(s->max_u, 1049375);
    CHECK_EQ_LL(s->ccdf_u[1], 500);
    CHECK_EQ_LL(s->ccdf_u[9], 1049375);
    /* CCDF over the 10 distinct values: P(X >= 0) = 1, P(X >= 500) = 10/11, 501: 8/11, ... */
    CHECK_EQ_LL(s->n_ccdf, 10);
    CHECK_REL(s->ccdf_x[1], 500, 0);
    CHECK_REL(s->ccdf_p[0], 1, 0);
    CHECK_REL(s->ccdf_p[1], 0.9090909090909091, 1e-15);
    CHECK_REL(s->ccdf_p[2], 0.7272727272727273, 1e-15);
    CHECK_REL(s->ccdf_p[5], 0.4545454545454546, 1e-15);
    CHECK_REL(s->ccdf_p[9], 1.0 / 11, 1e-15);
    breach_sizes_free(s);

    /* empty: NaN summaries, no arrays to read */
    breach_dataset *empty = breach_dataset_new(NULL);
    s = breach_sizes_compute(empty, NULL, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CHECK_EQ_LL(s->n, 0);
    CU_ASSERT(isnan(s->median) && isnan(s->geomean) && isnan(s->mean));
    CHECK_EQ_LL(s->n_ccdf, 0);
    CU_ASSERT_PTR_NULL(breach_lognormal_fit(s, NULL, &e));
    CHECK_EQ_LL(e.code, BREACH_EINVAL);
    CU_ASSERT_PTR_NULL(breach_powerlaw_fit(s, NULL, &e));
    CHECK_EQ_LL(e.code, BREACH_EINVAL);
    breach_sizes_free(s);
    breach_dataset_free(empty);
    CU_ASSERT_PTR_NULL(breach_sizes_compute(NULL, NULL, &e));
    breach_sizes_free(NULL);
    breach_dataset_free(ds);
}

/* Sizes past 2^53, which a double rounds: 2^64 - 1 is 18446744073709551616.0 as one, and
 * 2^60 + 1 and 2^60 + 2 are both 2^60. The summaries that are values are exact integers. */
static void test_sizes_large(void)
{
    breach_dataset *ds = breach_dataset_new(NULL);
    const uint64_t big = UINT64_MAX, a = ((uint64_t)1 << 60) + 1, b = ((uint64_t)1 << 60) + 2;
    add(ds, breach_count_exact(big));
    breach_sizes *s = breach_sizes_compute(ds, NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CHECK_EQ_LL(s->exact_u, 0x7F); /* one value: every quantile is it */
    CU_ASSERT(s->min_u == big && s->q1_u == big && s->median_u == big && s->q3_u == big &&
              s->p90_u == big && s->p99_u == big && s->max_u == big);
    CHECK_EQ_LL(s->n_ccdf, 1);
    CU_ASSERT(s->ccdf_u[0] == big);
    breach_sizes_free(s);
    add(ds, breach_count_exact(b));
    add(ds, breach_count_exact(a));
    add(ds, breach_count_exact(b));
    s = breach_sizes_compute(ds, NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    /* a, b, b, big: q1 at 0.75 between a and b; median at 1.5 between b and b; q3 at 2.25
       between b and big; p90, p99 between b and big */
    CHECK_EQ_LL(s->n, 4);
    CHECK_EQ_LL(s->exact_u, BREACH_SIZES_MIN | BREACH_SIZES_MEDIAN | BREACH_SIZES_MAX);
    CU_ASSERT(s->min_u == a && s->median_u == b && s->max_u == big);
    /* three distinct sizes, though a and b are one double */
    CHECK_EQ_LL(s->n_ccdf, 3);
    CU_ASSERT(s->ccdf_u[0] == a && s->ccdf_u[1] == b && s->ccdf_u[2] == big);
    CHECK_REL(s->ccdf_p[1], 0.75, 0);
    breach_sizes_free(s);
    breach_dataset_free(ds);
}

static void test_lognormal(void)
{
    breach_dataset *ds = hand();
    breach_error e;
    breach_sizes *s = breach_sizes_compute(ds, NULL, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    breach_lognormal_options o;
    breach_lognormal_options_init(&o);
    o.exclude_censored = true;
    breach_lognormal *l = breach_lognormal_fit(s, &o, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(l);
    /* dist.py "censored values left out": lognorm.fit(floc=0) and t / chi2 intervals */
    CHECK_EQ_LL(l->n_exact, 10);
    CHECK_EQ_LL(l->n_excluded, 3);
    CHECK_EQ_LL(l->n_right_censored + l->n_left_censored, 0);
    CHECK_EQ_LL(l->ci_method, BREACH_FIT_CI_EXACT);
    CHECK_REL(l->mu.estimate, 8.83165921843943, 1e-12);
    CHECK_REL(l->mu.lo, 6.804651143412052, 1e-10);
    CHECK_REL(l->mu.hi, 10.858667293466809, 1e-10);
    CHECK_REL(l->sigma.estimate, 2.688152850403166, 1e-10);
    CHECK_REL(l->sigma.lo, 1.9490236366863098, 1e-9);
    CHECK_REL(l->sigma.hi, 5.1729794610590165, 1e-9);
    CHECK_REL(l->median.estimate, exp(8.83165921843943), 1e-12);
    CHECK_REL(l->median.lo, exp(6.804651143412052), 1e-10);
    CHECK_REL(l->loglik, -112.39452036677585, 1e-12);
    CHECK_REL(l->mu.level, 0.95, 0);
    breach_lognormal_free(l);
    o.level = 0.90;
    l = breach_lognormal_fit(s, &o, &e);
    CHECK_REL(l->mu.lo, 7.1890966334315065, 1e-10);
    CHECK_REL(l->sigma.hi, 4.661769168037696, 1e-9);
    breach_lognormal_free(l);

    /* with censoring: 2 right-censored, 1 left-censored (dist.py "censored": scipy.optimize
       on norm.logpdf / logsf / logcdf, Wald intervals from a finite-difference Hessian,
       whence the looser tolerance on the bounds) */
    l = breach_lognormal_fit(s, NULL, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(l);
    CHECK_EQ_LL(l->n_right_censored, 2);
    CHECK_EQ_LL(l->n_left_censored, 1);
    CHECK_EQ_LL(l->n_excluded, 0);
    CHECK_EQ_LL(l->ci_method, BREACH_FIT_CI_WALD);
    CU_ASSERT(l->iterations > 0);
    CHECK_REL(l->mu.estimate, 9.774814582003161, 1e-7);
    CHECK_REL(l->sigma.estimate, 3.7699377767450395, 1e-7);
    CHECK_REL(l->loglik, -118.83583128761317, 1e-11);
    CHECK_REL(l->mu.lo, 7.667511703379372, 1e-5);
    CHECK_REL(l->mu.hi, 11.88211746062695, 1e-5);
    CHECK_REL(l->sigma.lo, 2.380179746172127, 1e-5);
    CHECK_REL(l->sigma.hi, 5.97115863345454, 1e-5);
    breach_lognormal_free(l);

    /* errors */
    breach_lognormal_options_init(&o);
    o.level = 2;
    CU_ASSERT_PTR_NULL(breach_lognormal_fit(s, &o, &e));
    CHECK_EQ_LL(e.code, BREACH_EINVAL);
    breach_lognormal_options_init(&o);
    o.reserved_[3] = 9;
    CU_ASSERT_PTR_NULL(breach_lognormal_fit(s, &o, &e));
    CU_ASSERT_PTR_NULL(breach_lognormal_fit(NULL, NULL, &e));
    breach_lognormal_free(NULL);
    breach_sizes_free(s);
    breach_dataset_free(ds);
    /* 200,002 values: beyond the exact chi-square interval, Wald from the closed form.
       Values 1 + k % 1000 (python3: x = 1 + np.arange(200002) % 1000;
       scipy.stats.lognorm.fit(x, floc=0) -> sigma 0.9851230487308975, scale
       exp(5.912072523498832)) */
    ds = breach_dataset_new(NULL);
    for (uint64_t k = 0; k < 200002; k++)
        add(ds, breach_count_exact(1 + k % 1000));
    s = breach_sizes_compute(ds, NULL, &e);
    l = breach_lognormal_fit(s, NULL, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(l);
    CHECK_EQ_LL(l->ci_method, BREACH_FIT_CI_WALD);
    CHECK_REL(l->mu.estimate, 5.912072523498832, 1e-12);
    CHECK_REL(l->sigma.estimate, 0.9851230487308975, 1e-10);
    double z = 1.959963984540054; /* scipy.stats.norm.ppf(0.975) */
    CHECK_REL(l->mu.hi - l->mu.estimate, z * l->sigma.estimate / sqrt(200002.0), 1e-9);
    CHECK_REL(l->sigma.hi, l->sigma.estimate * exp(z / sqrt(400004.0)), 1e-9);
    breach_lognormal_free(l);
    breach_sizes_free(s);
    breach_dataset_free(ds);
    /* all values equal: no spread to fit */
    ds = breach_dataset_new(NULL);
    add(ds, breach_count_exact(500));
    add(ds, breach_count_exact(500));
    add(ds, breach_count_exact(0));
    s = breach_sizes_compute(ds, NULL, &e);
    CU_ASSERT_PTR_NULL(breach_lognormal_fit(s, NULL, &e));
    CHECK_EQ_LL(e.code, BREACH_EINVAL);
    CU_ASSERT_PTR_NULL(breach_powerlaw_fit(s, NULL, &e));
    CHECK_EQ_LL(e.code, BREACH_EINVAL);
    breach_sizes_free(s);
    breach_dataset_free(ds);
}

static void test_powerlaw(void)
{
    breach_dataset *ds = synthetic();
    breach_error e;
    breach_sizes *s = breach_sizes_compute(ds, NULL, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CHECK_EQ_LL(s->n, 400);
    CHECK_REL(s->values[0], 57, 0); /* dist.py: first 57, 58, 60; last 43573; sum 723719 */
    CHECK_REL(s->values[399], 43573, 0);
    CHECK_REL(s->mean, 723719.0 / 400, 1e-15);
    breach_powerlaw_options o;
    breach_powerlaw_options_init(&o);
    o.replicates = 60;
    o.seed = 3;
    breach_powerlaw *p = breach_powerlaw_fit(s, &o, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    /* dist.py "power law": xmin 1328, alpha 2.6542967057567854, KS 0.030529273703897575,
       172 in the tail; p-value over the same 60 synthetic sets 0.9666666666666667 */
    CHECK_REL(p->xmin, 1328, 0);
    CHECK_REL(p->alpha, 2.6542967057567854, 1e-12);
    CHECK_REL(p->alpha_se, 0.12613894126692368, 1e-12);
    CHECK_REL(p->ks, 0.030529273703897575, 1e-12);
    CHECK_EQ_LL(p->n_tail, 172);
    CHECK_EQ_LL(p->n, 400);
    CHECK_REL(p->loglik, -1426.316853725182, 1e-12);
    CHECK_REL(p->p_value, 0.9666666666666667, 1e-15);
    /* the count the p-value rests on: 58 of the 60 (dist.py's share 58 / 60) */
    CHECK_EQ_LL(p->replicates_far, 58);
    CHECK_EQ_LL(p->replicates, 60);
    CHECK_EQ_LL(p->n_censored_excluded, 0);

    /* a progress function sees the 60 replicates go by and changes nothing (the same
       dist.py p-value); asked to stop at the start, the fit fails with ECANCELLED */
    progress_log log = {0};
    o.progress = progress_record;
    o.progress_ctx = &log;
    breach_powerlaw *pw = breach_powerlaw_fit(s, &o, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(pw);
    CHECK_REL(pw->p_value, 0.9666666666666667, 1e-15);
    breach_powerlaw_free(pw);
    CU_ASSERT(log.calls >= 2 && log.monotonic);
    CHECK_EQ_LL(log.first_done, 0);
    CHECK_EQ_LL(log.last_done, 60);
    CHECK_EQ_LL(log.total, 60);
    memset(&log, 0, sizeof log);
    log.stop_at = 1;
    CU_ASSERT_PTR_NULL(breach_powerlaw_fit(s, &o, &e));
    CHECK_EQ_LL(e.code, BREACH_ECANCELLED);
    CHECK_EQ_LL(log.calls, 1);
    o.replicates = 0; /* no replicates: never called */
    memset(&log, 0, sizeof log);
    log.stop_at = 1;
    pw = breach_powerlaw_fit(s, &o, &e);
    CU_ASSERT_PTR_NOT_NULL(pw);
    CHECK_EQ_LL(log.calls, 0);
    breach_powerlaw_free(pw);
    o.progress = NULL;
    o.progress_ctx = NULL;
    o.replicates = 60;

    /* Vuong on a pure power-law tail: the truncated log-normal runs off towards the power
       law (dist.py: mu -9279, sigma 75, R = 3e-6): no decision either way */
    breach_vuong *v = breach_powerlaw_compare_lognormal(s, p, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    CHECK_EQ_LL(v->n_tail, 172);
    CHECK_REL(v->powerlaw_loglik, -1426.316853725182, 1e-12);
    CU_ASSERT(fabs(v->ratio) < 0.05);
    CU_ASSERT(v->p_value > 0.9);
    CHECK_EQ_LL(v->favours, 0);
    breach_vuong_free(v);
    breach_powerlaw_free(p);

    /* a fixed xmin: alpha 2.605090865641764, KS 0.04975800828630733, 137 in the tail, p over
       40 tail-only synthetic sets 0.9 */
    o.xmin = 1500;
    o.replicates = 40;
    o.seed = 11;
    p = breach_powerlaw_fit(s, &o, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CHECK_REL(p->xmin, 1500, 0);
    CHECK_REL(p->alpha, 2.605090865641764, 1e-12);
    CHECK_REL(p->ks, 0.04975800828630733, 1e-12);
    CHECK_EQ_LL(p->n_tail, 137);
    CHECK_REL(p->p_value, 0.9, 1e-15);
    breach_powerlaw_free(p);

    /* at least 200 values in the tail: xmin 1201, alpha 2.664393863935455, KS
       0.03061163518766913, 205 in the tail; no p-value asked */
    breach_powerlaw_options_init(&o);
    o.min_tail = 200;
    o.replicates = 0;
    p = breach_powerlaw_fit(s, &o, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CHECK_REL(p->xmin, 1201, 0);
    CHECK_REL(p->alpha, 2.664393863935455, 1e-12);
    CHECK_REL(p->ks, 0.03061163518766913, 1e-12);
    CHECK_EQ_LL(p->n_tail, 205);
    CU_ASSERT(isnan(p->p_value));
    /* Vuong refuses a fit made on other sizes */
    breach_dataset *other = hand();
    breach_sizes *s2 = breach_sizes_compute(other, NULL, NULL);
    CU_ASSERT_PTR_NULL(breach_powerlaw_compare_lognormal(s2, p, &e));
    CHECK_EQ_LL(e.code, BREACH_EINVAL);
    CU_ASSERT_PTR_NULL(breach_powerlaw_compare_lognormal(NULL, p, &e));
    /* the power law leaves censored values out, and says how many */
    breach_powerlaw_free(p);
    breach_powerlaw_options_init(&o);
    o.replicates = 0;
    p = breach_powerlaw_fit(s2, &o, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CHECK_EQ_LL(p->n_censored_excluded, 3);
    CHECK_EQ_LL(p->n, 10);
    breach_powerlaw_free(p);
    breach_sizes_free(s2);
    breach_dataset_free(other);

    /* errors */
    breach_powerlaw_options_init(&o);
    o.xmin = -1;
    CU_ASSERT_PTR_NULL(breach_powerlaw_fit(s, &o, &e));
    CHECK_EQ_LL(e.code, BREACH_EINVAL);
    o.xmin = 1e9; /* above every value */
    CU_ASSERT_PTR_NULL(breach_powerlaw_fit(s, &o, &e));
    breach_powerlaw_options_init(&o);
    o.min_tail = 401;
    CU_ASSERT_PTR_NULL(breach_powerlaw_fit(s, &o, &e));
    breach_powerlaw_options_init(&o);
    o.replicates = 2000000;
    CU_ASSERT_PTR_NULL(breach_powerlaw_fit(s, &o, &e));
    breach_powerlaw_options_init(&o);
    o.reserved_[0] = 1;
    CU_ASSERT_PTR_NULL(breach_powerlaw_fit(s, &o, &e));
    CU_ASSERT_PTR_NULL(breach_powerlaw_fit(NULL, NULL, &e));
    breach_powerlaw_free(NULL);
    breach_vuong_free(NULL);
    breach_sizes_free(s);
    breach_dataset_free(ds);
}

static void test_lognormal_tail(void)
{
    breach_dataset *ds = synthetic_lognormal();
    breach_sizes *s = breach_sizes_compute(ds, NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CHECK_REL(s->mean, 397361.0 / 300, 1e-15); /* dist.py: sum 397361 */
    breach_powerlaw_options o;
    breach_powerlaw_options_init(&o);
    o.replicates = 50;
    o.seed = 5;
    breach_powerlaw *p = breach_powerlaw_fit(s, &o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    /* dist.py "synthetic log-normal": xmin 608, alpha 1.9241937916812555, KS
       0.09528006965324143, 125 in the tail, p = 0 (no synthetic set as far): ruled out */
    CHECK_REL(p->xmin, 608, 0);
    CHECK_REL(p->alpha, 1.9241937916812555, 1e-12);
    CHECK_REL(p->ks, 0.09528006965324143, 1e-12);
    CHECK_EQ_LL(p->n_tail, 125);
    CHECK_REL(p->p_value, 0, 0);
    breach_vuong *v = breach_powerlaw_compare_lognormal(s, p, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    /* truncated log-normal mu 5.726187001710322, sigma 1.631308308924393; log-likelihoods
       -1071.3790660008808 (power law) and -1067.661713752193; R -3.717352248688032,
       statistic -1.5554920010958468, p 0.11982893814233535: leaning log-normal, not
       decided at 0.1 */
    CU_ASSERT_TRUE(v->converged);
    CHECK_REL(v->lognormal_mu, 5.726187001710322, 1e-6);
    CHECK_REL(v->lognormal_sigma, 1.631308308924393, 1e-6);
    CHECK_REL(v->lognormal_loglik, -1067.661713752193, 1e-10);
    CHECK_REL(v->ratio, -3.717352248688032, 1e-8);
    CHECK_REL(v->statistic, -1.5554920010958468, 1e-7);
    CHECK_REL(v->p_value, 0.11982893814233535, 1e-6);
    CHECK_EQ_LL(v->favours, 0);
    breach_vuong_free(v);
    breach_powerlaw_free(p);
    breach_sizes_free(s);
    breach_dataset_free(ds);
}

static void test_hhs(void)
{
    const char *a = shared_path("hhs-ocr-breach-portal/snapshot-2024-07/Source_Breach_Report.csv");
    const char *b = shared_path("hhs-ocr-breach-portal/snapshot-2024-07/breach_report.csv");
    if (!a || !b)
        return;
    breach_dataset *ds = breach_dataset_new(NULL);
    CU_ASSERT_EQUAL_FATAL(breach_hhs_read_file(ds, a, NULL, NULL, NULL), BREACH_OK);
    CU_ASSERT_EQUAL_FATAL(breach_hhs_read_file(ds, b, NULL, NULL, NULL), BREACH_OK);
    breach_sizes *s = breach_sizes_compute(ds, NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    /* dist.py "HHS 2024-07 sizes" (csv module): 6,278 counts, 1 empty */
    CHECK_EQ_LL(s->n, 6278);
    CHECK_EQ_LL(s->n_unknown, 1);
    CHECK_REL(s->min, 500, 0);
    CHECK_REL(s->max, 78800000, 0);
    CHECK_REL(s->q1, 1174.25, 1e-15);
    CHECK_REL(s->median, 3561.5, 1e-15);
    CHECK_REL(s->q3, 16266.5, 1e-15);
    CHECK_REL(s->p90, 81505.90000000001, 1e-14);
    CHECK_REL(s->p99, 1629582.7299999602, 1e-12);
    CHECK_REL(s->mean, 92406.33720930232, 1e-13);
    CHECK_REL(s->geomean, 5465.295393123714, 1e-12);
    CHECK_REL(s->geosd, 6.8500680045326305, 1e-12);
    CHECK_REL(s->ccdf_p[1], 0.9837527875119465, 1e-14); /* P(X >= 501) */
    breach_lognormal *l = breach_lognormal_fit(s, NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(l);
    CHECK_REL(l->mu.estimate, 8.60617345095661, 1e-12);
    CHECK_REL(l->mu.lo, 8.558564937866649, 1e-11);
    CHECK_REL(l->sigma.estimate, 1.9241053196825546, 1e-11);
    CHECK_REL(l->sigma.hi, 1.95852165372482, 1e-9);
    CHECK_REL(l->loglik, -67046.35976401107, 1e-12);
    breach_lognormal_free(l);
    breach_powerlaw_options o;
    breach_powerlaw_options_init(&o);
    o.replicates = 0; /* the p-value over 6,278 values is the slow part: see doc/statistics.md */
    breach_powerlaw *p = breach_powerlaw_fit(s, &o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    /* dist.py "HHS power law": xmin 33,000, alpha 1.677171064256466, KS
       0.04320498328165989, 1,114 in the tail */
    CHECK_REL(p->xmin, 33000, 0);
    CHECK_REL(p->alpha, 1.677171064256466, 1e-12);
    CHECK_REL(p->ks, 0.04320498328165989, 1e-12);
    CHECK_EQ_LL(p->n_tail, 1114);
    breach_vuong *v = breach_powerlaw_compare_lognormal(s, p, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    /* dist.py "vuong": mu 7.513003209045708, sigma 2.8337662820015477, R -16.793512059111933,
       statistic -3.555756025596857, p 0.00037689371205562903: the log-normal is favoured */
    CHECK_REL(v->lognormal_mu, 7.513003209045708, 1e-6);
    CHECK_REL(v->lognormal_sigma, 2.8337662820015477, 1e-6);
    CHECK_REL(v->powerlaw_loglik, -14783.70008901325, 1e-12);
    CHECK_REL(v->lognormal_loglik, -14766.906576954138, 1e-10);
    CHECK_REL(v->ratio, -16.793512059111933, 1e-7);
    CHECK_REL(v->statistic, -3.555756025596857, 1e-7);
    CHECK_REL(v->p_value, 0.00037689371205562903, 1e-6);
    CHECK_EQ_LL(v->favours, -1);
    breach_vuong_free(v);
    breach_powerlaw_free(p);
    breach_sizes_free(s);
    breach_dataset_free(ds);
}

static void add_in(breach_dataset *ds, int unit, breach_count c)
{
    breach_incident in;
    breach_incident_init(&in);
    in.entity = "Org";
    in.unit = unit;
    in.affected = c;
    CU_ASSERT(breach_dataset_add(ds, &in, NULL) >= 0);
}

/* Sizes in one unit. By hand: individuals 10, 30, 20, at least 40, unknown; accounts 5,000
 * and 7,000; records 900. Individuals (5 notices) are the most common unit: values 10, 20,
 * 30 (median 20), one "at least", one unknown; the 3 others are counted apart. */
static void test_sizes_units(void)
{
    breach_dataset *ds = breach_dataset_new(NULL);
    add_in(ds, BREACH_UNIT_INDIVIDUALS, breach_count_exact(10));
    add_in(ds, BREACH_UNIT_ACCOUNTS, breach_count_exact(5000));
    add_in(ds, BREACH_UNIT_INDIVIDUALS, breach_count_exact(30));
    add_in(ds, BREACH_UNIT_RECORDS, breach_count_exact(900));
    add_in(ds, BREACH_UNIT_INDIVIDUALS, breach_count_exact(20));
    add_in(ds, BREACH_UNIT_INDIVIDUALS, (breach_count){40, BREACH_COUNT_AT_LEAST});
    add_in(ds, BREACH_UNIT_ACCOUNTS, breach_count_exact(7000));
    add_in(ds, BREACH_UNIT_INDIVIDUALS, breach_count_unknown());
    breach_sizes *s = breach_sizes_compute(ds, NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CHECK_EQ_LL(s->unit, BREACH_UNIT_INDIVIDUALS);
    CHECK_EQ_LL(s->units, 7);
    CHECK_EQ_LL(s->n_incidents, 8);
    CHECK_EQ_LL(s->n_other_units, 3);
    CHECK_EQ_LL(s->n, 3);
    CHECK_EQ_LL(s->n_at_least, 1);
    CHECK_EQ_LL(s->n_unknown, 1);
    CHECK_EQ_LL(s->n_incidents, s->n_other_units + s->n_unknown + s->n + s->n_at_least +
                                    s->n_at_most);
    CHECK_REL(s->median, 20, 0);
    CHECK_REL(s->max, 30, 0); /* not 7,000 accounts */
    breach_sizes_free(s);
    breach_filter f;
    breach_filter_init(&f);
    f.units = 1u << BREACH_UNIT_ACCOUNTS;
    s = breach_sizes_compute(ds, &f, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CHECK_EQ_LL(s->unit, BREACH_UNIT_ACCOUNTS);
    CHECK_EQ_LL(s->n, 2);
    CHECK_EQ_LL(s->n_other_units, 0);
    CHECK_REL(s->median, 6000, 0); /* (5,000 + 7,000) / 2 */
    breach_sizes_free(s);
    breach_dataset_free(ds);
}

/* HHS 2024-07 with HIBP: the individuals' sizes are HHS's alone and the accounts' HIBP's
 * alone. Expected: tests/reference/units.py (pandas over the CSVs, json over HIBP). */
static void test_real_units(void)
{
    const char *a = shared_path("hhs-ocr-breach-portal/snapshot-2024-07/Source_Breach_Report.csv");
    const char *b = shared_path("hhs-ocr-breach-portal/snapshot-2024-07/breach_report.csv");
    const char *h = shared_path("hibp/breaches.json");
    if (!a || !b || !h)
        return;
    breach_dataset *ds = breach_dataset_new(NULL);
    CU_ASSERT_EQUAL_FATAL(breach_hhs_read_file(ds, a, NULL, NULL, NULL), BREACH_OK);
    CU_ASSERT_EQUAL_FATAL(breach_hhs_read_file(ds, b, NULL, NULL, NULL), BREACH_OK);
    CU_ASSERT_EQUAL_FATAL(breach_hibp_read_file(ds, h, NULL, NULL, NULL), BREACH_OK);
    breach_sizes *s = breach_sizes_compute(ds, NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    /* units.py: 6,278 HHS figures, median 3,561.5 (as test_hhs on HHS alone); the 875
       HIBP breaches apart */
    CHECK_EQ_LL(s->unit, BREACH_UNIT_INDIVIDUALS);
    CHECK_EQ_LL(s->n, 6278);
    CHECK_EQ_LL(s->n_other_units, 875);
    CHECK_REL(s->median, 3561.5, 1e-15);
    CHECK_REL(s->max, 78800000, 0);
    breach_sizes_free(s);
    breach_filter f;
    breach_filter_init(&f);
    f.units = 1u << BREACH_UNIT_ACCOUNTS;
    s = breach_sizes_compute(ds, &f, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    /* units.py: 875 PwnCounts, median 1,116,256, largest 772,904,991 */
    CHECK_EQ_LL(s->unit, BREACH_UNIT_ACCOUNTS);
    CHECK_EQ_LL(s->n, 875);
    CHECK_REL(s->median, 1116256, 0);
    CHECK_REL(s->max, 772904991, 0);
    breach_sizes_free(s);
    breach_dataset_free(ds);
}

int main(void)
{
    static const test_entry tests[] = {
        {"sizes: qualifiers, summaries, CCDF, empty", test_sizes},
        {"sizes past 2^53: the summaries that are values as exact integers", test_sizes_large},
        {"log-normal: closed form, exact and Wald intervals, censoring", test_lognormal},
        {"power law: CSN scan, bootstrap p, fixed xmin, min tail, Vuong", test_powerlaw},
        {"log-normal sample: power law ruled out, Vuong", test_lognormal_tail},
        {"HHS sizes, log-normal, power law, Vuong", test_hhs},
        {"sizes: one unit, the others counted apart", test_sizes_units},
        {"sizes: HHS + HIBP, each unit as its source alone", test_real_units},
        {NULL, NULL}};
    return run_suite("distributions", tests);
}
