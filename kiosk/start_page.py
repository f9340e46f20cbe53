"""The start screen: header (site, date, time, language), the priority choice, the agencies."""

from __future__ import annotations

import math
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.agency_grid import MIN_BUTTON_HEIGHT, AgencyGrid
from kiosk.strings import tr
from shared.dates import format_day_en, format_day_id
from shared.models import PRIORITY_KINDS
from shared.words import say

NARROW_WIDTH = 1000  # narrower: the booking button's label takes two lines


class SiteTitle(QLabel):
    """The site name; five quick taps on it are the operator's exit gesture."""

    tapped = Signal()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.tapped.emit()
        super().mousePressEvent(event)


class Header(QWidget):
    """Navy band: logo and MPP name on the left; printer marker, date, time, language right."""

    language_clicked = Signal()

    def __init__(self, site_name: str, logo: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("header")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        row = self._row = QHBoxLayout(self)
        row.setContentsMargins(32, 10, 24, 10)
        row.setSpacing(24)
        self.logo = QLabel(self)
        pixmap = QPixmap(logo) if logo and Path(logo).is_file() else QPixmap()
        if not pixmap.isNull():
            self.logo.setPixmap(
                pixmap.scaledToHeight(100, Qt.TransformationMode.SmoothTransformation)
            )
        self.logo.setVisible(not pixmap.isNull())
        self.site = SiteTitle(site_name, self)
        self.site.setObjectName("siteName")
        self.site.setWordWrap(True)
        self.printer_marker = QLabel(self)
        self.printer_marker.setObjectName("printerMarker")
        self.printer_marker.hide()
        self.date = QLabel(self)
        self.date.setObjectName("headerDate")
        self.date.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.time = QLabel(self)
        self.time.setObjectName("headerTime")
        self.language = QPushButton(self)
        self.language.setObjectName("languageButton")
        self.language.setMinimumHeight(MIN_BUTTON_HEIGHT)
        self.language.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.language.clicked.connect(self.language_clicked)
        clock = QVBoxLayout()
        clock.setSpacing(0)
        clock.addWidget(self.time, 0, Qt.AlignmentFlag.AlignRight)
        clock.addWidget(self.date, 0, Qt.AlignmentFlag.AlignRight)
        row.addWidget(self.logo)
        row.addWidget(self.site, 1)
        row.addWidget(self.printer_marker)
        row.addLayout(clock)
        row.addWidget(self.language)

    def set_language_label(self, text: str) -> None:
        """The language button's label ("English" / "Bahasa Indonesia")."""
        self._language_text = text
        self._fit_language()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_language()

    def _fit_language(self) -> None:
        """When the site name would need more than two lines beside it, the label takes two
        short lines ("Bahasa / Indonesia"), so the name is not wrapped word by word."""
        text = getattr(self, "_language_text", "")
        self.language.setText(text)
        if " " in text and self._site_lines() > 2:
            self.language.setText(text.replace(" ", "\n", 1))

    def _site_lines(self) -> int:
        """The lines the site name needs in the room the other header parts leave it."""
        row = self._row
        margins = row.contentsMargins()
        used = margins.left() + margins.right() + row.spacing() * 2
        used += self.language.sizeHint().width()
        used += max(self.time.sizeHint().width(), self.date.sizeHint().width())
        for extra in (self.logo, self.printer_marker):
            if not extra.isHidden():
                used += extra.sizeHint().width() + row.spacing()
        room = max(1, self.width() - used)
        return math.ceil(self.site.heightForWidth(room) / self.site.fontMetrics().lineSpacing())

    def show_time(self, moment: datetime, lang: str) -> None:
        day = format_day_en(moment.date()) if lang == "en" else format_day_id(moment.date())
        self.date.setText(day)
        self.time.setText(f"{moment:%H:%M}")


class PriorityBar(QWidget):
    """Four toggles (lansia, disabilitas, ibu hamil, membawa anak); at most one is chosen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = QLabel(self)
        self.question.setObjectName("priorityQuestion")
        self.question.setWordWrap(True)
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        row.setSpacing(16)
        for kind in PRIORITY_KINDS:
            button = QPushButton(self)
            button.setObjectName(f"priority-{kind}")
            button.setProperty("kioskRole", "priority")
            button.setCheckable(True)
            button.setMinimumHeight(MIN_BUTTON_HEIGHT)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.group.addButton(button)
            self.buttons[kind] = button
            row.addWidget(button, 1)
        self.group.buttonToggled.connect(self._only_one)
        box = self.box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(8)
        box.addWidget(self.question)
        box.addLayout(row)

    def _only_one(self, button: QPushButton, checked: bool) -> None:
        if checked:
            for other in self.buttons.values():
                if other is not button and other.isChecked():
                    other.setChecked(False)

    @property
    def chosen(self) -> str | None:
        return next((k for k, b in self.buttons.items() if b.isChecked()), None)

    def clear(self) -> None:
        for button in self.buttons.values():
            button.setChecked(False)

    def retranslate(self, lang: str) -> None:
        self.question.setText(tr(lang, "priority_question"))
        for kind, button in self.buttons.items():
            button.setText(say(lang, f"priority.{kind}"))


class StartPage(QWidget):
    """Header, "Silakan pilih layanan", the priority choice, a notice line, the agencies."""

    def __init__(self, site_name: str, logo: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = Header(site_name, logo, self)
        self.title = QLabel(self)
        self.title.setObjectName("chooseTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.priority = PriorityBar(self)
        # An online booking's check-in (kiosk/checkin.py): the keypad for the code.
        self.booking = QPushButton(self)
        self.booking.setObjectName("bookingButton")
        self.booking.setMinimumHeight(MIN_BUTTON_HEIGHT)
        self.booking.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.booking.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.notice = QLabel(self)
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.notice.hide()
        self.grid = AgencyGrid(self)
        # "Touch again" after a page change: laid over the title, so nothing moves.
        self.tap_again = QLabel(self)
        self.tap_again.setObjectName("tapAgain")
        self.tap_again.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.tap_again.setWordWrap(True)
        self.tap_again.hide()
        body = QVBoxLayout()
        body.setContentsMargins(32, 8, 32, 24)
        body.setSpacing(14)
        # The booking button stands beside the title and the priority question (which moves
        # out of its bar for this), so it costs the agencies' grid little height; the title
        # wraps on a narrow kiosk.
        self.title.setWordWrap(True)
        self.priority.box.removeWidget(self.priority.question)
        heading = QVBoxLayout()
        heading.setSpacing(8)
        heading.addWidget(self.title)
        heading.addWidget(self.priority.question)
        top = QHBoxLayout()
        top.addLayout(heading, 1)
        top.addWidget(self.booking, 0, Qt.AlignmentFlag.AlignBottom)
        body.addLayout(top)
        body.addWidget(self.priority)
        body.addWidget(self.notice)
        body.addWidget(self.grid, 1)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.header)
        box.addLayout(body, 1)

    def retranslate(self, lang: str) -> None:
        self.title.setText(tr(lang, "choose"))
        self.header.set_language_label(tr(lang, "switch_language"))
        self.header.printer_marker.setText(tr(lang, "printer_problem"))
        self._booking_text = tr(lang, "booking_entry")
        self._fit_booking()
        self.priority.retranslate(lang)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_booking()

    def _fit_booking(self) -> None:
        """On a narrow kiosk the booking button's label takes two lines, so the title
        beside it keeps to one line and the agencies keep their room."""
        text = getattr(self, "_booking_text", "")
        if self.width() < NARROW_WIDTH and " " in text:
            text = "\n".join(text.rsplit(" ", 1))
        self.booking.setText(text)

    def show_tap_again(self, text: str) -> None:
        self.tap_again.setText(text)
        self.tap_again.setGeometry(self.title.geometry())
        self.tap_again.setVisible(bool(text))
        self.tap_again.raise_()

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))
