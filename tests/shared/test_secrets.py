"""Secrets stay secret: private files, no password on a command line, slow PIN hashes."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from shared import staff
from shared.backup import backup
from shared.db import Database
from shared.setup import init_database
from tests.conftest import DEMO_SITE


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def run_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`antre` as a real process started with the usual umask 022 (files would be 0644)."""
    return subprocess.run(
        [sys.executable, "-c", "import os, sys; os.umask(0o022); "
         "from shared.cli.main import main; sys.exit(main(sys.argv[1:]))", *args],
        capture_output=True, text=True, timeout=120, env={**os.environ, **env})


def test_database_wal_backup_and_logs_are_private(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {"ANTRE_HOME": str(home)}
    done = run_cli("init", "--site", str(DEMO_SITE), env=env)
    assert done.returncode == 0, done.stderr
    database = home / "antre.db"
    assert mode(home) == 0o700 and mode(database) == 0o600
    db = Database(f"sqlite:///{database}")
    try:
        staff.add_staff(db, name="Siti", pin="4821")  # a write while open: WAL and SHM exist
        for suffix in ("-wal", "-shm"):
            assert mode(database.with_name("antre.db" + suffix)) == 0o600
        assert run_cli("backup", str(tmp_path / "copy.db"), env=env).returncode == 0
        assert mode(tmp_path / "copy.db") == 0o600
    finally:
        db.dispose()
    logged = subprocess.run(
        [sys.executable, "-c", "import os, logging; os.umask(0o022); "
         "from shared.logs import setup_logging; setup_logging('kiosk', to_stderr=False); "
         "logging.getLogger('antre').warning('hello')"],
        env={**os.environ, **env}, timeout=60, check=True)
    assert logged.returncode == 0
    assert mode(home / "logs") == 0o700 and mode(home / "logs" / "kiosk.log") == 0o600


def test_an_old_world_readable_database_is_tightened_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "antre.db"
    db = Database(f"sqlite:///{path}")
    init_database(db, DEMO_SITE)
    db.dispose()
    path.chmod(0o644)
    db = Database(f"sqlite:///{path}")
    try:
        staff.list_staff(db)
        assert mode(path) == 0o600
    finally:
        db.dispose()


@pytest.mark.postgres
def test_pg_dump_never_sees_the_password_on_its_command_line(
    pg_server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    """A pg_dump wrapper records its own /proc/PID/cmdline (what `ps` shows every user), then
    runs the real pg_dump against a role that must log in with its password."""
    password = "Rahasia-8812"
    url = pg_server.password_role("antre_secret", password)
    database = Database(url)
    init_database(database, DEMO_SITE)
    real = subprocess.run(["which", "pg_dump"], capture_output=True, text=True).stdout.strip()
    shown = tmp_path / "cmdline"
    wrapper = tmp_path / "bin" / "pg_dump"
    wrapper.parent.mkdir()
    wrapper.write_text(f"#!/bin/sh\ntr '\\0' ' ' < /proc/$$/cmdline > {shown}\n"
                       f"exec {real} \"$@\"\n")
    wrapper.chmod(0o755)
    monkeypatch.setenv("PATH", f"{wrapper.parent}:{os.environ['PATH']}")
    monkeypatch.delenv("PGPASSWORD", raising=False)
    try:
        target = backup(database, tmp_path / "antre.dump")
    finally:
        database.dispose()
    command_line = shown.read_text()
    assert "pg_dump" in command_line and "antre_secret" in command_line
    assert password not in command_line
    assert target.read_bytes()[:5] == b"PGDMP" and mode(target) == 0o600


def test_a_group_shared_site_folder_keeps_group_access_and_drops_others(tmp_path: Path) -> None:
    """README's shared-account setup (ANTRE_HOME with group rwx): the accounts of the group
    still share the database and logs; other users get nothing."""
    home = tmp_path / "site"
    home.mkdir()
    home.chmod(0o2770)
    env = {"ANTRE_HOME": str(home)}
    assert run_cli("init", "--site", str(DEMO_SITE), env=env).returncode == 0
    assert mode(home / "antre.db") == 0o660
    (home / "antre.db").chmod(0o664)
    db = Database(f"sqlite:///{home / 'antre.db'}")
    try:
        staff.list_staff(db)
        assert mode(home / "antre.db") == 0o660
    finally:
        db.dispose()


def test_world_readable_station_file_with_a_password_is_warned_about(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from shared.station import load_station

    path = tmp_path / "station.toml"
    path.write_text('[station]\ndb = "postgresql+psycopg://antre:Rahasia@10.0.0.5/antre"\n')
    path.chmod(0o644)
    with caplog.at_level("WARNING", logger="antre.station"):
        load_station(path)
    assert "chmod 600" in caplog.text and "Rahasia" not in caplog.text
    caplog.clear()
    path.chmod(0o600)
    with caplog.at_level("WARNING", logger="antre.station"):
        load_station(path)
    assert caplog.text == ""
    path.write_text('[station]\ndb = "postgresql+psycopg://antre@10.0.0.5/antre"\n')
    path.chmod(0o644)  # no password in it: nothing to warn about
    with caplog.at_level("WARNING", logger="antre.station"):
        load_station(path)
    assert caplog.text == ""
