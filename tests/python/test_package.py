"""Issue 16, the Python part: long computations that report progress and stop on Ctrl-C,
load() of paths and file objects with a report that accumulates, selections as Dataset
views, to_pandas() types, short reprs, mapping= paths, 1-based warning columns and the
hint of an empty time series.

Expected values are counted by hand from the cited rows of examples/data/seed-incidents.csv
(with the csv module where a test says so) or are the C suites' reference values.
"""

import io
import math
import os
import random
import signal
import threading
import time
import unittest

import support
from support import breach


def lognormal_dataset(n=3000, seed=5):
    """n incidents with log-normal affected counts: a power-law fit costs about 10 ms a
    replicate on them (the xmin scan is O(n^2))."""
    rng = random.Random(seed)
    ds = breach.Dataset()
    for i in range(n):
        ds.add(id="x%d" % i, entity="E%d" % i, reported="2020-01-01",
               affected=int(rng.lognormvariate(8, 2)) + 1)
    return ds


class ProgressAndCancel(unittest.TestCase):
    """breach_progress_fn through the binding (tests/test_bootstrap.c tests the C side)."""

    def test_progress_sees_every_replicate_and_changes_nothing(self):
        # tests/test_bootstrap.c (bootstrap.py): mean of X, B 1000, seed 42 ->
        # [3.601625000000001, 7.387020833333333]
        x = [2.385, 7.1, 0.5, 3.3, 12.8, 4.4, 9.9, 1.7, 6.02, 5.55, 3.14, 8.8]
        calls = []
        b = breach.bootstrap(x, "mean", replicates=1000, seed=42,
                             progress=lambda done, total: calls.append((done, total)))
        self.assertAlmostEqual(b.lo, 3.601625000000001, delta=1e-14 * 3.6)
        self.assertAlmostEqual(b.hi, 7.387020833333333, delta=1e-14 * 7.4)
        self.assertEqual(calls[0], (0, 1000))
        self.assertEqual(calls[-1], (1000, 1000))
        self.assertEqual([d for d, _ in calls], sorted(d for d, _ in calls))

    def test_progress_returning_true_cancels(self):
        ds = lognormal_dataset(400)
        with self.assertRaises(breach.CancelledError) as cm:
            ds.powerlaw_fit(replicates=50, progress=lambda done, total: True)
        self.assertEqual(cm.exception.code, -16)
        with breach.load(support.SEED) as seed, self.assertRaises(breach.CancelledError):
            seed.counts(ci="bootstrap", min_n=0, min_n_report=0, progress=lambda d, t: True)
        # an exception in the progress function stops the run and is raised as itself
        def boom(done, total):
            raise RuntimeError("from progress")
        with self.assertRaisesRegex(RuntimeError, "from progress"):
            breach.bootstrap([1.0, 2.0, 3.5], replicates=100, progress=boom)
        with self.assertRaises(TypeError):
            breach.bootstrap([1.0, 2.0], progress=3)

    @unittest.skipUnless(hasattr(signal, "SIGINT") and hasattr(os, "kill"), "no SIGINT")
    def test_ctrl_c_stops_a_long_powerlaw_fit_within_a_second(self):
        # A process started in the background by a non-interactive shell (`cmd &`, as a CI
        # runner may start the suites) begins with SIGINT ignored, which the binding
        # respects (Ctrl-C would not reach it either): this test sets the interpreter's own
        # handler for its duration, as an interactive session has it.
        was = signal.getsignal(signal.SIGINT)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        self.addCleanup(signal.signal, signal.SIGINT, was)
        ds = lognormal_dataset()
        sent = []

        def interrupt():
            sent.append(time.monotonic())
            os.kill(os.getpid(), signal.SIGINT)

        timer = threading.Timer(0.5, interrupt)
        start = time.monotonic()
        timer.start()
        try:
            # 3,000 replicates at about 10 ms each: half a minute without Ctrl-C
            with self.assertRaises(KeyboardInterrupt):
                ds.powerlaw_fit(replicates=3000)
        finally:
            timer.cancel()
        self.assertTrue(sent, "the timer never fired")
        late = time.monotonic() - sent[0]
        self.assertLess(late, 1.0, "KeyboardInterrupt %.2f s after SIGINT" % late)
        self.assertLess(time.monotonic() - start, 10)
        # the interpreter's handler is back in place
        self.assertIs(signal.getsignal(signal.SIGINT), signal.default_int_handler)
        # and the dataset still works
        self.assertEqual(len(ds), 3000)


if __name__ == "__main__":
    unittest.main()


SEED_ROWS = 9  # examples/data/seed-incidents.csv: 9 data rows


class Loading(unittest.TestCase):
    def test_file_objects_binary_and_text(self):
        with open(support.SEED, "rb") as f:
            ds = breach.load(f)
        self.assertEqual(len(ds), SEED_ROWS)
        self.assertEqual(ds.inputs()[0].name, support.SEED)  # the file object's name
        with open(support.SEED, encoding="utf-8") as f:
            self.assertEqual(len(breach.load(f)), SEED_ROWS)
        text = open(support.SEED, encoding="utf-8").read()
        ds = breach.load(io.StringIO(text))
        self.assertEqual(len(ds), SEED_ROWS)
        self.assertEqual(ds.inputs()[0].name, "<stream>")
        with self.assertRaises(TypeError):
            breach.load(42)

    def test_many_paths_any_iterable_and_the_report_adds_up(self):
        # the seed file twice: 9 + 9 rows read and loaded; every notice of the first load
        # is listed again by the second (an overlap of 9), so 9 stand
        ds = breach.load(p for p in [support.SEED, open(support.SEED, "rb")])
        self.assertEqual(len(ds), 2 * SEED_ROWS)
        self.assertEqual(ds.report.loads, 2)
        self.assertEqual(ds.report.rows_read, 2 * SEED_ROWS)
        self.assertEqual(ds.report.rows_loaded, 2 * SEED_ROWS)
        self.assertEqual(ds.report.format, "canonical")
        self.assertEqual(len(ds.indices(include_superseded=True)), SEED_ROWS)
        # read() returns its own load's report; ds.report keeps adding
        ds = breach.Dataset()
        r1 = ds.read(support.SEED)
        r2 = ds.read(os.path.join(support.TOP, "tests", "data", "hhs-sample.csv"),
                     lenient=True)
        # hhs-sample.csv: 7 rows, 6 warnings (counted with breachstat summary --verbose)
        self.assertEqual((r1.rows_read, r2.rows_read), (SEED_ROWS, 7))
        self.assertEqual(ds.report.rows_read, SEED_ROWS + 7)
        self.assertEqual(len(ds.report.warnings), 6)
        self.assertIsNone(ds.report.format)  # canonical + hhs

    def test_mapping_given_as_a_path(self):
        # tests/data/wa.map over wa-sample.csv: the 7 rows (tests/test_io_mapped.c)
        data = os.path.join(support.TOP, "tests", "data")
        ds = breach.load(os.path.join(data, "wa-sample.csv"),
                         mapping=os.path.join(data, "wa.map"))
        self.assertEqual(len(ds), 7)
        self.assertEqual(ds.report.format, "mapped")
        with self.assertRaises(TypeError):
            breach.load(os.path.join(data, "wa-sample.csv"), mapping=3)

    def test_warning_columns_are_one_based_as_on_the_cli(self):
        # hhs-sample.csv line 7 repeats line 6 (the "Small Clinic" rows): a whole-row
        # warning, printed by breachstat as hhs-sample.csv:7:1
        ds = breach.load(os.path.join(support.TOP, "tests", "data", "hhs-sample.csv"),
                         lenient=True)
        dup = [w for w in ds.report.warnings if w.code == 2]
        self.assertEqual([(w.line, w.column, w.row) for w in dup], [(7, 1, 4)])
        self.assertTrue(all(w.column >= 1 for w in ds.report.warnings))


class Selections(unittest.TestCase):
    def test_select_is_a_dataset_every_statistic_takes(self):
        with breach.load(support.SEED) as ds:
            sel = ds.select(vendor="Fortra GoAnywhere")
            # seed rows with vendor Fortra GoAnywhere: 7 notices, the 2023-05 Brightline
            # snapshot superseded by the 2024-07 one: 6 selected (indices 2, 4..8)
            self.assertIsInstance(sel, breach.Dataset)
            self.assertEqual(len(sel), 6)
            self.assertEqual(sel.source_indices, (2, 4, 5, 6, 7, 8))
            self.assertEqual([i.id for i in sel],
                             [ds[i].id for i in (2, 4, 5, 6, 7, 8)])
            # the supply-chain total over the selection is the one over the parent
            # (5,643,196: README, by hand 3,037,303 + 1,013,686 + 962,884 + 489,830 +
            # 139,493)
            self.assertEqual(sel.supply_chain("Fortra GoAnywhere").individuals.point,
                             5643196)
            self.assertEqual(sel.counts(min_n=0).n, 6)
            self.assertEqual(sel.sizes().n, 5)
            self.assertEqual(len(sel.region_shares().rows), 1)  # US-WA only
            self.assertEqual(len(sel.select(region="US-WA")), 3)
        # the selection outlives its parent
        self.assertEqual(len(sel), 6)
        sel.close()

    def test_copies_keep_what_their_sources_are(self):
        """select() and append() copy the inputs with the incidents (review 4, finding 1):
        before, a copy belonged to no input, so what VERIS cannot state read as a measured
        0 %, the HHS floor was gone and a selection covered only its own dates."""
        data = os.path.join(support.TOP, "tests", "data")
        # tests/data/veris/array.json (json module): 4 incidents, 3 stating data varieties
        # (Payment; Holograms, Unknown; Credentials). VERIS has no address or SSN variety.
        with breach.load(os.path.join(data, "veris", "array.json")) as ds:
            both = breach.Dataset()
            both.append(ds)
            for d in (ds, ds.select(), both):
                c = d.counts("category", force=True, min_n=0, min_n_report=0)
                self.assertEqual(c.n, 3)
                for level in ("address", "ssn"):
                    self.assertFalse(c[level].recorded, level)
                    self.assertIsNone(c[level].count)
                    self.assertTrue(math.isnan(c[level].proportion))
                self.assertEqual((c["credentials"].count, c["credentials"].n), (1, 3))
            sel = ds.select()
            self.assertEqual([(i.format, i.first, i.end) for i in sel.inputs()],
                             [("veris", 0, 4)])
            self.assertEqual(sel.inputs()[0].sha256, ds.inputs()[0].sha256)
            self.assertEqual(sel.source_indices, (0, 1, 2, 3))
        # tests/data/hhs-sample.csv: 6 rows with a figure, all from a list floored at 500
        with breach.load(os.path.join(data, "hhs-sample.csv"), format="hhs") as h:
            for d in (h, h.select()):
                s = d.sizes()
                self.assertEqual((s.n_floored, s.floor), (6, 500))
        # one list, Maine 2015-02-01 and Texas 2016-09-01: Maine by year covers 2015 from
        # February (334 days) and 2016 to September 1 (245 days, a leap year), on a copy of
        # Maine's one notice too
        ds = breach.Dataset()
        ds.read_string("id,entity,entity_state,reported\n1,Maine A,US-ME,2015-02-01\n"
                       "2,Texas B,US-TX,2016-09-01\n", format="canonical")
        for t in (ds.timeseries(by="year", region="US-ME"),
                  ds.select(region="US-ME").timeseries(by="year")):
            self.assertEqual([p.covered_days for p in t.periods], [334, 245])
            self.assertEqual(t.counts, (1, 0))


@unittest.skipIf(support.pandas_or_none() is None, "pandas is not installed")
class Frames(unittest.TestCase):
    def test_incident_frame_types(self):
        ds = breach.Dataset()
        ds.add(id="a", entity="A", reported="2023-04", affected=">=3000000",
               regions={"US-ME": 12}, categories="ssn;name", business_associate=True)
        ds.add(id="b", entity="B", reported="2023-04-28", affected=1049375, unit="accounts")
        ds.add(id="c", entity="C")
        df = ds.to_pandas()
        self.assertEqual(str(df["reported"].dtype), "datetime64[ns]")
        self.assertEqual(df["reported"].dt.year.tolist()[:2], [2023, 2023])
        self.assertTrue(math.isnan(df["reported"].dt.year.tolist()[2]))
        self.assertEqual(list(df["reported_precision"][:2]), ["month", "day"])
        self.assertTrue(df["reported_precision"].isna().tolist()[2])
        self.assertEqual(str(df["affected"].dtype), "Int64")
        self.assertEqual(df["affected"].tolist()[:2], [3000000, 1049375])
        self.assertTrue(df["affected"].isna().tolist()[2])
        self.assertEqual(str(df["affected_qualifier"].dtype), "category")
        self.assertEqual(list(df["affected_qualifier"].astype(str)),
                         ["at_least", "exact", "unknown"])
        self.assertEqual(list(df["unit"].astype(str)), ["individuals", "accounts",
                                                        "individuals"])
        self.assertEqual(str(df["business_associate"].dtype), "boolean")
        regions = ds.to_pandas("regions")
        self.assertEqual(regions[["id", "region", "count"]].values.tolist(),
                         [["a", "US-ME", 12]])
        self.assertEqual(str(regions["count"].dtype), "Int64")
        cats = ds.to_pandas("categories")
        # the library's vocabulary order: name before ssn
        self.assertEqual(cats[["id", "category"]].astype(str).values.tolist(),
                         [["a", "name"], ["a", "ssn"]])
        self.assertEqual(str(cats["category"].dtype), "category")
        with self.assertRaises(ValueError):
            ds.to_pandas("nope")
        # inputs: the seed file, 9 rows read, latest reported date 2023-06-08 (row
        # hhs-intellihartx-2023-06-08)
        with breach.load(support.SEED) as seed:
            ins = seed.to_pandas("inputs")
            self.assertEqual(ins["rows_read"].tolist(), [SEED_ROWS])
            self.assertEqual(ins["as_of"].dt.date.astype(str).tolist(), ["2023-06-08"])
            rep = breach.load(os.path.join(support.TOP, "tests", "data", "hhs-sample.csv"),
                              lenient=True).report.to_pandas("warnings")
            self.assertEqual(str(rep["column"].dtype), "Int64")

    def test_results_convert(self):
        with breach.load(support.SEED) as ds:
            frames = {
                "counts": ds.counts(min_n=0).to_pandas(),
                "regions": ds.region_shares().to_pandas(),
                "timeseries": ds.timeseries().to_pandas(),
                "lognormal": ds.lognormal_fit().to_pandas(),
                "powerlaw": ds.powerlaw_fit(replicates=0).to_pandas(),
                "vuong": ds.compare_powerlaw_lognormal().to_pandas(),
                "overview": ds.overview().to_pandas(),
                "members": ds.supply_chain("Fortra GoAnywhere").to_pandas(),
            }
        self.assertEqual(str(frames["counts"]["count"].dtype), "Int64")
        self.assertEqual(str(frames["regions"]["affected_upper"].dtype), "Int64")
        self.assertEqual(str(frames["timeseries"]["start"].dtype), "datetime64[ns]")
        self.assertEqual(len(frames["lognormal"]), 1)
        self.assertIn("mu_lo", frames["lognormal"].columns)
        self.assertIn("powerlaw_alpha", frames["vuong"].columns)
        # seed: 8 selected notices count individuals, total 6,692,571 (summary)
        ov = frames["overview"]
        self.assertEqual(ov["affected"].tolist(), [6692571])
        self.assertTrue(ov["affected_upper"].isna().all())  # unbounded: an unknown count
        self.assertEqual(str(frames["members"]["reported"].dtype), "datetime64[ns]")
        # a link (tests/python/test_statistics.py's Acme: WA 2,385 of a 40,000 total)
        ds = breach.Dataset()
        ds.add(entity="Acme", reported="2023-04-10", regions={"US-WA": 2385})
        ds.add(entity="Acme", reported="2023-04-07", affected=40000)
        df = ds.links().to_pandas()
        self.assertEqual(df[["region", "part", "total"]].values.tolist(),
                         [["US-WA", 2385, 40000]])
        self.assertEqual((str(df["part"].dtype), str(df["total_upper"].dtype)),
                         ("Int64", "Int64"))


class Reprs(unittest.TestCase):
    def test_short_reprs_and_html(self):
        with breach.load(support.SEED) as ds:
            self.assertEqual(repr(ds), "<breach.Dataset of 9 incidents from 1 input>")
            objs = [ds.counts(min_n=0), ds.region_shares(), ds.report, ds.timeseries(),
                    ds.sizes(), ds.supply_chain("Fortra GoAnywhere"), ds.repeats(),
                    ds.lognormal_fit(), ds.survival(), ds.links(), ds.overview()]
            for obj in [ds] + objs:
                with self.subTest(type=type(obj).__name__):
                    r = repr(obj)
                    self.assertTrue(r.startswith("<breach."), r)
                    self.assertLess(len(r), 300, r)
                    self.assertNotIn("CountRow(", r)
                    html = obj._repr_html_()
                    self.assertIn("<table", html)
            self.assertIn("<breach.Counts dimension=type, n=8", repr(objs[0]))

    def test_timeseries_hints_at_another_date_field(self):
        # hhs-sample.csv: portal rows give only the submission date (reported)
        ds = breach.load(os.path.join(support.TOP, "tests", "data", "hhs-sample.csv"),
                         lenient=True)
        t = ds.timeseries(date_field="occurred")
        self.assertEqual(t.n_counted, 0)
        self.assertIn("date_field='reported'", t.hint)
        self.assertIn("hint=", repr(t))
        self.assertIsNone(ds.timeseries().hint)
        # no breakdown by residence in HHS rows: region_shares() says where to look
        rs = ds.region_shares()
        self.assertEqual(len(rs), 0)
        self.assertIn("counts(dimension='region')", rs.hint)
        self.assertIn("hint=", repr(rs))
        with breach.load(support.SEED) as seed:
            self.assertIsNone(seed.region_shares().hint)


class Version(unittest.TestCase):
    def test_one_source(self):
        # include/breach/common.h, as version.sh prints it for configure
        import subprocess
        out = subprocess.run(["sh", os.path.join(support.TOP, "version.sh")],
                             stdout=subprocess.PIPE, universal_newlines=True, check=True)
        want = out.stdout.strip()
        self.assertRegex(want, r"^\d+\.\d+\.\d+$")
        self.assertEqual(breach.__version__, want)
        self.assertEqual(breach.library_version(), want)
