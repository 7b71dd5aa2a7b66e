/* Internal helpers shared by the library's modules. Not installed. */
#ifndef BREACH_PRIVATE_H
#define BREACH_PRIVATE_H

#include "breach.h"

#if defined(__GNUC__)
#define BREACH_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define BREACH_PRINTF(f, a)
#endif

/* Fills err (if not NULL) and returns code, so that `return breach_fail(err, ...)` reads. */
int breach_fail(breach_error *err, int code, const char *fmt, ...) BREACH_PRINTF(3, 4);
/* The same with a place. source may be NULL. */
int breach_fail_at(breach_error *err, int code, const char *source, long line, long column,
                   const char *fmt, ...) BREACH_PRINTF(6, 7);
/* Sets err to BREACH_OK with empty texts. */
void breach_error_clear(breach_error *err);

/* Whether data, the start of a text file named source, is UTF-16 (Excel's "Unicode text"
 * and Notepad's "Unicode" write it): a byte-order mark FF FE or FE FF, or the first
 * characters with a NUL byte every other byte. BREACH_EFORMAT at line 1, column 1, "the file
 * is UTF-16 (little-endian); save it as UTF-8", else 0. Every text reader asks before its
 * first record, where the tokenizer would say "NUL byte in a field". */
int breach_refuse_utf16(const char *data, size_t len, const char *source, breach_error *err);

/* Fields a later version may give a meaning: an options struct's reserved_ words and the
 * 32-bit word some have beside them (extra; 0 where there is none). BREACH_OK when all are
 * zero, else BREACH_EINVAL: "WHAT reserved fields are not zero (start from INIT)", so that a
 * caller who did not start from the init function learns now rather than when they change.
 * BREACH_RESERVED_OK(o, extra, ...) passes the struct's whole reserved_ array. */
int breach_reserved_check(const uint64_t *words, size_t n, uint32_t extra, const char *what,
                          const char *init, breach_error *err);
#define BREACH_RESERVED_OK(o, extra, what, init, err)                                          \
    breach_reserved_check((o)->reserved_, sizeof(o)->reserved_ / sizeof(o)->reserved_[0],      \
                          (extra), (what), (init), (err))
/* The ISO 3166 table (region.c), read now if it is not yet: BREACH_OK, or BREACH_EREGION
 * (the files cannot be read: err names them) or BREACH_ENOMEM. Every loader calls it before
 * its first row, so that a load fails whole rather than row after row. */
int breach_regions_ready(breach_error *err);
/* The load options' (NULL: the defaults), for every loader, CSV and JSON (loader.c). */
int breach_load_options_check(const breach_load_options *opt, breach_error *err);

/* Checked size arithmetic: return 0 on overflow, else 1 with the result in *out. */
static inline int breach_size_mul(size_t a, size_t b, size_t *out)
{
    if (b != 0 && a > (size_t)-1 / b)
        return 0;
    *out = a * b;
    return 1;
}
static inline int breach_size_add(size_t a, size_t b, size_t *out)
{
    if (a > (size_t)-1 - b)
        return 0;
    *out = a + b;
    return 1;
}

/* The bits set in x. gcc's __builtin_popcount is a call into libgcc's table for targets
 * without the instruction (the x86-64 baseline, which this library is built for): inline
 * shifts and adds there, the instruction when the compiler may use it (-mpopcnt,
 * -march=native) or on other processors. */
static inline unsigned breach_popcount64(uint64_t x)
{
#if defined(__POPCNT__) || !(defined(__x86_64__) || defined(__i386__))
    return (unsigned)__builtin_popcountll(x);
#else
    x -= (x >> 1) & 0x5555555555555555u;
    x = (x & 0x3333333333333333u) + ((x >> 2) & 0x3333333333333333u);
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0Fu;
    return (unsigned)((x * 0x0101010101010101u) >> 56);
#endif
}

/* A hint to fetch the memory at p into the cache, for a loop that will read (or write) it
 * soon at an address it cannot predict (a sorted order's indices into the columns, a hash
 * table's slot). */
#if defined(__GNUC__)
#define BREACH_PREFETCH(p) __builtin_prefetch(p)
#define BREACH_PREFETCH_WRITE(p) __builtin_prefetch(p, 1)
#else
#define BREACH_PREFETCH(p) ((void)(p))
#define BREACH_PREFETCH_WRITE(p) ((void)(p))
#endif

/* The library's allocator (alloc.c): the functions breach_set_alloc_funcs installed, libc's
 * by default. Every allocation of the library goes through these. calloc checks n * size
 * for overflow (NULL); a size of 0 allocates 1 byte; free(NULL) is a no-op. */
void *breachp_malloc(size_t n);
void *breachp_calloc(size_t n, size_t size);
void *breachp_realloc(void *p, size_t n);
void breachp_free(void *p);
char *breachp_strdup(const char *s);
/* How many allocations have failed in this thread so far (compare before and after a call
 * to learn whether its failure was one). */
unsigned long breachp_alloc_failures(void);
/* Routes jansson's allocations through the functions above unless the program gave jansson
 * its own (once per process; call before the first jansson call of a load). */
void breachp_json_allocator(void);
/* Around one json_loadb of len bytes: a reserve that lets jansson finish a parse after a
 * failed allocation (alloc.c says why). begin returns BREACH_OK or BREACH_ENOMEM (no parse
 * then); a parse during which an allocation failed must be discarded (json_decref) before
 * end. */
int breachp_json_parse_begin(size_t len);
void breachp_json_parse_end(void);

/* Grows *p (holding *cap elements of elsize) so that it can hold `need`; doubling.
 * Returns 0 on success, BREACH_ENOMEM on failure (then *p is unchanged). */
int breach_grow(void **p, size_t *cap, size_t need, size_t elsize);

/* Whether s[0..len) is valid UTF-8 (no overlongs, no surrogates, <= U+10FFFF). On failure
 * *bad (if not NULL) gets the byte offset of the first bad sequence. */
int breach_utf8_valid(const char *s, size_t len, size_t *bad);

/* A 64-bit hash of s[0..len), keyed once per process (SipHash-1-3, intern.c): names from
 * a hostile file cannot be aimed at one slot. Values differ between processes: never
 * store them or order anything by them. */
uint64_t breach_hash_bytes(const char *s, size_t len);

/* ASCII helpers (locale-independent). */
static inline int breach_is_space(char c) { return c == ' ' || c == '\t'; }
static inline char breach_lower(char c) { return (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c; }
/* Case-insensitive comparison of s[0..len) with NUL-terminated lit. Inline, as breach_trim:
 * the parsers call both on every field of every row, where a call cost as much as the
 * work. */
static inline int breach_ieq(const char *s, size_t len, const char *lit)
{
    size_t i = 0;
    for (; i < len; i++) {
        if (lit[i] == '\0' || breach_lower(s[i]) != breach_lower(lit[i]))
            return 0;
    }
    return lit[i] == '\0';
}
/* Trims spaces and tabs from both ends of [*s, *s + *len). */
static inline void breach_trim(const char **s, size_t *len)
{
    while (*len && breach_is_space(**s)) {
        (*s)++;
        (*len)--;
    }
    while (*len && breach_is_space((*s)[*len - 1]))
        (*len)--;
}

/* Day-number arithmetic (days since 1970-01-01, proleptic Gregorian). */
int32_t breach_days_from_civil(int y, int m, int d);
void breach_civil_from_days(int32_t z, int *y, int *m, int *d);
int breach_days_in_month(int y, int m);

/* Checks a breach_date that came from a caller's struct (not from our parser): a valid
 * precision, years 1..9999, the first day of its period. BREACH_EINVAL naming `field`. */
int breach_date_check(breach_date d, const char *field, breach_error *err);


#endif
