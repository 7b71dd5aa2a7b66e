/* bench/floor: the least work any loader of the canonical CSV must do on this machine.
 *
 *   floor FILE [THREADS]
 *
 * Reads the file (a read-only mapping), tokenises every record by RFC 4180 (a quoted field
 * may hold commas, doubled quotes and line breaks) and puts each row's entity name (the
 * second field, its outer quotes taken off) into a hash table of distinct names: open
 * addressing, linear probing, 8-byte slots that point into the mapping (no copy of any
 * name), sized once from the first rows, in transparent huge pages, each slot fetched a
 * few names ahead of its probe. Nothing else: no other field is converted or stored, no
 * line or column is kept for errors, nothing is checked beyond the quoting.
 *
 * With THREADS > 1 (default 1) the file is cut in that many parts at record boundaries:
 * each part after the first starts after a line break near its share of the bytes, which
 * the part before it confirms when its own records end there (a break inside a quoted
 * field is caught then and that part read again by the thread before it). Each thread has
 * its own table; that is the floor ("time scan"). A loader needs one set of names, so the
 * tables are then merged into the first ("time merge"), which is reported apart.
 *
 * Prints "records N", "distinct N" (after the merge) and, with threads, each table's
 * count, on stdout; "time scan S" and "time merge S" on stderr, as breach_bench's steps.
 * Hash: a multiply-xorshift over 8-byte words (not keyed: this is a floor, not a loader
 * facing hostile input). Names longer than 254 bytes are allowed (their length is found
 * again from the mapping when compared). */
#define _GNU_SOURCE /* MAP_ANONYMOUS, madvise */
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void die(const char *what)
{
    perror(what);
    exit(1);
}

static const char *base; /* the mapped file */
static size_t size;

/* ---------------------------------------------------------------- names' table */

/* A slot: 0 = empty, else offset (40 bits) | length (8 bits; 255 = look it up) | tag (16
 * bits of the hash that the index does not use). */
typedef struct table {
    uint64_t *slot;
    size_t mask, used;
} table;

static uint64_t hash_name(const char *p, size_t n)
{
    uint64_t h = 0x9e3779b97f4a7c15u ^ n, w;
    for (; n >= 8; p += 8, n -= 8) {
        memcpy(&w, p, 8);
        h = (h ^ w) * 0xbf58476d1ce4e5b9u;
        h ^= h >> 31;
    }
    if (n) {
        w = 0;
        memcpy(&w, p, n);
        h = (h ^ w) * 0x94d049bb133111ebu;
    }
    h ^= h >> 29;
    h *= 0xff51afd7ed558ccdu;
    return h ^ (h >> 32);
}

static void table_init(table *t, size_t expect)
{
    size_t cap = 1024;
    while (cap < expect * 2) /* at most half full at the expected count */
        cap *= 2;
    void *p = mmap(NULL, cap * sizeof(uint64_t), PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        die("mmap");
    madvise(p, cap * sizeof(uint64_t), MADV_HUGEPAGE);
    t->slot = p;
    t->mask = cap - 1;
    t->used = 0;
}

/* A quoted field's length from its opening quote, quotes included. */
static size_t quoted_len(const char *p)
{
    size_t i = 1;
    for (;;) {
        if (p[i] == '"') {
            if (p[i + 1] != '"')
                return i + 1;
            i++;
        }
        i++;
    }
}

static size_t slot_len(uint64_t s)
{
    size_t len = (s >> 16) & 0xff;
    if (len == 255) { /* long: the name is "..." in the file; its text is inside the quotes */
        size_t off = s >> 24;
        if (base[off - 1] == '"')
            return quoted_len(base + off - 1) - 2;
        size_t n = 0;
        while (off + n < size && base[off + n] != ',' && base[off + n] != '\n')
            n++;
        return n;
    }
    return len;
}

static void table_put_slot(table *t, uint64_t s, uint64_t h);

static void table_grow(table *t)
{
    table old = *t;
    table_init(t, (old.mask + 1)); /* twice the slots */
    for (size_t i = 0; i <= old.mask; i++)
        if (old.slot[i]) {
            uint64_t s = old.slot[i];
            size_t off = s >> 24;
            table_put_slot(t, s, hash_name(base + off, slot_len(s)));
        }
    munmap(old.slot, (old.mask + 1) * sizeof(uint64_t));
}

/* Puts a name's slot value known to be new (growing, merging: no comparison needed). */
static void table_put_slot(table *t, uint64_t s, uint64_t h)
{
    size_t i = h & t->mask;
    while (t->slot[i])
        i = (i + 1) & t->mask;
    t->slot[i] = (s & ~(uint64_t)0xffff) | (h >> 48);
    t->used++;
}

static void table_add(table *t, const char *p, size_t n, uint64_t h)
{
    uint64_t tag = h >> 48;
    size_t i = h & t->mask;
    for (uint64_t s; (s = t->slot[i]); i = (i + 1) & t->mask)
        if ((s & 0xffff) == tag && slot_len(s) == n && memcmp(base + (s >> 24), p, n) == 0)
            return;
    t->slot[i] = (uint64_t)(p - base) << 24 | (uint64_t)(n < 255 ? n : 255) << 16 | tag;
    if (++t->used * 4 > (t->mask + 1) * 3)
        table_grow(t);
}

static int table_has(const table *t, const char *p, size_t n, uint64_t h)
{
    uint64_t tag = h >> 48;
    for (size_t i = h & t->mask;; i = (i + 1) & t->mask) {
        uint64_t s = t->slot[i];
        if (!s)
            return 0;
        if ((s & 0xffff) == tag && slot_len(s) == n && memcmp(base + (s >> 24), p, n) == 0)
            return 1;
    }
}

/* ---------------------------------------------------------------- tokenising */

/* A part of the file: records that start in [from, limit) (the last part: to the end). */
typedef struct part {
    size_t from, limit;
    size_t stop; /* where the first record at or after limit starts (size: the end) */
    size_t records;
    table names;
    size_t expect;
} part;

#define AHEAD 16 /* names hashed and their slots fetched before the probe */

typedef struct pending {
    const char *p;
    size_t n;
    uint64_t h;
} pending;

/* Bits of a 64-byte block equal to c. */
static uint64_t mask64(const char *b, char c)
{
    uint64_t m = 0;
#ifdef __SSE2__
    __m128i v = _mm_set1_epi8(c);
    for (int k = 0; k < 4; k++)
        m |= (uint64_t)(uint16_t)_mm_movemask_epi8(
                 _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(b + 16 * k)), v))
             << (16 * k);
#else
    for (int k = 0; k < 64; k++)
        m |= (uint64_t)(b[k] == c) << k;
#endif
    return m;
}

/* Every bit set from a quote up to the next one (exclusive): inside quoted text. */
static uint64_t prefix_xor(uint64_t x)
{
    x ^= x << 1;
    x ^= x << 2;
    x ^= x << 4;
    x ^= x << 8;
    x ^= x << 16;
    x ^= x << 32;
    return x;
}

static void scan(part *pt, int skip_header)
{
    pending ring[AHEAD];
    size_t nring = 0, head = 0;
    char tail[64];
    size_t rec = pt->from, field = 0, fstart = pt->from, records = 0;
    int header = skip_header;
    uint64_t inq = 0; /* all ones while inside quotes at the block's end */
    pt->stop = size;
    for (size_t blk = pt->from; blk < size; blk += 64) {
        const char *b = base + blk;
        if (size - blk < 64) { /* the last block: padded with line breaks */
            memset(tail, '\n', 64);
            memcpy(tail, b, size - blk);
            b = tail;
        }
        uint64_t quotes = mask64(b, '"');
        uint64_t inside = prefix_xor(quotes) ^ inq;
        inq = (uint64_t)((int64_t)inside >> 63);
        uint64_t seps = (mask64(b, ',') | mask64(b, '\n')) & ~inside;
        while (seps) {
            size_t pos = blk + (size_t)__builtin_ctzll(seps);
            seps &= seps - 1;
            if (field == 1 && !header) { /* the entity: its outer quotes off */
                const char *p = base + fstart;
                size_t n = pos - fstart;
                if (n >= 2 && p[0] == '"' && p[n - 1] == '"')
                    p++, n -= 2;
                uint64_t h = hash_name(p, n);
                __builtin_prefetch(&pt->names.slot[h & pt->names.mask]);
                if (nring == AHEAD) {
                    pending *q = &ring[head];
                    table_add(&pt->names, q->p, q->n, q->h);
                    *q = (pending){p, n, h};
                    head = (head + 1) % AHEAD;
                } else
                    ring[nring++] = (pending){p, n, h};
            }
            fstart = pos + 1;
            if (pos < size && base[pos] == ',') {
                field++;
                continue;
            }
            /* a record ends */
            if (pos > rec && !(pos == rec + 1 && base[rec] == '\r'))
                records += !header;
            else if (pos >= size)
                goto done;
            header = 0;
            field = 0;
            rec = pos + 1;
            if (rec >= pt->limit) {
                pt->stop = rec < size ? rec : size;
                goto done;
            }
        }
    }
done:
    for (size_t k = 0; k < nring; k++) {
        pending *q = &ring[(head + k) % AHEAD];
        table_add(&pt->names, q->p, q->n, q->h);
    }
    pt->records += records;
}

static void *scan_thread(void *arg)
{
    part *pt = arg;
    table_init(&pt->names, pt->expect);
    scan(pt, pt->from == 0);
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: floor FILE [THREADS]\n");
        return 2;
    }
    long nt = argc == 3 ? strtol(argv[2], NULL, 10) : 1;
    if (nt < 1 || nt > 256) {
        fprintf(stderr, "floor: THREADS is 1 to 256\n");
        return 2;
    }
    double t0 = now();
    int fd = open(argv[1], O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0)
        die(argv[1]);
    size = (size_t)st.st_size;
    if (size == 0) {
        printf("records 0\ndistinct 0\n");
        return 0;
    }
    base = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (base == MAP_FAILED)
        die("mmap");
    madvise((void *)base, size, MADV_SEQUENTIAL);
    /* the table's size: the file's records at the first 4,096 lines' mean length */
    size_t lines = 0, i = 0;
    for (; i < size && lines < 4096; i++)
        lines += base[i] == '\n';
    size_t expect = lines ? size / (i / lines) + 1 : 1;
    part *pt = calloc((size_t)nt, sizeof *pt);
    pthread_t *th = calloc((size_t)nt, sizeof *th);
    if (!pt || !th)
        die("calloc");
    for (long k = 0; k < nt; k++) {
        size_t guess = size / (size_t)nt * (size_t)k;
        if (k > 0) {
            const char *nl = memchr(base + guess, '\n', size - guess);
            guess = nl ? (size_t)(nl - base) + 1 : size;
        }
        pt[k].from = guess;
        pt[k].expect = expect / (size_t)nt + 1;
    }
    for (long k = 0; k < nt; k++)
        pt[k].limit = k + 1 < nt ? pt[k + 1].from : size;
    for (long k = 1; k < nt; k++)
        if (pthread_create(&th[k], NULL, scan_thread, &pt[k]) != 0)
            die("pthread_create");
    scan_thread(&pt[0]);
    for (long k = 1; k < nt; k++)
        pthread_join(th[k], NULL);
    /* a part whose guessed start is not where the part before it stopped began inside a
     * quoted field: its work is dropped and the part before reads on to its limit (the
     * part before's table and count then stand for both, and are checked at the next
     * boundary) */
    long redone = 0;
    for (long k = 0; k + 1 < nt; k++) {
        part *pk = &pt[k], *nx = &pt[k + 1];
        if (pk->stop == nx->from)
            continue;
        redone++;
        munmap(nx->names.slot, (nx->names.mask + 1) * sizeof(uint64_t));
        if (pk->stop < nx->limit) {
            part again = *pk;
            again.from = pk->stop;
            again.limit = nx->limit;
            again.records = 0;
            scan(&again, 0);
            pk->names = again.names;
            pk->records += again.records;
            pk->stop = again.stop;
        }
        size_t from = nx->from;
        *nx = *pk;
        nx->from = from;
        *pk = (part){0};
    }
    size_t *counts = calloc((size_t)nt, sizeof *counts);
    if (!counts)
        die("calloc");
    for (long k = 0; k < nt; k++)
        counts[k] = pt[k].names.used;
    double t1 = now();
    /* the merge: every table's names into the first non-empty one */
    table *all = NULL;
    size_t records = 0;
    for (long k = 0; k < nt; k++) {
        records += pt[k].records;
        if (!pt[k].names.slot)
            continue;
        if (!all) {
            all = &pt[k].names;
            continue;
        }
        /* a pipeline: a name's text fetched 16 slots ahead, its slot in the merged table
         * fetched 8 ahead (the text lies anywhere in the file, the slot anywhere in the
         * table: each is a wait on memory otherwise) */
        const table *t = &pt[k].names;
        size_t cap = t->mask + 1;
        uint64_t hs[16]; /* slot j's hash: computed at step j + 8, used at j + 16 */
        for (size_t s = 0; s < cap + 16; s++) {
            if (s < cap && t->slot[s])
                __builtin_prefetch(base + (t->slot[s] >> 24));
            if (s >= 8 && s - 8 < cap && t->slot[s - 8]) {
                uint64_t v = t->slot[s - 8];
                hs[(s - 8) % 16] = hash_name(base + (v >> 24), slot_len(v));
                __builtin_prefetch(&all->slot[hs[(s - 8) % 16] & all->mask]);
            }
            if (s >= 16 && t->slot[s - 16]) {
                uint64_t v = t->slot[s - 16], h = hs[(s - 16) % 16];
                const char *p = base + (v >> 24);
                size_t n = slot_len(v);
                if (!table_has(all, p, n, h)) {
                    table_put_slot(all, v, h);
                    if (all->used * 4 > (all->mask + 1) * 3)
                        table_grow(all);
                }
            }
        }
    }
    double t2 = now();
    printf("records %zu\n", records);
    if (nt > 1) {
        printf("distinct_per_table");
        for (long k = 0; k < nt; k++)
            printf(" %zu", counts[k]);
        printf("%s\n", redone ? " (a part read again: a guessed start was inside quotes)" : "");
    }
    printf("distinct %zu\n", all ? all->used : 0);
    fprintf(stderr, "time scan %.4f\ntime merge %.4f\n", t1 - t0, t2 - t1);
    free(counts);
    free(th);
    free(pt);
    return 0;
}
