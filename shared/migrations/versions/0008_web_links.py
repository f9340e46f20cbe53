"""The web service: the site's public base URL and the secret that signs ticket links;
on PostgreSQL, a NOTIFY on every new event so listeners learn of changes without polling.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

CHANNEL = "antre_events"


def upgrade() -> None:
    with op.batch_alter_table("site") as batch:
        batch.add_column(sa.Column("web_base_url", sa.String(length=300), nullable=False,
                                   server_default=""))
        batch.add_column(sa.Column("link_secret", sa.String(length=64), nullable=False,
                                   server_default=""))
    with op.batch_alter_table("site") as batch:
        batch.alter_column("web_base_url", server_default=None)
        batch.alter_column("link_secret", server_default=None)
    # A site loaded before this revision gets its secret now: its tickets get links too.
    op.execute(sa.text("UPDATE site SET link_secret = :secret WHERE link_secret = ''")
               .bindparams(secret=secrets.token_hex(32)))
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"""
            CREATE FUNCTION antre_notify_event() RETURNS trigger AS $$
            BEGIN
                PERFORM pg_notify('{CHANNEL}', NEW.id::text);
                RETURN NULL;
            END;
            $$ LANGUAGE plpgsql""")
        op.execute("""
            CREATE TRIGGER antre_event_notify AFTER INSERT ON events
            FOR EACH ROW EXECUTE FUNCTION antre_notify_event()""")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS antre_event_notify ON events")
        op.execute("DROP FUNCTION IF EXISTS antre_notify_event()")
    with op.batch_alter_table("site") as batch:
        batch.drop_column("link_secret")
        batch.drop_column("web_base_url")
