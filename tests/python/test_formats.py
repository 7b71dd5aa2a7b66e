"""Source formats through the binding: detection, the HHS and WA loaders from memory,
column mappings and the JSON writer. Each test skips, naming the function, while the
loaded libbreach lacks the C function it needs (the loaders landed after the canonical
CSV; an older library must still work with this package)."""

import json
import os
import shutil
import tempfile
import unittest

import support
from support import breach

HHS = ('"Name of Covered Entity","State","Covered Entity Type","Individuals Affected",'
       '"Breach Submission Date","Type of Breach","Location of Breached Information",'
       '"Business Associate Present","Web Description"\n'
       '"Brightline, Inc.","CA","Business Associate","199753","04/07/2023",'
       '"Hacking/IT Incident","Network Server","Yes",""\n'
       '"Brightline, Inc.","CA","Business Associate","21830","04/07/2023",'
       '"Hacking/IT Incident","Network Server","Yes",""\n')

WA = ("DateAware,DateSubmitted,DataBreachCause,DateStart,DateEnd,Name,Id,CyberattackType,"
      "WashingtoniansAffected,IndustryType,BusinessType,Year,YearText,"
      "WashingtoniansAffectedRange,BreachLifecycleRange,DaysToContainBreach,"
      "DaysToIdentifyBreach,DaysBreachLifecycle,DiscoveredInProgress,DaysOfExposure,"
      "DaysElapsedBetweenEndAndDiscovery,EndedOnDayDiscovered,DaysElapsedBeforeNotification,"
      "DaysOfExposureRange,EntityState\n"
      "02/03/2023 12:00:00 AM,02/28/2023 12:00:00 AM,Cyberattack,01/30/2023 12:00:00 AM,"
      "01/31/2023 12:00:00 AM,Hatch Bank,14854,Other,2580,Finance,,2023,2023,"
      "\"1,000-9,999\",1-99,0,4,4,false,1,3,false,25,1-99,CA\n")


def needs(*names):
    L = breach._lib.lib()
    for n in names:
        if not L.has(n):
            raise unittest.SkipTest("the libbreach at %s has no %s yet" % (L.path, n))


class Detection(unittest.TestCase):
    def test_canonical_is_detected(self):
        needs("breach_format_detect_buffer")
        with open(support.SEED, encoding="utf-8") as f:
            ds = breach.loads(f.read())
        self.assertEqual((ds.report.format, len(ds)), ("canonical", 9))

    def test_hhs_and_wa_are_detected(self):
        needs("breach_format_detect_buffer", "breach_hhs_read_buffer", "breach_wa_read_buffer")
        self.assertEqual(breach.loads(HHS).report.format, "hhs")
        self.assertEqual(breach.loads(WA).report.format, "wa")

    def test_unknown_text_is_a_format_error(self):
        needs("breach_format_detect_buffer")
        with self.assertRaises(breach.FormatError) as cm:
            breach.loads("hello,world\n1,2\n", source_name="mystery.csv")
        self.assertEqual(cm.exception.source, "mystery.csv")


class Loaders(unittest.TestCase):
    def test_hhs_rows_are_separate_notices(self):
        needs("breach_hhs_read_buffer")
        ds = breach.loads(HHS, format="hhs", source_name="/some/dir/breach_report.csv")
        self.assertEqual([i.id for i in ds], ["hhs:breach_report.csv:1", "hhs:breach_report.csv:2"])
        self.assertTrue(all(i.separate for i in ds))
        self.assertEqual(sum(i.affected.value for i in ds), 199753 + 21830)
        self.assertEqual(ds[0].entity_region, "US-CA")
        self.assertEqual(ds[0].types, frozenset({"hacking"}))
        self.assertIs(ds[0].business_associate, True)
        self.assertEqual(str(ds[0].reported), "2023-04-07")

    def test_wa_row(self):
        needs("breach_wa_read_buffer")
        ds = breach.loads(WA, format="wa")
        inc = ds[0]
        self.assertEqual(inc.id, "wa:14854")
        self.assertEqual(inc.regions, {"US-WA": breach.Count(2580)})
        self.assertFalse(inc.affected.known)  # the WA list has no total
        self.assertEqual(str(inc.reported), "2023-02-28")
        self.assertEqual(str(inc.occurred_start), "2023-01-30")
        self.assertEqual(str(inc.discovered), "2023-02-03")

    def test_strict_hhs_error_has_a_place(self):
        needs("breach_hhs_read_buffer")
        bad = HHS.replace('"04/07/2023"', '"2023-04-07"', 1)
        with self.assertRaises(breach.BreachError) as cm:
            breach.loads(bad, format="hhs", source_name="hhs.csv")
        self.assertEqual((cm.exception.source, cm.exception.line), ("hhs.csv", 2))
        ds = breach.loads(bad, format="hhs", lenient=True)
        self.assertEqual((ds.report.rows_read, ds.report.rows_loaded), (2, 1))


class Mappings(unittest.TestCase):
    CSV = "Org,When,Count,WA\nAcme,04/01/2023,100,10\nBeta,2023-05-02,7,\n"

    def test_refusals(self):
        needs("breach_mapping_new", "breach_mapping_parse")
        m = breach.Mapping({"entity": "Org"})
        with self.assertRaises(breach.InvalidArgumentError):
            m.set("entity", "Other")  # a key is set once
        with self.assertRaises(breach.InvalidArgumentError):
            breach.Mapping({"bogus": "x"})
        with self.assertRaises(breach.ParseError) as cm:
            breach.Mapping.parse("entity = Org\nnot a line\n", source_name="m.map")
        self.assertEqual((cm.exception.source, cm.exception.line), ("m.map", 2))
        with breach.Mapping() as m2:
            pass
        with self.assertRaises(ValueError):
            m2.set("entity", "Org")
        with self.assertRaises(breach.InvalidArgumentError):
            breach.load(support.SEED, format="hhs", mapping=m)

    def test_mapped_load(self):
        needs("breach_mapping_new", "breach_mapped_read_buffer", "breach_mapped_read_file")
        m = breach.Mapping({"entity": "Org", "reported": "When", "affected": "Count",
                            "region.US-WA": "WA"})
        ds = breach.loads(self.CSV, mapping=m, lenient=True)
        self.assertEqual(ds.report.rejects, ())
        self.assertEqual([i.entity for i in ds], ["Acme", "Beta"])
        self.assertEqual(ds[0].affected, breach.Count(100))
        self.assertEqual(ds[0].regions, {"US-WA": breach.Count(10)})
        self.assertEqual(str(ds[1].reported), "2023-05-02")
        tmp = tempfile.mkdtemp()
        try:
            path = os.path.join(tmp, "m.csv")
            with open(path, "w") as f:
                f.write(self.CSV)
            self.assertEqual(len(breach.load(path, mapping=m)), 2)
        finally:
            shutil.rmtree(tmp)


class JsonWriter(unittest.TestCase):
    def test_write_json(self):
        needs("breach_json_write_file")
        tmp = tempfile.mkdtemp()
        try:
            path = os.path.join(tmp, "seed.json")
            with breach.load(support.SEED) as ds:
                ds.write_json(path)
                with open(path, encoding="utf-8") as f:
                    records = json.load(f)
                self.assertEqual([r["id"] for r in records], [i.id for i in ds])
                # Blue Shield of California's count is unknown: the object breachstat
                # --json writes too (tests/test_cli.sh), not a bare null
                blue = [r for r in records if r["id"] == "press-blue-shield-ca-brightline"]
                self.assertEqual(blue[0]["affected"], {"value": None, "qualifier": "unknown"})
                ds.write_json(path, vendor="Fortra GoAnywhere")
                with open(path, encoding="utf-8") as f:
                    self.assertEqual(len(json.load(f)), 6)
                with self.assertRaises(breach.BreachIOError):
                    ds.write_json(os.path.join(tmp, "no", "such", "dir.json"))
        finally:
            shutil.rmtree(tmp)


if __name__ == "__main__":
    unittest.main()
