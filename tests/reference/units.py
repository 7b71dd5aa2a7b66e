"""Reference values for the unit rule (tests/test_counts.c, test_dist.c, test_stats.c,
tests/test_breachstat.sh and tests/python): every figure below is computed from the raw
files in ../shared/data with pandas and the json/zipfile modules, without libbreach.

Run:  /usr/bin/python3 tests/reference/units.py     (Debian python3-pandas)

HHS rows count individuals, HIBP's PwnCount accounts, VCDB's data_total records: a total
that mixes them is no total, so each figure is per source (= per unit).
"""
import io
import json
import os
import sys
import zipfile

import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.environ.get("BREACH_SHARED_DATA") or os.path.join(HERE, "..", "..", "..", "shared",
                                                            "data")
HHS = [os.path.join(DATA, "hhs-ocr-breach-portal", "snapshot-2024-07", f)
       for f in ("Source_Breach_Report.csv", "breach_report.csv")]


def main():
    # ---- HIBP: accounts
    with open(os.path.join(DATA, "hibp", "breaches.json"), encoding="utf-8") as f:
        hibp = pd.DataFrame(json.load(f))
    print("== hibp")
    print("breaches", len(hibp))
    print("pwncount sum", int(hibp["PwnCount"].sum()))
    print("pwncount median", hibp["PwnCount"].median())
    print("pwncount max", int(hibp["PwnCount"].max()))

    # ---- HHS 2024-07, both lists: individuals
    hhs = pd.concat([pd.read_csv(p, dtype=str, keep_default_na=False) for p in HHS])
    ind = pd.to_numeric(hhs["Individuals Affected"].str.strip(), errors="coerce")
    print("== hhs 2024-07")
    print("rows", len(hhs))
    print("with a figure", int(ind.notna().sum()))
    print("individuals sum", int(ind.sum()))
    print("individuals median", ind.median())
    et = hhs["Covered Entity Type"].str.strip()
    for t in ("Business Associate", ""):
        sel = et == t
        print("entity type %r: rows %d individuals %d" % (t, int(sel.sum()), int(ind[sel].sum())))
    st = hhs["State"].str.strip()
    for s in ("CA", "TX"):
        sel = st == s
        print("state %s: rows %d individuals %d" % (s, int(sel.sum()), int(ind[sel].sum())))

    # ---- VCDB: records, by the victim organisation's state
    with zipfile.ZipFile(os.path.join(DATA, "vcdb", "vcdb.json.zip")) as z:
        vcdb = json.load(io.TextIOWrapper(z.open("vcdb.json"), encoding="utf-8"))
    rows = []
    for inc in vcdb:
        v = inc.get("victim", {})
        conf = inc.get("attribute", {}).get("confidentiality", {})
        rows.append({"state": v.get("state"), "country": tuple(v.get("country", [])),
                     "data_total": conf.get("data_total")})
    vc = pd.DataFrame(rows)
    # California as VCDB spells it ("CA" 760 times, "US-CA" 11, "California" 3), for a
    # victim whose country is the US (libbreach's io_veris.c rule: the first known country)
    ca_names = {"CA", "US-CA", "CALIFORNIA"}
    first_known = vc["country"].apply(lambda c: next((x for x in c if x != "Unknown"), None))
    ca = vc[vc["state"].fillna("").str.strip().str.upper().isin(ca_names) & (first_known == "US")]
    print("== vcdb")
    print("incidents", len(vc))
    print("with data_total", int(vc["data_total"].notna().sum()))
    print("records sum", int(vc["data_total"].dropna().sum()))
    print("CA incidents %d, with data_total %d, records %d"
          % (len(ca), int(ca["data_total"].notna().sum()), int(ca["data_total"].dropna().sum())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
