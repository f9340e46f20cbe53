"""`antre demo`: the whole MPP on one screen — kiosk, hall display and two counter
consoles — on an SQLite demo database whose agencies are open round the clock."""

from __future__ import annotations

import json
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from shared import lookups, staff
from shared.db import Database
from shared.paths import DEMO_SITE_FILE, data_dir, sqlite_url
from shared.setup import init_database
from shared.station import default_station_file

log = logging.getLogger("antre.demo")
DEMO_STAFF = ("Petugas Demo", "1234")
STATION_MARK = "# Written by `antre demo`"


@dataclass(frozen=True)
class Window:
    module: str
    args: tuple[str, ...]
    geometry: tuple[float, float, float, float]  # x, y, width, height: fractions of the screen
    scale: float = 1.0  # QT_SCALE_FACTOR: the counter console is laid out for 1366x768 and up


def prepare(db_url: str | None, *, web_url: str = "") -> Database:
    """Creates or refreshes the demo database with the demo site and a staff member;
    `web_url` is where phones reach antre-web (printed on tickets, under the QR)."""
    db = Database(db_url or sqlite_url(data_dir() / "demo.db"))
    init_database(db, DEMO_SITE_FILE)
    if all(s.name != DEMO_STAFF[0] for s in staff.list_staff(db)):
        staff.add_staff(db, name=DEMO_STAFF[0], pin=DEMO_STAFF[1])
    if web_url:
        with db.write() as session:
            lookups.site(session).web_base_url = web_url
    return db


def lan_address() -> str:
    """This PC's address on its network (what a phone on the hall's Wi-Fi would use);
    no packet is sent. 127.0.0.1 when there is no network."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed anywhere
            return str(probe.getsockname()[0])
        except OSError:
            return "127.0.0.1"


def free_port(preferred: int) -> int:
    """`preferred` when nothing listens on it, else any free port."""
    for port in (preferred, 0):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as trial:
            try:
                trial.bind(("0.0.0.0", port))
                return int(trial.getsockname()[1])
            except OSError:
                continue
    raise OSError("no free port for the web service")


def layout() -> list[Window]:
    """Kiosk on the left, the hall display top right, two counter consoles below it."""
    return [
        Window("kiosk", ("--windowed", "--printer", "preview"), (0.0, 0.0, 0.35, 1.0)),
        Window("display", ("--windowed",), (0.35, 0.0, 0.65, 0.55)),
        Window("counter", ("--windowed", "--counter", "1"), (0.35, 0.55, 0.325, 0.45), 0.6),
        Window("counter", ("--windowed", "--counter", "3"), (0.675, 0.55, 0.325, 0.45), 0.6),
    ]


def write_station_file(db: Database) -> Path | None:
    """Names the demo database in this PC's station file, so `antre status` just works.

    Only a missing station file, or one the demo wrote itself, is (re)written; a real station's
    file is left alone (returns None).
    """
    path = default_station_file()
    try:
        if path.exists() and not path.read_text(encoding="utf-8").startswith(STATION_MARK):
            return None
        target = str(db.path) if db.path is not None else db.url
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"{STATION_MARK}: on this PC the apps and `antre` use the demo database.\n"
            "# Delete this file (or change db) when the PC goes into service.\n"
            f"[station]\ndb = {json.dumps(target, ensure_ascii=False)}\n",  # a TOML string
            encoding="utf-8",
        )
    except (OSError, UnicodeDecodeError) as error:
        log.warning("cannot write the station file %s: %s", path, error)
        return None
    return path


STOP_GRACE_SECONDS = 10  # then an app that has not closed is killed


class _Stop(Exception):
    """Ctrl+C, SIGTERM or SIGHUP reached the demo: stop, with 128 + the signal number."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.code = 128 + signum


class _Signals:
    """Turns the stop signals into _Stop, but not while a child is being started: a signal
    then waits until the Popen object exists (else the new app would be left running)."""

    def __init__(self) -> None:
        self.starting = True
        self.pending: int | None = None

    def __call__(self, signum: int, _frame: FrameType | None) -> None:
        if self.starting:
            self.pending = self.pending or signum
        else:
            raise _Stop(signum)

    def started(self) -> None:
        self.starting = False
        if self.pending is not None:
            raise _Stop(self.pending)


def run_demo(*, db_url: str | None = None, sound: bool = True, web_port: int = 8080) -> int:
    """Starts the four apps and the web service; returns when an app closes, or 130 on
    Ctrl+C, stopping them all."""
    # The stop signals are caught from the first moment: a Ctrl+C while the database is being
    # prepared is kept and acted on once the started apps are recorded (a KeyboardInterrupt
    # landing in a finalizer there would be swallowed, and the demo would run on).
    signals = _Signals()
    previous = {s: signal.signal(s, signals) for s in _stop_signals()}
    try:
        return _run(signals, db_url=db_url, sound=sound, web_port=web_port)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _run(signals: _Signals, *, db_url: str | None, sound: bool, web_port: int) -> int:
    port = free_port(web_port)
    web_url = f"http://{lan_address()}:{port}"
    db = prepare(db_url, web_url=web_url)
    url = db.url
    station = write_station_file(db)
    db.dispose()
    print(f"Antre demo on {db.path or url}")
    if station is not None:
        print(f"  station file {station} names it: `antre status` on this PC reads it")
    else:
        print(f"  (station file {default_station_file()} names another database: "
              f"use `antre --db {url} status`)")
    print(f"  staff PIN for the counters: {DEMO_STAFF[1]} ({DEMO_STAFF[0]})\n"
          f"  phones on this network: {web_url}/ (hall board; a ticket's QR opens its page)\n"
          f"  online booking: {web_url}/booking (check in with the code at the kiosk)\n"
          "  close any window or press Ctrl+C here to stop everything.", flush=True)
    processes: list[subprocess.Popen[bytes]] = []
    services: list[subprocess.Popen[bytes]] = []
    try:
        # The web service has no window: the demo does not end with it, it ends with the demo.
        _spawn_guarded(services, [sys.executable, "-m", "web", "--db", url, "--host",
                                  "0.0.0.0", "--port", str(port)])
        for window in layout():
            processes.append(_start(window, url, sound=sound))
            if signals.pending is not None:
                break
        signals.started()
        return _wait_any(processes)
    except _Stop as stop:
        return stop.code
    finally:
        _stop_all(processes + services)


def _spawn_guarded(into: list[subprocess.Popen[bytes]], args: list[str]) -> None:
    """Starts a process and records it with Ctrl+C held back meanwhile, so an interrupt can
    never leave a started process unrecorded (and running after the demo)."""
    if sys.platform == "win32":
        into.append(subprocess.Popen(args))
        return
    held = {signal.SIGINT, *_stop_signals()}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        into.append(subprocess.Popen(
            args, start_new_session=True,
            # The child must not inherit the held-back signals.
            preexec_fn=lambda: signal.pthread_sigmask(signal.SIG_SETMASK, previous)))
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _stop_signals() -> list[int]:
    if sys.platform == "win32":
        return [signal.SIGINT]  # Ctrl+C; Windows has no SIGHUP and no catchable SIGTERM
    return [signal.SIGINT, signal.SIGTERM, signal.SIGHUP]


def _start(window: Window, url: str, *, sound: bool) -> subprocess.Popen[bytes]:
    """One app as a child process.

    On POSIX each child gets its own session: the terminal's Ctrl+C reaches only the demo,
    which then stops the apps with SIGTERM (an app still importing just ends, no traceback;
    a running one closes cleanly). On Windows the console's Ctrl+C reaches every process.
    """
    args = [sys.executable, "-m", window.module, "--db", url, *window.args,
            "--geometry", ",".join(f"{v:g}" for v in window.geometry)]
    if window.module == "display" and not sound:
        args.append("--no-sound")
    env = {**os.environ, "QT_SCALE_FACTOR": f"{window.scale:g}"}
    return subprocess.Popen(args, env=env, start_new_session=sys.platform != "win32")


def _stop_all(processes: list[subprocess.Popen[bytes]]) -> None:
    """Asks every app still running to close, waits, and kills one that hangs.

    A second Ctrl+C while the apps close is ignored, so none is left behind.
    """
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        for process in processes:
            if process.poll() is None:
                process.terminate()  # SIGTERM on POSIX
        deadline = time.monotonic() + STOP_GRACE_SECONDS  # one grace for all, not one each
        for process in processes:
            try:
                process.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                log.warning("an app (pid %d) did not close; killing it", process.pid)
                process.kill()
                process.wait()
    finally:
        signal.signal(signal.SIGINT, previous)


def _wait_any(processes: list[subprocess.Popen[bytes]]) -> int:
    """Returns when the first window closes (its exit status)."""
    while True:
        for process in processes:
            code = process.poll()
            if code is not None:
                return code
        try:
            processes[0].wait(timeout=0.5)
        except subprocess.TimeoutExpired:
            continue
