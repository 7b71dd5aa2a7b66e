/* Work split between threads; see parallel_private.h. */
#include "parallel_private.h"

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

unsigned breach_parts(size_t n, size_t min_part)
{
    if (n / BREACH_MAX_PARTS < min_part)
        return 1;
    const char *env = getenv("BREACH_THREADS");
    char *end;
    long cpus = env && *env ? strtol(env, &end, 10) : -1;
    if (!env || !*env || *end)
        cpus = sysconf(_SC_NPROCESSORS_ONLN);
    return cpus >= BREACH_MAX_PARTS ? BREACH_MAX_PARTS : 1;
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
