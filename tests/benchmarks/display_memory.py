"""Hall display memory over a day of calls, with the real announcer speaking each one.

Run:  QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.benchmarks.display_memory [--calls 3000]

A DisplayWindow with a real shared.qt.announcer.Announcer (a QAudioSink per call, or with no
audio device a timer as long as the clip; a 40 ms clip per call so a day's calls fit in
minutes) gets the calls one by one through its update path, and each call is spoken before the
next comes. With a sound server (even a null sink) each call also waits for the sink's
latency, ~0.4-1.5 s here: `--calls 1000` keeps that run under 20 minutes. Prints the resident set (/proc/self/statm) after
the first 300 calls and at the end, the growth per call, and the ten places whose Python
allocations grew most in between (tracemalloc), to find what keeps memory.
"""

from __future__ import annotations

import argparse
import os
import sys
import tracemalloc
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from tests.benchmarks import scratch_folder

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ANTRE_HOME", str(scratch_folder("antre-bench-")))
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false")

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from display.live import load_initial
from display.window import DisplayWindow
from shared.db import Database
from shared.feed import CallEvent
from shared.paths import ASSETS_DIR
from shared.qt.announcer import Announcer
from shared.qt.theme import apply_theme
from shared.setup import init_database
from shared.voice.wavjoin import frames_to_wav, silence

WARMUP = 300


def rss_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def short_call(number: str, counter: int) -> bytes:
    return frames_to_wav(silence(40))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=3000)
    parser.add_argument("--no-sound", action="store_true", help="the announcer's silent mode")
    args = parser.parse_args()
    app = QApplication([])
    apply_theme(app, dark=True)
    folder = scratch_folder("antre-bench-db-")
    db = Database(f"sqlite:///{folder / 'antre.db'}")
    init_database(db, ASSETS_DIR / "sites" / "demo.toml")
    first = load_initial(db)
    announcer = Announcer(app, enabled=not args.no_sound, render=short_call)
    window = DisplayWindow(announcer=announcer)
    window.resize(1920, 1080)
    window.show()
    window.apply_update(first)
    loop = QEventLoop()
    announcer.idle.connect(loop.quit)
    guard = QTimer(singleShot=True, interval=10_000)  # a stuck call must not stop the run
    guard.timeout.connect(loop.quit)
    at_warmup = 0.0
    for i in range(1, args.calls + 1):
        number = f"{'ABCDEFGHIJK'[i % 11]}{i % 999 + 1:03d}"
        event = CallEvent(10_000 + i, "call", number, 1 + i % 12, "X", "Instansi",
                          datetime.now(UTC))
        window.apply_update(replace(first, calls=[event], initial=False))
        guard.start()
        loop.exec()
        if i == WARMUP:
            at_warmup = rss_mb()
            tracemalloc.start(10)
            before = tracemalloc.take_snapshot()
    app.processEvents()
    at_end = rss_mb()
    after = tracemalloc.take_snapshot()
    per_call_kb = (at_end - at_warmup) * 1024 / (args.calls - WARMUP)
    print(f"RSS {at_warmup:.1f} MB after {WARMUP} calls, {at_end:.1f} MB after {args.calls} "
          f"({per_call_kb:+.2f} KB per call)")
    print("Python allocations that grew most:")
    for stat in after.compare_to(before, "traceback")[:6]:
        print(f"  {stat.size_diff / 1024:+.1f} KB in {stat.count_diff:+d} blocks")
        for line in stat.traceback.format()[-6:]:
            print(f"      {line}")
    announcer.shutdown()
    window.close()
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
