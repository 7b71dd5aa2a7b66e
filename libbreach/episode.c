/* Episodes of one organisation; see episode_private.h. */
#include "episode_private.h"
#include "breach_private.h"
#include "dataset_private.h"
#include "intern.h"

#include <stdlib.h>

/* A notice naming a vendor, and the run of incidents close in time that it falls in. */
typedef struct campaign_item {
    uint32_t vendor;
    size_t run;
} campaign_item;

static int cmp_item(const void *a, const void *b)
{
    const campaign_item *x = a, *y = b;
    if (x->vendor != y->vendor)
        return x->vendor < y->vendor ? -1 : 1;
    return (x->run > y->run) - (x->run < y->run);
}

/* The layout of w->p for n incidents: start, run, parent (n size_t each), the campaign
 * items (n), then day and vendor (n 32-bit values each), then assoc (n bytes); returns its
 * size, 0 on overflow. */
static size_t layout(size_t n)
{
    size_t bytes;
    if (!breach_size_mul(n, 3 * sizeof(size_t) + sizeof(campaign_item) + 2 * sizeof(uint32_t) +
                                1,
                         &bytes))
        return 0;
    return bytes ? bytes : 1;
}

int breach_episodes_room(breach_episode_work *w, size_t n, int32_t **day, uint32_t **vendor,
                         uint8_t **assoc, size_t **start)
{
    size_t bytes = layout(n);
    if (!bytes || breach_grow(&w->p, &w->cap, bytes, 1))
        return BREACH_ENOMEM;
    *start = w->p;
    campaign_item *item = (campaign_item *)(void *)(*start + 3 * n);
    *day = (int32_t *)(void *)(item + n);
    *vendor = (uint32_t *)(*day + n);
    *assoc = (uint8_t *)(*vendor + n);
    return 0;
}

/* The representative of run r's class: the class's first run (path halving). */
static size_t find(size_t *parent, size_t r)
{
    while (parent[r] != r) {
        parent[r] = parent[parent[r]];
        r = parent[r];
    }
    return r;
}

size_t breach_episodes(const int32_t *day, const uint32_t *vendor, const uint8_t *assoc,
                       size_t n, int32_t merge, int32_t window, size_t *start,
                       breach_episode_work *w)
{
    if (!n)
        return 0;
    /* runs: maximal stretches of incidents each at most `merge` days after the one before,
       or business-associate filings inside the window of a run that one starts (the
       classes of the first two relations) */
    size_t *run = (size_t *)w->p + n, *parent = run + n, nruns = 0, nv = 0, first = 0;
    campaign_item *item = (campaign_item *)(void *)(parent + n);
    for (size_t k = 0; k < n; k++) {
        int joins = k > 0 && ((int64_t)day[k] - day[k - 1] <= merge ||
                              (window >= 0 && assoc && assoc[k] && assoc[first] &&
                               (int64_t)day[k] - day[first] <= window));
        if (!joins) {
            parent[nruns] = nruns;
            nruns++;
            first = k;
        }
        run[k] = nruns - 1;
        if (vendor[k])
            item[nv++] = (campaign_item){vendor[k], nruns - 1};
    }
    /* a campaign's runs are one class, represented by its first run */
    if (nv > 1) {
        qsort(item, nv, sizeof *item, cmp_item);
        for (size_t j = 1; j < nv; j++) {
            if (item[j].vendor != item[j - 1].vendor)
                continue;
            size_t a = find(parent, item[j - 1].run), b = find(parent, item[j].run);
            if (a < b)
                parent[b] = a;
            else if (b < a)
                parent[a] = b;
        }
    }
    /* an episode starts at the first incident of each class's first run */
    size_t ns = 0;
    for (size_t k = 0; k < n; k++)
        if ((k == 0 || run[k] != run[k - 1]) && find(parent, run[k]) == run[k])
            start[ns++] = k;
    return ns;
}

void breach_associate_ids(const struct breach_dataset *ds, uint32_t ids[3])
{
    static const char *const spelling[3] = {"Business Associate", "business associate",
                                            "BUSINESS ASSOCIATE"};
    for (int k = 0; k < 3; k++)
        ids[k] = breach_intern_find(ds->strings, spelling[k], 18);
}
