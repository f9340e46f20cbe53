"""`antre reprint NUMBER` and `antre print-test`: the same layout, bytes a printer accepts."""

from __future__ import annotations

from pathlib import Path

import pytest

from shared.cli.main import build_parser
from shared.cli.reprint_cmds import register, run_reprint
from shared.db import Database
from shared.tickets import find_ticket, issue_ticket
from shared.words import Lang, Words
from tests.escpos_decode import decode


def parse(argv: list[str]) -> object:
    import argparse

    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    if "reprint" not in sub.choices:
        register(sub, Words(Lang.EN))
    return parser.parse_args(argv)


def test_reprint_to_a_file_printer(db: Database, tmp_path: Path) -> None:
    issue_ticket(db, service="DUKCAPIL", priority="lansia")
    out = tmp_path / "ticket.bin"
    args = parse(["--db", db.url, "reprint", "b001", "--printer", f"file:{out}"])
    assert run_reprint(args) == 0  # type: ignore[arg-type]
    decoded = decode(out.read_bytes())
    texts = decoded.texts
    assert "B001" in texts and "*** CETAK ULANG ***" in texts
    assert "PRIORITAS: Lansia" in texts
    assert decoded.ends_with_cut
    assert find_ticket(db, number="B001").ticket.print_status == "printed"


def test_reprint_preview_prints_text(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    issue_ticket(db, service="DPMPTSP")
    assert run_reprint(parse(["--db", db.url, "reprint", "A001"])) == 0  # type: ignore[arg-type]
    out = capsys.readouterr().out
    assert "A 0 0 1" in out and "CETAK ULANG" in out


def test_reprint_unknown_number(db: Database) -> None:
    from shared.errors import NotFoundError

    with pytest.raises(NotFoundError):
        run_reprint(parse(["--db", db.url, "reprint", "Z999"]))  # type: ignore[arg-type]
