/* breach-story: the three questions of the seed story, answered from a canonical CSV.
 *
 *   breach-story [FILE]    (default: the bundled examples/data/seed-incidents.csv)
 *
 * It shows how a C program uses libbreach: load with a report, look incidents up, ask for
 * a region share, a supply-chain total and repeat-victim intervals, and free everything.
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

static void print_error(const breach_error *e)
{
    if (e->line)
        fprintf(stderr, "%s:%ld:%ld: %s\n", e->source, e->line, e->column, e->text);
    else if (e->source[0])
        fprintf(stderr, "%s: %s\n", e->source, e->text);
    else
        fprintf(stderr, "error: %s\n", e->text);
}

/* Thousands separators make figures readable: 1049375 -> 1,049,375. */
static const char *num(uint64_t v, char *buf, size_t size)
{
    char raw[32];
    int n = snprintf(raw, sizeof raw, "%" PRIu64, v);
    size_t o = 0;
    for (int i = 0; i < n && o + 2 < size; i++) {
        if (i && (n - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = raw[i];
    }
    buf[o] = '\0';
    return buf;
}

static breach_type first_type(breach_type_set s)
{
    for (int t = 0; t < BREACH_TYPE_COUNT_; t++)
        if (s & BREACH_TYPE_BIT(t))
            return (breach_type)t;
    return BREACH_TYPE_UNKNOWN;
}

static long find_id(const breach_dataset *ds, const char *id)
{
    breach_incident inc;
    for (size_t i = 0; i < breach_dataset_size(ds); i++)
        if (breach_dataset_get(ds, i, &inc, NULL) == BREACH_OK && inc.id && strcmp(inc.id, id) == 0)
            return (long)i;
    return -1;
}

static void print_share(const breach_dataset *ds, long i, const char *code)
{
    breach_region r;
    breach_share s;
    breach_error e;
    char a[32], b[32];
    if (breach_region_parse(code, strlen(code), &r, &e) != BREACH_OK ||
        breach_incident_region_share(ds, (size_t)i, r, &s, &e) != BREACH_OK) {
        print_error(&e);
        return;
    }
    /* four significant figures below 1 %, three decimals above: 0.3729 %, 12.561 % */
    double pct = 100.0 * s.share;
    printf("  %-14s %9s of %9s = %.*f %%\n", breach_region_name(r), num(s.part.value, a, sizeof a),
           num(s.whole.value, b, sizeof b), pct < 1 ? 4 : 3, pct);
}

static void print_bounds(const char *label, uint64_t lo, uint64_t hi, bool unbounded)
{
    char a[32], b[32];
    if (unbounded)
        printf("%s at least %s (no upper bound: some counts are unknown or lower bounds)\n", label,
               num(lo, a, sizeof a));
    else if (lo == hi)
        printf("%s %s (exact)\n", label, num(lo, a, sizeof a));
    else
        printf("%s between %s and %s\n", label, num(lo, a, sizeof a), num(hi, b, sizeof b));
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : BREACH_SEED_CSV;
    breach_error e;
    breach_dataset *ds = breach_dataset_new(&e);
    breach_report *rep = breach_report_new();
    if (!ds || !rep) {
        fprintf(stderr, "out of memory\n");
        return 1;
    }
    if (breach_csv_read_file(ds, path, NULL, rep, &e) != BREACH_OK) {
        print_error(&e);
        breach_report_free(rep);
        breach_dataset_free(ds);
        return 1;
    }
    printf("libbreach %s: %zu incidents read from %s (%zu rows, %zu rejected)\n\n",
           breach_version_string(), breach_dataset_size(ds), path, breach_report_rows_read(rep),
           breach_report_rows_rejected(rep));

    /* 1. Region share of one incident */
    long ng = find_id(ds, "nextgen-2023-04-credentials");
    if (ng >= 0) {
        printf("1. NextGen Healthcare, spring 2023 (incident %s): residents per state\n",
               "nextgen-2023-04-credentials");
        print_share(ds, ng, "US-ME");
        print_share(ds, ng, "US-TX");
        print_share(ds, ng, "US-WA");
        printf("\n");
    }

    /* 2. Supply-chain totals */
    const char *vendor = "Fortra GoAnywhere";
    breach_supply_chain *sc = breach_supply_chain_compute(ds, vendor, NULL, &e);
    if (!sc) {
        print_error(&e);
    } else {
        char a[32], b[32], d[16];
        printf("2. %s campaign: %" PRIu64 " %s, %" PRIu64 " superseded by %s, %" PRIu64 " %s\n",
               sc->vendor, sc->n_notices, sc->n_notices == 1 ? "notice" : "notices",
               sc->n_superseded, sc->n_superseded == 1 ? "a revision" : "revisions",
               sc->n_organisations, sc->n_organisations == 1 ? "organisation" : "organisations");
        print_bounds("   individuals:", sc->individuals.lower, sc->individuals.upper,
                     sc->individuals.upper_unbounded);
        for (size_t k = 0; k < sc->n_members; k++) {
            const breach_supply_member *m = &sc->members[k];
            breach_date_format(m->reported, d, sizeof d);
            if (m->affected.qualifier == BREACH_COUNT_UNKNOWN)
                snprintf(a, sizeof a, "unknown");
            else
                num(m->affected.value, a, sizeof a);
            printf("   %-10s %10s  %s%s%s\n", d[0] ? d : "undated", a, m->entity,
                   m->n_revisions ? "  (revised)" : "",
                   m->role == BREACH_MEMBER_POSSIBLE_DOUBLE ? "  (possible double report: upper bound only)" : "");
        }
        printf("   cumulative, by notice date:\n");
        for (size_t k = 0; k < sc->n_points; k++) {
            const breach_supply_point *p = &sc->curve[k];
            breach_date_format(p->date, d, sizeof d);
            printf("   %s  %2" PRIu64 " %-13s  %10s individuals%s\n", d, p->organisations,
                   p->organisations == 1 ? "organisation" : "organisations",
                   num(p->lower, b, sizeof b), p->upper_unbounded ? " or more" : "");
        }
        printf("\n");
        breach_supply_chain_free(sc);
    }

    /* 3. Repeat victims */
    breach_filter f;
    breach_filter_init(&f);
    f.entity = "NextGen Healthcare";
    breach_repeats *rp = breach_repeats_compute(ds, &f, NULL, &e);
    if (!rp) {
        print_error(&e);
    } else {
        printf("3. NextGen Healthcare: %" PRIu64 " %s, %zu %s between them\n", rp->n_incidents,
               rp->n_incidents == 1 ? "incident" : "incidents", rp->n_intervals,
               rp->n_intervals == 1 ? "interval" : "intervals");
        for (size_t k = 0; k < rp->n_intervals; k++) {
            breach_incident a, b;
            breach_dataset_get(ds, rp->intervals[k].first, &a, NULL);
            breach_dataset_get(ds, rp->intervals[k].second, &b, NULL);
            int32_t to_disc = 0, to_notice = 0;
            breach_date ea = breach_incident_event_date(&a), eb = breach_incident_event_date(&b);
            char da[16], db[16];
            breach_date_format(ea, da, sizeof da);
            breach_date_format(eb, db, sizeof db);
            printf("   %d days from %s (%s, %s) to %s (%s, start of the intrusion)\n",
                   (int)rp->intervals[k].days, a.id, da, a.types ? breach_type_name(first_type(a.types)) : "",
                   b.id, db);
            if (breach_date_interval(ea, b.discovered, &to_disc, NULL, NULL) == BREACH_OK)
                printf("   %d days to its discovery\n", (int)to_disc);
            if (breach_date_interval(ea, b.reported, &to_notice, NULL, NULL) == BREACH_OK)
                printf("   %d days to its notices\n", (int)to_notice);
        }
        breach_repeats_free(rp);
    }
    breach_report_free(rep);
    breach_dataset_free(ds);
    return 0;
}
