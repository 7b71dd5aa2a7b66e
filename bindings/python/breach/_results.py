"""Result objects of the statistics: frozen dataclasses that own copies of what they need
(the C result is freed before they are returned), each with ``to_pandas()``.
"""

import math
from dataclasses import asdict, dataclass
from typing import NamedTuple, Optional, Tuple

from ._model import Count, Date, Total


def _pandas():
    try:
        import pandas
    except ImportError as e:
        raise ImportError("to_pandas() needs pandas (pip install pandas); everything else in "
                          "breach works without it") from e
    return pandas


def _frame(rows, columns):
    return _pandas().DataFrame([r for r in rows], columns=columns)


def percent(x):
    """A share as a percentage (NaN stays NaN)."""
    return x * 100.0 if not math.isnan(x) else math.nan


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
    def percent(self):
        return percent(self.share)

    def to_pandas(self):
        d = asdict(self)
        d["part"], d["whole"] = str(self.part), str(self.whole)
        return _pandas().DataFrame([d])


@dataclass(frozen=True)
class RegionRow:
    """One region across a dataset."""

    region: str
    region_name: str
    total: Total
    n_incidents: int
    share: float

    @property
    def percent(self):
        return percent(self.share)


@dataclass(frozen=True)
class RegionShares:
    """Per-region totals over the selected incidents; rows by total descending."""

    n_incidents: int
    n_with_breakdown: int
    all_regions: Total
    affected_with_breakdown: Total
    rows: Tuple[RegionRow, ...]

    def __getitem__(self, region):
        """The row of a region code ("US-ME"); KeyError when no breakdown names it."""
        for r in self.rows:
            if r.region == region:
                return r
        raise KeyError(region)

    def __iter__(self):
        return iter(self.rows)

    def __len__(self):
        return len(self.rows)

    def to_pandas(self):
        cols = ["region", "region_name", "point", "lower", "upper", "upper_unbounded",
                "n_incidents", "share"]
        return _frame(((r.region, r.region_name, r.total.point, r.total.lower, r.total.upper,
                        r.total.upper_unbounded, r.n_incidents, r.share) for r in self.rows),
                      cols)


# ------------------------------------------------------------------ supply chain


@dataclass(frozen=True)
class SupplyMember:
    """One organisation hit through the vendor: its latest revision (or a separate notice).
    role is 'counted' or 'possible_double' (its ``via`` organisation is itself a member,
    so it is in the upper bound only)."""

    index: int
    id: Optional[str]
    entity: Optional[str]
    affected: Count
    reported: Optional[Date]
    role: str
    n_revisions: int


@dataclass(frozen=True)
class SupplyPoint:
    """Running totals just after all notices of one reported date."""

    date: Date
    organisations: int
    lower: int
    upper: int
    upper_unbounded: bool
    point: int


@dataclass(frozen=True)
class SupplyChain:
    """Totals for one vendor or campaign."""

    vendor: str
    n_notices: int
    n_superseded: int
    n_organisations: int
    n_possible_double: int
    individuals: Total
    n_undated: int
    members: Tuple[SupplyMember, ...]
    curve: Tuple[SupplyPoint, ...]

    def to_pandas(self, table="members"):
        """The members (default) or the cumulative curve (table="curve") as a DataFrame."""
        if table == "members":
            cols = ["index", "id", "entity", "affected", "affected_qualifier", "reported",
                    "role", "n_revisions"]
            return _frame(((m.index, m.id, m.entity,
                            m.affected.value if m.affected.known else None,
                            m.affected.qualifier, m.reported.date if m.reported else None,
                            m.role, m.n_revisions) for m in self.members), cols)
        if table == "curve":
            cols = ["date", "organisations", "lower", "upper", "upper_unbounded", "point"]
            return _frame(((p.date.date, p.organisations, p.lower, p.upper, p.upper_unbounded,
                            p.point) for p in self.curve), cols)
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


@dataclass(frozen=True)
class Repeats:
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

    def to_pandas(self):
        cols = ["entity_key", "entity", "first", "second", "first_id", "second_id",
                "first_date", "second_date", "days", "days_min", "days_max"]
        return _frame(((i.entity_key, i.entity, i.first, i.second, i.first_id, i.second_id,
                        i.first_date.date, i.second_date.date, i.days, i.days_min, i.days_max)
                       for i in self.intervals), cols)


# ------------------------------------------------------------------ load reports


class Issue(NamedTuple):
    """One rejected row or warning: (source, line, column, row, code, text). For rejects
    ``code`` is a negative status (``exception()`` gives the matching BreachError); for
    warnings a positive WARN_* code."""

    source: Optional[str]
    line: int
    column: int
    row: int
    code: int
    text: str

    def exception(self):
        """The BreachError that a strict load would have raised for this row."""
        from ._errors import make_error
        return make_error(self.code, self.text, self.source, self.line, self.column)


WARN_NAMES = {1: "placeholder", 2: "duplicate", 3: "header", 4: "other"}


@dataclass(frozen=True)
class LoadReport:
    """What a load read, kept and rejected: rows_read = rows_loaded + rows_rejected."""

    rows_read: int
    rows_loaded: int
    rows_rejected: int
    rejects: Tuple[Issue, ...]
    warnings: Tuple[Issue, ...]
    format: Optional[str] = None  # the format the rows were read as

    def to_pandas(self, table="rejects"):
        """The rejected rows (default) or the warnings as a DataFrame."""
        if table not in ("rejects", "warnings"):
            raise ValueError("table must be 'rejects' or 'warnings', not %r" % (table,))
        return _frame(getattr(self, table), list(Issue._fields))
