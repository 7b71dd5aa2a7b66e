/* The progress line: while a load runs longer than half a second, a line on stderr says
 * what is being read and for how long, redrawn in place; it disappears when the step ends.
 * Only when stderr is a terminal (never in pipes, logs or tests) and not --no-progress or
 * --quiet.
 *
 * The library's loaders take no progress callback (see the proposal in the tool's notes),
 * so the line shows the elapsed time and the file's size rather than a percentage; the
 * helper thread only reads the clock, never the dataset being filled. */
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
        fprintf(stderr, "\r%s: %s %c %.1f s\033[K", bs_progname, P.what, spin[tick++ % 4],
                since(&P.start));
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
    if (pthread_create(&P.thread, NULL, run, NULL) == 0)
        P.running = true;
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
