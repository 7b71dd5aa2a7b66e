/* Implausible dates and counts; see plausible_private.h. */
#include "plausible_private.h"
#include "json_private.h"
#include "loader_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int32_t breach_plausible_today(void)
{
    const char *s = getenv("SOURCE_DATE_EPOCH");
    int64_t secs = -1;
    if (s && *s) {
        int64_t v = 0;
        const char *p = s;
        for (; *p >= '0' && *p <= '9' && v < ((int64_t)1 << 50); p++)
            v = v * 10 + (*p - '0');
        if (!*p)
            secs = v;
    }
    if (secs < 0)
        secs = (int64_t)time(NULL);
    return (int32_t)(secs / 86400);
}

static breach_date *date_of(breach_incident *inc, int field)
{
    switch (field) {
    case BREACH_PD_REPORTED: return &inc->reported;
    case BREACH_PD_OCCURRED_START: return &inc->occurred_start;
    case BREACH_PD_OCCURRED_END: return &inc->occurred_end;
    default: return &inc->discovered;
    }
}

size_t breach_plausible_check(breach_incident *inc, int32_t today, breach_implausible *out)
{
    size_t n = 0;
    breach_date now = {today, BREACH_PREC_DAY};
    for (int f = 0; f < BREACH_PD_COUNT; f++) {
        breach_date *d = date_of(inc, f);
        if (!breach_date_is_known(*d))
            continue;
        int why = breach_date_last_day(*d) < BREACH_PLAUSIBLE_FIRST_DAY ? BREACH_IMPLAUSIBLE_EARLY
                  : d->day > today                                       ? BREACH_IMPLAUSIBLE_FUTURE
                                                                         : 0;
        if (!why && f != BREACH_PD_REPORTED && breach_date_is_known(inc->reported) &&
            d->day > breach_date_last_day(inc->reported))
            why = BREACH_IMPLAUSIBLE_AFTER_REPORT;
        if (!why)
            continue;
        out[n++] = (breach_implausible){f, why, *d,
                                        why == BREACH_IMPLAUSIBLE_FUTURE ? now : inc->reported};
        *d = breach_date_none();
    }
    return n;
}

/* The warning's sentence; with_name 0 leaves out the date's name at its head (a JSON warning
 * names its field's path already). */
static void implausible_text(const breach_implausible *p, const char *const *names, int with_name,
                             char *buf, size_t size)
{
    static const char *const dflt[BREACH_PD_COUNT] = {"reported", "occurred_start",
                                                      "occurred_end", "discovered"};
    char a[16], b[16];
    breach_date_format(p->was, a, sizeof a);
    breach_date_format(p->ref, b, sizeof b);
    const char *name = !with_name ? ""
                       : names && names[p->field] ? names[p->field]
                                                  : dflt[p->field];
    const char *sep = *name ? " " : "";
    const char *rname = names && names[0] ? names[0] : dflt[0];
    switch (p->why) {
    case BREACH_IMPLAUSIBLE_EARLY:
        snprintf(buf, size, "%s%s%s is before 1900: not a plausible date, left unknown (kept "
                            "out of time statistics)", name, sep, a);
        break;
    case BREACH_IMPLAUSIBLE_FUTURE:
        snprintf(buf, size, "%s%s%s is in the future (today is %s; SOURCE_DATE_EPOCH sets it): "
                            "left unknown (kept out of time statistics)", name, sep, a, b);
        break;
    default:
        snprintf(buf, size, "%s%s%s is after %s %s, the notice's own date: left unknown (kept "
                            "out of time statistics)", name, sep, a, rname, b);
    }
}

int breach_loader_check_plausible(struct breach_loader *L, breach_incident *inc,
                                  const char *const *names)
{
    breach_implausible p[BREACH_PD_COUNT];
    size_t n = breach_plausible_check(inc, breach_plausible_today(), p);
    for (size_t k = 0; k < n; k++) {
        char text[256];
        implausible_text(&p[k], names, 1, text, sizeof text);
        if (breach_loader_warn(L, L->row, BREACH_WARN_OTHER, L->line, 0, "%s", text))
            return BREACH_ENOMEM;
    }
    return 0;
}

int breach_jcheck_plausible(struct breach_jload *L, breach_incident *inc,
                            const char *const *names)
{
    breach_implausible p[BREACH_PD_COUNT];
    size_t n = breach_plausible_check(inc, breach_plausible_today(), p);
    for (size_t k = 0; k < n; k++) {
        char text[256];
        const char *path = names && names[p[k].field] ? names[p[k].field] : "";
        implausible_text(&p[k], names, !*path, text, sizeof text); /* a path names it already */
        if (breach_jwarn(L, path, BREACH_WARN_OTHER, "%s", text))
            return BREACH_ENOMEM;
    }
    return 0;
}

int breach_count_implausible(breach_count *c, uint64_t *was)
{
    if (c->qualifier == BREACH_COUNT_UNKNOWN || c->value <= BREACH_MAX_INDIVIDUALS)
        return 0;
    *was = c->value;
    *c = breach_count_unknown();
    return 1;
}

int breach_loader_warn_implausible_count(struct breach_loader *L, const char *name,
                                         uint64_t was, long line, long column)
{
    return breach_loader_warn(L, L->row, BREACH_WARN_OTHER, line, column,
                              "%s %llu is more than the world's population (8,200,000,000): "
                              "not a count of individuals, left unknown (kept out of size "
                              "statistics)",
                              name, (unsigned long long)was)
               ? BREACH_ENOMEM
               : 0;
}

int breach_loader_check_floor(struct breach_loader *L, const char *name, breach_count c,
                              uint64_t floor, long line, long column)
{
    if (!floor || c.qualifier == BREACH_COUNT_UNKNOWN || c.value >= floor)
        return 0;
    return breach_loader_warn(L, L->row, BREACH_WARN_OTHER, line, column,
                              "%s %llu is below %llu, the smallest breach this source lists: "
                              "kept as given",
                              name, (unsigned long long)c.value, (unsigned long long)floor)
               ? BREACH_ENOMEM
               : 0;
}
