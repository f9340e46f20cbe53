"""The hall display window: renders a DisplayState and passes each new call to the announcer."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Protocol

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QWidget

from display.fit import FitGroup, FitText
from display.header import Header, Marquee
from display.i18n import Words
from display.layout import compute_layout
from display.live import Update
from display.panels import (
    BACKGROUND,
    CounterTile,
    HistoryRow,
    NowPanel,
    WaitingChip,
    WaitingTitle,
)
from display.state import HISTORY_SIZE, Call, DisplayState
from shared.errors import AntreError

log = logging.getLogger("antre.display")
HIGHLIGHT_MS = 8000  # the newest call stays highlighted this long


class CallSink(Protocol):
    """What the window needs from the announcer (shared.qt.announcer.Announcer fits)."""

    def announce(self, number: str, counter: int, *, at: datetime | None = None) -> None: ...

    def withdraw(self, number: str, counter: int) -> None: ...


class DisplayWindow(QWidget):
    """The whole hall screen; `apply_update` is its one way in for data."""

    def __init__(
        self,
        *,
        words: Words | None = None,
        announcer: CallSink | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Antre — Layar Antrean")
        self.words = words or Words("id")
        self.announcer = announcer
        self.state = DisplayState()
        self.offline = False
        self.header = Header(self.words, self)
        self.now = NowPanel(self.words, self)
        self.now.counter.setText(self.words["connecting"])
        self.history = [HistoryRow(self.words, self) for _ in range(HISTORY_SIZE - 1)]
        self.tiles: list[CounterTile] = []
        self.chips: list[WaitingChip] = []
        self.waiting_title = WaitingTitle(self.words, self)
        self.marquee = Marquee(self)
        self._flashing: set[int] = set()
        self.groups = {name: FitGroup() for name in ("agency", "label", "state", "chip")}
        for row in self.history:
            self._join(row.number, "history_number")
            self._join(row.counter, "history_counter")
        self._logo = ""
        self._highlight = QTimer(self)
        self._highlight.setSingleShot(True)
        self._highlight.setInterval(HIGHLIGHT_MS)
        self._highlight.timeout.connect(self._end_highlight)
        for row in self.history:
            row.hide()

    # -- data in -----------------------------------------------------------------------------

    def apply_update(self, update: Update) -> None:
        if update.initial:  # at start, or a replaced database: its event ids start anew
            self._logo = update.logo
            self.state.history.clear()
            self.state.last_event_id = 0
            self.state.seen.clear()
        fresh = self.state.apply_calls(update.calls)
        undone, self.state.undone = self.state.undone, []
        if self.announcer is not None:
            for number, counter in undone:  # taken back before its turn: not spoken
                self.announcer.withdraw(number, counter)
        self.state.apply_snapshot(update.snapshot)
        if update.initial:  # history, unless made after a replaced database was last read
            since = update.news_since
            fresh = [c for c in fresh if since is not None and c.at > since]
        if fresh:
            self._announce(fresh)
            self._flashing = {fresh[-1].counter}
            self.now.set_highlight(True)
            self._highlight.start()
        self._render()

    def set_online(self, up: bool) -> None:
        if self.offline == up:
            self.offline = not up
            self.header.set_offline(self.offline)

    def _announce(self, calls: list[Call]) -> None:
        if self.announcer is None:
            return
        for call in calls:  # the announcer drops those that are stale by their turn
            try:
                self.announcer.announce(call.number, call.counter, at=call.at)
            except AntreError as error:  # a number or counter the voice cannot say
                log.warning("cannot announce %s at loket %d: %s", call.number, call.counter, error)

    def _end_highlight(self) -> None:
        self._flashing = set()
        self.now.set_highlight(False)
        self._render()

    # -- rendering ---------------------------------------------------------------------------

    def _render(self) -> None:
        state = self.state
        if (state.site_name, self._logo) != self.header.site:
            self.header.set_site(state.site_name, self._logo)
        self.header.set_timezone(state.timezone)
        self.now.show_call(state.now_calling, any_calls=bool(state.history))
        earlier = state.earlier(len(self.history))
        for i, row in enumerate(self.history):
            row.show_call(earlier[i] if i < len(earlier) else None)
        resized = self._ensure(self.tiles, len(state.tiles), CounterTile)
        resized |= self._ensure(self.chips, len(state.waiting), WaitingChip)
        for tile_widget, tile in zip(self.tiles, state.tiles, strict=True):
            tile_widget.show_tile(tile, flash=tile.number in self._flashing)
        for chip, item in zip(self.chips, state.waiting, strict=True):
            chip.show_waiting(item)
        self.marquee.setText(state.running_text)
        if resized:
            self._relayout()

    def _ensure(self, widgets: list, count: int, kind: type) -> bool:  # type: ignore[type-arg]
        """Grows or shrinks a list of widgets to `count` (a site may have any number)."""
        changed = len(widgets) != count
        while len(widgets) < count:
            widget = kind(self.words, self)
            self._join_all(widget, True)
            widget.show()
            widgets.append(widget)
        while len(widgets) > count:
            widget = widgets.pop()
            self._join_all(widget, False)
            widget.deleteLater()
        return changed

    def _join(self, text: FitText, group: str, join: bool = True) -> None:
        target = self.groups.setdefault(group, FitGroup())
        target.add(text) if join else target.remove(text)

    def _join_all(self, widget: QWidget, join: bool) -> None:
        if isinstance(widget, CounterTile):
            for text, group in (
                (widget.agency, "agency"),
                (widget.label, "label"),
                (widget.state, "state"),
            ):
                self._join(text, group, join)
        elif isinstance(widget, WaitingChip):
            self._join(widget.name, "chip", join)

    def _relayout(self) -> None:
        layout = compute_layout(
            self.width(),
            self.height(),
            tiles=len(self.tiles),
            chips=len(self.chips) + 1,
            history=len(self.history),
        )
        self.header.setGeometry(layout.header)
        self.now.setGeometry(layout.now)
        for row, rect in zip(self.history, layout.history, strict=True):
            row.setGeometry(rect)
        for tile, rect in zip(self.tiles, layout.tiles, strict=True):
            tile.setGeometry(rect)
        self.waiting_title.setGeometry(layout.chips[0])
        for chip, rect in zip(self.chips, layout.chips[1:], strict=True):
            chip.setGeometry(rect)
        self.marquee.setGeometry(layout.ticker)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._relayout()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(event.rect(), QColor(BACKGROUND))
        painter.end()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_F11,):
            self.showNormal() if self.isFullScreen() else self.showFullScreen()
        else:
            super().keyPressEvent(event)
