/* breachstat — statistics from public data-breach notices, for people who do not write C.
 *
 *   breachstat COMMAND [OPTIONS] FILE...
 *
 * Every command loads its files (any mix of formats) into one dataset, applies the filter
 * options, asks libbreach for one statistic and writes it as a table, JSON or CSV. The
 * tool is built on the public API only. Exit codes: see breachstat.h and the man page. */
#include "breachstat.h"

#include <stdlib.h>
#include <string.h>

static const bs_command commands[] = {
    {"summary", "[OPTIONS] FILE...", "what the files hold: incidents, organisations, dates, people",
     "Counts the incidents loaded and selected, the organisations (by entity key), the dates "
     "they span and the people, accounts or records affected (as bounds: \"more than 3 "
     "million\" is a lower bound), and how each file loaded.",
     NULL, bs_cmd_summary},
    {"regions", "[--population FILE] [OPTIONS] FILE...",
     "residents affected per region, their share of all, per 100,000 residents",
     "Adds up the regional breakdowns of the notices (\"Maine residents: 3,913\"): per region "
     "the residents affected, the notices that name it and its share of all residents "
     "reported in breakdowns. With --population (the Census Bureau's NST-EST layout) it adds "
     "the rate per 100,000 residents. --by organisation counts instead the people in notices "
     "of organisations located in each region, for sources without breakdowns (HHS): where "
     "the organisation is, so never divided by a population.",
     bs_regions_opts, bs_cmd_regions},
    {"share", "[--region CODE]... [--incident ID]... [OPTIONS] FILE...",
     "the share of each notice's people who live in a region",
     "For each notice with a breakdown naming the region: the region's residents, the "
     "notice's total and the share, with bounds when a figure is a bound (NextGen "
     "Healthcare, Maine: 3,913 of 1,049,375 = 0.3729 %). Without --region, every region of "
     "every breakdown. A notice that does not name the region is left out: it did not say, "
     "which is not 0 %.",
     bs_share_opts, bs_cmd_share},
    {"supply-chain", "[--vendor NAME] [OPTIONS] FILE...",
     "organisations and people hit through one vendor or campaign, over time",
     "With --vendor: the organisations hit through the vendor or campaign (names compared "
     "by entity key), the individuals as bounds, each organisation's latest revision counted "
     "once, possible double reports (a notice via another member) in the upper bound only, "
     "and the cumulative curve by notice date. Without --vendor: one line per vendor found.",
     bs_supply_opts, bs_cmd_supply},
    {"repeats", "[--entity NAME] [--merge-within DAYS] [OPTIONS] FILE...",
     "organisations hit more than once, and the days between",
     "Groups notices by organisation (entity key), orders them by --date (default: the event "
     "date, occurred, else discovered, else reported), merges those at most --merge-within "
     "days apart and those of one campaign, and lists the days between consecutive episodes, "
     "with the share of organisations hit more than once and the quartiles of the intervals.",
     bs_repeats_opts, bs_cmd_repeats},
    {"categories", "[--by DIMENSION] [--ci METHOD] [OPTIONS] FILE...",
     "incidents per data category (or type, location, ...), with confidence intervals",
     "Counts incidents per level of a dimension (data category by default) with the people "
     "affected, and proportions with confidence intervals under the small-sample rules of "
     "the DBIR tooling: no proportion under --min-n incidents (30) unless --force, nothing "
     "under --min-n-report (5); 'unknown' is listed but left out of n unless "
     "--include-unknown. Sets (types, categories, locations) count an incident in each of "
     "its levels, so proportions need not add up to 100 %.",
     bs_categories_opts, bs_cmd_categories},
    {"timeline", "[--by month|quarter|year] [OPTIONS] FILE...", "notices per month, quarter or year",
     "Counts notices and the people affected per period of --date (default: reported, the "
     "date every notice has), empty periods included, with a chi-square test of uniformity "
     "and a Poisson against negative-binomial test of overdispersion.",
     bs_timeline_opts, bs_cmd_timeline},
    {"sizes", "[--fit] [OPTIONS] FILE...", "the distribution of breach sizes, with fits",
     "Quantiles, mean and geometric mean of the affected counts (\"at least\" and \"at "
     "most\" figures are censored values, not exact ones), the complementary CDF, and with "
     "--fit a log-normal fit (censored values included) and a power-law tail fit (Clauset, "
     "Shalizi & Newman 2009) compared by Vuong's test.",
     bs_sizes_opts, bs_cmd_sizes},
    {"links", "[--window DAYS] [OPTIONS] FILE...",
     "cross-source shares: a state list's residents in another source's total",
     "Joins each notice that gives regional counts and no total (a state attorney general's "
     "\"Washington residents: 26,333\") to the notices of the same organisation (entity key) "
     "that give totals, dated within --window days (default 120, on --date, default the "
     "reported date), added up (HHS files one row per client of a business associate), and "
     "gives the share with bounds: Brightline, Washington: 26,333 of 1,013,686 = 2.598 %. A "
     "link whose regional count is above its total is flagged inconsistent (probably another "
     "incident or a different count basis) and gives no share. Only counts of people link. "
     "Filters select both sides: --region keeps only the totals of organisations located in "
     "the region.",
     bs_links_opts, bs_cmd_links},
    {"counts", "[--of DIMENSION] [--by DIMENSION] [--ci METHOD] [OPTIONS] FILE...",
     "incidents per level of any dimension or attribute, cross-tabulated, with intervals",
     "Counts incidents per level of --of (a model dimension, year, month, or any attribute "
     "that 'fields' lists, such as action.hacking.variety) with proportions and intervals "
     "under the DBIR's small-sample rules, as verisr's getenumCI: n is the incidents with "
     "at least one known value, 'Unknown' (and an attribute's 'NA') is listed but out of n "
     "unless --include-unknown (--include-na), and incidents that do not state an attribute "
     "are in no row. With --by, each level of the second dimension is a column with its own "
     "n, proportions and intervals, and Pearson's chi-square tests independence (with a "
     "warning when expected counts are small; no test when an incident has two levels of "
     "one dimension). Year and month are of --date (default: the event date).",
     bs_counts_opts, bs_cmd_counts},
    {"fields", "[--field NAME] [OPTIONS] FILE...",
     "the enumerated attributes of the incidents, with their values and counts",
     "Lists the enumerated attributes the sources carry beside the model's fields (VERIS "
     "action.hacking.variety, victim.industry2, plus.sub_source; HHS covered_entity_type; WA "
     "industry_type; HIBP data_classes and is_fabricated, ...), each with the selected "
     "incidents that carry it, and with --field one attribute's values and their counts. "
     "'Unknown' is a value of its own, marked as such. Any of them selects incidents in every "
     "command: --where FIELD=VALUE.",
     bs_fields_opts, bs_cmd_fields},
    {"report", "--html OUT.html | --markdown OUT.md [OPTIONS] FILE...",
     "a self-contained report with charts (HTML, or Markdown with SVG files)",
     "Writes one HTML file that needs no network and no JavaScript, with inline SVG charts "
     "and a table beside each: a US tile-grid map of residents affected per state (and per "
     "100,000 residents with --population), the cumulative supply-chain curve per vendor, "
     "the repeat-interval histogram, category totals and the breach-size distribution on "
     "log axes. --markdown writes the same content as Markdown, the charts as SVG files "
     "beside it (OUT-map.svg, ...).",
     bs_report_opts, bs_cmd_report},
};

const bs_command *bs_command_at(size_t i)
{
    return i < sizeof commands / sizeof commands[0] ? &commands[i] : NULL;
}

const bs_command *bs_find_command(const char *name)
{
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    /* the spellings people type */
    if (strcmp(name, "supply") == 0 || strcmp(name, "supplychain") == 0 ||
        strcmp(name, "supply_chain") == 0)
        return bs_find_command("supply-chain");
    /* a unique prefix, as for long options ("sum" is summary; "re" is ambiguous) */
    const bs_command *found = NULL;
    size_t len = strlen(name);
    for (size_t i = 0; len && i < sizeof commands / sizeof commands[0]; i++)
        if (strncmp(commands[i].name, name, len) == 0) {
            if (found)
                return NULL;
            found = &commands[i];
        }
    return found;
}

/* Words wrapped at 79 columns, each line after the first indented by `indent`. */
static void wrap(FILE *out, const char *text, size_t indent, size_t col)
{
    const char *p = text;
    while (*p) {
        size_t word = strcspn(p, " ");
        if (col > indent && col + 1 + word > 79) {
            fputc('\n', out);
            for (size_t i = 0; i < indent; i++)
                fputc(' ', out);
            col = indent;
        } else if (col > indent) {
            fputc(' ', out);
            col++;
        }
        fwrite(p, 1, word, out);
        col += word;
        p += word;
        while (*p == ' ')
            p++;
    }
    fputc('\n', out);
}

static bool defines(const bs_optspec *set, const char *name)
{
    for (const bs_optspec *o = set; o && o->name; o++)
        if (strcmp(o->name, name) == 0)
            return true;
    return false;
}

static void print_opts(FILE *out, const bs_optspec *set, const bs_optspec *skip)
{
    for (const bs_optspec *o = set; o && o->name; o++) {
        if (skip && defines(skip, o->name))
            continue;
        char head[64];
        if (o->short_name)
            snprintf(head, sizeof head, "  -%c, --%s%s%s", o->short_name, o->name,
                     o->metavar ? " " : "", o->metavar ? o->metavar : "");
        else
            snprintf(head, sizeof head, "      --%s%s%s", o->name, o->metavar ? " " : "",
                     o->metavar ? o->metavar : "");
        fputs(head, out);
        size_t col = strlen(head);
        if (col >= 28) {
            fputc('\n', out);
            col = 0;
        }
        for (; col < 28; col++)
            fputc(' ', out);
        wrap(out, o->help, 28, 28);
    }
}

void bs_print_command_help(const bs_command *cmd, FILE *out)
{
    fprintf(out, "Usage: %s %s %s\n\n", bs_progname, cmd->name, cmd->synopsis);
    wrap(out, cmd->summary, 0, 0);
    fputc('\n', out);
    wrap(out, cmd->help, 0, 0);
    if (cmd->opts && cmd->opts->name) {
        fprintf(out, "\n%s options:\n", cmd->name);
        print_opts(out, cmd->opts, NULL);
    }
    fputs("\nFilters (every statistic sees only the incidents they select):\n", out);
    print_opts(out, bs_filter_opts, cmd->opts);
    fputs("\nInput and output:\n", out);
    print_opts(out, bs_global_opts, cmd->opts);
    fprintf(out,
            "\nFILE may be any mix of formats (detected from the first bytes unless --format);"
            "\n- reads standard input. Exit status: 0 ok, 1 a computation failed, 2 usage "
            "error,\n3 an input cannot be read, 4 a row rejected in strict mode, 5 output not "
            "written.\nSee also: man breachstat\n");
}

void bs_print_main_help(FILE *out)
{
    fprintf(out, "Usage: %s COMMAND [OPTIONS] FILE...\n\n"
                 "Statistics from public data-breach notices (libbreach %s).\n\nCommands:\n",
            bs_progname, breach_version_string());
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        fprintf(out, "  %-13s ", commands[i].name);
        wrap(out, commands[i].summary, 16, 16);
    }
    fputs("\nInput and output (any command):\n", out);
    print_opts(out, bs_global_opts, NULL);
    fputs("\nFilters (any command):\n", out);
    print_opts(out, bs_filter_opts, NULL);
    fprintf(out,
            "\nExamples:\n"
            "  %s summary incidents.csv hhs-breach-report.csv\n"
            "  %s share --region US-ME incidents.csv\n"
            "  %s supply-chain --vendor \"Fortra GoAnywhere\" incidents.csv\n"
            "  %s links Source_Breach_Report.csv breach_report.csv wa-notifications.csv\n"
            "  %s timeline --by year --format hhs breach_report.csv --csv\n"
            "  %s report --html report.html incidents.csv\n"
            "\nExit status: 0 ok, 1 a computation failed, 2 usage error, 3 an input cannot be\n"
            "read, 4 a row rejected in strict mode (--lenient skips and lists bad rows),\n"
            "5 the output cannot be written.\n\n"
            "'%s COMMAND --help' shows a command's options; man breachstat has it all.\n",
            bs_progname, bs_progname, bs_progname, bs_progname, bs_progname, bs_progname,
            bs_progname);
}

int bs_stat_failed(const char *what, const breach_error *e)
{
    bs_eprintf("%s: %s failed: %s\n", bs_progname, what,
            e->text[0] ? e->text : breach_strerror(e->code));
    return BS_EXIT_FAIL;
}

int main(int argc, char **argv)
{
    bs_ctx ctx;
    if (argc < 2) {
        bs_print_main_help(stderr);
        return BS_EXIT_USAGE;
    }
    int rc = bs_parse_args(&ctx, argc, argv);
    if (rc == -1) {
        bs_ctx_free(&ctx);
        return fflush(stdout) == 0 ? BS_EXIT_OK : BS_EXIT_OUTPUT;
    }
    if (rc == BS_EXIT_OK)
        rc = bs_load_inputs(&ctx);
    if (rc == BS_EXIT_OK)
        rc = bs_check_where(&ctx);
    if (rc == BS_EXIT_OK) {
        bs_hints(&ctx);
        rc = ctx.cmd->run(&ctx);
    }
    bs_ctx_free(&ctx);
    return rc;
}
