"""Reference values for tests/test_link.c and tests/python (cross-source links): the WA
Attorney General's notices (Washington residents, no total) joined to the HHS 2024-07
snapshot's totals (both lists) of the same organisation within 120 days, with pandas and
a re-implementation of the entity-key rules of doc/model.md (not the library's code).

Run:  /usr/bin/python3 tests/reference/links.py [SHARED_DATA_DIR]
      (Debian python3-pandas; default directory ../shared/data beside the source tree)

Prints the number of links, of inconsistent ones (a WA count above the linked total, both
exact), and the figures the tests quote (Brightline, Advarra).
"""
import os
import sys

import pandas as pd
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from entity_key import entity_key  # noqa: E402  (one emulation of the key for every script)
key = entity_key


HERE = os.path.dirname(os.path.abspath(__file__))
DATA = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "..", "shared",
                                                          "data")
HHS = [os.path.join(DATA, "hhs-ocr-breach-portal", "snapshot-2024-07", f)
       for f in ("Source_Breach_Report.csv", "breach_report.csv")]
WA = os.path.join(DATA, "wa-ag-breach-notifications",
                  "Data_Breach_Notifications_Affecting_Washington_Residents_20240523.csv")
WINDOW = 120






def main():
    hhs = pd.concat([pd.read_csv(p, dtype=str, keep_default_na=False) for p in HHS])
    hhs = hhs[hhs["Individuals Affected"].str.strip() != ""].copy()
    hhs["key"] = hhs["Name of Covered Entity"].map(key)
    hhs["day"] = pd.to_datetime(hhs["Breach Submission Date"], format="%m/%d/%Y")
    hhs["n"] = hhs["Individuals Affected"].astype("int64")
    wa = pd.read_csv(WA, dtype=str, keep_default_na=False)
    wa = wa[wa["WashingtoniansAffected"].str.strip() != ""].copy()
    wa["key"] = wa["Name"].map(key)
    wa["day"] = pd.to_datetime(wa["DateSubmitted"].str[:10], format="%m/%d/%Y")
    wa["part"] = wa["WashingtoniansAffected"].astype("int64")
    m = wa.reset_index().merge(hhs[["key", "day", "n"]], on="key", suffixes=("", "_t"))
    m = m[(m["day_t"] - m["day"]).dt.days.abs() <= WINDOW]
    links = m.groupby("index").agg(name=("Name", "first"), part=("part", "first"),
                                   whole=("n", "sum"), n_totals=("n", "size"))
    bad = links[links["part"] > links["whole"]]
    print("WA notices with a count:", len(wa))
    print("links:", len(links))
    print("inconsistent (WA count above the linked total):", len(bad))
    print(bad.sort_values("name").to_string())
    for who in ("Brightline, Inc.", "Advarra, Inc."):
        r = links[links["name"].str.strip() == who].iloc[0]
        print("%s: %d of %d (%d notices), share %.17g" % (who, r.part, r.whole, r.n_totals,
                                                         r.part / r.whole))


if __name__ == "__main__":
    main()
