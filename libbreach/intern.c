/* String interning: an open-addressing hash table (linear probing, power-of-two size, at
 * most two thirds full) over strings kept in an arena of large chunks.
 *
 * A slot is 32 bits: the string's id in the low `idbits` bits and, above it, a tag of hash
 * bits, so that a probe rejects most other strings without reading them. The tag shrinks
 * as ids need more bits (at 2^32 ids it is empty and every candidate is compared: slower,
 * never wrong); changing the split, or doubling the table, re-places every string by
 * hashing it again, in id order, so that the strings are read as they lie in memory. A
 * table either deduplicates (breach_intern_put) or only stores (breach_intern_put_plain):
 * the re-placing walks every id. Strings are named by 32-bit locators (chunk, offset), not
 * pointers: a plain table's ids are those, a deduplicating table keeps one a string. */
#define _DEFAULT_SOURCE /* madvise, MAP_ANONYMOUS */
#include "breach_private.h"
#include "intern.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

/* Chunks grow from 4 KiB to 1 MiB, so that a small dataset stays small. */
#define CHUNK_MIN ((size_t)4 << 10)
#define CHUNK_BITS 20
#define CHUNK_SIZE ((size_t)1 << CHUNK_BITS)
/* A string's locator: (chunk index + 1) << 20 | offset in the chunk (a string of its own
   chunk is at offset 0); 4,095 chunks, 4 GiB of text at most a table. A plain string's id
   is its locator; a deduplicated string's id indexes an array of locators. */
#define MAX_CHUNKS ((1u << (32 - CHUNK_BITS)) - 1)

typedef struct chunk {
    struct chunk *next;
    size_t used, cap;
    char data[];
} chunk;

struct breach_intern {
    uint32_t *loc;        /* by id ([0] unused): where the string lies, as a plain id does.
                             No lengths: strings hold no NUL byte (they come from C
                             strings), so strlen gives one and a probe compares len bytes
                             and the terminating NUL */
    uint32_t n;           /* strings stored */
    size_t loc_cap;
    uint32_t *slots;      /* 0, or tag << idbits | id */
    size_t nslots;        /* 2^bits, 0 before the first put */
    int bits;             /* at most 32: the slot index is the hash's top bits */
    int idbits;           /* ids below 2^idbits fit the slots */
    int plain;            /* strings were stored by breach_intern_put_plain */
    chunk *chunks;        /* newest first (a big string's own chunk behind the current one) */
    char **bases;         /* every chunk's data, by index */
    size_t n_bases, bases_cap, current_index;
};

/* Slot tables from this size are mappings of their own, in huge pages where the system
 * gives them (transparent huge pages on madvise): a probe lands anywhere in the table,
 * and with 4 KiB pages nearly every probe of a large table also missed the TLB. */
#define SLOTS_MAP_MIN ((size_t)4 << 20)

static uint32_t *slots_new(size_t ns)
{
    size_t bytes = ns * sizeof(uint32_t);
    if (bytes < SLOTS_MAP_MIN)
        return breachp_calloc(ns, sizeof(uint32_t));
    void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
#ifdef MADV_HUGEPAGE
    madvise(p, bytes, MADV_HUGEPAGE); /* a hint: without it, ordinary pages */
#endif
    return p;
}

static void slots_free(uint32_t *slots, size_t ns)
{
    if (ns * sizeof(uint32_t) < SLOTS_MAP_MIN)
        breachp_free(slots);
    else if (slots)
        munmap(slots, ns * sizeof(uint32_t));
}

/* ---------------------------------------------------------------- the hash */

/* SipHash-1-3 (Aumasson and Bernstein; the variant Python and Rust hash strings with),
 * keyed once per process. The names come from files anyone can write: with a fixed,
 * invertible hash, 80,000 crafted names all landed in one probe run and loaded in 18.6 s
 * instead of 0.18 s, growing quadratically. With a secret key nobody can aim at a slot.
 * The key changes no result: every order the library gives is by id, date or text, never
 * by hash (tests/test_hostile.sh compares outputs under two keys). BREACH_HASH_SEED (an
 * integer, read once) fixes the key, to reproduce a run's timings; otherwise it comes
 * from getrandom(). */
static uint64_t sip_k0, sip_k1;
static pthread_once_t sip_once = PTHREAD_ONCE_INIT;

static uint64_t splitmix(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static void sip_seed(void)
{
    uint64_t k[2] = {0, 0};
    const char *env = getenv("BREACH_HASH_SEED");
    if (env && *env) {
        uint64_t x = strtoull(env, NULL, 0);
        k[0] = splitmix(&x);
        k[1] = splitmix(&x);
    } else if (getrandom(k, sizeof k, GRND_NONBLOCK) != (ssize_t)sizeof k) {
        /* no entropy yet (early boot): the clock and addresses, still unknown to a file */
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        uint64_t x = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 32) ^ (uint64_t)getpid() ^
                     (uint64_t)(uintptr_t)&ts ^ (uint64_t)(uintptr_t)&sip_k0;
        k[0] = splitmix(&x);
        k[1] = splitmix(&x);
    }
    sip_k0 = k[0];
    sip_k1 = k[1];
}

#define ROTL(x, b) (uint64_t)(((x) << (b)) | ((x) >> (64 - (b))))
#define SIPROUND                                                                               \
    do {                                                                                       \
        v0 += v1;                                                                              \
        v1 = ROTL(v1, 13);                                                                     \
        v1 ^= v0;                                                                              \
        v0 = ROTL(v0, 32);                                                                     \
        v2 += v3;                                                                              \
        v3 = ROTL(v3, 16);                                                                     \
        v3 ^= v2;                                                                              \
        v0 += v3;                                                                              \
        v3 = ROTL(v3, 21);                                                                     \
        v3 ^= v0;                                                                              \
        v2 += v1;                                                                              \
        v1 = ROTL(v1, 17);                                                                     \
        v1 ^= v2;                                                                              \
        v2 = ROTL(v2, 32);                                                                     \
    } while (0)

uint64_t breach_hash_bytes(const char *s, size_t len)
{
    pthread_once(&sip_once, sip_seed);
    uint64_t v0 = 0x736f6d6570736575ull ^ sip_k0, v1 = 0x646f72616e646f6dull ^ sip_k1;
    uint64_t v2 = 0x6c7967656e657261ull ^ sip_k0, v3 = 0x7465646279746573ull ^ sip_k1;
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t m = 0;
        for (int b = 0; b < 8; b++) /* little-endian on every host */
            m |= (uint64_t)p[i + b] << (8 * b);
        v3 ^= m;
        SIPROUND;
        v0 ^= m;
    }
    uint64_t m = (uint64_t)len << 56;
    for (size_t b = 0; i + b < len; b++)
        m |= (uint64_t)p[i + b] << (8 * b);
    v3 ^= m;
    SIPROUND;
    v0 ^= m;
    v2 ^= 0xff;
    SIPROUND;
    SIPROUND;
    SIPROUND;
    return v0 ^ v1 ^ v2 ^ v3;
}

/* Bits of a slot given to ids at first (tests set fewer, to cross the widening often). */
#ifndef BREACH_INTERN_IDBITS0
#define BREACH_INTERN_IDBITS0 24
#endif

/* The string at a locator (NULL for one that locates nothing). */
static const char *at(const breach_intern *t, uint32_t where)
{
    size_t index = where >> CHUNK_BITS, off = where & (CHUNK_SIZE - 1);
    return index && index <= t->n_bases ? t->bases[index - 1] + off : NULL;
}

/* The first slot to probe for a hash: its top `bits` bits. */
static size_t home(uint64_t h, int bits) { return (size_t)(h >> (64 - bits)); }

/* The tag of a hash for a split: low hash bits, as many as the ids leave. */
static uint32_t tag_of(uint64_t h, int idbits)
{
    return idbits >= 32 ? 0 : (uint32_t)h << idbits;
}

static uint32_t id_mask(int idbits) { return idbits >= 32 ? UINT32_MAX : (1u << idbits) - 1; }

breach_intern *breach_intern_new(void)
{
    /* no slots until the first deduplicated string: a table of plain strings needs none */
    return breachp_calloc(1, sizeof(breach_intern));
}

void breach_intern_free(breach_intern *t)
{
    if (!t)
        return;
    chunk *c = t->chunks;
    while (c) {
        chunk *n = c->next;
        breachp_free(c);
        c = n;
    }
    breachp_free(t->loc);
    slots_free(t->slots, t->nslots);
    breachp_free(t->bases);
    breachp_free(t);
}

/* Bytes after a chunk's room, so that same_text may read a word that starts inside a
 * string and ends past the chunk's last one; store writes zeros past each string, so that
 * every byte such a word reads was written (valgrind). */
#define TEXT_PAD 8

/* Whether the stored string str is s[0..len) (s holds no NUL byte). A word at a time while
 * the words before were equal: those bytes of str were no NUL, so str goes on at least to
 * the word's first byte, and its other bytes lie in str's chunk (TEXT_PAD); a NUL of str
 * differs from s's byte. memcmp may not be used (it may read past a shorter str in any
 * order), and strncmp was a call of its own for every name added again (3 % of a load). */
static inline int same_text(const char *str, const char *s, size_t len)
{
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t a, b;
        memcpy(&a, str + i, 8);
        memcpy(&b, s + i, 8);
        if (a != b)
            return 0;
    }
    for (; i < len; i++)
        if (str[i] != s[i])
            return 0;
    return str[len] == '\0';
}

/* Copies s[0..len) into the arena; *where receives its locator (see put_plain). Returns 0,
 * or BREACH_ELIMIT (4 GiB of text: no chunk left to name) / BREACH_ENOMEM. */
static int store(breach_intern *t, const char *s, size_t len, uint32_t *where)
{
    size_t need = len + 1;
    chunk *c = t->chunks;
    size_t index = t->n_bases ? t->n_bases - 1 : 0; /* the current chunk's index */
    if (!c || c->cap - c->used < need) {
        size_t grown = c ? c->cap * 2 : CHUNK_MIN;
        if (grown > CHUNK_SIZE)
            grown = CHUNK_SIZE;
        size_t cap = need > grown / 4 ? need : grown; /* a big string gets its own chunk */
        if (t->n_bases >= MAX_CHUNKS)
            return BREACH_ELIMIT;
        if (breach_grow((void **)&t->bases, &t->bases_cap, t->n_bases + 1, sizeof *t->bases) ||
            !(c = breachp_malloc(sizeof *c + cap + TEXT_PAD)))
            return BREACH_ENOMEM;
        c->cap = cap;
        c->used = 0;
        index = t->n_bases;
        t->bases[t->n_bases++] = c->data;
        if (cap == need && t->chunks) {
            /* a big string gets a chunk of its own, kept behind the current one (whose
               index stays the last but one: current_index says which it is) */
            c->next = t->chunks->next;
            t->chunks->next = c;
        } else {
            c->next = t->chunks;
            t->chunks = c;
            t->current_index = index;
        }
    } else {
        index = t->current_index;
    }
    char *p = c->data + c->used;
    *where = (uint32_t)((index + 1) << CHUNK_BITS | c->used);
    memcpy(p, s, len);
    memset(p + len, 0, TEXT_PAD); /* the NUL, and what same_text may read past it */
    c->used += need;
    return 0;
}

/* Rebuilds the slots with 2^bits of them and ids of idbits bits. */
static int rebuild(breach_intern *t, int bits, int idbits)
{
    size_t ns = (size_t)1 << bits;
    uint32_t *slots = slots_new(ns);
    if (!slots)
        return BREACH_ENOMEM;
    for (uint32_t id = 1; id <= t->n; id++) {
        const char *str = at(t, t->loc[id]);
        uint64_t h = breach_hash_bytes(str, strlen(str));
        size_t i = home(h, bits);
        while (slots[i])
            i = (i + 1) & (ns - 1);
        slots[i] = tag_of(h, idbits) | id;
    }
    slots_free(t->slots, t->nslots);
    t->slots = slots;
    t->nslots = ns;
    t->bits = bits;
    t->idbits = idbits;
    return 0;
}

uint32_t breach_intern_find(const breach_intern *t, const char *s, size_t len)
{
    if (!t->slots)
        return 0;
    uint64_t h = breach_hash_bytes(s, len);
    uint32_t tag = tag_of(h, t->idbits), mask = id_mask(t->idbits);
    size_t i = home(h, t->bits);
    for (uint32_t sl; (sl = t->slots[i]) != 0; i = (i + 1) & (t->nslots - 1)) {
        uint32_t id = sl & mask;
        const char *str = at(t, t->loc[id]);
        if ((sl & ~mask) == tag && same_text(str, s, len))
            return id;
    }
    return 0;
}

void breach_intern_prefetch_step(const breach_intern *t, uint64_t h, int step)
{
    if (!t->slots)
        return;
    if (step == 0) {
        BREACH_PREFETCH(&t->slots[home(h, t->bits)]);
        return;
    }
    /* the table may have been laid out again since: any slot is still a slot of it */
    uint32_t sl = t->slots[home(h, t->bits)], mask = id_mask(t->idbits);
    if (!sl || (sl & ~mask) != tag_of(h, t->idbits))
        return; /* a new name, or another's slot: probing on would wait again */
    uint32_t id = sl & mask;
    if (step == 1)
        BREACH_PREFETCH(&t->loc[id]);
    else
        BREACH_PREFETCH(at(t, t->loc[id]));
}

/* Appends an entry for a string stored at locator `where`. */
static int add_entry(breach_intern *t, uint32_t where, uint32_t *id)
{
    uint32_t nid = t->n + 1;
    if (breach_grow((void **)&t->loc, &t->loc_cap, (size_t)nid + 1, sizeof *t->loc))
        return BREACH_ENOMEM;
    t->loc[nid] = where;
    t->n = nid;
    *id = nid;
    return 0;
}

int breach_intern_put_plain(breach_intern *t, const char *s, size_t len, uint32_t *id)
{
    if (t->slots)
        return BREACH_EINVAL; /* a deduplicating table: see the top of this file */
    if (len > UINT32_MAX || t->n >= UINT32_MAX - 1)
        return BREACH_ELIMIT;
    t->plain = 1;
    int rc = store(t, s, len, id);
    if (rc)
        return rc;
    t->n++;
    return 0;
}

/* Lays the slots out for `count` names in all: at most two thirds full (probes stay short
 * and end), and ids up to count fit beside the tag (24 bits at first: 16 million names
 * before the tag's 8 bits shrink and every name is hashed again). */
static int relayout(breach_intern *t, size_t count);

static inline int fit(breach_intern *t, size_t count)
{
    if (t->slots && count * 3 <= t->nslots * 2 && count <= id_mask(t->idbits))
        return 0; /* room already: every put asks, nearly always for this (inline: 1 % of a
                     load was the call) */
    return relayout(t, count);
}

static int relayout(breach_intern *t, size_t count)
{
    int bits = t->slots ? t->bits : 10, idbits = t->slots ? t->idbits : BREACH_INTERN_IDBITS0;
    while (count * 3 > ((size_t)1 << bits) * 2 && bits < 32)
        bits++;
    while (idbits < 32 && count > id_mask(idbits))
        idbits++;
    if (count * 3 > ((size_t)1 << bits) * 2)
        return BREACH_ELIMIT; /* 2^31 distinct strings: far beyond any memory here */
    if (t->slots && bits == t->bits && idbits == t->idbits)
        return 0;
    return rebuild(t, bits, idbits);
}

int breach_intern_reserve(breach_intern *t, size_t more)
{
    if (t->plain)
        return BREACH_EINVAL;
    size_t want = (size_t)t->n + more;
    return fit(t, want > UINT32_MAX - 1 ? UINT32_MAX - 1 : want);
}

int breach_intern_put(breach_intern *t, const char *s, size_t len, uint32_t *id, int *is_new)
{
    return breach_intern_put_hashed(t, s, len, breach_hash_bytes(s, len), id, is_new);
}

int breach_intern_put_hashed(breach_intern *t, const char *s, size_t len, uint64_t h,
                             uint32_t *id, int *is_new)
{
    if (t->plain)
        return BREACH_EINVAL; /* a table of plain strings: see the top of this file */
    if (len > UINT32_MAX || t->n >= UINT32_MAX - 1)
        return BREACH_ELIMIT;
    int rc = fit(t, (size_t)t->n + 1); /* room for one more */
    if (rc)
        return rc;
    uint32_t tag = tag_of(h, t->idbits), mask = id_mask(t->idbits);
    size_t i = home(h, t->bits);
    for (uint32_t sl; (sl = t->slots[i]) != 0; i = (i + 1) & (t->nslots - 1)) {
        uint32_t k = sl & mask;
        if ((sl & ~mask) != tag)
            continue;
        const char *str = at(t, t->loc[k]);
        if (same_text(str, s, len)) {
            *id = k;
            if (is_new)
                *is_new = 0;
            return 0;
        }
    }
    uint32_t where;
    if ((rc = store(t, s, len, &where)) || (rc = add_entry(t, where, id)))
        return rc;
    t->slots[i] = tag | *id;
    if (is_new)
        *is_new = 1;
    return 0;
}

const char *breach_intern_get(const breach_intern *t, uint32_t id)
{
    if (t->plain)
        return at(t, id);
    return (id && id <= t->n) ? at(t, t->loc[id]) : NULL;
}

uint32_t breach_intern_count(const breach_intern *t) { return t->n; }
