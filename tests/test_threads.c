/* Threads, under the documented contract (include/breach/dataset.h): separate datasets in
 * any threads; one dataset read by several threads at once. Four threads load and compute
 * on datasets of their own, then four threads run every statistic on one shared dataset,
 * each result compared with the same statistic computed on one thread first. The shared
 * dataset is the seed copied 2^13 times (73,728 incidents, past 2^16), so that the library's own
 * worker threads (sums split from 2^16 selected incidents) run inside the readers' threads
 * too. Then one input loaded on 1, 2 and 7 threads (issue 15) gives the same outcome, byte
 * for byte, however its chunks fall; files of 8 MiB or more, read while they are parsed,
 * give the buffer's outcome; a file that ends short while it is read fails the load; and
 * the thread setting changed during loads changes no outcome. ./build.sh check runs this
 * suite under ThreadSanitizer (--enable-sanitizers=thread); it runs in the normal and ASan
 * builds as well. */
#define _GNU_SOURCE /* RTLD_NEXT */
#include "check.h"
#include "load_outcome.h"

#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sys/resource.h>
#include <unistd.h>

#define READERS 4
#define ROUNDS 3

static breach_dataset *shared;
static char seed_path[1024]; /* src_path() keeps a static ring: read once, before threads */

/* A few figures of each statistic, enough to tell two results apart. */
typedef struct figures {
    uint64_t region_total, supply_orgs, repeat_entities, intervals, overview_selected,
        counts_rows, periods, sizes_n, links, km_steps;
    int rc;
} figures;

static figures compute(const breach_dataset *ds)
{
    figures f;
    memset(&f, 0, sizeof f);
    breach_error e;
    breach_region_shares *rs = breach_region_shares_compute(ds, NULL, &e);
    breach_supply_chain *sc = breach_supply_chain_compute(ds, "Fortra GoAnywhere", NULL, &e);
    breach_repeats *rp = breach_repeats_compute(ds, NULL, NULL, &e);
    breach_overview *ov = breach_overview_compute(ds, NULL, &e);
    breach_counts *ct = breach_counts_compute(ds, NULL, NULL, &e);
    breach_timeseries *ts = breach_timeseries_compute(ds, NULL, NULL, &e);
    breach_sizes *sz = breach_sizes_compute(ds, NULL, &e);
    breach_links *lk = breach_links_compute(ds, NULL, NULL, &e);
    breach_survival *sv = breach_survival_compute(ds, NULL, NULL, &e);
    if (!rs || !sc || !rp || !ov || !ct || !ts || !sz || !lk || !sv)
        f.rc = -1;
    else {
        f.region_total = rs->all_regions.lower;
        f.supply_orgs = sc->n_organisations;
        f.repeat_entities = rp->n_repeat_entities;
        f.intervals = rp->n_intervals;
        f.overview_selected = ov->n_selected;
        f.counts_rows = ct->n_rows;
        f.periods = ts->n_periods;
        f.sizes_n = sz->n;
        f.links = lk->n_links;
        f.km_steps = sv->n_steps;
    }
    breach_region_shares_free(rs);
    breach_supply_chain_free(sc);
    breach_repeats_free(rp);
    breach_overview_free(ov);
    breach_counts_free(ct);
    breach_timeseries_free(ts);
    breach_sizes_free(sz);
    breach_links_free(lk);
    breach_survival_free(sv);
    return f;
}

static figures want;

/* ---------------------------------------------------------------- loading on several threads */

/* The outcome of a load as text, asserted to have been written. */
static char *outcome_of(const char *text, size_t len, int lenient, unsigned threads)
{
    size_t n;
    char *s = load_outcome(text, len, lenient, threads, &n);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    return s;
}

/* Loads text on each of `threads` (0 ends the list), strict and lenient, from the file
 * `path` (which holds text[0..len)) or, when NULL, from the buffer: the outcome each time
 * is the buffer's on one thread. Returns that lenient outcome (the caller frees it). */
static char *same_outcome(const char *text, size_t len, const char *path,
                          const unsigned *threads)
{
    for (const unsigned *t = threads; *t; t++)
        CU_ASSERT_FATAL(path || *t != 1); /* the reference compared with itself */
    char *lenient_one = NULL;
    for (int lenient = 0; lenient < 2; lenient++) {
        char *one = outcome_of(text, len, lenient, 1);
        for (const unsigned *t = threads; *t; t++) {
            size_t n;
            char *many = load_outcome_at(text, len, path, lenient, *t, &n);
            CU_ASSERT_PTR_NOT_NULL_FATAL(many);
            if (strcmp(one, many) != 0) {
                fprintf(stderr, "\n  %s, %u threads%s: not the buffer's outcome on one\n",
                        lenient ? "lenient" : "strict", *t, path ? ", from the file" : "");
                if (strlen(one) + n < 8192) /* small enough to read */
                    fprintf(stderr, "  1 thread:\n%s\n  %u threads:\n%s\n", one, *t, many);
            }
            CU_ASSERT_STRING_EQUAL(one, many);
            free(many);
        }
        if (lenient)
            lenient_one = one;
        else
            free(one);
    }
    return lenient_one;
}

/* 1, 2 and 7 threads; 2 and 7 (the buffer on one is the reference) */
static const unsigned one_two_seven[] = {1, 2, 7, 0}, two_seven[] = {2, 7, 0};
/* and far more threads than rows: at most one a chunk (the most a load takes is 4,096) */
static const unsigned two_seven_many[] = {2, 7, 5000, UINT_MAX, 0};

/* A quoted field longer than half the rows: however the rows are cut for two threads or
 * seven, chunk boundaries fall inside it, where its lines look like records (fake rows,
 * a stray quote). Exactly the 11 real rows load, the long summary whole, and the line
 * numbers after it are the file's: row 3 (line 45: the header, row 1's 42 lines, row 2) is
 * rejected for its date. */
static void test_split_inside_quotes(void)
{
    char text[8192];
    int at = snprintf(text, sizeof text, "id,entity,summary,reported,affected\n"
                                         "q1,Quoted Org,\"begins");
    for (int k = 0; k < 40; k++) /* 40 lines inside the quotes, each like a row */
        at += snprintf(text + at, sizeof text - (size_t)at,
                       "\nfake%d,Fake Org %d,\"\"x\"\",2023-01-%02d,%d", k, k, 1 + k % 28, k);
    at += snprintf(text + at, sizeof text - (size_t)at, "\nends\",2023-02-01,100\n");
    at += snprintf(text + at, sizeof text - (size_t)at, "r2,Org Two,plain,2023-02-02,200\n");
    at += snprintf(text + at, sizeof text - (size_t)at, "r3,Org Three,plain,2023-02-30,300\n");
    for (int k = 4; k <= 12; k++)
        at += snprintf(text + at, sizeof text - (size_t)at, "r%d,Org %d,plain,2023-03-%02d,%d\n",
                       k, k, k, k * 100);
    char *one = same_outcome(text, (size_t)at, NULL, two_seven);
    CU_ASSERT_PTR_NOT_NULL(strstr(one, "rows 12 11 1 size 11\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(one, "reject -"));
    CU_ASSERT_PTR_NOT_NULL(strstr(one, " row 3 45:"));
    /* the summary as written: 40 fake lines inside one field */
    breach_dataset *ds = breach_dataset_new(NULL);
    breach_load_options o;
    breach_load_options_init(&o);
    o.lenient = true;
    o.threads = 7;
    CU_ASSERT_EQUAL_FATAL(breach_csv_read_buffer(ds, text, (size_t)at, &o, NULL, NULL), BREACH_OK);
    breach_incident in;
    CU_ASSERT_EQUAL_FATAL(breach_dataset_get(ds, 0, &in, NULL), BREACH_OK);
    CU_ASSERT(in.summary && strncmp(in.summary, "begins\nfake0,Fake Org 0,\"x\",2023-01-01,0\n", 41) == 0);
    CU_ASSERT(in.summary && strlen(in.summary) > 1000 &&
              strcmp(in.summary + strlen(in.summary) - 5, "\nends") == 0);
    CHECK_EQ_LL(in.affected.value, 100);
    long fake = 0; /* no line inside the quotes was loaded as a row */
    for (size_t i = 0; i < breach_dataset_size(ds); i++)
        fake += breach_dataset_get(ds, i, &in, NULL) != BREACH_OK || !in.entity ||
                strncmp(in.entity, "Fake", 4) == 0;
    CHECK_EQ_LL(fake, 0);
    breach_dataset_free(ds);
    free(one);
}

/* Stray quotes: a quote opens a row's second field and the next quote in the file, the
 * opening one of a field some lines down, closes it, so that the lines between are one
 * field of one rejected row (issue: rev-hostile item 5). Four such rows, taking 2, 3, 5 and
 * 42 lines, between plain rows: on 2 and 7 threads chunk bounds fall inside each, the short
 * ones parsed ahead in a chunk that does not start the file (their line numbers shifted when
 * added) and the long one read again by the loading thread. Each reject names its lines as
 * one thread does; the places and texts here are from the lines as written below (row i of
 * the file is on line i + 1 while no row has taken more than one line). */
static void test_split_stray_quotes(void)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(out);
    fputs("id,entity,summary,reported,affected\n", out);
    long line = 1, row = 0;
    static const int spans[] = {2, 3, 5, 42};
    char wanted[4][256];
    for (int k = 0; k < 4; k++) {
        for (int i = 0; i < 9; i++, line++, row++)
            fprintf(out, "p%d-%d,Plain Org %d,plain,2023-01-%02d,%d\n", k, i, i, 1 + i, 10 + i);
        /* the stray quote at column 4 of line `from`; the lines after it hold no quote */
        long from = ++line, to = from + spans[k] - 1;
        row++;
        fprintf(out, "s%d,\"Stray Org %d,plain,2023-02-01,100\n", k, k);
        for (long l = from + 1; l < to; l++)
            fprintf(out, "x%ld,Swallowed %ld,plain,2023-02-02,200\n", l, l);
        /* the quote at column 4 of line `to` closes it; 'Q' follows at column 5 */
        fprintf(out, "q%d,\"Quoted Org %d\",plain,2023-02-03,300\n", k, k);
        line = to;
        snprintf(wanted[k], sizeof wanted[k],
                 "reject %d row %ld %ld:4 the row runs from line %ld to line %ld: the quote "
                 "opened at line %ld, column 4 closes only on line %ld (the lines between were "
                 "read as part of one field), then column 5 is neither a comma nor a line end\n",
                 BREACH_EPARSE, row, from, from, to, from, to);
    }
    for (int i = 0; i < 9; i++, row++)
        fprintf(out, "t%d,Tail Org %d,plain,2023-03-%02d,%d\n", i, i, 1 + i, 20 + i);
    fclose(out);
    CHECK_EQ_LL(row, 49); /* 45 plain rows, 4 rejected */
    char *one = same_outcome(text, len, NULL, two_seven);
    CU_ASSERT_PTR_NOT_NULL(strstr(one, "rows 49 45 4 size 45\n"));
    for (int k = 0; k < 4; k++) {
        if (!strstr(one, wanted[k]))
            fprintf(stderr, "\n  wanted: %s  got:\n%s\n", wanted[k], one);
        CU_ASSERT_PTR_NOT_NULL(strstr(one, wanted[k]));
    }
    /* the first stray quote by hand: line 11 (the header, 9 rows, the stray row), to line 12 */
    CU_ASSERT_PTR_NOT_NULL(strstr(one, "reject -4 row 10 11:4 the row runs from line 11 to line 12:"));
    free(one);
    free(text);
}

/* A stream into memory (*text, *len once closed) that starts with the header of the rows
 * put_row writes. */
static FILE *rows_stream(char **text, size_t *len, const char *eol)
{
    *text = NULL;
    *len = 0;
    FILE *out = open_memstream(text, len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(out);
    fprintf(out, "id,entity,summary,reported,affected,regions%s", eol);
    return out;
}

/* Row i of ten kinds, in turn: a blank line (no row), a quote inside an unquoted field, text
 * after a closing quote, too few fields (on one line or after a quoted line break) or too
 * many, an impossible date, quoted line breaks (CRLF in
 * the name, LF in the summary) with a region, three plain rows with two regions and one
 * that repeats the id of the row three before it; every third ends in CRLF. Counts the
 * good and bad rows. */
static void put_row(FILE *out, long i, long *good, long *bad)
{
    const char *eol = i % 3 ? "\n" : "\r\n";
    switch (i % 10) {
    case 0: fprintf(out, "%s", eol); break; /* blank: no row */
    case 1: fprintf(out, "b%ld,Org %ld,bad \"quote,2023-01-01,1,%s", i, i, eol); ++*bad; break;
    case 2: fprintf(out, "b%ld,\"Org %ld\"x,s,2023-01-01,1,%s", i, i, eol); ++*bad; break;
    case 3: /* the wrong number of fields, placed where the row ends or its extra field starts */
        if (i / 10 % 3 == 0)
            fprintf(out, "b%ld,Org %ld,too few%s", i, i, eol);
        else if (i / 10 % 3 == 1)
            fprintf(out, "b%ld,\"Org\r\n%ld\",too few, after a line break%s", i, i, eol);
        else
            fprintf(out, "b%ld,Org %ld,s,2023-01-01,1,,too many%s", i, i, eol);
        ++*bad;
        break;
    case 4: fprintf(out, "b%ld,Org %ld,s,2023-13-01,1,%s", i, i, eol); ++*bad; break;
    case 5:
        fprintf(out, "g%ld,\"Org\r\n%ld\",\"two\nlines, \"\"quoted\"\"\",2023-01-%02ld,%ld,US-ME:%ld%s",
                i, i % 7, 1 + i % 28, 1000 + i, i, eol);
        ++*good;
        break;
    case 9: /* row i - 3's id again (found after the rows, whatever the split): word for
               word in every other ten rows, with another count in the others */
        fprintf(out, "g%ld,Org %ld,plain,2023-02-%02ld,%ld,US-TX:1;US-ME:2%s", i - 3,
                (i - 3) % 13, 1 + (i - 3) % 28, 10 + (i - 3) + i / 10 % 2, eol);
        ++*good;
        break;
    default:
        fprintf(out, "g%ld,Org %ld,plain,2023-02-%02ld,%ld,US-TX:1;US-ME:2%s", i, i % 13,
                1 + i % 28, 10 + i, eol);
        ++*good;
        break;
    }
}

/* Every kind of row a chunk can start or end on: blank lines, CRLF and LF, quoted line
 * breaks, syntax errors (a quote inside an unquoted field, text after a closing quote),
 * rows with too few fields, bad values, regions; the outcome is the same on 1, 2 and 7
 * threads (and on 5,000 or UINT_MAX asked for, which once failed for want of memory), and
 * its counts are those written here by hand. */
static void test_split_everywhere(void)
{
    char *text;
    size_t len;
    FILE *out = rows_stream(&text, &len, "\r\n");
    long good = 0, bad = 0;
    for (long i = 0; i < 200; i++)
        put_row(out, i, &good, &bad);
    fputs("last,Org Last,\"no line end\",2023-03-01,5,", out);
    good++;
    fclose(out);
    CHECK_EQ_LL(good, 101);
    CHECK_EQ_LL(bad, 80);
    char *one = same_outcome(text, len, NULL, two_seven_many);
    char expect[64];
    snprintf(expect, sizeof expect, "rows %ld %ld %ld size %ld\n", good + bad, good, bad, good);
    CU_ASSERT_PTR_NOT_NULL(strstr(one, expect));
    /* the 20 rows of kind 9 repeat an id: 10 word for word, 10 with another count */
    long same = 0, other = 0;
    for (const char *p = one; (p = strstr(p, "\nwarning 2 ")) != NULL; p++) {
        const char *eol = strchr(p + 1, '\n');
        size_t n = eol ? (size_t)(eol - p) : strlen(p);
        same += memmem(p, n, "with the same content", 21) != NULL;
        other += memmem(p, n, "with other content", 18) != NULL;
    }
    CHECK_EQ_LL(same, 10);
    CHECK_EQ_LL(other, 10);
    free(one);
    free(text);
}

/* A file of 8 MiB or more loaded on several threads is read while it is parsed, 1 MiB at a
 * time into the pages of rows already added (libbreach/pipeline.c). A file of 21 MiB
 * crosses every case: the reader 8 MiB ahead and waiting, pages reused, a quoted field
 * of 15.7 MiB (longer than the read-ahead: the loading thread asks for more, again and
 * again) whose lines look like rows, every kind of row of test_split_everywhere, a last
 * row without a line end. The outcome, SHA-256 included, is the buffer's on one thread. */
static void test_file_read_while_parsed(void)
{
    char *text;
    size_t len;
    FILE *out = rows_stream(&text, &len, "\r\n");
    long good = 0, bad = 0, i = 0;
    for (int part = 0; part < 2; part++) {
        long rows = part ? 60000 : 70000; /* 5.2 MiB in all */
        for (long r = 0; r < rows; r++, i++)
            put_row(out, i, &good, &bad);
        if (part == 0) { /* 15.7 MiB in one quoted field (37-byte lines) */
            fprintf(out, "long,Long Org,\"begins");
            for (long k = 0; k < 17 * 1024 * 1024 / 40; k++)
                fprintf(out, "\nfake%07ld,Fake Org,s,2023-01-01,1,", k);
            fprintf(out, "\nends\",2023-04-01,77,US-ME:7\n");
            good++;
        }
    }
    fputs("last,Org Last,\"no line end\",2023-03-01,5,", out);
    good++;
    fclose(out);
    CU_ASSERT(len > (size_t)18 << 20); /* the 8 MiB read-ahead and a step, twice over */
    char path[] = "/tmp/breach-threads-XXXXXX";
    temp_file(path, text, len);
    char *one = same_outcome(text, len, path, one_two_seven);
    /* the counts by hand: the loop's rows, the long row, the last */
    CHECK_EQ_LL(good, 130000 / 10 * 5 + 2);
    CHECK_EQ_LL(bad, 130000 / 10 * 4);
    char expect[64];
    snprintf(expect, sizeof expect, "rows %ld %ld %ld size %ld\n", good + bad, good, bad, good);
    CU_ASSERT_PTR_NOT_NULL(strstr(one, expect));
    free(one);
    unlink(path);
    free(text);
}

/* A header refused (no such column) in a file of 9 MiB, on 1, 2 and 7 threads: longer than
 * the reader's first step (3 MiB of one quoted name: the file is read whole before the
 * header), or short (the rows are never parsed: the rest is read and hashed after the
 * refusal). The input's size and SHA-256 are the whole file's all the same, as the
 * buffer's. */
static void test_file_long_header(void)
{
    size_t len = (size_t)9 << 20;
    char *text = malloc(len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    for (int longer = 0; longer < 2; longer++) {
        size_t rows = longer ? (3 << 20) + 2 : 9;
        memset(text, 'x', len);
        if (longer) {
            memcpy(text, "id,entity,\"", 11);
            memcpy(text + rows - 2, "\"\n", 2);
        } else {
            memcpy(text, "id,bogus\n", 9);
        }
        for (size_t at = rows; at + 20 <= len; at += 20)
            memcpy(text + at, "r1,Org,plain,ok....\n", 20);
        char path[] = "/tmp/breach-threads-XXXXXX";
        temp_file(path, text, len);
        char *one = same_outcome(text, len, path, one_two_seven);
        CU_ASSERT_PTR_NOT_NULL(strstr(one, "unknown column"));
        CU_ASSERT_PTR_NOT_NULL(strstr(one, "input split.csv 9437184 "));
        free(one);
        unlink(path);
    }
    free(text);
}

/* A file shorter, when it is read, than the size the system gave when it was opened
 * (another program truncated it meanwhile). This suite's own pread stands for the system's
 * (the library's calls resolve to it: a program's definition comes before a shared
 * library's): a file of shrink_size bytes reads as if it ended at shrink_at. */
static ssize_t (*real_pread)(int, void *, size_t, off_t);
static pthread_once_t real_pread_once = PTHREAD_ONCE_INIT;
static off_t shrink_size = -1, shrink_at;

static void find_real_pread(void)
{
    void *f = dlsym(RTLD_NEXT, "pread");
    memcpy(&real_pread, &f, sizeof f); /* a data pointer to a function's (POSIX allows it; ISO C
                                          has no cast for it) */
}

ssize_t pread(int fd, void *buf, size_t n, off_t off)
{
    pthread_once(&real_pread_once, find_real_pread);
    struct stat st;
    if (shrink_size >= 0 && fstat(fd, &st) == 0 && st.st_size == shrink_size) {
        if (off >= shrink_at)
            return 0;
        if ((off_t)n > shrink_at - off)
            n = (size_t)(shrink_at - off);
    }
    return real_pread(fd, buf, n, off);
}

/* A file of 10 MiB that ends short, inside a row's count ("1000" cut to "10"), on 1 (read
 * whole first), 2 and 3 threads (read while it is parsed), strict and lenient: the load
 * fails with the reason, and no row is made of what the file's end cut (a row of 10
 * people). On several threads the rows before the cut are added, every one of them. The
 * error names the file by its path however many threads read it, a source name given or
 * not (an error of the file itself, io.h). */
static void test_file_shrinks(void)
{
    enum { ROWS = 256000, ROW = 41, CUT_ROW = 150000 };
    static const char header[] = "id,entity,reported,affected\n";
    size_t hlen = sizeof header - 1, len = hlen + (size_t)ROWS * ROW;
    char *text = malloc(len + 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    memcpy(text, header, hlen);
    for (long r = 0; r < ROWS; r++) /* 8 + 1 + 15 + 1 + 10 + 1 + 4 + 1 = 41 bytes */
        snprintf(text + hlen + (size_t)r * ROW, ROW + 1, "r%07ld,Org %07ld Inc,2023-01-01,1000\n",
                 r, r);
    /* row CUT_ROW (from 0) ends after "10": its count's first two digits */
    size_t cut = hlen + (size_t)CUT_ROW * ROW + 38;
    CU_ASSERT_EQUAL_FATAL(memcmp(text + cut - 2, "1000\n", 5), 0);
    char path[] = "/tmp/breach-threads-XXXXXX";
    temp_file(path, text, len);
    char why[128];
    snprintf(why, sizeof why, "the file shrank from %zu to %zu bytes", len, cut);
    shrink_size = (off_t)len;
    shrink_at = (off_t)cut;
    static const unsigned threads[] = {1, 2, 3};
    for (size_t t = 0; t < sizeof threads / sizeof threads[0]; t++)
        for (int lenient = 0; lenient < 2; lenient++) {
            breach_dataset *ds = breach_dataset_new(NULL);
            breach_report *rep = breach_report_new();
            breach_load_options o;
            breach_load_options_init(&o);
            o.lenient = lenient;
            o.threads = threads[t];
            o.source_name = lenient ? "export.csv" : NULL;
            breach_error e;
            CHECK_EQ_LL(breach_csv_read_file(ds, path, &o, rep, &e), BREACH_EIO);
            CU_ASSERT_PTR_NOT_NULL(strstr(e.text, why));
            CHECK_STR(e.source, path);
            /* read whole first on one thread: nothing is parsed from a file that changed */
            size_t added = threads[t] == 1 ? 0 : CUT_ROW;
            CHECK_EQ_LL(breach_dataset_size(ds), added);
            CHECK_EQ_LL(breach_report_rows_loaded(rep), added);
            CHECK_EQ_LL(breach_report_rows_rejected(rep), 0);
            uint64_t people = 0;
            for (size_t i = 0; i < breach_dataset_size(ds); i++) {
                breach_incident in;
                if (breach_dataset_get(ds, i, &in, NULL) == BREACH_OK)
                    people += in.affected.value;
            }
            CHECK_EQ_LL(people, (uint64_t)added * 1000);
            breach_report_free(rep);
            breach_dataset_free(ds);
        }
    unlink(path);
    /* The same file with a header the loader refuses (an unknown column, same length): one
       thread reads the file whole before the header, so the file's end is its error; on
       several the rest is still read for the file's hash, and the same error wins. */
    memcpy(text, "id,entity,reportex,affected\n", hlen);
    char bad[] = "/tmp/breach-threads-XXXXXX";
    temp_file(bad, text, len);
    for (size_t t = 0; t < sizeof threads / sizeof threads[0]; t++) {
        breach_dataset *ds = breach_dataset_new(NULL);
        breach_load_options o;
        breach_load_options_init(&o);
        o.threads = threads[t];
        breach_error e;
        CHECK_EQ_LL(breach_csv_read_file(ds, bad, &o, NULL, &e), BREACH_EIO);
        CU_ASSERT_PTR_NOT_NULL(strstr(e.text, why));
        CHECK_STR(e.source, bad);
        CHECK_EQ_LL(breach_dataset_size(ds), 0);
        breach_dataset_free(ds);
    }
    shrink_size = -1;
    unlink(bad);
    free(text);
}

#ifndef SANITIZED_MEMORY
/* This process's resident memory in KiB (statm), or 0. */
static long rss_kib(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    long size = 0, resident = 0;
    if (f) {
        if (fscanf(f, "%ld %ld", &size, &resident) != 2)
            resident = 0;
        fclose(f);
    }
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}
#endif

/* Rows of 4 bytes ("x,O"), one in 997 with a field too many, one in 1,013 with a line
 * break in quotes. A chunk ends after its 16,384th line feed when that comes before its
 * bytes are done (pipeline.c, CHUNK_LINES): the outcome on 2 and 7 threads is still the
 * buffer's on one, rejects' lines included. Then a file of 4 million such rows (16 MB) on
 * two threads, in a child: its peak resident memory stays within 64 MiB of what it holds
 * once loaded. Before, a chunk of 1 MiB of them made a batch of 86 MB (about 330 bytes a
 * parsed row) and four were in flight: 300 MB above it. */
static void test_short_rows(void)
{
    char *text;
    size_t len;
    FILE *out = open_memstream(&text, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(out);
    fputs("id,entity\n", out);
    long bad = 0;
    for (long i = 0; i < 300000; i++) {
        if (i % 997 == 500) {
            fputs("x,O,extra\n", out);
            bad++;
        } else if (i % 1013 == 7) {
            fputs("x,\"O\nP\"\n", out);
        } else {
            fputs("x,O\n", out);
        }
    }
    fclose(out);
    char *one = same_outcome(text, len, NULL, two_seven);
    char expect[64];
    snprintf(expect, sizeof expect, "rows %ld %ld %ld size %ld\n", 300000L, 300000 - bad, bad,
             300000 - bad);
    CU_ASSERT_PTR_NOT_NULL(strstr(one, expect));
    free(one);
    free(text);
#ifdef SANITIZED_MEMORY
    fprintf(stderr, "\n  SKIP: resident memory is the sanitizer's here\n");
#else
    enum { ROWS = 4000000 };
    text = malloc(10 + (size_t)ROWS * 4);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    memcpy(text, "id,entity\n", 10);
    for (size_t r = 0; r < ROWS; r++)
        memcpy(text + 10 + r * 4, "x,O\n", 4);
    char path[] = "/tmp/breach-threads-XXXXXX";
    temp_file(path, text, 10 + (size_t)ROWS * 4);
    free(text);
    fflush(NULL);
    pid_t pid = fork();
    CU_ASSERT_FATAL(pid >= 0);
    if (pid == 0) {
        breach_load_options o;
        breach_load_options_init(&o);
        o.threads = 2;
        breach_dataset *ds = breach_dataset_new(NULL);
        breach_error e;
        if (breach_csv_read_file(ds, path, &o, NULL, &e) != BREACH_OK ||
            breach_dataset_size(ds) != ROWS)
            _exit(100);
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        long held = rss_kib(), above = ru.ru_maxrss - held;
        if (above >= 64 << 10)
            fprintf(stderr, "\n  peak %ld KiB, %ld KiB above the %ld held\n", ru.ru_maxrss,
                    above, held);
        _exit(held > 0 && above < 64 << 10 ? 0 : 101);
    }
    child_exits_ok(pid);
    unlink(path);
#endif
}

/* xorshift64: the random files below are the same on every run */
static uint64_t rnd_state;
static unsigned rnd(void)
{
    rnd_state ^= rnd_state << 13;
    rnd_state ^= rnd_state >> 7;
    rnd_state ^= rnd_state << 17;
    return (unsigned)rnd_state;
}

/* A random file of 8 to 12 MiB (*len bytes, malloc'ed) of plain rows with random names,
 * quoted line breaks and quotes, CRLF blank lines, bad rows, impossible dates, and quoted
 * and unquoted fields of up to 3 and 2 MiB (longer than a chunk, a read step, or the gap
 * to the reader), the last line feed dropped one time in two. */
static char *random_file(size_t *len)
{
    size_t cap = ((size_t)8 << 20) + rnd() % ((size_t)4 << 20), n = 0;
    char *t = malloc(cap + 256);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    n += (size_t)sprintf(t, "id,entity,summary,reported,affected,regions\n");
    for (long i = 0; n < cap; i++) {
        unsigned k = rnd() % 100;
        if (k < 80) {
            n += (size_t)sprintf(t + n, "g%ld,Org %u,s,2023-01-%02u,%u,US-ME:1\n", i, rnd() % 5000,
                                 1 + rnd() % 28, rnd() % 1000);
        } else if (k < 85) {
            n += (size_t)sprintf(t + n, "q%ld,\"Org\n%u\",\"a \"\"b\"\"\n,c\",2023-02-01,5,\n", i,
                                 rnd() % 50);
        } else if (k < 88 || (k >= 93 && k < 95)) {
            int quoted = k < 88;
            size_t most = quoted ? (size_t)3 << 20 : (size_t)2 << 20, l = rnd() % most;
            n += (size_t)sprintf(t + n, quoted ? "l%ld,Long,\"" : "u%ld,Unquoted,", i);
            for (size_t j = 0; j < l && n < cap; j++)
                t[n++] = !quoted ? 'y' : rnd() % 40 == 0 ? '\n' : rnd() % 97 == 0 ? ',' : 'x';
            n += (size_t)sprintf(t + n, quoted ? "\",2023-03-01,1,\n" : ",2023-01-01,1,\n");
        } else if (k < 90) {
            n += (size_t)sprintf(t + n, "\r\n");
        } else if (k < 93) {
            n += (size_t)sprintf(t + n, "b%ld,Bad \"q,2023-01-01,1,\n", i);
        } else {
            n += (size_t)sprintf(t + n, "g%ld,Org %u,s,2023-13-01,1,\r\n", i, rnd() % 9);
        }
    }
    if (rnd() % 2)
        n--;
    *len = n;
    return t;
}

/* Random files read while parsed on 2 and 3 threads, strict and lenient: the buffer's
 * outcome on one thread each time (96 such files by hand when the reader was written,
 * none different). */
static void test_random_files_read_while_parsed(void)
{
    rnd_state = 88172645463325252ull;
    for (int f = 0; f < 3; f++) {
        size_t len;
        char *text = random_file(&len);
        char path[] = "/tmp/breach-threads-XXXXXX";
        temp_file(path, text, len);
        static const unsigned threads[] = {2, 3, 0};
        char *one = same_outcome(text, len, path, threads);
        CU_ASSERT_PTR_NULL(strstr(one, " size 0\n")); /* a lenient load: it loaded rows */
        free(one);
        unlink(path);
        free(text);
    }
}

static atomic_int flipping;

static void *flip_threads(void *arg)
{
    (void)arg;
    while (atomic_load(&flipping)) {
        breach_set_threads(4);
        breach_set_threads(1);
    }
    return NULL;
}

/* The library's thread setting changed by another thread while files load (the setting
 * is read as each call starts): how a file is read and how it is parsed must agree. When
 * they read the setting apart, a file read while parsed on several threads was now and
 * then parsed on one thread from bytes never read (the bench's 10^6 file: 2 lenient loads
 * in 12 returned BREACH_OK with 15,233 rows and a wrong SHA-256; this test's 9 MiB file:
 * 3 loads in 12 wrong). */
static void test_threads_changed_during_loads(void)
{
    char *text;
    size_t len;
    FILE *out = rows_stream(&text, &len, "\n");
    long good = 0, bad = 0;
    for (long i = 0;; i++) { /* 9 MiB: the stream's length is known at each flush */
        put_row(out, i, &good, &bad);
        if (i % 1000 == 0 && (fflush(out) != 0 || len >= (size_t)9 << 20))
            break;
    }
    fclose(out);
    char path[] = "/tmp/breach-threads-XXXXXX";
    temp_file(path, text, len);
    breach_dataset *ref = breach_dataset_new(NULL);
    breach_load_options o;
    breach_load_options_init(&o);
    o.lenient = true;
    o.threads = 1;
    CU_ASSERT_EQUAL_FATAL(breach_csv_read_buffer(ref, text, len, &o, NULL, NULL), BREACH_OK);
    breach_input_info expected;
    CU_ASSERT_EQUAL_FATAL(breach_dataset_input(ref, 0, &expected, NULL), BREACH_OK);
    CHECK_EQ_LL(breach_dataset_size(ref), good);
    unsigned before = breach_threads();
    atomic_store(&flipping, 1);
    pthread_t t;
    CU_ASSERT_EQUAL_FATAL(pthread_create(&t, NULL, flip_threads, NULL), 0);
    long wrong = 0;
    o.threads = 0; /* the library's setting */
    for (int k = 0; k < 12; k++) {
        breach_dataset *ds = breach_dataset_new(NULL);
        breach_input_info in;
        int rc = breach_csv_read_file(ds, path, &o, NULL, NULL);
        wrong += rc != BREACH_OK || breach_dataset_size(ds) != breach_dataset_size(ref) ||
                 breach_dataset_input(ds, 0, &in, NULL) != BREACH_OK ||
                 strcmp(in.sha256, expected.sha256) != 0 || in.size != len;
        breach_dataset_free(ds);
    }
    atomic_store(&flipping, 0);
    pthread_join(t, NULL);
    breach_set_threads(before);
    CHECK_EQ_LL(wrong, 0);
    breach_dataset_free(ref);
    unlink(path);
    free(text);
}

/* One notice with a Maine breakdown, reported on `date`. */
static void add_dated(breach_dataset *ds, const char *date, size_t k)
{
    char id[32];
    snprintf(id, sizeof id, "n%zu", k);
    breach_incident in;
    breach_incident_init(&in);
    in.id = id;
    in.entity = id;
    in.affected = breach_count_exact(100);
    breach_region_count rc = {.count = breach_count_exact(10)};
    CU_ASSERT_EQUAL(breach_region_parse("US-ME", 5, &rc.region, NULL), BREACH_OK);
    in.regions = &rc;
    in.n_regions = 1;
    CU_ASSERT_EQUAL(breach_date_parse(date, strlen(date), &in.reported, NULL), BREACH_OK);
    CU_ASSERT(breach_dataset_add(ds, &in, NULL) >= 0); /* its index */
}

/* The period of the region shares (and so of the per-100,000 rates) is the same on 1, 2
 * and 7 threads and in either order of the notices (review 4: on two threads the second
 * part's first date took the tie for the last). 70,000 notices, past the 2^16 that split
 * the sum in two: "2020" (year) first, "2020-06-15" to the middle, then "2021-12-31",
 * "2021" (year), "2020-01-01" and "2021-06-15". By hand: the earliest day, 2020-01-01,
 * starts "2020" and is 2020-01-01; the latest, 2021-12-31, ends "2021" and is 2021-12-31;
 * on each tie the date given to the day stands (stats.h). Before the fix one thread gave
 * "2020" as the first and two threads "2021" as the last. */
static void test_region_span_threads(void)
{
    enum { N = 70000 };
    const char *date[N];
    for (size_t k = 0; k < N; k++)
        date[k] = k == 0           ? "2020"
                  : k < N / 2      ? "2020-06-15"
                  : k == N / 2     ? "2021-12-31"
                  : k == N / 2 + 1 ? "2021"
                  : k == N / 2 + 2 ? "2020-01-01"
                                   : "2021-06-15";
    unsigned before = breach_threads();
    breach_filter f;
    breach_filter_init(&f);
    f.date_field = BREACH_FIELD_REPORTED;
    for (int reversed = 0; reversed < 2; reversed++) {
        breach_dataset *ds = breach_dataset_new(NULL);
        CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
        for (size_t k = 0; k < N; k++)
            add_dated(ds, date[reversed ? N - 1 - k : k], k);
        for (const unsigned *t = one_two_seven; *t; t++) {
            breach_set_threads(*t);
            breach_region_shares *r = breach_region_shares_compute(ds, &f, NULL);
            CU_ASSERT_PTR_NOT_NULL_FATAL(r);
            char a[16], b[16];
            breach_date_format(r->first, a, sizeof a);
            breach_date_format(r->last, b, sizeof b);
            if (strcmp(a, "2020-01-01") != 0 || strcmp(b, "2021-12-31") != 0)
                fprintf(stderr, "\n  %u threads%s:", *t, reversed ? ", reversed" : "");
            CHECK_STR(a, "2020-01-01");
            CHECK_STR(b, "2021-12-31");
            CU_ASSERT_EQUAL(r->first.precision, BREACH_PREC_DAY);
            CU_ASSERT_EQUAL(r->last.precision, BREACH_PREC_DAY);
            CHECK_EQ_LL(r->n_undated, 0);
            breach_region_shares_free(r);
        }
        breach_dataset_free(ds);
    }
    breach_set_threads(before);
}

static void *reader(void *arg)
{
    long *bad = arg;
    for (int r = 0; r < ROUNDS; r++) {
        figures got = compute(shared);
        if (memcmp(&got, &want, sizeof got) != 0)
            ++*bad;
    }
    return NULL;
}

static void *own(void *arg)
{
    long *bad = arg;
    breach_error e;
    breach_dataset *ds = breach_dataset_new(&e);
    if (!ds || breach_csv_read_file(ds, seed_path, NULL, NULL, &e) != BREACH_OK) {
        ++*bad;
        breach_dataset_free(ds);
        return NULL;
    }
    breach_repeats *rp = breach_repeats_compute(ds, NULL, NULL, &e);
    /* seed-facts.md: NextGen is the one organisation hit twice */
    if (!rp || rp->n_repeat_entities != 1)
        ++*bad;
    breach_repeats_free(rp);
    breach_dataset_free(ds);
    return NULL;
}

static void test_separate_datasets(void)
{
    pthread_t t[READERS];
    long bad[READERS] = {0};
    for (int i = 0; i < READERS; i++)
        CU_ASSERT_EQUAL_FATAL(pthread_create(&t[i], NULL, own, &bad[i]), 0);
    for (int i = 0; i < READERS; i++) {
        pthread_join(t[i], NULL);
        CHECK_EQ_LL(bad[i], 0);
    }
}

static void test_shared_readers(void)
{
    want = compute(shared);
    CHECK_EQ_LL(want.rc, 0);
    CU_ASSERT(want.overview_selected > 0);
    CHECK_EQ_LL(breach_dataset_size(shared), 9 << 13);
    pthread_t t[READERS];
    long bad[READERS] = {0};
    for (int i = 0; i < READERS; i++)
        CU_ASSERT_EQUAL_FATAL(pthread_create(&t[i], NULL, reader, &bad[i]), 0);
    for (int i = 0; i < READERS; i++) {
        pthread_join(t[i], NULL);
        CHECK_EQ_LL(bad[i], 0);
    }
}

int main(void)
{
    breach_error e;
    snprintf(seed_path, sizeof seed_path, "%s", src_path("examples/data/seed-incidents.csv"));
    shared = breach_dataset_new(&e);
    if (!shared || breach_csv_read_file(shared, seed_path, NULL, NULL, &e) != BREACH_OK)
        return 2;
    for (int k = 0; k < 13; k++) { /* 9 x 2^13 = 73,728 incidents */
        breach_dataset *twice = breach_dataset_new(&e);
        if (!twice || breach_dataset_append(twice, shared, &e) != BREACH_OK ||
            breach_dataset_append(twice, shared, &e) != BREACH_OK)
            return 2;
        breach_dataset_free(shared);
        shared = twice;
    }
    static const test_entry tests[] = {
        {"separate datasets in separate threads", test_separate_datasets},
        {"one dataset, four readers", test_shared_readers},
        {"a load split inside a quoted field: 1, 2, 7 threads", test_split_inside_quotes},
        {"stray quotes: the rows they take named alike on 1, 2, 7 threads", test_split_stray_quotes},
        {"a load split at every kind of row: 1, 2, 7 threads", test_split_everywhere},
        {"rows of 4 bytes: chunks of at most 16,384 lines, memory bounded", test_short_rows},
        {"a file of 21 MiB read while it is parsed: 1, 2, 7 threads", test_file_read_while_parsed},
        {"a header refused, longer than the first read or short: the file hashed whole", test_file_long_header},
        {"a file that ends short while it is read: 1, 2, 3 threads", test_file_shrinks},
        {"random files of 8-12 MiB read while parsed: 2, 3 threads", test_random_files_read_while_parsed},
        {"the thread setting changed by another thread during loads", test_threads_changed_during_loads},
        {"the region shares' period: 1, 2, 7 threads, either order", test_region_span_threads},
        {NULL, NULL},
    };
    int rc = run_suite("threads", tests);
    breach_dataset_free(shared);
    return rc;
}
