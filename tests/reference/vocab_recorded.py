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
notices with a known type, or location). Usage:

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
    print("VCDB + HHS: ransomware %d of %d = %.6f [%.6f, %.6f]; hacking %d of %d; emr %d of %d"
          % (v["ransomware"], v["type_n"], v["ransomware"] / v["type_n"], lo, hi,
             v["hacking"] + h["hacking"], v["type_n"] + h["type_n"], h["loc_emr"],
             h["location_n"]))
