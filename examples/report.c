/* breach-report: a custom report in Markdown, built with the libbreach API.
 *
 *   breach-report [FILE...] > report.md     (default: the bundled seed data)
 *
 * writes the Markdown on standard output and its chart, report-categories.svg, in the
 * current directory.
 *
 * It shows what a C program does to make its own report: load files of any format into one
 * dataset (strict or lenient, with the rejected rows and their places), choose incidents
 * with a filter, ask for statistics (region shares, supply-chain totals, repeat victims,
 * category counts, breach sizes), read their result structs, free each with its _free, and
 * draw a chart as SVG — here a small bar chart written next to the report. The
 * `breachstat report` command does the same at length; this file is the short version to
 * copy from.
 *
 * Build against an installed library:
 *   cc -std=c11 report.c $(pkg-config --cflags --libs libbreach) -lm -o breach-report
 */
#include <breach.h>

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef BREACH_SEED_CSV
#define BREACH_SEED_CSV "examples/data/seed-incidents.csv"
#endif

/* Errors carry their place: print them as compilers do, FILE:LINE:COLUMN: reason. */
static void print_error(const breach_error *e)
{
    if (e->line)
        fprintf(stderr, "%s:%ld:%ld: %s\n", e->source, e->line, e->column, e->text);
    else
        fprintf(stderr, "%s%s%s\n", e->source, e->source[0] ? ": " : "", e->text);
}

/* 1049375 -> "1,049,375" */
static const char *num(uint64_t v, char *buf)
{
    char raw[32];
    int n = snprintf(raw, sizeof raw, "%" PRIu64, v), o = 0;
    for (int i = 0; i < n; i++) {
        if (i && (n - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = raw[i];
    }
    buf[o] = '\0';
    return buf;
}

/* A total keeps its bounds: never print "at least" figures as if they were exact. */
static const char *total(const breach_total *t, char *buf)
{
    char a[32], b[32];
    if (t->n == t->n_unknown)
        snprintf(buf, 64, "unknown");
    else if (t->upper_unbounded)
        snprintf(buf, 64, "at least %s", num(t->lower, a));
    else if (t->lower == t->upper)
        snprintf(buf, 64, "%s", num(t->lower, a));
    else
        snprintf(buf, 64, "%s to %s", num(t->lower, a), num(t->upper, b));
    return buf;
}

/* Loads every file into ds, detecting each format; bad rows are skipped and listed. */
static int load(breach_dataset *ds, int argc, char **argv)
{
    breach_report *rep = breach_report_new();
    breach_load_options opt;
    breach_load_options_init(&opt);
    opt.lenient = true;
    int rc = 0;
    int n = argc > 1 ? argc - 1 : 1;
    for (int i = 0; i < n; i++) {
        const char *path = argc > 1 ? argv[i + 1] : BREACH_SEED_CSV;
        breach_error e;
        if (breach_load(ds, path, NULL, &opt, rep, &e) != BREACH_OK) {
            print_error(&e); /* a whole file that cannot be read */
            rc = -1;
            break;
        }
    }
    for (size_t i = 0; i < breach_report_n_rejects(rep); i++) {
        breach_issue is;
        breach_report_reject(rep, i, &is);
        fprintf(stderr, "%s:%ld:%ld: rejected: %s\n", breach_report_reject_source(rep, i),
                is.line, is.column, is.text);
    }
    printf("*%zu rows read, %zu loaded, %zu rejected.*\n\n", breach_report_rows_read(rep),
           breach_report_rows_loaded(rep), breach_report_rows_rejected(rep));
    breach_report_free(rep);
    return rc;
}

static void regions(const breach_dataset *ds, const breach_filter *f)
{
    breach_error e;
    breach_region_shares *rs = breach_region_shares_compute(ds, f, &e);
    if (!rs) {
        print_error(&e);
        return;
    }
    char t[64];
    printf("## Residents affected per region\n\n%" PRIu64 " of %" PRIu64
           " notices give a breakdown.\n\n| region | residents | notices | share |\n|---|---:|---:|---:|\n",
           rs->n_with_breakdown, rs->n_incidents);
    for (size_t i = 0; i < rs->n_rows; i++)
        printf("| %s | %s | %" PRIu64 " | %.3f %% |\n", breach_region_name(rs->rows[i].region),
               total(&rs->rows[i].total, t), rs->rows[i].n_incidents, 100 * rs->rows[i].share);
    printf("\n");
    breach_region_shares_free(rs);
}

/* Every vendor, found with the counts statistic, then its supply-chain total. */
static void supply_chains(const breach_dataset *ds, const breach_filter *f)
{
    breach_error e;
    breach_counts_options o;
    breach_counts_options_init(&o);
    o.dimension = BREACH_DIM_VENDOR;
    o.min_n_report = 0; /* we want the list of vendors, however few notices */
    breach_counts *c = breach_counts_compute(ds, f, &o, &e);
    if (!c) {
        print_error(&e);
        return;
    }
    printf("## Supply-chain campaigns\n\n");
    for (size_t i = 0; i < c->n_rows; i++) {
        if (c->rows[i].unknown)
            continue; /* notices without a vendor */
        breach_supply_chain *sc = breach_supply_chain_compute(ds, c->rows[i].label, f, &e);
        if (!sc) {
            print_error(&e);
            continue;
        }
        char t[64];
        printf("- **%s**: %" PRIu64 " organisations, %s individuals", sc->vendor,
               sc->n_organisations, total(&sc->individuals, t));
        if (sc->n_points) {
            char d[16];
            breach_date_format(sc->curve[sc->n_points - 1].date, d, sizeof d);
            printf(" (last notice %s)", d);
        }
        printf("\n");
        breach_supply_chain_free(sc);
    }
    printf("\n");
    breach_counts_free(c);
}

static void repeats(const breach_dataset *ds, const breach_filter *f)
{
    breach_error e;
    breach_repeats *rp = breach_repeats_compute(ds, f, NULL, &e);
    if (!rp) {
        print_error(&e);
        return;
    }
    printf("## Repeat victims\n\n%" PRIu64 " of %" PRIu64 " organisations were hit more than once.",
           rp->n_repeat_entities, rp->n_entities);
    if (rp->summary.n) /* quartiles are NaN without intervals: test before printing */
        printf(" Median interval: %.0f days (%" PRIu64 " intervals).", rp->summary.median,
               rp->summary.n);
    printf("\n\n");
    for (size_t i = 0; i < rp->n_intervals && i < 10; i++) {
        breach_incident a;
        breach_dataset_get(ds, rp->intervals[i].first, &a, NULL); /* borrowed strings */
        printf("- %s: %d days\n", a.entity, (int)rp->intervals[i].days);
    }
    printf("\n");
    breach_repeats_free(rp);
}

/* Category counts as a table and as a small SVG bar chart written beside the report. */
static void categories(const breach_dataset *ds, const breach_filter *f, const char *svg_path)
{
    breach_error e;
    breach_counts_options o;
    breach_counts_options_init(&o);
    o.dimension = BREACH_DIM_CATEGORY;
    o.min_n_report = 0;
    breach_counts *c = breach_counts_compute(ds, f, &o, &e);
    if (!c) {
        print_error(&e);
        return;
    }
    printf("## Data exposed\n\n%" PRIu64 " notices name their data.%s\n\n", c->n,
           c->status == BREACH_COUNTS_OK ? "" : " Too few for shares: counts only.");
    uint64_t max = 0;
    size_t shown = 0;
    for (size_t i = 0; i < c->n_rows; i++)
        if (c->rows[i].count && !c->rows[i].unknown) {
            max = c->rows[i].count > max ? c->rows[i].count : max;
            shown++;
        }
    FILE *svg = shown ? fopen(svg_path, "w") : NULL;
    if (svg)
        fprintf(svg,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"480\" height=\"%zu\" "
                "font-family=\"sans-serif\" font-size=\"12\">\n<title>Notices per data "
                "category</title>\n",
                40 + 22 * shown);
    printf("| category | notices | share |\n|---|---:|---:|\n");
    size_t k = 0;
    for (size_t i = 0; i < c->n_rows; i++) {
        const breach_count_row *r = &c->rows[i];
        if (!r->count || r->unknown)
            continue;
        if (isnan(r->proportion)) /* not given under the small-sample rule */
            printf("| %s | %" PRIu64 " | |\n", r->label, r->count);
        else
            printf("| %s | %" PRIu64 " | %.1f %% (%.1f to %.1f) |\n", r->label, r->count,
                   100 * r->proportion, 100 * r->lo, 100 * r->hi);
        if (svg) {
            /* category labels are vocabulary names (ssn, dob, ...): nothing to escape; text
             * from the data (organisation names) would need &, < and > escaped */
            double w = 300.0 * (double)r->count / (double)max;
            fprintf(svg,
                    "<text x=\"120\" y=\"%zu\" text-anchor=\"end\">%s</text>\n"
                    "<rect x=\"128\" y=\"%zu\" width=\"%.1f\" height=\"16\" fill=\"#2f6fae\"/>\n"
                    "<text x=\"%.1f\" y=\"%zu\">%" PRIu64 "</text>\n",
                    34 + 22 * k, r->label, 22 + 22 * k, w, 134 + w, 34 + 22 * k, r->count);
        }
        k++;
    }
    if (svg) {
        fprintf(svg, "<text x=\"8\" y=\"%zu\" fill=\"#666\">notices per category (libbreach "
                     "%s)</text>\n</svg>\n",
                32 + 22 * shown, breach_version_string());
        fclose(svg);
        printf("\n![Notices per data category](%s)\n", svg_path);
    }
    printf("\n");
    breach_counts_free(c);
}

static void sizes(const breach_dataset *ds, const breach_filter *f)
{
    breach_error e;
    breach_sizes *s = breach_sizes_compute(ds, f, &e);
    if (!s) {
        print_error(&e);
        return;
    }
    printf("## Breach sizes\n\n");
    if (s->n) /* summaries are NaN when no notice gives a figure */
        printf("%zu notices give a size: median %.0f, quartiles %.0f and %.0f, largest %.0f. "
               "%zu say only \"at least\" or \"at most\".\n\n",
               s->n, s->median, s->q1, s->q3, s->max, s->n_at_least + s->n_at_most);
    else
        printf("No notice gives a size.\n\n");
    breach_sizes_free(s);
}

int main(int argc, char **argv)
{
    breach_error e;
    breach_dataset *ds = breach_dataset_new(&e);
    if (!ds) {
        print_error(&e);
        return 1;
    }
    printf("# Breach report\n\n*libbreach %s.*\n", breach_version_string());
    if (load(ds, argc, argv) != 0) {
        breach_dataset_free(ds);
        return 1;
    }
    /* One filter for every statistic: here all notices, revisions replaced. Set from/to,
     * region, vendor, types or categories to narrow the report. */
    breach_filter f;
    breach_filter_init(&f);
    regions(ds, &f);
    supply_chains(ds, &f);
    repeats(ds, &f);
    categories(ds, &f, "report-categories.svg");
    sizes(ds, &f);
    breach_dataset_free(ds);
    return 0;
}
