"""The Afghanistan-Pakistan tables the project ships (``geocoding/data/region/``,
built by ``scripts/build_region_gazetteer.py`` from OCHA's boundaries and Who's On
First's settlements; credits in NOTICE).

Every province, district and tehsil of the official sets becomes an area at a point
inside its polygon (``source`` ``region:<id>``, so ``geocoding.areas`` finds its
shape); a tehsil is a district-level area (the schema's levels stop at district;
its source says tehsil).  Every settlement becomes a town, an abandoned or destroyed
one marked in its source.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources

from geocoding.places import Place
from geocoding.precision import GeoPrecision

FOLDER = "region"
COUNTRIES = ("AF", "PK")  # what the region's tables cover
FILES = ("areas.csv", "areas.geojson.gz", "settlements.csv.gz")
_LEVELS = {"province": GeoPrecision.PROVINCE, "district": GeoPrecision.DISTRICT}
_GONE = {"PPLQ": "abandoned", "PPLW": "destroyed", "PPLH": "historical"}


def data_file(name: str):
    return resources.files("geocoding") / "data" / FOLDER / name


@lru_cache(maxsize=1)
def area_rows() -> tuple[dict[str, str], ...]:
    """Every row of ``areas.csv`` (provinces, districts, tehsils), read once."""
    with data_file("areas.csv").open("r", encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


@lru_cache(maxsize=1)
def area_features() -> tuple[dict, ...]:
    """The GeoJSON features of ``areas.geojson.gz`` (their ``id`` matches the rows'),
    read once: the geocoder's shapes, the district finder and the map's layer all
    start from them."""
    with data_file("areas.geojson.gz").open("rb") as raw:
        return tuple(json.loads(gzip.decompress(raw.read()))["features"])


def is_current_district(row: dict[str, str]) -> bool:
    """Today's districts: not tehsils, not the 2018 set."""
    return row["kind"] == "district" and not row["id"].startswith("PK-2018")


def _aliases(text: str) -> tuple[str, ...]:
    return tuple(a for a in text.split("|") if a)


def area_places() -> Iterator[Place]:
    for row in area_rows():
        level = _LEVELS[row["level"]]
        # Between a district and a tehsil of one name, the district first (the
        # resolver prefers the larger population among equals).
        rank = {"province": 3, "province-2018": 2, "district": 2, "district-2018": 1}
        yield Place(
            name=row["name"],
            latitude=float(row["latitude"]),
            longitude=float(row["longitude"]),
            level=level,
            country=row["country"],
            admin1=row["admin1"] if level is not GeoPrecision.PROVINCE else row["name"],
            admin2=row["admin2"],
            aliases=_aliases(row["aliases"]),
            population=rank.get(row["kind"], 0),
            source=f"region:{row['id']}:{row['kind']}",
            anchor=f"a point inside its polygon ({row['source']})",
        )


def settlements() -> Iterator[Place]:
    with data_file("settlements.csv.gz").open("rb") as raw:
        text = io.TextIOWrapper(gzip.GzipFile(fileobj=raw), encoding="utf-8", newline="")
        for row in csv.DictReader(text):
            gone = _GONE.get(row["feature"])
            yield Place(
                name=row["name"],
                latitude=float(row["latitude"]),
                longitude=float(row["longitude"]),
                level=GeoPrecision.TOWN,
                country=row["country"],
                admin1=row["admin1"],
                admin2=row["admin2"],
                aliases=_aliases(row["aliases"]),
                population=int(row["population"] or 0),
                source=row["source"] + (f":{gone}" if gone else ""),
            )
