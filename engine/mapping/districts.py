"""District boundaries for "Counts per district", from the region's shipped shapes.

The setup step (``python -m engine.mapping.assets``) writes one GeoJSON file per
country (``vendor/districts/<ISO3>.json``) from ``geocoding/data/region/``: today's
districts (Afghanistan's 399 of 2018, Pakistan's 160 of 2022), each with its name and
its area id.  The browser counts each incident in the district its point lies in,
as it does for provinces.
"""

from __future__ import annotations

import json
from pathlib import Path

from engine.mapping.boundaries import iso3_of
from geocoding.sources.region import area_features, area_rows, is_current_district

ISO3 = {"AF": "AFG", "PK": "PAK"}


def _current_districts() -> dict[str, tuple[str, str]]:
    """area id -> (ISO3, name) of today's districts (not tehsils, not the 2018 set)."""
    return {
        row["id"]: (ISO3[row["country"]], row["name"])
        for row in area_rows()
        if is_current_district(row)
    }


def install_districts(target: Path) -> int:
    """Write ``target/<ISO3>.json`` for each country; returns how many districts."""
    districts = _current_districts()
    by_country: dict[str, list] = {}
    for feature in area_features():
        area_id = feature["properties"]["id"]
        if area_id in districts:
            iso3, name = districts[area_id]
            by_country.setdefault(iso3, []).append(
                {
                    "type": "Feature",
                    "properties": {"name": name, "group": area_id},
                    "geometry": feature["geometry"],
                }
            )
    target.mkdir(parents=True, exist_ok=True)
    for iso3, found in by_country.items():
        (target / f"{iso3}.json").write_text(
            json.dumps({"type": "FeatureCollection", "features": found}, separators=(",", ":")),
            encoding="utf-8",
        )
    return sum(len(f) for f in by_country.values())


def district_countries(country_names: list[str], directory: Path) -> list[str]:
    """ISO3 codes of the named countries whose district file is installed, sorted."""
    codes = {iso3_of(name) for name in country_names if name}
    return sorted(c for c in codes if c and (directory / f"{c}.json").exists())


def load_districts(iso3: str, directory: Path) -> dict:
    return json.loads((directory / f"{iso3}.json").read_text(encoding="utf-8"))
