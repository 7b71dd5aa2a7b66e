/* libFuzzer target: the CSV tokenizer's fast path (libbreach/csv.c, next_plain: records
 * without quotes read from bit masks of 64 bytes) against its general path, on any bytes:
 * every record must come out the same both ways (fields, their lines and columns, where
 * the record ends, every error's place and text; tests/tokens_same.h). The input is read
 * from a copy of exactly its size, so that a read past its end is ASan's to see.
 * fuzz/build.sh cflags: -DBREACH_CSV_TEST */
#ifndef BREACH_CSV_TEST
#error "fuzz_tokens needs the flags of its header's cflags line (fuzz/build.sh passes them)"
#endif
#include "../tests/tokens_same.h"

#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    char *copy = malloc(size ? size : 1);
    if (!copy)
        return 0;
    if (size)
        memcpy(copy, data, size);
    char why[512];
    if (tokens_same(copy, size, why, sizeof why)) {
        fprintf(stderr, "fuzz_tokens: the two paths differ: %s\n", why);
        abort();
    }
    free(copy);
    return 0;
}
