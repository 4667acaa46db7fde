"""Likely duplicates: the same event reported by two sources.

Two incidents are flagged when they share a day and an actor (compared without case
and punctuation) and lie within ``km`` of each other.  They are flagged, never
merged: the reader decides.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

DEFAULT_KM = 5.0


def _actor_key(actor: pd.Series) -> pd.Series:
    return actor.fillna("").astype(str).str.lower().map(lambda a: re.sub(r"[^a-z0-9]+", " ", a).strip())


def _km(lat1, lon1, lat2, lon2):
    lat1, lon1, lat2, lon2 = map(np.radians, (lat1, lon1, lat2, lon2))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * np.arcsin(np.sqrt(a))


def likely_duplicates(incidents: pd.DataFrame, km: float = DEFAULT_KM) -> pd.Series:
    """For each incident, the ids of the others it likely duplicates ("" if none)."""
    result = pd.Series("", index=incidents.index, dtype=object)
    placed = incidents[incidents["latitude"].notna() & incidents["longitude"].notna()
                       & incidents["date"].notna()]
    if placed.empty:
        return result
    keys = pd.DataFrame({"day": placed["date"].dt.normalize(), "actor": _actor_key(placed["actor"])},
                        index=placed.index)
    keys = keys[keys["actor"] != ""]
    sizes = keys.groupby(["day", "actor"])["actor"].transform("size")
    for _, group in keys[sizes > 1].groupby(["day", "actor"]):
        rows = placed.loc[group.index]
        lat, lon = rows["latitude"].to_numpy(float), rows["longitude"].to_numpy(float)
        near = _km(lat[:, None], lon[:, None], lat[None, :], lon[None, :]) <= km
        np.fill_diagonal(near, False)
        ids = rows["incident_id"].to_numpy()
        for position, index in enumerate(rows.index):
            if near[position].any():
                result[index] = "; ".join(ids[near[position]])
    return result
