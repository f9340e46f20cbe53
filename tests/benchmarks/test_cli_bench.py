"""Admin CLI start-up: `antre status` and `antre where` as a person runs them (a new process
each time, on an SQLite file), against a bare `python -c pass`. Target: status <= 200 ms.

Run with `make bench`; the medians go into the closing notes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from shared.db import Database
from shared.setup import init_database
from tests.conftest import DEMO_SITE


@pytest.fixture(scope="module")
def db_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "antre.db"
    db = Database(str(path))
    init_database(db, DEMO_SITE)
    db.dispose()
    return path


def run(*args: str) -> None:
    # As an installed antre runs: with compiled bytecode (.pyc) of shared/ on disk.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, *args], check=True, stdout=subprocess.DEVNULL, env=env,
                   timeout=60)


@pytest.mark.parametrize(
    "command", [("-c", "pass"), ("-m", "shared.cli.main", "where"),
                ("-m", "shared.cli.main", "status"), ("-m", "shared.cli.main", "status", "--json")],
    ids=["bare-python", "where", "status", "status-json"])
def test_cli_start(benchmark, db_file: Path, command: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    args = (*command, "--db", str(db_file)) if len(command) > 2 else command
    run(*args)  # warm the file cache
    benchmark.pedantic(run, args=args, rounds=15, iterations=1)
