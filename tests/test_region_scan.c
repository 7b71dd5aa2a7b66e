/* White-box tests of how region.c reads the iso-codes lists (the file is compiled into
 * this program): the scanner that reads them without building a JSON tree gives the very
 * table jansson gives, entry for entry; and on every shape it does not expect it gives up
 * before calling anything, so that jansson reads the file (and says what is wrong). */
#include "check.h"
#include "../libbreach/region.c"

typedef struct rec {
    int calls;
    char got[4][3][32];
} rec;

static int record(void *ctx, const char *const *v, const size_t *len)
{
    rec *r = ctx;
    if (r->calls < 4)
        for (int k = 0; k < 3; k++)
            snprintf(r->got[r->calls][k], sizeof r->got[0][0], "%.*s", v[k] ? (int)len[k] : 6,
                     v[k] ? v[k] : "(none)");
    r->calls++;
    return 0;
}

static const char *const fields[] = {"code", "name", "type"};

/* Scans a copy of text without its NUL, as a file's bytes come (breach_file): a scan that
 * reads past the end is ASan's to see. */
static int scan_text(const char *text, rec *r)
{
    memset(r, 0, sizeof *r);
    size_t n = strlen(text);
    char *copy = malloc(n ? n : 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(copy);
    memcpy(copy, text, n);
    int rc = scan_list(copy, n, "L", fields, 3, record, r);
    free(copy);
    return rc;
}

static void test_scanner_reads_the_shape(void)
{
    rec r;
    CHECK_EQ_LL(scan_text(" { \"L\" : [ {\"name\": \"\xc3\x8ele\", \"code\":\"FR-X\", \"other\":\"o\"},"
                          "{}, {\"code\":\"US-ME\",\"type\":\"State\"} ] }\n",
                          &r),
                0);
    CHECK_EQ_LL(r.calls, 3);
    CHECK_STR(r.got[0][0], "FR-X");
    CHECK_STR(r.got[0][1], "\xc3\x8ele");
    CHECK_STR(r.got[0][2], "(none)");
    CHECK_STR(r.got[1][0], "(none)");
    CHECK_STR(r.got[1][1], "(none)");
    CHECK_STR(r.got[2][0], "US-ME");
    CHECK_STR(r.got[2][1], "(none)");
    CHECK_STR(r.got[2][2], "State");
    CHECK_EQ_LL(scan_text("{\"L\":[]}", &r), 0);
    CHECK_EQ_LL(r.calls, 0);
}

static void test_scanner_gives_up(void)
{
    static const char *const odd[] = {
        "{\"L\":[{\"code\":\"A\\u0041\"}]}",            /* an escape */
        "{\"L\":[{\"code\":\"A\\\"B\"}]}",              /* an escaped quote */
        "{\"L\":[{\"code\":1}]}",                       /* a number */
        "{\"L\":[{\"code\":null}]}",                    /* a literal */
        "{\"L\":[{\"code\":[\"A\"]}]}",                 /* an array value */
        "{\"L\":[{\"code\":\"A\",\"code\":\"B\"}]}",    /* a field twice */
        "{\"L\":[{\"code\":\"\xff\"}]}",                /* invalid UTF-8 */
        "{\"L\":[{\"code\":\"A\tB\"}]}",                /* a control byte */
        "{\"L\":[{\"code\":\"A\"}]} x",                 /* text after it */
        "{\"L\":[{\"code\":\"A\"}",                     /* cut short */
        "{\"L\":[{\"code\":\"A\"},]}",                  /* a trailing comma */
        "{\"M\":[]}",                                   /* another list */
        "{\"L\":[],\"M\":[]}",                          /* another member */
        "[]",                                           /* not an object */
        "",                                             /* nothing */
    };
    for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++) {
        rec r;
        int rc = scan_text(odd[i], &r);
        if (rc != 1 || r.calls != 0)
            fprintf(stderr, "case %zu: %d, %d calls\n", i, rc, r.calls);
        CHECK_EQ_LL(rc, 1);
        CHECK_EQ_LL(r.calls, 0);
    }
}

static void test_same_table_as_jansson(void)
{
    static region_db a, b;
    region_test_scans_given_up = 0;
    load_into(&a);
    if (!a.e) {
        fprintf(stderr, "SKIP: the iso-codes lists cannot be read: %s\n", a.why);
        return;
    }
    CHECK_EQ_LL(region_test_scans_given_up, 0); /* the scanner read both files itself */
    region_test_jansson_only = 1;
    load_into(&b);
    region_test_jansson_only = 0;
    CU_ASSERT_PTR_NOT_NULL_FATAL(b.e);
    CHECK_EQ_LL(a.n, b.n);
    CHECK_EQ_LL(a.n_countries, b.n_countries);
    CHECK_EQ_LL(a.us_first, b.us_first);
    CHECK_EQ_LL(a.us_end, b.us_end);
    CHECK_EQ_LL(a.mask, b.mask);
    CU_ASSERT(a.n > 5000); /* about 250 countries and 5,000 subdivisions */
    long diff = 0;
    for (size_t k = 0; k < a.n && k < b.n; k++)
        diff += strcmp(a.e[k].code, b.e[k].code) != 0 || strcmp(a.e[k].name, b.e[k].name) != 0 ||
                a.e[k].country != b.e[k].country || a.keys[k] != b.keys[k];
    for (size_t i = 0; i <= a.mask; i++)
        diff += a.slot[i] != b.slot[i];
    CHECK_EQ_LL(diff, 0);
    /* one entry looked at by hand: Maine, a subdivision of the United States */
    size_t me = find_code(&a, pack("US-ME", 5));
    CU_ASSERT_FATAL(me > 0);
    CHECK_STR(a.e[me].name, "Maine");
    CHECK_STR(a.e[a.e[me].country].code, "US");
    free_entries(a.e, a.n);
    free_entries(b.e, b.n);
    free(a.keys);
    free(a.slot);
    free(b.keys);
    free(b.slot);
}

int main(void)
{
    static const test_entry tests[] = {
        {"the scanner reads the iso-codes shape", test_scanner_reads_the_shape},
        {"the scanner gives up on any other shape", test_scanner_gives_up},
        {"the scanner's table is jansson's", test_same_table_as_jansson},
        {NULL, NULL},
    };
    return run_suite("region lists", tests);
}
