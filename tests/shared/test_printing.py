"""ESC/POS bytes of a ticket (decoded independently) and sending them to printers."""

from __future__ import annotations

import argparse
import logging
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from shared.cli import print_cmds
from shared.errors import ConfigError, PrinterError
from shared.printing import sample_ticket
from shared.printing._escpos import escpos_printer, keep_root_logging
from shared.printing.printer import print_ticket
from shared.printing.render import render_bytes, render_layout
from shared.printing.ticket_layout import Cut, TextLine, TicketPrint
from shared.printing.uri import parse_printer_uri
from shared.words import Lang, Words
from tests.escpos_decode import DecodeError, decode
from tests.shared.conftest import ISSUED

DLE_EOT_PAPER = b"\x10\x04\x04"




def test_exact_bytes_of_a_small_layout() -> None:
    dummy = escpos_printer.Dummy()
    render_layout(
        dummy, [TextLine("A001", align="center", bold=True, width=4, height=4), Cut()], paper_mm=80
    )
    assert dummy.output == (
        b"\x1b@"  # reset
        b"\x1d!\x33\x1bE\x01\x1ba\x01"  # 4x4, bold, centred
        b"\x1bt\x00A001\n"  # code page 437, text
        b"\x1d!\x00\x1bE\x00\x1ba\x00"  # back to normal
        b"\x1bd\x06\x1dV\x00"  # feed past the cutter, full cut
    )


@pytest.mark.parametrize("paper_mm", [58, 80])
def test_ticket_bytes_decode_to_the_ticket(ticket: TicketPrint, paper_mm: int) -> None:
    decoded = decode(render_bytes(ticket, paper_mm=paper_mm))
    assert decoded.commands[0] == "ESC @"
    assert decoded.ends_with_cut and decoded.cuts == 1
    assert "MPP Kabupaten" in decoded.texts[0]
    site = decoded.find("MPP Kabupaten")
    assert site.bold and site.align == "center" and site.width == 2
    assert "Dinas Penanaman Modal dan" in " ".join(decoded.texts)
    number = decoded.find("A012")
    assert (number.text, number.width, number.height, number.bold) == ("A012", 6, 6, True)
    assert decoded.find("Jumat, 27 November 2026 09:15").align == "center"
    assert decoded.find("Antrean di depan Anda: 5").align == "left"
    assert "± 15 menit" in " ".join(decoded.texts)  # via code page 437
    assert decoded.qr_payloads == [ticket.qr_payload]
    assert all(len(line.text) * line.width <= {58: 32, 80: 48}[paper_mm] for line in decoded.lines)


def test_decoder_refuses_unknown_commands() -> None:
    with pytest.raises(DecodeError, match="ESC 0x7e"):
        decode(b"\x1b@hello\x1b~\x00")
    with pytest.raises(DecodeError, match="truncated"):
        decode(b"\x1d(k\x10\x00\x31")


def test_dummy_and_preview_return_bytes_none_returns_none(ticket: TicketPrint) -> None:
    expected = render_bytes(ticket, paper_mm=58)
    assert print_ticket(parse_printer_uri("dummy"), ticket, paper_mm=58) == expected
    assert print_ticket(parse_printer_uri("preview"), ticket, paper_mm=58) == expected
    assert print_ticket(parse_printer_uri("none"), ticket) is None


def test_english_bytes(ticket: TicketPrint) -> None:
    decoded = decode(print_ticket(parse_printer_uri("dummy"), ticket, lang="en") or b"")
    assert "Friday, 27 November 2026 09:15" in decoded.texts


def test_unknown_profile_is_a_config_error(ticket: TicketPrint) -> None:
    with pytest.raises(ConfigError, match="no-such-printer"):
        render_bytes(ticket, paper_mm=80, profile="no-such-printer")


def test_file_printer_writes_the_bytes(ticket: TicketPrint, tmp_path: Path) -> None:
    target = tmp_path / "ticket.bin"
    sent = print_ticket(parse_printer_uri(f"file:{target}"), ticket, paper_mm=80)
    assert target.read_bytes() == sent == render_bytes(ticket, paper_mm=80)


def test_file_in_missing_folder_is_a_printer_error(ticket: TicketPrint, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "ticket.bin"
    with pytest.raises(PrinterError, match="Cannot write the ticket to") as caught:
        print_ticket(parse_printer_uri(f"file:{target}"), ticket)
    assert caught.value.words("id").startswith(f"Tidak bisa menulis tiket ke {target}: ")


def test_refused_connection(ticket: TicketPrint) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    uri = f"tcp://127.0.0.1:{port}"
    start = time.monotonic()
    with pytest.raises(PrinterError) as caught:
        print_ticket(parse_printer_uri(uri), ticket, timeout=2.0)
    assert time.monotonic() - start < 1.0
    assert caught.value.words("id") == f"Printer tidak terjangkau ({uri}): koneksi ditolak"
    assert str(caught.value) == f"The printer cannot be reached ({uri}): connection refused"


def test_stalled_printer_times_out(ticket: TicketPrint) -> None:
    """The kernel completes the handshake, but nobody ever reads or answers."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        uri = f"tcp://127.0.0.1:{listener.getsockname()[1]}"
        start = time.monotonic()
        with pytest.raises(PrinterError, match=r"did not answer .* within 0\.3 seconds") as caught:
            print_ticket(parse_printer_uri(uri), ticket, timeout=0.3)
        assert caught.value.words("id") == f"Printer tidak menjawab ({uri}) dalam 0.3 detik"
        assert 0.25 <= time.monotonic() - start < 2.0


class FakeNetworkPrinter:
    """A one-connection ESC/POS network printer that answers the paper status query."""

    def __init__(self, status_reply: bytes) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.status_reply = status_reply
        self.received = bytearray()
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self) -> None:
        conn, _ = self.listener.accept()
        with conn:
            conn.settimeout(5)
            while len(self.received) < len(DLE_EOT_PAPER):
                self.received += conn.recv(64)
            conn.sendall(self.status_reply)
            while chunk := conn.recv(4096):
                self.received += chunk

    def close(self) -> None:
        self.thread.join(timeout=5)
        self.listener.close()


@pytest.fixture
def printer_factory() -> Iterator[type[FakeNetworkPrinter]]:
    made: list[FakeNetworkPrinter] = []

    class Made(FakeNetworkPrinter):
        def __init__(self, status_reply: bytes) -> None:
            super().__init__(status_reply)
            made.append(self)

    yield Made
    for printer in made:
        printer.close()


def test_network_printer_receives_status_query_then_ticket(
    ticket: TicketPrint, printer_factory: type[FakeNetworkPrinter]
) -> None:
    fake = printer_factory(b"\x12")  # paper present
    sent = print_ticket(parse_printer_uri(f"tcp://127.0.0.1:{fake.port}"), ticket, timeout=2)
    fake.close()
    assert bytes(fake.received) == DLE_EOT_PAPER + (sent or b"")


def test_paper_out_is_reported(
    ticket: TicketPrint, printer_factory: type[FakeNetworkPrinter]
) -> None:
    fake = printer_factory(b"\x72")  # paper-end sensor set
    with pytest.raises(PrinterError, match="out of paper"):
        print_ticket(parse_printer_uri(f"tcp://127.0.0.1:{fake.port}"), ticket, timeout=2)
    fake.close()
    assert bytes(fake.received) == DLE_EOT_PAPER  # nothing printed


def test_absent_usb_printer_is_a_printer_error(ticket: TicketPrint) -> None:
    # No such device here: whether libusb is present or not, a plain PrinterError.
    with pytest.raises(PrinterError, match="USB"):
        print_ticket(parse_printer_uri("usb:04b8:0202"), ticket)


def test_keep_root_logging_undoes_basic_config() -> None:
    root = logging.getLogger()
    saved = root.handlers[:]
    root.handlers.clear()  # unconfigured, as in the CLI
    try:
        with keep_root_logging():
            logging.basicConfig()
            assert root.handlers
        assert root.handlers == []
        configured = logging.NullHandler()
        root.handlers.append(configured)
        with keep_root_logging():
            logging.basicConfig()
        assert root.handlers == [configured]
    finally:
        root.handlers[:] = saved


def run_cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    print_cmds.register(parser.add_subparsers(dest="command", required=True), Words(Lang.EN))
    args = parser.parse_args(argv)
    result: int = args.func(args)
    return result


def test_print_test_preview_writes_text(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ANTRE_PRINTER", raising=False)
    assert run_cli(["print-test", "--paper", "58"]) == 0
    out = capsys.readouterr().out
    assert "M P P" in out and "A 0 0 1" in out and "DPMPTSP" in out


def test_print_test_to_file_from_env(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "sample.bin"
    monkeypatch.setenv("ANTRE_PRINTER", f"file:{target}")
    assert run_cli(["print-test"]) == 0
    decoded = decode(target.read_bytes())
    assert "A001" in decoded.texts and decoded.ends_with_cut
    assert decoded.qr_payloads == [sample_ticket(ISSUED).qr_payload]
    assert "sample ticket sent" in capsys.readouterr().out


def test_print_test_bad_uri() -> None:
    with pytest.raises(ConfigError):
        run_cli(["print-test", "--printer", "lpt:1"])
