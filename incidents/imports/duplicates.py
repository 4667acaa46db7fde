"""Likely duplicates: the same event reported by two sources.

Two incidents are flagged when they share a day and an actor (compared by
``incidents.actors.actor_key``, so "ISIS-K" and ACLED's "Islamic State (Afghanistan)"
are one actor) and lie within ``km`` of each other.  They are flagged, never
merged: the reader decides.

Bounded for hostile files: the pairwise check runs within one (day, actor) group,
and a group over ``MAX_GROUP`` incidents is not checked (a note says so; 20,000
identical rows made a 20,000 × 20,000 matrix and a MemoryError; smaller groups are
compared ``CHUNK`` rows at a time), and an incident
names at most ``MAX_LISTED`` others (6,000 identical rows wrote 246 MB of ids).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ground.distances import km_apart
from incidents.actors import actor_keys, user_aliases

DEFAULT_KM = 5.0
MAX_GROUP = 10_000
CHUNK = 500
MAX_LISTED = 5


@dataclass
class Duplicates:
    """Per incident, the ids of the others it likely duplicates ("" if none), and
    notes on what was not checked."""

    ids: pd.Series
    notes: list[str] = field(default_factory=list)


def _known_day(incidents: pd.DataFrame) -> pd.Series:
    """Only a known day can be "the same day": a month-precision date is stored as
    the 1st, and two such incidents are not the same event for that."""
    if "date_precision" not in incidents:
        return pd.Series(True, index=incidents.index)
    return incidents["date_precision"].fillna("day").astype(str).isin(["day", ""])


def likely_duplicates(
    incidents: pd.DataFrame, km: float = DEFAULT_KM, aliases: Mapping[str, str] | None = None
) -> pd.Series:
    """For each incident, the ids of the others it likely duplicates ("" if none)."""
    return find_duplicates(incidents, km, aliases).ids


def _listed(ids: np.ndarray) -> str:
    more = len(ids) - MAX_LISTED
    return "; ".join(ids[:MAX_LISTED]) + (f"; and {more} more" if more > 0 else "")


def find_duplicates(
    incidents: pd.DataFrame,
    km: float = DEFAULT_KM,
    aliases: Mapping[str, str] | None = None,
    max_group: int = MAX_GROUP,
) -> Duplicates:
    """Likely duplicates and notes on groups too large to check.  ``aliases``
    defaults to the user's alias file (``INCIDENT_MAP_ACTOR_ALIASES``)."""
    result = np.full(len(incidents), "", dtype=object)
    if aliases is None:
        aliases = user_aliases().aliases
    actors = actor_keys(incidents["actor"], aliases).to_numpy(dtype=object)
    usable = (
        incidents["latitude"].notna()
        & incidents["longitude"].notna()
        & incidents["date"].notna()
        & _known_day(incidents)
    ).to_numpy(dtype=bool, copy=True)
    usable &= actors != ""
    if usable.sum() < 2:
        return Duplicates(pd.Series(result, index=incidents.index))
    positions = np.flatnonzero(usable)
    days = incidents["date"].to_numpy()[positions].astype("datetime64[D]")
    codes = pd.MultiIndex.from_arrays([days, actors[positions]]).factorize()[0]
    order = np.argsort(codes, kind="stable")
    sorted_codes = codes[order]
    starts = np.flatnonzero(np.r_[True, sorted_codes[1:] != sorted_codes[:-1]])
    ends = np.r_[starts[1:], len(order)]
    lat = incidents["latitude"].to_numpy(float)
    lon = incidents["longitude"].to_numpy(float)
    ids = incidents["incident_id"].astype(str).to_numpy()
    skipped = []
    for start, end in zip(starts, ends, strict=False):
        if end - start < 2:
            continue
        group = positions[order[start:end]]
        if len(group) > max_group:
            skipped.append(len(group))
            continue
        for first in range(0, len(group), CHUNK):  # memory: CHUNK × group, not group²
            rows = group[first : first + CHUNK]
            near = (
                km_apart(
                    lat[rows][:, None], lon[rows][:, None], lat[group][None, :], lon[group][None, :]
                )
                <= km
            )
            near[np.arange(len(rows)), np.arange(first, first + len(rows))] = False
            for row, matches in zip(rows, near, strict=False):
                if matches.any():
                    result[row] = _listed(ids[group[matches]])
    groups = "1 group" if len(skipped) == 1 else f"{len(skipped)} groups"
    notes = (
        [
            f"{groups} of more than {max_group} incidents on one day by one actor "
            f"({sum(skipped)} incidents) not checked for likely duplicates"
        ]
        if skipped
        else []
    )
    return Duplicates(pd.Series(result, index=incidents.index), notes)


def describe_duplicates(imported: pd.DataFrame) -> str:
    """What the likely-duplicate flags of one import mean, in words that fit it: "two
    sources" only where the matched rows come from two sources (a clean UCDP file
    was said to hold 306 events "from two sources")."""
    flags = imported.get("likely_duplicate_of", pd.Series("", index=imported.index))
    flagged = flags.fillna("").astype(str) != ""
    if not flagged.any():
        return ""
    origin = imported.get("source_file", pd.Series("", index=imported.index)).astype(str)
    if "source_format" in imported.columns:
        origin = origin + "|" + imported["source_format"].astype(str)
    origin_of = dict(zip(imported["incident_id"].astype(str), origin, strict=False))
    across = sum(
        any(origin_of.get(other, mine) != mine for other in str(cell).split("; "))
        for cell, mine in zip(flags[flagged], origin[flagged], strict=False)
    )
    within = int(flagged.sum()) - across
    parts = []
    if across:
        parts.append(f"{across} look like the same event from another source")
    if within:
        parts.append(f"{within} look like an event the same file already holds")
    return (
        "Of these incidents, "
        + " and ".join(parts)
        + " (same day, same actor, within 5 km); all are kept and marked in the table."
    )
