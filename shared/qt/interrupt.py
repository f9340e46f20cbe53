"""Ctrl+C and `kill` end an app like closing its window: the event loop stops, the app's
clean-up runs (database disposed, sound stopped), exit status 130 (SIGINT) or 143 (SIGTERM),
no traceback.

Python runs a signal handler only between bytecodes, and while Qt's event loop waits in C++ no
bytecode runs: the loop must be woken. On POSIX the signal writes a byte to a pipe
(signal.set_wakeup_fd) that a QSocketNotifier watches (qutebrowser does the same); on Windows,
where Ctrl+C is a console event rather than a signal to a process group, a slow timer gives
Python a chance to run the handler.
"""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType

from PySide6.QtCore import QCoreApplication, QSocketNotifier, QTimer

WINDOWS_POLL_MS = 250
_installed: list[QCoreApplication] = []


def quit_on_signals(app: QCoreApplication) -> None:
    """SIGINT/SIGTERM make `app.exec()` return 128 + the signal number (once per app)."""
    if any(done is app for done in _installed):
        return
    _installed.append(app)

    def handler(signum: int, _frame: FrameType | None) -> None:
        # A posted call: it also works when the loop has not started yet (it runs first thing).
        QTimer.singleShot(0, app, lambda: app.exit(128 + signum))

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, handler)
    if sys.platform == "win32":
        _poll_on_windows(app)
    else:
        _wake_on_posix(app)


def _poll_on_windows(app: QCoreApplication) -> None:
    timer = QTimer(app)
    timer.timeout.connect(lambda: None)  # returning to Python lets the handler run
    timer.start(WINDOWS_POLL_MS)


def _wake_on_posix(app: QCoreApplication) -> None:
    """The pipe lives as long as the process (one per process: see quit_on_signals)."""
    read_fd, write_fd = os.pipe()
    os.set_blocking(read_fd, False)
    os.set_blocking(write_fd, False)
    signal.set_wakeup_fd(write_fd)
    notifier = QSocketNotifier(read_fd, QSocketNotifier.Type.Read, app)

    def drain() -> None:
        try:
            while os.read(read_fd, 512):
                pass
        except BlockingIOError:
            pass

    notifier.activated.connect(drain)
