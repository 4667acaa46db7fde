"""The project's own gazetteer rows: provinces, districts, landmarks, crossings.

Packaged GeoNames data has towns but no province or district records for most
countries, and few landmarks.  These CSV files fill that gap for the region the
project started with.  Rows name an *anchor* (a town or airport that lies inside
the area) instead of typing coordinates, so every point traces back to a dataset;
the few rows with explicit coordinates say where those came from.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from geocoding.errors import GeocodingError
from geocoding.precision import GeoPrecision


@dataclass(frozen=True, slots=True)
class CuratedArea:
    """A country, province or district row of ``admin_areas.csv``."""

    country: str
    level: GeoPrecision
    name: str
    aliases: tuple[str, ...]
    admin1: str
    admin1_code: str
    anchor: str
    note: str


@dataclass(frozen=True, slots=True)
class CuratedLandmark:
    """A row of ``landmarks.csv``: an anchor reference or explicit coordinates."""

    name: str
    aliases: tuple[str, ...]
    country: str
    admin1: str
    anchor: str
    latitude: float | None
    longitude: float | None
    coord_source: str


def _data_path(name: str) -> Path:
    return Path(str(resources.files("geocoding") / "data" / name))


def _split(aliases: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in aliases.split("|") if a.strip())


def read_areas(path: Path | None = None) -> list[CuratedArea]:
    """Read the curated admin areas; a malformed row raises GeocodingError."""
    path = path or _data_path("admin_areas.csv")
    areas = []
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            try:
                level = GeoPrecision.parse(row["level"])
            except ValueError as exc:
                raise GeocodingError(f"{path.name} line {number}: {exc}", field="level") from exc
            areas.append(
                CuratedArea(
                    country=row["country"].strip(),
                    level=level,
                    name=row["name"].strip(),
                    aliases=_split(row["aliases"]),
                    admin1=row["admin1"].strip(),
                    admin1_code=row["admin1_code"].strip(),
                    anchor=row["anchor"].strip(),
                    note=row["note"].strip(),
                )
            )
    return areas


def read_landmarks(path: Path | None = None) -> list[CuratedLandmark]:
    """Read the curated landmarks and crossings."""
    path = path or _data_path("landmarks.csv")
    landmarks = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            lat, lon = row["latitude"].strip(), row["longitude"].strip()
            landmarks.append(
                CuratedLandmark(
                    name=row["name"].strip(),
                    aliases=_split(row["aliases"]),
                    country=row["country"].strip(),
                    admin1=row["admin1"].strip(),
                    anchor=row["anchor"].strip(),
                    latitude=float(lat) if lat else None,
                    longitude=float(lon) if lon else None,
                    coord_source=row["coord_source"].strip(),
                )
            )
    return landmarks
