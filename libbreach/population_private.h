/* The population table (private): read by io_population.c, used by agg_percapita.c. */
#ifndef BREACH_POPULATION_PRIVATE_H
#define BREACH_POPULATION_PRIVATE_H

#include "breach_private.h"

struct breach_population {
    int year;
    size_t n, nreg;
    uint64_t *pop;   /* by region number */
    uint8_t *has;
};

#endif
