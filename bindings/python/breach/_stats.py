"""The statistics layer's pieces that need no dataset: proportion intervals, the built-in
statistics, the bootstrap, and population tables (``Population``) for per-capita rates.

The Dataset methods (counts, timeseries, sizes, fits, survival, percapita) live in
``breach._dataset`` and use the option and conversion helpers below.
"""

import ctypes
import math
import os
import signal
import sys
import threading
import weakref
from types import FrameType
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Tuple, Union

from . import _errors
from . import _lib
from ._lib import Error, lib
from ._model import REGIONS
from ._results import Bootstrap, Interval
from ._version import source_top

# ------------------------------------------------------------------ names <-> C enums

DIMENSIONS = ("type", "category", "location", "entity_type", "region", "vendor", "field",
              "year", "month")
INDEPENDENCE_STATUS = ("ok", "none", "multi_valued", "too_small", "not_recorded")
_DIMENSION_ALIASES = {"types": "type", "breach_type": "type", "categories": "category",
                      "locations": "location", "entity_region": "region", "vendors": "vendor"}
CI_METHODS = ("wilson", "jeffreys", "bootstrap")
COUNTS_STATUS = ("ok", "forced", "small_n", "suppressed")
PERIODS = ("month", "quarter", "year")
KM_CI = ("loglog", "log", "plain")
FIT_CI = ("exact", "wald")
STATISTICS = ("mean", "median", "geomean", "quantile")


def choice(value: Any, names: Sequence[str], what: str,
           aliases: Optional[Dict[str, str]] = None) -> int:
    """The index of ``value`` in ``names`` (aliases allowed); InvalidArgumentError
    naming the choices otherwise."""
    if isinstance(value, str):
        name = value.strip().lower()
        name = (aliases or {}).get(name, name)
        if name in names:
            return names.index(name)
    raise _errors.InvalidArgumentError(
        "%s must be one of %s, not %r" % (what, ", ".join(names), value), _errors.EINVAL)


def level_arg(level: Any, what: str = "level") -> float:
    """A confidence level in (0, 1), checked here so the error names the argument."""
    if isinstance(level, bool) or not isinstance(level, (int, float)) or not 0 < level < 1:
        raise _errors.InvalidArgumentError(
            "%s must be a number strictly between 0 and 1, not %r" % (what, level),
            _errors.EINVAL)
    return float(level)


def uint_arg(value: Any, what: str, lo: int = 0, hi: int = (1 << 32) - 1) -> int:
    """An int in [lo, hi] for a uint32_t option (ctypes would wrap it silently)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("%s must be an int, not %s" % (what, type(value).__name__))
    if not lo <= value <= hi:
        raise _errors.InvalidArgumentError(
            "%s must be between %d and %d, not %d" % (what, lo, hi, value), _errors.EINVAL)
    return value


def doubles(values: Iterable[float], what: str = "values") -> Tuple[Any, int]:
    """A ctypes double array from an iterable of numbers (and its length)."""
    if isinstance(values, (str, bytes)):
        raise TypeError("%s must be numbers, not a string" % what)
    try:
        seq = [float(v) for v in values]
    except TypeError:
        raise TypeError("%s must be an iterable of numbers" % what) from None
    return (ctypes.c_double * max(len(seq), 1))(*seq), len(seq)


def floats(ptr: Any, n: int) -> Tuple[float, ...]:
    """A tuple of floats copied from a C double array (empty when n = 0 / NULL)."""
    return tuple(ptr[:n]) if n and ptr else ()


# ------------------------------------------------------------------ progress, Ctrl-C

# progress=: called with (done, total); a true answer stops the computation
ProgressCallback = Callable[[int, int], Any]


class Progress:
    """The breach_progress_fn of one long C call (bootstraps, the power-law p-value).

    Used as ``with Progress(fn) as p: opts.progress = p.c; call(...)``. The library calls
    it from the calling thread at most ten times a second; it relays ``(done, total)`` to
    ``fn`` (the caller's ``progress=``; a true answer stops the computation:
    CancelledError). Ctrl-C: while the call runs on the main thread, SIGINT only sets a
    flag (a handler that raises could fire before any ``try`` of the callback, and ctypes
    would swallow the exception); the next callback answers "stop", and on the way out the
    previous handler gets the signal (the default one raises KeyboardInterrupt). An
    exception raised by ``fn`` also stops the call and is raised after it."""

    def __init__(self, fn: Optional[ProgressCallback] = None) -> None:
        if fn is not None and not callable(fn):
            raise TypeError("progress must be a callable (done, total) -> bool, not %s"
                            % type(fn).__name__)
        self.fn = fn
        self.error: Optional[BaseException] = None
        self.interrupted: Optional[FrameType] = None  # the frame SIGINT arrived in
        self.got_sigint = False
        self._previous: Any = None
        self.c = _lib.ProgressFn(self._call)

    def _call(self, done: int, total: int, ctx: Any) -> int:
        try:
            if self.got_sigint or self.error is not None:
                return 1
            if self.fn is not None and self.fn(done, total):
                return 1
            return 0
        except BaseException as e:  # noqa: B902 - raised after the C call
            self.error = e
            return 1

    def _on_sigint(self, signum: int, frame: Optional[FrameType]) -> None:
        self.interrupted = frame
        self.got_sigint = True

    def __enter__(self) -> "Progress":
        if threading.current_thread() is threading.main_thread():
            previous = signal.getsignal(signal.SIGINT)
            if previous not in (signal.SIG_IGN, None):
                self._previous = signal.signal(signal.SIGINT, self._on_sigint)
        return self

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        previous, self._previous = self._previous, None
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
        if self.got_sigint:
            frame, self.interrupted, self.got_sigint = self.interrupted, None, False
            if callable(previous):
                previous(signal.SIGINT, frame)  # the default handler raises KeyboardInterrupt
            elif previous == signal.SIG_DFL:
                if sys.version_info >= (3, 8):
                    signal.raise_signal(signal.SIGINT)
                else:  # no raise_signal: the AttributeError hid the Ctrl-C
                    os.kill(os.getpid(), signal.SIGINT)
        if self.error is not None:
            error, self.error = self.error, None
            raise error


# ------------------------------------------------------------------ proportions


def proportion_ci(x: int, n: int, method: str = "wilson", level: float = 0.95) -> Interval:
    """A confidence interval for the proportion x / n: ``method`` 'wilson' (Wilson score)
    or 'jeffreys' (equal-tailed Beta(x + 1/2, n - x + 1/2), 0 at x = 0 and 1 at x = n).
    Returns an Interval (estimate x / n). InvalidArgumentError for n = 0, x > n, a level
    outside (0, 1), or 'bootstrap' (that needs the data: use Dataset.counts)."""
    for name, v in (("x", x), ("n", n)):
        if isinstance(v, bool) or not isinstance(v, int):
            raise TypeError("%s must be an int, not %s" % (name, type(v).__name__))
        if not 0 <= v < 1 << 64:
            raise _errors.InvalidArgumentError("%s must be between 0 and 2^64-1, not %d"
                                               % (name, v), _errors.EINVAL)
    m = choice(method, CI_METHODS, "method")
    lo, hi = ctypes.c_double(), ctypes.c_double()
    lib().breach_proportion_ci(x, n, m, level_arg(level), lo, hi, Error())
    return Interval(x / n, lo.value, hi.value, float(level))


# ------------------------------------------------------------------ statistics, bootstrap


def _builtin(name: str) -> Any:
    """The C function of a built-in statistic, as a breach_statistic_fn."""
    L = lib()
    f = getattr(L, "breach_statistic_" + name)
    if not L.has("breach_statistic_" + name):  # an optional function this library lacks
        f()  # raises LibraryError naming it
    return _lib.StatisticFn(ctypes.cast(f, ctypes.c_void_p).value or 0)


def _quantile_ctx(p: Optional[float], statistic: str) -> Optional[ctypes.c_double]:
    if statistic != "quantile":
        if p is not None:
            raise TypeError("p= goes with statistic='quantile' only")
        return None
    if p is None:
        raise TypeError("statistic='quantile' needs p= (a probability in [0, 1])")
    return ctypes.c_double(float(p))


def statistic(name: str, values: Iterable[float], p: Optional[float] = None) -> float:
    """A built-in statistic of ``values`` computed by the library: 'mean', 'median',
    'geomean' (NaN if a value is <= 0) or 'quantile' (type 7, with p= in [0, 1]). NaN for
    no values."""
    k = choice(name, STATISTICS, "statistic")
    ctx = _quantile_ctx(p, STATISTICS[k])
    arr, n = doubles(values)
    f = getattr(lib(), "breach_statistic_" + STATISTICS[k])
    return float(f(arr, n, None if ctx is None else ctypes.addressof(ctx)))


class _PythonStatistic:
    """A Python callable as a breach_statistic_fn. An exception inside it is kept (and the
    replicate made NaN, then every later one at once) so that it is raised after the C call
    instead of being lost inside ctypes' callback machinery."""

    def __init__(self, fn: Callable[[List[float]], float]) -> None:
        self.fn = fn
        self.error: Optional[BaseException] = None
        self.c = _lib.StatisticFn(self._call)

    def _call(self, x: Any, n: int, ctx: Any) -> float:
        if self.error is not None:
            return math.nan
        try:
            return float(self.fn(x[:n]))
        except BaseException as e:  # noqa: B902 - re-raised after the C call
            self.error = e
            return math.nan


def bootstrap(values: Iterable[float],
              statistic: Union[str, Callable[[List[float]], float]] = "median",
              replicates: int = 2000, seed: int = 1, level: float = 0.95,
              p: Optional[float] = None,
              progress: Optional[ProgressCallback] = None) -> Bootstrap:
    """Nonparametric bootstrap of a statistic of ``values`` with the percentile interval
    (Efron 1979): ``replicates`` resamples drawn from GSL's mt19937 seeded with ``seed``, so
    the same values, order, seed and B give the same interval anywhere.

    statistic: 'mean', 'median', 'geomean', 'quantile' (with p=), or a Python callable
    taking a list of floats and returning a float (NaN or inf marks a replicate invalid;
    an exception it raises is raised here after the run). Returns a Bootstrap.
    InvalidArgumentError for no values, options out of range, a statistic that is NaN on
    the values themselves, or fewer than 2 valid replicates.

    progress: a callable (done, total) called about ten times a second as the replicates
    run; returning True stops the run (CancelledError). Ctrl-C stops it too
    (KeyboardInterrupt, within about 0.1 s plus one replicate)."""
    L = lib()
    arr, n = doubles(values)
    o = _lib.BootstrapOptions()
    L.breach_bootstrap_options_init(o)
    o.replicates = uint_arg(replicates, "replicates", 1, 10000000)
    o.seed = uint_arg(seed, "seed")
    o.level = level_arg(level)
    py = None
    if callable(statistic):
        if p is not None:
            raise TypeError("p= goes with statistic='quantile' only")
        py = _PythonStatistic(statistic)
        fn, ctx, name = py.c, None, getattr(statistic, "__name__", "custom")
    else:
        name = STATISTICS[choice(statistic, STATISTICS, "statistic")]
        c = _quantile_ctx(p, name)
        fn = _builtin(name)
        ctx = None if c is None else ctypes.addressof(c)
    err = Error()
    with Progress(progress) as pg:
        o.progress = pg.c
        try:
            r = L.breach_bootstrap_compute(arr if n else None, n, fn, ctx, o, err)
        except _errors.BreachError:
            if py is not None and py.error is not None:
                raise py.error
            raise
        try:
            if py is not None and py.error is not None:
                raise py.error
            b = r.contents
            out = Bootstrap(name, n, Interval._from_c(b.ci), b.replicates, b.seed, b.n_invalid,
                            b.se, floats(b.values, b.n_values))
        finally:
            L.breach_bootstrap_free(r)
    return out


# ------------------------------------------------------------------ populations

_HERE = os.path.dirname(os.path.abspath(__file__))
BUNDLED_POPULATION = "us-state-population-2024.csv"


def _package_data(name: str) -> Optional[str]:
    """A file of the package's data directory (breach/data/, which the wheel carries) as a
    path, or None. A wheel installs unzipped, so its resources are files on disk. ``make
    install`` does not install breach/data/: it installs the file in $datadir/libbreach/data
    (bundled_population_path looks there)."""
    if sys.version_info >= (3, 9):  # files()
        from importlib.resources import files
        try:
            res = files(__package__ or "breach") / "data" / name
            path = str(res)
            return path if res.is_file() and os.path.isfile(path) else None
        except (ImportError, AttributeError, TypeError):
            pass
    path = os.path.join(_HERE, "data", name)
    return path if os.path.isfile(path) else None


def bundled_population_path() -> Optional[str]:
    """The bundled Census file, the package's own copy first: run from the source tree
    (_version.source_top()), examples/data/ there, then breach/data/; installed, breach/data/
    (a wheel's), then the installed data directory ($datadir/libbreach/data of ``make
    install``), and never a path above site-packages (an unrelated
    venv/lib/examples/data/ won over the wheel's copy). None when none has it."""
    places = []
    top = source_top()
    if top is not None:
        places.append(os.path.join(top, "examples", "data", BUNDLED_POPULATION))
    packaged = _package_data(BUNDLED_POPULATION)
    if packaged is not None:
        places.append(packaged)
    try:
        from . import _installed  # type: ignore[attr-defined]
        places.append(os.path.join(os.path.dirname(_installed.LIBDIR.rstrip("/")), "share",
                                   "libbreach", "data", BUNDLED_POPULATION))
    except ImportError:
        pass
    for p in places:
        if os.path.isfile(p):
            return p
    return None


class Population:
    """Resident populations by region, from the Census Bureau's state estimates
    (NST-EST20xx-ALLDATA: columns SUMLEV, NAME, POPESTIMATE<year>). Read one with
    ``Population.load(path, year=0)`` (0: the latest year in the file) or
    ``Population.loads(text)``; ``breach.population()`` reads the bundled 2024 file.

    ``pop["US-ME"]`` is Maine's population (NotFoundError, a LookupError, for a region
    the table lacks); ``pop.get(region)``, ``region in pop``, ``len(pop)``, ``pop.year``,
    ``pop.as_dict()``. The C table is freed by close(), ``with``, or the finalizer."""

    def __init__(self, _ptr: Any) -> None:
        L = lib()
        self._ptr = _ptr
        self._finalizer = weakref.finalize(self, L.breach_population_free, _ptr)
        self.source: Union[None, str, bytes] = None

    @classmethod
    def load(cls, path: Union[str, bytes, "os.PathLike[str]"], year: int = 0) -> "Population":
        year = uint_arg(year, "year", 0, 9999)
        p = cls(lib().breach_population_read_file(os.fsencode(path), year, Error()))
        p.source = os.fspath(path)
        return p

    @classmethod
    def loads(cls, text: Union[str, bytes], year: int = 0,
              source_name: Optional[str] = None) -> "Population":
        year = uint_arg(year, "year", 0, 9999)
        b = text.encode("utf-8") if isinstance(text, str) else bytes(text)
        sn = None if source_name is None else os.fsencode(source_name)
        p = cls(lib().breach_population_read_buffer(b, len(b), sn, year, Error()))
        p.source = source_name
        return p

    def _handle(self) -> Any:
        if self._ptr is None:
            raise ValueError("operation on a closed Population")
        return self._ptr

    @property
    def year(self) -> int:
        return int(lib().breach_population_year(self._handle()))

    def __len__(self) -> int:
        return int(lib().breach_population_size(self._handle()))

    def __getitem__(self, region: str) -> int:
        out = ctypes.c_uint64()
        lib().breach_population_get(self._handle(), REGIONS.number(region), out, Error())
        return int(out.value)

    def get(self, region: str, default: Optional[int] = None) -> Optional[int]:
        try:
            return self[region]
        except _errors.NotFoundError:
            return default

    def __contains__(self, region: object) -> bool:
        return isinstance(region, str) and self.get(region) is not None

    def as_dict(self) -> Dict[str, int]:
        """{region code: population} for every region of the table (the C API has no
        iterator: every region number is looked up)."""
        L = lib()
        h = self._handle()
        out = ctypes.c_uint64()
        err = Error()
        found = {}
        for r in range(1, L.breach_region_max() + 1):
            try:
                L.breach_population_get(h, r, out, err)
            except _errors.NotFoundError:
                continue
            found[REGIONS.code(r) or "?"] = out.value
        return found

    def close(self) -> None:
        self._finalizer()
        self._ptr = None

    def __enter__(self) -> "Population":
        self._handle()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        if self._ptr is None:
            return "<breach.Population closed>"
        return "<breach.Population %d of %d regions>" % (self.year, len(self))


_bundled: Dict[int, Population] = {}


def population(year: int = 0) -> Population:
    """The bundled Census Bureau state estimates (Vintage 2024: 2020-2024; year 0 is
    2024), read once per year and shared. IOError-like BreachIOError when the file is not
    found (load your own copy with Population.load)."""
    p = _bundled.get(year)
    if p is None or p._ptr is None:
        path = bundled_population_path()
        if path is None:
            raise _errors.BreachIOError(
                "the bundled population file %s was not found in this source tree, the "
                "package's data (breach/data/) or the installed data directory; read a copy "
                "with breach.Population.load(path)"
                % BUNDLED_POPULATION, _errors.EIO)
        p = _bundled[year] = Population.load(path, year)
    return p
