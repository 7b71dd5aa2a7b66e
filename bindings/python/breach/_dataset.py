"""Dataset: an owned libbreach dataset, its loaders, writers and statistics."""

import ctypes
import datetime
import functools
import inspect
import math
import operator
import os
import threading
import weakref
from typing import (IO, Any, Callable, Dict, FrozenSet, Iterable, Iterator, List, Optional, Set,
                    Sequence, Tuple, Union)

from . import _errors
from . import _lib
from . import _stats
from ._lib import Error, lib
from ._model import (CATEGORIES, DATE_FIELDS, LOCATIONS as _LOCATIONS, REGIONS, TYPES, UNITS,
                     Count, Date, Incident, Total, _str)
from ._results import Field as _results_Field
from ._results import Input, Overlap, Overview, VendorRow
from ._results import (ChisqTest, CountCell, CountCol, CountRow, Counts, DispersionTest, Interval, Issue, KmStep,
                       FormatOverlap, Link, Links, LoadReport, Lognormal, PercapitaRow, Percapita, PeriodCount,
                       Powerlaw, RegionRow, RegionShare, RegionShares, RepeatInterval, Repeats,
                       RepeatSummary, Sizes, SupplyChain, SupplyMember, SupplyPoint, Survival,
                       SurvivalPoint, Timeseries, Vuong, Bootstrap)
from ._stats import ProgressCallback

# argument types: a path, a file object open for reading, a date
PathArg = Union[str, bytes, "os.PathLike[str]", "os.PathLike[bytes]"]
Source = Union[PathArg, IO[str], IO[bytes]]
DateArg = Union[None, Date, datetime.date, str, int]

# ------------------------------------------------------------------ small conversions


def _text(b: Optional[bytes]) -> str:
    """A C string the library always fills (labels, names, reasons) as str."""
    return _str(b) or ""


def _code(number: int) -> str:
    """The code of a region number the library gave (never 0 in a result row)."""
    return REGIONS.code(number) or ""


def _rname(code: str) -> str:
    return REGIONS.name(code) or ""


def _day(d: Any) -> Date:
    """A date the library always sets (period starts, curve points)."""
    out = Date._from_c(d)
    if out is None:
        raise _errors.LibraryError("libbreach returned an unset date where one is promised")
    return out


# ------------------------------------------------------------------ filters

FILTER_KEYS = ("date_field", "start", "end", "region", "vendor", "entity", "types",
               "categories", "include_superseded", "include_duplicates",
               "unit", "where")


def _where(where: Any) -> List[str]:
    """filter.where criteria from ``where``: a "field=value" / "field!=value" string, a list
    of them, or a dict {field: value or list of values} (each value "=" unless it starts
    with "!="). Criteria on one field: any of its "=" values and none of its "!=" ones;
    different fields: all hold."""
    if where is None:
        return []
    if isinstance(where, str):
        return [where]
    if isinstance(where, dict):
        out: List[str] = []
        for k, v in where.items():
            for x in ([v] if isinstance(v, str) else list(v)):
                out.append(k + x if x.startswith("!=") else "%s=%s" % (k, x))
        return out
    return [str(x) for x in where]


def _unit_bits(unit: Union[None, str, Iterable[str]]) -> int:
    """filter.units from a unit name ('individuals', 'accounts', 'records'), several, or
    None (any)."""
    if unit is None:
        return 0
    names = (unit,) if isinstance(unit, str) else tuple(unit)
    bits = 0
    for n in names:
        bits |= 1 << UNITS.number(n)
    return bits


def _link_options(window_days: int, date_field: str) -> Any:
    """breach_link_options for links() and format_overlap(), checked."""
    o = _lib.LinkOptions()
    lib().breach_link_options_init(o)
    o.window_days = _stats.uint_arg(window_days, "window_days", 0, (1 << 31) - 1)
    o.date_field = _date_field(date_field)
    return o


def _format_overlap(c: Any) -> FormatOverlap:
    """A FormatOverlap of a C breach_format_overlap (format_overlap(), a time series')."""
    def per(a: Any) -> Dict[str, int]:
        return {UNITS.names[k]: int(a[k]) for k in range(len(UNITS.names))}
    return FormatOverlap(DATE_FIELDS[c.date_field], c.window_days, c.n_formats,
                         c.n_organisations, c.n_notices, per(c.twice), per(c.twice_residents),
                         per(c.n_twice), per(c.n_twice_residents), c.n_paired_notices,
                         c.n_paired_organisations, c.notices_twice, per(c.n_figures_twice))


def _units_set(bits: int) -> FrozenSet[str]:
    """The unit names of bits (1 << unit)."""
    return frozenset(UNITS.names[k] for k in range(len(UNITS.names)) if bits >> k & 1)


def _by_unit(totals: Any, bits: int) -> Dict[str, Optional[Total]]:
    """{unit name: Total} from a C array of per-unit totals; None for a unit no selected
    notice is in (bits: the result's units), which is "not counted", never 0."""
    return {UNITS.names[k]: Total._from_c(totals[k]) if bits >> k & 1 else None
            for k in range(len(UNITS.names))}


def _date_field(name: Optional[str]) -> int:
    if name is None:
        return 0
    try:
        return DATE_FIELDS.index(name)
    except ValueError:
        raise _errors.InvalidArgumentError(
            "date_field must be one of %s, not %r" % (", ".join(DATE_FIELDS), name),
            _errors.EINVAL) from None


def make_filter(kwargs: Dict[str, Any], keep: List[Any],
                what: str = "this statistic") -> Any:
    """A breach_filter from keyword arguments (see FILTER_KEYS); None when none are given.
    ``keep`` receives the buffers that must outlive the call."""
    unknown = [k for k in kwargs if k not in FILTER_KEYS]
    if unknown:
        raise TypeError("%s got unexpected keyword argument(s) %s; filters are %s"
                        % (what, ", ".join(unknown), ", ".join(FILTER_KEYS)))
    if not kwargs:
        return None
    f = _lib.Filter()
    lib().breach_filter_init(f)
    f.date_field = _date_field(kwargs.get("date_field"))
    start, end = Date.of(kwargs.get("start")), Date.of(kwargs.get("end"))
    if start is not None:
        f.from_ = start._to_c()
    if end is not None:
        f.to = end._to_c()
    f.region = REGIONS.number(kwargs.get("region"))
    for name in ("vendor", "entity"):
        v = kwargs.get(name)
        if v is not None:
            b = v.encode("utf-8") if isinstance(v, str) else bytes(v)
            keep.append(b)
            setattr(f, name, b)
    f.types = TYPES.to_set(kwargs.get("types"))
    f.categories = CATEGORIES.to_set(kwargs.get("categories"))
    f.include_superseded = bool(kwargs.get("include_superseded", False))
    f.include_duplicates = bool(kwargs.get("include_duplicates", False))
    f.units = _unit_bits(kwargs.get("unit"))
    crit = _where(kwargs.get("where"))
    if crit:
        if len(crit) > _lib.WHERE_MAX:
            raise _errors.InvalidArgumentError(
                "where has %d criteria (at most %d)" % (len(crit), _lib.WHERE_MAX),
                _errors.EINVAL)
        arr = (ctypes.c_char_p * len(crit))(*[_bytes_arg(c) for c in crit])
        keep.append(arr)
        f.where = ctypes.cast(arr, ctypes.POINTER(ctypes.c_char_p))
        f.n_where = len(crit)
    return f


def _bytes_arg(text: Union[str, bytes]) -> bytes:
    return text.encode("utf-8") if isinstance(text, str) else bytes(text)


# breach_member_role
_MEMBER_ROLES = ("counted", "possible_double", "other_unit")


def _on_date_field(filter: Dict[str, Any], date_field: str) -> Dict[str, Any]:
    """Filters whose start/end look at a statistic's own date field unless the caller names
    another one (as repeats() does)."""
    if filter and "date_field" not in filter:
        return dict(filter, date_field=date_field)
    return filter


def _counts(c: Any) -> Counts:
    """A Counts from a breach_counts (labels copied: they are borrowed from the dataset)."""
    def row(k: int) -> CountRow:
        r = c.rows[k]
        # a type, category or location no selected notice's source can state (HHS has no
        # ransomware, VERIS no SSN): not recorded, never 0
        rec = not (c.dimension <= _stats.DIMENSIONS.index("location") and not r.unknown
                   and r.level >= 0 and not (c.levels_recorded >> r.level) & 1)
        n = c.row_n[k] if c.row_n and rec and not r.unknown else None
        # the library leaves a not-recorded row's totals at 0 (nothing added): unknown here,
        # as in breachstat's JSON (null), never "0 people, bounds 0 .. 0"
        by_unit = (_by_unit(r.by_unit, c.units) if rec
                   else {u: None for u in UNITS.names})
        return CountRow(_text(r.label), bool(r.unknown), r.count if rec else None,
                        Total._from_c(r.affected) if rec else None, r.proportion, r.lo, r.hi,
                        by_unit, n, rec)

    rows = tuple(row(k) for k in range(c.n_rows))
    cols = tuple(CountCol(_text(q.label), bool(q.unknown), q.n_incidents, q.n,
                          _stats.COUNTS_STATUS[q.status])
                 for q in (c.cols[k] for k in range(c.n_cols)))
    cells = {}
    for r in range(c.n_rows if c.n_cols else 0):
        for k in range(c.n_cols):
            x = c.cells[r * c.n_cols + k]
            # the cell's denominator (row_n's, within the column); 0 while the column has
            # an n: none of its notices' sources can state the level, not recorded
            n = c.cell_n[r * c.n_cols + k] if c.cell_n and not rows[r].unknown else None
            rec = rows[r].recorded and (n != 0 or cols[k].n == 0)
            cells[(rows[r].label, cols[k].label)] = CountCell(
                x.count if rec else None, x.proportion, x.lo, x.hi, n if rec else None, rec)
    t = c.independence
    return Counts(_stats.DIMENSIONS[c.dimension], _stats.CI_METHODS[c.ci_method], c.level,
                  _stats.COUNTS_STATUS[c.status], bool(c.multi_valued), c.n_incidents,
                  c.n_unknown, c.n, rows, UNITS.names[c.unit], _units_set(c.units),
                  c.n_other_units, c.n_not_stated,
                  _stats.DIMENSIONS[c.by - 1] if c.by else None, cols, cells,
                  _stats.INDEPENDENCE_STATUS[c.independence_status],
                  ChisqTest(t.statistic, t.df, t.p_value, t.min_expected) if c.by else None,
                  c.n_cells_tested, c.n_cells_expected_below_5, bool(c.expected_warning),
                  c.n_not_stated_by)


def _sizes_copy(c: Any, quantiles: Dict[float, float]) -> Sizes:
    fl = _stats.floats
    return Sizes(c.n_incidents, c.n_unknown, c.n_zero, c.n_estimated, _units_set(c.units),
                 fl(c.values, c.n), fl(c.at_least, c.n_at_least), fl(c.at_most, c.n_at_most),
                 c.min, c.q1, c.median, c.q3, c.p90, c.p99, c.max, c.mean, c.geomean, c.geosd,
                 fl(c.ccdf_x, c.n_ccdf), fl(c.ccdf_p, c.n_ccdf), quantiles,
                 UNITS.names[c.unit], c.n_other_units, c.n_placeholders, c.n_floored,
                 c.floor)


def _powerlaw(c: Any) -> Powerlaw:
    return Powerlaw(c.xmin, c.alpha, c.alpha_se, c.ks, c.p_value, c.n, c.n_tail,
                    c.n_censored_excluded, c.replicates, c.seed, c.loglik, c.replicates_far)


# ------------------------------------------------------------------ loading

# Loaders by format name: the C function reading a file and the one reading a buffer, both
# with the canonical CSV's signature (ds, source, options, report, err). Add a row when a
# loader lands in the C library (and its rows, optional=True, in _lib.FUNCTIONS). A name
# not listed here still reaches breach_load() when the library has it, so formats that
# the C library learns work from Python before this table knows them.
LOADERS = {
    "canonical": ("breach_csv_read_file", "breach_csv_read_buffer"),
    "hhs": ("breach_hhs_read_file", "breach_hhs_read_buffer"),
    "wa": ("breach_wa_read_file", "breach_wa_read_buffer"),
    "veris": ("breach_veris_read_file", "breach_veris_read_buffer"),
    "hibp": ("breach_hibp_read_file", "breach_hibp_read_buffer"),
}
ALIASES = {"csv": "canonical", "vcdb": "veris"}
# Formats that the design promises and no row of LOADERS handles yet (none today).
PLANNED = ()


def formats() -> Tuple[str, ...]:
    """The format names that the loaded library can read from files."""
    L = lib()
    return tuple(sorted(n for n, (f, _) in LOADERS.items() if L.has(f)))


def _format_name(fmt: Optional[str]) -> Optional[str]:
    if fmt is None:
        return None
    if not isinstance(fmt, str):
        raise TypeError("format must be a str or None, not %s" % type(fmt).__name__)
    name = fmt.strip().lower()
    return ALIASES.get(name, name)


def _unavailable(fmt: Optional[str], why: str) -> _errors.BreachError:
    return _errors.InvalidArgumentError(
        "format %r %s (available: %s)" % (fmt, why, ", ".join(formats())), _errors.EINVAL)


def _reader(fmt: Optional[str], which: int) -> Callable[..., Any]:
    """The C reader for a format name (which: 0 = file, 1 = buffer), as a function of
    (ds, source, options, report, err); raises a clear error when there is none."""
    L = lib()
    name = _format_name(fmt)
    if name in LOADERS:
        cname = LOADERS[name][which]
        if L.has(cname):
            fn = getattr(L, cname)
            if which == 0:
                return fn  # type: ignore[no-any-return]
            return lambda ds, data, opt, rp, err: fn(ds, data, len(data), opt, rp, err)
        raise _unavailable(fmt, "is not available yet: the libbreach at %s has no %s"
                           % (L.path, cname))
    if name in ("auto", "mapped"):
        raise _errors.InvalidArgumentError(
            "format %r is not a format to read with (auto: pass format=None; mapped: pass "
            "mapping=)" % fmt, _errors.EINVAL)
    if which == 0 and L.has("breach_load"):
        b = (name or "").encode("utf-8")
        return lambda ds, path, opt, rp, err: L.breach_load(ds, path, b, opt, rp, err)
    if name in PLANNED:
        raise _unavailable(fmt, "is not available yet: libbreach has no loader for it so far")
    raise _unavailable(fmt, "is unknown")


def _detect(which: int, src: bytes, source_name: Optional[bytes]) -> str:
    """The format of a file or buffer as libbreach tells it; "canonical" when the library
    cannot tell formats apart (no breach_format_detect_* yet)."""
    L = lib()
    if which == 0:
        if not L.has("breach_format_detect_file"):
            return "canonical"
        return str(L.breach_format_detect_file(src, Error()).decode("ascii"))
    if not L.has("breach_format_detect_buffer"):
        return "canonical"
    return str(L.breach_format_detect_buffer(src, len(src), source_name, Error()).decode(
        "ascii"))


class Mapping:
    """A column mapping for reading an arbitrary CSV (keys in doc/mapping.md): build it
    from a dict (``Mapping({"entity": "Name", "reported": "Date"})``) or from mapping text
    (``Mapping.parse(text)``, ``Mapping.read(path)``), then ``load(path, mapping=m)``.
    Needs a libbreach with the mapped-CSV loader."""

    def __init__(self, items: Union[None, Dict[str, Any], Iterable[Tuple[str, Any]]] = None,
                 _ptr: Any = None) -> None:
        L = lib()
        self._ptr = _ptr if _ptr is not None else L.breach_mapping_new(Error())
        self._finalizer = weakref.finalize(self, L.breach_mapping_free, self._ptr)
        pairs: Any = items.items() if isinstance(items, dict) else items or ()
        for key, value in pairs:
            self.set(key, value)

    @classmethod
    def parse(cls, text: Union[str, bytes], source_name: Optional[str] = None) -> "Mapping":
        b = text.encode("utf-8") if isinstance(text, str) else bytes(text)
        sn = None if source_name is None else os.fsencode(source_name)
        return cls(_ptr=lib().breach_mapping_parse(b, len(b), sn, Error()))

    @classmethod
    def read(cls, path: PathArg) -> "Mapping":
        return cls(_ptr=lib().breach_mapping_read_file(os.fsencode(path), Error()))

    def set(self, key: str, value: Any) -> None:
        """Sets one key; InvalidArgumentError (or the vocabulary's error) when the key or
        value is refused, the mapping unchanged."""
        lib().breach_mapping_set(self._handle(), key.encode("utf-8"), str(value).encode("utf-8"),
                                 Error())

    def _handle(self) -> Any:
        if self._ptr is None:
            raise ValueError("operation on a closed Mapping")
        return self._ptr

    def close(self) -> None:
        self._finalizer()
        self._ptr = None

    def __enter__(self) -> "Mapping":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def _mapping_arg(mapping: Union[None, "Mapping", PathArg]) -> Optional["Mapping"]:
    """A Mapping from mapping=: a Mapping, None, or the path of a mapping file."""
    if mapping is None or isinstance(mapping, Mapping):
        return mapping
    if isinstance(mapping, (str, bytes, os.PathLike)):
        return Mapping.read(mapping)
    raise TypeError("mapping must be a breach.Mapping or the path of a mapping file, not %s"
                    % type(mapping).__name__)


def _report_copy(rp: Any, fmt: Optional[str] = None) -> LoadReport:
    """Copies a C load report into a LoadReport."""
    L = lib()
    issue = _lib.Issue()

    def items(n: int, get: Any, source: Any) -> Tuple[Issue, ...]:
        out = []
        for i in range(n):
            get(rp, i, issue)
            # a problem with the whole row (column 0 in C) is at its first column, as
            # breachstat prints it: the same place in both
            out.append(Issue(_str(source(rp, i)), issue.line, issue.column or 1, issue.row,
                             issue.code, _text(issue.text)))
        return tuple(out)

    return LoadReport(
        L.breach_report_rows_read(rp), L.breach_report_rows_loaded(rp),
        L.breach_report_rows_rejected(rp),
        items(L.breach_report_n_rejects(rp), L.breach_report_reject,
              L.breach_report_reject_source),
        items(L.breach_report_n_warnings(rp), L.breach_report_warning,
              L.breach_report_warning_source), fmt)


def _run_load(ds: "Dataset", call: Callable[..., Any], lenient: bool,
              source_name: Union[None, str, bytes], keep: List[Any],
              fmt: Optional[str], threads: int = 0) -> LoadReport:
    """Runs one loader call with a fresh report; returns the LoadReport, and on failure
    raises the error with ``report`` attached."""
    L = lib()
    opt = _lib.LoadOptions()
    L.breach_load_options_init(opt)
    opt.lenient = bool(lenient)
    # a whole number: 1.5 was truncated to 1 silently, "2" raised a bare TypeError
    try:
        n_threads = operator.index(threads) if not isinstance(threads, bool) else -1
    except TypeError:
        n_threads = -1
    if n_threads < 0:
        raise _errors.InvalidArgumentError(
            "threads must be a whole number, 0 (the library's setting) or more, not %r"
            % (threads,), _errors.EINVAL)
    opt.threads = n_threads
    if source_name is not None:
        b = os.fsencode(source_name)
        keep.append(b)
        opt.source_name = b
    rp = L.breach_report_new()
    try:
        try:
            call(ds._handle(), opt, rp, Error())
        except _errors.BreachError as e:
            e.report = _report_copy(rp, fmt)
            raise
        report = _report_copy(rp, fmt)
    finally:
        L.breach_report_free(rp)
    ds.report = ds.report.merged(report)
    return report


# ------------------------------------------------------------------ the dataset



def _observation(c: Any) -> Tuple[Optional[Date], Optional[Date], int, Optional[int],
                                  Optional[int], bool, bool]:
    """The reporting-lag fields that breach_region_shares and breach_percapita share (a lag
    of -1, unknown, is None as in TimeSeries)."""
    return (Date._from_c(c.reported_first), Date._from_c(c.reported_last), c.n_delays,
            c.lag_days if c.lag_days >= 0 else None,
            c.lag_median if c.lag_median >= 0 else None,
            bool(c.truncated_start), bool(c.truncated_end))

class Dataset:
    """A collection of incidents held by libbreach.

    ``Dataset()`` is empty; ``Dataset(incidents)`` adds each one. ``len``, iteration and
    indexing (negative indices and slices too) give Incident values. Statistics take
    filters as keyword arguments (see FILTER_KEYS). The C memory is freed by ``close()``,
    at the end of a ``with`` block, or when the object is garbage-collected.

    Threads: separate datasets can be used from any threads. One dataset can be read
    (statistics, indexing, writers) from several threads at once, but nothing may load
    into it (read, read_string, add, extend, append, add_attr) while others use it: such a
    call raises RuntimeError when a call on the dataset runs in another thread (or, in
    this thread, a call it is made from: a progress callback), and a call made while one
    of them runs in another thread raises RuntimeError too; neither waits (the C code would
    free or move memory under the other call). ``d.append(other)`` is a call on ``other``
    too, which it reads. ``close()`` waits for the calls running in other threads to
    return, refuses new ones (ValueError), and raises RuntimeError when called from inside
    a call on the same dataset.
    """

    def __init__(self, incidents: Optional[Iterable[Union[Incident, Dict[str, Any]]]] = None
                 ) -> None:
        self._cv = threading.Condition()
        self._busy: Dict[int, int] = {}  # thread id -> calls in progress on this dataset
        # the thread running a call that changes the dataset (_MUTATING), and how many such
        # calls it has in progress (extend() calls add())
        self._writer: Optional[int] = None
        self._writes = 0
        self._closing = False
        self._ptr = lib().breach_dataset_new(Error())
        self._finalizer = weakref.finalize(self, lib().breach_dataset_free, self._ptr)
        # every load into this dataset, added up (LoadReport.merged); read() returns each
        # load's own. Never None (a LoadReport type-checks as one, as the README uses it):
        # before any load it is empty, loads == 0
        self.report: LoadReport = LoadReport._empty()
        # for a selection (select()): the parent's indices of the incidents, in order
        self.source_indices: Optional[Tuple[int, ...]] = None
        if incidents is not None:
            self.extend(incidents)

    # -------------------------------------------------------------- lifetime
    def close(self) -> None:
        """Frees the C dataset now, once the calls running in other threads have returned;
        using the dataset afterwards raises ValueError. RuntimeError from inside a call on
        this dataset (the C code would lose its dataset under it)."""
        with self._cv:
            if self._ptr is None or self._closing:
                return
            if self._busy.get(threading.get_ident()):
                raise RuntimeError("Dataset.close() from inside a call on the same dataset")
            self._closing = True
            self._cv.wait_for(lambda: not self._busy)
            self._finalizer()
            self._ptr = None

    def _enter(self, name: str = "", mutates: bool = False, argument: bool = False) -> None:
        """Counts a call of ``name`` in progress on this dataset, or raises (ValueError when
        closed, RuntimeError for an overlap the C code cannot take). ``argument``: the
        dataset is not the call's own but its argument, which it reads (``d.append(this)``),
        so that close() waits for that call and a load into this dataset refuses it."""
        me = threading.get_ident()
        what = _shown(name)
        with self._cv:
            if self._ptr is None or self._closing:
                raise ValueError("%s of a closed Dataset" % what if argument
                                 else "operation on a closed Dataset")
            if mutates:
                if any(t != me for t in self._busy):
                    raise RuntimeError(
                        "%s while another thread uses the same dataset: nothing may "
                        "load into a dataset while other threads read it (wait for them, or "
                        "load into a dataset of its own and append it)" % what)
                if self._busy.get(me) and self._writer != me:
                    raise RuntimeError("%s from inside a call on the same dataset "
                                       "(a callback): the running call reads it" % what)
                self._writer = me
                self._writes += 1
            elif self._writer is not None and self._writer != me:
                raise RuntimeError(
                    "%s while another thread loads into %s: wait for the load to return"
                    % (what, "the dataset passed to it" if argument else "the same dataset"))
            self._busy[me] = self._busy.get(me, 0) + 1

    def _leave(self, mutates: bool = False) -> None:
        me = threading.get_ident()
        with self._cv:
            if mutates:
                self._writes -= 1
                if not self._writes:
                    self._writer = None
            n = self._busy[me] - 1
            if n:
                self._busy[me] = n
            else:
                del self._busy[me]
                if not self._busy:
                    self._cv.notify_all()

    @property
    def closed(self) -> bool:
        return self._ptr is None

    def __enter__(self) -> "Dataset":
        if self._ptr is None:
            raise ValueError("operation on a closed Dataset")
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def _handle(self) -> Any:
        """The C dataset, for a method that runs inside _in_use: a helper, not guarded
        itself (its caller's guard keeps the dataset open and counts the call)."""
        if self._ptr is None:
            raise ValueError("operation on a closed Dataset")
        return self._ptr

    # -------------------------------------------------------------- sequence
    def __len__(self) -> int:
        return int(lib().breach_dataset_size(self._handle()))

    def _get(self, i: int, view: Any) -> Incident:
        lib().breach_dataset_get(self._ptr, i, view, Error())
        return Incident._from_c(view, i)

    def _next(self, i: int, view: Any) -> Optional[Incident]:
        """Incident ``i``, or None past the end: one step of __iter__ (a generator, which
        _in_use cannot hold across its yields), size and incident read in one guarded call."""
        if i >= int(lib().breach_dataset_size(self._ptr)):
            return None
        return self._get(i, view)

    def __getitem__(self, index: Union[int, slice]) -> Any:
        n = len(self)
        view = _lib.Incident()
        if isinstance(index, slice):
            return [self._get(i, view) for i in range(*index.indices(n))]
        try:
            i = index.__index__()
        except AttributeError:
            raise TypeError("Dataset indices must be integers or slices, not %s"
                            % type(index).__name__) from None
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("incident index %d out of range (the dataset has %d)" % (index, n))
        return self._get(i, view)

    def __iter__(self) -> Iterator[Incident]:
        view = _lib.Incident()
        i = 0
        while True:  # _next re-reads the size: the dataset may grow while iterating
            inc = self._next(i, view)
            if inc is None:
                return
            yield inc
            i += 1

    def __repr__(self) -> str:
        if self._ptr is None:
            return "<breach.Dataset closed>"
        try:
            return self._describe()
        except ValueError:  # closed by another thread meanwhile
            return "<breach.Dataset closed>"

    def _describe(self) -> str:
        n = len(self)
        k = self._n_inputs()
        return "<breach.Dataset of %d incident%s from %d input%s>" % (
            n, "" if n == 1 else "s", k, "" if k == 1 else "s")

    def _index(self, index: Union[int, str, Incident]) -> int:
        """A dataset index from an int (negative allowed) or an incident id."""
        n = len(self)
        if isinstance(index, Incident):
            key = index.index if index.index is not None else index.id
            if key is None:
                raise _errors.NotFoundError("the incident has no index and no id",
                                            _errors.ENOTFOUND)
            index = key
        if isinstance(index, str):
            found = self.find(index)
            if found is None:
                raise _errors.NotFoundError("no incident has id %r" % index, _errors.ENOTFOUND)
            return found
        i = index.__index__()
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("incident index %d out of range (the dataset has %d)" % (index, n))
        return i

    def find(self, id: str) -> Optional[int]:
        """The index of the first incident with this id, or None."""
        view = _lib.Incident()
        b = id.encode("utf-8")
        get = lib().breach_dataset_get
        for i in range(len(self)):
            get(self._ptr, i, view, Error())
            if view.id == b:
                return i
        return None

    # -------------------------------------------------------------- building
    def add(self, incident: Union[None, Incident, Dict[str, Any]] = None, **fields: Any) -> int:
        """Adds an Incident (or one built from keyword arguments); returns its index. The
        library checks it first (BreachError subclasses: InvalidArgumentError,
        InconsistentError, EncodingError) and leaves the dataset unchanged on refusal."""
        if incident is None:
            incident = Incident(**fields)
        elif fields:
            raise TypeError("add() takes an Incident or keyword arguments, not both")
        elif not isinstance(incident, Incident):
            incident = Incident(**incident)
        keep: List[Any] = []
        view = incident._to_c(keep)
        return int(lib().breach_dataset_add(self._handle(), view, Error()))

    def extend(self, incidents: Iterable[Union[Incident, Dict[str, Any]]]) -> None:
        """Adds each incident (Incident values or dicts of fields)."""
        for inc in incidents:
            self.add(inc)

    def append(self, other: "Dataset") -> None:
        """Appends copies of all incidents of another Dataset (merging sources), with their
        attributes and inputs: each input of ``other`` becomes one of this dataset, with
        what its source can state, its floor, its list and the days that list covers
        (breach_dataset_append). Identity is not run between the two datasets' inputs.
        ``other`` counts as in use until the copy returns: close() on it in another thread
        waits, and a load into it there raises RuntimeError. InvalidArgumentError for the
        dataset itself."""
        if not isinstance(other, Dataset):
            raise TypeError("append() takes a breach.Dataset, not %s" % type(other).__name__)
        if other is self:
            raise _errors.InvalidArgumentError(
                "Dataset.append() needs two different datasets: a dataset cannot be "
                "appended to itself", _errors.EINVAL)
        other._enter("append", argument=True)
        try:
            lib().breach_dataset_append(self._handle(), other._ptr, Error())
        finally:
            other._leave()

    def read(self, path: Source, format: Optional[str] = None, lenient: bool = False,
             source_name: Union[None, str, bytes] = None,
             mapping: Union[None, "Mapping", PathArg] = None, threads: int = 0) -> LoadReport:
        """Loads a file into this dataset (format, mapping and threads as in load());
        returns this load's LoadReport (``.report`` adds up every load). ``path``: a path
        (str, bytes, os.PathLike) or a file object open for reading, in binary or text mode
        (its ``name``, if any, is the source name)."""
        mapping = _mapping_arg(mapping)
        if hasattr(path, "read"):
            if source_name is None:
                name = getattr(path, "name", None)
                source_name = name if isinstance(name, (str, bytes)) else "<stream>"
            return self.read_string(path.read(), format=format, lenient=lenient,
                                    source_name=source_name, mapping=mapping, threads=threads)
        p = os.fsencode(path)
        if mapping is not None:
            if _format_name(format) not in (None, "mapped"):
                raise _errors.InvalidArgumentError(
                    "a mapping reads a mapped CSV, not format %r" % format, _errors.EINVAL)
            mp = mapping._handle()
            fn = lib().breach_mapped_read_file
            return _run_load(self, lambda ds, opt, rp, err: fn(ds, p, mp, opt, rp, err),
                             lenient, source_name, [mapping], "mapped", threads)
        name = _format_name(format)
        if name is None:
            name = _detect(0, p, None)
        fn = _reader(name, 0)
        return _run_load(self, lambda ds, opt, rp, err: fn(ds, p, opt, rp, err), lenient,
                         source_name, [], name, threads)

    def read_string(self, data: Union[str, bytes], format: Optional[str] = None,
                    lenient: bool = False, source_name: Union[None, str, bytes] = "<string>",
                    mapping: Union[None, "Mapping", PathArg] = None,
                    threads: int = 0) -> LoadReport:
        """Loads text (str or bytes) into this dataset; returns this load's LoadReport."""
        mapping = _mapping_arg(mapping)
        b = data.encode("utf-8") if isinstance(data, str) else bytes(data)
        if mapping is not None:
            mp = mapping._handle()
            fn = lib().breach_mapped_read_buffer
            return _run_load(self, lambda ds, opt, rp, err: fn(ds, b, len(b), mp, opt, rp, err),
                             lenient, source_name, [b, mapping], "mapped", threads)
        name = _format_name(format)
        if name is None:
            sn = None if source_name is None else os.fsencode(source_name)
            name = _detect(1, b, sn)
        fn = _reader(name, 1)
        return _run_load(self, lambda ds, opt, rp, err: fn(ds, b, opt, rp, err), lenient,
                         source_name, [b], name, threads)

    def write_csv(self, path: PathArg, **filter: Any) -> None:
        """Writes the canonical CSV. Without filters every incident is written, superseded
        revisions included (a lossless copy of the incidents); with filters only the
        selected ones. What the sources are is not written (doc/canonical-csv.md): read
        back, the file is one source that states every category (VERIS's "not recorded"
        address reads as 0 %), has no listing floor and covers only its own dates; select()
        keeps them."""
        keep: List[Any] = []
        f = make_filter(filter, keep, "write_csv()")
        lib().breach_csv_write_file(self._handle(), f, os.fsencode(path), Error())

    def write_json(self, path: PathArg, **filter: Any) -> None:
        """Writes a JSON array, one incident object per line (doc/json.md); incidents
        selected as for write_csv(). Needs a libbreach with the JSON writer."""
        keep: List[Any] = []
        f = make_filter(filter, keep, "write_json()")
        lib().breach_json_write_file(self._handle(), f, os.fsencode(path), Error())

    # -------------------------------------------------------------- selection
    def select(self, **filter: Any) -> "Dataset":
        """The incidents that the filter selects, as a new Dataset that every statistic
        takes (superseded revisions and overlapped duplicates left out unless
        include_superseded / include_duplicates, as in every statistic).

        Design: a selection is a copy, not a filter bound to this dataset: the library
        copies the selected incidents (breach_dataset_append_selected, no Python objects in
        between), so the selection is independent of this dataset (close either; later
        loads into this one do not show in it) and a statistic on it needs no filter
        merging. The copy keeps what its sources are: their enumerated attributes, and the
        inputs the incidents came from (inputs(): one per contributing input, with its
        rows as loaded), so that what a source cannot state stays "not recorded", the HHS
        listing floor stays and time series cover what the sources' lists cover, not just
        the selected notices. ``source_indices`` maps its incidents to this dataset's
        indices; it has no report of its own. indices() gives the indices alone."""
        idx = self.indices(**filter)
        keep: List[Any] = []
        f = make_filter(filter, keep, "select()")
        out = Dataset()
        try:
            lib().breach_dataset_append_selected(out._ptr, self._handle(), f, Error())
        except BaseException:
            out.close()
            raise
        out.source_indices = tuple(idx)
        return out

    def indices(self, **filter: Any) -> List[int]:
        """Indices of the incidents that the filter selects (superseded revisions left out
        unless include_superseded=True), in dataset order."""
        keep: List[Any] = []
        f = make_filter(filter, keep, "indices()")
        n = ctypes.c_size_t()
        L = lib()
        p = L.breach_dataset_select(self._handle(), f, n, Error())
        if not p:
            return []
        try:
            return list(p[:n.value])
        finally:
            L.breach_free(p)

    def incidents(self, **filter: Any) -> List[Incident]:
        """The incidents that the filter selects, as a list."""
        view = _lib.Incident()
        return [self._get(i, view) for i in self.indices(**filter)]

    # -------------------------------------------------------------- enumerated attributes
    def add_attr(self, index: int, field: str, value: str) -> None:
        """Adds value ``value`` of enumerated attribute ``field`` to incident ``index``,
        which must be the last one added."""
        i = self._index(index)
        lib().breach_dataset_add_attr(self._handle(), i, _bytes_arg(field), _bytes_arg(value),
                                      Error())

    def attrs(self, index: int) -> Dict[str, List[str]]:
        """Incident ``index``'s enumerated attributes: {field: [values]} in field order."""
        i = self._index(index)
        L, h = lib(), self._handle()
        n = L.breach_dataset_attrs(h, i, None, 0, Error())
        arr = (_lib.Attr * max(n, 1))()
        n = L.breach_dataset_attrs(h, i, arr, n, Error())
        out: Dict[str, List[str]] = {}
        for a in arr[:n]:
            out.setdefault(_text(a.field_name), []).append(_text(a.text))
        return out

    def field_names(self) -> List[str]:
        """The enumerated attributes any incident carries, in the order first met."""
        L, h = lib(), self._handle()
        info = _lib.FieldInfo()
        out = []
        for k in range(L.breach_dataset_n_fields(h)):
            L.breach_dataset_field(h, k, info, Error())
            out.append(_text(info.name))
        return out

    def fields(self, name: Optional[str] = None, **filter: Any) -> Any:
        """Enumerated attributes and their values with counts over the selection (see
        Field), as ``breachstat fields`` lists them: a list of Field, or one Field when
        ``name`` is given (KeyError when no incident carries it)."""
        L, h = lib(), self._handle()
        keep: List[Any] = []
        f = make_filter(filter, keep, "fields()")
        if name is not None:
            k = L.breach_dataset_field_find(h, _bytes_arg(name))
            if k < 0:
                raise KeyError(name)
            numbers: Sequence[int] = [k]
        else:
            numbers = range(L.breach_dataset_n_fields(h))
        info, v = _lib.FieldInfo(), _lib.ValueInfo()
        out = []
        for k in numbers:
            L.breach_dataset_field(h, k, info, Error())
            counts = (ctypes.c_uint64 * max(info.n_values, 1))()
            with_, sel = ctypes.c_uint64(), ctypes.c_uint64()
            L.breach_dataset_field_counts(h, f, k, counts, ctypes.byref(with_),
                                          ctypes.byref(sel), Error())
            values: List[Tuple[str, int]] = []
            unknown: Set[str] = set()
            for j in range(info.n_values):
                L.breach_dataset_field_value(h, k, j, v, Error())
                text = _text(v.value)
                if v.unknown:
                    unknown.add(text)
                if counts[j]:
                    values.append((text, counts[j]))
            values.sort(key=lambda t: (-t[1], t[0]))
            out.append(_results_Field(_text(info.name), with_.value, sel.value, dict(values),
                                      frozenset(unknown)))
        return out[0] if name is not None else out

    def flagged(self, **filter: Any) -> Tuple[int, List[Tuple[str, str, str, int]]]:
        """Selected notices that a source flags as not ordinary or not sampled at random
        (HIBP fabricated, spam lists, retired; VCDB sub-sources): (notices with any flag,
        [(field, value, meaning, n), ...] for the flags with n > 0). Leave one out with
        ``where="FIELD!=VALUE"``."""
        L, h = lib(), self._handle()
        keep: List[Any] = []
        f = make_filter(filter, keep, "flagged()")
        arr = (_lib.FlagCount * 8)()
        any_ = ctypes.c_uint64()
        n = L.breach_dataset_flagged(h, f, arr, 8, ctypes.byref(any_), Error())
        return any_.value, [(_text(r.field), _text(r.value), _text(r.meaning), int(r.n))
                            for r in arr[:n]]

    def superseded(self, **filter: Any) -> List[int]:
        """Indices of the notices replaced by a later revision (same organisation, same
        vendor), among those that pass the filter."""
        keep: List[Any] = []
        f = make_filter(filter, keep, "superseded()")
        n = len(self)
        arr = (ctypes.c_bool * max(n, 1))()
        lib().breach_dataset_superseded(self._handle(), f, arr, Error())
        return [i for i in range(n) if arr[i]]

    def coarse_dated(self, **filter: Any) -> int:
        """How many incidents the filter's date range (start, end) leaves out only because
        their date is coarser than it: the period the date covers (a year, a month)
        overlaps the range without lying inside it. 0 without a range."""
        keep: List[Any] = []
        f = make_filter(filter, keep, "coarse_dated()")
        return int(lib().breach_dataset_n_coarse_dated(self._handle(), f, Error()))

    # -------------------------------------------------------------- statistics
    # -------------------------------------------------------------- inputs
    def inputs(self) -> List[Input]:
        """The loads into this dataset, in order (see Input)."""
        L = lib()
        h = self._handle()
        out = []
        info = _lib.InputInfo()
        for i in range(L.breach_dataset_n_inputs(h)):
            L.breach_dataset_input(h, i, info, Error())
            known = bool(info.has_rows)
            as_of = Date._from_c(info.as_of)
            out.append(Input(_text(info.name), _text(info.format), info.size,
                             _str(info.sha256) or None, info.first, info.end, as_of,
                             info.n_dropped, info.rows_read if known else None,
                             info.rows_loaded if known else None,
                             info.rows_rejected if known else None,
                             info.n_warnings if known else None))
        return out

    def overlaps(self) -> List[Overlap]:
        """Notices listed by two inputs, per pair (see Overlap): the older input's are left
        out of every statistic unless ``include_duplicates=True``."""
        L = lib()
        h = self._handle()
        o = _lib.Overlap()
        out = []
        for i in range(L.breach_dataset_n_overlaps(h)):
            L.breach_dataset_overlap(h, i, o, Error())
            out.append(Overlap(o.dropped_input, o.kept_input, o.n))
        return out

    def duplicate_of(self, index: Union[int, str, Incident]) -> Optional[int]:
        """The index of the notice that stands for incident ``index`` when a newer input
        lists it too (it is then left out), else None."""
        i = self._index(index)
        r = lib().breach_dataset_duplicate_of(self._handle(), i)
        return None if r < 0 else r

    def origin(self, index: Union[int, str, Incident]) -> Tuple[Optional[int], Optional[int]]:
        """(input number, line) of incident ``index``; (None, None) for an incident added by
        hand."""
        i = self._index(index)
        line = ctypes.c_long(0)
        k = lib().breach_dataset_origin(self._handle(), i, ctypes.byref(line))
        return (None, None) if k < 0 else (k, line.value or None)

    def overview(self, **filter: Any) -> Overview:
        """What the selection holds (see Overview): the figures of ``breachstat summary``."""
        keep: List[Any] = []
        f = make_filter(filter, keep, "overview()")
        L = lib()
        r = L.breach_overview_compute(self._handle(), f, Error())
        try:
            c = r.contents
            units = [_text(L.breach_unit_name(u)) for u in range(3)]
            return Overview(c.n_incidents, c.n_selected, c.n_superseded, c.n_dropped,
                            c.n_organisations, c.n_vendors, c.n_with_breakdown,
                            Date._from_c(c.first_reported), Date._from_c(c.last_reported),
                            {units[u]: c.n_by_unit[u] for u in range(3) if c.n_by_unit[u]},
                            {units[u]: Total._from_c(c.by_unit[u]) for u in range(3)
                             if c.n_by_unit[u]}, bool(c.overflow), c.n_coarse_dated,
                            c.n_identical, {units[u]: c.identical_by_unit[u] for u in range(3)
                                            if c.n_by_unit[u]})
        finally:
            L.breach_overview_free(r)

    def vendors(self, **filter: Any) -> List[VendorRow]:
        """The vendors and campaigns the selected notices name (see VendorRow)."""
        keep: List[Any] = []
        f = make_filter(filter, keep, "vendors()")
        L = lib()
        r = L.breach_vendors_compute(self._handle(), f, Error())
        try:
            c = r.contents
            return [VendorRow(_text(c.rows[i].name), c.rows[i].n_notices,
                              c.rows[i].n_organisations) for i in range(c.n_rows)]
        finally:
            L.breach_vendors_free(r)

    def notice_shares(self, regions: Optional[Iterable[str]] = None,
                      **filter: Any) -> List[RegionShare]:
        """Each selected notice's share for each region of its breakdown (or for each of
        ``regions`` it gives a count for), as RegionShare values."""
        keep: List[Any] = []
        f = make_filter(filter, keep, "notice_shares()")
        L = lib()
        rs = [REGIONS.number(r) for r in (regions or ())]
        arr = (_lib.c_region * max(len(rs), 1))(*rs)
        r = L.breach_notice_shares_compute(self._handle(), f, arr, len(rs), Error())
        try:
            c = r.contents
            out = []
            view = _lib.Incident()
            for k in range(c.n_rows):
                row = c.rows[k]
                L.breach_dataset_get(self._ptr, row.index, view, Error())
                s = row.share
                code = _code(s.region)
                out.append(RegionShare(row.index, _str(view.id), _str(view.entity), code,
                                       _rname(code), Count._from_c(s.part),
                                       Count._from_c(s.whole), s.share, s.share_min,
                                       s.share_max))
            return out
        finally:
            L.breach_notice_shares_free(r)

    def region_share(self, index: Union[int, str, Incident], region: str) -> RegionShare:
        """One region's share of one incident (index: int, negative allowed, or an
        incident id). NotFoundError when the incident gives no count for the region."""
        i = self._index(index)
        out = _lib.Share()
        lib().breach_incident_region_share(self._handle(), i, REGIONS.number(region), out,
                                           Error())
        view = _lib.Incident()
        lib().breach_dataset_get(self._ptr, i, view, Error())
        code = _code(out.region)
        return RegionShare(i, _str(view.id), _str(view.entity), code, _rname(code),
                           Count._from_c(out.part), Count._from_c(out.whole), out.share,
                           out.share_min, out.share_max)

    def region_shares(self, **filter: Any) -> RegionShares:
        """Per-region totals over the selected incidents."""
        keep: List[Any] = []
        f = make_filter(filter, keep, "region_shares()")
        L = lib()
        r = L.breach_region_shares_compute(self._handle(), f, Error())
        try:
            c = r.contents
            rows = []
            for k in range(c.n_rows):
                row = c.rows[k]
                code = _code(row.region)
                rows.append(RegionRow(code, _rname(code), Total._from_c(row.total),
                                      row.n_incidents, row.share,
                                      _by_unit(row.by_unit, c.units)))
            return RegionShares(c.n_incidents, c.n_with_breakdown,
                                Total._from_c(c.all_regions),
                                Total._from_c(c.affected_with_breakdown), tuple(rows),
                                UNITS.names[c.unit], _units_set(c.units), c.n_other_units,
                                _by_unit(c.all_regions_by_unit, c.units), c.n_placed,
                                Total._from_c(c.placed_regions),
                                Total._from_c(c.placed_affected), c.placed_share,
                                c.n_breakdown_unknown, DATE_FIELDS[c.date_field],
                                Date._from_c(c.first), Date._from_c(c.last), c.n_undated,
                                Date._from_c(c.covered_first), Date._from_c(c.covered_last),
                                *_observation(c))
        finally:
            L.breach_region_shares_free(r)

    def supply_chain(self, vendor: str, **filter: Any) -> SupplyChain:
        """Totals for one vendor or campaign (compared by entity key). Revisions replace
        earlier notices of the same organisation whatever include_superseded says."""
        keep: List[Any] = []
        f = make_filter(filter, keep, "supply_chain()")
        L = lib()
        vb = vendor.encode("utf-8")
        r = L.breach_supply_chain_compute(self._handle(), vb, f, Error())
        try:
            c = r.contents
            view = _lib.Incident()
            members = []
            for k in range(c.n_members):
                m = c.members[k]
                L.breach_dataset_get(self._ptr, m.index, view, Error())
                members.append(SupplyMember(
                    m.index, _str(view.id), _str(m.entity), Count._from_c(m.affected),
                    Date._from_c(m.reported), _MEMBER_ROLES[m.role], m.n_revisions,
                    UNITS.names[m.unit]))
            curve = tuple(SupplyPoint(_day(p.date), p.organisations, p.lower, p.upper,
                                      bool(p.upper_unbounded), p.point)
                          for p in (c.curve[k] for k in range(c.n_points)))
            return SupplyChain(_text(c.vendor), c.n_notices, c.n_superseded, c.n_organisations,
                               c.n_possible_double, Total._from_c(c.individuals), c.n_undated,
                               tuple(members), curve, UNITS.names[c.unit],
                               _units_set(c.units), c.n_other_units,
                               _by_unit(c.by_unit, c.units))
        finally:
            L.breach_supply_chain_free(r)

    def repeats(self, date_field: str = "event", merge_within_days: int = 0,
                associate_window_days: int = 0, cross_source_window_days: int = 0,
                **filter: Any) -> Repeats:
        """Repeat-victim intervals: per organisation (entity key) the days between
        consecutive episodes, by ``date_field`` ('event', 'reported', 'occurred',
        'discovered'); incidents at most ``merge_within_days`` apart are one episode, and
        so are business-associate filings within ``associate_window_days`` of their
        episode's first one (0: the default, 60 days; -1: off; see
        BREACH_ASSOCIATE_WINDOW_DEFAULT in stats.h), and notices of inputs of two formats
        (an HHS filing and a state list's notice) reported within
        ``cross_source_window_days`` of each other (0: the default, 120 days; -1: off; see
        BREACH_CROSS_SOURCE_WINDOW_DEFAULT). A start/end filter looks at the same date
        field."""
        keep: List[Any] = []
        if filter:
            filter = dict(filter, date_field=filter.get("date_field", date_field))
        f = make_filter(filter, keep, "repeats()")
        opt = _lib.RepeatOptions()
        L = lib()
        L.breach_repeat_options_init(opt)
        opt.date_field = _date_field(date_field)
        if isinstance(merge_within_days, bool) or not isinstance(merge_within_days, int):
            raise TypeError("merge_within_days must be an int")
        if not 0 <= merge_within_days < 1 << 31:
            raise _errors.InvalidArgumentError(
                "merge_within_days must be between 0 and 2^31-1, not %d" % merge_within_days,
                _errors.EINVAL)
        opt.merge_within_days = merge_within_days
        opt.associate_window_days = _stats.uint_arg(associate_window_days,
                                                    "associate_window_days", -1, (1 << 31) - 1)
        opt.cross_source_window_days = _stats.uint_arg(
            cross_source_window_days, "cross_source_window_days", -1, (1 << 31) - 1)
        r = L.breach_repeats_compute(self._handle(), f, opt, Error())
        try:
            c = r.contents
            view = _lib.Incident()

            def info(i: int) -> Incident:
                L.breach_dataset_get(self._ptr, i, view, Error())
                inc = Incident._from_c(view, i)
                return inc

            by_field: Dict[str, Callable[[Incident], Any]] = {
                "event": lambda inc: inc.event_date, "reported": lambda inc: inc.reported,
                "occurred": lambda inc: inc.occurred_start,
                "discovered": lambda inc: inc.discovered}
            dates = by_field[date_field]
            intervals = []
            for k in range(c.n_intervals):
                iv = c.intervals[k]
                a, b = info(iv.first), info(iv.second)
                intervals.append(RepeatInterval(
                    _text(iv.entity_key), a.entity, iv.first, iv.second, a.id, b.id, dates(a),
                    dates(b), iv.days, iv.days_min, iv.days_max))
            s = c.summary
            return Repeats(date_field, merge_within_days, c.n_incidents, c.n_undated,
                           c.n_unnamed, c.n_entities, c.n_repeat_entities, c.repeat_share,
                           tuple(intervals),
                           RepeatSummary(s.n, s.min, s.q1, s.median, s.q3, s.max, s.mean))
        finally:
            L.breach_repeats_free(r)

    # -------------------------------------------------------------- the statistics layer
    def counts(self, dimension: str = "type", ci: str = "wilson", level: float = 0.95,
               include_unknown: bool = False, force: bool = False, min_n: int = 30,
               min_n_report: int = 5, replicates: int = 2000, seed: int = 1,
               by: Optional[str] = None, include_na: bool = False,
               progress: Optional[ProgressCallback] = None, **filter: Any) -> Counts:
        """Counts per level of one dimension with proportions and confidence intervals.

        dimension: 'type', 'category', 'location' (sets: an incident counts once in each
        of its levels), 'entity_type', 'region' (the organisation's) or 'vendor' (by entity
        key, labelled as first spelt). ci: 'wilson', 'jeffreys' or 'bootstrap' (percentile,
        ``replicates`` resamples of the incidents, ``seed``). The unknown row is listed
        but left out of n unless include_unknown. Small samples (the DBIR rule): below
        ``min_n`` incidents the proportions are NaN (status 'small_n') unless ``force``;
        below ``min_n_report`` there are no rows at all (status 'suppressed'); set both to
        0 to see everything. progress: as for breach.bootstrap (a cross-tab's bootstrap
        reports each column on its own).

        dimension and by may also be 'year' or 'month' (of the filter's date_field, the
        event date by default) or the name of an enumerated attribute
        ('action.hacking.variety', 'covered_entity_type': see fields()), whose "Unknown"
        is the unknown row and "NA" is kept apart unless include_na, as verisr's
        getenumCI. With ``by``, each of its levels is a column (``cols``) with its own n,
        ``cells[(row, column)]`` the counts and proportions (a type, category or location
        a column's sources cannot state: ``recorded`` False), and ``independence``
        Pearson's chi-square test over the rows and columns inside n (doc/statistics.md).
        Notices whose source can state no level of a type, category or location ``by``
        are in no column (``n_not_stated_by``)."""
        keep: List[Any] = []
        f = make_filter(filter, keep, "counts()")
        L = lib()
        o = _lib.CountsOptions()
        L.breach_counts_options_init(o)

        def dim(value: str, what: str) -> Tuple[int, Optional[bytes]]:
            name = value.strip().lower() if isinstance(value, str) else value
            if isinstance(value, str) and name not in _stats.DIMENSIONS and \
                    name not in _stats._DIMENSION_ALIASES:
                b = value.encode("utf-8")
                if L.breach_dataset_field_find(self._handle(), b) < 0:
                    raise _errors.InvalidArgumentError(
                        "%s must be one of %s or an attribute of these incidents (see "
                        "fields()), not %r" % (what, ", ".join(_stats.DIMENSIONS), value),
                        _errors.EINVAL)
                keep.append(b)
                return _stats.DIMENSIONS.index("field"), b
            return _stats.choice(value, _stats.DIMENSIONS, what,
                                 _stats._DIMENSION_ALIASES), None

        o.dimension, o.field = dim(dimension, "dimension")
        if by is not None:
            d, o.by_field = dim(by, "by")
            o.by = d + 1
        o.include_na = bool(include_na)
        o.ci_method = _stats.choice(ci, _stats.CI_METHODS, "ci")
        o.level = _stats.level_arg(level)
        o.include_unknown = bool(include_unknown)
        o.force = bool(force)
        o.min_n = _stats.uint_arg(min_n, "min_n")
        o.min_n_report = _stats.uint_arg(min_n_report, "min_n_report")
        o.replicates = _stats.uint_arg(replicates, "replicates")
        o.seed = _stats.uint_arg(seed, "seed")
        with _stats.Progress(progress) as pg:
            o.progress = pg.c
            r = L.breach_counts_compute(self._handle(), f, o, Error())
            try:
                out = _counts(r.contents)
            finally:
                L.breach_counts_free(r)
        return out

    def timeseries(self, by: str = "month", date_field: str = "reported",
                   span: Optional[Tuple[DateArg, DateArg]] = None,
                   expected_by_length: bool = False, field: Optional[str] = None,
                   **filter: Any) -> Timeseries:
        """Counts and affected totals per period ('month', 'quarter' or 'year') of a date
        field ('reported', the default: the date every notice has; 'event', 'occurred',
        'discovered'; ``field`` is an alias of ``date_field``), with Pearson's chi-square
        test of equal counts (``expected_by_length``: proportional to the periods' lengths)
        and Poisson against negative binomial.

        span: (start, end) dates: the series lists exactly the periods from start to end
        (empty ones included; incidents outside are counted in n_outside); either may be
        None, and by default the series runs over every period the data cover. start and
        end count by day: a bound inside a period cuts it there. A start/end *filter*
        selects incidents on the same date field and bounds the series as span does (the
        periods it removed are not periods of 0; both: the days in both).

        Coverage: ``span_first`` .. ``span_last`` are the days the data cover (the first
        and last dates the series could count among every notice of the lists the
        selection draws from, selected or not, those outside ``span`` included), cut to
        ``span``: a span past the data is no evidence of data. A first or last period
        covered only in part is ``partial`` (0 < ``covered_days`` < ``days``), one the data
        do not reach has no data (``covered_days`` 0, ``n_incidents`` and ``affected``
        None, never 0; ``n_uncovered`` of them); both are left out of the tests, which run
        over ``n_tested`` whole periods. By an event, occurred or discovered date, a whole
        period the lists could not observe in full is ``truncated`` (``n_truncated``, out of
        the tests): it began before their first reported day (``reported_first``;
        ``n_before`` of them), or ends less than ``lag_days`` (the 90th percentile of
        ``n_delays`` reporting delays; None with fewer than 20: every whole period
        truncated) before their last (``reported_last``). ``periods[k].affected`` is in ``unit``
        only; ``periods[k].by_unit`` holds every unit apart (absent: not counted)."""
        if field is not None:
            date_field = field
        keep: List[Any] = []
        f = make_filter(_on_date_field(filter, date_field), keep, "timeseries()")
        L = lib()
        o = _lib.TimeseriesOptions()
        L.breach_timeseries_options_init(o)
        o.date_field = _date_field(date_field)
        o.period = _stats.choice(by, _stats.PERIODS, "by")
        if span is not None:
            try:
                start, end = span
            except (TypeError, ValueError):
                raise TypeError("span must be a (start, end) pair of dates") from None
            start, end = Date.of(start), Date.of(end)
            if start is not None:
                o.from_ = start._to_c()
            if end is not None:
                o.to = end._to_c()
        o.expected_by_length = bool(expected_by_length)
        r = L.breach_timeseries_compute(self._handle(), f, o, Error())
        try:
            c = r.contents
            names = UNITS.names
            # a period the data do not reach has no count, not a count of 0
            periods = tuple(PeriodCount(_day(p.start), p.days,
                                        p.n_incidents if p.covered_days else None,
                                        Total._from_c(p.affected) if p.covered_days else None,
                                        p.covered_days,
                                        bool(p.partial),
                                        {names[u]: (p.n_by_unit[u], Total._from_c(p.by_unit[u]))
                                         for u in range(len(names)) if p.n_by_unit[u]},
                                        p.n_twice if p.covered_days else None,
                                        {names[u]: p.twice_by_unit[u]
                                         for u in range(len(names)) if p.n_by_unit[u]},
                                        bool(p.truncated))
                            for p in (c.periods[k] for k in range(c.n_periods)))
            u, d = c.uniformity, c.dispersion
            return Timeseries(
                DATE_FIELDS[c.date_field], _stats.PERIODS[c.period], c.n_incidents,
                c.n_undated, c.n_coarse, c.n_outside, c.n_counted, periods,
                ChisqTest(u.statistic, u.df, u.p_value, u.min_expected),
                DispersionTest(d.mean, d.variance, d.poisson_loglik, d.nb_size, d.nb_alpha,
                               d.nb_loglik, d.lr_statistic, d.p_value, d.poisson_aic,
                               d.nb_aic),
                Date._from_c(c.span_first), Date._from_c(c.span_last), c.n_partial,
                c.n_tested, c.n_tested_incidents, names[c.unit],
                frozenset(names[u] for u in range(len(names)) if c.units >> u & 1),
                c.n_uncovered, _format_overlap(c.two_formats),
                Date._from_c(c.reported_first), Date._from_c(c.reported_last), c.n_delays,
                c.lag_days if c.lag_days >= 0 else None,
                c.lag_median if c.lag_median >= 0 else None, c.n_truncated, c.n_before)
        finally:
            L.breach_timeseries_free(r)

    def _sizes(self, filter: Dict[str, Any], what: str) -> Any:
        """The C sizes of the selected incidents (the caller frees them)."""
        keep: List[Any] = []
        f = make_filter(filter, keep, what)
        return lib().breach_sizes_compute(self._handle(), f, Error())

    def sizes(self, quantiles: Iterable[float] = (), **filter: Any) -> Sizes:
        """The affected counts of the selected incidents: exact and estimated values
        (sorted), "at least" / "at most" ones apart, summaries (type-7 quantiles, mean,
        geometric mean and sd) and the empirical CCDF. ``quantiles``: extra probabilities
        to compute (``result.quantiles[p]``). One unit: ``unit`` (the filter's, else the one
        most selected incidents carry); incidents of other units are counted in
        ``n_other_units`` and left out."""
        L = lib()
        r = self._sizes(filter, "sizes()")
        try:
            extra = {}
            for p in quantiles:
                extra[p] = L.breach_sizes_quantile(r, float(p))
            return _sizes_copy(r.contents, extra)
        finally:
            L.breach_sizes_free(r)

    def lognormal_fit(self, exclude_censored: bool = False, level: float = 0.95,
                      **filter: Any) -> Lognormal:
        """Log-normal maximum-likelihood fit to the affected counts. "At least" / "at most"
        counts are used as censored observations (Wald intervals) unless
        exclude_censored; without them the fit is closed-form with exact t / chi-square
        intervals. InvalidArgumentError under 2 distinct positive exact values."""
        L = lib()
        o = _lib.LognormalOptions()
        L.breach_lognormal_options_init(o)
        o.exclude_censored = bool(exclude_censored)
        o.level = _stats.level_arg(level)
        s = self._sizes(filter, "lognormal_fit()")
        try:
            r = L.breach_lognormal_fit(s, o, Error())
            try:
                c = r.contents
                return Lognormal(c.n_exact, c.n_right_censored, c.n_left_censored,
                                 c.n_excluded, Interval._from_c(c.mu),
                                 Interval._from_c(c.sigma), Interval._from_c(c.median),
                                 c.loglik, _stats.FIT_CI[c.ci_method], c.iterations)
            finally:
                L.breach_lognormal_free(r)
        finally:
            L.breach_sizes_free(s)

    @staticmethod
    def _powerlaw_options(xmin: Optional[float], min_tail: int, replicates: int,
                          seed: int) -> Any:
        o = _lib.PowerlawOptions()
        lib().breach_powerlaw_options_init(o)
        if xmin is not None:
            if isinstance(xmin, bool) or not isinstance(xmin, (int, float)):
                raise TypeError("xmin must be a number or None")
            o.xmin = float(xmin)
        o.min_tail = _stats.uint_arg(min_tail, "min_tail")
        o.replicates = _stats.uint_arg(replicates, "replicates")
        o.seed = _stats.uint_arg(seed, "seed")
        return o

    def powerlaw_fit(self, xmin: Optional[float] = None, min_tail: int = 2,
                     replicates: int = 1000, seed: int = 1,
                     progress: Optional[ProgressCallback] = None, **filter: Any) -> Powerlaw:
        """Continuous power-law tail fit (Clauset, Shalizi & Newman 2009) to the exact
        affected counts: xmin by minimum KS distance (or fixed with ``xmin``), alpha by
        maximum likelihood, and the semi-parametric bootstrap p-value over ``replicates``
        synthetic sets (0: no p-value; each costs a whole refit). Censored counts are left
        out and counted. progress: a callable (done, total) called about ten times a second
        as the replicates run; True stops the fit (CancelledError); Ctrl-C stops it too
        (KeyboardInterrupt)."""
        L = lib()
        o = self._powerlaw_options(xmin, min_tail, replicates, seed)
        s = self._sizes(filter, "powerlaw_fit()")
        try:
            with _stats.Progress(progress) as pg:
                o.progress = pg.c
                r = L.breach_powerlaw_fit(s, o, Error())
                try:
                    out = _powerlaw(r.contents)
                finally:
                    L.breach_powerlaw_free(r)
        finally:
            L.breach_sizes_free(s)
        return out

    def compare_powerlaw_lognormal(self, xmin: Optional[float] = None, min_tail: int = 2,
                                   replicates: int = 0, seed: int = 1,
                                   progress: Optional[ProgressCallback] = None,
                                   **filter: Any) -> Vuong:
        """Vuong's test of a power-law tail against a log-normal truncated at the same xmin
        (CSN section 5). The power law is fitted as by powerlaw_fit (``replicates`` for its
        own p-value: 0 by default here, Vuong does not need it) and returned as
        ``result.powerlaw``."""
        L = lib()
        o = self._powerlaw_options(xmin, min_tail, replicates, seed)
        s = self._sizes(filter, "compare_powerlaw_lognormal()")
        p = None
        try:
            with _stats.Progress(progress) as pg:
                o.progress = pg.c
                p = L.breach_powerlaw_fit(s, o, Error())
            v = L.breach_powerlaw_compare_lognormal(s, p, Error())
            try:
                c = v.contents
                favours = {1: "powerlaw", -1: "lognormal"}.get(c.favours, "neither")
                return Vuong(c.n_tail, c.lognormal_mu, c.lognormal_sigma, c.powerlaw_loglik,
                             c.lognormal_loglik, c.ratio, c.statistic, c.p_value, favours,
                             bool(c.converged), _powerlaw(p.contents))
            finally:
                L.breach_vuong_free(v)
        finally:
            if p:
                L.breach_powerlaw_free(p)
            L.breach_sizes_free(s)

    def bootstrap(self, statistic: Union[str, Callable[[List[float]], float]] = "median",
                  replicates: int = 2000, seed: int = 1, level: float = 0.95,
                  p: Optional[float] = None, progress: Optional[ProgressCallback] = None,
                  **filter: Any) -> Bootstrap:
        """A percentile bootstrap interval of a statistic of the exact affected counts of
        the selected incidents (the ``values`` of sizes(): "at least" / "at most" counts
        left out); see breach.bootstrap for the statistics."""
        values = self.sizes(**filter).values
        return _stats.bootstrap(values, statistic, replicates=replicates, seed=seed,
                                level=level, p=p, progress=progress)

    def survival(self, date_field: str = "event", merge_within_days: int = 0,
                 window_end: DateArg = None, ci: str = "loglog", level: float = 0.95,
                 every_episode: bool = False, at: Iterable[float] = (),
                 associate_window_days: int = 0, cross_source_window_days: int = 0,
                 **filter: Any) -> Survival:
        """Time to the next breach of the same organisation by Kaplan-Meier. Episodes are
        formed as repeats() forms them (date_field, merge_within_days,
        associate_window_days, cross_source_window_days, one campaign one episode); an organisation's first episode followed by another is an event after
        their interval, else it is censored at ``window_end`` (default: the last day of the
        latest date among every incident of the lists the selected ones come from,
        selected or not; with ``end`` on date_field, end's last day when earlier: the
        notices after it are removed, so the follow-up stops there; a window_end given
        after that end is not followed past it: the result's window_end says the day
        used). An organisation
        enters at its first episode on or after ``start``. every_episode: every episode is
        an observation (gap times). ci: the pointwise band, 'loglog' (default), 'log' or
        'plain'. ``at``: times in days at which the library evaluates S(t)
        (``result.points``; ``result.at(t)`` gives the same for any t)."""
        keep: List[Any] = []
        f = make_filter(_on_date_field(filter, date_field), keep, "survival()")
        L = lib()
        o = _lib.SurvivalOptions()
        L.breach_survival_options_init(o)
        o.date_field = _date_field(date_field)
        o.merge_within_days = _stats.uint_arg(merge_within_days, "merge_within_days", 0,
                                              (1 << 31) - 1)
        end = Date.of(window_end)
        if end is not None:
            o.window_end = end._to_c()
        o.ci_type = _stats.choice(ci, _stats.KM_CI, "ci")
        o.level = _stats.level_arg(level)
        o.every_episode = bool(every_episode)
        o.associate_window_days = _stats.uint_arg(associate_window_days,
                                                  "associate_window_days", -1, (1 << 31) - 1)
        o.cross_source_window_days = _stats.uint_arg(
            cross_source_window_days, "cross_source_window_days", -1, (1 << 31) - 1)
        times = [float(t) for t in at]
        r = L.breach_survival_compute(self._handle(), f, o, Error())
        try:
            c = r.contents
            points = {}
            S, lo, hi = ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
            for t in times:
                try:
                    L.breach_survival_at(r, t, S, lo, hi, Error())
                    points[t] = SurvivalPoint(t, S.value, lo.value, hi.value)
                except _errors.NotFoundError:
                    points[t] = SurvivalPoint(t, math.nan, math.nan, math.nan)
            steps = tuple(KmStep(s.time, s.at_risk, s.events, s.censored, s.survival, s.se,
                                 s.lo, s.hi) for s in (c.steps[k] for k in range(c.n_steps)))
            return Survival(date_field, merge_within_days, bool(every_episode),
                            _stats.KM_CI[o.ci_type], c.level, c.n_incidents, c.n_undated,
                            c.n_unnamed, c.n_late, c.n_organisations, c.n_observations,
                            c.n_events, c.n_censored, Date._from_c(c.window_end),
                            Interval._from_c(c.median), Interval._from_c(c.within_1y),
                            Interval._from_c(c.within_3y), steps, points)
        finally:
            L.breach_survival_free(r)

    def percapita(self, population: Optional[_stats.Population] = None,
                  regions: str = "residents", **filter: Any) -> Percapita:
        """Residents affected per 100,000 by region, from the regional breakdowns of the
        notices ("Maine residents: 3,913"): where the people live. population: a
        breach.Population (default: breach.population(), the bundled 2024 Census
        estimates). A person in two breaches counts twice. Notices without a breakdown
        (HHS) are in no rate; with none selected the result has no row. regions:
        'residents' only: 'organisation' (the notifying organisation's state over its
        residents) is refused (InvalidArgumentError), as those people are not its
        residents."""
        if population is None:
            population = _stats.population()
        elif not isinstance(population, _stats.Population):
            raise TypeError("population must be a breach.Population, not %s"
                            % type(population).__name__)
        if isinstance(regions, str) and regions.strip().lower() in (
                "organisation", "organization", "entity"):
            raise _errors.InvalidArgumentError(
                "regions='organisation' is not a rate per resident: the people "
                "in notices of organisations located in a state are not its "
                "residents; use regions='residents' (breakdowns by residence) or "
                "counts(dimension='region') for the counts without a rate", _errors.EINVAL)
        _stats.choice(regions, ("residents",), "regions",
                      {"breakdown": "residents", "breakdowns": "residents"})
        keep: List[Any] = []
        f = make_filter(filter, keep, "percapita()")
        L = lib()
        pop = population._handle()
        src = L.breach_region_shares_compute(self._handle(), f, Error())
        try:
            r = L.breach_percapita_compute(src, pop, Error())
        finally:
            L.breach_region_shares_free(src)
        try:
            c = r.contents
            rows = []
            for k in range(c.n_rows):
                row = c.rows[k]
                code = _code(row.region)
                rows.append(PercapitaRow(code, _rname(code), row.population,
                                         Total._from_c(row.affected), row.rate,
                                         row.rate_lower, row.rate_upper))
            return Percapita("residents", c.year,
                             c.n_without_population,
                             Total._from_c(c.affected_without_population), tuple(rows),
                             DATE_FIELDS[c.date_field], Date._from_c(c.first),
                             Date._from_c(c.last), c.n_undated, c.days, c.year_matches,
                             Date._from_c(c.covered_first), Date._from_c(c.covered_last),
                             *_observation(c))
        finally:
            L.breach_percapita_free(r)

    def links(self, window_days: int = 120, date_field: str = "reported",
              **filter: Any) -> Links:
        """Cross-source links: each notice with regional counts but no total (a state
        list's "Washington residents: 26,333") joined to the notices of the same
        organisation (same entity key) that give totals, dated at most ``window_days``
        before or after it on ``date_field``; several totals in the window add up (HHS
        files one row per client of a business associate). Each link carries the shares
        of its regional counts in the linked total. Keys only fold spelling: "CHSPSC, LLC"
        is not linked to its long HHS name. Only counts of people (individuals) link. A
        link whose regional count is above its total is kept with ``inconsistent`` set and
        NaN shares (probably another incident or a different count basis)."""
        keep: List[Any] = []
        f = make_filter(_on_date_field(filter, date_field), keep, "links()")
        L = lib()
        r = L.breach_links_compute(self._handle(), f, _link_options(window_days, date_field),
                                   Error())
        try:
            c = r.contents
            view = _lib.Incident()
            share = _lib.Share()
            err = Error()
            out = []
            for k in range(c.n_links):
                lk = c.links[k]
                L.breach_dataset_get(self._ptr, lk.regional, view, err)
                reg = Incident._from_c(view, lk.regional)
                shares = {}
                for code in reg.regions:
                    try:
                        L.breach_link_region_share(self._ptr, ctypes.byref(lk),
                                                   REGIONS.number(code), share, err)
                    except _errors.NotFoundError:
                        continue
                    except _errors.InconsistentError:
                        pass  # the link is flagged: part and whole are filled, shares NaN
                    shares[code] = RegionShare(
                        lk.regional, reg.id, reg.entity, code, _rname(code),
                        Count._from_c(share.part), Count._from_c(share.whole), share.share,
                        share.share_min, share.share_max)
                totals = tuple(lk.totals[j] for j in range(lk.n_totals))
                ids = []
                for j in totals:
                    L.breach_dataset_get(self._ptr, j, view, err)
                    ids.append(_str(view.id))
                out.append(Link(lk.regional, reg.id, reg.entity, _text(lk.entity_key), totals,
                                tuple(ids), Total._from_c(lk.total), lk.days_min, lk.days_max,
                                _text(lk.reason), shares, bool(lk.inconsistent),
                                lk.n_other_unit, lk.n_other_source, lk.n_other_filing))
            return Links(date_field, window_days, c.n_regional, c.n_linked, c.n_undated,
                         c.n_unmatched, tuple(out), c.n_inconsistent)
        finally:
            L.breach_links_free(r)

    def format_overlap(self, window_days: int = 120, date_field: str = "reported",
                       **filter: Any) -> FormatOverlap:
        """What totals may count twice across inputs of two formats: notices of one
        organisation (entity key) from inputs of different formats dated at most
        ``window_days`` apart on ``date_field`` (the links' rule); per unit, all formats'
        figures but the largest one's. See breach_format_overlap in stats.h."""
        keep: List[Any] = []
        f = make_filter(_on_date_field(filter, date_field), keep, "format_overlap()")
        L = lib()
        r = L.breach_format_overlap_compute(self._handle(), f,
                                            _link_options(window_days, date_field), Error())
        try:
            return _format_overlap(r.contents)
        finally:
            L.breach_format_overlap_free(r)

    # -------------------------------------------------------------- tables
    TABLES = ("incidents", "regions", "categories", "types", "locations", "inputs")

    def to_pandas(self, table: str = "incidents", **filter: Any) -> Any:
        """The (selected) incidents as a DataFrame (conventions in breach._frames).

        table="incidents" (default): one row per incident; dates as datetime64[ns] with a
        ``*_precision`` categorical, ``affected`` as nullable Int64 with
        ``affected_qualifier`` and ``unit`` categoricals, types / categories / locations
        as ';'-joined text and regions as "US-ME:3913;..." (for reading; the tidy tables
        below are for computing). Tidy long tables, one row per (incident, value), keyed
        by ``index`` and ``id``: "regions" (region, region_name, count Int64,
        count_qualifier, unit), "categories", "types", "locations" (one categorical column
        named after the table's singular, in the library's vocabulary). "inputs": one row
        per load (Dataset.inputs()), filters not applied."""
        from . import _frames as F
        if table == "inputs":
            ins = self.inputs()
            cols: Dict[str, Any] = {"name": F.texts(i.name for i in ins),
                                    "format": F.texts(i.format for i in ins),
                                    "size": F.ints(i.size for i in ins),
                                    "sha256": F.texts(i.sha256 for i in ins),
                                    "first": F.ints(i.first for i in ins),
                                    "end": F.ints(i.end for i in ins)}
            cols.update(F.date_columns("as_of", [i.as_of for i in ins]))
            for name in ("n_dropped", "rows_read", "rows_loaded", "rows_rejected",
                         "n_warnings"):
                cols[name] = F.ints(getattr(i, name) for i in ins)
            return F.frame(cols)
        incs = self.incidents(**filter) if filter else list(self)
        if table == "incidents":
            return _incidents_frame(incs)
        if table == "regions":
            rows = [(inc, code, c) for inc in incs for code, c in inc.regions.items()]
            cols = {"index": F.ints(r[0].index for r in rows),
                    "id": F.texts(r[0].id for r in rows),
                    "region": F.texts(r[1] for r in rows),
                    "region_name": F.texts(REGIONS.name(r[1]) for r in rows)}
            cols.update(F.count_columns("count", [r[2] for r in rows],
                                        [r[0].unit for r in rows]))
            return F.frame(cols)
        vocab = {"categories": CATEGORIES, "types": TYPES, "locations": _LOCATIONS}.get(table)
        if vocab is None:
            raise ValueError("table must be one of %s, not %r" % (", ".join(self.TABLES), table))
        order = {n: k for k, n in enumerate(vocab.names)}
        vals = [(inc, v) for inc in incs
                for v in sorted(getattr(inc, table), key=order.__getitem__)]
        column = {"categories": "category", "types": "type", "locations": "location"}[table]
        return F.frame({"index": F.ints(r[0].index for r in vals),
                        "id": F.texts(r[0].id for r in vals),
                        column: F.category((r[1] for r in vals), vocab.names)})

    def _facts(self) -> List[Tuple[str, Any]]:
        n = len(self)
        out: List[Tuple[str, Any]] = [("incidents", n), ("inputs", self._n_inputs())]
        if n:
            ov = self.overview()
            out += [("organisations", ov.n_organisations),
                    ("first_reported", str(ov.first_reported) if ov.first_reported else None),
                    ("last_reported", str(ov.last_reported) if ov.last_reported else None)]
        return out

    def _n_inputs(self) -> int:
        return int(lib().breach_dataset_n_inputs(self._handle()))

    def _repr_html_(self) -> str:
        from . import _frames as F
        if self._ptr is None:
            return "<p>breach.Dataset (closed)</p>"
        head = [(inc.id, inc.entity, str(inc.reported) if inc.reported else None,
                 str(inc.affected) or None, inc.unit) for inc in self[:10]]
        return (F.html_table("breach.Dataset", self._facts())
                + F.html_rows("first incidents", ["id", "entity", "reported", "affected",
                                                  "unit"], head, limit=10)
                + ("<p><small>%d more: to_pandas() has them all</small></p>" % (len(self) - 10)
                   if len(self) > 10 else ""))


# The methods that change the C dataset: the library's contract allows readers at once but
# no change while another call runs (a load reallocates the incidents under a reader), so
# _in_use refuses the overlap with RuntimeError rather than let the process abort.
_MUTATING = frozenset(("add", "extend", "append", "read", "read_string", "add_attr"))

# How a refusal (RuntimeError, ValueError) names a call that is not a public method: as the
# user wrote it.
_SHOWN = {"__len__": "len(Dataset)", "__getitem__": "Dataset[index]",
          "_next": "iterating over a Dataset", "_describe": "repr(Dataset)",
          "_repr_html_": "Dataset._repr_html_()"}


def _shown(name: str) -> str:
    return _SHOWN.get(name, "Dataset.%s()" % name)


def _in_use(fn: Any) -> Any:
    """Marks the dataset busy for the whole call: close() in another thread waits, so the
    C code (which runs without the GIL) and the copying of borrowed strings never see it
    freed; a call of _MUTATING overlapping any other call in another thread raises
    RuntimeError (Dataset's docstring)."""
    name = fn.__name__
    mutates = name in _MUTATING

    @functools.wraps(fn)
    def call(self: Any, *args: Any, **kwargs: Any) -> Any:
        self._enter(name, mutates)
        try:
            return fn(self, *args, **kwargs)
        finally:
            self._leave(mutates)
    return call


# Every public method but close() (which waits for the others itself) runs inside _in_use,
# and so do the special methods that reach the C dataset and the helpers of those that
# cannot be held (__iter__ and __repr__): _SHOWN names them in a refusal as the user wrote
# the call. Other private methods (_handle, _get, _index,
# _sizes, _facts, _n_inputs) are helpers that run only inside such a call, under its guard:
# wrapped, they marked the dataset busy only for their own instant, and a refusal named
# them ("Dataset.handle()") instead of the call the user made.
for _name, _fn in list(vars(Dataset).items()):
    if (inspect.isfunction(_fn) and not inspect.isgeneratorfunction(_fn)
            and (not _name.startswith("_") or _name in _SHOWN) and _name != "close"):
        setattr(Dataset, _name, _in_use(_fn))
del _name, _fn


def _incidents_frame(incs: Sequence[Incident]) -> Any:
    """The incidents table of Dataset.to_pandas()."""
    from . import _frames as F
    cols = {"index": F.ints(i.index for i in incs), "id": F.texts(i.id for i in incs),
            "entity": F.texts(i.entity for i in incs),
            "entity_key": F.texts(i.entity_key for i in incs),
            "entity_region": F.texts(i.entity_region for i in incs),
            "entity_type": F.texts(i.entity_type for i in incs),
            "types": F.texts(";".join(sorted(i.types)) for i in incs),
            "categories": F.texts(";".join(sorted(i.categories)) for i in incs),
            "locations": F.texts(";".join(sorted(i.locations)) for i in incs),
            "actor": F.texts(i.actor for i in incs), "vendor": F.texts(i.vendor for i in incs),
            "via": F.texts(i.via for i in incs)}
    for name in ("reported", "occurred_start", "occurred_end", "discovered"):
        cols.update(F.date_columns(name, [getattr(i, name) for i in incs]))
    cols.update(F.count_columns("affected", [i.affected for i in incs],
                                [i.unit for i in incs]))
    cols["regions"] = F.texts(";".join("%s:%s" % (k, v) for k, v in i.regions.items())
                             for i in incs)
    cols["business_associate"] = F.pandas().array([i.business_associate for i in incs],
                                                  dtype="boolean")
    cols["separate"] = F.pandas().array([i.separate for i in incs], dtype=bool)
    cols["source"] = F.texts(i.source for i in incs)
    cols["summary"] = F.texts(i.summary for i in incs)
    return F.frame(cols)


def load(path: Union[Source, Iterable[Source]], format: Optional[str] = None,
         lenient: bool = False, source_name: Union[None, str, bytes] = None,
         mapping: Union[None, "Mapping", PathArg] = None, threads: int = 0) -> "Dataset":
    """Loads a file, or each of several files in order, into a new Dataset.

    path: a path (str, bytes, os.PathLike), a file object open for reading (binary or
    text), or an iterable of them (list, tuple, generator). Loading several files (two
    snapshots of one list, say) counts a notice that a newer file lists again once: see
    Dataset.inputs() and overlaps(); ``ds.report`` adds up every file's LoadReport.

    format: None to let libbreach tell the format from the file (the canonical CSV when
    the library cannot tell formats apart), "canonical" (or "csv"), or a source format
    that the library reads ("hhs", "wa", ...; see formats()); a format without a loader
    raises InvalidArgumentError saying so. mapping: a Mapping, or the path of a mapping
    file (Mapping.read), to read an arbitrary CSV.
    lenient: skip bad rows and list them in ``ds.report`` instead of raising at the first
    one. Strict loads raise the row's BreachError (with source, line, column) and attach
    the LoadReport to it as ``.report``.
    threads: how many threads the load may parse on; 0 (the default) takes the library's
    setting (set_threads(), by default the processors this process may use). The result is
    the same whatever the number: it only changes how fast a large canonical CSV loads.
    """
    mapping = _mapping_arg(mapping)
    if format is not None and mapping is None:
        _reader(format, 0)  # fail on a bad format before touching the file
    ds = Dataset()
    if isinstance(path, (str, bytes, os.PathLike)) or hasattr(path, "read"):
        paths = [path]
    else:
        try:
            paths = list(path)
        except TypeError:
            ds.close()
            raise TypeError("load() takes a path, a file object, or an iterable of them, "
                            "not %s" % type(path).__name__) from None
    try:
        for p in paths:
            ds.read(p,  # type: ignore[arg-type]  # one of the iterable's items
                    format=format, lenient=lenient, source_name=source_name, mapping=mapping,
                    threads=threads)
    except BaseException:
        ds.close()
        raise
    return ds


def loads(data: Union[str, bytes], format: Optional[str] = None, lenient: bool = False,
          source_name: Union[None, str, bytes] = "<string>",
          mapping: Union[None, "Mapping", PathArg] = None, threads: int = 0) -> "Dataset":
    """Loads text (str or bytes) into a new Dataset; see load()."""
    mapping = _mapping_arg(mapping)
    if format is not None and mapping is None:
        _reader(format, 1)
    ds = Dataset()
    try:
        ds.read_string(data, format=format, lenient=lenient, source_name=source_name,
                       mapping=mapping, threads=threads)
    except BaseException:
        ds.close()
        raise
    return ds
