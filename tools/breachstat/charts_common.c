/* The pieces of drawing that the wide designs (charts.c) and the narrow ones
 * (charts_narrow.c) do alike: the data of a chart, as opposed to its frame, legend and
 * axes, which each design lays out in its own way. Each takes the design's scales and
 * sizes, so that a fix to how the data are drawn (a path broken outside the plot, a
 * tooltip's text) reaches both drawings of a chart at once. */
#include "charts_private.h"

#include <math.h>
#include <stdio.h>

/* ------------------------------------------------------------------ US tile grid */

void bs_map_tile(bs_buf *b, double x, double y, double s, int rx, int decimals,
                 const char *usps, const char *fill, const char *tip)
{
    if (!fill) {
        bs_buf_printf(b,
                      "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.*f\" height=\"%.*f\" rx=\"%d\" "
                      "fill=\"#ffffff\" stroke=\"" BS_TILE_NONE_EDGE "\" stroke-dasharray=\"3 2\"><title>",
                      x, y, decimals, s, decimals, s, rx);
        bs_buf_xml(b, usps);
        bs_buf_puts(b, ": no figure</title></rect>\n");
        return;
    }
    bs_buf_printf(b,
                  "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.*f\" height=\"%.*f\" rx=\"%d\" "
                  "fill=\"%s\" stroke=\"#7d8a96\" stroke-width=\"0.5\"><title>",
                  x, y, decimals, s, decimals, s, rx, fill);
    bs_buf_xml(b, tip);
    bs_buf_puts(b, "</title></rect>\n");
}

const char *bs_map_tip(const bs_map_value *mv, const char *usps, bs_tick_fmt fmt, char *buf,
                       size_t size)
{
    char a[BS_NUM];
    if (mv->tooltip)
        snprintf(buf, size, "%s", mv->tooltip);
    else
        snprintf(buf, size, "%s: %s", usps, fmt(mv->value, a, sizeof a));
    return buf;
}

/* ------------------------------------------------------------------ time axis */

bool bs_time_tick(bs_buf *b, const bs_scale *x, int y, int m, int32_t d1, double y0, double y1,
                  double *px)
{
    int32_t d = bs_day_of(y, m);
    if (d > d1 || d == 0)
        return false;
    *px = bs_scale_at(x, d);
    bs_svg_line(b, *px, y1, *px, y0, BS_GRID, 1, NULL);
    bs_svg_line(b, *px, y0, *px, y0 + 4, BS_AXIS, 1, NULL);
    return true;
}

/* ------------------------------------------------------------------ step curves */

void bs_series_extent(const bs_series *s, size_t n, int32_t *dmin, int32_t *dmax, double *vmax)
{
    *dmin = INT32_MAX;
    *dmax = INT32_MIN;
    *vmax = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < s[i].n; k++) {
            *dmin = s[i].day[k] < *dmin ? s[i].day[k] : *dmin;
            *dmax = s[i].day[k] > *dmax ? s[i].day[k] : *dmax;
            *vmax = fmax(*vmax, s[i].value[k]);
        }
}

void bs_series_curve(bs_buf *b, const bs_scale *x, const bs_scale *y, const bs_series *s,
                     const char *color)
{
    if (s->n == 0)
        return;
    bs_buf_printf(b, "<path fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\" "
                     "stroke-linejoin=\"round\" d=\"M%.1f %.1f",
                  color, bs_scale_at(x, s->day[0]), bs_scale_at(y, 0));
    for (size_t k = 0; k < s->n; k++) {
        if (k)
            bs_buf_printf(b, " H%.1f", bs_scale_at(x, s->day[k]));
        bs_buf_printf(b, " V%.1f", bs_scale_at(y, s->value[k]));
    }
    bs_buf_puts(b, "\"/>\n");
    for (size_t k = 0; k < s->n; k++) {
        char d[16], v[BS_NUM], tip[256];
        breach_date dd = {s->day[k], BREACH_PREC_DAY};
        breach_date_format(dd, d, sizeof d);
        snprintf(tip, sizeof tip, "%s, %s: %s", s->name, d,
                 bs_fmt_real(s->value[k], 0, v, sizeof v));
        bs_svg_circle(b, bs_scale_at(x, s->day[k]), bs_scale_at(y, s->value[k]), 3.5, "#ffffff",
                      color, tip);
    }
    /* the final figure beside the last point */
    char v[BS_NUM];
    double px = bs_scale_at(x, s->day[s->n - 1]), py = bs_scale_at(y, s->value[s->n - 1]);
    bs_svg_text(b, px - 6, py - 8, 12, "end", 700, color,
                bs_fmt_short(s->value[s->n - 1], v, sizeof v));
}

/* ------------------------------------------------------------------ vertical bars */

void bs_vbar(bs_buf *b, double x, double py, double w, double bottom, const bs_bar *bar)
{
    /* a partial period: a light bar with a dashed outline, not to be read as a whole one */
    bs_svg_rect(b, x, py, w, bottom - py, bar->partial ? "#c5d8ec" : "#2f6fae",
                bar->partial ? "#2f6fae" : NULL, bar->tooltip);
    if (bar->partial)
        bs_svg_line(b, x, py, x + w, py, "#2f6fae", 1.5, "4 3");
}

/* ------------------------------------------------------------------ CCDF on log axes */

bs_ccdf_span bs_ccdf_span_of(const double *x, const double *p, size_t n)
{
    bs_ccdf_span c = {0, 0, 0, 0};
    double xmin = INFINITY, xmax = 0, pmin = 1;
    for (size_t i = 0; i < n; i++)
        if (x[i] > 0 && p[i] > 0) {
            xmin = fmin(xmin, x[i]);
            xmax = fmax(xmax, x[i]);
            pmin = fmin(pmin, p[i]);
            c.npos++;
        }
    if (c.npos == 0)
        return c;
    c.x0 = pow(10, floor(log10(xmin)));
    c.x1 = pow(10, ceil(log10(xmax)));
    if (c.x1 <= c.x0)
        c.x1 = c.x0 * 10;
    c.p0 = pow(10, floor(log10(pmin)));
    if (c.p0 >= 1)
        c.p0 = 0.1;
    return c;
}

void bs_ccdf_fit_path(bs_buf *b, const bs_scale *sx, const bs_scale *sy, const double *fx,
                      const double *fp, size_t nf)
{
    bs_buf_printf(b, "<path fill=\"none\" stroke=\"#D55E00\" stroke-width=\"2\" "
                     "stroke-dasharray=\"6 4\" d=\"");
    bool pen = false;
    for (size_t i = 0; i < nf; i++) {
        if (!(fx[i] >= sx->d0 && fx[i] <= sx->d1 && fp[i] >= sy->d0 && fp[i] <= sy->d1)) {
            pen = false;
            continue;
        }
        bs_buf_printf(b, "%s%.1f %.1f", pen ? " L" : "M", bs_scale_at(sx, fx[i]),
                      bs_scale_at(sy, fp[i]));
        pen = true;
    }
    bs_buf_puts(b, "\"/>\n");
}

void bs_ccdf_points(bs_buf *b, const bs_scale *sx, const bs_scale *sy, const double *x,
                    const double *p, size_t n, bool dots)
{
    if (!dots) {
        bs_buf_puts(b, "<path fill=\"none\" stroke=\"#2f6fae\" stroke-width=\"2.5\" "
                       "stroke-linejoin=\"round\" d=\"");
        bool first = true;
        for (size_t i = 0; i < n; i++) {
            if (!(x[i] > 0 && p[i] > 0))
                continue;
            bs_buf_printf(b, "%s%.1f %.1f", first ? "M" : " L", bs_scale_at(sx, x[i]),
                          bs_scale_at(sy, p[i]));
            first = false;
        }
        bs_buf_puts(b, "\"/>\n");
        return;
    }
    for (size_t i = 0; i < n; i++) {
        if (!(x[i] > 0 && p[i] > 0))
            continue;
        char tip[128], v[BS_NUM], q[BS_NUM];
        snprintf(tip, sizeof tip, "%s or more: %s of notices", bs_fmt_real(x[i], 0, v, sizeof v),
                 bs_fmt_pct(p[i], q, sizeof q));
        bs_svg_circle(b, bs_scale_at(sx, x[i]), bs_scale_at(sy, p[i]), 3.5, "#2f6fae", "#ffffff",
                      tip);
    }
}
