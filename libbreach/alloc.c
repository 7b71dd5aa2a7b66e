/* The one allocator of the library. Every allocation goes through breachp_malloc and its
 * siblings (never malloc directly), so that a program can supply its own functions
 * (breach_set_alloc_funcs) and a test can fail the 1st, 2nd, ... Nth allocation of an
 * operation and check that each failure is BREACH_ENOMEM, without a leak (as jansson's
 * json_set_alloc_funcs and test_chaos do). jansson's allocations follow the same
 * functions once a program installs its own. */
#include "breach_private.h"

#include <jansson.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static breach_malloc_fn fn_malloc = malloc;
static breach_realloc_fn fn_realloc = realloc;
static breach_free_fn fn_free = free;
/* Allocations that failed in this thread: a parser that cannot say why it failed (jansson
 * reports some failed allocations as syntax errors) is asked whether one did. */
static _Thread_local unsigned long failures;

static void *counted(void *p)
{
    if (!p)
        failures++;
    return p;
}

unsigned long breachp_alloc_failures(void)
{
    return failures;
}

void *breachp_malloc(size_t n)
{
    return counted(fn_malloc(n ? n : 1));
}

void *breachp_calloc(size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return counted(NULL);
    size_t bytes = n * size;
    void *p = counted(fn_malloc(bytes ? bytes : 1));
    if (p)
        memset(p, 0, bytes);
    return p;
}

void *breachp_realloc(void *p, size_t n)
{
    return counted(fn_realloc(p, n ? n : 1));
}

void breachp_free(void *p)
{
    if (p)
        fn_free(p);
}

char *breachp_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = fn_malloc(n);
    if (p)
        memcpy(p, s, n);
    return p;
}

/* jansson 2.14's parser ignores a failed allocation of its lexer's buffer (upstream issue
 * #362): it drops the character and goes on, so that a name loses a letter or a number a
 * digit, or an assertion aborts the process. Around each parse (breachp_json_parse_begin
 * and _end) a reserve of four times the text's length is taken first: once an allocation
 * has failed, jansson's further requests are served from it, so that the lexer's buffer
 * (at most twice the longest token, doubling) can still grow and the parse ends normally;
 * the caller then sees the failure (breachp_alloc_failures) and discards the parse. */
static _Thread_local struct {
    char *base;
    size_t size, used;
    bool active;
} reserve;

int breachp_json_parse_begin(size_t len)
{
    size_t size = len < (SIZE_MAX - 4096) / 4 ? 4 * len + 4096 : SIZE_MAX;
    reserve.base = size == SIZE_MAX ? NULL : breachp_malloc(size);
    if (!reserve.base)
        return BREACH_ENOMEM;
    reserve.size = size;
    reserve.used = 0;
    reserve.active = true;
    return BREACH_OK;
}

void breachp_json_parse_end(void)
{
    reserve.active = false;
    breachp_free(reserve.base);
    reserve.base = NULL;
}

static bool in_reserve(const void *p)
{
    return reserve.base && (const char *)p >= reserve.base &&
           (const char *)p < reserve.base + reserve.size;
}

static void *json_malloc(size_t n)
{
    void *p = breachp_malloc(n);
    if (p || !reserve.active)
        return p;
    size_t a = (n + 15) & ~(size_t)15;
    if (a < n || a > reserve.size - reserve.used)
        return NULL;
    p = reserve.base + reserve.used;
    reserve.used += a;
    return p;
}

static void json_free(void *p)
{
    if (!in_reserve(p)) /* the reserve is freed whole by breachp_json_parse_end */
        breachp_free(p);
}

/* jansson has one allocator per process. Unless the program gave it its own, it gets ours
 * (libc's by default, so nothing changes for the program), so that its failures are
 * counted like the library's. */
static void json_install(void)
{
    json_malloc_t m;
    json_free_t f;
    json_get_alloc_funcs(&m, &f);
    if ((m == malloc && f == free) || (m == json_malloc && f == json_free))
        json_set_alloc_funcs(json_malloc, json_free);
}

void breachp_json_allocator(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, json_install);
}

int breach_set_alloc_funcs(breach_malloc_fn m, breach_realloc_fn r, breach_free_fn f)
{
    if (!m && !r && !f) {
        fn_malloc = malloc;
        fn_realloc = realloc;
        fn_free = free;
        json_set_alloc_funcs(json_malloc, json_free);
        return BREACH_OK;
    }
    if (!m || !r || !f)
        return BREACH_EINVAL;
    fn_malloc = m;
    fn_realloc = r;
    fn_free = f;
    json_set_alloc_funcs(json_malloc, json_free);
    return BREACH_OK;
}
