"""Layouts at 1920x1080, 3840x2160 and 1080x1920: nothing clipped, numbers large, grids adapt."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QRectF
from pytestqt.qtbot import QtBot

from display.fit import FitText
from display.i18n import Words
from display.layout import compute_layout
from display.live import Update
from display.window import DisplayWindow
from shared import calling, presence
from shared.db import Database
from shared.feed import CallEvent, recent_calls
from shared.presence import Presence
from shared.staff import add_staff
from shared.status import AgencyStatus, CounterStatus, Snapshot, snapshot
from shared.tickets import issue_ticket
from tests.display.conftest import RecordingAnnouncer

LONG = "BPJS Ketenagakerjaan Cabang Jombang"


def snap(counters: int, agencies: int = 11, serving: dict[int, str] | None = None) -> Snapshot:
    agency_list = [
        AgencyStatus(f"AG{i}", LONG if i == 3 else f"Instansi {i}", chr(65 + i % 26), "#1565C0",
                     i * 7, 0, 0, i != 5, "open", None)
        for i in range(agencies)
    ]  # fmt: skip
    serving = serving or {}
    counter_list = [
        CounterStatus(n, f"Loket {n}", [f"AG{n % agencies}"], serving.get(n) or (f"{chr(65 + n % 26)}{n:03d}" if n % 3 else None),
                      f"AG{n % agencies}" if n % 3 else None, state, state, f"Petugas {n}", here(n))
        for n in range(1, counters + 1)
        for state in ["paused" if n == 4 else ("serving" if n % 3 else "idle")]
    ]  # fmt: skip
    return Snapshot(
        date(2026, 11, 27), "MPP Kabupaten Jombang", "Selamat datang", agency_list, counter_list
    )


def here(counter: int) -> Presence:
    """Someone signed in at `counter`, beating now."""
    now = datetime.now(UTC)
    return Presence(counter, counter, f"Petugas {counter}", f"c{counter}", now, 1, now)


def event(i: int, number: str, counter: int, kind: str = "call") -> CallEvent:
    return CallEvent(i, kind, number, counter, "AG3", LONG, datetime.now(UTC))


def make_window(qtbot: QtBot, size: tuple[int, int], counters: int = 12) -> DisplayWindow:
    window = DisplayWindow(announcer=RecordingAnnouncer())
    qtbot.addWidget(window)
    window.resize(*size)
    window.apply_update(Update([], snap(counters), initial=True))
    calls = [event(i, f"B{800 + i}", 1 + i % counters) for i in range(1, 9)]
    # The called tickets are the ones the counters serve (the snapshot is read after them).
    window.apply_update(Update(calls, snap(counters, serving={c.counter: c.number for c in calls})))
    window.show()
    qtbot.waitExposed(window)
    return window


def check_no_clipping(window: DisplayWindow) -> int:
    """Every visible text lies inside its own rectangle and inside the window."""
    checked = 0
    for text in window.findChildren(FitText):
        if not text.isVisible() or not text.text():
            continue
        box = QRectF(text.contentsRect()).adjusted(-0.5, -0.5, 0.5, 0.5)
        painted = text.text_rect()
        assert box.contains(painted), (text.text(), painted, box)
        top_left = text.mapTo(window, text.rect().topLeft())
        assert window.rect().contains(top_left)
        assert window.rect().contains(text.mapTo(window, text.rect().bottomRight()))
        checked += 1
    return checked


@pytest.mark.parametrize("size", [(1920, 1080), (3840, 2160), (1080, 1920)])
def test_no_text_clipped_and_numbers_large(
    qtbot: QtBot, fonts: None, size: tuple[int, int]
) -> None:
    window = make_window(qtbot, size)
    assert check_no_clipping(window) > 60
    ink = window.now.number.text_rect()
    assert ink.height() >= 0.08 * size[1], ink  # the digits themselves, not just the em box
    assert window.now.number.text() == "B808"
    for tile in window.tiles:  # tile numbers readable from afar too
        if tile.tile and tile.tile.serving:
            assert tile.number.text_rect().height() >= 0.03 * size[1]
    for chip in window.chips:
        assert chip.name.pixel_size() >= 0.01 * min(size)  # even a very long agency name


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
@pytest.mark.parametrize("counters", [5, 12, 20])
def test_grid_adapts_to_the_number_of_counters(
    qtbot: QtBot, fonts: None, counters: int, size: tuple[int, int]
) -> None:
    window = make_window(qtbot, size, counters)
    assert len(window.tiles) == counters
    rects = [t.geometry() for t in window.tiles]
    for i, a in enumerate(rects):
        assert window.rect().contains(a)
        assert not any(a.intersects(b) for b in rects[i + 1 :])
    check_no_clipping(window)


def test_layout_parts_do_not_overlap() -> None:
    for w, h in [(1920, 1080), (3840, 2160), (1080, 1920), (1366, 768)]:
        layout = compute_layout(w, h, tiles=12, chips=12, history=6)
        parts = [
            layout.header,
            layout.now,
            *layout.history,
            *layout.tiles,
            *layout.chips,
            layout.ticker,
        ]
        for i, a in enumerate(parts):
            assert a.width() > 0 and a.height() > 0
            assert a.left() >= 0 and a.right() < w and a.top() >= 0 and a.bottom() < h
            assert not any(a.intersects(b) for b in parts[i + 1 :]), (w, h, a)


def test_unknown_counter_and_unsayable_numbers_do_not_crash(
    qtbot: QtBot, fonts: None, caplog: pytest.LogCaptureFixture
) -> None:
    window = make_window(qtbot, (1280, 720))
    announcer = window.announcer
    assert isinstance(announcer, RecordingAnnouncer)
    before = [t.tile for t in window.tiles]
    with caplog.at_level(logging.WARNING, logger="antre.display"):
        serving = {t.tile.number: t.tile.serving for t in window.tiles if t.tile and t.tile.serving}
        window.apply_update(
            Update([event(100, "C123", 150), event(101, "C124", 77)], snap(12, serving=serving))
        )
    assert window.now.number.text() == "C124"  # shown even though no tile has counter 77
    assert [t.tile for t in window.tiles] == before
    assert announcer.calls[-1] == ("C124", 77)
    assert "cannot announce C123 at loket 150" in caplog.text


def test_english_screen_words(qtbot: QtBot, fonts: None) -> None:

    window = DisplayWindow(words=Words("en"))
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.apply_update(Update([event(1, "A001", 2)], snap(12, serving={2: "A001"}), initial=True))
    assert window.now.counter.text() == "COUNTER 2"
    assert window.tiles[3].state.text() == "On a break"
    assert Words("id").day_date(datetime(2026, 11, 27)) == "Jumat, 27 November 2026"


@pytest.mark.parametrize(("size", "lang"), [
    ((1920, 1080), "id"), ((3840, 2160), "id"), ((1366, 768), "id"), ((1080, 1920), "id"),
    ((1920, 1080), "en"), ((1080, 1920), "en"),  # "Counter 12", "On a break" are wider
])  # fmt: skip
def test_smallest_text_is_readable_from_ten_metres(
    qtbot: QtBot, fonts: None, jombang_db: Database, size: tuple[int, int], lang: str
) -> None:
    """Every visible text on the Jombang board is at least 1.8 % of the screen's height
    (20 px at 1080p, 35 px on a portrait 1080x1920): the agency names under the waiting
    counts were 14-15 px; in portrait the tiles' state words were 20 px (1.04 %)."""
    monday = datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
    for code in ("DPMPTSP", "DPMPTSP", "DUKCAPIL", "BPJSTK", "ATRBPN", "KPP", "PUPR", "DINKES",
                 "KEMENAG", "TASPEN"):
        issue_ticket(jombang_db, service=code, now=monday)
    for number in range(1, 13):
        who = add_staff(jombang_db, name=f"Petugas {number}", pin="1234")
        presence.sign_in(jombang_db, counter=number, staff_id=who.id, console=f"c{number}",
                         now=monday)
    for number in (1, 2, 3, 5, 7, 8, 9, 10, 12):  # the history rows fill up
        calling.call_next(jombang_db, counter=number, now=monday)
    for _ in range(2):
        calling.recall(jombang_db, counter=10, now=monday)  # "Loket 10  ×3"
    calling.pause(jombang_db, counter=4, now=monday)
    window = DisplayWindow(words=Words(lang), announcer=RecordingAnnouncer())
    qtbot.addWidget(window)
    window.resize(*size)
    snap = snapshot(jombang_db, now=monday, with_tickets=False)
    window.apply_update(Update(recent_calls(jombang_db), snap, initial=True))
    window.show()
    qtbot.waitExposed(window)
    sizes = sorted(
        (text.pixel_size(), text.text())
        for text in window.findChildren(FitText)
        if text.isVisible() and text.text()
    )
    assert len(sizes) > 60
    assert sizes[0][0] >= 0.018 * size[1], sizes[:5]
    assert check_no_clipping(window) > 60


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920), (3840, 2160)])
def test_a_history_rows_number_and_counter_do_not_touch(
    qtbot: QtBot, fonts: None, size: tuple[int, int]
) -> None:
    """"G010Loket 7": the number and the counter of a history row had no gap at 1080p."""
    window = DisplayWindow(announcer=RecordingAnnouncer())
    qtbot.addWidget(window)
    window.resize(*size)
    window.apply_update(Update([], snap(12), initial=True))
    numbers = ["G010", "M012", "W888", "B001", "A123", "K077", "E555"]
    calls = [event(i + 1, number, 7 + i % 6) for i, number in enumerate(numbers)]
    calls += [event(20 + i, "M012", 8, "recall") for i in range(2)]  # "Loket 8  ×3"
    window.apply_update(Update(calls, snap(12)))
    window.show()
    qtbot.waitExposed(window)
    rows = [row for row in window.history if row.isVisible()]
    assert len(rows) >= 4
    for row in rows:
        number = row.number.text_rect().translated(row.number.pos())
        counter = row.counter.text_rect().translated(row.counter.pos())
        gap = counter.left() - number.right()
        # At least two spaces (a space is 0.26 em in Noto Sans) at the number's size.
        assert gap >= 0.5 * row.number.pixel_size(), (row.number.text(), row.counter.text(), gap)
