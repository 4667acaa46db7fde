"""Incidents table + options -> ``folium.Map``: the one place a map is assembled.

The app shows this map and the snapshot export saves the same object, so what a
presenter exports is what the briefer saw.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard import map_elements as elements
from dashboard.basemap import major_cities
from dashboard.map_payload import DETAIL_LIMIT, encode_incidents
from dashboard.palette import OTHER_COLOR, color_of

MAX_LEGEND_ACTORS = 10
WORLD = ((-50.0, -150.0), (65.0, 160.0))


@dataclass(frozen=True)
class MapOptions:
    """What to draw besides the incidents, and how the view is framed."""

    online_tiles: bool = False
    cluster: bool = True
    heat: bool = True
    area_counts: bool = True
    city_labels: int = 14
    inline_borders: dict | None = None  # TopoJSON to embed instead of fetching
    detail_limit: int = DETAIL_LIMIT
    bounds: tuple[tuple[float, float], tuple[float, float]] | None = None


def mappable(incidents: pd.DataFrame) -> pd.DataFrame:
    """Incidents that have coordinates; the rest cannot be drawn."""
    return incidents[incidents["latitude"].notna() & incidents["longitude"].notna()]


def incident_bounds(incidents: pd.DataFrame) -> tuple[tuple[float, float], tuple[float, float]]:
    """((south, west), (north, east)) of the incidents, padded a little."""
    if incidents.empty:
        return WORLD
    lat, lon = incidents["latitude"], incidents["longitude"]
    pad = max(0.5, 0.08 * max(lat.max() - lat.min(), lon.max() - lon.min()))
    return ((float(lat.min()) - pad, float(lon.min()) - pad),
            (float(lat.max()) + pad, float(lon.max()) + pad))


def legend_entries(incidents: pd.DataFrame, palette: dict[str, str]) -> list[tuple[str, str, int]]:
    """(actor, colour, count) for the actors shown, most frequent first."""
    counts = incidents["actor"].value_counts()
    entries = [(str(a), color_of(palette, str(a)), int(n))
               for a, n in counts.head(MAX_LEGEND_ACTORS).items()]
    rest = int(counts.iloc[MAX_LEGEND_ACTORS:].sum())
    if rest:
        entries.append((f"{len(counts) - MAX_LEGEND_ACTORS} other actors", OTHER_COLOR, rest))
    return entries


def area_counts(incidents: pd.DataFrame) -> list[tuple[str, float, float, int]]:
    """(admin1, lat, lon, count) per province named in the data."""
    named = incidents[incidents["admin1"] != ""]
    grouped = named.groupby(["country", "admin1"]).agg(
        lat=("latitude", "mean"), lon=("longitude", "mean"), incidents=("incident_id", "size"))
    return [(admin1, float(row.lat), float(row.lon), int(row.incidents))
            for (_, admin1), row in grouped.iterrows()]


def build_map(incidents: pd.DataFrame, palette: dict[str, str],
              options: MapOptions = MapOptions()) -> elements.OfflineMap:
    """A map of ``incidents`` (those with coordinates), fitted to them."""
    shown = mappable(incidents)
    bounds = options.bounds or incident_bounds(shown)
    fmap = elements.OfflineMap(location=[(bounds[0][0] + bounds[1][0]) / 2,
                                         (bounds[0][1] + bounds[1][1]) / 2], zoom_start=5)
    elements.MapClass().add_to(fmap)
    if options.online_tiles:
        elements.OnlineTiles().add_to(fmap)
    elements.CountryBorders(options.inline_borders, fill=not options.online_tiles).add_to(fmap)
    if options.city_labels:
        (south, west), (north, east) = bounds
        elements.CityLabels(major_cities(south, north, west, east, options.city_labels)).add_to(fmap)
    if options.area_counts and not shown.empty:
        elements.AreaCounts(area_counts(shown)).add_to(fmap)
    payload = encode_incidents(shown, palette, options.detail_limit)
    elements.IncidentLayer(payload, cluster=options.cluster, heat=options.heat).add_to(fmap)
    elements.Legend(legend_entries(shown, palette)).add_to(fmap)
    elements.FullScreen().add_to(fmap)
    elements.LayerSwitcher().add_to(fmap)
    fmap.fit_bounds([list(bounds[0]), list(bounds[1])])
    return fmap
