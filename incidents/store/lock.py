"""One writer at a time: every change to the store holds the store's write lock for
its whole transaction.

Without it two writers on SQLite ended in tracebacks ("database is locked" after
SQLite's own 10 s wait; the same file imported twice at once, an ``IntegrityError``),
and an import beside a bulk review could give two history rows one version number,
because the import read the versions before its transaction.  Now a second writer
waits for the first, says once that it is waiting and for whom, and gives up with
one sentence after ``INCIDENT_MAP_WRITE_WAIT`` seconds (default 300).

- SQLite: an exclusive ``flock`` on a file beside the database (``<store>-writer``),
  holding the holder's description.  The kernel releases it when the holder dies,
  kill -9 included, so a crash never leaves the store locked.
- PostgreSQL: a transaction-level advisory lock (``pg_advisory_xact_lock``), which
  every app process on the server shares and which ends with the transaction.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError, OperationalError

from incidents.store.errors import StoreBusy, StoreError, StoreWriteFailed, failure_reason

DEFAULT_WAIT_S = 300.0
ADVISORY_KEY = 0x1C1D_3A7  # one number for "the incident store", the same in every process
_POLL_S = 0.05
_memory_lock = threading.Lock()  # an in-memory SQLite store has no file to lock

Notice = Callable[[str], None]


def wait_limit() -> float:
    """``INCIDENT_MAP_WRITE_WAIT``: how long a writer waits for another, in seconds."""
    try:
        return max(0.0, float(os.environ.get("INCIDENT_MAP_WRITE_WAIT", DEFAULT_WAIT_S)))
    except ValueError:
        return DEFAULT_WAIT_S


def lock_path(engine: Engine) -> Path | None:
    """The SQLite store's lock file, or None (in memory, or not SQLite)."""
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database).with_name(Path(database).name + "-writer")


def _busy(what: str, holder: str, waited: float) -> StoreBusy:
    return StoreBusy(
        f"{what} waited {waited:.0f} s for {holder} to finish and gave up; nothing was "
        "written: try again when it is done (INCIDENT_MAP_WRITE_WAIT sets the wait)"
    )


@contextmanager
def file_lock(path: Path, what: str, notice: Notice, wait: float) -> Iterator[None]:
    """Hold the exclusive lock on ``path`` (waiting up to ``wait`` seconds)."""
    try:
        handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise StoreError(f"cannot lock the store for writing ({exc.strerror})") from None
    try:
        started, told = time.monotonic(), False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = os.pread(handle, 400, 0).decode("utf-8", "replace").strip()
                holder = holder or "another change"
                waited = time.monotonic() - started
                if waited >= wait:
                    raise _busy(what, holder, waited) from None
                if not told:
                    notice(f"waiting for {holder} to finish before {what} (up to {wait:.0f} s)")
                    told = True
                time.sleep(_POLL_S)
        os.ftruncate(handle, 0)
        os.pwrite(handle, f"{what} (process {os.getpid()})".encode(), 0)
        yield
    finally:
        os.close(handle)  # closing releases the lock


def advisory_lock(connection: Connection, what: str, notice: Notice, wait: float) -> None:
    """Take PostgreSQL's advisory lock inside ``connection``'s transaction."""
    try_lock = text("SELECT pg_try_advisory_xact_lock(:k)")
    if connection.execute(try_lock, {"k": ADVISORY_KEY}).scalar():
        _name_holder(connection, what)
        return
    holder = _holder(connection)
    notice(f"waiting for {holder} to finish before {what} (up to {wait:.0f} s)")
    started = time.monotonic()
    connection.execute(text(f"SET LOCAL lock_timeout = {int(wait * 1000)}"))
    try:
        connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": ADVISORY_KEY})
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", "") == "55P03":  # lock_not_available
            raise _busy(what, holder, time.monotonic() - started) from None
        raise
    connection.execute(text("SET LOCAL lock_timeout = 0"))
    _name_holder(connection, what)


def _name_holder(connection: Connection, what: str) -> None:
    """Say what this transaction is doing where a waiting writer can read it."""
    said = f"incident-map: {what} (process {os.getpid()})"[:60]
    connection.execute(text("SELECT set_config('application_name', :v, true)"), {"v": said})


def _holder(connection: Connection) -> str:
    """What the transaction holding the lock said it is doing."""
    found = connection.execute(
        text(
            "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a "
            "ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted "
            "AND l.objid = :k LIMIT 1"
        ),
        {"k": ADVISORY_KEY},
    ).scalar()
    prefix = "incident-map: "
    if found and str(found).startswith(prefix):
        return str(found)[len(prefix) :]
    return "another change to the store"


@contextmanager
def exclusive(engine: Engine, what: str, notice: Notice) -> Iterator[None]:
    """The process-level half of the lock: the file on SQLite (nothing to do on
    PostgreSQL, whose lock lives in the transaction)."""
    path = lock_path(engine)
    if path is not None:
        with file_lock(path, what, notice, wait_limit()):
            yield
    elif engine.dialect.name == "sqlite":
        if not _memory_lock.acquire(timeout=wait_limit()):
            raise _busy(what, "another change", wait_limit())
        try:
            yield
        finally:
            _memory_lock.release()
    else:
        yield


@contextmanager
def writing(engine: Engine, what: str, notice: Notice) -> Iterator[Connection]:
    """A transaction holding the store's write lock from before its first read to its
    commit: what a writer reads in it (current versions, stored ids) no other writer
    can change until it is done."""
    with exclusive(engine, what, notice):
        try:
            with engine.begin() as connection:
                if engine.dialect.name == "postgresql":
                    advisory_lock(connection, what, notice, wait_limit())
                yield connection
        except (OperationalError, OSError) as exc:
            raise StoreWriteFailed(
                f"{what} could not be written ({failure_reason(exc)}); nothing of it was kept"
            ) from None
