"""The cost of checking one staff or kiosk PIN (scrypt at the current parameters).

It is what a console's sign-in waits (one hash: sign-in picks the staff member first), and
what a thief of the hashes pays per guess: ~100 ms here means a 4-digit PIN takes ~17
minutes of a core, not the 85 s it took at N=2^13.
"""

from __future__ import annotations

from shared.pins import hash_pin, verify_pin


def test_pin_check_cost(benchmark) -> None:  # type: ignore[no-untyped-def]
    stored = hash_pin("4821")
    assert benchmark.pedantic(verify_pin, args=("4821", stored), rounds=15, iterations=1)
