/* The report's content, built once (report.c) and written as HTML (report_html.c) or
 * Markdown with SVG files (report_md.c): both writers walk the same sections, so the two
 * formats always say the same thing.
 *
 * A section is a heading, paragraphs, figures (an SVG chart with the table of its data
 * beside it, for screen readers and for anyone who wants the numbers), further tables and
 * notes. All text is plain: each writer escapes it for its format. */
#ifndef BREACHSTAT_REPORT_H
#define BREACHSTAT_REPORT_H

#include "breachstat.h"

typedef struct bs_rtable {
    char *caption;
    size_t ncols;
    char **heads;
    char *align; /* per column: 'l' text, 'n' text on one line (dates, ids), 'r' figures */
    size_t nrows;
    char **cells; /* nrows * ncols, owned */
    size_t more;  /* rows left out (the note says where to find them) */
} bs_rtable;

typedef struct bs_figure {
    char *name; /* file suffix for Markdown: "map" -> OUT-map.svg */
    char *svg;        /* one complete <svg> element: the wide design (svg.h) */
    char *svg_narrow; /* the same chart's narrow design, for phones (HTML only) */
    char *alt;  /* a sentence: what the chart shows */
    bs_rtable *table;
} bs_figure;

typedef struct bs_section {
    char *id, *heading;
    char **paras;
    size_t n_paras;
    bs_figure *figs;
    size_t n_figs;
    bs_rtable **tables;
    size_t n_tables;
    char **notes;
    size_t n_notes;
} bs_section;

typedef struct bs_keyfig {
    char *label, *value;
} bs_keyfig;

typedef struct bs_report {
    char *title;
    char *generator; /* "breachstat 0.1.0 (libbreach 0.1.0)" */
    char *sources;   /* the inputs, one line */
    bs_keyfig *keys;
    size_t n_keys;
    bs_section *sections;
    size_t n_sections;
} bs_report;

/* Builds the report from ctx's dataset and options. Returns NULL with *status set (a
 * BS_EXIT code) on failure, after printing why. */
bs_report *bs_report_build(bs_ctx *ctx, int *status);
void bs_report_free(bs_report *r);

/* Writers: return a BS_EXIT code (BS_EXIT_OUTPUT when a file cannot be written). */
int bs_report_write_html(const bs_report *r, const char *path);
int bs_report_write_markdown(const bs_report *r, const char *path);

#endif
