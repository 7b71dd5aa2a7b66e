/* bench/micro/memory.c: what this machine's memory costs, for the names' table's design:
 * over a region of N MiB (transparent huge pages asked for, then refused),
 *  - chain: dependent reads, each line's address read from the line before (a random
 *    cycle through every line): the latency of a miss;
 *  - independent: random lines read with nothing depending on them: the best rate;
 *  - translation: one line a 4 KiB page, the same 1 MiB of lines over the whole region,
 *    so that the lines stay cached and the time is the address translation's.
 *
 *   memory [MIB...]       (default 1 16 64 256) */
#define _GNU_SOURCE
#include "micro.h"

#include <sys/mman.h>

static uint64_t xs(uint64_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    return *x;
}

enum { STEPS = 1 << 22 };

static void region(size_t mib, int huge)
{
    size_t bytes = mib << 20, lines = bytes / 64, align = (size_t)2 << 20;
    char *raw = mmap(NULL, bytes + align, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                     -1, 0);
    if (raw == MAP_FAILED)
        exit(1);
    char *p = (char *)(((uintptr_t)raw + align - 1) & ~(uintptr_t)(align - 1));
    madvise(p, bytes, huge ? MADV_HUGEPAGE : MADV_NOHUGEPAGE);
    memset(p, 1, bytes);
    /* chain: a random cycle through every line */
    uint32_t *perm = malloc(lines * sizeof *perm);
    uint32_t *idx = malloc((size_t)STEPS * sizeof *idx);
    if (!perm || !idx)
        exit(1);
    uint64_t x = 88172645463325252ull;
    for (size_t i = 0; i < lines; i++)
        perm[i] = (uint32_t)i;
    for (size_t i = lines - 1; i > 0; i--) {
        size_t j = xs(&x) % (i + 1);
        uint32_t t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
    }
    for (size_t i = 0; i < lines; i++)
        *(uint64_t *)(p + (size_t)perm[i] * 64) = (uint64_t)perm[(i + 1) % lines] * 64;
    uint64_t at = (uint64_t)perm[0] * 64;
    double t0 = now();
    for (size_t i = 0; i < STEPS; i++)
        at = *(volatile uint64_t *)(p + at);
    double chain = (now() - t0) / STEPS * 1e9;
    /* independent: random lines */
    for (size_t i = 0; i < STEPS; i++)
        idx[i] = (uint32_t)(xs(&x) % lines);
    uint64_t acc = at;
    t0 = now();
    for (size_t i = 0; i < STEPS; i++)
        acc += (unsigned char)p[(size_t)idx[i] * 64];
    double indep = (now() - t0) / STEPS * 1e9;
    /* translation: line (page % 64) of a random page */
    size_t pages = bytes >> 12;
    for (size_t i = 0; i < STEPS; i++)
        idx[i] = (uint32_t)(xs(&x) % pages);
    for (size_t i = 0; i < STEPS; i++) /* warm: the lines, not the translations, cached */
        acc += (unsigned char)p[((size_t)idx[i] << 12) + ((idx[i] & 63) << 6)];
    t0 = now();
    for (size_t i = 0; i < STEPS; i++)
        acc += (unsigned char)p[((size_t)idx[i] << 12) + ((idx[i] & 63) << 6)];
    double trans = (now() - t0) / STEPS * 1e9;
    printf("memory %4zu MiB, huge pages %s: chain %.1f ns, independent %.1f ns, translation "
           "%.1f ns a read (%llu)\n",
           mib, huge ? "asked" : "refused", chain, indep, trans, (unsigned long long)(acc & 1));
    free(perm);
    free(idx);
    munmap(raw, bytes + align);
}

int main(int argc, char **argv)
{
    static const size_t dflt[] = {1, 16, 64, 256};
    size_t n = argc > 1 ? (size_t)argc - 1 : sizeof dflt / sizeof dflt[0];
    for (size_t i = 0; i < n; i++) {
        size_t mib = argc > 1 ? (size_t)strtoul(argv[i + 1], NULL, 10) : dflt[i];
        region(mib, 1);
        region(mib, 0);
    }
    return 0;
}
