"""The incident store: where incidents are kept, edited with history and reviewed.

One package owns the database (SQLite built in, PostgreSQL for a team, the same code):
its tables (``tables``), its migrations (``migrations/``, Alembic) and a small API in
the user's words (``api.Store``), made of its reading (``queries``), its changes
(``writes``), imports (``imports``) and backups (``backup``; ``backups`` checks a
backup before a restore).  Nothing outside this package writes SQL.
"""

from incidents.store.api import Store, open_seeded_store, open_store
from incidents.store.errors import ConflictError, StoreError, StoreUnavailable

__all__ = [
    "ConflictError",
    "Store",
    "StoreError",
    "StoreUnavailable",
    "open_seeded_store",
    "open_store",
]
