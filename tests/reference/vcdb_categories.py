"""Categories a source cannot state, recomputed from the raw files with the json module
(no libbreach): what `breachstat categories` and Dataset.counts("category") must give on
VCDB alone and on VCDB + HIBP (doc/vocabularies.md, "What each source can say").

VERIS's data varieties (attribute.confidentiality.data[].variety) map onto five categories
only: medical, payment_card, financial_account, credentials, other (`Unknown` maps to none);
name, SSN, address, date of birth ... are "not recorded" on VCDB, never 0 %. HIBP's data
classes map onto every category but `employee`. A category some sources state is counted
over the notices of those sources inside n (incidents with a known category).

Usage: python3 vcdb_categories.py VCDB_ZIP HIBP_JSON
"""
import json
import math
import sys
import zipfile

NAMES = {"Names", "Family members' names", "Spouses names"}   # HIBP classes -> name
MEDICAL_HIBP = {"HIV statuses", "Personal health data"}       # HIBP classes -> medical


def wilson(x, n, z=1.959963984540054):
    c = (x + z * z / 2) / (n + z * z)
    h = z / (n + z * z) * math.sqrt(x * (n - x) / n + z * z / 4)
    return max(0.0, c - h), min(1.0, c + h)


def vcdb(path):
    with zipfile.ZipFile(path) as z:
        raw = json.loads(z.read("vcdb.json"))
    varieties = []
    for r in raw:
        data = (((r.get("attribute") or {}).get("confidentiality") or {}).get("data")) or []
        varieties.append({d.get("variety") for d in data if isinstance(d, dict)})
    known = [v for v in varieties if v - {"Unknown", None}]
    return {"incidents": len(raw), "n": len(known),
            "medical": sum("Medical" in v for v in known),
            "personal": sum("Personal" in v for v in varieties)}


def hibp(path):
    with open(path, encoding="utf-8") as f:
        raw = json.load(f)
    known = [set(b["DataClasses"]) for b in raw if b["DataClasses"]]
    return {"n": len(known), "name": sum(bool(c & NAMES) for c in known),
            "medical": sum(bool(c & MEDICAL_HIBP) for c in known)}


if __name__ == "__main__":
    v, h = vcdb(sys.argv[1]), hibp(sys.argv[2])
    print("VCDB: %(incidents)d incidents, n %(n)d, medical %(medical)d, Personal %(personal)d" % v)
    print("HIBP: n %(n)d, name %(name)d, medical %(medical)d" % h)
    lo, hi = wilson(h["name"], h["n"])
    print("VCDB + HIBP: name %d of %d = %.6f [%.6f, %.6f]; medical %d of %d"
          % (h["name"], h["n"], h["name"] / h["n"], lo, hi, v["medical"] + h["medical"],
             v["n"] + h["n"]))
