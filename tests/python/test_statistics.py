"""The statistics layer through the binding: proportion intervals, counts, time series,
size distributions and fits, Kaplan-Meier, populations and per-capita rates, bootstrap,
cross-source links.

The datasets are the C suites' (tests/test_counts.c, test_timeseries.c, test_dist.c,
test_survival.c, test_percapita.c, test_bootstrap.c, test_link.c), rebuilt here from
Python, and the expected values are the ones those suites assert: computed independently
with SciPy / NumPy by tests/reference/*.py (quoted, not recomputed, so these tests need
neither). The seed tests compute their figures by hand from the CSV with the csv module.
Tests on the HHS and WA files skip when ../shared/data is absent (BREACH_SHARED_DATA
points elsewhere).
"""

import csv
import math
import os
import statistics
import sys
import unittest

import support
from support import breach

NAN = math.nan
POP = os.path.join(support.TOP, "examples", "data", "us-state-population-2024.csv")


def rel_close(got, want, rel):
    """tests/check.h's rule: |got - want| <= rel * |want|, exact equality for want = 0."""
    if want == 0:
        return got == 0
    return abs(got - want) <= rel * abs(want)


class StatsCase(unittest.TestCase):
    def rel(self, got, want, rel=1e-12, msg=None):
        if isinstance(want, float) and math.isnan(want):
            self.assertTrue(math.isnan(got), msg or "%r is not NaN" % (got,))
            return
        self.assertTrue(rel_close(got, want, rel),
                        (msg + ": " if msg else "") + "%.17g, want %.17g (rel %g)"
                        % (got, want, rel))

    def nan(self, *values):
        for v in values:
            self.assertTrue(math.isnan(v), "%r is not NaN" % (v,))


# ------------------------------------------------------------------ datasets of the C suites


def types_of(k):
    """test_counts.c / counts.py: incident k's breach types."""
    if k % 10 == 3:
        return set()
    if k % 10 == 7:
        return {"unknown"}
    s = set()
    if k % 2 == 0:
        s.add("hacking")
    if k % 3 == 0:
        s.add("ransomware")
    if k % 7 == 2:
        s.add("theft")
    if k % 5 == 1 or not s:
        s.add("unauthorized_access")
    return s


def generated(n):
    ds = breach.Dataset()
    for k in range(n):
        ds.add(entity="Org", types=types_of(k), affected=1000 + 37 * k)
    return ds


M64 = (1 << 64) - 1


class SplitMix64:
    """test_dist.c's generator (integer arithmetic: the same values in C and Python)."""

    def __init__(self, seed):
        self.s = seed & M64

    def uniform(self):
        self.s = (self.s + 0x9E3779B97F4A7C15) & M64
        z = self.s
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
        z ^= z >> 31
        return (z >> 11) * (1.0 / 9007199254740992.0)


def sizes_dataset(counts):
    """One separate incident per count (an int or count text such as '>=3000000')."""
    ds = breach.Dataset()
    for c in counts:
        ds.add(entity="Org", affected=c, separate=True)
    return ds


def synthetic():
    g = SplitMix64(20240705)
    out = []
    for i in range(400):
        u = g.uniform()
        if i % 8 < 5:
            out.append(int(1000.0 * math.pow(1.0 - u, -1.0 / 1.6)))
        else:
            out.append(int(50.0 + 950.0 * u))
    return sizes_dataset(out)


def synthetic_lognormal():
    g = SplitMix64(77)
    out = []
    for _ in range(300):
        u1, u2 = g.uniform(), g.uniform()
        z = math.sqrt(-2.0 * math.log(1.0 - u1)) * math.cos(2.0 * 3.14159265358979323846 * u2)
        out.append(int(math.exp(6.0 + 1.8 * z)) + 1)
    return sizes_dataset(out)


HAND_SIZES = [2385, 500, 501, 12000, 1049375, 3913, 700, 0, 88000, 500, "~250000",
              ">=3000000", ">=960000", "<=10000", None, None]


def survival_orgs():
    """test_survival.c's orgs(): (entity, occurred, vendor)."""
    rows = [("A", "2019-01-10", None), ("A", "2019-06-10", None), ("A", "2021-03-01", None),
            ("B", "2019-02-01", None), ("C", "2019-03-15", None), ("C", "2019-03-15", None),
            ("C, Inc.", "2020-03-15", None), ("D", "2020-01-01", None),
            ("D", "2020-01-20", None), ("E", "2020-05-05", None), ("F", "2018-07-01", None),
            ("F", "2022-07-01", None), ("G", "2021-12-01", "Camp"),
            ("G", "2022-02-01", "Camp"), ("H", "2019-01-10", None), ("H", "2019-04-10", None),
            ("I", "2022-06-30", None), ("K", "2020-02-01", None), ("K", "2020-05-01", None),
            ("J", None, None), (None, "2020-01-01", None)]
    ds = breach.Dataset()
    for entity, occurred, vendor in rows:
        ds.add(entity=entity, occurred_start=occurred, vendor=vendor, affected=1000,
               separate=True)
    return ds


# ------------------------------------------------------------------ proportions


class ProportionCI(StatsCase):
    # counts.py "== proportion_ci": x, n, level, Wilson lo, hi, Jeffreys lo, hi
    REF = [
        (0, 30, 0.95, 0.0, 0.11351339317396875, 0.0, 0.07967817381725999),
        (7, 30, 0.95, 0.11792388144489496, 0.40928326158122164, 0.11092090715825267,
         0.4043999127631018),
        (30, 30, 0.95, 0.8864866068260312, 1.0, 0.92032182618274, 1.0),
        (17, 123, 0.9, 0.09477116389795842, 0.19722505556470493, 0.09338662004730122,
         0.19546849896008425),
        (2385, 9540, 0.95, 0.24141269787543115, 0.25878855540592677, 0.24138764359651776,
         0.2587640228924593),
        (1, 5, 0.99, 0.02393366285088816, 0.7182213297653174, 0.00753879444121097,
         0.7439629730106583),
    ]

    def test_reference_values(self):
        for x, n, level, wlo, whi, jlo, jhi in self.REF:
            with self.subTest(x=x, n=n, level=level):
                w = breach.proportion_ci(x, n, level=level)
                self.assertIsInstance(w, breach.Interval)
                self.rel(w.estimate, x / n, 0)
                self.assertEqual(w.level, level)
                self.rel(w.lo, wlo, 1e-12)
                self.rel(w.hi, whi, 1e-12)
                j = breach.proportion_ci(x, n, method="jeffreys", level=level)
                self.rel(j.lo, jlo, 1e-9)
                self.rel(j.hi, jhi, 1e-9)

    def test_wilson_by_its_formula(self):
        """Wilson's closed form written out here, for a few more (x, n)."""
        for x, n, level in ((3, 11, 0.95), (40, 41, 0.8), (500, 1234, 0.99)):
            z = statistics.NormalDist().inv_cdf((1 + level) / 2)
            c = (x + z * z / 2) / (n + z * z)
            h = z / (n + z * z) * math.sqrt(x * (n - x) / n + z * z / 4)
            w = breach.proportion_ci(x, n, "wilson", level)
            self.rel(w.lo, c - h, 1e-12)
            self.rel(w.hi, c + h, 1e-12)

    def test_a_million_trials(self):
        w = breach.proportion_ci(31234, 1000000)
        self.rel(w.lo, 0.030894861833586175, 1e-10)
        self.rel(w.hi, 0.031576739643149984, 1e-10)
        try:  # refused where GSL's incomplete beta gives up, never guessed
            j = breach.proportion_ci(31234, 1000000, "jeffreys")
        except breach.InvalidArgumentError:
            return
        self.rel(j.lo, 0.030894420749690225, 1e-9)
        self.rel(j.hi, 0.03157629274659581, 1e-9)

    def test_errors(self):
        for args, kwargs in (((1, 0), {}), ((6, 5), {}), ((1, 5), {"level": 1.0}),
                             ((1, 5), {"level": NAN}), ((1, 5), {"method": "bootstrap"}),
                             ((1, 5), {"method": "agresti"}), ((-1, 5), {})):
            with self.subTest(args=args, kwargs=kwargs):
                with self.assertRaises(breach.InvalidArgumentError) as cm:
                    breach.proportion_ci(*args, **kwargs)
                self.assertIsInstance(cm.exception, ValueError)
        with self.assertRaises(TypeError):
            breach.proportion_ci(1.5, 5)


# ------------------------------------------------------------------ counts


class CountsByType(StatsCase):
    @classmethod
    def setUpClass(cls):
        cls.ds = generated(60)

    @classmethod
    def tearDownClass(cls):
        cls.ds.close()

    def test_wilson(self):
        c = self.ds.counts()
        self.assertIsInstance(c, breach.Counts)
        # counts.py: n = 48, unknown = 12; hacking 30, ransomware 16, unauthorized 20,
        # theft 7, the rest 0
        self.assertEqual((c.dimension, c.ci, c.level, c.status), ("type", "wilson", 0.95, "ok"))
        self.assertEqual((c.n_incidents, c.n_unknown, c.n), (60, 12, 48))
        self.assertTrue(c.multi_valued)
        self.assertEqual([(r.label, r.count) for r in c],
                         [("hacking", 30), ("unauthorized_access", 20), ("ransomware", 16),
                          ("theft", 7), ("improper_disposal", 0), ("loss", 0), ("other", 0),
                          ("unknown", 12)])
        unknown = c.rows[-1]
        self.assertTrue(unknown.unknown)
        self.nan(unknown.proportion, unknown.lo)
        h = c["hacking"]
        self.rel(h.proportion, 30 / 48, 1e-15)
        self.rel(h.percent, 100 * 30 / 48, 1e-15)
        self.rel(h.lo, 0.4836276351921527)
        self.rel(h.hi, 0.747847332391318)
        self.rel(c["theft"].lo, 0.07248249326603709)
        self.rel(c["theft"].hi, 0.2716717652474627)
        self.assertEqual(c["improper_disposal"].lo, 0.0)
        self.rel(c["improper_disposal"].hi, 0.07410012966611748)
        self.assertEqual(h.affected.point, 30000 + 37 * 870)
        self.assertEqual(h.affected.n_exact, 30)
        with self.assertRaises(KeyError):
            c["phishing"]

    def test_jeffreys_and_include_unknown(self):
        c = self.ds.counts(ci="jeffreys")
        self.assertEqual(c.ci, "jeffreys")
        self.rel(c["ransomware"].lo, 0.2127483291386389, 1e-9)
        self.rel(c["ransomware"].hi, 0.4733456002301156, 1e-9)
        self.rel(c["loss"].hi, 0.05072726335249248, 1e-9)
        c = self.ds.counts(include_unknown=True)
        self.assertEqual(c.n, 60)
        self.rel(c["unknown"].proportion, 0.2, 1e-15)
        self.rel(c["unknown"].lo, 0.1182850532289749)
        self.rel(c["unknown"].hi, 0.31781805805627894)
        self.rel(c["hacking"].lo, 0.3773502424155577)
        self.rel(c["hacking"].hi, 0.6226497575844423)

    def test_bootstrap(self):
        c = self.ds.counts(ci="bootstrap", replicates=400, seed=7, level=0.90)
        # counts.py "bootstrap": the same 400 resamples of the 48 known incidents
        for label, lo, hi in (("hacking", 0.5, 0.75),
                              ("ransomware", 0.22916666666666666, 0.4375),
                              ("unauthorized_access", 0.3125, 0.5208333333333334),
                              ("theft", 0.0625, 0.25), ("loss", 0.0, 0.0)):
            with self.subTest(label=label):
                self.rel(c[label].lo, lo, 1e-15)
                self.rel(c[label].hi, hi, 1e-15)
        again = self.ds.counts(ci="bootstrap", replicates=400, seed=7, level=0.90)
        self.assertEqual([(r.lo, r.hi) for r in again.rows[:-1]],
                         [(r.lo, r.hi) for r in c.rows[:-1]])
        other = self.ds.counts(ci="bootstrap", replicates=400, seed=8, level=0.90)
        self.assertNotEqual([(r.lo, r.hi) for r in other.rows[:4]],
                            [(r.lo, r.hi) for r in c.rows[:4]])
        with self.assertRaises(breach.InvalidArgumentError):
            self.ds.counts(ci="bootstrap", replicates=0)

    def test_bootstrap_many_levels(self):
        """401 vendors and B = 12,000 (two passes over the resamples in C): the big vendor's
        interval equals the one with the small vendors merged into one level."""
        many, few = breach.Dataset(), breach.Dataset()
        for k in range(440):
            many.add(entity="Org", separate=True,
                     vendor="Vendor %d" % k if k < 400 else "Big Vendor")
            few.add(entity="Org", separate=True,
                    vendor="Small vendors" if k < 400 else "Big Vendor")
        cm = many.counts(dimension="vendor", ci="bootstrap", replicates=12000, seed=99)
        cf = few.counts(dimension="vendor", ci="bootstrap", replicates=12000, seed=99)
        self.assertEqual(len(cm), 401)
        bm, bf = cm["Big Vendor"], cf["Big Vendor"]
        self.assertEqual(bm.count, 40)
        self.assertTrue(0.05 < bm.lo and bm.hi < 0.14)
        self.assertEqual((bm.lo, bm.hi), (bf.lo, bf.hi))


class CountsRules(StatsCase):
    def test_small_samples(self):
        with generated(15) as ds:
            c = ds.counts()
            self.assertEqual((c.n, c.status), (12, "small_n"))
            self.assertTrue(len(c) > 0)
            for r in c:
                self.nan(r.proportion, r.lo, r.hi)
            self.assertEqual(c["hacking"].count, 8)
            c = ds.counts(force=True)
            self.assertEqual(c.status, "forced")
            self.rel(c["hacking"].proportion, 8 / 12, 1e-15)
            self.assertFalse(math.isnan(c["hacking"].lo))
        with generated(5) as ds:
            c = ds.counts(force=True)
            self.assertEqual((c.n, c.n_unknown, c.status, c.rows), (4, 1, "suppressed", ()))
            c = ds.counts(min_n=0, min_n_report=0)
            self.assertEqual(c.status, "ok")
            self.rel(c["hacking"].proportion, 3 / 4, 1e-15)
        with breach.Dataset() as ds:
            self.assertEqual(ds.counts().status, "suppressed")
            c = ds.counts(min_n=0, min_n_report=0)
            self.assertEqual(len(c), 7)
            self.nan(c.rows[0].proportion)

    def test_text_dimensions(self):
        ds = breach.Dataset()
        for etype, region, vendor, affected in (
                ("Health Plan", "US-ME", "Fortra GoAnywhere", ">=3000000"),
                ("Business Associate", "US-CA", "FORTRA GOANYWHERE", 960000),
                ("Health Plan", "US-TX", None, 2385),
                ("Healthcare Provider", "US-CA", "MOVEit", "<=500"),
                (None, None, "Fortra, GoAnywhere", None),
                ("Business Associate", "US-ME", None, "~1049375")):
            ds.add(entity="Org", entity_type=etype, entity_region=region, vendor=vendor,
                   affected=affected, separate=True)
        c = ds.counts(dimension="entity_type", min_n_report=0)
        self.assertFalse(c.multi_valued)
        self.assertEqual((c.n, c.status), (5, "small_n"))
        self.assertEqual([r.label for r in c], ["Business Associate", "Health Plan",
                                                "Healthcare Provider", "unknown"])
        self.assertEqual(c["Health Plan"].affected.lower, 3002385)
        self.assertTrue(c["Health Plan"].affected.upper_unbounded)
        self.assertEqual(c["Business Associate"].affected.point, 2009375)
        self.assertEqual(c["Business Associate"].affected.n_estimated, 1)
        self.assertEqual(c["Healthcare Provider"].affected.bounds, (0, 500))
        self.assertEqual(c["unknown"].affected.n_unknown, 1)
        c = ds.counts(dimension="region", min_n_report=0)
        self.assertEqual([r.label for r in c][:3], ["US-CA", "US-ME", "US-TX"])
        c = ds.counts(dimension="vendor", min_n_report=0)
        self.assertEqual((c.n, c.n_unknown, len(c)), (4, 2, 3))
        self.assertEqual((c.rows[0].label, c.rows[0].count), ("Fortra GoAnywhere", 3))
        self.assertEqual(c.rows[1].label, "MOVEit")
        self.assertTrue(c.rows[2].unknown)
        c = ds.counts(dimension="category", min_n_report=0)
        self.assertEqual((c.n, c.n_unknown, len(c)), (0, 6, len(breach.categories()) + 1))
        c = ds.counts(dimension="locations", min_n_report=0)  # an alias
        self.assertEqual((c.dimension, len(c)), ("location", len(breach.locations()) + 1))
        ds.close()
        with breach.Dataset() as all_known:
            for k in range(3):
                all_known.add(locations=["email"] + (["paper"] if k else []))
            c = all_known.counts(dimension="location", min_n_report=0)
            self.assertEqual(c.n_unknown, 0)
            self.assertEqual(len(c), len(breach.locations()))
            self.assertEqual([(r.label, r.count) for r in c.rows[:2]],
                             [("email", 3), ("paper", 2)])
            self.assertFalse(c.rows[-1].unknown)

    def test_errors(self):
        with generated(10) as ds:
            for kwargs in ({"dimension": "colour"}, {"dimension": 6}, {"ci": "agresti"},
                           {"level": 0}, {"level": 1.5}, {"date_field": "published"},
                           {"min_n": -1}, {"seed": 1 << 32}):
                with self.subTest(kwargs=kwargs):
                    with self.assertRaises(breach.InvalidArgumentError):
                        ds.counts(**kwargs)
            with self.assertRaises(TypeError):
                ds.counts(colour="red")
            ds.add(types="theft", affected=(1 << 64) - 6)
            ds.add(types="theft", affected=(1 << 64) - 6)
            with self.assertRaises(breach.BreachOverflowError):
                ds.counts()

    def test_filters_apply(self):
        with breach.load(support.SEED) as ds:
            c = ds.counts(min_n_report=0, vendor="Fortra GoAnywhere")
            # 7 rows name the vendor; Brightline's first notice is superseded
            self.assertEqual(c.n_incidents, 6)
            c = ds.counts(min_n_report=0, vendor="Fortra GoAnywhere", include_superseded=True)
            self.assertEqual(c.n_incidents, 7)


# ------------------------------------------------------------------ time series


def monthly(per, year=2023, affected=100, day=lambda j: 1 + j, last_day=None):
    """per[m] notices in month m, on day(j); in the last month on last_day(j) when given
    (its last day: the data then cover that month whole, which a span cannot make so)."""
    ds = breach.Dataset()
    for m, n in enumerate(per):
        on = last_day if last_day and m == len(per) - 1 else day
        for j in range(n):
            ds.add(entity="Org", reported="%d-%02d-%02d" % (year + m // 12, m % 12 + 1, on(j)),
                   affected=affected, separate=True)
    return ds


class CrossTabNotRecorded(StatsCase):
    def test_fixture_columns(self):
        """Types by location over tests/data/wa-sample.csv (7 notices, no location, no theft)
        and hhs-sample.csv (no ransomware), by hand: WA's notices in no column; laptop
        (Small Clinic twice, Theft; Lost Records LLC, Loss) theft 2 of 3, ransomware not
        recorded rather than 0 of 3."""
        data = os.path.join(support.TOP, "tests", "data")
        ds = breach.load(os.path.join(data, "wa-sample.csv"), format="wa")
        ds.read(os.path.join(data, "hhs-sample.csv"), format="hhs", lenient=True)
        c = ds.counts("type", by="location", min_n=0, min_n_report=0)
        self.assertEqual(c.n_not_stated_by, 7)
        self.assertNotIn("unknown", [k.label for k in c.cols])
        self.assertEqual((c.cells[("theft", "laptop")].count, c.cells[("theft", "laptop")].n),
                         (2, 3))
        r = c.cells[("ransomware", "laptop")]
        self.assertEqual((r.recorded, r.count, r.n), (False, None, None))
        self.assertTrue(math.isnan(r.proportion))


class ApostropheSpellings(StatsCase):
    def test_one_organisation(self):
        """"Macy\u00b4s" (acute accent) and "Macy\u02bcs" (modifier letter apostrophe) are
        Macy's: one organisation hit three times, 365 and 366 days apart (2019-01-10,
        2020-01-10, 2021-01-10: 2020 is a leap year)."""
        ds = breach.Dataset()
        for name, day in (("Macy's, Inc.", "2019-01-10"), ("Macy\u00b4s", "2020-01-10"),
                          ("MACY\u02bcS INC", "2021-01-10")):
            ds.add(entity=name, occurred_start=day, affected=1000, separate=True)
        self.assertEqual({ds[k].entity_key for k in range(3)}, {"macys"})
        r = ds.repeats()
        self.assertEqual((r.n_entities, r.n_repeat_entities), (1, 1))
        self.assertEqual([i.days for i in r.intervals], [365, 366])


class TimeSeries(StatsCase):
    def hand(self):
        ds = monthly([3, 0, 5, 2, 9, 1], day=lambda j: 1 + (j * 7) % 28)
        ds.add(entity="Org", reported="2023-03-31", affected=">=1000", separate=True)
        ds.add(entity="Org", affected=5, separate=True)
        ds.add(entity="Org", reported="2023", affected=7, separate=True)
        return ds

    def test_monthly(self):
        with self.hand() as ds:
            t = ds.timeseries()
        self.assertEqual((t.date_field, t.period), ("reported", "month"))
        self.assertEqual((t.n_incidents, t.n_undated, t.n_coarse, t.n_outside, t.n_counted),
                         (23, 1, 1, 0, 21))
        self.assertEqual(t.counts, (3, 0, 6, 2, 9, 1))
        self.assertEqual([p.days for p in t], [31, 28, 31, 30, 31, 30])
        self.assertEqual([str(p.start) for p in t], ["2023-%02d" % m for m in range(1, 7)])
        self.assertEqual(str(t.periods[1].end), "2023-02-28")
        self.assertEqual(t.periods[2].affected.lower, 1500)
        self.assertTrue(t.periods[2].affected.upper_unbounded)
        self.assertEqual(t.periods[1].affected.n, 0)

    def test_tests(self):
        with monthly([3, 0, 5, 2, 9, 1], last_day=lambda j: 30) as ds:
            # whole months: June's one notice is on the 30th (on the 1st, June would be
            # partial and untested, span or not)
            t = ds.timeseries(span=("2023-01", "2023-06"))
            u, q = t.uniformity, t.dispersion
            # timeseries.py "hand months"
            self.rel(u.statistic, 15.999999999999996, 1e-13)
            self.assertEqual(u.df, 5)
            self.rel(u.p_value, 0.006844073922420446, 1e-10)
            self.rel(u.min_expected, 3.3333333333333335, 1e-15)
            self.rel(q.mean, 3.3333333333333335, 1e-15)
            self.rel(q.variance, 10.666666666666666, 1e-14)
            self.rel(q.poisson_loglik, -15.994769786132796, 1e-13)
            self.rel(q.nb_size, 1.6850967066269624, 1e-6)
            self.rel(q.nb_alpha, 1 / 1.6850967066269624, 1e-6)
            self.rel(q.nb_loglik, -13.882028220618286, 1e-11)
            self.rel(q.lr_statistic, 4.225483131029019, 1e-9)
            self.rel(q.p_value, 0.019910640449727898, 1e-8)
            self.rel(q.poisson_aic, 2 + 2 * 15.994769786132796, 1e-13)
            self.rel(q.nb_aic, 4 + 2 * 13.882028220618286, 1e-11)
            t = ds.timeseries(expected_by_length=True, span=("2023-01", "2023-06"))
            self.rel(t.uniformity.statistic, 15.080913978494623, 1e-13)
            self.rel(t.uniformity.p_value, 0.01002214256629149, 1e-10)
            self.rel(t.uniformity.min_expected, 20.0 * 28 / 181, 1e-14)

    def test_quarters_years_span(self):
        with self.hand() as ds:
            t = ds.timeseries(by="quarter")
            self.assertEqual(t.counts, (9, 12))
            self.assertEqual([p.days for p in t], [90, 91])
            self.assertEqual(t.n_coarse, 1)
            t = ds.timeseries(by="year")
            self.assertEqual((t.counts, t.periods[0].days, t.n_coarse), ((22,), 365, 0))
            self.assertEqual(t.periods[0].start.precision, "year")
            self.nan(t.uniformity.p_value, t.dispersion.nb_size)
            # the notices start on 2023-01-01: November and December have no data (None,
            # not 0); February is covered and has none (0)
            t = ds.timeseries(span=("2022-11-15", "2023-03"))
            self.assertEqual(t.counts, (None, None, 3, 0, 6))
            self.assertEqual([p.covered for p in t], [False, False, True, True, True])
            self.assertEqual([p.covered_days for p in t], [0, 0, 31, 28, 31])
            self.assertIsNone(t.periods[0].affected)
            self.assertEqual((t.n_uncovered, t.n_partial, t.n_tested), (2, 0, 3))
            self.assertEqual(str(t.span_first), "2023-01-01")
            self.assertEqual((t.n_outside, t.n_counted), (12, 9))
            if support.pandas_or_none() is not None:  # <NA>, not 0
                f = t.to_pandas()
                self.assertEqual(f["n_incidents"].isna().tolist(),
                                 [True, True, False, False, False])
                self.assertEqual(f["covered_days"].tolist(), [0, 0, 31, 28, 31])
            t = ds.timeseries(field="reported", span=(None, "2023-02"))  # field: an alias
            self.assertEqual((t.counts, t.n_outside), ((3, 0), 18))

    def test_underdispersed(self):
        with monthly([4, 5, 4, 5, 4, 5], year=2021, affected=1, day=lambda j: 1,
                     last_day=lambda j: 30) as ds:
            t = ds.timeseries(span=("2021-01", "2021-06"))
            self.rel(t.uniformity.statistic, 0.33333333333333337, 1e-13)
            self.rel(t.uniformity.p_value, 0.9969687632568645, 1e-10)
            d = t.dispersion
            self.rel(d.poisson_loglik, -10.28654700643057, 1e-13)
            self.assertEqual(d.nb_size, math.inf)
            self.assertEqual((d.nb_alpha, d.lr_statistic, d.p_value), (0, 0, 1))
            self.rel(d.nb_loglik, -10.28654700643057, 1e-13)
            self.rel(d.variance, 0.3, 1e-14)
            self.assertEqual(ds.timeseries(by="quarter").counts, (13, 14))

    def test_36_months(self):
        series = [12, 7, 19, 3, 25, 9, 14, 30, 5, 11, 8, 22, 17, 4, 27, 13, 6, 35, 10, 16, 2,
                  21, 18, 9, 26, 7, 15, 33, 12, 5, 19, 24, 8, 11, 28, 14]
        # the last month's notices from its 31st back: the data cover it whole
        with monthly(series, year=2020, affected=1000, day=lambda j: 1 + j % 28,
                     last_day=lambda j: 31 - j) as ds:
            t = ds.timeseries(span=("2020-01", "2022-12"))
            c = ds.timeseries()  # the same: the span adds no coverage, takes none away
            # to the 30th only: December is partial, untested, span or not
            p = ds.timeseries(span=("2020-01", "2022-12-30"))
        self.assertEqual((c.n_partial, c.n_tested, c.periods[-1].covered_days), (0, 36, 31))
        self.assertEqual(c.uniformity.statistic, t.uniformity.statistic)
        self.assertEqual((p.n_partial, p.n_tested, p.periods[-1].covered_days), (1, 35, 30))
        self.assertTrue(p.periods[-1].partial)
        self.assertEqual((len(t), t.n_counted), (36, 545))
        self.assertEqual(list(t.counts), series)
        # timeseries.py "36 months"
        self.rel(t.uniformity.statistic, 184.1816513761468, 1e-12)
        self.rel(t.uniformity.p_value, 3.689051523554862e-22, 1e-8)
        self.rel(t.dispersion.variance, 79.66587301587302, 1e-13)
        self.rel(t.dispersion.poisson_loglik, -172.1369413965383, 1e-12)
        self.rel(t.dispersion.nb_size, 3.362955168022658, 1e-6)
        self.rel(t.dispersion.nb_loglik, -126.68270594575756, 1e-11)
        self.rel(t.dispersion.lr_statistic, 90.90847090156149, 1e-9)
        self.rel(t.dispersion.p_value, 7.52370465430618e-22, 1e-7)
        self.assertEqual(t.periods[17].affected.point, 35000)

    def test_edges_and_errors(self):
        ds = breach.Dataset()
        t = ds.timeseries()
        self.assertEqual(t.periods, ())
        self.nan(t.uniformity.statistic, t.dispersion.mean)
        t = ds.timeseries(span=("2020", "2020"))
        self.assertEqual(len(t), 12)
        self.assertEqual(t.periods[1].days, 29)
        # no notice: no data, not twelve months of 0
        self.assertEqual((t.counts, t.n_uncovered, t.span_first), ((None,) * 12, 12, None))
        self.nan(t.uniformity.p_value)
        with self.assertRaises(breach.InvalidArgumentError):
            ds.timeseries(span=("2021", "2020"))
        t = ds.timeseries(span=("0001", "9999"))
        self.assertEqual(len(t), 119988)
        self.assertEqual(t.periods[-1].days, 31)
        for kwargs in ({"by": "week"}, {"date_field": "published"}):
            with self.assertRaises(breach.InvalidArgumentError):
                ds.timeseries(**kwargs)
        with self.assertRaises(TypeError):
            ds.timeseries(span="2020")
        ds.add(occurred_start="2019-05-02", reported="2019-07-09", affected=(1 << 64) - 2)
        t = ds.timeseries(date_field="occurred")
        self.assertEqual(str(t.periods[0].start), "2019-05")
        ds.add(occurred_start="2019-05-02", reported="2019-07-09", affected=(1 << 64) - 2)
        with self.assertRaises(breach.BreachOverflowError):
            ds.timeseries(date_field="occurred")
        ds.close()


# ------------------------------------------------------------------ size distributions


class SizeDistributions(StatsCase):
    def test_sizes(self):
        with sizes_dataset(HAND_SIZES) as ds:
            s = ds.sizes(quantiles=(0.5, 0.25, 1.5))
        self.assertEqual((s.n_incidents, s.n_unknown, s.n, s.n_zero, s.n_estimated),
                         (16, 2, 11, 1, 1))
        self.assertEqual((s.at_least, s.at_most), ((960000.0, 3000000.0), (10000.0,)))
        self.assertEqual(s.units, frozenset({"individuals"}))
        self.assertFalse(s.mixed_units)
        self.assertEqual(list(s.values), sorted(s.values))
        # dist.py "hand sizes": numpy.quantile (type 7), scipy.stats.gmean
        self.assertEqual((s.min, s.max), (0, 1049375))
        self.rel(s.q1, 500.5, 1e-15)
        self.rel(s.median, 2385, 1e-15)
        self.rel(s.q3, 50000, 1e-15)
        self.rel(s.p90, 250000, 1e-15)
        self.rel(s.p99, 969437.5000000002, 1e-14)
        self.rel(s.mean, 127988.54545454546, 1e-14)
        self.rel(s.geomean, 6847.639124140103, 1e-13)
        self.rel(s.geosd, 17.005926517556336, 1e-13)
        self.rel(s.quantiles[0.5], 2385, 1e-15)
        self.rel(s.quantile(0.5), 2385, 1e-15)
        self.rel(s.quantile(0.25), 500.5, 1e-15)
        self.rel(s.quantile(0.99), 969437.5000000002, 1e-14)  # not asked for: computed
        self.nan(s.quantiles[1.5], s.quantile(1.5), s.quantile(-0.1))
        self.assertEqual(len(s.ccdf_x), 10)
        self.assertEqual(s.ccdf_x[1], 500)
        self.assertEqual(s.ccdf_p[0], 1)
        self.rel(s.ccdf_p[1], 0.9090909090909091, 1e-15)
        self.rel(s.ccdf_p[2], 0.7272727272727273, 1e-15)
        self.rel(s.ccdf_p[5], 0.4545454545454546, 1e-15)
        self.rel(s.ccdf_p[9], 1 / 11, 1e-15)

    def test_sources_rules(self):
        # tests/data/hhs-sample.csv by hand: 500, 500 and 501 are the portal's placeholders,
        # 6 of its 7 rows have a size, and the portal lists only breaches of 500 or more;
        # counts added by hand have neither
        with breach.load(os.path.join(support.TOP, "tests", "data", "hhs-sample.csv"),
                         format="hhs") as ds:
            s = ds.sizes()
        self.assertEqual((s.n_placeholders, s.n_floored, s.floor), (3, 6, 500))
        with sizes_dataset(HAND_SIZES) as ds:
            s = ds.sizes()
        self.assertEqual((s.n_placeholders, s.n_floored, s.floor), (0, 0, 0))

    def test_empty(self):
        with breach.Dataset() as ds:
            s = ds.sizes()
            self.assertEqual((s.n, s.ccdf_x), (0, ()))
            self.nan(s.median, s.geomean, s.mean, s.quantile(0.5))
            with self.assertRaises(breach.InvalidArgumentError):
                ds.lognormal_fit()
            with self.assertRaises(breach.InvalidArgumentError):
                ds.powerlaw_fit()
            with self.assertRaises(breach.InvalidArgumentError):
                ds.bootstrap()

    def test_lognormal(self):
        with sizes_dataset(HAND_SIZES) as ds:
            # dist.py "censored values left out": lognorm.fit(floc=0), t / chi2 intervals
            l = ds.lognormal_fit(exclude_censored=True)
            self.assertEqual((l.n_exact, l.n_excluded, l.n_right_censored, l.n_left_censored),
                             (10, 3, 0, 0))
            self.assertEqual((l.ci_method, l.iterations), ("exact", 0))
            self.rel(l.mu.estimate, 8.83165921843943, 1e-12)
            self.rel(l.mu.lo, 6.804651143412052, 1e-10)
            self.rel(l.mu.hi, 10.858667293466809, 1e-10)
            self.rel(l.sigma.estimate, 2.688152850403166, 1e-10)
            self.rel(l.sigma.lo, 1.9490236366863098, 1e-9)
            self.rel(l.sigma.hi, 5.1729794610590165, 1e-9)
            self.rel(l.median.estimate, math.exp(8.83165921843943), 1e-12)
            self.rel(l.median.lo, math.exp(6.804651143412052), 1e-10)
            self.rel(l.loglik, -112.39452036677585, 1e-12)
            self.assertEqual(l.mu.level, 0.95)
            l = ds.lognormal_fit(exclude_censored=True, level=0.90)
            self.rel(l.mu.lo, 7.1890966334315065, 1e-10)
            self.rel(l.sigma.hi, 4.661769168037696, 1e-9)
            # dist.py "censored": Wald intervals from a finite-difference Hessian
            l = ds.lognormal_fit()
            self.assertEqual((l.n_right_censored, l.n_left_censored, l.n_excluded), (2, 1, 0))
            self.assertEqual(l.ci_method, "wald")
            self.assertGreater(l.iterations, 0)
            self.rel(l.mu.estimate, 9.774814582003161, 1e-7)
            self.rel(l.sigma.estimate, 3.7699377767450395, 1e-7)
            self.rel(l.loglik, -118.83583128761317, 1e-11)
            self.rel(l.mu.lo, 7.667511703379372, 1e-5)
            self.rel(l.mu.hi, 11.88211746062695, 1e-5)
            self.rel(l.sigma.lo, 2.380179746172127, 1e-5)
            self.rel(l.sigma.hi, 5.97115863345454, 1e-5)
            with self.assertRaises(breach.InvalidArgumentError):
                ds.lognormal_fit(level=2)
        with sizes_dataset([500, 500, 0]) as ds:
            with self.assertRaises(breach.InvalidArgumentError):
                ds.lognormal_fit()
            with self.assertRaises(breach.InvalidArgumentError):
                ds.powerlaw_fit()

    def test_lognormal_wald_above_200001(self):
        """200,002 values 1 + k % 1000 (read as CSV: quicker than 200,002 add() calls)."""
        text = "entity,affected,separate\n" + "".join(
            "Org,%d,yes\n" % (1 + k % 1000) for k in range(200002))
        with breach.loads(text, format="canonical") as ds:
            l = ds.lognormal_fit()
        # scipy.stats.lognorm.fit(x, floc=0): sigma 0.9851230487308975, scale
        # exp(5.912072523498832)
        self.assertEqual(l.ci_method, "wald")
        self.rel(l.mu.estimate, 5.912072523498832, 1e-12)
        self.rel(l.sigma.estimate, 0.9851230487308975, 1e-10)
        z = 1.959963984540054  # scipy.stats.norm.ppf(0.975)
        self.rel(l.mu.hi - l.mu.estimate, z * l.sigma.estimate / math.sqrt(200002.0), 1e-9)
        self.rel(l.sigma.hi, l.sigma.estimate * math.exp(z / math.sqrt(400004.0)), 1e-9)

    def test_powerlaw(self):
        ds = synthetic()
        s = ds.sizes()
        self.assertEqual((s.n, s.values[0], s.values[-1]), (400, 57, 43573))
        self.rel(s.mean, 723719.0 / 400, 1e-15)
        # dist.py "power law": p-value over the same 60 synthetic sets
        p = ds.powerlaw_fit(replicates=60, seed=3)
        self.assertEqual((p.xmin, p.n_tail, p.n, p.n_censored_excluded), (1328, 172, 400, 0))
        self.assertEqual((p.replicates, p.seed), (60, 3))
        self.rel(p.alpha, 2.6542967057567854)
        self.rel(p.alpha_se, 0.12613894126692368)
        self.rel(p.ks, 0.030529273703897575)
        self.rel(p.loglik, -1426.316853725182)
        self.rel(p.p_value, 0.9666666666666667, 1e-15)
        # the count it rests on (dist.py: 58 of the 60), said with it
        self.assertEqual(p.replicates_far, 58)
        self.assertEqual(p.p_text, "0.9667 (58 of 60 replicates)")
        self.assertIn("p_value=0.9667 (58 of 60 replicates)", repr(p))
        # none of B as far is p < 1/B, not 0: 200 evenly spaced sizes are no power law
        with sizes_dataset([1000 + 5 * i for i in range(1, 201)]) as even:
            q = even.powerlaw_fit(replicates=20)
        self.assertEqual((q.p_value, q.replicates, q.replicates_far), (0, 20, 0))
        self.assertEqual(q.p_text, "< 0.05 (0 of 20 replicates)")
        self.assertEqual(ds.powerlaw_fit(replicates=0).p_text, "n/a")
        # Vuong on a pure power-law tail: no decision either way
        v = ds.compare_powerlaw_lognormal(replicates=60, seed=3)
        self.assertEqual(v.powerlaw, p)
        self.assertEqual(v.n_tail, 172)
        self.rel(v.powerlaw_loglik, -1426.316853725182)
        self.assertLess(abs(v.ratio), 0.05)
        self.assertGreater(v.p_value, 0.9)
        self.assertEqual(v.favours, "neither")
        # a fixed xmin: p over 40 tail-only synthetic sets
        p = ds.powerlaw_fit(xmin=1500, replicates=40, seed=11)
        self.assertEqual((p.xmin, p.n_tail), (1500, 137))
        self.rel(p.alpha, 2.605090865641764)
        self.rel(p.ks, 0.04975800828630733)
        self.rel(p.p_value, 0.9, 1e-15)
        # at least 200 in the tail, no p-value
        p = ds.powerlaw_fit(min_tail=200, replicates=0)
        self.assertEqual((p.xmin, p.n_tail), (1201, 205))
        self.rel(p.alpha, 2.664393863935455)
        self.rel(p.ks, 0.03061163518766913)
        self.nan(p.p_value)
        v = ds.compare_powerlaw_lognormal(min_tail=200)
        self.assertEqual((v.powerlaw.xmin, v.n_tail), (1201, 205))
        self.nan(v.powerlaw.p_value)  # replicates=0 by default here
        for kwargs in ({"xmin": -1}, {"xmin": 1e9}, {"min_tail": 401},
                       {"replicates": 2000000}):
            with self.subTest(kwargs=kwargs):
                with self.assertRaises(breach.InvalidArgumentError):
                    ds.powerlaw_fit(**kwargs)
        with self.assertRaises(TypeError):
            ds.powerlaw_fit(xmin="1000")
        ds.close()
        with sizes_dataset(HAND_SIZES) as hand:  # censored values left out, and counted
            p = hand.powerlaw_fit(replicates=0)
            self.assertEqual((p.n_censored_excluded, p.n), (3, 10))

    def test_lognormal_sample(self):
        with synthetic_lognormal() as ds:
            self.rel(ds.sizes().mean, 397361.0 / 300, 1e-15)
            v = ds.compare_powerlaw_lognormal(replicates=50, seed=5)
        # dist.py "synthetic log-normal": the power law ruled out (p = 0)
        p = v.powerlaw
        self.assertEqual((p.xmin, p.n_tail, p.p_value), (608, 125, 0))
        self.rel(p.alpha, 1.9241937916812555)
        self.rel(p.ks, 0.09528006965324143)
        self.assertTrue(v.converged)
        self.rel(v.lognormal_mu, 5.726187001710322, 1e-6)
        self.rel(v.lognormal_sigma, 1.631308308924393, 1e-6)
        self.rel(v.powerlaw_loglik, -1071.3790660008808, 1e-10)
        self.rel(v.lognormal_loglik, -1067.661713752193, 1e-10)
        self.rel(v.ratio, -3.717352248688032, 1e-8)
        self.rel(v.statistic, -1.5554920010958468, 1e-7)
        self.rel(v.p_value, 0.11982893814233535, 1e-6)
        self.assertEqual(v.favours, "neither")


# ------------------------------------------------------------------ bootstrap

X = [2.385, 7.1, 0.5, 3.3, 12.8, 4.4, 9.9, 1.7, 6.02, 5.55, 3.14, 8.8]


def picky_mean(x):
    """test_bootstrap.c's: the mean, undefined when 12.8 is drawn twice or more."""
    return NAN if sum(1 for v in x if v == 12.8) >= 2 else sum(x) / len(x)


class Bootstrapping(StatsCase):
    def test_builtin_statistics(self):
        # bootstrap.py: the same resamples from GSL's mt19937, statistics by numpy
        b = breach.bootstrap(X, "mean", replicates=1000, seed=42)
        self.assertIsInstance(b, breach.Bootstrap)
        self.assertEqual((b.statistic, b.n, b.replicates, b.seed, b.n_invalid, len(b.values)),
                         ("mean", 12, 1000, 42, 0, 1000))
        self.rel(b.estimate, 5.46625, 1e-15)
        self.rel(b.lo, 3.601625000000001, 1e-14)
        self.rel(b.hi, 7.387020833333333, 1e-14)
        self.rel(b.se, 1.0216683362845547, 1e-12)
        self.assertEqual(b.level, 0.95)
        self.assertEqual(list(b.values), sorted(b.values))
        self.assertEqual(b, breach.bootstrap(X, "mean", replicates=1000, seed=42))
        other = breach.bootstrap(X, "mean", replicates=1000, seed=43)
        self.assertNotEqual((other.lo, other.hi), (b.lo, b.hi))
        b = breach.bootstrap(X, "median", replicates=1000, seed=42)
        self.rel(b.estimate, 4.975, 1e-15)
        self.rel(b.lo, 2.498000000000002, 1e-14)
        self.rel(b.hi, 7.95, 1e-15)
        self.rel(b.se, 1.4049108804678883, 1e-12)
        b = breach.bootstrap(X, "geomean", replicates=500, seed=7, level=0.90)
        self.rel(b.estimate, 4.127527125706203, 1e-14)
        self.rel(b.lo, 2.728904517201313, 1e-13)
        self.rel(b.hi, 6.082004856074849, 1e-13)
        self.rel(b.se, 1.0200964440175415, 1e-12)
        b = breach.bootstrap(X, "quantile", p=0.9, replicates=800, seed=2024)
        self.rel(b.estimate, 9.790000000000001, 1e-15)
        self.rel(b.lo, 6.02, 1e-15)
        self.rel(b.hi, 12.8, 1e-15)
        self.rel(b.se, 1.982845724390038, 1e-12)
        b = breach.bootstrap(X, "mean", replicates=200, seed=0)  # GSL's default seed 4357
        self.rel(b.lo, 4.01884375, 1e-14)
        self.rel(b.hi, 7.620375, 1e-14)
        b = breach.bootstrap(X, "mean")  # the defaults: B 2000, seed 1, 95 %
        self.assertEqual((b.replicates, b.seed, b.level), (2000, 1, 0.95))

    def test_statistics_directly(self):
        self.rel(breach.statistic("geomean", [4, 1, 16]), 4, 1e-15)
        self.assertEqual(breach.statistic("median", [4, 1, 16]), 4)
        self.assertEqual(breach.statistic("mean", [4, 1, 16]), 7)
        self.rel(breach.statistic("quantile", X, p=0.9), 9.790000000000001, 1e-15)
        self.nan(breach.statistic("mean", []), breach.statistic("geomean", [0, 1, 16]),
                 breach.statistic("quantile", X, p=2))
        with self.assertRaises(TypeError):
            breach.statistic("quantile", X)  # p= is needed
        with self.assertRaises(TypeError):
            breach.statistic("mean", X, p=0.5)
        with self.assertRaises(breach.InvalidArgumentError):
            breach.statistic("mode", X)
        with self.assertRaises(TypeError):
            breach.statistic("mean", "123")

    def test_python_statistic(self):
        # bootstrap.py "picky mean": B 300, seed 9, 80 %: 88 invalid replicates left out
        b = breach.bootstrap(X, picky_mean, replicates=300, seed=9, level=0.80)
        self.assertEqual((b.statistic, b.n_invalid, len(b.values)), ("picky_mean", 88, 212))
        self.rel(b.lo, 4.205708333333334, 1e-14)
        self.rel(b.hi, 6.212250000000001, 1e-14)
        self.rel(b.se, 0.8134459095668322, 1e-12)
        # a Python statistic equal to a built-in one gives the built-in's interval exactly
        mine = breach.bootstrap(X, lambda v: sum(v) / len(v), replicates=1000, seed=42)
        ref = breach.bootstrap(X, "mean", replicates=1000, seed=42)
        self.rel(mine.lo, ref.lo, 1e-14)
        self.rel(mine.hi, ref.hi, 1e-14)
        self.assertEqual(mine.statistic, "<lambda>")

    def test_python_statistic_errors(self):
        with self.assertRaises(breach.InvalidArgumentError):  # NaN on the data itself
            breach.bootstrap(X, lambda v: NAN if len(v) == 12 else 0)
        calls = []

        def nan_after_first(v):
            calls.append(1)
            return NAN if len(calls) > 1 else 1.0

        with self.assertRaises(breach.InvalidArgumentError):  # no valid replicate
            breach.bootstrap(X, nan_after_first)

        class Boom(Exception):
            pass

        seen = []

        def boom(v):
            seen.append(1)
            if len(seen) == 5:
                raise Boom("statistic failed on replicate 4")
            return 1.0

        with self.assertRaises(Boom):  # raised after the C call, not lost in ctypes
            breach.bootstrap(X, boom, replicates=100)
        self.assertEqual(len(seen), 5)  # no call after the failure
        with self.assertRaises(ZeroDivisionError):
            breach.bootstrap(X, lambda v: 1 / 0)
        with self.assertRaises(ValueError):
            breach.bootstrap(X, lambda v: "x")

    def test_errors(self):
        for args, kwargs in (((X[:0], "mean"), {}), ((X, "mean"), {"replicates": 0}),
                             ((X, "mean"), {"replicates": 10000001}),
                             ((X, "mean"), {"level": 1.5}), ((X, "mode"), {})):
            with self.subTest(args=args, kwargs=kwargs):
                with self.assertRaises(breach.InvalidArgumentError):
                    breach.bootstrap(*args, **kwargs)
        with self.assertRaises(TypeError):
            breach.bootstrap(X, "quantile")
        with self.assertRaises(TypeError):
            breach.bootstrap(X, "mean", seed=-1.5)

    def test_on_a_dataset(self):
        with sizes_dataset(HAND_SIZES) as ds:
            s = ds.sizes()
            b = ds.bootstrap("median", replicates=500, seed=3)
            self.assertEqual(b, s.bootstrap("median", replicates=500, seed=3))
            self.assertEqual(b, breach.bootstrap(s.values, "median", replicates=500, seed=3))
            self.assertEqual(b.n, 11)  # exact and estimated values only
            self.rel(b.estimate, 2385, 1e-15)


# ------------------------------------------------------------------ survival

STEPS = [  # survival.py "first gap (loglog, 0.95)": time, at risk, events, censored, S, se, lo, hi
    (1, 10, 0, 1, 1.0, 0.0, NAN, NAN),
    (19, 9, 1, 0, 0.8888888888888888, 0.10475656017578482, 0.43296509022580554,
     0.983564028525579),
    (90, 8, 2, 0, 0.6666666666666666, 0.15713484026367722, 0.2816822422216508,
     0.8783067576313746),
    (151, 6, 1, 0, 0.5555555555555556, 0.16563466499998442, 0.20424177563882337,
     0.8045250158792482),
    (212, 5, 0, 1, 0.5555555555555556, 0.16563466499998442, 0.20424177563882337,
     0.8045250158792482),
    (366, 4, 1, 0, 0.4166666666666667, 0.17291527219428796, 0.10895306889472499,
     0.7076977659098977),
    (787, 3, 0, 1, 0.4166666666666667, 0.17291527219428796, 0.10895306889472499,
     0.7076977659098977),
    (1246, 2, 0, 1, 0.4166666666666667, 0.17291527219428796, 0.10895306889472499,
     0.7076977659098977),
    (1461, 1, 1, 0, 0.0, 0.0, NAN, NAN),
]


class SurvivalCurves(StatsCase):
    @classmethod
    def setUpClass(cls):
        cls.ds = survival_orgs()

    @classmethod
    def tearDownClass(cls):
        cls.ds.close()

    def test_first_gap(self):
        s = self.ds.survival(at=(0, 100.5, 5000))
        self.assertEqual((s.n_incidents, s.n_undated, s.n_unnamed, s.n_late), (21, 1, 1, 0))
        self.assertEqual((s.n_organisations, s.n_observations, s.n_events, s.n_censored),
                         (10, 10, 6, 4))
        self.assertEqual(str(s.window_end), "2022-07-01")
        self.assertEqual((s.ci, s.level, s.date_field), ("loglog", 0.95, "event"))
        self.assertEqual(len(s.steps), len(STEPS))
        for st, (t, n, d, c, S, se, lo, hi) in zip(s.steps, STEPS):
            with self.subTest(time=t):
                self.assertEqual((st.time, st.at_risk, st.events, st.censored), (t, n, d, c))
                self.rel(st.survival, S, 1e-14)
                self.rel(st.se, se, 1e-13)
                self.rel(st.lo, lo, 1e-12)
                self.rel(st.hi, hi, 1e-12)
        self.assertEqual((s.median.estimate, s.median.lo, s.median.hi), (366, 19, 1461))
        self.rel(s.within_1y.estimate, 0.4444444444444444, 1e-14)
        self.rel(s.within_1y.lo, 0.19547498412075182)
        self.rel(s.within_1y.hi, 0.7957582243611766)
        self.rel(s.within_3y.estimate, 0.5833333333333333, 1e-14)
        self.rel(s.within_3y.lo, 0.29230223409010225)
        self.rel(s.within_3y.hi, 0.891046931105275)
        self.assertEqual(s.within_1y.level, 0.95)
        # breach_survival_at through at=
        self.assertEqual(s.points[0].survival, 1)
        self.nan(s.points[0].lo)
        self.rel(s.points[100.5].survival, 0.6666666666666666, 1e-14)
        self.rel(s.points[100.5].lo, 0.2816822422216508)
        self.assertEqual(s.points[5000].survival, 0)  # S reached 0: defined past the end
        # the events are repeats()' first intervals per organisation
        r = self.ds.repeats()
        self.assertEqual((r.n_repeat_entities, r.n_entities), (6, s.n_organisations))

    def test_at_agrees_with_the_library(self):
        grid = [0, 0.5, 1, 18.9, 19, 89, 90, 150.99, 151, 366, 800, 1246, 1460, 1461, 1e6]
        for kwargs in ({}, {"window_end": "2021"}, {"every_episode": True}):
            s = self.ds.survival(at=grid, **kwargs)
            bare = self.ds.survival(**kwargs)
            for t in grid:
                with self.subTest(t=t, **kwargs):
                    c, p = s.points[t], bare.at(t)
                    self.assertEqual(p.time, t)
                    for a, b in zip(c, p):
                        self.assertTrue(a == b or (math.isnan(a) and math.isnan(b)), (c, p))
        with self.assertRaises(breach.InvalidArgumentError):
            self.ds.survival().at(-1)
        with self.assertRaises(breach.InvalidArgumentError):
            self.ds.survival(at=[-1])

    def test_other_bands(self):
        s = self.ds.survival(ci="log")
        self.rel(s.steps[1].lo, 0.7055575015159432)
        self.assertEqual(s.steps[1].hi, 1)
        self.rel(s.steps[3].hi, 0.9965675996824959)
        self.rel(s.steps[5].lo, 0.18473235494401777)
        self.assertEqual(s.median.lo, 90)
        self.rel(s.within_1y.lo, 0.003432400317504136, 1e-10)
        s = self.ds.survival(ci="plain", level=0.90)
        self.rel(s.steps[1].lo, 0.716579680936789)
        self.rel(s.steps[2].lo, 0.4082028547385169)
        self.rel(s.steps[2].hi, 0.9251304785948163)
        self.rel(s.within_3y.lo, 0.2989130207092576)
        self.rel(s.within_3y.hi, 0.8677536459574089)

    def test_range_ends_follow_up(self):
        # test_survival.c "a date range ends the follow-up": end='2020' removes the notices
        # after 2020, so B, E and F are censored on 2020-12-31 (699, 240, 914 days), not on
        # 2022-07-01; survival.py's km(): within 1 year 0.5 [1 - 0.7748650120668887,
        # 1 - 0.1520358902990239], 3 years past the longest observation (0.625 before)
        s = self.ds.survival(end="2020")
        self.assertEqual(str(s.window_end), "2020-12-31")
        self.assertEqual((s.n_late, s.n_organisations, s.n_events, s.n_censored), (0, 8, 5, 3))
        self.assertEqual([(st.time, st.censored) for st in s.steps if st.censored],
                         [(240, 1), (699, 1), (914, 1)])
        self.rel(s.within_1y.estimate, 0.5, 1e-14)
        self.rel(s.within_1y.lo, 1 - 0.7748650120668887)
        self.nan(s.within_3y.estimate)
        # a given window_end is used when it comes before the end the data allow (past
        # end's last day nothing is observed); start makes A enter at 2021-03-01
        self.assertEqual(str(self.ds.survival(end="2020", window_end="2022-01-31").window_end),
                         "2020-12-31")
        self.assertEqual(str(self.ds.survival(end="2020", window_end="2020-06-30").window_end),
                         "2020-06-30")
        s = self.ds.survival(start="2020")
        self.assertEqual(str(s.window_end), "2022-07-01")
        self.assertEqual((s.n_organisations, s.n_events), (8, 2))

    def test_every_episode_and_window(self):
        s = self.ds.survival(every_episode=True)
        # survival.py "every episode": F's last episode is censored at 0
        self.assertEqual((s.n_observations, s.n_events, len(s.steps)), (17, 7, 16))
        self.assertTrue(s.every_episode)
        self.assertEqual((s.steps[0].time, s.steps[0].censored), (0, 1))
        st = s.steps[8]
        self.assertEqual((st.time, st.at_risk), (630, 8))
        self.rel(st.survival, 0.5775, 1e-14)
        self.rel(st.se, 0.13321446524308087, 1e-13)
        self.rel(st.lo, 0.28624103906044357)
        self.rel(st.hi, 0.7858539012578353)
        self.assertEqual((s.median.estimate, s.median.lo), (1461, 90))
        self.rel(s.within_1y.estimate, 0.2666666666666666, 1e-13)
        self.rel(s.within_3y.hi, 0.7137589609395565)
        s = self.ds.survival(window_end="2021", at=(1300, 1279))
        self.assertEqual((s.n_late, s.n_organisations, s.n_events, len(s.steps)), (3, 9, 5, 8))
        self.assertEqual(str(s.window_end), "2021-12-31")
        self.rel(s.steps[2].survival, 0.6349206349206349, 1e-14)
        self.rel(s.steps[4].se, 0.17221621356959205, 1e-13)
        self.rel(s.steps[4].lo, 0.0891834484080723)
        self.assertEqual((s.median.estimate, s.median.lo), (366, 19))
        self.nan(s.median.hi)
        self.rel(s.within_1y.estimate, 0.4920634920634921, 1e-14)
        self.rel(s.within_3y.lo, 0.31977823146584017)
        self.nan(*s.points[1300][1:])  # past the longest observation: not estimated
        self.rel(s.points[1279].survival, 0.38095238095238093, 1e-14)

    def test_edges_and_errors(self):
        with breach.Dataset() as ds:
            s = ds.survival(at=[1])
            self.assertEqual((s.steps, s.window_end), ((), None))
            self.nan(s.median.estimate, s.within_1y.estimate, s.points[1].survival,
                     s.at(1).survival)
            ds.add(entity="Solo", occurred_start="2020-06-01")
            s = ds.survival()
            self.assertEqual(s.n_censored, 1)
            self.nan(s.within_1y.estimate)
            for kwargs in ({"merge_within_days": -1}, {"ci": "hall-wellner"}, {"level": 1},
                           {"date_field": "published"}):
                with self.subTest(kwargs=kwargs):
                    with self.assertRaises(breach.InvalidArgumentError):
                        ds.survival(**kwargs)
            with self.assertRaises(TypeError):
                ds.survival(merge_within_days=1.5)


# ------------------------------------------------------------------ populations, per capita


class Populations(StatsCase):
    def test_bundled_file(self):
        with breach.Population.load(POP) as p:
            self.assertEqual((len(p), p.year), (53, 2024))
            self.assertEqual(p["US-ME"], 1405012)
            self.assertEqual(p["Maine"], 1405012)
            self.assertEqual(p["US"], 340110988)
            self.assertEqual(p["US-PR"], 3203295)
            self.assertEqual(p["US-DC"], 702250)
            with self.assertRaises(breach.NotFoundError):
                p["FR"]
            self.assertIsNone(p.get("FR"))
            self.assertIn("US-ME", p)
            self.assertNotIn("FR", p)
            d = p.as_dict()
            self.assertEqual((len(d), d["US-ME"]), (53, 1405012))
            self.assertIn("2024", repr(p))
        self.assertEqual(repr(p), "<breach.Population closed>")
        with self.assertRaises(ValueError):
            len(p)
        self.assertEqual(breach.Population.load(POP, year=2021)["US-ME"], 1378931)
        self.assertIs(breach.population(), breach.population())
        self.assertEqual(breach.population()["US-ME"], 1405012)
        self.assertEqual(breach.population(2021).year, 2021)

    def test_errors(self):
        with self.assertRaises(breach.FormatError):
            breach.Population.load(POP, year=2019)
        with self.assertRaises(breach.InvalidArgumentError):
            breach.Population.load(POP, year=-4)
        with self.assertRaises(breach.IOError):
            breach.Population.load("/nonexistent/pop.csv")
        head = "SUMLEV,NAME,POPESTIMATE2024\n"
        for text, cls, line, column in (
                ("", breach.FormatError, 1, 1),
                ("SUMLEV,STATE,POPESTIMATE2024\n040,23,1\n", breach.FormatError, 1, 1),
                ("SUMLEV,NAME,POPESTIMATE042024\n", breach.FormatError, 1, 1),
                (head + "040,Maine,14O5012\n", breach.ParseError, 2, 11),
                (head + "040,Maine,\n", breach.ParseError, 2, 11),
                (head + "040,Maine,99999999999999999999\n", breach.BreachOverflowError, 2, 11),
                (head + "040,Atlantis,5\n", breach.RegionError, 2, 5),
                (head + "040,Maine,5\n040,\"maine\",6\n", breach.InconsistentError, 3, 5),
                (head + "040,Maine\n", breach.FormatError, 2, 1),
                (head + "040,\"Ma\"ine,5\n", breach.ParseError, 2, None)):
            with self.subTest(text=text):
                with self.assertRaises(cls) as cm:
                    breach.Population.loads(text, source_name="pop.csv")
                e = cm.exception
                self.assertEqual((e.source, e.line), ("pop.csv", line))
                if column is not None:
                    self.assertEqual(e.column, column)
        ok = ("SUMLEV,NAME,POPESTIMATE2023,POPESTIMATE2024\r\n020,Northeast Region,1,2\r\n"
              "\r\n040,\" maine \",10,20\r\n")
        p = breach.Population.loads(ok)
        self.assertEqual((len(p), p["US-ME"]), (1, 20))
        with self.assertRaises(breach.BreachError) as cm:
            breach.Population.loads("SUMLEV")
        self.assertEqual(cm.exception.source, "<buffer>")


class PerCapita(StatsCase):
    def test_from_breakdowns(self):
        ds = breach.Dataset()
        ds.add(entity="NextGen Healthcare", affected=1049375,
               regions={"US-ME": 3913, "US-TX": 131815, "US-WA": 21981})
        ds.add(entity="Other", regions={"US-ME": ">=1000", "FR": 300})
        pc = ds.percapita(breach.Population.load(POP))
        self.assertEqual((pc.regions, pc.year, pc.n_without_population), ("residents", 2024, 1))
        self.assertEqual(pc.affected_without_population.point, 300)  # France
        self.assertEqual([r.region for r in pc], ["US-TX", "US-ME", "US-WA"])
        tx, me, wa = pc.rows
        self.rel(tx.rate, 131815e5 / 31290831.0, 1e-15)
        self.assertEqual((tx.rate_lower, tx.rate_upper), (tx.rate, tx.rate))
        self.assertEqual((tx.population, tx.region_name), (31290831, "Texas"))
        self.rel(me.rate, 4913e5 / 1405012.0, 1e-15)
        self.rel(me.rate_lower, 4913e5 / 1405012.0, 1e-15)
        self.assertEqual(me.rate_upper, math.inf)
        self.assertEqual(me.affected.n_at_least, 1)
        self.rel(pc["US-WA"].rate, 21981e5 / 7958180.0, 1e-15)
        ds.close()

    def test_no_rate_by_organisation(self):
        # HHS-like notices: an organisation's state and a total, no breakdown. Vermont's
        # 64,849 over its 648,493 residents would be 10,000 per 100,000, but they are not
        # its residents: no rate (by hand from the population file's Vermont row)
        ds = breach.Dataset()
        for state, affected in (("US-ME", 2385), ("US-VT", 64849), (None, 5000)):
            ds.add(entity="Org", entity_region=state, affected=affected, separate=True)
        pc = ds.percapita()  # the bundled population by default
        self.assertEqual((pc.regions, len(pc), pc.n_without_population), ("residents", 0, 0))
        for which in ("organisation", "organization", "entity"):
            with self.assertRaises(breach.InvalidArgumentError) as cm:
                ds.percapita(regions=which)
            self.assertIn("not its residents", str(cm.exception))
        self.assertFalse(breach._lib.lib().has("breach_percapita_from_counts"))
        with self.assertRaises(breach.InvalidArgumentError):
            ds.percapita(regions="planet")
        with self.assertRaises(TypeError):
            ds.percapita({"US-ME": 1})
        closed = breach.Population.load(POP)
        closed.close()
        with self.assertRaises(ValueError):
            ds.percapita(closed)
        ds.close()


# ------------------------------------------------------------------ cross-source links


class CrossSourceLinks(StatsCase):
    """test_link.c's rules on the same hand-built notices."""

    def test_rules(self):
        ds = breach.Dataset()
        # Acme: 2,385 WA residents on 2023-04-10; two client rows of a business associate
        # (one filing for 60 days from the first) give the total 40,000 (04-07) + 9,540
        # (05-26) = 49,540; a third (2022-01-01) is far outside the window
        wa = ds.add(entity="Acme Health, Inc.", reported="2023-04-10", regions={"US-WA": 2385})
        t1 = ds.add(entity="ACME HEALTH", entity_type="Business Associate",
                    reported="2023-04-07", affected=40000, separate=True)
        t2 = ds.add(entity="Acme Health", entity_type="Business Associate",
                    reported="2023-05-26", affected=9540, separate=True)
        ds.add(entity="Acme Health", reported="2022-01-01", affected=777, separate=True)
        bw = ds.add(id="beta-me", entity="Beta", reported="2023-01-10", regions={"US-ME": 100})
        ds.add(id="beta-total", entity="Beta", reported="2023-02-01", affected=">=1000")
        ds.add(entity="Gamma", reported="2023-01-10", regions={"US-ME": 5})
        ds.add(entity="Delta", regions={"US-ME": 5})
        ds.add(entity="Delta", reported="2023-01-10", affected=50)
        ds.add(entity="Epsilon", reported="2023-01-10", affected=50, regions={"US-ME": 5})
        r = ds.links()
        self.assertEqual((r.n_regional, r.n_linked, r.n_undated, r.n_unmatched), (4, 2, 1, 1))
        self.assertEqual((r.window_days, r.date_field, len(r)), (120, "reported", 2))
        a, b = r.links
        self.assertEqual((a.entity_key, a.regional, a.totals), ("acme health", wa, (t1, t2)))
        self.assertEqual(a.entity, "Acme Health, Inc.")
        self.assertEqual(a.total.point, 49540)
        self.assertEqual((a.days_min, a.days_max), (-3, 46))
        self.assertIn("2 notices", a.reason)
        self.assertEqual(list(a.shares), ["US-WA"])
        s = a.shares["US-WA"]
        self.assertEqual((s.part, s.whole), (breach.Count(2385), breach.Count(49540)))
        self.rel(s.share, 2385 / 49540, 1e-15)
        self.rel(s.share_min, s.share, 1e-15)
        self.rel(s.share_max, s.share, 1e-15)
        self.assertEqual((b.regional, b.regional_id, b.total_ids), (bw, "beta-me",
                                                                    ("beta-total",)))
        s = b.shares["US-ME"]
        self.assertEqual(s.whole.qualifier, "at_least")
        self.rel(s.share, 0.1, 1e-15)  # 100 of the 1,000 given
        self.assertEqual(s.share_min, 0.0)  # the total may be far larger
        self.rel(s.share_max, 0.1, 1e-15)
        r = ds.links(window_days=30)  # Acme's 05-26 row falls out (46 > 30)
        self.assertEqual((r.links[0].totals, r.links[0].total.point), ((t1,), 40000))
        with self.assertRaises(breach.InvalidArgumentError):
            ds.links(window_days=-1)
        with self.assertRaises(breach.InvalidArgumentError):
            ds.links(date_field="published")
        self.assertEqual(r.n_inconsistent, 0)
        self.assertFalse(any(k.inconsistent for k in r))
        ds.close()

    def test_inconsistent_and_units(self):
        """test_link.c's fixture: a part above its whole is flagged; bounds never invert;
        only people link (figures by hand)."""
        ds = breach.Dataset()
        adv = ds.add(entity="Adv Org", reported="2023-03-01", regions={"US-WA": 1066})
        ds.add(entity="Adv Org", reported="2023-05-17", affected=596)
        ds.add(entity="Bound Org", reported="2023-03-01", regions={"US-WA": 300})
        ds.add(entity="Bound Org", reported="2023-03-02", affected=">=200")
        ds.add(entity="Unit Org", reported="2023-03-01", regions={"US-WA": 500})
        ds.add(entity="Unit Org", reported="2023-03-05", affected=2385, separate=True)
        ds.add(entity="Unit Org", reported="2023-03-06", affected=9000000, unit="records",
               separate=True)
        ds.add(entity="Acct Org", reported="2023-03-01", regions={"US-WA": 10}, unit="accounts")
        ds.add(entity="Acct Org", reported="2023-03-02", affected=1000)
        r = ds.links()
        self.assertEqual((r.n_regional, r.n_linked, r.n_unmatched, r.n_inconsistent),
                         (4, 3, 1, 1))
        a, b, u = r.links
        self.assertEqual((a.regional, a.inconsistent), (adv, True))
        self.assertIn("probably another incident or a different count basis", a.reason)
        s = a.shares["US-WA"]
        self.assertEqual((s.part, s.whole), (breach.Count(1066), breach.Count(596)))
        self.assertTrue(math.isnan(s.share) and math.isnan(s.share_min)
                        and math.isnan(s.share_max))
        s = b.shares["US-WA"]  # the whole is at least the 300: share 1, bounds [0, 1]
        self.assertFalse(b.inconsistent)
        self.assertEqual((s.share, s.share_min, s.share_max), (1.0, 0.0, 1.0))
        self.assertEqual((u.total.point, u.n_other_unit, u.inconsistent), (2385, 1, False))
        self.rel(u.shares["US-WA"].share, 500 / 2385, 1e-15)
        ds.close()

    def test_real_files(self):
        hhs = support.shared(*HHS_A)
        wa = support.shared("wa-ag-breach-notifications", "Data_Breach_Notifications_"
                            "Affecting_Washington_Residents_20240523.csv")
        if not breach._lib.lib().has("breach_load"):
            self.skipTest("the libbreach in use cannot detect formats")
        with breach.load(hhs) as ds:
            ds.read(wa)
            r = ds.links()
            # WA rows with a WashingtoniansAffected figure (csv module): 1,077
            with open(wa, newline="", encoding="utf-8", errors="replace") as f:
                n = sum(1 for row in csv.DictReader(f) if row["WashingtoniansAffected"].strip())
            self.assertEqual(r.n_regional, n)
            self.assertEqual(r.n_linked + r.n_unmatched + r.n_undated, r.n_regional)
            self.assertFalse([k for k in r if "chspsc" in k.entity_key])
            bl = [k for k in r if k.entity_key == "brightline"]
            self.assertEqual(len(bl), 1)
            bl = bl[0]
            self.assertEqual((len(bl.totals), bl.total.point), (11, 1013686))
            self.assertEqual((bl.days_min, bl.days_max), (-3, 46))
            self.rel(bl.shares["US-WA"].share, 26333 / 1013686, 1e-12)
            self.assertEqual(bl.n_other_source, 0)
        # with the seed loaded first, which states the same 1,013,686 in one row: one
        # format's totals stand (the seed's, on the tie), the portal's 11 are left out, not
        # added (26,333 of 2,027,372 = 1.299 % before)
        with breach.load(support.SEED) as ds:
            ds.read(hhs)
            ds.read(wa)
            bl = [k for k in ds.links() if k.entity_key == "brightline"][0]
            self.assertEqual((len(bl.totals), bl.n_other_source, bl.total.point), (1, 11, 1013686))
            self.rel(bl.shares["US-WA"].share, 26333 / 1013686, 1e-12)
        # both lists of the snapshot: tests/reference/links.py (pandas, its own entity
        # keys and filings) gives 151 links, 14 with the WA count above the linked HHS total
        # (Advarra: 1,066 WA residents, one HHS row of 596); 150 before "mscripts®, LLC "
        # (HHS) and "mscripts, LLC" (WA) were one key, 12 while two filings were added
        with breach.load(hhs) as ds:
            ds.read(support.shared(*HHS_B))
            ds.read(wa)
            r = ds.links()
            self.assertEqual((len(r), r.n_inconsistent), (151, 14))
            self.assertEqual(sum(k.inconsistent for k in r), 14)
            fh = sorted((k.total.point, k.n_other_filing) for k in r
                        if k.entity_key == "fred hutchinson cancer center")
            self.assertEqual(fh, [(544, 1), (89111, 0), (890959, 1)])
            for k in r:  # the property: bounds never invert; exact figures give one share
                for s in k.shares.values():
                    if k.inconsistent:
                        self.assertGreater(s.part.value, s.whole.value)
                        self.assertTrue(math.isnan(s.share))
                        continue
                    self.assertLessEqual(s.share_min, s.share)
                    self.assertLessEqual(s.share, s.share_max)
                    self.assertLessEqual(s.share_max, 1.0)
                    if s.part.qualifier == s.whole.qualifier == "exact":
                        self.assertEqual((s.share_min, s.share_max), (s.share, s.share))
            adv = [k for k in r if k.entity_key == "advarra"][0]
            self.assertTrue(adv.inconsistent)
            self.assertEqual((adv.shares["US-WA"].part.value, adv.total.point), (1066, 596))
            bl = [k for k in r if k.entity_key == "brightline"][0]
            self.rel(bl.shares["US-WA"].share, 26333 / 1013686, 1e-12)
        with breach.load(wa) as ds:
            ds.read(support.SEED)
            r = ds.links(entity="NextGen Healthcare")
            self.assertEqual(len(r), 1)
            k = r.links[0]
            self.assertEqual((k.total_ids, k.total.point, k.days_min),
                             (("nextgen-2023-04-credentials",), 1049375, -5))
            self.rel(k.shares["US-WA"].share, 21981 / 1049375, 1e-12)


# ------------------------------------------------------------------ the seed, by hand


def seed_rows():
    with open(support.SEED, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


class SeedByHand(StatsCase):
    """Figures on examples/data/seed-incidents.csv computed here from the CSV. Brightline's
    2023-05 notice is revised by its 2024-07 one (same organisation, same vendor), so the
    statistics see 8 of the 9 rows."""

    @classmethod
    def setUpClass(cls):
        cls.ds = breach.load(support.SEED)
        cls.rows = [r for r in seed_rows() if r["id"] != "hhs-brightline-2023-05-snapshot"]

    @classmethod
    def tearDownClass(cls):
        cls.ds.close()

    def test_counts_by_type(self):
        want = {}
        for r in self.rows:
            for t in filter(None, r["breach_types"].split(";")):
                want[t] = want.get(t, 0) + 1
        c = self.ds.counts(min_n=0)
        self.assertEqual((c.n_incidents, c.n_unknown, c.n), (8, 0, 8))
        self.assertEqual({r.label: r.count for r in c if r.count}, want)  # hacking 6, ...
        self.assertEqual(c["hacking"].count, 6)
        z = statistics.NormalDist().inv_cdf(0.975)  # Wilson for 6 of 8, by hand
        centre = (6 + z * z / 2) / (8 + z * z)
        half = z / (8 + z * z) * math.sqrt(6 * 2 / 8 + z * z / 4)
        self.rel(c["hacking"].lo, centre - half, 1e-12)
        self.rel(c["hacking"].hi, centre + half, 1e-12)
        self.assertEqual(self.ds.counts().status, "small_n")  # 8 < 30

    def test_timeseries_by_year(self):
        dated = [r for r in self.rows if r["reported"]]
        t = self.ds.timeseries(by="year")
        self.assertEqual((t.n_incidents, t.n_undated, t.n_counted), (8, 1, len(dated)))
        self.assertEqual([(str(p.start), p.n_incidents) for p in t], [("2023", 7)])
        self.assertEqual(t.periods[0].affected.lower,
                         sum(int(r["affected"]) for r in dated if r["affected"]))
        t = self.ds.timeseries(span=("2023-01", "2023-06"))
        by_month = [sum(1 for r in dated if r["reported"][5:7] == "%02d" % m)
                    for m in range(1, 7)]
        self.assertEqual(list(t.counts), by_month)  # 1, 1, 1, 3, 0, 1

    def test_sizes(self):
        values = sorted(float(r["affected"]) for r in self.rows if r["affected"])
        s = self.ds.sizes()
        self.assertEqual(list(s.values), values)
        self.assertEqual(s.n_unknown, 2)  # the ALPHV listing and Blue Shield
        self.assertEqual(s.median, statistics.median(values))
        self.rel(s.mean, statistics.fmean(values), 1e-15)
        self.rel(s.geomean, statistics.geometric_mean(values), 1e-12)
        self.rel(s.q1, statistics.quantiles(values, n=4, method="inclusive")[0], 1e-15)
        logs = [math.log(v) for v in values]
        l = self.ds.lognormal_fit()
        self.rel(l.mu.estimate, statistics.fmean(logs), 1e-12)
        self.rel(l.sigma.estimate, statistics.pstdev(logs), 1e-12)

    def test_percapita_and_survival(self):
        wa = sum(int(part.split(":")[1]) for r in self.rows
                 for part in r["regions"].split(";") if part.startswith("US-WA:"))
        self.assertEqual(wa, 51453)
        pc = self.ds.percapita()
        # every notice with a breakdown is dated (event) 2023-01-28 .. 2023-03-29: the
        # bundled file's POPESTIMATE2023 (Washington 7,857,320; Maine 1,399,646)
        self.assertEqual((pc.year, pc.year_matches, pc.date_field), (2023, True, "event"))
        self.assertEqual((str(pc.first), str(pc.last)), ("2023-01-28", "2023-03-29"))
        # the days observed are the seed list's (event date): from NextGen's ALPHV listing
        # (reported 2023-01-17, no occurred date) to Intellihartx's notice (2023-06-08),
        # 143 days, not the 61 of the first to the last notice with a breakdown
        self.assertEqual((str(pc.covered_first), str(pc.covered_last), pc.days),
                         ("2023-01-17", "2023-06-08", 143))
        # a start / end filter cuts them (review 5, F6): March 2023, 31 days, whatever the
        # first and last notice of March (CHSPSC's 2023-01-28 is outside)
        pm = self.ds.percapita(start="2023-03", end="2023-03")
        self.assertEqual((str(pm.covered_first), str(pm.covered_last), pm.days),
                         ("2023-03-01", "2023-03-31", 31))
        self.rel(pc["US-WA"].rate, wa * 1e5 / 7857320, 1e-15)
        self.rel(pc["US-ME"].rate, 3913e5 / 1399646.0, 1e-15)  # 279.57 per 100,000 Mainers
        self.assertEqual(pc.rows[0].region, "US-WA")
        s = self.ds.survival()
        # NextGen: ALPHV listing 2023-01-17, credential theft occurred 2023-03-29: 71 days;
        # the other five organisations are seen once
        self.assertEqual((s.n_organisations, s.n_events, s.n_censored), (6, 1, 5))
        self.assertEqual([st.time for st in s.steps if st.events], [71])


# ------------------------------------------------------------------ pandas (optional)

pandas = support.pandas_or_none()


class Frames(unittest.TestCase):
    def results(self, ds):
        return [ds.counts(min_n=0), ds.timeseries(), ds.sizes(), ds.survival(),
                ds.percapita(), ds.bootstrap(replicates=50)]

    @unittest.skipIf(pandas is not None, "pandas is installed in %s" % sys.executable)
    def test_clear_import_error(self):
        with breach.load(support.SEED) as ds:
            for obj in self.results(ds):
                with self.subTest(type=type(obj).__name__):
                    with self.assertRaises(ImportError) as cm:
                        obj.to_pandas()
                    self.assertIn("pip install pandas", str(cm.exception))

    def test_statistics_do_not_import_pandas(self):
        r = support.run_python(
            "import sys, breach\nds = breach.load(sys.argv[1])\n"
            "ds.counts(); ds.timeseries(); ds.sizes(); ds.survival(); ds.percapita()\n"
            "ds.lognormal_fit(); ds.powerlaw_fit(replicates=5); ds.bootstrap(replicates=20)\n"
            "print('pandas' in sys.modules)\n", args=[support.SEED])
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.strip(), "False")

    @unittest.skipIf(pandas is None, "pandas is not installed in %s (optional)"
                     % sys.executable)
    def test_frames(self):
        with breach.load(support.SEED) as ds:
            c, t, s, sv, pc, b = self.results(ds)
        df = c.to_pandas()
        self.assertEqual(len(df), len(c))
        self.assertEqual(df[df["label"] == "hacking"].iloc[0]["count"], 6)
        df = t.to_pandas()
        self.assertEqual(list(df["n_incidents"]), list(t.counts))
        # issue 16: periods start as datetime64[ns], at month precision
        self.assertEqual(str(df["start"].dtype), "datetime64[ns]")
        self.assertEqual(df.iloc[0]["start"].date().isoformat(), "2023-01-01")
        self.assertEqual(df.iloc[0]["start_precision"], "month")
        self.assertEqual(list(s.to_pandas()["value"]), list(s.values))
        self.assertEqual(list(s.to_pandas("ccdf")["p"]), list(s.ccdf_p))
        with self.assertRaises(ValueError):
            s.to_pandas("cdf")
        self.assertEqual(list(sv.to_pandas()["time"]), [st.time for st in sv.steps])
        df = pc.to_pandas()
        self.assertEqual(df.iloc[0]["region"], "US-WA")
        self.assertAlmostEqual(df.iloc[0]["rate"], pc.rows[0].rate)
        self.assertEqual(len(b.to_pandas()), len(b.values))
        ds = breach.Dataset()
        ds.add(entity="Acme", reported="2023-04-10", regions={"US-WA": 2385, "US-ME": 5})
        ds.add(entity="Acme", reported="2023-04-07", affected=40000)
        df = ds.links().to_pandas()
        self.assertEqual(list(df["region"]), ["US-WA", "US-ME"])  # as the notice lists them
        self.assertAlmostEqual(df.iloc[0]["share"], 2385 / 40000)
        self.assertEqual(list(df["inconsistent"]), [False, False])
        ds.close()


# ------------------------------------------------------------------ the HHS portal

HHS_A = ("hhs-ocr-breach-portal", "snapshot-2024-07", "Source_Breach_Report.csv")
HHS_B = ("hhs-ocr-breach-portal", "snapshot-2024-07", "breach_report.csv")


class HHSPortal(StatsCase):
    """The C suites' HHS figures (July 2024, both lists), through the binding's loader."""

    @classmethod
    def setUpClass(cls):
        a, b = support.shared(*HHS_A), support.shared(*HHS_B)
        if not breach._lib.lib().has("breach_hhs_read_file"):
            raise unittest.SkipTest("the libbreach in use has no HHS loader")
        cls.ds = breach.load(a, format="hhs")
        cls.ds.read(b, format="hhs")

    @classmethod
    def tearDownClass(cls):
        cls.ds.close()

    def test_episodes_associate_window(self):
        # tests/reference/episodes.py (pandas): 514 / 849 / 65 with the 60-day window,
        # 536 / 886 / 96 without; Kaplan-Meier within 3 years 0.07479217432785967
        # [0.06744686116786192, 0.08290126742662296], without 0.07890559201615699 (issue 16's
        # accent-insensitive keys joined "La Clínica de la Raza" and "La Clinica de la Raza";
        # symbols as spaces joined "Cancer Treatment Centers of America® (CTCA) at
        # Southeastern ..." to its spelling without the ®, 5,325 organisations before)
        r = self.ds.repeats()
        self.assertEqual((r.n_entities, r.n_repeat_entities, len(r.intervals)), (5324, 514, 849))
        self.assertEqual(sum(1 for i in r.intervals if i.days <= 30), 65)
        r = self.ds.repeats(associate_window_days=-1)
        self.assertEqual((r.n_repeat_entities, len(r.intervals)), (536, 886))
        self.assertEqual(sorted(i.days for i in r.intervals if i.entity == "Brightline, Inc."),
                         [6, 7, 16, 20])
        # episodes.py 30 -> 856 intervals (854 before issue 16, 855 before symbols)
        self.assertEqual(len(self.ds.repeats(associate_window_days=30).intervals), 856)
        s = self.ds.survival()
        w = s.within_3y
        self.rel(w.estimate, 0.07479217432785967, 1e-12)
        self.rel(w.lo, 0.06744686116786192, 1e-9)
        self.rel(w.hi, 0.08290126742662296, 1e-9)
        self.rel(self.ds.survival(associate_window_days=-1).within_3y.estimate,
                 0.07890559201615699, 1e-12)
        # end='2020': the follow-up ends on 2020-12-31 (`tests/reference/episodes.py --to
        # 2020-12-31`: 3,207 organisations, 297 events; within 3 years 0.08279960647946072
        # [0.07264908812066573, 0.09429479497324278]; 0.06673 censored at 2024-06-28)
        s = self.ds.survival(end="2020")
        self.assertEqual((str(s.window_end), s.n_observations, s.n_events),
                         ("2020-12-31", 3207, 297))
        self.rel(s.within_1y.estimate, 0.037916501853766826, 1e-12)
        self.rel(s.within_3y.estimate, 0.08279960647946072, 1e-12)
        self.rel(s.within_3y.lo, 0.07264908812066573, 1e-9)
        self.rel(s.within_3y.hi, 0.09429479497324278, 1e-9)
        with self.assertRaises(breach.InvalidArgumentError):
            self.ds.repeats(associate_window_days=-2)

    def test_counts(self):
        c = self.ds.counts()
        self.assertEqual((c.n_incidents, c.n), (6279, 6268))
        self.assertEqual(c["hacking"].count, 3370)
        self.rel(c["hacking"].lo, 0.5252893174260526, 1e-10)
        self.rel(c["hacking"].hi, 0.5499676869320823, 1e-10)
        self.assertEqual({r.label: r.count for r in c if not r.unknown},
                         {"hacking": 3370, "unauthorized_access": 1486, "theft": 1050,
                          "loss": 242, "improper_disposal": 123, "other": 95,
                          "ransomware": None})
        # the portal has no ransomware type: not recorded, never 0 of 6,268
        self.assertFalse(c["ransomware"].recorded)
        self.assertEqual((c["ransomware"].n, c["other"].n), (None, 6268))
        c = self.ds.counts(dimension="entity_type", ci="jeffreys")
        self.assertEqual(c.n_unknown, 5)
        self.assertEqual([(r.label, r.count) for r in c.rows[:2]],
                         [("Healthcare Provider", 4492), ("Business Associate", 951)])
        self.assertEqual(c["Business Associate"].affected.point, 189286052)
        self.assertEqual(c["Healthcare Clearing House"].count, 14)
        c = self.ds.counts(dimension="region")
        self.assertEqual(c.n_unknown, 16)
        self.assertEqual([(r.label, r.count) for r in c.rows[:3]][0], ("US-CA", 627))
        self.assertEqual((c.rows[1].label, c.rows[2].count), ("US-TX", 418))

    def test_timeseries(self):
        t = self.ds.timeseries()
        self.assertEqual((len(t), t.n_counted), (177, 6279))
        # timeseries.py "HHS whole months 2009-11 .. 2024-05": the data span 2009-10-21 ..
        # 2024-06-28, the first and last months are partial and left out of the tests
        self.assertEqual((str(t.span_first), str(t.span_last)), ("2009-10-21", "2024-06-28"))
        self.assertEqual((t.n_partial, t.n_tested, t.n_tested_incidents), (2, 175, 6235))
        self.assertEqual((t.periods[0].covered_days, t.periods[-1].covered_days), (11, 28))
        self.assertEqual((t.unit, t.units), ("individuals", frozenset({"individuals"})))
        self.rel(t.uniformity.statistic, 1926.792301523657, 1e-12)
        self.rel(t.uniformity.p_value, 7.342589665871399e-293, 1e-6)
        self.rel(t.dispersion.poisson_loglik, -1363.9255973393992, 1e-12)
        self.rel(t.dispersion.nb_size, 3.8371082308289868, 1e-6)
        self.rel(t.dispersion.nb_loglik, -747.9095304356019, 1e-11)
        self.rel(t.dispersion.lr_statistic, 1232.0321338075946, 1e-9)
        self.rel(t.dispersion.p_value, 3.333255758170598e-270, 1e-6)
        # a span past the data: the last submission is of 2024-06-28 (timeseries.py, csv
        # module), so July .. December have no data (None), June is partial, and the tests
        # run over January .. May ("HHS whole months 2024-01 .. 2024-05")
        t = self.ds.timeseries(span=("2024-01", "2024-12"))
        self.assertEqual(t.counts, (69, 64, 96, 58, 51, 41) + (None,) * 6)
        self.assertEqual(str(t.span_last), "2024-06-28")
        self.assertEqual((t.periods[5].partial, t.periods[5].covered_days), (True, 28))
        self.assertEqual((t.n_partial, t.n_uncovered, t.n_tested, t.n_tested_incidents),
                         (1, 6, 5, 338))
        self.rel(t.uniformity.statistic, 17.59171597633136, 1e-12)
        t = self.ds.timeseries(by="year", span=("2015", "2024"))
        self.assertEqual((t.periods[-1].covered_days, t.periods[-1].partial), (180, True))
        self.assertEqual((t.n_tested, t.n_tested_incidents), (9, 4674))
        self.rel(t.uniformity.statistic, 568.012836970475, 1e-12)
        t = self.ds.timeseries(span=("2023", "2023"), expected_by_length=True)
        self.assertEqual(t.counts, (42, 49, 66, 54, 78, 68, 62, 71, 56, 44, 73, 78))
        self.assertEqual(t.n_counted, 741)
        self.rel(t.uniformity.statistic, 26.55904183535763, 1e-12)
        self.rel(t.uniformity.p_value, 0.005354253388693353, 1e-9)
        self.rel(t.dispersion.nb_size, 42.431097515141055, 1e-6)
        self.rel(t.dispersion.lr_statistic, 6.373255928466222, 1e-8)
        self.rel(t.dispersion.p_value, 0.0057926420728653385, 1e-7)
        # a span inside a period cuts it by day (review 5, F1; timeseries.py, csv module):
        # 2024-06-01 .. 06-28 has 41 notices (2024: 379), March 96 and April 58 (Q1 229,
        # Q2 150), 2024-06-15 .. 06-28 19
        t = self.ds.timeseries(by="year", span=("2024-06", "2024-12"))
        self.assertEqual((t.counts, t.periods[0].covered_days), ((41,), 28))
        t = self.ds.timeseries(by="quarter", span=("2024-03", "2024-04"))
        self.assertEqual((t.counts, [p.covered_days for p in t.periods]), ((96, 58), [31, 30]))
        t = self.ds.timeseries(span=("2024-06-15", "2024-06-28"))
        self.assertEqual((t.counts, t.periods[0].covered_days), ((19,), 14))
        # a start / end filter on the series' date bounds it as span does (review 5, F3):
        # 2023 alone, 741 notices, nothing tested, not 2009 .. 2024 with 0 in every other
        # year tested (the CLI's timeline --from 2023 --to 2023: test_cli.sh)
        spanned = self.ds.timeseries(by="year", span=("2023", "2023"))
        for t in (self.ds.timeseries(by="year", start="2023", end="2023"),
                  self.ds.select(start="2023", end="2023", date_field="reported")
                  .timeseries(by="year")):
            self.assertEqual(t.counts, (741,))
            self.assertEqual(t.counts, spanned.counts)
            self.assertEqual((t.span_first, t.span_last, t.n_tested),
                             (spanned.span_first, spanned.span_last, 1))
            self.assertTrue(math.isnan(t.uniformity.statistic))
        # monthly over 2023 through the filter: the same figures as through span
        t = self.ds.timeseries(start="2023", end="2023", expected_by_length=True)
        self.assertEqual(t.counts, (42, 49, 66, 54, 78, 68, 62, 71, 56, 44, 73, 78))
        self.rel(t.uniformity.statistic, 26.55904183535763, 1e-12)
        self.rel(t.dispersion.nb_size, 42.431097515141055, 1e-6)

    def test_sizes_and_fits(self):
        s = self.ds.sizes()
        self.assertEqual((s.n, s.n_unknown, s.min, s.max), (6278, 1, 500, 78800000))
        self.rel(s.q1, 1174.25, 1e-15)
        self.rel(s.median, 3561.5, 1e-15)
        self.rel(s.q3, 16266.5, 1e-15)
        self.rel(s.p90, 81505.90000000001, 1e-14)
        self.rel(s.p99, 1629582.7299999602, 1e-12)
        self.rel(s.mean, 92406.33720930232, 1e-13)
        self.rel(s.geomean, 5465.295393123714, 1e-12)
        self.rel(s.geosd, 6.8500680045326305, 1e-12)
        self.rel(s.ccdf_p[1], 0.9837527875119465, 1e-14)
        l = self.ds.lognormal_fit()
        self.rel(l.mu.estimate, 8.60617345095661, 1e-12)
        self.rel(l.mu.lo, 8.558564937866649, 1e-11)
        self.rel(l.sigma.estimate, 1.9241053196825546, 1e-11)
        self.rel(l.sigma.hi, 1.95852165372482, 1e-9)
        self.rel(l.loglik, -67046.35976401107, 1e-12)
        v = self.ds.compare_powerlaw_lognormal()
        p = v.powerlaw
        self.assertEqual((p.xmin, p.n_tail), (33000, 1114))
        self.rel(p.alpha, 1.677171064256466)
        self.rel(p.ks, 0.04320498328165989)
        self.rel(v.lognormal_mu, 7.513003209045708, 1e-6)
        self.rel(v.lognormal_sigma, 2.8337662820015477, 1e-6)
        self.rel(v.powerlaw_loglik, -14783.70008901325, 1e-12)
        self.rel(v.lognormal_loglik, -14766.906576954138, 1e-10)
        self.rel(v.ratio, -16.793512059111933, 1e-7)
        self.rel(v.statistic, -3.555756025596857, 1e-7)
        self.rel(v.p_value, 0.00037689371205562903, 1e-6)
        self.assertEqual(v.favours, "lognormal")

    def test_survival(self):
        s = self.ds.survival()
        r = self.ds.repeats()
        self.assertEqual((s.n_observations, s.n_events), (r.n_entities, r.n_repeat_entities))
        self.assertEqual(s.n_events + s.n_censored, s.n_observations)
        S = [st.survival for st in s.steps]
        self.assertEqual(S, sorted(S, reverse=True))
        self.assertTrue(0 < s.within_1y.estimate < s.within_3y.estimate)
        self.assertEqual(str(s.window_end), "2024-06-28")



class UnitsApart(unittest.TestCase):
    """No total adds individuals, accounts and records (tests/data/units-mixed.csv, by hand:
    individuals 1,000 and at least 500; accounts 40,000 and 60,000; records 900)."""

    @classmethod
    def setUpClass(cls):
        cls.ds = breach.load(os.path.join(support.TOP, "tests", "data", "units-mixed.csv"))

    def test_counts_by_unit(self):
        c = self.ds.counts("entity_type", min_n_report=0)
        self.assertEqual((c.unit, c.units, c.n_other_units),
                         ("individuals", frozenset({"individuals", "accounts", "records"}), 3))
        unk = c["unknown"]
        self.assertEqual(unk.count, 3)
        self.assertEqual(unk.affected.n, 0)                 # no individuals there
        self.assertEqual(unk.by_unit["accounts"].point, 100000)
        self.assertEqual(unk.by_unit["records"].point, 900)

    def test_unit_filter(self):
        s = self.ds.sizes(unit="accounts")
        self.assertEqual((s.unit, s.n, s.median, s.n_other_units), ("accounts", 2, 50000.0, 0))
        c = self.ds.counts("entity_type", min_n_report=0, unit="accounts")
        self.assertEqual(c.units, frozenset({"accounts"}))
        self.assertIsNone(c["unknown"].by_unit["individuals"])   # not counted, not 0
        with self.assertRaises(breach.InvalidArgumentError):
            self.ds.sizes(unit="people")

    def test_region_shares_and_supply(self):
        r = self.ds.region_shares()
        self.assertEqual((r.unit, r.all_regions.point, r.n_other_units), ("individuals", 1000, 1))
        self.assertEqual(r["US-WA"].by_unit["accounts"].point, 7000)
        self.assertEqual(r.all_regions_by_unit["accounts"].point, 7000)
        sc = self.ds.supply_chain("Acme Files")
        self.assertEqual((sc.unit, sc.individuals.lower, sc.n_other_units), ("individuals", 1500, 1))
        self.assertEqual(sc.by_unit["accounts"].point, 40000)
        self.assertEqual([m.role for m in sc.members], ["counted", "counted", "other_unit"])
        self.assertEqual(sc.members[2].unit, "accounts")
        self.assertIsNone(self.ds.supply_chain("Pwned Host").by_unit["individuals"])


class NoFigure(unittest.TestCase):
    """What breachstat's "no figure" column and <unit>_n_unknown show is the totals'
    n_unknown, reachable on every row (tests/data/no-figure.csv, by hand: hacking n2 and n4
    of 4 give no figure; 2022 n2, 2023 n4; US-CA n2, US-TX n4; Acme Files n2)."""

    @classmethod
    def setUpClass(cls):
        cls.ds = breach.load(os.path.join(support.TOP, "tests", "data", "no-figure.csv"))

    @classmethod
    def tearDownClass(cls):
        cls.ds.close()

    def test_rows(self):
        h = self.ds.counts(min_n_report=0)["hacking"].affected
        self.assertEqual((h.n, h.n_unknown, h.lower, h.upper_unbounded), (4, 2, 1700, True))
        self.assertEqual([(str(p.start), p.affected.n_unknown)
                          for p in self.ds.timeseries(by="year")], [("2022", 1), ("2023", 1)])
        self.assertEqual({r.label: r.affected.n_unknown
                          for r in self.ds.counts("region", min_n_report=0) if r.count},
                         {"US-CA": 1, "US-TX": 1, "US-WA": 0})
        self.assertEqual(self.ds.supply_chain("Acme Files").individuals.n_unknown, 1)


class PeoplePlaced(unittest.TestCase):
    """The share of people a breakdown places is over the seed's notices with both a
    breakdown and a total (by hand from examples/data/seed-incidents.csv: 4 current ones,
    residents 3,913 + 131,815 + 21,981 + 26,333 + 559 + 2,580 = 187,181 of 1,049,375 +
    1,013,686 + 962,884 + 139,493 = 3,165,438)."""

    def test_seed(self):
        r = breach.load(support.SEED).region_shares()
        self.assertEqual((r.n_placed, r.placed_regions.point, r.placed_affected.point),
                         (4, 187181, 3165438))
        self.assertAlmostEqual(r.placed_share, 187181 / 3165438, places=15)
        self.assertTrue(math.isnan(breach.load(support.SEED).region_shares(
            entity="Hatch Bank", date_field="reported", end="2000-01-01").placed_share))

    def test_blank_regions(self):
        # tests/data/regions-blank.csv by hand: 5 regional entries, 3 blank, in 3 notices,
        # 2 of which (a1, a3) leave a region blank; 500 of 6,000 placed
        with breach.load(os.path.join(support.TOP, "tests", "data", "regions-blank.csv")) as ds:
            r = ds.region_shares()
        self.assertEqual((r.all_regions.n, r.all_regions.n_unknown, r.n_breakdown_unknown),
                         (5, 3, 2))
        self.assertAlmostEqual(r.placed_share, 500 / 6000, places=15)


if __name__ == "__main__":
    unittest.main()
