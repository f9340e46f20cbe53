"""Printer URIs from the station settings, parsed into a `PrinterSpec`.

One string names the printer a kiosk uses, so a station file (or `--printer`) can switch
between a USB, serial, network or CUPS printer, a file, the on-screen preview or nothing.
Parsing is strict: a typo is reported when the settings are loaded, not at the first ticket.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import parse_qsl, urlsplit

from shared.errors import ConfigError
from shared.words import Said

PrinterKind = Literal["usb", "serial", "tcp", "cups", "win32", "file", "preview", "none", "dummy"]

DEFAULT_TCP_PORT = 9100
DEFAULT_BAUDRATE = 9600

ACCEPTED_FORMS = (
    "usb:VID:PID (hex, e.g. usb:0x04b8:0x0202)",
    "serial:PORT[?baudrate=9600] (e.g. serial:/dev/ttyUSB0)",
    "tcp://HOST[:9100]",
    "cups:NAME",
    "win32:NAME",
    "file:PATH",
    "preview",
    "none",
    "dummy",
)

_BARE: dict[str, PrinterKind] = {"preview": "preview", "none": "none", "dummy": "dummy"}
_NAMED: dict[str, PrinterKind] = {"cups": "cups", "win32": "win32"}
_HEX_ID = re.compile(r"^(0[xX])?[0-9a-fA-F]{1,4}$")
_FALSE_WORDS = frozenset({"0", "no", "off", "false"})
_TRUE_WORDS = frozenset({"1", "yes", "on", "true"})


@dataclass(frozen=True)
class PrinterSpec:
    """Where tickets go. Only the fields of `kind` are set; `uri` is kept for messages.

    usb: vendor_id, product_id (+ optional in_ep/out_ep); serial: device, baudrate;
    tcp: host, port; cups/win32: name; file: device (the path); preview/none/dummy: nothing.
    `status_query`: ask the printer for its paper status before printing (usb, serial, tcp;
    `?status=off` in the URI for printers that never answer DLE EOT).
    """

    kind: PrinterKind
    uri: str
    vendor_id: int | None = None
    product_id: int | None = None
    in_ep: int | None = None
    out_ep: int | None = None
    device: str | None = None
    baudrate: int = DEFAULT_BAUDRATE
    host: str | None = None
    port: int = DEFAULT_TCP_PORT
    name: str | None = None
    status_query: bool = False

    @property
    def is_escpos(self) -> bool:
        """False for `preview` and `none`, which never talk to a printer."""
        return self.kind not in ("preview", "none")


def _bad(uri: str, problem: str, **data: object) -> ConfigError:
    """`problem` is a catalogue code ("uri.port") with `data`."""
    forms = "; ".join(ACCEPTED_FORMS)
    return ConfigError("error.printer_uri", uri=uri, problem=Said(problem, data), forms=forms)


def _split_query(uri: str, rest: str, allowed: set[str]) -> tuple[str, dict[str, str]]:
    """Splits `PATH?key=value&...`, refusing keys the scheme does not know."""
    path, _, query = rest.partition("?")
    options = dict(parse_qsl(query, keep_blank_values=True)) if query else {}
    unknown = sorted(set(options) - allowed)
    if unknown:
        raise _bad(uri, "uri.unknown_option", options=", ".join(unknown))
    return path, options


def _flag(uri: str, options: dict[str, str], key: str, default: bool) -> bool:
    value = options.get(key)
    if value is None:
        return default
    if value.lower() in _FALSE_WORDS:
        return False
    if value.lower() in _TRUE_WORDS:
        return True
    raise _bad(uri, "uri.on_off", key=key, value=value)


def _int_option(uri: str, options: dict[str, str], key: str, *, base: int = 10) -> int | None:
    value = options.get(key)
    if value is None:
        return None
    try:
        return int(value, base)
    except ValueError:
        raise _bad(uri, "uri.number", key=key, value=value) from None


def _parse_usb(uri: str, rest: str) -> PrinterSpec:
    body, options = _split_query(uri, rest, {"in_ep", "out_ep", "status"})
    parts = body.split(":")
    if len(parts) != 2 or not all(_HEX_ID.match(p) for p in parts):
        raise _bad(uri, "uri.usb_ids")
    vendor, product = (int(p, 16) for p in parts)
    return PrinterSpec(
        kind="usb",
        uri=uri,
        vendor_id=vendor,
        product_id=product,
        in_ep=_int_option(uri, options, "in_ep", base=0),
        out_ep=_int_option(uri, options, "out_ep", base=0),
        status_query=_flag(uri, options, "status", True),
    )


def _parse_serial(uri: str, rest: str) -> PrinterSpec:
    device, options = _split_query(uri, rest, {"baudrate", "status"})
    if not device:
        raise _bad(uri, "uri.serial_port")
    baudrate = _int_option(uri, options, "baudrate") or DEFAULT_BAUDRATE
    if baudrate <= 0:
        raise _bad(uri, "uri.baudrate")
    return PrinterSpec(
        kind="serial",
        uri=uri,
        device=device,
        baudrate=baudrate,
        status_query=_flag(uri, options, "status", True),
    )


def _parse_tcp(uri: str) -> PrinterSpec:
    try:
        parts = urlsplit(uri)
        hostname = parts.hostname
    except ValueError:  # e.g. "tcp://[::1": an unclosed IPv6 bracket
        raise _bad(uri, "uri.host") from None
    try:
        port = parts.port
    except ValueError:
        raise _bad(uri, "uri.port") from None
    if port is None:
        port = DEFAULT_TCP_PORT
    elif port == 0:
        raise _bad(uri, "uri.port")
    if not hostname or parts.path not in ("", "/") or parts.username or parts.fragment:
        raise _bad(uri, "uri.tcp")
    _, options = _split_query(uri, "?" + parts.query if parts.query else "", {"status"})
    return PrinterSpec(
        kind="tcp",
        uri=uri,
        host=parts.hostname,
        port=port,
        status_query=_flag(uri, options, "status", True),
    )


def parse_printer_uri(uri: str) -> PrinterSpec:
    """Parses a printer URI (see ACCEPTED_FORMS); raises ConfigError naming the URI."""
    text = uri.strip()
    lowered = text.lower()
    if lowered in _BARE:
        return PrinterSpec(kind=_BARE[lowered], uri=text)
    scheme, sep, rest = text.partition(":")
    scheme = scheme.lower()
    if not sep:
        raise _bad(uri, "uri.not_uri")
    if scheme == "usb":
        return _parse_usb(uri, rest)
    if scheme == "serial":
        return _parse_serial(uri, rest)
    if scheme == "tcp":
        if not rest.startswith("//"):
            raise _bad(uri, "uri.tcp")
        return _parse_tcp(text)
    if scheme in _NAMED:
        if not rest.strip():
            raise _bad(uri, "uri.needs_name", scheme=scheme)
        return PrinterSpec(kind=_NAMED[scheme], uri=uri, name=rest.strip())
    if scheme == "file":
        path = rest[2:] if rest.startswith("//") else rest
        if not path:
            raise _bad(uri, "uri.file_path")
        return PrinterSpec(kind="file", uri=uri, device=path)
    raise _bad(uri, "uri.unknown_type", scheme=scheme)
