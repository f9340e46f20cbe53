"""A small, independent ESC/POS decoder for tests.

It knows only the commands a receipt printer documents (Epson ESC/POS reference), not our
rendering code, so a test that decodes our bytes checks what a printer would actually do.
Anything it does not recognise raises DecodeError: new commands must be added on purpose.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ESC, GS, DLE, LF, HT, CR = 0x1B, 0x1D, 0x10, 0x0A, 0x09, 0x0D

#: ESC t n -> Python codec (the tables receipt printers share).
CODE_PAGES = {0: "cp437", 2: "cp850", 3: "cp860", 5: "cp865", 16: "cp1252", 19: "cp858"}
ALIGNS = {0: "left", 1: "center", 2: "right", 48: "left", 49: "center", 50: "right"}

#: Commands with a fixed number of argument bytes that only change state we do not track.
_ESC_IGNORED = {
    ord("M"): 1,
    ord("-"): 1,
    ord("2"): 0,
    ord("3"): 1,
    ord("{"): 1,
    ord("J"): 1,
    ord("G"): 1,
    ord("V"): 1,
    ord(" "): 1,
    ord("c"): 2,
    ord("p"): 3,
}
_GS_IGNORED = {
    ord("B"): 1,
    ord("b"): 1,
    ord("L"): 2,
    ord("W"): 2,
    ord("H"): 1,
    ord("h"): 1,
    ord("w"): 1,
    ord("f"): 1,
    ord("a"): 1,
}


class DecodeError(ValueError):
    """The bytes hold an unknown or truncated command."""


@dataclass(frozen=True)
class Line:
    """One printed line and the style in force when its first character was printed."""

    text: str
    align: str = "left"
    bold: bool = False
    width: int = 1
    height: int = 1


@dataclass
class Decoded:
    lines: list[Line] = field(default_factory=list)
    qr_payloads: list[str] = field(default_factory=list)
    cuts: int = 0
    ends_with_cut: bool = False
    commands: list[str] = field(default_factory=list)

    @property
    def texts(self) -> list[str]:
        """The non-empty lines' text."""
        return [line.text for line in self.lines if line.text.strip()]

    def find(self, needle: str) -> Line:
        """The first line containing `needle` (AssertionError if none)."""
        for line in self.lines:
            if needle in line.text:
                return line
        raise AssertionError(f"{needle!r} not printed; lines: {self.texts}")


@dataclass
class _State:
    align: str = "left"
    bold: bool = False
    width: int = 1
    height: int = 1
    codec: str = "cp437"
    pending: bytearray = field(default_factory=bytearray)
    style: tuple[str, bool, int, int] | None = None
    qr_store: str | None = None


class _Decoder:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0
        self.state = _State()
        self.out = Decoded()

    def take(self, n: int) -> bytes:
        if self.pos + n > len(self.data):
            raise DecodeError(f"truncated command at byte {self.pos}")
        chunk = self.data[self.pos : self.pos + n]
        self.pos += n
        return chunk

    def flush_line(self) -> None:
        s = self.state
        style = s.style or (s.align, s.bold, s.width, s.height)
        self.out.lines.append(Line(s.pending.decode(s.codec), *style))
        s.pending.clear()
        s.style = None

    def run(self) -> Decoded:
        while self.pos < len(self.data):
            byte = self.take(1)[0]
            self.out.ends_with_cut = False
            if byte == LF:
                self.flush_line()
            elif byte == ESC:
                self.esc(self.take(1)[0])
            elif byte == GS:
                self.gs(self.take(1)[0])
            elif byte == DLE:
                self.command("DLE", self.take(2))
            elif byte in (HT, CR) or byte >= 0x20:
                if self.state.style is None:
                    s = self.state
                    s.style = (s.align, s.bold, s.width, s.height)
                self.state.pending.append(byte)
            else:
                raise DecodeError(f"unknown control byte 0x{byte:02x} at {self.pos - 1}")
        if self.state.pending:
            self.flush_line()
        return self.out

    def command(self, name: str, args: bytes = b"") -> None:
        self.out.commands.append(f"{name} {args.hex(' ')}".strip())

    def esc(self, op: int) -> None:
        s = self.state
        if op == ord("@"):
            self.command("ESC @")
            self.state = _State()
        elif op == ord("a"):
            n = self.take(1)[0]
            if n not in ALIGNS:
                raise DecodeError(f"ESC a {n}: bad alignment")
            s.align = ALIGNS[n]
            self.command("ESC a", bytes([n]))
        elif op == ord("E"):
            s.bold = bool(self.take(1)[0] & 1)
            self.command("ESC E")
        elif op == ord("!"):
            n = self.take(1)[0]
            s.bold, s.height, s.width = bool(n & 8), 2 if n & 16 else 1, 2 if n & 32 else 1
            self.command("ESC !", bytes([n]))
        elif op == ord("t"):
            n = self.take(1)[0]
            if n not in CODE_PAGES:
                raise DecodeError(f"ESC t {n}: code page not known to the decoder")
            s.codec = CODE_PAGES[n]
            self.command("ESC t", bytes([n]))
        elif op == ord("d"):
            n = self.take(1)[0]
            if s.pending:
                self.flush_line()
            for _ in range(n):
                self.flush_line()
            self.command("ESC d", bytes([n]))
        elif op in _ESC_IGNORED:
            self.command(f"ESC {chr(op)}", self.take(_ESC_IGNORED[op]))
        else:
            raise DecodeError(f"unknown command ESC 0x{op:02x} at byte {self.pos - 2}")

    def gs(self, op: int) -> None:
        s = self.state
        if op == ord("!"):
            n = self.take(1)[0]
            s.width, s.height = (n >> 4) + 1, (n & 0x0F) + 1
            self.command("GS !", bytes([n]))
        elif op == ord("V"):
            m = self.take(1)[0]
            if m in (65, 66, 97, 98, 103, 104):
                self.take(1)
            elif m not in (0, 1, 48, 49):
                raise DecodeError(f"GS V {m}: unknown cut mode")
            if s.pending:
                self.flush_line()
            self.out.cuts += 1
            self.command("GS V", bytes([m]))
            self.out.ends_with_cut = True
        elif op == ord("("):
            self.gs_paren()
        elif op in _GS_IGNORED:
            self.command(f"GS {chr(op)}", self.take(_GS_IGNORED[op]))
        else:
            raise DecodeError(f"unknown command GS 0x{op:02x} at byte {self.pos - 2}")

    def gs_paren(self) -> None:
        """GS ( X pL pH data: 2D codes (k) are read; others are skipped by their length."""
        kind = self.take(1)
        size_lo, size_hi = self.take(2)
        body = self.take(size_lo + 256 * size_hi)
        self.command(f"GS ( {kind.decode('latin-1')}", body[:2])
        if kind != b"k":
            return
        if len(body) < 2:
            raise DecodeError("GS ( k: too short")
        cn, fn = body[0], body[1]
        if cn != 49:
            raise DecodeError(f"GS ( k: symbol type {cn} is not a QR code")
        if fn == 80:  # store data: m=48, then the payload
            self.state.qr_store = body[3:].decode("utf-8")
        elif fn == 81:  # print the stored symbol
            if self.state.qr_store is None:
                raise DecodeError("GS ( k: QR printed before data was stored")
            self.out.qr_payloads.append(self.state.qr_store)
        elif fn not in (65, 67, 69):  # model, module size, error correction
            raise DecodeError(f"GS ( k: unknown QR function {fn}")


def decode(data: bytes) -> Decoded:
    """Decodes a whole ESC/POS stream (DecodeError on unknown or truncated commands)."""
    return _Decoder(data).run()
