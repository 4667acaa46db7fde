"""Who took part in an incident, on any side.

UCDP codes the government as ``side_a`` of every state-based dyad and ACLED names an
``actor2`` and associated actors beside ``actor1``: matching a group only as the
primary actor showed a briefer 9% of TTP's events in UCDP's Pakistan file.  So a
group "takes part" in an incident when it is the primary actor, the other side, or
one of the associated actors; the primary actor alone is a narrower question.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from incidents.schema import ACTOR_SEPARATOR


def split_actors(text: str) -> list[str]:
    """ "A; B" -> ["A", "B"]; blanks dropped."""
    return [name.strip() for name in str(text).split(ACTOR_SEPARATOR.strip()) if name.strip()]


def join_actors(names: Iterable[str]) -> str:
    """The associated-actors cell for ``names``, each once, in order."""
    seen: list[str] = []
    for name in names:
        for part in split_actors(name):
            if part not in seen:
                seen.append(part)
    return ACTOR_SEPARATOR.join(seen)


def _associated(incidents: pd.DataFrame) -> pd.Series:
    """One row per (incident, associated actor): index repeats the incident's."""
    if "associated_actors" not in incidents.columns:
        return pd.Series(dtype=str)
    cells = incidents["associated_actors"].fillna("").astype(str)
    cells = cells[cells.str.strip() != ""]
    return cells.str.split(ACTOR_SEPARATOR.strip()).explode().str.strip().pipe(lambda s: s[s != ""])


def participation(incidents: pd.DataFrame) -> pd.DataFrame:
    """(incident index, actor, role) for every participant; role is "primary",
    "other side" or "associated".  An actor named twice in one incident counts once,
    in its first role."""
    parts = [
        pd.DataFrame(
            {"incident": incidents.index, "actor": incidents[column].fillna(""), "role": role}
        )
        for column, role in (("actor", "primary"), ("actor2", "other side"))
        if column in incidents.columns
    ]
    associated = _associated(incidents)
    parts.append(
        pd.DataFrame(
            {"incident": associated.index, "actor": associated.to_numpy(), "role": "associated"}
        )
    )
    table = pd.concat(parts, ignore_index=True)
    table = table[table["actor"].astype(str).str.strip() != ""]
    return table.drop_duplicates(["incident", "actor"], keep="first")


def takes_part(
    incidents: pd.DataFrame, actors: Iterable[str], primary_only: bool = False
) -> pd.Series:
    """True where one of ``actors`` takes part (or, with ``primary_only``, is the
    primary actor)."""
    wanted = set(actors)
    if primary_only:
        return incidents["actor"].isin(wanted)
    found = participation(incidents)
    hits = found.loc[found["actor"].isin(wanted), "incident"].unique()
    return pd.Series(incidents.index.isin(hits), index=incidents.index)


def participation_counts(incidents: pd.DataFrame) -> list[tuple[str, int]]:
    """Every actor with the number of incidents it takes part in, most first."""
    counts = participation(incidents)["actor"].value_counts()
    return [(str(name), int(count)) for name, count in counts.items()]
