"""Turns bench/out (timings.tsv, pairs.tsv, base.tsv, conditions.txt, profile.md) into
bench/RESULTS.md: the conditions, issue 15's targets and whether this run met them, the
tables, the floor, the per-incident pairs and where the time goes."""
import datetime
import os
import platform
import statistics
import sys
from collections import defaultdict

tsv, out = sys.argv[1], sys.argv[2]
STEPS = ("load", "regions", "vendor", "repeats")
NAMES = {"cat": "cat", "floor-1": "floor (1 thread)", "floor-all": f"floor ({os.cpu_count()} threads)",
         "libbreach": "libbreach", "duckdb-naive": "duckdb (naive)",
         "duckdb-expert": "duckdb (expert)", "pandas": "pandas"}
# The old load: breach_bench's load step at 10^7 in the last full run before issue 15's
# loader work (bench/RESULTS.md at commit 076804b, the run at 574ab11)
RECORDED_OLD_LOAD = (15.290, "574ab11")

runs = defaultdict(list)  # (size, tool) -> [(wall, rss KiB, {step: s}, {info: v}, load1)]
others = []  # the cores other programs kept busy during each run
for line in open(tsv):
    f = (line.rstrip("\n").split("\t") + ["", "", ""])[:8]
    n, tool, _r, wall, rss, steps, load1, other = f
    if other:
        others.append((float(wall), float(other)))
    st, info = {}, {}
    for kv in steps.split():
        k, v = kv.split("=", 1)
        (info if k in ("threads", "distinct") else st)[k] = v if k in ("threads", "distinct") else float(v)
    runs[(int(n), tool)].append((float(wall), int(rss), st, info, float(load1) if load1 else None))


def med(xs):
    return statistics.median(xs)


def wall(n, tool):
    return med([w for w, *_ in runs[(n, tool)]]) if (n, tool) in runs else None


def step(n, tool, k):
    rs = runs.get((n, tool))
    return med([s[k] for _, _, s, _, _ in rs if k in s]) if rs and any(k in s for _, _, s, _, _ in rs) else None


def cpu():
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor()


def fsize(n):
    return os.path.getsize(os.path.join(out, f"incidents-{n}.csv"))


def p10(n):
    return f"10^{len(str(n)) - 1}" if str(n).startswith("1") and set(str(n)[1:]) <= {"0"} else f"{n:,}"


cond = {}
if os.path.exists(os.path.join(out, "conditions.txt")):
    for line in open(os.path.join(out, "conditions.txt")):
        k, _, v = line.rstrip("\n").partition(" ")
        cond[k] = v
loads = [l for rs in runs.values() for *_, l in rs if l is not None]
sizes = sorted({n for n, _ in runs})
nruns = max((len(v) for v in runs.values()), default=0)

mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
print("# Benchmark results\n")
print(f"Run on {datetime.date.today().isoformat()}: {os.cpu_count()} cores ({cpu()}), "
      f"{mem:.0f} GiB, {platform.system()} {platform.release()}.")
print("Command: `bench/run` (sizes and runs: `BENCH_SIZES`, `BENCH_RUNS`); data from "
      "`bench/gen N 42 canonical`. Wall time is the median of the runs, peak RSS the median "
      "of `/usr/bin/time -v`'s maximum resident set size. The work: load the CSV, per-state "
      "totals and shares, one vendor's cumulative curve with revisions, repeat intervals "
      "(see bench/README.md). libbreach, DuckDB (both queries) and pandas were checked to "
      "print the same figures on 10^5 incidents before timing, and the floor to read as many "
      "records. Each run goes through every tool before the next run starts.\n")
print(f"**Conditions of this run:** commit {cond.get('commit', '?')}, {nruns} run(s) a tool; "
      f"libbreach on {cond.get('threads', '?')} thread(s) (breach_bench's `--threads`, "
      f"default the processors it may use); DuckDB {cond.get('duckdb', '?')} (npm "
      f"`@duckdb/node-api`, node {cond.get('node', '?')}) on all {cond.get('cores', '?')} "
      f"cores; pandas {cond.get('pandas', '?')} on one. "
      + (f"Other programs kept {sum(w * o for w, o in others) / max(sum(w for w, _ in others), 1e-9):.2f} "
         f"of the {cond.get('cores', '?')} cores busy on average over the timed runs"
         + (f", {max(o for w, o in others if w >= 1):.2f} during the busiest run of a second or "
            "more" if any(w >= 1 for w, _ in others) else "")
         + " (the machine's busy time from /proc/stat less the run's own CPU time, over its "
         "wall time). " if others else "")
      + "The 1-minute load average "
      + (f"as each timed run started: {min(loads):.2f} to {max(loads):.2f} (median "
         f"{med(loads):.2f}; it counts the bench's own two-thread runs too)" if loads
         else "was not recorded")
      + f"; at the start {cond.get('load_start', '?')}, at the end {cond.get('load_end', '?')} "
      "(1, 5, 15 minutes).\n")

# ---------------------------------------------------------------- targets
targets = []


def verdict(ok):
    return "**met**" if ok else "**not met**"


for n in (1000000, 10000000):
    lb, ex = wall(n, "libbreach"), wall(n, "duckdb-expert")
    if lb is None or ex is None:
        targets.append(f"- libbreach end to end at least 2x faster than DuckDB written by an expert "
                       f"at {p10(n)}: not measured in this run.")
        continue
    per_run = [e[0] / l[0] for l, e in zip(runs[(n, "libbreach")], runs[(n, "duckdb-expert")])]
    # the verdict from each run's pair (one run after the other, one host), as the
    # per-incident ratio is: the medians of the two columns can come from different moments
    targets.append(f"- libbreach end to end at least 2x faster than DuckDB written by an expert at "
                   f"{p10(n)}: {verdict(med(per_run) >= 2)}. DuckDB's time over libbreach's, "
                   f"each run's pair (run one after the other): "
                   + ", ".join(f"{r:.2f}" for r in per_run)
                   + f"; median {med(per_run):.2f} (target: 2 or more). The table's medians: "
                   f"libbreach {lb:.2f} s, the expert query {ex:.2f} s ({ex / lb:.2f}).")

base_tsv = os.path.join(out, "base.tsv")
bl = defaultdict(dict)
if os.path.exists(base_tsv):
    for line in open(base_tsv):
        r, t, w, ld = line.split("\t")
        if ld.strip():
            bl[int(r)][t] = float(ld)
bl = {r: p for r, p in bl.items() if len(p) == 2}
largest = max(sizes) if sizes else None
base_commit = open(os.path.join(out, "base-commit.txt")).read().strip() \
    if os.path.exists(os.path.join(out, "base-commit.txt")) else None
if largest:
    new = step(largest, "libbreach", "load")
    old, old_at = RECORDED_OLD_LOAD
    words = f"- The load of 10^7 at most half the old load: "
    if largest != 10000000:
        words += f"not measured (10^7 not in this run). At {p10(largest)}, for information: "
    if bl:
        ratios = [p["libbreach"] / p["libbreach-base"] for p in bl.values()]
        if largest == 10000000:
            words += f"{verdict(med(ratios) <= 0.5)}: "
        words += (f"against the library at {base_commit}, the two run alternately ({len(bl)} "
                  "pairs): " + ", ".join(f"{p['libbreach-base']:.2f} -> {p['libbreach']:.2f} s"
                                         for p in bl.values())
                  + f", median ratio {med(ratios):.3f}x (target: 0.50x or less).")
    elif largest == 10000000:
        words += ("not judged: the base library was not run beside this one (`BENCH_BASE`), "
                  "and the recorded figure alone compares two days' hosts, whose speed differs "
                  "by up to 2x.")
    if largest == 10000000 and new is not None:
        words += (f" Against the load recorded at {old_at} ({old:.2f} s, another day's host): "
                  f"{new:.2f} s in this run's table, {new / old:.2f}x.")
    targets.append(words)

if largest and (largest, "libbreach") in runs:
    rss = med([r for _, r, *_ in runs[(largest, "libbreach")]]) * 1024
    figure = (f"{rss / 2**20:,.0f} MiB for a {fsize(largest) / 2**20:,.0f} MiB file: "
              f"{rss / fsize(largest):.2f}x.")
    if largest == 10000000:
        targets.append(f"- Peak RSS at most 1.5x the file, at 10^7: {verdict(rss <= 1.5 * fsize(largest))}. "
                       + figure)
    else:
        targets.append(f"- Peak RSS at most 1.5x the file, at 10^7: not measured (10^7 not in this "
                       f"run). At {p10(largest)}, for information: " + figure)

pairs = defaultdict(lambda: defaultdict(list))
pairs_tsv = os.path.join(out, "pairs.tsv")
if os.path.exists(pairs_tsv):
    for line in open(pairs_tsv):
        r, n, w, user, sys_ = line.split()
        pairs[int(r)][int(n)].append((float(w), float(user) + float(sys_)))
pairs = {r: p for r, p in pairs.items() if len(p) == 2}
pair_ratios = []
if pairs:
    small, big = sorted(next(iter(pairs.values())))
    for r in sorted(pairs):
        ws = statistics.mean(w for w, _ in pairs[r][small])
        wb = statistics.mean(w for w, _ in pairs[r][big])
        pair_ratios.append((wb / big) / (ws / small))
    figure = (f"median of {len(pair_ratios)} pairs {med(pair_ratios):.2f}x (range "
              f"{min(pair_ratios):.2f}-{max(pair_ratios):.2f}).")
    if (big, small) == (10000000, 1000000):
        words = (f"- Per incident, 10^7 against 10^6, at most 1.2x (pairs run back to back): "
                 f"{verdict(med(pair_ratios) <= 1.2)}: " + figure)
    else:
        words = (f"- Per incident, 10^7 against 10^6, at most 1.2x: not measured (other sizes in "
                 f"this run). {p10(big)} against {p10(small)}, for information: " + figure)
    targets.append(words)
else:
    targets.append("- Per incident, 10^7 against 10^6, at most 1.2x: not measured in this run "
                   "(no pairs: one size, or `BENCH_PAIRS=0`).")

print("## Issue 15's targets in this run\n")
print("\n".join(targets))
print()

# ---------------------------------------------------------------- tables
for n in sizes:
    size = fsize(n)
    print(f"## {n:,} incidents ({size / 2**20:,.0f} MiB CSV)\n")
    print("| tool | wall (s) | vs libbreach | peak RSS (MiB) | RSS / file | load | regions | vendor | repeats |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    base = wall(n, "libbreach")
    for tool in NAMES:
        if (n, tool) not in runs:
            continue
        rs = runs[(n, tool)]
        w = wall(n, tool)
        rss = med([r for _, r, *_ in rs]) / 1024
        if tool.startswith("floor"):
            sc, mg = step(n, tool, "scan"), step(n, tool, "merge")
            cells = f"{sc:.3f}" + (f" + {mg:.3f} merge" if tool == "floor-all" and mg else "") + " |  |  | "
        elif tool == "cat":
            cells = " |  |  | "
        else:
            cells = " | ".join(f"{step(n, tool, k):.3f}" if step(n, tool, k) is not None else "" for k in STEPS)
        ratio = "1" if tool == "libbreach" else f"{w / base:.2f}x" if base else ""
        print(f"| {NAMES[tool]} | {w:.2f} | {ratio} | {rss:,.0f} | {rss * 2**20 / size:.2f} | {cells} |")
    if (n, "libbreach") in runs:
        st = {k: step(n, "libbreach", k) for k in ("load", "regions", "repeats")}
        print(f"\nlibbreach throughput: load {n / st['load']:,.0f} incidents/s "
              f"({size / 2**20 / st['load']:.0f} MiB/s); per-state totals {n / max(st['regions'], 1e-9):,.0f} "
              f"incidents/s; repeat intervals {n / max(st['repeats'], 1e-9):,.0f} incidents/s.")
    f1, fa, ld = step(n, "floor-1", "scan"), step(n, "floor-all", "scan"), step(n, "libbreach", "load")
    if f1 and fa and ld:
        mg = step(n, "floor-all", "merge") or 0
        d = runs[(n, "floor-1")][0][3].get("distinct", "?")
        print(f"\nThe floor (bench/floor.c: read the file, tokenise every record by RFC 4180, put each "
              f"entity name in an open-addressing table of distinct names, nothing else; {int(d):,} "
              f"distinct names): {f1:.3f} s on one thread, {fa:.3f} s on {os.cpu_count()} with a "
              f"table each (the floor), {fa + mg:.3f} s with the tables merged into one. "
              f"libbreach's load, {ld:.3f} s, is {ld / f1:.1f}x the one-thread floor and "
              f"{ld / fa:.1f}x the {os.cpu_count()}-thread one.")
    print()

if pairs:
    small, big = sorted(next(iter(pairs.values())))
    print(f"## Per incident: {big:,} against {small:,} incidents\n")
    print(f"libbreach end to end (wall time of the process), {small:,} incidents, then {big:,}, "
          f"then {small:,} again, so that each pair meets one host (its speed drifts by 20-70 % "
          f"within minutes); the ratio is against the mean of the {small:,} runs. CPU time "
          f"(user + system) beside it, which also counts the second thread:\n")
    print(f"| pair | {small:,} (s) | {big:,} (s) | us an incident | ratio | CPU ratio |")
    print("|---|---:|---:|---:|---:|---:|")
    ratios, cpu_ratios = [], []
    for r in sorted(pairs):
        ws = statistics.mean(w for w, _ in pairs[r][small])
        wb = statistics.mean(w for w, _ in pairs[r][big])
        cs = statistics.mean(c for _, c in pairs[r][small])
        cb = statistics.mean(c for _, c in pairs[r][big])
        ratio, cpu_ratio = (wb / big) / (ws / small), (cb / big) / (cs / small)
        ratios.append(ratio)
        cpu_ratios.append(cpu_ratio)
        smalls = " + ".join(f"{w:.2f}" for w, _ in pairs[r][small])
        print(f"| {r} | {smalls} | {wb:.2f} | {ws / small * 1e6:.3f} / {wb / big * 1e6:.3f} "
              f"| {ratio:.2f}x | {cpu_ratio:.2f}x |")
    print(f"\nMedian of the pairs' ratios: {med(ratios):.2f}x (range {min(ratios):.2f}-"
          f"{max(ratios):.2f}); CPU time: {med(cpu_ratios):.2f}x.", end="")
    if (small, "libbreach") in runs and (big, "libbreach") in runs:
        ms, mb = wall(small, "libbreach"), wall(big, "libbreach")
        print(f" From the tables' medians above (runs minutes apart): {(mb / big) / (ms / small):.2f}x.", end="")
    print("\n")

profile = os.path.join(out, "profile.md")
if os.path.exists(profile):
    print(open(profile).read())
