/* Load reports: what every load read, kept, rejected and doubted. */
#include "report_private.h"

#include <stdlib.h>
#include <string.h>

typedef struct item {
    breach_issue issue; /* issue.text points into the item's own allocation */
    size_t source;      /* index into sources */
} item;

struct breach_report {
    size_t read, loaded, rejected;
    item *rejects;
    size_t n_rejects, rejects_cap;
    item *warnings;
    size_t n_warnings, warnings_cap;
    char **sources;
    size_t n_sources, sources_cap;
};

breach_report *breach_report_new(void) { return breachp_calloc(1, sizeof(breach_report)); }

static void free_items(item *it, size_t n)
{
    for (size_t i = 0; i < n; i++)
        breachp_free((char *)it[i].issue.text);
    breachp_free(it);
}

void breach_report_free(breach_report *r)
{
    if (!r)
        return;
    free_items(r->rejects, r->n_rejects);
    free_items(r->warnings, r->n_warnings);
    for (size_t i = 0; i < r->n_sources; i++)
        breachp_free(r->sources[i]);
    breachp_free(r->sources);
    breachp_free(r);
}

size_t breach_report_rows_read(const breach_report *r) { return r ? r->read : 0; }
size_t breach_report_rows_loaded(const breach_report *r) { return r ? r->loaded : 0; }
size_t breach_report_rows_rejected(const breach_report *r) { return r ? r->rejected : 0; }
size_t breach_report_n_rejects(const breach_report *r) { return r ? r->n_rejects : 0; }
size_t breach_report_n_warnings(const breach_report *r) { return r ? r->n_warnings : 0; }

static int get(const item *it, size_t n, size_t i, breach_issue *out)
{
    if (!it || i >= n || !out)
        return BREACH_EINVAL;
    *out = it[i].issue;
    return BREACH_OK;
}

int breach_report_reject(const breach_report *r, size_t i, breach_issue *out)
{
    return r ? get(r->rejects, r->n_rejects, i, out) : BREACH_EINVAL;
}

int breach_report_warning(const breach_report *r, size_t i, breach_issue *out)
{
    return r ? get(r->warnings, r->n_warnings, i, out) : BREACH_EINVAL;
}

const char *breach_report_reject_source(const breach_report *r, size_t i)
{
    return (r && i < r->n_rejects) ? r->sources[r->rejects[i].source] : NULL;
}

const char *breach_report_warning_source(const breach_report *r, size_t i)
{
    return (r && i < r->n_warnings) ? r->sources[r->warnings[i].source] : NULL;
}

int breach_report_begin(breach_report *r, const char *source, size_t *source_index)
{
    *source_index = 0;
    if (!r)
        return 0;
    if (r->n_sources && strcmp(r->sources[r->n_sources - 1], source) == 0) {
        *source_index = r->n_sources - 1;
        return 0;
    }
    if (breach_grow((void **)&r->sources, &r->sources_cap, r->n_sources + 1, sizeof *r->sources))
        return BREACH_ENOMEM;
    char *s = breachp_strdup(source);
    if (!s)
        return BREACH_ENOMEM;
    r->sources[r->n_sources] = s;
    *source_index = r->n_sources++;
    return 0;
}

static int add_item(item **arr, size_t *n, size_t *cap, size_t source, const breach_issue *is)
{
    if (breach_grow((void **)arr, cap, *n + 1, sizeof **arr))
        return BREACH_ENOMEM;
    char *t = breachp_strdup(is->text ? is->text : "");
    if (!t)
        return BREACH_ENOMEM;
    item *it = &(*arr)[(*n)++];
    it->issue = *is;
    it->issue.text = t;
    it->source = source;
    return 0;
}

void breach_report_count_read(breach_report *r) { if (r) r->read++; }
void breach_report_count_loaded(breach_report *r) { if (r) r->loaded++; }

int breach_report_add_reject(breach_report *r, size_t source, const breach_issue *is)
{
    if (!r)
        return 0;
    r->rejected++;
    return add_item(&r->rejects, &r->n_rejects, &r->rejects_cap, source, is);
}

int breach_report_rejected_rows(const breach_report *r, size_t source, long **rows, size_t *n)
{
    *rows = NULL;
    *n = 0;
    size_t m = 0, cap = 0;
    for (size_t k = 0; r && k < r->n_rejects; k++) {
        if (r->rejects[k].source != source)
            continue;
        if (breach_grow((void **)rows, &cap, m + 1, sizeof **rows)) {
            breachp_free(*rows);
            *rows = NULL;
            return BREACH_ENOMEM;
        }
        (*rows)[m++] = r->rejects[k].issue.row;
    }
    *n = m;
    return 0;
}

int breach_report_add_warning(breach_report *r, size_t source, const breach_issue *is)
{
    if (!r)
        return 0;
    return add_item(&r->warnings, &r->n_warnings, &r->warnings_cap, source, is);
}

void breach_load_options_init(breach_load_options *o)
{
    if (o)
        memset(o, 0, sizeof *o);
}

breach_load_options breach_load_options_for(const breach_load_options *opt, const char *path)
{
    breach_load_options o;
    if (opt)
        o = *opt;
    else
        breach_load_options_init(&o);
    if (!o.source_name)
        o.source_name = path;
    return o;
}
