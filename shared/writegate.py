"""Writers of one SQLite file take turns through an OS lock, woken the moment it is free.

SQLite's own busy handler polls: a writer that finds the file locked sleeps 1, 2, 5, 10, ...
up to 100 ms between attempts, so with a dozen processes writing at once a kiosk tap could
wait seconds while the lock sat free between sleeps. Here every write transaction first
queues on a small file beside the database (`antre.db-lock`, see WriteGate): the kernel wakes
a waiter as soon as the writer before it is done, and only then does it run BEGIN IMMEDIATE,
which finds SQLite's write lock free. Threads of one process queue on a threading lock first,
one lock and one open lock file per real path for the whole process however many Database
objects it has: POSIX record locks belong to the process (two descriptors of one process do
not exclude each other), and closing any descriptor of the file drops all of the process's
locks on it, so a second descriptor would let writers barge and a dispose() would release a
turn another thread still holds. The locks die with their process, so a killed
writer never leaves the queue stuck. SQLite's busy_timeout stays as the fallback for writers
that do not use the gate (migrations, an older Antre, the sqlite3 shell).

On a platform without fcntl (Windows) the gate is open and SQLite's busy handler alone decides.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


QUEUE_BASE = 1 << 20  # the byte offsets of the queue (the counter lives at 0..7)
QUEUE_SLOTS = 1 << 20


class _Shared:
    """What every WriteGate of one lock file in this process shares."""

    def __init__(self) -> None:
        self.lock = threading.Lock()  # the process's place in the queue, one thread at a time
        self.fd: int | None = None  # opened once, closed when the last gate closes
        self.users = 0


_SHARED: dict[str, _Shared] = {}  # real path of the lock file -> its shared state
_SHARED_LOCK = threading.Lock()


class WriteGate:
    """A first-come, first-served queue of writers, in POSIX record locks on one small file.

    A writer takes the next ticket N (a counter in the file, read and bumped under a lock on
    its bytes), locks byte QUEUE_BASE+N as its own, then waits for the byte of ticket N-1:
    that lock is held by the writer before it until its transaction ends (or its process
    dies, which releases it too). So writers go strictly in the order they arrived, each
    woken by the kernel the moment the one before it is done; no polling, no barging.
    """

    def __init__(self, database: Path) -> None:
        self.path = Path(f"{database}-lock")
        self._database = database
        self._key = os.path.realpath(self.path)
        with _SHARED_LOCK:
            self._shared = _SHARED.setdefault(self._key, _Shared())
            self._shared.users += 1
        self._closed = False

    @contextlib.contextmanager
    def hold(self) -> Iterator[None]:
        """Exclusive for this write transaction, across threads, Database objects and
        processes."""
        with self._shared.lock:
            fd = self._descriptor()
            if fd is None:
                yield
                return
            mine = self._enqueue(fd)
            try:
                before = QUEUE_BASE + (mine - 1) % QUEUE_SLOTS
                fcntl.lockf(fd, fcntl.LOCK_EX, 1, before)  # wait for the writer before us
                fcntl.lockf(fd, fcntl.LOCK_UN, 1, before)
                yield
            finally:
                fcntl.lockf(fd, fcntl.LOCK_UN, 1, QUEUE_BASE + mine % QUEUE_SLOTS)

    @staticmethod
    def _enqueue(fd: int) -> int:
        """Takes the next ticket and locks its byte (both under the counter's lock)."""
        fcntl.lockf(fd, fcntl.LOCK_EX, 8, 0)
        try:
            raw = os.pread(fd, 8, 0)
            ticket = int.from_bytes(raw, "little") if len(raw) == 8 else 0
            os.pwrite(fd, ((ticket + 1) % QUEUE_SLOTS).to_bytes(8, "little"), 0)
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, QUEUE_BASE + ticket)
        finally:
            fcntl.lockf(fd, fcntl.LOCK_UN, 8, 0)
        return ticket

    def _descriptor(self) -> int | None:
        """The process's descriptor of the lock file (called holding the shared lock)."""
        if fcntl is None:
            return None
        shared = self._shared
        if shared.fd is None:
            if not self._database.exists():
                return None  # the write fails on the missing database and says so
            try:
                shared.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            except OSError:
                return None  # a read-only folder: SQLite reports what matters
        return shared.fd

    def close(self) -> None:
        """Closes the lock file when no other gate of this process uses it. Under the
        registry's lock, so no new gate can open a second descriptor meanwhile."""
        with _SHARED_LOCK:
            if self._closed:
                return
            self._closed = True
            shared = self._shared
            shared.users -= 1
            if shared.users > 0:
                return
            del _SHARED[self._key]
            with shared.lock:
                if shared.fd is not None:
                    os.close(shared.fd)
                    shared.fd = None
