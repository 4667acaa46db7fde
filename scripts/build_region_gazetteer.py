"""Build the Afghanistan-Pakistan gazetteer tables the project ships, from the team's
reference data (``../shared/data/``, see its README for sources and terms).

Run at development time; the product reads only what this writes:

- ``geocoding/data/region/areas.csv``: every province, district and tehsil of the
  official boundary sets (Afghanistan AGCHO 2018; Pakistan WFP/ITOS 2022 and the
  2018 OCHA/PCO/GAUL set with the tribal agencies and frontier regions), each with a
  representative point inside its polygon (shapely's ``point_on_surface``), its
  names and alternative names as published, GeoNames' spelling of the district
  where one matches, and the variants coded data writes (``VARIANTS``).
- ``geocoding/data/region/areas.geojson.gz``: those polygons, simplified as coverages
  (shared borders stay shared) and rounded to 0.001°, for point-in-polygon tests.
- ``geocoding/data/region/settlements.csv.gz``: Who's On First's settlements (mostly
  GeoNames populated places) with their Latin-script names and aliases, abandoned and
  destroyed ones included and marked, each given the district and province its point
  lies in.

    .venv/bin/python scripts/build_region_gazetteer.py [--shared ../shared/data]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import sys
from collections import defaultdict
from pathlib import Path

import shapely
from rapidfuzz import fuzz, process
from shapely.geometry import mapping, shape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geocoding.normalize import is_latin, normalize  # noqa: E402

OUT = ROOT / "geocoding" / "data" / "region"
TOLERANCE = 0.02  # degrees (about 2 km) for the shipped shapes
GRID = 0.005  # coordinates rounded to this (about 500 m)
# Spellings coded data uses that the boundary files do not carry (facts about names):
# each family names one area; an area whose name is any of them gets the others.
VARIANTS = [
    ("PK", ["Mohmand", "Mohmand Agency"]),
    ("PK", ["Khyber", "Khyber Agency"]),
    ("PK", ["Bajaur", "Bajaur Agency", "Bajour"]),
    ("PK", ["Orakzai", "Orakzai Agency"]),
    ("PK", ["Kurram", "Kurram Agency"]),
    ("PK", ["North Waziristan", "North Waziristan Agency", "N. Waziristan"]),
    ("PK", ["South Waziristan", "South Waziristan Agency", "S. Waziristan"]),
    ("PK", ["Dera Ismail Khan", "D. I. Khan", "D.I. Khan", "DI Khan", "D.I.Khan"]),
    ("PK", ["Dera Ghazi Khan", "D. G. Khan", "D.G. Khan", "DG Khan"]),
    ("PK", ["Kech", "Turbat"]),
    ("PK", ["FR Kohat", "Frontier Region Kohat"]),
    ("PK", ["FR Bannu", "Frontier Region Bannu"]),
    ("PK", ["FR Peshawar", "Frontier Region Peshawar"]),
    ("PK", ["FR Tank", "Frontier Region Tank"]),
    ("PK", ["FR Lakki Marwat", "Frontier Region Lakki Marwat"]),
    ("PK", ["FR Dera Ismail Khan", "Frontier Region Dera Ismail Khan", "FR D. I. Khan"]),
    (
        "PK",
        [
            "Khyber Pakhtunkhwa",
            "KPK",
            "KP",
            "NWFP",
            "North-West Frontier Province",
            "North West Frontier Province",
            "Khyber Pakhtunkwa",
        ],
    ),
    ("PK", ["Islamabad", "Islamabad Capital Territory", "Federal Capital Territory", "ICT"]),
    ("PK", ["Gilgit Baltistan", "Gilgit-Baltistan", "Northern Areas"]),
    ("PK", ["Azad Kashmir", "Azad Jammu and Kashmir", "Azad Jammu & Kashmir", "AJK", "AJ&K"]),
    ("AF", ["Lalpur", "Lal Pur", "Lalpura"]),
    ("AF", ["Deh Bala", "Dih Bala", "Haska Meyna", "Haska Mena"]),
    ("AF", ["Nad-e-Ali", "Nad Ali", "Nad-e Ali", "Nadali"]),
]


def _variants(country: str, names: list[str]) -> list[str]:
    keys = {normalize(n) for n in names}
    found = []
    for where, family in VARIANTS:
        if where == country and keys & {normalize(n) for n in family}:
            found += family
    return found


AGENCIES = (
    "Bajaur",
    "Mohmand",
    "Khyber",
    "Orakzai",
    "Kurram",
    "North Waziristan",
    "South Waziristan",
)
SOURCES = {
    "AF": "AGCHO via OCHA COD-AB (2018), humanitarian use",
    "PK2022": "WFP/ITOS via OCHA COD-AB (2022), COD/FOD terms of use",
    "PK2018": "OCHA/PCO/GAUL COD-AB (2018), credit GAUL, OCHA and PCO",
}


def _features(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["features"]


def _alt(*values) -> list[str]:
    """Published alternative names; "Centre" is a descriptor there, not a name."""
    names = []
    for value in values:
        text = str(value or "").strip()
        if text and text.lower() != "centre" and is_latin(text):
            names.append(text)
    return names


class Areas:
    """The areas collected so far: rows for areas.csv and shapes for the GeoJSON."""

    def __init__(self):
        self.rows: list[dict] = []
        self.shapes: dict[str, object] = {}

    def add(
        self,
        area_id: str,
        country: str,
        level: str,
        kind: str,
        name: str,
        aliases: list[str],
        admin1: str,
        admin2: str,
        geometry,
        source: str,
    ) -> None:
        point = geometry.point_on_surface()
        extra = _variants(country, [name, *aliases])
        names = list(dict.fromkeys(a for a in aliases + extra if normalize(a) != normalize(name)))
        self.rows.append(
            {
                "id": area_id,
                "country": country,
                "level": level,
                "kind": kind,
                "name": name,
                "aliases": "|".join(names),
                "admin1": admin1,
                "admin2": admin2,
                "latitude": f"{point.y:.5f}",
                "longitude": f"{point.x:.5f}",
                "source": source,
            }
        )
        self.shapes[area_id] = geometry


def afghanistan(areas: Areas, folder: Path) -> None:
    for f in _features(folder / "afg_adm1_agcho_20180522.geojson"):
        p = f["properties"]
        areas.add(
            f"AF-{p['ADM1_PCODE']}",
            "AF",
            "province",
            "province",
            p["ADM1_EN"],
            _alt(p.get("ADM1ALT1EN"), p.get("ADM1ALT2EN")),
            p["ADM1_EN"],
            "",
            shape(f["geometry"]),
            SOURCES["AF"],
        )
    for f in _features(folder / "afg_adm2_agcho_20180522.geojson"):
        p = f["properties"]
        areas.add(
            f"AF-{p['ADM2_PCODE']}",
            "AF",
            "district",
            "district",
            p["ADM2_EN"],
            _alt(p.get("ADM2ALT1EN"), p.get("ADM2ALT2EN")),
            p["ADM1_EN"],
            "",
            shape(f["geometry"]),
            SOURCES["AF"],
        )


def pakistan(areas: Areas, folder: Path) -> None:
    provinces = defaultdict(list)
    for f in _features(folder / "pak_adm2_wfp_20220909.geojson"):
        p = f["properties"]
        geometry = shape(f["geometry"])
        provinces[p["ADM1_EN"]].append(geometry)
        areas.add(
            f"PK-{p['ADM2_PCODE']}",
            "PK",
            "district",
            "district",
            p["ADM2_EN"],
            _alt(p.get("ADM2ALT1EN"), p.get("ADM2ALT2EN")),
            p["ADM1_EN"],
            "",
            geometry,
            SOURCES["PK2022"],
        )
    for name, parts in provinces.items():
        areas.add(
            f"PK-2022-{normalize(name).replace(' ', '-')}",
            "PK",
            "province",
            "province",
            name,
            [],
            name,
            "",
            shapely.union_all(parts),
            SOURCES["PK2022"],
        )
    for f in _features(folder / "pak_adm3_wfp_20220909.geojson"):
        p = f["properties"]
        areas.add(
            f"PK-{p['admin3Pcode']}",
            "PK",
            "district",
            "tehsil",
            p["admin3Name_en"],
            _alt(p.get("admin3AltName1_en"), p.get("admin3AltName2_en")),
            p["admin1Name_en"],
            p["admin2Name_en"],
            shape(f["geometry"]),
            SOURCES["PK2022"],
        )
    old_districts, fata = defaultdict(list), []
    known = {
        (r["admin1"], normalize(n))
        for r in areas.rows
        if r["country"] == "PK" and r["kind"] == "district"
        for n in [r["name"], *r["aliases"].split("|")]
        if n
    }
    for f in _features(folder / "pak_adm3_ocha_pco_gaul_20181218.geojson"):
        p = f["properties"]
        geometry = shape(f["geometry"])
        old_districts[(p["ADM1_EN"], p["ADM2_EN"])].append(geometry)
        areas.add(
            f"PK-2018-{p['ADM3_PCODE']}",
            "PK",
            "district",
            "tehsil",
            p["ADM3_EN"],
            _alt(p.get("ADM3ALT1EN"), p.get("ADM3ALT2EN")),
            p["ADM1_EN"],
            p["ADM2_EN"],
            geometry,
            SOURCES["PK2018"],
        )
    for (admin1, name), parts in old_districts.items():
        geometry = shapely.union_all(parts)
        if name in AGENCIES or name.startswith("FR "):
            fata.append(geometry)
        if (admin1, normalize(name)) in known and name not in AGENCIES:
            continue  # the same district in the 2022 set
        areas.add(
            f"PK-2018-{normalize(admin1)[:3]}-{normalize(name).replace(' ', '-')}",
            "PK",
            "district",
            "district-2018",
            name,
            [],
            admin1,
            "",
            geometry,
            SOURCES["PK2018"],
        )
    areas.add(
        "PK-2018-FATA",
        "PK",
        "province",
        "province-2018",
        "Federally Administered Tribal Areas",
        ["FATA", "Tribal Areas", "Federally Administered Tribal Area"],
        "Khyber Pakhtunkhwa",
        "",
        shapely.union_all(fata),
        SOURCES["PK2018"],
    )


def geonames_spellings(areas: Areas, folder: Path) -> None:
    """GeoNames' own spelling of each district, as an alias of the district it names."""
    admin1 = {}
    with (folder / "geonames_admin1codes_af_pk.tsv").open(encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t"):
            admin1[row[0]] = row[2] or row[1]
    by_province = defaultdict(list)
    for row in areas.rows:
        if row["kind"] == "district":
            by_province[(row["country"], normalize(row["admin1"]))].append(row)
    with (folder / "geonames_admin2codes_af_pk.tsv").open(encoding="utf-8") as handle:
        for entry in csv.DictReader(handle, delimiter="\t"):
            country, code1 = entry["code"].split(".")[:2]
            province = normalize(admin1.get(f"{country}.{code1}", "").replace("Province", ""))
            name = entry["asciiname"].replace(" District", "").replace(" Tehsil", "").strip()
            provinces = [key[1] for key in by_province if key[0] == country]
            best = process.extractOne(province, provinces, scorer=fuzz.ratio, score_cutoff=75)
            candidates = (
                by_province[(country, best[0])]
                if best
                else [r for key, rows in by_province.items() if key[0] == country for r in rows]
            )
            if not candidates or not name:
                continue
            found = process.extractOne(
                normalize(name),
                [normalize(r["name"]) for r in candidates],
                scorer=fuzz.ratio,
                score_cutoff=82 if best else 92,
            )
            if found is None:
                continue
            row = candidates[found[2]]
            aliases = [a for a in row["aliases"].split("|") if a]
            for spelling in (entry["asciiname"], name):
                if normalize(spelling) != normalize(row["name"]) and spelling not in aliases:
                    aliases.append(spelling)
            row["aliases"] = "|".join(aliases)


def settlements(areas: Areas, folder: Path) -> list[dict]:
    out = []
    for country, name in (("AF", "wof_af_places.csv.gz"), ("PK", "wof_pk_places.csv.gz")):
        # The country's own districts: a settlement of one country's file whose point
        # falls across the border keeps WOF's names rather than the neighbour's.
        districts = [
            r
            for r in areas.rows
            if r["kind"] == "district"
            and r["country"] == country
            and not r["id"].startswith("PK-2018")
        ]
        tree = shapely.STRtree([areas.shapes[r["id"]] for r in districts])
        with gzip.open(folder / "places" / name, "rt", encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        points = shapely.points(
            [float(r["longitude"]) for r in rows], [float(r["latitude"]) for r in rows]
        )
        inside, within = tree.query(points, predicate="intersects")
        where = dict(zip(inside.tolist(), within.tolist(), strict=False))
        for number, row in enumerate(rows):
            names = [n for n in [row["name"], *row["alt_names"].split("|")] if n and is_latin(n)]
            names = list(dict.fromkeys(n.strip() for n in names if n.strip()))
            if not names:
                continue
            district = districts[where[number]] if number in where else None
            out.append(
                {
                    "name": names[0],
                    "aliases": "|".join(names[1:8]),
                    "country": country,
                    "admin1": district["admin1"] if district else row["admin1_current"],
                    "admin2": district["name"] if district else row["admin2"],
                    "latitude": f"{float(row['latitude']):.5f}",
                    "longitude": f"{float(row['longitude']):.5f}",
                    "feature": row["feature_code"],
                    "population": row["population"] or "0",
                    "source": (
                        f"geonames:{row['geonames_id']}" if row["geonames_id"] else row["source_id"]
                    ),
                }
            )
    return out


def shapes_geojson(areas: Areas) -> dict:
    """Simplified polygons, each set simplified as one coverage so neighbours keep
    their shared border."""
    groups = defaultdict(list)
    for row in areas.rows:
        groups[(row["country"], row["kind"], row["source"])].append(row["id"])
    features = []
    for ids in groups.values():
        geometries = [areas.shapes[i] for i in ids]
        try:
            simple = shapely.coverage_simplify(geometries, TOLERANCE)
        except Exception:
            simple = [g.simplify(TOLERANCE, preserve_topology=True) for g in geometries]
        for area_id, geometry in zip(ids, simple, strict=False):
            geometry = shapely.set_precision(geometry, GRID)
            if geometry.is_empty:
                geometry = shapely.set_precision(areas.shapes[area_id], GRID)
            features.append(
                {"type": "Feature", "properties": {"id": area_id}, "geometry": mapping(geometry)}
            )
    return {"type": "FeatureCollection", "features": features}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    areas = Areas()
    afghanistan(areas, args.shared / "boundaries")
    pakistan(areas, args.shared / "boundaries")
    geonames_spellings(areas, args.shared / "places")
    places = settlements(areas, args.shared)
    OUT.mkdir(parents=True, exist_ok=True)
    with (OUT / "areas.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(areas.rows[0]))
        writer.writeheader()
        writer.writerows(areas.rows)
    with gzip.GzipFile(OUT / "areas.geojson.gz", "wb", mtime=0) as handle:
        handle.write(json.dumps(shapes_geojson(areas), separators=(",", ":")).encode("utf-8"))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(places[0]))
    writer.writeheader()
    writer.writerows(places)
    with gzip.GzipFile(OUT / "settlements.csv.gz", "wb", mtime=0) as handle:
        handle.write(buffer.getvalue().encode("utf-8"))
    print(f"{len(areas.rows)} areas, {len(places)} settlements -> {OUT}")
    for path in sorted(OUT.iterdir()):
        print(f"  {path.name}: {path.stat().st_size / 1e3:,.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
