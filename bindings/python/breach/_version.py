"""The package's release number. Its one source is include/breach/common.h
(BREACH_VERSION_*), which version.sh gives to configure and setup.py to the wheel; here it
is read back, first hit wins: the value ``make install`` recorded in ``_installed.py``,
the header of the source tree this package sits in (an uninstalled checkout), then the
installed distribution's metadata (a pip-installed wheel). ``breach.library_version()``
is the release of the C library actually loaded, which may differ."""

import os
import re

_HERE = os.path.dirname(os.path.abspath(__file__))
DISTRIBUTION = "libbreach"


def _from_header(path: str) -> str:
    with open(path, encoding="utf-8") as f:
        parts = dict(re.findall(r"^#define BREACH_VERSION_(MAJOR|MINOR|PATCH) (\d+)$",
                                f.read(), re.M))
    return "%s.%s.%s" % (parts["MAJOR"], parts["MINOR"], parts["PATCH"])


def package_version() -> str:
    """The release of this package ("0.1.0"); "0+unknown" when nothing tells it."""
    try:
        from . import _installed  # type: ignore[attr-defined]  # written by make install
        v = getattr(_installed, "VERSION", None)
        if isinstance(v, str):
            return v
    except ImportError:
        pass
    header = os.path.join(_HERE, os.pardir, os.pardir, os.pardir, "include", "breach",
                          "common.h")
    if os.path.isfile(header):
        return _from_header(header)
    try:
        from importlib.metadata import PackageNotFoundError, version
    except ImportError:  # Python 3.7
        return "0+unknown"
    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:
        return "0+unknown"


__version__ = package_version()
