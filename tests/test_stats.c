/* The three aggregates on small hand-built datasets: bounds, revisions, double reports,
 * episodes and quartiles, and their edge and error cases. Expected values are derived by
 * hand in the comments (quartiles with python3's statistics.quantiles(method='inclusive'),
 * which is R's type 7, the rule GSL's quantile_from_sorted_data follows). */
#define _POSIX_C_SOURCE 200809L /* setenv */
#include "check.h"

static breach_date day(const char *iso)
{
    breach_date d;
    CU_ASSERT_EQUAL(breach_date_parse(iso, strlen(iso), &d, NULL), BREACH_OK);
    return d;
}

typedef struct spec {
    const char *entity, *vendor, *via, *reported, *occurred;
    breach_count affected;
    uint32_t flags;
} spec;

static breach_dataset *build(const spec *s, size_t n)
{
    breach_dataset *ds = breach_dataset_new(NULL);
    for (size_t k = 0; k < n; k++) {
        breach_incident in;
        breach_incident_init(&in);
        in.entity = s[k].entity;
        in.vendor = s[k].vendor;
        in.via = s[k].via;
        if (s[k].reported)
            in.reported = day(s[k].reported);
        if (s[k].occurred)
            in.occurred_start = day(s[k].occurred);
        in.affected = s[k].affected;
        in.flags = s[k].flags;
        breach_error e;
        long rc = breach_dataset_add(ds, &in, &e);
        if (rc < 0)
            fprintf(stderr, "\n  add %zu: %s\n", k, e.text);
        CU_ASSERT_EQUAL(rc, (long)k);
    }
    return ds;
}

static void test_incident_share_bounds(void)
{
    breach_dataset *ds = breach_dataset_new(NULL);
    breach_region me, tx;
    breach_region_parse("US-ME", 5, &me, NULL);
    breach_region_parse("US-TX", 5, &tx, NULL);
    struct {
        breach_count whole, part;
        double share, lo, hi;
    } cases[] = {
        /* exact / exact: 2,385 of 9,540 = 0.25 */
        {{9540, BREACH_COUNT_EXACT}, {2385, BREACH_COUNT_EXACT}, 0.25, 0.25, 0.25},
        /* whole at least 1,000, part 100: the whole may be huge -> [0, 0.1] */
        {{1000, BREACH_COUNT_AT_LEAST}, {100, BREACH_COUNT_EXACT}, 0.1, 0.0, 0.1},
        /* part at most 50 of exact 200: [0, 0.25] */
        {{200, BREACH_COUNT_EXACT}, {50, BREACH_COUNT_AT_MOST}, 0.25, 0.0, 0.25},
        /* part at least 30 of at most 100: [0.3, 1] */
        {{100, BREACH_COUNT_AT_MOST}, {30, BREACH_COUNT_AT_LEAST}, 0.3, 0.3, 1.0},
        /* whole at most 40 but part exact 30: the whole is at least 30 -> [30/40, 1] */
        {{40, BREACH_COUNT_AT_MOST}, {30, BREACH_COUNT_EXACT}, 0.75, 0.75, 1.0},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        breach_incident in;
        breach_incident_init(&in);
        in.entity = "X";
        in.affected = cases[k].whole;
        breach_region_count rc = {me, cases[k].part};
        in.regions = &rc;
        in.n_regions = 1;
        CU_ASSERT_EQUAL(breach_dataset_add(ds, &in, NULL), (long)k);
        breach_share s;
        CU_ASSERT_EQUAL(breach_incident_region_share(ds, k, me, &s, NULL), BREACH_OK);
        CHECK_REL(s.share, cases[k].share, 1e-15);
        CHECK_REL(s.share_min, cases[k].lo, 1e-15);
        CHECK_REL(s.share_max, cases[k].hi, 1e-15);
    }
    /* unknown whole, zero whole: NaN share (a share of nothing is not 0 %) */
    breach_incident in;
    breach_incident_init(&in);
    in.entity = "Y";
    breach_region_count rc = {tx, {7, BREACH_COUNT_EXACT}};
    in.regions = &rc;
    in.n_regions = 1;
    long u = breach_dataset_add(ds, &in, NULL);
    breach_share s;
    CU_ASSERT_EQUAL(breach_incident_region_share(ds, (size_t)u, tx, &s, NULL), BREACH_OK);
    CU_ASSERT(isnan(s.share) && isnan(s.share_min) && isnan(s.share_max));
    rc.count = breach_count_exact(0);
    in.affected = breach_count_exact(0);
    long z = breach_dataset_add(ds, &in, NULL);
    CU_ASSERT_EQUAL(breach_incident_region_share(ds, (size_t)z, tx, &s, NULL), BREACH_OK);
    CU_ASSERT(isnan(s.share));
    breach_error e;
    CU_ASSERT_EQUAL(breach_incident_region_share(ds, 999, tx, &s, &e), BREACH_EINVAL);
    CU_ASSERT_EQUAL(breach_incident_region_share(NULL, 0, tx, &s, &e), BREACH_EINVAL);
    CU_ASSERT_EQUAL(breach_incident_region_share(ds, 0, tx, NULL, &e), BREACH_EINVAL);
    CU_ASSERT_EQUAL(breach_incident_region_share(ds, 0, tx, &s, &e), BREACH_ENOTFOUND);
    breach_dataset_free(ds);
}

static void test_region_shares_edges(void)
{
    breach_error e;
    breach_dataset *ds = breach_dataset_new(NULL);
    breach_region_shares *r = breach_region_shares_compute(ds, NULL, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r); /* n = 0: an empty result */
    CHECK_EQ_LL(r->n_incidents, 0);
    CHECK_EQ_LL(r->n_rows, 0);
    CU_ASSERT_PTR_NULL(r->rows);
    breach_region_shares_free(r);
    breach_region_shares_free(NULL);
    CU_ASSERT_PTR_NULL(breach_region_shares_compute(NULL, NULL, &e));
    CHECK_EQ_LL(e.code, BREACH_EINVAL);

    breach_region wa, us, fr;
    breach_region_parse("US-WA", 5, &wa, NULL);
    breach_region_parse("US", 2, &us, NULL);
    breach_region_parse("FR", 2, &fr, NULL);
    breach_region_count a[2] = {{wa, {1200, BREACH_COUNT_AT_LEAST}}, {fr, {300, BREACH_COUNT_EXACT}}};
    breach_region_count b[1] = {{wa, {UINT64_MAX - 100, BREACH_COUNT_EXACT}}};
    breach_incident in;
    breach_incident_init(&in);
    in.entity = "A";
    in.regions = a;
    in.n_regions = 2;
    breach_dataset_add(ds, &in, NULL);
    in.entity = "B";
    in.regions = NULL;
    in.n_regions = 0;
    breach_dataset_add(ds, &in, NULL);
    r = breach_region_shares_compute(ds, NULL, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CHECK_EQ_LL(r->n_incidents, 2);
    CHECK_EQ_LL(r->n_with_breakdown, 1);
    /* all regions: 1,200 (at least) + 300 = lower 1,500, no upper bound */
    CHECK_EQ_LL(r->all_regions.lower, 1500);
    CU_ASSERT_TRUE(r->all_regions.upper_unbounded);
    CU_ASSERT_TRUE(r->affected_with_breakdown.upper_unbounded); /* A's total is unknown */
    CU_ASSERT_EQUAL_FATAL(r->n_rows, 2);
    CHECK_STR(breach_region_code(r->rows[0].region), "US-WA");
    CHECK_REL(r->rows[0].share, 0.8, 1e-15); /* 1200 / 1500 */
    breach_region_shares_free(r);
    /* filter on a country: US matches A through its US-WA entry; FR matches A too */
    breach_filter f;
    breach_filter_init(&f);
    f.region = us;
    r = breach_region_shares_compute(ds, &f, &e);
    CHECK_EQ_LL(r->n_incidents, 1);
    breach_region_shares_free(r);
    /* overflow is an error, not a wrap-around */
    in.entity = "C";
    in.regions = b;
    in.n_regions = 1;
    breach_dataset_add(ds, &in, NULL);
    r = breach_region_shares_compute(ds, NULL, &e);
    CU_ASSERT_PTR_NULL(r);
    CHECK_EQ_LL(e.code, BREACH_EOVERFLOW);
    f.reserved_[0] = 3;
    CU_ASSERT_PTR_NULL(breach_region_shares_compute(ds, &f, &e));
    CHECK_EQ_LL(e.code, BREACH_EINVAL);
    breach_dataset_free(ds);
}

static void test_supply_chain_rules(void)
{
    const spec s[] = {
        /* 0,1: two revisions of one notice: the later (1) stands, 4,100 replaces 3,900 */
        {"Alpha LLC", "Vend", NULL, "2023-03-01", NULL, {3900, BREACH_COUNT_EXACT}, 0},
        {"ALPHA", "VEND", NULL, "2023-03-20", NULL, {4100, BREACH_COUNT_EXACT}, 0},
        /* 2,3: separate notices of Beta add up: 700 + 300 */
        {"Beta", "Vend", NULL, "2023-03-05", NULL, {700, BREACH_COUNT_EXACT}, BREACH_FLAG_SEPARATE},
        {"Beta", "Vend", NULL, "2023-03-20", NULL, {300, BREACH_COUNT_EXACT}, BREACH_FLAG_SEPARATE},
        /* 4: Gamma came via Alpha, a member: upper bound only (500) */
        {"Gamma", "Vend", "Alpha, L.L.C.", "2023-03-10", NULL, {500, BREACH_COUNT_EXACT}, 0},
        /* 5: Delta at least 2,000: no upper bound from here on */
        {"Delta", "Vend", NULL, "2023-04-02", NULL, {2000, BREACH_COUNT_AT_LEAST}, 0},
        /* 6: an undated revision never replaces Alpha's dated one */
        {"Alpha", "Vend", NULL, NULL, NULL, {9999, BREACH_COUNT_EXACT}, 0},
        /* 7: another vendor */
        {"Alpha", "Other", NULL, "2023-03-01", NULL, {5, BREACH_COUNT_EXACT}, 0},
        /* 8: via an organisation that is not a member: counted */
        {"Epsilon", "Vend", "Nobody Inc", "2023-04-02", NULL, {10, BREACH_COUNT_AT_MOST}, 0},
    };
    breach_dataset *ds = build(s, sizeof s / sizeof s[0]);
    breach_error e;
    breach_supply_chain *r = breach_supply_chain_compute(ds, "vend", NULL, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CHECK_EQ_LL(r->n_notices, 8);
    CHECK_EQ_LL(r->n_superseded, 2); /* 0 and 6 */
    CHECK_EQ_LL(r->n_members, 6);    /* 1, 2, 3, 4, 5, 8 */
    CHECK_EQ_LL(r->n_organisations, 5);
    CHECK_EQ_LL(r->n_possible_double, 1);
    CHECK_EQ_LL(r->n_undated, 0);
    /* lower: 4,100 + 700 + 300 + 2,000 (+0 for at-most 10, Gamma left out) = 7,100
       point: the same plus 10 = 7,110; upper: unbounded (Delta) */
    CHECK_EQ_LL(r->individuals.lower, 7100);
    CHECK_EQ_LL(r->individuals.point, 7110);
    CU_ASSERT_TRUE(r->individuals.upper_unbounded);
    /* upper without Delta: 4,100 + 700 + 300 + 500 (Gamma) + 10 = 5,610 */
    CHECK_EQ_LL(r->individuals.upper, 5610);
    /* members in date order: Beta 03-05, Gamma 03-10, Alpha 03-20 (2 revisions), Beta 03-20,
       Delta 04-02, Epsilon 04-02 */
    static const char *order[] = {"Beta", "Gamma", "ALPHA", "Beta", "Delta", "Epsilon"};
    for (size_t k = 0; k < 6; k++)
        CHECK_STR(r->members[k].entity, order[k]);
    CHECK_EQ_LL(r->members[2].n_revisions, 2);
    CHECK_EQ_LL(r->members[0].n_revisions, 0);
    CHECK_EQ_LL(r->members[1].role, BREACH_MEMBER_POSSIBLE_DOUBLE);
    /* curve: 03-01 3,900 | 03-05 4,600 | 03-10 4,600 (upper 5,100) | 03-20 4,100+700+300 =
       5,100 (upper 5,600) | 04-02 7,100, unbounded */
    static const struct {
        const char *date;
        uint64_t lower, upper, orgs;
        bool unb;
    } pts[] = {{"2023-03-01", 3900, 3900, 1, false},
               {"2023-03-05", 4600, 4600, 2, false},
               {"2023-03-10", 4600, 5100, 3, false},
               {"2023-03-20", 5100, 5600, 3, false},
               {"2023-04-02", 7100, 5610, 5, true}};
    CU_ASSERT_EQUAL_FATAL(r->n_points, 5);
    for (size_t k = 0; k < 5; k++) {
        char d[16];
        breach_date_format(r->curve[k].date, d, sizeof d);
        CHECK_STR(d, pts[k].date);
        CHECK_EQ_LL(r->curve[k].lower, pts[k].lower);
        CHECK_EQ_LL(r->curve[k].upper, pts[k].upper);
        CHECK_EQ_LL(r->curve[k].organisations, pts[k].orgs);
        CHECK_EQ_LL(r->curve[k].upper_unbounded, pts[k].unb);
    }
    breach_supply_chain_free(r);

    /* A date filter that ends before Alpha's revision: as known on 03-15, Alpha's 3,900
       stands. Selected: 0, 2, 4 (and 6 is undated, so a date range drops it). */
    breach_filter f;
    breach_filter_init(&f);
    f.date_field = BREACH_FIELD_REPORTED;
    f.to = day("2023-03-15");
    r = breach_supply_chain_compute(ds, "Vend", &f, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CHECK_EQ_LL(r->n_notices, 3);
    CHECK_EQ_LL(r->n_superseded, 0);
    CHECK_EQ_LL(r->individuals.lower, 4600); /* 3,900 + 700; Gamma upper only */
    CHECK_EQ_LL(r->individuals.upper, 5100);
    breach_supply_chain_free(r);

    CU_ASSERT_PTR_NULL(breach_supply_chain_compute(ds, NULL, NULL, &e));
    CHECK_EQ_LL(e.code, BREACH_EINVAL);
    CU_ASSERT_PTR_NULL(breach_supply_chain_compute(NULL, "Vend", NULL, &e));
    breach_supply_chain_free(NULL);
    breach_dataset_free(ds);
}

static void test_repeats_rules(void)
{
    const spec s[] = {
        /* A: days 0, 10, 30 -> intervals 10, 20 */
        {"A", NULL, NULL, NULL, "2021-01-01", {1, BREACH_COUNT_EXACT}, 0},
        {"A", NULL, NULL, NULL, "2021-01-11", {1, BREACH_COUNT_EXACT}, 0},
        {"A", NULL, NULL, NULL, "2021-01-31", {1, BREACH_COUNT_EXACT}, 0},
        /* B: 0, 40 -> 40; plus a same-day duplicate (one episode) */
        {"B", NULL, NULL, NULL, "2021-01-01", {1, BREACH_COUNT_EXACT}, 0},
        {"B", NULL, NULL, NULL, "2021-01-01", {1, BREACH_COUNT_EXACT}, 0},
        {"B", NULL, NULL, NULL, "2021-02-10", {1, BREACH_COUNT_EXACT}, 0},
        /* C: 0, 100 -> 100 */
        {"C", NULL, NULL, NULL, "2021-01-01", {1, BREACH_COUNT_EXACT}, 0},
        {"C", NULL, NULL, NULL, "2021-04-11", {1, BREACH_COUNT_EXACT}, 0},
        /* D: once; E: twice for one campaign (separate notices: one episode) */
        {"D", NULL, NULL, NULL, "2021-05-05", {1, BREACH_COUNT_EXACT}, 0},
        {"E", "Camp", NULL, NULL, "2021-01-01", {1, BREACH_COUNT_EXACT}, BREACH_FLAG_SEPARATE},
        {"E", "Camp", NULL, NULL, "2021-03-01", {1, BREACH_COUNT_EXACT}, BREACH_FLAG_SEPARATE},
        /* F: undated; nameless: left out */
        {"F", NULL, NULL, NULL, NULL, {1, BREACH_COUNT_EXACT}, 0},
        {NULL, NULL, NULL, NULL, "2021-01-01", {1, BREACH_COUNT_EXACT}, 0},
    };
    breach_dataset *ds = build(s, sizeof s / sizeof s[0]);
    breach_error e;
    breach_repeats *r = breach_repeats_compute(ds, NULL, NULL, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CHECK_EQ_LL(r->n_incidents, 13);
    CHECK_EQ_LL(r->n_undated, 1);
    CHECK_EQ_LL(r->n_unnamed, 1);
    CHECK_EQ_LL(r->n_entities, 5);        /* A B C D E */
    CHECK_EQ_LL(r->n_repeat_entities, 3); /* A B C */
    CHECK_REL(r->repeat_share, 0.6, 1e-15);
    CU_ASSERT_EQUAL_FATAL(r->n_intervals, 4);
    static const int days[] = {10, 20, 40, 100}; /* by key a, a, b, c */
    for (size_t k = 0; k < 4; k++)
        CHECK_EQ_LL(r->intervals[k].days, days[k]);
    CHECK_STR(r->intervals[2].entity_key, "b");
    CHECK_EQ_LL(r->intervals[2].first, 3);
    CHECK_EQ_LL(r->intervals[2].second, 5);
    /* python3: statistics.quantiles([10,20,40,100], n=4, method='inclusive') = [17.5, 30.0, 55.0];
       mean 42.5 */
    CHECK_EQ_LL(r->summary.n, 4);
    CHECK_REL(r->summary.min, 10, 0);
    CHECK_REL(r->summary.q1, 17.5, 1e-15);
    CHECK_REL(r->summary.median, 30, 1e-15);
    CHECK_REL(r->summary.q3, 55, 1e-15);
    CHECK_REL(r->summary.max, 100, 0);
    CHECK_REL(r->summary.mean, 42.5, 1e-15);
    breach_repeats_free(r);

    /* merging within 15 days: A's 0 and 10 are one episode, the next is 20 after 10 -> A's
       only interval is 30 (first incidents of the episodes: day 0 and day 30) */
    breach_repeat_options o;
    breach_repeat_options_init(&o);
    o.merge_within_days = 15;
    breach_filter f;
    breach_filter_init(&f);
    f.entity = "a";
    r = breach_repeats_compute(ds, &f, &o, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_EQUAL_FATAL(r->n_intervals, 1);
    CHECK_EQ_LL(r->intervals[0].days, 30);
    breach_repeats_free(r);

    /* no intervals: NaN summary, not zeros */
    f.entity = "D";
    r = breach_repeats_compute(ds, &f, NULL, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CHECK_EQ_LL(r->n_intervals, 0);
    CU_ASSERT(isnan(r->summary.median) && isnan(r->summary.mean));
    CHECK_REL(r->repeat_share, 0.0, 0);
    breach_repeats_free(r);
    f.entity = "nobody at all";
    r = breach_repeats_compute(ds, &f, NULL, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CHECK_EQ_LL(r->n_incidents, 0);
    CU_ASSERT(isnan(r->repeat_share));
    breach_repeats_free(r);

    o.merge_within_days = -1;
    CU_ASSERT_PTR_NULL(breach_repeats_compute(ds, NULL, &o, &e));
    CHECK_EQ_LL(e.code, BREACH_EINVAL);
    breach_repeat_options_init(&o);
    o.date_field = 9;
    CU_ASSERT_PTR_NULL(breach_repeats_compute(ds, NULL, &o, &e));
    CU_ASSERT_PTR_NULL(breach_repeats_compute(NULL, NULL, NULL, &e));
    breach_repeats_free(NULL);
    breach_dataset_free(ds);
}

/* The business-associate window (stats.h, BREACH_ASSOCIATE_WINDOW_DEFAULT), by hand:
 * "BA Co" files as "Business Associate" on the days Brightline, Inc. filed in HHS 2024-07
 * (Source_Breach_Report.csv: 04/07, 04/13, 04/20, 05/10, 05/26/2023), then 06/07 (61 days
 * after 04/07) and 06/20; "CE" is a covered entity with business_associate yes (not the
 * rule) 20 days apart; "Mix" starts as a provider, then files as a business associate 10
 * days later (the episode's first notice is not a filing: not merged); "Lc" spells the
 * type in lower case, 30 days apart. */
static void test_repeats_associate_window(void)
{
    static const struct {
        const char *entity, *type, *date;
        int32_t ba;
    } s[] = {{"BA Co", "Business Associate", "2023-04-07", BREACH_TRI_YES},
             {"BA Co", "Business Associate", "2023-04-13", BREACH_TRI_YES},
             {"BA Co", "Business Associate", "2023-04-20", BREACH_TRI_YES},
             {"BA Co", "Business Associate", "2023-05-10", BREACH_TRI_YES},
             {"BA Co", "Business Associate", "2023-05-26", BREACH_TRI_YES},
             {"BA Co", "Business Associate", "2023-06-07", BREACH_TRI_YES},
             {"BA Co", "Business Associate", "2023-06-20", BREACH_TRI_YES},
             {"CE", "Healthcare Provider", "2023-01-01", BREACH_TRI_YES},
             {"CE", "Healthcare Provider", "2023-01-21", BREACH_TRI_YES},
             {"Mix", "Healthcare Provider", "2023-01-01", BREACH_TRI_NO},
             {"Mix", "Business Associate", "2023-01-11", BREACH_TRI_NO},
             {"Lc", "business associate", "2023-01-01", BREACH_TRI_UNKNOWN},
             {"Lc", "business associate", "2023-01-31", BREACH_TRI_UNKNOWN}};
    breach_dataset *ds = breach_dataset_new(NULL);
    for (size_t k = 0; k < sizeof s / sizeof s[0]; k++) {
        breach_incident in;
        breach_incident_init(&in);
        in.entity = s[k].entity;
        in.entity_type = s[k].type;
        in.business_associate = s[k].ba;
        in.reported = day(s[k].date);
        in.affected = (breach_count){1, BREACH_COUNT_EXACT};
        CU_ASSERT_EQUAL(breach_dataset_add(ds, &in, NULL), (long)k);
    }
    breach_error e;
    struct {
        int32_t window;
        size_t n;
        int days[9]; /* by key: "ba co", "ce", "lc", "mix" */
    } cases[] = {
        /* default 60: BA Co 04/07 -> 06/07 = 61 (04/13..05/26 are 6..49 days after 04/07,
           06/20 is 13 after 06/07); CE 20; Lc one episode (30 <= 60); Mix 10 */
        {0, 3, {61, 20, 10}},
        /* off: BA Co 6, 7, 20, 16, 12, 13; CE 20; Lc 30; Mix 10 */
        {BREACH_ASSOCIATE_WINDOW_OFF, 9, {6, 7, 20, 16, 12, 13, 20, 30, 10}},
        /* 30: BA Co episodes from 04/07 (to 04/20), 05/10 (05/26 is 16, 06/07 28 after it),
           06/20 (41 after 05/10): 33, 41; CE 20; Lc 30 <= 30: one; Mix 10 */
        {30, 4, {33, 41, 20, 10}},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        breach_repeat_options o;
        breach_repeat_options_init(&o);
        o.associate_window_days = cases[c].window;
        breach_repeats *r = breach_repeats_compute(ds, NULL, &o, &e);
        CU_ASSERT_PTR_NOT_NULL_FATAL(r);
        CU_ASSERT_EQUAL_FATAL(r->n_intervals, cases[c].n);
        for (size_t k = 0; k < cases[c].n && k < 9; k++)
            CHECK_EQ_LL(r->intervals[k].days, cases[c].days[k]);
        breach_repeats_free(r);
    }
    /* Kaplan-Meier follows the same episodes: the first episode of each organisation to the
       next; Lc is censored under the default (one episode), an event when off */
    breach_survival_options so;
    breach_survival_options_init(&so);
    breach_survival *sv = breach_survival_compute(ds, NULL, &so, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(sv);
    CHECK_EQ_LL(sv->n_organisations, 4);
    CHECK_EQ_LL(sv->n_events, 3);
    CHECK_EQ_LL(sv->n_censored, 1);
    breach_survival_free(sv);
    so.associate_window_days = BREACH_ASSOCIATE_WINDOW_OFF;
    sv = breach_survival_compute(ds, NULL, &so, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(sv);
    CHECK_EQ_LL(sv->n_events, 4);
    CHECK_EQ_LL(sv->steps[0].time, 6); /* BA Co 04/07 -> 04/13 */
    breach_survival_free(sv);
    /* the reserved words beside the windows must stay zero */
    breach_repeat_options o;
    breach_repeat_options_init(&o);
    o.reserved_[0] = 1;
    CU_ASSERT_PTR_NULL(breach_repeats_compute(ds, NULL, &o, &e));
    CHECK_EQ_LL(e.code, BREACH_EINVAL);
    breach_survival_options_init(&so);
    so.reserved32_ = 1;
    CU_ASSERT_PTR_NULL(breach_survival_compute(ds, NULL, &so, &e));
    CHECK_EQ_LL(e.code, BREACH_EINVAL);
    breach_dataset_free(ds);
}

static void test_repeats_coarse_dates(void)
{
    /* 2020 (year) then 2020-06-15: 166 days from the year's first day, and the truth lies in
       [2020-06-15 - 2020-12-31, 166] = [-199, 166]; python3: (date(2020,6,15)-date(2020,1,1)).days */
    breach_dataset *ds = breach_dataset_new(NULL);
    breach_incident in;
    breach_incident_init(&in);
    in.entity = "Coarse";
    in.occurred_start = day("2020");
    breach_dataset_add(ds, &in, NULL);
    in.occurred_start = day("2020-06-15");
    breach_dataset_add(ds, &in, NULL);
    breach_repeats *r = breach_repeats_compute(ds, NULL, NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_EQUAL_FATAL(r->n_intervals, 1);
    CHECK_EQ_LL(r->intervals[0].days, 166);
    CHECK_EQ_LL(r->intervals[0].days_min, -199);
    CHECK_EQ_LL(r->intervals[0].days_max, 166);
    breach_repeats_free(r);
    breach_dataset_free(ds);
}

/* The repeats with breach_set_threads(threads) for the call ("1" none, "2" two parts even
 * on one processor, "7" more than the two parts the split makes). */
static breach_repeats *repeats_with(const breach_dataset *ds, const char *threads,
                                    const breach_filter *f, const breach_repeat_options *o)
{
    unsigned before = breach_set_threads((unsigned)atoi(threads));
    breach_error e;
    breach_repeats *r = breach_repeats_compute(ds, f, o, &e);
    breach_set_threads(before);
    if (!r)
        fprintf(stderr, "\n  repeats with %s threads: %s\n", threads, e.text);
    return r;
}

/* 40,000 organisations (80,000 names and keys: ids of 17 bits, so that the census counts
 * the organisations seen once 32 ids at a time) in the order 3, 1, 2, 2 incidents:
 * i % 4 == 0 at days 0, 10 + i % 7 and 100 (two intervals, 100 days together), 1 once (no
 * interval), 2 twice on one day (one episode), 3 at days 0 and 30. By construction: 40,000
 * entities, 20,000 hit again, 30,000 intervals of 1,300,000 days in all, keys in order;
 * on one thread and split in two parts (80,000 incidents: past the 2^16 where it splits). */
/* The HHS portal's and the WA list's headers, and Acme Health's two business-associate
 * filings, for the tests of rules across sources below. */
#define HHS_HEADER                                                                             \
    "Name of Covered Entity,State,Covered Entity Type,Individuals Affected,"                    \
    "Breach Submission Date,Type of Breach,Location of Breached Information,"                  \
    "Business Associate Present,Web Description\n"
#define WA_HEADER                                                                              \
    "DateAware,DateSubmitted,DataBreachCause,DateStart,DateEnd,Name,Id,CyberattackType,"        \
    "WashingtoniansAffected,IndustryType,BusinessType,Year,YearText,"                          \
    "WashingtoniansAffectedRange,BreachLifecycleRange,DaysToContainBreach,"                    \
    "DaysToIdentifyBreach,DaysBreachLifecycle,DiscoveredInProgress,DaysOfExposure,"            \
    "DaysElapsedBetweenEndAndDiscovery,EndedOnDayDiscovered,DaysElapsedBeforeNotification,"    \
    "DaysOfExposureRange,EntityState\n"
#define ACME_FILINGS                                                                           \
    "Acme Health,CA,Business Associate,1000,04/07/2023,Hacking/IT Incident,Network Server,Yes,\n" \
    "Acme Health,CA,Business Associate,2000,04/20/2023,Hacking/IT Incident,Network Server,Yes,\n"

/* The cross-source rule on an HHS list and a WA list loaded together. Acme Health: WA's
 * notice (breach from 2023-01-30, reported 2023-04-10), two HHS business-associate filings
 * (2023-04-07, 2023-04-20: one episode by the associate window) and an HHS notice of
 * 2024-06-01. WA's notice is reported 3 days after the first filing: one incident, so one
 * episode from 2023-01-30 (its event date, the earliest) to 2024-06-01: 488 days (python3:
 * date(2024,6,1) - date(2023,1,30)); without the rule, 67 and 421. Solo Clinic: HHS
 * 2022-01-05, WA's breach 2022-01-01 reported 2022-09-01, 239 days after: two incidents
 * for the rule, 4 days apart by event date either way. Two canonical inputs (one format)
 * are never joined by it: Twin's notices 2 days apart stay two episodes. */
static void test_repeats_cross_source(void)
{
    static const char hhs[] =
        HHS_HEADER
        ACME_FILINGS
        "Acme Health,CA,Healthcare Provider,3000,06/01/2024,Hacking/IT Incident,Network Server,No,\n"
        "Solo Clinic,TX,Healthcare Provider,600,01/05/2022,Theft,Laptop,No,\n";
    static const char wa[] =
        WA_HEADER
        "02/04/2023 12:00:00 AM,04/10/2023 12:00:00 AM,Cyberattack,01/30/2023 12:00:00 AM,,"
        "Acme Health,1,Ransomware,700,Health,,2023,2023,,,,,,false,,,false,,,CA\n"
        ",09/01/2022 12:00:00 AM,Cyberattack,01/01/2022 12:00:00 AM,,"
        "Solo Clinic,2,Ransomware,800,Health,,2022,2022,,,,,,false,,,false,,,TX\n";
    breach_dataset *ds = breach_dataset_new(NULL);
    breach_error e;
    CU_ASSERT_EQUAL_FATAL(breach_hhs_read_buffer(ds, hhs, sizeof hhs - 1, NULL, NULL, &e), BREACH_OK);
    CU_ASSERT_EQUAL_FATAL(breach_wa_read_buffer(ds, wa, sizeof wa - 1, NULL, NULL, &e), BREACH_OK);
    CHECK_EQ_LL(breach_dataset_size(ds), 6);
    static const struct {
        int32_t cross;
        size_t n;
        int days[3];
    } want[] = {{0, 2, {488, 4}},                            /* the default: 120 days */
                {120, 2, {488, 4}},
                {BREACH_CROSS_SOURCE_WINDOW_OFF, 3, {67, 421, 4}},
                {2, 3, {67, 421, 4}}}; /* reported 3 days apart: outside 2 */
    for (size_t t = 0; t < sizeof want / sizeof want[0]; t++) {
        breach_repeat_options o;
        breach_repeat_options_init(&o);
        o.cross_source_window_days = want[t].cross;
        breach_repeats *r = breach_repeats_compute(ds, NULL, &o, &e);
        CU_ASSERT_PTR_NOT_NULL_FATAL(r);
        CHECK_EQ_LL(r->n_entities, 2);
        CHECK_EQ_LL(r->n_sources, 2); /* hhs and wa */
        CU_ASSERT_EQUAL_FATAL(r->n_intervals, want[t].n);
        for (size_t k = 0; k < want[t].n; k++)
            CHECK_EQ_LL(r->intervals[k].days, want[t].days[k]);
        breach_repeats_free(r);
        /* the time to the next breach forms the same episodes: Acme's first to its next */
        breach_survival_options so;
        breach_survival_options_init(&so);
        so.cross_source_window_days = want[t].cross;
        breach_survival *sv = breach_survival_compute(ds, NULL, &so, &e);
        CU_ASSERT_PTR_NOT_NULL_FATAL(sv);
        CHECK_EQ_LL(sv->n_events, 2);
        CU_ASSERT(sv->n_steps >= 1);
        CHECK_EQ_LL((long long)sv->steps[0].time, 4);
        CHECK_EQ_LL((long long)sv->steps[sv->n_steps - 1].time, want[t].days[0]);
        breach_survival_free(sv);
    }
    breach_dataset_free(ds);
    /* a WA notice between two HHS filings of Org Y (2023-01-01 theft, 2023-04-11 hacking),
       59 days after the first and 41 before the second: it joins the first; joining the
       second too would make one incident of two that HHS filed apart. One interval, 100 days
       (python3: date(2023,4,11) - date(2023,1,1)), as without the WA notice */
    static const char hy[] = HHS_HEADER
        "Org Y,CA,Healthcare Provider,900,01/01/2023,Theft,Laptop,No,\n"
        "Org Y,CA,Healthcare Provider,800,04/11/2023,Hacking/IT Incident,Network Server,No,\n";
    static const char wy[] = WA_HEADER ",03/01/2023 12:00:00 AM,Cyberattack,,,Org Y,7,Ransomware,"
                                       "50,Health,,2023,2023,,,,,,false,,,false,,,CA\n";
    ds = breach_dataset_new(NULL);
    CU_ASSERT_EQUAL_FATAL(breach_hhs_read_buffer(ds, hy, sizeof hy - 1, NULL, NULL, &e), BREACH_OK);
    CU_ASSERT_EQUAL_FATAL(breach_wa_read_buffer(ds, wy, sizeof wy - 1, NULL, NULL, &e), BREACH_OK);
    breach_repeats *ry = breach_repeats_compute(ds, NULL, NULL, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ry);
    CU_ASSERT_EQUAL_FATAL(ry->n_intervals, 1);
    CHECK_EQ_LL(ry->intervals[0].days, 100);
    breach_repeats_free(ry);
    breach_dataset_free(ds);
    /* one format, two inputs */
    static const char c1[] = "id,entity,reported\nt1,Twin,2023-01-01\n";
    static const char c2[] = "id,entity,reported\nt2,Twin,2023-01-03\n";
    ds = breach_dataset_new(NULL);
    CU_ASSERT_EQUAL_FATAL(breach_csv_read_buffer(ds, c1, sizeof c1 - 1, NULL, NULL, &e), BREACH_OK);
    CU_ASSERT_EQUAL_FATAL(breach_csv_read_buffer(ds, c2, sizeof c2 - 1, NULL, NULL, &e), BREACH_OK);
    breach_repeats *r = breach_repeats_compute(ds, NULL, NULL, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CHECK_EQ_LL(r->n_sources, 1);
    CU_ASSERT_EQUAL_FATAL(r->n_intervals, 1);
    CHECK_EQ_LL(r->intervals[0].days, 2);
    breach_repeats_free(r);
    breach_dataset_free(ds);
}

/* Notices in two formats: an HHS list (Acme Health's two filings, 1,000 and 2,000, on
 * 2023-04-07 and -20; Solo Clinic 2022-01-05), a canonical file copying Acme (3,000 with 700
 * Washington residents, 2023-05-01; Solo 600 on 2023-06-01, far from HHS's) and a WA list
 * (Acme, 700 residents, 2023-04-10). By hand, in the default 120 days: Acme's four notices
 * are matched; its individuals are 3,000 in HHS and 3,000 in the copy: 3,000 may count twice;
 * its Washington residents 700 in the copy and 700 in WA: 700. In 10 days nothing pairs:
 * the copy's total is 11 days from HHS's last filing, its residents 21 from WA's (WA's
 * notice, with no total, pairs no total with anything). Then two incidents of Org X years
 * apart, the larger figure in HHS for one and in the copy for the other (HHS 100 in 2020,
 * 1,000 in 2023; the copy 1,000 and 100, five days after each): 100 + 100 may repeat, not
 * 1,100; and Org Z, HHS 1,000 on 2023-01-01 and the copy 1,000 on 2023-07-20 (200 days),
 * with WA's residents-only notice between them, 100 days from each: nothing.
 * Notices, figure or not (formats numbered as loaded: HHS, canonical, WA). Acme's four,
 * 04-07 H, 04-10 W, 04-20 H, 05-01 C, all within 120 days of another format's: one cluster
 * of 2 HHS, 1 WA, 1 copy: 2 may count twice (WA's and the copy's); its totals, 3,000 in
 * HHS and in the copy, a tie the format loaded first wins: the copy's one total is the
 * figure twice. Solo's two are 512 days apart: nothing. In 10 days the copy (11 days from
 * 04-20) drops out: 3 paired, one of them twice (WA's). Org X: two clusters of one HHS and
 * one copy notice, each copy notice twice (2); its figures twice are HHS's 100 of 2020
 * and the copy's 100 of 2023 (the smaller side of each), 2 sizes; Org Z: H 01-01, W 04-11,
 * C 07-20, 100 days apart: one cluster of one each, WA's and the copy's twice (2): 4
 * notices of 2 organisations, 7 paired. A yearly series places them: 2020 one notice (the
 * copy's) and 100 individuals (HHS's), 2023 three notices and the copy's 100; with `to`
 * 2022 only the 2020 notices are counted, and only their pair. */
static void test_format_overlap(void)
{
    static const char hhs[] =
        HHS_HEADER
        ACME_FILINGS
        "Solo Clinic,TX,Healthcare Provider,600,01/05/2022,Theft,Laptop,No,\n";
    static const char canon[] = "id,entity,reported,affected,unit,regions\n"
                                "a,\"Acme Health, Inc.\",2023-05-01,3000,individuals,US-WA:700\n"
                                "s,Solo Clinic,2023-06-01,600,individuals,\n";
    static const char wa[] =
        WA_HEADER
        ",04/10/2023 12:00:00 AM,Cyberattack,,,Acme Health,1,Ransomware,700,Health,,2023,2023,,,,"
        ",,false,,,false,,,CA\n";
    breach_dataset *ds = breach_dataset_new(NULL);
    breach_error e;
    CU_ASSERT_EQUAL_FATAL(breach_hhs_read_buffer(ds, hhs, sizeof hhs - 1, NULL, NULL, &e), BREACH_OK);
    /* one format alone: nothing */
    breach_format_overlap *r = breach_format_overlap_compute(ds, NULL, NULL, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CHECK_EQ_LL(r->n_formats, 1);
    CHECK_EQ_LL(r->n_organisations, 0);
    breach_format_overlap_free(r);
    CU_ASSERT_EQUAL_FATAL(breach_csv_read_buffer(ds, canon, sizeof canon - 1, NULL, NULL, &e), BREACH_OK);
    CU_ASSERT_EQUAL_FATAL(breach_wa_read_buffer(ds, wa, sizeof wa - 1, NULL, NULL, &e), BREACH_OK);
    r = breach_format_overlap_compute(ds, NULL, NULL, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CHECK_EQ_LL(r->n_formats, 3);
    CHECK_EQ_LL(r->window_days, 120);
    CHECK_EQ_LL(r->n_organisations, 1);
    CHECK_EQ_LL(r->n_notices, 4);
    CHECK_EQ_LL(r->twice[BREACH_UNIT_INDIVIDUALS], 3000);
    CHECK_EQ_LL(r->n_twice[BREACH_UNIT_INDIVIDUALS], 1);
    CHECK_EQ_LL(r->twice_residents[BREACH_UNIT_INDIVIDUALS], 700);
    CHECK_EQ_LL(r->n_twice_residents[BREACH_UNIT_INDIVIDUALS], 1);
    CHECK_EQ_LL(r->twice[BREACH_UNIT_RECORDS], 0);
    CHECK_EQ_LL(r->n_paired_notices, 4);
    CHECK_EQ_LL(r->n_paired_organisations, 1);
    CHECK_EQ_LL(r->notices_twice, 2);
    CHECK_EQ_LL(r->n_figures_twice[BREACH_UNIT_INDIVIDUALS], 1);
    breach_format_overlap_free(r);
    breach_link_options o;
    breach_link_options_init(&o);
    o.window_days = 10;
    r = breach_format_overlap_compute(ds, NULL, &o, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CHECK_EQ_LL(r->n_organisations, 0);
    CHECK_EQ_LL(r->n_notices, 0);
    CHECK_EQ_LL(r->twice[BREACH_UNIT_INDIVIDUALS], 0);
    CHECK_EQ_LL(r->twice_residents[BREACH_UNIT_INDIVIDUALS], 0);
    CHECK_EQ_LL(r->n_paired_notices, 3);
    CHECK_EQ_LL(r->notices_twice, 1);
    breach_format_overlap_free(r);
    o.window_days = -1;
    CU_ASSERT_PTR_NULL(breach_format_overlap_compute(ds, NULL, &o, &e));
    CHECK_EQ_LL(e.code, BREACH_EINVAL);
    breach_dataset_free(ds);
    static const char hhs2[] =
        HHS_HEADER "Org X,CA,Healthcare Provider,100,01/05/2020,Theft,Laptop,No,\n"
                   "Org X,CA,Healthcare Provider,1000,01/05/2023,Theft,Laptop,No,\n"
                   "Org Z,CA,Healthcare Provider,1000,01/01/2023,Theft,Laptop,No,\n";
    static const char canon2[] = "id,entity,reported,affected,unit\n"
                                 "x1,Org X,2020-01-10,1000,individuals\n"
                                 "x2,Org X,2023-01-10,100,individuals\n"
                                 "z1,Org Z,2023-07-20,1000,individuals\n";
    static const char wa2[] = WA_HEADER ",04/11/2023 12:00:00 AM,Cyberattack,,,Org Z,1,Ransomware,"
                                        "50,Health,,2023,2023,,,,,,false,,,false,,,CA\n";
    ds = breach_dataset_new(NULL);
    CU_ASSERT_EQUAL_FATAL(breach_hhs_read_buffer(ds, hhs2, sizeof hhs2 - 1, NULL, NULL, &e), BREACH_OK);
    CU_ASSERT_EQUAL_FATAL(breach_csv_read_buffer(ds, canon2, sizeof canon2 - 1, NULL, NULL, &e), BREACH_OK);
    CU_ASSERT_EQUAL_FATAL(breach_wa_read_buffer(ds, wa2, sizeof wa2 - 1, NULL, NULL, &e), BREACH_OK);
    r = breach_format_overlap_compute(ds, NULL, NULL, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CHECK_EQ_LL(r->twice[BREACH_UNIT_INDIVIDUALS], 200);
    CHECK_EQ_LL(r->n_twice[BREACH_UNIT_INDIVIDUALS], 1);
    CHECK_EQ_LL(r->n_organisations, 1);
    CHECK_EQ_LL(r->n_notices, 4);
    CHECK_EQ_LL(r->twice_residents[BREACH_UNIT_INDIVIDUALS], 0);
    CHECK_EQ_LL(r->n_paired_notices, 7);
    CHECK_EQ_LL(r->n_paired_organisations, 2);
    CHECK_EQ_LL(r->notices_twice, 4);
    CHECK_EQ_LL(r->n_figures_twice[BREACH_UNIT_INDIVIDUALS], 2);
    breach_format_overlap_free(r);
    breach_timeseries_options to;
    breach_timeseries_options_init(&to);
    to.period = BREACH_PERIOD_YEAR;
    breach_timeseries *ts = breach_timeseries_compute(ds, NULL, &to, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ts);
    CU_ASSERT_EQUAL_FATAL(ts->n_periods, 4); /* 2020 .. 2023 */
    CHECK_EQ_LL(ts->two_formats.notices_twice, 4);
    CHECK_EQ_LL(ts->two_formats.twice[BREACH_UNIT_INDIVIDUALS], 200);
    CHECK_EQ_LL(ts->periods[0].n_twice, 1);
    CHECK_EQ_LL(ts->periods[0].twice_by_unit[BREACH_UNIT_INDIVIDUALS], 100);
    CHECK_EQ_LL(ts->periods[1].n_twice + ts->periods[2].n_twice, 0);
    CHECK_EQ_LL(ts->periods[3].n_twice, 3);
    CHECK_EQ_LL(ts->periods[3].twice_by_unit[BREACH_UNIT_INDIVIDUALS], 100);
    breach_timeseries_free(ts);
    CU_ASSERT_EQUAL(breach_date_parse("2022", 4, &to.to, NULL), BREACH_OK);
    ts = breach_timeseries_compute(ds, NULL, &to, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ts);
    CHECK_EQ_LL(ts->n_counted, 2);
    CHECK_EQ_LL(ts->two_formats.notices_twice, 1);
    CHECK_EQ_LL(ts->two_formats.twice[BREACH_UNIT_INDIVIDUALS], 100);
    CHECK_EQ_LL(ts->periods[0].n_twice, 1);
    breach_timeseries_free(ts);
    breach_dataset_free(ds);
}

static void test_repeats_many_organisations(void)
{
    breach_dataset *ds = breach_dataset_new(NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
    enum { N = 40000, DAY0 = 18000 };
    /* a dataset order unlike the key order: organisations interleaved, days out of order */
    for (int round = 0; round < 3; round++)
        for (int i = 0; i < N; i++) {
            static const int times[4] = {3, 1, 2, 2};
            if (round >= times[i % 4])
                continue;
            int d = i % 4 == 0 ? (round == 0 ? 100 : round == 1 ? 0 : 10 + i % 7)
                    : i % 4 == 3 ? 30 * round : 0;
            char name[32];
            snprintf(name, sizeof name, "Org %05d%s", i, round == 1 ? ", Inc." : "");
            breach_incident in;
            breach_incident_init(&in);
            in.entity = name;
            in.occurred_start = (breach_date){DAY0 + d, BREACH_PREC_DAY};
            CU_ASSERT_FATAL(breach_dataset_add(ds, &in, NULL) >= 0);
        }
    /* one thread, two, and seven (more than the parts the split makes: the same two) */
    for (int threads = 1; threads <= 3; threads++) {
        breach_repeats *r = repeats_with(ds, threads == 1 ? "1" : threads == 2 ? "2" : "7", NULL,
                                         NULL);
        CU_ASSERT_PTR_NOT_NULL_FATAL(r);
        CHECK_EQ_LL(r->n_entities, N);
        CHECK_EQ_LL(r->n_repeat_entities, N / 2);
        CU_ASSERT_EQUAL_FATAL(r->n_intervals, 3 * N / 4);
        long long total = 0, bad = 0;
        for (size_t k = 0; k < r->n_intervals; k++) {
            const breach_repeat_interval *iv = &r->intervals[k];
            total += iv->days;
            /* the k-th interval: organisation 4 (k / 3) + 3 * (k % 3 == 2), in key order */
            int i = (int)(k / 3) * 4 + (k % 3 == 2 ? 3 : 0);
            char key[32];
            snprintf(key, sizeof key, "org %05d", i);
            int want = i % 4 == 3 ? 30 : k % 3 == 0 ? 10 + i % 7 : 90 - i % 7;
            if (strcmp(iv->entity_key, key) || iv->days != want || iv->first == iv->second)
                bad++;
        }
        CHECK_EQ_LL(bad, 0);
        CHECK_EQ_LL(total, 1300000);
        CHECK_REL(r->summary.mean, 1300000.0 / 30000.0, 1e-12);
        breach_repeats_free(r);
    }
    breach_dataset_free(ds);
}

/* The repeats split their passes between two threads from 2^16 incidents (breach_set_threads
 * sets how many processors they may assume): the result must not depend on it. 250,000
 * incidents of 90,000 organisations under two spellings, with campaigns (one notice in 13
 * names a vendor, which also makes revisions), month dates, undated and unnamed rows;
 * every count, interval and summary value compared between one part and two, without a
 * filter (the superseded notices skipped), with a date filter (a list of indices), with
 * the revisions kept and with a merge window. */
static void test_repeats_parts(void)
{
    breach_dataset *ds = breach_dataset_new(NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
    for (int i = 0; i < 250000; i++) {
        char name[32], vendor[32];
        int org = (int)(((unsigned)i * 2654435761u) % 90000u);
        snprintf(name, sizeof name, i % 2 ? "Org %05d" : "ORG %05d, LLC", org);
        snprintf(vendor, sizeof vendor, "Vendor %d", i % 5);
        breach_incident in;
        breach_incident_init(&in);
        in.entity = i % 23 == 0 ? NULL : name;
        in.vendor = i % 13 == 0 ? vendor : NULL;
        if (i % 19 != 0)
            in.occurred_start = (breach_date){15000 + (int32_t)(((unsigned)i * 7919u) % 3000u),
                                              i % 17 == 0 ? BREACH_PREC_MONTH : BREACH_PREC_DAY};
        if (in.occurred_start.precision == BREACH_PREC_MONTH) /* a month starts on its 1st */
            in.occurred_start = day("2012-03");
        in.reported = (breach_date){15000 + i % 4000, BREACH_PREC_DAY};
        in.affected = breach_count_exact((uint64_t)i);
        CU_ASSERT_FATAL(breach_dataset_add(ds, &in, NULL) >= 0);
    }
    breach_filter f;
    breach_repeat_options o;
    for (int variant = 0; variant < 4; variant++) {
        breach_filter_init(&f);
        breach_repeat_options_init(&o);
        if (variant == 1)
            f.from = day("2011-06-01"); /* most incidents, as a list of indices */
        if (variant == 2)
            f.include_superseded = true;
        if (variant == 3)
            o.merge_within_days = 5;
        breach_repeats *a = repeats_with(ds, "1", &f, &o),
                       *b = repeats_with(ds, variant % 2 ? "7" : "2", &f, &o);
        CU_ASSERT_PTR_NOT_NULL_FATAL(a);
        CU_ASSERT_PTR_NOT_NULL_FATAL(b);
        /* enough runs for the string sort to split too (2^16) */
        CU_ASSERT(a->n_repeat_entities >= 65536);
        CHECK_EQ_LL(a->n_incidents, b->n_incidents);
        CHECK_EQ_LL(a->n_undated, b->n_undated);
        CHECK_EQ_LL(a->n_unnamed, b->n_unnamed);
        CHECK_EQ_LL(a->n_entities, b->n_entities);
        CHECK_EQ_LL(a->n_repeat_entities, b->n_repeat_entities);
        CU_ASSERT_EQUAL_FATAL(a->n_intervals, b->n_intervals);
        long bad = 0;
        for (size_t k = 0; k < a->n_intervals; k++) {
            const breach_repeat_interval *x = &a->intervals[k], *y = &b->intervals[k];
            bad += strcmp(x->entity_key, y->entity_key) || x->first != y->first ||
                   x->second != y->second || x->days != y->days || x->days_min != y->days_min ||
                   x->days_max != y->days_max;
        }
        CHECK_EQ_LL(bad, 0);
        CU_ASSERT(memcmp(&a->summary, &b->summary, sizeof a->summary) == 0);
        breach_repeats_free(a);
        breach_repeats_free(b);
    }
    breach_dataset_free(ds);
}

/* Per-state totals of 150,000 incidents on one thread and on two (breach_set_threads), against
 * totals by construction: every incident lists US-ME (i % 1000, exact), every third one
 * US-TX too (i % 7, at least when i / 3 is even, else exact), and is dated day 15000 +
 * i % 3000 with 2,000 + i % 5 affected. With a date filter (a list of indices), one part
 * and two are compared field by field. */
static breach_region_shares *regions_with(const breach_dataset *ds, const char *threads,
                                          const breach_filter *f)
{
    unsigned before = breach_set_threads((unsigned)atoi(threads));
    breach_error e;
    breach_region_shares *r = breach_region_shares_compute(ds, f, &e);
    breach_set_threads(before);
    if (!r)
        fprintf(stderr, "\n  region shares with %s threads: %s\n", threads, e.text);
    return r;
}

static void test_region_parts(void)
{
    enum { N = 150000 };
    breach_region me, tx;
    CU_ASSERT_EQUAL_FATAL(breach_region_parse("US-ME", 5, &me, NULL), BREACH_OK);
    CU_ASSERT_EQUAL_FATAL(breach_region_parse("US-TX", 5, &tx, NULL), BREACH_OK);
    breach_dataset *ds = breach_dataset_new(NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
    uint64_t me_sum = 0, tx_exact = 0, tx_least = 0, n_tx = 0, n_least = 0, affected = 0;
    for (int i = 0; i < N; i++) {
        breach_region_count rc[2] = {{me, breach_count_exact((uint64_t)(i % 1000))},
                                     {tx, breach_count_exact((uint64_t)(i % 7))}};
        me_sum += (uint64_t)(i % 1000);
        if (i % 3 == 0) {
            n_tx++;
            if (i / 3 % 2 == 0) {
                rc[1].count.qualifier = BREACH_COUNT_AT_LEAST;
                tx_least += (uint64_t)(i % 7);
                n_least++;
            } else {
                tx_exact += (uint64_t)(i % 7);
            }
        }
        breach_incident in;
        breach_incident_init(&in);
        in.entity = "Org";
        in.occurred_start = (breach_date){15000 + i % 3000, BREACH_PREC_DAY};
        in.affected = breach_count_exact((uint64_t)(2000 + i % 5));
        affected += (uint64_t)(2000 + i % 5);
        in.regions = rc;
        in.n_regions = i % 3 == 0 ? 2 : 1;
        CU_ASSERT_FATAL(breach_dataset_add(ds, &in, NULL) >= 0);
    }
    breach_region_shares *a = NULL;
    for (int threads = 1; threads <= 3; threads++) {
        breach_region_shares *r =
            regions_with(ds, threads == 1 ? "1" : threads == 2 ? "2" : "7", NULL);
        CU_ASSERT_PTR_NOT_NULL_FATAL(r);
        CHECK_EQ_LL(r->n_incidents, N);
        CHECK_EQ_LL(r->n_with_breakdown, N);
        CHECK_EQ_LL(r->affected_with_breakdown.point, affected);
        CHECK_EQ_LL(r->all_regions.point, me_sum + tx_exact + tx_least);
        CU_ASSERT_EQUAL_FATAL(r->n_rows, 2);
        /* ME's total is the larger: the first row */
        const breach_total *m = &r->rows[0].total, *t = &r->rows[1].total;
        CU_ASSERT_EQUAL(r->rows[0].region, me);
        CU_ASSERT_EQUAL(r->rows[1].region, tx);
        CHECK_EQ_LL(m->point, me_sum);
        CHECK_EQ_LL(m->lower, me_sum);
        CHECK_EQ_LL(m->upper, me_sum);
        CU_ASSERT(!m->upper_unbounded);
        CHECK_EQ_LL(m->n_exact, N);
        CHECK_EQ_LL(t->point, tx_exact + tx_least);
        CHECK_EQ_LL(t->lower, tx_exact + tx_least);
        CHECK_EQ_LL(t->upper, tx_exact);
        CU_ASSERT(t->upper_unbounded);
        CHECK_EQ_LL(t->n, n_tx);
        CHECK_EQ_LL(t->n_at_least, n_least);
        CHECK_EQ_LL(r->rows[1].n_incidents, n_tx);
        if (threads == 1)
            a = r;
        else
            breach_region_shares_free(r);
    }
    breach_region_shares_free(a);
    breach_filter f;
    breach_filter_init(&f);
    f.from = (breach_date){16000, BREACH_PREC_DAY}; /* i % 3000 >= 1000: two thirds */
    a = regions_with(ds, "1", &f);
    breach_region_shares *b = regions_with(ds, "2", &f);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    CHECK_EQ_LL(a->n_incidents, N / 3 * 2);
    CHECK_EQ_LL(b->n_incidents, a->n_incidents);
    CHECK_EQ_LL(b->n_with_breakdown, a->n_with_breakdown);
    CU_ASSERT(total_eq(&a->all_regions, &b->all_regions));
    CU_ASSERT(total_eq(&a->affected_with_breakdown, &b->affected_with_breakdown));
    CU_ASSERT_EQUAL_FATAL(a->n_rows, b->n_rows);
    for (size_t k = 0; k < a->n_rows; k++) {
        CU_ASSERT_EQUAL(a->rows[k].region, b->rows[k].region);
        CU_ASSERT(total_eq(&a->rows[k].total, &b->rows[k].total));
        CU_ASSERT_EQUAL(a->rows[k].n_incidents, b->rows[k].n_incidents);
    }
    breach_region_shares_free(a);
    breach_region_shares_free(b);
    breach_dataset_free(ds);
}

/* Regions named by one incident each, at the ends of the region numbers and on both sides
 * of 64-region boundaries (the computation visits only the regions named), the first in the
 * first incident and the last in the last, among 70,000 incidents (two parts from 2^16):
 * each is a row with its own count, on one thread, two and seven, and the total is theirs. */
static void test_region_seen(void)
{
    enum { N = 70000 };
    breach_region max = breach_region_max();
    breach_region named[] = {1, 63, 64, 65, 127, 128, max - 1, max};
    size_t n_named = sizeof named / sizeof named[0];
    breach_dataset *ds = breach_dataset_new(NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
    for (int i = 0; i < N; i++) {
        breach_incident in;
        breach_incident_init(&in);
        in.entity = "Org";
        /* incident 0 names region 1, incident N - 1 the last region, the others between
           them one each */
        static const int at[] = {0, 9000, 18000, 30000, 40000, 50000, 60000, N - 1};
        breach_region_count rc;
        size_t k = 0;
        while (k < n_named && at[k] != i)
            k++;
        if (k < n_named) {
            rc = (breach_region_count){named[k], breach_count_exact(1000 + k)};
            in.regions = &rc;
            in.n_regions = 1;
        }
        CU_ASSERT_FATAL(breach_dataset_add(ds, &in, NULL) >= 0);
    }
    for (int t = 0; t < 3; t++) {
        breach_region_shares *r = regions_with(ds, t == 0 ? "1" : t == 1 ? "2" : "7", NULL);
        CU_ASSERT_PTR_NOT_NULL_FATAL(r);
        CU_ASSERT_EQUAL_FATAL(r->n_rows, n_named);
        uint64_t total = 0;
        for (size_t k = 0; k < n_named; k++)
            total += 1000 + k;
        CHECK_EQ_LL(r->all_regions.point, total);
        CHECK_EQ_LL(r->n_with_breakdown, n_named);
        /* rows by total, largest first: the last region named first */
        for (size_t j = 0; j < n_named; j++) {
            size_t k = n_named - 1 - j;
            CU_ASSERT_EQUAL(r->rows[j].region, named[k]);
            CHECK_EQ_LL(r->rows[j].total.point, 1000 + k);
            CHECK_EQ_LL(r->rows[j].n_incidents, 1);
        }
        breach_region_shares_free(r);
    }
    breach_dataset_free(ds);
}

/* The share of people placed in a region is over the notices that give a total: a WA-like
 * notice (residents, no total) adds to the regions, not to that share. A: 100 of 1,000 in
 * Maine; B: 5,000 Maine residents, no total; C: 300 Texans of at least 2,000. By hand: 2
 * notices, 400 of 3,000 (upper unbounded), share 0.1333...; all regions 5,400. */
static void test_region_placed(void)
{
    breach_region me, tx;
    CU_ASSERT_EQUAL_FATAL(breach_region_parse("US-ME", 5, &me, NULL), BREACH_OK);
    CU_ASSERT_EQUAL_FATAL(breach_region_parse("US-TX", 5, &tx, NULL), BREACH_OK);
    breach_dataset *ds = breach_dataset_new(NULL);
    const struct {
        const char *entity;
        breach_count total;
        breach_region region;
        uint64_t residents;
    } s[] = {{"A", {1000, BREACH_COUNT_EXACT}, me, 100},
             {"B", {0, BREACH_COUNT_UNKNOWN}, me, 5000},
             {"C", {2000, BREACH_COUNT_AT_LEAST}, tx, 300}};
    for (size_t k = 0; k < 3; k++) {
        breach_incident in;
        breach_incident_init(&in);
        in.entity = s[k].entity;
        in.affected = s[k].total;
        breach_region_count rc = {s[k].region, breach_count_exact(s[k].residents)};
        in.regions = &rc;
        in.n_regions = 1;
        CU_ASSERT_FATAL(breach_dataset_add(ds, &in, NULL) >= 0);
    }
    breach_error e;
    breach_region_shares *r = breach_region_shares_compute(ds, NULL, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CHECK_EQ_LL(r->all_regions.point, 5400);
    CHECK_EQ_LL(r->affected_with_breakdown.n_unknown, 1);
    CHECK_EQ_LL(r->n_placed, 2);
    CHECK_EQ_LL(r->placed_regions.point, 400);
    CHECK_EQ_LL(r->placed_affected.point, 3000);
    CHECK_EQ_LL(r->placed_affected.lower, 3000);
    CU_ASSERT(r->placed_affected.upper_unbounded);
    CHECK_REL(r->placed_share, 400.0 / 3000.0, 1e-15);
    breach_region_shares_free(r);
    /* no notice with a total: no share */
    breach_filter f;
    breach_filter_init(&f);
    f.entity = "B";
    r = breach_region_shares_compute(ds, &f, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CHECK_EQ_LL(r->n_placed, 0);
    CU_ASSERT(isnan(r->placed_share));
    breach_region_shares_free(r);
    breach_dataset_free(ds);

    /* tests/data/regions-blank.csv, by hand: a1 "US-WA:;US-OR:200" of 1,000, a2 "US-WA:300"
       of 5,000, a3 "US-WA:;US-OR:" without a total. 5 regional entries, 3 of them blank, in
       3 notices, 2 of them (a1, a3) with a blank; placed: 500 of 6,000, a lower bound since
       a1's Washingtonians are unknown (placed_regions unbounded, placed_affected exact) */
    ds = breach_dataset_new(NULL);
    CU_ASSERT_EQUAL_FATAL(breach_csv_read_file(ds, src_path("tests/data/regions-blank.csv"),
                                               NULL, NULL, &e),
                          BREACH_OK);
    r = breach_region_shares_compute(ds, NULL, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CHECK_EQ_LL(r->all_regions.n, 5);
    CHECK_EQ_LL(r->all_regions.n_unknown, 3);
    CHECK_EQ_LL(r->affected_with_breakdown.n, 3);
    CHECK_EQ_LL(r->n_breakdown_unknown, 2);
    CHECK_EQ_LL(r->placed_regions.point, 500);
    CU_ASSERT(r->placed_regions.upper_unbounded);
    CU_ASSERT(!r->placed_affected.upper_unbounded);
    CHECK_REL(r->placed_share, 500.0 / 6000.0, 1e-15);
    breach_region_shares_free(r);
    breach_dataset_free(ds);
}

static void test_review_regressions(void)
{
    /* unnamed notices are never revisions of each other: 100 + 200 + 960,000, three
       organisations, and the curve ends where the total does */
    const spec s[] = {
        {NULL, "Vend", NULL, "2023-01-01", NULL, {100, BREACH_COUNT_EXACT}, 0},
        {"...", "Vend", NULL, "2023-01-02", NULL, {200, BREACH_COUNT_EXACT}, 0},
        {"Named", "Vend", NULL, "2023-01-03", NULL, {960000, BREACH_COUNT_EXACT}, 0},
    };
    breach_dataset *ds = build(s, 3);
    breach_error e;
    breach_supply_chain *r = breach_supply_chain_compute(ds, "Vend", NULL, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CHECK_EQ_LL(r->n_superseded, 0);
    CHECK_EQ_LL(r->n_organisations, 3);
    CHECK_EQ_LL(r->individuals.point, 960300);
    CU_ASSERT_EQUAL_FATAL(r->n_points, 3);
    CHECK_EQ_LL(r->curve[2].point, 960300);
    CHECK_EQ_LL(r->curve[2].organisations, 3);
    breach_supply_chain_free(r);
    /* options and filters from a caller's struct are checked, not trusted */
    breach_filter f;
    breach_filter_init(&f);
    f.to.day = INT32_MAX;
    f.to.precision = BREACH_PREC_DAY;
    CU_ASSERT_PTR_NULL(breach_region_shares_compute(ds, &f, &e));
    CHECK_EQ_LL(e.code, BREACH_EINVAL);
    breach_filter_init(&f);
    f.from.day = 19001; /* 2022-01-09 (python3: date.fromordinal(719163 + 19001)) at month precision: not a first day */
    f.from.precision = BREACH_PREC_MONTH;
    CU_ASSERT_PTR_NULL(breach_repeats_compute(ds, &f, NULL, &e));
    CHECK_EQ_LL(e.code, BREACH_EINVAL);
    breach_repeat_options o;
    breach_repeat_options_init(&o);
    o.reserved_[2] = 1; /* the last of the three left beside the associate window */
    CU_ASSERT_PTR_NULL(breach_repeats_compute(ds, NULL, &o, &e));
    CHECK_EQ_LL(e.code, BREACH_EINVAL);
    breach_dataset_free(ds);
}

/* Region shares and a supply chain over notices of two units. By hand:
 *   0 individuals  breakdown US-WA 1,200, US-ME 300; total 10,000
 *   1 individuals  breakdown US-WA 800;             total 2,000
 *   2 accounts     breakdown US-WA 50,000;          total 90,000
 *   3 records      no breakdown;                    900
 * Region shares choose among notices with a breakdown: individuals (2 of 3). */
static void test_units(void)
{
    breach_region wa = reg("US-WA"), me = reg("US-ME");
    breach_region_count r0[2] = {{wa, {1200, BREACH_COUNT_EXACT}}, {me, {300, BREACH_COUNT_EXACT}}};
    breach_region_count r1[1] = {{wa, {800, BREACH_COUNT_EXACT}}};
    breach_region_count r2[1] = {{wa, {50000, BREACH_COUNT_EXACT}}};
    static const struct {
        int unit;
        uint64_t total;
        size_t nr;
        const char *vendor;
    } s[] = {{BREACH_UNIT_INDIVIDUALS, 10000, 2, "Vend"},
             {BREACH_UNIT_INDIVIDUALS, 2000, 1, "Vend"},
             {BREACH_UNIT_ACCOUNTS, 90000, 1, "Vend"},
             {BREACH_UNIT_RECORDS, 900, 0, NULL}};
    breach_region_count *rc[] = {r0, r1, r2, NULL};
    static const char *names[] = {"A", "B", "C", "D"};
    breach_dataset *ds = breach_dataset_new(NULL);
    for (size_t k = 0; k < 4; k++) {
        breach_incident in;
        breach_incident_init(&in);
        in.entity = names[k];
        in.vendor = s[k].vendor;
        in.unit = s[k].unit;
        in.affected = breach_count_exact(s[k].total);
        in.regions = rc[k];
        in.n_regions = s[k].nr;
        in.reported = day(k < 2 ? "2023-03-01" : "2023-03-02");
        CU_ASSERT_EQUAL(breach_dataset_add(ds, &in, NULL), (long)k);
    }
    breach_region_shares *r = breach_region_shares_compute(ds, NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CHECK_EQ_LL(r->unit, BREACH_UNIT_INDIVIDUALS);
    CHECK_EQ_LL(r->units, 7);
    CHECK_EQ_LL(r->n_with_breakdown, 3);
    CHECK_EQ_LL(r->n_other_units, 1); /* C: accounts */
    /* residents (individuals): 1,200 + 300 + 800 = 2,300, not 52,300 */
    CHECK_EQ_LL(r->all_regions.point, 2300);
    CHECK_EQ_LL(r->affected_with_breakdown.point, 12000); /* 10,000 + 2,000 */
    CHECK_EQ_LL(r->all_regions_by_unit[BREACH_UNIT_ACCOUNTS].point, 50000);
    CHECK_EQ_LL(r->all_regions_by_unit[BREACH_UNIT_RECORDS].n, 0);
    CU_ASSERT_EQUAL_FATAL(r->n_rows, 2);
    CHECK_STR(breach_region_code(r->rows[0].region), "US-WA");
    CHECK_EQ_LL(r->rows[0].total.point, 2000); /* 1,200 + 800 */
    CHECK_EQ_LL(r->rows[0].n_incidents, 3);    /* C's notice named it too */
    CHECK_EQ_LL(r->rows[0].by_unit[BREACH_UNIT_ACCOUNTS].point, 50000);
    CHECK_REL(r->rows[0].share, 2000.0 / 2300.0, 1e-15);
    CHECK_EQ_LL(r->rows[1].total.point, 300);
    CHECK_EQ_LL(r->rows[1].by_unit[BREACH_UNIT_ACCOUNTS].n, 0);
    breach_region_shares_free(r);
    /* --unit accounts: C alone */
    breach_filter f;
    breach_filter_init(&f);
    f.units = 1u << BREACH_UNIT_ACCOUNTS;
    r = breach_region_shares_compute(ds, &f, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CHECK_EQ_LL(r->unit, BREACH_UNIT_ACCOUNTS);
    CHECK_EQ_LL(r->all_regions.point, 50000);
    CHECK_EQ_LL(r->n_other_units, 0);
    CU_ASSERT_EQUAL_FATAL(r->n_rows, 1);
    CHECK_REL(r->rows[0].share, 1.0, 0);
    breach_region_shares_free(r);

    /* the vendor's members: A and B in individuals (the most common), C's accounts apart */
    breach_supply_chain *sc = breach_supply_chain_compute(ds, "Vend", NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
    CHECK_EQ_LL(sc->unit, BREACH_UNIT_INDIVIDUALS);
    CHECK_EQ_LL(sc->units, 1u << BREACH_UNIT_INDIVIDUALS | 1u << BREACH_UNIT_ACCOUNTS);
    CHECK_EQ_LL(sc->n_other_units, 1);
    CHECK_EQ_LL(sc->n_organisations, 3);
    CHECK_EQ_LL(sc->individuals.point, 12000); /* not 102,000 */
    CU_ASSERT_TRUE(total_eq(&sc->individuals, &sc->by_unit[BREACH_UNIT_INDIVIDUALS]));
    CHECK_EQ_LL(sc->by_unit[BREACH_UNIT_ACCOUNTS].point, 90000);
    CHECK_EQ_LL(sc->by_unit[BREACH_UNIT_ACCOUNTS].n, 1);
    CU_ASSERT_EQUAL_FATAL(sc->n_members, 3);
    CHECK_EQ_LL(sc->members[2].unit, BREACH_UNIT_ACCOUNTS);
    CHECK_EQ_LL(sc->members[2].role, BREACH_MEMBER_OTHER_UNIT);
    CHECK_EQ_LL(sc->members[0].role, BREACH_MEMBER_COUNTED);
    /* the curve: 03-01 12,000 individuals; 03-02 one more organisation, still 12,000 */
    CU_ASSERT_EQUAL_FATAL(sc->n_points, 2);
    CHECK_EQ_LL(sc->curve[1].organisations, 3);
    CHECK_EQ_LL(sc->curve[1].lower, 12000);
    CHECK_EQ_LL(sc->curve[1].upper, 12000);
    breach_supply_chain_free(sc);
    /* a vendor with no notice: the filter's unit, or individuals */
    sc = breach_supply_chain_compute(ds, "Nobody", &f, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
    CHECK_EQ_LL(sc->unit, BREACH_UNIT_ACCOUNTS);
    CHECK_EQ_LL(sc->n_members, 0);
    breach_supply_chain_free(sc);
    breach_dataset_free(ds);
}

/* The one setting of threads: the previous value back, 0 the default (>= 1). */
static void test_threads_setting(void)
{
    unsigned before = breach_set_threads(3);
    CHECK_EQ_LL(breach_threads(), 3);
    CHECK_EQ_LL(breach_set_threads(1), 3);
    CHECK_EQ_LL(breach_threads(), 1);
    CHECK_EQ_LL(breach_set_threads(0), 1);
    CU_ASSERT(breach_threads() >= 1);
    breach_set_threads(before);
}

int main(void)
{
    static const test_entry tests[] = {
        {"the threads setting", test_threads_setting},
        {"regressions from the review: unnamed notices, unchecked dates and options",
         test_review_regressions},
        {"incident share with qualifier bounds", test_incident_share_bounds},
        {"region shares: empty, bounds, country filter, overflow", test_region_shares_edges},
        {"supply chain: revisions, separate, doubles, bounds, curve", test_supply_chain_rules},
        {"repeats: episodes, campaigns, quartiles, edges", test_repeats_rules},
        {"repeats: coarse dates give bounds", test_repeats_coarse_dates},
        {"repeats: the business-associate window", test_repeats_associate_window},
        {"repeats: one incident's notices to two sources", test_repeats_cross_source},
        {"notices in two formats: what may count twice", test_format_overlap},
        {"repeats: 40,000 organisations", test_repeats_many_organisations},
        {"repeats: one part or two, the same", test_repeats_parts},
        {"region shares: one part or two, totals by construction", test_region_parts},
        {"region shares: regions at the ends of the numbers, in one part each", test_region_seen},
        {"region shares: people placed, over the notices with a total", test_region_placed},
        {"region shares and supply chain: one unit per total, the others apart", test_units},
        {NULL, NULL}};
    return run_suite("statistics", tests);
}
