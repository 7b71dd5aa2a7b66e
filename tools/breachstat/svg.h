/* Chart primitives for the reports: SVG elements with escaped text, scales, nice ticks,
 * axes, and the charts themselves (charts.c) drawn from plain arrays, so that a chart
 * knows nothing of the statistics that fed it.
 *
 * Every chart is one standalone, well-formed XML <svg> element (with its namespace): it
 * can be inlined in HTML or written as a file. Each has a <title> and <desc> for screen
 * readers, a visible title, axis labels with units, and a "Source:" line.
 *
 * Each chart has two designs (bs_layout): the wide one, 680 units for a desktop column,
 * and a narrow one, 300 units for the content box of a phone (314 CSS px at a 360 px
 * viewport), with text of 12 units or more, wrapped titles, fewer ticks and labels where
 * they fit (charts_narrow.c). The HTML report carries both and shows one (report_html.c);
 * the Markdown report's files are the wide ones. */
#ifndef BREACHSTAT_SVG_H
#define BREACHSTAT_SVG_H

#include "breachstat.h"

/* ------------------------------------------------------------------ primitives (svg.c) */

#define BS_FONT "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif"
#define BS_INK "#1a1a1a"
#define BS_MUTED "#5a5a5a"
#define BS_GRID "#e3e3e3"
#define BS_AXIS "#8a8a8a"

typedef enum bs_layout {
    BS_WIDE,   /* 680 units: text from 11 units, shown at 680 CSS px or more */
    BS_NARROW, /* 300 units: text from 12 units, for phones */
    BS_LAYOUTS
} bs_layout;
#define BS_WIDE_W 680.0
#define BS_NARROW_W 300.0

/* The <svg> element, of class "chart wide" or "chart narrow": its title and description
 * are named by ID-title and ID-desc, with "-narrow" after ID in the narrow design, so that
 * the page's two drawings of a chart do not share an id. */
void bs_svg_open(bs_buf *b, const char *id, bs_layout lay, double w, double h,
                 const char *title, const char *desc);
void bs_svg_close(bs_buf *b);
/* anchor: "start", "middle" or "end"; weight 400 or 700; fill NULL = ink */
void bs_svg_text(bs_buf *b, double x, double y, double size, const char *anchor, int weight,
                 const char *fill, const char *text);
/* Text turned -90 degrees around (x, y), for a vertical axis label. */
void bs_svg_vtext(bs_buf *b, double x, double y, double size, const char *text);
void bs_svg_line(bs_buf *b, double x1, double y1, double x2, double y2, const char *stroke,
                 double width, const char *dash);
/* tooltip (may be NULL) becomes a <title> child: shown on hover, read by screen readers */
void bs_svg_rect(bs_buf *b, double x, double y, double w, double h, const char *fill,
                 const char *stroke, const char *tooltip);
void bs_svg_circle(bs_buf *b, double cx, double cy, double r, const char *fill,
                   const char *stroke, const char *tooltip);
/* Chart heading (title and subtitle) and the source line at the bottom. */
void bs_svg_heading(bs_buf *b, double w, const char *title, const char *subtitle);
void bs_svg_source(bs_buf *b, double x, double y, double w, const char *source);
/* Text from (x, y) in lines of at most max_w pixels, broken at spaces (inside a word longer
 * than a line), line_h apart (start anchored). The text left for the last of max_lines is
 * cut with an ellipsis if need be and keeps its whole text as a tooltip. b NULL: nothing
 * is drawn (to measure). Returns the number of lines (0 for NULL or empty text). */
size_t bs_svg_wrap(bs_buf *b, double x, double y, double size, int weight, const char *fill,
                   const char *text, double max_w, double line_h, size_t max_lines);
/* Text cut to fit max_w pixels, with an ellipsis and the whole text as a tooltip. */
void bs_svg_fitted(bs_buf *b, double x, double y, double size, int weight, const char *fill,
                   const char *text, double max_w);

/* An estimate of a text's width in pixels (no font metrics without a renderer). */
double bs_text_width(const char *s, double size);

typedef struct bs_scale {
    double d0, d1; /* domain */
    double r0, r1; /* range, pixels */
    bool log;      /* log10 domain (d0, d1 > 0) */
} bs_scale;
double bs_scale_at(const bs_scale *s, double v);

/* Up to cap "nice" ticks (1, 2, 5 x 10^k) covering [lo, hi]; *nice_hi receives the last
 * tick (>= hi). Returns the count. */
size_t bs_ticks(double lo, double hi, size_t target, double *out, size_t cap, double *nice_hi);
/* Powers of ten in [lo, hi], with 2 and 5 between when the span is under two decades. */
size_t bs_log_ticks(double lo, double hi, double *out, size_t cap);

typedef const char *(*bs_tick_fmt)(double v, char *buf, size_t size);
const char *bs_tick_short(double v, char *buf, size_t size);   /* 1.2M */
const char *bs_tick_int(double v, char *buf, size_t size);     /* 1,200 */
const char *bs_tick_pct(double v, char *buf, size_t size);     /* 10 % (v a fraction) */

/* Axes: ticks with labels and grid lines across the plot. */
void bs_svg_axis_left(bs_buf *b, const bs_scale *y, const double *ticks, size_t n, double x0,
                      double x1, bs_tick_fmt fmt);
void bs_svg_axis_bottom(bs_buf *b, const bs_scale *x, const double *ticks, size_t n, double y0,
                        double y1, bs_tick_fmt fmt);

/* ------------------------------------------------------------------ charts (charts.c) */

/* The caption every chart carries: title, subtitle (units), source. */
typedef struct bs_chart_text {
    const char *id;       /* unique in the page: "map", "supply" */
    const char *title;
    const char *subtitle; /* what is counted, in which unit */
    const char *desc;     /* one sentence for screen readers: what the chart shows */
    const char *source;   /* "Source: ..." */
    const char *x_label;
    const char *y_label;
} bs_chart_text;

/* US tile grid: one value per state (USPS code); NaN = no figure. value_fmt formats a
 * value for the tiles and the legend. */
typedef struct bs_map_value {
    const char *usps; /* "ME" */
    double value;
    const char *tooltip; /* may be NULL */
} bs_map_value;
void bs_chart_us_map(bs_buf *b, bs_layout lay, const bs_chart_text *t, const bs_map_value *v,
                     size_t n, bs_tick_fmt value_fmt, const char *legend_unit);

/* Step curves over time: per series, points (day number, value) ascending. */
typedef struct bs_series {
    const char *name;
    const char *legend; /* "Fortra GoAnywhere: at least 5,643,196" */
    size_t n;
    const int32_t *day;
    const double *value;
} bs_series;
void bs_chart_step_curves(bs_buf *b, bs_layout lay, const bs_chart_text *t, const bs_series *s,
                          size_t n);

/* Vertical bars with labels under them (periods of a timeline), or with edge_labels under
 * each bar's left edge (a histogram's bins, labelled by where they start). label_every
 * (0 = 1) thins the wide design's labels; the narrow one labels every bar, or every k-th,
 * as the labels fit. */
typedef struct bs_bar {
    const char *label;   /* under the bar; NULL = none */
    double value;
    const char *tooltip;
    bool partial;        /* a period the data cover only in part: drawn lighter, hatched
                            outline, and a legend line says so */
} bs_bar;
void bs_chart_vbars(bs_buf *b, bs_layout lay, const bs_chart_text *t, const bs_bar *bars,
                    size_t n, size_t label_every, bool edge_labels);

/* Horizontal bars with a label on the left (above the bar in the narrow design) and the
 * value text at the bar's end. */
typedef struct bs_hbar {
    const char *label;
    double value;
    const char *value_text; /* at the bar's end */
    bool muted;             /* the "unknown" row */
    const char *tooltip;
} bs_hbar;
void bs_chart_hbars(bs_buf *b, bs_layout lay, const bs_chart_text *t, const bs_hbar *bars,
                    size_t n);

/* The CSS rules, for a page's prefers-color-scheme: dark block, that draw the series in
 * their colours for the dark background (#1e2126), on lines, dots and text alike: the
 * charts' colours are presentation attributes, which CSS overrides. */
void bs_chart_dark_css(bs_buf *b);

/* Log-log complementary CDF: points (x, p), and optionally a fitted curve (fx, fp). */
void bs_chart_ccdf(bs_buf *b, bs_layout lay, const bs_chart_text *t, const double *x,
                   const double *p, size_t n, const double *fx, const double *fp, size_t nf,
                   const char *fit_name);

#endif
