"""Counter presence: which console (and which staff member) is signed in where, with a
heartbeat; and when a counter's break began.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "counter_presence",
        sa.Column("counter_id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("console", sa.String(length=40), nullable=False),
        sa.Column("since", sa.DateTime(), nullable=False),
        sa.Column("beat", sa.Integer(), nullable=False),
        sa.Column("heartbeat_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["counter_id"], ["counters.id"], name=op.f("fk_counter_presence_counter_id_counters")
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_counter_presence_staff_id_staff")
        ),
        sa.PrimaryKeyConstraint("counter_id", name=op.f("pk_counter_presence")),
        sa.UniqueConstraint("staff_id", name=op.f("uq_counter_presence_staff_id")),
    )
    op.add_column("counters", sa.Column("paused_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    # SQLite 3.35+ drops a column in place; a batch copy of `counters` would break the
    # foreign keys that tickets and events hold on it.
    op.execute("ALTER TABLE counters DROP COLUMN paused_at")
    op.drop_table("counter_presence")
