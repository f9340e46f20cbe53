"""Sending a ticket to the printer named by a `PrinterSpec`.

The ticket is rendered once to bytes (the same bytes the tests decode) and then written to
the device in one piece. Every expected failure (no such device, connection refused, a
printer that stops answering, paper out) becomes a PrinterError with a short Indonesian
message for the kiosk screen; the caller logs it, keeps the ticket and offers a reprint.
Call this off the GUI thread: it blocks for up to about `timeout` seconds per step.
"""

from __future__ import annotations

import logging
import socket

from shared.errors import PrinterError
from shared.printing._escpos import Escpos, escpos_exceptions, escpos_printer, keep_root_logging
from shared.printing.render import render_bytes
from shared.printing.ticket_layout import TicketPrint
from shared.printing.uri import PrinterSpec

log = logging.getLogger("antre.printing")

#: python-escpos `paper_status()` values.
PAPER_OUT = 0
PAPER_LOW = 1

#: Where a transport's Python support comes from, for "not installed" messages.
_DEPENDENCY = {
    "usb": "pyusb",
    "serial": "pyserial",
    "cups": "pycups",
    "win32": "pywin32",
}


def print_ticket(
    spec: PrinterSpec,
    ticket: TicketPrint,
    *,
    paper_mm: int = 80,
    profile: str | None = None,
    timeout: float = 5.0,
    lang: str = "id",
) -> bytes | None:
    """Prints one ticket; returns the ESC/POS bytes (None for the `none` printer).

    `preview` and `dummy` print nothing and only return the bytes; the kiosk draws
    `build_layout(...)` on screen itself. For a reprint pass a ticket with `reprint=True`.
    Raises PrinterError for every printer failure.
    """
    if spec.kind == "none":
        return None
    data = render_bytes(ticket, paper_mm=paper_mm, profile=profile, lang=lang)
    if spec.kind in ("preview", "dummy"):
        return data
    send_bytes(spec, data, profile=profile, timeout=timeout)
    return data


def send_bytes(
    spec: PrinterSpec, data: bytes, *, profile: str | None = None, timeout: float = 5.0
) -> None:
    """Writes ready-made ESC/POS bytes to the printer; PrinterError on any failure."""
    if not spec.is_escpos or spec.kind == "dummy":
        return
    printer = _make_printer(spec, profile=profile, timeout=timeout)
    try:
        with keep_root_logging():
            printer.open()
            if spec.status_query:
                _check_paper(printer, spec)
            printer._raw(data)
            printer.close()  # CUPS and Win32 submit the job here, so its errors count
    except PrinterError:
        _close_quietly(printer)
        raise
    # pyusb raises NoBackendError (a ValueError) when libusb itself is missing.
    except (escpos_exceptions.Error, OSError, RuntimeError, ValueError) as exc:
        _close_quietly(printer)
        error = describe_failure(spec, exc, timeout=timeout)
        log.info("printing to %s failed: %r", spec.uri, exc)
        raise error from exc


class _Network(escpos_printer.Network):  # type: ignore[misc]
    """escpos's Network printer, opened with `socket.create_connection`.

    escpos 3.1 leaks the socket when connect fails (a ResourceWarning per failed print) and
    only speaks IPv4; create_connection closes on failure and resolves IPv6 too.
    """

    def open(self, raise_not_found: bool = True) -> None:
        if self._device:
            self.close()
        self.device = socket.create_connection((self.host, self.port), timeout=self.timeout)


def _make_printer(spec: PrinterSpec, *, profile: str | None, timeout: float) -> Escpos:
    """The python-escpos printer object for `spec` (not opened yet)."""
    p = escpos_printer
    classes: dict[str, type[Escpos]] = {
        "usb": p.Usb,
        "serial": p.Serial,
        "cups": p.CupsPrinter,
        "win32": p.Win32Raw,
    }
    cls = classes.get(spec.kind)
    if cls is not None and not cls.is_usable():
        raise PrinterError(
            "error.printer_support", uri=spec.uri, kind=spec.kind, package=_DEPENDENCY[spec.kind]
        )
    if spec.kind == "usb":
        endpoints = {
            k: v for k, v in (("in_ep", spec.in_ep), ("out_ep", spec.out_ep)) if v is not None
        }
        return p.Usb(
            spec.vendor_id,
            spec.product_id,
            timeout=max(1, int(timeout * 1000)),  # milliseconds; 0 would mean "wait forever"
            profile=profile,
            **endpoints,
        )
    if spec.kind == "serial":
        return p.Serial(spec.device, baudrate=spec.baudrate, timeout=timeout, profile=profile)
    if spec.kind == "tcp":
        return _Network(spec.host, port=spec.port, timeout=timeout, profile=profile)
    if spec.kind == "cups":
        return p.CupsPrinter(spec.name, profile=profile)
    if spec.kind == "win32":
        return p.Win32Raw(spec.name, profile=profile)
    if spec.kind == "file":
        return p.File(spec.device, profile=profile)
    raise PrinterError("error.printer_unusable", uri=spec.uri)


def _check_paper(printer: Escpos, spec: PrinterSpec) -> None:
    """Asks for the paper sensor (DLE EOT 4) before printing.

    Besides catching "paper out", this is how a stalled network printer is noticed: a
    ticket is small enough to vanish into the socket's send buffer even when nobody reads
    it, but the status answer never comes and the read times out.
    """
    status = printer.paper_status()
    if status == PAPER_OUT:
        raise PrinterError("error.paper_out", uri=spec.uri)
    if status == PAPER_LOW:
        log.warning("printer %s: paper is running low", spec.uri)


def _close_quietly(printer: Escpos) -> None:
    """Closes after a failure; a second error while closing would hide the first."""
    try:
        with keep_root_logging():
            printer.close()
    except Exception as exc:  # any error here is secondary to the one being reported
        log.debug("closing the printer after a failure also failed: %s", exc)


def describe_failure(spec: PrinterSpec, exc: BaseException, *, timeout: float) -> PrinterError:
    """A short error for the screen, naming the printer and the cause."""
    cause = _root_cause(exc)
    uri = spec.uri
    if isinstance(cause, TimeoutError):
        return PrinterError("error.printer_timeout", uri=uri, seconds=f"{timeout:g}")
    if isinstance(cause, ConnectionRefusedError):
        return PrinterError("error.printer_refused", uri=uri)
    if isinstance(cause, socket.gaierror):
        return PrinterError("error.printer_host", uri=uri)
    if isinstance(cause, (ConnectionResetError, BrokenPipeError)):
        return PrinterError("error.printer_dropped", uri=uri)
    if spec.kind == "usb" and type(cause).__name__ == "NoBackendError":
        return PrinterError("error.printer_libusb", uri=uri)
    if spec.kind == "usb" and isinstance(exc, escpos_exceptions.DeviceNotFoundError):
        return PrinterError("error.printer_usb_absent", uri=uri)
    if spec.kind == "file" and isinstance(cause, OSError):
        return PrinterError("error.printer_file", path=spec.device,
                            detail=cause.strerror or str(cause))
    if isinstance(cause, OSError) and cause.strerror:
        return PrinterError("error.printer_unreachable", uri=uri, detail=cause.strerror)
    detail = str(cause).strip().splitlines()[0] if str(cause).strip() else type(cause).__name__
    return PrinterError("error.printer_failed", uri=uri, detail=detail)


def _root_cause(exc: BaseException) -> BaseException:
    """The OSError behind an escpos DeviceNotFoundError (escpos raises it inside `except`)."""
    seen: set[int] = set()
    current = exc
    while id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError):
            return current
        nxt = current.__cause__ or current.__context__
        if nxt is None:
            break
        current = nxt
    return exc
