/* The dataset's columns (private): the statistics read them directly. */
#ifndef BREACH_DATASET_PRIVATE_H
#define BREACH_DATASET_PRIVATE_H

#include "breach_private.h"
#include "append_private.h"
#include "query_private.h"
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

/* A sparse column, for what few rows state (a vendor, an actor, a per-state breakdown, a
 * count past 2^32 - 2): the values of the rows that have one, in row order, found through
 * one 64-bit word for each 32 rows: low half, a bitmap of the rows that have a value;
 * high half, how many values come before them. A row without a value costs 2 bits where
 * a dense column of ids costs 32, and nothing while none of its 32 has one (pages no
 * value falls in are never touched). Rows are appended in order (dataset.c). */
typedef struct breach_sparse {
    uint64_t *words; /* the high half is written with the word's first bit: read only then */
    void *vals;      /* k values */
    size_t k, vcap, rows; /* values, their room, rows the words have room for */
} breach_sparse;

/* 1 + the position of row i's value in vals, 0 when row i has none. */
static inline size_t breach_sparse_find(const breach_sparse *s, size_t i)
{
    uint64_t w = s->words[i / 32];
    uint32_t bit = (uint32_t)1 << (i % 32);
    if (!((uint32_t)w & bit))
        return 0;
    return (size_t)(w >> 32) + breach_popcount64((uint32_t)w & (bit - 1)) + 1;
}
static inline uint32_t breach_sparse_u32(const breach_sparse *s, size_t i)
{
    size_t k = breach_sparse_find(s, i);
    return k ? ((const uint32_t *)s->vals)[k - 1] : 0;
}
/* The first row from i on that has a value, or `end` when none is before it (end at most
 * the dataset's rows): loops over the few rows that have one. */
static inline size_t breach_sparse_next(const breach_sparse *s, size_t i, size_t end)
{
    while (i < end) {
        uint32_t w = (uint32_t)s->words[i / 32] >> (i % 32);
        if (w) {
            i += (size_t)__builtin_ctz(w);
            break;
        }
        i = (i | 31) + 1;
    }
    return i < end ? i : end;
}

/* Where an input's incidents start on lines other than the one after their predecessor's. */
typedef struct breach_line_mark {
    size_t index;
    long line;
} breach_line_mark;

/* The days a list covers (breach_sources_span), by date field (a breach_date_field) and
 * precision needed (year, month, day: [need - 1]): first and last day, first > last when
 * no date counts. */
typedef struct breach_input_spans {
    int32_t day[4][3][2];
} breach_input_spans;

/* One load (input.c). */
typedef struct breach_input_rec {
    char *name, *format;
    uint64_t source_class;      /* which source of the format (breach_input_set_class) */
    size_t list;                /* the first input of the list it belongs to: itself, or
                                   for the canonical CSV an input it is a snapshot of or
                                   that is one of it (set by the identity pass, input.c) */
    uint64_t stated[3];         /* per vocabulary dimension (BREACH_DIM_TYPE, _CATEGORY,
                                   _LOCATION): the levels its source can state
                                   (breach_input_set_stated; all by default) */
    uint64_t floor;             /* the source lists only breaches of this size or more
                                   (breach_input_set_floor); 0: no such rule */
    uint64_t size;
    char sha256[65];            /* "" when no single byte stream was read */
    size_t first, end;          /* its incidents */
    breach_line_mark *marks;    /* ascending by index; the first incident's line is one */
    size_t n_marks, marks_cap;
    long next_line;             /* the line the next incident is expected on */
    breach_pdate as_of;         /* the latest reported date among its incidents */
    uint64_t n_dropped;         /* of its incidents, dropped as a newer input's notices */
    int has_counts;             /* rows_* below are known (a report was given) */
    uint64_t rows_read, rows_loaded, rows_rejected, n_warnings;
    size_t rep0[4];             /* the report's counters when the input opened */
    const breach_report *report; /* the report given at open (borrowed during the load) */
    /* a copy's record (copy.c): the days its list covered in the dataset the incidents were
       copied from, which a copy of some of them no longer shows (breach_sources_span) */
    int has_spans;
    breach_input_spans spans;
    /* the days its own incidents cover, kept when a load closes it (input.c), so that the
       statistics that want every list's span (breach_lists_spans) do not scan the rows
       again; a copy's record has none and its incidents are scanned */
    int has_own;
    breach_input_spans own;
} breach_input_rec;

typedef struct breach_overlap_rec {
    size_t dropped_input, kept_input;
    uint64_t n;
} breach_overlap_rec;

struct breach_dataset {
    size_t n, cap;
    /* inputs (input.c): loads, in order, each a range of incidents */
    breach_input_rec *inputs;
    size_t n_inputs, inputs_cap;
    int input_open;             /* the last input is still being loaded */
    /* notices dropped as arriving twice: a bit each (NULL while none), and the notice that
       stands for each, by index ascending */
    uint64_t *dropped_bits;
    size_t dropped_rows;        /* the rows dropped_bits has a bit for: the incidents there
                                   were at the last identity pass (breach_dataset_add may
                                   come after it; a later row is never dropped) */
    size_t *drop_index, *drop_by;
    size_t n_drops;
    breach_overlap_rec *overlaps; /* per (dropped input, kept input) pair */
    size_t n_overlaps;
    breach_intern *strings; /* names, deduplicated: entity keys, vendor, via, actor, type */
    breach_intern *plain;   /* text only read back, not deduplicated: id, entity (the name
                               as reported: incidents are grouped by its key), source,
                               summary (NULL until the first); apart, so that maps sized by
                               the number of names (counts by name) do not count these */
    /* string columns: ids in `strings` (id, entity, source, summary: in `plain`), 0 = not
       stated */
    uint32_t *id, *entity, *entity_key, *entity_type, *source, *summary;
    /* the strings few rows state, sparse (uint32_t values; breach_sparse_u32) */
    breach_sparse actor, vendor, vendor_key, via, via_key;
    breach_region *entity_region;
    /* sets in as few bytes as their vocabularies need (checked in dataset.c) */
    uint8_t *types;       /* a breach_type_set */
    uint32_t *categories; /* a breach_category_set */
    uint8_t *locations;   /* a breach_location_set */
    breach_pdate *reported, *occurred_start, *occurred_end, *discovered;
    /* the count, UINT32_MAX meaning "from UINT32_MAX on: see affected_big" (uint64_t
       values): read it with breach_ds_affected() */
    uint32_t *affected;
    breach_sparse affected_big;
    uint8_t *qualifier, *unit;
    int8_t *business_associate; /* stored + 1: 0 unknown, 1 no, 2 yes (see dataset.c) */
    uint8_t *flags;
    /* regions: the rows with a breakdown, with their entries (struct breach_region_ref
       values). The entries live in blocks that never move, so that views stay valid while
       the dataset grows. */
    breach_sparse regions;
    struct breach_region_block *blocks; /* newest first */
    /* rows each column has room for (they grow together, but one may have grown before an
       allocation failure stopped the others) */
    size_t col_cap[19];
    /* the keys of recently seen vendor and via names, by string id modulo the size (a name
       seen again soon, as in a file's consecutive rows, is not folded again; a table by
       every name cost 4 bytes a name) */
    struct breach_key_cache {
        uint32_t sid, kid; /* kid UINT32_MAX: the name's key is empty */
    } key_cache[4096];
    struct breach_attrs *attrs; /* enumerated attributes (attr.c), NULL until the first */
};

struct breach_region_ref {
    const breach_region_count *items;
    size_t n;
};

/* Incident i's regional counts; *n receives how many. */
static inline const breach_region_count *breach_ds_regions(const breach_dataset *ds, size_t i,
                                                           size_t *n)
{
    size_t k = breach_sparse_find(&ds->regions, i);
    if (!k) {
        *n = 0;
        return NULL;
    }
    const struct breach_region_ref *r = (const struct breach_region_ref *)ds->regions.vals + k - 1;
    *n = r->n;
    return r->items;
}

/* Incident i's affected count (its value; the qualifier is ds->qualifier[i]). */
static inline uint64_t breach_ds_affected(const breach_dataset *ds, size_t i)
{
    uint32_t v = ds->affected[i];
    if (v != UINT32_MAX)
        return v;
    return ((const uint64_t *)ds->affected_big.vals)[breach_sparse_find(&ds->affected_big, i) - 1];
}

/* A text of `plain` by its id (id, entity, source, summary columns); NULL for 0, not
 * stated. */
static inline const char *breach_ds_plain(const breach_dataset *ds, uint32_t id)
{
    return id ? breach_intern_get(ds->plain, id) : NULL;
}

/* The entity key id of a name in `strings` (a vendor's, a via's): folds the name and
 * interns the key, unless the name was seen lately. */
int breach_dataset_key_id(breach_dataset *ds, uint32_t sid, uint32_t *kid);

/* The end of input k's incidents (one past its last): the dataset's end while it is the
 * input still open. Inputs are consecutive ranges in load order. */
static inline size_t breach_input_end(const breach_dataset *ds, size_t k)
{
    return ds->input_open && k + 1 == ds->n_inputs ? ds->n : ds->inputs[k].end;
}

/* Whether incident i was dropped as a newer input's notice (input.c: the identity rule). */
static inline int breach_ds_dropped(const breach_dataset *ds, size_t i)
{
    return ds->dropped_bits && i < ds->dropped_rows && (ds->dropped_bits[i / 64] >> (i % 64) & 1);
}

/* Date of a field (breach_date_field) of incident i, packed. */
breach_pdate breach_dataset_pdate(const breach_dataset *ds, size_t i, int field);
/* The date incident i is matched on across sources (links, notices in two formats, the
 * cross-source episode rule) by `field`: breach_dataset_pdate's, except that by reported
 * date a notice its source gives no reported date (VCDB's incidents without a
 * notification date: 2,503 of 8,553) is matched on its event date, occurred else
 * discovered, when that is to the day (a year or a month is no day to be 120 days from). */
breach_pdate breach_dataset_match_pdate(const breach_dataset *ds, size_t i, int field);

/* A filter with its strings resolved to ids once, for loops over many incidents. */
typedef struct breach_cfilter {
    const breach_filter *f; /* NULL = everything */
    int none;               /* a vendor/entity that no incident has: nothing matches */
    uint32_t vendor_key, entity_key;
    int32_t from_day, to_day; /* inclusive, valid when has_from / has_to */
    int has_from, has_to;
    int overlap; /* a date need only overlap from_day .. to_day, not lie inside it: how
                    breach_dataset_n_coarse_dated finds the coarse dates among the rest */
    breach_region region;
    int region_is_country;
    const uint64_t *dropped; /* bits of the notices left out as duplicates, or NULL */
    size_t dropped_rows;     /* rows the bits cover (ds->dropped_rows) */
    /* the where criteria as pair numbers (0: no incident carries it), by field: criterion
       k belongs to group where_group[k] (groups numbered from 0 in order), "!=" when
       where_neg[k] */
    size_t n_where, n_groups;
    uint32_t where_pid[BREACH_WHERE_MAX];
    uint8_t where_group[BREACH_WHERE_MAX], where_neg[BREACH_WHERE_MAX];
    uint8_t group_pos[BREACH_WHERE_MAX]; /* the group has "=" criteria */
} breach_cfilter;

/* The unit a result's totals are in (no statistic adds across units): the filter's unit
 * when it names exactly one; else the unit most of the selected notices carry
 * (n_by_unit[u] notices of unit u, BREACH_UNIT_COUNT_ entries; ties go to the lower number,
 * individuals first; none selected: individuals). Notices of other units are counted by
 * the result and left out of its totals. */
int breach_result_unit(const breach_filter *f, const uint64_t *n_by_unit);

int breach_cfilter_init(breach_cfilter *c, const breach_dataset *ds, const breach_filter *f,
                        breach_error *err);
int breach_cfilter_match(const breach_cfilter *c, const breach_dataset *ds, size_t i);

#endif
