"""Value types: Date, Count, Total, vocabularies, regions, entity keys, Incident."""

import dataclasses
import datetime
import math
import pickle
import unittest

import support  # noqa: F401  (sets sys.path)
from support import breach


class DateTests(unittest.TestCase):
    def test_parse_forms(self):
        D = breach.Date
        self.assertEqual(D.parse("2023-04-28"), D(datetime.date(2023, 4, 28), "day"))
        self.assertEqual(D.parse("2023-04"), D(datetime.date(2023, 4, 1), "month"))
        self.assertEqual(D.parse("2023"), D(datetime.date(2023, 1, 1), "year"))
        self.assertEqual(D.parse("04/28/2023 12:00:00 AM"), D(datetime.date(2023, 4, 28)))
        self.assertEqual(D.parse("2023-04-28T05:03:18Z").date, datetime.date(2023, 4, 28))
        self.assertIsNone(D.parse(""))

    def test_impossible_dates_raise(self):
        for text in ("2023-02-30", "13/01/2023", "00/00/0000", "spring 2023", "2023-13"):
            with self.subTest(text=text):
                with self.assertRaises(breach.DateError) as cm:
                    breach.Date.parse(text)
                self.assertEqual(cm.exception.code, -5)
                self.assertIsInstance(cm.exception, ValueError)
                self.assertTrue(cm.exception.message)

    def test_str_and_last_day(self):
        d = breach.Date.parse("2024-02")
        self.assertEqual(str(d), "2024-02")
        self.assertEqual(d.last_day, datetime.date(2024, 2, 29))
        self.assertEqual(breach.Date.parse("2023").last_day, datetime.date(2023, 12, 31))
        self.assertEqual(str(breach.Date.parse("2023-12-05")), "2023-12-05")
        self.assertEqual(breach.Date.parse("2023-12").last_day, datetime.date(2023, 12, 31))

    def test_coercions(self):
        D = breach.Date
        self.assertEqual(D.of(datetime.date(2023, 1, 17)), D.parse("2023-01-17"))
        self.assertEqual(D.of(datetime.datetime(2023, 1, 17, 5, 6)), D.parse("2023-01-17"))
        self.assertEqual(D.of(2023), D.parse("2023"))
        self.assertIsNone(D.of(None))
        # a month date is normalised to its first day
        self.assertEqual(D(datetime.date(2023, 4, 17), "month").date, datetime.date(2023, 4, 1))
        with self.assertRaises(ValueError):
            D(datetime.date(2023, 4, 17), "week")
        with self.assertRaises(TypeError):
            D.of(3.5)

    def test_frozen_hashable_ordered(self):
        a, b = breach.Date.parse("2023-01-17"), breach.Date.parse("2023-03-29")
        self.assertLess(a, b)
        self.assertEqual(len({a, b, breach.Date.parse("2023-01-17")}), 2)
        with self.assertRaises(dataclasses.FrozenInstanceError):
            a.precision = "year"

    def test_days_between_bounds(self):
        # "2023-01-17" to "2023-03": 43 days to March 1st, up to 73 (March 31st)
        self.assertEqual(breach.days_between("2023-01-17", "2023-03"), (43, 43, 73))
        with self.assertRaises(breach.InvalidArgumentError):
            breach.days_between(None, "2023")


class CountTests(unittest.TestCase):
    def test_parse(self):
        C = breach.Count
        self.assertEqual(C.parse("1049375"), C(1049375, "exact"))
        self.assertEqual(C.parse(">=3000000"), C(3000000, "at_least"))
        self.assertEqual(C.parse("<=10000"), C(10000, "at_most"))
        self.assertEqual(C.parse("~1050000"), C(1050000, "estimated"))
        self.assertEqual(C.parse(""), C.unknown())
        self.assertEqual(C.parse("18446744073709551615").value, 2 ** 64 - 1)

    def test_bad_counts(self):
        for text, cls in (("-5", breach.CountError), ("1,000", breach.CountError),
                          ("12a", breach.CountError),
                          ("99999999999999999999999", breach.BreachOverflowError)):
            with self.subTest(text=text):
                self.assertRaises(cls, breach.Count.parse, text)
        with self.assertRaises(ValueError):
            breach.Count(5, "about")
        with self.assertRaises(breach.CountError):
            breach.Count(-1)
        with self.assertRaises(breach.CountError):
            breach.Count(2 ** 64)

    def test_str_roundtrip_and_bounds(self):
        for text in ("1049375", ">=3000000", "<=10000", "~1050000", ""):
            self.assertEqual(str(breach.Count.parse(text)), text)
        c = breach.Count.parse(">=3000000")
        self.assertEqual((c.lower, c.upper), (3000000, math.inf))
        c = breach.Count.parse("<=10000")
        self.assertEqual((c.lower, c.upper), (0, 10000))
        self.assertFalse(breach.Count.unknown().known)
        self.assertEqual(breach.Count.of(None), breach.Count.unknown())
        self.assertEqual(breach.Count.of(7), breach.Count(7))

    def test_total_str(self):
        self.assertEqual(str(breach.Total(5, 5, 5)), "5")
        self.assertEqual(str(breach.Total(5, 9, 7)), "7 (bounds 5 .. 9)")
        self.assertIn("unbounded", str(breach.Total(5, 5, 5, True)))
        # notices added, none with a figure: unknown, as breachstat's bs_fmt_total_n says
        none = breach.Total(0, 0, 0, True, n=3, n_unknown=3)
        self.assertFalse(none.known)
        self.assertEqual(str(none), "unknown (3 notices, none with a figure)")
        self.assertEqual(str(breach.Total(0, 0, 0, True, n=1, n_unknown=1)),
                         "unknown (1 notice, without a figure)")
        self.assertTrue(breach.Total().known)                  # nothing added: a known 0
        self.assertEqual(str(breach.Total()), "0")
        self.assertTrue(breach.Total(5, 5, 5, True, n=2, n_unknown=1).known)


class VocabularyTests(unittest.TestCase):
    def test_names(self):
        self.assertIn("ssn", breach.categories())
        self.assertEqual(breach.categories()[0], "name")
        self.assertEqual(len(breach.categories()), 20)
        self.assertEqual(breach.breach_types()[:2], ("hacking", "ransomware"))
        self.assertIn("network_server", breach.locations())
        self.assertEqual(breach.units(), ("individuals", "accounts", "records"))

    def test_regions(self):
        self.assertEqual(breach.region_name("US-ME"), "Maine")
        self.assertEqual(breach.region_name("us-tx"), "Texas")
        with self.assertRaises(breach.RegionError) as cm:
            breach.region_name("US-ZZ")
        self.assertEqual(cm.exception.code, -8)

    def test_entity_key(self):
        self.assertEqual(breach.entity_key("NextGen Healthcare, Inc. "), "nextgen healthcare")
        self.assertEqual(breach.entity_key("NEXTGEN HEALTHCARE INC"), "nextgen healthcare")
        self.assertEqual(breach.entity_key("NextGenUpdate"), "nextgenupdate")
        self.assertEqual(breach.entity_key("CHSPSC, LLC "), "chspsc")
        long_name = "Acme " * 300 + "Inc."
        self.assertEqual(breach.entity_key(long_name), ("acme " * 300).strip())


class IncidentTests(unittest.TestCase):
    def test_coercion(self):
        inc = breach.Incident(entity="Acme", reported="2023-04", affected=">=3000000",
                              regions={"us-me": 5, "Texas": "~10"}, types="hacking;theft",
                              categories=["ssn", "DOB"], entity_region="US-CA")
        self.assertEqual(inc.reported, breach.Date(datetime.date(2023, 4, 1), "month"))
        self.assertEqual(inc.affected, breach.Count(3000000, "at_least"))
        self.assertEqual(inc.regions, {"US-ME": breach.Count(5),
                                       "US-TX": breach.Count(10, "estimated")})
        self.assertEqual(inc.types, frozenset({"hacking", "theft"}))
        self.assertEqual(inc.categories, frozenset({"ssn", "dob"}))
        self.assertEqual(inc.event_date, inc.reported)

    def test_bad_names_raise_the_libraries_errors(self):
        with self.assertRaises(breach.CategoryError):
            breach.Incident(categories=["genome"])
        with self.assertRaises(breach.BreachTypeError):
            breach.Incident(types=["alien"])
        with self.assertRaises(breach.RegionError):
            breach.Incident(regions={"XX-YY": 3})
        with self.assertRaises(breach.InconsistentError):
            breach.Incident(regions=[("US-ME", 3), ("us-me", 4)])

    def test_frozen_hashable_equal(self):
        a = breach.Incident(id="x", entity="Acme", affected=3)
        b = breach.Incident(id="x", entity="Acme", affected=3)
        self.assertEqual(a, b)
        self.assertEqual(hash(a), hash(b))
        with self.assertRaises(dataclasses.FrozenInstanceError):
            a.entity = "Other"


class ErrorTests(unittest.TestCase):
    def test_classes(self):
        self.assertIs(breach.error_class(-4), breach.ParseError)
        self.assertIs(breach.error_class(-3), breach.BreachIOError)
        self.assertIs(breach.IOError, breach.BreachIOError)
        self.assertTrue(issubclass(breach.BreachIOError, OSError))
        self.assertIs(breach.error_class(-999), breach.BreachError)
        for code in range(-1, -16, -1):
            cls = breach.error_class(code)
            self.assertTrue(issubclass(cls, breach.BreachError))
            self.assertEqual(cls.code, code)

    def test_fields_str_pickle(self):
        e = breach.ParseError("bad quote", -4, "x.csv", 3, 7)
        self.assertEqual(str(e), "x.csv:3:7: bad quote")
        self.assertEqual((e.code, e.source, e.line, e.column, e.message),
                         (-4, "x.csv", 3, 7, "bad quote"))
        e2 = pickle.loads(pickle.dumps(e))
        self.assertIs(type(e2), breach.ParseError)
        self.assertEqual(str(e2), str(e))


if __name__ == "__main__":
    unittest.main()
