/* bench/gen: a deterministic generator of synthetic breach notices for the benchmarks.
 *
 *   gen N SEED canonical|hhs|veris > FILE
 *
 * The shape follows the real files: log-normal sizes (median ~2,900, as in HHS), about a
 * fifth of organisations hit more than once, vendor campaigns whose customers file
 * notices over a few months (an eighth of them revising the vendor's previous notice), per-state breakdowns on about
 * a tenth of the rows. The same N and SEED give the same bytes on any machine: the
 * generator is splitmix64 with integer-only arithmetic apart from the size draw, which
 * uses a fixed Box-Muller in double precision. Names never vary in spelling, so that SQL
 * and pandas can group by the raw name and agree with libbreach's entity keys. */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t state_;
static uint64_t next(void)
{
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}
static uint64_t below(uint64_t n) { return next() % n; }
static double unit(void) { return (double)(next() >> 11) * 0x1.0p-53; }

static const char *const states[] = {
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
    "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ",
    "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT",
    "VA", "WA", "WV", "WI", "WY", "DC", "PR"};
#define NSTATES (sizeof states / sizeof states[0])
static const char *const types[] = {"hacking", "unauthorized_access", "theft", "loss", "ransomware"};
static const char *const hhs_types[] = {"Hacking/IT Incident", "Unauthorized Access/Disclosure",
                                        "Theft", "Loss", "Hacking/IT Incident"};

static int days_in_month(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 29 : d[m - 1];
}

/* day index since 2010-01-01 -> y, m, d */
static void ymd(int idx, int *y, int *m, int *d)
{
    *y = 2010;
    *m = 1;
    while (idx >= days_in_month(*y, *m)) {
        idx -= days_in_month(*y, *m);
        if (++*m == 13) {
            *m = 1;
            ++*y;
        }
    }
    *d = idx + 1;
}

/* VERIS vocabularies for the veris output (values of the 1.4 schema). */
static const char *const v_actions[] = {"hacking", "malware", "social", "misuse", "error",
                                        "physical"};
static const char *const v_varieties[][6] = {
    {"Use of stolen creds", "Exploit vuln", "SQLi", "Brute force", "DoS", "Unknown"},
    {"Ransomware", "Backdoor", "Spyware/Keylogger", "Capture app data", "Export data", "Unknown"},
    {"Phishing", "Pretexting", "Bribery", "Extortion", "Influence", "Unknown"},
    {"Privilege abuse", "Data mishandling", "Knowledge abuse", "Embezzlement", "Possession abuse",
     "Unknown"},
    {"Misdelivery", "Loss", "Publishing error", "Misconfiguration", "Disposal error", "Unknown"},
    {"Theft", "Skimmer", "Tampering", "Snooping", "Surveillance", "Unknown"}};
static const char *const v_vectors[] = {"Web application", "Email", "Carelessness", "LAN access",
                                        "Victim work area", "Unknown"};
static const char *const v_motives[] = {"Financial", "Espionage", "Fun", "Grudge", "Ideology",
                                        "Unknown"};
static const char *const v_ext[] = {"Organized crime", "Unaffiliated", "Activist",
                                    "State-affiliated", "Unknown"};
static const char *const v_assets[] = {"S - Database", "S - Web application", "U - Laptop",
                                       "M - Documents", "P - End-user", "S - Mail", "Unknown"};
static const char *const v_data[] = {"Personal", "Medical", "Credentials", "Payment", "Bank",
                                     "Internal", "Secrets", "Unknown"};
static const char *const v_industry[] = {"62", "52", "92", "61", "44", "51", "54"};
static const char *const v_discovery[] = {"Customer", "Law enforcement", "Actor disclosure",
                                          "Fraud detection", "Unknown"};
#define PICK(a) (a)[below(sizeof(a) / sizeof((a)[0]))]

/* One VERIS incident, shaped like VCDB's: one or two action categories with a variety or
 * two and a vector, an external or internal actor with variety and motive, one or two
 * assets, data varieties, industry, discovery method, a sub-source on 15 %. */
static void veris_incident(uint64_t i, uint64_t org, const char *st, uint64_t affected, int y,
                           int m, int d, int ry, int rm, int rd)
{
    printf("%s{\"incident_id\":\"g%" PRIu64 "\",\"schema_version\":\"1.3.4\","
           "\"security_incident\":\"Confirmed\",\"action\":{",
           i ? ",\n" : "", i);
    int na = 1 + (below(3) == 0);
    int a0 = (int)below(6), a1 = (a0 + 1 + (int)below(5)) % 6;
    for (int k = 0; k < na; k++) {
        int a = k ? a1 : a0;
        const char *v1 = v_varieties[a][below(6)], *v2 = v_varieties[a][below(6)];
        printf("%s\"%s\":{\"variety\":[\"%s\"", k ? "," : "", v_actions[a], v1);
        if (strcmp(v1, v2) && below(3) == 0)
            printf(",\"%s\"", v2);
        printf("],\"vector\":[\"%s\"]}", PICK(v_vectors));
    }
    printf("},\"actor\":{\"%s\":{\"variety\":[\"%s\"],\"motive\":[\"%s\"]}},",
           below(3) ? "external" : "internal", PICK(v_ext), PICK(v_motives));
    printf("\"asset\":{\"assets\":[{\"variety\":\"%s\"}", PICK(v_assets));
    if (below(3) == 0)
        printf(",{\"variety\":\"%s\"}", PICK(v_assets));
    printf("]},\"attribute\":{\"confidentiality\":{\"data_disclosure\":\"Yes\","
           "\"data_total\":%" PRIu64 ",\"data\":[{\"variety\":\"%s\"}",
           affected, PICK(v_data));
    if (below(2) == 0)
        printf(",{\"variety\":\"%s\"}", PICK(v_data));
    printf("]}},\"victim\":{\"victim_id\":\"Org %" PRIu64 " Inc\",\"industry\":\"%s%04d\","
           "\"country\":[\"US\"],\"state\":\"%s\",\"employee_count\":\"Unknown\"},",
           org, PICK(v_industry), (int)below(10000), st);
    printf("\"discovery_method\":{\"external\":{\"variety\":[\"%s\"]}},",
           PICK(v_discovery));
    printf("\"timeline\":{\"incident\":{\"year\":%d,\"month\":%d,\"day\":%d}},", y, m, d);
    printf("\"plus\":{\"timeline\":{\"notification\":{\"year\":%d,\"month\":%d,"
           "\"day\":%d}}%s}}",
           ry, rm, rd, below(100) < 15 ? ",\"sub_source\":\"priority\"" : "");
}

int main(int argc, char **argv)
{
    if (argc != 4 ||
        (strcmp(argv[3], "canonical") && strcmp(argv[3], "hhs") && strcmp(argv[3], "veris"))) {
        fprintf(stderr, "usage: gen N SEED canonical|hhs|veris\n");
        return 2;
    }
    int veris = strcmp(argv[3], "veris") == 0;
    uint64_t n = strtoull(argv[1], NULL, 10);
    state_ = strtoull(argv[2], NULL, 10);
    int hhs = strcmp(argv[3], "hhs") == 0;
    /* organisations: 2.5 n names, plus a tenth of the rows drawn from a pool of n / 24:
       about a fifth of the organisations with a notice have more than one (20.2 % at
       n = 10^5, seed 42, as breach_bench's repeat_entities line shows) */
    uint64_t norgs = n * 5 / 2 + 1;
    uint64_t nvendors = n / 2000 + 3;
    const int span = 5113; /* 2010-01-01 .. 2023-12-31 */
    struct last {
        uint64_t org; /* 1 + organisation of the vendor's latest notice, 0 none */
        int rep;
        uint64_t affected;
    } *last = calloc(nvendors, sizeof *last);
    if (!last)
        return 1;
    static char buf[1 << 16];
    setvbuf(stdout, buf, _IOFBF, sizeof buf);
    if (veris)
        putchar('[');
    else if (hhs)
        fputs("\"Name of Covered Entity\",\"State\",\"Covered Entity Type\",\"Individuals Affected\","
              "\"Breach Submission Date\",\"Type of Breach\",\"Location of Breached Information\","
              "\"Business Associate Present\",\"Web Description\"\n", stdout);
    else
        fputs("id,entity,entity_state,breach_types,vendor,reported,occurred_start,affected,regions\n",
              stdout);
    for (uint64_t i = 0; i < n; i++) {
        uint64_t org = below(10) == 0 ? below(norgs / 60 + 1) : below(norgs);
        const char *st = states[org % NSTATES];
        int t = (int)below(5);
        int occ = (int)below((uint64_t)span - 120);
        int rep = occ + 20 + (int)below(90);
        /* log-normal size: exp(N(8, 2)), at least 500 as in HHS */
        double u1 = unit(), u2 = unit();
        double z = sqrt(-2.0 * log(u1 > 0 ? u1 : 1e-300)) * cos(6.283185307179586 * u2);
        double sz = exp(8.0 + 2.0 * z);
        uint64_t affected = sz < 500 ? 500 : sz > 5e8 ? 500000000 : (uint64_t)sz;
        /* a campaign on 3 % of rows: its customers report within months of its start */
        char vendor[32] = "";
        if (below(100) < 3) {
            uint64_t v = below(nvendors);
            snprintf(vendor, sizeof vendor, "Vendor %" PRIu64, v);
            occ = (int)((v * 7919) % (uint64_t)(span - 400));
            rep = occ + 30 + (int)below(200);
            t = 0;
            if (last[v].org && below(8) == 0) {
                /* a revision of the vendor's previous customer notice: later, a bit larger */
                org = last[v].org - 1;
                st = states[org % NSTATES];
                rep = last[v].rep + 1 + (int)below(60);
                affected = last[v].affected + below(last[v].affected / 10 + 1);
            }
            last[v].org = org + 1;
            last[v].rep = rep;
            last[v].affected = affected;
        }
        int y, m, d, ry, rm, rd;
        ymd(occ, &y, &m, &d);
        ymd(rep, &ry, &rm, &rd);
        if (veris) {
            veris_incident(i, org, st, affected, y, m, d, ry, rm, rd);
            continue;
        }
        if (hhs) {
            printf("\"Org %" PRIu64 " Inc\",\"%s\",\"Healthcare Provider\",\"%" PRIu64
                   "\",\"%02d/%02d/%04d\",\"%s\",\"Network Server\",\"%s\",\"\"\n",
                   org, st, affected, rm, rd, ry, hhs_types[t], vendor[0] ? "Yes" : "No");
            continue;
        }
        printf("g%" PRIu64 ",Org %" PRIu64 " Inc,US-%s,%s,%s,%04d-%02d-%02d,%04d-%02d-%02d,%" PRIu64
               ",", i, org, st, types[t], vendor, ry, rm, rd, y, m, d, affected);
        /* a breakdown on a tenth of the rows: the home state and one or two others */
        if (below(10) == 0) {
            uint64_t home = affected / 2 + below(affected / 4 + 1);
            uint64_t rest = affected - home;
            uint64_t other = (org + 1 + below(NSTATES - 1)) % NSTATES;
            if (other == org % NSTATES)
                other = (other + 1) % NSTATES;
            printf("US-%s:%" PRIu64 ";US-%s:%" PRIu64, st, home, states[other], rest / 2);
        }
        putchar('\n');
    }
    if (veris)
        fputs("]\n", stdout);
    free(last);
    return fflush(stdout) != 0;
}
