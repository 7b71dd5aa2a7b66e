/* bench/micro/names.c: the names' table alone (libbreach/intern.c compiled in), one
 * thread, over the entity keys of a file's rows: each name folded (breach_entity_key) and
 * hashed first, then put in row order as the load puts them, with the load's read-ahead
 * (steps 16, 8 and 4 rows ahead: table slot, entry, text) and without it. Prints ns a
 * put.
 *
 *   names KEYS       KEYS: one organisation name a line (bench/micro/run cuts them out) */
#include "../../libbreach/breach_private.h"
#include "../../libbreach/intern.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: names KEYS\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "r");
    if (!f)
        return 1;
    size_t n = 0, cap = 1024;
    char **key = malloc(cap * sizeof *key);
    size_t *klen = malloc(cap * sizeof *klen);
    uint64_t *hash = malloc(cap * sizeof *hash);
    char line[1024], buf[1024];
    while (key && klen && hash && fgets(line, sizeof line, f)) {
        size_t l = strlen(line);
        if (l && line[l - 1] == '\n')
            line[--l] = '\0';
        size_t k = breach_entity_key(line, l, buf, sizeof buf);
        if (k == 0 || k >= sizeof buf)
            continue;
        if (n == cap) {
            cap *= 2;
            key = realloc(key, cap * sizeof *key);
            klen = realloc(klen, cap * sizeof *klen);
            hash = realloc(hash, cap * sizeof *hash);
            if (!key || !klen || !hash)
                return 1;
        }
        key[n] = malloc(k + 1);
        if (!key[n])
            return 1;
        memcpy(key[n], buf, k + 1);
        klen[n] = k;
        hash[n] = breach_hash_bytes(buf, k);
        n++;
    }
    fclose(f);
    for (int ahead = 1; ahead >= 0; ahead--) {
        breach_intern *t = breach_intern_new();
        if (!t || breach_intern_reserve(t, n))
            return 1;
        uint64_t sum = 0;
        double t0 = now();
        for (size_t i = 0; i < n; i++) {
            if (ahead) {
                if (i + 16 < n)
                    breach_intern_prefetch_step(t, hash[i + 16], 0);
                if (i + 8 < n)
                    breach_intern_prefetch_step(t, hash[i + 8], 1);
                if (i + 4 < n)
                    breach_intern_prefetch_step(t, hash[i + 4], 2);
            }
            uint32_t id;
            if (breach_intern_put_hashed(t, key[i], klen[i], hash[i], &id, NULL))
                return 1;
            sum += id;
        }
        double sec = now() - t0;
        printf("names %s read-ahead: %zu puts, %u distinct, %.1f ns a put (id sum %llu)\n",
               ahead ? "with" : "without", n, breach_intern_count(t), sec / (double)n * 1e9,
               (unsigned long long)sum);
        breach_intern_free(t);
    }
    return 0;
}
