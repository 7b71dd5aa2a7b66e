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

from ._errors import (BreachError, BreachIOError, BreachOverflowError, BreachTypeError,
                      CategoryError, CountError, DateError, EncodingError, FormatError,
                      InconsistentError, InvalidArgumentError, LibraryError, LimitError,
                      NoMemoryError, NotFoundError, ParseError, RegionError, error_class)
from ._model import (CATEGORIES as _CATEGORIES, DATE_FIELDS, LOCATIONS as _LOCATIONS,
                     QUALIFIERS, TYPES as _TYPES, UNITS as _UNITS, Count, Date, Incident, Total,
                     days_between, entity_key, region_name)
from ._results import (Bootstrap, ChisqTest, CountRow, Counts, DispersionTest, Field, Interval, Issue,
                       KmStep, Link, Links, LoadReport, Lognormal, Percapita, PercapitaRow,
                       PeriodCount, Powerlaw, RegionRow, RegionShare, RegionShares, RepeatInterval,
                       Repeats, RepeatSummary, Sizes, SupplyChain, SupplyMember, SupplyPoint,
                       Survival, SurvivalPoint, Timeseries, Vuong)
from ._stats import Population, bootstrap, population, proportion_ci, statistic
from ._dataset import FILTER_KEYS, Dataset, Mapping, formats, load, loads

__all__ = [
    "BreachError", "BreachIOError", "BreachOverflowError", "BreachTypeError", "CategoryError",
    "CountError", "DateError", "EncodingError", "FormatError", "InconsistentError",
    "InvalidArgumentError", "LibraryError", "LimitError", "NoMemoryError", "NotFoundError",
    "ParseError", "RegionError", "error_class",
    "Count", "Date", "Incident", "Total", "days_between", "entity_key", "region_name",
    "Issue", "LoadReport", "RegionRow", "RegionShare", "RegionShares", "RepeatInterval",
    "Repeats", "RepeatSummary", "SupplyChain", "SupplyMember", "SupplyPoint",
    "Bootstrap", "ChisqTest", "CountRow", "Counts", "DispersionTest", "Interval", "KmStep",
    "Lognormal", "Percapita", "PercapitaRow", "PeriodCount", "Powerlaw", "Sizes", "Survival",
    "SurvivalPoint", "Timeseries", "Vuong", "Link", "Links", "Field",
    "Population", "population", "proportion_ci", "bootstrap", "statistic",
    "Dataset", "Mapping", "formats", "load", "loads", "FILTER_KEYS", "DATE_FIELDS", "QUALIFIERS",
    "categories", "breach_types", "locations", "units", "library_version", "library_path",
    "IOError",
]

__version__ = "0.1.0"

# "IOError-like": the class for BREACH_EIO is an OSError; this alias reads naturally in
# `except breach.IOError` without shadowing the builtin inside this package.
IOError = BreachIOError


def categories():
    """The data-category vocabulary ("name", "dob", "ssn", ...), in the library's order."""
    return _CATEGORIES.names


def breach_types():
    """The breach-type vocabulary ("hacking", "ransomware", ...)."""
    return _TYPES.names


def locations():
    """Where breached data was held ("network_server", "email", ...)."""
    return _LOCATIONS.names


def units():
    """What an affected count counts ("individuals", "accounts", "records")."""
    return _UNITS.names


def library_version():
    """The release of the libbreach actually loaded ("0.1.0")."""
    from ._lib import lib
    return lib().breach_version_string().decode("ascii")


def library_path():
    """The path (or name) the libbreach in use was loaded from."""
    from ._lib import lib
    return lib().path
