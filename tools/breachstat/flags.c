/* Flagged notices (breach_dataset_flagged): the sentence that says how many of the selected
 * notices a source flags, and the command that leaves them out, for summary and report. */
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

int bs_flagged(const bs_ctx *ctx, const char *command, char **sentence, char **how,
               uint64_t *n_any)
{
    breach_flag_count rows[16];
    breach_error e;
    *sentence = *how = NULL;
    *n_any = 0;
    long n = breach_dataset_flagged(ctx->ds, &ctx->filter, rows, 16, n_any, &e);
    if (n < 0)
        return bs_stat_failed("flagged notices", &e);
    if (n == 0)
        return BS_EXIT_OK;
    if (n > 16)
        n = 16;
    char a[BS_NUM];
    bs_buf s, c;
    bs_buf_init(&s);
    bs_buf_init(&c);
    bs_buf_printf(&s, "%s selected %s flagged by %s source: ", bs_fmt_uint(*n_any, a, sizeof a),
                  *n_any == 1 ? "notice is" : "notices are", n == 1 ? "its" : "their");
    bs_buf_printf(&c, "%s %s", bs_progname, command);
    for (long k = 0; k < n; k++) {
        bs_buf_printf(&s, "%s%s %s=%s (%s)", k ? "; " : "", bs_fmt_uint(rows[k].n, a, sizeof a),
                      rows[k].field, rows[k].value, rows[k].meaning);
        char *w = bs_xasprintf("%s!=%s", rows[k].field, rows[k].value);
        bs_buf_puts(&c, " --where ");
        shell_word(&c, w);
        free(w);
    }
    bs_buf_puts(&s, ". They are included.");
    for (size_t i = 0; i < ctx->n_inputs; i++) {
        bs_buf_puts(&c, " ");
        shell_word(&c, ctx->inputs[i].path);
    }
    *sentence = bs_buf_take(&s);
    *how = bs_buf_take(&c);
    bs_buf_free(&s);
    bs_buf_free(&c);
    return BS_EXIT_OK;
}
