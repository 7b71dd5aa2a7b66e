"""Reference values for tests/test_link.c and tests/python (cross-source links): the WA
Attorney General's notices (Washington residents, no total) joined to the HHS 2024-07
snapshot's totals (both lists) of the same organisation within 120 days, with pandas and
a re-implementation of the entity-key rules of doc/model.md (not the library's code).

Run:  /usr/bin/python3 tests/reference/links.py [SHARED_DATA_DIR]
      (Debian python3-pandas; default directory ../shared/data beside the source tree)

Prints the number of links, of inconsistent ones (a WA count above the linked total, both
exact), and the figures the tests quote (Brightline, Advarra, Fred Hutchinson).

The totals in a notice's window are cut into filings as doc/model.md says: in date order a
total joins the filing before it when it is on the same day as the last one, or when it and
the filing's first are both a business associate's ("Covered Entity Type") and it is at
most 60 days after that first; the filing nearest the WA notice (the smallest distance of
one of its totals; on a tie the earlier) is linked.
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
    hhs["ba"] = hhs["Covered Entity Type"].str.strip().str.lower() == "business associate"
    m = wa.reset_index().merge(hhs[["key", "day", "n", "ba"]], on="key", suffixes=("", "_t"))
    m = m[(m["day_t"] - m["day"]).dt.days.abs() <= WINDOW]
    # files: the window's totals cut into filings, the nearest kept (stable: file order on
    # a day, as the library's radix sort keeps it)
    m = m.sort_values(["index", "day_t"], kind="stable")
    keep = []
    for _, g in m.groupby("index", sort=False):
        filing, first, first_ba, last, fid, dist = [], None, False, None, 0, []
        for r in g.itertuples():
            joins = fid and (r.day_t == last or (r.ba and first_ba and (r.day_t - first).days <= 60))
            if not joins:
                fid += 1
                first, first_ba = r.day_t, r.ba
            last = r.day_t
            filing.append(fid)
            dist.append(abs((r.day_t - r.day).days))
        best = filing[min(range(len(dist)), key=lambda k: (dist[k], filing[k]))]
        keep += [f == best for f in filing]
    m = m[keep]
    links = m.groupby("index").agg(name=("Name", "first"), part=("part", "first"),
                                   whole=("n", "sum"), n_totals=("n", "size"))
    bad = links[links["part"] > links["whole"]]
    print("WA notices with a count:", len(wa))
    print("links:", len(links))
    print("inconsistent (WA count above the linked total):", len(bad))
    print(bad.sort_values("name").to_string())
    for who in ("Brightline, Inc.", "Advarra, Inc.", "Fred Hutchinson Cancer Center"):
        for r in links[links["name"].str.strip() == who].itertuples():
            print("%s: %d of %d (%d notices), share %.17g" % (who, r.part, r.whole, r.n_totals,
                                                             r.part / r.whole))


if __name__ == "__main__":
    main()
