"""Online booking: the bookings table, booking settings of the site and each agency, and
the mark of a ticket issued by a booking's check-in.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

ACTIVE = "status IN ('booked', 'checked_in')"


def upgrade() -> None:
    # Plain ADD COLUMN (the defaults stay): rebuilding tickets or services on SQLite would
    # trip the foreign keys that point at them.
    op.add_column("site", sa.Column("booking", sa.JSON(), nullable=False, server_default="{}"))
    op.add_column("services", sa.Column("booking", sa.JSON(), nullable=False,
                                        server_default="{}"))
    op.add_column("tickets", sa.Column("online", sa.Boolean(), nullable=False,
                                       server_default=sa.false()))
    op.create_table(
        "bookings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("slot_start", sa.Integer(), nullable=False),
        sa.Column("slot_minutes", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=True),
        sa.Column("phone", sa.String(length=16), nullable=True),
        sa.Column("code", sa.String(length=12), nullable=False),
        sa.Column("link_token", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=True),
        sa.Column("forgotten_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["service_id"], ["services.id"],
                                name=op.f("fk_bookings_service_id_services")),
        sa.ForeignKeyConstraint(["ticket_id"], ["tickets.id"],
                                name=op.f("fk_bookings_ticket_id_tickets")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bookings")),
        sa.UniqueConstraint("code", name=op.f("uq_bookings_code")),
        sa.UniqueConstraint("link_token", name=op.f("uq_bookings_link_token")),
    )
    op.create_index("ix_bookings_slot", "bookings", ["service_id", "day", "slot_start"])
    op.create_index("ix_bookings_active_phone", "bookings", ["service_id", "day", "phone"],
                    unique=True, sqlite_where=sa.text(ACTIVE), postgresql_where=sa.text(ACTIVE))


def downgrade() -> None:
    op.drop_index("ix_bookings_active_phone", table_name="bookings")
    op.drop_index("ix_bookings_slot", table_name="bookings")
    op.drop_table("bookings")
    op.drop_column("tickets", "online")
    op.drop_column("services", "booking")
    op.drop_column("site", "booking")
