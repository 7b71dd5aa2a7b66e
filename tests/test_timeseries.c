/* Counts per period, the equal-counts chi-square test, and Poisson against negative
 * binomial. Reference values: tests/reference/timeseries.py (SciPy 1.10's chisquare,
 * poisson/nbinom logpmf and minimize_scalar); rerun `/usr/bin/python3
 * tests/reference/timeseries.py` to reproduce them. */
#include "check.h"

static breach_date day(const char *iso)
{
    breach_date d;
    CU_ASSERT_EQUAL_FATAL(breach_date_parse(iso, strlen(iso), &d, NULL), BREACH_OK);
    return d;
}

static void add(breach_dataset *ds, const char *reported, breach_count affected)
{
    breach_incident in;
    breach_incident_init(&in);
    in.entity = "Org";
    if (reported)
        in.reported = day(reported);
    in.affected = affected;
    in.flags = BREACH_FLAG_SEPARATE;
    CU_ASSERT(breach_dataset_add(ds, &in, NULL) >= 0);
}

/* Monthly counts 3, 0, 5, 2, 9, 1 over 2023-01 .. 2023-06, plus one undated incident and
 * one dated only "2023". Affected: 100 each, one "at least 1,000" in March. */
static breach_dataset *hand(void)
{
    breach_dataset *ds = breach_dataset_new(NULL);
    static const int per[] = {3, 0, 5, 2, 9, 1};
    for (int m = 0; m < 6; m++)
        for (int j = 0; j < per[m]; j++) {
            char d[16];
            snprintf(d, sizeof d, "2023-%02d-%02d", m + 1, 1 + (j * 7) % 28);
            add(ds, d, breach_count_exact(100));
        }
    add(ds, "2023-03-31", (breach_count){1000, BREACH_COUNT_AT_LEAST});
    add(ds, NULL, breach_count_exact(5));
    add(ds, "2023", breach_count_exact(7));
    return ds;
}

static void test_monthly(void)
{
    breach_dataset *ds = hand();
    breach_error e;
    breach_timeseries *t = breach_timeseries_compute(ds, NULL, NULL, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CHECK_EQ_LL(t->n_incidents, 23);
    CHECK_EQ_LL(t->n_undated, 1);
    CHECK_EQ_LL(t->n_coarse, 1);
    CHECK_EQ_LL(t->n_outside, 0);
    CHECK_EQ_LL(t->n_counted, 21);
    CU_ASSERT_EQUAL_FATAL(t->n_periods, 6);
    /* with the 'at least 1,000' in March: 3, 0, 6, 2, 9, 1 */
    static const uint64_t want[] = {3, 0, 6, 2, 9, 1};
    static const int days[] = {31, 28, 31, 30, 31, 30};
    for (size_t k = 0; k < 6; k++) {
        CHECK_EQ_LL(t->periods[k].n_incidents, want[k]);
        CHECK_EQ_LL(t->periods[k].days, days[k]);
        char buf[16];
        breach_date_format(t->periods[k].start, buf, sizeof buf);
        char exp[16];
        snprintf(exp, sizeof exp, "2023-%02d", (int)k + 1);
        CHECK_STR(buf, exp);
    }
    CHECK_EQ_LL(t->periods[2].affected.lower, 1500);
    CU_ASSERT_TRUE(t->periods[2].affected.upper_unbounded);
    CHECK_EQ_LL(t->periods[1].affected.n, 0);
    breach_timeseries_free(t);

    /* the same without the at-least incident: exactly 3, 0, 5, 2, 9, 1 (timeseries.py
       "hand months") */
    breach_dataset_free(ds);
    ds = breach_dataset_new(NULL);
    static const int per[] = {3, 0, 5, 2, 9, 1};
    for (int m = 0; m < 6; m++)
        for (int j = 0; j < per[m]; j++) {
            char d[16];
            /* June's notice on its last day: the data then cover every month whole (on the
               1st, June would be partial and left out of the tests, see test_coverage;
               from / to could not make it whole) */
            snprintf(d, sizeof d, "2023-%02d-%02d", m + 1, m == 5 ? 30 : 1 + j);
            add(ds, d, breach_count_exact(100));
        }
    breach_timeseries_options o;
    breach_timeseries_options_init(&o);
    o.from = day("2023-01");
    o.to = day("2023-06");
    t = breach_timeseries_compute(ds, NULL, &o, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CHECK_REL(t->uniformity.statistic, 15.999999999999996, 1e-13);
    CHECK_REL(t->uniformity.df, 5, 0);
    CHECK_REL(t->uniformity.p_value, 0.006844073922420446, 1e-10);
    CHECK_REL(t->uniformity.min_expected, 3.3333333333333335, 1e-15);
    const breach_dispersion_test *q = &t->dispersion;
    CHECK_REL(q->mean, 3.3333333333333335, 1e-15);
    CHECK_REL(q->variance, 10.666666666666666, 1e-14);
    CHECK_REL(q->poisson_loglik, -15.994769786132796, 1e-13);
    CHECK_REL(q->nb_size, 1.6850967066269624, 1e-6);
    CHECK_REL(q->nb_alpha, 1 / 1.6850967066269624, 1e-6);
    CHECK_REL(q->nb_loglik, -13.882028220618286, 1e-11);
    CHECK_REL(q->lr_statistic, 4.225483131029019, 1e-9);
    CHECK_REL(q->p_value, 0.019910640449727898, 1e-8);
    CHECK_REL(q->poisson_aic, 2 + 2 * 15.994769786132796, 1e-13);
    CHECK_REL(q->nb_aic, 4 + 2 * 13.882028220618286, 1e-11);
    breach_timeseries_free(t);

    /* expected counts proportional to the months' lengths (31, 28, 31, 30, 31, 30 days) */
    o.expected_by_length = true;
    t = breach_timeseries_compute(ds, NULL, &o, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CHECK_REL(t->uniformity.statistic, 15.080913978494623, 1e-13);
    CHECK_REL(t->uniformity.p_value, 0.01002214256629149, 1e-10);
    CHECK_REL(t->uniformity.min_expected, 20.0 * 28 / 181, 1e-14);
    breach_timeseries_free(t);
    breach_dataset_free(ds);
}

static void test_quarters_years_range(void)
{
    breach_dataset *ds = hand();
    breach_timeseries_options o;
    breach_timeseries_options_init(&o);
    o.period = BREACH_PERIOD_QUARTER;
    breach_timeseries *t = breach_timeseries_compute(ds, NULL, &o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL_FATAL(t->n_periods, 2);
    CHECK_EQ_LL(t->periods[0].n_incidents, 9); /* 3 + 0 + 6 */
    CHECK_EQ_LL(t->periods[1].n_incidents, 12);
    CHECK_EQ_LL(t->periods[0].days, 90);
    CHECK_EQ_LL(t->periods[1].days, 91);
    CHECK_EQ_LL(t->n_coarse, 1);
    breach_timeseries_free(t);

    o.period = BREACH_PERIOD_YEAR;
    t = breach_timeseries_compute(ds, NULL, &o, NULL);
    CU_ASSERT_EQUAL_FATAL(t->n_periods, 1);
    CHECK_EQ_LL(t->periods[0].n_incidents, 22); /* the year-only date counts here */
    CHECK_EQ_LL(t->periods[0].days, 365);
    CHECK_EQ_LL(t->n_coarse, 0);
    CU_ASSERT(isnan(t->uniformity.p_value) && isnan(t->dispersion.nb_size)); /* k = 1 */
    breach_timeseries_free(t);

    /* an explicit range: 2022-11 .. 2023-03 monthly, empty periods kept, April on outside */
    o.period = BREACH_PERIOD_MONTH;
    o.from = day("2022-11-15");
    o.to = day("2023-03");
    t = breach_timeseries_compute(ds, NULL, &o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL_FATAL(t->n_periods, 5);
    CHECK_EQ_LL(t->periods[0].n_incidents, 0);
    CHECK_EQ_LL(t->periods[1].n_incidents, 0);
    CHECK_EQ_LL(t->periods[2].n_incidents, 3);
    CHECK_EQ_LL(t->periods[4].n_incidents, 6);
    CHECK_EQ_LL(t->n_outside, 12);
    CHECK_EQ_LL(t->n_counted, 9);
    breach_timeseries_free(t);

    /* quarters (8, 12) and an underdispersed series: no overdispersion, NB = Poisson
       (timeseries.py: quarters chi-square 0.8, p 0.37109336952269756) */
    breach_dataset_free(ds);
    ds = breach_dataset_new(NULL);
    static const int per[] = {4, 5, 4, 5, 4, 5};
    for (int m = 0; m < 6; m++)
        for (int j = 0; j < per[m]; j++) {
            char d[16];
            /* the 1st, June's the 30th: the data cover the six months whole */
            snprintf(d, sizeof d, "2021-%02d-%02d", m + 1, m == 5 ? 30 : 1);
            add(ds, d, breach_count_exact(1));
        }
    breach_timeseries_options_init(&o);
    o.from = day("2021-01");
    o.to = day("2021-06");
    t = breach_timeseries_compute(ds, NULL, &o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CHECK_REL(t->uniformity.statistic, 0.33333333333333337, 1e-13);
    CHECK_REL(t->uniformity.p_value, 0.9969687632568645, 1e-10);
    CHECK_REL(t->dispersion.poisson_loglik, -10.28654700643057, 1e-13);
    CU_ASSERT(isinf(t->dispersion.nb_size));
    CHECK_REL(t->dispersion.nb_alpha, 0, 0);
    CHECK_REL(t->dispersion.nb_loglik, -10.28654700643057, 1e-13);
    CHECK_REL(t->dispersion.lr_statistic, 0, 0);
    CHECK_REL(t->dispersion.p_value, 1, 0);
    CHECK_REL(t->dispersion.variance, 0.3, 1e-14);
    breach_timeseries_free(t);
    o.period = BREACH_PERIOD_QUARTER;
    t = breach_timeseries_compute(ds, NULL, &o, NULL);
    CHECK_EQ_LL(t->periods[0].n_incidents, 13);
    CHECK_EQ_LL(t->periods[1].n_incidents, 14);
    breach_timeseries_free(t);
    breach_dataset_free(ds);
}

/* Coverage and units by hand. hand(): notices from 2023-01-01 to 2023-06-01 (June's one
 * notice is on the 1st), so June is covered for 1 of its 30 days: partial, and the tests
 * run over January .. May, counts 3, 0, 6, 2, 9 (timeseries.py "hand whole months":
 * chi-square 12.5, df 4, p 0.013995792487650894; NB size 1.7616861979353784). */
static void test_coverage(void)
{
    breach_dataset *ds = hand();
    breach_error e;
    breach_timeseries *t = breach_timeseries_compute(ds, NULL, NULL, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL_FATAL(t->n_periods, 6);
    char buf[16];
    breach_date_format(t->span_first, buf, sizeof buf);
    CHECK_STR(buf, "2023-01-01");
    breach_date_format(t->span_last, buf, sizeof buf);
    CHECK_STR(buf, "2023-06-01");
    CU_ASSERT(!t->periods[0].partial);
    CHECK_EQ_LL(t->periods[0].covered_days, 31);
    CU_ASSERT(t->periods[5].partial);
    CHECK_EQ_LL(t->periods[5].covered_days, 1);
    CHECK_EQ_LL(t->n_partial, 1);
    CHECK_EQ_LL(t->n_tested, 5);
    CHECK_EQ_LL(t->n_tested_incidents, 20);
    CHECK_REL(t->uniformity.statistic, 12.5, 1e-15);
    CHECK_REL(t->uniformity.df, 4, 0);
    CHECK_REL(t->uniformity.p_value, 0.013995792487650894, 1e-10);
    CHECK_REL(t->dispersion.nb_size, 1.7616861979353784, 1e-6);
    breach_timeseries_free(t);
    /* from a day inside a month: 2023-01-15 .. 2023-03 covers 17 of January's 31 days */
    breach_timeseries_options o;
    breach_timeseries_options_init(&o);
    o.from = day("2023-01-15");
    o.to = day("2023-03");
    t = breach_timeseries_compute(ds, NULL, &o, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL_FATAL(t->n_periods, 3);
    CHECK_EQ_LL(t->periods[0].covered_days, 17);
    CU_ASSERT(t->periods[0].partial && !t->periods[2].partial);
    CHECK_EQ_LL(t->n_tested, 2);
    /* and January holds those 17 days' notices: of the 1st, 8th and 15th (hand()), the
       15th; the 1st and 8th are outside with April .. June's 12 */
    CHECK_EQ_LL(t->periods[0].n_incidents, 1);
    CHECK_EQ_LL(t->n_outside, 14);
    CHECK_EQ_LL(t->n_counted, 7); /* 1 + 0 + 6 */
    breach_date_format(t->span_first, buf, sizeof buf);
    CHECK_STR(buf, "2023-01-15");
    breach_timeseries_free(t);
    /* from / to past the data: 2022-11-15 .. 2023-08. The notices run 2023-01-01 ..
       2023-06-01, so the span is those days: November and December 2022 and July and
       August 2023 have no data (covered 0, not partial, not 0 notices to test), June is
       partial (1 day), and the tests run over January .. May as without from / to */
    o.from = day("2022-11-15");
    o.to = day("2023-08");
    t = breach_timeseries_compute(ds, NULL, &o, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL_FATAL(t->n_periods, 10);
    breach_date_format(t->span_first, buf, sizeof buf);
    CHECK_STR(buf, "2023-01-01");
    breach_date_format(t->span_last, buf, sizeof buf);
    CHECK_STR(buf, "2023-06-01");
    static const int covered[10] = {0, 0, 31, 28, 31, 30, 31, 1, 0, 0};
    for (size_t k = 0; k < 10; k++) {
        CHECK_EQ_LL(t->periods[k].covered_days, covered[k]);
        CHECK_EQ_LL(t->periods[k].partial, k == 7);
    }
    CHECK_EQ_LL(t->n_uncovered, 4);
    CHECK_EQ_LL(t->n_partial, 1);
    CHECK_EQ_LL(t->n_tested, 5);
    CHECK_EQ_LL(t->n_tested_incidents, 20);
    CHECK_REL(t->uniformity.statistic, 12.5, 1e-15);
    CHECK_REL(t->dispersion.nb_size, 1.7616861979353784, 1e-6);
    breach_timeseries_free(t);
    /* a range the data do not reach at all: every period without data, no span, no test */
    o.from = day("2024-01");
    o.to = day("2024-03");
    t = breach_timeseries_compute(ds, NULL, &o, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL_FATAL(t->n_periods, 3);
    CHECK_EQ_LL(t->n_uncovered, 3);
    CHECK_EQ_LL(t->n_partial, 0);
    CHECK_EQ_LL(t->n_tested, 0);
    CU_ASSERT(!breach_date_is_known(t->span_first) && !breach_date_is_known(t->span_last));
    CU_ASSERT(isnan(t->uniformity.statistic));
    breach_timeseries_free(t);
    /* a year: the year-only date "2023" is counted and reaches 2023-12-31: whole */
    o = (breach_timeseries_options){0};
    breach_timeseries_options_init(&o);
    o.period = BREACH_PERIOD_YEAR;
    t = breach_timeseries_compute(ds, NULL, &o, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CHECK_EQ_LL(t->n_partial, 0);
    CHECK_EQ_LL(t->periods[0].covered_days, 365);
    breach_timeseries_free(t);
    /* by year from 2023-02-08: the year "2023" straddles from, neither in nor out (coarse,
       as the filter has it); January's 3 notices and February's none before the 8th are
       outside; March .. June's 6 + 2 + 9 + 1 (with the "at least" of March 31st) count */
    o.from = day("2023-02-08");
    t = breach_timeseries_compute(ds, NULL, &o, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL_FATAL(t->n_periods, 1);
    CHECK_EQ_LL(t->periods[0].n_incidents, 18);
    CHECK_EQ_LL(t->n_coarse, 1);
    CHECK_EQ_LL(t->n_outside, 3);
    breach_timeseries_free(t);
    /* a filter's range on the series' date bounds the series as from / to do: no period
       outside it (it selected nothing there: not a period of 0) */
    breach_timeseries_options_init(&o);
    breach_filter fr;
    breach_filter_init(&fr);
    fr.date_field = BREACH_FIELD_REPORTED;
    fr.from = day("2023-03-15");
    fr.to = day("2023-04");
    t = breach_timeseries_compute(ds, &fr, &o, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL_FATAL(t->n_periods, 2);
    breach_date_format(t->span_first, buf, sizeof buf);
    CHECK_STR(buf, "2023-03-15");
    CHECK_EQ_LL(t->periods[0].n_incidents, 3); /* the 15th, the 22nd, the 31st */
    CHECK_EQ_LL(t->periods[1].n_incidents, 2);
    CU_ASSERT(t->periods[0].partial && !t->periods[1].partial);
    CHECK_EQ_LL(t->n_tested, 1);
    breach_timeseries_free(t);
    breach_dataset_free(ds);

    /* units: January has two notices of 100 individuals and one of 5,000 accounts, February
       one of 7 individuals: the series is in individuals (3 notices against 1), accounts
       are apart, and February has no accounts notice ("not counted": n = 0) */
    ds = breach_dataset_new(NULL);
    add(ds, "2023-01-01", breach_count_exact(100));
    add(ds, "2023-01-02", breach_count_exact(100));
    breach_incident in;
    breach_incident_init(&in);
    in.entity = "Site";
    in.reported = day("2023-01-03");
    in.affected = breach_count_exact(5000);
    in.unit = BREACH_UNIT_ACCOUNTS;
    CU_ASSERT(breach_dataset_add(ds, &in, NULL) >= 0);
    add(ds, "2023-02-28", breach_count_exact(7));
    t = breach_timeseries_compute(ds, NULL, NULL, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CHECK_EQ_LL(t->unit, BREACH_UNIT_INDIVIDUALS);
    CHECK_EQ_LL(t->units, (1u << BREACH_UNIT_INDIVIDUALS) | (1u << BREACH_UNIT_ACCOUNTS));
    CHECK_EQ_LL(t->n_by_unit[BREACH_UNIT_ACCOUNTS], 1);
    CHECK_EQ_LL(t->periods[0].n_incidents, 3);
    CHECK_EQ_LL(t->periods[0].affected.point, 200); /* individuals only */
    CHECK_EQ_LL(t->periods[0].by_unit[BREACH_UNIT_ACCOUNTS].point, 5000);
    CHECK_EQ_LL(t->periods[0].n_by_unit[BREACH_UNIT_ACCOUNTS], 1);
    CHECK_EQ_LL(t->periods[1].by_unit[BREACH_UNIT_ACCOUNTS].n, 0);
    CHECK_EQ_LL(t->periods[1].affected.point, 7);
    breach_timeseries_free(t);
    /* the filter's single unit decides */
    breach_filter f;
    breach_filter_init(&f);
    f.units = 1u << BREACH_UNIT_ACCOUNTS;
    t = breach_timeseries_compute(ds, &f, NULL, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CHECK_EQ_LL(t->unit, BREACH_UNIT_ACCOUNTS);
    CHECK_EQ_LL(t->n_counted, 1);
    CHECK_EQ_LL(t->periods[0].affected.point, 5000);
    /* the coverage is the source's, not the selection's: the notices were added outside a
       load (one source) from 2023-01-01 to 2023-02-28, so the one accounts notice
       (2023-01-03) has January whole and February whole with 0 notices, where the
       selection alone covered January 3rd only (January partial: nothing tested) */
    CU_ASSERT_EQUAL_FATAL(t->n_periods, 2);
    breach_date_format(t->span_first, buf, sizeof buf);
    CHECK_STR(buf, "2023-01-01");
    breach_date_format(t->span_last, buf, sizeof buf);
    CHECK_STR(buf, "2023-02-28");
    CHECK_EQ_LL(t->periods[0].covered_days, 31);
    CHECK_EQ_LL(t->periods[1].covered_days, 28);
    CHECK_EQ_LL(t->periods[1].n_incidents, 0);
    CHECK_EQ_LL(t->n_partial, 0);
    CHECK_EQ_LL(t->n_tested, 2);
    breach_timeseries_free(t);
    breach_dataset_free(ds);

    /* two sources: a canonical file of 2021-05-10 .. 2021-08-20 and notices added outside
       a load in 2019. Acme's notices (both in the file, June and July) cover the file's
       days: May (22 of 31 days) and August (20 of 31) are partial and 0, June and July
       whole; 2019 is another source's and extends nothing */
    ds = breach_dataset_new(NULL);
    add(ds, "2019-03-01", breach_count_exact(1));
    add(ds, "2019-11-30", breach_count_exact(1));
    static const char csv[] = "id,entity,reported,affected\n"
                              "a,Other,2021-05-10,5\n"
                              "b,Acme,2021-06-15,10\n"
                              "c,Acme,2021-07-01,20\n"
                              "d,Other,2021-08-20,5\n";
    CU_ASSERT_EQUAL_FATAL(breach_csv_read_buffer(ds, csv, sizeof csv - 1, NULL, NULL, &e), BREACH_OK);
    breach_filter_init(&f);
    f.entity = "Acme";
    t = breach_timeseries_compute(ds, &f, NULL, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL_FATAL(t->n_periods, 4);
    breach_date_format(t->span_first, buf, sizeof buf);
    CHECK_STR(buf, "2021-05-10");
    breach_date_format(t->span_last, buf, sizeof buf);
    CHECK_STR(buf, "2021-08-20");
    static const int acme_covered[4] = {22, 30, 31, 20}, acme_n[4] = {0, 1, 1, 0};
    for (size_t k = 0; k < 4; k++) {
        CHECK_EQ_LL(t->periods[k].covered_days, acme_covered[k]);
        CHECK_EQ_LL(t->periods[k].n_incidents, acme_n[k]);
        CHECK_EQ_LL(t->periods[k].partial, k == 0 || k == 3);
    }
    CHECK_EQ_LL(t->n_tested, 2);
    breach_timeseries_free(t);
    /* the 2019 notices alone: their source spans 2019-03-01 .. 2019-11-30 */
    f.entity = "Org";
    t = breach_timeseries_compute(ds, &f, NULL, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL_FATAL(t->n_periods, 9);
    breach_date_format(t->span_last, buf, sizeof buf);
    CHECK_STR(buf, "2019-11-30");
    breach_timeseries_free(t);
    breach_dataset_free(ds);

    /* two curated canonical files numbered alike (ids 1, 2 for other organisations: two
       lists, test_input's SAME_LIST) cover their own days: Maine's list, 2015-02-01 ..
       2016-09-01, is not extended to the Texas list's 2023-11-01 (it was: 2017 .. 2022
       came out as whole years of 0 and were tested). The same Maine file given twice is
       one list (a snapshot of itself) */
    static const char me[] = "id,entity,entity_state,reported\n1,Maine Clinic A,US-ME,2015-02-01\n"
                             "2,Maine Clinic B,US-ME,2016-09-01\n";
    static const char tx[] = "id,entity,entity_state,reported\n1,Texas Bank A,US-TX,2022-02-01\n"
                             "2,Texas Bank B,US-TX,2023-11-01\n";
    breach_timeseries_options oy;
    breach_timeseries_options_init(&oy);
    oy.period = BREACH_PERIOD_YEAR;
    breach_filter_init(&f);
    CU_ASSERT_EQUAL_FATAL(breach_region_parse("US-ME", 5, &f.region, NULL), BREACH_OK);
    const char *second[2] = {tx, me};
    for (int k = 0; k < 2; k++) {
        ds = breach_dataset_new(NULL);
        CU_ASSERT_EQUAL_FATAL(breach_csv_read_buffer(ds, me, sizeof me - 1, NULL, NULL, &e), BREACH_OK);
        CU_ASSERT_EQUAL_FATAL(breach_csv_read_buffer(ds, second[k], strlen(second[k]), NULL, NULL, &e),
                              BREACH_OK);
        t = breach_timeseries_compute(ds, &f, &oy, &e);
        CU_ASSERT_PTR_NOT_NULL_FATAL(t);
        CU_ASSERT_EQUAL_FATAL(t->n_periods, 2);
        breach_date_format(t->span_last, buf, sizeof buf);
        CHECK_STR(buf, "2016-09-01");
        CHECK_EQ_LL(t->n_tested, 0);
        breach_timeseries_free(t);
        breach_dataset_free(ds);
    }
}

static void test_36_months(void)
{
    static const int series[36] = {12, 7, 19, 3, 25, 9, 14, 30, 5, 11, 8, 22, 17, 4, 27, 13, 6, 35,
                                   10, 16, 2, 21, 18, 9, 26, 7, 15, 33, 12, 5, 19, 24, 8, 11, 28, 14};
    breach_dataset *ds = breach_dataset_new(NULL);
    for (int m = 0; m < 36; m++)
        for (int j = 0; j < series[m]; j++) {
            char d[16];
            /* the last month's 14 notices from its 31st back: the data cover it whole */
            snprintf(d, sizeof d, "%d-%02d-%02d", 2020 + m / 12, m % 12 + 1,
                     m == 35 ? 31 - j : 1 + j % 28);
            add(ds, d, breach_count_exact(1000));
        }
    breach_timeseries_options o;
    breach_timeseries_options_init(&o);
    o.from = day("2020-01");
    o.to = day("2022-12");
    breach_timeseries *t = breach_timeseries_compute(ds, NULL, &o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL_FATAL(t->n_periods, 36);
    CHECK_EQ_LL(t->n_partial, 0);
    CHECK_EQ_LL(t->n_tested, 36);
    CHECK_EQ_LL(t->n_counted, 545);
    /* timeseries.py "36 months" */
    CHECK_REL(t->uniformity.statistic, 184.1816513761468, 1e-12);
    CHECK_REL(t->uniformity.p_value, 3.689051523554862e-22, 1e-8);
    CHECK_REL(t->dispersion.variance, 79.66587301587302, 1e-13);
    CHECK_REL(t->dispersion.poisson_loglik, -172.1369413965383, 1e-12);
    CHECK_REL(t->dispersion.nb_size, 3.362955168022658, 1e-6);
    CHECK_REL(t->dispersion.nb_loglik, -126.68270594575756, 1e-11);
    CHECK_REL(t->dispersion.lr_statistic, 90.90847090156149, 1e-9);
    CHECK_REL(t->dispersion.p_value, 7.52370465430618e-22, 1e-7);
    CHECK_EQ_LL(t->periods[17].affected.point, 35000);
    breach_timeseries_free(t);
    breach_dataset_free(ds);
}

static void test_edges_errors(void)
{
    breach_error e;
    breach_dataset *ds = breach_dataset_new(NULL);
    breach_timeseries *t = breach_timeseries_compute(ds, NULL, NULL, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t); /* nothing counted, no range: no periods */
    CHECK_EQ_LL(t->n_periods, 0);
    CU_ASSERT_PTR_NULL(t->periods);
    CU_ASSERT(isnan(t->uniformity.statistic) && isnan(t->dispersion.mean));
    breach_timeseries_free(t);
    /* a range and no incident: empty periods, tests NaN (total 0) */
    breach_timeseries_options o;
    breach_timeseries_options_init(&o);
    o.from = day("2020");
    o.to = day("2020");
    t = breach_timeseries_compute(ds, NULL, &o, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CHECK_EQ_LL(t->n_periods, 12);
    CHECK_EQ_LL(t->periods[1].days, 29); /* 2020 is a leap year */
    CU_ASSERT(isnan(t->uniformity.p_value));
    breach_timeseries_free(t);
    /* errors */
    o.from = day("2021");
    CU_ASSERT_PTR_NULL(breach_timeseries_compute(ds, NULL, &o, &e)); /* from after to */
    CHECK_EQ_LL(e.code, BREACH_EINVAL);
    /* the longest series there can be: 0001-01 .. 9999-12, 119,988 empty months */
    o.from = day("0001");
    o.to = day("9999");
    t = breach_timeseries_compute(ds, NULL, &o, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CHECK_EQ_LL(t->n_periods, 119988);
    CHECK_EQ_LL(t->periods[119987].days, 31);
    breach_timeseries_free(t);
    breach_timeseries_options_init(&o);
    o.period = 3;
    CU_ASSERT_PTR_NULL(breach_timeseries_compute(ds, NULL, &o, &e));
    breach_timeseries_options_init(&o);
    o.date_field = -1;
    CU_ASSERT_PTR_NULL(breach_timeseries_compute(ds, NULL, &o, &e));
    breach_timeseries_options_init(&o);
    o.reserved_[0] = 1;
    CU_ASSERT_PTR_NULL(breach_timeseries_compute(ds, NULL, &o, &e));
    CU_ASSERT_PTR_NULL(breach_timeseries_compute(NULL, NULL, NULL, &e));
    CHECK_EQ_LL(e.code, BREACH_EINVAL);
    /* occurred dates on request; overflow of a period's affected total */
    breach_incident in;
    breach_incident_init(&in);
    in.occurred_start = day("2019-05-02");
    in.reported = day("2019-07-09");
    in.affected = breach_count_exact(UINT64_MAX - 1);
    breach_dataset_add(ds, &in, NULL);
    breach_timeseries_options_init(&o);
    o.date_field = BREACH_FIELD_OCCURRED;
    t = breach_timeseries_compute(ds, NULL, &o, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    char buf[16];
    breach_date_format(t->periods[0].start, buf, sizeof buf);
    CHECK_STR(buf, "2019-05");
    breach_timeseries_free(t);
    breach_dataset_add(ds, &in, NULL);
    CU_ASSERT_PTR_NULL(breach_timeseries_compute(ds, NULL, &o, &e));
    CHECK_EQ_LL(e.code, BREACH_EOVERFLOW);
    breach_timeseries_free(NULL);
    breach_dataset_free(ds);
}

/* Maine's notices by year over the portal (timeseries.py, "HHS Maine 2009 .. 2024" and
 * "HHS Maine whole years 2010 .. 2023"), selected by f from ds. */
static void check_maine(const breach_dataset *ds, const breach_filter *f,
                        const breach_timeseries_options *o)
{
    breach_timeseries *t = breach_timeseries_compute(ds, f, o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL_FATAL(t->n_periods, 16);
    static const int maine[16] = {0, 0, 0, 0, 1, 0, 2, 0, 2, 1, 2, 6, 2, 2, 5, 1};
    for (size_t k = 0; k < 16; k++)
        CHECK_EQ_LL(t->periods[k].n_incidents, maine[k]);
    CHECK_EQ_LL(t->periods[0].covered_days, 72);
    CHECK_EQ_LL(t->periods[15].covered_days, 180);
    CHECK_EQ_LL(t->n_tested, 14);
    CHECK_EQ_LL(t->n_tested_incidents, 23);
    CHECK_REL(t->uniformity.statistic, 27.521739130434785, 1e-12);
    CHECK_REL(t->uniformity.p_value, 0.010545321584573797, 1e-9);
    CHECK_REL(t->dispersion.nb_size, 1.4646616273473823, 1e-6);
    CHECK_REL(t->dispersion.lr_statistic, 3.97508138043915, 1e-6);
    breach_timeseries_free(t);
}

/* A list that began receiving in 2020-02 with a breach of 2017 among its notices, and 22
 * breaches 40 days apart from 2020-03-01, each reported 220, 210 .. 10 days after it
 * (by hand, checked with python3's datetime): 23 delays, 10 .. 220 and 1,002; the
 * 90th percentile by nearest rank is the 21st, 210 days, the median the 12th, 120. By
 * event quarter, 2017-Q2 .. 2022-Q2: 2017-Q2 and 2022-Q2 are partial (the events run
 * 2017-05-05 .. 2022-06-19), 2017-Q3 .. 2020-Q1 (11) began before the first report of
 * 2020-02-01, 2021-Q4 and 2022-Q1 end less than 210 days before the last of 2022-06-29;
 * 2020-Q2 .. 2021-Q3 hold 3, 2, 2, 2, 3, 2: chi-square 4/7 (mean 14/6). */
static breach_dataset *lagged(size_t n_grid)
{
    breach_dataset *ds = breach_dataset_new(NULL);
    breach_incident in;
    breach_incident_init(&in);
    in.entity = "Org";
    in.flags = BREACH_FLAG_SEPARATE;
    in.occurred_start = day("2017-05-05");
    in.reported = day("2020-02-01");
    CU_ASSERT(breach_dataset_add(ds, &in, NULL) >= 0);
    int32_t first = day("2020-03-01").day;
    for (size_t i = 0; i < n_grid; i++) {
        in.occurred_start = (breach_date){first + 40 * (int32_t)i, BREACH_PREC_DAY};
        in.reported = (breach_date){in.occurred_start.day + 10 * (22 - (int32_t)i),
                                    BREACH_PREC_DAY};
        CU_ASSERT(breach_dataset_add(ds, &in, NULL) >= 0);
    }
    return ds;
}

static void test_observed(void)
{
    breach_dataset *ds = lagged(22);
    breach_timeseries_options o;
    breach_timeseries_options_init(&o);
    o.date_field = BREACH_FIELD_EVENT;
    o.period = BREACH_PERIOD_QUARTER;
    breach_error e;
    breach_timeseries *t = breach_timeseries_compute(ds, NULL, &o, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL_FATAL(t->n_periods, 21);
    char buf[16];
    breach_date_format(t->reported_first, buf, sizeof buf);
    CHECK_STR(buf, "2020-02-01");
    breach_date_format(t->reported_last, buf, sizeof buf);
    CHECK_STR(buf, "2022-06-29");
    CHECK_EQ_LL(t->n_delays, 23);
    CHECK_EQ_LL(t->lag_days, 210);
    CHECK_EQ_LL(t->lag_median, 120);
    CHECK_EQ_LL(t->n_partial, 2);
    CHECK_EQ_LL(t->n_truncated, 13);
    CHECK_EQ_LL(t->n_before, 11);
    for (size_t k = 0; k < 21; k++) /* 0: 2017-Q2 .. 20: 2022-Q2 */
        CHECK_EQ_LL(t->periods[k].truncated, (k >= 1 && k <= 11) || k == 18 || k == 19);
    CU_ASSERT(!t->periods[0].truncated && !t->periods[20].truncated); /* partial, not both */
    CHECK_EQ_LL(t->n_tested, 6);
    CHECK_EQ_LL(t->n_tested_incidents, 14);
    CHECK_REL(t->uniformity.statistic, 4.0 / 7.0, 1e-14);
    breach_timeseries_free(t);
    /* by reported date nothing is truncated, and there is no lag to speak of */
    o.date_field = BREACH_FIELD_REPORTED;
    t = breach_timeseries_compute(ds, NULL, &o, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CHECK_EQ_LL(t->n_truncated, 0);
    CHECK_EQ_LL(t->lag_days, -1);
    CU_ASSERT(!breach_date_is_known(t->reported_first));
    breach_timeseries_free(t);
    breach_dataset_free(ds);
    /* 19 delays (the 2017 breach and 18 of the grid): no lag to trust, no whole period
       tested */
    ds = lagged(18);
    o.date_field = BREACH_FIELD_OCCURRED;
    t = breach_timeseries_compute(ds, NULL, &o, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CHECK_EQ_LL(t->n_delays, 19);
    CHECK_EQ_LL(t->lag_days, -1);
    CHECK_EQ_LL(t->n_tested, 0);
    CHECK_EQ_LL(t->n_truncated + t->n_partial, t->n_periods);
    CU_ASSERT(isnan(t->uniformity.statistic));
    breach_timeseries_free(t);
    breach_dataset_free(ds);
    /* notices without an occurred or discovered date: their event dates are the reported
       ones, which the lists observe as they come (hand(): the 5 whole months, as by
       reported date in test_coverage) */
    ds = hand();
    o.date_field = BREACH_FIELD_EVENT;
    o.period = BREACH_PERIOD_MONTH;
    t = breach_timeseries_compute(ds, NULL, &o, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CHECK_EQ_LL(t->lag_days, 0);
    CHECK_EQ_LL(t->n_truncated, 0);
    CHECK_EQ_LL(t->n_tested, 5);
    CHECK_REL(t->uniformity.statistic, 12.5, 1e-15);
    breach_timeseries_free(t);
    breach_dataset_free(ds);
}

/* WA's list by event year (review 5, F4; tests/reference/timeseries.py, csv module):
 * reported 2015-08-11 .. 2024-04-19, 1,105 delays, lag 403 days, median 144; 2008 and
 * 2024 partial, 2009 .. 2015 before the list began, 2023 within the lag; the tests over
 * 2016 .. 2022, 847 notices, chi-square 284.5289256198347 (was 1,408.5 over 14 years).
 * VCDB (json module): notifications 1971-06-01 .. 2019-12-13, 2,083 delays, lag 245,
 * median 28: 2019 is truncated, 1971 partial. */
static void test_observed_real(void)
{
    const char *w = shared_path("wa-ag-breach-notifications/"
                                "Data_Breach_Notifications_Affecting_Washington_Residents_"
                                "20240523.csv");
    const char *v = shared_path("vcdb/vcdb.json.zip");
    breach_timeseries_options o;
    breach_timeseries_options_init(&o);
    o.date_field = BREACH_FIELD_EVENT;
    o.period = BREACH_PERIOD_YEAR;
    char buf[16];
    if (w) {
        breach_dataset *ds = breach_dataset_new(NULL);
        CU_ASSERT_EQUAL_FATAL(breach_wa_read_file(ds, w, NULL, NULL, NULL), BREACH_OK);
        breach_timeseries *t = breach_timeseries_compute(ds, NULL, &o, NULL);
        CU_ASSERT_PTR_NOT_NULL_FATAL(t);
        CU_ASSERT_EQUAL_FATAL(t->n_periods, 17); /* 2008 .. 2024 */
        breach_date_format(t->reported_first, buf, sizeof buf);
        CHECK_STR(buf, "2015-08-11");
        breach_date_format(t->reported_last, buf, sizeof buf);
        CHECK_STR(buf, "2024-04-19");
        CHECK_EQ_LL(t->n_delays, 1105);
        CHECK_EQ_LL(t->lag_days, 403);
        CHECK_EQ_LL(t->lag_median, 144);
        CHECK_EQ_LL(t->n_truncated, 8);
        CHECK_EQ_LL(t->n_before, 7);
        for (size_t k = 0; k < 17; k++)
            CHECK_EQ_LL(t->periods[k].truncated, (k >= 1 && k <= 7) || k == 15);
        CHECK_EQ_LL(t->n_tested, 7);
        CHECK_EQ_LL(t->n_tested_incidents, 847);
        CHECK_REL(t->uniformity.statistic, 284.5289256198347, 1e-12);
        CHECK_REL(t->dispersion.nb_size, 3.5772144192245032, 1e-6);
        breach_timeseries_free(t);
        breach_dataset_free(ds);
    }
    if (v) {
        breach_dataset *ds = breach_dataset_new(NULL);
        breach_load_options lo;
        breach_load_options_init(&lo);
        lo.lenient = true;
        CU_ASSERT_EQUAL_FATAL(breach_veris_read_file(ds, v, &lo, NULL, NULL), BREACH_OK);
        breach_timeseries *t = breach_timeseries_compute(ds, NULL, &o, NULL);
        CU_ASSERT_PTR_NOT_NULL_FATAL(t);
        CU_ASSERT_EQUAL_FATAL(t->n_periods, 49); /* 1971 .. 2019 */
        breach_date_format(t->reported_first, buf, sizeof buf);
        CHECK_STR(buf, "1971-06-01");
        breach_date_format(t->reported_last, buf, sizeof buf);
        CHECK_STR(buf, "2019-12-13");
        CHECK_EQ_LL(t->n_delays, 2083);
        CHECK_EQ_LL(t->lag_days, 245);
        CHECK_EQ_LL(t->lag_median, 28);
        CHECK_EQ_LL(t->n_truncated, 1);
        CHECK_EQ_LL(t->n_before, 0);
        CU_ASSERT(t->periods[48].truncated && t->periods[0].partial);
        CHECK_EQ_LL(t->n_tested, 47);
        breach_timeseries_free(t);
        breach_dataset_free(ds);
    }
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
    breach_timeseries *t = breach_timeseries_compute(ds, NULL, NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    /* timeseries.py (csv module): 2009-10 .. 2024-06, 177 months, 6,279 notices; the data
       span 2009-10-21 (the archive's first submission) .. 2024-06-28 (the last), so October
       2009 (11 of 31 days) and June 2024 (28 of 30) are partial, and the tests run over the
       175 whole months ("HHS whole months 2009-11 .. 2024-05", 6,235 notices) */
    CHECK_EQ_LL(t->n_periods, 177);
    CHECK_EQ_LL(t->n_counted, 6279);
    char buf[16];
    breach_date_format(t->span_first, buf, sizeof buf);
    CHECK_STR(buf, "2009-10-21");
    breach_date_format(t->span_last, buf, sizeof buf);
    CHECK_STR(buf, "2024-06-28");
    CHECK_EQ_LL(t->n_partial, 2);
    CU_ASSERT(t->periods[0].partial && t->periods[176].partial && !t->periods[1].partial);
    CHECK_EQ_LL(t->periods[0].covered_days, 11);
    CHECK_EQ_LL(t->periods[176].covered_days, 28);
    CHECK_EQ_LL(t->n_tested, 175);
    CHECK_EQ_LL(t->n_tested_incidents, 6235);
    CHECK_REL(t->uniformity.statistic, 1926.792301523657, 1e-12);
    CHECK_REL(t->uniformity.p_value, 7.342589665871399e-293, 1e-6);
    CHECK_REL(t->dispersion.poisson_loglik, -1363.9255973393992, 1e-12);
    CHECK_REL(t->dispersion.nb_size, 3.8371082308289868, 1e-6);
    CHECK_REL(t->dispersion.nb_loglik, -747.9095304356019, 1e-11);
    CHECK_REL(t->dispersion.lr_statistic, 1232.0321338075946, 1e-9);
    CHECK_REL(t->dispersion.p_value, 3.333255758170598e-270, 1e-6);
    /* every notice is in individuals */
    CHECK_EQ_LL(t->unit, BREACH_UNIT_INDIVIDUALS);
    CHECK_EQ_LL(t->units, 1u << BREACH_UNIT_INDIVIDUALS);
    breach_timeseries_free(t);
    /* by year: 2009 (from 2009-10-21: 72 days) and 2024 (to 2024-06-28: 180 days) are
       partial; the chi-square runs over 2010 .. 2023 ("HHS whole years 2010 .. 2023":
       14 years, 5,882 notices) */
    breach_timeseries_options oy;
    breach_timeseries_options_init(&oy);
    oy.period = BREACH_PERIOD_YEAR;
    t = breach_timeseries_compute(ds, NULL, &oy, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL_FATAL(t->n_periods, 16);
    CHECK_EQ_LL(t->periods[0].covered_days, 72);
    CHECK_EQ_LL(t->periods[15].covered_days, 180);
    CHECK_EQ_LL(t->periods[15].n_incidents, 379);
    CHECK_EQ_LL(t->n_tested, 14);
    CHECK_EQ_LL(t->n_tested_incidents, 5882);
    CHECK_REL(t->uniformity.statistic, 1317.4607276436586, 1e-12);
    CHECK_REL(t->uniformity.df, 13, 0);
    CHECK_REL(t->dispersion.nb_size, 4.742879878061848, 1e-6);
    breach_timeseries_free(t);
    /* 2023 alone, monthly: 42, 49, 66, 54, 78, 68, 62, 71, 56, 44, 73, 78 */
    breach_timeseries_options o;
    breach_timeseries_options_init(&o);
    o.from = day("2023");
    o.to = day("2023");
    o.expected_by_length = true;
    t = breach_timeseries_compute(ds, NULL, &o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL_FATAL(t->n_periods, 12);
    CHECK_EQ_LL(t->periods[0].n_incidents, 42);
    CHECK_EQ_LL(t->periods[11].n_incidents, 78);
    CHECK_EQ_LL(t->n_counted, 741);
    CHECK_REL(t->uniformity.statistic, 26.55904183535763, 1e-12);
    CHECK_REL(t->uniformity.p_value, 0.005354253388693353, 1e-9);
    CHECK_REL(t->dispersion.nb_size, 42.431097515141055, 1e-6);
    CHECK_REL(t->dispersion.lr_statistic, 6.373255928466222, 1e-8);
    CHECK_REL(t->dispersion.p_value, 0.0057926420728653385, 1e-7);
    breach_timeseries_free(t);
    /* to past the data: 2024-01 .. 2024-12 monthly. The last submission is of 2024-06-28
       (timeseries.py, csv module), so June is partial (28 days) and July .. December have
       no data, not 0 notices; the tests run over January .. May, 69, 64, 96, 58, 51
       ("HHS whole months 2024-01 .. 2024-05") */
    o.from = day("2024-01");
    o.to = day("2024-12");
    o.expected_by_length = false;
    t = breach_timeseries_compute(ds, NULL, &o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL_FATAL(t->n_periods, 12);
    breach_date_format(t->span_last, buf, sizeof buf);
    CHECK_STR(buf, "2024-06-28");
    CU_ASSERT(t->periods[5].partial && t->periods[5].covered_days == 28);
    CHECK_EQ_LL(t->periods[5].n_incidents, 41);
    for (size_t k = 6; k < 12; k++)
        CU_ASSERT(!t->periods[k].partial && t->periods[k].covered_days == 0);
    CHECK_EQ_LL(t->n_uncovered, 6);
    CHECK_EQ_LL(t->n_tested, 5);
    CHECK_EQ_LL(t->n_tested_incidents, 338);
    CHECK_REL(t->uniformity.statistic, 17.59171597633136, 1e-12);
    CHECK_REL(t->uniformity.p_value, 0.0014826884095404513, 1e-9);
    CHECK_REL(t->dispersion.nb_size, 29.749831896850647, 1e-6);
    breach_timeseries_free(t);
    /* 2015 .. 2024 by year: 2024 is covered 180 days, not 366 ("HHS whole years 2015 ..
       2023": 9 years, 4,674 notices) */
    o.period = BREACH_PERIOD_YEAR;
    o.from = day("2015");
    o.to = day("2024");
    t = breach_timeseries_compute(ds, NULL, &o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL_FATAL(t->n_periods, 10);
    CU_ASSERT(t->periods[9].partial && t->periods[9].covered_days == 180);
    CHECK_EQ_LL(t->periods[9].n_incidents, 379);
    CHECK_EQ_LL(t->n_uncovered, 0);
    CHECK_EQ_LL(t->n_tested, 9);
    CHECK_EQ_LL(t->n_tested_incidents, 4674);
    CHECK_REL(t->uniformity.statistic, 568.012836970475, 1e-12);
    CHECK_REL(t->dispersion.nb_size, 7.805613563968402, 1e-6);
    breach_timeseries_free(t);
    /* from / to inside a period (review 5, F1): the period holds the notices of the days
       it covers, not the whole period's (timeseries.py: 2024-06-01 .. 2024-12-31 41, where
       2024 has 379; March 2024 96, April 58, where Q1 has 229 and Q2 150; 2024-06-15 ..
       06-28 19, where June has 41) */
    static const struct {
        int period;
        const char *from, *to;
        size_t n_periods;
        int covered[2], notices[2];
    } cut[] = {{BREACH_PERIOD_YEAR, "2024-06", "2024-12", 1, {28}, {41}},
               {BREACH_PERIOD_QUARTER, "2024-03", "2024-04", 2, {31, 30}, {96, 58}},
               {BREACH_PERIOD_MONTH, "2024-06-15", "2024-06-28", 1, {14}, {19}}};
    for (size_t c = 0; c < sizeof cut / sizeof *cut; c++) {
        o.period = cut[c].period;
        o.from = day(cut[c].from);
        o.to = day(cut[c].to);
        t = breach_timeseries_compute(ds, NULL, &o, NULL);
        CU_ASSERT_PTR_NOT_NULL_FATAL(t);
        CU_ASSERT_EQUAL_FATAL(t->n_periods, cut[c].n_periods);
        for (size_t k = 0; k < cut[c].n_periods; k++) {
            CHECK_EQ_LL(t->periods[k].covered_days, cut[c].covered[k]);
            CHECK_EQ_LL(t->periods[k].n_incidents, cut[c].notices[k]);
        }
        CHECK_EQ_LL(t->n_counted + t->n_outside, 6279); /* day-precise dates: none coarse */
        breach_timeseries_free(t);
    }
    /* a filter's range on the reported date (Python's start / end, report --from / --to;
       review 5, F3): 2023 alone, 741 notices as with from / to, not 2009 .. 2024 with 0 in
       every year but 2023 and a chi-square over them */
    breach_filter f23;
    breach_filter_init(&f23);
    f23.date_field = BREACH_FIELD_REPORTED;
    f23.from = f23.to = day("2023");
    o.period = BREACH_PERIOD_YEAR;
    o.from = o.to = breach_date_none();
    t = breach_timeseries_compute(ds, &f23, &o, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL_FATAL(t->n_periods, 1);
    CHECK_EQ_LL(t->periods[0].n_incidents, 741);
    CHECK_EQ_LL(t->periods[0].covered_days, 365);
    CHECK_EQ_LL(t->n_tested, 1);
    CU_ASSERT(isnan(t->uniformity.statistic));
    breach_timeseries_free(t);
    /* one state, by year: Maine's 24 notices (timeseries.py, "HHS Maine 2009 .. 2024":
       0, 0, 0, 0, 1, 0, 2, 0, 2, 1, 2, 6, 2, 2, 5, 1). The portal covers 2009-10-21 ..
       2024-06-28 whatever the state: 2024 is covered 180 days (Maine's last notice is of
       June 3rd, which made it 155), and 2009 .. 2012, before Maine's first notice, are
       years of 0 ("HHS Maine whole years 2010 .. 2023": 14 years, 23 notices) */
    breach_filter fm;
    breach_filter_init(&fm);
    CU_ASSERT_EQUAL_FATAL(breach_region_parse("US-ME", 5, &fm.region, NULL), BREACH_OK);
    o.from = o.to = breach_date_none();
    check_maine(ds, &fm, &o);
    /* a copy of Maine's notices (breach_dataset_append_selected) covers what the portal
       covers too, not Maine's own first .. last notice, 2013 .. 2024-06-03 (review 4,
       finding 1): the same 16 years, 2009 72 days, 2024 180 */
    breach_dataset *me = breach_dataset_new(NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(me);
    CHECK_EQ_LL(breach_dataset_append_selected(me, ds, &fm, NULL), BREACH_OK);
    CHECK_EQ_LL(breach_dataset_size(me), 24);
    check_maine(me, NULL, &o);
    breach_dataset_free(me);
    breach_dataset_free(ds);
}

int main(void)
{
    static const test_entry tests[] = {
        {"monthly counts, chi-square, Poisson vs NB", test_monthly},
        {"quarters, years, explicit range, underdispersion", test_quarters_years_range},
        {"36 overdispersed months", test_36_months},
        {"coverage: partial periods out of the tests; units apart", test_coverage},
        {"empty series and errors", test_edges_errors},
        {"HHS portal by month", test_hhs},
        {"by event date: periods not observed in full", test_observed},
        {"WA and VCDB by event year: truncation", test_observed_real},
        {NULL, NULL}};
    return run_suite("timeseries", tests);
}
