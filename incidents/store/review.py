"""Likely duplicates between incidents coming in and incidents already stored.

The same rule as within an import (``incidents.imports.duplicates``): a known day in
common, the same actor (by ``actor_key``, so aliases match) and at most ``km`` apart.
An import or a candidate that matches a stored incident goes to review rather than
straight onto the map: the reader decides whether it is the same event.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ground.distances import km_apart
from incidents.actors import actor_keys, user_aliases
from incidents.imports.duplicates import DEFAULT_KM, MAX_LISTED

MAX_PAIRS = 2_000_000  # pairs compared per (day, actor) group; larger groups are skipped
NEWS_KM = 25.0  # a news report's place is a town or district, not a coded point


def _keyed(frame: pd.DataFrame, aliases: Mapping[str, str]) -> pd.DataFrame:
    """Id, actor key, day, whether the date is only a month, and position, for the
    rows that can be compared at all."""
    precision = frame.get("date_precision", pd.Series("day", index=frame.index)).fillna("day")
    keyed = pd.DataFrame(
        {
            "id": frame["incident_id"].astype(str),
            "key": actor_keys(frame["actor"], aliases),
            "day": pd.to_datetime(frame["date"]).dt.floor("D"),
            "monthly": precision.astype(str) == "month",
            "known_day": precision.astype(str).isin(["day", ""]),
            "lat": pd.to_numeric(frame["latitude"], errors="coerce"),
            "lon": pd.to_numeric(frame["longitude"], errors="coerce"),
        },
        index=frame.index,
    )
    return keyed.dropna(subset=["lat", "lon", "day"]).query("key != ''")


def _pairs(
    new: pd.DataFrame,
    stored: pd.DataFrame,
    on: list[str],
    aliases: Mapping[str, str] | None,
    max_pairs: int | None = MAX_PAIRS,
) -> pd.DataFrame:
    """New x stored rows sharing ``on``, without a row paired with itself; groups
    that would make more than ``max_pairs`` pairs are left out."""
    aliases = aliases if aliases is not None else user_aliases().aliases
    a, b = _keyed(new, aliases), _keyed(stored, aliases)
    if "day" in on:
        a, b = a[a["known_day"]], b[b["known_day"]]
    if a.empty or b.empty:
        return a.iloc[0:0]
    if max_pairs is not None:
        product = (a.groupby(on).size() * b.groupby(on).size()).dropna()
        fine = product[product <= max_pairs].index
        a = a.set_index(on).loc[lambda f: f.index.isin(fine)].reset_index()
    pairs = a.merge(b.reset_index(drop=True), on=on, suffixes=("", "_stored"))
    return pairs[pairs["id"] != pairs["id_stored"]]


def _listed(pairs: pd.DataFrame, new: pd.DataFrame, km: float) -> pd.Series:
    """Per row of ``new``: the stored ids within ``km`` among its pairs, as "id; id"."""
    if pairs.empty:  # nothing comparable (e.g. new rows without coordinates)
        return pd.Series("", index=new.index, dtype=object)
    near = pairs[
        km_apart(pairs["lat"], pairs["lon"], pairs["lat_stored"], pairs["lon_stored"]) <= km
    ]
    listed = near.groupby("id")["id_stored"].agg(lambda ids: "; ".join(list(ids)[:MAX_LISTED]))
    return pd.Series(
        [listed.get(i, "") for i in new["incident_id"].astype(str)], index=new.index, dtype=object
    )


def stored_matches(
    new: pd.DataFrame,
    stored: pd.DataFrame,
    km: float = DEFAULT_KM,
    aliases: Mapping[str, str] | None = None,
) -> pd.Series:
    """For each row of ``new``, the stored incidents it likely duplicates (the same
    known day and actor, within ``km``), as "id; id" (at most ``MAX_LISTED``), or ""."""
    if new.empty or stored.empty:
        return pd.Series("", index=new.index, dtype=object)
    return _listed(_pairs(new, stored, ["day", "key"], aliases), new, km)


def news_matches(
    new: pd.DataFrame,
    stored: pd.DataFrame,
    km: float = NEWS_KM,
    aliases: Mapping[str, str] | None = None,
) -> pd.Series:
    """The looser rule for candidates read from news: the same group (by alias), a
    day apart at most (or the same month when either date is only a month), and at
    most ``km`` apart.  A wire's "on Tuesday" may be the night before, and its place
    a town for a village."""
    if new.empty or stored.empty:
        return pd.Series("", index=new.index, dtype=object)
    pairs = _pairs(new, stored, ["key"], aliases, max_pairs=None)
    apart = (pairs["day"] - pairs["day_stored"]).abs() <= pd.Timedelta(days=1)
    same_month = (pairs["monthly"] | pairs["monthly_stored"]) & (
        pairs["day"].dt.to_period("M") == pairs["day_stored"].dt.to_period("M")
    )
    return _listed(pairs[apart | same_month], new, km)


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
