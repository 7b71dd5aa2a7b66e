"""Reference values for tests/test_counts.c (proportions and their intervals).

Run:  /usr/bin/python3 tests/reference/counts.py     (Debian python3-scipy 1.10, numpy 1.24)

Wilson intervals come from scipy.stats.binomtest(...).proportion_ci(method='wilson'),
Jeffreys intervals from scipy.stats.beta.ppf on Beta(x + 1/2, n - x + 1/2) (with 0 at x = 0
and 1 at x = n, Brown, Cai & DasGupta 2001), the bootstrap by resampling the incidents with
GSL's mt19937 stream (gslrng.py) and NumPy's default (type 7) percentiles.
"""
import os
import sys

import numpy as np
from scipy import stats

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gslrng import GslMt19937  # noqa: E402

HACKING, RANSOMWARE, UNAUTH, THEFT, LOSS, DISPOSAL, OTHER, UNKNOWN = range(8)
NAMES = ["hacking", "ransomware", "unauthorized_access", "theft", "loss",
         "improper_disposal", "other"]


def wilson(x, n, level):
    ci = stats.binomtest(x, n).proportion_ci(confidence_level=level, method="wilson")
    return ci.low, ci.high


def jeffreys(x, n, level):
    a = 1 - level
    lo = 0.0 if x == 0 else stats.beta.ppf(a / 2, x + 0.5, n - x + 0.5)
    hi = 1.0 if x == n else stats.beta.ppf(1 - a / 2, x + 0.5, n - x + 0.5)
    return lo, hi


def types_of(k):
    """The generated data set of test_counts.c: incident k's breach types (a set)."""
    if k % 10 == 3:
        return set()
    if k % 10 == 7:
        return {UNKNOWN}
    s = set()
    if k % 2 == 0:
        s.add(HACKING)
    if k % 3 == 0:
        s.add(RANSOMWARE)
    if k % 7 == 2:
        s.add(THEFT)
    if k % 5 == 1 or not s:
        s.add(UNAUTH)
    return s


def main():
    print("== proportion_ci")
    for x, n, level in [(0, 30, 0.95), (7, 30, 0.95), (30, 30, 0.95), (17, 123, 0.90),
                        (2385, 9540, 0.95), (1, 5, 0.99), (31234, 1000000, 0.95)]:
        print(f"{{{x}, {n}, {level}, {wilson(x, n, level)[0]!r}, {wilson(x, n, level)[1]!r}, "
              f"{jeffreys(x, n, level)[0]!r}, {jeffreys(x, n, level)[1]!r}}},")

    N = 60
    sets = [types_of(k) for k in range(N)]
    known = [s - {UNKNOWN} for s in sets]
    members = [k for k in range(N) if known[k]]
    n = len(members)
    counts = [sum(1 for k in members if t in known[k]) for t in range(7)]
    print("== generated set: n =", n, "unknown =", N - n, "counts =", counts)
    for t in range(7):
        print(f"  {NAMES[t]:20s} x={counts[t]:2d} wilson={wilson(counts[t], n, .95)!r} "
              f"jeffreys={jeffreys(counts[t], n, .95)!r}")
    # include_unknown: n = 60, unknown row x = N - n
    print("  include_unknown: n = 60, unknown", N - n, "wilson", wilson(N - n, N, .95),
          "hacking", wilson(counts[0], N, .95))

    # bootstrap: B = 400, seed 7, level 0.9, over the n known incidents in dataset order
    B, seed, level = 400, 7, 0.90
    r = GslMt19937(seed)
    reps = np.zeros((7, B))
    for b in range(B):
        tally = [0] * 7
        for _ in range(n):
            k = members[r.uniform_int(n)]
            for t in known[k]:
                tally[t] += 1
        reps[:, b] = np.array(tally) / n
    a = 1 - level
    for t in range(7):
        lo, hi = np.quantile(reps[t], [a / 2, 1 - a / 2])
        print(f"  bootstrap {NAMES[t]:20s} {lo!r} {hi!r}")


if __name__ == "__main__":
    main()


# ---------------------------------------------------------------- the real HHS file
HHS_TYPES = {"Hacking/IT Incident": HACKING, "Unauthorized Access/Disclosure": UNAUTH,
             "Theft": THEFT, "Loss": LOSS, "Improper Disposal": DISPOSAL, "Other": OTHER,
             "Unknown": UNKNOWN}


def hhs_rows():
    """Both lists of the 2024-07 snapshot, read with Python's csv module (not libbreach)."""
    import csv
    base = os.environ.get("BREACH_SHARED_DATA",
                          os.path.join(os.path.dirname(__file__), "../../../shared/data"))
    d = os.path.join(base, "hhs-ocr-breach-portal/snapshot-2024-07")
    rows = []
    for name in ("Source_Breach_Report.csv", "breach_report.csv"):
        with open(os.path.join(d, name), newline="", encoding="utf-8") as fh:
            rows += list(csv.DictReader(fh))
    return rows


def hhs():
    rows = hhs_rows()
    print("== HHS 2024-07, both lists:", len(rows), "rows")
    sets = []
    for r in rows:
        s = {HHS_TYPES[t.strip()] for t in r["Type of Breach"].split(",") if t.strip()}
        sets.append(s - {UNKNOWN})
    n = sum(1 for s in sets if s)
    counts = [sum(1 for s in sets if t in s) for t in range(7)]
    print("  types: n =", n, "unknown =", len(rows) - n, "counts =", counts)
    print("  hacking wilson", wilson(counts[HACKING], n, .95), "jeffreys",
          jeffreys(counts[HACKING], n, .95))
    et = {}
    for r in rows:
        k = r["Covered Entity Type"].strip()
        et[k] = et.get(k, 0) + 1
    print("  entity types:", sorted(et.items(), key=lambda kv: -kv[1]))
    # affected by entity type (exact sums; one empty count in the archive)
    aff = {}
    for r in rows:
        k = r["Covered Entity Type"].strip()
        v = r["Individuals Affected"].strip()
        aff[k] = aff.get(k, 0) + (int(v) if v else 0)
    print("  affected by entity type (known counts):", aff)
    st = {}
    for r in rows:
        k = r["State"].strip()
        st[k] = st.get(k, 0) + 1
    print("  states: unknown", st.get("", 0), "top", sorted(st.items(), key=lambda kv: -kv[1])[:3])


if __name__ == "__main__" and os.path.isdir(os.environ.get(
        "BREACH_SHARED_DATA", os.path.join(os.path.dirname(__file__), "../../../shared/data"))):
    hhs()
