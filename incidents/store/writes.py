"""Changing the store: add, save, delete, restore, review and merge.  Every change
writes its history row in the same transaction, and names the version it was made
against (optimistic locking)."""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pandas as pd
from sqlalchemy import (
    Connection,
    Engine,
    bindparam,
    func,
    insert,
    select,
    update,
)

from incidents.participants import participation
from incidents.registry import name_actors, name_record
from incidents.schema import COLUMNS, COUNT_COLUMNS
from incidents.store.cells import ID_CHUNK, json_cell, now, plain_cell
from incidents.store.errors import ConflictError, StoreError
from incidents.store.lock import writing
from incidents.store.queries import StoreQueries
from incidents.store.tables import STATUSES, history, incidents, participants
from incidents.validate import validate_incidents


def say_waiting(message: str) -> None:
    """Where a writer says it waits for another, unless the store is told otherwise."""
    print(f"note: {message}", file=sys.stderr, flush=True)


class StoreWrites(StoreQueries):
    """The writing half of the store."""

    engine: Engine
    notice: Callable[[str], None] = staticmethod(say_waiting)

    @contextmanager
    def writing(self, what: str = "a change") -> Iterator[Connection]:
        """A transaction holding the store's write lock (``incidents.store.lock``):
        every change goes through one, never two nested."""
        with writing(self.engine, what, self.notice) as connection:
            yield connection

    def add(
        self,
        incidents_in: pd.DataFrame,
        editor: str,
        status: str = "confirmed",
        action: str = "add",
        note: str = "",
        batch: str = "",
    ) -> int:
        """Insert validated incidents (a frame in the schema); returns how many."""
        self._check_status(status)
        if incidents_in.empty:
            return 0
        named = name_actors(incidents_in)  # the registry's names, as every import's
        with self.writing(f"adding incidents for {editor}") as connection:
            return self._add_in(connection, named, editor, status, action, note, batch)

    def _add_in(
        self,
        connection: Connection,
        incidents_in: pd.DataFrame,
        editor: str,
        status: str,
        action: str,
        note: str,
        batch: str,
    ) -> int:
        """``add`` inside a writing transaction, the actors already named by the
        registry.  An id whose history goes on (an
        undone import's incident, imported again) starts after its last version, so
        a history's versions never repeat."""
        rows = [
            self._row(record) | {"status": status, "version": 1, "deleted": False}
            for record in incidents_in.to_dict("records")
        ]
        if not rows:
            return 0
        earlier = self._last_versions(connection, [row["incident_id"] for row in rows])
        for row in rows:
            row["version"] = earlier.get(row["incident_id"], 0) + 1
        at = now()
        connection.execute(insert(incidents), rows)
        self._write_participants(connection, incidents_in, new=True)
        connection.execute(
            insert(history),
            [
                {
                    "incident_id": row["incident_id"],
                    "version": row["version"],
                    "at": at,
                    "editor": editor,
                    "action": action,
                    "note": note,
                    "batch": batch,
                    "changes": {
                        k: [None, json_cell(row[k])]
                        for k in COLUMNS
                        if row.get(k) not in (None, "")
                    },
                }
                for row in rows
            ],
        )
        return len(rows)

    @staticmethod
    def _last_versions(connection: Connection, ids: list[str]) -> dict[str, int]:
        """The last history version of each of ``ids`` that has one."""
        found: dict[str, int] = {}
        for start in range(0, len(ids), ID_CHUNK):
            found.update(
                connection.execute(
                    select(history.c.incident_id, func.max(history.c.version))
                    .where(history.c.incident_id.in_(ids[start : start + ID_CHUNK]))
                    .group_by(history.c.incident_id)
                ).all()
            )
        return found

    @staticmethod
    def _update_many(connection, updates: list[tuple[dict, dict, dict]]) -> None:
        """One statement per set of changed fields, run for all its rows at once:
        70,000 updates one by one took two minutes."""
        groups: dict[tuple[str, ...], list[dict]] = defaultdict(list)
        for current, row, diff in updates:
            fields = tuple(sorted(diff))
            groups[fields].append(
                {
                    "b_id": current["incident_id"],
                    "b_extra": row["extra"],
                    **{f"b_{k}": row[k] for k in fields},
                }
            )
        for fields, params in groups.items():
            statement = (
                update(incidents)
                .where(incidents.c.incident_id == bindparam("b_id"))
                .values(
                    **{k: bindparam(f"b_{k}") for k in fields},
                    extra=bindparam("b_extra"),
                    version=incidents.c.version + 1,
                )
            )
            connection.execute(statement, params)

    def save(
        self,
        incident_id: str,
        changes: dict,
        expected_version: int,
        editor: str,
        note: str = "",
        action: str = "edit",
    ) -> int:
        """Apply ``changes`` (field -> new value as text or number) to the incident
        loaded at ``expected_version``; returns the new version.  The schema's rules
        apply first (``StoreError`` names the field); an incident changed meanwhile
        raises ``ConflictError`` and nothing is written."""
        current = self.get(incident_id)
        if current is None or (current["deleted"] and action == "edit"):
            raise StoreError(f"no incident {incident_id!r}")
        changes = name_record(changes)
        merged = {k: current[k] for k in COLUMNS} | changes
        typed = self._validated(merged)
        diff = {
            k: [json_cell(current[k]), json_cell(typed[k])]
            for k in COLUMNS
            if plain_cell(current[k]) != plain_cell(typed[k])
        }
        return self._write(
            incident_id,
            expected_version,
            editor,
            note,
            action,
            {k: typed[k] for k in diff},
            diff,
            changes,
        )

    def delete(self, incident_id: str, expected_version: int, editor: str, note: str = "") -> int:
        """Hide the incident (``restore`` brings it back)."""
        return self._write(
            incident_id,
            expected_version,
            editor,
            note,
            "delete",
            {"deleted": True},
            {"deleted": [False, True]},
            {"deleted": True},
        )

    def restore(self, incident_id: str, expected_version: int, editor: str, note: str = "") -> int:
        return self._write(
            incident_id,
            expected_version,
            editor,
            note,
            "restore",
            {"deleted": False},
            {"deleted": [True, False]},
            {"deleted": False},
        )

    def review(
        self, incident_id: str, decision: str, expected_version: int, editor: str, note: str = ""
    ) -> int:
        """Set the review status: confirmed, candidate or rejected."""
        self._check_status(decision)
        current = self.get(incident_id) or {}
        return self._write(
            incident_id,
            expected_version,
            editor,
            note,
            "review",
            {"status": decision},
            {"status": [current.get("status"), decision]},
            {"status": decision},
        )

    def merge(
        self,
        candidate_id: str,
        candidate_version: int,
        into_id: str,
        into_version: int,
        editor: str,
        note: str = "",
    ) -> int:
        """The candidate is the same event as ``into_id``: its source joins that
        incident's sources, and the candidate is marked rejected with a note saying
        where it went.  Both in one transaction; returns the kept incident's version."""
        candidate, kept = self.get(candidate_id), self.get(into_id)
        if candidate is None or kept is None:
            raise StoreError(f"no incident {candidate_id if candidate is None else into_id!r}")
        sources = [s for s in kept["source"].split("; ") if s]
        known = set(sources) | {kept["source_url"]}
        extra = [s for s in (candidate["source"], candidate["source_url"]) if s and s not in known]
        grown = "; ".join(dict.fromkeys(sources + [s for s in extra if s not in sources]))
        said = note or f"merged {candidate_id} into {into_id}"
        with self.writing(f"a merge by {editor}") as connection:
            version = self._write_in(
                connection,
                into_id,
                into_version,
                editor,
                said,
                "merge",
                {"source": grown},
                {"source": [kept["source"], grown]},
                {"source": grown},
            )
            self._write_in(
                connection,
                candidate_id,
                candidate_version,
                editor,
                said,
                "review",
                {"status": "rejected"},
                {"status": [candidate["status"], "rejected"]},
                {"status": "rejected"},
            )
        return version

    def _write(
        self,
        incident_id: str,
        expected_version: int,
        editor: str,
        note: str,
        action: str,
        values: dict,
        diff: dict,
        mine: dict,
    ) -> int:
        with self.writing(f"a change by {editor}") as connection:
            return self._write_in(
                connection, incident_id, expected_version, editor, note, action, values, diff, mine
            )

    def _write_in(
        self,
        connection,
        incident_id: str,
        expected_version: int,
        editor: str,
        note: str,
        action: str,
        values: dict,
        diff: dict,
        mine: dict,
    ) -> int:
        done = connection.execute(
            update(incidents)
            .where(incidents.c.incident_id == incident_id, incidents.c.version == expected_version)
            .values(**values, version=incidents.c.version + 1)
        )
        if done.rowcount != 1:
            theirs = (
                connection.execute(select(incidents).where(incidents.c.incident_id == incident_id))
                .mappings()
                .first()
            )
            if theirs is None:
                raise StoreError(f"no incident {incident_id!r}")
            last = connection.execute(
                select(history.c.editor)
                .where(history.c.incident_id == incident_id)
                .order_by(history.c.id.desc())
            ).first()
            raise ConflictError(
                incident_id, dict(theirs) | {"_editor": last[0] if last else "someone"}, mine
            )
        if any(k in values for k in ("actor", "actor2", "associated_actors")):
            row = (
                connection.execute(select(incidents).where(incidents.c.incident_id == incident_id))
                .mappings()
                .first()
            )
            self._write_participants(connection, pd.DataFrame([dict(row)]))
        connection.execute(
            insert(history).values(
                incident_id=incident_id,
                version=expected_version + 1,
                at=now(),
                editor=editor,
                action=action,
                changes=diff,
                note=note,
            )
        )
        return expected_version + 1

    @staticmethod
    def _write_participants(connection, frame: pd.DataFrame, new: bool = False) -> None:
        """The participants of ``frame``'s incidents, replacing any stored ones (not
        looked for when the incidents are ``new``).  Ids go to the database in
        chunks: PostgreSQL takes at most 65,535 parameters in one statement, and a
        100,000-row import sent them all at once."""
        ids = frame["incident_id"].tolist()
        for start in range(0, len(ids) if not new else 0, ID_CHUNK):
            connection.execute(
                participants.delete().where(
                    participants.c.incident_id.in_(ids[start : start + ID_CHUNK])
                )
            )
        found = participation(frame.reset_index(drop=True))
        if len(found):
            connection.execute(
                insert(participants),
                [
                    {"incident_id": ids[i], "actor": actor, "role": role}
                    for i, actor, role in found[["incident", "actor", "role"]].itertuples(
                        index=False
                    )
                ],
            )

    @staticmethod
    def _row(record: dict) -> dict:
        row = {k: plain_cell(record.get(k)) for k in COLUMNS}
        row.update(
            {
                k: row[k] or ""
                for k in COLUMNS
                if k not in ("date", "latitude", "longitude", *COUNT_COLUMNS)
            }
        )
        row["extra"] = {
            k: json_cell(v)
            for k, v in record.items()
            if k not in COLUMNS and k not in ("status", "version", "deleted")
        }
        return row

    @staticmethod
    def _validated(record: dict) -> dict:
        """The record typed by the schema's rules, or ``StoreError`` naming the field."""
        text = {
            k: ""
            if plain_cell(v) is None
            else (
                v.date().isoformat() if k == "date" and hasattr(v, "date") else str(plain_cell(v))
            )
            for k, v in record.items()
        }
        result = validate_incidents(pd.DataFrame([text]), first_row_number=1)
        if result.problems:
            raise StoreError(
                "; ".join(f"{p.field}: {p.message} (value {p.value!r})" for p in result.problems)
            )
        return StoreWrites._row(result.incidents.iloc[0].to_dict())

    @staticmethod
    def _check_status(status: str) -> None:
        if status not in STATUSES:
            raise StoreError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
