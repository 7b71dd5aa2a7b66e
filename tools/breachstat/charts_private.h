/* What the two designs of the charts share: charts.c draws the wide ones and hands the
 * narrow ones to charts_narrow.c; both take their colours, the US tile grid and its value
 * classes, and the calendar of the time axis from here, so that the two drawings of a
 * chart always show the same classes in the same colours, and draw their data with the
 * same pieces (charts_common.c), so that they always show the same points. */
#ifndef BREACHSTAT_CHARTS_PRIVATE_H
#define BREACHSTAT_CHARTS_PRIVATE_H

#include "svg.h"

/* Series i is colour i % BS_N_SERIES_COLORS, on its line, its dots and its figure (text):
 * each 4.5:1 or more on white, and its dark scheme's colour on #1e2126 (charts.c). */
#define BS_N_SERIES_COLORS 8
extern const char *const bs_series_colors[BS_N_SERIES_COLORS];

/* The tile grid: 11 columns, 8 rows, one tile per state, DC and PR. */
#define BS_TILE_COLS 11
#define BS_TILE_ROWS 8
typedef struct bs_tile {
    const char *usps;
    int row, col;
} bs_tile;
extern const bs_tile bs_tiles[];
extern const size_t bs_n_tiles;

/* The map's classes on a log scale (see bs_map_classes_of in charts.c). */
typedef struct bs_map_classes {
    int k;                      /* classes: 0 when no value is a figure */
    bool under;                 /* class 0 is "under br[1]" (the lowest classes merged) */
    double br[8];               /* class i is [br[i], br[i + 1]) */
    size_t n_fig;               /* values that are figures (not NaN) */
    const char *const *palette; /* k ColorBrewer blues, light to dark */
} bs_map_classes;
void bs_map_classes_of(const bs_map_value *v, size_t n, bs_map_classes *c);
/* The class of a figure (0 .. k - 1). */
int bs_map_class(const bs_map_classes *c, double value);
/* The legend's text of class i: "1k–10k", "under 10". */
const char *bs_map_class_label(const bs_map_classes *c, int i, bs_tick_fmt fmt, char *buf,
                               size_t size);
/* A state's figure: the last value given for usps that is not NaN; NULL when none is. */
const bs_map_value *bs_map_find(const bs_map_value *v, size_t n, const char *usps);
/* The colour of text on a tile of this fill: white or black, whichever contrasts more. */
const char *bs_tile_ink(const char *fill);
/* A tile with no figure: white (the chart's background, dark in the dark scheme), a dashed
 * outline of 3.2:1 on white (5.0:1 on the dark #1e2126; #c4c4c4 was 1.7:1) so that the
 * tile is seen as one (WCAG 1.4.11), its code in grey text of 4.9:1 on white (#9a9a9a was
 * 2.8:1; the dark scheme draws it #b4b9bf, 8.2:1). */
#define BS_TILE_NONE_EDGE "#8f8f8f"
#define BS_TILE_NONE_INK "#707070"
/* The bar of an "unknown" row: grey, 3.4:1 on white and 4.8:1 on #1e2126 (#b8b8b8 was
 * 2.0:1 on white). */
#define BS_BAR_MUTED "#8c8c8c"

/* The calendar of the time axes: a day number's year and month, the day number of the
 * first of a month (0 when the date cannot be made). */
void bs_ymd_of(int32_t day, int *y, int *m);
int32_t bs_day_of(int y, int m);

/* The data of a chart, drawn alike by both designs in their own scales and sizes
 * (charts_common.c); frames, legends and axes stay each design's own. */

/* A tile of the grid, a square of side s at (x, y) with corners of radius rx, the side
 * printed with `decimals` places: filled, its title tip; or, with fill NULL, the dashed
 * outline of a state with no figure, its title "XX: no figure" (tip unused). The text on
 * the tile is the caller's. */
void bs_map_tile(bs_buf *b, double x, double y, double s, int rx, int decimals,
                 const char *usps, const char *fill, const char *tip);
/* A tile's tooltip into buf: the value's own tooltip, else "XX: figure". Returns buf. */
const char *bs_map_tip(const bs_map_value *mv, const char *usps, bs_tick_fmt fmt, char *buf,
                       size_t size);

/* A tick of a time axis (at y0, the plot's top at y1) on the first of month m of year y:
 * its grid line and its mark under the axis, its x in *px. False, drawing nothing, when
 * that day is after d1 or cannot be made: the axis ends there. Labels are the design's. */
bool bs_time_tick(bs_buf *b, const bs_scale *x, int y, int m, int32_t d1, double y0, double y1,
                  double *px);

/* The first and last day and the largest figure of n series (vmax 0 at least); *dmin >
 * *dmax when no series has a point. */
void bs_series_extent(const bs_series *s, size_t n, int32_t *dmin, int32_t *dmax, double *vmax);
/* One series' step curve in color: the path from 0 on its first day, a dot with its
 * tooltip at each notice, its final figure above the last point. Nothing for n = 0. */
void bs_series_curve(bs_buf *b, const bs_scale *x, const bs_scale *y, const bs_series *s,
                     const char *color);

/* A bar from py down to bottom, w wide at x, with its tooltip; a partial period lighter,
 * outlined, with a dashed top. */
void bs_vbar(bs_buf *b, double x, double py, double w, double bottom, const bs_bar *bar);

/* What a CCDF on log axes can show: npos points with x > 0 and p > 0, and the axes' ends,
 * whole decades around them (x1 > x0; p0 < 1); the ends are 0 when npos is 0. */
typedef struct bs_ccdf_span {
    size_t npos;
    double x0, x1, p0;
} bs_ccdf_span;
bs_ccdf_span bs_ccdf_span_of(const double *x, const double *p, size_t n);
/* The fitted curve (nf points) as a dashed path, lifted off where it leaves the scales'
 * domains so that it is never drawn outside the plot. */
void bs_ccdf_fit_path(bs_buf *b, const bs_scale *sx, const bs_scale *sy, const double *fx,
                      const double *fp, size_t nf);
/* The points with x > 0 and p > 0: a dot with its tooltip each (dots), else one line
 * through them (many dots would hide each other). */
void bs_ccdf_points(bs_buf *b, const bs_scale *sx, const bs_scale *sy, const double *x,
                    const double *p, size_t n, bool dots);

/* The narrow designs (charts_narrow.c), with the arguments of the bs_chart_ functions. */
void bs_narrow_us_map(bs_buf *b, const bs_chart_text *t, const bs_map_value *v, size_t n,
                      bs_tick_fmt value_fmt, const char *legend_unit);
void bs_narrow_step_curves(bs_buf *b, const bs_chart_text *t, const bs_series *s, size_t n);
void bs_narrow_vbars(bs_buf *b, const bs_chart_text *t, const bs_bar *bars, size_t n,
                     bool edge_labels);
void bs_narrow_hbars(bs_buf *b, const bs_chart_text *t, const bs_hbar *bars, size_t n);
void bs_narrow_ccdf(bs_buf *b, const bs_chart_text *t, const double *x, const double *p,
                    size_t n, const double *fx, const double *fp, size_t nf,
                    const char *fit_name);

#endif
