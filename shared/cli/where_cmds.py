"""`antre where`: which database, station file, log and asset folders this PC uses."""

from __future__ import annotations

import argparse
import json
import sys

from shared.cli.speak import source_words, text
from shared.cli.target import choose_database, station_file
from shared.errors import AntreError
from shared.station import operator_language
from shared.words import Words

Sub = argparse._SubParsersAction  # type: ignore[type-arg]


def cmd_where(args: argparse.Namespace) -> int:
    """Prints the choices without connecting; a bad station file or --db is shown, exit 2."""
    from shared.db import Database
    from shared.paths import ASSETS_DIR, data_dir, log_dir

    station, explicit = station_file(args)
    info: dict[str, str | bool | None] = {"station_file": str(station),
                                          "station_file_exists": station.exists()}
    problem = None
    try:
        choice = choose_database(args)
        db = Database(choice.url)  # no connection: parses the URL, builds a lazy engine
        info.update(database=db.describe(), database_source=choice.source,
                    database_file=str(db.path) if db.path else None,
                    database_file_exists=db.path.exists() if db.path else None)
        db.dispose()
    except AntreError as error:
        problem = error.words(operator_language(station))
        info.update(database=None, database_problem=problem)
    info.update(data_folder=str(data_dir()), log_folder=str(log_dir()),
                asset_folder=str(ASSETS_DIR))
    if args.json:
        print(json.dumps(info, ensure_ascii=False))
    else:
        _print_text(args, info, explicit=explicit)
    if problem:
        print(f"antre: {problem}", file=sys.stderr)
        return 2
    return 0


def _print_text(
    args: argparse.Namespace, info: dict[str, str | bool | None], *, explicit: bool
) -> None:
    rows = []
    if info["database"] is not None:
        source = source_words(args, str(info["database_source"]))
        rows.append((text(args, "cli.where.database"),
                     f"{info['database_file'] or info['database']}  ({source})"))
        if info["database_file_exists"] is False:
            rows.append(("", text(args, "cli.where.not_created")))
    else:
        rows.append((text(args, "cli.where.database"), "?"))
    station = str(info["station_file"])
    if not info["station_file_exists"]:
        station += "  " + text(args, "cli.where.no_station")
    rows.append((text(args, "cli.where.station"), station + ("  (--station)" if explicit else "")))
    rows += [(text(args, "cli.where.data"), str(info["data_folder"])),
             (text(args, "cli.where.log"), str(info["log_folder"])),
             (text(args, "cli.where.assets"), str(info["asset_folder"]))]
    width = max(len(label) for label, _ in rows) + 1
    for label, value in rows:
        print(f"{label:{width}} {value}")


def register(sub: Sub, w: Words) -> None:
    p = sub.add_parser("where", help=w("help.where"))
    p.add_argument("--json", action="store_true", help=w("help.where.json"))
    p.set_defaults(func=cmd_where)
