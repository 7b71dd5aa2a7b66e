"""The C side: finding libbreach, its structures, and the table of functions.

Everything ctypes-specific lives here. The rest of the package calls ``lib()`` and gets
an object whose attributes are the registered C functions, with argument types, return
types and error checks set once from ``FUNCTIONS`` below.

Finding the library, first hit wins:
  1. ``BREACH_LIBRARY``: a path to libbreach.so (if set, nothing else is tried);
  2. ``BREACH_BUILDDIR``: a build directory, ``$BREACH_BUILDDIR/libbreach/.libs/libbreach.so``
     (if set, a library there that is missing or does not load is an error, never a fallback);
  3. the build tree next to this package (``<source tree>/_build`` or an in-tree build);
  4. the installed library: the libdir that ``make install`` recorded in ``_installed.py``
     (a package installed by make install), then ``libbreach.so.0`` as the dynamic linker
     finds it (LD_LIBRARY_PATH, ld.so.cache: a package installed by pip, with the library
     installed and ldconfig run), ``/usr/local/lib/libbreach.so.0`` (make install's default
     prefix before ldconfig), then ``ctypes.util.find_library("breach")``.
"""

import ctypes
import ctypes.util
import os
import threading
from typing import Any, Callable, List, NoReturn, Optional, Sequence, Set, Tuple
from ctypes import (POINTER, Structure, c_bool, c_char, c_char_p, c_double, c_int, c_int32,
                    c_int64, c_long, c_size_t, c_uint, c_uint16, c_uint32, c_uint64, c_void_p)

from . import _errors
from ._version import source_top

# ------------------------------------------------------------------ structures
# Layouts follow include/breach/*.h; the structs named there as "part of the ABI" change
# only with the library's major version.

ERROR_SOURCE_LEN = 256
ERROR_TEXT_LEN = 256


class Error(Structure):
    _fields_ = [("code", c_int), ("line", c_long), ("column", c_long),
                ("source", c_char * ERROR_SOURCE_LEN), ("text", c_char * ERROR_TEXT_LEN)]


class Date(Structure):
    _fields_ = [("day", c_int32), ("precision", c_int32)]


class Count(Structure):
    _fields_ = [("value", c_uint64), ("qualifier", c_int32)]


class Total(Structure):
    _fields_ = [("lower", c_uint64), ("upper", c_uint64), ("point", c_uint64),
                ("upper_unbounded", c_bool), ("n", c_uint64), ("n_exact", c_uint64),
                ("n_at_least", c_uint64), ("n_at_most", c_uint64), ("n_estimated", c_uint64),
                ("n_unknown", c_uint64)]


c_region = c_uint16


class RegionCount(Structure):
    _fields_ = [("region", c_region), ("count", Count)]


class Incident(Structure):
    _fields_ = [("id", c_char_p), ("entity", c_char_p), ("entity_key", c_char_p),
                ("entity_region", c_region), ("entity_type", c_char_p),
                ("types", c_uint32), ("categories", c_uint64), ("locations", c_uint32),
                ("actor", c_char_p), ("vendor", c_char_p), ("via", c_char_p),
                ("reported", Date), ("occurred_start", Date), ("occurred_end", Date),
                ("discovered", Date), ("affected", Count), ("unit", c_int32),
                ("regions", POINTER(RegionCount)), ("n_regions", c_size_t),
                ("business_associate", c_int32), ("flags", c_uint32),
                ("source", c_char_p), ("summary", c_char_p)]


class Filter(Structure):
    _fields_ = [("date_field", c_int32), ("from_", Date), ("to", Date), ("region", c_region),
                ("vendor", c_char_p), ("entity", c_char_p), ("types", c_uint32),
                ("categories", c_uint64), ("include_superseded", c_bool),
                ("include_duplicates", c_bool), ("units", c_uint32), ("reserved32_", c_uint32),
                ("where", POINTER(c_char_p)), ("n_where", c_size_t), ("reserved_", c_uint64 * 1)]


WHERE_MAX = 32  # BREACH_WHERE_MAX


class FieldInfo(Structure):
    _fields_ = [("name", c_char_p), ("n_values", c_size_t), ("n_incidents", c_uint64),
                ("n_unknown", c_uint64)]


class ValueInfo(Structure):
    _fields_ = [("value", c_char_p), ("n_incidents", c_uint64), ("unknown", c_bool)]


class FlagCount(Structure):
    _fields_ = [("field", c_char_p), ("value", c_char_p), ("meaning", c_char_p),
                ("n", c_uint64)]


class Attr(Structure):
    _fields_ = [("field", c_size_t), ("value", c_size_t), ("field_name", c_char_p),
                ("text", c_char_p)]


class Issue(Structure):
    _fields_ = [("code", c_int), ("line", c_long), ("column", c_long), ("row", c_long),
                ("text", c_char_p)]


class LoadOptions(Structure):
    _fields_ = [("lenient", c_bool), ("source_name", c_char_p), ("threads", c_uint32),
                ("reserved32_", c_uint32), ("reserved_", c_uint64 * 3)]


class InputInfo(Structure):
    _fields_ = [("name", c_char_p), ("format", c_char_p), ("size", c_uint64),
                ("sha256", c_char_p), ("first", c_size_t), ("end", c_size_t), ("as_of", Date),
                ("n_dropped", c_uint64), ("has_rows", c_bool), ("rows_read", c_uint64),
                ("rows_loaded", c_uint64), ("rows_rejected", c_uint64), ("n_warnings", c_uint64)]


class Overlap(Structure):
    _fields_ = [("dropped_input", c_size_t), ("kept_input", c_size_t), ("n", c_uint64)]


class Overview(Structure):
    _fields_ = [("n_incidents", c_uint64), ("n_selected", c_uint64), ("n_superseded", c_uint64),
                ("n_dropped", c_uint64), ("n_organisations", c_uint64), ("n_vendors", c_uint64),
                ("n_with_breakdown", c_uint64), ("first_reported", Date),
                ("last_reported", Date), ("n_by_unit", c_uint64 * 3), ("by_unit", Total * 3),
                ("overflow", c_bool), ("n_coarse_dated", c_uint64),
                ("n_identical", c_uint64), ("identical_by_unit", c_uint64 * 3)]


class Share(Structure):
    _fields_ = [("region", c_region), ("part", Count), ("whole", Count), ("share", c_double),
                ("share_min", c_double), ("share_max", c_double)]


UNIT_COUNT = 3  # BREACH_UNIT_COUNT_


class RegionRow(Structure):
    _fields_ = [("region", c_region), ("total", Total), ("n_incidents", c_uint64),
                ("share", c_double), ("by_unit", Total * UNIT_COUNT)]


class NoticeShare(Structure):
    _fields_ = [("index", c_size_t), ("share", Share)]


class NoticeShares(Structure):
    _fields_ = [("n_selected", c_uint64), ("n_with_breakdown", c_uint64), ("n_rows", c_size_t),
                ("rows", POINTER(NoticeShare))]


class VendorRow(Structure):
    _fields_ = [("name", c_char_p), ("n_notices", c_uint64), ("n_organisations", c_uint64)]


class Vendors(Structure):
    _fields_ = [("n_rows", c_size_t), ("rows", POINTER(VendorRow))]


class RegionShares(Structure):
    _fields_ = [("n_incidents", c_uint64), ("n_with_breakdown", c_uint64),
                ("all_regions", Total), ("affected_with_breakdown", Total),
                ("n_rows", c_size_t), ("rows", POINTER(RegionRow)),
                ("unit", c_int32), ("units", c_uint32), ("n_other_units", c_uint64),
                ("all_regions_by_unit", Total * UNIT_COUNT), ("n_placed", c_uint64),
                ("placed_regions", Total), ("placed_affected", Total),
                ("placed_share", c_double), ("date_field", c_int32), ("first", Date),
                ("last", Date), ("n_undated", c_uint64), ("n_breakdown_unknown", c_uint64),
                ("covered_first", Date), ("covered_last", Date),
                ("reported_first", Date), ("reported_last", Date), ("n_delays", c_uint64),
                ("lag_days", c_int32), ("lag_median", c_int32), ("truncated_start", c_bool),
                ("truncated_end", c_bool)]


class SupplyMember(Structure):
    _fields_ = [("index", c_size_t), ("entity", c_char_p), ("affected", Count),
                ("reported", Date), ("role", c_int32), ("n_revisions", c_uint32),
                ("unit", c_int32)]


class SupplyPoint(Structure):
    _fields_ = [("date", Date), ("organisations", c_uint64), ("lower", c_uint64),
                ("upper", c_uint64), ("upper_unbounded", c_bool), ("point", c_uint64)]


class SupplyChain(Structure):
    _fields_ = [("vendor", c_char_p), ("n_notices", c_uint64), ("n_superseded", c_uint64),
                ("n_organisations", c_uint64), ("n_possible_double", c_uint64),
                ("individuals", Total), ("n_undated", c_uint64),
                ("n_members", c_size_t), ("members", POINTER(SupplyMember)),
                ("n_points", c_size_t), ("curve", POINTER(SupplyPoint)),
                ("unit", c_int32), ("units", c_uint32), ("n_other_units", c_uint64),
                ("by_unit", Total * UNIT_COUNT)]


class RepeatOptions(Structure):
    _fields_ = [("date_field", c_int32), ("merge_within_days", c_int32),
                ("associate_window_days", c_int32), ("cross_source_window_days", c_int32),
                ("reserved_", c_uint64 * 3)]


class RepeatInterval(Structure):
    _fields_ = [("entity_key", c_char_p), ("first", c_size_t), ("second", c_size_t),
                ("days", c_int32), ("days_min", c_int32), ("days_max", c_int32)]


class RepeatSummary(Structure):
    _fields_ = [("n", c_uint64), ("min", c_double), ("q1", c_double), ("median", c_double),
                ("q3", c_double), ("max", c_double), ("mean", c_double)]


class Repeats(Structure):
    _fields_ = [("n_incidents", c_uint64), ("n_undated", c_uint64), ("n_unnamed", c_uint64),
                ("n_entities", c_uint64), ("n_repeat_entities", c_uint64),
                ("repeat_share", c_double), ("n_intervals", c_size_t),
                ("intervals", POINTER(RepeatInterval)), ("summary", RepeatSummary),
                ("n_sources", c_uint32)]


# ---- the statistics layer (stats.h, second half)


class Interval(Structure):
    _fields_ = [("estimate", c_double), ("lo", c_double), ("hi", c_double),
                ("level", c_double)]


# int (*breach_progress_fn)(uint64_t done, uint64_t total, void *ctx)
ProgressFn = ctypes.CFUNCTYPE(c_int, c_uint64, c_uint64, c_void_p)


class BootstrapOptions(Structure):
    _fields_ = [("replicates", c_uint32), ("seed", c_uint32), ("level", c_double),
                ("progress", ProgressFn), ("progress_ctx", c_void_p),
                ("reserved_", c_uint64 * 2)]


class Bootstrap(Structure):
    _fields_ = [("ci", Interval), ("replicates", c_uint32), ("seed", c_uint32),
                ("n_invalid", c_uint64), ("se", c_double), ("n_values", c_size_t),
                ("values", POINTER(c_double))]


# double (*breach_statistic_fn)(double *x, size_t n, void *ctx)
StatisticFn = ctypes.CFUNCTYPE(c_double, POINTER(c_double), c_size_t, c_void_p)


class CountsOptions(Structure):
    _fields_ = [("dimension", c_int32), ("ci_method", c_int32), ("level", c_double),
                ("include_unknown", c_bool), ("force", c_bool), ("min_n", c_uint32),
                ("min_n_report", c_uint32), ("replicates", c_uint32), ("seed", c_uint32),
                ("progress", ProgressFn), ("progress_ctx", c_void_p),
                ("field", c_char_p), ("by_field", c_char_p), ("by", c_int32),
                ("include_na", c_bool), ("reserved_", c_uint64 * 1)]


class CountRow(Structure):
    _fields_ = [("label", c_char_p), ("level", c_int32), ("unknown", c_bool),
                ("count", c_uint64), ("affected", Total), ("proportion", c_double),
                ("lo", c_double), ("hi", c_double), ("by_unit", Total * UNIT_COUNT)]


class CountCol(Structure):
    _fields_ = [("label", c_char_p), ("unknown", c_bool), ("n_incidents", c_uint64),
                ("n", c_uint64), ("status", c_int32)]


class CountCell(Structure):
    _fields_ = [("count", c_uint64), ("proportion", c_double), ("lo", c_double),
                ("hi", c_double)]


class ChisqTest(Structure):
    _fields_ = [("statistic", c_double), ("df", c_double), ("p_value", c_double),
                ("min_expected", c_double)]


class Counts(Structure):
    _fields_ = [("dimension", c_int32), ("ci_method", c_int32), ("level", c_double),
                ("status", c_int32), ("multi_valued", c_bool), ("n_incidents", c_uint64),
                ("n_unknown", c_uint64), ("n", c_uint64), ("n_rows", c_size_t),
                ("rows", POINTER(CountRow)), ("unit", c_int32), ("units", c_uint32),
                ("n_other_units", c_uint64), ("n_not_stated", c_uint64), ("by", c_int32),
                ("n_cols", c_size_t), ("cols", POINTER(CountCol)),
                ("cells", POINTER(CountCell)), ("independence_status", c_int32),
                ("independence", ChisqTest), ("n_cells_tested", c_uint64),
                ("n_cells_expected_below_5", c_uint64), ("expected_warning", c_bool),
                ("n_not_stated_by", c_uint64), ("levels_recorded", c_uint64),
                ("row_n", POINTER(c_uint64)), ("cell_n", POINTER(c_uint64))]


class TimeseriesOptions(Structure):
    _fields_ = [("date_field", c_int32), ("period", c_int32), ("from_", Date), ("to", Date),
                ("expected_by_length", c_bool), ("reserved_", c_uint64 * 4)]


class FormatOverlap(Structure):
    _fields_ = [("n_organisations", c_uint64), ("n_notices", c_uint64),
                ("twice", c_uint64 * UNIT_COUNT), ("twice_residents", c_uint64 * UNIT_COUNT),
                ("n_twice", c_uint64 * UNIT_COUNT),
                ("n_twice_residents", c_uint64 * UNIT_COUNT), ("window_days", c_int32),
                ("date_field", c_int32), ("n_formats", c_uint32),
                ("n_paired_notices", c_uint64), ("n_paired_organisations", c_uint64),
                ("notices_twice", c_uint64), ("n_figures_twice", c_uint64 * UNIT_COUNT)]


class PeriodCount(Structure):
    _fields_ = [("start", Date), ("days", c_int32), ("n_incidents", c_uint64),
                ("affected", Total), ("covered_days", c_int32), ("partial", c_bool),
                ("n_by_unit", c_uint64 * 3), ("by_unit", Total * 3),
                ("n_twice", c_uint64), ("twice_by_unit", c_uint64 * 3),
                ("truncated", c_bool)]


class DispersionTest(Structure):
    _fields_ = [("mean", c_double), ("variance", c_double), ("poisson_loglik", c_double),
                ("nb_size", c_double), ("nb_alpha", c_double), ("nb_loglik", c_double),
                ("lr_statistic", c_double), ("p_value", c_double), ("poisson_aic", c_double),
                ("nb_aic", c_double)]


class Timeseries(Structure):
    _fields_ = [("date_field", c_int32), ("period", c_int32), ("n_incidents", c_uint64),
                ("n_undated", c_uint64), ("n_coarse", c_uint64), ("n_outside", c_uint64),
                ("n_counted", c_uint64), ("n_periods", c_size_t),
                ("periods", POINTER(PeriodCount)), ("uniformity", ChisqTest),
                ("dispersion", DispersionTest), ("span_first", Date), ("span_last", Date),
                ("n_partial", c_size_t), ("n_tested", c_size_t),
                ("n_tested_incidents", c_uint64), ("unit", c_int32), ("units", c_uint32),
                ("n_by_unit", c_uint64 * 3), ("n_uncovered", c_size_t),
                ("two_formats", FormatOverlap), ("reported_first", Date),
                ("reported_last", Date), ("n_delays", c_uint64), ("lag_days", c_int32),
                ("lag_median", c_int32), ("n_truncated", c_size_t), ("n_before", c_size_t)]


class Sizes(Structure):
    _fields_ = [("n_incidents", c_uint64), ("n_unknown", c_uint64), ("n_zero", c_uint64),
                ("n_estimated", c_uint64), ("units", c_uint32),
                ("n", c_size_t), ("values", POINTER(c_double)),
                ("n_at_least", c_size_t), ("at_least", POINTER(c_double)),
                ("n_at_most", c_size_t), ("at_most", POINTER(c_double)),
                ("min", c_double), ("q1", c_double), ("median", c_double), ("q3", c_double),
                ("p90", c_double), ("p99", c_double), ("max", c_double), ("mean", c_double),
                ("geomean", c_double), ("geosd", c_double),
                ("n_ccdf", c_size_t), ("ccdf_x", POINTER(c_double)),
                ("ccdf_p", POINTER(c_double)), ("unit", c_int32), ("n_other_units", c_uint64),
                ("min_u", c_uint64), ("q1_u", c_uint64), ("median_u", c_uint64),
                ("q3_u", c_uint64), ("p90_u", c_uint64), ("p99_u", c_uint64),
                ("max_u", c_uint64), ("exact_u", c_uint32), ("ccdf_u", POINTER(c_uint64)),
                ("n_placeholders", c_uint64), ("n_floored", c_uint64), ("floor", c_uint64)]


class LognormalOptions(Structure):
    _fields_ = [("exclude_censored", c_bool), ("level", c_double),
                ("reserved_", c_uint64 * 4)]


class Lognormal(Structure):
    _fields_ = [("n_exact", c_uint64), ("n_right_censored", c_uint64),
                ("n_left_censored", c_uint64), ("n_excluded", c_uint64), ("mu", Interval),
                ("sigma", Interval), ("median", Interval), ("loglik", c_double),
                ("ci_method", c_int32), ("iterations", c_int32)]


class PowerlawOptions(Structure):
    _fields_ = [("xmin", c_double), ("min_tail", c_uint32), ("replicates", c_uint32),
                ("seed", c_uint32), ("progress", ProgressFn), ("progress_ctx", c_void_p),
                ("reserved_", c_uint64 * 2)]


class Powerlaw(Structure):
    _fields_ = [("xmin", c_double), ("alpha", c_double), ("alpha_se", c_double),
                ("ks", c_double), ("p_value", c_double), ("n", c_uint64), ("n_tail", c_uint64),
                ("n_censored_excluded", c_uint64), ("replicates", c_uint32),
                ("seed", c_uint32), ("loglik", c_double), ("replicates_far", c_uint64)]


class Vuong(Structure):
    _fields_ = [("n_tail", c_uint64), ("lognormal_mu", c_double),
                ("lognormal_sigma", c_double), ("powerlaw_loglik", c_double),
                ("lognormal_loglik", c_double), ("ratio", c_double), ("statistic", c_double),
                ("p_value", c_double), ("favours", c_int32), ("converged", c_bool)]


class SurvivalOptions(Structure):
    _fields_ = [("date_field", c_int32), ("merge_within_days", c_int32),
                ("window_end", Date), ("ci_type", c_int32), ("level", c_double),
                ("every_episode", c_bool), ("associate_window_days", c_int32),
                ("cross_source_window_days", c_int32), ("reserved32_", c_uint32),
                ("reserved_", c_uint64 * 3)]


class KmStep(Structure):
    _fields_ = [("time", c_double), ("at_risk", c_uint64), ("events", c_uint64),
                ("censored", c_uint64), ("survival", c_double), ("se", c_double),
                ("lo", c_double), ("hi", c_double)]


class Survival(Structure):
    _fields_ = [("n_incidents", c_uint64), ("n_undated", c_uint64), ("n_unnamed", c_uint64),
                ("n_late", c_uint64), ("n_organisations", c_uint64),
                ("n_observations", c_uint64), ("n_events", c_uint64),
                ("n_censored", c_uint64), ("window_end", Date), ("level", c_double),
                ("median", Interval), ("within_1y", Interval), ("within_3y", Interval),
                ("n_steps", c_size_t), ("steps", POINTER(KmStep))]


class PercapitaRow(Structure):
    _fields_ = [("region", c_region), ("population", c_uint64), ("affected", Total),
                ("rate", c_double), ("rate_lower", c_double), ("rate_upper", c_double)]


class Percapita(Structure):
    _fields_ = [("year", c_int32), ("n_without_population", c_uint64),
                ("affected_without_population", Total), ("n_rows", c_size_t),
                ("rows", POINTER(PercapitaRow)), ("date_field", c_int32), ("first", Date),
                ("last", Date), ("n_undated", c_uint64), ("days", c_int64),
                ("year_matches", c_bool), ("covered_first", Date), ("covered_last", Date),
                ("reported_first", Date), ("reported_last", Date), ("n_delays", c_uint64),
                ("lag_days", c_int32), ("lag_median", c_int32), ("truncated_start", c_bool),
                ("truncated_end", c_bool)]


class LinkOptions(Structure):
    _fields_ = [("window_days", c_int32), ("date_field", c_int32), ("reserved_", c_uint64 * 4)]


class Link(Structure):
    _fields_ = [("regional", c_size_t), ("n_totals", c_size_t), ("totals", POINTER(c_size_t)),
                ("total", Total), ("entity_key", c_char_p), ("days_min", c_int32),
                ("days_max", c_int32), ("reason", c_char_p), ("inconsistent", c_bool),
                ("n_other_unit", c_uint64), ("n_other_source", c_uint64),
                ("n_other_filing", c_uint64)]


class Links(Structure):
    _fields_ = [("n_regional", c_uint64), ("n_linked", c_uint64), ("n_undated", c_uint64),
                ("n_unmatched", c_uint64), ("n_links", c_size_t), ("links", POINTER(Link)),
                ("n_inconsistent", c_uint64)]


# Opaque handles: pointers to structures whose fields Python never sees.
class _Dataset(Structure):
    pass


class _Report(Structure):
    pass


class _Mapping(Structure):
    pass


class _Population(Structure):
    pass


DatasetP = POINTER(_Dataset)
ReportP = POINTER(_Report)
MappingP = POINTER(_Mapping)
PopulationP = POINTER(_Population)
ErrorP = POINTER(Error)

# ------------------------------------------------------------------ error checks
# ctypes calls errcheck(result, func, args) with the arguments as the caller passed them;
# every fallible function takes its breach_error last, so the record is args[-1].


def raise_error(err: Any, code: Optional[int] = None) -> NoReturn:
    """Raises the exception for a filled breach_error (``code`` overrides a zero code)."""
    c = err.code or code or _errors.EINVAL
    text = err.text.decode("utf-8", "replace") or _strerror(c)
    source = err.source.decode("utf-8", "replace") or None
    raise _errors.make_error(c, text, source, err.line, err.column)


def _strerror(code: int) -> str:
    try:
        return str(lib().breach_strerror(code).decode("utf-8", "replace"))
    except Exception:  # pragma: no cover - only while the library is half loaded
        return "status %d" % code


def check_status(result: int, func: Any, args: Tuple[Any, ...]) -> int:
    """int / long results: negative is a status code, anything else is returned."""
    if result < 0:
        raise_error(args[-1], result)
    return result


def check_object(result: Any, func: Any, args: Tuple[Any, ...]) -> Any:
    """Pointer results: NULL means failure, described by the breach_error."""
    if not result:
        raise_error(args[-1], _errors.ENOMEM)
    return result


def check_alloc(result: Any, func: Any, args: Tuple[Any, ...]) -> Any:
    """Pointer results of functions without a breach_error: NULL is out of memory."""
    if not result:
        raise _errors.NoMemoryError("out of memory in %s" % func.__name__, _errors.ENOMEM)
    return result


def check_select(result: Any, func: Any, args: Tuple[Any, ...]) -> Any:
    """breach_dataset_select: NULL is "none matched" when err.code is BREACH_OK."""
    if not result and args[-1].code != _errors.OK:
        raise_error(args[-1])
    return result


# ------------------------------------------------------------------ the function table
# One row per C function: (name, argtypes, restype, errcheck). Append rows as the C API
# grows; a row with optional=True may be absent from the library (a feature that landed
# later): calling it then raises LibraryError instead of failing at load time.


class Fn:
    __slots__ = ("name", "argtypes", "restype", "errcheck", "optional")

    def __init__(self, name: str, argtypes: Sequence[Any], restype: Any,
                 errcheck: Optional[Callable[..., Any]] = None, optional: bool = False) -> None:
        self.name, self.argtypes, self.restype = name, argtypes, restype
        self.errcheck, self.optional = errcheck, optional


c_size_p = POINTER(c_size_t)

FUNCTIONS = [
    # common.h
    Fn("breach_strerror", [c_int], c_char_p),
    Fn("breach_free", [c_void_p], None),
    Fn("breach_version_string", [], c_char_p),
    Fn("breach_version_number", [], c_uint),
    # incident.h: dates, counts, totals
    Fn("breach_date_from_ymd", [c_int, c_int, c_int, c_int, POINTER(Date), ErrorP], c_int,
       check_status),
    Fn("breach_date_parse", [c_char_p, c_size_t, POINTER(Date), ErrorP], c_int, check_status),
    Fn("breach_date_format", [Date, c_char_p, c_size_t], c_int),
    Fn("breach_date_last_day", [Date], c_int32),
    Fn("breach_date_interval", [Date, Date, POINTER(c_int32), POINTER(c_int32),
                                POINTER(c_int32)], c_int),
    Fn("breach_count_parse", [c_char_p, c_size_t, POINTER(Count), ErrorP], c_int, check_status),
    Fn("breach_count_format", [Count, c_char_p, c_size_t], c_int),
    Fn("breach_total_add", [POINTER(Total), Count], c_int),
    # incident.h: regions and vocabularies
    Fn("breach_region_parse", [c_char_p, c_size_t, POINTER(c_region), ErrorP], c_int,
       check_status),
    Fn("breach_region_from_us_state", [c_char_p, c_size_t, POINTER(c_region), ErrorP], c_int,
       check_status),
    Fn("breach_region_code", [c_region], c_char_p),
    Fn("breach_region_name", [c_region], c_char_p),
    Fn("breach_region_country", [c_region], c_region),
    Fn("breach_region_max", [], c_region),
    Fn("breach_category_name", [c_int], c_char_p),
    Fn("breach_category_parse", [c_char_p, c_size_t, POINTER(c_int), ErrorP], c_int,
       check_status),
    Fn("breach_type_name", [c_int], c_char_p),
    Fn("breach_type_parse", [c_char_p, c_size_t, POINTER(c_int), ErrorP], c_int, check_status),
    Fn("breach_location_name", [c_int], c_char_p),
    Fn("breach_location_parse", [c_char_p, c_size_t, POINTER(c_int), ErrorP], c_int,
       check_status),
    Fn("breach_unit_name", [c_int], c_char_p),
    Fn("breach_unit_parse", [c_char_p, c_size_t, POINTER(c_int), ErrorP], c_int, check_status),
    Fn("breach_entity_key", [c_char_p, c_size_t, c_char_p, c_size_t], c_size_t),
    Fn("breach_set_threads", [c_uint], c_uint),
    Fn("breach_threads", [], c_uint),
    Fn("breach_incident_init", [POINTER(Incident)], None),
    # dataset.h
    Fn("breach_dataset_new", [ErrorP], DatasetP, check_object),
    Fn("breach_dataset_free", [DatasetP], None),
    Fn("breach_dataset_size", [DatasetP], c_size_t),
    Fn("breach_dataset_add", [DatasetP, POINTER(Incident), ErrorP], c_long, check_status),
    Fn("breach_dataset_get", [DatasetP, c_size_t, POINTER(Incident), ErrorP], c_int,
       check_status),
    Fn("breach_dataset_append", [DatasetP, DatasetP, ErrorP], c_int, check_status),
    Fn("breach_dataset_append_selected", [DatasetP, DatasetP, POINTER(Filter), ErrorP], c_int,
       check_status),
    Fn("breach_filter_init", [POINTER(Filter)], None),
    Fn("breach_filter_match", [DatasetP, c_size_t, POINTER(Filter)], c_bool),
    Fn("breach_dataset_superseded", [DatasetP, POINTER(Filter), POINTER(c_bool), ErrorP], c_long,
       check_status),
    Fn("breach_dataset_select", [DatasetP, POINTER(Filter), c_size_p, ErrorP], c_size_p,
       check_select),
    Fn("breach_dataset_n_coarse_dated", [DatasetP, POINTER(Filter), ErrorP], c_long,
       check_status),
    Fn("breach_dataset_add_attr", [DatasetP, c_size_t, c_char_p, c_char_p, ErrorP], c_int,
       check_status),
    Fn("breach_dataset_n_fields", [DatasetP], c_size_t),
    Fn("breach_dataset_field", [DatasetP, c_size_t, POINTER(FieldInfo), ErrorP], c_int,
       check_status),
    Fn("breach_dataset_field_find", [DatasetP, c_char_p], c_long),
    Fn("breach_dataset_field_value", [DatasetP, c_size_t, c_size_t, POINTER(ValueInfo), ErrorP],
       c_int, check_status),
    Fn("breach_dataset_attrs", [DatasetP, c_size_t, POINTER(Attr), c_size_t, ErrorP], c_long,
       check_status),
    Fn("breach_dataset_field_counts", [DatasetP, POINTER(Filter), c_size_t, POINTER(c_uint64),
                                       POINTER(c_uint64), POINTER(c_uint64), ErrorP], c_int,
       check_status),
    Fn("breach_dataset_flagged", [DatasetP, POINTER(Filter), POINTER(FlagCount), c_size_t,
                                  POINTER(c_uint64), ErrorP], c_long, check_status),
    Fn("breach_dataset_n_inputs", [DatasetP], c_size_t),
    Fn("breach_dataset_input", [DatasetP, c_size_t, POINTER(InputInfo), ErrorP], c_int,
       check_status),
    Fn("breach_dataset_origin", [DatasetP, c_size_t, POINTER(c_long)], c_long),
    Fn("breach_dataset_duplicate_of", [DatasetP, c_size_t], c_long),
    Fn("breach_dataset_n_dropped", [DatasetP], c_size_t),
    Fn("breach_dataset_n_overlaps", [DatasetP], c_size_t),
    Fn("breach_dataset_overlap", [DatasetP, c_size_t, POINTER(Overlap), ErrorP], c_int,
       check_status),
    # io.h
    Fn("breach_report_new", [], ReportP, check_alloc),
    Fn("breach_report_free", [ReportP], None),
    Fn("breach_report_rows_read", [ReportP], c_size_t),
    Fn("breach_report_rows_loaded", [ReportP], c_size_t),
    Fn("breach_report_rows_rejected", [ReportP], c_size_t),
    Fn("breach_report_n_rejects", [ReportP], c_size_t),
    Fn("breach_report_reject", [ReportP, c_size_t, POINTER(Issue)], c_int),
    Fn("breach_report_n_warnings", [ReportP], c_size_t),
    Fn("breach_report_warning", [ReportP, c_size_t, POINTER(Issue)], c_int),
    Fn("breach_report_reject_source", [ReportP, c_size_t], c_char_p),
    Fn("breach_report_warning_source", [ReportP, c_size_t], c_char_p),
    Fn("breach_load_options_init", [POINTER(LoadOptions)], None),
    Fn("breach_csv_read_file", [DatasetP, c_char_p, POINTER(LoadOptions), ReportP, ErrorP],
       c_int, check_status),
    Fn("breach_csv_read_buffer", [DatasetP, c_char_p, c_size_t, POINTER(LoadOptions), ReportP,
                                  ErrorP], c_int, check_status),
    Fn("breach_csv_write_file", [DatasetP, POINTER(Filter), c_char_p, ErrorP], c_int,
       check_status),
    # io.h: source formats (HHS, WA AG, mapped CSV), detection, loading by format name.
    # Optional: libraries built before these loaders landed lack them.
    Fn("breach_hhs_read_file", [DatasetP, c_char_p, POINTER(LoadOptions), ReportP, ErrorP],
       c_int, check_status, optional=True),
    Fn("breach_hhs_read_buffer", [DatasetP, c_char_p, c_size_t, POINTER(LoadOptions), ReportP,
                                  ErrorP], c_int, check_status, optional=True),
    Fn("breach_wa_read_file", [DatasetP, c_char_p, POINTER(LoadOptions), ReportP, ErrorP],
       c_int, check_status, optional=True),
    Fn("breach_wa_read_buffer", [DatasetP, c_char_p, c_size_t, POINTER(LoadOptions), ReportP,
                                 ErrorP], c_int, check_status, optional=True),
    Fn("breach_mapping_new", [ErrorP], MappingP, check_object, optional=True),
    Fn("breach_mapping_set", [MappingP, c_char_p, c_char_p, ErrorP], c_int, check_status,
       optional=True),
    Fn("breach_mapping_parse", [c_char_p, c_size_t, c_char_p, ErrorP], MappingP, check_object,
       optional=True),
    Fn("breach_mapping_read_file", [c_char_p, ErrorP], MappingP, check_object, optional=True),
    Fn("breach_mapping_free", [MappingP], None, optional=True),
    Fn("breach_mapped_read_file", [DatasetP, c_char_p, MappingP, POINTER(LoadOptions), ReportP,
                                   ErrorP], c_int, check_status, optional=True),
    Fn("breach_mapped_read_buffer", [DatasetP, c_char_p, c_size_t, MappingP,
                                     POINTER(LoadOptions), ReportP, ErrorP], c_int,
       check_status, optional=True),
    Fn("breach_format_detect_file", [c_char_p, ErrorP], c_char_p, check_object, optional=True),
    Fn("breach_format_detect_buffer", [c_char_p, c_size_t, c_char_p, ErrorP], c_char_p,
       check_object, optional=True),
    Fn("breach_load", [DatasetP, c_char_p, c_char_p, POINTER(LoadOptions), ReportP, ErrorP],
       c_int, check_status, optional=True),
    # io.h: JSON (VERIS / VCDB, Have I Been Pwned, the JSON writer)
    Fn("breach_veris_read_file", [DatasetP, c_char_p, POINTER(LoadOptions), ReportP, ErrorP],
       c_int, check_status, optional=True),
    Fn("breach_veris_read_buffer", [DatasetP, c_char_p, c_size_t, POINTER(LoadOptions),
                                    ReportP, ErrorP], c_int, check_status, optional=True),
    Fn("breach_hibp_read_file", [DatasetP, c_char_p, POINTER(LoadOptions), ReportP, ErrorP],
       c_int, check_status, optional=True),
    Fn("breach_hibp_read_buffer", [DatasetP, c_char_p, c_size_t, POINTER(LoadOptions),
                                   ReportP, ErrorP], c_int, check_status, optional=True),
    Fn("breach_json_write_file", [DatasetP, POINTER(Filter), c_char_p, ErrorP], c_int,
       check_status, optional=True),
    # stats.h
    Fn("breach_incident_region_share", [DatasetP, c_size_t, c_region, POINTER(Share), ErrorP],
       c_int, check_status),
    Fn("breach_region_shares_compute", [DatasetP, POINTER(Filter), ErrorP],
       POINTER(RegionShares), check_object),
    Fn("breach_region_shares_free", [POINTER(RegionShares)], None),
    Fn("breach_overview_compute", [DatasetP, POINTER(Filter), ErrorP], POINTER(Overview),
       check_object),
    Fn("breach_overview_free", [POINTER(Overview)], None),
    Fn("breach_notice_shares_compute",
       [DatasetP, POINTER(Filter), POINTER(c_region), c_size_t, ErrorP], POINTER(NoticeShares),
       check_object),
    Fn("breach_notice_shares_free", [POINTER(NoticeShares)], None),
    Fn("breach_vendors_compute", [DatasetP, POINTER(Filter), ErrorP], POINTER(Vendors),
       check_object),
    Fn("breach_vendors_free", [POINTER(Vendors)], None),
    Fn("breach_supply_chain_compute", [DatasetP, c_char_p, POINTER(Filter), ErrorP],
       POINTER(SupplyChain), check_object),
    Fn("breach_supply_chain_free", [POINTER(SupplyChain)], None),
    Fn("breach_repeat_options_init", [POINTER(RepeatOptions)], None),
    Fn("breach_repeats_compute", [DatasetP, POINTER(Filter), POINTER(RepeatOptions), ErrorP],
       POINTER(Repeats), check_object),
    Fn("breach_repeats_free", [POINTER(Repeats)], None),
    # stats.h, the statistics layer: bootstrap, counts and proportions, time series, size
    # distributions and fits, Kaplan-Meier, populations and per-capita rates. Optional:
    # libraries built before this layer landed lack them.
    Fn("breach_statistic_mean", [POINTER(c_double), c_size_t, c_void_p], c_double,
       optional=True),
    Fn("breach_statistic_median", [POINTER(c_double), c_size_t, c_void_p], c_double,
       optional=True),
    Fn("breach_statistic_geomean", [POINTER(c_double), c_size_t, c_void_p], c_double,
       optional=True),
    Fn("breach_statistic_quantile", [POINTER(c_double), c_size_t, c_void_p], c_double,
       optional=True),
    Fn("breach_bootstrap_options_init", [POINTER(BootstrapOptions)], None, optional=True),
    Fn("breach_bootstrap_compute", [POINTER(c_double), c_size_t, StatisticFn, c_void_p,
                                    POINTER(BootstrapOptions), ErrorP],
       POINTER(Bootstrap), check_object, optional=True),
    Fn("breach_bootstrap_free", [POINTER(Bootstrap)], None, optional=True),
    Fn("breach_proportion_ci", [c_uint64, c_uint64, c_int, c_double, POINTER(c_double),
                                POINTER(c_double), ErrorP], c_int, check_status,
       optional=True),
    Fn("breach_counts_options_init", [POINTER(CountsOptions)], None, optional=True),
    Fn("breach_counts_compute", [DatasetP, POINTER(Filter), POINTER(CountsOptions), ErrorP],
       POINTER(Counts), check_object, optional=True),
    Fn("breach_counts_free", [POINTER(Counts)], None, optional=True),
    Fn("breach_timeseries_options_init", [POINTER(TimeseriesOptions)], None, optional=True),
    Fn("breach_timeseries_compute", [DatasetP, POINTER(Filter), POINTER(TimeseriesOptions),
                                     ErrorP], POINTER(Timeseries), check_object,
       optional=True),
    Fn("breach_timeseries_free", [POINTER(Timeseries)], None, optional=True),
    Fn("breach_sizes_compute", [DatasetP, POINTER(Filter), ErrorP], POINTER(Sizes),
       check_object, optional=True),
    Fn("breach_sizes_free", [POINTER(Sizes)], None, optional=True),
    Fn("breach_sizes_quantile", [POINTER(Sizes), c_double], c_double, optional=True),
    Fn("breach_lognormal_options_init", [POINTER(LognormalOptions)], None, optional=True),
    Fn("breach_lognormal_fit", [POINTER(Sizes), POINTER(LognormalOptions), ErrorP],
       POINTER(Lognormal), check_object, optional=True),
    Fn("breach_lognormal_free", [POINTER(Lognormal)], None, optional=True),
    Fn("breach_powerlaw_options_init", [POINTER(PowerlawOptions)], None, optional=True),
    Fn("breach_powerlaw_fit", [POINTER(Sizes), POINTER(PowerlawOptions), ErrorP],
       POINTER(Powerlaw), check_object, optional=True),
    Fn("breach_powerlaw_free", [POINTER(Powerlaw)], None, optional=True),
    Fn("breach_powerlaw_compare_lognormal", [POINTER(Sizes), POINTER(Powerlaw), ErrorP],
       POINTER(Vuong), check_object, optional=True),
    Fn("breach_vuong_free", [POINTER(Vuong)], None, optional=True),
    Fn("breach_survival_options_init", [POINTER(SurvivalOptions)], None, optional=True),
    Fn("breach_survival_compute", [DatasetP, POINTER(Filter), POINTER(SurvivalOptions),
                                   ErrorP], POINTER(Survival), check_object, optional=True),
    Fn("breach_survival_free", [POINTER(Survival)], None, optional=True),
    Fn("breach_survival_at", [POINTER(Survival), c_double, POINTER(c_double),
                              POINTER(c_double), POINTER(c_double), ErrorP], c_int,
       check_status, optional=True),
    Fn("breach_population_read_file", [c_char_p, c_int, ErrorP], PopulationP, check_object,
       optional=True),
    Fn("breach_population_read_buffer", [c_char_p, c_size_t, c_char_p, c_int, ErrorP],
       PopulationP, check_object, optional=True),
    Fn("breach_population_free", [PopulationP], None, optional=True),
    Fn("breach_population_year", [PopulationP], c_int, optional=True),
    Fn("breach_population_size", [PopulationP], c_size_t, optional=True),
    Fn("breach_population_get", [PopulationP, c_region, POINTER(c_uint64), ErrorP], c_int,
       check_status, optional=True),
    Fn("breach_percapita_compute", [POINTER(RegionShares), PopulationP, ErrorP],
       POINTER(Percapita), check_object, optional=True),
    Fn("breach_percapita_free", [POINTER(Percapita)], None, optional=True),
    # stats.h: cross-source linking (regional-only notices joined to totals)
    Fn("breach_link_options_init", [POINTER(LinkOptions)], None, optional=True),
    Fn("breach_links_compute", [DatasetP, POINTER(Filter), POINTER(LinkOptions), ErrorP],
       POINTER(Links), check_object, optional=True),
    Fn("breach_links_free", [POINTER(Links)], None, optional=True),
    Fn("breach_format_overlap_compute", [DatasetP, POINTER(Filter), POINTER(LinkOptions),
                                         ErrorP], POINTER(FormatOverlap), check_object,
       optional=True),
    Fn("breach_format_overlap_free", [POINTER(FormatOverlap)], None, optional=True),
    Fn("breach_link_region_share", [DatasetP, POINTER(Link), c_region, POINTER(Share),
                                    ErrorP], c_int, check_status, optional=True),
]

# ------------------------------------------------------------------ finding the library

_HERE = os.path.dirname(os.path.abspath(__file__))
# bindings/python/breach -> the source tree's top directory; None when installed
_TOP = source_top()
_SONAME = "libbreach.so"

HOW_TO_FIX = (
    "To fix: build libbreach (./build.sh demo, or ./configure && make in a build directory) "
    "and set BREACH_BUILDDIR to that build directory, or set BREACH_LIBRARY to the path of "
    "libbreach.so, or install libbreach (make install, then ldconfig) so that the dynamic "
    "linker finds it.")


def candidates() -> List[Tuple[str, str]]:
    """The places tried, in order, as (description, path or name) pairs."""
    out = []
    env = os.environ.get("BREACH_LIBRARY")
    if env:
        return [("BREACH_LIBRARY", env)]
    builddir = os.environ.get("BREACH_BUILDDIR")
    if builddir:
        out.append(("BREACH_BUILDDIR",
                    os.path.join(builddir, "libbreach", ".libs", _SONAME)))
    if _TOP is not None:  # a source tree
        for sub in ("_build", ""):
            out.append(("build tree next to the package",
                        os.path.join(_TOP, sub, "libbreach", ".libs", _SONAME)))
    try:
        from . import _installed  # type: ignore[attr-defined]  # written by make install
        out.append(("installed libdir", os.path.join(_installed.LIBDIR, _SONAME + ".0")))
        out.append(("installed libdir", os.path.join(_installed.LIBDIR, _SONAME)))
    except ImportError:
        pass
    out.append(("the dynamic linker", _SONAME + ".0"))
    out.append(("the default prefix", os.path.join("/usr/local/lib", _SONAME + ".0")))
    found = ctypes.util.find_library("breach")
    if found:
        out.append(("ctypes.util.find_library('breach')", found))
    return out


def _open() -> Tuple[Any, str]:
    tried = []
    for how, path in candidates():
        is_path = os.sep in path
        if is_path and not os.path.exists(path):
            tried.append("%s: %s (no such file)" % (how, path))
            if how in ("BREACH_LIBRARY", "BREACH_BUILDDIR"):
                break
            continue
        try:
            return ctypes.CDLL(path), path
        except OSError as e:
            tried.append("%s: %s (%s)" % (how, path, e))
            if how in ("BREACH_LIBRARY", "BREACH_BUILDDIR"):
                break  # the library asked for is there but does not load: never fall back
    if not any(t.startswith("ctypes.util") for t in tried):
        tried.append("ctypes.util.find_library('breach'): not found")
    raise _errors.LibraryError(
        "libbreach (the C library under this package) was not found.\nTried:\n  "
        + "\n  ".join(tried) + "\n" + HOW_TO_FIX)


def _missing(name: str, path: str) -> Callable[..., Any]:
    def stub(*args: Any, **kwargs: Any) -> Any:
        raise _errors.LibraryError(
            "%s is not exported by the libbreach at %s (an older library than this "
            "package). Rebuild libbreach from the same source tree as the package, or point "
            "BREACH_LIBRARY at a newer build." % (name, path))
    stub.__name__ = name
    return stub


class Library:
    """The registered functions as attributes, plus ``path`` and ``cdll``."""

    def __init__(self, cdll: Any, path: str) -> None:
        self.cdll, self.path = cdll, path
        self.absent: Set[str] = set()  # optional functions this library lacks
        missing = []
        for fn in FUNCTIONS:
            try:
                f = getattr(cdll, fn.name)
            except AttributeError:
                if fn.optional:
                    setattr(self, fn.name, _missing(fn.name, path))
                    self.absent.add(fn.name)
                else:
                    missing.append(fn.name)
                continue
            f.argtypes = fn.argtypes
            f.restype = fn.restype
            if fn.errcheck is not None:
                f.errcheck = fn.errcheck
            setattr(self, fn.name, f)
        if missing:
            raise _errors.LibraryError(
                "the libbreach at %s lacks %d function(s) that this package needs: %s.\n"
                "The library is older (or newer and incompatible) than the Python package: "
                "rebuild libbreach from the same source tree, or point BREACH_LIBRARY / "
                "BREACH_BUILDDIR at a matching build." % (path, len(missing), ", ".join(missing)))


    def __getattr__(self, name: str) -> Any:
        # the registered functions are set as instance attributes in __init__; this only
        # tells the type checker that they are there (ctypes functions, typed Any)
        raise AttributeError(name)

    def has(self, name: str) -> bool:
        """Whether the library exports a registered function."""
        return name not in self.absent and hasattr(self, name)


_lock = threading.Lock()
_library: Optional[Library] = None


def lib() -> Library:
    """The loaded library (loaded on first use; LibraryError when it cannot be)."""
    global _library
    if _library is None:
        with _lock:
            if _library is None:
                cdll, path = _open()
                _library = Library(cdll, path)
    return _library
