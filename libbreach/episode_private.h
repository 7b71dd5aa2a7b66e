/* Episodes of one organisation (doc/model.md, "Repeat victims"): the one rule that the
 * repeat intervals (agg_repeat.c) and the time to the next breach (agg_survival.c) share. */
#ifndef BREACH_EPISODE_PRIVATE_H
#define BREACH_EPISODE_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#include "breach/incident.h" /* breach_date */

struct breach_dataset;

/* Memory for breach_episodes, grown as organisations with more incidents come: start
 * from {NULL, 0}, breachp_free(p) at the end. */
typedef struct breach_episode_work {
    void *p;
    size_t cap; /* bytes */
} breach_episode_work;

/* One organisation's n incidents in date order (ties in dataset order), for
 * breach_episodes: their days, vendor keys (0: none), whether each is a business-associate
 * filing (assoc, NULL: none is), and for the cross-source rule their reported days and
 * sources (source, NULL: the rule is off; source[k] 0: incident k takes no part, an unknown
 * reported date or no source; otherwise a number its source format has). */
typedef struct breach_episode_input {
    int32_t *day;
    uint32_t *vendor;
    uint8_t *assoc;
    int32_t *reported;
    uint8_t *source;
} breach_episode_input;

/* The rule's windows: merge (days between consecutive incidents), window (the associate
 * window, < 0 none), cross (the cross-source window, < 0 none). */
typedef struct breach_episode_rule {
    int32_t merge, window, cross;
} breach_episode_rule;

/* Room for an organisation of n incidents: in's arrays (n each) for the caller to fill,
 * *start one of n for breach_episodes' output. 0 or BREACH_ENOMEM. */
int breach_episodes_room(breach_episode_work *w, size_t n, breach_episode_input *in,
                         size_t **start);

/* The episodes of one organisation's n incidents (in, in date order). An incident joins the
 * run of the one before it when it is at most `merge` days after that one, or when it is a
 * business-associate filing, the run's first incident is one too and it is at most
 * `window` days after that first one (window < 0: never; see
 * BREACH_ASSOCIATE_WINDOW_DEFAULT). Runs are then one episode (the episodes are the classes
 * of the equivalence these relations generate) when they hold notices of one campaign (the
 * same vendor key: one campaign hits an organisation once, so a campaign's later notice
 * joins its first one's episode even when another incident came between them), or notices
 * of one incident filed with two sources (cross-source: in order of reported dates, a
 * notice and the latest one before it from another source, at most `cross` days apart,
 * unless both episodes already hold a notice of one source; see
 * BREACH_CROSS_SOURCE_WINDOW_DEFAULT). Writes the position of each episode's first
 * incident to start[], in order, and returns how many (1 or more when n > 0). w: made
 * room for n incidents by breach_episodes_room (in's arrays may be the ones it gave, or
 * others). */
size_t breach_episodes(const breach_episode_input *in, size_t n, const breach_episode_rule *rule,
                       size_t *start, breach_episode_work *w);

/* The associate window an options struct asks for (0: the default; negative: -1, off). */
static inline int32_t breach_associate_window(int32_t asked)
{
    return asked == 0 ? 60 /* BREACH_ASSOCIATE_WINDOW_DEFAULT */ : asked < 0 ? -1 : asked;
}

/* The cross-source window an options struct asks for (0: the default; negative: -1, off). */
static inline int32_t breach_cross_source_window(int32_t asked)
{
    return asked == 0 ? 120 /* BREACH_CROSS_SOURCE_WINDOW_DEFAULT */ : asked < 0 ? -1 : asked;
}

/* Sources for the cross-source rule: for each of ds's inputs, a number shared by the
 * inputs of one format (1, 2, ... in order of first appearance; at most 255 formats, more
 * share 255) into *by_input (allocated, n_inputs entries; NULL when the dataset has none),
 * and in *n_sources how many formats there are. 0 or BREACH_ENOMEM. */
int breach_episode_sources(const struct breach_dataset *ds, uint8_t **by_input,
                           size_t *n_sources);

/* The source whose figures stand when sources' figures of one incident are compared (the
 * rest are the same incident given again): the largest of by[] (a sum a source, by
 * breach_source_of's numbers), on a tie the one loaded first, source 0 (added outside a
 * load) after every loaded one. have: the sources present (NULL: every loaded source,
 * 1 .. 255). -1 when have names none. */
int breach_source_largest(const uint64_t by[256], const unsigned char *have);

/* Incident i's source, by_input from breach_episode_sources (0: added outside a load). */
uint8_t breach_source_of(const struct breach_dataset *ds, const uint8_t *by_input, size_t i);

/* The days the lists of a selection (sel[0..n)) cover on a date field (a
 * breach_date_field), counting dates of precision `need` or finer: *first is lowered to the
 * first day of the earliest such date and *last raised to the last day of the latest, among
 * every incident, selected or not, of a list that holds a selected incident. A list: the
 * inputs of one format and source class (the portal's two lists are one portal), but for
 * the canonical CSV each file with the files that are snapshots of it (two curated files
 * are two lists); the incidents added outside a load are one. An input copied with its
 * incidents (breach_dataset_append, _append_selected) adds the days its list covered in
 * the dataset it was copied from. The selection
 * alone is no measure of what the data cover: the notices on Maine reach the portal's last
 * submission whether or not Maine filed that week. 0 or BREACH_ENOMEM. */
int breach_sources_span(const struct breach_dataset *ds, const size_t *sel, size_t n, int field,
                        int need, int32_t *first, int32_t *last);


/* What the lists of a selection observe by a date other than the reported one (a list
 * holds a breach only once it is reported): their reported days (rep_first .. rep_last, at
 * month precision or finer, INT32_MAX .. INT32_MIN when none) and their reporting lag from
 * `field` to the report: over every incident of those lists (selected or not, but a notice
 * dropped as a newer input's) with both dates to the day, the reported day minus the day of
 * `field` (the event date without its fallback to the reported one; negative where a list
 * dates a notice before its event), n_delays of them, their 90th percentile (nearest rank)
 * and their median, both -1 when fewer than BREACH_LAG_MIN_DELAYS, 0 by event date
 * when no incident of the lists has an event date of its own (the event dates are then
 * the reported ones). The rule of breach_timeseries.lag_days, which uses it. */
#define BREACH_LAG_MIN_DELAYS 20 /* a 90th percentile of a dozen is their second largest */
typedef struct breach_lag {
    int32_t rep_first, rep_last;
    size_t n_delays;
    int32_t days, median;
} breach_lag;
/* 0 or BREACH_ENOMEM. */
int breach_sources_lag(const struct breach_dataset *ds, const size_t *sel, size_t n, int field,
                       breach_lag *out);
/* The public form of l, as breach_timeseries and breach_region_shares give it: the reported
 * days as dates (left as they are when the lists report none), the delays counted, the lag
 * and its median. */
void breach_lag_publish(const breach_lag *l, breach_date *reported_first,
                        breach_date *reported_last, uint64_t *n_delays, int32_t *lag_days,
                        int32_t *lag_median);
/* Whether the days first .. last (by an event date) are observed in full by lists of lag
 * l: *before, they begin before the lists' first report; *late, they end less than the lag
 * before their last report, or the lag or the reports are unknown. */
void breach_lag_check(const breach_lag *l, int32_t first, int32_t last, int *before, int *late);

/* For each input k of ds, into out[k] (n_inputs entries): the days its list covers, as
 * breach_sources_span gives them for a selection holding one of its incidents, on every
 * date field and precision (a copy keeps them: copy.c). 0 or BREACH_ENOMEM. */
struct breach_input_spans;
int breach_lists_spans(const struct breach_dataset *ds, struct breach_input_spans *out);

/* The days incidents [first, end) cover, per date field and precision needed (empty spans
 * INT32_MAX, INT32_MIN where none): what breach_lists_spans widens each list's span by. */
void breach_range_spans(const struct breach_dataset *ds, size_t first, size_t end,
                        struct breach_input_spans *out);

/* Incident i's source for the cross-source rule (0: none: added outside a load, or no
 * date to match it on), with by_input from breach_episode_sources; *reported the day it is
 * matched on (breach_dataset_match_pdate: its reported day, else its event day). */
uint8_t breach_episode_source(const struct breach_dataset *ds, const uint8_t *by_input, size_t i,
                              int32_t *reported);

/* The entity_type ids (in ds->strings) that mark a business-associate filing: "Business
 * Associate" as HHS writes it, lower case and upper case; 0 where a spelling is absent. */
void breach_associate_ids(const struct breach_dataset *ds, uint32_t ids[3]);
static inline int breach_is_associate(const uint32_t ids[3], uint32_t entity_type)
{
    return entity_type && (entity_type == ids[0] || entity_type == ids[1] ||
                           entity_type == ids[2]);
}

#endif
