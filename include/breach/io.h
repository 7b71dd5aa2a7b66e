/* libbreach — reading and writing files.
 *
 * Every loader appends to a dataset and accounts for every row it reads: rows read =
 * rows loaded + rows rejected, always. In strict mode the first bad row stops the load
 * with an error naming the source, line, column and reason (the rows before it stay
 * loaded and the report says how many). In lenient mode bad rows are skipped and each
 * one is listed in the report with its place and reason. Warnings (doubtful but loadable
 * input) are listed separately and never drop a row.
 *
 * The canonical CSV is this library's own format for the incident model, lossless for
 * it, documented in doc/canonical-csv.md: writing a dataset and reading it back gives the
 * same incidents, and a second write gives byte-identical output. It does not carry the
 * sources' enumerated attributes (breach_dataset_attrs), the inputs' provenance or
 * BREACH_FLAG_IDENTICAL, BREACH_FLAG_PLACEHOLDER or a source's listing floor
 * (doc/canonical-csv.md says what to keep instead).
 *
 * Threads: a loader changes its dataset and needs it alone (no other call on that dataset
 * meanwhile); writers only read it. Loaders into separate datasets run in parallel.
 * Files: a file is read, never mapped (a file truncated by another process cannot kill
 * this one): whole before it is parsed, or for a canonical CSV of 8 MiB or more on several
 * threads while it is parsed. A file that shrinks meanwhile fails the load with BREACH_EIO
 * (on several threads, after the rows before the cut); a row is never made of what the
 * cut left. A stream is read once. Every load first reads the ISO 3166 data (incident.h):
 * when it cannot, the load fails whole with BREACH_EREGION naming the file, or
 * BREACH_ENOMEM, before any row is read or rejected. The _write_file functions write a
 * temporary file in the target's folder and rename it over the target only when complete:
 * a failure leaves an existing file as it was. A symbolic link is followed (to its last
 * link's target, which may not exist yet): the file it leads to is replaced and the link
 * stays. A path that is, or whose links pass through, one of this process's descriptors
 * (/dev/stdin, /dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N, /proc/<pid>/fd/N of
 * this process) is written through a duplicate of that descriptor, at its offset: after
 * `prog >> log.txt`, /dev/stdout appends to log.txt and what it held stays; a descriptor
 * open for reading only is BREACH_EIO. Another process's /proc/<pid>/fd/N is written in
 * place when it is a pipe or a device and refused (BREACH_EIO) when it is a regular file.
 * A path that exists and is not a regular file (a FIFO, /dev/null, /dev/full) is opened
 * and written in place, as the shell's > does: a FIFO waits for its reader, and what was
 * written before a write error stays written. A directory is BREACH_EIO with err naming
 * it; so is a write error (ENOSPC), before or at the close. breach_output_open gives a
 * program's own output the same rules.
 */
#ifndef BREACH_IO_H
#define BREACH_IO_H

#include <stdio.h>
#include "dataset.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- load reports */

/* One rejected row or one warning: where, and why. */
typedef struct breach_issue {
    int code;      /* a breach_status (negative) for rejects; for warnings a BREACH_WARN_* */
    long line;     /* 1-based physical line where the row (or the bad field) starts */
    long column;   /* 1-based byte column of the bad field, 0 when the whole row is meant */
    long row;      /* 1-based data row number (header excluded) */
    const char *text; /* the reason, a sentence */
} breach_issue;

/* Warning codes (positive, never errors). */
#define BREACH_WARN_PLACEHOLDER 1 /* a count that sources use as a placeholder (HHS 500/501) */
#define BREACH_WARN_DUPLICATE 2   /* a row identical to an earlier one (kept, and listed) */
#define BREACH_WARN_HEADER 3      /* header damaged or unfamiliar; columns taken by position */
#define BREACH_WARN_OTHER 4
#define BREACH_WARN_OVERLAP 5     /* a notice a newer input lists too: left out (see
                                     breach_dataset_duplicate_of in dataset.h) */

typedef struct breach_report breach_report;

/* A new empty report (owned: free with breach_report_free), or NULL when out of memory.
 * One report may collect several loads; its counters add up. */
BREACH_API BREACH_WARN_UNUSED breach_report *breach_report_new(void);
BREACH_API void breach_report_free(breach_report *r);

BREACH_API size_t breach_report_rows_read(const breach_report *r);
BREACH_API size_t breach_report_rows_loaded(const breach_report *r);
BREACH_API size_t breach_report_rows_rejected(const breach_report *r);
/* Rejected rows and warnings in the order met; the issue's text is borrowed from the
 * report. Returns BREACH_EINVAL for an index out of range. */
BREACH_API size_t breach_report_n_rejects(const breach_report *r);
BREACH_API int breach_report_reject(const breach_report *r, size_t i, breach_issue *out);
BREACH_API size_t breach_report_n_warnings(const breach_report *r);
BREACH_API int breach_report_warning(const breach_report *r, size_t i, breach_issue *out);
/* The source name of rejected row / warning i (the file a load was given). */
BREACH_API const char *breach_report_reject_source(const breach_report *r, size_t i);
BREACH_API const char *breach_report_warning_source(const breach_report *r, size_t i);

/* ---------------------------------------------------------------- options */

typedef struct breach_load_options {
    bool lenient;            /* skip and list bad rows instead of stopping */
    const char *source_name; /* name used in errors and reports; NULL = the path. Errors
                                of the file itself (it cannot be opened or read, it shrank
                                while read) name its path */
    unsigned threads;        /* threads the load may parse on: 0 = breach_threads() (the
                                library's setting, by default the processors this
                                process may use); at most 4,096, and no more than the
                                input has chunks to parse; the result never depends on
                                it (doc/loader.md) */
    uint32_t reserved32_;    /* must be zero, like reserved_ */
    uint64_t reserved_[3];   /* must be zero: every loader refuses other values with
                                BREACH_EINVAL before reading */
} breach_load_options;

/* Strict loading, source named by the path. */
BREACH_API void breach_load_options_init(breach_load_options *o);

/* ---------------------------------------------------------------- canonical CSV */

/* Reads a canonical CSV file and appends its incidents to ds. The header must name the
 * canonical columns (any order; unknown columns are an error, missing optional ones are
 * empty, see doc/canonical-csv.md). RFC 4180 quoting, quoted CR/LF, CRLF or LF line ends
 * and a UTF-8 byte-order mark are accepted. `report` may be NULL (then lenient mode can
 * still skip rows, but nobody can list them). Warnings (BREACH_WARN_DUPLICATE), found once
 * the rows are read: a row whose id an earlier row of the file has ("id 'a' repeats row 1
 * (line 2), with other content"), or a row without an id identical to an earlier one
 * without an id; both are kept, and those identical word for word are flagged
 * BREACH_FLAG_IDENTICAL. Returns BREACH_OK, or a negative status with err filled: in
 * strict mode the first rejected row's place and reason; in either mode an unreadable file
 * or header. */
BREACH_API int breach_csv_read_file(breach_dataset *ds, const char *path,
                                    const breach_load_options *opt, breach_report *report,
                                    breach_error *err);

/* The same from memory (len bytes; no NUL needed). opt->source_name names it in errors. */
BREACH_API int breach_csv_read_buffer(breach_dataset *ds, const char *data, size_t len,
                                      const breach_load_options *opt, breach_report *report,
                                      breach_error *err);

/* Writes the incidents selected by f (NULL = all, superseded ones included) as canonical
 * CSV with LF line ends. Returns BREACH_OK or BREACH_EIO. */
BREACH_API int breach_csv_write(const breach_dataset *ds, const breach_filter *f, FILE *out,
                                breach_error *err);
BREACH_API int breach_csv_write_file(const breach_dataset *ds, const breach_filter *f,
                                     const char *path, breach_error *err);

/* ---------------------------------------------------------------- HHS, WA AG, mapped CSV, breach_load
 *
 * Loaders for public breach lists as their publishers export them. Each maps the source's
 * columns onto the incident model as documented in doc/formats.md, keeps the source's own
 * values (names as reported, exact figures), and says what it doubts as warnings in the
 * report rather than changing the data. Options, reports, strict and lenient modes and
 * errors work as for the canonical CSV above. Every incident gets `source` =
 * "<file name> row N" (N = data row, header excluded; the file name is the last component
 * of opt->source_name or the path).
 *
 * Implausible dates, the one exception to "not changing the data" (these loaders and the
 * VERIS and HIBP ones below; doc/formats.md): a date before 1900-01-01, a date after today
 * (the day of SOURCE_DATE_EPOCH when it is set, else of the clock), and an event date
 * (occurred_start, occurred_end, discovered) after the notice's own reported date are each
 * a BREACH_WARN_OTHER warning that quotes the date with the source's column name and its
 * place, and the date is left unknown, so that it stays out of every time statistic.
 * Likewise a count of individuals above 8,200,000,000 (the world's population; the HHS,
 * WA and mapped-CSV loaders) is a BREACH_WARN_OTHER warning at its cell and left unknown,
 * and a count below the source's floor (HHS: 500; a mapping's affected.floor) a
 * BREACH_WARN_OTHER warning, kept as given.
 */

/* Reads an export of the HHS OCR breach portal ("archive" list with Web Description, or
 * "under investigation" list) and appends one incident per row; call it once per file to
 * load both lists into one dataset. The header is matched by name (any order, case and
 * spacing folded; Web Description optional); a damaged or unfamiliar header of 9 (or 8)
 * columns whose rows follow the portal's layout is read by position, with a
 * BREACH_WARN_HEADER warning. Each incident: id "hhs:<file name>:<row>", flag
 * BREACH_FLAG_SEPARATE (business associates file one row per client; those rows add up),
 * unit individuals, summary = Web Description as given ("\N", a database NULL, and empty
 * give none), no data categories. Warnings, one per row concerned: BREACH_WARN_PLACEHOLDER
 * for 500 and 501 (kept exact), BREACH_WARN_OTHER for an empty count (kept unknown), a
 * count above the world's population (left unknown) or below 500 (kept), an
 * empty Type of Breach (empty set) or an empty date, BREACH_WARN_DUPLICATE for a row
 * identical byte for byte to an earlier one (both kept; the text names the earlier row).
 * Rejected: an empty name, an unknown state, type or location value (the reason names the
 * column), a count that is not a whole number, a date that is not MM/DD/YYYY, a Business
 * Associate Present other than Yes/No/empty, text that is not UTF-8. ds NULL is
 * BREACH_EINVAL. Returns BREACH_OK or a negative status with err filled (file, line,
 * column): BREACH_EFORMAT for an empty file or a header that is neither the portal's names
 * nor its layout, BREACH_EIO for an unreadable file, in strict mode the first rejected row's
 * status. */
BREACH_API int breach_hhs_read_file(breach_dataset *ds, const char *path,
                                    const breach_load_options *opt, breach_report *report,
                                    breach_error *err);
/* The same from memory (len bytes, no NUL needed; opt->source_name names it, else
 * "<buffer>"). */
BREACH_API int breach_hhs_read_buffer(breach_dataset *ds, const char *data, size_t len,
                                      const breach_load_options *opt, breach_report *report,
                                      breach_error *err);

/* Reads the Washington State Attorney General's "Data Breach Notifications Affecting
 * Washington Residents" export (25 columns, matched by name in any order; the derived
 * columns Year, ranges and Days* are skipped; an unknown column is ignored with a
 * BREACH_WARN_HEADER warning; Name, Id, DateSubmitted and WashingtoniansAffected are
 * required). One incident per row: id "wa:<Id>", entity = Name as given, via = the
 * trailing parenthesised organisation of Name ("Humana, Inc. (Welltok, Inc.)" -> via
 * "Welltok, Inc."; aliases such as "(UMC)" or "(d/b/a ...)" are not), WashingtoniansAffected
 * as a US-WA regional count (affected stays unknown: the file has no total), DateSubmitted
 * -> reported, DateStart/DateEnd -> occurred_start/end, DateAware -> discovered,
 * DataBreachCause and CyberattackType -> types, IndustryType -> entity_type, EntityState ->
 * entity_region, and summary "DataBreachCause: ..; CyberattackType: ..; BusinessType: .." of
 * the non-empty ones. A DateEnd before DateStart leaves both unknown with a
 * BREACH_WARN_OTHER warning quoting them. Returns as breach_hhs_read_file. */
BREACH_API int breach_wa_read_file(breach_dataset *ds, const char *path,
                                   const breach_load_options *opt, breach_report *report,
                                   breach_error *err);
BREACH_API int breach_wa_read_buffer(breach_dataset *ds, const char *data, size_t len,
                                     const breach_load_options *opt, breach_report *report,
                                     breach_error *err);

/* A column mapping: which columns of an arbitrary CSV hold the entity, the id, the dates
 * (and their format), the total, regional counts, types, categories, locations (with
 * value mappings), and how rows group into one notice. The keys and their meaning are in
 * doc/mapping.md. Opaque; one mapping may serve any number of loads. */
typedef struct breach_mapping breach_mapping;

/* An empty mapping (owned: free with breach_mapping_free), or NULL (BREACH_ENOMEM). Fill it
 * with breach_mapping_set(); it needs at least `entity` before a load. */
BREACH_API BREACH_WARN_UNUSED breach_mapping *breach_mapping_new(breach_error *err);

/* Sets one key ("entity", "region.US-WA", "type.Cyberattack", ...) to a value (NUL-
 * terminated; both copied). Setting a key twice is BREACH_EINVAL; so is an unknown key or a
 * value the key does not take (an unknown date format, unit or yes/no); a value mapping
 * to an unknown type, category or location name is BREACH_ETYPE / BREACH_ECATEGORY, an
 * unknown region code BREACH_EREGION. The mapping is unchanged on error. */
BREACH_API int breach_mapping_set(breach_mapping *m, const char *key, const char *value,
                                  breach_error *err);

/* Parses mapping text: one `key = value` per line, '#' starts a comment line, blank lines
 * are skipped, spaces around key and value are dropped. Returns a new mapping (owned: free
 * with breach_mapping_free) or NULL with err naming source_name (may be NULL), line and
 * column: BREACH_EPARSE for a line without '=', else the codes of breach_mapping_set. */
BREACH_API BREACH_WARN_UNUSED breach_mapping *breach_mapping_parse(const char *text, size_t len,
                                                                   const char *source_name,
                                                                   breach_error *err);

/* The same from a file (BREACH_EIO when it cannot be read). */
BREACH_API BREACH_WARN_UNUSED breach_mapping *breach_mapping_read_file(const char *path,
                                                                       breach_error *err);

/* Frees a mapping. NULL is a no-op. */
BREACH_API void breach_mapping_free(breach_mapping *m);

/* Reads a CSV file through mapping m and appends its incidents to ds. Every column the
 * mapping names must be in the header (BREACH_EFORMAT naming the first that is not);
 * columns it does not name are ignored. Without group_by each row is one incident; with
 * group_by, rows with equal values in those columns make one incident (in the order of
 * their first row): types, categories and locations are unioned, and every other field
 * must agree where two rows state it (an empty cell agrees with anything) — a row that
 * disagrees is rejected with BREACH_EINCONSISTENT naming the column and the earlier row.
 * Rows loaded count every row of an added group. Returns as breach_csv_read_file;
 * BREACH_EINVAL when m has no entity column (err's source is the mapping's file, the
 * source_name breach_mapping_parse was given, when there was one). */
BREACH_API int breach_mapped_read_file(breach_dataset *ds, const char *path,
                                       const breach_mapping *m, const breach_load_options *opt,
                                       breach_report *report, breach_error *err);
BREACH_API int breach_mapped_read_buffer(breach_dataset *ds, const char *data, size_t len,
                                         const breach_mapping *m,
                                         const breach_load_options *opt,
                                         breach_report *report, breach_error *err);

/* The format of a file, told from its first bytes: "canonical" (a header of canonical
 * columns with `entity`), "hhs" (the portal's column names, or its 8/9-column layout),
 * "wa" (Name, DateSubmitted and WashingtoniansAffected in the header), "veris" (a ZIP
 * archive, or JSON with VERIS keys such as "incident_id"), "hibp" (JSON with "PwnCount" /
 * "DataClasses"); a directory is "veris" (the only loader that reads directories). Returns
 * a static string, or NULL with err filled: BREACH_EFORMAT saying what was seen (the first
 * header cells, or the kind of JSON), BREACH_EIO, BREACH_EINVAL; BREACH_EREGION or
 * BREACH_ENOMEM when the ISO 3166 data cannot be read (incident.h: an HHS export is told by
 * its states), for a file as for a directory. */
BREACH_API const char *breach_format_detect_file(const char *path, breach_error *err);
/* The same for bytes in memory; source_name (may be NULL) names them in err. */
BREACH_API const char *breach_format_detect_buffer(const char *data, size_t len,
                                                   const char *source_name, breach_error *err);

/* Loads a file in the given format into ds: "canonical" (or "csv"), "hhs", "wa", "veris",
 * "hibp", or NULL / "auto" to detect it (breach_format_detect_file). A format name this
 * library does not know is BREACH_EINVAL; a file whose format cannot be told is
 * BREACH_EFORMAT (err says what was seen). Other returns as the format's own read_file
 * function. A mapped CSV needs a mapping: use breach_mapped_read_file. */
BREACH_API int breach_load(breach_dataset *ds, const char *path, const char *format,
                           const breach_load_options *opt, breach_report *report,
                           breach_error *err);

/* ---------------------------------------------------------------- JSON: VERIS, HIBP, writer
 *
 * The JSON loaders read a text that is one record (an object) or an array of records; each
 * record is one row of the report (rows read = loaded + rejected) and is parsed on its own,
 * so a syntax error rejects that record only and names its line and column (columns count
 * bytes). A UTF-8 byte-order mark is skipped. Objects with a repeated key are invalid.
 * A text that is not a JSON object or array, that ends inside a record (truncated) or has
 * a structural error between records is an error of the whole text in either mode. Fields
 * are mapped as documented in doc/vocabularies.md; a field of the wrong JSON type rejects
 * its record, a doubtful value that can still be loaded is a warning.
 */

/* Limits of the JSON loaders. A record nested deeper than BREACH_JSON_MAX_DEPTH levels or
 * longer than BREACH_JSON_MAX_RECORD bytes is rejected (BREACH_ELIMIT, with its place)
 * without being parsed, so hostile nesting costs no stack. A zip member larger than
 * BREACH_ZIP_MAX_MEMBER bytes uncompressed is refused (BREACH_ELIMIT) before inflating, and
 * so is a whole archive whose .json members announce more than BREACH_ZIP_MAX_TOTAL bytes
 * in all (many members under the first limit would otherwise cost minutes; VCDB's archive
 * is about 80 MB inflated). */
/* jansson (2.14) carries on after some failed allocations with a character dropped
 * (upstream issues #362, #655). Each record is parsed with a reserve of four times its
 * length set aside first, and any allocation that fails during the parse discards it:
 * the load stops with BREACH_ENOMEM, never with a record changed or listed as rejected
 * (tests/test_alloc.c fails every allocation of the JSON loaders and the JSON writer). A
 * jansson built with assertions could still abort if a record's later requests exhaust
 * the reserve; Debian's does not abort on these paths. */
#define BREACH_JSON_MAX_DEPTH 64
#define BREACH_JSON_MAX_RECORD ((size_t)16 << 20)
#define BREACH_ZIP_MAX_MEMBER ((uint64_t)1 << 30)
#define BREACH_ZIP_MAX_TOTAL ((uint64_t)1 << 30)

/* Reads VERIS incidents (the VERIS Community Database's format, schema 1.3.x; 1.4 data
 * varieties are known too) and appends them to ds. path may be
 *  - a JSON file: one incident object, or an array of them (VCDB's joined vcdb.json);
 *  - a zip archive (told by its signature, not its name), as VCDB ships vcdb.json.zip:
 *    every member whose name ends in ".json" is read, in name order; places name the
 *    member as "<archive>/<member>";
 *  - a directory: every file in it whose name ends in ".json" (any case), in byte order of
 *    names; sub-directories and other files are not read. Places name "<dir>/<file>".
 * opt->source_name, when set, replaces the path in places. Each incident gets flag
 * BREACH_FLAG_SEPARATE (VCDB lists incidents, not revised notices) and unit
 * BREACH_UNIT_RECORDS, with data_total as an estimated count. Warnings
 * (BREACH_WARN_DUPLICATE): an incident_id met earlier in the same call (both kept; the text
 * names the earlier row and says whether the text is the same); BREACH_WARN_OTHER: a
 * state or country this version does not know (the region falls back to the country, or
 * none), a date part that cannot be (month 14, February 29 of 2018: the precision drops
 * to what holds; a year outside 1900..2100 or missing: the date is unknown), an unknown
 * data variety or action (counted as other). Rejected: invalid JSON, a record that is not
 * an object, a missing incident_id, a field of the wrong JSON type, a negative
 * data_total, a record beyond the limits above. In lenient mode a file of a directory or
 * a member of an archive that cannot be read at all (unreadable, not JSON, truncated) is
 * listed as one rejected row (row 0) and the load goes on. Returns BREACH_OK or a negative
 * status with err filled (source, line, column, reason): in strict mode the first
 * rejected incident; in either mode a path that cannot be read (BREACH_EIO), a single
 * text that is not JSON of this shape (BREACH_EFORMAT / BREACH_EPARSE), an archive that is
 * not a readable zip or a directory or archive without any .json (BREACH_EFORMAT).
 * Incidents loaded before a failure stay in ds. */
BREACH_API int breach_veris_read_file(breach_dataset *ds, const char *path,
                                      const breach_load_options *opt, breach_report *report,
                                      breach_error *err);

/* The same from memory: a JSON text, or a zip archive when data starts with the zip
 * signature (len bytes, no NUL needed, only read during the call; opt->source_name names
 * it, else "<buffer>"). */
BREACH_API int breach_veris_read_buffer(breach_dataset *ds, const char *data, size_t len,
                                        const breach_load_options *opt, breach_report *report,
                                        breach_error *err);

/* Reads the Have I Been Pwned breach list (the array that GET /api/v3/breaches returns, or
 * one breach object) and appends one incident per breach: id "hibp:<Name>", entity Domain
 * where it is stated, else Title (HIBP titles a site's breaches apart, "Twitter" and
 * "Twitter (200M)" both of twitter.com: by Domain, one organisation hit twice is one
 * entity key, as breach_repeats_compute needs), affected PwnCount as an exact count in BREACH_UNIT_ACCOUNTS (it counts e-mail addresses,
 * not people), occurred_start BreachDate and reported AddedDate at day precision,
 * categories from DataClasses, summary Description (HTML as given; "<Title>: " before it
 * when the entity is the Domain, so that the Title is kept), source
 * "https://haveibeenpwned.com/api/v3/breach/<Name>". Warnings (BREACH_WARN_OTHER): a data
 * class this version does not know (counted as other), a breach flagged IsFabricated,
 * IsSpamList or IsRetired (kept as listed: HIBP still counts it); BREACH_WARN_DUPLICATE: a
 * Name met earlier in the same call. Rejected: a missing Name, a date that is not ISO
 * 8601, a negative PwnCount, a field of the wrong JSON type, invalid JSON. Returns as
 * breach_veris_read_file (there are no directories or archives here). */
BREACH_API int breach_hibp_read_file(breach_dataset *ds, const char *path,
                                     const breach_load_options *opt, breach_report *report,
                                     breach_error *err);
/* The same from memory (opt->source_name names it, else "<buffer>"). */
BREACH_API int breach_hibp_read_buffer(breach_dataset *ds, const char *data, size_t len,
                                       const breach_load_options *opt, breach_report *report,
                                       breach_error *err);

/* Writes the incidents selected by f (NULL = all, superseded ones included) as one JSON
 * array, one incident object per line, with every field of breach_incident (doc/json.md):
 * unstated strings and unknown dates and tri-states are null; dates are
 * {"date": ISO text at its precision, "precision": "year"|"month"|"day"}; counts are
 * {"value", "qualifier"}, an unknown one {"value": null, "qualifier": "unknown"} as
 * breachstat --json writes it; regions an object from ISO code to count; sets arrays of names.
 * An empty selection writes "[]". Returns BREACH_OK, BREACH_EIO on a write error,
 * BREACH_EOVERFLOW (before writing anything) when a count is above 2^63-1, which JSON
 * integers here cannot hold, or BREACH_ENOMEM. */
BREACH_API int breach_json_write(const breach_dataset *ds, const breach_filter *f, FILE *out,
                                 breach_error *err);
/* The same into a new file at path (replaced if it exists). */
BREACH_API int breach_json_write_file(const breach_dataset *ds, const breach_filter *f,
                                      const char *path, breach_error *err);

/* ---------------------------------------------------------------- output files
 *
 * A file written whole or not at all, by the rules of the _write_file functions (the top
 * of this file): a temporary file renamed over the target when complete, a link written
 * through, a descriptor, a FIFO or a device written in place, a directory refused. For a
 * program's own output (breachstat writes every file this way).
 */

/* An output file being written (opaque). */
typedef struct breach_output breach_output;

/* Opens path (copied) for writing. Returns a new output, ended by breach_output_close; or
 * NULL with err naming path: BREACH_EINVAL (path NULL), BREACH_ENOMEM, or BREACH_EIO whose text is "cannot create: "
 * or "cannot open: " followed by the reason (the system's, such as "Is a directory" or "No
 * such file or directory", or one of this library's). Nothing is written or created then.
 * A FIFO waits here for its reader. */
BREACH_API BREACH_WARN_UNUSED breach_output *breach_output_open(const char *path,
                                                                breach_error *err);
/* The stream to write to, owned by o: do not close it. */
BREACH_API FILE *breach_output_stream(breach_output *o);
/* Ends o and frees it (NULL: returns rc). rc is the writing's status: with BREACH_OK the
 * stream is flushed, a temporary file synced and renamed over the target; with any other
 * rc a temporary file is removed and the target left as it was (what was written in place
 * stays written). Returns rc, or BREACH_EIO with err naming path when flushing, syncing or
 * renaming failed (text "write error: " and the system's reason, such as "No space left
 * on device"); a BREACH_EIO rc whose err names no file gets path as its source. */
BREACH_API int breach_output_close(breach_output *o, int rc, breach_error *err);

/* ---------------------------------------------------------------- populations
 *
 * Resident populations for per-capita rates (breach_percapita_compute in stats.h).
 */

/* Resident populations by region (opaque). */
typedef struct breach_population breach_population;

/* Reads the Census Bureau's state population estimates (NST-EST20xx-ALLDATA layout: the
 * columns SUMLEV, NAME and POPESTIMATE<year>, matched by name): rows of summary level 040
 * (states, DC, Puerto Rico) by their NAME, and level 010 as the country "US" (the 50
 * states and DC). A year names its POPESTIMATE column, the only one read (another year's
 * cell may hold anything, "(NA)"). year 0 takes the latest (breach_population_year), and
 * lets breach_percapita_compute use another year of the file for notices that all lie in
 * it; every POPESTIMATE column must then hold whole numbers, and the first cell that does
 * not fails the read (BREACH_EPARSE at its place; name the year to read the file anyway).
 * Other levels are skipped.
 * Owned: free with breach_population_free. Errors with file, line and column: BREACH_EIO,
 * BREACH_EFORMAT (a missing column or year), BREACH_EPARSE (a population that is not a
 * whole number), BREACH_EREGION (an unknown state name), BREACH_EINCONSISTENT (a region
 * twice). The bundled copy is examples/data/us-state-population-2024.csv. */
BREACH_API BREACH_WARN_UNUSED breach_population *
breach_population_read_file(const char *path, int year, breach_error *err);
/* The same from memory; source_name (may be NULL) names it in errors. */
BREACH_API BREACH_WARN_UNUSED breach_population *
breach_population_read_buffer(const char *data, size_t len, const char *source_name, int year,
                              breach_error *err);
BREACH_API void breach_population_free(breach_population *p);
/* The estimate's year, and the number of regions. */
BREACH_API int breach_population_year(const breach_population *p);
BREACH_API size_t breach_population_size(const breach_population *p);
/* A region's population: BREACH_OK, BREACH_ENOTFOUND, or BREACH_EINVAL for NULL. */
BREACH_API int breach_population_get(const breach_population *p, breach_region r,
                                     uint64_t *out, breach_error *err);

#ifdef __cplusplus
}
#endif

#endif
