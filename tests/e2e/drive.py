"""Runs one real app (its own main(), its own process, offscreen) and drives it like a
person would, reporting what happened as JSON lines on stdout.

    python -m tests.e2e.drive kiosk   --db URL --tap DUKCAPIL
    python -m tests.e2e.drive counter --db URL --counter 3 --staff NAME --pin 1234 --call-when-waiting
    python -m tests.e2e.drive display --db URL --expect B001

Each step runs from a QTimer inside the app's own event loop; no sleeps.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPushButton, QWidget


def say(event: str, **data: object) -> None:
    print(json.dumps({"event": event, "time": time.time(), **data}), flush=True)


def widgets() -> list[QWidget]:
    found: list[QWidget] = []
    for top in QApplication.topLevelWidgets():
        if top.isVisible():
            found.append(top)
            found.extend(w for w in top.findChildren(QWidget) if w.isVisible())
    return found


def texts() -> list[str]:
    result = []
    for w in widgets():
        text = getattr(w, "text", None)
        if callable(text):
            try:
                value = text()
            except TypeError:
                continue
            if isinstance(value, str):
                result.append(value)
    return result


class Script(QObject):
    """A list of steps; each returns True when done, and is retried every 5 ms until then."""

    def __init__(self, steps: list[Callable[[], bool]], *, limit_s: float = 180) -> None:
        super().__init__(QApplication.instance())
        self.steps = steps
        self.deadline = time.monotonic() + limit_s
        self.timer = QTimer(self)
        self.timer.setInterval(5)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def tick(self) -> None:
        if time.monotonic() > self.deadline:
            say("timeout", texts=texts()[:40])
            QApplication.exit(3)
            return
        while self.steps and self.steps[0]():
            self.steps.pop(0)
        if not self.steps:
            self.timer.stop()
            say("finished")
            QApplication.exit(0)


def kiosk_steps(args: argparse.Namespace) -> list[Callable[[], bool]]:
    def tap() -> bool:
        button = next((w for w in widgets() if w.objectName() == f"service-{args.tap}"), None)
        if button is None or not button.isEnabled():
            return False
        say("tap", agency=args.tap)
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        return True

    def confirmed() -> bool:
        numbers = [t for t in texts() if len(t) == 4 and t[0] == args.prefix and t[1:].isdigit()]
        if numbers:
            say("ticket", number=numbers[0])
            return True
        return False

    return [tap, confirmed]


def counter_steps(args: argparse.Namespace) -> list[Callable[[], bool]]:
    def sign_in() -> bool:
        field = next((w for w in widgets() if isinstance(w, QLineEdit)
                      and w.echoMode() == QLineEdit.EchoMode.Password), None)
        names = next((w for w in widgets() if isinstance(w, QComboBox)), None)
        if field is None or names is None or names.count() == 0:
            return False
        for _ in range(names.count()):  # the arrow keys, as a person would
            if not args.staff or names.currentText() == args.staff:
                break
            QTest.keyClick(names, Qt.Key.Key_Down)
        QTest.keyClicks(field, args.pin)
        QTest.keyClick(field, Qt.Key.Key_Return)
        say("signed_in_typed")
        return True

    def ready() -> bool:
        button = next((w for w in widgets() if isinstance(w, QPushButton)
                       and w.objectName() == "call_next"), None)
        if button is not None:  # the work screen is up (call is enabled once someone waits)
            say("ready")
            return True
        return False

    from shared import status
    from shared.db import Database

    observer = Database(args.db)
    last_look = [0.0]

    def someone_waiting() -> bool:
        if time.monotonic() - last_look[0] < 0.05:  # the observer looks 20 times a second
            return False
        last_look[0] = time.monotonic()
        snap = status.snapshot(observer, with_tickets=False)
        return any(a.waiting for a in snap.agencies if a.prefix == args.prefix)

    def call() -> bool:
        if not args.call_when_waiting:
            return True
        button = next((w for w in widgets() if w.objectName() == "call_next"), None)
        if button is None or not button.isEnabled() or not someone_waiting():
            return False
        say("press_call")
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        return True

    def serving() -> bool:
        if not args.call_when_waiting:
            return True
        label = next((w for w in widgets() if w.objectName() == "currentNumber"), None)
        text = label.text() if label is not None else ""  # type: ignore[attr-defined]
        if text.startswith(args.prefix) and text[1:].isdigit():
            say("serving", number=text)
            return True
        return False

    return [sign_in, ready, call, serving]


def display_steps(args: argparse.Namespace) -> list[Callable[[], bool]]:
    def started() -> bool:
        say("display_up")
        return True

    def shows() -> bool:
        if any(args.expect in t for t in texts()):
            say("shown", number=args.expect)
            return True
        return False

    return [started, shows]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("app", choices=("kiosk", "counter", "display"))
    parser.add_argument("--db", required=True)
    parser.add_argument("--tap", default="DUKCAPIL")
    parser.add_argument("--prefix", default="B")
    parser.add_argument("--counter", type=int, default=3)
    parser.add_argument("--staff", default="", help="the name to choose (default: as offered)")
    parser.add_argument("--pin", default="1234")
    parser.add_argument("--call-when-waiting", action="store_true")
    parser.add_argument("--expect", default="B001")
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    steps = {"kiosk": kiosk_steps, "counter": counter_steps, "display": display_steps}[args.app](args)
    Script(steps)
    if args.app == "kiosk":
        from kiosk.__main__ import main as app_main

        argv = ["--db", args.db, "--windowed", "--printer", "none"]
    elif args.app == "counter":
        from counter.__main__ import main as app_main  # type: ignore[no-redef]

        argv = ["--db", args.db, "--windowed", "--counter", str(args.counter)]
    else:
        from display.__main__ import main as app_main  # type: ignore[no-redef]

        argv = ["--db", args.db, "--windowed", "--no-sound"]
    del app
    return int(app_main(argv))


if __name__ == "__main__":
    sys.exit(main())
