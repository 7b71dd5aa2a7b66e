/* breachstat report: the HTML (or Markdown + SVG) report. */
#include "report.h"

#include <string.h>

const bs_optspec bs_report_opts[] = {
    {"html", 0, "OUT.html", "write one self-contained HTML file (no script, no network)"},
    {"markdown", 0, "OUT.md", "write Markdown, the charts as SVG files beside it (OUT-map.svg, ...)"},
    {"title", 0, "TEXT", "the report's title"},
    {"population", 0, "FILE",
     "state population estimates (Census NST-EST20xx-ALLDATA layout): adds the map per 100,000 "
     "residents"},
    {"year", 0, "YEAR", "which POPESTIMATE year of the population file (default: the latest)"},
    {NULL, 0, NULL, NULL}};

int bs_cmd_report(bs_ctx *ctx)
{
    const char *html = bs_opt(ctx, "html"), *md = bs_opt(ctx, "markdown");
    if (!html && !md)
        return bs_usage_error(ctx, "name the output: --html OUT.html or --markdown OUT.md");
    if (ctx->out != BS_OUT_TABLE || ctx->output)
        return bs_usage_error(ctx, "the report is written with --html or --markdown, not "
                                   "--json, --csv or --output");
    if (md && strcmp(md, "-") == 0)
        return bs_usage_error(ctx, "--markdown needs a file name: the charts go beside it");
    if (bs_opt(ctx, "year") && !bs_opt(ctx, "population"))
        return bs_usage_error(ctx, "--year chooses a column of the --population file");
    int status;
    bs_report *r = bs_report_build(ctx, &status);
    if (!r)
        return status;
    int rc = BS_EXIT_OK;
    if (html)
        rc = bs_report_write_html(r, html);
    if (rc == BS_EXIT_OK && md)
        rc = bs_report_write_markdown(r, md);
    if (rc == BS_EXIT_OK && !ctx->quiet) {
        if (html && strcmp(html, "-") != 0)
            bs_eprintf("%s: wrote %s\n", bs_progname, html);
        if (md)
            bs_eprintf("%s: wrote %s (and its charts, %.*s-*.svg)\n", bs_progname, md,
                    (int)(strlen(md) > 3 && strcmp(md + strlen(md) - 3, ".md") == 0
                              ? strlen(md) - 3
                              : strlen(md)),
                    md);
    }
    bs_report_free(r);
    return rc;
}
