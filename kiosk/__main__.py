"""`antre-kiosk`: the lobby touchscreen. Touch an agency, get a printed ticket."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

from kiosk.ticketing import PrinterSetup
from shared.db import Database
from shared.errors import AntreError
from shared.paths import default_db_url
from shared.printing.render import make_dummy
from shared.printing.uri import parse_printer_uri
from shared.qt.placement import parse_geometry
from shared.station import StationSettings, load_station, operator_language

log = logging.getLogger("antre.kiosk")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="antre-kiosk", description="Antre lobby kiosk")
    parser.add_argument("--db", help="database URL (default: the station file's, else local)")
    parser.add_argument("--station", type=Path, help="station settings file (TOML)")
    parser.add_argument("--printer", metavar="URI", help="printer URI (overrides the station's)")
    parser.add_argument("--paper", type=int, choices=(58, 80), help="paper width in mm")
    parser.add_argument("--windowed", action="store_true", help="a window, not full screen")
    parser.add_argument("--geometry", metavar="X,Y,W,H",
                        help="window position and size (pixels, or fractions of the screen)")
    parser.add_argument("--lang", choices=("id", "en"), help="start language (default id)")
    # For benchmarks and smoke tests: print the time to the first frame and quit.
    parser.add_argument("--first-frame-exit", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def printer_setup(settings: StationSettings) -> PrinterSetup:
    """The station's printer, checked now (ConfigError for a bad URI or profile)."""
    spec = parse_printer_uri(settings.printer)
    make_dummy(settings.printer_profile)  # an unknown profile fails here, not at a visitor
    return PrinterSetup(spec, settings.paper_mm, settings.printer_profile, settings.print_timeout)


def main(argv: list[str] | None = None) -> int:
    started = time.perf_counter()
    args = parse_args(argv)
    from shared.qt.app import start_app

    app = start_app("kiosk")
    try:
        settings = load_station(args.station).with_overrides(
            db=args.db, language=args.lang, printer=args.printer, paper_mm=args.paper
        )
        printer = printer_setup(settings)
        if args.geometry:
            parse_geometry(args.geometry)
        db = Database(settings.db or default_db_url())
    except AntreError as error:
        return _refuse(error.words(operator_language(args.station, args.lang)))
    if not settings.exit_pin_hash and not args.windowed:
        needs_pin = AntreError("error.kiosk_needs_exit_pin")
        return _refuse(needs_pin.words(operator_language(args.station, args.lang)))
    return _run(app, db, settings, printer, args, started)


def _run(
    app: object,
    db: Database,
    settings: StationSettings,
    printer: PrinterSetup,
    args: argparse.Namespace,
    started: float,
) -> int:
    from PySide6.QtWidgets import QApplication

    from kiosk.window import KioskWindow
    from shared.qt.daykeeper import DayKeeper
    from shared.qt.placement import place_window

    assert isinstance(app, QApplication)
    window = KioskWindow(db, settings, printer, kiosk_mode=not args.windowed)
    if args.first_frame_exit:
        window.first_frame.connect(lambda: _report_first_frame(app, started))
    place_window(window, windowed=args.windowed, geometry=args.geometry, window_size=(1600, 900))
    window.start()
    DayKeeper(db, parent=window).start()  # expiry at closing time, or on a new day
    log.info("kiosk on %s, printer %s", db.describe(), printer.spec.uri)
    try:
        return app.exec()
    finally:
        window.shutdown()
        db.dispose()


def _report_first_frame(app: object, started: float) -> None:
    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)
    print(f"first frame after {(time.perf_counter() - started) * 1000:.0f} ms", flush=True)
    for widget in app.topLevelWidgets():
        if hasattr(widget, "guard"):
            widget.guard.allowed = True
    app.quit()


def _refuse(message: str) -> int:
    """Bad configuration: a plain message on stderr and on screen, exit status 2."""
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QMessageBox

    print(f"antre-kiosk: {message}", file=sys.stderr)
    log.error("cannot start: %s", message)
    if QGuiApplication.platformName() not in ("offscreen", "minimal"):
        QMessageBox.critical(None, "Antre", message)
    return 2


if __name__ == "__main__":
    sys.exit(main())
