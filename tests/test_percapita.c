/* Population tables (the Census Bureau's NST-EST2024-ALLDATA, bundled) and affected
 * residents per 100,000. Expected figures are the file's own (quoted rows) and plain
 * arithmetic on them, written out in the comments. */
#include "check.h"

static const char *pop_path(void) { return src_path("examples/data/us-state-population-2024.csv"); }

static void test_read(void)
{
    breach_error e;
    breach_population *p = breach_population_read_file(pop_path(), 0, &e);
    if (!p)
        fprintf(stderr, "\n  %s:%ld:%ld: %s\n", e.source, e.line, e.column, e.text);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    /* 50 states, DC, Puerto Rico (level 040) and the nation (010) */
    CHECK_EQ_LL(breach_population_size(p), 53);
    CHECK_EQ_LL(breach_population_year(p), 2024);
    uint64_t v;
    /* rows "040,1,1,23,Maine,...,1405012", "010,0,0,00,United States,...,340110988",
       "040,X,X,72,Puerto Rico,...,3203295", "040,3,5,11,District of Columbia,...,702250" */
    CU_ASSERT_EQUAL(breach_population_get(p, reg("US-ME"), &v, &e), BREACH_OK);
    CHECK_EQ_LL(v, 1405012);
    CU_ASSERT_EQUAL(breach_population_get(p, reg("US"), &v, &e), BREACH_OK);
    CHECK_EQ_LL(v, 340110988);
    CU_ASSERT_EQUAL(breach_population_get(p, reg("US-PR"), &v, &e), BREACH_OK);
    CHECK_EQ_LL(v, 3203295);
    CU_ASSERT_EQUAL(breach_population_get(p, reg("US-DC"), &v, &e), BREACH_OK);
    CHECK_EQ_LL(v, 702250);
    CHECK_EQ_LL(breach_population_get(p, reg("FR"), &v, &e), BREACH_ENOTFOUND);
    CHECK_EQ_LL(breach_population_get(p, BREACH_REGION_NONE, &v, &e), BREACH_ENOTFOUND);
    CHECK_EQ_LL(breach_population_get(NULL, reg("US-ME"), &v, &e), BREACH_EINVAL);
    CHECK_EQ_LL(breach_population_get(p, reg("US-ME"), NULL, &e), BREACH_EINVAL);
    breach_population_free(p);
    /* another year: Maine 2021 = 1,378,931 */
    p = breach_population_read_file(pop_path(), 2021, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CHECK_EQ_LL(breach_population_year(p), 2021);
    breach_population_get(p, reg("US-ME"), &v, &e);
    CHECK_EQ_LL(v, 1378931);
    breach_population_free(p);
    CU_ASSERT_PTR_NULL(breach_population_read_file(pop_path(), 2019, &e));
    CHECK_EQ_LL(e.code, BREACH_EFORMAT);
    CU_ASSERT_PTR_NULL(breach_population_read_file(pop_path(), -4, &e));
    CHECK_EQ_LL(e.code, BREACH_EINVAL);
    CU_ASSERT_PTR_NULL(breach_population_read_file("/nonexistent/pop.csv", 0, &e));
    CHECK_EQ_LL(e.code, BREACH_EIO);
    CU_ASSERT_PTR_NULL(breach_population_read_file(NULL, 0, &e));
    breach_population_free(NULL);
    CHECK_EQ_LL(breach_population_year(NULL), 0);
    CHECK_EQ_LL(breach_population_size(NULL), 0);
}

static void test_read_errors(void)
{
    static const struct {
        const char *text;
        int code;
        long line, column;
    } cases[] = {
        {"", BREACH_EFORMAT, 1, 1},
        {"SUMLEV,STATE,POPESTIMATE2024\n040,23,1\n", BREACH_EFORMAT, 1, 1},   /* no NAME */
        {"SUMLEV,NAME,POPESTIMATE042024\n", BREACH_EFORMAT, 1, 1},             /* no year */
        {"SUMLEV,NAME,POPESTIMATE2024\n040,Maine,14O5012\n", BREACH_EPARSE, 2, 11},
        {"SUMLEV,NAME,POPESTIMATE2024\n040,Maine,\n", BREACH_EPARSE, 2, 11},
        {"SUMLEV,NAME,POPESTIMATE2024\n040,Maine,99999999999999999999\n", BREACH_EOVERFLOW, 2, 11},
        {"SUMLEV,NAME,POPESTIMATE2024\n040,Atlantis,5\n", BREACH_EREGION, 2, 5},
        {"SUMLEV,NAME,POPESTIMATE2024\n040,Maine,5\n040,\"maine\",6\n", BREACH_EINCONSISTENT, 3, 5},
        {"SUMLEV,NAME,POPESTIMATE2024\n040,Maine\n", BREACH_EFORMAT, 2, 1},
        {"SUMLEV,NAME,POPESTIMATE2024\n040,\"Ma\"ine,5\n", BREACH_EPARSE, 2, 0},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        breach_error e;
        breach_population *p = breach_population_read_buffer(cases[k].text, strlen(cases[k].text),
                                                             "pop.csv", 0, &e);
        CU_ASSERT_PTR_NULL(p);
        breach_population_free(p);
        CHECK_EQ_LL(e.code, cases[k].code);
        CHECK_EQ_LL(e.line, cases[k].line);
        if (cases[k].column)
            CHECK_EQ_LL(e.column, cases[k].column);
        CHECK_STR(e.source, "pop.csv");
    }
    /* other levels are skipped, blank lines too; names are matched as breach_region_from_us_state
       does; a missing source name is "<buffer>" */
    const char *ok = "SUMLEV,NAME,POPESTIMATE2023,POPESTIMATE2024\r\n020,Northeast Region,1,2\r\n"
                     "\r\n040,\" maine \",10,20\r\n";
    breach_error e;
    breach_population *p = breach_population_read_buffer(ok, strlen(ok), NULL, 0, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CHECK_EQ_LL(breach_population_size(p), 1);
    uint64_t v;
    breach_population_get(p, reg("US-ME"), &v, NULL);
    CHECK_EQ_LL(v, 20);
    breach_population_free(p);
    /* another year's cell that is not a number: read for 2023, only 2023's column is read
       (io.h); year 0 reads every column and fails at the cell ("040,Maine,1399646," is 18
       bytes: column 19), as does 2024 */
    const char *na = "SUMLEV,NAME,POPESTIMATE2023,POPESTIMATE2024\n040,Maine,1399646,(NA)\n";
    p = breach_population_read_buffer(na, strlen(na), NULL, 2023, &e);
    if (!p)
        show(e.code, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CHECK_EQ_LL(breach_population_year(p), 2023);
    CU_ASSERT_EQUAL(breach_population_get(p, reg("US-ME"), &v, NULL), BREACH_OK);
    CHECK_EQ_LL(v, 1399646);
    breach_population_free(p);
    for (int year = 0; year <= 2024; year += 2024) {
        CU_ASSERT_PTR_NULL(breach_population_read_buffer(na, strlen(na), NULL, year, &e));
        CHECK_EQ_LL(e.code, BREACH_EPARSE);
        CHECK_EQ_LL(e.line, 2);
        CHECK_EQ_LL(e.column, 19);
    }
    CU_ASSERT_PTR_NULL(breach_population_read_buffer("SUMLEV", 6, NULL, 0, &e));
    CHECK_STR(e.source, "<buffer>");
    CU_ASSERT_PTR_NULL(breach_population_read_buffer(NULL, 3, NULL, 0, &e));
    CHECK_EQ_LL(e.code, BREACH_EINVAL);
}

static void test_rates_from_shares(void)
{
    breach_population *pop = breach_population_read_file(pop_path(), 0, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(pop);
    breach_dataset *ds = breach_dataset_new(NULL);
    breach_region_count a[3] = {{reg("US-ME"), {3913, BREACH_COUNT_EXACT}},
                                {reg("US-TX"), {131815, BREACH_COUNT_EXACT}},
                                {reg("US-WA"), {21981, BREACH_COUNT_EXACT}}};
    breach_region_count b[2] = {{reg("US-ME"), {1000, BREACH_COUNT_AT_LEAST}},
                                {reg("FR"), {300, BREACH_COUNT_EXACT}}};
    breach_incident in;
    breach_incident_init(&in);
    in.entity = "NextGen Healthcare";
    in.affected = breach_count_exact(1049375);
    in.regions = a;
    in.n_regions = 3;
    breach_dataset_add(ds, &in, NULL);
    in.entity = "Other";
    in.affected = breach_count_unknown();
    in.regions = b;
    in.n_regions = 2;
    breach_dataset_add(ds, &in, NULL);
    breach_error e;
    breach_region_shares *sh = breach_region_shares_compute(ds, NULL, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(sh);
    breach_percapita *r = breach_percapita_compute(sh, pop, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CHECK_EQ_LL(r->year, 2024);
    CHECK_EQ_LL(r->n_without_population, 1); /* France */
    CHECK_EQ_LL(r->affected_without_population.point, 300);
    CU_ASSERT_EQUAL_FATAL(r->n_rows, 3);
    /* Texas 131,815 / 31,290,831 * 1e5 = 421.25.. ; Maine (3,913 + at least 1,000) / 1,405,012
       = 349.68.. per 100,000, no upper bound; Washington 21,981 / 7,958,180 = 276.21.. */
    CHECK_STR(breach_region_code(r->rows[0].region), "US-TX");
    CHECK_REL(r->rows[0].rate, 131815e5 / 31290831.0, 1e-15);
    CHECK_REL(r->rows[0].rate_lower, r->rows[0].rate, 0);
    CHECK_REL(r->rows[0].rate_upper, r->rows[0].rate, 0);
    CHECK_EQ_LL(r->rows[0].population, 31290831);
    CHECK_STR(breach_region_code(r->rows[1].region), "US-ME");
    CHECK_REL(r->rows[1].rate, 4913e5 / 1405012.0, 1e-15);
    CHECK_REL(r->rows[1].rate_lower, 4913e5 / 1405012.0, 1e-15);
    CU_ASSERT(isinf(r->rows[1].rate_upper));
    CHECK_EQ_LL(r->rows[1].affected.n_at_least, 1);
    CHECK_STR(breach_region_code(r->rows[2].region), "US-WA");
    CHECK_REL(r->rows[2].rate, 21981e5 / 7958180.0, 1e-15);
    breach_percapita_free(r);
    breach_region_shares_free(sh);
    CU_ASSERT_PTR_NULL(breach_percapita_compute(NULL, pop, &e));
    CHECK_EQ_LL(e.code, BREACH_EINVAL);
    breach_percapita_free(NULL);
    breach_dataset_free(ds);
    breach_population_free(pop);
}

static void test_no_breakdown_no_rate(void)
{
    /* HHS-like notices: an organisation's state and a total, no breakdown by residence.
       Vermont's 64,849 would be 10,000 per 100,000 of its 648,493 residents if the
       organisation's state were the people's: it is not, so no region gets a rate */
    breach_population *pop = breach_population_read_file(pop_path(), 0, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(pop);
    breach_dataset *ds = breach_dataset_new(NULL);
    static const char *const states[] = {"ME", "VT", "PR"};
    for (size_t k = 0; k < 3; k++) {
        breach_incident in;
        breach_incident_init(&in);
        in.entity = "Org";
        breach_region_from_us_state(states[k], 2, &in.entity_region, NULL);
        in.affected = breach_count_exact(64849);
        in.flags = BREACH_FLAG_SEPARATE;
        CU_ASSERT(breach_dataset_add(ds, &in, NULL) >= 0);
    }
    breach_region_shares *sh = breach_region_shares_compute(ds, NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(sh);
    CHECK_EQ_LL(sh->n_with_breakdown, 0);
    breach_percapita *r = breach_percapita_compute(sh, pop, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CHECK_EQ_LL(r->n_rows, 0);
    CHECK_EQ_LL(r->n_without_population, 0);
    breach_percapita_free(r);
    breach_region_shares_free(sh);
    breach_dataset_free(ds);
    breach_population_free(pop);
}

static void check_ymd(breach_date d, int y, int m, int dd)
{
    int gy, gm, gd;
    breach_date_to_ymd(d, &gy, &gm, &gd);
    CHECK_EQ_LL(gy * 10000 + gm * 100 + gd, y * 10000 + m * 100 + dd);
}

static void test_seed_story(void)
{
    /* the bundled seed story: every notice with a breakdown has its event date in 2023
       (seed-incidents.csv: occurred_start 2023-01-28 .. 2023-03-29), so the rates divide by
       the file's POPESTIMATE2023, not the latest (2024): NextGen's 3,913 Maine residents
       are 3,913 / 1,399,646 * 1e5 = 279.57 per 100,000 Maine residents (awk on the
       bundled file's Maine row), 278.50 with 2024's 1,405,012 when 2024 is asked for */
    breach_dataset *ds = breach_dataset_new(NULL);
    breach_error e;
    int rc = breach_csv_read_file(ds, src_path("examples/data/seed-incidents.csv"), NULL, NULL, &e);
    CU_ASSERT_EQUAL_FATAL(rc, BREACH_OK);
    breach_population *pop = breach_population_read_file(pop_path(), 0, NULL);
    breach_region_shares *sh = breach_region_shares_compute(ds, NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(sh);
    breach_percapita *r = breach_percapita_compute(sh, pop, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    int seen = 0;
    for (size_t k = 0; k < r->n_rows; k++)
        if (r->rows[k].region == reg("US-ME") && r->rows[k].affected.point == 3913) {
            CHECK_REL(r->rows[k].rate, 3913e5 / 1399646.0, 1e-15);
            seen = 1;
        }
    CU_ASSERT_TRUE(seen);
    CHECK_EQ_LL(r->year, 2023);
    CU_ASSERT_TRUE(r->year_matches);
    CHECK_EQ_LL(r->date_field, BREACH_FIELD_EVENT);
    check_ymd(r->first, 2023, 1, 28);
    check_ymd(r->last, 2023, 3, 29);
    /* the days observed are the seed list's on the event date, not Jan 28 .. Mar 29 (61):
       from NextGen's ALPHV listing (reported 2023-01-17, no occurred date) to
       Intellihartx's notice (2023-06-08): 15 + 28 + 31 + 30 + 31 + 8 = 143 */
    check_ymd(r->covered_first, 2023, 1, 17);
    check_ymd(r->covered_last, 2023, 6, 8);
    CHECK_EQ_LL(r->days, 143);
    CHECK_EQ_LL(r->n_undated, 0);
    /* what the list observes by event date: reported 2023-01-17 (NextGen's listing) ..
       2023-06-08; five rows have both an occurred and a reported day (delays 30, 80, 116,
       47, 29: Brightline's two snapshots both count), fewer than the 20 a lag needs, so the
       lag is unknown and the period's end is not observed in full; its start is */
    check_ymd(r->reported_first, 2023, 1, 17);
    check_ymd(r->reported_last, 2023, 6, 8);
    CHECK_EQ_LL(r->n_delays, 5);
    CHECK_EQ_LL(r->lag_days, -1);
    CHECK_EQ_LL(r->lag_median, -1);
    CU_ASSERT_FALSE(r->truncated_start);
    CU_ASSERT_TRUE(r->truncated_end);
    /* so every rate is a lower bound, Maine's exact 3,913 included (review: Texas's one
       exact count gave an upper bound equal to its rate beside the note saying so) */
    for (size_t k = 0; k < r->n_rows; k++)
        CU_ASSERT(isinf(r->rows[k].rate_upper) && r->rows[k].rate_lower == r->rows[k].rate);
    breach_percapita_free(r);
    /* with a date range, the range cut to what the list covers (review 5, F6): from
       2023-02 .. 2023-12, February 1st .. June 8th, 128 days (28 + 31 + 30 + 31 + 8),
       whatever the first and last notice in it (NextGen's of 2023-03-29 alone) */
    breach_filter f;
    breach_filter_init(&f);
    CU_ASSERT_EQUAL_FATAL(breach_date_parse("2023-02", 7, &f.from, NULL), BREACH_OK);
    CU_ASSERT_EQUAL_FATAL(breach_date_parse("2023-12", 7, &f.to, NULL), BREACH_OK);
    breach_region_shares *shf = breach_region_shares_compute(ds, &f, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(shf);
    r = breach_percapita_compute(shf, pop, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    check_ymd(r->first, 2023, 3, 29);
    check_ymd(r->covered_first, 2023, 2, 1);
    check_ymd(r->covered_last, 2023, 6, 8);
    CHECK_EQ_LL(r->days, 128);
    breach_percapita_free(r);
    breach_region_shares_free(shf);
    breach_population_free(pop);
    /* a year asked for is kept, and said not to match the notices */
    pop = breach_population_read_file(pop_path(), 2024, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(pop);
    r = breach_percapita_compute(sh, pop, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CHECK_EQ_LL(r->year, 2024);
    CU_ASSERT_FALSE(r->year_matches);
    for (size_t k = 0; k < r->n_rows; k++)
        if (r->rows[k].region == reg("US-ME"))
            CHECK_REL(r->rows[k].rate, 3913e5 / 1405012.0, 1e-15);
    breach_percapita_free(r);
    breach_region_shares_free(sh);
    breach_population_free(pop);
    breach_dataset_free(ds);
}

/* The reporting lag of the lists a rate's notices come from (review of the fifteenth
 * session: regions worked it out in the CLI over every selected notice, the report not at
 * all). 20 notices of one list, each of a breach on 2020-01-01 and reported k days later
 * (k = 1 .. 20): the lag is the 90th percentile by nearest rank, the 18th smallest delay
 * (ceil(0.9 * 20) = 18), 18 days; the median the lower middle one, the 10th, 10 days. */
static void test_lag(void)
{
    breach_population *pop = breach_population_read_file(pop_path(), 0, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(pop);
    breach_dataset *ds = breach_dataset_new(NULL);
    breach_region_count me = {reg("US-ME"), {10, BREACH_COUNT_EXACT}};
    breach_incident in;
    breach_incident_init(&in);
    in.entity = "A";
    in.affected = breach_count_exact(10);
    in.regions = &me;
    in.n_regions = 1;
    CU_ASSERT_EQUAL_FATAL(breach_date_parse("2020-01-01", 10, &in.occurred_start, NULL), BREACH_OK);
    for (int k = 1; k <= 20; k++) {
        in.reported = (breach_date){in.occurred_start.day + k, BREACH_PREC_DAY};
        CU_ASSERT_FATAL(breach_dataset_add(ds, &in, NULL) >= 0);
    }
    breach_region_shares *sh = breach_region_shares_compute(ds, NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(sh);
    CHECK_EQ_LL(sh->lag_days, 18);
    CHECK_EQ_LL(sh->lag_median, 10);
    CHECK_EQ_LL(sh->n_delays, 20);
    /* covered by event date: 2020-01-01 alone; reported from 2020-01-02 to 2020-01-21:
       the day began before the first report (truncated at its start), and 1 January + 18
       days = 19 January is before the last report (observed to its end) */
    check_ymd(sh->covered_first, 2020, 1, 1);
    check_ymd(sh->covered_last, 2020, 1, 1);
    check_ymd(sh->reported_first, 2020, 1, 2);
    check_ymd(sh->reported_last, 2020, 1, 21);
    CU_ASSERT_TRUE(sh->truncated_start);
    CU_ASSERT_FALSE(sh->truncated_end);
    breach_percapita *r = breach_percapita_compute(sh, pop, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CHECK_EQ_LL(r->lag_days, 18);
    CHECK_EQ_LL(r->lag_median, 10);
    CHECK_EQ_LL(r->n_delays, 20);
    check_ymd(r->reported_first, 2020, 1, 2);
    check_ymd(r->reported_last, 2020, 1, 21);
    CU_ASSERT_TRUE(r->truncated_start);
    CU_ASSERT_FALSE(r->truncated_end);
    /* Maine's 200 residents (20 x 10) over 2020's 1,364,571 (the bundled file's
       POPESTIMATE2020: every notice lies in 2020): 14.66.. per 100,000, and no upper
       bound: the day began before the list's first report */
    CU_ASSERT_EQUAL_FATAL(r->n_rows, 1);
    CHECK_EQ_LL(r->year, 2020);
    CHECK_REL(r->rows[0].rate, 200e5 / 1364571.0, 1e-15);
    CU_ASSERT(isinf(r->rows[0].rate_upper));
    breach_percapita_free(r);
    breach_region_shares_free(sh);
    /* a 21st breach on 2020-01-10 reported 2 days later: delays 1, 2, 2, 3 .. 20, the 19th
       (ceil(18.9)) is 18 again; the covered days now end on 2020-01-10, and 10 January + 18
       = 28 January is after the last report (21 January): the end is within the lag */
    CU_ASSERT_EQUAL_FATAL(breach_date_parse("2020-01-10", 10, &in.occurred_start, NULL), BREACH_OK);
    in.reported = (breach_date){in.occurred_start.day + 2, BREACH_PREC_DAY};
    CU_ASSERT_FATAL(breach_dataset_add(ds, &in, NULL) >= 0);
    sh = breach_region_shares_compute(ds, NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(sh);
    CHECK_EQ_LL(sh->lag_days, 18);
    CHECK_EQ_LL(sh->n_delays, 21);
    check_ymd(sh->covered_last, 2020, 1, 10);
    CU_ASSERT_TRUE(sh->truncated_start);
    CU_ASSERT_TRUE(sh->truncated_end);
    breach_region_shares_free(sh);
    /* from 2020-01-02 on: the covered days start at the first report, observed there */
    breach_filter f;
    breach_filter_init(&f);
    CU_ASSERT_EQUAL_FATAL(breach_date_parse("2020-01-02", 10, &f.from, NULL), BREACH_OK);
    sh = breach_region_shares_compute(ds, &f, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(sh);
    check_ymd(sh->covered_first, 2020, 1, 2);
    CU_ASSERT_FALSE(sh->truncated_start);
    CU_ASSERT_TRUE(sh->truncated_end);
    breach_region_shares_free(sh);
    /* by reported date nothing waits for a report: no lag, never truncated */
    f.from = breach_date_none();
    f.date_field = BREACH_FIELD_REPORTED;
    sh = breach_region_shares_compute(ds, &f, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(sh);
    CHECK_EQ_LL(sh->lag_days, -1);
    CHECK_EQ_LL(sh->lag_median, -1);
    CHECK_EQ_LL(sh->n_delays, 0);
    CU_ASSERT_FALSE(breach_date_is_known(sh->reported_first));
    CU_ASSERT_FALSE(sh->truncated_start);
    CU_ASSERT_FALSE(sh->truncated_end);
    /* observed in full: the rate's bounds are the counts' (210 exact residents, over
       2020's 1,364,571) */
    r = breach_percapita_compute(sh, pop, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_EQUAL_FATAL(r->n_rows, 1);
    CHECK_REL(r->rows[0].rate, 210e5 / 1364571.0, 1e-15);
    CHECK_REL(r->rows[0].rate_upper, r->rows[0].rate, 0);
    breach_percapita_free(r);
    breach_region_shares_free(sh);
    breach_dataset_free(ds);
    breach_population_free(pop);
}

/* The lag's two ranks are found by a radix select over the delays' bits, not a sort: 25
 * delays of -10 .. 14 times 9,001 days (both signs, past 2^16: several buckets of the
 * select's two passes), in a scrambled order ((7,919 k mod 25) - 10 for k = 0 .. 24);
 * sorted, the 23rd (ceil(0.9 x 25)) is 12 x 9,001 = 108,012 and the 13th 2 x 9,001 = 18,002
 * (python3: sorted(...)[22], [12]). */
static void test_lag_ranks(void)
{
    breach_dataset *ds = breach_dataset_new(NULL);
    breach_region_count me = {reg("US-ME"), {1, BREACH_COUNT_EXACT}};
    breach_incident in;
    breach_incident_init(&in);
    in.entity = "A";
    in.regions = &me;
    in.n_regions = 1;
    CU_ASSERT_EQUAL_FATAL(breach_date_parse("2200-01-01", 10, &in.occurred_start, NULL), BREACH_OK);
    for (int k = 0; k < 25; k++) {
        int32_t d = ((k * 7919) % 25 - 10) * 9001;
        in.reported = (breach_date){in.occurred_start.day + d, BREACH_PREC_DAY};
        CU_ASSERT_FATAL(breach_dataset_add(ds, &in, NULL) >= 0);
    }
    breach_region_shares *sh = breach_region_shares_compute(ds, NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(sh);
    CHECK_EQ_LL(sh->n_delays, 25);
    CHECK_EQ_LL(sh->lag_days, 108012);
    CHECK_EQ_LL(sh->lag_median, 18002);
    breach_region_shares_free(sh);
    breach_dataset_free(ds);
}

/* A region none of whose entries gives a figure ("US-ID:") has an unknown share and rate,
 * not 0 (review of the sixteenth session: Idaho printed 0.0000 % and 0.0 per 100,000 beside
 * "unknown" residents), and sorts after the known rates: Washington's 50 residents over
 * 2024's 7,958,180 are 0.628.. per 100,000 and 100 % of the residents given. */
static void test_unknown_region(void)
{
    breach_population *pop = breach_population_read_file(pop_path(), 2024, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(pop);
    breach_dataset *ds = breach_dataset_new(NULL);
    breach_region_count id = {reg("US-ID"), breach_count_unknown()};
    breach_region_count wa = {reg("US-WA"), {50, BREACH_COUNT_EXACT}};
    breach_incident in;
    breach_incident_init(&in);
    in.entity = "Alpha";
    in.affected = breach_count_exact(1000);
    in.regions = &id;
    in.n_regions = 1;
    CU_ASSERT_FATAL(breach_dataset_add(ds, &in, NULL) >= 0);
    in.entity = "Beta";
    in.affected = breach_count_exact(50);
    in.regions = &wa;
    CU_ASSERT_FATAL(breach_dataset_add(ds, &in, NULL) >= 0);
    breach_region_shares *sh = breach_region_shares_compute(ds, NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(sh);
    CU_ASSERT_EQUAL_FATAL(sh->n_rows, 2);
    CHECK_STR(breach_region_code(sh->rows[0].region), "US-WA");
    CHECK_REL(sh->rows[0].share, 1.0, 0);
    CHECK_STR(breach_region_code(sh->rows[1].region), "US-ID");
    CU_ASSERT(isnan(sh->rows[1].share));
    breach_percapita *r = breach_percapita_compute(sh, pop, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_EQUAL_FATAL(r->n_rows, 2);
    CHECK_STR(breach_region_code(r->rows[0].region), "US-WA");
    CHECK_REL(r->rows[0].rate, 50e5 / 7958180.0, 1e-15);
    CHECK_STR(breach_region_code(r->rows[1].region), "US-ID");
    CU_ASSERT(isnan(r->rows[1].rate));
    CU_ASSERT_EQUAL(r->rows[1].rate_lower, 0.0);
    CU_ASSERT(isinf(r->rows[1].rate_upper));
    breach_percapita_free(r);
    breach_region_shares_free(sh);
    breach_dataset_free(ds);
    breach_population_free(pop);
}

int main(void)
{
    static const test_entry tests[] = {
        {"population: the bundled Census file, years, lookups", test_read},
        {"population: malformed input, with places", test_read_errors},
        {"rates from regional breakdowns", test_rates_from_shares},
        {"no breakdown, no rate (not the organisation's state)", test_no_breakdown_no_rate},
        {"the seed story: Maine residents per 100,000", test_seed_story},
        {"the reporting lag a rate's period waits for", test_lag},
        {"the lag's ranks: negative and large delays", test_lag_ranks},
        {"a region without any figure: share and rate unknown", test_unknown_region},
        {NULL, NULL}};
    return run_suite("per-capita", tests);
}
