"""The survey tablet on a real SQLite file, with the counter driven by the CLI in another
process (as the staff's console would)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from shared.db import Database
from shared.skm.questionnaire import load_questionnaire
from survey.window import SurveyWindow

Cli = Callable[..., str]
Drive = Callable[..., None]


@pytest.fixture
def cli(db: Database, db_url: str) -> Cli:
    """Runs `antre --db URL ARGS...` in another process; returns its standard output."""

    def run(*args: str) -> str:
        done = subprocess.run([sys.executable, "-m", "shared.cli.main", "--db", db_url, *args],
                              capture_output=True, text=True, timeout=120,
                              env={k: v for k, v in os.environ.items() if k != "ANTRE_NOW"})
        assert done.returncode == 0, done.stderr
        return done.stdout

    return run


def drive_process(url: str, *steps: str) -> None:
    """Works the counter in one other process: ("issue:DUKCAPIL", "call:3", "done:3")."""
    done = subprocess.run([sys.executable, "-m", "tests.survey.drive_counter", url, *steps],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


@pytest.fixture
def drive(db: Database, db_url: str) -> Drive:
    return lambda *steps: drive_process(db_url, *steps)


@pytest.fixture
def tablet(qtbot: QtBot, db: Database) -> Iterator[SurveyWindow]:
    window = SurveyWindow(db, 3, load_questionnaire(), thanks_seconds=1, interval_ms=50)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.start()
    # The first look at the counter sets the baseline; nothing before it is invited.
    qtbot.waitUntil(lambda: window.tracker._seen_finish is not None, timeout=10_000)
    yield window
    window.shutdown()
