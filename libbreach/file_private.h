/* Whole-file input for loaders (private). */
#ifndef BREACH_FILE_PRIVATE_H
#define BREACH_FILE_PRIVATE_H

#include "breach_private.h"

typedef struct breach_file {
    const char *data;
    size_t len;
    size_t map_size; /* the anonymous mapping's size (>= len) when mapped */
    int mapped;
    char *owned;
    size_t released; /* bytes at the start already released */
} breach_file;

/* Opens path and makes its bytes available as f->data[0..f->len). BREACH_EIO with the
 * system's reason when it cannot. */
int breach_file_open(breach_file *f, const char *path, breach_error *err);
void breach_file_close(breach_file *f);

/* Tells the system that a mapped file's bytes before `upto` (a pointer into f->data) will
 * not be read again, so that their pages leave the process's resident set: a reader going
 * through a large file calls it as it goes (every few MiB), and the file's pages do not add
 * up to the file's size on top of the dataset. Nothing happens for a stream read into a
 * buffer or when less than the step has been read since the last call. The released bytes
 * are gone (they read as zeros): only the last pass over the data may release. */
void breach_file_release(breach_file *f, const char *upto);

#endif
