/* The progress line: while a load runs longer than half a second, a line on stderr says
 * what is being read and for how long, redrawn in place; it disappears when the step ends.
 * Only when stderr is a terminal (never in pipes, logs or tests) and not --no-progress or
 * --quiet.
 *
 * The library's loaders take no progress callback (see the proposal in the tool's notes),
 * so for a load the line shows the elapsed time; the helper thread only reads the clock,
 * never the dataset being filled. The statistics that repeat a step (bootstraps, the
 * power-law p-value) take bs_progress_count as their breach_progress_fn: the library
 * reports done of total steps, and the line shows them with the estimated time left. */
#include "breachstat.h"

#include <pthread.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static struct {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool running, stop, shown;
    char what[512];
    struct timespec start;
    uint64_t done, total; /* from bs_progress_count; total 0: no count known */
    double done_at;       /* seconds from start when `done` was reported */
} P = {.lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER};

static double since(const struct timespec *t0)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t0->tv_sec) + (double)(now.tv_nsec - t0->tv_nsec) / 1e9;
}

static void *run(void *arg)
{
    (void)arg;
    static const char spin[] = "|/-\\";
    unsigned tick = 0;
    pthread_mutex_lock(&P.lock);
    while (!P.stop) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        long step = P.shown ? 250000000L : 500000000L; /* first after 0.5 s, then 4 a second */
        until.tv_nsec += step;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&P.wake, &P.lock, &until);
        if (P.stop)
            break;
        double t = since(&P.start);
        if (P.total && P.done) {
            /* the rate so far, from the last report (steps cost about the same) */
            double left = P.done_at * (double)(P.total - P.done) / (double)P.done;
            fprintf(stderr, "\r%s: %s %c %llu of %llu (%.0f %%), %.1f s, about %.0f s left\033[K",
                    bs_progname, P.what, spin[tick++ % 4], (unsigned long long)P.done,
                    (unsigned long long)P.total, 100.0 * (double)P.done / (double)P.total, t,
                    left + 0.5);
        } else if (P.total) {
            fprintf(stderr, "\r%s: %s %c 0 of %llu, %.1f s\033[K", bs_progname, P.what,
                    spin[tick++ % 4], (unsigned long long)P.total, t);
        } else {
            fprintf(stderr, "\r%s: %s %c %.1f s\033[K", bs_progname, P.what, spin[tick++ % 4],
                    t);
        }
        fflush(stderr);
        P.shown = true;
    }
    pthread_mutex_unlock(&P.lock);
    return NULL;
}

void bs_progress_start(const bs_ctx *ctx, const char *what)
{
    if (!ctx->progress || ctx->quiet || !isatty(STDERR_FILENO) || P.running)
        return;
    /* escaped for the terminal; a cut never splits a code point or an escape (the text is
     * escaped ASCII and UTF-8: back up over continuation bytes) */
    bs_buf b;
    bs_buf_init(&b);
    bs_buf_term(&b, what, false);
    size_t n = b.len < sizeof P.what ? b.len : sizeof P.what - 1;
    if (n < b.len)
        while (n > 0 && ((unsigned char)b.s[n] & 0xC0) == 0x80)
            n--;
    memcpy(P.what, b.s ? b.s : "", n);
    P.what[n] = '\0';
    bs_buf_free(&b);
    clock_gettime(CLOCK_MONOTONIC, &P.start);
    P.stop = P.shown = false;
    P.done = P.total = 0;
    P.done_at = 0;
    if (pthread_create(&P.thread, NULL, run, NULL) == 0)
        P.running = true;
}

int bs_progress_count(uint64_t done, uint64_t total, void *ctx)
{
    (void)ctx;
    if (!P.running)
        return 0;
    pthread_mutex_lock(&P.lock);
    P.done = done;
    P.total = total;
    P.done_at = since(&P.start);
    pthread_mutex_unlock(&P.lock);
    return 0; /* never cancels: Ctrl-C ends the process as usual */
}

void bs_progress_stop(void)
{
    if (!P.running)
        return;
    pthread_mutex_lock(&P.lock);
    P.stop = true;
    pthread_cond_signal(&P.wake);
    pthread_mutex_unlock(&P.lock);
    pthread_join(P.thread, NULL);
    P.running = false;
    if (P.shown) {
        fprintf(stderr, "\r%s: %s: done in %.1f s\033[K\n", bs_progname, P.what, since(&P.start));
        fflush(stderr);
    }
}
