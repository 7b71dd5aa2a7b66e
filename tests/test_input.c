/* Inputs and overlaps: where each incident came from (input, line, size, SHA-256, rows)
 * and notices that arrive twice (two snapshots, the same file twice), on small HHS,
 * canonical and HIBP texts written here and on the real HHS snapshots. */
#include "check.h"

#define HDR                                                                                    \
    "\"Name of Covered Entity\",\"State\",\"Covered Entity Type\",\"Individuals Affected\","  \
    "\"Breach Submission Date\",\"Type of Breach\",\"Location of Breached Information\","     \
    "\"Business Associate Present\",\"Web Description\"\n"

/* An older snapshot: Brightline's two client rows of 04/07/2023 (the 2023-05 figures), a
 * row that the newer one no longer lists (Old Clinic), one it lists unchanged (Same Co). */
static const char OLD[] =
    HDR "\"Brightline, Inc.\",\"CA\",\"Business Associate\",\"199000\",\"04/07/2023\","
        "\"Hacking/IT Incident\",\"Network Server, Other\",\"Yes\",\"\"\n"
        "\"Brightline, Inc.\",\"CA\",\"Business Associate\",\"462241\",\"04/07/2023\","
        "\"Hacking/IT Incident\",\"Network Server, Other\",\"Yes\",\"\"\n"
        "\"Old Clinic\",\"TX\",\"Healthcare Provider\",\"2385\",\"01/05/2022\","
        "\"Theft\",\"Paper/Films\",\"No\",\"\"\n"
        "\"Same Co\",\"FL\",\"Health Plan\",\"700\",\"02/03/2022\","
        "\"Hacking/IT Incident\",\"Email\",\"No\",\"\"\n";

/* The newer snapshot: Brightline revised (199,753 and 473,467) with a third client row,
 * "SAME CO." spelt otherwise (the key folds it), a new row. Line 3 holds a description
 * over two lines, so the rows after it start one line later. */
static const char NEW[] =
    HDR "\"Brightline, Inc.\",\"CA\",\"Business Associate\",\"199753\",\"04/07/2023\","
        "\"Hacking/IT Incident\",\"Network Server\",\"Yes\",\"\"\n"
        "\"Brightline, Inc.\",\"CA\",\"Business Associate\",\"473467\",\"04/07/2023\","
        "\"Hacking/IT Incident\",\"Network Server\",\"Yes\",\"A third-party provider\n"
        "was the victim of a cyber-attack.\"\n"
        "\"Brightline, Inc.\",\"CA\",\"Business Associate\",\"12000\",\"04/07/2023\","
        "\"Hacking/IT Incident\",\"Network Server\",\"Yes\",\"\"\n"
        "\"SAME CO.\",\"FL\",\"Health Plan\",\"700\",\"02/03/2022\","
        "\"Hacking/IT Incident\",\"Email\",\"No\",\"\"\n"
        "\"New Hospital\",\"WA\",\"Healthcare Provider\",\"901\",\"05/01/2023\","
        "\"Hacking/IT Incident\",\"Email\",\"No\",\"\"\n";

static int load_hhs(breach_dataset *ds, const char *text, const char *name, breach_report *rep)
{
    breach_load_options o;
    breach_load_options_init(&o);
    o.source_name = name;
    breach_error e;
    int rc = breach_hhs_read_buffer(ds, text, strlen(text), &o, rep, &e);
    show(rc, &e);
    return rc;
}

/* The sum of the affected counts of the selected incidents, and their number. */
static uint64_t selected_sum(const breach_dataset *ds, const breach_filter *f, size_t *n)
{
    size_t *sel = breach_dataset_select(ds, f, n, NULL);
    uint64_t sum = 0;
    for (size_t k = 0; k < *n; k++) {
        breach_incident inc;
        breach_dataset_get(ds, sel[k], &inc, NULL);
        sum += inc.affected.value;
    }
    breach_free(sel);
    return sum;
}

static void test_snapshots(void)
{
    breach_dataset *ds = breach_dataset_new(NULL);
    breach_report *rep = breach_report_new();
    CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
    /* the newer first: order of loading does not matter, the dates do */
    CHECK_EQ_LL(load_hhs(ds, NEW, "new.csv", rep), BREACH_OK);
    CHECK_EQ_LL(load_hhs(ds, OLD, "old.csv", rep), BREACH_OK);
    CHECK_EQ_LL(breach_dataset_size(ds), 9);
    CHECK_EQ_LL(breach_dataset_n_inputs(ds), 2);
    /* old.csv's Brightline rows (2) and Same Co (1) are the newer's: dropped */
    CHECK_EQ_LL(breach_dataset_n_dropped(ds), 3);
    CHECK_EQ_LL(breach_dataset_duplicate_of(ds, 5), 0); /* Brightline 199,000 -> first row */
    CHECK_EQ_LL(breach_dataset_duplicate_of(ds, 6), 0);
    CHECK_EQ_LL(breach_dataset_duplicate_of(ds, 7), -1); /* Old Clinic stays */
    CHECK_EQ_LL(breach_dataset_duplicate_of(ds, 8), 3);  /* Same Co -> SAME CO. */
    CHECK_EQ_LL(breach_dataset_duplicate_of(ds, 0), -1);
    CHECK_EQ_LL(breach_dataset_duplicate_of(ds, 9), BREACH_EINVAL);
    size_t n;
    /* new: 199,753 + 473,467 + 12,000 + 700 + 901; old adds Old Clinic's 2,385 */
    CHECK_EQ_LL(selected_sum(ds, NULL, &n), 199753 + 473467 + 12000 + 700 + 901 + 2385);
    CHECK_EQ_LL(n, 6);
    breach_filter f;
    breach_filter_init(&f);
    f.include_duplicates = true;
    selected_sum(ds, &f, &n);
    CHECK_EQ_LL(n, 9);
    CU_ASSERT_FALSE(breach_filter_match(ds, 5, NULL));
    CU_ASSERT_TRUE(breach_filter_match(ds, 5, &f));

    /* the pair, and each input's figures */
    CHECK_EQ_LL(breach_dataset_n_overlaps(ds), 1);
    breach_overlap ov;
    CHECK_EQ_LL(breach_dataset_overlap(ds, 0, &ov, NULL), BREACH_OK);
    CHECK_EQ_LL(ov.dropped_input, 1);
    CHECK_EQ_LL(ov.kept_input, 0);
    CHECK_EQ_LL(ov.n, 3);
    breach_input_info in;
    CHECK_EQ_LL(breach_dataset_input(ds, 1, &in, NULL), BREACH_OK);
    CHECK_STR(in.name, "old.csv");
    CHECK_STR(in.format, "hhs");
    CHECK_EQ_LL(in.first, 5);
    CHECK_EQ_LL(in.end, 9);
    CHECK_EQ_LL(in.n_dropped, 3);
    CU_ASSERT_TRUE(in.has_rows);
    CHECK_EQ_LL(in.rows_read, 4);
    CHECK_EQ_LL(in.rows_loaded, 4);
    CHECK_EQ_LL(in.size, strlen(OLD));
    char iso[16];
    breach_date_format(in.as_of, iso, sizeof iso);
    CHECK_STR(iso, "2023-04-07");
    CHECK_EQ_LL(breach_dataset_input(ds, 2, &in, NULL), BREACH_EINVAL);

    /* lines: new.csv's rows start on lines 2, 3, 5, 6, 7 (row 2 spans two lines) */
    long line;
    const long want[] = {2, 3, 5, 6, 7};
    for (size_t i = 0; i < 5; i++) {
        CHECK_EQ_LL(breach_dataset_origin(ds, i, &line), 0);
        CHECK_EQ_LL(line, want[i]);
    }
    CHECK_EQ_LL(breach_dataset_origin(ds, 8, &line), 1);
    CHECK_EQ_LL(line, 5);

    /* one warning a dropped row, naming both places and the revised count */
    size_t overlaps = 0, at2 = 0, at5 = 0;
    for (size_t k = 0; k < breach_report_n_warnings(rep); k++) {
        breach_issue is;
        breach_report_warning(rep, k, &is);
        if (is.code != BREACH_WARN_OVERLAP)
            continue;
        overlaps++;
        CHECK_STR(breach_report_warning_source(rep, k), "old.csv");
        if (is.line == 2) {
            at2++;
            CU_ASSERT_PTR_NOT_NULL(strstr(is.text, "new.csv line 2"));
            CU_ASSERT_PTR_NOT_NULL(strstr(is.text, "revised from 199000 to 199753"));
        }
        if (is.line == 5) {
            at5++;
            CU_ASSERT_PTR_NOT_NULL(strstr(is.text, "new.csv line 6"));
        }
    }
    CHECK_EQ_LL(overlaps, 3);
    CHECK_EQ_LL(at2, 1); /* old.csv line 2: Brightline 199,000 */
    CHECK_EQ_LL(at5, 1); /* old.csv line 5: Same Co */
    breach_report_free(rep);

    /* a notice added by hand belongs to no input */
    breach_incident inc;
    breach_incident_init(&inc);
    inc.entity = "Hand Made";
    CHECK_EQ_LL(breach_dataset_add(ds, &inc, NULL), 9);
    CHECK_EQ_LL(breach_dataset_origin(ds, 9, &line), -1);
    CHECK_EQ_LL(line, 0);
    breach_dataset_free(ds);
}

static void test_same_file_twice(void)
{
    breach_dataset *ds = breach_dataset_new(NULL);
    CHECK_EQ_LL(load_hhs(ds, OLD, "a.csv", NULL), BREACH_OK);
    CHECK_EQ_LL(load_hhs(ds, OLD, "a.csv", NULL), BREACH_OK);
    /* equal dates: the later load stands, every row of the first is dropped */
    CHECK_EQ_LL(breach_dataset_n_dropped(ds), 4);
    for (size_t i = 0; i < 4; i++)
        CHECK_EQ_LL(breach_dataset_duplicate_of(ds, i), i < 2 ? 4 : (long)i + 4);
    size_t n;
    CHECK_EQ_LL(selected_sum(ds, NULL, &n), 199000 + 462241 + 2385 + 700);
    CHECK_EQ_LL(n, 4);
    breach_input_info in;
    CHECK_EQ_LL(breach_dataset_input(ds, 0, &in, NULL), BREACH_OK);
    CU_ASSERT_FALSE(in.has_rows); /* no report was given */
    /* a third copy: still one counted */
    CHECK_EQ_LL(load_hhs(ds, OLD, "a.csv", NULL), BREACH_OK);
    CHECK_EQ_LL(breach_dataset_n_dropped(ds), 8);
    CHECK_EQ_LL(breach_dataset_n_overlaps(ds), 2);
    /* incidents added after the identity pass, past the 64-row block its bits were sized
       for (12 rows: one block): they are never dropped, and the filter reads no bit past
       the end of the array (it did: AddressSanitizer's heap-buffer-overflow) */
    for (int k = 0; k < 130; k++) {
        breach_incident inc;
        breach_incident_init(&inc);
        inc.entity = "Added Later";
        inc.affected = breach_count_exact(1);
        CU_ASSERT(breach_dataset_add(ds, &inc, NULL) >= 0);
    }
    CHECK_EQ_LL(selected_sum(ds, NULL, &n), 199000 + 462241 + 2385 + 700 + 130);
    CHECK_EQ_LL(n, 4 + 130);
    CHECK_EQ_LL(breach_dataset_duplicate_of(ds, 12 + 129), -1);
    breach_dataset_free(ds);
}

/* The archive and under-investigation lists of one download share no notice but may hold
 * one organisation's filings of one day in both: they are not snapshots of each other. */
static void test_complementary_lists(void)
{
    /* the archive: NEW's 3 identities and 20 more */
    char arch[8192];
    size_t an = (size_t)snprintf(arch, sizeof arch, "%s", NEW);
    for (int k = 0; k < 20; k++)
        an += (size_t)snprintf(arch + an, sizeof arch - an,
                               "\"Arch %d\",\"OR\",\"Health Plan\",\"%d\",\"03/04/2020\","
                               "\"Loss\",\"Email\",\"No\",\"\"\n",
                               k, 800 + k);
    breach_dataset *ds = breach_dataset_new(NULL);
    CHECK_EQ_LL(load_hhs(ds, arch, "archive.csv", NULL), BREACH_OK);
    static const char UI[] =
        HDR "\"Other Org\",\"NY\",\"Health Plan\",\"5000\",\"06/01/2024\","
            "\"Hacking/IT Incident\",\"Email\",\"No\",\"\"\n"
            "\"More Org\",\"NY\",\"Health Plan\",\"5001\",\"06/02/2024\","
            "\"Hacking/IT Incident\",\"Email\",\"No\",\"\"\n"
            "\"Third Org\",\"NY\",\"Health Plan\",\"5002\",\"06/03/2024\","
            "\"Hacking/IT Incident\",\"Email\",\"No\",\"\"\n";
    /* 20 more rows, then one row that shares New Hospital's identity: 1 of the smaller
       list's 23 identities is under 1/20 */
    char big[8192];
    size_t at = (size_t)snprintf(big, sizeof big, "%s", UI);
    for (int k = 0; k < 20; k++)
        at += (size_t)snprintf(big + at, sizeof big - at,
                               "\"Org %d\",\"NY\",\"Health Plan\",\"%d\",\"06/04/2024\","
                               "\"Theft\",\"Email\",\"No\",\"\"\n",
                               k, 600 + k);
    snprintf(big + at, sizeof big - at,
             "\"New Hospital\",\"WA\",\"Healthcare Provider\",\"77\",\"05/01/2023\","
             "\"Hacking/IT Incident\",\"Email\",\"No\",\"\"\n");
    CHECK_EQ_LL(load_hhs(ds, big, "under-investigation.csv", NULL), BREACH_OK);
    CHECK_EQ_LL(breach_dataset_size(ds), 25 + 24);
    CHECK_EQ_LL(breach_dataset_n_dropped(ds), 0);
    breach_dataset_free(ds);

    /* a list of that one row shares all of its identities: a snapshot. Its date equals the
       archive's latest, so the later load stands. */
    static const char ONE[] = HDR "\"New Hospital\",\"WA\",\"Healthcare Provider\",\"77\","
                                  "\"05/01/2023\",\"Hacking/IT Incident\",\"Email\",\"No\",\"\"\n";
    ds = breach_dataset_new(NULL);
    CHECK_EQ_LL(load_hhs(ds, NEW, "archive.csv", NULL), BREACH_OK);
    CHECK_EQ_LL(load_hhs(ds, ONE, "later.csv", NULL), BREACH_OK);
    CHECK_EQ_LL(breach_dataset_n_dropped(ds), 1);
    CHECK_EQ_LL(breach_dataset_duplicate_of(ds, 4), 5);
    breach_dataset_free(ds);
}

/* Identity by id for the other formats, and formats never match each other. */
static void test_ids_and_formats(void)
{
    const char *seed = src_path("examples/data/seed-incidents.csv");
    breach_dataset *ds = breach_dataset_new(NULL);
    breach_error e;
    CHECK_EQ_LL(breach_csv_read_file(ds, seed, NULL, NULL, &e), BREACH_OK);
    CHECK_EQ_LL(breach_csv_read_file(ds, seed, NULL, NULL, &e), BREACH_OK);
    CHECK_EQ_LL(breach_dataset_size(ds), 18);
    CHECK_EQ_LL(breach_dataset_n_dropped(ds), 9);
    breach_input_info in;
    CHECK_EQ_LL(breach_dataset_input(ds, 0, &in, NULL), BREACH_OK);
    CHECK_STR(in.format, "canonical");
    CHECK_STR(in.name, seed);
    /* sha256sum examples/data/seed-incidents.csv; wc -c */
    CHECK_STR(in.sha256, "0021d6b0e2c3eb4c76e7598920b12e21515c8facbf5d5572f5165b4c52f258b9");
    CHECK_EQ_LL(in.size, 3607);
    breach_dataset_free(ds);

    /* HIBP: the same Name in a later list stands (AddedDate is its reported date) */
    static const char A[] = "[{\"Name\":\"Example\",\"Title\":\"Example\",\"Domain\":\"example.com\","
                            "\"BreachDate\":\"2020-01-02\",\"AddedDate\":\"2020-02-03T00:00:00Z\","
                            "\"PwnCount\":1000,\"DataClasses\":[\"Email addresses\"]}]";
    static const char B[] = "[{\"Name\":\"Example\",\"Title\":\"Example\",\"Domain\":\"example.com\","
                            "\"BreachDate\":\"2020-01-02\",\"AddedDate\":\"2020-02-04T00:00:00Z\","
                            "\"PwnCount\":1200,\"DataClasses\":[\"Email addresses\"]}]";
    ds = breach_dataset_new(NULL);
    CHECK_EQ_LL(breach_hibp_read_buffer(ds, B, strlen(B), NULL, NULL, &e), BREACH_OK);
    CHECK_EQ_LL(breach_hibp_read_buffer(ds, A, strlen(A), NULL, NULL, &e), BREACH_OK);
    CHECK_EQ_LL(breach_dataset_duplicate_of(ds, 1), 0);
    CHECK_EQ_LL(breach_dataset_duplicate_of(ds, 0), -1);
    size_t n;
    CHECK_EQ_LL(selected_sum(ds, NULL, &n), 1200);
    breach_dataset_free(ds);

    /* an HHS row and a canonical row of the same organisation, state and day: two notices */
    ds = breach_dataset_new(NULL);
    CHECK_EQ_LL(load_hhs(ds, OLD, "hhs.csv", NULL), BREACH_OK);
    static const char C[] = "entity,entity_state,reported,affected\n"
                            "Old Clinic,US-TX,2022-01-05,2385\n";
    CHECK_EQ_LL(breach_csv_read_buffer(ds, C, strlen(C), NULL, NULL, &e), BREACH_OK);
    CHECK_EQ_LL(breach_dataset_n_dropped(ds), 0);
    breach_dataset_free(ds);
}

/* Mapped lists: their source is their mapping. Two states' lists that both number their
 * notices 1, 2, 3 (no id prefix) are not snapshots of one list: all six notices stand. The
 * same list twice through one mapping, or through the same settings written in another
 * order with other spacing and comments, is: three dropped. */
static void test_mapped_sources(void)
{
    static const char ca[] = "Id,Org,Date,Residents\n1,Alpha Clinic,2023-01-05,100\n"
                             "2,Beta Bank,2023-02-05,200\n3,Gamma Health,2023-03-05,300\n";
    static const char me[] = "NoticeId,Company,Reported,MaineResidents\n1,Delta Labs,2023-04-05,10\n"
                             "2,Echo Corp,2023-05-05,20\n3,Foxtrot Inc,2023-06-05,30\n";
    static const char ca_map[] = "entity = Org\nid = Id\nreported = Date\n"
                                 "date_format = YYYY-MM-DD\nregion.US-CA = Residents\n";
    static const char ca_map2[] = "# the same settings\nregion.US-CA=Residents\nREPORTED = Date\n"
                                  "id =Id\n\nentity = Org\ndate_format = YYYY-MM-DD\n";
    static const char me_map[] = "entity = Company\nid = NoticeId\nreported = Reported\n"
                                 "date_format = YYYY-MM-DD\nregion.US-ME = MaineResidents\n";
    breach_error e;
    breach_mapping *mca = breach_mapping_parse(ca_map, strlen(ca_map), "ca.map", &e);
    breach_mapping *mca2 = breach_mapping_parse(ca_map2, strlen(ca_map2), "ca2.map", &e);
    breach_mapping *mme = breach_mapping_parse(me_map, strlen(me_map), "me.map", &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(mca);
    CU_ASSERT_PTR_NOT_NULL_FATAL(mca2);
    CU_ASSERT_PTR_NOT_NULL_FATAL(mme);
    breach_dataset *ds = breach_dataset_new(NULL);
    CHECK_EQ_LL(breach_mapped_read_buffer(ds, ca, strlen(ca), mca, NULL, NULL, &e), BREACH_OK);
    CHECK_EQ_LL(breach_mapped_read_buffer(ds, me, strlen(me), mme, NULL, NULL, &e), BREACH_OK);
    CHECK_EQ_LL(breach_dataset_size(ds), 6);
    CHECK_EQ_LL(breach_dataset_n_dropped(ds), 0);
    breach_dataset_free(ds);
    const breach_mapping *again[] = {mca, mca2};
    for (int k = 0; k < 2; k++) {
        ds = breach_dataset_new(NULL);
        CHECK_EQ_LL(breach_mapped_read_buffer(ds, ca, strlen(ca), mca, NULL, NULL, &e), BREACH_OK);
        CHECK_EQ_LL(breach_mapped_read_buffer(ds, ca, strlen(ca), again[k], NULL, NULL, &e),
                    BREACH_OK);
        CHECK_EQ_LL(breach_dataset_n_dropped(ds), 3);
        breach_dataset_free(ds);
    }
    breach_mapping_free(mca);
    breach_mapping_free(mca2);
    breach_mapping_free(mme);
}

/* Two curated canonical files (one format, one source class) that both number their
 * notices 1, 2, 3 for other organisations share three ids, all of them; before SAME_LIST
 * the older file was taken for a snapshot of the newer and its three notices were dropped
 * as "listed again". They are two lists: all six stand. A newer copy of the first list
 * with one organisation renamed (2 of 3 ids still name the same one) and a figure revised
 * is a snapshot: its three notices stand for the first's. */
static void test_curated_lists(void)
{
    static const char a[] = "id,entity,reported,affected\n1,Alpha Clinic,2021-01-05,10\n"
                            "2,Beta Bank,2021-02-05,20\n3,Gamma Health,2021-03-05,30\n";
    static const char b[] = "id,entity,reported,affected\n1,Delta Labs,2022-01-05,40\n"
                            "2,Echo Corp,2022-02-05,50\n3,Foxtrot Inc,2022-03-05,60\n";
    static const char a2[] = "id,entity,reported,affected\n1,Alpha Clinic,2021-01-05,10\n"
                             "2,Beta Bank,2021-02-05,25\n3,Gamma Health Group,2021-03-06,30\n";
    breach_error e;
    breach_dataset *ds = breach_dataset_new(NULL);
    CHECK_EQ_LL(breach_csv_read_buffer(ds, a, strlen(a), NULL, NULL, &e), BREACH_OK);
    CHECK_EQ_LL(breach_csv_read_buffer(ds, b, strlen(b), NULL, NULL, &e), BREACH_OK);
    CHECK_EQ_LL(breach_dataset_n_dropped(ds), 0);
    size_t n;
    CHECK_EQ_LL(selected_sum(ds, NULL, &n), 210);
    CHECK_EQ_LL(n, 6);
    breach_dataset_free(ds);
    ds = breach_dataset_new(NULL);
    CHECK_EQ_LL(breach_csv_read_buffer(ds, a, strlen(a), NULL, NULL, &e), BREACH_OK);
    CHECK_EQ_LL(breach_csv_read_buffer(ds, a2, strlen(a2), NULL, NULL, &e), BREACH_OK);
    CHECK_EQ_LL(breach_dataset_n_dropped(ds), 3);
    CHECK_EQ_LL(selected_sum(ds, NULL, &n), 65); /* 10 + 25 + 30, the newer list's */
    CHECK_EQ_LL(n, 3);
    breach_dataset_free(ds);
}

/* SHA-256 and size of a file read from disk: sha256sum tests/data/hhs-sample.csv. */
static void test_file_digest(void)
{
    breach_dataset *ds = breach_dataset_new(NULL);
    breach_error e;
    CHECK_EQ_LL(breach_load(ds, src_path("tests/data/hhs-sample.csv"), NULL, NULL, NULL, &e),
                BREACH_OK);
    breach_input_info in;
    CHECK_EQ_LL(breach_dataset_input(ds, 0, &in, NULL), BREACH_OK);
    CHECK_STR(in.format, "hhs");
    CHECK_STR(in.sha256, "3d28f57b0409bac96f5c3fb679ba7f9a0f47311a1c58c183c1a4d4bc897c2ddd");
    CHECK_EQ_LL(in.size, 1212);
    CHECK_EQ_LL(in.end - in.first, breach_dataset_size(ds));
    breach_dataset_free(ds);
}

/* The real portal: the 2023-05 snapshot and both lists of 2024-07. Expected figures from
 * pandas (tests/reference/hhs_overlap.py): 2024-07 holds 6,279 rows, 580,126,985
 * individuals; 5,114 + 194 rows of 2023-05 have an (entity key, state, date) that the
 * archive / the under-investigation list has; of the 48 others, 39 are renamed rows of the
 * archive (same state, date and count: "banis plastci surgery" / "Banis Plastic Surgery",
 * KY, 04/04/2023, 4,498), and 9 are notices 2024-07 no longer lists, 330,541 individuals.
 * The two lists share one identity (Highmark Inc, PA, 2023-02-10), too few for them to be
 * snapshots of each other. */
static void test_real_snapshots(void)
{
    const char *old = shared_path("hhs-ocr-breach-portal/snapshot-2023-05/breach_report.csv");
    const char *arc = shared_path("hhs-ocr-breach-portal/snapshot-2024-07/Source_Breach_Report.csv");
    const char *ui = shared_path("hhs-ocr-breach-portal/snapshot-2024-07/breach_report.csv");
    if (!old || !arc || !ui)
        return;
    breach_dataset *ds = breach_dataset_new(NULL);
    breach_report *rep = breach_report_new();
    breach_error e;
    const char *files[] = {old, arc, ui};
    for (int k = 0; k < 3; k++)
        CHECK_EQ_LL(breach_load(ds, files[k], NULL, NULL, rep, &e), BREACH_OK);
    CHECK_EQ_LL(breach_dataset_size(ds), 11635);
    size_t n;
    uint64_t sum = selected_sum(ds, NULL, &n);
    CHECK_EQ_LL(n, 6279 + 9);
    CHECK_EQ_LL(sum, 580126985ull + 330541ull);
    CHECK_EQ_LL(breach_dataset_n_overlaps(ds), 2);
    breach_overlap ov;
    CHECK_EQ_LL(breach_dataset_overlap(ds, 0, &ov, NULL), BREACH_OK);
    CHECK_EQ_LL(ov.dropped_input * 10 + ov.kept_input, 1);
    CHECK_EQ_LL(ov.n, 5114 + 39);
    CHECK_EQ_LL(breach_dataset_overlap(ds, 1, &ov, NULL), BREACH_OK);
    CHECK_EQ_LL(ov.dropped_input * 10 + ov.kept_input, 2);
    CHECK_EQ_LL(ov.n, 194);
    /* NationsBenefits once (3,037,303: the 2024-07 under-investigation row) */
    breach_filter f;
    breach_filter_init(&f);
    f.entity = "NationsBenefits Holdings, LLC";
    CHECK_EQ_LL(selected_sum(ds, &f, &n), 3037303);
    CHECK_EQ_LL(n, 1);
    /* Brightline: 2024-07's 11 rows, 1,013,686 (not 964,300 more) */
    f.entity = "Brightline, Inc.";
    CHECK_EQ_LL(selected_sum(ds, &f, &n), 1013686);
    CHECK_EQ_LL(n, 11);
    /* one warning a dropped row */
    size_t w = 0;
    for (size_t k = 0; k < breach_report_n_warnings(rep); k++) {
        breach_issue is;
        breach_report_warning(rep, k, &is);
        w += is.code == BREACH_WARN_OVERLAP;
    }
    CHECK_EQ_LL(w, 5114 + 194 + 39);
    breach_input_info in;
    breach_dataset_input(ds, 0, &in, NULL);
    CHECK_EQ_LL(in.n_dropped, 5347);
    /* line 46 of 2023-05, "banis plastci surgery": the archive's "Banis Plastic Surgery" */
    size_t banis = 0;
    long line = 0;
    while (banis < 5356 && (breach_dataset_origin(ds, banis, &line), line != 46))
        banis++;
    long by = breach_dataset_duplicate_of(ds, banis);
    CU_ASSERT_FATAL(by >= 0);
    breach_incident a, b;
    breach_dataset_get(ds, banis, &a, NULL);
    breach_dataset_get(ds, (size_t)by, &b, NULL);
    CHECK_STR(a.entity, "banis plastci surgery");
    CHECK_STR(b.entity, "Banis Plastic Surgery");
    CHECK_EQ_LL(in.rows_read, 5356);
    breach_report_free(rep);
    breach_dataset_free(ds);
}


/* The overview, vendors and each notice's shares on the seed (examples/data/seed-incidents.csv,
 * 9 rows read with Python's csv module): Brightline's 2023 figure is superseded by its 2024
 * one; 7 organisations; one vendor (Fortra GoAnywhere: 7 notices, 6 organisations); the 8
 * selected individuals' counts 1,049,375 + 3,037,303 + 1,013,686 + 962,884 + 489,830 +
 * 139,493 = 6,692,571 and 2 unknown; 4 selected notices give Washington residents. */
static void test_overview(void)
{
    breach_dataset *ds = breach_dataset_new(NULL);
    breach_error e;
    CHECK_EQ_LL(breach_csv_read_file(ds, src_path("examples/data/seed-incidents.csv"), NULL, NULL,
                                     &e), BREACH_OK);
    breach_overview *o = breach_overview_compute(ds, NULL, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(o);
    CHECK_EQ_LL(o->n_incidents, 9);
    CHECK_EQ_LL(o->n_selected, 8);
    CHECK_EQ_LL(o->n_superseded, 1);
    CHECK_EQ_LL(o->n_dropped, 0);
    CHECK_EQ_LL(o->n_organisations, 7);
    CHECK_EQ_LL(o->n_vendors, 1);
    CHECK_EQ_LL(o->n_with_breakdown, 4);
    char iso[16];
    breach_date_format(o->first_reported, iso, sizeof iso);
    CHECK_STR(iso, "2023-01-17");
    breach_date_format(o->last_reported, iso, sizeof iso);
    CHECK_STR(iso, "2023-06-08");
    CHECK_EQ_LL(o->n_by_unit[BREACH_UNIT_INDIVIDUALS], 8);
    CHECK_EQ_LL(o->n_by_unit[BREACH_UNIT_ACCOUNTS], 0);
    CHECK_EQ_LL(o->by_unit[BREACH_UNIT_INDIVIDUALS].lower, 6692571);
    CHECK_EQ_LL(o->by_unit[BREACH_UNIT_INDIVIDUALS].n_unknown, 2);
    CU_ASSERT_FALSE(o->overflow);
    breach_overview_free(o);

    breach_vendors *v = breach_vendors_compute(ds, NULL, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    CHECK_EQ_LL(v->n_rows, 1);
    CHECK_STR(v->rows[0].name, "Fortra GoAnywhere");
    CHECK_EQ_LL(v->rows[0].n_notices, 7);
    CHECK_EQ_LL(v->rows[0].n_organisations, 6);
    breach_vendors_free(v);

    breach_region wa = reg("US-WA");
    breach_notice_shares *ns = breach_notice_shares_compute(ds, NULL, &wa, 1, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ns);
    CHECK_EQ_LL(ns->n_selected, 8);
    CHECK_EQ_LL(ns->n_rows, 4);
    const size_t at[] = {1, 4, 5, 7};
    const double want[] = {21981.0 / 1049375, 26333.0 / 1013686, 559.0 / 962884, 2580.0 / 139493};
    for (size_t k = 0; k < 4 && k < ns->n_rows; k++) {
        CHECK_EQ_LL(ns->rows[k].index, at[k]);
        CHECK_REL(ns->rows[k].share.share, want[k], 1e-12);
    }
    breach_notice_shares_free(ns);
    /* every region of each breakdown: NextGen's three, then one each */
    ns = breach_notice_shares_compute(ds, NULL, NULL, 0, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ns);
    CHECK_EQ_LL(ns->n_with_breakdown, 4);
    CHECK_EQ_LL(ns->n_rows, 6);
    breach_notice_shares_free(ns);
    breach_region bad = (breach_region)(breach_region_max() + 1);
    CU_ASSERT_PTR_NULL(breach_notice_shares_compute(ds, NULL, &bad, 1, &e));
    CHECK_EQ_LL(e.code, BREACH_EINVAL);
    CU_ASSERT_PTR_NULL(breach_notice_shares_compute(ds, NULL, NULL, 1, &e));
    CU_ASSERT_PTR_NULL(breach_overview_compute(NULL, NULL, &e));
    CU_ASSERT_PTR_NULL(breach_vendors_compute(NULL, NULL, &e));
    breach_dataset_free(ds);

    /* no vendor at all: an empty list */
    ds = breach_dataset_new(NULL);
    CHECK_EQ_LL(load_hhs(ds, OLD, "old.csv", NULL), BREACH_OK);
    v = breach_vendors_compute(ds, NULL, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    CHECK_EQ_LL(v->n_rows, 0);
    breach_vendors_free(v);
    breach_dataset_free(ds);
}

/* A notice renamed between snapshots: same state, date and exact count, and neither name in
 * the other snapshot. Counts of 500 (the portal's placeholder) are no evidence. */
static void test_renamed(void)
{
    static const char A[] =
        HDR "\"Riverside Medical Group\",\"NJ\",\"Healthcare Provider\",\"12499\",\"09/30/2022\","
            "\"Hacking/IT Incident\",\"Network Server\",\"No\",\"\"\n"
            "\"Placeholder Clinic\",\"NJ\",\"Healthcare Provider\",\"500\",\"09/30/2022\","
            "\"Theft\",\"Paper/Films\",\"No\",\"\"\n"
            "\"Gone Clinic\",\"NJ\",\"Healthcare Provider\",\"777\",\"09/30/2022\","
            "\"Theft\",\"Paper/Films\",\"No\",\"\"\n"
            "\"Stays Co\",\"NY\",\"Health Plan\",\"900\",\"10/01/2022\","
            "\"Theft\",\"Paper/Films\",\"No\",\"\"\n";
    static const char B[] =
        HDR "\"Optum Medical Care of New Jersey, P.C.\",\"NJ\",\"Healthcare Provider\",\"12499\","
            "\"09/30/2022\",\"Hacking/IT Incident\",\"Network Server\",\"No\",\"\"\n"
            "\"Another Placeholder\",\"NJ\",\"Healthcare Provider\",\"500\",\"09/30/2022\","
            "\"Theft\",\"Paper/Films\",\"No\",\"\"\n"
            "\"Stays Co\",\"NY\",\"Health Plan\",\"900\",\"10/01/2022\","
            "\"Theft\",\"Paper/Films\",\"No\",\"\"\n"
            "\"Later Org\",\"NY\",\"Health Plan\",\"901\",\"11/01/2022\","
            "\"Theft\",\"Paper/Films\",\"No\",\"\"\n";
    breach_dataset *ds = breach_dataset_new(NULL);
    breach_report *rep = breach_report_new();
    CHECK_EQ_LL(load_hhs(ds, A, "a.csv", rep), BREACH_OK);
    CHECK_EQ_LL(load_hhs(ds, B, "b.csv", rep), BREACH_OK);
    CHECK_EQ_LL(breach_dataset_duplicate_of(ds, 0), 4); /* Riverside -> Optum */
    CHECK_EQ_LL(breach_dataset_duplicate_of(ds, 1), -1); /* a placeholder count: kept */
    CHECK_EQ_LL(breach_dataset_duplicate_of(ds, 2), -1); /* no longer listed: kept */
    CHECK_EQ_LL(breach_dataset_duplicate_of(ds, 3), 6);  /* the same identity */
    CHECK_EQ_LL(breach_dataset_n_dropped(ds), 2);
    int said = 0;
    for (size_t k = 0; k < breach_report_n_warnings(rep); k++) {
        breach_issue is;
        breach_report_warning(rep, k, &is);
        said += is.code == BREACH_WARN_OVERLAP && is.line == 2 &&
                strstr(is.text, "renamed: same state, date and count") != NULL;
    }
    CHECK_EQ_LL(said, 1);
    breach_report_free(rep);
    breach_dataset_free(ds);
}

int main(void)
{
    static const test_entry tests[] = {{"two snapshots", test_snapshots},
                                       {"the same file twice", test_same_file_twice},
                                       {"complementary lists", test_complementary_lists},
                                       {"ids and formats", test_ids_and_formats},
                                       {"mapped lists: a mapping is a source", test_mapped_sources},
                                       {"curated lists numbered alike", test_curated_lists},
                                       {"a file's digest", test_file_digest},
                                       {"the real HHS snapshots", test_real_snapshots},
                                       {"overview, vendors, notice shares", test_overview},
                                       {"a renamed notice", test_renamed},
                                       {NULL, NULL}};
    return run_suite("inputs and overlaps", tests);
}
