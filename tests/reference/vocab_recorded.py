"""Breach types and locations a source cannot state, recomputed from the raw files with the
csv, json and zipfile modules (no libbreach): what `breachstat categories --by type` /
`--by location` and Dataset.counts("type") / ("location") must give (doc/vocabularies.md,
"What each source can say").

- The HHS portal's "Type of Breach" has no ransomware value (a ransomware filing is
  "Hacking/IT Incident"): ransomware is not recorded on HHS alone. Its "Location of Breached
  Information" has every location of the model.
- VERIS states every type (ransomware: action.malware.variety "Ransomware") and every
  location but emr (no asset variety is an electronic medical record).
- WA's causes and attack types give hacking, ransomware, unauthorized_access and other
  only ("Theft or Mistake" is other): theft, loss, improper_disposal are not recorded; it
  has no location column.

A level some sources state is counted over the notices inside n from those sources (n: the
notices with a known type, or location). In a cross-tab (`breachstat counts --of type --by
location`) the same holds within each column, and a notice whose source can state no level
of the `by` dimension (WA's location, HHS's category) is in no column: crosstabs() gives
the columns and cells on WA + HHS (types by location) and VCDB + HHS (types by category).
Usage:

    python3 vocab_recorded.py HHS_ARCHIVE.csv HHS_OPEN.csv VCDB_ZIP WA.csv
"""
import csv
import json
import math
import sys
import zipfile

HHS_TYPES = {"hacking/it incident": "hacking", "unauthorized access/disclosure":
             "unauthorized_access", "theft": "theft", "loss": "loss",
             "improper disposal": "improper_disposal", "other": "other"}
HHS_LOCATIONS = {"network server": "network_server", "email": "email",
                 "paper/films": "paper", "laptop": "laptop", "desktop computer": "desktop",
                 "electronic medical record": "emr",
                 "other portable electronic device": "portable_device", "other": "other"}


def wilson(x, n, z=1.959963984540054):
    c = (x + z * z / 2) / (n + z * z)
    h = z / (n + z * z) * math.sqrt(x * (n - x) / n + z * z / 4)
    return (0.0 if x == 0 else max(0.0, c - h)), (1.0 if x == n else min(1.0, c + h))


def _items(cell, vocab):
    """The model's levels a comma-separated HHS cell names (Unknown and empty: none)."""
    return {vocab[v] for v in (" ".join(p.split()).lower() for p in cell.split(","))
            if v in vocab}


def hhs(*paths):
    """Per type and location: the count, and n (notices with a known type / location)."""
    rows = []
    for p in paths:
        with open(p, newline="", encoding="utf-8", errors="replace") as f:
            rows += list(csv.DictReader(f))
    types = [_items(r["Type of Breach"], HHS_TYPES) for r in rows]
    locs = [_items(r["Location of Breached Information"], HHS_LOCATIONS) for r in rows]
    out = {"notices": len(rows), "type_n": sum(bool(t) for t in types),
           "location_n": sum(bool(s) for s in locs)}
    for t in HHS_TYPES.values():
        out[t] = sum(t in s for s in types)
    for loc in HHS_LOCATIONS.values():
        out["loc_" + loc] = sum(loc in s for s in locs)
    return out


def hhs_by_location(*paths):
    """Types by location on HHS: per location, n (its notices with a known type) and the
    hacking, theft and unauthorized_access counts among them."""
    rows = []
    for p in paths:
        with open(p, newline="", encoding="utf-8", errors="replace") as f:
            rows += list(csv.DictReader(f))
    out = {}
    for r in rows:
        types = _items(r["Type of Breach"], HHS_TYPES)
        for loc in _items(r["Location of Breached Information"], HHS_LOCATIONS):
            col = out.setdefault(loc, {"incidents": 0, "n": 0, "hacking": 0, "theft": 0,
                                       "unauthorized_access": 0})
            col["incidents"] += 1
            col["n"] += bool(types)
            for t in ("hacking", "theft", "unauthorized_access"):
                col[t] += t in types
    return out


def vcdb_unknown_category(path):
    """VCDB incidents with no known category (no data variety but Unknown; the column
    'unknown' of types by category), of them n (a known type) and hacking."""
    with zipfile.ZipFile(path) as z:
        raw = json.loads(z.read("vcdb.json"))
    out = {"incidents": 0, "n": 0, "hacking": 0}
    for r in raw:
        data = (((r.get("attribute") or {}).get("confidentiality") or {}).get("data")) or []
        if {d.get("variety") for d in data if isinstance(d, dict)} - {"Unknown", None}:
            continue
        action = r.get("action") or {}
        keys = [k for k in action if k not in ("unknown", "Unknown")]
        rw = "Ransomware" in (((action.get("malware") or {}).get("variety")) or [])
        out["incidents"] += 1
        out["n"] += bool(keys)
        out["hacking"] += "hacking" in keys or "social" in keys or ("malware" in keys and not rw)
    return out


def vcdb(path):
    """n of known types (an action category other than unknown), ransomware and hacking
    (io_veris.c's map_types), n of known locations (an asset variety that is not Unknown)."""
    with zipfile.ZipFile(path) as z:
        raw = json.loads(z.read("vcdb.json"))
    type_n = ransomware = hacking = location_n = 0
    for r in raw:
        action = r.get("action") or {}
        keys = [k for k in action if k not in ("unknown", "Unknown")]
        type_n += bool(keys)
        malware = action.get("malware") or {}
        rw = "Ransomware" in (malware.get("variety") or [])
        ransomware += rw
        hacking += "hacking" in keys or "social" in keys or ("malware" in keys and not rw)
        assets = ((r.get("asset") or {}).get("assets")) or []
        location_n += any(not (a.get("variety", "Unknown") == "Unknown" or
                               (a.get("variety", "").endswith("- Unknown")
                                and not a["variety"].startswith("S")))
                          for a in assets)
    return {"incidents": len(raw), "type_n": type_n, "ransomware": ransomware,
            "hacking": hacking, "location_n": location_n}


def wa(path):
    """n of known types (a cause or attack type the loader maps) and ransomware."""
    with open(path, newline="", encoding="utf-8", errors="replace") as f:
        rows = list(csv.DictReader(f))
    causes = {"Cyberattack", "Unauthorized Access", "Theft or Mistake"}
    attacks = {"Ransomware", "Malware", "Phishing", "Skimmers"}
    known = [r for r in rows if r["DataBreachCause"] in causes or
             r["CyberattackType"] in attacks]
    return {"notices": len(rows), "type_n": len(known),
            "ransomware": sum(r["CyberattackType"] == "Ransomware" for r in known)}


if __name__ == "__main__":
    h, v, w = hhs(sys.argv[1], sys.argv[2]), vcdb(sys.argv[3]), wa(sys.argv[4])
    print("HHS: %(notices)d notices, types n %(type_n)d (hacking %(hacking)d, other "
          "%(other)d), locations n %(location_n)d (emr %(loc_emr)d)" % h)
    print("VCDB: %(incidents)d incidents, types n %(type_n)d (ransomware %(ransomware)d, "
          "hacking %(hacking)d), locations n %(location_n)d" % v)
    print("WA: %(notices)d notices, types n %(type_n)d (ransomware %(ransomware)d)" % w)
    lo, hi = wilson(v["ransomware"], v["type_n"])
    print("VCDB + HHS: ransomware %d of %d = %r [%r, %r]; hacking %d of %d; emr %d of %d"
          % (v["ransomware"], v["type_n"], v["ransomware"] / v["type_n"], lo, hi,
             v["hacking"] + h["hacking"], v["type_n"] + h["type_n"], h["loc_emr"],
             h["location_n"]))
    x = hhs_by_location(sys.argv[1], sys.argv[2])
    print("WA + HHS, types by location: WA's %d notices in no column; %s" % (w["notices"], "; ".join(
        "%s n %d (hacking %d, theft %d, unauthorized_access %d)"
        % (k, c["n"], c["hacking"], c["theft"], c["unauthorized_access"])
        for k, c in sorted(x.items()))))
    lo, hi = wilson(x["laptop"]["theft"], x["laptop"]["n"])
    print("  theft x laptop %d of %d = %.9f [%.9f, %.9f]" % (
        x["laptop"]["theft"], x["laptop"]["n"], x["laptop"]["theft"] / x["laptop"]["n"], lo, hi))
    u = vcdb_unknown_category(sys.argv[3])
    print("VCDB + HHS, types by category: HHS's %d notices in no column; unknown column "
          "%d incidents, n %d, hacking %d" % (h["notices"], u["incidents"], u["n"], u["hacking"]))
