/* The report as Markdown (GitHub-flavoured tables), with each chart written as an SVG file
 * beside it: OUT.md links OUT-map.svg, OUT-supply.svg, ... by relative name. */
#include "report.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int write_file(const char *path, const char *text, size_t len)
{
    bs_outfile of;
    if (bs_out_open(&of, path) != BS_EXIT_OK)
        return BS_EXIT_OUTPUT;
    fwrite(text, 1, len, of.f); /* a short write sets the stream's error: close reports it */
    return bs_out_close(&of, true);
}

/* A relative file name as a link destination: every byte outside the unreserved set
 * (letters, digits, - . _ ~) and / is percent-encoded, so that spaces, parentheses,
 * brackets and bytes that are not ASCII in the output's name do not end the link. */
static void link_path(bs_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            strchr("-._~/", c))
            bs_buf_add(b, s + i, 1);
        else
            bs_buf_printf(b, "%%%02X", c);
    }
}

static void table_md(bs_buf *b, const bs_rtable *t)
{
    bs_buf_puts(b, "**");
    bs_buf_md(b, t->caption);
    bs_buf_puts(b, "**\n\n|");
    for (size_t c = 0; c < t->ncols; c++) {
        bs_buf_puts(b, " ");
        bs_buf_md(b, t->heads[c]);
        bs_buf_puts(b, " |");
    }
    bs_buf_puts(b, "\n|");
    for (size_t c = 0; c < t->ncols; c++)
        bs_buf_puts(b, t->align[c] == 'r' ? "---:|" : "---|");
    bs_buf_puts(b, "\n");
    for (size_t r = 0; r < t->nrows; r++) {
        bs_buf_puts(b, "|");
        for (size_t c = 0; c < t->ncols; c++) {
            bs_buf_puts(b, " ");
            bs_buf_md(b, t->cells[r * t->ncols + c]);
            bs_buf_puts(b, " |");
        }
        bs_buf_puts(b, "\n");
    }
    if (t->more)
        bs_buf_printf(b, "\n%zu more %s not shown.\n", t->more, t->more == 1 ? "row is" : "rows are");
    bs_buf_puts(b, "\n");
}

int bs_report_write_markdown(const bs_report *r, const char *path)
{
    /* OUT.md -> stem "OUT": charts are OUT-NAME.svg in the same directory */
    size_t len = strlen(path);
    size_t stem_len = len > 3 && strcmp(path + len - 3, ".md") == 0 ? len - 3 : len;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t base_len = stem_len - (size_t)(base - path);

    bs_buf b;
    bs_buf_init(&b);
    bs_buf_puts(&b, "# ");
    bs_buf_md(&b, r->title);
    bs_buf_puts(&b, "\n\nData: ");
    bs_buf_md(&b, r->sources);
    bs_buf_puts(&b, "\n\nMade with ");
    bs_buf_md(&b, r->generator);
    bs_buf_puts(&b, ". Every chart has its data in the table after it.\n\n## Key figures\n\n"
                    "| figure | value |\n|---|---:|\n");
    for (size_t i = 0; i < r->n_keys; i++) {
        bs_buf_puts(&b, "| ");
        bs_buf_md(&b, r->keys[i].label);
        bs_buf_puts(&b, " | ");
        bs_buf_md(&b, r->keys[i].value);
        bs_buf_puts(&b, " |\n");
    }
    bs_buf_puts(&b, "\n");
    int rc = BS_EXIT_OK;
    for (size_t i = 0; i < r->n_sections && rc == BS_EXIT_OK; i++) {
        const bs_section *s = &r->sections[i];
        bs_buf_puts(&b, "## ");
        bs_buf_md(&b, s->heading);
        bs_buf_puts(&b, "\n\n");
        for (size_t k = 0; k < s->n_paras; k++) {
            bs_buf_md(&b, s->paras[k]);
            bs_buf_puts(&b, "\n\n");
        }
        for (size_t k = 0; k < s->n_figs && rc == BS_EXIT_OK; k++) {
            const bs_figure *f = &s->figs[k];
            char *svg_path = bs_xasprintf("%.*s-%s.svg", (int)stem_len, path, f->name);
            rc = write_file(svg_path, f->svg, strlen(f->svg));
            free(svg_path);
            bs_buf_puts(&b, "![");
            bs_buf_md(&b, f->alt);
            bs_buf_puts(&b, "](");
            link_path(&b, base, base_len);
            bs_buf_puts(&b, "-");
            link_path(&b, f->name, strlen(f->name));
            bs_buf_puts(&b, ".svg)\n\n");
            if (f->table)
                table_md(&b, f->table);
        }
        for (size_t k = 0; k < s->n_tables; k++)
            table_md(&b, s->tables[k]);
        for (size_t k = 0; k < s->n_notes; k++) {
            bs_buf_puts(&b, "*");
            bs_buf_md(&b, s->notes[k]);
            bs_buf_puts(&b, "*\n\n");
        }
    }
    if (rc == BS_EXIT_OK)
        rc = write_file(path, b.s, b.len);
    bs_buf_free(&b);
    return rc;
}
