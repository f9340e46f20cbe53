"""The sliding window of the rate limiter, on a hand-driven clock."""

from __future__ import annotations

from web.limits import RateLimiter


def test_window_slides_and_clients_are_apart() -> None:
    now = [0.0]
    limiter = RateLimiter(limit=3, window_s=60, clock=lambda: now[0])
    for _ in range(3):
        assert not limiter.blocked("a")
        limiter.record("a")
    assert limiter.blocked("a") and not limiter.blocked("b")
    now[0] = 59.0
    assert limiter.blocked("a")
    now[0] = 60.5
    assert not limiter.blocked("a")


def test_idle_clients_are_forgotten() -> None:
    now = [0.0]
    limiter = RateLimiter(limit=1, window_s=1, clock=lambda: now[0])
    for n in range(10_002):
        limiter.record(f"client-{n}")
    now[0] = 5.0
    limiter.record("late")
    assert len(limiter._hits) < 100
