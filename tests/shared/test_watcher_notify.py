"""On PostgreSQL the desktop apps' change watcher is woken by the commit's NOTIFY: a call made
by another process reaches it long before its (here, very slow) poll would have looked."""

from __future__ import annotations

import subprocess
import sys

from pytestqt.qtbot import QtBot

from shared.db import Database
from shared.qt.watcher import ChangeWatcher
from shared.setup import init_database
from tests.conftest import DEMO_SITE

CALLER = """
import sys
from shared import calling, tickets
from shared.db import Database
db = Database(sys.argv[1])
tickets.issue_ticket(db, service="DPMPTSP")
calling.call_next(db, counter=1)
db.dispose()
"""


def test_a_commit_in_another_process_wakes_the_watcher_at_once(
        qtbot: QtBot, pg_server: object) -> None:
    url = pg_server.create_database()  # type: ignore[attr-defined]
    db = Database(url)
    init_database(db, DEMO_SITE)
    watcher = ChangeWatcher(db, interval_ms=60_000)  # the poll alone would wait a minute
    try:
        with qtbot.waitSignal(watcher.changed, timeout=20_000):
            watcher.start()  # the first poll reports the current state
        seen = watcher.last_id
        with qtbot.waitSignal(watcher.changed, timeout=20_000) as called:
            subprocess.run([sys.executable, "-c", CALLER, url], check=True, timeout=120)
        assert called.args is not None and called.args[0] > seen
    finally:
        watcher.stop()
        db.dispose()

