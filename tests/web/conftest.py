"""The web service under test: a real uvicorn server on a loopback port, real databases."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn

from shared.db import Database
from tests.conftest import DEMO_SITE
from tests.dbcopy import Templates
from tests.pgserver import PostgresServer
from web.app import create_app

BASE_URL = "http://antre.test"


def site_with_base_url(folder: Path, base_url: str = BASE_URL) -> Path:
    """The demo site file with `[web] base_url` set."""
    target = folder / "site.toml"
    target.write_text(DEMO_SITE.read_text(encoding="utf-8")
                      + f'\n[web]\nbase_url = "{base_url}"\n', encoding="utf-8")
    return target


@pytest.fixture
def web_db(db_url: str, tmp_path: Path, db_templates: Templates) -> Iterator[Database]:
    """The demo site with a base URL: a copy of its template (tests/dbcopy.py)."""
    database = db_templates.sqlite(Path(db_url.removeprefix("sqlite:///")),
                                   site_with_base_url(tmp_path))
    yield database
    database.dispose()


@pytest.fixture
def pg_web_db(pg_server: PostgresServer, tmp_path: Path,
              db_templates: Templates) -> Iterator[Database]:
    database = db_templates.postgres(pg_server, site_with_base_url(tmp_path))
    yield database
    database.dispose()


@dataclass
class LiveServer:
    url: str
    app: object
    server: uvicorn.Server
    thread: threading.Thread

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)
        assert not self.thread.is_alive()


def start_server(db: Database, *, poll_interval: float = 0.02,
                 link_misses_per_minute: int = 100_000, **options: int) -> LiveServer:
    """uvicorn in a thread on a free loopback port; returns once it accepts connections.
    The rate limit on link guesses is out of the way unless a test sets it; `options` go
    to create_app (e.g. booking_posts_per_minute)."""
    options.setdefault("booking_posts_per_minute", 100_000)
    app = create_app(db, poll_interval=poll_interval,
                     link_misses_per_minute=link_misses_per_minute, **options)
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_config=None, access_log=False,
                            lifespan="on", timeout_graceful_shutdown=1)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="uvicorn-test", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        threading.Event().wait(0.01)
    assert server.started, "the test server did not start"
    port = server.servers[0].sockets[0].getsockname()[1]
    return LiveServer(f"http://127.0.0.1:{port}", app, server, thread)


@pytest.fixture
def live(web_db: Database) -> Iterator[LiveServer]:
    server = start_server(web_db)
    yield server
    server.stop()


@pytest.fixture
def http(live: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live.url, timeout=30) as client:
        yield client


class Stream:
    """An SSE connection read event by event (with a generous timeout per event)."""

    def __init__(self, client: httpx.Client, url: str) -> None:
        self._context = client.stream("GET", url, timeout=httpx.Timeout(30, read=30))
        self.response = self._context.__enter__()
        self._lines = self.response.iter_lines()

    def next_event(self, *, deadline: float | None = None) -> dict[str, object]:
        """The next event; with a `deadline` (time.monotonic()), a keepalive after it fails."""
        data: list[str] = []
        name = "message"
        for line in self._lines:
            assert deadline is None or time.monotonic() < deadline, "no such event in time"
            if line.startswith("data:"):
                data.append(line[5:].strip())
            elif line.startswith("event:"):
                name = line[6:].strip()
            elif line == "" and data:
                return {"event": name, **json.loads("\n".join(data))}
        raise AssertionError("the stream ended")

    def wait_for(self, text: str, *, events: int = 50,
                 seconds: float | None = None) -> dict[str, object]:
        """Reads events until one's HTML holds `text` (failing after `seconds` if given, at
        the next keepalive)."""
        deadline = None if seconds is None else time.monotonic() + seconds
        for _ in range(events):
            event = self.next_event(deadline=deadline)
            if text in str(event.get("html", "")):
                return event
        raise AssertionError(f"no event with {text!r}")

    def close(self) -> None:
        self._context.__exit__(None, None, None)



def wait_until(condition: Callable[[], bool], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not reached"
        threading.Event().wait(0.02)
