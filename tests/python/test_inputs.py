"""Inputs, overlaps and the overview through the binding, checked against figures computed
here with the standard library (csv, hashlib, re) from the files themselves."""

import csv
import datetime
import hashlib
import os
import re
import unicodedata
import unittest

import support
from support import breach

HHS = "hhs-ocr-breach-portal"
OLD = (HHS, "snapshot-2023-05", "breach_report.csv")
ARCHIVE = (HHS, "snapshot-2024-07", "Source_Breach_Report.csv")
OPEN = (HHS, "snapshot-2024-07", "breach_report.csv")

LEGAL = {"inc", "incorporated", "llc", "llp", "lp", "pllc", "ltd", "limited", "corp",
         "corporation", "corporations", "co", "company", "plc", "pc", "pa", "gmbh", "ag",
         "sa", "nv", "bv"}


def unicode_fold(s):
    """Rule 0 (issue 16): a name with a character outside ASCII as utf8proc_map gives it
    with COMPAT | COMPOSE | CASEFOLD | STRIPMARK: compatibility decomposition, full case
    folding, combining marks (Mn, Mc, Me) dropped, recomposed; before that, a symbol
    (category So) is a space unless its decomposition (<compat>, <circle>, <square>)
    spells letters, digits or ideographs."""
    if s.isascii():
        return s
    s = "".join(" " if unicodedata.category(c) == "So" and not unicodedata.decomposition(c)
                .startswith(("<compat>", "<circle>", "<square>")) else c for c in s)
    d = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", s).casefold())
    return unicodedata.normalize("NFC", "".join(c for c in d if unicodedata.category(c) not in
                                                 ("Mn", "Mc", "Me")))


def entity_key(name):
    """The entity key, written afresh from the rules in include/breach/incident.h."""
    s = re.sub(r"['.()\u2019\u2018]", "", unicode_fold(name)).replace("&", " and ")
    s = "".join(" " if (c.isascii() and not c.isalnum() and c != " ") or c in "\u2013\u2014\u00a0"
                else c for c in s)
    words = "".join(c.lower() if c.isascii() else c for c in s).split()
    if words and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and words[-1] in LEGAL:
        words = words[:-1]
    return " ".join(words)


def rows(parts):
    """(row dict, the line the record starts on) for each data row."""
    with open(support.shared(*parts), newline="", encoding="utf-8") as f:
        r = csv.reader(f)
        header = next(r)
        out, start = [], r.line_num + 1
        for rec in r:
            out.append((dict(zip(header, rec)), start))
            start = r.line_num + 1
        return out


def identity(row):
    return (entity_key(row["Name of Covered Entity"]), row["State"].strip(),
            row["Breach Submission Date"].strip())


class Snapshots(unittest.TestCase):
    def test_three_files(self):
        old, arc, opn = rows(OLD), rows(ARCHIVE), rows(OPEN)
        newer = {identity(r) for r, _ in arc + opn}
        older = {identity(r) for r, _ in old}
        # renamed notices: same state, date and exact count (not the 500/501 placeholders)
        # as a row of 2024-07 whose identity 2023-05 does not list, paired one to one, the
        # newer list (under investigation) first
        pools = []
        for lst in (opn, arc):
            pool = {}
            for r, _ in lst:
                if identity(r) not in older:
                    pool.setdefault(identity(r)[1:] + (r["Individuals Affected"],), []).append(r)
            pools.append(pool)
        kept_old = []
        for r, _ in old:
            if identity(r) in newer:
                continue
            k = identity(r)[1:] + (r["Individuals Affected"],)
            if r["Individuals Affected"] not in ("500", "501", "") and any(p.get(k) for p in pools):
                next(p for p in pools if p.get(k))[k].pop(0)
                continue
            kept_old.append(r)
        self.assertEqual(len(kept_old), 9)
        want_n = len(arc) + len(opn) + len(kept_old)
        want_sum = sum(int(r["Individuals Affected"] or 0) for r, _ in arc + opn + [(k, 0) for k in kept_old])
        ds = breach.load([support.shared(*OLD), support.shared(*ARCHIVE), support.shared(*OPEN)])
        try:
            o = ds.overview()
            self.assertEqual(o.n_incidents, len(old) + len(arc) + len(opn))
            self.assertEqual(o.n_selected, want_n)  # 6,279 + 48
            self.assertEqual(o.n_dropped, len(old) - len(kept_old))
            self.assertEqual(o.by_unit["individuals"].point, want_sum)
            self.assertNotIn("accounts", o.by_unit)  # not counted: absent, not 0
            self.assertEqual(ds.overview(include_duplicates=True).n_selected, o.n_incidents)
            ins = ds.inputs()
            self.assertEqual([i.format for i in ins], ["hhs"] * 3)
            self.assertEqual(ins[0].n_dropped, len(old) - len(kept_old))
            self.assertEqual(ins[1].n_dropped + ins[2].n_dropped, 0)
            # the archive's latest submission date, read from the file
            self.assertEqual(ins[1].as_of.date,
                             max(datetime.datetime.strptime(r["Breach Submission Date"],
                                                            "%m/%d/%Y").date() for r, _ in arc))
            for k, parts in enumerate((OLD, ARCHIVE, OPEN)):
                with open(support.shared(*parts), "rb") as f:
                    data = f.read()
                self.assertEqual(ins[k].sha256, hashlib.sha256(data).hexdigest())
                self.assertEqual(ins[k].size, len(data))
            self.assertEqual(sum(o.n for o in ds.overlaps()), o.n_dropped)
            # lines: the archive's rows hold descriptions over several lines
            base = ins[1].first
            for i in (0, 1, 500, 2385, len(arc) - 1):
                self.assertEqual(ds.origin(base + i), (1, arc[i][1]))
            # a dropped row names the notice that stands: same identity, newer input
            i = next(i for i in range(len(old)) if ds.duplicate_of(i) is not None)
            j = ds.duplicate_of(i)
            self.assertGreaterEqual(j, ins[1].first)
            # against the file, with the key written here: the same identity
            row = old[i][0]
            b = ds[j]
            self.assertEqual(b.entity_key, identity(row)[0])
            self.assertEqual(b.entity_region, "US-" + row["State"].strip())
            self.assertEqual(b.reported.date, datetime.datetime.strptime(
                row["Breach Submission Date"].strip(), "%m/%d/%Y").date())
        finally:
            ds.close()

    def test_same_file_twice(self):
        ds = breach.load([support.SEED, support.SEED])
        try:
            self.assertEqual(len(ds), 18)
            # the seed's 9 notices, one of them replaced by a revision
            self.assertEqual(ds.overview().n_selected, 8)
            self.assertEqual(ds.overview(include_superseded=True).n_selected, 9)
            self.assertEqual(ds.overlaps(), [breach._results.Overlap(0, 1, 9)])
            self.assertEqual(ds.duplicate_of(0), 9)
            self.assertIsNone(ds.duplicate_of(9))
            self.assertEqual(len(ds.indices(include_superseded=True)), 9)
            self.assertEqual(len(ds.indices(include_superseded=True, include_duplicates=True)), 18)
        finally:
            ds.close()


class Overview(unittest.TestCase):
    def test_seed(self):
        with open(support.SEED, newline="", encoding="utf-8") as f:
            seed = list(csv.DictReader(f))
        ds = breach.load(support.SEED)
        try:
            o = ds.overview()
            self.assertEqual(o.n_incidents, len(seed))
            # one revision in the seed (Brightline's 2024 figure replaces 2023's)
            # one revision: Brightline's 2024-07 figure replaces its 2023-05 one (two rows)
            self.assertEqual(o.n_superseded,
                             sum(1 for r in seed if r["id"].startswith("hhs-brightline-")) - 1)
            self.assertEqual(o.n_selected + o.n_superseded, len(seed))
            self.assertEqual(o.n_vendors, len({r["vendor"].lower() for r in seed if r["vendor"]}))
            every = ds.overview(include_superseded=True)
            self.assertEqual(every.n_with_breakdown, sum(1 for r in seed if r["regions"]))
            self.assertEqual(every.n_selected, len(seed))
            dates = sorted(r["reported"] for r in seed if r["reported"])
            self.assertEqual(o.first_reported.date.isoformat(), dates[0])
            vendors = ds.vendors()
            self.assertEqual([v.name for v in vendors],
                             sorted({r["vendor"] for r in seed if r["vendor"]}))
            shares = ds.notice_shares(regions=["US-ME"])
            self.assertEqual(len(shares), sum(1 for r in seed if "US-ME" in r["regions"]))
            me = next(r for r in seed if "US-ME" in r["regions"])
            part = int(re.search(r"US-ME:(\d+)", me["regions"]).group(1))
            self.assertAlmostEqual(shares[0].share, part / int(me["affected"]), places=12)
            self.assertEqual(ds.inputs()[0].name, support.SEED)
            self.assertEqual(ds.origin(0), (0, 2))
        finally:
            ds.close()


class Threads(unittest.TestCase):
    def test_setting(self):
        before = breach.set_threads(1)
        try:
            self.assertEqual(breach.threads(), 1)
            self.assertEqual(breach.set_threads(2), 1)
            self.assertEqual(breach.threads(), 2)
            with self.assertRaises(ValueError):
                breach.set_threads(-1)
        finally:
            breach.set_threads(before)

    def test_results_do_not_depend_on_it(self):
        ds = breach.load([support.shared(*ARCHIVE), support.shared(*OPEN)])
        try:
            out = []
            for n in (1, 2, 7):
                before = breach.set_threads(n)
                try:
                    r = ds.repeats()
                    out.append((r.n_entities, r.n_repeat_entities,
                                [(i.first, i.second, i.days) for i in r.intervals]))
                finally:
                    breach.set_threads(before)
            self.assertEqual(out[0], out[1])
            self.assertEqual(out[0], out[2])
        finally:
            ds.close()


if __name__ == "__main__":
    unittest.main()
