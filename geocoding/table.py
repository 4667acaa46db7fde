"""Place every row of a table that has a place name but no coordinates.

Each distinct (place, admin1, country) is geocoded once.  Rows keep all their
columns; five are added or filled: latitude, longitude, geo_precision, geocoder,
matched_name.  Coordinates already present are kept unless ``overwrite``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from geocoding.chain import Resolver
from geocoding.errors import GeocodingError
from geocoding.match import GeoMatch
from geocoding.normalize import normalize
from geocoding.precision import GeoPrecision

OUTPUT_COLUMNS = ("latitude", "longitude", "geo_precision", "geocoder", "matched_name")
Progress = Callable[[int, int], None]


@dataclass
class GeocodeSummary:
    """What happened to every row; counts add up to ``total``."""

    total: int = 0
    kept: int = 0
    placed: Counter = field(default_factory=Counter)  # precision -> rows
    fallbacks: list[tuple[int, str, str]] = field(default_factory=list)  # row, name, level
    unresolved: list[tuple[int, str]] = field(default_factory=list)
    errors: list[tuple[int, str, str]] = field(default_factory=list)
    no_place: list[int] = field(default_factory=list)

    @property
    def resolved(self) -> int:
        return sum(self.placed.values())

    def lines(self) -> list[str]:
        """A human summary, one fact a line."""
        out = [
            f"{self.total} rows: {self.kept} kept their coordinates, {self.resolved} placed, "
            f"{len(self.unresolved)} unresolved, {len(self.errors)} errors, "
            f"{len(self.no_place)} without a place name"
        ]
        for level in GeoPrecision:
            if self.placed.get(level.value):
                out.append(f"  placed at {level.value} level: {self.placed[level.value]}")
        if self.fallbacks:
            out.append(
                f"  {len(self.fallbacks)} placed at a containing area because the name "
                "itself is not in the gazetteer:"
            )
            out += [f"    row {r}: {name!r} -> {level}" for r, name, level in self.fallbacks]
        if self.unresolved:
            out.append("  unresolved:")
            out += [f"    row {r}: {name!r}" for r, name in self.unresolved]
        if self.errors:
            out.append("  errors (not cached; run again to retry):")
            out += [f"    row {r}: {name!r}: {msg}" for r, name, msg in self.errors]
        if self.no_place:
            out.append("  rows without a place name: " + ", ".join(map(str, self.no_place)))
        return out


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    return str(value).strip()


def _number(value: object) -> float | None:
    text = _text(value)
    try:
        return float(text) if text else None
    except ValueError:
        return None


def _check_columns(frame: pd.DataFrame, columns: dict[str, str | None]) -> None:
    for role, name in columns.items():
        if name is not None and name not in frame.columns:
            raise GeocodingError(
                f"no column {name!r} for the {role}; columns are: "
                + ", ".join(map(str, frame.columns)),
                field=name,
            )


def geocode_table(
    frame: pd.DataFrame,
    resolver: Resolver,
    *,
    place_col: str = "location",
    admin1_col: str | None = "admin1",
    country_col: str | None = "country",
    admin2_col: str | None = "admin2",
    overwrite: bool = False,
    progress: Progress | None = None,
    first_row_number: int = 1,
) -> tuple[pd.DataFrame, GeocodeSummary]:
    """Return a copy of ``frame`` with coordinates filled, and a summary.

    ``admin2_col``/``admin1_col``/``country_col`` may be None or missing from the
    frame when the data has no such column.  The district (admin2) goes into the
    query as the place's container ("Sangsila, Dera Bugti district"): it constrains
    the name, and an unknown name is placed at the district rather than the province.  Row numbers in the summary count from
    ``first_row_number`` (the CLI passes 2, the first data line of a CSV file).
    """
    _check_columns(frame, {"place name": place_col})
    admin1_col = admin1_col if admin1_col in frame.columns else None
    admin2_col = admin2_col if admin2_col in frame.columns else None
    country_col = country_col if country_col in frame.columns else None
    out = frame.copy()
    for column in OUTPUT_COLUMNS:
        if column not in out.columns:
            out[column] = ""
    out[list(OUTPUT_COLUMNS)] = out[list(OUTPUT_COLUMNS)].astype(object)

    summary = GeocodeSummary(total=len(out))
    todo: dict[tuple[str, str, str], list[int]] = {}
    for position in range(len(out)):
        row = out.iloc[position]
        lat, lon = _number(row["latitude"]), _number(row["longitude"])
        if not overwrite and lat is not None and lon is not None:
            summary.kept += 1
            continue
        place = _text(row[place_col])
        if not place:
            summary.no_place.append(position + first_row_number)
            continue
        district = _text(row[admin2_col]) if admin2_col else ""
        if district and normalize(district) != normalize(place):
            place = f"{place}, {district}"
        key = (
            place,
            _text(row[admin1_col]) if admin1_col else "",
            _text(row[country_col]) if country_col else "",
        )
        todo.setdefault(key, []).append(position)

    for done, (key, positions) in enumerate(todo.items(), start=1):
        place, admin1, country = key
        try:
            match = resolver.resolve(place, country=country or None, admin1=admin1 or None)
        except Exception as exc:  # network geocoders: report per row, never crash
            for position in positions:
                summary.errors.append((position + first_row_number, place, str(exc)))
            match = None
        else:
            if match is None:
                summary.unresolved += [(p + first_row_number, place) for p in positions]
        if match is not None:
            _write(out, positions, match)
            summary.placed[match.precision.value] += len(positions)
            if match.fallback:
                summary.fallbacks += [
                    (p + first_row_number, place, match.precision.value) for p in positions
                ]
        if progress is not None:
            progress(done, len(todo))
    return out, summary


def _write(out: pd.DataFrame, positions: list[int], match: GeoMatch) -> None:
    index = out.index[positions]
    out.loc[index, "latitude"] = round(match.latitude, 6)
    out.loc[index, "longitude"] = round(match.longitude, 6)
    out.loc[index, "geo_precision"] = match.precision.value
    out.loc[index, "geocoder"] = f"{match.geocoder}:{match.source}"
    out.loc[index, "matched_name"] = match.matched_name
