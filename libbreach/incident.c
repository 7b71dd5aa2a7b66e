/* Incident views: defaults and the choice of "the event date". */
#include "breach_private.h"

#include <string.h>

/* The empty incident: unknown dates (BREACH_PREC_NONE) and counts (BREACH_COUNT_UNKNOWN),
 * individuals (BREACH_UNIT_INDIVIDUALS) and no strings are all zero; only the tri-state is
 * not. The loaders start every row with it. A memset, or a copy of a constant (which gcc
 * turns into one), of these 184 bytes compiles to `rep stos`, whose start-up is most of
 * the call; a zeroed block of words copied in is a dozen plain stores, padding included,
 * and a field added later is zero without a line here. */
typedef struct incident_words {
    uint64_t w[(sizeof(breach_incident) + sizeof(uint64_t) - 1) / sizeof(uint64_t)];
} incident_words;

void breach_incident_init(breach_incident *inc)
{
    if (!inc)
        return;
    incident_words zero = {{0}};
    memcpy(inc, &zero, sizeof *inc);
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
