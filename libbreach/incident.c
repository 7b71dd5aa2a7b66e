/* Incident views: defaults and the choice of "the event date". */
#include "breach_private.h"

#include <string.h>

void breach_incident_init(breach_incident *inc)
{
    if (!inc)
        return;
    memset(inc, 0, sizeof *inc);
    inc->reported = inc->occurred_start = inc->occurred_end = inc->discovered = breach_date_none();
    inc->affected = breach_count_unknown();
    inc->unit = BREACH_UNIT_INDIVIDUALS;
    inc->business_associate = BREACH_TRI_UNKNOWN;
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
