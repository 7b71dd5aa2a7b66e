/* The dataset's columns (private): the statistics read them directly. */
#ifndef BREACH_DATASET_PRIVATE_H
#define BREACH_DATASET_PRIVATE_H

#include "breach_private.h"
#include "intern.h"

/* A date packed in 32 bits: day * 4 + precision (days fit: years 1..9999 are about
 * -719,162 .. 2,932,896). */
typedef int32_t breach_pdate;
/* An unknown date packs as 0 whatever its day says (an unchecked day could overflow). */
static inline breach_pdate breach_pack_date(breach_date d)
{
    return d.precision ? d.day * 4 + d.precision : 0;
}
static inline breach_date breach_unpack_date(breach_pdate p)
{
    breach_date d;
    d.precision = (int32_t)((uint32_t)p & 3u);
    d.day = (p - d.precision) / 4;
    return d;
}
static inline int breach_pdate_known(breach_pdate p) { return ((uint32_t)p & 3u) != 0; }
static inline int32_t breach_pdate_day(breach_pdate p) { return (p - (int32_t)((uint32_t)p & 3u)) / 4; }

struct breach_dataset {
    size_t n, cap;
    breach_intern *strings; /* names, deduplicated: entity, keys, vendor, via, actor, type */
    breach_intern *plain;   /* mostly unique text, not deduplicated: id, source, summary (NULL
                               until the first); apart, so that maps sized by the number of
                               names (counts by name) do not count these */
    /* string columns: ids in `strings` (id, source, summary: in `plain`), 0 = not stated */
    uint32_t *id, *entity, *entity_key, *entity_type, *actor, *vendor, *vendor_key, *via,
        *via_key, *source, *summary;
    breach_region *entity_region;
    /* sets in as few bytes as their vocabularies need (checked in dataset.c) */
    uint8_t *types;       /* a breach_type_set */
    uint32_t *categories; /* a breach_category_set */
    uint8_t *locations;   /* a breach_location_set */
    breach_pdate *reported, *occurred_start, *occurred_end, *discovered;
    uint64_t *affected;
    uint8_t *qualifier, *unit;
    int8_t *business_associate; /* stored + 1: 0 unknown, 1 no, 2 yes (see dataset.c) */
    uint8_t *flags;
    /* regions: incident i's entries are reg_list[reg_ix[i] - 1] (reg_ix[i] 0 when none): the
       rows without a breakdown pay 4 bytes. The entries live in blocks that never move, so
       that views stay valid while the dataset grows. */
    uint32_t *reg_ix;
    struct breach_region_ref {
        const breach_region_count *items;
        size_t n;
    } *reg_list;
    size_t n_reg_list, reg_list_cap;
    struct breach_region_block *blocks; /* newest first */
    /* rows each column has room for (they grow together, but one may have grown before an
       allocation failure stopped the others) */
    size_t col_cap[25];
    /* the entity keys of recently seen names, by string id modulo the size (a name seen
       again soon, as in a file's consecutive rows, is not folded again; a table by every
       name cost 4 bytes a name) */
    struct breach_key_cache {
        uint32_t sid, kid; /* kid UINT32_MAX: the name's key is empty */
    } key_cache[4096];
};

/* Incident i's regional counts; *n receives how many. */
static inline const breach_region_count *breach_ds_regions(const breach_dataset *ds, size_t i,
                                                           size_t *n)
{
    uint32_t k = ds->reg_ix[i];
    if (!k) {
        *n = 0;
        return NULL;
    }
    *n = ds->reg_list[k - 1].n;
    return ds->reg_list[k - 1].items;
}

/* breach_dataset_add for a loader that has checked the incident's strings already (valid
 * UTF-8, no NUL byte): lens[0..8) are the lengths of id, entity, entity_type, actor, vendor,
 * via, source and summary (0 for NULL), so nothing is scanned twice. */
long breach_dataset_add_text(breach_dataset *ds, const breach_incident *in, const size_t *lens,
                             breach_error *err);

/* Makes room for about `rows` more incidents and `names` more distinct names (entities,
 * their keys, vendors...), for a loader that can estimate them: the columns and the names'
 * table are then not re-laid out as they fill. Room never written costs no resident
 * memory in the columns; the names' table is sized to hold `names` at two thirds full.
 * 0 or BREACH_ENOMEM. */
int breach_dataset_reserve(breach_dataset *ds, size_t rows, size_t names);

/* The entity key id of a string id (folding the name and interning the key, unless the
 * name was seen lately). */
int breach_dataset_key_id(breach_dataset *ds, uint32_t sid, uint32_t *kid);

/* Date of a field (breach_date_field) of incident i, packed. */
breach_pdate breach_dataset_pdate(const breach_dataset *ds, size_t i, int field);

/* A filter with its strings resolved to ids once, for loops over many incidents. */
typedef struct breach_cfilter {
    const breach_filter *f; /* NULL = everything */
    int none;               /* a vendor/entity that no incident has: nothing matches */
    uint32_t vendor_key, entity_key;
    int32_t from_day, to_day; /* inclusive, valid when has_from / has_to */
    int has_from, has_to;
    breach_region region;
    int region_is_country;
} breach_cfilter;

int breach_cfilter_init(breach_cfilter *c, const breach_dataset *ds, const breach_filter *f,
                        breach_error *err);
int breach_cfilter_match(const breach_cfilter *c, const breach_dataset *ds, size_t i);

/* Selected indices (filter, then revisions unless f->include_superseded; force_revisions
 * applies the revision rule whatever the filter says). *n receives their number; the
 * array is owned by the caller (free()); NULL with *n = 0 when none (or error, in which
 * case err says so and *rc is negative). */
size_t *breach_select(const breach_dataset *ds, const breach_filter *f, int force_revisions,
                      size_t *n, int *rc, breach_error *err);

#endif
