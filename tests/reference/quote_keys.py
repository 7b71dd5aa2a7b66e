"""What folding typographic quotes and sign markers into the entity key changed on the real
files (include/breach/incident.h, rules 1 and 2: U+201A, U+201B, U+2032 and the grave
accent deleted as the apostrophe is, U+201C-U+201F spaces as '"' is, "(TM)" "(SM)" "(R)"
"(C)" spaces as the signs are). Keys by tests/reference/entity_key.py, with the rule
(quotes=True) and without it (quotes=False).

Run:  /usr/bin/python3 tests/reference/quote_keys.py [SHARED_DATA]

For each source: the names (HHS "Name of Covered Entity", both 2024-07 lists together;
WA "Name"; VCDB victim.victim_id; HIBP the Domain, else the Title, as io_hibp.c), the
distinct keys before and after, the names whose key changed, and every key that now holds
names of two keys before (the merges), with its names.
"""
import collections
import csv
import glob
import json
import os
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from entity_key import entity_key  # noqa: E402  (one emulation of the key for every script)

D = (sys.argv[1] if len(sys.argv) > 1 else "../shared/data") + "/"


def csv_names(path, column):
    with open(path, encoding="utf-8", newline="") as f:
        return [r[column] for r in csv.DictReader(f)]


def hhs(*rels):
    return [n for rel in rels for n in
            csv_names(D + "hhs-ocr-breach-portal/" + rel, "Name of Covered Entity")]


def vcdb():
    recs = json.load(zipfile.ZipFile(D + "vcdb/vcdb.json.zip").open("vcdb.json"))
    return [r["victim"]["victim_id"] for r in recs
            if isinstance(r.get("victim", {}).get("victim_id"), str)]


SOURCES = {
    "HHS 2023-05": lambda: hhs("snapshot-2023-05/breach_report.csv"),
    "HHS 2024-07": lambda: hhs("snapshot-2024-07/Source_Breach_Report.csv",
                               "snapshot-2024-07/breach_report.csv"),
    "HHS both": lambda: hhs("snapshot-2023-05/breach_report.csv",
                            "snapshot-2024-07/Source_Breach_Report.csv",
                            "snapshot-2024-07/breach_report.csv"),
    "WA": lambda: csv_names(glob.glob(D + "wa-ag-breach-notifications/*.csv")[0], "Name"),
    "VCDB": vcdb,
    "HIBP": lambda: [b["Domain"] or b["Title"] for b in
                     json.load(open(D + "hibp/breaches.json", encoding="utf-8"))],
}
# across sources: the links and the cross-source repeats compare HHS's keys with WA's
SOURCES["HHS 2024-07 + WA"] = lambda: SOURCES["HHS 2024-07"]() + SOURCES["WA"]()
SOURCES["all"] = lambda: [n for s in ("HHS both", "WA", "VCDB", "HIBP") for n in SOURCES[s]()]

for source, names in SOURCES.items():
    names = names()
    before = {n: entity_key(n, quotes=False) for n in names}
    after = {n: entity_key(n) for n in names}
    old_keys = collections.defaultdict(set)
    for n in names:
        if after[n]:
            old_keys[after[n]].add(before[n])
    merged = {k: v for k, v in old_keys.items() if len(v) > 1}
    print("%s: %d names, %d keys before, %d after; %d distinct names changed key; %d merges"
          % (source, len(names), len({k for k in before.values() if k}),
             len({k for k in after.values() if k}),
             sum(1 for n in set(names) if before[n] != after[n]), len(merged)))
    for k, olds in sorted(merged.items()):
        print("  %r <- %s" % (k, sorted({n.strip() for n in names if after[n] == k})))
