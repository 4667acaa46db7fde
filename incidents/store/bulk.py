"""Work on many incidents at once: review a filtered list of candidates, list the
imports, and undo one import whole.

A coded file brings thousands of candidates; deciding them one click at a time is a
morning's work.  ``review_many`` confirms or rejects every candidate a filter shows
in one transaction, each with its own history row (who, when, the note).  An import
writes its id on every history row it makes, so ``undo_import`` can take back
exactly what it did: the incidents it added are removed and the ones it changed get
their earlier values back, each with a history row saying so.  It refuses when
anything the import touched was changed since: that later work would be lost.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy import and_, bindparam, case, delete, func, insert, select, update

from incidents.schema import COLUMNS
from incidents.store.api import Store
from incidents.store.cells import ID_CHUNK, now
from incidents.store.errors import StoreError
from incidents.store.tables import STATUSES, history, incidents, participants


@dataclass(frozen=True)
class CandidateFilter:
    """Which candidates a bulk decision is for; empty fields let everything through."""

    batch: str = ""  # an import's id
    source: str = ""
    actor: str = ""  # on any side
    start: date | None = None
    end: date | None = None
    country: str = ""
    duplicate: bool | None = None  # has a likely duplicate among stored incidents, or not


def candidates(store: Store, spec: CandidateFilter = CandidateFilter()) -> pd.DataFrame:
    """The candidates ``spec`` lets through, oldest first, with ``likely_duplicate``."""
    where = [incidents.c.status == "candidate", incidents.c.deleted.is_(False)]
    if spec.batch:
        where.append(
            incidents.c.incident_id.in_(
                select(history.c.incident_id).where(history.c.batch == spec.batch)
            )
        )
    if spec.source:
        where.append(incidents.c.source == spec.source)
    if spec.actor:
        where.append(
            incidents.c.incident_id.in_(
                select(participants.c.incident_id).where(participants.c.actor == spec.actor)
            )
        )
    if spec.start is not None:
        where.append(incidents.c.date >= pd.Timestamp(spec.start).to_pydatetime())
    if spec.end is not None:
        where.append(
            incidents.c.date < (pd.Timestamp(spec.end) + pd.Timedelta(days=1)).to_pydatetime()
        )
    if spec.country:
        where.append(incidents.c.country == spec.country)
    query = select(incidents.c.incident_id, incidents.c.extra).where(*where)
    with store.engine.connect() as connection:
        twins = {
            i: bool((e or {}).get("likely_duplicate_of")) for i, e in connection.execute(query)
        }
    if spec.duplicate is not None:
        twins = {i: t for i, t in twins.items() if t == spec.duplicate}
    frame = store.matching(("candidate",)) if twins else store.incidents(("candidate",)).head(0)
    frame = frame[frame["incident_id"].isin(twins)].copy()
    frame["likely_duplicate"] = frame["incident_id"].map(twins).fillna(False).astype(bool)
    return frame.reset_index(drop=True)


def review_many(
    store: Store,
    ids: list[str],
    decision: str,
    editor: str,
    note: str = "",
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Set ``decision`` on each candidate in ``ids`` (others are left alone), one
    transaction, one history row each; returns how many were decided."""
    if decision not in STATUSES:
        raise StoreError(f"status must be one of {', '.join(STATUSES)}, not {decision!r}")
    at, done = now(), 0
    with store.writing(f"a bulk review by {editor}") as connection:
        for start in range(0, len(ids), ID_CHUNK):
            rows = connection.execute(
                select(incidents.c.incident_id, incidents.c.version).where(
                    incidents.c.incident_id.in_(ids[start : start + ID_CHUNK]),
                    incidents.c.status == "candidate",
                    incidents.c.deleted.is_(False),
                )
            ).all()
            if not rows:
                continue
            connection.execute(
                update(incidents)
                .where(
                    and_(
                        incidents.c.incident_id == bindparam("b_id"),
                        incidents.c.version == bindparam("b_version"),
                    )
                )
                .values(status=decision, version=incidents.c.version + 1),
                [{"b_id": i, "b_version": v} for i, v in rows],
            )
            connection.execute(
                insert(history),
                [
                    {
                        "incident_id": i,
                        "version": v + 1,
                        "at": at,
                        "editor": editor,
                        "action": "review",
                        "changes": {"status": ["candidate", decision]},
                        "note": note,
                        "batch": "",
                    }
                    for i, v in rows
                ],
            )
            done += len(rows)
            if progress is not None:
                progress(min(start + ID_CHUNK, len(ids)), len(ids))
    return done


def batch_ids(store: Store, batch: str) -> set[str]:
    """The incidents import ``batch`` added or changed."""
    with store.engine.connect() as connection:
        return set(
            connection.execute(
                select(history.c.incident_id).where(
                    history.c.batch == batch, history.c.action == "import"
                )
            ).scalars()
        )


def imports(store: Store) -> list[dict]:
    """Every import the history records, newest first: id, when, who, how many
    incidents it added or changed, and its note (the file names)."""
    query = (
        select(
            history.c.batch,
            func.min(history.c.at),
            func.min(history.c.editor),
            func.sum(case((history.c.version == 1, 1), else_=0)),
            func.count(),
            func.max(history.c.note),
        )
        .where(history.c.action == "import", history.c.batch.like("import-%"))
        .group_by(history.c.batch)
        .order_by(func.min(history.c.at).desc())
    )
    with store.engine.connect() as connection:
        undone = set(
            connection.execute(
                select(history.c.batch).where(history.c.batch.like("undo:%")).distinct()
            ).scalars()
        )
        return [
            {
                "import_id": b,
                "at": at,
                "editor": who,
                "added": int(added or 0),
                "changed": int(total - (added or 0)),
                "note": note or "",
                "undone": f"undo:{b}" in undone,
            }
            for b, at, who, added, total, note in connection.execute(query)
        ]


def undo_preview(store: Store, batch: str) -> dict[str, int]:
    """What undoing import ``batch`` would do, for the reader to confirm first: how
    many incidents it removes, how many of those were reviewed since the import (their
    decisions go with them), and how many changed incidents get their values back."""
    with store.engine.connect() as connection:
        rows = connection.execute(
            select(history.c.incident_id, history.c.id, history.c.version, history.c.changes).where(
                history.c.batch == batch, history.c.action == "import"
            )
        ).all()
        first = {i: number for i, number, _, _ in rows}
        added = {i for i, _, version, changes in rows if _added(version, changes)}
        reviewed: set[str] = set()
        ids = list(first)
        for start in range(0, len(ids), ID_CHUNK):
            chunk = ids[start : start + ID_CHUNK]
            for i, number in connection.execute(
                select(history.c.incident_id, history.c.id).where(
                    history.c.incident_id.in_(chunk), history.c.action == "review"
                )
            ):
                if number > first[i]:
                    reviewed.add(i)
    return {
        "removed": len(added),
        "reviewed_since": len(added & reviewed),
        "restored": len(set(first) - added),
    }


def undo_import(store: Store, batch: str, editor: str, note: str = "") -> dict[str, int]:
    """Take back import ``batch``: remove what it added, restore what it changed."""
    with store.writing(f"undoing an import for {editor}") as connection:
        rows = (
            connection.execute(
                select(history).where(history.c.batch == batch, history.c.action == "import")
            )
            .mappings()
            .all()
        )
        if not rows:
            raise StoreError(f"no import {batch!r} (see `store imports`)")
        if connection.execute(
            select(history.c.id).where(history.c.batch == f"undo:{batch}").limit(1)
        ).first():
            raise StoreError(f"import {batch!r} was undone already")
        ids = [r["incident_id"] for r in rows]
        versions = _refuse_if_changed_since(connection, rows)
        added = [
            r["incident_id"]
            for r in rows
            if _added(r["version"], r["changes"]) and r["incident_id"] in versions
        ]
        changed = [r for r in rows if not _added(r["version"], r["changes"])]
        at = now()
        for start in range(0, len(added), ID_CHUNK):
            chunk = added[start : start + ID_CHUNK]
            connection.execute(delete(participants).where(participants.c.incident_id.in_(chunk)))
            connection.execute(delete(incidents).where(incidents.c.incident_id.in_(chunk)))
        if added:
            connection.execute(
                insert(history),
                [
                    {
                        "incident_id": i,
                        "version": versions[i] + 1,
                        "at": at,
                        "editor": editor,
                        "action": "undo-import",
                        "changes": {"removed": [batch, None]},
                        "note": note,
                        "batch": f"undo:{batch}",
                    }
                    for i in added
                ],
            )
        for row in changed:
            _restore_fields(connection, row, versions[row["incident_id"]], at, editor, note)
    return {"removed": len(added), "restored": len(changed), "incidents": len(set(ids))}


def _added(version: int, changes: dict | None) -> bool:
    """Whether an import's history row added its incident (rather than changed it):
    an addition records the id itself as new.  Not "version 1": an incident an undone
    import removed starts after its last version when imported again."""
    return version == 1 or "incident_id" in (changes or {})


def _refuse_if_changed_since(connection, rows) -> dict[str, int]:
    """The current version of each incident the import touched; ``StoreError`` if any
    was edited, deleted or merged after the import (a review decision is not lost
    work: the incident goes, or keeps its decision)."""
    first = {r["incident_id"]: r["id"] for r in rows}
    ids, later, versions = list(first), [], {}
    for start in range(0, len(ids), ID_CHUNK):
        chunk = ids[start : start + ID_CHUNK]
        for i, number, action in connection.execute(
            select(history.c.incident_id, history.c.id, history.c.action).where(
                history.c.incident_id.in_(chunk)
            )
        ):
            if number > first[i] and action not in ("review", "undo-import"):
                later.append(i)
        versions.update(
            dict(
                connection.execute(
                    select(incidents.c.incident_id, incidents.c.version).where(
                        incidents.c.incident_id.in_(chunk)
                    )
                ).all()
            )
        )
    if later:
        later = sorted(set(later))
        shown = ", ".join(later[:5]) + (" ..." if len(later) > 5 else "")
        raise StoreError(
            f"{len(later)} incidents of this import were changed since "
            f"({shown}); undo them one by one, or not at all"
        )
    return versions


def _restore_fields(connection, row, version: int, at, editor: str, note: str) -> None:
    """The values an import changed, back as they were (one new version)."""
    before = {k: v[0] for k, v in row["changes"].items() if k in COLUMNS}
    if before.get("date"):
        before["date"] = pd.Timestamp(before["date"]).to_pydatetime()
    connection.execute(
        update(incidents)
        .where(incidents.c.incident_id == row["incident_id"])
        .values(**before, version=incidents.c.version + 1)
    )
    connection.execute(
        insert(history).values(
            incident_id=row["incident_id"],
            version=version + 1,
            at=at,
            editor=editor,
            action="undo-import",
            changes={k: [v[1], v[0]] for k, v in row["changes"].items()},
            note=note,
            batch=f"undo:{row['batch']}",
        )
    )
    if any(k in before for k in ("actor", "actor2", "associated_actors")):
        current = (
            connection.execute(
                select(incidents).where(incidents.c.incident_id == row["incident_id"])
            )
            .mappings()
            .first()
        )
        Store._write_participants(connection, pd.DataFrame([dict(current)]))
