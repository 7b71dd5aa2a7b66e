/* The population table (private): read by io_population.c, used by agg_percapita.c. */
#ifndef BREACH_POPULATION_PRIVATE_H
#define BREACH_POPULATION_PRIVATE_H

#include "breach_private.h"

struct breach_population {
    int year;        /* the one asked for, else the latest */
    int year_given;  /* asked for by the caller: per-capita rates keep it */
    size_t n, nreg;
    uint64_t *pop;   /* year's, by region number: a row of `all` */
    uint8_t *has;
    /* every POPESTIMATE year of the file, so that a rate over notices of one year can
       divide by that year's estimate (agg_percapita.c) */
    size_t nyears;
    int *years;
    uint64_t *all;   /* nyears rows of nreg */
};

/* The estimates of `year` by region number, or NULL when the file has no such column. */
const uint64_t *breach_population_of_year(const breach_population *p, int year);

#endif
