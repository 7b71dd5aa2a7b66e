/* bench/breach_bench: the benchmark's work done with libbreach's C API.
 *
 *   breach_bench [--threads N] FILE VENDOR
 *
 * --threads N sets breach_set_threads(N) before any work (default: the library's own,
 * the processors it may use unless BREACH_THREADS says otherwise). Loads the canonical CSV, then per-state totals and shares, one vendor's cumulative
 * totals (revisions replacing earlier figures), and repeat-victim intervals. Prints the
 * figures that bench/run cross-checks against DuckDB and pandas, and the time of each step
 * on stderr as "time STEP SECONDS", and "threads N", the number the library used. */
#define _POSIX_C_SOURCE 200809L
#include <breach.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    if (argc == 5 && strcmp(argv[1], "--threads") == 0) {
        char *end;
        long n = strtol(argv[2], &end, 10);
        if (*end || end == argv[2] || n < 1 || n > 4096) {
            fprintf(stderr, "breach_bench: --threads takes a number from 1 to 4096\n");
            return 2;
        }
        breach_set_threads((unsigned)n);
        argv += 2;
        argc -= 2;
    }
    if (argc != 3) {
        fprintf(stderr, "usage: breach_bench [--threads N] FILE VENDOR\n");
        return 2;
    }
    breach_error e;
    double t0 = now();
    breach_dataset *ds = breach_dataset_new(&e);
    if (!ds || breach_csv_read_file(ds, argv[1], NULL, NULL, &e) != BREACH_OK) {
        fprintf(stderr, "%s:%ld:%ld: %s\n", e.source, e.line, e.column, e.text);
        return 1;
    }
    double t1 = now();
    breach_region_shares *rs = breach_region_shares_compute(ds, NULL, &e);
    double t2 = now();
    breach_supply_chain *sc = breach_supply_chain_compute(ds, argv[2], NULL, &e);
    double t3 = now();
    breach_repeats *rp = breach_repeats_compute(ds, NULL, NULL, &e);
    double t4 = now();
    if (!rs || !sc || !rp) {
        fprintf(stderr, "%s\n", e.text);
        return 1;
    }
    printf("incidents %zu\n", breach_dataset_size(ds));
    printf("selected %" PRIu64 "\n", rs->n_incidents);
    printf("with_breakdown %" PRIu64 "\n", rs->n_with_breakdown);
    for (size_t k = 0; k < rs->n_rows && k < 5; k++)
        printf("region %s %" PRIu64 " %.10f\n", breach_region_code(rs->rows[k].region),
               rs->rows[k].total.point, rs->rows[k].share);
    printf("vendor_notices %" PRIu64 "\n", sc->n_notices);
    printf("vendor_organisations %" PRIu64 "\n", sc->n_organisations);
    printf("vendor_individuals %" PRIu64 "\n", sc->individuals.point);
    if (sc->n_points)
        printf("vendor_curve_points %zu last %" PRIu64 "\n", sc->n_points,
               sc->curve[sc->n_points - 1].point);
    printf("repeat_entities %" PRIu64 " of %" PRIu64 "\n", rp->n_repeat_entities, rp->n_entities);
    printf("intervals %" PRIu64 " median %.1f mean %.6f q1 %.2f q3 %.2f\n", rp->summary.n,
           rp->summary.median, rp->summary.mean, rp->summary.q1, rp->summary.q3);
    fprintf(stderr, "time load %.4f\ntime regions %.4f\ntime vendor %.4f\ntime repeats %.4f\n",
            t1 - t0, t2 - t1, t3 - t2, t4 - t3);
    fprintf(stderr, "threads %u\n", breach_threads());
    breach_repeats_free(rp);
    breach_supply_chain_free(sc);
    breach_region_shares_free(rs);
    breach_dataset_free(ds);
    return 0;
}
