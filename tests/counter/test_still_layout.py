"""The console stays still at 1366x768: texts that grow are cut with "…" and a tooltip, the
columns keep their widths, nothing is clipped; a transferred ticket says where it came from;
after a call the selection is on the oldest waiting ticket."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QCoreApplication, QModelIndex, QPoint, QRect, Qt
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem, QTableView
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from counter.transfer_dialog import TransferDialog
from counter.waiting_model import COLUMNS, PRIORITY
from counter.window import CounterWindow
from shared import calling
from shared.counter_queue import Agency
from shared.db import Database
from shared.models import Counter, CounterService, Service
from shared.staff import StaffInfo
from shared.tickets import issue_ticket
from tests.counter.conftest import sign_in
from tests.counter.test_actions import press, wait_for_list


def serve_two_agencies(db: Database) -> None:
    """Loket 1 serves DUKCAPIL too: the agency column shows (the header that was cut)."""
    with db.write() as session:
        counter = session.scalars(select(Counter).where(Counter.number == 1)).one()
        dukcapil = session.scalars(select(Service).where(Service.code == "DUKCAPIL")).one()
        session.add(CounterService(counter_id=counter.id, service_id=dukcapil.id, position=1))


def test_the_left_pane_does_not_move_when_texts_grow(
    qtbot: QtBot, make_window: Callable[..., CounterWindow], clerk: StaffInfo, db: Database
) -> None:
    serve_two_agencies(db)
    for code in ("DPMPTSP", "DUKCAPIL", "DPMPTSP", "DUKCAPIL"):
        issue_ticket(db, service=code, priority="disabilitas" if code == "DUKCAPIL" else None)
    window = make_window(1)
    sign_in(qtbot, window)
    work = window.work
    panel_width, table_width = work.panel.width(), work.table.width()
    widths = [work.table.columnWidth(c) for c in range(len(COLUMNS))]
    press(qtbot, window, "call_next", "shortcut")
    for _ in range(3):
        press(qtbot, window, "recall", "shortcut")
    work.tick(work.panel._ticket.called_at.replace(hour=23))  # type: ignore[union-attr]
    QCoreApplication.processEvents()  # posted layout requests run; then it must not have moved
    assert (work.panel.width(), work.table.width()) == (panel_width, table_width)
    assert [work.table.columnWidth(c) for c in range(len(COLUMNS))] == widths
    times = work.panel.times
    assert work.panel.caption.text() == "Sedang dilayani  ·  Dipanggil ulang 3×"
    if times.shown_text() != times.text():  # cut short: the whole line is in the tooltip
        assert times.shown_text().endswith("…") and times.toolTip() == times.text()


def test_nothing_is_cut_at_1366x768(
    qtbot: QtBot, make_window: Callable[..., CounterWindow], clerk: StaffInfo, db: Database
) -> None:
    serve_two_agencies(db)
    issue_ticket(db, service="DUKCAPIL", priority="ibu_hamil")
    window = make_window(1)
    sign_in(qtbot, window)
    work = window.work
    assert not work.table.isColumnHidden(1)
    header = work.table.horizontalHeader()
    metrics = header.fontMetrics()
    for column in range(len(COLUMNS)):
        title = work.model.headerData(column, header.orientation())
        assert header.sectionSize(column) >= metrics.horizontalAdvance(title) + 8, title
    inside = QRect(QPoint(0, 0), window.size())
    for key, button in work.buttons.items():
        rect = QRect(button.mapTo(window, QPoint(0, 0)), button.size())
        assert inside.contains(rect), key
        assert button.fontMetrics().horizontalAdvance(button.text()) <= button.width(), key


def test_a_transferred_ticket_shows_where_it_came_from(
    qtbot: QtBot, make_window: Callable[..., CounterWindow], clerk: StaffInfo, db: Database
) -> None:
    issue_ticket(db, service="DUKCAPIL")
    calling.call_next(db, counter=3)
    calling.transfer(db, counter=3, service="DPMPTSP", note="bawa KTP asli")
    window = make_window(1)
    sign_in(qtbot, window)
    wait_for_list(qtbot, window, 1)
    work = window.work
    assert work.model.data(work.model.index(0, 2)) == "↩ dari Dukcapil"  # room in a cell
    tip = work.model.data(work.model.index(0, 2), Qt.ItemDataRole.ToolTipRole)
    assert tip == "Alihan dari Dukcapil\nCatatan: bawa KTP asli"
    rect = work.table.visualRect(work.model.index(0, 2))
    assert work.table.fontMetrics().horizontalAdvance("↩ dari Dukcapil") < rect.width()
    press(qtbot, window, "call_next", "shortcut")
    qtbot.waitUntil(lambda: work.panel.source.text() == "Alihan dari Dukcapil")
    assert work.panel.note.text() == "Catatan: bawa KTP asli"
    assert work.panel.number.text() == "B001"
    press(qtbot, window, "done", "shortcut")  # the next ticket carries no mark
    assert work.panel.source.text() == "" and work.panel.note.text() == ""


def painted(table: QTableView, index: QModelIndex) -> str:
    """The text a cell shows, as its delegate and the style's eliding paint it."""
    option = QStyleOptionViewItem()
    table.initViewItemOption(option)
    option.rect = table.visualRect(index)
    table.itemDelegateForIndex(index).initStyleOption(option, index)
    margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    width = option.rect.width() - 2 * margin
    return option.fontMetrics.elidedText(option.text, Qt.TextElideMode.ElideRight, width)


@pytest.mark.parametrize("agencies", [1, 2])
def test_a_long_source_agency_is_shortened_never_the_priority(
    qtbot: QtBot, make_window: Callable[..., CounterWindow], clerk: StaffInfo, db: Database,
    agencies: int,
) -> None:
    """ "ATR/BPN (Pertanahan)", the widest agency name of the Jombang site: the mark was cut
    as "↩ dari ATR/BPN (Pertanah…", and with a priority after it the priority was lost."""
    if agencies == 2:
        serve_two_agencies(db)  # the agency column shows: the marks cell is narrower
    window = make_window(1)
    sign_in(qtbot, window)
    work = window.work
    widths = [work.table.columnWidth(c) for c in range(len(COLUMNS))]
    for priority in ("lansia", None):
        issue_ticket(db, service="ATRBPN", priority=priority)
        calling.call_next(db, counter=6)
        calling.transfer(db, counter=6, service="DPMPTSP", note="berkas lengkap")
    wait_for_list(qtbot, window, 2)
    QCoreApplication.processEvents()
    assert [work.table.columnWidth(c) for c in range(len(COLUMNS))] == widths  # still
    marks = [work.model.index(row, PRIORITY) for row in range(2)]
    with_priority, plain = (painted(work.table, index) for index in marks)
    assert with_priority.endswith("  ★ Lansia"), with_priority  # whole, whatever the room
    if agencies == 1:  # the common case fits whole at 1366x768; with a priority, a word
        assert (plain, with_priority) == ("↩ dari ATR/BPN (Pertanahan)",
                                          "↩ dari ATR/BPN…  ★ Lansia")
    else:  # narrower: "dari" goes before the agency's name is cut
        assert plain in ("↩ dari ATR/BPN (Pertanahan)", "↩ dari ATR/BPN…",
                         "↩ ATR/BPN (Pertanahan)", "↩ ATR/BPN…"), plain
        assert with_priority.startswith("↩ ATR"), with_priority
    tip = work.model.data(marks[0], Qt.ItemDataRole.ToolTipRole)
    assert tip == "Alihan dari ATR/BPN (Pertanahan)\nCatatan: berkas lengkap\n★ Lansia"


def test_the_transfer_dialog_takes_a_note(qtbot: QtBot) -> None:
    agencies = [Agency("DUKCAPIL", "Dukcapil", "B", "#000"), Agency("PUPR", "PUPR", "G", "#000")]
    dialog = TransferDialog(None, "A001", agencies)
    qtbot.addWidget(dialog)
    dialog.list.setCurrentRow(1)
    qtbot.keyClicks(dialog.note, "  berkas di map merah ")
    assert dialog.chosen() == ("PUPR", "berkas di map merah")


def test_after_a_call_the_selection_is_on_the_oldest_waiting_ticket(
    qtbot: QtBot, make_window: Callable[..., CounterWindow], clerk: StaffInfo, db: Database
) -> None:
    for _ in range(7):
        issue_ticket(db, service="DPMPTSP")
    window = make_window(1)
    sign_in(qtbot, window)
    wait_for_list(qtbot, window, 7)
    work = window.work
    for _ in range(4):
        press(qtbot, window, "call_next", "shortcut")  # A001..A004 called; A005 the oldest
    work.table.selectRow(work.model.row_of("A006"))
    press(qtbot, window, "call_this", "shortcut")  # A006 called from the list
    qtbot.waitUntil(lambda: work.model.numbers() == ["A005", "A007"])
    assert work.selected_number() == "A005"  # not A007, the row that slid up
