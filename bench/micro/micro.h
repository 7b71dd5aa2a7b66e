/* bench/micro/micro.h: what the microbenchmarks share: a clock, and (for those that
 * include the names' table's sources) a file of organisation names read as the load
 * prepares them: folded into entity keys and hashed. */
#ifndef BENCH_MICRO_H
#define BENCH_MICRO_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static inline double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

#ifdef BREACH_INTERN_H
/* A row's entity key, as the load gives it to the names' table. */
typedef struct micro_key {
    uint64_t h;
    char *s;
    size_t len;
} micro_key;

/* The keys of the names in file `path` (one a line; empty keys left out), in file order;
 * *n of them. Exits on an unreadable file or no memory. */
static micro_key *load_keys(const char *path, size_t *n)
{
    FILE *f = fopen(path, "r");
    size_t cap = 1024;
    micro_key *k = malloc(cap * sizeof *k);
    if (!f || !k)
        exit(1);
    *n = 0;
    char line[1024], buf[1024];
    while (fgets(line, sizeof line, f)) {
        size_t l = strlen(line);
        if (l && line[l - 1] == '\n')
            line[--l] = '\0';
        size_t kl = breach_entity_key(line, l, buf, sizeof buf);
        if (kl == 0 || kl >= sizeof buf)
            continue;
        if (*n == cap && !(k = realloc(k, (cap *= 2) * sizeof *k)))
            exit(1);
        char *s = malloc(kl + 1);
        if (!s)
            exit(1);
        memcpy(s, buf, kl + 1);
        k[(*n)++] = (micro_key){breach_hash_bytes(s, kl), s, kl};
    }
    fclose(f);
    return k;
}
#endif

#endif
