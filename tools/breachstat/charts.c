/* The report's charts, drawn from plain arrays (see svg.h): the wide designs, 680 units
 * wide, here; each public function hands the narrow design to charts_narrow.c. Sizes are
 * in SVG pixels, shown at 680 CSS px or more (text of 11 units at 11 px or more).
 * Colours: ColorBrewer's sequential blues for quantities on the map, the Okabe-Ito palette
 * (safe for colour-blind readers) for series; text is never the only carrier of a value
 * that a colour shows, and vice versa. */
#include "charts_private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define W BS_WIDE_W

/* A series' colour draws its line and dots and its final figure, so it is text: 4.5:1 or
 * more on white (WCAG AA), which passes the 3:1 of a line too. Okabe-Ito's hues, darkened
 * where they were lighter (vermillion #D55E00 3.9:1, bluish green #009E73 3.4, reddish
 * purple #CC79A7 3.1), while they stay apart; its orange, sky blue and yellow (2.2 to
 * 3.0:1) cannot be, darkened they meet vermillion and blue: indigo, brown and teal in
 * their place, black fifth (the chart draws 6 vendors at most). The least CIEDE2000
 * difference of two of the first six is 25, 14 and 12 for deutan and protan readers
 * (Vienot's simulation), where Okabe-Ito's gave 21, 6.0 and 6.6 (its olive and
 * vermillion); of all eight, 18, 11 and 9. #111111, not #000000: the map's tiles keep
 * their black ink in the dark scheme, which recolours the series. */
const char *const bs_series_colors[BS_N_SERIES_COLORS] = {
    "#0072B2", "#C04F00", "#007A5A", "#A8437C", "#111111", "#4B0082", "#5D4037", "#00626B"};

/* The same on the dark background #1e2126: 4.6:1 (#7A7AFF) to 12.9:1 (#E6E6E6); Okabe-Ito's
 * sky blue for blue, its colours lightened, and a violet for indigo that deutan readers
 * tell from the sky blue (CIEDE2000 12.6). The least differences: 18, 8.0 and 7.3. */
static const char *const series_dark[BS_N_SERIES_COLORS] = {
    "#56B4E9", "#F0803C", "#2EBD8F", "#E08CC0", "#E6E6E6", "#7A7AFF", "#D9B26F", "#7FE0E6"};

void bs_chart_dark_css(bs_buf *b)
{
    for (size_t i = 0; i < BS_N_SERIES_COLORS; i++)
        bs_buf_printf(b, "svg.chart [fill=\"%s\"]{fill:%s}svg.chart [stroke=\"%s\"]{stroke:%s}\n",
                      bs_series_colors[i], series_dark[i], bs_series_colors[i], series_dark[i]);
}

static void frame_texts(bs_buf *b, const bs_chart_text *t, double h)
{
    bs_svg_heading(b, W, t->title, t->subtitle);
    bs_svg_source(b, 16, h - 12, W - 8, t->source);
}

static void empty_message(bs_buf *b, double x, double y, const char *msg)
{
    bs_svg_text(b, x, y, 14, "middle", 400, BS_MUTED, msg);
}

/* ------------------------------------------------------------------ US tile grid */

const bs_tile bs_tiles[] = {
    {"AK", 0, 0},  {"ME", 0, 10}, {"VT", 1, 9},  {"NH", 1, 10}, {"WA", 2, 0},  {"ID", 2, 1},
    {"MT", 2, 2},  {"ND", 2, 3},  {"MN", 2, 4},  {"IL", 2, 5},  {"WI", 2, 6},  {"MI", 2, 7},
    {"NY", 2, 8},  {"RI", 2, 9},  {"MA", 2, 10}, {"OR", 3, 0},  {"NV", 3, 1},  {"WY", 3, 2},
    {"SD", 3, 3},  {"IA", 3, 4},  {"IN", 3, 5},  {"OH", 3, 6},  {"PA", 3, 7},  {"NJ", 3, 8},
    {"CT", 3, 9},  {"CA", 4, 0},  {"UT", 4, 1},  {"CO", 4, 2},  {"NE", 4, 3},  {"MO", 4, 4},
    {"KY", 4, 5},  {"WV", 4, 6},  {"VA", 4, 7},  {"MD", 4, 8},  {"DE", 4, 9},  {"AZ", 5, 1},
    {"NM", 5, 2},  {"KS", 5, 3},  {"AR", 5, 4},  {"TN", 5, 5},  {"NC", 5, 6},  {"SC", 5, 7},
    {"DC", 5, 8},  {"OK", 6, 3},  {"LA", 6, 4},  {"MS", 6, 5},  {"AL", 6, 6},  {"GA", 6, 7},
    {"HI", 7, 0},  {"TX", 7, 3},  {"FL", 7, 8},  {"PR", 7, 10}};
const size_t bs_n_tiles = sizeof bs_tiles / sizeof bs_tiles[0];

/* ColorBrewer "Blues" schemes of 1 to 7 classes (Brewer, colorbrewer2.org) */
static const char *const blues[7][7] = {
    {"#3182bd"},
    {"#9ecae1", "#3182bd"},
    {"#deebf7", "#9ecae1", "#3182bd"},
    {"#eff3ff", "#bdd7e7", "#6baed6", "#2171b5"},
    {"#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"},
    {"#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"},
    {"#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594"}};

/* The m-th value of the 1-2-5 sequence: ..., 0.5, 1, 2, 5, 10, 20, ... (m = 0 is 1). */
static double step125(int m)
{
    int e = m >= 0 ? m / 3 : -((-m + 2) / 3);
    int j = m - 3 * e;
    return pow(10, e) * (j == 0 ? 1 : j == 1 ? 2 : 5);
}

/* Relative luminance of "#rrggbb" (WCAG 2). */
static double luminance(const char *hex)
{
    double c[3];
    for (int i = 0; i < 3; i++) {
        unsigned v = 0;
        sscanf(hex + 1 + 2 * i, "%2x", &v);
        double x = v / 255.0;
        c[i] = x <= 0.03928 ? x / 12.92 : pow((x + 0.055) / 1.055, 2.4);
    }
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

/* Classes on a log scale: decades (1k-10k, 10k-100k, ...) when the values span three
 * decades or more, else the 1-2-5 steps (100-200, 200-500, 500-1k) so that a narrow range
 * still shows differences; at most 7 classes, the lowest merged into "under". */
void bs_map_classes_of(const bs_map_value *v, size_t n, bs_map_classes *c)
{
    double lo = INFINITY, hi = -INFINITY;
    size_t n_fig = 0;
    for (size_t i = 0; i < n; i++) {
        n_fig += isfinite(v[i].value) != 0;
        if (isfinite(v[i].value) && v[i].value > 0) {
            lo = fmin(lo, v[i].value);
            hi = fmax(hi, v[i].value);
        }
    }
    double *br = c->br; /* class i is [br[i], br[i + 1]) */
    int k = 0;
    bool under = false;
    if (isfinite(lo)) {
        int e0 = (int)floor(log10(lo)), e1 = (int)floor(log10(hi));
        if (e1 - e0 >= 2) {
            if (e1 - e0 + 1 > 7) {
                e0 = e1 - 6;
                under = true;
            }
            k = e1 - e0 + 1;
            for (int i = 0; i <= k; i++)
                br[i] = pow(10, e0 + i);
        } else {
            int m = 3 * e0;
            while (step125(m + 1) <= lo)
                m++;
            /* br[0] = the largest 1-2-5 value <= lo, then up to the first one > hi */
            for (k = 0; k < 7; k++) {
                br[k] = step125(m + k);
                if (br[k] > hi)
                    break;
            }
            br[k] = step125(m + k);
            if (k == 0) /* lo == hi == a 1-2-5 value: one class */
                br[k = 1] = step125(m + 1);
        }
    } else if (n_fig) {
        k = 1; /* only zeros: one class */
        br[0] = 0;
        br[1] = 1;
    }
    c->k = k;
    c->under = under;
    c->n_fig = n_fig;
    c->palette = blues[k >= 1 && k <= 7 ? k - 1 : 0];
}

int bs_map_class(const bs_map_classes *c, double value)
{
    int cls = 0;
    while (cls + 1 < c->k && value >= c->br[cls + 1])
        cls++;
    return cls;
}

const char *bs_map_class_label(const bs_map_classes *c, int i, bs_tick_fmt fmt, char *buf,
                               size_t size)
{
    char a[BS_NUM], z[BS_NUM];
    if (i == 0 && c->under)
        snprintf(buf, size, "under %s", fmt(c->br[1], z, sizeof z));
    else
        snprintf(buf, size, "%s\xe2\x80\x93%s", fmt(c->br[i], a, sizeof a),
                 fmt(c->br[i + 1], z, sizeof z));
    return buf;
}

const bs_map_value *bs_map_find(const bs_map_value *v, size_t n, const char *usps)
{
    const bs_map_value *mv = NULL;
    for (size_t j = 0; j < n; j++)
        if (strcmp(v[j].usps, usps) == 0 && isfinite(v[j].value))
            mv = &v[j];
    return mv;
}

/* White or black, whichever contrasts more (WCAG 2: (L1 + 0.05) / (L2 + 0.05)): white
 * below a luminance of 0.18. On the blues that is 5.1:1 or more (the least: black on
 * #3182bd 5.06, white on #2171b5 5.13), where white below 0.45 and #141414 gave 2.4:1 on
 * #6baed6, 3.4 on #4292c6 and 4.2 on #3182bd. Black, not BS_INK: the dark colour scheme
 * recolours BS_INK, and a tile keeps its light fill there. */
const char *bs_tile_ink(const char *fill)
{
    double l = luminance(fill);
    return 1.05 / (l + 0.05) > (l + 0.05) / 0.05 ? "#ffffff" : "#000000";
}

void bs_chart_us_map(bs_buf *b, bs_layout lay, const bs_chart_text *t, const bs_map_value *v,
                     size_t n, bs_tick_fmt value_fmt, const char *legend_unit)
{
    if (lay == BS_NARROW) {
        bs_narrow_us_map(b, t, v, n, value_fmt, legend_unit);
        return;
    }
    const double step = 56, s = 52, x0 = (W - 11 * step) / 2 + 2, y0 = 104;
    const double h = y0 + 8 * step + 34;
    bs_svg_open(b, t->id, lay, W, h, t->title, t->desc);
    frame_texts(b, t, h);
    bs_map_classes mc;
    bs_map_classes_of(v, n, &mc);

    /* legend */
    double lx = 16, ly = 62;
    char a[BS_NUM], label[160];
    if (legend_unit && *legend_unit) {
        bs_svg_text(b, lx, ly + 12.5, 12, "start", 700, BS_MUTED, legend_unit);
        lx += bs_text_width(legend_unit, 12) * 1.12 + 12;
    }
    for (int i = 0; i < mc.k; i++) {
        bs_map_class_label(&mc, i, value_fmt, label, sizeof label);
        bs_svg_rect(b, lx, ly, 16, 16, mc.palette[i], "#7d8a96", NULL);
        bs_svg_text(b, lx + 21, ly + 12.5, 12, "start", 400, BS_INK, label);
        lx += 21 + bs_text_width(label, 12) + 14;
    }
    bs_buf_printf(b,
                  "<rect x=\"%.1f\" y=\"%.1f\" width=\"16\" height=\"16\" fill=\"#ffffff\" "
                  "stroke=\"" BS_TILE_NONE_EDGE "\" stroke-dasharray=\"3 2\"/>\n",
                  lx, ly);
    bs_svg_text(b, lx + 21, ly + 12.5, 12, "start", 400, BS_INK, "no figure");

    for (size_t i = 0; i < bs_n_tiles; i++) {
        const bs_map_value *mv = bs_map_find(v, n, bs_tiles[i].usps);
        double x = x0 + bs_tiles[i].col * step, y = y0 + bs_tiles[i].row * step;
        if (!mv || mc.k == 0) {
            bs_map_tile(b, x, y, s, 3, 0, bs_tiles[i].usps, NULL, NULL);
            bs_svg_text(b, x + s / 2, y + s / 2 + 4.5, 13, "middle", 400, BS_TILE_NONE_INK,
                        bs_tiles[i].usps);
            continue;
        }
        const char *fill = mc.palette[bs_map_class(&mc, mv->value)];
        char tip[256];
        bs_map_tip(mv, bs_tiles[i].usps, value_fmt, tip, sizeof tip);
        bs_map_tile(b, x, y, s, 3, 0, bs_tiles[i].usps, fill, tip);
        const char *ink = bs_tile_ink(fill);
        bs_svg_text(b, x + s / 2, y + 21, 13, "middle", 700, ink, bs_tiles[i].usps);
        bs_svg_text(b, x + s / 2, y + 39, 11.5, "middle", 400, ink,
                    value_fmt(mv->value, a, sizeof a));
    }
    if (mc.n_fig == 0)
        empty_message(b, W / 2, y0 + 4 * step + 30, "No state figures in these data");
    bs_svg_close(b);
}

/* ------------------------------------------------------------------ time axis */

void bs_ymd_of(int32_t day, int *y, int *m)
{
    breach_date d = {day, BREACH_PREC_DAY};
    int dd;
    breach_date_to_ymd(d, y, m, &dd);
}

int32_t bs_day_of(int y, int m)
{
    breach_date d;
    if (breach_date_from_ymd(y, m, 1, BREACH_PREC_DAY, &d, NULL) != BREACH_OK)
        return 0;
    return d.day;
}

/* Month ticks (every 1, 2, 3, 6 months) over short spans, year ticks over long ones. */
static void time_axis(bs_buf *b, const bs_scale *x, double y0, double y1)
{
    int32_t d0 = (int32_t)ceil(x->d0), d1 = (int32_t)floor(x->d1);
    int y, m, ye, me;
    bs_ymd_of(d0, &y, &m);
    bs_ymd_of(d1, &ye, &me);
    int months = (ye - y) * 12 + (me - m) + 1;
    int step = 1;
    bool years = months > 30;
    if (years) {
        int span = ye - y + 1;
        step = span <= 8 ? 1 : span <= 16 ? 2 : span <= 40 ? 5 : 10;
    } else {
        step = months <= 8 ? 1 : months <= 16 ? 2 : months <= 24 ? 3 : 6;
    }
    char label[16];
    int cy = y, cm = m;
    if (years) {
        cm = 1;
        cy = y + 1;
        if (bs_day_of(y, 1) >= d0)
            cy = y;
        cy = (cy + step - 1) / step * step;
    } else {
        /* the first month start on or after d0, aligned to the step */
        if (bs_day_of(cy, cm) < d0) {
            cm++;
            if (cm > 12)
                cm = 1, cy++;
        }
        while ((cm - 1) % step)
            if (++cm > 12)
                cm = 1, cy++;
    }
    bs_svg_line(b, x->r0, y0, x->r1, y0, BS_AXIS, 1, NULL);
    for (int guard = 0; guard < 200; guard++) {
        double px;
        if (!bs_time_tick(b, x, cy, cm, d1, y0, y1, &px))
            break;
        if (years)
            snprintf(label, sizeof label, "%04d", cy);
        else
            snprintf(label, sizeof label, "%04d-%02d", cy, cm);
        bs_svg_text(b, px, y0 + 17, 11, "middle", 400, BS_MUTED, label);
        if (years) {
            cy += step;
        } else {
            cm += step;
            while (cm > 12)
                cm -= 12, cy++;
        }
    }
}

/* ------------------------------------------------------------------ step curves */

void bs_chart_step_curves(bs_buf *b, bs_layout lay, const bs_chart_text *t, const bs_series *s,
                          size_t n)
{
    if (lay == BS_NARROW) {
        bs_narrow_step_curves(b, t, s, n);
        return;
    }
    double legend_h = 20.0 * (double)(n ? n : 1);
    double top = 64 + legend_h, left = 72, right = W - 28, plot_h = 250;
    double bottom = top + plot_h, h = bottom + 62;
    bs_svg_open(b, t->id, lay, W, h, t->title, t->desc);
    frame_texts(b, t, h);

    int32_t dmin, dmax;
    double vmax;
    bs_series_extent(s, n, &dmin, &dmax, &vmax);
    if (dmin > dmax) {
        empty_message(b, W / 2, top + plot_h / 2, "No dated notices of any vendor");
        bs_svg_close(b);
        return;
    }
    double pad = fmax(10, (dmax - dmin) * 0.04);
    bs_scale x = {dmin - pad, dmax + pad, left, right, false};
    double ticks[16], nice_hi;
    size_t nt = bs_ticks(0, vmax > 0 ? vmax : 1, 5, ticks, 16, &nice_hi);
    bs_scale y = {0, nice_hi, bottom, top, false};
    bs_svg_axis_left(b, &y, ticks, nt, left, right, bs_tick_short);
    time_axis(b, &x, bottom, top);
    bs_svg_vtext(b, 18, (top + bottom) / 2, 12, t->y_label);
    bs_svg_text(b, (left + right) / 2, bottom + 36, 12, "middle", 400, BS_MUTED, t->x_label);

    for (size_t i = 0; i < n; i++) {
        const char *color = bs_series_colors[i % BS_N_SERIES_COLORS];
        double ly = 62 + 20.0 * (double)i;
        bs_svg_line(b, 16, ly + 8, 40, ly + 8, color, 3, NULL);
        bs_svg_text(b, 48, ly + 12, 12.5, "start", 400, BS_INK, s[i].legend ? s[i].legend : s[i].name);
        bs_series_curve(b, &x, &y, &s[i], color);
    }
    bs_svg_close(b);
}

/* ------------------------------------------------------------------ vertical bars */

void bs_chart_vbars(bs_buf *b, bs_layout lay, const bs_chart_text *t, const bs_bar *bars,
                    size_t n, size_t label_every, bool edge_labels)
{
    if (lay == BS_NARROW) {
        bs_narrow_vbars(b, t, bars, n, edge_labels);
        return;
    }
    double top = 70, left = 64, right = W - 24, plot_h = 230;
    double bottom = top + plot_h, h = bottom + 66;
    bs_svg_open(b, t->id, lay, W, h, t->title, t->desc);
    frame_texts(b, t, h);
    double vmax = 0;
    for (size_t i = 0; i < n; i++)
        vmax = fmax(vmax, bars[i].value);
    if (n == 0 || vmax <= 0) {
        bs_svg_line(b, left, bottom, right, bottom, BS_AXIS, 1, NULL);
        empty_message(b, W / 2, top + plot_h / 2, "Nothing to count in these data");
        bs_svg_close(b);
        return;
    }
    double ticks[16], nice_hi;
    size_t nt = bs_ticks(0, vmax, vmax < 5 ? (size_t)ceil(vmax) : 5, ticks, 16, &nice_hi);
    bs_scale y = {0, nice_hi, bottom, top, false};
    bs_svg_axis_left(b, &y, ticks, nt, left, right, bs_tick_int);
    bs_svg_vtext(b, 18, (top + bottom) / 2, 12, t->y_label);
    double slot = (right - left) / (double)n, gap = slot > 8 ? fmin(slot * 0.18, 8) : 0;
    if (!label_every)
        label_every = 1;
    bool any_partial = false;
    for (size_t i = 0; i < n; i++) {
        double x = left + slot * (double)i + gap / 2, py = bs_scale_at(&y, bars[i].value);
        any_partial |= bars[i].partial;
        bs_vbar(b, x, py, slot - gap, bottom, &bars[i]);
        char v[BS_NUM];
        if (bars[i].value > 0 && slot >= 18)
            bs_svg_text(b, x + (slot - gap) / 2, py - 4, 11, "middle", 400, BS_INK,
                        bs_tick_int(bars[i].value, v, sizeof v));
        if (bars[i].label && i % label_every == 0) {
            double lx = edge_labels ? left + slot * (double)i : x + (slot - gap) / 2;
            if (edge_labels)
                bs_svg_line(b, lx, bottom, lx, bottom + 4, BS_AXIS, 1, NULL);
            bs_svg_text(b, lx, bottom + 16, 11, "middle", 400, BS_MUTED, bars[i].label);
        }
    }
    bs_svg_line(b, left, bottom, right, bottom, BS_AXIS, 1, NULL);
    bs_svg_text(b, (left + right) / 2, bottom + 36, 12, "middle", 400, BS_MUTED, t->x_label);
    if (any_partial) { /* the legend of the light bars, top right */
        bs_svg_rect(b, right - 236, top - 22, 12, 12, "#c5d8ec", "#2f6fae", NULL);
        bs_svg_text(b, right - 220, top - 12, 11, "start", 400, BS_MUTED,
                    "period seen only in part (not a low one)");
    }
    bs_svg_close(b);
}

/* ------------------------------------------------------------------ horizontal bars */

void bs_chart_hbars(bs_buf *b, bs_layout lay, const bs_chart_text *t, const bs_hbar *bars,
                    size_t n)
{
    if (lay == BS_NARROW) {
        bs_narrow_hbars(b, t, bars, n);
        return;
    }
    double label_w = 60;
    for (size_t i = 0; i < n; i++)
        label_w = fmax(label_w, bs_text_width(bars[i].label, 12) + 4);
    label_w = fmin(label_w, 220);
    double top = 66, row = 24, left = 16 + label_w + 8, right = W - 150;
    double bottom = top + row * (double)(n ? n : 1), h = bottom + 72;
    bs_svg_open(b, t->id, lay, W, h, t->title, t->desc);
    frame_texts(b, t, h);
    double vmax = 0;
    for (size_t i = 0; i < n; i++)
        vmax = fmax(vmax, bars[i].value);
    if (n == 0 || vmax <= 0) {
        empty_message(b, W / 2, top + 20, "Nothing to count in these data");
        bs_svg_close(b);
        return;
    }
    double ticks[16], nice_hi;
    size_t nt = bs_ticks(0, vmax, vmax < 5 ? (size_t)ceil(vmax) : 5, ticks, 16, &nice_hi);
    bs_scale x = {0, nice_hi, left, right, false};
    bs_svg_axis_bottom(b, &x, ticks, nt, bottom, top, bs_tick_int);
    for (size_t i = 0; i < n; i++) {
        double y = top + row * (double)i;
        double px = bs_scale_at(&x, bars[i].value);
        bs_svg_text(b, left - 8, y + row / 2 + 4, 12, "end", 400,
                    bars[i].muted ? BS_MUTED : BS_INK, bars[i].label);
        bs_svg_rect(b, left, y + 4, px - left, row - 8, bars[i].muted ? BS_BAR_MUTED : "#2f6fae",
                    NULL, bars[i].tooltip);
        if (bars[i].value_text)
            bs_svg_text(b, px + 6, y + row / 2 + 4, 11.5, "start", 400, BS_INK,
                        bars[i].value_text);
    }
    bs_svg_line(b, left, top, left, bottom, BS_AXIS, 1, NULL);
    bs_svg_text(b, (left + right) / 2, bottom + 36, 12, "middle", 400, BS_MUTED, t->x_label);
    bs_svg_close(b);
}

/* ------------------------------------------------------------------ CCDF on log axes */

void bs_chart_ccdf(bs_buf *b, bs_layout lay, const bs_chart_text *t, const double *x,
                   const double *p, size_t n, const double *fx, const double *fp, size_t nf,
                   const char *fit_name)
{
    if (lay == BS_NARROW) {
        bs_narrow_ccdf(b, t, x, p, n, fx, fp, nf, fit_name);
        return;
    }
    double top = 86, left = 72, right = W - 28, plot_h = 260;
    double bottom = top + plot_h, h = bottom + 62;
    bs_svg_open(b, t->id, lay, W, h, t->title, t->desc);
    frame_texts(b, t, h);
    bs_ccdf_span c = bs_ccdf_span_of(x, p, n);
    size_t npos = c.npos;
    if (npos == 0) {
        empty_message(b, W / 2, top + plot_h / 2, "No breach sizes above 0 in these data");
        bs_svg_close(b);
        return;
    }
    double x0 = c.x0, x1 = c.x1, p0 = c.p0;
    bs_scale sx = {x0, x1, left, right, true};
    bs_scale sy = {p0, 1, bottom, top, true};
    double ticks[64];
    size_t nt = bs_log_ticks(p0, 1, ticks, 64);
    bs_svg_axis_left(b, &sy, ticks, nt, left, right, bs_tick_pct);
    nt = bs_log_ticks(x0, x1, ticks, 64);
    bs_svg_axis_bottom(b, &sx, ticks, nt, bottom, top, bs_tick_short);
    bs_svg_vtext(b, 18, (top + bottom) / 2, 12, t->y_label);
    bs_svg_text(b, (left + right) / 2, bottom + 36, 12, "middle", 400, BS_MUTED, t->x_label);

    /* legend; many points are drawn as a line (overlapping dots would hide each other) */
    bool dots = npos <= 80;
    if (dots)
        bs_svg_circle(b, 24, 68, 4, "#2f6fae", "#ffffff", NULL);
    else
        bs_svg_line(b, 14, 68, 34, 68, "#2f6fae", 2.5, NULL);
    char legend[160];
    snprintf(legend, sizeof legend, "notices (%zu distinct sizes)", npos);
    bs_svg_text(b, 40, 72, 12.5, "start", 400, BS_INK, legend);
    if (nf > 1 && fit_name) {
        double lx = 40 + bs_text_width(legend, 12.5) + 24;
        bs_svg_line(b, lx, 68, lx + 24, 68, "#D55E00", 2, "6 4");
        bs_svg_text(b, lx + 30, 72, 12.5, "start", 400, BS_INK, fit_name);
        bs_ccdf_fit_path(b, &sx, &sy, fx, fp, nf);
    }
    bs_ccdf_points(b, &sx, &sy, x, p, n, dots);
    bs_svg_close(b);
}
