"""Exceptions: one class per libbreach status code, all under BreachError.

A failed C call fills a ``breach_error`` record (code, source, line, column, text); the
binding turns it into the exception class of its code, carrying the same fields.
"""

from typing import Any, Optional, Tuple, Type

# Status codes, as in include/breach/common.h (published values never change).
OK = 0
ENOMEM = -1
EINVAL = -2
EIO = -3
EPARSE = -4
EDATE = -5
ECOUNT = -6
EOVERFLOW = -7
EREGION = -8
ECATEGORY = -9
ETYPE = -10
EENCODING = -11
ENOTFOUND = -12
EFORMAT = -13
ELIMIT = -14
EINCONSISTENT = -15
ECANCELLED = -16


class LibraryError(ImportError):
    """libbreach could not be found or loaded, or lacks a function this package needs."""


class BreachError(Exception):
    """An error reported by libbreach.

    Attributes: ``code`` (a negative status code), ``source`` (file or name given to a
    load, or None), ``line`` and ``column`` (1-based, 0 when they do not apply) and
    ``message`` (the library's sentence). ``report`` is the LoadReport of a failed strict
    load (None otherwise).
    """

    code: Optional[int] = None

    def __init__(self, message: str, code: Optional[int] = None, source: Optional[str] = None,
                 line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code
        self.message = message
        self.source = source or None
        self.line = line
        self.column = column
        self.report: Any = None  # a LoadReport

    def __str__(self) -> str:
        where = ""
        if self.source:
            where = self.source
            if self.line:
                where += ":%d" % self.line
                if self.column:
                    where += ":%d" % self.column
            where += ": "
        return where + self.message

    def __reduce__(self) -> Tuple[Any, ...]:
        return (_rebuild, (type(self), self.message, self.code, self.source, self.line,
                           self.column))


def _rebuild(cls: Type["BreachError"], message: str, code: Optional[int], source: Optional[str],
             line: int, column: int) -> "BreachError":
    return cls(message, code, source, line, column)


class NoMemoryError(BreachError, MemoryError):
    code = ENOMEM


class InvalidArgumentError(BreachError, ValueError):
    code = EINVAL


class BreachIOError(BreachError, OSError):
    """A file could not be opened, read or written (an OSError)."""
    code = EIO


class ParseError(BreachError, ValueError):
    code = EPARSE


class DateError(BreachError, ValueError):
    code = EDATE


class CountError(BreachError, ValueError):
    code = ECOUNT


class BreachOverflowError(BreachError, OverflowError):
    code = EOVERFLOW


class RegionError(BreachError, ValueError):
    code = EREGION


class CategoryError(BreachError, ValueError):
    code = ECATEGORY


class BreachTypeError(BreachError, ValueError):
    """An unknown breach type or data location (BREACH_ETYPE); a ValueError."""
    code = ETYPE


class EncodingError(BreachError, ValueError):
    code = EENCODING


class NotFoundError(BreachError, LookupError):
    code = ENOTFOUND


class FormatError(BreachError, ValueError):
    code = EFORMAT


class LimitError(BreachError, ValueError):
    code = ELIMIT


class InconsistentError(BreachError, ValueError):
    code = EINCONSISTENT


class CancelledError(BreachError):
    """A long computation stopped because its ``progress`` function returned True (Ctrl-C
    raises KeyboardInterrupt instead)."""

    code = ECANCELLED


_BY_CODE = {cls.code: cls for cls in (
    NoMemoryError, InvalidArgumentError, BreachIOError, ParseError, DateError, CountError,
    BreachOverflowError, RegionError, CategoryError, BreachTypeError, EncodingError,
    NotFoundError, FormatError, LimitError, InconsistentError, CancelledError)}


def error_class(code: Optional[int]) -> Type[BreachError]:
    """The exception class for a status code (BreachError for codes this package does not
    know, e.g. ones added to a newer library)."""
    return _BY_CODE.get(code, BreachError)


def make_error(code: Optional[int], message: str, source: Optional[str] = None, line: int = 0,
               column: int = 0) -> BreachError:
    return error_class(code)(message, code, source, line, column)
