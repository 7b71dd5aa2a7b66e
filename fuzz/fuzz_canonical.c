/* libFuzzer target: the canonical CSV reader (see fuzz_common.h for the checks). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    fuzz_loader(breach_csv_read_buffer, data, size);
    return 0;
}
