/* Counts per dimension, proportions with Wilson / Jeffreys / bootstrap intervals, and the
 * small-sample rules. Reference values: tests/reference/counts.py (SciPy 1.10's binomtest
 * Wilson interval and beta.ppf; the bootstrap redone on GSL's mt19937 stream); run
 * `/usr/bin/python3 tests/reference/counts.py` to reproduce every number quoted here. */
#include "check.h"

/* The generated set of counts.py: incident k's types (types_of there). */
static breach_type_set types_of(int k)
{
    if (k % 10 == 3)
        return 0;
    if (k % 10 == 7)
        return BREACH_TYPE_BIT(BREACH_TYPE_UNKNOWN);
    breach_type_set s = 0;
    if (k % 2 == 0)
        s |= BREACH_TYPE_BIT(BREACH_TYPE_HACKING);
    if (k % 3 == 0)
        s |= BREACH_TYPE_BIT(BREACH_TYPE_RANSOMWARE);
    if (k % 7 == 2)
        s |= BREACH_TYPE_BIT(BREACH_TYPE_THEFT);
    if (k % 5 == 1 || !s)
        s |= BREACH_TYPE_BIT(BREACH_TYPE_UNAUTHORIZED_ACCESS);
    return s;
}

static breach_dataset *generated(int n)
{
    breach_dataset *ds = breach_dataset_new(NULL);
    for (int k = 0; k < n; k++) {
        breach_incident in;
        breach_incident_init(&in);
        in.entity = "Org";
        in.types = types_of(k);
        in.affected = breach_count_exact(1000 + 37 * (uint64_t)k);
        CU_ASSERT_EQUAL(breach_dataset_add(ds, &in, NULL), k);
    }
    return ds;
}

static const breach_count_row *row_named(const breach_counts *c, const char *label)
{
    for (size_t k = 0; k < c->n_rows; k++)
        if (strcmp(c->rows[k].label, label) == 0)
            return &c->rows[k];
    return NULL;
}

static void test_proportion_ci(void)
{
    /* counts.py "== proportion_ci": x, n, level, Wilson lo, hi, Jeffreys lo, hi */
    static const struct {
        uint64_t x, n;
        double level, wlo, whi, jlo, jhi;
    } ref[] = {
        {0, 30, 0.95, 0.0, 0.11351339317396875, 0.0, 0.07967817381725999},
        {7, 30, 0.95, 0.11792388144489496, 0.40928326158122164, 0.11092090715825267, 0.4043999127631018},
        {30, 30, 0.95, 0.8864866068260312, 1.0, 0.92032182618274, 1.0},
        {17, 123, 0.9, 0.09477116389795842, 0.19722505556470493, 0.09338662004730122, 0.19546849896008425},
        {2385, 9540, 0.95, 0.24141269787543115, 0.25878855540592677, 0.24138764359651776, 0.2587640228924593},
        {1, 5, 0.99, 0.02393366285088816, 0.7182213297653174, 0.00753879444121097, 0.7439629730106583},
    };
    for (size_t k = 0; k < sizeof ref / sizeof ref[0]; k++) {
        double lo, hi;
        CU_ASSERT_EQUAL(breach_proportion_ci(ref[k].x, ref[k].n, BREACH_CI_WILSON, ref[k].level, &lo, &hi, NULL), BREACH_OK);
        CHECK_REL(lo, ref[k].wlo, 1e-12);
        CHECK_REL(hi, ref[k].whi, 1e-12);
        CU_ASSERT_EQUAL(breach_proportion_ci(ref[k].x, ref[k].n, BREACH_CI_JEFFREYS, ref[k].level, &lo, &hi, NULL), BREACH_OK);
        CHECK_REL(lo, ref[k].jlo, 1e-9);
        CHECK_REL(hi, ref[k].jhi, 1e-9);
    }
    /* a million trials: GSL's incomplete beta stops after 512 continued-fraction steps, so
       the Jeffreys interval is refused there rather than guessed; Wilson stands
       (counts.py: 31234 of 1,000,000 -> 0.030894861833586175, 0.031576739643149984) */
    double lo, hi;
    breach_error e;
    CU_ASSERT_EQUAL(breach_proportion_ci(31234, 1000000, BREACH_CI_WILSON, 0.95, &lo, &hi, &e), BREACH_OK);
    CHECK_REL(lo, 0.030894861833586175, 1e-10);
    CHECK_REL(hi, 0.031576739643149984, 1e-10);
    int rc = breach_proportion_ci(31234, 1000000, BREACH_CI_JEFFREYS, 0.95, &lo, &hi, &e);
    if (rc == BREACH_OK) {
        CHECK_REL(lo, 0.030894420749690225, 1e-9);
        CHECK_REL(hi, 0.03157629274659581, 1e-9);
    } else {
        CHECK_EQ_LL(rc, BREACH_EINVAL);
        CU_ASSERT(isnan(lo) && isnan(hi));
    }
    /* errors */
    CHECK_EQ_LL(breach_proportion_ci(1, 0, BREACH_CI_WILSON, 0.95, &lo, &hi, &e), BREACH_EINVAL);
    CU_ASSERT(isnan(lo));
    CHECK_EQ_LL(breach_proportion_ci(6, 5, BREACH_CI_WILSON, 0.95, &lo, &hi, &e), BREACH_EINVAL);
    CHECK_EQ_LL(breach_proportion_ci(1, 5, BREACH_CI_WILSON, 1.0, &lo, &hi, &e), BREACH_EINVAL);
    CHECK_EQ_LL(breach_proportion_ci(1, 5, BREACH_CI_WILSON, NAN, &lo, &hi, &e), BREACH_EINVAL);
    CHECK_EQ_LL(breach_proportion_ci(1, 5, BREACH_CI_BOOTSTRAP, 0.95, &lo, &hi, &e), BREACH_EINVAL);
    CHECK_EQ_LL(breach_proportion_ci(1, 5, BREACH_CI_WILSON, 0.95, NULL, &hi, &e), BREACH_EINVAL);
}

static void test_types_wilson_jeffreys(void)
{
    breach_dataset *ds = generated(60);
    breach_counts_options o;
    breach_counts_options_init(&o);
    breach_error e;
    breach_counts *c = breach_counts_compute(ds, NULL, &o, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    /* counts.py: n = 48, unknown = 12 (6 empty, 6 'unknown' only), counts
       hacking 30, ransomware 16, unauthorized 20, theft 7, the rest 0 */
    CHECK_EQ_LL(c->n_incidents, 60);
    CHECK_EQ_LL(c->n_unknown, 12);
    CHECK_EQ_LL(c->n, 48);
    CHECK_EQ_LL(c->status, BREACH_COUNTS_OK);
    CU_ASSERT_TRUE(c->multi_valued);
    CU_ASSERT_EQUAL_FATAL(c->n_rows, 8); /* 7 levels (every one, zeros too) + unknown */
    static const char *order[] = {"hacking", "unauthorized_access", "ransomware", "theft",
                                  "improper_disposal", "loss", "other", "unknown"};
    static const uint64_t counts[] = {30, 20, 16, 7, 0, 0, 0, 12};
    for (size_t k = 0; k < 8; k++) {
        CHECK_STR(c->rows[k].label, order[k]);
        CHECK_EQ_LL(c->rows[k].count, counts[k]);
    }
    CU_ASSERT_TRUE(c->rows[7].unknown);
    CU_ASSERT(isnan(c->rows[7].proportion) && isnan(c->rows[7].lo)); /* outside n */
    CHECK_EQ_LL(c->rows[0].level, BREACH_TYPE_HACKING);
    CHECK_REL(c->rows[0].proportion, 30.0 / 48, 1e-15);
    CHECK_REL(c->rows[0].lo, 0.4836276351921527, 1e-12);
    CHECK_REL(c->rows[0].hi, 0.747847332391318, 1e-12);
    CHECK_REL(c->rows[3].lo, 0.07248249326603709, 1e-12);
    CHECK_REL(c->rows[3].hi, 0.2716717652474627, 1e-12);
    CHECK_REL(c->rows[4].lo, 0.0, 0);
    CHECK_REL(c->rows[4].hi, 0.07410012966611748, 1e-12);
    /* affected: hacking = even k: sum over k = 0, 2, .., 58 except k % 10 == 3 or 7 (odd
       anyway) of 1000 + 37 k = 30 * 1000 + 37 * (2 * (0 + .. + 29)) = 30000 + 37 * 870 */
    CHECK_EQ_LL(c->rows[0].affected.point, 30000 + 37 * 870);
    CHECK_EQ_LL(c->rows[0].affected.n_exact, 30);
    breach_counts_free(c);

    o.ci_method = BREACH_CI_JEFFREYS;
    c = breach_counts_compute(ds, NULL, &o, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    const breach_count_row *r = row_named(c, "ransomware");
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CHECK_REL(r->lo, 0.2127483291386389, 1e-9);
    CHECK_REL(r->hi, 0.4733456002301156, 1e-9);
    r = row_named(c, "loss");
    CHECK_REL(r->hi, 0.05072726335249248, 1e-9);
    breach_counts_free(c);

    /* include_unknown: n = 60 and the unknown row has an interval (counts.py: 12 of 60
       -> 0.1182850532289749, 0.31781805805627894; hacking 30 of 60 -> 0.377.., 0.622..) */
    o.ci_method = BREACH_CI_WILSON;
    o.include_unknown = true;
    c = breach_counts_compute(ds, NULL, &o, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CHECK_EQ_LL(c->n, 60);
    r = row_named(c, "unknown");
    CHECK_REL(r->proportion, 0.2, 1e-15);
    CHECK_REL(r->lo, 0.1182850532289749, 1e-12);
    CHECK_REL(r->hi, 0.31781805805627894, 1e-12);
    r = row_named(c, "hacking");
    CHECK_REL(r->lo, 0.3773502424155577, 1e-12);
    CHECK_REL(r->hi, 0.6226497575844423, 1e-12);
    breach_counts_free(c);
    breach_dataset_free(ds);
}

static void test_bootstrap_proportions(void)
{
    breach_dataset *ds = generated(60);
    breach_counts_options o;
    breach_counts_options_init(&o);
    o.ci_method = BREACH_CI_BOOTSTRAP;
    o.replicates = 400;
    o.seed = 7;
    o.level = 0.90;
    breach_counts *c = breach_counts_compute(ds, NULL, &o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    /* counts.py "bootstrap": the same 400 resamples of the 48 known incidents */
    static const struct {
        const char *label;
        double lo, hi;
    } ref[] = {{"hacking", 0.5, 0.75},
               {"ransomware", 0.22916666666666666, 0.4375},
               {"unauthorized_access", 0.3125, 0.5208333333333334},
               {"theft", 0.0625, 0.25},
               {"loss", 0.0, 0.0}};
    for (size_t k = 0; k < sizeof ref / sizeof ref[0]; k++) {
        const breach_count_row *r = row_named(c, ref[k].label);
        CU_ASSERT_PTR_NOT_NULL_FATAL(r);
        CHECK_REL(r->lo, ref[k].lo, 1e-15);
        CHECK_REL(r->hi, ref[k].hi, 1e-15);
    }
    /* same seed, same intervals; another seed, other intervals somewhere */
    breach_counts *c2 = breach_counts_compute(ds, NULL, &o, NULL);
    int same = 1;
    for (size_t k = 0; k < c->n_rows; k++)
        same &= (isnan(c->rows[k].lo) && isnan(c2->rows[k].lo)) ||
                (c->rows[k].lo == c2->rows[k].lo && c->rows[k].hi == c2->rows[k].hi);
    CU_ASSERT_TRUE(same);
    breach_counts_free(c2);

    /* a progress function watches the 400 replicates (one pass: 6 levels x 400 cells) and
       changes nothing; stopping at the start fails with ECANCELLED */
    progress_log log = {0};
    o.progress = progress_record;
    o.progress_ctx = &log;
    c2 = breach_counts_compute(ds, NULL, &o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c2);
    for (size_t k = 0; k < sizeof ref / sizeof ref[0]; k++) {
        const breach_count_row *r = row_named(c2, ref[k].label);
        CU_ASSERT_PTR_NOT_NULL_FATAL(r);
        CHECK_REL(r->lo, ref[k].lo, 1e-15);
        CHECK_REL(r->hi, ref[k].hi, 1e-15);
    }
    breach_counts_free(c2);
    CU_ASSERT(log.calls >= 2 && log.monotonic);
    CHECK_EQ_LL(log.first_done, 0);
    CHECK_EQ_LL(log.last_done, 400);
    CHECK_EQ_LL(log.total, 400);
    memset(&log, 0, sizeof log);
    log.stop_at = 1;
    breach_error ce;
    CU_ASSERT_PTR_NULL(breach_counts_compute(ds, NULL, &o, &ce));
    CHECK_EQ_LL(ce.code, BREACH_ECANCELLED);
    CHECK_EQ_LL(log.calls, 1);
    o.ci_method = BREACH_CI_WILSON; /* no bootstrap: never called */
    memset(&log, 0, sizeof log);
    log.stop_at = 1;
    c2 = breach_counts_compute(ds, NULL, &o, NULL);
    CU_ASSERT_PTR_NOT_NULL(c2);
    CHECK_EQ_LL(log.calls, 0);
    breach_counts_free(c2);
    o.ci_method = BREACH_CI_BOOTSTRAP;
    o.progress = NULL;
    o.progress_ctx = NULL;
    o.seed = 8;
    c2 = breach_counts_compute(ds, NULL, &o, NULL);
    int differ = 0;
    for (size_t k = 0; k < 4; k++)
        differ |= c->rows[k].lo != c2->rows[k].lo || c->rows[k].hi != c2->rows[k].hi;
    CU_ASSERT_TRUE(differ);
    breach_counts_free(c2);
    breach_counts_free(c);
    /* Many levels: with 401 vendors and B = 12,000, the replicates of all levels do not fit
       in one pass (4,194,304 cells) and the resamples are drawn again for the second group
       of levels. The same incidents with the 400 small vendors merged into one give the same
       resamples, so the large vendor's interval must come out identical. */
    breach_dataset *many = breach_dataset_new(NULL), *few = breach_dataset_new(NULL);
    for (int k = 0; k < 440; k++) {
        char name[32];
        snprintf(name, sizeof name, "Vendor %d", k);
        breach_incident in;
        breach_incident_init(&in);
        in.entity = "Org";
        in.flags = BREACH_FLAG_SEPARATE;
        in.vendor = k < 400 ? name : "Big Vendor";
        breach_dataset_add(many, &in, NULL);
        in.vendor = k < 400 ? "Small vendors" : "Big Vendor";
        breach_dataset_add(few, &in, NULL);
    }
    breach_counts_options mo;
    breach_counts_options_init(&mo);
    mo.dimension = BREACH_DIM_VENDOR;
    mo.ci_method = BREACH_CI_BOOTSTRAP;
    mo.replicates = 12000;
    mo.seed = 99;
    breach_counts *cm = breach_counts_compute(many, NULL, &mo, NULL);
    breach_counts *cf = breach_counts_compute(few, NULL, &mo, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(cm);
    CU_ASSERT_PTR_NOT_NULL_FATAL(cf);
    CHECK_EQ_LL(cm->n_rows, 401);
    const breach_count_row *bm = row_named(cm, "Big Vendor"), *bf = row_named(cf, "Big Vendor");
    CU_ASSERT_PTR_NOT_NULL_FATAL(bm);
    CU_ASSERT_PTR_NOT_NULL_FATAL(bf);
    CHECK_EQ_LL(bm->count, 40);
    CU_ASSERT(bm->lo > 0.05 && bm->hi < 0.14); /* around 40 / 440 = 0.091 */
    CU_ASSERT(bm->lo == bf->lo && bm->hi == bf->hi);
    breach_counts_free(cm);
    breach_counts_free(cf);
    breach_dataset_free(many);
    breach_dataset_free(few);

    /* replicates out of range */
    breach_error e;
    o.replicates = 0;
    CU_ASSERT_PTR_NULL(breach_counts_compute(ds, NULL, &o, &e));
    CHECK_EQ_LL(e.code, BREACH_EINVAL);
    breach_dataset_free(ds);
}

static void test_small_samples(void)
{
    /* 15 incidents of the generated set: k = 3, 7, 13 have no known type -> n = 12 */
    breach_dataset *ds = generated(15);
    breach_counts_options o;
    breach_counts_options_init(&o);
    breach_counts *c = breach_counts_compute(ds, NULL, &o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CHECK_EQ_LL(c->n, 12);
    CHECK_EQ_LL(c->status, BREACH_COUNTS_SMALL_N);
    CU_ASSERT(c->n_rows > 0);
    for (size_t k = 0; k < c->n_rows; k++)
        CU_ASSERT(isnan(c->rows[k].proportion) && isnan(c->rows[k].lo) && isnan(c->rows[k].hi));
    /* hacking: k even, 0..14 -> 8 */
    CHECK_EQ_LL(row_named(c, "hacking")->count, 8);
    breach_counts_free(c);
    o.force = true;
    c = breach_counts_compute(ds, NULL, &o, NULL);
    CHECK_EQ_LL(c->status, BREACH_COUNTS_FORCED);
    CHECK_REL(row_named(c, "hacking")->proportion, 8.0 / 12, 1e-15);
    CU_ASSERT(!isnan(row_named(c, "hacking")->lo));
    breach_counts_free(c);
    breach_dataset_free(ds);

    /* 5 incidents, 4 known: nothing, force or not */
    ds = generated(5);
    c = breach_counts_compute(ds, NULL, &o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CHECK_EQ_LL(c->n, 4);
    CHECK_EQ_LL(c->n_unknown, 1);
    CHECK_EQ_LL(c->status, BREACH_COUNTS_SUPPRESSED);
    CHECK_EQ_LL(c->n_rows, 0);
    CU_ASSERT_PTR_NULL(c->rows);
    breach_counts_free(c);
    /* the rule is the caller's to break, explicitly */
    o.min_n_report = 0;
    o.min_n = 0;
    c = breach_counts_compute(ds, NULL, &o, NULL);
    CHECK_EQ_LL(c->status, BREACH_COUNTS_OK);
    CHECK_REL(row_named(c, "hacking")->proportion, 3.0 / 4, 1e-15); /* k = 0, 2, 4 */
    breach_counts_free(c);
    breach_dataset_free(ds);

    /* no incident at all: suppressed with the defaults; with the rule off, rows of zero
       and no proportion (nothing to divide by) */
    ds = breach_dataset_new(NULL);
    breach_counts_options_init(&o);
    c = breach_counts_compute(ds, NULL, &o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CHECK_EQ_LL(c->status, BREACH_COUNTS_SUPPRESSED);
    breach_counts_free(c);
    o.min_n_report = o.min_n = 0;
    c = breach_counts_compute(ds, NULL, &o, NULL);
    CHECK_EQ_LL(c->n_rows, 7);
    CU_ASSERT(isnan(c->rows[0].proportion));
    breach_counts_free(c);
    breach_dataset_free(ds);
}

static void test_text_dimensions(void)
{
    breach_dataset *ds = breach_dataset_new(NULL);
    static const struct {
        const char *etype, *state, *vendor;
        breach_count affected;
    } s[] = {
        {"Health Plan", "ME", "Fortra GoAnywhere", {3000000, BREACH_COUNT_AT_LEAST}},
        {"Business Associate", "CA", "FORTRA GOANYWHERE", {960000, BREACH_COUNT_EXACT}},
        {"Health Plan", "TX", NULL, {2385, BREACH_COUNT_EXACT}},
        {"Healthcare Provider", "CA", "MOVEit", {500, BREACH_COUNT_AT_MOST}},
        {NULL, NULL, "Fortra, GoAnywhere", {0, BREACH_COUNT_UNKNOWN}},
        {"Business Associate", "ME", NULL, {1049375, BREACH_COUNT_ESTIMATED}},
    };
    for (size_t k = 0; k < sizeof s / sizeof s[0]; k++) {
        breach_incident in;
        breach_incident_init(&in);
        in.entity = "Org";
        in.entity_type = s[k].etype;
        if (s[k].state)
            breach_region_from_us_state(s[k].state, strlen(s[k].state), &in.entity_region, NULL);
        in.vendor = s[k].vendor;
        in.affected = s[k].affected;
        in.flags = BREACH_FLAG_SEPARATE;
        breach_dataset_add(ds, &in, NULL);
    }
    breach_counts_options o;
    breach_counts_options_init(&o);
    o.min_n_report = 0;
    o.dimension = BREACH_DIM_ENTITY_TYPE;
    breach_counts *c = breach_counts_compute(ds, NULL, &o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CU_ASSERT_FALSE(c->multi_valued);
    CHECK_EQ_LL(c->n, 5);
    CHECK_EQ_LL(c->status, BREACH_COUNTS_SMALL_N);
    CU_ASSERT_EQUAL_FATAL(c->n_rows, 4);
    /* 2, 2, 1 by count then label, unknown last */
    CHECK_STR(c->rows[0].label, "Business Associate");
    CHECK_STR(c->rows[1].label, "Health Plan");
    CHECK_STR(c->rows[2].label, "Healthcare Provider");
    CHECK_STR(c->rows[3].label, "unknown");
    CHECK_EQ_LL(c->rows[0].level, -1);
    /* Health Plan: at least 3,000,000 + 2,385: lower 3,002,385, no upper bound */
    CHECK_EQ_LL(c->rows[1].affected.lower, 3002385);
    CU_ASSERT_TRUE(c->rows[1].affected.upper_unbounded);
    /* Business Associate: 960,000 + ~1,049,375 (estimated, in both bounds and counted) */
    CHECK_EQ_LL(c->rows[0].affected.point, 2009375);
    CHECK_EQ_LL(c->rows[0].affected.n_estimated, 1);
    /* Healthcare Provider: at most 500: [0, 500] */
    CHECK_EQ_LL(c->rows[2].affected.lower, 0);
    CHECK_EQ_LL(c->rows[2].affected.upper, 500);
    CHECK_EQ_LL(c->rows[3].affected.n_unknown, 1);
    breach_counts_free(c);

    o.dimension = BREACH_DIM_REGION;
    c = breach_counts_compute(ds, NULL, &o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CU_ASSERT_EQUAL_FATAL(c->n_rows, 4);
    CHECK_STR(c->rows[0].label, "US-CA"); /* 2, ties by code: US-CA before US-ME */
    CHECK_STR(c->rows[1].label, "US-ME");
    CHECK_STR(c->rows[2].label, "US-TX");
    breach_region ca;
    breach_region_parse("US-CA", 5, &ca, NULL);
    CHECK_EQ_LL(c->rows[0].level, ca);
    breach_counts_free(c);

    /* vendors by entity key: three spellings of Fortra GoAnywhere are one level, labelled as
       first spelt */
    o.dimension = BREACH_DIM_VENDOR;
    c = breach_counts_compute(ds, NULL, &o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CHECK_EQ_LL(c->n, 4);
    CHECK_EQ_LL(c->n_unknown, 2);
    CU_ASSERT_EQUAL_FATAL(c->n_rows, 3);
    CHECK_STR(c->rows[0].label, "Fortra GoAnywhere");
    CHECK_EQ_LL(c->rows[0].count, 3);
    CHECK_STR(c->rows[1].label, "MOVEit");
    CU_ASSERT_TRUE(c->rows[2].unknown);
    breach_counts_free(c);

    /* every incident with a known level: no unknown row at all */
    breach_dataset *all = breach_dataset_new(NULL);
    for (int k = 0; k < 3; k++) {
        breach_incident in;
        breach_incident_init(&in);
        in.locations = BREACH_LOC_BIT(BREACH_LOC_EMAIL) | (k ? BREACH_LOC_BIT(BREACH_LOC_PAPER) : 0);
        breach_dataset_add(all, &in, NULL);
    }
    o.dimension = BREACH_DIM_LOCATION;
    c = breach_counts_compute(all, NULL, &o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CHECK_EQ_LL(c->n_unknown, 0);
    CHECK_EQ_LL(c->n_rows, BREACH_LOC_COUNT_);
    CHECK_STR(c->rows[0].label, "email");
    CHECK_EQ_LL(c->rows[0].count, 3);
    CHECK_EQ_LL(c->rows[1].count, 2);
    CU_ASSERT_FALSE(c->rows[BREACH_LOC_COUNT_ - 1].unknown);
    breach_counts_free(c);
    breach_dataset_free(all);

    /* categories and locations: none stated -> everything unknown */
    o.dimension = BREACH_DIM_CATEGORY;
    c = breach_counts_compute(ds, NULL, &o, NULL);
    CHECK_EQ_LL(c->n, 0);
    CHECK_EQ_LL(c->n_unknown, 6);
    CHECK_EQ_LL(c->n_rows, BREACH_CAT_COUNT_ + 1);
    breach_counts_free(c);
    o.dimension = BREACH_DIM_LOCATION;
    c = breach_counts_compute(ds, NULL, &o, NULL);
    CHECK_EQ_LL(c->n_rows, BREACH_LOC_COUNT_ + 1);
    breach_counts_free(c);
    breach_dataset_free(ds);
}

static void test_errors(void)
{
    breach_dataset *ds = generated(10);
    breach_counts_options o;
    breach_error e;
    breach_counts_options_init(&o);
    o.dimension = 6;
    CU_ASSERT_PTR_NULL(breach_counts_compute(ds, NULL, &o, &e));
    CHECK_EQ_LL(e.code, BREACH_EINVAL);
    breach_counts_options_init(&o);
    o.ci_method = 3;
    CU_ASSERT_PTR_NULL(breach_counts_compute(ds, NULL, &o, &e));
    breach_counts_options_init(&o);
    o.level = 0;
    CU_ASSERT_PTR_NULL(breach_counts_compute(ds, NULL, &o, &e));
    breach_counts_options_init(&o);
    o.reserved_[0] = 1;
    CU_ASSERT_PTR_NULL(breach_counts_compute(ds, NULL, &o, &e));
    CHECK_EQ_LL(e.code, BREACH_EINVAL);
    CU_ASSERT_PTR_NULL(breach_counts_compute(NULL, NULL, NULL, &e));
    breach_filter f;
    breach_filter_init(&f);
    f.date_field = 77;
    CU_ASSERT_PTR_NULL(breach_counts_compute(ds, &f, NULL, &e));
    CHECK_EQ_LL(e.code, BREACH_EINVAL);
    /* an affected total past 2^64 - 1 */
    breach_incident in;
    breach_incident_init(&in);
    in.types = BREACH_TYPE_BIT(BREACH_TYPE_THEFT);
    in.affected = breach_count_exact(UINT64_MAX - 5);
    breach_dataset_add(ds, &in, NULL);
    breach_dataset_add(ds, &in, NULL);
    CU_ASSERT_PTR_NULL(breach_counts_compute(ds, NULL, NULL, &e));
    CHECK_EQ_LL(e.code, BREACH_EOVERFLOW);
    breach_counts_free(NULL);
    breach_dataset_free(ds);
}

/* The HHS breach portal, July 2024 (both lists), through the HHS loader. */
static breach_dataset *load_hhs(void)
{
    const char *a = shared_path("hhs-ocr-breach-portal/snapshot-2024-07/Source_Breach_Report.csv");
    const char *b = shared_path("hhs-ocr-breach-portal/snapshot-2024-07/breach_report.csv");
    if (!a || !b)
        return NULL;
    breach_dataset *ds = breach_dataset_new(NULL);
    breach_error e;
    int rc = breach_hhs_read_file(ds, a, NULL, NULL, &e);
    if (rc == BREACH_OK)
        rc = breach_hhs_read_file(ds, b, NULL, NULL, &e);
    if (rc != BREACH_OK)
        fprintf(stderr, "\n  HHS load: %s:%ld: %s\n", e.source, e.line, e.text);
    CU_ASSERT_EQUAL(rc, BREACH_OK);
    return ds;
}

static void test_hhs(void)
{
    breach_dataset *ds = load_hhs();
    if (!ds)
        return;
    breach_counts *c = breach_counts_compute(ds, NULL, NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    /* counts.py (csv module over the two files): 6,279 rows, 11 without a known type;
       hacking 3,370, unauthorized 1,486, theft 1,050, loss 242, disposal 123, other 95 */
    CHECK_EQ_LL(c->n_incidents, 6279);
    CHECK_EQ_LL(c->n, 6268);
    const breach_count_row *r = row_named(c, "hacking");
    CHECK_EQ_LL(r->count, 3370);
    CHECK_REL(r->lo, 0.5252893174260526, 1e-10);
    CHECK_REL(r->hi, 0.5499676869320823, 1e-10);
    CHECK_EQ_LL(row_named(c, "unauthorized_access")->count, 1486);
    CHECK_EQ_LL(row_named(c, "theft")->count, 1050);
    CHECK_EQ_LL(row_named(c, "loss")->count, 242);
    CHECK_EQ_LL(row_named(c, "improper_disposal")->count, 123);
    CHECK_EQ_LL(row_named(c, "other")->count, 95);
    /* the portal's Type of Breach has no ransomware value (a ransomware filing is
       Hacking/IT Incident): not recorded, never 0 of 6,268 */
    r = row_named(c, "ransomware");
    CHECK_EQ_LL(r->count, 0);
    CU_ASSERT(isnan(r->proportion) && isnan(r->lo) && isnan(r->hi));
    CU_ASSERT(!(c->levels_recorded & BREACH_TYPE_BIT(BREACH_TYPE_RANSOMWARE)));
    CU_ASSERT(c->levels_recorded & BREACH_TYPE_BIT(BREACH_TYPE_OTHER));
    CU_ASSERT_PTR_NOT_NULL_FATAL(c->row_n);
    CHECK_EQ_LL(c->row_n[r - c->rows], 0);
    CHECK_EQ_LL(c->row_n[row_named(c, "other") - c->rows], 6268);
    breach_counts_free(c);

    breach_counts_options o;
    breach_counts_options_init(&o);
    o.dimension = BREACH_DIM_ENTITY_TYPE;
    o.ci_method = BREACH_CI_JEFFREYS;
    c = breach_counts_compute(ds, NULL, &o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    /* counts.py: Healthcare Provider 4,492, Business Associate 951, Health Plan 817,
       Healthcare Clearing House 14, empty 5; affected of Business Associate rows
       189,286,052 */
    CHECK_EQ_LL(c->n_unknown, 5);
    CHECK_STR(c->rows[0].label, "Healthcare Provider");
    CHECK_EQ_LL(c->rows[0].count, 4492);
    CHECK_STR(c->rows[1].label, "Business Associate");
    CHECK_EQ_LL(c->rows[1].count, 951);
    CHECK_EQ_LL(c->rows[1].affected.point, 189286052);
    CHECK_EQ_LL(row_named(c, "Healthcare Clearing House")->count, 14);
    breach_counts_free(c);

    o.dimension = BREACH_DIM_REGION;
    c = breach_counts_compute(ds, NULL, &o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    /* counts.py: 16 rows without a state; CA 627, TX 514, NY 418 */
    CHECK_EQ_LL(c->n_unknown, 16);
    CHECK_STR(c->rows[0].label, "US-CA");
    CHECK_EQ_LL(c->rows[0].count, 627);
    CHECK_STR(c->rows[1].label, "US-TX");
    CHECK_EQ_LL(c->rows[2].count, 418);
    breach_counts_free(c);
    breach_dataset_free(ds);
}

/* A small set that mixes units: what no total may add. By hand:
 *   0 HHS-like  individuals  Health Plan   1,000 exact
 *   1           individuals  Health Plan     500 at least
 *   2           individuals  (none)          250 exact
 *   3 HIBP-like accounts     Health Plan  40,000 exact
 *   4           accounts     (none)       60,000 exact
 *   5 VCDB-like records      Health Plan  unknown
 * Individuals are the most common unit (3 of 6): rows' affected are individuals only. */
static breach_dataset *mixed_units(void)
{
    static const struct {
        const char *etype;
        int unit;
        breach_count affected;
    } s[] = {
        {"Health Plan", BREACH_UNIT_INDIVIDUALS, {1000, BREACH_COUNT_EXACT}},
        {"Health Plan", BREACH_UNIT_INDIVIDUALS, {500, BREACH_COUNT_AT_LEAST}},
        {NULL, BREACH_UNIT_INDIVIDUALS, {250, BREACH_COUNT_EXACT}},
        {"Health Plan", BREACH_UNIT_ACCOUNTS, {40000, BREACH_COUNT_EXACT}},
        {NULL, BREACH_UNIT_ACCOUNTS, {60000, BREACH_COUNT_EXACT}},
        {"Health Plan", BREACH_UNIT_RECORDS, {0, BREACH_COUNT_UNKNOWN}},
    };
    breach_dataset *ds = breach_dataset_new(NULL);
    for (size_t k = 0; k < sizeof s / sizeof s[0]; k++) {
        breach_incident in;
        breach_incident_init(&in);
        in.entity = "Org";
        in.entity_type = s[k].etype;
        in.unit = s[k].unit;
        in.affected = s[k].affected;
        CU_ASSERT_EQUAL(breach_dataset_add(ds, &in, NULL), (long)k);
    }
    return ds;
}

static void test_units(void)
{
    breach_dataset *ds = mixed_units();
    breach_counts_options o;
    breach_counts_options_init(&o);
    o.dimension = BREACH_DIM_ENTITY_TYPE;
    o.min_n_report = 0;
    breach_counts *c = breach_counts_compute(ds, NULL, &o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CHECK_EQ_LL(c->unit, BREACH_UNIT_INDIVIDUALS);
    CHECK_EQ_LL(c->units, 7); /* all three */
    CHECK_EQ_LL(c->n_other_units, 3); /* 3, 4, 5 */
    CU_ASSERT_EQUAL_FATAL(c->n_rows, 2);
    const breach_count_row *hp = row_named(c, "Health Plan"), *unk = row_named(c, "unknown");
    CU_ASSERT_PTR_NOT_NULL_FATAL(hp);
    CU_ASSERT_PTR_NOT_NULL_FATAL(unk);
    CHECK_EQ_LL(hp->count, 4); /* notices of every unit are counted */
    /* Health Plan individuals: 1,000 + at least 500 = at least 1,500, not 41,500 */
    CHECK_EQ_LL(hp->affected.lower, 1500);
    CHECK_EQ_LL(hp->affected.n, 2);
    CU_ASSERT_TRUE(hp->affected.upper_unbounded);
    CU_ASSERT_TRUE(total_eq(&hp->affected, &hp->by_unit[BREACH_UNIT_INDIVIDUALS]));
    CHECK_EQ_LL(hp->by_unit[BREACH_UNIT_ACCOUNTS].point, 40000);
    CHECK_EQ_LL(hp->by_unit[BREACH_UNIT_ACCOUNTS].n, 1);
    CHECK_EQ_LL(hp->by_unit[BREACH_UNIT_RECORDS].n, 1); /* counted, not stated */
    CHECK_EQ_LL(hp->by_unit[BREACH_UNIT_RECORDS].n_unknown, 1);
    CHECK_EQ_LL(unk->affected.point, 250);
    CHECK_EQ_LL(unk->by_unit[BREACH_UNIT_ACCOUNTS].point, 60000);
    CHECK_EQ_LL(unk->by_unit[BREACH_UNIT_RECORDS].n, 0); /* no record notice there */
    breach_counts_free(c);

    /* the filter's unit: accounts only, so the totals are accounts and nothing is apart */
    breach_filter f;
    breach_filter_init(&f);
    f.units = 1u << BREACH_UNIT_ACCOUNTS;
    c = breach_counts_compute(ds, &f, &o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CHECK_EQ_LL(c->unit, BREACH_UNIT_ACCOUNTS);
    CHECK_EQ_LL(c->units, 1u << BREACH_UNIT_ACCOUNTS);
    CHECK_EQ_LL(c->n_incidents, 2);
    CHECK_EQ_LL(c->n_other_units, 0);
    CHECK_EQ_LL(row_named(c, "Health Plan")->affected.point, 40000);
    CHECK_EQ_LL(row_named(c, "unknown")->affected.point, 60000);
    CHECK_EQ_LL(row_named(c, "unknown")->by_unit[BREACH_UNIT_INDIVIDUALS].n, 0);
    breach_counts_free(c);

    /* two units allowed: the more common of them (accounts 2, records 1) */
    f.units = 1u << BREACH_UNIT_ACCOUNTS | 1u << BREACH_UNIT_RECORDS;
    c = breach_counts_compute(ds, &f, &o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CHECK_EQ_LL(c->unit, BREACH_UNIT_ACCOUNTS);
    CHECK_EQ_LL(c->n_other_units, 1);
    breach_counts_free(c);

    /* a unit with no notice: an empty result in that unit, never another unit's figures */
    f.units = 8; /* no such unit */
    CU_ASSERT_PTR_NULL(breach_counts_compute(ds, &f, &o, NULL));
    breach_dataset_free(ds);
    ds = breach_dataset_new(NULL);
    f.units = 1u << BREACH_UNIT_RECORDS;
    c = breach_counts_compute(ds, &f, &o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CHECK_EQ_LL(c->unit, BREACH_UNIT_RECORDS);
    CHECK_EQ_LL(c->units, 0);
    breach_counts_free(c);
    breach_dataset_free(ds);
}

/* Types and locations a source cannot state, on VCDB + HHS and WA + HHS. The figures are
 * tests/reference/vocab_recorded.py's (csv, json, zipfile over the raw files): VCDB states
 * every type (ransomware 191 of its 8,332 notices with a known type) and every location
 * but emr; HHS every location but no ransomware (hacking 3,370 + VCDB's 2,694 of 6,268 +
 * 8,332); WA no location and no theft, loss or improper disposal. */
static void test_vocab_recorded(void)
{
    breach_dataset *ds = load_hhs();
    const char *vcdb = shared_path("vcdb/vcdb.json.zip");
    const char *wa = shared_path("wa-ag-breach-notifications/"
                                 "Data_Breach_Notifications_Affecting_Washington_Residents_20240523.csv");
    if (!ds || !vcdb || !wa) {
        breach_dataset_free(ds);
        return;
    }
    breach_dataset *both = breach_dataset_new(NULL);
    CU_ASSERT_EQUAL_FATAL(breach_veris_read_file(both, vcdb, NULL, NULL, NULL), BREACH_OK);
    breach_counts_options o;
    breach_counts_options_init(&o);
    o.dimension = BREACH_DIM_LOCATION; /* VCDB alone: no emr */
    breach_counts *c = breach_counts_compute(both, NULL, &o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CHECK_EQ_LL(c->n, 7845);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c->row_n); /* every vocabulary dimension has row_n */
    const breach_count_row *r = row_named(c, "emr");
    CU_ASSERT(!(c->levels_recorded & BREACH_LOC_BIT(BREACH_LOC_EMR)) && isnan(r->proportion));
    CHECK_EQ_LL(c->row_n[r - c->rows], 0);
    breach_counts_free(c);
    CU_ASSERT_EQUAL_FATAL(breach_hhs_read_file(both, shared_path("hhs-ocr-breach-portal/snapshot-"
                                                                 "2024-07/Source_Breach_Report.csv"),
                                               NULL, NULL, NULL), BREACH_OK);
    CU_ASSERT_EQUAL_FATAL(breach_hhs_read_file(both, shared_path("hhs-ocr-breach-portal/snapshot-"
                                                                 "2024-07/breach_report.csv"),
                                               NULL, NULL, NULL), BREACH_OK);

    /* types: ransomware over VCDB's notices only, hacking over both */
    o.dimension = BREACH_DIM_TYPE;
    for (int by = 0; by < 2; by++) { /* the one-dimension counts and the cross-tab engine */
        o.by = by ? BREACH_BY(BREACH_DIM_ENTITY_TYPE) : BREACH_BY_NONE;
        c = breach_counts_compute(both, NULL, &o, NULL);
        CU_ASSERT_PTR_NOT_NULL_FATAL(c);
        CHECK_EQ_LL(c->n, 8332 + 6268);
        r = row_named(c, "ransomware");
        CHECK_EQ_LL(r->count, 191);
        CHECK_EQ_LL(c->row_n[r - c->rows], 8332);
        CHECK_REL(r->proportion, 191.0 / 8332, 1e-12);
        CHECK_REL(r->lo, 0.019923238, 1e-7);
        CHECK_REL(r->hi, 0.026363806, 1e-7);
        r = row_named(c, "hacking");
        CHECK_EQ_LL(r->count, 3370 + 2694);
        CHECK_EQ_LL(c->row_n[r - c->rows], 8332 + 6268);
        CU_ASSERT(c->levels_recorded & BREACH_TYPE_BIT(BREACH_TYPE_RANSOMWARE));
        breach_counts_free(c);
    }
    o.by = BREACH_BY_NONE;
    /* locations: emr over HHS's 6,279 notices (all with a location) */
    o.dimension = BREACH_DIM_LOCATION;
    c = breach_counts_compute(both, NULL, &o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CHECK_EQ_LL(c->n, 7845 + 6279);
    r = row_named(c, "emr");
    CHECK_EQ_LL(r->count, 394);
    CHECK_EQ_LL(c->row_n[r - c->rows], 6279);
    CHECK_REL(r->proportion, 394.0 / 6279, 1e-12);
    breach_counts_free(c);
    breach_dataset_free(both);

    /* WA + HHS: WA's 1,109 notices state no location; counted inside n (include_unknown)
       they are still outside every location's own n */
    CU_ASSERT_EQUAL_FATAL(breach_wa_read_file(ds, wa, NULL, NULL, NULL), BREACH_OK);
    o.include_unknown = true;
    c = breach_counts_compute(ds, NULL, &o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CHECK_EQ_LL(c->n, 6279 + 1109);
    r = row_named(c, "network_server");
    CHECK_EQ_LL(c->row_n[r - c->rows], 6279);
    CHECK_REL(r->proportion, 2540.0 / 6279, 1e-12);
    CHECK_EQ_LL(c->row_n[row_named(c, "unknown") - c->rows], 6279 + 1109);
    breach_counts_free(c);
    /* types: theft from HHS only; ransomware from WA only (348 of 1,109) */
    o.dimension = BREACH_DIM_TYPE;
    o.include_unknown = false;
    c = breach_counts_compute(ds, NULL, &o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    r = row_named(c, "theft");
    CHECK_EQ_LL(c->row_n[r - c->rows], 6268);
    r = row_named(c, "ransomware");
    CHECK_EQ_LL(r->count, 348);
    CHECK_EQ_LL(c->row_n[r - c->rows], 1109);
    breach_counts_free(c);
    breach_dataset_free(ds);
}

/* HHS 2024-07 (individuals) with HIBP (accounts) and VCDB (records): each unit's figures
 * are those of its source alone. Expected values: tests/reference/units.py (pandas and
 * json over the raw files). */
static void test_real_units(void)
{
    breach_dataset *ds = load_hhs();
    const char *hibp = shared_path("hibp/breaches.json");
    const char *vcdb = shared_path("vcdb/vcdb.json.zip");
    if (!ds || !hibp || !vcdb) {
        breach_dataset_free(ds);
        return;
    }
    CU_ASSERT_EQUAL_FATAL(breach_hibp_read_file(ds, hibp, NULL, NULL, NULL), BREACH_OK);
    breach_counts_options o;
    breach_counts_options_init(&o);
    o.dimension = BREACH_DIM_ENTITY_TYPE;
    breach_counts *c = breach_counts_compute(ds, NULL, &o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    /* units.py: 6,279 HHS rows (individuals) against 875 HIBP breaches (accounts) */
    CHECK_EQ_LL(c->n_incidents, 6279 + 875);
    CHECK_EQ_LL(c->unit, BREACH_UNIT_INDIVIDUALS);
    CHECK_EQ_LL(c->units, 1u << BREACH_UNIT_INDIVIDUALS | 1u << BREACH_UNIT_ACCOUNTS);
    CHECK_EQ_LL(c->n_other_units, 875);
    /* units.py: Business Associate 189,286,052 individuals, as HHS alone (test_hhs) */
    const breach_count_row *r = row_named(c, "Business Associate");
    CHECK_EQ_LL(r->affected.point, 189286052);
    CHECK_EQ_LL(r->by_unit[BREACH_UNIT_ACCOUNTS].n, 0);
    /* units.py: HIBP gives no organisation type, so all 14,946,651,318 accounts (the sum of
       PwnCount) are in the unknown row, beside the 5 typeless HHS rows' 39,626 individuals;
       records are not counted by either source */
    r = row_named(c, "unknown");
    CHECK_EQ_LL(r->count, 5 + 875);
    CHECK_EQ_LL(r->affected.point, 39626);
    CHECK_EQ_LL(r->by_unit[BREACH_UNIT_ACCOUNTS].point, 14946651318ULL);
    CHECK_EQ_LL(r->by_unit[BREACH_UNIT_ACCOUNTS].n, 875);
    CHECK_EQ_LL(r->by_unit[BREACH_UNIT_RECORDS].n, 0);
    breach_counts_free(c);
    breach_filter f;
    breach_filter_init(&f);
    f.units = 1u << BREACH_UNIT_ACCOUNTS;
    o.min_n_report = 0; /* every HIBP breach is in the unknown row: n = 0 */
    c = breach_counts_compute(ds, &f, &o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CHECK_EQ_LL(c->n_incidents, 875);
    CHECK_EQ_LL(row_named(c, "unknown")->affected.point, 14946651318ULL);
    CHECK_EQ_LL(c->units, 1u << BREACH_UNIT_ACCOUNTS); /* individuals: not counted */
    breach_counts_free(c);
    breach_dataset_free(ds);

    /* VCDB by the organisation's state: records, never people. units.py: California 774
       incidents, 408 with a data_total, 7,918,361,781 records (the rest unknown) */
    ds = breach_dataset_new(NULL);
    CU_ASSERT_EQUAL_FATAL(breach_veris_read_file(ds, vcdb, NULL, NULL, NULL), BREACH_OK);
    o.dimension = BREACH_DIM_REGION;
    c = breach_counts_compute(ds, NULL, &o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CHECK_EQ_LL(c->unit, BREACH_UNIT_RECORDS);
    CHECK_EQ_LL(c->units, 1u << BREACH_UNIT_RECORDS);
    CHECK_EQ_LL(c->n_other_units, 0);
    r = row_named(c, "US-CA");
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CHECK_EQ_LL(r->count, 774);
    CHECK_EQ_LL(r->affected.lower, 7918361781ULL);
    CHECK_EQ_LL(r->affected.n_unknown, 774 - 408);
    CHECK_EQ_LL(r->by_unit[BREACH_UNIT_INDIVIDUALS].n, 0);
    breach_counts_free(c);
    breach_dataset_free(ds);
}

/* The cross-tab engine's bootstrap reports progress column by column (done 0 .. B each) and
 * can be cancelled; watching changes nothing. Types by year, 120 incidents over 3 years. */
static void test_crosstab_progress(void)
{
    breach_dataset *ds = breach_dataset_new(NULL);
    for (int k = 0; k < 120; k++) {
        breach_incident in;
        breach_incident_init(&in);
        in.entity = "Org";
        in.types = types_of(k);
        in.reported = (breach_date){19000 + 365 * (k % 3), BREACH_PREC_DAY};
        CU_ASSERT_EQUAL(breach_dataset_add(ds, &in, NULL), k);
    }
    breach_counts_options o;
    breach_counts_options_init(&o);
    o.by = BREACH_BY(BREACH_DIM_YEAR);
    o.ci_method = BREACH_CI_BOOTSTRAP;
    o.replicates = 50;
    breach_counts *plain = breach_counts_compute(ds, NULL, &o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(plain);
    progress_log log = {0};
    o.progress = progress_record;
    o.progress_ctx = &log;
    breach_counts *watched = breach_counts_compute(ds, NULL, &o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(watched);
    CU_ASSERT(log.calls >= 2);
    CHECK_EQ_LL(log.total, 50);
    CHECK_EQ_LL(log.last_done, 50);
    CU_ASSERT_EQUAL_FATAL(watched->n_rows, plain->n_rows);
    CU_ASSERT_EQUAL_FATAL(watched->n_cols, plain->n_cols);
    CU_ASSERT_FATAL(plain->n_rows > 0 && plain->n_cols == 3); /* 3 years */
    size_t finite = 0;
    for (size_t k = 0; k < plain->n_rows * plain->n_cols; k++)
        finite += !isnan(plain->cells[k].lo);
    CU_ASSERT(finite > 0);
    int same = 1;
    for (size_t k = 0; k < plain->n_rows; k++)
        same &= (isnan(plain->rows[k].lo) && isnan(watched->rows[k].lo)) ||
                (plain->rows[k].lo == watched->rows[k].lo && plain->rows[k].hi == watched->rows[k].hi);
    for (size_t k = 0; k < plain->n_rows * plain->n_cols; k++)
        same &= (isnan(plain->cells[k].lo) && isnan(watched->cells[k].lo)) ||
                (plain->cells[k].lo == watched->cells[k].lo &&
                 plain->cells[k].hi == watched->cells[k].hi);
    CU_ASSERT_TRUE(same);
    breach_counts_free(watched);
    memset(&log, 0, sizeof log);
    log.stop_at = 1;
    breach_error e;
    CU_ASSERT_PTR_NULL(breach_counts_compute(ds, NULL, &o, &e));
    CHECK_EQ_LL(e.code, BREACH_ECANCELLED);
    CHECK_EQ_LL(log.calls, 1);
    breach_counts_free(plain);
    breach_dataset_free(ds);
}


/* ------------------------------------------------------------------ copies keep their sources */

/* The category rows' "not recorded" (levels_recorded) and, for level lev, count and
 * denominator (row_n), as the source dataset gives them. */
static void check_categories(const breach_dataset *ds, uint64_t recorded_mask, int lev,
                             uint64_t count, uint64_t row_n)
{
    breach_counts_options o;
    breach_counts_options_init(&o);
    o.dimension = BREACH_DIM_CATEGORY;
    o.force = true;
    o.min_n = o.min_n_report = 0;
    breach_counts *c = breach_counts_compute(ds, NULL, &o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CHECK_EQ_LL(c->n, 3);
    CHECK_EQ_LL(c->levels_recorded & recorded_mask, 0);
    const char *label = breach_category_name(lev);
    size_t r = 0;
    while (r < c->n_rows && strcmp(c->rows[r].label, label) != 0)
        r++;
    CU_ASSERT_FATAL(r < c->n_rows && c->row_n);
    CHECK_EQ_LL(c->rows[r].count, count);
    CHECK_EQ_LL(c->row_n[r], row_n);
    breach_counts_free(c);
}

/* A copy of incidents (breach_dataset_append, _append_selected) keeps what their sources
 * are (review 4, finding 1): copied with breach_dataset_add alone they belonged to no input,
 * so a category VERIS cannot state read as a measured 0 %, the HHS floor was gone and a
 * selection's time series covered the selected notices only. */
static void test_copies_keep_sources(void)
{
    /* tests/data/veris/array.json (json module): 4 incidents, 3 stating data varieties
       (Payment, Holograms + Unknown, Credentials): n 3, credentials 1 of 3; VERIS has no
       address or SSN variety (doc/vocabularies.md): not recorded, not 0 of 3 */
    breach_dataset *v = breach_dataset_new(NULL), *sel = breach_dataset_new(NULL);
    breach_dataset *all = breach_dataset_new(NULL);
    CU_ASSERT_FATAL(v && sel && all);
    CU_ASSERT_EQUAL_FATAL(breach_veris_read_file(v, src_path("tests/data/veris/array.json"),
                                                 NULL, NULL, NULL), BREACH_OK);
    CHECK_EQ_LL(breach_dataset_append_selected(sel, v, NULL, NULL), BREACH_OK);
    CHECK_EQ_LL(breach_dataset_append(all, v, NULL), BREACH_OK);
    uint64_t nr = BREACH_CAT_BIT(BREACH_CAT_ADDRESS) | BREACH_CAT_BIT(BREACH_CAT_SSN);
    check_categories(v, nr, BREACH_CAT_CREDENTIALS, 1, 3);
    check_categories(sel, nr, BREACH_CAT_CREDENTIALS, 1, 3);
    check_categories(all, nr, BREACH_CAT_CREDENTIALS, 1, 3);
    /* the copy's input is the source's: one, its record, its incidents */
    breach_input_info a = {0}, b = {0};
    CHECK_EQ_LL(breach_dataset_n_inputs(sel), 1);
    CHECK_EQ_LL(breach_dataset_input(v, 0, &a, NULL), BREACH_OK);
    CHECK_EQ_LL(breach_dataset_input(sel, 0, &b, NULL), BREACH_OK);
    CHECK_STR(b.format, "veris");
    CHECK_STR(b.name, a.name);
    CHECK_STR(b.sha256, a.sha256);
    CHECK_EQ_LL(b.first, 0);
    CHECK_EQ_LL(b.end, 4);
    CHECK_EQ_LL(b.as_of.day, a.as_of.day);
    breach_dataset_free(sel);
    breach_dataset_free(all);

    /* beside HIBP (tests/data/hibp/small.json: 3 breaches, Quillmail's "Names"), name is
       HIBP's 1 of 3; with the VERIS input's rows first, appended after an HHS input that
       states no category */
    CU_ASSERT_EQUAL_FATAL(breach_hibp_read_file(v, src_path("tests/data/hibp/small.json"),
                                                NULL, NULL, NULL), BREACH_OK);
    breach_dataset *h = breach_dataset_new(NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(h);
    CU_ASSERT_EQUAL_FATAL(breach_hhs_read_file(h, src_path("tests/data/hhs-sample.csv"), NULL,
                                               NULL, NULL), BREACH_OK);
    all = breach_dataset_new(NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(all);
    CHECK_EQ_LL(breach_dataset_append(all, h, NULL), BREACH_OK);
    CHECK_EQ_LL(breach_dataset_append(all, v, NULL), BREACH_OK);
    CHECK_EQ_LL(breach_dataset_n_inputs(all), 3);
    breach_filter fv;
    breach_filter_init(&fv);
    fv.units = 1u << BREACH_UNIT_ACCOUNTS; /* HIBP's */
    breach_counts_options o;
    breach_counts_options_init(&o);
    o.dimension = BREACH_DIM_CATEGORY;
    o.force = true;
    o.min_n = o.min_n_report = 0;
    breach_counts *c = breach_counts_compute(all, NULL, &o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    const breach_count_row *name = row_named(c, "name");
    CU_ASSERT_FATAL(name != NULL);
    CHECK_EQ_LL(name->count, 1);
    CHECK_EQ_LL(c->row_n[name - c->rows], 3);
    breach_counts_free(c);

    /* the HHS portal lists breaches of 500 or more: tests/data/hhs-sample.csv has 6 rows
       with a figure (199,753, 473,467, 500, 500, 501, 2,182), all from that list */
    breach_dataset *hs = breach_dataset_new(NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(hs);
    CHECK_EQ_LL(breach_dataset_append_selected(hs, h, NULL, NULL), BREACH_OK);
    const breach_dataset *hds[3] = {h, hs, all};
    for (int k = 0; k < 3; k++) {
        breach_filter fi;
        breach_filter_init(&fi);
        fi.units = 1u << BREACH_UNIT_INDIVIDUALS;
        breach_sizes *s = breach_sizes_compute(hds[k], &fi, NULL);
        CU_ASSERT_PTR_NOT_NULL_FATAL(s);
        CHECK_EQ_LL(s->n_floored, 6);
        CHECK_EQ_LL(s->floor, 500);
        breach_sizes_free(s);
    }
    breach_dataset_free(hs);
    breach_dataset_free(all);
    breach_dataset_free(h);
    breach_dataset_free(v);

    /* a selection's time series covers its list's days, not its own: one file of a Maine
       notice of 2015-02-01 and a Texas one of 2016-09-01 covers 2015-02-01 .. 2016-09-01,
       so Maine by year is 2015 (334 days covered) and 2016 (245 days: 2016 is a leap year),
       on the file and on a copy of Maine's notice (which alone covers one day) */
    static const char csv[] = "id,entity,entity_state,reported\n"
                              "1,Maine Clinic A,US-ME,2015-02-01\n"
                              "2,Texas Clinic B,US-TX,2016-09-01\n";
    breach_dataset *me = breach_dataset_new(NULL), *mc = breach_dataset_new(NULL);
    CU_ASSERT_FATAL(me && mc);
    CU_ASSERT_EQUAL_FATAL(breach_csv_read_buffer(me, csv, sizeof csv - 1, NULL, NULL, NULL),
                          BREACH_OK);
    breach_filter fm;
    breach_filter_init(&fm);
    CU_ASSERT_EQUAL_FATAL(breach_region_parse("US-ME", 5, &fm.region, NULL), BREACH_OK);
    CHECK_EQ_LL(breach_dataset_append_selected(mc, me, &fm, NULL), BREACH_OK);
    CHECK_EQ_LL(breach_dataset_size(mc), 1);
    breach_timeseries_options to;
    breach_timeseries_options_init(&to);
    to.period = BREACH_PERIOD_YEAR;
    const breach_dataset *mds[2] = {me, mc};
    for (int k = 0; k < 2; k++) {
        breach_timeseries *t = breach_timeseries_compute(mds[k], k ? NULL : &fm, &to, NULL);
        CU_ASSERT_PTR_NOT_NULL_FATAL(t);
        CU_ASSERT_EQUAL_FATAL(t->n_periods, 2);
        CHECK_EQ_LL(t->periods[0].covered_days, 334);
        CHECK_EQ_LL(t->periods[1].covered_days, 245);
        CHECK_EQ_LL(t->periods[0].n_incidents, 1);
        CHECK_EQ_LL(t->periods[1].n_incidents, 0);
        breach_timeseries_free(t);
    }
    breach_dataset_free(mc);

    /* notices dropped as arriving twice stay dropped: the same file loaded twice counts
       once (2 of 4 stand), in an append and in a selection that includes the duplicates */
    CU_ASSERT_EQUAL_FATAL(breach_csv_read_buffer(me, csv, sizeof csv - 1, NULL, NULL, NULL),
                          BREACH_OK);
    CHECK_EQ_LL(breach_dataset_n_dropped(me), 2);
    breach_dataset *d1 = breach_dataset_new(NULL), *d2 = breach_dataset_new(NULL);
    CU_ASSERT_FATAL(d1 && d2);
    CHECK_EQ_LL(breach_dataset_append(d1, me, NULL), BREACH_OK);
    breach_filter fd;
    breach_filter_init(&fd);
    fd.include_duplicates = true;
    CHECK_EQ_LL(breach_dataset_append_selected(d2, me, &fd, NULL), BREACH_OK);
    const breach_dataset *dds[3] = {me, d1, d2};
    for (int k = 0; k < 3; k++) {
        size_t n = 0;
        breach_free(breach_dataset_select(dds[k], NULL, &n, NULL));
        CHECK_EQ_LL(breach_dataset_size(dds[k]), 4);
        CHECK_EQ_LL(n, 2);
        CHECK_EQ_LL(breach_dataset_n_dropped(dds[k]), 2);
        CHECK_EQ_LL(breach_dataset_duplicate_of(dds[k], 0), 2);
        CHECK_EQ_LL(breach_dataset_n_overlaps(dds[k]), 1);
        breach_overlap ov;
        CHECK_EQ_LL(breach_dataset_overlap(dds[k], 0, &ov, NULL), BREACH_OK);
        CU_ASSERT(ov.dropped_input == 0 && ov.kept_input == 1 && ov.n == 2);
    }
    breach_dataset_free(d1);
    breach_dataset_free(d2);
    breach_dataset_free(me);
}

/* Category rows under the bootstrap are the same with `by` as without (review 4, finding
 * 5): VERIS array.json + HIBP small.json, name is stated by HIBP's 3 breaches only (1 of
 * them), so its replicates are over the drawn HIBP breaches. With by they were NaN. */
static void test_crosstab_bootstrap_recorded(void)
{
    breach_dataset *ds = breach_dataset_new(NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
    CU_ASSERT_EQUAL_FATAL(breach_veris_read_file(ds, src_path("tests/data/veris/array.json"),
                                                 NULL, NULL, NULL), BREACH_OK);
    CU_ASSERT_EQUAL_FATAL(breach_hibp_read_file(ds, src_path("tests/data/hibp/small.json"),
                                                NULL, NULL, NULL), BREACH_OK);
    breach_counts_options o;
    breach_counts_options_init(&o);
    o.dimension = BREACH_DIM_CATEGORY;
    o.ci_method = BREACH_CI_BOOTSTRAP;
    o.replicates = 200;
    o.force = true;
    o.min_n = o.min_n_report = 0;
    breach_counts *a = breach_counts_compute(ds, NULL, &o, NULL);
    o.by = BREACH_BY(BREACH_DIM_YEAR);
    breach_counts *b = breach_counts_compute(ds, NULL, &o, NULL);
    CU_ASSERT_FATAL(a && b);
    CHECK_EQ_LL(a->n, 6);
    const char *labels[] = {"name", "email", "online_id", "ssn"};
    for (int k = 0; k < 4; k++) {
        const breach_count_row *x = row_named(a, labels[k]), *y = row_named(b, labels[k]);
        CU_ASSERT_FATAL(x && y);
        CHECK_EQ_LL(x->count, y->count);
        CHECK_EQ_LL(a->row_n[x - a->rows], 3);
        CHECK_EQ_LL(b->row_n[y - b->rows], 3);
        CU_ASSERT(!isnan(y->lo) && !isnan(y->hi));
        CU_ASSERT(x->lo == y->lo && x->hi == y->hi);
    }
    /* name: 1 of 3, resampled: the interval spans 0 .. 1 with 200 replicates */
    const breach_count_row *nm = row_named(b, "name");
    CHECK_EQ_LL(nm->count, 1);
    CU_ASSERT(nm->lo == 0 && nm->hi == 1);
    breach_counts_free(a);
    breach_counts_free(b);
    breach_dataset_free(ds);
}

/* The cell (row label, column label) of a cross-tab, its index into cells / cell_n; -1
 * when either is not listed. */
static long cell_at(const breach_counts *c, const char *row, const char *col)
{
    const breach_count_row *r = row_named(c, row);
    for (size_t q = 0; r && q < c->n_cols; q++)
        if (strcmp(c->cols[q].label, col) == 0)
            return (long)((size_t)(r - c->rows) * c->n_cols + q);
    return -1;
}

static long col_at(const breach_counts *c, const char *col)
{
    for (size_t q = 0; q < c->n_cols; q++)
        if (strcmp(c->cols[q].label, col) == 0)
            return (long)q;
    return -1;
}

/* Cross-tab columns follow the rows' "not recorded" rule, on the fixtures (no
 * ../shared): types by location over tests/data/wa-sample.csv (7 notices; WA states no
 * location, and no theft, loss or improper disposal) and tests/data/hhs-sample.csv (7
 * rows; HHS states every location, no ransomware). By hand from the files: WA's 7 are in
 * no column (they were the whole 'unknown' column); laptop holds Small Clinic twice
 * (Theft) and Lost Records LLC (Loss, Improper Disposal, Other): n 3, theft 2, Wilson 95 %
 * [0.20765960, 0.93850806] (tests/reference/vocab_recorded.py's wilson(2, 3)); ransomware
 * there is not recorded (cell_n 0), not 0 of 3; network_server: Brightline twice, hacking
 * 2 of 2; emr: Unknown Count Center, no type, n 0 (nothing to record or not). */
static void test_crosstab_columns_recorded(void)
{
    breach_dataset *ds = breach_dataset_new(NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
    CU_ASSERT_EQUAL_FATAL(breach_wa_read_file(ds, src_path("tests/data/wa-sample.csv"), NULL,
                                              NULL, NULL), BREACH_OK);
    CU_ASSERT_EQUAL_FATAL(breach_hhs_read_file(ds, src_path("tests/data/hhs-sample.csv"), NULL,
                                               NULL, NULL), BREACH_OK);
    breach_counts_options o;
    breach_counts_options_init(&o);
    o.dimension = BREACH_DIM_TYPE;
    o.by = BREACH_BY(BREACH_DIM_LOCATION);
    o.min_n = o.min_n_report = 0;
    breach_counts *c = breach_counts_compute(ds, NULL, &o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CHECK_EQ_LL(c->n_incidents, 14);
    CHECK_EQ_LL(c->n_not_stated_by, 7);
    CHECK_EQ_LL(c->n_cols, 8); /* the 8 locations HHS names; no unknown column */
    CHECK_EQ_LL(col_at(c, "unknown"), -1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c->cell_n);
    long lap = col_at(c, "laptop"), k = cell_at(c, "ransomware", "laptop");
    CU_ASSERT_FATAL(lap >= 0 && k >= 0);
    CHECK_EQ_LL(c->cols[lap].n, 3);
    CHECK_EQ_LL(c->cell_n[k], 0);
    CU_ASSERT(isnan(c->cells[k].proportion) && isnan(c->cells[k].lo));
    k = cell_at(c, "theft", "laptop");
    CU_ASSERT_FATAL(k >= 0);
    CHECK_EQ_LL(c->cells[k].count, 2);
    CHECK_EQ_LL(c->cell_n[k], 3);
    CHECK_REL(c->cells[k].proportion, 2.0 / 3, 1e-12);
    CHECK_REL(c->cells[k].lo, 0.2076596008, 1e-8);
    CHECK_REL(c->cells[k].hi, 0.9385080553, 1e-8);
    k = cell_at(c, "hacking", "network_server");
    CU_ASSERT_FATAL(k >= 0);
    CHECK_EQ_LL(c->cells[k].count, 2);
    CHECK_EQ_LL(c->cell_n[k], 2);
    k = cell_at(c, "hacking", "emr");
    CU_ASSERT_FATAL(k >= 0);
    CHECK_EQ_LL(c->cols[col_at(c, "emr")].n, 0);
    CHECK_EQ_LL(c->cell_n[k], 0);
    breach_counts_free(c);

    /* The chi-square test would read those gaps as measured zeros. Single-valued types:
       NextGen Healthcare's WA notice (Unauthorized Access, CA, reported 2023-05-03; WA
       states no theft), Brightline's two HHS rows (Hacking/IT Incident, CA, 2023-04-07)
       and four notices added by hand (every level stated): theft and hacking in CA and
       ME. Theft's cell in CA is over 4 of the column's 5 notices, all but NextGen's. */
    static const struct {
        breach_type type;
        const char *region;
    } add[] = {{BREACH_TYPE_THEFT, "US-CA"}, {BREACH_TYPE_HACKING, "US-CA"},
               {BREACH_TYPE_THEFT, "US-ME"}, {BREACH_TYPE_HACKING, "US-ME"}};
    for (size_t j = 0; j < sizeof add / sizeof add[0]; j++) {
        breach_incident in;
        breach_incident_init(&in);
        in.entity = "Added";
        in.types = BREACH_TYPE_BIT(add[j].type);
        CU_ASSERT_EQUAL(breach_region_parse(add[j].region, 5, &in.entity_region, NULL),
                        BREACH_OK);
        breach_date_from_ymd(2023, 4, 1, BREACH_PREC_DAY, &in.reported, NULL);
        CU_ASSERT(breach_dataset_add(ds, &in, NULL) >= 0);
    }
    breach_filter f;
    breach_filter_init(&f);
    f.date_field = BREACH_FIELD_REPORTED;
    breach_date_from_ymd(2023, 3, 1, BREACH_PREC_DAY, &f.from, NULL);
    breach_date_from_ymd(2023, 5, 31, BREACH_PREC_DAY, &f.to, NULL);
    o.by = BREACH_BY(BREACH_DIM_REGION);
    c = breach_counts_compute(ds, &f, &o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CHECK_EQ_LL(c->n, 7);
    k = cell_at(c, "theft", "US-CA");
    CU_ASSERT_FATAL(k >= 0);
    CHECK_EQ_LL(c->cols[col_at(c, "US-CA")].n, 5);
    CHECK_EQ_LL(c->cell_n[k], 4);
    CHECK_EQ_LL(c->independence_status, BREACH_INDEP_NOT_RECORDED);
    CU_ASSERT(isnan(c->independence.statistic));
    breach_counts_free(c);
    breach_dataset_free(ds);
}

/* Cross-tab columns on the real lists (tests/reference/vocab_recorded.py, csv/json/zipfile
 * over the raw files). Types by location on WA + HHS: WA's 1,109 notices, which state no
 * location, are in no column (they made the whole 'unknown' column, 72.3 % hacking);
 * ransomware in HHS's columns is not recorded; laptop's n 501, theft 414, Wilson 95 %
 * [0.790726871, 0.857001231]; network_server n 2,540, hacking 2,210. Types by category on
 * VCDB + HHS: HHS's 6,279 notices (no category) are in no column; the unknown column is
 * VCDB's 1,768 incidents without a known data variety, n 1,749, hacking 664 (it was 8,047
 * incidents, hacking 4,034, HHS's included). */
static void test_crosstab_columns_real(void)
{
    breach_dataset *ds = load_hhs();
    const char *wa = shared_path("wa-ag-breach-notifications/"
                                 "Data_Breach_Notifications_Affecting_Washington_Residents_20240523.csv");
    const char *vcdb = shared_path("vcdb/vcdb.json.zip");
    if (!ds || !wa || !vcdb) {
        breach_dataset_free(ds);
        return;
    }
    breach_dataset *hv = breach_dataset_new(NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(hv);
    CU_ASSERT_EQUAL_FATAL(breach_veris_read_file(hv, vcdb, NULL, NULL, NULL), BREACH_OK);
    CU_ASSERT_EQUAL_FATAL(breach_hhs_read_file(hv, shared_path("hhs-ocr-breach-portal/snapshot-"
                                                               "2024-07/Source_Breach_Report.csv"),
                                               NULL, NULL, NULL), BREACH_OK);
    CU_ASSERT_EQUAL_FATAL(breach_hhs_read_file(hv, shared_path("hhs-ocr-breach-portal/snapshot-"
                                                               "2024-07/breach_report.csv"),
                                               NULL, NULL, NULL), BREACH_OK);
    CU_ASSERT_EQUAL_FATAL(breach_wa_read_file(ds, wa, NULL, NULL, NULL), BREACH_OK);
    breach_counts_options o;
    breach_counts_options_init(&o);
    o.dimension = BREACH_DIM_TYPE;
    o.by = BREACH_BY(BREACH_DIM_LOCATION);
    breach_counts *c = breach_counts_compute(ds, NULL, &o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CHECK_EQ_LL(c->n_not_stated_by, 1109);
    CHECK_EQ_LL(col_at(c, "unknown"), -1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c->cell_n);
    for (size_t q = 0; q < c->n_cols; q++) { /* HHS's columns: no ransomware at all */
        long k = cell_at(c, "ransomware", c->cols[q].label);
        CU_ASSERT_FATAL(k >= 0);
        CHECK_EQ_LL(c->cell_n[k], 0);
        CU_ASSERT(isnan(c->cells[k].proportion));
    }
    long k = cell_at(c, "theft", "laptop");
    CU_ASSERT_FATAL(k >= 0);
    CHECK_EQ_LL(c->cols[col_at(c, "laptop")].n, 501);
    CHECK_EQ_LL(c->cells[k].count, 414);
    CHECK_EQ_LL(c->cell_n[k], 501);
    CHECK_REL(c->cells[k].lo, 0.790726871, 1e-8);
    CHECK_REL(c->cells[k].hi, 0.857001231, 1e-8);
    k = cell_at(c, "hacking", "network_server");
    CU_ASSERT_FATAL(k >= 0);
    CHECK_EQ_LL(c->cells[k].count, 2210);
    CHECK_EQ_LL(c->cell_n[k], 2540);
    breach_counts_free(c);

    o.by = BREACH_BY(BREACH_DIM_CATEGORY);
    c = breach_counts_compute(hv, NULL, &o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CHECK_EQ_LL(c->n_not_stated_by, 6279);
    long u = col_at(c, "unknown");
    CU_ASSERT_FATAL(u >= 0);
    CHECK_EQ_LL(c->cols[u].n_incidents, 1768);
    CHECK_EQ_LL(c->cols[u].n, 1749);
    k = cell_at(c, "hacking", "unknown");
    CU_ASSERT_FATAL(k >= 0);
    CHECK_EQ_LL(c->cells[k].count, 664);
    CHECK_REL(c->cells[k].proportion, 664.0 / 1749, 1e-12);
    breach_counts_free(c);
    breach_dataset_free(hv);
    breach_dataset_free(ds);
}

int main(void)
{
    static const test_entry tests[] = {
        {"proportion intervals: Wilson, Jeffreys, errors", test_proportion_ci},
        {"counts by type: unknowns, Wilson, Jeffreys, include_unknown", test_types_wilson_jeffreys},
        {"counts: seeded percentile bootstrap", test_bootstrap_proportions},
        {"counts: small-sample rules (n < 30, n < 5, force)", test_small_samples},
        {"counts by entity type, region, vendor; categories, locations", test_text_dimensions},
        {"counts: errors", test_errors},
        {"counts on the HHS portal (July 2024)", test_hhs},
        {"counts: types and locations a source cannot state (VCDB, HHS, WA)", test_vocab_recorded},
        {"counts: one unit per total, the others apart", test_units},
        {"counts: HHS + HIBP + VCDB, each unit as its source alone", test_real_units},
        {"cross-tabs: the bootstrap reports progress and can be cancelled", test_crosstab_progress},
        {"copies keep their sources: categories, floor, span, drops", test_copies_keep_sources},
        {"cross-tabs: category rows under the bootstrap as without by", test_crosstab_bootstrap_recorded},
        {"cross-tabs: columns not recorded as rows are (fixtures)", test_crosstab_columns_recorded},
        {"cross-tabs: columns not recorded, WA + HHS and VCDB + HHS", test_crosstab_columns_real},
        {NULL, NULL}};
    return run_suite("counts", tests);
}
