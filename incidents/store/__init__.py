"""The incident store: where incidents are kept, edited with history and reviewed.

One package owns the database (SQLite built in, PostgreSQL for a team, the same code):
its tables (``tables``), its migrations (``migrations/``, Alembic) and a small API in
the user's words (``api``).  Nothing outside this package writes SQL.
"""

from incidents.store.api import (
    ConflictError,
    Store,
    StoreError,
    StoreUnavailable,
    open_seeded_store,
    open_store,
)

__all__ = [
    "ConflictError",
    "Store",
    "StoreError",
    "StoreUnavailable",
    "open_seeded_store",
    "open_store",
]
