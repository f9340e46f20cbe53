"""An index for the wait estimate: an agency's latest finished tickets, newest first.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

DONE = sa.text("status = 'done'")


def upgrade() -> None:
    op.create_index(
        "ix_tickets_done_recent",
        "tickets",
        ["service_id", "finished_at"],
        unique=False,
        sqlite_where=DONE,
        postgresql_where=DONE,
    )


def downgrade() -> None:
    op.drop_index("ix_tickets_done_recent", table_name="tickets")
