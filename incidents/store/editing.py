"""Changes people make in the app, checked, then written to the store.

Every write goes through ``Editing``, which knows who the editor is
(``incidents.store.editors``) and refuses when they may not write: the pages hide their
controls from readers, and this is the check that holds when a page is wrong.
Form values arrive as text; the schema's rules (``incidents.validate``) decide, and a
refusal names each field and why, so the form can show it beside what was typed.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from incidents.errors import IncidentsError
from incidents.schema import COLUMNS
from incidents.store import Store, StoreError
from incidents.store.editors import Editor
from incidents.validate import validate_incidents

FORM_FIELDS = tuple(c for c in COLUMNS if c != "incident_id")  # the id is made, not typed
EDITABLE = FORM_FIELDS


class NotAllowed(IncidentsError, PermissionError):
    """The editor may not write; the message says why."""


class FieldErrors(StoreError):
    """Values the schema refused, by field."""

    def __init__(self, fields: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in fields.items()))
        self.fields = fields


def new_incident_id(day: str | date | None = None) -> str:
    """An id for an incident typed in the app: never the same as an import's."""
    return f"manual:{str(day or date.today())[:10]}-{uuid.uuid4().hex[:8]}"


def cell_text(value: object) -> str:
    """A stored value as a form shows it: "" for missing, a date without its time."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, datetime):  # pandas' Timestamp is one too
        return value.date().isoformat()
    return str(value)


def field_problems(values: dict[str, object]) -> dict[str, str]:
    """The schema's verdict on one incident typed as text: field -> message."""
    text = {k: "" if v is None else str(v) for k, v in values.items()}
    text.setdefault("incident_id", "checking")
    result = validate_incidents(pd.DataFrame([text]), first_row_number=1)
    problems: dict[str, str] = {}
    for problem in result.problems:
        problems.setdefault(problem.field or "row", problem.message)
    return problems


def table_changes(before: pd.DataFrame, after: pd.DataFrame) -> dict[str, dict[str, object]]:
    """What an editor changed in ``st.data_editor``: incident id -> {field: new value},
    only the cells that differ (both frames indexed like the table shown)."""
    changes: dict[str, dict[str, object]] = {}
    fields = [c for c in after.columns if c in EDITABLE and c in before.columns]
    for index, row in after.iterrows():
        if index not in before.index:
            continue
        old = before.loc[index]
        edited = {f: row[f] for f in fields if not _same(old[f], row[f])}
        if edited:
            changes[str(old["incident_id"])] = edited
    return changes


def _same(a: object, b: object) -> bool:
    missing_a, missing_b = a is None or a is pd.NA or a != a, b is None or b is pd.NA or b != b
    if missing_a or missing_b:
        return missing_a and missing_b
    if isinstance(a, pd.Timestamp) or isinstance(b, pd.Timestamp):
        return str(pd.Timestamp(a).date()) == str(pd.Timestamp(b).date())
    return str(a) == str(b)


@dataclass
class Outcome:
    incident_id: str
    saved: bool
    message: str


@dataclass
class Editing:
    store: Store
    editor: Editor

    def _allowed(self) -> None:
        if not self.editor.can_edit:
            raise NotAllowed(f"not saved: {self.editor.reason}")

    def add(self, values: Mapping[str, object], status: str = "confirmed", note: str = "") -> str:
        """A new incident from the form; returns its id, or ``FieldErrors``."""
        self._allowed()
        values = {k: values.get(k, "") for k in FORM_FIELDS}
        problems = field_problems(values)
        if problems:
            raise FieldErrors(problems)
        day = values.get("date")
        incident_id = new_incident_id(day if isinstance(day, (str, date)) else None)
        text = {k: "" if v is None else str(v) for k, v in values.items()}
        checked = validate_incidents(
            pd.DataFrame([text | {"incident_id": incident_id}]), first_row_number=1
        ).incidents
        self.store.add(
            checked[[c for c in COLUMNS if c in checked]],
            editor=self.editor.name,
            status=status,
            note=note,
        )
        return incident_id

    def save(
        self, incident_id: str, changes: dict[str, object], version: int, note: str = ""
    ) -> int:
        self._allowed()
        return self.store.save(incident_id, changes, version, editor=self.editor.name, note=note)

    def save_table(
        self, changes: dict[str, dict[str, object]], versions: dict[str, int]
    ) -> list[Outcome]:
        """Each edited row saved on its own: one bad row does not stop the others,
        and each says what happened."""
        self._allowed()
        outcomes = []
        for incident_id, edited in changes.items():
            try:
                version = self.save(incident_id, edited, versions[incident_id], note="table edit")
                outcomes.append(Outcome(incident_id, True, f"saved as version {version}"))
            except StoreError as exc:
                outcomes.append(Outcome(incident_id, False, str(exc)))
        return outcomes

    def delete(self, incident_id: str, version: int, note: str = "") -> int:
        self._allowed()
        return self.store.delete(incident_id, version, editor=self.editor.name, note=note)

    def restore(self, incident_id: str, version: int, note: str = "") -> int:
        self._allowed()
        return self.store.restore(incident_id, version, editor=self.editor.name, note=note)

    def review(self, incident_id: str, decision: str, version: int, note: str = "") -> int:
        self._allowed()
        return self.store.review(incident_id, decision, version, editor=self.editor.name, note=note)

    def review_many(self, ids: list[str], decision: str, note: str = "", progress=None) -> int:
        """Decide every candidate in ``ids`` at once (``incidents.store.bulk``)."""
        self._allowed()
        from incidents.store.bulk import review_many

        return review_many(
            self.store, ids, decision, editor=self.editor.name, note=note, progress=progress
        )

    def undo_import(self, import_id: str, note: str = "") -> dict[str, int]:
        """Take back one import whole (``incidents.store.bulk.undo_import``)."""
        self._allowed()
        from incidents.store.bulk import undo_import

        return undo_import(self.store, import_id, editor=self.editor.name, note=note)

    def merge(
        self,
        candidate_id: str,
        candidate_version: int,
        into_id: str,
        into_version: int,
        note: str = "",
    ) -> int:
        self._allowed()
        return self.store.merge(
            candidate_id,
            candidate_version,
            into_id,
            into_version,
            editor=self.editor.name,
            note=note,
        )

    def import_incidents(self, frame: pd.DataFrame, status: str, note: str) -> dict[str, int]:
        self._allowed()
        return self.store.import_incidents(frame, editor=self.editor.name, status=status, note=note)

    def import_groups(self, groups: list[tuple[str, pd.DataFrame]], note: str) -> list[dict]:
        """One import of groups with their own statuses, all or nothing."""
        self._allowed()
        return self.store.import_groups(groups, editor=self.editor.name, note=note)


def place_suggestions(
    geocoder, place: str, country: str = "", admin1: str = "", admin2: str = ""
) -> list[dict[str, object]]:
    """Where a typed place may be, best first, each with its precision stated: the
    form offers them to choose from.  Offline unless online geocoding is turned on."""
    query = ", ".join(p for p in (place.strip(), admin2.strip()) if p)
    if not query:
        return []
    if hasattr(geocoder, "suggest"):
        matches = geocoder.suggest(query, country=country or None, admin1=admin1 or None)
    else:
        found = geocoder.resolve(query, country=country or None, admin1=admin1 or None)
        matches = [found] if found is not None else []
    return [
        {
            "label": f"{m.matched_name} · {m.precision.value} level"
            + (f" ({m.note})" if m.fallback and m.note else ""),
            "latitude": round(m.latitude, 5),
            "longitude": round(m.longitude, 5),
            "geo_precision": m.precision.value,
            "matched_name": m.matched_name,
            "geocoder": m.geocoder,
        }
        for m in matches
    ]
