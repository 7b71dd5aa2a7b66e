"""Reference values for the notices that inputs of two formats may count twice
(include/breach/stats.h, breach_format_overlap: n_paired_notices, notices_twice; a time
series' periods[].n_twice): the HHS 2024-07 snapshot (both lists, loaded first) and the WA
Attorney General's list, with python's csv and the entity-key emulation of
tests/reference/entity_key.py (not the library's code).

The rule, as stats.h documents it: notices of one organisation (entity key) from two formats
whose reported dates are at most 120 days apart are paired; an organisation's paired
notices are cut into clusters wherever two of them lie more than 120 days apart; in each
cluster every format's notices but the most numerous format's (a tie: the format loaded
first, HHS) may count one incident again, each in the year of its own date.

Run:  /usr/bin/python3 tests/reference/two_formats.py [SHARED_DATA_DIR]
Prints JSON: paired, organisations, twice, by_year (year -> notices twice).
"""
import collections
import csv
import datetime
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from entity_key import entity_key  # noqa: E402  (one emulation of the key for every script)

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "..", "shared",
                                                          "data")
HHS = [os.path.join(DATA, "hhs-ocr-breach-portal", "snapshot-2024-07", f)
       for f in ("Source_Breach_Report.csv", "breach_report.csv")]
WA = os.path.join(DATA, "wa-ag-breach-notifications",
                  "Data_Breach_Notifications_Affecting_Washington_Residents_20240523.csv")
WINDOW = 120


def day(text):
    m, d, y = text.split()[0].split("/")
    return datetime.date(int(y), int(m), int(d))


def main():
    notices = collections.defaultdict(list)  # key -> [(date, format)]; 1 HHS, 2 WA
    for path in HHS:
        with open(path, newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                notices[entity_key(r["Name of Covered Entity"])].append(
                    (day(r["Breach Submission Date"]), 1))
    with open(WA, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            notices[entity_key(r["Name"])].append((day(r["DateSubmitted"]), 2))
    paired = organisations = 0
    by_year = collections.Counter()
    for key, v in notices.items():
        if not key:
            continue
        v.sort()
        p = [x for x in v if any(y[1] != x[1] and abs((y[0] - x[0]).days) <= WINDOW for y in v)]
        paired += len(p)
        organisations += bool(p)
        clusters = []
        for x in p:
            if not clusters or (x[0] - clusters[-1][-1][0]).days > WINDOW:
                clusters.append([])
            clusters[-1].append(x)
        for c in clusters:
            n = collections.Counter(fmt for _, fmt in c)
            stands = max(sorted(n), key=lambda fmt: (n[fmt], -fmt))
            for when, fmt in c:
                if fmt != stands:
                    by_year[str(when.year)] += 1
    print(json.dumps({"paired": paired, "organisations": organisations,
                      "twice": sum(by_year.values()), "by_year": dict(sorted(by_year.items()))}))


if __name__ == "__main__":
    main()
