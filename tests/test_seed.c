/* The seed story on the bundled data (examples/data/seed-incidents.csv): the three
 * questions with the figures of ../shared/data/seed-facts.md, each derived by hand below. */
#include "check.h"

static breach_dataset *load_seed(void)
{
    breach_error e;
    breach_dataset *ds = breach_dataset_new(&e);
    breach_report *rep = breach_report_new();
    CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
    int rc = breach_csv_read_file(ds, src_path("examples/data/seed-incidents.csv"), NULL, rep, &e);
    if (rc)
        fprintf(stderr, "\n  %s:%ld:%ld: %s\n", e.source, e.line, e.column, e.text);
    CU_ASSERT_EQUAL_FATAL(rc, BREACH_OK);
    /* 9 data rows in the file: 2 NextGen, NationsBenefits, 2 Brightline, CHSPSC,
       Intellihartx, Hatch Bank, Blue Shield of California */
    CHECK_EQ_LL(breach_report_rows_read(rep), 9);
    CHECK_EQ_LL(breach_report_rows_loaded(rep), 9);
    CHECK_EQ_LL(breach_report_rows_rejected(rep), 0);
    breach_report_free(rep);
    return ds;
}

static long find_id(const breach_dataset *ds, const char *id)
{
    breach_incident inc;
    for (size_t i = 0; i < breach_dataset_size(ds); i++)
        if (breach_dataset_get(ds, i, &inc, NULL) == 0 && inc.id && strcmp(inc.id, id) == 0)
            return (long)i;
    return -1;
}

static void test_region_share_nextgen(void)
{
    breach_dataset *ds = load_seed();
    long i = find_id(ds, "nextgen-2023-04-credentials");
    CU_ASSERT_FATAL(i >= 0);
    breach_share s;
    breach_error e;
    CU_ASSERT_EQUAL(breach_incident_region_share(ds, (size_t)i, reg("US-ME"), &s, &e), BREACH_OK);
    /* Maine AG filing: 3,913 of 1,049,375; python3: 3913/1049375*100 = 0.37288862418106017 */
    CHECK_EQ_LL(s.part.value, 3913);
    CHECK_EQ_LL(s.whole.value, 1049375);
    CHECK_REL(s.share * 100, 0.37288862418106017, 1e-12);
    CHECK_REL(s.share_min, s.share, 1e-15); /* both exact: no spread */
    CHECK_REL(s.share_max, s.share, 1e-15);
    /* Texas AG list 131,815; python3: 131815/1049375*100 = 12.561286480047649 */
    CU_ASSERT_EQUAL(breach_incident_region_share(ds, (size_t)i, reg("US-TX"), &s, &e), BREACH_OK);
    CHECK_REL(s.share * 100, 12.561286480047649, 1e-12);
    /* No figure for California: not found, not zero */
    CU_ASSERT_EQUAL(breach_incident_region_share(ds, (size_t)i, reg("US-CA"), &s, &e),
                    BREACH_ENOTFOUND);
    CU_ASSERT_EQUAL(e.code, BREACH_ENOTFOUND);
    /* The ransomware incident has no count at all */
    long j = find_id(ds, "nextgen-2023-01-alphv");
    CU_ASSERT_EQUAL(breach_incident_region_share(ds, (size_t)j, reg("US-ME"), &s, &e),
                    BREACH_ENOTFOUND);
    breach_dataset_free(ds);
}

static void test_region_shares_dataset(void)
{
    breach_dataset *ds = load_seed();
    breach_error e;
    breach_region_shares *r = breach_region_shares_compute(ds, NULL, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    /* 9 rows, Brightline's 2023-05 figure superseded by its 2024-07 revision: 8 incidents.
       With a breakdown: NextGen spring 2023 (ME, TX, WA), Brightline (WA), CHSPSC (WA),
       Hatch Bank (WA): 4. */
    CHECK_EQ_LL(r->n_incidents, 8);
    CHECK_EQ_LL(r->n_with_breakdown, 4);
    /* WA: 21,981 + 26,333 + 559 + 2,580 = 51,453; all: 51,453 + 131,815 + 3,913 = 187,181 */
    CHECK_EQ_LL(r->all_regions.point, 187181);
    CHECK_EQ_LL(r->all_regions.lower, 187181);
    CHECK_EQ_LL(r->all_regions.upper, 187181);
    CU_ASSERT_FALSE(r->all_regions.upper_unbounded);
    /* 1,049,375 + 1,013,686 + 962,884 + 139,493 = 3,165,438 */
    CHECK_EQ_LL(r->affected_with_breakdown.point, 3165438);
    CU_ASSERT_EQUAL_FATAL(r->n_rows, 3);
    /* sorted by total: TX, WA, ME; python3: 131815/187181, 51453/187181, 3913/187181 */
    CHECK_STR(breach_region_code(r->rows[0].region), "US-TX");
    CHECK_EQ_LL(r->rows[0].total.point, 131815);
    CHECK_REL(r->rows[0].share, 0.7042114317158259, 1e-12);
    CHECK_STR(breach_region_code(r->rows[1].region), "US-WA");
    CHECK_EQ_LL(r->rows[1].total.point, 51453);
    CHECK_EQ_LL(r->rows[1].n_incidents, 4);
    CHECK_REL(r->rows[1].share, 0.2748836687484307, 1e-12);
    CHECK_STR(breach_region_code(r->rows[2].region), "US-ME");
    CHECK_REL(r->rows[2].share, 0.02090489953574348, 1e-12);
    breach_region_shares_free(r);

    /* With every revision counted, Brightline's WA figure would count twice: 51,453 + 26,333 */
    breach_filter f;
    breach_filter_init(&f);
    f.include_superseded = true;
    r = breach_region_shares_compute(ds, &f, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CHECK_EQ_LL(r->n_incidents, 9);
    CHECK_EQ_LL(r->rows[1].total.point, 77786);
    breach_region_shares_free(r);
    breach_dataset_free(ds);
}

static void test_supply_chain_fortra(void)
{
    breach_dataset *ds = load_seed();
    breach_error e;
    breach_supply_chain *sc = breach_supply_chain_compute(ds, "fortra goanywhere", NULL, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
    CHECK_STR(sc->vendor, "fortra goanywhere");
    /* Notices with vendor Fortra GoAnywhere: NationsBenefits, Brightline x2, CHSPSC,
       Intellihartx, Hatch Bank, Blue Shield = 7; Brightline's earlier one superseded. */
    CHECK_EQ_LL(sc->n_notices, 7);
    CHECK_EQ_LL(sc->n_superseded, 1);
    CHECK_EQ_LL(sc->n_organisations, 6);
    CHECK_EQ_LL(sc->n_members, 6);
    /* Blue Shield of California came via Brightline, itself a member: possible double */
    CHECK_EQ_LL(sc->n_possible_double, 1);
    CHECK_EQ_LL(sc->n_undated, 1);
    /* 3,037,303 + 1,013,686 + 962,884 + 489,830 + 139,493 = 5,643,196; Blue Shield's count
       is unknown, so there is no upper bound. */
    CHECK_EQ_LL(sc->individuals.lower, 5643196);
    CHECK_EQ_LL(sc->individuals.point, 5643196);
    CHECK_EQ_LL(sc->individuals.upper, 5643196);
    CU_ASSERT_TRUE(sc->individuals.upper_unbounded);
    CHECK_EQ_LL(sc->individuals.n_exact, 5);
    CHECK_EQ_LL(sc->individuals.n_unknown, 1);
    /* Members by notice date; Brightline's counted notice is the 2024-07 revision. */
    static const struct {
        const char *entity;
        uint64_t affected;
        unsigned revisions;
    } want[] = {{"Hatch Bank", 139493, 0},
                {"Community Health Systems Professional Services Corporations (CHSPSC), LLC", 962884, 0},
                {"NationsBenefits Holdings, LLC", 3037303, 0},
                {"Brightline, Inc.", 1013686, 1},
                {"Intellihartx, LLC", 489830, 0},
                {"Blue Shield of California", 0, 0}};
    for (size_t k = 0; k < 6 && k < sc->n_members; k++) {
        CHECK_STR(sc->members[k].entity, want[k].entity);
        CHECK_EQ_LL(sc->members[k].affected.value, want[k].affected);
        CHECK_EQ_LL(sc->members[k].n_revisions, want[k].revisions);
        CHECK_EQ_LL(sc->members[k].role, k == 5 ? BREACH_MEMBER_POSSIBLE_DOUBLE : BREACH_MEMBER_COUNTED);
    }
    /* The curve, as known on each notice date (a revision replaces, it does not add):
       02-28 139,493 | 03-16 +962,884 = 1,102,377 | 04-13 +3,037,303 = 4,139,680 |
       04-20 +964,300 = 5,103,980 | 05-26 -964,300 +1,013,686 = 5,153,366 |
       06-08 +489,830 = 5,643,196 */
    static const struct {
        const char *date;
        uint64_t orgs, lower;
    } pts[] = {{"2023-02-28", 1, 139493},  {"2023-03-16", 2, 1102377}, {"2023-04-13", 3, 4139680},
               {"2023-04-20", 4, 5103980}, {"2023-05-26", 4, 5153366}, {"2023-06-08", 5, 5643196}};
    CU_ASSERT_EQUAL_FATAL(sc->n_points, 6);
    for (size_t k = 0; k < 6; k++) {
        char d[16];
        breach_date_format(sc->curve[k].date, d, sizeof d);
        CHECK_STR(d, pts[k].date);
        CHECK_EQ_LL(sc->curve[k].organisations, pts[k].orgs);
        CHECK_EQ_LL(sc->curve[k].lower, pts[k].lower);
        CHECK_EQ_LL(sc->curve[k].upper, pts[k].lower); /* all exact; the undated one is not in it */
        CU_ASSERT_FALSE(sc->curve[k].upper_unbounded);
    }
    breach_supply_chain_free(sc);

    /* A vendor nobody names: an empty result, not an error */
    sc = breach_supply_chain_compute(ds, "Progress MOVEit", NULL, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
    CHECK_EQ_LL(sc->n_notices, 0);
    CHECK_EQ_LL(sc->n_members, 0);
    CHECK_EQ_LL(sc->n_points, 0);
    CHECK_EQ_LL(sc->individuals.n, 0);
    breach_supply_chain_free(sc);
    breach_dataset_free(ds);
}

static void test_repeats_nextgen(void)
{
    breach_dataset *ds = load_seed();
    breach_error e;
    breach_filter f;
    breach_filter_init(&f);
    f.entity = "NEXTGEN HEALTHCARE INC";
    breach_repeats *r = breach_repeats_compute(ds, &f, NULL, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CHECK_EQ_LL(r->n_incidents, 2);
    CHECK_EQ_LL(r->n_entities, 1);
    CHECK_EQ_LL(r->n_repeat_entities, 1);
    CU_ASSERT_EQUAL_FATAL(r->n_intervals, 1);
    /* event dates: 2023-01-17 (leak-site listing, the only date of the first incident) and
       2023-03-29 (start of the second intrusion); python3: (date(2023,3,29)-date(2023,1,17)).days = 71 */
    CHECK_EQ_LL(r->intervals[0].days, 71);
    CHECK_EQ_LL(r->intervals[0].days_min, 71);
    CHECK_EQ_LL(r->intervals[0].days_max, 71);
    CHECK_STR(r->intervals[0].entity_key, "nextgen healthcare");
    CHECK_EQ_LL(r->summary.n, 1);
    CHECK_REL(r->summary.median, 71, 0);
    CHECK_REL(r->summary.mean, 71, 0);
    breach_repeats_free(r);

    /* On reported dates: 2023-01-17 -> 2023-04-28 = 101 days */
    breach_repeat_options o;
    breach_repeat_options_init(&o);
    o.date_field = BREACH_FIELD_REPORTED;
    r = breach_repeats_compute(ds, &f, &o, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_EQUAL_FATAL(r->n_intervals, 1);
    CHECK_EQ_LL(r->intervals[0].days, 101);
    breach_repeats_free(r);

    /* Across the whole seed: 8 incidents after revisions, Blue Shield undated (its event
       date is unknown), 6 organisations with a date, one of them hit twice. */
    r = breach_repeats_compute(ds, NULL, NULL, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CHECK_EQ_LL(r->n_incidents, 8);
    CHECK_EQ_LL(r->n_undated, 1);
    CHECK_EQ_LL(r->n_entities, 6);
    CHECK_EQ_LL(r->n_repeat_entities, 1);
    CHECK_REL(r->repeat_share, 1.0 / 6.0, 1e-15);
    breach_repeats_free(r);
    breach_dataset_free(ds);
}

static void test_seed_is_canonical(void)
{
    /* The bundled file is written exactly as the writer writes it, so a load and a write
       give it back byte for byte. */
    breach_dataset *ds = load_seed();
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    CU_ASSERT_EQUAL(breach_csv_write(ds, NULL, out, NULL), BREACH_OK);
    fclose(out);
    FILE *in = fopen(src_path("examples/data/seed-incidents.csv"), "rb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(in);
    char *orig = malloc(len + 2);
    size_t got = fread(orig, 1, len + 1, in);
    fclose(in);
    CHECK_EQ_LL(got, len);
    CU_ASSERT(got == len && memcmp(orig, buf, len) == 0);
    free(orig);
    free(buf);
    breach_dataset_free(ds);
}

int main(void)
{
    static const test_entry tests[] = {
        {"region share of one incident (NextGen, ME and TX)", test_region_share_nextgen},
        {"region shares across the seed", test_region_shares_dataset},
        {"supply chain: Fortra GoAnywhere", test_supply_chain_fortra},
        {"repeat victims: NextGen 71 days", test_repeats_nextgen},
        {"the bundled seed is in canonical form", test_seed_is_canonical},
        {NULL, NULL}};
    return run_suite("seed story", tests);
}
