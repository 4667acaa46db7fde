"""The result of placing one name, whatever geocoder placed it."""

from __future__ import annotations

from dataclasses import dataclass

from geocoding.precision import GeoPrecision


@dataclass(frozen=True)
class GeoMatch:
    """Where a name was placed, how exactly, and on what evidence.

    ``fallback`` is True when the name itself was not found and the point is that of
    a containing district, province or country named alongside it; ``precision``
    then says which.  ``score`` is 0-100 (100: the exact name).
    """

    query: str
    latitude: float
    longitude: float
    precision: GeoPrecision
    matched_name: str
    geocoder: str
    source: str
    score: float
    fallback: bool = False
    note: str = ""

    def as_raw(self) -> dict[str, object]:
        """The fields geopy callers find in ``Location.raw``."""
        return {
            "query": self.query,
            "geo_precision": self.precision.value,
            "matched_name": self.matched_name,
            "geocoder": self.geocoder,
            "source": self.source,
            "score": self.score,
            "fallback": self.fallback,
            "note": self.note,
        }
