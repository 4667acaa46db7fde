"""How the map is looked at, besides which incidents: layers shown and where the
map is centred.  Like ``IncidentFilter`` it round-trips through the URL, so a link
opens the same map, not just the same selection."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from engine.mapping.map_build import DEFAULT_LAYERS, LAYERS
from engine.playback import STEPS, Playback, PlaybackError


@dataclass(frozen=True)
class MapView:
    """``at`` is (lat, lon, zoom) where the reader left the map; None = fit to incidents.
    ``playback``: the map plays through time, paused on the frame ending ``playback.at``."""

    layers: frozenset[str] = DEFAULT_LAYERS
    at: tuple[float, float, float] | None = None
    playback: Playback | None = None

    def to_query(self) -> dict[str, str]:
        query = {}
        if self.layers != DEFAULT_LAYERS:
            query["layers"] = ",".join(key for key in LAYERS if key in self.layers) or "none"
        if self.at:
            lat, lon, zoom = self.at
            query["at"] = f"{lat:.4f},{lon:.4f},{zoom:g}"
        if self.playback:
            query["play"] = self.playback.step
            if self.playback.window:
                query["window"] = self.playback.window
            if self.playback.cumulative:
                query["cumulative"] = "1"
            if self.playback.at:
                query["frame"] = self.playback.at.isoformat()
        return query

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> MapView:
        """Unknown layer names and malformed positions are ignored."""
        layers = DEFAULT_LAYERS
        if "layers" in query:
            layers = frozenset(k for k in str(query["layers"]).split(",") if k in LAYERS)
        return cls(
            layers=layers,
            at=_parse_at(str(query.get("at", ""))),
            playback=playback_from_query(query),
        )


def playback_from_query(query: Mapping[str, str]) -> Playback | None:
    """``play=month&window=3M&cumulative=1&frame=2021-08-31``; a link with a bad
    window or date still plays, with that part left out."""
    step = str(query.get("play", ""))
    if step not in STEPS:
        return None
    try:
        at = date.fromisoformat(str(query.get("frame", "")))
    except ValueError:
        at = None
    window = str(query.get("window", "")) or None
    try:
        return Playback(step=step, window=window, cumulative=query.get("cumulative") == "1", at=at)
    except PlaybackError:
        return Playback(step=step, cumulative=query.get("cumulative") == "1", at=at)


def _parse_at(text: str) -> tuple[float, float, float] | None:
    try:
        lat, lon, zoom = (float(part) for part in text.split(","))
    except ValueError:
        return None
    if not all(math.isfinite(v) for v in (lat, lon, zoom)):
        return None
    if -85 <= lat <= 85 and -180 <= lon <= 180 and 1 <= zoom <= 18:
        return lat, lon, zoom
    return None


def from_map_state(state: Mapping | None) -> tuple[float, float, float] | None:
    """(lat, lon, zoom) from what the map frame returns, if it returned a position."""
    if not state or not state.get("center") or state.get("zoom") is None:
        return None
    center = state["center"]
    return _parse_at(f"{center.get('lat')},{center.get('lng')},{state['zoom']}")


def bounds_of(state: Mapping | None):
    """((south, west), (north, east)) of the map as the reader left it, or None."""
    bounds = (state or {}).get("bounds") or {}
    south_west, north_east = bounds.get("_southWest"), bounds.get("_northEast")
    if not south_west or not north_east:
        return None
    try:
        south, west = float(south_west["lat"]), float(south_west["lng"])
        north, east = float(north_east["lat"]), float(north_east["lng"])
    except (KeyError, TypeError, ValueError):
        return None
    return (max(south, -85.0), max(west, -180.0)), (min(north, 85.0), min(east, 180.0))


def clicked_point(state: Mapping | None) -> tuple[float, float, float] | None:
    """(lat, lon, zoom) of the reader's last click on an empty spot of the map."""
    click = (state or {}).get("click") or {}
    return _parse_at(f"{click.get('lat')},{click.get('lng')},{click.get('zoom')}")


def click_uncertainty_km(lat: float, zoom: float, pixels: float = 5.0) -> float:
    """How far a click may be from what the reader meant: ``pixels`` of the map at
    that zoom (Web Mercator's ground size of a pixel, 156.543 km at the equator at
    zoom 0, shrinking with the cosine of the latitude)."""
    return pixels * 156.543 * math.cos(math.radians(lat)) / 2**zoom


def precision_of_click(km: float) -> str:
    """The precision word a click is worth: never finer than the click can be."""
    for limit, word in ((0.5, "landmark"), (5.0, "town"), (30.0, "district"), (150.0, "province")):
        if km <= limit:
            return word
    return "country"
