"""Importing a file into the store: new ids added with the status their source
earns, likely duplicates of stored incidents sent to review, ids already there
updated with a history row, the whole import recorded under one id."""

from __future__ import annotations

from typing import Any

import pandas as pd
from sqlalchemy import (
    Engine,
    insert,
)

from incidents.schema import COLUMNS
from incidents.store.cells import _json, _now, _plain, new_batch_id
from incidents.store.review import stored_matches
from incidents.store.tables import history
from incidents.store.writes import StoreWrites


class StoreImports(StoreWrites):
    """Imports into the store."""

    engine: Engine

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
