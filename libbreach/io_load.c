/* breach_load(): one entry point for every file format, by name or detected from the
 * file's first bytes. Each format is a row of the table in format_entry_of() (VERIS and HIBP
 * are io_veris.c and io_hibp.c); a new loader is a new file, a row there and, if it can be
 * told from its bytes, a test in breach_format_detect_buffer(). */
#include "loader_private.h"
#include "file_private.h"

#include <string.h>
#include <sys/stat.h>

typedef int (*read_file_fn)(breach_dataset *, const char *, const breach_load_options *,
                            breach_report *, breach_error *);

typedef int (*read_buffer_fn)(breach_dataset *, const char *, size_t, const breach_load_options *,
                              breach_report *, breach_error *);

typedef struct format_entry {
    const char *name;
    const char *alias;
    read_file_fn read_file;
    read_buffer_fn read_buffer;
} format_entry;

static const char *const kFormats = "canonical (csv), hhs, wa, veris, hibp or auto";

static const format_entry *format_entry_of(const char *name)
{
    static const format_entry table[] = {
        {"canonical", "csv", breach_csv_read_file, breach_csv_read_buffer},
        {"hhs", NULL, breach_hhs_read_file, breach_hhs_read_buffer},
        {"wa", NULL, breach_wa_read_file, breach_wa_read_buffer},
        {"veris", "vcdb", breach_veris_read_file, breach_veris_read_buffer},
        {"hibp", NULL, breach_hibp_read_file, breach_hibp_read_buffer},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (breach_ieq(name, strlen(name), table[i].name) ||
            (table[i].alias && breach_ieq(name, strlen(name), table[i].alias)))
            return &table[i];
    return NULL;
}

/* ---------------------------------------------------------------- detection */

/* What detection reads of a large file: the first MiB that JSON detection looks at, and
 * room for a CSV header line. */
#define DETECT_BYTES (((size_t)1 << 20) + ((size_t)64 << 10))

/* The canonical CSV's columns (doc/canonical-csv.md; io_canonical.c holds the same list). */
static const char *const canonical_columns[] = {
    "id", "entity", "entity_state", "entity_type", "breach_types", "actor", "vendor", "via",
    "reported", "occurred_start", "occurred_end", "discovered", "affected", "unit", "regions",
    "categories", "locations", "business_associate", "separate", "source", "summary", NULL};

static int canonical_header(const breach_csv *c)
{
    int entity = 0;
    for (size_t i = 0; i < c->nfields; i++) {
        const char *s = c->fields[i].s;
        size_t n = c->fields[i].len;
        breach_trim(&s, &n);
        int k = 0;
        while (canonical_columns[k] && !(strlen(canonical_columns[k]) == n &&
                                         memcmp(canonical_columns[k], s, n) == 0))
            k++;
        if (!canonical_columns[k])
            return 0;
        entity |= k == 1;
    }
    return entity;
}

static int contains(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (s[i] == needle[0] && memcmp(s + i, needle, k) == 0)
            return 1;
    return 0;
}

const char *breach_format_detect_buffer(const char *data, size_t len, const char *source_name,
                                        breach_error *err)
{
    const char *src = source_name ? source_name : "<buffer>";
    if (!data && len) {
        breach_fail(err, BREACH_EINVAL, "no data");
        return NULL;
    }
    /* the HHS export is told by its states: without the ISO 3166 data, say so rather than
       that the format cannot be told */
    if (breach_regions_ready(err))
        return NULL;
    if (!data)
        data = "";
    if (len >= 4 && memcmp(data, "PK\3\4", 4) == 0)
        return "veris"; /* the VCDB ships as a ZIP of one JSON array */
    if (len >= 4 && memcmp(data, "PK\5\6", 4) == 0) {
        /* the end record first: a zip archive of no member (its bytes would be "NUL in a
           field" to the CSV tokenizer) */
        breach_fail_at(err, BREACH_EFORMAT, src, 1, 1,
                       "the file is an empty zip archive (no member): nothing to load");
        return NULL;
    }
    if (breach_refuse_utf16(data, len, src, err))
        return NULL;
    size_t i = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
        i++;
    if (i == len) {
        breach_fail_at(err, BREACH_EFORMAT, src, 1, 0, "cannot tell the format of an empty file");
        return NULL;
    }
    if (data[i] == '[' || data[i] == '{') {
        size_t n = len - i > ((size_t)1 << 20) ? (size_t)1 << 20 : len - i;
        const char *s = data + i;
        if (contains(s, n, "\"PwnCount\"") || contains(s, n, "\"DataClasses\""))
            return "hibp";
        if (contains(s, n, "\"incident_id\"") || contains(s, n, "\"schema_version\""))
            return "veris";
        breach_fail_at(err, BREACH_EFORMAT, src, 1, 0,
                       "cannot tell the format: JSON with neither VERIS keys (incident_id, "
                       "schema_version) nor HIBP keys (PwnCount, DataClasses) in its first MiB");
        return NULL;
    }
    breach_csv c;
    breach_csv_init(&c, data, len, src);
    breach_error e;
    breach_error_clear(&e);
    const char *name = NULL;
    int got = breach_csv_next(&c, &e), hhs = 0, wa = 0;
    int canonical = got > 0 && canonical_header(&c);
    if (got > 0 && !canonical && (hhs = breach_hhs_sniff(data, len)) == 0)
        wa = breach_wa_sniff(data, len);
    if (got == BREACH_ENOMEM || hhs == BREACH_ENOMEM || wa == BREACH_ENOMEM) {
        /* memory, not the format: a real HHS header must not be called "not HHS" */
        breach_fail_at(err, BREACH_ENOMEM, src, 1, 0,
                       "out of memory telling the format of the file");
    } else if (got < 0) {
        breach_fail_at(err, BREACH_EFORMAT, src, e.line, e.column,
                       "cannot tell the format: the first line is neither JSON nor a CSV header "
                       "(%s)",
                       e.text);
    } else if (canonical) {
        name = "canonical";
    } else if (hhs) {
        name = "hhs";
    } else if (wa) {
        name = "wa";
    } else {
        char seen[160];
        size_t at = 0;
        seen[0] = '\0';
        for (size_t k = 0; k < c.nfields && k < 3 && at < sizeof seen; k++)
            at += (size_t)snprintf(seen + at, sizeof seen - at, "%s'%.*s'", k ? ", " : "",
                                   (int)(c.fields[k].len > 40 ? 40 : c.fields[k].len),
                                   c.fields[k].s);
        breach_fail_at(err, BREACH_EFORMAT, src, 1, 0,
                       "cannot tell the format: a CSV header of %zu columns (%s%s) that is not "
                       "canonical, HHS portal or Washington AG; name the format, or load it "
                       "through a mapping",
                       c.nfields, seen, c.nfields > 3 ? ", ..." : "");
    }
    breach_csv_free(&c);
    return name;
}

const char *breach_format_detect_file(const char *path, breach_error *err)
{
    if (!path) {
        breach_fail(err, BREACH_EINVAL, "no path");
        return NULL;
    }
    if (breach_regions_ready(err)) /* as breach_format_detect_buffer, a directory too */
        return NULL;
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return "veris"; /* the only loader that reads a directory (of VERIS .json files) */
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && (uint64_t)st.st_size > DETECT_BYTES) {
        /* detection looks at the first MiB at most: a large file is not read whole twice */
        FILE *in = fopen(path, "rb");
        char *head = in ? breachp_malloc(DETECT_BYTES) : NULL;
        size_t got = head ? fread(head, 1, DETECT_BYTES, in) : 0;
        if (in)
            fclose(in);
        if (head && got) {
            const char *name = breach_format_detect_buffer(head, got, path, err);
            breachp_free(head);
            return name;
        }
        breachp_free(head); /* else the whole-file path below says what went wrong */
    }
    breach_file f;
    if (breach_file_open(&f, path, err))
        return NULL;
    const char *name = breach_format_detect_buffer(f.data, f.len, path, err);
    breach_file_close(&f);
    return name;
}

/* ---------------------------------------------------------------- loading */

/* A stream (a pipe, a FIFO, a device) can be read once: its bytes are read here, the format
 * told from them and the loader given the same bytes. */
static int load_stream(breach_dataset *ds, const char *path, const char *format,
                       const breach_load_options *opt, breach_report *report, breach_error *err)
{
    breach_file f;
    int rc = breach_file_open(&f, path, err);
    if (rc)
        return rc;
    if (!format || breach_ieq(format, strlen(format), "auto"))
        format = breach_format_detect_buffer(f.data, f.len, path, err);
    const format_entry *fe = format ? format_entry_of(format) : NULL;
    if (!format)
        rc = err ? err->code : BREACH_EFORMAT;
    else if (!fe)
        rc = breach_fail(err, BREACH_EINVAL, "unknown format '%.40s' (%s)", format, kFormats);
    else {
        breach_load_options o = breach_load_options_for(opt, path);
        rc = fe->read_buffer(ds, f.data, f.len, &o, report, err);
    }
    breach_file_close(&f);
    return rc;
}

int breach_load(breach_dataset *ds, const char *path, const char *format,
                const breach_load_options *opt, breach_report *report, breach_error *err)
{
    if (!ds || !path)
        return breach_fail(err, BREACH_EINVAL, "no dataset or path");
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
        return load_stream(ds, path, format, opt, report, err);
    if (!format || breach_ieq(format, strlen(format), "auto")) {
        breach_error e;
        breach_error_clear(&e);
        format = breach_format_detect_file(path, &e);
        if (!format) {
            if (err)
                *err = e;
            return e.code;
        }
    }
    const format_entry *fe = format_entry_of(format);
    if (!fe)
        return breach_fail(err, BREACH_EINVAL, "unknown format '%.40s' (%s)", format, kFormats);
    return fe->read_file(ds, path, opt, report, err);
}
