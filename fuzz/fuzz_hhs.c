/* libFuzzer target: the hhs loader (see fuzz_common.h for the checks). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    fuzz_loader(breach_hhs_read_buffer, data, size);
    return 0;
}
