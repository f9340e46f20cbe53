"""PINs and their hashes (salted scrypt), with the standard library only: the station file's
exit PIN hash is checked without loading the database layer.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from shared.errors import AntreError
from shared.words import Said

# scrypt cost: N=2^15, r=8 takes ~100 ms and 32 MiB here (2 cores; tests/benchmarks),
# so guessing a 4-digit PIN from a stolen hash costs ~17 minutes of a core, not seconds.
# Hashes made with a lower cost are upgraded at the next successful sign-in.
_N, _R, _P = 2**15, 8, 1
_MAXMEM = 64 * 1024 * 1024
_N_RANGE = (2**10, 2**20)  # what a stored hash may ask for (a larger N is a denial of service)
PIN_MIN, PIN_MAX = 4, 8
_ASCII_DIGITS = frozenset("0123456789")


@dataclass(frozen=True)
class PinHash:
    """A parsed `scrypt$N$r$p$salt$digest` string."""

    n: int
    r: int
    p: int
    salt: bytes
    digest: bytes

    @property
    def outdated(self) -> bool:
        return (self.n, self.r, self.p) != (_N, _R, _P)


def hash_pin(pin: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=_N, r=_R, p=_P, maxmem=_MAXMEM)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def _parse(stored: str) -> PinHash | Said:
    """The parts of a stored hash, or what is wrong with it (a catalogue code)."""
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != "scrypt":
        return Said("config.pin_hash_form")
    try:
        n, r, p = (int(x) for x in parts[1:4])
        salt, digest = bytes.fromhex(parts[4]), bytes.fromhex(parts[5])
    except ValueError:
        return Said("config.pin_hash_form")
    if not (_N_RANGE[0] <= n <= _N_RANGE[1] and n & (n - 1) == 0):
        return Said("config.pin_hash_cost_n", {"n": n})
    if not (1 <= r <= 32 and 1 <= p <= 4 and 128 * r * n <= _MAXMEM):
        return Said("config.pin_hash_cost")
    if len(salt) < 8 or len(digest) < 16:
        return Said("config.pin_hash_short")
    return PinHash(n, r, p, salt, digest)


def parse_hash(stored: str) -> PinHash:
    """The parts of a stored hash; ValueError (its argument the problem's code) when
    malformed."""
    parsed = _parse(stored)
    if isinstance(parsed, Said):
        raise ValueError(parsed.code)
    return parsed


def hash_problem(stored: str) -> Said | None:
    """What is wrong with a stored hash (a catalogue code with its data), or None."""
    parsed = _parse(stored)
    return parsed if isinstance(parsed, Said) else None


def verify_pin(pin: str, stored: str) -> bool:
    try:
        parsed = parse_hash(stored)
    except ValueError:
        return False
    candidate = hashlib.scrypt(pin.encode(), salt=parsed.salt, n=parsed.n, r=parsed.r,
                               p=parsed.p, maxmem=_MAXMEM, dklen=len(parsed.digest))
    return hmac.compare_digest(candidate, parsed.digest)


def pin_problem(pin: str) -> Said | None:
    """A PIN is 4 to 8 ASCII digits 0-9 (not Arabic-Indic or full-width digits)."""
    if not (PIN_MIN <= len(pin) <= PIN_MAX and set(pin) <= _ASCII_DIGITS):
        return Said("error.pin_format")
    return None


def validate_pin(pin: str) -> None:
    if pin_problem(pin) is not None:
        raise AntreError("error.pin_format")
