"""Gazetteer files a user brings: GeoNames dumps (``AF.txt``, ``PK.txt``, ...).

The country extracts are tab-separated with 19 columns and no header; see
https://download.geonames.org/export/dump/readme.txt.  Optional
``admin1CodesASCII.txt`` and ``admin2Codes.txt`` give province and district names
for the numeric codes.  With a country extract loaded, villages resolve at town
level instead of falling back to their district or province.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from pathlib import Path

from geocoding.errors import GeocodingError
from geocoding.normalize import is_latin
from geocoding.places import Place
from geocoding.precision import GeoPrecision

DUMP_COLUMNS = 19
_ADMIN_LEVELS = {
    "ADM1": GeoPrecision.PROVINCE,
    "ADM2": GeoPrecision.DISTRICT,
    "ADM3": GeoPrecision.DISTRICT,
    "PCLI": GeoPrecision.COUNTRY,
}

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def read_code_names(path: Path) -> dict[str, str]:
    """Map "AF.18" (or "AF.18.1234") to its name from an admin codes file."""
    names: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.reader(handle, delimiter="\t"), start=1):
            if not row or row[0].startswith("#"):
                continue
            if len(row) < 2:
                raise GeocodingError(f"{path.name} line {number}: expected code<TAB>name")
            names[row[0]] = row[2] if len(row) > 2 and row[2] else row[1]
    return names


def _level(feature_class: str, feature_code: str) -> GeoPrecision | None:
    if feature_class == "P":
        return GeoPrecision.TOWN
    if feature_class == "S":
        return GeoPrecision.LANDMARK
    if feature_class == "A":
        return _ADMIN_LEVELS.get(feature_code)
    return None


def read_dump(
    path: Path,
    admin1_names: dict[str, str] | None = None,
    admin2_names: dict[str, str] | None = None,
) -> Iterator[Place]:
    """Yield places from one GeoNames country extract.

    Populated places become towns, spots (airports, mosques, ...) landmarks, and
    ADM1/ADM2/ADM3 records provinces and districts; other features are skipped.
    """
    admin1_names = admin1_names or {}
    admin2_names = admin2_names or {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        for number, row in enumerate(reader, start=1):
            if not row:
                continue
            if len(row) != DUMP_COLUMNS:
                raise GeocodingError(
                    f"{path.name} line {number}: expected {DUMP_COLUMNS} tab-separated "
                    f"columns of a GeoNames dump, found {len(row)}"
                )
            level = _level(row[6], row[7])
            if level is None:
                continue
            try:
                lat, lon = float(row[4]), float(row[5])
            except ValueError as exc:
                raise GeocodingError(f"{path.name} line {number}: bad coordinates") from exc
            country, a1, a2 = row[8], row[10], row[11]
            aliases = tuple(a for a in row[3].split(",") if a and is_latin(a))[:40]
            if row[2] and row[2] != row[1]:
                aliases = (row[2], *aliases)
            yield Place(
                name=row[1],
                latitude=lat,
                longitude=lon,
                level=level,
                country=country,
                admin1=admin1_names.get(f"{country}.{a1}", ""),
                admin1_code=a1,
                source=f"geonames:{row[0]}",
                population=int(row[14] or 0),
                aliases=aliases,
                admin2=admin2_names.get(f"{country}.{a1}.{a2}", ""),
            )
