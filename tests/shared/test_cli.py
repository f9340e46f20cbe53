"""The admin CLI `antre`: every command, and bad input as one line on stderr with exit 2."""

from __future__ import annotations

import contextlib
import json
import os
import re
import socket
import sqlite3
import string
import subprocess
import sys
from pathlib import Path

import pytest

from shared import presence, staff
from shared.cli.main import main
from shared.db import Database
from shared.words import CATALOGUES, Lang
from tests.conftest import DEMO_SITE, JOMBANG_SITE

NOW = "2026-11-23T09:00:00+07:00"  # a Monday morning: Jombang is open


@pytest.fixture
def cli(db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ANTRE_NOW", NOW)

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", db_url, *args])
        out, err = capsys.readouterr()
        return code, out, err

    assert run("init", "--site", str(DEMO_SITE))[0] == 0
    return run


def run_process(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "shared.cli.main", *args], capture_output=True,
                          text=True, timeout=60, env={**os.environ, "ANTRE_NOW": NOW, **(env or {})})


def test_issue_call_and_status_json(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("issue", "DUKCAPIL", "--json")
    issued = json.loads(out)
    assert code == 0 and issued["number"] == "B001" and issued["people_ahead"] == 0
    assert json.loads(cli("issue", "DUKCAPIL", "--priority", "--json")[1])["priority"] == "lansia"
    assert json.loads(cli("call", "3", "--json")[1])["number"] == "B002"  # priority first
    snap = json.loads(cli("status", "--json")[1])
    assert set(snap) == {"date", "agencies", "counters", "tickets"}
    assert snap["date"] == "2026-11-23"
    dukcapil = next(a for a in snap["agencies"] if a["code"] == "DUKCAPIL")
    assert dukcapil == {"code": "DUKCAPIL", "name": "Dukcapil", "prefix": "B", "waiting": 1,
                        "served": 0, "open": True}
    assert next(c for c in snap["counters"] if c["number"] == 3) == {
        "number": 3, "agencies": ["DUKCAPIL"], "current": "B002", "state": "closed",
        "staff": None, "paused_since": None}  # nobody is signed in at loket 3
    assert snap["tickets"] == [
        {"number": "B001", "agency": "DUKCAPIL", "status": "waiting", "priority": None, "counter": None},
        {"number": "B002", "agency": "DUKCAPIL", "status": "called", "priority": "lansia", "counter": 3},
    ]


def test_status_shows_who_is_signed_in_where(cli, db_url: str) -> None:  # type: ignore[no-untyped-def]
    db = Database(db_url)
    rina = staff.add_staff(db, name="Rina", pin="1234")
    presence.sign_in(db, counter=3, staff_id=rina.id, console="c3")
    cli("issue", "DUKCAPIL")
    cli("call", "3")
    snap = json.loads(cli("status", "--json")[1])
    loket = {c["number"]: c for c in snap["counters"]}
    assert (loket[3]["state"], loket[3]["staff"], loket[3]["current"]) == ("serving", "Rina", "B001")
    assert (loket[1]["state"], loket[1]["staff"]) == ("closed", None)
    lines = cli("status")[1].splitlines()
    assert any("Loket  3" in line and "Rina" in line and "serving" in line for line in lines)
    assert any("Loket  1" in line and "closed" in line for line in lines)
    presence.sign_out(db, counter=3, console="c3")
    assert json.loads(cli("status", "--json")[1])["counters"][2]["state"] == "closed"
    db.dispose()


def test_every_counter_command(cli) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        cli("issue", "DUKCAPIL")
    assert "now serving B001" in cli("call", "3")[1]
    assert cli("recall", "3")[0] == 0
    assert "B001 marked no-show" in cli("no-show", "3")[1]
    cli("call", "3")
    assert "B002 transferred to BPJSKES" in cli("transfer", "3", "BPJSKES")[1]
    assert "now serving B002" in cli("call", "4")[1]
    assert "B002 finished" in cli("done", "4")[1]
    assert cli("pause", "3")[0] == 0
    code, _, err = cli("call", "3")
    assert code == 2 and "break" in err
    assert cli("resume", "3")[0] == 0
    snap = json.loads(cli("status", "--json")[1])
    assert [t["status"] for t in snap["tickets"]] == ["no_show", "done", "waiting"]


def test_report_text_and_csv(cli) -> None:  # type: ignore[no-untyped-def]
    cli("issue", "DUKCAPIL")
    cli("call", "3")
    code, out, _ = cli("report", "--date", "2026-11-23", "--csv")
    assert code == 0
    header, *rows = out.splitlines()
    assert header.startswith("section,date_from,date_to,key,label,issued")
    assert any(r.startswith("agency,2026-11-23,2026-11-23,DUKCAPIL,Dukcapil,1,1,") for r in rows)
    assert "DUKCAPIL" in cli("report")[1]
    assert "No tickets" in cli("report", "--date", "2025-01-01")[1]
    code, _, err = cli("report", "--from", "2026-11-23", "--to", "2026-11-01")
    assert code == 2 and "before it starts" in err


def test_staff(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("staff", "add", "Siti Aminah", "--pin", "4321")[0] == 0
    assert "Siti Aminah" in cli("staff", "list")[1]
    code, _, err = cli("staff", "add", "Siti Aminah", "--pin", "1111")
    assert code == 2 and "already exists" in err
    code, _, err = cli("staff", "add", "Budi", "--pin", "12")
    assert code == 2 and "4 to 8 digits" in err


def test_second_init_updates_the_site_and_keeps_tickets(cli, db_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cli("issue", "DUKCAPIL")
    changed = tmp_path / "site.toml"
    changed.write_text(DEMO_SITE.read_text(encoding="utf-8").replace(
        'name = "Dukcapil"', 'name = "Dukcapil Jombang"'), encoding="utf-8")
    code, out, _ = cli("init", "--site", str(changed))
    assert code == 0 and "11 updated" in out
    snap = json.loads(cli("status", "--json")[1])
    assert next(a["name"] for a in snap["agencies"] if a["code"] == "DUKCAPIL") == "Dukcapil Jombang"
    assert [t["number"] for t in snap["tickets"]] == ["B001"]
    assert cli("init", "--site", str(JOMBANG_SITE))[0] == 0  # real hours now; ticket kept
    assert len(json.loads(cli("status", "--json")[1])["tickets"]) == 1


def test_backup_while_running(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cli("issue", "DUKCAPIL")
    target = tmp_path / "copy.db"
    assert cli("backup", str(target))[0] == 0
    with contextlib.closing(sqlite3.connect(target)) as conn, conn:
        assert conn.execute("select number from tickets").fetchall() == [("B001",)]
    code, _, err = cli("backup", str(tmp_path / "missing" / "copy.db"))
    assert code == 2 and "does not exist" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["issue", "POLRI"], "unknown agency 'POLRI'"),
        (["call", "99"], "unknown counter 99"),
        (["call", "3"], "Nobody is waiting for counter 3"),
        (["done", "3"], "Counter 3 is not serving any number"),
        (["issue", "DUKCAPIL", "--priority", "vip"], "unknown priority 'vip'"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(cli, args: list[str], message: str) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli(*args)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and message in err


def assert_clean_failure(result: subprocess.CompletedProcess[str], message: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1
    assert message in result.stderr


def test_bad_site_file_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(DEMO_SITE.read_text(encoding="utf-8").replace('prefix = "B"', 'prefix = "b"'),
                   encoding="utf-8")
    db_file = tmp_path / "new.db"
    result = run_process("--db", f"sqlite:///{db_file}", "init", "--site", str(bad))
    assert_clean_failure(result, f"site file {bad}: agencies[1].prefix: must be one capital letter")
    assert not db_file.exists()
    broken = tmp_path / "broken.toml"
    broken.write_text("[site\n", encoding="utf-8")
    assert_clean_failure(run_process("--db", f"sqlite:///{db_file}", "init", "--site", str(broken)),
                         "not valid TOML")


def test_corrupt_database_file_is_left_untouched(tmp_path: Path) -> None:
    db_file = tmp_path / "corrupt.db"
    garbage = b"this is not an sqlite database" * 100
    db_file.write_bytes(garbage)
    result = run_process("--db", f"sqlite:///{db_file}", "issue", "DUKCAPIL")
    assert_clean_failure(result, "damaged or is not an Antre database")
    assert db_file.read_bytes() == garbage
    result = run_process("--db", f"sqlite:///{db_file}", "init")
    assert_clean_failure(result, "damaged or is not an Antre database")
    assert db_file.read_bytes() == garbage


def test_unwritable_and_missing_databases(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run_process("--db", f"sqlite:///{blocker}/sub/antre.db", "init")
    assert_clean_failure(result, "cannot create the folder")
    result = run_process("--db", f"sqlite:///{tmp_path / 'none.db'}", "status")
    assert_clean_failure(result, "run `antre init` first")
    assert not (tmp_path / "none.db").exists()


def test_unreachable_database_server() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = run_process("--db", f"postgresql+psycopg://antre@127.0.0.1:{port}/antre", "status")
    assert_clean_failure(result, "cannot reach the database server")
    result = run_process("--db", "mysql://x@y/z", "status")
    assert_clean_failure(result, "unsupported database 'mysql'")


def test_default_database_from_environment(tmp_path: Path) -> None:
    env = {"ANTRE_DB": f"sqlite:///{tmp_path / 'env.db'}"}
    assert run_process("init", env=env).returncode == 0
    result = run_process("issue", "DUKCAPIL", "--json", env=env)
    assert json.loads(result.stdout)["number"] == "B001"
    home = {"ANTRE_HOME": str(tmp_path / "home"), "ANTRE_DB": ""}
    assert run_process("init", env=home).returncode == 0
    assert (tmp_path / "home" / "antre.db").exists()


def test_cli_speaks_the_station_language_and_warns_about_digit_like_prefixes(
    cli, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    site = tmp_path / "site.toml"
    site.write_text(DEMO_SITE.read_text(encoding="utf-8").replace('prefix = "M"', 'prefix = "O"'),
                    encoding="utf-8")
    code, out, err = cli("init", "--site", str(site))
    assert code == 0 and "Database ready" in out
    assert err == ("antre: warning: agency KEMENAG's prefix O reads like the digit 0 from afar; "
                   "choose another letter\n")
    station = tmp_path / "station.toml"
    station.write_text('[station]\nlanguage = "id"\n', encoding="utf-8")
    code, _, err = cli("--station", str(station), "call", "3")
    assert code == 2 and err == "antre: Tidak ada antrean menunggu untuk loket 3\n"
    code, _, err = cli("call", "3")
    assert code == 2 and err == "antre: Nobody is waiting for counter 3\n"


def _foreign_fragments(lang: str) -> set[str]:
    """Literal pieces of the CLI's words in the other language that this language never
    uses: seeing one in the output means a line was not translated."""
    own_lang, other = (Lang.ID, Lang.EN) if lang == "id" else (Lang.EN, Lang.ID)
    codes = [c for c in CATALOGUES[other] if c.startswith(("cli.", "report."))]
    own = " ".join(CATALOGUES[own_lang][c] for c in codes)
    pieces = set()
    for code in codes:
        for literal, *_ in string.Formatter().parse(CATALOGUES[other][code]):
            for piece in re.split(r"[():;,—]", literal):
                piece = piece.strip()
                if len(piece) >= 4 and piece not in own and not piece.startswith(("$", "`")):
                    pieces.add(piece)
    return pieces


@pytest.mark.parametrize(("language", "expected"), [("id", "Database siap"),
                                                     ("en", "Database ready"),
                                                     (None, "Database ready")])
def test_every_normal_output_line_is_in_the_station_language(
    cli, tmp_path: Path, language: str | None, expected: str  # type: ignore[no-untyped-def]
) -> None:
    station = tmp_path / "station.toml"
    station.write_text(f'[station]\nlanguage = "{language}"\n' if language else "[station]\n",
                       encoding="utf-8")
    outputs = []
    for command in (["init", "--site", str(DEMO_SITE)], ["issue", "DPMPTSP"],
                    ["issue", "DPMPTSP"], ["issue", "DPMPTSP"], ["call", "1"], ["call", "1"], ["no-show", "1"],
                    ["call", "1"], ["issue", "DPMPTSP"], ["transfer", "1", "DUKCAPIL"],
                    ["call", "3"], ["done", "3"], ["pause", "3"], ["resume", "3"],
                    ["status"], ["report"], ["expire"], ["staff", "add", "Budi", "--pin", "4821"],
                    ["staff", "list"], ["backup", str(tmp_path / "copy.db")], ["where"]):
        code, out, err = cli("--station", str(station), *command)
        assert code == 0, (command, err)
        outputs.append(out)
    text = "".join(outputs)
    assert expected in text
    fragments = _foreign_fragments(language or "en")
    assert fragments  # the check can see something
    for line in text.splitlines():
        assert not [f for f in fragments if f in line], line
