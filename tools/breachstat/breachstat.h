/* breachstat — declarations shared by the tool's files.
 *
 * The tool is built on the public API only (<breach.h>, libbreach.la): what it can do, any
 * C program can do. Files, one concern each:
 *   main.c        commands table, dispatch, --help, exit codes
 *   args.c        the command line: options, values, filters
 *   load.c        loading input files (formats, mappings, strict/lenient, stdin)
 *   progress.c    the progress line on stderr during long loads
 *   util.c        memory, growable buffers, number and date formatting
 *   output.c      the result document and its table / JSON / CSV writers
 *   cmd_*.c       one file per subcommand
 *   svg.c         chart primitives (scales, ticks, axes, escaped text)
 *   charts.c      the report's charts, drawn from statistics results
 *   report.c      the report's content, shared by the HTML and Markdown writers
 *   report_html.c, report_md.c
 */
#ifndef BREACHSTAT_H
#define BREACHSTAT_H

#include <breach.h>

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#if defined(__GNUC__)
#define BS_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define BS_NORETURN __attribute__((noreturn))
#else
#define BS_PRINTF(f, a)
#define BS_NORETURN
#endif

/* Exit codes (doc/breachstat.1, EXIT STATUS). Published values never change. */
enum {
    BS_EXIT_OK = 0,       /* success */
    BS_EXIT_FAIL = 1,     /* a computation failed, out of memory */
    BS_EXIT_USAGE = 2,    /* bad command line: unknown command or option, bad value */
    BS_EXIT_INPUT = 3,    /* an input cannot be used: unreadable, unknown format, bad header,
                             bad mapping or population file */
    BS_EXIT_REJECTED = 4, /* strict mode: a row was rejected (rerun with --lenient) */
    BS_EXIT_OUTPUT = 5    /* the output could not be written */
};

/* ------------------------------------------------------------------ util.c */

extern const char *bs_progname; /* "breachstat" */

/* Allocation that never returns NULL: out of memory ends the program (exit 1) with a
 * message, which is all a command-line tool can do about it. */
void *bs_xmalloc(size_t n);
void *bs_xcalloc(size_t n, size_t size);
void *bs_xrealloc(void *p, size_t n, size_t size);
char *bs_xstrdup(const char *s);
char *bs_xasprintf(const char *fmt, ...) BS_PRINTF(1, 2);
char *bs_xvasprintf(const char *fmt, va_list ap) BS_PRINTF(1, 0);

/* Text from inputs (names, fields, file names) reaches a terminal only through these:
 * control characters (C0, DEL, C1) and bidirectional controls become \xNN / \uNNNN, and a
 * byte that is not UTF-8 becomes \xNN, so that a name cannot move the cursor, change
 * colours or reverse a sentence, and every column counts one code point. */
/* The length (1..4) of the UTF-8 sequence at s and its code point, 0 when s does not start
 * a valid sequence (overlong, surrogate, past U+10FFFF, cut). */
size_t bs_utf8_seq(const char *s, uint32_t *cp);
/* Whether c is a bidirectional formatting control (U+061C, 200E/F, 202A..E, 2066..9). */
bool bs_bidi_control(uint32_t c);
/* Writes s escaped for a terminal, newlines kept. */
void bs_term_puts(const char *s, FILE *out);
/* Writes s escaped for a terminal on one line (see bs_buf_term): for a sentence or a
 * cell that embeds a name. */
void bs_term_line(const char *s, FILE *out);
/* A message on stderr, escaped for the terminal. */
void bs_eprintf(const char *fmt, ...) BS_PRINTF(1, 2);
/* "breachstat: " + message + newline on stderr (escaped). */
void bs_warn(const char *fmt, ...) BS_PRINTF(1, 2);
/* A library error with its place: "FILE:LINE:COLUMN: reason" (the place as far as known). */
void bs_print_error(const breach_error *e);

/* A growable text buffer. */
typedef struct bs_buf {
    char *s;
    size_t len, cap;
} bs_buf;
void bs_buf_init(bs_buf *b);
void bs_buf_free(bs_buf *b);
void bs_buf_add(bs_buf *b, const char *s, size_t n);
void bs_buf_puts(bs_buf *b, const char *s);
void bs_buf_printf(bs_buf *b, const char *fmt, ...) BS_PRINTF(2, 3);
/* Markers of an isolated name in report text: bytes no loaded text can hold (0xFE is never
 * UTF-8, and the loaders refuse text that is not), written by the escapers below as U+2068
 * and U+2069. */
#define BS_ISOLATE_OPEN "\xFE\x01"
#define BS_ISOLATE_CLOSE "\xFE\x02"
/* Text escaped for XML and HTML (text and attribute values): & < > " ' */
void bs_buf_xml(bs_buf *b, const char *s);
/* Text escaped for a Markdown table cell or paragraph. */
void bs_buf_md(bs_buf *b, const char *s);
/* Appends s escaped for a terminal; newlines kept, or else every line break and tab
 * written as a space, so that a name (a quoted CSV field may hold line breaks) never
 * splits the sentence or the table row it is in. */
void bs_buf_term(bs_buf *b, const char *s, bool keep_newlines);
char *bs_buf_take(bs_buf *b); /* the NUL-terminated text (owned); the buffer is reset */
/* A sentence that ends with an abbreviation loses the period doubled by its format. */
void bs_tidy_sentence(char *s);

/* An output file written whole or not at all, by breach_output_open's rules
 * (include/breach/io.h): a temporary file in the target's folder, renamed over the target
 * only when everything was written (a full disk, an error in the middle or a refused
 * option leaves the old file intact); a symbolic link written through; one of the
 * process's descriptors (/dev/stdout), a FIFO or a device written in place; a directory
 * refused. NULL or "-": standard output. */
typedef struct bs_outfile {
    FILE *f;             /* write here */
    breach_output *out;  /* NULL for standard output */
    const char *path;    /* the target as named, for messages */
} bs_outfile;
/* Returns BS_EXIT_OK, or BS_EXIT_OUTPUT after printing why. */
int bs_out_open(bs_outfile *o, const char *path);
/* ok: flush, sync, close and rename into place; !ok: close and remove the temporary file.
 * Returns BS_EXIT_OK, or BS_EXIT_OUTPUT after printing why (only when ok). */
int bs_out_close(bs_outfile *o, bool ok);

/* Formatting into a caller's buffer; each returns buf. BS_NUM is big enough for all. */
#define BS_NUM 64
const char *bs_fmt_uint(uint64_t v, char *buf, size_t size);      /* 1,049,375 */
const char *bs_fmt_real(double v, int decimals, char *buf, size_t size); /* 1,234.5; "n/a" */
/* A share as a percentage: 4 decimals under 1 % (0.3729 %), else 3 (12.561 %); n/a for NaN */
const char *bs_fmt_pct(double fraction, char *buf, size_t size);
/* A p-value: 0.0123 (4 decimals), 2.4e-09 below 0.0001, "< 1e-300" for 0 (underflow) */
const char *bs_fmt_pvalue(double p, char *buf, size_t size);
/* A p-value that is the share of `far` in `replicates` resampled data sets, with what it
 * rests on: 0.0400 (2 of 50 replicates); none of them is p < 1/B, "< 0.02 (0 of 50
 * replicates)", since B replicates resolve nothing finer. "n/a" without replicates. */
const char *bs_fmt_pvalue_resampled(uint64_t far, uint64_t replicates, char *buf, size_t size);
/* A count with its qualifier: 1,049,375 / at least 3,000,000 / at most 10 / about 1,050,000 /
 * unknown */
const char *bs_fmt_count(breach_count c, char *buf, size_t size);
/* A total: 5,643,196 / at least 5,643,196 / 1,000 to 2,000 / unknown */
const char *bs_fmt_total(const breach_total *t, char *buf, size_t size);
/* The word bs_fmt_total puts before or instead of the figure, for CSV's qualifier column:
 * "exact", "estimated" (about), "at_least", "range" (lower to upper), "unknown" (every
 * notice without a figure) */
const char *bs_total_qualifier(const breach_total *t);
/* A summary of breach_sizes that is a size (`bit` of exact_u, its integer u, its double d):
 * from the integer when the library gives it (a double rounds counts past 2^53), else d
 * rounded to a whole number. */
const char *bs_fmt_size(const breach_sizes *s, uint32_t bit, uint64_t u, double d, char *buf,
                        size_t size);
/* What a total adds up, and how many of those gave no figure (t->n, t->n_unknown), so that
 * a total never reads as if every notice contributed: "7,396 notices, 1,112 of them without
 * a figure" / "8 notices" / "3 notices, none with a figure" (`one` / `many`: the noun). */
const char *bs_fmt_total_n(const breach_total *t, const char *one, const char *many, char *buf,
                           size_t size);
/* The column that follows a column of totals wherever some row's notices did not all give a
 * figure (the tables of every command, the report's tables), and the note that says what it
 * is: one heading and one sentence in every output. */
#define BS_NO_FIGURE "no figure"
#define BS_NO_FIGURE_NOTE                                                                      \
    "\"" BS_NO_FIGURE "\": how many of the row's notices give no figure, left out of the "     \
    "total beside it"
/* A compact figure for chart labels: 950, 12k, 1.2M, 3B */
const char *bs_fmt_short(double v, char *buf, size_t size);
const char *bs_fmt_date(breach_date d, char *buf, size_t size); /* ISO, "" when unknown */

/* `one` when n is 1, else `many`: "1 file", "2 files", "0 files". */
const char *bs_plural(uint64_t n, const char *one, const char *many);

/* Strings that name things in the output. */
const char *bs_qualifier_name(int q); /* exact, at_least, at_most, estimated, unknown */
const char *bs_date_field_name(int f);

/* Distinct strings, counted (a sorted list: O(n log n), nothing quadratic). */
size_t bs_count_distinct(const char **v, size_t n);

/* ------------------------------------------------------------------ args.c */

typedef struct bs_optspec {
    const char *name;    /* long name without the dashes */
    char short_name;     /* 0: none */
    const char *metavar; /* NULL for a flag */
    const char *help;
} bs_optspec;

typedef enum bs_outfmt { BS_OUT_TABLE = 0, BS_OUT_JSON = 1, BS_OUT_CSV = 2 } bs_outfmt;

typedef struct bs_input {
    const char *path;   /* as given ("-" for standard input) */
    const char *format; /* --format in force for it, NULL = detect */
    const char *map;    /* --map in force for it, NULL = none */
    /* filled by load.c */
    const char *name;   /* the name used in messages */
    const char *format_used;
    size_t rows_read, rows_loaded, rows_rejected, warnings;
    size_t incidents; /* added to the dataset */
    long input;       /* the dataset's input for it (breach_dataset_input), -1: none */
} bs_input;

struct bs_command;

typedef struct bs_optval {
    const bs_optspec *spec;
    const char *value; /* NULL for a flag */
} bs_optval;

typedef struct bs_ctx {
    const struct bs_command *cmd;
    bs_optval *opts;
    size_t n_opts;
    bs_input *inputs;
    size_t n_inputs;
    /* global options, decoded */
    bool lenient, quiet, verbose, progress;
    bs_outfmt out;
    const char *table; /* --table NAME for CSV */
    bool csv_raw;      /* --csv-raw: text cells that look like formulas are not neutralised */
    const char *output; /* -o FILE, NULL = stdout */
    /* after loading */
    breach_dataset *ds;
    breach_report *rep;
    breach_filter filter; /* from the filter options */
    int date_field;       /* --date, or -1 when not given */
    bool own_range;       /* the command bounds by --from/--to itself (timeline's periods),
                             not through the filter: no coarse-date count applies */
} bs_ctx;

/* Parses argv into ctx (the command is found first). Returns BS_EXIT_OK, BS_EXIT_USAGE
 * after printing the reason, or -1 when --help / --version was answered. */
int bs_parse_args(bs_ctx *ctx, int argc, char **argv);
void bs_ctx_free(bs_ctx *ctx);

/* The last value given for option `name` (NULL when absent or a flag). */
const char *bs_opt(const bs_ctx *ctx, const char *name);
/* Whether option `name` was given (flags and options with values). */
bool bs_flag(const bs_ctx *ctx, const char *name);
/* Every value of a repeatable option, in order: returns how many; *out is owned. */
size_t bs_opts(const bs_ctx *ctx, const char *name, const char ***out);

/* Value parsers: print a usage message naming the option and return -1 on a bad value. */
int bs_parse_uint(const char *opt, const char *s, uint64_t max, uint64_t *out);
int bs_parse_double(const char *opt, const char *s, double lo, double hi, double *out);
int bs_parse_date(const char *opt, const char *s, breach_date *out);
/* ISO code (US-ME, FR) or a US state name / USPS code when not an ISO code (Maine, TX). */
int bs_parse_region(const char *opt, const char *s, breach_region *out);
/* One of names[] (NULL-terminated), case folded; returns the index or -1 (message printed). */
int bs_parse_choice(const char *opt, const char *s, const char *const *names);
/* The filter options into ctx->filter; returns BS_EXIT_OK or BS_EXIT_USAGE. */
int bs_build_filter(bs_ctx *ctx);
/* The selected notices that a source flags (breach_dataset_flagged): how many (n), the
 * sentence that says how many and which, the --where values that leave them out
 * ("F!=V F!=V", one a flag), and the command that ran with those --where options added
 * before its files; the strings owned (bs_flags_free), NULL with n = 0 when none. Returns
 * a BS_EXIT_* code. */
typedef struct bs_flags {
    uint64_t n;
    char *sentence, *where, *command;
} bs_flags;
int bs_flagged(const bs_ctx *ctx, bs_flags *out);
void bs_flags_free(bs_flags *f);
/* Warns of --where fields that no loaded incident carries (a typo selects nothing). */
int bs_check_where(const bs_ctx *ctx);
/* "breachstat CMD: " + message on stderr; returns BS_EXIT_USAGE. */
int bs_usage_error(const bs_ctx *ctx, const char *fmt, ...) BS_PRINTF(2, 3);

/* ------------------------------------------------------------------ main.c */

typedef struct bs_command {
    const char *name;
    const char *synopsis; /* after "breachstat NAME " */
    const char *summary;  /* one line */
    const char *help;     /* paragraphs after the synopsis */
    const bs_optspec *opts; /* command options, ending with a {NULL} entry */
    int (*run)(bs_ctx *ctx);
} bs_command;

const bs_command *bs_find_command(const char *name);
/* The i-th command of the table, in --help's order; NULL past the last (a list of the
 * commands is built from it, so that it cannot fall behind the table). */
const bs_command *bs_command_at(size_t i);
void bs_print_command_help(const bs_command *cmd, FILE *out);
void bs_print_main_help(FILE *out);
/* The interval options of counts and categories (bs_counts_interval_options reads them),
 * in two runs so that each command lists its own options between them. */
#define BS_INTERVAL_OPTS                                                                       \
    {"ci", 0, "METHOD", "interval method: wilson (default), jeffreys or bootstrap"},           \
        {"level", 0, "LEVEL", "confidence level, default 0.95"}
#define BS_SMALL_N_OPTS                                                                        \
    {"force", 0, NULL, "give proportions even under --min-n incidents"},                       \
        {"min-n", 0, "N", "no proportions under N incidents (default 30)"},                    \
        {"min-n-report", 0, "N", "nothing at all under N incidents (default 5)"},              \
        {"replicates", 0, "B", "bootstrap replicates (default 2000)"},                         \
        {"seed", 0, "S", "bootstrap seed (default 1)"}

/* The date of an incident that a statistic's date_field (a breach_date_field) names. */
breach_date bs_date_of(const breach_incident *inc, int field);

extern const bs_optspec bs_global_opts[];
extern const bs_optspec bs_filter_opts[];

/* ------------------------------------------------------------------ load.c */

/* Loads every input into a new ctx->ds (lenient or strict), listing rejected rows and
 * counting warnings on stderr. Returns a BS_EXIT_* code. */
int bs_load_inputs(bs_ctx *ctx);
/* "seed-incidents.csv (canonical), hhs.csv (hhs)": the inputs for a "source" line (owned) */
char *bs_inputs_description(const bs_ctx *ctx);

/* ------------------------------------------------------------------ hints.c */

/* Notes on stderr (not with --quiet) where an answer would silently be other than meant: a
 * --region that is both an ISO country and a US state code ("ME": Montenegro, US-ME:
 * Maine), an --entity that names no loaded notice (with the close names that do). */
void bs_hints(const bs_ctx *ctx);

/* ------------------------------------------------------------------ progress.c */

/* Starts the progress line for one long step (shown after half a second, only when stderr
 * is a terminal and progress is on); stop clears it. */
void bs_progress_start(const bs_ctx *ctx, const char *what);
void bs_progress_stop(void);
/* A breach_progress_fn for the statistics' options (ctx unused): the running line then
 * shows "done of total" and the time left. Never cancels. */
int bs_progress_count(uint64_t done, uint64_t total, void *ctx);

/* ------------------------------------------------------------------ output.c */

typedef enum bs_kind {
    BS_V_NULL = 0, /* no value: "" / null */
    BS_V_TEXT,
    BS_V_INT,
    BS_V_UINT,
    BS_V_REAL, /* with `digits` decimals in the table */
    BS_V_PCT,  /* a fraction, shown as a percentage */
    BS_V_COUNT,
    BS_V_TOTAL,
    BS_V_DATE,
    BS_V_BOOL
} bs_kind;

typedef struct bs_value {
    int kind;
    int digits;
    union {
        char *s;
        int64_t i;
        uint64_t u;
        double d;
        breach_count c;
        breach_total t;
        breach_date date;
        bool b;
    } v;
} bs_value;

bs_value bs_v_null(void);
/* A null value that tables show as `why` ("not counted"): JSON null, empty CSV fields. */
bs_value bs_v_absent(const char *why);
bs_value bs_v_text(const char *s); /* copied; NULL gives a null value */
bs_value bs_v_int(int64_t i);
bs_value bs_v_uint(uint64_t u);
bs_value bs_v_real(double d, int digits); /* NaN / inf give null */
bs_value bs_v_pct(double fraction);       /* NaN gives null */
/* A p-value: 4 decimals, or scientific notation where they would read 0.0000 (2.4e-09);
 * JSON and CSV keep the number. NaN gives null. */
bs_value bs_v_pvalue(double p);
bs_value bs_v_count(breach_count c);
bs_value bs_v_total(breach_total t);
bs_value bs_v_date(breach_date d);        /* unknown gives null */
bs_value bs_v_bool(bool b);

typedef struct bs_column {
    const char *name;  /* machine name: CSV header, JSON key */
    const char *label; /* table heading */
    int kind;          /* for alignment; cells may be null */
} bs_column;

typedef struct bs_table bs_table;
typedef struct bs_doc bs_doc;

bs_doc *bs_doc_new(const bs_ctx *ctx, const char *title);
void bs_doc_free(bs_doc *d);
/* A sentence printed first (tables) and listed under "headline" (JSON). */
void bs_doc_headline(bs_doc *d, const char *fmt, ...) BS_PRINTF(2, 3);
void bs_doc_fact(bs_doc *d, const char *name, const char *label, bs_value v);
/* A total whose text counts other notices than its own n and n_unknown: a sum of regional
 * counts has an entry per region, several in a notice ("at least 400 (2 notices, 1 of them
 * without a figure)"). JSON and CSV keep the total as it is. */
void bs_doc_fact_notices(bs_doc *d, const char *name, const char *label, breach_total t,
                         uint64_t n, uint64_t n_unknown);
void bs_doc_note(bs_doc *d, const char *fmt, ...) BS_PRINTF(2, 3);
bs_table *bs_doc_table(bs_doc *d, const char *name, const char *title, const bs_column *cols,
                       size_t ncols);
/* Appends one cell; a row is complete every ncols cells. */
void bs_table_add(bs_table *t, bs_value v);
size_t bs_table_rows(const bs_table *t);
/* Writes the document in ctx's format to ctx->output (or stdout). Returns a BS_EXIT code. */
int bs_doc_emit(const bs_doc *d, const bs_ctx *ctx);
/* What every statistics command says of the notices its source flags (bs_flagged), when
 * the selection holds some: the sentence as a headline, the command that leaves them out
 * as a note, and the facts flagged (how many) and flagged_where (the --where values).
 * Nothing when the user's selection already leaves them out; `always`: the fact flagged
 * even when 0 (summary's). Returns a BS_EXIT_* code. */
int bs_doc_flagged(bs_doc *d, const bs_ctx *ctx, bool always);
/* How every statistics command but summary ends: bs_doc_flagged (not `always`), then, when
 * that succeeded, bs_doc_emit. Returns a BS_EXIT_* code. */
int bs_doc_emit_flagged(bs_doc *d, const bs_ctx *ctx);

/* ------------------------------------------------------------------ units.c */

/* What a count counts, for column names, JSON keys and labels: "individuals", "accounts",
 * "records" (breach_unit_name). */
const char *bs_unit_name(int unit);
/* The units in bits (1 << unit), in unit order: "individuals, accounts" (owned). */
char *bs_units_text(uint32_t units);
/* How many units the bits name. */
int bs_units_count(uint32_t units);
/* The units a table gives totals for: `unit` first, then the others seen in `units`, in
 * unit order. Returns how many (1 .. BREACH_UNIT_COUNT_) into out. */
int bs_units_order(int unit, uint32_t units, int out[BREACH_UNIT_COUNT_]);
/* A total in `unit`: "not counted" (JSON null) when no selected notice is in that unit
 * (bit not in `units`), else the total as it is (an all-unknown total reads "unknown"). */
bs_value bs_v_unit_total(const breach_total *t, uint32_t units, int unit);
/* The facts every summing command gives: unit, units (text), other_units (notices left out
 * of the totals); and when some are, a headline saying what was left out and how to see it
 * (`one` / `many`: "notice" / "notices"). */
void bs_doc_units(bs_doc *d, int unit, uint32_t units, uint64_t n_other, const char *one,
                  const char *many);

/* ------------------------------------------------------------------ two formats (two_formats.c) */

/* What a result may count twice across inputs of two formats (the library's
 * breach_format_overlap over the result's notices), in the summary's words: a headline for
 * the notices when the command counts them (notices), and one for each unit's total that
 * may repeat (unit < 0: every unit; else that one alone); with two formats loaded, the
 * facts two_formats_organisations, _notices (notices), _notice_organisations (notices)
 * and two_formats_<unit>. */
void bs_doc_two_formats(bs_doc *d, const breach_format_overlap *fo, bool notices, int unit);
/* Those headlines' sentences into out (room for 1 + BREACH_UNIT_COUNT_), for a report;
 * returns how many. */
#define BS_TWICE_SENTENCE 320
size_t bs_two_formats_sentences(const breach_format_overlap *fo, bool notices, int unit,
                                char out[][BS_TWICE_SENTENCE]);
/* The same over the incidents f selects; a note when the library fails. */
void bs_doc_two_formats_of(bs_doc *d, const bs_ctx *ctx, const breach_filter *f, bool notices,
                           int unit);

/* ------------------------------------------------------------------ overview (cmd_summary.c) */

/* What the selected incidents hold, for the summary and the report's key figures. */
typedef struct bs_overview {
    size_t loaded, selected;
    long superseded;            /* -1 with include_superseded */
    long dropped;               /* listed again by a newer input; -1 with include_duplicates */
    long coarse;                /* left out for a date coarser than --from/--to; -1 without
                                   a date range */
    size_t organisations;       /* distinct entity keys */
    size_t with_breakdown;      /* notices with a regional breakdown */
    size_t vendors;             /* distinct vendor keys */
    breach_date first, last;    /* reported dates */
    breach_total by_unit[BREACH_UNIT_COUNT_];
    uint64_t n_unit[BREACH_UNIT_COUNT_];
    uint64_t identical;         /* rows repeating an earlier row of their file, kept */
    uint64_t identical_by_unit[BREACH_UNIT_COUNT_]; /* what they add */
    bool overflow;
} bs_overview;

/* Returns BS_EXIT_OK or BS_EXIT_FAIL (printed). */
int bs_overview_compute(const bs_ctx *ctx, bs_overview *o);

/* ------------------------------------------------------------------ cmd_categories.c */

/* Shared by categories and counts: the interval method names, the status's name, the
 * options --ci --level --include-unknown --force --min-n --min-n-report --replicates --seed
 * into *o (-1 after a usage message), the computation with its progress line, and the
 * headline that says why proportions are or are not given. */
extern const char *const bs_ci_names[];
const char *bs_counts_status_name(int status);
int bs_counts_interval_options(bs_ctx *ctx, breach_counts_options *o);
/* Ends counts and categories alike: the multi-valued note, the document written; frees d
 * and c. Returns the exit status. */
int bs_counts_emit(bs_ctx *ctx, bs_doc *d, breach_counts *c);
breach_counts *bs_counts_run(bs_ctx *ctx, breach_counts_options *o, breach_error *e);
void bs_counts_status_headline(bs_doc *d, const breach_counts *c, const breach_counts_options *o);
/* Breach types, data categories or locations some selected notice's source cannot state
 * (breach_counts.levels_recorded, row_n): a sentence naming those no source can state ("not
 * recorded", never 0 %), those counted over the notices of the sources that can, and, for
 * categories, VERIS's unspecified `Personal` data when selected. Owned; NULL for other
 * dimensions and when every source can state every level. */
char *bs_recorded_note(const bs_ctx *ctx, const breach_counts *c);
/* Whether row r of a type, category or location count is a level no selected notice's
 * source can state. */
bool bs_level_not_recorded(const breach_counts *c, size_t r);

/* ------------------------------------------------------------------ provenance.c */

/* The time of generation, ISO 8601 UTC: SOURCE_DATE_EPOCH when set and valid (returns
 * true), else the clock. */
bool bs_generated_at(char *buf, size_t size);
/* Every filter in force and the date field, as one line (owned). */
char *bs_selection_text(const bs_ctx *ctx);
/* The incidents that --from/--to leave out because their date is coarser than the range
 * (breach_dataset_n_coarse_dated), or -1 when the filter has no date range (or the command
 * bounds by its own, or the count failed). */
long bs_coarse_dated(const bs_ctx *ctx);
/* The provenance object (generator, version, time, selection, inputs, overlaps) as JSON,
 * each line after the first indented by `indent`. */
void bs_provenance_json(FILE *out, const bs_ctx *ctx, const char *indent);
/* The same into a file (written whole, then renamed into place). BS_EXIT_*. */
int bs_write_provenance_file(const bs_ctx *ctx, const char *path);
/* An input's object, opened and not closed: file, format, row counts (warnings as given),
 * incidents; the caller adds fields and the closing brace. */
void bs_json_input(FILE *out, const bs_input *in, size_t warnings);
/* A JSON string literal. */
void bs_json_string(FILE *out, const char *s);
/* Overlap i of ds (breach_dataset_overlap) with its two inputs; false when any is missing. */
bool bs_overlap_get(const breach_dataset *ds, size_t i, breach_overlap *ov, breach_input_info *a,
                    breach_input_info *b);
/* The "inputs" table (each file: format, rows, warnings, size, SHA-256, notices dropped as
 * a newer input's) and the "overlaps" table (per pair of files) into d. */
void bs_add_inputs_table(bs_doc *d, const bs_ctx *ctx);

/* ------------------------------------------------------------------ commands */

int bs_cmd_summary(bs_ctx *ctx);
int bs_cmd_regions(bs_ctx *ctx);
int bs_cmd_share(bs_ctx *ctx);
int bs_cmd_supply(bs_ctx *ctx);
int bs_cmd_repeats(bs_ctx *ctx);
int bs_cmd_categories(bs_ctx *ctx);
int bs_cmd_timeline(bs_ctx *ctx);
int bs_cmd_sizes(bs_ctx *ctx);
int bs_cmd_links(bs_ctx *ctx);
int bs_cmd_report(bs_ctx *ctx);
int bs_cmd_fields(bs_ctx *ctx);
int bs_cmd_counts(bs_ctx *ctx);

extern const bs_optspec bs_regions_opts[], bs_share_opts[], bs_supply_opts[], bs_repeats_opts[],
    bs_categories_opts[], bs_timeline_opts[], bs_sizes_opts[], bs_links_opts[], bs_report_opts[];
extern const bs_optspec bs_fields_opts[], bs_counts_opts[];

/* A statistic failed: prints the error, returns BS_EXIT_FAIL. */
int bs_stat_failed(const char *what, const breach_error *e);

/* Shared by regions and report: the --population file, or NULL (absent or unreadable:
 * *status says which, BS_EXIT_INPUT after printing the place). */
breach_population *bs_load_population(const bs_ctx *ctx, int *status);
/* The days a rate per 100,000 covers, and whether it is an annual rate, in the words of
 * regions' note and the report's: "2023-01-01 to 2023-12-31 the lists cover, about 1.0
 * years: the rate of that period". Returns buf. */
#define BS_RATE_SPAN 160
const char *bs_rate_span(const breach_percapita *pc, char buf[BS_RATE_SPAN]);
/* A rate's period not observed in full by its event date (breach_percapita.truncated_start
 * when end is 0, truncated_end when 1), as a sentence without its subject: "not observed in
 * full: the period began before ...", or NULL when it is observed. regions' notes and the
 * report's rate map say it in these words. */
#define BS_RATE_LAG 400
const char *bs_rate_lag(const breach_percapita *pc, int end, char buf[BS_RATE_LAG]);

/* The vendors (supply-chain campaigns) among the incidents selected by f, superseded
 * notices included, each once (first spelling), by name. Owned array of borrowed strings. */
size_t bs_list_vendors(const breach_dataset *ds, const breach_filter *f, const char ***out);

#endif
