"""Tapping agencies: one tap, one ticket, printed bytes that decode; refusals issue nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.window import KioskWindow
from shared.db import Database
from shared.models import Ticket
from shared.status import snapshot
from shared.tickets import issue_ticket
from tests.escpos_decode import decode
from tests.kiosk.conftest import FRIDAY_10, MakeWindow
from tests.words_check import indonesian_in, visible_texts


def tickets(db: Database) -> list[tuple[str, str | None, str]]:
    """(number, priority, print_status) of every ticket, oldest first."""
    with db.read() as session:
        rows = session.scalars(select(Ticket).order_by(Ticket.id))
        return [(t.number, t.priority, t.print_status) for t in rows]


def tap(qtbot: QtBot, window: KioskWindow, code: str) -> None:
    button = window.findChild(type(window.start_page.grid.buttons[code]), f"service-{code}")
    assert button is not None and button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_open_agency_issues_one_printed_ticket(
    qtbot: QtBot, db: Database, make_window: MakeWindow
) -> None:
    window = make_window(db)
    with qtbot.waitSignal(window.print_finished, timeout=15_000) as printed:
        tap(qtbot, window, "DUKCAPIL")
    outcome = printed.args[0]
    assert outcome.ok and outcome.number == "B001"
    assert tickets(db) == [("B001", None, "printed")]
    assert window.confirmation.isVisible()
    assert window.confirmation.number.text() == "B001"
    # The name once, in one form, on the screen as on the ticket (it read "Dukcapil (DUKCAPIL)").
    assert window.confirmation.agency.text() == "Dukcapil"
    assert window.confirmation.print_state.text() == "Silakan ambil tiket Anda di bawah layar."
    assert not window.start_page.header.printer_marker.isVisible()
    decoded = decode(outcome.data)
    text = " ".join(decoded.texts)
    assert "MPP Kabupaten Jombang (Demo)" in text
    assert "Dukcapil" in text and "(DUKCAPIL)" not in text  # the name once, in one form
    assert decoded.find("B001").height > 1
    issued = window.last_issued
    assert issued is not None
    day = issued.issued_local
    assert f"{day.day} " in text and f"{day:%H:%M}" in text
    assert decoded.ends_with_cut
    assert decoded.qr_payloads == [issued.qr_payload]


def test_each_agency_numbers_on_its_own(
    qtbot: QtBot, db: Database, make_window: MakeWindow
) -> None:
    window = make_window(db)
    for code in ("DPMPTSP", "DPMPTSP", "BPJSKES"):
        with qtbot.waitSignal(window.print_finished, timeout=15_000):
            tap(qtbot, window, code)
        qtbot.mouseClick(window.confirmation.back, Qt.MouseButton.LeftButton)
        assert window.on_start_page
    assert [n for n, _, _ in tickets(db)] == ["A001", "A002", "C001"]
    qtbot.waitUntil(lambda: window.start_page.grid.buttons["DPMPTSP"].status.waiting == 2)
    assert window.start_page.grid.buttons["DPMPTSP"].waiting_label.text() == "2 menunggu"


def test_priority_choice_makes_a_priority_ticket(
    qtbot: QtBot, db: Database, make_window: MakeWindow
) -> None:
    issue_ticket(db, service="DPMPTSP")
    window = make_window(db)
    qtbot.mouseClick(window.start_page.priority.buttons["ibu_hamil"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.start_page.priority.buttons["lansia"], Qt.MouseButton.LeftButton)
    assert window.start_page.priority.chosen == "lansia"  # one choice at a time
    with qtbot.waitSignal(window.print_finished, timeout=15_000) as printed:
        tap(qtbot, window, "DPMPTSP")
    assert tickets(db) == [("A001", None, "pending"), ("A002", "lansia", "printed")]
    assert window.confirmation.priority.text() == "PRIORITAS: Lansia"
    assert window.confirmation.ahead.text() == "Antrean di depan Anda: 0"
    assert "PRIORITAS: Lansia" in decode(printed.args[0].data).texts
    qtbot.mouseClick(window.confirmation.back, Qt.MouseButton.LeftButton)
    assert window.start_page.priority.chosen is None  # the next visitor starts fresh


def test_closed_agency_issues_nothing_and_says_until_when(
    qtbot: QtBot, jombang_db: Database, make_window: MakeWindow
) -> None:
    early = FRIDAY_10.replace(hour=7, minute=15)
    window = make_window(jombang_db, now=early)
    button = window.start_page.grid.buttons["DUKCAPIL"]
    assert not button.is_open
    assert button.state_label.isVisible()
    assert button.state_label.text() == "Buka pukul 08:00"
    with qtbot.waitSignal(window.issue_refused, timeout=15_000) as refused:
        tap(qtbot, window, "DUKCAPIL")
    assert refused.args[0] == "Dukcapil: Buka pukul 08:00"
    assert window.start_page.notice.isVisible()
    assert window.on_start_page
    assert tickets(jombang_db) == []


def test_break_state_in_both_languages(
    qtbot: QtBot, jombang_db: Database, make_window: MakeWindow
) -> None:
    window = make_window(jombang_db, now=FRIDAY_10.replace(hour=11, minute=45))
    button = window.start_page.grid.buttons["KPP"]
    assert button.state_label.text() == "Istirahat sampai 13:00"
    qtbot.mouseClick(window.start_page.header.language, Qt.MouseButton.LeftButton)
    assert button.state_label.text() == "On a break until 13:00"
    with qtbot.waitSignal(window.issue_refused, timeout=15_000) as refused:
        tap(qtbot, window, "KPP")
    assert refused.args[0] == "KPP Pratama (Pajak): On a break (Istirahat salat Jumat) until 13:00"
    qtbot.mouseClick(window.start_page.header.language, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.issue_refused, timeout=15_000) as refused:
        tap(qtbot, window, "KPP")
    assert refused.args[0] == "KPP Pratama (Pajak): Istirahat salat Jumat sampai 13:00"
    assert tickets(jombang_db) == []


def test_full_quota_refuses(
    qtbot: QtBot, site_db: Callable[..., Database], make_window: MakeWindow
) -> None:
    db = site_db(quota=2)
    issue_ticket(db, service="AGA")
    window = make_window(db)
    with qtbot.waitSignal(window.print_finished, timeout=15_000):
        tap(qtbot, window, "AGA")
    qtbot.mouseClick(window.confirmation.back, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.start_page.grid.buttons["AGA"].status.state == "quota")
    assert window.start_page.grid.buttons["AGA"].state_label.text() == (
        "Kuota hari ini sudah habis"
    )
    with qtbot.waitSignal(window.issue_refused, timeout=15_000) as refused:
        tap(qtbot, window, "AGA")
    assert refused.args[0] == "Instansi Uji A: Kuota hari ini (2) sudah habis"
    assert [n for n, _, _ in tickets(db)] == ["A001", "A002"]


def test_rapid_double_tap_gives_one_ticket(
    qtbot: QtBot, db: Database, make_window: MakeWindow
) -> None:
    window = make_window(db)
    button = window.start_page.grid.buttons["DPMPTSP"]
    with qtbot.waitSignal(window.print_finished, timeout=15_000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.mouseDClick(button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(window.start_page.grid.buttons["BPJSKES"], Qt.MouseButton.LeftButton)
    assert tickets(db) == [("A001", None, "printed")]


def test_confirmation_ignores_the_second_tap_of_a_double_tap(
    qtbot: QtBot, db: Database, make_window: MakeWindow
) -> None:
    window = make_window(db)
    window.page_guard_ms = 60_000
    with qtbot.waitSignal(window.ticket_issued, timeout=15_000):
        tap(qtbot, window, "DPMPTSP")
    qtbot.mouseClick(window.confirmation.back, Qt.MouseButton.LeftButton)
    assert window.confirmation.isVisible()  # the visitor still sees the number
    assert window.confirmation.countdown.text() == "Layar baru saja berganti. Silakan sentuh lagi."
    window.return_to_start()
    assert window.on_start_page


def test_confirmation_returns_by_itself(
    qtbot: QtBot, db: Database, make_window: MakeWindow
) -> None:
    window = make_window(db)
    with qtbot.waitSignal(window.print_finished, timeout=15_000):
        tap(qtbot, window, "DPMPTSP")
    assert window.confirm_timer.isActive()
    window.confirm_timer.setInterval(50)
    window.confirm_timer.start()
    qtbot.waitUntil(lambda: window.on_start_page, timeout=2000)


def test_language_switch(qtbot: QtBot, db: Database, make_window: MakeWindow) -> None:
    window = make_window(db)
    page = window.start_page
    assert page.title.text() == "Silakan pilih layanan"
    qtbot.mouseClick(page.header.language, Qt.MouseButton.LeftButton)
    assert page.title.text() == "Please choose a service"
    assert page.grid.buttons["DPMPTSP"].waiting_label.text() == "0 waiting"
    assert page.priority.buttons["lansia"].text() == "Elderly"
    assert page.header.language.text() == "Bahasa Indonesia"
    assert "November" in page.header.date.text() or page.header.date.text()
    with qtbot.waitSignal(window.print_finished, timeout=15_000) as printed:
        tap(qtbot, window, "DPMPTSP")
    assert window.confirmation.caption.text() == "Your queue number"
    assert "QUEUE NUMBER" in decode(printed.args[0].data).texts
    qtbot.mouseClick(window.confirmation.back, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.header.language, Qt.MouseButton.LeftButton)
    assert page.title.text() == "Silakan pilih layanan"


def test_header_shows_site_date_and_time(
    qtbot: QtBot, jombang_db: Database, make_window: MakeWindow
) -> None:
    window = make_window(jombang_db, now=FRIDAY_10 + timedelta(minutes=7))
    header = window.start_page.header
    assert header.site.text() == "MPP Kabupaten Jombang"
    assert header.date.text() == "Jumat, 27 November 2026"
    assert header.time.text() == "10:07"


def test_preview_printer_shows_the_printed_ticket(
    qtbot: QtBot, db: Database, make_window: MakeWindow
) -> None:
    window = make_window(db, printer="preview")
    with qtbot.waitSignal(window.print_finished, timeout=15_000):
        tap(qtbot, window, "DPMPTSP")
    preview = window.confirmation.preview
    assert preview.isVisible()
    assert "A001" in preview.texts()
    assert "MPP Kabupaten Jombang (Demo)" in " ".join(preview.texts())
    assert tickets(db) == [("A001", None, "printed")]
    image = preview.grab().toImage()
    assert image.width() > 200  # it paints


def test_watcher_refreshes_counts_from_another_process(
    qtbot: QtBot, db: Database, make_window: MakeWindow
) -> None:
    import subprocess
    import sys

    window = make_window(db)
    window.start()
    subprocess.run(
        [sys.executable, "-m", "shared.cli.main", "--db", db.url, "issue", "KEMENAG"],
        check=True,
        capture_output=True,
    )
    qtbot.waitUntil(
        lambda: window.start_page.grid.buttons["KEMENAG"].status.waiting == 1, timeout=15_000
    )
    assert snapshot(db).agencies[8].waiting == 1


@pytest.mark.parametrize(
    ("when", "code"),
    [
        (FRIDAY_10.replace(hour=11, minute=45), "KPP"),  # Friday prayer break
        (FRIDAY_10.replace(hour=7), "KPP"),  # before opening
        (FRIDAY_10.replace(hour=13, minute=45), "KPP"),  # after the last ticket
        (FRIDAY_10 + timedelta(days=1), "KPP"),  # closed on Saturdays
    ],
)
def test_english_kiosk_shows_no_indonesian_through_refusals(
    qtbot: QtBot, jombang_db: Database, make_window: MakeWindow, when: datetime, code: str
) -> None:
    window = make_window(jombang_db, now=when, language="en")
    with qtbot.waitSignal(window.issue_refused, timeout=15_000) as refused:
        tap(qtbot, window, code)
    texts = visible_texts(window)
    assert refused.args[0] in texts
    assert indonesian_in(texts) == []
    # The same refusal on the Indonesian kiosk is all Indonesian (the core's own words).
    window.set_language("id")
    with qtbot.waitSignal(window.issue_refused, timeout=15_000) as refused_id:
        tap(qtbot, window, code)
    assert refused_id.args[0] != refused.args[0]
    assert refused_id.args[0].startswith("KPP Pratama (Pajak): ")


def test_english_kiosk_prints_an_english_ticket(
    qtbot: QtBot, jombang_db: Database, make_window: MakeWindow
) -> None:
    """The printer speaks the visitor's language: English words and footer, the agency's
    name once; the on-screen ticket preview the same."""
    window = make_window(jombang_db, now=FRIDAY_10, language="en", printer="dummy")
    qtbot.mouseClick(window.start_page.priority.buttons["lansia"], Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.print_finished, timeout=15_000) as printed:
        tap(qtbot, window, "DPMPTSP")
    lines = decode(printed.args[0].data).texts
    text = " ".join(lines)
    assert "Keep this ticket." in text and "Simpan tiket" not in text
    assert "PRIORITY: Elderly" in lines and "QUEUE NUMBER" in lines
    assert text.count("DPMPTSP") == 1 and "DPMPTSP (Perizinan)" in text
    assert indonesian_in(lines) == []
    assert indonesian_in(visible_texts(window)) == []
