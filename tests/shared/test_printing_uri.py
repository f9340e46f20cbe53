"""Printer URIs from station settings: every accepted form, and plain errors for the rest."""

from __future__ import annotations

import pytest

from shared.errors import ConfigError
from shared.printing.uri import PrinterSpec, parse_printer_uri


@pytest.mark.parametrize(
    ("uri", "expected"),
    [
        ("usb:0x04b8:0x0202", {"kind": "usb", "vendor_id": 0x04B8, "product_id": 0x0202}),
        ("usb:04b8:0202", {"kind": "usb", "vendor_id": 0x04B8, "product_id": 0x0202}),
        ("usb:0416:5011?out_ep=0x03&in_ep=0x81", {"out_ep": 3, "in_ep": 0x81}),
        ("serial:/dev/ttyUSB0", {"kind": "serial", "device": "/dev/ttyUSB0", "baudrate": 9600}),
        ("serial:COM3?baudrate=19200", {"device": "COM3", "baudrate": 19200}),
        ("tcp://10.0.0.5:9100", {"kind": "tcp", "host": "10.0.0.5", "port": 9100}),
        ("tcp://printer.lan", {"host": "printer.lan", "port": 9100, "status_query": True}),
        ("tcp://10.0.0.5:9101?status=off", {"port": 9101, "status_query": False}),
        ("tcp://[fe80::1]:9100", {"host": "fe80::1"}),
        ("cups:TM-T20", {"kind": "cups", "name": "TM-T20"}),
        ("win32:EPSON TM-T82 Receipt", {"kind": "win32", "name": "EPSON TM-T82 Receipt"}),
        ("file:/dev/usb/lp0", {"kind": "file", "device": "/dev/usb/lp0"}),
        ("file:///tmp/ticket.bin", {"kind": "file", "device": "/tmp/ticket.bin"}),
        ("preview", {"kind": "preview", "is_escpos": False}),
        ("none", {"kind": "none", "is_escpos": False}),
        (" Dummy ", {"kind": "dummy", "is_escpos": True}),
    ],
)
def test_accepted_forms(uri: str, expected: dict[str, object]) -> None:
    spec = parse_printer_uri(uri)
    assert isinstance(spec, PrinterSpec)
    for name, value in expected.items():
        assert getattr(spec, name) == value, name


def test_spec_is_frozen_and_keeps_the_uri() -> None:
    spec = parse_printer_uri("tcp://10.0.0.5")
    assert spec.uri == "tcp://10.0.0.5"
    with pytest.raises(AttributeError):
        spec.port = 1  # type: ignore[misc]


@pytest.mark.parametrize(
    ("uri", "problem"),
    [
        ("lpt:1", "unknown printer type"),
        ("bluetooth://aa:bb", "unknown printer type"),
        ("", "not a printer URI"),
        ("printer", "not a printer URI"),
        ("usb:04b8", "vendor and product id"),
        ("usb:xyz:0202", "vendor and product id"),
        ("usb:04b8:0202:1", "vendor and product id"),
        ("serial:", "needs a port"),
        ("serial:/dev/ttyS0?baudrate=fast", "baudrate must be a number"),
        ("serial:/dev/ttyS0?parity=E", "unknown option parity"),
        ("tcp:10.0.0.5", "tcp://HOST"),
        ("tcp://", "tcp://HOST"),
        ("tcp://10.0.0.5:99999", "port"),
        ("tcp://10.0.0.5:9100/queue", "tcp://HOST"),
        ("tcp://10.0.0.5?status=maybe", "on or off"),
        ("cups:", "printer's name"),
        ("file:", "needs a path"),
    ],
)
def test_bad_uris_name_the_uri_and_list_the_forms(uri: str, problem: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_printer_uri(uri)
    message = str(caught.value)
    assert repr(uri) in message
    assert problem in message
    assert "usb:VID:PID" in message and "tcp://HOST" in message and "preview" in message
