/* Whole-file input for loaders (private). */
#ifndef BREACH_FILE_PRIVATE_H
#define BREACH_FILE_PRIVATE_H

#include "breach_private.h"

#include <stdio.h>

typedef struct breach_file {
    const char *path; /* as opened (the caller's string): the file's own errors name it */
    const char *data;
    size_t len;
    size_t map_size; /* the anonymous mapping's size (>= len) when mapped */
    int mapped;
    char *owned;
    size_t released; /* bytes at the start already released */
    /* read while it is used (breach_file_open_lazy): bytes [0, avail) read so far, the
       pages before `recycled` moved to later bytes; fd open until the end is read */
    int lazy, fd;
    size_t avail, recycled;
} breach_file;

/* Opens path and makes its bytes available as f->data[0..f->len). BREACH_EIO with the
 * system's reason when it cannot. */
int breach_file_open(breach_file *f, const char *path, breach_error *err);
/* The same, a large regular file read by up to `threads` threads at once (parts of 4 MiB
 * or more). */
int breach_file_open_threads(breach_file *f, const char *path, unsigned threads,
                             breach_error *err);
void breach_file_close(breach_file *f);

/* A regular file of min_size bytes or more is mapped but not read: f->len is the size the
 * system gives, f->avail 0, and breach_file_fill reads it (f->lazy set). Anything else is
 * read whole, as by breach_file_open_threads. */
int breach_file_open_lazy(breach_file *f, const char *path, unsigned threads, size_t min_size,
                          breach_error *err);
/* Reads up to `want` more bytes of a lazy file after f->avail (a multiple of the page
 * size, but for the last), into pages moved there from the bytes f->data[f->recycled ..
 * reuse_upto) (no longer read by anyone: they read as zeros afterwards), so that a read
 * through the file touches no new page once it runs. *got: bytes read; fewer than wanted at
 * the end of the file, which then is f->len = f->avail and is read no further. Returns 0;
 * BREACH_FILE_SHRANK when that end came before the size the system gave at the open (a
 * file truncated meanwhile, whose reader must say so; the bytes read count); or the errno
 * of a failed read (nothing read, and the file ends where the read began). One thread at a
 * time. */
#define BREACH_FILE_SHRANK (-1)
int breach_file_fill(breach_file *f, size_t want, size_t reuse_upto, size_t *got);

/* BREACH_EIO for a file of `from` bytes at the open that ended after `to` when it was read:
 * another program wrote it meanwhile, and its bytes are not one file's. */
int breach_file_fail_shrank(breach_error *err, const char *source, size_t from, size_t to);

/* Tells the system that a mapped file's bytes before `upto` (a pointer into f->data) will
 * not be read again, so that their pages leave the process's resident set: a reader going
 * through a large file calls it as it goes (every few MiB), and the file's pages do not add
 * up to the file's size on top of the dataset. Nothing happens for a stream read into a
 * buffer or when less than the step has been read since the last call. The released bytes
 * are gone (they read as zeros): only the last pass over the data may release. */
void breach_file_release(breach_file *f, const char *upto);

/* Output written whole or not at all: a new temporary file in the target's folder (created
 * with the umask's permissions, or a replaced file's), renamed over the target by
 * breach_file_replace_close when the writing succeeded, removed otherwise, so that a
 * failure (a full disk, a refused value) leaves the old file intact. The target is path
 * with its symbolic links followed: a link stays a link, to the new file. A target that
 * exists and is not a regular file (a FIFO, /dev/null, /dev/full, a terminal) is opened and
 * written in place, with no temporary file: what was written before a failure stays
 * written. A directory is an error. */
typedef struct breach_outfile {
    FILE *f;          /* write here */
    char *tmp;        /* the temporary file (owned); NULL: written in place */
    char *target;     /* path with its links followed (owned) */
    const char *path; /* as the caller named it, for messages (borrowed) */
} breach_outfile;
/* Fills o. Returns BREACH_OK, or BREACH_EIO (a directory, a folder that does not exist,
 * no permission, ELOOP) or BREACH_ENOMEM with err naming path, o then holding nothing. */
int breach_file_replace_open(breach_outfile *o, const char *path, breach_error *err);
/* Flushes, syncs (a temporary file) and closes o->f; with rc == BREACH_OK renames the
 * temporary file over the target, else (or when writing failed) removes it. Frees what o
 * holds. Returns rc, or BREACH_EIO with err naming path when the writing or the renaming
 * failed; a BREACH_EIO rc whose err names no file gets path as its source. */
int breach_file_replace_close(breach_outfile *o, int rc, breach_error *err);

#endif
