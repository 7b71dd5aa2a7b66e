"""The version of the package, from the single source of truth: BREACH_VERSION_* in
include/breach/common.h of the source tree around this directory, or, when building from
an sdist (no source tree), the PKG-INFO that setuptools wrote from it. Everything else is
in pyproject.toml."""

import os
import re

from setuptools import setup

HERE = os.path.dirname(os.path.abspath(__file__))


def version():
    header = os.path.join(HERE, os.pardir, os.pardir, "include", "breach", "common.h")
    if os.path.isfile(header):
        with open(header, encoding="utf-8") as f:
            parts = dict(re.findall(r"^#define BREACH_VERSION_(MAJOR|MINOR|PATCH) (\d+)$",
                                    f.read(), re.M))
        return "%s.%s.%s" % (parts["MAJOR"], parts["MINOR"], parts["PATCH"])
    pkg_info = os.path.join(HERE, "PKG-INFO")
    with open(pkg_info, encoding="utf-8") as f:
        return re.search(r"^Version: (\S+)$", f.read(), re.M).group(1)


setup(version=version())
