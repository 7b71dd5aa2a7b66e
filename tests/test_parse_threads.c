/* The field parsers from several threads at once, on first use: issue 15 has the canonical
 * loader parse one file on every core, so that the parsers (region, US state, date, count,
 * the four vocabularies, entity keys, the empty incident) run in parallel, and the first
 * calls race to read the ISO 3166 table (region.c reads it on first use). Four threads,
 * held at a barrier and released together before anything has touched the table, each
 * parse every input of the list below several times; then this thread parses the same
 * inputs alone, and every thread's result (status, value and error text) must equal it.
 * The inputs include a failure of each parser, whose text is formatted from the input and,
 * for regions, from the table. Expected values of a few inputs are checked too, by hand
 * from ISO 3166 (FR is a country, US-ME is Maine, a subdivision of US). ./build.sh check
 * runs this suite under ThreadSanitizer, which sees a race even when the results agree. */
#include "check.h"

#include <pthread.h>
#include <stdint.h>

#define THREADS 4
#define ROUNDS 20

typedef enum kind {
    K_REGION,
    K_STATE,
    K_DATE,
    K_COUNT,
    K_TYPE,
    K_CATEGORY,
    K_LOCATION,
    K_UNIT,
    K_ENTITY,
    K_INCIDENT
} kind;

typedef struct input {
    kind k;
    const char *text;
} input;

/* Every parser, each with inputs it accepts and inputs it refuses (one per message). */
static const input inputs[] = {
    {K_REGION, "US-ME"},  {K_REGION, "us-me"},      {K_REGION, " FR "},
    {K_REGION, "GB-ENG"}, {K_REGION, "XK"},         {K_REGION, "ZZ"},
    {K_REGION, "FR-ZZZ"}, {K_REGION, "12"},         {K_REGION, "US-M"},
    {K_REGION, ""},       {K_REGION, "United States"},
    {K_STATE, "ME"},      {K_STATE, "us-ca"},       {K_STATE, "New  York"},
    {K_STATE, "maine"},   {K_STATE, "ZZ"},          {K_STATE, "Atlantis"},
    {K_DATE, "2023-04-05"}, {K_DATE, "2023-02-30"}, {K_DATE, "4/5/2023"},
    {K_DATE, "2023-04"},  {K_DATE, "2023"},         {K_DATE, ""},
    {K_DATE, "2023-04-05T10:00:00Z"},               {K_DATE, "yesterday"},
    {K_COUNT, "1234"},    {K_COUNT, ">=500"},       {K_COUNT, "~12"},
    {K_COUNT, "<=7"},     {K_COUNT, ""},            {K_COUNT, "-3"},
    {K_COUNT, ">="},      {K_COUNT, "12a"},         {K_COUNT, "18446744073709551615"},
    {K_COUNT, "18446744073709551616"},
    {K_TYPE, "hacking"},  {K_TYPE, " Ransomware "}, {K_TYPE, "hack"},
    {K_CATEGORY, "ssn"},  {K_CATEGORY, "MEDICAL"},  {K_CATEGORY, "dna"},
    {K_LOCATION, "email"}, {K_LOCATION, "laptop"},  {K_LOCATION, "cloud"},
    {K_UNIT, "records"},  {K_UNIT, "Accounts"},     {K_UNIT, "people"},
    {K_ENTITY, "The Acme Corp., Inc."},             {K_ENTITY, "ESTÉE LAUDER"},
    {K_ENTITY, "Estée Lauder Companies"},           {K_ENTITY, "Smith & Sons LLC"},
    {K_INCIDENT, ""},
};
#define N_INPUTS (sizeof inputs / sizeof inputs[0])

typedef struct result {
    int rc;
    int64_t value, value2; /* what the parser wrote (a number, a day and precision, ...) */
    char text[BREACH_ERROR_TEXT_LEN]; /* the error's text, a region's code, an entity key */
} result;

static result results[THREADS][N_INPUTS];
static pthread_barrier_t start;

static void parse(const input *in, result *r)
{
    breach_error e;
    memset(&e, 0, sizeof e);
    memset(r, 0, sizeof *r);
    size_t len = strlen(in->text);
    switch (in->k) {
    case K_REGION:
    case K_STATE: {
        breach_region g = BREACH_REGION_NONE;
        r->rc = in->k == K_REGION ? breach_region_parse(in->text, len, &g, &e)
                                  : breach_region_from_us_state(in->text, len, &g, &e);
        r->value = g;
        r->value2 = breach_region_country(g);
        if (r->rc == BREACH_OK)
            snprintf(r->text, sizeof r->text, "%s %s", breach_region_code(g),
                     breach_region_name(g));
        break;
    }
    case K_DATE: {
        breach_date d = {-1, -1};
        r->rc = breach_date_parse(in->text, len, &d, &e);
        r->value = d.day;
        r->value2 = d.precision;
        break;
    }
    case K_COUNT: {
        breach_count c = {0, -1};
        r->rc = breach_count_parse(in->text, len, &c, &e);
        r->value = (int64_t)c.value;
        r->value2 = c.qualifier;
        break;
    }
    case K_TYPE: {
        breach_type t = -1;
        r->rc = breach_type_parse(in->text, len, &t, &e);
        r->value = t;
        break;
    }
    case K_CATEGORY: {
        breach_category c = -1;
        r->rc = breach_category_parse(in->text, len, &c, &e);
        r->value = c;
        break;
    }
    case K_LOCATION: {
        breach_location l = -1;
        r->rc = breach_location_parse(in->text, len, &l, &e);
        r->value = l;
        break;
    }
    case K_UNIT: {
        breach_unit u = -1;
        r->rc = breach_unit_parse(in->text, len, &u, &e);
        r->value = u;
        break;
    }
    case K_ENTITY:
        r->value = (int64_t)breach_entity_key(in->text, len, r->text, sizeof r->text);
        return;
    case K_INCIDENT: {
        breach_incident inc;
        memset(&inc, 0x5A, sizeof inc);
        breach_incident_init(&inc);
        r->value = inc.business_associate * 1000 + inc.unit * 100 + inc.affected.qualifier * 10 +
                   inc.reported.precision + inc.occurred_start.precision +
                   inc.occurred_end.precision + inc.discovered.precision;
        r->value2 = (inc.entity != NULL) + (inc.regions != NULL) + (int64_t)inc.n_regions +
                    inc.entity_region + (int64_t)inc.flags + (int64_t)inc.types;
        return;
    }
    }
    if (r->rc != BREACH_OK)
        snprintf(r->text, sizeof r->text, "%s", e.text);
}

static int same(const result *a, const result *b)
{
    return a->rc == b->rc && a->value == b->value && a->value2 == b->value2 &&
           strcmp(a->text, b->text) == 0;
}

typedef struct worker_arg {
    int index;
    int stable; /* every round gave the first round's results */
} worker_arg;

static void *worker(void *p)
{
    worker_arg *w = p;
    result *mine = results[w->index];
    w->stable = 1;
    pthread_barrier_wait(&start);
    for (int round = 0; round < ROUNDS; round++)
        for (size_t i = 0; i < N_INPUTS; i++) {
            /* each thread and round starts at another input: different parsers come first */
            size_t k = (i + (size_t)round * 7 + (size_t)w->index * 13) % N_INPUTS;
            result r;
            parse(&inputs[k], &r);
            if (round == 0)
                mine[k] = r;
            else if (!same(&r, &mine[k]))
                w->stable = 0;
        }
    return NULL;
}

static void test_first_use_in_threads(void)
{
    pthread_t t[THREADS];
    worker_arg w[THREADS];
    CU_ASSERT_FATAL(pthread_barrier_init(&start, NULL, THREADS) == 0);
    for (int i = 0; i < THREADS; i++) {
        w[i].index = i;
        CU_ASSERT_FATAL(pthread_create(&t[i], NULL, worker, &w[i]) == 0);
    }
    for (int i = 0; i < THREADS; i++) {
        pthread_join(t[i], NULL);
        CU_ASSERT(w[i].stable);
    }
    pthread_barrier_destroy(&start);
    for (size_t k = 0; k < N_INPUTS; k++) {
        result one;
        parse(&inputs[k], &one);
        for (int i = 0; i < THREADS; i++) {
            if (!same(&results[i][k], &one))
                fprintf(stderr, "\n  thread %d, input '%s': rc %d value %lld %lld '%s', alone rc %d "
                        "value %lld %lld '%s'\n", i, inputs[k].text, results[i][k].rc,
                        (long long)results[i][k].value, (long long)results[i][k].value2,
                        results[i][k].text, one.rc, (long long)one.value,
                        (long long)one.value2, one.text);
            CU_ASSERT(same(&results[i][k], &one));
        }
    }
}

/* A few of the results by hand, so that agreeing threads cannot all be wrong the same way. */
static void test_known_values(void)
{
    result r;
    parse(&(input){K_REGION, "us-me"}, &r);
    CHECK_EQ_LL(r.rc, BREACH_OK);
    CHECK_STR(r.text, "US-ME Maine");
    breach_region us = BREACH_REGION_NONE;
    CU_ASSERT(breach_region_parse("US", 2, &us, NULL) == BREACH_OK);
    CHECK_EQ_LL(r.value2, us);
    parse(&(input){K_STATE, "maine"}, &r);
    CHECK_STR(r.text, "US-ME Maine");
    parse(&(input){K_REGION, "FR-ZZZ"}, &r);
    CHECK_EQ_LL(r.rc, BREACH_EREGION);
    CHECK_STR(r.text, "'FR-ZZZ' is not a subdivision of FR in ISO 3166-2");
    parse(&(input){K_REGION, "ZZ"}, &r);
    CHECK_EQ_LL(r.rc, BREACH_EREGION);
    CHECK_STR(r.text, "unknown ISO 3166 region code 'ZZ'");
    parse(&(input){K_DATE, "2023-04-05"}, &r);
    CHECK_EQ_LL(r.value, 19452); /* days from 1970-01-01: date -d 2023-04-05 +%s / 86400 */
    CHECK_EQ_LL(r.value2, BREACH_PREC_DAY);
    parse(&(input){K_COUNT, "18446744073709551616"}, &r);
    CHECK_EQ_LL(r.rc, BREACH_EOVERFLOW);
    CHECK_STR(r.text, "count '18446744073709551616' exceeds 2^64-1");
    parse(&(input){K_UNIT, "people"}, &r);
    CHECK_EQ_LL(r.rc, BREACH_EINVAL);
    CHECK_STR(r.text, "unknown count unit 'people'");
    parse(&(input){K_ENTITY, "The Acme Corp., Inc."}, &r);
    CHECK_STR(r.text, "acme");
    parse(&(input){K_ENTITY, "ESTÉE LAUDER"}, &r);
    CHECK_STR(r.text, "estee lauder");
}

int main(void)
{
    static const test_entry tests[] = {
        {"parsers in four threads on first use, against one thread", test_first_use_in_threads},
        {"known values", test_known_values},
        {NULL, NULL},
    };
    return run_suite("parse_threads", tests);
}
