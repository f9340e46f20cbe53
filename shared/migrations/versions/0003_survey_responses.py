"""The satisfaction survey (SKM): one answer sheet per served ticket, the site's window, and
an index for a counter's newest events (the survey tablet's poll).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("site") as batch:
        batch.add_column(
            sa.Column(
                "survey_window_minutes", sa.Integer(), nullable=False, server_default="120"
            )
        )
    op.create_table(
        "survey_responses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("counter_id", sa.Integer(), nullable=True),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("called_at", sa.DateTime(), nullable=True),
        sa.Column("finished_at", sa.DateTime(), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        *(sa.Column(f"u{i}", sa.Integer(), nullable=True) for i in range(1, 10)),
        sa.Column("age_group", sa.String(length=20), nullable=True),
        sa.Column("sex", sa.String(length=20), nullable=True),
        sa.Column("education", sa.String(length=20), nullable=True),
        sa.Column("occupation", sa.String(length=20), nullable=True),
        sa.Column("suggestion", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["counter_id"], ["counters.id"], name=op.f("fk_survey_responses_counter_id_counters")
        ),
        sa.ForeignKeyConstraint(
            ["service_id"], ["services.id"], name=op.f("fk_survey_responses_service_id_services")
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_survey_responses_staff_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_survey_responses_ticket_id_tickets")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_responses")),
        sa.UniqueConstraint("ticket_id", name=op.f("uq_survey_responses_ticket_id")),
    )
    op.create_index("ix_survey_responses_day", "survey_responses", ["day"], unique=False)
    op.create_index("ix_events_counter_kind", "events", ["counter_id", "kind", "id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_events_counter_kind", table_name="events")
    op.drop_index("ix_survey_responses_day", table_name="survey_responses")
    op.drop_table("survey_responses")
    with op.batch_alter_table("site") as batch:
        batch.drop_column("survey_window_minutes")
