"""Test-wide setup: offscreen Qt, quiet python-escpos, private data folders, databases."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# QtMultimedia's FFmpeg backend probes optional libraries (VA-API, PipeWire) and warns when a
# machine lacks them: silenced by category, not by text (STYLE.md 9).
os.environ["QT_LOGGING_RULES"] = ";".join(
    filter(None, [os.environ.get("QT_LOGGING_RULES"), "qt.multimedia.symbolsresolver=false"])
)
os.environ.setdefault("ESCPOS_CAPABILITIES_PICKLE_DIR", tempfile.mkdtemp(prefix="antre-escpos-"))
# Never touch the real user's data or logs folders.
os.environ["ANTRE_HOME"] = tempfile.mkdtemp(prefix="antre-home-")
os.environ.pop("ANTRE_DB", None)
os.environ.pop("ANTRE_NOW", None)

from shared.db import Database
from shared.paths import ASSETS_DIR
from shared.setup import init_database

DEMO_SITE = ASSETS_DIR / "sites" / "demo.toml"
JOMBANG_SITE = ASSETS_DIR / "sites" / "jombang.toml"


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """A fresh SQLite file URL (not yet initialised)."""
    return f"sqlite:///{tmp_path / 'antre.db'}"


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    """A real SQLite file with the demo site (every agency open round the clock)."""
    database = Database(db_url)
    init_database(database, DEMO_SITE)
    yield database
    database.dispose()


@pytest.fixture
def jombang_db(db_url: str) -> Iterator[Database]:
    """A real SQLite file with the production Jombang site (real hours, breaks, quotas)."""
    database = Database(db_url)
    init_database(database, JOMBANG_SITE)
    yield database
    database.dispose()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[object]:
    """A private PostgreSQL server for the whole run (started on first use)."""
    from tests.pgserver import PostgresServer

    server = PostgresServer().start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgres"])
def any_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """The demo site on SQLite and on a real PostgreSQL server: the core runs on both."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'antre.db'}"
    else:
        url = request.getfixturevalue("pg_server").create_database()
    database = Database(url)
    init_database(database, DEMO_SITE)
    yield database
    database.dispose()


@pytest.fixture
def quiet_main(monkeypatch: pytest.MonkeyPatch) -> None:
    """An app's main() in-process: keep pytest's logging, excepthook and Qt message handler."""
    from shared.qt import app as app_start

    monkeypatch.setattr(app_start, "setup_logging", lambda *a, **k: None)
    monkeypatch.setattr(app_start, "install_excepthook", lambda *a, **k: None)
    monkeypatch.setattr(app_start, "quit_on_signals", lambda *a, **k: None)  # keep pytest's Ctrl+C
    monkeypatch.setattr(app_start, "route_qt_messages", lambda: None)
