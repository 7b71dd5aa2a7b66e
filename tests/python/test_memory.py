"""No leaks: the resident set stays flat over 10,000 loads and over repeated statistics,
error paths and lenient reports. The C objects are freed by close(), by `with`, and by
the weakref finalizer when the last reference goes.

Two measures: RSS from /proc/self/statm (pages, coarse: a leaked load report of ~220
bytes times 10,000 is 2.2 MB and fails RSS_LIMIT; a leaked dataset fails it a hundred
times over), and, where glibc has mallinfo2(), the heap bytes in use (exact: a clean loop
grows by 0 bytes, so HEAP_LIMIT catches a leak of a few dozen bytes per round). Skipped
under AddressSanitizer, whose quarantine holds freed memory on purpose.
"""

import ctypes
import gc
import os
import resource
import time
import unittest
import weakref

import support
from support import breach

RSS_LIMIT = 1024 * 1024  # bytes of RSS growth tolerated over a whole loop
HEAP_LIMIT = 64 * 1024  # bytes of heap growth tolerated over a whole loop


def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize()


class _MallInfo2(ctypes.Structure):
    _fields_ = [(n, ctypes.c_size_t) for n in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
        "fordblks", "keepcost")]


def _heap_fn():
    try:
        f = ctypes.CDLL(None).mallinfo2
    except (AttributeError, OSError):
        return None
    f.restype = _MallInfo2
    return f


_mallinfo2 = _heap_fn()


def heap():
    """Bytes of the C heap in use (malloc'ed and mmap'ed), or 0 without mallinfo2."""
    if _mallinfo2 is None:
        return 0
    m = _mallinfo2()
    return m.uordblks + m.hblkhd


BAD = ("id,entity,reported,affected,regions\n"
       "a,Acme,2023-02-30,10,\n"
       "b,Beta,2023-01-01,-5,\n"
       "e,Eps,2023-01-04,12,US-ME:3\n")


@unittest.skipUnless(os.path.exists("/proc/self/statm"), "needs /proc/self/statm (Linux)")
class NoLeaks(unittest.TestCase):
    def setUp(self):
        if support.under_asan():
            self.skipTest("AddressSanitizer's quarantine keeps freed memory: RSS means "
                          "nothing here (leaks are checked by the C suites under ASan)")

    def grows(self, step, n, warmup=300):
        for _ in range(warmup):
            step()
        gc.collect()
        before, heap_before = rss(), heap()
        t0 = time.monotonic()
        for _ in range(n):
            step()
        gc.collect()
        return rss() - before, heap() - heap_before, time.monotonic() - t0

    def check(self, what, growth, heap_growth, secs):
        self.assertLess(growth, RSS_LIMIT, "RSS grew %d bytes over %s (%.1f s)"
                        % (growth, what, secs))
        self.assertLess(heap_growth, HEAP_LIMIT, "the C heap grew %d bytes over %s (%.1f s)"
                        % (heap_growth, what, secs))

    def test_10000_loads(self):
        seed = support.SEED
        k = [0]

        def step():
            k[0] += 1
            if k[0] % 2:
                with breach.load(seed) as ds:  # freed by close()
                    len(ds)
            else:
                ds = breach.load(seed)         # freed by the finalizer (refcount)
                ds[1]

        self.check("10,000 loads", *self.grows(step, 10000))

    def test_statistics_and_error_paths(self):
        ds = breach.load(support.SEED)

        def step():
            ds.region_shares()
            ds.supply_chain("Fortra GoAnywhere", end="2023-12-31")
            ds.repeats(merge_within_days=3)
            ds.region_share(1, "US-ME")
            ds.select(vendor="Fortra GoAnywhere")
            list(ds)
            try:
                ds.region_share(1, "US-CA")
            except breach.NotFoundError:
                pass
            try:
                breach.loads(BAD)
            except breach.DateError:
                pass
            breach.loads(BAD, lenient=True).report
            b = breach.Dataset()
            b.add(entity="Acme", reported="2023-04", affected=">=3", regions={"US-ME": 1})
            try:
                b.add(entity="x", affected=1, regions={"US-ME": 5})
            except breach.InconsistentError:
                pass

        self.check("2,000 rounds of statistics and errors", *self.grows(step, 2000, warmup=100))


    def test_statistics_layer(self):
        """Every result of the statistics layer, its error paths (a fit that fails after
        the sizes were computed, a failing Python statistic) and populations."""
        ds = breach.load(support.SEED)
        pop_path = os.path.join(support.TOP, "examples", "data",
                                "us-state-population-2024.csv")
        pop = breach.Population.load(pop_path)
        empty = breach.Dataset()
        linked = breach.Dataset()
        linked.add(entity="Acme", reported="2023-04-10", regions={"US-WA": 2385, "US-ME": 5})
        linked.add(entity="Acme", reported="2023-04-07", affected=40000)
        x = [2.385, 7.1, 0.5, 3.3, 12.8, 4.4, 9.9, 1.7, 6.02, 5.55, 3.14, 8.8]

        def fails(v):
            raise KeyError("x")

        def step():
            ds.counts(min_n=0)
            ds.counts(dimension="vendor", ci="bootstrap", replicates=20, min_n=0)
            ds.timeseries(by="quarter")
            ds.sizes(quantiles=(0.9,))
            ds.lognormal_fit()
            ds.powerlaw_fit(replicates=3)
            ds.compare_powerlaw_lognormal()
            ds.survival(at=(30, 100, 10000))
            ds.percapita(pop)
            ds.bootstrap(replicates=20)
            linked.links()
            breach.bootstrap(x, lambda v: v[0], replicates=20)
            breach.proportion_ci(7, 30, "jeffreys")
            breach.statistic("quantile", x, p=0.3)
            with breach.Population.loads("SUMLEV,NAME,POPESTIMATE2024\n040,Maine,5\n") as p:
                p["US-ME"]
            for call in (lambda: empty.lognormal_fit(), lambda: empty.powerlaw_fit(),
                         lambda: empty.compare_powerlaw_lognormal(),
                         lambda: breach.bootstrap(x, fails, replicates=5),
                         lambda: breach.proportion_ci(6, 5),
                         lambda: linked.links(window_days=-1),
                         lambda: breach.Population.loads("SUMLEV,NAME,POPESTIMATE2024\n"
                                                         "040,Atlantis,5\n"),
                         lambda: pop["FR"]):
                try:
                    call()
                except (breach.BreachError, KeyError):
                    pass

        self.check("500 rounds of the statistics layer", *self.grows(step, 500, warmup=50))



class Finalizers(unittest.TestCase):
    def test_datasets_are_not_kept_alive(self):
        refs = []
        for _ in range(50):
            ds = breach.load(support.SEED)
            ds.region_shares()
            refs.append((weakref.ref(ds), ds._finalizer))
        del ds
        gc.collect()
        self.assertTrue(all(r() is None and not fin.alive for r, fin in refs))

    def test_mapping_finalizer(self):
        if not breach._lib.lib().has("breach_mapping_new"):
            self.skipTest("the libbreach in use has no breach_mapping_new yet")
        m = breach.Mapping({"entity": "Org"})
        fin = m._finalizer
        del m
        gc.collect()
        self.assertFalse(fin.alive)


if __name__ == "__main__":
    unittest.main()
