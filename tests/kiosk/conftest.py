"""Kiosk fixtures: a window on a real database, with a pinned clock and a chosen printer."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pytestqt.qtbot import QtBot

from kiosk.__main__ import printer_setup
from kiosk.window import KioskWindow
from shared import clock
from shared.db import Database
from shared.setup import init_database
from shared.station import StationSettings

JAKARTA = ZoneInfo("Asia/Jakarta")
#: A Friday in the Jombang site's opening hours (08:00-14:00, prayer break 11:30-13:00).
FRIDAY_10 = datetime(2026, 11, 27, 10, 0, tzinfo=JAKARTA)

MakeWindow = Callable[..., KioskWindow]


def small_site(tmp_path: Path, *, agencies: int = 3, quota: int | None = None) -> Path:
    """A site TOML with `agencies` agencies open all day (quota on the first if given)."""
    lines = [
        '[site]\nname = "MPP Uji Coba"\ntimezone = "Asia/Jakarta"\n',
        '[defaults]\nhours = { mon = "00:00-24:00", tue = "00:00-24:00", wed = "00:00-24:00",'
        ' thu = "00:00-24:00", fri = "00:00-24:00", sat = "00:00-24:00", sun = "00:00-24:00" }\n',
    ]
    for i in range(agencies):
        letter = chr(ord("A") + i)
        extra = f"daily_quota = {quota}\n" if quota is not None and i == 0 else ""
        lines.append(
            f'[[agencies]]\ncode = "AG{letter}"\nname = "Instansi Uji {letter}"\n'
            f'prefix = "{letter}"\ncolour = "#1565C0"\n{extra}'
        )
    codes = ", ".join(f'"AG{chr(ord("A") + i)}"' for i in range(agencies))
    lines.append(f"[[counters]]\nnumber = 1\nagencies = [{codes}]\n")
    path = tmp_path / "site.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.fixture
def site_db(tmp_path: Path) -> Iterator[Callable[..., Database]]:
    """Builds a database from `small_site(...)`."""
    made: list[Database] = []

    def build(**options: object) -> Database:
        db = Database(f"sqlite:///{tmp_path / 'small.db'}")
        init_database(db, small_site(tmp_path, **options))  # type: ignore[arg-type]
        made.append(db)
        return db

    yield build
    for db in made:
        db.dispose()


@pytest.fixture
def make_window(qtbot: QtBot) -> Iterator[MakeWindow]:
    """Opens a KioskWindow (1920x1080 unless `size` is given); shut down after the test."""
    windows: list[KioskWindow] = []

    def make(
        db: Database,
        *,
        printer: str = "dummy",
        now: datetime | None = None,
        size: tuple[int, int] = (1920, 1080),
        kiosk_mode: bool = False,
        **settings: object,
    ) -> KioskWindow:
        station = StationSettings(printer=printer, **settings)  # type: ignore[arg-type]
        moment = now
        window = KioskWindow(
            db,
            station,
            printer_setup(station),
            kiosk_mode=kiosk_mode,
            clock=(lambda: moment) if moment is not None else clock.now,  # type: ignore[return-value]
        )
        window.page_guard_ms = 0
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.guard.allowed = True
        window.shutdown()
