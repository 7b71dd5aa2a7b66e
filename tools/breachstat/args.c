/* The command line, by getopt_long: GNU-style long options anywhere after the command
 * (before it too for the global ones), "--name=value" or "--name value", any unique prefix
 * of a long name ("--pop" for --population), bundled short options ("-qo out.txt"), "--"
 * ends the options, "-" is standard input. --format and --map apply to the files named after them, up to the next
 * --format or --map, so that one call can mix formats ("--format auto" goes back to
 * detection); given only after the last file, they apply to every file. */
#include "breachstat.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const bs_optspec bs_global_opts[] = {
    {"format", 0, "NAME",
     "format of the files that follow: canonical (csv), hhs, wa, veris, hibp, or auto "
     "(detect from the first bytes; the default)"},
    {"map", 0, "MAPPING",
     "read the files that follow as CSV through a column mapping file (doc/mapping.md)"},
    {"lenient", 0, NULL, "skip bad rows and list them on stderr instead of stopping at the first"},
    {"json", 0, NULL, "write JSON instead of a table"},
    {"csv", 0, NULL, "write CSV (one table: the first, or --table NAME)"},
    {"table", 0, "NAME",
     "with --csv: which table to write (the names --json gives under \"tables\"; \"facts\" "
     "writes the named figures as name,value)"},
    {"csv-raw", 0, NULL,
     "with --csv: write text cells as they are; by default a cell that begins with = + - @, "
     "a tab or a carriage return gets a ' first, so that a spreadsheet shows it as text "
     "instead of running it as a formula"},
    {"output", 'o', "FILE", "write the result to FILE instead of standard output"},
    {"provenance", 0, "FILE",
     "also write what produced the output (inputs with SHA-256, selection, version, time) "
     "to FILE as JSON; with --csv -o OUT it goes to OUT.provenance.json unless given"},
    {"allow-empty", 0, NULL,
     "compute even when no row was loaded (by default that is an error: exit 3, or 4 when "
     "every row was rejected)"},
    {"quiet", 'q', NULL, "no notes on stderr (errors are still printed)"},
    {"verbose", 'v', NULL, "list every load warning on stderr"},
    {"no-progress", 0, NULL, "no progress line on stderr during long loads"},
    {"threads", 0, "N",
     "use at most N threads, the calling one included (default: the processors this process "
     "may use; 1: one thread; results never depend on it)"},
    {"help", 'h', NULL, "show help and exit"},
    {"version", 0, NULL, "show the version and exit"},
    {NULL, 0, NULL, NULL}};

const bs_optspec bs_filter_opts[] = {
    {"from", 0, "DATE",
     "only incidents whose whole date (a year or month: all of it) is on or after DATE's first "
     "day (YYYY, YYYY-MM or YYYY-MM-DD)"},
    {"to", 0, "DATE", "only incidents whose whole date is on or before DATE's last day"},
    {"date", 0, "FIELD",
     "which date --from/--to and time statistics use: event (occurred, else discovered, else "
     "reported), reported, occurred, discovered"},
    {"entity", 0, "NAME", "only this organisation (names compared by entity key)"},
    {"vendor", 0, "NAME", "only notices of this supply-chain vendor or campaign"},
    {"region", 0, "CODE",
     "only organisations in, or breakdowns naming, this region (US-ME, US, FR; or a US state "
     "name)"},
    {"type", 0, "TYPE", "only these breach types (repeatable or comma-separated)"},
    {"category", 0, "CAT", "only these data categories (repeatable or comma-separated)"},
    {"unit", 0, "UNIT",
     "only notices whose counts are in UNIT: individuals, accounts or records (totals never "
     "add units; without it, each total is in the unit most notices carry)"},
    {"where", 0, "FIELD=VALUE",
     "only incidents whose enumerated attribute FIELD has VALUE (FIELD!=VALUE: has not), "
     "spelled exactly as the fields command lists it; repeatable: any value of one field, "
     "every field"},
    {"include-superseded", 0, NULL, "keep notices replaced by a later revision"},
    {"keep-duplicates", 0, NULL,
     "keep notices that a newer input lists too (by default each is counted once, from the "
     "newest input)"},
    {NULL, 0, NULL, NULL}};

static const bs_optspec *find_in(const bs_optspec *set, const char *name)
{
    for (const bs_optspec *o = set; o && o->name; o++)
        if (strcmp(o->name, name) == 0)
            return o;
    return NULL;
}

static bool cmd_defines(const bs_command *cmd, const char *name)
{
    return cmd && find_in(cmd->opts, name) != NULL;
}

int bs_usage_error(const bs_ctx *ctx, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (ctx && ctx->cmd)
        bs_eprintf("%s %s: ", bs_progname, ctx->cmd->name);
    else
        bs_eprintf("%s: ", bs_progname);
    char *msg = bs_xvasprintf(fmt, ap);
    va_end(ap);
    bs_eprintf("%s\n", msg);
    free(msg);
    if (ctx && ctx->cmd)
        bs_eprintf("Try '%s %s --help'.\n", bs_progname, ctx->cmd->name);
    else
        bs_eprintf("Try '%s --help'.\n", bs_progname);
    return BS_EXIT_USAGE;
}

static void push_opt(bs_ctx *ctx, const bs_optspec *spec, const char *value)
{
    ctx->opts = bs_xrealloc(ctx->opts, ctx->n_opts + 1, sizeof *ctx->opts);
    ctx->opts[ctx->n_opts].spec = spec;
    ctx->opts[ctx->n_opts].value = value;
    ctx->n_opts++;
}

static void push_input(bs_ctx *ctx, const char *path, const char *format, const char *map)
{
    ctx->inputs = bs_xrealloc(ctx->inputs, ctx->n_inputs + 1, sizeof *ctx->inputs);
    bs_input *in = &ctx->inputs[ctx->n_inputs++];
    memset(in, 0, sizeof *in);
    in->path = path;
    in->format = format;
    in->map = map;
}

/* The options getopt_long knows at one point of the command line: before the command, the
 * global and filter options; after it, the command's own too (first, so that a command's
 * --region replaces the filter's). Each name once, so that a unique prefix is unique. */
typedef struct optset {
    struct option *longs; /* ends with a zero entry */
    const bs_optspec **specs; /* specs[k] for longs[k], val = BS_OPT_BASE + k */
    size_t n;
    char shorts[64]; /* "-:" + letters, ':' after those that take a value */
} optset;

enum { BS_OPT_BASE = 256 };

static void optset_add(optset *s, const bs_optspec *set)
{
    for (const bs_optspec *o = set; o && o->name; o++) {
        bool seen = false;
        for (size_t k = 0; k < s->n && !seen; k++)
            seen = strcmp(s->specs[k]->name, o->name) == 0;
        if (seen)
            continue;
        s->longs = bs_xrealloc(s->longs, s->n + 2, sizeof *s->longs);
        s->specs = bs_xrealloc(s->specs, s->n + 1, sizeof *s->specs);
        s->specs[s->n] = o;
        s->longs[s->n] = (struct option){o->name, o->metavar ? required_argument : no_argument,
                                         NULL, BS_OPT_BASE + (int)s->n};
        memset(&s->longs[s->n + 1], 0, sizeof s->longs[0]);
        s->n++;
        size_t len = strlen(s->shorts);
        if (o->short_name && len + 3 < sizeof s->shorts) {
            s->shorts[len++] = o->short_name;
            if (o->metavar)
                s->shorts[len++] = ':';
            s->shorts[len] = '\0';
        }
    }
}

static void optset_build(optset *s, const bs_command *cmd)
{
    free(s->longs);
    free(s->specs);
    memset(s, 0, sizeof *s);
    /* '-': non-options are returned in order (--format applies to the files after it);
     * ':': a missing value is told apart from an unknown option */
    strcpy(s->shorts, "-:");
    if (cmd)
        optset_add(s, cmd->opts);
    optset_add(s, bs_global_opts);
    optset_add(s, bs_filter_opts);
}

static const bs_optspec *optset_short(const optset *s, int c)
{
    for (size_t k = 0; k < s->n; k++)
        if (s->specs[k]->short_name == c)
            return s->specs[k];
    return NULL;
}

/* Why getopt_long refused `arg` (a long option): unknown, or a prefix of several. */
static int bad_long_option(const bs_ctx *ctx, const optset *s, const char *arg)
{
    const char *name = arg + 2, *eq = strchr(name, '=');
    size_t len = eq ? (size_t)(eq - name) : strlen(name);
    bs_buf b;
    bs_buf_init(&b);
    size_t n = 0;
    for (size_t k = 0; k < s->n; k++) {
        const bs_optspec *o = s->specs[k];
        if (strncmp(o->name, name, len) != 0)
            continue;
        if (strlen(o->name) == len) { /* exact: the value was the trouble */
            bs_buf_free(&b);
            return bs_usage_error(ctx, "option '--%s' takes no value", o->name);
        }
        bs_buf_printf(&b, "%s--%s", n++ ? ", " : "", o->name);
    }
    int rc = n > 1 ? bs_usage_error(ctx, "option '--%.*s' is ambiguous: %s", (int)(len < 40 ? len : 40),
                                    name, b.s)
                   : bs_usage_error(ctx, "unknown option '--%.*s'", (int)(len < 40 ? len : 40), name);
    bs_buf_free(&b);
    return rc;
}

/* An unknown command, or a prefix of several ("re": regions, repeats, report). */
static int unknown_command(const bs_ctx *ctx, const char *a)
{
    bs_buf match, all;
    bs_buf_init(&match);
    bs_buf_init(&all);
    size_t n = 0, len = strlen(a);
    const bs_command *c;
    for (size_t i = 0; (c = bs_command_at(i)); i++) {
        if (len && strncmp(c->name, a, len) == 0)
            bs_buf_printf(&match, "%s%s", n++ ? ", " : "", c->name);
        bs_buf_printf(&all, "%s%s", i ? ", " : "", c->name);
    }
    int rc = n > 1 ? bs_usage_error(ctx, "command '%s' is ambiguous: %s", a, match.s)
                   : bs_usage_error(ctx, "unknown command '%s' (commands: %s)", a, all.s);
    bs_buf_free(&match);
    bs_buf_free(&all);
    return rc;
}

int bs_parse_args(bs_ctx *ctx, int argc, char **argv)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->progress = true;
    ctx->date_field = -1;
    const char *format = NULL, *map = NULL;
    bool format_before_file = false, map_before_file = false;
    const char *late_format = NULL, *late_map = NULL;
    bool want_help = false, want_version = false;
    const char *help_topic = NULL;
    int rc = BS_EXIT_OK;

    optset set = {0};
    optset_build(&set, NULL);
    opterr = 0;
    optind = 0; /* glibc: start afresh (the tests parse more than one command line) */
    for (;;) {
        int prev = optind ? optind : 1;
        int c = getopt_long(argc, argv, set.shorts, set.longs, NULL);
        if (c == -1) {
            /* after "--": everything left is a file (or the command) */
            for (int i = optind; i < argc && rc == BS_EXIT_OK; i++) {
                if (!ctx->cmd) {
                    ctx->cmd = bs_find_command(argv[i]);
                    if (!ctx->cmd)
                        rc = unknown_command(ctx, argv[i]);
                    continue;
                }
                push_input(ctx, argv[i], format, map);
                format_before_file |= format != NULL;
                map_before_file |= map != NULL;
                late_format = late_map = NULL;
            }
            break;
        }
        if (c == 1) {
            const char *a = optarg;
            if (!ctx->cmd) {
                if (strcmp(a, "help") == 0) {
                    want_help = true;
                    help_topic = optind < argc ? argv[optind] : NULL;
                    break;
                }
                ctx->cmd = bs_find_command(a);
                if (!ctx->cmd) {
                    rc = unknown_command(ctx, a);
                    break;
                }
                optset_build(&set, ctx->cmd);
                continue;
            }
            push_input(ctx, a, format, map);
            format_before_file |= format != NULL;
            map_before_file |= map != NULL;
            late_format = late_map = NULL;
            continue;
        }
        if (c == '?' || c == ':') {
            const char *arg = argv[optind - 1 < prev ? prev : optind - 1];
            if (optopt >= BS_OPT_BASE && (size_t)(optopt - BS_OPT_BASE) < set.n) {
                const bs_optspec *o = set.specs[optopt - BS_OPT_BASE];
                rc = c == ':' ? bs_usage_error(ctx, "option '--%s' needs a value (%s)", o->name,
                                               o->metavar)
                              : bs_usage_error(ctx, "option '--%s' takes no value", o->name);
            } else if (optopt > 0) {
                const bs_optspec *o = optset_short(&set, optopt);
                rc = c == ':' && o ? bs_usage_error(ctx, "option '-%c' needs a value (%s)",
                                                    optopt, o->metavar)
                                   : bs_usage_error(ctx, "unknown option '-%c'", optopt);
            } else if (arg[0] == '-' && arg[1] == '-') {
                rc = bad_long_option(ctx, &set, arg);
            } else {
                rc = bs_usage_error(ctx, "unknown option '%.40s'", arg);
            }
            break;
        }
        const bs_optspec *spec =
            c >= BS_OPT_BASE ? set.specs[c - BS_OPT_BASE] : optset_short(&set, c);
        const char *value = spec->metavar ? optarg : NULL;
        if (strcmp(spec->name, "help") == 0) {
            want_help = true;
            continue;
        }
        if (strcmp(spec->name, "version") == 0) {
            want_version = true;
            continue;
        }
        /* a file is read either in a format or through a mapping: each option ends the
         * other's reach */
        if (strcmp(spec->name, "format") == 0) {
            format = strcasecmp(value, "auto") == 0 ? NULL : value;
            map = NULL;
            late_format = value;
        } else if (strcmp(spec->name, "map") == 0) {
            map = value;
            format = NULL;
            late_map = value;
        }
        push_opt(ctx, spec, value);
    }
    free(set.longs);
    free(set.specs);
    if (rc != BS_EXIT_OK)
        return rc;

    if (want_version) {
        printf("%s (libbreach) %s\n", bs_progname, breach_version_string());
        return -1;
    }
    if (want_help) {
        const bs_command *topic = ctx->cmd;
        if (help_topic) {
            topic = bs_find_command(help_topic);
            if (!topic)
                return bs_usage_error(ctx, "no help on '%s': not a command", help_topic);
        }
        if (topic)
            bs_print_command_help(topic, stdout);
        else
            bs_print_main_help(stdout);
        return -1;
    }
    if (!ctx->cmd)
        return bs_usage_error(ctx, "no command given");

    /* --format / --map given only after the files: they apply to all of them */
    if (late_format && !format_before_file)
        for (size_t k = 0; k < ctx->n_inputs; k++)
            ctx->inputs[k].format = strcasecmp(late_format, "auto") == 0 ? NULL : late_format;
    if (late_map && !map_before_file)
        for (size_t k = 0; k < ctx->n_inputs; k++)
            ctx->inputs[k].map = late_map;
    for (size_t k = 0; k < ctx->n_inputs; k++)
        if (ctx->inputs[k].map && ctx->inputs[k].format)
            return bs_usage_error(ctx, "%s: --map and --format both apply; a mapped file is a CSV "
                                       "read through its mapping",
                                  ctx->inputs[k].path);

    ctx->lenient = bs_flag(ctx, "lenient");
    ctx->quiet = bs_flag(ctx, "quiet");
    ctx->verbose = bs_flag(ctx, "verbose");
    if (ctx->quiet && ctx->verbose)
        return bs_usage_error(ctx, "--quiet and --verbose exclude each other");
    ctx->progress = !bs_flag(ctx, "no-progress");
    const char *th = bs_opt(ctx, "threads");
    if (th) {
        uint64_t n;
        if (bs_parse_uint("threads", th, 4096, &n))
            return BS_EXIT_USAGE;
        if (n == 0)
            return bs_usage_error(ctx, "--threads takes a number from 1 to 4096");
        breach_set_threads((unsigned)n);
    }
    ctx->table = bs_opt(ctx, "table");
    ctx->csv_raw = bs_flag(ctx, "csv-raw");
    ctx->output = bs_opt(ctx, "output");
    if (bs_flag(ctx, "json") && bs_flag(ctx, "csv"))
        return bs_usage_error(ctx, "--json and --csv exclude each other");
    ctx->out = bs_flag(ctx, "json") ? BS_OUT_JSON : bs_flag(ctx, "csv") ? BS_OUT_CSV : BS_OUT_TABLE;
    if (ctx->table && ctx->out != BS_OUT_CSV)
        return bs_usage_error(ctx, "--table chooses the table that --csv writes");
    if (ctx->csv_raw && ctx->out != BS_OUT_CSV)
        return bs_usage_error(ctx, "--csv-raw applies to --csv");
    if (ctx->n_inputs == 0)
        return bs_usage_error(ctx, "no input file (name one or more files, or - for standard "
                                   "input)");
    size_t n_stdin = 0;
    for (size_t k = 0; k < ctx->n_inputs; k++)
        n_stdin += strcmp(ctx->inputs[k].path, "-") == 0;
    if (n_stdin > 1)
        return bs_usage_error(ctx, "standard input (-) can be read only once");
    return bs_build_filter(ctx);
}

void bs_ctx_free(bs_ctx *ctx)
{
    breach_report_free(ctx->rep);
    breach_dataset_free(ctx->ds);
    free((void *)ctx->filter.where);
    free(ctx->opts);
    free(ctx->inputs);
    memset(ctx, 0, sizeof *ctx);
}

const char *bs_opt(const bs_ctx *ctx, const char *name)
{
    for (size_t i = ctx->n_opts; i-- > 0;)
        if (strcmp(ctx->opts[i].spec->name, name) == 0)
            return ctx->opts[i].value;
    return NULL;
}

bool bs_flag(const bs_ctx *ctx, const char *name)
{
    for (size_t i = 0; i < ctx->n_opts; i++)
        if (strcmp(ctx->opts[i].spec->name, name) == 0)
            return true;
    return false;
}

size_t bs_opts(const bs_ctx *ctx, const char *name, const char ***out)
{
    size_t n = 0;
    *out = bs_xcalloc(ctx->n_opts + 1, sizeof **out);
    for (size_t i = 0; i < ctx->n_opts; i++)
        if (strcmp(ctx->opts[i].spec->name, name) == 0 && ctx->opts[i].value)
            (*out)[n++] = ctx->opts[i].value;
    return n;
}

/* ------------------------------------------------------------------ values */

static void value_error(const char *opt, const char *s, const char *why)
{
    bs_eprintf("%s: --%s '%s': %s\n", bs_progname, opt, s, why);
}

/* s without the spaces and tabs around it, new. Numbers and dates follow one rule: the
 * library's date parser ignores them (breach_date_parse), so the numbers do too. */
static char *trimmed(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    return bs_xasprintf("%.*s", (int)n, s);
}

int bs_parse_uint(const char *opt, const char *s, uint64_t max, uint64_t *out)
{
    char *t = trimmed(s), *end;
    errno = 0;
    /* strtoull would take a sign, and whitespace between it and the digits */
    unsigned long long v = t[0] >= '0' && t[0] <= '9' ? strtoull(t, &end, 10) : 0;
    int whole = t[0] >= '0' && t[0] <= '9' && !*end;
    free(t);
    if (!whole || (errno && errno != ERANGE)) {
        value_error(opt, s, "not a whole number");
        return -1;
    }
    if (errno == ERANGE || v > max) { /* ERANGE: digits past 2^64 - 1, a number all the same */
        char m[BS_NUM], why[128];
        snprintf(why, sizeof why, "at most %s", bs_fmt_uint(max, m, sizeof m));
        value_error(opt, s, why);
        return -1;
    }
    *out = v;
    return 0;
}

int bs_parse_double(const char *opt, const char *s, double lo, double hi, double *out)
{
    char *t = trimmed(s), *end;
    errno = 0;
    double v = strtod(t, &end);
    int number = t[0] && !*end && !errno && isfinite(v);
    free(t);
    if (!number) {
        value_error(opt, s, "not a number");
        return -1;
    }
    if (v <= lo || v >= hi) {
        char why[128];
        snprintf(why, sizeof why, "must lie strictly between %g and %g", lo, hi);
        value_error(opt, s, why);
        return -1;
    }
    *out = v;
    return 0;
}

int bs_parse_date(const char *opt, const char *s, breach_date *out)
{
    breach_error e;
    if (breach_date_parse(s, strlen(s), out, &e) != BREACH_OK || !breach_date_is_known(*out)) {
        value_error(opt, s, "not a date (YYYY, YYYY-MM or YYYY-MM-DD)");
        return -1;
    }
    return 0;
}

int bs_parse_region(const char *opt, const char *s, breach_region *out)
{
    if (breach_region_parse(s, strlen(s), out, NULL) == BREACH_OK)
        return 0;
    if (breach_region_from_us_state(s, strlen(s), out, NULL) == BREACH_OK)
        return 0;
    value_error(opt, s,
                "unknown region (an ISO 3166 code such as US-ME, US or FR, or a US state name)");
    return -1;
}

int bs_parse_choice(const char *opt, const char *s, const char *const *names)
{
    for (int i = 0; names[i]; i++)
        if (strcasecmp(s, names[i]) == 0)
            return i;
    bs_buf b;
    bs_buf_init(&b);
    bs_buf_puts(&b, "expected one of:");
    for (int i = 0; names[i]; i++)
        bs_buf_printf(&b, "%s %s", i ? "," : "", names[i]);
    value_error(opt, s, b.s);
    bs_buf_free(&b);
    return -1;
}

static const char *const date_fields[] = {"event", "reported", "occurred", "discovered", NULL};

/* "a,b" and repeated options: each name through parse(); sets bits. */
static int parse_set(const bs_ctx *ctx, const char *opt, int is_type, uint64_t *set)
{
    const char **vals;
    size_t n = bs_opts(ctx, opt, &vals);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        const char *p = vals[i];
        while (*p && rc == 0) {
            size_t len = strcspn(p, ",");
            while (len && p[len - 1] == ' ')
                len--;
            while (len && *p == ' ')
                p++, len--;
            if (len) {
                if (is_type) {
                    breach_type t;
                    if (breach_type_parse(p, len, &t, NULL) != BREACH_OK)
                        rc = -1;
                    else
                        *set |= BREACH_TYPE_BIT(t);
                } else {
                    breach_category c;
                    if (breach_category_parse(p, len, &c, NULL) != BREACH_OK)
                        rc = -1;
                    else
                        *set |= BREACH_CAT_BIT(c);
                }
                if (rc) {
                    char name[64];
                    snprintf(name, sizeof name, "%.*s", (int)(len < 60 ? len : 60), p);
                    bs_buf b;
                    bs_buf_init(&b);
                    bs_buf_puts(&b, "unknown; known:");
                    if (is_type)
                        for (int t = 0; t < BREACH_TYPE_COUNT_; t++)
                            bs_buf_printf(&b, " %s", breach_type_name((breach_type)t));
                    else
                        for (int c = 0; c < BREACH_CAT_COUNT_; c++)
                            bs_buf_printf(&b, " %s", breach_category_name((breach_category)c));
                    value_error(opt, name, b.s);
                    bs_buf_free(&b);
                }
            }
            p += strcspn(p, ",");
            if (*p == ',')
                p++;
        }
    }
    free(vals);
    return rc;
}

int bs_build_filter(bs_ctx *ctx)
{
    breach_filter *f = &ctx->filter;
    breach_filter_init(f);
    const char *v;
    if ((v = bs_opt(ctx, "date"))) {
        int k = bs_parse_choice("date", v, date_fields);
        if (k < 0)
            return BS_EXIT_USAGE;
        ctx->date_field = k; /* the order of date_fields is breach_date_field's */
        f->date_field = k;
    }
    if ((v = bs_opt(ctx, "from")) && bs_parse_date("from", v, &f->from))
        return BS_EXIT_USAGE;
    if ((v = bs_opt(ctx, "to")) && bs_parse_date("to", v, &f->to))
        return BS_EXIT_USAGE;
    if (breach_date_is_known(f->from) && breach_date_is_known(f->to) &&
        f->from.day > breach_date_last_day(f->to))
        return bs_usage_error(ctx, "--from %s is after --to %s", bs_opt(ctx, "from"),
                              bs_opt(ctx, "to"));
    if (!cmd_defines(ctx->cmd, "region") && (v = bs_opt(ctx, "region")) &&
        bs_parse_region("region", v, &f->region))
        return BS_EXIT_USAGE;
    if (!cmd_defines(ctx->cmd, "vendor"))
        f->vendor = bs_opt(ctx, "vendor");
    if (!cmd_defines(ctx->cmd, "entity"))
        f->entity = bs_opt(ctx, "entity");
    uint64_t types = 0, cats = 0;
    if (parse_set(ctx, "type", 1, &types) || parse_set(ctx, "category", 0, &cats))
        return BS_EXIT_USAGE;
    f->types = (breach_type_set)types;
    f->categories = cats;
    f->include_superseded = bs_flag(ctx, "include-superseded");
    f->include_duplicates = bs_flag(ctx, "keep-duplicates");
    if ((v = bs_opt(ctx, "unit"))) {
        static const char *const unit_names[] = {"individuals", "accounts", "records", NULL};
        int k = bs_parse_choice("unit", v, unit_names);
        if (k < 0)
            return BS_EXIT_USAGE;
        f->units = 1u << k; /* unit_names follows breach_unit */
    }
    const char **where;
    size_t n_where = bs_opts(ctx, "where", &where);
    for (size_t i = 0; i < n_where; i++) {
        const char *eq = strchr(where[i], '=');
        if (!eq || eq == where[i] || (eq == where[i] + 1 && where[i][0] == '!')) {
            const char *bad = where[i]; /* argv's, outliving the array */
            free(where);
            return bs_usage_error(ctx, "--where '%s': expected FIELD=VALUE or FIELD!=VALUE",
                                  bad);
        }
    }
    if (n_where > BREACH_WHERE_MAX) {
        free(where);
        return bs_usage_error(ctx, "--where given %zu times (at most %d)", n_where,
                              BREACH_WHERE_MAX);
    }
    f->where = n_where ? where : NULL;
    f->n_where = n_where;
    if (!n_where)
        free(where);
    return BS_EXIT_OK;
}

/* s[0..len) folded as an entity key (case, accents, spacing and punctuation; see
 * breach_entity_key), new; NULL when it folds to nothing or memory ran out. */
static char *where_fold(const char *s, size_t len)
{
    char small[256];
    size_t n = breach_entity_key(s, len, small, sizeof small);
    if (n == (size_t)-1 || n == 0)
        return NULL;
    char *key = bs_xmalloc(n + 1);
    if (n < sizeof small)
        memcpy(key, small, n + 1);
    else if (breach_entity_key(s, len, key, n + 1) != n) {
        free(key);
        return NULL;
    }
    return key;
}

/* Whether field k has the value s[0..len) exactly; the field's other values that fold to the
 * same key are appended to *near as "'A' (N notices) or 'B' (M notices)", counted in *n_near
 * (near may be NULL: not listed). */
static int where_value_known(const breach_dataset *ds, size_t k, const char *s, size_t len,
                             bs_buf *near, size_t *n_near)
{
    breach_field_info fi;
    if (breach_dataset_field(ds, k, &fi, NULL))
        return 0;
    char *key = near ? where_fold(s, len) : NULL;
    int exact = 0;
    for (size_t v = 0; v < fi.n_values; v++) {
        breach_value_info vi;
        if (breach_dataset_field_value(ds, k, v, &vi, NULL))
            continue;
        if (strlen(vi.value) == len && memcmp(vi.value, s, len) == 0) {
            exact = 1;
            continue;
        }
        char *vkey = key ? where_fold(vi.value, strlen(vi.value)) : NULL;
        if (vkey && strcmp(vkey, key) == 0) {
            char nb[32];
            bs_buf_printf(near, "%s'%s' (%s %s)", (*n_near)++ ? " or " : "", vi.value,
                          bs_fmt_uint(vi.n_incidents, nb, sizeof nb),
                          bs_plural(vi.n_incidents, "notice", "notices"));
        }
        free(vkey);
    }
    free(key);
    return exact;
}

int bs_check_where(const bs_ctx *ctx)
{
    const breach_filter *f = &ctx->filter;
    for (size_t i = 0; i < f->n_where; i++) {
        const char *w = f->where[i], *eq = strchr(w, '=');
        int neg = eq[-1] == '!';
        size_t len = (size_t)(eq - w) - (size_t)neg;
        char *name = bs_xasprintf("%.*s", (int)len, w);
        const char *value = eq + 1;
        const char *effect = neg ? "it would leave out no notice" : "it would select none";
        long k = breach_dataset_field_find(ctx->ds, name);
        if (k < 0) {
            /* a field spelled otherwise in the data: a typo, never meant */
            bs_buf near;
            bs_buf_init(&near);
            size_t n_near = 0;
            char *key = where_fold(name, len);
            for (size_t g = 0; key && g < breach_dataset_n_fields(ctx->ds); g++) {
                breach_field_info fi;
                if (breach_dataset_field(ctx->ds, g, &fi, NULL))
                    continue;
                char *fkey = where_fold(fi.name, strlen(fi.name));
                if (fkey && strcmp(fkey, key) == 0)
                    bs_buf_printf(&near, "%s'%s'", n_near++ ? " or " : "", fi.name);
                free(fkey);
            }
            free(key);
            if (n_near) {
                int rc = bs_usage_error(ctx, "--where %s: no loaded notice has the field '%s' "
                                        "(%s); did you mean %s? (names are matched exactly)",
                                        w, name, effect, near.s);
                bs_buf_free(&near);
                free(name);
                return rc;
            }
            bs_buf_free(&near);
            bs_warn("--where %s: no incident carries the field '%s' (breachstat fields FILE "
                    "lists them)", w, name);
            free(name);
            continue;
        }
        /* Values are matched whole against each value the notice carries: a source's list
           ("Theft, Unauthorized Access/Disclosure") is held as its items, so it is the
           items that the criterion must name. */
        bs_buf near;
        bs_buf_init(&near);
        size_t n_near = 0, vlen = strlen(value);
        if (where_value_known(ctx->ds, (size_t)k, value, vlen, &near, &n_near)) {
            /* the value is there, and so are other spellings of it (two sources, or a
               source's own inconsistency) that the criterion leaves aside */
            if (n_near)
                bs_warn("--where %s: the field '%s' also has %s, which %s (values are "
                        "matched exactly)", w, name, near.s,
                        neg ? "it does not leave out" : "it does not select");
            bs_buf_free(&near);
            free(name);
            continue;
        }
        /* the whole of a list: say its items when each is a value of the field */
        bs_buf items;
        bs_buf_init(&items);
        size_t n_items = 0, n_parts = 0, n_known = 0;
        for (const char *p = value; strchr(value, ',') && p;) {
            size_t plen = strcspn(p, ",");
            const char *s = p, *e = p + plen;
            while (s < e && (*s == ' ' || *s == '\t'))
                s++;
            while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
                e--;
            n_parts++;
            if (e > s &&
                where_value_known(ctx->ds, (size_t)k, s, (size_t)(e - s), NULL, NULL)) {
                bs_buf_printf(&items, "%s'%.*s'", n_items++ ? ", " : "", (int)(e - s), s);
                n_known++;
            }
            p = p[plen] ? p + plen + 1 : NULL;
        }
        int rc = BS_EXIT_OK;
        if (n_near)
            rc = bs_usage_error(ctx, "--where %s: no loaded notice has '%s' for the field '%s' "
                                "(%s); did you mean %s? (values are matched exactly)",
                                w, value, name, effect, near.s);
        else if (n_parts > 1 && n_known == n_parts)
            rc = bs_usage_error(ctx, "--where %s: no loaded notice has '%s' for the field '%s' "
                                "(%s): the field holds the items of its lists, here %s; give "
                                "one --where for each item (several = on one field select a "
                                "notice with any of them)",
                                w, value, name, effect, items.s);
        else
            bs_warn("--where %s: no loaded notice has '%s' for the field '%s', so %s "
                    "(breachstat fields --field %s FILE lists its values)", w, value, name,
                    neg ? "it leaves out no notice" : "it selects none", name);
        bs_buf_free(&items);
        bs_buf_free(&near);
        free(name);
        if (rc)
            return rc;
    }
    return BS_EXIT_OK;
}
