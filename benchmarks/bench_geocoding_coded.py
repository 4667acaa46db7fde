"""How close offline geocoding puts the places of a real coded file, without its
coordinates: what a user with a spreadsheet of place names gets.

Reads UCDP GED's Pakistan file (the development half in ``../shared/data/``, or any
UCDP GED CSV given), takes each distinct place UCDP coded at precision 1 or 2 (the
exact place, or within about 25 km of it), geocodes its name with its district and
province, and measures the distance to UCDP's own coordinates.  UCDP's coordinates
are only read to measure; nothing from the file goes into the gazetteer.

Two runs, same gazetteer: the baseline passes the province only (what the importer
did before districts were used), the other passes the district too.

    .venv/bin/python benchmarks/bench_geocoding_coded.py [FILE]
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections import Counter
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geocoding.factory import make_resolver  # noqa: E402
from geocoding.settings import GeocodingSettings  # noqa: E402
from geocoding.table import geocode_table  # noqa: E402
from ground.distances import km_apart  # noqa: E402
from incidents.imports.reading import read_table  # noqa: E402

DEV_FILE = ROOT.parent / "shared" / "data" / "ucdp-ged-pakistan-dev.csv"


def distinct_places(path: Path) -> pd.DataFrame:
    raw = read_table(path.read_bytes(), path.name).frame
    coded = raw[raw["where_prec"].str.strip().isin(["1", "2"])]
    places = coded.groupby(["where_coordinates", "adm_2", "adm_1", "country"], as_index=False).agg(
        true_lat=("latitude", lambda s: float(s.iloc[0])),
        true_lon=("longitude", lambda s: float(s.iloc[0])),
    )
    return places.rename(
        columns={"where_coordinates": "location", "adm_2": "admin2", "adm_1": "admin1"}
    )


def measure(places: pd.DataFrame, resolver, admin2: bool) -> tuple[pd.DataFrame, float]:
    frame = places.assign(latitude="", longitude="")
    start = time.perf_counter()
    placed, _ = geocode_table(frame, resolver, admin2_col="admin2" if admin2 else None)
    seconds = time.perf_counter() - start
    distance = [
        km_apart(float(a), float(b), float(c), float(d)) if str(c) not in ("", "nan") else math.inf
        for a, b, c, d in zip(
            placed["true_lat"],
            placed["true_lon"],
            placed["latitude"],
            placed["longitude"],
            strict=False,
        )
    ]
    return placed.assign(km=distance), seconds


def report(label: str, placed: pd.DataFrame, seconds: float) -> None:
    total = len(placed)
    within25 = (placed["km"] <= 25).mean()
    within50 = (placed["km"] <= 50).mean()
    print(f"\n{label}: {total} distinct places, {seconds:.1f} s")
    print(f"  within 25 km: {within25:.0%}   within 50 km: {within50:.0%}")
    levels = Counter(placed["geo_precision"].replace("", "unresolved"))
    for level, count in levels.most_common():
        part = placed[placed["geo_precision"].replace("", "unresolved") == level]
        print(
            f"  {level:10} {count:5}  within 25 km {(part['km'] <= 25).mean():5.0%}  "
            f"within 50 km {(part['km'] <= 50).mean():5.0%}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEV_FILE)
    args = parser.parse_args()
    if not args.file.exists():
        print(f"{args.file} is not here (the shared development data); nothing measured")
        return
    resolver = make_resolver(GeocodingSettings.from_env())
    places = distinct_places(args.file)
    report("baseline (name and province)", *measure(places, resolver, admin2=False))
    report("with the district", *measure(places, resolver, admin2=True))


if __name__ == "__main__":
    main()
