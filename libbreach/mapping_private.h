/* Column mappings (private): what breach_mapping_set() stores, read by io_mapped.c. The keys
 * and their meaning are documented in doc/mapping.md. */
#ifndef BREACH_MAPPING_PRIVATE_H
#define BREACH_MAPPING_PRIVATE_H

#include "breach_private.h"

/* Text fields taken from one column (summary may take several). */
enum {
    MAP_ENTITY, MAP_ID, MAP_ENTITY_TYPE, MAP_ACTOR, MAP_VENDOR, MAP_VIA, MAP_SUMMARY,
    MAP_TEXT_COUNT_
};
/* Date fields. */
enum { MAP_REPORTED, MAP_OCCURRED_START, MAP_OCCURRED_END, MAP_DISCOVERED, MAP_DATE_COUNT_ };
/* Set fields with value mappings. */
enum { MAP_TYPES, MAP_CATEGORIES, MAP_LOCATIONS, MAP_SET_COUNT_ };

/* The count qualifier given to plain numbers; MAP_QUAL_CANONICAL reads the canonical syntax
 * (">=3000000", "~1050000", a plain number is exact). */
#define MAP_QUAL_CANONICAL (-1)

typedef struct breach_map_list {
    char **items;
    size_t n;
} breach_map_list;

typedef struct breach_map_value {
    char *text;    /* the source's value */
    uint64_t bits; /* what it adds to the set (0: known, adds nothing) */
} breach_map_value;

typedef struct breach_map_region {
    breach_region region;
    char *column;
} breach_map_region;

typedef struct breach_map_set {
    breach_map_list columns;
    char split; /* 0: a cell is one value */
    breach_map_value *values;
    size_t n_values, values_cap;
} breach_map_set;

struct breach_mapping {
    breach_map_list text[MAP_TEXT_COUNT_]; /* columns (one, summary several) */
    char *constant[MAP_TEXT_COUNT_];       /* <field>.value: used when the cell is empty */
    char *id_prefix;
    int id_thousands; /* id.normalize = thousands: "15,056" -> "15056" */
    struct breach_map_attr {
        char *field, *column; /* attr.<field> = <column> */
        char split;           /* attr.<field>.split: several values per cell, 0: one */
    } *attrs;
    size_t n_attrs, attrs_cap;
    int via_parenthesis; /* via.extract = parenthesis */
    char *date_column[MAP_DATE_COUNT_];
    char *date_format[MAP_DATE_COUNT_];   /* NULL: date_format */
    char *date_format_all;                /* NULL: auto */
    char *affected;
    int qualifier; /* MAP_QUAL_CANONICAL or a breach_qualifier */
    uint64_t *placeholders;
    size_t n_placeholders;
    uint64_t floor; /* affected.floor: the source lists only breaches this large; 0: none */
    char thousands; /* 0: none; ' ' for thousands_separator = space */
    int thousands_space; /* thousands_separator = space: a space, U+00A0 or U+202F */
    breach_map_region *regions;
    size_t n_regions, regions_cap;
    char *entity_region;
    int region_iso; /* entity_region.kind = iso */
    int region_empty_unknown; /* region.empty = unknown: an empty regional cell is an entry
                                 with an unknown count, not no entry */
    breach_map_set sets[MAP_SET_COUNT_];
    char *business_associate;
    int separate;
    int unit;
    breach_map_list group_by;
    int warn_duplicates;
    /* what the mapping says, whatever the order, spacing or comments it was written in:
       the sum of a hash of each setting (key folded to lower case, value as given). Two
       inputs are one source's snapshots only through the same mapping (input.c: identity) */
    uint64_t fingerprint;
    char **keys; /* keys set so far, to refuse a second setting */
    size_t n_keys, keys_cap;
    char *source; /* the name breach_mapping_parse was given (the file), NULL: none; errors
                     found only at a load (no entity column) name it */
};

/* Parses s[0..n) with a date format of the mapping ("auto" or a pattern of YYYY, MM, MMM,
 * MMMM, DD, HH, hh, mm, ss, a and literal characters; a time of day is checked, then
 * dropped). On a mismatch *at (may be NULL) receives the byte offset in s where the text
 * stops matching. */
int breach_map_parse_date(const char *fmt, const char *s, size_t n, breach_date *out,
                          size_t *at, breach_error *err);

/* Whether s[0..n) equals a mapping's value text (case and spacing folded). */
int breach_map_value_eq(const char *s, size_t n, const char *text);

#endif
