"""The store's API in the user's words: incidents, add, save, delete, restore,
review, history.  Every change writes a history row in the same transaction, and an
edit names the version it was made against, so two people saving the same incident
get a conflict rather than silently overwriting each other (optimistic locking).
"""

from __future__ import annotations

import os
import secrets
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd
from alembic import command
from alembic.config import Config
from sqlalchemy import (
    Engine,
    String,
    bindparam,
    create_engine,
    event,
    func,
    insert,
    select,
    type_coerce,
    update,
)
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from incidents.participants import participation
from incidents.schema import COLUMNS, COUNT_COLUMNS
from incidents.store.arrow import read_frame, rows_frame
from incidents.store.review import stored_matches
from incidents.store.tables import STATUSES, history, incidents, participants
from incidents.validate import validate_incidents

ID_CHUNK = 900  # ids per IN (...): under SQLite's and PostgreSQL's parameter limits
DEFAULT_PATH = Path(__file__).resolve().parents[2] / ".store" / "incidents.sqlite"


def _known_values(statuses: tuple[str, ...], deleted: bool | None) -> dict[str, object]:
    """The columns a listing's filter fixes to one value, so they need not be read."""
    known: dict[str, object] = {}
    if len(statuses) == 1:
        known["status"] = statuses[0]
    if deleted is not None:
        known["deleted"] = deleted
    return known


class StoreError(Exception):
    """A change the store refused; the message names the field and why."""


class StoreUnavailable(StoreError):
    """The database cannot be opened: the message says where (no password; a SQLite
    store by its file name) and why, in one line rather than a traceback."""


class ConflictError(StoreError):
    """The incident changed since the editor loaded it: both values are kept here,
    ``theirs`` (now in the store) and ``mine`` (what was being saved)."""

    def __init__(self, incident_id: str, theirs: dict, mine: dict):
        differing = {k: (theirs.get(k), v) for k, v in mine.items() if theirs.get(k) != v}
        fields = ", ".join(f"{k}: stored {a!r}, yours {b!r}" for k, (a, b) in differing.items())
        super().__init__(
            f"{incident_id} was changed by {theirs.get('_editor', 'someone')} "
            f"(now version {theirs.get('version')}) since you opened it; "
            f"{fields or 'no field differs'}. Nothing was lost: reload and "
            "save again."
        )
        self.incident_id, self.theirs, self.mine = incident_id, theirs, mine


def database_url(value: str | None = None) -> str:
    """``INCIDENT_MAP_DB``: a SQLAlchemy URL (``postgresql+psycopg://...``) or a path
    to the SQLite file (default ``.store/incidents.sqlite`` in the project)."""
    value = value or os.environ.get("INCIDENT_MAP_DB") or str(DEFAULT_PATH)
    if "://" in value:
        return value
    Path(value).parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{value}"


def _sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(connection, _record):  # WAL: readers do not block the writer
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()


def _where(engine: Engine) -> str:
    """The database as a message may name it: a file by its name, a server without
    its password."""
    if engine.dialect.name == "sqlite":
        return Path(engine.url.database or "memory").name
    return engine.url.render_as_string(hide_password=True)


def open_store(url: str | None = None) -> Store:
    """The store at ``url`` (or ``INCIDENT_MAP_DB``), migrated to the latest tables."""
    url = database_url(url)
    try:
        engine = create_engine(url)
    except (ArgumentError, NoSuchModuleError) as exc:
        raise StoreUnavailable(
            "INCIDENT_MAP_DB is neither a database URL SQLAlchemy knows "
            f"nor a file path ({type(exc).__name__})"
        ) from None
    if engine.dialect.name == "sqlite":
        _sqlite_pragmas(engine)
    store = Store(engine)
    try:
        store.migrate()
    except DBAPIError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        raise StoreUnavailable(
            f"cannot open the incident store at {_where(engine)}: {reason}"
        ) from None
    return store


def open_seeded_store(seed: Path, url: str | None = None) -> Store:
    """The store, seeded from ``seed`` (an incidents CSV) if it is empty: the first
    ``make run`` creates it from the project's data."""
    from incidents.io import load_incidents

    store = open_store(url)
    if store.count() == 0:
        store.add(
            load_incidents(seed).incidents,
            editor="seed",
            action="import",
            note=f"seeded from {Path(seed).name}",
        )
    return store


def new_batch_id() -> str:
    """An import's id: when it ran, and a few random letters (two in one second)."""
    return f"import-{_now():%Y%m%dT%H%M%S}-{secrets.token_hex(3)}"


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _plain(value: object) -> object:
    """A cell as the database and JSON take it: None for missing, Python scalars."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value.item() if hasattr(value, "item") else value


def _json(value: object) -> object:
    value = _plain(value)
    return value.isoformat() if isinstance(value, datetime) else value


@dataclass
class Store:
    engine: Engine

    def migrate(self) -> None:
        """Bring the tables to the latest migration (Alembic)."""
        config = Config()
        config.set_main_option(
            "script_location", str(resources.files("incidents.store") / "migrations")
        )
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    # --- reading -----------------------------------------------------------------

    def stamp(self) -> int:
        """Changes so far (the last history row's number): a cache key that moves
        whenever anything in the store changes."""
        with self.engine.connect() as connection:
            return connection.execute(select(func.max(history.c.id))).scalar_one() or 0

    def status_counts(self) -> dict[str, int]:
        """How many incidents have each review status, and how many are deleted: what an
        empty map should say it is not showing."""
        with self.engine.connect() as connection:
            rows = connection.execute(
                select(incidents.c.status, incidents.c.deleted, func.count()).group_by(
                    incidents.c.status, incidents.c.deleted
                )
            ).all()
        counts = {status: 0 for status in (*STATUSES, "deleted")}
        for status, deleted, number in rows:
            counts["deleted" if deleted else status] += number
        return counts

    def count(self) -> int:
        with self.engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(incidents)).scalar_one()

    def incidents(
        self, statuses: tuple[str, ...] = ("confirmed",), include_deleted: bool = False
    ) -> pd.DataFrame:
        """The incidents with these review statuses, in the project schema plus
        ``status`` and ``version``."""
        known = _known_values(statuses, deleted=None if include_deleted else False)
        query = self._listing(known).where(incidents.c.status.in_(statuses))
        if not include_deleted:
            query = query.where(incidents.c.deleted.is_(False))
        return self._frame(query.order_by(incidents.c.date), known)

    def matching(
        self,
        statuses: tuple[str, ...] = ("confirmed",),
        start=None,
        end=None,
        actors: tuple[str, ...] = (),
        primary_only: bool = False,
        event_types: tuple[str, ...] = (),
        countries: tuple[str, ...] = (),
        admin1: tuple[str, ...] = (),
        min_fatalities: int = 0,
        bbox: tuple[float, float, float, float] | None = None,
    ) -> pd.DataFrame:
        """The incidents passing these filters, selected in the database on its
        indexes (date, participants, type, country, admin1, position) rather than
        read whole and filtered in memory.  ``bbox`` is (south, north, west, east);
        an actor matches on any side unless ``primary_only``."""
        where: list[Any] = [incidents.c.status.in_(statuses), incidents.c.deleted.is_(False)]
        if start is not None:
            where.append(incidents.c.date >= pd.Timestamp(start).to_pydatetime())
        if end is not None:
            where.append(
                incidents.c.date < (pd.Timestamp(end) + pd.Timedelta(days=1)).to_pydatetime()
            )
        if actors and primary_only:
            where.append(incidents.c.actor.in_(actors))
        elif actors:
            where.append(
                incidents.c.incident_id.in_(
                    select(participants.c.incident_id).where(participants.c.actor.in_(actors))
                )
            )
        for column, values in (
            (incidents.c.event_type, event_types),
            (incidents.c.country, countries),
            (incidents.c.admin1, admin1),
        ):
            if values:
                where.append(column.in_(values))
        if min_fatalities:
            where.append(incidents.c.fatalities >= min_fatalities)
        if bbox is not None:
            south, north, west, east = bbox
            where += [
                incidents.c.latitude.between(south, north),
                incidents.c.longitude.between(west, east),
            ]
        known = _known_values(statuses, deleted=False)
        return self._frame(self._listing(known).where(*where).order_by(incidents.c.date), known)

    def _listing(self, known: dict[str, object] | None = None):
        """Every column a listing needs, without ``extra`` (an import's original codes,
        JSON decoded row by row), and on SQLite the date as its stored text, parsed
        once for the whole column: per-row conversion was most of the time it took
        to read 100,000 incidents."""
        columns: list[Any] = [
            c for c in incidents.c if c.name != "extra" and c.name not in (known or {})
        ]
        if self.engine.dialect.name == "sqlite":
            columns = [
                type_coerce(c, String).label("date") if c.name == "date" else c for c in columns
            ]
        return select(*columns)

    def _frame(self, query, known: dict[str, object] | None = None) -> pd.DataFrame:
        """The listing's rows, with the columns the filter fixed (``known``) filled in
        rather than read: one status and not deleted are two cells fewer per row."""
        frame = read_frame(self.engine, query)  # Arrow columns where a driver is here
        if frame is None or frame.empty:
            frame = self._rows_frame(query)
        for column, value in (known or {}).items():
            frame[column] = pd.Series([value] * len(frame), index=frame.index)
        frame = frame[[c.name for c in incidents.c if c.name in frame.columns]]
        frame["deleted"] = frame["deleted"].astype(bool)
        frame["date"] = pd.to_datetime(frame["date"], format="ISO8601")
        for column in COUNT_COLUMNS:
            frame[column] = frame[column].astype("Int64")
        for column in ("latitude", "longitude"):
            frame[column] = frame[column].astype(float)
        return frame

    def _rows_frame(self, query) -> pd.DataFrame:
        with self.engine.connect() as connection:
            result = connection.execute(query)
            keys, rows = list(result.keys()), result.fetchall()
        return rows_frame(keys, rows)

    def get(self, incident_id: str) -> dict | None:
        with self.engine.connect() as connection:
            row = (
                connection.execute(select(incidents).where(incidents.c.incident_id == incident_id))
                .mappings()
                .first()
            )
        return dict(row) if row else None

    def taking_part(self, actor: str) -> set[str]:
        """Ids of the incidents ``actor`` takes part in on any side (indexed)."""
        with self.engine.connect() as connection:
            rows = connection.execute(
                select(participants.c.incident_id).where(participants.c.actor == actor)
            )
            return {r[0] for r in rows}

    def history(self, incident_id: str) -> list[dict]:
        """Every change to the incident, oldest first."""
        with self.engine.connect() as connection:
            rows = connection.execute(
                select(history).where(history.c.incident_id == incident_id).order_by(history.c.id)
            ).mappings()
            return [dict(r) for r in rows]

    # --- writing -----------------------------------------------------------------

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
        rows = [
            self._row(record) | {"status": status, "version": 1, "deleted": False}
            for record in incidents_in.to_dict("records")
        ]
        if not rows:
            return 0
        at = _now()
        with self.engine.begin() as connection:
            connection.execute(insert(incidents), rows)
            self._write_participants(connection, incidents_in, new=True)
            connection.execute(
                insert(history),
                [
                    {
                        "incident_id": row["incident_id"],
                        "version": 1,
                        "at": at,
                        "editor": editor,
                        "action": action,
                        "note": note,
                        "batch": batch,
                        "changes": {
                            k: [None, _json(row[k])]
                            for k in COLUMNS
                            if row.get(k) not in (None, "")
                        },
                    }
                    for row in rows
                ],
            )
        return len(rows)

    def import_incidents(
        self, frame: pd.DataFrame, editor: str, status: str = "candidate", note: str = ""
    ) -> dict[str, int]:
        """Validated incidents from an import: new ids are added with ``status``; an id
        already stored (the same file again, or a newer export of the same source)
        is updated in place with a history row, never copied.  A new incident that
        likely duplicates a stored one goes to review as a candidate, whatever
        ``status`` says (``to_review``; its ``likely_duplicate_of`` names them).
        Returns the counts, and the import's id (``import_id``: ``store undo-import``
        takes it back whole)."""
        self._check_status(status)
        batch = new_batch_id()
        stored = self._current(frame["incident_id"].tolist())
        fresh = frame[~frame["incident_id"].isin(stored)].copy()
        matches = stored_matches(fresh, self.incidents(("confirmed", "candidate")))
        earlier = fresh.get("likely_duplicate_of", pd.Series("", index=fresh.index))
        fresh["likely_duplicate_of"] = [
            "; ".join(p for p in (str(e) if pd.notna(e) else "", m) if p)
            for e, m in zip(earlier, matches)
        ]
        to_review = fresh[matches != ""]
        counts: dict[str, Any] = {
            "added": self.add(
                fresh[matches == ""], editor, status, action="import", note=note, batch=batch
            ),
            "to_review": self.add(
                to_review,
                editor,
                "candidate",
                action="import",
                note=(note + "; " if note else "") + "likely the same event as a stored incident",
                batch=batch,
            ),
            "updated": 0,
            "unchanged": 0,
        }
        updates, at = [], _now()
        for record in frame[frame["incident_id"].isin(stored)].to_dict("records"):
            current, row = stored[record["incident_id"]], self._row(record)
            diff = {
                k: [_json(current[k]), _json(row[k])]
                for k in COLUMNS
                if _plain(current[k]) != _plain(row[k])
            }
            if diff:
                updates.append((current, row, diff))
            else:
                counts["unchanged"] += 1
        with self.engine.begin() as connection:
            self._update_many(connection, updates)
            if updates:
                connection.execute(
                    insert(history),
                    [
                        {
                            "incident_id": current["incident_id"],
                            "version": current["version"] + 1,
                            "at": at,
                            "editor": editor,
                            "action": "import",
                            "changes": diff,
                            "note": note,
                            "batch": batch,
                        }
                        for current, _, diff in updates
                    ],
                )
                changed = frame[
                    frame["incident_id"].isin([c["incident_id"] for c, _, _ in updates])
                ]
                self._write_participants(connection, changed)
        counts["updated"] = len(updates)
        if counts["added"] or counts["to_review"] or counts["updated"]:
            counts["import_id"] = batch
        return counts

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

    def _current(self, ids: list[str]) -> dict[str, dict]:
        found: dict[str, dict] = {}
        with self.engine.connect() as connection:
            for start in range(0, len(ids), ID_CHUNK):
                rows = connection.execute(
                    select(incidents).where(
                        incidents.c.incident_id.in_(ids[start : start + ID_CHUNK])
                    )
                ).mappings()
                found.update({r["incident_id"]: dict(r) for r in rows})
        return found

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
        if current is None or current["deleted"] and action == "edit":
            raise StoreError(f"no incident {incident_id!r}")
        merged = {k: current[k] for k in COLUMNS} | changes
        typed = self._validated(merged)
        diff = {
            k: [_json(current[k]), _json(typed[k])]
            for k in COLUMNS
            if _plain(current[k]) != _plain(typed[k])
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

    # --- backups -----------------------------------------------------------------

    def backup_to(self, path: Path) -> None:
        """Copy the whole store to ``path`` while it is in use (SQLite's online
        backup).  For PostgreSQL use ``pg_dump`` (see README)."""
        self._sqlite_copy(Path(path), into_store=False)

    def restore_from(self, path: Path) -> Path:
        """Replace the store's content with the backup at ``path``, once it has passed
        ``incidents.store.backups``' checks (on a private copy).  The store as it was is
        copied beside it first and put back if the restored one does not check out;
        returns where that copy is."""
        import tempfile

        from incidents.store.backups import BackupRefused, checked_copy

        self._sqlite_only()
        expected = self.schema()
        with tempfile.TemporaryDirectory(prefix="restore-") as folder:
            try:
                copy = checked_copy(Path(path), Path(folder), expected)
            except BackupRefused as exc:
                raise StoreError(str(exc)) from None
            kept = self._kept_path()
            self._sqlite_copy(kept, into_store=False)
            self._sqlite_copy(copy, into_store=True)
            try:
                if self.schema() != expected:
                    raise StoreError("its tables differ after the copy")
                self.count()
            except Exception as exc:  # noqa: BLE001 - any failure puts the old store back
                self._sqlite_copy(kept, into_store=True)
                raise StoreError(
                    f"the restored store did not check out ({exc}); the store is back as it was"
                ) from None
        return kept

    def schema(self):
        """The live database's tables, columns and migration (SQLite)."""
        from incidents.store.backups import read_schema

        self._sqlite_only()
        raw = self.engine.raw_connection()
        try:
            return read_schema(raw.driver_connection)[0]
        finally:
            raw.close()

    def _kept_path(self) -> Path:
        live = Path(self.engine.url.database or "incidents.sqlite")
        stamp = _now().strftime("%Y%m%dT%H%M%S%fZ")
        return live.with_name(f"{live.stem}.before-restore-{stamp}.sqlite")

    def _sqlite_only(self) -> None:
        if self.engine.dialect.name != "sqlite":
            raise StoreError(
                "backup and restore here are for the SQLite store; for "
                "PostgreSQL use pg_dump and pg_restore (see README)"
            )

    def _sqlite_copy(self, path: Path, into_store: bool) -> None:
        import sqlite3

        self._sqlite_only()
        raw = self.engine.raw_connection()
        try:
            other = sqlite3.connect(str(path))
            store = raw.driver_connection
            assert isinstance(store, sqlite3.Connection), "the store is SQLite here"
            try:
                source, target = (other, store) if into_store else (store, other)
                source.backup(target)
            finally:
                other.close()
        finally:
            raw.close()
        self.engine.dispose()

    # --- helpers -----------------------------------------------------------------

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
        with self.engine.begin() as connection:
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
        with self.engine.begin() as connection:
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
                at=_now(),
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
        row = {k: _plain(record.get(k)) for k in COLUMNS}
        row.update(
            {
                k: row[k] or ""
                for k in COLUMNS
                if k not in ("date", "latitude", "longitude", *COUNT_COLUMNS)
            }
        )
        row["extra"] = {
            k: _json(v)
            for k, v in record.items()
            if k not in COLUMNS and k not in ("status", "version", "deleted")
        }
        return row

    @staticmethod
    def _validated(record: dict) -> dict:
        """The record typed by the schema's rules, or ``StoreError`` naming the field."""
        text = {
            k: ""
            if _plain(v) is None
            else (v.date().isoformat() if k == "date" and hasattr(v, "date") else str(_plain(v)))
            for k, v in record.items()
        }
        result = validate_incidents(pd.DataFrame([text]), first_row_number=1)
        if result.problems:
            raise StoreError(
                "; ".join(f"{p.field}: {p.message} (value {p.value!r})" for p in result.problems)
            )
        return Store._row(result.incidents.iloc[0].to_dict())

    @staticmethod
    def _check_status(status: str) -> None:
        if status not in STATUSES:
            raise StoreError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
