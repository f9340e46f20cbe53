"""Drives a real console headless in its own process, by keyboard like a person:
chooses the name, types the PIN, waits for a "go" file, then presses F1 (call next) N times.

    python tests/counter/drive_console.py URL COUNTER NAME PIN PRESSES GO_FILE

Prints "ready" once signed in, then one JSON line with the numbers it was shown.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from counter.window import CounterWindow
from shared.db import Database


def wait_until(app: QApplication, condition: Callable[[], bool], timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the console did not get there in time")
        loop = QEventLoop()  # run the event loop for a moment, then look again
        QTimer.singleShot(2, loop.quit)
        loop.exec()


def main(url: str, counter: int, name: str, pin: str, presses: int, go_file: Path) -> int:
    app = QApplication([])
    db = Database(url)
    window = CounterWindow(db, counter)
    window.show()
    window.activateWindow()
    window.start()
    wait_until(app, lambda: window.signin.name.count() > 0)
    for _ in range(window.signin.name.count()):  # the arrow keys, as a person would
        if window.signin.name.currentText() == name:
            break
        QTest.keyClick(window.signin.name, Qt.Key.Key_Down)
    QTest.keyClicks(window.signin.pin, pin)
    QTest.keyClick(window.signin.pin, Qt.Key.Key_Return)
    wait_until(app, lambda: window.console.state is not None and not window.console.busy)
    print("ready", flush=True)
    wait_until(app, go_file.exists, timeout=60)
    shown: list[str] = []
    done = [0]
    window.console.action_done.connect(lambda _key: done.__setitem__(0, done[0] + 1))
    for press in range(presses):
        QTest.keyClick(window.work.table, Qt.Key.Key_F1)
        wait_until(app, lambda press=press: done[0] > press)
        current = window.console.state.current if window.console.state else None
        if current is not None:
            shown.append(current.number)
    print(json.dumps({"counter": counter, "shown": shown}), flush=True)
    window.shutdown()
    db.dispose()
    return 0


if __name__ == "__main__":
    url, counter, name, pin, presses, go = sys.argv[1:7]
    sys.exit(main(url, int(counter), name, pin, int(presses), Path(go)))
