/* Have I Been Pwned loader: the fixture tests/data/hibp/small.json (written by
 * tests/data/make_json_fixtures.py) and the real list ../shared/data/hibp/breaches.json
 * (skipped when absent). Figures of the real list come from
 *   python3 -c "import json; d=json.load(open('../shared/data/hibp/breaches.json')); print(EXPR)"
 * with EXPR quoted next to each assertion. */
#include "check.h"

#include <stdbool.h>
#include <stdint.h>


static load_result load_path(const char *path, bool lenient) { return load_run(breach_hibp_read_file, path, lenient); }

static load_result load_buf(const char *text, bool lenient)
{
    load_result r;
    memset(&r, 0, sizeof r);
    r.ds = breach_dataset_new(NULL);
    r.rep = breach_report_new();
    breach_load_options o;
    breach_load_options_init(&o);
    o.lenient = lenient;
    o.source_name = "mem";
    r.rc = breach_hibp_read_buffer(r.ds, text, strlen(text), &o, r.rep, &r.err);
    return r;
}

static void done(load_result *r)
{
    breach_dataset_free(r->ds);
    breach_report_free(r->rep);
}

static breach_incident get(const load_result *r, size_t i)
{
    breach_incident in;
    breach_incident_init(&in);
    CU_ASSERT_EQUAL(breach_dataset_get(r->ds, i, &in, NULL), BREACH_OK);
    return in;
}

static long find(const load_result *r, const char *id)
{
    for (size_t i = 0; i < breach_dataset_size(r->ds); i++)
        if (strcmp(get(r, i).id, id) == 0)
            return (long)i;
    return -1;
}

static void check_date(breach_date d, const char *iso)
{
    char b[16];
    breach_date_format(d, b, sizeof b);
    CHECK_STR(b, iso);
    CHECK_EQ_LL(d.precision, BREACH_PREC_DAY);
}

static void check_counts(const load_result *r, size_t read, size_t loaded, size_t rejected)
{
    CHECK_EQ_LL(breach_report_rows_read(r->rep), read);
    CHECK_EQ_LL(breach_report_rows_loaded(r->rep), loaded);
    CHECK_EQ_LL(breach_report_rows_rejected(r->rep), rejected);
    CHECK_EQ_LL(breach_dataset_size(r->ds), loaded);
}

static void test_fixture(void)
{
    load_result r = load_path(src_path("tests/data/hibp/small.json"), false);
    CHECK_EQ_LL(r.rc, BREACH_OK);
    check_counts(&r, 3, 3, 0);
    breach_incident a = get(&r, 0);
    CHECK_STR(a.id, "hibp:Larkspur");
    /* the organisation is the Domain; the Title heads the summary (io.h) */
    CHECK_STR(a.entity, "larkspur.example");
    CHECK_EQ_LL(a.affected.value, 2385117);
    CHECK_EQ_LL(a.affected.qualifier, BREACH_COUNT_EXACT);
    CHECK_EQ_LL(a.unit, BREACH_UNIT_ACCOUNTS);
    check_date(a.occurred_start, "2019-06-30");
    check_date(a.reported, "2020-01-15");
    /* Email addresses, Passwords, Usernames, Geographic locations */
    CHECK_EQ_LL(a.categories, BREACH_CAT_BIT(BREACH_CAT_EMAIL) | BREACH_CAT_BIT(BREACH_CAT_CREDENTIALS) |
                                  BREACH_CAT_BIT(BREACH_CAT_ONLINE_ID) | BREACH_CAT_BIT(BREACH_CAT_OTHER));
    CHECK_STR(a.summary, "Larkspur Forums: In June 2019, <a href=\"https://larkspur.example\">Larkspur</a> lost its user table.");
    CHECK_STR(a.source, "https://haveibeenpwned.com/api/v3/breach/Larkspur");
    CHECK_EQ_LL(a.types, 0);
    CHECK_EQ_LL(a.entity_region, BREACH_REGION_NONE);
    /* the flagged breach is kept, with one warning per flag, and an unknown class */
    CHECK_EQ_LL(breach_report_n_warnings(r.rep), 3);
    breach_issue w;
    /* places: python3 -c "t=open('tests/data/hibp/small.json').read(); i=t.index(S); print(t[:i].count('\n')+1, i-t.rfind('\n',0,i))"
     * with S = '"Hologram' -> 65 7 and S = '"IsFabricated": ' -> 68 5, whose value is 16 bytes on: 68 21 */
    CU_ASSERT_EQUAL(breach_report_warning(r.rep, 0, &w), BREACH_OK);
    CHECK_EQ_LL(w.row, 3);
    CHECK_EQ_LL(w.line, 65);
    CHECK_EQ_LL(w.column, 7);
    CU_ASSERT(strstr(w.text, "'Hologram preferences' is not a data class") != NULL);
    CU_ASSERT_EQUAL(breach_report_warning(r.rep, 1, &w), BREACH_OK);
    CHECK_EQ_LL(w.line, 68);
    CHECK_EQ_LL(w.column, 21);
    CU_ASSERT(strstr(w.text, "IsFabricated") != NULL);
    CU_ASSERT_EQUAL(breach_report_warning(r.rep, 2, &w), BREACH_OK);
    CU_ASSERT(strstr(w.text, "IsSpamList") != NULL);
    /* Quillmail has an empty Domain: its Title is the organisation, the summary as given */
    CHECK_STR(get(&r, 2).entity, "Quillmail Spam List");
    CHECK_EQ_LL(get(&r, 2).categories, BREACH_CAT_BIT(BREACH_CAT_EMAIL) | BREACH_CAT_BIT(BREACH_CAT_NAME) |
                                           BREACH_CAT_BIT(BREACH_CAT_OTHER));
    done(&r);
}

static void expect_reject(const char *text, int code, long line, long column, const char *why)
{
    load_result r = load_buf(text, false);
    CHECK_EQ_LL(r.rc, code);
    CHECK_EQ_LL(r.err.code, code);
    CHECK_STR(r.err.source, "mem");
    CHECK_EQ_LL(r.err.line, line);
    CHECK_EQ_LL(r.err.column, column);
    if (!strstr(r.err.text, why))
        fprintf(stderr, "\n  '%s' lacks '%s'\n", r.err.text, why);
    CU_ASSERT(strstr(r.err.text, why) != NULL);
    done(&r);
    r = load_buf(text, true);
    CHECK_EQ_LL(r.rc, BREACH_OK);
    check_counts(&r, 2, 1, 1);
    breach_issue is;
    CU_ASSERT_EQUAL(breach_report_reject(r.rep, 0, &is), BREACH_OK);
    CHECK_EQ_LL(is.code, code);
    CHECK_EQ_LL(is.row, 2);
    CHECK_EQ_LL(is.line, line);
    CHECK_EQ_LL(is.column, column);
    done(&r);
}

#define OK_BREACH "{\"Name\": \"Ok\", \"PwnCount\": 5}"

/* Columns: python3 -c "l=LINE.encode(); print(l.index(S.encode())+1)" for the value S. */
static void test_rejects(void)
{
    /* the record's first byte */
    expect_reject("[" OK_BREACH ",\n {\"Title\": \"No name\"}]", BREACH_EFORMAT, 2, 2, "Name: missing");
    /* S = '-3' -> 30 */
    expect_reject("[" OK_BREACH ",\n {\"Name\": \"Neg\", \"PwnCount\": -3}]", BREACH_ECOUNT, 2, 30,
                  "PwnCount: -3 is negative");
    /* S = '"12"' -> 30 */
    expect_reject("[" OK_BREACH ",\n {\"Name\": \"Str\", \"PwnCount\": \"12\"}]", BREACH_EPARSE, 2, 30,
                  "PwnCount: expected a whole number, found a string");
    /* S = '"2019-02-30"' -> 33 */
    expect_reject("[" OK_BREACH ",\n {\"Name\": \"Date\", \"BreachDate\": \"2019-02-30\"}]", BREACH_EDATE,
                  2, 33, "BreachDate");
    /* S = '"yesterday"' -> 31 */
    expect_reject("[" OK_BREACH ",\n {\"Name\": \"Add\", \"AddedDate\": \"yesterday\"}]", BREACH_EDATE,
                  2, 31, "AddedDate");
    /* S = '"Passwords"' -> 33 */
    expect_reject("[" OK_BREACH ",\n {\"Name\": \"Cls\", \"DataClasses\": \"Passwords\"}]", BREACH_EPARSE,
                  2, 33, "DataClasses: expected an array");
    /* S = '7' -> 43 */
    expect_reject("[" OK_BREACH ",\n {\"Name\": \"Cls\", \"DataClasses\": [\"Names\", 7]}]", BREACH_EPARSE,
                  2, 43, "DataClasses[1]: expected a string");
    /* S = '"yes"' -> 33 */
    expect_reject("[" OK_BREACH ",\n {\"Name\": \"Flag\", \"IsSpamList\": \"yes\"}]", BREACH_EPARSE,
                  2, 33, "IsSpamList: expected true or false");
    /* jansson's place: the last byte of the bad token, S = 'x' -> 17 */
    expect_reject("[" OK_BREACH ",\n {\"Name\": \"Bad\" x}]", BREACH_EPARSE, 2, 17, "invalid JSON");
}

static void test_misc(void)
{
    /* one breach object, as GET /api/v3/breach/{name} returns */
    load_result r = load_buf("{\"Name\": \"Solo\", \"Title\": \"Solo\", \"PwnCount\": 0, \"DataClasses\": []}", false);
    CHECK_EQ_LL(r.rc, BREACH_OK);
    check_counts(&r, 1, 1, 0);
    CHECK_EQ_LL(get(&r, 0).affected.qualifier, BREACH_COUNT_EXACT);
    CHECK_EQ_LL(get(&r, 0).categories, 0);
    done(&r);
    /* a breach dated after HIBP added it, and one in 1066: warned about at the date's
       field and left unknown (plausible_private.h); the column is where the value starts:
       python3 -c "l=LINE; print(l.index('"2024-03-01')+1)" -> 32 */
    r = load_buf("{\"Name\": \"Late\", \"BreachDate\": \"2024-03-01\", \"AddedDate\": "
                 "\"2024-02-01T10:00:00Z\", \"Domain\": \"late.example\"}\n"
                 "",
                 false);
    CHECK_EQ_LL(r.rc, BREACH_OK);
    CHECK_EQ_LL(breach_report_n_warnings(r.rep), 1);
    breach_issue w;
    CU_ASSERT_EQUAL_FATAL(breach_report_warning(r.rep, 0, &w), BREACH_OK);
    CHECK_STR(w.text, "BreachDate: 2024-03-01 is after AddedDate 2024-02-01, the notice's own "
                      "date: left unknown (kept out of time statistics)");
    CHECK_EQ_LL(w.column, 32);
    CU_ASSERT(!breach_date_is_known(get(&r, 0).occurred_start));
    check_date(get(&r, 0).reported, "2024-02-01");
    CHECK_STR(get(&r, 0).entity, "late.example");
    CU_ASSERT_PTR_NULL(get(&r, 0).summary); /* no Title, no Description */
    done(&r);
    r = load_buf("{\"Name\": \"Hastings\", \"BreachDate\": \"1066-10-14\"}", false);
    CHECK_EQ_LL(r.rc, BREACH_OK);
    CU_ASSERT_EQUAL_FATAL(breach_report_warning(r.rep, 0, &w), BREACH_OK);
    CHECK_STR(w.text, "BreachDate: 1066-10-14 is before 1900: not a plausible date, left "
                      "unknown (kept out of time statistics)");
    done(&r);
    /* a repeated Name is a warning */
    r = load_buf("[" OK_BREACH ", " OK_BREACH "]", false);
    CHECK_EQ_LL(r.rc, BREACH_OK);
    check_counts(&r, 2, 2, 0);
    CHECK_EQ_LL(breach_report_n_warnings(r.rep), 1);
    breach_report_warning(r.rep, 0, &w);
    CHECK_EQ_LL(w.code, BREACH_WARN_DUPLICATE);
    CU_ASSERT(strstr(w.text, "same text") != NULL);
    done(&r);
    /* a missing PwnCount is unknown, not 0 */
    r = load_buf("[{\"Name\": \"NoCount\"}]", false);
    CHECK_EQ_LL(get(&r, 0).affected.qualifier, BREACH_COUNT_UNKNOWN);
    CHECK_EQ_LL(get(&r, 0).unit, BREACH_UNIT_ACCOUNTS);
    done(&r);
    /* whole-text errors */
    r = load_buf("\"breaches\"", true);
    CHECK_EQ_LL(r.rc, BREACH_EFORMAT);
    CHECK_EQ_LL(r.err.line, 1);
    CHECK_EQ_LL(r.err.column, 1);
    done(&r);
    breach_dataset *ds = breach_dataset_new(NULL);
    breach_error e;
    CHECK_EQ_LL(breach_hibp_read_file(ds, "/nonexistent/breaches.json", NULL, NULL, &e), BREACH_EIO);
    CHECK_STR(e.source, "/nonexistent/breaches.json");
    CHECK_EQ_LL(breach_hibp_read_file(ds, NULL, NULL, NULL, &e), BREACH_EINVAL);
    CHECK_EQ_LL(breach_hibp_read_buffer(NULL, "[]", 2, NULL, NULL, &e), BREACH_EINVAL);
    CHECK_EQ_LL(breach_hibp_read_buffer(ds, NULL, 2, NULL, NULL, &e), BREACH_EINVAL);
    CHECK_EQ_LL(breach_hibp_read_buffer(ds, "[]", 2, NULL, NULL, &e), BREACH_OK);
    breach_dataset_free(ds);
}

/* breach_load_options.reserved_ must be zero: EINVAL, from a buffer and from a file. */
static void test_reserved_options(void)
{
    breach_error e;
    breach_dataset *ds = breach_dataset_new(NULL);
    breach_report *rep = breach_report_new();
    breach_load_options o;
    breach_load_options_init(&o);
    o.reserved_[0] = 7;
    CHECK_EQ_LL(breach_hibp_read_buffer(ds, "[" OK_BREACH "]", strlen("[" OK_BREACH "]"), &o, rep,
                                        &e),
                BREACH_EINVAL);
    CHECK_EQ_LL(e.code, BREACH_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.text, "reserved"));
    CHECK_EQ_LL(breach_hibp_read_file(ds, src_path("tests/data/hibp/small.json"), &o, rep, &e),
                BREACH_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.text, "reserved"));
    CHECK_EQ_LL(breach_report_rows_read(rep), 0);
    CHECK_EQ_LL(breach_dataset_size(ds), 0);
    o.reserved_[0] = 0;
    o.reserved32_ = 1; /* the word beside `threads`, refused by the CSV loaders too */
    CHECK_EQ_LL(breach_hibp_read_buffer(ds, "[" OK_BREACH "]", strlen("[" OK_BREACH "]"), &o, rep,
                                        &e),
                BREACH_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.text, "reserved"));
    CHECK_EQ_LL(breach_dataset_size(ds), 0);
    o.reserved32_ = 0;
    CHECK_EQ_LL(breach_hibp_read_buffer(ds, "[" OK_BREACH "]", strlen("[" OK_BREACH "]"), &o, rep,
                                        &e),
                BREACH_OK);
    CHECK_EQ_LL(breach_dataset_size(ds), 1);
    breach_report_free(rep);
    breach_dataset_free(ds);
}

static void test_real_list(void)
{
    const char *path = shared_path("hibp/breaches.json");
    if (!path)
        return;
    load_result r = load_path(path, false);
    CHECK_EQ_LL(r.rc, BREACH_OK);
    /* len(d) -> 875 */
    check_counts(&r, 875, 875, 0);
    uint64_t sum = 0;
    size_t n_email = 0;
    int32_t added_min = INT32_MAX, added_max = INT32_MIN, breach_min = INT32_MAX, breach_max = INT32_MIN;
    for (size_t i = 0; i < breach_dataset_size(r.ds); i++) {
        breach_incident in = get(&r, i);
        CHECK_EQ_LL(in.affected.qualifier, BREACH_COUNT_EXACT);
        CHECK_EQ_LL(in.unit, BREACH_UNIT_ACCOUNTS);
        sum += in.affected.value;
        n_email += (in.categories & BREACH_CAT_BIT(BREACH_CAT_EMAIL)) != 0;
        if (in.reported.day < added_min) added_min = in.reported.day;
        if (in.reported.day > added_max) added_max = in.reported.day;
        if (in.occurred_start.day < breach_min) breach_min = in.occurred_start.day;
        if (in.occurred_start.day > breach_max) breach_max = in.occurred_start.day;
    }
    /* sum(x['PwnCount'] for x in d) -> 14946651318 */
    CHECK_EQ_LL(sum, 14946651318ull);
    /* sum(1 for x in d if {'Email addresses','Recovery email addresses'} & set(x['DataClasses'])) -> 869 */
    CHECK_EQ_LL(n_email, 869);
    /* min/max of x['AddedDate'][:10] and x['BreachDate'] -> 2013-11-30 2025-03-03 2007-07-12 2025-02-24 */
    char b[16];
    breach_date d = {added_min, BREACH_PREC_DAY};
    breach_date_format(d, b, sizeof b);
    CHECK_STR(b, "2013-11-30");
    d.day = added_max;
    breach_date_format(d, b, sizeof b);
    CHECK_STR(b, "2025-03-03");
    d.day = breach_min;
    breach_date_format(d, b, sizeof b);
    CHECK_STR(b, "2007-07-12");
    d.day = breach_max;
    breach_date_format(d, b, sizeof b);
    CHECK_STR(b, "2025-02-24");
    /* [x['PwnCount'] for x in d if x['Name']=='Collection1'] -> [772904991], the largest */
    long c1 = find(&r, "hibp:Collection1");
    CU_ASSERT_FATAL(c1 >= 0);
    CHECK_EQ_LL(get(&r, (size_t)c1).affected.value, 772904991);
    /* [x['PwnCount'] for x in d if x['Name']=='NextGenUpdate'] -> [1194597] */
    long ng = find(&r, "hibp:NextGenUpdate");
    CU_ASSERT_FATAL(ng >= 0);
    breach_incident in = get(&r, (size_t)ng);
    CHECK_EQ_LL(in.affected.value, 1194597);
    /* a gaming forum, not NextGen Healthcare: different entity keys, and a filter on the
     * healthcare company selects nothing in this list */
    char key[64];
    breach_entity_key("NextGen Healthcare, Inc.", strlen("NextGen Healthcare, Inc."), key, sizeof key);
    CHECK_STR(key, "nextgen healthcare");
    CHECK_STR(in.entity, "nextgenupdate.com"); /* its Domain */
    CHECK_STR(in.entity_key, "nextgenupdatecom");
    CU_ASSERT(strcmp(in.entity_key, key) != 0);
    breach_filter f;
    breach_filter_init(&f);
    f.entity = "NextGen Healthcare, Inc.";
    size_t n = 99;
    breach_error e;
    size_t *sel = breach_dataset_select(r.ds, &f, &n, &e);
    CHECK_EQ_LL(n, 0);
    breach_free(sel);
    f.entity = "nextgenupdate.com";
    sel = breach_dataset_select(r.ds, &f, &n, &e);
    CHECK_EQ_LL(n, 1);
    breach_free(sel);
    /* warnings: sum(x['IsFabricated']+x['IsSpamList']+x['IsRetired'] for x in d) -> 21 (3 + 16 + 2);
     * every one of the 146 classes is in the table, and Names are distinct */
    CHECK_EQ_LL(breach_report_n_warnings(r.rep), 21);
    size_t fab = 0, spam = 0, retired = 0;
    for (size_t i = 0; i < breach_report_n_warnings(r.rep); i++) {
        breach_issue w;
        breach_report_warning(r.rep, i, &w);
        fab += strncmp(w.text, "IsFabricated", 12) == 0;
        spam += strncmp(w.text, "IsSpamList", 10) == 0;
        retired += strncmp(w.text, "IsRetired", 9) == 0;
    }
    /* sum(x['IsFabricated'] for x in d), ... -> 3 16 2 */
    CHECK_EQ_LL(fab, 3);
    CHECK_EQ_LL(spam, 16);
    CHECK_EQ_LL(retired, 2);
    /* Organisations keyed by Domain (Title where it has none), so that a site breached
       twice is one organisation hit twice. By tests/reference/hibp_repeats.py (entity key
       rules of incident.h over Domain or Title, distinct BreachDate per key): 851 keys, 19
       with two dates or more, 23 intervals (20 domains have 2+ breaches; mgmresorts.com's
       two share a BreachDate: one episode) */
    breach_repeats *rp = breach_repeats_compute(r.ds, NULL, NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rp);
    CHECK_EQ_LL(rp->n_entities, 851);
    CHECK_EQ_LL(rp->n_repeat_entities, 19);
    CHECK_EQ_LL(rp->n_intervals, 23);
    breach_repeats_free(rp);
    done(&r);
}

int main(void)
{
    static const test_entry tests[] = {
        {"fixture: fields, flags, unknown class", test_fixture},
        {"rejected breaches, with places", test_rejects},
        {"one object, repeated names, unknown counts, arguments", test_misc},
        {"options with reserved fields set are refused", test_reserved_options},
        {"the real HIBP list", test_real_list},
        {NULL, NULL},
    };
    return run_suite("io_hibp", tests);
}
