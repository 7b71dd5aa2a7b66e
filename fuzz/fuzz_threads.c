/* libFuzzer target: one input loaded as canonical CSV on one thread and on three (chunks of
 * a few bytes each, so that record boundaries, quoted line breaks and errors fall on every
 * side of a split) must give the same thing: status and error, the report's counts, every
 * reject and warning with its place, and the canonical CSV and JSON the dataset writes,
 * byte for byte. Strict and lenient. */
#include "fuzz_common.h"
#include "../tests/load_outcome.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    for (int lenient = 0; lenient < 2; lenient++) {
        size_t n1, n3;
        char *one = load_outcome((const char *)data, size, lenient, 1, &n1);
        char *three = load_outcome((const char *)data, size, lenient, 3, &n3);
        if (!one || !three)
            abort();
        load_outcome_same(one, n1, three, n3, "one thread", "three threads");
        free(one);
        free(three);
    }
    return 0;
}
