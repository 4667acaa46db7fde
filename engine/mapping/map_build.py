"""Incidents table + options -> ``folium.Map``: the one place a map is assembled.

The app shows this map and the snapshot export saves the same object, so what a
presenter exports is what the briefer saw.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import date

import pandas as pd

from engine.mapping import map_elements as elements
from engine.mapping.assets import (
    ADMIN1_DIR,
    DISTRICTS_DIR,
    MissingAssetsError,
    admin1_url,
    asset_path,
    districts_url,
)
from engine.mapping.basemap import major_cities
from engine.mapping.boundaries import admin1_countries, iso3_of, load_admin1
from engine.mapping.country_names import countries_in, country_labels
from engine.mapping.districts import district_countries, load_districts
from engine.mapping.layers import DEFAULT_LAYERS, LAYERS
from engine.mapping.map_payload import DETAIL_LIMIT, encode_incidents
from engine.mapping.palette import OTHER_COLOR, color_of
from engine.playback import Playback, frame_counts, frames_for
from engine.playback import payload as playback_payload

MAX_LEGEND_ACTORS = 10
WORLD = ((-50.0, -150.0), (65.0, 160.0))
MIN_SPAN = 3.0  # degrees


__all__ = ["DEFAULT_LAYERS", "LAYERS", "MapOptions", "build_map"]  # layers: engine.mapping.layers

Bounds = tuple[tuple[float, float], tuple[float, float]]


@dataclass(frozen=True)
class MapOptions:
    """Which layers are shown, how the view is framed, and where the data lives.

    ``standalone`` embeds the border data in the page instead of having the browser
    fetch it from the app, for pages that must work as a single file.
    """

    online_tiles: bool = False
    layers: frozenset[str] = DEFAULT_LAYERS
    layer_control: bool = True
    city_labels: int = 18
    standalone: bool = False
    detail_limit: int = DETAIL_LIMIT
    bounds: Bounds | None = None
    view: tuple[float, float, float] | None = None  # (lat, lon, zoom) instead of fitting
    animate: bool = True  # off for snapshots: a screenshot must not catch a zoom half-done
    vector: bool = False  # borders as SVG rather than canvas, so a PDF keeps them as lines
    report_view: bool = False  # tell the app where the reader moves the map
    playback: Playback | None = None  # play through time, frame by frame


def mappable(incidents: pd.DataFrame) -> pd.DataFrame:
    """Incidents that have coordinates; the rest cannot be drawn."""
    return incidents[incidents["latitude"].notna() & incidents["longitude"].notna()]


def widened_to_map(bounds: Bounds, aspect: float = 1.6) -> Bounds:
    """``bounds`` widened east and west to a ``aspect`` wide view: the map is wider
    than the incidents' extent, and city labels are chosen for what is on screen."""
    (south, west), (north, east) = bounds
    cos_lat = max(0.2, math.cos(math.radians((south + north) / 2)))
    width = max(east - west, (north - south) * aspect / cos_lat)
    middle = (west + east) / 2
    return (south, middle - width / 2), (north, middle + width / 2)


def incident_bounds(incidents: pd.DataFrame) -> tuple[tuple[float, float], tuple[float, float]]:
    """((south, west), (north, east)) of the incidents, padded a little."""
    if incidents.empty:
        return WORLD
    lat, lon = incidents["latitude"], incidents["longitude"]
    pad = max(0.5, 0.08 * max(lat.max() - lat.min(), lon.max() - lon.min()))
    south, north = _at_least(float(lat.min()) - pad, float(lat.max()) + pad)
    west, east = _at_least(float(lon.min()) - pad, float(lon.max()) + pad)
    return (south, west), (north, east)


def view_bounds(view: tuple[float, float, float], pixels: tuple[int, int] = (1200, 620)) -> Bounds:
    """Roughly what a map of ``pixels`` shows at (lat, lon, zoom): for picking city labels."""
    lat, lon, zoom = view
    degrees_per_pixel = 360 / (256 * 2**zoom)
    half_w, half_h = pixels[0] / 2 * degrees_per_pixel, pixels[1] / 2 * degrees_per_pixel
    return (max(lat - half_h, -85.0), lon - half_w), (min(lat + half_h, 85.0), lon + half_w)


def _at_least(low: float, high: float, span: float = MIN_SPAN) -> tuple[float, float]:
    """Widen [low, high] around its middle to ``span`` degrees: one incident alone
    should still show its region, not a street."""
    if high - low >= span:
        return low, high
    middle = (low + high) / 2
    return middle - span / 2, middle + span / 2


def legend_entries(incidents: pd.DataFrame, palette: dict[str, str]) -> list[tuple[str, str, int]]:
    """(actor, colour, count) for the actors shown, most frequent first."""
    counts = incidents["actor"].value_counts()
    entries = [
        (str(a) or "(no actor given)", color_of(palette, str(a)), int(n))
        for a, n in counts.head(MAX_LEGEND_ACTORS).items()
    ]
    rest = int(counts.iloc[MAX_LEGEND_ACTORS:].sum())
    if rest:
        entries.append((f"{len(counts) - MAX_LEGEND_ACTORS} other actors", OTHER_COLOR, rest))
    return entries


def legend_frames(incidents: pd.DataFrame, playback: Playback | None) -> list[list[int]] | None:
    """Per legend entry (in ``legend_entries``' order, "other actors" last), its
    incidents drawn in each frame of ``playback``: the legend follows the player."""
    found = frames_for(incidents["date"], playback) if playback else []
    if playback is None or not found:
        return None
    counts = incidents["actor"].value_counts()
    top = list(counts.index[:MAX_LEGEND_ACTORS])
    groups = [incidents["actor"] == actor for actor in top]
    if len(counts) > MAX_LEGEND_ACTORS:
        groups.append(~incidents["actor"].isin(top))
    return [
        frame_counts(incidents.loc[group, "date"], found, playback.cumulative) for group in groups
    ]


def candidate_count(incidents: pd.DataFrame) -> int:
    """Incidents awaiting review among those shown (0 for data without a status)."""
    if "status" not in incidents.columns:
        return 0
    return int((incidents["status"] == "candidate").sum())


def area_counts(incidents: pd.DataFrame) -> list[tuple[str, float, float, int]]:
    """(admin1, lat, lon, count) per province named in the data."""
    named = incidents[incidents["admin1"] != ""]
    grouped = named.groupby(["country", "admin1"]).agg(
        lat=("latitude", "mean"), lon=("longitude", "mean"), incidents=("incident_id", "size")
    )
    return [
        (admin1, float(row.lat), float(row.lon), int(row.incidents))
        for (_, admin1), row in grouped.iterrows()
    ]


def _country_names(south: float, north: float, west: float, east: float) -> list:
    """The countries named on the map: those whose label point is in view."""
    try:
        labels = country_labels(asset_path("countries-50m.json"))
    except MissingAssetsError:
        return []
    return countries_in(labels, south, north, west, east)


def load_countries() -> dict:
    """The installed country borders (TopoJSON), for embedding."""
    return json.loads(asset_path("countries-50m.json").read_text(encoding="utf-8"))


def province_sources(incidents: pd.DataFrame, embed: bool) -> list[str | dict]:
    """Admin-1 boundaries of the countries the incidents are in: URLs, or the data."""
    codes = admin1_countries(list(incidents["country"].unique()), ADMIN1_DIR)
    if embed:
        return [load_admin1(code, ADMIN1_DIR) for code in codes]
    return [admin1_url(code) for code in codes]


def district_sources(incidents: pd.DataFrame, embed: bool) -> list[str | dict]:
    """District boundaries of the countries the incidents are in (Afghanistan and
    Pakistan, from the region's shapes): URLs, or the data for a standalone page."""
    codes = district_countries(list(incidents["country"].unique()), DISTRICTS_DIR)
    if embed:
        return [load_districts(code, DISTRICTS_DIR) for code in codes]
    return [districts_url(code) for code in codes]


def build_map(
    incidents: pd.DataFrame, palette: dict[str, str], options: MapOptions = MapOptions()
) -> elements.OfflineMap:
    """A map of ``incidents`` (those with coordinates), fitted to them."""
    shown = mappable(incidents)
    bounds = options.bounds or (
        view_bounds(options.view) if options.view else incident_bounds(shown)
    )
    fmap = elements.OfflineMap(
        location=[(bounds[0][0] + bounds[1][0]) / 2, (bounds[0][1] + bounds[1][1]) / 2],
        zoom_start=5,
        prefer_canvas=not options.vector,
        zoom_animation=options.animate,
        fade_animation=options.animate,
    )
    elements.MapClass().add_to(fmap)
    if options.online_tiles:
        elements.OnlineTiles().add_to(fmap)
    on = options.layers.__contains__
    countries = load_countries() if options.standalone else None
    elements.CountryBorders(countries, fill=not options.online_tiles, on=on("borders")).add_to(fmap)
    provinces = province_sources(shown, options.standalone)
    borders = elements.ProvinceBorders(provinces, on=on("provinces")) if provinces else None
    if borders:
        borders.add_to(fmap)
    if options.city_labels:
        (south, west), (north, east) = widened_to_map(bounds)
        prefer = {code for c in shown["country"].dropna().unique() if (code := iso3_of(c))}
        near = set(zip(shown["latitude"].round(1), shown["longitude"].round(1), strict=False))
        elements.CityLabels(
            major_cities(south, north, west, east, options.city_labels, prefer=prefer, near=near),
            on=on("cities"),
            countries=_country_names(south, north, west, east),
        ).add_to(fmap)
    if not shown.empty and not borders:
        elements.AreaCounts(area_counts(shown), on=on("areas")).add_to(fmap)
    payload = encode_incidents(shown, palette, options.detail_limit)
    play = None
    if options.playback and not shown.empty:
        play = playback_payload(
            shown["date"], date.fromisoformat(payload["dateBase"]), options.playback
        )
    layer = elements.IncidentLayer(payload, on=on("incidents"), play=play)
    layer.add_to(fmap)
    elements.IncidentClusters(layer, on=on("clusters")).add_to(fmap)
    elements.IncidentHeat(layer, on=on("heat")).add_to(fmap)
    if borders and not shown.empty:
        elements.ProvinceCounts(borders, layer, on=on("areas")).add_to(fmap)
    districts = district_sources(shown, options.standalone)
    if districts and not shown.empty:
        elements.DistrictCounts(districts, layer, on=on("districts")).add_to(fmap)
    elements.Legend(
        legend_entries(shown, palette),
        candidates=candidate_count(shown),
        layer=layer,
        frames=legend_frames(shown, options.playback),
    ).add_to(fmap)
    elements.FullScreen().add_to(fmap)
    if options.layer_control:
        elements.LayerSwitcher().add_to(fmap)
    if options.view:
        fmap.location, fmap.options["zoom"] = list(options.view[:2]), options.view[2]
    else:
        fmap.fit_bounds([list(bounds[0]), list(bounds[1])])
        elements.FitOnResize([list(bounds[0]), list(bounds[1])]).add_to(fmap)
    if options.report_view:  # after the first fit, which is not the reader's move
        elements.ViewReporter().add_to(fmap)
    _number_elements(fmap)
    return fmap


def _number_elements(fmap: elements.OfflineMap) -> None:
    """Element ids by position, not random: the same map renders to the same page,
    so the app does not reload a map that has not changed (``dashboard.map_frame``)."""
    pending: list = [fmap]
    number = 0
    while pending:
        element = pending.pop(0)
        element._id = f"{number:08x}"
        number += 1
        pending.extend(element._children.values())
