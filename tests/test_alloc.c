/* Allocation failures are tested, not hoped for (issue 18): with breach_set_alloc_funcs
 * installing a counting allocator, every load of a small fixture and every statistic on
 * the seed is run again and again, failing its 1st, 2nd, ... Nth allocation, until the
 * operation makes no more allocations than N. Each failed run must:
 *   - return BREACH_ENOMEM (a NULL result with err.code BREACH_ENOMEM), never another
 *     code, never a rejected row (a lenient load lists as many rejects as without the
 *     failure: a lost allocation is not a bad row);
 *   - leave no allocation behind once its objects are freed (the allocator counts blocks:
 *     a leak fails here in every build, and LeakSanitizer sees it too under ASan);
 *   - leave the dataset usable: a load that failed part-way keeps what it loaded, and the
 *     overview of it is computed; a statistic that failed is computed again, whole.
 * As jansson's test_chaos and SQLite's OOM tests do. A run that absorbs a failure (a
 * fallback that still succeeds) passes if its result equals the undisturbed one's.
 * The number of failure points of each operation is printed (and reported in issue 18). */
#include "check.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

/* ------------------------------------------------------------------ the chaos allocator */

#define HEAD 16 /* a size_t header; keeps 16-byte alignment */
/* atomic: a load on several threads allocates from each */
static _Atomic long live;           /* blocks allocated and not freed */
static _Atomic unsigned long calls; /* allocations since arming */
static unsigned long fail_at;
static bool armed, fired;

static bool should_fail(void)
{
    if (!armed)
        return false;
    if (++calls == fail_at) {
        fired = true;
        return true;
    }
    return false;
}

static void *t_malloc(size_t n)
{
    if (should_fail())
        return NULL;
    char *p = malloc(n + HEAD);
    if (!p)
        return NULL;
    live++;
    return p + HEAD;
}

static void *t_realloc(void *q, size_t n)
{
    if (!q)
        return t_malloc(n);
    if (should_fail())
        return NULL;
    char *p = realloc((char *)q - HEAD, n + HEAD);
    return p ? p + HEAD : NULL;
}

static void t_free(void *q)
{
    if (!q)
        return;
    live--;
    free((char *)q - HEAD);
}

static void arm(unsigned long n)
{
    calls = 0;
    fail_at = n;
    fired = false;
    armed = true;
}

static void disarm(void)
{
    armed = false;
}

/* ------------------------------------------------------------------ operations */

#define NOT_ENOMEM 1000 /* a failed run that did not say BREACH_ENOMEM */
#define REJECTED 1001   /* a failed allocation reported as a rejected row */
#define UNUSABLE 1002   /* the dataset could not be used after a failed load */
#define CHANGED 1003    /* a failure absorbed, and the data loaded differ */

static breach_dataset *seed;            /* loaded once, without failures */
static breach_dataset *two;             /* the seed and an HHS sample: two formats, whose
                                           Brightline rows the seed copies */
static unsigned load_threads;           /* the loads' threads (0: the library's setting) */
static breach_population *population;   /* likewise */

/* A NULL result's status: its err.code (0 would be a bug: reported as NOT_ENOMEM). */
static int null_status(const breach_error *e)
{
    if (e->code != BREACH_ENOMEM)
        fprintf(stderr, "\n  status %d: %s:%ld: %s", e->code, e->source, e->line, e->text);
    return e->code == BREACH_ENOMEM ? BREACH_ENOMEM : -NOT_ENOMEM;
}

typedef int (*reader_fn)(breach_dataset *, const char *, const breach_load_options *,
                         breach_report *, breach_error *);

static size_t baseline_rejects[16], baseline_loaded[16];
static uint64_t baseline_print[16];

/* The dataset's content, as the FNV-1a hash of its canonical CSV: a failure that a loader
 * absorbed must not have changed a single byte (jansson 2.14 drops a character when its
 * lexer's buffer cannot grow). */
static uint64_t fingerprint(const breach_dataset *ds)
{
    FILE *f = tmpfile();
    if (!f)
        return 0;
    breach_error e;
    if (breach_csv_write(ds, NULL, f, &e) != BREACH_OK) {
        fclose(f);
        return 0;
    }
    rewind(f);
    uint64_t h = 1469598103934665603ull;
    for (int c; (c = getc(f)) != EOF;)
        h = (h ^ (uint64_t)c) * 1099511628211ull;
    fclose(f);
    return h;
}
static bool have_baseline[16];

/* Loads path leniently into a new dataset; on failure checks the rejects and that the
 * dataset is usable. slot: which baseline of rejects applies. */
static int load(reader_fn read, const breach_mapping *m, const char *path, int slot)
{
    breach_error e = {0};
    breach_dataset *ds = breach_dataset_new(&e);
    if (!ds)
        return null_status(&e);
    breach_report *rep = breach_report_new();
    if (!rep) {
        breach_dataset_free(ds);
        return BREACH_ENOMEM;
    }
    breach_load_options o;
    breach_load_options_init(&o);
    o.lenient = true;
    o.threads = load_threads;
    int rc = m ? breach_mapped_read_file(ds, path, m, &o, rep, &e) : read(ds, path, &o, rep, &e);
    size_t rejects = breach_report_n_rejects(rep), loaded = breach_report_rows_loaded(rep);
    bool was_armed = armed;
    disarm();
    uint64_t print = rc == 0 ? fingerprint(ds) : 0;
    if (rc == 0 && !was_armed) {
        baseline_rejects[slot] = rejects;
        baseline_loaded[slot] = loaded;
        baseline_print[slot] = print;
        have_baseline[slot] = true;
    }
    if (rc == 0 && was_armed && fired && have_baseline[slot] && print != baseline_print[slot])
        rc = -CHANGED;
    /* a failure absorbed must not lose a row (a lenient loader once listed it as rejected) */
    if (rc == 0 && was_armed && fired && have_baseline[slot] &&
        (rejects != baseline_rejects[slot] || loaded != baseline_loaded[slot]))
        rc = -REJECTED;
    if (rc != 0 && rc != BREACH_ENOMEM && rc != -REJECTED && rc != -CHANGED)
        rc = -NOT_ENOMEM;
    else if (rc == BREACH_ENOMEM && have_baseline[slot] && rejects > baseline_rejects[slot])
        rc = -REJECTED;
    else if (rc == BREACH_ENOMEM) {
        /* what was loaded is usable */
        breach_overview *ov = breach_overview_compute(ds, NULL, &e);
        if (!ov)
            rc = -UNUSABLE;
        breach_overview_free(ov);
    }
    if (was_armed)
        armed = true; /* the caller disarms; frees below never allocate */
    breach_report_free(rep);
    breach_dataset_free(ds);
    return rc;
}

static int op_canonical(void) { return load(breach_csv_read_file, NULL, src_path("examples/data/seed-incidents.csv"), 0); }
static int op_hhs(void) { return load(breach_hhs_read_file, NULL, src_path("tests/data/hhs-sample.csv"), 1); }
static int op_wa(void) { return load(breach_wa_read_file, NULL, src_path("tests/data/wa-sample.csv"), 2); }
static int op_veris(void) { return load(breach_veris_read_file, NULL, src_path("tests/data/veris/array.json"), 3); }
static int op_veris_long(void) { return load(breach_veris_read_file, NULL, src_path("tests/data/veris/long-tokens.json"), 8); }
static int op_hibp(void) { return load(breach_hibp_read_file, NULL, src_path("tests/data/hibp/small.json"), 4); }
static int op_canonical_bad(void) { return load(breach_csv_read_file, NULL, src_path("tests/data/units-mixed.csv"), 5); }
static int op_wa_bad(void) { return load(breach_wa_read_file, NULL, src_path("tests/data/wa-bad-rows.csv"), 6); }

/* breach_load with no format, as the CLI and Python load: the format told from the file's
   first bytes, where a failed allocation was once "not canonical, HHS portal or Washington
   AG" (BREACH_EFORMAT) about a real HHS header */
static int read_auto(breach_dataset *ds, const char *path, const breach_load_options *opt,
                     breach_report *rep, breach_error *err)
{
    return breach_load(ds, path, NULL, opt, rep, err);
}
static int op_auto_canonical(void) { return load(read_auto, NULL, src_path("examples/data/seed-incidents.csv"), 9); }
static int op_auto_hhs(void) { return load(read_auto, NULL, src_path("tests/data/hhs-sample.csv"), 10); }
static int op_auto_wa(void) { return load(read_auto, NULL, src_path("tests/data/wa-sample.csv"), 11); }
static int op_auto_veris(void) { return load(read_auto, NULL, src_path("tests/data/veris/array.json"), 12); }
static int op_auto_hibp(void) { return load(read_auto, NULL, src_path("tests/data/hibp/small.json"), 13); }

/* the same canonical loads on three threads: rows parsed ahead by workers, chunks of a
   few rows (a failure in a worker, or in the commit, is BREACH_ENOMEM all the same) */
static int on_threads(int (*run)(void))
{
    load_threads = 3;
    int rc = run();
    load_threads = 0;
    return rc;
}
static int op_canonical_threads(void) { return on_threads(op_canonical); }
static int op_canonical_bad_threads(void) { return on_threads(op_canonical_bad); }

static int op_mapped(void)
{
    breach_error e = {0};
    breach_mapping *m = breach_mapping_read_file(src_path("tests/data/grouped.map"), &e);
    if (!m)
        return null_status(&e);
    int rc = load(NULL, m, src_path("tests/data/grouped.csv"), 7);
    breach_mapping_free(m);
    return rc;
}

static int op_population(void)
{
    breach_error e = {0};
    breach_population *p =
        breach_population_read_file(src_path("examples/data/us-state-population-2024.csv"), 0, &e);
    if (!p)
        return null_status(&e);
    breach_population_free(p);
    return 0;
}

/* A statistic: NAME computes into r from seed; FREE frees it. */
#define STAT(fn, type, call, freefn)                                                           \
    static int fn(void)                                                                        \
    {                                                                                          \
        breach_error e;                                                                        \
        type *r = call;                                                                        \
        if (!r)                                                                                \
            return null_status(&e);                                                            \
        freefn(r);                                                                             \
        return 0;                                                                              \
    }

STAT(op_region_shares, breach_region_shares, breach_region_shares_compute(seed, NULL, &e),
     breach_region_shares_free)
STAT(op_supply, breach_supply_chain, breach_supply_chain_compute(seed, "Fortra GoAnywhere", NULL, &e),
     breach_supply_chain_free)
STAT(op_overview, breach_overview, breach_overview_compute(seed, NULL, &e), breach_overview_free)
STAT(op_notice_shares, breach_notice_shares, breach_notice_shares_compute(seed, NULL, NULL, 0, &e),
     breach_notice_shares_free)
STAT(op_vendors, breach_vendors, breach_vendors_compute(seed, NULL, &e), breach_vendors_free)
STAT(op_sizes, breach_sizes, breach_sizes_compute(seed, NULL, &e), breach_sizes_free)

static int op_repeats(void)
{
    breach_error e = {0};
    breach_repeat_options o;
    breach_repeat_options_init(&o);
    breach_repeats *r = breach_repeats_compute(seed, NULL, &o, &e);
    if (!r)
        return null_status(&e);
    breach_repeats_free(r);
    return 0;
}

static int op_counts(void)
{
    breach_error e = {0};
    breach_counts_options o;
    breach_counts_options_init(&o);
    o.replicates = 50; /* the bootstrap of the proportions allocates too */
    breach_counts *r = breach_counts_compute(seed, NULL, &o, &e);
    if (!r)
        return null_status(&e);
    breach_counts_free(r);
    return 0;
}

static int op_timeseries(void)
{
    breach_error e = {0};
    breach_timeseries_options o;
    breach_timeseries_options_init(&o);
    breach_timeseries *r = breach_timeseries_compute(seed, NULL, &o, &e);
    if (!r)
        return null_status(&e);
    breach_timeseries_free(r);
    return 0;
}

static int op_survival(void)
{
    breach_error e = {0};
    breach_survival_options o;
    breach_survival_options_init(&o);
    breach_survival *r = breach_survival_compute(seed, NULL, &o, &e);
    if (!r)
        return null_status(&e);
    breach_survival_free(r);
    return 0;
}

static int op_links(void)
{
    breach_error e = {0};
    breach_link_options o;
    breach_link_options_init(&o);
    breach_links *r = breach_links_compute(seed, NULL, &o, &e);
    if (!r)
        return null_status(&e);
    breach_links_free(r);
    return 0;
}

/* The statistics whose cross-format rules only run over inputs of two formats. */
static int op_format_overlap(void)
{
    breach_error e = {0};
    breach_format_overlap *r = breach_format_overlap_compute(two, NULL, NULL, &e);
    if (!r)
        return null_status(&e);
    breach_format_overlap_free(r);
    return 0;
}

static int op_repeats_two(void)
{
    breach_error e = {0};
    breach_repeats *r = breach_repeats_compute(two, NULL, NULL, &e);
    if (!r)
        return null_status(&e);
    breach_repeats_free(r);
    breach_survival *s = breach_survival_compute(two, NULL, NULL, &e);
    if (!s)
        return null_status(&e);
    breach_survival_free(s);
    return 0;
}

static int op_select(void)
{
    breach_error e = {0};
    size_t n = 0;
    size_t *r = breach_dataset_select(seed, NULL, &n, &e);
    if (!r && n == 0 && e.code)
        return null_status(&e);
    breach_free(r);
    return 0;
}

/* with a date range, the overview counts the coarse dates: one more selection */
static int op_overview_range(void)
{
    breach_error e = {0};
    breach_filter f;
    breach_filter_init(&f);
    f.from = (breach_date){19358, BREACH_PREC_MONTH}; /* 2023-01 */
    f.to = (breach_date){19448, BREACH_PREC_MONTH};   /* 2023-04 */
    breach_overview *o = breach_overview_compute(seed, &f, &e);
    if (!o)
        return null_status(&e);
    breach_overview_free(o);
    return 0;
}

static int op_fits(void)
{
    breach_error e = {0};
    breach_sizes *s = breach_sizes_compute(seed, NULL, &e);
    if (!s)
        return null_status(&e);
    breach_lognormal_options lo;
    breach_lognormal_options_init(&lo);
    breach_lognormal *l = breach_lognormal_fit(s, &lo, &e);
    int rc = l ? 0 : null_status(&e);
    breach_lognormal_free(l);
    breach_sizes_free(s);
    return rc;
}

static int op_percapita(void)
{
    breach_error e = {0};
    breach_region_shares *r = breach_region_shares_compute(seed, NULL, &e);
    if (!r)
        return null_status(&e);
    breach_percapita *p = breach_percapita_compute(r, population, &e);
    int rc = p ? 0 : null_status(&e);
    breach_percapita_free(p);
    breach_region_shares_free(r);
    return rc;
}

static int op_bootstrap(void)
{
    static const double x[] = {3913, 1049375, 960000, 3000000, 26333, 131815, 4000};
    breach_error e = {0};
    breach_bootstrap_options o;
    breach_bootstrap_options_init(&o);
    o.replicates = 100;
    breach_bootstrap *b = breach_bootstrap_compute(x, 7, breach_statistic_median, NULL, &o, &e);
    if (!b)
        return null_status(&e);
    breach_bootstrap_free(b);
    return 0;
}

static int op_write_csv(void)
{
    breach_error e = {0};
    FILE *f = tmpfile();
    if (!f)
        return -NOT_ENOMEM;
    int rc = breach_csv_write(seed, NULL, f, &e);
    fclose(f);
    return rc == 0 || rc == BREACH_ENOMEM ? rc : -NOT_ENOMEM;
}

static int op_write_json(void)
{
    breach_error e = {0};
    FILE *f = tmpfile();
    if (!f)
        return -NOT_ENOMEM;
    int rc = breach_json_write(seed, NULL, f, &e);
    fclose(f);
    if (rc && rc != BREACH_ENOMEM)
        fprintf(stderr, "\n  status %d: %s", rc, e.text);
    return rc == 0 || rc == BREACH_ENOMEM ? rc : -NOT_ENOMEM;
}

/* ------------------------------------------------------------------ the driver */

typedef struct op {
    const char *name;
    int (*run)(void);
} op;

/* Runs op failing its 1st, 2nd, ... allocation until it completes; returns the number of
 * failure points, or -1 after reporting the first bad run. */
static long chaos(const op *o)
{
    long before = live;
    CU_ASSERT_EQUAL_FATAL(o->run(), 0); /* undisturbed, it succeeds (and sets baselines) */
    CU_ASSERT_EQUAL(live, before);
    for (unsigned long n = 1; n < 1000000; n++) {
        arm(n);
        int rc = o->run();
        disarm();
        bool f = fired;
        if (live != before) {
            fprintf(stderr, "\n  %s: failing allocation %lu leaks %ld blocks\n", o->name, n,
                    live - before);
            CU_FAIL("leak");
            return -1;
        }
        if (rc == -CHANGED) {
            fprintf(stderr, "\n  %s: failing allocation %lu changes the data loaded\n", o->name, n);
            CU_FAIL("a failed allocation changed the data");
            return -1;
        }
        if (rc == -REJECTED) {
            fprintf(stderr, "\n  %s: failing allocation %lu loses a row (listed as rejected)\n",
                    o->name, n);
            CU_FAIL("a failed allocation as a rejected row");
            return -1;
        }
        if (!f) {
            if (rc != 0) {
                fprintf(stderr, "\n  %s: status %d without a failure\n", o->name, rc);
                CU_FAIL("status without a failure");
                return -1;
            }
            return (long)n - 1;
        }
        if (rc != 0 && rc != BREACH_ENOMEM) {
            fprintf(stderr, "\n  %s: failing allocation %lu gives %d: %s\n", o->name, n, rc,
                    rc == -REJECTED ? "a rejected row" : rc == -UNUSABLE ? "an unusable dataset"
                                                                        : "a status that is not BREACH_ENOMEM");
            CU_FAIL("not BREACH_ENOMEM");
            return -1;
        }
        /* the statistic (or load) still works once memory is back */
        if (rc == BREACH_ENOMEM && o->run() != 0) {
            fprintf(stderr, "\n  %s: fails again after failing allocation %lu\n", o->name, n);
            CU_FAIL("not usable after a failure");
            return -1;
        }
    }
    CU_FAIL("more than a million allocations");
    return -1;
}

static const op loads[] = {
    {"canonical CSV (seed)", op_canonical},
    {"canonical CSV with rejected rows (lenient)", op_canonical_bad},
    {"canonical CSV on 3 threads", op_canonical_threads},
    {"canonical CSV with rejected rows on 3 threads", op_canonical_bad_threads},
    {"HHS portal CSV", op_hhs},
    {"WA CSV", op_wa},
    {"WA CSV with rejected rows (lenient)", op_wa_bad},
    {"mapped CSV", op_mapped},
    {"VERIS JSON", op_veris},
    {"VERIS JSON, tokens longer than jansson's buffer", op_veris_long},
    {"HIBP JSON", op_hibp},
    {"population CSV", op_population},
    {"canonical CSV, format told (breach_load)", op_auto_canonical},
    {"HHS portal CSV, format told (breach_load)", op_auto_hhs},
    {"WA CSV, format told (breach_load)", op_auto_wa},
    {"VERIS JSON, format told (breach_load)", op_auto_veris},
    {"HIBP JSON, format told (breach_load)", op_auto_hibp},
};

static const op stats[] = {
    {"select", op_select},
    {"overview", op_overview},
    {"overview with a date range", op_overview_range},
    {"region shares", op_region_shares},
    {"notice shares", op_notice_shares},
    {"supply chain", op_supply},
    {"vendors", op_vendors},
    {"repeats", op_repeats},
    {"counts (bootstrap 50)", op_counts},
    {"time series", op_timeseries},
    {"sizes", op_sizes},
    {"log-normal fit", op_fits},
    {"survival", op_survival},
    {"links", op_links},
    {"notices in two formats", op_format_overlap},
    {"repeats and survival, two formats", op_repeats_two},
    {"per capita", op_percapita},
    {"bootstrap (100)", op_bootstrap},
    {"CSV writer", op_write_csv},
    {"JSON writer", op_write_json},
};

static void run_all(const op *ops, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        long points = chaos(&ops[k]);
        fprintf(stderr, "\n  %-44s %6ld failure points%s", ops[k].name, points,
                points < 0 ? " (FAILED)" : ", all BREACH_ENOMEM");
    }
    fputc('\n', stderr);
}

static void test_loads(void)
{
    run_all(loads, sizeof loads / sizeof loads[0]);
}

static void test_statistics(void)
{
    run_all(stats, sizeof stats / sizeof stats[0]);
}

/* The hook itself: half a set of functions is refused and changes nothing. */
static void test_set_alloc_funcs(void)
{
    CHECK_EQ_LL(breach_set_alloc_funcs(t_malloc, NULL, t_free), BREACH_EINVAL);
    CHECK_EQ_LL(breach_set_alloc_funcs(t_malloc, t_realloc, t_free), BREACH_OK);
}

int main(void)
{
    setenv("BREACH_THREADS", "1", 1); /* one thread: the counts are deterministic */
    if (breach_set_alloc_funcs(t_malloc, t_realloc, t_free) != BREACH_OK)
        return 2;
    breach_error e = {0};
    seed = breach_dataset_new(&e);
    if (!seed || breach_csv_read_file(seed, src_path("examples/data/seed-incidents.csv"), NULL,
                                      NULL, &e) != BREACH_OK)
        return 2;
    two = breach_dataset_new(&e);
    if (!two ||
        breach_csv_read_file(two, src_path("examples/data/seed-incidents.csv"), NULL, NULL, &e) ||
        breach_hhs_read_file(two, src_path("tests/data/hhs-sample.csv"), NULL, NULL, &e))
        return 2;
    population =
        breach_population_read_file(src_path("examples/data/us-state-population-2024.csv"), 0, &e);
    if (!population)
        return 2;
    static const test_entry tests[] = {
        {"breach_set_alloc_funcs", test_set_alloc_funcs},
        {"every load fails cleanly at each allocation", test_loads},
        {"every statistic fails cleanly at each allocation", test_statistics},
        {NULL, NULL},
    };
    int rc = run_suite("alloc", tests);
    breach_population_free(population);
    breach_dataset_free(seed);
    breach_dataset_free(two);
    breach_set_alloc_funcs(NULL, NULL, NULL);
    return rc;
}
