"""Result objects of the statistics: frozen dataclasses that own copies of what they need
(the C result is freed before they are returned), each with ``to_pandas()``.
"""

import math
from dataclasses import asdict, dataclass, field
from typing import Dict, FrozenSet, NamedTuple, Optional, Tuple

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

    def to_pandas(self):
        return _frame(((self.name, v, n, v in self.unknown) for v, n in self.values.items()),
                      ["field", "value", "n_incidents", "unknown"])


@dataclass(frozen=True)
class Overview:
    """What a selection holds. ``by_unit`` maps each unit ("individuals", "accounts",
    "records") that some selected notice counts to its total; a unit missing from it is
    not counted by the selected sources (not zero)."""

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
    # the region's residents counted in each unit ('individuals', 'accounts', 'records'):
    # None for a unit no selected notice is in ("not counted"); ``total`` is the result's
    # unit's
    by_unit: Dict[str, Optional[Total]] = field(default_factory=dict, hash=False)

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
    # the totals' unit (no total adds units), the units seen among the selected notices,
    # and the notices with a breakdown in another unit (left out of the totals)
    unit: str = "individuals"
    units: FrozenSet[str] = frozenset()
    n_other_units: int = 0
    all_regions_by_unit: Dict[str, Optional[Total]] = field(default_factory=dict, hash=False)

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


@dataclass(frozen=True)
class SupplyChain:
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

    def to_pandas(self, table="members"):
        """The members (default) or the cumulative curve (table="curve") as a DataFrame."""
        if table == "members":
            cols = ["index", "id", "entity", "affected", "affected_qualifier", "unit",
                    "reported", "role", "n_revisions"]
            return _frame(((m.index, m.id, m.entity,
                            m.affected.value if m.affected.known else None,
                            m.affected.qualifier, m.unit,
                            m.reported.date if m.reported else None,
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
    def bounds(self):
        return self.lo, self.hi

    @classmethod
    def _from_c(cls, i):
        return cls(i.estimate, i.lo, i.hi, i.level)


@dataclass(frozen=True)
class Bootstrap:
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
    def estimate(self):
        return self.ci.estimate

    @property
    def lo(self):
        return self.ci.lo

    @property
    def hi(self):
        return self.ci.hi

    @property
    def level(self):
        return self.ci.level

    def to_pandas(self):
        """The valid replicates, one row each (column ``value``)."""
        return _frame(((v,) for v in self.values), ["value"])


@dataclass(frozen=True)
class CountRow:
    """One level of a dimension: ``count`` incidents, their ``affected`` total, and the
    proportion count / n with its interval (NaN when not given: small n, or the unknown
    row outside n)."""

    label: str
    unknown: bool
    count: int
    affected: Total
    proportion: float
    lo: float
    hi: float
    # each unit's total ('individuals', 'accounts', 'records'); None: no selected incident
    # is in that unit ("not counted"). ``affected`` is the result's unit's.
    by_unit: Dict[str, Optional[Total]] = field(default_factory=dict, hash=False)

    @property
    def percent(self):
        return percent(self.proportion)


class CountCol(NamedTuple):
    """A column of a cross-tab: the incidents carrying one level of the ``by`` dimension,
    their n and small-sample status."""

    label: str
    unknown: bool
    n_incidents: int
    n: int
    status: str


class CountCell(NamedTuple):
    """The column's incidents in the row's level, and their share of the column's n."""

    count: int
    proportion: float
    lo: float
    hi: float


@dataclass(frozen=True)
class Counts:
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
    # test of independence ('ok', 'none', 'multi_valued', 'too_small')
    by: Optional[str] = None
    cols: Tuple["CountCol", ...] = ()
    cells: Dict[Tuple[str, str], "CountCell"] = field(default_factory=dict, hash=False)
    independence_status: str = "none"
    independence: Optional["ChisqTest"] = None
    n_cells_tested: int = 0
    n_cells_expected_below_5: int = 0
    expected_warning: bool = False
    n_not_stated_by: int = 0

    def __getitem__(self, label):
        """The row of a level ("hacking", "US-CA", "unknown"); KeyError when absent."""
        for r in self.rows:
            if r.label == label:
                return r
        raise KeyError(label)

    def __iter__(self):
        return iter(self.rows)

    def __len__(self):
        return len(self.rows)

    def to_pandas(self):
        cols = ["label", "unknown", "count", "affected", "affected_lower", "affected_upper",
                "affected_upper_unbounded", "proportion", "lo", "hi"]
        return _frame(((r.label, r.unknown, r.count, r.affected.point, r.affected.lower,
                        r.affected.upper, r.affected.upper_unbounded, r.proportion, r.lo,
                        r.hi) for r in self.rows), cols)

    def cells_to_pandas(self):
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
    it and their affected total."""

    start: Date
    days: int
    n_incidents: int
    affected: Total  # in the series' unit (Timeseries.unit) only
    covered_days: int = 0  # days inside the series' span; < days: partial
    partial: bool = False  # left out of the tests
    # per unit name: (notices, Total); a unit with no notice in the period is absent
    # ("not counted", never 0)
    by_unit: Dict[str, Tuple[int, Total]] = field(default_factory=dict, hash=False)

    @property
    def end(self):
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


@dataclass(frozen=True)
class Timeseries:
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

    @property
    def counts(self):
        """The incidents per period, as a tuple of ints."""
        return tuple(p.n_incidents for p in self.periods)

    def __iter__(self):
        return iter(self.periods)

    def __len__(self):
        return len(self.periods)

    def to_pandas(self):
        cols = ["start", "end", "days", "n_incidents", "affected", "affected_lower",
                "affected_upper", "affected_upper_unbounded"]
        return _frame(((p.start.date, p.end, p.days, p.n_incidents, p.affected.point,
                        p.affected.lower, p.affected.upper, p.affected.upper_unbounded)
                       for p in self.periods), cols)


@dataclass(frozen=True)
class Sizes:
    """The affected counts of the selected incidents. ``values`` are the exact (and
    estimated) counts, ascending; "at least" and "at most" counts are kept apart
    (``at_least``, ``at_most``) and never treated as exact. The summaries are over
    ``values`` (NaN when there are none); the geometric ones over the positive values.
    ``ccdf_p[i]`` is the share of values >= ``ccdf_x[i]``. ``quantiles`` holds the extra
    probabilities asked for with ``ds.sizes(quantiles=...)``. All values are in ``unit``
    (``units`` lists the units seen among the selected incidents)."""

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

    @property
    def n(self):
        return len(self.values)

    @property
    def mixed_units(self):
        """Whether people, accounts and records are mixed in the values."""
        return len(self.units) > 1

    def quantile(self, p):
        """The type-7 p-quantile of the values (NaN when there are none or p is outside
        [0, 1]), by the library's breach_statistic_quantile."""
        if p in self.quantiles:
            return self.quantiles[p]
        from ._stats import statistic
        return statistic("quantile", self.values, p=p)

    def bootstrap(self, statistic="median", replicates=2000, seed=1, level=0.95, p=None):
        """A percentile bootstrap interval of a statistic of the values (see
        breach.bootstrap)."""
        from ._stats import bootstrap
        return bootstrap(self.values, statistic, replicates=replicates, seed=seed,
                         level=level, p=p)

    def to_pandas(self, table="values"):
        """The values (default; column ``value``) or the CCDF (table="ccdf": x, p)."""
        if table == "values":
            return _frame(((v,) for v in self.values), ["value"])
        if table == "ccdf":
            return _frame(zip(self.ccdf_x, self.ccdf_p), ["x", "p"])
        raise ValueError("table must be 'values' or 'ccdf', not %r" % (table,))


@dataclass(frozen=True)
class Lognormal:
    """A log-normal maximum-likelihood fit: ``mu`` and ``sigma`` of ln x, ``median`` =
    exp(mu). ci_method is 'exact' (t and chi-square, no censoring) or 'wald' (censored
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


@dataclass(frozen=True)
class Powerlaw:
    """A continuous power-law tail (Clauset, Shalizi & Newman 2009): x >= xmin with
    exponent alpha. p_value is the share of synthetic data sets at least as far from their
    own fit (NaN without replicates; p <= 0.1 rules the power law out)."""

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


@dataclass(frozen=True)
class Vuong:
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


@dataclass(frozen=True)
class Survival:
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

    def at(self, t):
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

    def to_pandas(self):
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


@dataclass(frozen=True)
class Percapita:
    """Residents affected per 100,000 by region, by rate descending, from the notices that
    give residence breakdowns (``regions`` is always 'residents': a rate per resident needs
    a count of residents). No breakdown selected: no row. Regions without a population
    figure are summed apart."""

    regions: str
    year: int
    n_without_population: int
    affected_without_population: Total
    rows: Tuple[PercapitaRow, ...]

    def __getitem__(self, region):
        for r in self.rows:
            if r.region == region:
                return r
        raise KeyError(region)

    def __iter__(self):
        return iter(self.rows)

    def __len__(self):
        return len(self.rows)

    def to_pandas(self):
        cols = ["region", "region_name", "population", "affected", "affected_lower",
                "affected_upper", "affected_upper_unbounded", "rate", "rate_lower",
                "rate_upper"]
        return _frame(((r.region, r.region_name, r.population, r.affected.point,
                        r.affected.lower, r.affected.upper, r.affected.upper_unbounded,
                        r.rate, r.rate_lower, r.rate_upper) for r in self.rows), cols)


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
    never added to the total of people. Always share_min <= share <= share_max."""

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


@dataclass(frozen=True)
class Links:
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

    def __iter__(self):
        return iter(self.links)

    def __len__(self):
        return len(self.links)

    def to_pandas(self):
        """One row per link and region of the regional notice."""
        cols = ["regional", "regional_id", "entity", "entity_key", "n_totals", "total",
                "total_lower", "total_upper", "total_upper_unbounded", "days_min", "days_max",
                "region", "part", "share", "share_min", "share_max", "inconsistent", "reason"]
        rows = []
        for k in self.links:
            t = k.total
            for code, s in (k.shares.items() or [(None, None)]):
                rows.append((k.regional, k.regional_id, k.entity, k.entity_key, len(k.totals),
                             t.point, t.lower, t.upper, t.upper_unbounded, k.days_min,
                             k.days_max, code, str(s.part) if s else None,
                             s.share if s else math.nan, s.share_min if s else math.nan,
                             s.share_max if s else math.nan, k.inconsistent, k.reason))
        return _frame(rows, cols)
