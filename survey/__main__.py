"""`antre-survey --counter N`: the satisfaction survey on a tablet facing the visitor."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from shared.db import Database
from shared.errors import AntreError
from shared.paths import default_db_url
from shared.qt.placement import parse_geometry
from shared.skm.counter_activity import counter_activity
from shared.skm.questionnaire import load_questionnaire
from shared.station import load_station

log = logging.getLogger("antre.survey")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="antre-survey",
                                     description="Antre satisfaction survey (SKM) tablet")
    parser.add_argument("--counter", type=int, help="the counter (loket) this tablet faces")
    parser.add_argument("--db", help="database URL (default: the station file's, else local)")
    parser.add_argument("--station", type=Path, help="station settings file (TOML)")
    parser.add_argument("--questionnaire", type=Path, metavar="FILE",
                        help="the questions (default: the shipped assets/survey/skm.toml)")
    parser.add_argument("--lang", choices=("id", "en"), help="starting language (default id)")
    parser.add_argument("--windowed", action="store_true", help="a window, not full screen")
    parser.add_argument("--geometry", metavar="X,Y,W,H",
                        help="window position and size (pixels, or fractions of the screen)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    from shared.qt.app import start_app

    app = start_app("survey")
    try:
        settings = load_station(args.station).with_overrides(
            counter=args.counter, db=args.db, language=args.lang
        )
        if settings.counter is None:
            raise AntreError("error.no_counter_given")
        if args.geometry:
            parse_geometry(args.geometry)
        questionnaire = load_questionnaire(args.questionnaire)
        db = Database(settings.db or default_db_url())
        counter_activity(db, counter=settings.counter)  # unknown counter / unreachable: stop
    except AntreError as error:
        print(f"antre-survey: {error}", file=sys.stderr)
        log.error("cannot start: %s", error)
        return 2
    from shared.paths import data_dir
    from shared.qt.placement import place_window
    from survey.window import SurveyWindow

    outbox = data_dir() / f"survey-unsent-loket-{settings.counter}.json"
    window = SurveyWindow(db, settings.counter, questionnaire, lang=settings.language,
                          outbox=outbox)
    place_window(window, windowed=args.windowed, geometry=args.geometry,
                 window_size=(1280, 800))
    window.start()
    log.info("survey tablet for loket %d on %s", settings.counter, db.describe())
    try:
        return app.exec()
    finally:
        window.shutdown()
        db.dispose()


if __name__ == "__main__":
    sys.exit(main())
