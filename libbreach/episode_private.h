/* Episodes of one organisation (doc/model.md, "Repeat victims"): the one rule that the
 * repeat intervals (agg_repeat.c) and the time to the next breach (agg_survival.c) share. */
#ifndef BREACH_EPISODE_PRIVATE_H
#define BREACH_EPISODE_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

/* Memory for breach_episodes, grown as organisations with more incidents come: start
 * from {NULL, 0}, breachp_free(p) at the end. */
typedef struct breach_episode_work {
    void *p;
    size_t cap; /* bytes */
} breach_episode_work;

/* Room for an organisation of n incidents: *day, *vendor and *assoc receive arrays of n
 * for the caller to fill (breach_episodes' input), *start one of n for its output. 0 or
 * BREACH_ENOMEM. */
int breach_episodes_room(breach_episode_work *w, size_t n, int32_t **day, uint32_t **vendor,
                         uint8_t **assoc, size_t **start);

/* One organisation's n incidents in date order (ties in dataset order): their days, vendor
 * keys (0: none) and whether each is a business-associate filing (assoc, NULL: none is).
 * An incident joins the run of the one before it when it is at most `merge` days after
 * that one, or when it is a business-associate filing, the run's first incident is one
 * too and it is at most `window` days after that first one (window < 0: never; see
 * BREACH_ASSOCIATE_WINDOW_DEFAULT); runs with the same vendor key are one episode (one
 * campaign hits an organisation once): the episodes are the classes of the equivalence
 * these relations generate, so a campaign's later notice joins its first one's episode
 * even when another incident came between them. Writes the position of each episode's
 * first incident to start[], in order, and returns how many (1 or more when n > 0). w:
 * made room for n incidents by breach_episodes_room (the arrays may be the ones it gave,
 * or others). */
size_t breach_episodes(const int32_t *day, const uint32_t *vendor, const uint8_t *assoc,
                       size_t n, int32_t merge, int32_t window, size_t *start,
                       breach_episode_work *w);

/* The associate window an options struct asks for (0: the default; negative: -1, off). */
static inline int32_t breach_associate_window(int32_t asked)
{
    return asked == 0 ? 60 /* BREACH_ASSOCIATE_WINDOW_DEFAULT */ : asked < 0 ? -1 : asked;
}

struct breach_dataset;
/* The entity_type ids (in ds->strings) that mark a business-associate filing: "Business
 * Associate" as HHS writes it, lower case and upper case; 0 where a spelling is absent. */
void breach_associate_ids(const struct breach_dataset *ds, uint32_t ids[3]);
static inline int breach_is_associate(const uint32_t ids[3], uint32_t entity_type)
{
    return entity_type && (entity_type == ids[0] || entity_type == ids[1] ||
                           entity_type == ids[2]);
}

#endif
