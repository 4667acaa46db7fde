"""The offline gazetteer as a geopy geocoder.

A query is a place name, optionally followed by the areas that contain it, most
specific first: ``"Tangi, Dih Bala district, Nangarhar"``.  Country and admin1
hints may also come as keyword arguments.  The containing areas are resolved first
and constrain the name, so a village is never placed at a same-named village in
another province; when the name itself is unknown the most specific known area is
returned and marked as a fallback.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from geopy.geocoders.base import Geocoder
from geopy.location import Location

from geocoding import budget
from geocoding.areas import shapes
from geocoding.gazetteer import Gazetteer, load_gazetteer
from geocoding.index import Hit
from geocoding.match import GeoMatch
from geocoding.normalize import normalize, skeleton, spelling_variants, split_level_word
from geocoding.places import Place
from geocoding.precision import GeoPrecision
from geocoding.settings import GeocodingSettings
from ground.distances import km_apart

DISTRICT_RADIUS_KM = 60.0
ANSWERS_KEPT = 20_000  # resolved queries kept per resolver, a few MB
_UNSEEN: Any = object()
NEAR_RADIUS_KM = 25.0
SPELLING_SCORE = 96.0  # an exact name with one vowel spelled another way (Maiwand, Maywand)
_AREA_LEVELS = (GeoPrecision.DISTRICT, GeoPrecision.PROVINCE, GeoPrecision.COUNTRY)
_AREA_RANKS = frozenset(level.rank for level in _AREA_LEVELS)


# Words that mark a feature inside a town: "X mosque, Kabul" is in Kabul city, while
# a bare "Daraban, Dera Ismail Khan" may lie anywhere in the district of that name.
_URBAN_WORDS = frozenset(
    """mosque masjid imambargah bargah hospital embassy consulate ministry
    square chowk station university institute school college market bazaar bazar road street
    office hotel gate airport police prison jail stadium park shrine church temple cantonment
    compound headquarters court bank club hall palace plaza mall""".split()
)


def looks_urban(text: str) -> bool:
    """True when a place name names a building or spot inside a town."""
    return not _URBAN_WORDS.isdisjoint(normalize(text).split())


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance between two places in kilometres."""
    return km_apart(a.latitude, a.longitude, b.latitude, b.longitude)


@dataclass(frozen=True)
class _Scope:
    """What the containing parts allow: countries, a province, a district, or
    nearness to a town or landmark named as the container ("X, Kandahar")."""

    countries: frozenset[str] | None = None
    province: Place | None = None
    district: Place | None = None
    near: Place | None = None
    admin1_text: str = ""  # an admin1 hint no gazetteer area matched; compared by name

    def allows(self, place: Place) -> bool:
        if self.countries and place.country not in self.countries:
            return False
        if self.province is not None and place != self.province:
            inside = shapes().contains(self.province, place)  # the polygon, where shipped
            if inside is False or (inside is None and not _same_admin1(place, self.province)):
                return False
        if self.district is not None and place != self.district:
            if place.level is GeoPrecision.DISTRICT:
                return False
            if place.level.rank < GeoPrecision.DISTRICT.rank:
                inside = shapes().contains(self.district, place)
                if inside is not None:
                    if not inside:
                        return False
                elif place.admin2:
                    return normalize(place.admin2) == normalize(self.district.name)
                elif distance_km(place, self.district) > DISTRICT_RADIUS_KM:
                    return False
        if self.near is not None and place != self.near:
            if place.level in _AREA_LEVELS or distance_km(place, self.near) > NEAR_RADIUS_KM:
                return False
        if self.admin1_text and place.admin1:
            return _names_agree(place.admin1, self.admin1_text)
        return True

    @property
    def only_countries(self) -> bool:
        """Whether nothing but the country is asked (checked from the index's column)."""
        return (
            self.province is None
            and self.district is None
            and self.near is None
            and not self.admin1_text
        )

    def most_specific(self) -> Place | None:
        return self.near or self.district or self.province


def _inside(area: Place) -> _Scope:
    """The scope of places lying inside ``area``."""
    if area.level is GeoPrecision.PROVINCE:
        return _Scope(province=area)
    if area.level is GeoPrecision.DISTRICT:
        return _Scope(district=area)
    return _Scope(countries=frozenset({area.country}))


def _names_tehsil(text: str) -> bool:
    """ "Bara tehsil": a tehsil (district level in the schema) was asked for."""
    return "tehsil" in normalize(text).split()


def _names_agree(a: str, b: str) -> bool:
    ka, kb = normalize(a), normalize(b)
    return ka == kb or (len(skeleton(ka)) >= 4 and skeleton(ka) == skeleton(kb))


def _same_admin1(place: Place, province: Place) -> bool:
    if place.country != province.country:
        return False
    if place.admin1_code and province.admin1_code:
        return place.admin1_code == province.admin1_code
    return bool(place.admin1) and _names_agree(place.admin1, province.name)


class OfflineResolver:
    """Resolve names against a built gazetteer; pure, no I/O after construction."""

    def __init__(self, gazetteer: Gazetteer, min_score: float = 85.0):
        self.gazetteer = gazetteer
        self.index = gazetteer.index
        self.min_score = min_score
        self._country_places: dict[str, Place] | None = None
        self._answers: dict[tuple, GeoMatch | None] = {}
        self.index.unpack()

    def country_code(self, text: str) -> str | None:
        """ISO2 code for a country name or code, or None."""
        return self.gazetteer.countries.get(normalize(text))

    def _lookup(self, text: str, scope: _Scope) -> tuple[list[Hit], str | None]:
        """Hits for one query part and the level its words asked for.

        "Fixture District" may be a district's full name: the text with its level
        word is tried first, then without it.
        """
        key, level = split_level_word(text)
        whole = normalize(text.split(" - ")[0])  # "FR Tank - Jandola": the first name, as the key
        if level is not None or whole != key:  # "Tribal Areas" is a name, not a qualifier
            hits = [h for h in self.index.exact(whole) if scope.allows(self.index.place(h.place))]
            if hits:
                return hits, None
        hits = self._hits(key, scope) if key else []
        if not hits and " and " in key:
            hits = self._pair(key, scope)
        return hits, level

    def _pair(self, key: str, scope: _Scope) -> list[Hit]:
        """ "Bara and Jamrud": the first of two places, when both are towns or spots
        here ("Jammu and Kashmir" names a region, not two towns)."""
        first, _, second = key.partition(" and ")
        found = [self._hits(part.strip(), scope) for part in (first, second)]
        points = [
            [h for h in hits if self.index.place(h.place).level not in _AREA_LEVELS]
            for hits in found
        ]
        return points[0] if points[0] and points[1] else []

    def _hits(self, key: str, scope: _Scope) -> list[Hit]:
        """Exact hits, else skeleton hits, else fuzzy ones, at or above min_score."""
        countries = scope.countries

        def keep(hits: list[Hit]) -> list[Hit]:
            hits = [h for h in hits if h.score >= self.min_score]
            if scope.only_countries:
                return hits
            return [h for h in hits if scope.allows(self.index.place(h.place))]

        hits = keep(self.index.exact(key, countries))
        for variant in spelling_variants(key) if not hits else ():
            found = self.index.exact(variant, countries)
            hits = keep([Hit(h.place, min(h.score, SPELLING_SCORE), "spelling") for h in found])
            if hits:
                break
        if not hits:
            hits = keep(self.index.by_skeleton(key, countries))
        if not hits:
            hits = keep(self.index.fuzzy(key, scope.countries, self.min_score))
        return hits

    def _choose(
        self, hits: list[Hit], level: str | None, prefer_area: bool = False, tehsil: bool = False
    ) -> tuple[Place, Hit] | None:
        """The best hit; between a town and the area of the same name around it,
        the town unless ``prefer_area``; between a district and a tehsil of one
        name (both district-level), the one the text named (``tehsil``)."""
        place = self.index.place
        level_of = self.index.reader("level")  # ranking reads columns; only the
        if level:  # chosen hit is built as a Place
            wanted = GeoPrecision(level)
            leveled = [h for h in hits if level_of(h.place) is wanted]
            if wanted is GeoPrecision.DISTRICT:
                source_of = self.index.reader("source")
                leveled = [
                    h for h in leveled if source_of(h.place).endswith(":tehsil") == tehsil
                ] or leveled
            if not leveled and wanted is GeoPrecision.DISTRICT:
                return self._district_seat(hits)
            hits = leveled or ([] if wanted in _AREA_LEVELS else hits)
        if not hits:
            return None
        best = max(h.score for h in hits)
        top = [h for h in hits if h.score == best]
        rank = self.index.reader("rank")
        areas = [h for h in top if rank(h.place) in _AREA_RANKS]
        points = [h for h in top if rank(h.place) not in _AREA_RANKS] if areas else top
        if prefer_area and len(areas) > 1:
            # "X, Balkh": the province and its district of the same name both match;
            # the larger holds the smaller, so it is the safer container.
            areas = [max(areas, key=lambda h: rank(h.place))]
        if areas and points:
            area = min(areas, key=lambda h: rank(h.place))
            if prefer_area:
                return place(area.place), area
            inside = _inside(place(area.place))
            top = [h for h in points if inside.allows(place(h.place))]
            if not top:
                return place(area.place), area
        preference = self.index.reader("preference")  # finer level, then more people
        chosen = min(top, key=lambda h: preference(h.place))
        return place(chosen.place), chosen

    def _district_seat(self, hits: list[Hit]) -> tuple[Place, Hit] | None:
        """A district the gazetteer has no record of, placed at the town of the same
        name: most districts of Pakistan and Afghanistan are named for their seat
        ("Dera Bugti district", seat Dera Bugti).  Marked as such in its source."""
        towns = [h for h in hits if self.index.place(h.place).level is GeoPrecision.TOWN]
        if not towns:
            return None
        best = max(towns, key=lambda h: (h.score, self.index.place(h.place).population))
        town = self.index.place(best.place)
        seat = replace(
            town,
            level=GeoPrecision.DISTRICT,
            aliases=(),
            anchor=town.name,
            source=f"{town.source}:seat-named-like-the-district",
        )
        return seat, best

    def _narrow(
        self, scope: _Scope, text: str, *, hint: bool = False, prefer_area: bool = False
    ) -> _Scope:
        """Resolve one containing part and tighten the scope with it.

        An unknown part is ignored, except an explicit admin1 hint, which is then
        compared by name with each candidate's own admin1.
        """
        # Country names count here, not bare codes: "KP" as admin1 is Khyber
        # Pakhtunkhwa, not North Korea.
        code = self.country_code(text) if len(normalize(text)) > 3 and not hint else None
        if code:
            return replace(scope, countries=frozenset({code}))
        hits, level = self._lookup(text, scope)
        chosen = self._choose(hits, level, prefer_area, tehsil=_names_tehsil(text))
        if chosen is None:
            return replace(scope, admin1_text=scope.admin1_text or text) if hint else scope
        place = chosen[0]
        countries = scope.countries or frozenset({place.country})
        if place.level is GeoPrecision.COUNTRY:
            return replace(scope, countries=frozenset({place.country}))
        if place.level is GeoPrecision.PROVINCE:
            return replace(scope, countries=countries, province=place)
        if place.level is GeoPrecision.DISTRICT:
            return replace(
                scope,
                countries=countries,
                district=place,
                province=scope.province or self._province_of(place),
            )
        return replace(scope, countries=countries, near=place)

    def _province_of(self, area: Place) -> Place | None:
        for hit in self.index.exact(normalize(area.admin1)) if area.admin1 else ():
            place = self.index.place(hit.place)
            if place.level is GeoPrecision.PROVINCE and place.country == area.country:
                return place
        return None

    def resolve(
        self, query: str, country: str | None = None, admin1: str | None = None
    ) -> GeoMatch | None:
        """Place ``query``; None when neither it nor any containing area is known.

        Answers are kept: a file names the same places over and over.  An answer
        reached after the fuzzy budget refused a scan is not kept (with a budget
        left, the name would be looked up in full)."""
        asked = (query, country, admin1)
        found = self._answers.get(asked, _UNSEEN)
        if found is not _UNSEEN:
            return found
        refused = budget.refused()
        found = self._resolve(query, country, admin1)
        if budget.refused() == refused:
            if len(self._answers) >= ANSWERS_KEPT:
                for old in list(self._answers)[: ANSWERS_KEPT // 2]:
                    self._answers.pop(old, None)
            self._answers[asked] = found
        return found

    def _resolve(self, query: str, country: str | None, admin1: str | None) -> GeoMatch | None:
        parts = [p.strip() for p in str(query).split(",") if p.strip()]
        if not parts:
            return None
        scope = _Scope()
        if country:
            code = self.country_code(country)
            scope = _Scope(frozenset({code}) if code else None)
        if admin1:
            scope = self._narrow(scope, admin1, hint=True, prefer_area=True)
        prefer_area = not looks_urban(parts[0])
        for text in parts[1:][::-1]:
            scope = self._narrow(scope, text, prefer_area=prefer_area)
        hits, level = self._lookup(parts[0], scope)
        if self.country_code(parts[0]) and level is None and len(parts) == 1:
            level = GeoPrecision.COUNTRY.value
        chosen = self._choose(hits, level, tehsil=_names_tehsil(parts[0]))
        if chosen is not None:
            place, hit = chosen
            return self._match(query, place, hit.score, fallback=False, via=hit.via)
        outside = self._only_one_in_province(parts[0], scope)
        if outside is not None:
            note = (
                f"{outside.name!r} is the only place of that name in the province, "
                "outside the district given"
            )
            return self._match(query, outside, 100.0, fallback=False, via="name", note=note)
        area = scope.most_specific()
        if area is None and scope.countries and len(scope.countries) == 1:
            area = self._country_place(next(iter(scope.countries)))
        if area is None:
            return None
        note = f"{parts[0]!r} not in the gazetteer; placed at its {area.level.value}"
        return self._match(query, area, 100.0, fallback=True, via="container", note=note)

    def suggest(
        self, query: str, country: str | None = None, admin1: str | None = None, limit: int = 6
    ) -> list[GeoMatch]:
        """Places a person typing ``query`` may mean, best first: the resolver's
        answer, then every other place of exactly that name in the country, so an
        editor can choose between two villages of one name."""
        first = self.resolve(query, country=country, admin1=admin1)
        found = [first] if first is not None else []
        parts = [p.strip() for p in str(query).split(",") if p.strip()]
        key, _ = split_level_word(parts[0]) if parts else ("", None)
        code = self.country_code(country) if country else None
        scope = _Scope(frozenset({code})) if code else _Scope()
        for hit in self.index.exact(key) if key else []:
            place = self.index.place(hit.place)
            if hit.score >= 100 and scope.allows(place):
                found.append(self._match(query, place, hit.score, fallback=False, via="name"))
        seen, unique = set(), []
        for match in found:
            spot: tuple = (round(match.latitude, 3), round(match.longitude, 3), match.precision)
            if match.precision in _AREA_LEVELS:  # a district and its tehsil of one name
                spot = (match.matched_name, match.precision)
            if spot not in seen:
                seen.add(spot)
                unique.append(match)
        return unique[:limit]

    def _only_one_in_province(self, text: str, scope: _Scope) -> Place | None:
        """A name not found within the district may still be exact and unique in the
        province: coded data names districts by older boundaries (UCDP puts
        Dalbandin, Chagai's seat, in Nushki), and a unique exact name is better
        evidence than the district's seat 170 km away."""
        if scope.district is None and scope.near is None:
            return None
        wider = replace(scope, district=None, near=None)
        key, level = split_level_word(text)
        if not key or level in {GeoPrecision.DISTRICT.value, GeoPrecision.PROVINCE.value}:
            return None
        found = {
            self.index.place(h.place)
            for h in self.index.exact(key)
            if h.score >= 100 and wider.allows(self.index.place(h.place))
        }
        points = [p for p in found if p.level not in _AREA_LEVELS]
        return points[0] if len(points) == 1 else None

    def _country_place(self, code: str) -> Place | None:
        if self._country_places is None:
            self._country_places = {p.country: p for p in self.index.places(GeoPrecision.COUNTRY)}
        return self._country_places.get(code)

    @staticmethod
    def _match(
        query: str, place: Place, score: float, *, fallback: bool, via: str, note: str = ""
    ) -> GeoMatch:
        if not note and via != "name":
            note = f"matched by {via}"
        return GeoMatch(
            query=query,
            latitude=place.latitude,
            longitude=place.longitude,
            precision=place.level,
            matched_name=f"{place.label} ({place.level.value})",
            geocoder="offline",
            source=place.source,
            score=score,
            fallback=fallback,
            note=note,
        )


class OfflineGazetteer(Geocoder):
    """geopy-compatible geocoder over the offline gazetteer; never uses the network.

    ``geocode`` returns ``geopy.location.Location`` objects whose ``raw`` holds the
    precision level, matched name, score and source entry (see ``GeoMatch.as_raw``).
    """

    def __init__(
        self, settings: GeocodingSettings | None = None, *, gazetteer: Gazetteer | None = None
    ):
        super().__init__()
        self.settings = settings or GeocodingSettings.from_env()
        if gazetteer is None:
            gazetteer = load_gazetteer(self.settings.cache_dir, self.settings.gazetteer_files)
        self.resolver = OfflineResolver(gazetteer, self.settings.min_score)

    def resolve(
        self, query: str, country: str | None = None, admin1: str | None = None
    ) -> GeoMatch | None:
        """Our richer result type; ``geocode`` wraps it for geopy."""
        return self.resolver.resolve(query, country=country, admin1=admin1)

    def suggest(
        self, query: str, country: str | None = None, admin1: str | None = None, limit: int = 6
    ) -> list[GeoMatch]:
        """Several places ``query`` may mean (``OfflineResolver.suggest``)."""
        return self.resolver.suggest(query, country=country, admin1=admin1, limit=limit)

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        timeout: object = None,
        country: str | None = None,
        admin1: str | None = None,
    ):
        """geopy's signature; ``country``/``admin1`` are optional hints."""
        match = self.resolve(query, country=country, admin1=admin1)
        if match is None:
            return None
        location = Location(match.matched_name, (match.latitude, match.longitude), match.as_raw())
        return location if exactly_one else [location]
