/* Work split between the calling thread and one more (private). Results never depend on
 * the split: each part writes what is its own, and the caller merges in a fixed order. */
#ifndef BREACH_PARALLEL_PRIVATE_H
#define BREACH_PARALLEL_PRIVATE_H

#include <stddef.h>

#define BREACH_MAX_PARTS 2
/* The most threads any setting gives (breach_threads(), a load's own number). */
#define BREACH_THREADS_MAX 4096

/* A number of threads from a count of any origin (a setting, the processors, a quota): 1 to
 * BREACH_THREADS_MAX. */
static inline unsigned breach_threads_bound(long long n)
{
    return n < 1 ? 1 : n > BREACH_THREADS_MAX ? BREACH_THREADS_MAX : (unsigned)n;
}

/* The processors this process may use (cpus.c): those online, fewer when its CPU affinity
 * or a cgroup CPU quota allows fewer; 1 to BREACH_THREADS_MAX. breach_threads()'s
 * default. */
unsigned breach_cpus_usable(void);
/* The processors the CPU quotas of the cgroups allow: those of this process's cgroup and of
 * every one above it under the mount `root` ("/sys/fs/cgroup"), the smallest quota over its
 * period rounded up; 0 when none is set or none can be read. self: the text of
 * /proc/self/cgroup. */
unsigned breach_cgroup_cpus(const char *root, const char *self);

/* How many parts (1 or BREACH_MAX_PARTS) to split n items in: 1 when there are fewer
 * than min_part items a part or breach_threads() is 1 (see common.h: the one place that
 * decides the number of threads). */
unsigned breach_parts(size_t n, size_t min_part);

/* Runs fn(arg, 0) on the calling thread and fn(arg, 1) .. fn(arg, parts - 1) on threads of
 * their own, and returns when all have; a part whose thread cannot start runs on the
 * calling thread afterwards. parts <= BREACH_MAX_PARTS. */
void breach_parallel(unsigned parts, void (*fn)(void *arg, unsigned part), void *arg);

/* Part `part` of `parts` of the items 0 .. n-1: [*lo, *hi), the last part taking the rest. */
static inline void breach_part_range(size_t n, unsigned part, unsigned parts, size_t *lo,
                                     size_t *hi)
{
    *lo = n / parts * part;
    *hi = part + 1 == parts ? n : n / parts * (part + 1);
}

/* Where part `part` of `parts` ends when n items lie in buckets, bucket b's from start[b]
 * (nb buckets, ascending starts), the part's buckets beginning at b: past the buckets that
 * start before its share of the items ends (n / parts * (part + 1)); the last part takes
 * the rest. Whole buckets, about as many items a part. */
static inline size_t breach_part_buckets(const size_t *start, size_t nb, size_t n, unsigned part,
                                         unsigned parts, size_t b)
{
    while (b < nb && (part + 1 == parts || start[b] < n / parts * (part + 1)))
        b++;
    return b;
}

#endif
