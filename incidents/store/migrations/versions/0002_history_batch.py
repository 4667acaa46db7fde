"""History rows name the import they came from, so an import can be undone whole.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("history") as table:  # SQLite alters by copying
        table.add_column(sa.Column("batch", sa.String(60), nullable=False, server_default=""))
    op.create_index("ix_history_batch", "history", ["batch"])


def downgrade() -> None:
    op.drop_index("ix_history_batch", "history")
    with op.batch_alter_table("history") as table:
        table.drop_column("batch")
