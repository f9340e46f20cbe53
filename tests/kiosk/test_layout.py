"""Portrait and landscape: every agency fits, nothing overlaps or is clipped, big targets."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from kiosk.agency_grid import MIN_BUTTON_HEIGHT, grid_shape
from kiosk.window import KioskWindow
from shared.db import Database
from shared.qt.theme import load_fonts
from tests.kiosk.conftest import FRIDAY_10, MakeWindow

# The last one is the kiosk window of `antre demo` on a 1920x1080 screen.
SIZES = [(1920, 1080), (1080, 1920), (1280, 1024), (1600, 900), (672, 1080)]


def rect_in(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())


def assert_not_clipped(label: QLabel) -> None:
    if not label.isVisible() or not label.text():
        return
    needed = label.heightForWidth(label.width()) if label.wordWrap() else label.sizeHint().height()
    assert needed <= label.height() + 2, f"{label.objectName()} {label.text()!r} is clipped"
    if not label.wordWrap():
        assert label.sizeHint().width() <= label.width() + 2, f"{label.text()!r} too wide"
    else:  # a word longer than the label cannot wrap and would be cut off
        widest = max(label.fontMetrics().horizontalAdvance(w) for w in label.text().split())
        assert widest <= label.contentsRect().width() + 2, f"{label.text()!r}: a word is cut"


def check_start_page(window: KioskWindow) -> None:
    page = window.start_page
    buttons = list(page.grid.buttons.values())
    frame = window.rect()
    rects = [rect_in(b, window) for b in buttons]
    for button, rect in zip(buttons, rects, strict=True):
        assert frame.contains(rect), f"{button.objectName()} leaves the screen: {rect}"
        assert rect.height() >= MIN_BUTTON_HEIGHT
        for label in (
            button.name_label,
            button.waiting_label,
            button.state_label,
        ):
            assert (
                rect_in(label, window).intersected(rect) == rect_in(label, window)
                or not label.isVisible()
            )
            assert_not_clipped(label)
    for i, first in enumerate(rects):
        for second in rects[i + 1 :]:
            assert not first.intersects(second)
    above = [page.header, page.title, page.priority] + (
        [page.notice] if page.notice.isVisible() else []
    )
    for widget in above:
        for rect in rects:
            assert not rect_in(widget, window).intersects(rect)
    for choice in page.priority.buttons.values():
        assert choice.height() >= MIN_BUTTON_HEIGHT
        assert choice.sizeHint().width() <= choice.width() + 2, choice.text()
    assert page.header.language.height() >= MIN_BUTTON_HEIGHT
    for label in (page.header.site, page.header.date, page.header.time, page.title):
        assert_not_clipped(label)


@pytest.mark.parametrize("size", SIZES)
def test_jombang_fits(
    qtbot: QtBot, jombang_db: Database, make_window: MakeWindow, size: tuple[int, int]
) -> None:
    """At 15:00 every agency is closed: the longest state text ("Sudah tutup ...") shows."""
    window = make_window(jombang_db, size=size, now=FRIDAY_10.replace(hour=15))
    assert not window.start_page.grid.buttons["DPMPTSP"].is_open
    qtbot.waitUntil(lambda: check_start_page(window))


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_sixteen_agencies_fit(
    qtbot: QtBot,
    site_db: Callable[..., Database],
    make_window: MakeWindow,
    size: tuple[int, int],
) -> None:
    window = make_window(site_db(agencies=16), size=size)
    assert len(window.start_page.grid.buttons) == 16
    qtbot.waitUntil(lambda: check_start_page(window))


def test_big_type_at_1080p(qtbot: QtBot, jombang_db: Database, make_window: MakeWindow) -> None:
    window = make_window(jombang_db, now=FRIDAY_10)
    button = window.start_page.grid.buttons["DPMPTSP"]
    assert button.name_label.font().pixelSize() >= 28
    assert window.confirmation.number.font().pixelSize() >= 200


def test_layout_follows_a_rotation(
    qtbot: QtBot, jombang_db: Database, make_window: MakeWindow
) -> None:
    window = make_window(jombang_db, size=(1920, 1080), now=FRIDAY_10)
    grid = window.start_page.grid
    assert grid._shape[0] == 4
    window.resize(1080, 1920)
    qtbot.waitUntil(lambda: grid._shape[0] == 2)
    qtbot.waitUntil(lambda: check_start_page(window))


def test_grid_shape() -> None:
    assert grid_shape(11, 1856, 690) == (4, 3)
    # A narrow kiosk a little short of room: three columns a little under the comfortable
    # height beat four too narrow for a closed agency's state and count (145 px).
    assert grid_shape(11, 626, 640) == (3, 4)
    assert grid_shape(11, 1016, 1500) == (2, 6)
    assert grid_shape(16, 1856, 690) == (4, 4)
    assert grid_shape(16, 1016, 1500) == (2, 8)
    assert grid_shape(1, 1000, 500) == (1, 1)
    assert grid_shape(0, 1000, 500) == (1, 1)


@pytest.fixture
def kiosk_font(qapp: QApplication) -> Iterator[None]:
    """The font the kiosk ships and uses (Noto Sans), for this test only."""
    before = qapp.font()
    font = QFont(load_fonts())
    font.setPointSize(12)
    qapp.setFont(font)
    yield
    qapp.setFont(before)


@pytest.mark.usefixtures("kiosk_font")
@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920), (672, 1080)])
@pytest.mark.parametrize("lang", ["id", "en"])
def test_header_site_name_takes_at_most_two_lines(
    qtbot: QtBot, jombang_db: Database, make_window: MakeWindow, size: tuple[int, int], lang: str
) -> None:
    """The English header ("Bahasa Indonesia" on the language button) used to squeeze the
    site name into one word per line on a narrow kiosk."""
    window = make_window(jombang_db, now=FRIDAY_10, size=size, language=lang)
    header = window.start_page.header
    site, button = header.site, header.language

    def settled() -> bool:  # the screen's scale applied and the button's label fits
        hint = button.sizeHint()
        return (header.width() == size[0] and hint.width() <= button.width() + 2
                and hint.height() <= button.height() + 2)

    qtbot.waitUntil(settled, timeout=15_000)
    lines = round(site.heightForWidth(site.width()) / site.fontMetrics().lineSpacing())
    assert lines <= 2, (site.width(), button.text())
