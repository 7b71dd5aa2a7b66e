/* The Washington State Attorney General export loader: the crafted fixtures in
 * tests/data/wa-*.csv (every mapping, warning and error path) and the real export in
 * ../shared/data (skipped when absent). Real-data figures come from Python's csv module;
 * each command is in a comment beside its figure (run in wa-ag-breach-notifications/, with
 * F='Data_Breach_Notifications_Affecting_Washington_Residents_20240523.csv'). */
#define _POSIX_C_SOURCE 200809L /* setenv */
#include "check.h"

#define SAMPLE "tests/data/wa-sample.csv"
#define REAL "wa-ag-breach-notifications/" \
    "Data_Breach_Notifications_Affecting_Washington_Residents_20240523.csv"

static breach_dataset *load(const char *path, int lenient, breach_report *rep, int *rc,
                            breach_error *e)
{
    return load_with(breach_wa_read_file, path, lenient, rep, rc, e);
}

static void check_date(breach_date d, int y, int m, int day)
{
    int yy, mm, dd;
    CU_ASSERT_EQUAL(d.precision, BREACH_PREC_DAY);
    breach_date_to_ymd(d, &yy, &mm, &dd);
    CHECK_EQ_LL(yy * 10000 + mm * 100 + dd, y * 10000 + m * 100 + day);
}

static void test_sample(void)
{
    breach_error e;
    breach_report *rep = breach_report_new();
    int rc;
    breach_dataset *ds = load(src_path(SAMPLE), 0, rep, &rc, &e);
    show(rc, &e);
    CU_ASSERT_EQUAL_FATAL(rc, BREACH_OK);
    CHECK_EQ_LL(breach_report_rows_read(rep), 7);
    CHECK_EQ_LL(breach_report_rows_loaded(rep), 7);
    breach_incident in;

    /* row 1: "Data owner (Vendor)"; Washington residents are a regional count */
    breach_dataset_get(ds, 0, &in, NULL);
    CHECK_STR(in.id, "wa:15900");
    CHECK_STR(in.entity, "Humana, Inc. (Welltok, Inc.)");
    CHECK_STR(in.via, "Welltok, Inc.");
    CU_ASSERT_PTR_NULL(in.vendor);
    CU_ASSERT_EQUAL(in.entity_region, reg("US-WA")); /* "WA " */
    CHECK_STR(in.entity_type, "Health");
    CU_ASSERT_EQUAL(in.affected.qualifier, BREACH_COUNT_UNKNOWN);
    CU_ASSERT_EQUAL_FATAL(in.n_regions, 1);
    CU_ASSERT_EQUAL(in.regions[0].region, reg("US-WA"));
    CHECK_EQ_LL(in.regions[0].count.value, 12345);
    CU_ASSERT_EQUAL(in.regions[0].count.qualifier, BREACH_COUNT_EXACT);
    check_date(in.reported, 2023, 12, 1);
    check_date(in.occurred_start, 2023, 5, 30);
    check_date(in.occurred_end, 2023, 5, 31);
    check_date(in.discovered, 2023, 11, 6);
    CU_ASSERT_EQUAL(in.types, BREACH_TYPE_BIT(BREACH_TYPE_HACKING) |
                                  BREACH_TYPE_BIT(BREACH_TYPE_RANSOMWARE));
    CHECK_STR(in.summary, "DataBreachCause: Cyberattack; CyberattackType: Ransomware");
    CHECK_STR(in.source, "wa-sample.csv row 1");
    CU_ASSERT_EQUAL(in.flags, 0);
    CU_ASSERT_EQUAL(in.unit, BREACH_UNIT_INDIVIDUALS);
    CU_ASSERT_EQUAL(in.business_associate, BREACH_TRI_UNKNOWN);

    /* row 2: NextGen, trailing space kept */
    breach_dataset_get(ds, 1, &in, NULL);
    CHECK_STR(in.entity, "NextGen Healthcare, Inc. ");
    CHECK_STR(in.entity_key, "nextgen healthcare");
    CU_ASSERT_PTR_NULL(in.via);
    CHECK_EQ_LL(in.regions[0].count.value, 21981);
    CU_ASSERT_EQUAL(in.types, BREACH_TYPE_BIT(BREACH_TYPE_UNAUTHORIZED_ACCESS));
    CHECK_STR(in.summary, "DataBreachCause: Unauthorized Access");
    CU_ASSERT_EQUAL(in.entity_region, reg("US-CA"));

    /* row 3: no count, no dates but the submission, a state by name, a business type */
    breach_dataset_get(ds, 2, &in, NULL);
    CU_ASSERT_EQUAL_FATAL(in.n_regions, 1); /* Washington, without a figure */
    CU_ASSERT_EQUAL(in.regions[0].count.qualifier, BREACH_COUNT_UNKNOWN);
    CU_ASSERT_EQUAL(in.entity_region, reg("US-IA"));
    CU_ASSERT_EQUAL(in.types, BREACH_TYPE_BIT(BREACH_TYPE_OTHER));
    CU_ASSERT_FALSE(breach_date_is_known(in.discovered));
    CU_ASSERT_FALSE(breach_date_is_known(in.occurred_start));
    CHECK_STR(in.summary, "DataBreachCause: Theft or Mistake; BusinessType: Retail");
    CHECK_STR(in.via, "Jason's Deli"); /* a brand, not told from a vendor: see doc/formats.md */

    /* row 4: DateEnd before DateStart: both dropped, with a warning quoting them */
    breach_dataset_get(ds, 3, &in, NULL);
    CU_ASSERT_FALSE(breach_date_is_known(in.occurred_start));
    CU_ASSERT_FALSE(breach_date_is_known(in.occurred_end));
    check_date(in.discovered, 2022, 6, 2);
    CHECK_STR(in.via, "Kaye-Smith Enterprises, Inc.");
    CU_ASSERT_EQUAL(in.entity_region, BREACH_REGION_NONE);
    CHECK_EQ_LL(breach_report_n_warnings(rep), 1);
    breach_issue is;
    CU_ASSERT_EQUAL_FATAL(breach_report_warning(rep, 0, &is), BREACH_OK);
    CU_ASSERT_EQUAL(is.code, BREACH_WARN_OTHER);
    CHECK_EQ_LL(is.row, 4);
    CHECK_EQ_LL(is.line, 5);
    CHECK_STR(is.text, "DateStart 2023-10-18 is after DateEnd 2022-06-02: the source contradicts "
                       "itself, both dates left unknown");

    /* rows 5-7: aliases are no via; attack types */
    breach_dataset_get(ds, 4, &in, NULL);
    CU_ASSERT_PTR_NULL(in.via); /* (UMC) */
    CU_ASSERT_EQUAL(in.types, BREACH_TYPE_BIT(BREACH_TYPE_HACKING));
    CHECK_STR(in.summary, "DataBreachCause: Cyberattack; CyberattackType: Phishing");
    breach_dataset_get(ds, 5, &in, NULL);
    CU_ASSERT_PTR_NULL(in.via); /* ("Unum") */
    CU_ASSERT_EQUAL(in.types, BREACH_TYPE_BIT(BREACH_TYPE_HACKING) |
                                  BREACH_TYPE_BIT(BREACH_TYPE_UNAUTHORIZED_ACCESS));
    breach_dataset_get(ds, 6, &in, NULL);
    CHECK_STR(in.via, "evo.com");
    CU_ASSERT_EQUAL(in.types, BREACH_TYPE_BIT(BREACH_TYPE_HACKING));
    breach_report_free(rep);
    breach_dataset_free(ds);
}

static void test_bad_rows(void)
{
    breach_error e;
    breach_report *rep = breach_report_new();
    int rc;
    const char *path = src_path("tests/data/wa-bad-rows.csv");
    breach_dataset *ds = load(path, 1, rep, &rc, &e);
    show(rc, &e);
    CU_ASSERT_EQUAL_FATAL(rc, BREACH_OK);
    CHECK_EQ_LL(breach_report_rows_read(rep), 7);
    CHECK_EQ_LL(breach_report_rows_loaded(rep), 1);
    CHECK_EQ_LL(breach_report_rows_rejected(rep), 6);
    /* places: python3 byte offsets of each field in its line, + 1 */
    static const struct {
        int code;
        long line, column;
        const char *text;
    } want[] = {
        {BREACH_ETYPE, 2, 25, "DataBreachCause 'Flood'"},
        {BREACH_ETYPE, 3, 56, "CyberattackType 'Worm'"},
        {BREACH_EDATE, 4, 2, "DateSubmitted"},
        {BREACH_ECOUNT, 5, 56, "'1,517' is not a whole number"},
        {BREACH_EREGION, 6, 99, "EntityState"},
        {BREACH_EPARSE, 7, 39, "Name is empty"},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        breach_issue is;
        CU_ASSERT_EQUAL_FATAL(breach_report_reject(rep, i, &is), BREACH_OK);
        if (is.code != want[i].code || is.line != want[i].line || is.column != want[i].column)
            fprintf(stderr, "\n  reject %zu: %d %ld:%ld %s\n", i, is.code, is.line, is.column,
                    is.text);
        CHECK_EQ_LL(is.code, want[i].code);
        CHECK_EQ_LL(is.line, want[i].line);
        CHECK_EQ_LL(is.column, want[i].column);
        CU_ASSERT_PTR_NOT_NULL(strstr(is.text, want[i].text));
    }
    breach_report_free(rep);
    breach_dataset_free(ds);

    /* strict: the first one stops the load, with its place in err */
    rep = breach_report_new();
    ds = load(path, 0, rep, &rc, &e);
    CU_ASSERT_EQUAL(rc, BREACH_ETYPE);
    CHECK_STR(e.source, path);
    CHECK_EQ_LL(e.line, 2);
    CHECK_EQ_LL(e.column, 25);
    CHECK_EQ_LL(breach_report_rows_read(rep), 1);
    CHECK_EQ_LL(breach_dataset_size(ds), 0);
    breach_report_free(rep);
    breach_dataset_free(ds);
}

static void test_header(void)
{
    breach_error e;
    breach_report *rep = breach_report_new();
    int rc;
    /* columns in another order, an unknown one warned about and ignored */
    breach_dataset *ds = load(src_path("tests/data/wa-extra-column.csv"), 0, rep, &rc, &e);
    show(rc, &e);
    CU_ASSERT_EQUAL_FATAL(rc, BREACH_OK);
    breach_issue is;
    CU_ASSERT_EQUAL_FATAL(breach_report_warning(rep, 0, &is), BREACH_OK);
    CU_ASSERT_EQUAL(is.code, BREACH_WARN_HEADER);
    CHECK_EQ_LL(is.line, 1);
    CHECK_EQ_LL(is.column, 46); /* "Name,Id,DateSubmitted,WashingtoniansAffected," is 45 bytes */
    CU_ASSERT_PTR_NOT_NULL(strstr(is.text, "'Comments'"));
    breach_incident in;
    breach_dataset_get(ds, 0, &in, NULL);
    CHECK_STR(in.id, "wa:30001");
    CHECK_EQ_LL(in.regions[0].count.value, 26333);
    CU_ASSERT_EQUAL(in.types, 0);
    CU_ASSERT_PTR_NULL(in.summary);
    breach_report_free(rep);
    breach_dataset_free(ds);

    ds = load(src_path("tests/data/wa-missing-id.csv"), 1, NULL, &rc, &e);
    CU_ASSERT_EQUAL(rc, BREACH_EFORMAT);
    CHECK_EQ_LL(e.line, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.text, "'Id'"));
    breach_dataset_free(ds);

    ds = load(src_path("tests/data/wa-twice.csv"), 1, NULL, &rc, &e);
    CU_ASSERT_EQUAL(rc, BREACH_EFORMAT);
    CHECK_EQ_LL(e.column, 9);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.text, "'Name' appears twice"));
    breach_dataset_free(ds);

    ds = load(src_path("tests/data/empty.csv"), 1, NULL, &rc, &e);
    CU_ASSERT_EQUAL(rc, BREACH_EFORMAT);
    breach_dataset_free(ds);

    ds = breach_dataset_new(&e);
    const char text[] = "Name,Id,DateSubmitted,WashingtoniansAffected\n"
                        "Acme,1,04/10/2023 12:00:00 AM,\"unterminated\n";
    CU_ASSERT_EQUAL(breach_wa_read_buffer(ds, text, sizeof text - 1, NULL, NULL, &e),
                    BREACH_EPARSE);
    CHECK_STR(e.source, "<buffer>");
    CHECK_EQ_LL(e.line, 2);
    CHECK_EQ_LL(e.column, 31);
    /* an overflowing count; text that is not UTF-8 in a summary column and in the name;
       a blank line (no row) */
    const char text2[] = "Name,Id,DateSubmitted,WashingtoniansAffected,BusinessType\n"
                         "Acme,1,04/10/2023,99999999999999999999999,\n"
                         "Beta,2,04/10/2023,5,Caf\xE9\n"
                         "\n"
                         "Gam\xE9,3,04/10/2023,5,\n";
    rep = breach_report_new();
    breach_load_options o;
    breach_load_options_init(&o);
    o.lenient = true;
    CU_ASSERT_EQUAL(breach_wa_read_buffer(ds, text2, sizeof text2 - 1, &o, rep, &e), BREACH_OK);
    CHECK_EQ_LL(breach_report_rows_read(rep), 3);
    CHECK_EQ_LL(breach_report_rows_rejected(rep), 3);
    static const struct {
        int code;
        long line, column;
    } want[] = {{BREACH_EOVERFLOW, 2, 19}, {BREACH_EENCODING, 3, 21}, {BREACH_EENCODING, 5, 1}};
    for (size_t i = 0; i < 3; i++) {
        CU_ASSERT_EQUAL_FATAL(breach_report_reject(rep, i, &is), BREACH_OK);
        CHECK_EQ_LL(is.code, want[i].code);
        CHECK_EQ_LL(is.line, want[i].line);
        CHECK_EQ_LL(is.column, want[i].column);
    }
    breach_report_free(rep);
    CU_ASSERT_EQUAL(breach_wa_read_file(ds, src_path("tests/data/none.csv"), NULL, NULL, &e),
                    BREACH_EIO);
    CU_ASSERT_EQUAL(breach_wa_read_file(NULL, "x", NULL, NULL, &e), BREACH_EINVAL);
    breach_dataset_free(ds);
}

/* Which trailing parentheses name another organisation (via) and which are aliases. */
static void test_via(void)
{
    static const struct {
        const char *name, *via;
    } cases[] = {
        {"Humana, Inc. (Welltok, Inc.)", "Welltok, Inc."},
        {"Highmark Blue Cross Blue Shield (Welltok)", "Welltok"},
        {"Welltok, Inc. (Regence Blue Shield (Oregon & Utah))",
         "Regence Blue Shield (Oregon & Utah)"},
        {"Medscan Laboratory, Inc. (Adaptive Health Integrations", NULL}, /* unclosed */
        {"Supplemental Income 401(k) Plan", NULL},
        {"University Medical Center of Southern Nevada (UMC)", NULL},
        {"Perry Johnson & Associates, Inc. (PJ&A)", NULL},
        {"Oostra Rouw & Associates, Inc. (ORA, Inc.)", NULL},
        {"Laboratory Corporation of America Holdings (LabCorp)", NULL},
        {"Philips Respironics International Colorado, Inc. (RICO)", NULL},
        {"Camping World / Good Sam (CWGS)", NULL},
        {"Unum Group (\"Unum\")", NULL},
        {"Ibex Global Solutions, Inc. (\xE2\x80\x9CIbex\xE2\x80\x9D)", NULL},
        {"Idea 247 Inc. (d/b/a Idea Financial)", NULL},
        {"Nationstar Mortgage LLC (dba Mr. Cooper)", NULL},
        {"Johnson & Johnson Health Care Systems Inc.  (\xE2\x80\x9CJanssen\xE2\x80\x9D) ", NULL},
        {"Cognisight (Providence ElderPlace - Washington)", "Providence ElderPlace - Washington"},
        {"(Only Parentheses)", NULL},
        {"Empty ()", NULL},
    };
    breach_error e;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[512];
        int n = snprintf(text, sizeof text, "Name,Id,DateSubmitted,WashingtoniansAffected\n\"");
        for (const char *p = cases[i].name; *p; p++) {
            if (*p == '"')
                text[n++] = '"';
            text[n++] = *p;
        }
        n += snprintf(text + n, sizeof text - (size_t)n, "\",1,,\n");
        breach_dataset *ds = breach_dataset_new(&e);
        int rc = breach_wa_read_buffer(ds, text, (size_t)n, NULL, NULL, &e);
        show(rc, &e);
        CU_ASSERT_EQUAL_FATAL(rc, BREACH_OK);
        breach_incident in;
        breach_dataset_get(ds, 0, &in, NULL);
        CHECK_STR(in.entity, cases[i].name);
        CHECK_STR(in.via, cases[i].via);
        breach_dataset_free(ds);
    }
}

/* A name whose parenthesis almost spells itself from the words before it: 16 words "aaaa"
 * then "(aaa...ab)" (40 a's and a b, 124 bytes in all). Trying every way to take prefixes
 * of the words is exponential in the words (minutes here); the loader must answer at once.
 * No 'b' starts a word, so the parenthesis is no abbreviation: it names another party. */
static void test_via_pathological(void)
{
    char name[256], text[512];
    size_t n = 0;
    for (int k = 0; k < 16; k++)
        n += (size_t)snprintf(name + n, sizeof name - n, "aaaa ");
    n += (size_t)snprintf(name + n, sizeof name - n, "(");
    for (int k = 0; k < 40; k++)
        name[n++] = 'a';
    n += (size_t)snprintf(name + n, sizeof name - n, "b)");
    CHECK_EQ_LL(n, 16 * 5 + 1 + 40 + 2);
    int len = snprintf(text, sizeof text,
                       "Name,Id,DateSubmitted,WashingtoniansAffected\n\"%s\",1,2023-01-01,5\n", name);
    breach_error e;
    breach_dataset *ds = breach_dataset_new(&e);
    int rc = breach_wa_read_buffer(ds, text, (size_t)len, NULL, NULL, &e);
    show(rc, &e);
    CU_ASSERT_EQUAL_FATAL(rc, BREACH_OK);
    CHECK_EQ_LL(breach_dataset_size(ds), 1);
    breach_incident in;
    breach_dataset_get(ds, 0, &in, NULL);
    CHECK_STR(in.entity, name);
    CHECK_STR(in.via, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab");
    CU_ASSERT_EQUAL_FATAL(in.n_regions, 1);
    CHECK_EQ_LL(in.regions[0].count.value, 5);
    breach_dataset_free(ds);

    /* the same words with a parenthesis they do spell (one letter of each, then the rest
       of the last word): an abbreviation, so no via */
    snprintf(text, sizeof text,
             "Name,Id,DateSubmitted,WashingtoniansAffected\n"
             "\"aaaa aaaa aaaa aaaa aaaa aaaa aaaa aaaa aaaa aaaa aaaa aaaa aaaa aaaa aaaa aaaa "
             "(aaaaaaaaaaaaaaaaaaa)\",1,2023-01-01,5\n");
    ds = breach_dataset_new(&e);
    CU_ASSERT_EQUAL_FATAL(breach_wa_read_buffer(ds, text, strlen(text), NULL, NULL, &e), BREACH_OK);
    breach_dataset_get(ds, 0, &in, NULL);
    CU_ASSERT_PTR_NULL(in.via);
    breach_dataset_free(ds);
}

/* breach_load_options.reserved_ must be zero: EINVAL, from a buffer and from a file. */
static void test_reserved_options(void)
{
    static const char text[] = "Name,Id,DateSubmitted,WashingtoniansAffected\nAcme,1,2023-01-01,5\n";
    breach_error e;
    breach_dataset *ds = breach_dataset_new(&e);
    breach_report *rep = breach_report_new();
    breach_load_options o;
    breach_load_options_init(&o);
    o.reserved_[0] = 1;
    CU_ASSERT_EQUAL(breach_wa_read_buffer(ds, text, sizeof text - 1, &o, rep, &e), BREACH_EINVAL);
    CHECK_EQ_LL(e.code, BREACH_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.text, "reserved"));
    CU_ASSERT_EQUAL(breach_wa_read_file(ds, src_path(SAMPLE), &o, rep, &e), BREACH_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.text, "reserved"));
    CHECK_EQ_LL(breach_report_rows_read(rep), 0);
    CHECK_EQ_LL(breach_dataset_size(ds), 0);
    o.reserved_[0] = 0;
    CU_ASSERT_EQUAL(breach_wa_read_buffer(ds, text, sizeof text - 1, &o, rep, &e), BREACH_OK);
    CHECK_EQ_LL(breach_dataset_size(ds), 1);
    breach_report_free(rep);
    breach_dataset_free(ds);
}

static void test_detect(void)
{
    breach_error e;
    CHECK_STR(breach_format_detect_file(src_path(SAMPLE), &e), "wa");
    CHECK_STR(breach_format_detect_file(src_path("tests/data/wa-extra-column.csv"), &e), "wa");
    breach_dataset *ds = breach_dataset_new(&e);
    CU_ASSERT_EQUAL(breach_load(ds, src_path(SAMPLE), "auto", NULL, NULL, &e), BREACH_OK);
    CU_ASSERT_EQUAL(breach_load(ds, src_path(SAMPLE), "wa", NULL, NULL, &e), BREACH_OK);
    CHECK_EQ_LL(breach_dataset_size(ds), 14);
    /* a WA file read as HHS: the header is neither the portal's names nor its layout */
    CU_ASSERT_EQUAL(breach_load(ds, src_path(SAMPLE), "hhs", NULL, NULL, &e), BREACH_EFORMAT);
    breach_dataset_free(ds);
}

/* Implausible dates (plausible_private.h) in tests/data/wa-implausible.csv, by hand:
 * row 1 happened in 2302 (the year typo of a real state-AG export), row 2 was known of in
 * 1899, row 3 was submitted in 2302, row 4 is ordinary in 2024 but in the future for a
 * SOURCE_DATE_EPOCH of 2024-06-01. Each date is warned about with its row and left
 * unknown; the event date then falls back as breach_incident_event_date says. */
/* WashingtoniansAffected above the world's population (8,200,000,000: plausible_private.h)
 * is warned about at its cell and the region's count left unknown (the notice stays
 * Washington's); a row rejected later (EntityState ZZ) carries no such warning. The cell
 * starts at column 31 ("Acme,1,05/03/2023 12:00:00 AM," is 30 bytes). By hand. */
static void test_implausible_count(void)
{
    static const char text[] = "Name,Id,DateSubmitted,WashingtoniansAffected,EntityState\n"
                               "Acme,1,05/03/2023 12:00:00 AM,9000000000,WA\n"
                               "Beta,2,05/04/2023 12:00:00 AM,12345,WA\n"
                               "Cema,3,05/05/2023 12:00:00 AM,9999999999,ZZ\n";
    breach_error e;
    breach_dataset *ds = breach_dataset_new(&e);
    breach_report *rep = breach_report_new();
    breach_load_options o;
    breach_load_options_init(&o);
    o.lenient = true;
    CU_ASSERT_EQUAL_FATAL(breach_wa_read_buffer(ds, text, sizeof text - 1, &o, rep, &e), BREACH_OK);
    CHECK_EQ_LL(breach_report_rows_loaded(rep), 2);
    CHECK_EQ_LL(breach_report_n_rejects(rep), 1);
    CHECK_EQ_LL(breach_report_n_warnings(rep), 1);
    breach_issue w;
    CU_ASSERT_EQUAL_FATAL(breach_report_warning(rep, 0, &w), BREACH_OK);
    CHECK_EQ_LL(w.code, BREACH_WARN_OTHER);
    CHECK_EQ_LL(w.row, 1);
    CHECK_EQ_LL(w.line, 2);
    CHECK_EQ_LL(w.column, 31);
    CHECK_STR(w.text, "WashingtoniansAffected 9000000000 is more than the world's population "
                      "(8,200,000,000): not a count of individuals, left unknown (kept out of "
                      "size statistics)");
    breach_incident in;
    breach_dataset_get(ds, 0, &in, NULL);
    CU_ASSERT_EQUAL_FATAL(in.n_regions, 1);
    CHECK_EQ_LL(in.regions[0].count.qualifier, BREACH_COUNT_UNKNOWN);
    breach_dataset_get(ds, 1, &in, NULL);
    CU_ASSERT_EQUAL_FATAL(in.n_regions, 1);
    CHECK_EQ_LL((long long)in.regions[0].count.value, 12345);
    breach_report_free(rep);
    breach_dataset_free(ds);
}

static void test_implausible(void)
{
    const char *saved = getenv("SOURCE_DATE_EPOCH");
    char keep[64] = "";
    if (saved)
        snprintf(keep, sizeof keep, "%s", saved);
    for (int pass = 0; pass < 2; pass++) {
        if (pass)
            setenv("SOURCE_DATE_EPOCH", "1717200000", 1); /* 2024-06-01T00:00:00Z */
        else
            unsetenv("SOURCE_DATE_EPOCH");
        breach_error e;
        breach_report *rep = breach_report_new();
        int rc;
        breach_dataset *ds = load(src_path("tests/data/wa-implausible.csv"), 0, rep, &rc, &e);
        show(rc, &e);
        CU_ASSERT_EQUAL_FATAL(rc, BREACH_OK);
        CHECK_EQ_LL(breach_report_rows_loaded(rep), 4);
        /* 3 warnings, and with the epoch row 4's DateSubmitted and DateStart too (its
           DateAware 2024-06-20 as well) */
        CHECK_EQ_LL(breach_report_n_warnings(rep), pass ? 6 : 3);
        breach_issue w;
        CU_ASSERT_EQUAL_FATAL(breach_report_warning(rep, 0, &w), BREACH_OK);
        CHECK_EQ_LL(w.row, 1);
        CHECK_EQ_LL(w.line, 2);
        CU_ASSERT(strncmp(w.text, "DateStart 2302-03-15 is in the future (today is ", 48) == 0);
        CU_ASSERT_EQUAL_FATAL(breach_report_warning(rep, 1, &w), BREACH_OK);
        CHECK_EQ_LL(w.row, 2);
        CHECK_STR(w.text, "DateAware 1899-01-01 is before 1900: not a plausible date, left "
                          "unknown (kept out of time statistics)");
        CU_ASSERT_EQUAL_FATAL(breach_report_warning(rep, 2, &w), BREACH_OK);
        CHECK_EQ_LL(w.row, 3);
        CU_ASSERT(strncmp(w.text, "DateSubmitted 2302-01-01 is in the future", 41) == 0);
        if (pass) {
            CU_ASSERT_EQUAL_FATAL(breach_report_warning(rep, 3, &w), BREACH_OK);
            CHECK_STR(w.text, "DateSubmitted 2024-07-15 is in the future (today is 2024-06-01; "
                              "SOURCE_DATE_EPOCH sets it): left unknown (kept out of time "
                              "statistics)");
        }
        breach_incident in;
        breach_dataset_get(ds, 0, &in, NULL);
        CU_ASSERT(!breach_date_is_known(in.occurred_start));
        check_date(breach_incident_event_date(&in), 2023, 3, 20); /* DateAware */
        breach_dataset_get(ds, 1, &in, NULL);
        CU_ASSERT(!breach_date_is_known(in.discovered));
        check_date(in.occurred_start, 2023, 1, 10);
        breach_dataset_get(ds, 2, &in, NULL);
        CU_ASSERT(!breach_date_is_known(in.reported));
        check_date(in.occurred_start, 2023, 2, 1); /* no report date left to be after */
        breach_dataset_get(ds, 3, &in, NULL);
        CU_ASSERT_EQUAL(breach_date_is_known(in.occurred_start), !pass);
        /* a year 2302 no longer stretches the span of the event dates */
        breach_timeseries_options to;
        breach_timeseries_options_init(&to);
        to.date_field = BREACH_FIELD_EVENT;
        to.period = BREACH_PERIOD_YEAR;
        breach_timeseries *ts = breach_timeseries_compute(ds, NULL, &to, &e);
        CU_ASSERT_PTR_NOT_NULL_FATAL(ts);
        CHECK_EQ_LL(ts->n_periods, pass ? 1 : 2); /* 2023, and 2024 without the epoch */
        breach_timeseries_free(ts);
        breach_report_free(rep);
        breach_dataset_free(ds);
    }
    if (saved)
        setenv("SOURCE_DATE_EPOCH", keep, 1);
    else
        unsetenv("SOURCE_DATE_EPOCH");
}

static void test_real(void)
{
    const char *path = shared_path(REAL);
    if (!path)
        return;
    breach_error e;
    breach_report *rep = breach_report_new();
    int rc;
    breach_dataset *ds = load(path, 0, rep, &rc, &e);
    show(rc, &e);
    CU_ASSERT_EQUAL_FATAL(rc, BREACH_OK);
    /* python3 -c "import csv; r=list(csv.DictReader(open(F,newline='',encoding='utf-8')));
       print(len(r), sum(int(x['WashingtoniansAffected'] or 0) for x in r),
       sum(x['WashingtoniansAffected']!='' for x in r))"  -> 1109 32279681 1077; the 32
       others are Washington with an unknown count (WashingtoniansAffectedRange "Unknown") */
    CHECK_EQ_LL(breach_report_rows_read(rep), 1109);
    CHECK_EQ_LL(breach_report_rows_loaded(rep), 1109);
    CHECK_EQ_LL(breach_report_rows_rejected(rep), 0);
    /* Id 15780: DateStart 10/18/2023 after DateEnd 06/02/2022 (the only such row), and 7
       event dates after the notice's own DateSubmitted (plausible_private.h), left unknown:
       python3 -c "import csv,datetime as t; r=list(csv.DictReader(open(F,newline='',
       encoding='utf-8'))); p=lambda s: s and t.datetime.strptime(s,'%m/%d/%Y %I:%M:%S %p');
       print([(x['Id'],c) for x in r for c in ('DateStart','DateEnd','DateAware') if x[c] and
       p(x[c])>p(x['DateSubmitted']) and not (x['DateEnd'] and x['DateStart'] and
       p(x['DateEnd'])<p(x['DateStart']))])"
       -> 9633 End, 11106 End, 13217 End, 14855 End, 15760 End, 15777 Start, 15777 End
       (15780's dates are already unknown: its DateStart is after its DateEnd) */
    CHECK_EQ_LL(breach_report_n_warnings(rep), 8);
    size_t after_notice = 0;
    for (size_t k = 0; k < breach_report_n_warnings(rep); k++) {
        breach_issue w;
        breach_report_warning(rep, k, &w);
        after_notice += strstr(w.text, "the notice's own date: left unknown") != NULL;
        /* Id 15777 is row 990 (line 991): quoted as read */
        if (w.row == 990 && strncmp(w.text, "DateStart", 9) == 0)
            CHECK_STR(w.text, "DateStart 2023-05-18 is after DateSubmitted 2022-07-25, the "
                              "notice's own date: left unknown (kept out of time statistics)");
    }
    CHECK_EQ_LL(after_notice, 7);
    uint64_t wa_sum = 0;
    size_t with_wa = 0, wa_unknown = 0, hacking = 0, ransomware = 0, unauthorized = 0, other = 0, with_state = 0;
    long nextgen = -1, humana = -1;
    size_t welltok_named = 0, via_welltok = 0;
    uint64_t brightline = 0, chspsc = 0;
    breach_region us_wa = reg("US-WA");
    for (size_t i = 0; i < breach_dataset_size(ds); i++) {
        breach_incident in;
        breach_dataset_get(ds, i, &in, NULL);
        CU_ASSERT_EQUAL(in.affected.qualifier, BREACH_COUNT_UNKNOWN);
        for (size_t k = 0; k < in.n_regions; k++)
            if (in.regions[k].region == us_wa) {
                wa_sum += in.regions[k].count.value;
                with_wa += in.regions[k].count.qualifier == BREACH_COUNT_EXACT;
                wa_unknown += in.regions[k].count.qualifier == BREACH_COUNT_UNKNOWN;
            }
        CHECK_EQ_LL(in.n_regions, 1); /* every notice of the list is about Washington */
        hacking += (in.types & BREACH_TYPE_BIT(BREACH_TYPE_HACKING)) != 0;
        ransomware += (in.types & BREACH_TYPE_BIT(BREACH_TYPE_RANSOMWARE)) != 0;
        unauthorized += (in.types & BREACH_TYPE_BIT(BREACH_TYPE_UNAUTHORIZED_ACCESS)) != 0;
        other += (in.types & BREACH_TYPE_BIT(BREACH_TYPE_OTHER)) != 0;
        with_state += in.entity_region != BREACH_REGION_NONE;
        if (strcmp(in.id, "wa:15056") == 0)
            nextgen = (long)i;
        if (strcmp(in.entity, "Humana, Inc. (Welltok, Inc.)") == 0)
            humana = (long)i;
        welltok_named += strstr(in.entity, "Welltok") != NULL;
        via_welltok += in.via && strncmp(in.via, "Welltok", 7) == 0;
        if (strcmp(in.entity, "Brightline, Inc.") == 0 && in.n_regions)
            brightline = in.regions[0].count.value;
        if (strcmp(in.entity, "CHSPSC, LLC ") == 0 && in.n_regions)
            chspsc = in.regions[0].count.value;
    }
    CHECK_EQ_LL(wa_sum, 32279681);
    CHECK_EQ_LL(with_wa, 1077);
    CHECK_EQ_LL(wa_unknown, 32);
    /* python3 -c "import csv; r=list(csv.DictReader(open(F,newline='',encoding='utf-8')));
       c=lambda f: sum(map(f, r)); print(c(lambda x: x['DataBreachCause']=='Cyberattack' or
       x['CyberattackType'] in ('Malware','Phishing','Skimmers')), c(lambda x:
       x['CyberattackType']=='Ransomware'), c(lambda x: x['DataBreachCause']=='Unauthorized
       Access'), c(lambda x: x['DataBreachCause']=='Theft or Mistake'), c(lambda x:
       x['EntityState'].strip()!=''))"  -> 802 348 235 73 480 */
    CHECK_EQ_LL(hacking, 802);
    CHECK_EQ_LL(ransomware, 348);
    CHECK_EQ_LL(unauthorized, 235);
    CHECK_EQ_LL(other, 73);
    CHECK_EQ_LL(with_state, 480);
    /* SOURCES.md section 5a: Brightline 26,333, CHSPSC 559, 8 notices name Welltok.
       python3 -c "import csv; r=list(csv.DictReader(open(F,newline='',encoding='utf-8')));
       print(sum('Welltok' in x['Name'] for x in r), sum('(Welltok' in x['Name'] for x in r))"
       -> 8 7 (7 name it in parentheses: via; the 8th is Welltok's own notice) */
    CHECK_EQ_LL(brightline, 26333);
    CHECK_EQ_LL(chspsc, 559);
    CHECK_EQ_LL(welltok_named, 8);
    CHECK_EQ_LL(via_welltok, 7);
    /* NextGen Healthcare, Inc. : 21,981 Washingtonians (SOURCES.md section 5a) */
    CU_ASSERT_FATAL(nextgen >= 0);
    breach_incident in;
    breach_dataset_get(ds, (size_t)nextgen, &in, NULL);
    CHECK_STR(in.entity, "NextGen Healthcare, Inc. ");
    CU_ASSERT_EQUAL_FATAL(in.n_regions, 1);
    CHECK_EQ_LL(in.regions[0].count.value, 21981);
    check_date(in.reported, 2023, 5, 3);
    check_date(in.occurred_start, 2023, 3, 29);
    check_date(in.occurred_end, 2023, 4, 14);
    CU_ASSERT_EQUAL(in.types, BREACH_TYPE_BIT(BREACH_TYPE_UNAUTHORIZED_ACCESS));
    CU_ASSERT_EQUAL(in.entity_region, reg("US-CA"));
    CU_ASSERT_FATAL(humana >= 0);
    breach_dataset_get(ds, (size_t)humana, &in, NULL);
    CHECK_STR(in.via, "Welltok, Inc.");
    breach_report_free(rep);
    breach_dataset_free(ds);
}

int main(void)
{
    static const test_entry tests[] = {
        {"sample: every column mapped", test_sample},
        {"implausible dates: future, before 1900, after the notice", test_implausible},
        {"a count above the world's population is warned about, left unknown",
         test_implausible_count},
        {"bad rows listed with their places; strict stops", test_bad_rows},
        {"header variants and errors", test_header},
        {"via: another organisation, not an alias", test_via},
        {"via: a near-abbreviation of 16 words is decided at once", test_via_pathological},
        {"options with reserved fields set are refused", test_reserved_options},
        {"format detection and breach_load", test_detect},
        {"real: 2024-05 export", test_real},
        {NULL, NULL}};
    return run_suite("io_wa", tests);
}
