"""Creates or upgrades the schema with Alembic (the only way the schema changes)."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from shared.db import Database

SCRIPTS = "shared:migrations"  # package data, found by Alembic with importlib.resources


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", SCRIPTS)
    return config


def upgrade(db: Database, revision: str = "head") -> None:
    db.create_file()
    with db.translate_errors(), db.engine.begin() as connection:
        config = _config()
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    db.sync()  # on disk before `antre init` or a restore says it is done


def downgrade(db: Database, revision: str) -> None:
    with db.translate_errors(), db.engine.begin() as connection:
        config = _config()
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
    db.sync()


def current_revision(db: Database) -> str | None:
    if db.path is not None and not db.path.exists():
        return None
    with db.translate_errors(), db.read_engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def known_revisions() -> list[str]:
    """Every schema revision this version of Antre can upgrade from, oldest first."""
    script = ScriptDirectory.from_config(_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def head_revision() -> str | None:
    return ScriptDirectory.from_config(_config()).get_current_head()


def autogenerate(db: Database, message: str) -> None:
    """Developer helper: writes a new revision from the models' difference to `db`."""
    with db.engine.begin() as connection:
        config = _config()
        config.attributes["connection"] = connection
        command.revision(config, message=message, autogenerate=True)
