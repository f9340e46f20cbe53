"""Every input path (site file, station file, command line) gives one plain line for bad input,
and the limits match both databases: what loads on SQLite also loads on PostgreSQL."""

from __future__ import annotations

import os
import threading
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from shared import ticket_links, tickets
from shared.cli.main import main
from shared.db import Database
from shared.errors import ConfigError
from shared.models import Site, Ticket
from shared.setup import init_database
from shared.site_config import load_site
from shared.station import load_station
from tests.conftest import DEMO_SITE
from tests.rawsql import raw_sqlite
from tests.shared.test_site_config import MINIMAL

NOW = "2026-11-23T09:00:00+07:00"
INT32_MAX = 2**31 - 1  # PostgreSQL INTEGER


def site_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "site.toml"
    path.write_text(text, encoding="utf-8")
    return path


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """Runs `antre` in-process: any exception other than a known failure fails the test."""
    code = main(list(args))
    err = capsys.readouterr().err
    return code, err


STATION_CASES = [
    ('[kiosk]\nexit_pin_hash = "scrypt$"\n', "exit_pin_hash"),
    ('[kiosk]\nexit_pin_hash = "scrypt$16384$8$1$00$00"\n', "exit_pin_hash"),
    ('[kiosk]\nexit_pin_hash = "scrypt$1073741824$8$1$' + "00" * 16 + "$" + "00" * 32 + '"\n',
     "exit_pin_hash"),
    ('[station]\ndb = ""\n', "db"),
    ("[display]\nscreen = 99999999999\n", "screen"),
    ("[kiosk]\nprint_timeout = 0\n", "print_timeout"),
]


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


@pytest.mark.parametrize("template", ["{nomor}", "{", "{}", "x}", "{number.__class__.__mro__}",
                                      "{id[0]}", "{day!r}", "{number:>9}"])
def test_status_url_typo_fails_at_init_naming_file_and_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], template: str
) -> None:
    text = MINIMAL.replace('name = "MPP Uji"', f'name = "MPP Uji"\nstatus_url = "https://x/{template}"')
    path = site_file(tmp_path, text)
    db = tmp_path / "antre.db"
    code, err = run_cli(capsys, "--db", f"sqlite:///{db}", "init", "--site", str(path))
    line = one_line(err)
    assert code == 2
    assert str(path) in line and "site.status_url" in line
    assert not db.exists()  # nothing written


def test_status_url_placeholders_render(tmp_path: Path) -> None:
    text = MINIMAL.replace('name = "MPP Uji"',
                           'name = "MPP Uji"\nstatus_url = "https://x/{{t}}/{day}/{number}?i={id}"')
    assert load_site(site_file(tmp_path, text)).status_url.endswith("?i={id}")
    url = ticket_links.qr_payload(
        ticket_links.Links(status_url="https://x/{{t}}/{day}/{number}?i={id}"),
        number="B001", ticket_id=7, day=date(2026, 11, 23))
    assert url == "https://x/{t}/2026-11-23/B001?i=7"


def test_bad_stored_template_refuses_before_the_ticket_is_committed(db: Database) -> None:
    """A database loaded before templates were checked: the tap fails, no ticket is left."""
    with db.write() as session:
        site = session.get(Site, 1)
        assert site is not None
        site.status_url = "https://x/{nomor}"
    with pytest.raises(ConfigError, match="status_url") as caught:
        tickets.issue_ticket(db, service="DUKCAPIL")
    assert caught.value.code == "error.status_url"
    assert "{nomor}" in caught.value.words("id") and "{nomor}" in str(caught.value)
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(Ticket)) == 0


@pytest.mark.parametrize(
    ("change", "key"),
    [
        (("[site]", '[defaults]\ndaily_quota = "lots"\n[site]'), "defaults.daily_quota"),
        (("[site]", "[defaults]\nservice_minutes = 0\n[site]"), "defaults.service_minutes"),
        (('prefix = "B"', f'prefix = "B"\ndaily_quota = {INT32_MAX + 1}'), "agencies[0].daily_quota"),
        (('name = "Dukcapil"', 'name = "  "'), "agencies[0].name"),
        (('name = "Dukcapil"', f'name = "{"D" * 201}"'), "agencies[0].name"),
        (('name = "MPP Uji"', 'name = ""'), "site.name"),
        (('name = "MPP Uji"', 'name = "MPP\\u0000Uji"'), "site.name"),
        (('name = "MPP Uji"', f'name = "MPP Uji"\nlogo = "{"l" * 501}"'), "site.logo"),
        (("number = 1", 'number = 1\nname = ""'), "counters[0].name"),
        (("number = 1", "number = 1\nagencies = [{ x = 1 }]"), "counters[0].agencies"),
        (("[site]", "[priority]\ninterleave = 99999999999\n[site]"), "priority.interleave"),
    ],
)
def test_site_values_both_databases_refuse_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], change: tuple[str, str], key: str
) -> None:
    text = MINIMAL.replace(*change, 1)
    if change[0] == "number = 1" and "agencies = [{" in change[1]:
        text = text.replace('agencies = ["DUKCAPIL"]', "")
    path = site_file(tmp_path, text)
    code, err = run_cli(capsys, "--db", f"sqlite:///{tmp_path / 'a.db'}", "init", "--site", str(path))
    line = one_line(err)
    assert code == 2 and str(path) in line and key in line, line


def test_the_largest_accepted_values_load_on_postgresql(pg_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The limits are the schema's: at the edge, PostgreSQL takes them (no "out of range")."""
    text = (MINIMAL.replace('name = "Dukcapil"', f'name = "{"D" * 200}"')
            .replace('prefix = "B"', f'prefix = "B"\ndaily_quota = {INT32_MAX}')
            .replace('name = "MPP Uji"', f'name = "{"M" * 200}"\nstatus_url = "{"u" * 500}"')
            .replace("number = 1", f'number = 99\nname = "{"L" * 100}"'))
    database = Database(pg_server.create_database())
    try:
        init_database(database, site_file(tmp_path, text))
        monday = datetime.fromisoformat(NOW)
        issued = tickets.issue_ticket(database, service="DUKCAPIL", now=monday)
        assert issued.ticket.agency_name == "D" * 200
    finally:
        database.dispose()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["call", "99999999999999999999"], "unknown counter"),  # SQLite: "int too large"
        (["call", "-5"], "unknown counter"),
        (["report", "--pdf", "{folder}"], "folder"),
        (["print-test", "--printer", "tcp://[::1"], "tcp://[::1"),
        (["print-test", "--printer", "tcp://printer.local:0"], "port"),
        (["print-test", "--printer", "tcp://127.0.0.1:1", "--timeout", "0"], "--timeout"),
        (["print-test", "--printer", "tcp://127.0.0.1:1", "--timeout", "-1"], "--timeout"),
        (["print-test", "--printer", "tcp://127.0.0.1:1", "--timeout", "nan"], "--timeout"),
        (["reprint", "B001", "--printer", "tcp://h", "--timeout", "0"], "--timeout"),
        (["staff", "add", "S" * 101, "--pin", "4821"], "at most 100"),
    ],
    ids=["call-huge", "call-negative", "pdf-folder", "ipv6-bracket", "port-0", "timeout-0",
         "timeout-negative", "timeout-nan", "reprint-timeout", "staff-name"],
)
def test_cli_bad_values_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    args: list[str], expected: str,
) -> None:
    monkeypatch.setenv("ANTRE_NOW", NOW)
    url = f"sqlite:///{tmp_path / 'antre.db'}"
    assert run_cli(capsys, "--db", url, "init", "--site", str(DEMO_SITE))[0] == 0
    folder = tmp_path / "reports"
    folder.mkdir()
    args = [a.replace("{folder}", str(folder)) for a in args]
    code, err = run_cli(capsys, "--db", url, *args)
    assert code == 2 and expected in one_line(err), (args, err)
    assert list(folder.iterdir()) == []  # no .partial left beside the folder either
    assert not any(p.name.endswith(".partial") for p in tmp_path.iterdir())
    with raw_sqlite(tmp_path / "antre.db") as conn:
        assert conn.execute("SELECT count(*) FROM tickets").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM staff").fetchone() == (0,)


def test_an_empty_db_flag_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run_cli(capsys, "--db", "", "status")
    assert code == 2 and "empty" in one_line(err)


def write_station(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "station.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("text", "key"), STATION_CASES)
def test_station_values_are_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, key: str
) -> None:
    path = write_station(tmp_path, text)
    with pytest.raises(ConfigError, match=key) as caught:
        load_station(path)
    assert str(path) in str(caught.value)
    code, err = run_cli(capsys, "--station", str(path), "status")
    line = one_line(err)
    assert code == 2 and str(path) in line and key in line, line


def _load_in_thread(path: Path) -> BaseException | None:
    """load_station(path) on a thread; a hang fails the test instead of blocking the run."""
    result: list[BaseException | None] = []

    def work() -> None:
        try:
            load_station(path)
            result.append(None)
        except BaseException as exc:
            result.append(exc)

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    thread.join(timeout=20)
    assert result, f"load_station({path}) did not return"
    return result[0]


def test_station_file_that_is_a_fifo_or_dev_zero_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "station.fifo"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero"), tmp_path):
        error = _load_in_thread(path)
        assert isinstance(error, ConfigError), error
        assert error.code == "error.file_not_regular" and str(path) in str(error)
    huge = tmp_path / "huge.toml"
    huge.write_bytes(b"# " + b"x" * 300_000)
    error = _load_in_thread(huge)
    assert isinstance(error, ConfigError) and error.code == "error.file_too_large"


def test_the_command_line_refuses_a_fifo_station_file_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`antre --station FIFO status` used to hang on the read (its language too)."""
    fifo = tmp_path / "station.fifo"
    os.mkfifo(fifo)
    done: list[tuple[int, str]] = []
    thread = threading.Thread(
        target=lambda: done.append(run_cli(capsys, "--station", str(fifo), "status")),
        daemon=True)
    thread.start()
    thread.join(timeout=20)
    assert done, "antre --station FIFO did not return"
    code, err = done[0]
    assert code == 2 and "not a regular file" in one_line(err)


def test_a_site_file_that_is_not_a_regular_file_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = run_cli(capsys, "--db", f"sqlite:///{tmp_path / 'a.db'}", "init", "--site",
                        "/dev/zero")
    assert code == 2 and "/dev/zero" in one_line(err) and "not a regular file" in err


def test_kiosk_start_with_a_bad_printer_uri_is_one_line(
    qapp, quiet_main, tmp_path: Path, capsys: pytest.CaptureFixture[str]  # type: ignore[no-untyped-def]
) -> None:
    from kiosk.__main__ import main as kiosk_main

    db = Database(f"sqlite:///{tmp_path / 'antre.db'}")
    init_database(db, DEMO_SITE)
    db.dispose()
    code = kiosk_main(["--db", db.url, "--windowed", "--printer", "tcp://[::1"])
    assert code == 2
    assert "tcp://[::1" in one_line(capsys.readouterr().err)


def test_reading_a_station_file_loads_no_database_layer(tmp_path: Path) -> None:
    """The station file's checks (limits, the exit PIN hash, the password warning) use the
    standard library only, so an app that cannot start says so before SQLAlchemy loads."""
    import subprocess
    import sys

    path = write_station(tmp_path, '[station]\ndb = "postgresql+psycopg://a:b@h/n"\n'
                                   '[kiosk]\nexit_pin_hash = "scrypt$"\n')
    code = ("import sys\nfrom pathlib import Path\nfrom shared.errors import ConfigError\n"
            "from shared.station import load_station\n"
            f"try:\n    load_station(Path({str(path)!r}))\nexcept ConfigError:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sqlalchemy'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, check=True).stdout
    assert out.strip() == "[]"
