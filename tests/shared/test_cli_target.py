"""`antre` finds the system it administers: --db before or after the command, a plain file
path (spaces, non-ASCII), the station file's database, `antre where`; it imports only what a
command uses; a closed pipe ends quietly; CSV rows end in one CRLF on every platform."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from shared.cli import target
from shared.cli.main import main
from shared.cli.print_cmds import PAPER_WIDTHS
from shared.cli.queue_cmds import write_csv_stdout
from shared.printing.ticket_layout import PAPER_COLUMNS
from tests.conftest import DEMO_SITE

NOW = "2026-11-23T09:00:00+07:00"  # a Monday morning: the demo site is open


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private data folder (default database and station file live here)."""
    folder = tmp_path / "home"
    monkeypatch.setenv("ANTRE_HOME", str(folder))
    monkeypatch.setenv("ANTRE_NOW", NOW)
    monkeypatch.delenv("ANTRE_DB", raising=False)
    return folder


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def waiting(out: str, code: str = "DUKCAPIL") -> int:
    return next(a["waiting"] for a in json.loads(out)["agencies"] if a["code"] == code)


def test_db_before_or_after_the_command(tmp_path: Path, home: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    first, second = f"sqlite:///{tmp_path / 'a.db'}", str(tmp_path / "b.db")
    for url in (first, second):
        assert run(capsys, "init", "--db", url, "--site", str(DEMO_SITE))[0] == 0
    assert run(capsys, "--db", first, "issue", "DUKCAPIL")[0] == 0
    assert waiting(run(capsys, "status", "--json", "--db", first)[1]) == 1
    assert waiting(run(capsys, "--db", first, "status", "--json")[1]) == 1
    # Given twice, the one after the command wins.
    assert waiting(run(capsys, "--db", first, "status", "--db", second, "--json")[1]) == 0
    assert run(capsys, "staff", "add", "Siti", "--pin", "4321", "--db", second)[0] == 0
    assert "Siti" in run(capsys, "staff", "list", "--db", second)[1]
    assert target._opened == []  # every engine was disposed


def test_plain_path_with_spaces_and_non_ascii(tmp_path: Path, home: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "Petugas MPP" / "Antre"
    db_file = folder / "antré #1?.db"
    code, out, err = run(capsys, "--db", str(db_file), "init", "--site", str(DEMO_SITE))
    assert code == 0, err
    assert f"Database ready at {db_file}" in out
    assert db_file.exists()
    assert run(capsys, "--db", str(db_file), "issue", "DUKCAPIL")[0] == 0
    # The same file through a relative path, from a child process started in its folder.
    result = subprocess.run(
        [sys.executable, "-m", "shared.cli.main", "--db", db_file.name, "status", "--json"],
        cwd=folder, capture_output=True, text=True, timeout=60, env=os.environ.copy(),
    )
    assert result.returncode == 0, result.stderr
    assert waiting(result.stdout) == 1


def test_empty_or_bad_db_is_one_plain_line(tmp_path: Path, home: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys, "status", "--db", "")
    assert (code, out) == (2, "")
    assert err == "antre: --db is empty: give a database URL or an SQLite file path\n"
    code, _, err = run(capsys, "--db", str(tmp_path / "nowhere" / "x.db"), "status")
    assert code == 2 and err.count("\n") == 1 and "run `antre init` first" in err
    assert not (tmp_path / "nowhere").exists()


def write_station(path: Path, db: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"[station]\ndb = {json.dumps(db)}\n[counter]\nnumber = 3\n", encoding="utf-8")
    return path


def test_station_file_names_the_database(tmp_path: Path, home: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    db_file = tmp_path / "Antre data" / "kantor.db"
    station = write_station(tmp_path / "station.toml", str(db_file))
    # Not created yet: a plain message naming the station file, and nothing is created.
    code, _, err = run(capsys, "--station", str(station), "status")
    assert code == 2 and err == (f"antre: no database at {db_file} (named by station file "
                                 f"{station}): run `antre init` first\n")
    assert not db_file.exists()
    assert run(capsys, "init", "--station", str(station), "--site", str(DEMO_SITE))[0] == 0
    assert db_file.exists()
    run(capsys, "issue", "DUKCAPIL", "--station", str(station))
    assert waiting(run(capsys, "status", "--json", "--station", str(station))[1]) == 1
    # The default station file is read without --station; --db still wins over it.
    write_station(home / "station.toml", str(db_file))
    assert waiting(run(capsys, "status", "--json")[1]) == 1
    other = tmp_path / "other.db"
    run(capsys, "--db", str(other), "init", "--site", str(DEMO_SITE))
    assert waiting(run(capsys, "status", "--json", "--db", str(other))[1]) == 0


def test_bad_station_files(tmp_path: Path, home: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    missing = tmp_path / "missing.toml"
    code, _, err = run(capsys, "status", "--station", str(missing))
    assert code == 2 and err == f"antre: station file {missing}: not found\n"
    empty = write_station(tmp_path / "empty.toml", "")
    code, _, err = run(capsys, "status", "--station", str(empty))
    assert code == 2 and err == (f"antre: station file {empty}: db: is empty "
                                   "(leave it out to use the local database)\n")


def test_where(tmp_path: Path, home: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(capsys, "where")
    assert code == 0
    lines = {line[:13].strip(): line[14:] for line in out.splitlines()}
    assert lines["database"] == f"{home / 'antre.db'}  (default)"
    assert "not created yet: run `antre init`" in out
    assert lines["log folder"] == str(home / "logs")
    assert Path(lines["asset folder"], "sites", "jombang.toml").exists()
    db_file = tmp_path / "site.db"
    station = write_station(tmp_path / "kiosk.toml", str(db_file))
    info = json.loads(run(capsys, "where", "--json", "--station", str(station))[1])
    assert info["database_file"] == str(db_file) and info["database_file_exists"] is False
    assert info["database_source"] == f"station file {station}"
    assert info["station_file"] == str(station) and info["station_file_exists"] is True
    assert info["data_folder"] == str(home)
    info = json.loads(run(capsys, "where", "--json", "--db", "postgresql://antre:rahasia@db/antre")[1])
    assert info["database"] == "postgresql://antre:***@db/antre" and info["database_file"] is None
    code, out, err = run(capsys, "where", "--station", str(tmp_path / "none.toml"))
    assert code == 2 and "not found" in err and "log folder" in out


def test_status_imports_no_qt_printer_or_migration_code(tmp_path: Path, home: Path) -> None:
    db_file = tmp_path / "antre.db"
    assert main(["--db", str(db_file), "init", "--site", str(DEMO_SITE)]) == 0
    probe = (
        "import sys\n"
        "from shared.cli.main import main\n"
        f"code = main(['status', '--db', {str(db_file)!r}])\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & "
        "{'PySide6', 'shiboken6', 'escpos', 'alembic', 'qrcode', 'PIL', 'psycopg'})\n"
        "print('HEAVY', code, heavy)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            timeout=60, env=os.environ.copy())
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "HEAVY 0 []"


def test_closed_pipe_ends_quietly(tmp_path: Path, home: Path) -> None:
    db_file = tmp_path / "antre.db"
    assert main(["--db", str(db_file), "init", "--site", str(DEMO_SITE)]) == 0
    for command in (["report"], ["report", "--csv"], ["status"], ["where"]):
        read_end, write_end = os.pipe()
        os.close(read_end)  # the reader has gone before anything is written (`| head -0`)
        try:
            result = subprocess.run(
                [sys.executable, "-m", "shared.cli.main", "--db", str(db_file), *command],
                stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=60,
                env=os.environ.copy())
        finally:
            os.close(write_end)
        assert (result.returncode, result.stderr) == (1, ""), command


def test_csv_on_a_windows_text_stdout_has_one_crlf_per_row(monkeypatch: pytest.MonkeyPatch) -> None:
    # Windows' stdout redirected to a file: cp1252, every "\n" written becomes "\r\n".
    raw = io.BytesIO()
    stdout = io.TextIOWrapper(raw, encoding="cp1252", newline="\r\n")
    monkeypatch.setattr(sys, "stdout", stdout)
    write_csv_stdout("section,label\r\nagency,Kantor Urusan Agama — Kemenag\r\n")
    stdout.flush()
    assert raw.getvalue() == "section,label\r\nagency,Kantor Urusan Agama — Kemenag\r\n".encode()


def test_paper_widths_match_the_layout() -> None:
    assert tuple(sorted(PAPER_COLUMNS)) == PAPER_WIDTHS
