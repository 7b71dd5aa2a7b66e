/* Incident views: defaults and the choice of "the event date". */
#include "breach_private.h"

/* The empty incident, copied whole: the loaders start every row with it, and one copy of
 * a constant costs less than clearing the struct and then calling out for each default.
 * Unknown dates (BREACH_PREC_NONE) and counts (BREACH_COUNT_UNKNOWN), individuals
 * (BREACH_UNIT_INDIVIDUALS) and no strings are all zero; only the tri-state is not. */
static const breach_incident empty = {.reported = {0, BREACH_PREC_NONE},
                                      .occurred_start = {0, BREACH_PREC_NONE},
                                      .occurred_end = {0, BREACH_PREC_NONE},
                                      .discovered = {0, BREACH_PREC_NONE},
                                      .affected = {0, BREACH_COUNT_UNKNOWN},
                                      .unit = BREACH_UNIT_INDIVIDUALS,
                                      .business_associate = BREACH_TRI_UNKNOWN};

void breach_incident_init(breach_incident *inc)
{
    if (inc)
        *inc = empty;
}

breach_date breach_incident_event_date(const breach_incident *inc)
{
    if (!inc)
        return breach_date_none();
    if (breach_date_is_known(inc->occurred_start))
        return inc->occurred_start;
    if (breach_date_is_known(inc->discovered))
        return inc->discovered;
    return inc->reported;
}
