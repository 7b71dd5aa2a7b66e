"""breach: Python bindings of libbreach (statistics on public data-breach notices).

Pure Python over the C library with ctypes. Quick start::

    import breach
    ds = breach.load("examples/data/seed-incidents.csv")
    ds.region_share("nextgen-2023-04-credentials", "US-ME").percent   # 0.3729
    ds.supply_chain("Fortra GoAnywhere").individuals
    ds.repeats().intervals
    ds.counts(dimension="type", ci="wilson").rows
    ds.timeseries(by="year").counts
    ds.sizes().median; ds.lognormal_fit().mu; ds.survival().within_1y
    ds.percapita(breach.population())["US-ME"].rate
    breach.proportion_ci(7, 30, method="jeffreys")

The C library is found through BREACH_LIBRARY (a path), BREACH_BUILDDIR (a build
directory), the build tree next to this package, then the installed library; see
``breach._lib``. It is loaded on first use: ``import breach`` works without it.
"""

from typing import Tuple

from ._errors import (BreachError, BreachIOError, BreachOverflowError, BreachTypeError,
                      CancelledError, CategoryError, CountError, DateError, EncodingError,
                      FormatError,
                      InconsistentError, InvalidArgumentError, LibraryError, LimitError,
                      NoMemoryError, NotFoundError, ParseError, RegionError, error_class)
from ._model import (CATEGORIES as _CATEGORIES, DATE_FIELDS, LOCATIONS as _LOCATIONS,
                     QUALIFIERS, TYPES as _TYPES, UNITS as _UNITS, Count, Date, Incident, Total,
                     days_between, entity_key, region_name)
from ._results import (Bootstrap, ChisqTest, CountRow, Counts, DispersionTest, Field, Interval, Issue,
                       KmStep, FormatOverlap, Link, Links, LoadReport, Lognormal, Percapita, PercapitaRow,
                       PeriodCount, Powerlaw, RegionRow, RegionShare, RegionShares, RepeatInterval,
                       Repeats, RepeatSummary, Sizes, SupplyChain, SupplyMember, SupplyPoint,
                       Survival, SurvivalPoint, Timeseries, Vuong)
from ._stats import Population, bootstrap, population, proportion_ci, statistic
from ._dataset import FILTER_KEYS, Dataset, Mapping, formats, load, loads

__all__ = [
    "BreachError", "BreachIOError", "BreachOverflowError", "BreachTypeError", "CancelledError",
    "CategoryError",
    "CountError", "DateError", "EncodingError", "FormatError", "InconsistentError",
    "InvalidArgumentError", "LibraryError", "LimitError", "NoMemoryError", "NotFoundError",
    "ParseError", "RegionError", "error_class",
    "Count", "Date", "Incident", "Total", "days_between", "entity_key", "region_name",
    "Issue", "LoadReport", "RegionRow", "RegionShare", "RegionShares", "RepeatInterval",
    "Repeats", "RepeatSummary", "SupplyChain", "SupplyMember", "SupplyPoint",
    "Bootstrap", "ChisqTest", "CountRow", "Counts", "DispersionTest", "Interval", "KmStep",
    "Lognormal", "Percapita", "PercapitaRow", "PeriodCount", "Powerlaw", "Sizes", "Survival",
    "SurvivalPoint", "Timeseries", "Vuong", "Link", "Links", "FormatOverlap", "Field",
    "Population", "population", "proportion_ci", "bootstrap", "statistic",
    "Dataset", "Mapping", "formats", "load", "loads", "FILTER_KEYS", "DATE_FIELDS", "QUALIFIERS",
    "categories", "breach_types", "locations", "units", "library_version", "library_path",
    "set_threads", "threads",
    "IOError", "CancelledError", "__version__",
]

from ._version import __version__ as __version__  # one source: include/breach/common.h

# "IOError-like": the class for BREACH_EIO is an OSError; this alias reads naturally in
# `except breach.IOError` without shadowing the builtin inside this package.
IOError = BreachIOError


def categories() -> Tuple[str, ...]:
    """The data-category vocabulary ("name", "dob", "ssn", ...), in the library's order."""
    return _CATEGORIES.names


def breach_types() -> Tuple[str, ...]:
    """The breach-type vocabulary ("hacking", "ransomware", ...)."""
    return _TYPES.names


def locations() -> Tuple[str, ...]:
    """Where breached data was held ("network_server", "email", ...)."""
    return _LOCATIONS.names


def units() -> Tuple[str, ...]:
    """What an affected count counts ("individuals", "accounts", "records")."""
    return _UNITS.names


def library_version() -> str:
    """The release of the libbreach actually loaded ("0.1.0")."""
    from ._lib import lib
    return str(lib().breach_version_string().decode("ascii"))


def set_threads(n: int = 0) -> int:
    """At most n threads for the work libbreach splits (the calling one included); 0 gives
    back the default (the processors this process may use: online, within its CPU affinity
    and cgroup CPU quota; or BREACH_THREADS read once). Results never
    depend on it. Returns the previous setting (0: the default)."""
    from ._lib import lib
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise ValueError("set_threads takes a whole number >= 0, not %r" % (n,))
    return int(lib().breach_set_threads(n))


def threads() -> int:
    """How many threads a libbreach call started now may use (>= 1)."""
    from ._lib import lib
    return int(lib().breach_threads())


def library_path() -> str:
    """The path (or name) the libbreach in use was loaded from."""
    from ._lib import lib
    return lib().path
