"""The waiting list model: a well-behaved Qt model, updated in place so selection survives."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QItemSelectionModel, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from counter.waiting_model import NUMBER, PRINT, PRIORITY, WAITED, WaitingModel
from counter.window import CounterWindow
from shared.counter_queue import WaitingTicket
from shared.db import Database
from shared.tickets import issue_ticket, mark_printed

T0 = datetime(2026, 11, 27, 3, 0, tzinfo=UTC)


def waiting(number: str, priority: str | None = None, printed: str = "printed") -> WaitingTicket:
    return WaitingTicket(number, "DPMPTSP", priority, T0, T0, False, printed)


def test_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = WaitingModel()
    model.update([waiting("A001"), waiting("A002", "lansia"), waiting("A003", printed="failed")])
    model.set_now(T0 + timedelta(minutes=12))
    qtmodeltester.check(model, force_py=True)
    assert model.index(0, WAITED).data() == "12 mnt"
    assert model.index(1, PRIORITY).data() == "★ Lansia"
    assert model.index(2, PRINT).data() == "⚠"
    assert model.index(0, PRINT).data() == ""
    assert model.headerData(NUMBER, Qt.Orientation.Horizontal) == "Nomor"


def test_updates_in_place_keep_the_selection(qtbot: QtBot, qtmodeltester: ModelTester) -> None:
    from PySide6.QtWidgets import QTableView

    model = WaitingModel()
    qtmodeltester.check(model, force_py=True)  # keeps checking every change below
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    model.update([waiting("A001"), waiting("A002"), waiting("A003")])
    selection = view.selectionModel()
    selection.select(
        model.index(1, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    model.update([waiting("B009"), waiting("A002", "lansia"), waiting("A003"), waiting("A004")])
    model.update([waiting("A004"), waiting("A003"), waiting("A002", "lansia")])
    assert model.numbers() == ["A004", "A003", "A002"]
    rows = selection.selectedRows()
    assert [model.number_at(r.row()) for r in rows] == ["A002"]
    assert resets == []


def test_list_marks_tickets_that_could_not_be_printed(
    qtbot: QtBot, console: CounterWindow, db: Database
) -> None:
    first = issue_ticket(db, service="DPMPTSP").ticket
    issue_ticket(db, service="DPMPTSP")
    mark_printed(db, ticket_id=first.id, printed=False, detail="paper out")
    model = console.work.model
    qtbot.waitUntil(lambda: model.rowCount() == 2 and model.index(0, PRINT).data() != "")
    assert model.index(0, PRINT).data(Qt.ItemDataRole.ToolTipRole) == "Gagal cetak"
    assert model.index(1, PRINT).data() == ""
