/* Loading the inputs: every file into one dataset, in the order given, each in its own
 * format (named with --format, read through a --map mapping, or detected). One load report
 * collects them all, so rows read = loaded + rejected holds for the whole call.
 *
 * Exit codes: a file that cannot be used at all (unreadable, unknown format, bad header,
 * bad mapping) is BS_EXIT_INPUT; in strict mode the first rejected row is
 * BS_EXIT_REJECTED. In lenient mode rejected rows are listed on stderr with their place
 * and the load goes on. */
#include "breachstat.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_LISTED 20 /* rejected rows and warnings listed without --verbose */

/* Standard input is spooled to a temporary file: format detection needs to look at the
 * first bytes, and the loaders read files. */
static char *spool_stdin(void)
{
    const char *dir = getenv("TMPDIR");
    char *path = bs_xasprintf("%s/breachstat-stdin-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0) {
        bs_warn("cannot create a temporary file for standard input: %s", strerror(errno));
        free(path);
        return NULL;
    }
    char buf[65536];
    for (;;) {
        ssize_t n = read(STDIN_FILENO, buf, sizeof buf);
        if (n == 0)
            break;
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 || write(fd, buf, (size_t)n) != n) {
            bs_warn("cannot read standard input: %s", strerror(errno));
            close(fd);
            unlink(path);
            free(path);
            return NULL;
        }
    }
    close(fd);
    return path;
}

typedef struct mapping_cache {
    const char *path;
    breach_mapping *m;
} mapping_cache;

static int load_one(bs_ctx *ctx, bs_input *in, size_t k, mapping_cache *maps, size_t *n_maps)
{
    breach_error e;
    memset(&e, 0, sizeof e);
    char *spooled = NULL;
    const char *path = in->path;
    in->name = in->path;
    in->input = -1;
    if (strcmp(in->path, "-") == 0) {
        spooled = spool_stdin();
        if (!spooled)
            return BS_EXIT_INPUT;
        path = spooled;
        in->name = "<stdin>";
    }
    breach_load_options opt;
    breach_load_options_init(&opt);
    opt.lenient = ctx->lenient;
    opt.source_name = in->name;

    size_t inputs0 = breach_dataset_n_inputs(ctx->ds);
    size_t read0 = breach_report_rows_read(ctx->rep), loaded0 = breach_report_rows_loaded(ctx->rep),
           rejected0 = breach_report_rows_rejected(ctx->rep),
           warn0 = breach_report_n_warnings(ctx->rep), size0 = breach_dataset_size(ctx->ds);
    int rc, status = BS_EXIT_OK;

    char what[512];
    struct stat st;
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= 1 << 20)
        snprintf(what, sizeof what, "loading %s (%.1f MB, file %zu of %zu)", in->name,
                 (double)st.st_size / (1 << 20), k + 1, ctx->n_inputs);
    else
        snprintf(what, sizeof what, "loading %s (file %zu of %zu)", in->name, k + 1,
                 ctx->n_inputs);

    if (in->map) {
        breach_mapping *m = NULL;
        for (size_t i = 0; i < *n_maps; i++)
            if (strcmp(maps[i].path, in->map) == 0)
                m = maps[i].m;
        if (!m) {
            m = breach_mapping_read_file(in->map, &e);
            if (!m) {
                bs_print_error(&e);
                free(spooled);
                return BS_EXIT_INPUT;
            }
            maps[*n_maps].path = in->map;
            maps[(*n_maps)++].m = m;
        }
        in->format_used = "mapped";
        bs_progress_start(ctx, what);
        rc = breach_mapped_read_file(ctx->ds, path, m, &opt, ctx->rep, &e);
        bs_progress_stop();
    } else {
        const char *fmt = in->format;
        if (!fmt) {
            fmt = breach_format_detect_file(path, &e);
            if (!fmt) {
                if (spooled)
                    snprintf(e.source, sizeof e.source, "%s", in->name);
                bs_print_error(&e);
                if (e.code == BREACH_EFORMAT && !ctx->quiet)
                    fprintf(stderr, "%s: name the format with --format NAME (canonical, hhs, "
                                    "wa, veris, hibp) or give a column mapping with --map\n",
                            bs_progname);
                if (spooled)
                    unlink(spooled);
                free(spooled);
                return BS_EXIT_INPUT;
            }
        }
        in->format_used = fmt;
        bs_progress_start(ctx, what);
        rc = breach_load(ctx->ds, path, fmt, &opt, ctx->rep, &e);
        bs_progress_stop();
        if (rc == BREACH_EINVAL && in->format && breach_report_rows_read(ctx->rep) == read0) {
            /* the library does not know the format name: a usage error */
            bs_print_error(&e);
            status = BS_EXIT_USAGE;
        }
    }
    if (spooled)
        unlink(spooled);
    free(spooled);

    in->rows_read = breach_report_rows_read(ctx->rep) - read0;
    in->rows_loaded = breach_report_rows_loaded(ctx->rep) - loaded0;
    in->rows_rejected = breach_report_rows_rejected(ctx->rep) - rejected0;
    in->warnings = breach_report_n_warnings(ctx->rep) - warn0;
    in->incidents = breach_dataset_size(ctx->ds) - size0;
    in->input = breach_dataset_n_inputs(ctx->ds) > inputs0
                    ? (long)breach_dataset_n_inputs(ctx->ds) - 1 : -1;
    if (rc == BREACH_OK || status != BS_EXIT_OK)
        return status;

    bs_print_error(&e);
    if (!ctx->lenient && in->rows_rejected > 0) {
        if (!ctx->quiet)
            fprintf(stderr,
                    "%s: %s: row rejected in strict mode after %zu good rows; --lenient skips "
                    "bad rows and lists them\n",
                    bs_progname, in->name, in->rows_loaded);
        return BS_EXIT_REJECTED;
    }
    if (rc == BREACH_ENOMEM)
        return BS_EXIT_FAIL;
    return BS_EXIT_INPUT;
}

/* "FILE:LINE:COLUMN", "FILE:LINE" when the column is not known (0: no column is
 * invented), "FILE" when neither is. */
static const char *place(const char *src, const breach_issue *is, char *buf, size_t size)
{
    if (is->line > 0 && is->column > 0)
        snprintf(buf, size, "%s:%ld:%ld", src ? src : "?", is->line, is->column);
    else if (is->line > 0)
        snprintf(buf, size, "%s:%ld", src ? src : "?", is->line);
    else
        snprintf(buf, size, "%s", src ? src : "?");
    return buf;
}

static void list_issues(const bs_ctx *ctx)
{
    const breach_report *r = ctx->rep;
    char pl[512];
    size_t nrej = breach_report_n_rejects(r), nwarn = breach_report_n_warnings(r);
    if (ctx->lenient) {
        size_t shown = ctx->verbose ? nrej : (nrej < MAX_LISTED ? nrej : MAX_LISTED);
        for (size_t i = 0; i < shown; i++) {
            breach_issue is;
            if (breach_report_reject(r, i, &is) != BREACH_OK)
                continue;
            const char *src = breach_report_reject_source(r, i);
            fprintf(stderr, "%s: rejected row %ld: %s\n", place(src, &is, pl, sizeof pl), is.row,
                    is.text ? is.text : "");
        }
        if (shown < nrej)
            fprintf(stderr, "%s: ... and %zu more rejected %s (--verbose lists them all)\n",
                    bs_progname, nrej - shown, bs_plural(nrej - shown, "row", "rows"));
    }
    if (ctx->quiet)
        return;
    if (ctx->verbose) {
        for (size_t i = 0; i < nwarn; i++) {
            breach_issue is;
            if (breach_report_warning(r, i, &is) != BREACH_OK)
                continue;
            const char *src = breach_report_warning_source(r, i);
            fprintf(stderr, "%s: warning: row %ld: %s\n", place(src, &is, pl, sizeof pl), is.row,
                    is.text ? is.text : "");
        }
    }
    for (size_t k = 0; k < ctx->n_inputs; k++) {
        const bs_input *in = &ctx->inputs[k];
        char a[BS_NUM], b[BS_NUM], c[BS_NUM], d[BS_NUM];
        if (in->rows_rejected || (in->warnings && !ctx->verbose))
            fprintf(stderr, "%s: %s (%s): %s %s read, %s loaded, %s rejected, %s %s%s\n",
                    bs_progname, in->name, in->format_used ? in->format_used : "?",
                    bs_fmt_uint(in->rows_read, a, sizeof a), bs_plural(in->rows_read, "row", "rows"),
                    bs_fmt_uint(in->rows_loaded, b, sizeof b),
                    bs_fmt_uint(in->rows_rejected, c, sizeof c), bs_fmt_uint(in->warnings, d, sizeof d),
                    bs_plural(in->warnings, "warning", "warnings"),
                    in->warnings && !ctx->verbose
                        ? (in->warnings == 1 ? " (--verbose lists it)" : " (--verbose lists them)")
                        : "");
    }
}

/* Zero rows loaded is an error unless --allow-empty: a statistic of nothing reads as a
 * finding ("0 incidents") when it is a wrong file or a wrong format. */
static int check_not_empty(const bs_ctx *ctx)
{
    size_t read = 0, loaded = 0, rejected = 0;
    for (size_t k = 0; k < ctx->n_inputs; k++) {
        read += ctx->inputs[k].rows_read;
        loaded += ctx->inputs[k].rows_loaded;
        rejected += ctx->inputs[k].rows_rejected;
    }
    if (loaded > 0 || bs_flag(ctx, "allow-empty"))
        return BS_EXIT_OK;
    char a[BS_NUM];
    if (rejected > 0) {
        fprintf(stderr,
                "%s: every row was rejected (%s %s read, none loaded): nothing to compute "
                "(--allow-empty computes on nothing)\n",
                bs_progname, bs_fmt_uint(read, a, sizeof a), bs_plural(read, "row", "rows"));
        return BS_EXIT_REJECTED;
    }
    fprintf(stderr,
            "%s: no rows loaded from %s: nothing to compute (--allow-empty computes on "
            "nothing)\n",
            bs_progname, ctx->n_inputs == 1 ? "the file" : "any file");
    return BS_EXIT_INPUT;
}

int bs_load_inputs(bs_ctx *ctx)
{
    breach_error e;
    ctx->ds = breach_dataset_new(&e);
    ctx->rep = breach_report_new();
    if (!ctx->ds || !ctx->rep) {
        bs_warn("out of memory");
        return BS_EXIT_FAIL;
    }
    mapping_cache *maps = bs_xcalloc(ctx->n_inputs, sizeof *maps);
    size_t n_maps = 0;
    int status = BS_EXIT_OK;
    for (size_t k = 0; k < ctx->n_inputs && status == BS_EXIT_OK; k++)
        status = load_one(ctx, &ctx->inputs[k], k, maps, &n_maps);
    for (size_t i = 0; i < n_maps; i++)
        breach_mapping_free(maps[i].m);
    free(maps);
    /* each input's own warnings; the notices a later load found listed twice are told apart */
    for (size_t k = 0; k < ctx->n_inputs; k++) {
        breach_input_info info;
        bs_input *in = &ctx->inputs[k];
        if (in->input >= 0 &&
            breach_dataset_input(ctx->ds, (size_t)in->input, &info, NULL) == BREACH_OK &&
            info.has_rows)
            in->warnings = info.n_warnings;
    }
    if (status == BS_EXIT_OK) {
        list_issues(ctx);
        status = check_not_empty(ctx);
    }
    if (status == BS_EXIT_OK) {
        size_t dropped = breach_dataset_n_dropped(ctx->ds);
        if (dropped && !ctx->quiet) {
            char a[BS_NUM];
            fprintf(stderr,
                    "%s: %s %s listed again by a newer input %s counted once, from the newest "
                    "(%s; --keep-duplicates keeps %s)\n",
                    bs_progname, bs_fmt_uint(dropped, a, sizeof a),
                    dropped == 1 ? "notice" : "notices", dropped == 1 ? "is" : "are",
                    ctx->verbose ? "listed above" : "--verbose lists each",
                    dropped == 1 ? "it" : "them");
        }
    }
    return status;
}

char *bs_inputs_description(const bs_ctx *ctx)
{
    bs_buf b;
    bs_buf_init(&b);
    for (size_t k = 0; k < ctx->n_inputs; k++) {
        const bs_input *in = &ctx->inputs[k];
        const char *name = in->name ? in->name : in->path;
        const char *base = strrchr(name, '/');
        bs_buf_printf(&b, "%s%s (%s, %zu %s)", k ? ", " : "", base ? base + 1 : name,
                      in->format_used ? in->format_used : "?", in->rows_loaded,
                      bs_plural(in->rows_loaded, "row", "rows"));
    }
    return bs_buf_take(&b);
}
