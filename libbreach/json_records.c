/* JSON texts split into records with places, for the JSON loaders (see json_private.h). */
#include "json_private.h"
#include "input_private.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- ids met in a load */

typedef struct id_entry {
    char *id;         /* NULL = free slot */
    uint64_t hash;    /* of the id */
    uint64_t text;    /* of the record's text, to tell identical repeats */
    size_t text_len;
    long row, line;
    size_t source;    /* report source index */
} id_entry;

struct breach_jidset {
    id_entry *e;
    size_t n, cap; /* cap is 0 or a power of two */
};

static int idset_grow(breach_jidset *set)
{
    size_t ncap = set->cap ? set->cap * 2 : 1024;
    if (ncap < set->cap || ncap > (size_t)-1 / sizeof(id_entry))
        return BREACH_ENOMEM;
    id_entry *ne = breachp_calloc(ncap, sizeof *ne);
    if (!ne)
        return BREACH_ENOMEM;
    for (size_t i = 0; i < set->cap; i++) {
        if (!set->e[i].id)
            continue;
        size_t k = (size_t)set->e[i].hash & (ncap - 1);
        while (ne[k].id)
            k = (k + 1) & (ncap - 1);
        ne[k] = set->e[i];
    }
    breachp_free(set->e);
    set->e = ne;
    set->cap = ncap;
    return 0;
}

/* Finds id; when absent, remembers it (with the record's place) and returns NULL. */
static int idset_check(breach_jidset *set, const char *id, const id_entry *now, const id_entry **earlier)
{
    *earlier = NULL;
    if ((set->n + 1) * 2 > set->cap && idset_grow(set))
        return BREACH_ENOMEM;
    size_t len = strlen(id);
    uint64_t h = breach_hash_bytes(id, len);
    size_t k = (size_t)h & (set->cap - 1);
    while (set->e[k].id) {
        if (set->e[k].hash == h && strcmp(set->e[k].id, id) == 0) {
            *earlier = &set->e[k];
            return 0;
        }
        k = (k + 1) & (set->cap - 1);
    }
    char *copy = breachp_malloc(len + 1);
    if (!copy)
        return BREACH_ENOMEM;
    memcpy(copy, id, len + 1);
    set->e[k] = *now;
    set->e[k].id = copy;
    set->e[k].hash = h;
    set->n++;
    return 0;
}

static void idset_free(breach_jidset *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->cap; i++)
        breachp_free(set->e[i].id);
    breachp_free(set->e);
    breachp_free(set);
}

/* ---------------------------------------------------------------- load state */

int breach_jload_init(breach_jload *L, breach_dataset *ds, const breach_load_options *opt,
                      breach_report *report, breach_jmap_fn map, const char *what,
                      const char *id_field)
{
    breachp_json_allocator();
    memset(L, 0, sizeof *L);
    L->ds = ds;
    if (opt)
        L->opt = *opt;
    else
        breach_load_options_init(&L->opt);
    L->report = report;
    L->map = map;
    L->what = what;
    L->id_field = id_field;
    L->ids = breachp_calloc(1, sizeof *L->ids);
    return L->ids ? 0 : BREACH_ENOMEM;
}

static void tmp_clear(breach_jload *L)
{
    for (size_t i = 0; i < L->n_tmp; i++)
        breachp_free(L->tmp[i]);
    L->n_tmp = 0;
}

void breach_jload_free(breach_jload *L)
{
    tmp_clear(L);
    breachp_free(L->tmp);
    idset_free(L->ids);
    memset(L, 0, sizeof *L);
}

const char *breach_jtmp(breach_jload *L, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || breach_grow((void **)&L->tmp, &L->tmp_cap, L->n_tmp + 1, sizeof *L->tmp))
        return NULL;
    char *s = breachp_malloc((size_t)n + 1);
    if (!s)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    L->tmp[L->n_tmp++] = s;
    return s;
}

/* ---------------------------------------------------------------- scanning */

typedef struct scan {
    const char *s;
    size_t n, i;
    long line;
    size_t line_start; /* offset of the current line's first byte */
} scan;

static inline void sc_adv(scan *c)
{
    if (c->s[c->i] == '\n') {
        c->line++;
        c->line_start = c->i + 1;
    }
    c->i++;
}

static inline int is_ws(char ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r'; }

static void sc_ws(scan *c)
{
    while (c->i < c->n && is_ws(c->s[c->i]))
        sc_adv(c);
}

static long sc_col(const scan *c) { return (long)(c->i - c->line_start) + 1; }

/* One value's extent in the text, found without parsing it. */
typedef struct span {
    size_t start, end;
    long line, column;
    int complete;  /* the value ends before the text does */
    int too_deep;  /* nesting passes BREACH_JSON_MAX_DEPTH; where: */
    long deep_line, deep_column;
} span;

static void scan_value(scan *c, span *sp)
{
    memset(sp, 0, sizeof *sp);
    sp->start = c->i;
    sp->line = c->line;
    sp->column = sc_col(c);
    const char *s = c->s;
    char first = s[c->i];
    if (first == '"') {
        sc_adv(c);
        while (c->i < c->n) {
            char x = s[c->i];
            sc_adv(c);
            if (x == '\\') {
                if (c->i < c->n)
                    sc_adv(c);
            } else if (x == '"') {
                sp->complete = 1;
                break;
            }
        }
    } else if (first != '{' && first != '[') {
        /* a literal or number (or garbage): up to the next delimiter */
        while (c->i < c->n && !is_ws(s[c->i]) && s[c->i] != ',' && s[c->i] != ']' &&
               s[c->i] != '}')
            sc_adv(c);
        sp->complete = 1;
    } else {
        long depth = 0;
        int in_str = 0;
        while (c->i < c->n) {
            char x = s[c->i];
            if (in_str) {
                sc_adv(c);
                if (x == '\\') {
                    if (c->i < c->n)
                        sc_adv(c);
                } else if (x == '"') {
                    in_str = 0;
                }
                continue;
            }
            if (x == '"') {
                in_str = 1;
            } else if (x == '{' || x == '[') {
                depth++;
                if (depth > BREACH_JSON_MAX_DEPTH && !sp->too_deep) {
                    sp->too_deep = 1;
                    sp->deep_line = c->line;
                    sp->deep_column = sc_col(c);
                }
            } else if (x == '}' || x == ']') {
                depth--;
                if (depth == 0) {
                    sc_adv(c);
                    sp->complete = 1;
                    break;
                }
            }
            sc_adv(c);
        }
    }
    sp->end = c->i;
}

/* Line and column of offset `off` of a record's text. */
static void rec_place(const breach_jrec *rec, size_t off, long *line, long *column)
{
    long ln = rec->line;
    size_t last_nl = (size_t)-1;
    if (off > rec->len)
        off = rec->len;
    for (size_t i = 0; i < off; i++)
        if (rec->text[i] == '\n') {
            ln++;
            last_nl = i;
        }
    *line = ln;
    *column = last_nl == (size_t)-1 ? rec->column + (long)off : (long)(off - last_nl);
}

/* ---------------------------------------------------------------- places of fields */

static size_t skip_ws(const char *s, size_t i, size_t n)
{
    while (i < n && is_ws(s[i]))
        i++;
    return i;
}

static size_t skip_string(const char *s, size_t i, size_t n)
{
    for (i++; i < n; i++) {
        if (s[i] == '\\')
            i++;
        else if (s[i] == '"')
            return i + 1;
    }
    return n;
}

static size_t skip_value(const char *s, size_t i, size_t n)
{
    if (i >= n)
        return n;
    if (s[i] == '"')
        return skip_string(s, i, n);
    if (s[i] != '{' && s[i] != '[') {
        while (i < n && !is_ws(s[i]) && s[i] != ',' && s[i] != ']' && s[i] != '}')
            i++;
        return i;
    }
    long depth = 0;
    while (i < n) {
        char x = s[i];
        if (x == '"') {
            i = skip_string(s, i, n);
            continue;
        }
        if (x == '{' || x == '[')
            depth++;
        else if ((x == '}' || x == ']') && --depth == 0)
            return i + 1;
        i++;
    }
    return n;
}

/* Offset of the value at `path` in a (valid) JSON text, or of the deepest container on the
 * path that exists. */
static size_t locate(const char *s, size_t n, const char *path)
{
    size_t i = skip_ws(s, 0, n);
    const char *p = path;
    while (*p && i < n) {
        if (*p == '[') {
            char *end;
            unsigned long k = strtoul(p + 1, &end, 10);
            if (*end != ']' || s[i] != '[')
                return i;
            size_t at = i;
            i = skip_ws(s, i + 1, n);
            for (unsigned long j = 0; j < k; j++) {
                i = skip_ws(s, skip_value(s, i, n), n);
                if (i >= n || s[i] != ',')
                    return at;
                i = skip_ws(s, i + 1, n);
            }
            if (i >= n || s[i] == ']')
                return at;
            p = end + 1;
        } else {
            size_t klen = strcspn(p, ".[");
            if (s[i] != '{')
                return i;
            size_t at = i, found = 0;
            i = skip_ws(s, i + 1, n);
            while (i < n && s[i] == '"') {
                size_t kstart = i + 1, kend = skip_string(s, i, n);
                int match = kend - kstart - 1 == klen && memcmp(s + kstart, p, klen) == 0;
                i = skip_ws(s, kend, n);
                if (i < n && s[i] == ':')
                    i = skip_ws(s, i + 1, n);
                if (match) {
                    found = 1;
                    break;
                }
                i = skip_ws(s, skip_value(s, i, n), n);
                if (i < n && s[i] == ',')
                    i = skip_ws(s, i + 1, n);
            }
            if (!found)
                return at;
            p += klen;
        }
        if (*p == '.')
            p++;
    }
    return i;
}

void breach_jplace(const breach_jload *L, const char *path, long *line, long *column)
{
    const breach_jrec *rec = L->rec;
    if (!rec) {
        *line = *column = 0;
        return;
    }
    rec_place(rec, path && *path ? locate(rec->text, rec->len, path) : 0, line, column);
}

static void vfill(const breach_jload *L, breach_jissue *is, const char *path, int code,
                  const char *fmt, va_list ap) BREACH_PRINTF(5, 0);
static void vfill(const breach_jload *L, breach_jissue *is, const char *path, int code,
                  const char *fmt, va_list ap)
{
    is->code = code;
    breach_jplace(L, path, &is->line, &is->column);
    int k = 0;
    if (path && *path)
        k = snprintf(is->text, sizeof is->text, "%s: ", path);
    if (k < 0 || (size_t)k >= sizeof is->text)
        k = 0;
    vsnprintf(is->text + k, sizeof is->text - (size_t)k, fmt, ap);
}

int breach_jfail(const breach_jload *L, breach_jissue *is, const char *path, int code,
                 const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfill(L, is, path, code, fmt, ap);
    va_end(ap);
    return code;
}

int breach_jwarn(breach_jload *L, const char *path, int code, const char *fmt, ...)
{
    breach_jissue is;
    va_list ap;
    va_start(ap, fmt);
    vfill(L, &is, path, code, fmt, ap);
    va_end(ap);
    breach_issue out = {code, is.line, is.column, L->rec ? L->rec->row : 0, is.text};
    return breach_report_add_warning(L->report, L->source_index, &out);
}

/* ---------------------------------------------------------------- typed access */

json_t *breach_jget(json_t *v, const char *path)
{
    const char *p = path;
    char key[128];
    while (v && *p) {
        if (*p == '[') {
            char *end;
            unsigned long k = strtoul(p + 1, &end, 10);
            if (*end != ']')
                return NULL;
            v = json_is_array(v) ? json_array_get(v, k) : NULL;
            p = end + 1;
        } else {
            size_t n = strcspn(p, ".[");
            if (n >= sizeof key)
                return NULL;
            memcpy(key, p, n);
            key[n] = '\0';
            v = json_is_object(v) ? json_object_get(v, key) : NULL;
            p += n;
        }
        if (*p == '.')
            p++;
    }
    return v;
}

const char *breach_jtype(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: return "an integer";
    case JSON_REAL: return "a number with a fraction or exponent";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    case JSON_NULL: return "null";
    default: return "an unknown value";
    }
}

static int wrong(const breach_jload *L, breach_jissue *is, const char *path, const json_t *v,
                 const char *want)
{
    return breach_jfail(L, is, path, BREACH_EPARSE, "expected %s, found %s", want, breach_jtype(v));
}

int breach_jstr(const breach_jload *L, breach_jissue *is, json_t *root, const char *path,
                const char **out)
{
    json_t *v = breach_jget(root, path);
    *out = NULL;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_string(v))
        return wrong(L, is, path, v, "a string");
    *out = json_string_value(v);
    return 0;
}

int breach_jint(const breach_jload *L, breach_jissue *is, json_t *root, const char *path,
                int *has, json_int_t *out)
{
    json_t *v = breach_jget(root, path);
    *has = 0;
    *out = 0;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_integer(v))
        return wrong(L, is, path, v, "a whole number");
    *has = 1;
    *out = json_integer_value(v);
    return 0;
}

int breach_jbool(const breach_jload *L, breach_jissue *is, json_t *root, const char *path,
                 int *out)
{
    json_t *v = breach_jget(root, path);
    *out = 0;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_boolean(v))
        return wrong(L, is, path, v, "true or false");
    *out = json_is_true(v);
    return 0;
}

int breach_jarr(const breach_jload *L, breach_jissue *is, json_t *root, const char *path,
                json_t **out)
{
    json_t *v = breach_jget(root, path);
    *out = NULL;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_array(v))
        return wrong(L, is, path, v, "an array");
    *out = v;
    return 0;
}

int breach_jobj(const breach_jload *L, breach_jissue *is, json_t *root, const char *path,
                json_t **out)
{
    json_t *v = breach_jget(root, path);
    *out = NULL;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_object(v))
        return wrong(L, is, path, v, "an object");
    *out = v;
    return 0;
}

/* ---------------------------------------------------------------- the record loop */

/* Lists a rejected record; in strict mode (or when listing failed) also fills err and
 * returns the status that stops the load. */
static int reject(breach_jload *L, long row, const breach_jissue *is, breach_error *err)
{
    if (is->code == BREACH_ENOMEM) /* not a bad record: never listed as one */
        return breach_fail_at(err, BREACH_ENOMEM, L->source, is->line, is->column,
                              "%s %ld: out of memory", L->what, row);
    breach_issue out = {is->code, is->line, is->column, row, is->text};
    int rc = breach_report_add_reject(L->report, L->source_index, &out);
    if (!L->opt.lenient || rc) {
        breach_fail_at(err, rc ? rc : is->code, L->source, is->line, is->column, "%s %ld: %s",
                       L->what, row, rc ? "out of memory listing a rejected record" : is->text);
        return rc ? rc : is->code;
    }
    return 0;
}

/* A jansson error as a status, a place in the record and a reason. */
static void parse_issue(const breach_jrec *rec, const json_error_t *je, breach_jissue *is)
{
    size_t off = je->position > 0 ? (size_t)je->position - 1 : 0;
    const char *why = "invalid JSON";
    switch (json_error_code(je)) {
    case json_error_invalid_utf8: {
        size_t bad = 0;
        if (!breach_utf8_valid(rec->text, rec->len, &bad))
            off = bad;
        is->code = BREACH_EENCODING;
        why = "invalid UTF-8 (JSON text must be UTF-8)";
        break;
    }
    case json_error_numeric_overflow:
        is->code = BREACH_EOVERFLOW;
        why = "number out of range";
        break;
    case json_error_stack_overflow:
        is->code = BREACH_ELIMIT;
        why = "nested too deep";
        break;
    case json_error_out_of_memory: is->code = BREACH_ENOMEM; break;
    default: is->code = BREACH_EPARSE; break;
    }
    if (off >= rec->len && rec->len)
        off = rec->len - 1;
    rec_place(rec, off, &is->line, &is->column);
    snprintf(is->text, sizeof is->text, "%s: %s", why, je->text);
}

static const size_t parse_flags = JSON_REJECT_DUPLICATES | JSON_DECODE_ANY;

/* Reads, maps and adds one complete record. Returns 0 to go on, or the status that stops. */
static int one_record(breach_jload *L, breach_jrec *rec, const span *sp, breach_error *err)
{
    breach_jissue is;
    breach_report_count_read(L->report);
    L->rec = rec;
    if (rec->len > BREACH_JSON_MAX_RECORD) {
        is.code = BREACH_ELIMIT;
        is.line = rec->line;
        is.column = rec->column;
        snprintf(is.text, sizeof is.text, "the record is %zu bytes, above the limit of %lu",
                 rec->len, (unsigned long)BREACH_JSON_MAX_RECORD);
        return reject(L, rec->row, &is, err);
    }
    if (sp->too_deep) {
        is.code = BREACH_ELIMIT;
        is.line = sp->deep_line;
        is.column = sp->deep_column;
        snprintf(is.text, sizeof is.text, "nested deeper than %d levels (the limit)",
                 BREACH_JSON_MAX_DEPTH);
        return reject(L, rec->row, &is, err);
    }
    json_error_t je;
    if (breachp_json_parse_begin(rec->len))
        return breach_fail_at(err, BREACH_ENOMEM, L->source, rec->line, rec->column,
                              "out of memory parsing a %s", L->what);
    unsigned long failed = breachp_alloc_failures();
    rec->root = json_loadb(rec->text, rec->len, parse_flags, &je);
    /* jansson 2.14 reports some failed allocations as syntax errors, and goes on after
       others with a character dropped: any failure during the parse discards it */
    bool lost = breachp_alloc_failures() != failed;
    if (lost && rec->root) {
        json_decref(rec->root);
        rec->root = NULL;
        je.position = 0;
        snprintf(je.text, sizeof je.text, "out of memory");
    }
    breachp_json_parse_end();
    if (!rec->root) {
        parse_issue(rec, &je, &is);
        if (lost)
            is.code = BREACH_ENOMEM;
        if (is.code == BREACH_ENOMEM)
            return breach_fail_at(err, BREACH_ENOMEM, L->source, is.line, is.column,
                                  "out of memory parsing a %s", L->what);
        return reject(L, rec->row, &is, err);
    }
    int rc = 0;
    if (!json_is_object(rec->root)) {
        breach_jfail(L, &is, NULL, BREACH_EFORMAT, "a %s must be a JSON object, not %s", L->what,
                     breach_jtype(rec->root));
        rc = reject(L, rec->row, &is, err);
        goto done;
    }
    breach_incident inc;
    breach_incident_init(&inc);
    memset(&is, 0, sizeof is);
    if (L->map(L, rec, &inc, &is) != 0) {
        if (is.code == BREACH_ENOMEM) {
            rc = breach_fail_at(err, BREACH_ENOMEM, L->source, rec->line, rec->column,
                                "out of memory reading a %s", L->what);
            goto done;
        }
        rc = reject(L, rec->row, &is, err);
        goto done;
    }
    if (inc.id) {
        id_entry now = {NULL, 0, breach_hash_bytes(rec->text, rec->len), rec->len, rec->row, rec->line,
                        L->source_index};
        const id_entry *e;
        if (idset_check(L->ids, inc.id, &now, &e)) {
            rc = breach_fail(err, BREACH_ENOMEM, "out of memory remembering ids");
            goto done;
        }
        if (e) {
            int same = e->text == now.text && e->text_len == now.text_len;
            const char *where = e->source == L->source_index ? "" : " of an earlier source";
            if (breach_jwarn(L, L->id_field, BREACH_WARN_DUPLICATE,
                             "'%s' repeats %s %ld%s (line %ld), %s; both are kept", inc.id,
                             L->what, e->row, where, e->line,
                             same ? "with the same text" : "with different content")) {
                rc = breach_fail(err, BREACH_ENOMEM, "out of memory listing a warning");
                goto done;
            }
            if (same)
                inc.flags |= BREACH_FLAG_IDENTICAL;
        }
    }
    breach_error e;
    breach_error_clear(&e);
    long idx = breach_dataset_add(L->ds, &inc, &e);
    if (idx < 0) {
        if (idx == BREACH_ENOMEM) {
            rc = breach_fail_at(err, BREACH_ENOMEM, L->source, rec->line, rec->column,
                                "out of memory adding a %s", L->what);
            goto done;
        }
        is.code = (int)idx;
        is.line = rec->line;
        is.column = rec->column;
        snprintf(is.text, sizeof is.text, "%s", e.text);
        rc = reject(L, rec->row, &is, err);
        goto done;
    }
    breach_report_count_loaded(L->report);
    if (breach_input_line(L->ds, (size_t)idx, rec->line) || (L->attrs && L->attrs(L, rec->root)))
        rc = breach_fail_at(err, BREACH_ENOMEM, L->source, rec->line, rec->column,
                            "out of memory");
done:
    json_decref(rec->root);
    rec->root = NULL;
    tmp_clear(L);
    L->rec = NULL;
    return rc;
}

/* A failure of the text as a whole, at the scanner's place. */
static int text_fail(breach_jload *L, const scan *c, int code, int *file_level, breach_error *err,
                     const char *fmt, ...) BREACH_PRINTF(6, 7);
static int text_fail(breach_jload *L, const scan *c, int code, int *file_level, breach_error *err,
                     const char *fmt, ...)
{
    if (file_level)
        *file_level = 1;
    char text[BREACH_ERROR_TEXT_LEN];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    return breach_fail_at(err, code, L->source, c->line, sc_col(c), "%s", text);
}

/* A record that the text ends inside: jansson's reason and place for it. */
static int truncated(breach_jload *L, const span *sp, const scan *c, int *file_level,
                     breach_error *err)
{
    if (file_level)
        *file_level = 1;
    breach_jrec rec = {c->s + sp->start, sp->end - sp->start, sp->line, sp->column, 0, NULL};
    if (!sp->too_deep && rec.len <= BREACH_JSON_MAX_RECORD) {
        json_error_t je;
        if (breachp_json_parse_begin(rec.len))
            return breach_fail_at(err, BREACH_ENOMEM, L->source, rec.line, rec.column,
                                  "out of memory parsing a %s", L->what);
        unsigned long failed = breachp_alloc_failures();
        json_t *v = json_loadb(rec.text, rec.len, parse_flags, &je);
        bool lost = breachp_alloc_failures() != failed;
        if (lost && v) {
            json_decref(v);
            v = NULL;
            je.position = 0;
            snprintf(je.text, sizeof je.text, "out of memory");
        }
        breachp_json_parse_end();
        if (!v) {
            breach_jissue is;
            parse_issue(&rec, &je, &is);
            if (lost)
                is.code = BREACH_ENOMEM;
            return breach_fail_at(err, is.code == BREACH_ENOMEM ? BREACH_ENOMEM : BREACH_EPARSE,
                                  L->source, is.line, is.column, "%s", is.text);
        }
        json_decref(v);
    }
    long line, column;
    rec_place(&rec, rec.len ? rec.len - 1 : 0, &line, &column);
    return breach_fail_at(err, BREACH_EPARSE, L->source, line, column,
                          "premature end of input: the text ends inside a %s", L->what);
}

int breach_jload_text(breach_jload *L, const char *data, size_t len, const char *source,
                      int *file_level, breach_error *err)
{
    if (file_level)
        *file_level = 0;
    /* checked here rather than in breach_jload_init, whose callers can only report ENOMEM;
     * not file-level, so a lenient load of a directory or archive stops on it */
    int rc = breach_load_options_check(&L->opt, err);
    if (rc || (rc = breach_regions_ready(err)))
        return rc;
    L->source = source;
    if (breach_report_begin(L->report, source, &L->source_index))
        return breach_fail(err, BREACH_ENOMEM, "out of memory");
    scan c = {data ? data : "", len, 0, 1, 0};
    if ((rc = breach_refuse_utf16(c.s, len, L->source, err))) {
        if (file_level)
            *file_level = 1; /* as an empty text: the file is refused, not a record */
        return rc;
    }
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        c.i = 3; /* a byte-order mark; columns still count its bytes */
    sc_ws(&c);
    if (c.i >= c.n)
        return text_fail(L, &c, BREACH_EFORMAT, file_level, err,
                         "empty input: expected a JSON array of %ss or one %s object", L->what,
                         L->what);
    char first = c.s[c.i];
    span sp;
    breach_jrec rec;
    if (first == '{') {
        scan_value(&c, &sp);
        if (!sp.complete)
            return truncated(L, &sp, &c, file_level, err);
        rec = (breach_jrec){c.s + sp.start, sp.end - sp.start, sp.line, sp.column, 1, NULL};
        if ((rc = one_record(L, &rec, &sp, err)))
            return rc;
        sc_ws(&c);
        if (c.i < c.n)
            return text_fail(L, &c, BREACH_EPARSE, file_level, err,
                             "text after the %s object (one object or an array is expected)",
                             L->what);
        return BREACH_OK;
    }
    if (first != '[') {
        if (file_level)
            *file_level = 1;
        return breach_fail_at(err, BREACH_EFORMAT, L->source, c.line, sc_col(&c),
                              "expected a JSON array of %ss or one %s object, found '%c'",
                              L->what, L->what, (first >= 0x20 && first < 0x7f) ? first : '?');
    }
    sc_adv(&c);
    sc_ws(&c);
    if (c.i < c.n && c.s[c.i] == ']') {
        sc_adv(&c);
    } else {
        for (long row = 1;; row++) {
            if (c.i >= c.n)
                return text_fail(L, &c, BREACH_EPARSE, file_level, err,
                                 "premature end of input: the array of %ss is not closed",
                                 L->what);
            if (c.s[c.i] == ']' || c.s[c.i] == ',')
                return text_fail(L, &c, BREACH_EPARSE, file_level, err,
                                 "a %s is missing (an extra ',' in the array?)", L->what);
            scan_value(&c, &sp);
            if (!sp.complete)
                return truncated(L, &sp, &c, file_level, err);
            rec = (breach_jrec){c.s + sp.start, sp.end - sp.start, sp.line, sp.column, row, NULL};
            if ((rc = one_record(L, &rec, &sp, err)))
                return rc;
            sc_ws(&c);
            if (c.i >= c.n)
                return text_fail(L, &c, BREACH_EPARSE, file_level, err,
                                 "premature end of input: the array of %ss is not closed",
                                 L->what);
            if (c.s[c.i] == ']') {
                sc_adv(&c);
                break;
            }
            if (c.s[c.i] != ',')
                return text_fail(L, &c, BREACH_EPARSE, file_level, err,
                                 "expected ',' or ']' after a %s", L->what);
            sc_adv(&c);
            sc_ws(&c);
        }
    }
    sc_ws(&c);
    if (c.i < c.n)
        return text_fail(L, &c, BREACH_EPARSE, file_level, err,
                         "text after the closing ']' of the array of %ss", L->what);
    return BREACH_OK;
}

int breach_jload_reject_text(breach_jload *L, const char *source, const breach_error *why)
{
    size_t si;
    if (breach_report_begin(L->report, source, &si))
        return BREACH_ENOMEM;
    breach_report_count_read(L->report);
    char text[BREACH_ERROR_TEXT_LEN];
    snprintf(text, sizeof text, "the rest of the file is skipped: %s", why->text);
    breach_issue is = {why->code, why->line, why->column, 0, text};
    return breach_report_add_reject(L->report, si, &is);
}
