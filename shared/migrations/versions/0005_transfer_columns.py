"""Transfers keep their source and target agencies as columns (not "SRC->DST" text), and the
site has an English ticket footer.

Old transfer events are moved: "DPMPTSP->DUKCAPIL" in `detail` becomes source/target service
ids and `detail` is emptied (it now holds the staff's note). A code no longer in the services
table leaves that column empty and the text in place, so nothing is lost.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("site", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("ticket_footer_en", sa.String(length=500), nullable=False, server_default="")
        )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source_service_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("target_service_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_events_source_service_id_services"), "services",
            ["source_service_id"], ["id"],
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_events_target_service_id_services"), "services",
            ["target_service_id"], ["id"],
        )
    _move_transfer_text()


def _move_transfer_text() -> None:
    bind = op.get_bind()
    ids: dict[str, int] = dict(bind.execute(sa.text("SELECT code, id FROM services")).all())
    rows = bind.execute(
        sa.text("SELECT id, detail FROM events WHERE kind = 'transfer' AND detail LIKE '%->%'")
    ).all()
    moved = []
    for event_id, detail in rows:
        source, _, target = detail.partition("->")
        source_id, target_id = ids.get(source.strip()), ids.get(target.strip())
        if source_id is None or target_id is None:
            continue
        moved.append({"id": event_id, "source": source_id, "target": target_id})
    if moved:
        bind.execute(
            sa.text(
                "UPDATE events SET source_service_id = :source, target_service_id = :target, "
                "detail = '' WHERE id = :id"
            ),
            moved,
        )


def downgrade() -> None:
    op.execute(
        "UPDATE events SET detail = "
        "(SELECT code FROM services WHERE services.id = events.source_service_id) || '->' || "
        "(SELECT code FROM services WHERE services.id = events.target_service_id) "
        "WHERE kind = 'transfer' AND source_service_id IS NOT NULL "
        "AND target_service_id IS NOT NULL"
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_events_target_service_id_services"), type_="foreignkey"
        )
        batch_op.drop_constraint(
            batch_op.f("fk_events_source_service_id_services"), type_="foreignkey"
        )
        batch_op.drop_column("target_service_id")
        batch_op.drop_column("source_service_id")
    with op.batch_alter_table("site", schema=None) as batch_op:
        batch_op.drop_column("ticket_footer_en")
