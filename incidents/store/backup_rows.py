"""What a backup's rows must be before it may replace the store.

A backup whose tables were right but whose rows were not (a status ``bogus``, a date
``not a date``, latitude 999, a participant of no incident, a third of the history
gone) used to restore with exit 0, and then every user's Map, Review and Data pages
showed an exception.  Each row is now checked as the store itself would have written
it: the incidents by the schema's own validation, and the store's own rules on top
(review statuses, versions, a participant's incident and role, a history holding
every version of each incident).  The first bad row is named in one sentence:
table, row, field and why.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator

import pandas as pd

from incidents.schema import COLUMNS
from incidents.store.tables import STATUSES
from incidents.validate import validate_incidents

ROLES = ("primary", "other side", "associated")


def row_problem(connection: sqlite3.Connection) -> str | None:
    """The first bad row of a store's database, or None."""
    for check in (_incidents, _participants, _history):
        found = next(check(connection), None)
        if found is not None:
            return found
    return None


def _said(table: str, row: object, field: str, why: str) -> str:
    return f"table {table}, row {str(row)[:80]!r}, field {field}: {why}"


def _incidents(connection: sqlite3.Connection) -> Iterator[str]:
    frame = pd.read_sql_query("SELECT * FROM incidents ORDER BY rowid", connection)
    frame = frame.astype(object).where(frame.notna(), "").astype(str)
    for row in frame.itertuples(index=False):
        record = row._asdict()
        if record["status"] not in STATUSES:
            yield _said(
                "incidents",
                record["incident_id"],
                "status",
                f"{record['status']!r} is not one of {', '.join(STATUSES)}",
            )
        if not str(record["version"] or "").isdigit() or int(record["version"]) < 1:
            yield _said("incidents", record["incident_id"], "version", "not a whole number >= 1")
        if str(record["deleted"]) not in ("0", "1"):
            yield _said("incidents", record["incident_id"], "deleted", "neither 0 nor 1")
        if not _json_object(record["extra"]):
            yield _said("incidents", record["incident_id"], "extra", "not a JSON object")
    text = frame.reindex(columns=list(COLUMNS)).fillna("")
    text["date"] = [_stored_date(value) for value in text["date"]]
    checked = validate_incidents(text, row_numbers=list(range(len(text))))
    for problem in checked.problems:
        incident = frame["incident_id"].iloc[problem.row]
        yield _said("incidents", incident, problem.field, f"{problem.message} ({problem.value!r})")


def _stored_date(value: str) -> str:
    """The store keeps ``YYYY-MM-DD 00:00:00.000000``; anything else is checked whole."""
    value = str(value)
    return value[:10] if len(value) >= 10 and value[10:11] in (" ", "T", "") else value


def _json_object(value: object) -> bool:
    try:
        return isinstance(json.loads(str(value)), dict)
    except ValueError:
        return False


def _participants(connection: sqlite3.Connection) -> Iterator[str]:
    for incident_id, actor, role in connection.execute(
        "SELECT p.incident_id, p.actor, p.role FROM participants p "
        "LEFT JOIN incidents i ON i.incident_id = p.incident_id "
        "WHERE i.incident_id IS NULL OR p.role NOT IN (?, ?, ?) LIMIT 1",
        ROLES,
    ):
        if role not in ROLES:
            yield _said("participants", incident_id, "role", f"{role!r} is not a role")
        yield _said(
            "participants", incident_id, "incident_id", f"{actor!r} takes part in no incident"
        )


def _history(connection: sqlite3.Connection) -> Iterator[str]:
    for number, incident_id, version, _changes in connection.execute(
        "SELECT id, incident_id, version, changes FROM history "
        "WHERE typeof(version) != 'integer' OR version < 1 OR json_valid(changes) = 0 "
        "OR json_type(changes) != 'object' ORDER BY id LIMIT 1"
    ):
        field = "changes" if isinstance(version, int) and version >= 1 else "version"
        yield _said("history", f"{number} ({incident_id})", field, "not as the store writes it")
    for incident_id, version, recorded in connection.execute(
        "SELECT i.incident_id, i.version, count(DISTINCT h.version) FROM incidents i "
        "LEFT JOIN history h ON h.incident_id = i.incident_id AND h.version <= i.version "
        "GROUP BY i.incident_id, i.version HAVING count(DISTINCT h.version) != i.version "
        "ORDER BY i.rowid LIMIT 1"
    ):
        yield _said(
            "history",
            incident_id,
            "version",
            f"the incident is at version {version} but its history holds {recorded} of them",
        )
