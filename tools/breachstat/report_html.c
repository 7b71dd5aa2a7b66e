/* The report as one self-contained HTML file: inline CSS and SVG, no script, no font or
 * image to fetch, so it opens offline, prints, and passes through mail as one attachment.
 * Each chart sits beside the table of its data (screen readers read the table; the SVG
 * carries a title and a description too). */
#include "report.h"
#include "svg.h"

#include <errno.h>
#include <string.h>

/* Screen, phone, print and dark:
 * - each chart is in its figure twice (svg.h), and the page shows one: from an 800 px
 *   viewport up, the wide design, 680 units with text of 11 units or more, in a box of
 *   680 CSS px or more (the viewport less 98 px of margins and 15 of a classic scroll bar),
 *   so text >= 11 px; below 800 px, the narrow design, 300 units with text of 12 units or
 *   more, at the box's width up to 440 px: at 360 px the box is 314 px (299 beside a
 *   classic scroll bar), the smallest text 12.6 px (12 px); under 360 px the margins
 *   narrow, so that at 320 px the box is 290 px (275), the text 11.6 px (11 px). The other
 *   is display:none, so a screen reader meets one image a figure, with the same title and
 *   description. No chart scrolls and the page never scrolls sideways; tables wrap their
 *   text, keep figures on one line, and scroll in their own labelled region (.tw) that the
 *   keyboard reaches, with shadows at the edges that say there is more;
 * - printed, nothing scrolls: the wide charts (the switch is for screens only), scaled to
 *   the page; tables whole (text wraps, smaller type), figures never split, sections flow
 *   on (no half-empty pages);
 * - dark: page and charts (the charts' own colours are presentation attributes, which any
 *   CSS rule overrides). WCAG contrast on the dark section background #1e2126: text
 *   #e6e6e6 12.9:1, muted #b4b9bf 8.2:1, links #8cc4ff 8.8:1, series #5b9bd5 5.5:1,
 *   axis #8a8a8a 4.6:1, the vendors' curves and figures 4.6:1 or more (their dark colours,
 *   bs_chart_dark_css); the
 *   map's tiles keep their fills and their text, white or black, 5.1:1 or more (charts.c,
 *   bs_tile_ink); a tile with no figure is the background, its code #b4b9bf 8.2:1. In the
 *   light scheme the charts' text is 4.5:1 or more on white or on its tile (the no-figure
 *   tiles' codes #707070 4.9:1), their bars, tiles and lines 3:1 or more. Both schemes are
 *   measured in the browser by tests/test_report_render.sh. */
static const char *const css =
    ":root{color-scheme:light dark;--bg:#f5f6f8;--card:#fff;--ink:#1a1a1a;--mut:#555;"
    "--line:#e0e3e8;--cell:#e6e6e6;--head:#f0f2f5;--key:#fafbfc;--link:#1d5fa0;--shade:rgba(0,0,0,.22)}\n"
    "@media (prefers-color-scheme:dark){:root{--bg:#15171a;--card:#1e2126;--ink:#e6e6e6;"
    "--mut:#b4b9bf;--line:#33373d;--cell:#33373d;--head:#2a2e34;--key:#24282e;--link:#8cc4ff;"
    "--shade:rgba(0,0,0,.6)}\n"
    "svg.chart rect[fill=\"#ffffff\"]{fill:#1e2126}\n"
    "svg.chart text[fill=\"#1a1a1a\"]{fill:#e6e6e6}\n"
    "svg.chart text[fill=\"#5a5a5a\"],svg.chart text[fill=\"#707070\"]{fill:#b4b9bf}\n"
    "svg.chart line[stroke=\"#e3e3e3\"]{stroke:#3a3f46}\n"
    "svg.chart [fill=\"#2f6fae\"]{fill:#5b9bd5}svg.chart [stroke=\"#2f6fae\"]{stroke:#5b9bd5}}\n"
    "body{margin:0;background:var(--bg);color:var(--ink);line-height:1.5;"
    "font-family:system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;"
    "overflow-wrap:break-word}\n"
    "header,main,footer{max-width:1240px;margin:0 auto;padding:0 24px}\n"
    "header{padding-top:28px}\n"
    "h1{font-size:1.9rem;margin:0 0 .3rem;line-height:1.2}\n"
    "h2{font-size:1.35rem;margin:0 0 .6rem}\n"
    ".meta{color:var(--mut);font-size:.9rem;margin:.2rem 0}\n"
    "nav ul{list-style:none;padding:0;margin:12px 0 0;display:flex;flex-wrap:wrap;gap:6px 18px}\n"
    "a{color:var(--link)}\n"
    "section{background:var(--card);border:1px solid var(--line);border-radius:8px;"
    "padding:20px 24px;margin:20px 0}\n"
    ".fig{display:grid;grid-template-columns:minmax(0,680px) minmax(0,1fr);gap:24px;"
    "align-items:start;margin:18px 0}\n"
    "@media (max-width:1100px){.fig{grid-template-columns:minmax(0,1fr)}}\n"
    "figure{margin:0;min-width:0}\n"
    "figure svg{display:block;width:100%;height:auto}\n"
    "figure svg.narrow{display:none;max-width:440px}\n"
    "@media screen and (max-width:799px){figure svg.wide{display:none}"
    "figure svg.narrow{display:block}}\n"
    "figcaption{color:var(--mut);font-size:.85rem;margin-top:4px}\n"
    ".tw{background:linear-gradient(to right,var(--card) 30%,transparent),"
    "linear-gradient(to left,var(--card) 30%,transparent) 100% 0,"
    "radial-gradient(farthest-side at 0 50%,var(--shade),transparent),"
    "radial-gradient(farthest-side at 100% 50%,var(--shade),transparent) 100% 0;"
    "background-repeat:no-repeat;background-size:40px 100%,40px 100%,12px 100%,12px 100%;"
    "background-attachment:local,local,scroll,scroll}\n"
    ".tw{max-height:520px;overflow:auto}\n"
    ".tw:focus-visible{outline:2px solid var(--link);outline-offset:2px}\n"
    "table{border-collapse:collapse;font-size:.84rem;width:100%;margin:12px 0}\n"
    ".fig table{margin:0}\n"
    "caption{text-align:left;font-weight:600;padding:0 0 6px}\n"
    "th,td{padding:3px 7px;border-bottom:1px solid var(--cell);vertical-align:top;text-align:left}\n"
    "th{background:var(--head);position:sticky;top:0}\n"
    ".n{white-space:nowrap}\n"
    ".r{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
    "dl.keys{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(200px,100%),1fr));"
    "gap:12px;margin:0}\n"
    "dl.keys div{border:1px solid var(--line);border-radius:6px;padding:10px 14px;"
    "background:var(--key)}\n"
    "dt{color:var(--mut);font-size:.85rem}\n"
    "dd{margin:0;font-size:1.2rem;font-weight:650}\n"
    ".note{color:var(--mut);font-size:.9rem}\n"
    "footer{color:var(--mut);font-size:.85rem;padding-bottom:32px}\n"
    "@media (max-width:600px){header,main,footer{padding:0 10px}section{padding:14px 12px;"
    "margin:12px 0}h1{font-size:1.5rem}h2{font-size:1.2rem}table{font-size:.8rem}"
    "th,td{padding:3px 5px}}\n"
    "@media (max-width:359px){header,main,footer{padding:0 6px}section{padding:12px 8px}}\n";
/* apart from the rest: a C string longer than 4095 bytes is not portable */
static const char *const css_print =
    "@media print{:root{--bg:#fff;--card:#fff;--ink:#000;--mut:#333;--head:#eee}"
    "body{background:#fff;color:#000}"
    "header,main,footer{max-width:none;padding:0}nav{display:none}"
    "section{border:0;border-radius:0;padding:0;margin:0 0 14pt}"
    "h2{break-after:avoid}.fig{display:block}"
    "figure{break-inside:avoid;margin-bottom:8pt}"
    ".tw{overflow:visible;max-height:none;background:none}"
    "figure svg.wide{max-width:100%;max-height:60vh;width:auto}figure svg.narrow{display:none}"
    "table{font-size:7.5pt;width:100%}th{position:static}"
    "td,th{padding:1pt 3pt}.n{white-space:normal}"
    "thead{display:table-header-group}tr{break-inside:avoid}"
    "dl.keys{grid-template-columns:repeat(4,1fr)}dl.keys div{break-inside:avoid}}\n";

/* 'r' right-aligned figures, 'n' text kept on one line (dates, ids), 'l' text */
static const char *cell_class(char align)
{
    return align == 'r' ? " class=\"r\"" : align == 'n' ? " class=\"n\"" : "";
}

/* A table's region, which may scroll sideways on a narrow screen: the keyboard reaches it
 * (tabindex) and a screen reader names it ("Table: Residents per state, scrolls"). */
static void scroll_region(bs_buf *b, const char *cls, const char *what, const char *name)
{
    bs_buf_printf(b, "<div class=\"%s\" role=\"region\" tabindex=\"0\" aria-label=\"%s: ", cls,
                  what);
    bs_buf_xml(b, name ? name : "");
    bs_buf_puts(b, " (scrolls)\">\n");
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
        bs_buf_printf(b, "<p class=\"note\">%zu more %s not shown.</p>\n", t->more,
                      t->more == 1 ? "row is" : "rows are");
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
    bs_buf_printf(&b, "</title>\n<style>\n%s@media (prefers-color-scheme:dark){\n", css);
    bs_chart_dark_css(&b); /* the series' colours: from their table in charts.c */
    bs_buf_printf(&b, "}\n%s</style>\n</head>\n<body>\n<header>\n<h1>", css_print);
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
            if (f->svg_narrow)
                bs_buf_puts(&b, f->svg_narrow);
            bs_buf_puts(&b, "<figcaption>");
            bs_buf_xml(&b, f->alt);
            bs_buf_puts(&b, "</figcaption>\n</figure>\n");
            if (f->table)
                scroll_region(&b, "tw", "Table", f->table->caption);
            else
                bs_buf_puts(&b, "<div>\n");
            if (f->table)
                table_html(&b, f->table);
            bs_buf_puts(&b, "</div>\n</div>\n");
        }
        for (size_t k = 0; k < s->n_tables; k++) {
            scroll_region(&b, "tw", "Table", s->tables[k]->caption);
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
