"""`antre-counter --counter N`: the staff console for one counter."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from counter.strings import set_language
from shared.counter_queue import counter_state
from shared.db import Database
from shared.errors import AntreError, ConfigError
from shared.paths import default_db_url
from shared.qt.placement import parse_geometry
from shared.station import load_station, operator_language

log = logging.getLogger("antre.counter")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="antre-counter", description="Antre counter console")
    parser.add_argument("--counter", type=int, help="the counter (loket) number of this PC")
    parser.add_argument("--db", help="database URL (default: the station file's, else local)")
    parser.add_argument("--station", type=Path, help="station settings file (TOML)")
    parser.add_argument("--windowed", action="store_true", help="a window, not full screen")
    parser.add_argument("--lang", choices=("id", "en"), help="language (default id)")
    parser.add_argument("--geometry", metavar="X,Y,W,H",
                        help="window position and size (pixels, or fractions of the screen)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    from shared.qt.app import start_app

    app = start_app("counter")
    try:
        settings = load_station(args.station).with_overrides(
            counter=args.counter, db=args.db, language=args.lang
        )
        set_language(settings.language)
        if settings.counter is None:
            raise ConfigError("error.no_counter_given")
        if args.geometry:
            parse_geometry(args.geometry)
        db = Database(settings.db or default_db_url())
        counter_state(db, counter=settings.counter)  # unknown counter / unreachable: stop here
    except AntreError as error:
        return _refuse(app, error.words(operator_language(args.station, args.lang)))
    return _run(app, db, settings.counter, settings.lock_minutes, windowed=args.windowed,
                geometry=args.geometry)


def _run(app: object, db: Database, counter: int, lock_minutes: int, *, windowed: bool,
         geometry: str | None = None) -> int:
    from PySide6.QtWidgets import QApplication

    from counter.window import CounterWindow
    from shared.qt.placement import place_window

    assert isinstance(app, QApplication)
    window = CounterWindow(db, counter, lock_minutes=lock_minutes)
    window.setMinimumSize(1024, 700)
    place_window(window, windowed=windowed, geometry=geometry, window_size=(1366, 768))
    window.start()
    log.info("counter console for loket %d on %s", counter, db.describe())
    try:
        return app.exec()
    finally:
        window.shutdown()
        db.dispose()


def _refuse(app: object, message: str) -> int:
    """Bad configuration: a plain message on stderr and on screen, exit status 2."""
    from PySide6.QtWidgets import QMessageBox

    print(f"antre-counter: {message}", file=sys.stderr)
    log.error("cannot start: %s", message)
    if not _headless():
        QMessageBox.critical(None, "Antre", message)
    return 2


def _headless() -> bool:
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.platformName() in ("offscreen", "minimal")


if __name__ == "__main__":
    sys.exit(main())
