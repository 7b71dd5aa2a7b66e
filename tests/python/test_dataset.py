"""Datasets: loading, sequence protocol, typed fields, building, writing, filters,
lenient reports, strict errors, lifetime (close, with, finalizers)."""

import csv
import datetime
import gc
import os
import shutil
import tempfile
import unittest
import weakref

import support
from support import breach

HEADER = "id,entity,reported,affected,regions\n"


class LoadAndRead(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ds = breach.load(support.SEED)
        with open(support.SEED, newline="", encoding="utf-8") as f:
            cls.rows = list(csv.DictReader(f))

    @classmethod
    def tearDownClass(cls):
        cls.ds.close()

    def test_len_and_report(self):
        self.assertEqual(len(self.ds), len(self.rows))
        r = self.ds.report
        self.assertEqual((r.rows_read, r.rows_loaded, r.rows_rejected), (9, 9, 0))
        self.assertEqual((r.rejects, r.warnings), ((), ()))

    def test_indexing(self):
        self.assertEqual(self.ds[0].id, self.rows[0]["id"])
        self.assertEqual(self.ds[-1].id, self.rows[-1]["id"])
        self.assertEqual(self.ds[-1], self.ds[len(self.ds) - 1])
        self.assertEqual([i.id for i in self.ds[1:3]], [r["id"] for r in self.rows[1:3]])
        self.assertEqual([i.id for i in self.ds[::-4]], [r["id"] for r in self.rows[::-4]])
        with self.assertRaises(IndexError):
            self.ds[len(self.ds)]
        with self.assertRaises(IndexError):
            self.ds[-len(self.ds) - 1]
        with self.assertRaises(TypeError):
            self.ds["nextgen"]

    def test_iteration_matches_csv(self):
        for inc, row in zip(self.ds, self.rows):
            with self.subTest(id=row["id"]):
                self.assertEqual(inc.id, row["id"])
                self.assertEqual(inc.entity, row["entity"])
                self.assertEqual(inc.vendor, row["vendor"] or None)
                self.assertEqual(inc.via, row["via"] or None)
                self.assertEqual(str(inc.reported or ""), row["reported"])
                self.assertEqual(str(inc.affected), row["affected"])
                self.assertEqual(inc.types, frozenset(filter(None, row["breach_types"].split(";"))))
                self.assertEqual(inc.categories,
                                 frozenset(filter(None, row["categories"].split(";"))))
                self.assertEqual(inc.locations,
                                 frozenset(filter(None, row["locations"].split(";"))))
                self.assertEqual(inc.entity_region, row["entity_state"])
                want = {}
                for e in filter(None, row["regions"].split(";")):
                    code, n = e.split(":")
                    want[code] = breach.Count(int(n))
                self.assertEqual(inc.regions, want)
                self.assertEqual(inc.business_associate,
                                 {"yes": True, "no": False, "": None}[row["business_associate"]])
                self.assertEqual(inc.source, row["source"] or None)
                self.assertEqual(inc.summary, row["summary"] or None)
                self.assertEqual(inc.unit, "individuals")

    def test_typed_fields(self):
        inc = self.ds[self.ds.find("nextgen-2023-04-credentials")]
        self.assertIsInstance(inc, breach.Incident)
        self.assertEqual(inc.reported, breach.Date(datetime.date(2023, 4, 28), "day"))
        self.assertEqual(inc.occurred_start.date, datetime.date(2023, 3, 29))
        self.assertEqual(inc.affected, breach.Count(1049375, "exact"))
        self.assertEqual(inc.regions["US-ME"], breach.Count(3913, "exact"))
        self.assertEqual(inc.categories, frozenset({"name", "dob", "address", "ssn"}))
        self.assertEqual(inc.entity_key, "nextgen healthcare")
        alphv = self.ds[0]
        self.assertEqual(alphv.affected, breach.Count(0, "unknown"))
        self.assertIsNone(alphv.occurred_start)
        self.assertEqual(alphv.event_date, alphv.reported)

    def test_find(self):
        self.assertEqual(self.ds.find("wa-hatch-bank-2023-02-28"), 7)
        self.assertIsNone(self.ds.find("nope"))
        with self.assertRaises(breach.NotFoundError):
            self.ds.region_share("nope", "US-ME")

    def test_select_and_superseded(self):
        everything = list(range(9))
        self.assertEqual(self.ds.indices(include_superseded=True), everything)
        self.assertEqual(self.ds.indices(), [i for i in everything if i != 3])
        self.assertEqual(self.ds.superseded(), [3])
        self.assertEqual(self.ds.indices(entity="Brightline"), [4])
        self.assertEqual(self.ds.indices(vendor="nobody"), [])
        self.assertEqual(self.ds.indices(types="ransomware"), [0])
        self.assertEqual([i.id for i in self.ds.incidents(date_field="event", end="2023-01-29")],
                         ["nextgen-2023-01-alphv", "hhs-chspsc-2023-03-16"])
        with self.assertRaises(TypeError) as cm:
            self.ds.indices(vendro="x")
        self.assertIn("vendro", str(cm.exception))
        with self.assertRaises(breach.InvalidArgumentError):
            self.ds.indices(date_field="published")
        with self.assertRaises(breach.DateError):
            self.ds.indices(start="2023-02-30")


class DateRanges(unittest.TestCase):
    """tests/data/date-precision.csv, by hand: rows 0 2023, 1 2022, 2 2023-03, 3 2023-04,
    4 2023-06, 5 2023-07, 6 2023-03-31, 7 2023-04-01, 8 2023-06-30, 9 2023-07-01, 10
    undated, 11 and 12 Acme Health's campaign notice of 2023 and its revision (12 replaces
    11). A range takes a date only when all of its period is inside."""

    @classmethod
    def setUpClass(cls):
        cls.ds = breach.load(os.path.join(support.TOP, "tests", "data", "date-precision.csv"))

    def check(self, want, coarse, **rng):
        self.assertEqual(self.ds.indices(**rng), want)
        ov = self.ds.overview(**rng)
        self.assertEqual((ov.n_selected, ov.n_coarse_dated), (len(want), coarse))
        self.assertEqual(self.ds.coarse_dated(**rng), coarse)

    def test_edges_and_coarse_dates(self):
        self.check([3, 4, 7, 8], 2, start="2023-04", end="2023-06")  # 0 and 12 coarse
        self.check([1, 2, 3, 6, 7], 2, end="2023-04")                # 2023 is not before May
        self.check([3, 4, 5, 7, 8, 9], 2, start="2023-04")           # nor after March
        self.check([0, 2, 3, 4, 5, 6, 7, 8, 9, 12], 0, start="2023", end="2023")
        self.check([], 4, start=datetime.date(2023, 4, 15), end=datetime.date(2023, 6, 15))
        self.check([7], 3, start="2023-04-01", end="2023-04-01")
        # without a range nothing is coarse, and the undated row is selected
        self.check([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12], 0)
        # superseded notices kept: 11 is counted too
        self.assertEqual(self.ds.overview(start="2023-04", end="2023-06",
                                          include_superseded=True).n_coarse_dated, 3)


class Building(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="breach-py-")

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def test_add_kwargs_and_incident(self):
        ds = breach.Dataset()
        self.assertEqual(len(ds), 0)
        i = ds.add(id="a", entity="Acme Corp.", reported="2023-04", affected=">=3000000",
                   regions={"US-ME": 5}, categories=["ssn"], business_associate=False,
                   separate=True, vendor="Fortra GoAnywhere")
        self.assertEqual(i, 0)
        inc = ds[0]
        self.assertEqual(inc.entity_key, "acme")
        self.assertEqual(inc.index, 0)
        self.assertIs(inc.business_associate, False)
        self.assertTrue(inc.separate)
        j = ds.add(inc)  # an Incident read back adds as itself
        self.assertEqual(j, 1)
        self.assertEqual(ds[1], inc)  # index and key are not compared
        ds.add({"id": "c", "entity": "Beta"})
        self.assertEqual(ds[-1].id, "c")
        with self.assertRaises(TypeError):
            ds.add(inc, id="x")

    def test_add_refusals_leave_dataset_unchanged(self):
        ds = breach.Dataset()
        cases = [
            (dict(entity="x", affected=5, regions={"US-ME": 10}), breach.InconsistentError),
            (dict(entity="x", occurred_start="2023-05-01", occurred_end="2023-04-01"),
             breach.InconsistentError),
            (dict(entity=b"\xff\xfe"), breach.EncodingError),
            (dict(entity="x", unit="people"), breach.InvalidArgumentError),
        ]
        for kwargs, cls in cases:
            with self.subTest(kwargs=kwargs):
                with self.assertRaises(cls) as cm:
                    ds.add(**kwargs)
                self.assertLess(cm.exception.code, 0)
        self.assertEqual(len(ds), 0)

    def test_write_roundtrip_is_lossless(self):
        src = breach.load(support.SEED)
        a = os.path.join(self.tmp, "a.csv")
        b = os.path.join(self.tmp, "b.csv")
        src.write_csv(a)
        again = breach.load(a)
        self.assertEqual(list(again), list(src))
        again.write_csv(b)
        with open(a, "rb") as fa, open(b, "rb") as fb:
            self.assertEqual(fa.read(), fb.read())

    def test_built_dataset_roundtrip(self):
        ds = breach.Dataset([
            dict(id="n1", entity="NextGen Healthcare, Inc.", reported="2023-01-17",
                 types="ransomware"),
            dict(id="n2", entity="NEXTGEN HEALTHCARE INC", reported="2023-04-28",
                 occurred_start="2023-03-29", affected=1049375,
                 regions={"US-ME": 3913, "US-TX": 131815}),
        ])
        path = os.path.join(self.tmp, "built.csv")
        ds.write_csv(path)
        back = breach.load(path)
        self.assertEqual(list(back), list(ds))
        self.assertEqual(back.repeats().intervals[0].days, 71)
        self.assertEqual(round(back.region_share(-1, "US-ME").percent, 4), 0.3729)

    def test_write_with_filter(self):
        ds = breach.load(support.SEED)
        path = os.path.join(self.tmp, "f.csv")
        ds.write_csv(path, vendor="Fortra GoAnywhere")
        back = breach.load(path)
        self.assertEqual(len(back), 6)  # 7 notices, the superseded one left out
        ds.write_csv(path, vendor="Fortra GoAnywhere", include_superseded=True)
        self.assertEqual(len(breach.load(path)), 7)

    def test_write_to_a_descriptor_appends(self):
        """write_csv("/dev/fd/N") of a log opened for appending (a script's `>> log`) adds
        the CSV after the log's text; it used to rename a new file over the log. Expected:
        the old line, then the bytes write_csv gives an ordinary file."""
        ds = breach.load(support.SEED)
        ref = os.path.join(self.tmp, "ref.csv")
        ds.write_csv(ref)
        with open(ref, "rb") as f:
            want = f.read()
        log = os.path.join(self.tmp, "log.txt")
        with open(log, "wb") as f:
            f.write(b"previous log line\n")
        fd = os.open(log, os.O_WRONLY | os.O_APPEND)
        try:
            ds.write_csv("/dev/fd/%d" % fd)
            os.fstat(fd)  # still open: the library wrote through a duplicate
        finally:
            os.close(fd)
        with open(log, "rb") as f:
            self.assertEqual(f.read(), b"previous log line\n" + want)

    def test_write_error(self):
        ds = breach.Dataset()
        with self.assertRaises(breach.BreachIOError) as cm:
            ds.write_csv(os.path.join(self.tmp, "no", "such", "dir.csv"))
        self.assertIsInstance(cm.exception, OSError)

    def test_append(self):
        a = breach.load(support.SEED)
        b = breach.Dataset()
        b.add(id="extra", entity="Extra")
        b.append(a)
        self.assertEqual(len(b), 10)
        self.assertEqual(b[1:], list(a))  # index is not compared
        with self.assertRaises(breach.InvalidArgumentError):
            b.append(b)


class Errors(unittest.TestCase):
    BAD = (HEADER +
           "a,Acme,2023-02-30,10,\n"         # row 1: impossible date (line 2, column 8)
           "b,Beta,2023-01-01,-5,\n"         # row 2: negative count
           "c,Gamma,2023-01-02,7,US-ZZ:3\n"  # row 3: unknown region
           "d,Delta,2023-01-03,5,US-ME:9\n"  # row 4: region above the total
           "e,Eps,2023-01-04,12,US-ME:3\n"   # row 5: fine
           "f,\"Zeta,2023-01-05,1,\n")       # row 6: unterminated quote

    def test_strict_load_raises_first_bad_row(self):
        with self.assertRaises(breach.DateError) as cm:
            breach.loads(self.BAD, source_name="bad.csv")
        e = cm.exception
        self.assertEqual((e.code, e.source, e.line, e.column), (-5, "bad.csv", 2, 8))
        self.assertIn("2023-02-30", e.message)
        self.assertTrue(str(e).startswith("bad.csv:2:8: "))
        self.assertEqual((e.report.rows_read, e.report.rows_loaded, e.report.rows_rejected),
                         (1, 0, 1))

    def test_lenient_load_lists_rejects(self):
        ds = breach.loads(self.BAD, lenient=True, source_name="bad.csv")
        r = ds.report
        self.assertEqual(r.rows_read, r.rows_loaded + r.rows_rejected)
        self.assertEqual(r.rows_loaded, 1)
        self.assertEqual([i.id for i in ds], ["e"])
        codes = [x.code for x in r.rejects]
        self.assertEqual(codes[:4], [-5, -6, -8, -15])
        self.assertEqual(len(r.rejects), r.rows_rejected)
        first = r.rejects[0]
        source, line, column, row, code, text = first  # unpacks as a tuple
        self.assertEqual((source, line, column, row), ("bad.csv", 2, 8, 1))
        self.assertIsInstance(first.exception(), breach.DateError)
        self.assertEqual([x.row for x in r.rejects][:4], [1, 2, 3, 4])
        self.assertIsInstance(r.rejects[1].exception(), breach.CountError)
        self.assertIsInstance(r.rejects[2].exception(), breach.RegionError)
        self.assertIsInstance(r.rejects[3].exception(), breach.InconsistentError)

    def test_threads_argument(self):
        # a file on 1 and on 7 threads (chunks of a few rows, one inside a quoted field):
        # the same rows, rejects with the same places, the same written CSV
        rows = self.BAD.split("\n", 1)[1].rsplit("f,", 1)[0]  # rows 1-5 (one loads)
        text = (HEADER + (rows + 'q,"Quoted\nOrg",2023-01-05,12,\n') * 4
                + 'f,"Zeta,2023-01-05,1,\n')
        tmp = tempfile.mkdtemp()
        try:
            path = os.path.join(tmp, "t.csv")
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            out = []
            for n in (1, 7):
                ds = breach.load(path, lenient=True, threads=n)
                csv_path = os.path.join(tmp, "out%d.csv" % n)
                ds.write_csv(csv_path)
                with open(csv_path, encoding="utf-8") as f:
                    out.append((f.read(), [tuple(r) for r in ds.report.rejects],
                                ds.report.rows_read, ds.report.rows_loaded))
                ds.close()
            self.assertEqual(out[0], out[1])
            self.assertEqual(out[0][2], 6 * 4 + 1)  # rows 1-5 and q four times, then f
            self.assertEqual(out[0][3], 2 * 4)  # e and q each time
            with self.assertRaises(breach.InvalidArgumentError):
                breach.load(path, threads=-1)
        finally:
            shutil.rmtree(tmp)

    def test_lenient_file_load_names_the_path(self):
        tmp = tempfile.mkdtemp()
        try:
            path = os.path.join(tmp, "bad.csv")
            with open(path, "w", encoding="utf-8") as f:
                f.write(self.BAD)
            ds = breach.load(path, lenient=True)
            self.assertEqual(ds.report.rejects[0].source, path)
            self.assertEqual(ds.report.rows_read, 6)
        finally:
            shutil.rmtree(tmp)

    def test_unterminated_quote(self):
        with self.assertRaises(breach.ParseError) as cm:
            breach.loads(HEADER + 'x,"unterminated\n', source_name="q.csv")
        self.assertEqual((cm.exception.source, cm.exception.line), ("q.csv", 2))

    def test_encoding_error(self):
        data = HEADER.encode() + b"a,Caf\xe9,2023-01-01,1,\n"
        with self.assertRaises(breach.EncodingError) as cm:
            breach.loads(data, source_name="latin1.csv")
        self.assertEqual(cm.exception.line, 2)
        self.assertEqual(cm.exception.column, 3)

    def test_format_errors(self):
        with self.assertRaises(breach.FormatError) as cm:
            breach.loads("name,count\nx,1\n")
        self.assertIn("name", cm.exception.message)
        with self.assertRaises(breach.FormatError):
            breach.loads("")

    def test_missing_file(self):
        with self.assertRaises(breach.IOError) as cm:
            breach.load(os.path.join(tempfile.gettempdir(), "no-such-breach-file.csv"))
        self.assertIsInstance(cm.exception, OSError)
        self.assertEqual(cm.exception.code, -3)

    def test_threads_must_be_a_whole_number(self):
        # 1.5 was truncated to 1 silently, "2" raised TypeError: '<' not supported
        for bad in (1.5, "2", True, None, -1):
            with self.assertRaises(breach.InvalidArgumentError) as e:
                breach.load(support.SEED, threads=bad)
            self.assertIn("threads must be a whole number", str(e.exception))
            self.assertIn(repr(bad), str(e.exception))
        self.assertEqual(len(breach.load(support.SEED, threads=2)), 9)

    def test_results_whose_repr_counts_rows_have_len(self):
        """Repeats and SupplyChain said "N rows" but had no len() (review rev-python, nit):
        their rows are the intervals and the members. The seed's Fortra GoAnywhere rows, by
        the csv module: 7, of which hhs-brightline-2023-05-snapshot is superseded by the
        2024-07 snapshot of the same notice."""
        with open(support.SEED, newline="", encoding="utf-8") as f:
            fortra = [r["id"] for r in csv.DictReader(f) if r["vendor"] == "Fortra GoAnywhere"]
        self.assertEqual(len(fortra), 7)
        ds = breach.load(support.SEED)
        sc = ds.supply_chain("Fortra GoAnywhere")
        self.assertEqual(len(sc), 6)
        self.assertEqual(sorted(m.id for m in sc),
                         sorted(set(fortra) - {"hhs-brightline-2023-05-snapshot"}))
        self.assertTrue(repr(sc).endswith("; 6 rows>"), repr(sc))
        r = ds.repeats(date_field="event", merge_within_days=0)
        self.assertEqual(len(r), len(r.intervals))
        self.assertEqual([i.days for i in r], [71])       # NextGen 2023-01-17 .. 2023-03-29
        rep = breach.loads("id,entity,reported,affected\na,A,2024-13-45,10\nb,B,2024-01-02,5\n",
                           format="canonical", lenient=True).report
        self.assertTrue(repr(rep).endswith("; 1 reject or warning>"), repr(rep))
        with self.assertRaises(TypeError):
            len(rep)

    def test_report_is_never_none(self):
        # ds.report was Optional (None before a load): `r = ds.report; r.rejects` failed
        # mypy --strict for every user; an empty dataset's report is now the empty one
        ds = breach.Dataset()
        r = ds.report
        self.assertEqual((r.loads, r.rows_read, r.rejects, r.format), (0, 0, (), None))
        one = ds.read(support.SEED)
        self.assertEqual(ds.report, one)                 # format "canonical" kept, loads 1
        self.assertEqual((ds.report.loads, ds.report.format, ds.report.rows_loaded),
                         (1, "canonical", 9))
        ds.read(support.SEED)
        self.assertEqual((ds.report.loads, ds.report.rows_read), (2, 18))

    def test_formats(self):
        from breach import _dataset, _lib
        L = _lib.lib()
        self.assertIn("canonical", breach.formats())
        self.assertEqual(len(breach.load(support.SEED, format="canonical")), 9)
        self.assertEqual(len(breach.load(support.SEED, format="CSV")), 9)
        self.assertEqual(breach.load(support.SEED).report.format, "canonical")
        # a format this package knows whose loader the library lacks: a clear error first
        for fmt, (cname, _) in _dataset.LOADERS.items():
            if not L.has(cname):
                with self.subTest(format=fmt):
                    with self.assertRaises(breach.InvalidArgumentError) as cm:
                        breach.load(support.SEED, format=fmt)
                    self.assertIn("not available yet", str(cm.exception))
                    self.assertIn(cname, str(cm.exception))
                    self.assertIn("canonical", str(cm.exception))
        # planned formats: refused by this package, or by the library's breach_load()
        for fmt in _dataset.PLANNED:
            with self.subTest(format=fmt):
                with self.assertRaises(breach.BreachError) as cm:
                    breach.load(support.SEED, format=fmt)
                self.assertIsInstance(cm.exception, ValueError)
        with self.assertRaises(ValueError) as cm:
            breach.load(support.SEED, format="xlsx")
        self.assertIn("xlsx", str(cm.exception))
        with self.assertRaises(TypeError):
            breach.load(support.SEED, format=3)
        with self.assertRaises(breach.InvalidArgumentError):
            breach.load(support.SEED, format="mapped")


class Lifetime(unittest.TestCase):
    def test_close_and_with(self):
        with breach.load(support.SEED) as ds:
            self.assertEqual(len(ds), 9)
            self.assertFalse(ds.closed)
        self.assertTrue(ds.closed)
        for op in (lambda: len(ds), lambda: ds[0], lambda: list(ds), lambda: ds.region_shares(),
                   lambda: ds.supply_chain("x"), lambda: ds.repeats(), lambda: ds.select()):
            with self.assertRaises(ValueError):
                op()
        ds.close()  # closing twice is harmless
        self.assertIn("closed", repr(ds))

    def test_finalizer_runs_on_collection(self):
        ds = breach.load(support.SEED)
        fin = ds._finalizer
        self.assertTrue(fin.alive)
        del ds
        gc.collect()
        self.assertFalse(fin.alive)

    def test_results_and_incidents_outlive_the_dataset(self):
        ds = breach.load(support.SEED)
        inc = ds[1]
        sc = ds.supply_chain("Fortra GoAnywhere")
        rep = ds.repeats()
        rs = ds.region_shares()
        ref = weakref.ref(ds)
        ds.close()
        del ds
        gc.collect()
        self.assertIsNone(ref())
        self.assertEqual(inc.entity, "NextGen Healthcare, Inc.")
        self.assertEqual(sc.members[0].entity, "Hatch Bank")
        self.assertEqual(rep.intervals[0].entity_key, "nextgen healthcare")
        self.assertEqual(rs.rows[0].region_name, "Texas")

    def test_iterator_keeps_dataset_alive(self):
        it = iter(breach.load(support.SEED))
        gc.collect()
        self.assertEqual(len(list(it)), 9)

    def test_error_in_load_frees(self):
        # a failed load must not leave a dataset behind (no reference escapes)
        before = len([o for o in gc.get_objects() if isinstance(o, breach.Dataset)])
        for _ in range(5):
            with self.assertRaises(breach.BreachError):
                breach.loads("bogus\n1\n")
        gc.collect()
        after = len([o for o in gc.get_objects() if isinstance(o, breach.Dataset)])
        self.assertLessEqual(after, before)


if __name__ == "__main__":
    unittest.main()
