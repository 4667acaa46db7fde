"""The shapes of the region's areas, for asking whether a point lies inside one.

A name given with its district or province is accepted only if its point lies in
that area's polygon (the shipped simplified shapes, ``geocoding/data/region/``), not
because the names agree: 66 places are named Kot, and WOF's district names are not
the boundary sets'.  The shapes are simplified to about 2 km, so "inside" allows
``MARGIN`` degrees (about 3 km) beyond the drawn border.
"""

from __future__ import annotations

import threading
from functools import lru_cache

from geocoding.normalize import normalize, skeleton
from geocoding.places import Place
from geocoding.precision import GeoPrecision
from geocoding.sources.region import area_features, area_rows, is_current_district

MARGIN = 0.03
_LOCK = threading.Lock()


class AreaShapes:
    """Polygons by area id, and province ids by name for areas from other sources."""

    def __init__(self, features: list[dict], provinces: dict[tuple[str, str], str]):
        import shapely
        from shapely.geometry import shape

        self._shapes = {f["properties"]["id"]: shape(f["geometry"]) for f in features}
        for geometry in self._shapes.values():
            shapely.prepare(geometry)
        self._provinces = provinces
        self._named: dict[tuple, str | None] = {}

    def area_id(self, place: Place) -> str | None:
        """The id of the polygon ``place`` stands for, if the region has one (kept per
        place: every candidate a scope checks asks it again)."""
        if place.source.startswith("region:"):
            return place.source.split(":")[1]
        if place.level is not GeoPrecision.PROVINCE:
            return None
        asked = (place.country, place.name, place.aliases)
        if asked not in self._named:
            self._named[asked] = self._province_id(place)
        return self._named[asked]

    def _province_id(self, place: Place) -> str | None:
        if place.level is GeoPrecision.PROVINCE:
            for name in (place.name, *place.aliases):
                key = normalize(name)
                found = self._provinces.get((place.country, key)) or self._provinces.get(
                    (place.country, "~" + skeleton(key))
                )
                if found:
                    return found
        return None

    def contains(self, area: Place, place: Place) -> bool | None:
        """Whether ``place``'s point lies in ``area``'s polygon; None without one."""
        import shapely

        area_id = self.area_id(area)
        geometry = self._shapes.get(area_id) if area_id else None
        if geometry is None:
            return None
        if shapely.contains_xy(geometry, place.longitude, place.latitude):
            return True  # the usual answer, found without making a Point (3 µs, not 10)
        point = shapely.Point(place.longitude, place.latitude)
        return bool(shapely.dwithin(geometry, point, MARGIN))


def source_contains(source: str, latitude: float, longitude: float) -> bool | None:
    """Whether the point lies in the area a match's ``source`` names (``region:<id>:..``);
    None when that source has no shipped polygon."""
    if not source.startswith("region:"):
        return None
    area = Place("area", 0.0, 0.0, GeoPrecision.DISTRICT, "", source=source)
    return shapes().contains(area, Place("point", latitude, longitude, GeoPrecision.TOWN, ""))


@lru_cache(maxsize=1)
def shapes() -> AreaShapes:
    """The shipped shapes, read once per process."""
    with _LOCK:
        provinces: dict[tuple[str, str], str] = {}
        for row in area_rows():
            if row["level"] == "province":
                for name in (row["name"], *[a for a in row["aliases"].split("|") if a]):
                    key = normalize(name)
                    provinces.setdefault((row["country"], key), row["id"])
                    provinces.setdefault((row["country"], "~" + skeleton(key)), row["id"])
        return AreaShapes(list(area_features()), provinces)


class Districts:
    """Today's districts of the region with their province: which one a point is in."""

    def __init__(self):
        import shapely
        from shapely.geometry import shape

        rows = {r["id"]: r for r in area_rows() if is_current_district(r)}
        found = [
            (rows[f["properties"]["id"]], shape(f["geometry"]))
            for f in area_features()
            if f["properties"]["id"] in rows
        ]
        self._names = [(r["country"], r["name"], r["admin1"]) for r, _ in found]
        self._tree = shapely.STRtree([g for _, g in found])

    def locate(self, latitudes, longitudes) -> list[tuple[str, str, str] | None]:
        """(country code, district, province) for each point, or None outside them all."""
        import shapely

        points = shapely.points(list(longitudes), list(latitudes))
        inside, within = self._tree.query(points, predicate="intersects")
        where = dict(zip(inside.tolist(), within.tolist(), strict=False))
        return [self._names[where[i]] if i in where else None for i in range(len(points))]


@lru_cache(maxsize=1)
def districts() -> Districts:
    with _LOCK:
        return Districts()
