"""Backups of a SQLite store and restoring one, after ``backups`` has checked it."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from incidents.store.cells import _now
from incidents.store.errors import StoreError
from incidents.store.queries import StoreQueries


class StoreBackups(StoreQueries):
    """Backups of a SQLite store."""

    engine: Engine

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

    def schema(self):
        """The live database's tables, columns and migration (SQLite)."""
        from incidents.store.backups import read_schema

        self._sqlite_only()
        raw = self.engine.raw_connection()
        try:
            return read_schema(raw.driver_connection)[0]
        finally:
            raw.close()
