/* Work split between threads; see parallel_private.h. */
#include "breach_private.h"
#include "parallel_private.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

static atomic_uint setting;  /* breach_set_threads(): 0 = the default */
static unsigned default_threads; /* the environment's or the processors', set once */
static pthread_once_t default_once = PTHREAD_ONCE_INIT;

static void find_default(void)
{
    const char *env = getenv("BREACH_THREADS");
    char *end;
    long n = env && *env ? strtol(env, &end, 10) : -1;
    if (!env || !*env || *end || n < 1)
        n = breach_cpus_usable();
    default_threads = breach_threads_bound(n);
}

unsigned breach_set_threads(unsigned n)
{
    return atomic_exchange(&setting, n);
}

unsigned breach_threads(void)
{
    unsigned n = atomic_load(&setting);
    if (n)
        return breach_threads_bound(n);
    pthread_once(&default_once, find_default);
    return default_threads;
}

unsigned breach_parts(size_t n, size_t min_part)
{
    if (n / BREACH_MAX_PARTS < min_part)
        return 1;
    return breach_threads() >= BREACH_MAX_PARTS ? BREACH_MAX_PARTS : 1;
}

typedef struct job {
    void (*fn)(void *, unsigned);
    void *arg;
    unsigned part;
} job;

static void *run_job(void *p)
{
    job *j = p;
    j->fn(j->arg, j->part);
    return NULL;
}

void breach_parallel(unsigned parts, void (*fn)(void *arg, unsigned part), void *arg)
{
    pthread_t thread[BREACH_MAX_PARTS];
    job jobs[BREACH_MAX_PARTS];
    int started[BREACH_MAX_PARTS] = {0};
    for (unsigned p = 1; p < parts && p < BREACH_MAX_PARTS; p++) {
        jobs[p] = (job){fn, arg, p};
        started[p] = pthread_create(&thread[p], NULL, run_job, &jobs[p]) == 0;
    }
    fn(arg, 0);
    for (unsigned p = 1; p < parts && p < BREACH_MAX_PARTS; p++) {
        if (started[p])
            pthread_join(thread[p], NULL);
        else
            fn(arg, p);
    }
}
