"""Kiosk benchmarks: a tap to a committed ticket and its printer bytes, through the real
window (the same path tests/kiosk/test_window.py checks); cold start to the first frame.

Run with `make bench`; the figures go into the closing notes.
"""

from __future__ import annotations

import statistics
import subprocess
import sys

from PySide6.QtCore import Qt
from pytest_benchmark.fixture import BenchmarkFixture
from pytestqt.qtbot import QtBot

from shared.db import Database
from tests.kiosk import conftest as kiosk_fixtures
from tests.kiosk.conftest import MakeWindow

make_window = kiosk_fixtures.make_window  # the kiosk tests' fixture, shared here

ROUNDS = 200


def p95(data: list[float]) -> float:
    return statistics.quantiles(data, n=20)[-1]


def test_tap_to_committed_ticket_and_bytes(
    benchmark: BenchmarkFixture, qtbot: QtBot, db: Database, make_window: MakeWindow
) -> None:
    window = make_window(db)
    button = window.start_page.grid.buttons["DUKCAPIL"]
    outcomes = []

    def tap() -> None:
        with qtbot.waitSignal(window.print_finished, timeout=15_000) as printed:
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        outcomes.append(printed.args[0])

    benchmark.pedantic(tap, setup=window.return_to_start, rounds=ROUNDS, iterations=1)
    assert all(o.ok and o.data for o in outcomes)
    assert outcomes[-1].number == f"B{ROUNDS:03d}"
    assert benchmark.stats is not None
    data = benchmark.stats.stats.data
    benchmark.extra_info["p95_ms"] = round(p95(data) * 1000, 2)
    print(
        f"\ntap -> committed + bytes: median {statistics.median(data) * 1000:.1f} ms, "
        f"p95 {p95(data) * 1000:.1f} ms over {len(data)} taps"
    )


def test_cold_start_to_first_frame(benchmark: BenchmarkFixture, db: Database) -> None:
    command = [
        sys.executable,
        "-m",
        "kiosk",
        "--db",
        db.url,
        "--windowed",
        "--printer",
        "dummy",
        "--first-frame-exit",
    ]
    inside: list[str] = []

    def start() -> None:
        result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=True)
        inside.append(result.stdout.strip())

    benchmark.pedantic(start, rounds=5, iterations=1)
    assert benchmark.stats is not None
    print(
        f"\ncold start (process start -> first frame, wall): median "
        f"{benchmark.stats.stats.median * 1000:.0f} ms; inside main(): {inside}"
    )
