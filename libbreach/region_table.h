/* The bundled table of region codes and names (private). */
#ifndef BREACH_REGION_TABLE_H
#define BREACH_REGION_TABLE_H

typedef struct breach_region_entry {
    const char *code; /* "FR", "US-ME" */
    const char *name; /* English short name */
    int us_subdivision; /* 1 for US-XX entries */
} breach_region_entry;

/* Entry 0 is "no region"; countries follow alphabetically by code (XK last), then the US
 * subdivisions. */
extern const breach_region_entry breach_region_table[];
extern const unsigned breach_region_table_size;
extern const unsigned breach_region_first_us; /* index of the first US subdivision */

#endif
