/* The canonical CSV: reading, writing, round trips, and every way a file can be wrong. */
#include "check.h"

#include <unistd.h>

#define HEADER "id,entity,affected,regions,reported\n"

/* Reads `text` into a fresh dataset; returns the status, fills *ds (caller frees). */
static int read_text(const char *text, bool lenient, breach_dataset **ds, breach_report **rep,
                     breach_error *e)
{
    breach_load_options o;
    breach_load_options_init(&o);
    o.lenient = lenient;
    o.source_name = "mem.csv";
    *ds = breach_dataset_new(NULL);
    *rep = breach_report_new();
    memset(e, 0, sizeof *e);
    return breach_csv_read_buffer(*ds, text, strlen(text), &o, *rep, e);
}

static char *write_all(const breach_dataset *ds, size_t *len)
{
    char *buf = NULL;
    FILE *out = open_memstream(&buf, len);
    CU_ASSERT_EQUAL(breach_csv_write(ds, NULL, out, NULL), BREACH_OK);
    fclose(out);
    return buf;
}

/* Expects a strict read of `text` to fail with code at line:column (column 0 = any). */
static void expect_error(const char *text, int code, long line, long column, const char *needle)
{
    breach_dataset *ds;
    breach_report *rep;
    breach_error e;
    int rc = read_text(text, false, &ds, &rep, &e);
    if (rc != code || e.line != line || (column && e.column != column))
        fprintf(stderr, "\n  input %.40s...: got %d at %ld:%ld (%s), want %d at %ld:%ld\n", text, rc,
                e.line, e.column, e.text, code, line, column);
    CU_ASSERT_EQUAL(rc, code);
    CU_ASSERT_EQUAL(e.code, code);
    CU_ASSERT_EQUAL(e.line, line);
    if (column)
        CU_ASSERT_EQUAL(e.column, column);
    CHECK_STR(e.source, "mem.csv");
    if (needle && !strstr(e.text, needle)) {
        fprintf(stderr, "\n  message \"%s\" lacks \"%s\"\n", e.text, needle);
        CU_FAIL("message");
    }
    /* rows read = loaded + rejected, also when a load stops */
    CU_ASSERT_EQUAL(breach_report_rows_read(rep),
                    breach_report_rows_loaded(rep) + breach_report_rows_rejected(rep));
    breach_report_free(rep);
    breach_dataset_free(ds);
}

static void test_read_basic(void)
{
    breach_dataset *ds;
    breach_report *rep;
    breach_error e;
    const char *text = HEADER "a,Acme Corp,>=3000000,US-ME:12;US-TX:<=40,2023-04\n"
                              "b,\"Quoted, Inc.\",~1050000,,04/28/2023\n";
    CU_ASSERT_EQUAL_FATAL(read_text(text, false, &ds, &rep, &e), BREACH_OK);
    CHECK_EQ_LL(breach_dataset_size(ds), 2);
    breach_incident in;
    breach_dataset_get(ds, 0, &in, NULL);
    CHECK_STR(in.id, "a");
    CHECK_STR(in.entity_key, "acme");
    CHECK_EQ_LL(in.affected.qualifier, BREACH_COUNT_AT_LEAST);
    CHECK_EQ_LL(in.affected.value, 3000000);
    CU_ASSERT_EQUAL_FATAL(in.n_regions, 2);
    CHECK_STR(breach_region_code(in.regions[1].region), "US-TX");
    CHECK_EQ_LL(in.regions[1].count.qualifier, BREACH_COUNT_AT_MOST);
    CHECK_EQ_LL(in.reported.precision, BREACH_PREC_MONTH);
    /* columns missing from the header are "not stated" */
    CU_ASSERT_PTR_NULL(in.vendor);
    CHECK_EQ_LL(in.business_associate, BREACH_TRI_UNKNOWN);
    CHECK_EQ_LL(in.unit, BREACH_UNIT_INDIVIDUALS);
    breach_dataset_get(ds, 1, &in, NULL);
    CHECK_STR(in.entity, "Quoted, Inc.");
    CHECK_EQ_LL(in.affected.qualifier, BREACH_COUNT_ESTIMATED);
    char d[16];
    breach_date_format(in.reported, d, sizeof d);
    CHECK_STR(d, "2023-04-28");
    CHECK_EQ_LL(breach_report_rows_read(rep), 2);
    CHECK_EQ_LL(breach_report_rows_loaded(rep), 2);
    breach_report_free(rep);
    breach_dataset_free(ds);
}

static void test_rfc4180(void)
{
    /* BOM, CRLF line ends, a quoted field with "" and an embedded CRLF, an empty quoted
       field, a blank line, no line end at the very end. */
    const char *text = "\xEF\xBB\xBFid,entity,summary\r\n"
                       "x1,\"He said \"\"hi\"\"\",\"line one\r\nline two\"\r\n"
                       "\r\n"
                       "x2,\"\",plain\r\n"
                       "x3,Last,\"no newline at end\"";
    breach_dataset *ds;
    breach_report *rep;
    breach_error e;
    CU_ASSERT_EQUAL_FATAL(read_text(text, false, &ds, &rep, &e), BREACH_OK);
    CHECK_EQ_LL(breach_dataset_size(ds), 3);
    breach_incident in;
    breach_dataset_get(ds, 0, &in, NULL);
    CHECK_STR(in.entity, "He said \"hi\"");
    CHECK_STR(in.summary, "line one\r\nline two");
    breach_dataset_get(ds, 1, &in, NULL);
    CU_ASSERT_PTR_NULL(in.entity); /* empty = not stated */
    breach_dataset_get(ds, 2, &in, NULL);
    CHECK_STR(in.summary, "no newline at end");
    breach_report_free(rep);
    breach_dataset_free(ds);

    /* Line numbers after a quoted line break: the bad date is on physical line 4 */
    expect_error("id,entity,reported\n"
                 "a,\"two\nlines\",2023-01-01\n"
                 "b,ok,2023-02-30\n",
                 BREACH_EDATE, 4, 6, "impossible date");
}

static void test_round_trip(void)
{
    /* every column, awkward values: quotes, commas, newlines, leading spaces, UTF-8 */
    const char *text =
        "id,entity,entity_state,entity_type,breach_types,actor,vendor,via,reported,occurred_start,"
        "occurred_end,discovered,affected,unit,regions,categories,locations,business_associate,"
        "separate,source,summary\n"
        "r1, Spaced Name ,US-PR,Health Plan,theft;hacking,\"Cl0p, maybe\",Fortra GoAnywhere,Brightline,"
        "2023,2022-11,2022-12-24,2023-01,<=77,records,US-PR:70;US:7,ssn;name;other,paper;email,no,yes,"
        "\"src \"\"quoted\"\"\",\"multi\nline  \"\n"
        "r2,Société Générale,FR,,unknown,,,,,,,,,accounts,,,,,,,\n";
    breach_dataset *ds;
    breach_report *rep;
    breach_error e;
    int rc = read_text(text, false, &ds, &rep, &e);
    if (rc)
        fprintf(stderr, "\n  %ld:%ld %s\n", e.line, e.column, e.text);
    CU_ASSERT_EQUAL_FATAL(rc, BREACH_OK);
    size_t l1, l2;
    char *w1 = write_all(ds, &l1);
    breach_dataset *ds2 = breach_dataset_new(NULL);
    CU_ASSERT_EQUAL(breach_csv_read_buffer(ds2, w1, l1, NULL, NULL, &e), BREACH_OK);
    char *w2 = write_all(ds2, &l2);
    CU_ASSERT(l1 == l2 && memcmp(w1, w2, l1) == 0);
    /* the writer puts sets in vocabulary order: types hacking;theft, categories name;ssn;other */
    CU_ASSERT_PTR_NOT_NULL(strstr(w1, ",hacking;theft,"));
    CU_ASSERT_PTR_NOT_NULL(strstr(w1, ",name;ssn;other,email;paper,no,yes,"));
    CU_ASSERT_PTR_NOT_NULL(strstr(w1, "r1,\" Spaced Name \",US-PR,"));
    CU_ASSERT_PTR_NOT_NULL(strstr(w1, "\"Cl0p, maybe\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(w1, ",2023,2022-11,2022-12-24,2023-01,<=77,records,US-PR:70;US:7,"));
    breach_incident a, b;
    breach_dataset_get(ds, 0, &a, NULL);
    breach_dataset_get(ds2, 0, &b, NULL);
    CHECK_STR(b.entity, a.entity);
    CHECK_STR(b.summary, "multi\nline  ");
    CHECK_EQ_LL(b.flags, BREACH_FLAG_SEPARATE);
    CHECK_EQ_LL(b.business_associate, BREACH_TRI_NO);
    CHECK_EQ_LL(b.occurred_end.day, a.occurred_end.day);
    breach_dataset_get(ds2, 1, &b, NULL);
    CHECK_STR(b.entity, "Société Générale");
    CHECK_EQ_LL(b.unit, BREACH_UNIT_ACCOUNTS);
    free(w1);
    free(w2);
    breach_dataset_free(ds2);
    breach_report_free(rep);
    breach_dataset_free(ds);
}

static void test_header_errors(void)
{
    expect_error("", BREACH_EFORMAT, 1, 0, "empty file");
    expect_error("id,entity,colour\n", BREACH_EFORMAT, 1, 11, "unknown column 'colour'");
    expect_error("id,entity,id\n", BREACH_EFORMAT, 1, 11, "twice");
    expect_error("id,affected\n", BREACH_EFORMAT, 1, 0, "no 'entity' column");
    expect_error("id,\"entity\n", BREACH_EPARSE, 1, 4, "not closed");
}

static void test_row_errors(void)
{
    /* each: the place is the bad field's line and byte column */
    expect_error(HEADER "a,Acme,12,,2023-02-30\n", BREACH_EDATE, 2, 12, "reported");
    expect_error(HEADER "a,Acme,-5,,\n", BREACH_ECOUNT, 2, 8, "negative");
    expect_error(HEADER "a,Acme,1e6,,\n", BREACH_ECOUNT, 2, 8, "not a count");
    expect_error(HEADER "a,Acme,99999999999999999999,,\n", BREACH_EOVERFLOW, 2, 8, "2^64");
    expect_error(HEADER "a,Acme,12,US-ZZ:3,\n", BREACH_EREGION, 2, 11, "US-ZZ");
    expect_error(HEADER "a,Acme,12,US-ME,\n", BREACH_EPARSE, 2, 11, "no ':'");
    expect_error(HEADER "a,Acme,12,US-ME:3;;US-TX:4,\n", BREACH_EPARSE, 2, 11, "empty item");
    expect_error(HEADER "a,Acme,12,US-ME:3;US-ME:4,\n", BREACH_EINCONSISTENT, 2, 11, "twice");
    expect_error(HEADER "a,Acme,12,US-ME:13,\n", BREACH_EINCONSISTENT, 2, 11, "more than");
    /* a row short of fields: the place just past its last byte ("a,Acme,12" is 9 bytes),
       on the line where it ends when a quoted field holds a line break ("me\",12": 6);
       one with too many: where the first extra field starts ("a,Acme,12,,," is 12) */
    expect_error(HEADER "a,Acme,12\n", BREACH_EPARSE, 2, 10,
                 "the row ends after 3 fields at column 10, the header has 5");
    expect_error(HEADER "a,\"Ac\nme\",12\n", BREACH_EPARSE, 3, 7, "ends after 3 fields at column 7");
    expect_error(HEADER "a,\"Ac\r\nme\",12\r\n", BREACH_EPARSE, 3, 7, "ends after 3 fields at column 7");
    expect_error(HEADER "a\n", BREACH_EPARSE, 2, 2, "the row ends after 1 field at column 2");
    expect_error(HEADER "a,Acme,12,,,x\n", BREACH_EPARSE, 2, 13,
                 "the row has 6 fields, the header 5: the first extra one starts here");
    expect_error(HEADER "a,Ac\"me,12,,\n", BREACH_EPARSE, 2, 5, "quote inside");
    expect_error(HEADER "a,\"Acme\"x,12,,\n", BREACH_EPARSE, 2, 9, "after a closing quote");
    expect_error(HEADER "a,\"Acme,12,,\n", BREACH_EPARSE, 2, 3, "not closed");
    expect_error(HEADER "a,Acme\xC3\x28,12,,\n", BREACH_EENCODING, 2, 3, "UTF-8");
    expect_error(HEADER "a,Acme\xFF,12,,\n", BREACH_EENCODING, 2, 3, "UTF-8");
    expect_error("id,entity,breach_types\na,Acme,hacking;phishing\n", BREACH_ETYPE, 2, 8, "phishing");
    expect_error("id,entity,categories\na,Acme,name;shoe_size\n", BREACH_ECATEGORY, 2, 8, "shoe_size");
    expect_error("id,entity,locations\na,Acme,cloud\n", BREACH_ETYPE, 2, 8, "cloud");
    expect_error("id,entity,unit\na,Acme,people\n", BREACH_EINVAL, 2, 8, "people");
    expect_error("id,entity,business_associate\na,Acme,maybe\n", BREACH_EPARSE, 2, 8, "maybe");
    expect_error("id,entity,separate\na,Acme,2\n", BREACH_EPARSE, 2, 8, "'2'");
    expect_error("id,entity,entity_state\na,Acme,Maine\n", BREACH_EREGION, 2, 8, "Maine");
    expect_error("id,entity,occurred_start,occurred_end\na,Acme,2023-05-02,2023-05-01\n",
                 BREACH_EINCONSISTENT, 2, 0, "before");
    /* a NUL byte cannot be written in a C string literal's middle: build it */
    char nul[64];
    size_t n = (size_t)snprintf(nul, sizeof nul, "%sa,Ac", HEADER);
    nul[n] = '\0';
    memcpy(nul + n + 1, "me,12,,\n", 9);
    breach_dataset *ds = breach_dataset_new(NULL);
    breach_error e;
    breach_load_options o;
    breach_load_options_init(&o);
    CU_ASSERT_EQUAL(breach_csv_read_buffer(ds, nul, n + 1 + 8, &o, NULL, &e), BREACH_EENCODING);
    CHECK_EQ_LL(e.line, 2);
    CHECK_EQ_LL(e.column, 5);
    CHECK_STR(e.source, "<buffer>");
    breach_dataset_free(ds);
}

static void test_lenient(void)
{
    const char *text = HEADER "a,Acme,12,,2023-01-01\n"
                              "b,Bad,12,,2023-13-01\n"
                              "c,\"Two\nlines\",7,,\n"
                              "d,Worse,x,,\n"
                              "e,Short\n"
                              "f,Fine,1,US-WA:1,\n";
    breach_dataset *ds;
    breach_report *rep;
    breach_error e;
    /* strict: stops at the first bad row (b), a is loaded */
    CU_ASSERT_EQUAL(read_text(text, false, &ds, &rep, &e), BREACH_EDATE);
    CHECK_EQ_LL(e.line, 3);
    CHECK_EQ_LL(breach_dataset_size(ds), 1);
    CHECK_EQ_LL(breach_report_rows_read(rep), 2);
    CHECK_EQ_LL(breach_report_rows_rejected(rep), 1);
    breach_report_free(rep);
    breach_dataset_free(ds);
    /* lenient: every bad row listed with its place, the rest loaded */
    CU_ASSERT_EQUAL(read_text(text, true, &ds, &rep, &e), BREACH_OK);
    CHECK_EQ_LL(breach_dataset_size(ds), 3);
    CHECK_EQ_LL(breach_report_rows_read(rep), 6);
    CHECK_EQ_LL(breach_report_rows_loaded(rep), 3);
    CHECK_EQ_LL(breach_report_rows_rejected(rep), 3);
    CU_ASSERT_EQUAL_FATAL(breach_report_n_rejects(rep), 3);
    breach_issue is;
    /* "e,Short" (7 bytes) ends at column 8 */
    static const long lines[] = {3, 6, 7}, rows[] = {2, 4, 5}, cols[] = {11, 9, 8};
    static const int codes[] = {BREACH_EDATE, BREACH_ECOUNT, BREACH_EPARSE};
    for (size_t k = 0; k < 3; k++) {
        CU_ASSERT_EQUAL(breach_report_reject(rep, k, &is), BREACH_OK);
        CHECK_EQ_LL(is.line, lines[k]);
        CHECK_EQ_LL(is.row, rows[k]);
        CHECK_EQ_LL(is.column, cols[k]);
        CHECK_EQ_LL(is.code, codes[k]);
        CU_ASSERT(is.text && *is.text);
        CHECK_STR(breach_report_reject_source(rep, k), "mem.csv");
    }
    CU_ASSERT_EQUAL(breach_report_reject(rep, 3, &is), BREACH_EINVAL);
    CU_ASSERT_PTR_NULL(breach_report_reject_source(rep, 3));
    CHECK_EQ_LL(breach_report_n_warnings(rep), 0);
    CU_ASSERT_EQUAL(breach_report_warning(rep, 0, &is), BREACH_EINVAL);
    breach_report_free(rep);
    breach_dataset_free(ds);

    /* a syntax error in lenient mode skips to the next line and goes on */
    CU_ASSERT_EQUAL(read_text(HEADER "a,A\"b,1,,\nb,B,2,,\n", true, &ds, &rep, &e), BREACH_OK);
    CHECK_EQ_LL(breach_dataset_size(ds), 1);
    CHECK_EQ_LL(breach_report_rows_read(rep), 2);
    CHECK_EQ_LL(breach_report_rows_rejected(rep), 1);
    breach_report_free(rep);
    breach_dataset_free(ds);
}

/* Rows that repeat an earlier row of the file, as the other formats' loaders find them: by
 * id (the same content or not), or without an id word for word. Before, the canonical
 * reader kept them silently and the summary said "rows identical to an earlier row: 0". */
static void test_repeated_rows(void)
{
    /* data rows 1..8 on lines 2..9 (row 4, line 5, is rejected: a negative count) */
    const char *text = HEADER "a,Acme,10,,2023-01-01\n"     /* row 1 */
                              "b,Bolt,5,US-WA:5,\n"         /* row 2 */
                              "a,Acme,12,,2023-01-01\n"     /* row 3: a's id, other count */
                              "x,Bad,-1,,\n"                /* row 4: rejected */
                              ",Quill Inc,7,,2023-02-02\n"  /* row 5: no id */
                              ",Quill Inc,7,,2023-02-02\n"  /* row 6: row 5 word for word */
                              ",Quill Inc,8,,2023-02-02\n"  /* row 7: no id, other count */
                              "b,Bolt,5,US-WA:5,\n";        /* row 8: row 2 word for word */
    breach_dataset *ds;
    breach_report *rep;
    breach_error e;
    CU_ASSERT_EQUAL_FATAL(read_text(text, true, &ds, &rep, &e), BREACH_OK);
    CHECK_EQ_LL(breach_dataset_size(ds), 7);
    CU_ASSERT_EQUAL_FATAL(breach_report_n_warnings(rep), 3);
    static const long rows[] = {3, 6, 8}, lines[] = {4, 7, 9};
    static const char *const texts[] = {
        "id 'a' repeats row 1 (line 2), with other content; both are kept",
        "row 6 is identical to row 5 (line 6); both are kept",
        "id 'b' repeats row 2 (line 3), with the same content; both are kept"};
    for (size_t k = 0; k < 3; k++) {
        breach_issue is;
        CU_ASSERT_EQUAL(breach_report_warning(rep, k, &is), BREACH_OK);
        CHECK_EQ_LL(is.code, BREACH_WARN_DUPLICATE);
        CHECK_EQ_LL(is.row, rows[k]);
        CHECK_EQ_LL(is.line, lines[k]);
        CHECK_STR(is.text, texts[k]);
    }
    /* flagged: the incidents of rows 6 and 8 (indices 4 and 6), nothing else */
    for (size_t i = 0; i < breach_dataset_size(ds); i++) {
        breach_incident in;
        breach_dataset_get(ds, i, &in, NULL);
        CHECK_EQ_LL((in.flags & BREACH_FLAG_IDENTICAL) != 0, i == 4 || i == 6);
    }
    breach_overview *ov = breach_overview_compute(ds, NULL, &e);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ov);
    CHECK_EQ_LL(ov->n_identical, 2);
    CHECK_EQ_LL(ov->identical_by_unit[BREACH_UNIT_INDIVIDUALS], 7 + 5);
    breach_overview_free(ov);
    breach_report_free(rep);
    breach_dataset_free(ds);

    /* a file without repeats: no warning, no flag */
    CU_ASSERT_EQUAL_FATAL(read_text(HEADER "a,A,1,,\nb,A,1,,\n,A,1,,\n,B,1,,\n", false, &ds,
                                    &rep, &e),
                          BREACH_OK);
    CHECK_EQ_LL(breach_report_n_warnings(rep), 0);
    breach_report_free(rep);
    breach_dataset_free(ds);
}

static void test_files(void)
{
    breach_dataset *ds = breach_dataset_new(NULL);
    breach_error e;
    CU_ASSERT_EQUAL(breach_csv_read_file(ds, "/nonexistent/dir/x.csv", NULL, NULL, &e), BREACH_EIO);
    CHECK_STR(e.source, "/nonexistent/dir/x.csv");
    CU_ASSERT_PTR_NOT_NULL(strstr(e.text, "No such file"));
    CU_ASSERT_EQUAL(breach_csv_read_file(ds, "/", NULL, NULL, &e), BREACH_EIO);
    CU_ASSERT_PTR_NOT_NULL(strstr(e.text, "directory"));
    CU_ASSERT_EQUAL(breach_csv_write_file(ds, NULL, "/nonexistent/dir/out.csv", &e), BREACH_EIO);
    CU_ASSERT_EQUAL(breach_csv_read_file(NULL, "x", NULL, NULL, &e), BREACH_EINVAL);
    CU_ASSERT_EQUAL(breach_csv_write(ds, NULL, NULL, &e), BREACH_EINVAL);
    /* a written file reads back; a pipe (not a regular file) reads too */
    char path[] = "/tmp/breach-test-XXXXXX";
    temp_file(path, "", 0);
    breach_incident in;
    breach_incident_init(&in);
    in.entity = "Written Ltd";
    in.affected = breach_count_exact(4242);
    CU_ASSERT(breach_dataset_add(ds, &in, NULL) == 0);
    CU_ASSERT_EQUAL(breach_csv_write_file(ds, NULL, path, &e), BREACH_OK);
    breach_dataset *back = breach_dataset_new(NULL);
    CU_ASSERT_EQUAL(breach_csv_read_file(back, path, NULL, NULL, &e), BREACH_OK);
    CHECK_EQ_LL(breach_dataset_size(back), 1);
    breach_dataset_free(back);
    /* a pipe is not mapped but read */
    int fds[2];
    CU_ASSERT_FATAL(pipe(fds) == 0);
    const char *piped = "entity,affected\nPiped Co,9\n";
    CU_ASSERT(write(fds[1], piped, strlen(piped)) == (ssize_t)strlen(piped));
    close(fds[1]);
    char dev[64];
    snprintf(dev, sizeof dev, "/dev/fd/%d", fds[0]);
    back = breach_dataset_new(NULL);
    CU_ASSERT_EQUAL(breach_csv_read_file(back, dev, NULL, NULL, &e), BREACH_OK);
    close(fds[0]);
    CHECK_EQ_LL(breach_dataset_size(back), 1);
    remove(path);
    breach_dataset_free(back);
    breach_dataset_free(ds);
}

static void test_write_filtered(void)
{
    breach_dataset *ds;
    breach_report *rep;
    breach_error e;
    const char *text = "id,entity,vendor,reported,affected\n"
                       "v1,Acme,Fortra GoAnywhere,2023-04-01,10\n"
                       "v2,ACME INC,fortra goanywhere,2023-05-01,12\n"
                       "o1,Other,,2023-06-01,5\n";
    CU_ASSERT_EQUAL_FATAL(read_text(text, false, &ds, &rep, &e), BREACH_OK);
    breach_filter f;
    breach_filter_init(&f); /* superseded left out: v1 */
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    CU_ASSERT_EQUAL(breach_csv_write(ds, &f, out, &e), BREACH_OK);
    fclose(out);
    CU_ASSERT_PTR_NULL(strstr(buf, "\nv1,"));
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "\nv2,"));
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "\no1,"));
    free(buf);
    f.include_superseded = true;
    f.vendor = "Fortra GoAnywhere";
    out = open_memstream(&buf, &len);
    CU_ASSERT_EQUAL(breach_csv_write(ds, &f, out, &e), BREACH_OK);
    fclose(out);
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "\nv1,"));
    CU_ASSERT_PTR_NULL(strstr(buf, "\no1,"));
    free(buf);
    f.reserved_[0] = 1;
    out = open_memstream(&buf, &len);
    CU_ASSERT_EQUAL(breach_csv_write(ds, &f, out, &e), BREACH_EINVAL);
    fclose(out);
    free(buf);
    breach_report_free(rep);
    breach_dataset_free(ds);
}

/* The reader reads each row's entity name ahead of time, folds its key and hands it to the
 * dataset (libbreach/io_canonical.c, "reading ahead"). Here every way its quick look at a
 * line can differ from the reader's: the entity as the fourth field, quoted names (with a
 * comma, with a line break), line breaks inside an earlier quoted field, CRLF and LF, blank
 * lines, a name too long to hint, a name of punctuation only (an empty key), rows with too
 * few fields, and a vendor of the same length as the entity (the hint is the entity's key
 * and must not become the vendor's). Every row's keys must be what breach_entity_key()
 * gives for its names, as if no row had been read ahead. */
static void test_read_ahead(void)
{
    enum { ROWS = 300, VENDORS = 7 };
    char long_name[200];
    memset(long_name, 'L', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = '\0';
    char *text = NULL;
    size_t text_len = 0;
    FILE *out = open_memstream(&text, &text_len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(out);
    fputs("id,summary,vendor,entity,reported\n", out);
    char names[ROWS][256];
    long vendor_rows[VENDORS] = {0};
    size_t loaded = 0;
    for (int i = 0; i < ROWS; i++) {
        const char *eol = i % 3 ? "\n" : "\r\n";
        if (i % 11 == 5)
            fputs(eol, out); /* a blank line: no row */
        if (i % 37 == 20) {
            fprintf(out, "short%d,one field too few,x%s", i, eol); /* rejected (lenient) */
            continue;
        }
        /* names of one length (11 bytes), repeated, mostly unquoted */
        char name[256];
        snprintf(name, sizeof name, "Org %03d Inc", i % 97);
        const char *summary = "plain";
        if (i % 13 == 3)
            summary = "\"two\nlines\""; /* the scout sees a line break in a quoted field */
        if (i % 17 == 4)
            summary = "\"three\r\nphysical\nlines, Org 001 Inc,x\"";
        if (i % 19 == 7)
            snprintf(name, sizeof name, "%s", long_name);
        if (i % 23 == 8)
            snprintf(name, sizeof name, "%s", "!!!");
        char field[300];
        if (i % 29 == 9) /* a quoted name with a comma */
            snprintf(field, sizeof field, "\"Org, %03d Inc\"", i % 97),
                snprintf(name, sizeof name, "Org, %03d Inc", i % 97);
        else if (i % 31 == 10) /* a quoted name with a line break */
            snprintf(field, sizeof field, "\"Org %03d\nInc\"", i % 97),
                snprintf(name, sizeof name, "Org %03d\nInc", i % 97);
        else
            snprintf(field, sizeof field, "%s", name);
        char vendor[32] = "";
        if (i % 2) { /* 11 bytes too */
            snprintf(vendor, sizeof vendor, "Vnd %03d Inc", i % VENDORS);
            vendor_rows[i % VENDORS]++;
        }
        fprintf(out, "r%d,%s,%s,%s,2023-01-%02d%s", i, summary, vendor, field, 1 + i % 28, eol);
        snprintf(names[loaded++], sizeof names[0], "%s", name);
    }
    fclose(out);

    /* one thread (names prepared as rows are parsed), and 2 and 7 (prepared by the threads
       that parse, ahead of the row being added, with chunks of a few rows) */
    static const unsigned threads[] = {1, 2, 7};
    for (size_t t = 0; t < sizeof threads / sizeof threads[0]; t++) {
    breach_load_options o;
    breach_load_options_init(&o);
    o.lenient = true;
    o.source_name = "ahead.csv";
    o.threads = threads[t];
    breach_dataset *ds = breach_dataset_new(NULL);
    breach_report *rep = breach_report_new();
    breach_error e;
    CU_ASSERT_EQUAL_FATAL(breach_csv_read_buffer(ds, text, text_len, &o, rep, &e), BREACH_OK);
    CHECK_EQ_LL(breach_dataset_size(ds), loaded);
    long bad = 0;
    for (size_t k = 0; k < loaded && k < breach_dataset_size(ds); k++) {
        breach_incident in;
        breach_dataset_get(ds, k, &in, NULL);
        char key[512];
        size_t klen = breach_entity_key(names[k], strlen(names[k]), key, sizeof key);
        if (!in.entity || strcmp(in.entity, names[k]) != 0 ||
            (klen ? !in.entity_key || strcmp(in.entity_key, key) != 0 : in.entity_key != NULL)) {
            if (bad++ < 5)
                fprintf(stderr, "\n  row %zu: entity '%s' key '%s', want '%s' key '%s'", k,
                        in.entity ? in.entity : "(null)",
                        in.entity_key ? in.entity_key : "(null)", names[k], key);
        }
    }
    CHECK_EQ_LL(bad, 0);
    /* a key is stored once, prepared or not: equal keys, one pointer (a prepared hash that
       is not the table's would store a second copy) */
    for (size_t a = 0; a < breach_dataset_size(ds); a++)
        for (size_t b = 0; b < a; b++) {
            breach_incident ia, ib;
            breach_dataset_get(ds, a, &ia, NULL);
            breach_dataset_get(ds, b, &ib, NULL);
            if (ia.entity_key && ib.entity_key &&
                (strcmp(ia.entity_key, ib.entity_key) == 0) != (ia.entity_key == ib.entity_key))
                bad++;
        }
    CHECK_EQ_LL(bad, 0);
    /* a filter by entity finds its key by lookup: every row of that organisation */
    for (int k = 0; k < 97; k += 12) {
        char name[32];
        snprintf(name, sizeof name, "ORG %03d, Inc.", k); /* the key of "Org %03d Inc" */
        breach_filter f;
        breach_filter_init(&f);
        f.entity = name;
        long n = 0, want = 0;
        for (size_t r = 0; r < breach_dataset_size(ds); r++) {
            breach_incident in;
            breach_dataset_get(ds, r, &in, NULL);
            char key[64];
            breach_entity_key(names[r], strlen(names[r]), key, sizeof key);
            char expect[32];
            snprintf(expect, sizeof expect, "org %03d", k);
            want += strcmp(key, expect) == 0;
            n += breach_filter_match(ds, r, &f);
        }
        CU_ASSERT(want > 0);
        CHECK_EQ_LL(n, want);
    }
    /* the vendors' keys are their own: a filter by vendor finds each one's rows */
    for (int v = 0; v < VENDORS; v++) {
        char vendor[32];
        snprintf(vendor, sizeof vendor, "VND %03d, Inc.", v); /* the same key */
        breach_filter f;
        breach_filter_init(&f);
        f.vendor = vendor;
        long n = 0;
        for (size_t k = 0; k < breach_dataset_size(ds); k++)
            n += breach_filter_match(ds, k, &f);
        CHECK_EQ_LL(n, vendor_rows[v]);
    }
    breach_report_free(rep);
    breach_dataset_free(ds);
    }
    free(text);
}

/* Line ends as the reader knows them: LF, CRLF and a lone CR (a file of lone CRs has no
 * line feed to cut chunks at: it is read in one), on one thread and on three; each row's
 * key is right. */
static void test_read_ahead_line_ends(void)
{
    const char *eols[] = {"\n", "\r\n", "\r"};
    enum { ROWS = 500 };
    for (size_t e = 0; e < 3; e++) {
        char *text = NULL;
        size_t text_len = 0;
        FILE *out = open_memstream(&text, &text_len);
        CU_ASSERT_PTR_NOT_NULL_FATAL(out);
        fprintf(out, "entity,id%s", eols[e]);
        for (int i = 0; i < ROWS; i++)
            fprintf(out, "The Org %d LLC,r%d%s", i % 61, i, eols[e]);
        fclose(out);
        for (unsigned threads = 1; threads <= 3; threads += 2) {
        breach_load_options o;
        breach_load_options_init(&o);
        o.threads = threads;
        breach_dataset *ds = breach_dataset_new(NULL);
        breach_error err;
        CU_ASSERT_EQUAL_FATAL(breach_csv_read_buffer(ds, text, text_len, &o, NULL, &err),
                              BREACH_OK);
        CHECK_EQ_LL(breach_dataset_size(ds), ROWS);
        long bad = 0;
        for (size_t k = 0; k < breach_dataset_size(ds); k++) {
            breach_incident in;
            breach_dataset_get(ds, k, &in, NULL);
            char want[32];
            snprintf(want, sizeof want, "org %d", (int)(k % 61)); /* "the" and "LLC" go */
            bad += !in.entity_key || strcmp(in.entity_key, want) != 0;
        }
        CHECK_EQ_LL(bad, 0);
        breach_dataset_free(ds);
        }
        free(text);
    }
}

/* A field's end is found sixteen bytes at a time, then byte by byte near the input's end
 * (csv.c): fields of every length from 1 to 48, unquoted, with a quote inside (rejected at
 * the quote's column), quoted with a doubled quote, and last in an input without a final
 * line feed, so that each stop falls at every place of a 16-byte block and of the tail. */
static void test_field_ends_at_every_offset(void)
{
    enum { MAXL = 48 };
    char a[MAXL + 1];
    memset(a, 'a', MAXL);
    a[MAXL] = '\0';
    size_t cap = 200 * MAXL + 200, len = 0;
    char *text = malloc(cap);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    len += (size_t)snprintf(text + len, cap - len, "%s", HEADER);
    for (int l = 1; l <= MAXL; l++) {
        len += (size_t)snprintf(text + len, cap - len, "r%d,%.*s,1,,\n", l, l, a);
        len += (size_t)snprintf(text + len, cap - len, "q%d,%.*s\"b,1,,\n", l, l, a);
        len += (size_t)snprintf(text + len, cap - len, "p%d,\"%.*s\"\"b\",1,,\n", l, l, a);
    }
    breach_dataset *ds;
    breach_report *rep;
    breach_error e;
    CU_ASSERT_EQUAL_FATAL(read_text(text, true, &ds, &rep, &e), BREACH_OK);
    CHECK_EQ_LL(breach_dataset_size(ds), 2 * MAXL);
    CHECK_EQ_LL(breach_report_n_rejects(rep), MAXL);
    long bad = 0;
    for (int l = 1; l <= MAXL; l++) {
        breach_incident in;
        char want[MAXL + 3];
        snprintf(want, sizeof want, "%.*s", l, a);
        if (breach_dataset_get(ds, (size_t)(2 * (l - 1)), &in, NULL) || strcmp(in.entity, want))
            bad++;
        snprintf(want, sizeof want, "%.*s\"b", l, a);
        if (breach_dataset_get(ds, (size_t)(2 * (l - 1) + 1), &in, NULL) || strcmp(in.entity, want))
            bad++;
        /* the quote of "q<l>,aaa\"b" is at column strlen("q<l>,") + l + 1, line 3l */
        breach_issue is;
        char id[16];
        int idlen = snprintf(id, sizeof id, "q%d,", l);
        if (breach_report_reject(rep, (size_t)(l - 1), &is) || is.code != BREACH_EPARSE ||
            is.line != 3 * l || is.column != idlen + l + 1)
            bad++;
    }
    CHECK_EQ_LL(bad, 0);
    breach_report_free(rep);
    breach_dataset_free(ds);
    /* the last field of an input with no final line feed */
    for (int l = 1; l <= MAXL; l++) {
        snprintf(text, cap, "id,entity\nz,%.*s", l, a);
        CU_ASSERT_EQUAL(read_text(text, false, &ds, &rep, &e), BREACH_OK);
        breach_incident in;
        if (breach_dataset_size(ds) != 1 || breach_dataset_get(ds, 0, &in, NULL) ||
            strlen(in.entity) != (size_t)l)
            bad++;
        breach_report_free(rep);
        breach_dataset_free(ds);
    }
    CHECK_EQ_LL(bad, 0);
    free(text);
}

/* The text of a stray quote's reject: the row from line `row` to line `to`, the quote at
 * line:column, then column `after` of line `to` (libbreach/csv.c, breach_csv_span_text). */
static void span_text(char *out, size_t n, long row, long line, long column, long to, long after)
{
    snprintf(out, n,
             "the row runs from line %ld to line %ld: the quote opened at line %ld, column %ld "
             "closes only on line %ld (the lines between were read as part of one field), then "
             "column %ld is neither a comma nor a line end",
             row, to, line, column, to, after);
}

/* Loads path (through the mapping at map_rel when not NULL) leniently and strictly, and
 * checks the one reject: row 2, placed at 3:col (the stray quote), spanning lines 3 to 5,
 * `after` the column after the closing quote on line 5; rows 1 and 3 loaded. */
static void expect_swallow(const char *rel, const char *format, const char *map_rel, long col,
                           long after)
{
    char want[BREACH_ERROR_TEXT_LEN], strict[BREACH_ERROR_TEXT_LEN + 16];
    span_text(want, sizeof want, 3, 3, col, 5, after);
    snprintf(strict, sizeof strict, "row 2: %s", want);
    breach_mapping *m = NULL;
    if (map_rel) {
        m = breach_mapping_read_file(src_path(map_rel), NULL);
        CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    }
    for (int lenient = 0; lenient < 2; lenient++) {
        breach_load_options o;
        breach_load_options_init(&o);
        o.lenient = lenient;
        breach_dataset *ds = breach_dataset_new(NULL);
        breach_report *rep = breach_report_new();
        breach_error e;
        memset(&e, 0, sizeof e);
        int rc = m ? breach_mapped_read_file(ds, src_path(rel), m, &o, rep, &e)
                   : breach_load(ds, src_path(rel), format, &o, rep, &e);
        if (!lenient) {
            CU_ASSERT_EQUAL(rc, BREACH_EPARSE);
            CHECK_EQ_LL(e.line, 3);
            CHECK_EQ_LL(e.column, col);
            CHECK_STR(e.text, strict);
            CU_ASSERT_PTR_NOT_NULL(strstr(e.source, rel + strlen("tests/data/")));
        } else {
            CU_ASSERT_EQUAL(rc, BREACH_OK);
            /* rows 1 (line 2), 2 (lines 3-5, rejected), 3 (line 6) */
            CHECK_EQ_LL(breach_report_rows_read(rep), 3);
            CHECK_EQ_LL(breach_report_rows_loaded(rep), 2);
            CHECK_EQ_LL(breach_report_rows_rejected(rep), 1);
            breach_issue is;
            CU_ASSERT_EQUAL_FATAL(breach_report_reject(rep, 0, &is), BREACH_OK);
            CHECK_EQ_LL(is.code, BREACH_EPARSE);
            CHECK_EQ_LL(is.row, 2);
            CHECK_EQ_LL(is.line, 3);
            CHECK_EQ_LL(is.column, col);
            CHECK_STR(is.text, want);
        }
        breach_report_free(rep);
        breach_dataset_free(ds);
    }
    breach_mapping_free(m);
}

/* A stray quote (review rev-hostile, item 5): a quote opens a field on line 3 and the next
 * quote in the file, the opening one of a field on line 5, closes it, so that lines 3-5 are
 * one record (RFC 4180) and its notices c and d are in the rejected row. The reject is
 * placed at the quote and names the lines, in every loader of the shared tokenizer; on one
 * line, or with no closing quote at all, the errors are as they were. */
static void test_stray_quote(void)
{
    /* tests/data/quote-swallow.csv: line 3 is `b,"Beta Inc,...`, quote at column 3; line 5
       is `d,"Delta",...`: the quote at column 3 closes the field, 'D' at column 4 */
    expect_swallow("tests/data/quote-swallow.csv", NULL, NULL, 3, 4);
    breach_dataset *ds;
    breach_report *rep;
    breach_error e;
    char text[256];
    FILE *f = fopen(src_path("tests/data/quote-swallow.csv"), "rb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    CU_ASSERT_EQUAL_FATAL(read_text(text, true, &ds, &rep, &e), BREACH_OK);
    breach_incident in;
    CU_ASSERT_EQUAL_FATAL(breach_dataset_size(ds), 2); /* a and e; b, c and d in the reject */
    CU_ASSERT(breach_dataset_get(ds, 0, &in, NULL) == BREACH_OK && strcmp(in.id, "a") == 0);
    CU_ASSERT(breach_dataset_get(ds, 1, &in, NULL) == BREACH_OK && strcmp(in.id, "e") == 0);
    breach_report_free(rep);
    breach_dataset_free(ds);
    /* HHS: `"Beta Health,TX,...` (quote at column 1), closed by `"Delta Dental"` at 5:1, 'D'
       at 5:2; through hhs.map the same. WA: the quote opens Name at column 105 of line 3
       (after 5 dates of 23 bytes and `Cyberattack,`), `"Delta Inc"` at the same column of
       line 5 closes it; through wa.map the same */
    expect_swallow("tests/data/hhs-quote-swallow.csv", "hhs", NULL, 1, 2);
    expect_swallow("tests/data/hhs-quote-swallow.csv", NULL, "tests/data/hhs.map", 1, 2);
    expect_swallow("tests/data/wa-quote-swallow.csv", "wa", NULL, 105, 106);
    expect_swallow("tests/data/wa-quote-swallow.csv", NULL, "tests/data/wa.map", 105, 106);
    /* an earlier field of the row holds a line break: the row starts on line 2, the quote on
       line 3 (column 5), closed at 4:3 ('x' at column 4) */
    char want[BREACH_ERROR_TEXT_LEN], strict[BREACH_ERROR_TEXT_LEN + 16];
    span_text(want, sizeof want, 2, 3, 5, 4, 4);
    snprintf(strict, sizeof strict, "row 1: %s", want);
    expect_error(HEADER "a,\"Ac\nme\",\"12,,\nb,\"x,3,,\n", BREACH_EPARSE, 3, 5, strict);
    /* a quoted field with line breaks that closes well is data, as before */
    CU_ASSERT_EQUAL(read_text(HEADER "a,\"Ac\nme\",12,,\n", false, &ds, &rep, &e), BREACH_OK);
    breach_report_free(rep);
    breach_dataset_free(ds);
    /* unchanged: text after a quote closed on its own line; a quote never closed */
    expect_error(HEADER "a,\"Acme\"x,12,,\n", BREACH_EPARSE, 2, 9,
                 "unexpected character after a closing quote (a field that starts with a quote "
                 "must end with one)");
    expect_error(HEADER "a,\"Acme,12,,\nb,Beta,3,,\n", BREACH_EPARSE, 2, 3,
                 "quoted field is not closed before the end of the input");
}

int main(void)
{
    static const test_entry tests[] = {{"read basic rows", test_read_basic},
                                       {"RFC 4180: quotes, CRLF, BOM, blank lines", test_rfc4180},
                                       {"round trip is byte-identical", test_round_trip},
                                       {"header errors", test_header_errors},
                                       {"row errors name line and column", test_row_errors},
                                       {"strict and lenient modes", test_lenient},
                                       {"rows that repeat an earlier row", test_repeated_rows},
                                       {"files", test_files},
                                       {"writing a filtered dataset", test_write_filtered},
                                       {"reading ahead: keys as if read row by row",
                                        test_read_ahead},
                                       {"reading ahead: LF, CRLF and CR line ends",
                                        test_read_ahead_line_ends},
                                       {"a field ends at every offset of a 16-byte block",
                                        test_field_ends_at_every_offset},
                                       {"a stray quote: the rows it takes are named",
                                        test_stray_quote},
                                       {NULL, NULL}};
    return run_suite("canonical csv", tests);
}
