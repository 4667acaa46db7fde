"""One file (or several) -> validated, geocoded incidents and a rejected-rows report.

The rule: every row read ends up either in ``incidents`` or in ``rejected`` with its
row number and reasons; ``rows_in == len(incidents) + len(rejected)`` always.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from geocoding import budget
from geocoding.chain import Resolver
from geocoding.table import Progress, geocode_table
from incidents.imports import plain
from incidents.imports.detect import Detection, detect_format
from incidents.imports.duplicates import find_duplicates, likely_duplicates
from incidents.imports.errors import ImportFileError
from incidents.imports.formats import format_named
from incidents.imports.reading import RawTable, ReadLimits, read_table
from incidents.registry import name_actors
from incidents.validate import IncidentDataError, validate_incidents

REPORT_COLUMNS = ("source_file", "row", "problems")
COUNTRY_NAMES = {"AF": "Afghanistan", "PK": "Pakistan"}
FUZZY_PER_FILE = 100  # near-spelling searches per imported file (~0.2 s each)


@dataclass
class ImportResult:
    """What one file gave: the incidents, the rows that could not be used, and how
    the file was read (for the user to check)."""

    name: str
    detection: Detection
    format: str
    incidents: pd.DataFrame
    rejected: pd.DataFrame
    rows_in: int
    mapping: dict[str, str] | None = None
    encoding: str = ""
    sheet: str = ""
    columns: list[str] = field(default_factory=list)  # the file's header, for mapping
    warnings: list[str] = field(default_factory=list)  # what reading had to change or skip
    notes: list[str] = field(default_factory=list)  # what it did that is not a problem

    def summary(self) -> str:
        dupes = int((self.incidents.get("likely_duplicate_of", pd.Series(dtype=str)) != "").sum())
        return (
            f"{self.name}: {format_named(self.format).label}; {self.rows_in} rows in, "
            f"{len(self.incidents)} imported, {len(self.rejected)} rejected, "
            f"{dupes} flagged as likely duplicates"
        )


def import_file(
    path: Path,
    format: str | None = None,
    sheet: str | None = None,
    mapping: dict[str, str] | None = None,
    resolver: Resolver | None = None,
    limits: ReadLimits | None = None,
) -> ImportResult:
    """Read and import the file at ``path``."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImportFileError(f"no such file: {path.name}") from None
    except OSError as exc:
        raise ImportFileError(f"cannot read {path.name}: {exc.strerror or exc}") from exc
    return import_table(
        read_table(data, path.name, sheet, limits), path.name, format, mapping, resolver
    )


def map_to_schema(
    raw: pd.DataFrame, format: str, mapping: dict[str, str] | None, name: str
) -> pd.DataFrame:
    """The file's columns mapped to the schema's, as text cells."""
    return format_named(format).read(raw, mapping or {}, name)


def import_table(
    table: RawTable,
    name: str,
    format: str | None = None,
    mapping: dict[str, str] | None = None,
    resolver: Resolver | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Map, validate, geocode (rows without coordinates) and flag duplicates;
    ``progress(done, total)`` is called as the distinct places are looked up."""
    raw = table.frame
    detection = detect_format(list(raw.columns))
    chosen = format or detection.format
    maps_columns = format_named(chosen).maps_columns
    if maps_columns and mapping is None:
        saved = plain.MappingStore().find(list(raw.columns))
        mapping = saved.mapping if saved else plain.guess_mapping(list(raw.columns))
        if saved:
            detection = replace(
                detection,
                reason=(
                    f"no source's signature columns; the mapping saved for this header by "
                    f"{saved.by}{' on ' + saved.at[:10] if saved.at else ''} was applied"
                ),
            )
    mapped = map_to_schema(raw, chosen, mapping, name)
    unplaced = (mapped["latitude"].astype(str).str.strip() == "") | (
        mapped["longitude"].astype(str).str.strip() == ""
    )
    mapped.loc[unplaced, "geo_precision"] = ""
    try:
        checked = validate_incidents(mapped.reset_index(drop=True), row_numbers=list(raw.index))
    except IncidentDataError as exc:
        raise ImportFileError(f"{name}: {exc}") from exc
    incidents = name_actors(checked.incidents)
    missing = incidents["latitude"].isna() & (
        incidents["location"] + incidents["admin2"] + incidents["admin1"] + incidents["country"]
        != ""
    )
    spent_note = None
    if missing.any() and resolver is not None:
        with budget.limited(FUZZY_PER_FILE) as spent:
            incidents = _geocode(incidents, missing, resolver, progress)
        spent_note = spent.note(name)
    incidents, derived = with_areas(incidents)
    duplicates = find_duplicates(incidents)
    incidents["likely_duplicate_of"] = duplicates.ids
    refused = set(checked.rejected["row"].tolist())
    incidents.insert(0, "source_row", [r for r in raw.index if r not in refused])
    incidents.insert(0, "source_file", name)
    rejected = _report(raw, checked.rejected, table.malformed, name)
    return ImportResult(
        name=name,
        detection=detection,
        format=chosen,
        incidents=incidents,
        rejected=rejected,
        rows_in=len(raw) + len(table.malformed),
        mapping=mapping if maps_columns else None,
        encoding=table.encoding,
        sheet=table.sheet,
        columns=[str(c) for c in raw.columns],
        warnings=table.warnings + duplicates.notes + ([spent_note] if spent_note else []),
        notes=table.notes + derived,
    )


def with_areas(incidents: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Rows with coordinates but no district or province get them from the region's
    polygons (``geocoding.areas``), never over what the source wrote; the new
    ``admin_derived`` column names the fields so filled.  Returns a note saying how
    many, for the import's summary."""
    from geocoding.areas import districts

    placed = (
        incidents["latitude"].notna()
        & incidents["longitude"].notna()
        & ((incidents["admin1"] == "") | (incidents["admin2"] == "") | (incidents["country"] == ""))
    )
    out = incidents.copy()
    out["admin_derived"] = ""
    if not placed.any():
        return out, []
    rows = out.loc[placed]
    found = pd.DataFrame(
        [area or ("", "", "") for area in districts().locate(rows["latitude"], rows["longitude"])],
        index=rows.index,
        columns=["code", "admin2", "admin1"],
    )
    found["country"] = found["code"].map(COUNTRY_NAMES).fillna("")
    # A point placed only at a province says nothing of its district; at a country,
    # nothing of either.
    level = rows["geo_precision"].astype(str)
    allowed = {
        "admin2": ~level.isin(["province", "country", "unknown"]),
        "admin1": ~level.isin(["country", "unknown"]),
        "country": ~level.isin(["country", "unknown"]),
    }
    marks = pd.Series("", index=rows.index, dtype=object)
    for column in ("admin2", "admin1", "country"):
        fill = (rows[column] == "") & (found[column] != "") & allowed[column]
        out.loc[fill[fill].index, column] = found.loc[fill, column]
        marks[fill] = marks[fill] + column + ","
    marks = marks.str.rstrip(",")
    out.loc[marks.index, "admin_derived"] = marks
    filled = int((marks != "").sum())
    note = (
        (
            f"{filled} rows with coordinates but no district or province were given them "
            "from the official boundaries (marked in admin_derived)"
        )
        if filled
        else ""
    )
    return out, [note] if note else []


def _geocode(
    incidents: pd.DataFrame,
    missing: pd.Series,
    resolver: Resolver,
    progress: Progress | None = None,
) -> pd.DataFrame:
    columns = [
        "location",
        "admin2",
        "admin1",
        "country",
        "latitude",
        "longitude",
        "geo_precision",
        "geocoder",
        "matched_name",
    ]
    query = incidents.loc[missing, columns].copy()
    # no town named: place it by its district, its province, or failing that its country
    query["location"] = query["location"].where(query["location"] != "", query["admin2"])
    query["location"] = query["location"].where(query["location"] != "", query["admin1"])
    query["location"] = query["location"].where(query["location"] != "", query["country"])
    part, _ = geocode_table(query, resolver, progress=progress)
    out = incidents.copy()
    for column in ("latitude", "longitude"):
        out.loc[missing, column] = pd.to_numeric(part[column], errors="coerce").to_numpy()
    for column in ("geo_precision", "geocoder", "matched_name"):
        values = (
            part[column].astype(str).replace("", "unknown" if column == "geo_precision" else "")
        )
        out.loc[missing, column] = values.to_numpy()
    return out


def _report(
    raw: pd.DataFrame, rejected: pd.DataFrame, malformed: list[tuple[int, str, str]], name: str
) -> pd.DataFrame:
    """Rejected rows as they were in the file, with row number and reasons."""
    original = raw.loc[rejected["row"].tolist()].copy() if len(rejected) else raw.iloc[0:0].copy()
    original.insert(0, "problems", rejected["problems"].tolist())
    original.insert(0, "row", rejected["row"].tolist())
    broken = pd.DataFrame(
        [
            {"row": row, "problems": f"row {row}: {why}", "record": text}
            for row, text, why in malformed
        ]
    )
    report = pd.concat([original, broken], ignore_index=True) if len(broken) else original
    report["row"] = report["row"].astype("int64")
    report.insert(0, "source_file", name)
    return report.sort_values("row", kind="stable").reset_index(drop=True)


def combine(results: list[ImportResult]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Several imports as one table: an id seen in an earlier file is rejected (with
    its reason), and likely duplicates are flagged across files too."""
    if not results:
        return pd.DataFrame(), pd.DataFrame(columns=list(REPORT_COLUMNS))
    frames, reports = [], [r.rejected for r in results]
    seen: set[str] = set()
    for result in results:
        clash = result.incidents["incident_id"].isin(seen)
        if clash.any():
            reports.append(
                pd.DataFrame(
                    {
                        "source_file": result.name,
                        "row": result.incidents.loc[clash, "source_row"],
                        "problems": [
                            f"id {i!r} already imported from an earlier file"
                            for i in result.incidents.loc[clash, "incident_id"]
                        ],
                        "incident_id": result.incidents.loc[clash, "incident_id"],
                    }
                )
            )
        frames.append(result.incidents[~clash])
        seen.update(result.incidents["incident_id"])
    incidents = pd.concat(frames, ignore_index=True)
    incidents["likely_duplicate_of"] = likely_duplicates(incidents)
    return incidents, pd.concat(reports, ignore_index=True)
