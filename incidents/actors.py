"""Which actor names mean the same group, for comparing incidents across sources.

The key of a name is its identity's id in the actor registry (``incidents.registry``:
"ISIS-K", ACLED's "Islamic State (Afghanistan)", GTD's "Khorasan Chapter of the
Islamic State" and UCDP's "IS" are all ``iskp``), else the name lower-cased without
punctuation.  Likely duplicates are looked for by key.  A user's file named by
``INCIDENT_MAP_ACTOR_ALIASES`` (columns ``group,name``: one name as the data writes
it per row) adds names to the registry; this module reads it.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

ALIASES_ENV = "INCIDENT_MAP_ACTOR_ALIASES"


def _plain(name: str) -> str:
    from incidents.registry import plain

    return plain(name)


def actor_key(name: object, aliases: Mapping[str, str] | None = None) -> str:
    """The comparison key of one actor name: its identity's id in the registry (the
    user's file included), else the name lower-cased without punctuation ("" for a
    missing name).  ``aliases`` (plain name -> group) are a user's names read
    elsewhere, looked up first."""
    from incidents.registry import registry

    if name is None or (isinstance(name, float) and pd.isna(name)):
        return ""
    text = _plain(str(name))
    known = registry()
    if aliases and text in aliases:
        group = known.named(aliases[text])
        return group.id if group is not None else aliases[text]
    found = known.identify(text)
    return found.id if found is not None else text


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
