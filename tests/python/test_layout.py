"""The ctypes mirrors of breach/_lib.py against the C structs of include/breach/*.h.

The binding mirrors every public struct field by field, by hand. A field left out, put in
the wrong place or given the wrong type makes Python read misaligned values (arrays of
structs indexed with the wrong size) without any error, so nothing else would notice
unless a figure happened to be asserted. This suite makes such a mistake fail, naming the
struct and the field:

  - names, without a compiler: the members of each C struct, read from the header, in
    order, are the mirror's _fields_ (a bool dropped into padding moves no offset);
  - layout, with the C compiler the build used ($BREACH_CC from make check, else $CC,
    else cc): one probe program prints sizeof and alignment of each struct and, per
    field, offsetof, sizeof and what the member is (bool, signed or unsigned integer of
    n bits, floating point, pointer to what, which struct, which function pointer type,
    array length); bitfields, which have no offsetof, by the bytes that setting all
    their bits changes. Without a compiler (a user of an installed wheel) it is skipped.

A fixture struct compiled into the same probe, with mirrors right and wrong on purpose,
checks that each kind of mistake is caught.

Mirrors are found, not listed: every ctypes Structure of breach._lib with _fields_, and
every one that the function table passes, returns or nests. Class names map to C names by
the pattern RegionShares -> breach_region_shares; C_NAMES holds the exceptions.
"""

import ctypes
import keyword
import os
import re
import shlex
import shutil
import subprocess
import tempfile
import unittest

import support
from breach import _lib

INCLUDE = os.path.join(support.TOP, "include")

# Mirrors whose C name does not follow the pattern (none today).
C_NAMES = {}

# ctypes function pointer types in structs -> the C typedef they stand for.
FUNCTION_TYPES = {_lib.ProgressFn: "breach_progress_fn"}


def c_name(cls):
    if cls.__name__ in C_NAMES:
        return C_NAMES[cls.__name__]
    return "breach_" + re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", cls.__name__).lower()


def c_member(py_name):
    """A _fields_ name -> the C member: a Python keyword gets a trailing _ (from_)."""
    if py_name.endswith("_") and keyword.iskeyword(py_name[:-1]):
        return py_name[:-1]
    return py_name


def mirrors():
    """{class: C struct name} of every mirrored struct (opaque handles have no _fields_)."""
    seen = {}

    def visit(t):
        while t is not None and not isinstance(getattr(t, "_type_", ""), str):
            t = t._type_  # POINTER(X) -> X, arrays -> their element
        if (isinstance(t, type) and issubclass(t, ctypes.Structure) and t not in seen
                and "_fields_" in t.__dict__):
            seen[t] = c_name(t)
            for f in t._fields_:
                visit(f[1])

    for obj in list(vars(_lib).values()):
        if isinstance(obj, type) and issubclass(obj, ctypes.Structure):
            visit(obj)
    for fn in _lib.FUNCTIONS:
        for t in list(fn.argtypes) + [fn.restype]:
            visit(t)
    return seen


# ------------------------------------------------------------------ reading the headers

class Member:
    __slots__ = ("name", "array", "bits")

    def __init__(self, name, array, bits):
        self.name, self.array, self.bits = name, array, bits


def strip_comments(text):
    return re.sub(r"//[^\n]*", "", re.sub(r"/\*.*?\*/", " ", text, flags=re.S))


def parse_structs(text):
    """{name: [Member]} of every `typedef struct name { ... } name;` of a header text.
    Raises ValueError on a body this reader does not understand (a nested struct, a
    function pointer member) rather than guessing."""
    text = strip_comments(text)
    out = {}
    for m in re.finditer(r"\bstruct\s+(\w+)\s*\{", text):
        name = m.group(1)
        end = text.find("}", m.end())
        body = text[m.end():end]
        if "{" in body or "(" in body:
            raise ValueError("struct %s: a nested definition or a function pointer member "
                             "(teach parse_structs to read it)" % name)
        if not re.match(r"\s*(\w+)\s*;", text[end + 1:]):
            raise ValueError("struct %s: not a 'typedef struct %s { ... } %s;'"
                             % (name, name, name))
        members = []
        for decl in body.split(";"):
            decl = " ".join(decl.split())
            if not decl:
                continue
            for i, part in enumerate(decl.split(",")):
                bf = re.search(r"(\w+)\s*:\s*(\w+)\s*$", part)
                if bf:  # a bitfield: name : width
                    members.append(Member(bf.group(1), False, bf.group(2)))
                    continue
                d = re.search(r"(\w+)\s*((?:\[[^\]]*\]\s*)*)$", part)
                if not d or (i == 0 and not re.search(r"\w\W+\**\s*\w+\s*(\[|$)", part)):
                    raise ValueError("struct %s: cannot read the member in '%s'"
                                     % (name, decl))
                members.append(Member(d.group(1), bool(d.group(2)), None))
        out[name] = members
    return out


def public_headers():
    paths = [os.path.join(INCLUDE, "breach.h")]
    sub = os.path.join(INCLUDE, "breach")
    paths += sorted(os.path.join(sub, p) for p in os.listdir(sub) if p.endswith(".h"))
    return paths


def read_headers():
    structs, text = {}, ""
    for path in public_headers():
        with open(path) as f:
            t = f.read()
        text += t
        structs.update(parse_structs(t))
    return structs, strip_comments(text)


def member_problems(cls, cname, members):
    """What differs between the C member names, in order, and the mirror's _fields_."""
    c = [m.name for m in members]
    py = [c_member(f[0]) for f in cls._fields_]
    where = "%s (_lib.%s)" % (cname, cls.__name__)
    problems = []
    for i, n in enumerate(c):
        if n not in py:
            problems.append("%s: member '%s' (C's member %d of %d%s) is missing from "
                            "_fields_" % (where, n, i + 1, len(c),
                                          ", after '%s'" % c[i - 1] if i else ""))
    for n in py:
        if n not in c:
            problems.append("%s: _fields_ has '%s', which the C struct has not" % (where, n))
    if len(set(py)) != len(py):
        problems.append("%s: _fields_ names a member twice" % where)
    common_c = [n for n in c if n in py]
    common_py = [n for n in py if n in c]
    if common_c != common_py:
        i = next(k for k, (a, b) in enumerate(zip(common_c, common_py)) if a != b)
        problems.append("%s: members out of order: C has '%s' where _fields_ has '%s' "
                        "(C: %s; _fields_: %s)" % (where, common_c[i], common_py[i],
                                                   ", ".join(common_c[i:i + 3]),
                                                   ", ".join(common_py[i:i + 3])))
    return problems


# ------------------------------------------------------------------ the probe

# The C scalar types and what the probe calls them: the kind, then the bits.
SCALARS = [("_Bool", ctypes.c_bool, "bool"), ("char", ctypes.c_char, "char"),
           ("signed char", ctypes.c_byte, "int"), ("unsigned char", ctypes.c_ubyte, "uint"),
           ("short", ctypes.c_short, "int"), ("unsigned short", ctypes.c_ushort, "uint"),
           ("int", ctypes.c_int, "int"), ("unsigned int", ctypes.c_uint, "uint"),
           ("long", ctypes.c_long, "int"), ("unsigned long", ctypes.c_ulong, "uint"),
           ("long long", ctypes.c_longlong, "int"),
           ("unsigned long long", ctypes.c_ulonglong, "uint"),
           ("float", ctypes.c_float, "float"), ("double", ctypes.c_double, "float"),
           ("long double", ctypes.c_longdouble, "float")]
# ctypes' type codes -> kind
CODES = {"?": "bool", "c": "char", "b": "int", "B": "uint", "h": "int", "H": "uint",
         "i": "int", "I": "uint", "l": "int", "L": "uint", "q": "int", "Q": "uint",
         "f": "float", "d": "float", "g": "float"}


def kind_macro(struct_names):
    """#define KIND(x): a _Generic naming what x is: a scalar, a pointer to one, one of
    the structs named or a pointer to it, a function pointer type of FUNCTION_TYPES. A C
    enum member would show as its compatible integer type (signedness is the compiler's
    choice): the headers store enumerations as int32_t, mirrored as c_int32."""
    assoc = []
    for s in sorted(struct_names):
        assoc += ['%s: "struct:%s"' % (s, s), '%s *: "ptr:struct:%s"' % (s, s),
                  'const %s *: "ptr:struct:%s"' % (s, s)]
    assoc += ['%s: "fn:%s"' % (fn, fn) for fn in sorted(set(FUNCTION_TYPES.values()))]
    for c, t, kind in SCALARS:
        label = "%s%d" % (kind, 8 * ctypes.sizeof(t))
        assoc += ['%s: "%s"' % (c, label), '%s *: "ptr:%s"' % (c, label),
                  'const %s *: "ptr:%s"' % (c, label)]
    assoc += ['void *: "ptr:void"', 'const void *: "ptr:void"']
    assoc += ['%s: "ptr:ptr:char8"' % t
              for t in ("char **", "const char **", "char *const *", "const char *const *")]
    return "#define KIND(x) _Generic((x), %s, default: \"other\")" % ", ".join(assoc)


def py_kind(t, names):
    """What the probe should call a member mirrored as ctypes type t."""
    if t in FUNCTION_TYPES:
        return "fn:" + FUNCTION_TYPES[t]
    if issubclass(t, ctypes._CFuncPtr):
        return "fn:? (add %s to FUNCTION_TYPES)" % t.__name__
    if issubclass(t, ctypes.Structure):
        return "struct:" + names.get(t, "? (%s is no mirror)" % t.__name__)
    if issubclass(t, ctypes._Pointer):
        return "ptr:" + py_kind(t._type_, names)
    if issubclass(t, ctypes.Array):
        return "array of " + py_kind(t._type_, names)
    if issubclass(t, ctypes._SimpleCData):
        if t._type_ == "z":
            return "ptr:char8"
        if t._type_ == "P":
            return "ptr:void"
        if t._type_ in CODES:
            return "%s%d" % (CODES[t._type_], 8 * ctypes.sizeof(t))
    return "unsupported ctypes type %r" % (t,)


def field_type(f):
    return f[1], (f[2] if len(f) > 2 else None)


def probe_source(checks, struct_names, prelude=""):
    """The probe's C source. checks: [(label, class, C name, {member: Member})];
    struct_names: the structs KIND() tells apart. Each line carries its label.field in a
    comment, which compiler diagnostics quote."""
    lines = ["#include <stdio.h>", "#include <string.h>", "#include <stddef.h>",
             "#include <breach.h>", prelude, kind_macro(struct_names),
             "static void dump(const char *label, const char *field, const void *p, "
             "size_t n) {",
             '    printf("B\\t%s\\t%s\\t", label, field);',
             "    const unsigned char *b = p;",
             '    for (size_t i = 0; i < n; i++) printf("%02x", b[i]);',
             '    printf("\\n");', "}", "int main(void) {"]
    for k, (label, cls, cname, members) in enumerate(checks):
        s = "s%d" % k
        lines.append("    static %s %s; (void)%s;" % (cname, s, s))
        lines.append('    printf("S\\t%s\\t%%zu\\t%%zu\\n", sizeof(%s), _Alignof(%s));'
                     % (label, cname, cname))
        for f in cls._fields_:
            m = members.get(c_member(f[0]))
            if m is None:
                continue  # member_problems() says it
            t, bits = field_type(f)
            tag = "/* %s.%s */" % (label, f[0])
            if m.bits is not None or bits is not None:
                lines.append("    memset(&%s, 0, sizeof %s); %s.%s = -1; "
                             "dump(\"%s\", \"%s\", &%s, sizeof %s); %s"
                             % (s, s, s, m.name, label, f[0], s, s, tag))
                continue
            x = "%s.%s" % (s, m.name)
            if m.array:
                kind, count = "KIND(%s[0])" % x, "sizeof %s / sizeof %s[0]" % (x, x)
            else:
                kind, count = "KIND(%s)" % x, "(size_t)1"
            lines.append('    printf("F\\t%s\\t%s\\t%%zu\\t%%zu\\t%%s\\t%%zu\\n", '
                         "offsetof(%s, %s), sizeof %s, %s, %s); %s"
                         % (label, f[0], cname, m.name, x, kind, count, tag))
    lines += ["    return 0;", "}"]
    return "\n".join(lines) + "\n"


def compiler():
    """(the build's C compiler as an argv list or None, where it was looked for)."""
    for var in ("BREACH_CC", "CC"):
        if os.environ.get(var, "").strip():
            cc = shlex.split(os.environ[var])
            return (cc if shutil.which(cc[0]) else None), "$%s=%s" % (var, os.environ[var])
    cc = shutil.which("cc")
    return ([cc] if cc else None), "cc on PATH ($BREACH_CC and $CC unset)"


def run_probe(cc, source):
    """Compiles and runs the probe: (facts, None) or (None, the compiler's complaint with
    each quoted line's label.field)."""
    tmp = tempfile.mkdtemp(prefix="breach-layout-")
    try:
        src, exe = os.path.join(tmp, "layout.c"), os.path.join(tmp, "layout")
        with open(src, "w") as f:
            f.write(source)
        r = subprocess.run(cc + ["-std=c11", "-O0", "-w", "-I", INCLUDE, src, "-o", exe],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           universal_newlines=True, env=support.tool_env(), timeout=120)
        if r.returncode != 0:
            # the errors only (not the notes quoting KIND's expansion), each with the
            # mirror and field of the line it is about
            src_lines = source.splitlines()
            errors = []
            for line in r.stdout.splitlines():
                e = re.match(r".*layout\.c:(\d+):(?:\d+:)? *(?:fatal )?error: *(.*)", line)
                if e:
                    tag = re.search(r"/\* (\S+) \*/",
                                    src_lines[min(int(e.group(1)), len(src_lines)) - 1])
                    error = "  %s: %s" % (tag.group(1) if tag else "line " + e.group(1),
                                          e.group(2))
                    if error not in errors:
                        errors.append(error)
            return None, ("the layout probe did not compile (%s), %d errors:\n%s%s" % (
                " ".join(cc), len(errors), "\n".join(errors[:20]),
                "\n  ..." if len(errors) > 20 else "") if errors else r.stdout[-4000:])
        out = subprocess.run([exe], stdout=subprocess.PIPE, universal_newlines=True,
                             env=support.tool_env(), timeout=60, check=True).stdout
    finally:
        shutil.rmtree(tmp)
    facts = {}
    for line in out.splitlines():
        p = line.split("\t")
        if p[0] == "S":  # S label sizeof alignment
            facts[("S", p[1])] = [int(p[2]), int(p[3])]
        else:  # F label field offset size kind count; B label field bytes
            facts[(p[0], p[1], p[2])] = p[3:]
    return facts, None


def layout_problems(label, cls, cname, members, facts, names):
    """What differs between the probe's facts of one struct and its mirror."""
    where = "%s (_lib.%s)" % (cname, cls.__name__)
    problems = []
    size, align = facts[("S", label)]
    if size != ctypes.sizeof(cls):
        problems.append("%s: sizeof is %d in C, %d in ctypes" % (where, size,
                                                                 ctypes.sizeof(cls)))
    if align != ctypes.alignment(cls):
        problems.append("%s: alignment is %d in C, %d in ctypes"
                        % (where, align, ctypes.alignment(cls)))
    for f in cls._fields_:
        m = members.get(c_member(f[0]))
        if m is None:
            continue
        t, bits = field_type(f)
        field = "%s.%s" % (cname, m.name)
        if m.bits is not None or bits is not None:
            want = set_bytes(bytes.fromhex(facts[("B", label, f[0])][0]))
            o = cls()
            signed = CODES.get(getattr(t, "_type_", ""), "") == "int"
            setattr(o, f[0], -1 if signed else (1 << (bits or 8 * ctypes.sizeof(t))) - 1)
            got = set_bytes(bytes(o))
            if got != want or (m.bits is None) != (bits is None):
                problems.append("%s: bitfield :%s in C, %s in ctypes; all its bits set "
                                "give bytes %s in C, %s in ctypes"
                                % (field, m.bits or "-", bits or "-", want, got))
            continue
        offset, fsize, kind, count = facts[("F", label, f[0])]
        offset, fsize, count = int(offset), int(fsize), int(count)
        py_offset = getattr(cls, f[0]).offset
        if offset != py_offset:
            problems.append("%s: offset %d in C, %d in ctypes" % (field, offset, py_offset))
        is_array = issubclass(t, ctypes.Array)
        if m.array != is_array:
            problems.append("%s: %s in C, %s in ctypes" % (
                field, "an array" if m.array else "not an array",
                "an array" if is_array else "not an array"))
        elem = t._type_ if is_array else t
        py = py_kind(elem, names)
        py_count = t._length_ if is_array else 1
        if kind != py or fsize != ctypes.sizeof(t) or count != py_count:
            problems.append("%s: %s in C, %s in ctypes"
                            % (field, describe(kind, count, fsize, m.array),
                               describe(py, py_count, ctypes.sizeof(t), is_array)))
    return problems


def set_bytes(b):
    """'offset:value' of the bytes that are not 0."""
    return " ".join("%d:%02x" % (i, v) for i, v in enumerate(b) if v)


def describe(kind, count, size, array):
    return "%s%s (%d byte%s)" % (kind, "[%d]" % count if array else "", size,
                                 "" if size == 1 else "s")


# ------------------------------------------------------------------ the fixture

# A struct of each kind of member the headers use or may use, compiled into the probe,
# read by parse_structs, and mirrored right and wrong below.
FIXTURE_C = """
typedef struct layout_fixture {
    bool flag;            /* bool: one byte, c_bool */
    int32_t kind;         /* an enumeration stored as int32_t: c_int32 */
    unsigned low : 3, high : 5;
    uint64_t n;
    double share;
    const char *name, *const *where;
    breach_total totals[2];
    const breach_date *dates;
    breach_progress_fn progress;
} layout_fixture;
"""

RIGHT = [("flag", ctypes.c_bool), ("kind", ctypes.c_int32), ("low", ctypes.c_uint, 3),
         ("high", ctypes.c_uint, 5), ("n", ctypes.c_uint64), ("share", ctypes.c_double),
         ("name", ctypes.c_char_p), ("where", ctypes.POINTER(ctypes.c_char_p)),
         ("totals", _lib.Total * 2), ("dates", ctypes.POINTER(_lib.Date)),
         ("progress", _lib.ProgressFn)]


def fixture(name, **changes):
    """A mirror of layout_fixture: RIGHT with fields replaced (a tuple), dropped (None) or
    reordered (order=[names])."""
    fields = []
    for f in RIGHT:
        if f[0] in changes:
            if changes[f[0]] is not None:
                fields.append(changes[f[0]])
        else:
            fields.append(f)
    if "order" in changes:
        by = {f[0]: f for f in fields}
        fields = [by[n] for n in changes["order"]]
    return type(name, (ctypes.Structure,), {"_fields_": fields})


# (mirror, what its problems must say; None: no problem)
FIXTURES = [
    (fixture("Right"), None),
    (fixture("BoolAsByte", flag=("flag", ctypes.c_uint8)),
     "layout_fixture.flag: bool8 (1 byte) in C, uint8 (1 byte) in ctypes"),
    (fixture("EnumUnsigned", kind=("kind", ctypes.c_uint32)),
     "layout_fixture.kind: int32 (4 bytes) in C, uint32 (4 bytes) in ctypes"),
    (fixture("EnumWide", kind=("kind", ctypes.c_int64)),
     "layout_fixture.kind: int32 (4 bytes) in C, int64 (8 bytes) in ctypes"),
    (fixture("BitsSwapped", low=("low", ctypes.c_uint, 5), high=("high", ctypes.c_uint, 3)),
     "layout_fixture.low: bitfield :3 in C, 5 in ctypes"),
    (fixture("BitsNot", low=("low", ctypes.c_uint8), high=("high", ctypes.c_uint8)),
     "layout_fixture.low: bitfield :3 in C, - in ctypes"),
    (fixture("DoubleAsInt", share=("share", ctypes.c_uint64)),
     "layout_fixture.share: float64 (8 bytes) in C, uint64 (8 bytes) in ctypes"),
    (fixture("WrongStruct", totals=("totals", _lib.Count * 2)),
     "layout_fixture.totals: struct:breach_total[2] (160 bytes) in C, "
     "struct:breach_count[2] (32 bytes) in ctypes"),
    (fixture("ShortArray", totals=("totals", _lib.Total * 1)),
     "layout_fixture.totals: struct:breach_total[2] (160 bytes) in C, "
     "struct:breach_total[1] (80 bytes) in ctypes"),
    (fixture("WrongPointee", dates=("dates", ctypes.POINTER(_lib.Count))),
     "layout_fixture.dates: ptr:struct:breach_date (8 bytes) in C, "
     "ptr:struct:breach_count (8 bytes) in ctypes"),
    (fixture("VoidFn", progress=("progress", ctypes.c_void_p)),
     "layout_fixture.progress: fn:breach_progress_fn (8 bytes) in C, ptr:void (8 bytes)"),
    (fixture("Dropped", flag=None),
     "layout_fixture (_lib.Dropped): member 'flag' (C's member 1 of 11) is missing"),
    (fixture("DroppedInPadding", kind=None),
     "layout_fixture (_lib.DroppedInPadding): member 'kind' (C's member 2 of 11, "
     "after 'flag') is missing"),
    (fixture("Reordered", order=["flag", "kind", "low", "high", "share", "n", "name",
                                 "where", "totals", "dates", "progress"]),
     "layout_fixture (_lib.Reordered): members out of order: C has 'n' where _fields_ "
     "has 'share'"),
    (fixture("Extra", n=("n_", ctypes.c_uint64)),
     "layout_fixture (_lib.Extra): _fields_ has 'n_', which the C struct has not"),
]


# ------------------------------------------------------------------ the tests

class Names(unittest.TestCase):
    """Member names and order: no compiler needed."""

    @classmethod
    def setUpClass(cls):
        if not os.path.isdir(os.path.join(INCLUDE, "breach")):
            raise unittest.SkipTest("no headers at %s: the mirrors cannot be compared with "
                                    "them" % INCLUDE)
        cls.structs, cls.text = read_headers()
        cls.mirrors = mirrors()

    def test_found_the_mirrors(self):
        # 58 mirrors on 2026-12-15; a lower count means the discovery broke
        self.assertGreaterEqual(len(self.mirrors), 58)
        self.assertIn(_lib.Link, self.mirrors)
        self.assertEqual(self.mirrors[_lib.RegionShares], "breach_region_shares")
        self.assertEqual(self.mirrors[_lib.KmStep], "breach_km_step")

    def test_every_mirror_names_a_public_struct(self):
        missing = ["_lib.%s -> %s" % (c.__name__, n) for c, n in self.mirrors.items()
                   if n not in self.structs]
        self.assertEqual(missing, [], "mirrors whose C struct the public headers do not "
                                      "define (a renamed struct? add it to C_NAMES)")

    def test_structs_the_binding_passes_are_mirrored(self):
        """A struct with a body that a function of the table takes or returns has a
        mirror (a struct passed as c_void_p would escape every other check)."""
        mirrored = set(self.mirrors.values())
        decls = [d for d in self.text.split(";") if "BREACH_API" in d]
        unmirrored = []
        for fn in _lib.FUNCTIONS:
            decl = next((d for d in decls if re.search(r"\b%s\s*\(" % fn.name, d)), "")
            for t in re.findall(r"\b(breach_\w+)\b", decl):
                if t in self.structs and t not in mirrored:
                    unmirrored.append("%s (by %s)" % (t, fn.name))
        self.assertEqual(unmirrored, [])

    def test_members_in_order(self):
        for cls, cname in sorted(self.mirrors.items(), key=lambda kv: kv[1]):
            if cname not in self.structs:
                continue  # test_every_mirror_names_a_public_struct says it
            with self.subTest(struct=cname):
                problems = member_problems(cls, cname, self.structs[cname])
                if problems:
                    self.fail("\n".join(problems))

    def test_parser_reads_the_fixture(self):
        members = parse_structs(FIXTURE_C)["layout_fixture"]
        self.assertEqual([(m.name, m.array, m.bits) for m in members],
                         [("flag", False, None), ("kind", False, None), ("low", False, "3"),
                          ("high", False, "5"), ("n", False, None), ("share", False, None),
                          ("name", False, None), ("where", False, None),
                          ("totals", True, None), ("dates", False, None),
                          ("progress", False, None)])

    def test_member_problems_of_the_fixtures(self):
        members = parse_structs(FIXTURE_C)["layout_fixture"]
        for mirror, expect in FIXTURES:
            problems = member_problems(mirror, "layout_fixture", members)
            with self.subTest(mirror=mirror.__name__):
                if expect and expect.startswith("layout_fixture (_lib."):
                    self.assertTrue(any(expect in p for p in problems),
                                    "expected '%s' among %s" % (expect, problems))
                else:
                    self.assertEqual(problems, [])


class Layout(unittest.TestCase):
    """sizeof, alignment, offsets and member types from the C compiler: one probe."""

    @classmethod
    def setUpClass(cls):
        if not os.path.isdir(os.path.join(INCLUDE, "breach")):
            raise unittest.SkipTest("no headers at %s: layouts not compared" % INCLUDE)
        cc, tried = compiler()
        if cc is None:
            raise unittest.SkipTest(
                "no C compiler (%s not found): the ctypes layouts are not compared with "
                "the headers (an installed package needs none)" % tried)
        structs, _ = read_headers()
        fixture_members = parse_structs(FIXTURE_C)["layout_fixture"]
        cls.mirrors = mirrors()
        cls.checks = [(c.__name__, c, n, {m.name: m for m in structs[n]})
                      for c, n in sorted(cls.mirrors.items(), key=lambda kv: kv[1])
                      if n in structs]
        cls.fixture_checks = [("fixture_" + f.__name__, f, "layout_fixture",
                               {m.name: m for m in fixture_members}) for f, _ in FIXTURES]
        cls.names = dict(cls.mirrors)
        cls.facts, cls.error = run_probe(
            cc, probe_source(cls.checks + cls.fixture_checks, structs, prelude=FIXTURE_C))

    def problems(self, check):
        return layout_problems(*check, facts=self.facts, names=self.names)

    def test_layouts_match_headers(self):
        if self.error:
            self.fail(self.error)
        self.assertTrue(self.checks)
        for check in self.checks:
            with self.subTest(struct=check[2]):
                problems = self.problems(check)
                if problems:
                    self.fail("\n".join(problems))

    def test_fixtures_each_mistake_is_caught(self):
        if self.error:
            self.fail(self.error)
        for check, (_, expect) in zip(self.fixture_checks, FIXTURES):
            with self.subTest(mirror=check[1].__name__):
                problems = self.problems(check)
                if expect is None:
                    self.assertEqual(problems, [])
                elif not expect.startswith("layout_fixture (_lib."):  # not a names mistake
                    self.assertTrue(any(expect in p for p in problems),
                                    "expected '%s' among %s" % (expect, problems))


if __name__ == "__main__":
    unittest.main()
