"""The work screen: the ticket being served, the action buttons with their shortcuts, the
waiting list with counts, today's figures and a one-line message (never a modal dialog)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter.actions import ACTIONS, BY_KEY
from counter.elided import ElidedLabel, SourceMarksDelegate
from counter.strings import tr
from counter.ticket_panel import StatsLine, TicketPanel
from counter.waiting_model import (
    AGENCY,
    COLUMNS,
    MARKS_ROLE,
    NUMBER,
    PRINT,
    PRIORITY,
    WAITED,
    WaitingModel,
    marks_text,
)
from shared.counter_queue import CounterState
from shared.qt.theme import ACCENT, MUTED, NAVY, OK_GREEN, WARN_RED

BUTTON_STYLE = (
    "QPushButton {{ font-size: 15pt; font-weight: bold; padding: 6px; border-radius: 8px;"
    " background: {bg}; color: {fg}; border: 2px solid {border}; }}"
    " QPushButton:disabled {{ background: #D5DCE4; color: #5F6B78; border-color: #D5DCE4; }}"
)
COLOURS = {
    "call_next": (OK_GREEN, "white"),
    "call_this": (NAVY, "white"),
    "undo": (ACCENT, NAVY),
}


class WorkScreen(QWidget):
    action_requested = Signal(str)
    sign_out_requested = Signal()
    selection_moved = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = ElidedLabel("")
        self.header.setStyleSheet(f"font-size: 18pt; font-weight: bold; color: {NAVY};")
        self.staff_label = QLabel("")
        self.staff_label.setStyleSheet("font-size: 14pt;")
        self.sign_out = QPushButton(tr("sign_out"))
        self.sign_out.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.sign_out.clicked.connect(self.sign_out_requested)
        self.panel = TicketPanel()
        self.stats = StatsLine()
        self.message = QLabel("")
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.buttons: dict[str, QPushButton] = {}
        self.model = WaitingModel(self)
        self.table = self._make_table()
        self.waiting_title = QLabel("")
        self.waiting_title.setStyleSheet(f"font-size: 16pt; font-weight: bold; color: {NAVY};")
        self.counts = ElidedLabel("")
        self.counts.setStyleSheet(f"font-size: 13pt; color: {MUTED};")
        self._build_buttons()
        self._layout()
        self.show_message("")

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.setStyleSheet("font-size: 14pt;")
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = table.horizontalHeader()
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(PRIORITY, QHeaderView.ResizeMode.Stretch)
        # A long "↩ dari <agency>" loses the end of the agency's name, not the priority.
        self.marks_delegate = SourceMarksDelegate(MARKS_ROLE, marks_text, table)
        table.setItemDelegateForColumn(PRIORITY, self.marks_delegate)
        table.verticalHeader().setDefaultSectionSize(34)
        table.selectionModel().selectionChanged.connect(lambda *_: self.selection_moved.emit())
        table.doubleClicked.connect(lambda *_: self._trigger("call_this"))
        return table

    def _fix_columns(self) -> None:
        """Column widths from the font and the widest possible text, never from the rows: the
        list does not shift when a number or a label comes or goes."""
        fm = self.table.fontMetrics()
        widest = {
            NUMBER: "A000 ↩",
            AGENCY: "DPMPTSP",
            WAITED: "000 mnt",
            PRINT: "⚠",  # its words are in the tooltip: the room goes to the marks
        }
        for column, sample in widest.items():
            title = tr(COLUMNS[column])
            width = max(fm.horizontalAdvance(sample), fm.horizontalAdvance(title) + 8) + 16
            self.table.setColumnWidth(column, width)

    def showEvent(self, event: object) -> None:  # type: ignore[override]
        self._fix_columns()  # the style sheet's font is known once shown
        super().showEvent(event)  # type: ignore[arg-type]

    def _build_buttons(self) -> None:
        for spec in ACTIONS:
            button = QPushButton()
            button.setObjectName(spec.key)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumHeight(64)
            bg, fg = COLOURS.get(spec.key, ("white", NAVY))
            border = NAVY if bg == "white" else bg
            button.setStyleSheet(BUTTON_STYLE.format(bg=bg, fg=fg, border=border))
            button.clicked.connect(lambda _=False, key=spec.key: self.action_requested.emit(key))
            self.buttons[spec.key] = button
            for sequence in spec.shortcuts:
                shortcut = QShortcut(QKeySequence(sequence), self)
                shortcut.setAutoRepeat(False)
                shortcut.activated.connect(lambda key=spec.key: self._trigger(key))
        self.set_paused(False)

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.staff_label)
        top.addWidget(self.sign_out)
        grid = QGridLayout()
        grid.setSpacing(10)
        order = ("call_next", "recall", "no_show", "done", "transfer", "pause")
        for i, key in enumerate(order):
            grid.addWidget(self.buttons[key], i // 2, i % 2)
        left = QVBoxLayout()
        left.addWidget(self.panel, 3)
        left.addLayout(grid)
        left.addWidget(self.stats)
        right = QVBoxLayout()
        right.addWidget(self.waiting_title)
        right.addWidget(self.counts)
        right.addWidget(self.table, 1)
        right.addWidget(self.buttons["call_this"])
        body = QHBoxLayout()
        body.addLayout(left, 11)
        body.addLayout(right, 9)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 10, 16, 10)
        outer.addLayout(top)
        outer.addLayout(body, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        undo = self.buttons["undo"]  # its place is kept while hidden: nothing moves
        undo.setMinimumHeight(48)
        policy = undo.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        undo.setSizePolicy(policy)
        undo.setText(tr("undo_button", number="A000", seconds=10))  # the widest it gets
        undo.setMinimumWidth(undo.sizeHint().width() + 24)
        bottom.addWidget(undo)
        outer.addLayout(bottom)

    def _trigger(self, key: str) -> None:
        """Shortcuts and double clicks act only when the button would."""
        if self.buttons[key].isEnabled():
            self.action_requested.emit(key)

    # --- showing ----------------------------------------------------------------------
    def set_paused(self, paused: bool) -> None:
        for spec in ACTIONS:
            if spec.key == "undo":
                continue  # its text is its countdown (counter/undo_offer.py)
            label = tr("resume" if spec.key == "pause" and paused else spec.key)
            keys = " / ".join(BY_KEY[spec.key].shortcuts)
            self.buttons[spec.key].setText(f"{label}   [{keys}]")

    def set_reasons(self, reasons: dict[str, str | None]) -> None:
        for key, reason in reasons.items():
            button = self.buttons[key]
            button.setEnabled(reason is None)
            button.setToolTip(reason or "")

    def show_state(self, state: CounterState, now: datetime) -> None:
        self.header.setText(f"{state.name} · {', '.join(a.code for a in state.agencies)}")
        self.panel.show_ticket(state.current, state.current_wait_seconds, state.paused,
                               state.current_booked_by)
        self.set_paused(state.paused)
        selected = self.selected_number()
        on_first = selected is not None and self.model.row_of(selected) == 0
        self.model.update(state.waiting)
        if selected is not None and (self.model.row_of(selected) < 0 or on_first):
            # The selected ticket was called (here or elsewhere), or a ticket came back ahead
            # of the oldest (an undo): the selection goes to the oldest waiting one, the next
            # to call, not to whatever row slid under it.
            self.select_first()
        self.table.setColumnHidden(AGENCY, len(state.agencies) < 2)
        self.waiting_title.setText(tr("waiting_title", total=len(state.waiting)))
        self.counts.setText("  ·  ".join(f"{c}: {n}" for c, n in state.waiting_counts.items()))
        self.stats.show_stats(state.served_today, state.median_service_seconds)
        self.tick(now)

    def tick(self, now: datetime) -> None:
        self.panel.tick(now)
        self.model.set_now(now)

    def select_first(self) -> None:
        if self.model.rowCount() > 0:
            self.table.selectRow(0)
        else:
            self.table.clearSelection()

    def selected_number(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.number_at(rows[0].row()) if rows else None

    def show_message(self, text: str, kind: str = "info") -> None:
        colour = {"info": NAVY, "ok": OK_GREEN, "warn": WARN_RED}.get(kind, NAVY)
        self.message.setText(text)
        self.message.setStyleSheet(f"font-size: 15pt; font-weight: bold; color: {colour};")
