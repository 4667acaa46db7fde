"""Backups of a SQLite store and restoring one, after ``backups`` has checked it."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlalchemy import Engine

from incidents.store.cells import now
from incidents.store.errors import StoreError, StoreWriteFailed, failure_reason
from incidents.store.lock import exclusive
from incidents.store.writes import StoreWrites


def _remove_with_journals(path: Path) -> None:
    """A SQLite file and whatever journal it left, if they are there."""
    for leftover in (path, *(path.with_name(path.name + s) for s in ("-journal", "-wal", "-shm"))):
        leftover.unlink(missing_ok=True)


class StoreBackups(StoreWrites):
    """Backups of a SQLite store."""

    engine: Engine

    def backup_to(self, path: Path) -> None:
        """Copy the whole store to ``path`` while it is in use (SQLite's online
        backup).  For PostgreSQL use ``pg_dump`` (see README).  The copy is made
        under a temporary name beside ``path`` and renamed when whole: a backup cut
        short (a full disk) leaves nothing behind, neither file nor journal."""
        path = Path(path)
        partial = path.with_name(f".{path.name}.partial-{os.getpid()}")
        try:
            self._sqlite_copy(partial, into_store=False)
            os.replace(partial, path)
        except (OSError, sqlite3.Error) as exc:
            raise StoreWriteFailed(
                f"the backup {path.name} could not be written ({failure_reason(exc)}); "
                "nothing was left behind and the store is as it was"
            ) from None
        finally:
            _remove_with_journals(partial)

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
            except OSError as exc:
                raise StoreWriteFailed(
                    f"{Path(path).name} could not be read into a private copy "
                    f"({failure_reason(exc)}); the store is as it was"
                ) from None
            with exclusive(self.engine, "a restore", self.notice):
                kept = self._replace_keeping(copy, Path(path).name)
            try:
                if self.schema() != expected:
                    raise StoreError("its tables differ after the copy")
                self.count()
            except Exception as exc:
                self._sqlite_copy(kept, into_store=True)
                raise StoreError(
                    f"the restored store did not check out ({exc}); the store is back as it was"
                ) from None
        return kept

    def _replace_keeping(self, copy: Path, name: str) -> Path:
        """Copy the store aside, then the backup's copy over it (under the write
        lock); returns where the store as it was is kept."""
        kept = self._kept_path()
        try:
            self._sqlite_copy(kept, into_store=False)
        except (OSError, sqlite3.Error) as exc:
            _remove_with_journals(kept)
            raise StoreWriteFailed(
                f"the store as it was could not be copied aside first "
                f"({failure_reason(exc)}); nothing was restored"
            ) from None
        try:
            self._sqlite_copy(copy, into_store=True)
        except (OSError, sqlite3.Error) as exc:
            raise StoreWriteFailed(
                f"{name} could not be written into the store "
                f"({failure_reason(exc)}); the store is as it was"
            ) from None
        return kept

    def _kept_path(self) -> Path:
        live = Path(self.engine.url.database or "incidents.sqlite")
        stamp = now().strftime("%Y%m%dT%H%M%S%fZ")
        return live.with_name(f"{live.stem}.before-restore-{stamp}.sqlite")

    def _sqlite_only(self) -> None:
        if self.engine.dialect.name != "sqlite":
            raise StoreError(
                "backup and restore here are for the SQLite store; for "
                "PostgreSQL use pg_dump and pg_restore (see README)"
            )

    def _sqlite_copy(self, path: Path, into_store: bool) -> None:
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
            connection = raw.driver_connection
            assert connection is not None, "an open SQLite connection"
            return read_schema(connection)[0]
        finally:
            raw.close()
