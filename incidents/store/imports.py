"""Importing a file into the store: new ids added with the status their source
earns, likely duplicates of stored incidents sent to review, ids already there
updated with a history row, the whole import recorded under one id.

An import is one transaction under the store's write lock: its new rows, its
candidates, its updates and all their history rows are there together or not at
all (before, three transactions: a kill -9 between them left an import half done).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from sqlalchemy import Connection, Engine, insert

from incidents.registry import name_actors
from incidents.schema import COLUMNS
from incidents.store.cells import json_cell, new_batch_id, now, plain_cell
from incidents.store.review import stored_matches
from incidents.store.tables import history
from incidents.store.writes import StoreWrites

REVIEW_NOTE = "likely the same event as a stored incident"


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
        return self.import_groups([(status, frame)], editor, note)[0]

    def import_groups(
        self, groups: list[tuple[str, pd.DataFrame]], editor: str, note: str = ""
    ) -> list[dict[str, Any]]:
        """One import of several groups, each with its own status (a file of coded
        events beside a plain table): one transaction, one import id, the counts of
        each group in order."""
        for status, _ in groups:
            self._check_status(status)
        groups = [(status, name_actors(frame)) for status, frame in groups]
        batch = new_batch_id()
        with self.writing(f"an import by {editor}") as connection:
            known = self.incidents(("confirmed", "candidate"))
            results = []
            for status, frame in groups:
                counts, fresh = self._import_in(
                    connection, frame, editor, status, note, batch, known
                )
                known = pd.concat([known, fresh], ignore_index=True) if len(fresh) else known
                results.append(counts)
        for counts in results:
            if counts["added"] or counts["to_review"] or counts["updated"]:
                counts["import_id"] = batch
        return results

    def _import_in(
        self,
        connection: Connection,
        frame: pd.DataFrame,
        editor: str,
        status: str,
        note: str,
        batch: str,
        known: pd.DataFrame,
    ) -> tuple[dict[str, Any], pd.DataFrame]:
        """One group of an import, in the import's transaction; returns its counts
        and the incidents it added (later groups match their duplicates too)."""
        stored = self._current(frame["incident_id"].tolist(), connection)
        fresh = frame[~frame["incident_id"].isin(stored)].copy()
        matches = stored_matches(fresh, known)
        earlier = fresh.get("likely_duplicate_of", pd.Series("", index=fresh.index))
        fresh["likely_duplicate_of"] = [
            "; ".join(p for p in (str(e) if pd.notna(e) else "", m) if p)
            for e, m in zip(earlier, matches, strict=False)
        ]
        counts: dict[str, Any] = {
            "added": self._add_in(
                connection, fresh[matches == ""], editor, status, "import", note, batch
            ),
            "to_review": self._add_in(
                connection,
                fresh[matches != ""],
                editor,
                "candidate",
                "import",
                (note + "; " if note else "") + REVIEW_NOTE,
                batch,
            ),
        }
        updates = self._changes(frame[frame["incident_id"].isin(stored)], stored)
        counts["updated"] = len(updates)
        counts["unchanged"] = int(frame["incident_id"].isin(stored).sum()) - len(updates)
        if updates:
            self._update_many(connection, updates)
            connection.execute(
                insert(history),
                [
                    {
                        "incident_id": current["incident_id"],
                        "version": current["version"] + 1,
                        "at": now(),
                        "editor": editor,
                        "action": "import",
                        "changes": diff,
                        "note": note,
                        "batch": batch,
                    }
                    for current, _, diff in updates
                ],
            )
            changed = frame[frame["incident_id"].isin([c["incident_id"] for c, _, _ in updates])]
            self._write_participants(connection, changed)
        return counts, fresh

    def _changes(
        self, frame: pd.DataFrame, stored: dict[str, dict]
    ) -> list[tuple[dict, dict, dict]]:
        """(stored row, new row, {field: [before, after]}) for each incident the
        import changes."""
        updates = []
        for record in frame.to_dict("records"):
            current, row = stored[record["incident_id"]], self._row(record)
            diff = {
                k: [json_cell(current[k]), json_cell(row[k])]
                for k in COLUMNS
                if plain_cell(current[k]) != plain_cell(row[k])
            }
            if diff:
                updates.append((current, row, diff))
        return updates
