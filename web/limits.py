"""Per-client rate limits: a client that keeps guessing ticket links is told to wait.

A sliding window of recent misses per client address (the proxy's X-Forwarded-For when
antre-web runs with --proxy). Only misses count, so a visitor reloading a real page never
hits the limit, while guessing 80-bit tokens stays hopeless.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

from fastapi import Request


class RateLimiter:
    def __init__(self, *, limit: int, window_s: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.window_s = window_s
        self._clock = clock
        self._hits: dict[str, deque[float]] = {}

    def _recent(self, key: str) -> deque[float]:
        now = self._clock()
        hits = self._hits.get(key)
        if hits is None:
            if len(self._hits) > 10_000:  # bounded memory: forget idle clients
                self._forget(now)
            hits = self._hits[key] = deque()
        while hits and now - hits[0] > self.window_s:
            hits.popleft()
        return hits

    def blocked(self, key: str) -> bool:
        return len(self._recent(key)) >= self.limit

    def record(self, key: str) -> None:
        self._recent(key).append(self._clock())

    def _forget(self, now: float) -> None:
        for key in [k for k, v in self._hits.items() if not v or now - v[-1] > self.window_s]:
            del self._hits[key]


def client_key(request: Request) -> str:
    return request.client.host if request.client else "unknown"
