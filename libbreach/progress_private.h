/* Calling a caller's breach_progress_fn from a long computation (private): at the start,
 * after a step when 0.1 s has passed since the last call, and at the end; a non-zero
 * answer becomes BREACH_ECANCELLED. Without a function every call is a no-op, so loops
 * call these unconditionally. */
#ifndef BREACH_PROGRESS_PRIVATE_H
#define BREACH_PROGRESS_PRIVATE_H

#include "breach_private.h"

#include <time.h>

typedef struct breach_progress {
    breach_progress_fn fn; /* NULL: no progress */
    void *ctx;
    uint64_t total;
    struct timespec last;  /* when fn was last called */
    struct timespec read;  /* when the clock was last read */
    uint64_t stride, next; /* the clock is read at step `next`, then `stride` steps on */
    const char *what;      /* "the bootstrap", for the cancellation message */
} breach_progress;

/* Sets p up for `total` steps and calls fn(0, total). BREACH_OK, or BREACH_ECANCELLED
 * (err filled) when fn asks to stop. */
int breach_progress_begin(breach_progress *p, breach_progress_fn fn, void *ctx, uint64_t total,
                          const char *what, breach_error *err);

/* After step `done` (1 .. total): calls fn(done, total) when 0.1 s has passed since the last
 * call. BREACH_OK or BREACH_ECANCELLED (err filled). */
int breach_progress_step(breach_progress *p, uint64_t done, breach_error *err);

/* Calls fn(total, total) when the work is over; its answer is not a cancellation. */
void breach_progress_end(breach_progress *p);

#endif
