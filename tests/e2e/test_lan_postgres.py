"""A LAN on PostgreSQL, end to end: kiosk, hall display and two counter consoles as four
separate processes on a real server. A ticket issued at the kiosk is called at a counter and
shown on the display, also across a server restart; the call-to-display latency is printed."""

from __future__ import annotations

import contextlib
import json
import os
import queue
import subprocess
import sys
import threading
from datetime import UTC
from typing import Any

from sqlalchemy import select

from shared import staff
from shared.db import Database
from shared.models import Event
from shared.setup import init_database
from tests.conftest import DEMO_SITE


class Driven:
    """One app process run by tests/e2e/drive.py; its JSON events arrive on a queue."""

    def __init__(self, *args: str) -> None:
        self.events: queue.Queue[dict[str, Any]] = queue.Queue()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.e2e.drive", *args], stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.startswith("{"):
                self.events.put(json.loads(line))

    def wait_for(self, name: str, timeout: float = 180) -> dict[str, Any]:
        while True:
            try:
                event = self.events.get(timeout=timeout)
            except queue.Empty:
                raise AssertionError(f"no {name!r} event; stderr: {self.stderr()}") from None
            if event["event"] == "timeout":
                raise AssertionError(f"driver timed out waiting; saw {event}: {self.stderr()}")
            if event["event"] == name:
                return event

    def stderr(self) -> str:
        if self.process.poll() is None:
            return "(still running)"
        return self.process.stderr.read()[-3000:] if self.process.stderr else ""

    def __enter__(self) -> Driven:
        return self

    def __exit__(self, *_: object) -> None:
        if self.process.poll() is None:
            self.process.terminate()
        self.finish()

    def finish(self) -> None:
        try:
            self.process.wait(timeout=30)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            self.reader.join(timeout=10)
            for stream in (self.process.stdout, self.process.stderr):
                if stream is not None:
                    stream.close()


def call_time(db: Database) -> float:
    with db.read() as session:
        rows = session.execute(select(Event.at).where(Event.kind == "call")
                               .order_by(Event.id.desc())).all()
    return rows[0][0].replace(tzinfo=UTC).timestamp()


def test_kiosk_counter_display_on_postgresql(pg_server) -> None:  # type: ignore[no-untyped-def]
    url = pg_server.create_database()
    db = Database(url)
    init_database(db, DEMO_SITE)
    staff.add_staff(db, name="Petugas Uji", pin="1234")
    staff.add_staff(db, name="Petugas Dua", pin="5678")  # one person is at one counter

    with contextlib.ExitStack() as apps:
        display = apps.enter_context(Driven("display", "--db", url, "--expect", "B001"))
        display.wait_for("display_up")
        counter3 = apps.enter_context(Driven("counter", "--db", url, "--counter", "3", "--staff",
                                             "Petugas Uji", "--pin", "1234",
                                             "--call-when-waiting"))
        counter1 = apps.enter_context(Driven("counter", "--db", url, "--counter", "1", "--staff",
                                             "Petugas Dua", "--pin", "5678"))
        counter3.wait_for("ready")
        counter1.wait_for("ready")

        # The server restarts mid-day before anyone takes a ticket: every app reconnects.
        pg_server.restart()

        kiosk = apps.enter_context(Driven("kiosk", "--db", url, "--tap", "DUKCAPIL"))
        tap = kiosk.wait_for("tap")
        assert kiosk.wait_for("ticket")["number"] == "B001"
        assert counter3.wait_for("serving")["number"] == "B001"
        shown = display.wait_for("shown")
        latency_ms = (shown["time"] - call_time(db)) * 1000
        print(f"\nPostgreSQL LAN: call committed at loket 3 -> shown on the display: "
              f"{latency_ms:.0f} ms; kiosk tap -> called -> on the display: "
              f"{(shown['time'] - tap['time']) * 1000:.0f} ms")
        assert latency_ms > 0
        for app in (kiosk, counter3, display):
            app.wait_for("finished")
    db.dispose()
