#!/usr/bin/env python3
"""Writes the JSON fixtures of tests/test_io_veris.c and tests/test_io_hibp.c.

Run from the repository root: python3 tests/data/make_json_fixtures.py
The incidents are invented (fictional organisations); only their shape follows VERIS 1.3.4
and the HIBP v3 breach list. The output is deterministic (the zips carry fixed dates).
"""
import json
import os
import zipfile

V = "tests/data/veris"
H = "tests/data/hibp"


def write(path, text, mode="w"):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, mode) as f:
        f.write(text)


INCIDENT = """{
  "schema_version": "1.3.4",
  "incident_id": "F00D0001-0000-4000-8000-000000000001",
  "source_id": "vcdb",
  "summary": "Ransomware encrypted the clinic's records server; a vendor's remote-support account was used.",
  "reference": "https://example.org/notice/1",
  "campaign_id": "C0FFEE00-0000-4000-8000-00000000CAFE",
  "victim": {
    "victim_id": "Mercy Valley Clinic, Inc.",
    "industry": "621111",
    "country": ["US"],
    "state": "ME",
    "employee_count": "101 to 1000"
  },
  "actor": {
    "external": {"variety": ["Organized crime"], "motive": ["Financial"], "name": ["ALPHV"]},
    "partner": {"name": ["RemoteCare Support LLC"], "industry": "541512", "motive": ["NA"], "country": ["US"], "region": ["019021"]}
  },
  "action": {
    "malware": {"variety": ["Ransomware", "Export data"], "vector": ["Direct install"]},
    "hacking": {"variety": ["Use of stolen creds"], "vector": ["Partner"]}
  },
  "asset": {"assets": [{"variety": "S - Database"}, {"variety": "U - Laptop"}], "cloud": ["Unknown"]},
  "attribute": {
    "confidentiality": {
      "data_total": 48213,
      "data": [{"variety": "Medical", "amount": 48213}, {"variety": "Personal"}, {"variety": "Bank"}],
      "data_disclosure": "Yes"
    }
  },
  "timeline": {"incident": {"year": 2023, "month": 3, "day": 29}, "discovery": {"unit": "Days", "value": 1}},
  "plus": {"timeline": {"notification": {"year": 2023, "month": 4}}, "sub_source": "phidbr", "analysis_status": "Validated"}
}
"""

ARRAY = """[
 {"incident_id": "A1", "victim": {"victim_id": "Unknown", "country": ["CA"], "state": "ON", "industry": "000"},
  "action": {"error": {"variety": ["Loss", "Misdelivery"]}},
  "timeline": {"incident": {"year": 2019}}},
 {"incident_id": "A2", "victim": {"victim_id": "Harbor Lines Freight", "country": ["US"], "state": "D.C"},
  "action": {"physical": {"variety": ["Theft"]}},
  "actor": {"external": {"variety": ["Unknown"]}, "internal": {"variety": ["End-user"]}},
  "attribute": {"confidentiality": {"data_total": 12000000000, "data": [{"variety": "Payment"}]}},
  "timeline": {"incident": {"year": 2018, "month": 2, "day": 29}}},
 {"incident_id": "A1", "victim": {"victim_id": "Northwind Dental", "country": ["Unknown"], "state": "CA"},
  "action": {"unknown": {"notes": "not said"}},
  "attribute": {"confidentiality": {"data": [{"variety": "Holograms"}, {"variety": "Unknown"}]}},
  "timeline": {"incident": {"year": 2017, "month": 11}}},
 {"incident_id": "A4", "victim": {"victim_id": " Tidewater Books ", "country": "GB"},
  "action": {"misuse": {"variety": ["Privilege abuse"]}, "social": {"variety": ["Phishing"]}},
  "attribute": {"confidentiality": {"data_total": 0, "data": [{"variety": "Credentials"}]}},
  "timeline": {"incident": {"year": 2016, "month": 5, "day": 2}},
  "plus": {"timeline": {"notification": {"year": 13, "month": 3, "day": 2017}}}}
]
"""

DIR_A = '{"incident_id": "D1", "victim": {"victim_id": "Alder Credit Union", "country": ["US"], "state": "US-OR"}, "timeline": {"incident": {"year": 2015}}}\n'
DIR_B = '[{"incident_id": "D2", "victim": {"victim_id": "Birch County Schools", "country": ["US"], "state": "Oregon"}, "timeline": {"incident": {"year": 2016}}}]\n'
DIR_C = '{"incident_id": "D3", "victim": {"victim_id": "Cedar Pharmacy"}, "timeline": {"incident": {"year": 2017}}}\n'
TRUNC = ('[{"incident_id": "T1", "timeline": {"incident": {"year": 2020}}},\n'
         ' {"incident_id": "T2", "victim": {"victim_id": "Cut Off Ltd", "coun')


def zip_of(path, members):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=(2020, 3, 7, 4, 12, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def main():
    write(f"{V}/incident.json", INCIDENT)
    write(f"{V}/array.json", ARRAY)
    write(f"{V}/dir/a.json", DIR_A)
    write(f"{V}/dir/b.json", DIR_B)
    write(f"{V}/dir/notes.txt", "not JSON, and not read: only *.json files are\n")
    write(f"{V}/dir/nested.json/c.json", DIR_C)  # a directory: never descended into
    write(f"{V}/dir-bad/a.json", DIR_A)
    write(f"{V}/dir-bad/b.json", TRUNC)
    write(f"{V}/dir-bad/c.json", DIR_C)
    small = json.dumps([json.loads(DIR_A), json.loads(DIR_C)]) + "\n"
    zip_of(f"{V}/small.zip", [("vcdb/small.json", small), ("README.txt", "not read\n"),
                              ("single.json", DIR_B)])
    zip_of(f"{V}/nojson.zip", [("README.txt", "no JSON here\n")])
    zip_of(f"{V}/bad-member.zip", [("a.json", DIR_A), ("b.json", TRUNC), ("c.json", DIR_C)])
    write(f"{V}/bad-zip.zip", b"PK\x03\x04 this is not really a zip archive\n", "wb")
    # issue 18, item 17: tokens longer than jansson's 16-byte lexer buffer (a string and a
    # number), so that failing allocations hit its growth (tests/test_alloc.c)
    write(f"{V}/long-tokens.json", json.dumps([{
        "incident_id": "L1",
        "victim": {"victim_id": "Long Tokens Incorporated", "country": ["US"], "state": "ME"},
        "action": {"hacking": {"variety": ["Unknown"]}},
        "attribute": {"confidentiality": {"data_total": 1234567890123456789,
                                          "data": [{"variety": "Personal"}]}},
        "summary": "a summary long enough for the lexer's buffer to grow several times: "
                   "0123456789abcdefghijklmnopqrstuvwxyz",
        "timeline": {"incident": {"year": 2021, "month": 3}}}], indent=1) + "\n")
    # issue 18, item 16: two members that each announce 600 MiB (under the per-member limit
    # of 1 GiB, 1.2 GiB in all, above the total limit): the sizes in both headers are
    # patched, the data is "[]" (the archive is refused before anything is inflated)
    zip_of(f"{V}/big-total.zip", [("a.json", "[]"), ("b.json", "[]")])
    with open(f"{V}/big-total.zip", "rb") as f:
        z = bytearray(f.read())
    for sig, at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        i = z.find(sig)
        while i >= 0:
            z[i + at:i + at + 4] = (600 << 20).to_bytes(4, "little")
            i = z.find(sig, i + 4)
    write(f"{V}/big-total.zip", bytes(z), "wb")
    # malformed variants, each one fault in an otherwise valid incident
    write(f"{V}/bad-truncated.json", TRUNC)
    write(f"{V}/bad-data-total-type.json", INCIDENT.replace('"data_total": 48213', '"data_total": "48213"'))
    write(f"{V}/bad-negative.json", INCIDENT.replace('"data_total": 48213', '"data_total": -48213'))
    write(f"{V}/bad-utf8.json", INCIDENT.encode().replace(b"the clinic's", b"the clinic\xff's"), "wb")
    deep = '{"incident_id": "DEEP", "plus": {"x": ' + "[" * 10000 + "]" * 10000 + "}}\n"
    write(f"{V}/deep.json", deep)

    hibp = [
        {"Name": "Larkspur", "Title": "Larkspur Forums", "Domain": "larkspur.example",
         "BreachDate": "2019-06-30", "AddedDate": "2020-01-15T08:30:00Z",
         "ModifiedDate": "2020-01-15T08:30:00Z", "PwnCount": 2385117,
         "Description": "In June 2019, <a href=\"https://larkspur.example\">Larkspur</a> lost its user table.",
         "LogoPath": "https://example.org/larkspur.png",
         "DataClasses": ["Email addresses", "Passwords", "Usernames", "Geographic locations"],
         "IsVerified": True, "IsFabricated": False, "IsSensitive": False, "IsRetired": False,
         "IsSpamList": False, "IsMalware": False, "IsSubscriptionFree": False, "IsStealerLog": False},
        {"Name": "NextGenUpdate", "Title": "NextGenUpdate", "Domain": "nextgenupdate.com",
         "BreachDate": "2014-04-01", "AddedDate": "2015-09-12T00:00:00Z",
         "ModifiedDate": "2015-09-12T00:00:00Z", "PwnCount": 1194597,
         "Description": "A gaming forum (fixture text, not HIBP's).",
         "LogoPath": "", "DataClasses": ["Email addresses", "IP addresses", "Passwords", "Usernames"],
         "IsVerified": True, "IsFabricated": False, "IsSensitive": False, "IsRetired": False,
         "IsSpamList": False, "IsMalware": False, "IsSubscriptionFree": False, "IsStealerLog": False},
        {"Name": "Quillmail", "Title": "Quillmail Spam List", "Domain": "",
         "BreachDate": "2021-02-03", "AddedDate": "2021-03-01T12:00:00Z",
         "ModifiedDate": "2021-03-01T12:00:00Z", "PwnCount": 6210,
         "Description": "A spam list (fixture).",
         "LogoPath": "", "DataClasses": ["Email addresses", "Names", "Hologram preferences"],
         "IsVerified": False, "IsFabricated": True, "IsSensitive": False, "IsRetired": False,
         "IsSpamList": True, "IsMalware": False, "IsSubscriptionFree": False, "IsStealerLog": False},
    ]
    write(f"{H}/small.json", json.dumps(hibp, indent=2) + "\n")


if __name__ == "__main__":
    main()
