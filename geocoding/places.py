"""The gazetteer's record: one named place with a point and a precision level."""

from __future__ import annotations

from dataclasses import dataclass, field

from geocoding.precision import GeoPrecision


@dataclass(frozen=True, slots=True)
class Place:
    """A place a name can resolve to.

    ``source`` names the entry it came from (``geonames:1138958``, ``airport:OAKB``,
    ``curated:district:PK:Khyber``) so every geocoded row can be traced back.
    For areas (district, province, country) the point is a representative town
    inside the area, not a centroid; ``anchor`` names that town.
    """

    name: str
    latitude: float
    longitude: float
    level: GeoPrecision
    country: str
    admin1: str = ""
    admin1_code: str = ""
    admin2: str = ""
    source: str = ""
    population: int = 0
    aliases: tuple[str, ...] = field(default=())
    anchor: str = ""

    @property
    def label(self) -> str:
        """Human-readable name with its containing areas, for matched_name."""
        parts = [self.name]
        if self.admin1 and self.admin1 != self.name:
            parts.append(self.admin1)
        if self.country:
            parts.append(self.country)
        return ", ".join(parts)
