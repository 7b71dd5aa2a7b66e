/* White-box tests of the CSV tokenizer's fast path (libbreach/csv.c compiled into this
 * program with BREACH_CSV_TEST): a record without quotes is read from bit masks of 64
 * bytes, and must come out exactly as the general path reads it (fields, their lines and
 * columns, where the record ends, every error's place and text), whatever the bytes. The
 * general path is the reference: each input is read twice, without and with the fast
 * path, and compared record by record (tests/tokens_same.h, also fuzz/fuzz_tokens.c). */
#include "check.h"
#include "tokens_same.h"

#include <stdint.h>
#include <stdlib.h>

/* Compares the two paths on a copy of data[0..len) of exactly len bytes, so that a read
 * past the input's end is ASan's to see. */
static void check_same(const char *data, size_t len, const char *what)
{
    char why[512];
    char *copy = malloc(len ? len : 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(copy);
    if (len)
        memcpy(copy, data, len);
    int differ = tokens_same(copy, len, why, sizeof why);
    free(copy);
    if (differ)
        fprintf(stderr, "\n  %s: %s\n", what, why);
    CU_ASSERT_EQUAL(differ, 0);
}

/* Rows like bench/gen's: every record but those in the input's last 64 bytes is read by
 * the fast path, with the same fields as the general path's. */
static void test_plain_rows(void)
{
    enum { ROWS = 2000 };
    size_t cap = (size_t)ROWS * 100 + 200, len = 0;
    char *text = malloc(cap);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    len += (size_t)snprintf(text, cap, "id,entity,entity_state,breach_types,vendor,reported,"
                                       "occurred_start,affected,regions\n");
    for (int i = 0; i < ROWS; i++)
        len += (size_t)snprintf(text + len, cap - len,
                                "g%d,Org %d Inc,US-ND,loss,%s,2010-09-28,2010-06-30,%d,%s\n", i,
                                i * 7919 % 100003, i % 5 ? "" : "Vendor 7", i * 13,
                                i % 3 ? "" : "US-ME:3913;US-TX:131815");
    check_same(text, len, "plain rows");
    /* the fast path really read them: all records but the last one or two (< 64 bytes) */
    breach_csv c;
    breach_csv_init(&c, text, len, "t.csv");
    breach_error e;
    long records = 0;
    breach_csv_fast_records = 0;
    while (breach_csv_next(&c, &e) > 0)
        records++;
    breach_csv_free(&c);
    CHECK_EQ_LL(records, ROWS + 1);
#ifdef __SSE2__ /* the fast path exists only there (x86-64 has it always) */
    CU_ASSERT(breach_csv_fast_records >= ROWS - 1);
#endif
    /* the same rows with CRLF line ends */
    char *crlf = malloc(2 * len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(crlf);
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '\n')
            crlf[n++] = '\r';
        crlf[n++] = text[i];
    }
    check_same(crlf, n, "CRLF rows");
    /* behind a byte-order mark, which columns count (csv.c, breach_csv_init) */
    char *bom = malloc(len + 3);
    CU_ASSERT_PTR_NOT_NULL_FATAL(bom);
    memcpy(bom, "\xEF\xBB\xBF", 3);
    memcpy(bom + 3, text, len);
    check_same(bom, len + 3, "rows behind a BOM");
    free(bom);
    free(crlf);
    free(text);
}

/* A caller that moves back to an earlier record of the block the fast path last read
 * (none does: pipeline.c goes back only to the record just read, and stops) reads it as
 * the general path does: the masks kept are the whole block's, not what was left unread
 * of it. */
static void test_read_again(void)
{
    char text[200];
    size_t n = (size_t)snprintf(text, sizeof text, "a,b\nc,d\ne,f\n%s\nh,i\n",
                                "gggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggg");
    for (size_t back = 0; back < 3; back++) {
        breach_csv fast, slow;
        breach_csv_init(&fast, text, n, "t.csv");
        breach_csv_init(&slow, text, n, "t.csv");
        breach_error e;
        for (int r = 0; r < 3; r++) {
            breach_csv_fast = 1;
            CU_ASSERT_EQUAL(breach_csv_next(&fast, &e), 1);
        }
        /* back to record `back` (0-based), as a caller that kept its place would */
        static const size_t at[] = {0, 4, 8};
        fast.p = fast.line_start = text + at[back];
        fast.line = (long)back + 1;
        slow.p = slow.line_start = text + at[back];
        slow.line = (long)back + 1;
        for (int r = 0; r < 3; r++) {
            breach_error ef, es;
            breach_csv_fast = 0;
            int rs = breach_csv_next(&slow, &es);
            breach_csv_fast = 1;
            int rf = breach_csv_next(&fast, &ef);
            char why[512];
            int differ = tokens_record_same(&slow, rs, &es, &fast, rf, &ef, text, r + 1, why,
                                            sizeof why);
            if (differ)
                fprintf(stderr, "\n  back to record %zu: %s\n", back + 1, why);
            CU_ASSERT_EQUAL(differ, 0);
        }
        breach_csv_free(&fast);
        breach_csv_free(&slow);
    }
}

/* One byte that stops the fast path (quote, NUL, CR, LF, CRLF, comma, a quoted field) at
 * every place of two 64-byte blocks, behind records that shift where blocks start. */
static void test_stop_at_every_offset(void)
{
    static const char *const stops[] = {"\"", "\0", "\r", "\n", "\r\n", ",", "\"q\"\"q\"",
                                        "x\"y", "\n\n", ",\n"};
    static const size_t stop_len[] = {1, 1, 1, 1, 2, 1, 7, 3, 2, 2};
    char buf[512];
    for (size_t s = 0; s < sizeof stops / sizeof stops[0]; s++)
        for (size_t shift = 0; shift < 3; shift++)
            for (size_t at = 0; at < 140; at++) {
                size_t n = 0;
                for (size_t k = 0; k < shift; k++)
                    n += (size_t)snprintf(buf + n, sizeof buf - n, "r%zu,%.*s\n", k,
                                          (int)(k * 23 % 61), "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
                for (size_t k = 0; k < at; k++)
                    buf[n++] = k % 9 == 8 ? ',' : (char)('a' + k % 26);
                memcpy(buf + n, stops[s], stop_len[s]);
                n += stop_len[s];
                for (size_t k = 0; k < 150; k++)
                    buf[n++] = k % 11 == 10 ? ',' : 'b';
                buf[n++] = '\n';
                char what[64];
                snprintf(what, sizeof what, "stop %zu at %zu after %zu records", s, at, shift);
                check_same(buf, n, what);
                /* cut anywhere: the input's end falls at every place too */
                if (at % 7 == 0)
                    for (size_t cut = 0; cut < n; cut += 5)
                        check_same(buf, cut, what);
            }
}

/* Random bytes, mostly a record's, with every stop the tokenizer knows (a fixed seed:
 * the same inputs every run). */
static void test_random(void)
{
    static const char alphabet[] = "aaaaaaaaaaaaaaaaaaaaaaaabbbbbbbb1234 ,,,,,,\n\n\n\"\r\x01\xc3\xa9";
    uint64_t x = 0x9E3779B97F4A7C15ull;
    char buf[600];
    long fast = 0;
    for (int i = 0; i < 40000; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        size_t len = (size_t)(x % sizeof buf);
        size_t k0 = 0;
        if (i % 5 == 0 && len >= 3) { /* a fifth behind a byte-order mark */
            memcpy(buf, "\xEF\xBB\xBF", 3);
            k0 = 3;
        }
        for (size_t k = k0; k < len; k++) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            /* a NUL now and then (the alphabet's last byte is its terminator) */
            buf[k] = alphabet[x % sizeof alphabet];
        }
        long before = breach_csv_fast_records;
        char what[64];
        snprintf(what, sizeof what, "random input %d (%zu bytes)", i, len);
        check_same(buf, len, what);
        fast += breach_csv_fast_records - before;
    }
#ifdef __SSE2__
    /* not a vacuous comparison: the fast path read thousands of these records */
    CU_ASSERT(fast > 10000);
#else
    (void)fast;
#endif
}

/* The limits: more than 4096 fields, and a field over 16 MiB, refused at the same place
 * with the same message either way. */
static void test_limits(void)
{
    size_t n = 5000;
    char *commas = malloc(n + 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(commas);
    memset(commas, ',', n);
    commas[n] = '\n';
    check_same(commas, n + 1, "5,001 fields");
    free(commas);
    size_t big = ((size_t)16 << 20) + 100;
    char *text = malloc(big + 3);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    memset(text, 'a', big);
    memcpy(text + big, ",b\n", 3);
    check_same(text, big + 3, "a field over 16 MiB");
    text[0] = ',';
    text[1] = 'x';
    check_same(text, big + 3, "a field over 16 MiB after two short ones");
    free(text);
}

int main(void)
{
    static const test_entry tests[] = {
        {"bench-like rows, LF and CRLF: the fast path reads them, as the general path does",
         test_plain_rows},
        {"a stop at every offset of two 64-byte blocks, and every cut", test_stop_at_every_offset},
        {"random inputs read the same both ways", test_random},
        {"a record read again after the fast path read past it", test_read_again},
        {"limits refused at the same place", test_limits},
        {NULL, NULL}};
    return run_suite("csv tokens", tests);
}
