/* Regions: ISO 3166-1 countries and ISO 3166-2 subdivisions, from Debian's iso-codes data
 * (/usr/share/iso-codes/json: iso_3166-1.json, iso_3166-2.json), read once on first use.
 *
 * Why iso-codes, read at run time: Debian keeps it current (a new subdivision or a renamed
 * country arrives with the package, without a rebuild), it is the list other tools on the
 * system use, and it covers every country's subdivisions (the hand-written table knew
 * only the US: 78 VCDB warnings "subdivisions of CA/AU/NZ/ES/GB are not known"). Reading
 * it costs about 2 ms once per process (bench/README.md: 15 ms with a JSON tree). Kosovo (XK), which ISO does not
 * code but VERIS does, is added. Region numbers follow the sorted codes: countries first,
 * then subdivisions; they are this library's and may change when the data changes.
 *
 * When the data cannot be read, no region is known (every parse fails, naming the file):
 * the library never guesses a region from a partial table. A failed load (say, out of
 * memory) is tried again on the next call. Every loader asks for the table before its
 * first row (breach_regions_ready), so that a load fails whole, with the reason, rather
 * than rejecting or warning row after row. BREACH_ISO_CODES_DIR in the environment names
 * another folder of the two files (a system that keeps them elsewhere, a pinned copy);
 * it is read when the table is. */
#include "breach_private.h"
#include "file_private.h"

#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#ifndef BREACH_ISO_CODES_DIR
#define BREACH_ISO_CODES_DIR "/usr/share/iso-codes/json"
#endif

typedef struct region_entry {
    char code[8];     /* "FR", "US-ME", "GB-ENG" */
    char *name;       /* English short name (owned) */
    uint16_t country; /* its country's number (a country is its own) */
} region_entry;

typedef struct region_db {
    region_entry *e; /* e[0] is "no region" */
    size_t n;        /* entries, e[0] included */
    /* A code's entry, found without comparing strings: the parsers run once or twice for
     * every row of a load, from several threads, and a binary search over 5,000 codes with
     * strcmp was a tenth of the load time. A code (at most 7 bytes) packed into a uint64
     * (pack()) is its own key; slot[] is an open-addressing table of entry numbers (0 =
     * empty) at most half full, probed linearly, keys[i] entry i's packed code. */
    uint64_t *keys;
    uint16_t *slot;
    size_t mask;     /* slots - 1 (a power of two) */
    unsigned shift;  /* 64 - log2(slots): the hash is the product's top bits */
    size_t n_countries; /* e[1 .. n_countries] are countries, then subdivisions */
    size_t us_first, us_end; /* the US subdivisions: [us_first, us_end) */
    char why[700];   /* why the data could not be read */
    int nomem;       /* ... for want of memory */
} region_db;

/* The table is built once and kept for the process's life, never freed: it is allocated
 * with libc's malloc, not the library's allocator (breach_set_alloc_funcs), which a program
 * may change or restore later. */
static region_db db;
static atomic_int db_ready; /* set once under db_lock, never cleared */
static pthread_mutex_t db_lock = PTHREAD_MUTEX_INITIALIZER;

static int by_code(const void *a, const void *b)
{
    return strcmp(((const region_entry *)a)->code, ((const region_entry *)b)->code);
}

/* Adds code[0..code_len) named name[0..name_len) (NULL: none, and nothing is added). */
static int add_entry(region_entry **e, size_t *n, size_t *cap, const char *code, size_t code_len,
                     const char *name, size_t name_len)
{
    if (code_len >= sizeof (*e)[0].code || !name)
        return 0; /* not a code this table can hold: left out */
    if (*n == *cap) {
        size_t c = *cap ? 2 * *cap : 512;
        region_entry *p = realloc(*e, c * sizeof *p);
        if (!p)
            return -1;
        *e = p;
        *cap = c;
    }
    region_entry *x = &(*e)[*n];
    memset(x, 0, sizeof *x);
    memcpy(x->code, code, code_len);
    x->name = strndup(name, name_len);
    if (!x->name)
        return -1;
    (*n)++;
    return 0;
}

/* One entry of a list, as the table reads it: the values of the fields it asked for, with
 * their lengths (NULL and 0 when the entry has none, or not as a string; a value need not
 * end with a NUL). Returns 0, or -1 when memory runs out. */
typedef int (*entry_fn)(void *ctx, const char *const *vals, const size_t *lens);

enum { MAX_FIELDS = 3 };

/* The list `key` of an iso-codes file read with jansson: fields of each entry to fn.
 * Returns 0, -1 (no memory) or -2 (not such a list: why says so). */
static int jansson_list(const char *buf, size_t len, const char *path, const char *key,
                        const char *const *fields, int nf, entry_fn fn, void *ctx, char *why,
                        size_t why_size)
{
    json_error_t je;
    json_t *root = json_loadb(buf, len, 0, &je);
    if (!root) {
        snprintf(why, why_size, "%s: %s (Debian's iso-codes package)", path, je.text);
        return -2;
    }
    json_t *list = json_object_get(root, key);
    if (!json_is_array(list)) {
        snprintf(why, why_size, "%s: no \"%s\" list", path, key);
        json_decref(root);
        return -2;
    }
    size_t i;
    json_t *v;
    int rc = 0;
    json_array_foreach(list, i, v) {
        const char *vals[MAX_FIELDS];
        size_t lens[MAX_FIELDS];
        for (int k = 0; k < nf; k++) {
            vals[k] = json_string_value(json_object_get(v, fields[k]));
            lens[k] = vals[k] ? strlen(vals[k]) : 0; /* as C strings, up to a \u0000 */
        }
        if ((rc = fn(ctx, vals, lens)) != 0)
            break;
    }
    json_decref(root);
    return rc;
}

/* The iso-codes files without building a tree of them (jansson took 10 of the 15 ms that
 * every process paid for its first region code). They are one object holding one array of
 * flat objects of strings with no escapes; this reads exactly that shape: whitespace, and
 * strings of valid UTF-8 with no backslash or control byte. Anything else (an escape, a
 * number, another member, a repeated field, invalid UTF-8, a syntax error) makes it give
 * up before calling fn once, and jansson reads the file instead, with its messages.
 * Returns 0, -1 (no memory) or 1 (given up). */

typedef struct scan {
    const char *p, *end;
} scan;

static void scan_space(scan *sc)
{
    while (sc->p < sc->end && (*sc->p == ' ' || *sc->p == '\n' || *sc->p == '\r' || *sc->p == '\t'))
        sc->p++;
}

static int scan_char(scan *sc, char c)
{
    scan_space(sc);
    if (sc->p < sc->end && *sc->p == c) {
        sc->p++;
        return 1;
    }
    return 0;
}

/* A string: *s its first byte, *n its length. */
static int scan_string(scan *sc, const char **s, size_t *n)
{
    if (!scan_char(sc, '"'))
        return 0;
    const char *q = sc->p;
    while (q < sc->end && *q != '"') {
        if (*q == '\\' || (unsigned char)*q < 0x20)
            return 0;
        q++;
    }
    if (q >= sc->end || !breach_utf8_valid(sc->p, (size_t)(q - sc->p), NULL))
        return 0;
    *s = sc->p;
    *n = (size_t)(q - sc->p);
    sc->p = q + 1;
    return 1;
}

/* One entry's values as the scan finds them. */
typedef struct scanned {
    const char *val[MAX_FIELDS];
    size_t len[MAX_FIELDS];
} scanned;

static int scan_list(const char *buf, size_t len, const char *key, const char *const *fields,
                     int nf, entry_fn fn, void *ctx)
{
    scan sc = {buf, buf + len};
    const char *s;
    size_t n, count = 0, cap = 0;
    scanned *ent = NULL;
    int rc = 1;
    if (!scan_char(&sc, '{') || !scan_string(&sc, &s, &n) || n != strlen(key) ||
        memcmp(s, key, n) != 0 || !scan_char(&sc, ':') || !scan_char(&sc, '['))
        goto done;
    if (!scan_char(&sc, ']')) {
        do {
            if (count == cap) {
                size_t c = cap ? 2 * cap : 1024;
                scanned *more = realloc(ent, c * sizeof *more);
                if (!more) {
                    rc = -1;
                    goto done;
                }
                ent = more;
                cap = c;
            }
            scanned *mine = &ent[count];
            memset(mine, 0, sizeof *mine);
            if (!scan_char(&sc, '{'))
                goto done;
            if (!scan_char(&sc, '}')) {
                do {
                    const char *v;
                    size_t vn;
                    if (!scan_string(&sc, &s, &n) || !scan_char(&sc, ':') ||
                        !scan_string(&sc, &v, &vn))
                        goto done;
                    for (int k = 0; k < nf; k++)
                        if (strlen(fields[k]) == n && memcmp(fields[k], s, n) == 0) {
                            if (mine->val[k])
                                goto done; /* a field twice: jansson's rule decides */
                            mine->val[k] = v;
                            mine->len[k] = vn;
                        }
                } while (scan_char(&sc, ','));
                if (!scan_char(&sc, '}'))
                    goto done;
            }
            count++;
        } while (scan_char(&sc, ','));
        if (!scan_char(&sc, ']'))
            goto done;
    }
    if (!scan_char(&sc, '}'))
        goto done;
    scan_space(&sc);
    if (sc.p != sc.end)
        goto done;
    rc = 0; /* the whole file has the shape: its entries are handed over */
    for (size_t i = 0; i < count && rc == 0; i++)
        rc = fn(ctx, ent[i].val, ent[i].len);
done:
    free(ent);
    return rc;
}

#ifdef BREACH_REGION_TEST
/* tests/test_region_scan.c, which compiles this file in: read with jansson alone; how
   many files the scanner gave up on */
static int region_test_jansson_only, region_test_scans_given_up;
#endif

/* Reads the list `key` of an iso-codes file (shape above): the fields of each entry to
 * fn. Returns 0, -1 (no memory: why says so) or -2 (not readable: why says so). */
static int read_list(const char *file, const char *key, const char *const *fields, int nf,
                     entry_fn fn, void *ctx, char *why, size_t why_size)
{
    char path[PATH_MAX];
    const char *dir = getenv("BREACH_ISO_CODES_DIR");
    dir = dir && *dir ? dir : BREACH_ISO_CODES_DIR;
    if (snprintf(path, sizeof path, "%s/%s", dir, file) >= (int)sizeof path) {
        snprintf(why, why_size, "%.60s...: a folder name longer than a path can be", dir);
        return -2;
    }
    breach_file f;
    breach_error e;
    if (breach_file_open(&f, path, &e) != BREACH_OK) {
        snprintf(why, why_size, "%s: %s (Debian's iso-codes package)", path, e.text);
        return e.code == BREACH_ENOMEM ? -1 : -2;
    }
    int rc;
#ifdef BREACH_REGION_TEST
    if (region_test_jansson_only)
        rc = 1;
    else if ((rc = scan_list(f.data, f.len, key, fields, nf, fn, ctx)) == 1)
        region_test_scans_given_up++;
#else
    rc = scan_list(f.data, f.len, key, fields, nf, fn, ctx);
#endif
    if (rc == 1)
        rc = jansson_list(f.data, f.len, path, key, fields, nf, fn, ctx, why, why_size);
    breach_file_close(&f);
    return rc;
}

static void free_entries(region_entry *e, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(e[i].name);
    free(e);
}

/* The code's bytes as one integer, byte i in bits 8i.. (len < 8: region_entry's code holds
 * 7). Built in a register, not through memory: bytes stored one by one and read back as a
 * word stall the load (the row parser asks for a region every row). */
static uint64_t pack(const char *code, size_t len)
{
    uint64_t k = 0;
    for (size_t i = 0; i < len; i++)
        k |= (uint64_t)(unsigned char)code[i] << (8 * i);
    return k;
}

static size_t hash(uint64_t key, unsigned shift)
{
    return (size_t)((key * 0x9E3779B97F4A7C15ull) >> shift); /* Fibonacci hashing */
}

/* The entry of the packed code, or 0. */
static size_t find_code(const region_db *d, uint64_t key)
{
    for (size_t i = hash(key, d->shift);; i = (i + 1) & d->mask) {
        size_t x = d->slot[i];
        if (!x || d->keys[x] == key)
            return x;
    }
}

static size_t find_in(const region_entry *e, size_t lo, size_t hi, const char *code)
{
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int cmp = strcmp(e[mid].code, code);
        if (cmp == 0)
            return mid;
        if (cmp < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

/* Fills d's keys and slots for entries e[1 .. n) (countries in [1, n_countries], then
 * subdivisions); returns -1 when memory runs out. The entry a code leads to is the one
 * the binary search over its sorted range finds (a code listed twice leads to one entry,
 * as before the table; iso-codes lists none twice). */
static int build_slots(region_db *d, const region_entry *e, size_t n, size_t n_countries)
{
    size_t slots = 16;
    unsigned bits = 4;
    while (slots < 2 * n) {
        slots *= 2;
        bits++;
    }
    d->keys = malloc(n * sizeof *d->keys);
    d->slot = calloc(slots, sizeof *d->slot);
    if (!d->keys || !d->slot) {
        free(d->keys);
        free(d->slot);
        d->keys = NULL;
        d->slot = NULL;
        return -1;
    }
    d->mask = slots - 1;
    d->shift = 64 - bits;
    d->keys[0] = 0;
    for (size_t k = 1; k < n; k++)
        d->keys[k] = pack(e[k].code, strlen(e[k].code));
    for (size_t k = 1; k < n; k++) {
        size_t i = hash(d->keys[k], d->shift);
        while (d->slot[i] && d->keys[d->slot[i]] != d->keys[k])
            i = (i + 1) & d->mask;
        if (!d->slot[i])
            d->slot[i] = (uint16_t)(k <= n_countries ? find_in(e, 1, 1 + n_countries, e[k].code)
                                                      : find_in(e, 1 + n_countries, n, e[k].code));
    }
    return 0;
}

/* What the lists are read into. */
typedef struct entries {
    region_entry *e;
    size_t n, cap;
} entries;

static int country_entry(void *ctx, const char *const *v, const size_t *len)
{ /* alpha_2, common_name, name */
    entries *x = ctx;
    int k = v[1] ? 1 : 2;
    return v[0] && len[0] == 2 ? add_entry(&x->e, &x->n, &x->cap, v[0], 2, v[k], len[k]) : 0;
}

static int subdivision_entry(void *ctx, const char *const *v, const size_t *len)
{ /* code, name */
    entries *x = ctx;
    return v[0] && len[0] > 3 && v[0][2] == '-'
               ? add_entry(&x->e, &x->n, &x->cap, v[0], len[0], v[1], len[1])
               : 0;
}

/* Reads both lists into *d; on failure *d stays empty with the reason. Called under
 * db_lock only (or on a table of a test's own). */
static void load_into(region_db *d)
{
    static const char *const f1[] = {"alpha_2", "common_name", "name"};
    static const char *const f2[] = {"code", "name"};
    entries x = {NULL, 0, 0};
    int rc;
    d->nomem = 0;
    if (add_entry(&x.e, &x.n, &x.cap, "", 0, "", 0) != 0)
        goto nomem;
    if ((rc = read_list("iso_3166-1.json", "3166-1", f1, 3, country_entry, &x, d->why,
                        sizeof d->why)))
        goto failed;
    if (add_entry(&x.e, &x.n, &x.cap, "XK", 2, "Kosovo", 6) != 0) /* VERIS codes it; ISO does not */
        goto nomem;
    size_t n_countries = x.n - 1;
    qsort(x.e + 1, n_countries, sizeof *x.e, by_code);
    if ((rc = read_list("iso_3166-2.json", "3166-2", f2, 2, subdivision_entry, &x, d->why,
                        sizeof d->why)))
        goto failed;
    region_entry *e = x.e;
    size_t n = x.n;
    qsort(e + 1 + n_countries, n - 1 - n_countries, sizeof *e, by_code);
    if (n > UINT16_MAX) {
        snprintf(d->why, sizeof d->why, "%zu ISO 3166 codes: more than region numbers hold", n);
        goto fail;
    }
    /* each subdivision's country; one whose country is unknown is dropped */
    size_t w = 1 + n_countries;
    for (size_t k = w; k < n; k++) {
        char cc[3] = {e[k].code[0], e[k].code[1], '\0'};
        size_t c = find_in(e, 1, 1 + n_countries, cc);
        if (!c) {
            free(e[k].name);
            continue;
        }
        e[k].country = (uint16_t)c;
        e[w++] = e[k];
    }
    x.n = n = w;
    for (size_t k = 1; k <= n_countries; k++)
        e[k].country = (uint16_t)k;
    d->us_first = d->us_end = 0;
    for (size_t k = 1 + n_countries; k < n; k++)
        if (memcmp(e[k].code, "US-", 3) == 0) {
            if (!d->us_first)
                d->us_first = k;
            d->us_end = k + 1;
        }
    if (build_slots(d, e, n, n_countries) != 0)
        goto nomem;
    d->e = e;
    d->n = n;
    d->n_countries = n_countries;
    return;
failed:
    if (rc == -2)
        goto fail;
nomem:
    snprintf(d->why, sizeof d->why, "out of memory reading the ISO 3166 data");
    d->nomem = 1;
fail:
    free_entries(x.e, x.n);
}

static void load(void) { load_into(&db); }

/* The table, read on first use (NULL when it cannot be read: db.why says why). */
static const region_db *regions(void)
{
    if (atomic_load_explicit(&db_ready, memory_order_acquire))
        return &db;
    pthread_mutex_lock(&db_lock);
    if (!atomic_load_explicit(&db_ready, memory_order_relaxed)) {
        load();
        /* a failure is tried again next time */
        atomic_store_explicit(&db_ready, db.e != NULL, memory_order_release);
    }
    pthread_mutex_unlock(&db_lock);
    return atomic_load_explicit(&db_ready, memory_order_acquire) ? &db : NULL;
}

/* The packed code (pack()) of s[0..len) in capitals: letters and digits, and a '-' third;
 * 0 for anything else. */
static uint64_t upper_key(const char *s, size_t len)
{
    uint64_t k = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned c = (unsigned char)s[i];
        if (c - 'a' < 26u)
            c -= 32;
        if (!(c - 'A' < 26u || c - '0' < 10u || (i == 2 && c == '-')))
            return 0;
        k |= (uint64_t)c << (8 * i);
    }
    return k;
}

static int unknown(breach_error *err, const char *s, size_t len, const char *what)
{
    return breach_fail(err, BREACH_EREGION, "unknown %s '%.*s'", what, (int)(len > 40 ? 40 : len),
                       s);
}

/* The reason is copied under the lock: another thread may be trying the load again (a
 * failure is retried), writing a new reason into db.why. */
static int no_data(breach_error *err)
{
    char why[sizeof db.why];
    pthread_mutex_lock(&db_lock);
    memcpy(why, db.why, sizeof why);
    int nomem = db.nomem;
    pthread_mutex_unlock(&db_lock);
    return breach_fail(err, nomem ? BREACH_ENOMEM : BREACH_EREGION, "no ISO 3166 data: %s", why);
}

int breach_regions_ready(breach_error *err) { return regions() ? BREACH_OK : no_data(err); }

int breach_region_parse(const char *text, size_t len, breach_region *out, breach_error *err)
{
    if (!out || (!text && len))
        return breach_fail(err, BREACH_EINVAL, "no region text or output");
    const region_db *d = regions();
    if (!d)
        return no_data(err);
    const char *s = text;
    breach_trim(&s, &len);
    uint64_t k;
    size_t r = 0;
    if (len == 2 && (k = upper_key(s, 2)) && (k & 0xff) > '9' && (k >> 8) > '9') {
        r = find_code(d, k); /* a two-letter code can only be a country's */
    } else if (len >= 4 && len <= 6 && s[2] == '-' && (k = upper_key(s, len))) {
        r = find_code(d, k); /* with a '-' third: a subdivision's */
        char cc[3] = {(char)(k & 0xff), (char)((k >> 8) & 0xff), '\0'};
        if (!r && find_code(d, k & 0xffff))
            return breach_fail(err, BREACH_EREGION,
                               "'%.*s' is not a subdivision of %s in ISO 3166-2", (int)len, s,
                               cc);
    }
    if (!r)
        return unknown(err, s, len, "ISO 3166 region code");
    *out = (breach_region)r;
    return BREACH_OK;
}

/* Compares a state name with text, folding ASCII case and runs of spaces. */
static int name_eq(const char *s, size_t len, const char *name)
{
    size_t i = 0;
    const char *n = name;
    while (i < len && *n) {
        if (breach_is_space(s[i]) && *n == ' ') {
            while (i < len && breach_is_space(s[i]))
                i++;
            n++;
            continue;
        }
        if (breach_lower(s[i]) != breach_lower(*n))
            return 0;
        i++;
        n++;
    }
    return i == len && *n == '\0';
}

int breach_region_from_us_state(const char *text, size_t len, breach_region *out,
                                breach_error *err)
{
    if (!out || (!text && len))
        return breach_fail(err, BREACH_EINVAL, "no state text or output");
    const region_db *d = regions();
    if (!d)
        return no_data(err);
    const char *s = text;
    breach_trim(&s, &len);
    const uint64_t us = pack("US-", 3);
    uint64_t k;
    size_t r = 0;
    /* "US-" and two letters or digits: a US subdivision if any, in [us_first, us_end) */
    if (len == 2 && (k = upper_key(s, 2))) {
        r = find_code(d, us | k << 24);
    } else if (len == 5 && (s[0] == 'U' || s[0] == 'u') && (s[1] == 'S' || s[1] == 's') &&
               s[2] == '-' && (k = upper_key(s + 3, 2))) {
        r = find_code(d, us | k << 24);
    } else {
        for (size_t i = d->us_first; i < d->us_end && !r; i++)
            if (name_eq(s, len, d->e[i].name))
                r = i;
    }
    if (!r)
        return unknown(err, s, len, "US state, district or territory");
    *out = (breach_region)r;
    return BREACH_OK;
}

const char *breach_region_code(breach_region r)
{
    const region_db *d = regions();
    return d && r < d->n ? d->e[r].code : "";
}

const char *breach_region_name(breach_region r)
{
    const region_db *d = regions();
    return d && r < d->n ? d->e[r].name : "";
}

breach_region breach_region_country(breach_region r)
{
    const region_db *d = regions();
    if (!d || r == BREACH_REGION_NONE || r >= d->n)
        return BREACH_REGION_NONE;
    return d->e[r].country;
}

breach_region breach_region_max(void)
{
    const region_db *d = regions();
    return d ? (breach_region)(d->n - 1) : 0;
}
