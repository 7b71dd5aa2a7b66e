/* The HHS OCR breach-portal loader: the crafted fixtures in tests/data/hhs-*.csv (every
 * mapping, warning and error path) and the real exports in ../shared/data (skipped when
 * absent). Expected real-data figures come from Python's csv module; each command is in a
 * comment beside its figure (run it in the snapshot's directory). */
#include "check.h"

#include <unistd.h>

#define SAMPLE "tests/data/hhs-sample.csv"
#define ARCHIVE_2024 "hhs-ocr-breach-portal/snapshot-2024-07/Source_Breach_Report.csv"
#define OPEN_2024 "hhs-ocr-breach-portal/snapshot-2024-07/breach_report.csv"
#define BOTH_2023 "hhs-ocr-breach-portal/snapshot-2023-05/breach_report.csv"

static breach_dataset *load(const char *path, int lenient, breach_report *rep, int *rc,
                            breach_error *e)
{
    return load_with(breach_hhs_read_file, path, lenient, rep, rc, e);
}

static size_t n_warnings(const breach_report *rep, int code)
{
    size_t n = 0;
    breach_issue is;
    for (size_t i = 0; i < breach_report_n_warnings(rep); i++)
        if (breach_report_warning(rep, i, &is) == BREACH_OK && is.code == code)
            n++;
    return n;
}

static void check_date(breach_date d, int y, int m, int day)
{
    int yy, mm, dd;
    CU_ASSERT_EQUAL(d.precision, BREACH_PREC_DAY);
    breach_date_to_ymd(d, &yy, &mm, &dd);
    CHECK_EQ_LL(yy, y);
    CHECK_EQ_LL(mm, m);
    CHECK_EQ_LL(dd, day);
}

/* ---------------------------------------------------------------- the crafted sample */

static void test_sample_fields(void)
{
    breach_error e;
    breach_report *rep = breach_report_new();
    int rc;
    breach_dataset *ds = load(src_path(SAMPLE), 0, rep, &rc, &e);
    show(rc, &e);
    CU_ASSERT_EQUAL_FATAL(rc, BREACH_OK);
    /* 7 data rows, all loadable */
    CHECK_EQ_LL(breach_report_rows_read(rep), 7);
    CHECK_EQ_LL(breach_report_rows_loaded(rep), 7);
    CHECK_EQ_LL(breach_report_rows_rejected(rep), 0);
    CHECK_EQ_LL(breach_dataset_size(ds), 7);

    breach_incident in;
    /* row 1: multi-valued location, CRLF inside the quoted description */
    CU_ASSERT_EQUAL(breach_dataset_get(ds, 0, &in, &e), BREACH_OK);
    CHECK_STR(in.id, "hhs:hhs-sample.csv:1");
    CHECK_STR(in.source, "hhs-sample.csv row 1");
    CHECK_STR(in.entity, "Brightline, Inc.");
    CHECK_STR(in.entity_key, "brightline");
    CHECK_STR(in.entity_type, "Business Associate");
    CU_ASSERT_EQUAL(in.entity_region, reg("US-CA"));
    CHECK_EQ_LL(in.affected.value, 199753);
    CU_ASSERT_EQUAL(in.affected.qualifier, BREACH_COUNT_EXACT);
    CU_ASSERT_EQUAL(in.unit, BREACH_UNIT_INDIVIDUALS);
    check_date(in.reported, 2023, 4, 7);
    CU_ASSERT_FALSE(breach_date_is_known(in.occurred_start));
    CU_ASSERT_EQUAL(in.types, BREACH_TYPE_BIT(BREACH_TYPE_HACKING));
    CU_ASSERT_EQUAL(in.locations,
                    BREACH_LOC_BIT(BREACH_LOC_NETWORK_SERVER) | BREACH_LOC_BIT(BREACH_LOC_OTHER));
    CU_ASSERT_EQUAL(in.categories, 0);
    CU_ASSERT_EQUAL(in.business_associate, BREACH_TRI_YES);
    CU_ASSERT_EQUAL(in.flags, BREACH_FLAG_SEPARATE);
    CU_ASSERT_EQUAL(in.n_regions, 0);
    CHECK_STR(in.summary, "Brightline's third-party provider was the victim of a cyber-attack.\r\n"
                          "The vendor\xE2\x80\x99s file-transfer service was breached.\r\n");
    /* row 2: empty description is no summary */
    CU_ASSERT_EQUAL(breach_dataset_get(ds, 1, &in, &e), BREACH_OK);
    CHECK_EQ_LL(in.affected.value, 473467);
    CU_ASSERT_PTR_NULL(in.summary);
    /* row 3: empty state, 500 */
    CU_ASSERT_EQUAL(breach_dataset_get(ds, 2, &in, &e), BREACH_OK);
    CU_ASSERT_EQUAL(in.entity_region, BREACH_REGION_NONE);
    CHECK_EQ_LL(in.affected.value, 500);
    CU_ASSERT_EQUAL(in.affected.qualifier, BREACH_COUNT_EXACT);
    CU_ASSERT_EQUAL(in.business_associate, BREACH_TRI_NO);
    CU_ASSERT_EQUAL(in.types, BREACH_TYPE_BIT(BREACH_TYPE_THEFT));
    CU_ASSERT_EQUAL(in.locations, BREACH_LOC_BIT(BREACH_LOC_LAPTOP));
    /* row 5: stray spaces kept, folded by the key; DC; "\N" is no summary */
    CU_ASSERT_EQUAL(breach_dataset_get(ds, 4, &in, &e), BREACH_OK);
    CHECK_STR(in.entity, "  Stray Spaces Health  ");
    CHECK_STR(in.entity_key, "stray spaces health");
    CU_ASSERT_EQUAL(in.entity_region, reg("US-DC"));
    CU_ASSERT_EQUAL(in.types, BREACH_TYPE_BIT(BREACH_TYPE_THEFT) |
                                  BREACH_TYPE_BIT(BREACH_TYPE_UNAUTHORIZED_ACCESS));
    CU_ASSERT_EQUAL(in.locations, BREACH_LOC_BIT(BREACH_LOC_PAPER) |
                                      BREACH_LOC_BIT(BREACH_LOC_EMAIL) |
                                      BREACH_LOC_BIT(BREACH_LOC_PORTABLE_DEVICE));
    CU_ASSERT_PTR_NULL(in.summary);
    /* row 6: PR, empty type, empty count, empty entity type, empty BA */
    CU_ASSERT_EQUAL(breach_dataset_get(ds, 5, &in, &e), BREACH_OK);
    CU_ASSERT_EQUAL(in.entity_region, reg("US-PR"));
    CU_ASSERT_PTR_NULL(in.entity_type);
    CU_ASSERT_EQUAL(in.affected.qualifier, BREACH_COUNT_UNKNOWN);
    CU_ASSERT_EQUAL(in.types, 0);
    CU_ASSERT_EQUAL(in.locations, BREACH_LOC_BIT(BREACH_LOC_DESKTOP) |
                                      BREACH_LOC_BIT(BREACH_LOC_EMR) |
                                      BREACH_LOC_BIT(BREACH_LOC_OTHER));
    CU_ASSERT_EQUAL(in.business_associate, BREACH_TRI_UNKNOWN);
    /* row 7: the other types, LF inside quotes */
    CU_ASSERT_EQUAL(breach_dataset_get(ds, 6, &in, &e), BREACH_OK);
    CU_ASSERT_EQUAL(in.entity_region, reg("US-ME"));
    CU_ASSERT_EQUAL(in.types, BREACH_TYPE_BIT(BREACH_TYPE_LOSS) |
                                  BREACH_TYPE_BIT(BREACH_TYPE_IMPROPER_DISPOSAL) |
                                  BREACH_TYPE_BIT(BREACH_TYPE_OTHER) |
                                  BREACH_TYPE_BIT(BREACH_TYPE_UNKNOWN));
    CHECK_STR(in.summary, "Line one\nline two");
    CHECK_STR(in.source, "hhs-sample.csv row 7");
    breach_report_free(rep);
    breach_dataset_free(ds);
}

static void test_sample_warnings(void)
{
    breach_error e;
    breach_report *rep = breach_report_new();
    int rc;
    breach_dataset *ds = load(src_path(SAMPLE), 0, rep, &rc, &e);
    CU_ASSERT_EQUAL_FATAL(rc, BREACH_OK);
    /* rows 3, 4 (500) and 5 (501) are placeholders; row 4 repeats row 3; row 6 has an empty
       count and an empty Type of Breach */
    CHECK_EQ_LL(breach_report_n_warnings(rep), 6);
    CHECK_EQ_LL(n_warnings(rep, BREACH_WARN_PLACEHOLDER), 3);
    CHECK_EQ_LL(n_warnings(rep, BREACH_WARN_DUPLICATE), 1);
    CHECK_EQ_LL(n_warnings(rep, BREACH_WARN_OTHER), 2);
    breach_issue is;
    /* row 1 spans lines 2-4 (two CRLF inside quotes), so row 3 is line 6; Individuals
       Affected starts at byte 41 of '"Small Clinic","","Healthcare Provider","500",...' */
    CU_ASSERT_EQUAL(breach_report_warning(rep, 0, &is), BREACH_OK);
    CU_ASSERT_EQUAL(is.code, BREACH_WARN_PLACEHOLDER);
    CHECK_EQ_LL(is.row, 3);
    CHECK_EQ_LL(is.line, 6);
    CHECK_EQ_LL(is.column, 41);
    CHECK_STR(breach_report_warning_source(rep, 0), src_path(SAMPLE));
    CU_ASSERT_EQUAL(breach_report_warning(rep, 2, &is), BREACH_OK);
    CU_ASSERT_EQUAL(is.code, BREACH_WARN_DUPLICATE);
    CHECK_EQ_LL(is.row, 4);
    CHECK_EQ_LL(is.line, 7);
    CHECK_STR(is.text, "row 4 is identical to row 3 (line 6); both are kept");
    CU_ASSERT_EQUAL(breach_report_warning(rep, 3, &is), BREACH_OK);
    CU_ASSERT_EQUAL(is.code, BREACH_WARN_PLACEHOLDER);
    CHECK_EQ_LL(is.row, 5);
    CU_ASSERT_PTR_NOT_NULL(strstr(is.text, "501"));
    CU_ASSERT_EQUAL(breach_report_warning(rep, 4, &is), BREACH_OK);
    CHECK_EQ_LL(is.row, 6);
    CU_ASSERT_PTR_NOT_NULL(strstr(is.text, "Individuals Affected is empty"));
    CU_ASSERT_EQUAL(breach_report_warning(rep, 5, &is), BREACH_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(is.text, "Type of Breach is empty"));
    /* the duplicate is kept */
    breach_incident a, b;
    breach_dataset_get(ds, 2, &a, NULL);
    breach_dataset_get(ds, 3, &b, NULL);
    CHECK_STR(a.entity, b.entity);
    CHECK_STR(b.id, "hhs:hhs-sample.csv:4");
    /* and flagged, the first of the two not: the overview counts it and its 500 (row 4 of
       the sample, by hand) */
    CHECK_EQ_LL(a.flags & BREACH_FLAG_IDENTICAL, 0);
    CHECK_EQ_LL(b.flags, BREACH_FLAG_SEPARATE | BREACH_FLAG_IDENTICAL | BREACH_FLAG_PLACEHOLDER);
    /* the placeholders are marked as such (rows 3, 4: 500; row 5: 501), the others not */
    for (size_t k = 0; k < breach_dataset_size(ds); k++) {
        breach_incident in;
        breach_dataset_get(ds, k, &in, NULL);
        CHECK_EQ_LL((in.flags & BREACH_FLAG_PLACEHOLDER) != 0, k >= 2 && k <= 4);
    }
    breach_overview *ov = breach_overview_compute(ds, NULL, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ov);
    CHECK_EQ_LL(ov->n_identical, 1);
    CHECK_EQ_LL(ov->identical_by_unit[BREACH_UNIT_INDIVIDUALS], b.affected.value);
    CHECK_EQ_LL(b.affected.value, 500);
    breach_overview_free(ov);
    breach_report_free(rep);
    breach_dataset_free(ds);
}

/* Rows of one business associate add up: none supersedes another, even with a vendor. */
static void test_separate_rows(void)
{
    breach_error e;
    int rc;
    breach_dataset *ds = load(src_path(SAMPLE), 0, NULL, &rc, &e);
    CU_ASSERT_EQUAL_FATAL(rc, BREACH_OK);
    /* give the two Brightline rows one campaign, as a user tagging them would */
    breach_dataset *tagged = breach_dataset_new(&e);
    for (size_t i = 0; i < 2; i++) {
        breach_incident in;
        breach_dataset_get(ds, i, &in, NULL);
        in.vendor = "Fortra GoAnywhere";
        CU_ASSERT(breach_dataset_add(tagged, &in, &e) >= 0);
    }
    bool sup[2];
    CHECK_EQ_LL(breach_dataset_superseded(tagged, NULL, sup, &e), 0);
    CU_ASSERT_FALSE(sup[0]);
    CU_ASSERT_FALSE(sup[1]);
    breach_dataset_free(tagged);
    breach_dataset_free(ds);
}

static void test_damaged_header(void)
{
    breach_error e;
    breach_report *rep = breach_report_new();
    int rc;
    breach_dataset *ds = load(src_path("tests/data/hhs-damaged-header.csv"), 0, rep, &rc, &e);
    show(rc, &e);
    CU_ASSERT_EQUAL_FATAL(rc, BREACH_OK);
    CHECK_EQ_LL(breach_report_rows_loaded(rep), 3);
    breach_issue is;
    CU_ASSERT_EQUAL_FATAL(breach_report_warning(rep, 0, &is), BREACH_OK);
    CU_ASSERT_EQUAL(is.code, BREACH_WARN_HEADER);
    CHECK_EQ_LL(is.row, 0);
    CHECK_EQ_LL(is.line, 1);
    CHECK_EQ_LL(is.column, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(is.text, "'Name of Covered Entit'"));
    breach_incident in;
    breach_dataset_get(ds, 0, &in, NULL);
    CHECK_STR(in.entity, "Brightline, Inc.");
    CHECK_EQ_LL(in.affected.value, 199753);
    CU_ASSERT_EQUAL(in.locations,
                    BREACH_LOC_BIT(BREACH_LOC_NETWORK_SERVER) | BREACH_LOC_BIT(BREACH_LOC_OTHER));
    CU_ASSERT_PTR_NOT_NULL(in.summary);
    /* the detector sees the layout too */
    CHECK_STR(breach_format_detect_file(src_path("tests/data/hhs-damaged-header.csv"), &e), "hhs");
    breach_report_free(rep);
    breach_dataset_free(ds);
}

/* 8 columns by name, in another order, without Web Description. */
static void test_eight_columns(void)
{
    breach_error e;
    breach_report *rep = breach_report_new();
    int rc;
    breach_dataset *ds = load(src_path("tests/data/hhs-8col.csv"), 0, rep, &rc, &e);
    show(rc, &e);
    CU_ASSERT_EQUAL_FATAL(rc, BREACH_OK);
    CHECK_EQ_LL(breach_report_n_warnings(rep), 0);
    breach_incident in;
    breach_dataset_get(ds, 0, &in, NULL);
    CHECK_STR(in.entity, "NationsBenefits Holdings, LLC");
    CU_ASSERT_EQUAL(in.entity_region, reg("US-FL"));
    CHECK_EQ_LL(in.affected.value, 3037303);
    check_date(in.reported, 2023, 4, 13);
    CU_ASSERT_PTR_NULL(in.summary);
    breach_report_free(rep);
    breach_dataset_free(ds);
}

/* ---------------------------------------------------------------- error paths */

/* Every rejected row of tests/data/hhs-bad-rows.csv, with its place: lines and byte columns
 * counted in the file (python3: line.encode() offsets of the field's opening quote, + 1). */
static void test_bad_rows_lenient(void)
{
    breach_error e;
    breach_report *rep = breach_report_new();
    int rc;
    breach_dataset *ds = load(src_path("tests/data/hhs-bad-rows.csv"), 1, rep, &rc, &e);
    show(rc, &e);
    CU_ASSERT_EQUAL_FATAL(rc, BREACH_OK);
    CHECK_EQ_LL(breach_report_rows_read(rep), 13);
    CHECK_EQ_LL(breach_report_rows_loaded(rep), 1);
    CHECK_EQ_LL(breach_report_rows_rejected(rep), 12);
    CHECK_EQ_LL(breach_report_n_rejects(rep), 12);
    static const struct {
        int code;
        long line, column;
        const char *text;
    } want[] = {
        {BREACH_ETYPE, 2, 51, "Type of Breach: 'Hacking'"},
        {BREACH_ETYPE, 3, 63, "Location of Breached Information: 'Cloud'"},
        {BREACH_EREGION, 4, 13, "State"},
        {BREACH_ECOUNT, 5, 32, "'1,000' is not a whole number"},
        {BREACH_EDATE, 6, 38, "'2020-01-02' is not MM/DD/YYYY"},
        {BREACH_EDATE, 7, 45, "Breach Submission Date"},
        {BREACH_EPARSE, 8, 66, "'Maybe'"},
        {BREACH_EPARSE, 9, 1, "Name of Covered Entity is empty"},
        {BREACH_EPARSE, 10, 53, "empty value"},
        {BREACH_EOVERFLOW, 11, 31, "Individuals Affected"},
        /* a row of 4 fields: the place just past its last byte (37 bytes on line 13) */
        {BREACH_EPARSE, 13, 38, "the row ends after 4 fields at column 38, the header has 9"},
        {BREACH_EPARSE, 14, 74, "not closed"},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        breach_issue is;
        CU_ASSERT_EQUAL_FATAL(breach_report_reject(rep, i, &is), BREACH_OK);
        if (is.code != want[i].code || is.line != want[i].line || is.column != want[i].column ||
            !strstr(is.text, want[i].text))
            fprintf(stderr, "\n  reject %zu: %d %ld:%ld %s\n", i, is.code, is.line, is.column,
                    is.text);
        CHECK_EQ_LL(is.code, want[i].code);
        CHECK_EQ_LL(is.line, want[i].line);
        CHECK_EQ_LL(is.column, want[i].column);
        CU_ASSERT_PTR_NOT_NULL(strstr(is.text, want[i].text));
    }
    CHECK_EQ_LL(breach_dataset_size(ds), 1);
    breach_incident in;
    breach_dataset_get(ds, 0, &in, NULL);
    CHECK_STR(in.entity, "Good Row");
    CHECK_STR(in.id, "hhs:hhs-bad-rows.csv:11");
    breach_report_free(rep);
    breach_dataset_free(ds);
}

static void test_bad_rows_strict(void)
{
    breach_error e;
    breach_report *rep = breach_report_new();
    int rc;
    breach_dataset *ds = load(src_path("tests/data/hhs-bad-rows.csv"), 0, rep, &rc, &e);
    CU_ASSERT_EQUAL(rc, BREACH_ETYPE);
    CU_ASSERT_EQUAL(e.code, BREACH_ETYPE);
    CHECK_STR(e.source, src_path("tests/data/hhs-bad-rows.csv"));
    CHECK_EQ_LL(e.line, 2);
    CHECK_EQ_LL(e.column, 51);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.text, "row 1: Type of Breach: 'Hacking'"));
    CHECK_EQ_LL(breach_report_rows_read(rep), 1);
    CHECK_EQ_LL(breach_report_rows_loaded(rep), 0);
    CHECK_EQ_LL(breach_report_rows_rejected(rep), 1);
    breach_report_free(rep);
    breach_dataset_free(ds);
}

static void test_header_errors(void)
{
    breach_error e;
    int rc;
    breach_dataset *ds;
    ds = load(src_path("tests/data/hhs-bad-header.csv"), 1, NULL, &rc, &e);
    CU_ASSERT_EQUAL(rc, BREACH_EFORMAT);
    CHECK_EQ_LL(e.line, 1);
    CHECK_EQ_LL(e.column, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.text, "'Organisation'"));
    CHECK_EQ_LL(breach_dataset_size(ds), 0);
    breach_dataset_free(ds);

    ds = load(src_path("tests/data/hhs-missing-column.csv"), 1, NULL, &rc, &e);
    CU_ASSERT_EQUAL(rc, BREACH_EFORMAT);
    CHECK_EQ_LL(e.line, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.text, "'Individuals Affected'"));
    breach_dataset_free(ds);

    ds = load(src_path("tests/data/empty.csv"), 1, NULL, &rc, &e);
    CU_ASSERT_EQUAL(rc, BREACH_EFORMAT);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.text, "empty file"));
    breach_dataset_free(ds);

    ds = load(src_path("tests/data/no-such-file.csv"), 1, NULL, &rc, &e);
    CU_ASSERT_EQUAL(rc, BREACH_EIO);
    CHECK_STR(e.source, src_path("tests/data/no-such-file.csv"));
    breach_dataset_free(ds);

    /* 'Caf\xE9' in Latin-1: the name field at line 2, column 1 */
    breach_report *rep = breach_report_new();
    ds = load(src_path("tests/data/hhs-bad-utf8.csv"), 0, rep, &rc, &e);
    CU_ASSERT_EQUAL(rc, BREACH_EENCODING);
    CHECK_EQ_LL(e.line, 2);
    CHECK_EQ_LL(e.column, 1);
    CHECK_EQ_LL(breach_report_rows_rejected(rep), 1);
    breach_report_free(rep);
    breach_dataset_free(ds);

    CU_ASSERT_EQUAL(breach_hhs_read_file(NULL, "x", NULL, NULL, &e), BREACH_EINVAL);
    CU_ASSERT_EQUAL(breach_hhs_read_buffer(NULL, "", 0, NULL, NULL, &e), BREACH_EINVAL);
}

/* From memory: the name given, else "<buffer>"; CRLF record ends. */
static void test_buffer(void)
{
    const char text[] = "\"Name of Covered Entity\",\"State\",\"Covered Entity Type\","
                        "\"Individuals Affected\",\"Breach Submission Date\",\"Type of Breach\","
                        "\"Location of Breached Information\",\"Business Associate Present\","
                        "\"Web Description\"\r\n"
                        "\"Acme\",\"TX\",\"Health Plan\",\"1234\",\"1/2/2021\",\"Theft\","
                        "\"Laptop\",\"No\",\"\"\r\n";
    breach_error e;
    breach_dataset *ds = breach_dataset_new(&e);
    CU_ASSERT_EQUAL_FATAL(breach_hhs_read_buffer(ds, text, sizeof text - 1, NULL, NULL, &e),
                          BREACH_OK);
    breach_incident in;
    breach_dataset_get(ds, 0, &in, NULL);
    CHECK_STR(in.id, "hhs:<buffer>:1");
    check_date(in.reported, 2021, 1, 2);
    breach_load_options o;
    breach_load_options_init(&o);
    o.source_name = "portal/export.csv";
    CU_ASSERT_EQUAL(breach_hhs_read_buffer(ds, text, sizeof text - 1, &o, NULL, &e), BREACH_OK);
    breach_dataset_get(ds, 1, &in, NULL);
    CHECK_STR(in.id, "hhs:export.csv:1");
    CHECK_STR(in.source, "export.csv row 1");
    /* a blank line is no row; an empty date is unknown, with a warning */
    const char text2[] = "\"Name of Covered Entity\",\"State\",\"Covered Entity Type\","
                         "\"Individuals Affected\",\"Breach Submission Date\",\"Type of Breach\","
                         "\"Location of Breached Information\",\"Business Associate Present\"\n"
                         "\n"
                         "\"Acme\",\"TX\",\"Health Plan\",\"1234\",\"\",\"Theft\","
                         "\"Laptop\",\"No\"\n";
    breach_report *rep = breach_report_new();
    CU_ASSERT_EQUAL(breach_hhs_read_buffer(ds, text2, sizeof text2 - 1, NULL, rep, &e), BREACH_OK);
    CHECK_EQ_LL(breach_report_rows_read(rep), 1);
    breach_issue is;
    CU_ASSERT_EQUAL_FATAL(breach_report_warning(rep, 0, &is), BREACH_OK);
    CHECK_STR(is.text, "Breach Submission Date is empty");
    CHECK_EQ_LL(is.line, 3);
    CHECK_EQ_LL(is.column, 34); /* '"Acme","TX","Health Plan","1234",' is 33 bytes */
    breach_dataset_get(ds, 2, &in, NULL);
    CU_ASSERT_FALSE(breach_date_is_known(in.reported));
    breach_report_free(rep);
    breach_dataset_free(ds);
}

/* An error inside a multi-line quoted field (a NUL byte, the 16 MiB limit) rejects that
 * record only: the reader goes on to the field's closing quote, so the rest of the field is
 * not read as rows and the lines that follow keep their numbers. */
static void test_quoted_error_resync(void)
{
    /* line 1 header; lines 2-5 one record whose Web Description holds a NUL on line 4, at
       column 4 ("thi" before it), and "" pairs that must not end the field; line 6 a good
       row; line 7 a bad date */
    static const char text[] =
        "\"Name of Covered Entity\",\"State\",\"Covered Entity Type\","
        "\"Individuals Affected\",\"Breach Submission Date\",\"Type of Breach\","
        "\"Location of Breached Information\",\"Business Associate Present\","
        "\"Web Description\"\n"
        "\"Acme\",\"TX\",\"Health Plan\",\"1234\",\"1/2/2021\",\"Theft\",\"Laptop\",\"No\",\"first\n"
        "second \"\"quoted\"\", still inside\n"
        "thi\0rd \"\"x\"\",\n"
        "end\"\n"
        "\"Beta\",\"TX\",\"Health Plan\",\"500\",\"1/3/2021\",\"Theft\",\"Laptop\",\"No\",\"\"\n"
        "\"Gamma\",\"TX\",\"Health Plan\",\"700\",\"notadate\",\"Theft\",\"Laptop\",\"No\",\"\"\n";
    breach_error e;
    breach_dataset *ds = breach_dataset_new(&e);
    breach_report *rep = breach_report_new();
    breach_load_options o;
    breach_load_options_init(&o);
    o.lenient = true;
    int rc = breach_hhs_read_buffer(ds, text, sizeof text - 1, &o, rep, &e);
    show(rc, &e);
    CU_ASSERT_EQUAL_FATAL(rc, BREACH_OK);
    /* three records: Acme (rejected), Beta (loaded), Gamma (rejected) */
    CHECK_EQ_LL(breach_report_rows_read(rep), 3);
    CHECK_EQ_LL(breach_report_rows_loaded(rep), 1);
    CHECK_EQ_LL(breach_report_rows_rejected(rep), 2);
    breach_issue is;
    CU_ASSERT_EQUAL_FATAL(breach_report_reject(rep, 0, &is), BREACH_OK);
    CHECK_EQ_LL(is.code, BREACH_EENCODING);
    CHECK_EQ_LL(is.row, 1);
    CHECK_EQ_LL(is.line, 4);
    CHECK_EQ_LL(is.column, 4);
    CU_ASSERT_EQUAL_FATAL(breach_report_reject(rep, 1, &is), BREACH_OK);
    CHECK_EQ_LL(is.row, 3);
    CHECK_EQ_LL(is.line, 7);
    CHECK_EQ_LL(is.column, 34); /* '"Gamma","TX","Health Plan","700",' is 33 bytes */
    CU_ASSERT_PTR_NOT_NULL(strstr(is.text, "notadate"));
    CHECK_EQ_LL(breach_dataset_size(ds), 1);
    breach_incident in;
    breach_dataset_get(ds, 0, &in, NULL);
    CHECK_STR(in.entity, "Beta");
    CHECK_STR(in.id, "hhs:<buffer>:2");
    breach_report_free(rep);
    breach_dataset_free(ds);

    /* the canonical loader reads through the same tokenizer: lines 2-5 one record with a
       NUL on line 4 at column 4, line 6 good, line 7 a bad date (column 3, after "C,") */
    static const char canon[] = "entity,reported,summary\n"
                                "A,2023-01-01,\"first\nsecond \"\"q\"\"\nthi\0rd\"\"\nend\"\n"
                                "B,2023-02-01,fine\n"
                                "C,notadate,x\n";
    ds = breach_dataset_new(&e);
    rep = breach_report_new();
    rc = breach_csv_read_buffer(ds, canon, sizeof canon - 1, &o, rep, &e);
    show(rc, &e);
    CU_ASSERT_EQUAL_FATAL(rc, BREACH_OK);
    CHECK_EQ_LL(breach_report_rows_read(rep), 3);
    CHECK_EQ_LL(breach_report_rows_loaded(rep), 1);
    CHECK_EQ_LL(breach_report_rows_rejected(rep), 2);
    CU_ASSERT_EQUAL_FATAL(breach_report_reject(rep, 0, &is), BREACH_OK);
    CHECK_EQ_LL(is.code, BREACH_EENCODING);
    CHECK_EQ_LL(is.line, 4);
    CHECK_EQ_LL(is.column, 4);
    CU_ASSERT_EQUAL_FATAL(breach_report_reject(rep, 1, &is), BREACH_OK);
    CHECK_EQ_LL(is.row, 3);
    CHECK_EQ_LL(is.line, 7);
    CHECK_EQ_LL(is.column, 3);
    breach_dataset_get(ds, 0, &in, NULL);
    CHECK_STR(in.entity, "B");
    breach_report_free(rep);
    breach_dataset_free(ds);

    /* a quoted field over the 16 MiB limit, with line breaks and "" before its closing quote:
       line 2 'A,2023-01-01,"a', line 3 'b', line 4 the 16 MiB + 1 bytes, line 5 'c""d',
       line 6 'end"', line 7 good, line 8 a bad date. The error is placed at the field's start:
       line 2, column 14 ("A,2023-01-01," is 13 bytes). */
    static const char head[] = "entity,reported,summary\nA,2023-01-01,\"a\nb\n";
    static const char tail[] = "\nc\"\"d\nend\"\nB,2023-02-01,fine\nC,notadate,x\n";
    size_t big = ((size_t)16 << 20) + 1;
    size_t n = sizeof head - 1 + big + sizeof tail - 1;
    char *buf = malloc(n);
    CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
    memcpy(buf, head, sizeof head - 1);
    memset(buf + sizeof head - 1, 'x', big);
    memcpy(buf + sizeof head - 1 + big, tail, sizeof tail - 1);
    ds = breach_dataset_new(&e);
    rep = breach_report_new();
    rc = breach_csv_read_buffer(ds, buf, n, &o, rep, &e);
    show(rc, &e);
    CU_ASSERT_EQUAL_FATAL(rc, BREACH_OK);
    CHECK_EQ_LL(breach_report_rows_read(rep), 3);
    CHECK_EQ_LL(breach_report_rows_loaded(rep), 1);
    CHECK_EQ_LL(breach_report_rows_rejected(rep), 2);
    CU_ASSERT_EQUAL_FATAL(breach_report_reject(rep, 0, &is), BREACH_OK);
    CHECK_EQ_LL(is.code, BREACH_ELIMIT);
    CHECK_EQ_LL(is.line, 2);
    CHECK_EQ_LL(is.column, 14);
    CU_ASSERT_EQUAL_FATAL(breach_report_reject(rep, 1, &is), BREACH_OK);
    CHECK_EQ_LL(is.line, 8);
    breach_dataset_get(ds, 0, &in, NULL);
    CHECK_STR(in.entity, "B");
    breach_report_free(rep);
    breach_dataset_free(ds);

    /* a NUL in a quoted field that is never closed: the rest of the input is that field,
       so one reject and nothing after it */
    static const char open_end[] = "entity,reported,summary\n"
                                   "A,2023-01-01,\"fi\0rst\nB,2023-02-01,fine\n";
    ds = breach_dataset_new(&e);
    rep = breach_report_new();
    CU_ASSERT_EQUAL(breach_csv_read_buffer(ds, open_end, sizeof open_end - 1, &o, rep, &e),
                    BREACH_OK);
    CHECK_EQ_LL(breach_report_rows_read(rep), 1);
    CHECK_EQ_LL(breach_report_rows_rejected(rep), 1);
    CHECK_EQ_LL(breach_dataset_size(ds), 0);
    breach_report_free(rep);
    breach_dataset_free(ds);
    free(buf);
}

/* A submission date before 1900 ("1/2/1821", a typo of 2021) is warned about with its row
 * and left unknown (plausible_private.h); the row is kept. By hand. */
static void test_implausible_date(void)
{
    static const char hhs[] = "\"Name of Covered Entity\",\"State\",\"Covered Entity Type\","
                              "\"Individuals Affected\",\"Breach Submission Date\",\"Type of Breach\","
                              "\"Location of Breached Information\",\"Business Associate Present\"\n"
                              "\"Acme\",\"TX\",\"Health Plan\",\"1234\",\"1/2/1821\",\"Theft\","
                              "\"Laptop\",\"No\"\n";
    breach_error e;
    breach_dataset *ds = breach_dataset_new(&e);
    breach_report *rep = breach_report_new();
    CU_ASSERT_EQUAL_FATAL(breach_hhs_read_buffer(ds, hhs, sizeof hhs - 1, NULL, rep, &e),
                          BREACH_OK);
    CHECK_EQ_LL(breach_report_rows_loaded(rep), 1);
    CHECK_EQ_LL(breach_report_n_warnings(rep), 1);
    breach_issue w;
    CU_ASSERT_EQUAL_FATAL(breach_report_warning(rep, 0, &w), BREACH_OK);
    CHECK_EQ_LL(w.row, 1);
    CHECK_EQ_LL(w.line, 2);
    CHECK_STR(w.text, "Breach Submission Date 1821-01-02 is before 1900: not a plausible date, "
                      "left unknown (kept out of time statistics)");
    breach_incident in;
    breach_dataset_get(ds, 0, &in, NULL);
    CU_ASSERT(!breach_date_is_known(in.reported));
    breach_report_free(rep);
    breach_dataset_free(ds);
}

/* Counts no notice can state (plausible_private.h): above the world's population
 * (8,200,000,000) one is warned about at its cell and left unknown (18,446,744,073,709,551,615
 * was the total, silently); below the portal's 500 it is warned about and kept (0 loaded
 * silently). Every row is kept. The count's cell starts at column 27 ("Acme","TX","Health
 * Plan", is 26 bytes); values by hand. */
static void test_implausible_count(void)
{
    static const char hhs[] = "\"Name of Covered Entity\",\"State\",\"Covered Entity Type\","
                              "\"Individuals Affected\",\"Breach Submission Date\",\"Type of Breach\","
                              "\"Location of Breached Information\",\"Business Associate Present\"\n"
                              "\"Acme\",\"TX\",\"Health Plan\",\"18446744073709551615\",\"1/2/2023\",\"Theft\",\"Laptop\",\"No\"\n"
                              "\"Bcme\",\"TX\",\"Health Plan\",\"8200000000\",\"1/3/2023\",\"Theft\",\"Laptop\",\"No\"\n"
                              "\"Ccme\",\"TX\",\"Health Plan\",\"8200000001\",\"1/4/2023\",\"Theft\",\"Laptop\",\"No\"\n"
                              "\"Dcme\",\"TX\",\"Health Plan\",\"0\",\"1/5/2023\",\"Theft\",\"Laptop\",\"No\"\n"
                              "\"Ecme\",\"TX\",\"Health Plan\",\"499\",\"1/6/2023\",\"Theft\",\"Laptop\",\"No\"\n";
    breach_error e;
    breach_dataset *ds = breach_dataset_new(&e);
    breach_report *rep = breach_report_new();
    CU_ASSERT_EQUAL_FATAL(breach_hhs_read_buffer(ds, hhs, sizeof hhs - 1, NULL, rep, &e),
                          BREACH_OK);
    CHECK_EQ_LL(breach_report_rows_loaded(rep), 5);
    CHECK_EQ_LL(breach_report_n_warnings(rep), 4);
    static const struct {
        long row;
        const char *text;
    } want[] = {
        {1, "Individuals Affected 18446744073709551615 is more than the world's population "
            "(8,200,000,000): not a count of individuals, left unknown (kept out of size "
            "statistics)"},
        {3, "Individuals Affected 8200000001 is more than the world's population "
            "(8,200,000,000): not a count of individuals, left unknown (kept out of size "
            "statistics)"},
        {4, "Individuals Affected 0 is below 500, the smallest breach this source lists: kept "
            "as given"},
        {5, "Individuals Affected 499 is below 500, the smallest breach this source lists: kept "
            "as given"},
    };
    for (size_t k = 0; k < 4; k++) {
        breach_issue w;
        CU_ASSERT_EQUAL_FATAL(breach_report_warning(rep, k, &w), BREACH_OK);
        CHECK_EQ_LL(w.code, BREACH_WARN_OTHER);
        CHECK_EQ_LL(w.row, want[k].row);
        CHECK_EQ_LL(w.line, want[k].row + 1);
        CHECK_EQ_LL(w.column, 27);
        CHECK_STR(w.text, want[k].text);
    }
    static const long long value[] = {-1, 8200000000ll, -1, 0, 499};
    for (size_t i = 0; i < 5; i++) {
        breach_incident in;
        breach_dataset_get(ds, i, &in, NULL);
        CHECK_EQ_LL(in.affected.qualifier,
                    value[i] < 0 ? BREACH_COUNT_UNKNOWN : BREACH_COUNT_EXACT);
        if (value[i] >= 0)
            CHECK_EQ_LL((long long)in.affected.value, value[i]);
    }
    /* two of them once made the overview fail (2^64-1 twice); now 8,200,000,000 + 0 + 499 */
    breach_overview *o = breach_overview_compute(ds, NULL, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(o);
    CHECK_EQ_LL((long long)o->by_unit[BREACH_UNIT_INDIVIDUALS].point, 8200000499ll);
    breach_overview_free(o);
    breach_report_free(rep);
    breach_dataset_free(ds);
}

/* breach_load_options.reserved_ must be zero: EINVAL before anything is read, for the HHS
 * and the canonical loaders, from a buffer and from a file. */
static void test_reserved_options(void)
{
    static const char hhs[] = "\"Name of Covered Entity\",\"State\",\"Covered Entity Type\","
                              "\"Individuals Affected\",\"Breach Submission Date\",\"Type of Breach\","
                              "\"Location of Breached Information\",\"Business Associate Present\"\n"
                              "\"Acme\",\"TX\",\"Health Plan\",\"1234\",\"1/2/2021\",\"Theft\","
                              "\"Laptop\",\"No\"\n";
    static const char canon[] = "entity,reported\nA,2023-01-01\n";
    breach_error e;
    breach_dataset *ds = breach_dataset_new(&e);
    breach_report *rep = breach_report_new();
    breach_load_options o;
    breach_load_options_init(&o);
    o.reserved_[2] = 1;
    CU_ASSERT_EQUAL(breach_hhs_read_buffer(ds, hhs, sizeof hhs - 1, &o, rep, &e), BREACH_EINVAL);
    CHECK_EQ_LL(e.code, BREACH_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.text, "reserved"));
    CU_ASSERT_EQUAL(breach_hhs_read_file(ds, src_path(SAMPLE), &o, rep, &e), BREACH_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.text, "reserved"));
    CU_ASSERT_EQUAL(breach_csv_read_buffer(ds, canon, sizeof canon - 1, &o, rep, &e),
                    BREACH_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.text, "reserved"));
    /* checked before the header, so even a file of another format gives EINVAL */
    CU_ASSERT_EQUAL(breach_csv_read_file(ds, src_path(SAMPLE), &o, rep, &e), BREACH_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.text, "reserved"));
    CHECK_EQ_LL(breach_report_rows_read(rep), 0);
    CHECK_EQ_LL(breach_dataset_size(ds), 0);
    o.reserved_[2] = 0;
    o.reserved32_ = 1; /* the word beside `threads` too */
    CU_ASSERT_EQUAL(breach_csv_read_buffer(ds, canon, sizeof canon - 1, &o, rep, &e),
                    BREACH_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.text, "reserved"));
    CHECK_EQ_LL(breach_dataset_size(ds), 0);
    /* the same options with the fields cleared load */
    o.reserved32_ = 0;
    CU_ASSERT_EQUAL(breach_hhs_read_buffer(ds, hhs, sizeof hhs - 1, &o, rep, &e), BREACH_OK);
    CU_ASSERT_EQUAL(breach_csv_read_buffer(ds, canon, sizeof canon - 1, &o, rep, &e), BREACH_OK);
    CHECK_EQ_LL(breach_dataset_size(ds), 2);
    breach_report_free(rep);
    breach_dataset_free(ds);
}

static void test_detect_and_load(void)
{
    breach_error e;
    CHECK_STR(breach_format_detect_file(src_path(SAMPLE), &e), "hhs");
    CHECK_STR(breach_format_detect_file(src_path("tests/data/hhs-8col.csv"), &e), "hhs");
    breach_dataset *ds = breach_dataset_new(&e);
    breach_report *rep = breach_report_new();
    CU_ASSERT_EQUAL(breach_load(ds, src_path(SAMPLE), NULL, NULL, rep, &e), BREACH_OK);
    CU_ASSERT_EQUAL(breach_load(ds, src_path(SAMPLE), "HHS", NULL, rep, &e), BREACH_OK);
    CHECK_EQ_LL(breach_report_rows_loaded(rep), 14);
    /* the unfamiliar header with rows of another shape cannot be told */
    CU_ASSERT_PTR_NULL(breach_format_detect_file(src_path("tests/data/hhs-bad-header.csv"), &e));
    CU_ASSERT_EQUAL(e.code, BREACH_EFORMAT);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.text, "'Organisation', 'Where', 'Kind', ..."));
    breach_report_free(rep);
    breach_dataset_free(ds);
}

/* ---------------------------------------------------------------- real exports */

/* Rows of an exact entity name: how many and their sum. */
static void entity_total(const breach_dataset *ds, const char *name, size_t *n, uint64_t *sum)
{
    *n = 0;
    *sum = 0;
    for (size_t i = 0; i < breach_dataset_size(ds); i++) {
        breach_incident in;
        breach_dataset_get(ds, i, &in, NULL);
        if (in.entity && strcmp(in.entity, name) == 0) {
            (*n)++;
            *sum += in.affected.value;
        }
    }
}

static void test_real_archive_2024(void)
{
    const char *path = shared_path(ARCHIVE_2024);
    if (!path)
        return;
    breach_error e;
    breach_report *rep = breach_report_new();
    int rc;
    breach_dataset *ds = load(path, 0, rep, &rc, &e);
    show(rc, &e);
    CU_ASSERT_EQUAL_FATAL(rc, BREACH_OK);
    /* python3 -c "import csv; print(len(list(csv.reader(open('Source_Breach_Report.csv',
       newline='',encoding='utf-8'))))-1)"  -> 5371 */
    CHECK_EQ_LL(breach_report_rows_read(rep), 5371);
    CHECK_EQ_LL(breach_report_rows_loaded(rep), 5371);
    CHECK_EQ_LL(breach_report_rows_rejected(rep), 0);
    /* python3 -c "import csv; r=list(csv.reader(open('Source_Breach_Report.csv',newline='',
       encoding='utf-8')))[1:]; print(sum(x[3] in ('500','501') for x in r), sum(x[3]=='' for
       x in r), sum(x[5]=='' for x in r))"  -> 87 1 1 */
    CHECK_EQ_LL(n_warnings(rep, BREACH_WARN_PLACEHOLDER), 87);
    CHECK_EQ_LL(n_warnings(rep, BREACH_WARN_OTHER), 2);
    /* python3 -c "import csv,collections; r=list(csv.reader(open('Source_Breach_Report.csv',
       newline='',encoding='utf-8')))[1:]; c=collections.Counter(map(tuple,r)); print([(i+1,x[0])
       for i,x in enumerate(r) if c[tuple(x)]>1])"
       -> rows 2502 and 2503, Fairfield Medical Center */
    CHECK_EQ_LL(n_warnings(rep, BREACH_WARN_DUPLICATE), 1);
    for (size_t i = 0; i < breach_report_n_warnings(rep); i++) {
        breach_issue is;
        breach_report_warning(rep, i, &is);
        if (is.code == BREACH_WARN_DUPLICATE) {
            CHECK_EQ_LL(is.row, 2503);
            CU_ASSERT_PTR_NOT_NULL(strstr(is.text, "identical to row 2502"));
        }
    }
    /* python3 -c "import csv; r=list(csv.reader(open('Source_Breach_Report.csv',newline='',
       encoding='utf-8')))[1:]; b=[int(x[3]) for x in r if x[0]=='Brightline, Inc.'];
       print(len(b), sum(b))"  -> 11 1013686 */
    size_t n;
    uint64_t sum;
    entity_total(ds, "Brightline, Inc.", &n, &sum);
    CHECK_EQ_LL(n, 11);
    CHECK_EQ_LL(sum, 1013686);
    /* Web Description: 5066 non-empty, of which 488 are "\N" (no summary); 50 hold CRLF.
       python3 -c "import csv; r=list(csv.reader(open('Source_Breach_Report.csv',newline='',
       encoding='utf-8')))[1:]; print(sum(x[8] not in ('','\\\\N') for x in r), sum('\r\n' in
       x[8] for x in r))"  -> 4578 50 */
    size_t with_summary = 0, with_crlf = 0, separate = 0;
    for (size_t i = 0; i < breach_dataset_size(ds); i++) {
        breach_incident in;
        breach_dataset_get(ds, i, &in, NULL);
        with_summary += in.summary != NULL;
        with_crlf += in.summary && strstr(in.summary, "\r\n");
        separate += (in.flags & BREACH_FLAG_SEPARATE) != 0;
    }
    CHECK_EQ_LL(with_summary, 4578);
    CHECK_EQ_LL(with_crlf, 50);
    CHECK_EQ_LL(separate, 5371);
    breach_report_free(rep);
    breach_dataset_free(ds);
}

/* The two 2024-07 lists in one dataset. */
static void test_real_union_2024(void)
{
    const char *archive = shared_path(ARCHIVE_2024);
    const char *open_list = shared_path(OPEN_2024);
    if (!archive || !open_list)
        return;
    breach_error e;
    breach_report *rep = breach_report_new();
    breach_dataset *ds = breach_dataset_new(&e);
    int rc = breach_hhs_read_file(ds, archive, NULL, rep, &e);
    show(rc, &e);
    CU_ASSERT_EQUAL_FATAL(rc, BREACH_OK);
    rc = breach_load(ds, open_list, NULL, NULL, rep, &e); /* detected as hhs */
    show(rc, &e);
    CU_ASSERT_EQUAL_FATAL(rc, BREACH_OK);
    /* 5371 + 908 (python3: len(rows)-1 of breach_report.csv -> 908) */
    CHECK_EQ_LL(breach_report_rows_read(rep), 6279);
    CHECK_EQ_LL(breach_report_rows_loaded(rep), 6279);
    CHECK_EQ_LL(breach_dataset_size(ds), 6279);
    /* python3 -c "import csv; r=list(csv.reader(open('breach_report.csv',newline='',
       encoding='utf-8')))[1:]; print(sum(x[3] in ('500','501') for x in r))"  -> 71 */
    CHECK_EQ_LL(n_warnings(rep, BREACH_WARN_PLACEHOLDER), 87 + 71);
    /* and the sizes say so: the same 158 placeholders among their values, all 6,278 sizes
       (python3 as above: rows whose Individuals Affected is not empty, 5,370 + 908) from
       the portal's list of breaches of 500 or more */
    breach_sizes *sz = breach_sizes_compute(ds, NULL, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(sz);
    CHECK_EQ_LL(sz->n_placeholders, 158);
    CHECK_EQ_LL(sz->n_floored, 6278);
    CHECK_EQ_LL(sz->floor, 500);
    breach_sizes_free(sz);
    /* python3 -c "import csv; r=list(csv.reader(open('breach_report.csv',newline='',
       encoding='utf-8')))[1:]; print([x[3] for x in r if x[0]=='NationsBenefits Holdings, LLC'])"
       -> ['3037303'] */
    size_t n;
    uint64_t sum;
    entity_total(ds, "NationsBenefits Holdings, LLC", &n, &sum);
    CHECK_EQ_LL(n, 1);
    CHECK_EQ_LL(sum, 3037303);
    long i = -1;
    for (size_t k = 0; k < breach_dataset_size(ds) && i < 0; k++) {
        breach_incident in;
        breach_dataset_get(ds, k, &in, NULL);
        if (strcmp(in.entity, "NationsBenefits Holdings, LLC") == 0) {
            i = (long)k;
            CU_ASSERT_EQUAL(in.entity_region, reg("US-FL"));
            CHECK_STR(in.entity_type, "Business Associate");
            check_date(in.reported, 2023, 4, 13);
            CU_ASSERT_EQUAL(in.types, BREACH_TYPE_BIT(BREACH_TYPE_HACKING));
            CU_ASSERT_EQUAL(in.locations, BREACH_LOC_BIT(BREACH_LOC_NETWORK_SERVER));
            CU_ASSERT_EQUAL(in.business_associate, BREACH_TRI_YES);
            CU_ASSERT_PTR_NOT_NULL(strstr(in.id, "hhs:breach_report.csv:"));
        }
    }
    CU_ASSERT(i >= 5371); /* from the second file */
    breach_report_free(rep);
    breach_dataset_free(ds);
}

static void test_real_2023(void)
{
    const char *path = shared_path(BOTH_2023);
    if (!path)
        return;
    breach_error e;
    breach_report *rep = breach_report_new();
    int rc;
    breach_dataset *ds = load(path, 0, rep, &rc, &e);
    show(rc, &e);
    CU_ASSERT_EQUAL_FATAL(rc, BREACH_OK);
    /* python3 -c "import csv; print(len(list(csv.reader(open('breach_report.csv',newline='',
       encoding='utf-8'))))-1)"  (snapshot-2023-05) -> 5356 */
    CHECK_EQ_LL(breach_report_rows_loaded(rep), 5356);
    CHECK_EQ_LL(breach_report_rows_rejected(rep), 0);
    /* the same Fairfield Medical Center pair, rows 2486 and 2487 here (command above) */
    CHECK_EQ_LL(n_warnings(rep, BREACH_WARN_DUPLICATE), 1);
    /* python3 -c "import csv; r=list(csv.reader(open('breach_report.csv',newline='',
       encoding='utf-8')))[1:]; b=[int(x[3]) for x in r if x[0]=='Brightline, Inc.'];
       print(len(b), sum(b), sum(x[3] in ('500','501') for x in r))"  -> 9 964300 113 */
    size_t n;
    uint64_t sum;
    entity_total(ds, "Brightline, Inc.", &n, &sum);
    CHECK_EQ_LL(n, 9);
    CHECK_EQ_LL(sum, 964300);
    CHECK_EQ_LL(n_warnings(rep, BREACH_WARN_PLACEHOLDER), 113);
    breach_report_free(rep);
    breach_dataset_free(ds);
}

/* An exact duplicate more than 8 MiB after the row it repeats (the step at which the
 * pipeline gives the read file's pages back): it is still found. The file's first row is
 * written again as its last; 150,000 distinct rows between them make about 17 MiB. The one
 * warning expected: row 150,002 identical to row 1 (line 2), counted by hand from the loop. */
static void test_duplicate_far_apart(void)
{
    char path[] = "/tmp/breach-hhs-XXXXXX";
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    FILE *f = fdopen(fd, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    static const char first[] =
        "\"Far Org\",\"CA\",\"Health Plan\",\"1000\",\"01/02/2020\",\"Theft\",\"Laptop\",\"No\",\"\"\n";
    fputs("\"Name of Covered Entity\",\"State\",\"Covered Entity Type\",\"Individuals Affected\","
          "\"Breach Submission Date\",\"Type of Breach\",\"Location of Breached Information\","
          "\"Business Associate Present\",\"Web Description\"\n", f);
    fputs(first, f);
    for (int i = 0; i < 150000; i++)
        fprintf(f, "\"Org %d\",\"CA\",\"Health Plan\",\"%d\",\"01/02/2020\",\"Theft\",\"Laptop\","
                   "\"No\",\"a description long enough to make the file large: %d\"\n", i, 1000 + i, i);
    fputs(first, f);
    CU_ASSERT_EQUAL_FATAL(fclose(f), 0);
    for (unsigned threads = 1; threads <= 2; threads++) {
        breach_dataset *ds = breach_dataset_new(NULL);
        breach_report *rep = breach_report_new();
        breach_load_options o;
        breach_load_options_init(&o);
        o.threads = threads;
        CHECK_EQ_LL(breach_hhs_read_file(ds, path, &o, rep, NULL), BREACH_OK);
        CHECK_EQ_LL(breach_report_rows_loaded(rep), 150002);
        CHECK_EQ_LL(n_warnings(rep, BREACH_WARN_DUPLICATE), 1);
        breach_issue is;
        if (breach_report_n_warnings(rep) == 1 && breach_report_warning(rep, 0, &is) == BREACH_OK) {
            CHECK_EQ_LL(is.row, 150002);
            CHECK_STR(is.text, "row 150002 is identical to row 1 (line 2); both are kept");
        }
        breach_report_free(rep);
        breach_dataset_free(ds);
    }
    unlink(path);
}

int main(void)
{
    static const test_entry tests[] = {
        {"sample: every column mapped", test_sample_fields},
        {"sample: placeholder, duplicate and empty-value warnings", test_sample_warnings},
        {"rows of one business associate add up", test_separate_rows},
        {"damaged header read by position", test_damaged_header},
        {"8 columns by name in another order", test_eight_columns},
        {"bad rows listed with their places (lenient)", test_bad_rows_lenient},
        {"strict mode stops at the first bad row", test_bad_rows_strict},
        {"header, file and encoding errors", test_header_errors},
        {"from a buffer", test_buffer},
        {"a duplicate 8 MiB after its first row is found", test_duplicate_far_apart},
        {"an error inside a quoted field skips that field only", test_quoted_error_resync},
        {"options with reserved fields set are refused", test_reserved_options},
        {"a submission date before 1900 is left unknown", test_implausible_date},
        {"a count above the world's population or below 500 is warned about",
         test_implausible_count},
        {"format detection and breach_load", test_detect_and_load},
        {"real: 2024-07 archive", test_real_archive_2024},
        {"real: 2024-07 archive + under investigation", test_real_union_2024},
        {"real: 2023-05 snapshot", test_real_2023},
        {NULL, NULL}};
    return run_suite("io_hhs", tests);
}
