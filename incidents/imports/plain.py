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
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from geocoding.settings import GeocodingSettings
from ground.files import write_atomically
from incidents.imports.dates import iso_dates
from incidents.imports.errors import ImportFileError
from incidents.imports.reading import listed
from incidents.imports.source_format import SourceFormat

NAME = "csv"
# schema field -> header names that usually mean it (compared without case, spaces, _ and -)
SYNONYMS: dict[str, tuple[str, ...]] = {
    "incident_id": ("incident_id", "id", "event_id", "eventid", "record_id", "ref", "reference"),
    "date": ("date", "event_date", "incident_date", "day", "date_of_attack", "when"),
    "date_precision": ("date_precision", "time_precision"),
    "actor": (
        "actor",
        "actor1",
        "perpetrator",
        "perpetrator_group",
        "group",
        "attacker",
        "organisation",
        "organization",
        "responsible",
        "claimed_by",
    ),
    "actor2": ("actor2", "side_b", "other_side", "opponent"),
    "target": ("target", "targets", "victim", "victims", "target_type", "targtype1_txt"),
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
    by_key: dict[str, str] = {}
    for column in columns:
        by_key.setdefault(_key(column), column)
    mapping: Mapping = {}
    used: set[str] = set()
    for field, names in SYNONYMS.items():
        for name in names:
            found = by_key.get(_key(name))
            if found and found not in used:
                mapping[field] = found
                used.add(found)
                break
    return mapping


def to_schema(raw: pd.DataFrame, mapping: Mapping, name: str = "row") -> pd.DataFrame:
    """The mapped table; unmapped schema fields are empty.  Without an id column,
    rows are named ``<file name without suffix>-<row number>``.  A table needs at
    least its date mapped."""
    if "date" not in mapping:
        raise ImportFileError(
            f"{name}: no column for the incident date among {listed(list(raw.columns))}; "
            "map one (a header such as 'date' or 'event_date' is found by itself)"
        )
    id_prefix = Path(name).stem
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


FORMAT = SourceFormat(NAME, "plain spreadsheet (column mapping)", to_schema)


MAX_MAPPINGS = 200  # header layouts remembered; the oldest go first
MAX_MAPPINGS_BYTES = 512_000  # a file larger than this is not read (nobody saved that)


@dataclass(frozen=True)
class SavedMapping:
    """A remembered mapping, who saved it and when: an import that uses one says so."""

    mapping: Mapping
    by: str
    at: str


class MappingStore:
    """Confirmed mappings, one per header layout, in a small JSON file.  Saving needs
    edit rights (the pages check; a reader's mapping would change how an editor's
    next import of that header is read), each entry names who saved it, and the file
    is bounded (``MAX_MAPPINGS`` entries, ``MAX_MAPPINGS_BYTES``)."""

    def __init__(self, path: Path | None = None):
        configured = os.environ.get("INCIDENT_MAP_MAPPINGS")
        self.path = path or (
            Path(configured)
            if configured
            else GeocodingSettings.from_env().cache_dir / "column-mappings.json"
        )

    @staticmethod
    def signature(columns: list[str]) -> str:
        joined = "\x1f".join(sorted(_key(c) for c in columns))
        return hashlib.sha1(joined.encode("utf-8")).hexdigest()[:16]

    def _all(self) -> dict[str, dict]:
        try:
            if self.path.stat().st_size > MAX_MAPPINGS_BYTES:
                return {}
            found = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return found if isinstance(found, dict) else {}

    def find(self, columns: list[str]) -> SavedMapping | None:
        """The mapping saved for this header, with who saved it."""
        saved = self._all().get(self.signature(columns))
        if not isinstance(saved, dict):
            return None
        fields = saved.get("mapping", saved)  # entries before 'by' were the mapping itself
        if not isinstance(fields, dict):
            return None
        mapping = {f: c for f, c in fields.items() if f in SYNONYMS and c in columns}
        if not mapping:
            return None
        return SavedMapping(mapping, str(saved.get("by", "someone")), str(saved.get("at", "")))

    def load(self, columns: list[str]) -> Mapping | None:
        found = self.find(columns)
        return found.mapping if found else None

    def save(self, columns: list[str], mapping: Mapping, by: str) -> None:
        stored = self._all()
        stored.pop(self.signature(columns), None)
        stored[self.signature(columns)] = {
            "mapping": {f: str(c)[:500] for f, c in mapping.items() if c and f in SYNONYMS},
            "by": str(by)[:200],
            "at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        while len(stored) > MAX_MAPPINGS:
            stored.pop(next(iter(stored)))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(self.path, json.dumps(stored, indent=1).encode("utf-8"))
