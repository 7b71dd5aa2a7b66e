/* Progress and cancellation of long computations (breach_progress_fn in common.h). The
 * caller's function (Python, a terminal line) runs at most ten times a second; between its
 * calls the clock is read every `stride` steps, the stride doubling while reads come less
 * than 1 ms apart and halving when they come more than 4 ms apart, so that cheap steps
 * (a bootstrap mean of 12 values: 0.4 us) do not pay a clock read each (measured: 10 % of
 * the run when read every step) and a cancel request is still seen within about 0.1 s plus
 * a few milliseconds of steps. */
#include "progress_private.h"

#include "breach/stats.h"

/* The options that gained progress + progress_ctx in place of two reserved words keep their
 * size where pointers are 8 bytes (the ABI as published). */
#if UINTPTR_MAX == UINT64_MAX
_Static_assert(sizeof(breach_bootstrap_options) == 48, "bootstrap options size changed");
_Static_assert(sizeof(breach_powerlaw_options) == 56, "power-law options size changed");
_Static_assert(sizeof(breach_counts_options) == 88, "counts options size changed"); /* 72 until the cross-tab fields (0.x) */
#endif

#define INTERVAL_NS 100000000LL /* 0.1 s between calls of the caller's function */
#define READ_MIN_NS 1000000LL    /* clock reads closer than 1 ms: read less often */
#define READ_MAX_NS 4000000LL    /* further than 4 ms: read more often */
#define MAX_STRIDE ((uint64_t)1 << 20)

static void now(struct timespec *t)
{
    clock_gettime(CLOCK_MONOTONIC, t);
}

static long long ns_between(const struct timespec *a, const struct timespec *b)
{
    return (long long)(b->tv_sec - a->tv_sec) * 1000000000LL + (b->tv_nsec - a->tv_nsec);
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
    p->stride = 1;
    p->next = 1;
    if (!fn)
        return BREACH_OK;
    now(&p->last);
    p->read = p->last;
    return fn(0, total, ctx) ? cancelled(p, 0, err) : BREACH_OK;
}

int breach_progress_step(breach_progress *p, uint64_t done, breach_error *err)
{
    if (!p->fn || done >= p->total || done < p->next)
        return BREACH_OK; /* the last step is reported by breach_progress_end */
    struct timespec t;
    now(&t);
    long long since_read = ns_between(&p->read, &t);
    p->read = t;
    if (since_read < READ_MIN_NS && p->stride < MAX_STRIDE)
        p->stride *= 2;
    else if (since_read > READ_MAX_NS && p->stride > 1)
        p->stride /= 2;
    p->next = done + p->stride;
    if (ns_between(&p->last, &t) < INTERVAL_NS)
        return BREACH_OK;
    p->last = t;
    return p->fn(done, p->total, p->ctx) ? cancelled(p, done, err) : BREACH_OK;
}

void breach_progress_end(breach_progress *p)
{
    if (p->fn)
        (void)p->fn(p->total, p->total, p->ctx);
}
