/* How many processors this process may use: the default of breach_threads() (parallel.c).
 *
 * The processors online, fewer when the process's CPU affinity (its first thread's, so
 * that the answer does not depend on which thread asks first) allows fewer (taskset, a
 * cpuset: `docker --cpuset-cpus`, Kubernetes' static CPU manager), and fewer again when a
 * cgroup's CPU quota gives less time than that many processors have (`docker --cpus 1.5`, a
 * Kubernetes CPU limit): the quota over its period, rounded up. More threads than that only
 * take turns on the same processors, each with batches in flight: the 10^6 bench file on
 * two processors took 0.25-0.29 s and 114 MB on 2 threads, 0.32-0.34 s and 200 MB on 16
 * (what a 16-processor host's count would give a container of two), 0.36-0.42 s and 206
 * MB on 64.
 *
 * The quota is the smallest of the process's cgroup and of every cgroup above it up to the
 * mount point, read from cgroup v2's cpu.max ("max 100000" or "150000 100000") where the
 * unified hierarchy is mounted at /sys/fs/cgroup, else from cgroup v1's cpu controller
 * (cpu.cfs_quota_us, -1 for none, over cpu.cfs_period_us). Inside a container the
 * process's cgroup path, as /proc/self/cgroup gives it, may not exist under the mount (the
 * mount's root is the container's own cgroup): the walk then starts at the mount point.
 * Anything unreadable or malformed counts as no quota. */
#define _GNU_SOURCE /* sched_getaffinity, CPU_COUNT */
#include "parallel_private.h"

#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* At most this many bytes of a cgroup file are read (cpu.max is about 20). */
#define SMALL_FILE 256

/* The first size - 1 bytes of the file at path, NUL-terminated in buf (empty when it cannot
 * be read); how many. */
static size_t read_start(const char *path, char *buf, size_t size)
{
    size_t n = 0;
    FILE *f = fopen(path, "re");
    if (f) {
        n = fread(buf, 1, size - 1, f);
        fclose(f);
    }
    buf[n] = '\0';
    return n;
}

/* The start of file `dir`/`name`, NUL-terminated in buf; 0 when it cannot be read. */
static int read_small(const char *dir, const char *name, char buf[SMALL_FILE])
{
    char path[PATH_MAX];
    return snprintf(path, sizeof path, "%s/%s", dir, name) < (int)sizeof path &&
           read_start(path, buf, SMALL_FILE) > 0;
}

/* A whole decimal number in 1 .. 2^62 at *s, moved past; 0 for anything else. */
static long long number(const char **s)
{
    const char *p = *s;
    long long v = 0;
    if (*p < '0' || *p > '9')
        return 0;
    for (; *p >= '0' && *p <= '9'; p++) {
        if (v > ((long long)1 << 62) / 10)
            return 0;
        v = v * 10 + (*p - '0');
    }
    *s = p;
    return v > 0 && v <= (long long)1 << 62 ? v : 0;
}

/* The processors the quota of the cgroup at dir allows (0: none, or unreadable). */
static unsigned quota_at(const char *dir, int v2)
{
    char buf[SMALL_FILE], per[SMALL_FILE];
    long long q, p;
    const char *s = buf;
    if (v2) { /* "QUOTA PERIOD\n" or "max PERIOD\n" */
        if (!read_small(dir, "cpu.max", buf) || !(q = number(&s)) || *s++ != ' ' ||
            !(p = number(&s)) || (*s && *s != '\n'))
            return 0;
    } else { /* "-1\n" (none) or "QUOTA\n", and "PERIOD\n" */
        const char *t = per;
        if (!read_small(dir, "cpu.cfs_quota_us", buf) || !(q = number(&s)) ||
            (*s && *s != '\n') || !read_small(dir, "cpu.cfs_period_us", per) ||
            !(p = number(&t)) || (*t && *t != '\n'))
            return 0;
    }
    return breach_threads_bound(q / p + (q % p != 0));
}

/* The path of this process's cgroup in /proc/self/cgroup's text `self`: the v2 line
 * ("0::PATH") or the v1 line whose controllers include cpu ("N:cpu,cpuacct:PATH"), copied
 * into out; 0 when there is none, or it is not absolute, or it climbs with "..". */
static int cgroup_path(const char *self, int v2, char out[PATH_MAX])
{
    for (const char *line = self; line && *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        const char *c1 = memchr(line, ':', len);
        const char *c2 = c1 ? memchr(c1 + 1, ':', len - (size_t)(c1 + 1 - line)) : NULL;
        int match = 0;
        if (c2 && v2)
            match = c1 - line == 1 && line[0] == '0' && c2 == c1 + 1;
        else if (c2) /* a controller named exactly "cpu" in the list */
            for (const char *c = c1 + 1; c < c2;) {
                const char *comma = memchr(c, ',', (size_t)(c2 - c));
                const char *stop = comma ? comma : c2;
                match |= stop - c == 3 && memcmp(c, "cpu", 3) == 0;
                c = stop + 1;
            }
        if (match) {
            size_t plen = len - (size_t)(c2 + 1 - line);
            if (plen == 0 || plen >= PATH_MAX || c2[1] != '/')
                return 0;
            memcpy(out, c2 + 1, plen);
            out[plen] = '\0';
            for (const char *d = out; (d = strstr(d, "/..")) != NULL; d += 3)
                if (d[3] == '/' || d[3] == '\0')
                    return 0;
            return 1;
        }
        line = end ? end + 1 : NULL;
    }
    return 0;
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

unsigned breach_cgroup_cpus(const char *root, const char *self)
{
    char base[PATH_MAX], path[PATH_MAX], dir[PATH_MAX];
    int v2;
    if (snprintf(base, sizeof base, "%s/cgroup.controllers", root) >= (int)sizeof base)
        return 0;
    v2 = access(base, F_OK) == 0;
    if (v2)
        snprintf(base, sizeof base, "%s", root);
    else { /* v1: the cpu controller's mount, under one of the names systems give it */
        static const char *const names[] = {"cpu", "cpu,cpuacct", "cpuacct,cpu"};
        base[0] = '\0';
        for (size_t k = 0; k < sizeof names / sizeof names[0] && !base[0]; k++)
            if (snprintf(dir, sizeof dir, "%s/%s", root, names[k]) < (int)sizeof dir &&
                is_dir(dir))
                memcpy(base, dir, strlen(dir) + 1);
        if (!base[0])
            return 0;
    }
    if (!cgroup_path(self, v2, path))
        return 0;
    size_t blen = strlen(base);
    if (snprintf(dir, sizeof dir, "%s%s", base, strcmp(path, "/") ? path : "") >= (int)sizeof dir ||
        !is_dir(dir))
        memcpy(dir, base, blen + 1); /* a container's own cgroup mounted as the root */
    unsigned best = 0;
    for (;;) {
        unsigned n = quota_at(dir, v2);
        if (n && (!best || n < best))
            best = n;
        size_t len = strlen(dir);
        if (len <= blen)
            break;
        while (len > blen && dir[len - 1] != '/')
            len--;
        dir[len > blen ? len - 1 : blen] = '\0'; /* the parent, never above the mount */
    }
    return best;
}

unsigned breach_cpus_usable(void)
{
    unsigned n = breach_threads_bound(sysconf(_SC_NPROCESSORS_ONLN));
#ifdef CPU_COUNT
    /* the process's first thread's (its id is the process's): the default must not depend
       on which thread asks first, one the program pinned or another */
    cpu_set_t set; /* 1,024 processors: on a larger machine the call fails and n stays */
    if (sched_getaffinity(getpid(), sizeof set, &set) == 0) {
        int c = CPU_COUNT(&set);
        if (c >= 1 && (unsigned)c < n)
            n = (unsigned)c;
    }
#endif
    char self[4096]; /* "" when unreadable: no cgroup, no quota */
    read_start("/proc/self/cgroup", self, sizeof self);
    unsigned q = breach_cgroup_cpus("/sys/fs/cgroup", self);
    return q && q < n ? q : n;
}
