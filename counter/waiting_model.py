"""The waiting list as a Qt table model, updated in place by ticket number so the staff's
selection survives every live refresh (rows are moved, inserted and removed, never reset).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from counter.strings import short_minutes, tr, tr_code
from shared.counter_queue import WaitingTicket
from shared.models import ONLINE_PRIORITY, PrintStatus
from shared.qt.theme import WARN_RED

COLUMNS = ("col_number", "col_agency", "col_priority", "col_waited", "col_print")
NUMBER, AGENCY, PRIORITY, WAITED, PRINT = range(len(COLUMNS))
Index = QModelIndex | QPersistentModelIndex
MARKS_ROLE = Qt.ItemDataRole.UserRole + 1  # (transferred from, other marks) of PRIORITY


def marks_text(source: str | None, marks: list[str], *, tiny: bool = False) -> str:
    """The marks cell: "↩ dari <agency>" (short: the panel says it whole when it is
    called; `tiny`: "↩ <agency>", for a narrow cell), then "online" and the priority."""
    key = "transferred_from_tiny" if tiny else "transferred_from_short"
    shown = [tr(key, agency=source)] if source is not None else []
    return "  ".join(shown + marks)


class WaitingModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[WaitingTicket] = []
        self._now: datetime | None = None

    # --- read -------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(COLUMNS):
            return tr(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        ticket = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(ticket, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(ticket, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == PRINT and self._failed(ticket):
            return QColor(WARN_RED)
        if (role == Qt.ItemDataRole.FontRole and column in (NUMBER, PRIORITY)
                and (ticket.priority or ticket.online)):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.UserRole:
            return ticket.number
        if role == MARKS_ROLE and column == PRIORITY:
            return self._marks(ticket)
        return None

    def _text(self, ticket: WaitingTicket, column: int) -> str:
        if column == NUMBER:
            return ticket.number + (" ↩" if ticket.transferred else "")
        if column == AGENCY:
            return ticket.agency_code
        if column == PRIORITY:
            return marks_text(*self._marks(ticket))
        if column == WAITED:
            if self._now is None:
                return ""
            return short_minutes((self._now - ticket.issued_at).total_seconds())
        return "⚠" if self._failed(ticket) else ""  # the words are in its tooltip

    @staticmethod
    def _marks(ticket: WaitingTicket) -> tuple[str | None, list[str]]:
        """The agency a transfer came from, and the other marks (online, priority)."""
        marks = []
        if ticket.online:
            marks.append(tr("online"))
        if ticket.priority and ticket.priority != ONLINE_PRIORITY:
            marks.append("★ " + tr_code(f"priority.{ticket.priority}"))
        return ticket.transferred_from, marks

    def _tooltip(self, ticket: WaitingTicket, column: int) -> str | None:
        """The whole text of a cell (columns have fixed widths and may cut it short)."""
        if column == PRINT:
            return tr("print_failed") if self._failed(ticket) else None
        text = self._text(ticket, column)
        if column == PRIORITY and ticket.transferred_from:
            lines = [tr("transferred_from", agency=ticket.transferred_from)]
            if ticket.transfer_note:
                lines.append(tr("transfer_note", note=ticket.transfer_note))
            if ticket.priority:
                lines.append("★ " + tr_code(f"priority.{ticket.priority}"))
            text = "\n".join(lines)
        return text or None

    @staticmethod
    def _failed(ticket: WaitingTicket) -> bool:
        return ticket.print_status == PrintStatus.FAILED

    def number_at(self, row: int) -> str | None:
        return self._rows[row].number if 0 <= row < len(self._rows) else None

    def row_of(self, number: str) -> int:
        for row, ticket in enumerate(self._rows):
            if ticket.number == number:
                return row
        return -1

    def numbers(self) -> list[str]:
        return [t.number for t in self._rows]

    # --- update in place --------------------------------------------------------------
    def set_now(self, now: datetime) -> None:
        """Ticks the "waited for" column (one dataChanged for the column)."""
        self._now = now
        if self._rows:
            top, bottom = self.index(0, WAITED), self.index(len(self._rows) - 1, WAITED)
            self.dataChanged.emit(top, bottom, [Qt.ItemDataRole.DisplayRole])

    def update(self, tickets: list[WaitingTicket]) -> None:
        """Brings the rows to `tickets` with removes, moves and inserts keyed by number."""
        wanted = {t.number for t in tickets}
        for row in range(len(self._rows) - 1, -1, -1):
            if self._rows[row].number not in wanted:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self.endRemoveRows()
        for target, ticket in enumerate(tickets):
            found = self._find_from(ticket.number, target)
            if found < 0:
                self.beginInsertRows(QModelIndex(), target, target)
                self._rows.insert(target, ticket)
                self.endInsertRows()
                continue
            if found != target:
                self.beginMoveRows(QModelIndex(), found, found, QModelIndex(), target)
                self._rows.insert(target, self._rows.pop(found))
                self.endMoveRows()
            if self._rows[target] != ticket:
                self._rows[target] = ticket
                left, right = self.index(target, 0), self.index(target, len(COLUMNS) - 1)
                self.dataChanged.emit(left, right)

    def _find_from(self, number: str, start: int) -> int:
        for row in range(start, len(self._rows)):
            if self._rows[row].number == number:
                return row
        return -1
