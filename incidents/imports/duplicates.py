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
    result = np.full(len(incidents), "", dtype=object)
    actors = _actor_key(incidents["actor"]).to_numpy(dtype=object)
    usable = (incidents["latitude"].notna() & incidents["longitude"].notna()
              & incidents["date"].notna()).to_numpy(dtype=bool) & (actors != "")
    if usable.sum() < 2:
        return pd.Series(result, index=incidents.index)
    positions = np.flatnonzero(usable)
    days = incidents["date"].to_numpy()[positions].astype("datetime64[D]")
    codes = pd.MultiIndex.from_arrays([days, actors[positions]]).factorize()[0]
    order = np.argsort(codes, kind="stable")
    sorted_codes = codes[order]
    starts = np.flatnonzero(np.r_[True, sorted_codes[1:] != sorted_codes[:-1]])
    ends = np.r_[starts[1:], len(order)]
    lat = incidents["latitude"].to_numpy(float)
    lon = incidents["longitude"].to_numpy(float)
    ids = incidents["incident_id"].to_numpy()
    for start, end in zip(starts, ends):
        if end - start < 2:
            continue
        group = positions[order[start:end]]
        near = _km(lat[group][:, None], lon[group][:, None], lat[group][None, :],
                   lon[group][None, :]) <= km
        np.fill_diagonal(near, False)
        for row, matches in zip(group, near):
            if matches.any():
                result[row] = "; ".join(ids[group[matches]])
    return pd.Series(result, index=incidents.index)
