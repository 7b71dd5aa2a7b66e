/* Time to the next breach: Kaplan-Meier, Greenwood, interval kinds, median, shares within
 * 1 and 3 years, window end, every-episode mode. Reference values:
 * tests/reference/survival.py (the observations written out by hand from the dates below,
 * the estimator recomputed with numpy); `/usr/bin/python3 tests/reference/survival.py`. */
#include "check.h"

static breach_date day(const char *iso)
{
    breach_date d;
    CU_ASSERT_EQUAL_FATAL(breach_date_parse(iso, strlen(iso), &d, NULL), BREACH_OK);
    return d;
}

static void add(breach_dataset *ds, const char *entity, const char *occurred, const char *vendor)
{
    breach_incident in;
    breach_incident_init(&in);
    in.entity = entity;
    in.vendor = vendor;
    if (occurred)
        in.occurred_start = day(occurred);
    in.affected = breach_count_exact(1000);
    in.flags = BREACH_FLAG_SEPARATE;
    CU_ASSERT(breach_dataset_add(ds, &in, NULL) >= 0);
}

static breach_dataset *orgs(void)
{
    breach_dataset *ds = breach_dataset_new(NULL);
    add(ds, "A", "2019-01-10", NULL);
    add(ds, "A", "2019-06-10", NULL);
    add(ds, "A", "2021-03-01", NULL);
    add(ds, "B", "2019-02-01", NULL);
    add(ds, "C", "2019-03-15", NULL);
    add(ds, "C", "2019-03-15", NULL); /* same day: one episode */
    add(ds, "C, Inc.", "2020-03-15", NULL); /* same entity key */
    add(ds, "D", "2020-01-01", NULL);
    add(ds, "D", "2020-01-20", NULL);
    add(ds, "E", "2020-05-05", NULL);
    add(ds, "F", "2018-07-01", NULL);
    add(ds, "F", "2022-07-01", NULL); /* the latest date: the default window end */
    add(ds, "G", "2021-12-01", "Camp");
    add(ds, "G", "2022-02-01", "Camp"); /* one campaign: one episode */
    add(ds, "H", "2019-01-10", NULL);
    add(ds, "H", "2019-04-10", NULL);
    add(ds, "I", "2022-06-30", NULL);
    add(ds, "K", "2020-02-01", NULL);
    add(ds, "K", "2020-05-01", NULL);
    add(ds, "J", NULL, NULL);         /* undated */
    add(ds, NULL, "2020-01-01", NULL); /* nameless */
    return ds;
}

typedef struct step_ref {
    double time;
    uint64_t at_risk, events, censored;
    double s, se, lo, hi;
} step_ref;

static void check_steps(const breach_survival *s, const step_ref *ref, size_t n)
{
    CU_ASSERT_EQUAL_FATAL(s->n_steps, n);
    for (size_t k = 0; k < n; k++) {
        const breach_km_step *st = &s->steps[k];
        CHECK_REL(st->time, ref[k].time, 0);
        CHECK_EQ_LL(st->at_risk, ref[k].at_risk);
        CHECK_EQ_LL(st->events, ref[k].events);
        CHECK_EQ_LL(st->censored, ref[k].censored);
        CHECK_REL(st->survival, ref[k].s, 1e-14);
        CHECK_REL(st->se, ref[k].se, 1e-13);
        if (isnan(ref[k].lo)) {
            CU_ASSERT(isnan(st->lo) && isnan(st->hi));
        } else {
            CHECK_REL(st->lo, ref[k].lo, 1e-12);
            CHECK_REL(st->hi, ref[k].hi, 1e-12);
        }
    }
}

static void test_first_gap(void)
{
    breach_dataset *ds = orgs();
    breach_error e;
    breach_survival *s = breach_survival_compute(ds, NULL, NULL, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CHECK_EQ_LL(s->n_incidents, 21);
    CHECK_EQ_LL(s->n_undated, 1);
    CHECK_EQ_LL(s->n_unnamed, 1);
    CHECK_EQ_LL(s->n_late, 0);
    CHECK_EQ_LL(s->n_organisations, 10); /* A B C D E F G H I K */
    CHECK_EQ_LL(s->n_observations, 10);
    CHECK_EQ_LL(s->n_events, 6);
    CHECK_EQ_LL(s->n_censored, 4);
    char buf[16];
    breach_date_format(s->window_end, buf, sizeof buf);
    CHECK_STR(buf, "2022-07-01");
    /* survival.py "first gap (loglog, 0.95)" */
    static const step_ref ref[] = {
        {1, 10, 0, 1, 1.0, 0.0, NAN, NAN},
        {19, 9, 1, 0, 0.8888888888888888, 0.10475656017578482, 0.43296509022580554, 0.983564028525579},
        {90, 8, 2, 0, 0.6666666666666666, 0.15713484026367722, 0.2816822422216508, 0.8783067576313746},
        {151, 6, 1, 0, 0.5555555555555556, 0.16563466499998442, 0.20424177563882337, 0.8045250158792482},
        {212, 5, 0, 1, 0.5555555555555556, 0.16563466499998442, 0.20424177563882337, 0.8045250158792482},
        {366, 4, 1, 0, 0.4166666666666667, 0.17291527219428796, 0.10895306889472499, 0.7076977659098977},
        {787, 3, 0, 1, 0.4166666666666667, 0.17291527219428796, 0.10895306889472499, 0.7076977659098977},
        {1246, 2, 0, 1, 0.4166666666666667, 0.17291527219428796, 0.10895306889472499, 0.7076977659098977},
        {1461, 1, 1, 0, 0.0, 0.0, NAN, NAN},
    };
    check_steps(s, ref, sizeof ref / sizeof ref[0]);
    CHECK_REL(s->median.estimate, 366, 0);
    CHECK_REL(s->median.lo, 19, 0);
    CHECK_REL(s->median.hi, 1461, 0);
    CHECK_REL(s->within_1y.estimate, 0.4444444444444444, 1e-14);
    CHECK_REL(s->within_1y.lo, 0.19547498412075182, 1e-12);
    CHECK_REL(s->within_1y.hi, 0.7957582243611766, 1e-12);
    CHECK_REL(s->within_3y.estimate, 0.5833333333333333, 1e-14);
    CHECK_REL(s->within_3y.lo, 0.29230223409010225, 1e-12);
    CHECK_REL(s->within_3y.hi, 0.891046931105275, 1e-12);
    CHECK_REL(s->within_1y.level, 0.95, 0);
    /* S at any t; after the last step S has reached 0, so it stays defined */
    double S, lo, hi;
    CU_ASSERT_EQUAL(breach_survival_at(s, 0, &S, &lo, &hi, &e), BREACH_OK);
    CHECK_REL(S, 1, 0);
    CU_ASSERT(isnan(lo));
    CU_ASSERT_EQUAL(breach_survival_at(s, 100.5, &S, &lo, &hi, &e), BREACH_OK);
    CHECK_REL(S, 0.6666666666666666, 1e-14);
    CHECK_REL(lo, 0.2816822422216508, 1e-12);
    CU_ASSERT_EQUAL(breach_survival_at(s, 5000, &S, NULL, NULL, &e), BREACH_OK);
    CHECK_REL(S, 0, 0);
    CHECK_EQ_LL(breach_survival_at(s, -1, &S, NULL, NULL, &e), BREACH_EINVAL);
    CHECK_EQ_LL(breach_survival_at(NULL, 1, &S, NULL, NULL, &e), BREACH_EINVAL);

    /* the events are breach_repeats_compute's first intervals per organisation */
    breach_repeats *r = breach_repeats_compute(ds, NULL, NULL, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CHECK_EQ_LL(r->n_repeat_entities, 6);
    CHECK_EQ_LL(r->n_entities, s->n_organisations);
    breach_repeats_free(r);
    breach_survival_free(s);

    /* other intervals: log (R's default) and plain at 90 % */
    breach_survival_options o;
    breach_survival_options_init(&o);
    o.ci_type = BREACH_KM_CI_LOG;
    s = breach_survival_compute(ds, NULL, &o, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CHECK_REL(s->steps[1].lo, 0.7055575015159432, 1e-12);
    CHECK_REL(s->steps[1].hi, 1, 0);
    CHECK_REL(s->steps[3].hi, 0.9965675996824959, 1e-12);
    CHECK_REL(s->steps[5].lo, 0.18473235494401777, 1e-12);
    CHECK_REL(s->median.lo, 90, 0);
    CHECK_REL(s->within_1y.lo, 0.003432400317504136, 1e-10);
    breach_survival_free(s);
    o.ci_type = BREACH_KM_CI_PLAIN;
    o.level = 0.90;
    s = breach_survival_compute(ds, NULL, &o, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CHECK_REL(s->steps[1].lo, 0.716579680936789, 1e-12);
    CHECK_REL(s->steps[2].lo, 0.4082028547385169, 1e-12);
    CHECK_REL(s->steps[2].hi, 0.9251304785948163, 1e-12);
    CHECK_REL(s->within_3y.lo, 0.2989130207092576, 1e-12);
    CHECK_REL(s->within_3y.hi, 0.8677536459574089, 1e-12);
    breach_survival_free(s);
    breach_dataset_free(ds);
}

static void test_every_episode_and_window(void)
{
    breach_dataset *ds = orgs();
    breach_survival_options o;
    breach_survival_options_init(&o);
    o.every_episode = true;
    breach_survival *s = breach_survival_compute(ds, NULL, &o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    /* survival.py "every episode": 17 observations, 7 events; F's last episode is censored
       at 0 (it is the window's end) */
    CHECK_EQ_LL(s->n_observations, 17);
    CHECK_EQ_LL(s->n_events, 7);
    CU_ASSERT_EQUAL_FATAL(s->n_steps, 16);
    CHECK_REL(s->steps[0].time, 0, 0);
    CHECK_EQ_LL(s->steps[0].censored, 1);
    CHECK_REL(s->steps[8].time, 630, 0);
    CHECK_EQ_LL(s->steps[8].at_risk, 8);
    CHECK_REL(s->steps[8].survival, 0.5775, 1e-14);
    CHECK_REL(s->steps[8].se, 0.13321446524308087, 1e-13);
    CHECK_REL(s->steps[8].lo, 0.28624103906044357, 1e-12);
    CHECK_REL(s->steps[8].hi, 0.7858539012578353, 1e-12);
    CHECK_REL(s->median.estimate, 1461, 0);
    CHECK_REL(s->median.lo, 90, 0);
    CHECK_REL(s->within_1y.estimate, 0.2666666666666666, 1e-13);
    CHECK_REL(s->within_3y.hi, 0.7137589609395565, 1e-12);
    breach_survival_free(s);

    /* window ending 2021-12-31 ("2021" at year precision ends on that day too): F's second,
       G's second and I are late; F and G are censored there */
    breach_survival_options_init(&o);
    o.window_end = day("2021");
    s = breach_survival_compute(ds, NULL, &o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CHECK_EQ_LL(s->n_late, 3);
    CHECK_EQ_LL(s->n_organisations, 9);
    CHECK_EQ_LL(s->n_events, 5);
    char buf[16];
    breach_date_format(s->window_end, buf, sizeof buf);
    CHECK_STR(buf, "2021-12-31");
    CU_ASSERT_EQUAL_FATAL(s->n_steps, 8);
    CHECK_REL(s->steps[2].survival, 0.6349206349206349, 1e-14);
    CHECK_REL(s->steps[4].se, 0.17221621356959205, 1e-13);
    CHECK_REL(s->steps[4].lo, 0.0891834484080723, 1e-12);
    CHECK_REL(s->median.estimate, 366, 0);
    CHECK_REL(s->median.lo, 19, 0);
    CU_ASSERT(isnan(s->median.hi)); /* the upper band never reaches 0.5 */
    CHECK_REL(s->within_1y.estimate, 0.4920634920634921, 1e-14);
    CHECK_REL(s->within_3y.lo, 0.31977823146584017, 1e-12);
    /* past the longest observation (1,279 days, censored) S is not estimated */
    double S;
    breach_error e;
    CHECK_EQ_LL(breach_survival_at(s, 1300, &S, NULL, NULL, &e), BREACH_ENOTFOUND);
    CU_ASSERT_EQUAL(breach_survival_at(s, 1279, &S, NULL, NULL, &e), BREACH_OK);
    CHECK_REL(S, 0.38095238095238093, 1e-14);
    breach_survival_free(s);

    /* one organisation selected: E (one notice, 2020-05-05) is followed to the end of its
       source (the notices added outside a load: 2022-07-01, F's second), 787 days
       (python3: date(2022, 7, 1) - date(2020, 5, 5)), not censored at its own notice (0
       days, when the window ended at the selection's latest date) */
    breach_filter f;
    breach_filter_init(&f);
    f.entity = "E";
    breach_survival_options_init(&o);
    s = breach_survival_compute(ds, &f, &o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    breach_date_format(s->window_end, buf, sizeof buf);
    CHECK_STR(buf, "2022-07-01");
    CU_ASSERT_EQUAL_FATAL(s->n_steps, 1);
    CHECK_REL(s->steps[0].time, 787, 0);
    CHECK_EQ_LL(s->steps[0].censored, 1);
    breach_survival_free(s);
    breach_dataset_free(ds);
}

/* A date range on the survival's own date removes the notices after its end, so the
 * follow-up ends there: with `to` 2020, A's 2021-03-01, F's 2022-07-01, G and I are gone,
 * and B, E and F are censored on 2020-12-31, not on the lists' end (2022-07-01), which
 * would count F as breach-free for 1,461 days. survival.py's km() over the observations
 * (python3 datetime): A 151, C 366, D 19, H 90, K 90 (events); B 699, E 240, F 914
 * (censored). S: 0.875 at 19, 0.625 at 90, 0.5 at 151 (the median), 1/3 at 366; within 1
 * year 0.5 [0.22513, 0.84796]; within 3 years not estimated (the longest observation is
 * 914 days; 0.625 with the follow-up to 2022-07-01). */
static void test_range_ends_follow_up(void)
{
    breach_dataset *ds = orgs();
    breach_filter f;
    breach_filter_init(&f); /* on the event date, the survival's default */
    f.to = day("2020");
    breach_survival *s = breach_survival_compute(ds, &f, NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    char buf[16];
    breach_date_format(s->window_end, buf, sizeof buf);
    CHECK_STR(buf, "2020-12-31");
    CHECK_EQ_LL(s->n_late, 0);
    CHECK_EQ_LL(s->n_organisations, 8);
    CHECK_EQ_LL(s->n_events, 5);
    CHECK_EQ_LL(s->n_censored, 3);
    CU_ASSERT_EQUAL_FATAL(s->n_steps, 7);
    CHECK_REL(s->steps[1].time, 90, 0);
    CHECK_REL(s->steps[1].survival, 0.625, 1e-14);
    CHECK_REL(s->steps[4].time, 366, 0);
    CHECK_REL(s->steps[4].survival, 1.0 / 3, 1e-14);
    CHECK_REL(s->steps[6].time, 914, 0);
    CHECK_EQ_LL(s->steps[6].censored, 1);
    CHECK_REL(s->median.estimate, 151, 0);
    CHECK_REL(s->within_1y.estimate, 0.5, 1e-14);
    CHECK_REL(s->within_1y.lo, 1 - 0.7748650120668887, 1e-12);
    CHECK_REL(s->within_1y.hi, 1 - 0.1520358902990239, 1e-12);
    CU_ASSERT(isnan(s->within_3y.estimate));
    breach_survival_free(s);

    /* a `to` past the lists' end leaves their end; a given window end is used when it comes
       before the end the data allow, else that end: past `to` (its notices removed) nothing
       is observed, and F would count as breach-free to 2022-01-31 (1,310 days) */
    f.to = day("2030");
    s = breach_survival_compute(ds, &f, NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    breach_date_format(s->window_end, buf, sizeof buf);
    CHECK_STR(buf, "2022-07-01");
    breach_survival_free(s);
    f.to = day("2020");
    breach_survival_options o;
    breach_survival_options_init(&o);
    o.window_end = day("2022-01-31");
    s = breach_survival_compute(ds, &f, &o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    breach_date_format(s->window_end, buf, sizeof buf);
    CHECK_STR(buf, "2020-12-31");
    CHECK_REL(s->steps[s->n_steps - 1].time, 914, 0); /* F: 2018-07-01 to 2020-12-31 */
    breach_survival_free(s);
    o.window_end = day("2020-06-30");
    s = breach_survival_compute(ds, &f, &o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    breach_date_format(s->window_end, buf, sizeof buf);
    CHECK_STR(buf, "2020-06-30");
    CHECK_REL(s->steps[s->n_steps - 1].time, 730, 0); /* F: 2018-07-01 to 2020-06-30 */
    breach_survival_free(s);

    /* `from` 2020: an organisation enters at its first episode from then on (A at
       2021-03-01, censored; C at 2020-03-15, censored), so 8 organisations (A, C, D, E,
       F, G, I, K) and 2 events (D 19 days, K 90), followed to the lists' end */
    breach_filter_init(&f);
    f.from = day("2020");
    s = breach_survival_compute(ds, &f, NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    breach_date_format(s->window_end, buf, sizeof buf);
    CHECK_STR(buf, "2022-07-01");
    CHECK_EQ_LL(s->n_organisations, 8);
    CHECK_EQ_LL(s->n_events, 2);
    CHECK_REL(s->steps[s->n_steps - 1].time, 838, 0); /* C: 2020-03-15 to 2022-07-01 */
    breach_survival_free(s);
    breach_dataset_free(ds);
}

/* One campaign hits an organisation once, whatever came between its notices (doc/model.md:
 * episodes are the classes that "at most merge_within_days apart" and "the same campaign"
 * generate). P: a notice without a vendor, one for V the same day, V again on 2020-06-01:
 * one episode, censored at the window's end (152 days: 31 + 29 + 31 + 30 + 31). Q: V on
 * 2020-01-01, another breach on 2020-03-01 (60 days), V again on 2020-06-01: episodes {Q1,
 * Q3} and {Q2}, so one event at 60 days, and with every_episode Q2's episode is censored
 * at 152 - 60 = 92 days. Episodes cut at the first incident's vendor would give P an event
 * at 152 and Q a second one at 92. */
static void test_campaign_episodes(void)
{
    breach_dataset *ds = breach_dataset_new(NULL);
    add(ds, "P", "2020-01-01", NULL);
    add(ds, "P", "2020-01-01", "V");
    add(ds, "P", "2020-06-01", "V");
    add(ds, "Q", "2020-01-01", "V");
    add(ds, "Q", "2020-03-01", NULL);
    add(ds, "Q", "2020-06-01", "V");
    breach_survival_options o;
    breach_survival_options_init(&o);
    breach_survival *s = breach_survival_compute(ds, NULL, &o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CHECK_EQ_LL(s->n_observations, 2);
    CHECK_EQ_LL(s->n_events, 1);
    CU_ASSERT_EQUAL_FATAL(s->n_steps, 2);
    CHECK_REL(s->steps[0].time, 60, 0);
    CHECK_EQ_LL(s->steps[0].events, 1);
    CHECK_REL(s->steps[1].time, 152, 0);
    CHECK_EQ_LL(s->steps[1].censored, 1);
    breach_survival_free(s);
    o.every_episode = true;
    s = breach_survival_compute(ds, NULL, &o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CHECK_EQ_LL(s->n_observations, 3);
    CHECK_EQ_LL(s->n_events, 1);
    CU_ASSERT_EQUAL_FATAL(s->n_steps, 3);
    CHECK_REL(s->steps[1].time, 92, 0);
    CHECK_EQ_LL(s->steps[1].censored, 1);
    breach_survival_free(s);
    breach_dataset_free(ds);
}

static void test_edges_errors(void)
{
    breach_error e;
    breach_dataset *ds = breach_dataset_new(NULL);
    breach_survival *s = breach_survival_compute(ds, NULL, NULL, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CHECK_EQ_LL(s->n_steps, 0);
    CU_ASSERT(isnan(s->median.estimate) && isnan(s->within_1y.estimate));
    CU_ASSERT_FALSE(breach_date_is_known(s->window_end));
    double S;
    CHECK_EQ_LL(breach_survival_at(s, 1, &S, NULL, NULL, &e), BREACH_ENOTFOUND);
    breach_survival_free(s);
    /* one organisation, one incident: censored at 0, nothing estimated past it */
    add(ds, "Solo", "2020-06-01", NULL);
    s = breach_survival_compute(ds, NULL, NULL, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CHECK_EQ_LL(s->n_censored, 1);
    CU_ASSERT(isnan(s->within_1y.estimate));
    breach_survival_free(s);
    /* errors */
    breach_survival_options o;
    breach_survival_options_init(&o);
    o.merge_within_days = -1;
    CU_ASSERT_PTR_NULL(breach_survival_compute(ds, NULL, &o, &e));
    CHECK_EQ_LL(e.code, BREACH_EINVAL);
    breach_survival_options_init(&o);
    o.ci_type = 3;
    CU_ASSERT_PTR_NULL(breach_survival_compute(ds, NULL, &o, &e));
    breach_survival_options_init(&o);
    o.level = 1;
    CU_ASSERT_PTR_NULL(breach_survival_compute(ds, NULL, &o, &e));
    breach_survival_options_init(&o);
    o.date_field = 4;
    CU_ASSERT_PTR_NULL(breach_survival_compute(ds, NULL, &o, &e));
    breach_survival_options_init(&o);
    o.window_end.precision = 7;
    CU_ASSERT_PTR_NULL(breach_survival_compute(ds, NULL, &o, &e));
    breach_survival_options_init(&o);
    o.reserved_[1] = 2;
    CU_ASSERT_PTR_NULL(breach_survival_compute(ds, NULL, &o, &e));
    CU_ASSERT_PTR_NULL(breach_survival_compute(NULL, NULL, NULL, &e));
    CHECK_EQ_LL(e.code, BREACH_EINVAL);
    breach_survival_free(NULL);
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
    breach_survival *s = breach_survival_compute(ds, NULL, NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    /* structural checks (the observation list itself is breach_repeats_compute's, tested
       above): every organisation is one observation, events are the repeat entities, and
       S decreases from 1 */
    breach_repeats *r = breach_repeats_compute(ds, NULL, NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CHECK_EQ_LL(s->n_observations, r->n_entities);
    CHECK_EQ_LL(s->n_events, r->n_repeat_entities);
    CHECK_EQ_LL(s->n_events + s->n_censored, s->n_observations);
    for (size_t k = 1; k < s->n_steps; k++)
        CU_ASSERT(s->steps[k].survival <= s->steps[k - 1].survival);
    CU_ASSERT(s->within_1y.estimate > 0 && s->within_1y.estimate < s->within_3y.estimate);
    char buf[16];
    breach_date_format(s->window_end, buf, sizeof buf);
    CHECK_STR(buf, "2024-06-28"); /* the latest submission date of the two lists */
    /* tests/reference/episodes.py (pandas episodes, survival.py's estimator), with the
       business-associate window (60 days): 514 events of 5,324; within 1 year
       0.033462838624544355 [0.028855662686926187, 0.038790797951975264], within 3 years
       0.07479217432785967 [0.06744686116786192, 0.08290126742662296]. Issue 16's accent-
       insensitive keys made "La Clínica de la Raza" and "La Clinica de la Raza" one
       organisation (5,326 before), and keys that make symbols spaces joined "Cancer
       Treatment Centers of America® (CTCA) at Southeastern ..." to its spelling without
       the ® (5,325 before) */
    CHECK_EQ_LL(s->n_observations, 5324);
    CHECK_EQ_LL(s->n_events, 514);
    CHECK_REL(s->within_1y.estimate, 0.033462838624544355, 1e-12);
    CHECK_REL(s->within_1y.lo, 0.028855662686926187, 1e-9);
    CHECK_REL(s->within_1y.hi, 0.038790797951975264, 1e-9);
    CHECK_REL(s->within_3y.estimate, 0.07479217432785967, 1e-12);
    CHECK_REL(s->within_3y.lo, 0.06744686116786192, 1e-9);
    CHECK_REL(s->within_3y.hi, 0.08290126742662296, 1e-9);
    CU_ASSERT(isnan(s->median.estimate)); /* not reached */
    breach_survival_free(s);
    /* without it: 536 events; within 3 years 0.07890559201615699 [0.07139559483859914,
       0.08716781394190865] (0.07888066455154741 [0.0713729066807457, 0.08714045060476538],
       the issue's [7.137 %, 8.714 %], with 5,326 organisations) */
    breach_survival_options o;
    breach_survival_options_init(&o);
    o.associate_window_days = BREACH_ASSOCIATE_WINDOW_OFF;
    s = breach_survival_compute(ds, NULL, &o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CHECK_EQ_LL(s->n_events, 536);
    CHECK_REL(s->within_3y.estimate, 0.07890559201615699, 1e-12);
    CHECK_REL(s->within_3y.lo, 0.07139559483859914, 1e-9);
    CHECK_REL(s->within_3y.hi, 0.08716781394190865, 1e-9);
    breach_survival_free(s);
    /* to 2020: `tests/reference/episodes.py --to 2020-12-31` (the notices after 2020 left
       out, the follow-up ended on 2020-12-31): 297 events of 3,207; within 1 year
       0.037916501853766826 [0.03159457581615366, 0.04547342034181623], within 3 years
       0.08279960647946072 [0.07264908812066573, 0.09429479497324278]. Followed to
       2024-06-28 instead, the organisations hit again in 2021 .. 2024 counted as
       breach-free: 3.492 % and 6.673 % (review 5, F2) */
    breach_filter f;
    breach_filter_init(&f);
    f.to = day("2020");
    s = breach_survival_compute(ds, &f, NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    breach_date_format(s->window_end, buf, sizeof buf);
    CHECK_STR(buf, "2020-12-31");
    CHECK_EQ_LL(s->n_observations, 3207);
    CHECK_EQ_LL(s->n_events, 297);
    CHECK_REL(s->within_1y.estimate, 0.037916501853766826, 1e-12);
    CHECK_REL(s->within_1y.lo, 0.03159457581615366, 1e-9);
    CHECK_REL(s->within_1y.hi, 0.04547342034181623, 1e-9);
    CHECK_REL(s->within_3y.estimate, 0.08279960647946072, 1e-12);
    CHECK_REL(s->within_3y.lo, 0.07264908812066573, 1e-9);
    CHECK_REL(s->within_3y.hi, 0.09429479497324278, 1e-9);
    breach_repeats_free(r);
    breach_survival_free(s);
    breach_dataset_free(ds);
}

int main(void)
{
    static const test_entry tests[] = {
        {"KM over first gaps: steps, Greenwood, bands, median, 1y/3y", test_first_gap},
        {"every episode; a window end", test_every_episode_and_window},
        {"a date range ends the follow-up", test_range_ends_follow_up},
    {"campaign episodes", test_campaign_episodes},
        {"empty, single, errors", test_edges_errors},
        {"HHS portal: time to the next notice", test_hhs},
        {NULL, NULL}};
    return run_suite("survival", tests);
}
