"""Files Antre reads and writes: small settings files read safely, private files and folders.

Settings files (site, station) are read only when they are regular files, with a size limit,
so a FIFO or /dev/zero given by mistake is refused at once instead of hanging or filling memory.

The database, its WAL/SHM files, backups and logs hold staff PIN hashes and visitors'
history: Antre creates them readable by their owner only (files 0600, folders 0700).
A folder shared by a group on purpose (README: "A kiosk PC with a shared account", a site-wide
ANTRE_HOME with group rwx) keeps group access: there, "private" means no access for others.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from shared.errors import ConfigError
from shared.words import Said

SETTINGS_MAX_BYTES = 256 * 1024
PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700
PRIVATE_UMASK = 0o077
SHARED_UMASK = 0o007


def read_small_text(path: Path, *, file: Said, limit: int = SETTINGS_MAX_BYTES) -> str:
    """The UTF-8 text of a regular file of at most `limit` bytes; ConfigError otherwise.

    `file` names it in messages (`Said("config.site_file", {"path": ...})`). Opened without
    blocking, so a FIFO with no writer is refused instead of hanging the start.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise ConfigError("error.file_missing", file=file) from None
    except OSError as exc:
        raise ConfigError("error.file_unreadable", file=file, detail=exc.strerror) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise ConfigError("error.file_not_regular", file=file)
    with os.fdopen(fd, "rb") as handle:
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise ConfigError("error.file_unreadable", file=file, detail=exc.strerror) from None
    if len(data) > limit:
        raise ConfigError("error.file_too_large", file=file, kb=limit // 1024)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError("error.file_not_utf8", file=file) from None


def world_readable(path: Path) -> bool:
    """True when any user of the machine can read `path` (POSIX "other" read bit)."""
    try:
        return bool(path.stat().st_mode & stat.S_IROTH)
    except OSError:
        return False


def group_shared(folder: Path) -> bool:
    """True for a folder its group may read, write and enter (a site-wide data folder)."""
    try:
        return folder.stat().st_mode & 0o070 == 0o070
    except OSError:
        return False


def use_private_umask() -> None:
    """For a whole process (the CLI, each app): new files 0600, new folders 0700; 0660/0770
    when the data folder is shared by a group."""
    from shared.paths import data_dir

    os.umask(SHARED_UMASK if group_shared(data_dir()) else PRIVATE_UMASK)


@contextlib.contextmanager
def private_umask() -> Iterator[None]:
    """Files and folders created inside the block are private (process-wide while it runs)."""
    old = os.umask(PRIVATE_UMASK)
    try:
        yield
    finally:
        os.umask(old)


def make_private_dir(folder: Path) -> None:
    """Creates `folder` (and missing parents) as 0700 (0770 inside a group-shared folder);
    an existing folder is left as it is."""
    shared = group_shared(folder.parent)
    with private_umask():
        folder.mkdir(parents=True, exist_ok=True, mode=0o770 if shared else PRIVATE_DIR)
        if shared:
            folder.chmod(0o770)


def private_mode(folder: Path) -> int:
    """The mode for a new private file in `folder`: 0600, or 0660 in a group-shared folder."""
    return 0o660 if group_shared(folder) else PRIVATE_FILE


def tighten(path: Path) -> None:
    """Makes an existing file of ours 0600 (0660 in a group-shared folder); files from older
    versions were 0644."""
    with contextlib.suppress(OSError):
        info = path.stat()
        mine = not hasattr(os, "geteuid") or info.st_uid == os.geteuid()
        keep = 0o770 if group_shared(path.parent) else 0o700
        if info.st_mode & 0o777 & ~keep and mine:
            path.chmod(stat.S_IMODE(info.st_mode) & keep)


def create_private(path: Path) -> int:
    """Opens `path` for writing, created or truncated, as a 0600 file; returns the fd."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    with contextlib.suppress(OSError):
        os.fchmod(fd, PRIVATE_FILE)
    return fd
