/* Whole-file input for loaders (private). */
#ifndef BREACH_FILE_PRIVATE_H
#define BREACH_FILE_PRIVATE_H

#include "breach_private.h"

typedef struct breach_file {
    const char *data;
    size_t len;
    int mapped;
    char *owned;
} breach_file;

/* Opens path and makes its bytes available as f->data[0..f->len). BREACH_EIO with the
 * system's reason when it cannot. */
int breach_file_open(breach_file *f, const char *path, breach_error *err);
void breach_file_close(breach_file *f);

#endif
