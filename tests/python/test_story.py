"""The story figures, computed independently and compared with the library.

Expected values come from two places, never from the library itself:
  - by hand from the cited rows of examples/data/seed-incidents.csv (numbers written out
    in the comments), and
  - recomputed here from the same CSV read with Python's csv module, with the rules
    stated in DESIGN.md written out in plain Python.
"""

import csv
import datetime
import math
import unittest

import support
from support import breach

VENDOR = "Fortra GoAnywhere"


def seed_rows():
    with open(support.SEED, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def rel_close(a, b, rel=1e-12):
    return math.isclose(a, b, rel_tol=rel, abs_tol=0.0)


class NextGenShares(unittest.TestCase):
    """Maine AG filing: 3,913 Maine residents of 1,049,375; Texas AG list: 131,815."""

    @classmethod
    def setUpClass(cls):
        cls.ds = breach.load(support.SEED)
        cls.row = next(r for r in seed_rows() if r["id"] == "nextgen-2023-04-credentials")

    @classmethod
    def tearDownClass(cls):
        cls.ds.close()

    def test_maine_share_by_hand(self):
        s = self.ds.region_share("nextgen-2023-04-credentials", "US-ME")
        self.assertEqual(s.part, breach.Count(3913, "exact"))
        self.assertEqual(s.whole, breach.Count(1049375, "exact"))
        # 3913 / 1049375 = 0.0037288862... -> 0.3729 %
        self.assertTrue(rel_close(s.share, 3913 / 1049375))
        self.assertEqual(round(s.percent, 4), 0.3729)
        self.assertEqual(s.share_min, s.share)  # exact figures: no spread
        self.assertEqual(s.share_max, s.share)
        self.assertEqual(s.region_name, "Maine")

    def test_texas_share_by_hand(self):
        i = self.ds.find("nextgen-2023-04-credentials")
        s = self.ds.region_share(i, "US-TX")
        # 131815 / 1049375 = 0.12561286... -> 12.561 %
        self.assertEqual(round(s.percent, 3), 12.561)
        self.assertTrue(rel_close(s.share, 131815 / 1049375))

    def test_shares_from_csv_text(self):
        total = int(self.row["affected"])
        parts = dict(e.split(":") for e in self.row["regions"].split(";"))
        for code, part in parts.items():
            with self.subTest(region=code):
                s = self.ds.region_share("nextgen-2023-04-credentials", code)
                self.assertTrue(rel_close(s.share, int(part) / total))

    def test_negative_index_and_state_name(self):
        # the NextGen notice is the 8th from the end of the 9-row seed
        n = len(self.ds)
        s = self.ds.region_share(self.ds.find("nextgen-2023-04-credentials") - n, "Maine")
        self.assertEqual(s.region, "US-ME")

    def test_region_without_breakdown_is_not_found(self):
        with self.assertRaises(breach.NotFoundError) as cm:
            self.ds.region_share("nextgen-2023-04-credentials", "US-CA")
        self.assertEqual(cm.exception.code, -12)
        self.assertIsInstance(cm.exception, LookupError)

    def test_interval_71_days(self):
        # ALPHV listing 2023-01-17 -> second intrusion starts 2023-03-29:
        # 14 (rest of January) + 28 (February) + 29 (March) = 71 days
        rep = self.ds.repeats()
        self.assertEqual(len(rep.intervals), 1)
        iv = rep.intervals[0]
        self.assertEqual(iv.days, 71)
        self.assertEqual((iv.days_min, iv.days_max), (71, 71))
        self.assertEqual(iv.entity_key, "nextgen healthcare")
        self.assertEqual((iv.first_id, iv.second_id),
                         ("nextgen-2023-01-alphv", "nextgen-2023-04-credentials"))
        self.assertEqual((datetime.date(2023, 3, 29) - datetime.date(2023, 1, 17)).days, 71)
        self.assertEqual(rep.summary.median, 71.0)
        self.assertEqual(rep.summary.n, 1)

    def test_other_intervals_from_seed_facts(self):
        # seed-facts.md: to its discovery 72 days, to the notices 101 days
        self.assertEqual(breach.days_between("2023-01-17", "2023-03-30")[0], 72)
        self.assertEqual(breach.days_between("2023-01-17", "2023-04-28")[0], 101)

    def test_repeats_counts(self):
        # 9 notices, Brightline's earlier one superseded -> 8 selected; Blue Shield has no
        # date at all -> 7 dated; entities: NextGen, NationsBenefits, Brightline, CHSPSC,
        # Intellihartx, Hatch Bank = 6, of which NextGen alone is hit twice.
        rep = self.ds.repeats()
        self.assertEqual(rep.n_incidents, 8)
        self.assertEqual(rep.n_undated, 1)
        self.assertEqual(rep.n_entities, 6)
        self.assertEqual(rep.n_repeat_entities, 1)
        self.assertTrue(rel_close(rep.repeat_share, 1 / 6))

    def test_repeats_by_reported_date(self):
        # reported 2023-01-17 -> 2023-04-28: 14 + 28 + 31 + 28 = 101 days
        rep = self.ds.repeats(date_field="reported")
        self.assertEqual([iv.days for iv in rep.intervals], [101])


class FortraSupplyChain(unittest.TestCase):
    """Fortra GoAnywhere, by hand from the seed rows:

    notice date  organisation                 individuals
    2023-02-28   Hatch Bank                      139,493
    2023-03-16   CHSPSC                          962,884
    2023-04-13   NationsBenefits               3,037,303
    2023-04-20   Brightline (2023-05 snapshot)   964,300  <- replaced by the next line
    2023-05-26   Brightline (2024-07 snapshot) 1,013,686
    2023-06-08   Intellihartx                    489,830
    (undated)    Blue Shield of California       unknown, via Brightline: possible double

    lower = 139,493 + 962,884 + 3,037,303 + 1,013,686 + 489,830 = 5,643,196
    upper: the same finite part, but unbounded (Blue Shield's count has no upper bound)
    """

    @classmethod
    def setUpClass(cls):
        cls.ds = breach.load(support.SEED)
        cls.sc = cls.ds.supply_chain(VENDOR)

    @classmethod
    def tearDownClass(cls):
        cls.ds.close()

    def test_totals_by_hand(self):
        t = self.sc.individuals
        self.assertEqual(139493 + 962884 + 3037303 + 1013686 + 489830, 5643196)
        self.assertEqual(t.lower, 5643196)
        self.assertEqual(t.upper, 5643196)
        self.assertTrue(t.upper_unbounded)
        self.assertEqual(t.point, 5643196)
        self.assertEqual(t.bounds, (5643196, math.inf))
        self.assertEqual((t.n, t.n_exact, t.n_unknown), (6, 5, 1))

    def test_counts_by_hand(self):
        sc = self.sc
        self.assertEqual(sc.vendor, VENDOR)
        self.assertEqual(sc.n_notices, 7)
        self.assertEqual(sc.n_superseded, 1)
        self.assertEqual(sc.n_organisations, 6)
        self.assertEqual(sc.n_possible_double, 1)
        self.assertEqual(sc.n_undated, 1)
        self.assertEqual(len(sc.members), 6)

    def test_members(self):
        by_id = {m.id: m for m in self.sc.members}
        self.assertNotIn("hhs-brightline-2023-05-snapshot", by_id)
        bl = by_id["hhs-brightline-2024-07-snapshot"]
        self.assertEqual(bl.affected, breach.Count(1013686))
        self.assertEqual(bl.n_revisions, 1)
        self.assertEqual(bl.role, "counted")
        bs = by_id["press-blue-shield-ca-brightline"]
        self.assertEqual(bs.role, "possible_double")
        self.assertEqual(bs.affected.qualifier, "unknown")
        self.assertIsNone(bs.reported)
        # by reported date, the undated member last
        self.assertEqual([m.id for m in self.sc.members][-1], "press-blue-shield-ca-brightline")

    def test_curve_by_hand(self):
        got = [(str(p.date), p.organisations, p.lower) for p in self.sc.curve]
        self.assertEqual(got, [
            ("2023-02-28", 1, 139493),
            ("2023-03-16", 2, 139493 + 962884),                      # 1,102,377
            ("2023-04-13", 3, 1102377 + 3037303),                    # 4,139,680
            ("2023-04-20", 4, 4139680 + 964300),                     # 5,103,980
            ("2023-05-26", 4, 5103980 - 964300 + 1013686),           # 5,153,366: revision
            ("2023-06-08", 5, 5153366 + 489830),                     # 5,643,196
        ])

    def test_recomputed_from_csv(self):
        """The same totals from the CSV with the design's rules in plain Python."""
        rows = [r for r in seed_rows() if r["vendor"].lower() == VENDOR.lower()]
        # revisions: one organisation's notices for one vendor; latest reported wins
        latest = {}
        for r in rows:
            org = r["entity"]
            if org not in latest or (r["reported"] or "") >= (latest[org]["reported"] or ""):
                latest[org] = r
        members = list(latest.values())
        names = set(latest)
        lower = upper = 0
        unbounded = False
        doubles = 0
        for r in members:
            count = int(r["affected"]) if r["affected"] else None
            double = bool(r["via"]) and r["via"] in names
            doubles += double
            if count is None:
                unbounded = True
            else:
                upper += count
                if not double:
                    lower += count
        self.assertEqual(len(members), self.sc.n_organisations)
        self.assertEqual(doubles, self.sc.n_possible_double)
        self.assertEqual(lower, self.sc.individuals.lower)
        self.assertEqual(upper, self.sc.individuals.upper)
        self.assertEqual(unbounded, self.sc.individuals.upper_unbounded)
        self.assertEqual(len(rows), self.sc.n_notices)

    def test_vendor_matched_by_entity_key(self):
        sc = self.ds.supply_chain("FORTRA GOANYWHERE")
        self.assertEqual(sc.individuals.lower, 5643196)

    def test_unknown_vendor_is_empty_not_an_error(self):
        sc = self.ds.supply_chain("MOVEit Transfer")
        self.assertEqual((sc.n_notices, len(sc.members), len(sc.curve)), (0, 0, 0))
        self.assertEqual(sc.individuals, breach.Total())

    def test_filtered_by_date(self):
        # before the Brightline revision: the earlier notice stands (964,300)
        sc = self.ds.supply_chain(VENDOR, date_field="reported", end="2023-04-30")
        self.assertEqual(sc.individuals.lower, 139493 + 962884 + 3037303 + 964300)
        self.assertEqual(sc.n_superseded, 0)
        self.assertFalse(sc.individuals.upper_unbounded)  # Blue Shield is undated: out


class RegionSharesAcrossSeed(unittest.TestCase):
    """Per-region totals over the seed (Brightline's earlier notice left out):
    US-TX 131,815; US-WA 21,981 + 26,333 + 559 + 2,580 = 51,453; US-ME 3,913;
    all regions 187,181."""

    @classmethod
    def setUpClass(cls):
        cls.ds = breach.load(support.SEED)

    @classmethod
    def tearDownClass(cls):
        cls.ds.close()

    def test_rows_by_hand(self):
        rs = self.ds.region_shares()
        self.assertEqual([(r.region, r.total.point) for r in rs.rows],
                         [("US-TX", 131815), ("US-WA", 51453), ("US-ME", 3913)])
        self.assertEqual(rs.all_regions.point, 187181)
        self.assertEqual(rs["US-WA"].n_incidents, 4)
        self.assertTrue(rel_close(rs["US-TX"].share, 131815 / 187181))
        self.assertEqual(rs.n_incidents, 8)
        self.assertEqual(rs.n_with_breakdown, 4)
        # 1,049,375 + 1,013,686 + 962,884 + 139,493
        self.assertEqual(rs.affected_with_breakdown.point, 3165438)

    def test_including_superseded(self):
        rs = self.ds.region_shares(include_superseded=True)
        self.assertEqual(rs["US-WA"].total.point, 51453 + 26333)
        self.assertEqual(rs.n_incidents, 9)

    def test_filters(self):
        self.assertEqual([r.region for r in self.ds.region_shares(vendor=VENDOR)], ["US-WA"])
        rs = self.ds.region_shares(entity="NEXTGEN HEALTHCARE INC")
        self.assertEqual(rs.all_regions.point, 3913 + 131815 + 21981)
        rs = self.ds.region_shares(region="US-ME")
        self.assertEqual(rs.n_incidents, 1)
        rs = self.ds.region_shares(types=["ransomware"])
        self.assertEqual((rs.n_incidents, len(rs.rows)), (1, 0))
        rs = self.ds.region_shares(categories="ssn")
        self.assertEqual(rs.n_incidents, 1)
        rs = self.ds.region_shares(date_field="reported", start="2023-03", end="2023-04")
        # reported in March or April 2023: CHSPSC, NationsBenefits, Brightline's earlier
        # notice (its revision is out of range, so it stands), NextGen's second
        self.assertEqual(rs.n_incidents, 4)
        self.assertEqual(rs["US-WA"].total.point, 559 + 26333 + 21981)
        # a country selects its subdivisions
        self.assertEqual(self.ds.region_shares(region="US").n_incidents, 8)


if __name__ == "__main__":
    unittest.main()
