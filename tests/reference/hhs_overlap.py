"""Reference values for tests/test_input.c and tests/test_breachstat.sh: which rows of the
HHS 2023-05 snapshot the 2024-07 snapshot (archive + under-investigation lists) no longer
lists, and what the three files give together once each notice is counted once.

Run:  /usr/bin/python3 tests/reference/hhs_overlap.py [SHARED_DATA]   (Debian python3-pandas)

Identity is (entity key, state, submission date); the key is written here afresh from the
rules in include/breach/incident.h (breach_entity_key). Printed: rows and individuals of
2024-07; the 2023-05 rows whose identity 2024-07 does not list (by key, and by the name
only case- and space-folded, as the issue counted them); the rows of 2023-05 whose
identity each 2024-07 list has; the identities the two 2024-07 lists share; then the
renamed rows (libbreach/input.c, pass 3): a 2023-05 row whose identity 2024-07 does not
list, paired one to one (in file order, the newer list first) with a 2024-07 row of the
same state, date and exact count (500 and 501 excepted) whose identity 2023-05 does not
list; and what stays: the 2023-05 notices that 2024-07 no longer lists under any name.
"""
import sys

import pandas as pd
import os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from entity_key import entity_key  # noqa: E402  (one emulation of the key for every script)


D = (sys.argv[1] if len(sys.argv) > 1 else "../shared/data") + "/hhs-ocr-breach-portal/"






def read(rel):
    df = pd.read_csv(D + rel, dtype=str, keep_default_na=False)
    df["n"] = pd.to_numeric(df["Individuals Affected"], errors="coerce")
    df["key"] = list(zip(df["Name of Covered Entity"].map(entity_key), df["State"].str.strip(),
                         df["Breach Submission Date"].str.strip()))
    df["folded"] = list(zip(df["Name of Covered Entity"].map(lambda s: " ".join(s.split()).casefold()),
                            df["State"].str.strip(), df["Breach Submission Date"].str.strip()))
    return df


old = read("snapshot-2023-05/breach_report.csv")
arc = read("snapshot-2024-07/Source_Breach_Report.csv")
ui = read("snapshot-2024-07/breach_report.csv")
new = pd.concat([arc, ui])
print("2024-07 rows", len(new), "individuals", int(new["n"].sum()))
for col in ("key", "folded"):
    gone = old[~old[col].isin(set(new[col]))]
    print(f"2023-05 rows not listed by 2024-07 ({col}):", len(gone), "individuals",
          int(gone["n"].sum()))
# the newer list stands for an identity both list: under investigation (to 06/28/2024)
# is newer than the archive (to 04/26/2024)
print("2023-05 rows whose identity the under-investigation list has:",
      int(old["key"].isin(set(ui["key"])).sum()))
print("... the archive (and not the other list):",
      int((old["key"].isin(set(arc["key"])) & ~old["key"].isin(set(ui["key"]))).sum()))
print("identities the two 2024-07 lists share:", sorted(set(arc["key"]) & set(ui["key"])))
gone = old[~old["key"].isin(set(new["key"]))]
pools = []
for lst in (ui, arc):  # the under-investigation list is the newer one
    pool = {}
    for _, r in lst[~lst["key"].isin(set(old["key"]))].iterrows():
        k = (r["State"].strip(), r["Breach Submission Date"].strip(), r["Individuals Affected"])
        pool.setdefault(k, []).append(r["Name of Covered Entity"])
    pools.append(pool)
renamed = [0, 0]
kept = []
for _, r in gone.iterrows():
    k = (r["State"].strip(), r["Breach Submission Date"].strip(), r["Individuals Affected"])
    for p, pool in enumerate(pools):
        if r["Individuals Affected"] not in ("500", "501", "") and pool.get(k):
            pool[k].pop(0)
            renamed[p] += 1
            break
    else:
        kept.append(r)
print("renamed rows of 2023-05: under investigation", renamed[0], "archive", renamed[1])
print("2023-05 notices 2024-07 no longer lists under any name:", len(kept), "individuals",
      sum(int(r["Individuals Affected"]) for r in kept))
for r in kept:
    print("  kept from 2023-05:", r["Name of Covered Entity"], r["State"],
          r["Breach Submission Date"], r["Individuals Affected"])
