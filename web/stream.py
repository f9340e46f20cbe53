"""Server-sent events: one stream per open page, woken by the hub, never polling itself."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from fastapi.responses import StreamingResponse

from web.hub import Generation, Hub, Key

#: How long a page waits before reconnecting after the stream ends (server restart).
RETRY_MS = 2000

class Same:
    """What a payload returns when its page has nothing new (nothing is rendered or sent)."""


SAME = Same()
Payload = Callable[[Generation], Awaitable[dict[str, Any] | Same | None]]


def event_stream(hub: Hub, key: Key, payload: Payload,
                 on_close: Callable[[], None]) -> StreamingResponse:
    """Sends `payload(generation)` now and each time the hub wakes the page's `key` (a ticket
    id, or the board), when it differs from the last one sent; SAME sends nothing, None ends
    the stream (the page then reloads)."""

    async def events() -> AsyncIterator[str]:
        try:
            yield f"retry: {RETRY_MS}\n\n"
            seen, last = -1, None
            while True:
                generation = await hub.next_generation(key, seen)
                if generation.number == seen:
                    yield ": keepalive\n\n"
                    continue
                seen = generation.number
                data = await payload(generation)
                if data is None:
                    yield "event: gone\ndata: {}\n\n"
                    return
                if isinstance(data, Same):
                    continue
                text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
                if text != last:
                    last = text
                    yield f"data: {text}\n\n"
        finally:
            on_close()

    return StreamingResponse(events(), media_type="text/event-stream",
                             headers={"X-Accel-Buffering": "no"})
