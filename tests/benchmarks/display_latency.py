"""Hall display benchmarks: call-to-screen latency, memory over many calls, idle CPU.

Run:  QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.benchmarks.display_latency [--calls 220]
      [--postgres]

1. Latency: a separate process commits calls (shared.calling.call_next), noting time.time()
   right after each commit; this process runs the display (LiveFeed with its default 100 ms
   poll) and notes time.time() when the now-calling label holds the number.
2. Memory: resident set (/proc/self/statm) after 100 and after 10,000 calls fed straight into
   the display's update path (DisplayWindow.apply_update), painting as it goes.
3. Idle CPU: os.times() over 20 s while the display sits idle (clock ticking, running text
   sliding, change watcher polling), waited for with a QTimer-driven event loop.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from tests.benchmarks import scratch_folder

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ANTRE_HOME", str(scratch_folder("antre-bench-")))

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from display.live import LiveFeed, Update, load_initial
from display.window import DisplayWindow
from shared.db import Database
from shared.feed import CallEvent
from shared.paths import ASSETS_DIR
from shared.qt.theme import apply_theme
from shared.setup import init_database
from shared.tickets import issue_ticket

CALLER = """
import sys, time
from shared.db import Database
from shared.calling import call_next
db = Database(sys.argv[1]); n = int(sys.argv[2]); pace = float(sys.argv[3])
sys.stdin.readline()  # "go": the display is up and following
for i in range(n):
    counter = 1 + i % 12
    result = call_next(db, counter=counter)
    print(result.ticket.number, time.time(), flush=True)
    time.sleep(pace)  # traffic: one call every `pace` seconds, as at a busy MPP
"""
AGENCIES = ["DPMPTSP", "DPMPTSP", "DUKCAPIL", "BPJSKES", "BPJSTK", "ATRBPN", "KPP", "PUPR",
            "DINKES", "KEMENAG", "BAKESBANGPOL", "TASPEN"]  # fmt: skip


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def rss_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def latency(url: str, calls: int, pace: float) -> list[float]:
    db = Database(url)
    for i in range(calls + 12):
        issue_ticket(db, service=AGENCIES[i % 12])
    window = DisplayWindow()
    window.resize(1920, 1080)
    window.show()
    shown: dict[str, float] = {}

    def on_update(update: Update) -> None:
        window.apply_update(update)
        if not update.initial:
            shown.setdefault(window.now.number.text(), time.time())
            for call in window.state.history:
                shown.setdefault(call.number, time.time())

    feed = LiveFeed(db, parent=window)
    feed.updated.connect(on_update)
    feed.start()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    proc = subprocess.Popen(
        [sys.executable, "-c", CALLER, url, str(calls), str(pace)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    wait(300)  # let the first update land, then start the traffic
    assert proc.stdin is not None
    proc.stdin.write("go\n")
    proc.stdin.close()
    while proc.poll() is None:
        wait(100)
    wait(500)
    feed.stop()
    out = proc.stdout.read() if proc.stdout else ""
    delays = []
    for line in out.splitlines():
        number, committed = line.split()
        delays.append((shown[number] - float(committed)) * 1000)
    window.close()
    db.dispose()
    return delays


def memory(url: str) -> tuple[float, float]:
    db = Database(url)
    first = load_initial(db)
    window = DisplayWindow()
    window.resize(1920, 1080)
    window.show()
    window.apply_update(first)
    at_100 = 0.0
    for i in range(1, 10_001):
        number = f"{'ABCDEFGHIJK'[i % 11]}{i % 1000:03d}"
        event = CallEvent(
            10_000 + i, "call", number, 1 + i % 12, "X", "Instansi", datetime.now(UTC)
        )
        window.apply_update(replace(first, calls=[event], initial=False))
        if i % 25 == 0:
            QApplication.processEvents()
        if i == 100:
            at_100 = rss_mb()
    QApplication.processEvents()
    at_10000 = rss_mb()
    window.close()
    db.dispose()
    return at_100, at_10000


def idle_cpu(url: str, seconds: int) -> float:
    db = Database(url)
    window = DisplayWindow()
    window.resize(1920, 1080)
    window.show()
    feed = LiveFeed(db, parent=window)
    feed.updated.connect(window.apply_update)
    feed.start()
    wait(2000)
    start, t0 = os.times(), time.monotonic()
    wait(seconds * 1000)
    end, t1 = os.times(), time.monotonic()
    feed.stop()
    window.close()
    db.dispose()
    used = (end.user - start.user) + (end.system - start.system)
    return 100 * used / (t1 - t0)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=220)
    parser.add_argument("--pace", type=float, default=0.12, help="seconds between calls")
    parser.add_argument("--idle-seconds", type=int, default=20)
    parser.add_argument("--postgres", action="store_true",
                        help="on a private PostgreSQL server (LISTEN/NOTIFY) instead of SQLite")
    args = parser.parse_args()
    app = QApplication([])
    apply_theme(app, dark=True)
    server = None
    if args.postgres:
        from tests.pgserver import PostgresServer

        server = PostgresServer().start()
        url = server.create_database()
    else:
        folder = scratch_folder("antre-bench-db-")
        url = f"sqlite:///{folder / 'antre.db'}"
    try:
        return _measure(args, url)
    finally:
        if server is not None:
            server.stop()


def _measure(args: argparse.Namespace, url: str) -> int:
    setup = Database(url)
    init_database(setup, ASSETS_DIR / "sites" / "demo.toml")
    setup.dispose()
    print(f"on {'PostgreSQL' if url.startswith('postgresql') else 'SQLite'}")
    delays = sorted(latency(url, args.calls, args.pace))
    p95 = delays[int(0.95 * (len(delays) - 1))]
    print(f"latency over {len(delays)} calls: median {statistics.median(delays):.0f} ms, "
          f"p95 {p95:.0f} ms, max {delays[-1]:.0f} ms")  # fmt: skip
    small, large = memory(url)
    print(f"memory (RSS): {small:.1f} MB after 100 calls, {large:.1f} MB after 10,000 "
          f"({100 * (large - small) / small:+.1f}%)")  # fmt: skip
    print(f"idle CPU over {args.idle_seconds} s: {idle_cpu(url, args.idle_seconds):.2f}% of a core")
    return 0


if __name__ == "__main__":
    sys.exit(main())
