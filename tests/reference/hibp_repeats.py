"""Reference values for tests/test_io_hibp.c (repeats over the HIBP list keyed by Domain).

Run:  /usr/bin/python3 tests/reference/hibp_repeats.py [path/to/breaches.json]

Each breach's organisation is its Domain, or its Title when the Domain is empty (io.h);
names are folded by the entity-key rules of include/breach/incident.h, written again here
with regular expressions. An organisation is hit again when it has two different
BreachDate values (same-day breaches are one episode); intervals = distinct dates - 1.
"""
import collections
import json
import re
import unicodedata
import sys

LEGAL = set("inc incorporated llc llp lp pllc ltd limited corp corporation corporations co "
            "company plc pc pa gmbh ag sa nv bv".split())


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
    s = re.sub(r"['.()\u2018\u2019]", "", unicode_fold(name))
    s = s.replace("&", " and ")
    s = re.sub(r"[\u2010-\u2015\u00a0]", " ", s)
    s = "".join(c if (ord(c) >= 0x80 or c.isalnum()) else " " for c in s).lower()
    w = s.split()
    if len(w) > 1 and w[0] == "the":
        w = w[1:]
    while len(w) > 1 and w[-1] in LEGAL:
        w = w[:-1]
    return " ".join(w)


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
