"""The store's API in the user's words: incidents, add, save, delete, restore,
review, history.  Every change writes a history row in the same transaction, and an
edit names the version it was made against, so two people saving the same incident
get a conflict rather than silently overwriting each other (optimistic locking).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from incidents.store.backup import StoreBackups
from incidents.store.errors import StoreUnavailable
from incidents.store.imports import StoreImports

DEFAULT_PATH = Path(__file__).resolve().parents[2] / ".store" / "incidents.sqlite"


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
        # pool_pre_ping: a connection the server dropped (a restart) is replaced on
        # its next use, instead of failing the request that drew it.
        engine = create_engine(url, pool_pre_ping=True)
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


def reachable(store: Store) -> tuple[str | None, bool]:
    """(why the store does not answer, or None; whether it answered only when
    tried again).  A database that went away is tried again with fresh connections
    before giving up: the first request after a restart draws."""
    try:
        store.stamp()
        return None, False
    except DBAPIError:
        store.engine.dispose()
    try:
        store.stamp()
        return None, True
    except DBAPIError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        return f"the incident store at {_where(store.engine)} is unavailable ({reason})", True


@dataclass
class Store(StoreImports, StoreBackups):
    """The store: its reading (``queries``), changes (``writes``), imports
    (``imports``) and backups (``backup``), over one SQLAlchemy engine."""

    engine: Engine

    def migrate(self) -> None:
        """Bring the tables to the latest migration (Alembic).  A store already at
        it is only read: opening the store never waits for a writer."""
        config = Config()
        config.set_main_option(
            "script_location", str(resources.files("incidents.store") / "migrations")
        )
        head = ScriptDirectory.from_config(config).get_current_head()
        with self.engine.connect() as connection:
            if MigrationContext.configure(connection).get_current_revision() == head:
                return
        with self.writing("bringing the tables up to date") as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
