"""`antre --help` and argparse's own errors speak the station's language, like every other line
of the CLI: Indonesian with an Indonesian station file, English where none is set."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from shared.cli.main import build_parser, main
from shared.words import CATALOGUES, Lang

COMMANDS = sorted(
    next(a for a in build_parser()._actions if a.dest == "command").choices  # type: ignore[union-attr]
)
HELP_CODES = [code for code in CATALOGUES[Lang.EN] if code.startswith(("help.", "meta."))]


@pytest.fixture
def indonesian(tmp_path: Path) -> Path:
    station = tmp_path / "Petugas MPP" / "station.toml"
    station.parent.mkdir()
    station.write_text('[station]\nlanguage = "id"\n', encoding="utf-8")
    return station


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def english_only(text: str) -> list[str]:
    """English help texts (those that differ from their Indonesian) found in `text`."""
    flat = " ".join(text.split())
    return [
        CATALOGUES[Lang.EN][code]
        for code in HELP_CODES
        if CATALOGUES[Lang.EN][code] != CATALOGUES[Lang.ID][code]
        and len(CATALOGUES[Lang.EN][code]) > 12
        and CATALOGUES[Lang.EN][code].split("{")[0] in flat
    ]


def test_top_level_help_is_indonesian_with_an_indonesian_station(
    indonesian: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["--station", str(indonesian), "--help"], capsys)
    assert code == 0
    assert out.startswith("penggunaan: antre")
    assert "tampilkan bantuan ini lalu keluar" in out
    assert "terbitkan tiket untuk sebuah instansi" in out
    assert "usage:" not in out and "show this help" not in out
    assert english_only(out) == []


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_help_is_in_one_language(
    command: str, indonesian: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run([command, "--station", str(indonesian), "--help"], capsys)
    assert code == 0 and out.startswith("penggunaan: ")
    assert "opsi:" in out
    assert english_only(out) == []

    no_station = ["--station", str(indonesian.parent / "none.toml")]
    code, out, _ = run([command, *no_station, "--help"], capsys)  # no station file: English
    assert code == 0 and out.startswith("usage: ") and "options:" in out
    assert "penggunaan" not in out and "tampilkan" not in out


def test_argparse_errors_are_one_indonesian_line_after_the_usage(
    indonesian: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    station = ["--station", str(indonesian)]
    code, _, err = run([*station, "issue"], capsys)
    assert code == 2
    assert err.splitlines()[-1] == "antre issue: galat: argumen berikut wajib diisi: INSTANSI"

    code, _, err = run([*station, "call", "satu"], capsys)
    assert code == 2
    assert err.splitlines()[-1] == "antre call: galat: argumen LOKET: nilai int tidak sah: 'satu'"

    code, _, err = run(["report", "--date", "28-11-2026", *station], capsys)
    assert code == 2
    assert err.splitlines()[-1] == (
        "antre report: galat: argumen --date: bukan tanggal berformat YYYY-MM-DD: '28-11-2026'"
    )

    code, _, err = run([*station, "status", "--verbose"], capsys)
    assert code == 2
    assert err.splitlines()[-1] == "antre: galat: argumen tidak dikenal: --verbose"


def test_english_errors_without_a_station_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    no_station = ["--station", str(tmp_path / "none.toml")]
    code, _, err = run(["issue", *no_station], capsys)
    assert code == 2
    assert err.splitlines()[-1] == "antre issue: error: the following arguments are required: AGENCY"
    code, _, err = run(["report", "--date", "xx", *no_station], capsys)
    assert err.splitlines()[-1] == "antre report: error: argument --date: not a date YYYY-MM-DD: 'xx'"


def test_argparse_is_given_back_its_own_words(
    indonesian: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Other parsers in the same process (a test runner, a tool) are not left Indonesian."""
    import argparse

    run(["--station", str(indonesian), "issue"], capsys)
    parser = argparse.ArgumentParser(prog="other")
    assert parser.format_usage().startswith("usage: other")


@pytest.mark.parametrize("code", sorted(c for c in CATALOGUES[Lang.EN] if c.startswith("argparse.")))
def test_argparse_texts_keep_their_percent_fields(code: str) -> None:
    fields = re.compile(r"%\(\w+\)[sr]|%[sr]")
    assert sorted(fields.findall(CATALOGUES[Lang.EN][code])) == sorted(
        fields.findall(CATALOGUES[Lang.ID][code])
    )
