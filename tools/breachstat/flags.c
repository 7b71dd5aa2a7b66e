/* Flagged notices (breach_dataset_flagged): the sentence that says how many of the selected
 * notices a source flags, and the user's own command with the --where options that leave
 * them out. Every statistics command prints them (bs_doc_flagged), since their figures,
 * and the intervals that assume a random sample, include those notices; the report gives
 * them a section. */
#include "breachstat.h"

#include <stdlib.h>
#include <string.h>

/* Appends s, single-quoted when it holds anything a shell would read. */
static void shell_word(bs_buf *b, const char *s)
{
    if (*s && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
                        "_-./=:,+@%") == strlen(s)) {
        bs_buf_puts(b, s);
        return;
    }
    bs_buf_puts(b, "'");
    for (const char *p = s; *p; p++)
        if (*p == '\'')
            bs_buf_puts(b, "'\\''");
        else
            bs_buf_add(b, p, 1);
    bs_buf_puts(b, "'");
}

static bool same(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* The command line that ran, rebuilt from ctx (options by their long names), with `where`
 * added before the files: the same output with the flagged notices left out. --format and
 * --map are written before the files they apply to, as ctx resolved them. */
static char *rebuilt_command(const bs_ctx *ctx, const char *where)
{
    bs_buf c;
    bs_buf_init(&c);
    bs_buf_printf(&c, "%s %s", bs_progname, ctx->cmd->name);
    for (size_t i = 0; i < ctx->n_opts; i++) {
        const bs_optval *o = &ctx->opts[i];
        if (strcmp(o->spec->name, "format") == 0 || strcmp(o->spec->name, "map") == 0)
            continue;
        bs_buf_printf(&c, " --%s", o->spec->name);
        if (o->value) {
            bs_buf_puts(&c, " ");
            shell_word(&c, o->value);
        }
    }
    bs_buf_printf(&c, " %s", where);
    const char *format = NULL, *map = NULL;
    for (size_t i = 0; i < ctx->n_inputs; i++) {
        const bs_input *in = &ctx->inputs[i];
        if (!same(in->format, format) || !same(in->map, map)) {
            if (in->map) {
                bs_buf_puts(&c, " --map ");
                shell_word(&c, in->map);
            } else {
                bs_buf_puts(&c, " --format ");
                shell_word(&c, in->format ? in->format : "auto");
            }
            format = in->format;
            map = in->map;
        }
        bs_buf_puts(&c, " ");
        /* a file named -x would read as an option; "-" stays standard input */
        if (in->path[0] == '-' && in->path[1])
            bs_buf_puts(&c, "./");
        shell_word(&c, in->path);
    }
    char *s = bs_buf_take(&c);
    bs_buf_free(&c);
    return s;
}

int bs_flagged(const bs_ctx *ctx, bs_flags *out)
{
    breach_flag_count rows[16];
    breach_error e;
    memset(out, 0, sizeof *out);
    long n = breach_dataset_flagged(ctx->ds, &ctx->filter, rows, 16, &out->n, &e);
    if (n < 0)
        return bs_stat_failed("flagged notices", &e);
    if (n == 0)
        return BS_EXIT_OK;
    if (n > 16)
        n = 16;
    char a[BS_NUM];
    bs_buf s, w, c;
    bs_buf_init(&s);
    bs_buf_init(&w);
    bs_buf_init(&c);
    bs_buf_printf(&s, "%s selected %s flagged by %s source: ", bs_fmt_uint(out->n, a, sizeof a),
                  out->n == 1 ? "notice is" : "notices are", out->n == 1 ? "its" : "their");
    for (long k = 0; k < n; k++) {
        bs_buf_printf(&s, "%s%s %s=%s (%s)", k ? "; " : "", bs_fmt_uint(rows[k].n, a, sizeof a),
                      rows[k].field, rows[k].value, rows[k].meaning);
        char *x = bs_xasprintf("%s!=%s", rows[k].field, rows[k].value);
        /* the library's flag fields and values are single words: a space separates them */
        bs_buf_printf(&w, "%s%s", k ? " " : "", x);
        bs_buf_puts(&c, k ? " --where " : "--where ");
        shell_word(&c, x);
        free(x);
    }
    bs_buf_puts(&s, ". They are included.");
    out->sentence = bs_buf_take(&s);
    out->where = bs_buf_take(&w);
    out->command = rebuilt_command(ctx, c.s);
    bs_buf_free(&s);
    bs_buf_free(&w);
    bs_buf_free(&c);
    return BS_EXIT_OK;
}

void bs_flags_free(bs_flags *f)
{
    free(f->sentence);
    free(f->where);
    free(f->command);
    memset(f, 0, sizeof *f);
}

int bs_doc_flagged(bs_doc *d, const bs_ctx *ctx, bool always)
{
    bs_flags f;
    int rc = bs_flagged(ctx, &f);
    if (rc != BS_EXIT_OK)
        return rc;
    if (f.n || always)
        bs_doc_fact(d, "flagged", "flagged by their source (included)", bs_v_uint(f.n));
    if (f.n) {
        bs_doc_fact(d, "flagged_where", "--where that leaves them out (each)", bs_v_text(f.where));
        bs_doc_headline(d, "%s", f.sentence);
        bs_doc_note(d, "to leave the flagged notices out: %s", f.command);
    }
    bs_flags_free(&f);
    return BS_EXIT_OK;
}

int bs_doc_emit_flagged(bs_doc *d, const bs_ctx *ctx)
{
    int rc = bs_doc_flagged(d, ctx, false);
    return rc == BS_EXIT_OK ? bs_doc_emit(d, ctx) : rc;
}
