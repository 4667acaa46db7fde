"""Place mentions to gazetteer places: each asked once, within the country the
report is about, and kept only when the gazetteer is sure."""

from __future__ import annotations

import re
from typing import Any

from geocoding.areas import source_contains
from geocoding.precision import GeoPrecision
from geocoding.provinces import official_province
from intake.document import PlaceMention

COUNTRIES = {"AF": "Afghanistan", "PK": "Pakistan", "IR": "Iran", "IN": "India"}
# "Jalalabad airport", "Wagah border": a landmark if the gazetteer has it, else the town
_SPOT = re.compile(r"\s+(?:airport|border crossing|border|crossing)$")
SURE = 95  # the least gazetteer score a place from running text is kept at


class Placer:
    """Resolves mentions with one gazetteer (anything with ``resolve(query,
    country=None)``), remembering each answer for the report."""

    def __init__(self, resolver: Any, about: str = ""):
        self.resolver = resolver
        self.about = about  # the one region country the report names, or ""
        self._seen: dict[tuple[str, str], Any] = {}

    def place(self, mention: PlaceMention) -> Any | None:
        """The gazetteer's match for the mention, or None (unknown, a whole country,
        or not sure)."""
        key = (mention.query, mention.hint)
        if key not in self._seen:
            self._seen[key] = self._place(mention)
        return self._seen[key]

    def place_within(self, mention: PlaceMention, area: Any) -> Any | None:
        """The mention as a place inside ``area`` (a province or district match), or
        None: "Faizabad" after "Badakhshan province" is Badakhshan's Faizabad, not
        the Faizabad of another province."""
        found = self.place(mention)
        if found is not None and inside(found, area):
            return found
        name = str(area.matched_name).split(", ")[0]
        within = PlaceMention(
            mention.name, f"{mention.name}, {name}", mention.hint, mention.start, mention.end
        )
        found = self.place(within)
        return found if found is not None and inside(found, area) else None

    def _place(self, mention: PlaceMention) -> Any | None:
        country = mention.hint or self.about
        match = self._resolve(mention.query, country)
        if (match is None or match.fallback) and _SPOT.search(mention.name):
            match = self._resolve(_SPOT.sub("", mention.name), country)
        if match is None or match.precision.value == "country" or match.score < SURE:
            return None
        return match

    def _resolve(self, query: str, country: str) -> Any | None:
        """The place within the country the report is about, if it names one, else in
        another country of the region: a bare "PM's" or "Kot" is not looked for in
        Syria.  A report that names no country is looked for anywhere."""
        if not country:
            return self.resolver.resolve(query)
        found = self.resolver.resolve(query, country=country)
        if found is not None and not found.fallback and found.score >= SURE:
            return found
        # another country of the region, then; an exact name there beats a near
        # spelling here ("Kandahar" in a report that names Pakistan is not Kandhar Basti)
        elsewhere = self.resolver.resolve(query)
        if elsewhere is not None and country_code(elsewhere) in COUNTRIES:
            if found is None or found.fallback or elsewhere.score > found.score:
                return elsewhere
        return found if found is not None and not found.fallback else None


def country_code(match: Any) -> str:
    """The country code a gazetteer match's name ends with ("Kabul, AF (town)")."""
    return str(match.matched_name).rsplit(", ", 1)[-1].split(" ")[0]


def country_name(match: Any) -> str:
    code = country_code(match)
    return COUNTRIES.get(code, code)


def inside(finer: Any, area: Any) -> bool:
    """Whether the match ``finer`` is a more precise place within ``area``'s: a town
    in the district's polygon, a district or town of the province.  Spellings differ
    between sources ("Hilmand", "Helmand"): provinces are compared by their one name."""
    if finer.precision.rank >= area.precision.rank or area.precision is GeoPrecision.COUNTRY:
        return False
    polygon = source_contains(area.source, finer.latitude, finer.longitude)
    if polygon is not None:
        return polygon
    if area.precision is not GeoPrecision.PROVINCE:
        return False
    code = country_code(finer)
    if code != country_code(area):
        return False
    parts = str(finer.matched_name).rsplit(" (", 1)[0].split(", ")
    province = str(area.matched_name).split(", ")[0]
    return len(parts) >= 3 and official_province(code, parts[-2]) == official_province(
        code, province
    )
