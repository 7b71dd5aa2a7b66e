/* What the two designs of the charts share: charts.c draws the wide ones and hands the
 * narrow ones to charts_narrow.c; both take their colours, the US tile grid and its value
 * classes, and the calendar of the time axis from here, so that the two drawings of a
 * chart always show the same classes in the same colours. */
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
