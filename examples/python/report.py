#!/usr/bin/env python3
"""A breach report in Markdown: region shares, supply-chain totals and repeat-victim
intervals of a dataset, written the way an analyst would with the `breach` package.

    python3 examples/python/report.py                      # the bundled seed data
    python3 examples/python/report.py data.csv --vendor "Fortra GoAnywhere"
    python3 examples/python/report.py hhs.csv --format hhs --lenient

The package is found installed, or in this source tree (bindings/python); the C library
as the package finds it (BREACH_LIBRARY, BREACH_BUILDDIR, the build tree, installed).
With pandas installed, a per-vendor overview is added from ds.to_pandas().
"""

import argparse
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.normpath(os.path.join(HERE, os.pardir, os.pardir))

try:
    import breach
except ImportError:
    sys.path.insert(0, os.path.join(TOP, "bindings", "python"))
    import breach

SEED = os.path.join(TOP, "examples", "data", "seed-incidents.csv")


def fmt_int(n):
    return format(n, ",")


def fmt_pct(x, digits=3):
    return "n/a" if x is None or math.isnan(x) else "%.*f %%" % (digits, x * 100)


def fmt_total(t):
    hi = "unbounded" if t.upper_unbounded else fmt_int(t.upper)
    if not t.upper_unbounded and t.lower == t.upper:
        return fmt_int(t.lower)
    return "%s .. %s" % (fmt_int(t.lower), hi)


def fmt_count(c):
    if not c.known:
        return "unknown"
    prefix = {"exact": "", "at_least": "> ", "at_most": "<= ", "estimated": "~ "}
    return prefix[c.qualifier] + fmt_int(c.value)


def table(headers, rows, align=None):
    """Markdown table; align is a string of 'l' / 'r' per column."""
    align = align or "l" * len(headers)
    out = ["| " + " | ".join(headers) + " |",
           "|" + "|".join("---:" if a == "r" else "---" for a in align) + "|"]
    for r in rows:
        out.append("| " + " | ".join(str(c).replace("|", "\\|") for c in r) + " |")
    return "\n".join(out)


def region_section(ds, filters):
    lines = ["## Region shares", ""]
    per_incident = []
    for inc in ds.incidents(**filters):
        for code in inc.regions:
            s = ds.region_share(inc.index, code)
            per_incident.append((inc.entity, inc.reported or "", code, s.region_name,
                                 fmt_count(s.part), fmt_count(s.whole), fmt_pct(s.share, 4)))
    if per_incident:
        lines += ["Residents of each region among the people an incident touched:", "",
                  table(["organisation", "notice", "region", "name", "residents",
                         "affected", "share"], per_incident, "lllllrr"), ""]
    rs = ds.region_shares(**filters)
    lines += ["Across the dataset: %d incidents, %d with a regional breakdown; %s residents "
              "reported in breakdowns." % (rs.n_incidents, rs.n_with_breakdown,
                                          fmt_total(rs.all_regions)), ""]
    if rs.rows:
        lines.append(table(["region", "name", "residents", "incidents", "share of residents"],
                           [(r.region, r.region_name, fmt_total(r.total), r.n_incidents,
                             fmt_pct(r.share, 2)) for r in rs], "llrrr"))
        lines.append("")
    return lines


def supply_section(ds, vendors, filters):
    lines = []
    for vendor in vendors:
        sc = ds.supply_chain(vendor, **filters)
        lines += ["## Supply chain: %s" % vendor, "",
                  "%d notices, %d replaced by a later revision; %d organisations; "
                  "individuals %s (figures as given: %s)."
                  % (sc.n_notices, sc.n_superseded, sc.n_organisations,
                     fmt_total(sc.individuals), fmt_int(sc.individuals.point)), ""]
        if sc.n_possible_double:
            lines += ["%d possible double report(s): an organisation that reported through a "
                      "member of the campaign is counted in the upper bound only."
                      % sc.n_possible_double, ""]
        if sc.members:
            lines += [table(["notice", "organisation", "individuals", "counted as", "revisions"],
                            [(m.reported or "undated", m.entity, fmt_count(m.affected),
                              "upper bound only" if m.role == "possible_double" else "both bounds",
                              m.n_revisions) for m in sc.members], "llrlr"), ""]
        if sc.curve:
            lines += ["Cumulative, by notice date:", "",
                      table(["date", "organisations", "individuals"],
                            [(p.date, p.organisations,
                              fmt_int(p.lower) if p.lower == p.upper and not p.upper_unbounded
                              else "%s .. %s" % (fmt_int(p.lower), "unbounded"
                                                 if p.upper_unbounded else fmt_int(p.upper)))
                             for p in sc.curve], "lrr"), ""]
    return lines


def repeat_section(ds, date_field, merge, filters):
    rep = ds.repeats(date_field=date_field, merge_within_days=merge, **filters)
    lines = ["## Repeat victims", "",
             "%d of %d organisations hit more than once (%s), by %s date%s; %d incidents "
             "without that date left out." % (
                 rep.n_repeat_entities, rep.n_entities, fmt_pct(rep.repeat_share, 1),
                 date_field, " (incidents within %d days merged)" % merge if merge else "",
                 rep.n_undated), ""]
    if rep.intervals:
        lines += [table(["organisation", "earlier", "later", "days"],
                        [(iv.entity, "%s (%s)" % (iv.first_date, iv.first_id),
                          "%s (%s)" % (iv.second_date, iv.second_id),
                          iv.days if iv.days_min == iv.days_max
                          else "%d (%d .. %d)" % (iv.days, iv.days_min, iv.days_max))
                         for iv in rep.intervals], "lllr"), ""]
        s = rep.summary
        lines += ["Intervals: n = %d, median %.0f days, quartiles %.0f .. %.0f, mean %.1f."
                  % (s.n, s.median, s.q1, s.q3, s.mean), ""]
    return lines


def pandas_section(ds):
    try:
        import pandas  # noqa: F401  (optional)
    except ImportError:
        return []
    df = ds.to_pandas(include_superseded=False) if len(ds) else None
    if df is None or df.empty:
        return []
    df = df.assign(vendor=df["vendor"].fillna("(none)"))
    g = df.groupby("vendor").agg(incidents=("id", "size"),
                                 stated=("affected", "sum")).sort_values("stated",
                                                                        ascending=False)
    return ["## Overview by vendor (pandas)", "",
            table(["vendor", "incidents", "affected as stated"],
                  [(v, int(r.incidents), fmt_int(int(r.stated))) for v, r in g.iterrows()],
                  "lrr"), ""]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("csv", nargs="?", default=SEED, help="dataset (default: the bundled seed)")
    ap.add_argument("--format", default=None, help="input format (default: detected)")
    ap.add_argument("--lenient", action="store_true", help="skip bad rows and list them")
    ap.add_argument("--vendor", action="append",
                    help="supply-chain vendor (repeatable; default: every vendor named)")
    ap.add_argument("--date-field", default="event", choices=breach.DATE_FIELDS)
    ap.add_argument("--merge-within-days", type=int, default=0)
    ap.add_argument("--start", help="only incidents from this date (YYYY[-MM[-DD]])")
    ap.add_argument("--end", help="only incidents up to this date")
    a = ap.parse_args(argv)

    filters = {k: v for k, v in (("start", a.start), ("end", a.end)) if v}
    if filters:
        filters["date_field"] = a.date_field
    try:
        ds = breach.load(a.csv, format=a.format, lenient=a.lenient)
    except breach.BreachError as e:
        print("report.py: %s" % e, file=sys.stderr)
        return 1
    with ds:
        r = ds.report
        out = ["# Breach report: %s" % os.path.basename(a.csv), "",
               "%d incidents loaded from %d rows (%d rejected); libbreach %s."
               % (r.rows_loaded, r.rows_read, r.rows_rejected, breach.library_version()), ""]
        if r.rejects:
            out += ["Rejected rows:", ""] + ["- line %d: %s" % (x.line, x.text)
                                              for x in r.rejects] + [""]
        vendors = a.vendor or sorted({i.vendor for i in ds if i.vendor})
        out += region_section(ds, filters)
        out += supply_section(ds, vendors, filters)
        rep_filters = {k: v for k, v in filters.items() if k != "date_field"}
        out += repeat_section(ds, a.date_field, a.merge_within_days, rep_filters)
        out += pandas_section(ds)
    print("\n".join(out).rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
