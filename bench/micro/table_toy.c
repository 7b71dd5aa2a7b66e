/* bench/micro/table_toy.c: a toy copy of the names' table (open addressing, linear
 * probing, 2^24 slots in huge pages, texts in one arena), to try other designs on the same
 * keys as bench/micro/names.c (bench/RESULTS.md reports what they gave):
 *   rolling   32-bit slots (8-bit tag, 24-bit id), locators by id, the load's rolling
 *             read-ahead (slot, locator, text at 16, 8 and 4 keys ahead): the real table;
 *   loc64     64-bit slots (32-bit tag, the text's locator), the id kept before the text:
 *             a key seen before is one miss shorter;
 *   groups G  the rolling table fetched ahead by groups of G keys (all slots, then all
 *             locators, then all texts, then the puts);
 *   sorted B  blocks of B keys sorted by the hash's top 16 bits (key, hash and length
 *             moved together), then put in that order. Ids then come in hash order, not
 *             first appearance: this only bounds what a bulk, sorted put could gain.
 * Ids and texts are not those of the library; the sum of the ids checks that every
 * variant found the same distinct keys (sorted gives other ids, the same count).
 *
 *   table_toy KEYS rolling|loc64|groups G|sorted B */
#define _GNU_SOURCE
#include "../../libbreach/breach_private.h"
#include "../../libbreach/intern.h"
#include "micro.h"

#include <sys/mman.h>

#define BITS 24
#define NSLOTS ((size_t)1 << BITS)

static void *region(size_t bytes)
{
    void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        exit(1);
    madvise(p, bytes, MADV_HUGEPAGE);
    return p;
}

static char *text;
static size_t used = 4;
static uint32_t *loc, nid;
static uint32_t *s32;
static uint64_t *s64;

static size_t home(uint64_t h) { return (size_t)(h >> (64 - BITS)); }

static void fetch32(uint64_t h, int step)
{
    if (step == 0) {
        __builtin_prefetch(&s32[home(h)]);
        return;
    }
    uint32_t sl = s32[home(h)];
    if (!sl || (sl >> 24) != (uint32_t)(h & 0xff))
        return;
    uint32_t id = sl & 0xffffff;
    __builtin_prefetch(step == 1 ? (const void *)&loc[id] : (const void *)(text + loc[id]));
}

static uint32_t put32(const char *s, size_t len, uint64_t h)
{
    size_t i = home(h);
    uint32_t tag = (uint32_t)(h & 0xff) << 24;
    for (uint32_t sl; (sl = s32[i]) != 0; i = (i + 1) & (NSLOTS - 1)) {
        if ((sl & 0xff000000u) != tag)
            continue;
        const char *t = text + loc[sl & 0xffffff];
        if (memcmp(t, s, len) == 0 && t[len] == '\0')
            return sl & 0xffffff;
    }
    uint32_t id = ++nid;
    loc[id] = (uint32_t)used;
    memcpy(text + used, s, len);
    text[used + len] = '\0';
    used += len + 1;
    s32[i] = tag | id;
    return id;
}

static void fetch64(uint64_t h, int step)
{
    if (step == 0) {
        __builtin_prefetch(&s64[home(h)]);
        return;
    }
    uint64_t sl = s64[home(h)];
    if (step == 1 && sl && (uint32_t)(sl >> 32) == (uint32_t)h)
        __builtin_prefetch(text + (uint32_t)sl);
}

static uint32_t put64(const char *s, size_t len, uint64_t h)
{
    size_t i = home(h);
    for (uint64_t sl; (sl = s64[i]) != 0; i = (i + 1) & (NSLOTS - 1)) {
        if ((uint32_t)(sl >> 32) != (uint32_t)h)
            continue;
        const char *t = text + (uint32_t)sl;
        if (memcmp(t, s, len) == 0 && t[len] == '\0') {
            uint32_t id;
            memcpy(&id, t - 4, 4);
            return id;
        }
    }
    uint32_t id = ++nid;
    used = (used + 3) & ~(size_t)3;
    memcpy(text + used, &id, 4);
    used += 4;
    loc[id] = (uint32_t)used;
    memcpy(text + used, s, len);
    text[used + len] = '\0';
    used += len + 1;
    s64[i] = (uint64_t)(uint32_t)h << 32 | loc[id];
    return id;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: table_toy KEYS rolling|loc64|groups G|sorted B\n");
        return 2;
    }
    const char *mode = argv[2];
    size_t arg = argc > 3 ? (size_t)strtoul(argv[3], NULL, 10) : 0;
    size_t n;
    micro_key *k = load_keys(argv[1], &n);
    text = region((size_t)1 << 30);
    loc = region(((size_t)4 << 24) + 64);
    uint64_t sum = 0;
    double t0 = now();
    if (!strcmp(mode, "loc64")) {
        s64 = region(NSLOTS * 8);
        for (size_t i = 0; i < n; i++) {
            if (i + 16 < n)
                fetch64(k[i + 16].h, 0);
            if (i + 8 < n)
                fetch64(k[i + 8].h, 1);
            sum += put64(k[i].s, k[i].len, k[i].h);
        }
    } else {
        s32 = region(NSLOTS * 4);
        if (!strcmp(mode, "rolling")) {
            for (size_t i = 0; i < n; i++) {
                if (i + 16 < n)
                    fetch32(k[i + 16].h, 0);
                if (i + 8 < n)
                    fetch32(k[i + 8].h, 1);
                if (i + 4 < n)
                    fetch32(k[i + 4].h, 2);
                sum += put32(k[i].s, k[i].len, k[i].h);
            }
        } else if (!strcmp(mode, "groups") && arg) {
            for (size_t g = 0; g < n; g += arg) {
                size_t e = g + arg < n ? g + arg : n;
                for (int step = 0; step < 3; step++)
                    for (size_t i = g; i < e; i++)
                        fetch32(k[i].h, step);
                for (size_t i = g; i < e; i++)
                    sum += put32(k[i].s, k[i].len, k[i].h);
            }
        } else if (!strcmp(mode, "sorted") && arg) {
            micro_key *sorted = malloc(arg * sizeof *sorted);
            size_t *count = malloc(65537 * sizeof *count);
            if (!sorted || !count)
                return 1;
            for (size_t g = 0; g < n; g += arg) {
                size_t e = g + arg < n ? g + arg : n;
                memset(count, 0, 65537 * sizeof *count);
                for (size_t i = g; i < e; i++)
                    count[(k[i].h >> 48) + 1]++;
                for (size_t b = 0; b < 65536; b++)
                    count[b + 1] += count[b];
                for (size_t i = g; i < e; i++)
                    sorted[count[k[i].h >> 48]++] = k[i];
                for (size_t j = 0; j < e - g; j++) {
                    if (j + 16 < e - g)
                        __builtin_prefetch(sorted[j + 16].s);
                    sum += put32(sorted[j].s, sorted[j].len, sorted[j].h);
                }
            }
        } else {
            fprintf(stderr, "table_toy: unknown mode '%s' (or no size)\n", mode);
            return 2;
        }
    }
    double sec = now() - t0;
    printf("table_toy %s %s: %zu puts, %u distinct, %.1f ns a put (id sum %llu)\n", mode,
           argc > 3 ? argv[3] : "", n, nid, sec / (double)n * 1e9, (unsigned long long)sum);
    return 0;
}
