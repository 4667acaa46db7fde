"""Values as the database and its history rows take them."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

import pandas as pd

ID_CHUNK = 900  # ids per IN (...): under SQLite's and PostgreSQL's parameter limits


def new_batch_id() -> str:
    """An import's id: when it ran, and a few random letters (two in one second)."""
    return f"import-{now():%Y%m%dT%H%M%S}-{secrets.token_hex(3)}"


def now() -> datetime:
    """The current time in UTC, as the store writes it."""
    return datetime.now(UTC)


def plain_cell(value: object) -> object:
    """A cell as the database and JSON take it: None for missing, Python scalars."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value.item() if hasattr(value, "item") else value


def json_cell(value: object) -> object:
    """A cell as JSON takes it: dates as ISO text."""
    value = plain_cell(value)
    return value.isoformat() if isinstance(value, datetime) else value
