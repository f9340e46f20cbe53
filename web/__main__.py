"""`antre-web`: serves the visitor's phone pages on the hall's network (or behind a proxy)."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from shared import migrate
from shared.db import Database
from shared.errors import AntreError
from shared.logs import setup_logging
from shared.paths import default_db_url
from shared.skm.questionnaire import load_questionnaire
from shared.station import load_station

log = logging.getLogger("antre.web")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="antre-web", description="Antre web service: ticket status, hall board, survey.")
    parser.add_argument("--db", metavar="URL", help="database URL")
    parser.add_argument("--station", type=Path, metavar="FILE", help="station settings file")
    parser.add_argument("--host", default="0.0.0.0",
                        help="address to listen on (default: every network of this PC)")
    parser.add_argument("--port", type=int, default=8080, help="port (default 8080)")
    parser.add_argument("--questionnaire", type=Path, metavar="FILE",
                        help="the SKM questionnaire file (default: the one shipped with Antre)")
    parser.add_argument("--proxy", action="store_true",
                        help="behind a TLS reverse proxy on this PC: trust its X-Forwarded-* "
                             "headers")
    return parser


def check_database(db: Database) -> None:
    """The schema must be current: the web service never migrates (`antre init` does)."""
    if migrate.current_revision(db) != migrate.head_revision():
        raise AntreError("error.db_not_set_up", where=db.describe())


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    setup_logging("web")
    try:
        station = load_station(args.station)
        db = Database(args.db or station.db or default_db_url())
        check_database(db)
        questionnaire = load_questionnaire(args.questionnaire)
    except AntreError as error:
        print(f"antre-web: {error}", file=sys.stderr)
        return 2
    import uvicorn

    from shared.paths import data_dir
    from web.app import create_app
    from web.csrf import load_secret

    log.info("serving on http://%s:%d from %s", args.host, args.port, db.describe())
    # No access log: request paths carry ticket link tokens.
    try:
        secret = load_secret(data_dir() / "web-secret")
    except OSError as error:
        failure = AntreError("error.web_secret", path=str(data_dir()), detail=str(error))
        print(f"antre-web: {failure}", file=sys.stderr)
        return 2
    uvicorn.run(create_app(db, secret=secret, questionnaire=questionnaire), host=args.host, port=args.port, access_log=False,
                proxy_headers=args.proxy, forwarded_allow_ips="127.0.0.1" if args.proxy else None,
                log_config=None, timeout_graceful_shutdown=3)
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
