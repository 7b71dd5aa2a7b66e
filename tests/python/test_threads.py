"""Threads (issue 18, item 2): one dataset read from several threads gives the same results
as one thread, and close() never frees a dataset under a running call: it waits for calls
in other threads, refuses new ones, and raises from inside a call on the same dataset.

A "long C call" is made deterministic by replacing the registered breach_repeats_compute
with a wrapper that signals it has started and waits for the test's go before calling the
real function (ctypes releases the GIL in the real call, so another thread's close() could
free the dataset at that moment before the fix)."""

import csv
import threading
import time
import unittest

import support
from support import breach
from breach import _lib


class Paused:
    """Replaces lib().breach_repeats_compute while in a with block."""

    def __init__(self, ds):
        self.ds = ds
        self.entered, self.go = threading.Event(), threading.Event()
        self.closed_under_call = None

    def __enter__(self):
        L = _lib.lib()
        self.real = L.breach_repeats_compute

        def wrapper(*args):
            self.entered.set()
            self.go.wait(10)
            # before the fix close() had already freed the dataset here
            self.closed_under_call = self.ds.closed
            if self.ds.closed:
                raise RuntimeError("the dataset was freed under a running call")
            return self.real(*args)

        L.breach_repeats_compute = wrapper
        return self

    def __exit__(self, *exc):
        _lib.lib().breach_repeats_compute = self.real
        self.go.set()


class CloseWhileInUse(unittest.TestCase):
    def test_close_waits_for_a_call_in_another_thread(self):
        ds = breach.load(support.SEED)
        want = ds.repeats().summary
        got, errors = [], []

        def worker():
            try:
                got.append(ds.repeats().summary)
            except Exception as e:  # pragma: no cover - reported below
                errors.append(e)

        with Paused(ds) as p:
            t = threading.Thread(target=worker)
            t.start()
            self.assertTrue(p.entered.wait(10))
            closer = threading.Thread(target=ds.close)
            closer.start()
            time.sleep(0.2)
            self.assertTrue(closer.is_alive(), "close() returned while a call was running")
            self.assertFalse(ds.closed)
            # a new call while close() waits is refused
            with self.assertRaises(ValueError):
                len(ds)
            p.go.set()
            t.join(10)
            closer.join(10)
        self.assertEqual(errors, [])
        self.assertIs(p.closed_under_call, False)
        self.assertEqual(got, [want])
        self.assertTrue(ds.closed)
        with self.assertRaises(ValueError):
            ds.repeats()

    def test_close_inside_a_call_on_the_same_dataset_raises(self):
        ds = breach.load(support.SEED)
        L = _lib.lib()
        real = L.breach_repeats_compute
        seen = []

        def wrapper(*args):
            try:
                ds.close()
            except RuntimeError as e:
                seen.append(str(e))
            return real(*args)

        L.breach_repeats_compute = wrapper
        try:
            ds.repeats()
        finally:
            L.breach_repeats_compute = real
        self.assertEqual(len(seen), 1)
        self.assertIn("same dataset", seen[0])
        self.assertFalse(ds.closed)
        ds.close()
        self.assertTrue(ds.closed)
        ds.close()  # a second close is a no-op

    def test_concurrent_readers_agree_with_one_thread(self):
        # the documented contract: one dataset, several readers, no writer
        ds = breach.load(support.SEED)
        want = (ds.repeats().summary, ds.supply_chain("Fortra GoAnywhere").n_organisations,
                len(ds), [i.id for i in ds])
        out, errors = [], []

        def reader():
            try:
                for _ in range(20):
                    out.append((ds.repeats().summary,
                                ds.supply_chain("Fortra GoAnywhere").n_organisations,
                                len(ds), [i.id for i in ds]))
            except Exception as e:  # pragma: no cover
                errors.append(e)

        ts = [threading.Thread(target=reader) for _ in range(4)]
        for t in ts:
            t.start()
        for t in ts:
            t.join(60)
        ds.close()
        self.assertEqual(errors, [])
        self.assertEqual(len(out), 80)
        self.assertTrue(all(o == want for o in out))


class Held:
    """Replaces lib().<name> while in a with block by a wrapper that signals it was entered
    and waits for ``go`` before the real call: a call surely in flight in another thread.
    ``first_only``: later calls (from other threads) run at once. ``freed``: a check made
    after the wait; when it is true the real call is not made (it would crash the process)
    and the wrapper raises, so that a broken guard fails the test instead."""

    def __init__(self, name, first_only=False, freed=None):
        self.name, self.first_only, self.freed = name, first_only, freed
        self.entered, self.go = threading.Event(), threading.Event()
        self.freed_under_call = None

    def __enter__(self):
        L = _lib.lib()
        self.real = getattr(L, self.name)

        def wrapper(*args):
            if self.first_only and self.entered.is_set():
                return self.real(*args)
            self.entered.set()
            self.go.wait(10)
            if self.freed is not None:
                self.freed_under_call = self.freed()
                if self.freed_under_call:
                    raise RuntimeError("a dataset was freed under the running call")
            return self.real(*args)

        setattr(L, self.name, wrapper)
        return self

    def __exit__(self, *exc):
        setattr(_lib.lib(), self.name, self.real)
        self.go.set()


def seed_rows():
    """The seed file's rows, read with the csv module (not the library)."""
    with open(support.SEED, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


ROW = ("id,entity,reported,affected\n"
       "late-1,Late Clinic,2024-01-02,1200\n")


class LoadWhileInUse(unittest.TestCase):
    """A load into a dataset that another thread reads reallocated the incidents under the
    reader: the process aborted (malloc assertion, 4 runs in 15 of review rev-python's
    race.py). A change overlapping another call now raises RuntimeError, in either order."""

    def run_in_thread(self, fn):
        out = {}

        def run():
            try:
                out["value"] = fn()
            except Exception as e:  # pragma: no cover - checked below
                out["error"] = e

        t = threading.Thread(target=run)
        t.start()
        return t, out

    def test_change_while_another_thread_reads(self):
        ds = breach.load(support.SEED)
        n, want = len(ds), ds.repeats().summary
        other = breach.Dataset([breach.Incident(id="x", entity="X", reported="2024-01-01")])
        with Held("breach_repeats_compute") as h:
            t, out = self.run_in_thread(lambda: ds.repeats().summary)
            self.assertTrue(h.entered.wait(10))
            for change in (lambda: ds.read_string(ROW, format="canonical"),
                           lambda: ds.add(id="y", entity="Y", reported="2024-01-01"),
                           lambda: ds.extend([{"id": "z", "entity": "Z"}]),
                           lambda: ds.append(other),
                           lambda: ds.add_attr(n - 1, "types", "hacking")):
                with self.assertRaises(RuntimeError) as e:
                    change()
                self.assertIn("another thread uses the same dataset", str(e.exception))
            h.go.set()
            t.join(10)
        self.assertEqual(out, {"value": want})
        self.assertEqual(len(ds), n)       # nothing was loaded
        ds.read_string(ROW, format="canonical")   # the reader has returned: allowed again
        self.assertEqual(len(ds), n + 1)

    def test_read_while_another_thread_loads(self):
        ds = breach.load(support.SEED)
        n = len(ds)
        with Held("breach_csv_read_buffer") as h:
            t, out = self.run_in_thread(lambda: ds.read_string(ROW, format="canonical"))
            self.assertTrue(h.entered.wait(10))
            for use in (lambda: len(ds), lambda: ds.sizes(), lambda: ds[0],
                        lambda: ds.add(id="y", entity="Y")):
                with self.assertRaises(RuntimeError) as e:
                    use()
                self.assertIn("same dataset", str(e.exception))
            h.go.set()
            t.join(10)
        self.assertEqual(out["value"].rows_loaded, 1)
        self.assertEqual(len(ds), n + 1)
        self.assertEqual(ds[-1].id, "late-1")

    def test_change_from_a_callback_of_a_call_on_the_same_dataset(self):
        ds = breach.load(support.SEED)
        L = _lib.lib()
        real, seen = L.breach_repeats_compute, []

        def wrapper(*args):
            try:
                ds.add(id="y", entity="Y")
            except RuntimeError as e:
                seen.append(str(e))
            return real(*args)

        L.breach_repeats_compute = wrapper
        try:
            ds.repeats()
        finally:
            L.breach_repeats_compute = real
        self.assertEqual(len(seen), 1)
        self.assertIn("from inside a call on the same dataset", seen[0])

    def test_one_thread_may_still_read_while_it_changes(self):
        # extend() calls add(); extending a dataset with its own incidents reads it between
        # the adds, in one thread: never refused
        ds = breach.Dataset([breach.Incident(id="a", entity="A", reported="2024-01-01")])
        ds.extend(breach.Incident(id="%s%d" % (ds[-1].id, k), entity="A") for k in (1, 2))
        self.assertEqual([i.id for i in ds], ["a", "a1", "a12"])


def run_in_thread(fn):
    out = {}

    def run():
        try:
            out["value"] = fn()
        except Exception as e:  # pragma: no cover - checked by the callers
            out["error"] = e

    t = threading.Thread(target=run)
    t.start()
    return t, out


class TwoDatasets(unittest.TestCase):
    """d.append(other) reads ``other`` in C. ``other`` counted as in use only while append
    fetched its pointer (the guard wrapped the helper _handle, review rev-code finding 1), so
    other.close() in another thread freed it under the copy (SIGSEGV on the first of 30 tries
    of race_close.py), a load into it during the copy was never refused (30 of 30), and the
    refusal that did fire named Dataset.handle(), a method no user calls."""

    def setUp(self):
        rows = seed_rows()
        self.n, self.last = len(rows), rows[-1]["id"]   # 9, press-blue-shield-ca-brightline

    def test_close_of_the_appended_dataset_waits_for_the_copy(self):
        other, d = breach.load(support.SEED), breach.Dataset()
        with Held("breach_dataset_append", freed=lambda: other.closed) as h:
            t, out = run_in_thread(lambda: d.append(other))
            self.assertTrue(h.entered.wait(10))
            closer = threading.Thread(target=other.close)
            closer.start()
            time.sleep(0.2)
            self.assertTrue(closer.is_alive(), "other.close() returned while it was copied")
            self.assertFalse(other.closed)
            with self.assertRaises(ValueError):   # closing: new calls refused
                len(other)
            h.go.set()
            t.join(10)
            closer.join(10)
        self.assertEqual(out, {"value": None})
        self.assertIs(h.freed_under_call, False)
        self.assertTrue(other.closed)
        self.assertEqual(len(d), self.n)
        self.assertEqual(d[-1].id, self.last)

    def test_load_into_the_appended_dataset_during_the_copy_is_refused(self):
        other, d, d2 = breach.load(support.SEED), breach.Dataset(), breach.Dataset()
        with Held("breach_dataset_append", first_only=True) as h:
            t, out = run_in_thread(lambda: d.append(other))
            self.assertTrue(h.entered.wait(10))
            for change in (lambda: other.read_string(ROW, format="canonical"),
                           lambda: other.add(id="y", entity="Y"),
                           lambda: other.append(breach.Dataset())):
                with self.assertRaises(RuntimeError) as e:
                    change()
                self.assertIn("while another thread uses the same dataset", str(e.exception))
            # reading it meanwhile is allowed: a second copy, a statistic
            d2.append(other)
            self.assertEqual(other.find(self.last), self.n - 1)
            h.go.set()
            t.join(10)
        self.assertEqual(out, {"value": None})
        self.assertEqual((len(d), len(d2), len(other)), (self.n, self.n, self.n))
        # the copy has returned: other is free again, from any thread
        t, out = run_in_thread(lambda: other.read_string(ROW, format="canonical"))
        t.join(10)
        self.assertEqual(out["value"].rows_loaded, 1)
        self.assertEqual(len(other), self.n + 1)

    def test_append_while_another_thread_loads_into_the_argument(self):
        other, d = breach.load(support.SEED), breach.Dataset()
        with Held("breach_csv_read_buffer") as h:
            t, out = run_in_thread(lambda: other.read_string(ROW, format="canonical"))
            self.assertTrue(h.entered.wait(10))
            with self.assertRaises(RuntimeError) as e:
                d.append(other)
            self.assertTrue(str(e.exception).startswith(
                "Dataset.append() while another thread loads into the dataset passed to it"),
                str(e.exception))
            h.go.set()
            t.join(10)
        self.assertEqual(out["value"].rows_loaded, 1)
        self.assertEqual(len(d), 0)
        # d was left free: another thread may load into it
        t, out = run_in_thread(lambda: d.append(other))
        t.join(10)
        self.assertEqual(out, {"value": None})
        self.assertEqual((len(d), d[-1].id), (self.n + 1, "late-1"))

    def test_refusals_name_the_call_the_user_made(self):
        ds = breach.load(support.SEED)
        with Held("breach_csv_read_buffer") as h:
            t, out = run_in_thread(lambda: ds.read_string(ROW, format="canonical"))
            self.assertTrue(h.entered.wait(10))
            for call, shown in ((lambda: len(ds), "len(Dataset)"),
                                (lambda: ds[0], "Dataset[index]"),
                                (lambda: next(iter(ds)), "iterating over a Dataset"),
                                (lambda: repr(ds), "repr(Dataset)"),
                                (lambda: ds.incidents(), "Dataset.incidents()"),
                                (lambda: ds.attrs(0), "Dataset.attrs()"),
                                (lambda: ds.lognormal_fit(), "Dataset.lognormal_fit()")):
                with self.assertRaises(RuntimeError) as e:
                    call()
                self.assertEqual(str(e.exception), shown + " while another thread loads into "
                                 "the same dataset: wait for the load to return")
            h.go.set()
            t.join(10)
        self.assertEqual(out["value"].rows_loaded, 1)

    def test_append_to_itself_a_closed_dataset_or_not_a_dataset(self):
        d, closed = breach.load(support.SEED), breach.Dataset()
        closed.close()
        with self.assertRaises(breach.InvalidArgumentError) as e:
            d.append(d)
        self.assertIn("two different datasets", str(e.exception))
        with self.assertRaises(ValueError) as e:
            d.append(closed)
        self.assertEqual(str(e.exception), "Dataset.append() of a closed Dataset")
        with self.assertRaises(TypeError):
            d.append(list(d))  # type: ignore[arg-type]
        self.assertEqual(len(d), self.n)
        # none of them left d marked in use: another thread may load into it and close it
        t, out = run_in_thread(lambda: d.read_string(ROW, format="canonical"))
        t.join(10)
        self.assertEqual(out["value"].rows_loaded, 1)
        closer = threading.Thread(target=d.close)
        closer.start()
        closer.join(10)
        self.assertTrue(d.closed)


if __name__ == "__main__":
    unittest.main()
