"""VCDB's victim.state for victims outside the US, against Debian's iso-codes (issue 16):
how many name no ISO 3166-2 subdivision of the victim's country, so that libbreach warns
and keeps the country (tests/test_io_veris.c, "n_foreign").

A state is a subdivision when it is its code ("CA-ON"), the code's part after the country
("ON" in CA: at most 3 characters) or its ISO name, case folded ("Ontario"). The victim's
country is the first of victim.country that is an ISO 3166-1 code or XK (not "Unknown").

    python3 tests/reference/vcdb_subdivisions.py ../shared/data/vcdb/vcdb.json.zip
    -> 14 (iso-codes 4.15)
"""
import json
import sys
import zipfile

ISO = "/usr/share/iso-codes/json"
countries = {c["alpha_2"] for c in json.load(open(f"{ISO}/iso_3166-1.json"))["3166-1"]} | {"XK"}
subs = json.load(open(f"{ISO}/iso_3166-2.json"))["3166-2"]
codes = {s["code"] for s in subs}
names = {(s["code"][:2], s["name"].lower()) for s in subs}

with zipfile.ZipFile(sys.argv[1]) as z:
    records = json.loads(z.read("vcdb.json"))
n = 0
for r in records:
    v = r.get("victim") or {}
    cs = [c for c in v.get("country") or [] if c and c != "Unknown" and c.upper() in countries]
    state = (v.get("state") or "").strip(" \t")
    if not cs or not state or cs[0].upper() == "US":
        continue
    cc = cs[0].upper()
    ok = ((len(state) > 3 and state.upper() in codes and state.upper()[:2] == cc)
          or (len(state) <= 3 and f"{cc}-{state.upper()}" in codes)
          or (cc, state.lower()) in names)
    n += not ok
print(n)
