"""A plain spreadsheet -> schema, through a column mapping.

The mapping (schema field -> the file's column) is first guessed from common header
names, then shown to the user, who may change it; ``MappingStore`` keeps confirmed
mappings per header, so the same spreadsheet layout maps itself next time.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

import pandas as pd

from geocoding.settings import GeocodingSettings
from incidents.imports.dates import iso_dates

NAME = "csv"
# schema field -> header names that usually mean it (compared without case, spaces, _ and -)
SYNONYMS: dict[str, tuple[str, ...]] = {
    "incident_id": ("incident_id", "id", "event_id", "eventid", "record_id", "ref", "reference"),
    "date": ("date", "event_date", "incident_date", "day", "date_of_attack", "when"),
    "date_precision": ("date_precision", "time_precision"),
    "actor": ("actor", "actor1", "perpetrator", "perpetrator_group", "group", "attacker",
              "organisation", "organization", "responsible", "claimed_by"),
    "actor2": ("actor2", "target", "victim", "victims", "side_b"),
    "event_type": ("event_type", "type", "attack_type", "incident_type", "category", "weapon"),
    "location": ("location", "place", "city", "town", "village", "site", "place_name"),
    "associated_actors": ("associated_actors", "assoc_actors", "also_involved"),
    "admin2": ("admin2", "district", "tehsil", "agency", "adm_2", "county", "subdistrict"),
    "admin1": ("admin1", "province", "state", "region", "provstate", "governorate"),
    "country": ("country", "country_name", "nation"),
    "latitude": ("latitude", "lat", "y"),
    "longitude": ("longitude", "lon", "lng", "long", "x"),
    "geo_precision": ("geo_precision", "precision", "location_precision"),
    "fatalities": ("fatalities", "killed", "deaths", "dead", "death_toll", "nkill", "fatality"),
    "injured": ("injured", "wounded", "injuries", "nwound", "casualties_injured"),
    "description": ("description", "notes", "summary", "details", "narrative", "comment"),
    "source": ("source", "sources", "source_name", "reported_by"),
    "source_url": ("source_url", "url", "link", "source_link"),
}
Mapping = dict[str, str]


def _key(header: str) -> str:
    return re.sub(r"[\s_\-.]+", "", header.strip().lower())


def guess_mapping(columns: list[str]) -> Mapping:
    """Schema field -> column, for the fields a header name suggests; each column
    is used once, by the first field that claims it."""
    by_key = {}
    for column in columns:
        by_key.setdefault(_key(column), column)
    mapping: Mapping = {}
    used: set[str] = set()
    for field, names in SYNONYMS.items():
        for name in names:
            column = by_key.get(_key(name))
            if column and column not in used:
                mapping[field] = column
                used.add(column)
                break
    return mapping


def to_schema(raw: pd.DataFrame, mapping: Mapping, id_prefix: str = "row") -> pd.DataFrame:
    """The mapped table; unmapped schema fields are empty.  Without an id column,
    rows are named ``<id_prefix>-<row number>``."""
    out = pd.DataFrame(index=raw.index)
    for field in SYNONYMS:
        column = mapping.get(field)
        out[field] = raw[column] if column in raw.columns else ""
    if "incident_id" not in mapping:
        out["incident_id"] = [f"{id_prefix}-{n}" for n in raw.index]
    out["date"] = iso_dates(out["date"])
    out["source_format"] = NAME
    out["source_id"] = out["incident_id"]
    return out


class MappingStore:
    """Confirmed mappings, one per header layout, in a small JSON file."""

    def __init__(self, path: Path | None = None):
        self.path = path or GeocodingSettings.from_env().cache_dir / "column-mappings.json"

    @staticmethod
    def signature(columns: list[str]) -> str:
        joined = "\x1f".join(sorted(_key(c) for c in columns))
        return hashlib.sha1(joined.encode("utf-8")).hexdigest()[:16]

    def _all(self) -> dict[str, Mapping]:
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def load(self, columns: list[str]) -> Mapping | None:
        saved = self._all().get(self.signature(columns))
        if not saved:
            return None
        return {f: c for f, c in saved.items() if f in SYNONYMS and c in columns}

    def save(self, columns: list[str], mapping: Mapping) -> None:
        stored = self._all()
        stored[self.signature(columns)] = {f: c for f, c in mapping.items() if c}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps(stored, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(temporary, self.path)
