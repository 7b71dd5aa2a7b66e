/* Threads, under the documented contract (include/breach/dataset.h): separate datasets in
 * any threads; one dataset read by several threads at once. Four threads load and compute
 * on datasets of their own, then four threads run every statistic on one shared dataset,
 * each result compared with the same statistic computed on one thread first. The shared
 * dataset is the seed copied 2^13 times (73,728 incidents, past 2^16), so that the library's own
 * worker threads (sums split from 2^16 selected incidents) run inside the readers' threads
 * too. ./build.sh check runs this suite under ThreadSanitizer (--enable-sanitizers=thread);
 * it runs in the normal and ASan builds as well. */
#include "check.h"

#include <pthread.h>
#include <stdint.h>

#define READERS 4
#define ROUNDS 3

static breach_dataset *shared;
static char seed_path[1024]; /* src_path() keeps a static ring: read once, before threads */

/* A few figures of each statistic, enough to tell two results apart. */
typedef struct figures {
    uint64_t region_total, supply_orgs, repeat_entities, intervals, overview_selected,
        counts_rows, periods, sizes_n, links, km_steps;
    int rc;
} figures;

static figures compute(const breach_dataset *ds)
{
    figures f;
    memset(&f, 0, sizeof f);
    breach_error e;
    breach_region_shares *rs = breach_region_shares_compute(ds, NULL, &e);
    breach_supply_chain *sc = breach_supply_chain_compute(ds, "Fortra GoAnywhere", NULL, &e);
    breach_repeats *rp = breach_repeats_compute(ds, NULL, NULL, &e);
    breach_overview *ov = breach_overview_compute(ds, NULL, &e);
    breach_counts *ct = breach_counts_compute(ds, NULL, NULL, &e);
    breach_timeseries *ts = breach_timeseries_compute(ds, NULL, NULL, &e);
    breach_sizes *sz = breach_sizes_compute(ds, NULL, &e);
    breach_links *lk = breach_links_compute(ds, NULL, NULL, &e);
    breach_survival *sv = breach_survival_compute(ds, NULL, NULL, &e);
    if (!rs || !sc || !rp || !ov || !ct || !ts || !sz || !lk || !sv)
        f.rc = -1;
    else {
        f.region_total = rs->all_regions.lower;
        f.supply_orgs = sc->n_organisations;
        f.repeat_entities = rp->n_repeat_entities;
        f.intervals = rp->n_intervals;
        f.overview_selected = ov->n_selected;
        f.counts_rows = ct->n_rows;
        f.periods = ts->n_periods;
        f.sizes_n = sz->n;
        f.links = lk->n_links;
        f.km_steps = sv->n_steps;
    }
    breach_region_shares_free(rs);
    breach_supply_chain_free(sc);
    breach_repeats_free(rp);
    breach_overview_free(ov);
    breach_counts_free(ct);
    breach_timeseries_free(ts);
    breach_sizes_free(sz);
    breach_links_free(lk);
    breach_survival_free(sv);
    return f;
}

static figures want;

static void *reader(void *arg)
{
    long *bad = arg;
    for (int r = 0; r < ROUNDS; r++) {
        figures got = compute(shared);
        if (memcmp(&got, &want, sizeof got) != 0)
            ++*bad;
    }
    return NULL;
}

static void *own(void *arg)
{
    long *bad = arg;
    breach_error e;
    breach_dataset *ds = breach_dataset_new(&e);
    if (!ds || breach_csv_read_file(ds, seed_path, NULL, NULL, &e) != BREACH_OK) {
        ++*bad;
        breach_dataset_free(ds);
        return NULL;
    }
    breach_repeats *rp = breach_repeats_compute(ds, NULL, NULL, &e);
    /* seed-facts.md: NextGen is the one organisation hit twice */
    if (!rp || rp->n_repeat_entities != 1)
        ++*bad;
    breach_repeats_free(rp);
    breach_dataset_free(ds);
    return NULL;
}

static void test_separate_datasets(void)
{
    pthread_t t[READERS];
    long bad[READERS] = {0};
    for (int i = 0; i < READERS; i++)
        CU_ASSERT_EQUAL_FATAL(pthread_create(&t[i], NULL, own, &bad[i]), 0);
    for (int i = 0; i < READERS; i++) {
        pthread_join(t[i], NULL);
        CHECK_EQ_LL(bad[i], 0);
    }
}

static void test_shared_readers(void)
{
    want = compute(shared);
    CHECK_EQ_LL(want.rc, 0);
    CU_ASSERT(want.overview_selected > 0);
    CHECK_EQ_LL(breach_dataset_size(shared), 9 << 13);
    pthread_t t[READERS];
    long bad[READERS] = {0};
    for (int i = 0; i < READERS; i++)
        CU_ASSERT_EQUAL_FATAL(pthread_create(&t[i], NULL, reader, &bad[i]), 0);
    for (int i = 0; i < READERS; i++) {
        pthread_join(t[i], NULL);
        CHECK_EQ_LL(bad[i], 0);
    }
}

int main(void)
{
    breach_error e;
    snprintf(seed_path, sizeof seed_path, "%s", src_path("examples/data/seed-incidents.csv"));
    shared = breach_dataset_new(&e);
    if (!shared || breach_csv_read_file(shared, seed_path, NULL, NULL, &e) != BREACH_OK)
        return 2;
    for (int k = 0; k < 13; k++) { /* 9 x 2^13 = 73,728 incidents */
        breach_dataset *twice = breach_dataset_new(&e);
        if (!twice || breach_dataset_append(twice, shared, &e) != BREACH_OK ||
            breach_dataset_append(twice, shared, &e) != BREACH_OK)
            return 2;
        breach_dataset_free(shared);
        shared = twice;
    }
    static const test_entry tests[] = {
        {"separate datasets in separate threads", test_separate_datasets},
        {"one dataset, four readers", test_shared_readers},
        {NULL, NULL},
    };
    int rc = run_suite("threads", tests);
    breach_dataset_free(shared);
    return rc;
}
