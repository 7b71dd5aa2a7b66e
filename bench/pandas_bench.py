"""bench/pandas_bench.py: the benchmark's work in pandas, with the same rules as libbreach
(see bench/README.md) and the same output lines as breach_bench.
    /usr/bin/python3 pandas_bench.py FILE VENDOR"""
import sys
import time

import pandas as pd

path, vendor = sys.argv[1], sys.argv[2]
times = {}
t = time.perf_counter()


def lap(name):
    global t
    n = time.perf_counter()
    times[name] = n - t
    t = n


df = pd.read_csv(path, dtype={"id": str, "entity": str, "entity_state": str, "breach_types": str,
                              "vendor": str, "regions": str, "affected": "uint64"},
                 parse_dates=["reported", "occurred_start"], keep_default_na=False)
df["rn"] = df["id"].str[1:].astype("int64")
lap("load")
# revisions: per (organisation, vendor) the latest notice stands
has_v = df["vendor"] != ""
latest = (df[has_v].sort_values(["reported", "rn"])
          .drop_duplicates(["entity", "vendor"], keep="last"))
sel = pd.concat([df[~has_v], latest])
parts = sel.loc[sel["regions"] != "", "regions"].str.split(";").explode()
kv = parts.str.split(":", n=1, expand=True)
totals = kv[1].astype("uint64").groupby(kv[0]).sum()
share = totals / totals.sum()
top = (pd.DataFrame({"code": totals.index, "total": totals.values, "share": share.values})
       .sort_values(["total", "code"], ascending=[False, True]).head(5))
lap("regions")
v = df[df["vendor"] == vendor].sort_values(["reported", "rn"])
delta = v["affected"].astype("int64") - v.groupby("entity")["affected"].shift(1).fillna(0).astype("int64")
curve = delta.groupby(v["reported"]).sum().cumsum()
lap("vendor")
days = sel[["entity", "occurred_start"]].drop_duplicates().sort_values(["entity", "occurred_start"])
gaps = days.groupby("entity")["occurred_start"].diff().dropna().dt.days
per_entity = days.groupby("entity").size()
lap("repeats")

last = int(curve.iloc[-1]) if len(curve) else 0
print(f"incidents {len(df)}")
print(f"selected {len(sel)}")
print(f"with_breakdown {(sel['regions'] != '').sum()}")
for row in top.itertuples():
    print(f"region {row.code} {row.total} {row.share:.10f}")
print(f"vendor_notices {len(v)}")
print(f"vendor_organisations {v['entity'].nunique()}")
print(f"vendor_individuals {last}")
print(f"vendor_curve_points {len(curve)} last {last}")
print(f"repeat_entities {(per_entity > 1).sum()} of {len(per_entity)}")
print(f"intervals {len(gaps)} median {gaps.median():.1f} mean {gaps.mean():.6f} "
      f"q1 {gaps.quantile(0.25):.2f} q3 {gaps.quantile(0.75):.2f}")
for k, s in times.items():
    print(f"time {k} {s:.4f}", file=sys.stderr)
