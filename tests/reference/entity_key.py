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


def unicode_fold(s):
    """Rule 0: a name with a character outside ASCII as NFKC, case-folded, combining marks
    (Mn, Mc, Me) dropped; symbols (is_symbol) first become spaces."""
    if s.isascii():
        return s
    s = "".join(" " if is_symbol(c) else c for c in s)
    d = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", s).casefold())
    return unicodedata.normalize("NFC", "".join(c for c in d if unicodedata.category(c) not in
                                                 ("Mn", "Mc", "Me")))


def entity_key(name):
    """Drop ' . ( ) and typographic apostrophes, & is "and", other ASCII punctuation, dashes
    and no-break spaces are spaces, lower-case ASCII, collapse spaces, drop a leading "the"
    and trailing legal forms (never the last word). Not a str: ""."""
    if not isinstance(name, str):
        return ""
    s = re.sub(r"['.()\u2018\u2019]", "", unicode_fold(name))
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
