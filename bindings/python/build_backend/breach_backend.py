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
- the metadata from pyproject.toml's [project] table, read by _Toml below: a strict reader
  of the TOML the file uses, so that the build needs neither tomllib (Python 3.11) nor the
  tomli package on the 3.7-3.10 the package supports (pip on 3.8-3.10 failed with "needs
  Python 3.11 or later (tomllib), or the tomli package", and offline no tomli could be
  fetched); tests/python/test_build_backend.py holds it to tomllib's reading of the file;
- the package breach/ (no __pycache__, no _installed.py, which ``make install`` writes),
  with the bundled Census file as package data, breach/data/us-state-population-2024.csv,
  taken from examples/data/ of the source tree (an sdist holds it in breach/data/), so that
  breach.population() works for a wheel install.
"""

import base64
import hashlib
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


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
# a boolean or a decimal integer, ended by what may follow a value
_SCALAR = re.compile(r"(true|false|[+-]?(?:0|[1-9](?:_?[0-9])*))(?=[ \t\r\n#,\]]|$)")


class _Toml:
    """The TOML that pyproject.toml uses, and nothing more: tables ([a.b]), arrays of tables
    ([[a.b]]), bare and dotted keys, one-line basic and literal strings, integers, booleans
    and arrays of them, comments. Anything else (quoted keys, multi-line strings, floats,
    dates, inline tables) is a BuildError naming the line and column, never a guess: a
    pyproject.toml edit that needs more fails the build everywhere, not only before 3.11."""

    def __init__(self, text: str, name: str) -> None:
        self.s, self.i, self.name = text, 0, name
        self.defined: List[int] = []  # ids of the tables a header defined

    def fail(self, why: str, at: Optional[int] = None) -> "BuildError":
        at = self.i if at is None else at
        line = self.s.count("\n", 0, at) + 1
        col = at - (self.s.rfind("\n", 0, at) + 1) + 1
        return BuildError("%s:%d:%d: %s (the build backend reads tables, bare keys, one-line "
                          "strings, integers, booleans and arrays of TOML)"
                          % (self.name, line, col, why))

    def peek(self) -> str:
        return self.s[self.i] if self.i < len(self.s) else ""

    def blank(self, newlines: bool) -> None:
        """Skips spaces and tabs, and with ``newlines`` line ends and comments too."""
        while self.i < len(self.s):
            c = self.s[self.i]
            if c in " \t" or (newlines and (c == "\n" or self.s.startswith("\r\n", self.i))):
                self.i += 1
            elif newlines and c == "#":
                self.comment()
            else:
                return

    def comment(self) -> None:
        end = self.s.find("\n", self.i)
        self.i = len(self.s) if end < 0 else end

    def end_of_line(self) -> None:
        self.blank(False)
        if self.peek() == "#":
            self.comment()
        if self.s.startswith("\r\n", self.i):
            self.i += 1
        if self.i < len(self.s) and self.s[self.i] != "\n":
            raise self.fail("expected the end of the line")

    def key(self) -> List[str]:
        parts = []
        while True:
            m = _BARE_KEY.match(self.s, self.i)
            if not m:
                raise self.fail("expected a bare key (letters, digits, _ and -)")
            parts.append(m.group(0))
            self.i = m.end()
            self.blank(False)
            if self.peek() != ".":
                return parts
            self.i += 1
            self.blank(False)

    def string(self) -> str:
        q, start = self.s[self.i], self.i
        if self.s.startswith(q * 3, self.i):
            raise self.fail("a multi-line string")
        self.i += 1
        out: List[str] = []
        while True:
            c = self.peek()
            if c == q:
                self.i += 1
                return "".join(out)
            if c in ("", "\n") or (c < " " and c != "\t") or c == "\x7f":
                raise self.fail("the string that starts here is not closed on its line"
                                if c in ("", "\n") else "a control character in a string",
                                start if c in ("", "\n") else None)
            if c == "\\" and q == '"':
                esc = self.s[self.i + 1:self.i + 2]
                simple = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r",
                          '"': '"', "\\": "\\"}
                if esc in simple:
                    out.append(simple[esc])
                    self.i += 2
                    continue
                n = {"u": 4, "U": 8}.get(esc, 0)
                digits = self.s[self.i + 2:self.i + 2 + n]
                if not n or not re.fullmatch(r"[0-9A-Fa-f]{%d}" % n, digits):
                    raise self.fail("an escape TOML does not have")
                out.append(chr(int(digits, 16)))
                self.i += 2 + n
                continue
            out.append(c)
            self.i += 1

    def value(self) -> Any:
        c = self.peek()
        if c in ('"', "'"):
            return self.string()
        if c == "[":
            self.i += 1
            items: List[Any] = []
            while True:
                self.blank(True)
                if self.peek() == "]":
                    self.i += 1
                    return items
                items.append(self.value())
                self.blank(True)
                if self.peek() == ",":
                    self.i += 1
                elif self.peek() != "]":
                    raise self.fail("expected ',' or ']' in the array")
        m = _SCALAR.match(self.s, self.i)
        if not m:
            raise self.fail("a value the build backend does not read (a string, an integer, "
                            "true, false or an array is)")
        self.i = m.end()
        word = m.group(1)
        return word == "true" if word in ("true", "false") else int(word.replace("_", ""))

    def parse(self) -> Dict[str, Any]:
        root: Dict[str, Any] = {}
        table = root
        while True:
            self.blank(True)
            if self.i >= len(self.s):
                return root
            start = self.i
            if self.peek() == "[":
                many = self.s.startswith("[[", self.i)
                self.i += 2 if many else 1
                self.blank(False)
                path = self.key()
                close = "]]" if many else "]"
                if not self.s.startswith(close, self.i):
                    raise self.fail("expected %r to close the table header" % close)
                self.i += len(close)
                table = self.table(root, path, many, start)
            else:
                path = self.key()
                if self.peek() != "=":
                    raise self.fail("expected '=' after the key")
                self.i += 1
                self.blank(False)
                v = self.value()
                t = self.descend(table, path[:-1], start)
                if path[-1] in t:
                    raise self.fail("key %r is defined twice" % ".".join(path), start)
                t[path[-1]] = v
            self.end_of_line()

    def descend(self, t: Dict[str, Any], path: List[str], at: int) -> Dict[str, Any]:
        for k in path:
            t = t.setdefault(k, {})
            if isinstance(t, list) and t and isinstance(t[-1], dict):
                t = t[-1]
            elif not isinstance(t, dict):
                raise self.fail("%r is a value, not a table" % k, at)
        return t

    def table(self, root: Dict[str, Any], path: List[str], many: bool,
              at: int) -> Dict[str, Any]:
        parent = self.descend(root, path[:-1], at)
        last = path[-1]
        if many:
            arr = parent.setdefault(last, [])
            if not isinstance(arr, list):
                raise self.fail("%r is not an array of tables" % ".".join(path), at)
            new: Dict[str, Any] = {}
            arr.append(new)
            return new
        t = parent.setdefault(last, {})
        if not isinstance(t, dict) or id(t) in self.defined:
            raise self.fail("table [%s] is defined twice" % ".".join(path), at)
        self.defined.append(id(t))
        return t


def read_toml(path: str) -> Dict[str, Any]:
    """The TOML file at ``path`` as tomllib would read it, within _Toml's subset."""
    with open(path, "rb") as f:
        data = f.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise BuildError("%s: not UTF-8 at byte %d" % (path, e.start)) from None
    return _Toml(text, path).parse()


def _project() -> Dict[str, Any]:
    path = os.path.join(HERE, "pyproject.toml")
    project = read_toml(path).get("project")
    if not isinstance(project, dict):
        raise BuildError("%s has no [project] table" % path)
    for key in ("name", "description"):
        if not isinstance(project.get(key), str):
            raise BuildError("%s: [project] needs %s, a string" % (path, key))
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
