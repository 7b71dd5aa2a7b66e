"""The conventions of every ``to_pandas()`` (pandas is imported on first use only).

- Dates are ``datetime64[ns]`` columns holding each date's first day (NaT when unknown),
  with a ``<name>_precision`` categorical column ("year", "month", "day"): "2023-04" is
  2023-04-01 at month precision, never a made-up day.
- Counts are nullable ``Int64`` columns (<NA> when unknown, never NaN or 0), with their
  qualifier ("exact", "at_least", "at_most", "estimated", "unknown") and unit
  ("individuals", "accounts", "records") as categorical columns named ``<name>_qualifier``
  and ``unit``.
- Totals give ``<name>`` (the point figure), ``<name>_lower``, ``<name>_upper`` and
  ``<name>_n_unknown`` (``Int64``; the upper bound is <NA> when unbounded; the last counts
  the notices that gave no figure, breachstat's "no figure" column and CSV's
  ``<name>_n_unknown``), so that "at least 1,700" over 4 notices never reads as the sum of
  all 4. When none of the notices gave a figure (``Total.known`` False) the point is <NA>
  too: unknown, never 0 (the lower bound stays 0, the upper <NA>). A total that cannot be
  stated at all (a level no source records) is <NA> in every column. A running total the library keeps without that count (a supply chain's curve)
  has no ``_n_unknown`` column.
- Multi-valued fields (regional breakdowns, data categories, breach types, locations) come
  in tidy long tables, one row per (incident, value): ``Dataset.to_pandas(table=...)``.
- A result that is one set of figures (a fit, a test) is a one-row frame; an Interval
  field ``x`` gives ``x``, ``x_lo`` and ``x_hi``.
"""

import dataclasses
import datetime
import math
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from ._model import PRECISIONS, QUALIFIERS, Count, Date, Total

UNIT_NAMES = ("individuals", "accounts", "records")


def pandas() -> Any:
    """The pandas module; ImportError saying what to install when it is absent."""
    try:
        import pandas as pd
    except ImportError as e:
        raise ImportError("to_pandas() needs pandas (pip install pandas); everything else in "
                          "breach works without it") from e
    return pd


def dates(values: Iterable[Optional[datetime.date]]) -> Any:
    """A datetime64[ns] array (NaT for None)."""
    pd = pandas()
    return pd.to_datetime(pd.Series([v for v in values], dtype="object"),
                          errors="raise").astype("datetime64[ns]").array


def ints(values: Iterable[Optional[int]]) -> Any:
    """A nullable Int64 array (<NA> for None)."""
    return pandas().array([v for v in values], dtype="Int64")


def texts(values: Iterable[Optional[str]]) -> Any:
    """An object array of str (None for missing): text columns keep dtype object when a
    table is empty too (a list of no values becomes float64), so that concatenating an
    empty frame with another does not upcast."""
    return pandas().array([v for v in values], dtype=object)


def category(values: Iterable[Optional[str]], categories: Sequence[str]) -> Any:
    """A categorical with a fixed vocabulary (the library's order)."""
    return pandas().Categorical([v for v in values], categories=list(categories))


def frame(columns: Dict[str, Any]) -> Any:
    """A DataFrame from {name: values} in order (lists or pandas arrays)."""
    return pandas().DataFrame(columns)


def date_columns(name: str, values: Sequence[Optional[Date]]) -> Dict[str, Any]:
    return {name: dates(d.date if d is not None else None for d in values),
            name + "_precision": category((d.precision if d is not None else None
                                           for d in values), PRECISIONS[1:])}


def count_columns(name: str, values: Sequence[Count],
                  units: Optional[Sequence[str]] = None) -> Dict[str, Any]:
    out = {name: ints(c.value if c.known else None for c in values),
           name + "_qualifier": category((c.qualifier for c in values), QUALIFIERS)}
    if units is not None:
        out["unit"] = category(units, UNIT_NAMES)
    return out


def total_columns(name: str, values: Sequence[Optional[Total]],
                  n_unknown: bool = True) -> Dict[str, Any]:
    """``n_unknown=False`` for totals made here from bounds alone (no notice counts)."""
    out = {name: ints(t.point if t is not None and t.known else None for t in values),
           name + "_lower": ints(t.lower if t is not None else None for t in values),
           name + "_upper": ints(None if t is None or t.upper_unbounded else t.upper
                                 for t in values)}
    if n_unknown:
        out[name + "_n_unknown"] = ints(t.n_unknown if t is not None else None
                                        for t in values)
    return out


def _flatten(prefix: str, value: Any, out: Dict[str, Any]) -> None:
    from ._results import Interval
    if isinstance(value, Interval):
        out[prefix] = value.estimate
        out[prefix + "_lo"] = value.lo
        out[prefix + "_hi"] = value.hi
    elif isinstance(value, Total):
        out[prefix] = value.point if value.known else None
        out[prefix + "_lower"] = value.lower
        out[prefix + "_upper"] = None if value.upper_unbounded else value.upper
        out[prefix + "_n_unknown"] = value.n_unknown
    elif isinstance(value, Count):
        out[prefix] = value.value if value.known else None
        out[prefix + "_qualifier"] = value.qualifier
    elif isinstance(value, Date):
        out[prefix] = value.date
        out[prefix + "_precision"] = value.precision
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            _flatten(prefix + "_" + f.name, getattr(value, f.name), out)
    elif isinstance(value, (tuple, list, dict, frozenset, set)):
        return  # tables have their own to_pandas
    else:
        out[prefix] = value


def one_row(obj: Any) -> Any:
    """A one-row frame of a result's scalar fields (nested results flattened, tables left
    out), with the conventions above for dates, counts and totals."""
    row: Dict[str, Any] = {}
    for f in dataclasses.fields(obj):
        _flatten(f.name, getattr(obj, f.name), row)
    pd = pandas()
    df = pd.DataFrame([row])
    for col in df.columns:
        values = row[col]
        if isinstance(values, datetime.date) or (values is None and col + "_precision" in row):
            df[col] = dates([values])
        elif col.endswith(("_precision",)):
            df[col] = category([values], PRECISIONS[1:])
        elif col.endswith("_qualifier"):
            df[col] = category([values], QUALIFIERS)
        elif col == "unit":
            df[col] = category([values], UNIT_NAMES)
        elif isinstance(values, bool):
            continue
        elif isinstance(values, int) or (values is None and (
                col.endswith(("_upper", "_lower")) or col + "_n_unknown" in row)):
            df[col] = ints([values])
    return df


def html_table(title: str, rows: List[Tuple[str, Any]], note: str = "") -> str:
    """A small HTML table for notebooks: a caption and (label, value) rows."""
    import html
    body = "".join("<tr><th style='text-align:left'>%s</th><td>%s</td></tr>"
                   % (html.escape(str(k)), html.escape(fmt(v))) for k, v in rows)
    tail = "<p><small>%s</small></p>" % html.escape(note) if note else ""
    return ("<div><table><caption style='text-align:left'><b>%s</b></caption>%s</table>%s"
            "</div>" % (html.escape(title), body, tail))


def html_rows(title: str, header: Sequence[str], rows: Sequence[Sequence[Any]],
              limit: int = 20) -> str:
    """An HTML table of rows (at most ``limit``, then a line saying how many are left)."""
    import html
    head = "".join("<th>%s</th>" % html.escape(h) for h in header)
    body = "".join("<tr>%s</tr>" % "".join("<td>%s</td>" % html.escape(fmt(v)) for v in r)
                   for r in rows[:limit])
    more = ("<p><small>%d more rows: to_pandas() has them all</small></p>"
            % (len(rows) - limit) if len(rows) > limit else "")
    return ("<div><table><caption style='text-align:left'><b>%s</b></caption><thead><tr>%s"
            "</tr></thead><tbody>%s</tbody></table>%s</div>"
            % (html.escape(title), head, body, more))


def fmt(v: Any) -> str:
    """A figure as people read it: thousands separated, 4 significant digits, tiny
    p-values in scientific notation, NaN as 'n/a'."""
    if v is None:
        return "-"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, int):
        return format(v, ",")
    if isinstance(v, float):
        if math.isnan(v):
            return "n/a"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        if v != 0 and abs(v) < 1e-3:
            return "%.2g" % v
        if abs(v) >= 1e4:
            return format(v, ",.0f")
        return "%.4g" % v
    return str(v)
