/* Episodes of one organisation (doc/model.md, "Repeat victims"): the one rule that the
 * repeat intervals (agg_repeat.c) and the time to the next breach (agg_survival.c) share. */
#ifndef BREACH_EPISODE_PRIVATE_H
#define BREACH_EPISODE_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

/* The scratch breach_episodes needs for n incidents, in bytes (0 when that overflows). */
size_t breach_episodes_scratch(size_t n);

/* One organisation's n incidents in date order (ties in dataset order): their days and
 * vendor keys (0: none). Consecutive incidents at most `merge` days apart are one episode,
 * and so are any two with the same vendor key (one campaign hits an organisation once):
 * the episodes are the classes of the equivalence these two relations generate, so a
 * campaign's later notice joins its first one's episode even when another incident came
 * between them. Writes the position of each episode's first incident to start[], in
 * order, and returns how many (1 or more when n > 0). scratch: breach_episodes_scratch(n)
 * bytes, aligned for a size_t. */
size_t breach_episodes(const int32_t *day, const uint32_t *vendor, size_t n, int32_t merge,
                       size_t *start, void *scratch);

#endif
