"""What a SQLite backup must be before it may replace the store.

``store restore FILE`` used to copy any SQLite file over the store: restored
triggers stayed live (candidates silently confirmed, counts multiplied, history
deleted), an empty or foreign database wiped the store with a traceback, a file
whose header declared a huge database wrote a gigabyte, and a folder or a text file
was a traceback.  A backup is now checked first, on a private copy, and every
refusal is one sentence naming the file:

- a regular, non-empty file, at most ``INCIDENT_MAP_MAX_BACKUP_MB`` (default 2,000 MB),
  whose SQLite header is there and whose declared size fits both the file and the limit;
- an intact database (``PRAGMA quick_check``);
- exactly the store's tables and columns, no triggers and no views;
- made at the store's migration (Alembic version);
- every row as the store would have written it (``backup_rows``).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from incidents.errors import IncidentsError
from incidents.store.backup_rows import row_problem

MAGIC = b"SQLite format 3\x00"
DEFAULT_LIMIT_MB = 2000


class BackupRefused(IncidentsError):
    """The file is not a backup of this store; the message says why in one sentence."""


@dataclass(frozen=True)
class Schema:
    """What a store's database holds: its tables with their columns, and the
    migration it was made at."""

    tables: dict[str, tuple[str, ...]]
    version: str | None


def limit_bytes() -> int:
    try:
        megabytes = float(os.environ.get("INCIDENT_MAP_MAX_BACKUP_MB", DEFAULT_LIMIT_MB))
    except ValueError:
        megabytes = DEFAULT_LIMIT_MB
    return int(megabytes * 1024 * 1024)


def _declared_size(header: bytes) -> int:
    """Page size times page count, as the header says (SQLite's file format, §1.3)."""
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    return page_size * int.from_bytes(header[28:32], "big")


def _size(count: int) -> str:
    megabytes = count / 2**20
    return f"{megabytes:,.1f} MB" if megabytes >= 1 else f"{count:,} bytes"


def _sizes(first: int, second: int) -> tuple[str, str]:
    """Two sizes said so that they differ when they do: in bytes where their
    megabytes would round alike ("declares 6 MB but holds 6.5 MB" once said the
    opposite of the check)."""
    said = _size(first), _size(second)
    if said[0] == said[1] and first != second:
        return f"{first:,} bytes", f"{second:,} bytes"
    return said


def check_file(path: Path) -> None:
    """The checks that need only the file itself."""
    name = path.name
    try:
        info = path.lstat()
    except FileNotFoundError:
        raise BackupRefused(f"no backup file {name}") from None
    if stat.S_ISDIR(info.st_mode):
        raise BackupRefused(f"{name} is a folder, not a backup file")
    if not stat.S_ISREG(info.st_mode):
        raise BackupRefused(f"{name} is not a regular file (a link, a device or a pipe)")
    if info.st_size == 0:
        raise BackupRefused(f"{name} is empty")
    limit = limit_bytes()
    if info.st_size > limit:
        raise BackupRefused(
            "{} is {}, over the {} limit for a backup (INCIDENT_MAP_MAX_BACKUP_MB)".format(
                name, *_sizes(info.st_size, limit)
            )
        )
    with path.open("rb") as stream:
        header = stream.read(100)
    if len(header) < 100 or not header.startswith(MAGIC):
        raise BackupRefused(f"{name} is not a SQLite database, so not a store backup")
    declared = _declared_size(header)
    if declared > limit:
        raise BackupRefused(
            "{}'s header declares a {} database, over the {} limit for a backup "
            "(INCIDENT_MAP_MAX_BACKUP_MB)".format(name, *_sizes(declared, limit))
        )
    if declared > info.st_size:
        raise BackupRefused(
            "{}'s header declares a {} database but the file holds only {}: not a "
            "backup this store made".format(name, *_sizes(declared, info.st_size))
        )


def read_schema(connection: sqlite3.Connection) -> tuple[Schema, list[str]]:
    """The schema, and the names of any triggers or views."""
    rows = connection.execute("SELECT type, name FROM sqlite_master").fetchall()
    extras = sorted(f"{kind} {name}" for kind, name in rows if kind in ("trigger", "view"))
    tables = {}
    for kind, name in rows:
        if kind == "table" and not name.startswith("sqlite_"):
            columns = connection.execute(f'PRAGMA table_info("{name.replace(chr(34), "")}")')
            tables[name] = tuple(sorted(row[1] for row in columns))
    version = None
    if "alembic_version" in tables:
        found = connection.execute("SELECT version_num FROM alembic_version").fetchall()
        version = ",".join(sorted(str(row[0]) for row in found)) or None
    return Schema(tables, version), extras


def check_database(copy: Path, name: str, expected: Schema) -> None:
    """The checks that open the (private copy of the) database."""
    try:
        with closing(sqlite3.connect(f"file:{copy}?mode=ro", uri=True)) as connection:
            verdict = connection.execute("PRAGMA quick_check").fetchone()[0]
            if verdict != "ok":
                raise BackupRefused(f"{name} is damaged ({verdict})")
            schema, extras = read_schema(connection)
    except sqlite3.DatabaseError as exc:
        raise BackupRefused(f"{name} cannot be read as a SQLite database ({exc})") from None
    if extras:
        raise BackupRefused(
            f"{name} holds {', '.join(extras)}: a store backup has no triggers "
            "or views, and they would run on every later change"
        )
    if schema.tables != expected.tables:
        missing = sorted(set(expected.tables) - set(schema.tables))
        foreign = sorted(set(schema.tables) - set(expected.tables))
        changed = sorted(
            t
            for t in set(expected.tables) & set(schema.tables)
            if expected.tables[t] != schema.tables[t]
        )
        said = "; ".join(
            part
            for part in (
                f"missing {', '.join(missing)}" if missing else "",
                f"tables the store does not have: {', '.join(foreign)}" if foreign else "",
                f"other columns in {', '.join(changed)}" if changed else "",
            )
            if part
        )
        raise BackupRefused(f"{name} is not a backup of this store ({said})")
    if schema.version != expected.version:
        raise BackupRefused(
            f"{name} was made at migration {schema.version}, this store is at "
            f"{expected.version}: restore it with the version that made it"
        )
    with closing(sqlite3.connect(f"file:{copy}?mode=ro", uri=True)) as connection:
        problem = row_problem(connection)
    if problem is not None:
        raise BackupRefused(f"{name} holds a row the store would never write ({problem})")


def checked_copy(path: Path, folder: Path, expected: Schema) -> Path:
    """A private copy of the backup at ``path`` in ``folder``, checked; the restore
    reads this copy, so the file cannot change between the check and the restore."""
    path = Path(path)
    check_file(path)
    copy = folder / "backup.sqlite"
    with path.open("rb") as source, copy.open("wb") as target:
        shutil.copyfileobj(source, target, length=1 << 20)
        if target.tell() > limit_bytes():  # it grew while being copied
            raise BackupRefused(f"{path.name} grew over the limit while it was read")
    check_database(copy, path.name, expected)
    return copy
