"""Value types of the incident model: Date, Count, Total, Incident.

These are plain frozen dataclasses holding Python values (str, int, datetime.date,
frozenset, dict): nothing here points into C memory. Parsing and validation go through
libbreach so that Python and C accept exactly the same input.
"""

import datetime as _dt
import math
from dataclasses import dataclass, field
import ctypes
from typing import (Any, Dict, FrozenSet, Iterable, List, Optional, Tuple, Union)

from . import _errors
from ._lib import Error, lib
from . import _lib

_EPOCH = _dt.date(1970, 1, 1)
_EPOCH_ORDINAL = _EPOCH.toordinal()

PRECISIONS = ("none", "year", "month", "day")
QUALIFIERS = ("unknown", "exact", "at_least", "at_most", "estimated")
DATE_FIELDS = ("event", "reported", "occurred", "discovered")
_QUALIFIER_SYNTAX = {"exact": "", "at_least": ">=", "at_most": "<=", "estimated": "~"}


def _bytes(text: Union[str, bytes], what: str) -> bytes:
    if isinstance(text, bytes):
        return text
    if not isinstance(text, str):
        raise TypeError("%s must be a str, not %s" % (what, type(text).__name__))
    return text.encode("utf-8", "surrogateescape")


def _str(b: Optional[bytes]) -> Optional[str]:
    return None if b is None else b.decode("utf-8", "replace")


# ------------------------------------------------------------------ vocabularies


class _Vocab:
    """A name <-> number vocabulary of the library (categories, types, locations, units),
    read from the library once."""

    def __init__(self, name_fn: str, parse_fn: str, what: str) -> None:
        self._name_fn, self._parse_fn, self.what = name_fn, parse_fn, what
        self._names: Optional[Tuple[str, ...]] = None
        # bit set -> frozenset of names, for reading incidents fast
        self._sets: Dict[int, FrozenSet[str]] = {}

    @property
    def names(self) -> Tuple[str, ...]:
        if self._names is None:
            f = getattr(lib(), self._name_fn)
            names: List[str] = []
            while len(names) < 64:
                n = f(len(names))
                if n is None:
                    break
                names.append(n.decode("ascii"))
            self._names = tuple(names)
        return self._names

    def number(self, name: Union[str, bytes]) -> int:
        b = _bytes(name, self.what)
        out = ctypes.c_int()
        getattr(lib(), self._parse_fn)(b, len(b), out, Error())
        return out.value

    def to_set(self, names: Union[None, int, str, bytes, Iterable[str]]) -> int:
        """A bit set from an iterable of names (or one string, ';'-separated)."""
        if names is None:
            return 0
        if isinstance(names, int) and not isinstance(names, bool):
            return names
        if isinstance(names, (str, bytes)):
            if isinstance(names, bytes):
                names = names.decode("utf-8")
            names = [n for n in names.split(";") if n.strip()]
        bits = 0
        for n in names:  # type: ignore[union-attr]  # a bool is an int, returned above
            bits |= 1 << self.number(n)
        return bits

    def from_set(self, bits: int) -> FrozenSet[str]:
        cache = self._sets
        got = cache.get(bits)
        if got is None:
            names = self.names
            got = frozenset(names[k] for k in range(len(names)) if bits >> k & 1)
            if len(cache) < 4096:
                cache[bits] = got
        return got


CATEGORIES = _Vocab("breach_category_name", "breach_category_parse", "data category")
TYPES = _Vocab("breach_type_name", "breach_type_parse", "breach type")
LOCATIONS = _Vocab("breach_location_name", "breach_location_parse", "data location")
UNITS = _Vocab("breach_unit_name", "breach_unit_parse", "count unit")


class _Regions:
    """Region codes <-> the library's region numbers (numbers may change between library
    versions, so Python only ever shows codes)."""

    def __init__(self) -> None:
        self._codes: Optional[Tuple[str, ...]] = None
        self._by_code: Dict[str, int] = {}

    def code(self, number: int) -> Optional[str]:
        if self._codes is None:
            L = lib()
            n = L.breach_region_max()
            self._codes = tuple(L.breach_region_code(r).decode("ascii") for r in range(n + 1))
        return self._codes[number] if 0 < number < len(self._codes) else None

    def number(self, region: Optional[str]) -> int:
        """The number of an ISO code ("US-ME", "FR"); a US state name ("Maine") is accepted
        too. A bare two-letter code is a country, as in the C library."""
        if region is None or region == "":
            return 0
        r = self._by_code.get(region)
        if r is not None:
            return r
        b = _bytes(region, "region")
        out = _lib.c_region()
        try:
            lib().breach_region_parse(b, len(b), out, Error())
        except _errors.RegionError:
            if len(b.strip()) <= 2:
                raise
            lib().breach_region_from_us_state(b, len(b), out, Error())
        self._by_code[region] = out.value
        return out.value

    def name(self, region: Optional[str]) -> Optional[str]:
        return _str(lib().breach_region_name(self.number(region))) or None

    def canonical(self, region: Optional[str]) -> Optional[str]:
        return self.code(self.number(region))


REGIONS = _Regions()


def region_name(code: str) -> Optional[str]:
    """The English name of a region code ("US-ME" -> "Maine")."""
    return REGIONS.name(code)


def entity_key(name: Union[str, bytes]) -> str:
    """The normalised key of an organisation name, as the library compares entities
    ("NextGen Healthcare, Inc." -> "nextgen healthcare")."""
    b = _bytes(name, "entity name")
    f = lib().breach_entity_key
    size = len(b) * 2 + 16
    while True:
        buf = ctypes.create_string_buffer(size)
        n = f(b, len(b), buf, size)
        if n < size:
            return buf.value.decode("utf-8")
        size = n + 1


# ------------------------------------------------------------------ dates


@dataclass(frozen=True, order=True)
class Date:
    """A calendar date with the precision it was given at: ``date`` is the first day of
    the period ("2023-04" is 2023-04-01 with precision "month")."""

    date: _dt.date
    precision: str = "day"

    def __post_init__(self) -> None:
        if self.precision not in ("year", "month", "day"):
            raise ValueError("precision must be 'year', 'month' or 'day', not %r"
                             % (self.precision,))
        if not isinstance(self.date, _dt.date) or isinstance(self.date, _dt.datetime):
            if isinstance(self.date, _dt.datetime):
                object.__setattr__(self, "date", self.date.date())
            else:
                raise TypeError("Date.date must be a datetime.date")
        d = self.date
        if self.precision == "year" and (d.month, d.day) != (1, 1):
            object.__setattr__(self, "date", d.replace(month=1, day=1))
        elif self.precision == "month" and d.day != 1:
            object.__setattr__(self, "date", d.replace(day=1))

    @classmethod
    def parse(cls, text: Union[str, bytes]) -> Optional["Date"]:
        """Parses the forms libbreach accepts (YYYY, YYYY-MM, YYYY-MM-DD, MM/DD/YYYY, with an
        optional time). Returns None for an empty string; raises DateError otherwise."""
        b = _bytes(text, "date")
        out = _lib.Date()
        lib().breach_date_parse(b, len(b), out, Error())
        return cls._from_c(out)

    @classmethod
    def of(cls, value: Union[None, "Date", _dt.date, str, bytes, int]) -> Optional["Date"]:
        """A Date from a Date, a datetime.date (day precision), a str (parsed), an int (a
        year) or None (None)."""
        if value is None or isinstance(value, Date):
            return value
        if isinstance(value, _dt.date):
            return cls(value.date() if isinstance(value, _dt.datetime) else value, "day")
        if isinstance(value, (str, bytes)):
            return cls.parse(value)
        if isinstance(value, int) and not isinstance(value, bool):
            return cls.parse("%04d" % value)
        raise TypeError("cannot make a Date from %s" % type(value).__name__)

    @classmethod
    def _from_c(cls, d: Any) -> Optional["Date"]:
        if d.precision == 0:
            return None
        return cls(_dt.date.fromordinal(d.day + _EPOCH_ORDINAL), PRECISIONS[d.precision])

    def _to_c(self) -> Any:
        return _lib.Date(self.date.toordinal() - _EPOCH_ORDINAL, PRECISIONS.index(self.precision))

    @property
    def last_day(self) -> _dt.date:
        """The last day that the period covers (a datetime.date)."""
        d = self.date
        if self.precision == "day":
            return d
        if self.precision == "year":
            return d.replace(month=12, day=31)
        nxt = d.replace(year=d.year + 1, month=1) if d.month == 12 else d.replace(month=d.month + 1)
        return nxt - _dt.timedelta(days=1)

    def __str__(self) -> str:
        d = self.date
        if self.precision == "year":
            return "%04d" % d.year
        if self.precision == "month":
            return "%04d-%02d" % (d.year, d.month)
        return "%04d-%02d-%02d" % (d.year, d.month, d.day)


def days_between(a: Union["Date", _dt.date, str, int],
                 b: Union["Date", _dt.date, str, int]) -> Tuple[int, int, int]:
    """Days from Date a to Date b as (days, min, max): days between the first days of their
    periods, and bounds when a date is coarser than a day (breach_date_interval)."""
    da, db = Date.of(a), Date.of(b)
    if da is None or db is None:
        raise _errors.InvalidArgumentError("days_between needs two known dates",
                                           _errors.EINVAL)
    days, lo, hi = ctypes.c_int32(), ctypes.c_int32(), ctypes.c_int32()
    rc = lib().breach_date_interval(da._to_c(), db._to_c(), days, lo, hi)
    if rc < 0:
        raise _errors.make_error(rc, "breach_date_interval failed")
    return days.value, lo.value, hi.value


# ------------------------------------------------------------------ counts


@dataclass(frozen=True)
class Count:
    """A number of people (or accounts, records) with its qualifier: 'exact', 'at_least'
    ("more than 3 million"), 'at_most', 'estimated' or 'unknown' (then value is 0 and
    means nothing)."""

    value: int = 0
    qualifier: str = "exact"

    def __post_init__(self) -> None:
        if self.qualifier not in QUALIFIERS:
            raise ValueError("qualifier must be one of %s, not %r"
                             % (", ".join(QUALIFIERS), self.qualifier))
        if not isinstance(self.value, int) or isinstance(self.value, bool):
            raise TypeError("Count.value must be an int")
        if not 0 <= self.value < 1 << 64:
            raise _errors.CountError("count %d is outside 0..2^64-1" % self.value,
                                     _errors.ECOUNT)
        if self.qualifier == "unknown" and self.value:
            object.__setattr__(self, "value", 0)

    @classmethod
    def unknown(cls) -> "Count":
        return cls(0, "unknown")

    @classmethod
    def parse(cls, text: Union[str, bytes]) -> "Count":
        """Parses the canonical syntax: "1049375", ">=3000000", "<=10000", "~1050000", ""."""
        b = _bytes(text, "count")
        out = _lib.Count()
        lib().breach_count_parse(b, len(b), out, Error())
        return cls._from_c(out)

    @classmethod
    def of(cls, value: Union[None, "Count", int, str, bytes]) -> "Count":
        """A Count from a Count, an int (exact), a str (parsed) or None (unknown)."""
        if isinstance(value, Count):
            return value
        if value is None:
            return cls.unknown()
        if isinstance(value, int) and not isinstance(value, bool):
            return cls(value, "exact")
        if isinstance(value, (str, bytes)):
            return cls.parse(value)
        raise TypeError("cannot make a Count from %s" % type(value).__name__)

    @classmethod
    def _from_c(cls, c: Any) -> "Count":
        return cls(c.value, QUALIFIERS[c.qualifier])

    def _to_c(self) -> Any:
        return _lib.Count(self.value, QUALIFIERS.index(self.qualifier))

    @property
    def known(self) -> bool:
        return self.qualifier != "unknown"

    @property
    def lower(self) -> int:
        """The lower bound (0 for at_most and unknown)."""
        return self.value if self.qualifier in ("exact", "at_least", "estimated") else 0

    @property
    def upper(self) -> Union[int, float]:
        """The upper bound, or math.inf for at_least and unknown."""
        return self.value if self.qualifier in ("exact", "at_most", "estimated") else math.inf

    def __str__(self) -> str:
        if self.qualifier == "unknown":
            return ""
        return _QUALIFIER_SYNTAX[self.qualifier] + str(self.value)


@dataclass(frozen=True)
class Total:
    """A sum of counts that keeps what is known: the true total lies in [lower, upper]
    (upper_unbounded when some count had no upper bound); ``point`` adds the figures as
    given. n_* count the counts added, by qualifier."""

    lower: int = 0
    upper: int = 0
    point: int = 0
    upper_unbounded: bool = False
    n: int = 0
    n_exact: int = 0
    n_at_least: int = 0
    n_at_most: int = 0
    n_estimated: int = 0
    n_unknown: int = 0

    @classmethod
    def _from_c(cls, t: Any) -> "Total":
        return cls(t.lower, t.upper, t.point, bool(t.upper_unbounded), t.n, t.n_exact,
                   t.n_at_least, t.n_at_most, t.n_estimated, t.n_unknown)

    @property
    def bounds(self) -> Tuple[int, Union[int, float]]:
        """(lower, upper) with math.inf as the upper bound when it is unbounded."""
        return self.lower, (math.inf if self.upper_unbounded else self.upper)

    @property
    def known(self) -> bool:
        """False when counts were added and none of them gave a figure (n == n_unknown > 0:
        the WA list's individuals, which it never states). ``point`` is then 0 only because
        nothing was added: shown as "unknown" and <NA> in frames, as breachstat says
        "unknown (1,109 notices, none with a figure)". A sum of no count at all (n == 0) is
        a known 0."""
        return self.n == 0 or self.n_unknown < self.n

    def __str__(self) -> str:
        if not self.known:
            # bs_fmt_total_n's wording
            return "unknown (%s %s, %s)" % (format(self.n, ","),
                                            "notice" if self.n == 1 else "notices",
                                            "without a figure" if self.n == 1
                                            else "none with a figure")
        hi = "unbounded" if self.upper_unbounded else format(self.upper, ",")
        if not self.upper_unbounded and self.lower == self.upper:
            return format(self.lower, ",")
        return "%s (bounds %s .. %s)" % (format(self.point, ","), format(self.lower, ","), hi)


# ------------------------------------------------------------------ incidents

_TRI = {-1: None, 0: False, 1: True}
FLAG_SEPARATE = 1


@dataclass(frozen=True)
class Incident:
    """One notice of a breach. Build one with keyword arguments (strings for dates and
    counts are parsed: ``reported="2023-04-28"``, ``affected=">=3000000"``) and add it to a
    Dataset; incidents read from a dataset carry ``index`` (their position) and
    ``entity_key`` (the library's normalised name)."""

    id: Optional[str] = None
    entity: Optional[str] = None
    entity_region: Optional[str] = None
    entity_type: Optional[str] = None
    types: FrozenSet[str] = frozenset()
    categories: FrozenSet[str] = frozenset()
    locations: FrozenSet[str] = frozenset()
    actor: Optional[str] = None
    vendor: Optional[str] = None
    via: Optional[str] = None
    reported: Optional[Date] = None
    occurred_start: Optional[Date] = None
    occurred_end: Optional[Date] = None
    discovered: Optional[Date] = None
    affected: Count = Count(0, "unknown")
    unit: str = "individuals"
    regions: Dict[str, Count] = field(default_factory=dict, hash=False)
    business_associate: Optional[bool] = None
    separate: bool = False
    source: Optional[str] = None
    summary: Optional[str] = None
    entity_key: Optional[str] = field(default=None, compare=False)
    index: Optional[int] = field(default=None, compare=False)

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        for name in ("reported", "occurred_start", "occurred_end", "discovered"):
            v = getattr(self, name)
            if v is not None and not isinstance(v, Date):
                set_(self, name, Date.of(v))
        if not isinstance(self.affected, Count):
            set_(self, "affected", Count.of(self.affected))
        for name, vocab in (("types", TYPES), ("categories", CATEGORIES),
                            ("locations", LOCATIONS)):
            v = getattr(self, name)
            if not isinstance(v, frozenset) or not all(isinstance(x, str) for x in v):
                set_(self, name, vocab.from_set(vocab.to_set(v)))
        if self.regions is None:
            set_(self, "regions", {})
        elif self.regions:
            items: Any = (self.regions.items() if hasattr(self.regions, "items")
                          else self.regions)
            regions = {}
            for k, v in items:
                code = REGIONS.canonical(k)
                if code in regions:
                    raise _errors.InconsistentError("region %s is listed twice" % code,
                                                    _errors.EINCONSISTENT)
                regions[code] = Count.of(v)
            set_(self, "regions", regions)
        if self.entity_region is not None:
            set_(self, "entity_region", REGIONS.canonical(self.entity_region))

    @property
    def event_date(self) -> Optional[Date]:
        """occurred_start if known, else discovered, else reported (else None)."""
        return self.occurred_start or self.discovered or self.reported

    def _to_c(self, keep: List[Any]) -> Any:
        """A breach_incident view of this incident; ``keep`` receives the buffers that must
        outlive the call."""
        inc = _lib.Incident()
        lib().breach_incident_init(inc)

        def s(v: Optional[str], what: str) -> Optional[bytes]:
            if v is None:
                return None
            b = _bytes(v, what)
            keep.append(b)
            return b

        inc.id = s(self.id, "id")
        inc.entity = s(self.entity, "entity")
        inc.entity_region = REGIONS.number(self.entity_region)
        inc.entity_type = s(self.entity_type, "entity_type")
        inc.types = TYPES.to_set(self.types)
        inc.categories = CATEGORIES.to_set(self.categories)
        inc.locations = LOCATIONS.to_set(self.locations)
        inc.actor = s(self.actor, "actor")
        inc.vendor = s(self.vendor, "vendor")
        inc.via = s(self.via, "via")
        for name in ("reported", "occurred_start", "occurred_end", "discovered"):
            d = getattr(self, name)
            if d is not None:
                setattr(inc, name, d._to_c())
        inc.affected = self.affected._to_c()
        inc.unit = UNITS.number(self.unit)
        if self.regions:
            arr = (_lib.RegionCount * len(self.regions))()
            for k, (code, count) in enumerate(self.regions.items()):
                arr[k].region = REGIONS.number(code)
                arr[k].count = Count.of(count)._to_c()
            keep.append(arr)
            inc.regions = arr
            inc.n_regions = len(self.regions)
        if self.business_associate is not None:
            inc.business_associate = 1 if self.business_associate else 0
        inc.flags = FLAG_SEPARATE if self.separate else 0
        inc.source = s(self.source, "source")
        inc.summary = s(self.summary, "summary")
        return inc

    @classmethod
    def _from_c(cls, v: Any, index: Optional[int]) -> "Incident":
        """Copies a borrowed view into Python values at once."""
        regions: Dict[str, Count] = {}
        for k in range(v.n_regions):
            rc = v.regions[k]
            regions[REGIONS.code(rc.region) or "?"] = Count._from_c(rc.count)
        d = Date._from_c
        # The values are already of the right types: fill the fields without the
        # coercions of __post_init__ (reading is the hot path).
        inc = object.__new__(cls)
        inc.__dict__.update(
            id=_str(v.id), entity=_str(v.entity), entity_region=REGIONS.code(v.entity_region),
            entity_type=_str(v.entity_type), types=TYPES.from_set(v.types),
            categories=CATEGORIES.from_set(v.categories),
            locations=LOCATIONS.from_set(v.locations), actor=_str(v.actor),
            vendor=_str(v.vendor), via=_str(v.via), reported=d(v.reported),
            occurred_start=d(v.occurred_start), occurred_end=d(v.occurred_end),
            discovered=d(v.discovered), affected=Count._from_c(v.affected),
            unit=UNITS.names[v.unit], regions=regions,
            business_associate=_TRI.get(v.business_associate),
            separate=bool(v.flags & FLAG_SEPARATE), source=_str(v.source),
            summary=_str(v.summary), entity_key=_str(v.entity_key), index=index)
        return inc

    def as_dict(self) -> Dict[str, Any]:
        """The fields as a flat dict of plain values (dates as datetime.date of their first
        day plus a *_precision column, counts as value plus qualifier), for tables."""
        out = {"index": self.index, "id": self.id, "entity": self.entity,
               "entity_key": self.entity_key, "entity_region": self.entity_region,
               "entity_type": self.entity_type, "types": ";".join(sorted(self.types)),
               "categories": ";".join(sorted(self.categories)),
               "locations": ";".join(sorted(self.locations)), "actor": self.actor,
               "vendor": self.vendor, "via": self.via}
        for name in ("reported", "occurred_start", "occurred_end", "discovered"):
            d = getattr(self, name)
            out[name] = d.date if d else None
            out[name + "_precision"] = d.precision if d else None
        out["affected"] = self.affected.value if self.affected.known else None
        out["affected_qualifier"] = self.affected.qualifier
        out["unit"] = self.unit
        out["regions"] = ";".join("%s:%s" % (k, v) for k, v in self.regions.items())
        out["business_associate"] = self.business_associate
        out["separate"] = self.separate
        out["source"] = self.source
        out["summary"] = self.summary
        return out
