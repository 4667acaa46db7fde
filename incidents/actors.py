"""Which actor names mean the same group, for comparing incidents across sources.

Each dataset names a group its own way: the project writes "Islamic State Khorasan
Province (ISIS-K)", ACLED "Islamic State (Afghanistan)", GTD "Khorasan Chapter of the
Islamic State", UCDP "IS".  Without a shared key, the same bombing from two sources
never counts as "the same actor", and likely duplicates go unflagged.

The key is only for comparison: the actor is always shown as its source wrote it.
The table is deliberately coarse (every Islamic State branch is one key), because it
feeds a flag a reader checks, never a merge.
"""
from __future__ import annotations

import re

import pandas as pd

# (key, pattern over the name lower-cased with punctuation turned into spaces).
# Order matters: the first match wins, so "Tehrik-i-Taliban Pakistan" is tested
# before plain "Taliban".
GROUPS: tuple[tuple[str, str], ...] = (
    ("islamic state", r"\bislamic state\b|\bisis\b|\bisil\b|\bdaesh\b|\bdaish\b|\bis k\b|\biskp\b"
                      r"|\bis khorasan\b|^is$|^is \w+ province$|khorasan (province|chapter)"),
    ("tehrik-i-taliban pakistan", r"\bteh?r[ie]+e?k\w* (i |e |ul |)taliban pakistan\b|\bttp\b"),
    ("tehreek-e-jihad pakistan", r"\bteh?r[ie]+e?k\w* (i |e |)jihad pakistan\b|\btjp\b"),
    ("taliban", r"\btaliban\b|\bislamic emirate of afghanistan\b"),
    ("baloch liberation army", r"\bbaloch(istan)? liberation army\b|\bbla\b"),
    ("baloch liberation front", r"\bbaloch(istan)? liberation front\b|\bblf\b"),
    ("lashkar-e-jhangvi", r"\blashkar (e |i |)jhangvi\b|\blej\b"),
    ("jamaat-ul-ahrar", r"\bjamaat (ul )?ahrar\b|\bjua\b"),
    ("haqqani network", r"\bhaqqani\b"),
    ("al-qaeda", r"\bal qa[ei]da\b|\baqis\b"),
    ("unidentified", r"^(unknown|unidentified|unattributed|not claimed|unclaimed)\b"),
)
_COMPILED = tuple((key, re.compile(pattern)) for key, pattern in GROUPS)


def _plain(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", name.lower()).strip()


def actor_key(name: object) -> str:
    """The comparison key of one actor name: a known group's key, else the name
    lower-cased without punctuation ("" for a missing name)."""
    if name is None or (isinstance(name, float) and pd.isna(name)):
        return ""
    plain = _plain(str(name))
    for key, pattern in _COMPILED:
        if pattern.search(plain):
            return key
    return plain


def actor_keys(names: pd.Series) -> pd.Series:
    """``actor_key`` of each name, computed once per distinct name (100k rows hold
    a few hundred actors)."""
    distinct = names.astype(object).drop_duplicates()
    lookup = {name: actor_key(name) for name in distinct}
    return names.astype(object).map(lookup).fillna("")
