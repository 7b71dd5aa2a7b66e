/* The narrow designs of the report's charts, for phones: 300 units wide, the content box
 * of a 360 px viewport (314 CSS px; 299 with a classic scroll bar), so that they are shown
 * at about their drawn size and their text, 12 units or more, stays at 11 CSS px or more
 * down to a 305 px viewport (320 with a classic scroll bar: report_html.c narrows the
 * margins under 360 px). Not the wide charts shrunk: titles, legends and the source wrap
 * onto more lines; horizontal bars carry their labels above them; the y axis's name is a
 * line above the plot, not turned along its side; axes have fewer ticks and labels, months
 * are labelled "Mar" with the year under the first and each January; the map's tiles carry
 * their state's code only, and a ranked list of the largest figures under the grid gives
 * the values as text. Colours are the wide designs' (the page's dark scheme recolours both
 * alike). */
#include "charts_private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define W BS_NARROW_W
#define M 6.0          /* margin, left and right */
#define TEXT 12.5      /* legends and labels */
#define SMALL 12.0     /* ticks, values, the source: the smallest text */

/* bs_text_width is an average: DejaVu Sans, the widest of the fonts the page names, runs
 * up to 7 % wider on words and 23 % on figures ("0.01 %"). A narrow chart has no room to
 * spare, so it wraps text at a line 10 % shorter (LINE) and reserves 25 % more than the
 * estimate for labels of figures (est), so that nothing is cut at the edge. */
#define LINE ((W - 2 * M) / 1.1)
static double est(const char *s, double size)
{
    return bs_text_width(s, size) * 1.25;
}

/* A chart is drawn top down into body (its height is known at the end), then wrapped in
 * its <svg> element; y is the top of the room still free. */
typedef struct frame {
    bs_buf body;
    double y;
} frame;

static void frame_start(frame *f, const bs_chart_text *t)
{
    bs_buf_init(&f->body);
    size_t n = bs_svg_wrap(&f->body, M, 18, 15, 700, NULL, t->title, LINE, 18.5, 3);
    double y = 18 + 18.5 * (double)(n ? n - 1 : 0);
    if (t->subtitle && *t->subtitle) {
        n = bs_svg_wrap(&f->body, M, y + 19, TEXT, 400, BS_MUTED, t->subtitle, LINE, 16, 3);
        y += 19 + 16 * (double)(n ? n - 1 : 0);
    }
    f->y = y + 10;
}

static void frame_end(bs_buf *b, frame *f, const bs_chart_text *t)
{
    double y = f->y + 14;
    size_t n = bs_svg_wrap(&f->body, M, y, SMALL, 400, BS_MUTED, t->source, LINE, 15, 8);
    double h = ceil(y + 15 * (double)(n ? n - 1 : 0) + 8);
    bs_svg_open(b, t->id, BS_NARROW, W, h, t->title, t->desc);
    bs_buf_add(b, f->body.s, f->body.len);
    bs_svg_close(b);
    bs_buf_free(&f->body);
}

/* The y axis's name, read without turning the head: a line (or two) above the plot. */
static void y_label(frame *f, const char *text)
{
    size_t n = bs_svg_wrap(&f->body, M, f->y + 11, SMALL, 400, BS_MUTED, text, LINE, 14, 2);
    f->y += 14 * (double)n + (n ? 2 : 0);
}

static void empty_message(frame *f, double y, const char *msg)
{
    bs_svg_text(&f->body, W / 2, y, 13, "middle", 400, BS_MUTED, msg);
}

/* The widest of the tick labels, at SMALL. */
static double ticks_width(const double *ticks, size_t n, bs_tick_fmt fmt)
{
    char t[BS_NUM];
    double w = 0;
    for (size_t i = 0; i < n; i++)
        w = fmax(w, est(fmt(ticks[i], t, sizeof t), SMALL));
    return w;
}

/* A y axis as bs_svg_axis_left draws it, in SMALL text. */
static void axis_left(bs_buf *b, const bs_scale *y, const double *ticks, size_t n, double x0,
                      double x1, bs_tick_fmt fmt)
{
    char t[BS_NUM];
    for (size_t i = 0; i < n; i++) {
        double py = bs_scale_at(y, ticks[i]);
        bs_svg_line(b, x0, py, x1, py, BS_GRID, 1, NULL);
        bs_svg_text(b, x0 - 6, py + 4, SMALL, "end", 400, BS_MUTED, fmt(ticks[i], t, sizeof t));
    }
    bs_svg_line(b, x0, y->r0, x0, y->r1, BS_AXIS, 1, NULL);
}

/* The smallest of steps[] (ascending, 0-terminated) that is at least k, else a power of
 * ten: every k-th label of a row whose labels would otherwise touch. */
static size_t every_nth(const size_t *steps, double k)
{
    for (size_t i = 0; steps[i]; i++)
        if ((double)steps[i] >= k)
            return steps[i];
    size_t s = 100;
    while ((double)s < k && s < ((size_t)-1) / 10)
        s *= 10;
    return s;
}

static const char *const months[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* "2023" -> 2023 */
static bool year_label(const char *s, int *y)
{
    if (!s || strlen(s) != 4 || strspn(s, "0123456789") != 4)
        return false;
    *y = atoi(s);
    return true;
}

/* "2023-04" -> 2023, 4 */
static bool month_label(const char *s, int *y, int *m)
{
    if (!s || strlen(s) != 7 || s[4] != '-')
        return false;
    for (int i = 0; i < 7; i++)
        if (i != 4 && (s[i] < '0' || s[i] > '9'))
            return false;
    *y = atoi(s);
    *m = atoi(s + 5);
    return *m >= 1 && *m <= 12;
}

/* A month's label "Apr", with its year on a second line under the first label and under
 * each label of a new year. */
static void month_tick_label(bs_buf *b, double x, double y, int yy, int mm, bool year)
{
    char t[16];
    bs_svg_text(b, x, y, SMALL, "middle", 400, BS_MUTED, months[mm - 1]);
    if (year) {
        snprintf(t, sizeof t, "%04d", yy);
        bs_svg_text(b, x, y + 15, SMALL, "middle", 400, BS_MUTED, t);
    }
}

/* ------------------------------------------------------------------ time axis */

/* Ticks on month starts, at most one per 42 units: every 1, 2, 3 or 6 months labelled
 * "Apr" with the year under the first and each January, or every 1, 2, 5, 10, 20 or 50
 * years labelled "2023". Returns the baseline of the lowest label. */
static double time_axis(bs_buf *b, const bs_scale *x, double y0, double y1)
{
    int32_t d0 = (int32_t)ceil(x->d0), d1 = (int32_t)floor(x->d1);
    int y, m, ye, me;
    bs_ymd_of(d0, &y, &m);
    bs_ymd_of(d1, &ye, &me);
    double room = x->r1 - x->r0;
    int max_ticks = (int)floor(room / 42);
    max_ticks = max_ticks < 2 ? 2 : max_ticks;
    int n_months = (ye - y) * 12 + (me - m) + 1;
    static const int month_steps[] = {1, 2, 3, 6};
    static const int year_steps[] = {1, 2, 5, 10, 20, 50};
    int step = 0;
    for (size_t i = 0; i < sizeof month_steps / sizeof month_steps[0] && !step; i++)
        if (n_months / month_steps[i] <= max_ticks)
            step = month_steps[i];
    bool years = step == 0;
    if (years) {
        step = year_steps[sizeof year_steps / sizeof year_steps[0] - 1];
        for (size_t i = 0; i < sizeof year_steps / sizeof year_steps[0]; i++)
            if ((ye - y + 1) / year_steps[i] <= max_ticks) {
                step = year_steps[i];
                break;
            }
    }
    /* the first tick: the first month (or year) start on or after d0, aligned to the step */
    int cy = y, cm = m;
    if (bs_day_of(cy, cm) < d0 && ++cm > 12)
        cm = 1, cy++;
    if (years) {
        if (cm != 1)
            cy++;
        cm = 1;
        cy = (cy + step - 1) / step * step;
    } else {
        while ((cm - 1) % step)
            if (++cm > 12)
                cm = 1, cy++;
    }
    bs_svg_line(b, x->r0, y0, x->r1, y0, BS_AXIS, 1, NULL);
    double lowest = y0 + 17;
    int last_year = 0;
    for (int guard = 0; guard < 200; guard++) {
        double px;
        if (!bs_time_tick(b, x, cy, cm, d1, y0, y1, &px))
            break;
        if (years) {
            char t[16];
            snprintf(t, sizeof t, "%04d", cy);
            bs_svg_text(b, px, y0 + 17, SMALL, "middle", 400, BS_MUTED, t);
            cy += step;
        } else {
            month_tick_label(b, px, y0 + 17, cy, cm, cy != last_year);
            if (cy != last_year)
                lowest = y0 + 32;
            last_year = cy;
            cm += step;
            while (cm > 12)
                cm -= 12, cy++;
        }
    }
    return lowest;
}

/* ------------------------------------------------------------------ US tile grid */

typedef struct ranked {
    const char *usps;
    const bs_map_value *mv;
} ranked;

static int by_value_desc(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->mv->value != y->mv->value)
        return x->mv->value < y->mv->value ? 1 : -1;
    return strcmp(x->usps, y->usps);
}

#define MAP_TOP 10 /* the ranked list under the grid: the largest figures */

void bs_narrow_us_map(bs_buf *b, const bs_chart_text *t, const bs_map_value *v, size_t n,
                      bs_tick_fmt value_fmt, const char *legend_unit)
{
    frame f;
    frame_start(&f, t);
    bs_map_classes mc;
    bs_map_classes_of(v, n, &mc);
    bs_buf *o = &f.body;

    /* legend: the unit, then the classes and "no figure", in as many rows as they need */
    double lx = M, ly = f.y;
    char a[BS_NUM], label[160];
    if (legend_unit && *legend_unit) {
        bs_svg_text(o, lx, ly + 12, SMALL, "start", 700, BS_MUTED, legend_unit);
        lx += est(legend_unit, SMALL) + 8;
    }
    for (int i = 0; i <= mc.k; i++) {
        const char *text = i < mc.k ? bs_map_class_label(&mc, i, value_fmt, label, sizeof label)
                                    : "no figure";
        double w = 19 + est(text, SMALL);
        if (lx > M && lx + w > W - M) {
            lx = M;
            ly += 21;
        }
        if (i < mc.k)
            bs_svg_rect(o, lx, ly + 1, 14, 14, mc.palette[i], "#7d8a96", NULL);
        else
            bs_buf_printf(o,
                          "<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"14\" "
                          "fill=\"#ffffff\" stroke=\"" BS_TILE_NONE_EDGE "\" stroke-dasharray=\"3 2\"/>\n",
                          lx, ly + 1);
        bs_svg_text(o, lx + 19, ly + 12.5, SMALL, "start", 400, BS_INK, text);
        lx += w + 12;
    }

    /* the grid: the wide map's, with tiles of 24 units that carry their state's code */
    const double step = (W - 2 * M) / BS_TILE_COLS, s = step - 2.5;
    const double x0 = M + 1, y0 = ly + 28;
    ranked top[64];
    size_t n_top = 0;
    for (size_t i = 0; i < bs_n_tiles; i++) {
        const bs_map_value *mv = bs_map_find(v, n, bs_tiles[i].usps);
        double x = x0 + bs_tiles[i].col * step, y = y0 + bs_tiles[i].row * step;
        if (!mv || mc.k == 0) {
            bs_map_tile(o, x, y, s, 2, 1, bs_tiles[i].usps, NULL, NULL);
            bs_svg_text(o, x + s / 2, y + s / 2 + 4.2, SMALL, "middle", 400, BS_TILE_NONE_INK,
                        bs_tiles[i].usps);
            continue;
        }
        if (n_top < sizeof top / sizeof top[0])
            top[n_top++] = (ranked){bs_tiles[i].usps, mv};
        const char *fill = mc.palette[bs_map_class(&mc, mv->value)];
        char tip[256];
        bs_map_tip(mv, bs_tiles[i].usps, value_fmt, tip, sizeof tip);
        bs_map_tile(o, x, y, s, 2, 1, bs_tiles[i].usps, fill, tip);
        bs_svg_text(o, x + s / 2, y + s / 2 + 4.2, SMALL, "middle", 700, bs_tile_ink(fill),
                    bs_tiles[i].usps);
    }
    f.y = y0 + BS_TILE_ROWS * step + 4;
    if (mc.n_fig == 0 || n_top == 0) {
        empty_message(&f, y0 + 4 * step, "No state figures in these data");
        frame_end(b, &f, t);
        return;
    }

    /* the largest figures as bars, with their values: the tiles do not carry them */
    qsort(top, n_top, sizeof top[0], by_value_desc);
    size_t shown = n_top < MAP_TOP ? n_top : MAP_TOP;
    if (n_top == 1)
        snprintf(label, sizeof label, "The state with a figure");
    else if (n_top <= MAP_TOP)
        snprintf(label, sizeof label, "Every state with a figure, largest first");
    else
        snprintf(label, sizeof label, "The %zu largest of %zu states (the table lists all)",
                 shown, n_top);
    f.y += 16;
    size_t nl = bs_svg_wrap(o, M, f.y, TEXT, 700, BS_INK, label, LINE, 16, 2);
    f.y += 16 * (double)(nl ? nl - 1 : 0) + 8;
    double vw = 0, vmax = 0;
    for (size_t i = 0; i < shown; i++) {
        vw = fmax(vw, est(value_fmt(top[i].mv->value, a, sizeof a), SMALL));
        vmax = fmax(vmax, top[i].mv->value);
    }
    double left = M + 30, right = W - M - vw - 6;
    for (size_t i = 0; i < shown; i++) {
        double y = f.y + 20 * (double)i;
        double len = vmax > 0 ? (right - left) * top[i].mv->value / vmax : 0;
        bs_svg_text(o, M, y + 14, SMALL, "start", 700, BS_INK, top[i].usps);
        bs_svg_rect(o, left, y + 4, len, 13, "#2f6fae", NULL, top[i].mv->tooltip);
        bs_svg_text(o, left + len + 5, y + 14.5, SMALL, "start", 400, BS_INK,
                    value_fmt(top[i].mv->value, a, sizeof a));
    }
    bs_svg_line(o, left, f.y + 2, left, f.y + 20 * (double)shown + 1, BS_AXIS, 1, NULL);
    f.y += 20 * (double)shown + 2;
    frame_end(b, &f, t);
}

/* ------------------------------------------------------------------ step curves */

void bs_narrow_step_curves(bs_buf *b, const bs_chart_text *t, const bs_series *s, size_t n)
{
    frame f;
    frame_start(&f, t);
    bs_buf *o = &f.body;
    /* the legend, a series a line (or more: the legends name vendors and totals) */
    for (size_t i = 0; i < n; i++) {
        const char *color = bs_series_colors[i % BS_N_SERIES_COLORS];
        bs_svg_line(o, M, f.y + 8, M + 18, f.y + 8, color, 3, NULL);
        size_t nl = bs_svg_wrap(o, M + 24, f.y + 12.5, TEXT, 400, BS_INK,
                                s[i].legend ? s[i].legend : s[i].name, LINE - 24, 15.5, 3);
        f.y += 15.5 * (double)(nl ? nl : 1) + 5;
    }
    int32_t dmin, dmax;
    double vmax;
    bs_series_extent(s, n, &dmin, &dmax, &vmax);
    const double plot_h = 190;
    f.y += 6;
    if (dmin <= dmax)
        y_label(&f, t->y_label);
    double top = f.y + 22; /* room for the final figure above the highest point */
    if (dmin > dmax) {
        empty_message(&f, top + plot_h / 2, "No dated notices of any vendor");
        f.y = top + plot_h;
        frame_end(b, &f, t);
        return;
    }
    double ticks[16], nice_hi;
    size_t nt = bs_ticks(0, vmax > 0 ? vmax : 1, 4, ticks, 16, &nice_hi);
    double left = M + ticks_width(ticks, nt, bs_tick_short) + 8, right = W - M - 6;
    double bottom = top + plot_h;
    double pad = fmax(10, (dmax - dmin) * 0.04);
    bs_scale x = {dmin - pad, dmax + pad, left, right, false};
    bs_scale y = {0, nice_hi, bottom, top, false};
    axis_left(o, &y, ticks, nt, left, right, bs_tick_short);
    double lowest = time_axis(o, &x, bottom, top);
    bs_svg_text(o, (left + right) / 2, lowest + 18, SMALL, "middle", 400, BS_MUTED, t->x_label);
    f.y = lowest + 22;

    for (size_t i = 0; i < n; i++)
        bs_series_curve(o, &x, &y, &s[i], bs_series_colors[i % BS_N_SERIES_COLORS]);
    frame_end(b, &f, t);
}

/* ------------------------------------------------------------------ vertical bars */

void bs_narrow_vbars(bs_buf *b, const bs_chart_text *t, const bs_bar *bars, size_t n,
                     bool edge_labels)
{
    frame f;
    frame_start(&f, t);
    bs_buf *o = &f.body;
    double vmax = 0;
    bool any_partial = false;
    for (size_t i = 0; i < n; i++) {
        vmax = fmax(vmax, bars[i].value);
        any_partial |= bars[i].partial;
    }
    if (any_partial) { /* the legend of the light bars, on its own line */
        bs_svg_rect(o, M, f.y + 1, 13, 13, "#c5d8ec", "#2f6fae", NULL);
        bs_svg_text(o, M + 19, f.y + 12, SMALL, "start", 400, BS_MUTED,
                    "period seen only in part (not a low one)");
        f.y += 24;
    }
    const double plot_h = 180;
    if (n > 0 && vmax > 0)
        y_label(&f, t->y_label);
    double top = f.y + 20, bottom = top + plot_h; /* room for a value over the highest bar */
    if (n == 0 || vmax <= 0) {
        bs_svg_line(o, M, bottom, W - M, bottom, BS_AXIS, 1, NULL);
        empty_message(&f, top + plot_h / 2, "Nothing to count in these data");
        f.y = bottom + 8;
        frame_end(b, &f, t);
        return;
    }
    double ticks[16], nice_hi;
    size_t nt = bs_ticks(0, vmax, vmax < 4 ? (size_t)ceil(vmax) : 4, ticks, 16, &nice_hi);
    double left = M + ticks_width(ticks, nt, bs_tick_int) + 8, right = W - M;
    bs_scale y = {0, nice_hi, bottom, top, false};
    axis_left(o, &y, ticks, nt, left, right, bs_tick_int);

    /* labels: months as "Apr" with the year under the first and each new year's; every
       k-th label when they would touch, on round steps of the calendar (Jan, Apr, Jul,
       Oct; 2010, 2015, 2020) for months and years */
    bool by_month = !edge_labels, by_year = !edge_labels;
    double lw = 0;
    for (size_t i = 0; i < n; i++) {
        int yy, mm;
        by_month &= !bars[i].label || month_label(bars[i].label, &yy, &mm);
        by_year &= !bars[i].label || year_label(bars[i].label, &yy);
        if (bars[i].label)
            lw = fmax(lw, est(bars[i].label, SMALL));
    }
    if (by_month)
        lw = est("May", SMALL);
    static const size_t month_steps[] = {1, 2, 3, 6, 12, 24, 60, 120, 0};
    static const size_t year_steps[] = {1, 2, 5, 10, 20, 50, 0};
    static const size_t any_steps[] = {1, 2, 3, 4, 5, 6, 10, 12, 20, 24, 50, 0};
    double slot = (right - left) / (double)n, gap = slot > 8 ? fmin(slot * 0.18, 6) : 0;
    size_t every = every_nth(by_month ? month_steps : by_year ? year_steps : any_steps,
                             ceil((lw + 8) / slot));
    /* the values over the bars when every one fits over its bar: not over a few only */
    double vw = 0;
    char v[BS_NUM];
    for (size_t i = 0; i < n; i++)
        vw = fmax(vw, est(bs_tick_int(bars[i].value, v, sizeof v), SMALL));
    bool values = vw + 2 <= slot;
    double lowest = bottom + 17;
    int last_year = 0;
    for (size_t i = 0; i < n; i++) {
        double x = left + slot * (double)i + gap / 2, py = bs_scale_at(&y, bars[i].value);
        bs_vbar(o, x, py, slot - gap, bottom, &bars[i]);
        if (values && bars[i].value > 0)
            bs_svg_text(o, x + (slot - gap) / 2, py - 4, SMALL, "middle", 400, BS_INK,
                        bs_tick_int(bars[i].value, v, sizeof v));
        int yy, mm;
        size_t key = i; /* the label's place in its sequence: months and years count from 0 */
        if (by_month && month_label(bars[i].label, &yy, &mm))
            key = (size_t)(yy * 12 + mm - 1);
        else if (by_year && year_label(bars[i].label, &yy))
            key = (size_t)yy;
        if (!bars[i].label || key % every)
            continue;
        double lx = edge_labels ? left + slot * (double)i : x + (slot - gap) / 2;
        if (lx + lw / 2 > W) /* a last label that would be cut at the edge */
            continue;
        if (edge_labels)
            bs_svg_line(o, lx, bottom, lx, bottom + 4, BS_AXIS, 1, NULL);
        if (by_month && month_label(bars[i].label, &yy, &mm)) {
            month_tick_label(o, lx, bottom + 17, yy, mm, yy != last_year);
            if (yy != last_year)
                lowest = bottom + 32;
            last_year = yy;
        } else {
            bs_svg_text(o, lx, bottom + 17, SMALL, "middle", 400, BS_MUTED, bars[i].label);
        }
    }
    bs_svg_line(o, left, bottom, right, bottom, BS_AXIS, 1, NULL);
    bs_svg_text(o, (left + right) / 2, lowest + 18, SMALL, "middle", 400, BS_MUTED, t->x_label);
    f.y = lowest + 22;
    frame_end(b, &f, t);
}

/* ------------------------------------------------------------------ horizontal bars */

void bs_narrow_hbars(bs_buf *b, const bs_chart_text *t, const bs_hbar *bars, size_t n)
{
    frame f;
    frame_start(&f, t);
    bs_buf *o = &f.body;
    double vmax = 0, vw = 0;
    for (size_t i = 0; i < n; i++) {
        vmax = fmax(vmax, bars[i].value);
        if (bars[i].value_text)
            vw = fmax(vw, est(bars[i].value_text, SMALL));
    }
    if (n == 0 || vmax <= 0) {
        empty_message(&f, f.y + 20, "Nothing to count in these data");
        f.y += 30;
        frame_end(b, &f, t);
        return;
    }
    /* each label on its own line above its bar, the whole width; the value after the bar */
    const double row = 36;
    double left = M, right = fmax(W - M - vw - 6, left + 120), top = f.y;
    double bottom = top + row * (double)n;
    double ticks[16], nice_hi;
    size_t nt = bs_ticks(0, vmax, vmax < 3 ? (size_t)ceil(vmax) : 3, ticks, 16, &nice_hi);
    bs_scale x = {0, nice_hi, left, right, false};
    char tk[BS_NUM];
    for (size_t i = 0; i < nt; i++) {
        double px = bs_scale_at(&x, ticks[i]);
        bs_svg_line(o, px, top, px, bottom, BS_GRID, 1, NULL);
        bs_svg_line(o, px, bottom, px, bottom + 4, BS_AXIS, 1, NULL);
        /* the first and last labels kept inside the drawing */
        const char *lab = bs_tick_int(ticks[i], tk, sizeof tk);
        const char *anchor = i == 0                               ? "start"
                             : px + est(lab, SMALL) / 2 > W - M ? "end"
                                                                  : "middle";
        bs_svg_text(o, i == 0 ? px - 2 : px, bottom + 17, SMALL, anchor, 400, BS_MUTED, lab);
    }
    bs_svg_line(o, left, bottom, right, bottom, BS_AXIS, 1, NULL);
    for (size_t i = 0; i < n; i++) {
        double y = top + row * (double)i;
        double px = bs_scale_at(&x, bars[i].value);
        bs_svg_fitted(o, left, y + 13, TEXT, 400, bars[i].muted ? BS_MUTED : BS_INK,
                      bars[i].label, LINE);
        bs_svg_rect(o, left, y + 18, px - left, 13, bars[i].muted ? BS_BAR_MUTED : "#2f6fae", NULL,
                    bars[i].tooltip);
        if (bars[i].value_text)
            bs_svg_text(o, px + 5, y + 29, SMALL, "start", 400, BS_INK, bars[i].value_text);
    }
    bs_svg_text(o, (left + right) / 2, bottom + 35, SMALL, "middle", 400, BS_MUTED, t->x_label);
    f.y = bottom + 39;
    frame_end(b, &f, t);
}

/* ------------------------------------------------------------------ CCDF on log axes */

void bs_narrow_ccdf(bs_buf *b, const bs_chart_text *t, const double *x, const double *p,
                    size_t n, const double *fx, const double *fp, size_t nf,
                    const char *fit_name)
{
    frame f;
    frame_start(&f, t);
    bs_buf *o = &f.body;
    bs_ccdf_span c = bs_ccdf_span_of(x, p, n);
    size_t npos = c.npos;
    /* the legend, an entry a line; many points are drawn as a line */
    bool dots = npos <= 80;
    char legend[160];
    if (npos) {
        if (dots)
            bs_svg_circle(o, M + 9, f.y + 8, 4, "#2f6fae", "#ffffff", NULL);
        else
            bs_svg_line(o, M, f.y + 8, M + 18, f.y + 8, "#2f6fae", 2.5, NULL);
        snprintf(legend, sizeof legend, "notices (%zu distinct sizes)", npos);
        size_t nl = bs_svg_wrap(o, M + 24, f.y + 12.5, TEXT, 400, BS_INK, legend, LINE - 24,
                                15.5, 2);
        f.y += 15.5 * (double)nl + 4.5;
        if (nf > 1 && fit_name) {
            bs_svg_line(o, M, f.y + 8, M + 18, f.y + 8, "#D55E00", 2, "6 4");
            nl = bs_svg_wrap(o, M + 24, f.y + 12.5, TEXT, 400, BS_INK, fit_name, LINE - 24, 15.5,
                             2);
            f.y += 15.5 * (double)nl + 4.5;
        }
    }
    const double plot_h = 200;
    f.y += 4;
    if (npos)
        y_label(&f, t->y_label);
    double top = f.y + 10, bottom = top + plot_h;
    if (npos == 0) {
        empty_message(&f, top + plot_h / 2, "No breach sizes above 0 in these data");
        f.y = bottom;
        frame_end(b, &f, t);
        return;
    }
    double x0 = c.x0, x1 = c.x1, p0 = c.p0;
    double yt[64], xt[64];
    size_t nyt = bs_log_ticks(p0, 1, yt, 64), nxt = bs_log_ticks(x0, x1, xt, 64);
    /* the last x label is centred on the right end: room for half of it */
    char tk[BS_NUM];
    double left = M + ticks_width(yt, nyt, bs_tick_pct) + 8;
    double right = W - M - est(bs_tick_short(x1, tk, sizeof tk), SMALL) / 2;
    bs_scale sx = {x0, x1, left, right, true};
    bs_scale sy = {p0, 1, bottom, top, true};
    axis_left(o, &sy, yt, nyt, left, right, bs_tick_pct);
    /* x: a grid line at every tick; labels on the 2s and 5s too when there is room, else
       on every decade, or every 2nd or 3rd, ... (10, 1k, 100k) as they fit */
    double lab_w = 0;
    for (size_t i = 0; i < nxt; i++)
        lab_w = fmax(lab_w, est(bs_tick_short(xt[i], tk, sizeof tk), SMALL));
    bool minor_labels = (right - left) / (double)nxt >= lab_w + 10;
    double decade = (right - left) / log10(x1 / x0);
    int every = (int)fmax(1, ceil((lab_w + 10) / decade));
    for (size_t i = 0; i < nxt; i++) {
        double px = bs_scale_at(&sx, xt[i]);
        bs_svg_line(o, px, top, px, bottom, BS_GRID, 1, NULL);
        bs_svg_line(o, px, bottom, px, bottom + 4, BS_AXIS, 1, NULL);
        double e = log10(xt[i]);
        bool power = fabs(e - round(e)) < 1e-9;
        if (!minor_labels && !(power && (int)round(e - log10(x0)) % every == 0))
            continue;
        bs_svg_text(o, px, bottom + 17, SMALL, "middle", 400, BS_MUTED,
                    bs_tick_short(xt[i], tk, sizeof tk));
    }
    bs_svg_line(o, left, bottom, right, bottom, BS_AXIS, 1, NULL);
    bs_svg_text(o, (left + right) / 2, bottom + 35, SMALL, "middle", 400, BS_MUTED, t->x_label);
    f.y = bottom + 39;

    if (nf > 1 && fit_name)
        bs_ccdf_fit_path(o, &sx, &sy, fx, fp, nf);
    bs_ccdf_points(o, &sx, &sy, x, p, n, dots);
    frame_end(b, &f, t);
}
