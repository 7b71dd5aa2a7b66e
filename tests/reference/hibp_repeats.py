"""Reference values for tests/test_io_hibp.c (repeats over the HIBP list keyed by Domain).

Run:  /usr/bin/python3 tests/reference/hibp_repeats.py [path/to/breaches.json]

Each breach's organisation is its Domain, or its Title when the Domain is empty (io.h);
names are folded by the entity-key rules of include/breach/incident.h, written again here
with regular expressions. An organisation is hit again when it has two different
BreachDate values (same-day breaches are one episode); intervals = distinct dates - 1.
"""
import collections
import json
import sys
import os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from entity_key import entity_key  # noqa: E402  (one emulation of the key for every script)
key = entity_key








path = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/hibp/breaches.json"
breaches = json.load(open(path, encoding="utf-8"))
dates = collections.defaultdict(set)
n = collections.Counter()
domains = collections.Counter(b["Domain"] for b in breaches if b["Domain"])
for b in breaches:
    k = key(b["Domain"] or b["Title"])
    dates[k].add(b["BreachDate"])
    n[k] += 1
print("domains with 2+ breaches:", sum(1 for c in domains.values() if c > 1),
      "holding", sum(c for c in domains.values() if c > 1))
print("organisations:", len(dates))
print("hit more than once:", sum(1 for s in dates.values() if len(s) > 1))
print("intervals:", sum(len(s) - 1 for s in dates.values()))
print("several breaches on one date only:", [k for k in dates if n[k] > 1 and len(dates[k]) == 1])
