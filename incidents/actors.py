"""Which actor names mean the same group, for comparing incidents across sources.

Each dataset names a group its own way: the project writes "Islamic State Khorasan
Province (ISIS-K)", ACLED "Islamic State (Afghanistan)", GTD "Khorasan Chapter of the
Islamic State", UCDP "IS".  Without a shared key, the same bombing from two sources
never counts as "the same actor", and likely duplicates go unflagged.

The key is only for comparison: the actor is always shown as its source wrote it.
The table is deliberately coarse (every Islamic State branch is one key), because it
feeds a flag a reader checks, never a merge.  It knows this project's region; for
others, a CSV named by ``INCIDENT_MAP_ACTOR_ALIASES`` (columns ``group,name``: one
name as the data writes it per row) is read first.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

ALIASES_ENV = "INCIDENT_MAP_ACTOR_ALIASES"

# (key, pattern over the name lower-cased with punctuation turned into spaces).
# Order matters: the first match wins, so "Tehrik-i-Taliban Pakistan" is tested
# before plain "Taliban".
GROUPS: tuple[tuple[str, str], ...] = (
    (
        "islamic state",
        r"\bislamic state\b|\bisis\b|\bisil\b|\bdaesh\b|\bdaish\b|\bis k\b|\biskp\b"
        r"|\bis khorasan\b|^is$|^is \w+ province$|khorasan (province|chapter)",
    ),
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


def actor_key(name: object, aliases: Mapping[str, str] | None = None) -> str:
    """The comparison key of one actor name: the user's group for it (``aliases``,
    plain name -> group), else a known group's key, else the name lower-cased
    without punctuation ("" for a missing name)."""
    if name is None or (isinstance(name, float) and pd.isna(name)):
        return ""
    plain = _plain(str(name))
    if aliases and plain in aliases:
        return aliases[plain]
    for key, pattern in _COMPILED:
        if pattern.search(plain):
            return key
    return plain


def actor_keys(names: pd.Series, aliases: Mapping[str, str] | None = None) -> pd.Series:
    """``actor_key`` of each name, computed once per distinct name (100k rows hold
    a few hundred actors)."""
    distinct = names.astype(object).drop_duplicates()
    lookup = {name: actor_key(name, aliases) for name in distinct}
    return names.astype(object).map(lookup).fillna("")


@dataclass(frozen=True)
class AliasTable:
    """A user's alias file, read: the usable rows, and what was wrong with the rest."""

    aliases: dict[str, str] = field(default_factory=dict)
    problems: tuple[str, ...] = ()


def read_aliases(text: str, name: str = "aliases") -> AliasTable:
    """Rows of ``group,name`` (header first; the header row is row 1).  A row with
    an empty group or name is reported by number, never silently skipped."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    fields = {(f or "").strip().lower() for f in reader.fieldnames or []}
    if not {"group", "name"} <= fields:
        return AliasTable(problems=(f"{name}: the header must have the columns group and name",))
    aliases, problems = {}, []
    for number, row in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if k}
        group, actor = row.get("group", ""), row.get("name", "")
        if not group or not actor:
            missing = "group" if not group else "name"
            problems.append(f"{name} row {number}: {missing} is empty")
            continue
        aliases[_plain(actor)] = _plain(group)
    return AliasTable(aliases, tuple(problems))


@lru_cache(maxsize=4)
def _aliases_from(path: str, mtime: float) -> AliasTable:
    """Read once per version of the file (``mtime`` is part of the cache key)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        return AliasTable(
            problems=(
                f"cannot read the actor alias file {Path(path).name}: "
                f"{exc.strerror or type(exc).__name__}",
            )
        )
    except UnicodeDecodeError:
        return AliasTable(problems=(f"the actor alias file {Path(path).name} is not UTF-8 text",))
    return read_aliases(text, Path(path).name)


def user_aliases(environ: Mapping[str, str] | None = None) -> AliasTable:
    """The alias file named by ``INCIDENT_MAP_ACTOR_ALIASES``, if any."""
    path = (os.environ if environ is None else environ).get(ALIASES_ENV, "").strip()
    if not path:
        return AliasTable()
    try:
        mtime = Path(path).stat().st_mtime
    except OSError:
        mtime = -1.0
    return _aliases_from(path, mtime)
