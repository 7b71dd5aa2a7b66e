"""The package's release number. Its one source is include/breach/common.h
(BREACH_VERSION_*), which version.sh gives to configure and the build backend
(build_backend/breach_backend.py) to the wheel; here it is read back, first hit wins: the
value ``make install`` recorded in ``_installed.py``, the header of the source tree this
package sits in (an uninstalled checkout: source_top()), then the installed distribution's
metadata (a pip-installed wheel). ``breach.library_version()`` is the release of the C
library actually loaded, which may differ."""

import os
import re
import sys
from typing import Optional

_HERE = os.path.dirname(os.path.abspath(__file__))
DISTRIBUTION = "libbreach"


def source_top() -> Optional[str]:
    """The top directory of the libbreach source tree when this package is the one in it
    (<top>/bindings/python/breach, run uninstalled or installed editable), else None: an
    installed package (a wheel's, ``make install``'s) sits in site-packages, and whatever
    lies a few directories above that (venv/lib/examples/data, say) is not its own."""
    python = os.path.dirname(_HERE)
    bindings = os.path.dirname(python)
    top = os.path.dirname(bindings)
    if (os.path.basename(python) == "python" and os.path.basename(bindings) == "bindings"
            and os.path.isfile(os.path.join(top, "include", "breach.h"))):
        return top
    return None


def _from_header(path: str) -> str:
    with open(path, encoding="utf-8") as f:
        parts = dict(re.findall(r"^#define BREACH_VERSION_(MAJOR|MINOR|PATCH) (\d+)$",
                                f.read(), re.M))
    return "%s.%s.%s" % (parts["MAJOR"], parts["MINOR"], parts["PATCH"])


def _from_dist_info(site: str) -> str:
    """The Version of the libbreach-*.dist-info that pip installed beside the package."""
    try:
        names = sorted(os.listdir(site))
    except OSError:
        return "0+unknown"
    for name in names:
        if name.startswith(DISTRIBUTION + "-") and name.endswith(".dist-info"):
            try:
                with open(os.path.join(site, name, "METADATA"), encoding="utf-8") as f:
                    m = re.search(r"^Version: (\S+)$", f.read(), re.M)
            except OSError:
                continue
            if m:
                return m.group(1)
    return "0+unknown"


def package_version() -> str:
    """The release of this package ("0.1.0"); "0+unknown" when nothing tells it."""
    try:
        from . import _installed  # type: ignore[attr-defined]  # written by make install
        v = getattr(_installed, "VERSION", None)
        if isinstance(v, str):
            return v
    except ImportError:
        pass
    top = source_top()
    header = os.path.join(top, "include", "breach", "common.h") if top else ""
    if top and os.path.isfile(header):
        return _from_header(header)
    if sys.version_info >= (3, 8):
        from importlib.metadata import PackageNotFoundError, version
        try:
            return version(DISTRIBUTION)
        except PackageNotFoundError:
            return "0+unknown"
    # Python 3.7 has no importlib.metadata (a wheel gave "0+unknown")
    return _from_dist_info(os.path.dirname(_HERE))


__version__ = package_version()
