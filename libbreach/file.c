/* Whole-file input: regular files are read into an anonymous mapping, whole or in steps
 * (breach_file_open_lazy, breach_file_fill), anything else (pipes) into a growing buffer. */
#define _GNU_SOURCE /* madvise, mremap */
#include "file_private.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#ifdef __linux__
#include <sys/vfs.h> /* statfs */
#endif
#include <unistd.h>

/* One part of a regular file read by several threads: [lo, hi) at p + lo. */
typedef struct read_part {
    int fd;
    char *p;
    size_t lo, hi, got;
    int err; /* errno of a failed read, 0 */
} read_part;

static void read_range(read_part *r)
{
    size_t at = r->lo;
    while (at < r->hi) {
        ssize_t got = pread(r->fd, r->p + at, r->hi - at, (off_t)at);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            r->err = errno;
            break;
        }
        if (got == 0)
            break; /* truncated since fstat */
        at += (size_t)got;
    }
    r->got = at - r->lo;
}

static void *read_main(void *arg)
{
    read_range(arg);
    return NULL;
}

/* Reads size bytes of fd into p, in `threads` parts at once (the page faults of a new
 * mapping and the copy are most of a large file's read: two threads halve it). Returns the
 * bytes read up to the first short part (fewer than size: the file was truncated
 * meanwhile), or (size_t)-1 with *e set on a read error. */
static size_t read_parts(int fd, char *p, size_t size, unsigned threads, int *e)
{
    enum { MAX_PARTS = 8 };
    const size_t min_part = (size_t)4 << 20;
    size_t most = size / min_part; /* parts of min_part bytes or more */
    if (threads > most)
        threads = (unsigned)most;
    if (threads > MAX_PARTS)
        threads = MAX_PARTS;
    if (threads < 1)
        threads = 1;
    read_part part[MAX_PARTS];
    pthread_t tid[MAX_PARTS];
    int started[MAX_PARTS] = {0};
    for (unsigned k = 0; k < threads; k++) {
        size_t lo = size / threads * k, hi = k + 1 == threads ? size : size / threads * (k + 1);
        part[k] = (read_part){fd, p, lo, hi, 0, 0};
    }
    for (unsigned k = 1; k < threads; k++)
        started[k] = pthread_create(&tid[k], NULL, read_main, &part[k]) == 0;
    read_range(&part[0]);
    for (unsigned k = 1; k < threads; k++) {
        if (started[k])
            pthread_join(tid[k], NULL);
        else
            read_range(&part[k]);
    }
    size_t len = 0;
    for (unsigned k = 0; k < threads; k++) {
        if (part[k].err) {
            *e = part[k].err;
            return (size_t)-1;
        }
        len = part[k].lo + part[k].got;
        if (part[k].got < part[k].hi - part[k].lo)
            break;
    }
    return len;
}

int breach_file_open(breach_file *f, const char *path, breach_error *err)
{
    return breach_file_open_threads(f, path, 1, err);
}

static int open_file(breach_file *f, const char *path, unsigned threads, size_t lazy_min,
                     breach_error *err)
{
    memset(f, 0, sizeof *f);
    f->fd = -1;
    f->path = path;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return breach_fail_at(err, BREACH_EIO, path, 0, 0, "cannot open: %s", strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        return breach_fail_at(err, BREACH_EIO, path, 0, 0, "cannot stat: %s", strerror(e));
    }
    if (S_ISDIR(st.st_mode)) {
        close(fd);
        return breach_fail_at(err, BREACH_EIO, path, 0, 0, "is a directory, not a file");
    }
    /* A regular file is read into an anonymous mapping of its size, not mapped: a mapped
     * file that another process truncates during the load raises SIGBUS, which would kill
     * the host process (a Python interpreter with it); a library may not catch signals.
     * The copy costs the file's size at the start of the load; breach_file_release gives
     * the pages back behind the reader, so the peak stays near max(file, dataset). */
    if (S_ISREG(st.st_mode) && st.st_size > 0 && (uint64_t)st.st_size < SIZE_MAX / 2) {
        size_t size = (size_t)st.st_size;
        void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) {
            close(fd);
            return breach_fail_at(err, BREACH_ENOMEM, path, 0, 0,
                                  "out of memory reading (%zu bytes)", size);
        }
        if (lazy_min && size >= lazy_min) {
            f->data = p;
            f->len = f->map_size = size;
            f->mapped = f->lazy = 1;
            f->fd = fd;
            return BREACH_OK;
        }
        int e = 0;
        size_t len = read_parts(fd, p, size, threads, &e);
        if (len == (size_t)-1) {
            munmap(p, size);
            close(fd);
            return breach_fail_at(err, BREACH_EIO, path, 0, 0, "read error: %s", strerror(e));
        }
        close(fd);
        if (len < size) {
            munmap(p, size);
            return breach_file_fail_shrank(err, path, size, len);
        }
        f->data = p;
        f->len = len;
        f->map_size = size;
        f->mapped = 1;
        return BREACH_OK;
    }
    size_t cap = 0, len = 0;
    char *buf = NULL;
    for (;;) {
        if (breach_grow((void **)&buf, &cap, len + 65536, 1)) {
            breachp_free(buf);
            close(fd);
            return breach_fail_at(err, BREACH_ENOMEM, path, 0, 0, "out of memory reading");
        }
        ssize_t got = read(fd, buf + len, cap - len);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            int e = errno;
            breachp_free(buf);
            close(fd);
            return breach_fail_at(err, BREACH_EIO, path, 0, 0, "read error: %s", strerror(e));
        }
        if (got == 0)
            break;
        /* Text inputs hold no NUL byte: a device such as /dev/zero or a binary stream
         * stops at its first block instead of filling memory. A zip archive (VERIS) is
         * binary: it is read whole. */
        int zip = len + (size_t)got >= 4 && memcmp(buf, "PK\3\4", 4) == 0;
        if (!zip && memchr(buf + len, '\0', (size_t)got)) {
            size_t at = len + (size_t)((char *)memchr(buf + len, '\0', (size_t)got) - (buf + len));
            breachp_free(buf);
            close(fd);
            return breach_fail_at(err, BREACH_EFORMAT, path, 0, 0,
                                  "a NUL byte at offset %zu: not a text file", at);
        }
        len += (size_t)got;
    }
    close(fd);
    f->data = buf ? buf : "";
    f->len = len;
    f->owned = buf;
    return BREACH_OK;
}

int breach_file_fail_shrank(breach_error *err, const char *source, size_t from, size_t to)
{
    return breach_fail_at(err, BREACH_EIO, source, 0, 0,
                          "the file shrank from %zu to %zu bytes while it was read (another "
                          "program wrote it): load it again",
                          from, to);
}

int breach_file_open_threads(breach_file *f, const char *path, unsigned threads,
                             breach_error *err)
{
    return open_file(f, path, threads, 0, err);
}

int breach_file_open_lazy(breach_file *f, const char *path, unsigned threads, size_t min_size,
                          breach_error *err)
{
    return open_file(f, path, threads, min_size ? min_size : 1, err);
}

int breach_file_fill(breach_file *f, size_t want, size_t reuse_upto, size_t *got)
{
    *got = 0;
    if (!f->lazy || f->fd < 0)
        return 0;
    char *base = (char *)f->data;
    size_t at = f->avail, page = (size_t)sysconf(_SC_PAGESIZE);
    if (want > f->map_size - at)
        want = f->map_size - at;
    /* whole pages already read and done with, moved (not copied) to where the bytes go:
       a page the read would fault in anew costs more than the read itself */
    size_t lo = f->recycled, hi = reuse_upto < at ? reuse_upto / page * page : at / page * page;
    size_t need = (want + page - 1) / page * page;
    int moved = 0; /* the rest of [lo, hi) waits for the next steps */
#ifdef MREMAP_DONTUNMAP
    if (hi > lo && need && at % page == 0) {
        size_t n = hi - lo < need ? hi - lo : need;
        moved = mremap(base + lo, n, n, MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP,
                       base + at) != MAP_FAILED;
        if (moved)
            f->recycled = lo + n;
    }
#endif
    if (!moved && hi > f->recycled) { /* an older system, or a step of no whole pages */
        madvise(base + f->recycled, hi - f->recycled, MADV_DONTNEED);
        f->recycled = hi;
    }
    read_part r = {f->fd, base, at, at + want, 0, 0};
    read_range(&r);
    if (r.err) {
        /* nothing of this step counts, and nothing after it is read: the file ends, for
           its readers, where the failed read began */
        f->len = at;
        close(f->fd);
        f->fd = -1;
        return r.err;
    }
    *got = r.got;
    f->avail = at + *got;
    if (*got < want || f->avail == f->map_size) {
        f->len = f->avail;
        close(f->fd);
        f->fd = -1;
    }
    /* the end before the size at the open: truncated meanwhile */
    return f->fd < 0 && f->avail < f->map_size ? BREACH_FILE_SHRANK : 0;
}

void breach_file_close(breach_file *f)
{
    if (f->lazy && f->fd >= 0)
        close(f->fd);
    if (f->mapped)
        munmap((void *)f->data, f->map_size);
    breachp_free(f->owned);
    memset(f, 0, sizeof *f);
}

/* Release in steps of this many bytes: one system call per 8 MiB read. */
#define RELEASE_STEP ((size_t)8 << 20)

void breach_file_release(breach_file *f, const char *upto)
{
    if (!f || !f->mapped || upto < f->data || upto > f->data + f->len)
        return;
    if ((size_t)(upto - f->data) < f->released + RELEASE_STEP)
        return; /* called every row: the cheap test first */
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t done = (size_t)(upto - f->data) / page * page; /* whole pages before upto */
    if (done < f->released + RELEASE_STEP)
        return;
    /* MADV_DONTNEED, not posix_madvise: glibc's POSIX_MADV_DONTNEED does nothing */
    madvise((char *)f->data + f->released, done - f->released, MADV_DONTNEED);
    f->released = done;
}

/* ------------------------------------------------------------------ whole-file output */

/* The descriptor of this process that name is, whichever way it is reached: a name in
   /proc/self/fd or /proc/thread-self/fd (/dev/fd/1, /dev/stdout's /proc/self/fd/1,
   /proc/<this pid>/fd/1). Returns it (it may be closed), DESC_OTHER for a link in another
   process's descriptor folder (/proc/<pid>/fd/N, a thread's), DESC_NONE for anything else. */
enum { DESC_NONE = -1, DESC_OTHER = -2 };
static int descriptor_of(const char *name)
{
    const char *slash = strrchr(name, '/');
    const char *base = slash ? slash + 1 : name;
    size_t digits = strspn(base, "0123456789");
    if (digits == 0 || digits > 9 || base[digits] != '\0')
        return DESC_NONE; /* the cheap test first: most names end in a letter */
    char dir[4096];
    size_t dirlen = !slash ? 0 : slash == name ? 1 : (size_t)(slash - name);
    if (dirlen >= sizeof dir)
        return DESC_NONE;
    memcpy(dir, dirlen ? name : ".", dirlen ? dirlen : 1);
    dir[dirlen ? dirlen : 1] = '\0';
    struct stat d, own;
    if (stat(dir, &d) != 0 || !S_ISDIR(d.st_mode))
        return DESC_NONE;
    /* the same folder as ours, by device and inode (/dev/fd and /proc/self are links on
       Linux; /dev/fd is a file system of its own elsewhere) */
    static const char *const ours[] = {"/proc/self/fd", "/proc/thread-self/fd", "/dev/fd"};
    for (size_t k = 0; k < sizeof ours / sizeof ours[0]; k++)
        if (stat(ours[k], &own) == 0 && own.st_dev == d.st_dev && own.st_ino == d.st_ino)
            return atoi(base);
#ifdef __linux__
    struct statfs fs;
    struct stat st;
    if (statfs(dir, &fs) == 0 && fs.f_type == 0x9fa0 /* PROC_SUPER_MAGIC */ &&
        lstat(name, &st) == 0 && S_ISLNK(st.st_mode))
        return DESC_OTHER;
#endif
    return DESC_NONE;
}

/* path with its symbolic links followed, link after link, to the name they end at (which
   may not exist yet: a dangling link is written through, as the shell's > does), or to the
   first name on the way that is a process's descriptor (*desc: descriptor_of's value for
   the returned name): the text of /proc/self/fd/1 is the name the descriptor was opened
   by, or "pipe:[123]", not the descriptor. Returns a new string, or NULL with errno (ELOOP
   after 40 links, ENOMEM, readlink's). A name that cannot be looked at is returned as it
   is: creating or opening it says why. */
static char *follow_links(const char *path, int *desc)
{
    size_t n = strlen(path) + 1;
    char *cur = breachp_malloc(n);
    if (!cur)
        return NULL;
    memcpy(cur, path, n);
    for (int hops = 0;; hops++) {
        *desc = descriptor_of(cur);
        if (*desc != DESC_NONE)
            return cur;
        struct stat st;
        if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode))
            return cur;
        if (hops == 40) {
            breachp_free(cur);
            errno = ELOOP;
            return NULL;
        }
        /* st_size is the link's length, or 0 where the file system does not say */
        size_t size = st.st_size > 0 ? (size_t)st.st_size + 1 : 256;
        char *link = NULL;
        ssize_t got;
        for (;;) {
            char *bigger = breachp_realloc(link, size);
            if (!bigger) {
                breachp_free(link);
                breachp_free(cur);
                errno = ENOMEM;
                return NULL;
            }
            link = bigger;
            got = readlink(cur, link, size);
            if (got < 0 || (size_t)got < size)
                break;
            if (size > SIZE_MAX / 2) {
                got = -1;
                errno = ENAMETOOLONG;
                break;
            }
            size *= 2; /* truncated: the link changed since lstat */
        }
        if (got < 0) {
            int e = errno;
            breachp_free(link);
            breachp_free(cur);
            errno = e;
            return NULL;
        }
        link[got] = '\0'; /* got < size */
        /* a relative link is relative to the folder that holds it */
        const char *slash = strrchr(cur, '/');
        size_t dirlen = link[0] != '/' && slash ? (size_t)(slash - cur) + 1 : 0;
        char *next = breachp_malloc(dirlen + (size_t)got + 1);
        if (!next) {
            breachp_free(link);
            breachp_free(cur);
            errno = ENOMEM;
            return NULL;
        }
        memcpy(next, cur, dirlen);
        memcpy(next + dirlen, link, (size_t)got);
        next[dirlen + (size_t)got] = '\0';
        breachp_free(link);
        breachp_free(cur);
        cur = next;
    }
}

/* o writes to a duplicate of this process's descriptor fd, at its offset: it shares the
   open file (its offset, the O_APPEND the shell's >> set), so that a log that standard
   output appends to keeps what it had. Opening it again by name would start at offset 0
   or truncate, and a temporary file renamed over it would replace the log. */
static int open_descriptor(breach_outfile *o, int fd, const char *path, breach_error *err)
{
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0)
        return breach_fail_at(err, BREACH_EIO, path, 0, 0, "cannot open: %s", strerror(errno));
    if ((fl & O_ACCMODE) == O_RDONLY)
        return breach_fail_at(err, BREACH_EIO, path, 0, 0,
                              "cannot open: descriptor %d is open for reading only", fd);
    /* what the program printed through stdio before comes first */
    if (fd == STDOUT_FILENO)
        fflush(stdout);
    else if (fd == STDERR_FILENO)
        fflush(stderr);
    int copy = fcntl(fd, F_DUPFD_CLOEXEC, 0);
    FILE *f = copy < 0 ? NULL : fdopen(copy, "w"); /* "w" of a descriptor truncates nothing */
    if (!f) {
        int e = errno;
        if (copy >= 0)
            close(copy);
        return breach_fail_at(err, BREACH_EIO, path, 0, 0, "cannot open: %s", strerror(e));
    }
    o->f = f;
    return BREACH_OK;
}

int breach_file_replace_open(breach_outfile *o, const char *path, breach_error *err)
{
    static atomic_uint counter;
    o->f = NULL;
    o->tmp = NULL;
    o->target = NULL;
    o->path = path;
    int desc;
    char *target = follow_links(path, &desc);
    if (!target) {
        int e = errno;
        if (e == ENOMEM)
            return breach_fail_at(err, BREACH_ENOMEM, path, 0, 0, "out of memory");
        return breach_fail_at(err, BREACH_EIO, path, 0, 0, "cannot create: %s", strerror(e));
    }
    if (desc >= 0) {
        breachp_free(target);
        return open_descriptor(o, desc, path, err);
    }
    struct stat st;
    bool exists = stat(target, &st) == 0;
    int e = errno;
    const char *refused = NULL;
    if (exists && S_ISDIR(st.st_mode))
        refused = strerror(EISDIR);
    else if (desc == DESC_OTHER && !exists)
        refused = strerror(e);
    else if (desc == DESC_OTHER && S_ISREG(st.st_mode))
        /* its offset and O_APPEND are the other process's: opened again it would be
           written from offset 0, and replaced it would lose what it had */
        refused = "a file open in another process cannot be written through its descriptor";
    if (refused) {
        breachp_free(target);
        return breach_fail_at(err, BREACH_EIO, path, 0, 0, "cannot create: %s", refused);
    }
    if (exists && !S_ISREG(st.st_mode)) {
        /* a FIFO, a terminal, /dev/null, /dev/full, another process's pipe: written in
           place. Renaming a file over it would replace the node itself (and, as root, a
           device) while its reader gets nothing. A FIFO waits here for its reader, as the
           shell's > does. */
        int fd = open(target, O_WRONLY | O_NOCTTY | O_CLOEXEC);
        breachp_free(target);
        FILE *f = fd < 0 ? NULL : fdopen(fd, "w");
        if (!f) {
            e = errno;
            if (fd >= 0)
                close(fd);
            return breach_fail_at(err, BREACH_EIO, path, 0, 0, "cannot open: %s", strerror(e));
        }
        o->f = f;
        return BREACH_OK;
    }
    o->target = target;
    const char *slash = strrchr(o->target, '/');
    size_t dirlen = slash ? (size_t)(slash - o->target) + 1 : 0;
    const char *base = slash ? slash + 1 : o->target;
    size_t need = strlen(o->target) + 64;
    char *name = breachp_malloc(need);
    if (!name) {
        breachp_free(o->target);
        o->target = NULL;
        return breach_fail_at(err, BREACH_ENOMEM, path, 0, 0, "out of memory");
    }
    /* the kernel applies the umask to 0666, as fopen does; the name is new (O_EXCL), in
       the folder of the file the links end at, so that rename() replaces that file in one
       step and the links stay */
    int fd = -1;
    for (int tries = 0; fd < 0 && tries < 100; tries++) {
        snprintf(name, need, "%.*s.%s.%ld.%u.tmp", (int)dirlen, o->target, base,
                 (long)getpid(), atomic_fetch_add(&counter, 1));
        fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    if (fd < 0) {
        e = errno;
        breachp_free(name);
        breachp_free(o->target);
        o->target = NULL;
        return breach_fail_at(err, BREACH_EIO, path, 0, 0, "cannot create: %s", strerror(e));
    }
    if (exists)
        (void)fchmod(fd, st.st_mode & 07777); /* a replaced file keeps its permissions */
    FILE *f = fdopen(fd, "w");
    if (!f) {
        e = errno;
        close(fd);
        unlink(name);
        breachp_free(name);
        breachp_free(o->target);
        o->target = NULL;
        return breach_fail_at(err, BREACH_EIO, path, 0, 0, "cannot create: %s", strerror(e));
    }
    o->f = f;
    o->tmp = name;
    return BREACH_OK;
}

int breach_file_replace_close(breach_outfile *o, int rc, breach_error *err)
{
    FILE *f = o->f;
    int bad = fflush(f) != 0 || ferror(f);
    /* a pipe or a device has nothing to sync (fsync fails with EINVAL there) */
    if (!bad && rc == BREACH_OK && o->tmp)
        bad = fsync(fileno(f)) != 0;
    int e = errno;
    bad |= fclose(f) != 0;
    if (bad && !e)
        e = errno;
    if (o->tmp && rc == BREACH_OK && !bad && rename(o->tmp, o->target) != 0) {
        bad = 1;
        e = errno;
    }
    if (o->tmp && (rc != BREACH_OK || bad))
        unlink(o->tmp); /* the target, if any, is as it was */
    breachp_free(o->tmp);
    breachp_free(o->target);
    o->f = NULL;
    o->tmp = NULL;
    o->target = NULL;
    if (rc == BREACH_OK && bad)
        rc = breach_fail_at(err, BREACH_EIO, o->path, 0, 0, "write error: %s", strerror(e));
    else if (rc == BREACH_EIO && err && !err->source[0])
        /* the writer's own write error (a full disk met before the end) names the file */
        snprintf(err->source, sizeof err->source, "%s", o->path);
    return rc;
}

/* The public output: the private one and its path, which the caller need not keep. */
struct breach_output {
    breach_outfile o;
    char path[];
};

breach_output *breach_output_open(const char *path, breach_error *err)
{
    if (!path) {
        breach_fail(err, BREACH_EINVAL, "breach_output_open: path is NULL");
        return NULL;
    }
    size_t n = strlen(path) + 1;
    breach_output *out = breachp_malloc(sizeof *out + n);
    if (!out) {
        breach_fail_at(err, BREACH_ENOMEM, path, 0, 0, "out of memory");
        return NULL;
    }
    memcpy(out->path, path, n);
    if (breach_file_replace_open(&out->o, out->path, err) != BREACH_OK) {
        /* err holds its own copy of the name */
        breachp_free(out);
        return NULL;
    }
    return out;
}

FILE *breach_output_stream(breach_output *o)
{
    return o ? o->o.f : NULL;
}

int breach_output_close(breach_output *o, int rc, breach_error *err)
{
    if (!o)
        return rc;
    rc = breach_file_replace_close(&o->o, rc, err);
    breachp_free(o);
    return rc;
}
