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
import re
import unicodedata
import sys

import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "..", "shared",
                                                          "data")
HHS = [os.path.join(DATA, "hhs-ocr-breach-portal", "snapshot-2024-07", f)
       for f in ("Source_Breach_Report.csv", "breach_report.csv")]
WA = os.path.join(DATA, "wa-ag-breach-notifications",
                  "Data_Breach_Notifications_Affecting_Washington_Residents_20240523.csv")
WINDOW = 120
LEGAL = {"inc", "incorporated", "llc", "llp", "lp", "pllc", "ltd", "limited", "corp",
         "corporation", "corporations", "co", "company", "plc", "pc", "pa", "gmbh", "ag",
         "sa", "nv", "bv"}


def unicode_fold(s):
    """Rule 0 (issue 16): a name with a character outside ASCII as utf8proc_map gives it
    with COMPAT | COMPOSE | CASEFOLD | STRIPMARK: compatibility decomposition, full case
    folding, combining marks (Mn, Mc, Me) dropped, recomposed."""
    if s.isascii():
        return s
    d = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", s).casefold())
    return unicodedata.normalize("NFC", "".join(c for c in d if unicodedata.category(c) not in
                                                 ("Mn", "Mc", "Me")))


def key(name):
    """doc/model.md "Entity keys": drop ' . ( ) and typographic apostrophes, & is "and",
    other ASCII punctuation, dashes and no-break spaces are spaces, lower-case ASCII,
    collapse spaces, drop a leading "the" and trailing legal forms (never the last word)."""
    if not isinstance(name, str):
        return ""
    s = re.sub(r"['.()\u2018\u2019]", "", unicode_fold(name))
    s = s.replace("&", " and ")
    s = re.sub(r"[\u2010-\u2015\u00a0]", " ", s)
    s = "".join(c.lower() if c.isascii() and c.isalpha() else
                c if (not c.isascii() or c.isdigit()) else " " for c in s)
    words = s.split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and words[-1] in LEGAL:
        words = words[:-1]
    return " ".join(words)


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
