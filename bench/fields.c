/* The per-field parsers alone, over the values of a canonical CSV (bench/gen.c's output):
 * how long each takes per value, without the CSV reader, the dataset or the threads around
 * them. It compiles the parsers' sources in (some are private), so that two trees can be
 * compared on one file:
 *
 *   cc -O2 -DBREACH_BUILDING_LIBRARY -Iinclude -I$SRC bench/fields.c \
 *      $SRC/{region,date,count,vocab,entity,error,incident,alloc}.c \
 *      -o /tmp/fields -ljansson -lutf8proc -lpthread
 *   /tmp/fields /tmp/inc1m.csv [rounds]
 *
 * where $SRC is a tree's libbreach/. Each line is the best of `rounds` passes (5 by
 * default) in ns per call, and a checksum of the results: two trees that parse alike print
 * the same checksums. The file must have gen.c's columns (id, entity, entity_state,
 * breach_types, vendor, reported, occurred_start, affected, regions), unquoted. */
#define _POSIX_C_SOURCE 200809L
#include "breach_private.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct span {
    const char *s;
    size_t n;
} span;

typedef struct list {
    span *v;
    size_t n, cap;
} list;

static void push(list *l, const char *s, size_t n)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 1024;
        l->v = realloc(l->v, l->cap * sizeof *l->v);
        if (!l->v) {
            perror("realloc");
            exit(1);
        }
    }
    l->v[l->n].s = s;
    l->v[l->n].n = n;
    l->n++;
}

/* Splits [s, s+n) at sep, each piece into l. */
static void split(list *l, const char *s, size_t n, char sep)
{
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && s[j] != sep)
            j++;
        push(l, s + i, j - i);
        i = j + 1;
    }
}

/* Copies l's values next to each other: the parsers then read their input from the cache,
 * as they do in a load (where the CSV reader has just read it), instead of one cache miss
 * per value spread over the file's rows. */
static void compact(list *l)
{
    size_t total = 0;
    for (size_t i = 0; i < l->n; i++)
        total += l->v[i].n;
    char *p = malloc(total + 1);
    if (!p) {
        perror("malloc");
        exit(1);
    }
    for (size_t i = 0; i < l->n; i++) {
        memcpy(p, l->v[i].s, l->v[i].n);
        l->v[i].s = p;
        p += l->v[i].n;
    }
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

enum { L_ALL, L_ENTITY, L_STATE, L_TYPE, L_DATE, L_COUNT, L_RCODE, L_RCOUNT, L_N_ };

static list lists[L_N_];
static int rounds = 5;

#define TIME(label, nvals, ...)                                                                \
    do {                                                                                       \
        double best = 1e30;                                                                    \
        uint64_t sum = 0;                                                                      \
        for (int r_ = 0; r_ < rounds; r_++) {                                                  \
            sum = 0;                                                                           \
            double t0_ = now();                                                                \
            __VA_ARGS__;                                                                            \
            double t_ = now() - t0_;                                                           \
            if (t_ < best)                                                                     \
                best = t_;                                                                     \
        }                                                                                      \
        printf("%-22s %9zu values %7.2f ns/call  checksum %016llx\n", label, (size_t)(nvals),  \
               1e9 * best / (double)(nvals), (unsigned long long)sum);                         \
    } while (0)

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE.csv [rounds]\n", argv[0]);
        return 2;
    }
    if (argc > 2)
        rounds = atoi(argv[2]) > 0 ? atoi(argv[2]) : 1;
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = malloc((size_t)size + 1);
    if (!text || fread(text, 1, (size_t)size, f) != (size_t)size) {
        perror("read");
        return 1;
    }
    fclose(f);
    list rows = {0};
    split(&rows, text, (size_t)size, '\n');
    for (size_t r = 1; r < rows.n; r++) { /* row 0 is the header */
        list fl = {0};
        split(&fl, rows.v[r].s, rows.v[r].n, ',');
        /* a trailing empty field (no regions) is not pushed by split */
        for (size_t k = 0; k < fl.n; k++)
            push(&lists[L_ALL], fl.v[k].s, fl.v[k].n);
        if (fl.n > 1)
            push(&lists[L_ENTITY], fl.v[1].s, fl.v[1].n);
        if (fl.n > 2 && fl.v[2].n)
            push(&lists[L_STATE], fl.v[2].s, fl.v[2].n);
        if (fl.n > 3)
            split(&lists[L_TYPE], fl.v[3].s, fl.v[3].n, ';');
        for (size_t k = 5; k <= 6 && k < fl.n; k++)
            push(&lists[L_DATE], fl.v[k].s, fl.v[k].n);
        if (fl.n > 7)
            push(&lists[L_COUNT], fl.v[7].s, fl.v[7].n);
        if (fl.n > 8) {
            list items = {0};
            split(&items, fl.v[8].s, fl.v[8].n, ';');
            for (size_t k = 0; k < items.n; k++) {
                const char *colon = memchr(items.v[k].s, ':', items.v[k].n);
                if (!colon)
                    continue;
                push(&lists[L_RCODE], items.v[k].s, (size_t)(colon - items.v[k].s));
                push(&lists[L_RCOUNT], colon + 1, items.v[k].n - (size_t)(colon - items.v[k].s) - 1);
            }
            free(items.v);
        }
        free(fl.v);
    }
    for (int k = 0; k < L_N_; k++)
        compact(&lists[k]); /* not freed: the program ends */
    printf("%zu rows\n", rows.n - 1);
    (void)breach_region_max(); /* the table is read once, outside the timings */

    breach_error e;
    TIME("breach_trim (fields)", lists[L_ALL].n, for (size_t i = 0; i < lists[L_ALL].n; i++) {
        const char *s = lists[L_ALL].v[i].s;
        size_t n = lists[L_ALL].v[i].n;
        breach_trim(&s, &n);
        sum += n;
    });
    TIME("breach_utf8_valid", lists[L_ENTITY].n, for (size_t i = 0; i < lists[L_ENTITY].n; i++) {
        size_t bad = 0;
        sum += (uint64_t)breach_utf8_valid(lists[L_ENTITY].v[i].s, lists[L_ENTITY].v[i].n, &bad);
    });
    TIME("breach_ieq (yes/no)", lists[L_TYPE].n, for (size_t i = 0; i < lists[L_TYPE].n; i++) {
        sum += (uint64_t)breach_ieq(lists[L_TYPE].v[i].s, lists[L_TYPE].v[i].n, "yes") +
               (uint64_t)breach_ieq(lists[L_TYPE].v[i].s, lists[L_TYPE].v[i].n, "hacking");
    });
    TIME("breach_region_parse st", lists[L_STATE].n, for (size_t i = 0; i < lists[L_STATE].n; i++) {
        breach_region r = 0;
        sum += (uint64_t)breach_region_parse(lists[L_STATE].v[i].s, lists[L_STATE].v[i].n, &r, &e);
        sum = sum * 31 + r;
    });
    TIME("breach_region_parse rg", lists[L_RCODE].n, for (size_t i = 0; i < lists[L_RCODE].n; i++) {
        breach_region r = 0;
        sum += (uint64_t)breach_region_parse(lists[L_RCODE].v[i].s, lists[L_RCODE].v[i].n, &r, &e);
        sum = sum * 31 + r;
    });
    TIME("breach_type_parse", lists[L_TYPE].n, for (size_t i = 0; i < lists[L_TYPE].n; i++) {
        breach_type t = 0;
        sum += (uint64_t)breach_type_parse(lists[L_TYPE].v[i].s, lists[L_TYPE].v[i].n, &t, &e);
        sum = sum * 31 + (uint64_t)t;
    });
    TIME("breach_date_parse", lists[L_DATE].n, for (size_t i = 0; i < lists[L_DATE].n; i++) {
        breach_date d = {0, 0};
        sum += (uint64_t)breach_date_parse(lists[L_DATE].v[i].s, lists[L_DATE].v[i].n, &d, &e);
        sum = sum * 31 + (uint64_t)d.day * 4 + (uint64_t)d.precision;
    });
    TIME("breach_count_parse", lists[L_COUNT].n + lists[L_RCOUNT].n, {
        for (int w = L_COUNT; w <= L_RCOUNT; w += L_RCOUNT - L_COUNT)
            for (size_t i = 0; i < lists[w].n; i++) {
                breach_count c = {0, 0};
                sum += (uint64_t)breach_count_parse(lists[w].v[i].s, lists[w].v[i].n, &c, &e);
                sum = sum * 31 + c.value * 8 + (uint64_t)c.qualifier;
            }
    });
    TIME("breach_entity_key", lists[L_ENTITY].n, for (size_t i = 0; i < lists[L_ENTITY].n; i++) {
        char key[256];
        size_t k = breach_entity_key(lists[L_ENTITY].v[i].s, lists[L_ENTITY].v[i].n, key, sizeof key);
        sum = sum * 31 + k + (uint64_t)(unsigned char)key[k ? k - 1 : 0];
    });
    TIME("breach_incident_init", rows.n - 1, for (size_t i = 1; i < rows.n; i++) {
        breach_incident inc;
        breach_incident_init(&inc);
        __asm__ volatile("" : : "r"(&inc) : "memory"); /* the stores must happen */
        sum += (uint64_t)inc.business_associate + (uint64_t)inc.reported.precision;
    });
    for (int k = 0; k < L_N_; k++)
        free(lists[k].v);
    free(rows.v);
    free(text);
    return 0;
}
