"""Result objects of the statistics: frozen dataclasses that own copies of what they need
(the C result is freed before they are returned), each with ``to_pandas()``.
"""

import datetime
import math
from dataclasses import dataclass, field
from typing import (Any, Callable, ClassVar, Dict, FrozenSet, Iterator, List, NamedTuple, Optional,
                    Sequence, Tuple)

from . import _frames as F
from ._frames import pandas as _pandas
from ._model import Count, Date, Total


def _frame(rows: Any, columns: Sequence[str]) -> Any:
    return _pandas().DataFrame([r for r in rows], columns=list(columns))


def percent(x: float) -> float:
    """A share as a percentage (NaN stays NaN)."""
    return x * 100.0 if not math.isnan(x) else math.nan


class Shown:
    """Short ``repr()`` and a notebook table (``_repr_html_``) for a result: a few headline
    figures (``_facts``) and, for results that hold rows, the first rows (``_rows``). The
    whole content stays in the fields and in ``to_pandas()``."""

    # what the repr calls the rows (singular, plural): "rows" where len() and iteration give
    # them, else what they are (a LoadReport's rejects and warnings)
    _noun: ClassVar[Tuple[str, str]] = ("row", "rows")

    def _facts(self) -> List[Tuple[str, Any]]:
        return []

    def _rows(self) -> Optional[Tuple[Sequence[str], Sequence[Sequence[Any]]]]:
        return None

    def __repr__(self) -> str:
        facts = ", ".join("%s=%s" % (k, F.fmt(v)) for k, v in self._facts()[:6])
        rows = self._rows()
        n = len(rows[1]) if rows is not None else 0
        more = "; %d %s" % (n, self._noun[n != 1]) if rows is not None else ""
        return "<breach.%s %s%s>" % (type(self).__name__, facts, more)

    def _repr_html_(self) -> str:
        out = F.html_table("breach.%s" % type(self).__name__, self._facts())
        rows = self._rows()
        if rows is not None:
            out += F.html_rows("rows", rows[0], rows[1])
        return out


# ------------------------------------------------------------------ inputs and overview


@dataclass(frozen=True)
class Input:
    """One load into a dataset: its name as given, format, bytes and their SHA-256, the
    incidents it added (``first`` .. ``end`` - 1), its latest reported date, how many of
    them were left out because a newer input lists them, and its rows (None when the load
    kept no report)."""

    name: str
    format: str
    size: int
    sha256: Optional[str]
    first: int
    end: int
    as_of: Optional[Date]
    n_dropped: int
    rows_read: Optional[int]
    rows_loaded: Optional[int]
    rows_rejected: Optional[int]
    n_warnings: Optional[int]


class Overlap(NamedTuple):
    """``n`` notices of input ``dropped_input`` are listed again by the newer ``kept_input``
    (input numbers as in Dataset.inputs())."""

    dropped_input: int
    kept_input: int
    n: int


@dataclass(frozen=True)
class Field:
    """An enumerated attribute of the dataset's incidents (Dataset.fields()): its name as
    the source writes it ("action.hacking.variety"), how many selected incidents carry a
    value of it (``n_incidents``), of the selection (``n_selected``), and ``values``: each
    value's number of selected incidents, most first. ``unknown`` names the values that are
    the source's "Unknown" (kept apart by statistics, as verisr's ``unk``)."""

    name: str
    n_incidents: int
    n_selected: int
    values: Dict[str, int]
    unknown: FrozenSet[str] = frozenset()

    def to_pandas(self) -> Any:
        return _frame(((self.name, v, n, v in self.unknown) for v, n in self.values.items()),
                      ["field", "value", "n_incidents", "unknown"])


@dataclass(frozen=True, repr=False)
class Overview(Shown):
    """What a selection holds. ``by_unit`` maps each unit ("individuals", "accounts",
    "records") that some selected notice counts to its total; a unit missing from it is
    not counted by the selected sources (not zero). ``n_coarse_dated``: the notices that the
    date range (start, end) leaves out because their date is coarser than it (a year only
    in a half-year), see ``Dataset.indices``. ``n_identical``: selected rows that repeat an
    earlier row of their file word for word (kept and counted), and ``identical_by_unit``
    what they add to each unit's total."""

    n_incidents: int
    n_selected: int
    n_superseded: int
    n_dropped: int
    n_organisations: int
    n_vendors: int
    n_with_breakdown: int
    first_reported: Optional[Date]
    last_reported: Optional[Date]
    n_by_unit: Dict[str, int]
    by_unit: Dict[str, Total]
    overflow: bool
    n_coarse_dated: int = 0
    n_identical: int = 0
    identical_by_unit: Dict[str, int] = field(default_factory=dict, hash=False)

    def _facts(self) -> List[Tuple[str, Any]]:
        out: List[Tuple[str, Any]] = [
            ("selected", self.n_selected), ("incidents", self.n_incidents),
            ("organisations", self.n_organisations),
            ("first_reported", str(self.first_reported) if self.first_reported else None),
            ("last_reported", str(self.last_reported) if self.last_reported else None)]
        out += [(u, str(t)) for u, t in self.by_unit.items()]
        return out

    def to_pandas(self) -> Any:
        """One row per unit counted: notices and their total (point, lower, upper,
        n_unknown)."""
        units = list(self.by_unit)
        cols = {"unit": F.category(units, F.UNIT_NAMES),
                "n_notices": F.ints(self.n_by_unit.get(u, 0) for u in units)}
        cols.update(F.total_columns("affected", [self.by_unit[u] for u in units]))
        return F.frame(cols)


class VendorRow(NamedTuple):
    name: str
    n_notices: int
    n_organisations: int


# ------------------------------------------------------------------ region shares


@dataclass(frozen=True)
class RegionShare:
    """One region's part of one incident: ``part`` / ``whole``. ``share`` is NaN when either
    is unknown or the whole is 0; share_min / share_max bound the true share given the
    qualifiers."""

    index: int
    id: Optional[str]
    entity: Optional[str]
    region: str
    region_name: str
    part: Count
    whole: Count
    share: float
    share_min: float
    share_max: float

    @property
    def percent(self) -> float:
        return percent(self.share)

    def to_pandas(self) -> Any:
        """One row: part and whole as Int64 counts with their qualifiers."""
        return F.one_row(self)


@dataclass(frozen=True)
class RegionRow:
    """One region across a dataset."""

    region: str
    region_name: str
    total: Total
    n_incidents: int
    share: float
    # the region's residents counted in each unit ('individuals', 'accounts', 'records'):
    # None for a unit no selected notice is in ("not counted"); ``total`` is the result's
    # unit's
    by_unit: Dict[str, Optional[Total]] = field(default_factory=dict, hash=False)

    @property
    def percent(self) -> float:
        return percent(self.share)


@dataclass(frozen=True, repr=False)
class RegionShares(Shown):
    """Per-region totals over the selected incidents; rows by total descending."""

    n_incidents: int
    n_with_breakdown: int
    all_regions: Total
    affected_with_breakdown: Total
    rows: Tuple[RegionRow, ...]
    # the totals' unit (no total adds units), the units seen among the selected notices,
    # and the notices with a breakdown in another unit (left out of the totals)
    unit: str = "individuals"
    units: FrozenSet[str] = frozenset()
    n_other_units: int = 0
    all_regions_by_unit: Dict[str, Optional[Total]] = field(default_factory=dict, hash=False)
    # over the notices of `unit` with both a breakdown and a total: how many, their
    # regional counts and totals, and the share of their people placed in a region (NaN
    # with none): a notice without a total (WA's) places people of a whole nobody stated
    n_placed: int = 0
    placed_regions: Optional[Total] = None
    placed_affected: Optional[Total] = None
    placed_share: float = float("nan")
    # the notices of `unit` with a breakdown in which some region's count is unknown
    # (all_regions.n_unknown counts those regions' entries)
    n_breakdown_unknown: int = 0
    # the period the totals cover: the dates (date_field) of the notices of `unit` with a
    # breakdown, first .. last, n_undated without one; the days the lists of those notices
    # cover, covered_first .. covered_last, cut to a start/end filter
    date_field: str = "event"
    first: Optional[Date] = None
    last: Optional[Date] = None
    n_undated: int = 0
    covered_first: Optional[Date] = None
    covered_last: Optional[Date] = None
    # by an event date, what those lists observe of the covered days (a list holds a
    # breach only once it is reported; the rule of TimeSeries' truncated periods): their
    # reported days, the reporting lag (90th percentile of n_delays delays, None when
    # unknown) and its median; truncated_start: the days began before the first report;
    # truncated_end: they end less than the lag before the last report (or the lag is
    # unknown). Either makes the totals lower bounds of the period's. By reported date:
    # both False, lag None.
    reported_first: Optional[Date] = None
    reported_last: Optional[Date] = None
    n_delays: int = 0
    lag_days: Optional[int] = None
    lag_median: Optional[int] = None
    truncated_start: bool = False
    truncated_end: bool = False

    def __getitem__(self, region: str) -> RegionRow:
        """The row of a region code ("US-ME"); KeyError when no breakdown names it."""
        for r in self.rows:
            if r.region == region:
                return r
        raise KeyError(region)

    def __iter__(self) -> Iterator[RegionRow]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def hint(self) -> Optional[str]:
        """What to try when no region was found: none of the selected notices gives a
        breakdown by residence (HHS lists never do)."""
        if self.rows or not self.n_incidents or self.n_with_breakdown:
            return None
        return ("none of the %d incidents gives a breakdown by region (HHS lists do not): "
                "counts(dimension='region') counts them by the organisation's region"
                % self.n_incidents)

    def _facts(self) -> List[Tuple[str, Any]]:
        if self.hint:
            return [("hint", self.hint), ("incidents", self.n_incidents)]
        return [("regions", len(self.rows)), ("incidents", self.n_incidents),
                ("with_breakdown", self.n_with_breakdown), ("unit", self.unit),
                ("all_regions", str(self.all_regions))]

    def _rows(self) -> Tuple[Sequence[str], Sequence[Sequence[Any]]]:
        return (["region", "name", "total", "incidents", "share %"],
                [(r.region, r.region_name, str(r.total), r.n_incidents, r.percent)
                 for r in self.rows])

    def to_pandas(self) -> Any:
        """One row per region: its total in ``unit`` (point, lower, upper, n_unknown:
        Int64; upper <NA> when unbounded), the incidents naming it and its share."""
        rows = self.rows
        cols: Dict[str, Any] = {"region": [r.region for r in rows],
                                "region_name": [r.region_name for r in rows]}
        cols.update(F.total_columns("affected", [r.total for r in rows]))
        cols["unit"] = F.category([self.unit] * len(rows), F.UNIT_NAMES)
        cols["n_incidents"] = F.ints(r.n_incidents for r in rows)
        cols["share"] = [r.share for r in rows]
        return F.frame(cols)


# ------------------------------------------------------------------ supply chain


@dataclass(frozen=True)
class SupplyMember:
    """One organisation hit through the vendor: its latest revision (or a separate notice).
    role is 'counted', 'possible_double' (its ``via`` organisation is itself a member,
    so it is in the upper bound only) or 'other_unit' (its count is in another unit than
    the chain's total: in ``by_unit`` only). ``unit`` says what ``affected`` counts."""

    index: int
    id: Optional[str]
    entity: Optional[str]
    affected: Count
    reported: Optional[Date]
    role: str
    n_revisions: int
    unit: str = "individuals"


@dataclass(frozen=True)
class SupplyPoint:
    """Running totals just after all notices of one reported date."""

    date: Date
    organisations: int
    lower: int
    upper: int
    upper_unbounded: bool
    point: int


@dataclass(frozen=True, repr=False)
class SupplyChain(Shown):
    """Totals for one vendor or campaign."""

    vendor: str
    n_notices: int
    n_superseded: int
    n_organisations: int
    n_possible_double: int
    individuals: Total  # in ``unit``, whatever the name says
    n_undated: int
    members: Tuple[SupplyMember, ...]
    curve: Tuple[SupplyPoint, ...]
    unit: str = "individuals"
    units: FrozenSet[str] = frozenset()
    n_other_units: int = 0
    by_unit: Dict[str, Optional[Total]] = field(default_factory=dict, hash=False)

    def __iter__(self) -> Iterator[SupplyMember]:
        """The members (the rows of the repr and of to_pandas())."""
        return iter(self.members)

    def __len__(self) -> int:
        return len(self.members)

    def _facts(self) -> List[Tuple[str, Any]]:
        return [("vendor", self.vendor), ("organisations", self.n_organisations),
                ("notices", self.n_notices), ("total", str(self.individuals)),
                ("unit", self.unit), ("possible_double", self.n_possible_double)]

    def _rows(self) -> Tuple[Sequence[str], Sequence[Sequence[Any]]]:
        return (["entity", "affected", "reported", "role"],
                [(m.entity, str(m.affected), str(m.reported) if m.reported else None, m.role)
                 for m in self.members])

    def to_pandas(self, table: str = "members") -> Any:
        """The members (default) or the cumulative curve (table="curve") as a DataFrame."""
        if table == "members":
            ms = self.members
            cols: Dict[str, Any] = {"index": F.ints(m.index for m in ms),
                                    "id": [m.id for m in ms], "entity": [m.entity for m in ms]}
            cols.update(F.count_columns("affected", [m.affected for m in ms],
                                        [m.unit for m in ms]))
            cols.update(F.date_columns("reported", [m.reported for m in ms]))
            cols["role"] = F.category((m.role for m in ms),
                                      ("counted", "possible_double", "other_unit"))
            cols["n_revisions"] = F.ints(m.n_revisions for m in ms)
            return F.frame(cols)
        if table == "curve":
            ps = self.curve
            cols = F.date_columns("date", [p.date for p in ps])
            cols["organisations"] = F.ints(p.organisations for p in ps)
            cols.update(F.total_columns("affected", [
                Total(p.lower, p.upper, p.point, p.upper_unbounded) for p in ps],
                n_unknown=False))
            return F.frame(cols)
        raise ValueError("table must be 'members' or 'curve', not %r" % (table,))


# ------------------------------------------------------------------ repeat victims


@dataclass(frozen=True)
class RepeatInterval:
    """A gap between consecutive episodes of one organisation, measured between the
    episodes' first incidents (dataset indices ``first`` and ``second``)."""

    entity_key: str
    entity: Optional[str]
    first: int
    second: int
    first_id: Optional[str]
    second_id: Optional[str]
    first_date: Date
    second_date: Date
    days: int
    days_min: int
    days_max: int


@dataclass(frozen=True)
class RepeatSummary:
    """The interval distribution in days (NaN when there are none); quartiles interpolated
    as R's type 7."""

    n: int
    min: float
    q1: float
    median: float
    q3: float
    max: float
    mean: float


@dataclass(frozen=True, repr=False)
class Repeats(Shown):
    """Repeat-victim statistics over the selected incidents."""

    date_field: str
    merge_within_days: int
    n_incidents: int
    n_undated: int
    n_unnamed: int
    n_entities: int
    n_repeat_entities: int
    repeat_share: float
    intervals: Tuple[RepeatInterval, ...]
    summary: RepeatSummary

    def __iter__(self) -> Iterator[RepeatInterval]:
        """The intervals (the rows of the repr and of to_pandas())."""
        return iter(self.intervals)

    def __len__(self) -> int:
        return len(self.intervals)

    def _facts(self) -> List[Tuple[str, Any]]:
        return [("date_field", self.date_field), ("entities", self.n_entities),
                ("repeat_entities", self.n_repeat_entities),
                ("repeat_share", self.repeat_share), ("median_days", self.summary.median),
                ("undated", self.n_undated)]

    def _rows(self) -> Tuple[Sequence[str], Sequence[Sequence[Any]]]:
        return (["entity", "first", "second", "days"],
                [(i.entity, str(i.first_date), str(i.second_date), i.days)
                 for i in self.intervals])

    def to_pandas(self) -> Any:
        """One row per interval, dates as datetime64[ns] with their precision."""
        iv = self.intervals
        cols: Dict[str, Any] = {"entity_key": [i.entity_key for i in iv],
                                "entity": [i.entity for i in iv],
                                "first": F.ints(i.first for i in iv),
                                "second": F.ints(i.second for i in iv),
                                "first_id": [i.first_id for i in iv],
                                "second_id": [i.second_id for i in iv]}
        cols.update(F.date_columns("first_date", [i.first_date for i in iv]))
        cols.update(F.date_columns("second_date", [i.second_date for i in iv]))
        for name in ("days", "days_min", "days_max"):
            cols[name] = F.ints(getattr(i, name) for i in iv)
        return F.frame(cols)


# ------------------------------------------------------------------ load reports


class Issue(NamedTuple):
    """One rejected row or warning: (source, line, column, row, code, text). ``line`` and
    ``column`` are 1-based; a problem with the whole row is given at column 1, as
    breachstat prints it. For rejects
    ``code`` is a negative status (``exception()`` gives the matching BreachError); for
    warnings a positive WARN_* code."""

    source: Optional[str]
    line: int
    column: int
    row: int
    code: int
    text: str

    def exception(self) -> Exception:
        """The BreachError that a strict load would have raised for this row."""
        from ._errors import make_error
        return make_error(self.code, self.text, self.source, self.line, self.column)


WARN_NAMES = {1: "placeholder", 2: "duplicate", 3: "header", 4: "other"}


@dataclass(frozen=True, repr=False)
class LoadReport(Shown):
    """What a load read, kept and rejected: rows_read = rows_loaded + rows_rejected. Its
    repr counts the rejects and warnings (no len(): iterate ``rejects`` or ``warnings``)."""

    _noun: ClassVar[Tuple[str, str]] = ("reject or warning", "rejects and warnings")
    rows_read: int
    rows_loaded: int
    rows_rejected: int
    rejects: Tuple[Issue, ...]
    warnings: Tuple[Issue, ...]
    format: Optional[str] = None  # the format the rows were read as (None: several)
    loads: int = 1  # how many loads this report adds up (Dataset.report)

    @classmethod
    def _empty(cls) -> "LoadReport":
        """The report of no load at all (a Dataset before its first load): loads == 0."""
        return LoadReport(0, 0, 0, (), (), None, 0)

    def merged(self, other: "LoadReport") -> "LoadReport":
        """This report and a later one added up: rows summed, rejects and warnings in
        order, the format kept when both loads had the same one (else None). The report
        of no load (``loads`` 0) added to one is that one."""
        if self.loads == 0:
            return other
        if other.loads == 0:
            return self
        return LoadReport(self.rows_read + other.rows_read,
                          self.rows_loaded + other.rows_loaded,
                          self.rows_rejected + other.rows_rejected,
                          self.rejects + other.rejects, self.warnings + other.warnings,
                          self.format if self.format == other.format else None,
                          self.loads + other.loads)

    def _facts(self) -> List[Tuple[str, Any]]:
        return [("format", self.format), ("loads", self.loads), ("rows_read", self.rows_read),
                ("rows_loaded", self.rows_loaded), ("rows_rejected", self.rows_rejected),
                ("warnings", len(self.warnings))]

    def _rows(self) -> Optional[Tuple[Sequence[str], Sequence[Sequence[Any]]]]:
        issues = [("rejected",) + tuple(i) for i in self.rejects] + \
            [("warning",) + tuple(i) for i in self.warnings]
        if not issues:
            return None
        return (["kind"] + list(Issue._fields), issues)

    def to_pandas(self, table: str = "rejects") -> Any:
        """The rejected rows (default) or the warnings as a DataFrame."""
        if table not in ("rejects", "warnings"):
            raise ValueError("table must be 'rejects' or 'warnings', not %r" % (table,))
        issues: Tuple[Issue, ...] = getattr(self, table)
        cols: Dict[str, Any] = {"source": [i.source for i in issues]}
        for name in ("line", "column", "row", "code"):
            cols[name] = F.ints(getattr(i, name) for i in issues)
        cols["text"] = [i.text for i in issues]
        return F.frame(cols)


# ------------------------------------------------------------------ the statistics layer
# Counts and proportions, time series, size distributions and fits, Kaplan-Meier survival,
# per-capita rates and the bootstrap. NaN means "not defined / not given", never 0.


@dataclass(frozen=True)
class Interval:
    """An estimate with a two-sided confidence interval at ``level`` (0.95 = 95 %). lo and
    hi are NaN when the interval cannot be computed."""

    estimate: float
    lo: float
    hi: float
    level: float

    @property
    def bounds(self) -> Tuple[float, float]:
        return self.lo, self.hi

    @classmethod
    def _from_c(cls, i: Any) -> "Interval":
        return cls(i.estimate, i.lo, i.hi, i.level)


@dataclass(frozen=True, repr=False)
class Bootstrap(Shown):
    """A percentile bootstrap interval of a statistic (``ci.estimate`` is the statistic on
    the data itself). ``values`` are the valid replicates, ascending; ``n_invalid``
    replicates were NaN or infinite and left out. ``se`` is the replicates' standard
    deviation (divisor B - 1)."""

    statistic: str
    n: int
    ci: Interval
    replicates: int
    seed: int
    n_invalid: int
    se: float
    values: Tuple[float, ...] = field(repr=False)

    @property
    def estimate(self) -> float:
        return self.ci.estimate

    @property
    def lo(self) -> float:
        return self.ci.lo

    @property
    def hi(self) -> float:
        return self.ci.hi

    @property
    def level(self) -> float:
        return self.ci.level

    def _facts(self) -> List[Tuple[str, Any]]:
        return [("statistic", self.statistic), ("estimate", self.ci.estimate),
                ("lo", self.ci.lo), ("hi", self.ci.hi), ("level", self.ci.level),
                ("replicates", self.replicates), ("n", self.n), ("invalid", self.n_invalid)]

    def to_pandas(self) -> Any:
        """The valid replicates, one row each (column ``value``)."""
        return _frame(((v,) for v in self.values), ["value"])


@dataclass(frozen=True)
class CountRow:
    """One level of a dimension: ``count`` incidents, their ``affected`` total, and the
    proportion count / n with its interval (NaN when not given: small n, or the unknown
    row outside n). A breach type, data category or location that no selected notice's
    source can state (HHS has no ransomware type, VERIS no name or SSN, WA no location) is
    not recorded: ``recorded`` False (the reason), ``count`` and ``affected`` None (<NA> in
    ``Counts.to_pandas()``, as null in breachstat's JSON), ``by_unit`` all None, proportion
    NaN, never a measured 0."""

    label: str
    unknown: bool
    count: Optional[int]
    affected: Optional[Total]
    proportion: float
    lo: float
    hi: float
    # each unit's total ('individuals', 'accounts', 'records'); None: no selected incident
    # is in that unit ("not counted"). ``affected`` is the result's unit's.
    by_unit: Dict[str, Optional[Total]] = field(default_factory=dict, hash=False)
    # types, categories, locations: the row's denominator, the notices inside n whose source
    # can state the level (n when every source can; None for other dimensions and the
    # unknown row)
    n: Optional[int] = None
    recorded: bool = True

    @property
    def percent(self) -> float:
        return percent(self.proportion)


class CountCol(NamedTuple):
    """A column of a cross-tab: the incidents carrying one level of the ``by`` dimension,
    their n and small-sample status."""

    label: str
    unknown: bool
    n_incidents: int
    n: int
    status: str


@dataclass(frozen=True)
class CountCell:
    """The column's incidents in the row's level, and their share of the column's n. For a
    type, category or location row, ``n`` is the cell's denominator: the column's notices
    inside n whose source can state the row's level; when none can (ransomware in an
    HHS-only column) the cell is not recorded: ``recorded`` False, ``count`` None,
    proportion NaN, never a measured 0."""

    count: Optional[int]
    proportion: float
    lo: float
    hi: float
    n: Optional[int] = None
    recorded: bool = True


@dataclass(frozen=True, repr=False)
class Counts(Shown):
    """Counts per level of one dimension (rows by count descending, then label; the
    unknown row last). ``status`` says why proportions are given or not: 'ok' (n >= min_n),
    'forced', 'small_n' (counts only) or 'suppressed' (n < min_n_report: no rows)."""

    dimension: str
    ci: str
    level: float
    status: str
    multi_valued: bool
    n_incidents: int
    n_unknown: int
    n: int
    rows: Tuple[CountRow, ...]
    # rows' ``affected`` are in ``unit``; incidents of other units (n_other_units) are in
    # the counts, not in those totals (see rows' by_unit)
    unit: str = "individuals"
    units: FrozenSet[str] = frozenset()
    n_other_units: int = 0
    # an attribute dimension: incidents that do not state it (never in n)
    n_not_stated: int = 0
    # a cross-tab (by=...): columns, cells[(row label, column label)], and the chi-square
    # test of independence ('ok', 'none', 'multi_valued', 'too_small', or 'not_recorded':
    # a column's sources cannot state some row's level); n_not_stated_by: incidents in no
    # column (an attribute they do not state, or a type, category or location by their
    # source cannot state at all)
    by: Optional[str] = None
    cols: Tuple["CountCol", ...] = ()
    cells: Dict[Tuple[str, str], "CountCell"] = field(default_factory=dict, hash=False)
    independence_status: str = "none"
    independence: Optional["ChisqTest"] = None
    n_cells_tested: int = 0
    n_cells_expected_below_5: int = 0
    expected_warning: bool = False
    n_not_stated_by: int = 0

    def __getitem__(self, label: str) -> CountRow:
        """The row of a level ("hacking", "US-CA", "unknown"); KeyError when absent."""
        for r in self.rows:
            if r.label == label:
                return r
        raise KeyError(label)

    def __iter__(self) -> Iterator[CountRow]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def _facts(self) -> List[Tuple[str, Any]]:
        return [("dimension", self.dimension), ("n", self.n), ("status", self.status),
                ("ci", self.ci), ("level", self.level), ("unknown", self.n_unknown),
                ("unit", self.unit)]

    def _rows(self) -> Tuple[Sequence[str], Sequence[Sequence[Any]]]:
        return (["label", "count", "%", "lo %", "hi %", "affected"],
                [(r.label, r.count if r.recorded else "not recorded", r.percent,
                  percent(r.lo), percent(r.hi), str(r.affected) if r.recorded else "")
                 for r in self.rows])

    def to_pandas(self) -> Any:
        """One row per level: the count (Int64), its affected total in ``unit`` and the
        proportion with its interval (NaN when not given). A level not recorded (column
        ``recorded`` False: no selected notice's source can state it) has <NA> count and
        affected columns, never 0."""
        rows = self.rows
        cols: Dict[str, Any] = {"label": [r.label for r in rows],
                                "unknown": [r.unknown for r in rows],
                                "count": F.ints(r.count for r in rows)}
        cols.update(F.total_columns("affected", [r.affected for r in rows]))
        cols["unit"] = F.category([self.unit] * len(rows), F.UNIT_NAMES)
        cols["n"] = F.ints(r.n for r in rows)
        cols["recorded"] = [r.recorded for r in rows]
        cols["proportion"] = [r.proportion for r in rows]
        cols["lo"] = [r.lo for r in rows]
        cols["hi"] = [r.hi for r in rows]
        return F.frame(cols)

    def cells_to_pandas(self) -> Any:
        """A cross-tab's cells in long form (one row per level and column, as verisr's
        getenumCI with ``by``): level, by, count, the column's n, proportion, lo, hi."""
        n = {c.label: c.n for c in self.cols}
        return _frame(((r, b, x.count, n[b], x.proportion, x.lo, x.hi)
                       for (r, b), x in self.cells.items()),
                      ["level", "by", "count", "n", "proportion", "lo", "hi"])


@dataclass(frozen=True)
class PeriodCount:
    """One period of a time series: its first day (``start``, at month precision for months
    and quarters, year precision for years), its length in days, the incidents counted in
    it and their affected total; both None for a period the data do not reach (no data,
    not 0: ``covered`` is False)."""

    start: Date
    days: int
    n_incidents: Optional[int]
    affected: Optional[Total]  # in the series' unit (Timeseries.unit) only
    covered_days: int = 0  # days inside the series' span; < days: partial; 0: no data
    partial: bool = False  # 0 < covered_days < days; partial and uncovered: out of the tests
    # per unit name: (notices, Total); a unit with no notice in the period is absent
    # ("not counted", never 0)
    by_unit: Dict[str, Tuple[int, Total]] = field(default_factory=dict, hash=False)
    # of n_incidents, the notices that may count another format's notice of one incident
    # again (Timeseries.two_formats), and per unit name the totals among by_unit that may
    # be another format's figure again; None for a period without data
    n_twice: Optional[int] = None
    twice: Dict[str, int] = field(default_factory=dict, hash=False)
    # whole, but not observed in full by event (occurred, discovered) date: before the
    # lists' first report, or within the reporting lag of their last; out of the tests
    truncated: bool = False

    @property
    def covered(self) -> bool:
        """Whether the data reach any day of the period (False: no data)."""
        return self.covered_days > 0

    @property
    def end(self) -> datetime.date:
        """The period's last day (a datetime.date)."""
        import datetime
        return self.start.date + datetime.timedelta(days=self.days - 1)


@dataclass(frozen=True)
class ChisqTest:
    """Pearson's chi-square test of equal (or length-proportional) counts per period: all
    NaN with fewer than 2 periods or no incident."""

    statistic: float
    df: float
    p_value: float
    min_expected: float


@dataclass(frozen=True)
class DispersionTest:
    """Poisson against negative binomial (NB2) counts per period, by likelihood ratio.
    nb_size is math.inf (nb_alpha 0) when the counts are not overdispersed."""

    mean: float
    variance: float
    poisson_loglik: float
    nb_size: float
    nb_alpha: float
    nb_loglik: float
    lr_statistic: float
    p_value: float
    poisson_aic: float
    nb_aic: float


@dataclass(frozen=True, repr=False)
class Timeseries(Shown):
    """Counts and affected totals per period (consecutive, ascending, empty periods
    included), with the equal-counts test (``uniformity``) and Poisson against negative
    binomial (``dispersion``)."""

    date_field: str
    period: str
    n_incidents: int
    n_undated: int
    n_coarse: int
    n_outside: int
    n_counted: int
    periods: Tuple[PeriodCount, ...]
    uniformity: ChisqTest
    dispersion: DispersionTest
    span_first: Optional[Date] = None  # the days the series covers (see stats.h)
    span_last: Optional[Date] = None
    n_partial: int = 0  # first / last periods covered in part: out of the tests
    n_tested: int = 0  # the whole periods the tests ran over
    n_tested_incidents: int = 0
    unit: str = "individuals"  # the unit of periods[].affected
    units: FrozenSet[str] = frozenset()  # units among the counted notices
    n_uncovered: int = 0  # periods of the span the data do not reach: no data, untested
    # what the counted notices may count twice across inputs of two formats (one incident
    # in two sources: counted, not dropped); periods[k].n_twice places it
    two_formats: Optional["FormatOverlap"] = None
    # by event (occurred, discovered) date, what the lists observe (see stats.h): their
    # reported dates, the reporting lag (90th percentile of n_delays delays, days; None
    # when unknown or by reported date) and the whole periods not observed in full
    reported_first: Optional[Date] = None
    reported_last: Optional[Date] = None
    n_delays: int = 0
    lag_days: Optional[int] = None
    lag_median: Optional[int] = None
    n_truncated: int = 0  # whole periods out of the tests: not observed in full
    n_before: int = 0  # of them, before the lists' first report

    @property
    def counts(self) -> Tuple[Optional[int], ...]:
        """The incidents per period, as a tuple of ints (None: no data)."""
        return tuple(p.n_incidents for p in self.periods)

    def __iter__(self) -> Iterator[PeriodCount]:
        return iter(self.periods)

    def __len__(self) -> int:
        return len(self.periods)

    @property
    def hint(self) -> Optional[str]:
        """What to try when nothing was counted: no incident of the selection has a date in
        ``date_field`` (HHS lists give only 'reported'; VERIS often only a year)."""
        if self.n_counted or not self.n_incidents:
            return None
        if self.n_undated == self.n_incidents:
            other = "'occurred' or 'event'" if self.date_field == "reported" else "'reported'"
            return ("none of the %d incidents has a date in '%s': try date_field=%s"
                    % (self.n_incidents, self.date_field, other))
        if self.n_coarse and self.n_coarse + self.n_undated == self.n_incidents:
            return ("the %d dated incidents are dated more coarsely than a %s: try by='year'"
                    % (self.n_coarse, self.period))
        if self.n_outside:
            return "all %d dated incidents are outside the span" % self.n_outside
        return None

    def _facts(self) -> List[Tuple[str, Any]]:
        out: List[Tuple[str, Any]] = [
            ("period", self.period), ("date_field", self.date_field),
            ("periods", len(self.periods)), ("counted", self.n_counted),
            ("undated", self.n_undated), ("uniformity_p", self.uniformity.p_value)]
        if self.two_formats is not None and self.two_formats.notices_twice:
            out.insert(0, ("possibly_counted_twice", self.two_formats.notices_twice))
        if self.hint:
            out.insert(0, ("hint", self.hint))
        return out

    def _rows(self) -> Tuple[Sequence[str], Sequence[Sequence[Any]]]:
        return (["start", "incidents", "affected"],
                [(str(p.start), p.n_incidents, str(p.affected)) if p.covered
                 else (str(p.start), "no data", "no data") for p in self.periods])

    def to_pandas(self) -> Any:
        """One row per period: start (datetime64[ns], with its precision) and end, the
        days the data cover and whether that is only part, the incidents counted (Int64)
        and their affected total (<NA> for a period without data)."""
        ps = self.periods
        cols = F.date_columns("start", [p.start for p in ps])
        cols["end"] = F.dates(p.end for p in ps)
        cols["days"] = F.ints(p.days for p in ps)
        cols["covered_days"] = F.ints(p.covered_days for p in ps)
        cols["partial"] = [p.partial for p in ps]
        cols["truncated"] = [p.truncated for p in ps]
        cols["n_incidents"] = F.ints(p.n_incidents for p in ps)
        cols.update(F.total_columns("affected", [p.affected for p in ps]))
        return F.frame(cols)


@dataclass(frozen=True, repr=False)
class Sizes(Shown):
    """The affected counts of the selected incidents. ``values`` are the exact (and
    estimated) counts, ascending; "at least" and "at most" counts are kept apart
    (``at_least``, ``at_most``) and never treated as exact. The summaries are over
    ``values`` (NaN when there are none); the geometric ones over the positive values.
    ``ccdf_p[i]`` is the share of values >= ``ccdf_x[i]``. ``quantiles`` holds the extra
    probabilities asked for with ``ds.sizes(quantiles=...)``. All values are in ``unit``
    (``units`` lists the units seen among the selected incidents). What the sources' own
    rules put in, which no figure corrects: ``n_placeholders`` of the values are counts
    their source also writes as a placeholder (the HHS portal's 500 and 501 for "500 or
    more"), taken at face value; ``n_floored`` of the sizes come from a list of breaches of
    ``floor`` or more only (the HHS portal: 500), so they are listed sizes, truncated there
    (``floor`` 0: none)."""

    n_incidents: int
    n_unknown: int
    n_zero: int
    n_estimated: int
    units: FrozenSet[str]
    values: Tuple[float, ...] = field(repr=False)
    at_least: Tuple[float, ...] = field(repr=False)
    at_most: Tuple[float, ...] = field(repr=False)
    min: float
    q1: float
    median: float
    q3: float
    p90: float
    p99: float
    max: float
    mean: float
    geomean: float
    geosd: float
    ccdf_x: Tuple[float, ...] = field(repr=False)
    ccdf_p: Tuple[float, ...] = field(repr=False)
    quantiles: Dict[float, float] = field(default_factory=dict, hash=False)
    # what every value counts; incidents of other units are left out (n_other_units)
    unit: str = "individuals"
    n_other_units: int = 0
    n_placeholders: int = 0
    n_floored: int = 0
    floor: int = 0

    @property
    def n(self) -> int:
        return len(self.values)

    @property
    def mixed_units(self) -> bool:
        """Whether people, accounts and records are mixed in the values."""
        return len(self.units) > 1

    def quantile(self, p: float) -> float:
        """The type-7 p-quantile of the values (NaN when there are none or p is outside
        [0, 1]), by the library's breach_statistic_quantile."""
        if p in self.quantiles:
            return self.quantiles[p]
        from ._stats import statistic
        return statistic("quantile", self.values, p=p)

    def bootstrap(self, statistic: Any = "median", replicates: int = 2000, seed: int = 1,
                  level: float = 0.95, p: Optional[float] = None,
                  progress: Optional[Callable[[int, int], Any]] = None) -> "Bootstrap":
        """A percentile bootstrap interval of a statistic of the values (see
        breach.bootstrap)."""
        from ._stats import bootstrap
        return bootstrap(self.values, statistic, replicates=replicates, seed=seed,
                         level=level, p=p, progress=progress)

    def _facts(self) -> List[Tuple[str, Any]]:
        return [("n", self.n), ("median", self.median), ("mean", self.mean),
                ("geomean", self.geomean), ("max", self.max), ("unit", self.unit),
                ("at_least", len(self.at_least)), ("at_most", len(self.at_most)),
                ("unknown", self.n_unknown)]

    def to_pandas(self, table: str = "values") -> Any:
        """The values (default; column ``value``) or the CCDF (table="ccdf": x, p)."""
        if table == "values":
            return _frame(((v,) for v in self.values), ["value"])
        if table == "ccdf":
            return _frame(zip(self.ccdf_x, self.ccdf_p), ["x", "p"])
        raise ValueError("table must be 'values' or 'ccdf', not %r" % (table,))


@dataclass(frozen=True, repr=False)
class Lognormal(Shown):
    """A log-normal maximum-likelihood fit: ``mu`` and ``sigma`` of ln x, ``median`` =
    exp(mu), the fitted distribution's median (not the sizes' median: see Sizes.median),
    with an interval for that parameter. ci_method is 'exact' (t and chi-square, no censoring) or 'wald' (censored
    values used, or more than 200,001 values)."""

    n_exact: int
    n_right_censored: int
    n_left_censored: int
    n_excluded: int
    mu: Interval
    sigma: Interval
    median: Interval
    loglik: float
    ci_method: str
    iterations: int

    def _facts(self) -> List[Tuple[str, Any]]:
        return [("mu", self.mu.estimate), ("sigma", self.sigma.estimate),
                ("median", self.median.estimate), ("n_exact", self.n_exact),
                ("censored", self.n_right_censored + self.n_left_censored),
                ("ci", self.ci_method)]

    def to_pandas(self) -> Any:
        """One row: each Interval as x, x_lo, x_hi."""
        return F.one_row(self)


@dataclass(frozen=True, repr=False)
class Powerlaw(Shown):
    """A continuous power-law tail (Clauset, Shalizi & Newman 2009): x >= xmin with
    exponent alpha. p_value is the share of synthetic data sets at least as far from their
    own fit (NaN without replicates; p <= 0.1 rules the power law out): replicates_far of
    the replicates, so it resolves nothing finer than 1 / replicates, and 0 of them means
    p < 1 / replicates, not p = 0 (``p_text``: "< 0.02 (0 of 50 replicates)")."""

    xmin: float
    alpha: float
    alpha_se: float
    ks: float
    p_value: float
    n: int
    n_tail: int
    n_censored_excluded: int
    replicates: int
    seed: int
    loglik: float
    replicates_far: int = 0

    @property
    def p_text(self) -> str:
        """The p-value with the count it rests on, as breachstat prints it: "0.0400 (2 of
        50 replicates)", "< 0.02 (0 of 50 replicates)", "n/a" without replicates."""
        b, k = self.replicates, self.replicates_far
        if not b:
            return "n/a"
        p = "< %.3g" % (1 / b) if k == 0 else ("%.1e" if k / b < 1e-4 else "%.4f") % (k / b)
        return "%s (%s of %s replicate%s)" % (p, format(k, ","), format(b, ","),
                                              "" if b == 1 else "s")

    def _facts(self) -> List[Tuple[str, Any]]:
        return [("xmin", self.xmin), ("alpha", self.alpha), ("p_value", self.p_text),
                ("n_tail", self.n_tail), ("n", self.n), ("replicates", self.replicates)]

    def to_pandas(self) -> Any:
        """One row of the fit's figures."""
        return F.one_row(self)


@dataclass(frozen=True, repr=False)
class Vuong(Shown):
    """Vuong's test of the power law against a log-normal (truncated at xmin) on the same
    tail. ratio > 0 favours the power law; ``favours`` is 'powerlaw', 'lognormal' or
    'neither' (p > 0.1). ``powerlaw`` is the fit compared."""

    n_tail: int
    lognormal_mu: float
    lognormal_sigma: float
    powerlaw_loglik: float
    lognormal_loglik: float
    ratio: float
    statistic: float
    p_value: float
    favours: str
    converged: bool
    powerlaw: Powerlaw

    def _facts(self) -> List[Tuple[str, Any]]:
        return [("favours", self.favours), ("ratio", self.ratio), ("p_value", self.p_value),
                ("n_tail", self.n_tail), ("xmin", self.powerlaw.xmin),
                ("alpha", self.powerlaw.alpha)]

    def to_pandas(self) -> Any:
        """One row: the test and the compared fit (columns powerlaw_*)."""
        return F.one_row(self)


@dataclass(frozen=True)
class KmStep:
    """One step of a Kaplan-Meier curve: at ``time`` days, ``events`` next breaches and
    ``censored`` observations among ``at_risk``; S(t) with its Greenwood standard error and
    pointwise band (NaN where S = 0 or before the first event)."""

    time: float
    at_risk: int
    events: int
    censored: int
    survival: float
    se: float
    lo: float
    hi: float


class SurvivalPoint(NamedTuple):
    """S(t) and its band at ``time`` days; all NaN past the longest observation (where S is
    not estimated)."""

    time: float
    survival: float
    lo: float
    hi: float


@dataclass(frozen=True, repr=False)
class Survival(Shown):
    """Time to the next breach of the same organisation (Kaplan-Meier). ``median`` is the
    median time in days; ``within_1y`` / ``within_3y`` the shares breached again within
    365 / 1,095 days (NaN when not reached or past the follow-up). ``points`` holds S at
    the times asked for with ``ds.survival(at=...)``, as the library computes it."""

    date_field: str
    merge_within_days: int
    every_episode: bool
    ci: str
    level: float
    n_incidents: int
    n_undated: int
    n_unnamed: int
    n_late: int
    n_organisations: int
    n_observations: int
    n_events: int
    n_censored: int
    window_end: Optional[Date]
    median: Interval
    within_1y: Interval
    within_3y: Interval
    steps: Tuple[KmStep, ...]
    points: Dict[float, SurvivalPoint] = field(default_factory=dict, hash=False)

    def at(self, t: float) -> SurvivalPoint:
        """S(t) and its band at t days (right-continuous steps; S = 1 before the first
        event), as breach_survival_at: all NaN past the longest observation unless S has
        reached 0. ValueError for a negative t."""
        t = float(t)
        if not t >= 0:
            from ._errors import EINVAL, InvalidArgumentError
            raise InvalidArgumentError("survival time must be >= 0, not %r" % t, EINVAL)
        if t in self.points:
            return self.points[t]
        nan = math.nan
        steps = self.steps
        if not steps or (t > steps[-1].time and steps[-1].survival > 0):
            return SurvivalPoint(t, nan, nan, nan)
        import bisect
        k = bisect.bisect_right([s.time for s in steps], t)
        if k == 0:
            return SurvivalPoint(t, 1.0, nan, nan)
        s = steps[k - 1]
        return SurvivalPoint(t, s.survival, s.lo, s.hi)

    def _facts(self) -> List[Tuple[str, Any]]:
        return [("organisations", self.n_organisations), ("events", self.n_events),
                ("censored", self.n_censored), ("median", self.median.estimate),
                ("within_1y", self.within_1y.estimate), ("within_3y", self.within_3y.estimate)]

    def to_pandas(self) -> Any:
        cols = ["time", "at_risk", "events", "censored", "survival", "se", "lo", "hi"]
        return _frame(((s.time, s.at_risk, s.events, s.censored, s.survival, s.se, s.lo,
                        s.hi) for s in self.steps), cols)


@dataclass(frozen=True)
class PercapitaRow:
    """Affected per 100,000 residents of a region: ``rate`` from the total's point figure,
    ``rate_lower`` / ``rate_upper`` from its bounds (math.inf when open-ended)."""

    region: str
    region_name: str
    population: int
    affected: Total
    rate: float
    rate_lower: float
    rate_upper: float


@dataclass(frozen=True, repr=False)
class Percapita(Shown):
    """Residents affected per 100,000 by region, by rate descending, from the notices that
    give residence breakdowns (``regions`` is always 'residents': a rate per resident needs
    a count of residents). No breakdown selected: no row. Regions without a population
    figure are summed apart. The rates add the residents of every notice dated ``first`` ..
    ``last`` (by ``date_field``, ``n_undated`` without the date) over the days the lists
    cover, ``covered_first`` .. ``covered_last`` (the lists' span cut to a start/end
    filter: a 2023 selection covers 2023's days, not its first to its last notice), ``days``
    of them (0 when none): over several years they are not annual rates. ``year``
    is the population estimate's: the one the Population was read for, or with year 0 the
    one calendar year every dated notice lies in when the file has it, else the latest;
    ``year_matches`` says whether every dated notice lies in it."""

    regions: str
    year: int
    n_without_population: int
    affected_without_population: Total
    rows: Tuple[PercapitaRow, ...]
    date_field: str = "event"
    first: Optional[Date] = None
    last: Optional[Date] = None
    n_undated: int = 0
    days: int = 0
    year_matches: bool = False
    covered_first: Optional[Date] = None
    covered_last: Optional[Date] = None
    # the shares' observation of the covered days by an event date (RegionShares has the
    # rule): when truncated_start or truncated_end, the rates are lower bounds
    reported_first: Optional[Date] = None
    reported_last: Optional[Date] = None
    n_delays: int = 0
    lag_days: Optional[int] = None
    lag_median: Optional[int] = None
    truncated_start: bool = False
    truncated_end: bool = False

    def __getitem__(self, region: str) -> PercapitaRow:
        for r in self.rows:
            if r.region == region:
                return r
        raise KeyError(region)

    def __iter__(self) -> Iterator[PercapitaRow]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def _facts(self) -> List[Tuple[str, Any]]:
        return [("regions", len(self.rows)), ("year", str(self.year)),
                ("without_population", self.n_without_population),
                ("date_field", self.date_field), ("first", str(self.first)),
                ("last", str(self.last)), ("years", round(self.days / 365.25, 1))]

    def _rows(self) -> Tuple[Sequence[str], Sequence[Sequence[Any]]]:
        return (["region", "name", "per 100,000", "affected", "population"],
                [(r.region, r.region_name, r.rate, str(r.affected), r.population)
                 for r in self.rows])

    def to_pandas(self) -> Any:
        """One row per region: population, affected residents (Int64 point, lower, upper,
        n_unknown) and the rates per 100,000."""
        rows = self.rows
        cols: Dict[str, Any] = {"region": [r.region for r in rows],
                                "region_name": [r.region_name for r in rows],
                                "population": F.ints(r.population for r in rows)}
        cols.update(F.total_columns("affected", [r.affected for r in rows]))
        for name in ("rate", "rate_lower", "rate_upper"):
            cols[name] = [getattr(r, name) for r in rows]
        return F.frame(cols)


@dataclass(frozen=True)
class Link:
    """A notice with regional counts and no total (``regional``, a dataset index) joined to
    the notices of the same organisation that give totals (``totals``), dated from
    ``days_min`` to ``days_max`` days after it; ``total`` adds their affected counts.
    ``shares`` gives each region of the regional notice its share of that total (a
    RegionShare whose ``whole`` is the total as one count); ``reason`` says why, in words.
    ``inconsistent``: a regional count is above the linked total (probably another incident
    or a different count basis), so every share of the link is NaN (part and whole kept).
    ``n_other_unit``: notices of the same key in the window counting accounts or records,
    never added to the total of people. ``n_other_source``: notices of the same key in the
    window with a total from an input of another format, the same incident's figure given
    twice, never added (the format whose totals sum highest stands; on a tie the one
    loaded first). ``n_other_filing``: notices of the same key in the window with a total
    of another filing, left out (the window's totals are cut into filings as episodes are:
    a day's notices are one, a business associate's filings one for 60 days from the first;
    the filing nearest the regional notice stands, on a tie the earlier). Always share_min
    <= share <= share_max."""

    regional: int
    regional_id: Optional[str]
    entity: Optional[str]
    entity_key: str
    totals: Tuple[int, ...]
    total_ids: Tuple[Optional[str], ...]
    total: Total
    days_min: int
    days_max: int
    reason: str
    shares: Dict[str, RegionShare] = field(default_factory=dict, hash=False)
    inconsistent: bool = False
    n_other_unit: int = 0
    n_other_source: int = 0
    n_other_filing: int = 0


@dataclass(frozen=True, repr=False)
class FormatOverlap(Shown):
    """What totals may count twice when inputs of two formats are loaded together (a
    curated file copying HHS rows, a state's notice of an HHS filing): ``n_organisations``
    have notices of two formats dated within ``window_days`` (``n_notices`` of them); per
    unit, ``twice`` (totals) and ``twice_residents`` (regional counts) are the figures of
    all formats but the largest one's, from ``n_twice`` and ``n_twice_residents``
    organisations. Nothing is dropped: it says how much rests on such notices."""

    date_field: str
    window_days: int
    n_formats: int
    n_organisations: int
    n_notices: int
    twice: Dict[str, int]
    twice_residents: Dict[str, int]
    n_twice: Dict[str, int]
    n_twice_residents: Dict[str, int]
    # notices, with a figure or not: ``n_paired_notices`` of ``n_paired_organisations``
    # have a notice of another format within the window; a count of notices may count
    # ``notices_twice`` of them again (in each cluster, all formats' notices but the most
    # numerous format's); ``n_figures_twice`` per unit: the totals ``twice`` adds up
    # (sizes a distribution may list twice)
    n_paired_notices: int = 0
    n_paired_organisations: int = 0
    notices_twice: int = 0
    n_figures_twice: Dict[str, int] = field(default_factory=dict, hash=False)

    def _facts(self) -> List[Tuple[str, Any]]:
        return [("n_organisations", self.n_organisations),
                ("twice", self.twice["individuals"]),
                ("notices_twice", self.notices_twice),
                ("twice_residents", self.twice_residents["individuals"]),
                ("window_days", self.window_days)]


@dataclass(frozen=True, repr=False)
class Links(Shown):
    """Cross-source links among the selected incidents: of ``n_regional`` notices with
    regional counts and no total, ``n_linked`` were linked, ``n_undated`` had no date and
    ``n_unmatched`` no total of the same organisation within ``window_days`` (or counted
    no people); ``n_inconsistent`` of the links have a regional count above their total and
    give no share. Links by entity key, then the regional notice's date."""

    date_field: str
    window_days: int
    n_regional: int
    n_linked: int
    n_undated: int
    n_unmatched: int
    links: Tuple[Link, ...]
    n_inconsistent: int = 0

    def __iter__(self) -> Iterator[Link]:
        return iter(self.links)

    def __len__(self) -> int:
        return len(self.links)

    def _facts(self) -> List[Tuple[str, Any]]:
        return [("regional", self.n_regional), ("linked", self.n_linked),
                ("unmatched", self.n_unmatched), ("undated", self.n_undated),
                ("inconsistent", self.n_inconsistent), ("window_days", self.window_days)]

    def _rows(self) -> Tuple[Sequence[str], Sequence[Sequence[Any]]]:
        return (["entity", "total", "days", "reason"],
                [(k.entity, str(k.total), k.days_min, k.reason) for k in self.links])

    def to_pandas(self) -> Any:
        """One row per link and region of the regional notice: the linked total (Int64
        point, lower, upper, n_unknown), the region's count (part: Int64 with its qualifier) and its
        share of the total."""
        rows: List[Tuple[Link, Optional[str], Optional[RegionShare]]] = []
        for k in self.links:
            items: List[Tuple[Optional[str], Optional[RegionShare]]] = list(k.shares.items())
            for code, sh in (items or [(None, None)]):
                rows.append((k, code, sh))
        cols: Dict[str, Any] = {
            "regional": F.ints(r[0].regional for r in rows),
            "regional_id": [r[0].regional_id for r in rows],
            "entity": [r[0].entity for r in rows], "entity_key": [r[0].entity_key for r in rows],
            "n_totals": F.ints(len(r[0].totals) for r in rows)}
        cols.update(F.total_columns("total", [r[0].total for r in rows]))
        cols["days_min"] = F.ints(r[0].days_min for r in rows)
        cols["days_max"] = F.ints(r[0].days_max for r in rows)
        cols["region"] = [r[1] for r in rows]
        cols.update(F.count_columns("part", [r[2].part if r[2] else Count.unknown()
                                             for r in rows]))
        for name in ("share", "share_min", "share_max"):
            cols[name] = [getattr(r[2], name) if r[2] else math.nan for r in rows]
        cols["inconsistent"] = [r[0].inconsistent for r in rows]
        cols["reason"] = [r[0].reason for r in rows]
        return F.frame(cols)
