"""The entity key (include/breach/incident.h, breach_entity_key; doc/model.md "Entity keys"),
written afresh for the reference scripts, so that their figures do not come from the
library they check. Rule 0 follows utf8proc_map(COMPAT | COMPOSE | CASEFOLD | STRIPMARK)."""

import re
import unicodedata

LEGAL = frozenset("inc incorporated llc llp lp pllc ltd limited corp corporation corporations "
                  "co company plc pc pa gmbh ag sa nv bv".split())


def is_symbol(c):
    """Rule 0's symbols, spaces before NFKC: category So, unless NFKC spells the symbol as
    letters, digits or ideographs (decomposition <compat>, <circle>, <square>)."""
    return unicodedata.category(c) == "So" and not unicodedata.decomposition(c).startswith(
        ("<compat>", "<circle>", "<square>"))


# typed for the apostrophe, and made it before NFKC (which would make U+00B4 a space and
# a mark, and keep U+02BC as a letter): the acute accent and the modifier letter apostrophe
APOSTROPHES = {"\u00b4": "'", "\u02bc": "'"}


def unicode_fold(s):
    """Rule 0: a name with a character outside ASCII as NFKC, case-folded, combining marks
    (Mn, Mc, Me) dropped; symbols (is_symbol) first become spaces, APOSTROPHES "'"."""
    if s.isascii():
        return s
    s = "".join(" " if is_symbol(c) else APOSTROPHES.get(c, c) for c in s)
    d = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", s).casefold())
    return unicodedata.normalize("NFC", "".join(c for c in d if unicodedata.category(c) not in
                                                 ("Mn", "Mc", "Me")))


# "(TM)", "(SM)", "(R)", "(C)" in any ASCII case: the signs' spelling, a space as they are
SIGN_MARKER = re.compile(r"\((?:tm|sm|r|c)\)", re.I | re.A)


def entity_key(name, quotes=True):
    """Sign markers ("(TM)" ..) are spaces; drop ' ` . ( ), typographic apostrophes and
    single quotes (U+2018-U+201B) and the prime (U+2032); & is "and"; other ASCII
    punctuation, dashes, typographic double quotes (U+201C-U+201F) and no-break spaces are
    spaces; lower-case ASCII, collapse spaces, drop a leading "the" and trailing legal forms
    (never the last word). Not a str: "". quotes=False: the key before the sign markers,
    the grave accent, U+201A-U+201F and U+2032 were folded (tests/reference/quote_keys.py
    counts what that changed)."""
    if not isinstance(name, str):
        return ""
    s = unicode_fold(name)
    if quotes:
        s = SIGN_MARKER.sub(" ", s)
        s = re.sub("['`.()\u2018-\u201b\u2032]", "", s)
        s = re.sub("[\u201c-\u201f]", " ", s)
    else:
        s = re.sub("['.()\u2018\u2019]", "", s)
    s = s.replace("&", " and ")
    s = re.sub(r"[\u2010-\u2015\u00a0]", " ", s)
    s = "".join(c.lower() if c.isascii() and c.isalpha() else
                c if (not c.isascii() or c.isdigit()) else " " for c in s)
    words = s.split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and words[-1] in LEGAL:
        words = words[:-1]
    return " ".join(words)
