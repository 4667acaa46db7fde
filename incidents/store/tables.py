"""The store's tables (SQLAlchemy Core).

``incidents`` holds the current version of each incident in the project schema, with
its review status, version number and whether it is deleted (hidden, restorable).
``participants`` lists every actor of an incident with its role, so the actor filter
("takes part on any side") is an indexed look-up.  ``history`` is append-only: one row
per change, with who, when, what changed from what to what, a note, and for an
import's rows the import's id (``batch``), so the import can be undone whole.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

from incidents.schema import COLUMNS, COUNT_COLUMNS

metadata = MetaData()

STATUSES = ("confirmed", "candidate", "rejected")
_FLOATS = {"latitude", "longitude"}


def _column(name: str) -> Column:
    if name == "incident_id":
        return Column(name, String(200), primary_key=True)
    if name == "date":
        return Column(name, DateTime, nullable=False)
    if name in _FLOATS:
        return Column(name, Float, nullable=True)
    if name in COUNT_COLUMNS:
        return Column(name, Integer, nullable=True)
    return Column(name, Text, nullable=False, default="")


incidents = Table(
    "incidents",
    metadata,
    *(_column(name) for name in COLUMNS),
    Column("status", String(20), nullable=False, default="confirmed"),
    Column("version", Integer, nullable=False, default=1),
    Column("deleted", Boolean, nullable=False, default=False),
    Column("extra", JSON, nullable=False, default=dict),  # an import's original codes
    Index("ix_incidents_date", "date"),
    Index("ix_incidents_actor", "actor"),
    Index("ix_incidents_event_type", "event_type"),
    Index("ix_incidents_country", "country"),
    Index("ix_incidents_admin1", "admin1"),
    Index("ix_incidents_status", "status", "deleted"),
    Index("ix_incidents_position", "latitude", "longitude"),
)

participants = Table(
    "participants",
    metadata,
    Column(
        "incident_id",
        String(200),
        ForeignKey("incidents.incident_id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("actor", Text, primary_key=True),
    Column("role", String(20), nullable=False),
    Index("ix_participants_actor", "actor"),
)

history = Table(
    "history",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("incident_id", String(200), nullable=False),
    Column("version", Integer, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("editor", Text, nullable=False),
    Column("action", String(20), nullable=False),
    Column("changes", JSON, nullable=False),  # {field: [before, after]}
    Column("note", Text, nullable=False, default=""),
    Column("batch", String(60), nullable=False, default=""),  # the import that wrote it
    Index("ix_history_incident", "incident_id", "version"),
    Index("ix_history_batch", "batch"),
)
