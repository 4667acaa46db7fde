"""Likely duplicates between incidents coming in and incidents already stored.

The same rule as within an import (``incidents.imports.duplicates``): a known day in
common, the same actor (by ``actor_key``, so aliases match) and at most ``km`` apart.
An import or a candidate that matches a stored incident goes to review rather than
straight onto the map: the reader decides whether it is the same event.
"""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from incidents.actors import actor_keys, user_aliases
from incidents.imports.duplicates import DEFAULT_KM, MAX_LISTED

MAX_PAIRS = 2_000_000  # pairs compared per (day, actor) group; larger groups are skipped


def _keyed(frame: pd.DataFrame, aliases: Mapping[str, str]) -> pd.DataFrame:
    precision = frame.get("date_precision", pd.Series("day", index=frame.index))
    known = precision.fillna("day").astype(str).isin(["day", ""])
    keyed = pd.DataFrame({
        "id": frame["incident_id"].astype(str),
        "day": pd.to_datetime(frame["date"]).dt.floor("D"),
        "key": actor_keys(frame["actor"], aliases),
        "lat": pd.to_numeric(frame["latitude"], errors="coerce"),
        "lon": pd.to_numeric(frame["longitude"], errors="coerce"),
    }, index=frame.index)
    usable = known & keyed["lat"].notna() & keyed["lon"].notna() & (keyed["key"] != "")
    return keyed[usable & keyed["day"].notna()]


def _km(lat1, lon1, lat2, lon2):
    lat1, lon1, lat2, lon2 = map(np.radians, (lat1, lon1, lat2, lon2))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * np.arcsin(np.sqrt(a))


def stored_matches(new: pd.DataFrame, stored: pd.DataFrame, km: float = DEFAULT_KM,
                   aliases: Mapping[str, str] | None = None) -> pd.Series:
    """For each row of ``new``, the stored incidents it likely duplicates, as
    "id; id" (at most ``MAX_LISTED``), or "" when none."""
    result = pd.Series("", index=new.index, dtype=object)
    if new.empty or stored.empty:
        return result
    if aliases is None:
        aliases = user_aliases().aliases
    a, b = _keyed(new, aliases), _keyed(stored, aliases)
    if a.empty or b.empty:
        return result
    sizes_a = a.groupby(["day", "key"]).size()
    sizes_b = b.groupby(["day", "key"]).size()
    product = (sizes_a * sizes_b).dropna()
    fine = product[product <= MAX_PAIRS].index
    a = a.set_index(["day", "key"]).loc[lambda f: f.index.isin(fine)].reset_index()
    pairs = a.merge(b.reset_index(drop=True), on=["day", "key"], suffixes=("", "_stored"))
    pairs = pairs[pairs["id"] != pairs["id_stored"]]
    near = pairs[_km(pairs["lat"], pairs["lon"], pairs["lat_stored"], pairs["lon_stored"]) <= km]
    listed = near.groupby("id")["id_stored"].agg(lambda ids: "; ".join(list(ids)[:MAX_LISTED]))
    return pd.Series([listed.get(i, "") for i in new["incident_id"].astype(str)],
                     index=new.index, dtype=object)


NEWS_KM = 25.0  # a news report's place is a town or district, not a coded point


def news_matches(new: pd.DataFrame, stored: pd.DataFrame, km: float = NEWS_KM,
                 aliases: Mapping[str, str] | None = None) -> pd.Series:
    """The looser rule for candidates read from news: the same group (by alias), a
    day apart at most (or the same month when either date is only a month), and at
    most ``km`` apart.  A wire's "on Tuesday" may be the night before, and its place
    a town for a village."""
    result = pd.Series("", index=new.index, dtype=object)
    if new.empty or stored.empty:
        return result
    if aliases is None:
        aliases = user_aliases().aliases

    def keyed(frame: pd.DataFrame) -> pd.DataFrame:
        precision = frame.get("date_precision", pd.Series("day", index=frame.index))
        return pd.DataFrame({
            "id": frame["incident_id"].astype(str), "key": actor_keys(frame["actor"], aliases),
            "day": pd.to_datetime(frame["date"]).dt.floor("D"),
            "monthly": precision.fillna("day").astype(str).isin(["month"]),
            "lat": pd.to_numeric(frame["latitude"], errors="coerce"),
            "lon": pd.to_numeric(frame["longitude"], errors="coerce")}).dropna(
            subset=["lat", "lon", "day"]).query("key != ''")

    a, b = keyed(new), keyed(stored)
    if a.empty or b.empty:
        return result
    pairs = a.merge(b, on="key", suffixes=("", "_stored"))
    pairs = pairs[pairs["id"] != pairs["id_stored"]]
    apart = (pairs["day"] - pairs["day_stored"]).abs() <= pd.Timedelta(days=1)
    same_month = (pairs["monthly"] | pairs["monthly_stored"]) & (
        pairs["day"].dt.to_period("M") == pairs["day_stored"].dt.to_period("M"))
    pairs = pairs[(apart | same_month)]
    near = pairs[_km(pairs["lat"], pairs["lon"], pairs["lat_stored"], pairs["lon_stored"]) <= km]
    listed = near.groupby("id")["id_stored"].agg(lambda ids: "; ".join(list(ids)[:MAX_LISTED]))
    return pd.Series([listed.get(i, "") for i in new["incident_id"].astype(str)],
                     index=new.index, dtype=object)


def review_queue(candidates: pd.DataFrame, stored: pd.DataFrame) -> pd.DataFrame:
    """The candidates awaiting review, oldest report first, each with the stored
    incidents it likely duplicates (``likely_duplicate_of``, "" when none): what a
    reviewer decides on.  Candidates from news intake (ids ``intake:``) are compared
    by the looser news rule (``news_matches``), the others by the import rule."""
    queue = candidates.sort_values("date").copy().reset_index(drop=True)
    confirmed = stored[~stored["incident_id"].isin(queue["incident_id"])]
    from_news = queue["incident_id"].astype(str).str.startswith("intake:")
    found = stored_matches(queue, confirmed)
    news = news_matches(queue[from_news], confirmed)
    found.loc[news.index] = news
    queue["likely_duplicate_of"] = found
    return queue
