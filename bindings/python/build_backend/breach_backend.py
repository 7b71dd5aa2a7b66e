"""The build backend of the Python package (PEP 517, PEP 660), with the standard library only.

Why not setuptools: the package is pure Python, and setuptools (before 70.1) needs the
separate ``wheel`` package to build a wheel at all, so ``pip install --no-build-isolation
--no-index ./bindings/python`` failed with "invalid command 'bdist_wheel'" in a fresh venv
(pyenv's python3 has no ``wheel``, and offline there is no PyPI to fetch it); setuptools
also wrote build/ and *.egg-info into the source tree. This backend needs nothing beyond
the interpreter and writes only into the directory pip or ``python3 -m build`` gives it.

What it builds:
- the version from the single source of truth, BREACH_VERSION_* in
  include/breach/common.h two directories up (the source tree), or the PKG-INFO of an sdist;
- the metadata from pyproject.toml's [project] table (tomllib: Python 3.11, else tomli);
- the package breach/ (no __pycache__, no _installed.py, which ``make install`` writes),
  with the bundled Census file as package data, breach/data/us-state-population-2024.csv,
  taken from examples/data/ of the source tree (an sdist holds it in breach/data/), so that
  breach.population() works for a wheel install.
"""

import base64
import hashlib
import importlib
import io
import os
import re
import tarfile
import time
import zipfile
from typing import Any, Dict, List, Optional, Tuple

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # bindings/python
TOP = os.path.normpath(os.path.join(HERE, os.pardir, os.pardir))
HEADER = os.path.join(TOP, "include", "breach", "common.h")
POPULATION = "us-state-population-2024.csv"
PACKAGE = "breach"
# what an sdist holds besides the package (paths relative to bindings/python)
SDIST_FILES = ("pyproject.toml", "README.md", "build_backend/breach_backend.py")


class BuildError(Exception):
    pass


def _version() -> str:
    # an sdist's PKG-INFO first: an sdist unpacked two levels below some other tree must not
    # take that tree's header
    pkg_info = os.path.join(HERE, "PKG-INFO")
    if os.path.isfile(pkg_info):
        with open(pkg_info, encoding="utf-8") as f:
            m = re.search(r"^Version: (\S+)$", f.read(), re.M)
        if m:
            return m.group(1)
    if os.path.isfile(HEADER):
        with open(HEADER, encoding="utf-8") as f:
            parts = dict(re.findall(r"^#define BREACH_VERSION_(MAJOR|MINOR|PATCH) (\d+)$",
                                    f.read(), re.M))
        return "%s.%s.%s" % (parts["MAJOR"], parts["MINOR"], parts["PATCH"])
    raise BuildError(
        "libbreach's Python package takes its version from include/breach/common.h two "
        "directories above it (%s: not found) or from the PKG-INFO of an sdist (%s: not "
        "found): build it from the libbreach source tree (pip install ./bindings/python), or "
        "make an sdist there first (python3 -m build --sdist bindings/python) and build or "
        "copy that" % (HEADER, os.path.join(HERE, "PKG-INFO")))


def _population() -> str:
    for p in (os.path.join(HERE, PACKAGE, "data", POPULATION),      # an sdist
              os.path.join(TOP, "examples", "data", POPULATION)):   # the source tree
        if os.path.isfile(p):
            return p
    raise BuildError("the bundled population file %s is neither in %s nor in %s: build the "
                     "package from the libbreach source tree or an sdist"
                     % (POPULATION, os.path.join(HERE, PACKAGE, "data"),
                        os.path.join(TOP, "examples", "data")))


def _project() -> Dict[str, Any]:
    try:
        toml = importlib.import_module("tomllib")
    except ImportError:
        try:
            toml = importlib.import_module("tomli")
        except ImportError:
            raise BuildError("building the package reads pyproject.toml: it needs Python "
                             "3.11 or later (tomllib), or the tomli package") from None
    with open(os.path.join(HERE, "pyproject.toml"), "rb") as f:
        project: Dict[str, Any] = toml.load(f)["project"]
    return project


def _metadata() -> str:
    """The core metadata (METADATA of the wheel, PKG-INFO of the sdist)."""
    p = _project()
    lines = ["Metadata-Version: 2.1", "Name: " + p["name"], "Version: " + _version(),
             "Summary: " + p["description"]]
    if "requires-python" in p:
        lines.append("Requires-Python: " + p["requires-python"])
    lines += ["Classifier: " + c for c in p.get("classifiers", ())]
    for extra, reqs in p.get("optional-dependencies", {}).items():
        lines.append("Provides-Extra: " + extra)
        lines += ['Requires-Dist: %s; extra == "%s"' % (r, extra) for r in reqs]
    for r in p.get("dependencies", ()):
        lines.append("Requires-Dist: " + r)
    readme = p.get("readme")
    body = ""
    if readme:
        lines.append("Description-Content-Type: text/markdown")
        with open(os.path.join(HERE, readme), encoding="utf-8") as f:
            body = f.read()
    return "\n".join(lines) + "\n\n" + body


def _package_files() -> List[Tuple[str, str]]:
    """(path in the archive, file on disk) of the package, the Census file included."""
    out = []
    root = os.path.join(HERE, PACKAGE)
    for d, dirs, files in os.walk(root):
        dirs[:] = sorted(x for x in dirs if x != "__pycache__")
        for name in sorted(files):
            if name.endswith((".pyc", ".pyo")) or name == "_installed.py":
                continue
            path = os.path.join(d, name)
            out.append((os.path.relpath(path, HERE).replace(os.sep, "/"), path))
    data = PACKAGE + "/data/" + POPULATION
    if data not in [a for a, _ in out]:
        out.append((data, _population()))
    return out


def _dist_info(version: str) -> str:
    return "%s-%s.dist-info" % (_project()["name"].replace("-", "_"), version)


def _epoch() -> float:
    # reproducible archives: SOURCE_DATE_EPOCH when set, else the zip format's first day
    return max(float(os.environ.get("SOURCE_DATE_EPOCH", 315532800)), 315532800)


def _wheel(wheel_directory: str, files: List[Tuple[str, bytes]]) -> str:
    version = _version()
    name = _project()["name"].replace("-", "_")
    info = _dist_info(version)
    files = files + [
        (info + "/METADATA", _metadata().encode("utf-8")),
        (info + "/WHEEL", b"Wheel-Version: 1.0\nGenerator: breach_backend\n"
                          b"Root-Is-Purelib: true\nTag: py3-none-any\n")]
    record = []
    for arc, data in files:
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
        record.append("%s,sha256=%s,%d" % (arc, digest.decode("ascii"), len(data)))
    record.append(info + "/RECORD,,")
    files.append((info + "/RECORD", ("\n".join(record) + "\n").encode("utf-8")))
    filename = "%s-%s-py3-none-any.whl" % (name, version)
    stamp = time.gmtime(_epoch())[:6]
    os.makedirs(wheel_directory, exist_ok=True)
    with zipfile.ZipFile(os.path.join(wheel_directory, filename), "w",
                         zipfile.ZIP_DEFLATED) as z:
        for arc, data in files:
            zi = zipfile.ZipInfo(arc, stamp)
            zi.external_attr = 0o644 << 16
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)
    return filename


def _read(path: str) -> bytes:
    with open(path, "rb") as f:
        return f.read()


# ------------------------------------------------------------------ PEP 517 / PEP 660 hooks

def get_requires_for_build_wheel(config_settings: Optional[Dict[str, Any]] = None
                                 ) -> List[str]:
    return []


def get_requires_for_build_sdist(config_settings: Optional[Dict[str, Any]] = None
                                 ) -> List[str]:
    return []


def get_requires_for_build_editable(config_settings: Optional[Dict[str, Any]] = None
                                    ) -> List[str]:
    return []


def prepare_metadata_for_build_wheel(metadata_directory: str,
                                     config_settings: Optional[Dict[str, Any]] = None) -> str:
    info = _dist_info(_version())
    os.makedirs(os.path.join(metadata_directory, info), exist_ok=True)
    with open(os.path.join(metadata_directory, info, "METADATA"), "w", encoding="utf-8") as f:
        f.write(_metadata())
    return info


prepare_metadata_for_build_editable = prepare_metadata_for_build_wheel


def build_wheel(wheel_directory: str, config_settings: Optional[Dict[str, Any]] = None,
                metadata_directory: Optional[str] = None) -> str:
    return _wheel(wheel_directory, [(arc, _read(p)) for arc, p in _package_files()])


def build_editable(wheel_directory: str, config_settings: Optional[Dict[str, Any]] = None,
                   metadata_directory: Optional[str] = None) -> str:
    """A wheel holding a .pth file that puts this directory on sys.path: breach is
    imported from the source tree (and finds the Census file in examples/data there)."""
    pth = (HERE + "\n").encode("utf-8")
    return _wheel(wheel_directory, [("_libbreach_editable.pth", pth)])


def build_sdist(sdist_directory: str, config_settings: Optional[Dict[str, Any]] = None) -> str:
    version = _version()
    base = "%s-%s" % (_project()["name"].replace("-", "_"), version)
    members = [(arc, _read(p)) for arc, p in _package_files()]
    members += [(arc, _read(os.path.join(HERE, arc))) for arc in SDIST_FILES]
    members.append(("PKG-INFO", _metadata().encode("utf-8")))
    filename = base + ".tar.gz"
    os.makedirs(sdist_directory, exist_ok=True)
    with tarfile.open(os.path.join(sdist_directory, filename), "w:gz",
                      format=tarfile.PAX_FORMAT) as t:
        for arc, data in sorted(members):
            ti = tarfile.TarInfo(base + "/" + arc)
            ti.size, ti.mtime, ti.mode = len(data), int(_epoch()), 0o644
            t.addfile(ti, io.BytesIO(data))
    return filename
