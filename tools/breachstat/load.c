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
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_LISTED 20 /* rejected rows and warnings listed without --verbose */

/* Standard input and other streams (pipes, FIFOs, devices: `<(cmd)`, /dev/stdin) are read
 * once, into memory: the format is told from their first bytes and the loader reads the same
 * bytes (a pipe cannot be read twice, and opening a FIFO again waits for a writer that has
 * gone). No temporary file is made, so none is left behind when the process is killed. Text
 * holds no NUL byte: a NUL ends the read with an error, so that /dev/zero is refused after
 * its first block instead of filling memory (a zip archive, VERIS's, is read whole). */
typedef struct stream {
    char *data;
    size_t len;
} stream;

static int read_stream(int fd, const char *name, stream *st)
{
    size_t cap = 0;
    st->data = NULL;
    st->len = 0;
    for (;;) {
        if (st->len + 65536 > cap) {
            cap = cap ? 2 * cap : 1 << 20;
            st->data = bs_xrealloc(st->data, cap, 1);
        }
        ssize_t n = read(fd, st->data + st->len, cap - st->len);
        if (n == 0)
            break;
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            bs_eprintf("%s: error: cannot read: %s\n", name, strerror(errno));
            free(st->data);
            return BS_EXIT_INPUT;
        }
        bool zip = st->len + (size_t)n >= 4 && memcmp(st->data, "PK\3\4", 4) == 0;
        const char *nul = zip ? NULL : memchr(st->data + st->len, '\0', (size_t)n);
        if (nul) {
            bs_eprintf("%s: error: a NUL byte at offset %zu: not a text file\n", name,
                       (size_t)(nul - st->data));
            free(st->data);
            return BS_EXIT_INPUT;
        }
        st->len += (size_t)n;
    }
    return BS_EXIT_OK;
}

/* Whether path names a stream rather than a file or a directory. */
static bool is_stream(const char *path)
{
    struct stat st;
    return strcmp(path, "-") == 0 ||
           (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode));
}

/* The library's reader of a format's bytes (NULL: not a format name). */
static int (*buffer_reader(const char *fmt))(breach_dataset *, const char *, size_t,
                                             const breach_load_options *, breach_report *,
                                             breach_error *)
{
    if (strcasecmp(fmt, "canonical") == 0 || strcasecmp(fmt, "csv") == 0)
        return breach_csv_read_buffer;
    if (strcasecmp(fmt, "hhs") == 0)
        return breach_hhs_read_buffer;
    if (strcasecmp(fmt, "wa") == 0)
        return breach_wa_read_buffer;
    if (strcasecmp(fmt, "veris") == 0 || strcasecmp(fmt, "vcdb") == 0)
        return breach_veris_read_buffer;
    if (strcasecmp(fmt, "hibp") == 0)
        return breach_hibp_read_buffer;
    return NULL;
}

typedef struct mapping_cache {
    const char *path;
    breach_mapping *m;
} mapping_cache;

static int load_one(bs_ctx *ctx, bs_input *in, size_t k, mapping_cache *maps, size_t *n_maps)
{
    breach_error e;
    memset(&e, 0, sizeof e);
    const char *path = in->path;
    in->name = in->path;
    in->input = -1;
    stream sm = {NULL, 0};
    bool streamed = is_stream(path);
    if (streamed) {
        int fd = STDIN_FILENO;
        if (strcmp(path, "-") == 0)
            in->name = "<stdin>";
        else if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
            bs_eprintf("%s: error: cannot open: %s\n", path, strerror(errno));
            return BS_EXIT_INPUT;
        }
        int r = read_stream(fd, in->name, &sm);
        if (fd != STDIN_FILENO)
            close(fd);
        if (r != BS_EXIT_OK)
            return r;
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
                free(sm.data);
                return BS_EXIT_INPUT;
            }
            maps[*n_maps].path = in->map;
            maps[(*n_maps)++].m = m;
        }
        in->format_used = "mapped";
        bs_progress_start(ctx, what);
        rc = streamed ? breach_mapped_read_buffer(ctx->ds, sm.data, sm.len, m, &opt, ctx->rep, &e)
                      : breach_mapped_read_file(ctx->ds, path, m, &opt, ctx->rep, &e);
        bs_progress_stop();
    } else {
        const char *fmt = in->format;
        if (!fmt) {
            fmt = streamed ? breach_format_detect_buffer(sm.data, sm.len, in->name, &e)
                           : breach_format_detect_file(path, &e);
            if (!fmt) {
                bs_print_error(&e);
                /* not for a file that no format name would read (UTF-16, an empty zip) */
                if (e.code == BREACH_EFORMAT && !ctx->quiet &&
                    strncmp(e.text, "cannot tell the format", 22) == 0)
                    bs_eprintf("%s: name the format with --format NAME (canonical, hhs, "
                                    "wa, veris, hibp) or give a column mapping with --map\n",
                            bs_progname);
                free(sm.data);
                return BS_EXIT_INPUT;
            }
        }
        in->format_used = fmt;
        bs_progress_start(ctx, what);
        if (streamed && buffer_reader(fmt))
            rc = buffer_reader(fmt)(ctx->ds, sm.data, sm.len, &opt, ctx->rep, &e);
        else if (streamed) {
            e.code = rc = BREACH_EINVAL; /* as breach_load says of a name it does not know */
            snprintf(e.text, sizeof e.text,
                     "unknown format '%.40s' (canonical (csv), hhs, wa, veris, hibp or auto)", fmt);
        }
        else
            rc = breach_load(ctx->ds, path, fmt, &opt, ctx->rep, &e);
        bs_progress_stop();
        if (rc == BREACH_EINVAL && in->format && breach_report_rows_read(ctx->rep) == read0) {
            /* the library does not know the format name: a usage error */
            bs_print_error(&e);
            status = BS_EXIT_USAGE;
        }
    }
    free(sm.data);

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
            bs_eprintf(
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
            if (is.row > 0)
                bs_eprintf("%s: rejected row %ld: %s\n", place(src, &is, pl, sizeof pl), is.row,
                           is.text ? is.text : "");
            else /* row 0: a JSON file or archive member rejected from that place on */
                bs_eprintf("%s: rejected: %s\n", place(src, &is, pl, sizeof pl),
                           is.text ? is.text : "");
        }
        if (shown < nrej)
            bs_eprintf("%s: ... and %zu more rejected %s (--verbose lists them all)\n",
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
            bs_eprintf("%s: warning: row %ld: %s\n", place(src, &is, pl, sizeof pl), is.row,
                    is.text ? is.text : "");
        }
    }
    for (size_t k = 0; k < ctx->n_inputs; k++) {
        const bs_input *in = &ctx->inputs[k];
        char a[BS_NUM], b[BS_NUM], c[BS_NUM], d[BS_NUM];
        if (in->rows_rejected || (in->warnings && !ctx->verbose))
            bs_eprintf("%s: %s (%s): %s %s read, %s loaded, %s rejected, %s %s%s\n",
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
            bs_eprintf(
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
