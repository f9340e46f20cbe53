"""Test-wide setup: offscreen Qt, quiet python-escpos, private data folders, databases."""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from shared.qt.qtlog import TEST_RULES

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Qt's optional backends (VA-API, sound servers, FFmpeg notes) by logging category: their
# warnings depend on the machine; any other Qt warning fails the test (qt_log_level_fail).
os.environ["QT_LOGGING_RULES"] = ";".join(
    [*TEST_RULES, *filter(None, [os.environ.get("QT_LOGGING_RULES")])])
os.environ.setdefault("ESCPOS_CAPABILITIES_PICKLE_DIR", tempfile.mkdtemp(prefix="antre-escpos-"))
# Never touch the real user's data or logs folders (and remove these two at the end).
os.environ["ANTRE_HOME"] = tempfile.mkdtemp(prefix="antre-home-")
os.environ.pop("ANTRE_DB", None)
os.environ.pop("ANTRE_NOW", None)

from shared.db import Database
from shared.paths import ASSETS_DIR
from tests.dbcopy import Templates

for _folder in (os.environ["ANTRE_HOME"], os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"]):
    if Path(_folder).name.startswith(("antre-home-", "antre-escpos-")):
        atexit.register(shutil.rmtree, _folder, True)

DEMO_SITE = ASSETS_DIR / "sites" / "demo.toml"
JOMBANG_SITE = ASSETS_DIR / "sites" / "jombang.toml"


def _dispose(database: Database) -> None:
    """Closes the test's database once the apps' background tasks have ended: a task still
    running at dispose() would hand its connection back to the old pool, where nobody closes
    it ("unclosed database" ResourceWarning on Python 3.13)."""
    if "PySide6.QtCore" in sys.modules:
        from PySide6.QtCore import QThreadPool

        QThreadPool.globalInstance().waitForDone(30_000)
    database.dispose()


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """A fresh SQLite file URL (not yet initialised)."""
    return f"sqlite:///{tmp_path / 'antre.db'}"


@pytest.fixture(scope="session")
def db_templates(tmp_path_factory: pytest.TempPathFactory) -> Templates:
    """Each site's database initialised once a run, copied for each test (tests/dbcopy.py)."""
    return Templates(tmp_path_factory.mktemp("db-templates"))


def _sqlite_path(db_url: str) -> Path:
    return Path(db_url.removeprefix("sqlite:///"))


@pytest.fixture
def db(db_url: str, db_templates: Templates) -> Iterator[Database]:
    """A real SQLite file with the demo site (every agency open round the clock)."""
    database = db_templates.sqlite(_sqlite_path(db_url), DEMO_SITE)
    yield database
    _dispose(database)


@pytest.fixture
def jombang_db(db_url: str, db_templates: Templates) -> Iterator[Database]:
    """A real SQLite file with the production Jombang site (real hours, breaks, quotas)."""
    database = db_templates.sqlite(_sqlite_path(db_url), JOMBANG_SITE)
    yield database
    _dispose(database)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[object]:
    """A private PostgreSQL server for the whole run (started on first use)."""
    from tests.pgserver import PostgresServer

    server = PostgresServer().start()
    yield server
    server.stop()


def _on_either(request: pytest.FixtureRequest, tmp_path: Path, site_file: Path) -> Database:
    templates: Templates = request.getfixturevalue("db_templates")
    if request.param == "sqlite":
        return templates.sqlite(tmp_path / "antre.db", site_file)
    return templates.postgres(request.getfixturevalue("pg_server"), site_file)


@pytest.fixture(params=["sqlite", "postgres"])
def any_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """The demo site on SQLite and on a real PostgreSQL server: the core runs on both."""
    database = _on_either(request, tmp_path, DEMO_SITE)
    yield database
    _dispose(database)


@pytest.fixture(params=["sqlite", "postgres"])
def any_jombang_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """The Jombang site file (hours, breaks, quotas, booking shares) on both databases."""
    database = _on_either(request, tmp_path, JOMBANG_SITE)
    yield database
    _dispose(database)


@pytest.fixture
def quiet_main(monkeypatch: pytest.MonkeyPatch) -> None:
    """An app's main() in-process: keep pytest's logging, excepthook and Qt message handler."""
    from shared.qt import app as app_start

    monkeypatch.setattr(app_start, "setup_logging", lambda *a, **k: None)
    monkeypatch.setattr(app_start, "install_excepthook", lambda *a, **k: None)
    monkeypatch.setattr(app_start, "quit_on_signals", lambda *a, **k: None)  # keep pytest's Ctrl+C
    monkeypatch.setattr(app_start, "route_qt_messages", lambda: None)


class Staffing:
    """Signs staff in at counters and keeps their presence beating from a thread, as a
    console would, until the test ends (or `leave`)."""

    def __init__(self, db: Database) -> None:
        import threading

        self._db = db
        self._stop = threading.Event()
        self._consoles: dict[int, str] = {}
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="test-heartbeats", daemon=True)
        self._thread.start()

    def sign_in(self, counter: int, name: str | None = None) -> None:
        from shared import presence, staff

        who = staff.add_staff(self._db, name=name or f"Petugas {counter}", pin="1234")
        console = f"test-{counter}"
        presence.sign_in(self._db, counter=counter, staff_id=who.id, console=console)
        with self._lock:
            self._consoles[counter] = console

    def leave(self, counter: int) -> None:
        from shared import presence

        with self._lock:
            console = self._consoles.pop(counter)
        presence.sign_out(self._db, counter=counter, console=console)

    def _run(self) -> None:
        import contextlib

        from shared import presence
        from shared.errors import AntreError

        while not self._stop.wait(0.5):
            with self._lock:
                consoles = dict(self._consoles)
            for counter, console in consoles.items():
                # A test that takes the database away: the beats resume on its return.
                with contextlib.suppress(AntreError):
                    presence.heartbeat(self._db, counter=counter, console=console)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)


@pytest.fixture
def staffing(db: Database) -> Iterator[Staffing]:
    """Staff signed in at counters with live heartbeats (see Staffing)."""
    crew = Staffing(db)
    yield crew
    crew.stop()
