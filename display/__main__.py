"""`antre-display`: the hall monitor, full screen on the chosen monitor."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLabel

from display.i18n import Words
from display.live import LiveFeed
from display.window import DisplayWindow
from shared.db import Database
from shared.errors import AntreError
from shared.paths import default_db_url
from shared.qt.app import start_app
from shared.qt.daykeeper import DayKeeper
from shared.qt.placement import parse_geometry, place_window
from shared.qtcheck import require_qt
from shared.station import StationSettings, load_station, operator_language

log = logging.getLogger("antre.display")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="antre-display", description="Antre hall display.")
    parser.add_argument("--db", metavar="URL", help="database URL")
    parser.add_argument("--station", type=Path, metavar="FILE", help="station settings file")
    parser.add_argument("--screen", type=int, metavar="N", help="monitor number (0 = first)")
    parser.add_argument("--windowed", action="store_true", help="a window, not full screen")
    parser.add_argument("--geometry", metavar="X,Y,W,H",
                        help="window position and size (pixels, or fractions of the screen)")
    parser.add_argument("--lang", choices=("id", "en"), help="screen language")
    parser.add_argument("--no-sound", action="store_true", help="no voice announcements")
    parser.add_argument("--english", action="store_true", help="also announce in English")
    return parser


def settings_from(args: argparse.Namespace) -> StationSettings:
    """Station file, then flags (ConfigError for a bad file or value)."""
    return load_station(args.station).with_overrides(
        db=args.db,
        screen=args.screen,
        language=args.lang,
        sound=False if args.no_sound else None,
        english=True if args.english else None,
    )


def fail(app: QApplication, message: str) -> int:
    """A plain-words message on stderr and on screen; exit status 2."""
    print(f"antre-display: {message}", file=sys.stderr)
    log.error("%s", message)
    label = QLabel(f"Layar antrean tidak dapat dimulai:\n{message}")
    label.setWordWrap(True)
    label.setMargin(40)
    label.resize(900, 300)
    label.show()
    app.processEvents()
    return 2


def make_announcer(settings: StationSettings, app: QApplication):  # type: ignore[no-untyped-def]
    from datetime import timedelta

    require_qt("antre-display", ("QtMultimedia",))  # libpulse0: a plain line if it is missing
    from shared.qt.announcer import Announcer  # QtMultimedia: imported only when needed

    langs = ("id", "en") if settings.english else ("id",)
    max_age = timedelta(seconds=settings.announce_max_seconds)
    return Announcer(app, enabled=settings.sound, langs=langs, max_age=max_age)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    app = start_app("display", dark=True)
    try:
        settings = settings_from(args)
        if args.geometry:
            parse_geometry(args.geometry)
        db = Database(settings.db or default_db_url())
    except AntreError as error:
        return fail(app, error.words(operator_language(args.station, args.lang)))
    announcer = make_announcer(settings, app)
    window = DisplayWindow(words=Words(settings.language), announcer=announcer)
    feed = LiveFeed(db, parent=window)
    feed.updated.connect(window.apply_update)
    feed.online.connect(window.set_online)
    place_window(window, screen=settings.screen, windowed=args.windowed, geometry=args.geometry)
    feed.start()
    DayKeeper(db, parent=window).start()  # expiry at closing time, or on a new day
    log.info("display started on %s", db.describe())
    try:
        return app.exec()
    finally:
        feed.stop()
        announcer.shutdown()
        db.dispose()


if __name__ == "__main__":
    sys.exit(main())
