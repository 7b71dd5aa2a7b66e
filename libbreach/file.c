/* Whole-file input: regular files are mapped, anything else (pipes) is read. */
#define _DEFAULT_SOURCE /* madvise */
#include "file_private.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int breach_file_open(breach_file *f, const char *path, breach_error *err)
{
    memset(f, 0, sizeof *f);
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
    if (S_ISREG(st.st_mode)) {
        if (st.st_size == 0) {
            close(fd);
            f->data = "";
            return BREACH_OK;
        }
        void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        close(fd);
        if (p == MAP_FAILED)
            return breach_fail_at(err, BREACH_EIO, path, 0, 0, "cannot map: %s", strerror(errno));
        posix_madvise(p, (size_t)st.st_size, POSIX_MADV_SEQUENTIAL);
        f->data = p;
        f->len = (size_t)st.st_size;
        f->mapped = 1;
        return BREACH_OK;
    }
    size_t cap = 0, len = 0;
    char *buf = NULL;
    for (;;) {
        if (breach_grow((void **)&buf, &cap, len + 65536, 1)) {
            free(buf);
            close(fd);
            return breach_fail_at(err, BREACH_ENOMEM, path, 0, 0, "out of memory reading");
        }
        ssize_t got = read(fd, buf + len, cap - len);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            int e = errno;
            free(buf);
            close(fd);
            return breach_fail_at(err, BREACH_EIO, path, 0, 0, "read error: %s", strerror(e));
        }
        if (got == 0)
            break;
        len += (size_t)got;
    }
    close(fd);
    f->data = buf ? buf : "";
    f->len = len;
    f->owned = buf;
    return BREACH_OK;
}

void breach_file_close(breach_file *f)
{
    if (f->mapped)
        munmap((void *)f->data, f->len);
    free(f->owned);
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
