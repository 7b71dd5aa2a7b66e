/* White-box: the processors this process may use (libbreach/cpus.c, compiled in with
 * parallel.c): cgroup CPU quotas read from made-up cgroup trees (v2 and v1, nested limits,
 * a container's own cgroup as the mount's root, malformed files), and the affinity mask
 * and breach_threads()'s default in a child process pinned to one processor. */
#define _GNU_SOURCE /* sched_setaffinity, CPU_COUNT */
#include "check.h"
#include "../libbreach/parallel_private.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char root[PATH_MAX];

/* A new empty tree under /tmp, its path in root. */
static void new_tree(void)
{
    snprintf(root, sizeof root, "/tmp/breach-cgroup-XXXXXX");
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(root));
}

/* root/rel (a folder, made with its parents) */
static void mkdirs(const char *rel)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    for (char *p = path + strlen(root) + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            CU_ASSERT_FATAL(mkdir(path, 0700) == 0 || errno == EEXIST);
            *p = '/';
        }
    CU_ASSERT_FATAL(mkdir(path, 0700) == 0 || errno == EEXIST);
}

/* root/rel holding text */
static void put(const char *rel, const char *text)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    FILE *f = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs(text, f);
    CU_ASSERT_EQUAL_FATAL(fclose(f), 0);
}

static void remove_tree(void)
{
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    CU_ASSERT_EQUAL(system(cmd), 0);
}

/* cgroup v2: the unified hierarchy at the root (it has cgroup.controllers). */
static void test_v2(void)
{
    new_tree();
    put("cgroup.controllers", "cpu memory\n");
    mkdirs("a/b");
    put("a/cpu.max", "max 100000\n");
    put("a/b/cpu.max", "150000 100000\n");
    /* 1.5 processors' time: 2 threads */
    CHECK_EQ_LL(breach_cgroup_cpus(root, "0::/a/b\n"), 2);
    /* the same path among v1 lines of a hybrid system's text */
    CHECK_EQ_LL(breach_cgroup_cpus(root, "4:memory:/x\n1:cpu:/\n0::/a/b\n"), 2);
    /* a parent's lower quota bounds its children */
    put("a/cpu.max", "50000 100000\n");
    CHECK_EQ_LL(breach_cgroup_cpus(root, "0::/a/b\n"), 1);
    CHECK_EQ_LL(breach_cgroup_cpus(root, "0::/a\n"), 1);
    /* a quota of 1 microsecond a period still gives one processor */
    put("a/cpu.max", "1 100000\n");
    CHECK_EQ_LL(breach_cgroup_cpus(root, "0::/a/b\n"), 1);
    /* 4 processors' time exactly, and 4.0001 */
    put("a/cpu.max", "max 100000\n");
    put("a/b/cpu.max", "400000 100000\n");
    CHECK_EQ_LL(breach_cgroup_cpus(root, "0::/a/b\n"), 4);
    put("a/b/cpu.max", "400010 100000\n");
    CHECK_EQ_LL(breach_cgroup_cpus(root, "0::/a/b\n"), 5);
    /* no quota anywhere */
    put("a/b/cpu.max", "max 100000\n");
    CHECK_EQ_LL(breach_cgroup_cpus(root, "0::/a/b\n"), 0);
    CHECK_EQ_LL(breach_cgroup_cpus(root, "0::/\n"), 0);
    /* a container: its own cgroup is the mount's root, where the host's path does not
       exist; the quota is the root's */
    put("cpu.max", "250000 100000\n");
    CHECK_EQ_LL(breach_cgroup_cpus(root, "0::/system.slice/docker-0123.scope\n"), 3);
    CHECK_EQ_LL(breach_cgroup_cpus(root, "0::/\n"), 3);
    remove_tree();
}

/* cgroup v1: the cpu controller's own mount, quota and period in two files. */
static void test_v1(void)
{
    new_tree();
    mkdirs("cpu,cpuacct/docker/x");
    put("cpu,cpuacct/cpu.cfs_quota_us", "-1\n");
    put("cpu,cpuacct/cpu.cfs_period_us", "100000\n");
    put("cpu,cpuacct/docker/x/cpu.cfs_quota_us", "250000\n");
    put("cpu,cpuacct/docker/x/cpu.cfs_period_us", "100000\n");
    const char *self = "12:pids:/docker/x\n4:cpu,cpuacct:/docker/x\n0::/\n";
    CHECK_EQ_LL(breach_cgroup_cpus(root, self), 3);
    /* the controller listed the other way round, or alone */
    CHECK_EQ_LL(breach_cgroup_cpus(root, "4:cpuacct,cpu:/docker/x\n"), 3);
    CHECK_EQ_LL(breach_cgroup_cpus(root, "4:cpu:/docker/x\n"), 3);
    /* cpuacct is not cpu */
    CHECK_EQ_LL(breach_cgroup_cpus(root, "4:cpuacct:/docker/x\n"), 0);
    /* no quota: -1 at every level */
    put("cpu,cpuacct/docker/x/cpu.cfs_quota_us", "-1\n");
    CHECK_EQ_LL(breach_cgroup_cpus(root, self), 0);
    /* the mount named "cpu" */
    remove_tree();
    new_tree();
    mkdirs("cpu/k");
    put("cpu/k/cpu.cfs_quota_us", "100000\n");
    put("cpu/k/cpu.cfs_period_us", "100000\n");
    CHECK_EQ_LL(breach_cgroup_cpus(root, "3:cpu,cpuacct:/k\n"), 1);
    /* no cpu controller mounted at all */
    remove_tree();
    new_tree();
    CHECK_EQ_LL(breach_cgroup_cpus(root, "3:cpu,cpuacct:/k\n"), 0);
    remove_tree();
}

/* Anything else is no quota, never a guess. */
static void test_malformed(void)
{
    new_tree();
    put("cgroup.controllers", "cpu\n");
    mkdirs("a");
    static const char *const bad[] = {
        "abc\n",           "150000 0\n",         "150000\n",          "-5 100000\n",
        "150000 100000 x", "150000  100000\n",   " 150000 100000\n",  "0 100000\n",
        "",                "99999999999999999999 100000\n", "150000 -100000\n",
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        put("a/cpu.max", bad[k]);
        unsigned got = breach_cgroup_cpus(root, "0::/a\n");
        if (got)
            fprintf(stderr, "\n  cpu.max \"%s\" gave %u\n", bad[k], got);
        CHECK_EQ_LL(got, 0);
    }
    /* a quota of more than 4,096 processors is 4,096 */
    put("a/cpu.max", "900000000 100000\n");
    CHECK_EQ_LL(breach_cgroup_cpus(root, "0::/a\n"), 4096);
    /* paths that climb, relative paths, no v2 line, an empty text */
    put("a/cpu.max", "100000 100000\n");
    CHECK_EQ_LL(breach_cgroup_cpus(root, "0::/a\n"), 1);
    CHECK_EQ_LL(breach_cgroup_cpus(root, "0::/a/..\n"), 0);
    CHECK_EQ_LL(breach_cgroup_cpus(root, "0::/../a\n"), 0);
    CHECK_EQ_LL(breach_cgroup_cpus(root, "0::a\n"), 0);
    CHECK_EQ_LL(breach_cgroup_cpus(root, "0::\n"), 0);
    CHECK_EQ_LL(breach_cgroup_cpus(root, "1:cpu:/a\n"), 0);
    CHECK_EQ_LL(breach_cgroup_cpus(root, ""), 0);
    /* "/a..b" is a name, not a climb */
    mkdirs("a..b");
    put("a..b/cpu.max", "200000 100000\n");
    CHECK_EQ_LL(breach_cgroup_cpus(root, "0::/a..b\n"), 2);
    remove_tree();
    /* a root that does not exist */
    CHECK_EQ_LL(breach_cgroup_cpus("/nonexistent-breach-cgroup", "0::/a\n"), 0);
}

/* The affinity mask: this process's count, then a child pinned to one processor, where
 * breach_threads() (nothing called it before the fork) defaults to 1. */
static void test_affinity(void)
{
    cpu_set_t set;
    CU_ASSERT_EQUAL_FATAL(sched_getaffinity(0, sizeof set, &set), 0);
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    long want = CPU_COUNT(&set) < online ? CPU_COUNT(&set) : online;
    unsigned got = breach_cpus_usable();
    CU_ASSERT(got >= 1 && got <= want); /* a cgroup quota may lower it further */
    int first = 0;
    while (!CPU_ISSET(first, &set))
        first++;
    fflush(NULL);
    pid_t pid = fork();
    CU_ASSERT_FATAL(pid >= 0);
    if (pid == 0) {
        unsetenv("BREACH_THREADS");
        cpu_set_t one;
        CPU_ZERO(&one);
        CPU_SET(first, &one);
        if (sched_setaffinity(0, sizeof one, &one) != 0)
            _exit(100);
        _exit(breach_cpus_usable() == 1 && breach_threads() == 1 ? 0 : 101);
    }
    child_exits_ok(pid);
}

static void *usable_here(void *out)
{
    *(unsigned *)out = breach_cpus_usable();
    return NULL;
}

/* The process's processors, whichever thread asks: a worker the program pinned to one
 * processor gets the count of the process's first thread (its own mask gave 1, and
 * breach_threads() keeps the first answer for the process's life). */
static void test_pinned_worker(void)
{
    cpu_set_t set;
    CU_ASSERT_EQUAL_FATAL(sched_getaffinity(0, sizeof set, &set), 0);
    if (CPU_COUNT(&set) < 2) {
        fprintf(stderr, "\n  SKIP: one processor: a pinned thread cannot differ\n");
        return;
    }
    int first = 0;
    while (!CPU_ISSET(first, &set))
        first++;
    pthread_attr_t attr;
    CU_ASSERT_EQUAL_FATAL(pthread_attr_init(&attr), 0);
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(first, &one);
    CU_ASSERT_EQUAL_FATAL(pthread_attr_setaffinity_np(&attr, sizeof one, &one), 0);
    unsigned main_count = breach_cpus_usable(), worker_count = 0;
    pthread_t t;
    CU_ASSERT_EQUAL_FATAL(pthread_create(&t, &attr, usable_here, &worker_count), 0);
    pthread_join(t, NULL);
    pthread_attr_destroy(&attr);
    CHECK_EQ_LL(worker_count, main_count);
}

int main(void)
{
    static const test_entry tests[] = {
        {"cgroup v2 quotas, nested and in a container", test_v2},
        {"cgroup v1 quotas", test_v1},
        {"malformed quotas and paths are no quota", test_malformed},
        {"the affinity mask bounds the default", test_affinity},
        {"a pinned worker asks: the process's count", test_pinned_worker},
        {NULL, NULL},
    };
    return run_suite("cpus", tests);
}
