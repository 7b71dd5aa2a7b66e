/* libbreach — common definitions: export macro, version, status codes, the error record.
 *
 * Every fallible call in libbreach takes an optional `breach_error *` that the caller
 * usually puts on the stack. On failure it receives a negative status code, a sentence a
 * person can act on and, when the failure comes from input, the place: the source name
 * (a file path or a name the caller gave), the 1-based line and column. Pass NULL when
 * the details do not matter; the return value still says that the call failed.
 *
 * The library never prints, never exits and never aborts on bad input.
 */
#ifndef BREACH_COMMON_H
#define BREACH_COMMON_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The single source of truth for the release number (configure checks AC_INIT against it). */
#define BREACH_VERSION_MAJOR 0
#define BREACH_VERSION_MINOR 1
#define BREACH_VERSION_PATCH 0
#define BREACH_VERSION_NUMBER \
    (BREACH_VERSION_MAJOR * 10000 + BREACH_VERSION_MINOR * 100 + BREACH_VERSION_PATCH)

#if defined(BREACH_BUILDING_LIBRARY) && defined(__GNUC__)
#define BREACH_API __attribute__((visibility("default")))
#else
#define BREACH_API
#endif

#if defined(__GNUC__)
#define BREACH_WARN_UNUSED __attribute__((warn_unused_result))
#else
#define BREACH_WARN_UNUSED
#endif

/* Status codes. Published values never change; new codes are added at the end. */
typedef enum breach_status {
    BREACH_OK = 0,
    BREACH_ENOMEM = -1,    /* an allocation failed */
    BREACH_EINVAL = -2,    /* a caller passed an invalid argument (NULL, index out of range) */
    BREACH_EIO = -3,       /* a file could not be opened, read or written */
    BREACH_EPARSE = -4,    /* malformed syntax (CSV quoting, JSON, a field that is not a number) */
    BREACH_EDATE = -5,     /* an impossible or unreadable date */
    BREACH_ECOUNT = -6,    /* an invalid count (negative, not a number, bad qualifier) */
    BREACH_EOVERFLOW = -7, /* a value or a sum does not fit in 64 bits */
    BREACH_EREGION = -8,   /* an unknown region code or state name */
    BREACH_ECATEGORY = -9, /* an unknown data category */
    BREACH_ETYPE = -10,    /* an unknown breach type or data location */
    BREACH_EENCODING = -11, /* text that is not valid UTF-8 */
    BREACH_ENOTFOUND = -12, /* the thing asked for does not exist */
    BREACH_EFORMAT = -13,  /* the input is not in the expected format (wrong or missing header) */
    BREACH_ELIMIT = -14,   /* the input exceeds a documented limit (field size, nesting) */
    BREACH_EINCONSISTENT = -15, /* values that contradict each other (a region count above the
                                   total) */
    BREACH_ECANCELLED = -16 /* the caller's progress function asked to stop (breach_progress_fn) */
} breach_status;

#define BREACH_ERROR_SOURCE_LEN 256
#define BREACH_ERROR_TEXT_LEN 256

/* Where and why a call failed. `line` and `column` are 1-based and 0 when they do not
 * apply; `column` counts bytes from the start of the line. Strings are always
 * NUL-terminated (and truncated to fit). */
typedef struct breach_error {
    int code; /* a breach_status */
    long line;
    long column;
    char source[BREACH_ERROR_SOURCE_LEN];
    char text[BREACH_ERROR_TEXT_LEN];
} breach_error;

/* Progress of a long computation and the caller's way to stop it: the options of the
 * statistics that repeat a step many times (breach_powerlaw_options,
 * breach_bootstrap_options, breach_counts_options with the bootstrap) take one with a ctx
 * passed through. `done` of `total` steps (replicates) are finished; total is fixed for
 * the call and done never decreases. It is called from the calling thread only: once with
 * done = 0 before the first step, after a step when at least 0.1 s (monotonic clock) has
 * passed since the previous call, and once with done = total when the work is over. A
 * non-zero return, except from that last call, stops the computation: it frees what it
 * holds and fails with BREACH_ECANCELLED (no result). The function must not call back into
 * the computation's arguments (dataset, sizes) to change them. */
typedef int (*breach_progress_fn)(uint64_t done, uint64_t total, void *ctx);

/* A static English sentence for a status code; never NULL ("unknown status" for others). */
BREACH_API const char *breach_strerror(int code);

/* Frees memory that a libbreach function returned as "owned: free with breach_free()".
 * NULL is a no-op. */
BREACH_API void breach_free(void *p);

/* Threads. The work that splits between threads (repeat intervals, per-region totals, the
 * string sorts under them) uses at most this many, the calling thread included; it splits
 * in at most two parts today. n = 0 restores the default: the processors this process may
 * use (those online, fewer when its CPU affinity or a cgroup CPU quota allows fewer:
 * taskset, `docker --cpus`; doc/loader.md), unless the environment variable BREACH_THREADS
 * holds a number; both are read once, at the first call that needs the setting. n = 1
 * keeps everything on the calling thread; a number above the processors is honoured (two
 * parts on one processor: the tests do this), up to 4,096. Results never depend on it. The setting is the process's, read atomically by
 * each call as it starts. Returns the previous setting (0: the default). */
BREACH_API unsigned breach_set_threads(unsigned n);
/* The number of threads a call started now may use (1 to 4,096). */
BREACH_API unsigned breach_threads(void);
/* The memory functions the library uses, for a program that counts or limits its memory
 * (and for the tests that fail each allocation in turn). Call it before any other library
 * call, from one thread, and never while an object of the library exists: memory is freed
 * by the functions current at the time. malloc and realloc are never asked for 0 bytes;
 * free is never given NULL. All three NULL restore libc's. jansson (used by the VERIS and
 * HIBP loaders) has one allocator per process: it is given the same functions, so a
 * program that uses jansson itself sees them too. Returns BREACH_OK, or BREACH_EINVAL when
 * some but not all are NULL (nothing changes). */
typedef void *(*breach_malloc_fn)(size_t n);
typedef void *(*breach_realloc_fn)(void *p, size_t n);
typedef void (*breach_free_fn)(void *p);
BREACH_API int breach_set_alloc_funcs(breach_malloc_fn m, breach_realloc_fn r, breach_free_fn f);

/* The library's release as "MAJOR.MINOR.PATCH" (static string) and as a number. These
 * tell which library is loaded at run time, which may differ from the header compiled in. */
BREACH_API const char *breach_version_string(void);
BREACH_API unsigned breach_version_number(void);

#ifdef __cplusplus
}
#endif

#endif
