"""The confirmation: the number very large, the agency, people ahead, the wait, the print."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.strings import priority_label, tr
from kiosk.ticket_preview import QrWidget, TicketPreview
from shared.printing.ticket_layout import LayoutItem
from shared.views import IssuedTicket
from shared.words import agency_name


def _label(name: str, parent: QWidget, *, wrap: bool = True) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(wrap)
    return label


class ConfirmationPage(QWidget):
    """Emits `dismissed` when the "back" button is tapped (the window also returns to the
    start page by itself, with a visible countdown).

    Only the button goes back, never a tap anywhere: the window places it over the start
    page's title, so a late tap after the return lands on plain text, not on an agency.
    """

    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("confirmation")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.card = QWidget(self)
        self.card.setObjectName("confirmCard")
        self.card.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.caption = _label("confirmCaption", self.card)
        self.number = _label("confirmNumber", self.card, wrap=False)
        self.agency = _label("confirmAgency", self.card)
        self.priority = _label("confirmPriority", self.card)
        self.ahead = _label("confirmAhead", self.card)
        self.wait = _label("confirmWait", self.card)
        self.print_state = _label("printState", self.card)
        self.scan_note = _label("scanWaiting", self.card)  # a booking code waits its turn
        self.scan_note.hide()
        self.qr = QrWidget(self.card)
        self.qr.hide()
        self.countdown = _label("confirmCountdown", self.card)
        card = QVBoxLayout(self.card)
        card.setContentsMargins(40, 24, 40, 24)
        card.setSpacing(8)
        for widget in (
            self.caption,
            self.number,
            self.agency,
            self.priority,
            self.ahead,
            self.wait,
            self.print_state,
            self.scan_note,
        ):
            card.addWidget(widget)
        card.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignCenter)
        card.addStretch(1)
        card.addWidget(self.countdown)
        self.preview = TicketPreview(self)
        self.preview.hide()
        self._box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._box.setContentsMargins(40, 32, 40, 32)
        self._box.setSpacing(40)
        self._box.addWidget(self.card, 3)
        self._box.addWidget(self.preview, 2)
        self.back = QPushButton(self)
        self.back.setObjectName("confirmBack")
        self.back.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.back.clicked.connect(self.dismissed)
        self.lang = "id"

    def show_ticket(
        self, issued: IssuedTicket, lang: str, preview: Sequence[LayoutItem] | None, paper_mm: int
    ) -> None:
        """Fills the page for a fresh ticket; the print state starts as "printing"."""
        self.lang = lang
        ticket = issued.ticket
        self.caption.setText(tr(lang, "your_number"))
        self.number.setText(ticket.number)
        self.agency.setText(agency_name(ticket.agency_name, ticket.agency_code))
        if ticket.online:  # a booking's check-in: marked ONLINE (its priority lane unnamed)
            self.priority.setText(tr(lang, "online_mark"))
        else:
            self.priority.setText(priority_label(lang, ticket.priority) if ticket.priority else "")
        self.priority.setVisible(ticket.online or ticket.priority is not None)
        self.ahead.setText(tr(lang, "ahead", n=issued.people_ahead))
        minutes = issued.estimated_wait_minutes
        self.wait.setText(tr(lang, "wait", n=minutes) if minutes > 0 else tr(lang, "wait_now"))
        self.back.setText(tr(lang, "back"))
        self.qr.set_payload(issued.qr_payload)
        self.qr.hide()
        if preview is not None:
            self.preview.set_layout(preview, paper_mm=paper_mm)
        self.preview.setVisible(preview is not None)
        self.set_print_state("printing", tr(lang, "printing"))
        self.show_scan_waiting("")

    def show_scan_waiting(self, text: str) -> None:
        """A booking code scanned while this ticket prints was kept: says so ("" hides)."""
        self.scan_note.setText(text)
        self.scan_note.setVisible(bool(text))

    def set_print_state(self, state: str, text: str) -> None:
        """state: printing | printed | preview | none | failed (failed also shows the QR)."""
        self.print_state.setProperty("printState", state)
        self.print_state.setText(text)
        self.print_state.style().unpolish(self.print_state)
        self.print_state.style().polish(self.print_state)
        self.qr.setVisible(state == "failed")

    def show_countdown(self, seconds: int) -> None:
        self.countdown.setProperty("guarded", False)
        self._repolish(self.countdown)
        self.countdown.setText(tr(self.lang, "returning", n=seconds))

    def show_tap_again(self) -> None:
        """A tap came too soon after the page changed: it did nothing, and says so."""
        self.countdown.setProperty("guarded", True)
        self._repolish(self.countdown)
        self.countdown.setText(tr(self.lang, "tap_again"))

    def place_back(self, rect: QRect) -> None:
        """Puts the back button at `rect` (page coordinates) and above the card."""
        self.back.setGeometry(rect)
        self.back.raise_()
        margins = self._box.contentsMargins()
        self._box.setContentsMargins(margins.left(), rect.bottom() + 16, margins.right(),
                                     margins.bottom())

    @staticmethod
    def _repolish(widget: QWidget) -> None:
        widget.style().unpolish(widget)
        widget.style().polish(widget)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()  # a tap beside the button does nothing

    def resizeEvent(self, event: QResizeEvent) -> None:
        portrait = event.size().height() > event.size().width()
        self._box.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )
        # Stacked: the card keeps to its content and the printed ticket takes the rest,
        # so the "your ticket" caption sits right above the ticket itself.
        self._box.setStretch(0, 0 if portrait else 3)
        self._box.setStretch(1, 1 if portrait else 2)
        super().resizeEvent(event)
