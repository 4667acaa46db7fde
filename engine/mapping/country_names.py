"""Where a country's name goes on the base map: a point well inside its largest
piece of land (the pole of inaccessibility), from the installed Natural Earth borders.

Offline, the map drew borders but no country names: a reader new to the region
could not tell Afghanistan from Pakistan.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from shapely.geometry import Polygon
from shapely.ops import polylabel

Label = tuple[str, float, float]


def _arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """The topology's arcs as (longitude, latitude) points (TopoJSON's quantised,
    delta-encoded positions undone)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def labels_from(topology: dict) -> list[Label]:
    """(name, latitude, longitude) of every named country's label point."""
    arcs = _arcs(topology)
    found = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = (geometry.get("properties") or {}).get("name")
        if not name or geometry["type"] not in ("Polygon", "MultiPolygon"):
            continue
        polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
        shapes = [
            Polygon(_ring(arcs, rings[0]), [_ring(arcs, r) for r in rings[1:]])
            for rings in polygons
        ]
        largest = max((s for s in shapes if s.is_valid), key=lambda s: s.area, default=None)
        if largest is None or largest.area < 0.5:  # islands and specks: no room for a name
            continue
        point = polylabel(largest, tolerance=0.05)
        found.append((str(name), round(point.y, 3), round(point.x, 3)))
    return found


@lru_cache(maxsize=2)
def country_labels(path: Path) -> tuple[Label, ...]:
    """The label points of the borders file at ``path`` (read once)."""
    return tuple(labels_from(json.loads(Path(path).read_text(encoding="utf-8"))))


def countries_in(
    labels: tuple[Label, ...], south: float, north: float, west: float, east: float
) -> list[Label]:
    """The labels whose point lies inside the box."""
    return [c for c in labels if south <= c[1] <= north and west <= c[2] <= east]
