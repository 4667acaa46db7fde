"""The first store: incidents, their participants and their history.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TEXT = (
    "date_precision",
    "actor",
    "actor2",
    "associated_actors",
    "event_type",
    "location",
    "admin2",
    "admin1",
    "country",
    "geo_precision",
    "description",
    "source",
    "source_url",
    "geocoder",
    "matched_name",
)


def upgrade() -> None:
    op.create_table(
        "incidents",
        sa.Column("incident_id", sa.String(200), primary_key=True),
        sa.Column("date", sa.DateTime, nullable=False),
        *(sa.Column(name, sa.Text, nullable=False, server_default="") for name in TEXT),
        sa.Column("latitude", sa.Float, nullable=True),
        sa.Column("longitude", sa.Float, nullable=True),
        sa.Column("fatalities", sa.Integer, nullable=True),
        sa.Column("injured", sa.Integer, nullable=True),
        sa.Column("status", sa.String(20), nullable=False, server_default="confirmed"),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
        sa.Column("deleted", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("extra", sa.JSON, nullable=False),
    )
    for name, columns in (
        ("date", ["date"]),
        ("actor", ["actor"]),
        ("event_type", ["event_type"]),
        ("country", ["country"]),
        ("admin1", ["admin1"]),
        ("status", ["status", "deleted"]),
        ("position", ["latitude", "longitude"]),
    ):
        op.create_index(f"ix_incidents_{name}", "incidents", columns)
    op.create_table(
        "participants",
        sa.Column(
            "incident_id",
            sa.String(200),
            sa.ForeignKey("incidents.incident_id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("actor", sa.Text, primary_key=True),
        sa.Column("role", sa.String(20), nullable=False),
    )
    op.create_index("ix_participants_actor", "participants", ["actor"])
    op.create_table(
        "history",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("incident_id", sa.String(200), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("editor", sa.Text, nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("changes", sa.JSON, nullable=False),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
    )
    op.create_index("ix_history_incident", "history", ["incident_id", "version"])


def downgrade() -> None:
    op.drop_table("history")
    op.drop_table("participants")
    op.drop_table("incidents")
