/* White-box tests of whole-file input (libbreach/file.c, private), compiled into this
 * program (issue 18, items 3 and 9): a file truncated by another process while it is being
 * loaded, endless devices, and files whose size the system does not know. Every expected
 * value is the bytes the test itself wrote. */
#include "check.h"
#include "../libbreach/file_private.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#define ROWS 5000 /* "row NNNNN\n" x 5000 = 50,000 bytes: 13 pages of 4 KiB */

static void write_rows(const char *path)
{
    FILE *f = fopen(path, "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    for (int i = 0; i < ROWS; i++)
        fprintf(f, "row %05d\n", i);
    fclose(f);
}

/* A new file (path: a mkstemp template) of the rows write_rows writes. */
static void rows_file(char *path)
{
    temp_file(path, "", 0);
    write_rows(path);
}

/* Before the fix the file was mapped: reading its bytes after the truncation raised SIGBUS
 * and this program died (exit 135). Now the bytes read at open stay readable and equal to
 * what was written. */
static void test_truncated_during_load(void)
{
    char path[] = "/tmp/breach-file-XXXXXX";
    rows_file(path);
    breach_file f;
    breach_error e;
    CU_ASSERT_EQUAL_FATAL(breach_file_open(&f, path, &e), BREACH_OK);
    CHECK_EQ_LL(f.len, ROWS * 10);
    CU_ASSERT_EQUAL(truncate(path, 0), 0); /* another process empties the file */
    long bad = 0;
    for (int i = 0; i < ROWS; i++) {
        char want[16];
        snprintf(want, sizeof want, "row %05d\n", i);
        bad += memcmp(f.data + 10 * i, want, 10) != 0;
    }
    CHECK_EQ_LL(bad, 0);
    /* releasing behind the reader still works on the copy */
    breach_file_release(&f, f.data + f.len);
    breach_file_close(&f);
    unlink(path);
}

/* A large file read in parts by several threads (issue 15): every byte in its place, on 1,
 * 2, 3 and 8 threads (parts of at least 4 MiB: 9,000,000 bytes give 2 parts at most). */
static void test_read_in_parts(void)
{
    char path[] = "/tmp/breach-file-XXXXXX";
    temp_file(path, "", 0);
    enum { LINES = 900000 }; /* "NNNNNNNNN\n": 10 bytes a line */
    FILE *out = fopen(path, "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(out);
    for (int i = 0; i < LINES; i++)
        fprintf(out, "%09d\n", i);
    fclose(out);
    static const unsigned threads[] = {1, 2, 3, 8};
    for (size_t t = 0; t < sizeof threads / sizeof threads[0]; t++) {
        breach_file f;
        breach_error e;
        CU_ASSERT_EQUAL_FATAL(breach_file_open_threads(&f, path, threads[t], &e), BREACH_OK);
        CHECK_EQ_LL(f.len, (long long)LINES * 10);
        long bad = 0;
        for (int i = 0; i < LINES; i++) {
            char want[16];
            snprintf(want, sizeof want, "%09d\n", i);
            bad += memcmp(f.data + 10 * (size_t)i, want, 10) != 0;
        }
        CHECK_EQ_LL(bad, 0);
        breach_file_close(&f);
    }
    unlink(path);
}

/* /dev/zero: the old loop read until memory ran out. A NUL byte is not text: the first
 * block ends the read with a reason. */
static void test_endless_device(void)
{
    breach_file f;
    breach_error e;
    memset(&e, 0, sizeof e);
    CHECK_EQ_LL(breach_file_open(&f, "/dev/zero", &e), BREACH_EFORMAT);
    CHECK_STR(e.source, "/dev/zero");
    CHECK_STR(e.text, "a NUL byte at offset 0: not a text file");
}

/* A pipe with text then a NUL byte: the offset of the NUL counts the bytes before it. */
static void test_pipe_with_nul(void)
{
    int p[2];
    CU_ASSERT_EQUAL_FATAL(pipe(p), 0);
    CU_ASSERT_EQUAL(write(p[1], "id,entity\nx\0", 12), 12);
    close(p[1]);
    char path[64];
    snprintf(path, sizeof path, "/dev/fd/%d", p[0]);
    breach_file f;
    breach_error e;
    memset(&e, 0, sizeof e);
    CHECK_EQ_LL(breach_file_open(&f, path, &e), BREACH_EFORMAT);
    CHECK_STR(e.text, "a NUL byte at offset 11: not a text file");
    close(p[0]);
}

/* A regular file whose size the system reports as 0 (procfs) is read to its end. */
static void test_size_unknown(void)
{
    breach_file f;
    breach_error e;
    CU_ASSERT_EQUAL_FATAL(breach_file_open(&f, "/proc/self/status", &e), BREACH_OK);
    CU_ASSERT(f.len > 0);
    CU_ASSERT(f.len >= 5 && memcmp(f.data, "Name:", 5) == 0);
    breach_file_close(&f);
}

/* A file read while it is used (breach_file_open_lazy, breach_file_fill): read a page at a
 * time, each step into the pages of bytes done with (from the third step on, the page
 * read two steps before), every byte in its place, the bytes given back reading as zeros,
 * and the end found where the file ends; then the same file read in steps of no whole
 * pages (released, not moved). */
static void test_lazy_steps(void)
{
    char path[] = "/tmp/breach-file-XXXXXX";
    rows_file(path); /* 50,000 bytes */
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    static const size_t steps[] = {0, 1000}; /* 0: a page */
    for (size_t s = 0; s < 2; s++) {
        size_t step = steps[s] ? steps[s] : page;
        breach_file f;
        breach_error e;
        CU_ASSERT_EQUAL_FATAL(breach_file_open_lazy(&f, path, 2, 1, &e), BREACH_OK);
        CU_ASSERT_FATAL(f.lazy);
        CHECK_EQ_LL(f.len, ROWS * 10);
        CHECK_EQ_LL(f.avail, 0);
        long bad = 0, steps_read = 0;
        size_t got = 1;
        while (got) {
            size_t at = f.avail;
            /* the bytes before the previous step are done with */
            size_t done = at >= 2 * step ? at - step : 0;
            CU_ASSERT_EQUAL_FATAL(breach_file_fill(&f, step, done, &got), 0);
            for (size_t i = at; i < at + got; i++) {
                char want[16]; /* the row written at byte i, as write_rows wrote it */
                snprintf(want, sizeof want, "row %05zu\n", i / 10);
                bad += f.data[i] != want[i % 10];
            }
            steps_read += got > 0;
            if (done >= page) /* released: a page before `done` reads as zeros */
                bad += f.data[done / page * page - 1] != 0;
        }
        CHECK_EQ_LL(bad, 0);
        CHECK_EQ_LL(f.avail, ROWS * 10);
        CHECK_EQ_LL(f.len, ROWS * 10);
        CHECK_EQ_LL(steps_read, (ROWS * 10 + (long)step - 1) / (long)step);
        CHECK_EQ_LL(f.fd, -1); /* closed at the end */
        breach_file_close(&f);
    }
    unlink(path);
}

/* A lazy file truncated between two steps: the end is where the file now ends, and the
 * reader is told it shrank (the pipeline fails the load, rather than load fewer rows); a
 * failed read ends it too. */
static void test_lazy_truncated(void)
{
    char path[] = "/tmp/breach-file-XXXXXX";
    rows_file(path);
    breach_file f;
    breach_error e;
    CU_ASSERT_EQUAL_FATAL(breach_file_open_lazy(&f, path, 2, 1, &e), BREACH_OK);
    size_t got;
    CU_ASSERT_EQUAL(breach_file_fill(&f, 8192, 0, &got), 0);
    CHECK_EQ_LL(got, 8192);
    CU_ASSERT_EQUAL(truncate(path, 10000), 0);
    CHECK_EQ_LL(breach_file_fill(&f, 8192, 0, &got), BREACH_FILE_SHRANK);
    CHECK_EQ_LL(got, 10000 - 8192);
    CHECK_EQ_LL(f.len, 10000);
    CU_ASSERT(memcmp(f.data + 9990, "row 00999\n", 10) == 0);
    CU_ASSERT_EQUAL(breach_file_fill(&f, 8192, 0, &got), 0); /* nothing more */
    CHECK_EQ_LL(got, 0);
    breach_file_close(&f);
    /* a read that fails (here a descriptor that cannot be read: a folder's) ends the file
       where it began, closes it, and reads nothing more */
    CU_ASSERT_EQUAL_FATAL(breach_file_open_lazy(&f, path, 2, 1, &e), BREACH_OK);
    CU_ASSERT_EQUAL(breach_file_fill(&f, 4096, 0, &got), 0);
    CHECK_EQ_LL(got, 4096);
    int dir = open("/tmp", O_RDONLY | O_DIRECTORY);
    CU_ASSERT_FATAL(dir >= 0);
    CU_ASSERT_FATAL(dup2(dir, f.fd) == f.fd);
    close(dir);
    CHECK_EQ_LL(breach_file_fill(&f, 4096, 0, &got), EISDIR);
    CHECK_EQ_LL(got, 0);
    CHECK_EQ_LL(f.len, 4096);
    CHECK_EQ_LL(f.avail, 4096);
    CHECK_EQ_LL(f.fd, -1);
    CU_ASSERT_EQUAL(breach_file_fill(&f, 4096, 0, &got), 0); /* nothing more */
    CHECK_EQ_LL(got, 0);
    breach_file_close(&f);
    /* below the size asked, a file is read whole as before */
    CU_ASSERT_EQUAL_FATAL(breach_file_open_lazy(&f, path, 2, 1 << 20, &e), BREACH_OK);
    CHECK_EQ_LL(f.lazy, 0);
    CHECK_EQ_LL(f.len, 10000);
    breach_file_close(&f);
    unlink(path);
}

int main(void)
{
    static const test_entry tests[] = {
        {"a file truncated during the load is read as it was", test_truncated_during_load},
        {"an endless device stops at its first NUL byte", test_endless_device},
        {"a large file read in parts by several threads", test_read_in_parts},
        {"a pipe's NUL byte is placed", test_pipe_with_nul},
        {"a regular file of unknown size is read whole", test_size_unknown},
        {"a file read in steps into the pages of bytes done with", test_lazy_steps},
        {"a file read in steps and truncated meanwhile says it shrank", test_lazy_truncated},
        {NULL, NULL},
    };
    return run_suite("file", tests);
}
