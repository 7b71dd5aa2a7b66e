/* libFuzzer target: the file reader (libbreach/pipeline.c, doc/loader.md "A file read while
 * it is parsed"), which the other targets never reach: they load buffers, and a file is
 * read while it is parsed only from 8 MiB on. This target builds the library with steps of
 * 512 bytes read 2 KiB ahead of the commit, from any size (fuzz/build.sh takes the flags
 * below; a step holds the canonical header, 209 bytes in full, else the file would be read
 * whole), writes the input to a file and loads it on 2 and 3 threads: chunks
 * wait for bytes not read yet, records run past the bytes read, the header ends near a
 * step's end. Each load must give what the buffer gives on one thread: status and error,
 * the report's counts, every reject and warning with its place, the input's size and
 * SHA-256 (hashed a step at a time by the reader), the canonical CSV and JSON. Strict and
 * lenient. Chunks end after their third line feed when that comes before their bytes are
 * done (CHUNK_LINES, 16,384 in the library as built for use), so that bounds by lines are
 * crossed too.
 * fuzz/build.sh cflags: -DBREACH_STREAM_MIN=1 -DBREACH_READ_STEP=512 -DBREACH_READ_AHEAD=2048 -DBREACH_CHUNK_LINES=3 */
#ifndef BREACH_READ_STEP
#error "fuzz_reader needs the flags of its header's cflags line (fuzz/build.sh passes them)"
#endif
#define _GNU_SOURCE /* memfd_create */
#include "fuzz_common.h"
#include "../tests/load_outcome.h"

#include <sys/mman.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    /* a file without a name: its path is /proc/self/fd/N, read like any regular file */
    int fd = memfd_create("fuzz_reader", 0);
    if (fd < 0)
        abort();
    for (size_t at = 0; at < size;) {
        ssize_t w = write(fd, data + at, size - at);
        if (w <= 0)
            abort();
        at += (size_t)w;
    }
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    for (int lenient = 0; lenient < 2; lenient++) {
        size_t n1, n2, n3;
        char *one = load_outcome((const char *)data, size, lenient, 1, &n1);
        char *two = load_outcome_at((const char *)data, size, path, lenient, 2, &n2);
        char *three = load_outcome_at((const char *)data, size, path, lenient, 3, &n3);
        if (!one || !two || !three)
            abort();
        load_outcome_same(one, n1, two, n2, "the buffer on one thread", "the file on two");
        load_outcome_same(one, n1, three, n3, "the buffer on one thread", "the file on three");
        free(one);
        free(two);
        free(three);
    }
    close(fd);
    return 0;
}
