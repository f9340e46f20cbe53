"""The ticket being served, large: number, agency, priority mark, waited and served times;
and today's figures for this counter."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from counter.elided import ElidedLabel
from counter.strings import minutes_text, tr, tr_code
from shared.models import ONLINE_PRIORITY
from shared.qt.theme import ACCENT, MUTED, NAVY, OK_GREEN
from shared.views import TicketView
from shared.words import agency_name


class TicketPanel(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ticketPanel")
        self.setStyleSheet(
            f"#ticketPanel {{ background: {NAVY}; border-radius: 12px; }}"
            " QLabel { color: white; }"
        )
        self.caption = QLabel(tr("serving"))
        self.caption.setStyleSheet("font-size: 16pt;")
        self.number = QLabel(tr("nobody"))
        self.number.setObjectName("currentNumber")
        self.agency = ElidedLabel("")
        self.agency.setStyleSheet("font-size: 18pt;")
        self.source = ElidedLabel("")  # "Alihan dari Dukcapil"
        self.source.setStyleSheet(f"font-size: 16pt; font-weight: bold; color: {ACCENT};")
        self.note = ElidedLabel("")  # what the sending counter wrote
        self.note.setStyleSheet(f"font-size: 14pt; color: {ACCENT};")
        self.priority = QLabel("")
        self.priority.setStyleSheet(
            f"font-size: 16pt; font-weight: bold; color: {NAVY}; background: {ACCENT};"
            " border-radius: 6px; padding: 2px 10px;"
        )
        self.booker = ElidedLabel("")  # an online booking's name and phone (staff only)
        self.booker.setObjectName("bookedBy")
        self.booker.setStyleSheet(f"font-size: 16pt; color: {ACCENT};")
        self.times = ElidedLabel("")
        self.times.setStyleSheet("font-size: 16pt;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        for widget in (self.caption, self.number, self.agency, self.source, self.note,
                       self.priority, self.booker, self.times):
            if isinstance(widget, ElidedLabel):
                layout.addWidget(widget)  # as wide as the panel, never wider
            else:
                layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignLeft)
        self._ticket: TicketView | None = None
        self._wait: int | None = None
        self._paused = False
        self._number_style(False)
        self.priority.hide()

    def _number_style(self, big: bool) -> None:
        size = 88 if big else 40
        self.number.setStyleSheet(f"font-size: {size}pt; font-weight: bold; color: white;")

    def show_ticket(self, ticket: TicketView | None, wait: int | None, paused: bool,
                    booked_by: tuple[str, str] | None = None) -> None:
        """`booked_by`: an online ticket's (name, phone), for the staff member only."""
        self._ticket, self._wait, self._paused = ticket, wait, paused
        self.booker.setText(tr("booked_by", name=booked_by[0], phone=booked_by[1])
                            if ticket and booked_by else "")
        source = ticket.transferred_from if ticket else None
        note = ticket.transfer_note if ticket and source else ""
        self.source.setText(tr("transferred_from", agency=source) if source else "")
        self.note.setText(tr("transfer_note", note=note) if note else "")
        if ticket is None:
            self.caption.setText(tr("serving"))
            self.number.setText(tr("on_break") if paused else tr("nobody"))
            self.number.setStyleSheet(
                f"font-size: 40pt; font-weight: bold; color: {ACCENT if paused else 'white'};"
            )
            self.agency.setText("")
            self.priority.hide()
            self.times.setText("")
            return
        self.number.setText(ticket.number)
        # The recall count on the short caption line: the times line below is long already.
        recalled = f"  ·  {tr('recalled', count=ticket.recalls)}" if ticket.recalls else ""
        self.caption.setText(tr("serving") + recalled)
        self._number_style(True)
        self.agency.setText(agency_name(ticket.agency_name, ticket.agency_code))
        marks = [tr("online")] if ticket.online else []
        if ticket.priority and ticket.priority != ONLINE_PRIORITY:
            marks.append("★ " + tr_code(f"priority.{ticket.priority}"))
        self.priority.setVisible(bool(marks))
        self.priority.setText("  ".join(marks))

    def tick(self, now: datetime) -> None:
        ticket = self._ticket
        if ticket is None or ticket.called_at is None:
            return
        waited = self._wait
        if waited is None:
            waited = int((ticket.called_at - ticket.issued_at).total_seconds())
        parts = [
            tr("waited", minutes=minutes_text(waited)),
            tr("served_for", minutes=minutes_text((now - ticket.called_at).total_seconds())),
        ]
        self.times.setText("  ·  ".join(parts))

    @property
    def shown_number(self) -> str | None:
        return self._ticket.number if self._ticket else None


class StatsLine(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(f"font-size: 14pt; color: {MUTED};")

    def show_stats(self, served: int, median_seconds: float | None) -> None:
        self.setText(
            f"<b style='color:{OK_GREEN}'>{tr('served_today', count=served)}</b>"
            f"  ·  {tr('median', minutes=minutes_text(median_seconds))}"
        )
