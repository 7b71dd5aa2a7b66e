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

/* Room for an organisation of n incidents: *day and *vendor receive arrays of n for the
 * caller to fill (breach_episodes' input), *start one of n for its output. 0 or
 * BREACH_ENOMEM. */
int breach_episodes_room(breach_episode_work *w, size_t n, int32_t **day, uint32_t **vendor,
                         size_t **start);

/* One organisation's n incidents in date order (ties in dataset order): their days and
 * vendor keys (0: none). Consecutive incidents at most `merge` days apart are one episode,
 * and so are any two with the same vendor key (one campaign hits an organisation once):
 * the episodes are the classes of the equivalence these two relations generate, so a
 * campaign's later notice joins its first one's episode even when another incident came
 * between them. Writes the position of each episode's first incident to start[], in
 * order, and returns how many (1 or more when n > 0). w: made room for n incidents by
 * breach_episodes_room (day, vendor and start may be the arrays it gave, or others). */
size_t breach_episodes(const int32_t *day, const uint32_t *vendor, size_t n, int32_t merge,
                       size_t *start, breach_episode_work *w);

#endif
