"""Turns bench/out/timings.tsv into bench/RESULTS.md (medians, ratios, the machine)."""
import datetime
import os
import platform
import statistics
import subprocess
import sys
from collections import defaultdict

tsv, out = sys.argv[1], sys.argv[2]
runs = defaultdict(list)
for line in open(tsv):
    n, tool, _r, wall, rss, steps = (line.rstrip("\n").split("\t") + [""])[:6]
    st = dict(kv.split("=") for kv in steps.split())
    runs[(int(n), tool)].append((float(wall), int(rss), {k: float(v) for k, v in st.items()}))


def med(xs):
    return statistics.median(xs)


def cpu():
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor()


mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
print("# Benchmark results\n")
print(f"Run on {datetime.date.today().isoformat()}: {os.cpu_count()} cores ({cpu()}), "
      f"{mem:.0f} GiB, {platform.system()} {platform.release()}.")
print("Command: `bench/run` (sizes and runs: `BENCH_SIZES`, `BENCH_RUNS`); data from "
      "`bench/gen N 42 canonical`. Wall time is the median of the runs, peak RSS the median "
      "of `/usr/bin/time -v`'s maximum resident set size. The work: load the CSV, per-state "
      "totals and shares, one vendor's cumulative curve with revisions, repeat intervals "
      "(see bench/README.md). The three tools' figures were checked equal on 10^5 incidents "
      "before timing.\n")
sizes = sorted({n for n, _ in runs})
for n in sizes:
    size = os.path.getsize(os.path.join(out, f"incidents-{n}.csv"))
    print(f"## {n:,} incidents ({size / 2**20:,.0f} MiB CSV)\n")
    print("| tool | wall (s) | vs libbreach | peak RSS (MiB) | RSS / file | load | regions | vendor | repeats |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    base = med([w for w, _, _ in runs[(n, "libbreach")]]) if (n, "libbreach") in runs else None
    for tool in ("cat", "libbreach", "duckdb", "pandas"):
        if (n, tool) not in runs:
            continue
        rs = runs[(n, tool)]
        wall = med([w for w, _, _ in rs])
        rss = med([r for _, r, _ in rs]) / 1024
        steps = {k: med([s.get(k, 0) for _, _, s in rs]) for k in ("load", "regions", "vendor", "repeats")}
        ratio = f"{wall / base:.2f}x" if base and tool != "libbreach" else "1" if tool == "libbreach" else ""
        cells = " | ".join(f"{steps[k]:.3f}" if tool != "cat" else "" for k in steps)
        print(f"| {tool} | {wall:.2f} | {ratio} | {rss:,.0f} | {rss * 2**20 / size:.2f} | {cells} |")
    lb = runs.get((n, "libbreach"))
    if lb:
        st = {k: med([s[k] for _, _, s in lb]) for k in ("load", "regions", "repeats")}
        print(f"\nlibbreach throughput: load {n / st['load']:,.0f} incidents/s "
              f"({size / 2**20 / st['load']:.0f} MiB/s); per-state totals {n / max(st['regions'], 1e-9):,.0f} "
              f"incidents/s; repeat intervals {n / max(st['repeats'], 1e-9):,.0f} incidents/s.\n")

pairs = defaultdict(lambda: defaultdict(list))
pairs_tsv = os.path.join(out, "pairs.tsv")
if os.path.exists(pairs_tsv):
    for line in open(pairs_tsv):
        r, n, wall, user, sys_ = line.split()
        pairs[int(r)][int(n)].append((float(wall), float(user) + float(sys_)))
pairs = {r: p for r, p in pairs.items() if len(p) == 2}
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
        ms = med([w for w, _, _ in runs[(small, "libbreach")]])
        mb = med([w for w, _, _ in runs[(big, "libbreach")]])
        print(f" From the tables' medians above (runs minutes apart): {(mb / big) / (ms / small):.2f}x.", end="")
    print("\n")
