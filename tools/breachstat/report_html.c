/* The report as one self-contained HTML file: inline CSS and SVG, no script, no font or
 * image to fetch, so it opens offline, prints, and passes through mail as one attachment.
 * Each chart sits beside the table of its data (screen readers read the table; the SVG
 * carries a title and a description too). */
#include "report.h"

#include <errno.h>
#include <string.h>

static const char *const css =
    ":root{color-scheme:light}\n"
    "body{margin:0;background:#f5f6f8;color:#1a1a1a;line-height:1.5;"
    "font-family:system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif}\n"
    "header,main,footer{max-width:1240px;margin:0 auto;padding:0 24px}\n"
    "header{padding-top:28px}\n"
    "h1{font-size:1.9rem;margin:0 0 .3rem;line-height:1.2}\n"
    "h2{font-size:1.35rem;margin:0 0 .6rem}\n"
    ".meta{color:#555;font-size:.9rem;margin:.2rem 0}\n"
    "nav ul{list-style:none;padding:0;margin:12px 0 0;display:flex;flex-wrap:wrap;gap:6px 18px}\n"
    "nav a{color:#1d5fa0}\n"
    "section{background:#fff;border:1px solid #e0e3e8;border-radius:8px;padding:20px 24px;"
    "margin:20px 0}\n"
    ".fig{display:grid;grid-template-columns:minmax(0,640px) minmax(0,1fr);gap:24px;"
    "align-items:start;margin:18px 0}\n"
    "@media (max-width:980px){.fig{grid-template-columns:1fr}}\n"
    "figure{margin:0}\n"
    "figure svg{display:block;max-width:100%;height:auto}\n"
    "figcaption{color:#555;font-size:.85rem;margin-top:4px}\n"
    ".tw{max-height:520px;overflow:auto}\n"
    "table{border-collapse:collapse;font-size:.84rem;width:100%;margin:12px 0}\n"
    ".fig table{margin:0}\n"
    "caption{text-align:left;font-weight:600;padding:0 0 6px}\n"
    "th,td{padding:3px 7px;border-bottom:1px solid #e6e6e6;vertical-align:top;text-align:left}\n"
    "th{background:#f0f2f5;position:sticky;top:0}\n"
    ".n{white-space:nowrap}\n"
    ".r{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
    "dl.keys{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:12px;"
    "margin:0}\n"
    "dl.keys div{border:1px solid #e0e3e8;border-radius:6px;padding:10px 14px;background:#fafbfc}\n"
    "dt{color:#555;font-size:.85rem}\n"
    "dd{margin:0;font-size:1.2rem;font-weight:650}\n"
    ".note{color:#555;font-size:.9rem}\n"
    "footer{color:#666;font-size:.85rem;padding-bottom:32px}\n"
    "@media print{body{background:#fff}.tw{max-height:none}section{break-inside:avoid-page}}\n";

/* 'r' right-aligned figures, 'n' text kept on one line (dates, ids), 'l' text */
static const char *cell_class(char align)
{
    return align == 'r' ? " class=\"r\"" : align == 'n' ? " class=\"n\"" : "";
}

static void table_html(bs_buf *b, const bs_rtable *t)
{
    bs_buf_puts(b, "<table>\n<caption>");
    bs_buf_xml(b, t->caption);
    bs_buf_puts(b, "</caption>\n<thead><tr>");
    for (size_t c = 0; c < t->ncols; c++) {
        bs_buf_printf(b, "<th scope=\"col\"%s>", cell_class(t->align[c]));
        bs_buf_xml(b, t->heads[c]);
        bs_buf_puts(b, "</th>");
    }
    bs_buf_puts(b, "</tr></thead>\n<tbody>\n");
    for (size_t r = 0; r < t->nrows; r++) {
        bs_buf_puts(b, "<tr>");
        for (size_t c = 0; c < t->ncols; c++) {
            /* a text cell is user text (names, ids): isolated, so that a right-to-left
               name cannot move the cells' figures around it */
            bool text = t->align[c] != 'r';
            bs_buf_printf(b, "<td%s>%s", cell_class(t->align[c]), text ? "<bdi>" : "");
            bs_buf_xml(b, t->cells[r * t->ncols + c]);
            bs_buf_puts(b, text ? "</bdi></td>" : "</td>");
        }
        bs_buf_puts(b, "</tr>\n");
    }
    bs_buf_puts(b, "</tbody>\n</table>\n");
    if (t->more)
        bs_buf_printf(b, "<p class=\"note\">%zu more rows are not shown.</p>\n", t->more);
}

int bs_report_write_html(const bs_report *r, const char *path)
{
    bs_buf b;
    bs_buf_init(&b);
    /* The report runs no script and loads nothing: a strict Content-Security-Policy says so
       to the browser, so that text slipping past the escaping still could not run or fetch
       (the inline <style> and the charts' style attributes are the only exceptions). */
    bs_buf_puts(&b, "<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                    "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
                    "form-action 'none'\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<meta name=\"generator\" content=\"");
    bs_buf_xml(&b, r->generator);
    bs_buf_puts(&b, "\">\n<title>");
    bs_buf_xml(&b, r->title);
    bs_buf_printf(&b, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<header>\n<h1>", css);
    bs_buf_xml(&b, r->title);
    bs_buf_puts(&b, "</h1>\n<p class=\"meta\">Data: ");
    bs_buf_xml(&b, r->sources);
    bs_buf_puts(&b, "</p>\n<p class=\"meta\">Made with ");
    bs_buf_xml(&b, r->generator);
    bs_buf_puts(&b, ". Every chart has its data in the table beside it.</p>\n"
                    "<nav aria-label=\"Sections\"><ul>\n");
    for (size_t i = 0; i < r->n_sections; i++) {
        bs_buf_printf(&b, "<li><a href=\"#%s\">", r->sections[i].id);
        bs_buf_xml(&b, r->sections[i].heading);
        bs_buf_puts(&b, "</a></li>\n");
    }
    bs_buf_puts(&b, "</ul></nav>\n</header>\n<main>\n");

    bs_buf_puts(&b, "<section id=\"key-figures\" aria-labelledby=\"key-figures-h\">\n"
                    "<h2 id=\"key-figures-h\">Key figures</h2>\n<dl class=\"keys\">\n");
    for (size_t i = 0; i < r->n_keys; i++) {
        bs_buf_puts(&b, "<div><dt>");
        bs_buf_xml(&b, r->keys[i].label);
        bs_buf_puts(&b, "</dt><dd>");
        bs_buf_xml(&b, r->keys[i].value);
        bs_buf_puts(&b, "</dd></div>\n");
    }
    bs_buf_puts(&b, "</dl>\n</section>\n");

    for (size_t i = 0; i < r->n_sections; i++) {
        const bs_section *s = &r->sections[i];
        bs_buf_printf(&b, "<section id=\"%s\" aria-labelledby=\"%s-h\">\n<h2 id=\"%s-h\">", s->id,
                      s->id, s->id);
        bs_buf_xml(&b, s->heading);
        bs_buf_puts(&b, "</h2>\n");
        for (size_t k = 0; k < s->n_paras; k++) {
            bs_buf_puts(&b, "<p>");
            bs_buf_xml(&b, s->paras[k]);
            bs_buf_puts(&b, "</p>\n");
        }
        for (size_t k = 0; k < s->n_figs; k++) {
            const bs_figure *f = &s->figs[k];
            bs_buf_puts(&b, "<div class=\"fig\">\n<figure>\n");
            bs_buf_puts(&b, f->svg);
            bs_buf_puts(&b, "<figcaption>");
            bs_buf_xml(&b, f->alt);
            bs_buf_puts(&b, "</figcaption>\n</figure>\n<div class=\"tw\">\n");
            if (f->table)
                table_html(&b, f->table);
            bs_buf_puts(&b, "</div>\n</div>\n");
        }
        for (size_t k = 0; k < s->n_tables; k++) {
            bs_buf_puts(&b, "<div class=\"tw\">\n");
            table_html(&b, s->tables[k]);
            bs_buf_puts(&b, "</div>\n");
        }
        for (size_t k = 0; k < s->n_notes; k++) {
            bs_buf_puts(&b, "<p class=\"note\">");
            bs_buf_xml(&b, s->notes[k]);
            bs_buf_puts(&b, "</p>\n");
        }
        bs_buf_puts(&b, "</section>\n");
    }
    bs_buf_puts(&b, "</main>\n<footer>\n<p>");
    bs_buf_xml(&b, r->title);
    bs_buf_puts(&b, " \xe2\x80\x94 ");
    bs_buf_xml(&b, r->generator);
    bs_buf_puts(&b, ". No script, no network: this file is the whole report.</p>\n</footer>\n"
                    "</body>\n</html>\n");

    bs_outfile of;
    if (bs_out_open(&of, path) != BS_EXIT_OK) {
        bs_buf_free(&b);
        return BS_EXIT_OUTPUT;
    }
    fwrite(b.s, 1, b.len, of.f); /* a short write sets the stream's error: close reports it */
    bs_buf_free(&b);
    return bs_out_close(&of, true);
}
