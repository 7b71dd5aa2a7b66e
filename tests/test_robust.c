/* Hostile input and API misuse (issue 18): each test is one of the items, written
 * to fail on the code before its fix (under the sanitizer build for memory errors). */
#include "check.h"

#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* ------------------------------------------------------------------ item 14 */

/* The vocabulary parsers checked their own local for NULL and wrote through the caller's
 * NULL `out` (a crash; a NULL-pointer write under UBSan). Now BREACH_EINVAL. */
static void test_vocab_parse_null_out(void)
{
    breach_error e;
    memset(&e, 0, sizeof e);
    CHECK_EQ_LL(breach_category_parse("ssn", 3, NULL, &e), BREACH_EINVAL);
    CHECK_STR(e.text, "no data category text or output");
    CHECK_EQ_LL(breach_type_parse("theft", 5, NULL, &e), BREACH_EINVAL);
    CHECK_EQ_LL(breach_location_parse("email", 5, NULL, &e), BREACH_EINVAL);
    CHECK_EQ_LL(breach_unit_parse("accounts", 8, NULL, &e), BREACH_EINVAL);
    CHECK_EQ_LL(breach_region_parse("US-ME", 5, NULL, &e), BREACH_EINVAL);
    /* and the good calls still work */
    breach_unit u = BREACH_UNIT_INDIVIDUALS;
    CHECK_EQ_LL(breach_unit_parse("accounts", 8, &u, &e), BREACH_OK);
    CHECK_EQ_LL(u, BREACH_UNIT_ACCOUNTS);
}

/* ------------------------------------------------------------------ item 16 */

/* A VERIS directory with one file of its own and a link named b.json to a file outside it
 * (a copy of tests/data/veris/array.json, 4 incidents). The link was followed: 4 + 4
 * incidents. Now it is refused with its name (strict) or listed as rejected (lenient). */
static void test_veris_dir_link(void)
{
    char dir[] = "/tmp/breach-links-XXXXXX";
    CU_ASSERT_FATAL(mkdtemp(dir) != NULL);
    char inside[512], outside[512], link[512], cmd[2048];
    snprintf(inside, sizeof inside, "%s/a.json", dir);
    snprintf(outside, sizeof outside, "%s.outside.json", dir);
    snprintf(link, sizeof link, "%s/b.json", dir);
    snprintf(cmd, sizeof cmd, "cp '%s' '%s' && cp '%s' '%s'", src_path("tests/data/veris/array.json"),
             inside, src_path("tests/data/veris/array.json"), outside);
    CU_ASSERT_EQUAL_FATAL(system(cmd), 0);
    CU_ASSERT_EQUAL_FATAL(symlink(outside, link), 0);

    load_result r = load_run(breach_veris_read_file, dir, false);
    CHECK_EQ_LL(r.rc, BREACH_EIO);
    CU_ASSERT(strstr(r.err.source, "b.json") != NULL);
    CHECK_STR(r.err.text, "a symbolic link: not followed (links may lead out of the directory)");
    breach_report_free(r.rep);
    breach_dataset_free(r.ds);

    r = load_run(breach_veris_read_file, dir, true);
    CHECK_EQ_LL(r.rc, BREACH_OK);
    CHECK_EQ_LL(breach_dataset_size(r.ds), 4); /* a.json's 4 incidents only */
    CHECK_EQ_LL(breach_report_n_rejects(r.rep), 1);
    breach_report_free(r.rep);
    breach_dataset_free(r.ds);
    unlink(link);
    unlink(inside);
    unlink(outside);
    rmdir(dir);
}

/* Two members announcing 600 MiB each: each under BREACH_ZIP_MAX_MEMBER, 1.2 GiB in all.
 * Refused before inflating (the old loader allocated and inflated member after member). */
static void test_zip_total_limit(void)
{
    load_result r = load_run(breach_veris_read_file, src_path("tests/data/veris/big-total.zip"), true);
    CHECK_EQ_LL(r.rc, BREACH_ELIMIT);
    /* 2 x 600 x 2^20 = 1,258,291,200; the limit is 2^30 = 1,073,741,824 */
    CHECK_STR(r.err.text, "the archive's .json members are 1258291200 bytes uncompressed in all, "
                          "above the limit of 1073741824");
    CHECK_EQ_LL(breach_dataset_size(r.ds), 0);
    breach_report_free(r.rep);
    breach_dataset_free(r.ds);
}

/* Times past the clock were taken as no time at all: 2023-01-02T25:00 loaded as Jan 2. */
static void test_time_of_day_checked(void)
{
    breach_date d;
    breach_error e;
    CHECK_EQ_LL(breach_date_parse("2023-01-02T25:00", 16, &d, &e), BREACH_EDATE);
    CHECK_EQ_LL(breach_date_parse("2023-01-02T23:60", 16, &d, &e), BREACH_EDATE);
    CHECK_EQ_LL(breach_date_parse("2023-01-02T23:59:61Z", 20, &d, &e), BREACH_EDATE);
    CHECK_EQ_LL(breach_date_parse("01/02/2023 13:00:00 PM", 22, &d, &e), BREACH_EDATE);
    CHECK_EQ_LL(breach_date_parse("01/02/2023 00:00:00 AM", 22, &d, &e), BREACH_EDATE);
    /* the times every source writes still pass */
    CHECK_EQ_LL(breach_date_parse("2023-01-02T23:59:60Z", 20, &d, &e), BREACH_OK);
    CHECK_EQ_LL(breach_date_parse("01/02/2023 12:00:00 AM", 22, &d, &e), BREACH_OK);
    CHECK_EQ_LL(breach_date_parse("2023-01-02T05:03:18.123Z", 24, &d, &e), BREACH_OK);
    /* 2023-01-02 is day 19,359 after 1970-01-01 (Python: (date(2023,1,2) - date(1970,1,1)).days) */
    CHECK_EQ_LL(d.day, 19359);
    CHECK_EQ_LL(d.precision, BREACH_PREC_DAY);
}

/* Hand-built dates far outside years 1..9999: the subtraction overflowed (UBSan: signed
 * integer overflow), now BREACH_EINVAL. */
static void test_interval_out_of_range(void)
{
    breach_date a = {INT32_MIN + 1, BREACH_PREC_DAY}, b = {INT32_MAX - 1, BREACH_PREC_DAY};
    int32_t days = 0, lo = 0, hi = 0;
    CHECK_EQ_LL(breach_date_interval(a, b, &days, &lo, &hi), BREACH_EINVAL);
    breach_date y = {0, 7}; /* a precision outside the enum */
    CHECK_EQ_LL(breach_date_interval(y, y, &days, NULL, NULL), BREACH_EINVAL);
    /* a real interval still works: 2023-01-17 to 2023-03-29 is 71 days (seed-facts.md) */
    breach_date s, t;
    breach_date_from_ymd(2023, 1, 17, BREACH_PREC_DAY, &s, NULL);
    breach_date_from_ymd(2023, 3, 29, BREACH_PREC_DAY, &t, NULL);
    CHECK_EQ_LL(breach_date_interval(s, t, &days, NULL, NULL), BREACH_OK);
    CHECK_EQ_LL(days, 71);
}

/* ------------------------------------------------------------------ item 15 */

/* Two notices of 10^19 individuals: 2 x 10^19 > 2^64-1 = 18,446,744,073,709,551,615. The
 * overview showed the first one's 10^19 as an exact total with a flag; the region shares
 * of the same data failed with BREACH_EOVERFLOW. Now both fail the same way. */
static void test_total_overflow_consistent(void)
{
    static const char csv[] = "id,entity,reported,affected,unit,regions\n"
                              "a1,Big A,2023-01-02,10000000000000000000,individuals,US-ME:5\n"
                              "a2,Big B,2023-02-02,10000000000000000000,individuals,US-ME:5\n";
    breach_error e;
    breach_dataset *ds = breach_dataset_new(&e);
    CU_ASSERT_EQUAL_FATAL(breach_csv_read_buffer(ds, csv, sizeof csv - 1, NULL, NULL, &e), BREACH_OK);
    memset(&e, 0, sizeof e);
    breach_overview *o = breach_overview_compute(ds, NULL, &e);
    CU_ASSERT_PTR_NULL(o);
    breach_overview_free(o);
    CHECK_EQ_LL(e.code, BREACH_EOVERFLOW);
    /* the file and line of the notice, not only an index (a2 starts on line 3) */
    CHECK_STR(e.text, "the total of individuals passes 2^64-1 with the notice at <buffer> line 3 "
                      "(incident 1)");
    CHECK_STR(e.source, "<buffer>");
    CHECK_EQ_LL(e.line, 3);
    breach_region_shares *r = breach_region_shares_compute(ds, NULL, &e);
    CU_ASSERT_PTR_NULL(r);
    CHECK_EQ_LL(e.code, BREACH_EOVERFLOW);
    breach_region_shares_free(r);
    breach_dataset_free(ds);
}

/* ------------------------------------------------------------------ item 8 */

static long file_text(const char *path, char *buf, size_t size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    size_t n = fread(buf, 1, size - 1, f);
    buf[n] = '\0';
    fclose(f);
    return (long)n;
}

/* The JSON writer refuses a count above 2^63-1 (jansson's integers are signed): it used to
 * empty the existing file first. Now the file is written beside it and renamed only when
 * complete; a refusal leaves it as it was, and no temporary file stays. */
static void test_writers_replace_whole(void)
{
    static const char csv[] = "id,entity,reported,affected\n"
                              "a1,Big A,2023-01-02,9223372036854775808\n"; /* 2^63 */
    char dir[] = "/tmp/breach-out-XXXXXX";
    CU_ASSERT_FATAL(mkdtemp(dir) != NULL);
    char path[512], buf[4096], cmd[1024];
    snprintf(path, sizeof path, "%s/keep.json", dir);
    FILE *f = fopen(path, "w");
    CU_ASSERT_FATAL(f != NULL);
    fputs("precious\n", f);
    fclose(f);
    breach_error e;
    breach_dataset *ds = breach_dataset_new(&e);
    CU_ASSERT_EQUAL_FATAL(breach_csv_read_buffer(ds, csv, sizeof csv - 1, NULL, NULL, &e), BREACH_OK);
    CHECK_EQ_LL(breach_json_write_file(ds, NULL, path, &e), BREACH_EOVERFLOW);
    CHECK_EQ_LL(file_text(path, buf, sizeof buf), 9);
    CHECK_STR(buf, "precious\n");
    /* a complete write replaces it; the CSV writer likewise */
    CHECK_EQ_LL(breach_csv_write_file(ds, NULL, path, &e), BREACH_OK);
    CU_ASSERT(file_text(path, buf, sizeof buf) > 0 && strstr(buf, "9223372036854775808") != NULL);
    /* a folder that does not exist: an error naming the target, nothing created */
    char nowhere[600];
    snprintf(nowhere, sizeof nowhere, "%s/no/such/dir/x.csv", dir);
    CHECK_EQ_LL(breach_csv_write_file(ds, NULL, nowhere, &e), BREACH_EIO);
    CHECK_STR(e.source, nowhere);
    snprintf(cmd, sizeof cmd, "test \"$(ls -A '%s')\" = keep.json", dir);
    CHECK_EQ_LL(system(cmd), 0); /* no temporary file left */
    breach_dataset_free(ds);
    unlink(path);
    rmdir(dir);
}

/* ------------------------------------------------------------------ item 6 */

static uint64_t splitmix_test(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* The names' hash before the fix (libbreach/intern.c up to issue 18): no key, and every
 * step invertible, so that a name can be made to land on any slot. */
#define M1 0xff51afd7ed558ccdull
#define M2 0xc4ceb9fe1a85ec53ull

static uint64_t inv_odd(uint64_t a) /* a^-1 mod 2^64 (Newton) */
{
    uint64_t x = a;
    for (int i = 0; i < 6; i++)
        x *= 2 - a * x;
    return x;
}

static uint64_t unxorshift(uint64_t y, int s) /* inverse of x ^ (x >> s) */
{
    uint64_t x = y;
    for (int i = 0; i < 64 / s + 1; i++)
        x = y ^ (x >> s);
    return x;
}

static uint64_t old_block(uint64_t h, const char *b)
{
    uint64_t w;
    memcpy(&w, b, 8);
    h = (h ^ w) * M1;
    return h ^ (h >> 29);
}

/* Writes 24-byte names (16 of the index, 8 solved for) whose old hash has `top` in its
 * top 24 bits, into out (n x 25 bytes, NUL-terminated each). The last block is solved
 * backwards from a chosen final hash; a solution whose bytes are not all printable (no
 * comma, quote or space, which CSV would change) is tried again with other low bits. */
static void crafted_names(char *out, int n, uint64_t top)
{
    uint64_t rng = 12345, im1 = inv_odd(M1), im2 = inv_odd(M2);
    for (int k = 0; k < n; k++) {
        char *name = out + 25 * k;
        snprintf(name, 17, "n%015d", k);
        uint64_t h = 0x9E3779B97F4A7C15ull ^ 24;
        h = old_block(h, name);
        h = old_block(h, name + 8);
        for (;;) {
            uint64_t f = top << 40 | (splitmix_test(&rng) & ((1ull << 40) - 1));
            uint64_t x = unxorshift(f, 33) * im2;
            x = unxorshift(x, 33) * im1;
            x = unxorshift(x, 33);
            uint64_t w = h ^ (unxorshift(x, 29) * im1);
            char b[8];
            memcpy(b, &w, 8);
            int good = 1;
            for (int i = 0; i < 8 && good; i++)
                good = b[i] > 0x20 && b[i] < 0x7f && b[i] != ',' && b[i] != '"';
            if (good) {
                memcpy(name + 16, b, 8);
                name[24] = '\0';
                break;
            }
        }
    }
}

static double load_seconds(const char *csv, size_t len, size_t *loaded)
{
    double best = 1e9;
    for (int run = 0; run < 3; run++) {
        breach_error e;
        breach_dataset *ds = breach_dataset_new(&e);
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        int rc = breach_csv_read_buffer(ds, csv, len, NULL, NULL, &e);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        CU_ASSERT_EQUAL(rc, BREACH_OK);
        *loaded = breach_dataset_size(ds);
        breach_dataset_free(ds);
        double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        if (s < best)
            best = s;
    }
    return best;
}

/* 20,000 names crafted for the old hash (all on one slot: one probe run of 20,000) load
 * in about the time of 20,000 names of the same shape whose last 8 bytes are random. Before the fix: 0.9 s
 * against 0.02 s here (quadratic); now within a factor of 4 (best of 3 runs each). */
static void test_crafted_names_linear(void)
{
    enum { N = 20000 };
    char *names = malloc((size_t)N * 25);
    CU_ASSERT_PTR_NOT_NULL_FATAL(names);
    size_t cap = (size_t)N * 64 + 64;
    char *crafted = malloc(cap), *random = malloc(cap);
    CU_ASSERT_FATAL(crafted && random);
    crafted_names(names, N, 0xABCDEF);
    size_t a = (size_t)snprintf(crafted, cap, "id,entity,reported\n");
    size_t b = (size_t)snprintf(random, cap, "id,entity,reported\n");
    uint64_t rng = 777;
    for (int k = 0; k < N; k++) {
        a += (size_t)snprintf(crafted + a, cap - a, "c%d,%s,2023-01-02\n", k, names + 25 * k);
        /* the same shape: the index, then 8 printable bytes drawn at random */
        char r[25];
        snprintf(r, 17, "n%015d", k);
        for (int i = 16; i < 24; i++) {
            char c;
            do
                c = (char)(0x21 + splitmix_test(&rng) % 94);
            while (c == ',' || c == '"');
            r[i] = c;
        }
        r[24] = '\0';
        b += (size_t)snprintf(random + b, cap - b, "c%d,%s,2023-01-02\n", k, r);
    }
    size_t n1 = 0, n2 = 0;
    double tc = load_seconds(crafted, a, &n1), tr = load_seconds(random, b, &n2);
    fprintf(stderr, "\n  %d crafted names: %.3f s; %d random names: %.3f s\n", N, tc, N, tr);
    CHECK_EQ_LL(n1, N);
    CHECK_EQ_LL(n2, N);
    CU_ASSERT(tc < 4 * tr + 0.02);
    free(names);
    free(crafted);
    free(random);
}

/* ------------------------------------------------------------------ item 9 */

/* breach_load with format detection on a pipe: the detection read the pipe, then the
 * loader opened it again and found it empty ("cannot tell the format of an empty file").
 * The seed's 9 rows load now. */
static void test_load_pipe_detected(void)
{
    int p[2];
    CU_ASSERT_EQUAL_FATAL(pipe(p), 0);
    FILE *src = fopen(src_path("examples/data/seed-incidents.csv"), "rb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(src);
    char buf[65536]; /* the seed is 3,607 bytes: it fits in the pipe's buffer */
    size_t n = fread(buf, 1, sizeof buf, src);
    fclose(src);
    CU_ASSERT_EQUAL_FATAL(write(p[1], buf, n), (ssize_t)n);
    close(p[1]);
    char path[64];
    snprintf(path, sizeof path, "/dev/fd/%d", p[0]);
    breach_error e;
    memset(&e, 0, sizeof e);
    breach_dataset *ds = breach_dataset_new(&e);
    int rc = breach_load(ds, path, NULL, NULL, NULL, &e);
    show(rc, &e);
    CHECK_EQ_LL(rc, BREACH_OK);
    CHECK_EQ_LL(breach_dataset_size(ds), 9);
    breach_dataset_free(ds);
    close(p[0]);
}

/* A write that fails half-way (a 1 KiB file-size limit stands for a full disk; SIGXFSZ
 * ignored, so write() fails with EFBIG): BREACH_EIO naming the target, the old file intact,
 * no temporary file left. */
static void test_writer_full_disk(void)
{
    char dir[] = "/tmp/breach-full-XXXXXX";
    CU_ASSERT_FATAL(mkdtemp(dir) != NULL);
    char path[512], buf[64], cmd[1024];
    snprintf(path, sizeof path, "%s/keep.csv", dir);
    FILE *f = fopen(path, "w");
    CU_ASSERT_FATAL(f != NULL);
    fputs("precious\n", f);
    fclose(f);
    breach_error e;
    memset(&e, 0, sizeof e);
    breach_dataset *ds = breach_dataset_new(&e);
    CU_ASSERT_EQUAL_FATAL(breach_csv_read_file(ds, src_path("examples/data/seed-incidents.csv"),
                                               NULL, NULL, &e), BREACH_OK);
    struct rlimit old, small;
    CU_ASSERT_EQUAL_FATAL(getrlimit(RLIMIT_FSIZE, &old), 0);
    small.rlim_cur = 1024;
    small.rlim_max = old.rlim_max;
    void (*was)(int) = signal(SIGXFSZ, SIG_IGN);
    CU_ASSERT_EQUAL(setrlimit(RLIMIT_FSIZE, &small), 0);
    int rc = breach_csv_write_file(ds, NULL, path, &e); /* the seed writes 3.6 KB */
    setrlimit(RLIMIT_FSIZE, &old);
    signal(SIGXFSZ, was);
    CHECK_EQ_LL(rc, BREACH_EIO);
    CHECK_STR(e.source, path);
    CHECK_EQ_LL(file_text(path, buf, sizeof buf), 9);
    CHECK_STR(buf, "precious\n");
    snprintf(cmd, sizeof cmd, "test \"$(ls -A '%s')\" = keep.csv", dir);
    CHECK_EQ_LL(system(cmd), 0);
    breach_dataset_free(ds);
    unlink(path);
    rmdir(dir);
}

/* The seed loaded (owned), and its canonical CSV as breach_csv_write gives it in *want
 * (malloc'd): the bytes a writer must put wherever its path leads. */
static breach_dataset *seed_and_csv(char **want, size_t *want_len)
{
    breach_error e;
    memset(&e, 0, sizeof e);
    breach_dataset *ds = breach_dataset_new(&e);
    CU_ASSERT_EQUAL_FATAL(breach_csv_read_file(ds, src_path("examples/data/seed-incidents.csv"),
                                               NULL, NULL, &e), BREACH_OK);
    FILE *mem = open_memstream(want, want_len);
    CU_ASSERT_FATAL(mem != NULL);
    CHECK_EQ_LL(breach_csv_write(ds, NULL, mem, &e), BREACH_OK);
    fclose(mem);
    return ds;
}

/* The writers renamed their temporary file over whatever the path named (rev-hostile
 * item 3): a symbolic link became a regular file and the file it led to kept its old text;
 * a FIFO was replaced, its reader got nothing; as root /dev/full became a CSV file; each
 * BREACH_OK. Now a link is written through (the link stays, its file is replaced and keeps
 * its permissions), a FIFO or a device is written in place, a directory is refused. The
 * reference bytes are breach_csv_write's into memory: this is about where they go. */
static void test_writers_special_targets(void)
{
    char dir[] = "/tmp/breach-targets-XXXXXX";
    CU_ASSERT_FATAL(mkdtemp(dir) != NULL);
    char real[512], link[512], sub[512], rel[512], dang[512], fresh[512], fifo[512], got[512],
        cmd[1024], buf[8192];
    snprintf(real, sizeof real, "%s/real.csv", dir);
    snprintf(link, sizeof link, "%s/link.csv", dir);
    snprintf(sub, sizeof sub, "%s/sub", dir);
    snprintf(rel, sizeof rel, "%s/sub/rel.csv", dir);
    snprintf(dang, sizeof dang, "%s/dangling.json", dir);
    snprintf(fresh, sizeof fresh, "%s/fresh.json", dir);
    snprintf(fifo, sizeof fifo, "%s/fifo", dir);
    snprintf(got, sizeof got, "%s/got", dir);
    breach_error e;
    memset(&e, 0, sizeof e);
    char *want = NULL;
    size_t want_len = 0;
    breach_dataset *ds = seed_and_csv(&want, &want_len);
    CU_ASSERT_FATAL(want_len > 1000 && want_len < sizeof buf); /* the seed: 3.6 KB */
    unsigned failures = CU_get_number_of_failures();

    /* a link in the same folder, and a relative one from a subfolder: written through */
    FILE *f = fopen(real, "w");
    CU_ASSERT_FATAL(f != NULL);
    fputs("old\n", f);
    fclose(f);
    CU_ASSERT_EQUAL(chmod(real, 0640), 0);
    CU_ASSERT_EQUAL_FATAL(symlink("real.csv", link), 0);
    CU_ASSERT_EQUAL_FATAL(mkdir(sub, 0700), 0);
    CU_ASSERT_EQUAL_FATAL(symlink("../real.csv", rel), 0);
    struct stat st;
    for (int k = 0; k < 2; k++) {
        const char *via = k == 0 ? link : rel;
        CHECK_EQ_LL(breach_csv_write_file(ds, NULL, via, &e), BREACH_OK);
        CU_ASSERT(lstat(via, &st) == 0 && S_ISLNK(st.st_mode));
        CHECK_EQ_LL(readlink(via, buf, sizeof buf), k == 0 ? 8 : 11);
        CU_ASSERT(lstat(real, &st) == 0 && S_ISREG(st.st_mode));
        CHECK_EQ_LL(st.st_mode & 07777, 0640); /* the replaced file's permissions */
        CHECK_EQ_LL(file_text(real, buf, sizeof buf), (long)want_len);
        CU_ASSERT(memcmp(buf, want, want_len) == 0);
        if (k == 0) { /* the next write must change it again */
            f = fopen(real, "w");
            fputs("old\n", f);
            fclose(f);
        }
    }
    /* a link to a name that does not exist yet creates that file, the JSON writer too */
    CU_ASSERT_EQUAL_FATAL(symlink("fresh.json", dang), 0);
    CHECK_EQ_LL(breach_json_write_file(ds, NULL, dang, &e), BREACH_OK);
    CU_ASSERT(lstat(dang, &st) == 0 && S_ISLNK(st.st_mode));
    CU_ASSERT(file_text(fresh, buf, sizeof buf) > 0 && buf[0] == '[');

    /* a FIFO: its reader (a child, killed after 5 s if nothing comes) gets every byte. A
       write that does not open the FIFO is stopped by the parent's own alarm. */
    CU_ASSERT_EQUAL_FATAL(mkfifo(fifo, 0600), 0);
    pid_t pid = fork();
    CU_ASSERT_FATAL(pid >= 0);
    if (pid == 0) {
        alarm(5);
        int in = open(fifo, O_RDONLY);
        int out = open(got, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (in < 0 || out < 0)
            _exit(1);
        char b[4096];
        ssize_t n;
        while ((n = read(in, b, sizeof b)) > 0)
            if (write(out, b, (size_t)n) != n)
                _exit(1);
        _exit(n == 0 && close(out) == 0 ? 0 : 1);
    }
    alarm(10);
    CHECK_EQ_LL(breach_csv_write_file(ds, NULL, fifo, &e), BREACH_OK);
    alarm(0);
    child_exits_ok(pid);
    CU_ASSERT(lstat(fifo, &st) == 0 && S_ISFIFO(st.st_mode));
    CHECK_EQ_LL(file_text(got, buf, sizeof buf), (long)want_len);
    CU_ASSERT(memcmp(buf, want, want_len) == 0);

    /* a directory: an error naming it, before anything is written */
    CHECK_EQ_LL(breach_csv_write_file(ds, NULL, sub, &e), BREACH_EIO);
    CHECK_STR(e.source, sub);
    CHECK_STR(e.text, "cannot create: Is a directory");

    /* /dev/full, only once the link and the FIFO proved that a node is not replaced (as
       root the old code replaced the device): ENOSPC is an error naming it */
    if (CU_get_number_of_failures() == failures && stat("/dev/full", &st) == 0 &&
        S_ISCHR(st.st_mode)) {
        CHECK_EQ_LL(breach_csv_write_file(ds, NULL, "/dev/full", &e), BREACH_EIO);
        CHECK_STR(e.source, "/dev/full");
        CHECK_STR(e.text, "write error: No space left on device");
        /* the JSON (7,957 bytes) fills the stream's 4 KiB buffer: the writer meets the error */
        memset(&e, 0, sizeof e);
        CHECK_EQ_LL(breach_json_write_file(ds, NULL, "/dev/full", &e), BREACH_EIO);
        CHECK_STR(e.source, "/dev/full");
        CU_ASSERT(strstr(e.text, "No space left on device") != NULL);
        CU_ASSERT(stat("/dev/full", &st) == 0 && S_ISCHR(st.st_mode));
    } else if (CU_get_number_of_failures() != failures)
        CU_FAIL("/dev/full not tried: the link or the FIFO failed");

    /* no temporary file anywhere */
    snprintf(cmd, sizeof cmd,
             "test \"$(ls -A '%s' | tr '\\n' ' ')\" = 'dangling.json fifo fresh.json got link.csv "
             "real.csv sub ' && test \"$(ls -A '%s')\" = rel.csv",
             dir, sub);
    CHECK_EQ_LL(system(cmd), 0);
    free(want);
    breach_dataset_free(ds);
    snprintf(cmd, sizeof cmd, "rm -r '%s'", dir);
    CHECK_EQ_LL(system(cmd), 0);
}

/* A path that is one of this process's descriptors (rev-code 2): /dev/stdout led through
 * /proc/self/fd/1 to the name of the log that `>>` had opened, and the temporary file was
 * renamed over it: its earlier lines were lost, BREACH_OK. Now the descriptor is written
 * in place through a duplicate, at its offset: a log opened O_APPEND keeps its text and
 * gets the CSV after it; a file opened for writing gets the CSV at the descriptor's offset
 * (twice written, twice there); one open for reading only is refused, unchanged. The
 * expected bytes are the old text followed by breach_csv_write's into memory. */
static void test_writers_descriptors(void)
{
    char dir[] = "/tmp/breach-fds-XXXXXX";
    CU_ASSERT_FATAL(mkdtemp(dir) != NULL);
    const char *old = "previous log line\n";
    size_t old_len = strlen(old);
    char log[512], link[512], name[64], cmd[1024], buf[16384], want2[16384];
    snprintf(log, sizeof log, "%s/log.txt", dir);
    snprintf(link, sizeof link, "%s/out.csv", dir);
    breach_error e;
    memset(&e, 0, sizeof e);
    char *want = NULL;
    size_t want_len = 0;
    breach_dataset *ds = seed_and_csv(&want, &want_len);
    CU_ASSERT_FATAL(want_len > 1000 && 3 * want_len + old_len < sizeof want2);
    unsigned failures = CU_get_number_of_failures();

    /* `prog >> log.txt` writing /dev/stdout: a child whose descriptor 1 is the log opened
       O_APPEND, as the shell's >> opens it */
    FILE *f = fopen(log, "w");
    CU_ASSERT_FATAL(f != NULL);
    fputs(old, f);
    fclose(f);
    int fd = open(log, O_WRONLY | O_APPEND);
    CU_ASSERT_FATAL(fd >= 0);
    fflush(stdout);
    pid_t pid = fork();
    CU_ASSERT_FATAL(pid >= 0);
    if (pid == 0) {
        if (dup2(fd, STDOUT_FILENO) < 0)
            _exit(2);
        breach_error ce;
        _exit(breach_csv_write_file(ds, NULL, "/dev/stdout", &ce) == BREACH_OK ? 0 : 1);
    }
    child_exits_ok(pid);
    memcpy(want2, old, old_len);
    memcpy(want2 + old_len, want, want_len);
    CHECK_EQ_LL(file_text(log, buf, sizeof buf), (long)(old_len + want_len));
    CU_ASSERT(memcmp(buf, want2, old_len + want_len) == 0);
    /* /dev/fd/N, and a link to it: appended again; the link stays */
    snprintf(name, sizeof name, "/dev/fd/%d", fd);
    CU_ASSERT_EQUAL_FATAL(symlink(name, link), 0);
    CHECK_EQ_LL(breach_csv_write_file(ds, NULL, link, &e), BREACH_OK);
    memcpy(want2 + old_len + want_len, want, want_len);
    CHECK_EQ_LL(file_text(log, buf, sizeof buf), (long)(old_len + 2 * want_len));
    CU_ASSERT(memcmp(buf, want2, old_len + 2 * want_len) == 0);
    struct stat st;
    CU_ASSERT(lstat(link, &st) == 0 && S_ISLNK(st.st_mode));
    close(fd);

    /* `> file`: /proc/self/fd/N of a file opened for writing (truncated), through the
       public output, written at the descriptor's offset: twice written, twice there */
    fd = open(log, O_WRONLY | O_TRUNC);
    CU_ASSERT_FATAL(fd >= 0);
    snprintf(name, sizeof name, "/proc/self/fd/%d", fd);
    for (int k = 0; k < 2; k++) {
        breach_output *out = breach_output_open(name, &e);
        CU_ASSERT_FATAL(out != NULL);
        CHECK_EQ_LL(breach_csv_write(ds, NULL, breach_output_stream(out), &e), BREACH_OK);
        CHECK_EQ_LL(breach_output_close(out, BREACH_OK, &e), BREACH_OK);
    }
    CU_ASSERT(fcntl(fd, F_GETFD) >= 0); /* the caller's descriptor stays open */
    close(fd);
    CHECK_EQ_LL(file_text(log, buf, sizeof buf), (long)(2 * want_len));
    CU_ASSERT(memcmp(buf, want, want_len) == 0 && memcmp(buf + want_len, want, want_len) == 0);

    /* open for reading only (`prog < file`'s /dev/stdin): refused, the file unchanged */
    fd = open(log, O_RDONLY);
    CU_ASSERT_FATAL(fd >= 0);
    snprintf(name, sizeof name, "/dev/fd/%d", fd);
    memset(&e, 0, sizeof e);
    CHECK_EQ_LL(breach_json_write_file(ds, NULL, name, &e), BREACH_EIO);
    CHECK_STR(e.source, name);
    snprintf(cmd, sizeof cmd, "cannot open: descriptor %d is open for reading only", fd);
    CHECK_STR(e.text, cmd);
    close(fd);
    CHECK_EQ_LL(file_text(log, buf, sizeof buf), (long)(2 * want_len));

    /* the public output of an ordinary path: abandoned, the old file stays; NULL refused */
    breach_output *out = breach_output_open(log, &e);
    CU_ASSERT_FATAL(out != NULL);
    fputs("half", breach_output_stream(out));
    CHECK_EQ_LL(breach_output_close(out, BREACH_EINVAL, &e), BREACH_EINVAL);
    CHECK_EQ_LL(file_text(log, buf, sizeof buf), (long)(2 * want_len));
    CU_ASSERT(breach_output_open(NULL, &e) == NULL && e.code == BREACH_EINVAL);
    CHECK_EQ_LL(breach_output_close(NULL, BREACH_OK, &e), BREACH_OK);

    /* a descriptor of /dev/full, only once the log proved that a file the descriptor leads
       to is not replaced: ENOSPC names the path, and /dev/full stays a device */
    if (CU_get_number_of_failures() == failures && stat("/dev/full", &st) == 0 &&
        S_ISCHR(st.st_mode)) {
        fd = open("/dev/full", O_WRONLY);
        CU_ASSERT_FATAL(fd >= 0);
        snprintf(name, sizeof name, "/dev/fd/%d", fd);
        memset(&e, 0, sizeof e);
        CHECK_EQ_LL(breach_csv_write_file(ds, NULL, name, &e), BREACH_EIO);
        CHECK_STR(e.source, name);
        CHECK_STR(e.text, "write error: No space left on device");
        close(fd);
        CU_ASSERT(stat("/dev/full", &st) == 0 && S_ISCHR(st.st_mode));
    } else if (CU_get_number_of_failures() != failures)
        CU_FAIL("/dev/full not tried: the log was not written in place");

    /* no temporary file */
    snprintf(cmd, sizeof cmd, "test \"$(ls -A '%s' | tr '\\n' ' ')\" = 'log.txt out.csv '", dir);
    CHECK_EQ_LL(system(cmd), 0);
    free(want);
    breach_dataset_free(ds);
    snprintf(cmd, sizeof cmd, "rm -r '%s'", dir);
    CHECK_EQ_LL(system(cmd), 0);
}

#ifndef SANITIZED_MEMORY
/* This process's address space in bytes (VmSize), or 0. */
static size_t vm_size(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    size_t kb = 0;
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "VmSize: %zu kB", &kb) == 1)
            break;
    if (f)
        fclose(f);
    return kb * 1024;
}
#endif

/* A large input makes room for its rest from what its first chunk (16,384 lines here)
 * suggests. 200,000 rows of 6 bytes, then 100,000 of 209 (21 MB), suggested 3.5 million
 * rows (4 Mi rows of columns, about 200 MB): that guess refused (the address space limited
 * to 200 MB more than the child had) failed the load with "out of memory", where the
 * 300,000 rows themselves fit. A guess is only a guess: the load goes on, and the columns
 * that grew before the refusal give their room back. */
static void test_refused_estimate(void)
{
#ifdef SANITIZED_MEMORY
    fprintf(stderr, "\n  SKIP: an address-space limit cannot hold under this sanitizer\n");
    return;
#else
    enum { SHORT = 200000, LONG = 100000 };
    static const char header[] = "id,entity,summary\n";
    size_t hlen = sizeof header - 1, len = hlen + SHORT * 6 + (size_t)LONG * 209;
    char *text = malloc(len + 1), *at = text;
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    at += sprintf(at, "%s", header);
    for (int i = 0; i < SHORT; i++)
        at += sprintf(at, "s,O%d,\n", i % 10); /* 6 bytes */
    char summary[201];
    memset(summary, 'x', 200);
    summary[200] = '\0';
    for (int i = 0; i < LONG; i++)
        at += sprintf(at, "l,P%04d,%s\n", i % 10000, summary); /* 2 + 5 + 1 + 200 + 1 */
    CHECK_EQ_LL(at - text, len);
    fflush(NULL);
    pid_t pid = fork();
    CU_ASSERT_FATAL(pid >= 0);
    if (pid == 0) {
        struct rlimit lim;
        lim.rlim_cur = lim.rlim_max = vm_size() + ((size_t)200 << 20);
        if (vm_size() == 0 || setrlimit(RLIMIT_AS, &lim) != 0)
            _exit(100);
        breach_load_options o;
        breach_load_options_init(&o);
        o.threads = 1; /* another thread's stack and malloc arena would count too */
        breach_dataset *ds = breach_dataset_new(NULL);
        breach_error e;
        int rc = breach_csv_read_buffer(ds, text, len, &o, NULL, &e);
        if (rc)
            fprintf(stderr, "\n  %s (%d)\n", e.text, rc);
        _exit(rc ? 101 : breach_dataset_size(ds) == SHORT + LONG ? 0 : 102);
    }
    child_exits_ok(pid);
    free(text);
#endif
}

/* A stream whose format cannot be told, or is named wrongly. */
static void test_load_stream_errors(void)
{
    for (int k = 0; k < 2; k++) {
        int p[2];
        CU_ASSERT_EQUAL_FATAL(pipe(p), 0);
        const char *text = "just some words\n";
        CU_ASSERT_EQUAL(write(p[1], text, strlen(text)), (ssize_t)strlen(text));
        close(p[1]);
        char path[64];
        snprintf(path, sizeof path, "/dev/fd/%d", p[0]);
        breach_error e;
        memset(&e, 0, sizeof e);
        breach_dataset *ds = breach_dataset_new(&e);
        int rc = breach_load(ds, path, k ? "nosuch" : NULL, NULL, NULL, &e);
        CHECK_EQ_LL(rc, k ? BREACH_EINVAL : BREACH_EFORMAT);
        CU_ASSERT(strstr(e.text, k ? "unknown format 'nosuch'" : "cannot tell the format") != NULL);
        breach_dataset_free(ds);
        close(p[0]);
    }
}

/* The child of test_no_iso_codes, a new process (the table is read once a process):
 * BREACH_ISO_CODES_DIR names an empty folder. Returns 0, or the number of the first check
 * that failed. */
static int no_iso_child(const char *dir)
{
    breach_error e;
    memset(&e, 0, sizeof e);
    /* a folder name longer than a path: said, not cut short to another file's name */
    char longer[PATH_MAX + 16];
    memset(longer, 'd', sizeof longer - 1);
    longer[0] = '/';
    longer[sizeof longer - 1] = '\0';
    setenv("BREACH_ISO_CODES_DIR", longer, 1);
    breach_region r;
    if (breach_region_parse("US", 2, &r, &e) != BREACH_EREGION ||
        !strstr(e.text, "longer than a path can be"))
        return 5;
    setenv("BREACH_ISO_CODES_DIR", dir, 1);
    const char *seed = src_path("examples/data/seed-incidents.csv");
    for (int lenient = 0; lenient < 2; lenient++) {
        breach_dataset *ds = breach_dataset_new(NULL);
        breach_report *rep = breach_report_new();
        breach_load_options o;
        breach_load_options_init(&o);
        o.lenient = lenient;
        if (breach_csv_read_file(ds, seed, &o, rep, &e) != BREACH_EREGION)
            return 10 + lenient;
        if (!strstr(e.text, "no ISO 3166 data") || !strstr(e.text, dir) ||
            !strstr(e.text, "iso_3166-1.json") || !strstr(e.text, "iso-codes"))
            return 12;
        /* nothing read, nothing rejected: the load failed whole */
        if (breach_dataset_size(ds) || breach_report_rows_read(rep) ||
            breach_report_rows_rejected(rep))
            return 13;
        breach_report_free(rep);
        breach_dataset_free(ds);
    }
    /* told, the format would be the canonical CSV's; the HHS export is told by its states */
    breach_dataset *ds = breach_dataset_new(NULL);
    if (breach_format_detect_file(seed, &e) || e.code != BREACH_EREGION)
        return 14;
    if (breach_format_detect_file(dir, &e) || e.code != BREACH_EREGION)
        return 16; /* a directory, else "veris" */
    if (breach_load(ds, seed, NULL, NULL, NULL, &e) != BREACH_EREGION || breach_dataset_size(ds))
        return 15;
    static const char veris[] = "{\"incident_id\": \"G\"}";
    if (breach_veris_read_buffer(ds, veris, sizeof veris - 1, NULL, NULL, &e) != BREACH_EREGION)
        return 20;
    if (breach_population_read_file(src_path("examples/data/us-state-population-2024.csv"), 0,
                                    &e) ||
        e.code != BREACH_EREGION)
        return 30;
    /* the folder given back (the build's own): read on the next call, and the load goes */
    unsetenv("BREACH_ISO_CODES_DIR");
    if (breach_csv_read_file(ds, seed, NULL, NULL, &e) != BREACH_OK || breach_dataset_size(ds) != 9)
        return 40;
    breach_dataset_free(ds);
    return 0;
}

/* The ISO 3166 lists unreadable (iso-codes not installed, BREACH_ISO_CODES_DIR naming a
 * folder without them): every load fails whole, naming the file and the package, where a
 * lenient load of the seed rejected each of its rows with a state ("no ISO 3166 data") and a
 * strict one failed at the first; format detection, VERIS and the population table fail the
 * same way (detection said it could not tell an HHS export without states); the
 * lists found again, the next load reads them. In a new process: the table is read once. */
static void test_no_iso_codes(void)
{
    char dir[] = "/tmp/breach-iso-XXXXXX";
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    fflush(NULL);
    pid_t pid = fork();
    CU_ASSERT_FATAL(pid >= 0);
    if (pid == 0) {
        execl("/proc/self/exe", "test_robust", "--no-iso-child", dir, (char *)NULL);
        _exit(99);
    }
    child_exits_ok(pid);
    rmdir(dir);
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--no-iso-child") == 0)
        return no_iso_child(argv[2]);
    static const test_entry tests[] = {
        {"14: vocabulary parsers refuse a NULL out", test_vocab_parse_null_out},
        {"16: a VERIS directory's links are not followed", test_veris_dir_link},
        {"16: a zip's members have a total limit", test_zip_total_limit},
        {"16: times of day are checked", test_time_of_day_checked},
        {"16: intervals of out-of-range dates are refused", test_interval_out_of_range},
        {"15: a total past 2^64-1 is an error in the overview too", test_total_overflow_consistent},
        {"8: the writers replace a file whole or not at all", test_writers_replace_whole},
        {"6: names crafted against the old hash load in linear time", test_crafted_names_linear},
        {"9: breach_load detects and reads a pipe once", test_load_pipe_detected},
        {"9: a stream's format not told, or named wrongly", test_load_stream_errors},
        {"8: a writer that runs out of room leaves the old file", test_writer_full_disk},
        {"a link is written through, a FIFO or a device in place", test_writers_special_targets},
        {"a descriptor (/dev/stdout, /dev/fd/N) is written in place at its offset",
         test_writers_descriptors},
        {"a load's guess of its size, refused, does not fail it", test_refused_estimate},
        {"ISO 3166 lists unreadable: every load fails whole", test_no_iso_codes},
        {NULL, NULL},
    };
    return run_suite("robust", tests);
}
