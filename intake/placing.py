"""Place mentions to gazetteer places: each asked once, within the country the
report is about, and kept only when the gazetteer is sure."""

from __future__ import annotations

import re
from typing import Any

from unidecode import unidecode

from geocoding.areas import source_contains
from geocoding.precision import GeoPrecision
from geocoding.provinces import official_province
from ground.distances import km_apart
from intake.document import PlaceMention

COUNTRIES = {"AF": "Afghanistan", "PK": "Pakistan", "IR": "Iran", "IN": "India"}
# "Jalalabad airport", "Wagah border": a landmark if the gazetteer has it, else the town
_SPOT = re.compile(r"\s+(?:airport|border crossing|border|crossing)$")
SURE = 95  # the least gazetteer score a place from running text is kept at
LEVELLED_SURE = 90  # the same for an area its level word names ("X district")
_LEVEL = re.compile(r"\b(district|province)$", re.IGNORECASE)
NEAR_KM = 25  # a place "in" a town lies this close to it


class Placer:
    """Resolves mentions with one gazetteer (anything with ``resolve(query,
    country=None)``), remembering each answer for the report."""

    def __init__(self, resolver: Any, about: str = ""):
        self.resolver = resolver
        self.about = about  # the one region country the report names, or ""
        self._seen: dict[tuple[str, str], Any] = {}
        self._asked: dict[tuple[str, str | None], Any] = {}

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
        if _LEVEL.search(mention.name):
            return None  # "Kandahar province" is the area itself, not a town inside it
        name = str(area.matched_name).split(", ")[0]
        within = PlaceMention(
            mention.name, f"{mention.name}, {name}", mention.hint, mention.start, mention.end
        )
        found = self.place(within)
        if found is None or found.fallback or not named_as(found, mention.name):
            return None  # "Afghanistan, Kandahar" found Kandahar: the area, not the mention
        return found if inside(found, area) else None

    def _place(self, mention: PlaceMention) -> Any | None:
        country = mention.hint or self.about
        match = self._resolve(mention.query, country)
        if (match is None or match.fallback) and _SPOT.search(mention.name):
            # "the Wagah crossing": the border crossing of that name, else the town
            base = _SPOT.sub("", mention.name)
            crossing = self._resolve(f"{base} border crossing", country)
            landmark = crossing is not None and crossing.precision is GeoPrecision.LANDMARK
            match = crossing if landmark else self._resolve(base, country)
        if match is None or match.precision.value == "country" or match.score < SURE:
            return self._container_alone(mention, country) or self._province_by_capital(
                mention, country
            )
        return self._within_container(mention, match, country)

    def _province_by_capital(self, mention: PlaceMention, country: str) -> Any | None:
        """ "Maimana province", a province called by its capital's name: the province
        the town lies in (Faryab), at province precision."""
        first = mention.query.split(", ")[0]
        if not re.search(r"\sprovince$", first, re.IGNORECASE):
            return None
        town = self._resolve(first.rsplit(" ", 1)[0], country)
        if town is None or town.precision is not GeoPrecision.TOWN or town.score < SURE:
            return None
        parts = str(town.matched_name).rsplit(" (", 1)[0].split(", ")
        if len(parts) < 3:
            return None
        found = self._resolve(f"{parts[-2]} province", country)
        ok = found is not None and found.precision is GeoPrecision.PROVINCE and found.score >= SURE
        return found if ok else None

    def _container_alone(self, mention: PlaceMention, country: str) -> Any | None:
        """The district a mention names as its container when the gazetteer does not
        know the village itself: "Boriabaf village in Herat's Pashtoon Zarghun
        district" is placed at the district, at district precision, not dropped.  The
        level word makes a near spelling of the district's name credible."""
        container = mention.query.partition(", ")[2]
        level = _LEVEL.search(container.split(", ")[0])
        if not container or level is None:
            return None
        found = self._resolve(container, country)
        if found is None or found.score < LEVELLED_SURE:
            return None
        return found if found.precision.value == level.group(1).lower() else None

    def _within_container(self, mention: PlaceMention, match: Any, country: str) -> Any:
        """The match, or the place the words put it in when the match lies elsewhere:
        "the Police Lines in Quetta" is not a village called Police Lines in Punjab."""
        container = mention.query.partition(", ")[2]
        if not container:
            return match
        around = self._resolve(container, country)
        if around is None or around.precision is not GeoPrecision.TOWN:
            return match  # areas are the gazetteer's to check: it reads "X, district"
        near = km_apart(match.latitude, match.longitude, around.latitude, around.longitude)
        return match if inside(match, around) or near <= NEAR_KM else around

    def ask(self, query: str, country: str | None = None) -> Any | None:
        """The gazetteer's answer, asked once per report: containers and the
        region-wide look-ups repeat across a report's mentions."""
        key = (query, country)
        if key not in self._asked:
            self._asked[key] = self.resolver.resolve(query, country=country)
        return self._asked[key]

    def _resolve(self, query: str, country: str) -> Any | None:
        """The place within the country the report is about, if it names one, else in
        another country of the region: a bare "PM's" or "Kot" is not looked for in
        Syria.  A report that names no country is looked for anywhere."""
        if not country:
            return self.ask(query)
        found = self.ask(query, country)
        if found is not None and not found.fallback and found.score >= SURE:
            return found
        # another country of the region, then; an exact name there beats a near
        # spelling here ("Kandahar" in a report that names Pakistan is not Kandhar Basti)
        elsewhere = self.ask(query)
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


def named_as(match: Any, name: str) -> bool:
    """Whether the gazetteer's place bears the mention's name (its first word, letters
    only, accents and case aside): not the area it was looked for in."""
    first = re.sub(r"[^a-z]", "", unidecode(name.split()[0]).lower())
    found = re.sub(r"[^a-z ,]", "", unidecode(str(match.matched_name)).lower())
    return bool(first) and first[:4] in found.split(",")[0].replace(" ", "")
