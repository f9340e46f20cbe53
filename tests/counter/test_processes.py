"""Several processes: two consoles calling at once never share a ticket; the list follows
a ticket issued by another process."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from counter.window import CounterWindow
from shared import staff
from shared.db import Database
from shared.models import Event
from shared.tickets import issue_ticket

DRIVER = Path(__file__).with_name("drive_console.py")
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_two_consoles_calling_concurrently_never_share_a_ticket(
    db: Database, tmp_path: Path
) -> None:
    first = staff.add_staff(db, name="Andi", pin="1111")
    second = staff.add_staff(db, name="Budi", pin="2222")
    for _ in range(40):
        issue_ticket(db, service="DPMPTSP")  # counters 1 and 2 both serve DPMPTSP
    go = tmp_path / "go"
    drivers = [
        subprocess.Popen(
            [sys.executable, str(DRIVER), db.url, str(counter), name, pin, "20", str(go)],
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for counter, name, pin in ((1, "Andi", "1111"), (2, "Budi", "2222"))
    ]
    for driver in drivers:
        assert driver.stdout is not None
        assert driver.stdout.readline().strip() == "ready"
    go.touch()  # both start pressing F1 at the same instant
    shown = []
    for driver in drivers:
        out, _ = driver.communicate(timeout=60)
        assert driver.returncode == 0
        shown.append(json.loads(out.strip().splitlines()[-1])["shown"])
    assert len(shown[0]) == len(shown[1]) == 20
    assert not set(shown[0]) & set(shown[1])
    with db.read() as session:
        calls = session.execute(
            select(Event.ticket_id, Event.staff_id).where(Event.kind == "call")
        ).all()
        distinct = session.scalar(
            select(func.count(func.distinct(Event.ticket_id))).where(Event.kind == "call")
        )
    assert len(calls) == distinct == 40
    assert {s for _, s in calls} == {first.id, second.id}


def test_list_follows_a_ticket_issued_by_another_process(
    qtbot: QtBot, make_window: object, clerk: object, db: Database
) -> None:
    from tests.counter.conftest import sign_in

    window: CounterWindow = make_window(1, watch_interval_ms=100)  # type: ignore[operator]
    sign_in(qtbot, window)
    selected_before = issue_ticket(db, service="DPMPTSP").ticket.number
    qtbot.waitUntil(lambda: window.work.model.rowCount() == 1)
    window.work.table.selectRow(0)
    subprocess.run(
        [sys.executable, "-m", "shared.cli.main", "--db", db.url, "issue", "DPMPTSP"],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    issued = time.perf_counter()
    qtbot.waitUntil(lambda: window.work.model.rowCount() == 2, timeout=2000)
    assert time.perf_counter() - issued < 0.5
    assert window.work.model.numbers() == ["A001", "A002"]
    assert window.work.selected_number() == selected_before
    assert window.work.waiting_title.text() == "Antrean menunggu: 2"
