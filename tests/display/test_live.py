"""The display follows calls made by other processes, rebuilds at start, survives outages."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from shared import calling
from shared.db import Database
from shared.errors import DatabaseError
from shared.tickets import issue_ticket
from tests.conftest import DEMO_SITE, Staffing
from tests.display.conftest import Display


def cli(url: str, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "shared.cli.main", "--db", url, *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout


def tile_texts(display: Display, counter: int) -> tuple[str, str]:
    tile = next(t for t in display.window.tiles if t.tile and t.tile.number == counter)
    return tile.number.text(), tile.state.text()


def test_follows_calls_from_another_process(
    qtbot: QtBot, db: Database, db_url: str, make_display, staffing: Staffing
) -> None:  # type: ignore[no-untyped-def]
    staffing.sign_in(3)
    display = make_display()
    assert display.window.now.number.text() == "—"
    cli(db_url, "issue", "DUKCAPIL")
    cli(db_url, "issue", "DUKCAPIL")
    qtbot.waitUntil(lambda: display.window.chips[1].count.text() == "2", timeout=15_000)
    cli(db_url, "call", "3")
    qtbot.waitUntil(lambda: display.window.now.number.text() == "B001", timeout=15_000)
    assert display.window.now.counter.text() == "LOKET 3"
    assert display.window.now.agency.text() == "Dukcapil"
    assert display.window.now.highlighted
    assert tile_texts(display, 3) == ("B001", "Melayani")
    qtbot.waitUntil(lambda: display.window.chips[1].count.text() == "1", timeout=15_000)
    cli(db_url, "recall", "3")
    qtbot.waitUntil(lambda: len(display.announcer.calls) == 2, timeout=15_000)
    assert display.announcer.calls == [("B001", 3), ("B001", 3)]
    assert display.window.now.title.text() == "PANGGILAN ULANG"


def test_rebuilds_state_at_start_without_speaking(db: Database, make_display, staffing: Staffing) -> None:  # type: ignore[no-untyped-def]
    for counter in (1, 2, 8):
        staffing.sign_in(counter)
    for service in ("DPMPTSP", "DPMPTSP", "DUKCAPIL", "TASPEN"):
        issue_ticket(db, service=service)
    for counter in (1, 2, 3, 12):
        calling.call_next(db, counter=counter)
    calling.pause(db, counter=8)
    display = make_display()
    window = display.window
    assert window.now.number.text() == "K001"
    assert window.now.counter.text() == "LOKET 12"
    assert not window.now.highlighted  # old news: not highlighted, not spoken
    assert display.announcer.calls == []
    assert [r.number.text() for r in window.history if r.isVisible()] == ["B001", "A002", "A001"]
    assert tile_texts(display, 1) == ("A001", "Melayani")
    assert tile_texts(display, 2) == ("A002", "Melayani")
    assert tile_texts(display, 8)[1] == "Istirahat"
    assert tile_texts(display, 3) == ("—", "Tutup")  # serving B001, but nobody signed in
    assert tile_texts(display, 5) == ("—", "Tutup")
    assert window.header.name.text() == "MPP Kabupaten Jombang (Demo)"
    assert window.marquee.text().startswith("Selamat datang")


def test_break_state_follows_pause_and_resume(qtbot: QtBot, db: Database, make_display, staffing: Staffing) -> None:  # type: ignore[no-untyped-def]
    display = make_display()
    assert tile_texts(display, 4) == ("—", "Tutup")
    staffing.sign_in(4)
    qtbot.waitUntil(lambda: tile_texts(display, 4) == ("—", "Siap"), timeout=15_000)
    calling.pause(db, counter=4, now=datetime(2026, 11, 27, 11, 40, tzinfo=UTC))
    qtbot.waitUntil(lambda: tile_texts(display, 4)[1] == "Istirahat", timeout=15_000)
    assert tile_texts(display, 4)[0] == "sejak 18:40"  # the break's start, in Jakarta time
    assert display.window.tiles[3].tile is not None
    assert display.window.tiles[3].tile.state == "paused"
    calling.resume(db, counter=4)
    qtbot.waitUntil(lambda: tile_texts(display, 4)[1] == "Siap", timeout=15_000)
    staffing.leave(4)
    qtbot.waitUntil(lambda: tile_texts(display, 4)[1] == "Tutup", timeout=15_000)


def test_burst_of_calls_reaches_the_announcer_in_order(
    qtbot: QtBot, db: Database, make_display
) -> None:  # type: ignore[no-untyped-def]
    display = make_display()
    codes = ["DPMPTSP", "DUKCAPIL", "BPJSKES", "BPJSTK", "ATRBPN", "KPP"]
    for code in codes:
        for _ in range(10 if code == "DPMPTSP" else 5):  # counters 1 and 2 both serve it
            issue_ticket(db, service=code)
    expected = []
    for _ in range(5):
        for counter in (1, 3, 4, 5, 6, 7, 2):
            result = calling.call_next(db, counter=counter)
            assert result.ticket is not None
            expected.append((result.ticket.number, counter))
    qtbot.waitUntil(lambda: len(display.announcer.calls) >= len(expected), timeout=10000)
    assert display.announcer.calls == expected  # none dropped, none twice, in call order
    last = expected[-1]
    assert display.window.now.number.text() == last[0]
    shown = [r.number.text() for r in display.window.history if r.isVisible()]
    assert shown == [n for n, _ in expected[-2:-8:-1]]


def test_recovers_when_the_database_goes_away_and_returns(
    qtbot: QtBot, tmp_path: Path, make_display
) -> None:  # type: ignore[no-untyped-def]
    from shared.paths import ASSETS_DIR
    from shared.setup import init_database

    folder = tmp_path / "site"
    folder.mkdir()
    url = f"sqlite:///{folder / 'antre.db'}"
    writer = Database(url)
    init_database(writer, ASSETS_DIR / "sites" / "demo.toml")
    issue_ticket(writer, service="DUKCAPIL")
    calling.call_next(writer, counter=3)
    writer.dispose()
    display = make_display(url=url)
    assert display.window.now.number.text() == "B001"
    away = tmp_path / "away"
    folder.rename(away)
    # An open SQLite connection keeps reading the moved file, as a pooled connection would
    # until it breaks; dropping the pool makes the next poll open the (missing) path.
    display.db.reset_connections()
    qtbot.waitUntil(lambda: display.window.offline, timeout=15_000)
    assert display.window.header.status.text().startswith("● Luring")
    assert display.window.now.number.text() == "B001"  # the last state stays on screen
    away.rename(folder)
    qtbot.waitUntil(lambda: not display.window.offline, timeout=15_000)
    assert display.window.header.status.text() == ""
    writer = Database(url)
    issue_ticket(writer, service="DUKCAPIL")
    calling.call_next(writer, counter=3)
    writer.dispose()
    qtbot.waitUntil(lambda: display.window.now.number.text() == "B002", timeout=15_000)
    assert display.announcer.calls == [("B002", 3)]


def test_bad_station_file_exits_with_status_2(tmp_path: Path) -> None:
    station = tmp_path / "station.toml"
    station.write_text("[display]\nscreen = 'two'\n", encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "display", "--station", str(station), "--no-sound"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert done.returncode == 2
    assert "display.screen" in done.stderr


def _remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def test_keeps_announcing_after_the_database_is_created_again(
    qtbot: QtBot, db: Database, db_url: str, make_display
) -> None:  # type: ignore[no-untyped-def]
    """Event ids start again from 1 in a new database: the display must not ignore them."""
    display = make_display()
    for _ in range(3):
        issue_ticket(db, service="DUKCAPIL")
        calling.call_next(db, counter=3)
    qtbot.waitUntil(lambda: len(display.announcer.calls) == 3, timeout=15_000)
    db.dispose()
    assert db.path is not None
    _remove_database(db.path)
    qtbot.waitUntil(lambda: display.window.offline, timeout=15_000)
    cli(db_url, "init", "--site", str(DEMO_SITE))
    # The new database is noticed: the board starts empty, then follows the new calls.
    qtbot.waitUntil(lambda: display.window.now.number.text() == "—", timeout=15_000)
    qtbot.waitUntil(lambda: not display.window.offline, timeout=15_000)
    cli(db_url, "issue", "DUKCAPIL")
    cli(db_url, "call", "3")
    qtbot.waitUntil(lambda: len(display.announcer.calls) == 4, timeout=15_000)
    assert display.announcer.calls[-1] == ("B001", 3)
    assert display.window.now.number.text() == "B001"


def test_an_app_never_creates_a_missing_database(
    qtbot: QtBot, tmp_path: Path, make_display
) -> None:  # type: ignore[no-untyped-def]
    """A display started on a missing file says so and waits; the file appears only by init."""
    path = tmp_path / "antre.db"
    url = f"sqlite:///{path}"
    display = make_display(url=url, wait=False)
    qtbot.waitUntil(lambda: display.window.offline, timeout=15_000)
    assert not path.exists()
    assert display.db.path == path
    with pytest.raises(DatabaseError, match=r"missing.*antre init"):
        issue_ticket(display.db, service="DUKCAPIL")
    assert not path.exists()
    cli(url, "init", "--site", str(DEMO_SITE))
    qtbot.waitUntil(display.loaded, timeout=15_000)
    qtbot.waitUntil(lambda: not display.window.offline, timeout=15_000)
    cli(url, "issue", "DUKCAPIL")
    cli(url, "call", "3")
    qtbot.waitUntil(lambda: display.announcer.calls == [("B001", 3)], timeout=15_000)


def test_keeps_announcing_after_a_restore(
    qtbot: QtBot, db: Database, db_url: str, make_display, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """A restored backup has fewer events than the display has seen: it reloads, then speaks."""
    issue_ticket(db, service="DUKCAPIL")
    saved = tmp_path / "saved.db"
    cli(db_url, "backup", str(saved))
    display = make_display()
    for _ in range(4):
        issue_ticket(db, service="DUKCAPIL")
    for _ in range(5):
        calling.call_next(db, counter=3)
    qtbot.waitUntil(lambda: len(display.announcer.calls) == 5, timeout=15_000)
    assert display.window.now.number.text() == "B005"
    cli(db_url, "restore", str(saved))
    qtbot.waitUntil(lambda: display.window.now.number.text() == "—", timeout=15_000)
    cli(db_url, "call", "3")
    qtbot.waitUntil(lambda: len(display.announcer.calls) == 6, timeout=15_000)
    assert display.announcer.calls[-1] == ("B001", 3)
    assert display.window.now.number.text() == "B001"
