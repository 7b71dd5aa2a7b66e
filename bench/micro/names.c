/* bench/micro/names.c: the names' table alone (libbreach/intern.c compiled in), one
 * thread, over the entity keys of a file's rows: each name folded (breach_entity_key) and
 * hashed first, then put in row order as the load puts them, with the load's read-ahead
 * (steps 16, 8 and 4 rows ahead: table slot, entry, text) and without it. Prints ns a
 * put.
 *
 *   names KEYS       KEYS: one organisation name a line (bench/micro/run cuts them out) */
#include "../../libbreach/breach_private.h"
#include "../../libbreach/intern.h"
#include "micro.h"

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: names KEYS\n");
        return 2;
    }
    size_t n;
    micro_key *k = load_keys(argv[1], &n);
    for (int ahead = 1; ahead >= 0; ahead--) {
        breach_intern *t = breach_intern_new();
        if (!t || breach_intern_reserve(t, n))
            return 1;
        uint64_t sum = 0;
        double t0 = now();
        for (size_t i = 0; i < n; i++) {
            if (ahead) {
                if (i + 16 < n)
                    breach_intern_prefetch_step(t, k[i + 16].h, 0);
                if (i + 8 < n)
                    breach_intern_prefetch_step(t, k[i + 8].h, 1);
                if (i + 4 < n)
                    breach_intern_prefetch_step(t, k[i + 4].h, 2);
            }
            uint32_t id;
            if (breach_intern_put_hashed(t, k[i].s, k[i].len, k[i].h, &id, NULL))
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
