/* Progress and cancellation of long computations (breach_progress_fn in common.h). The
 * clock is read after every step (a vDSO call, tens of nanoseconds, against steps of
 * microseconds to seconds), so that a caller's cancel request is seen within about 0.1 s
 * plus one step whatever the step costs, while the caller's function (Python, a terminal
 * line) runs at most ten times a second. */
#include "progress_private.h"

#include "breach/stats.h"

/* The options that gained progress + progress_ctx in place of two reserved words keep their
 * size where pointers are 8 bytes (the ABI as published). */
#if UINTPTR_MAX == UINT64_MAX
_Static_assert(sizeof(breach_bootstrap_options) == 48, "bootstrap options size changed");
_Static_assert(sizeof(breach_powerlaw_options) == 56, "power-law options size changed");
_Static_assert(sizeof(breach_counts_options) == 72, "counts options size changed");
#endif

#define INTERVAL_NS 100000000L /* 0.1 s */

static void now(struct timespec *t)
{
    clock_gettime(CLOCK_MONOTONIC, t);
}

static int cancelled(const breach_progress *p, uint64_t done, breach_error *err)
{
    return breach_fail(err, BREACH_ECANCELLED, "%s was cancelled after %llu of %llu steps",
                       p->what ? p->what : "the computation", (unsigned long long)done,
                       (unsigned long long)p->total);
}

int breach_progress_begin(breach_progress *p, breach_progress_fn fn, void *ctx, uint64_t total,
                          const char *what, breach_error *err)
{
    p->fn = fn;
    p->ctx = ctx;
    p->total = total;
    p->what = what;
    if (!fn)
        return BREACH_OK;
    now(&p->last);
    return fn(0, total, ctx) ? cancelled(p, 0, err) : BREACH_OK;
}

int breach_progress_step(breach_progress *p, uint64_t done, breach_error *err)
{
    if (!p->fn || done >= p->total)
        return BREACH_OK; /* the last step is reported by breach_progress_end */
    struct timespec t;
    now(&t);
    long long ns = (long long)(t.tv_sec - p->last.tv_sec) * 1000000000LL +
                   (t.tv_nsec - p->last.tv_nsec);
    if (ns < INTERVAL_NS)
        return BREACH_OK;
    p->last = t;
    return p->fn(done, p->total, p->ctx) ? cancelled(p, done, err) : BREACH_OK;
}

void breach_progress_end(breach_progress *p)
{
    if (p->fn)
        (void)p->fn(p->total, p->total, p->ctx);
}
