"""A SQLite commit made durable after the write lock is given back (group commit by the kernel).

The connections run WAL with synchronous=NORMAL: a commit writes its frames to the -wal file
without fsync, so the write lock is held for the writes only. SQLite still syncs the WAL
before each checkpoint and the database file after it, so a frame is only overwritten or
removed (WAL restart, journal_size_limit, the last connection closing) once it is safe in
the database file. `WalSync` is called after the transaction committed and the write gate
was released, before the caller learns of the success (before a ticket is printed or
shown): it fsyncs the -wal file, so the promise is that of synchronous=FULL, but the next
writer works meanwhile and fsyncs that overlap share one journal commit.

fsync is per file, not per descriptor: our descriptor flushes the frames SQLite wrote
through its own. Where there is fdatasync (Linux), the -wal file is synced with it, as SQLite
syncs its own files there: the data and what is needed to read it back (the file's size), not
its modification time, so a commit into frames the WAL already had costs no journal commit. No -wal file means it was checkpointed into the database file (synced)
and removed. The first sync of a -wal file also syncs its folder, as SQLite does for a new
WAL, so the file itself survives a power cut. On Windows os.fsync is FlushFileBuffers (it
needs a writable descriptor); there is no folder to sync.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from shared.errors import DatabaseError

_WINDOWS = os.name == "nt"
_OPEN_FLAGS = (os.O_RDWR | getattr(os, "O_BINARY", 0)) if _WINDOWS else os.O_RDONLY


def _sync_data(fd: int) -> None:
    """fdatasync where the platform has it, else fsync (looked up at each call)."""
    getattr(os, "fdatasync", os.fsync)(fd)


class WalSync:
    """Fsyncs the -wal file of one SQLite database (and its folder, once per -wal file)."""

    def __init__(self, database: Path) -> None:
        self.path = Path(f"{database}-wal")
        self._synced: tuple[int, int] | None = None  # (device, inode) whose folder is synced

    def __call__(self) -> None:
        try:
            fd = os.open(self.path, _OPEN_FLAGS)
        except FileNotFoundError:
            return  # checkpointed into the database file, synced there, and removed
        except OSError as error:
            raise _failed(self.path, error) from None
        try:
            info = os.fstat(fd)
            _sync_data(fd)
            if (info.st_dev, info.st_ino) != self._synced and not _WINDOWS:
                _sync_folder(self.path.parent)
            self._synced = (info.st_dev, info.st_ino)
        except OSError as error:
            raise _failed(self.path, error) from None
        finally:
            os.close(fd)


def _sync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _failed(path: Path, error: OSError) -> DatabaseError:
    """A commit whose durability cannot be confirmed: said, never taken as a success."""
    if error.errno == errno.ENOSPC:
        return DatabaseError("error.db_disk_full", where=str(path))
    return DatabaseError("error.db_other", where=str(path), detail=error.strerror or str(error))
